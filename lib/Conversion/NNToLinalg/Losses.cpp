//===- Losses.cpp - the loss ops to linalg --------------------------------===//
//
// Part of the nn-mlir project.
//
// Each loss is computed in two steps (docs/Losses.md has the formulas):
//  * the per-example losses, one reduction over the last (class) axis of the
//    logits or predictions: loss[e] for e in the per-example shape;
//  * Keras 3's reduction with the optional mask and sample weights: masked
//    examples are removed by a select (never multiplied by 0: NaN or inf in
//    padded entries cannot leak), then one sum over every per-example dim
//    in a fixed (row-major) order, divided by the count or weight sum, and
//    0 where that is 0 (divide-no-nan).
// Everything is a linalg.generic, so nn-jvp differentiates it through its
// scalar rules: the bodies use only add, sub, neg, mul, div, exp, log,
// log1p, maximumf and select on floats (comparisons, indices and casts
// carry no tangent).
//
//===----------------------------------------------------------------------===//

#include "Utils.h"

#include "nn/Conversion/NNToLinalg/NNToLinalg.h"
#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <limits>

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::lowering;

namespace {

/// The per-example part of a loss over the last axis of its input.
struct PerExample {
  RankedTensorType inputType;
  RankedTensorType examplesType; // The input's shape without the last axis.
  int64_t rank;                  // Of the input.
  int64_t axis;                  // rank - 1.
  AffineMap identity;            // Over the input's loops.
  AffineMap examples;            // Input loops -> per-example dims.
  AffineMap examplesIdentity;    // Over the per-example dims.

  PerExample(OpBuilder &b, Value input)
      : inputType(cast<RankedTensorType>(input.getType())),
        rank(inputType.getRank()), axis(rank - 1) {
    examplesType = dropDim(inputType, axis);
    identity = b.getMultiDimIdentityMap(rank);
    examples = dropDimMap(b.getContext(), rank, axis);
    examplesIdentity = b.getMultiDimIdentityMap(rank - 1);
  }

  /// sum over the last axis of fn(inputs...) into a [examples] tensor
  /// starting from `init` (increasing class index).
  Value sumOverLastAxis(OpBuilder &b, Location loc, ValueRange inputs,
                        ArrayRef<AffineMap> inputMaps, ScalarFn term,
                        double init = 0.0) const {
    SmallVector<AffineMap> maps(inputMaps);
    maps.push_back(examples);
    return buildGeneric(
        b, loc, createFilled(b, loc, examplesType, init), inputs, maps,
        reductionIterators(rank, axis),
        [&](OpBuilder &nb, Location l, ValueRange v) {
          Value t = term(nb, l, v.drop_back());
          return arith::AddFOp::create(nb, l, v.back(), t).getResult();
        });
  }

  /// m[e] = max_c x[e, c] (NaN propagates, as jax.nn.log_softmax).
  Value max(OpBuilder &b, Location loc, Value logits) const {
    return buildReduction(
        b, loc, logits, axis,
        createFilled(b, loc, examplesType,
                     -std::numeric_limits<double>::infinity()),
        [](OpBuilder &nb, Location l, ValueRange v) {
          return arith::MaximumFOp::create(nb, l, v[1], v[0]).getResult();
        });
  }

  /// lse[e] = log(sum_c exp(x[e, c] - m[e])): the log-sum-exp of the
  /// logits less their maximum (never overflows: every exp is <= 1, and
  /// the maximum's is 1).
  Value shiftedLogSumExp(OpBuilder &b, Location loc, Value logits,
                         Value max) const {
    Value sum = sumOverLastAxis(
        b, loc, ValueRange{logits, max}, {identity, examples},
        [](OpBuilder &nb, Location l, ValueRange v) {
          return math::ExpOp::create(
                     nb, l, arith::SubFOp::create(nb, l, v[0], v[1]))
              .getResult();
        });
    return buildElementwise(b, loc, examplesType, sum, {examplesIdentity},
                            [](OpBuilder &nb, Location l, ValueRange v) {
                              return math::LogOp::create(nb, l, v[0])
                                  .getResult();
                            });
  }

  /// [examples] sum / n, n the size of the last axis (Keras' mean over
  /// axis -1).
  Value meanOverLastAxis(OpBuilder &b, Location loc, Value sum) const {
    double n = static_cast<double>(inputType.getShape().back());
    return buildElementwise(
        b, loc, examplesType, sum, {examplesIdentity},
        [&](OpBuilder &nb, Location l, ValueRange v) {
          return arith::DivFOp::create(nb, l, v[0], f32Constant(nb, l, n))
              .getResult();
        });
  }
};

/// Keras 3's reduce_weighted_values with divide-no-nan: `losses` [examples],
/// `mask` (i8 0/1 bytes) and `weights` optional.
Value reduceLosses(OpBuilder &b, Location loc, Value losses, Value mask,
                   Value weights, LossReduction reduction,
                   RankedTensorType resultType) {
  auto type = cast<RankedTensorType>(losses.getType());
  int64_t rank = type.getRank();
  MLIRContext *ctx = b.getContext();
  AffineMap identity = b.getMultiDimIdentityMap(rank);

  // weighted[e] = kept ? loss * w : 0 (a select, so a NaN loss or weight
  // of a masked example never shows).
  SmallVector<Value> inputs = {losses};
  if (mask)
    inputs.push_back(mask);
  if (weights)
    inputs.push_back(weights);
  SmallVector<AffineMap> maps(inputs.size(), identity);
  bool hasMask = static_cast<bool>(mask), hasWeights = static_cast<bool>(weights);
  auto weighted = [=](OpBuilder &nb, Location l, ValueRange v) -> Value {
    Value value = v[0];
    if (hasWeights)
      value = arith::MulFOp::create(nb, l, value, v[hasMask ? 2 : 1]);
    if (hasMask)
      value = arith::SelectOp::create(nb, l, isKept(nb, l, v[1]), value,
                                      f32Constant(nb, l, 0.0));
    return value;
  };
  if (reduction == LossReduction::none) {
    if (!hasMask && !hasWeights)
      return losses;
    return buildElementwise(b, loc, resultType, inputs, maps, weighted);
  }

  // One sum over every per-example dim, in row-major order.
  AffineMap scalar = AffineMap::get(rank, 0, {}, ctx);
  SmallVector<utils::IteratorType> all(rank, utils::IteratorType::reduction);
  SmallVector<AffineMap> sumMaps(maps);
  sumMaps.push_back(scalar);
  Value sum = buildGeneric(b, loc, createFilled(b, loc, resultType, 0.0),
                           inputs, sumMaps, all,
                           [&](OpBuilder &nb, Location l, ValueRange v) {
                             Value term = weighted(nb, l, v.drop_back());
                             return arith::AddFOp::create(nb, l, v.back(), term)
                                 .getResult();
                           });
  if (reduction == LossReduction::sum)
    return sum;

  // The divisor: the kept examples' count (sum_over_batch_size), or their
  // weights' sum (mean_with_sample_weight); without a mask (and weights)
  // the number of examples, a constant.
  bool weightSum =
      reduction == LossReduction::mean_with_sample_weight && hasWeights;
  Value divisor;
  if (hasMask || weightSum) {
    SmallVector<Value> countInputs;
    if (hasMask)
      countInputs.push_back(mask);
    if (weightSum)
      countInputs.push_back(weights);
    SmallVector<AffineMap> countMaps(countInputs.size(), identity);
    countMaps.push_back(scalar);
    divisor = buildGeneric(
        b, loc, createFilled(b, loc, resultType, 0.0), countInputs, countMaps,
        all, [&](OpBuilder &nb, Location l, ValueRange v) {
          Value term = weightSum ? v[hasMask ? 1 : 0] : f32Constant(nb, l, 1.0);
          if (hasMask)
            term = arith::SelectOp::create(nb, l, isKept(nb, l, v[0]), term,
                                           f32Constant(nb, l, 0.0));
          return arith::AddFOp::create(nb, l, v.back(), term).getResult();
        });
  }
  int64_t count = type.getNumElements();
  SmallVector<Value> finishInputs = {sum};
  if (divisor)
    finishInputs.push_back(divisor);
  AffineMap scalarIdentity = AffineMap::get(0, 0, {}, ctx);
  return buildElementwise(
      b, loc, resultType, finishInputs,
      SmallVector<AffineMap>(finishInputs.size(), scalarIdentity),
      [&](OpBuilder &nb, Location l, ValueRange v) -> Value {
        if (v.size() == 1) // A constant divisor: the number of examples.
          return count == 0 ? f32Constant(nb, l, 0.0)
                            : arith::DivFOp::create(
                                  nb, l, v[0],
                                  f32Constant(nb, l, static_cast<double>(count)))
                                  .getResult();
        // Divide-no-nan: 0 when nothing is kept (or the weights sum to 0).
        Value zero = f32Constant(nb, l, 0.0);
        Value none =
            arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OEQ, v[1], zero);
        Value quotient = arith::DivFOp::create(nb, l, v[0], v[1]);
        return arith::SelectOp::create(nb, l, none, zero, quotient)
            .getResult();
      });
}

/// The per-example losses (`perExample`), then the reduction.
template <typename OpTy>
struct LossToLinalg : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpTy::Adaptor;

  virtual Value perExample(OpBuilder &b, Location loc, const PerExample &p,
                           Value input, Value target) const = 0;

  LogicalResult
  matchAndRewrite(OpTy op, Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ValueRange operands = adaptor.getOperands();
    PerExample p(rewriter, operands[0]);
    Value losses = perExample(rewriter, loc, p, operands[0], operands[1]);
    rewriter.replaceOp(op, reduceLosses(rewriter, loc, losses,
                                        adaptor.getMask(),
                                        adaptor.getSampleWeight(),
                                        op.getReduction(), op.getType()));
    return success();
  }
};

/// loss[e] = lse[e] - (x[e, label[e]] - m[e]). The label's logit is picked
/// by comparing the label with each class index (starting from NaN: an
/// out-of-range label picks nothing and the loss is NaN); the label never
/// indexes memory.
struct SparseSoftmaxCrossEntropyToLinalg
    : LossToLinalg<SparseSoftmaxCrossEntropyOp> {
  using LossToLinalg::LossToLinalg;
  Value perExample(OpBuilder &b, Location loc, const PerExample &p,
                   Value logits, Value labels) const override {
    Value max = p.max(b, loc, logits);
    Value lse = p.shiftedLogSumExp(b, loc, logits, max);
    int64_t axis = p.axis;
    Value picked = buildGeneric(
        b, loc,
        createFilled(b, loc, p.examplesType,
                     std::numeric_limits<double>::quiet_NaN()),
        ValueRange{logits, labels}, {p.identity, p.examples, p.examples},
        reductionIterators(p.rank, axis),
        [&](OpBuilder &nb, Location l, ValueRange v) {
          Value c = arith::IndexCastOp::create(
              nb, l, v[1].getType(), linalg::IndexOp::create(nb, l, axis));
          Value isLabel =
              arith::CmpIOp::create(nb, l, arith::CmpIPredicate::eq, c, v[1]);
          return arith::SelectOp::create(nb, l, isLabel, v[0], v[2])
              .getResult();
        });
    return buildElementwise(
        b, loc, p.examplesType, ValueRange{lse, picked, max},
        {p.examplesIdentity, p.examplesIdentity, p.examplesIdentity},
        [](OpBuilder &nb, Location l, ValueRange v) {
          Value shifted = arith::SubFOp::create(nb, l, v[1], v[2]);
          return arith::SubFOp::create(nb, l, v[0], shifted).getResult();
        });
  }
};

/// loss[e] = sum_c (t == 0 ? 0 : t * (lse[e] - (x[e, c] - m[e]))).
struct SoftmaxCrossEntropyToLinalg : LossToLinalg<SoftmaxCrossEntropyOp> {
  using LossToLinalg::LossToLinalg;
  Value perExample(OpBuilder &b, Location loc, const PerExample &p,
                   Value logits, Value targets) const override {
    Value max = p.max(b, loc, logits);
    Value lse = p.shiftedLogSumExp(b, loc, logits, max);
    return p.sumOverLastAxis(
        b, loc, ValueRange{logits, targets, max, lse},
        {p.identity, p.identity, p.examples, p.examples},
        [](OpBuilder &nb, Location l, ValueRange v) {
          Value shifted = arith::SubFOp::create(nb, l, v[0], v[2]);
          Value negLogProb = arith::SubFOp::create(nb, l, v[3], shifted);
          Value term = arith::MulFOp::create(nb, l, v[1], negLogProb);
          Value zero = f32Constant(nb, l, 0.0);
          // A zero target adds 0 even against a -inf logit (0 * inf).
          Value absent = arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OEQ,
                                               v[1], zero);
          return arith::SelectOp::create(nb, l, absent, zero, term).getResult();
        });
  }
};

/// loss[e] = mean_j max(x, 0) - x z + log1p(exp(-|x|)), with max(x, 0) and
/// -|x| selected by one comparison x > 0: their kinks at 0 then cancel in
/// nn-jvp's rules too (max(x, 0) and |x| as separate ops take one-sided
/// derivatives from different sides there).
struct SigmoidBinaryCrossEntropyToLinalg
    : LossToLinalg<SigmoidBinaryCrossEntropyOp> {
  using LossToLinalg::LossToLinalg;
  Value perExample(OpBuilder &b, Location loc, const PerExample &p,
                   Value logits, Value labels) const override {
    Value sum = p.sumOverLastAxis(
        b, loc, ValueRange{logits, labels}, {p.identity, p.identity},
        [](OpBuilder &nb, Location l, ValueRange v) {
          Value x = v[0], z = v[1];
          Value zero = f32Constant(nb, l, 0.0);
          Value positive =
              arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OGT, x, zero);
          Value relu = arith::SelectOp::create(nb, l, positive, x, zero);
          Value negAbs = arith::SelectOp::create(
              nb, l, positive, arith::NegFOp::create(nb, l, x), x);
          Value softplus = math::Log1pOp::create(
              nb, l, math::ExpOp::create(nb, l, negAbs));
          Value linear = arith::SubFOp::create(
              nb, l, relu, arith::MulFOp::create(nb, l, x, z));
          return arith::AddFOp::create(nb, l, linear, softplus).getResult();
        });
    return p.meanOverLastAxis(b, loc, sum);
  }
};

/// loss[e] = mean_j (y - t)^2.
struct MeanSquaredErrorToLinalg : LossToLinalg<MeanSquaredErrorOp> {
  using LossToLinalg::LossToLinalg;
  Value perExample(OpBuilder &b, Location loc, const PerExample &p,
                   Value predictions, Value targets) const override {
    Value sum = p.sumOverLastAxis(
        b, loc, ValueRange{predictions, targets}, {p.identity, p.identity},
        [](OpBuilder &nb, Location l, ValueRange v) {
          Value d = arith::SubFOp::create(nb, l, v[0], v[1]);
          return arith::MulFOp::create(nb, l, d, d).getResult();
        });
    return p.meanOverLastAxis(b, loc, sum);
  }
};

} // namespace

void mlir::nn::populateLossToLinalgPatterns(const TypeConverter &converter,
                                            RewritePatternSet &patterns) {
  patterns.add<SparseSoftmaxCrossEntropyToLinalg, SoftmaxCrossEntropyToLinalg,
               SigmoidBinaryCrossEntropyToLinalg, MeanSquaredErrorToLinalg>(
      converter, patterns.getContext());
}
