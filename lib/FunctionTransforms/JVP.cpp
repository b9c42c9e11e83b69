//===- JVP.cpp - forward-mode differentiation -----------------------------===//
//
// Part of the nn-mlir project.
//
// f_jvp is built from a copy of f lowered to linalg on tensors: one
// mechanism (dual linalg.generic ops, scalar rules in their bodies) covers
// every nn op, masked and random ones included.
//
//===----------------------------------------------------------------------===//

#include "nn/FunctionTransforms/Passes.h"

#include "LoweredCopy.h"

#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/TypeSwitch.h"
#include "mlir/Pass/PassManager.h"

#include <cmath>

namespace mlir::nn {
#define GEN_PASS_DEF_NNJVPPASS
#include "nn/FunctionTransforms/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Forward mode over a sequence of ops: primal value -> tangent value (no
/// entry = a zero tangent, materialized only when needed).
class Differentiator {
public:
  explicit Differentiator(OpBuilder &builder) : b(builder) {}

  DenseMap<Value, Value> tangents;

  /// The tangent of `v`, materializing zeros when it has none.
  Value tangentOrZero(Value v, Location loc) {
    if (Value t = tangents.lookup(v))
      return t;
    return zerosLike(v.getType(), loc);
  }

  Value zerosLike(Type type, Location loc) {
    if (auto tensor = dyn_cast<RankedTensorType>(type))
      return arith::ConstantOp::create(
          b, loc, DenseElementsAttr::get(tensor, b.getZeroAttr(tensor.getElementType())));
    return arith::ConstantOp::create(b, loc, b.getZeroAttr(type));
  }

  bool hasTangent(ValueRange values) {
    return llvm::any_of(values, [&](Value v) { return tangents.count(v); });
  }

  /// Differentiates `op` (already cloned; `op` is the clone, its operands
  /// are primal values with tangents in `tangents`). Fails with an error on
  /// an op without a rule.
  LogicalResult differentiate(Operation *op) {
    if (!hasTangent(op->getOperands()) && !isa<linalg::GenericOp>(op))
      return success(); // Nothing flows through.
    b.setInsertionPointAfter(op);
    Location loc = op->getLoc();
    if (auto generic = dyn_cast<linalg::GenericOp>(op))
      return differentiateGeneric(generic);
    if (isa<tensor::ExtractOp, tensor::ExtractSliceOp, tensor::CollapseShapeOp,
            tensor::ExpandShapeOp, tensor::CastOp, tensor::FromElementsOp,
            tensor::InsertSliceOp, tensor::ConcatOp>(op)) {
      // Linear in their data operands: apply the op to the tangents (index
      // operands stay primal).
      IRMapping mapping;
      for (Value operand : op->getOperands())
        if (isa<FloatType>(getElementTypeOrSelf(operand.getType())))
          mapping.map(operand, tangentOrZero(operand, loc));
      Operation *tangentOp = b.clone(*op, mapping);
      for (auto [result, tangent] :
           llvm::zip(op->getResults(), tangentOp->getResults()))
        tangents[result] = tangent;
      return success();
    }
    if (op->getNumResults() == 1 &&
        isa<FloatType>(getElementTypeOrSelf(op->getResult(0).getType()))) {
      FailureOr<Value> tangent = scalarRule(op, loc);
      if (failed(tangent))
        return failure();
      if (*tangent)
        tangents[op->getResult(0)] = *tangent;
      return success();
    }
    // Results that are not floats (comparisons, indices, bits) carry none.
    if (llvm::none_of(op->getResultTypes(), [](Type t) {
          return isa<FloatType>(getElementTypeOrSelf(t));
        }))
      return success();
    return op->emitError() << "nn-jvp has no rule for '" << op->getName()
                           << "'";
  }

private:
  /// The tangent of an elementwise arith / math op (scalar or tensor).
  FailureOr<Value> scalarRule(Operation *op, Location loc) {
    auto t = [&](unsigned i) { return tangentOrZero(op->getOperand(i), loc); };
    // Symbolic zeros: a term whose tangent is absent is left out (as JAX
    // does), so x * 0 never turns an inf or NaN primal into a NaN tangent.
    auto has = [&](unsigned i) { return tangents.count(op->getOperand(i)) > 0; };
    auto x = [&](unsigned i) { return op->getOperand(i); };
    Value y = op->getResult(0);
    Type type = y.getType();
    auto constant = [&](double value) -> Value {
      Type element = getElementTypeOrSelf(type);
      TypedAttr scalar = b.getFloatAttr(element, value);
      if (auto tensor = dyn_cast<RankedTensorType>(type))
        return arith::ConstantOp::create(b, loc,
                                         DenseElementsAttr::get(tensor, scalar));
      return arith::ConstantOp::create(b, loc, scalar);
    };
    auto mul = [&](Value a, Value c) {
      return arith::MulFOp::create(b, loc, a, c).getResult();
    };
    auto add = [&](Value a, Value c) {
      return arith::AddFOp::create(b, loc, a, c).getResult();
    };
    auto sub = [&](Value a, Value c) {
      return arith::SubFOp::create(b, loc, a, c).getResult();
    };
    auto div = [&](Value a, Value c) {
      return arith::DivFOp::create(b, loc, a, c).getResult();
    };
    return llvm::TypeSwitch<Operation *, FailureOr<Value>>(op)
        .Case([&](arith::ConstantOp) { return Value(); })
        .Case([&](arith::AddFOp) {
          return !has(1) ? t(0) : !has(0) ? t(1) : add(t(0), t(1));
        })
        .Case([&](arith::SubFOp) {
          if (!has(1))
            return t(0);
          return !has(0) ? arith::NegFOp::create(b, loc, t(1)).getResult()
                         : sub(t(0), t(1));
        })
        .Case([&](arith::ExtFOp ext) {
          return arith::ExtFOp::create(b, loc, ext.getType(), t(0)).getResult();
        })
        .Case([&](arith::TruncFOp trunc) {
          return arith::TruncFOp::create(b, loc, trunc.getType(), t(0))
              .getResult();
        })
        .Case([&](arith::NegFOp) {
          return arith::NegFOp::create(b, loc, t(0)).getResult();
        })
        .Case([&](arith::MulFOp) {
          if (!has(1))
            return mul(t(0), x(1));
          if (!has(0))
            return mul(x(0), t(1));
          return add(mul(t(0), x(1)), mul(x(0), t(1)));
        })
        .Case([&](arith::DivFOp) {
          // (da - y db) / b
          if (!has(1))
            return div(t(0), x(1));
          return div(sub(t(0), mul(y, t(1))), x(1));
        })
        .Case([&](math::FmaOp) {
          return add(add(mul(t(0), x(1)), mul(x(0), t(1))), t(2));
        })
        .Case([&](arith::SelectOp) {
          return arith::SelectOp::create(b, loc, x(0), t(1), t(2)).getResult();
        })
        .Case<arith::MaximumFOp, arith::MaxNumFOp>([&](Operation *) {
          // A tie takes the second operand's tangent (relu'(0) = 0).
          Value first = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT,
                                              x(0), x(1));
          return arith::SelectOp::create(b, loc, first, t(0), t(1)).getResult();
        })
        .Case<arith::MinimumFOp, arith::MinNumFOp>([&](Operation *) {
          Value first = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT,
                                              x(0), x(1));
          return arith::SelectOp::create(b, loc, first, t(0), t(1)).getResult();
        })
        .Case([&](math::ExpOp) { return mul(t(0), y); })
        .Case([&](math::LogOp) { return div(t(0), x(0)); })
        .Case([&](math::Log1pOp) { return div(t(0), add(x(0), constant(1.0))); })
        .Case([&](math::TanhOp) {
          return mul(t(0), sub(constant(1.0), mul(y, y)));
        })
        .Case([&](math::SqrtOp) { return div(t(0), mul(constant(2.0), y)); })
        .Case([&](math::ErfOp) {
          Value e = math::ExpOp::create(
              b, loc, arith::NegFOp::create(b, loc, mul(x(0), x(0))));
          return mul(t(0), mul(constant(2.0 / std::sqrt(M_PI)), e));
        })
        .Case([&](math::SinOp) {
          return mul(t(0), math::CosOp::create(b, loc, x(0)).getResult());
        })
        .Case([&](math::CosOp) {
          return arith::NegFOp::create(
                     b, loc, mul(t(0), math::SinOp::create(b, loc, x(0)).getResult()))
              .getResult();
        })
        .Case([&](math::AbsFOp) {
          Value negative = arith::CmpFOp::create(
              b, loc, arith::CmpFPredicate::OLT, x(0), constant(0.0));
          return arith::SelectOp::create(b, loc, negative,
                                         arith::NegFOp::create(b, loc, t(0)), t(0))
              .getResult();
        })
        .Case<arith::SIToFPOp, arith::UIToFPOp, arith::BitcastOp>(
            [&](Operation *) { return Value(); })
        .Default([&](Operation *unknown) -> FailureOr<Value> {
          return unknown->emitError()
                 << "nn-jvp has no rule for '" << unknown->getName() << "'";
        });
  }

  /// Adds a dual generic beside `generic` computing its outputs' tangents.
  LogicalResult differentiateGeneric(linalg::GenericOp generic) {
    Location loc = generic.getLoc();
    SmallVector<Value> inputs(generic.getInputs()), outputs(generic.getOutputs());
    SmallVector<AffineMap> inputMaps, outputMaps;
    for (OpOperand *operand : generic.getDpsInputOperands())
      inputMaps.push_back(generic.getMatchingIndexingMap(operand));
    for (OpOperand &operand : generic.getDpsInitsMutable())
      outputMaps.push_back(generic.getMatchingIndexingMap(&operand));

    // Float inputs with tangents get a tangent input; every float output a
    // tangent output.
    SmallVector<int> inputTangent(inputs.size(), -1);
    SmallVector<Value> newInputs(inputs);
    SmallVector<AffineMap> maps(inputMaps);
    for (auto [i, input] : llvm::enumerate(inputs))
      if (tangents.count(input)) {
        inputTangent[i] = newInputs.size();
        newInputs.push_back(tangents.lookup(input));
        maps.push_back(inputMaps[i]);
      }
    SmallVector<Value> newOutputs(outputs);
    SmallVector<int> outputTangent(outputs.size(), -1);
    llvm::append_range(maps, outputMaps);
    for (auto [i, output] : llvm::enumerate(outputs))
      if (isa<FloatType>(getElementTypeOrSelf(output.getType()))) {
        outputTangent[i] = newOutputs.size();
        newOutputs.push_back(tangentOrZero(output, loc));
        maps.push_back(outputMaps[i]);
      }
    // Tangents of values captured by the body (an embedding table).
    bool capturesTangent = false;
    generic.getRegion().walk([&](Operation *inner) {
      for (Value operand : inner->getOperands())
        if (operand.getParentRegion() != &generic.getRegion() &&
            !generic.getRegion().isAncestor(operand.getParentRegion()) &&
            tangents.count(operand))
          capturesTangent = true;
    });
    if (!capturesTangent &&
        llvm::all_of(inputTangent, [](int i) { return i < 0; }) &&
        llvm::all_of(outputs, [&](Value o) { return !tangents.count(o); }))
      return success(); // No tangent flows in: the outputs' tangents are 0.

    SmallVector<Type> resultTypes =
        llvm::map_to_vector(newOutputs, [](Value v) { return v.getType(); });
    auto dual = linalg::GenericOp::create(b, loc, resultTypes, newInputs,
                                          newOutputs, maps,
                                          generic.getIteratorTypesArray());
    Block *block = b.createBlock(&dual.getRegion());
    for (Value v : llvm::concat<Value>(newInputs, newOutputs))
      block->addArgument(getElementTypeOrSelf(v.getType()), loc);

    // Scalar forward mode through the body.
    Block &old = generic.getRegion().front();
    IRMapping mapping;
    Differentiator inner(b);
    inner.tangents = tangents; // Captured outer values keep their tangents.
    unsigned numInputs = inputs.size();
    for (unsigned i = 0; i < numInputs; ++i) {
      mapping.map(old.getArgument(i), block->getArgument(i));
      if (inputTangent[i] >= 0)
        inner.tangents[block->getArgument(i)] =
            block->getArgument(inputTangent[i]);
    }
    unsigned outputBase = newInputs.size();
    for (unsigned i = 0; i < outputs.size(); ++i) {
      mapping.map(old.getArgument(numInputs + i),
                  block->getArgument(outputBase + i));
      if (outputTangent[i] >= 0)
        inner.tangents[block->getArgument(outputBase + i)] =
            block->getArgument(outputBase + outputTangent[i]);
    }
    b.setInsertionPointToEnd(block);
    SmallVector<Value> yielded;
    for (Operation &op : old.without_terminator()) {
      Operation *copy = b.clone(op, mapping);
      // Map tangents of captured outer values used by this op.
      if (failed(inner.differentiate(copy)))
        return failure();
      b.setInsertionPointToEnd(block);
    }
    auto yield = cast<linalg::YieldOp>(old.getTerminator());
    for (Value v : yield.getValues())
      yielded.push_back(mapping.lookupOrDefault(v));
    for (auto [i, v] : llvm::enumerate(yield.getValues()))
      if (outputTangent[i] >= 0)
        yielded.push_back(inner.tangentOrZero(mapping.lookupOrDefault(v), loc));
    linalg::YieldOp::create(b, loc, yielded);

    // The primal values stay the original generic's, so that f_jvp computes
    // them with the same code as f (a matmul stays a matmul, bit for bit);
    // the dual's copies of them are dead unless its tangents read them.
    for (auto [i, result] : llvm::enumerate(generic.getResults()))
      if (outputTangent[i] >= 0)
        tangents[result] = dual.getResult(outputTangent[i]);
    return success();
  }

  OpBuilder &b;
};

struct NNJvpPass : mlir::nn::impl::NNJvpPassBase<NNJvpPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto func = module.lookupSymbol<func::FuncOp>(function);
    if (failed(checkTransformable(module, func, function, "nn-jvp")))
      return signalPassFailure();
    // Which arguments get tangents.
    FailureOr<SmallVector<unsigned>> wrtArgs =
        parseWrtArguments(func, wrt, "nn-jvp");
    if (failed(wrtArgs))
      return signalPassFailure();
    FailureOr<func::FuncOp> lowered =
        insertLoweredCopy(module, func, function + "_jvp",
                          [&](OpPassManager &pipeline, Operation *op) {
                            return runPipeline(pipeline, op);
                          });
    if (failed(lowered))
      return signalPassFailure();
    func::FuncOp jvp = *lowered;

    // Tangent arguments after the primal ones.
    Block &body = jvp.getBody().front();
    OpBuilder builder(&getContext());
    Differentiator diff(builder);
    for (unsigned i : *wrtArgs) {
      Value primal = jvp.getArgument(i);
      unsigned position = jvp.getNumArguments();
      (void)jvp.insertArgument(position, primal.getType(), {}, jvp.getLoc());
      diff.tangents[primal] = jvp.getArgument(position);
    }
    for (Operation &op : llvm::make_early_inc_range(body.without_terminator()))
      if (failed(diff.differentiate(&op)))
        return signalPassFailure();
    Operation *ret = body.getTerminator();
    builder.setInsertionPoint(ret);
    SmallVector<Value> results(ret->getOperands());
    for (Value v : ret->getOperands())
      results.push_back(diff.tangentOrZero(v, ret->getLoc()));
    setResults(jvp, results);
  }
};

} // namespace
