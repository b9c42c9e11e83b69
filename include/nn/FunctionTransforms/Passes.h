//===- Passes.h - function transformations ----------------------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_FUNCTIONTRANSFORMS_PASSES_H
#define NN_FUNCTIONTRANSFORMS_PASSES_H

#include "nn/Dialect/NN/IR/NNDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace mlir::nn {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "nn/FunctionTransforms/Passes.h.inc"

} // namespace mlir::nn

#endif // NN_FUNCTIONTRANSFORMS_PASSES_H
