//===- Jacfwd.cpp - forward-mode Jacobians --------------------------------===//
//
// Part of the nn-mlir project.
//
// f_jacfwd is vmap(jvp(f)) over the standard basis, then each output
// tangent batch [n, out...] laid out as jax.jacfwd's [out..., in...]; with
// several wrt arguments, one such batched function per argument.
//
//===----------------------------------------------------------------------===//

#include "nn/FunctionTransforms/Passes.h"

#include "LoweredCopy.h"

#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNJACFWDPASS
#include "nn/FunctionTransforms/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// [n, out...] -> [out..., in...]: the tangents of the basis vectors are
/// the Jacobian's columns.
Value layOutJacobian(OpBuilder &b, Location loc, Value tangents,
                     RankedTensorType inType) {
  auto type = cast<RankedTensorType>(tangents.getType());
  int64_t outRank = type.getRank() - 1;
  Value columns = tangents;
  SmallVector<int64_t> shape(type.getShape().drop_front());
  if (outRank > 0) {
    SmallVector<int64_t> permutation;
    for (int64_t d = 1; d <= outRank; ++d)
      permutation.push_back(d);
    permutation.push_back(0);
    shape.push_back(type.getDimSize(0));
    Value init =
        tensor::EmptyOp::create(b, loc, shape, type.getElementType());
    columns = linalg::TransposeOp::create(b, loc, tangents, init, permutation)
                  ->getResult(0);
    shape.pop_back();
  }
  if (inType.getRank() == 1)
    return columns;
  SmallVector<ReassociationIndices> groups;
  for (int64_t d = 0; d < outRank; ++d)
    groups.push_back({d});
  ReassociationIndices last;
  for (int64_t d = 0; d < inType.getRank(); ++d)
    last.push_back(outRank + d);
  groups.push_back(last);
  llvm::append_range(shape, inType.getShape());
  return tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), columns,
      groups);
}

struct NNJacfwdPass : mlir::nn::impl::NNJacfwdPassBase<NNJacfwdPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto func = module.lookupSymbol<func::FuncOp>(function);
    if (failed(checkTransformable(module, func, function, "nn-jacfwd")))
      return signalPassFailure();
    FailureOr<SmallVector<unsigned>> wrtArgs =
        parseJacobianArguments(func, wrt, "nn-jacfwd");
    if (failed(wrtArgs))
      return signalPassFailure();
    unsigned numArgs = func.getNumArguments();
    unsigned numResults = func.getNumResults();

    // jvp then vmap on a private copy, under names nobody else uses.
    std::string helper = "__nn_jacfwd_" + function;
    std::string result = function + "_jacfwd";
    if (failed(checkSymbolsFree(
            module, {helper, helper + "_jvp", helper + "_jvp_vmap", result},
            "nn-jacfwd")))
      return signalPassFailure();

    // f_jacfwd(args) = layOut(tangent results of batched(args, basis)), one
    // batched function per wrt argument, inlined one after the other.
    OpBuilder b(&getContext());
    Location loc = func.getLoc();
    func::FuncOp jacfwd;
    // jacobians[k][r]: result r's Jacobian w.r.t. the k-th wrt argument.
    SmallVector<SmallVector<Value>> jacobians;
    for (unsigned wrtArg : *wrtArgs) {
      auto inType = cast<RankedTensorType>(func.getArgumentTypes()[wrtArg]);
      FailureOr<func::FuncOp> batched = buildBatchedJvp(func, helper, wrtArg);
      if (failed(batched))
        return signalPassFailure();
      if (!jacfwd) {
        b.setInsertionPointAfter(func);
        SmallVector<Type> argTypes(
            batched->getArgumentTypes().take_front(numArgs));
        // The result types follow from the Jacobians (setResults below).
        jacfwd = func::FuncOp::create(b, loc, result,
                                      b.getFunctionType(argTypes, {}));
        for (unsigned i = 0; i < numArgs; ++i)
          if (DictionaryAttr attrs = batched->getArgAttrDict(i))
            jacfwd.setArgAttrs(i, attrs);
        // Terminated from the start: the next argument's pipeline verifies
        // the module.
        b.setInsertionPointToStart(jacfwd.addEntryBlock());
        b.setInsertionPoint(func::ReturnOp::create(b, loc, ValueRange{}));
      }
      IRMapping mapping;
      for (unsigned i = 0; i < numArgs; ++i)
        mapping.map(batched->getArgument(i), jacfwd.getArgument(i));
      mapping.map(batched->getArgument(numArgs), buildBasis(b, loc, inType));
      Block &batchedBody = batched->getBody().front();
      for (Operation &op : batchedBody.without_terminator())
        b.clone(op, mapping);
      auto ret = cast<func::ReturnOp>(batchedBody.getTerminator());
      jacobians.push_back(llvm::map_to_vector(
          ret.getOperands().drop_front(numResults), [&](Value tangents) {
            return layOutJacobian(b, loc, mapping.lookup(tangents), inType);
          }));
      for (const std::string &name :
           {helper, helper + "_jvp", helper + "_jvp_vmap"})
        module.lookupSymbol(name)->erase();
    }
    // Nested as jax.jacfwd's argnums tuple: per result, per argument.
    SmallVector<Value> results;
    for (unsigned r = 0; r < numResults; ++r)
      for (ArrayRef<Value> perArgument : jacobians)
        results.push_back(perArgument[r]);
    // (The primal results, broadcast to the basis, become dead and go.)
    setResults(jacfwd, results);
  }

  /// `helper`, a copy of `func`, then its JVP w.r.t. `wrtArg` and that
  /// batched over the tangent: `helper_jvp_vmap(args, basis)`.
  FailureOr<func::FuncOp> buildBatchedJvp(func::FuncOp func, StringRef helper,
                                          unsigned wrtArg) {
    ModuleOp module = getOperation();
    func::FuncOp copy = func.clone();
    copy.setSymName(helper);
    SymbolTable(module).insert(copy);
    OpPassManager pipeline(ModuleOp::getOperationName());
    pipeline.addPass(createNNJvpPass(
        NNJvpPassOptions{helper.str(), {std::to_string(wrtArg)}}));
    // Primals shared, the tangent (after them) batched over the basis.
    SmallVector<std::string> inAxes(func.getNumArguments(), "none");
    inAxes.push_back("0");
    auto inType = cast<RankedTensorType>(func.getArgumentTypes()[wrtArg]);
    pipeline.addPass(createNNVmapPass(NNVmapPassOptions{
        helper.str() + "_jvp", inAxes, {}, inType.getNumElements()}));
    if (failed(runPipeline(pipeline, module)))
      return failure();
    return module.lookupSymbol<func::FuncOp>((helper + "_jvp_vmap").str());
  }

};

} // namespace
