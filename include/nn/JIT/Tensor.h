//===- Tensor.h - element types, tensor types and host buffers ---*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// The runtime's view of data crossing the JIT boundary: an element type, a
// static shape, and caller-owned host memory. Nothing here owns or copies
// data.
//
//===----------------------------------------------------------------------===//

#ifndef NN_JIT_TENSOR_H
#define NN_JIT_TENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>

namespace mlir {
class Type;
} // namespace mlir

namespace nn::jit {

/// Element types that cross the JIT boundary. `Bool` is one byte per element
/// (0 or 1), the layout of a NumPy bool array.
enum class DType : uint8_t { F16, F32, F64, Bool, I8, I16, I32, I64, U8, U32 };

/// Size of one element in bytes.
size_t dtypeSize(DType dtype);
/// MLIR's spelling: f32, i1, i64, ui8, ...
llvm::StringRef dtypeName(DType dtype);
/// Parses MLIR's spelling (f32, i1, ...), also `bool`.
std::optional<DType> parseDType(llvm::StringRef name);
/// The runtime type of an MLIR element type, if it can cross the boundary.
std::optional<DType> dtypeFromMLIR(mlir::Type type);

/// The byte size of a `shape` of `dtype` elements, or nullopt when a
/// dimension is negative or the size does not fit in int64 (NumPy's limit:
/// the product of the non-zero dimensions times the element size, so that
/// no stride overflows either, even in an empty tensor).
std::optional<int64_t> checkedSizeInBytes(llvm::ArrayRef<int64_t> shape,
                                          DType dtype);
/// An error for a shape checkedSizeInBytes refuses: "shape
/// 4294967296x4294967296 has more elements than fit in 64 bits".
llvm::Error checkShapeSize(llvm::ArrayRef<int64_t> shape, DType dtype);

/// A statically shaped tensor type.
struct TensorType {
  llvm::SmallVector<int64_t, 4> shape;
  DType dtype = DType::F32;

  /// For a shape checkShapeSize refuses, INT64_MAX (and sizeInBytes
  /// SIZE_MAX): no allocation succeeds, so a missed check cannot make a
  /// small buffer that code then writes past.
  int64_t numElements() const;
  size_t sizeInBytes() const;
  /// `tensor<4x784xf32>`.
  std::string str() const;
  bool operator==(const TensorType &other) const {
    return dtype == other.dtype && shape == other.shape;
  }
};

/// Caller-owned, contiguous, row-major host memory viewed as a tensor.
struct BufferRef {
  void *data = nullptr;
  llvm::ArrayRef<int64_t> shape;
  DType dtype = DType::F32;

  std::string typeStr() const;
};

} // namespace nn::jit

#endif // NN_JIT_TENSOR_H
