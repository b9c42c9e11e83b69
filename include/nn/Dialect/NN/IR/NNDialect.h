//===- NNDialect.h - nn dialect ----------------------------------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_DIALECT_NN_IR_NNDIALECT_H
#define NN_DIALECT_NN_IR_NNDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"

#include "nn/Dialect/NN/IR/NNOpsDialect.h.inc"

#define GET_TYPEDEF_CLASSES
#include "nn/Dialect/NN/IR/NNOpsTypes.h.inc"

#endif // NN_DIALECT_NN_IR_NNDIALECT_H
