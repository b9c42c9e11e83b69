//===- npy.cpp - fuzz: the .npy reader --------------------------------------===//
//
// Part of the nn-mlir project.
//
// nn::jit::parseNpy (what readNpy runs on a file's bytes) on the input; an
// array it accepts is printed and re-serialized, which must read back equal.
//
//===----------------------------------------------------------------------===//

#include "nn/JIT/HostTensor.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  llvm::Expected<nn::jit::HostTensor> tensor = nn::jit::parseNpy(bytes);
  if (!tensor) {
    llvm::consumeError(tensor.takeError());
    return 0;
  }
  std::string printed;
  llvm::raw_string_ostream os(printed);
  nn::jit::printTensorValues(os, *tensor);
  std::string again = nn::jit::serializeNpy(*tensor);
  llvm::Expected<nn::jit::HostTensor> back = nn::jit::parseNpy(again);
  if (!back || !(back->getType() == tensor->getType()) ||
      std::memcmp(back->data(), tensor->data(), tensor->sizeInBytes()) != 0)
    abort(); // serializeNpy wrote what parseNpy does not read back.
  return 0;
}
