//===- KeepWideLoopsRolled.cpp - no LLVM unrolling of wide loops ----------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNKEEPWIDELOOPSROLLEDPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// The attribute scf-to-cf moves onto a loop's back edge, which cf-to-llvm
/// turns into `llvm.br`'s own `loop_annotation`.
constexpr StringLiteral kLoopAnnotationAttrName = "loop_annotation";

/// Bytes one iteration of `loop` reads with vector reads in its own body.
int64_t getBytesReadPerIteration(scf::ForOp loop) {
  int64_t bytes = 0;
  for (Operation &op : loop.getBody()->without_terminator()) {
    VectorType type;
    if (auto read = dyn_cast<vector::TransferReadOp>(op))
      type = read.getVectorType();
    else if (auto load = dyn_cast<vector::LoadOp>(op))
      type = load.getVectorType();
    if (type && type.getElementType().isIntOrFloat())
      bytes += type.getNumElements() *
               llvm::divideCeil(type.getElementTypeBitWidth(), 8);
  }
  return bytes;
}

struct NNKeepWideLoopsRolledPass
    : mlir::nn::impl::NNKeepWideLoopsRolledPassBase<NNKeepWideLoopsRolledPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    auto noUnroll = LLVM::LoopUnrollAttr::get(
        context, /*disable=*/BoolAttr::get(context, true), /*count=*/{},
        /*runtimeDisable=*/{}, /*full=*/{}, /*followupUnrolled=*/{},
        /*followupRemainder=*/{}, /*followupAll=*/{});
    auto rolled = LLVM::LoopAnnotationAttr::get(
        context, /*disableNonforced=*/{}, /*vectorize=*/{}, /*interleave=*/{},
        noUnroll, /*unrollAndJam=*/{}, /*licm=*/{}, /*distribute=*/{},
        /*pipeline=*/{}, /*peeled=*/{}, /*unswitch=*/{}, /*mustProgress=*/{},
        /*isVectorized=*/{}, /*startLoc=*/{}, /*endLoc=*/{},
        /*parallelAccesses=*/{});
    getOperation().walk([&](scf::ForOp loop) {
      bool innermost = !loop.getBody()
                            ->walk([](LoopLikeOpInterface) {
                              return WalkResult::interrupt();
                            })
                            .wasInterrupted();
      if (innermost && getBytesReadPerIteration(loop) >= minBytes)
        loop->setAttr(kLoopAnnotationAttrName, rolled);
    });
  }
};

} // namespace
