//===- DiskCache.cpp - compiled objects on disk, shared by processes ------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "DiskCache.h"
#include "ObjectPack.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/Errno.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

/// Reads exactly `size` bytes of `fd` into `data`; false at an error or
/// the end of the file.
bool readFully(int fd, char *data, size_t size) {
  while (size > 0) {
    ssize_t got = llvm::sys::RetryAfterSignal(-1, ::read, fd, data, size);
    if (got <= 0)
      return false;
    data += got;
    size -= static_cast<size_t>(got);
  }
  return true;
}

/// Why the cache directory or an entry with `status` is not to be trusted
/// (as ssh treats its keys: owned by this user, writable by no one else),
/// or empty.
std::string distrust(const struct stat &status) {
  if (status.st_uid != ::geteuid())
    return "owned by uid " + std::to_string(status.st_uid) + ", not by uid " +
           std::to_string(::geteuid());
  if (status.st_mode & (S_IWGRP | S_IWOTH))
    return "writable by its group or others";
  return "";
}

/// Writes `bytes` to a new temporary file beside `path` that only its owner
/// may read and write, then renames it over `path`. Unlike a tool's output
/// (writeFileAtomically), whatever is at `path`, a symlink or a FIFO
/// included, is replaced, never written through: an entry is the cache's
/// own file.
llvm::Error writeEntry(llvm::StringRef path, llvm::StringRef bytes) {
  auto failure = [&](const llvm::Twine &why) {
    return llvm::createStringError(
        ("cannot write '" + path + "': " + why).str());
  };
  llvm::SmallString<256> model(path);
  model += "-%%%%%%%%.tmp";
  int fd;
  llvm::SmallString<256> temporary;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(
          model, fd, temporary, llvm::sys::fs::OF_None,
          llvm::sys::fs::owner_read | llvm::sys::fs::owner_write))
    return failure(ec.message());
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << bytes;
    os.close();
    if (os.has_error()) {
      std::string message = os.error().message();
      os.clear_error();
      llvm::sys::fs::remove(temporary);
      return failure(message);
    }
  }
  if (std::error_code ec = llvm::sys::fs::rename(temporary, path)) {
    llvm::sys::fs::remove(temporary);
    return failure(ec.message());
  }
  return llvm::Error::success();
}
} // namespace

std::string DiskCache::entryPath(llvm::StringRef key) const {
  llvm::SmallString<256> path(directory);
  llvm::sys::path::append(path, key + kSuffix);
  return std::string(path);
}

void DiskCache::refuse(llvm::StringRef path, llvm::StringRef why) const {
  off = true;
  warnOnce("not using the compile cache: '" + path + "' is " + why +
           " (the cache holds code, so it must be owned by you and writable "
           "by you alone); compiling without it");
}

bool DiskCache::useDirectory() const {
  if (off)
    return false;
  struct stat status;
  if (::stat(directory.c_str(), &status) != 0)
    return false; // Not created yet: every entry is a miss.
  if (!S_ISDIR(status.st_mode)) {
    refuse(directory, "not a directory");
    return false;
  }
  if (std::string why = distrust(status); !why.empty()) {
    refuse(directory, why);
    return false;
  }
  return true;
}

std::unique_ptr<llvm::MemoryBuffer>
DiskCache::load(llvm::StringRef key,
                llvm::ArrayRef<std::string> symbols) const {
  if (!useDirectory())
    return nullptr;
  std::string path = entryPath(key);
  auto unusable = [&](const llvm::Twine &why) {
    warnOnce("ignoring cache entry '" + path + "' (" + why + "); recompiling");
    return nullptr;
  };
  // Not following a link (to /dev/zero, read without end) nor blocking (on
  // a FIFO without a writer).
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      return nullptr; // A plain miss.
    if (errno == ELOOP)
      return unusable("a symbolic link");
    return unusable(llvm::sys::StrError(errno));
  }
  llvm::scope_exit closeFile([&] { ::close(fd); });
  struct stat status;
  if (::fstat(fd, &status) != 0)
    return unusable(llvm::sys::StrError(errno));
  if (!S_ISREG(status.st_mode))
    return unusable("not a regular file");
  if (std::string why = distrust(status); !why.empty()) {
    refuse(path, why);
    return nullptr;
  }

  // The header, then an object of the size it states, which must be what
  // is left of the file: no read goes past the file's real size.
  uint64_t fileSize = static_cast<uint64_t>(status.st_size);
  uint64_t prefixSize = kMagic.size() + 4 + 4;
  uint64_t headerSize = prefixSize + key.size() + 8 + 32;
  std::string header(headerSize, '\0');
  if (!readFully(fd, header.data(), std::min(fileSize, prefixSize)))
    return unusable("truncated");
  llvm::StringRef in = llvm::StringRef(header).take_front(fileSize);
  uint32_t version = 0, keyLength = 0;
  uint64_t size = 0;
  if (!in.consume_front(kMagic) || !take(in, version))
    return unusable("not an nn-mlir cache entry");
  if (version != kFormatVersion)
    return unusable("format version " + std::to_string(version));
  if (!take(in, keyLength) || keyLength != key.size())
    return unusable("written for another key");
  if (fileSize < headerSize ||
      !readFully(fd, header.data() + prefixSize, headerSize - prefixSize))
    return unusable("truncated");
  in = llvm::StringRef(header).drop_front(prefixSize);
  if (in.take_front(keyLength) != key)
    return unusable("written for another key");
  in = in.drop_front(keyLength);
  take(in, size);
  llvm::StringRef digest = in;
  if (fileSize - headerSize != size)
    return unusable("truncated");
  std::unique_ptr<llvm::WritableMemoryBuffer> object =
      llvm::WritableMemoryBuffer::getNewUninitMemBuffer(size, path);
  if (!object)
    return unusable("out of memory");
  if (!readFully(fd, object->getBufferStart(), size))
    return unusable("truncated");
  std::array<uint8_t, 32> actual =
      llvm::SHA256::hash(llvm::arrayRefFromStringRef(
          llvm::StringRef(object->getBufferStart(), size)));
  if (std::memcmp(actual.data(), digest.data(), 32) != 0)
    return unusable("checksum mismatch");

  // A well-formed entry may still hold another unit's object: it must
  // define what the caller looks up (else ORC fails with "Symbols not
  // found" instead of recompiling).
  if (!symbols.empty()) {
    auto objects = unpackObjects(
        llvm::StringRef(object->getBufferStart(), object->getBufferSize()));
    if (!objects)
      return unusable(llvm::toString(objects.takeError()));
    llvm::StringSet<> defined;
    for (llvm::StringRef bytes : *objects) {
      auto file = llvm::object::ObjectFile::createObjectFile(
          llvm::MemoryBufferRef(bytes, path));
      if (!file)
        return unusable("not an object file: " +
                        llvm::toString(file.takeError()));
      // A symbol table is read only as far as it is well formed and fits
      // the object: a forged table may claim billions of entries, each
      // one an error (a hang found by the cache fuzzer).
      size_t symbolsLeft = bytes.size() / 16;
      for (const llvm::object::SymbolRef &symbol : (*file)->symbols()) {
        if (symbolsLeft-- == 0)
          return unusable("its symbol table is larger than the object");
        llvm::Expected<uint32_t> flags = symbol.getFlags();
        llvm::Expected<llvm::StringRef> name = symbol.getName();
        if (!flags || !name) {
          std::string why = !flags ? llvm::toString(flags.takeError())
                                   : llvm::toString(name.takeError());
          llvm::consumeError(flags.takeError());
          llvm::consumeError(name.takeError());
          return unusable("a malformed symbol table: " + why);
        }
        if ((*flags & llvm::object::SymbolRef::SF_Global) &&
            !(*flags & llvm::object::SymbolRef::SF_Undefined))
          defined.insert(*name);
      }
    }
    for (const std::string &symbol : symbols)
      if (!defined.contains(symbol))
        return unusable("it does not define '" + symbol + "'");
  }

  // Refresh the eviction order; failing to is harmless.
  (void)::futimens(fd, nullptr);
  return object;
}

void DiskCache::store(llvm::StringRef key, llvm::StringRef object) const {
  if (off)
    return;
  // Only the user may read or write the directory (ancestors it creates
  // included), whatever the umask.
  if (std::error_code ec = llvm::sys::fs::create_directories(
          directory, /*IgnoreExisting=*/true, llvm::sys::fs::owner_all)) {
    warnOnce("cannot create the cache directory '" + directory +
             "': " + ec.message());
    return;
  }
  if (!useDirectory())
    return;
  std::string entry;
  entry += kMagic;
  append(entry, kFormatVersion);
  append(entry, static_cast<uint32_t>(key.size()));
  entry += key;
  append(entry, static_cast<uint64_t>(object.size()));
  std::array<uint8_t, 32> digest = llvm::SHA256::hash(llvm::arrayRefFromStringRef(object));
  entry.append(reinterpret_cast<const char *>(digest.data()), digest.size());
  entry += object;

  if (llvm::Error error = writeEntry(entryPath(key), entry)) {
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
    if (llvm::sys::fs::status(it->path(), status, /*Follow=*/false))
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
