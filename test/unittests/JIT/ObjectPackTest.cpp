//===- ObjectPackTest.cpp - a compiled unit's objects as one buffer -------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "../../../lib/JIT/ObjectPack.h"

#include "llvm/Support/Endian.h"

#include <gtest/gtest.h>

using namespace nn::jit::internal;

namespace {

std::string u32(uint32_t value) {
  char bytes[4];
  llvm::support::endian::write32le(bytes, value);
  return std::string(bytes, 4);
}

std::string u64(uint64_t value) {
  char bytes[8];
  llvm::support::endian::write64le(bytes, value);
  return std::string(bytes, 8);
}

std::string unpackError(const std::string &pack) {
  auto objects = unpackObjects(pack);
  if (objects)
    return "accepted";
  return llvm::toString(objects.takeError());
}

TEST(ObjectPackTest, RoundTrip) {
  for (const std::vector<std::string> &objects :
       {std::vector<std::string>{"one object"},
        std::vector<std::string>{"first", "second, longer"}}) {
    std::string pack = packObjects(objects);
    auto unpacked = unpackObjects(pack);
    ASSERT_TRUE(bool(unpacked)) << llvm::toString(unpacked.takeError());
    ASSERT_EQ(unpacked->size(), objects.size());
    for (size_t i = 0; i < objects.size(); ++i)
      EXPECT_EQ((*unpacked)[i], objects[i]);
  }
  // The layout the header documents: magic, count, sizes, objects.
  EXPECT_EQ(packObjects({"ab", "c"}),
            "NNPACK01" + u32(2) + u64(2) + u64(1) + "abc");
}

TEST(ObjectPackTest, AnythingElseIsAnError) {
  EXPECT_EQ(unpackError(""), "malformed object pack: no magic");
  EXPECT_EQ(unpackError("\x7f" "ELF\x02\x01\x01"),
            "malformed object pack: no magic");
  EXPECT_EQ(unpackError("NNPACK01" + u32(0)),
            "malformed object pack: object count 0");
  EXPECT_EQ(unpackError("NNPACK01" + u32(65)),
            "malformed object pack: object count 65");
  EXPECT_EQ(unpackError("NNPACK01" + u32(2) + u64(1)),
            "malformed object pack: truncated sizes");
  EXPECT_EQ(unpackError("NNPACK01" + u32(1) + u64(4) + "abc"),
            "malformed object pack: an object's size exceeds the pack");
  EXPECT_EQ(unpackError("NNPACK01" + u32(1) + u64(0)),
            "malformed object pack: an object's size exceeds the pack");
  // Sizes whose sum wraps around 2^64 must not pass as fitting.
  EXPECT_EQ(unpackError("NNPACK01" + u32(2) + u64(2) + u64(~uint64_t(0)) +
                        "abc"),
            "malformed object pack: an object's size exceeds the pack");
  EXPECT_EQ(unpackError("NNPACK01" + u32(1) + u64(2) + "abc"),
            "malformed object pack: bytes after the last object");
}

} // namespace
