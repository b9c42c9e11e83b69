//===- Random.cpp - threefry2x32 random ops to linalg ---------------------===//
//
// Part of the nn-mlir project.
//
// JAX's default PRNG (threefry2x32, 20 rounds, jax_threefry_partitionable):
// plain i32 arithmetic (add, rotate, xor) inside linalg.generic ops over the
// element index, so it vectorizes like any elementwise op. Keys are
// tensor<2xi32> after conversion (key arrays tensor<Nx2xi32>).
//
//===----------------------------------------------------------------------===//

#include "Utils.h"

#include "nn/Conversion/NNToLinalg/NNToLinalg.h"
#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::lowering;

#include <cmath>
#include <limits>

namespace {

Value i32Constant(OpBuilder &b, Location loc, uint32_t value) {
  return arith::ConstantOp::create(
      b, loc, b.getI32IntegerAttr(static_cast<int32_t>(value)));
}

/// threefry2x32 with 20 rounds (Salmon et al., "Parallel random numbers: as
/// easy as 1, 2, 3"; Random123's threefry2x32_20) of counter (c0, c1) under
/// key (k0, k1). All arithmetic wraps modulo 2^32.
std::pair<Value, Value> threefry2x32(OpBuilder &b, Location loc, Value k0,
                                     Value k1, Value c0, Value c1) {
  auto add = [&](Value x, Value y) {
    return arith::AddIOp::create(b, loc, x, y).getResult();
  };
  Value ks[3] = {k0, k1,
                 arith::XOrIOp::create(
                     b, loc, arith::XOrIOp::create(b, loc, k0, k1),
                     i32Constant(b, loc, 0x1BD11BDA))};
  Value x0 = add(c0, ks[0]), x1 = add(c1, ks[1]);
  constexpr uint32_t rotations[2][4] = {{13, 15, 26, 6}, {17, 29, 16, 24}};
  for (uint32_t group = 0; group < 5; ++group) {
    for (uint32_t r : rotations[group % 2]) {
      x0 = add(x0, x1);
      Value left = arith::ShLIOp::create(b, loc, x1, i32Constant(b, loc, r));
      Value right =
          arith::ShRUIOp::create(b, loc, x1, i32Constant(b, loc, 32 - r));
      x1 = arith::OrIOp::create(b, loc, left, right);
      x1 = arith::XOrIOp::create(b, loc, x1, x0);
    }
    // Key injection after every 4 rounds.
    x0 = add(x0, ks[(group + 1) % 3]);
    x1 = add(add(x1, ks[(group + 2) % 3]), i32Constant(b, loc, group + 1));
  }
  return {x0, x1};
}

/// (key[0], key[1]) of a converted key tensor<2xi32>.
std::pair<Value, Value> keyWords(OpBuilder &b, Location loc, Value key) {
  auto word = [&](int64_t i) {
    Value index = arith::ConstantIndexOp::create(b, loc, i);
    return tensor::ExtractOp::create(b, loc, key, index).getResult();
  };
  return {word(0), word(1)};
}

/// (hi32(i), lo32(i)) of the row-major flat index of the current element of
/// a linalg.generic over `shape` (the loops of the first `shape.size()`
/// dims).
std::pair<Value, Value> flatIndexWords(OpBuilder &b, Location loc,
                                       ArrayRef<int64_t> shape) {
  Value flat = arith::ConstantIndexOp::create(b, loc, 0);
  for (auto [dim, size] : llvm::enumerate(shape)) {
    Value scaled = arith::MulIOp::create(
        b, loc, flat, arith::ConstantIndexOp::create(b, loc, size));
    flat = arith::AddIOp::create(b, loc, scaled,
                                 linalg::IndexOp::create(b, loc, dim));
  }
  Value wide = arith::IndexCastUIOp::create(b, loc, b.getI64Type(), flat);
  Value hi = arith::TruncIOp::create(
      b, loc, b.getI32Type(),
      arith::ShRUIOp::create(
          b, loc, wide,
          arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(32))));
  Value lo = arith::TruncIOp::create(b, loc, b.getI32Type(), wide);
  return {hi, lo};
}

/// The 32 random bits of the current element: w0 ^ w1.
Value randomBits(OpBuilder &b, Location loc, Value k0, Value k1,
                 ArrayRef<int64_t> shape) {
  auto [hi, lo] = flatIndexWords(b, loc, shape);
  auto [w0, w1] = threefry2x32(b, loc, k0, k1, hi, lo);
  return arith::XOrIOp::create(b, loc, w0, w1);
}

/// A generic over `type` whose element is `fn(its random bits under the key
/// words (k0, k1), the elements of `inputs` there)`; `inputs` have `type`'s
/// shape and are read through the identity map.
Value buildFromBits(
    OpBuilder &b, Location loc, Value k0, Value k1, RankedTensorType type,
    ValueRange inputs,
    function_ref<Value(OpBuilder &, Location, Value, ValueRange)> fn) {
  SmallVector<AffineMap> maps(inputs.size(),
                              b.getMultiDimIdentityMap(type.getRank()));
  return buildElementwise(
      b, loc, type, inputs, maps, [&](OpBuilder &nb, Location l, ValueRange v) {
        return fn(nb, l, randomBits(nb, l, k0, k1, type.getShape()), v);
      });
}

/// The same, elementwise in nothing but the bits of `key`.
Value buildFromBits(OpBuilder &b, Location loc, Value key,
                    RankedTensorType type,
                    function_ref<Value(OpBuilder &, Location, Value)> fn) {
  auto [k0, k1] = keyWords(b, loc, key);
  return buildFromBits(b, loc, k0, k1, type, ValueRange(),
                       [&](OpBuilder &nb, Location l, Value bits, ValueRange) {
                         return fn(nb, l, bits);
                       });
}

/// Uniform f32 in [0, 1) from 32 bits: 23 mantissa bits under exponent 0.
Value unitFloat(OpBuilder &b, Location loc, Value bits) {
  Value mantissa = arith::ShRUIOp::create(b, loc, bits, i32Constant(b, loc, 9));
  Value one = arith::OrIOp::create(b, loc, mantissa,
                                   i32Constant(b, loc, 0x3F800000));
  Value f = arith::BitcastOp::create(b, loc, b.getF32Type(), one);
  return arith::SubFOp::create(b, loc, f, f32Constant(b, loc, 1.0));
}

/// max(lo, f * (hi - lo) + lo) for f in [0, 1): a separate multiply and add
/// (no FMA), as JAX's uniform. (hi - lo) is rounded to f32 like JAX does.
Value scaleUniform(OpBuilder &b, Location loc, Value f, float lo, float hi) {
  if (lo == 0.0f && hi == 1.0f)
    return f;
  Value low = f32Constant(b, loc, lo);
  Value scaled = arith::MulFOp::create(b, loc, f, f32Constant(b, loc, hi - lo));
  Value shifted = arith::AddFOp::create(b, loc, scaled, low);
  return arith::MaximumFOp::create(b, loc, low, shifted);
}

/// erfinv in single precision: Giles' polynomials as XLA's ErfInv32, Horner
/// steps as FMAs; erfinv(+-1) = +-inf.
Value erfinv(OpBuilder &b, Location loc, Value x) {
  constexpr float small[9] = {2.81022636e-08f,  3.43273939e-07f,
                              -3.5233877e-06f,  -4.39150654e-06f,
                              0.00021858087f,   -0.00125372503f,
                              -0.00417768164f,  0.246640727f,
                              1.50140941f};
  constexpr float large[9] = {-0.000200214257f, 0.000100950558f,
                              0.00134934322f,   -0.00367342844f,
                              0.00573950773f,   -0.0076224613f,
                              0.00943887047f,   1.00167406f,
                              2.83297682f};
  Value square = arith::MulFOp::create(b, loc, x, x);
  Value w = arith::NegFOp::create(
      b, loc, math::Log1pOp::create(b, loc, arith::NegFOp::create(b, loc, square)));
  Value isSmall = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, w,
                                        f32Constant(b, loc, 5.0));
  Value wSmall = arith::SubFOp::create(b, loc, w, f32Constant(b, loc, 2.5));
  Value wLarge = arith::SubFOp::create(b, loc, math::SqrtOp::create(b, loc, w),
                                       f32Constant(b, loc, 3.0));
  Value t = arith::SelectOp::create(b, loc, isSmall, wSmall, wLarge);
  auto coefficient = [&](int i) {
    return arith::SelectOp::create(b, loc, isSmall, f32Constant(b, loc, small[i]),
                                   f32Constant(b, loc, large[i]))
        .getResult();
  };
  Value p = coefficient(0);
  for (int i = 1; i < 9; ++i)
    p = math::FmaOp::create(b, loc, p, t, coefficient(i));
  Value result = arith::MulFOp::create(b, loc, p, x);
  Value isOne = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ,
                                      math::AbsFOp::create(b, loc, x),
                                      f32Constant(b, loc, 1.0));
  Value infinite = arith::MulFOp::create(
      b, loc, x, f32Constant(b, loc, std::numeric_limits<double>::infinity()));
  return arith::SelectOp::create(b, loc, isOne, infinite, result);
}

constexpr float kSqrt2 = 1.41421356f;

/// sqrt(2) * erfinv(u) for u uniform in [lo, hi).
Value inverseNormalCdf(OpBuilder &b, Location loc, Value bits, float lo,
                       float hi) {
  Value u = scaleUniform(b, loc, unitFloat(b, loc, bits), lo, hi);
  return arith::MulFOp::create(b, loc, f32Constant(b, loc, kSqrt2),
                               erfinv(b, loc, u));
}

/// JAX's truncated normal on (lower, upper).
Value truncatedNormal(OpBuilder &b, Location loc, Value bits, float lower,
                      float upper) {
  auto cdfBound = [](float v) {
    return static_cast<float>(std::erf(static_cast<double>(v / kSqrt2)));
  };
  Value n = inverseNormalCdf(b, loc, bits, cdfBound(lower), cdfBound(upper));
  Value lo = f32Constant(b, loc,
                         std::nextafter(lower, std::numeric_limits<float>::infinity()));
  Value hi = f32Constant(b, loc,
                         std::nextafter(upper, -std::numeric_limits<float>::infinity()));
  return arith::MinimumFOp::create(b, loc, arith::MaximumFOp::create(b, loc, n, lo),
                                   hi);
}

/// key = [uint32(s >> 32), uint32(s)].
struct RngKeyToLinalg : OpConversionPattern<RngKeyOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RngKeyOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = RankedTensorType::get({2}, rewriter.getI32Type());
    if (std::optional<uint64_t> seed = op.getSeed()) {
      auto words = DenseElementsAttr::get(
          type, ArrayRef<int32_t>{static_cast<int32_t>(*seed >> 32),
                                  static_cast<int32_t>(*seed)});
      rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, type, words);
      return success();
    }
    Value seed = tensor::ExtractOp::create(rewriter, loc,
                                           adaptor.getSeedValue(), ValueRange());
    Value hi = arith::TruncIOp::create(
        rewriter, loc, rewriter.getI32Type(),
        arith::ShRUIOp::create(
            rewriter, loc, seed,
            arith::ConstantOp::create(rewriter, loc,
                                      rewriter.getI64IntegerAttr(32))));
    Value lo = arith::TruncIOp::create(rewriter, loc, rewriter.getI32Type(), seed);
    rewriter.replaceOpWithNewOp<tensor::FromElementsOp>(op, type,
                                                        ValueRange{hi, lo});
    return success();
  }
};

/// fold_in(key, d) = threefry2x32(key, (0, d)).
struct RngFoldInToLinalg : OpConversionPattern<RngFoldInOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RngFoldInOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto [k0, k1] = keyWords(rewriter, loc, adaptor.getKey());
    Value data =
        tensor::ExtractOp::create(rewriter, loc, adaptor.getData(), ValueRange());
    auto [w0, w1] =
        threefry2x32(rewriter, loc, k0, k1, i32Constant(rewriter, loc, 0), data);
    rewriter.replaceOpWithNewOp<tensor::FromElementsOp>(
        op, RankedTensorType::get({2}, rewriter.getI32Type()),
        ValueRange{w0, w1});
    return success();
  }
};

/// Inside a generic whose loop `wordDim` runs over the two words of a
/// threefry2x32 output: word 0 is `w0`, word 1 is `w1`.
Value selectWord(OpBuilder &b, Location loc, int64_t wordDim, Value w0,
                 Value w1) {
  Value isFirst = arith::CmpIOp::create(
      b, loc, arith::CmpIPredicate::eq, linalg::IndexOp::create(b, loc, wordDim),
      arith::ConstantIndexOp::create(b, loc, 0));
  return arith::SelectOp::create(b, loc, isFirst, w0, w1);
}

/// keys[i] = threefry2x32(key, (hi32(i), lo32(i))): a generic over [N, 2]
/// whose element (i, w) is word w.
struct RngSplitToLinalg : OpConversionPattern<RngSplitOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RngSplitOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    int64_t count = op.getKeys().getType().getDimSize(0);
    auto type = RankedTensorType::get({count, 2}, rewriter.getI32Type());
    // Not a structured binding: the lambda below captures the words.
    Value k0, k1;
    std::tie(k0, k1) = keyWords(rewriter, loc, adaptor.getKey());
    Value keys = buildElementwise(
        rewriter, loc, type, ValueRange(), {},
        [&](OpBuilder &b, Location l, ValueRange) {
          auto [hi, lo] = flatIndexWords(b, l, {count});
          auto [w0, w1] = threefry2x32(b, l, k0, k1, hi, lo);
          return selectWord(b, l, /*wordDim=*/1, w0, w1);
        });
    rewriter.replaceOp(op, keys);
    return success();
  }
};

/// keys[index] as tensor<2xi32>.
struct RngKeyAtToLinalg : OpConversionPattern<RngKeyAtOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RngKeyAtOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    int64_t index = static_cast<int64_t>(op.getIndex());
    SmallVector<OpFoldResult> offsets = {rewriter.getIndexAttr(index),
                                         rewriter.getIndexAttr(0)};
    SmallVector<OpFoldResult> sizes = {rewriter.getIndexAttr(1),
                                       rewriter.getIndexAttr(2)};
    SmallVector<OpFoldResult> strides = {rewriter.getIndexAttr(1),
                                         rewriter.getIndexAttr(1)};
    auto type = RankedTensorType::get({2}, rewriter.getI32Type());
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, type, adaptor.getKeys(), offsets, sizes, strides);
    return success();
  }
};

/// output[..., w] = word w of threefry2x32(key, counters[..., 0:2]).
struct RngThreefryToLinalg : OpConversionPattern<RngThreefryOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RngThreefryOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    // Not a structured binding: the lambda below captures the words.
    Value k0, k1;
    std::tie(k0, k1) = keyWords(rewriter, loc, adaptor.getKey());
    auto wordMap = [&](int64_t word) {
      SmallVector<AffineExpr> exprs;
      for (int64_t d = 0; d + 1 < rank; ++d)
        exprs.push_back(getAffineDimExpr(d, ctx));
      exprs.push_back(getAffineConstantExpr(word, ctx));
      return AffineMap::get(rank, 0, exprs, ctx);
    };
    Value result = buildElementwise(
        rewriter, loc, type,
        ValueRange{adaptor.getCounters(), adaptor.getCounters()},
        {wordMap(0), wordMap(1)}, [&](OpBuilder &b, Location l, ValueRange v) {
          auto [w0, w1] = threefry2x32(b, l, k0, k1, v[0], v[1]);
          return selectWord(b, l, /*wordDim=*/rank - 1, w0, w1);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct RngBitsToLinalg : OpConversionPattern<RngBitsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RngBitsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(
        op,
        buildFromBits(rewriter, op.getLoc(), adaptor.getKey(), op.getType(),
                      [](OpBuilder &, Location, Value bits) { return bits; }));
    return success();
  }
};

struct RngUniformToLinalg : OpConversionPattern<RngUniformOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RngUniformOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    float minval = op.getMinval().convertToFloat();
    float maxval = op.getMaxval().convertToFloat();
    rewriter.replaceOp(
        op, buildFromBits(rewriter, op.getLoc(), adaptor.getKey(), op.getType(),
                          [&](OpBuilder &b, Location l, Value bits) {
                            return scaleUniform(b, l, unitFloat(b, l, bits),
                                                minval, maxval);
                          }));
    return success();
  }
};

/// mask = uniform < p, as 0/1 bytes.
struct RngBernoulliToLinalg : OpConversionPattern<RngBernoulliOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RngBernoulliOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    float p = op.getP().convertToFloat();
    auto bytes =
        RankedTensorType::get(op.getType().getShape(), rewriter.getI8Type());
    rewriter.replaceOp(
        op, buildFromBits(rewriter, op.getLoc(), adaptor.getKey(), bytes,
                          [&](OpBuilder &b, Location l, Value bits) {
                            Value keep = arith::CmpFOp::create(
                                b, l, arith::CmpFPredicate::OLT,
                                unitFloat(b, l, bits), f32Constant(b, l, p));
                            return arith::ExtUIOp::create(b, l, b.getI8Type(),
                                                          keep)
                                .getResult();
                          }));
    return success();
  }
};

/// keep = uniform < 1 - rate; output = keep ? x * (1 / (1 - rate)) : 0.
struct DropoutToLinalg : OpConversionPattern<DropoutOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DropoutOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    // 1 - rate in double (rate is an f64 attribute, a Python float), then
    // rounded to f32, as Flax computes keep_prob.
    float keepProbability = static_cast<float>(
        1.0 - op.getRate().convertToDouble());
    // XLA rewrites the division by this constant into a multiplication by
    // its f32 reciprocal; so do we, to give JAX's bits.
    float keepScale = 1.0f / keepProbability;
    auto [k0, k1] = keyWords(rewriter, loc, adaptor.getKey());
    rewriter.replaceOp(
        op, buildFromBits(
                rewriter, loc, k0, k1, type, adaptor.getInput(),
                [&](OpBuilder &b, Location l, Value bits, ValueRange v) {
                  Value keep = arith::CmpFOp::create(
                      b, l, arith::CmpFPredicate::OLT, unitFloat(b, l, bits),
                      f32Constant(b, l, keepProbability));
                  Value scaled = arith::MulFOp::create(
                      b, l, v[0], f32Constant(b, l, keepScale));
                  return arith::SelectOp::create(b, l, keep, scaled,
                                                 f32Constant(b, l, 0.0))
                      .getResult();
                }));
    return success();
  }
};

/// split(key) -> (key', subkey): words of threefry(key, (0, 0)) and
/// threefry(key, (0, 1)).
std::pair<std::pair<Value, Value>, std::pair<Value, Value>>
splitInTwo(OpBuilder &b, Location loc, Value k0, Value k1) {
  Value zero = i32Constant(b, loc, 0);
  return {threefry2x32(b, loc, k0, k1, zero, zero),
          threefry2x32(b, loc, k0, k1, zero, i32Constant(b, loc, 1))};
}

/// JAX's _shuffle of 0..n-1: per round, split the key, draw sort keys from
/// the subkey and stably sort by them (as ranks, then a gather).
Value buildPermutation(OpBuilder &b, Location loc, Value k0, Value k1,
                       int64_t n) {
  MLIRContext *ctx = b.getContext();
  auto vector = RankedTensorType::get({n}, b.getI32Type());
  Value values = buildElementwise(
      b, loc, vector, ValueRange(), {}, [](OpBuilder &nb, Location l, ValueRange) {
        return arith::IndexCastOp::create(nb, l, nb.getI32Type(),
                                          linalg::IndexOp::create(nb, l, 0))
            .getResult();
      });
  int64_t rounds = static_cast<int64_t>(std::ceil(
      3.0 * std::log(std::max<double>(1.0, n)) / std::log(4294967295.0)));
  AffineMap d0 = AffineMap::get(2, 0, getAffineDimExpr(0, ctx));
  AffineMap d1 = AffineMap::get(2, 0, getAffineDimExpr(1, ctx));
  using utils::IteratorType;
  for (int64_t round = 0; round < rounds; ++round) {
    auto [next, sub] = splitInTwo(b, loc, k0, k1);
    k0 = next.first;
    k1 = next.second;
    Value s0 = sub.first, s1 = sub.second;
    Value sortKeys = buildFromBits(
        b, loc, s0, s1, vector, ValueRange(),
        [](OpBuilder &, Location, Value bits, ValueRange) { return bits; });
    // rank[i] = #{j : key[j] <u key[i] or (key[j] == key[i] and j < i)}.
    Value ranks = buildGeneric(
        b, loc, linalg::FillOp::create(b, loc, i32Constant(b, loc, 0),
                                       createEmpty(b, loc, vector))
                    .getResult(0),
        ValueRange{sortKeys, sortKeys}, {d0, d1, d0},
        {IteratorType::parallel, IteratorType::reduction},
        [](OpBuilder &nb, Location l, ValueRange v) {
          Value before = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::ult,
                                               v[1], v[0]);
          Value tie = arith::AndIOp::create(
              nb, l,
              arith::CmpIOp::create(nb, l, arith::CmpIPredicate::eq, v[1], v[0]),
              arith::CmpIOp::create(nb, l, arith::CmpIPredicate::ult,
                                    linalg::IndexOp::create(nb, l, 1),
                                    linalg::IndexOp::create(nb, l, 0)));
          Value counts = arith::OrIOp::create(nb, l, before, tie);
          Value one = arith::ExtUIOp::create(nb, l, nb.getI32Type(), counts);
          return arith::AddIOp::create(nb, l, v[2], one).getResult();
        });
    // out[r] = values[i] for the i with rank[i] == r.
    values = buildGeneric(
        b, loc, linalg::FillOp::create(b, loc, i32Constant(b, loc, 0),
                                       createEmpty(b, loc, vector))
                    .getResult(0),
        ValueRange{ranks, values}, {d1, d1, d0},
        {IteratorType::parallel, IteratorType::reduction},
        [](OpBuilder &nb, Location l, ValueRange v) {
          Value r = arith::IndexCastOp::create(nb, l, nb.getI32Type(),
                                               linalg::IndexOp::create(nb, l, 0));
          Value here = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::eq,
                                             v[0], r);
          return arith::SelectOp::create(nb, l, here, v[1], v[2]).getResult();
        });
  }
  return values;
}

struct RngPermutationToLinalg : OpConversionPattern<RngPermutationOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RngPermutationOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto [k0, k1] = keyWords(rewriter, op.getLoc(), adaptor.getKey());
    rewriter.replaceOp(op, buildPermutation(rewriter, op.getLoc(), k0, k1,
                                            op.getType().getDimSize(0)));
    return success();
  }
};

/// output[r, ...] = input[perm[r], ...].
struct RngShuffleToLinalg : OpConversionPattern<RngShuffleOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RngShuffleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    auto [k0, k1] = keyWords(rewriter, loc, adaptor.getKey());
    Value perm = buildPermutation(rewriter, loc, k0, k1, type.getDimSize(0));
    Value input = adaptor.getInput();
    Value result = buildElementwise(
        rewriter, loc, type, perm,
        {AffineMap::get(rank, 0, getAffineDimExpr(0, rewriter.getContext()))},
        [&](OpBuilder &b, Location l, ValueRange v) {
          SmallVector<Value> indices = {
              arith::IndexCastOp::create(b, l, b.getIndexType(), v[0])};
          for (int64_t d = 1; d < rank; ++d)
            indices.push_back(linalg::IndexOp::create(b, l, d));
          return tensor::ExtractOp::create(b, l, input, indices).getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct RngNormalToLinalg : OpConversionPattern<RngNormalOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RngNormalOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // u over [nextafter(-1, 0), 1).
    float lo = std::nextafter(-1.0f, 0.0f);
    rewriter.replaceOp(
        op, buildFromBits(rewriter, op.getLoc(), adaptor.getKey(), op.getType(),
                          [&](OpBuilder &b, Location l, Value bits) {
                            return inverseNormalCdf(b, l, bits, lo, 1.0f);
                          }));
    return success();
  }
};

struct RngTruncatedNormalToLinalg : OpConversionPattern<RngTruncatedNormalOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RngTruncatedNormalOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    float lower = op.getLower().convertToFloat();
    float upper = op.getUpper().convertToFloat();
    rewriter.replaceOp(
        op, buildFromBits(rewriter, op.getLoc(), adaptor.getKey(), op.getType(),
                          [&](OpBuilder &b, Location l, Value bits) {
                            return truncatedNormal(b, l, bits, lower, upper);
                          }));
    return success();
  }
};

/// Keras 3's initializers (VarianceScaling and friends).
struct InitToLinalg : OpConversionPattern<InitOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(InitOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    ArrayRef<int64_t> shape = type.getShape();
    double fanIn = 1, fanOut = 1;
    if (shape.size() == 1) {
      fanIn = fanOut = shape[0];
    } else if (shape.size() >= 2) {
      double receptive = 1;
      for (int64_t d : shape.drop_back(2))
        receptive *= d;
      fanIn = shape[shape.size() - 2] * receptive;
      fanOut = shape.back() * receptive;
    }
    Initializer kind = op.getKind();
    if (kind == Initializer::zeros || kind == Initializer::ones ||
        kind == Initializer::constant) {
      double value = kind == Initializer::ones       ? 1.0
                     : kind == Initializer::constant ? op.getValue().convertToDouble()
                                                     : 0.0;
      rewriter.replaceOp(op, createFilled(rewriter, loc, type, value));
      return success();
    }
    // VarianceScaling: scale / max(1, n) with n from the mode.
    double scale = 1.0, n = fanIn;
    if (kind == Initializer::glorot_uniform || kind == Initializer::glorot_normal)
      n = (fanIn + fanOut) / 2.0;
    if (kind == Initializer::he_uniform || kind == Initializer::he_normal)
      scale = 2.0;
    scale /= std::max(1.0, n);
    bool uniform =
        kind == Initializer::glorot_uniform || kind == Initializer::he_uniform;
    float limit = static_cast<float>(std::sqrt(3.0 * scale));
    float stddev = kind == Initializer::truncated_normal
                       ? op.getStddev().convertToFloat()
                       : static_cast<float>(std::sqrt(scale) /
                                            0.87962566103423978);
    rewriter.replaceOp(
        op, buildFromBits(rewriter, op.getLoc(), adaptor.getKey(), op.getType(),
                          [&](OpBuilder &b, Location l, Value bits) -> Value {
                            if (uniform)
                              return scaleUniform(b, l, unitFloat(b, l, bits),
                                                  -limit, limit);
                            Value t = truncatedNormal(b, l, bits, -2.0f, 2.0f);
                            Value scaled = arith::MulFOp::create(
                                b, l, t, f32Constant(b, l, stddev));
                            return arith::AddFOp::create(b, l, scaled,
                                                         f32Constant(b, l, 0.0));
                          }));
    return success();
  }
};

} // namespace

void mlir::nn::populateRandomToLinalgPatterns(const TypeConverter &converter,
                                              RewritePatternSet &patterns) {
  patterns.add<RngKeyToLinalg, RngFoldInToLinalg, RngSplitToLinalg,
               RngKeyAtToLinalg, RngThreefryToLinalg, RngBitsToLinalg,
               RngUniformToLinalg, RngBernoulliToLinalg, DropoutToLinalg,
               RngNormalToLinalg, RngTruncatedNormalToLinalg, InitToLinalg,
               RngPermutationToLinalg, RngShuffleToLinalg>(
      converter, patterns.getContext());
}
