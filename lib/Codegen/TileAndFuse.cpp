//===- TileAndFuse.cpp - tile by lowering config, fuse producers ----------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"
#include "nn/Codegen/Strategy.h"
#include "nn/Codegen/WeightLayout.h"

#include "nn/Dialect/NN/IR/NNAttrs.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNTILEANDFUSEPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

LoweringConfigAttr getConfig(Operation *op) {
  return op->getAttrOfType<LoweringConfigAttr>(kLoweringConfigAttrName);
}

bool anyNonZero(ArrayRef<int64_t> sizes) {
  return llvm::any_of(sizes, [](int64_t s) { return s != 0; });
}

SmallVector<OpFoldResult> asFoldResults(Builder &b, ArrayRef<int64_t> sizes) {
  return llvm::map_to_vector(
      sizes, [&](int64_t s) -> OpFoldResult { return b.getIndexAttr(s); });
}

/// The two levels of parallel tiles: cache tiles (one `scf.forall`, shared
/// by threads), then register tiles (`scf.for` nests inside it).
enum class TileLevel { Cache, Register };

/// The tile sizes a config gives for `level`, one per loop.
ArrayRef<int64_t> getLevelTiles(LoweringConfigAttr config, TileLevel level) {
  return level == TileLevel::Cache ? config.getCacheTileSizes()
                                   : config.getTileSizes();
}

/// `tiles` with 0 for every loop of `op` whose iterator is not `kind`.
SmallVector<int64_t> keepLoopsOfKind(ArrayRef<int64_t> tiles,
                                     TilingInterface op,
                                     utils::IteratorType kind) {
  SmallVector<int64_t> kept(tiles);
  for (auto [tile, iterator] : llvm::zip(kept, op.getLoopIteratorTypes()))
    if (iterator != kind)
      tile = 0;
  return kept;
}

/// The parallel tiles of `op` at `level` (cache tiles of reduction loops are
/// applied separately, by `tileCacheReductions`).
SmallVector<int64_t> getTiles(TilingInterface op, LoweringConfigAttr config,
                              TileLevel level) {
  return keepLoopsOfKind(getLevelTiles(config, level), op,
                         utils::IteratorType::parallel);
}

/// The cache tiles of `op`'s reduction loops (0 elsewhere), or an empty
/// vector when it has none.
SmallVector<int64_t> getCacheReductionTiles(TilingInterface op) {
  LoweringConfigAttr config = getConfig(op);
  if (!config)
    return {};
  SmallVector<int64_t> tiles = keepLoopsOfKind(
      config.getCacheTileSizes(), op, utils::IteratorType::reduction);
  if (!anyNonZero(tiles))
    return {};
  return tiles;
}

/// Tiles `op` by `sizes` into scf.for loops and replaces it by the result.
FailureOr<scf::SCFTilingResult> tileAndReplace(RewriterBase &rewriter,
                                               TilingInterface op,
                                               ArrayRef<int64_t> sizes) {
  scf::SCFTilingOptions options;
  options.setTileSizes(asFoldResults(rewriter, sizes));
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> result =
      scf::tileUsingSCF(rewriter, op, options);
  if (succeeded(result))
    rewriter.replaceOp(op, result->replacements);
  return result;
}

/// Tiles `root` and fuses its producers as `options` say, then replaces it by
/// the result.
FailureOr<scf::SCFTileAndFuseResult>
tileFuseAndReplace(RewriterBase &rewriter, TilingInterface root,
                   const scf::SCFTileAndFuseOptions &options) {
  rewriter.setInsertionPoint(root);
  FailureOr<scf::SCFTileAndFuseResult> result =
      scf::tileConsumerAndFuseProducersUsingSCF(rewriter, root, options);
  if (failed(result))
    return failure();
  // The root's results, and those of producers whose tiles the loops also
  // yield, are read from the loops, wherever the loops come first.
  bool yieldsProducers = llvm::any_of(result->replacements, [&](auto entry) {
    return entry.first.getDefiningOp() != root;
  });
  if (yieldsProducers && !result->loops.empty()) {
    Operation *outermost = result->loops.front().getOperation();
    DominanceInfo dominance(outermost->getParentOp());
    for (auto [original, replacement] : result->replacements)
      if (original.getDefiningOp() != root)
        rewriter.replaceUsesWithIf(
            original, replacement, [&](OpOperand &use) {
              return dominance.properlyDominates(outermost, use.getOwner());
            });
  }
  for (OpResult value : root->getResults())
    rewriter.replaceAllUsesWith(value, result->replacements.lookup(value));
  rewriter.eraseOp(root);
  return result;
}

/// The last op of `block` that still has parallel loops to tile at `level`,
/// i.e. the next consumer to become the root of a fusion group (tiled ops
/// move into the new loops, out of `block`).
TilingInterface findNextRoot(Block &block, TileLevel level) {
  for (Operation &op : llvm::reverse(block)) {
    auto tileable = dyn_cast<TilingInterface>(&op);
    LoweringConfigAttr config = getConfig(&op);
    if (tileable && config && anyNonZero(getTiles(tileable, config, level)))
      return tileable;
  }
  return nullptr;
}

/// Whether the tile `slice` reads stays the same along one of the tile loops
/// just created around it, below `scope` (a row's sum read by every column
/// tile of a softmax): a reduction fused there would be recomputed for every
/// iteration of that loop.
bool isInvariantAlongATileLoop(tensor::ExtractSliceOp slice,
                               Operation *scope) {
  for (Operation *parent = slice->getParentOp(); parent && parent != scope;
       parent = parent->getParentOp()) {
    auto loop = dyn_cast<LoopLikeOpInterface>(parent);
    if (!loop)
      continue;
    std::optional<SmallVector<Value>> ivs = loop.getLoopInductionVars();
    if (!ivs)
      continue;
    for (Value iv : *ivs) {
      bool used = llvm::any_of(slice.getOffsets(), [&](Value offset) {
        // Offsets are the loop's induction variable or affine functions of
        // it (affine.apply), possibly through several.
        SetVector<Value> seen;
        SmallVector<Value> worklist = {offset};
        while (!worklist.empty()) {
          Value value = worklist.pop_back_val();
          if (value == iv)
            return true;
          if (!seen.insert(value))
            continue;
          if (Operation *def = value.getDefiningOp())
            llvm::append_range(worklist, def->getOperands());
        }
        return false;
      });
      if (!used)
        return true;
    }
  }
  return false;
}

/// Fusion policy. A producer is fused into the root's tile loops when
/// * it initializes a destination (linalg.fill into a matmul accumulator), or
/// * it is a contraction whose register tile equals the root's tile (the root
///   is the contraction's epilogue: bias, activation), or
/// * it is any other linalg op that does not feed a contraction's inputs
///   (those slices span the whole reduction dimension and would be
///   recomputed for every tile of the contraction's other dimensions), has
///   a slice that moves with every tile loop around it, and,
///   inside a cache tile, has no other users: there its value is computed
///   once, as its own op, and read by all of them (a softmax's
///   exponentials feed both the sum and the division), or
/// * it is a `tensor.pad` and `root` is being tiled into cache tiles: each
///   tile pads its own slice, on its own thread, rather than one thread
///   padding the whole operand before the parallel loop. A slice every tile
///   reads whole (a matmul's B padded to whole vector registers by
///   nn-split-ragged-matmuls) is padded once per tile: 256x512x10 on 2
///   threads took 37-63 us with the pad before the loop, 29-36 with it
///   in the tiles (a 512 x 16 pad per tile of 126 x 512 x 16 FMAs).
/// Cache tiles fuse every such producer however many users it has: each
/// user fuses a copy of the same row slice, and `dedupFusedProducers`
/// leaves one.
bool shouldFuse(Operation *root, TileLevel level,
                tensor::ExtractSliceOp slice, OpResult producer,
                bool isDestination) {
  if (isa<tensor::PadOp>(producer.getOwner()))
    return level == TileLevel::Cache;
  auto producerOp = dyn_cast<linalg::LinalgOp>(producer.getOwner());
  if (!producerOp)
    return false;
  if (isDestination || isa<linalg::FillOp>(producerOp))
    return true;
  if (linalg::isaContractionOpInterface(producerOp)) {
    LoweringConfigAttr producerConfig = getConfig(producerOp);
    LoweringConfigAttr rootConfig = getConfig(root);
    if (!producerConfig || !rootConfig)
      return false;
    ArrayRef<int64_t> rootTiles = getLevelTiles(rootConfig, level);
    ArrayRef<int64_t> producerTiles = getLevelTiles(producerConfig, level);
    return producerTiles.size() == rootTiles.size() + 1 &&
           producerTiles.take_front(rootTiles.size()) == rootTiles;
  }
  // A producer is fused only where it is computed once: not into loops
  // that do not move its slice (a row's max or 1 / stddev).
  if (isInvariantAlongATileLoop(slice, root->getParentOp()))
    return false;
  if (level == TileLevel::Register && !producer.hasOneUse())
    return false;
  return llvm::none_of(slice->getUsers(), [](Operation *user) {
    auto linalgUser = dyn_cast<linalg::LinalgOp>(user);
    return linalgUser && linalg::isaContractionOpInterface(linalgUser);
  });
}

/// Whether `root` reduces its innermost loop in chunks (a softmax's sum).
bool reducesInChunks(Operation *root) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(root);
  LoweringConfigAttr config = getConfig(root);
  return linalgOp && config &&
         reducesInnermostInChunks(linalgOp, config.getReductionTileSizes());
}

/// Whether `producer` is an elementwise op the strategy left without
/// register tiles of its own, to be computed in the chunks of the reduction
/// that reads it (a softmax's exponentials in its sum's loop).
bool isLeftToReductionChunks(Operation *producer) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(producer);
  LoweringConfigAttr config = getConfig(producer);
  return linalgOp && config && linalgOp.getNumLoops() > 0 &&
         linalgOp.getNumReductionLoops() == 0 &&
         !anyNonZero(config.getTileSizes());
}

/// The fusion of `producer` into `root`'s tiles at `level`: `shouldFuse`'s
/// policy, and an elementwise producer of `root` itself left to its chunks
/// fused into that reduction's register tiles with its tiles yielded for
/// its other users (the chunks themselves come in the reduction loop's
/// tiling). Not the producers of such a producer (one that a softmax's
/// exponentials and its max both read belongs to the max, which comes
/// first).
std::optional<scf::SCFTileAndFuseOptions::ControlFnResult>
controlFusion(Operation *root, TileLevel level, tensor::ExtractSliceOp slice,
              OpResult producer, bool isDestination) {
  if (level == TileLevel::Register && !isDestination &&
      !producer.hasOneUse() && reducesInChunks(root) &&
      isLeftToReductionChunks(producer.getOwner()) &&
      llvm::is_contained(root->getOperands(), Value(producer)) &&
      !isInvariantAlongATileLoop(slice, root->getParentOp())) {
    scf::SCFTileAndFuseOptions::ControlFnResult result;
    result.yieldProducerReplacement = true;
    return result;
  }
  if (shouldFuse(root, level, slice, producer, isDestination))
    return scf::SCFTileAndFuseOptions::ControlFnResult{};
  return std::nullopt;
}

/// Whether every result of `op` is a float sum, maximum or minimum, whose
/// partial results a partial reduction can merge.
bool isPartiallyReducible(linalg::LinalgOp op) {
  SmallVector<BlockArgument> outputs(op.getRegionOutputArgs());
  for (unsigned index = 0; index < outputs.size(); ++index) {
    SmallVector<Operation *> combiners;
    if (!matchReduction(outputs, index, combiners) || combiners.size() != 1 ||
        !isa<arith::AddFOp, arith::MaximumFOp, arith::MinimumFOp,
             arith::MaxNumFOp, arith::MinNumFOp>(combiners.front()))
      return false;
  }
  return true;
}

/// Makes `operand` of `user` read a copy of its slice in a new contiguous
/// tensor (a buffer of the running thread once bufferized), copied
/// `copyRows` rows at a time.
LogicalResult copyIntoContiguousBuffer(IRRewriter &rewriter, Operation *user,
                                       OpOperand &operand, int64_t copyRows) {
  auto type = cast<RankedTensorType>(operand.get().getType());
  rewriter.setInsertionPoint(user);
  Location loc = user->getLoc();
  Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                        type.getElementType());
  auto copy = linalg::CopyOp::create(rewriter, loc, operand.get(), empty);
  rewriter.modifyOpInPlace(user, [&] { operand.set(copy.getResult(0)); });
  if (failed(tileAndReplace(rewriter, cast<TilingInterface>(*copy),
                            {copyRows, 0})))
    return copy->emitError("failed to tile the copy of a matmul operand");
  return success();
}

/// Register tiles of a matmul whose k is blocked (no epilogue to fuse): the
/// column loop outside the row loop, and each kc x nr column panel of B
/// copied once into a contiguous buffer that every row tile then reads
/// (from L1: B's own rows are often a power-of-two stride apart, which L1
/// and L2 cache poorly).
LogicalResult tileMatmulWithPackedPanels(IRRewriter &rewriter,
                                         linalg::MatmulOp matmul) {
  LoweringConfigAttr config = getConfig(matmul);
  ArrayRef<int64_t> tiles = config.getTileSizes();
  int64_t mr = tiles[0], nr = tiles[1];
  // The strategy's copied A block: this cache tile's rows of A for this k
  // block, copied row by row into one contiguous buffer.
  if (llvm::is_contained(config.getCopiedOperands(), 0)) {
    if (failed(copyIntoContiguousBuffer(rewriter, matmul,
                                        *matmul.getDpsInputOperand(0),
                                        /*copyRows=*/1)))
      return failure();
  }
  FailureOr<scf::SCFTilingResult> columnTiles =
      tileAndReplace(rewriter, cast<TilingInterface>(*matmul), {0, nr, 0});
  if (failed(columnTiles))
    return matmul->emitError("failed to tile the columns of a matmul");
  auto panelMatmul = cast<linalg::MatmulOp>(columnTiles->tiledOps.front());

  // The panel: B's kc x nr slice, copied in rows of 8 vectors, unless B is
  // a bound kernel already laid out in panels (nn-pack-bound-weights).
  OpOperand &panel = *panelMatmul.getDpsInputOperand(1);
  linalg::UnPackOp unpack = getPanelUnpackSource(panel.get());
  if (!unpack || getPanelWidth(unpack) != nr) {
    int64_t panelRows =
        cast<RankedTensorType>(panel.get().getType()).getDimSize(0);
    if (failed(copyIntoContiguousBuffer(rewriter, panelMatmul, panel,
                                        largestDivisorUpTo(panelRows, 8))))
      return failure();
  }

  if (failed(tileAndReplace(rewriter, cast<TilingInterface>(*panelMatmul),
                            {mr, 0, 0})))
    return panelMatmul->emitError("failed to tile the rows of a matmul");
  return success();
}

/// Merges the copies of one producer that several users fused into the
/// cache tile `forall` (same slices in, same computation), so that each
/// value of the tile is computed once.
void dedupFusedProducers(RewriterBase &rewriter, scf::ForallOp forall) {
  DominanceInfo dominance(forall);
  eliminateCommonSubExpressions(rewriter, dominance, forall);
}

/// Tiles every root of `block` at `level`, consumers first, fusing
/// producers; returns the bodies of the cache-level loops it created.
LogicalResult tileRootsOfBlock(IRRewriter &rewriter, Block &block,
                               TileLevel level,
                               SmallVectorImpl<Block *> &forallBodies) {
  while (TilingInterface root = findNextRoot(block, level)) {
    auto matmul = dyn_cast<linalg::MatmulOp>(root.getOperation());
    if (level == TileLevel::Register && matmul &&
        packsMatmulPanels(
            cast<RankedTensorType>(matmul.getResult(0).getType()).getDimSize(0),
            getConfig(matmul).getTileSizes()[0],
            /*kBlocked=*/!getCacheReductionTiles(root).empty())) {
      if (failed(tileMatmulWithPackedPanels(rewriter, matmul)))
        return failure();
      continue;
    }
    scf::SCFTileAndFuseOptions options;
    options.tilingOptions.setTileSizes(
        asFoldResults(rewriter, getTiles(root, getConfig(root), level)));
    if (level == TileLevel::Cache)
      options.tilingOptions.setLoopType(
          scf::SCFTilingOptions::LoopType::ForallOp);
    options.setFusionControlFn(
        [root, level](tensor::ExtractSliceOp slice, OpResult producer,
                      bool isDestination)
            -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
          return controlFusion(root, level, slice, producer, isDestination);
        });
    FailureOr<scf::SCFTileAndFuseResult> result =
        tileFuseAndReplace(rewriter, root, options);
    if (failed(result))
      return root->emitError("failed to tile and fuse with its lowering "
                             "config");
    if (level == TileLevel::Cache)
      for (LoopLikeOpInterface loop : result->loops)
        if (auto forall = dyn_cast<scf::ForallOp>(loop.getOperation())) {
          dedupFusedProducers(rewriter, forall);
          forallBodies.push_back(forall.getBody());
        }
    // Producers fused into every use are now dead.
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(block)))
      if (isOpTriviallyDead(&op))
        rewriter.eraseOp(&op);
  }
  return success();
}

/// Whether the k blocks of `matmul` should start from its accumulator's
/// `linalg.fill` in registers: its register tiles fuse the fill (the
/// accumulators start as a constant) unless they copy B's panels, which
/// tile without fusing.
bool startsAccumulatorsInRegisters(linalg::MatmulOp matmul) {
  LoweringConfigAttr config = getConfig(matmul);
  if (!matmul.getDpsInitOperand(0)->get().getDefiningOp<linalg::FillOp>() ||
      !config || config.getTileSizes().empty())
    return false;
  int64_t rows =
      cast<RankedTensorType>(matmul.getResult(0).getType()).getDimSize(0);
  return !packsMatmulPanels(rows, config.getTileSizes()[0],
                            /*kBlocked=*/true);
}

/// Moves the first iteration of the k-block loop `loop` out, in front of
/// it, so that the first block's matmul reads the accumulator straight from
/// its `linalg.fill`: its register tiles then fuse the fill and start their
/// accumulators at that value instead of loading a tile of C filled by a
/// loop of its own (fully unrolled by LLVM: blocks of hundreds of stores,
/// which its schedulers take long to compile). Same sums in the same order.
/// (scf::peelForLoopFirstIteration would leave a one-iteration loop, whose
/// iter_arg the register tiles cannot fuse the fill through.)
void peelFirstKBlock(RewriterBase &rewriter, scf::ForOp loop) {
  std::optional<APInt> tripCount = loop.getStaticTripCount();
  if (!tripCount || tripCount->ult(2))
    return;
  IRMapping mapping;
  mapping.map(loop.getInductionVar(), loop.getLowerBound());
  mapping.map(loop.getRegionIterArgs(), loop.getInitArgs());
  rewriter.setInsertionPoint(loop);
  for (Operation &op : loop.getBody()->without_terminator()) {
    Operation *clone = rewriter.clone(op, mapping);
    // The block's slice of the accumulator is all of it: fold it away, so
    // that the fill is the first block's destination itself.
    SmallVector<OpFoldResult> folded;
    if (isa<tensor::ExtractSliceOp, tensor::InsertSliceOp>(clone) &&
        succeeded(clone->fold(folded)) && folded.size() == 1)
      if (auto value = dyn_cast<Value>(folded.front());
          value && value != clone->getResult(0)) {
        mapping.map(op.getResult(0), value);
        rewriter.eraseOp(clone);
      }
  }
  SmallVector<Value> firstResults = llvm::map_to_vector(
      loop.getBody()->getTerminator()->getOperands(),
      [&](Value value) { return mapping.lookupOrDefault(value); });
  Value secondBlock = arith::AddIOp::create(
      rewriter, loop.getLoc(), loop.getLowerBound(), loop.getStep());
  rewriter.modifyOpInPlace(loop, [&] {
    loop.setLowerBound(secondBlock);
    loop.getInitArgsMutable().assign(firstResults);
  });
}

/// Tiles the reduction loops of every op in `blocks` that has cache tiles on
/// them (a matmul's k) into an `scf.for`; appends the loop bodies to
/// `blocks`, where the register tiles are applied next.
LogicalResult tileCacheReductions(IRRewriter &rewriter,
                                  SmallVectorImpl<Block *> &blocks) {
  SmallVector<TilingInterface> ops;
  for (Block *block : blocks)
    for (Operation &op : *block)
      if (auto tileable = dyn_cast<TilingInterface>(&op))
        if (!getCacheReductionTiles(tileable).empty())
          ops.push_back(tileable);
  for (TilingInterface op : ops) {
    auto matmul = dyn_cast<linalg::MatmulOp>(op.getOperation());
    bool peel = matmul && startsAccumulatorsInRegisters(matmul);
    FailureOr<scf::SCFTilingResult> result =
        tileAndReplace(rewriter, op, getCacheReductionTiles(op));
    if (failed(result))
      return op->emitError("failed to tile reduction loops by the cache "
                           "tiles of its lowering config");
    for (LoopLikeOpInterface loop : result->loops)
      if (auto forOp = dyn_cast<scf::ForOp>(loop.getOperation())) {
        if (peel && result->loops.size() == 1)
          peelFirstKBlock(rewriter, forOp);
        blocks.push_back(forOp.getBody());
      }
  }
  return success();
}

struct NNTileAndFusePass
    : mlir::nn::impl::NNTileAndFusePassBase<NNTileAndFusePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    if (func.getBody().empty())
      return;
    Block &body = func.getBody().front();

    // 1. Roots, consumers first: cache tiles into one scf.forall each, then
    // register tiles inside those (and at top level for ops with no cache
    // tiles); producers fuse at both levels.
    SmallVector<Block *> blocks;
    if (failed(tileRootsOfBlock(rewriter, body, TileLevel::Cache, blocks)))
      return signalPassFailure();
    blocks.push_back(&body);
    if (failed(tileCacheReductions(rewriter, blocks)))
      return signalPassFailure();
    SmallVector<Block *> unused;
    for (Block *block : blocks)
      if (failed(tileRootsOfBlock(rewriter, *block, TileLevel::Register,
                                  unused)))
        return signalPassFailure();

    // 2. Reduction loops inside each tile.
    SmallVector<TilingInterface> reductionTiled;
    func.walk([&](TilingInterface op) {
      if (LoweringConfigAttr config = getConfig(op))
        if (anyNonZero(config.getReductionTileSizes()))
          reductionTiled.push_back(op);
    });
    for (TilingInterface op : reductionTiled) {
      // Elementwise producers of a reduction's inputs (exp before a sum)
      // that feed nothing else are computed chunk by chunk inside its loop,
      // never as one row-sized vector; accumulators (destinations) stay
      // outside. Contractions fuse nothing here.
      bool fuseInputs =
          !linalg::isaContractionOpInterface(
              cast<linalg::LinalgOp>(op.getOperation()));
      scf::SCFTileAndFuseOptions options;
      ArrayRef<int64_t> reductionTiles = getConfig(op).getReductionTileSizes();
      options.tilingOptions.setTileSizes(asFoldResults(rewriter, reductionTiles));
      // A long innermost reduction (a softmax row) is chunked with one
      // partial result per lane of a chunk: the chunks accumulate
      // elementwise (independent vector chains), and one reduction of the
      // partials ends the row. A fixed order, set by the shapes.
      if (fuseInputs && reductionTiles.back() > 1 &&
          op.getLoopIteratorTypes().back() == utils::IteratorType::reduction &&
          isPartiallyReducible(cast<linalg::LinalgOp>(op.getOperation()))) {
        options.tilingOptions.setReductionTilingStrategy(
            ReductionTilingStrategy::PartialReductionOuterReduction);
        options.tilingOptions.setReductionDims(
            {static_cast<unsigned>(reductionTiles.size() - 1)});
      }
      // A producer with other users (a softmax's exponentials, divided
      // afterwards) is still here, untiled, only where the strategy left it
      // to this loop (no register tiles of its own): its chunks are then
      // also yielded, into the whole result its other users read.
      options.setFusionControlFn(
          [fuseInputs, op](tensor::ExtractSliceOp, OpResult producer,
                           bool isDestination)
              -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
            auto producerOp = dyn_cast<linalg::LinalgOp>(producer.getOwner());
            if (!fuseInputs || isDestination || !producerOp ||
                producerOp.getNumReductionLoops() != 0)
              return std::nullopt;
            scf::SCFTileAndFuseOptions::ControlFnResult result;
            if (producer.hasOneUse())
              return result;
            if (!llvm::is_contained(op->getOperands(), Value(producer)))
              return std::nullopt;
            result.yieldProducerReplacement = true;
            return result;
          });
      if (failed(tileFuseAndReplace(rewriter, op, options))) {
        op->emitError("failed to tile reduction loops with its lowering config");
        return signalPassFailure();
      }
    }
    // Producers fused into every use are now dead.
    SmallVector<Operation *> dead;
    do {
      dead.clear();
      func.walk([&](linalg::LinalgOp op) {
        if (isOpTriviallyDead(op))
          dead.push_back(op);
      });
      for (Operation *op : dead)
        rewriter.eraseOp(op);
    } while (!dead.empty());

    // 3. Slices of bound kernels read their packed panels.
    if (failed(readSlicesFromPanels(func)))
      return signalPassFailure();

    // 4. The configs have been applied.
    func.walk([](Operation *op) { op->removeAttr(kLoweringConfigAttrName); });
  }
};

} // namespace
