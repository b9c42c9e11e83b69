//===- Vectorize.cpp - vectorize statically shaped linalg ops -------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNVECTORIZEPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

struct NNVectorizePass : mlir::nn::impl::NNVectorizePassBase<NNVectorizePass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *context = &getContext();
    IRRewriter rewriter(context);

    SmallVector<linalg::LinalgOp> candidates;
    func.walk([&](linalg::LinalgOp op) {
      SmallVector<int64_t> bounds = op.getStaticLoopRanges();
      if (ShapedType::isDynamicShape(bounds) || !op.hasPureTensorSemantics())
        return;
      if (ShapedType::getNumElements(bounds) > maxVectorElements)
        return;
      if (failed(linalg::vectorizeOpPrecondition(op, {}, {},
                                                 /*vectorizeNDExtract=*/true)))
        return;
      candidates.push_back(op);
    });

    for (linalg::LinalgOp op : candidates) {
      rewriter.setInsertionPoint(op);
      bool contraction = linalg::isaContractionOpInterface(op);
      FailureOr<linalg::VectorizationResult> result = linalg::vectorize(
          rewriter, op, /*inputVectorSizes=*/{}, /*inputScalableVecDims=*/{},
          /*vectorizeNDExtract=*/true, /*flatten1DDepthwiseConv=*/false,
          /*assumeDynamicDimsMatchVecSizes=*/false,
          /*createNamedContraction=*/contraction);
      if (failed(result))
        continue; // Left to the scalar fallback.
      rewriter.replaceOp(op, result->replacements);
    }

    // Read and write through the subsets directly, and fold the vector ops
    // the vectorizer produced.
    RewritePatternSet patterns(context);
    tensor::populateFoldTensorSubsetIntoVectorTransferPatterns(patterns);
    vector::populateVectorReductionToContractPatterns(patterns);
    vector::populateSinkVectorOpsPatterns(patterns);
    vector::TransferReadOp::getCanonicalizationPatterns(patterns, context);
    vector::TransferWriteOp::getCanonicalizationPatterns(patterns, context);
    vector::ContractionOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExtractSliceOp::getCanonicalizationPatterns(patterns, context);
    tensor::InsertSliceOp::getCanonicalizationPatterns(patterns, context);
    if (failed(applyPatternsGreedily(func, std::move(patterns))))
      return signalPassFailure();

    // Accumulators: a transfer_read / transfer_write pair on a loop-carried
    // tensor becomes a loop-carried vector (innermost loops first).
    func.walk([&](LoopLikeOpInterface loop) {
      hoistLoopInvariantSubsets(rewriter, loop);
    });
  }
};

} // namespace
