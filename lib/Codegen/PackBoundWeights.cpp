//===- PackBoundWeights.cpp - bound dense kernels in panel layout ---------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"
#include "nn/Codegen/WeightLayout.h"

#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNPACKBOUNDWEIGHTSPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// The packed type [ceil(N / w), K, w] of a bound kernel that only nn.dense
/// ops use as their kernel, or null. The last panel is padded with zero
/// columns. A kernel of exactly one panel is laid out as its panel already;
/// one of at most half a panel stays as it is too (padding would more than
/// double what a matmul with few rows streams).
RankedTensorType getPanelType(BlockArgument arg, int64_t width) {
  auto type = dyn_cast<RankedTensorType>(arg.getType());
  if (!type || type.getRank() != 2 || !type.hasStaticShape() || width <= 0)
    return nullptr;
  int64_t k = type.getDimSize(0), n = type.getDimSize(1);
  if (2 * n <= width || n == width || arg.use_empty())
    return nullptr;
  for (OpOperand &use : arg.getUses()) {
    auto dense = dyn_cast<DenseOp>(use.getOwner());
    if (!dense || &use != &dense.getKernelMutable())
      return nullptr;
  }
  return RankedTensorType::get({llvm::divideCeilSigned(n, width), k, width},
                               type.getElementType());
}

struct NNPackBoundWeightsPass
    : mlir::nn::impl::NNPackBoundWeightsPassBase<NNPackBoundWeightsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>())) {
      if (!func.isPublic() || func.isExternal())
        continue;
      if (failed(packBoundKernels(func, symbols)))
        return signalPassFailure();
    }
  }

  /// Rewrites `func` to take its packable bound kernels in panel layout and
  /// adds the function that packs them.
  LogicalResult packBoundKernels(func::FuncOp func, SymbolTable &symbols) {
    SmallVector<unsigned> packed;
    SmallVector<RankedTensorType> panelTypes;
    for (BlockArgument arg : func.getArguments()) {
      if (!func.getArgAttr(arg.getArgNumber(), kBoundAttrName))
        continue;
      if (RankedTensorType panelType = getPanelType(arg, panelWidth)) {
        packed.push_back(arg.getArgNumber());
        panelTypes.push_back(panelType);
      }
    }
    if (packed.empty())
      return success();
    std::string packName = (func.getSymName() + kPackWeightsSuffix).str();
    if (symbols.lookup(packName))
      return func.emitOpError("cannot pack its bound kernels: the module "
                              "already has a function named '")
             << packName << "'";

    // The packing function: kernels in, panels out (one transpose each).
    OpBuilder builder(func);
    builder.setInsertionPointAfter(func);
    Location loc = func.getLoc();
    SmallVector<Type> kernelTypes;
    SmallVector<DictionaryAttr> kernelAttrs;
    for (unsigned index : packed) {
      kernelTypes.push_back(func.getArgumentTypes()[index]);
      kernelAttrs.push_back(func.getArgAttrDict(index));
    }
    auto packFunc = func::FuncOp::create(
        builder, loc, packName,
        builder.getFunctionType(kernelTypes,
                                SmallVector<Type>(panelTypes.begin(),
                                                  panelTypes.end())));
    symbols.insert(packFunc);
    Block *body = packFunc.addEntryBlock();
    builder.setInsertionPointToStart(body);
    SmallVector<Value> panels;
    for (auto [position, panelType] : llvm::enumerate(panelTypes)) {
      packFunc.setArgAttrs(position, stripBound(kernelAttrs[position]));
      packFunc.setResultAttrs(position, stripBound(kernelAttrs[position]));
      // [K, N] -> [K, N'] (zero columns up to whole panels) -> [K, N' / w, w]
      // -> [N' / w, K, w].
      int64_t k = panelType.getDimSize(1), blocks = panelType.getDimSize(0);
      Value kernel = body->getArgument(position);
      auto paddedType = RankedTensorType::get({k, blocks * panelWidth},
                                              panelType.getElementType());
      if (paddedType != kernel.getType()) {
        Value zero = arith::ConstantOp::create(
            builder, loc, builder.getZeroAttr(panelType.getElementType()));
        kernel = tensor::createPadHighOp(paddedType, kernel, zero,
                                         /*nofold=*/false, loc, builder);
      }
      auto expandedType = RankedTensorType::get(
          {k, blocks, panelWidth}, panelType.getElementType());
      Value expanded = tensor::ExpandShapeOp::create(
          builder, loc, expandedType, kernel,
          SmallVector<ReassociationIndices>{{0}, {1, 2}});
      Value init = tensor::EmptyOp::create(builder, loc, panelType.getShape(),
                                           panelType.getElementType());
      panels.push_back(linalg::TransposeOp::create(builder, loc, expanded,
                                                   init, {1, 0, 2})
                           .getResult()
                           .front());
    }
    func::ReturnOp::create(builder, loc, panels);

    // The function itself: panels in, read through an unpack (which drops
    // the padding columns).
    Block &entry = func.getBody().front();
    builder.setInsertionPointToStart(&entry);
    SmallVector<Type> argumentTypes(func.getArgumentTypes());
    for (auto [index, panelType] : llvm::zip(packed, panelTypes)) {
      BlockArgument arg = entry.getArgument(index);
      auto kernelType = cast<RankedTensorType>(arg.getType());
      arg.setType(panelType);
      argumentTypes[index] = panelType;
      linalg::UnPackOp unpack =
          createPanelUnpack(builder, loc, arg, kernelType);
      arg.replaceAllUsesExcept(unpack.getResult(), unpack);
    }
    func.setFunctionType(
        builder.getFunctionType(argumentTypes, func.getResultTypes()));
    return success();
  }

  static DictionaryAttr stripBound(DictionaryAttr attrs) {
    if (!attrs)
      return attrs;
    NamedAttrList list(attrs);
    list.erase(kBoundAttrName);
    return list.getDictionary(attrs.getContext());
  }
};

} // namespace
