//===- Strategy.h - decisions shared by the strategy and the lowering -----===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_CODEGEN_STRATEGY_H
#define NN_CODEGEN_STRATEGY_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <algorithm>
#include <cstdint>

namespace mlir::nn {

/// Largest divisor of `size` that is <= `limit` (tiles must divide the shape
/// so that every tile is full and statically shaped); 1 when none is larger.
inline int64_t largestDivisorUpTo(int64_t size, int64_t limit) {
  for (int64_t candidate = std::min(size, limit); candidate > 1; --candidate)
    if (size % candidate == 0)
      return candidate;
  return 1;
}

/// Largest divisor of `size` that is a multiple of `step` and at most
/// `limit`; `step` itself when none larger is (whether or not it divides).
inline int64_t largestMultipleDivisorUpTo(int64_t size, int64_t step,
                                          int64_t limit) {
  for (int64_t candidate = std::min(size, limit) / step * step;
       candidate > step; candidate -= step)
    if (size % candidate == 0)
      return candidate;
  return step;
}

/// Bytes of the target's cache line: the unit of prefetches
/// (nn-prefetch-rows) and of non-temporal stores (nn-stream-stores).
constexpr int64_t kCacheLineBytes = 64;

/// Vectors (of `vector-width` lanes) in one chunk of a long innermost
/// reduction (softmax, layer_norm rows): the chunk's partial sums are its
/// accumulators. 4 x 16 = 64 lanes: 8 AVX2 registers, 4 AVX-512 ones. The
/// chunk sets the order of every row's sum, so it does not depend on the
/// codegen target. (16 vectors, 32 ymm registers on AVX2, spilled every
/// accumulator: 64 lanes made softmax and layer_norm over 4096^2 14-19%
/// faster there.)
constexpr int64_t kReductionChunkVectors = 4;

/// Whether `op`, with reduction tiles `reductionTiles`, reduces its innermost
/// loop in chunks of several lanes (a softmax's sum): the loop an
/// elementwise producer the strategy leaves without register tiles is
/// computed in.
inline bool reducesInnermostInChunks(linalg::LinalgOp op,
                                     llvm::ArrayRef<int64_t> reductionTiles) {
  return op.getNumLoops() > 0 && !reductionTiles.empty() &&
         op.getIteratorTypesArray().back() == utils::IteratorType::reduction &&
         reductionTiles.back() > 1;
}

/// Widest cache tile of a matmul's N whose B block is held in L2: 256 f32 =
/// 16 cache lines of each B row, so that a B block spreads over many L2
/// sets. (Where A's block is copied, the strategy's `copied-a-cache-tile-cols`
/// applies instead.)
constexpr int64_t kMaxCacheTileCols = 256;

/// Register-row tiles of a cache tile that must reuse a copied B panel for
/// the copy to pay off.
constexpr int64_t kMinRowTilesPerPackedPanel = 8;

/// Whether the register tiles of a matmul copy each kc x nr column panel of
/// B into a contiguous buffer first (nn-tile-and-fuse): when its k is
/// blocked (no epilogue shares its register loops) and a cache tile of
/// `cacheRows` rows holds enough register tiles of `registerRows` to reuse
/// the panel. The strategy's cache tiles assume the same rule.
inline bool packsMatmulPanels(int64_t cacheRows, int64_t registerRows,
                              bool kBlocked) {
  return kBlocked && registerRows > 0 &&
         cacheRows / registerRows >= kMinRowTilesPerPackedPanel;
}

} // namespace mlir::nn

#endif // NN_CODEGEN_STRATEGY_H
