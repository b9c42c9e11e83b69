//===- PrefetchRows.cpp - prefetch later rows in row groups ---------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"
#include "nn/Codegen/Strategy.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "llvm/ADT/DenseSet.h"

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
      // Rows some earlier inner loop already read (and waited for), and those
      // a later loop already prefetches ahead.
      llvm::DenseSet<Value> readBefore, prefetched;
      for (auto loop : parallel.getBody()->getOps<scf::ForOp>()) {
        SmallVector<std::pair<vector::TransferReadOp, BlockArgument>> reads;
        loop->walk([&](vector::TransferReadOp read) {
          if (BlockArgument source = getRowSource(read, row, entry))
            reads.emplace_back(read, source);
        });
        llvm::DenseSet<Value> prefetchedHere;
        for (auto [read, source] : reads)
          if (readBefore.contains(source) && !prefetched.contains(source)) {
            prefetchAhead(read, *step);
            prefetchedHere.insert(source);
          }
        prefetched.insert(prefetchedHere.begin(), prefetchedHere.end());
        for (auto [read, source] : reads)
          readBefore.insert(source);
      }
    });
  }

  /// Prefetches the cache lines `read` reads, `rowsAhead` row tiles of
  /// `step` rows further on (at most the last row), into L2 only: the row
  /// group's own rows stay in L1.
  void prefetchAhead(vector::TransferReadOp read, int64_t step) {
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
    for (int64_t offset = 0; offset < bytes; offset += kCacheLineBytes) {
      if (offset > 0)
        indices.back() = arith::AddIOp::create(
            b, loc, column,
            arith::ConstantIndexOp::create(b, loc, offset / elementBytes));
      memref::PrefetchOp::create(b, loc, read.getBase(), indices,
                                 /*isWrite=*/false, /*localityHint=*/1,
                                 /*isDataCache=*/true);
    }
  }
};

} // namespace
