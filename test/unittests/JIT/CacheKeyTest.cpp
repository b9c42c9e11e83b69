//===- CacheKeyTest.cpp - what the compile cache key depends on -----------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "../../../lib/JIT/Compiler.h"

#include "nn/InitAll.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

using namespace nn::jit::internal;

namespace {

class CacheKeyTest : public ::testing::Test {
protected:
  CacheKeyTest() {
    mlir::DialectRegistry registry;
    mlir::registerAllDialects(registry);
    mlir::nn::registerAllDialects(registry);
    context.appendDialectRegistry(registry);
  }

  std::string key(llvm::StringRef source, llvm::StringRef entry = "f",
                  llvm::StringRef pipeline = "builtin.module(nn-lower-to-llvm)",
                  unsigned optLevel = 3, llvm::StringRef buildId = "build-a") {
    auto module = mlir::parseSourceString<mlir::ModuleOp>(source, &context);
    EXPECT_TRUE(bool(module));
    auto unit = extractCompileUnit(*module, entry);
    return computeCacheKey(*unit, pipeline, optLevel, buildId);
  }

  mlir::MLIRContext context;
};

constexpr llvm::StringLiteral kRelu = R"mlir(
  func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
    %0 = nn.relu %x : tensor<4xf32>
    return %0 : tensor<4xf32>
  })mlir";

TEST_F(CacheKeyTest, EverythingThatChangesCodeChangesTheKey) {
  std::string base = key(kRelu);
  EXPECT_EQ(base.size(), 64u);
  EXPECT_EQ(key(kRelu), base);
  EXPECT_NE(key(kRelu, "f", "builtin.module(nn-lower-to-llvm{use-workspace=true})"), base);
  EXPECT_NE(key(kRelu, "f", "builtin.module(nn-lower-to-llvm)", 2), base);
  EXPECT_NE(key(kRelu, "f", "builtin.module(nn-lower-to-llvm)", 3, "build-b"), base);
  EXPECT_NE(key(R"mlir(
    func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
      %0 = nn.tanh %x : tensor<4xf32>
      return %0 : tensor<4xf32>
    })mlir"),
            base);
}

TEST_F(CacheKeyTest, LocationsAndUnrelatedFunctionsDoNotMatter) {
  std::string base = key(kRelu);
  EXPECT_EQ(key(R"mlir(
    func.func @f(%x: tensor<4xf32> loc("a.py":1:2)) -> tensor<4xf32> {
      %0 = nn.relu %x : tensor<4xf32> loc("model.py":10:3)
      return %0 : tensor<4xf32> loc("model.py":11:3)
    }
    func.func @unrelated(%x: tensor<2xf32>) -> tensor<2xf32> {
      return %x : tensor<2xf32>
    })mlir"),
            base);
}

TEST_F(CacheKeyTest, CalleesAndLargeConstantsAreHashedInFull) {
  auto withCallee = [&](llvm::StringRef activation) {
    return key((R"mlir(
      func.func private @g(%x: tensor<4xf32>) -> tensor<4xf32> {
        %0 = nn.)mlir" + activation + R"mlir( %x : tensor<4xf32>
        return %0 : tensor<4xf32>
      }
      func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
        %0 = call @g(%x) : (tensor<4xf32>) -> tensor<4xf32>
        return %0 : tensor<4xf32>
      })mlir")
                   .str());
  };
  EXPECT_NE(withCallee("relu"), withCallee("tanh"));

  // Two 4096-element constants that differ in their last element: a printer
  // that elided large constants would give them the same key.
  auto withConstant = [&](float last) {
    std::string values;
    for (int i = 0; i < 4095; ++i)
      values += "1.0, ";
    values += std::to_string(last);
    return key(("func.func @f() -> tensor<4096xf32> {\n"
                "  %c = arith.constant dense<[" +
                values +
                "]> : tensor<4096xf32>\n"
                "  return %c : tensor<4096xf32>\n}")
                   .c_str());
  };
  EXPECT_NE(withConstant(1.0f), withConstant(2.0f));
}

} // namespace
