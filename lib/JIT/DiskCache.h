//===- DiskCache.h - compiled objects on disk, shared by processes -*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_LIB_JIT_DISKCACHE_H
#define NN_LIB_JIT_DISKCACHE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <atomic>
#include <memory>
#include <string>

namespace nn::jit::internal {

/// Content-addressed object files: `<dir>/<key>.nnobj`, each with a header
/// (magic, format version, the full key, the object's size and SHA-256)
/// checked on load. Entries are written to a unique temporary file and
/// renamed, so processes sharing the directory never see half an entry.
/// Anything unusable is a miss, never a crash or a hang: entries are opened
/// without following links or blocking, only regular files are read, at
/// most the size their header states, and an object must define the
/// symbols the caller looks up. Cache I/O failures are warnings: the cache is
/// an optimization.
///
/// The cache is code: whoever can write the directory or an entry chooses
/// what runs. The directory is created 0700 and entries 0600; a directory
/// or entry (not its ancestors) that another user owns or that its group or
/// others may write turns the cache off for the run, with one warning.
class DiskCache {
public:
  DiskCache(std::string directory, uint64_t sizeLimit)
      : directory(std::move(directory)), sizeLimit(sizeLimit) {}

  /// The object cached under `key`, or null. Where `symbols` is not empty,
  /// the entry must be an object file that defines each of them (global,
  /// not undefined); otherwise it is a miss. A hit refreshes the entry's
  /// modification time (the eviction order).
  std::unique_ptr<llvm::MemoryBuffer>
  load(llvm::StringRef key, llvm::ArrayRef<std::string> symbols = {}) const;

  /// Stores `object` under `key`, then evicts the least recently used
  /// entries while the directory holds more than the size limit.
  void store(llvm::StringRef key, llvm::StringRef object) const;

  std::string entryPath(llvm::StringRef key) const;

private:
  void evict(llvm::StringRef keep) const;
  /// Whether the directory exists and may be trusted; turns the cache off
  /// (`off`) where it may not.
  bool useDirectory() const;
  /// Turns the cache off for the run, with a warning saying why.
  void refuse(llvm::StringRef path, llvm::StringRef why) const;

  std::string directory;
  uint64_t sizeLimit;
  mutable std::atomic<bool> off{false};
};

} // namespace nn::jit::internal

#endif // NN_LIB_JIT_DISKCACHE_H
