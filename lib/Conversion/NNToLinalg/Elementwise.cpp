//===- Elementwise.cpp - nn activations to linalg -------------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "Utils.h"

#include "nn/Conversion/NNToLinalg/NNToLinalg.h"
#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <cmath>

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::lowering;

namespace {

/// Rewrites a unary nn activation into an all-parallel linalg.generic whose
/// body is `Derived::compute(b, loc, op, x)`.
template <typename OpTy, typename Derived>
struct ActivationToLinalg : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = op.getType();
    AffineMap identity = rewriter.getMultiDimIdentityMap(type.getRank());
    Value result = buildElementwise(
        rewriter, op.getLoc(), type, op.getInput(), {identity},
        [&](OpBuilder &b, Location loc, ValueRange v) {
          return Derived::compute(b, loc, op, v[0]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// max(x, 0), NaN-propagating.
struct ReluToLinalg : ActivationToLinalg<ReluOp, ReluToLinalg> {
  using ActivationToLinalg::ActivationToLinalg;
  static Value compute(OpBuilder &b, Location loc, ReluOp, Value x) {
    return arith::MaximumFOp::create(b, loc, x, f32Constant(b, loc, 0.0));
  }
};

struct TanhToLinalg : ActivationToLinalg<TanhOp, TanhToLinalg> {
  using ActivationToLinalg::ActivationToLinalg;
  static Value compute(OpBuilder &b, Location loc, TanhOp, Value x) {
    return math::TanhOp::create(b, loc, x);
  }
};

/// With z = -|x| (chosen by a select, not math.absf): e = exp(z) <= 1,
/// r = 1 / (1 + e), and sigmoid(x) = r for x >= 0, e * r for x < 0. For
/// x >= 0 this is 1 / (1 + exp(-x)) bit for bit; for x < 0 no exp
/// overflows, so tiny results keep their value (exp(x) / (1 + exp(x))) and
/// the derivative that nn-jvp / nn-vjp take op by op stays finite: the
/// naive form's derivative is inf / inf = NaN below x = -88.7. The select
/// (not |x|, whose derivative at 0 is taken as 0) keeps sigmoid'(0) = 1/4.
struct SigmoidToLinalg : ActivationToLinalg<SigmoidOp, SigmoidToLinalg> {
  using ActivationToLinalg::ActivationToLinalg;
  static Value compute(OpBuilder &b, Location loc, SigmoidOp, Value x) {
    Value zero = f32Constant(b, loc, 0.0);
    Value one = f32Constant(b, loc, 1.0);
    Value nonNegative =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, x, zero);
    Value z = arith::SelectOp::create(b, loc, nonNegative,
                                      arith::NegFOp::create(b, loc, x), x);
    Value e = math::ExpOp::create(b, loc, z);
    Value r = arith::DivFOp::create(b, loc, one,
                                    arith::AddFOp::create(b, loc, one, e));
    return arith::SelectOp::create(b, loc, nonNegative, r,
                                   arith::MulFOp::create(b, loc, e, r));
  }
};

/// Exact: 0.5 x (1 + erf(x / sqrt(2))).
/// Tanh:  0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))).
struct GeluToLinalg : ActivationToLinalg<GeluOp, GeluToLinalg> {
  using ActivationToLinalg::ActivationToLinalg;
  static Value compute(OpBuilder &b, Location loc, GeluOp op, Value x) {
    Value half = f32Constant(b, loc, 0.5);
    Value one = f32Constant(b, loc, 1.0);
    Value cdfTerm;
    if (op.getApproximation() == GeluApproximation::none) {
      Value scaled =
          arith::MulFOp::create(b, loc, x, f32Constant(b, loc, M_SQRT1_2));
      cdfTerm = math::ErfOp::create(b, loc, scaled);
    } else {
      Value cube = arith::MulFOp::create(
          b, loc, arith::MulFOp::create(b, loc, x, x), x);
      Value inner = arith::AddFOp::create(
          b, loc, x,
          arith::MulFOp::create(b, loc, f32Constant(b, loc, 0.044715), cube));
      Value scaled = arith::MulFOp::create(
          b, loc, f32Constant(b, loc, std::sqrt(2.0 / M_PI)), inner);
      cdfTerm = math::TanhOp::create(b, loc, scaled);
    }
    Value halfX = arith::MulFOp::create(b, loc, half, x);
    return arith::MulFOp::create(b, loc, halfX,
                                 arith::AddFOp::create(b, loc, one, cdfTerm));
  }
};

} // namespace

void mlir::nn::populateElementwiseToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ReluToLinalg, TanhToLinalg, SigmoidToLinalg, GeluToLinalg>(
      patterns.getContext());
}
