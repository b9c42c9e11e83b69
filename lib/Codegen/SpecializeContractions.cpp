//===- SpecializeContractions.cpp - generic matmuls back to linalg.matmul -===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNSPECIALIZECONTRACTIONSPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;

namespace {

/// The loop dimension of each result of a projected permutation map.
SmallVector<unsigned> dimsOf(AffineMap map) {
  SmallVector<unsigned> dims;
  for (AffineExpr expr : map.getResults())
    dims.push_back(cast<AffineDimExpr>(expr).getPosition());
  return dims;
}

/// `value` with its two dimensions swapped, as a new tensor.
Value transposed(PatternRewriter &rewriter, Location loc, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape = {type.getDimSize(1), type.getDimSize(0)};
  Value empty =
      tensor::EmptyOp::create(rewriter, loc, shape, type.getElementType());
  return linalg::TransposeOp::create(rewriter, loc, value, empty,
                                     ArrayRef<int64_t>{1, 0})
      .getResult()[0];
}

/// A generic whose body is `out + x * y` over two parallel loops and one
/// reduction, x and y 2-D inputs indexed by one parallel loop and the
/// reduction each: C (+)= A B with A, B and C possibly transposed. Becomes
/// linalg.matmul on operands transposed into its layout, the form the
/// matmul strategy tiles into register and cache tiles; the generic would
/// run as scalar loops. Other inputs must be unused (a reverse-mode body
/// recomputes the forward's product, then leaves it dead).
struct GenericToMatmul : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics() || op.getNumDpsInits() != 1 ||
        op.getNumLoops() != 3 || op.getNumReductionLoops() != 1)
      return rewriter.notifyMatchFailure(op, "not a 2-D contraction nest");
    Block &body = op.getRegion().front();
    auto yield = cast<linalg::YieldOp>(body.getTerminator());
    Value outArg = body.getArgument(op.getNumDpsInputs());
    auto add = yield.getOperand(0).getDefiningOp<arith::AddFOp>();
    if (!add)
      return rewriter.notifyMatchFailure(op, "not an accumulation");
    Value product = add.getLhs() == outArg ? add.getRhs() : add.getLhs();
    if ((add.getLhs() != outArg && add.getRhs() != outArg) ||
        product == outArg)
      return rewriter.notifyMatchFailure(op, "does not add to its output");
    auto mul = product.getDefiningOp<arith::MulFOp>();
    if (!mul || mul->getBlock() != &body)
      return rewriter.notifyMatchFailure(op, "not a product");
    auto lhsArg = dyn_cast<BlockArgument>(mul.getLhs());
    auto rhsArg = dyn_cast<BlockArgument>(mul.getRhs());
    if (!lhsArg || !rhsArg || lhsArg.getOwner() != &body ||
        rhsArg.getOwner() != &body ||
        lhsArg.getArgNumber() >= op.getNumDpsInputs() ||
        rhsArg.getArgNumber() >= op.getNumDpsInputs() || lhsArg == rhsArg)
      return rewriter.notifyMatchFailure(op, "factors are not two inputs");
    // Everything else in the body is dead (it has no side effects).
    for (Operation &inner : body.without_terminator())
      if (&inner != add && &inner != mul &&
          (!inner.use_empty() || !isPure(&inner)))
        return rewriter.notifyMatchFailure(op, "computes more than a product");
    if (!cast<RankedTensorType>(op.getResultTypes()[0])
             .getElementType()
             .isF32())
      return rewriter.notifyMatchFailure(op, "not f32");

    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    AffineMap outMap = maps[op.getNumDpsInputs()];
    if (!outMap.isProjectedPermutation() || outMap.getNumResults() != 2)
      return rewriter.notifyMatchFailure(op, "output is not 2-D");
    SmallVector<unsigned> outDims = dimsOf(outMap);
    unsigned reduction = 0;
    for (auto [index, iterator] : llvm::enumerate(op.getIteratorTypesArray()))
      if (iterator == utils::IteratorType::reduction)
        reduction = index;
    unsigned rowDim = outDims[0], colDim = outDims[1];

    // A: the factor indexed by C's row loop and the reduction; B: by the
    // reduction and C's column loop.
    Value a, b;
    bool aTransposed = false, bTransposed = false;
    for (BlockArgument arg : {lhsArg, rhsArg}) {
      OpOperand *operand = op.getDpsInputOperand(arg.getArgNumber());
      AffineMap map = op.getMatchingIndexingMap(operand);
      auto type = dyn_cast<RankedTensorType>(operand->get().getType());
      if (!type || !type.getElementType().isF32() || type.getRank() != 2 ||
          !map.isProjectedPermutation() || map.getNumResults() != 2)
        return rewriter.notifyMatchFailure(op, "a factor is not a matrix");
      SmallVector<unsigned> dims = dimsOf(map);
      if (dims == SmallVector<unsigned>{rowDim, reduction} && !a) {
        a = operand->get();
      } else if (dims == SmallVector<unsigned>{reduction, rowDim} && !a) {
        a = operand->get();
        aTransposed = true;
      } else if (dims == SmallVector<unsigned>{reduction, colDim} && !b) {
        b = operand->get();
      } else if (dims == SmallVector<unsigned>{colDim, reduction} && !b) {
        b = operand->get();
        bTransposed = true;
      } else {
        return rewriter.notifyMatchFailure(op, "not a matrix product");
      }
    }
    if (!a || !b)
      return rewriter.notifyMatchFailure(op, "not a matrix product");
    Location loc = op.getLoc();
    if (aTransposed)
      a = transposed(rewriter, loc, a);
    if (bTransposed)
      b = transposed(rewriter, loc, b);
    rewriter.replaceOpWithNewOp<linalg::MatmulOp>(
        op, op.getResultTypes(), ValueRange{a, b}, op.getDpsInits());
    return success();
  }
};

/// A generic that writes one scalar input everywhere: linalg.fill, which
/// the matmul strategy and tile-and-fuse recognize as an accumulator's
/// initial value.
struct GenericToFill : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return failure();
    std::optional<Value> value = linalg::isaFillOpInterface(op);
    if (!value)
      return failure();
    rewriter.replaceOpWithNewOp<linalg::FillOp>(op, *value,
                                                op.getDpsInits()[0]);
    return success();
  }
};

struct NNSpecializeContractionsPass
    : mlir::nn::impl::NNSpecializeContractionsPassBase<
          NNSpecializeContractionsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<GenericToMatmul, GenericToFill>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
