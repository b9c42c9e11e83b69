//===- HostTensorTest.cpp - .npy / .npz round trips and malformed input ---===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/JIT/HostTensor.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace nn::jit;

namespace {

HostTensor iota(DType dtype, llvm::ArrayRef<int64_t> shape) {
  TensorType type;
  type.dtype = dtype;
  type.shape.assign(shape.begin(), shape.end());
  HostTensor tensor(type);
  auto *bytes = tensor.dataAs<uint8_t>();
  for (size_t i = 0; i < tensor.sizeInBytes(); ++i)
    bytes[i] = dtype == DType::Bool ? i % 2 : static_cast<uint8_t>(i * 7 + 1);
  return tensor;
}

bool sameBytes(const HostTensor &a, const HostTensor &b) {
  return a.getType() == b.getType() &&
         std::memcmp(a.data(), b.data(), a.sizeInBytes()) == 0;
}

TEST(HostTensorTest, NpyRoundTripsEveryDType) {
  for (DType dtype : {DType::F16, DType::F32, DType::F64, DType::Bool, DType::I8,
                      DType::I16, DType::I32, DType::I64, DType::U8, DType::U32})
    for (auto shape : {std::vector<int64_t>{}, std::vector<int64_t>{5},
                       std::vector<int64_t>{2, 3, 4}}) {
      HostTensor tensor = iota(dtype, shape);
      std::string bytes = serializeNpy(tensor);
      // Header + magic + length is a multiple of 64, as NumPy writes it.
      size_t headerLength = uint8_t(bytes[8]) | (uint8_t(bytes[9]) << 8);
      EXPECT_EQ((10 + headerLength) % 64, 0u);
      auto parsed = parseNpy(bytes);
      ASSERT_TRUE(bool(parsed)) << llvm::toString(parsed.takeError());
      EXPECT_TRUE(sameBytes(tensor, *parsed)) << dtypeName(dtype).str();
    }
}

TEST(HostTensorTest, NpyAcceptsVersion2And16ByteAlignedHeaders) {
  // A version 2.0 header (4-byte length), padded to 16 bytes only.
  std::string dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }";
  while ((12 + dict.size() + 1) % 16)
    dict += ' ';
  dict += '\n';
  std::string bytes = std::string("\x93NUMPY\x02\x00", 8);
  uint32_t length = dict.size();
  bytes.append(reinterpret_cast<const char *>(&length), 4);
  bytes += dict;
  int32_t values[2] = {7, -3};
  bytes.append(reinterpret_cast<const char *>(values), 8);
  auto parsed = parseNpy(bytes);
  ASSERT_TRUE(bool(parsed)) << llvm::toString(parsed.takeError());
  EXPECT_EQ(parsed->dataAs<int32_t>()[1], -3);
}

TEST(HostTensorTest, EveryTruncationIsAnErrorNotACrash) {
  std::string bytes = serializeNpy(iota(DType::F32, {3, 5}));
  for (size_t length = 0; length < bytes.size(); ++length) {
    auto parsed = parseNpy(llvm::StringRef(bytes).take_front(length));
    EXPECT_FALSE(bool(parsed)) << "length " << length;
    llvm::consumeError(parsed.takeError());
  }
}

TEST(HostTensorTest, CorruptHeadersAreErrors) {
  std::string bytes = serializeNpy(iota(DType::F32, {3, 5}));
  for (size_t at = 0; at < 80; ++at)
    for (char garbage : {'\0', '(', '\xff', '9', '\''}) {
      std::string corrupt = bytes;
      corrupt[at] = garbage;
      auto parsed = parseNpy(corrupt);
      if (parsed) // Some bytes (padding) do not matter; then the data must.
        EXPECT_TRUE(sameBytes(*parsed, iota(DType::F32, {3, 5})));
      else
        llvm::consumeError(parsed.takeError());
    }
}

// NumPy reads any non-zero byte of a bool array as True (np.load accepts
// the file); a mask holds 0 and 1.
TEST(HostTensorTest, NonZeroBoolBytesReadAsTrue) {
  HostTensor tensor = iota(DType::Bool, {4});
  tensor.dataAs<uint8_t>()[0] = 0;
  tensor.dataAs<uint8_t>()[2] = 2;
  tensor.dataAs<uint8_t>()[3] = 255;
  auto parsed = parseNpy(serializeNpy(tensor));
  ASSERT_TRUE(bool(parsed)) << llvm::toString(parsed.takeError());
  const uint8_t *values = parsed->dataAs<uint8_t>();
  EXPECT_EQ(values[0], 0);
  EXPECT_EQ(values[1], 1);
  EXPECT_EQ(values[2], 1);
  EXPECT_EQ(values[3], 1);
}

class NpzTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("nn-npz", directory));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(directory); }
  std::string path(llvm::StringRef name) {
    llvm::SmallString<128> result(directory);
    llvm::sys::path::append(result, name);
    return std::string(result);
  }
  llvm::SmallString<128> directory;
};

TEST_F(NpzTest, RoundTripKeepsNamesAndOrder) {
  HostTensor a = iota(DType::F32, {2, 3}), b = iota(DType::I64, {4}),
             c = iota(DType::Bool, {});
  ASSERT_FALSE(bool(writeNpz(path("x.npz"), {{"a", &a}, {"bias", &b}, {"c", &c}})));
  auto arrays = readNpz(path("x.npz"));
  ASSERT_TRUE(bool(arrays)) << llvm::toString(arrays.takeError());
  ASSERT_EQ(arrays->size(), 3u);
  EXPECT_EQ((*arrays)[0].first, "a");
  EXPECT_EQ((*arrays)[1].first, "bias");
  EXPECT_EQ((*arrays)[2].first, "c");
  EXPECT_TRUE(sameBytes((*arrays)[0].second, a));
  EXPECT_TRUE(sameBytes((*arrays)[1].second, b));
  EXPECT_TRUE(sameBytes((*arrays)[2].second, c));
}

TEST_F(NpzTest, CorruptionIsDetected) {
  HostTensor a = iota(DType::F32, {64});
  ASSERT_FALSE(bool(writeNpz(path("x.npz"), {{"a", &a}})));
  auto buffer = llvm::MemoryBuffer::getFile(path("x.npz"));
  ASSERT_TRUE(bool(buffer));
  std::string bytes = (*buffer)->getBuffer().str();
  // Flip one data byte: the CRC check catches it.
  std::string flipped = bytes;
  flipped[200] ^= 0x40;
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(path("flipped.npz"), ec);
    os << flipped;
  }
  auto arrays = readNpz(path("flipped.npz"));
  ASSERT_FALSE(bool(arrays));
  EXPECT_NE(llvm::toString(arrays.takeError()).find("fails its CRC check"),
            std::string::npos);
  // Every truncation is an error, never a crash.
  for (size_t length = 0; length < bytes.size(); length += 7) {
    std::error_code ec;
    {
      llvm::raw_fd_ostream os(path("cut.npz"), ec);
      os << llvm::StringRef(bytes).take_front(length);
    }
    auto cut = readNpz(path("cut.npz"));
    EXPECT_FALSE(bool(cut)) << "length " << length;
    llvm::consumeError(cut.takeError());
  }
}

TEST(TensorLiteralTest, ParsesIreeSpelling) {
  auto t = parseTensorLiteral("2x2xi32=[[1, -2], [3 4]]");
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  EXPECT_EQ(t->getType().str(), "tensor<2x2xi32>");
  EXPECT_EQ(t->dataAs<int32_t>()[1], -2);
  EXPECT_EQ(t->dataAs<int32_t>()[3], 4);
  auto scalar = parseTensorLiteral("f32=1.5");
  ASSERT_TRUE(bool(scalar));
  EXPECT_EQ(scalar->getType().str(), "tensor<f32>");
  EXPECT_EQ(*scalar->dataAs<float>(), 1.5f);
  auto mask = parseTensorLiteral("3xi1=1,false,true");
  ASSERT_TRUE(bool(mask));
  EXPECT_EQ(mask->dataAs<uint8_t>()[2], 1);
  auto overflow = parseTensorLiteral("ui8=256");
  ASSERT_FALSE(bool(overflow));
  EXPECT_EQ(llvm::toString(overflow.takeError()),
            "malformed tensor 'ui8=256': '256' is out of range for ui8");
}

TEST(TensorLiteralTest, PrintsNestedAndElided) {
  std::string text;
  llvm::raw_string_ostream os(text);
  auto t = parseTensorLiteral("2x3xf32=1,2.5,3,-4,5,6");
  ASSERT_TRUE(bool(t));
  printTensorValues(os, *t);
  EXPECT_EQ(text, "[[1, 2.5, 3],\n [-4, 5, 6]]");
  text.clear();
  TensorType big;
  big.shape = {2000};
  printTensorValues(os, HostTensor(big));
  EXPECT_EQ(text, "[0, 0, 0, ..., 0, 0, 0]");
}

} // namespace
