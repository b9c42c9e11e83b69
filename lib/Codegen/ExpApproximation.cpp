//===- ExpApproximation.cpp - f32 exp as vector code ----------------------===//
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
// On x86 hosts with AVX-512 (populateExpTableApproximationPatterns),
// exp(x) = 2^m * 2^(j/16) * e^r with k = round(16 x / ln 2) = 16 m + j,
// 0 <= j < 16, and r = x - k ln 2 / 16 in [-ln 2 / 32, ln 2 / 32]:
//
// * k is rounded by adding 1.5 * 2^23 to 16 x / ln 2 (one fma): the sum's
//   mantissa field is then k + 2^22, so its low 4 bits are j and the bits
//   above them m + 2^18, with no conversion or rounding instruction;
// * 2^(j/16) / 2 comes from a 16-entry table indexed by those low 4 bits,
//   in one AVX-512 `vpermd` per 16 lanes (the table is one register);
// * shifted left by 19, the sum's bits put m (mod 512) in the exponent and
//   sign fields and j in the mantissa's top 4 bits; the table holds each
//   entry's bits less j << 19, so one integer addition gives the bits of
//   2^(m-1) * 2^(j/16);
// * r is reduced in two steps (Cody-Waite): ln 2 / 16's high part has 12
//   significant bits, so k times it is exact for every k reached here;
// * e^r = 1 + r q(r), q of degree 2 (Taylor: its error, r^4 / 24, is below
//   0.08 ulp on the interval);
// * the result is 2 * (h + h r q) with h = 2^(m-1) * 2^(j/16): scaling by h
//   and then doubling reaches m = 128, so results up to FLT_MAX stay finite.
//
// 7 multiplications and FMAs per vector instead of the polynomial's 10,
// which bound a softmax's exponentials on x86 cores with one 512-bit FMA
// per cycle (Zen 4). x is first clamped to 88.8 (above, m = 128 and the
// doubling overflows to +inf; NaN passes the clamp); below -86.64, where m
// would drop under -125 and h's exponent field under 1, the result is 0.
// Measured against float64 exp over [-86.6, 88.7228] in a float32 model:
// at most 1.07 ulp, mean 0.31 ulp.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Approximations.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/bit.h"

#include <cmath>

using namespace mlir;

namespace {

/// Builds the arithmetic of an f32 exp of `type` (a scalar or a vector).
struct ExpBuilder {
  ExpBuilder(ImplicitLocOpBuilder &b, Type type)
      : b(b), type(type), intType(b.getI32Type()) {
    if (auto vectorType = dyn_cast<VectorType>(type))
      intType = vectorType.clone(intType);
  }

  Value constant(float value) {
    return mlir::createScalarOrSplatConstant(b, b.getLoc(), type,
                                             APFloat(value));
  }
  Value intConstant(int64_t value) {
    return mlir::createScalarOrSplatConstant(b, b.getLoc(), intType, value);
  }
  Value fma(Value a, Value c, Value d) {
    return math::FmaOp::create(b, a, c, d);
  }

  /// `bound < x ? bound : x` and `bound > x ? bound : x`: clamps that keep
  /// a NaN (the comparisons are false for it), in the operand order of
  /// x86's vminps / vmaxps, so that each is one instruction.
  Value clampAbove(Value x, float bound) {
    Value limit = constant(bound);
    return arith::SelectOp::create(
        b, arith::CmpFOp::create(b, arith::CmpFPredicate::OLT, limit, x),
        limit, x);
  }
  Value clampBelow(Value x, float bound) {
    Value limit = constant(bound);
    return arith::SelectOp::create(
        b, arith::CmpFOp::create(b, arith::CmpFPredicate::OGT, limit, x),
        limit, x);
  }

  ImplicitLocOpBuilder &b;
  Type type;
  /// i32 of `type`'s shape.
  Type intType;
};

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
    ExpBuilder e(b, type);
    Value x = e.clampBelow(e.clampAbove(op.getOperand(), kMaxArgument),
                           kMinArgument);

    Value bias = e.constant(kRoundingBias);
    Value biased = e.fma(x, e.constant(kLog2E), bias);
    Value exponentBits = arith::ShLIOp::create(
        b, arith::BitcastOp::create(b, e.intType, biased), e.intConstant(23));
    Value halfScale = arith::BitcastOp::create(b, type, exponentBits);
    Value n = arith::SubFOp::create(b, biased, bias);
    Value r = e.fma(n, e.constant(-kLn2High), x);
    r = e.fma(n, e.constant(-kLn2Low), r);

    Value p = e.constant(kExpPolynomial[std::size(kExpPolynomial) - 1]);
    for (float coefficient :
         llvm::reverse(ArrayRef(kExpPolynomial).drop_back()))
      p = e.fma(p, r, e.constant(coefficient));
    Value half = e.fma(arith::MulFOp::create(b, r, halfScale), p, halfScale);
    rewriter.replaceOpWithNewOp<arith::AddFOp>(op, half, half);
    return success();
  }
};

/// Lanes of one AVX-512 register of i32: the table's size.
constexpr int64_t kTableLanes = 16;
/// 16 / ln 2.
constexpr float kSixteenLog2E = 0x1.715476p+4f;
/// 1.5 * 2^23: 16 x / ln 2 plus this has k + 2^22 in its mantissa field.
constexpr float kTableRoundingBias = 12582912.0f;
/// ln 2 / 16 = kLn2By16High + kLn2By16Low; the high part has 12
/// significant bits.
constexpr float kLn2By16High = 0x1.62ep-5f;
constexpr float kLn2By16Low = 0x1.0bfbe8p-19f;
/// Below: m < -125, and the result is 0 (e^-86.64 = 2.3e-38). (Above
/// kMaxArgument, m = 128 and the result +inf, as for the polynomial.)
constexpr float kTableMinArgument = -86.64f;
/// The table's entries' shift: the rounded sum's bits shifted left by this
/// put m in the exponent field.
constexpr int64_t kScaleShift = 19;

/// The table: the bits of 2^(j/16) / 2, less j << kScaleShift (which the
/// shifted sum adds back).
SmallVector<int32_t> halfPowerTable() {
  SmallVector<int32_t> table;
  for (int32_t j = 0; j < kTableLanes; ++j) {
    float entry = static_cast<float>(std::exp2(j / 16.0) / 2.0);
    table.push_back(static_cast<int32_t>(llvm::bit_cast<uint32_t>(entry) -
                                         (static_cast<uint32_t>(j)
                                          << kScaleShift)));
  }
  return table;
}

/// The table's entries at the indices in the low 4 bits of `indices` (i32,
/// a scalar or a vector of any shape): one `vpermd` per 16 lanes.
Value lookUpTable(ImplicitLocOpBuilder &b, Value indices) {
  Type i32 = b.getI32Type();
  auto registerType = VectorType::get({kTableLanes}, i32);
  Value table = arith::ConstantOp::create(
      b, DenseElementsAttr::get(registerType, ArrayRef(halfPowerTable())));
  StringAttr permute = b.getStringAttr("llvm.x86.avx512.permvar.si.512");

  auto vectorType = dyn_cast<VectorType>(indices.getType());
  int64_t lanes = vectorType ? vectorType.getNumElements() : 1;
  auto flatType = VectorType::get({lanes}, i32);
  Value flat =
      vectorType
          ? vector::ShapeCastOp::create(b, flatType, indices).getResult()
          : vector::BroadcastOp::create(b, flatType, indices).getResult();
  Value result = arith::ConstantOp::create(b, b.getZeroAttr(flatType));
  for (int64_t offset = 0; offset < lanes; offset += kTableLanes) {
    int64_t width = std::min(kTableLanes, lanes - offset);
    Value part = flat;
    if (width != lanes)
      part = vector::ExtractStridedSliceOp::create(
          b, flat, ArrayRef<int64_t>{offset}, ArrayRef<int64_t>{width},
          ArrayRef<int64_t>{1});
    // A last part narrower than a register: its lanes in a whole one.
    if (width != kTableLanes)
      part = vector::InsertStridedSliceOp::create(
          b, part, arith::ConstantOp::create(b, b.getZeroAttr(registerType)),
          ArrayRef<int64_t>{0}, ArrayRef<int64_t>{1});
    Value looked = LLVM::CallIntrinsicOp::create(b, registerType, permute,
                                                 ValueRange{table, part})
                       .getResult(0);
    if (width != kTableLanes)
      looked = vector::ExtractStridedSliceOp::create(
          b, looked, ArrayRef<int64_t>{0}, ArrayRef<int64_t>{width},
          ArrayRef<int64_t>{1});
    result = width == lanes ? looked
                            : vector::InsertStridedSliceOp::create(
                                  b, looked, result, ArrayRef<int64_t>{offset},
                                  ArrayRef<int64_t>{1})
                                  .getResult();
  }
  if (!vectorType)
    return vector::ExtractOp::create(b, result, 0);
  return vector::ShapeCastOp::create(b, vectorType, result);
}

struct ExpByTableLookup : OpRewritePattern<math::ExpOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::ExpOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    auto vectorType = dyn_cast<VectorType>(type);
    if (!getElementTypeOrSelf(type).isF32() ||
        (vectorType && vectorType.isScalable()))
      return failure();
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    ExpBuilder e(b, type);
    Value x = e.clampAbove(op.getOperand(), kMaxArgument);

    Value bias = e.constant(kTableRoundingBias);
    Value biased = e.fma(x, e.constant(kSixteenLog2E), bias);
    Value k = arith::SubFOp::create(b, biased, bias);
    Value r = e.fma(k, e.constant(-kLn2By16High), x);
    r = e.fma(k, e.constant(-kLn2By16Low), r);
    Value q = e.fma(e.constant(1.0f / 6.0f), r, e.constant(0.5f));
    q = e.fma(q, r, e.constant(1.0f));
    Value rq = arith::MulFOp::create(b, r, q);

    Value bits = arith::BitcastOp::create(b, e.intType, biased);
    Value halfBits = arith::AddIOp::create(
        b, arith::ShLIOp::create(b, bits, e.intConstant(kScaleShift)),
        lookUpTable(b, bits));
    Value half = arith::BitcastOp::create(b, type, halfBits);
    Value y = e.fma(half, rq, half);
    Value result = arith::AddFOp::create(b, y, y);
    Value underflows = arith::CmpFOp::create(b, arith::CmpFPredicate::OLT, x,
                                             e.constant(kTableMinArgument));
    rewriter.replaceOpWithNewOp<arith::SelectOp>(op, underflows,
                                                 e.constant(0.0f), result);
    return success();
  }
};

} // namespace

void mlir::nn::populateExpApproximationPatterns(RewritePatternSet &patterns) {
  patterns.add<ExpAsPolynomial>(patterns.getContext());
}

void mlir::nn::populateExpTableApproximationPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ExpByTableLookup>(patterns.getContext());
}
