//===- Linear.cpp - nn.dense and nn.embedding to linalg -------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "Utils.h"

#include "nn/Conversion/NNToLinalg/NNToLinalg.h"
#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::lowering;

namespace {

/// nn.dense -> [collapse batch dims] linalg.fill + linalg.matmul
///             [+ bias linalg.generic] [expand batch dims].
struct DenseToLinalg : OpRewritePattern<DenseOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DenseOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    auto kernelType = cast<RankedTensorType>(op.getKernel().getType());
    RankedTensorType resultType = op.getType();
    int64_t rank = inputType.getRank();
    int64_t in = kernelType.getDimSize(0), out = kernelType.getDimSize(1);
    int64_t rows = ShapedType::getNumElements(inputType.getShape().drop_back());
    Type f32 = inputType.getElementType();

    // Rows x in view of the input (a no-op for rank 2).
    auto matrixType = RankedTensorType::get({rows, in}, f32);
    Value matrix = op.getInput();
    SmallVector<ReassociationIndices> reassociation;
    if (rank != 2) {
      if (rank == 1) {
        reassociation = {{0, 1}};
        matrix = tensor::ExpandShapeOp::create(rewriter, loc, matrixType,
                                               matrix, reassociation);
      } else {
        ReassociationIndices batch;
        for (int64_t d = 0; d < rank - 1; ++d)
          batch.push_back(d);
        reassociation = {batch, {rank - 1}};
        matrix = tensor::CollapseShapeOp::create(rewriter, loc, matrixType,
                                                 matrix, reassociation);
      }
    }

    auto productType = RankedTensorType::get({rows, out}, f32);
    Value zeros = createFilled(rewriter, loc, productType, 0.0);
    Value product =
        linalg::MatmulOp::create(rewriter, loc, ValueRange{matrix, op.getKernel()},
                                 ValueRange{zeros})
            .getResult(0);

    if (Value bias = op.getBias()) {
      MLIRContext *ctx = rewriter.getContext();
      AffineMap identity = rewriter.getMultiDimIdentityMap(2);
      AffineMap perColumn = AffineMap::get(2, 0, getAffineDimExpr(1, ctx));
      product = buildElementwise(
          rewriter, loc, productType, ValueRange{product, bias},
          {identity, perColumn}, [](OpBuilder &b, Location l, ValueRange v) {
            return arith::AddFOp::create(b, l, v[0], v[1]).getResult();
          });
    }

    if (rank == 1)
      product = tensor::CollapseShapeOp::create(rewriter, loc, resultType,
                                                product, reassociation);
    else if (rank > 2)
      product = tensor::ExpandShapeOp::create(rewriter, loc, resultType,
                                              product, reassociation);
    rewriter.replaceOp(op, product);
    return success();
  }
};

/// nn.embedding -> linalg.generic gathering table rows with tensor.extract;
/// an out-of-range id yields a row of zeros.
struct EmbeddingToLinalg : OpRewritePattern<EmbeddingOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(EmbeddingOp op,
                                PatternRewriter &rewriter) const override {
    // The padding mask is a mask op's job (Masking.cpp).
    if (op.getMask())
      return failure();
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getOutput().getType());
    auto tableType = cast<RankedTensorType>(op.getTable().getType());
    int64_t rank = resultType.getRank();
    int64_t vocab = tableType.getDimSize(0);
    Value table = op.getTable();

    // ids are read at (d0, ..., d{rank-2}); the feature loop is the last dim.
    AffineMap idsMap = AffineMap::getMultiDimIdentityMap(rank - 1,
                                                         rewriter.getContext());
    idsMap = AffineMap::get(rank, 0, idsMap.getResults(), rewriter.getContext());

    Value result = buildElementwise(
        rewriter, loc, resultType, op.getIds(), {idsMap},
        [&](OpBuilder &b, Location l, ValueRange v) {
          Value id = v[0];
          Type idType = id.getType();
          Value zero = arith::ConstantOp::create(b, l, b.getIntegerAttr(idType, 0));
          Value limit =
              arith::ConstantOp::create(b, l, b.getIntegerAttr(idType, vocab));
          Value nonNegative = arith::CmpIOp::create(
              b, l, arith::CmpIPredicate::sge, id, zero);
          Value belowLimit =
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, id, limit);
          Value inRange = arith::AndIOp::create(b, l, nonNegative, belowLimit);
          Value safeId = arith::SelectOp::create(b, l, inRange, id, zero);
          Value row = arith::IndexCastOp::create(b, l, b.getIndexType(), safeId);
          Value column = linalg::IndexOp::create(b, l, rank - 1);
          Value element =
              tensor::ExtractOp::create(b, l, table, ValueRange{row, column});
          return arith::SelectOp::create(b, l, inRange, element,
                                         f32Constant(b, l, 0.0))
              .getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::nn::populateLinearToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<DenseToLinalg, EmbeddingToLinalg>(patterns.getContext());
}
