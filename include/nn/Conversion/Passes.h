//===- Passes.h - nn conversion passes ---------------------------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_CONVERSION_PASSES_H
#define NN_CONVERSION_PASSES_H

#include "nn/Conversion/NNToLinalg/NNToLinalg.h"

#include "mlir/Pass/Pass.h"

namespace mlir::nn {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "nn/Conversion/Passes.h.inc"

} // namespace mlir::nn

#endif // NN_CONVERSION_PASSES_H
