//===- Trainer.h - a training loop over compiled train steps ----*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// Trains a loss function written in the nn dialect: its train step
// (nn-train-step) and its inference-mode form for validation are compiled
// once each; params, optimizer state, batches, masks and keys are runtime
// buffers. Every random choice comes from one seed by an explicit key
// schedule (docs/Training.md), so a run replays bit for bit, also from a
// checkpoint.
//
//===----------------------------------------------------------------------===//

#ifndef NN_TRAIN_TRAINER_H
#define NN_TRAIN_TRAINER_H

#include "nn/JIT/HostTensor.h"
#include "nn/JIT/Session.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nn::train {

using NamedTensors = std::vector<std::pair<std::string, jit::HostTensor>>;

struct OptimizerOptions {
  /// sgd, adam or adamw (nn-train-step's options, docs/Optimizers.md).
  std::string name = "adam";
  double learningRate = 0.001;
  double momentum = 0.0;
  bool nesterov = false;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
  double weightDecay = 0.01;
  bool keras = false;
  /// The learning-rate schedule (nn-train-step's `schedule`: constant,
  /// exponential_decay, cosine_decay, warmup_cosine_decay, linear) from
  /// `learningRate`; its parameters are passed only when set, so the pass
  /// rejects one the schedule does not take.
  std::string schedule = "constant";
  std::optional<int64_t> decaySteps, warmupSteps, transitionSteps,
      transitionBegin;
  std::optional<double> alpha, warmupLearningRate, endLearningRate, decayRate;
  std::optional<bool> staircase;
  /// optax.clip_by_global_norm of the gradients (0: off).
  double clipGlobalNorm = 0.0;
  /// Which forward values the backward pass keeps (nn-train-step's remat:
  /// everything_saveable, dots_saveable, nothing_saveable).
  std::string remat = "everything_saveable";
};

struct TrainerOptions {
  /// The loss function: returns a `tensor<f32>` loss first, then auxiliary
  /// results (the first aux result, if [batch, classes], gives accuracy).
  std::string lossFunction = "loss";
  OptimizerOptions optimizer;
  /// The root key is jax.random.PRNGKey(seed).
  int64_t seed = 0;
  /// The integer labels array (rank 1, [batch]) that accuracy compares the
  /// argmax of the first aux result with.
  std::string labels = "labels";
  /// Compile options (cache, threads, codegen target); `training`,
  /// `pipeline` and `preparePipeline` are set by the trainer.
  jit::SessionOptions session;
};

/// The outcome of one epoch.
struct EpochRecord {
  int64_t epoch = 0;
  int64_t steps = 0;
  /// Mean of the steps' losses weighted by their real (unpadded) examples.
  double loss = 0;
  std::optional<double> validationLoss;
  std::optional<double> validationAccuracy;
  double seconds = 0;
};

/// One step's loss, for the loss curve.
struct StepRecord {
  int64_t epoch = 0;
  int64_t step = 0;
  float loss = 0;
};

class Trainer {
public:
  /// Loads `modelPath`, compiles `<loss>_train_step` and the loss in
  /// inference mode, and checks which arguments are params, optimizer state,
  /// batch arrays (bound to `train` by name), the example mask and the key.
  static llvm::Expected<std::unique_ptr<Trainer>>
  create(llvm::StringRef modelPath, const TrainerOptions &options,
         NamedTensors train, std::optional<NamedTensors> validation);
  ~Trainer();

  /// Params from a function of one key (`init_key` of the key schedule)
  /// whose results are the params, matched by `nn.name` (else in order).
  llvm::Error initializeParams(llvm::StringRef initFunction);
  /// Params by name (every param, nothing else); optimizer state is reset.
  llvm::Error setParams(NamedTensors params);
  /// Params, optimizer state and progress as saved by saveCheckpoint.
  llvm::Error loadCheckpoint(llvm::StringRef path);
  llvm::Error saveCheckpoint(llvm::StringRef path) const;
  /// The params by name.
  NamedTensors getParams() const;

  /// Trains one epoch (the next one): a permutation of the training
  /// examples keyed by fold_in(shuffle_key, epoch), batches in that order,
  /// the last one padded and masked. `onStep` sees each step's record.
  llvm::Expected<EpochRecord>
  runEpoch(const std::function<void(const StepRecord &, int64_t stepsInEpoch)>
               &onStep = {});

  /// Epochs completed (also those before a resumed checkpoint).
  int64_t getEpoch() const;
  int64_t getStepsPerEpoch() const;
  int64_t getBatchSize() const;
  int64_t getTrainingExamples() const;
  /// What the compiler reported (warnings, remarks), rendered.
  std::vector<std::string> takeDiagnostics();

  struct Impl;

private:
  explicit Trainer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

/// Keras' `validation_split`: the last `fraction` of the examples (before
/// any shuffling) become the validation set.
llvm::Expected<std::pair<NamedTensors, NamedTensors>>
splitValidation(NamedTensors arrays, double fraction);

} // namespace nn::train

#endif // NN_TRAIN_TRAINER_H
