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
/// Name of the function result attribute `nn.donated_from = <argument> : i64`:
/// the result is the argument's buffer, updated in place (see the dialect's
/// description).
constexpr llvm::StringLiteral kDonatedFromAttrName = "nn.donated_from";
} // namespace mlir::nn

#endif // NN_DIALECT_NN_IR_NNATTRS_H
