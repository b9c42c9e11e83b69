//===- TrainStep.cpp - one optimizer step as one function -----------------===//
//
// Part of the nn-mlir project.
//
// nn-train-step: value_and_grad of a loss, then one optimizer op per
// parameter, with the learning rate from a schedule of the step count and
// optional global-norm clipping, all in one pure function whose params and
// state may be donated (updated in place).
//
//===----------------------------------------------------------------------===//

#include "nn/FunctionTransforms/Passes.h"

#include "LoweredCopy.h"
#include "Reverse.h"

#include "nn/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/StringMap.h"

#include <cmath>

namespace mlir::nn {
#define GEN_PASS_DEF_NNTRAINSTEPPASS
#include "nn/FunctionTransforms/Passes.h.inc"
} // namespace mlir::nn

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Layer state: argument `argument` of the loss is updated by its result
/// `result`.
struct StateUpdate {
  unsigned argument;
  unsigned result;
};

struct NNTrainStepPass
    : mlir::nn::impl::NNTrainStepPassBase<NNTrainStepPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto func = module.lookupSymbol<func::FuncOp>(function);
    if (failed(checkTransformable(module, func, function, "nn-train-step")))
      return signalPassFailure();
    TypeRange results = func.getResultTypes();
    auto value = results.empty() ? RankedTensorType()
                                 : dyn_cast<RankedTensorType>(results[0]);
    if (!value || value.getRank() != 0 || !value.getElementType().isF32()) {
      func.emitError() << "nn-train-step: '" << function
                       << "' must return its loss first (tensor<f32>)";
      return signalPassFailure();
    }
    if (optimizer != "sgd" && optimizer != "adam" && optimizer != "adamw") {
      func.emitError() << "nn-train-step: unknown optimizer '" << optimizer
                       << "' (sgd, adam or adamw)";
      return signalPassFailure();
    }
    if (failed(checkScheduleOptions(func)))
      return signalPassFailure();
    if (!(clipGlobalNorm >= 0.0)) {
      func.emitError() << "nn-train-step: clip-global-norm must be a norm "
                          "(> 0), or 0 for no clipping; got "
                       << shortest(clipGlobalNorm);
      return signalPassFailure();
    }
    FailureOr<SmallVector<StateUpdate>> layerState = findLayerState(func);
    if (failed(layerState))
      return signalPassFailure();
    auto isLayerState = [&](unsigned arg) {
      return llvm::any_of(*layerState, [&](const StateUpdate &update) {
        return update.argument == arg;
      });
    };
    // The parameters: `wrt`, else the arguments named with nn.name that
    // are not layer state.
    SmallVector<std::string> params(wrt.begin(), wrt.end());
    if (params.empty())
      for (auto [i, type] : llvm::enumerate(func.getArgumentTypes()))
        if (func.getArgAttr(i, "nn.name") &&
            getElementTypeOrSelf(type).isF32() && !isLayerState(i))
          params.push_back(std::to_string(i));
    if (params.empty()) {
      func.emitError() << "nn-train-step: '" << function
                       << "' has no parameters: name them (nn.name) or list "
                          "them in wrt";
      return signalPassFailure();
    }
    FailureOr<SmallVector<unsigned>> wrtArgs =
        parseWrtArguments(func, params, "nn-train-step");
    if (failed(wrtArgs))
      return signalPassFailure();
    for (unsigned i : *wrtArgs)
      if (isLayerState(i)) {
        func.emitError() << "nn-train-step: argument " << i << " ('"
                         << func.getArgAttrOfType<StringAttr>(i, "nn.name")
                                .getValue()
                         << "') is non-trainable layer state (a result of "
                            "the same name updates it), not a parameter: "
                            "remove it from wrt";
        return signalPassFailure();
      }
    std::string name = function + "_train_step";
    FailureOr<RematPolicy> policy =
        parseRematPolicy(func, remat, "nn-train-step");
    if (failed(policy))
      return signalPassFailure();
    Residuals residuals;
    if (failed(buildValueAndGrad(
            module, func, name, *wrtArgs,
            [&](OpPassManager &pipeline, Operation *op) {
              return runPipeline(pipeline, op);
            },
            *policy, reportResiduals ? &residuals : nullptr)))
      return signalPassFailure();
    if (reportResiduals)
      emitResidualRemark(func, "nn-train-step", name, residuals);
    applyOptimizer(module.lookupSymbol<func::FuncOp>(name), func, *wrtArgs,
                   *layerState);
  }

  /// Non-trainable layer state (BatchNorm's moving statistics, a counter):
  /// an argument named with nn.name that an auxiliary result of the same
  /// name updates, as Keras' stateless_call returns the non-trainable
  /// variables and Flax's `mutable` collections do. Each must have its
  /// argument's type.
  FailureOr<SmallVector<StateUpdate>> findLayerState(func::FuncOp func) {
    llvm::StringMap<unsigned> argumentByName;
    for (unsigned i = 0; i < func.getNumArguments(); ++i)
      if (auto name = func.getArgAttrOfType<StringAttr>(i, "nn.name"))
        argumentByName[name.getValue()] = i;
    SmallVector<StateUpdate> updates;
    for (unsigned r = 1; r < func.getNumResults(); ++r) {
      auto name = func.getResultAttrOfType<StringAttr>(r, "nn.name");
      if (!name)
        continue;
      auto found = argumentByName.find(name.getValue());
      if (found == argumentByName.end())
        continue;
      unsigned arg = found->second;
      if (func.getResultTypes()[r] != func.getArgumentTypes()[arg]) {
        func.emitError() << "nn-train-step: result " << r << " ('"
                         << name.getValue() << "') would update argument "
                         << arg << " of the same name (layer state), but is "
                         << func.getResultTypes()[r] << ", not "
                         << func.getArgumentTypes()[arg];
        return failure();
      }
      if (llvm::any_of(updates, [&](const StateUpdate &u) {
            return u.argument == arg;
          })) {
        func.emitError() << "nn-train-step: two results update argument "
                         << arg << " ('" << name.getValue() << "')";
        return failure();
      }
      updates.push_back({arg, r});
    }
    llvm::sort(updates, [](const StateUpdate &a, const StateUpdate &b) {
      return a.argument < b.argument;
    });
    return updates;
  }

  /// Checks each schedule option given against the schedule and Optax's
  /// domain; an error names what to change.
  LogicalResult checkScheduleOptions(func::FuncOp func) {
    // The options each schedule takes.
    std::optional<SmallVector<StringRef>> takes;
    if (schedule == "constant")
      takes.emplace();
    else if (schedule == "exponential_decay")
      takes = {"transition-steps", "decay-rate", "transition-begin",
               "staircase", "end-learning-rate"};
    else if (schedule == "cosine_decay")
      takes = {"decay-steps", "alpha"};
    else if (schedule == "warmup_cosine_decay")
      takes = {"warmup-steps", "decay-steps", "warmup-learning-rate",
               "end-learning-rate"};
    else if (schedule == "linear")
      takes = {"transition-steps", "end-learning-rate", "transition-begin"};
    if (!takes) {
      func.emitError() << "nn-train-step: unknown schedule '" << schedule
                       << "' (constant, exponential_decay, cosine_decay, "
                          "warmup_cosine_decay or linear)";
      return failure();
    }
    std::pair<StringRef, bool> given[] = {
        {"decay-steps", decaySteps.hasValue()},
        {"alpha", alpha.hasValue()},
        {"warmup-steps", warmupSteps.hasValue()},
        {"warmup-learning-rate", warmupLearningRate.hasValue()},
        {"end-learning-rate", endLearningRate.hasValue()},
        {"transition-steps", transitionSteps.hasValue()},
        {"transition-begin", transitionBegin.hasValue()},
        {"decay-rate", decayRate.hasValue()},
        {"staircase", staircase.hasValue()},
    };
    for (auto [option, isGiven] : given) {
      if (!isGiven || llvm::is_contained(*takes, option))
        continue;
      InFlightDiagnostic error =
          func.emitError() << "nn-train-step: " << option
                           << " is not an option of schedule=" << schedule;
      if (takes->empty())
        error << " (a constant learning rate; give schedule=... for a "
                 "schedule)";
      else
        error << " (it takes " << llvm::join(*takes, ", ") << ")";
      return failure();
    }
    auto needs = [&]() -> InFlightDiagnostic {
      return func.emitError()
             << "nn-train-step: schedule=" << schedule << " needs ";
    };
    // Optax falls back to a constant schedule for transition_steps <= 0 or
    // decay_rate = 0 (with a log line) and to 0 for a negative begin:
    // here they are errors, as nonsense is.
    if (schedule == "exponential_decay" || schedule == "linear") {
      if (transitionSteps <= 0)
        return needs() << "transition-steps > 0 (the steps of one "
                          "transition), got "
                       << int64_t(transitionSteps);
      if (transitionBegin < 0)
        return needs() << "transition-begin >= 0, got "
                       << int64_t(transitionBegin);
    }
    if (schedule == "exponential_decay" && !(decayRate > 0.0))
      return needs() << "decay-rate > 0 (the factor per transition-steps), "
                        "got "
                     << shortest(decayRate);
    if (schedule == "linear" && !endLearningRate.hasValue())
      return needs() << "end-learning-rate (the rate after transition-steps)";
    if (schedule == "cosine_decay" && decaySteps <= 0)
      return needs() << "decay-steps > 0 (the step at which the decay ends), "
                        "got "
                     << int64_t(decaySteps);
    if (schedule == "warmup_cosine_decay") {
      if (warmupSteps < 0)
        return needs() << "warmup-steps >= 0, got " << int64_t(warmupSteps);
      if (decaySteps <= warmupSteps)
        return needs() << "decay-steps > warmup-steps (decay-steps counts "
                          "the warmup too), got decay-steps="
                       << int64_t(decaySteps)
                       << " and warmup-steps=" << int64_t(warmupSteps);
    }
    return success();
  }

  /// The learning rate at `count` (the updates already applied, i32):
  /// Optax's schedule functions, computed in f64 and rounded to f32 once.
  Value buildLearningRate(OpBuilder &b, Location loc, Value count) {
    auto lrType = RankedTensorType::get({}, b.getF32Type());
    if (schedule == "constant")
      return arith::ConstantOp::create(
          b, loc,
          DenseElementsAttr::get(lrType, b.getF32FloatAttr(learningRate)));
    Type f64 = b.getF64Type();
    auto k = [&](double v) -> Value {
      return arith::ConstantOp::create(b, loc, b.getF64FloatAttr(v));
    };
    auto add = [&](Value x, Value y) -> Value {
      return arith::AddFOp::create(b, loc, x, y);
    };
    auto sub = [&](Value x, Value y) -> Value {
      return arith::SubFOp::create(b, loc, x, y);
    };
    auto mul = [&](Value x, Value y) -> Value {
      return arith::MulFOp::create(b, loc, x, y);
    };
    auto div = [&](Value x, Value y) -> Value {
      return arith::DivFOp::create(b, loc, x, y);
    };
    auto min = [&](Value x, Value y) -> Value {
      return arith::MinimumFOp::create(b, loc, x, y);
    };
    auto max = [&](Value x, Value y) -> Value {
      return arith::MaximumFOp::create(b, loc, x, y);
    };
    auto select = [&](arith::CmpFPredicate predicate, Value x, Value y,
                      Value ifTrue, Value ifFalse) -> Value {
      return arith::SelectOp::create(
          b, loc, arith::CmpFOp::create(b, loc, predicate, x, y), ifTrue,
          ifFalse);
    };
    // optax.cosine_decay_schedule(init, steps, alpha)(c).
    auto cosineDecay = [&](double init, double steps, double a, Value c) {
      Value t = min(c, k(steps));
      Value cosine =
          mul(k(0.5), add(k(1.0), math::CosOp::create(
                                      b, loc, div(mul(k(M_PI), t), k(steps)))));
      return mul(k(init), add(mul(k(1.0 - a), cosine), k(a)));
    };
    // optax.linear_schedule(init, end, steps, begin)(c).
    auto linear = [&](double init, double end, double steps, double begin,
                      Value c) {
      Value t = min(max(sub(c, k(begin)), k(0.0)), k(steps));
      Value fraction = sub(k(1.0), div(t, k(steps)));
      return add(mul(k(init - end), fraction), k(end));
    };

    Value c = arith::SIToFPOp::create(
        b, loc, f64, tensor::ExtractOp::create(b, loc, count, ValueRange{}));
    Value rate;
    if (schedule == "exponential_decay") {
      // init * rate^p, p = (c - begin) / steps (floored with staircase);
      // init until c > begin; clipped at end_value when given.
      Value elapsed = sub(c, k(transitionBegin));
      Value p = div(elapsed, k(transitionSteps));
      if (staircase)
        p = math::FloorOp::create(b, loc, p);
      Value decayed =
          mul(k(learningRate), math::PowFOp::create(b, loc, k(decayRate), p));
      rate = select(arith::CmpFPredicate::OLE, elapsed, k(0.0), k(learningRate),
                    decayed);
      if (endLearningRate.hasValue())
        rate = decayRate < 1.0 ? max(rate, k(endLearningRate))
                               : min(rate, k(endLearningRate));
    } else if (schedule == "cosine_decay") {
      rate = cosineDecay(learningRate, decaySteps, alpha, c);
    } else if (schedule == "linear") {
      rate = linear(learningRate, endLearningRate, transitionSteps,
                    transitionBegin, c);
    } else {
      // warmup_cosine_decay: Optax joins a linear warmup (a constant for
      // warmup_steps = 0) and a cosine decay from the peak over the steps
      // left, with alpha = end / peak, at the boundary warmup_steps.
      double peak = learningRate;
      double a = peak == 0.0 ? 0.0 : endLearningRate / peak;
      Value warm = warmupSteps > 0
                       ? linear(warmupLearningRate, peak, warmupSteps, 0.0, c)
                       : k(warmupLearningRate);
      Value decay = cosineDecay(peak, decaySteps - warmupSteps, a,
                                sub(c, k(warmupSteps)));
      rate = select(arith::CmpFPredicate::OLT, c, k(warmupSteps), warm, decay);
    }
    Value rate32 = arith::TruncFOp::create(b, loc, b.getF32Type(), rate);
    return tensor::FromElementsOp::create(b, loc, lrType, rate32);
  }

  /// optax.clip_by_global_norm(clip-global-norm) of `grads`: the squares
  /// summed in f64, the norm rounded to f32 once, then Optax's
  /// `select(g_norm < max_norm, g, (g / g_norm) * max_norm)` per element in
  /// f32 (a gradient under the norm is unchanged, bit for bit).
  SmallVector<Value> clipByGlobalNorm(OpBuilder &b, Location loc,
                                      ValueRange grads) {
    Type f32 = b.getF32Type(), f64 = b.getF64Type();
    Value total = arith::ConstantOp::create(b, loc, b.getF64FloatAttr(0.0));
    for (Value g : grads) {
      auto type = cast<RankedTensorType>(g.getType());
      Value squares;
      if (type.getRank() == 0) {
        // (A generic without loops that reads its output is what
        // elementwise fusion mistreats.)
        Value x = arith::ExtFOp::create(
            b, loc, f64,
            tensor::ExtractOp::create(b, loc, g, ValueRange{}).getResult());
        squares = arith::MulFOp::create(b, loc, x, x);
      } else {
        auto scalar = RankedTensorType::get({}, f64);
        Value init =
            linalg::FillOp::create(b, loc,
                                   ValueRange{arith::ConstantOp::create(
                                       b, loc, b.getF64FloatAttr(0.0))},
                                   ValueRange{tensor::EmptyOp::create(
                                       b, loc, ArrayRef<int64_t>{}, f64)})
                .getResult(0);
        SmallVector<AffineMap> maps = {
            b.getMultiDimIdentityMap(type.getRank()),
            AffineMap::get(type.getRank(), 0, b.getContext())};
        SmallVector<utils::IteratorType> reduction(
            type.getRank(), utils::IteratorType::reduction);
        Value sum =
            linalg::GenericOp::create(
                b, loc, scalar, ValueRange{g}, ValueRange{init}, maps,
                reduction,
                [&](OpBuilder &nb, Location l, ValueRange args) {
                  Value x = arith::ExtFOp::create(nb, l, f64, args[0]);
                  Value square = arith::MulFOp::create(nb, l, x, x);
                  linalg::YieldOp::create(nb, l,
                                          ValueRange{arith::AddFOp::create(
                                              nb, l, args[1], square)});
                })
                .getResult(0);
        squares = tensor::ExtractOp::create(b, loc, sum, ValueRange{});
      }
      total = arith::AddFOp::create(b, loc, total, squares);
    }
    Value norm = arith::TruncFOp::create(b, loc, f32,
                                         math::SqrtOp::create(b, loc, total));
    Value maxNorm =
        arith::ConstantOp::create(b, loc, b.getF32FloatAttr(clipGlobalNorm));
    Value under =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, norm, maxNorm);
    return llvm::map_to_vector(grads, [&](Value g) {
      return buildElementwise(
          b, loc, cast<RankedTensorType>(g.getType()), ValueRange{g},
          [&](OpBuilder &nb, Location l, ValueRange args) {
            Value scaled = arith::MulFOp::create(
                nb, l, arith::DivFOp::create(nb, l, args[0], norm), maxNorm);
            return arith::SelectOp::create(nb, l, under, args[0], scaled)
                .getResult();
          });
    });
  }

  /// The count after one more update, stuck at the type's maximum (Optax's
  /// safe_increment, as nn.adam_update's new_step).
  Value incrementCount(OpBuilder &b, Location loc, Value count) {
    auto type = cast<RankedTensorType>(count.getType());
    Value c = tensor::ExtractOp::create(b, loc, count, ValueRange{});
    Value largest = arith::ConstantOp::create(
        b, loc,
        b.getIntegerAttr(type.getElementType(),
                         APInt::getSignedMaxValue(
                             type.getElementType().getIntOrFloatBitWidth())));
    Value next = arith::AddIOp::create(
        b, loc, c,
        arith::ConstantOp::create(b, loc,
                                  b.getIntegerAttr(type.getElementType(), 1)));
    Value below =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, c, largest);
    return tensor::FromElementsOp::create(
        b, loc, type,
        ValueRange{arith::SelectOp::create(b, loc, below, next, c)});
  }

  /// Turns `step`, returning (loss, aux..., grads...), into the train step:
  /// optimizer state arguments appended, results (params'...,
  /// layer state'..., optimizer state'..., loss, the other aux...).
  void applyOptimizer(func::FuncOp step, func::FuncOp loss,
                      ArrayRef<unsigned> params,
                      ArrayRef<StateUpdate> layerState) {
    unsigned numResults = loss.getNumResults();
    Location loc = step.getLoc();
    MLIRContext *ctx = &getContext();
    Block &body = step.getBody().front();
    Operation *ret = body.getTerminator();
    OpBuilder b(ret);
    auto addArgument = [&](Type type, StringRef name) {
      unsigned position = step.getNumArguments();
      (void)step.insertArgument(position, type, {}, loc);
      step.setArgAttr(position, "nn.name", StringAttr::get(ctx, name));
      return step.getArgument(position);
    };
    auto paramName = [&](unsigned i) -> std::string {
      if (auto name = step.getArgAttrOfType<StringAttr>(i, "nn.name"))
        return name.getValue().str();
      return "arg" + std::to_string(i);
    };
    bool adam = optimizer != "sgd";
    bool withBuffer = !adam && momentum != 0.0;
    // A schedule reads the count; SGD keeps one only for it (Optax's
    // scale_by_schedule state).
    bool counted = adam || schedule != "constant";
    // State arguments, per parameter, then the shared step count.
    // (Arguments and results list every first moment, then every second.)
    SmallVector<Value> first, second;
    for (unsigned i : params)
      if (adam || withBuffer)
        first.push_back(addArgument(step.getArgumentTypes()[i],
                                    paramName(i) +
                                        (adam ? ".m" : ".momentum")));
    if (adam)
      for (unsigned i : params)
        second.push_back(
            addArgument(step.getArgumentTypes()[i], paramName(i) + ".v"));
    auto countType = RankedTensorType::get({}, b.getI32Type());
    Value count = counted ? addArgument(countType, "step") : Value();
    // Optax's count: the updates applied before this one.
    Value lr = buildLearningRate(b, loc, count);

    SmallVector<Value> newParams, newState;
    SmallVector<Value> newSecond;
    Value newCount = counted && !adam ? incrementCount(b, loc, count) : Value();
    SmallVector<Value> grads(ret->getOperands().drop_front(numResults));
    if (clipGlobalNorm > 0.0)
      grads = clipByGlobalNorm(b, loc, grads);
    for (auto [k, i] : llvm::enumerate(params)) {
      Value param = step.getArgument(i);
      Value grad = grads[k];
      OperationState state(loc, adam ? (optimizer == "adam"
                                            ? AdamUpdateOp::getOperationName()
                                            : AdamWUpdateOp::getOperationName())
                                     : SgdUpdateOp::getOperationName());
      if (adam) {
        state.addOperands({param, grad, first[k], second[k], count, lr});
        state.addTypes({param.getType(), param.getType(), param.getType(),
                        countType});
        state.addAttribute("beta1", b.getF64FloatAttr(beta1));
        state.addAttribute("beta2", b.getF64FloatAttr(beta2));
        state.addAttribute("epsilon", b.getF64FloatAttr(epsilon));
        if (optimizer == "adamw")
          state.addAttribute("weight_decay", b.getF64FloatAttr(weightDecay));
      } else {
        state.addOperands({param, grad});
        state.addTypes(param.getType());
        if (withBuffer) {
          state.addOperands(first[k]);
          state.addTypes(param.getType());
        }
        state.addOperands(lr);
        if (withBuffer)
          state.addAttribute("momentum", b.getF64FloatAttr(momentum));
        if (nesterov)
          state.addAttribute("nesterov", b.getUnitAttr());
      }
      if (keras)
        state.addAttribute("keras", b.getUnitAttr());
      Operation *update = b.create(state);
      newParams.push_back(update->getResult(0));
      if (adam) {
        newState.push_back(update->getResult(1));
        newSecond.push_back(update->getResult(2));
        // Every update computes the same count; the first one's is kept.
        if (!newCount)
          newCount = update->getResult(3);
      } else if (withBuffer) {
        newState.push_back(update->getResult(1));
      }
    }
    // (params'..., layer state'..., m'... or buffers'..., v'..., step',
    // loss, aux...), the updated values named as the arguments they
    // replace.
    SmallVector<Value> stepResults(newParams);
    for (const StateUpdate &update : layerState)
      stepResults.push_back(ret->getOperand(update.result));
    llvm::append_range(stepResults, newState);
    llvm::append_range(stepResults, newSecond);
    if (newCount)
      stepResults.push_back(newCount);
    unsigned numUpdated = stepResults.size();
    SmallVector<DictionaryAttr> passedAttrs;
    for (unsigned r = 0; r < numResults; ++r)
      if (llvm::none_of(layerState, [&](const StateUpdate &update) {
            return update.result == r;
          })) {
        stepResults.push_back(ret->getOperand(r));
        passedAttrs.push_back(loss.getResultAttrDict(r));
      }
    SmallVector<Value> replaced = llvm::map_to_vector(
        params, [&](unsigned i) { return Value(step.getArgument(i)); });
    for (const StateUpdate &update : layerState)
      replaced.push_back(step.getArgument(update.argument));
    llvm::append_range(replaced, first);
    llvm::append_range(replaced, second);
    if (count)
      replaced.push_back(count);
    setResults(step, stepResults);
    // The loss and the aux results keep their names.
    for (auto [k, attrs] : llvm::enumerate(passedAttrs))
      if (attrs)
        step.setResultAttrs(numUpdated + k, attrs);
    for (unsigned r = 0; r < numUpdated; ++r) {
      auto arg = cast<BlockArgument>(replaced[r]);
      if (auto name =
              step.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "nn.name"))
        step.setResultAttr(r, "nn.name", name);
      // The old value is dead once the step has read it: the caller donates
      // its buffer, which then holds the new value.
      if (donate)
        step.setResultAttr(r, kDonatedFromAttrName,
                           b.getI64IntegerAttr(arg.getArgNumber()));
    }
  }
};

} // namespace
