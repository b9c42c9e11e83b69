//===- WeightLayout.cpp - read bound weights from column panels -----------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/WeightLayout.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

using namespace mlir;
using namespace mlir::nn;

/// Panels are the columns' tiles (inner dim 1), outermost first.
static constexpr int64_t kPanelInnerDims[] = {1};
static constexpr int64_t kPanelOuterPerm[] = {1, 0};

linalg::UnPackOp mlir::nn::createPanelUnpack(OpBuilder &builder, Location loc,
                                             Value panels,
                                             RankedTensorType matrixType) {
  int64_t width = cast<RankedTensorType>(panels.getType()).getDimSize(2);
  Value init = tensor::EmptyOp::create(builder, loc, matrixType.getShape(),
                                       matrixType.getElementType());
  return linalg::UnPackOp::create(builder, loc, panels, init, kPanelInnerDims,
                                  {builder.getIndexAttr(width)},
                                  kPanelOuterPerm);
}

std::optional<int64_t> mlir::nn::getPanelWidth(linalg::UnPackOp op) {
  auto type = dyn_cast<RankedTensorType>(op.getDest().getType());
  auto panelsType = dyn_cast<RankedTensorType>(op.getSource().getType());
  ArrayRef<int64_t> tiles = op.getStaticInnerTiles();
  if (!type || type.getRank() != 2 || !type.hasStaticShape() || !panelsType ||
      !panelsType.hasStaticShape() ||
      op.getInnerDimsPos() != ArrayRef(kPanelInnerDims) ||
      op.getOuterDimsPerm() != ArrayRef(kPanelOuterPerm) || tiles.size() != 1 ||
      ShapedType::isDynamic(tiles[0]) ||
      panelsType.getDimSize(0) !=
          llvm::divideCeilSigned(type.getDimSize(1), tiles[0]))
    return std::nullopt;
  return tiles[0];
}

/// The value `value` is a chain of unit-stride, rank-preserving slices of
/// (itself if none), calling `visit` on each slice from the outermost; null
/// if a slice is of another kind or `visit` returns false.
static Value getSliceChainSource(
    Value value, function_ref<bool(tensor::ExtractSliceOp)> visit) {
  while (auto slice = value.getDefiningOp<tensor::ExtractSliceOp>()) {
    if (!slice.hasUnitStride() ||
        slice.getSourceType().getRank() != slice.getResultType().getRank() ||
        !visit(slice))
      return nullptr;
    value = slice.getSource();
  }
  return value;
}

Value mlir::nn::widenPanelColumns(OpBuilder &builder, Location loc,
                                  Value value, int64_t columns) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t rowOffset = 0, colOffset = 0;
  Value source =
      getSliceChainSource(value, [&](tensor::ExtractSliceOp slice) {
        if (ShapedType::isDynamicShape(slice.getStaticOffsets()))
          return false;
        rowOffset += slice.getStaticOffsets()[0];
        colOffset += slice.getStaticOffsets()[1];
        return true;
      });
  auto unpack = source ? source.getDefiningOp<linalg::UnPackOp>() : nullptr;
  if (!unpack || !getPanelWidth(unpack))
    return nullptr;
  auto panelsType = cast<RankedTensorType>(unpack.getSource().getType());
  int64_t available = panelsType.getDimSize(0) * panelsType.getDimSize(2);
  if (colOffset + columns > available)
    return nullptr;
  auto paddedType = RankedTensorType::get(
      {panelsType.getDimSize(1), available}, panelsType.getElementType());
  Value padded =
      createPanelUnpack(builder, loc, unpack.getSource(), paddedType);
  return tensor::ExtractSliceOp::create(
      builder, loc, padded,
      ArrayRef<OpFoldResult>{builder.getIndexAttr(rowOffset),
                             builder.getIndexAttr(colOffset)},
      ArrayRef<OpFoldResult>{builder.getIndexAttr(type.getDimSize(0)),
                             builder.getIndexAttr(columns)},
      ArrayRef<OpFoldResult>{builder.getIndexAttr(1), builder.getIndexAttr(1)});
}

linalg::UnPackOp mlir::nn::getPanelUnpackSource(Value value) {
  Value source =
      getSliceChainSource(value, [](tensor::ExtractSliceOp) { return true; });
  auto unpack = source ? source.getDefiningOp<linalg::UnPackOp>() : nullptr;
  return unpack && getPanelWidth(unpack) ? unpack : nullptr;
}

namespace {

bool isMultipleOf(OpFoldResult value, int64_t factor);

/// Whether `expr`, over `operands`, is a multiple of `factor`.
bool isMultipleOf(AffineExpr expr, ValueRange operands, unsigned numDims,
                  int64_t factor) {
  if (auto constant = dyn_cast<AffineConstantExpr>(expr))
    return constant.getValue() % factor == 0;
  if (auto dim = dyn_cast<AffineDimExpr>(expr))
    return isMultipleOf(operands[dim.getPosition()], factor);
  if (auto symbol = dyn_cast<AffineSymbolExpr>(expr))
    return isMultipleOf(operands[numDims + symbol.getPosition()], factor);
  auto binary = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!binary)
    return false;
  bool lhs = isMultipleOf(binary.getLHS(), operands, numDims, factor);
  bool rhs = isMultipleOf(binary.getRHS(), operands, numDims, factor);
  if (expr.getKind() == AffineExprKind::Add)
    return lhs && rhs;
  if (expr.getKind() == AffineExprKind::Mul)
    return lhs || rhs;
  return false;
}

/// Whether `value` is provably a multiple of `factor`: a constant, the
/// induction variable of a loop whose start and step are, or sums and
/// products of such.
bool isMultipleOf(OpFoldResult value, int64_t factor) {
  if (std::optional<int64_t> constant = getConstantIntValue(value))
    return *constant % factor == 0;
  auto v = cast<Value>(value);
  if (auto arg = dyn_cast<BlockArgument>(v)) {
    Operation *owner = arg.getOwner()->getParentOp();
    if (auto loop = dyn_cast<scf::ForOp>(owner))
      return arg == loop.getInductionVar() &&
             isMultipleOf(loop.getLowerBound(), factor) &&
             isMultipleOf(loop.getStep(), factor);
    if (auto forall = dyn_cast<scf::ForallOp>(owner)) {
      unsigned index = arg.getArgNumber();
      return index < forall.getRank() &&
             isMultipleOf(forall.getMixedLowerBound()[index], factor) &&
             isMultipleOf(forall.getMixedStep()[index], factor);
    }
    return false;
  }
  if (auto apply = v.getDefiningOp<affine::AffineApplyOp>())
    return isMultipleOf(apply.getAffineMap().getResult(0),
                        apply.getMapOperands(),
                        apply.getAffineMap().getNumDims(), factor);
  if (auto add = v.getDefiningOp<arith::AddIOp>())
    return isMultipleOf(add.getLhs(), factor) &&
           isMultipleOf(add.getRhs(), factor);
  if (auto mul = v.getDefiningOp<arith::MulIOp>())
    return isMultipleOf(mul.getLhs(), factor) ||
           isMultipleOf(mul.getRhs(), factor);
  return false;
}

/// A [s, c] slice (c <= w) of a panel unpack (through a chain of slices)
/// whose columns lie within one panel (their offsets add up to multiples of
/// w plus a constant) is part of that packed panel: read it from there, with
/// no unpacking. A whole panel [s, w] is contiguous; a narrower part (the
/// last columns of a kernel padded to whole panels) has the panel's row
/// stride.
struct ReadSliceFromPanel : OpRewritePattern<tensor::ExtractSliceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::ExtractSliceOp slice,
                                PatternRewriter &rewriter) const override {
    linalg::UnPackOp unpack = getPanelUnpackSource(slice);
    if (!unpack)
      return failure();
    int64_t width = *getPanelWidth(unpack);
    ArrayRef<int64_t> sizes = slice.getStaticSizes();
    if (sizes.size() != 2 || ShapedType::isDynamic(sizes[0]) ||
        ShapedType::isDynamic(sizes[1]) || sizes[1] > width)
      return failure();
    // Offsets add up along the chain: each column offset is a constant or
    // keeps the panels aligned.
    SmallVector<OpFoldResult> rows, cols;
    int64_t constantCols = 0;
    for (Value value = slice; value != unpack.getResult();) {
      auto link = value.getDefiningOp<tensor::ExtractSliceOp>();
      SmallVector<OpFoldResult> offsets = link.getMixedOffsets();
      if (std::optional<int64_t> constant = getConstantIntValue(offsets[1]))
        constantCols += *constant;
      else if (isMultipleOf(offsets[1], width))
        cols.push_back(offsets[1]);
      else
        return failure();
      rows.push_back(offsets[0]);
      value = link.getSource();
    }
    int64_t inner = constantCols % width;
    if (inner + sizes[1] > width)
      return failure();
    cols.push_back(rewriter.getIndexAttr(constantCols - inner));
    Location loc = slice.getLoc();
    auto sum = [&](ArrayRef<OpFoldResult> terms, int64_t divisor) {
      AffineExpr expr = rewriter.getAffineConstantExpr(0);
      for (unsigned i = 0; i < terms.size(); ++i)
        expr = expr + rewriter.getAffineDimExpr(i);
      return affine::makeComposedFoldedAffineApply(
          rewriter, loc,
          AffineMap::get(terms.size(), 0, expr.floorDiv(divisor)), terms);
    };
    SmallVector<OpFoldResult> offsets = {sum(cols, width), sum(rows, 1),
                                         rewriter.getIndexAttr(inner)};
    SmallVector<OpFoldResult> panelSizes = {rewriter.getIndexAttr(1),
                                            rewriter.getIndexAttr(sizes[0]),
                                            rewriter.getIndexAttr(sizes[1])};
    SmallVector<OpFoldResult> strides(3, rewriter.getIndexAttr(1));
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        slice, slice.getResultType(), unpack.getSource(), offsets, panelSizes,
        strides);
    return success();
  }
};

} // namespace

LogicalResult mlir::nn::readSlicesFromPanels(Operation *root) {
  MLIRContext *context = root->getContext();
  RewritePatternSet patterns(context);
  patterns.add<ReadSliceFromPanel>(context);
  if (failed(applyPatternsGreedily(root, std::move(patterns))))
    return root->emitError("failed to read slices of packed weights");
  // Whatever still reads the unpacked kernel gets it unpacked, per call.
  SmallVector<linalg::UnPackOp> unpacks;
  root->walk([&](linalg::UnPackOp unpack) { unpacks.push_back(unpack); });
  IRRewriter rewriter(context);
  for (linalg::UnPackOp unpack : unpacks) {
    if (unpack->use_empty()) {
      rewriter.eraseOp(unpack);
      continue;
    }
    rewriter.setInsertionPoint(unpack);
    if (failed(linalg::lowerUnPack(rewriter, unpack)))
      return unpack.emitOpError("could not be lowered");
  }
  return success();
}
