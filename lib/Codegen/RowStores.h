//===- RowStores.h - loops that store rows of large outputs -----*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// Shared by nn-stream-stores and nn-pipeline-row-stores: the loops that store
// one cache line of an output row per iteration, and the fence that orders
// their non-temporal stores.
//
//===----------------------------------------------------------------------===//

#ifndef NN_LIB_CODEGEN_ROWSTORES_H
#define NN_LIB_CODEGEN_ROWSTORES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <optional>

namespace mlir::nn {

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
                                SmallVectorImpl<memref::SubViewOp> &chain);

/// Matches `loop` if it stores one line of an output of `func` (an argument
/// of its `entry` block marked `bufferize.result`, static, identity layout,
/// at least `minBytes`) per iteration (see RowStore), rows of at least
/// `minRowBytes`, and nothing in it reads that output; other reads may be
/// anywhere (the loop is then not shiftable unless they move with the
/// column).
std::optional<RowStore> matchRowStore(scf::ForOp loop, Block &entry,
                                      func::FuncOp func, int64_t minBytes,
                                      int64_t minRowBytes);

/// Whether every use of `op`'s results is a prefetch's address, directly or
/// through other such ops.
bool feedsOnlyPrefetches(Operation *op);

/// x86's store fence (`sfence`): it orders non-temporal stores before later
/// stores. (A seq_cst `llvm.fence` may become a locked instruction, which
/// is not documented to order them.)
void createStoreFence(OpBuilder &b, Location loc);

} // namespace mlir::nn

#endif // NN_LIB_CODEGEN_ROWSTORES_H
