//===- Jacfwd.cpp - forward-mode Jacobians --------------------------------===//
//
// Part of the nn-mlir project.
//
// f_jacfwd is vmap(jvp(f)) over the standard basis, then each output
// tangent batch [n, out...] laid out as jax.jacfwd's [out..., in...].
//
//===----------------------------------------------------------------------===//

#include "nn/Dialect/NN/Transforms/Passes.h"

#include "LoweredCopy.h"

#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNJACFWDPASS
#include "nn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// The standard basis of the space of `inType`, stacked: [n, in...] with
/// basis[k, i...] = (linear(i...) == k).
Value buildBasis(OpBuilder &b, Location loc, RankedTensorType inType) {
  int64_t n = inType.getNumElements();
  SmallVector<int64_t> shape = {n};
  llvm::append_range(shape, inType.getShape());
  auto type = RankedTensorType::get(shape, inType.getElementType());
  Value empty =
      tensor::EmptyOp::create(b, loc, shape, inType.getElementType());
  SmallVector<utils::IteratorType> iterators(shape.size(),
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, type, ValueRange{}, empty,
             {b.getMultiDimIdentityMap(shape.size())}, iterators,
             [&](OpBuilder &nb, Location l, ValueRange) {
               Value linear = linalg::IndexOp::create(nb, l, 1);
               for (int64_t d = 1; d < inType.getRank(); ++d) {
                 Value extent = arith::ConstantIndexOp::create(
                     nb, l, inType.getDimSize(d));
                 linear = arith::AddIOp::create(
                     nb, l, arith::MulIOp::create(nb, l, linear, extent),
                     linalg::IndexOp::create(nb, l, d + 1));
               }
               Value row = linalg::IndexOp::create(nb, l, 0);
               Value isOne = arith::CmpIOp::create(
                   nb, l, arith::CmpIPredicate::eq, linear, row);
               Value one = arith::ConstantOp::create(
                   nb, l, nb.getFloatAttr(inType.getElementType(), 1.0));
               Value zero = arith::ConstantOp::create(
                   nb, l, nb.getFloatAttr(inType.getElementType(), 0.0));
               linalg::YieldOp::create(
                   nb, l, ValueRange{arith::SelectOp::create(nb, l, isOne,
                                                             one, zero)});
             })
      .getResult(0);
}

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
    if (failed(checkSignature(func)))
      return signalPassFailure();
    auto inType = cast<RankedTensorType>(func.getArgumentTypes()[wrt]);
    unsigned numArgs = func.getNumArguments();
    unsigned numResults = func.getNumResults();

    // jvp then vmap on a private copy, under names nobody else uses.
    std::string helper = "__nn_jacfwd_" + function;
    std::string result = function + "_jacfwd";
    for (const std::string &name :
         {helper, helper + "_jvp", helper + "_jvp_vmap", result})
      if (module.lookupSymbol(name)) {
        module.emitError() << "nn-jacfwd: the module already has a symbol '"
                           << name << "'";
        return signalPassFailure();
      }
    func::FuncOp copy = func.clone();
    copy.setSymName(helper);
    SymbolTable(module).insert(copy);
    OpPassManager pipeline(ModuleOp::getOperationName());
    pipeline.addPass(createNNJvpPass(NNJvpPassOptions{helper, {wrt}}));
    // Primals shared, the tangent (after them) batched over the basis.
    SmallVector<std::string> inAxes(numArgs, "none");
    inAxes.push_back("0");
    pipeline.addPass(createNNVmapPass(
        NNVmapPassOptions{helper + "_jvp", inAxes, {}, inType.getNumElements()}));
    if (failed(runPipeline(pipeline, module)))
      return signalPassFailure();
    auto batched = module.lookupSymbol<func::FuncOp>(helper + "_jvp_vmap");

    // f_jacfwd(args) = layOut(tangent results of batched(args, basis)).
    OpBuilder b(&getContext());
    b.setInsertionPointAfter(func);
    Location loc = func.getLoc();
    SmallVector<Type> argTypes(
        batched.getArgumentTypes().take_front(numArgs));
    // The result types follow from the Jacobians (setResults below).
    auto jacfwd = func::FuncOp::create(b, loc, result,
                                       b.getFunctionType(argTypes, {}));
    for (unsigned i = 0; i < numArgs; ++i)
      if (DictionaryAttr attrs = batched.getArgAttrDict(i))
        jacfwd.setArgAttrs(i, attrs);
    Block *body = jacfwd.addEntryBlock();
    b.setInsertionPointToStart(body);
    IRMapping mapping;
    for (unsigned i = 0; i < numArgs; ++i)
      mapping.map(batched.getArgument(i), jacfwd.getArgument(i));
    mapping.map(batched.getArgument(numArgs), buildBasis(b, loc, inType));
    Block &batchedBody = batched.getBody().front();
    for (Operation &op : batchedBody.without_terminator())
      b.clone(op, mapping);
    SmallVector<Value> jacobians;
    auto ret = cast<func::ReturnOp>(batchedBody.getTerminator());
    for (Value tangents : ret.getOperands().drop_front(numResults))
      jacobians.push_back(
          layOutJacobian(b, loc, mapping.lookup(tangents), inType));
    // (The primal results, broadcast to the basis, become dead and go.)
    func::ReturnOp::create(b, loc, ValueRange{});
    setResults(jacfwd, jacobians);
    for (const std::string &name : {helper, helper + "_jvp", helper + "_jvp_vmap"})
      module.lookupSymbol(name)->erase();
  }

  LogicalResult checkSignature(func::FuncOp func) {
    if (wrt >= func.getNumArguments())
      return func.emitError()
             << "nn-jacfwd: argument " << static_cast<unsigned>(wrt)
             << " does not exist";
    Type type = func.getArgumentTypes()[wrt];
    StringRef what;
    if (getBoundaryKind(type) == BoundaryKind::Key)
      what = ": it is a key";
    else if (getBoundaryKind(type) == BoundaryKind::Mask)
      what = ": it is a mask";
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !tensor.hasStaticShape() || tensor.getRank() == 0 ||
        !tensor.getElementType().isF32())
      return func.emitError()
             << "nn-jacfwd: cannot differentiate with respect to argument "
             << static_cast<unsigned>(wrt) << " (" << type << ")" << what
             << "; it must be an f32 tensor of static shape and rank >= 1";
    for (auto [i, result] : llvm::enumerate(func.getResultTypes())) {
      auto out = dyn_cast<RankedTensorType>(result);
      if (!out || !out.hasStaticShape() || !out.getElementType().isF32())
        return func.emitError()
               << "nn-jacfwd: result " << i << " (" << result
               << ") has no Jacobian; results must be f32 tensors of static "
                  "shape";
    }
    return success();
  }
};

} // namespace
