//===- Residuals.cpp - what a reverse function keeps ----------------------===//
//
// Part of the nn-mlir project.
//
// A reverse function computes its forward part, then its backward part,
// which reads forward values: the residuals. Which ones it keeps is a
// policy (jax.checkpoint's): the others are recomputed in the backward
// part from kept values and arguments, trading compute for memory.
//
//===----------------------------------------------------------------------===//

#include "Reverse.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Bytes of a value of `type` in a buffer (i1 takes a byte).
int64_t byteSize(Type type) {
  Type element = getElementTypeOrSelf(type);
  int64_t bits = element.isIndex()        ? 64
                 : element.isIntOrFloat() ? element.getIntOrFloatBitWidth()
                                          : 0;
  int64_t count = 1;
  if (auto shaped = dyn_cast<ShapedType>(type))
    count = shaped.hasStaticShape() ? shaped.getNumElements() : 0;
  return count * ((bits + 7) / 8);
}

/// Calls `read` with each value `op` reads. A backward generic clones the
/// whole forward body and is given every forward input, but reads only
/// what its yielded values depend on (the rest is dead code, erased later).
void forEachRead(Operation *op, function_ref<void(Value)> read) {
  auto generic = dyn_cast<linalg::GenericOp>(op);
  if (!generic) {
    op->walk([&](Operation *inner) {
      for (Value v : inner->getOperands())
        read(v);
    });
    return;
  }
  Block &body = generic.getRegion().front();
  SmallVector<Value> worklist(body.getTerminator()->getOperands());
  DenseSet<Value> seen;
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    if (!seen.insert(v).second)
      continue;
    if (auto arg = dyn_cast<BlockArgument>(v); arg && arg.getOwner() == &body) {
      read(generic->getOperand(arg.getArgNumber()));
      continue;
    }
    Operation *def = v.getDefiningOp();
    if (!def || !generic->isProperAncestor(def)) {
      read(v);
      continue;
    }
    def->walk([&](Operation *inner) {
      llvm::append_range(worklist, inner->getOperands());
    });
  }
}

/// Values computed from the arguments differ from call to call; the others
/// (constants, their fills and broadcasts) are the same for every call.
DenseSet<Value> varyingValues(func::FuncOp reverse,
                              const DenseSet<Operation *> &forward) {
  DenseSet<Value> varying(reverse.getArguments().begin(),
                          reverse.getArguments().end());
  for (Operation &op : reverse.getBody().front().without_terminator()) {
    if (!forward.contains(&op))
      continue;
    bool fromArguments = false;
    op.walk([&](Operation *inner) {
      fromArguments |= llvm::any_of(
          inner->getOperands(), [&](Value v) { return varying.contains(v); });
    });
    if (fromArguments)
      varying.insert(op.getResults().begin(), op.getResults().end());
  }
  return varying;
}

/// Whether `policy` keeps the results of `op`, a forward op.
bool isSaveable(Operation *op, RematPolicy policy) {
  switch (policy) {
  case RematPolicy::EverythingSaveable:
    return true;
  case RematPolicy::NothingSaveable:
    return false;
  case RematPolicy::DotsSaveable:
    // A sum of products over a reduction loop: a matmul's generic form.
    auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
    return linalgOp && linalg::isaContractionOpInterface(linalgOp);
  }
  llvm_unreachable("unknown policy");
}

/// The values of `block` that `op` reads, itself or in its regions.
SetVector<Value> readsFrom(Operation *op, Block *block) {
  SetVector<Value> reads;
  op->walk([&](Operation *inner) {
    for (Value v : inner->getOperands())
      if (v.getParentBlock() == block)
        reads.insert(v);
  });
  return reads;
}

} // namespace

FailureOr<RematPolicy> mlir::nn::parseRematPolicy(func::FuncOp func,
                                                  StringRef value,
                                                  StringRef passName) {
  if (value == "everything_saveable")
    return RematPolicy::EverythingSaveable;
  if (value == "dots_saveable")
    return RematPolicy::DotsSaveable;
  if (value == "nothing_saveable")
    return RematPolicy::NothingSaveable;
  return func.emitError() << passName << ": unknown remat policy '" << value
                          << "' (everything_saveable, dots_saveable or "
                             "nothing_saveable, as jax.checkpoint_policies)";
}

Residuals mlir::nn::findResiduals(func::FuncOp reverse,
                        const DenseSet<Operation *> &forward) {
  Block &body = reverse.getBody().front();
  DenseSet<Value> read;
  llvm::SmallSetVector<unsigned, 8> arguments;
  for (Operation &op : body.without_terminator()) {
    if (forward.contains(&op))
      continue;
    forEachRead(&op, [&](Value v) {
      if (v.getParentBlock() != &body)
        return;
      if (auto arg = dyn_cast<BlockArgument>(v))
        arguments.insert(arg.getArgNumber());
      else
        read.insert(v);
    });
  }
  DenseSet<Value> varying = varyingValues(reverse, forward);
  Residuals residuals;
  for (Operation &op : body.without_terminator()) {
    if (!forward.contains(&op))
      continue;
    for (Value result : op.getResults()) {
      if (varying.contains(result) && read.contains(result)) {
        residuals.values.push_back(result);
        residuals.bytes += byteSize(result.getType());
      }
    }
  }
  residuals.arguments = llvm::to_vector(arguments);
  llvm::sort(residuals.arguments);
  return residuals;
}

void mlir::nn::emitResidualRemark(func::FuncOp func, StringRef passName, StringRef name,
                        const Residuals &residuals) {
  size_t n = residuals.values.size();
  // At the function's location, without the function printed after it.
  InFlightDiagnostic remark = mlir::emitRemark(func.getLoc())
                              << passName << ": @" << name << " keeps " << n
                              << " forward value" << (n == 1 ? "" : "s")
                              << " for the backward pass: " << residuals.bytes
                              << " bytes per call";
  if (!residuals.arguments.empty()) {
    remark << " (it also reads argument"
           << (residuals.arguments.size() == 1 ? " " : "s ");
    llvm::interleaveComma(residuals.arguments, remark);
    remark << ", which the caller holds)";
  }
  for (Value v : residuals.values)
    remark.attachNote(v.getLoc())
        << "residual " << v.getType() << ", " << byteSize(v.getType())
        << " bytes: result " << cast<OpResult>(v).getResultNumber() << " of '"
        << v.getDefiningOp()->getName() << "'";
}

void mlir::nn::rematerialize(func::FuncOp reverse,
                             const DenseSet<Operation *> &forward,
                             RematPolicy policy) {
  Block &body = reverse.getBody().front();
  DenseSet<Value> varying = varyingValues(reverse, forward);
  // Forward value -> its recomputation in the backward part (and the
  // values of cloned regions, which nothing else looks up).
  IRMapping recomputed;
  OpBuilder b(reverse.getContext());
  std::function<Value(Value)> recompute = [&](Value v) -> Value {
    if (Value done = recomputed.lookupOrNull(v))
      return done;
    Operation *def = v.getDefiningOp();
    // Arguments, constants, kept values, and ops with effects (none are
    // expected on tensors) are read as they are.
    if (!def || !forward.contains(def) || !varying.contains(v) ||
        isSaveable(def, policy) || !isMemoryEffectFree(def))
      return v;
    for (Value operand : readsFrom(def, &body))
      recompute(operand);
    b.clone(*def, recomputed);
    return recomputed.lookup(v);
  };
  for (Operation &op : llvm::make_early_inc_range(body.without_terminator())) {
    if (forward.contains(&op))
      continue;
    b.setInsertionPoint(&op);
    for (Value v : readsFrom(&op, &body)) {
      Value again = recompute(v);
      if (again != v)
        v.replaceUsesWithIf(again, [&](OpOperand &use) {
          return op.isAncestor(use.getOwner());
        });
    }
  }
  // Forward ops only the backward part read are dead now.
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
    if (forward.contains(&op) && isOpTriviallyDead(&op))
      op.erase();
}
