//===- PrefetchRows.cpp - prefetch later rows in row groups ---------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"
#include "nn/Codegen/Strategy.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Support/CheckedArithmetic.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNPREFETCHROWSPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Whether `value` is computed from the row `row` of `parallel` alone
/// (the row itself, or pure ops of the loop's body on it and on values from
/// outside: the quotients and remainders of nn-collapse-parallel-rows),
/// and whether it depends on the row at all.
std::optional<bool> dependsOnRowAlone(Value value, Value row,
                                      scf::ParallelOp parallel) {
  if (value == row)
    return true;
  Operation *def = value.getDefiningOp();
  if (!def || !parallel->isProperAncestor(def))
    return false;
  if (def->getBlock() != parallel.getBody() || !isMemoryEffectFree(def) ||
      def->getNumRegions() != 0)
    return std::nullopt;
  bool depends = false;
  for (Value operand : def->getOperands()) {
    std::optional<bool> operandDepends =
        dependsOnRowAlone(operand, row, parallel);
    if (!operandDepends)
      return std::nullopt;
    depends |= *operandDepends;
  }
  return depends;
}

/// The function argument a 1-D read of row `row` reads (its indices but
/// the last computed from the row alone, the first at least depending on
/// it), or null.
BlockArgument getRowSource(vector::TransferReadOp read, Value row,
                           scf::ParallelOp parallel, Block &entry) {
  auto arg = dyn_cast<BlockArgument>(read.getBase());
  auto type = dyn_cast<MemRefType>(read.getBase().getType());
  if (!arg || arg.getOwner() != &entry || !type || type.getRank() < 2 ||
      !type.hasStaticShape() || read.getVectorType().getRank() != 1 ||
      !read.getPermutationMap().isMinorIdentity())
    return nullptr;
  std::optional<bool> first =
      dependsOnRowAlone(read.getIndices().front(), row, parallel);
  if (!first || !*first)
    return nullptr;
  for (Value index : read.getIndices().drop_front().drop_back())
    if (!dependsOnRowAlone(index, row, parallel))
      return nullptr;
  return arg;
}

/// The leading indices (all but the column) of `read` for the row ahead:
/// the ops of `parallel`'s body between its row and each index cloned by
/// `b` with `ahead`, which maps the row to the row ahead and keeps every
/// clone for the next reads. `b` inserts after the previous clones.
SmallVector<Value> getIndicesAhead(vector::TransferReadOp read,
                                   scf::ParallelOp parallel, IRMapping &ahead,
                                   OpBuilder &b) {
  std::function<Value(Value)> forRowAhead = [&](Value value) -> Value {
    if (Value mapped = ahead.lookupOrNull(value))
      return mapped;
    Operation *def = value.getDefiningOp();
    if (!def || !parallel->isProperAncestor(def))
      return value;
    for (Value operand : def->getOperands())
      (void)forRowAhead(operand);
    Operation *clone = b.clone(*def, ahead);
    return clone->getResult(cast<OpResult>(value).getResultNumber());
  };
  return llvm::map_to_vector(read.getIndices().drop_back(), forRowAhead);
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
      if (parallel.getNumLoops() != 1)
        return;
      std::optional<int64_t> step =
          getConstantIntValue(parallel.getStep().front());
      std::optional<int64_t> lower =
          getConstantIntValue(parallel.getLowerBound().front());
      std::optional<int64_t> upper =
          getConstantIntValue(parallel.getUpperBound().front());
      if (!step || !lower || !upper || *step <= 0 || *upper <= *lower)
        return;
      // The last row and the distance ahead, checked: bounds and steps near
      // 2^63 overflow them (such a loop is left as it is).
      std::optional<int64_t> span = llvm::checkedSub(*upper, *lower);
      std::optional<int64_t> distance =
          llvm::checkedMul<int64_t>(rowsAhead, *step);
      if (!span || !distance)
        return;
      int64_t last = *lower + (*span - 1) / *step * *step;
      Value row = parallel.getInductionVars().front();
      // The loops that read a row again after an earlier loop read it (and
      // waited for it), per argument, in order.
      llvm::DenseSet<Value> readBefore;
      llvm::MapVector<Value, SmallVector<SmallVector<vector::TransferReadOp>>>
          rereads;
      for (auto loop : parallel.getBody()->getOps<scf::ForOp>()) {
        llvm::MapVector<Value, SmallVector<vector::TransferReadOp>> reads;
        loop->walk([&](vector::TransferReadOp read) {
          if (BlockArgument source = getRowSource(read, row, parallel, entry))
            reads[source].push_back(read);
        });
        for (auto &[source, sourceReads] : reads)
          if (!readBefore.insert(source).second)
            rereads[source].push_back(sourceReads);
      }
      if (rereads.empty())
        return;

      // The row `rowsAhead` row tiles further on, at most the loop's last,
      // at the start of the body; the indices computed from the row are
      // recomputed for it right after, once.
      OpBuilder b = OpBuilder::atBlockBegin(parallel.getBody());
      Location loc = parallel.getLoc();
      IRMapping ahead;
      ahead.map(row, arith::MinSIOp::create(
                         b, loc,
                         arith::AddIOp::create(
                             b, loc, row,
                             arith::ConstantIndexOp::create(b, loc, *distance)),
                         arith::ConstantIndexOp::create(b, loc, last)));
      for (auto &[source, loops] : rereads) {
        auto type = cast<MemRefType>(source.getType());
        int64_t columns = type.getShape().back();
        // Each re-reading loop prefetches an equal share of the rows ahead
        // where the share splits evenly; else the first prefetches them all.
        int64_t shares = shareAmongPasses ? loops.size() : 1;
        if (columns % shares != 0)
          shares = 1;
        for (int64_t share = 0; share < shares; ++share)
          for (vector::TransferReadOp read : loops[share])
            prefetchAhead(read, getIndicesAhead(read, parallel, ahead, b),
                          shares, columns / shares * share);
      }
    });
  }

  /// Prefetches, at the row ahead (`rowAhead`: its indices but the column),
  /// into L2 only (the row group's own rows stay in L1), a
  /// `shares`-th of the lines `read` reads: for a read at column c, the
  /// lines from column c / shares + `firstColumn`, so that the loop covers
  /// its share of the row ahead as it covers its own row. A read narrower
  /// than `shares` cache lines prefetches one line, which the next read of
  /// the loop prefetches again.
  void prefetchAhead(vector::TransferReadOp read, ArrayRef<Value> rowAhead,
                     int64_t shares, int64_t firstColumn) {
    OpBuilder b(read);
    Location loc = read.getLoc();
    auto type = cast<MemRefType>(read.getBase().getType());
    SmallVector<Value> indices(rowAhead);
    indices.push_back(read.getIndices().back());
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
