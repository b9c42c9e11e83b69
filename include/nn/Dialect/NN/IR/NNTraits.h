//===- NNTraits.h - traits shared by nn ops ---------------------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_DIALECT_NN_IR_NNTRAITS_H
#define NN_DIALECT_NN_IR_NNTRAITS_H

#include "nn/Dialect/NN/IR/NNShapes.h"

#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/StringExtras.h"

namespace mlir::nn::OpTrait {

namespace detail {
/// Verifies the optional `mask` operand of `op` (a ConcreteType) against its
/// `input` with `verify(inputType, maskType, emitError)`.
template <typename ConcreteType, typename VerifyFn>
LogicalResult verifyOptionalMask(Operation *op, VerifyFn verify) {
  auto concrete = cast<ConcreteType>(op);
  Value mask = concrete.getMask();
  if (!mask)
    return success();
  return verify(cast<RankedTensorType>(concrete.getInput().getType()),
                cast<RankedTensorType>(mask.getType()),
                [&] { return op->emitOpError(); });
}
} // namespace detail

/// The op's optional `mask` operand is a timestep mask of its `input`
/// (rule M1 of the op: an i1 [batch, time] tensor).
template <typename ConcreteType>
class TimestepMasked
    : public mlir::OpTrait::TraitBase<ConcreteType, TimestepMasked> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return detail::verifyOptionalMask<ConcreteType>(
        op, [](RankedTensorType input, RankedTensorType mask, auto emitError) {
          return verifyTimestepMask(input, mask, emitError);
        });
  }
};

/// The op's optional `mask` operand is a logits mask of its `input` (rule M2
/// of the op: i1, broadcasting to the input's shape).
template <typename ConcreteType>
class LogitsMasked
    : public mlir::OpTrait::TraitBase<ConcreteType, LogitsMasked> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return detail::verifyOptionalMask<ConcreteType>(
        op, [](RankedTensorType input, RankedTensorType mask, auto emitError) {
          return verifyLogitsMask(input.getShape(), mask, emitError);
        });
  }
};

/// The op's optional `mask` operand is an example mask of its `input` (rule
/// M3 of the loss ops: i1 of the input's shape without its last axis).
template <typename ConcreteType>
class ExampleMasked
    : public mlir::OpTrait::TraitBase<ConcreteType, ExampleMasked> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return detail::verifyOptionalMask<ConcreteType>(
        op, [](RankedTensorType input, RankedTensorType mask, auto emitError) {
          return verifyExampleMask(input, mask, emitError);
        });
  }
};

/// Every discardable attribute of the op is an nn dialect attribute (the
/// dialect's verifyOperationAttribute checks those): an attribute the op
/// does not define is an error naming it, never silently ignored.
template <typename ConcreteType>
class DefinedAttributesOnly
    : public mlir::OpTrait::TraitBase<ConcreteType, DefinedAttributesOnly> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    for (NamedAttribute attribute : op->getDiscardableAttrs()) {
      if (attribute.getName().getValue().starts_with("nn."))
        continue;
      InFlightDiagnostic diag = op->emitOpError()
                                << "has no attribute '"
                                << attribute.getName().getValue() << "'";
      llvm::SmallVector<llvm::StringRef> defined;
      for (llvm::StringRef name : ConcreteType::getAttributeNames())
        if (!name.ends_with("SegmentSizes"))
          defined.push_back(name);
      if (defined.empty())
        diag << " (it defines none)";
      else
        diag << " (it defines: " << llvm::join(defined, ", ") << ")";
      return diag;
    }
    return success();
  }
};

} // namespace mlir::nn::OpTrait

#endif // NN_DIALECT_NN_IR_NNTRAITS_H
