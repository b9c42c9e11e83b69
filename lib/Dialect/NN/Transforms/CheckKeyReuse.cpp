//===- CheckKeyReuse.cpp - one key, one random op -------------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Dialect/NN/Transforms/Passes.h"

#include "nn/Dialect/NN/IR/NNOps.h"

#include "llvm/ADT/MapVector.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNCHECKKEYREUSEPASS
#include "nn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Ops that draw randomness from a key operand (split and fold_in included:
/// they consume the key).
bool consumesKey(Operation *op) {
  return isa<RngSplitOp, RngFoldInOp, RngThreefryOp, RngBitsOp, RngUniformOp,
             RngNormalOp, RngTruncatedNormalOp, RngBernoulliOp, DropoutOp,
             InitOp, RngPermutationOp, RngShuffleOp>(op);
}

struct NNCheckKeyReusePass
    : mlir::nn::impl::NNCheckKeyReusePassBase<NNCheckKeyReusePass> {
  void runOnOperation() override {
    // A key value -> the random ops consuming it, in order. Reads of one
    // index of a key array count as one key.
    llvm::MapVector<std::pair<Value, int64_t>, SmallVector<Operation *>> uses;
    getOperation()->walk([&](Operation *op) {
      if (!consumesKey(op))
        return;
      for (Value operand : op->getOperands()) {
        if (!isa<KeyType>(operand.getType()))
          continue;
        std::pair<Value, int64_t> key = {operand, -1};
        if (auto at = operand.getDefiningOp<RngKeyAtOp>())
          key = {at.getKeys(), static_cast<int64_t>(at.getIndex())};
        uses[key].push_back(op);
      }
    });
    for (auto &[key, ops] : uses)
      for (Operation *op : llvm::drop_begin(ops)) {
        InFlightDiagnostic diag = op->emitWarning()
                                  << "this key already fed '"
                                  << ops.front()->getName()
                                  << "': both draw the same bits; split the key "
                                     "(nn.rng.split) or fold in data "
                                     "(nn.rng.fold_in) first";
        diag.attachNote(ops.front()->getLoc()) << "first use of the key";
      }
  }
};

} // namespace
