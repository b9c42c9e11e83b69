//===- NNTraits.h - traits shared by nn ops ---------------------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_DIALECT_NN_IR_NNTRAITS_H
#define NN_DIALECT_NN_IR_NNTRAITS_H

#include "nn/Dialect/NN/IR/NNShapes.h"

#include "mlir/IR/OpDefinition.h"

namespace mlir::nn::OpTrait {

/// The op's optional `mask` operand is a timestep mask of its `input`
/// (rule M1 of the op: an i1 [batch, time] tensor).
template <typename ConcreteType>
class TimestepMasked
    : public mlir::OpTrait::TraitBase<ConcreteType, TimestepMasked> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    auto concrete = cast<ConcreteType>(op);
    Value mask = concrete.getMask();
    if (!mask)
      return success();
    return verifyTimestepMask(
        cast<RankedTensorType>(concrete.getInput().getType()),
        cast<RankedTensorType>(mask.getType()),
        [&] { return op->emitOpError(); });
  }
};

/// The op's optional `mask` operand is a logits mask of its `input` (rule M2
/// of the op: i1, broadcasting to the input's shape).
template <typename ConcreteType>
class LogitsMasked
    : public mlir::OpTrait::TraitBase<ConcreteType, LogitsMasked> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    auto concrete = cast<ConcreteType>(op);
    Value mask = concrete.getMask();
    if (!mask)
      return success();
    return verifyLogitsMask(
        cast<RankedTensorType>(concrete.getInput().getType()).getShape(),
        cast<RankedTensorType>(mask.getType()),
        [&] { return op->emitOpError(); });
  }
};

} // namespace mlir::nn::OpTrait

#endif // NN_DIALECT_NN_IR_NNTRAITS_H
