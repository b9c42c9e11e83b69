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
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::nn {
#define GEN_PASS_DEF_CONVERTNNTOLINALGPASS
#include "nn/Conversion/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

void mlir::nn::populateNNToLinalgConversionPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  populateLinearToLinalgPatterns(patterns);
  populateElementwiseToLinalgPatterns(patterns);
  populateReductionToLinalgPatterns(converter, patterns);
  populateAttentionToLinalgPatterns(converter, patterns);
  populateMaskingToLinalgPatterns(converter, patterns);
  populateLossToLinalgPatterns(converter, patterns);
  populateRandomToLinalgPatterns(converter, patterns);
  populateOptimizerToLinalgPatterns(patterns);
}

namespace {
struct ConvertNNToLinalgPass
    : mlir::nn::impl::ConvertNNToLinalgPassBase<ConvertNNToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    TypeConverter converter;
    populateNNTypeConversion(converter);

    ConversionTarget target(*context);
    target.addIllegalDialect<NNDialect>();
    // Masks cross function boundaries and region boundaries as bytes.
    target.markUnknownOpDynamicallyLegal([&](Operation *op) {
      if (auto func = dyn_cast<FunctionOpInterface>(op))
        return converter.isSignatureLegal(
                   cast<FunctionType>(func.getFunctionType())) &&
               converter.isLegal(&func.getFunctionBody());
      if (isa<func::CallOp, func::ReturnOp>(op))
        return converter.isLegal(op);
      return true;
    });

    RewritePatternSet patterns(context);
    populateNNToLinalgConversionPatterns(converter, patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateCallOpTypeConversionPattern(patterns, converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    scf::populateSCFStructuralTypeConversionsAndLegality(converter, patterns,
                                                         target);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
