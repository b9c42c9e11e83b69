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
/// Largest buffer of a parallel loop placed on the running thread's stack
/// (OpenMP workers have 4 MiB stacks by default; larger buffers stay heap
/// allocations). A matmul's copied A block takes up to an eighth of L2
/// (256 KiB of the default 2 MiB), its B panel 32 KiB.
constexpr int64_t kMaxThreadStackBytes = 512 * 1024;

/// Size in bytes of a statically shaped, identity-layout memref of int or
/// float elements, or nullopt.
std::optional<int64_t> staticByteSize(MemRefType type) {
  if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
      type.getMemorySpace() || !type.getElementType().isIntOrFloat())
    return std::nullopt;
  int64_t elementBytes = (type.getElementTypeBitWidth() + 7) / 8;
  return type.getNumElements() * elementBytes;
}

/// The body of the innermost loop around `op` whose iterations run on
/// several threads, or null.
Block *getParallelBody(Operation *op) {
  for (Operation *parent = op->getParentOp(); parent;
       parent = parent->getParentOp())
    if (isa<scf::ForallOp, scf::ParallelOp>(parent))
      return &parent->getRegion(0).front();
  return nullptr;
}

/// Whether the buffer (or a view of it) leaves the scope it was allocated
/// in: returned, yielded, passed to a call, or stored as a value.
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

/// Replaces each buffer by a stack allocation at the start of the body of
/// the parallel loop around it: one per iteration of that loop (so per
/// thread), reused by the sequential loops inside, which never carry the
/// buffer from one iteration to the next (it does not escape).
void moveToThreadStacks(
    ArrayRef<std::pair<memref::AllocOp, Block *>> buffers) {
  for (auto [alloc, body] : buffers) {
    OpBuilder builder(alloc);
    builder.setInsertionPointToStart(body);
    auto alloca = memref::AllocaOp::create(builder, alloc.getLoc(),
                                           alloc.getType(),
                                           alloc.getAlignmentAttr());
    for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
      if (isa<memref::DeallocOp>(user))
        user->erase();
    alloc.replaceAllUsesWith(alloca.getResult());
    alloc.erase();
  }
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
    SmallVector<std::pair<memref::AllocOp, Block *>> threadLocal;
    func.walk([&](memref::AllocOp alloc) {
      std::optional<int64_t> bytes = staticByteSize(alloc.getType());
      if (!bytes || !alloc.getDynamicSizes().empty() ||
          !alloc.getSymbolOperands().empty() || escapes(alloc))
        return;
      // A buffer of a loop whose iterations run on several threads needs
      // one copy per thread: one workspace slot would be shared. Small ones
      // go on the stack of the thread running the iteration.
      if (Block *parallelBody = getParallelBody(alloc)) {
        if (*bytes <= kMaxThreadStackBytes)
          threadLocal.emplace_back(alloc, parallelBody);
        return;
      }
      slots.emplace_back(alloc, size);
      size += (*bytes + kAlignment - 1) / kAlignment * kAlignment;
    });
    moveToThreadStacks(threadLocal);

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
