//===- LoweredCopy.h - a function's copy on linalg generics -----*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_LIB_FUNCTIONTRANSFORMS_LOWEREDCOPY_H
#define NN_LIB_FUNCTIONTRANSFORMS_LOWEREDCOPY_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::nn {

/// What a value of `type` is at a function boundary: a key (or key array),
/// a mask (i1), or data. Keys and masks are never differentiated.
enum class BoundaryKind { Data, Mask, Key };
BoundaryKind getBoundaryKind(Type type);

/// Makes `results` what `func` returns (replacing its terminator's
/// operands), erases the ops that became dead and updates its type.
void setResults(func::FuncOp func, ValueRange results);

/// Checks that `func` (named by `passName`'s option) exists and has a body,
/// and that every function it calls has one (the copy inlines them).
LogicalResult checkTransformable(ModuleOp module, func::FuncOp func,
                                 StringRef name, StringRef passName);

/// Checks that `module` has none of the symbols `names` a transformation
/// is about to create.
LogicalResult checkSymbolsFree(ModuleOp module, ArrayRef<std::string> names,
                               StringRef passName);

/// The arguments a transformation differentiates: `wrt` as argument indices
/// (jax's argnums), each distinct, existing and an f32 tensor (never a mask
/// or a key); when `wrt` is empty, every f32 tensor argument. Errors are
/// reported at `func`, prefixed with `passName`.
FailureOr<SmallVector<unsigned>>
parseWrtArguments(func::FuncOp func, ArrayRef<std::string> wrt,
                  StringRef passName);

/// The arguments of a Jacobian (`wrt`, jax's argnums, default 0), each an
/// f32 tensor of static shape and rank >= 1, for a function whose results
/// are all f32 tensors of static shape; errors name `passName`.
FailureOr<SmallVector<unsigned>>
parseJacobianArguments(func::FuncOp func, ArrayRef<std::string> wrt,
                       StringRef passName);

/// The standard basis of the space of `type`, stacked: [n, shape...] with
/// basis[k, i...] = (linear(i...) == k), built in place (no constant).
Value buildBasis(OpBuilder &b, Location loc, RankedTensorType type);

/// Inserts into `module` a public copy of `func` named `name`, its calls
/// inlined, lowered to linalg on tensors with generic ops only: the form
/// where one rule per
/// transformation covers every nn op. Masks become bytes and keys i32
/// pairs there; those arguments are marked `nn.mask` / `nn.key` so runtimes
/// still see (and check) masks and keys.
FailureOr<func::FuncOp> insertLoweredCopy(ModuleOp module, func::FuncOp func,
                                          StringRef name,
                                          function_ref<LogicalResult(
                                              OpPassManager &, Operation *)>
                                              runPipeline);

} // namespace mlir::nn

#endif // NN_LIB_FUNCTIONTRANSFORMS_LOWEREDCOPY_H
