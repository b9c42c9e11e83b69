//===- Approximations.h - math functions as vectorizable code ---*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_CODEGEN_APPROXIMATIONS_H
#define NN_CODEGEN_APPROXIMATIONS_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::nn {

/// Rewrites f32 `math.exp` (scalars and vectors) into arith and math.fma ops:
/// a Cody-Waite range reduction and a degree-6 polynomial, within 1.4 ulp of
/// the exact result for results of at least 2^-125.5; smaller results are 0,
/// larger than FLT_MAX +inf, and NaN stays NaN. 15 operations per vector and
/// 12 constants: fits AVX2's 16 registers at 8 lanes, unlike upstream's
/// polynomial (22 operations, 14 constants).
void populateExpApproximationPatterns(RewritePatternSet &patterns);

/// Rewrites f32 `math.exp` (scalars and vectors) for x86 cores with AVX-512:
/// a range reduction by ln 2 / 16, 2^(j/16) from a 16-entry table looked up
/// with `vpermd` (the LLVM intrinsic), and a degree-3 polynomial; within
/// 1.1 ulp for results of at least 2^-125 (x >= -86.64), 0 below, +inf
/// above FLT_MAX, NaN kept. 7 multiplications and FMAs per vector instead
/// of 10. The same bits for scalars and for vectors of any shape.
void populateExpTableApproximationPatterns(RewritePatternSet &patterns);

} // namespace mlir::nn

#endif // NN_CODEGEN_APPROXIMATIONS_H
