//===- nn-jit.cpp - compile an nn module and run a function ---------------===//
//
// Part of the nn-mlir project.
//
// iree-run-mlir for nn: compile FILE.mlir with the project's pipeline (or
// take it from the compile cache), call one function on the given inputs,
// print or save the results. See docs/nn-jit.md.
//
//===----------------------------------------------------------------------===//

#include "nn/JIT/HostTensor.h"
#include "nn/JIT/OutputFiles.h"
#include "nn/JIT/Session.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"

#include <algorithm>
#include <chrono>
#include <optional>

using namespace nn::jit;
namespace cl = llvm::cl;

// --help shows these (and the generic ones); libLLVM's and MLIR's other
// options only --help-hidden.
static cl::OptionCategory inputsCategory("Inputs");
static cl::OptionCategory outputsCategory("Outputs");
static cl::OptionCategory cacheCategory("Compile cache");
static cl::OptionCategory pipelineCategory("Pipeline");
static cl::OptionCategory executionCategory("Execution");
static cl::OptionCategory passManagerCategory(
    "MLIR pass manager", "Apply to the compile pipeline (and --prepare)");

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input.mlir>"),
                                      cl::init("-"), cl::cat(inputsCategory));
static cl::opt<std::string> functionName(
    "function", cl::desc("Function to call (default: the only public one)"),
    cl::cat(inputsCategory));
static cl::list<std::string> inputs(
    "input",
    cl::desc("An argument: SHAPExDTYPE=VALUES (2x2xf32=1,2,3,4), "
             "DTYPE=VALUE for rank 0, @file.npy, or for a key "
             "key:SEED (jax.random.PRNGKey) / keras:SEED. Give k x "
             "(number of arguments not taken from --params) inputs "
             "for k calls"),
    cl::cat(inputsCategory));
static cl::opt<std::string> paramsFile(
    "params",
    cl::desc("@weights.npz: arguments named in the IR (nn.name) are "
             "taken from the archive by name"),
    cl::cat(inputsCategory));
static cl::list<std::string> outputs(
    "output",
    cl::desc("@out.npy per result in order, or one @out.npz with "
             "every result (written for the last call)"),
    cl::cat(outputsCategory));
static cl::opt<unsigned> repeat(
    "repeat", cl::desc("Time N calls after a warm-up (min, median, p90)"),
    cl::init(0), cl::cat(executionCategory));
static cl::opt<bool> benchmark("benchmark",
                               cl::desc("Time calls (100 unless --repeat)"),
                               cl::cat(executionCategory));
static cl::opt<bool> cacheStats(
    "cache-stats",
    cl::desc("Print `cache: compiled=N memory_hits=N disk_hits=N` at the end"),
    cl::cat(cacheCategory));
static cl::opt<std::string> cacheDir(
    "cache-dir",
    cl::desc("Disk cache directory (default: $NN_JIT_CACHE_DIR, "
             "else $XDG_CACHE_HOME/nn-mlir, else ~/.cache/nn-mlir)"),
    cl::cat(cacheCategory));
static cl::opt<bool> noCache("no-cache",
                             cl::desc("Neither read nor write the disk cache"),
                             cl::cat(cacheCategory));
static cl::opt<std::string>
    pipeline("pipeline",
             cl::desc("MLIR pass pipeline to the LLVM dialect (default: "
                      "builtin.module(nn-inference,nn-lower-to-llvm{use-"
                      "workspace=true codegen-target=...}))"),
             cl::cat(pipelineCategory));
static cl::opt<std::string> codegenTarget(
    "codegen-target",
    cl::desc("Vector ISA level tile sizes are chosen for: host (default), "
             "x86-64-v4, x86-64-v3, x86-64 or armv8-a; code runs on the host "
             "CPU either way"),
    cl::init("host"), cl::cat(pipelineCategory));
static cl::opt<bool> training(
    "training",
    cl::desc("Training mode: dropout applies (the default is "
             "inference mode, where dropout is the identity)"),
    cl::cat(pipelineCategory));
static cl::opt<bool> strict(
    "strict", cl::desc("Treat every warning about the IR (a lost timestep "
                       "mask, a reused key, ...) as an error: exit 1, run "
                       "nothing"),
    cl::cat(pipelineCategory));
static cl::opt<bool> exportActivations(
    "export-activations",
    cl::desc("Return the values tagged nn.export = \"name\" as extra results "
             "named after them (after inlining)"),
    cl::cat(pipelineCategory));
static cl::opt<bool> exportAllLayers(
    "export-all-layers",
    cl::desc("Return the output of every nn layer op as an extra result"),
    cl::cat(pipelineCategory));
static cl::opt<std::string> preparePipeline(
    "prepare", cl::desc("A pipeline run on the module as it is loaded, "
                        "before signatures are read (e.g. builtin.module("
                        "inline,nn-jvp{function=f}) to add f_jvp)"),
    cl::cat(pipelineCategory));
static cl::opt<bool> printPipeline("print-pipeline",
                                   cl::desc("Print the pipeline and exit"),
                                   cl::cat(pipelineCategory));
static cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimization level"),
                                  cl::Prefix, cl::init(2),
                                  cl::cat(pipelineCategory));
static cl::opt<EmitStage> emit(
    "emit", cl::desc("Stop after a stage and write it (to -o, default stdout)"),
    cl::values(clEnumValN(EmitStage::MLIR, "mlir", "the function as parsed"),
               clEnumValN(EmitStage::LLVMDialect, "llvm-dialect",
                          "after the MLIR pipeline"),
               clEnumValN(EmitStage::LLVMIR, "llvm-ir", "optimized LLVM IR"),
               clEnumValN(EmitStage::Assembly, "asm", "assembly"),
               clEnumValN(EmitStage::Object, "obj", "an object file")),
    cl::cat(outputsCategory));
static cl::opt<std::string> emitFile("o", cl::desc("Output file of --emit"),
                                     cl::init("-"), cl::cat(outputsCategory));

namespace {

int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "nn-jit") << message << "\n";
  return 1;
}

int fail(llvm::Error error) { return fail(llvm::toString(std::move(error))); }

/// Prints what the compiler reported so far (warnings, remarks, with their
/// locations and notes), as nn-opt prints it.
void printDiagnostics(Session &session) {
  for (const CompileDiagnostic &diagnostic : session.takeDiagnostics())
    llvm::errs() << diagnostic.rendered;
}

/// A key from an integer seed: `key:S` is jax.random.PRNGKey(S) =
/// [uint32(S >> 32), uint32(S)]; `keras:S` is Keras 3's [S, 0].
llvm::Expected<HostTensor> parseSeedKey(llvm::StringRef spec) {
  bool keras = spec.starts_with("keras:");
  llvm::StringRef digits = spec.drop_front(keras ? 6 : 4);
  int64_t seed;
  if (digits.getAsInteger(10, seed))
    return llvm::createStringError(
        "malformed key '" + spec + "': expected key:SEED or keras:SEED with an "
        "integer seed");
  TensorType type;
  type.shape = {2};
  type.dtype = DType::U32;
  HostTensor key(type);
  auto *words = key.dataAs<uint32_t>();
  uint64_t bits = static_cast<uint64_t>(seed);
  words[0] = keras ? static_cast<uint32_t>(bits) : static_cast<uint32_t>(bits >> 32);
  words[1] = keras ? 0 : static_cast<uint32_t>(bits);
  return key;
}

/// A key argument as the IR spells it: `!nn.key`, or a key array
/// `tensor<4x!nn.key>` (whose buffer is uint32 [4, 2]).
std::string keyTypeStr(const TensorType &type) {
  if (type.shape.size() == 1)
    return "!nn.key";
  std::string text = "tensor<";
  for (int64_t size : llvm::ArrayRef(type.shape).drop_back())
    text += std::to_string(size) + "x";
  return text + "!nn.key>";
}

/// The --input spellings that make a key (or key array) argument.
std::string keySpellings(const TensorType &type) {
  if (type.shape.size() == 1)
    return "give key:SEED (jax.random.PRNGKey(SEED)), keras:SEED (Keras 3's "
           "seed), @key.npy holding a uint32 [2] array (e.g. "
           "jax.random.key_data(k)) or 2xui32=HI,LO";
  llvm::SmallVector<std::string> sizes;
  for (int64_t size : type.shape)
    sizes.push_back(std::to_string(size));
  return "give @keys.npy holding a uint32 [" + llvm::join(sizes, ", ") +
         "] array (e.g. jax.random.key_data(keys)) or " +
         llvm::join(sizes, "x") + "xui32=HI,LO,...";
}

/// A tensor given for a key that is not uint32 words of the key's shape
/// (an i32 literal, an int64 .npy): say what a key is and how to give one,
/// rather than only the buffer type the generic check would name.
llvm::Error checkKeyInput(const FunctionSignature &signature, size_t index,
                          const HostTensor &given) {
  const ValueInfo &arg = signature.arguments[index];
  if (!arg.isKey || given.getType() == arg.type)
    return llvm::Error::success();
  std::string name = arg.name.empty() ? "" : " ('" + arg.name + "')";
  return llvm::createStringError(llvm::formatv(
      "function '{0}': argument {1}{2} is a key{3} ({4}), got {5}; {6}",
      signature.name, index, name,
      arg.type.shape.size() == 1 ? "" : " array", keyTypeStr(arg.type),
      given.getType().str(), keySpellings(arg.type)).str());
}

llvm::Expected<HostTensor> loadInput(llvm::StringRef spec, const ValueInfo &arg) {
  if (spec.consume_front("@"))
    return readNpy(spec);
  if (spec.starts_with("key:") || spec.starts_with("keras:")) {
    if (!arg.isKey)
      return llvm::createStringError(
          "'" + spec + "' is a key, but the argument is " + arg.type.str());
    if (arg.type.shape.size() != 1)
      return llvm::createStringError("'" + spec +
                                     "' is one key, but the argument is a "
                                     "key array (" + keyTypeStr(arg.type) +
                                     "); " + keySpellings(arg.type));
    return parseSeedKey(spec);
  }
  return parseTensorLiteral(spec);
}

void printResults(const FunctionSignature &signature,
                  llvm::ArrayRef<const HostTensor *> results) {
  llvm::outs() << "@" << signature.name << "\n";
  for (auto [index, result] : llvm::enumerate(results)) {
    llvm::outs() << "result " << index;
    if (!signature.results[index].name.empty())
      llvm::outs() << " (" << signature.results[index].name << ")";
    llvm::outs() << ": " << result->getType().str() << "\n";
    printTensorValues(llvm::outs(), *result);
    llvm::outs() << "\n";
  }
}

/// The files the --output options name, checked before anything runs.
struct OutputPlan {
  std::vector<std::string> paths;
  /// One .npz with every result (else one .npy per result).
  bool archive = false;
};

/// Each --output is `@path`, as --input and --params are (a path without
/// `@` is refused, not guessed at); one .npz, or one .npy per result; none
/// is a file the run reads or another output.
llvm::Expected<OutputPlan> planOutputs(const FunctionSignature &signature,
                                       RunFiles &files) {
  OutputPlan plan;
  for (llvm::StringRef spec : outputs) {
    llvm::StringRef path = spec;
    if (!path.consume_front("@") || path.empty())
      return llvm::createStringError(
          "--output takes @FILE (as --input and --params do), got '" + spec +
          "'" + (path.empty() ? "" : "; did you mean --output=@" + spec + "?"));
    if (llvm::Error error = files.addOutput("--output '" + spec + "'", path))
      return std::move(error);
    plan.paths.push_back(path.str());
  }
  plan.archive = plan.paths.size() == 1 &&
                 llvm::StringRef(plan.paths[0]).ends_with(".npz");
  if (!plan.paths.empty() && !plan.archive &&
      plan.paths.size() != signature.results.size())
    return llvm::createStringError(
        llvm::formatv("{0} --output files for {1} results (give one .npy per "
                      "result, or one .npz)",
                      plan.paths.size(), signature.results.size())
            .str());
  return plan;
}

/// Writes every output or none (each to a temporary file first).
llvm::Error writeOutputs(const OutputPlan &plan,
                         const FunctionSignature &signature,
                         llvm::ArrayRef<const HostTensor *> results) {
  std::vector<std::pair<std::string, std::string>> files;
  if (plan.archive) {
    std::vector<std::pair<std::string, const HostTensor *>> arrays;
    for (auto [index, result] : llvm::enumerate(results)) {
      std::string name = signature.results[index].name;
      arrays.emplace_back(name.empty() ? "result" + std::to_string(index) : name,
                          result);
    }
    auto bytes = serializeNpz(arrays);
    if (!bytes)
      return llvm::createStringError("cannot write '" + plan.paths[0] +
                                     "': " + llvm::toString(bytes.takeError()));
    files.emplace_back(plan.paths[0], std::move(*bytes));
  } else {
    for (auto [path, result] : llvm::zip(plan.paths, results))
      files.emplace_back(path, serializeNpy(*result));
  }
  return writeFilesAtomically(files);
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  // -mlir-print-ir-after-all, -mlir-timing, ... apply to the pipeline.
  registerPasses();
  auto &registered = cl::getRegisteredOptions();
  llvm::StringSet<> beforePassManager;
  for (const auto &[name, option] : registered)
    beforePassManager.insert(name);
  mlir::registerPassManagerCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
  for (const auto &[name, option] : registered)
    if (!beforePassManager.contains(name))
      option->addCategory(passManagerCategory);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  // libLLVM registers a hidden option named `threads`; ours takes the name.
  if (cl::Option *llvmThreads = registered.lookup("threads"))
    llvmThreads->setArgStr("llvm-threads");
  static cl::opt<unsigned> threads(
      "threads", cl::desc("Threads sharing each call's parallel loops (default "
                          "0: one per core); not part of the compiled code"),
      cl::init(0), cl::cat(executionCategory));
  // libLLVM's and MLIR's hundreds of internal options go to --help-hidden
  // (cl::HideUnrelatedOptions would drop them from it too).
  const cl::OptionCategory *shown[] = {
      &inputsCategory,    &outputsCategory,   &cacheCategory,
      &pipelineCategory,  &executionCategory, &passManagerCategory};
  for (const auto &[name, option] : registered) {
    bool ours = llvm::any_of(option->Categories, [&](cl::OptionCategory *c) {
      return llvm::is_contained(shown, c) ||
             c->getName() == "Generic Options"; // --help, --version, ...
    });
    if (!ours && option->getOptionHiddenFlag() == cl::NotHidden)
      option->setHiddenFlag(cl::Hidden);
  }
  cl::ParseCommandLineOptions(argc, argv, "nn-mlir JIT runner\n");

  SessionOptions options;
  std::optional<mlir::nn::CodegenTarget> target =
      mlir::nn::parseCodegenTarget(codegenTarget);
  if (!target)
    return fail("unknown --codegen-target '" + codegenTarget +
                "' (host, x86-64-v4, x86-64-v3, x86-64 or armv8-a)");
  options.codegenTarget = *target;
  options.training = training;
  options.strict = strict;
  options.pipeline = !pipeline.empty() ? pipeline
                     : training        ? getTrainingPipeline(*target)
                                       : getDefaultPipeline(*target);
  if (optLevel > 3)
    return fail("-O" + llvm::Twine(optLevel.getValue()) + " is not 0 to 3");
  options.optLevel = optLevel;
  options.diskCache = !noCache;
  options.preparePipeline = preparePipeline;
  if (exportActivations || exportAllLayers)
    options.preparePipeline =
        exportAllLayers
            ? "builtin.module(inline,nn-export-activations{all-layers=true})"
            : "builtin.module(inline,nn-export-activations)";
  options.cacheDir = cacheDir;
  options.threads = threads;
  if (printPipeline) {
    llvm::outs() << options.pipeline << "\n";
    return 0;
  }

  auto session = Session::createFromFile(inputFile, options);
  if (!session)
    return fail(session.takeError());
  printDiagnostics(**session);

  std::string name = functionName;
  if (name.empty()) {
    auto names = (*session)->getFunctionNames();
    if (names.size() != 1)
      return fail("the module has " + llvm::Twine(names.size()) +
                  " public functions (" + llvm::join(names, ", ") +
                  "); choose one with --function");
    name = names.front();
  }
  auto signature = (*session)->getSignature(name);
  if (!signature)
    return fail(signature.takeError());

  // Every file the run reads, so that no output replaces one.
  RunFiles files;
  if (inputFile != "-")
    files.addInput("the module '" + inputFile + "'", inputFile);
  if (llvm::StringRef(paramsFile).starts_with("@"))
    files.addInput("--params '" + paramsFile + "'",
                   llvm::StringRef(paramsFile).drop_front());
  for (llvm::StringRef spec : inputs)
    if (spec.starts_with("@"))
      files.addInput("--input '" + spec + "'", spec.drop_front());

  if (emit.getNumOccurrences()) {
    if (emitFile != "-")
      if (llvm::Error error =
              files.addOutput("-o '" + emitFile + "'", emitFile))
        return fail(std::move(error));
    // Into a temporary file renamed over -o: nothing half-written on error.
    auto out = PendingFile::create(emitFile);
    if (!out)
      return fail(out.takeError());
    llvm::Error error = (*session)->emit(name, emit, (*out)->os());
    printDiagnostics(**session);
    if (error)
      return fail(std::move(error));
    if (llvm::Error error = (*out)->commit())
      return fail(std::move(error));
    return 0;
  }
  auto outputPlan = planOutputs(*signature, files);
  if (!outputPlan)
    return fail(outputPlan.takeError());

  // Parameters by name; every other argument comes from --input.
  llvm::SmallVector<std::optional<HostTensor>> fixed(signature->arguments.size());
  if (!paramsFile.empty()) {
    llvm::StringRef path(paramsFile);
    if (!path.consume_front("@"))
      return fail("--params takes @weights.npz, got '" + paramsFile + "'");
    auto arrays = readNpz(path);
    if (!arrays)
      return fail(arrays.takeError());
    llvm::StringMap<unsigned> byName;
    for (auto [index, arg] : llvm::enumerate(signature->arguments))
      if (!arg.name.empty())
        byName[arg.name] = index;
    llvm::SmallVector<std::string> extra, missing;
    for (auto &[arrayName, tensor] : *arrays) {
      auto it = byName.find(arrayName);
      if (it == byName.end())
        extra.push_back(arrayName);
      else
        fixed[it->second] = std::move(tensor);
    }
    for (auto [index, arg] : llvm::enumerate(signature->arguments))
      if (!arg.name.empty() && !fixed[index])
        missing.push_back(arg.name);
    if (!missing.empty() || !extra.empty())
      return fail("--params '" + path + "' does not match @" + name +
                  ": missing [" + llvm::join(missing, ", ") + "], extra [" +
                  llvm::join(extra, ", ") + "]");
  }
  size_t perCall = llvm::count_if(fixed, [](auto &t) { return !t; });
  if (perCall == 0 ? !inputs.empty() : inputs.size() % perCall != 0 || inputs.empty())
    return fail("@" + name + " takes " + llvm::Twine(perCall) +
                " inputs per call (after --params); " +
                llvm::Twine(inputs.size()) + " given");
  size_t calls = perCall == 0 ? 1 : inputs.size() / perCall;

  // With --params, the parameters are bound once (laid out for the kernels
  // there); each call passes the rest.
  CacheStats before = Session::getCacheStats();
  auto compileStart = std::chrono::steady_clock::now();
  std::unique_ptr<BoundFunction> bound;
  const CompiledFunction *function = nullptr;
  if (!paramsFile.empty()) {
    llvm::SmallVector<NamedBuffer> named;
    for (auto [index, param] : llvm::enumerate(fixed))
      if (param)
        named.push_back({signature->arguments[index].name, param->ref()});
    auto result = (*session)->bind(name, named);
    printDiagnostics(**session);
    if (!result)
      return fail(result.takeError());
    bound = std::move(*result);
    // Parameters the kernels read in another layout (dense kernels as
    // column panels), laid out once by bind.
    const FunctionSignature &boundSignature =
        bound->getFunction().getSignature();
    for (auto [given, laidOut] :
         llvm::zip(signature->arguments, boundSignature.arguments))
      if (given.type.str() != laidOut.type.str())
        llvm::outs() << "param " << given.name << ": " << given.type.str()
                     << " laid out as " << laidOut.type.str() << "\n";
  } else {
    auto result = (*session)->lookup(name);
    printDiagnostics(**session);
    if (!result)
      return fail(result.takeError());
    function = &*result;
  }
  auto callOnce = [&](llvm::ArrayRef<BufferRef> arguments,
                      llvm::ArrayRef<BufferRef> results) {
    return bound ? bound->call(arguments, results)
                 : function->call(arguments, results, threads);
  };
  double compileMillis = std::chrono::duration<double, std::milli>(
                             std::chrono::steady_clock::now() - compileStart)
                             .count();
  CacheStats after = Session::getCacheStats();
  const char *codeSource = after.compiled > before.compiled   ? "compiled"
                           : after.diskHits > before.diskHits ? "disk cache"
                                                              : "memory cache";

  for (size_t call = 0; call < calls; ++call) {
    llvm::SmallVector<HostTensor> loaded;
    llvm::SmallVector<BufferRef> arguments;
    // Per argument of the signature, its loaded input (bound ones: none).
    llvm::SmallVector<HostTensor *> inputOf(fixed.size(), nullptr);
    loaded.reserve(perCall);
    size_t next = call * perCall;
    for (auto [index, param] : llvm::enumerate(fixed)) {
      if (param)
        continue;
      auto tensor = loadInput(inputs[next++], signature->arguments[index]);
      if (!tensor)
        return fail(tensor.takeError());
      if (llvm::Error error = checkKeyInput(*signature, index, *tensor))
        return fail(std::move(error));
      loaded.push_back(std::move(*tensor));
      arguments.push_back(loaded.back().ref());
      inputOf[index] = &loaded.back();
    }
    // A donated result is its argument's buffer, updated by the call (no
    // copy); the others get buffers of their own.
    llvm::SmallVector<HostTensor> results;
    llvm::SmallVector<const HostTensor *> shown;
    llvm::SmallVector<BufferRef> resultRefs;
    results.reserve(signature->results.size());
    for (const ValueInfo &info : signature->results) {
      HostTensor *donated =
          info.donatedFrom ? inputOf[*info.donatedFrom] : nullptr;
      if (!donated) {
        auto result = HostTensor::create(info.type);
        if (!result)
          return fail("result of @" + name + ": " +
                      llvm::toString(result.takeError()));
        donated = &results.emplace_back(std::move(*result));
      }
      shown.push_back(donated);
      resultRefs.push_back(donated->ref());
    }
    if (llvm::Error error = callOnce(arguments, resultRefs))
      return fail(std::move(error));
    printResults(*signature, shown);
    // Before timed calls, which update donated arguments again.
    if (call + 1 == calls)
      if (llvm::Error error = writeOutputs(*outputPlan, *signature, shown))
        return fail(std::move(error));

    unsigned timed = repeat ? repeat : (benchmark ? 100 : 0);
    if (timed) {
      std::vector<double> micros;
      for (unsigned i = 0; i < timed; ++i) {
        auto start = std::chrono::steady_clock::now();
        if (llvm::Error error = callOnce(arguments, resultRefs))
          return fail(std::move(error));
        micros.push_back(std::chrono::duration<double, std::micro>(
                             std::chrono::steady_clock::now() - start)
                             .count());
      }
      std::sort(micros.begin(), micros.end());
      llvm::outs() << llvm::formatv(
          "timing: calls={0} min={1:F3}us median={2:F3}us p90={3:F3}us\n",
          timed, micros.front(), micros[micros.size() / 2],
          micros[std::min(micros.size() - 1, micros.size() * 9 / 10)]);
      llvm::outs() << llvm::formatv("compile: {0:F1}ms ({1})\n", compileMillis,
                                    codeSource);
    }
  }

  if (cacheStats) {
    CacheStats stats = Session::getCacheStats();
    llvm::outs() << "cache: compiled=" << stats.compiled
                 << " memory_hits=" << stats.memoryHits
                 << " disk_hits=" << stats.diskHits << "\n";
  }
  return 0;
}
