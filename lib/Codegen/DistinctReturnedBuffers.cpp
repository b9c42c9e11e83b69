//===- DistinctReturnedBuffers.cpp - one buffer per function result -------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNDISTINCTRETURNEDBUFFERSPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;

namespace {

struct NNDistinctReturnedBuffersPass
    : mlir::nn::impl::NNDistinctReturnedBuffersPassBase<
          NNDistinctReturnedBuffersPass> {
  void runOnOperation() override {
    getOperation().walk([](func::ReturnOp ret) {
      llvm::SmallPtrSet<Value, 4> returned;
      OpBuilder builder(ret);
      Location loc = ret.getLoc();
      for (OpOperand &operand : ret->getOpOperands()) {
        Value buffer = operand.get();
        auto type = dyn_cast<MemRefType>(buffer.getType());
        if (!type || returned.insert(buffer).second)
          continue;
        SmallVector<Value> dynamicSizes;
        for (auto [dim, size] : llvm::enumerate(type.getShape()))
          if (ShapedType::isDynamic(size))
            dynamicSizes.push_back(
                memref::DimOp::create(builder, loc, buffer, dim));
        // The result's own type: an identity layout is what the function
        // boundary uses (function-boundary-type-conversion).
        Value copy = memref::AllocOp::create(builder, loc, type, dynamicSizes);
        memref::CopyOp::create(builder, loc, buffer, copy);
        operand.set(copy);
      }
    });
  }
};

} // namespace
