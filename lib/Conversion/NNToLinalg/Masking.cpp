//===- Masking.cpp - mask ops and masked pooling to linalg ----------------===//
//
// Part of the nn-mlir project.
//
// Masks are i1 in the nn dialect and i8 (0/1) from here on: in memory and at
// function boundaries a mask is a byte per element, the layout of a NumPy
// bool array. Vectors of i1 are bit-packed when loaded from memory while
// scalar i1 stores write a byte, so i1 must never reach memory; comparisons
// produce i1 in registers only.
//
//===----------------------------------------------------------------------===//

#include "Utils.h"

#include "nn/Conversion/NNToLinalg/NNToLinalg.h"
#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::lowering;

namespace {

Type i8Type(MLIRContext *context) { return IntegerType::get(context, 8); }

/// The byte tensor type of a mask type.
RankedTensorType byteMaskType(RankedTensorType mask) {
  return RankedTensorType::get(mask.getShape(), i8Type(mask.getContext()));
}

/// An i1 as a 0/1 byte.
Value toByte(OpBuilder &b, Location loc, Value bit) {
  return arith::ExtUIOp::create(b, loc, b.getI8Type(), bit);
}

Value byteConstant(OpBuilder &b, Location loc, int value) {
  return arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(value));
}

/// Number of kept steps per row: count[b] = sum_t (mask[b, t] != 0), as f32.
Value countKept(OpBuilder &b, Location loc, Value mask) {
  auto maskType = cast<RankedTensorType>(mask.getType());
  MLIRContext *ctx = b.getContext();
  auto countType =
      RankedTensorType::get({maskType.getDimSize(0)}, b.getF32Type());
  AffineMap in = b.getMultiDimIdentityMap(2);
  AffineMap out = AffineMap::get(2, 0, getAffineDimExpr(0, ctx));
  return buildGeneric(
      b, loc, createFilled(b, loc, countType, 0.0), mask, {in, out},
      {utils::IteratorType::parallel, utils::IteratorType::reduction},
      [](OpBuilder &nb, Location l, ValueRange v) {
        Value one = arith::SelectOp::create(nb, l, isKept(nb, l, v[0]),
                                            f32Constant(nb, l, 1.0),
                                            f32Constant(nb, l, 0.0));
        return arith::AddFOp::create(nb, l, v[1], one).getResult();
      });
}

/// Pooling over the time axis of [batch, time, features], optionally masked:
/// reduce kept steps with `combine` from `identity`, then `finish(reduced,
/// count)` per output element (count is null without a mask).
template <typename OpTy>
struct PoolToLinalg : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpTy::Adaptor;

  virtual double identity() const = 0;
  virtual Value combine(OpBuilder &b, Location loc, Value acc,
                        Value x) const = 0;
  virtual Value finish(OpBuilder &b, Location loc, Value reduced, Value count,
                       int64_t steps) const = 0;

  LogicalResult
  matchAndRewrite(OpTy op, Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    RankedTensorType type = op.getType();
    Value input = adaptor.getInput(), mask = adaptor.getMask();
    int64_t steps = cast<RankedTensorType>(input.getType()).getDimSize(1);

    AffineMap inputMap = rewriter.getMultiDimIdentityMap(3);
    AffineMap maskMap = AffineMap::get(
        3, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)}, ctx);
    AffineMap outMap = AffineMap::get(
        3, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(2, ctx)}, ctx);
    SmallVector<utils::IteratorType> iterators = {
        utils::IteratorType::parallel, utils::IteratorType::reduction,
        utils::IteratorType::parallel};
    SmallVector<Value> inputs = {input};
    SmallVector<AffineMap> maps = {inputMap};
    if (mask) {
      inputs.push_back(mask);
      maps.push_back(maskMap);
    }
    maps.push_back(outMap);
    Value reduced = buildGeneric(
        rewriter, loc, createFilled(rewriter, loc, type, identity()), inputs,
        maps, iterators, [&](OpBuilder &b, Location l, ValueRange v) {
          Value acc = v.back();
          Value next = combine(b, l, acc, v[0]);
          // Masked steps leave the accumulator untouched (a select, so NaN
          // or inf in them never leaks).
          return mask ? arith::SelectOp::create(b, l, isKept(b, l, v[1]), next,
                                                acc)
                            .getResult()
                      : next;
        });

    AffineMap identity2 = rewriter.getMultiDimIdentityMap(2);
    SmallVector<Value> finishInputs = {reduced};
    SmallVector<AffineMap> finishMaps = {identity2};
    if (mask) {
      finishInputs.push_back(countKept(rewriter, loc, mask));
      finishMaps.push_back(AffineMap::get(2, 0, getAffineDimExpr(0, ctx)));
    }
    Value result = buildElementwise(
        rewriter, loc, type, finishInputs, finishMaps,
        [&](OpBuilder &b, Location l, ValueRange v) {
          return finish(b, l, v[0], mask ? v[1] : Value(), steps);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Average: sum / count; 0 for a fully masked row.
struct GlobalAvgPoolToLinalg : PoolToLinalg<GlobalAvgPoolOp> {
  using PoolToLinalg::PoolToLinalg;
  double identity() const override { return 0.0; }
  Value combine(OpBuilder &b, Location loc, Value acc, Value x) const override {
    return arith::AddFOp::create(b, loc, acc, x);
  }
  Value finish(OpBuilder &b, Location loc, Value sum, Value count,
               int64_t steps) const override {
    if (!count)
      return arith::DivFOp::create(b, loc, sum, f32Constant(b, loc, steps));
    Value zero = f32Constant(b, loc, 0.0);
    Value any =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, count, zero);
    Value mean = arith::DivFOp::create(b, loc, sum, count);
    return arith::SelectOp::create(b, loc, any, mean, zero);
  }
};

/// Maximum (NaN-propagating); 0 for a fully masked row.
struct GlobalMaxPoolToLinalg : PoolToLinalg<GlobalMaxPoolOp> {
  using PoolToLinalg::PoolToLinalg;
  double identity() const override {
    return -std::numeric_limits<double>::infinity();
  }
  Value combine(OpBuilder &b, Location loc, Value acc, Value x) const override {
    return arith::MaximumFOp::create(b, loc, acc, x);
  }
  Value finish(OpBuilder &b, Location loc, Value max, Value count,
               int64_t) const override {
    if (!count)
      return max;
    Value zero = f32Constant(b, loc, 0.0);
    Value any =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, count, zero);
    return arith::SelectOp::create(b, loc, any, max, zero);
  }
};

/// mask[b, t] = any_f(x[b, t, f] != mask_value) (unordered: NaN != v);
/// output = mask ? x : 0.
struct MaskingToLinalg : OpConversionPattern<MaskingOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaskingOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value input = adaptor.getInput();
    auto maskType = byteMaskType(op.getMask().getType());
    float maskValue = op.getMaskValue().convertToFloat();
    AffineMap identity3 = rewriter.getMultiDimIdentityMap(3);
    AffineMap rows = AffineMap::get(
        3, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)}, ctx);
    Value init = linalg::FillOp::create(rewriter, loc,
                                        byteConstant(rewriter, loc, 0),
                                        createEmpty(rewriter, loc, maskType))
                     .getResult(0);
    Value mask = buildGeneric(
        rewriter, loc, init, input, {identity3, rows},
        {utils::IteratorType::parallel, utils::IteratorType::parallel,
         utils::IteratorType::reduction},
        [&](OpBuilder &b, Location l, ValueRange v) {
          Value differs = arith::CmpFOp::create(
              b, l, arith::CmpFPredicate::UNE, v[0], f32Constant(b, l, maskValue));
          return arith::OrIOp::create(b, l, v[1], toByte(b, l, differs))
              .getResult();
        });
    Value output = buildElementwise(
        rewriter, loc, op.getOutput().getType(), ValueRange{input, mask},
        {identity3, rows}, [](OpBuilder &b, Location l, ValueRange v) {
          return arith::SelectOp::create(b, l, isKept(b, l, v[1]), v[0],
                                         f32Constant(b, l, 0.0))
              .getResult();
        });
    rewriter.replaceOp(op, {output, mask});
    return success();
  }
};

/// nn.embedding with mask_zero: the lookup without it, and the byte mask
/// ids[b, t] != 0 (Keras' Embedding(mask_zero=True): id 0 is padding).
struct EmbeddingPaddingMaskToLinalg : OpConversionPattern<EmbeddingOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(EmbeddingOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!op.getMask())
      return failure();
    Location loc = op.getLoc();
    auto lookup = EmbeddingOp::create(
        rewriter, loc, TypeRange{op.getOutput().getType()},
        ValueRange{adaptor.getIds(), adaptor.getTable()});
    Value mask = buildElementwise(
        rewriter, loc, byteMaskType(op.getMask().getType()), adaptor.getIds(),
        {rewriter.getMultiDimIdentityMap(2)},
        [](OpBuilder &b, Location l, ValueRange v) {
          Value padding = arith::ConstantOp::create(
              b, l, b.getIntegerAttr(v[0].getType(), 0));
          return toByte(b, l,
                        arith::CmpIOp::create(b, l, arith::CmpIPredicate::ne,
                                              v[0], padding));
        });
    rewriter.replaceOp(op, {lookup.getOutput(), mask});
    return success();
  }
};

/// output = mask[b, t] ? x[b, t, ...] : 0.
struct ApplyMaskToLinalg : OpConversionPattern<ApplyMaskOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ApplyMaskOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MLIRContext *ctx = rewriter.getContext();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    AffineMap rows = AffineMap::get(
        rank, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)}, ctx);
    Value result = buildElementwise(
        rewriter, op.getLoc(), type,
        ValueRange{adaptor.getInput(), adaptor.getMask()},
        {rewriter.getMultiDimIdentityMap(rank), rows},
        [](OpBuilder &b, Location l, ValueRange v) {
          return arith::SelectOp::create(b, l, isKept(b, l, v[1]), v[0],
                                         f32Constant(b, l, 0.0))
              .getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// mask[b, t] = t < lengths[b].
struct SequenceMaskToLinalg : OpConversionPattern<SequenceMaskOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SequenceMaskOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MLIRContext *ctx = rewriter.getContext();
    Value result = buildElementwise(
        rewriter, op.getLoc(), byteMaskType(op.getType()), adaptor.getLengths(),
        {AffineMap::get(2, 0, getAffineDimExpr(0, ctx))},
        [](OpBuilder &b, Location l, ValueRange v) {
          Value step = linalg::IndexOp::create(b, l, 1);
          Value t = arith::IndexCastOp::create(b, l, v[0].getType(), step);
          Value kept = arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt,
                                             t, v[0]);
          return toByte(b, l, kept);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// mask[q, k] = k <= q.
struct CausalMaskToLinalg : OpConversionPattern<CausalMaskOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CausalMaskOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value result = buildElementwise(
        rewriter, op.getLoc(), byteMaskType(op.getType()), ValueRange(), {},
        [](OpBuilder &b, Location l, ValueRange) {
          Value q = linalg::IndexOp::create(b, l, 0);
          Value k = linalg::IndexOp::create(b, l, 1);
          return toByte(
              b, l, arith::CmpIOp::create(b, l, arith::CmpIPredicate::ule, k, q));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// and / or / not on 0/1 bytes.
template <typename OpTy, typename ArithOp>
struct MaskLogicToLinalg : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = byteMaskType(op.getType());
    AffineMap identity = rewriter.getMultiDimIdentityMap(type.getRank());
    Value result = buildElementwise(
        rewriter, op.getLoc(), type, adaptor.getOperands(),
        SmallVector<AffineMap>(adaptor.getOperands().size(), identity),
        [](OpBuilder &b, Location l, ValueRange v) {
          if (v.size() == 1) // not: x ^ 1.
            return arith::XOrIOp::create(b, l, v[0], byteConstant(b, l, 1))
                .getResult();
          return ArithOp::create(b, l, v[0], v[1]).getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::nn::populateNNTypeConversion(TypeConverter &converter) {
  converter.addConversion([](Type type) { return type; });
  converter.addConversion([](KeyType type) -> Type {
    return RankedTensorType::get({2}, IntegerType::get(type.getContext(), 32));
  });
  converter.addConversion([](RankedTensorType type) -> Type {
    if (type.getElementType().isInteger(1))
      return byteMaskType(type);
    if (isa<KeyType>(type.getElementType())) {
      SmallVector<int64_t> shape(type.getShape());
      shape.push_back(2);
      return RankedTensorType::get(shape, IntegerType::get(type.getContext(), 32));
    }
    return type;
  });
  // Between converted (i8) and unconverted (i1) mask values.
  converter.addSourceMaterialization([](OpBuilder &b, Type type,
                                        ValueRange inputs, Location loc) -> Value {
    auto target = dyn_cast<RankedTensorType>(type);
    if (!target || !target.getElementType().isInteger(1))
      return Value();
    auto zero = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(cast<RankedTensorType>(inputs[0].getType()),
                                       b.getI8IntegerAttr(0)));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, inputs[0],
                                 zero)
        .getResult();
  });
  converter.addTargetMaterialization([](OpBuilder &b, Type type,
                                        ValueRange inputs, Location loc) -> Value {
    auto source = dyn_cast<RankedTensorType>(inputs[0].getType());
    if (!source || !source.getElementType().isInteger(1))
      return Value();
    return arith::ExtUIOp::create(b, loc, type, inputs[0]).getResult();
  });
}

void mlir::nn::populateMaskingToLinalgPatterns(const TypeConverter &converter,
                                               RewritePatternSet &patterns) {
  patterns.add<EmbeddingPaddingMaskToLinalg, GlobalAvgPoolToLinalg, GlobalMaxPoolToLinalg, MaskingToLinalg,
               ApplyMaskToLinalg, SequenceMaskToLinalg, CausalMaskToLinalg,
               MaskLogicToLinalg<MaskAndOp, arith::AndIOp>,
               MaskLogicToLinalg<MaskOrOp, arith::OrIOp>,
               MaskLogicToLinalg<MaskNotOp, arith::XOrIOp>>(
      converter, patterns.getContext());
}
