//===- LowerVectors.cpp - lower high-level vector ops ---------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Passes.h"

#include "nn/Codegen/Approximations.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/DialectConversion.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::nn {
#define GEN_PASS_DEF_NNLOWERVECTORSPASS
#include "nn/Codegen/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Drops the unit dims of vectors (casts away leading ones, shape casts
/// the others).
LogicalResult dropUnitDims(func::FuncOp func) {
  MLIRContext *context = func.getContext();
  RewritePatternSet patterns(context);
  vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
  vector::populateDropUnitDimWithShapeCastPatterns(patterns);
  vector::TransferReadOp::getCanonicalizationPatterns(patterns, context);
  vector::TransferWriteOp::getCanonicalizationPatterns(patterns, context);
  return applyPatternsGreedily(func, std::move(patterns));
}

/// Splits each loop-carried n-D vector (a register tile's accumulators, an
/// scf.for iter_arg of vector<6x16xf32>) into one 1-D vector per row:
///
///   scf.for ... iter_args(%acc = %init) -> (vector<2x16xf32>)
/// becomes
///   scf.for ... iter_args(%row0 = %init0, %row1 = %init1)
///       -> (vector<16xf32>, vector<16xf32>)
///
/// with vector.extract / vector.insert at the loop's edges, which fold away
/// against the rows the contraction lowering extracts and inserts. Left
/// n-D, canonicalization rewrites the row inserts that rebuild the tile as
/// one vector.from_elements of every scalar (to_elements of each row),
/// which LLVM then reassembles into rows: the same machine code from 13%
/// more LLVM IR in a train step.
LogicalResult splitLoopCarriedTiles(func::FuncOp func) {
  MLIRContext *context = func.getContext();
  auto isTile = [](Type type) {
    auto vector = dyn_cast<VectorType>(type);
    return vector && vector.getRank() >= 2 && !vector.isScalable();
  };
  bool any = false;
  func.walk([&](scf::ForOp loop) {
    any |= llvm::any_of(loop.getResultTypes(), isTile);
  });
  if (!any)
    return success();
  // A tile's rows: its leading dims enumerated, each a 1-D vector.
  auto rowsOf = [](VectorType type) {
    return type.getNumElements() / type.getShape().back();
  };
  auto rowType = [](VectorType type) {
    return VectorType::get(type.getShape().back(), type.getElementType());
  };
  TypeConverter converter;
  converter.addConversion([](Type type) { return type; });
  converter.addConversion([&](VectorType type, SmallVectorImpl<Type> &results)
                              -> std::optional<LogicalResult> {
    if (!isTile(type))
      return std::nullopt;
    results.append(rowsOf(type), rowType(type));
    return success();
  });
  converter.addSourceMaterialization([&](OpBuilder &builder, VectorType type,
                                         ValueRange rows,
                                         Location loc) -> Value {
    Value tile = ub::PoisonOp::create(builder, loc, type);
    SmallVector<int64_t> strides = computeStrides(type.getShape().drop_back());
    for (auto [index, row] : llvm::enumerate(rows))
      tile = vector::InsertOp::create(builder, loc, row, tile,
                                      delinearize(index, strides));
    return tile;
  });
  converter.addTargetMaterialization(
      [&](OpBuilder &builder, TypeRange types, ValueRange inputs, Location loc,
          Type original) -> SmallVector<Value> {
        auto type = dyn_cast<VectorType>(original);
        if (inputs.size() != 1 || !type || !isTile(type))
          return {};
        SmallVector<int64_t> strides =
            computeStrides(type.getShape().drop_back());
        SmallVector<Value> rows;
        for (int64_t index = 0, e = rowsOf(type); index < e; ++index)
          rows.push_back(vector::ExtractOp::create(
              builder, loc, inputs.front(), delinearize(index, strides)));
        return rows;
      });
  RewritePatternSet patterns(context);
  ConversionTarget target(*context);
  target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
  scf::populateSCFStructuralTypeConversionsAndLegality(converter, patterns,
                                                       target);
  if (failed(applyPartialConversion(func, target, std::move(patterns))))
    return failure();
  // The rows extracted from the tiles rebuilt at the loops' edges fold to
  // the rows themselves, and the rebuilt tiles die.
  RewritePatternSet folds(context);
  vector::ExtractOp::getCanonicalizationPatterns(folds, context);
  return applyPatternsGreedily(func, std::move(folds));
}

/// math.fma, math.floor (the exp polynomial's range reduction) and math.sqrt
/// (Adam's denominator) as the LLVM intrinsics, which x86 executes in one
/// vector instruction, before the libm fallback of the LLVM lowering turns
/// them into a scalar call per lane. Same results: fmaf, floorf and sqrtf
/// are correctly rounded as well.
/// LLVM's vectors are 1-D: an n-D operation becomes one per innermost row.
template <typename MathOp, typename IntrinsicOp>
struct MathToIntrinsic : OpRewritePattern<MathOp> {
  using OpRewritePattern<MathOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(MathOp op,
                                PatternRewriter &rewriter) const override {
    auto vectorType = dyn_cast<VectorType>(op.getType());
    if (!vectorType || vectorType.getRank() <= 1) {
      rewriter.replaceOpWithNewOp<IntrinsicOp>(op, op.getType(),
                                               op->getOperands());
      return success();
    }
    if (vectorType.isScalable())
      return failure();
    Location loc = op.getLoc();
    ArrayRef<int64_t> shape = vectorType.getShape();
    auto rowType = VectorType::get(shape.back(), vectorType.getElementType());
    Value result = arith::ConstantOp::create(
        rewriter, loc, vectorType, rewriter.getZeroAttr(vectorType));
    SmallVector<int64_t> leading(shape.drop_back());
    for (SmallVector<int64_t> position : StaticTileOffsetRange(
             leading, SmallVector<int64_t>(leading.size(), 1))) {
      SmallVector<Value> rows;
      for (Value operand : op->getOperands())
        rows.push_back(vector::ExtractOp::create(rewriter, loc, operand,
                                                 position));
      Value row = IntrinsicOp::create(rewriter, loc, rowType, rows);
      result = vector::InsertOp::create(rewriter, loc, row, result, position);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Whether a reduction of `kind` over `type`'s innermost dim may take the
/// pairwise tree: a float sum, maximum or minimum over a power-of-two number
/// of lanes, not under a mask.
bool isTreeReduction(vector::CombiningKind kind, VectorType type,
                     Operation *op) {
  int64_t lanes = type.getRank() == 0 ? 1 : type.getShape().back();
  return llvm::is_contained({vector::CombiningKind::ADD,
                             vector::CombiningKind::MAXIMUMF,
                             vector::CombiningKind::MINIMUMF,
                             vector::CombiningKind::MAXNUMF,
                             vector::CombiningKind::MINNUMF},
                            kind) &&
         !type.isScalable() && isa<FloatType>(type.getElementType()) &&
         lanes > 1 && llvm::isPowerOf2_64(lanes) &&
         !isa<vector::MaskOp>(op->getParentOp());
}

/// Combines the upper half of `vector`'s innermost dim with the lower half
/// until one lane remains: the same order for a shape on every target.
Value reduceInnermostAsTree(PatternRewriter &rewriter, Location loc,
                            vector::CombiningKind kind, Value vector) {
  auto type = cast<VectorType>(vector.getType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
  SmallVector<int64_t> sizes(type.getShape());
  for (int64_t half = type.getShape().back() / 2; half >= 1; half /= 2) {
    sizes.back() = half;
    offsets.back() = 0;
    Value low = vector::ExtractStridedSliceOp::create(rewriter, loc, vector,
                                                      offsets, sizes, strides);
    offsets.back() = half;
    Value high = vector::ExtractStridedSliceOp::create(
        rewriter, loc, vector, offsets, sizes, strides);
    vector = vector::makeArithReduction(rewriter, loc, kind, low, high);
  }
  return vector;
}

/// A float sum, maximum or minimum over the innermost dim of a power-of-two
/// number of lanes (the merge of a partial reduction's chunk) as a pairwise
/// tree: the upper half combined with the lower half down to one lane, then
/// the accumulator. Otherwise each lane would be chained through one scalar
/// op (16 lanes in order: 16 dependent adds per row sum). For sums the tree
/// is as fixed an order (set by the shape alone: the same in every tile,
/// thread count, fused form and target); maxima and minima do not depend on
/// the order.
struct FloatReductionAsTree
    : OpRewritePattern<vector::MultiDimReductionOp> {
  FloatReductionAsTree(MLIRContext *context)
      : OpRewritePattern(context, /*benefit=*/2) {}
  LogicalResult matchAndRewrite(vector::MultiDimReductionOp op,
                                PatternRewriter &rewriter) const override {
    VectorType type = op.getSourceVectorType();
    SmallVector<int64_t> dims(op.getReductionDims());
    if (!isTreeReduction(op.getKind(), type, op) || dims.size() != 1 ||
        dims.front() != type.getRank() - 1)
      return failure();
    Value partial = reduceInnermostAsTree(rewriter, op.getLoc(), op.getKind(),
                                          op.getSource());
    rewriter.replaceOpWithNewOp<vector::MultiDimReductionOp>(
        op, op.getType(), op.getKind(), partial, op.getAcc(), dims);
    return success();
  }
};

/// The same tree for a 1-D `vector.reduction` (a whole short row's sum, the
/// dot product a variance's squares and sum canonicalize into), then the
/// accumulator if there is one.
struct FloatVectorReductionAsTree : OpRewritePattern<vector::ReductionOp> {
  FloatVectorReductionAsTree(MLIRContext *context)
      : OpRewritePattern(context, /*benefit=*/2) {}
  LogicalResult matchAndRewrite(vector::ReductionOp op,
                                PatternRewriter &rewriter) const override {
    VectorType type = op.getSourceVectorType();
    vector::CombiningKind kind = op.getKind();
    if (type.getRank() != 1 || !isTreeReduction(kind, type, op))
      return failure();
    Location loc = op.getLoc();
    Value partial = reduceInnermostAsTree(rewriter, loc, kind, op.getVector());
    Value result = vector::ExtractOp::create(rewriter, loc, partial,
                                             ArrayRef<int64_t>{0});
    if (Value acc = op.getAcc())
      result = vector::makeArithReduction(rewriter, loc, kind, result, acc);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Whether every lane of `vector` holds one value: a broadcast of a scalar
/// or of a one-element vector, or a splat constant.
bool isUniform(Value vector) {
  if (auto broadcast = vector.getDefiningOp<vector::BroadcastOp>()) {
    auto sourceType = dyn_cast<VectorType>(broadcast.getSourceType());
    return !sourceType || sourceType.getNumElements() == 1;
  }
  SplatElementsAttr splat;
  return matchPattern(vector, m_Constant(&splat));
}

/// The value every lane of the uniform `vector` holds, as a scalar.
Value getUniformLane(Value vector, PatternRewriter &rewriter, Location loc) {
  if (auto broadcast = vector.getDefiningOp<vector::BroadcastOp>()) {
    Value source = broadcast.getSource();
    auto sourceType = dyn_cast<VectorType>(source.getType());
    if (!sourceType)
      return source;
    return vector::ExtractOp::create(
        rewriter, loc, source, SmallVector<int64_t>(sourceType.getRank(), 0));
  }
  SplatElementsAttr splat;
  matchPattern(vector, m_Constant(&splat));
  return arith::ConstantOp::create(rewriter, loc,
                                   splat.getSplatValue<TypedAttr>());
}

/// Whether a select's condition is one bit for every lane: a broadcast bit,
/// or a comparison of uniform vectors (a per-row mask byte against zero).
bool isUniformCondition(Value condition) {
  Operation *def = condition.getDefiningOp();
  if (isa_and_nonnull<vector::BroadcastOp>(def))
    return isUniform(condition);
  return isa_and_nonnull<arith::CmpIOp, arith::CmpFOp>(def) &&
         isUniform(def->getOperand(0)) && isUniform(def->getOperand(1));
}

/// The uniform `condition` as one scalar bit.
Value getUniformCondition(Value condition, PatternRewriter &rewriter,
                          Location loc) {
  Operation *def = condition.getDefiningOp();
  if (isa<vector::BroadcastOp>(def))
    return getUniformLane(condition, rewriter, loc);
  Value lhs = getUniformLane(def->getOperand(0), rewriter, loc);
  Value rhs = getUniformLane(def->getOperand(1), rewriter, loc);
  if (auto cmpi = dyn_cast<arith::CmpIOp>(def))
    return arith::CmpIOp::create(rewriter, loc, cmpi.getPredicate(), lhs, rhs);
  return arith::CmpFOp::create(
      rewriter, loc, cast<arith::CmpFOp>(def).getPredicate(), lhs, rhs);
}

/// A select whose condition is one bit for every lane (a per-row mask
/// applied to a row of values) as bitwise operations on the lanes,
/// `(a & m) | (b & ~m)` with m the bit sign-extended to the lane's width:
/// the same bits, without a branch (LLVM's lowering of a select on one bit)
/// or a lane mask assembled bit by bit (its lowering of a wide i1 vector,
/// which on AVX-512 also copies every accumulator the select keeps).
/// For b = 0, the usual masked value, the folds leave `a & m`.
struct SelectOnUniformConditionAsMask : OpRewritePattern<arith::SelectOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(arith::SelectOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<VectorType>(op.getType());
    if (!type || type.isScalable() || !type.getElementType().isIntOrFloat() ||
        !isUniformCondition(op.getCondition()))
      return failure();
    Location loc = op.getLoc();
    Value bit = getUniformCondition(op.getCondition(), rewriter, loc);
    unsigned width = type.getElementTypeBitWidth();
    Type laneType = rewriter.getIntegerType(width);
    VectorType intType = type.clone(laneType);
    Value laneMask = vector::BroadcastOp::create(
        rewriter, loc, intType,
        arith::ExtSIOp::create(rewriter, loc, laneType, bit));
    auto asInt = [&](Value value) -> Value {
      return value.getType() == intType
                 ? value
                 : arith::BitcastOp::create(rewriter, loc, intType, value);
    };
    Value allOnes = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(intType, APInt::getAllOnes(width)));
    Value kept = arith::AndIOp::create(rewriter, loc, asInt(op.getTrueValue()),
                                       laneMask);
    Value other = arith::AndIOp::create(
        rewriter, loc, asInt(op.getFalseValue()),
        arith::XOrIOp::create(rewriter, loc, laneMask, allOnes));
    Value result = arith::OrIOp::create(rewriter, loc, kept, other);
    if (result.getType() != type)
      result = arith::BitcastOp::create(rewriter, loc, type, result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct NNLowerVectorsPass : mlir::nn::impl::NNLowerVectorsPassBase<NNLowerVectorsPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *context = &getContext();

    // Loop-carried accumulators for whatever was not hoisted on tensors.
    linalg::hoistRedundantVectorTransfers(func, /*verifyNonZeroTrip=*/true);

    // Contractions -> outer products -> FMAs; reductions -> lane-wise ops;
    // transcendental functions -> polynomials.
    {
      // Unit dims of tiles (one row at a time) are dropped first, so that
      // what reaches LLVM is 1-D or 2-D. Their own stage: mixed with the
      // contraction lowering below they undo each other forever (a 1x1 by
      // 1x32 contraction, an M = 1 dense layer).
      if (failed(dropUnitDims(func)))
        return signalPassFailure();

      RewritePatternSet patterns(context);
      vector::populateVectorContractLoweringPatterns(
          patterns, vector::VectorContractLowering::OuterProduct);
      vector::populateVectorOuterProductLoweringPatterns(patterns);
      patterns.add<FloatReductionAsTree, FloatVectorReductionAsTree>(context);
      vector::populateVectorMultiReductionLoweringPatterns(
          patterns, vector::VectorMultiReductionLowering::InnerParallel);
      vector::populateVectorBroadcastLoweringPatterns(patterns);
      vector::populateVectorTransposeLoweringPatterns(
          patterns, vector::VectorTransposeLowering::Shuffle16x16);
      vector::populateVectorShapeCastLoweringPatterns(patterns);
      vector::populateVectorMaskOpLoweringPatterns(patterns);
      vector::populateVectorGatherLoweringPatterns(patterns);
      // exp, tanh and erf as vectorizable polynomials instead of scalar libm
      // calls; exp our own, which needs fewer registers than upstream's.
      // (log1p, used by erfinv, stays a libm call: its polynomial costs up
      // to 3 ulp in normal samples.)
      if (expTableAvx512)
        populateExpTableApproximationPatterns(patterns);
      else
        populateExpApproximationPatterns(patterns);
      populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
        name.consume_front("math.");
        return name == "tanh" || name == "erf";
      });
      vector::TransferReadOp::getCanonicalizationPatterns(patterns, context);
      vector::TransferWriteOp::getCanonicalizationPatterns(patterns, context);
      if (failed(applyPatternsGreedily(func, std::move(patterns))))
        return signalPassFailure();
    }
    // The outer products' unit dims, again in their own stage.
    if (failed(dropUnitDims(func)))
      return signalPassFailure();
    {
      RewritePatternSet patterns(context);
      patterns.add<MathToIntrinsic<math::FmaOp, LLVM::FMAOp>,
                   MathToIntrinsic<math::FloorOp, LLVM::FFloorOp>,
                   MathToIntrinsic<math::SqrtOp, LLVM::SqrtOp>>(context);
      if (failed(applyPatternsGreedily(func, std::move(patterns))))
        return signalPassFailure();
    }
    // Transfers with permuted or broadcast maps (a column read), after the
    // unit dims are gone: with the unit-dim patterns above, their lowering
    // to minor-identity transfers plus transposes would be undone again.
    {
      RewritePatternSet patterns(context);
      vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
      vector::populateVectorBroadcastLoweringPatterns(patterns);
      // The column reads' transposes (reverse mode's transposed matmul
      // factors, read in square tiles): a 16x16 one as 64 row shuffles,
      // other shapes as one shuffle of the flattened rows, not 256 extracts
      // and inserts each, whose instruction selection took a fifth of a
      // train step's cold compile.
      vector::populateVectorTransposeLoweringPatterns(
          patterns, vector::VectorTransposeLowering::Shuffle16x16);
      vector::populateVectorShapeCastLoweringPatterns(patterns);
      // Selects on the per-row mask bits these reads broadcast.
      patterns.add<SelectOnUniformConditionAsMask>(context);
      if (failed(applyPatternsGreedily(func, std::move(patterns))))
        return signalPassFailure();
    }
    if (failed(splitLoopCarriedTiles(func)))
      return signalPassFailure();
  }
};

} // namespace
