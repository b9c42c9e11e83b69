//===- NNOps.cpp - nn dialect operations ----------------------------------===//
//
// Part of the nn-mlir project.
//
// Verifiers and type inference. The shape rules themselves live in
// NNShapes.cpp; everything here forwards to them.
//
//===----------------------------------------------------------------------===//

#include "nn/Dialect/NN/IR/NNOps.h"

#include "nn/Dialect/NN/IR/NNShapes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

#include <cmath>

using namespace mlir;
using namespace mlir::nn;

namespace {
/// Returns a function emitting errors as `'<op name>' op ...` at `location`,
/// the same text the verifier's emitOpError produces.
template <typename OpTy>
auto opErrorEmitter(MLIRContext *context, std::optional<Location> location) {
  Location loc = location ? *location : UnknownLoc::get(context);
  return [loc]() {
    return mlir::emitError(loc) << "'" << OpTy::getOperationName() << "' op ";
  };
}

/// Returns the type of an optional operand as a ranked tensor, or null.
RankedTensorType optionalType(Value value) {
  return value ? cast<RankedTensorType>(value.getType()) : RankedTensorType();
}

/// Appends `type` to `inferred` when inference succeeded.
LogicalResult collect(FailureOr<RankedTensorType> type,
                      SmallVectorImpl<Type> &inferred) {
  if (failed(type))
    return failure();
  inferred.push_back(*type);
  return success();
}
} // namespace

//===----------------------------------------------------------------------===//
// DenseOp
//===----------------------------------------------------------------------===//

LogicalResult DenseOp::inferReturnTypes(MLIRContext *context,
                                        std::optional<Location> location,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  return collect(
      inferDenseType(cast<RankedTensorType>(adaptor.getInput().getType()),
                     cast<RankedTensorType>(adaptor.getKernel().getType()),
                     optionalType(adaptor.getBias()),
                     opErrorEmitter<DenseOp>(context, location)),
      inferred);
}

//===----------------------------------------------------------------------===//
// EmbeddingOp
//===----------------------------------------------------------------------===//

LogicalResult EmbeddingOp::inferReturnTypes(MLIRContext *context,
                                            std::optional<Location> location,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  auto ids = cast<RankedTensorType>(adaptor.getIds().getType());
  auto emitError = opErrorEmitter<EmbeddingOp>(context, location);
  if (failed(collect(
          inferEmbeddingType(
              ids, cast<RankedTensorType>(adaptor.getTable().getType()),
              emitError),
          inferred)))
    return failure();
  if (!adaptor.getMaskZero())
    return success();
  // C3: the padding mask is a timestep mask of [batch, time] ids.
  if (ids.getRank() != 2)
    return emitError() << "with mask_zero, ids must have rank 2 ([batch, "
                          "time]) so that the mask is a timestep mask, got "
                          "shape "
                       << formatShape(ids.getShape()) << " [C3]";
  inferred.push_back(
      RankedTensorType::get(ids.getShape(), IntegerType::get(context, 1)));
  return success();
}

//===----------------------------------------------------------------------===//
// SoftmaxOp
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxOp::verify() {
  // C1: axis in range.
  if (failed(normalizeAxis(getAxis(), getType().getRank(), "C1",
                           [&] { return emitOpError(); })))
    return failure();
  return success();
}

int64_t SoftmaxOp::getNormalizedAxis() {
  return wrapAxis(getAxis(), getType().getRank());
}

//===----------------------------------------------------------------------===//
// LayerNormOp
//===----------------------------------------------------------------------===//

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *context,
                                            std::optional<Location> location,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  return collect(
      inferLayerNormType(cast<RankedTensorType>(adaptor.getInput().getType()),
                         optionalType(adaptor.getScale()),
                         optionalType(adaptor.getOffset()),
                         static_cast<int64_t>(adaptor.getAxis()),
                         adaptor.getEpsilon().convertToFloat(),
                         opErrorEmitter<LayerNormOp>(context, location)),
      inferred);
}

int64_t LayerNormOp::getNormalizedAxis() {
  return wrapAxis(getAxis(), getType().getRank());
}

//===----------------------------------------------------------------------===//
// Global pooling
//===----------------------------------------------------------------------===//

LogicalResult GlobalAvgPoolOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  return collect(
      inferGlobalPoolType(cast<RankedTensorType>(adaptor.getInput().getType()),
                          opErrorEmitter<GlobalAvgPoolOp>(context, location)),
      inferred);
}

LogicalResult GlobalMaxPoolOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  return collect(
      inferGlobalPoolType(cast<RankedTensorType>(adaptor.getInput().getType()),
                          opErrorEmitter<GlobalMaxPoolOp>(context, location)),
      inferred);
}

//===----------------------------------------------------------------------===//
// AttentionOp
//===----------------------------------------------------------------------===//

LogicalResult AttentionOp::inferReturnTypes(MLIRContext *context,
                                            std::optional<Location> location,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  return collect(
      inferAttentionType(cast<RankedTensorType>(adaptor.getQuery().getType()),
                         cast<RankedTensorType>(adaptor.getKey().getType()),
                         cast<RankedTensorType>(adaptor.getValue().getType()),
                         optionalType(adaptor.getMask()),
                         optionalType(adaptor.getKeyPaddingMask()),
                         opErrorEmitter<AttentionOp>(context, location)),
      inferred);
}

float AttentionOp::getScaleOrDefault() {
  if (std::optional<APFloat> scale = getScale())
    return scale->convertToFloat();
  int64_t dim = cast<RankedTensorType>(getQuery().getType()).getDimSize(3);
  return 1.0f / std::sqrt(static_cast<float>(dim));
}

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

namespace {
/// The loss ops' shared shape rules (C1-C4); operand 0 is the logits or
/// predictions, operand 1 the labels or targets.
template <typename OpTy>
LogicalResult inferLoss(MLIRContext *context, std::optional<Location> location,
                        typename OpTy::Adaptor adaptor, bool integerLabels,
                        StringRef inputName, StringRef targetName,
                        SmallVectorImpl<Type> &inferred) {
  ValueRange operands = adaptor.getOperands();
  return collect(
      inferLossType(cast<RankedTensorType>(operands[0].getType()),
                    cast<RankedTensorType>(operands[1].getType()),
                    optionalType(adaptor.getSampleWeight()), integerLabels,
                    adaptor.getReduction() == LossReduction::none, inputName,
                    targetName, opErrorEmitter<OpTy>(context, location)),
      inferred);
}
} // namespace

LogicalResult SparseSoftmaxCrossEntropyOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  return inferLoss<SparseSoftmaxCrossEntropyOp>(
      context, location, adaptor, /*integerLabels=*/true, "logits", "labels",
      inferred);
}

LogicalResult SoftmaxCrossEntropyOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  return inferLoss<SoftmaxCrossEntropyOp>(context, location, adaptor,
                                          /*integerLabels=*/false, "logits",
                                          "targets", inferred);
}

LogicalResult SigmoidBinaryCrossEntropyOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  return inferLoss<SigmoidBinaryCrossEntropyOp>(context, location, adaptor,
                                                /*integerLabels=*/false,
                                                "logits", "labels", inferred);
}

LogicalResult MeanSquaredErrorOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  return inferLoss<MeanSquaredErrorOp>(context, location, adaptor,
                                       /*integerLabels=*/false, "predictions",
                                       "targets", inferred);
}

//===----------------------------------------------------------------------===//
// Masks
//===----------------------------------------------------------------------===//

LogicalResult MaskingOp::inferReturnTypes(MLIRContext *context,
                                          std::optional<Location> location,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  auto types =
      inferMaskingTypes(cast<RankedTensorType>(adaptor.getInput().getType()),
                        opErrorEmitter<MaskingOp>(context, location));
  if (failed(types))
    return failure();
  inferred.push_back(types->first);
  inferred.push_back(types->second);
  return success();
}

LogicalResult SequenceMaskOp::verify() {
  // C1: [dim(lengths, 0), time].
  auto lengths = cast<RankedTensorType>(getLengths().getType());
  RankedTensorType mask = getType();
  if (lengths.getRank() != 1 || mask.getRank() != 2 ||
      mask.getDimSize(0) != lengths.getDimSize(0))
    return emitOpError() << "expected lengths of shape [batch] and a mask of "
                            "shape [batch, time], got lengths "
                         << formatShape(lengths.getShape()) << " and mask "
                         << formatShape(mask.getShape()) << " [C1]";
  return success();
}

LogicalResult CausalMaskOp::verify() {
  // C1: [q_time, k_time].
  if (getType().getRank() != 2)
    return emitOpError() << "expected a [q_time, k_time] mask, got shape "
                         << formatShape(getType().getShape()) << " [C1]";
  return success();
}

//===----------------------------------------------------------------------===//
// Random numbers
//===----------------------------------------------------------------------===//

LogicalResult RngKeyOp::verify() {
  // C1: one seed.
  if (static_cast<bool>(getSeedValue()) == getSeed().has_value())
    return emitOpError() << "needs exactly one seed: an operand or the seed "
                            "attribute [C1]";
  return success();
}

LogicalResult RngSplitOp::verify() {
  // C1: rank-1 key array.
  if (getKeys().getType().getRank() != 1)
    return emitOpError() << "splits into a rank-1 key array, got shape "
                         << formatShape(getKeys().getType().getShape())
                         << " [C1]";
  return success();
}

LogicalResult RngKeyAtOp::verify() {
  // C1: index in range of a rank-1 array.
  RankedTensorType type = getKeys().getType();
  int64_t index = static_cast<int64_t>(getIndex());
  if (type.getRank() != 1 || index < 0 || index >= type.getDimSize(0))
    return emitOpError() << "index " << index
                         << " is out of range for a key array of shape "
                         << formatShape(type.getShape()) << " [C1]";
  return success();
}

LogicalResult RngThreefryOp::verify() {
  // C1: counter pairs.
  RankedTensorType type = getCounters().getType();
  if (type.getRank() < 1 || type.getShape().back() != 2)
    return emitOpError() << "counters must be pairs (a last dimension of 2), "
                            "got shape "
                         << formatShape(type.getShape()) << " [C1]";
  return success();
}

LogicalResult RngUniformOp::verify() {
  // C1: a non-empty interval.
  if (!(getMinval().convertToFloat() < getMaxval().convertToFloat()))
    return emitOpError() << "needs minval < maxval, got ["
                         << getMinval().convertToFloat() << ", "
                         << getMaxval().convertToFloat() << ") [C1]";
  return success();
}

LogicalResult RngTruncatedNormalOp::verify() {
  // C1: a non-empty interval.
  if (!(getLower().convertToFloat() < getUpper().convertToFloat()))
    return emitOpError() << "needs lower < upper, got ("
                         << getLower().convertToFloat() << ", "
                         << getUpper().convertToFloat() << ") [C1]";
  return success();
}

LogicalResult RngPermutationOp::verify() {
  // C1: rank 1.
  if (getType().getRank() != 1)
    return emitOpError() << "a permutation is rank 1, got shape "
                         << formatShape(getType().getShape()) << " [C1]";
  return success();
}

LogicalResult RngShuffleOp::verify() {
  // C1: an axis to shuffle.
  if (getType().getRank() < 1)
    return emitOpError() << "cannot shuffle a scalar [C1]";
  return success();
}

LogicalResult InitOp::verify() {
  // C1: a key exactly for the random kinds.
  bool random = getKind() != Initializer::zeros &&
                getKind() != Initializer::ones &&
                getKind() != Initializer::constant;
  if (random && !getKey())
    return emitOpError() << "'" << stringifyInitializer(getKind())
                         << "' draws random numbers and needs a key [C1]";
  if (!random && getKey())
    return emitOpError() << "'" << stringifyInitializer(getKind())
                         << "' is deterministic and takes no key [C1]";
  return success();
}

LogicalResult RngBernoulliOp::verify() {
  // C1: a probability.
  float p = getP().convertToFloat();
  if (!(p >= 0.0f && p <= 1.0f))
    return emitOpError() << "p must be in [0, 1], got " << p << " [C1]";
  return success();
}

LogicalResult DropoutOp::verify() {
  // C1: a rate.
  double rate = getRate().convertToDouble();
  if (!(rate >= 0.0 && rate <= 1.0))
    return emitOpError() << "rate must be in [0, 1], got " << rate << " [C1]";
  return success();
}

//===----------------------------------------------------------------------===//
// Optimizer updates
//===----------------------------------------------------------------------===//

LogicalResult SgdUpdateOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location>,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  inferUpdateTypes(cast<RankedTensorType>(adaptor.getParam().getType()),
                   adaptor.getBuffer() ? 1 : 0, Type(), inferred);
  return success();
}

LogicalResult SgdUpdateOp::verify() {
  // C2: the buffer and the momentum come together.
  std::optional<double> momentum;
  if (std::optional<APFloat> attr = getMomentum())
    momentum = attr->convertToDouble();
  if (getBuffer() && !momentum)
    return emitOpError() << "a momentum buffer needs a momentum (momentum = "
                            "...) [C2]";
  if (!getBuffer() && momentum)
    return emitOpError() << "momentum = " << *momentum
                         << " needs a momentum buffer (buffer %b) [C2]";
  // C3: a momentum in [0, 1].
  if (momentum && !(*momentum >= 0.0 && *momentum <= 1.0))
    return emitOpError() << "momentum must be in [0, 1], got " << *momentum
                         << " [C3]";
  // C4: Nesterov needs momentum.
  if (getNesterov() && !(momentum && *momentum > 0.0))
    return emitOpError() << "nesterov needs a momentum buffer and momentum > 0 "
                            "[C4]";
  return success();
}

namespace {
/// Rules C2-C4 of nn.adam_update and nn.adamw_update.
template <typename OpTy>
LogicalResult verifyAdamAttributes(OpTy op, std::optional<double> weightDecay) {
  // C2: betas in [0, 1).
  double beta1 = op.getBeta1().convertToDouble();
  double beta2 = op.getBeta2().convertToDouble();
  for (auto [name, beta] :
       {std::pair<StringRef, double>{"beta1", beta1}, {"beta2", beta2}})
    if (!(beta >= 0.0 && beta < 1.0))
      return op.emitOpError() << name << " must be in [0, 1), got " << beta
                              << " [C2]";
  // C3: a positive epsilon.
  double epsilon = op.getEpsilon().convertToDouble();
  if (!(epsilon > 0.0))
    return op.emitOpError() << "epsilon must be > 0, got " << epsilon
                            << " [C3]";
  // C4: a non-negative weight decay.
  if (weightDecay && !(*weightDecay >= 0.0))
    return op.emitOpError() << "weight_decay must be >= 0, got "
                            << *weightDecay << " [C4]";
  return success();
}
} // namespace

LogicalResult AdamUpdateOp::inferReturnTypes(MLIRContext *,
                                             std::optional<Location>,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &inferred) {
  inferUpdateTypes(cast<RankedTensorType>(adaptor.getParam().getType()), 2,
                   adaptor.getStep().getType(), inferred);
  return success();
}

LogicalResult AdamUpdateOp::verify() {
  return verifyAdamAttributes(*this, std::nullopt);
}

LogicalResult AdamWUpdateOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location>,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  inferUpdateTypes(cast<RankedTensorType>(adaptor.getParam().getType()), 2,
                   adaptor.getStep().getType(), inferred);
  return success();
}

LogicalResult AdamWUpdateOp::verify() {
  return verifyAdamAttributes(*this, getWeightDecay().convertToDouble());
}

#define GET_OP_CLASSES
#include "nn/Dialect/NN/IR/NNOps.cpp.inc"
