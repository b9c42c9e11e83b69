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
/// nn.softmax (optionally masked), nn.layer_norm.
void populateReductionToLinalgPatterns(const TypeConverter &converter,
                                       RewritePatternSet &patterns);
/// nn.attention.
void populateAttentionToLinalgPatterns(const TypeConverter &converter,
                                       RewritePatternSet &patterns);
/// Mask ops and the (optionally masked) pooling ops. Masks become tensors of
/// i8 (0/1 bytes, a NumPy bool array's layout) through `converter`.
void populateMaskingToLinalgPatterns(const TypeConverter &converter,
                                     RewritePatternSet &patterns);

/// The loss ops (softmax / sigmoid cross-entropy, mean squared error), with
/// their optional masks (bytes through `converter`) and sample weights.
void populateLossToLinalgPatterns(const TypeConverter &converter,
                                  RewritePatternSet &patterns);

/// The optimizer updates (nn.sgd_update, nn.adam_update, nn.adamw_update):
/// one multi-result elementwise linalg.generic each.
void populateOptimizerToLinalgPatterns(RewritePatternSet &patterns);

/// Random ops (threefry2x32). Keys become tensor<2xi32> (key arrays
/// tensor<Nx2xi32>) through `converter`.
void populateRandomToLinalgPatterns(const TypeConverter &converter,
                                    RewritePatternSet &patterns);

/// The nn types at and below the boundary: i1 tensors (masks) become i8
/// tensors (with arith casts where unconverted ops need i1), `!nn.key`
/// becomes tensor<2xi32> and `tensor<N x !nn.key>` tensor<Nx2xi32>; other
/// types stay.
void populateNNTypeConversion(TypeConverter &converter);

/// All of the above.
void populateNNToLinalgConversionPatterns(const TypeConverter &converter,
                                          RewritePatternSet &patterns);

} // namespace mlir::nn

#endif // NN_CONVERSION_NNTOLINALG_NNTOLINALG_H
