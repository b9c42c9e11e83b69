//===- Trainer.cpp - a training loop over compiled train steps ------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Train/Trainer.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <chrono>
#include <cstring>

using namespace nn;
using namespace nn::jit;
using namespace nn::train;

namespace {

llvm::Error error(const llvm::Twine &message) {
  return llvm::createStringError(message.str());
}

/// What the train step's caller supplies for one argument of the loss.
enum class Role { Param, Batch, ExampleMask, Key };

TensorType scalarType(DType dtype) {
  TensorType type;
  type.dtype = dtype;
  return type;
}

TensorType keyType() {
  TensorType type;
  type.shape = {2};
  type.dtype = DType::U32;
  return type;
}

HostTensor scalarI32(int32_t value) {
  HostTensor tensor(scalarType(DType::I32));
  *tensor.dataAs<int32_t>() = value;
  return tensor;
}

/// `value` as the user wrote it (0.25, 1.5): the shortest round trip.
std::string exactText(double value) {
  return llvm::formatv("{0}", llvm::format("%g", value)).str();
}

size_t rowBytes(const TensorType &type) {
  int64_t elements = 1;
  for (int64_t size : llvm::ArrayRef(type.shape).drop_front())
    elements *= size;
  return elements * dtypeSize(type.dtype);
}

/// The key schedule's helpers, compiled once per run (n: training examples).
std::string keyScheduleModule(int64_t n) {
  std::string order = "tensor<" + std::to_string(n) + "xi32>";
  return R"mlir(
func.func @derive_keys(%root: !nn.key) -> (!nn.key, !nn.key, !nn.key) {
  %ks = nn.rng.split %root : !nn.key -> tensor<3x!nn.key>
  %init = nn.rng.key_at %ks[0] : tensor<3x!nn.key>
  %shuffle = nn.rng.key_at %ks[1] : tensor<3x!nn.key>
  %dropout = nn.rng.key_at %ks[2] : tensor<3x!nn.key>
  return %init, %shuffle, %dropout : !nn.key, !nn.key, !nn.key
}
func.func @fold_in(%key: !nn.key, %data: tensor<i32>) -> !nn.key {
  %k = nn.rng.fold_in %key, %data : tensor<i32>
  return %k : !nn.key
}
func.func @epoch_order(%key: !nn.key, %epoch: tensor<i32>) -> )mlir" +
         order + R"mlir( {
  %k = nn.rng.fold_in %key, %epoch : tensor<i32>
  %order = nn.rng.permutation %k : )mlir" +
         order + R"mlir(
  return %order : )mlir" + order + "\n}\n";
}

/// One data set (training or validation), its arrays in the order of the
/// loss's batch arguments.
struct DataSet {
  llvm::SmallVector<const HostTensor *> arrays;
  int64_t examples = 0;
};

} // namespace

/// The names of the loss's layer state: arguments that an auxiliary
/// result of the same name updates (nn-train-step's rule).
static llvm::StringSet<> layerStateNames(const FunctionSignature &loss) {
  llvm::StringSet<> arguments, state;
  for (const ValueInfo &arg : loss.arguments)
    if (!arg.name.empty())
      arguments.insert(arg.name);
  for (const ValueInfo &result : llvm::drop_begin(loss.results))
    if (arguments.contains(result.name))
      state.insert(result.name);
  return state;
}

/// A buffer of `type` in `into`; an error, not an abort, when the memory
/// is not there.
static llvm::Error allocate(HostTensor &into, const TensorType &type) {
  auto tensor = HostTensor::create(type);
  if (!tensor)
    return tensor.takeError();
  into = std::move(*tensor);
  return llvm::Error::success();
}

struct Trainer::Impl {
  TrainerOptions options;
  std::unique_ptr<Session> trainSession, evalSession, keySession;
  const CompiledFunction *step = nullptr, *eval = nullptr;
  const CompiledFunction *deriveKeys = nullptr, *foldIn = nullptr,
                         *epochOrder = nullptr;
  FunctionSignature stepSignature, lossSignature;

  // Per argument of the loss.
  llvm::SmallVector<Role> roles;
  llvm::SmallVector<unsigned> slot; // index into params / batch arrays
  llvm::SmallVector<std::string> paramNames, stateNames;
  // std::vector: swapping two is three pointer swaps.
  std::vector<HostTensor> params, nextParams, state, nextState;
  /// The step updates params and state in place (nn-train-step's donation).
  bool donated = false;
  llvm::SmallVector<std::string> batchNames;
  llvm::SmallVector<HostTensor> batchBuffers;
  std::optional<HostTensor> exampleMask;
  HostTensor stepKey = HostTensor(keyType());
  llvm::SmallVector<HostTensor> outputs; // loss, aux...
  /// The validation loss's results, allocated by the first evaluation.
  llvm::SmallVector<HostTensor> evalResults;
  llvm::SmallVector<BufferRef> evalResultRefs;
  /// A step's buffers, refilled every step without reallocating (the
  /// params change buffers between steps unless donated).
  llvm::SmallVector<BufferRef> stepArguments, stepResults;
  int64_t batchSize = 0;
  std::optional<unsigned> labelsSlot; // a batch array
  /// The loss result validation's accuracy reads (f32 [batch, classes]
  /// scores: the first aux result that is not layer state), if there is
  /// one and a labels array.
  std::optional<size_t> scoresResult;

  NamedTensors trainArrays;
  std::optional<NamedTensors> validationArrays;
  DataSet train, validation;

  HostTensor rootKey = HostTensor(keyType()), initKey = HostTensor(keyType()),
             shuffleKey = HostTensor(keyType()),
             dropoutKey = HostTensor(keyType());
  int64_t epoch = 0, globalStep = 0;
  bool paramsSet = false;
  /// nn-train-step's options (optimizer, learning rate, schedule,
  /// clipping), saved with a checkpoint so that a resumed run cannot
  /// silently continue with another optimizer configuration.
  std::string trainStepOptions;
  std::vector<std::string> diagnostics;

  void collect(Session &session) {
    for (CompileDiagnostic &d : session.takeDiagnostics())
      diagnostics.push_back(std::move(d.rendered));
  }

  unsigned threads() const { return options.session.threads; }

  llvm::Error bindData(NamedTensors &arrays, DataSet &set, llvm::StringRef what);
  llvm::Error classifyArguments();
  llvm::Error fillBatch(const DataSet &set, llvm::ArrayRef<int32_t> rows);
  /// Appends the loss's arguments (params, batch, mask, key) to `out`.
  void appendLossArguments(llvm::SmallVectorImpl<BufferRef> &out);
  void resetState();
  llvm::Error evaluate(double &loss, std::optional<double> &accuracy);
};

Trainer::Trainer(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
Trainer::~Trainer() = default;

llvm::Error Trainer::Impl::classifyArguments() {
  size_t numLossArgs = lossSignature.arguments.size();
  size_t numState = stepSignature.arguments.size() - numLossArgs;
  // The step returns (params'..., layer state'..., optimizer state'...,
  // loss, the other aux...): layer state is kept, checkpointed and saved
  // with the params (as Keras saves non-trainable weights).
  llvm::StringSet<> layerState = layerStateNames(lossSignature);
  size_t numLayerState = layerState.size();
  size_t numParams = stepSignature.results.size() - numState -
                     (lossSignature.results.size() - numLayerState);
  llvm::StringMap<unsigned> paramByName;
  for (size_t i = 0; i < numParams; ++i)
    paramByName[stepSignature.results[i].name] = i;
  paramNames.resize(numParams);
  params.resize(numParams);

  llvm::StringMap<unsigned> arrayByName;
  for (auto [index, named] : llvm::enumerate(trainArrays))
    arrayByName[named.first] = index;

  for (auto [index, arg] : llvm::enumerate(lossSignature.arguments)) {
    auto param = paramByName.find(arg.name);
    if (!arg.name.empty() && param != paramByName.end()) {
      roles.push_back(Role::Param);
      slot.push_back(param->second);
      paramNames[param->second] = arg.name;
      if (llvm::Error err = allocate(params[param->second], arg.type))
        return err;
      continue;
    }
    if (arg.isKey) {
      if (arg.type.shape.size() != 1)
        return error(llvm::formatv("@{0}: argument {1} is a key array; the "
                                   "trainer passes one key per step",
                                   options.lossFunction, index));
      roles.push_back(Role::Key);
      slot.push_back(0);
      continue;
    }
    if (arg.type.shape.empty())
      return error(llvm::formatv(
          "@{0}: argument {1}{2} ({3}) is neither a parameter nor a batch "
          "of examples (arrays of the training data have a leading batch "
          "dimension)",
          options.lossFunction, index,
          arg.name.empty() ? "" : " ('" + arg.name + "')", arg.type.str()));
    int64_t rows = arg.type.shape.front();
    if (batchSize && rows != batchSize)
      return error(llvm::formatv(
          "@{0}: argument {1} ({2}) has {3} rows, the batch arguments before "
          "it {4}: every batch argument has the batch size as its first "
          "dimension",
          options.lossFunction, index, arg.type.str(), rows, batchSize));
    batchSize = rows;
    if (arrayByName.count(arg.name)) {
      roles.push_back(Role::Batch);
      slot.push_back(batchNames.size());
      batchNames.push_back(arg.name);
      if (llvm::Error err = allocate(batchBuffers.emplace_back(), arg.type))
        return err;
      if (arg.name == options.labels && arg.type.shape.size() == 1 &&
          arg.type.dtype == DType::I32)
        labelsSlot = batchBuffers.size() - 1;
      continue;
    }
    if (arg.type.dtype == DType::Bool && arg.type.shape.size() == 1 &&
        !exampleMask) {
      roles.push_back(Role::ExampleMask);
      slot.push_back(0);
      if (llvm::Error err = allocate(exampleMask.emplace(), arg.type))
        return err;
      continue;
    }
    llvm::SmallVector<std::string> names;
    for (auto &named : trainArrays)
      names.push_back(named.first);
    return error(llvm::formatv(
        "@{0}: argument {1}{2} ({3}) is not a parameter, and the training "
        "data has no array of that name (it has [{4}]); name the argument "
        "(nn.name) after its array",
        options.lossFunction, index,
        arg.name.empty() ? "" : " ('" + arg.name + "')", arg.type.str(),
        llvm::join(names, ", ")));
  }
  for (auto [index, name] : llvm::enumerate(paramNames))
    if (name.empty())
      return error(llvm::formatv("@{0}_train_step: updated parameter {1} "
                                 "matches no argument of @{0}",
                                 options.lossFunction, index));
  if (batchNames.empty())
    return error("@" + options.lossFunction +
                 " takes no batch of examples: no argument is named after "
                 "an array of the training data");
  for (size_t i = numLossArgs; i < stepSignature.arguments.size(); ++i) {
    stateNames.push_back(stepSignature.arguments[i].name);
    if (llvm::Error err =
            allocate(state.emplace_back(), stepSignature.arguments[i].type))
      return err;
  }
  for (size_t i = numParams + numState; i < stepSignature.results.size(); ++i)
    if (llvm::Error err =
            allocate(outputs.emplace_back(), stepSignature.results[i].type))
      return err;
  // Validation's accuracy: the argmax of the first aux result that is not
  // layer state, if it holds [batch, classes] f32 scores and there are
  // labels.
  size_t firstAux = 1;
  while (firstAux < lossSignature.results.size() &&
         layerState.contains(lossSignature.results[firstAux].name))
    ++firstAux;
  if (labelsSlot && firstAux < lossSignature.results.size()) {
    const TensorType &type = lossSignature.results[firstAux].type;
    if (type.dtype == DType::F32 && type.shape.size() == 2 &&
        type.shape[0] == batchSize)
      scoresResult = firstAux;
  }
  donated = llvm::all_of(
      llvm::ArrayRef(stepSignature.results).take_front(numParams + numState),
      [](const ValueInfo &result) { return result.donatedFrom.has_value(); });
  // Without donation the updates need a second set of buffers.
  if (!donated) {
    for (const HostTensor &tensor : params)
      if (llvm::Error err = allocate(nextParams.emplace_back(), tensor.getType()))
        return err;
    for (const HostTensor &tensor : state)
      if (llvm::Error err = allocate(nextState.emplace_back(), tensor.getType()))
        return err;
  }
  return llvm::Error::success();
}

llvm::Error Trainer::Impl::bindData(NamedTensors &arrays, DataSet &set,
                                    llvm::StringRef what) {
  llvm::StringMap<const HostTensor *> byName;
  for (auto &[name, tensor] : arrays)
    byName[name] = &tensor;
  for (auto [index, name] : llvm::enumerate(batchNames)) {
    const HostTensor *array = byName.lookup(name);
    if (!array)
      return error(llvm::formatv("the {0} data has no array '{1}'", what,
                                 name));
    const TensorType &want = batchBuffers[index].getType();
    const TensorType &got = array->getType();
    bool sameRow = got.shape.size() == want.shape.size() &&
                   llvm::equal(llvm::ArrayRef(got.shape).drop_front(),
                               llvm::ArrayRef(want.shape).drop_front());
    if (got.dtype != want.dtype || !sameRow)
      return error(llvm::formatv(
          "{0} array '{1}' is {2}; @{3} takes batches of it as {4} (the "
          "same element type and the same shape after the first dimension)",
          what, name, got.str(), options.lossFunction, want.str()));
    int64_t examples = got.shape.front();
    if (index > 0 && examples != set.examples)
      return error(llvm::formatv("{0} array '{1}' has {2} examples, '{3}' {4}",
                                 what, name, examples, batchNames.front(),
                                 set.examples));
    set.examples = examples;
    set.arrays.push_back(array);
  }
  if (set.examples == 0)
    return error(llvm::formatv("the {0} data has no examples", what));
  if (set.examples % batchSize != 0 && !exampleMask)
    return error(llvm::formatv(
        "the {0} data has {1} examples, not a multiple of the batch size "
        "{2}, and @{3} has no example mask (a tensor<{2}xi1> argument, "
        "given to its loss op as the mask) for the padded last batch",
        what, set.examples, batchSize, options.lossFunction));
  for (auto &[name, tensor] : arrays)
    if (!llvm::is_contained(batchNames, name))
      diagnostics.push_back(llvm::formatv("warning: {0} array '{1}' is not "
                                          "an argument of @{2}; ignored\n",
                                          what, name, options.lossFunction)
                                .str());
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<Trainer>>
Trainer::create(llvm::StringRef modelPath, const TrainerOptions &options,
                NamedTensors train, std::optional<NamedTensors> validation) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->trainArrays = std::move(train);
  impl->validationArrays = std::move(validation);
  const OptimizerOptions &opt = options.optimizer;
  if (opt.name != "sgd" && opt.name != "adam" && opt.name != "adamw")
    return error("unknown optimizer '" + opt.name + "' (sgd, adam or adamw)");

  // The loss's own signature: its float arguments not named after a data
  // array are the params (nn-train-step's wrt).
  SessionOptions evalOptions = options.session;
  evalOptions.training = false;
  evalOptions.pipeline = getDefaultPipeline(evalOptions.codegenTarget);
  evalOptions.preparePipeline.clear();
  auto evalSession = Session::createFromFile(modelPath, evalOptions);
  if (!evalSession)
    return evalSession.takeError();
  impl->evalSession = std::move(*evalSession);
  auto lossSignature = impl->evalSession->getSignature(options.lossFunction);
  if (!lossSignature)
    return lossSignature.takeError();
  impl->lossSignature = std::move(*lossSignature);
  llvm::StringSet<> arrayNames;
  for (auto &named : impl->trainArrays)
    arrayNames.insert(named.first);
  // Layer state (an argument a result of the same name updates) is not a
  // param: nn-train-step threads it through.
  llvm::StringSet<> stateNames = layerStateNames(impl->lossSignature);
  llvm::SmallVector<std::string> wrt;
  for (auto [index, arg] : llvm::enumerate(impl->lossSignature.arguments))
    if (!arg.isKey && arg.type.dtype == DType::F32 &&
        !arrayNames.contains(arg.name) && !stateNames.contains(arg.name))
      wrt.push_back(std::to_string(index));
  if (wrt.empty())
    return error("@" + options.lossFunction +
                 " has no params: every float argument is named after an "
                 "array of the training data");

  SessionOptions trainOptions = options.session;
  trainOptions.training = true;
  trainOptions.pipeline = getTrainingPipeline(trainOptions.codegenTarget);
  std::string stepOptions =
      llvm::formatv("function={0} wrt={1} optimizer={2} learning-rate={3:e9} "
                    "momentum={4:e9} nesterov={5} beta1={6:e9} beta2={7:e9} "
                    "epsilon={8:e9} weight-decay={9:e9} keras={10} "
                    "schedule={11} clip-global-norm={12:e9} remat={13}",
                    options.lossFunction, llvm::join(wrt, ","), opt.name,
                    opt.learningRate, opt.momentum, opt.nesterov, opt.beta1,
                    opt.beta2, opt.epsilon, opt.weightDecay, opt.keras,
                    opt.schedule, opt.clipGlobalNorm, opt.remat)
          .str();
  // Only the schedule parameters given: the pass rejects those its schedule
  // does not take.
  auto addInteger = [&](llvm::StringRef name,
                        const std::optional<int64_t> &value) {
    if (value)
      stepOptions += llvm::formatv(" {0}={1}", name, *value).str();
  };
  auto addFloat = [&](llvm::StringRef name,
                      const std::optional<double> &value) {
    if (value)
      stepOptions += llvm::formatv(" {0}={1:e9}", name, *value).str();
  };
  addInteger("decay-steps", opt.decaySteps);
  addInteger("warmup-steps", opt.warmupSteps);
  addInteger("transition-steps", opt.transitionSteps);
  addInteger("transition-begin", opt.transitionBegin);
  addFloat("alpha", opt.alpha);
  addFloat("warmup-learning-rate", opt.warmupLearningRate);
  addFloat("end-learning-rate", opt.endLearningRate);
  addFloat("decay-rate", opt.decayRate);
  if (opt.staircase)
    stepOptions += llvm::formatv(" staircase={0}", *opt.staircase).str();
  trainOptions.preparePipeline =
      "builtin.module(nn-train-step{" + stepOptions + "})";
  impl->trainStepOptions = stepOptions;
  auto trainSession = Session::createFromFile(modelPath, trainOptions);
  if (!trainSession)
    return trainSession.takeError();
  impl->trainSession = std::move(*trainSession);
  impl->collect(*impl->trainSession);
  std::string stepName = options.lossFunction + "_train_step";
  auto stepSignature = impl->trainSession->getSignature(stepName);
  if (!stepSignature)
    return stepSignature.takeError();
  impl->stepSignature = std::move(*stepSignature);
  if (llvm::Error err = impl->classifyArguments())
    return std::move(err);
  if (llvm::Error err = impl->bindData(impl->trainArrays, impl->train,
                                       "training"))
    return std::move(err);
  if (impl->validationArrays)
    if (llvm::Error err = impl->bindData(*impl->validationArrays,
                                         impl->validation, "validation"))
      return std::move(err);

  auto step = impl->trainSession->lookup(stepName);
  impl->collect(*impl->trainSession);
  if (!step)
    return step.takeError();
  impl->step = &*step;

  if (impl->validationArrays) {
    // Validation runs the loss in inference mode: dropout is the identity.
    auto eval = impl->evalSession->lookup(options.lossFunction);
    // Its dropout remark says what inference mode means; here it is the
    // point of validation, not news.
    impl->evalSession->takeDiagnostics();
    if (!eval)
      return eval.takeError();
    impl->eval = &*eval;
  }

  SessionOptions keyOptions = options.session;
  keyOptions.training = false;
  keyOptions.pipeline = getDefaultPipeline(keyOptions.codegenTarget);
  keyOptions.preparePipeline.clear();
  auto keySession = Session::createFromString(
      keyScheduleModule(impl->train.examples), keyOptions);
  if (!keySession)
    return keySession.takeError();
  impl->keySession = std::move(*keySession);
  for (auto [name, fn] :
       {std::pair{"derive_keys", &impl->deriveKeys},
        std::pair{"fold_in", &impl->foldIn},
        std::pair{"epoch_order", &impl->epochOrder}}) {
    auto compiled = impl->keySession->lookup(name);
    if (!compiled)
      return compiled.takeError();
    *fn = &*compiled;
  }
  impl->collect(*impl->keySession);

  // jax.random.PRNGKey(seed), split into the init, shuffle and dropout keys.
  auto *words = impl->rootKey.dataAs<uint32_t>();
  uint64_t bits = static_cast<uint64_t>(options.seed);
  words[0] = static_cast<uint32_t>(bits >> 32);
  words[1] = static_cast<uint32_t>(bits);
  if (llvm::Error err = impl->deriveKeys->call(
          {impl->rootKey.ref()},
          {impl->initKey.ref(), impl->shuffleKey.ref(),
           impl->dropoutKey.ref()},
          1))
    return std::move(err);
  impl->resetState();
  return std::unique_ptr<Trainer>(new Trainer(std::move(impl)));
}

void Trainer::Impl::resetState() {
  // Zero moments, momentum buffers and step count: PyTorch's and Optax's
  // initial optimizer state.
  for (HostTensor &tensor : state)
    std::memset(tensor.data(), 0, tensor.sizeInBytes());
  epoch = 0;
  globalStep = 0;
}

llvm::Error Trainer::initializeParams(llvm::StringRef initFunction) {
  Impl &s = *impl;
  auto signature = s.trainSession->getSignature(initFunction);
  if (!signature)
    return signature.takeError();
  if (signature->arguments.size() != 1 || !signature->arguments[0].isKey ||
      signature->arguments[0].type.shape.size() != 1)
    return error("init function @" + initFunction +
                 " must take one key (!nn.key) and return the params");
  if (signature->results.size() != s.params.size())
    return error(llvm::formatv("init function @{0} returns {1} values; @{2} "
                               "has {3} params",
                               initFunction, signature->results.size(),
                               s.options.lossFunction, s.params.size()));
  auto init = s.trainSession->lookup(initFunction);
  s.collect(*s.trainSession);
  if (!init)
    return init.takeError();
  NamedTensors values;
  llvm::SmallVector<BufferRef> results;
  bool named = llvm::all_of(signature->results,
                            [](const ValueInfo &v) { return !v.name.empty(); });
  for (auto [index, result] : llvm::enumerate(signature->results)) {
    auto tensor = HostTensor::create(result.type);
    if (!tensor)
      return tensor.takeError();
    values.emplace_back(named ? result.name : s.paramNames[index],
                        std::move(*tensor));
  }
  for (auto &value : values)
    results.push_back(value.second.ref());
  if (llvm::Error err = init->call({s.initKey.ref()}, results, s.threads()))
    return err;
  return setParams(std::move(values));
}

llvm::Error Trainer::setParams(NamedTensors values) {
  Impl &s = *impl;
  llvm::SmallVector<bool> given(s.params.size());
  for (auto &[name, tensor] : values) {
    auto *it = llvm::find(s.paramNames, name);
    if (it == s.paramNames.end())
      return error("'" + name + "' is not a parameter of @" +
                   s.options.lossFunction + " (its params: " +
                   llvm::join(s.paramNames, ", ") + ")");
    size_t index = it - s.paramNames.begin();
    if (!(tensor.getType() == s.params[index].getType()))
      return error(llvm::formatv("parameter '{0}' is {1}, expected {2}", name,
                                 tensor.getType().str(),
                                 s.params[index].getType().str()));
    std::memcpy(s.params[index].data(), tensor.data(), tensor.sizeInBytes());
    given[index] = true;
  }
  llvm::SmallVector<std::string> missing;
  for (auto [index, name] : llvm::enumerate(s.paramNames))
    if (!given[index])
      missing.push_back(name);
  if (!missing.empty())
    return error("no value for the parameters " + llvm::join(missing, ", "));
  s.resetState();
  s.paramsSet = true;
  return llvm::Error::success();
}

NamedTensors Trainer::getParams() const {
  NamedTensors result;
  for (auto [name, tensor] : llvm::zip(impl->paramNames, impl->params)) {
    HostTensor copy(tensor.getType());
    std::memcpy(copy.data(), tensor.data(), tensor.sizeInBytes());
    result.emplace_back(name, std::move(copy));
  }
  return result;
}

// Checkpoints: params as `param/<name>`, optimizer state as `state/<name>`,
// the position in the run (`trainer/epoch`, `trainer/step`, `trainer/seed`:
// with the seed these determine every later batch order and key) and the
// train step's options as text (`trainer/train_step`, uint8).
llvm::Error Trainer::saveCheckpoint(llvm::StringRef path) const {
  const Impl &s = *impl;
  std::vector<std::pair<std::string, const HostTensor *>> arrays;
  for (auto [name, tensor] : llvm::zip(s.paramNames, s.params))
    arrays.emplace_back("param/" + name, &tensor);
  for (auto [name, tensor] : llvm::zip(s.stateNames, s.state))
    arrays.emplace_back("state/" + name, &tensor);
  HostTensor epoch(scalarType(DType::I64)), step(scalarType(DType::I64)),
      seed(scalarType(DType::I64));
  *epoch.dataAs<int64_t>() = s.epoch;
  *step.dataAs<int64_t>() = s.globalStep;
  *seed.dataAs<int64_t>() = s.options.seed;
  arrays.emplace_back("trainer/epoch", &epoch);
  arrays.emplace_back("trainer/step", &step);
  arrays.emplace_back("trainer/seed", &seed);
  HostTensor config(TensorType{{int64_t(s.trainStepOptions.size())}, DType::U8});
  std::memcpy(config.data(), s.trainStepOptions.data(),
              s.trainStepOptions.size());
  arrays.emplace_back("trainer/train_step", &config);
  return writeNpz(path, arrays);
}

llvm::Error Trainer::loadCheckpoint(llvm::StringRef path) {
  Impl &s = *impl;
  auto arrays = readNpz(path);
  if (!arrays)
    return arrays.takeError();
  NamedTensors params;
  llvm::StringMap<HostTensor *> byName;
  for (auto &[name, tensor] : *arrays)
    byName[name] = &tensor;
  auto scalar = [&](llvm::StringRef name) -> llvm::Expected<int64_t> {
    HostTensor *t = byName.lookup(name);
    if (!t || !(t->getType() == scalarType(DType::I64)))
      return error("checkpoint '" + path + "' has no int64 scalar '" + name +
                   "'");
    return *t->dataAs<int64_t>();
  };
  auto epoch = scalar("trainer/epoch");
  if (!epoch)
    return epoch.takeError();
  auto step = scalar("trainer/step");
  if (!step)
    return step.takeError();
  auto seed = scalar("trainer/seed");
  if (!seed)
    return seed.takeError();
  if (*seed != s.options.seed)
    return error(llvm::formatv("checkpoint '{0}' continues a run with seed "
                               "{1}, not {2}: give --seed={1}",
                               path, *seed, s.options.seed));
  HostTensor *config = byName.lookup("trainer/train_step");
  if (!config || config->getType().dtype != DType::U8 ||
      config->getType().shape.size() != 1)
    return error("checkpoint '" + path +
                 "' does not say how it was trained (no uint8 array "
                 "'trainer/train_step')");
  std::string saved(config->dataAs<char>(), config->sizeInBytes());
  if (saved != s.trainStepOptions)
    return error(llvm::formatv("checkpoint '{0}' was trained with "
                               "nn-train-step{{{1}}, this run asks for "
                               "nn-train-step{{{2}}: give the same optimizer, "
                               "learning rate, schedule and clipping",
                               path, saved, s.trainStepOptions));
  for (auto &[name, tensor] : *arrays)
    if (llvm::StringRef(name).starts_with("param/"))
      params.emplace_back(name.substr(6), std::move(tensor));
  if (llvm::Error err = setParams(std::move(params)))
    return err;
  for (auto [name, tensor] : llvm::zip(s.stateNames, s.state)) {
    HostTensor *saved = byName.lookup("state/" + name);
    if (!saved || !(saved->getType() == tensor.getType()))
      return error(llvm::formatv("checkpoint '{0}' has no optimizer state "
                                 "'{1}' of type {2} (another optimizer?)",
                                 path, name, tensor.getType().str()));
    std::memcpy(tensor.data(), saved->data(), tensor.sizeInBytes());
  }
  s.epoch = *epoch;
  s.globalStep = *step;
  return llvm::Error::success();
}

llvm::Error Trainer::Impl::fillBatch(const DataSet &set,
                                     llvm::ArrayRef<int32_t> rows) {
  for (auto [buffer, array] : llvm::zip(batchBuffers, set.arrays)) {
    size_t bytes = rowBytes(buffer.getType());
    auto *to = static_cast<char *>(buffer.data());
    const auto *from = static_cast<const char *>(array->data());
    for (auto [r, row] : llvm::enumerate(rows))
      std::memcpy(to + r * bytes, from + size_t(row) * bytes, bytes);
    // Padding rows are zeros (masked out of the loss).
    std::memset(to + rows.size() * bytes, 0,
                (batchSize - rows.size()) * bytes);
  }
  if (exampleMask) {
    auto *mask = exampleMask->dataAs<uint8_t>();
    for (int64_t r = 0; r < batchSize; ++r)
      mask[r] = r < static_cast<int64_t>(rows.size());
  }
  return llvm::Error::success();
}

void Trainer::Impl::appendLossArguments(
    llvm::SmallVectorImpl<BufferRef> &arguments) {
  for (auto [role, index] : llvm::zip(roles, slot)) {
    switch (role) {
    case Role::Param:
      arguments.push_back(params[index].ref());
      break;
    case Role::Batch:
      arguments.push_back(batchBuffers[index].ref());
      break;
    case Role::ExampleMask:
      arguments.push_back(exampleMask->ref());
      break;
    case Role::Key:
      arguments.push_back(stepKey.ref());
      break;
    }
  }
}

llvm::Error Trainer::Impl::evaluate(double &loss,
                                    std::optional<double> &accuracy) {
  int64_t n = validation.examples;
  if (evalResults.empty()) {
    for (const ValueInfo &info : lossSignature.results)
      if (llvm::Error err = allocate(evalResults.emplace_back(), info.type)) {
        evalResults.clear();
        return err;
      }
    for (HostTensor &result : evalResults)
      evalResultRefs.push_back(result.ref());
  }
  // The buffers stay the same for every batch: params do not change here.
  llvm::SmallVector<BufferRef> arguments;
  appendLossArguments(arguments);
  // Any key: inference mode has no dropout left to use it.
  std::memcpy(stepKey.data(), dropoutKey.data(), stepKey.sizeInBytes());
  double lossSum = 0;
  int64_t correct = 0;
  std::vector<int32_t> rows;
  for (int64_t first = 0; first < n; first += batchSize) {
    rows.clear();
    for (int64_t r = first; r < std::min(n, first + batchSize); ++r)
      rows.push_back(static_cast<int32_t>(r));
    if (llvm::Error err = fillBatch(validation, rows))
      return err;
    if (llvm::Error err = eval->call(arguments, evalResultRefs, threads()))
      return err;
    lossSum += double(*evalResults[0].dataAs<float>()) * rows.size();
    if (!scoresResult)
      continue;
    const HostTensor &scores = evalResults[*scoresResult];
    int64_t classes = scores.getType().shape[1];
    const float *logits = scores.dataAs<float>();
    const int32_t *labels = batchBuffers[*labelsSlot].dataAs<int32_t>();
    for (size_t r = 0; r < rows.size(); ++r) {
      const float *row = logits + r * classes;
      int64_t best = std::max_element(row, row + classes) - row;
      correct += best == labels[r];
    }
  }
  loss = lossSum / n;
  if (scoresResult)
    accuracy = double(correct) / n;
  return llvm::Error::success();
}

llvm::Expected<EpochRecord> Trainer::runEpoch(
    const std::function<void(const StepRecord &, int64_t)> &onStep) {
  Impl &s = *impl;
  if (!s.paramsSet)
    return error("no params: initialize them (an init function or an "
                 ".npz) or resume from a checkpoint first");
  auto start = std::chrono::steady_clock::now();
  int64_t n = s.train.examples;
  HostTensor order(TensorType{{n}, DType::I32});
  HostTensor epochIndex = scalarI32(static_cast<int32_t>(s.epoch));
  if (llvm::Error err = s.epochOrder->call({s.shuffleKey.ref(), epochIndex.ref()},
                                           {order.ref()}, 1))
    return std::move(err);
  int64_t steps = getStepsPerEpoch();
  const int32_t *perm = order.dataAs<int32_t>();
  EpochRecord record;
  record.epoch = s.epoch;
  record.steps = steps;
  double lossSum = 0;
  HostTensor stepIndex = scalarI32(0);
  for (int64_t b = 0; b < steps; ++b) {
    int64_t first = b * s.batchSize;
    int64_t count = std::min(s.batchSize, n - first);
    if (llvm::Error err = s.fillBatch(s.train, {perm + first, size_t(count)}))
      return std::move(err);
    // Each step's dropout key: fold_in(dropout_key, global step).
    *stepIndex.dataAs<int32_t>() = static_cast<int32_t>(s.globalStep);
    if (llvm::Error err = s.foldIn->call({s.dropoutKey.ref(), stepIndex.ref()},
                                         {s.stepKey.ref()}, 1))
      return std::move(err);
    llvm::SmallVectorImpl<BufferRef> &arguments = s.stepArguments;
    arguments.clear();
    s.appendLossArguments(arguments);
    for (HostTensor &tensor : s.state)
      arguments.push_back(tensor.ref());
    // Donated params and state are updated in their own buffers (each
    // passed as its result too); otherwise the updates go to a second set
    // of buffers that the next step reads: a swap, never a copy.
    llvm::SmallVectorImpl<BufferRef> &results = s.stepResults;
    results.clear();
    for (HostTensor &tensor : s.donated ? s.params : s.nextParams)
      results.push_back(tensor.ref());
    for (HostTensor &tensor : s.donated ? s.state : s.nextState)
      results.push_back(tensor.ref());
    for (HostTensor &tensor : s.outputs)
      results.push_back(tensor.ref());
    if (llvm::Error err = s.step->call(arguments, results, s.threads()))
      return std::move(err);
    if (!s.donated) {
      s.params.swap(s.nextParams);
      s.state.swap(s.nextState);
    }
    float loss = *s.outputs[0].dataAs<float>();
    lossSum += double(loss) * count;
    if (onStep)
      onStep(StepRecord{s.epoch, s.globalStep, loss}, steps);
    ++s.globalStep;
  }
  record.loss = lossSum / n;
  ++s.epoch;
  if (s.eval) {
    double loss = 0;
    std::optional<double> accuracy;
    if (llvm::Error err = s.evaluate(loss, accuracy))
      return std::move(err);
    record.validationLoss = loss;
    record.validationAccuracy = accuracy;
  }
  record.seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start)
                       .count();
  return record;
}

int64_t Trainer::getEpoch() const { return impl->epoch; }
int64_t Trainer::getBatchSize() const { return impl->batchSize; }
int64_t Trainer::getTrainingExamples() const { return impl->train.examples; }
int64_t Trainer::getStepsPerEpoch() const {
  return (impl->train.examples + impl->batchSize - 1) / impl->batchSize;
}

std::vector<std::string> Trainer::takeDiagnostics() {
  return std::exchange(impl->diagnostics, {});
}

llvm::Expected<std::pair<NamedTensors, NamedTensors>>
nn::train::splitValidation(NamedTensors arrays, double fraction) {
  if (!(fraction > 0 && fraction < 1))
    return error("the validation split " + llvm::Twine(exactText(fraction)) +
                 " is not between 0 and 1");
  NamedTensors train, validation;
  for (auto &[name, tensor] : arrays) {
    const TensorType &type = tensor.getType();
    if (type.shape.empty())
      return error("array '" + name + "' is a scalar: no examples to split");
    int64_t n = type.shape.front();
    // Keras: split_at = int(n * (1 - validation_split)).
    int64_t splitAt = static_cast<int64_t>(n * (1.0 - fraction));
    if (splitAt == 0 || splitAt == n)
      return error("a validation split of " + llvm::Twine(exactText(fraction)) +
                   " leaves array '" + name + "' (" + llvm::Twine(n) +
                   " examples) an empty part");
    size_t bytes = rowBytes(type);
    for (auto [part, first, count] :
         {std::tuple{&train, int64_t(0), splitAt},
          std::tuple{&validation, splitAt, n - splitAt}}) {
      TensorType partType = type;
      partType.shape[0] = count;
      auto created = HostTensor::create(partType);
      if (!created)
        return created.takeError();
      HostTensor piece = std::move(*created);
      std::memcpy(piece.data(),
                  static_cast<const char *>(tensor.data()) + first * bytes,
                  count * bytes);
      part->emplace_back(name, std::move(piece));
    }
  }
  return std::pair{std::move(train), std::move(validation)};
}
