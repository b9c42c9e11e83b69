//===- FileUtils.h - file helpers of the JIT library ------------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_LIB_JIT_FILEUTILS_H
#define NN_LIB_JIT_FILEUTILS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace nn::jit::internal {

/// Writes `bytes` to a uniquely named temporary file beside `path`, then
/// renames it over `path`: readers (other processes included) see the old
/// file or the whole new one, never a part; a killed process leaves no
/// temporary file.
llvm::Error writeFileAtomically(llvm::StringRef path, llvm::StringRef bytes);

} // namespace nn::jit::internal

#endif // NN_LIB_JIT_FILEUTILS_H
