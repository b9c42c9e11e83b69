//===- PrefetchRows.cpp - prefetch later rows in row groups ---------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"
#include "nn/Codegen/Strategy.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNPREFETCHROWSPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// The function argument a 1-D read of row `row` reads, or null.
BlockArgument getRowSource(vector::TransferReadOp read, Value row,
                           Block &entry) {
  auto arg = dyn_cast<BlockArgument>(read.getBase());
  auto type = dyn_cast<MemRefType>(read.getBase().getType());
  if (!arg || arg.getOwner() != &entry || !type || type.getRank() < 2 ||
      !type.hasStaticShape() || read.getVectorType().getRank() != 1 ||
      !read.getPermutationMap().isMinorIdentity() ||
      read.getIndices().front() != row)
    return nullptr;
  return arg;
}

struct NNPrefetchRowsPass
    : mlir::nn::impl::NNPrefetchRowsPassBase<NNPrefetchRowsPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.getBody().empty())
      return;
    Block &entry = func.getBody().front();
    func.walk([&](scf::ParallelOp parallel) {
      std::optional<int64_t> step =
          getConstantIntValue(parallel.getStep().front());
      if (parallel.getNumLoops() != 1 || !step)
        return;
      Value row = parallel.getInductionVars().front();
      // The loops that read a row again after an earlier loop read it (and
      // waited for it), per argument, in order.
      llvm::DenseSet<Value> readBefore;
      llvm::MapVector<Value, SmallVector<SmallVector<vector::TransferReadOp>>>
          rereads;
      for (auto loop : parallel.getBody()->getOps<scf::ForOp>()) {
        llvm::MapVector<Value, SmallVector<vector::TransferReadOp>> reads;
        loop->walk([&](vector::TransferReadOp read) {
          if (BlockArgument source = getRowSource(read, row, entry))
            reads[source].push_back(read);
        });
        for (auto &[source, sourceReads] : reads)
          if (!readBefore.insert(source).second)
            rereads[source].push_back(sourceReads);
      }
      for (auto &[source, loops] : rereads) {
        auto type = cast<MemRefType>(source.getType());
        int64_t columns = type.getShape().back();
        // Each re-reading loop prefetches an equal share of the rows ahead
        // where the share splits evenly; else the first prefetches them all.
        int64_t shares = shareAmongPasses ? loops.size() : 1;
        if (type.getRank() != 2 || columns % shares != 0)
          shares = 1;
        for (int64_t share = 0; share < shares; ++share)
          for (vector::TransferReadOp read : loops[share])
            prefetchAhead(read, *step, shares, share * columns / shares);
      }
    });
  }

  /// Prefetches, `rowsAhead` row tiles of `step` rows further on (at most the
  /// last row), into L2 only (the row group's own rows stay in L1), a
  /// `shares`-th of the lines `read` reads: for a read at column c, the
  /// lines from column c / shares + `firstColumn`, so that the loop covers
  /// its share of the row ahead as it covers its own row. A read narrower
  /// than `shares` cache lines prefetches one line, which the next read of
  /// the loop prefetches again.
  void prefetchAhead(vector::TransferReadOp read, int64_t step, int64_t shares,
                     int64_t firstColumn) {
    OpBuilder b(read);
    Location loc = read.getLoc();
    auto type = cast<MemRefType>(read.getBase().getType());
    SmallVector<Value> indices(read.getIndices());
    Value ahead = arith::ConstantIndexOp::create(b, loc, rowsAhead * step);
    Value last = arith::ConstantIndexOp::create(b, loc, type.getDimSize(0) - 1);
    indices.front() = arith::MinSIOp::create(
        b, loc, arith::AddIOp::create(b, loc, indices.front(), ahead), last);
    int64_t elementBytes = type.getElementTypeBitWidth() / 8;
    int64_t bytes = read.getVectorType().getNumElements() * elementBytes;
    Value column = indices.back();
    if (shares > 1) {
      Value scaled = arith::DivUIOp::create(
          b, loc, column, arith::ConstantIndexOp::create(b, loc, shares));
      column = arith::AddIOp::create(
          b, loc, scaled, arith::ConstantIndexOp::create(b, loc, firstColumn));
      bytes = llvm::divideCeil(bytes, shares);
    }
    for (int64_t offset = 0; offset < bytes; offset += kCacheLineBytes) {
      indices.back() =
          offset == 0
              ? column
              : arith::AddIOp::create(
                    b, loc, column,
                    arith::ConstantIndexOp::create(b, loc,
                                                   offset / elementBytes));
      memref::PrefetchOp::create(b, loc, read.getBase(), indices,
                                 /*isWrite=*/false, /*localityHint=*/1,
                                 /*isDataCache=*/true);
    }
  }
};

} // namespace
