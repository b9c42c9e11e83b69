//===- DiskCache.cpp - compiled objects on disk, shared by processes ------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "DiskCache.h"

#include "FileUtils.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <vector>

#include <sys/time.h>

using namespace nn::jit::internal;

namespace {
constexpr llvm::StringLiteral kMagic = "NNJITOBJ";
constexpr uint32_t kFormatVersion = 1;
constexpr llvm::StringLiteral kSuffix = ".nnobj";

/// Warns about unusable entries and I/O failures once per process.
void warnOnce(const llvm::Twine &message) {
  static std::atomic<bool> warned{false};
  if (!warned.exchange(true))
    llvm::WithColor::warning(llvm::errs(), "nn-jit")
        << message << " (further cache warnings are not shown)\n";
}

template <typename T> void append(std::string &out, T value) {
  out.append(reinterpret_cast<const char *>(&value), sizeof(T));
}
template <typename T> bool take(llvm::StringRef &in, T &value) {
  if (in.size() < sizeof(T))
    return false;
  std::memcpy(&value, in.data(), sizeof(T));
  in = in.drop_front(sizeof(T));
  return true;
}
} // namespace

std::string DiskCache::entryPath(llvm::StringRef key) const {
  llvm::SmallString<256> path(directory);
  llvm::sys::path::append(path, key + kSuffix);
  return std::string(path);
}

std::unique_ptr<llvm::MemoryBuffer> DiskCache::load(llvm::StringRef key) const {
  std::string path = entryPath(key);
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file)
    return nullptr; // A plain miss.
  llvm::StringRef in = (*file)->getBuffer();
  auto unusable = [&](llvm::StringRef why) {
    warnOnce("ignoring cache entry '" + path + "' (" + why + "); recompiling");
    return nullptr;
  };
  uint32_t version = 0, keyLength = 0;
  uint64_t size = 0;
  if (!in.consume_front(kMagic) || !take(in, version))
    return unusable("not an nn-mlir cache entry");
  if (version != kFormatVersion)
    return unusable("format version " + std::to_string(version));
  if (!take(in, keyLength) || in.size() < keyLength ||
      in.take_front(keyLength) != key)
    return unusable("written for another key");
  in = in.drop_front(keyLength);
  if (!take(in, size) || in.size() < 32 || in.size() - 32 != size)
    return unusable("truncated");
  llvm::StringRef digest = in.take_front(32), object = in.drop_front(32);
  std::array<uint8_t, 32> actual = llvm::SHA256::hash(llvm::arrayRefFromStringRef(object));
  if (std::memcmp(actual.data(), digest.data(), 32) != 0)
    return unusable("checksum mismatch");
  // Refresh the eviction order; failing to is harmless.
  (void)::utimes(path.c_str(), nullptr);
  return llvm::MemoryBuffer::getMemBufferCopy(object, path);
}

void DiskCache::store(llvm::StringRef key, llvm::StringRef object) const {
  if (std::error_code ec = llvm::sys::fs::create_directories(directory)) {
    warnOnce("cannot create the cache directory '" + directory +
             "': " + ec.message());
    return;
  }
  std::string entry;
  entry += kMagic;
  append(entry, kFormatVersion);
  append(entry, static_cast<uint32_t>(key.size()));
  entry += key;
  append(entry, static_cast<uint64_t>(object.size()));
  std::array<uint8_t, 32> digest = llvm::SHA256::hash(llvm::arrayRefFromStringRef(object));
  entry.append(reinterpret_cast<const char *>(digest.data()), digest.size());
  entry += object;

  if (llvm::Error error = writeFileAtomically(entryPath(key), entry)) {
    warnOnce(llvm::toString(std::move(error)));
    return;
  }
  evict(key);
}

void DiskCache::evict(llvm::StringRef keep) const {
  struct Entry {
    std::string path;
    uint64_t size;
    llvm::sys::TimePoint<> modified;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(directory, ec), end;
       it != end && !ec; it.increment(ec)) {
    if (!llvm::StringRef(it->path()).ends_with(kSuffix))
      continue;
    llvm::sys::fs::file_status status;
    if (llvm::sys::fs::status(it->path(), status))
      continue; // Removed by another process meanwhile.
    entries.push_back({it->path(), status.getSize(),
                       status.getLastModificationTime()});
    total += status.getSize();
  }
  if (total <= sizeLimit)
    return;
  std::sort(entries.begin(), entries.end(),
            [](const Entry &a, const Entry &b) { return a.modified < b.modified; });
  std::string kept = entryPath(keep);
  for (const Entry &entry : entries) {
    if (total <= sizeLimit)
      break;
    if (entry.path == kept)
      continue;
    if (!llvm::sys::fs::remove(entry.path))
      total -= entry.size;
  }
}
