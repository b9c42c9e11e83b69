//===- AllocateWorkspace.cpp - intermediates in a caller's workspace ------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNALLOCATEWORKSPACEPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

constexpr int64_t kAlignment = 64;

/// Size in bytes of a statically shaped, identity-layout memref of int or
/// float elements, or nullopt.
std::optional<int64_t> staticByteSize(MemRefType type) {
  if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
      type.getMemorySpace() || !type.getElementType().isIntOrFloat())
    return std::nullopt;
  int64_t elementBytes = (type.getElementTypeBitWidth() + 7) / 8;
  return type.getNumElements() * elementBytes;
}

/// Whether the buffer (or a view of it) leaves the scope it was allocated
/// in: returned, yielded, passed to a call, or stored as a value.
/// A buffer allocated inside a loop whose iterations run on several threads
/// needs one copy per thread: one workspace slot would be shared.
bool isInParallelLoop(Operation *op) {
  return op->getParentOfType<scf::ForallOp>() ||
         op->getParentOfType<scf::ParallelOp>();
}

bool escapes(Value buffer) {
  SmallVector<Value> worklist = {buffer};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (user->hasTrait<OpTrait::IsTerminator>() || isa<CallOpInterface>(user))
        return true;
      if (auto store = dyn_cast<memref::StoreOp>(user);
          store && store.getValueToStore() == value)
        return true;
      if (auto view = dyn_cast<ViewLikeOpInterface>(user);
          view && view.getViewSource() == value)
        llvm::append_range(worklist, user->getResults());
    }
  }
  return false;
}

struct NNAllocateWorkspacePass
    : mlir::nn::impl::NNAllocateWorkspacePassBase<NNAllocateWorkspacePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (func::FuncOp func :
         llvm::make_early_inc_range(module.getOps<func::FuncOp>()))
      if (func.isPublic() && !func.isExternal())
        allocateWorkspace(module, func);
  }

  void allocateWorkspace(ModuleOp module, func::FuncOp func) {
    MLIRContext *context = &getContext();
    SmallVector<std::pair<memref::AllocOp, int64_t>> slots;
    int64_t size = 0;
    func.walk([&](memref::AllocOp alloc) {
      std::optional<int64_t> bytes = staticByteSize(alloc.getType());
      if (!bytes || !alloc.getDynamicSizes().empty() ||
          !alloc.getSymbolOperands().empty() || escapes(alloc) ||
          isInParallelLoop(alloc))
        return;
      slots.emplace_back(alloc, size);
      size += (*bytes + kAlignment - 1) / kAlignment * kAlignment;
    });

    // The workspace argument, last (after the results' out-parameters).
    auto workspaceType = MemRefType::get({size}, IntegerType::get(context, 8));
    unsigned index = func.getNumArguments();
    if (failed(func.insertArgument(
            index, workspaceType,
            DictionaryAttr::get(context, {NamedAttribute(
                                             StringAttr::get(context, "nn.workspace"),
                                             UnitAttr::get(context))}),
            func.getLoc())))
      return signalPassFailure();
    Value workspace = func.getArgument(index);

    OpBuilder builder(context);
    Block &entry = func.getBody().front();
    for (auto [alloc, offset] : slots) {
      // Offsets are defined once, at the top, even for slots used in loops.
      builder.setInsertionPointToStart(&entry);
      Value byteShift =
          arith::ConstantIndexOp::create(builder, alloc.getLoc(), offset);
      builder.setInsertionPoint(alloc);
      Value view = memref::ViewOp::create(builder, alloc.getLoc(),
                                          alloc.getType(), workspace, byteShift,
                                          ValueRange());
      for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
        if (isa<memref::DeallocOp>(user))
          user->erase();
      alloc.replaceAllUsesWith(view);
      alloc.erase();
    }

    // The runtime reads the size from this symbol.
    builder.setInsertionPointToEnd(module.getBody());
    LLVM::GlobalOp::create(builder, func.getLoc(), builder.getI64Type(),
                           /*isConstant=*/true, LLVM::Linkage::External,
                           ("_nn_workspace_size_" + func.getSymName()).str(),
                           builder.getI64IntegerAttr(size));
  }
};

} // namespace
