//===- StreamStores.cpp - non-temporal stores of large outputs ------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "RowStores.h"

#include "nn/Codegen/Passes.h"
#include "nn/Codegen/Strategy.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNSTREAMSTORESPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

struct NNStreamStoresPass
    : mlir::nn::impl::NNStreamStoresPassBase<NNStreamStoresPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal() || !func.isPublic())
      return;
    Block &entry = func.getBody().front();
    SmallVector<RowStore> rowStores;
    func.walk([&](scf::ForOp loop) {
      if (std::optional<RowStore> match =
              matchRowStore(loop, entry, func, minBytes, minRowBytes))
        rowStores.push_back(std::move(*match));
    });
    for (RowStore &rowStore : rowStores)
      streamRowStore(rowStore);
  }

  /// Rewrites `loop` (V-element lines, N columns, output row address a) as
  ///
  ///   if a is element-aligned:
  ///     head = (64 - a mod 64) mod 64 / element bytes
  ///     iteration 0                                  (plain store)
  ///     for c = head to N - V + 1 step V: iteration c (non-temporal store
  ///                                                    of an aligned line)
  ///     iteration N - V                              (plain store)
  ///     store fence
  ///   else:
  ///     the loop as it was
  ///
  /// The first and last iterations cover the columns before the first
  /// aligned line and after the last one; they overlap the aligned lines,
  /// which store the same values again. A loop that is not shiftable
  /// streams only rows that start on a line (every iteration then stores an
  /// aligned line) and keeps the loop as it was for any other row. The fence
  /// orders the row's non-temporal stores before the thread's later stores,
  /// so that whoever synchronizes with this thread afterwards (a join
  /// barrier, a flag) sees them.
  void streamRowStore(RowStore &rowStore) {
    scf::ForOp loop = rowStore.loop;
    OpBuilder b(loop);
    Location loc = loop.getLoc();
    auto outputType = cast<MemRefType>(rowStore.output.getType());
    int64_t elementBytes = outputType.getElementTypeBitWidth() / 8;
    auto constant = [&](int64_t value) -> Value {
      return arith::ConstantIndexOp::create(b, loc, value);
    };

    // The element index of column 0's store in the output: the offsets of
    // the chain's subviews and the store's indices, with column 0.
    Value zero = constant(0);
    auto atColumnZero = [&](Value value) {
      return value == loop.getInductionVar() ? zero : value;
    };
    SmallVector<Value> position(outputType.getRank(), zero);
    auto addOffsets = [&](ArrayRef<OpFoldResult> offsets) {
      for (auto [dim, offset] : llvm::enumerate(offsets))
        position[dim] = arith::AddIOp::create(
            b, loc, position[dim],
            atColumnZero(getValueOrCreateConstantIndexOp(b, loc, offset)));
    };
    for (memref::SubViewOp subview : rowStore.chain)
      addOffsets(subview.getMixedOffsets());
    addOffsets(getAsOpFoldResult(rowStore.write.getIndices()));
    auto [strides, offset] = outputType.getStridesAndOffset();
    Value linear = constant(offset);
    for (auto [dim, stride] : llvm::enumerate(strides))
      linear = arith::AddIOp::create(
          b, loc, linear,
          arith::MulIOp::create(b, loc, position[dim], constant(stride)));
    Value base =
        memref::ExtractAlignedPointerAsIndexOp::create(b, loc, rowStore.output);
    Value address = arith::AddIOp::create(
        b, loc, base,
        arith::MulIOp::create(b, loc, linear, constant(elementBytes)));
    Value lineOffset =
        arith::RemUIOp::create(b, loc, address, constant(kCacheLineBytes));
    Value streams = arith::CmpIOp::create(
        b, loc, arith::CmpIPredicate::eq,
        rowStore.shiftable
            ? arith::RemUIOp::create(b, loc, lineOffset, constant(elementBytes))
            : lineOffset,
        zero);

    int64_t columns = *getConstantIntValue(loop.getUpperBound());
    int64_t lineElements = *getConstantIntValue(loop.getStep());
    auto ifOp = scf::IfOp::create(b, loc, streams, /*withElseRegion=*/true);

    // Rows that cannot stream: the loop as it was.
    loop->moveBefore(ifOp.elseBlock()->getTerminator());

    b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
    auto streamedClone = [&](Value lower, Value upper) {
      auto streamed = cast<scf::ForOp>(b.clone(*loop));
      streamed.setLowerBound(lower);
      streamed.setUpperBound(upper);
      OpBuilder::InsertionGuard guard(b);
      auto write =
          *streamed.getBody()->getOps<vector::TransferWriteOp>().begin();
      b.setInsertionPoint(write);
      vector::StoreOp::create(b, loc, write.getVector(), write.getBase(),
                              write.getIndices(), /*nontemporal=*/true,
                              llvm::MaybeAlign(kCacheLineBytes));
      write.erase();
    };
    if (!rowStore.shiftable) {
      streamedClone(zero, constant(columns));
      createStoreFence(b, loc);
      return;
    }
    Value head = arith::DivUIOp::create(
        b, loc,
        arith::RemUIOp::create(b, loc,
                               arith::SubIOp::create(b, loc,
                                                     constant(kCacheLineBytes),
                                                     lineOffset),
                               constant(kCacheLineBytes)),
        constant(elementBytes));
    auto cloneIteration = [&](Value column) {
      IRMapping mapping;
      mapping.map(loop.getInductionVar(), column);
      for (Operation &op : loop.getBody()->without_terminator())
        b.clone(op, mapping);
    };
    // A row that starts on a line is all aligned lines: a plain store to a
    // line also stored non-temporally reads it back from memory first.
    Value unaligned =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, head, zero);
    auto peelFirst = scf::IfOp::create(b, loc, unaligned);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPoint(peelFirst.thenBlock()->getTerminator());
      cloneIteration(constant(0));
    }
    streamedClone(head, constant(columns - lineElements + 1));
    auto peelLast = scf::IfOp::create(b, loc, unaligned);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPoint(peelLast.thenBlock()->getTerminator());
      cloneIteration(constant(columns - lineElements));
    }
    createStoreFence(b, loc);
  }
};

} // namespace
