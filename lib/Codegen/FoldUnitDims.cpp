//===- FoldUnitDims.cpp - drop unit loops, keep accumulators in place -----===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNFOLDUNITDIMSPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;

namespace {

struct NNFoldUnitDimsPass
    : mlir::nn::impl::NNFoldUnitDimsPassBase<NNFoldUnitDimsPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    linalg::ControlDropUnitDims options;
    options.rankReductionStrategy =
        linalg::ControlDropUnitDims::RankReductionStrategy::ExtractInsertSlice;
    {
      RewritePatternSet patterns(context);
      linalg::populateFoldUnitExtentDimsPatterns(patterns, options);
      walkAndApplyPatterns(getOperation(), std::move(patterns));
    }
    // Upstream's pass also moves an elementwise op's read init into its
    // inputs (MoveInitOperandsToInput). Left out on purpose: a reduction
    // tiled to one step per loop iteration becomes such an op, and moving its
    // loop-carried accumulator out of `outs` makes every iteration write a new
    // tensor, which one-shot bufferization rejects inside scf.for.
    RewritePatternSet patterns(context);
    linalg::populateFoldUnitExtentDimsCanonicalizationPatterns(patterns,
                                                               options);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
