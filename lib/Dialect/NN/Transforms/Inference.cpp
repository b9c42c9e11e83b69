//===- Inference.cpp - inference mode -------------------------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Dialect/NN/Transforms/Passes.h"

#include "nn/Dialect/NN/IR/NNOps.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNINFERENCEPASS
#include "nn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {
struct NNInferencePass
    : mlir::nn::impl::NNInferencePassBase<NNInferencePass> {
  using Base::Base;
  void runOnOperation() override {
    if (keepDropout)
      return;
    getOperation()->walk([](DropoutOp dropout) {
      dropout.replaceAllUsesWith(dropout.getInput());
      dropout.erase();
    });
  }
};
} // namespace
