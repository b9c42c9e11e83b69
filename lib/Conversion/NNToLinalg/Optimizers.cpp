//===- Optimizers.cpp - nn optimizer updates to linalg --------------------===//
//
// Part of the nn-mlir project.
//
// Each update becomes one all-parallel linalg.generic with a result per
// updated tensor (parameter, buffer, moments): the parameter, gradient and
// state are read once and written once. The scalars that depend on the
// learning rate and the step count (bias corrections, step sizes) are
// computed once, before the generic, in f64 from the rank-0 operands, rounded
// to f32 once, and used by its body as values defined above it. Per element
// the arithmetic is f32 in the order docs/Optimizers.md writes, plain arith
// ops (no fast-math flags, so LLVM contracts no multiply and add into an
// FMA).
//
//===----------------------------------------------------------------------===//

#include "Utils.h"

#include "nn/Conversion/NNToLinalg/NNToLinalg.h"
#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::lowering;

namespace {

/// Builds the elements of the results from the elements of the inputs.
using UpdateFn =
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)>;

/// One all-parallel linalg.generic over `type` reading `inputs` (each of
/// `type`) and writing `numResults` tensors of `type`.
SmallVector<Value> buildUpdate(OpBuilder &b, Location loc,
                               RankedTensorType type, ValueRange inputs,
                               unsigned numResults, UpdateFn fn) {
  int64_t rank = type.getRank();
  SmallVector<AffineMap> maps(inputs.size() + numResults,
                              b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  SmallVector<Value> inits;
  for (unsigned i = 0; i < numResults; ++i)
    inits.push_back(createEmpty(b, loc, type));
  SmallVector<Type> resultTypes(numResults, type);
  auto generic = linalg::GenericOp::create(
      b, loc, resultTypes, inputs, inits, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        SmallVector<Value> results =
            fn(nested, nestedLoc, args.take_front(inputs.size()));
        linalg::YieldOp::create(nested, nestedLoc, results);
      });
  return SmallVector<Value>(generic.getResults());
}

/// The element of a rank-0 tensor.
Value scalarOf(OpBuilder &b, Location loc, Value tensor) {
  return tensor::ExtractOp::create(b, loc, tensor, ValueRange());
}

Value f64Constant(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF64FloatAttr(value));
}

/// Rounds an f64 scalar to f32 (to nearest even).
Value toF32(OpBuilder &b, Location loc, Value value) {
  return arith::TruncFOp::create(b, loc, b.getF32Type(), value);
}

// Shorthands for the f32 arithmetic of the bodies, in the order written.
Value add(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::AddFOp::create(b, loc, x, y);
}
Value sub(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::SubFOp::create(b, loc, x, y);
}
Value mul(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::MulFOp::create(b, loc, x, y);
}
Value div(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::DivFOp::create(b, loc, x, y);
}

/// PyTorch's SGD (dampening 0) and Optax's sgd; Keras' with `keras`.
struct SgdUpdateToLinalg : OpRewritePattern<SgdUpdateOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SgdUpdateOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getParam().getType();
    Value lr = scalarOf(rewriter, loc, op.getLr());
    SmallVector<Value> inputs = {op.getParam(), op.getGrad()};
    if (!op.getBuffer()) {
      // p - lr * g.
      rewriter.replaceOp(
          op, buildUpdate(rewriter, loc, type, inputs, 1,
                          [&](OpBuilder &b, Location l, ValueRange v) {
                            return SmallVector<Value>{
                                sub(b, l, v[0], mul(b, l, lr, v[1]))};
                          }));
      return success();
    }
    inputs.push_back(op.getBuffer());
    bool nesterov = op.getNesterov(), keras = op.getKeras();
    double momentum = op.getMomentum()->convertToDouble();
    rewriter.replaceOp(
        op,
        buildUpdate(rewriter, loc, type, inputs, 2,
                    [&](OpBuilder &b, Location l, ValueRange v) {
                      Value p = v[0], g = v[1], buffer = v[2];
                      Value mu = f32Constant(b, l, momentum);
                      if (keras) {
                        // v' = mu * v - lr * g; p + v', or with Nesterov
                        // p + (mu * v' - lr * g).
                        Value lrG = mul(b, l, lr, g);
                        Value velocity = sub(b, l, mul(b, l, mu, buffer), lrG);
                        Value step =
                            nesterov ? sub(b, l, mul(b, l, mu, velocity), lrG)
                                     : velocity;
                        return SmallVector<Value>{add(b, l, p, step), velocity};
                      }
                      // b' = mu * b + g; u = b', or with Nesterov g + mu * b';
                      // p - lr * u.
                      Value next = add(b, l, mul(b, l, mu, buffer), g);
                      Value direction =
                          nesterov ? add(b, l, g, mul(b, l, mu, next)) : next;
                      return SmallVector<Value>{
                          sub(b, l, p, mul(b, l, lr, direction)), next};
                    }));
    return success();
  }
};

/// nn.adam_update and nn.adamw_update (`weightDecay`: AdamW's).
template <typename OpTy> struct AdamUpdateToLinalg : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  static std::optional<double> weightDecay(OpTy op) {
    if constexpr (std::is_same_v<OpTy, AdamWUpdateOp>)
      return op.getWeightDecay().convertToDouble();
    return std::nullopt;
  }

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    RankedTensorType type = op.getParam().getType();
    double beta1 = op.getBeta1().convertToDouble();
    double beta2 = op.getBeta2().convertToDouble();
    bool keras = op.getKeras();
    std::optional<double> decay = weightDecay(op);

    // t = step + 1, staying at the maximum (Optax's safe_int32_increment).
    auto stepType = cast<RankedTensorType>(op.getStep().getType());
    auto intType = cast<IntegerType>(stepType.getElementType());
    Value step = scalarOf(b, loc, op.getStep());
    Value max = arith::ConstantOp::create(
        b, loc,
        b.getIntegerAttr(intType,
                         APInt::getSignedMaxValue(intType.getWidth())));
    Value one = arith::ConstantOp::create(b, loc, b.getIntegerAttr(intType, 1));
    Value atMax =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, step, max);
    Value count = arith::SelectOp::create(
        b, loc, atMax, step, arith::AddIOp::create(b, loc, step, one));
    Value newStep = tensor::FromElementsOp::create(b, loc, stepType, count);

    // The scalars, once, in f64: 1 - b^t and what the update needs of them.
    Value t = arith::SIToFPOp::create(b, loc, b.getF64Type(), count);
    Value one64 = f64Constant(b, loc, 1.0);
    auto correction = [&](double beta) -> Value {
      Value power = math::PowFOp::create(b, loc, f64Constant(b, loc, beta), t);
      return arith::SubFOp::create(b, loc, one64, power);
    };
    Value correction1 = correction(beta1), correction2 = correction(beta2);
    Value lr = scalarOf(b, loc, op.getLr());
    Value lr64 = arith::ExtFOp::create(b, loc, b.getF64Type(), lr);
    Value sqrtCorrection2 = math::SqrtOp::create(b, loc, correction2);
    // Default: s = lr / (1 - b1^t), c = 1 / sqrt(1 - b2^t); keras:
    // alpha = lr * sqrt(1 - b2^t) / (1 - b1^t).
    Value stepSize, inverseSqrtCorrection2, alpha;
    if (keras) {
      alpha = toF32(b, loc,
                    arith::DivFOp::create(
                        b, loc,
                        arith::MulFOp::create(b, loc, lr64, sqrtCorrection2),
                        correction1));
    } else {
      stepSize =
          toF32(b, loc, arith::DivFOp::create(b, loc, lr64, correction1));
      inverseSqrtCorrection2 =
          toF32(b, loc, arith::DivFOp::create(b, loc, one64, sqrtCorrection2));
    }
    // AdamW: the factor 1 - lr * wd (default).
    Value decayFactor;
    if (decay && !keras)
      decayFactor = toF32(b, loc,
                          arith::SubFOp::create(
                              b, loc, one64,
                              arith::MulFOp::create(
                                  b, loc, lr64, f64Constant(b, loc, *decay))));

    SmallVector<Value> inputs = {op.getParam(), op.getGrad(),
                                 op.getFirstMoment(), op.getSecondMoment()};
    SmallVector<Value> results = buildUpdate(
        b, loc, type, inputs, 3, [&](OpBuilder &nb, Location l, ValueRange v) {
          Value p = v[0], g = v[1], m = v[2], sq = v[3];
          // f32 constants; 1 - b computed in f64, then rounded.
          Value b1 = f32Constant(nb, l, beta1), b2 = f32Constant(nb, l, beta2);
          Value oneMinusB1 = f32Constant(nb, l, 1.0 - beta1);
          Value oneMinusB2 = f32Constant(nb, l, 1.0 - beta2);
          Value epsilon = f32Constant(nb, l, op.getEpsilon().convertToDouble());
          Value gg = mul(nb, l, g, g);
          if (keras) {
            // Keras: m + (g - m) * (1 - b1), v + (g * g - v) * (1 - b2);
            // AdamW's p - (p * wd) * lr first; then
            // p - (m' * alpha) / (sqrt(v') + eps).
            Value m1 = add(nb, l, m, mul(nb, l, sub(nb, l, g, m), oneMinusB1));
            Value v1 =
                add(nb, l, sq, mul(nb, l, sub(nb, l, gg, sq), oneMinusB2));
            if (decay)
              p = sub(
                  nb, l, p,
                  mul(nb, l, mul(nb, l, p, f32Constant(nb, l, *decay)), lr));
            Value denominator =
                add(nb, l, math::SqrtOp::create(nb, l, v1), epsilon);
            Value p1 =
                sub(nb, l, p, div(nb, l, mul(nb, l, m1, alpha), denominator));
            return SmallVector<Value>{p1, m1, v1};
          }
          // PyTorch / Optax: b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g^2;
          // AdamW's p * (1 - lr * wd) first; then
          // p - s * (m' / (sqrt(v') * c + eps)).
          Value m1 = add(nb, l, mul(nb, l, b1, m), mul(nb, l, oneMinusB1, g));
          Value v1 = add(nb, l, mul(nb, l, b2, sq), mul(nb, l, oneMinusB2, gg));
          if (decay)
            p = mul(nb, l, p, decayFactor);
          Value denominator = add(nb, l,
                                  mul(nb, l, math::SqrtOp::create(nb, l, v1),
                                      inverseSqrtCorrection2),
                                  epsilon);
          Value p1 =
              sub(nb, l, p, mul(nb, l, stepSize, div(nb, l, m1, denominator)));
          return SmallVector<Value>{p1, m1, v1};
        });
    results.push_back(newStep);
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void mlir::nn::populateOptimizerToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<SgdUpdateToLinalg, AdamUpdateToLinalg<AdamUpdateOp>,
               AdamUpdateToLinalg<AdamWUpdateOp>>(patterns.getContext());
}
