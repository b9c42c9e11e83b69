//===- Passes.h - nn CPU code generation passes ------------------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_CODEGEN_PASSES_H
#define NN_CODEGEN_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

#include "nn/Dialect/NN/IR/NNDialect.h"

namespace mlir::nn {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "nn/Codegen/Passes.h.inc"

} // namespace mlir::nn

#endif // NN_CODEGEN_PASSES_H
