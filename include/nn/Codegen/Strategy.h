//===- Strategy.h - decisions shared by the strategy and the lowering -----===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_CODEGEN_STRATEGY_H
#define NN_CODEGEN_STRATEGY_H

#include <cstdint>

namespace mlir::nn {

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
