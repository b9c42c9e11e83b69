//===- ReadArrays.cpp - what the .npy / .npz readers make of files --------===//
//
// Part of the nn-mlir project.
//
// nn-read-arrays FILE...: reads each .npz with readNpz and anything else
// with readNpy, as nn-jit's --params and --input do (an argument
// --literal=SPEC parses SPEC as --input=SPEC does instead), and prints per
// file one line, tab-separated:
//
//   FILE  error  MESSAGE
//   FILE  ok     N                                (then N lines:)
//   FILE  array  NAME-HEX  DTYPE  DIMS  DATA-HEX  (DIMS comma-separated)
//
// One process for a whole corpus: test/nn-jit/hardening/npy-oracle.test
// compares the lines with np.load. Built with the sanitizers, like
// nn-malformed-input-check.
//
//===----------------------------------------------------------------------===//

#include "nn/JIT/HostTensor.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace nn::jit;

static void printArray(llvm::StringRef file, llvm::StringRef name,
                       const HostTensor &tensor) {
  const TensorType &type = tensor.getType();
  llvm::outs() << file << "\tarray\t" << llvm::toHex(name, /*LowerCase=*/true)
               << "\t" << dtypeName(type.dtype) << "\t"
               << llvm::join(llvm::map_range(
                                 type.shape,
                                 [](int64_t d) { return std::to_string(d); }),
                             ",")
               << "\t"
               << llvm::toHex(
                      llvm::StringRef(static_cast<const char *>(tensor.data()),
                                      tensor.sizeInBytes()),
                      /*LowerCase=*/true)
               << "\n";
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef file(argv[i]);
    auto fail = [&](llvm::Error error) {
      std::string message = llvm::toString(std::move(error));
      // One line: member names in messages may hold control characters.
      for (char &c : message)
        if (static_cast<unsigned char>(c) < 0x20)
          c = '?';
      llvm::outs() << file << "\terror\t" << message << "\n";
    };
    if (llvm::StringRef spec = file; spec.consume_front("--literal=")) {
      auto tensor = parseTensorLiteral(spec);
      if (!tensor) {
        fail(tensor.takeError());
        continue;
      }
      llvm::outs() << file << "\tok\t1\n";
      printArray(file, "", *tensor);
    } else if (file.ends_with(".npz")) {
      auto arrays = readNpz(file);
      if (!arrays) {
        fail(arrays.takeError());
        continue;
      }
      llvm::outs() << file << "\tok\t" << arrays->size() << "\n";
      for (const auto &[name, tensor] : *arrays)
        printArray(file, name, tensor);
    } else {
      auto tensor = readNpy(file);
      if (!tensor) {
        fail(tensor.takeError());
        continue;
      }
      llvm::outs() << file << "\tok\t1\n";
      printArray(file, "", *tensor);
    }
  }
  return 0;
}
