//===- TargetTest.cpp - codegen targets and the options they stand for ----===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Target.h"
#include "nn/Pipelines/Pipelines.h"

#include "mlir/Pass/PassRegistry.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::nn;

namespace {

llvm::StringMap<bool> features(std::initializer_list<const char *> enabled) {
  llvm::StringMap<bool> map;
  // getHostCPUFeatures reports disabled features too.
  for (const char *name : {"sse2", "avx", "avx2", "fma", "avx512f", "neon"})
    map[name] = false;
  for (const char *name : enabled)
    map[name] = true;
  return map;
}

// The x86-64 micro-architecture levels: AVX-512F is v4, AVX2 with FMA v3,
// anything less the baseline; AArch64 is Advanced SIMD.
TEST(CodegenTargetTest, SelectedFromCPUFeatures) {
  EXPECT_EQ(selectCodegenTarget(
                "x86_64", features({"sse2", "avx", "avx2", "fma", "avx512f"})),
            CodegenTarget::X86_64_V4);
  EXPECT_EQ(
      selectCodegenTarget("x86_64", features({"sse2", "avx", "avx2", "fma"})),
      CodegenTarget::X86_64_V3);
  // AVX2 without FMA (no such CPU ships, but a VM may mask FMA off).
  EXPECT_EQ(selectCodegenTarget("x86_64", features({"sse2", "avx", "avx2"})),
            CodegenTarget::X86_64);
  EXPECT_EQ(selectCodegenTarget("x86_64", features({"sse2", "avx"})),
            CodegenTarget::X86_64);
  EXPECT_EQ(selectCodegenTarget("aarch64", features({"neon"})),
            CodegenTarget::ArmV8A);
}

TEST(CodegenTargetTest, NamesRoundTrip) {
  for (CodegenTarget target :
       {CodegenTarget::Host, CodegenTarget::X86_64_V4, CodegenTarget::X86_64_V3,
        CodegenTarget::X86_64, CodegenTarget::ArmV8A})
    EXPECT_EQ(parseCodegenTarget(stringifyCodegenTarget(target)), target);
  EXPECT_EQ(parseCodegenTarget("avx2"), std::nullopt);
  EXPECT_EQ(parseCodegenTarget(""), std::nullopt);
}

// Accumulators + one B row + one broadcast fit the register file: 8 x 32
// is 16 + 2 + 1 of 32 zmm (16 lanes each); 6 x 16 is 12 + 2 + 1 of 16 ymm
// (8 lanes).
TEST(CodegenTargetTest, MatmulRegisterTiles) {
  CodegenTargetInfo v4 = getCodegenTargetInfo(CodegenTarget::X86_64_V4);
  EXPECT_EQ(v4.name, "x86-64-v4");
  EXPECT_EQ(std::make_pair(v4.matmulTileRows, v4.matmulTileCols),
            std::make_pair(int64_t(8), int64_t(32)));
  EXPECT_EQ(v4.vectorLanes, 16);
  CodegenTargetInfo v3 = getCodegenTargetInfo(CodegenTarget::X86_64_V3);
  EXPECT_EQ(v3.name, "x86-64-v3");
  EXPECT_EQ(v3.vectorLanes, 8);
  EXPECT_EQ(std::make_pair(v3.matmulTileRows, v3.matmulTileCols),
            std::make_pair(int64_t(6), int64_t(16)));
  // The host is one of the concrete levels.
  CodegenTarget host = resolveCodegenTarget(CodegenTarget::Host);
  EXPECT_NE(host, CodegenTarget::Host);
  EXPECT_EQ(getCodegenTargetInfo(CodegenTarget::Host).name,
            stringifyCodegenTarget(host));
}

/// The register tile a textual nn-lower-to-llvm option list stands for.
std::pair<int64_t, int64_t> tileOf(llvm::StringRef options) {
  auto parsed = CodegenPipelineOptions::createFromString(options);
  EXPECT_TRUE(parsed) << options.str();
  return parsed ? getMatmulRegisterTile(*parsed) : std::make_pair(0l, 0l);
}

// The pipeline's codegen-target chooses the register tile; register-tile-rows
// and -cols given explicitly win over it.
TEST(CodegenTargetTest, PipelineOptionsFollowTheTarget) {
  using Tile = std::pair<int64_t, int64_t>;
  EXPECT_EQ(tileOf(""), Tile(8, 32));
  EXPECT_EQ(tileOf("codegen-target=x86-64-v3"), Tile(6, 16));
  EXPECT_EQ(tileOf("codegen-target=x86-64-v3 register-tile-rows=4"),
            Tile(4, 16));
  EXPECT_EQ(tileOf("codegen-target=x86-64-v3 register-tile-cols=32"),
            Tile(6, 32));
  EXPECT_EQ(tileOf("register-tile-rows=8 codegen-target=x86-64"), Tile(8, 8));
  EXPECT_FALSE(CodegenPipelineOptions::createFromString("codegen-target=avx"));
}

} // namespace
