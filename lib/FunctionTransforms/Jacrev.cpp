//===- Jacrev.cpp - reverse-mode Jacobians --------------------------------===//
//
// Part of the nn-mlir project.
//
// f_jacrev is vmap(vjp(f)) over the standard basis of each result's
// cotangent (the other results' cotangents zero): one row block of the
// Jacobians of every wrt argument per batched call, laid out as
// jax.jacrev's [out..., in...].
//
//===----------------------------------------------------------------------===//

#include "nn/FunctionTransforms/Passes.h"

#include "LoweredCopy.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNJACREVPASS
#include "nn/FunctionTransforms/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// [m, in...] (m = the result's size) -> [out..., in...].
Value layOutRows(OpBuilder &b, Location loc, Value rows,
                 RankedTensorType outType) {
  auto type = cast<RankedTensorType>(rows.getType());
  SmallVector<int64_t> shape(outType.getShape());
  llvm::append_range(shape, type.getShape().drop_front());
  auto result = RankedTensorType::get(shape, type.getElementType());
  int64_t inRank = type.getRank() - 1;
  if (outType.getRank() == 1)
    return rows;
  SmallVector<ReassociationIndices> groups;
  if (outType.getRank() == 0) {
    // [1, in...] -> [in...]: the unit row joins the first input dim.
    groups.push_back({0, 1});
    for (int64_t d = 1; d < inRank; ++d)
      groups.push_back({d + 1});
    return tensor::CollapseShapeOp::create(b, loc, result, rows, groups);
  }
  ReassociationIndices first;
  for (int64_t d = 0; d < outType.getRank(); ++d)
    first.push_back(d);
  groups.push_back(first);
  for (int64_t d = 0; d < inRank; ++d)
    groups.push_back({outType.getRank() + d});
  return tensor::ExpandShapeOp::create(b, loc, result, rows, groups);
}

struct NNJacrevPass : mlir::nn::impl::NNJacrevPassBase<NNJacrevPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto func = module.lookupSymbol<func::FuncOp>(function);
    if (failed(checkTransformable(module, func, function, "nn-jacrev")))
      return signalPassFailure();
    FailureOr<SmallVector<unsigned>> wrtArgs =
        parseJacobianArguments(func, wrt, "nn-jacrev");
    if (failed(wrtArgs))
      return signalPassFailure();
    unsigned numArgs = func.getNumArguments();
    unsigned numResults = func.getNumResults();
    std::string helper = "__nn_jacrev_" + function;
    std::string result = function + "_jacrev";
    if (failed(checkSymbolsFree(module, {helper, helper + "_vjp", result},
                                "nn-jacrev")))
      return signalPassFailure();

    // The VJP with respect to every wrt argument, once.
    func::FuncOp copy = func.clone();
    copy.setSymName(helper);
    SymbolTable(module).insert(copy);
    OpPassManager vjp(ModuleOp::getOperationName());
    SmallVector<std::string> wrtNames = llvm::map_to_vector(
        *wrtArgs, [](unsigned i) { return std::to_string(i); });
    vjp.addPass(createNNVjpPass(NNVjpPassOptions{helper, wrtNames}));
    if (failed(runPipeline(vjp, module)))
      return signalPassFailure();

    OpBuilder b(&getContext());
    Location loc = func.getLoc();
    b.setInsertionPointAfter(func);
    auto jacrev = func::FuncOp::create(
        b, loc, result, b.getFunctionType(func.getArgumentTypes(), {}));
    auto vjpFunc = module.lookupSymbol<func::FuncOp>(helper + "_vjp");
    for (unsigned i = 0; i < numArgs; ++i)
      if (DictionaryAttr attrs = vjpFunc.getArgAttrDict(i))
        jacrev.setArgAttrs(i, attrs);
    b.setInsertionPointToStart(jacrev.addEntryBlock());
    b.setInsertionPoint(func::ReturnOp::create(b, loc, ValueRange{}));

    // jacobians[r][k]: result r's Jacobian w.r.t. the k-th wrt argument.
    SmallVector<SmallVector<Value>> jacobians;
    for (unsigned r = 0; r < numResults; ++r) {
      auto outType = cast<RankedTensorType>(func.getResultTypes()[r]);
      int64_t rows = outType.getNumElements();
      // Primals and the other cotangents shared, result r's batched.
      SmallVector<std::string> inAxes(numArgs + numResults, "none");
      inAxes[numArgs + r] = "0";
      std::string batchedName = helper + "_vjp_vmap";
      OpPassManager vmap(ModuleOp::getOperationName());
      vmap.addPass(createNNVmapPass(
          NNVmapPassOptions{helper + "_vjp", inAxes, {}, rows}));
      if (failed(runPipeline(vmap, module)))
        return signalPassFailure();
      auto batched = module.lookupSymbol<func::FuncOp>(batchedName);
      IRMapping mapping;
      for (unsigned i = 0; i < numArgs; ++i)
        mapping.map(batched.getArgument(i), jacrev.getArgument(i));
      for (unsigned s = 0; s < numResults; ++s) {
        Value cotangent;
        auto sType = cast<RankedTensorType>(func.getResultTypes()[s]);
        if (s == r) {
          cotangent = buildBasis(b, loc, sType);
        } else {
          Value zero = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0));
          Value empty = tensor::EmptyOp::create(b, loc, sType.getShape(),
                                                sType.getElementType());
          cotangent = linalg::FillOp::create(b, loc, zero, empty).getResult(0);
        }
        mapping.map(batched.getArgument(numArgs + s), cotangent);
      }
      Block &body = batched.getBody().front();
      for (Operation &op : body.without_terminator())
        b.clone(op, mapping);
      auto ret = cast<func::ReturnOp>(body.getTerminator());
      jacobians.push_back(llvm::map_to_vector(
          ret.getOperands().drop_front(numResults), [&](Value rowBlock) {
            return layOutRows(b, loc, mapping.lookup(rowBlock), outType);
          }));
      batched.erase();
    }
    for (const std::string &name : {helper, helper + "_vjp"})
      module.lookupSymbol(name)->erase();
    // Nested as jax.jacrev's argnums tuple: per result, per argument.
    SmallVector<Value> results;
    for (ArrayRef<Value> perResult : jacobians)
      llvm::append_range(results, perResult);
    setResults(jacrev, results);
  }
};

} // namespace
