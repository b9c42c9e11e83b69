//===- LoweredCopy.cpp - a function's copy on linalg generics -------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "LoweredCopy.h"

#include "nn/Conversion/Passes.h"
#include "nn/Dialect/NN/IR/NNOps.h"
#include "nn/Dialect/NN/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/Inliner.h"
#include "mlir/Transforms/InliningUtils.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;
using namespace mlir::nn;

BoundaryKind mlir::nn::getBoundaryKind(Type type) {
  Type element = getElementTypeOrSelf(type);
  if (isa<KeyType>(element))
    return BoundaryKind::Key;
  if (element.isInteger(1))
    return BoundaryKind::Mask;
  return BoundaryKind::Data;
}

void mlir::nn::setResults(func::FuncOp func, ValueRange results) {
  Block &body = func.getBody().front();
  body.getTerminator()->setOperands(results);
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
    if (isOpTriviallyDead(&op))
      op.erase();
  func.setType(FunctionType::get(func.getContext(), body.getArgumentTypes(),
                                 results.getTypes()));
}

LogicalResult mlir::nn::checkTransformable(ModuleOp module, func::FuncOp func,
                                           StringRef name, StringRef passName) {
  if (!func || func.isExternal())
    return module.emitError() << passName << ": no function '" << name << "'";
  WalkResult calls = func.walk([&](func::CallOp call) {
    auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
        call, call.getCalleeAttr());
    if (callee && !callee.isExternal())
      return WalkResult::advance();
    call.emitError() << passName << ": cannot transform a call of '"
                     << call.getCallee() << "', which has no body";
    return WalkResult::interrupt();
  });
  return failure(calls.wasInterrupted());
}

/// Inlines the calls of `func` (transitively), so that a program written as
/// nested functions is transformed like the flat one.
static LogicalResult inlineCalls(func::FuncOp func) {
  InlinerInterface interface(func.getContext());
  InlinerConfig config;
  // Deeper than this, the callees call each other.
  constexpr unsigned kMaxDepth = 64;
  for (unsigned depth = 0;; ++depth) {
    SmallVector<func::CallOp> calls;
    func.walk([&](func::CallOp call) { calls.push_back(call); });
    if (calls.empty())
      return success();
    if (depth == kMaxDepth)
      return calls.front().emitError()
             << "calls nest deeper than " << kMaxDepth
             << " levels (a recursive function cannot be transformed)";
    for (func::CallOp call : calls) {
      auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
          call, call.getCalleeAttr());
      if (!callee || callee.isExternal() ||
          failed(inlineCall(interface, config.getCloneCallback(), call,
                            callee, &callee.getBody())))
        return call.emitError()
               << "cannot inline the call of '" << call.getCallee() << "'";
      call.erase();
    }
  }
}

LogicalResult mlir::nn::checkSymbolsFree(ModuleOp module,
                                         ArrayRef<std::string> names,
                                         StringRef passName) {
  for (const std::string &name : names)
    if (module.lookupSymbol(name))
      return module.emitError() << passName
                                << ": the module already has a symbol '"
                                << name << "'";
  return success();
}

/// `wrt` as distinct indices of arguments of `func`.
static FailureOr<SmallVector<unsigned>>
parseIndices(func::FuncOp func, ArrayRef<std::string> wrt, StringRef passName,
             StringRef example) {
  SmallVector<unsigned> indices;
  for (StringRef entry : wrt) {
    unsigned i;
    if (entry.getAsInteger(10, i))
      return func.emitError() << passName << ": wrt entry '" << entry
                              << "' is not an argument index (e.g. wrt="
                              << example << ")";
    if (llvm::is_contained(indices, i))
      return func.emitError()
             << passName << ": argument " << i << " is listed twice in wrt";
    unsigned n = func.getNumArguments();
    if (i >= n)
      return func.emitError()
             << passName << ": argument " << i << " does not exist (@"
             << func.getSymName() << " has " << n << " argument"
             << (n == 1 ? "" : "s") << ")";
    indices.push_back(i);
  }
  return indices;
}

/// Why a value of `type` has no derivative (a key, a mask), or "".
static StringRef notDifferentiable(Type type) {
  switch (getBoundaryKind(type)) {
  case BoundaryKind::Key:
    return ": it is a key";
  case BoundaryKind::Mask:
    return ": it is a mask";
  case BoundaryKind::Data:
    return "";
  }
  llvm_unreachable("unknown boundary kind");
}

FailureOr<SmallVector<unsigned>>
mlir::nn::parseWrtArguments(func::FuncOp func, ArrayRef<std::string> wrt,
                            StringRef passName) {
  FailureOr<SmallVector<unsigned>> parsed =
      parseIndices(func, wrt, passName, "0,2");
  if (failed(parsed))
    return failure();
  SmallVector<unsigned> arguments = std::move(*parsed);
  if (arguments.empty())
    for (auto [i, type] : llvm::enumerate(func.getArgumentTypes()))
      if (auto tensor = dyn_cast<RankedTensorType>(type);
          tensor && tensor.getElementType().isF32())
        arguments.push_back(i);
  for (unsigned i : arguments) {
    Type type = func.getArgumentTypes()[i];
    StringRef why = notDifferentiable(type);
    if (!why.empty())
      return func.emitError()
             << passName << ": cannot differentiate with respect to argument "
             << i << why << " (" << type << ")";
    if (!getElementTypeOrSelf(type).isF32())
      return func.emitError()
             << passName << ": cannot differentiate with respect to argument "
             << i << " of type " << type;
  }
  return arguments;
}

FailureOr<SmallVector<unsigned>>
mlir::nn::parseJacobianArguments(func::FuncOp func, ArrayRef<std::string> wrt,
                                 StringRef passName) {
  FailureOr<SmallVector<unsigned>> parsed =
      parseIndices(func, wrt, passName, "1,2");
  if (failed(parsed))
    return failure();
  SmallVector<unsigned> arguments = std::move(*parsed);
  if (arguments.empty())
    arguments.push_back(0);
  for (unsigned i : arguments) {
    Type type = func.getArgumentTypes()[i];
    StringRef what = notDifferentiable(type);
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !tensor.hasStaticShape() || tensor.getRank() == 0 ||
        !tensor.getElementType().isF32())
      return func.emitError()
             << passName << ": cannot differentiate with respect to argument "
             << i << " (" << type << ")" << what
             << "; it must be an f32 tensor of static shape and rank >= 1";
  }
  for (auto [i, result] : llvm::enumerate(func.getResultTypes())) {
    auto out = dyn_cast<RankedTensorType>(result);
    if (!out || !out.hasStaticShape() || !out.getElementType().isF32())
      return func.emitError()
             << passName << ": result " << i << " (" << result
             << ") has no Jacobian; results must be f32 tensors of static "
                "shape";
  }
  return arguments;
}

Value mlir::nn::buildBasis(OpBuilder &b, Location loc, RankedTensorType inType) {
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
               // A scalar's space has the one basis vector [1].
               Value linear =
                   inType.getRank() == 0
                       ? arith::ConstantIndexOp::create(nb, l, 0).getResult()
                       : linalg::IndexOp::create(nb, l, 1).getResult();
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


FailureOr<func::FuncOp> mlir::nn::insertLoweredCopy(
    ModuleOp module, func::FuncOp func, StringRef name,
    function_ref<LogicalResult(OpPassManager &, Operation *)> runPipeline) {
  func::FuncOp copy = func.clone();
  copy.setSymName(name);
  copy.setPublic();
  SymbolTable(module).insert(copy);
  if (failed(inlineCalls(copy)))
    return failure();
  // Masks reach their consumers before nn ops are lowered, as in the
  // compile pipeline: otherwise the copy would compute (and differentiate)
  // a masked model without its masks.
  OpPassManager masks(ModuleOp::getOperationName());
  masks.addPass(createNNPropagateMasksPass());
  if (failed(runPipeline(masks, module)))
    return failure();
  OpPassManager lower(func::FuncOp::getOperationName());
  lower.addPass(createConvertNNToLinalgPass());
  // Elementwise arith / math ops on tensors written beside nn ops.
  lower.addPass(createConvertElementwiseToLinalgPass());
  lower.addPass(createLinalgGeneralizeNamedOpsPass());
  if (failed(runPipeline(lower, copy)))
    return failure();
  MLIRContext *ctx = module.getContext();
  // Keys and masks keep their meaning at the boundary: lowered to i32 words
  // and bytes, they are marked, arguments and results alike.
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes())) {
    if (getBoundaryKind(type) == BoundaryKind::Key)
      copy.setArgAttr(i, "nn.key", UnitAttr::get(ctx));
    else if (getBoundaryKind(type) == BoundaryKind::Mask)
      copy.setArgAttr(i, "nn.mask", UnitAttr::get(ctx));
  }
  for (auto [i, type] : llvm::enumerate(func.getResultTypes())) {
    if (getBoundaryKind(type) == BoundaryKind::Key)
      copy.setResultAttr(i, "nn.key", UnitAttr::get(ctx));
    else if (getBoundaryKind(type) == BoundaryKind::Mask)
      copy.setResultAttr(i, "nn.mask", UnitAttr::get(ctx));
  }
  return copy;
}
