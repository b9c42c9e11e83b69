//===- nn-train.cpp - train a loss function written in the nn dialect -----===//
//
// Part of the nn-mlir project.
//
// model.fit for nn modules: compiles the loss's train step once, then runs
// epochs over an .npz data set with a seeded, explicit key schedule, a
// Keras-style progress line, checkpoints and resume. See docs/Training.md.
//
//===----------------------------------------------------------------------===//

#include "nn/JIT/OutputFiles.h"
#include "nn/Train/Trainer.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <memory>

using namespace nn;
using namespace nn::train;
namespace cl = llvm::cl;

static cl::OptionCategory modelCategory("Model and optimizer");
static cl::OptionCategory dataCategory("Data");
static cl::OptionCategory runCategory("Run");
static cl::OptionCategory outputCategory("Outputs");

static cl::opt<std::string> modelFile(cl::Positional, cl::desc("<model.mlir>"),
                                      cl::Required, cl::cat(modelCategory));
static cl::opt<std::string>
    lossFunction("loss",
                 cl::desc("The loss function: returns its tensor<f32> loss "
                          "first, then auxiliary results (default: loss)"),
                 cl::init("loss"), cl::cat(modelCategory));
static cl::opt<std::string>
    optimizer("optimizer", cl::desc("sgd, adam or adamw (default: adam)"),
              cl::init("adam"), cl::cat(modelCategory));
static cl::opt<double> learningRate(
    "learning-rate",
    cl::desc("Learning rate (default 0.001); with --schedule, the "
             "schedule's initial value (its peak for warmup_cosine_decay)"),
    cl::init(0.001), cl::cat(modelCategory));
static cl::opt<double> momentum("momentum", cl::desc("SGD's momentum"),
                                cl::init(0.0), cl::cat(modelCategory));
static cl::opt<bool> nesterov("nesterov", cl::desc("Nesterov momentum"),
                              cl::cat(modelCategory));
static cl::opt<double> beta1("beta1", cl::desc("Adam's beta1"), cl::init(0.9),
                             cl::cat(modelCategory));
static cl::opt<double> beta2("beta2", cl::desc("Adam's beta2"),
                             cl::init(0.999), cl::cat(modelCategory));
static cl::opt<double> epsilon("epsilon", cl::desc("Adam's epsilon"),
                               cl::init(1e-8), cl::cat(modelCategory));
static cl::opt<double> weightDecay("weight-decay",
                                   cl::desc("AdamW's decoupled weight decay"),
                                   cl::init(0.01), cl::cat(modelCategory));
static cl::opt<bool> kerasFormulas(
    "keras", cl::desc("Keras 3's optimizer formulas instead of PyTorch's / "
                      "Optax's"),
    cl::cat(modelCategory));
static cl::OptionCategory scheduleCategory(
    "Learning-rate schedule and clipping (Optax's; docs/Optimizers.md)");
static cl::opt<std::string> schedule(
    "schedule",
    cl::desc("The learning rate per step, from --learning-rate and the "
             "count of updates before it: constant (default), "
             "exponential_decay, cosine_decay, warmup_cosine_decay or "
             "linear"),
    cl::init("constant"), cl::cat(scheduleCategory));
static cl::opt<int64_t> decaySteps(
    "decay-steps",
    cl::desc("cosine_decay, warmup_cosine_decay: the step at which the "
             "decay ends (warmup included)"),
    cl::cat(scheduleCategory));
static cl::opt<double> alpha(
    "alpha",
    cl::desc("cosine_decay: the final rate as a fraction of --learning-rate "
             "(default 0)"),
    cl::cat(scheduleCategory));
static cl::opt<int64_t>
    warmupSteps("warmup-steps",
                cl::desc("warmup_cosine_decay: steps of linear warmup to "
                         "--learning-rate"),
                cl::cat(scheduleCategory));
static cl::opt<double> warmupLearningRate(
    "warmup-learning-rate",
    cl::desc("warmup_cosine_decay: the rate at step 0 (default 0)"),
    cl::cat(scheduleCategory));
static cl::opt<double>
    endLearningRate("end-learning-rate",
                    cl::desc("warmup_cosine_decay, linear: the final rate; "
                             "exponential_decay: a bound"),
                    cl::cat(scheduleCategory));
static cl::opt<int64_t> transitionSteps(
    "transition-steps",
    cl::desc("exponential_decay: steps per factor of --decay-rate; linear: "
             "steps from --learning-rate to --end-learning-rate"),
    cl::cat(scheduleCategory));
static cl::opt<int64_t> transitionBegin(
    "transition-begin",
    cl::desc("exponential_decay, linear: steps at --learning-rate before "
             "the transition (default 0)"),
    cl::cat(scheduleCategory));
static cl::opt<double>
    decayRate("decay-rate",
              cl::desc("exponential_decay: the factor per --transition-steps"),
              cl::cat(scheduleCategory));
static cl::opt<bool>
    staircase("staircase",
              cl::desc("exponential_decay: decay by whole transitions"),
              cl::cat(scheduleCategory));
static cl::opt<double> clipGlobalNorm(
    "clip-global-norm",
    cl::desc("Clip the gradients to this global norm before each update "
             "(optax.clip_by_global_norm; default 0: off)"),
    cl::init(0.0), cl::cat(scheduleCategory));
static cl::opt<std::string> remat(
    "remat",
    cl::desc("Which forward values the backward pass keeps: "
             "everything_saveable (default), dots_saveable (recompute all "
             "but matmul results) or nothing_saveable "
             "(jax.checkpoint_policies)"),
    cl::init("everything_saveable"), cl::cat(scheduleCategory));
static cl::opt<std::string> initFunction(
    "init",
    cl::desc("A function of one key returning the initial params (called "
             "with the init key of the key schedule)"),
    cl::cat(modelCategory));
static cl::opt<std::string> paramsFile(
    "params", cl::desc("@params.npz: initial params by name"),
    cl::cat(modelCategory));

static cl::opt<std::string> dataFile(
    "data",
    cl::desc("@train.npz: one array per batch argument of the loss, named "
             "like it, examples along the first dimension"),
    cl::Required, cl::cat(dataCategory));
static cl::opt<std::string> validationFile(
    "validation-data", cl::desc("@val.npz: validation arrays, as --data"),
    cl::cat(dataCategory));
static cl::opt<double> validationSplit(
    "validation-split",
    cl::desc("Keep the last fraction of --data (before shuffling) for "
             "validation, as Keras' validation_split"),
    cl::init(0.0), cl::cat(dataCategory));
static cl::opt<std::string> labelsName(
    "labels",
    cl::desc("The integer labels array accuracy is measured against "
             "(default: labels)"),
    cl::init("labels"), cl::cat(dataCategory));

static cl::opt<int64_t> epochs("epochs",
                               cl::desc("Train until this many epochs are "
                                        "done (default 1)"),
                               cl::init(1), cl::cat(runCategory));
static cl::opt<int64_t> seed("seed",
                             cl::desc("The root key is "
                                      "jax.random.PRNGKey(seed) (default 0)"),
                             cl::init(0), cl::cat(runCategory));
static cl::opt<std::string> resumeFile(
    "resume", cl::desc("@checkpoint.npz: continue the run saved there"),
    cl::cat(runCategory));
static cl::opt<std::string> cacheDir(
    "cache-dir", cl::desc("Disk cache directory (as nn-jit's)"),
    cl::cat(runCategory));
static cl::opt<bool> noCache("no-cache",
                             cl::desc("Neither read nor write the disk cache"),
                             cl::cat(runCategory));
static cl::opt<bool> cacheStats(
    "cache-stats",
    cl::desc("Print `cache: compiled=N memory_hits=N disk_hits=N` at the end"),
    cl::cat(runCategory));
static cl::opt<bool> quiet("quiet", cl::desc("No progress lines"),
                           cl::cat(runCategory));

static cl::opt<std::string> saveParams(
    "save-params", cl::desc("@params.npz: the final params"),
    cl::cat(outputCategory));
static cl::opt<std::string> historyFile(
    "history",
    cl::desc("@history.csv: epoch,loss,val_loss,val_accuracy per epoch"),
    cl::cat(outputCategory));
static cl::opt<std::string> stepHistoryFile(
    "step-history", cl::desc("@steps.csv: epoch,step,loss per step"),
    cl::cat(outputCategory));
static cl::opt<std::string> checkpointDir(
    "checkpoint-dir",
    cl::desc("Write DIR/epoch-N.npz after every epoch N (1-based)"),
    cl::cat(outputCategory));

namespace {

int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "nn-train") << message << "\n";
  return 1;
}
int fail(llvm::Error error) { return fail(llvm::toString(std::move(error))); }

/// The checkpoint file of the 1-based `epoch` in --checkpoint-dir.
std::string checkpointPath(int64_t epoch) {
  llvm::SmallString<256> path(checkpointDir);
  llvm::sys::path::append(path, llvm::formatv("epoch-{0}.npz", epoch).str());
  return std::string(path);
}

/// `@path` -> path; anything else is an error naming the option.
llvm::Expected<std::string> atPath(llvm::StringRef option,
                                   llvm::StringRef spec) {
  if (!spec.consume_front("@"))
    return llvm::createStringError("--" + option.str() + " takes @FILE, got '" +
                                   spec.str() + "'");
  return spec.str();
}

llvm::Expected<NamedTensors> readArrays(llvm::StringRef option,
                                        llvm::StringRef spec) {
  auto path = atPath(option, spec);
  if (!path)
    return path.takeError();
  return jit::readNpz(*path);
}

/// Float values as CSV text that reads back to the same float.
std::string exact(double value) { return llvm::formatv("{0}", llvm::format("%.9g", value)); }
std::string exactOrEmpty(const std::optional<double> &value) {
  return value ? exact(*value) : "";
}

/// Keras' per-epoch line; on a terminal a live bar while the epoch runs.
class Progress {
public:
  Progress(int64_t epochs, bool live) : epochs(epochs), live(live) {}

  void step(int64_t epoch, int64_t done, int64_t total, float loss) {
    if (!live)
      return;
    auto now = std::chrono::steady_clock::now();
    if (done < total && now - lastDraw < std::chrono::milliseconds(100))
      return;
    lastDraw = now;
    int width = 30;
    int filled = static_cast<int>(width * done / total);
    llvm::errs() << llvm::formatv("\rEpoch {0}/{1} {2}/{3} [{4}{5}] loss: "
                                  "{6:F4}",
                                  epoch + 1, epochs, done, total,
                                  std::string(filled, '='),
                                  std::string(width - filled, '.'), loss);
  }

  void epochDone(const EpochRecord &record) {
    if (live)
      llvm::errs() << "\r\x1b[K";
    std::string line = llvm::formatv(
        "Epoch {0}/{1}: {2}/{2} steps - loss: {3:F4}", record.epoch + 1,
        epochs, record.steps, record.loss);
    if (record.validationLoss)
      line += llvm::formatv(" - val_loss: {0:F4}", *record.validationLoss);
    if (record.validationAccuracy)
      line += llvm::formatv(" - val_accuracy: {0:F4}",
                            *record.validationAccuracy);
    line += llvm::formatv(" - {0:F2}s ({1:F0} steps/s)", record.seconds,
                          record.steps / std::max(record.seconds, 1e-9));
    llvm::outs() << line << "\n";
    llvm::outs().flush();
  }

private:
  int64_t epochs;
  bool live;
  std::chrono::steady_clock::time_point lastDraw;
};

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  jit::registerPasses();
  auto &registered = cl::getRegisteredOptions();
  // libLLVM registers a hidden option named `threads`; ours takes the name.
  if (cl::Option *llvmThreads = registered.lookup("threads"))
    llvmThreads->setArgStr("llvm-threads");
  static cl::opt<unsigned> threads(
      "threads", cl::desc("Threads sharing each step's parallel loops "
                          "(default 0: one per core); results are "
                          "bit-identical for any count"),
      cl::init(0), cl::cat(runCategory));
  cl::HideUnrelatedOptions({&modelCategory, &scheduleCategory, &dataCategory,
                            &runCategory, &outputCategory});
  cl::ParseCommandLineOptions(argc, argv, "nn-mlir training driver\n");

  if (!initFunction.empty() + !paramsFile.empty() + !resumeFile.empty() != 1)
    return fail("give the initial params one way: --init=FUNCTION, "
                "--params=@params.npz or --resume=@checkpoint.npz");
  if (validationSplit != 0 && !validationFile.empty())
    return fail("give --validation-split or --validation-data, not both");
  if (epochs < 1)
    return fail("--epochs must be at least 1");

  auto data = readArrays("data", dataFile);
  if (!data)
    return fail(data.takeError());
  NamedTensors train = std::move(*data);
  std::optional<NamedTensors> validation;
  if (!validationFile.empty()) {
    auto arrays = readArrays("validation-data", validationFile);
    if (!arrays)
      return fail(arrays.takeError());
    validation = std::move(*arrays);
  } else if (validationSplit != 0) {
    auto parts = splitValidation(std::move(train), validationSplit);
    if (!parts)
      return fail(parts.takeError());
    train = std::move(parts->first);
    validation = std::move(parts->second);
  }

  TrainerOptions options;
  options.lossFunction = lossFunction;
  options.optimizer.name = optimizer;
  options.optimizer.learningRate = learningRate;
  options.optimizer.momentum = momentum;
  options.optimizer.nesterov = nesterov;
  options.optimizer.beta1 = beta1;
  options.optimizer.beta2 = beta2;
  options.optimizer.epsilon = epsilon;
  options.optimizer.weightDecay = weightDecay;
  options.optimizer.keras = kerasFormulas;
  options.optimizer.schedule = schedule;
  options.optimizer.clipGlobalNorm = clipGlobalNorm;
  options.optimizer.remat = remat;
  // Only what was given: nn-train-step rejects a parameter its schedule
  // does not take.
  auto given = [](auto &option, auto &field) {
    if (option.getNumOccurrences())
      field = option.getValue();
  };
  given(decaySteps, options.optimizer.decaySteps);
  given(alpha, options.optimizer.alpha);
  given(warmupSteps, options.optimizer.warmupSteps);
  given(warmupLearningRate, options.optimizer.warmupLearningRate);
  given(endLearningRate, options.optimizer.endLearningRate);
  given(transitionSteps, options.optimizer.transitionSteps);
  given(transitionBegin, options.optimizer.transitionBegin);
  given(decayRate, options.optimizer.decayRate);
  given(staircase, options.optimizer.staircase);
  options.seed = seed;
  options.labels = labelsName;
  options.session.diskCache = !noCache;
  options.session.cacheDir = cacheDir;
  options.session.threads = threads;

  auto trainer = Trainer::create(modelFile, options, std::move(train),
                                 std::move(validation));
  if (!trainer)
    return fail(trainer.takeError());
  auto printDiagnostics = [&] {
    for (const std::string &text : (*trainer)->takeDiagnostics())
      llvm::errs() << text;
  };
  printDiagnostics();

  llvm::Error started = llvm::Error::success();
  if (!initFunction.empty()) {
    started = (*trainer)->initializeParams(initFunction);
  } else if (!paramsFile.empty()) {
    auto params = readArrays("params", paramsFile);
    started = params ? (*trainer)->setParams(std::move(*params))
                     : params.takeError();
  } else {
    auto path = atPath("resume", resumeFile);
    started = path ? (*trainer)->loadCheckpoint(*path) : path.takeError();
  }
  printDiagnostics();
  if (started)
    return fail(std::move(started));
  if ((*trainer)->getEpoch() >= epochs)
    return fail(llvm::formatv("the run already has {0} epochs; --epochs={1} "
                              "trains none",
                              (*trainer)->getEpoch(), epochs.getValue())
                    .str());

  // No output may replace a file the run reads, nor another output.
  jit::RunFiles files;
  files.addInput("the model '" + modelFile + "'", modelFile);
  for (auto [option, spec] :
       {std::pair<llvm::StringRef, llvm::StringRef>{"data", dataFile},
        {"validation-data", validationFile},
        {"params", paramsFile},
        {"resume", resumeFile}})
    if (spec.starts_with("@"))
      files.addInput("--" + option.str() + " '" + spec.str() + "'",
                     spec.drop_front());
  auto addOutput = [&](llvm::StringRef option,
                       llvm::StringRef spec) -> llvm::Expected<std::string> {
    auto path = atPath(option, spec);
    if (!path)
      return path.takeError();
    if (llvm::Error error = files.addOutput(
            "--" + option.str() + " '" + spec.str() + "'", *path))
      return std::move(error);
    return path;
  };

  // Output files are opened before training, so a bad path fails at once;
  // the histories are written to temporary files, which replace theirs when
  // the run succeeds.
  auto openCsv = [&](llvm::StringRef option, llvm::StringRef spec,
                     llvm::StringRef header)
      -> llvm::Expected<std::unique_ptr<jit::PendingFile>> {
    if (spec.empty())
      return nullptr;
    auto path = addOutput(option, spec);
    if (!path)
      return path.takeError();
    auto file = jit::PendingFile::create(*path);
    if (!file)
      return file.takeError();
    (*file)->os() << header << "\n";
    return file;
  };
  auto history = openCsv("history", historyFile,
                         "epoch,loss,val_loss,val_accuracy");
  if (!history)
    return fail(history.takeError());
  auto stepHistory = openCsv("step-history", stepHistoryFile,
                             "epoch,step,loss");
  if (!stepHistory)
    return fail(stepHistory.takeError());
  if (!checkpointDir.empty()) {
    if (std::error_code ec = llvm::sys::fs::create_directories(checkpointDir))
      return fail("cannot create '" + checkpointDir + "': " + ec.message());
    for (int64_t epoch = (*trainer)->getEpoch() + 1; epoch <= epochs; ++epoch)
      if (llvm::Error error =
              files.addOutput("checkpoint '" + checkpointPath(epoch) + "'",
                              checkpointPath(epoch)))
        return fail(std::move(error));
  }
  std::string paramsOut;
  if (!saveParams.empty()) {
    auto path = addOutput("save-params", saveParams);
    if (!path)
      return fail(path.takeError());
    paramsOut = *path;
  }

  Progress progress(epochs, !quiet && llvm::sys::Process::StandardErrIsDisplayed());
  while ((*trainer)->getEpoch() < epochs) {
    auto record = (*trainer)->runEpoch(
        [&](const StepRecord &step, int64_t steps) {
          if (*stepHistory)
            (*stepHistory)->os() << step.epoch << "," << step.step << ","
                                 << exact(step.loss) << "\n";
          progress.step(step.epoch,
                        step.step - step.epoch * steps + 1, steps, step.loss);
        });
    if (!record)
      return fail(record.takeError());
    if (!quiet)
      progress.epochDone(*record);
    if (*history) {
      (*history)->os() << record->epoch << "," << exact(record->loss) << ","
                       << exactOrEmpty(record->validationLoss) << ","
                       << exactOrEmpty(record->validationAccuracy) << "\n";
      (*history)->os().flush();
    }
    if (!checkpointDir.empty())
      if (llvm::Error error =
              (*trainer)->saveCheckpoint(checkpointPath(record->epoch + 1)))
        return fail(std::move(error));
  }

  if (!paramsOut.empty()) {
    NamedTensors params = (*trainer)->getParams();
    std::vector<std::pair<std::string, const jit::HostTensor *>> arrays;
    for (auto &[name, tensor] : params)
      arrays.emplace_back(name, &tensor);
    if (llvm::Error error = jit::writeNpz(paramsOut, arrays))
      return fail(std::move(error));
  }
  for (auto *csv : {&*history, &*stepHistory})
    if (*csv)
      if (llvm::Error error = (*csv)->commit())
        return fail(std::move(error));
  if (cacheStats) {
    jit::CacheStats stats = jit::Session::getCacheStats();
    llvm::outs() << "cache: compiled=" << stats.compiled
                 << " memory_hits=" << stats.memoryHits
                 << " disk_hits=" << stats.diskHits << "\n";
  }
  return 0;
}
