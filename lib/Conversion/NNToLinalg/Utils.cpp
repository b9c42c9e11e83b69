//===- Utils.cpp - helpers shared by the nn-to-linalg patterns ------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "Utils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::lowering;

#include <limits>

Value lowering::createEmpty(OpBuilder &b, Location loc, RankedTensorType type) {
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
}

Value lowering::f32Constant(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(value));
}

Value lowering::createFilled(OpBuilder &b, Location loc, RankedTensorType type,
                           double value) {
  Value empty = createEmpty(b, loc, type);
  return linalg::FillOp::create(b, loc, f32Constant(b, loc, value), empty)
      .getResult(0);
}

RankedTensorType lowering::dropDim(RankedTensorType input, int64_t axis) {
  SmallVector<int64_t> shape(input.getShape());
  shape.erase(shape.begin() + axis);
  return RankedTensorType::get(shape, input.getElementType());
}

AffineMap lowering::dropDimMap(MLIRContext *context, int64_t rank, int64_t axis) {
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < rank; ++d)
    if (d != axis)
      exprs.push_back(getAffineDimExpr(d, context));
  return AffineMap::get(rank, 0, exprs, context);
}

Value lowering::buildElementwise(OpBuilder &b, Location loc,
                               RankedTensorType resultType, ValueRange inputs,
                               ArrayRef<AffineMap> inputMaps, ScalarFn fn) {
  int64_t rank = resultType.getRank();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, resultType, inputs, createEmpty(b, loc, resultType), maps,
      iterators, [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = fn(nested, nestedLoc, args.drop_back());
        linalg::YieldOp::create(nested, nestedLoc, result);
      });
  return generic.getResult(0);
}

SmallVector<utils::IteratorType> lowering::reductionIterators(int64_t rank,
                                                             int64_t axis) {
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  iterators[axis] = utils::IteratorType::reduction;
  return iterators;
}

Value lowering::buildReduction(OpBuilder &b, Location loc, Value input,
                             int64_t axis, Value init, ScalarFn combine) {
  int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank),
                                 dropDimMap(b.getContext(), rank, axis)};
  return buildGeneric(b, loc, init, input, maps,
                      reductionIterators(rank, axis), combine);
}

Value lowering::buildGeneric(OpBuilder &b, Location loc, Value init,
                             ValueRange inputs, ArrayRef<AffineMap> maps,
                             ArrayRef<utils::IteratorType> iterators,
                             ScalarFn fn) {
  return linalg::GenericOp::create(
             b, loc, init.getType(), inputs, init, maps, iterators,
             [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
               linalg::YieldOp::create(nested, nestedLoc,
                                       fn(nested, nestedLoc, args));
             })
      .getResult(0);
}

AffineMap lowering::broadcastMap(MLIRContext *context, int64_t rank,
                                 ArrayRef<int64_t> shape) {
  SmallVector<AffineExpr> exprs;
  int64_t offset = rank - static_cast<int64_t>(shape.size());
  for (auto [index, size] : llvm::enumerate(shape))
    exprs.push_back(size == 1 ? getAffineConstantExpr(0, context)
                              : getAffineDimExpr(offset + index, context));
  return AffineMap::get(rank, 0, exprs, context);
}

Value lowering::isKept(OpBuilder &b, Location loc, Value byte) {
  Value zero = arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(0));
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, byte, zero);
}

Value lowering::buildSoftmax(OpBuilder &b, Location loc, Value input,
                             int64_t axis, Value keep, AffineMap keepMap) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  RankedTensorType reducedType = dropDim(type, axis);
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  AffineMap reduced = dropDimMap(b.getContext(), rank, axis);
  SmallVector<utils::IteratorType> iterators = reductionIterators(rank, axis);
  SmallVector<Value> inputs = {input};
  SmallVector<AffineMap> maps = {identity};
  if (keep) {
    inputs.push_back(keep);
    maps.push_back(keepMap);
  }
  SmallVector<AffineMap> reduceMaps(maps);
  reduceMaps.push_back(reduced);

  // max over kept positions (-inf if none). maxnumf skips NaN, which is
  // cheaper than maximumf on x86 and gives the same outputs: a NaN logit
  // still makes its exp, the sum and so every output of the slice NaN.
  // A masked position adds -inf, which leaves the max as it is (it is never
  // NaN), so that the body stays one combining op, which vectorizes (a
  // select between the new and the old max did not: scalar loops, 5x
  // slower).
  double negInf = -std::numeric_limits<double>::infinity();
  Value max = buildGeneric(
      b, loc, createFilled(b, loc, reducedType, negInf), inputs, reduceMaps,
      iterators, [&](OpBuilder &nb, Location l, ValueRange v) {
        Value value = v[0];
        if (keep)
          value = arith::SelectOp::create(nb, l, isKept(nb, l, v[1]), value,
                                          f32Constant(nb, l, negInf));
        return arith::MaxNumFOp::create(nb, l, v.back(), value).getResult();
      });
  // exp(x - max), 0 where masked (a select: exp(-inf - -inf) never shows).
  SmallVector<Value> expInputs(inputs);
  expInputs.push_back(max);
  SmallVector<AffineMap> expMaps(maps);
  expMaps.push_back(reduced);
  Value exps = buildElementwise(
      b, loc, type, expInputs, expMaps,
      [&](OpBuilder &nb, Location l, ValueRange v) {
        Value e = math::ExpOp::create(nb, l,
                                      arith::SubFOp::create(nb, l, v[0], v.back()));
        if (!keep)
          return e;
        return arith::SelectOp::create(nb, l, isKept(nb, l, v[1]), e,
                                       f32Constant(nb, l, 0.0))
            .getResult();
      });
  Value sum = buildReduction(
      b, loc, exps, axis, createFilled(b, loc, reducedType, 0.0),
      [](OpBuilder &nb, Location l, ValueRange v) {
        return arith::AddFOp::create(nb, l, v[0], v[1]).getResult();
      });
  // One division per slice, then a multiplication per element: x86 divides
  // a vector in 3.5-5 cycles, so dividing every element cost softmax a
  // quarter of its time. (Within 1.5 ulp of the quotient.) Elementwise
  // fusion folds this op into the multiplication's body, as it does
  // layer_norm's 1 / stddev; there it is invariant in the row's loop, and
  // LLVM hoists it: one vdivss per row on x86-64-v3.
  AffineMap reducedIdentity = b.getMultiDimIdentityMap(rank - 1);
  Value reciprocal = buildElementwise(
      b, loc, reducedType, sum, {reducedIdentity},
      [](OpBuilder &nb, Location l, ValueRange v) {
        return arith::DivFOp::create(nb, l, f32Constant(nb, l, 1.0), v[0])
            .getResult();
      });
  SmallVector<Value> normalizeInputs = {exps, reciprocal};
  SmallVector<AffineMap> normalizeMaps = {identity, reduced};
  if (keep) {
    normalizeInputs.push_back(sum);
    normalizeMaps.push_back(reduced);
  }
  return buildElementwise(
      b, loc, type, normalizeInputs, normalizeMaps,
      [&](OpBuilder &nb, Location l, ValueRange v) {
        Value p = arith::MulFOp::create(nb, l, v[0], v[1]);
        if (!keep)
          return p;
        // A slice masked everywhere gives zeros, not 0 * (1/0). The sum
        // tells it from the mask alone: a slice with a kept position sums
        // exp(max - max) = 1 there, or NaN (a NaN or +inf kept logit, or
        // kept logits all -inf), so its sum is never 0; a fully masked one
        // sums exact zeros. The unordered compare keeps a NaN slice NaN, as
        // the unmasked softmax gives it.
        Value zero = f32Constant(nb, l, 0.0);
        Value anyKept =
            arith::CmpFOp::create(nb, l, arith::CmpFPredicate::UNE, v[2], zero);
        return arith::SelectOp::create(nb, l, anyKept, p, zero).getResult();
      });
}
