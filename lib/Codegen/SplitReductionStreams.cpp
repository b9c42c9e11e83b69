//===- SplitReductionStreams.cpp - read an outer reduction as k streams ---===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNSPLITREDUCTIONSTREAMSPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;

namespace {

/// Whether `value` is computed without the accumulator `out`.
bool isIndependentOf(Value value, BlockArgument out) {
  SmallVector<Value> worklist = {value};
  DenseSet<Value> seen;
  while (!worklist.empty()) {
    Value next = worklist.pop_back_val();
    if (next == out)
      return false;
    if (!seen.insert(next).second)
      continue;
    if (Operation *def = next.getDefiningOp())
      llvm::append_range(worklist, def->getOperands());
  }
  return true;
}

/// The steps of a commutative, associative reduction of values computed
/// from the inputs alone, with (+) a float sum.
enum class ReductionStep {
  /// Not such a reduction.
  None,
  /// `out (+) v`: the parts' values combine among themselves first.
  Combine,
  /// `c ? out (+) v : out` (a masked step): the parts' steps apply in turn.
  MaskedCombine,
};

/// The kind of step of `op`'s only result, with the combiner (+) in
/// `combiner` and v in `value`.
ReductionStep getReductionStep(linalg::GenericOp op, Operation *&combiner,
                               Value &value) {
  if (op.getNumDpsInits() != 1)
    return ReductionStep::None;
  BlockArgument out = op.getRegionOutputArgs().front();
  Value yielded =
      cast<linalg::YieldOp>(op.getBody()->getTerminator()).getOperand(0);
  ReductionStep kind = ReductionStep::Combine;
  combiner = yielded.getDefiningOp();
  if (auto select = dyn_cast_or_null<arith::SelectOp>(combiner)) {
    if (select.getFalseValue() != out ||
        !isIndependentOf(select.getCondition(), out))
      return ReductionStep::None;
    kind = ReductionStep::MaskedCombine;
    combiner = select.getTrueValue().getDefiningOp();
  }
  // Sums only: a masked maximum pool over 4 streams ran 11% slower on Zen 4
  // (its NaN-propagating maximum is 6 instructions, in a chain per step).
  if (!isa_and_present<arith::AddFOp>(combiner))
    return ReductionStep::None;
  Value lhs = combiner->getOperand(0), rhs = combiner->getOperand(1);
  if (lhs == out && isIndependentOf(rhs, out))
    value = rhs;
  else if (rhs == out && isIndependentOf(lhs, out))
    value = lhs;
  else
    return ReductionStep::None;
  // In the unmasked form nothing else may read the accumulator.
  if (kind == ReductionStep::Combine && !out.hasOneUse())
    return ReductionStep::None;
  return kind;
}

/// Splits the reduction loop of a `linalg.generic` that reduces an outer
/// loop (pooling over time) into `streams` contiguous parts read side by
/// side: each step combines the parts' values in a pairwise tree and then
/// into the accumulator, or, for masked steps, applies each part's step in
/// turn to the accumulator.
LogicalResult splitIntoStreams(RewriterBase &rewriter, linalg::GenericOp op,
                               int64_t streams, int64_t minBytes) {
  if (!op.hasPureTensorSemantics() || op.getNumReductionLoops() != 1 ||
      op.getNumLoops() < 2 || op.hasIndexSemantics())
    return failure();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  if (iterators.back() != utils::IteratorType::parallel)
    return failure();
  unsigned dim =
      llvm::find(iterators, utils::IteratorType::reduction) - iterators.begin();
  SmallVector<int64_t> bounds = op.getStaticLoopRanges();
  if (ShapedType::isDynamicShape(bounds) || bounds[dim] % streams != 0 ||
      bounds[dim] / streams < 2)
    return failure();
  Operation *combiner = nullptr;
  Value combinedValue;
  ReductionStep kind = getReductionStep(op, combiner, combinedValue);
  // The accumulator does not move along the reduction loop.
  if (kind == ReductionStep::None ||
      op.getMatchingIndexingMap(op.getDpsInitOperand(0)).isFunctionOfDim(dim))
    return failure();

  // Only big reductions: the point is the memory streams.
  int64_t bytes = 0;
  for (OpOperand *input : op.getDpsInputOperands())
    if (auto type = dyn_cast<RankedTensorType>(input->get().getType()))
      bytes += type.getNumElements() *
               llvm::divideCeil(type.getElementTypeBitWidth(), 8);
  if (bytes < minBytes)
    return failure();

  // Every input that the reduction loop indexes is read through a result
  // that is that loop alone: its parts are slices along that result.
  int64_t part = bounds[dim] / streams;
  Location loc = op.getLoc();
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  // For each input, the block argument of each part (one for inputs the
  // reduction loop does not index).
  SmallVector<SmallVector<unsigned>> partArgs;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    std::optional<unsigned> result =
        map.getResultPosition(getAffineDimExpr(dim, rewriter.getContext()));
    bool indexed = map.isFunctionOfDim(dim);
    if (indexed && !result)
      return failure();
    SmallVector<unsigned> args;
    if (!indexed) {
      args.assign(streams, inputs.size());
      inputs.push_back(input->get());
      maps.push_back(map);
      partArgs.push_back(args);
      continue;
    }
    auto type = cast<RankedTensorType>(input->get().getType());
    for (int64_t i = 0; i < streams; ++i) {
      SmallVector<OpFoldResult> offsets(type.getRank(),
                                        rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> sizes,
          strides(type.getRank(), rewriter.getIndexAttr(1));
      for (int64_t size : type.getShape())
        sizes.push_back(rewriter.getIndexAttr(size));
      offsets[*result] = rewriter.getIndexAttr(i * part);
      sizes[*result] = rewriter.getIndexAttr(part);
      args.push_back(inputs.size());
      inputs.push_back(tensor::ExtractSliceOp::create(
          rewriter, loc, input->get(), offsets, sizes, strides));
      maps.push_back(map);
    }
    partArgs.push_back(args);
  }
  maps.push_back(op.getMatchingIndexingMap(op.getDpsInitOperand(0)));

  auto split = linalg::GenericOp::create(
      rewriter, loc, op.getResultTypes(), inputs, op.getDpsInits(), maps,
      iterators, [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
        Value out = args.back();
        Value yielded = op.getBody()->getTerminator()->getOperand(0);
        auto clonePart = [&](int64_t i, Value accumulator, Value result) {
          IRMapping mapping;
          for (auto [input, indices] : llvm::enumerate(partArgs))
            mapping.map(op.getRegionInputArgs()[input], args[indices[i]]);
          mapping.map(op.getRegionOutputArgs().front(), accumulator);
          for (Operation &nested : op.getBody()->without_terminator())
            if (kind == ReductionStep::MaskedCombine || &nested != combiner)
              b.clone(nested, mapping);
          return mapping.lookupOrDefault(result);
        };
        if (kind == ReductionStep::MaskedCombine) {
          // Each part's masked step in turn, on the accumulator the
          // previous one left.
          for (int64_t i = 0; i < streams; ++i)
            out = clonePart(i, out, yielded);
          linalg::YieldOp::create(b, nestedLoc, out);
          return;
        }
        // The parts' values in a pairwise tree, then into the accumulator.
        SmallVector<Value> values;
        for (int64_t i = 0; i < streams; ++i)
          values.push_back(clonePart(i, out, combinedValue));
        auto combine = [&](Value lhs, Value rhs) {
          Operation *clone = b.clone(*combiner);
          clone->setOperands({lhs, rhs});
          return clone->getResult(0);
        };
        while (values.size() > 1) {
          SmallVector<Value> next;
          for (size_t i = 0; i + 1 < values.size(); i += 2)
            next.push_back(combine(values[i], values[i + 1]));
          if (values.size() % 2)
            next.push_back(values.back());
          values = std::move(next);
        }
        linalg::YieldOp::create(b, nestedLoc, combine(out, values.front()));
      });
  // Discardable attributes (none are expected before the strategy) stay.
  split->setDiscardableAttrs(op->getDiscardableAttrDictionary());
  rewriter.replaceOp(op, split.getResults());
  return success();
}

struct NNSplitReductionStreamsPass
    : mlir::nn::impl::NNSplitReductionStreamsPassBase<
          NNSplitReductionStreamsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (streams < 2)
      return;
    IRRewriter rewriter(&getContext());
    SmallVector<linalg::GenericOp> candidates;
    getOperation().walk(
        [&](linalg::GenericOp op) { candidates.push_back(op); });
    for (linalg::GenericOp op : candidates) {
      rewriter.setInsertionPoint(op);
      (void)splitIntoStreams(rewriter, op, streams, minBytes);
    }
  }
};

} // namespace
