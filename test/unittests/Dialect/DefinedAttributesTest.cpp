//===- DefinedAttributesTest.cpp - one attribute rule for every nn op -----===//
//
// Part of the nn-mlir project.
//
// Every registered nn op refuses attributes it does not define (the
// DefinedAttributesOnly trait of the base op class), so an op added without
// the base class, or a trait list that drops it, fails here.
//
//===----------------------------------------------------------------------===//

#include "nn/Dialect/NN/IR/NNDialect.h"
#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

using namespace mlir;

TEST(DefinedAttributesTest, EveryNNOpHasTheTrait) {
  MLIRContext context;
  context.loadDialect<nn::NNDialect>();
  int checked = 0;
  for (RegisteredOperationName name : context.getRegisteredOperations()) {
    if (name.getDialectNamespace() != nn::NNDialect::getDialectNamespace())
      continue;
    EXPECT_TRUE(name.hasTrait<nn::OpTrait::DefinedAttributesOnly>())
        << name.getStringRef().str() << " accepts attributes it does not "
        << "define (derive it from NN_Op)";
    ++checked;
  }
  // The dialect's ops were found (a failed lookup would check nothing).
  EXPECT_GE(checked, 30);
}
