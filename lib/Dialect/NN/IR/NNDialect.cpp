//===- NNDialect.cpp - nn dialect -----------------------------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Dialect/NN/IR/NNDialect.h"

#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/InliningUtils.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::nn;

#include "nn/Dialect/NN/IR/NNEnums.cpp.inc"
#include "nn/Dialect/NN/IR/NNOpsDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "nn/Dialect/NN/IR/NNAttrs.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "nn/Dialect/NN/IR/NNOpsTypes.cpp.inc"

namespace {
/// Every nn op is pure and region-free: always legal to inline.
struct NNInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;
  bool isLegalToInline(Operation *, Operation *, bool) const final {
    return true;
  }
  bool isLegalToInline(Region *, Region *, bool, IRMapping &) const final {
    return true;
  }
  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
};
} // namespace

void NNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "nn/Dialect/NN/IR/NNOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "nn/Dialect/NN/IR/NNAttrs.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "nn/Dialect/NN/IR/NNOpsTypes.cpp.inc"
      >();
  addInterfaces<NNInlinerInterface>();
}

Operation *NNDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                         Type type, Location loc) {
  auto typed = dyn_cast<TypedAttr>(value);
  if (!typed || typed.getType() != type)
    return nullptr;
  return arith::ConstantOp::create(builder, loc, type, typed);
}

LogicalResult NNDialect::verifyRegionResultAttribute(Operation *op,
                                                     unsigned regionIndex,
                                                     unsigned resultIndex,
                                                     NamedAttribute attribute) {
  // Other nn result attributes (nn.name, nn.mask, ...) are the runtime's.
  if (attribute.getName() != kDonatedFromAttrName)
    return success();
  auto func = dyn_cast<FunctionOpInterface>(op);
  if (!func)
    return op->emitOpError() << "'" << kDonatedFromAttrName
                             << "' is only valid on function results";
  auto index = dyn_cast<IntegerAttr>(attribute.getValue());
  unsigned numArguments = func.getNumArguments();
  if (!index || !index.getType().isInteger(64) || index.getInt() < 0 ||
      index.getInt() >= numArguments)
    return func.emitOpError()
           << "result " << resultIndex << ": '" << kDonatedFromAttrName
           << "' must be the index of an argument (an i64 below "
           << numArguments << "), got " << attribute.getValue();
  unsigned argument = index.getInt();
  Type argumentType = func.getArgumentTypes()[argument];
  Type resultType = func.getResultTypes()[resultIndex];
  if (argumentType != resultType)
    return func.emitOpError()
           << "result " << resultIndex << " is donated from argument "
           << argument << ", so its type must be the argument's: "
           << resultType << " vs " << argumentType;
  for (unsigned other = 0; other < resultIndex; ++other)
    if (auto earlier =
            func.getResultAttrOfType<IntegerAttr>(other, kDonatedFromAttrName))
      if (earlier == index)
        return func.emitOpError()
               << "argument " << argument << " is donated to results " << other
               << " and " << resultIndex << "; a buffer holds one result";
  return success();
}

LogicalResult LoweringConfigAttr::verify(
    function_ref<InFlightDiagnostic()> emitError, ArrayRef<int64_t> tileSizes,
    ArrayRef<int64_t> reductionTileSizes, ArrayRef<int64_t> cacheTileSizes,
    ArrayRef<int64_t> copiedOperands) {
  if (tileSizes.size() != reductionTileSizes.size())
    return emitError() << "tile_sizes has " << tileSizes.size()
                       << " entries but reduction_tile_sizes has "
                       << reductionTileSizes.size()
                       << "; both need one entry per loop";
  if (!cacheTileSizes.empty() && cacheTileSizes.size() != tileSizes.size())
    return emitError() << "cache_tile_sizes has " << cacheTileSizes.size()
                       << " entries but tile_sizes has " << tileSizes.size()
                       << "; both need one entry per loop";
  auto negative = [](int64_t s) { return s < 0; };
  if (llvm::any_of(tileSizes, negative) ||
      llvm::any_of(reductionTileSizes, negative) ||
      llvm::any_of(cacheTileSizes, negative))
    return emitError() << "tile sizes must be >= 0 (0 = not tiled)";
  if (llvm::any_of(copiedOperands, negative))
    return emitError() << "copied_operands are operand numbers (>= 0)";
  for (auto [index, sizes] :
       llvm::enumerate(llvm::zip(cacheTileSizes, tileSizes))) {
    auto [cache, reg] = sizes;
    if (cache != 0 && reg != 0 && cache % reg != 0)
      return emitError() << "cache tile " << cache << " of loop " << index
                         << " is not a multiple of its register tile " << reg;
  }
  return success();
}

LogicalResult NNDialect::verifyOperationAttribute(Operation *op,
                                                  NamedAttribute attribute) {
  if (attribute.getName() == "nn.export") {
    if (!isa<StringAttr>(attribute.getValue()))
      return op->emitError() << "'nn.export' must be a string (the name of "
                                "the exported result)";
    if (op->getNumResults() != 1)
      return op->emitError() << "'nn.export' needs an op with one result, "
                                "this one has "
                             << op->getNumResults();
    return success();
  }
  if (attribute.getName() != kLoweringConfigAttrName)
    return op->emitError() << "unknown nn dialect attribute '"
                           << attribute.getName().getValue() << "'";
  auto config = dyn_cast<LoweringConfigAttr>(attribute.getValue());
  if (!config)
    return op->emitError() << "'" << kLoweringConfigAttrName
                           << "' must be a #nn.lowering_config";
  auto tileable = dyn_cast<TilingInterface>(op);
  if (!tileable)
    return op->emitError() << "'" << kLoweringConfigAttrName
                           << "' is only valid on tileable ops";
  size_t numLoops = tileable.getLoopIteratorTypes().size();
  if (config.getTileSizes().size() != numLoops)
    return op->emitError() << "'" << kLoweringConfigAttrName << "' has "
                           << config.getTileSizes().size()
                           << " tile sizes but the op has " << numLoops
                           << " loops";
  auto dps = dyn_cast<DestinationStyleOpInterface>(op);
  for (int64_t operand : config.getCopiedOperands())
    if (!dps || operand >= dps.getNumDpsInputs())
      return op->emitError()
             << "'" << kLoweringConfigAttrName << "' copies operand " << operand
             << " but the op has " << (dps ? dps.getNumDpsInputs() : 0)
             << " inputs";
  return success();
}
