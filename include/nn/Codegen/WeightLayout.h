//===- WeightLayout.h - bound weights in column-panel layout ----*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// nn-pack-bound-weights passes a bound dense kernel B [K, N] as panels
// [ceil(N / w), K, w] (the last one padded with zero columns) and reads it
// through a `linalg.unpack`; the strategy and
// nn-tile-and-fuse recognize that unpack and read B's column panels straight
// from the packed buffer.
//
//===----------------------------------------------------------------------===//

#ifndef NN_CODEGEN_WEIGHTLAYOUT_H
#define NN_CODEGEN_WEIGHTLAYOUT_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <optional>

namespace mlir::nn {

/// Suffix of the function that packs a function's bound kernels.
constexpr llvm::StringLiteral kPackWeightsSuffix = ".pack_weights";

/// The argument attribute that marks a parameter bound to a Session.
constexpr llvm::StringLiteral kBoundAttrName = "nn.bound";

/// Reads `panels` [N / w, K, w] as the [K, N] matrix they hold.
linalg::UnPackOp createPanelUnpack(OpBuilder &builder, Location loc,
                                   Value panels, RankedTensorType matrixType);

/// The panel width w of `op` when it unpacks [ceil(N / w), K, w] panels into
/// a static [K, N] matrix (as createPanelUnpack does; the last panel's
/// columns past N are padding); nullopt for any other unpack.
std::optional<int64_t> getPanelWidth(linalg::UnPackOp op);

/// `value`, a static slice (through a chain of slices) of a panel unpack,
/// widened to `columns` columns from its first, read from the same panels:
/// the padding of the last panel is there to be read. Null when `value` is
/// no such slice or the panels end before.
Value widenPanelColumns(OpBuilder &builder, Location loc, Value value,
                        int64_t columns);

/// The panel unpack that `value` is, or is a unit-stride slice (through a
/// chain of slices) of; null otherwise.
linalg::UnPackOp getPanelUnpackSource(Value value);

/// After tiling (nn-tile-and-fuse): every [s, w] slice of a panel unpack
/// whose columns start at a provable multiple of w reads the packed panel
/// instead; any unpack still used after that is lowered (a transpose into
/// a new buffer, per call: correct, not fast).
LogicalResult readSlicesFromPanels(Operation *root);

} // namespace mlir::nn

#endif // NN_CODEGEN_WEIGHTLAYOUT_H
