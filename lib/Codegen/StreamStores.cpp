//===- StreamStores.cpp - non-temporal stores of large outputs ------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"
#include "nn/Codegen/Strategy.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNSTREAMSTORESPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// The attribute one-shot bufferization puts on results turned into
/// out-parameters.
constexpr StringLiteral kResultAttrName = "bufferize.result";

/// A loop `for c = 0 to N step V` writing one vector of V elements (one
/// cache line, so that each non-temporal store fills a whole
/// write-combining buffer) per iteration at column c of an output row.
/// Where every access moves with c along the last dimension and nothing else
/// sees c, it is `shiftable`: shifted by d columns, an iteration computes and
/// stores exactly what iteration c + d would.
struct RowStore {
  scf::ForOp loop;
  vector::TransferWriteOp write;
  /// The function argument written (through subviews).
  BlockArgument output;
  /// The subviews from `output` to the written memref, outermost first.
  SmallVector<memref::SubViewOp> chain;
  bool shiftable = true;
};

/// The function argument `value` views (through subviews of the same rank
/// with unit strides), with those subviews outermost first; null if it is
/// anything else.
BlockArgument getViewedArgument(Value value,
                                SmallVectorImpl<memref::SubViewOp> &chain) {
  while (auto subview = value.getDefiningOp<memref::SubViewOp>()) {
    if (subview.getSourceType().getRank() != subview.getType().getRank() ||
        !llvm::all_of(subview.getStaticStrides(),
                      [](int64_t s) { return s == 1; }))
      return nullptr;
    chain.insert(chain.begin(), subview);
    value = subview.getSource();
  }
  return dyn_cast<BlockArgument>(value);
}

/// Whether `map` reads or writes a 1-D vector along the last dimension.
bool isRowVector(AffineMap map, VectorType type) {
  return type.getRank() == 1 && map.isMinorIdentity() && !type.isScalable();
}

/// Whether `index` is the loop's induction variable.
bool isColumn(Value index, scf::ForOp loop) {
  return index == loop.getInductionVar();
}

/// Whether `value` is the induction variable or defined outside `loop`
/// (its value is the same in every iteration).
bool isColumnOrInvariant(Value value, scf::ForOp loop) {
  return isColumn(value, loop) || loop.isDefinedOutsideOfLoop(value);
}

/// Whether an access at `positions` (offsets or indices) into a memref that
/// moves with the column (`baseMoves`) moves with it; nullopt where it
/// depends on the column otherwise than once, as its last position.
std::optional<bool> movesWithColumn(ArrayRef<OpFoldResult> positions,
                                    bool baseMoves, scf::ForOp loop) {
  bool moves = baseMoves;
  for (auto [index, position] : llvm::enumerate(positions)) {
    auto value = dyn_cast<Value>(position);
    if (!value)
      continue;
    if (!isColumnOrInvariant(value, loop))
      return std::nullopt;
    if (!isColumn(value, loop))
      continue;
    if (moves || index + 1 != positions.size())
      return std::nullopt;
    moves = true;
  }
  return moves;
}

/// Whether every use of `op`'s results is a prefetch's address, directly or
/// through other such ops.
bool feedsOnlyPrefetches(Operation *op) {
  return llvm::all_of(op->getUsers(), [](Operation *user) {
    return isa<memref::PrefetchOp>(user) ||
           (isMemoryEffectFree(user) && feedsOnlyPrefetches(user));
  });
}

/// Matches `loop` if it stores one line of a large output per iteration
/// (see RowStore) and nothing in it reads that output; other reads may be
/// anywhere (the loop is then not shiftable unless they move with the
/// column).
std::optional<RowStore> matchRowStore(scf::ForOp loop, Block &entry,
                                      func::FuncOp func, int64_t minBytes) {
  std::optional<int64_t> lower = getConstantIntValue(loop.getLowerBound());
  std::optional<int64_t> upper = getConstantIntValue(loop.getUpperBound());
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  if (!lower || !upper || !step || *lower != 0 || loop.getNumResults() != 0 ||
      *upper % *step != 0 || *upper < 3 * *step)
    return std::nullopt;

  // Memrefs whose address moves with the column: subviews at column c.
  llvm::SmallPtrSet<Value, 4> shifted;
  std::optional<RowStore> match;
  bool shiftable = true;
  for (Operation &op : loop.getBody()->without_terminator()) {
    if (op.getNumRegions() != 0)
      return std::nullopt;
    if (auto subview = dyn_cast<memref::SubViewOp>(op)) {
      // At most the last offset is the column, and only once along a chain.
      std::optional<bool> moves =
          movesWithColumn(subview.getMixedOffsets(),
                          shifted.contains(subview.getSource()), loop);
      if (!moves)
        return std::nullopt;
      if (*moves)
        shifted.insert(subview.getResult());
      continue;
    }
    if (auto read = dyn_cast<vector::TransferReadOp>(op)) {
      if (!isa<MemRefType>(read.getBase().getType()))
        return std::nullopt;
      // A row vector at the column (or within a subview at it), or a value
      // the column does not change.
      std::optional<bool> moves =
          movesWithColumn(getAsOpFoldResult(read.getIndices()),
                          shifted.contains(read.getBase()), loop);
      if (!moves ||
          (*moves && (read.getMask() || !isRowVector(read.getPermutationMap(),
                                                     read.getVectorType()))))
        shiftable = false;
      continue;
    }
    if (auto write = dyn_cast<vector::TransferWriteOp>(op)) {
      VectorType type = write.getVectorType();
      int64_t bytes = type.getNumElements() * type.getElementTypeBitWidth() / 8;
      if (match || !isa<MemRefType>(write.getBase().getType()) ||
          write.getMask() || !isRowVector(write.getPermutationMap(), type) ||
          !write.isDimInBounds(0) || bytes != kCacheLineBytes ||
          type.getNumElements() != *step)
        return std::nullopt;
      std::optional<bool> moves =
          movesWithColumn(getAsOpFoldResult(write.getIndices()),
                          shifted.contains(write.getBase()), loop);
      SmallVector<memref::SubViewOp> chain;
      BlockArgument output = getViewedArgument(write.getBase(), chain);
      if (!moves || !*moves || !output || output.getOwner() != &entry ||
          !func.getArgAttr(output.getArgNumber(), kResultAttrName))
        return std::nullopt;
      auto outputType = cast<MemRefType>(output.getType());
      if (!outputType.hasStaticShape() ||
          !outputType.getLayout().isIdentity() ||
          outputType.getNumElements() * type.getElementTypeBitWidth() / 8 <
              minBytes)
        return std::nullopt;
      match = RowStore{loop, write, output, chain};
      continue;
    }
    // A prefetch (nn-prefetch-streams) changes no value.
    if (isa<memref::PrefetchOp>(op))
      continue;
    if (!isMemoryEffectFree(&op))
      return std::nullopt;
    // A plain computation that sees the column itself (an iota, a
    // comparison against it) would compute otherwise in a shifted iteration;
    // a prefetch's address may.
    if (llvm::is_contained(op.getOperands(), loop.getInductionVar()) &&
        !feedsOnlyPrefetches(&op))
      shiftable = false;
  }
  if (!match)
    return std::nullopt;
  match->shiftable = shiftable;
  // Shifted iterations overwrite columns earlier ones stored: no read may
  // see the output.
  bool readsOutput = false;
  loop.getBody()->walk([&](vector::TransferReadOp read) {
    SmallVector<memref::SubViewOp> chain;
    if (getViewedArgument(read.getBase(), chain) == match->output)
      readsOutput = true;
  });
  if (readsOutput)
    return std::nullopt;
  return match;
}

/// x86's store fence (`sfence`): it orders non-temporal stores before later
/// stores. (A seq_cst `llvm.fence` may become a locked instruction, which
/// is not documented to order them.)
void createStoreFence(OpBuilder &b, Location loc) {
  LLVM::CallIntrinsicOp::create(b, loc, b.getStringAttr("llvm.x86.sse.sfence"),
                                ValueRange());
}

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
              matchRowStore(loop, entry, func, minBytes))
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
    cloneIteration(constant(0));
    streamedClone(head, constant(columns - lineElements + 1));
    cloneIteration(constant(columns - lineElements));
    createStoreFence(b, loc);
  }
};

} // namespace
