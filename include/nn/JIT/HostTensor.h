//===- HostTensor.h - owning host tensors and .npy / .npz I/O ---*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// What the tools and tests use to hold data: an owning, 64-byte aligned,
// row-major buffer with a TensorType, and NumPy's .npy / .npz formats.
//
//===----------------------------------------------------------------------===//

#ifndef NN_JIT_HOSTTENSOR_H
#define NN_JIT_HOSTTENSOR_H

#include "nn/JIT/Tensor.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace nn::jit {

/// An owning tensor in host memory (64-byte aligned, row-major).
class HostTensor {
public:
  HostTensor() = default;
  /// Zero-initialized storage for `type`; aborts when the size does not fit
  /// or cannot be allocated. For sizes that come from data or a user, use
  /// create.
  explicit HostTensor(TensorType type);
  /// Zero-initialized storage for `type`, or an error naming the shape when
  /// its size does not fit in 64 bits or the memory cannot be allocated.
  static llvm::Expected<HostTensor> create(TensorType type);

  const TensorType &getType() const { return type; }
  void *data() { return storage.get(); }
  const void *data() const { return storage.get(); }
  size_t sizeInBytes() const { return type.sizeInBytes(); }
  template <typename T> T *dataAs() { return static_cast<T *>(data()); }
  template <typename T> const T *dataAs() const {
    return static_cast<const T *>(data());
  }

  /// A view for Session calls (valid while this tensor lives).
  BufferRef ref() { return {data(), type.shape, type.dtype}; }
  BufferRef ref() const {
    return {const_cast<void *>(data()), type.shape, type.dtype};
  }

private:
  struct Free {
    void operator()(void *p) const { std::free(p); }
  };
  TensorType type;
  std::unique_ptr<void, Free> storage;
};

/// Parses a .npy file's bytes (format 1.0-3.0, little-endian, C order) as
/// np.load reads them: the header is the Python literal np.load accepts;
/// bytes after the data are ignored; any non-zero bool byte is true. What
/// np.load reads but nn-jit cannot represent is refused as "unsupported"
/// (docs/nn-jit.md, File formats). Sizes are checked before allocating.
llvm::Expected<HostTensor> parseNpy(llvm::StringRef bytes,
                                    llvm::StringRef what = "array");
/// Reads a .npy file.
llvm::Expected<HostTensor> readNpy(llvm::StringRef path);
/// Serializes as .npy format 1.0 (64-byte aligned header; 2.0 if needed).
std::string serializeNpy(const HostTensor &tensor);
llvm::Error writeNpy(llvm::StringRef path, const HostTensor &tensor);

/// Reads every array of an .npz archive (stored or deflate members), in
/// archive order, named without the `.npy` suffix, as np.load reads it
/// (Python's zipfile); a name twice is refused. Every declared size and
/// offset is bounded by the file's size before use.
llvm::Expected<std::vector<std::pair<std::string, HostTensor>>>
readNpz(llvm::StringRef path);
/// An .npz archive (stored members) of `arrays`, each as `name.npy`.
llvm::Expected<std::string> serializeNpz(
    const std::vector<std::pair<std::string, const HostTensor *>> &arrays);
/// Writes an .npz archive (stored members) of `arrays`, each as `name.npy`.
llvm::Error
writeNpz(llvm::StringRef path,
         const std::vector<std::pair<std::string, const HostTensor *>> &arrays);

/// Parses iree-run-module's spelling of a tensor: `2x3xf32=1,2,3,4,5,6`
/// (values separated by commas and/or spaces, brackets ignored), `f32=1.5`
/// for rank 0; i1 values are 0/1/true/false.
llvm::Expected<HostTensor> parseTensorLiteral(llvm::StringRef spec);

/// Prints the values with nested brackets per dimension, eliding the middle
/// of dimensions longer than 6 when the tensor has more than 1000 elements
/// (NumPy's rule).
void printTensorValues(llvm::raw_ostream &os, const HostTensor &tensor);

} // namespace nn::jit

#endif // NN_JIT_HOSTTENSOR_H
