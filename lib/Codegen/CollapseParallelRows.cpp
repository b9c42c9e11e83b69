//===- CollapseParallelRows.cpp - take a row group's rows in order --------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "llvm/Support/CheckedArithmetic.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNCOLLAPSEPARALLELROWSPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// The iterations of each dim of `parallel`, or nullopt where a bound is not
/// constant, a dim is empty, or the count of rows (their product) overflows
/// int64 (bounds near 2^63): such a loop is left as it is.
std::optional<SmallVector<int64_t>> getRowCounts(scf::ParallelOp parallel) {
  SmallVector<int64_t> counts;
  int64_t rows = 1;
  for (auto [lb, ub, st] :
       llvm::zip(parallel.getLowerBound(), parallel.getUpperBound(),
                 parallel.getStep())) {
    std::optional<int64_t> lower = getConstantIntValue(lb);
    std::optional<int64_t> upper = getConstantIntValue(ub);
    std::optional<int64_t> step = getConstantIntValue(st);
    if (!lower || !upper || !step || *step <= 0)
      return std::nullopt;
    std::optional<int64_t> span = llvm::checkedSub(*upper, *lower);
    if (!span || *span <= 0)
      return std::nullopt;
    counts.push_back((*span - 1) / *step + 1);
    std::optional<int64_t> product = llvm::checkedMul(rows, counts.back());
    if (!product)
      return std::nullopt;
    rows = *product;
  }
  return counts;
}

/// Whether `parallel` (constant bounds, several dims) computes one row per
/// iteration: something in it reads a vector along the last dim of a
/// function argument of `entry` at exactly the loop's induction variables,
/// in order, followed by the column.
bool isRowGroupLoop(scf::ParallelOp parallel, Block &entry) {
  if (parallel.getNumLoops() < 2 || parallel.getNumResults() != 0 ||
      !getRowCounts(parallel))
    return false;
  SmallVector<Value> rows = parallel.getInductionVars();
  WalkResult found = parallel.getBody()->walk([&](vector::TransferReadOp read) {
    auto arg = dyn_cast<BlockArgument>(read.getBase());
    ValueRange indices = read.getIndices();
    if (arg && arg.getOwner() == &entry && indices.size() == rows.size() + 1 &&
        read.getVectorType().getRank() == 1 &&
        read.getPermutationMap().isMinorIdentity() &&
        llvm::equal(indices.drop_back(), rows))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return found.wasInterrupted();
}

/// Rewrites `parallel` (dims d with lower bound l_d, step s_d, n_d
/// iterations) as one loop over k in [0, n_0 * ... * n_{D-1}) with
/// i_d = l_d + (k / (n_{d+1} * ... * n_{D-1}) mod n_d) * s_d, the body
/// unchanged: the rows in the order of the original dims.
void collapseRows(scf::ParallelOp parallel) {
  OpBuilder b(parallel);
  Location loc = parallel.getLoc();
  auto constant = [&](int64_t value) -> Value {
    return arith::ConstantIndexOp::create(b, loc, value);
  };
  SmallVector<int64_t> lower, step;
  for (auto [lb, st] :
       llvm::zip(parallel.getLowerBound(), parallel.getStep())) {
    lower.push_back(*getConstantIntValue(lb));
    step.push_back(*getConstantIntValue(st));
  }
  // Counts isRowGroupLoop checked: their product does not overflow.
  SmallVector<int64_t> counts = *getRowCounts(parallel);
  int64_t rows = 1;
  for (int64_t count : counts)
    rows *= count;
  auto collapsed = scf::ParallelOp::create(b, loc, ValueRange{constant(0)},
                                           ValueRange{constant(rows)},
                                           ValueRange{constant(1)});
  Block *body = collapsed.getBody();
  b.setInsertionPointToStart(body);
  Value row = collapsed.getInductionVars().front();
  SmallVector<Value> indices(counts.size());
  int64_t inner = 1;
  for (int64_t dim = counts.size() - 1; dim >= 0; --dim) {
    Value index = row;
    if (inner != 1)
      index = arith::DivUIOp::create(b, loc, index, constant(inner));
    if (dim != 0)
      index = arith::RemUIOp::create(b, loc, index, constant(counts[dim]));
    if (step[dim] != 1)
      index = arith::MulIOp::create(b, loc, index, constant(step[dim]));
    if (lower[dim] != 0)
      index = arith::AddIOp::create(b, loc, index, constant(lower[dim]));
    indices[dim] = index;
    inner *= counts[dim];
  }
  // The old body (its scf.reduce included) replaces the new one's.
  body->getTerminator()->erase();
  Block *old = parallel.getBody();
  for (auto [arg, index] : llvm::zip(old->getArguments(), indices))
    arg.replaceAllUsesWith(index);
  body->getOperations().splice(body->end(), old->getOperations());
  parallel.erase();
}

struct NNCollapseParallelRowsPass
    : mlir::nn::impl::NNCollapseParallelRowsPassBase<
          NNCollapseParallelRowsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.getBody().empty())
      return;
    Block &entry = func.getBody().front();
    SmallVector<scf::ParallelOp> loops;
    func.walk([&](scf::ParallelOp parallel) {
      if (isRowGroupLoop(parallel, entry))
        loops.push_back(parallel);
    });
    for (scf::ParallelOp parallel : loops)
      collapseRows(parallel);
  }
};

} // namespace
