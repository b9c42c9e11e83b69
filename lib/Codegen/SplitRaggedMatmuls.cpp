//===- SplitRaggedMatmuls.cpp - peel the ragged edge of a matmul ----------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"
#include "nn/Codegen/Strategy.h"
#include "nn/Codegen/WeightLayout.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNSPLITRAGGEDMATMULSPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Splits a static matmul [M, N] whose M or N is not a multiple of its
/// register tile (and is larger than it) into the largest multiple of the
/// tile and the rest: two matmuls on slices, inserted into the accumulator.
/// Each part then gets register tiles that divide it (a part ragged in its
/// other dimension is split again, on that one; the rest is smaller than a
/// tile). A part no wider than a tile ending in a partial vector register
/// is padded to whole registers instead (`padsColumns`).
struct SplitRaggedMatmul : OpRewritePattern<linalg::MatmulOp> {
  SplitRaggedMatmul(MLIRContext *context, int64_t rowTile, int64_t colTile,
                    int64_t vectorLanes)
      : OpRewritePattern(context), tiles{rowTile, colTile},
        vectorLanes(vectorLanes) {}

  LogicalResult matchAndRewrite(linalg::MatmulOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return failure();
    auto resultType = cast<RankedTensorType>(op.getResult(0).getType());
    if (!resultType.hasStaticShape() ||
        op.getIndexingMapsArray() != op.getDefaultIndexingMaps(getContext()))
      return failure();
    if (padsColumns(resultType)) {
      padColumns(op, rewriter);
      return success();
    }
    for (int dim : {1, 0}) {
      int64_t size = resultType.getDimSize(dim);
      // When no multiple of the register tile up to 256 (a cache tile)
      // beyond a few divides the size (992 = 32 x 31), split at cache-tile
      // granularity first (256 columns, 64 rows), so that the bulk gets wide
      // cache tiles; then at the register tile; columns then in whole
      // vector registers where padding does not apply (too few rows), so
      // that 10 columns of 4 rows run as 8 + 2 with 8 lanes.
      SmallVector<int64_t> candidates;
      int64_t cacheStep = dim == 1 ? kMaxCacheTileCols : 64;
      int64_t widest =
          largestMultipleDivisorUpTo(size, tiles[dim], kMaxCacheTileCols);
      if (size % widest != 0 || widest < cacheStep / 2)
        candidates.push_back(cacheStep);
      candidates.push_back(tiles[dim]);
      if (dim == 1)
        candidates.push_back(vectorLanes);
      for (int64_t tile : candidates) {
        if (tile <= 1 || size <= tile || size % tile == 0)
          continue;
        split(op, rewriter, dim, size / tile * tile);
        return success();
      }
    }
    return failure();
  }

  /// Columns rounded up to whole vector registers.
  int64_t paddedColumns(RankedTensorType resultType) const {
    return llvm::divideCeil(resultType.getDimSize(1), vectorLanes) *
           vectorLanes;
  }

  /// Whether a matmul no wider than one register tile, ending in a partial
  /// vector register, is computed with zero columns of B up to whole
  /// registers instead: 10 columns as one 16-lane tile of two 8-lane
  /// registers rather than 8 + 2 (a second matmul, a second pass over all
  /// of A, with as many FMAs as the first for a quarter of the work), 7 as
  /// 8 (a 7-lane vector is moved element by element). Only with a full
  /// register tile of rows: for fewer, the matmul streams B, which padding
  /// would copy.
  bool padsColumns(RankedTensorType resultType) const {
    int64_t columns = resultType.getDimSize(1);
    return columns > 1 && columns % vectorLanes != 0 &&
           paddedColumns(resultType) <= tiles[1] &&
           resultType.getDimSize(0) >= tiles[0];
  }

  /// C[M, N] = A B  ->  C'[M, N'] = A B' with B' = B and zero columns up to
  /// N' = `paddedColumns`, C = C'[:, :N]. Each element of C is the same sum
  /// in the same order. When B is a bound kernel in panels padded to whole
  /// panels (nn-pack-bound-weights), B' reads the panels' padding instead of
  /// a padded copy per call.
  void padColumns(linalg::MatmulOp op, PatternRewriter &rewriter) const {
    Location loc = op.getLoc();
    Value rhs = op.getDpsInputOperand(1)->get();
    Value acc = op.getDpsInitOperand(0)->get();
    auto accType = cast<RankedTensorType>(acc.getType());
    int64_t padding = paddedColumns(accType) - accType.getDimSize(1);
    Value zero = arith::ConstantOp::create(
        rewriter, loc, rewriter.getZeroAttr(accType.getElementType()));
    auto pad = [&](Value source) -> Value {
      auto type = cast<RankedTensorType>(source.getType());
      auto paddedType = RankedTensorType::get(
          {type.getDimSize(0), type.getDimSize(1) + padding},
          type.getElementType());
      return tensor::createPadHighOp(paddedType, source, zero,
                                     /*nofold=*/false, loc, rewriter);
    };
    // A filled accumulator is filled at its padded size (the fill fuses
    // into the tiles), any other is padded.
    Value paddedAcc;
    if (auto fill = acc.getDefiningOp<linalg::FillOp>()) {
      Value empty = tensor::EmptyOp::create(
          rewriter, loc,
          {accType.getDimSize(0), accType.getDimSize(1) + padding},
          accType.getElementType());
      paddedAcc = linalg::FillOp::create(rewriter, loc, fill.getInputs(),
                                         ValueRange{empty})
                      .getResult(0);
    } else {
      paddedAcc = pad(acc);
    }
    Value paddedRhs =
        widenPanelColumns(rewriter, loc, rhs, paddedColumns(accType));
    if (!paddedRhs)
      paddedRhs = pad(rhs);
    auto matmul = linalg::MatmulOp::create(
        rewriter, loc, TypeRange{paddedAcc.getType()},
        ValueRange{op.getDpsInputOperand(0)->get(), paddedRhs},
        ValueRange{paddedAcc});
    SmallVector<OpFoldResult> offsets(2, rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> sizes =
        getAsIndexOpFoldResult(getContext(), accType.getShape());
    SmallVector<OpFoldResult> strides(2, rewriter.getIndexAttr(1));
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, accType, matmul.getResult(0), offsets, sizes, strides);
  }

  void split(linalg::MatmulOp op, PatternRewriter &rewriter, int dim,
             int64_t main) const {
    Location loc = op.getLoc();
    Value lhs = op.getDpsInputOperand(0)->get();
    Value rhs = op.getDpsInputOperand(1)->get();
    Value acc = op.getDpsInitOperand(0)->get();
    int64_t size = cast<RankedTensorType>(acc.getType()).getDimSize(dim);
    // The parts cover the whole accumulator. A filled one (C = 0, the
    // usual case) is filled part by part instead, into the fill's own
    // destination, so that each part's fill fuses into its tiles: else the
    // whole C is zeroed in a pass of its own and read back from memory.
    auto fill = acc.getDefiningOp<linalg::FillOp>();
    Value result = fill ? fill.getDpsInitOperand(0)->get() : acc;
    for (auto [offset, length] :
         {std::pair<int64_t, int64_t>{0, main}, {main, size - main}}) {
      // The part's slice of a 2-D operand: [offset, offset + length) along
      // `dim` (A's rows for M, B's columns for N, the accumulator's either).
      auto sliceOf = [&, offset = offset, length = length](Value source) {
        auto type = cast<RankedTensorType>(source.getType());
        SmallVector<OpFoldResult> offsets(2, rewriter.getIndexAttr(0));
        SmallVector<OpFoldResult> sizes =
            getAsIndexOpFoldResult(getContext(), type.getShape());
        SmallVector<OpFoldResult> strides(2, rewriter.getIndexAttr(1));
        offsets[dim] = rewriter.getIndexAttr(offset);
        sizes[dim] = rewriter.getIndexAttr(length);
        return std::make_tuple(offsets, sizes, strides);
      };
      auto extract = [&](Value source) -> Value {
        auto [offsets, sizes, strides] = sliceOf(source);
        return tensor::ExtractSliceOp::create(rewriter, loc, source, offsets,
                                              sizes, strides);
      };
      Value partAcc =
          fill ? linalg::FillOp::create(rewriter, loc, fill.getInputs(),
                                        ValueRange{extract(result)})
                     .getResult(0)
               : extract(acc);
      auto partMatmul = linalg::MatmulOp::create(
          rewriter, loc, TypeRange{partAcc.getType()},
          dim == 0 ? ValueRange{extract(lhs), rhs}
                   : ValueRange{lhs, extract(rhs)},
          ValueRange{partAcc});
      auto [offsets, sizes, strides] = sliceOf(acc);
      result = tensor::InsertSliceOp::create(rewriter, loc,
                                             partMatmul.getResult(0), result,
                                             offsets, sizes, strides);
    }
    rewriter.replaceOp(op, result);
  }

  int64_t tiles[2];
  int64_t vectorLanes;
};

struct NNSplitRaggedMatmulsPass
    : mlir::nn::impl::NNSplitRaggedMatmulsPassBase<NNSplitRaggedMatmulsPass> {
  using Base::Base;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<SplitRaggedMatmul>(&getContext(), registerTileRows,
                                    registerTileCols, vectorLanes);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
