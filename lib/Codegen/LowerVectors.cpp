//===- LowerVectors.cpp - lower high-level vector ops ---------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNLOWERVECTORSPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Drops the unit dims of vectors (casts away leading ones, shape casts
/// the others).
LogicalResult dropUnitDims(func::FuncOp func) {
  MLIRContext *context = func.getContext();
  RewritePatternSet patterns(context);
  vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
  vector::populateDropUnitDimWithShapeCastPatterns(patterns);
  vector::TransferReadOp::getCanonicalizationPatterns(patterns, context);
  vector::TransferWriteOp::getCanonicalizationPatterns(patterns, context);
  return applyPatternsGreedily(func, std::move(patterns));
}

struct NNLowerVectorsPass : mlir::nn::impl::NNLowerVectorsPassBase<NNLowerVectorsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *context = &getContext();

    // Loop-carried accumulators for whatever was not hoisted on tensors.
    linalg::hoistRedundantVectorTransfers(func, /*verifyNonZeroTrip=*/true);

    // Contractions -> outer products -> FMAs; reductions -> lane-wise ops;
    // transcendental functions -> polynomials.
    {
      // Unit dims of tiles (one row at a time) are dropped first, so that
      // what reaches LLVM is 1-D or 2-D. Their own stage: mixed with the
      // contraction lowering below they undo each other forever (a 1x1 by
      // 1x32 contraction, an M = 1 dense layer).
      if (failed(dropUnitDims(func)))
        return signalPassFailure();

      RewritePatternSet patterns(context);
      vector::populateVectorContractLoweringPatterns(
          patterns, vector::VectorContractLowering::OuterProduct);
      vector::populateVectorOuterProductLoweringPatterns(patterns);
      vector::populateVectorMultiReductionLoweringPatterns(
          patterns, vector::VectorMultiReductionLowering::InnerParallel);
      vector::populateVectorBroadcastLoweringPatterns(patterns);
      vector::populateVectorTransposeLoweringPatterns(
          patterns, vector::VectorTransposeLowering::EltWise);
      vector::populateVectorShapeCastLoweringPatterns(patterns);
      vector::populateVectorMaskOpLoweringPatterns(patterns);
      vector::populateVectorGatherLoweringPatterns(patterns);
      // exp, tanh and erf as vectorizable polynomials instead of scalar libm
      // calls. (log1p, used by erfinv, stays a libm call: its polynomial
      // costs up to 3 ulp in normal samples.)
      populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
        name.consume_front("math.");
        return name == "exp" || name == "tanh" || name == "erf";
      });
      vector::TransferReadOp::getCanonicalizationPatterns(patterns, context);
      vector::TransferWriteOp::getCanonicalizationPatterns(patterns, context);
      if (failed(applyPatternsGreedily(func, std::move(patterns))))
        return signalPassFailure();
    }
    // The outer products' unit dims, again in their own stage.
    if (failed(dropUnitDims(func)))
      return signalPassFailure();
    // Transfers with permuted or broadcast maps (a column read), after the
    // unit dims are gone: with the unit-dim patterns above, their lowering
    // to minor-identity transfers plus transposes would be undone again.
    {
      RewritePatternSet patterns(context);
      vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
      vector::populateVectorBroadcastLoweringPatterns(patterns);
      vector::populateVectorTransposeLoweringPatterns(
          patterns, vector::VectorTransposeLowering::EltWise);
      vector::populateVectorShapeCastLoweringPatterns(patterns);
      if (failed(applyPatternsGreedily(func, std::move(patterns))))
        return signalPassFailure();
    }
  }
};

} // namespace
