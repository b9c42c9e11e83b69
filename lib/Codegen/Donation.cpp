//===- Donation.cpp - donated results live in their argument buffers -----===//
//
// Part of the nn-mlir project.
//
// Two halves around bufferization: nn-write-donated-in-place gives each
// donated result's producer the argument as its destination (on tensors),
// nn-drop-donated-results removes the results that then are the arguments
// (on buffers).
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"
#include "nn/Dialect/NN/IR/NNAttrs.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNWRITEDONATEDINPLACEPASS
#define GEN_PASS_DEF_NNDROPDONATEDRESULTSPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

/// The argument result `index` of `func` is donated from, if any (the
/// dialect verified the attribute).
static std::optional<unsigned> getDonatedArgument(FunctionOpInterface func,
                                                  unsigned index) {
  if (auto attr =
          func.getResultAttrOfType<IntegerAttr>(index, kDonatedFromAttrName))
    return attr.getInt();
  return std::nullopt;
}

namespace {

/// linalg.generic ins(..., %arg, ...) outs(..., %init, ...) computing a
/// donated result  ->  the same generic with %arg as that result's init,
/// read through the output block argument. Rewrites every donated result of
/// `op` at once (Adam's update writes a parameter and its two moments).
/// `donations` maps results of `op` to the arguments they are donated from.
static void writeGenericInPlace(
    linalg::GenericOp op,
    ArrayRef<std::pair<unsigned, BlockArgument>> donations) {
  if (!op.hasPureTensorSemantics() ||
      op.getNumParallelLoops() != op.getNumLoops())
    return;
  // init operand number -> the input operand it absorbs.
  DenseMap<unsigned, OpOperand *> absorbed;
  for (auto [resultIndex, argument] : donations) {
    OpOperand *init = op.getDpsInitOperand(resultIndex);
    if (!op.getMatchingIndexingMap(init).isIdentity() ||
        op.payloadUsesValueFromOperand(init))
      continue;
    // The argument must be read element for element, and nowhere else by
    // this op (another map would read elements already overwritten).
    OpOperand *input = nullptr;
    bool elementwise = true;
    for (OpOperand &operand : op->getOpOperands()) {
      if (operand.get() != argument)
        continue;
      if (!op.isDpsInput(&operand) ||
          !op.getMatchingIndexingMap(&operand).isIdentity() || input)
        elementwise = false;
      input = &operand;
    }
    if (input && elementwise)
      absorbed[init->getOperandNumber()] = input;
  }
  if (absorbed.empty())
    return;

  SmallVector<Value> inputs, inits;
  SmallVector<AffineMap> maps;
  auto isAbsorbed = [&](OpOperand *operand) {
    return llvm::any_of(absorbed,
                        [&](auto &entry) { return entry.second == operand; });
  };
  for (OpOperand *input : op.getDpsInputOperands())
    if (!isAbsorbed(input)) {
      inputs.push_back(input->get());
      maps.push_back(op.getMatchingIndexingMap(input));
    }
  for (OpOperand &init : op.getDpsInitsMutable()) {
    auto it = absorbed.find(init.getOperandNumber());
    inits.push_back(it == absorbed.end() ? init.get() : it->second->get());
    maps.push_back(op.getMatchingIndexingMap(&init));
  }
  OpBuilder builder(op);
  auto rewritten = linalg::GenericOp::create(
      builder, op.getLoc(), op.getResultTypes(), inputs, inits, maps,
      op.getIteratorTypesArray());
  rewritten->setDiscardableAttrs(op->getDiscardableAttrDictionary());

  // The old payload: an absorbed input's block argument is now its init's.
  Block *oldBody = op.getBody();
  Block *body = builder.createBlock(&rewritten.getRegion());
  IRMapping mapping;
  for (OpOperand *input : op.getDpsInputOperands())
    if (!isAbsorbed(input)) {
      BlockArgument old = oldBody->getArgument(input->getOperandNumber());
      mapping.map(old, body->addArgument(old.getType(), old.getLoc()));
    }
  for (OpOperand &init : op.getDpsInitsMutable()) {
    BlockArgument old = oldBody->getArgument(init.getOperandNumber());
    BlockArgument output = body->addArgument(old.getType(), old.getLoc());
    mapping.map(old, output);
    if (auto it = absorbed.find(init.getOperandNumber()); it != absorbed.end())
      mapping.map(oldBody->getArgument(it->second->getOperandNumber()), output);
  }
  builder.setInsertionPointToStart(body);
  for (Operation &payload : *oldBody)
    builder.clone(payload, mapping);
  op->replaceAllUsesWith(rewritten->getResults());
  op->erase();
}

struct NNWriteDonatedInPlacePass
    : mlir::nn::impl::NNWriteDonatedInPlacePassBase<NNWriteDonatedInPlacePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    MLIRContext *ctx = &getContext();
    SmallVector<bool> donated(func.getNumArguments(), false);
    // The donated results, grouped by the generic computing them.
    llvm::MapVector<linalg::GenericOp,
                    SmallVector<std::pair<unsigned, BlockArgument>>>
        generics;
    SmallVector<std::pair<tensor::FromElementsOp, BlockArgument>> scalars;
    Operation *ret = func.getBody().front().getTerminator();
    for (unsigned r = 0, e = func.getNumResults(); r < e; ++r) {
      std::optional<unsigned> argIndex = getDonatedArgument(func, r);
      if (!argIndex)
        continue;
      donated[*argIndex] = true;
      BlockArgument argument = func.getArgument(*argIndex);
      Value value = ret->getOperand(r);
      if (auto generic = value.getDefiningOp<linalg::GenericOp>())
        generics[generic].push_back(
            {cast<OpResult>(value).getResultNumber(), argument});
      else if (auto elements = value.getDefiningOp<tensor::FromElementsOp>())
        scalars.push_back({elements, argument});
    }
    for (auto &[generic, donations] : generics)
      writeGenericInPlace(generic, donations);
    for (auto [elements, argument] : scalars) {
      // from_elements has no destination; inserts into the argument do.
      OpBuilder builder(elements);
      auto type = cast<RankedTensorType>(elements.getType());
      Value into = argument;
      for (auto [linear, element] : llvm::enumerate(elements.getElements())) {
        SmallVector<Value> indices;
        for (int64_t position :
             delinearize(static_cast<int64_t>(linear),
                         computeSuffixProduct(type.getShape())))
          indices.push_back(
              arith::ConstantIndexOp::create(builder, elements.getLoc(),
                                             position));
        into = tensor::InsertOp::create(builder, elements.getLoc(), element,
                                        into, indices);
      }
      elements.getResult().replaceAllUsesWith(into);
      elements->erase();
    }
    if (!func.isPublic())
      return;
    // Only a donated buffer may be written; the caller still owns the rest.
    for (auto [index, type] : llvm::enumerate(func.getArgumentTypes()))
      if (isa<TensorType>(type))
        func.setArgAttr(index,
                        bufferization::BufferizationDialect::kWritableAttrName,
                        BoolAttr::get(ctx, donated[index]));
  }
};

/// The buffer `value` is a view of (through casts and subviews).
static Value getViewSource(Value value) {
  while (auto view = value.getDefiningOp<ViewLikeOpInterface>())
    value = view.getViewSource();
  return value;
}

struct NNDropDonatedResultsPass
    : mlir::nn::impl::NNDropDonatedResultsPassBase<NNDropDonatedResultsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      BitVector dropped(func.getNumResults());
      for (unsigned r = 0, e = func.getNumResults(); r < e; ++r)
        if (getDonatedArgument(func, r))
          dropped.set(r);
      if (dropped.none())
        continue;
      if (!SymbolTable::symbolKnownUseEmpty(func, module)) {
        func.emitOpError()
            << "has donated results (" << kDonatedFromAttrName
            << ") and is called in the module; donation is for entry "
               "functions, whose caller keeps the argument buffers";
        return signalPassFailure();
      }
      if (!llvm::hasSingleElement(func.getBody())) {
        func.emitOpError() << "has donated results and more than one block";
        return signalPassFailure();
      }
      auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
      if (failed(keepInArguments(func, ret, dropped)))
        return signalPassFailure();
      ret->eraseOperands(dropped);
      if (failed(func.eraseResults(dropped)))
        return signalPassFailure();
    }
  }

  /// Copies each donated result that bufferization did not write in place
  /// into its argument.
  LogicalResult keepInArguments(func::FuncOp func, func::ReturnOp ret,
                                const BitVector &dropped) {
    // The arguments overwritten here, at the end, rather than in place.
    llvm::SmallDenseSet<Value> overwritten;
    for (unsigned r : dropped.set_bits()) {
      BlockArgument argument = func.getArgument(*getDonatedArgument(func, r));
      Value value = ret.getOperand(r);
      while (auto cast = value.getDefiningOp<memref::CastOp>())
        value = cast.getSource();
      if (value == argument)
        continue;
      if (!isa<MemRefType>(argument.getType()))
        return func.emitOpError()
               << "result " << r << " is donated from argument "
               << argument.getArgNumber()
               << ", which is no buffer: run this pass after bufferization";
      overwritten.insert(argument);
    }
    if (overwritten.empty())
      return success();
    OpBuilder builder(ret);
    Location loc = ret.getLoc();
    // A returned view of an argument about to change keeps the old values.
    for (OpOperand &operand : ret->getOpOperands()) {
      if (!overwritten.contains(getViewSource(operand.get())))
        continue;
      auto type = cast<MemRefType>(func.getResultTypes()[operand.getOperandNumber()]);
      if (!type.hasStaticShape())
        return func.emitOpError() << "result " << operand.getOperandNumber()
                                  << " has a dynamic shape";
      Value aside = memref::AllocOp::create(builder, loc, type);
      memref::CopyOp::create(builder, loc, operand.get(), aside);
      operand.set(aside);
    }
    for (unsigned r : dropped.set_bits()) {
      BlockArgument argument = func.getArgument(*getDonatedArgument(func, r));
      if (overwritten.contains(argument))
        memref::CopyOp::create(builder, loc, ret.getOperand(r), argument);
    }
    return success();
  }
};

} // namespace
