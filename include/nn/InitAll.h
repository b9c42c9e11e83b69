//===- InitAll.h - register everything nn-mlir provides ---------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_INITALL_H
#define NN_INITALL_H

#include "nn/Codegen/Passes.h"
#include "nn/Conversion/Passes.h"
#include "nn/Dialect/NN/IR/NNDialect.h"
#include "nn/Dialect/NN/Transforms/Passes.h"
#include "nn/FunctionTransforms/Passes.h"
#include "nn/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"

namespace mlir::nn {

/// Adds the nn dialect (and what it depends on) to `registry`.
inline void registerAllDialects(DialectRegistry &registry) {
  registry.insert<NNDialect>();
}

/// Registers every nn-mlir pass and pipeline with the global registry.
inline void registerAllPasses() {
  registerNNPasses();
  registerNNFunctionTransformsPasses();
  registerNNConversionPasses();
  registerNNCodegenPasses();
  registerPipelines();
}

} // namespace mlir::nn

#endif // NN_INITALL_H
