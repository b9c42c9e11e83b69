//===- TensorLiteral.cpp - tensors as text: parse and print ---------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/JIT/HostTensor.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <cstring>

using namespace nn::jit;

static llvm::Error literalError(llvm::StringRef spec, const llvm::Twine &why) {
  return llvm::createStringError(
      ("malformed tensor '" + spec + "': " + why).str());
}

/// Stores `text` as element `index` of `tensor`.
static llvm::Error storeElement(HostTensor &tensor, size_t index,
                                llvm::StringRef text, llvm::StringRef spec) {
  DType dtype = tensor.getType().dtype;
  auto bad = [&] {
    return literalError(spec, "'" + text + "' is not a valid " +
                                  dtypeName(dtype) + " value");
  };
  switch (dtype) {
  case DType::F32:
  case DType::F64: {
    std::string copy = text.str();
    char *end = nullptr;
    double value = std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size())
      return bad();
    if (dtype == DType::F32)
      tensor.dataAs<float>()[index] = static_cast<float>(value);
    else
      tensor.dataAs<double>()[index] = value;
    return llvm::Error::success();
  }
  case DType::Bool: {
    uint8_t value;
    if (text == "1" || text == "true" || text == "True")
      value = 1;
    else if (text == "0" || text == "false" || text == "False")
      value = 0;
    else
      return bad();
    tensor.dataAs<uint8_t>()[index] = value;
    return llvm::Error::success();
  }
  case DType::F16:
    return literalError(spec, "f16 values cannot be written as text; use .npy");
  default: {
    int64_t value;
    if (text.getAsInteger(10, value))
      return bad();
    size_t size = dtypeSize(dtype);
    bool isUnsigned = dtype == DType::U8 || dtype == DType::U32;
    // Shifts stay below bit 63: 1 << 63 would overflow int64.
    int64_t lo = isUnsigned  ? 0
                 : size == 8 ? INT64_MIN
                             : -(int64_t(1) << (8 * size - 1));
    int64_t hi = size == 8 ? INT64_MAX
                           : (isUnsigned ? (int64_t(1) << (8 * size)) - 1
                                         : (int64_t(1) << (8 * size - 1)) - 1);
    if (value < lo || value > hi)
      return literalError(spec, "'" + text + "' is out of range for " +
                                    dtypeName(dtype));
    std::memcpy(static_cast<char *>(tensor.data()) + index * size, &value,
                size); // Little-endian: the low bytes.
    return llvm::Error::success();
  }
  }
}

llvm::Expected<HostTensor> nn::jit::parseTensorLiteral(llvm::StringRef spec) {
  auto [typeText, valuesText] = spec.split('=');
  if (typeText.size() == spec.size())
    return literalError(spec, "expected SHAPExDTYPE=VALUES, e.g. 2x2xf32=1,2,3,4");
  llvm::SmallVector<llvm::StringRef> parts;
  typeText.split(parts, 'x');
  TensorType type;
  std::optional<DType> dtype = parseDType(parts.back());
  if (!dtype)
    return literalError(spec, "unknown element type '" + parts.back() + "'");
  type.dtype = *dtype;
  for (llvm::StringRef dim : llvm::ArrayRef(parts).drop_back()) {
    int64_t size;
    if (dim.getAsInteger(10, size) || size < 0)
      return literalError(spec, "bad dimension '" + dim + "'");
    type.shape.push_back(size);
  }
  // Before counting values: an overflowing element count must not wrap to
  // the number given.
  if (llvm::Error error = checkShapeSize(type.shape, type.dtype))
    return literalError(spec, llvm::toString(std::move(error)));
  llvm::SmallVector<llvm::StringRef> values;
  llvm::SplitString(valuesText, values, ", \t\n[]");
  if (static_cast<int64_t>(values.size()) != type.numElements())
    return literalError(spec, llvm::formatv("{0} values for {1} elements",
                                            values.size(), type.numElements())
                                  .str());
  auto tensor = HostTensor::create(type);
  if (!tensor)
    return tensor.takeError();
  for (auto [index, text] : llvm::enumerate(values))
    if (llvm::Error error = storeElement(*tensor, index, text, spec))
      return std::move(error);
  return tensor;
}

static void printElement(llvm::raw_ostream &os, const HostTensor &tensor,
                         size_t index) {
  const char *base = static_cast<const char *>(tensor.data());
  switch (tensor.getType().dtype) {
  case DType::F32:
    os << llvm::format("%.7g", tensor.dataAs<float>()[index]);
    return;
  case DType::F64:
    os << llvm::format("%.15g", tensor.dataAs<double>()[index]);
    return;
  case DType::F16: {
    uint16_t bits;
    std::memcpy(&bits, base + 2 * index, 2);
    os << llvm::format("f16:0x%04x", bits);
    return;
  }
  case DType::Bool:
    os << (tensor.dataAs<uint8_t>()[index] ? "true" : "false");
    return;
  case DType::I8:
    os << int(reinterpret_cast<const int8_t *>(base)[index]);
    return;
  case DType::U8:
    os << unsigned(reinterpret_cast<const uint8_t *>(base)[index]);
    return;
  case DType::I16:
    os << reinterpret_cast<const int16_t *>(base)[index];
    return;
  case DType::I32:
    os << reinterpret_cast<const int32_t *>(base)[index];
    return;
  case DType::U32:
    os << reinterpret_cast<const uint32_t *>(base)[index];
    return;
  case DType::I64:
    os << reinterpret_cast<const int64_t *>(base)[index];
    return;
  }
}

static void printDim(llvm::raw_ostream &os, const HostTensor &tensor,
                     size_t dim, size_t offset, bool summarize) {
  llvm::ArrayRef<int64_t> shape = tensor.getType().shape;
  if (dim == shape.size()) {
    printElement(os, tensor, offset);
    return;
  }
  int64_t stride = 1;
  for (size_t d = dim + 1; d < shape.size(); ++d)
    stride *= shape[d];
  constexpr int64_t kEdge = 3;
  os << "[";
  for (int64_t i = 0; i < shape[dim]; ++i) {
    if (summarize && shape[dim] > 2 * kEdge && i == kEdge) {
      os << (dim + 1 < shape.size() ? ",\n" + std::string(dim + 1, ' ') + "..."
                                     : std::string(", ..."));
      i = shape[dim] - kEdge - 1;
      continue;
    }
    if (i) {
      // Rows of a matrix (and higher) go on their own lines, as NumPy prints.
      if (dim + 1 < shape.size())
        os << ",\n" << std::string(dim + 1, ' ');
      else
        os << ", ";
    }
    printDim(os, tensor, dim + 1, offset + i * stride, summarize);
  }
  os << "]";
}

void nn::jit::printTensorValues(llvm::raw_ostream &os,
                                const HostTensor &tensor) {
  // An empty tensor prints as NumPy's str() does, once: walking its leading
  // dimensions would print "[]" per index, for up to 2^63 indices.
  if (tensor.getType().numElements() == 0) {
    os << "[]";
    return;
  }
  printDim(os, tensor, 0, 0, tensor.getType().numElements() > 1000);
}
