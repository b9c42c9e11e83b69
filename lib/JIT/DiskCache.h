//===- DiskCache.h - compiled objects on disk, shared by processes -*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_LIB_JIT_DISKCACHE_H
#define NN_LIB_JIT_DISKCACHE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <string>

namespace nn::jit::internal {

/// Content-addressed object files: `<dir>/<key>.nnobj`, each with a header
/// (magic, format version, the full key, the object's size and SHA-256)
/// checked on load. Entries are written to a unique temporary file and
/// renamed, so processes sharing the directory never see half an entry.
/// Anything unusable is a miss, never a crash. Cache I/O failures are
/// warnings: the cache is an optimization.
class DiskCache {
public:
  DiskCache(std::string directory, uint64_t sizeLimit)
      : directory(std::move(directory)), sizeLimit(sizeLimit) {}

  /// The object cached under `key`, or null. A hit refreshes the entry's
  /// modification time (the eviction order).
  std::unique_ptr<llvm::MemoryBuffer> load(llvm::StringRef key) const;

  /// Stores `object` under `key`, then evicts the least recently used
  /// entries while the directory holds more than the size limit.
  void store(llvm::StringRef key, llvm::StringRef object) const;

  std::string entryPath(llvm::StringRef key) const;

private:
  void evict(llvm::StringRef keep) const;

  std::string directory;
  uint64_t sizeLimit;
};

} // namespace nn::jit::internal

#endif // NN_LIB_JIT_DISKCACHE_H
