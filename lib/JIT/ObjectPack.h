//===- ObjectPack.h - a compiled unit's objects as one buffer ---*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_LIB_JIT_OBJECTPACK_H
#define NN_LIB_JIT_OBJECTPACK_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace nn::jit::internal {

/// A compiled unit is one or more relocatable objects (codegen splits a
/// large unit to compile its parts on several threads), kept and cached as
/// one buffer: "NNPACK01", the object count (u32), each object's size
/// (u64), then the objects, all little-endian.
std::string packObjects(llvm::ArrayRef<std::string> objects);

/// The objects of `pack`, viewing its bytes; an error for anything that is
/// not exactly a pack.
llvm::Expected<llvm::SmallVector<llvm::StringRef>>
unpackObjects(llvm::StringRef pack);

} // namespace nn::jit::internal

#endif // NN_LIB_JIT_OBJECTPACK_H
