//===- RowStores.cpp - loops that store rows of large outputs -------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "RowStores.h"

#include "nn/Codegen/Strategy.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace mlir::nn;

BlockArgument
mlir::nn::getViewedArgument(Value value,
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

namespace {

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

} // namespace

bool mlir::nn::feedsOnlyPrefetches(Operation *op) {
  return llvm::all_of(op->getUsers(), [](Operation *user) {
    return isa<memref::PrefetchOp>(user) ||
           (isMemoryEffectFree(user) && feedsOnlyPrefetches(user));
  });
}

std::optional<RowStore> mlir::nn::matchRowStore(scf::ForOp loop, Block &entry,
                                                func::FuncOp func,
                                                int64_t minBytes,
                                                int64_t minRowBytes) {
  std::optional<int64_t> lower = getConstantIntValue(loop.getLowerBound());
  std::optional<int64_t> upper = getConstantIntValue(loop.getUpperBound());
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  // scf.for allows a step of 0 or below: such a loop stores no lines (and
  // would divide by 0 here). At least 3 lines, without computing 3 * step
  // (which overflows for a step near 2^63).
  if (!lower || !upper || !step || *lower != 0 || *step <= 0 ||
      loop.getNumResults() != 0 || *upper % *step != 0 || *upper / *step < 3)
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
      if (!outputType.hasStaticShape() || outputType.getRank() == 0 ||
          !outputType.getLayout().isIdentity())
        return std::nullopt;
      // The columns lie within the output's rows (an in-bounds write at
      // every column needs it); the row's bits, checked, as the bound may be
      // near 2^63.
      std::optional<int64_t> rowBits =
          llvm::checkedMul<int64_t>(*upper, type.getElementTypeBitWidth());
      if (*upper > outputType.getShape().back() || !rowBits ||
          *rowBits / 8 < minRowBytes ||
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

void mlir::nn::createStoreFence(OpBuilder &b, Location loc) {
  LLVM::CallIntrinsicOp::create(b, loc, b.getStringAttr("llvm.x86.sse.sfence"),
                                ValueRange());
}
