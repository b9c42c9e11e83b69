//===- MalformedInputCheck.cpp - file readers under the sanitizers --------===//
//
// Part of the nn-mlir project.
//
// Built with AddressSanitizer and UndefinedBehaviorSanitizer (see
// test/unittests/CMakeLists.txt) together with the .npy/.npz reader and the
// disk-cache loader, and fed thousands of malformed inputs: truncations,
// flipped bytes and mangled headers of valid files. Each must be rejected (or,
// for a harmless byte, read correctly) without any sanitizer report.
// Prints "checked N inputs" at the end.
//
//===----------------------------------------------------------------------===//

#include "../../../lib/JIT/DiskCache.h"
#include "nn/JIT/HostTensor.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <random>

using namespace nn::jit;

namespace {

std::string writeTemp(llvm::StringRef dir, llvm::StringRef name,
                      llvm::StringRef bytes) {
  llvm::SmallString<128> path(dir);
  llvm::sys::path::append(path, name);
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  os << bytes;
  return std::string(path);
}

std::string readAll(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

/// Mutations of `valid`: every truncation (up to 512 bytes, then sampled)
/// and random byte flips.
std::vector<std::string> mutations(const std::string &valid, std::mt19937 &rng) {
  std::vector<std::string> result;
  for (size_t length = 0; length < valid.size();
       length += length < 512 ? 1 : 97)
    result.push_back(valid.substr(0, length));
  std::uniform_int_distribution<size_t> at(0, valid.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 1000; ++i) {
    std::string m = valid;
    for (int flips = 1 + i % 3; flips > 0; --flips)
      m[at(rng)] = static_cast<char>(byte(rng));
    result.push_back(std::move(m));
  }
  return result;
}

} // namespace

int main() {
  llvm::SmallString<128> dir;
  if (llvm::sys::fs::createUniqueDirectory("nn-malformed", dir))
    return 2;
  std::mt19937 rng(1234);
  size_t checked = 0;

  TensorType type;
  type.shape = {3, 7};
  HostTensor tensor(type);
  for (int i = 0; i < 21; ++i)
    tensor.dataAs<float>()[i] = i * 0.5f;

  // .npy
  for (const std::string &bytes : mutations(serializeNpy(tensor), rng)) {
    auto parsed = parseNpy(bytes);
    if (!parsed)
      llvm::consumeError(parsed.takeError());
    ++checked;
  }

  // .npz
  std::string npzPath = writeTemp(dir, "valid.npz", "");
  if (writeNpz(npzPath, {{"w", &tensor}, {"b", &tensor}}))
    return 2;
  for (const std::string &bytes : mutations(readAll(npzPath), rng)) {
    auto arrays = readNpz(writeTemp(dir, "m.npz", bytes));
    if (!arrays)
      llvm::consumeError(arrays.takeError());
    ++checked;
  }

  // Disk-cache entries: a valid one, then mutations under the same key.
  internal::DiskCache cache(std::string(dir) + "/cache", 1 << 20);
  std::string key(64, 'a');
  std::string object = serializeNpy(tensor); // Any bytes will do.
  cache.store(key, object);
  std::string entry = readAll(cache.entryPath(key));
  for (const std::string &bytes : mutations(entry, rng)) {
    writeTemp(std::string(dir) + "/cache", key + ".nnobj", bytes);
    if (auto loaded = cache.load(key))
      if (loaded->getBuffer() != object)
        return llvm::errs() << "a corrupt entry was accepted\n", 1;
    ++checked;
  }

  llvm::sys::fs::remove_directories(dir);
  llvm::outs() << "checked " << checked << " inputs\n";
  return 0;
}
