//===- SelectLoweringStrategy.cpp - choose tile sizes per op --------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"
#include "nn/Codegen/Strategy.h"
#include "nn/Codegen/WeightLayout.h"

#include "nn/Dialect/NN/IR/NNAttrs.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"

#include <limits>

namespace mlir::nn {
#define GEN_PASS_DEF_NNSELECTLOWERINGSTRATEGYPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// The product of non-negative shape values, INT64_MAX when it overflows:
/// the heuristics compare sizes, and any shape (nn-opt compiles shapes no
/// buffer could hold) must not make them overflow.
int64_t product(ArrayRef<int64_t> factors) {
  int64_t result = 1;
  for (int64_t factor : factors)
    if (__builtin_mul_overflow(result, factor, &result))
      return std::numeric_limits<int64_t>::max();
  return result;
}

/// Cache tiles per thread past which a matmul's tiles need not divide
/// evenly among the threads.
constexpr int64_t kBalancedTilesPerThread = 4;

/// Vector registers per value of the widest chunk an elementwise op is
/// computed in inside a reduction's loop: an exp keeps about 6 values live,
/// 24 of AVX-512's 32 zmm registers at 4 each, but 48 of AVX2's 16 ymm at 8
/// each. (From the register count; not measured on an AVX2 core.)
constexpr int64_t kMaxChunkRegisters = 4;

/// Shortest row (iterations) a row group's cache tile holds alone: rows
/// taken one by one let a thread prefetch the next row and store the last
/// one during a row's compute. (Softmax and layer_norm over 128 to 4096
/// columns on one Zen 4 core: 1.3-4x faster than 4 to 32 rows per chunk;
/// over 16 and 32 columns 1.07-1.4x, against 128 to 256 rows per chunk.)
constexpr int64_t kRowGroupMinRow = 16;

/// The register tile of a 2-D matmul, or nullopt for any other op.
std::optional<std::pair<int64_t, int64_t>>
matmulRegisterTile(linalg::LinalgOp op, int64_t rows, int64_t cols) {
  if (!isa<linalg::MatmulOp>(op) || !op.hasPureTensorSemantics())
    return std::nullopt;
  SmallVector<int64_t> bounds = op.getStaticLoopRanges();
  if (bounds.size() != 3 || ShapedType::isDynamicShape(bounds))
    return std::nullopt;
  int64_t rowTile = largestDivisorUpTo(bounds[0], rows);
  // A bound kernel laid out in panels (nn-pack-bound-weights) is read one
  // whole panel per register tile.
  if (linalg::UnPackOp unpack =
          getPanelUnpackSource(op.getDpsInputOperand(1)->get()))
    if (bounds[1] % *getPanelWidth(unpack) == 0)
      return std::make_pair(rowTile, *getPanelWidth(unpack));
  // Fewer rows than `rows` (a batch of 1 to 4) keep as many accumulators
  // with wider tiles: independent FMA chains to hide the FMA latency, and
  // longer contiguous reads of each row of B.
  int64_t colTile = largestDivisorUpTo(bounds[1], cols);
  if (colTile == cols && rowTile < rows)
    colTile =
        largestMultipleDivisorUpTo(bounds[1], cols, cols * (rows / rowTile));
  return std::make_pair(rowTile, colTile);
}

/// Next smaller divisor of `size` below `current` that is a multiple of
/// `step`, or `current` when there is none.
int64_t nextSmallerTile(int64_t size, int64_t step, int64_t current) {
  for (int64_t candidate = current - step; candidate >= step;
       candidate -= step)
    if (size % candidate == 0)
      return candidate;
  return current;
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

      SmallVector<int64_t> cacheTiles, copiedOperands;
      if (auto tile = matmulRegisterTile(op, registerTileRows,
                                         registerTileCols)) {
        // [m, n, k]: register tile on m and n, step 1 on k; cache tiles
        // around it.
        tiles = {tile->first, tile->second, 0};
        reductionTiles = {0, 0, 1};
        bool copiesA = false;
        cacheTiles =
            matmulCacheTiles(bounds, tile->first, tile->second, copiesA);
        if (copiesA)
          copiedOperands.push_back(0);
      } else if (std::optional<std::pair<SmallVector<int64_t>,
                                         SmallVector<int64_t>>>
                     epilogue = epilogueTiles(op)) {
        std::tie(tiles, cacheTiles) = *epilogue;
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
        // A reduction over the innermost loop (softmax, layer_norm): one row
        // at a time, a long one reduced in chunks of up to
        // kReductionChunkVectors vectors (a vector accumulator per chunk,
        // never a whole row in one vector), a short one whole. (Vectorized across 16 rows instead, each tile
        // is read as 16 rows and transposed lane by lane: the same speed,
        // 2-5x the compile time of a whole softmax over rows of 10-128.)
        int64_t innerBound = bounds.empty() ? 0 : bounds.back();
        bool innerReduction =
            !iterators.empty() &&
            iterators.back() == utils::IteratorType::reduction;
        int64_t chunk = kReductionChunkVectors * vectorWidth;
        if (innerReduction && innerBound > chunk) {
          reductionTiles.back() = largestDivisorUpTo(innerBound, chunk);
        } else if (innermostParallel >= 0 && !innerReduction)
          tiles[innermostParallel] = largestDivisorUpTo(
              bounds[innermostParallel],
              outerReduction ? 16 * vectorWidth : vectorWidth);
        // A 2-D transpose (reverse mode transposes a factor of a matmul):
        // square tiles of one vector per row, read as rows and transposed in
        // registers, instead of a row of the output gathered with a stride.
        if (isa<linalg::TransposeOp>(op) && bounds.size() == 2) {
          tiles = {largestDivisorUpTo(bounds[0], vectorWidth),
                   largestDivisorUpTo(bounds[1], vectorWidth)};
        }
        if (outerReduction)
          for (auto [index, iterator] : llvm::enumerate(iterators))
            if (iterator == utils::IteratorType::reduction)
              reductionTiles[index] = 1;
        cacheTiles =
            outerCacheTiles(bounds, iterators, tiles, isInRowGroup(op));
      }
      op->setAttr(kLoweringConfigAttrName,
                  LoweringConfigAttr::get(context, tiles, reductionTiles,
                                          cacheTiles, copiedOperands));
    });
    getOperation().walk([&](linalg::LinalgOp op) {
      if (fuseIntoReductionChunks && isComputedInReductionChunks(op))
        dropRegisterTiles(op);
    });
  }

  /// Whether `op`, an elementwise op with a config, is read whole, through
  /// the identity map, by exactly one op that reduces its innermost loop in
  /// chunks of at most kMaxChunkRegisters registers (a softmax's
  /// exponentials and their sum). Its chunks are then computed inside that
  /// reduction's chunk loop, stored for its other users as they are
  /// computed, and summed while still in registers, instead of in a loop of
  /// their own whose row the reduction reads back.
  bool isComputedInReductionChunks(linalg::LinalgOp op) {
    if (!op->hasAttr(kLoweringConfigAttrName) || op->getNumResults() != 1 ||
        op.getNumReductionLoops() != 0 ||
        !op.getIndexingMapMatchingResult(op->getResult(0)).isIdentity())
      return false;
    linalg::LinalgOp reduction;
    for (OpOperand &use : op->getResult(0).getUses()) {
      // Every user shares the reduction's cache tiles (a value the function
      // returns would need tiles of its own).
      auto user = dyn_cast<linalg::LinalgOp>(use.getOwner());
      if (!user)
        return false;
      if (!user.isDpsInput(&use))
        continue;
      auto config =
          user->getAttrOfType<LoweringConfigAttr>(kLoweringConfigAttrName);
      if (!config || user.getNumLoops() != op.getNumLoops() ||
          !user.getMatchingIndexingMap(&use).isIdentity() ||
          !reducesInnermostInChunks(user, config.getReductionTileSizes()) ||
          config.getReductionTileSizes().back() >
              kMaxChunkRegisters * targetVectorLanes)
        continue;
      if (reduction)
        return false;
      reduction = user;
    }
    return static_cast<bool>(reduction);
  }

  /// Sets the register tiles of `op`'s config to 0: it is tiled only where
  /// its consumer fuses it.
  static void dropRegisterTiles(linalg::LinalgOp op) {
    auto config =
        op->getAttrOfType<LoweringConfigAttr>(kLoweringConfigAttrName);
    SmallVector<int64_t> noTiles(config.getTileSizes().size(), 0);
    op->setAttr(kLoweringConfigAttrName,
                LoweringConfigAttr::get(op->getContext(), noTiles,
                                        config.getReductionTileSizes(),
                                        config.getCacheTileSizes(),
                                        config.getCopiedOperands()));
  }

  /// Cache tiles [mc, nc, kc] of a matmul [M, N, K] with register tile
  /// [mr, nr]. Inside one cache tile the register tiles stream B's block
  /// (kc x nc, nc <= 256 unless all of B fits) and A's block (mc x kc) from
  /// L2, each at most an eighth of `l2-cache-bytes`; rows a power-of-two
  /// stride apart map to a fraction of L2's sets, which bounds mc (A's rows)
  /// and, unless B's panels are copied, kc (B's rows) further.
  /// Where that bound on mc leaves fewer rows than A's block could hold,
  /// and B's panels are copied (a k-blocked matmul), the A block of each
  /// cache tile and k block is copied into a contiguous buffer instead
  /// (`copiesA`), which no stride makes alias, and mc is not bound by it.
  /// A copied A block is copied again for every column tile: there nc
  /// widens up to `copied-a-cache-tile-cols`, beyond the L2 budget, since
  /// B's block then streams through L1 panel by panel (copied once per
  /// panel, as for nc <= 256) and needs no room in L2 (2048^3 on Zen 4,
  /// x86-64-v3: nc = 2048 ran 13-18% faster than 256 on 1 thread, 6-14% on
  /// 2).
  /// A problem of at least `parallel-min-flops` is cut into at least
  /// `parallel-min-tiles` tiles (such wide column tiles narrowed back first,
  /// then rows), so that threads share it, and into a multiple of that many
  /// unless there are at least 4 per thread.
  /// Empty when one tile is the whole problem; kc = 0 when K is not blocked.
  SmallVector<int64_t> matmulCacheTiles(ArrayRef<int64_t> bounds, int64_t mr,
                                        int64_t nr, bool &copiesA) {
    int64_t m = bounds[0], n = bounds[1], k = bounds[2];
    const int64_t f32Bytes = sizeof(float);
    int64_t blockBytes = l2CacheBytes / 8;
    int64_t nc = product({k, n, f32Bytes}) <= blockBytes
                     ? n
                     : largestMultipleDivisorUpTo(n, nr, kMaxCacheTileCols);
    // Rows a power-of-two stride apart (>= 4 KiB) share L2 sets: only
    // L2 / stride of them stay cached. Keep to half.
    auto aliasedRows = [&](int64_t rowElements) -> int64_t {
      int64_t stride = product({rowElements, f32Bytes});
      if (stride >= 4096 && llvm::isPowerOf2_64(stride))
        return l2CacheBytes / product({2, stride});
      return std::numeric_limits<int64_t>::max();
    };
    auto rowsOfA = [&](int64_t kc, bool aliased = true) {
      return largestMultipleDivisorUpTo(
          m, mr,
          std::min(blockBytes / product({kc, f32Bytes}),
                   aliased ? aliasedRows(k)
                           : std::numeric_limits<int64_t>::max()));
    };
    auto kBlock = [&](int64_t rowLimit) {
      return largestDivisorUpTo(
          k, std::max<int64_t>(
                 1, std::min(blockBytes / product({nc, f32Bytes}), rowLimit)));
    };
    int64_t kc = kBlock(std::numeric_limits<int64_t>::max());
    int64_t mc = rowsOfA(kc);
    // Unless the lowering copies B's column panels (packsMatmulPanels), the
    // B block itself must stay in L2.
    if (!packsMatmulPanels(mc, mr, kc != k)) {
      kc = kBlock(aliasedRows(n));
      mc = rowsOfA(kc);
    }
    copiesA = false;
    if (int64_t contiguousRows = rowsOfA(kc, /*aliased=*/false);
        contiguousRows > mc && packsMatmulPanels(contiguousRows, mr, kc != k)) {
      mc = contiguousRows;
      copiesA = true;
    }
    // The column tile within L2's budget, which a wide one narrows back to.
    int64_t l2Cols = nc;
    if (copiesA && nc < n)
      nc = largestMultipleDivisorUpTo(n, nr,
                                      std::max<int64_t>(nc, copiedACacheTileCols));
    if (product({2, m, n, k}) >= parallelMinFlops) {
      // The tiles divide evenly among `parallel-min-tiles` threads, or are
      // many enough that an uneven share costs little (3 tiles on 2 threads
      // leave one idle a third of the time).
      auto balanced = [&](int64_t tiles) {
        return tiles >= parallelMinTiles &&
               (tiles % parallelMinTiles == 0 ||
                tiles >= kBalancedTilesPerThread * parallelMinTiles);
      };
      while (!balanced(product({m / mc, n / nc}))) {
        if (nc > l2Cols) {
          int64_t narrower = nextSmallerTile(n, nr, nc);
          nc = narrower < nc ? std::max(narrower, l2Cols) : l2Cols;
          continue;
        }
        int64_t smallerM = nextSmallerTile(m, mr, mc);
        if (smallerM != mc) {
          mc = smallerM;
          continue;
        }
        int64_t smallerN = nextSmallerTile(n, nr, nc);
        if (smallerN == nc)
          break;
        nc = smallerN;
      }
    }
    // A's block is copied where B's panels are (nn-tile-and-fuse's
    // k-blocked path): not once the threads' split leaves too few rows.
    copiesA = copiesA && packsMatmulPanels(mc, mr, kc != k);
    if (mc == m && nc == n && kc == k)
      return {};
    return {mc, nc, kc == k ? 0 : kc};
  }

  /// Whether `op` reduces its innermost loop or reads, directly, the result
  /// of an op that does (a softmax's division, layer_norm's scaling).
  static bool isInRowGroup(linalg::LinalgOp op) {
    auto reducesInnermost = [](linalg::LinalgOp linalgOp) {
      SmallVector<utils::IteratorType> iterators =
          linalgOp.getIteratorTypesArray();
      return !iterators.empty() &&
             iterators.back() == utils::IteratorType::reduction;
    };
    return reducesInnermost(op) ||
           llvm::any_of(op->getOperands(), [&](Value operand) {
             auto producer = operand.getDefiningOp<linalg::LinalgOp>();
             return producer && reducesInnermost(producer);
           });
  }

  /// Cache tiles of any other op: big ones (at least `parallel-min-points`
  /// iterations) are cut along their outermost parallel loop into chunks of
  /// about `parallel-min-points` / 2 iterations (2 to 64 of them, multiples
  /// of the register tile dividing the loop), for the threads; memory-bound
  /// ops get both cores' bandwidth. Where one index of that loop spans
  /// rows of at most half of L1 in f32 iterations (4096 wide), a chunk spans no
  /// more, so that the ops fused into it (a softmax's max, exponentials, sum
  /// and division) pass their rows to each other in L1. A `rowGroup` with
  /// rows of at least kRowGroupMinRow iterations gets one row per tile
  /// instead, on all its outer dims. Empty otherwise.
  SmallVector<int64_t>
  outerCacheTiles(ArrayRef<int64_t> bounds,
                  ArrayRef<utils::IteratorType> iterators,
                  ArrayRef<int64_t> registerTiles, bool rowGroup) {
    int64_t points = product(bounds);
    if (points < parallelMinPoints)
      return {};
    // A row group's rows one by one, along every outer dim ([B, S, N]: one
    // row of N per tile; nn-collapse-parallel-rows then takes the B x S
    // rows in order).
    if (rowGroup && bounds.size() > 1 && bounds.back() >= kRowGroupMinRow &&
        points / bounds.back() >= 2) {
      SmallVector<int64_t> cacheTiles(bounds.size(), 1);
      cacheTiles.back() = 0;
      return cacheTiles;
    }
    for (auto [index, iterator] : llvm::enumerate(iterators)) {
      if (iterator != utils::IteratorType::parallel)
        continue;
      int64_t step = std::max<int64_t>(registerTiles[index], 1);
      if (bounds[index] / step < 2)
        continue;
      int64_t chunks = std::clamp<int64_t>(
          product({2, points}) / parallelMinPoints, parallelMinTiles, 64);
      int64_t limit = bounds[index] / chunks;
      int64_t l1Points =
          l1CacheBytes / (2 * static_cast<int64_t>(sizeof(float)));
      int64_t pointsPerIndex = points / bounds[index];
      if (bounds.size() > 1 && pointsPerIndex <= l1Points)
        limit = std::min(limit, l1Points / pointsPerIndex);
      int64_t tile = largestMultipleDivisorUpTo(bounds[index], step,
                                                std::max(step, limit));
      if (tile == bounds[index])
        return {};
      SmallVector<int64_t> cacheTiles(bounds.size(), 0);
      cacheTiles[index] = tile;
      return cacheTiles;
    }
    return {};
  }

  /// An all-parallel op reading (as an input or, after nn-epilogue-in-place,
  /// as its init), through the identity map, the result of a
  /// reduction whose config tiles its reduction loops (a matmul's k, pooling
  /// over time) is that op's epilogue: it gets the producer's parallel tiles,
  /// so the producer fuses into its loops and is computed once per tile.
  /// (Producers come first in the walk, so their configs are set.) Returns
  /// the register tiles and the cache tiles.
  std::optional<std::pair<SmallVector<int64_t>, SmallVector<int64_t>>>
  epilogueTiles(linalg::LinalgOp op) {
    if (op.getNumReductionLoops() != 0)
      return std::nullopt;
    for (OpOperand &operand : op->getOpOperands()) {
      auto producer = operand.get().getDefiningOp<linalg::LinalgOp>();
      if (!producer || !op.getMatchingIndexingMap(&operand).isIdentity())
        continue;
      auto config =
          producer->getAttrOfType<LoweringConfigAttr>(kLoweringConfigAttrName);
      if (!config || llvm::all_of(config.getReductionTileSizes(),
                                  [](int64_t s) { return s == 0; }))
        continue;
      SmallVector<int64_t> tiles, cacheTiles;
      ArrayRef<int64_t> producerCacheTiles = config.getCacheTileSizes();
      for (auto [index, iterator] :
           llvm::enumerate(producer.getIteratorTypesArray())) {
        if (iterator != utils::IteratorType::parallel)
          continue;
        tiles.push_back(config.getTileSizes()[index]);
        if (!producerCacheTiles.empty())
          cacheTiles.push_back(producerCacheTiles[index]);
      }
      if (tiles.size() == op.getNumLoops())
        return std::make_pair(tiles, cacheTiles);
    }
    return std::nullopt;
  }
};

} // namespace
