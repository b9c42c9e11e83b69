//===- Reduction.cpp - softmax and layer_norm to linalg -------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "Utils.h"

#include "nn/Conversion/NNToLinalg/NNToLinalg.h"
#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <limits>

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::lowering;

namespace {

Value addF(OpBuilder &b, Location loc, ValueRange v) {
  return arith::AddFOp::create(b, loc, v[0], v[1]);
}

/// softmax(x) along `axis`: m = max(x); e = exp(x - m); y = e / sum(e),
/// masked positions excluded when the op has a mask.
struct SoftmaxToLinalg : OpConversionPattern<SoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value mask = adaptor.getMask();
    AffineMap maskMap;
    if (mask)
      maskMap = broadcastMap(rewriter.getContext(), op.getType().getRank(),
                             cast<RankedTensorType>(mask.getType()).getShape());
    rewriter.replaceOp(op, buildSoftmax(rewriter, op.getLoc(),
                                        adaptor.getInput(),
                                        op.getNormalizedAxis(), mask, maskMap));
    return success();
  }
};

/// layer_norm(x) along `axis`, in Flax's order of operations:
///   mean = sum(x) / n; var = sum((x - mean)^2) / n;
///   inv = 1 / sqrt(var + eps) (once per row);
///   y = (x - mean) * (inv [* scale]) [+ offset].
/// x - mean is computed where it is used, in the variance's sum and in y,
/// never stored: a centred row in memory is one more row written and read
/// back per row of x (the same values either way).
struct LayerNormToLinalg : OpRewritePattern<LayerNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LayerNormOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank(), axis = op.getNormalizedAxis();
    RankedTensorType reducedType = dropDim(type, axis);
    MLIRContext *ctx = rewriter.getContext();
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap reduced = dropDimMap(ctx, rank, axis);
    AffineMap reducedIdentity = rewriter.getMultiDimIdentityMap(rank - 1);
    AffineMap alongAxis = AffineMap::get(rank, 0, getAffineDimExpr(axis, ctx));
    double count = static_cast<double>(type.getDimSize(axis));

    Value sum = buildReduction(rewriter, loc, op.getInput(), axis,
                               createFilled(rewriter, loc, reducedType, 0.0),
                               addF);
    Value mean = buildElementwise(
        rewriter, loc, reducedType, sum, {reducedIdentity},
        [&](OpBuilder &b, Location l, ValueRange v) {
          return arith::DivFOp::create(b, l, v[0], f32Constant(b, l, count))
              .getResult();
        });
    Value sumSquares = buildGeneric(
        rewriter, loc, createFilled(rewriter, loc, reducedType, 0.0),
        ValueRange{op.getInput(), mean}, {identity, reduced, reduced},
        reductionIterators(rank, axis),
        [](OpBuilder &b, Location l, ValueRange v) {
          Value centered = arith::SubFOp::create(b, l, v[0], v[1]);
          Value square = arith::MulFOp::create(b, l, centered, centered);
          return arith::AddFOp::create(b, l, v[2], square).getResult();
        });
    float epsilon = op.getEpsilon().convertToFloat();
    Value inverseStddev = buildElementwise(
        rewriter, loc, reducedType, sumSquares, {reducedIdentity},
        [&](OpBuilder &b, Location l, ValueRange v) {
          Value variance =
              arith::DivFOp::create(b, l, v[0], f32Constant(b, l, count));
          Value stddev = math::SqrtOp::create(
              b, l,
              arith::AddFOp::create(b, l, variance, f32Constant(b, l, epsilon)));
          return arith::DivFOp::create(b, l, f32Constant(b, l, 1.0), stddev)
              .getResult();
        });

    SmallVector<Value> inputs = {op.getInput(), mean, inverseStddev};
    SmallVector<AffineMap> maps = {identity, reduced, reduced};
    if (op.getScale()) {
      inputs.push_back(op.getScale());
      maps.push_back(alongAxis);
    }
    if (op.getOffset()) {
      inputs.push_back(op.getOffset());
      maps.push_back(alongAxis);
    }
    bool hasScale = static_cast<bool>(op.getScale());
    bool hasOffset = static_cast<bool>(op.getOffset());
    Value result = buildElementwise(
        rewriter, loc, type, inputs, maps,
        [&](OpBuilder &b, Location l, ValueRange v) {
          Value centered = arith::SubFOp::create(b, l, v[0], v[1]);
          Value factor = v[2];
          unsigned next = 3;
          if (hasScale)
            factor = arith::MulFOp::create(b, l, factor, v[next++]);
          Value y = arith::MulFOp::create(b, l, centered, factor);
          if (hasOffset)
            y = arith::AddFOp::create(b, l, y, v[next++]);
          return y;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::nn::populateReductionToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<SoftmaxToLinalg>(converter, patterns.getContext());
  patterns.add<LayerNormToLinalg>(patterns.getContext());
}
