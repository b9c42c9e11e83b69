//===- PrefetchStreams.cpp - prefetch ahead of compute-bound streams ------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"
#include "nn/Codegen/Strategy.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/Support/CheckedArithmetic.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNPREFETCHSTREAMSPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Rows at least this far apart defeat the hardware prefetchers' stride
/// detection when a loop reads a short piece of each.
constexpr int64_t kMinStridedRowBytes = 1024;

/// Whether `expr` adds its dimensions, symbols and constants, each with
/// coefficient 1.
bool isPlainSum(AffineExpr expr) {
  if (isa<AffineDimExpr, AffineSymbolExpr, AffineConstantExpr>(expr))
    return true;
  auto sum = dyn_cast<AffineBinaryOpExpr>(expr);
  return sum && sum.getKind() == AffineExprKind::Add &&
         isPlainSum(sum.getLHS()) && isPlainSum(sum.getRHS());
}

/// Whether `index` advances with `loop`: its induction variable, or the sum
/// of it and values defined outside the loop.
bool advancesWithLoop(Value index, scf::ForOp loop) {
  Value iv = loop.getInductionVar();
  if (index == iv)
    return true;
  Operation *def = index.getDefiningOp();
  if (auto apply = dyn_cast_or_null<affine::AffineApplyOp>(def)) {
    if (!isPlainSum(apply.getAffineMap().getResult(0)))
      return false;
  } else if (!isa_and_nonnull<arith::AddIOp>(def)) {
    return false;
  }
  return llvm::count(def->getOperands(), iv) == 1 &&
         llvm::all_of(def->getOperands(), [&](Value operand) {
           return operand == iv || loop.isDefinedOutsideOfLoop(operand);
         });
}

/// Prefetches the cache line of `memref` at `indices` into L1, for reading
/// or for writing.
void prefetchLine(OpBuilder &b, Location loc, Value memref, ValueRange indices,
                  bool forWrite) {
  memref::PrefetchOp::create(b, loc, memref, indices, forWrite,
                             /*localityHint=*/3, /*isDataCache=*/true);
}

/// Whether `value` is the same in every iteration of `loop`: defined
/// outside it, or computed inside it by pure ops from such values.
bool isLoopInvariant(Value value, scf::ForOp loop) {
  if (loop.isDefinedOutsideOfLoop(value))
    return true;
  Operation *def = value.getDefiningOp();
  return def && isPure(def) && def->getNumRegions() == 0 &&
         llvm::all_of(def->getOperands(), [&](Value operand) {
           return isLoopInvariant(operand, loop);
         });
}

/// Vector operations in `loop`'s body (not counting its reads, writes and
/// constants).
int64_t countVectorOps(scf::ForOp loop) {
  int64_t ops = 0;
  loop.getBody()->walk([&](Operation *op) {
    if (isa<vector::TransferReadOp, vector::TransferWriteOp>(op) ||
        matchPattern(op, m_Constant()))
      return;
    if (llvm::any_of(op->getResultTypes(), llvm::IsaPred<VectorType>))
      ++ops;
  });
  return ops;
}

/// The accumulator tile a reduction loop starts from, read from a row tile
/// of a buffer (a subview at the induction variable of the loop around it),
/// and how far on the next row tile starts.
struct NextTile {
  /// The reduction loop.
  scf::ForOp loop;
  /// The read of its starting accumulators.
  vector::TransferReadOp read;
  /// The row tile read from.
  memref::SubViewOp tile;
  /// The row loop's step: rows between one tile and the next.
  int64_t rowStep;
};

struct NNPrefetchStreamsPass
    : mlir::nn::impl::NNPrefetchStreamsPassBase<NNPrefetchStreamsPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    SmallVector<vector::TransferReadOp> streams, stridedRows;
    SmallVector<NextTile> nextTiles;
    func.walk([&](scf::ForOp loop) {
      if (!getConstantIntValue(loop.getStep()) ||
          loop.getBody()
              ->walk(
                  [](LoopLikeOpInterface) { return WalkResult::interrupt(); })
              .wasInterrupted())
        return;
      bool carriesVectors =
          llvm::any_of(loop.getRegionIterArgs(), [](BlockArgument arg) {
            return isa<VectorType>(arg.getType());
          });
      if (carriesVectors && stridedRowsAhead > 0)
        for (auto read : loop.getBody()->getOps<vector::TransferReadOp>())
          if (isStridedRowRead(read, loop))
            stridedRows.push_back(read);
      if (carriesVectors && nextAccumulators)
        for (Value init : loop.getInitArgs())
          if (auto read = init.getDefiningOp<vector::TransferReadOp>())
            if (std::optional<NextTile> next = getNextRowTile(read, loop))
              nextTiles.push_back(*next);
      if (distanceBytes <= 0)
        return;
      SmallVector<vector::TransferReadOp> reads;
      int64_t lineBytes = 0;
      for (auto read : loop.getBody()->getOps<vector::TransferReadOp>()) {
        if (!isStreamedRead(read, loop))
          continue;
        reads.push_back(read);
        lineBytes = std::max(lineBytes, vectorBytes(read));
      }
      if (reads.empty())
        return;
      // Ops per cache line of the widest stream.
      int64_t opsPerLine = countVectorOps(loop) * kCacheLineBytes /
                           std::max<int64_t>(lineBytes, 1);
      if (opsPerLine >= minOpsPerLine)
        llvm::append_range(streams, reads);
    });
    for (vector::TransferReadOp read : streams)
      prefetchAhead(read);
    for (vector::TransferReadOp read : stridedRows)
      prefetchRowsAhead(read);
    for (NextTile &next : nextTiles)
      prefetchNextTile(next);
  }

  static int64_t vectorBytes(vector::TransferReadOp read) {
    VectorType type = read.getVectorType();
    return type.getNumElements() * type.getElementTypeBitWidth() / 8;
  }

  /// Whether `read` reads a large contiguous buffer (a function argument, a
  /// view of the workspace) one row vector at a time along its last
  /// dimension, moving with `loop`.
  bool isStreamedRead(vector::TransferReadOp read, scf::ForOp loop) {
    auto type = dyn_cast<MemRefType>(read.getBase().getType());
    if (!type || !type.hasStaticShape() || !type.getLayout().isIdentity() ||
        read.getMask() || read.getVectorType().getRank() != 1 ||
        !read.getPermutationMap().isMinorIdentity() ||
        type.getNumElements() * type.getElementTypeBitWidth() / 8 < minBytes)
      return false;
    ValueRange indices = read.getIndices();
    return advancesWithLoop(indices.back(), loop) &&
           llvm::all_of(indices.drop_back(), [&](Value index) {
             return loop.isDefinedOutsideOfLoop(index);
           });
  }

  /// Whether `read` reads, in each iteration of the reduction loop `loop`,
  /// a short piece (at most an eighth) of the next row of a buffer whose
  /// rows are at least kMinStridedRowBytes apart: a matmul kernel reading
  /// its register tile's columns of B in place, row k at step k.
  bool isStridedRowRead(vector::TransferReadOp read, scf::ForOp loop) {
    auto type = dyn_cast<MemRefType>(read.getBase().getType());
    VectorType vectorType = read.getVectorType();
    if (!type || type.getRank() < 2 || !type.hasStaticShape() ||
        vectorType.getRank() == 0 || read.getMask() ||
        !read.getPermutationMap().isMinorIdentity() ||
        llvm::any_of(vectorType.getShape().drop_back(),
                     [](int64_t size) { return size != 1; }))
      return false;
    SmallVector<int64_t> strides;
    int64_t offset;
    if (failed(type.getStridesAndOffset(strides, offset)) ||
        strides.back() != 1 ||
        ShapedType::isDynamic(strides[strides.size() - 2]))
      return false;
    int64_t rowBytes =
        strides[strides.size() - 2] * type.getElementTypeBitWidth() / 8;
    if (rowBytes < kMinStridedRowBytes || 8 * vectorBytes(read) > rowBytes)
      return false;
    ValueRange indices = read.getIndices();
    int64_t rowDim = indices.size() - 2;
    for (auto [dim, index] : llvm::enumerate(indices))
      if (static_cast<int64_t>(dim) == rowDim ? !advancesWithLoop(index, loop)
                                              : !isLoopInvariant(index, loop))
        return false;
    return true;
  }

  /// The next row tile of the accumulators `read` loads for reduction loop
  /// `loop`: `read` reads, from its origin, a 2-D tile of a subview whose
  /// row offset is the induction variable of the loop directly around
  /// `loop` (a matmul's register tiles, one per row step).
  std::optional<NextTile> getNextRowTile(vector::TransferReadOp read,
                                         scf::ForOp loop) {
    auto tile = read.getBase().getDefiningOp<memref::SubViewOp>();
    auto rows = dyn_cast<scf::ForOp>(loop->getParentOp());
    if (!tile || !rows || read.getMask() ||
        read.getVectorType().getRank() != 2 ||
        !read.getPermutationMap().isMinorIdentity() ||
        !llvm::all_of(read.getIndices(),
                      [](Value index) { return isConstantIntValue(index, 0); }))
      return std::nullopt;
    auto sourceType = cast<MemRefType>(tile.getSource().getType());
    std::optional<int64_t> rowStep = getConstantIntValue(rows.getStep());
    SmallVector<OpFoldResult> offsets = tile.getMixedOffsets();
    // The rows prefetched, rowStep + row for each row of the tile, must not
    // overflow (a row loop's step near 2^63).
    if (sourceType.getRank() != 2 || sourceType.isDynamicDim(0) || !rowStep ||
        *rowStep <= 0 ||
        !llvm::checkedAdd(*rowStep, read.getVectorType().getDimSize(0)) ||
        !tile.hasUnitStride() ||
        dyn_cast<Value>(offsets[0]) != rows.getInductionVar())
      return std::nullopt;
    return NextTile{loop, read, tile, *rowStep};
  }

  /// Before `next.loop`, prefetches for writing each line of the
  /// accumulator tile one row step further on (at most the last row), so
  /// that its loads at the next tile's start find them in cache.
  void prefetchNextTile(NextTile &next) {
    OpBuilder b(next.loop);
    Location loc = next.loop.getLoc();
    auto constant = [&](int64_t value) -> Value {
      return arith::ConstantIndexOp::create(b, loc, value);
    };
    Value source = next.tile.getSource();
    auto sourceType = cast<MemRefType>(source.getType());
    int64_t elementBytes = sourceType.getElementTypeBitWidth() / 8;
    SmallVector<OpFoldResult> offsets = next.tile.getMixedOffsets();
    Value firstRow = getValueOrCreateConstantIndexOp(b, loc, offsets[0]);
    Value firstColumn = getValueOrCreateConstantIndexOp(b, loc, offsets[1]);
    ArrayRef<int64_t> shape = next.read.getVectorType().getShape();
    Value lastRow = constant(sourceType.getDimSize(0) - 1);
    for (int64_t row = 0; row < shape[0]; ++row) {
      Value at = arith::MinSIOp::create(
          b, loc,
          arith::AddIOp::create(b, loc, firstRow, constant(next.rowStep + row)),
          lastRow);
      for (int64_t column = 0; column < shape[1];
           column += kCacheLineBytes / elementBytes) {
        Value columnAt =
            column == 0
                ? firstColumn
                : arith::AddIOp::create(b, loc, firstColumn, constant(column))
                      .getResult();
        prefetchLine(b, loc, source, {at, columnAt}, /*forWrite=*/true);
      }
    }
  }

  /// Prefetches the lines `read` will read `stridedRowsAhead` rows further
  /// on (at most the last row).
  void prefetchRowsAhead(vector::TransferReadOp read) {
    auto type = cast<MemRefType>(read.getBase().getType());
    int64_t elementBytes = type.getElementTypeBitWidth() / 8;
    OpBuilder b(read);
    Location loc = read.getLoc();
    auto constant = [&](int64_t value) -> Value {
      return arith::ConstantIndexOp::create(b, loc, value);
    };
    SmallVector<Value> indices(read.getIndices());
    int64_t rowDim = indices.size() - 2;
    indices[rowDim] = arith::MinSIOp::create(
        b, loc,
        arith::AddIOp::create(b, loc, indices[rowDim],
                              constant(stridedRowsAhead)),
        constant(type.getDimSize(rowDim) - 1));
    Value column = indices.back();
    for (int64_t offset = 0; offset < vectorBytes(read);
         offset += kCacheLineBytes) {
      if (offset > 0)
        indices.back() = arith::AddIOp::create(b, loc, column,
                                               constant(offset / elementBytes));
      prefetchLine(b, loc, read.getBase(), indices, /*forWrite=*/false);
    }
  }

  /// Prefetches, for each cache line `read` reads, the line `distanceBytes`
  /// further on in its (contiguous) argument, at most its last element.
  void prefetchAhead(vector::TransferReadOp read) {
    auto type = cast<MemRefType>(read.getBase().getType());
    int64_t elementBytes = type.getElementTypeBitWidth() / 8;
    OpBuilder b(read);
    Location loc = read.getLoc();
    auto constant = [&](int64_t value) -> Value {
      return arith::ConstantIndexOp::create(b, loc, value);
    };
    Value flat = read.getBase();
    if (type.getRank() != 1) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointAfterValue(flat);
      SmallVector<ReassociationIndices> all(1);
      for (int64_t dim = 0; dim < type.getRank(); ++dim)
        all.front().push_back(dim);
      flat = memref::CollapseShapeOp::create(b, loc, flat, all);
    }
    SmallVector<int64_t> strides = type.getStridesAndOffset().first;
    Value position = constant(0);
    for (auto [index, stride] : llvm::zip(read.getIndices(), strides))
      position = arith::AddIOp::create(
          b, loc, position,
          stride == 1 ? index
                      : arith::MulIOp::create(b, loc, index, constant(stride))
                            .getResult());
    Value last = constant(type.getNumElements() - 1);
    for (int64_t offset = 0; offset < vectorBytes(read);
         offset += kCacheLineBytes) {
      Value ahead = arith::MinSIOp::create(
          b, loc,
          arith::AddIOp::create(
              b, loc, position,
              constant((distanceBytes + offset) / elementBytes)),
          last);
      prefetchLine(b, loc, flat, ahead, /*forWrite=*/false);
    }
  }
};

} // namespace
