//===- PipelineRowStores.cpp - store rows while the next row computes -----===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "RowStores.h"

#include "nn/Codegen/Passes.h"
#include "nn/Codegen/Strategy.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/CheckedArithmetic.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNPIPELINEROWSTORESPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// A row group whose last pass (`store`) can run during the next row's
/// `host` loop.
struct RowPipeline {
  scf::ParallelOp parallel;
  scf::ForOp host;
  RowStore store;
  /// The row group's number of rows (at least 2).
  int64_t rows;
  /// The row's buffers, in the body's order.
  SmallVector<memref::AllocaOp> buffers;
  /// Values of the body the store reads and that are recomputed for the
  /// previous row (pure ops on the row, constants and buffers), in order.
  SmallVector<Operation *> recomputed;
  /// Values of the body the store reads that are carried from the previous
  /// row.
  SmallVector<Value> carried;
};

/// The memref `value` views through subviews.
Value getViewRoot(Value value) {
  while (auto subview = value.getDefiningOp<memref::SubViewOp>())
    value = subview.getSource();
  return value;
}

/// The memref `op` reads (a transfer, a vector or a scalar load); a null
/// value where it reads no memory (a prefetch, a pure op); nullopt where it
/// may read otherwise.
std::optional<Value> getReadBase(Operation *op) {
  if (auto read = dyn_cast<vector::TransferReadOp>(op))
    return read.getBase();
  if (auto load = dyn_cast<vector::LoadOp>(op))
    return load.getBase();
  if (auto load = dyn_cast<memref::LoadOp>(op))
    return load.getMemRef();
  if (isa<memref::PrefetchOp>(op) || isMemoryEffectFree(op))
    return Value();
  return std::nullopt;
}

/// Whether `op` (at the top level of the body) may write to `root`, the
/// root of a memref the store reads.
bool mayWrite(Operation *op, Value root) {
  bool writes = false;
  op->walk([&](Operation *nested) {
    // A prefetch changes nothing (its interface reports a write).
    if (isa<memref::PrefetchOp>(nested) ||
        nested->hasTrait<OpTrait::HasRecursiveMemoryEffects>())
      return;
    auto effects = dyn_cast<MemoryEffectOpInterface>(nested);
    if (!effects) {
      writes = true;
      return;
    }
    SmallVector<MemoryEffects::EffectInstance> instances;
    effects.getEffects(instances);
    for (auto &instance : instances)
      if (isa<MemoryEffects::Write>(instance.getEffect()) &&
          (!instance.getValue() || getViewRoot(instance.getValue()) == root))
        writes = true;
  });
  return writes;
}

/// Bytes the vector reads in `loop` (constant bounds, a positive step) read
/// over all its iterations; nullopt where that overflows int64 (bounds near
/// 2^63).
std::optional<int64_t> getBytesRead(scf::ForOp loop) {
  std::optional<int64_t> span =
      llvm::checkedSub(*getConstantIntValue(loop.getUpperBound()),
                       *getConstantIntValue(loop.getLowerBound()));
  if (!span)
    return std::nullopt;
  int64_t trips = *span / *getConstantIntValue(loop.getStep());
  int64_t bytes = 0;
  loop.getBody()->walk([&](vector::TransferReadOp read) {
    VectorType type = read.getVectorType();
    bytes += type.getNumElements() * type.getElementTypeBitWidth() / 8;
  });
  return llvm::checkedMul(bytes, trips);
}

/// Whether every line `store` writes starts on a cache line wherever the
/// output does: the output's rows (and outer strides; its layout is the
/// identity, matchRowStore) are whole lines, and along the last dim the
/// views and the write start at the column or at a whole number of lines.
bool storesAlignedLines(RowStore &store) {
  auto type = cast<MemRefType>(store.output.getType());
  int64_t elementBytes = type.getElementTypeBitWidth() / 8;
  int64_t lineElements = kCacheLineBytes / elementBytes;
  SmallVector<int64_t> strides = type.getStridesAndOffset().first;
  for (int64_t stride : ArrayRef(strides).drop_back())
    if (stride % lineElements != 0)
      return false;
  Value column = store.loop.getInductionVar();
  auto startsLine = [&](OpFoldResult position) {
    if (auto value = dyn_cast<Value>(position))
      return value == column;
    return *getConstantIntValue(position) % lineElements == 0;
  };
  for (memref::SubViewOp subview : store.chain)
    if (!startsLine(subview.getMixedOffsets().back()))
      return false;
  return startsLine(getAsOpFoldResult(store.write.getIndices().back()));
}

/// Matches a row group (see the pass's description), or nullopt.
std::optional<RowPipeline> matchRowPipeline(scf::ParallelOp parallel,
                                            func::FuncOp func, int64_t minBytes,
                                            int64_t minRowBytes,
                                            int64_t l1CacheBytes) {
  if (parallel.getNumLoops() != 1 || parallel.getNumResults() != 0)
    return std::nullopt;
  std::optional<int64_t> lower =
      getConstantIntValue(parallel.getLowerBound().front());
  std::optional<int64_t> upper =
      getConstantIntValue(parallel.getUpperBound().front());
  std::optional<int64_t> step = getConstantIntValue(parallel.getStep().front());
  if (!lower || !upper || !step || *step <= 0)
    return std::nullopt;
  // A single row has nothing to overlap with. Checked: bounds near 2^63.
  std::optional<int64_t> span = llvm::checkedSub(*upper, *lower);
  if (!span || *span <= *step)
    return std::nullopt;
  int64_t rows = (*span - 1) / *step + 1;
  Block *body = parallel.getBody();
  Value row = parallel.getInductionVars().front();

  // The last pass: the loop right before the terminator.
  Operation *terminator = body->getTerminator();
  auto storeLoop = dyn_cast_or_null<scf::ForOp>(terminator->getPrevNode());
  if (!storeLoop)
    return std::nullopt;
  std::optional<RowStore> store = matchRowStore(
      storeLoop, func.getBody().front(), func, minBytes, minRowBytes);
  if (!store)
    return std::nullopt;
  int64_t columns = *getConstantIntValue(storeLoop.getUpperBound());
  int64_t line = *getConstantIntValue(storeLoop.getStep());
  if (!storesAlignedLines(*store))
    return std::nullopt;

  // The host: the loop before it over the same columns.
  scf::ForOp host;
  for (Operation *op = storeLoop->getPrevNode(); op && !host;
       op = op->getPrevNode())
    host = dyn_cast<scf::ForOp>(op);
  if (!host)
    return std::nullopt;
  std::optional<int64_t> hostLower = getConstantIntValue(host.getLowerBound());
  std::optional<int64_t> hostUpper = getConstantIntValue(host.getUpperBound());
  std::optional<int64_t> hostStep = getConstantIntValue(host.getStep());
  // Each host iteration stores the lines of its own columns: a step that
  // does not divide the columns would store past them in the last one.
  if (!hostLower || !hostUpper || !hostStep || *hostLower != 0 ||
      *hostUpper != columns || *hostStep <= 0 || *hostStep % line != 0 ||
      columns % *hostStep != 0)
    return std::nullopt;

  // A host without math functions is bound by its loads: it gains only
  // where the store's reads join its own in L1.
  bool computes = false;
  host->walk([&](Operation *op) {
    if (isa<math::MathDialect>(op->getDialect()))
      computes = true;
  });
  if (!computes) {
    std::optional<int64_t> hostBytes = getBytesRead(host);
    std::optional<int64_t> storeBytes = getBytesRead(storeLoop);
    std::optional<int64_t> bytes =
        hostBytes && storeBytes ? llvm::checkedAdd(*hostBytes, *storeBytes)
                                : std::nullopt;
    if (!bytes || *bytes > l1CacheBytes)
      return std::nullopt;
  }

  RowPipeline pipeline{parallel, host, *store, rows, {}, {}, {}};
  for (Operation &op : body->without_terminator()) {
    if (auto buffer = dyn_cast<memref::AllocaOp>(op)) {
      pipeline.buffers.push_back(buffer);
      continue;
    }
    // The output is the store's alone; other row buffers than the allocas
    // at the top (in the store, in a loop) would be shared by the two rows
    // in flight.
    bool touchesOutput = false, allocatesNested = false;
    op.walk([&](Operation *nested) {
      if (hasEffect<MemoryEffects::Allocate>(nested) ||
          isa<memref::AllocaScopeOp>(nested))
        allocatesNested = true;
      if (isa<memref::SubViewOp>(nested))
        return;
      for (Value operand : nested->getOperands())
        if (getViewRoot(operand) == store->output)
          touchesOutput = true;
    });
    if (allocatesNested || (&op != storeLoop && touchesOutput))
      return std::nullopt;
  }

  // What the store reads: its own row's buffers, or memory nothing in the
  // row group writes.
  bool readsShared = false;
  storeLoop->walk([&](Operation *op) {
    if (op == store->write.getOperation() ||
        op->hasTrait<OpTrait::HasRecursiveMemoryEffects>())
      return;
    std::optional<Value> base = getReadBase(op);
    if (!base) {
      readsShared = true;
      return;
    }
    if (!*base)
      return;
    Value root = getViewRoot(*base);
    if (root.getDefiningOp<memref::AllocaOp>() && root.getParentBlock() == body)
      return;
    for (Operation &other : body->without_terminator())
      if (&other != storeLoop && mayWrite(&other, root))
        readsShared = true;
  });
  if (readsShared)
    return std::nullopt;

  // Values of the body the store uses: recomputed (pure ops on the row and
  // the buffers) or carried from the previous row.
  llvm::SetVector<Value> used;
  getUsedValuesDefinedAbove(storeLoop.getRegion(), used);
  llvm::DenseMap<Value, bool> recomputable;
  llvm::SetVector<Operation *> recomputed;
  std::function<bool(Value)> isRecomputable = [&](Value value) -> bool {
    if (value == row)
      return true;
    Operation *def = value.getDefiningOp();
    if (!def || !parallel->isProperAncestor(def))
      return true;
    if (auto it = recomputable.find(value); it != recomputable.end())
      return it->second;
    bool result = isa<memref::AllocaOp>(def) ||
                  (isMemoryEffectFree(def) && def->getNumRegions() == 0 &&
                   llvm::all_of(def->getOperands(), isRecomputable));
    recomputable[value] = result;
    if (result && !isa<memref::AllocaOp>(def))
      recomputed.insert(def);
    return result;
  };
  for (Value value : used) {
    if (isRecomputable(value))
      continue;
    if (isa<MemRefType>(value.getType()))
      return std::nullopt;
    pipeline.carried.push_back(value);
  }
  pipeline.recomputed = recomputed.takeVector();
  llvm::sort(pipeline.recomputed,
             [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  return pipeline;
}

struct NNPipelineRowStoresPass
    : mlir::nn::impl::NNPipelineRowStoresPassBase<NNPipelineRowStoresPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal() || !func.isPublic() || rowsPerBlock < 2)
      return;
    std::vector<RowPipeline> pipelines;
    func.walk([&](scf::ParallelOp parallel) {
      if (std::optional<RowPipeline> pipeline = matchRowPipeline(
              parallel, func, minBytes, minRowBytes, l1CacheBytes))
        pipelines.push_back(std::move(*pipeline));
    });
    for (RowPipeline &pipeline : pipelines)
      rewrite(pipeline);
  }

  /// Clones the store's body for column `column` with `mapping` (the
  /// previous row's buffers and values), storing the line with a
  /// non-temporal store. Prefetches (and what only they use) keep
  /// `currentRow`, and take what the body computes from the row (the row
  /// ahead's indices) from `currentRowValues`, the current row's clones.
  void cloneStoreIteration(OpBuilder &b, RowPipeline &pipeline,
                           IRMapping &mapping, Value column, Value previousRow,
                           Value currentRow,
                           const IRMapping &currentRowValues) {
    scf::ForOp storeLoop = pipeline.store.loop;
    Value row = pipeline.parallel.getInductionVars().front();
    mapping.map(storeLoop.getInductionVar(), column);
    for (Operation &op : storeLoop.getBody()->without_terminator()) {
      if (&op == pipeline.store.write.getOperation()) {
        auto write = cast<vector::TransferWriteOp>(op);
        vector::StoreOp::create(
            b, op.getLoc(), mapping.lookup(write.getVector()),
            mapping.lookupOrDefault(write.getBase()),
            llvm::map_to_vector(
                write.getIndices(),
                [&](Value v) { return mapping.lookupOrDefault(v); }),
            /*nontemporal=*/true, llvm::MaybeAlign(kCacheLineBytes));
        continue;
      }
      if (!isa<memref::PrefetchOp>(op) && !feedsOnlyPrefetches(&op)) {
        b.clone(op, mapping);
        continue;
      }
      IRMapping prefetchMapping = mapping;
      prefetchMapping.map(row, currentRow);
      for (Value operand : op.getOperands())
        if (operand.getParentBlock() == pipeline.parallel.getBody())
          if (Value current = currentRowValues.lookupOrNull(operand))
            prefetchMapping.map(operand, current);
      Operation *clone = b.clone(op, prefetchMapping);
      for (auto [result, cloned] :
           llvm::zip(op.getResults(), clone->getResults()))
        mapping.map(result, cloned);
    }
  }

  /// Rewrites the row group as (R rows lb, lb + s, ...; B rows per block)
  ///
  ///   if the output's address is a multiple of the cache line:
  ///     parallel over blocks of B rows:
  ///       buffers A, B
  ///       row `first` but its store, in A
  ///       for each later row r, (cur, prev, carried) = (B, A, row first's):
  ///         row r but its store, in cur; its host loop also stores row
  ///         r - s's lines from prev and carried
  ///         next: (prev, cur, row r's)
  ///       the store of the block's last row; store fence
  ///   else:
  ///     the loop as it was
  void rewrite(RowPipeline &pipeline) {
    scf::ParallelOp parallel = pipeline.parallel;
    Location loc = parallel.getLoc();
    Block *body = parallel.getBody();
    Value row = parallel.getInductionVars().front();
    scf::ForOp storeLoop = pipeline.store.loop;
    int64_t lower = *getConstantIntValue(parallel.getLowerBound().front());
    int64_t step = *getConstantIntValue(parallel.getStep().front());
    int64_t rows = pipeline.rows;
    int64_t blockRows = std::min<int64_t>(rowsPerBlock, rows);
    // Not (rows + blockRows - 1) / blockRows, which overflows near 2^63.
    int64_t blocks = (rows - 1) / blockRows + 1;

    OpBuilder b(parallel);
    auto constant = [&](int64_t value) -> Value {
      return arith::ConstantIndexOp::create(b, loc, value);
    };
    // Every line the store writes is aligned where the output is
    // (storesAlignedLines).
    Value base = memref::ExtractAlignedPointerAsIndexOp::create(
        b, loc, pipeline.store.output);
    Value aligned = arith::CmpIOp::create(
        b, loc, arith::CmpIPredicate::eq,
        arith::RemUIOp::create(b, loc, base, constant(kCacheLineBytes)),
        constant(0));
    auto ifOp = scf::IfOp::create(b, loc, aligned, /*withElseRegion=*/true);
    b.setInsertionPoint(ifOp.thenBlock()->getTerminator());

    auto blocksLoop = scf::ParallelOp::create(b, loc, ValueRange{constant(0)},
                                              ValueRange{constant(blocks)},
                                              ValueRange{constant(1)});
    b.setInsertionPointToStart(blocksLoop.getBody());
    Value block = blocksLoop.getInductionVars().front();
    Value first = arith::MulIOp::create(b, loc, block, constant(blockRows));
    Value last = arith::MinSIOp::create(
        b, loc, arith::AddIOp::create(b, loc, first, constant(blockRows)),
        constant(rows));
    auto rowOf = [&](Value iteration) -> Value {
      return arith::AddIOp::create(
          b, loc, constant(lower),
          arith::MulIOp::create(b, loc, iteration, constant(step)));
    };

    // Two copies of each buffer.
    SmallVector<Value> buffersA, buffersB;
    for (memref::AllocaOp buffer : pipeline.buffers) {
      buffersA.push_back(b.clone(*buffer)->getResult(0));
      buffersB.push_back(b.clone(*buffer)->getResult(0));
    }
    auto mapBuffers = [&](IRMapping &mapping, ValueRange copies) {
      for (auto [buffer, copy] : llvm::zip(pipeline.buffers, copies))
        mapping.map(buffer.getResult(), copy);
    };
    auto isBuffer = [](Operation &op) { return isa<memref::AllocaOp>(op); };

    // The block's first row, but its store.
    IRMapping firstMapping;
    firstMapping.map(row, rowOf(first));
    mapBuffers(firstMapping, buffersA);
    for (Operation &op : body->without_terminator())
      if (!isBuffer(op) && &op != storeLoop.getOperation())
        b.clone(op, firstMapping);

    SmallVector<Value> inits(buffersB);
    llvm::append_range(inits, buffersA);
    for (Value value : pipeline.carried)
      inits.push_back(firstMapping.lookup(value));
    size_t numBuffers = pipeline.buffers.size();
    auto rowsLoop = scf::ForOp::create(
        b, loc, arith::AddIOp::create(b, loc, first, constant(1)), last,
        constant(1), inits);
    {
      OpBuilder::InsertionGuard guard(b);
      // The yield comes last, with the next row's buffers and values.
      if (rowsLoop.getBody()->mightHaveTerminator())
        rowsLoop.getBody()->getTerminator()->erase();
      b.setInsertionPointToStart(rowsLoop.getBody());
      ValueRange args = rowsLoop.getRegionIterArgs();
      ValueRange current = args.take_front(numBuffers);
      ValueRange previous = args.slice(numBuffers, numBuffers);
      ValueRange carried = args.drop_front(2 * numBuffers);
      Value currentRow = rowOf(rowsLoop.getInductionVar());
      Value previousRow =
          arith::SubIOp::create(b, loc, currentRow, constant(step));

      // The previous row's view of the store's inputs.
      IRMapping storeMapping;
      storeMapping.map(row, previousRow);
      mapBuffers(storeMapping, previous);
      for (auto [value, arg] : llvm::zip(pipeline.carried, carried))
        storeMapping.map(value, arg);
      for (Operation *op : pipeline.recomputed)
        b.clone(*op, storeMapping);

      IRMapping rowMapping;
      rowMapping.map(row, currentRow);
      mapBuffers(rowMapping, current);
      for (Operation &op : body->without_terminator()) {
        if (isBuffer(op) || &op == storeLoop.getOperation())
          continue;
        Operation *clone = b.clone(op, rowMapping);
        if (&op != pipeline.host.getOperation())
          continue;
        auto host = cast<scf::ForOp>(clone);
        OpBuilder::InsertionGuard hostGuard(b);
        b.setInsertionPoint(host.getBody()->getTerminator());
        int64_t hostStep = *getConstantIntValue(host.getStep());
        int64_t line = *getConstantIntValue(storeLoop.getStep());
        for (int64_t offset = 0; offset < hostStep; offset += line) {
          Value column = host.getInductionVar();
          if (offset != 0)
            column = arith::AddIOp::create(b, loc, column, constant(offset));
          cloneStoreIteration(b, pipeline, storeMapping, column, previousRow,
                              currentRow, rowMapping);
        }
      }
      SmallVector<Value> yields(previous);
      llvm::append_range(yields, current);
      for (Value value : pipeline.carried)
        yields.push_back(rowMapping.lookup(value));
      scf::YieldOp::create(b, loc, yields);
    }

    // The block's last row's store.
    ValueRange results = rowsLoop.getResults();
    Value lastRow = rowOf(arith::SubIOp::create(b, loc, last, constant(1)));
    IRMapping lastMapping;
    lastMapping.map(row, lastRow);
    mapBuffers(lastMapping, results.slice(numBuffers, numBuffers));
    for (auto [value, result] :
         llvm::zip(pipeline.carried, results.drop_front(2 * numBuffers)))
      lastMapping.map(value, result);
    for (Operation *op : pipeline.recomputed)
      b.clone(*op, lastMapping);
    auto lastStore =
        cast<scf::ForOp>(b.cloneWithoutRegions(*storeLoop, lastMapping));
    lastStore.getRegion().push_back(new Block());
    {
      OpBuilder::InsertionGuard guard(b);
      Block *lastBody = lastStore.getBody();
      lastBody->addArgument(b.getIndexType(), loc);
      b.setInsertionPointToStart(lastBody);
      cloneStoreIteration(b, pipeline, lastMapping, lastStore.getInductionVar(),
                          lastRow, lastRow, lastMapping);
      scf::YieldOp::create(b, loc);
    }
    createStoreFence(b, loc);

    // Unaligned outputs: the loop as it was.
    parallel->moveBefore(ifOp.elseBlock()->getTerminator());
  }
};

} // namespace
