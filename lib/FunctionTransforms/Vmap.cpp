//===- Vmap.cpp - batching over a new leading axis ------------------------===//
//
// Part of the nn-mlir project.
//
// Like nn-jvp, vmap works on a copy lowered to linalg on tensors, where one
// rule (one more parallel loop) batches every linalg.generic, and so every
// nn op.
//
//===----------------------------------------------------------------------===//

#include "nn/FunctionTransforms/Passes.h"

#include "LoweredCopy.h"

#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNVMAPPASS
#include "nn/FunctionTransforms/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// The map `map` over one more loop in front: d_i -> d_{i+1}, and d0 first
/// in the results when `batched`.
AffineMap shiftMap(AffineMap map, bool batched) {
  MLIRContext *ctx = map.getContext();
  AffineMap shifted = map.shiftDims(1);
  SmallVector<AffineExpr> exprs;
  if (batched)
    exprs.push_back(getAffineDimExpr(0, ctx));
  llvm::append_range(exprs, shifted.getResults());
  return AffineMap::get(map.getNumDims() + 1, 0, exprs, ctx);
}

class Batcher {
public:
  Batcher(OpBuilder &builder, int64_t size) : b(builder), size(size) {}

  /// Original value -> its batched version (a leading axis of `size`).
  DenseMap<Value, Value> batched;

  Type batchedType(Type type) {
    if (auto tensor = dyn_cast<RankedTensorType>(type)) {
      SmallVector<int64_t> shape = {size};
      llvm::append_range(shape, tensor.getShape());
      return RankedTensorType::get(shape, tensor.getElementType());
    }
    return RankedTensorType::get({size}, type);
  }

  /// The batched version of `v`, broadcasting a shared value.
  Value get(Value v, Location loc) {
    if (Value result = batched.lookup(v))
      return result;
    auto type = cast<RankedTensorType>(batchedType(v.getType()));
    Value empty = tensor::EmptyOp::create(b, loc, type.getShape(),
                                          type.getElementType());
    // Uninitialized stays uninitialized: nothing to broadcast.
    if (v.getDefiningOp<tensor::EmptyOp>())
      return empty;
    if (!isa<RankedTensorType>(v.getType()))
      return linalg::FillOp::create(b, loc, v, empty).getResult(0);
    int64_t rank = type.getRank();
    AffineMap in = AffineMap::getMultiDimIdentityMap(rank, b.getContext())
                       .dropResult(0);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    return linalg::GenericOp::create(
               b, loc, type, v, empty,
               {in, b.getMultiDimIdentityMap(rank)}, iterators,
               [](OpBuilder &nb, Location l, ValueRange args) {
                 linalg::YieldOp::create(nb, l, args[0]);
               })
        .getResult(0);
  }

  bool isBatched(ValueRange values) {
    return llvm::any_of(values, [&](Value v) { return batched.count(v); });
  }

  /// Batches `op` if any operand (or captured value) is batched.
  LogicalResult batch(Operation *op) {
    Location loc = op->getLoc();
    b.setInsertionPointAfter(op);
    if (auto generic = dyn_cast<linalg::GenericOp>(op))
      return batchGeneric(generic);
    if (!isBatched(op->getOperands()))
      return success();
    if (auto extract = dyn_cast<tensor::ExtractOp>(op)) {
      // x[i...] of a batched x: the column x[:, i...].
      Value source = get(extract.getTensor(), loc);
      auto sourceType = cast<RankedTensorType>(source.getType());
      SmallVector<OpFoldResult> offsets = {b.getIndexAttr(0)};
      SmallVector<OpFoldResult> sizes = {b.getIndexAttr(size)};
      SmallVector<OpFoldResult> strides(sourceType.getRank(), b.getIndexAttr(1));
      for (Value index : extract.getIndices()) {
        if (batched.count(index))
          return op->emitError() << "nn-vmap: a batched index is not supported";
        offsets.push_back(index);
        sizes.push_back(b.getIndexAttr(1));
      }
      auto type = RankedTensorType::get({size}, sourceType.getElementType());
      batched[extract.getResult()] = tensor::ExtractSliceOp::create(
          b, loc, type, source, offsets, sizes, strides);
      return success();
    }
    if (auto from = dyn_cast<tensor::FromElementsOp>(op)) {
      // Columns stacked: result[:, i] = element i.
      auto type = cast<RankedTensorType>(batchedType(from.getType()));
      // A rank-0 tensor of one batched scalar (an optimizer's step count):
      // the batch of scalars itself.
      if (type.getRank() == 1) {
        batched[from.getResult()] = get(from.getElements()[0], loc);
        return success();
      }
      if (type.getRank() != 2)
        return op->emitError() << "nn-vmap: only rank-0 and rank-1 "
                                  "tensor.from_elements are supported";
      Value result = tensor::EmptyOp::create(b, loc, type.getShape(),
                                             type.getElementType());
      for (auto [i, element] : llvm::enumerate(from.getElements())) {
        Value column = get(element, loc);
        result = tensor::InsertSliceOp::create(
            b, loc, column, result,
            ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(i)},
            ArrayRef<OpFoldResult>{b.getIndexAttr(size), b.getIndexAttr(1)},
            ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
      }
      batched[from.getResult()] = result;
      return success();
    }
    if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op)) {
      // A slice of a batched tensor: the same slice of each example (the
      // whole batch axis in front); batched offsets or sizes would make
      // the slices differ per example.
      if (isBatched(slice.getOffsets()) || isBatched(slice.getSizes()) ||
          isBatched(slice.getStrides()))
        return op->emitError() << "nn-vmap: a slice at batched offsets or "
                                  "sizes is not supported";
      SmallVector<OpFoldResult> offsets = {b.getIndexAttr(0)};
      SmallVector<OpFoldResult> sizes = {b.getIndexAttr(size)};
      SmallVector<OpFoldResult> strides = {b.getIndexAttr(1)};
      llvm::append_range(offsets, slice.getMixedOffsets());
      llvm::append_range(sizes, slice.getMixedSizes());
      llvm::append_range(strides, slice.getMixedStrides());
      batched[slice.getResult()] = tensor::ExtractSliceOp::create(
          b, loc, cast<RankedTensorType>(batchedType(slice.getType())),
          get(slice.getSource(), loc), offsets, sizes, strides);
      return success();
    }
    if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(op)) {
      batched[collapse.getResult()] = tensor::CollapseShapeOp::create(
          b, loc, get(collapse.getSrc(), loc),
          shiftReassociation(collapse.getReassociationIndices()));
      return success();
    }
    if (auto expand = dyn_cast<tensor::ExpandShapeOp>(op)) {
      batched[expand.getResult()] = tensor::ExpandShapeOp::create(
          b, loc, batchedType(expand.getType()), get(expand.getSrc(), loc),
          shiftReassociation(expand.getReassociationIndices()));
      return success();
    }
    if (op->hasTrait<mlir::OpTrait::Elementwise>()) {
      // The same op on batched (broadcast where shared) operands.
      OperationState state(loc, op->getName());
      for (Value operand : op->getOperands())
        state.addOperands(get(operand, loc));
      for (Type type : op->getResultTypes())
        state.addTypes(batchedType(type));
      for (NamedAttribute attr : op->getDiscardableAttrs())
        state.addAttribute(attr.getName(), attr.getValue());
      state.propertiesAttr = op->getPropertiesAsAttribute();
      Operation *newOp = b.create(state);
      for (auto [result, value] : llvm::zip(op->getResults(), newOp->getResults()))
        batched[result] = value;
      return success();
    }
    return op->emitError() << "nn-vmap has no batching rule for '"
                           << op->getName() << "'";
  }

private:
  SmallVector<ReassociationIndices>
  shiftReassociation(ArrayRef<ReassociationIndices> groups) {
    SmallVector<ReassociationIndices> result = {{0}};
    for (const ReassociationIndices &group : groups) {
      ReassociationIndices shifted;
      for (int64_t d : group)
        shifted.push_back(d + 1);
      result.push_back(shifted);
    }
    return result;
  }

  LogicalResult batchGeneric(linalg::GenericOp generic) {
    Location loc = generic.getLoc();
    // Batched values the body captures become extra (scalar) inputs.
    SetVector<Value> captured;
    generic.getRegion().walk([&](Operation *inner) {
      for (Value operand : inner->getOperands())
        if (!generic.getRegion().isAncestor(operand.getParentRegion()) &&
            batched.count(operand))
          captured.insert(operand);
    });
    if (captured.empty() && !isBatched(generic.getOperands()))
      return success();
    // A batched tensor the body reads elements of (a gather: an
    // embedding's table, a shuffle's rows) is read in the batched body at
    // the example's own index, linalg.index 0; scalars become inputs.
    SetVector<Value> capturedTensors;
    for (Value value : captured) {
      if (!isa<RankedTensorType>(value.getType()))
        continue;
      for (OpOperand &use : value.getUses()) {
        if (!generic.getRegion().isAncestor(use.getOwner()->getParentRegion()))
          continue;
        auto extract = dyn_cast<tensor::ExtractOp>(use.getOwner());
        if (!extract || extract->getBlock() != &generic.getRegion().front())
          return use.getOwner()->emitError()
                 << "nn-vmap: a batched tensor captured by a linalg.generic "
                    "body is supported only as the source of tensor.extract "
                    "in the body";
      }
      capturedTensors.insert(value);
    }
    captured.set_subtract(capturedTensors);

    SmallVector<Value> inputs, outputs;
    SmallVector<AffineMap> maps;
    for (OpOperand *operand : generic.getDpsInputOperands()) {
      bool isBatchedInput = batched.count(operand->get());
      inputs.push_back(isBatchedInput ? batched.lookup(operand->get())
                                      : operand->get());
      maps.push_back(shiftMap(generic.getMatchingIndexingMap(operand),
                              isBatchedInput));
    }
    unsigned numLoops = generic.getNumLoops() + 1;
    for (Value value : captured) {
      inputs.push_back(batched.lookup(value));
      maps.push_back(AffineMap::get(numLoops, 0,
                                    getAffineDimExpr(0, b.getContext())));
    }
    for (OpOperand &operand : generic.getDpsInitsMutable()) {
      outputs.push_back(get(operand.get(), loc));
      maps.push_back(shiftMap(generic.getMatchingIndexingMap(&operand), true));
    }
    SmallVector<utils::IteratorType> iterators = {utils::IteratorType::parallel};
    llvm::append_range(iterators, generic.getIteratorTypesArray());
    SmallVector<Type> types =
        llvm::map_to_vector(outputs, [](Value v) { return v.getType(); });
    auto newGeneric = linalg::GenericOp::create(b, loc, types, inputs, outputs,
                                                maps, iterators);
    // The body, with its block arguments re-threaded and indices shifted.
    Block &old = generic.getRegion().front();
    Block *block = b.createBlock(&newGeneric.getRegion());
    IRMapping mapping;
    unsigned numInputs = generic.getNumDpsInputs();
    for (unsigned i = 0; i < numInputs; ++i)
      mapping.map(old.getArgument(i),
                  block->addArgument(old.getArgument(i).getType(), loc));
    for (Value value : captured)
      mapping.map(value, block->addArgument(
                             getElementTypeOrSelf(value.getType()), loc));
    for (unsigned i = numInputs; i < old.getNumArguments(); ++i)
      mapping.map(old.getArgument(i),
                  block->addArgument(old.getArgument(i).getType(), loc));
    b.setInsertionPointToEnd(block);
    Value example; // linalg.index 0, made on first use.
    for (Operation &op : old) {
      if (auto index = dyn_cast<linalg::IndexOp>(op)) {
        mapping.map(index.getResult(),
                    linalg::IndexOp::create(b, loc, index.getDim() + 1));
        continue;
      }
      if (auto extract = dyn_cast<tensor::ExtractOp>(op);
          extract && capturedTensors.contains(extract.getTensor())) {
        if (!example)
          example = linalg::IndexOp::create(b, loc, 0);
        SmallVector<Value> indices = {example};
        for (Value index : extract.getIndices())
          indices.push_back(mapping.lookupOrDefault(index));
        mapping.map(extract.getResult(),
                    tensor::ExtractOp::create(
                        b, loc, batched.lookup(extract.getTensor()), indices));
        continue;
      }
      b.clone(op, mapping);
    }
    for (auto [result, value] :
         llvm::zip(generic.getResults(), newGeneric.getResults()))
      batched[result] = value;
    return success();
  }

  OpBuilder &b;
  int64_t size;
};

/// Moves axis `from` of `value` to position `to` (a linalg.transpose).
Value moveAxis(OpBuilder &b, Location loc, Value value, int64_t from,
               int64_t to) {
  if (from == to)
    return value;
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> permutation;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (d != from)
      permutation.push_back(d);
  permutation.insert(permutation.begin() + to, from);
  SmallVector<int64_t> shape = llvm::map_to_vector(
      permutation, [&](int64_t d) { return type.getDimSize(d); });
  Value init = tensor::EmptyOp::create(b, loc, shape, type.getElementType());
  return linalg::TransposeOp::create(b, loc, value, init, permutation)
      ->getResult(0);
}

struct NNVmapPass : mlir::nn::impl::NNVmapPassBase<NNVmapPass> {
  using Base::Base;

  /// JAX's axes spec for `count` values of the given ranks: one entry per
  /// value or one for all; each an axis in [-(rank+1), rank] or `none`.
  FailureOr<SmallVector<std::optional<int64_t>>>
  parseAxes(func::FuncOp func, ArrayRef<std::string> spec, StringRef option,
            StringRef what, ArrayRef<int64_t> ranks, bool allowNone) {
    SmallVector<std::optional<int64_t>> axes;
    if (spec.size() != 1 && spec.size() != ranks.size())
      return func.emitError()
             << "nn-vmap: " << option << " has " << spec.size()
             << " entries for " << ranks.size() << " " << what << "s";
    for (auto [i, rank] : llvm::enumerate(ranks)) {
      StringRef entry = spec.size() == 1 ? spec[0] : spec[i];
      if (entry == "none") {
        if (!allowNone)
          return func.emitError() << "nn-vmap: " << option << " of " << what
                                  << " " << i << " cannot be 'none'";
        axes.push_back(std::nullopt);
        continue;
      }
      int64_t axis;
      if (entry.getAsInteger(10, axis))
        return func.emitError() << "nn-vmap: " << option << " entry '"
                                << entry << "' is neither an axis nor 'none'";
      if (axis < -(rank + 1) || axis > rank)
        return func.emitError()
               << "nn-vmap: " << option << " axis " << axis << " of " << what
               << " " << i << " is out of range for a batched rank of "
               << rank + 1;
      axes.push_back(axis < 0 ? axis + rank + 1 : axis);
    }
    return axes;
  }

  /// The rank as the user sees it (a key counts as a scalar).
  static int64_t userRank(Type type) {
    if (auto tensor = dyn_cast<RankedTensorType>(type))
      return tensor.getRank();
    return 0;
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto func = module.lookupSymbol<func::FuncOp>(function);
    if (failed(checkTransformable(module, func, function, "nn-vmap")))
      return signalPassFailure();
    if (batch <= 0) {
      func.emitError() << "nn-vmap: the batch size must be positive, got "
                       << static_cast<int64_t>(batch);
      return signalPassFailure();
    }
    if (inAxes.empty()) {
      func.emitError() << "nn-vmap: in-axes is required (an axis or 'none' "
                          "per argument)";
      return signalPassFailure();
    }
    auto argRanks = llvm::map_to_vector(func.getArgumentTypes(), userRank);
    auto resultRanks = llvm::map_to_vector(func.getResultTypes(), userRank);
    SmallVector<std::string> outSpec(outAxes.begin(), outAxes.end());
    if (outSpec.empty())
      outSpec.push_back("0");
    FailureOr<SmallVector<std::optional<int64_t>>> argAxes = parseAxes(
        func, SmallVector<std::string>(inAxes.begin(), inAxes.end()),
        "in-axes", "argument", argRanks, /*allowNone=*/true);
    if (failed(argAxes))
      return signalPassFailure();
    FailureOr<SmallVector<std::optional<int64_t>>> resultAxes =
        parseAxes(func, outSpec, "out-axes", "result", resultRanks,
                  /*allowNone=*/false);
    if (failed(resultAxes))
      return signalPassFailure();
    if (llvm::none_of(*argAxes, [](auto axis) { return axis.has_value(); })) {
      func.emitError() << "nn-vmap: in-axes batches no argument";
      return signalPassFailure();
    }

    FailureOr<func::FuncOp> lowered =
        insertLoweredCopy(module, func, function + "_vmap",
                          [&](OpPassManager &pipeline, Operation *op) {
                            return runPipeline(pipeline, op);
                          });
    if (failed(lowered))
      return signalPassFailure();
    func::FuncOp vmapped = *lowered;

    OpBuilder builder(&getContext());
    Batcher batcher(builder, batch);
    Block &body = vmapped.getBody().front();
    SmallVector<Operation *> ops = llvm::map_to_vector(
        body.without_terminator(), [](Operation &op) { return &op; });
    // Batched arguments get the axis where in-axes puts it; inside, it is
    // in front.
    builder.setInsertionPointToStart(&body);
    for (auto [arg, axis] : llvm::zip(vmapped.getArguments(), *argAxes)) {
      if (!axis)
        continue;
      auto type = cast<RankedTensorType>(batcher.batchedType(arg.getType()));
      SmallVector<int64_t> shape(type.getShape().drop_front());
      shape.insert(shape.begin() + *axis, batch);
      arg.setType(RankedTensorType::get(shape, type.getElementType()));
      batcher.batched[arg] = moveAxis(builder, vmapped.getLoc(), arg, *axis, 0);
    }
    for (Operation *op : ops)
      if (failed(batcher.batch(op)))
        return signalPassFailure();
    Operation *ret = body.getTerminator();
    builder.setInsertionPoint(ret);
    SmallVector<Value> results;
    for (auto [value, axis] : llvm::zip(ret->getOperands(), *resultAxes))
      results.push_back(moveAxis(builder, ret->getLoc(),
                                 batcher.get(value, ret->getLoc()), 0, *axis));
    // (The unbatched originals become dead and go.)
    setResults(vmapped, results);
  }
};

} // namespace
