//===- NNShapes.cpp - shape rules of the nn ops ---------------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Dialect/NN/IR/NNShapes.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::nn;

std::string mlir::nn::formatShape(ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar";
  std::string result;
  llvm::raw_string_ostream os(result);
  llvm::interleave(shape, os, "x");
  return result;
}

FailureOr<int64_t> mlir::nn::normalizeAxis(int64_t axis, int64_t rank,
                                           StringRef rule,
                                           EmitErrorFn emitError) {
  if (axis < -rank || axis >= rank) {
    emitError() << "axis " << axis << " is out of range for an input of rank "
                << rank << " (expected " << -rank << " <= axis < " << rank
                << ") [" << rule << "]";
    return failure();
  }
  return wrapAxis(axis, rank);
}

FailureOr<RankedTensorType> mlir::nn::inferDenseType(RankedTensorType input,
                                                     RankedTensorType kernel,
                                                     RankedTensorType bias,
                                                     EmitErrorFn emitError) {
  // C1: input rank >= 1, kernel rank 2.
  if (input.getRank() < 1) {
    emitError() << "input must have rank >= 1 ([batch..., in]), got a scalar "
                   "[C1]";
    return failure();
  }
  if (kernel.getRank() != 2) {
    emitError() << "kernel must have rank 2 ([in, out]), got shape "
                << formatShape(kernel.getShape()) << " [C1]";
    return failure();
  }
  // C2: contraction dims agree.
  int64_t in = input.getShape().back();
  if (kernel.getDimSize(0) != in) {
    emitError() << "kernel shape " << formatShape(kernel.getShape())
                << " does not match the input's feature size " << in
                << " (input shape " << formatShape(input.getShape())
                << "); expected a kernel of shape " << in << "x"
                << kernel.getDimSize(1) << " [C2]";
    return failure();
  }
  // C3: bias is [out].
  int64_t out = kernel.getDimSize(1);
  if (bias && (bias.getRank() != 1 || bias.getDimSize(0) != out)) {
    emitError() << "bias shape " << formatShape(bias.getShape())
                << " does not match the kernel's output size " << out
                << " (expected shape " << out << ") [C3]";
    return failure();
  }
  // C4: result shape.
  SmallVector<int64_t> shape(input.getShape());
  shape.back() = out;
  return RankedTensorType::get(shape, input.getElementType());
}

FailureOr<RankedTensorType>
mlir::nn::inferEmbeddingType(RankedTensorType ids, RankedTensorType table,
                             EmitErrorFn emitError) {
  // C1: table is [vocab, features].
  if (table.getRank() != 2) {
    emitError() << "table must have rank 2 ([vocab, features]), got shape "
                << formatShape(table.getShape()) << " [C1]";
    return failure();
  }
  // C2: result is ids' shape followed by features.
  SmallVector<int64_t> shape(ids.getShape());
  shape.push_back(table.getDimSize(1));
  return RankedTensorType::get(shape, table.getElementType());
}

FailureOr<RankedTensorType>
mlir::nn::inferLayerNormType(RankedTensorType input, RankedTensorType scale,
                             RankedTensorType offset, int64_t axis,
                             float epsilon, EmitErrorFn emitError) {
  // C1: axis in range.
  FailureOr<int64_t> dim = normalizeAxis(axis, input.getRank(), "C1", emitError);
  if (failed(dim))
    return failure();
  // C2: epsilon is non-negative.
  if (!(epsilon >= 0.0f)) {
    emitError() << "epsilon must be >= 0, got " << epsilon << " [C2]";
    return failure();
  }
  // C3: scale and offset are [dim(input, axis)].
  int64_t size = input.getDimSize(*dim);
  for (auto [name, param] : {std::pair<StringRef, RankedTensorType>{"scale", scale},
                             {"offset", offset}}) {
    if (param && (param.getRank() != 1 || param.getDimSize(0) != size)) {
      emitError() << name << " shape " << formatShape(param.getShape())
                  << " does not match the size " << size << " of axis "
                  << *dim << " of the input " << formatShape(input.getShape())
                  << " (expected shape " << size << ") [C3]";
      return failure();
    }
  }
  return input;
}

FailureOr<RankedTensorType>
mlir::nn::inferGlobalPoolType(RankedTensorType input, EmitErrorFn emitError) {
  // C1: input is [batch, time, features] with time >= 1.
  if (input.getRank() != 3) {
    emitError() << "input must have rank 3 ([batch, time, features]), got "
                   "shape "
                << formatShape(input.getShape()) << " [C1]";
    return failure();
  }
  if (input.getDimSize(1) < 1) {
    emitError() << "cannot pool over an empty time axis (input shape "
                << formatShape(input.getShape()) << ") [C1]";
    return failure();
  }
  // C2: result is [batch, features].
  return RankedTensorType::get({input.getDimSize(0), input.getDimSize(2)},
                               input.getElementType());
}

LogicalResult mlir::nn::verifyTimestepMask(RankedTensorType input,
                                           RankedTensorType mask,
                                           EmitErrorFn emitError) {
  // M1: i1 [batch, time].
  if (input.getRank() < 2) {
    emitError() << "a timestep mask needs data with batch and time dims, got "
                   "shape "
                << formatShape(input.getShape()) << " [M1]";
    return failure();
  }
  ArrayRef<int64_t> expected = input.getShape().take_front(2);
  if (mask.getShape() != expected) {
    emitError() << "mask shape " << formatShape(mask.getShape())
                << " does not match the batch x time dims "
                << formatShape(expected) << " of the input "
                << formatShape(input.getShape()) << " [M1]";
    return failure();
  }
  return success();
}

FailureOr<std::pair<RankedTensorType, RankedTensorType>>
mlir::nn::inferMaskingTypes(RankedTensorType input, EmitErrorFn emitError) {
  // C1: [batch, time, features].
  if (input.getRank() != 3) {
    emitError() << "input must have rank 3 ([batch, time, features]), got "
                   "shape "
                << formatShape(input.getShape()) << " [C1]";
    return failure();
  }
  auto mask = RankedTensorType::get(input.getShape().take_front(2),
                                    IntegerType::get(input.getContext(), 1));
  return std::make_pair(input, mask);
}

LogicalResult mlir::nn::verifyLogitsMask(ArrayRef<int64_t> logits,
                                         RankedTensorType mask,
                                         EmitErrorFn emitError) {
  // M2: right-aligned broadcast.
  ArrayRef<int64_t> shape = mask.getShape();
  bool broadcasts = shape.size() <= logits.size();
  for (size_t i = 1; broadcasts && i <= shape.size(); ++i) {
    int64_t m = shape[shape.size() - i], l = logits[logits.size() - i];
    broadcasts = m == l || m == 1;
  }
  if (broadcasts)
    return success();
  emitError() << "mask shape " << formatShape(shape)
              << " does not broadcast to the logits shape "
              << formatShape(logits)
              << " (aligned from the last dimension, each mask dimension must "
                 "equal the logits' or be 1) [M2]";
  return failure();
}

FailureOr<RankedTensorType>
mlir::nn::inferAttentionType(RankedTensorType query, RankedTensorType key,
                             RankedTensorType value, RankedTensorType mask,
                             RankedTensorType keyPaddingMask,
                             EmitErrorFn emitError) {
  // C1: rank-4 operands that agree.
  if (query.getRank() != 4 || key.getRank() != 4 || value.getRank() != 4) {
    emitError() << "query, key and value must have rank 4 ([batch, heads, "
                   "time, dim]), got shapes "
                << formatShape(query.getShape()) << ", "
                << formatShape(key.getShape()) << " and "
                << formatShape(value.getShape()) << " [C1]";
    return failure();
  }
  ArrayRef<int64_t> q = query.getShape(), k = key.getShape(),
                    v = value.getShape();
  if (q[0] != k[0] || q[0] != v[0] || q[1] != k[1] || q[1] != v[1] ||
      q[3] != k[3] || k[2] != v[2]) {
    emitError() << "query " << formatShape(q) << ", key " << formatShape(k)
                << " and value " << formatShape(v)
                << " do not agree: batch and heads must match, key must have "
                   "query's dim and value key's time [C1]";
    return failure();
  }
  // C2: key padding [batch, k_time].
  if (keyPaddingMask &&
      keyPaddingMask.getShape() != ArrayRef<int64_t>{q[0], k[2]}) {
    emitError() << "key_padding_mask shape "
                << formatShape(keyPaddingMask.getShape())
                << " is not [batch, k_time] = " << q[0] << "x" << k[2]
                << " [C2]";
    return failure();
  }
  // M2: mask broadcasts to the logits.
  if (mask && failed(verifyLogitsMask({q[0], q[1], q[2], k[2]}, mask,
                                      emitError)))
    return failure();
  return RankedTensorType::get({q[0], q[1], q[2], v[3]},
                               query.getElementType());
}

LogicalResult mlir::nn::verifyExampleMask(RankedTensorType input,
                                          RankedTensorType mask,
                                          EmitErrorFn emitError) {
  // M3: i1 of the per-example shape (a scalar input is C1's to report).
  if (input.getRank() < 1)
    return success();
  ArrayRef<int64_t> expected = input.getShape().drop_back();
  if (mask.getShape() == expected)
    return success();
  emitError() << "mask shape " << formatShape(mask.getShape())
              << " is not the per-example shape " << formatShape(expected)
              << " (the input " << formatShape(input.getShape())
              << " without its last axis) [M3]";
  return failure();
}

FailureOr<RankedTensorType>
mlir::nn::inferLossType(RankedTensorType input, RankedTensorType target,
                        RankedTensorType sampleWeight, bool targetIsPerExample,
                        bool perExample, StringRef inputName,
                        StringRef targetName, EmitErrorFn emitError) {
  // C1: [..., n] with n >= 1.
  if (input.getRank() < 1) {
    emitError() << inputName
                << " must have rank >= 1 ([..., classes]), got a scalar [C1]";
    return failure();
  }
  if (input.getShape().back() < 1) {
    emitError() << "the last axis of " << inputName << " "
                << formatShape(input.getShape()) << " is empty [C1]";
    return failure();
  }
  ArrayRef<int64_t> examples = input.getShape().drop_back();
  // C2: labels of the per-example shape, or targets of the input's shape.
  ArrayRef<int64_t> expected =
      targetIsPerExample ? examples : input.getShape();
  if (target.getShape() != expected) {
    emitError() << targetName << " shape " << formatShape(target.getShape())
                << " does not match the "
                << (targetIsPerExample ? "per-example shape " : "shape ")
                << formatShape(expected) << " of " << inputName << " "
                << formatShape(input.getShape())
                << (targetIsPerExample ? " (without the class axis)" : "")
                << " [C2]";
    return failure();
  }
  // C3: weights of the per-example shape.
  if (sampleWeight && sampleWeight.getShape() != examples) {
    emitError() << "sample_weight shape "
                << formatShape(sampleWeight.getShape())
                << " is not the per-example shape " << formatShape(examples)
                << " (" << inputName << " " << formatShape(input.getShape())
                << " without its last axis) [C3]";
    return failure();
  }
  // C4: a scalar, or the per-example losses.
  return RankedTensorType::get(perExample ? examples : ArrayRef<int64_t>{},
                               input.getElementType());
}

void mlir::nn::inferUpdateTypes(RankedTensorType param, unsigned stateCount,
                                Type step, SmallVectorImpl<Type> &inferred) {
  // C1: the parameter and its state keep their type; so does the count.
  inferred.append(1 + stateCount, param);
  if (step)
    inferred.push_back(step);
}
