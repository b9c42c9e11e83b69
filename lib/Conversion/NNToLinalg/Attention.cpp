//===- Attention.cpp - nn.attention to linalg -----------------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "Utils.h"

#include "nn/Conversion/NNToLinalg/NNToLinalg.h"
#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::lowering;

namespace {

/// out[b,h,i,j] = sum_r lhs[b,h,i,r] rhs[...] over loops (b, h, i, j, r),
/// with `rhsMap` reading rhs; products accumulated in increasing r.
Value buildBatchedContraction(OpBuilder &b, Location loc,
                              RankedTensorType type, Value lhs, Value rhs,
                              AffineMap rhsMap) {
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  using utils::IteratorType;
  return buildGeneric(
      b, loc, createFilled(b, loc, type, 0.0), ValueRange{lhs, rhs},
      {AffineMap::get(5, 0, {d(0), d(1), d(2), d(4)}, ctx), rhsMap,
       AffineMap::get(5, 0, {d(0), d(1), d(2), d(3)}, ctx)},
      {IteratorType::parallel, IteratorType::parallel, IteratorType::parallel,
       IteratorType::parallel, IteratorType::reduction},
      [](OpBuilder &nb, Location l, ValueRange v) {
        Value product = arith::MulFOp::create(nb, l, v[0], v[1]);
        return arith::AddFOp::create(nb, l, v[2], product).getResult();
      });
}

/// logits[b,h,q,k] = scale * sum_d query[b,h,q,d] key[b,h,k,d];
/// keep[b,h,q,k] = mask & key_padding[b,k] & (!causal | k <= q);
/// output[b,h,q,e] = sum_k softmax_k(logits, keep)[b,h,q,k] value[b,h,k,e].
struct AttentionToLinalg : OpConversionPattern<AttentionOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AttentionOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto query = cast<RankedTensorType>(adaptor.getQuery().getType());
    auto key = cast<RankedTensorType>(adaptor.getKey().getType());
    int64_t batch = query.getDimSize(0), heads = query.getDimSize(1),
            qTime = query.getDimSize(2), kTime = key.getDimSize(2);
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };

    // Logits: loops (b, h, q, k, d).
    auto logitsType =
        RankedTensorType::get({batch, heads, qTime, kTime}, rewriter.getF32Type());
    float scale = op.getScaleOrDefault();
    Value dots = buildBatchedContraction(
        rewriter, loc, logitsType, adaptor.getQuery(), adaptor.getKey(),
        AffineMap::get(5, 0, {d(0), d(1), d(3), d(4)}, ctx));
    AffineMap identity4 = rewriter.getMultiDimIdentityMap(4);
    Value logits = buildElementwise(
        rewriter, loc, logitsType, dots, {identity4},
        [&](OpBuilder &b, Location l, ValueRange v) {
          return arith::MulFOp::create(b, l, v[0], f32Constant(b, l, scale))
              .getResult();
        });

    // The combined keep mask, if any mask applies.
    Value keep;
    Value mask = adaptor.getMask(), padding = adaptor.getKeyPaddingMask();
    if (mask || padding || op.getCausal()) {
      SmallVector<Value> inputs;
      SmallVector<AffineMap> maps;
      if (mask) {
        inputs.push_back(mask);
        maps.push_back(broadcastMap(
            ctx, 4, cast<RankedTensorType>(mask.getType()).getShape()));
      }
      if (padding) {
        inputs.push_back(padding);
        maps.push_back(AffineMap::get(4, 0, {d(0), d(3)}, ctx));
      }
      bool causal = op.getCausal();
      keep = buildElementwise(
          rewriter, loc,
          RankedTensorType::get(logitsType.getShape(), rewriter.getI8Type()),
          inputs, maps, [&](OpBuilder &b, Location l, ValueRange v) {
            Value all = arith::ConstantOp::create(b, l, b.getBoolAttr(true));
            for (Value byte : v)
              all = arith::AndIOp::create(b, l, all, isKept(b, l, byte));
            if (causal) {
              Value q = linalg::IndexOp::create(b, l, 2);
              Value k = linalg::IndexOp::create(b, l, 3);
              all = arith::AndIOp::create(
                  b, l, all,
                  arith::CmpIOp::create(b, l, arith::CmpIPredicate::ule, k, q));
            }
            return arith::ExtUIOp::create(b, l, b.getI8Type(), all).getResult();
          });
    }
    Value probs = buildSoftmax(rewriter, loc, logits, /*axis=*/3, keep,
                               identity4);

    // Output: loops (b, h, q, e, k).
    RankedTensorType type = op.getType();
    Value output = buildBatchedContraction(
        rewriter, loc, type, probs, adaptor.getValue(),
        AffineMap::get(5, 0, {d(0), d(1), d(4), d(3)}, ctx));
    rewriter.replaceOp(op, output);
    return success();
  }
};

} // namespace

void mlir::nn::populateAttentionToLinalgPatterns(const TypeConverter &converter,
                                                 RewritePatternSet &patterns) {
  patterns.add<AttentionToLinalg>(converter, patterns.getContext());
}
