//===- ExportActivations.cpp - intermediates as named results -------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Dialect/NN/Transforms/Passes.h"

#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNEXPORTACTIVATIONSPASS
#include "nn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

constexpr llvm::StringLiteral kExportAttrName = "nn.export";

bool isLayer(Operation *op) {
  return isa<DenseOp, ReluOp, GeluOp, TanhOp, SigmoidOp, SoftmaxOp, LayerNormOp,
             GlobalAvgPoolOp, GlobalMaxPoolOp, AttentionOp, DropoutOp,
             EmbeddingOp>(op);
}

struct NNExportActivationsPass
    : mlir::nn::impl::NNExportActivationsPassBase<NNExportActivationsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (func::FuncOp func :
         llvm::make_early_inc_range(module.getOps<func::FuncOp>()))
      if (!func.isExternal() && failed(exportFrom(module, func)))
        return signalPassFailure();
  }

  LogicalResult exportFrom(ModuleOp module, func::FuncOp func) {
    SmallVector<std::pair<Value, std::string>> exported;
    llvm::StringMap<unsigned> counters;
    WalkResult walk = func.walk([&](Operation *op) {
      auto name = op->getAttrOfType<StringAttr>(kExportAttrName);
      if (!name && !(allLayers && isLayer(op)))
        return WalkResult::advance();
      if (func.isPrivate()) {
        op->emitWarning() << "not exported: '" << func.getSymName()
                          << "' is private (inline it into a public function "
                             "first)";
        return WalkResult::advance();
      }
      if (op->getParentOp() != func.getOperation()) {
        op->emitError() << "cannot export a value defined inside a region";
        return WalkResult::interrupt();
      }
      std::string label;
      if (name) {
        label = name.getValue().str();
      } else {
        StringRef opName = op->getName().stripDialect();
        label = (opName + "_" + std::to_string(counters[opName]++)).str();
      }
      exported.emplace_back(op->getResult(0), label);
      op->removeAttr(kExportAttrName);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return failure();
    if (exported.empty())
      return success();

    unsigned first = func.getNumResults();
    SmallVector<Type> types(func.getResultTypes());
    for (auto &[value, name] : exported)
      types.push_back(value.getType());
    func.setType(
        FunctionType::get(func.getContext(), func.getArgumentTypes(), types));
    for (auto [offset, entry] : llvm::enumerate(exported))
      func.setResultAttr(first + offset, "nn.name",
                         StringAttr::get(func.getContext(), entry.second));
    SmallVector<Value> values =
        llvm::map_to_vector(exported, [](auto &entry) { return entry.first; });
    func.walk([&](func::ReturnOp ret) {
      ret.getOperandsMutable().append(values);
    });

    // Calls in the module see the new results too.
    SmallVector<func::CallOp> calls;
    module.walk([&](func::CallOp call) {
      if (call.getCallee() == func.getSymName())
        calls.push_back(call);
    });
    for (func::CallOp call : calls) {
      OpBuilder builder(call);
      auto replacement =
          func::CallOp::create(builder, call.getLoc(), func, call.getOperands());
      call.replaceAllUsesWith(
          replacement.getResults().take_front(call.getNumResults()));
      call.erase();
    }
    return success();
  }
};

} // namespace
