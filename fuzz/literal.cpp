//===- literal.cpp - fuzz: the --input literal parser -----------------------===//
//
// Part of the nn-mlir project.
//
// nn::jit::parseTensorLiteral (nn-jit's `--input 2x3xf32=1,2,...`) on the
// input; what it accepts is printed.
//
//===----------------------------------------------------------------------===//

#include "nn/JIT/HostTensor.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef spec(reinterpret_cast<const char *>(data), size);
  llvm::Expected<nn::jit::HostTensor> tensor =
      nn::jit::parseTensorLiteral(spec);
  if (!tensor) {
    llvm::consumeError(tensor.takeError());
    return 0;
  }
  std::string printed;
  llvm::raw_string_ostream os(printed);
  nn::jit::printTensorValues(os, *tensor);
  return 0;
}
