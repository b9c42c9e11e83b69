//===- PropagateMasks.cpp - carry timestep masks to their consumers -------===//
//
// Part of the nn-mlir project.
//
// The pass alternates an analysis and a rewrite until nothing changes:
//  * the analysis walks each function, computing which data values carry a
//    timestep mask (and which come from masked data whose mask was lost);
//    it gives mask-consuming ops their missing masks and records the calls
//    and returns across which a mask has to travel;
//  * the rewrite adds mask arguments / results to private functions (or to
//    private clones, so public signatures never change) and updates calls.
//
//===----------------------------------------------------------------------===//

#include "nn/Dialect/NN/Transforms/Passes.h"

#include "nn/Dialect/NN/IR/NNOps.h"
#include "nn/Dialect/NN/IR/NNShapes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNPROPAGATEMASKSPASS
#include "nn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Index of the data argument / result a mask argument / result belongs to.
std::optional<unsigned> maskOfAttr(DictionaryAttr attrs) {
  if (!attrs)
    return std::nullopt;
  if (auto index = attrs.getAs<IntegerAttr>(kMaskOfAttrName))
    return index.getInt();
  return std::nullopt;
}

/// The mask argument of `func` for data argument `index`, if any.
std::optional<unsigned> maskArgumentFor(func::FuncOp func, unsigned index) {
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
    if (maskOfAttr(func.getArgAttrDict(i)) == index)
      return i;
  return std::nullopt;
}

/// The mask result of `func` for data result `index`, if any.
std::optional<unsigned> maskResultFor(func::FuncOp func, unsigned index) {
  for (unsigned i = 0, e = func.getNumResults(); i < e; ++i)
    if (maskOfAttr(func.getResultAttrDict(i)) == index)
      return i;
  return std::nullopt;
}

/// Whether an op keeps the [batch, time] layout of its first operand, so a
/// timestep mask of that operand is a timestep mask of its result.
bool preservesTimesteps(Operation *op) {
  if (isa<ReluOp, GeluOp, TanhOp, SigmoidOp, ApplyMaskOp, DropoutOp>(op))
    return true;
  if (auto dense = dyn_cast<DenseOp>(op))
    return cast<RankedTensorType>(dense.getInput().getType()).getRank() >= 3;
  if (auto norm = dyn_cast<LayerNormOp>(op))
    return norm.getType().getRank() >= 3 && norm.getNormalizedAxis() >= 2;
  if (auto softmax = dyn_cast<SoftmaxOp>(op))
    return softmax.getType().getRank() >= 3 && softmax.getNormalizedAxis() >= 2;
  return false;
}

/// Ops that take a timestep mask of their input as their `mask` operand:
/// pooling, and the losses (Keras passes the model output's mask into the
/// loss), whose mask has the per-example shape, [batch, time] for
/// [batch, time, classes] inputs.
bool isMaskConsumer(Operation *op) {
  return isa<GlobalAvgPoolOp, GlobalMaxPoolOp, SparseSoftmaxCrossEntropyOp,
             SoftmaxCrossEntropyOp, SigmoidBinaryCrossEntropyOp,
             MeanSquaredErrorOp>(op);
}

/// Elementwise ops on tensors of one shape (arith on tensors, mask logic).
bool isElementwiseOnTensors(Operation *op) {
  if (!op->hasTrait<mlir::OpTrait::Elementwise>() || op->getNumResults() != 1)
    return false;
  auto type = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  return type && type.getRank() >= 2 &&
         llvm::all_of(op->getOperandTypes(), [&](Type t) {
           auto operand = dyn_cast<RankedTensorType>(t);
           return operand && operand.getShape() == type.getShape();
         });
}

struct NNPropagateMasksPass
    : mlir::nn::impl::NNPropagateMasksPassBase<NNPropagateMasksPass> {
  using Base::Base;

  /// What the analysis of one function found.
  struct Flow {
    /// Data value -> its timestep mask.
    DenseMap<Value, Value> maskOf;
    /// Data value from masked data whose mask was lost -> where.
    DenseMap<Value, Operation *> lostAt;
  };

  /// A call that passes masked data to a callee without mask arguments.
  struct ArgumentRequest {
    func::CallOp call;
    SmallVector<std::pair<unsigned, Value>> masks; // data operand, its mask
  };

  SmallVector<ArgumentRequest> argumentRequests;
  /// Private function -> data results it returns masked without a mask result.
  llvm::MapVector<func::FuncOp, llvm::SmallSetVector<unsigned, 2>>
      resultRequests;
  /// Public function whose masked result reaches a caller: to be cloned.
  llvm::SmallSetVector<func::FuncOp, 4> publicWithMaskedResults;
  bool changed = false;
  /// The nn.mask_and made for two masks that meet.
  DenseMap<std::pair<Value, Value>, Value> mergedMasks;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (int round = 0; round < 16; ++round) {
      changed = false;
      argumentRequests.clear();
      resultRequests.clear();
      publicWithMaskedResults.clear();
      for (func::FuncOp func : module.getOps<func::FuncOp>())
        if (!func.isExternal()) {
          Flow flow;
          computeFlow(func, Mode::Rewrite, flow);
        }
      applyRequests(module);
      if (!changed)
        break;
    }
    bool failedStrict = false;
    for (func::FuncOp func : module.getOps<func::FuncOp>())
      if (!func.isExternal()) {
        Flow flow;
        failedStrict |= computeFlow(func, Mode::Diagnose, flow);
      }
    if (failedStrict)
      signalPassFailure();
  }

  /// How computeFlow may act on what it finds.
  enum class Mode {
    /// Only compute the flow (no IR changes, no requests).
    Observe,
    /// Attach masks to consumers, merge masks, record requests.
    Rewrite,
    /// Rewrite, then report consumers whose mask was lost.
    Diagnose,
  };

  /// Computes which values of `func` carry a mask. Returns true on a strict
  /// mode error.
  bool computeFlow(func::FuncOp func, Mode mode, Flow &flow) {
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
      if (std::optional<unsigned> data = maskOfAttr(func.getArgAttrDict(i)))
        flow.maskOf[func.getArgument(*data)] = func.getArgument(i);

    bool error = false;
    DenseMap<Operation *, SmallVector<Value>> pendingIfMasks;
    func.walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (auto masking = dyn_cast<MaskingOp>(op)) {
        flow.maskOf[masking.getOutput()] = masking.getMask();
        return;
      }
      if (auto apply = dyn_cast<ApplyMaskOp>(op)) {
        flow.maskOf[apply.getOutput()] = apply.getMask();
        return;
      }
      if (auto embedding = dyn_cast<EmbeddingOp>(op)) {
        if (Value mask = embedding.getMask())
          flow.maskOf[embedding.getOutput()] = mask;
        return;
      }
      if (isMaskConsumer(op)) {
        if (mode != Mode::Observe)
          error |= consume(op, flow, mode == Mode::Diagnose);
        return;
      }
      if (auto call = dyn_cast<func::CallOp>(op)) {
        visitCall(call, flow, mode);
        return;
      }
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        if (mode != Mode::Observe)
          visitReturn(func, ret, flow);
        return;
      }
      if (auto loop = dyn_cast<scf::ForOp>(op)) {
        // Optimistically, a loop-carried value keeps the mask it enters
        // with; the yield confirms it (below) or the mask is lost.
        for (auto [init, arg] :
             llvm::zip(loop.getInitArgs(), loop.getRegionIterArgs()))
          transferValue(init, arg, flow);
        return;
      }
      if (auto yield = dyn_cast<scf::YieldOp>(op)) {
        visitYield(yield, flow, pendingIfMasks);
        return;
      }
      if (isa<scf::IfOp>(op))
        return; // Handled at its yields.
      if (preservesTimesteps(op)) {
        transfer(op, op->getOperand(0), flow);
        return;
      }
      if (isElementwiseOnTensors(op)) {
        visitElementwise(op, flow, mode);
        return;
      }
      // Anything else: a mask going in is lost here.
      markLost(op, op->getOperands(), flow);
    });
    return error;
  }

  void transfer(Operation *op, Value from, Flow &flow) {
    transferValue(from, op->getResult(0), flow);
  }

  void transferValue(Value from, Value to, Flow &flow) {
    if (Value mask = flow.maskOf.lookup(from))
      flow.maskOf[to] = mask;
    else if (Operation *lost = flow.lostAt.lookup(from))
      flow.lostAt[to] = lost;
  }

  /// scf.for: a yielded value keeps the mask only if it is the mask the
  /// loop-carried value entered with. scf.if: a result keeps a mask both
  /// branches yield. Otherwise the mask is lost at the loop / the if.
  void visitYield(scf::YieldOp yield, Flow &flow,
                  DenseMap<Operation *, SmallVector<Value>> &pendingIfMasks) {
    Operation *parent = yield->getParentOp();
    auto setResult = [&](unsigned i, Value mask, bool hadMask) {
      Value result = parent->getResult(i);
      if (mask)
        flow.maskOf[result] = mask;
      else if (hadMask)
        flow.lostAt[result] = parent;
    };
    if (auto loop = dyn_cast<scf::ForOp>(parent)) {
      for (auto [i, operand] : llvm::enumerate(yield.getOperands())) {
        Value carried = flow.maskOf.lookup(loop.getRegionIterArgs()[i]);
        Value yielded = flow.maskOf.lookup(operand);
        setResult(i, carried && carried == yielded ? carried : Value(),
                  carried || yielded || flow.lostAt.count(operand));
      }
      return;
    }
    auto ifOp = dyn_cast<scf::IfOp>(parent);
    if (!ifOp) {
      markLost(parent, yield.getOperands(), flow);
      return;
    }
    SmallVector<Value> masks = llvm::map_to_vector(
        yield.getOperands(), [&](Value v) { return flow.maskOf.lookup(v); });
    if (yield->getParentRegion() == &ifOp.getThenRegion()) {
      pendingIfMasks[ifOp] = masks;
      return;
    }
    SmallVector<Value> thenMasks = pendingIfMasks.lookup(ifOp);
    for (auto [i, mask] : llvm::enumerate(masks)) {
      Value other = i < thenMasks.size() ? thenMasks[i] : Value();
      setResult(i, mask && mask == other ? mask : Value(),
                mask || other || flow.lostAt.count(yield.getOperand(i)));
    }
  }

  void markLost(Operation *op, ValueRange inputs, Flow &flow) {
    Operation *lost = nullptr;
    for (Value input : inputs) {
      if (flow.maskOf.count(input))
        lost = op;
      else if (Operation *earlier = flow.lostAt.lookup(input); earlier && !lost)
        lost = earlier;
    }
    if (!lost)
      return;
    for (Value result : op->getResults())
      if (isa<RankedTensorType>(result.getType()) && !flow.maskOf.count(result))
        flow.lostAt[result] = lost;
  }

  /// Two different masks meet: Keras merges them with a logical and.
  void visitElementwise(Operation *op, Flow &flow, Mode mode) {
    SmallVector<Value> masks;
    for (Value operand : op->getOperands())
      if (Value mask = flow.maskOf.lookup(operand))
        if (!llvm::is_contained(masks, mask))
          masks.push_back(mask);
    if (masks.empty()) {
      markLost(op, op->getOperands(), flow); // Carries lost-ness along.
      return;
    }
    Value merged = masks.front();
    if (masks.size() > 1 && mode != Mode::Observe) {
      OpBuilder builder(op);
      for (Value other : llvm::drop_begin(masks)) {
        // Made once, whatever the number of rounds.
        Value &and_ = mergedMasks[{merged, other}];
        if (!and_)
          and_ = MaskAndOp::create(builder, op->getLoc(), merged, other);
        merged = and_;
      }
    }
    flow.maskOf[op->getResult(0)] = merged;
  }

  /// Gives a mask-consuming op its missing mask (the timestep mask of its
  /// input: the data of a pooling op, the logits or predictions of a loss).
  bool consume(Operation *op, Flow &flow, bool diagnose) {
    auto setOrCheck = [&](auto consumer) {
      if (consumer.getMask())
        return false;
      Value input = consumer.getInput();
      if (Value mask = flow.maskOf.lookup(input)) {
        // A loss takes a mask of its per-example shape: a timestep mask
        // fits [batch, time, classes] only.
        auto inputType = cast<RankedTensorType>(input.getType());
        ArrayRef<int64_t> maskShape =
            cast<RankedTensorType>(mask.getType()).getShape();
        if (isa<GlobalAvgPoolOp, GlobalMaxPoolOp>(op) ||
            maskShape == inputType.getShape().drop_back()) {
          consumer.getMaskMutable().assign(mask);
          changed = true;
          return false;
        }
        if (!diagnose)
          return false;
        InFlightDiagnostic diag = strict ? op->emitError() : op->emitWarning();
        diag << "the input carries a timestep mask of shape "
             << formatShape(maskShape)
             << ", which is not the loss's per-example shape "
             << formatShape(inputType.getShape().drop_back())
             << "; masked (padded) steps will be included";
        return static_cast<bool>(strict);
      }
      Operation *lost = flow.lostAt.lookup(input);
      if (!diagnose || !lost)
        return false;
      InFlightDiagnostic diag =
          strict ? op->emitError() : op->emitWarning();
      diag << "the input comes from masked data, but its timestep mask was "
              "lost at '"
           << lost->getName()
           << "'; masked (padded) steps will be included";
      diag.attachNote(lost->getLoc()) << "the mask was lost here";
      return static_cast<bool>(strict);
    };
    return llvm::TypeSwitch<Operation *, bool>(op)
        .Case<GlobalAvgPoolOp, GlobalMaxPoolOp, SparseSoftmaxCrossEntropyOp,
              SoftmaxCrossEntropyOp, SigmoidBinaryCrossEntropyOp,
              MeanSquaredErrorOp>(setOrCheck);
  }

  void visitCall(func::CallOp call, Flow &flow, Mode mode) {
    auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
        call, call.getCalleeAttr());
    if (!callee || callee.isExternal()) {
      markLost(call, call.getOperands(), flow);
      return;
    }
    // Masked data going in.
    ArgumentRequest request{call, {}};
    for (auto [index, operand] : llvm::enumerate(call.getOperands())) {
      Value mask = flow.maskOf.lookup(operand);
      if (!mask)
        continue;
      if (!maskArgumentFor(callee, index))
        request.masks.emplace_back(index, mask);
    }
    if (!request.masks.empty() && mode != Mode::Observe)
      argumentRequests.push_back(request);
    // Masks coming out.
    for (unsigned i = 0, e = callee.getNumResults(); i < e; ++i)
      if (std::optional<unsigned> data = maskOfAttr(callee.getResultAttrDict(i)))
        flow.maskOf[call.getResult(*data)] = call.getResult(i);
  }

  void visitReturn(func::FuncOp func, func::ReturnOp ret, Flow &flow) {
    for (auto [index, operand] : llvm::enumerate(ret.getOperands())) {
      if (!flow.maskOf.count(operand) || maskResultFor(func, index))
        continue;
      if (func.isPublic())
        publicWithMaskedResults.insert(func);
      else
        resultRequests[func].insert(index);
    }
  }

  //===--------------------------------------------------------------------===//
  // Rewrites
  //===--------------------------------------------------------------------===//

  void applyRequests(ModuleOp module) {
    SymbolTable symbols(module);
    // A public function's masked results reach callers in this module
    // through a private clone; the public signature stays.
    for (func::FuncOp func : publicWithMaskedResults) {
      SmallVector<func::CallOp> calls = callsTo(module, func);
      if (calls.empty())
        continue;
      func::FuncOp clone = cloneFunction(symbols, func, "with_masks");
      for (func::CallOp call : calls)
        call.setCallee(clone.getSymName());
      changed = true;
    }
    for (auto &[func, results] : resultRequests)
      addMaskResults(module, func, results.getArrayRef());
    for (ArgumentRequest &request : argumentRequests)
      addMaskArguments(module, symbols, request);
  }

  SmallVector<func::CallOp> callsTo(ModuleOp module, func::FuncOp func) {
    SmallVector<func::CallOp> calls;
    module.walk([&](func::CallOp call) {
      if (call.getCallee() == func.getSymName())
        calls.push_back(call);
    });
    return calls;
  }

  func::FuncOp cloneFunction(SymbolTable &symbols, func::FuncOp func,
                             StringRef suffix) {
    func::FuncOp clone = func.clone();
    clone.setPrivate();
    clone.setSymName((func.getSymName() + "__" + suffix).str());
    symbols.insert(clone, std::next(Block::iterator(func)));
    return clone;
  }

  /// Adds a mask result after the results of private `func` for each data
  /// result in `results`, returned by every return, and updates the calls.
  void addMaskResults(ModuleOp module, func::FuncOp func,
                      ArrayRef<unsigned> results) {
    // Every return must know the mask, or the request is dropped.
    SmallVector<func::ReturnOp> returns;
    func.walk([&](func::ReturnOp ret) { returns.push_back(ret); });
    DenseMap<Operation *, SmallVector<Value>> masks;
    Flow flow;
    computeFlow(func, Mode::Observe, flow);
    for (func::ReturnOp ret : returns)
      for (unsigned index : results) {
        Value mask = flow.maskOf.lookup(ret.getOperand(index));
        if (!mask)
          return;
        masks[ret].push_back(mask);
      }

    SmallVector<Type> types(func.getResultTypes());
    for (Value mask : masks[returns.front()])
      types.push_back(mask.getType());
    unsigned first = func.getNumResults();
    func.setType(FunctionType::get(func.getContext(), func.getArgumentTypes(),
                                   types));
    for (auto [offset, index] : llvm::enumerate(results))
      func.setResultAttr(first + offset, kMaskOfAttrName,
                         IntegerAttr::get(IntegerType::get(func.getContext(), 64),
                                          index));
    for (func::ReturnOp ret : returns)
      ret.getOperandsMutable().append(masks[ret]);

    for (func::CallOp call : callsTo(module, func)) {
      OpBuilder builder(call);
      auto replacement = func::CallOp::create(builder, call.getLoc(), func,
                                              call.getOperands());
      replacement->setDiscardableAttrs(call->getDiscardableAttrDictionary());
      call.replaceAllUsesWith(
          replacement.getResults().take_front(call.getNumResults()));
      call.erase();
    }
    changed = true;
  }

  /// Passes the masks of `request` to its callee as extra arguments: in
  /// place for a private callee with this single call, else to a private
  /// clone specialized for these masked arguments.
  void addMaskArguments(ModuleOp module, SymbolTable &symbols,
                        ArgumentRequest &request) {
    func::CallOp call = request.call;
    auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
    if (!callee)
      return;
    func::FuncOp target = callee;
    bool inPlace = callee.isPrivate() && callsTo(module, callee).size() == 1;
    if (!inPlace) {
      std::string suffix = "masked";
      for (auto &[index, mask] : request.masks)
        suffix += "_" + std::to_string(index);
      std::string name = (callee.getSymName() + "__" + suffix).str();
      target = symbols.lookup<func::FuncOp>(name);
      if (!target) {
        target = cloneFunction(symbols, callee, suffix);
        addArguments(target, request);
      }
    } else {
      addArguments(target, request);
    }
    SmallVector<Value> operands(call.getOperands());
    for (auto &[index, mask] : request.masks)
      operands.push_back(mask);
    OpBuilder builder(call);
    auto replacement =
        func::CallOp::create(builder, call.getLoc(), target, operands);
    replacement->setDiscardableAttrs(call->getDiscardableAttrDictionary());
    call.replaceAllUsesWith(replacement.getResults());
    call.erase();
    changed = true;
  }

  void addArguments(func::FuncOp func, ArgumentRequest &request) {
    for (auto &[index, mask] : request.masks) {
      unsigned position = func.getNumArguments();
      auto attrs = DictionaryAttr::get(
          func.getContext(),
          {NamedAttribute(
              StringAttr::get(func.getContext(), kMaskOfAttrName),
              IntegerAttr::get(IntegerType::get(func.getContext(), 64), index))});
      (void)func.insertArgument(position, mask.getType(), attrs, func.getLoc());
    }
  }
};

} // namespace
