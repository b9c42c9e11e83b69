//===- NNShapes.h - shape rules shared by verifiers and inference -*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// The shape rules of every nn op live here, once: both the verifier and
// InferTypeOpInterface::inferReturnTypes forward to these functions. Each
// rule reports a violation through `emitError`, phrased in the user's terms
// and tagged with the rule number (C1, C2, ...) of the op's documentation.
//
//===----------------------------------------------------------------------===//

#ifndef NN_DIALECT_NN_IR_NNSHAPES_H
#define NN_DIALECT_NN_IR_NNSHAPES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlir::nn {

/// Produces a diagnostic already prefixed with the op's name.
using EmitErrorFn = llvm::function_ref<InFlightDiagnostic()>;

/// Prints a shape as `3x4` (and `scalar` for rank 0).
std::string formatShape(ArrayRef<int64_t> shape);

/// Counts a negative (already verified) axis from the end: -1 -> rank - 1.
inline int64_t wrapAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

/// Normalizes `axis` into [0, rank) or reports rule `rule` (e.g. "C1").
FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank, StringRef rule,
                                 EmitErrorFn emitError);

FailureOr<RankedTensorType> inferDenseType(RankedTensorType input,
                                           RankedTensorType kernel,
                                           RankedTensorType bias,
                                           EmitErrorFn emitError);

FailureOr<RankedTensorType> inferEmbeddingType(RankedTensorType ids,
                                               RankedTensorType table,
                                               EmitErrorFn emitError);

FailureOr<RankedTensorType>
inferLayerNormType(RankedTensorType input, RankedTensorType scale,
                   RankedTensorType offset, int64_t axis, float epsilon,
                   EmitErrorFn emitError);

FailureOr<RankedTensorType> inferGlobalPoolType(RankedTensorType input,
                                                EmitErrorFn emitError);

/// M1: a timestep mask of `input` is i1 [batch, time] = input's first two
/// dimensions.
LogicalResult verifyTimestepMask(RankedTensorType input, RankedTensorType mask,
                                 EmitErrorFn emitError);

/// M2: a logits mask broadcasts to `logits`: right-aligned, each dimension
/// equal or 1, rank not larger.
LogicalResult verifyLogitsMask(ArrayRef<int64_t> logits, RankedTensorType mask,
                               EmitErrorFn emitError);

/// M3: an example mask of a loss's `input` is i1 of the per-example shape,
/// the input's shape without its last axis (rank >= 1 inputs; C1 of the
/// loss reports a scalar input).
LogicalResult verifyExampleMask(RankedTensorType input, RankedTensorType mask,
                                EmitErrorFn emitError);

/// The loss ops: C1 `input` is [..., n] with n >= 1; C2 `target` has the
/// per-example shape (`targetIsPerExample`: integer labels) or the input's
/// shape; C3 `sampleWeight` (may be null) has the per-example shape. Returns
/// the result type (C4): rank 0 f32, or the per-example shape when
/// `perExample` (reduction = none). `inputName` / `targetName` name the
/// operands in messages.
FailureOr<RankedTensorType>
inferLossType(RankedTensorType input, RankedTensorType target,
              RankedTensorType sampleWeight, bool targetIsPerExample,
              bool perExample, StringRef inputName, StringRef targetName,
              EmitErrorFn emitError);

/// nn.attention: [batch, heads, q_time, value_dim].
FailureOr<RankedTensorType>
inferAttentionType(RankedTensorType query, RankedTensorType key,
                   RankedTensorType value, RankedTensorType mask,
                   RankedTensorType keyPaddingMask, EmitErrorFn emitError);

/// nn.masking: (input type, mask i1 [batch, time]).
FailureOr<std::pair<RankedTensorType, RankedTensorType>>
inferMaskingTypes(RankedTensorType input, EmitErrorFn emitError);

/// nn.sgd_update, nn.adam_update, nn.adamw_update: the updated parameter
/// and the `stateCount` updated state tensors have the parameter's type (rule
/// C1 of these ops, verified by their traits), followed by the step count's
/// type when `step` is not null.
void inferUpdateTypes(RankedTensorType param, unsigned stateCount, Type step,
                      SmallVectorImpl<Type> &inferred);

} // namespace mlir::nn

#endif // NN_DIALECT_NN_IR_NNSHAPES_H
