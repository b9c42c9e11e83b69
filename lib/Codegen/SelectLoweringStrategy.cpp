//===- SelectLoweringStrategy.cpp - choose tile sizes per op --------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"

#include "nn/Dialect/NN/IR/NNAttrs.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNSELECTLOWERINGSTRATEGYPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Largest divisor of `size` that is <= `limit` (tiles must divide the shape
/// so that every tile is full and statically shaped).
int64_t largestDivisorUpTo(int64_t size, int64_t limit) {
  for (int64_t candidate = std::min(size, limit); candidate > 1; --candidate)
    if (size % candidate == 0)
      return candidate;
  return 1;
}

/// The register tile of a 2-D matmul, or nullopt for any other op.
std::optional<std::pair<int64_t, int64_t>>
matmulRegisterTile(linalg::LinalgOp op, int64_t rows, int64_t cols) {
  if (!isa<linalg::MatmulOp>(op) || !op.hasPureTensorSemantics())
    return std::nullopt;
  SmallVector<int64_t> bounds = op.getStaticLoopRanges();
  if (bounds.size() != 3 || ShapedType::isDynamicShape(bounds))
    return std::nullopt;
  return std::make_pair(largestDivisorUpTo(bounds[0], rows),
                        largestDivisorUpTo(bounds[1], cols));
}

struct NNSelectLoweringStrategyPass
    : mlir::nn::impl::NNSelectLoweringStrategyPassBase<NNSelectLoweringStrategyPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    getOperation().walk([&](linalg::LinalgOp op) {
      SmallVector<int64_t> bounds = op.getStaticLoopRanges();
      if (ShapedType::isDynamicShape(bounds) || !op.hasPureTensorSemantics())
        return;
      SmallVector<int64_t> tiles(bounds.size(), 0);
      SmallVector<int64_t> reductionTiles(bounds.size(), 0);

      if (auto tile = matmulRegisterTile(op, registerTileRows,
                                         registerTileCols)) {
        // [m, n, k]: register tile on m and n, step 1 on k.
        tiles = {tile->first, tile->second, 0};
        reductionTiles = {0, 0, 1};
      } else if (std::optional<SmallVector<int64_t>> epilogue =
                     epilogueTiles(op)) {
        tiles = *epilogue;
      } else {
        // One row at a time on outer parallel loops, up to one vector on
        // the innermost parallel loop; reductions stay whole.
        SmallVector<utils::IteratorType> iterators =
            op.getIteratorTypesArray();
        int64_t innermostParallel = -1;
        for (auto [index, iterator] : llvm::enumerate(iterators))
          if (iterator == utils::IteratorType::parallel) {
            tiles[index] = 1;
            innermostParallel = index;
          }
        // A reduction over an outer loop (pooling over time): step through
        // it one slice at a time with a whole row of accumulators (up to 16
        // vectors) in registers, reading contiguous rows.
        bool outerReduction = op.getNumReductionLoops() > 0 &&
                              iterators.back() == utils::IteratorType::parallel;
        if (innermostParallel >= 0)
          tiles[innermostParallel] = largestDivisorUpTo(
              bounds[innermostParallel],
              outerReduction ? 16 * vectorWidth : vectorWidth);
        if (outerReduction)
          for (auto [index, iterator] : llvm::enumerate(iterators))
            if (iterator == utils::IteratorType::reduction)
              reductionTiles[index] = 1;
      }
      op->setAttr(kLoweringConfigAttrName,
                  LoweringConfigAttr::get(context, tiles, reductionTiles));
    });
  }

  /// An all-parallel op reading, through the identity map, the result of a
  /// reduction whose config tiles its reduction loops (a matmul's k, pooling
  /// over time) is that op's epilogue: it gets the producer's parallel tiles,
  /// so the producer fuses into its loops and is computed once per tile.
  /// (Producers come first in the walk, so their configs are set.)
  std::optional<SmallVector<int64_t>> epilogueTiles(linalg::LinalgOp op) {
    if (op.getNumReductionLoops() != 0)
      return std::nullopt;
    for (OpOperand *operand : op.getDpsInputOperands()) {
      auto producer = operand->get().getDefiningOp<linalg::LinalgOp>();
      if (!producer || !op.getMatchingIndexingMap(operand).isIdentity())
        continue;
      auto config =
          producer->getAttrOfType<LoweringConfigAttr>(kLoweringConfigAttrName);
      if (!config || llvm::all_of(config.getReductionTileSizes(),
                                  [](int64_t s) { return s == 0; }))
        continue;
      SmallVector<int64_t> tiles;
      for (auto [tile, iterator] : llvm::zip(config.getTileSizes(),
                                             producer.getIteratorTypesArray()))
        if (iterator == utils::IteratorType::parallel)
          tiles.push_back(tile);
      if (tiles.size() == op.getNumLoops())
        return tiles;
    }
    return std::nullopt;
  }
};

} // namespace
