//===- EpilogueInPlace.cpp - contraction epilogues write the accumulator --===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNEPILOGUEINPLACEPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;

namespace {

/// generic ins(%acc, %rest...) outs(%init) { f(acc, rest) } with %acc the
/// only use of a contraction's result, read element for element, and %init
/// never read  ->  generic ins(%rest...) outs(%acc) { f(out, rest) }.
struct WriteEpilogueIntoAccumulator : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getNumDpsInits() != 1 || !op.hasPureTensorSemantics() ||
        op.getNumParallelLoops() != op.getNumLoops())
      return failure();
    OpOperand *init = op.getDpsInitOperand(0);
    if (!op.getMatchingIndexingMap(init).isIdentity() ||
        op.payloadUsesValueFromOperand(init))
      return failure();
    OpOperand *accumulator = nullptr;
    for (OpOperand *input : op.getDpsInputOperands()) {
      auto producer = input->get().getDefiningOp<linalg::LinalgOp>();
      if (producer && linalg::isaContractionOpInterface(producer) &&
          input->get().hasOneUse() &&
          input->get().getType() == init->get().getType() &&
          op.getMatchingIndexingMap(input).isIdentity()) {
        accumulator = input;
        break;
      }
    }
    if (!accumulator)
      return failure();

    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    for (OpOperand *input : op.getDpsInputOperands())
      if (input != accumulator) {
        inputs.push_back(input->get());
        maps.push_back(op.getMatchingIndexingMap(input));
      }
    maps.push_back(op.getMatchingIndexingMap(init));
    auto rewritten = linalg::GenericOp::create(
        rewriter, op.getLoc(), op.getResultTypes(), inputs,
        ValueRange{accumulator->get()}, maps, op.getIteratorTypesArray());
    rewritten->setDiscardableAttrs(op->getDiscardableAttrDictionary());

    // The old payload, with the accumulator's block argument now the
    // output's.
    Block *oldBody = op.getBody();
    Block *body = rewriter.createBlock(&rewritten.getRegion());
    IRMapping mapping;
    for (OpOperand &operand : op->getOpOperands()) {
      BlockArgument oldArgument = oldBody->getArgument(operand.getOperandNumber());
      if (&operand == accumulator || &operand == init)
        continue;
      mapping.map(oldArgument, body->addArgument(oldArgument.getType(),
                                                 oldArgument.getLoc()));
    }
    BlockArgument output = body->addArgument(
        oldBody->getArgument(init->getOperandNumber()).getType(), op.getLoc());
    mapping.map(oldBody->getArgument(accumulator->getOperandNumber()), output);
    mapping.map(oldBody->getArgument(init->getOperandNumber()), output);
    rewriter.setInsertionPointToStart(body);
    for (Operation &payload : *oldBody)
      rewriter.clone(payload, mapping);
    rewriter.replaceOp(op, rewritten->getResults());
    return success();
  }
};

struct NNEpilogueInPlacePass
    : mlir::nn::impl::NNEpilogueInPlacePassBase<NNEpilogueInPlacePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<WriteEpilogueIntoAccumulator>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
