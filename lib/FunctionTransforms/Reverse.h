//===- Reverse.h - reverse mode shared by its passes ------------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// What nn-vjp, nn-value-and-grad and nn-train-step share: building a
// reverse function, the residuals its backward part reads from its forward
// part, and the rematerialization policy that chooses them.
//
//===----------------------------------------------------------------------===//

#ifndef NN_LIB_FUNCTIONTRANSFORMS_REVERSE_H
#define NN_LIB_FUNCTIONTRANSFORMS_REVERSE_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/DenseSet.h"

#include <string>

namespace mlir::nn {

/// jax.checkpoint's policies: which forward values the backward part keeps
/// (saves) and which it recomputes from kept values and arguments.
enum class RematPolicy {
  /// Every forward value the backward part reads is kept (the default).
  EverythingSaveable,
  /// Only contractions' results (matmuls, dense layers) are kept;
  /// elementwise ops and other reductions are recomputed from them.
  DotsSaveable,
  /// Everything is recomputed from the arguments.
  NothingSaveable,
};

/// `value` (JAX's names: everything_saveable, dots_saveable,
/// nothing_saveable) as a policy; an error at `func` names `passName`.
FailureOr<RematPolicy> parseRematPolicy(func::FuncOp func, StringRef value,
                                        StringRef passName);

/// What the backward part of a reverse function reads from its forward
/// part: the values a forward op computes from the arguments that a
/// backward op reads, so they live from one part to the other and differ
/// per call. Arguments are not residuals (the caller holds them), nor are
/// values computed from constants alone.
struct Residuals {
  /// In the order the forward part computes them.
  SmallVector<Value> values;
  /// Arguments the backward part reads.
  SmallVector<unsigned> arguments;
  int64_t bytes = 0;
};

/// The residuals of `reverse`, whose ops in `forward` are its forward part.
Residuals findResiduals(func::FuncOp reverse,
                        const DenseSet<Operation *> &forward);

/// Makes the backward part of `reverse` (the ops not in `forward`) recompute
/// the forward values `policy` does not keep, each just before the first
/// backward op that reads it, from kept values and arguments; the forward
/// ops only the backward part read are erased.
void rematerialize(func::FuncOp reverse, const DenseSet<Operation *> &forward,
                   RematPolicy policy);

/// The remark of `report-residuals`, at `func` (the user's function), with
/// a note at each residual's op.
void emitResidualRemark(func::FuncOp func, StringRef passName, StringRef name,
                        const Residuals &residuals);

using PipelineRunner =
    function_ref<LogicalResult(OpPassManager &, Operation *)>;

/// Adds `name`, jax.value_and_grad of `func` as a lowered copy: `func`'s
/// results (a scalar f32 value first, then auxiliary results that are not
/// differentiated) followed by the gradients of the value with respect to
/// the `wrt` arguments. `residuals`, if given, receives what the backward
/// part keeps under `policy`.
LogicalResult buildValueAndGrad(ModuleOp module, func::FuncOp func,
                                StringRef name, ArrayRef<unsigned> wrt,
                                PipelineRunner runPipeline, RematPolicy policy,
                                Residuals *residuals = nullptr);

/// An elementwise generic of `type` over `inputs` (all of that shape):
/// `body` maps their scalars to the result's.
Value buildElementwise(
    OpBuilder &b, Location loc, RankedTensorType type, ValueRange inputs,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body);

/// `value` as a user writes it (0.5, -1, 1e-08).
std::string shortest(double value);

} // namespace mlir::nn

#endif // NN_LIB_FUNCTIONTRANSFORMS_REVERSE_H
