//===- NNToLinalg.cpp - the convert-nn-to-linalg pass ---------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Conversion/Passes.h"

#include "nn/Dialect/NN/IR/NNDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::nn {
#define GEN_PASS_DEF_CONVERTNNTOLINALGPASS
#include "nn/Conversion/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

void mlir::nn::populateNNToLinalgConversionPatterns(
    RewritePatternSet &patterns) {
  populateLinearToLinalgPatterns(patterns);
  populateElementwiseToLinalgPatterns(patterns);
  populateReductionToLinalgPatterns(patterns);
}

namespace {
struct ConvertNNToLinalgPass
    : mlir::nn::impl::ConvertNNToLinalgPassBase<ConvertNNToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    ConversionTarget target(*context);
    target.addIllegalDialect<NNDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });

    RewritePatternSet patterns(context);
    populateNNToLinalgConversionPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
