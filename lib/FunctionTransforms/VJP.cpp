//===- VJP.cpp - reverse-mode differentiation -----------------------------===//
//
// Part of the nn-mlir project.
//
// f_vjp is built from a copy of f lowered to linalg on tensors, as f_jvp is.
// The forward ops stay as they are: their values are the residuals the
// backward pass reads. Cotangents are then computed op by op in reverse,
// with one rule for every linalg.generic (and so every nn op): a new generic
// over the same loops reads the primal inputs and the output's cotangent,
// recomputes the body's scalars and reverses them; loops missing from an
// input's indexing map become reductions of that input's cotangent.
// Accumulators are reversed by kind: a sum passes its cotangent to every
// term, a max or min to the positions equal to the result (ties share it,
// as in JAX). A gather from a captured tensor (an embedding's table)
// reverses to a scatter-add. Structural tensor ops reverse to their
// adjoints (extract_slice <-> insert_slice, collapse <-> expand).
//
//===----------------------------------------------------------------------===//

#include "nn/FunctionTransforms/Passes.h"

#include "LoweredCopy.h"
#include "Reverse.h"

#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

namespace mlir::nn {
#define GEN_PASS_DEF_NNVJPPASS
#define GEN_PASS_DEF_NNVALUEANDGRADPASS
#include "nn/FunctionTransforms/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

std::string mlir::nn::shortest(double value) {
  return llvm::formatv("{0}", llvm::format("%g", value)).str();
}

Value mlir::nn::buildElementwise(
    OpBuilder &b, Location loc, RankedTensorType type, ValueRange inputs,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  AffineMap identity = b.getMultiDimIdentityMap(type.getRank());
  SmallVector<utils::IteratorType> parallel(type.getRank(),
                                            utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, type, inputs,
             tensor::EmptyOp::create(b, loc, type.getShape(),
                                     type.getElementType())
                 .getResult(),
             SmallVector<AffineMap>(inputs.size() + 1, identity), parallel,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, body(nb, l, args.drop_back()));
             })
      .getResult(0);
}

namespace {

bool isFloatValue(Value v) {
  return isa<FloatType>(getElementTypeOrSelf(v.getType()));
}

/// 1.0 where `hit` holds, else 0.0, of float type `type`.
Value indicator(OpBuilder &b, Location loc, Value hit, Type type) {
  return arith::SelectOp::create(
      b, loc, hit, arith::ConstantOp::create(b, loc, b.getFloatAttr(type, 1.0)),
      arith::ConstantOp::create(b, loc, b.getFloatAttr(type, 0.0)));
}

//===----------------------------------------------------------------------===//
// Scalar reverse mode (inside generic bodies)
//===----------------------------------------------------------------------===//

/// Reverses the scalar ops of a (cloned) generic body.
class ScalarReverse {
public:
  explicit ScalarReverse(OpBuilder &builder) : b(builder) {}

  /// Scalar value -> its adjoint.
  DenseMap<Value, Value> adjoints;

  void add(Value v, Value ct) {
    if (!ct || !isFloatValue(v))
      return;
    Value &slot = adjoints[v];
    slot = slot ? arith::AddFOp::create(b, v.getLoc(), slot, ct).getResult()
                : ct;
  }

  /// Propagates the adjoint of `op`'s result to its operands.
  LogicalResult reverse(Operation *op) {
    if (op->getNumResults() != 1)
      return success();
    Value y = op->getResult(0);
    Value ct = adjoints.lookup(y);
    if (!ct || !isFloatValue(y))
      return success();
    Location loc = op->getLoc();
    auto x = [&](unsigned i) { return op->getOperand(i); };
    auto mul = [&](Value a, Value c) {
      return arith::MulFOp::create(b, loc, a, c).getResult();
    };
    auto div = [&](Value a, Value c) {
      return arith::DivFOp::create(b, loc, a, c).getResult();
    };
    auto neg = [&](Value a) {
      return arith::NegFOp::create(b, loc, a).getResult();
    };
    auto constant = [&](double value) -> Value {
      return arith::ConstantOp::create(
          b, loc, b.getFloatAttr(y.getType(), value));
    };
    auto select = [&](Value c, Value a, Value other) {
      return arith::SelectOp::create(b, loc, c, a, other).getResult();
    };
    auto cmp = [&](arith::CmpFPredicate predicate, Value a, Value c) {
      return arith::CmpFOp::create(b, loc, predicate, a, c).getResult();
    };
    // A zero cotangent stays zero through a partial derivative that may be
    // infinite or NaN (exp's overflow, a division by zero, log at 0): the
    // side of a select that was not taken (a masked position, a saturated
    // sigmoid's other form) contributes 0, not 0 * inf = NaN. Kept off
    // products of two inputs, where both factors are data: IEEE's 0 * NaN
    // is left alone there (and a matrix product stays a plain one).
    auto stop = [&](Value contribution) {
      Value zero = constant(0.0);
      return select(cmp(arith::CmpFPredicate::OEQ, ct, zero), ct,
                    contribution);
    };
    auto computedInBody = [&](Value v) {
      return v.getDefiningOp() != nullptr &&
             v.getParentRegion() == op->getParentRegion();
    };
    return llvm::TypeSwitch<Operation *, LogicalResult>(op)
        .Case([&](arith::AddFOp) {
          add(x(0), ct);
          add(x(1), ct);
          return success();
        })
        .Case([&](arith::SubFOp) {
          add(x(0), ct);
          add(x(1), neg(ct));
          return success();
        })
        .Case([&](arith::NegFOp) {
          add(x(0), neg(ct));
          return success();
        })
        .Case([&](arith::MulFOp) {
          Value d0 = mul(ct, x(1)), d1 = mul(ct, x(0));
          add(x(0), computedInBody(x(1)) ? stop(d0) : d0);
          add(x(1), computedInBody(x(0)) ? stop(d1) : d1);
          return success();
        })
        .Case([&](arith::DivFOp) {
          // y = a / b: da = ct / b, db = -ct y / b.
          add(x(0), stop(div(ct, x(1))));
          add(x(1), stop(neg(div(mul(ct, y), x(1)))));
          return success();
        })
        .Case([&](math::FmaOp) {
          add(x(0), mul(ct, x(1)));
          add(x(1), mul(ct, x(0)));
          add(x(2), ct);
          return success();
        })
        .Case([&](arith::SelectOp) {
          Value zero = constant(0.0);
          add(x(1), select(x(0), ct, zero));
          add(x(2), select(x(0), zero, ct));
          return success();
        })
        .Case<arith::MaximumFOp, arith::MaxNumFOp>([&](Operation *) {
          // As nn-jvp: a tie goes to the second operand (relu'(0) = 0).
          Value first = cmp(arith::CmpFPredicate::OGT, x(0), x(1));
          Value zero = constant(0.0);
          add(x(0), select(first, ct, zero));
          add(x(1), select(first, zero, ct));
          return success();
        })
        .Case<arith::MinimumFOp, arith::MinNumFOp>([&](Operation *) {
          Value first = cmp(arith::CmpFPredicate::OLT, x(0), x(1));
          Value zero = constant(0.0);
          add(x(0), select(first, ct, zero));
          add(x(1), select(first, zero, ct));
          return success();
        })
        .Case([&](math::ExpOp) {
          add(x(0), stop(mul(ct, y)));
          return success();
        })
        .Case([&](math::LogOp) {
          add(x(0), stop(div(ct, x(0))));
          return success();
        })
        .Case([&](math::Log1pOp) {
          add(x(0), stop(div(
                        ct, arith::AddFOp::create(b, loc, x(0), constant(1.0)))));
          return success();
        })
        .Case([&](math::TanhOp) {
          add(x(0), mul(ct, arith::SubFOp::create(b, loc, constant(1.0),
                                                  mul(y, y))));
          return success();
        })
        .Case([&](math::SqrtOp) {
          add(x(0), stop(div(ct, mul(constant(2.0), y))));
          return success();
        })
        .Case([&](math::ErfOp) {
          Value e = math::ExpOp::create(b, loc, neg(mul(x(0), x(0))));
          add(x(0), mul(ct, mul(constant(2.0 / std::sqrt(M_PI)), e)));
          return success();
        })
        .Case([&](math::SinOp) {
          add(x(0), mul(ct, math::CosOp::create(b, loc, x(0))));
          return success();
        })
        .Case([&](math::CosOp) {
          add(x(0), neg(mul(ct, math::SinOp::create(b, loc, x(0)))));
          return success();
        })
        .Case([&](math::AbsFOp) {
          Value negative = cmp(arith::CmpFPredicate::OLT, x(0), constant(0.0));
          add(x(0), select(negative, neg(ct), ct));
          return success();
        })
        // Constants, conversions from integers and gathered elements
        // (tensor.extract, handled by the caller) end the sweep.
        .Case<arith::ConstantOp, arith::SIToFPOp, arith::UIToFPOp,
              arith::BitcastOp, tensor::ExtractOp>(
            [&](Operation *) { return success(); })
        .Default([&](Operation *unknown) {
          return unknown->emitError()
                 << "nn-vjp has no rule for '" << unknown->getName() << "'";
        });
  }

private:
  OpBuilder &b;
};

//===----------------------------------------------------------------------===//
// Tensor-level reverse mode
//===----------------------------------------------------------------------===//

/// How a generic's output block argument enters the value it yields.
enum class Accumulation {
  /// Not read: the output is a map of the inputs.
  None,
  /// out + term (term may be empty: out itself is yielded).
  Sum,
  /// max / min (out, term).
  Choose,
  /// select(condition, term, out): the term where the condition holds (a
  /// label's logit picked by comparing indices). Positions selecting share
  /// the cotangent (one, in that use); none selecting leaves the initial
  /// value, which gets it.
  Select,
};

struct OutputRole {
  Accumulation kind = Accumulation::None;
  /// The value whose adjoint is seeded in the body.
  Value term;
  /// A masked step, `select(condition, combine(out, term), out)`: the
  /// condition (an i1 of the body), or empty.
  Value condition;
};

class Transposer {
public:
  Transposer(OpBuilder &builder, DenseSet<Value> active)
      : b(builder), active(std::move(active)) {}

  /// Tensor value -> its accumulated cotangent.
  DenseMap<Value, Value> adjoints;

  /// A zero-filled tensor (a fill, not a constant: cotangents accumulate
  /// into it, and bufferization writes a constant only through a copy).
  Value zerosLike(Type type, Location loc) {
    auto tensor = cast<RankedTensorType>(type);
    Value zero = arith::ConstantOp::create(
        b, loc, b.getZeroAttr(tensor.getElementType()));
    Value empty = tensor::EmptyOp::create(b, loc, tensor.getShape(),
                                          tensor.getElementType());
    return linalg::FillOp::create(b, loc, zero, empty).getResult(0);
  }

  /// adjoints[v] += ct (an elementwise add when there already is one).
  void accumulate(Value v, Value ct) {
    if (!ct || !active.contains(v))
      return;
    Value &slot = adjoints[v];
    if (!slot) {
      slot = ct;
      return;
    }
    slot = buildElementwise(
        b, ct.getLoc(), cast<RankedTensorType>(ct.getType()),
        ValueRange{slot, ct}, [](OpBuilder &nb, Location l, ValueRange args) {
          return arith::AddFOp::create(nb, l, args[0], args[1]).getResult();
        });
  }

  LogicalResult reverse(Operation *op) {
    if (llvm::none_of(op->getResults(),
                      [&](Value r) { return adjoints.count(r); }))
      return success();
    Location loc = op->getLoc();
    return llvm::TypeSwitch<Operation *, LogicalResult>(op)
        .Case([&](linalg::GenericOp generic) { return reverseGeneric(generic); })
        .Case<tensor::EmptyOp, arith::ConstantOp>(
            [&](Operation *) { return success(); })
        .Case([&](tensor::ExtractSliceOp slice) {
          Value ct = adjoints.lookup(slice.getResult());
          accumulate(slice.getSource(),
                     tensor::InsertSliceOp::create(
                         b, loc, ct,
                         zerosLike(slice.getSource().getType(), loc),
                         slice.getMixedOffsets(), slice.getMixedSizes(),
                         slice.getMixedStrides()));
          return success();
        })
        .Case([&](tensor::InsertSliceOp insert) {
          Value ct = adjoints.lookup(insert.getResult());
          accumulate(insert.getSource(),
                     tensor::ExtractSliceOp::create(
                         b, loc,
                         cast<RankedTensorType>(insert.getSource().getType()),
                         ct, insert.getMixedOffsets(), insert.getMixedSizes(),
                         insert.getMixedStrides()));
          accumulate(insert.getDest(),
                     tensor::InsertSliceOp::create(
                         b, loc, zerosLike(insert.getSource().getType(), loc),
                         ct, insert.getMixedOffsets(), insert.getMixedSizes(),
                         insert.getMixedStrides()));
          return success();
        })
        .Case([&](tensor::CollapseShapeOp collapse) {
          Value ct = adjoints.lookup(collapse.getResult());
          accumulate(collapse.getSrc(),
                     tensor::ExpandShapeOp::create(
                         b, loc, collapse.getSrcType(), ct,
                         collapse.getReassociationIndices()));
          return success();
        })
        .Case([&](tensor::ExpandShapeOp expand) {
          Value ct = adjoints.lookup(expand.getResult());
          accumulate(expand.getSrc(),
                     tensor::CollapseShapeOp::create(
                         b, loc, expand.getSrcType(), ct,
                         expand.getReassociationIndices()));
          return success();
        })
        .Case([&](tensor::CastOp cast) {
          Value ct = adjoints.lookup(cast.getResult());
          accumulate(cast.getSource(),
                     tensor::CastOp::create(b, loc, cast.getSource().getType(),
                                            ct));
          return success();
        })
        .Default([&](Operation *unknown) {
          return unknown->emitError()
                 << "nn-vjp has no rule for '" << unknown->getName() << "'";
        });
  }

private:
  /// What the body does with output `index`'s block argument.
  FailureOr<OutputRole> classify(linalg::GenericOp generic, unsigned index) {
    Block &body = generic.getRegion().front();
    BlockArgument out = body.getArgument(generic.getNumDpsInputs() + index);
    Value yielded = body.getTerminator()->getOperand(index);
    OutputRole role;
    if (out.use_empty()) {
      role.term = yielded;
      return role;
    }
    if (yielded == out) {
      role.kind = Accumulation::Sum;
      return role;
    }
    // A masked step: select(condition, combine(out, term), out); or a
    // pick: select(condition, term, out).
    unsigned numInputs = generic.getNumDpsInputs();
    unsigned expectedUses = 1;
    if (auto select = yielded.getDefiningOp<arith::SelectOp>();
        select && select.getFalseValue() == out &&
        !readsOutputs(select.getCondition(), body, numInputs)) {
      role.condition = select.getCondition();
      yielded = select.getTrueValue();
      if (out.hasOneUse() && !readsOutputs(yielded, body, numInputs)) {
        role.kind = Accumulation::Select;
        role.term = yielded;
        return role;
      }
      expectedUses = 2;
    }
    Operation *combiner = yielded.getDefiningOp();
    unsigned uses = std::distance(out.use_begin(), out.use_end());
    if (uses == expectedUses && combiner &&
        combiner->getNumOperands() == 2 &&
        llvm::is_contained(combiner->getOperands(), out)) {
      Value term = combiner->getOperand(0) == out ? combiner->getOperand(1)
                                                  : combiner->getOperand(0);
      role.term = term;
      if (isa<arith::AddFOp>(combiner)) {
        role.kind = Accumulation::Sum;
        return role;
      }
      if (isa<arith::MaxNumFOp, arith::MaximumFOp, arith::MinNumFOp,
              arith::MinimumFOp>(combiner)) {
        role.kind = Accumulation::Choose;
        return role;
      }
    }
    return generic.emitError()
           << "nn-vjp cannot reverse this linalg.generic: its output "
           << index
           << " accumulates with something other than a sum, max or min";
  }

  /// Whether `v` (in `body`) is computed from an output block argument.
  static bool readsOutputs(Value v, Block &body, unsigned numInputs) {
    SmallVector<Value> worklist = {v};
    DenseSet<Value> seen;
    while (!worklist.empty()) {
      Value current = worklist.pop_back_val();
      if (!seen.insert(current).second)
        continue;
      if (auto arg = dyn_cast<BlockArgument>(current)) {
        if (arg.getOwner() == &body && arg.getArgNumber() >= numInputs)
          return true;
        continue;
      }
      Operation *def = current.getDefiningOp();
      if (def && def->getBlock() == &body)
        llvm::append_range(worklist, def->getOperands());
    }
    return false;
  }

  /// The loops of a backward generic writing through `map`: loops `map`
  /// does not read are reductions, and go innermost (the order the
  /// strategy tiles and vectorizes: a transposed matmul becomes a plain
  /// one). `position[d]` is the new place of `generic`'s loop d.
  struct LoopOrder {
    SmallVector<utils::IteratorType> iterators;
    SmallVector<unsigned> position;
    /// Maps over `generic`'s loops -> maps over the reordered ones.
    AffineMap reorder(AffineMap map) const {
      SmallVector<AffineExpr> renamed;
      for (unsigned p : position)
        renamed.push_back(getAffineDimExpr(p, map.getContext()));
      return map.compose(AffineMap::get(position.size(), 0, renamed,
                                        map.getContext()));
    }
  };
  static LoopOrder loopOrderFor(linalg::GenericOp generic, AffineMap map) {
    unsigned numLoops = generic.getNumLoops();
    LoopOrder order;
    order.position.assign(numLoops, numLoops);
    unsigned next = 0;
    // The loops `map` reads, in the order of its results (so the cotangent
    // is written row by row), then the others as reductions.
    for (AffineExpr expr : map.getResults()) {
      order.position[cast<AffineDimExpr>(expr).getPosition()] = next++;
      order.iterators.push_back(utils::IteratorType::parallel);
    }
    for (unsigned d = 0; d < numLoops; ++d)
      if (order.position[d] == numLoops) {
        order.position[d] = next++;
        order.iterators.push_back(utils::IteratorType::reduction);
      }
    return order;
  }

  /// What the backward generics of `generic` read besides its inputs: the
  /// cotangent of each differentiated output (and for a max / min its
  /// result and the number of positions that reach it).
  struct Seeds {
    SmallVector<Value> values;
    SmallVector<AffineMap> maps;
    /// Per output: index in `values` of its cotangent, or -1.
    SmallVector<int> cotangent, result, count;
  };

  /// Clones the body ops of `generic` that do not read its outputs to the
  /// builder's insertion point (`mapping` holds the inputs; with
  /// `skipIndices`, linalg.index ops too, mapped by the caller).
  void cloneBody(linalg::GenericOp generic, IRMapping &mapping,
                 bool skipIndices, SmallVectorImpl<Operation *> &cloned) {
    Block &body = generic.getRegion().front();
    unsigned numInputs = generic.getNumDpsInputs();
    for (Operation &op : body.without_terminator()) {
      if ((skipIndices && isa<linalg::IndexOp>(op)) ||
          llvm::any_of(op.getResults(), [&](Value r) {
            return readsOutputs(r, body, numInputs);
          }))
        continue;
      cloned.push_back(b.clone(op, mapping));
    }
  }

  /// Seeds `reverse` with each differentiated output's cotangent (from
  /// `seedArgs`, the block values of `seeds`) at its term, then sweeps the
  /// `cloned` body in reverse.
  void seedAndSweep(linalg::GenericOp generic, ArrayRef<OutputRole> roles,
                    const Seeds &seeds, ValueRange seedArgs,
                    IRMapping &mapping, ScalarReverse &reverse,
                    ArrayRef<Operation *> cloned) {
    Location loc = generic.getLoc();
    for (auto [j, role] : llvm::enumerate(roles)) {
      if (seeds.cotangent[j] < 0 || !role.term)
        continue;
      Value ct = seedArgs[seeds.cotangent[j]];
      Value term = mapping.lookupOrDefault(role.term);
      Value zero =
          arith::ConstantOp::create(b, loc, b.getZeroAttr(ct.getType()));
      if (role.kind == Accumulation::Choose) {
        // Positions equal to the result share its cotangent.
        Value hit = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ,
                                          term, seedArgs[seeds.result[j]]);
        Value share =
            arith::DivFOp::create(b, loc, ct, seedArgs[seeds.count[j]]);
        ct = arith::SelectOp::create(b, loc, hit, share, zero);
      } else if (role.kind == Accumulation::Select) {
        // (The condition selects below.)
        ct = arith::DivFOp::create(b, loc, ct, seedArgs[seeds.count[j]]);
      }
      // A masked step contributes nothing, and gets nothing back.
      if (role.condition)
        ct = arith::SelectOp::create(
            b, loc, mapping.lookupOrDefault(role.condition), ct, zero);
      reverse.add(term, ct);
    }
    for (Operation *op : llvm::reverse(cloned))
      if (failed(reverse.reverse(op)))
        failedRule = true;
  }

  /// For a max / min output, how many positions (the initial value
  /// included) equal the result; for a pick, how many positions select.
  Value countHits(linalg::GenericOp generic, unsigned index,
                  const OutputRole &role) {
    bool pick = role.kind == Accumulation::Select;
    Value term = role.term;
    Location loc = generic.getLoc();
    Value result = generic.getResult(index);
    Value init = generic.getDpsInits()[index];
    auto type = cast<RankedTensorType>(result.getType());
    AffineMap map = generic.getIndexingMapsArray()[generic.getNumDpsInputs() +
                                                   index];
    // A max / min's initial value counts when it is the result; a pick's
    // is not a position.
    Value initHits =
        pick ? zerosLike(type, loc)
             : buildElementwise(b, loc, type, ValueRange{init, result},
                                [](OpBuilder &nb, Location l, ValueRange args) {
                                  return indicator(
                                      nb, l,
                                      arith::CmpFOp::create(
                                          nb, l, arith::CmpFPredicate::OEQ,
                                          args[0], args[1]),
                                      args[0].getType());
                                });
    SmallVector<Value> inputs(generic.getDpsInputs());
    inputs.push_back(result);
    SmallVector<AffineMap> maps;
    for (OpOperand *operand : generic.getDpsInputOperands())
      maps.push_back(generic.getMatchingIndexingMap(operand));
    maps.push_back(map);
    maps.push_back(map);
    Block &body = generic.getRegion().front();
    unsigned numInputs = generic.getNumDpsInputs();
    return linalg::GenericOp::create(
               b, loc, type, inputs, initHits, maps,
               generic.getIteratorTypesArray(),
               [&](OpBuilder &nb, Location l, ValueRange args) {
                 IRMapping mapping;
                 for (unsigned i = 0; i < numInputs; ++i)
                   mapping.map(body.getArgument(i), args[i]);
                 SmallVector<Operation *> cloned;
                 cloneBody(generic, mapping, /*skipIndices=*/false, cloned);
                 Value condition =
                     role.condition ? mapping.lookupOrDefault(role.condition)
                                    : Value();
                 Value hit =
                     pick ? condition
                          : arith::CmpFOp::create(
                                nb, l, arith::CmpFPredicate::OEQ,
                                mapping.lookupOrDefault(term), args[numInputs])
                                .getResult();
                 if (condition && !pick)
                   hit = arith::AndIOp::create(nb, l, hit, condition);
                 Value one = indicator(nb, l, hit, args.back().getType());
                 linalg::YieldOp::create(
                     nb, l,
                     arith::AddFOp::create(nb, l, args.back(), one).getResult());
               })
        .getResult(0);
  }

  LogicalResult reverseGeneric(linalg::GenericOp generic) {
    Location loc = generic.getLoc();
    unsigned numInputs = generic.getNumDpsInputs();
    unsigned numOutputs = generic.getNumDpsInits();
    SmallVector<AffineMap> indexingMaps = generic.getIndexingMapsArray();
    SmallVector<OutputRole> roles(numOutputs);
    Seeds seeds;
    seeds.cotangent.assign(numOutputs, -1);
    seeds.result.assign(numOutputs, -1);
    seeds.count.assign(numOutputs, -1);
    for (unsigned j = 0; j < numOutputs; ++j) {
      Value ct = adjoints.lookup(generic.getResult(j));
      if (!ct)
        continue;
      FailureOr<OutputRole> role = classify(generic, j);
      if (failed(role))
        return failure();
      roles[j] = *role;
      AffineMap map = indexingMaps[numInputs + j];
      if (role->kind == Accumulation::None &&
          map.getNumResults() != generic.getNumLoops())
        return generic.emitError()
               << "nn-vjp cannot reverse this linalg.generic: output " << j
               << " is overwritten along a reduction loop";
      seeds.cotangent[j] = seeds.values.size();
      seeds.values.push_back(ct);
      seeds.maps.push_back(map);
      Value init = generic.getDpsInits()[j];
      if (role->kind == Accumulation::Sum) {
        accumulate(init, ct);
      } else if (role->kind == Accumulation::Choose ||
                 role->kind == Accumulation::Select) {
        bool pick = role->kind == Accumulation::Select;
        Value count = countHits(generic, j, *role);
        seeds.result[j] = seeds.values.size();
        seeds.values.push_back(generic.getResult(j));
        seeds.maps.push_back(map);
        seeds.count[j] = seeds.values.size();
        seeds.values.push_back(count);
        seeds.maps.push_back(map);
        if (active.contains(init)) {
          // A max / min's initial value gets its share when it is the
          // result; a pick's stays (and gets the cotangent) when nothing
          // selects.
          accumulate(
              init,
              buildElementwise(
                  b, loc, cast<RankedTensorType>(init.getType()),
                  ValueRange{init, generic.getResult(j), ct, count},
                  [&](OpBuilder &nb, Location l, ValueRange args) {
                    Value zero = arith::ConstantOp::create(
                        nb, l, nb.getZeroAttr(args[2].getType()));
                    Value hit =
                        pick ? arith::CmpFOp::create(
                                   nb, l, arith::CmpFPredicate::OEQ, args[3],
                                   zero)
                             : arith::CmpFOp::create(
                                   nb, l, arith::CmpFPredicate::OEQ, args[0],
                                   args[1]);
                    Value share =
                        pick ? args[2]
                             : arith::DivFOp::create(nb, l, args[2], args[3])
                                   .getResult();
                    return arith::SelectOp::create(nb, l, hit, share, zero)
                        .getResult();
                  }));
        }
      }
    }

    // The cotangent of `target` (an input's block argument, or a scalar the
    // body captures), read through `map`: a generic over the same loops
    // that recomputes the body, seeds its outputs' cotangents and sums
    // `target`'s adjoint over the loops `map` leaves out.
    Block &body = generic.getRegion().front();
    auto buildBackward = [&](Value target, AffineMap map,
                             RankedTensorType type) -> FailureOr<Value> {
      SmallVector<Value> inputs(generic.getDpsInputs());
      llvm::append_range(inputs, seeds.values);
      SmallVector<AffineMap> maps(indexingMaps.begin(),
                                  indexingMaps.begin() + numInputs);
      llvm::append_range(maps, seeds.maps);
      maps.push_back(map);
      LoopOrder order = loopOrderFor(generic, map);
      for (AffineMap &m : maps)
        m = order.reorder(m);
      // Without reduction loops each element is written once: no zeros to
      // add to, and no output read. (Elementwise fusion also mistreats a
      // generic without loops that reads its output: fused into a consumer,
      // its accumulation repeats once per consumer element.)
      bool reduces =
          llvm::is_contained(order.iterators, utils::IteratorType::reduction);
      Value init = reduces ? zerosLike(type, loc)
                           : tensor::EmptyOp::create(b, loc, type.getShape(),
                                                     type.getElementType())
                                 .getResult();
      auto backward = linalg::GenericOp::create(
          b, loc, type, inputs, init, maps, order.iterators,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            IRMapping mapping;
            for (unsigned i = 0; i < numInputs; ++i)
              mapping.map(body.getArgument(i), args[i]);
            ScalarReverse reverse(b);
            SmallVector<Operation *> cloned;
            OpBuilder::InsertionGuard guard(b);
            b.setInsertionPointToEnd(nb.getInsertionBlock());
            cloneBody(generic, mapping, /*skipIndices=*/false, cloned);
            seedAndSweep(generic, roles, seeds,
                         args.slice(numInputs, seeds.values.size()), mapping,
                         reverse, cloned);
            Value adjoint =
                reverse.adjoints.lookup(mapping.lookupOrDefault(target));
            Value sum = args.back();
            if (!reduces)
              sum = adjoint ? adjoint
                            : arith::ConstantOp::create(
                                  b, l, b.getZeroAttr(sum.getType()))
                                  .getResult();
            else if (adjoint)
              sum = arith::AddFOp::create(b, l, sum, adjoint);
            linalg::YieldOp::create(b, l, sum);
          });
      if (failedRule)
        return failure();
      backward.walk([&](linalg::IndexOp index) {
        index.setDim(order.position[index.getDim()]);
      });
      return backward.getResult(0);
    };

    // Each active float input.
    for (OpOperand *operand : generic.getDpsInputOperands()) {
      Value input = operand->get();
      if (!active.contains(input) || !isFloatValue(input) ||
          !isa<RankedTensorType>(input.getType()))
        continue;
      AffineMap map = generic.getMatchingIndexingMap(operand);
      if (!map.isProjectedPermutation())
        return generic.emitError()
               << "nn-vjp cannot reverse this linalg.generic: input "
               << operand->getOperandNumber()
               << " is read through a map that is not a projected "
                  "permutation ("
               << AffineMapAttr::get(map) << ")";
      FailureOr<Value> ct =
          buildBackward(body.getArgument(operand->getOperandNumber()), map,
                        cast<RankedTensorType>(input.getType()));
      if (failed(ct))
        return failure();
      accumulate(input, *ct);
    }

    // Float scalars the body captures from outside (an optimizer's learning
    // rate, extracted from its tensor<f32> once): the adjoint summed over
    // every iteration, then put back where the scalar was extracted.
    llvm::SetVector<Value> captured;
    generic.getRegion().walk([&](Operation *inner) {
      for (Value v : inner->getOperands())
        if (!isa<ShapedType>(v.getType()) && isFloatValue(v) &&
            active.contains(v) &&
            !generic.getRegion().isAncestor(v.getParentRegion()))
          captured.insert(v);
    });
    for (Value scalar : captured) {
      auto extract = scalar.getDefiningOp<tensor::ExtractOp>();
      if (!extract)
        return generic.emitError()
               << "nn-vjp cannot differentiate through a scalar computed "
                  "outside this linalg.generic and read by its body (from '"
               << (scalar.getDefiningOp()
                       ? scalar.getDefiningOp()->getName().getStringRef()
                       : StringRef("a block argument"))
               << "'); leave the argument it depends on out of wrt";
      FailureOr<Value> ct = buildBackward(
          scalar, AffineMap::get(generic.getNumLoops(), 0, b.getContext()),
          RankedTensorType::get({}, scalar.getType()));
      if (failed(ct))
        return failure();
      Value source = extract.getTensor();
      Value element = tensor::ExtractOp::create(b, loc, *ct, ValueRange{});
      accumulate(source, tensor::InsertOp::create(
                             b, loc, element, zerosLike(source.getType(), loc),
                             extract.getIndices())
                             .getResult());
    }

    // Tensors the body gathers from (an embedding's table): scatter-add.
    llvm::SetVector<Value> gathered;
    generic.getRegion().walk([&](tensor::ExtractOp extract) {
      Value source = extract.getTensor();
      if (!generic.getRegion().isAncestor(source.getParentRegion()) &&
          active.contains(source))
        gathered.insert(source);
    });
    for (Value source : gathered)
      if (failed(scatterGathered(generic, roles, seeds, source)))
        return failure();
    return success();
  }

  /// The cotangent of `source`, read in `generic`'s body by tensor.extract
  /// at computed indices: a loop nest over the generic's iterations that
  /// recomputes the body and adds each gathered element's adjoint at its
  /// index.
  LogicalResult scatterGathered(linalg::GenericOp generic,
                                ArrayRef<OutputRole> roles, const Seeds &seeds,
                                Value source) {
    Location loc = generic.getLoc();
    unsigned numInputs = generic.getNumDpsInputs();
    SmallVector<int64_t> bounds = generic.getStaticLoopRanges();
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    SmallVector<Value> ivs;
    Value accumulator = zerosLike(source.getType(), loc);
    SmallVector<scf::ForOp> loops;
    OpBuilder::InsertionGuard guard(b);
    for (int64_t bound : bounds) {
      Value upper = arith::ConstantIndexOp::create(b, loc, bound);
      auto loop =
          scf::ForOp::create(b, loc, zero, upper, one, ValueRange{accumulator});
      if (!loops.empty())
        scf::YieldOp::create(b, loc, loop.getResults());
      loops.push_back(loop);
      ivs.push_back(loop.getInductionVar());
      accumulator = loop.getRegionIterArgs()[0];
      b.setInsertionPointToStart(loop.getBody());
    }
    // Reads of the generic's operands at this iteration.
    auto readAt = [&](Value tensor, AffineMap map) -> Value {
      SmallVector<Value> indices;
      for (AffineExpr expr : map.getResults()) {
        if (auto dim = dyn_cast<AffineDimExpr>(expr))
          indices.push_back(ivs[dim.getPosition()]);
        else
          indices.push_back(arith::ConstantIndexOp::create(
              b, loc, cast<AffineConstantExpr>(expr).getValue()));
      }
      if (!isa<RankedTensorType>(tensor.getType()))
        return tensor;
      return tensor::ExtractOp::create(b, loc, tensor, indices);
    };
    Block &body = generic.getRegion().front();
    IRMapping mapping;
    SmallVector<AffineMap> indexingMaps = generic.getIndexingMapsArray();
    for (unsigned i = 0; i < numInputs; ++i)
      mapping.map(body.getArgument(i),
                  readAt(generic.getDpsInputs()[i], indexingMaps[i]));
    SmallVector<Value> seedArgs;
    for (auto [value, map] : llvm::zip(seeds.values, seeds.maps))
      seedArgs.push_back(readAt(value, map));
    // linalg.index is the loop's induction variable here.
    body.walk([&](linalg::IndexOp index) {
      mapping.map(index.getResult(), ivs[index.getDim()]);
    });
    ScalarReverse reverse(b);
    SmallVector<Operation *> cloned;
    cloneBody(generic, mapping, /*skipIndices=*/true, cloned);
    seedAndSweep(generic, roles, seeds, seedArgs, mapping, reverse, cloned);
    if (failedRule)
      return failure();
    for (Operation *op : cloned) {
      auto extract = dyn_cast<tensor::ExtractOp>(op);
      if (!extract || extract.getTensor() != source)
        continue;
      Value adjoint = reverse.adjoints.lookup(extract.getResult());
      if (!adjoint)
        continue;
      Value old = tensor::ExtractOp::create(b, loc, accumulator,
                                            extract.getIndices());
      Value sum = arith::AddFOp::create(b, loc, old, adjoint);
      accumulator = tensor::InsertOp::create(b, loc, sum, accumulator,
                                             extract.getIndices());
    }
    scf::YieldOp::create(b, loc, accumulator);
    b.setInsertionPointAfter(loops.front());
    accumulate(source, loops.front().getResult(0));
    return success();
  }

  OpBuilder &b;
  DenseSet<Value> active;
  bool failedRule = false;
};

} // namespace

namespace {

/// Values computed (transitively) from `wrt`, also through values a region
/// captures: only those get cotangents.
DenseSet<Value> activeValues(func::FuncOp func, ArrayRef<unsigned> wrt) {
  DenseSet<Value> active;
  for (unsigned i : wrt)
    active.insert(func.getArgument(i));
  for (Operation &op : func.getBody().front().without_terminator()) {
    bool reads = llvm::any_of(op.getOperands(),
                              [&](Value v) { return active.contains(v); });
    op.walk([&](Operation *inner) {
      reads |= llvm::any_of(inner->getOperands(),
                            [&](Value v) { return active.contains(v); });
    });
    if (reads)
      for (Value result : op.getResults())
        if (isFloatValue(result))
          active.insert(result);
  }
  return active;
}

/// Adds `name`, a lowered copy of `func` (whose `wrt` arguments are
/// checked) that returns its results followed by the cotangents of the `wrt`
/// arguments; `seed` gives the results their cotangents (adding arguments
/// to the copy or making constants). The backward part keeps the forward
/// values `policy` saves and recomputes the others; `residuals`, if given,
/// receives what it keeps.
LogicalResult buildReverse(
    ModuleOp module, func::FuncOp func, StringRef name,
    ArrayRef<unsigned> wrtArgs, PipelineRunner runPipeline,
    function_ref<void(func::FuncOp, Transposer &, Operation *)> seed,
    RematPolicy policy, Residuals *residuals = nullptr) {
  FailureOr<func::FuncOp> lowered =
      insertLoweredCopy(module, func, name, runPipeline);
  if (failed(lowered))
    return failure();
  func::FuncOp reverse = *lowered;
  Block &body = reverse.getBody().front();
  SmallVector<Operation *> forward = llvm::map_to_vector(
      body.without_terminator(), [](Operation &op) { return &op; });
  DenseSet<Operation *> forwardSet(forward.begin(), forward.end());
  Operation *ret = body.getTerminator();
  OpBuilder builder(ret);
  Transposer transposer(builder, activeValues(reverse, wrtArgs));
  seed(reverse, transposer, ret);
  for (Operation *op : llvm::reverse(forward))
    if (failed(transposer.reverse(op)))
      return failure();
  SmallVector<Value> results(ret->getOperands());
  for (unsigned i : wrtArgs) {
    Value argument = reverse.getArgument(i);
    Value ct = transposer.adjoints.lookup(argument);
    results.push_back(
        ct ? ct : transposer.zerosLike(argument.getType(), reverse.getLoc()));
  }
  setResults(reverse, results);
  // The forward ops still alive, before any op is created: an erased op's
  // address may be reused.
  DenseSet<Operation *> live;
  for (Operation &op : body)
    if (forwardSet.contains(&op))
      live.insert(&op);
  if (policy != RematPolicy::EverythingSaveable)
    rematerialize(reverse, live, policy);
  if (residuals)
    *residuals = findResiduals(reverse, live);
  return success();
}

struct NNVjpPass : mlir::nn::impl::NNVjpPassBase<NNVjpPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto func = module.lookupSymbol<func::FuncOp>(function);
    if (failed(checkTransformable(module, func, function, "nn-vjp")))
      return signalPassFailure();
    FailureOr<SmallVector<unsigned>> wrtArgs =
        parseWrtArguments(func, wrt, "nn-vjp");
    if (failed(wrtArgs))
      return signalPassFailure();
    FailureOr<RematPolicy> policy = parseRematPolicy(func, remat, "nn-vjp");
    if (failed(policy))
      return signalPassFailure();
    // One cotangent argument per f32 result, after the primal arguments.
    auto seed = [](func::FuncOp vjp, Transposer &transposer, Operation *ret) {
      for (Value result : ret->getOperands()) {
        auto type = dyn_cast<RankedTensorType>(result.getType());
        if (!type || !type.getElementType().isF32())
          continue;
        unsigned position = vjp.getNumArguments();
        (void)vjp.insertArgument(position, type, {}, vjp.getLoc());
        transposer.accumulate(result, vjp.getArgument(position));
      }
    };
    Residuals residuals;
    if (failed(buildReverse(
            module, func, function + "_vjp", *wrtArgs,
            [&](OpPassManager &pipeline, Operation *op) {
              return runPipeline(pipeline, op);
            },
            seed, *policy, reportResiduals ? &residuals : nullptr)))
      return signalPassFailure();
    if (reportResiduals)
      emitResidualRemark(func, "nn-vjp", function + "_vjp", residuals);
  }
};

/// Seeds a scalar loss (the first result) with d value / d value = 1;
/// auxiliary results carry no cotangent.
void seedValue(func::FuncOp, Transposer &transposer, Operation *ret) {
  Value result = ret->getOperand(0);
  auto type = cast<RankedTensorType>(result.getType());
  OpBuilder b(ret);
  transposer.accumulate(
      result,
      arith::ConstantOp::create(
          b, ret->getLoc(), DenseElementsAttr::get(type, b.getF32FloatAttr(1.0f))));
}

struct NNValueAndGradPass
    : mlir::nn::impl::NNValueAndGradPassBase<NNValueAndGradPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto func = module.lookupSymbol<func::FuncOp>(function);
    if (failed(checkTransformable(module, func, function,
                                  "nn-value-and-grad")))
      return signalPassFailure();
    // jax.value_and_grad: a scalar f32 value first; anything else returned
    // is auxiliary data, and only with has-aux.
    TypeRange results = func.getResultTypes();
    auto value = results.empty() ? RankedTensorType()
                                 : dyn_cast<RankedTensorType>(results[0]);
    if (!value || value.getRank() != 0 || !value.getElementType().isF32()) {
      InFlightDiagnostic error =
          func.emitError() << "nn-value-and-grad: '" << function
                           << "' must return a scalar first (tensor<f32>), "
                              "the value to differentiate; ";
      if (results.empty())
        error << "it returns nothing";
      else
        error << "its first result is " << results[0];
      return signalPassFailure();
    }
    if (results.size() > 1 && !hasAux) {
      func.emitError() << "nn-value-and-grad: '" << function << "' returns "
                       << results.size()
                       << " values; pass has-aux=true to return the others "
                          "as auxiliary data (jax.value_and_grad's has_aux)";
      return signalPassFailure();
    }
    FailureOr<SmallVector<unsigned>> wrtArgs =
        parseWrtArguments(func, wrt, "nn-value-and-grad");
    if (failed(wrtArgs))
      return signalPassFailure();
    FailureOr<RematPolicy> policy =
        parseRematPolicy(func, remat, "nn-value-and-grad");
    if (failed(policy))
      return signalPassFailure();
    Residuals residuals;
    if (failed(buildValueAndGrad(
            module, func, function + "_value_and_grad", *wrtArgs,
            [&](OpPassManager &pipeline, Operation *op) {
              return runPipeline(pipeline, op);
            },
            *policy, reportResiduals ? &residuals : nullptr)))
      return signalPassFailure();
    if (reportResiduals)
      emitResidualRemark(func, "nn-value-and-grad",
                         function + "_value_and_grad", residuals);
  }
};

} // namespace

LogicalResult mlir::nn::buildValueAndGrad(ModuleOp module, func::FuncOp func,
                                          StringRef name,
                                          ArrayRef<unsigned> wrt,
                                          PipelineRunner runPipeline,
                                          RematPolicy policy,
                                          Residuals *residuals) {
  return buildReverse(module, func, name, wrt, runPipeline, seedValue, policy,
                      residuals);
}
