//===- Passes.td - nn conversion passes --------------------*- tablegen -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_CONVERSION_PASSES_TD
#define NN_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertNNToLinalgPass : Pass<"convert-nn-to-linalg"> {
  let summary = "Lower nn ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Rewrites every nn op into upstream ops on tensors: `linalg.matmul` for
    the contraction of `nn.dense` (batch dimensions collapsed into rows) and
    `linalg.generic` for elementwise work and reductions, so that upstream
    fusion, tiling and vectorization apply. The conversion is total: an nn op
    that is left over is an error.

    Numerics are fixed here, independently of later fusion: the bias is
    added after the full sum, reductions run in increasing index order, and
    no multiply and add from different ops are contracted into an FMA.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // NN_CONVERSION_PASSES_TD
