//===- Utils.h - helpers shared by the nn-to-linalg patterns -----*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_LIB_CONVERSION_NNTOLINALG_UTILS_H
#define NN_LIB_CONVERSION_NNTOLINALG_UTILS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"

namespace mlir::nn::lowering {

/// Computes the value of one element from the elements of the inputs.
using ScalarFn = function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// Returns `tensor.empty` of `type`.
Value createEmpty(OpBuilder &b, Location loc, RankedTensorType type);

/// Returns `type` filled with the f32 constant `value`.
Value createFilled(OpBuilder &b, Location loc, RankedTensorType type,
                   double value);

/// Returns `input`'s shape without dimension `axis`.
RankedTensorType dropDim(RankedTensorType input, int64_t axis);

/// The map (d0, ..., d{rank-1}) -> (all dims but `axis`).
AffineMap dropDimMap(MLIRContext *context, int64_t rank, int64_t axis);

/// Builds an all-parallel linalg.generic producing `resultType` from
/// `inputs`, each read through its map in `inputMaps` (the result is
/// written through the identity map).
Value buildElementwise(OpBuilder &b, Location loc, RankedTensorType resultType,
                       ValueRange inputs, ArrayRef<AffineMap> inputMaps,
                       ScalarFn fn);

/// Iterators of `rank` loops, all parallel but the reduction along `axis`.
SmallVector<utils::IteratorType> reductionIterators(int64_t rank, int64_t axis);

/// Builds a linalg.generic that reduces `input` along `axis` into `init`
/// (shape of `input` without `axis`); `combine(b, loc, {element, acc})`
/// returns the new accumulator. Elements are combined in increasing order
/// of the reduced index.
Value buildReduction(OpBuilder &b, Location loc, Value input, int64_t axis,
                     Value init, ScalarFn combine);

/// Returns an f32 constant.
Value f32Constant(OpBuilder &b, Location loc, double value);

/// A linalg.generic writing `init` with explicit maps (inputs then init) and
/// iterators, whose body is `fn(inputs..., init element)`.
Value buildGeneric(OpBuilder &b, Location loc, Value init, ValueRange inputs,
                   ArrayRef<AffineMap> maps,
                   ArrayRef<utils::IteratorType> iterators, ScalarFn fn);

/// The map reading a tensor of `shape` broadcast (NumPy-style, aligned from
/// the last dimension; size-1 dimensions repeat) over `rank` loops.
AffineMap broadcastMap(MLIRContext *context, int64_t rank,
                       ArrayRef<int64_t> shape);

/// `byte != 0` as i1 (masks are 0/1 bytes after conversion).
Value isKept(OpBuilder &b, Location loc, Value byte);

/// Softmax of `input` along `axis`, max-subtracted. With `keep` (an i8 0/1
/// tensor read through `keepMap`), masked positions get exactly 0 and a
/// slice masked everywhere gives zeros.
Value buildSoftmax(OpBuilder &b, Location loc, Value input, int64_t axis,
                   Value keep, AffineMap keepMap);

} // namespace mlir::nn::lowering

#endif // NN_LIB_CONVERSION_NNTOLINALG_UTILS_H
