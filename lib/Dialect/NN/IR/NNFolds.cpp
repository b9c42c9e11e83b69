//===- NNFolds.cpp - folders and canonicalization patterns ----------------===//
//
// Part of the nn-mlir project.
//
// All folds and canonicalization patterns of the nn dialect, in one place.
//
//===----------------------------------------------------------------------===//

#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::nn;

//===----------------------------------------------------------------------===//
// ReluOp
//===----------------------------------------------------------------------===//

OpFoldResult ReluOp::fold(FoldAdaptor adaptor) {
  // relu(relu(x)) = relu(x).
  if (getInput().getDefiningOp<ReluOp>())
    return getInput();
  // relu of a splat constant.
  if (auto splat = dyn_cast_if_present<SplatElementsAttr>(adaptor.getInput())) {
    APFloat value = splat.getSplatValue<APFloat>();
    if (value.isNegative() && !value.isNaN())
      value = APFloat::getZero(value.getSemantics());
    return SplatElementsAttr::get(getType(), value);
  }
  return {};
}

//===----------------------------------------------------------------------===//
// DenseOp
//===----------------------------------------------------------------------===//

namespace {
/// dense(x, w, zeros) -> dense(x, w): a bias of +0.0 everywhere adds nothing.
/// (A bias of -0.0 is kept: x.w + -0.0 preserves the sign of a -0.0 product.)
struct DropZeroBias : OpRewritePattern<DenseOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DenseOp op,
                                PatternRewriter &rewriter) const override {
    DenseElementsAttr bias;
    if (!op.getBias() || !matchPattern(op.getBias(), m_Constant(&bias)) ||
        !llvm::all_of(bias.getValues<APFloat>(),
                      [](const APFloat &v) { return v.isPosZero(); }))
      return failure();
    rewriter.replaceOpWithNewOp<DenseOp>(op, op.getType(), op.getInput(),
                                         op.getKernel(), Value());
    return success();
  }
};
} // namespace

void DenseOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  results.add<DropZeroBias>(context);
}

//===----------------------------------------------------------------------===//
// Axis normalization (softmax, layer_norm)
//===----------------------------------------------------------------------===//

namespace {
/// Rewrites a negative axis attribute to its non-negative form, so that
/// equivalent ops are spelled identically (and CSE / the compile cache see one
/// form).
template <typename OpTy>
struct NormalizeAxis : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    int64_t axis = op.getAxis();
    if (axis >= 0)
      return failure();
    rewriter.modifyOpInPlace(op, [&] { op.setAxis(op.getNormalizedAxis()); });
    return success();
  }
};
} // namespace

void SoftmaxOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<NormalizeAxis<SoftmaxOp>>(context);
}

void LayerNormOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<NormalizeAxis<LayerNormOp>>(context);
}

//===----------------------------------------------------------------------===//
// Global pooling
//===----------------------------------------------------------------------===//

namespace {
/// Pooling over a time axis of length 1 is a reshape [b, 1, f] -> [b, f].
template <typename OpTy>
struct PoolOverSingleStep : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    if (inputType.getDimSize(1) != 1)
      return failure();
    SmallVector<ReassociationIndices> reassociation = {{0, 1}, {2}};
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(
        op, op.getType(), op.getInput(), reassociation);
    return success();
  }
};
} // namespace

void GlobalAvgPoolOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                  MLIRContext *context) {
  results.add<PoolOverSingleStep<GlobalAvgPoolOp>>(context);
}

void GlobalMaxPoolOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                  MLIRContext *context) {
  results.add<PoolOverSingleStep<GlobalMaxPoolOp>>(context);
}

//===----------------------------------------------------------------------===//
// Mask logic
//===----------------------------------------------------------------------===//

OpFoldResult MaskAndOp::fold(FoldAdaptor) {
  // a & a = a.
  return getLhs() == getRhs() ? getLhs() : OpFoldResult();
}

OpFoldResult MaskOrOp::fold(FoldAdaptor) {
  // a | a = a.
  return getLhs() == getRhs() ? getLhs() : OpFoldResult();
}

OpFoldResult MaskNotOp::fold(FoldAdaptor) {
  // !!a = a.
  if (auto inner = getInput().getDefiningOp<MaskNotOp>())
    return inner.getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// DropoutOp
//===----------------------------------------------------------------------===//

OpFoldResult DropoutOp::fold(FoldAdaptor) {
  // rate 0 keeps everything: the identity.
  if (getRate().isZero())
    return getInput();
  return {};
}
