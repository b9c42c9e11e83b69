//===- NNAttrs.h - nn dialect attributes -------------------------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_DIALECT_NN_IR_NNATTRS_H
#define NN_DIALECT_NN_IR_NNATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"

#include "nn/Dialect/NN/IR/NNEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "nn/Dialect/NN/IR/NNAttrs.h.inc"

namespace mlir::nn {
/// Name of the discardable attribute that carries a LoweringConfigAttr.
constexpr llvm::StringLiteral kLoweringConfigAttrName = "nn.lowering_config";
} // namespace mlir::nn

#endif // NN_DIALECT_NN_IR_NNATTRS_H
