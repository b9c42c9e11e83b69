//===- NNToLinalg.h - nn to linalg conversion patterns -----------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// The conversion is split by op family; each family exports its patterns.
//
//===----------------------------------------------------------------------===//

#ifndef NN_CONVERSION_NNTOLINALG_NNTOLINALG_H
#define NN_CONVERSION_NNTOLINALG_NNTOLINALG_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::nn {

/// nn.dense, nn.embedding.
void populateLinearToLinalgPatterns(RewritePatternSet &patterns);
/// nn.relu, nn.gelu, nn.tanh, nn.sigmoid.
void populateElementwiseToLinalgPatterns(RewritePatternSet &patterns);
/// nn.softmax, nn.layer_norm, nn.global_avg_pool, nn.global_max_pool.
void populateReductionToLinalgPatterns(RewritePatternSet &patterns);

/// All of the above.
void populateNNToLinalgConversionPatterns(RewritePatternSet &patterns);

} // namespace mlir::nn

#endif // NN_CONVERSION_NNTOLINALG_NNTOLINALG_H
