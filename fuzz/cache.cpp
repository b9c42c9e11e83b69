//===- cache.cpp - fuzz: the disk cache's entry loader ----------------------===//
//
// Part of the nn-mlir project.
//
// The input is a cache entry (`<dir>/<key>.nnobj`): written to a private
// directory (0700, entry 0600), then loaded by DiskCache::load, once as the
// JIT's fallback does (no symbols) and once requiring a symbol (the object
// file is parsed). A miss is expected; a crash, a report or a hang is not.
// The input's first byte chooses what the rest is: an entry as it is (even),
// or a payload (an object pack, ObjectPack.h, or anything) that gets a valid
// header (odd), for a SHA-256 the mutations would never match.
//
//===----------------------------------------------------------------------===//

#include "DiskCache.h"
#include "FuzzFiles.h"

#include "llvm/Support/SHA256.h"

#include <array>
#include <cstdint>
#include <string>

using nn::jit::internal::DiskCache;

// The key of the seeds in fuzz/corpus/cache (64 hex digits, as the JIT's).
static const std::string kKey(64, 'a');

static const std::string &getDirectory() {
  static const std::string directory =
      nn::fuzz::makePrivateDirectory("cache", kKey + ".nnobj");
  return directory;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // A large limit: no eviction (store is not what this target tests).
  DiskCache cache(getDirectory(), uint64_t(1) << 40);
  std::string path = cache.entryPath(kKey);
  if (size == 0)
    return 0;
  std::string wrapped;
  bool wrap = data[0] & 1;
  ++data, --size;
  if (wrap) {
    llvm::ArrayRef<uint8_t> object(data, size);
    wrapped = "NNJITOBJ";
    auto append = [&](auto value) {
      wrapped.append(reinterpret_cast<const char *>(&value), sizeof(value));
    };
    append(uint32_t(1));
    append(uint32_t(kKey.size()));
    wrapped += kKey;
    append(uint64_t(size));
    std::array<uint8_t, 32> digest = llvm::SHA256::hash(object);
    wrapped.append(reinterpret_cast<const char *>(digest.data()), digest.size());
    wrapped.append(reinterpret_cast<const char *>(data), size);
    data = reinterpret_cast<const uint8_t *>(wrapped.data());
    size = wrapped.size();
  }
  nn::fuzz::writeInputFile(path, data, size);
  (void)cache.load(kKey);
  (void)cache.load(kKey, {std::string("_mlir_ciface_f"), std::string("f")});
  return 0;
}
