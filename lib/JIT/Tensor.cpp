//===- Tensor.cpp - element types, tensor types and host buffers ----------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/JIT/Tensor.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <limits>

using namespace nn::jit;

size_t nn::jit::dtypeSize(DType dtype) {
  switch (dtype) {
  case DType::Bool:
  case DType::I8:
  case DType::U8:
    return 1;
  case DType::F16:
  case DType::I16:
    return 2;
  case DType::F32:
  case DType::I32:
  case DType::U32:
    return 4;
  case DType::F64:
  case DType::I64:
    return 8;
  }
  llvm_unreachable("unknown dtype");
}

llvm::StringRef nn::jit::dtypeName(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return "f16";
  case DType::F32:
    return "f32";
  case DType::F64:
    return "f64";
  case DType::Bool:
    return "i1";
  case DType::I8:
    return "i8";
  case DType::I16:
    return "i16";
  case DType::I32:
    return "i32";
  case DType::I64:
    return "i64";
  case DType::U8:
    return "ui8";
  case DType::U32:
    return "ui32";
  }
  llvm_unreachable("unknown dtype");
}

std::optional<DType> nn::jit::parseDType(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<DType>>(name)
      .Case("f16", DType::F16)
      .Case("f32", DType::F32)
      .Case("f64", DType::F64)
      .Cases({"i1", "bool"}, DType::Bool)
      .Case("i8", DType::I8)
      .Case("i16", DType::I16)
      .Case("i32", DType::I32)
      .Case("i64", DType::I64)
      .Case("ui8", DType::U8)
      .Case("ui32", DType::U32)
      .Default(std::nullopt);
}

std::optional<DType> nn::jit::dtypeFromMLIR(mlir::Type type) {
  if (type.isF16())
    return DType::F16;
  if (type.isF32())
    return DType::F32;
  if (type.isF64())
    return DType::F64;
  auto integer = llvm::dyn_cast<mlir::IntegerType>(type);
  if (!integer)
    return std::nullopt;
  bool isUnsigned = integer.isUnsigned();
  switch (integer.getWidth()) {
  case 1:
    return DType::Bool;
  case 8:
    return isUnsigned ? DType::U8 : DType::I8;
  case 16:
    return isUnsigned ? std::nullopt : std::optional<DType>(DType::I16);
  case 32:
    return isUnsigned ? DType::U32 : DType::I32;
  case 64:
    return isUnsigned ? std::nullopt : std::optional<DType>(DType::I64);
  default:
    return std::nullopt;
  }
}

std::optional<int64_t>
nn::jit::checkedSizeInBytes(llvm::ArrayRef<int64_t> shape, DType dtype) {
  int64_t bytes = static_cast<int64_t>(dtypeSize(dtype));
  bool empty = false;
  for (int64_t d : shape) {
    if (d < 0)
      return std::nullopt;
    if (d == 0)
      empty = true;
    else if (llvm::MulOverflow(bytes, d, bytes))
      return std::nullopt;
  }
  return empty ? 0 : bytes;
}

static std::string shapeText(llvm::ArrayRef<int64_t> shape) {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(shape, os, "x");
  return text;
}

llvm::Error nn::jit::checkShapeSize(llvm::ArrayRef<int64_t> shape,
                                    DType dtype) {
  if (checkedSizeInBytes(shape, dtype))
    return llvm::Error::success();
  if (llvm::any_of(shape, [](int64_t d) { return d < 0; }))
    return llvm::createStringError("shape " + shapeText(shape) +
                                   " has a negative dimension");
  int64_t elements = 1;
  for (int64_t d : shape)
    if (d != 0 && llvm::MulOverflow(elements, d, elements))
      return llvm::createStringError("shape " + shapeText(shape) +
                                     " has more elements than fit in 64 bits");
  return llvm::createStringError("shape " + shapeText(shape) + " of " +
                                 dtypeName(dtype) +
                                 " has more bytes than fit in 64 bits");
}

int64_t TensorType::numElements() const {
  if (!checkedSizeInBytes(shape, dtype))
    return std::numeric_limits<int64_t>::max();
  int64_t count = 1;
  for (int64_t d : shape)
    count *= d;
  return count;
}

size_t TensorType::sizeInBytes() const {
  std::optional<int64_t> bytes = checkedSizeInBytes(shape, dtype);
  return bytes ? static_cast<size_t>(*bytes)
               : std::numeric_limits<size_t>::max();
}

static std::string formatType(llvm::ArrayRef<int64_t> shape, DType dtype) {
  std::string result;
  llvm::raw_string_ostream os(result);
  os << "tensor<";
  for (int64_t d : shape)
    os << d << "x";
  os << dtypeName(dtype) << ">";
  return result;
}

std::string TensorType::str() const { return formatType(shape, dtype); }

std::string BufferRef::typeStr() const { return formatType(shape, dtype); }
