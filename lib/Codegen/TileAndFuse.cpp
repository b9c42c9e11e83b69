//===- TileAndFuse.cpp - tile by lowering config, fuse producers ----------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"

#include "nn/Dialect/NN/IR/NNAttrs.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"
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

/// The last op of `block` that still has parallel loops to tile, i.e. the
/// next consumer to become the root of a fusion group.
TilingInterface findNextRoot(Block &block) {
  for (Operation &op : llvm::reverse(block)) {
    auto tileable = dyn_cast<TilingInterface>(&op);
    LoweringConfigAttr config = getConfig(&op);
    if (tileable && config && anyNonZero(config.getTileSizes()))
      return tileable;
  }
  return nullptr;
}

/// Fusion policy. A producer is fused into the root's tile loops when
/// * it initializes a destination (linalg.fill into a matmul accumulator), or
/// * it is a contraction whose register tile equals the root's tile (the root
///   is the contraction's epilogue: bias, activation), or
/// * it is any other linalg op that does not feed a contraction's inputs
///   (those slices span the whole reduction dimension and would be
///   recomputed for every tile of the contraction's other dimensions).
bool shouldFuse(Operation *root, tensor::ExtractSliceOp slice,
                OpResult producer, bool isDestination) {
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
    ArrayRef<int64_t> rootTiles = rootConfig.getTileSizes();
    ArrayRef<int64_t> producerTiles = producerConfig.getTileSizes();
    return producerTiles.size() == rootTiles.size() + 1 &&
           producerTiles.take_front(rootTiles.size()) == rootTiles;
  }
  return llvm::none_of(slice->getUsers(), [](Operation *user) {
    auto linalgUser = dyn_cast<linalg::LinalgOp>(user);
    return linalgUser && linalg::isaContractionOpInterface(linalgUser);
  });
}

struct NNTileAndFusePass
    : mlir::nn::impl::NNTileAndFusePassBase<NNTileAndFusePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    if (func.getBody().empty())
      return;
    Block &body = func.getBody().front();

    // 1. Roots, consumers first: tile the parallel loops, fuse producers.
    while (TilingInterface root = findNextRoot(body)) {
      scf::SCFTileAndFuseOptions options;
      options.tilingOptions.setTileSizes(
          asFoldResults(rewriter, getConfig(root).getTileSizes()));
      options.setFusionControlFn(
          [root](tensor::ExtractSliceOp slice, OpResult producer,
                 bool isDestination)
              -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
            if (shouldFuse(root, slice, producer, isDestination))
              return scf::SCFTileAndFuseOptions::ControlFnResult{};
            return std::nullopt;
          });
      rewriter.setInsertionPoint(root);
      FailureOr<scf::SCFTileAndFuseResult> result =
          scf::tileConsumerAndFuseProducersUsingSCF(rewriter, root, options);
      if (failed(result)) {
        root->emitError("failed to tile and fuse with its lowering config");
        return signalPassFailure();
      }
      for (OpResult value : root->getResults())
        rewriter.replaceAllUsesWith(value, result->replacements.lookup(value));
      rewriter.eraseOp(root);
      // Producers fused into every use are now dead.
      for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
        if (isOpTriviallyDead(&op))
          rewriter.eraseOp(&op);
    }

    // 2. Reduction loops inside each tile.
    SmallVector<TilingInterface> reductionTiled;
    func.walk([&](TilingInterface op) {
      if (LoweringConfigAttr config = getConfig(op))
        if (anyNonZero(config.getReductionTileSizes()))
          reductionTiled.push_back(op);
    });
    for (TilingInterface op : reductionTiled) {
      scf::SCFTilingOptions options;
      options.setTileSizes(
          asFoldResults(rewriter, getConfig(op).getReductionTileSizes()));
      rewriter.setInsertionPoint(op);
      FailureOr<scf::SCFTilingResult> result =
          scf::tileUsingSCF(rewriter, op, options);
      if (failed(result)) {
        op->emitError("failed to tile reduction loops with its lowering config");
        return signalPassFailure();
      }
      rewriter.replaceOp(op, result->replacements);
    }

    // 3. The configs have been applied.
    func.walk([](Operation *op) { op->removeAttr(kLoweringConfigAttrName); });
  }
};

} // namespace
