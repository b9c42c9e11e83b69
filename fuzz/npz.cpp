//===- npz.cpp - fuzz: the .npz reader --------------------------------------===//
//
// Part of the nn-mlir project.
//
// nn::jit::readNpz takes a path: each input is written to a file of its own
// in a private temporary directory (tmpfs where available), then read.
//
//===----------------------------------------------------------------------===//

#include "FuzzFiles.h"

#include "nn/JIT/HostTensor.h"

#include <cstdint>

static const std::string &getPath() {
  static const std::string path =
      nn::fuzz::makePrivateDirectory("npz", "input.npz") + "/input.npz";
  return path;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string &path = getPath();
  nn::fuzz::writeInputFile(path, data, size);
  auto arrays = nn::jit::readNpz(path);
  if (!arrays) {
    llvm::consumeError(arrays.takeError());
    return 0;
  }
  std::string printed;
  llvm::raw_string_ostream os(printed);
  for (auto &[name, tensor] : *arrays)
    nn::jit::printTensorValues(os << name, tensor);
  return 0;
}
