//===- Session.cpp - compile nn modules and call them natively ------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/JIT/Session.h"

#include "Compiler.h"
#include "Diagnostics.h"
#include "DiskCache.h"
#include "ObjectPack.h"

#include "nn/Codegen/WeightLayout.h"
#include "nn/Dialect/NN/IR/NNOps.h"
#include "nn/InitAll.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ExecutionEngine/Orc/Debugging/DebuggerSupport.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

#include <cstdlib>

#include <cstring>
#include <mutex>

using namespace nn::jit;

// LLVM's OpenMP runtime (libomp), which the compiled parallel loops call.
extern "C" {
int omp_get_num_procs(void);
int omp_get_max_threads(void);
void omp_set_num_threads(int);
}

//===----------------------------------------------------------------------===//
// CompiledFunction
//===----------------------------------------------------------------------===//

static llvm::Error checkBuffers(const FunctionSignature &signature,
                                llvm::StringRef what,
                                llvm::ArrayRef<ValueInfo> expected,
                                llvm::ArrayRef<BufferRef> given) {
  if (expected.size() != given.size())
    return llvm::createStringError(
        llvm::formatv("function '{0}' takes {1} {2}, {3} given",
                      signature.name, expected.size(), what, given.size())
            .str());
  for (auto [index, info, buffer] : llvm::enumerate(expected, given)) {
    bool matches = buffer.dtype == info.type.dtype &&
                   buffer.shape == llvm::ArrayRef<int64_t>(info.type.shape);
    if (matches && buffer.data)
      continue;
    std::string name = info.name.empty() ? "" : " ('" + info.name + "')";
    if (!buffer.data)
      return llvm::createStringError(
          llvm::formatv("function '{0}': {1} {2}{3} is a null buffer",
                        signature.name, what.drop_back(), index, name)
              .str());
    return llvm::createStringError(
        llvm::formatv("function '{0}': {1} {2}{3}: expected {4}, got {5}",
                      signature.name, what.drop_back(), index, name,
                      info.type.str(), buffer.typeStr())
            .str());
  }
  return llvm::Error::success();
}

/// Only for buffers checked against a signature, whose sizes fit.
static size_t sizeInBytes(const BufferRef &buffer) {
  return checkedSizeInBytes(buffer.shape, buffer.dtype).value_or(0);
}

static bool overlap(const BufferRef &a, const BufferRef &b) {
  auto begin = [](const BufferRef &r) {
    return reinterpret_cast<uintptr_t>(r.data);
  };
  return begin(a) < begin(b) + sizeInBytes(b) &&
         begin(b) < begin(a) + sizeInBytes(a);
}

llvm::Error CompiledFunction::check(llvm::ArrayRef<BufferRef> arguments,
                                    llvm::ArrayRef<BufferRef> results) const {
  if (llvm::Error error =
          checkBuffers(signature, "arguments", signature.arguments, arguments))
    return error;
  if (llvm::Error error =
          checkBuffers(signature, "results", signature.results, results))
    return error;
  // The update of a donated argument must not change another argument.
  for (const ValueInfo &result : signature.results) {
    if (!result.donatedFrom)
      continue;
    unsigned donated = *result.donatedFrom;
    for (auto [index, argument] : llvm::enumerate(arguments)) {
      if (index == donated || !overlap(arguments[donated], argument))
        continue;
      auto describe = [&](unsigned i) {
        const std::string &name = signature.arguments[i].name;
        return std::to_string(i) + (name.empty() ? "" : " ('" + name + "')");
      };
      return llvm::createStringError(
          llvm::formatv("function '{0}': argument {1} is donated (the call "
                        "overwrites it) and shares memory with argument {2}",
                        signature.name, describe(donated), describe(index))
              .str());
    }
  }
  return llvm::Error::success();
}

llvm::Error CompiledFunction::call(llvm::ArrayRef<BufferRef> arguments,
                                   llvm::ArrayRef<BufferRef> results,
                                   unsigned threads) const {
  if (llvm::Error error = check(arguments, results))
    return error;
  return invoke(arguments, results, threads);
}

unsigned nn::jit::resolveThreadCount(unsigned threads) {
  return threads ? threads : static_cast<unsigned>(omp_get_num_procs());
}

/// The calling thread's workspace: allocated on the first call that needs
/// it (or a larger one), then reused by every call on this thread. Null if
/// it cannot be allocated.
static void *threadWorkspace(int64_t bytes) {
  struct Workspace {
    void *data = nullptr;
    int64_t capacity = 0;
    ~Workspace() { std::free(data); }
  };
  thread_local Workspace workspace;
  if (bytes > workspace.capacity || !workspace.data) {
    std::free(workspace.data);
    size_t rounded = (std::max<int64_t>(bytes, 64) + 63) / 64 * 64;
    workspace.data = std::aligned_alloc(64, rounded);
    workspace.capacity = workspace.data ? rounded : 0;
  }
  return workspace.data;
}

llvm::Error CompiledFunction::invoke(llvm::ArrayRef<BufferRef> arguments,
                                     llvm::ArrayRef<BufferRef> results,
                                     unsigned threads) const {
  // Donated results are no outputs of the native code: it writes them into
  // their arguments.
  llvm::SmallVector<BufferRef, 16> passed(arguments);
  for (auto [info, result] : llvm::zip(signature.results, results))
    if (!info.donatedFrom)
      passed.push_back(result);
  // One memref descriptor per buffer, on the stack for common arities:
  // {allocated, aligned, offset, sizes[rank], strides[rank]}.
  size_t words = 0;
  for (const BufferRef &buffer : passed)
    words += 3 + 2 * buffer.shape.size();
  llvm::SmallVector<int64_t, 96> descriptors(words);
  llvm::SmallVector<void *, 16> pointers;
  int64_t *cursor = descriptors.data();
  for (const BufferRef &buffer : passed) {
    pointers.push_back(cursor);
    auto address = reinterpret_cast<int64_t>(buffer.data);
    *cursor++ = address;
    *cursor++ = address;
    *cursor++ = 0;
    size_t rank = buffer.shape.size();
    int64_t stride = 1;
    for (size_t d = rank; d-- > 0;) {
      cursor[d] = buffer.shape[d];
      cursor[rank + d] = stride;
      stride *= buffer.shape[d];
    }
    cursor += 2 * rank;
  }
  // The workspace descriptor: memref<N x i8>.
  int64_t workspace[5];
  if (workspaceBytes) {
    void *data = threadWorkspace(*workspaceBytes);
    if (!data)
      return llvm::createStringError(llvm::formatv(
          "function '{0}': out of memory allocating its {1}-byte workspace",
          signature.name, *workspaceBytes));
    auto address = reinterpret_cast<int64_t>(data);
    workspace[0] = workspace[1] = address;
    workspace[2] = 0;
    workspace[3] = *workspaceBytes;
    workspace[4] = 1;
    pointers.push_back(workspace);
  }
  // The compiled parallel loops are OpenMP regions; their team size is the
  // calling thread's OpenMP setting.
  int teamSize = static_cast<int>(resolveThreadCount(threads));
  if (omp_get_max_threads() != teamSize)
    omp_set_num_threads(teamSize);
  entry(pointers.data());
  // A donated result asked for elsewhere than in its argument: a copy.
  for (auto [info, result] : llvm::zip(signature.results, results))
    if (info.donatedFrom && result.data != arguments[*info.donatedFrom].data)
      std::memmove(result.data, arguments[*info.donatedFrom].data,
                   sizeInBytes(result));
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// BoundFunction
//===----------------------------------------------------------------------===//

llvm::Error BoundFunction::call(llvm::ArrayRef<BufferRef> arguments,
                                llvm::ArrayRef<BufferRef> results) const {
  const FunctionSignature &signature = function->getSignature();
  if (arguments.size() != freeArguments.size())
    return llvm::createStringError(
        llvm::formatv("function '{0}' takes {1} arguments besides its bound "
                      "parameters, {2} given",
                      signature.name, freeArguments.size(), arguments.size())
            .str());
  llvm::SmallVector<BufferRef, 16> all;
  const BufferRef *next = arguments.begin();
  for (const std::optional<HostTensor> &param : bound)
    all.push_back(param ? param->ref() : *next++);
  return function->call(all, results, threads);
}

//===----------------------------------------------------------------------===//
// The process-wide compile cache
//===----------------------------------------------------------------------===//

namespace {
/// Compiled code of every unit, keyed by its cache key, in one LLJIT. Each
/// unit gets its own JITDylib, so units may define the same private symbols.
class CompileCache {
public:
  static CompileCache &get() {
    static CompileCache cache;
    return cache;
  }

  /// Memory, then disk (when `disk` is set), then the compiler. The
  /// unit's entry points are the functions `signatures` name (its public
  /// ones); returns them in that order.
  llvm::Expected<llvm::SmallVector<const CompiledFunction *, 2>>
  getOrCompile(mlir::ModuleOp unit,
               llvm::MutableArrayRef<FunctionSignature> signatures,
               const SessionOptions &options, const internal::DiskCache *disk,
               internal::DiagnosticLog &log) {
    std::string key =
        internal::computeCacheKey(unit, options.pipeline, options.optLevel);
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = entries.find(key); it != entries.end()) {
      ++stats.memoryHits;
      return find(it->second, signatures);
    }
    std::unique_ptr<llvm::MemoryBuffer> object;
    if (disk) {
      // An entry must define the entry points looked up below.
      llvm::SmallVector<std::string, 2> symbols;
      for (const FunctionSignature &signature : signatures)
        symbols.push_back(internal::packedEntryName(signature.name));
      object = disk->load(key, symbols);
    }
    if (object) {
      ++stats.diskHits;
    } else {
      size_t reported = log.reported.size();
      auto compiled =
          internal::compileToObject(unit, signatures.front().name,
                                    options.pipeline, options.optLevel, log);
      if (!compiled)
        return compiled.takeError();
      if (options.strict && log.hasWarningsSince(reported))
        return log.takeWarningsAsError(
            reported, "strict mode: the IR of '" + signatures.front().name +
                          "' has warnings, so nothing is compiled or run");
      ++stats.compiled;
      object = std::move(*compiled);
      if (disk)
        disk->store(key, object->getBuffer());
    }
    auto dylib = load(std::move(object));
    if (!dylib)
      return dylib.takeError();
    std::vector<std::unique_ptr<CompiledFunction>> functions;
    for (FunctionSignature &signature : signatures) {
      auto symbols = lookupEntry(**dylib, signature.name);
      if (!symbols)
        return symbols.takeError();
      auto [address, workspace] = *symbols;
      functions.push_back(std::make_unique<CompiledFunction>(
          std::move(signature), address.toPtr<CompiledFunction::EntryFn>(),
          workspace));
    }
    auto &loaded = entries[key] = std::move(functions);
    llvm::SmallVector<const CompiledFunction *, 2> result;
    for (const auto &function : loaded)
      result.push_back(function.get());
    return result;
  }

  CacheStats getStats() {
    std::lock_guard<std::mutex> lock(mutex);
    return stats;
  }

private:
  /// The functions of a cached unit that `signatures` name, in order.
  static llvm::Expected<llvm::SmallVector<const CompiledFunction *, 2>>
  find(const std::vector<std::unique_ptr<CompiledFunction>> &functions,
       llvm::ArrayRef<FunctionSignature> signatures) {
    llvm::SmallVector<const CompiledFunction *, 2> result;
    for (const FunctionSignature &signature : signatures) {
      auto it = llvm::find_if(functions, [&](const auto &function) {
        return function->getSignature().name == signature.name;
      });
      if (it == functions.end())
        return llvm::createStringError("compiled unit has no entry '" +
                                       signature.name + "'");
      result.push_back(it->get());
    }
    return result;
  }

  /// Adds the objects of `object` (a pack) to a fresh JITDylib.
  llvm::Expected<llvm::orc::JITDylib *>
  load(std::unique_ptr<llvm::MemoryBuffer> object) {
    if (!jit) {
      internal::getHostTarget(); // Initializes the native target.
      auto created = llvm::orc::LLJITBuilder().create();
      if (!created)
        return created.takeError();
      jit = std::move(*created);
      // No debugger registration unless asked (it costs time per object).
      if (const char *gdb = std::getenv("NN_JIT_DEBUGGER"); gdb && *gdb == '1')
        if (llvm::Error error = llvm::orc::enableDebuggerSupport(*jit))
          return std::move(error);
    }
    auto dylib = jit->createJITDylib("nn_unit_" + std::to_string(units++));
    if (!dylib)
      return dylib.takeError();
    // libc (malloc, free, memcpy) and the MLIR runtime from the process.
    auto process = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
        jit->getDataLayout().getGlobalPrefix());
    if (!process)
      return process.takeError();
    dylib->addGenerator(std::move(*process));
    auto objects = internal::unpackObjects(object->getBuffer());
    if (!objects)
      return objects.takeError();
    for (llvm::StringRef bytes : *objects)
      if (llvm::Error error = jit->addObjectFile(
              *dylib, llvm::MemoryBuffer::getMemBufferCopy(bytes, "nn_unit.o")))
        return std::move(error);
    if (llvm::Error error = jit->initialize(*dylib))
      return std::move(error);
    return &*dylib;
  }

  /// The packed entry point of `entry` in `dylib` and the size of its
  /// workspace, if it takes one.
  llvm::Expected<std::pair<llvm::orc::ExecutorAddr, std::optional<int64_t>>>
  lookupEntry(llvm::orc::JITDylib &dylib, llvm::StringRef entry) {
    auto address = jit->lookup(dylib, internal::packedEntryName(entry));
    if (!address)
      return address.takeError();
    std::optional<int64_t> workspace;
    if (auto size = jit->lookup(dylib, ("_nn_workspace_size_" + entry).str()))
      workspace = *size->toPtr<const int64_t *>();
    else
      llvm::consumeError(size.takeError());
    return std::make_pair(*address, workspace);
  }

  std::mutex mutex;
  std::unique_ptr<llvm::orc::LLJIT> jit;
  /// The entry points of each unit, by its cache key.
  llvm::StringMap<std::vector<std::unique_ptr<CompiledFunction>>> entries;
  CacheStats stats;
  unsigned units = 0;
};
} // namespace

CacheStats Session::getCacheStats() { return CompileCache::get().getStats(); }

std::string nn::jit::getDefaultCacheDir() {
  if (const char *dir = std::getenv("NN_JIT_CACHE_DIR"); dir && *dir)
    return dir;
  llvm::SmallString<256> path;
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    path = xdg;
  } else {
    llvm::sys::path::home_directory(path);
    llvm::sys::path::append(path, ".cache");
  }
  llvm::sys::path::append(path, "nn-mlir");
  return std::string(path);
}

/// nn-lower-to-llvm as the JIT runs it, tiled for `target`.
static std::string lowerToLLVMFor(mlir::nn::CodegenTarget target) {
  return ("nn-lower-to-llvm{use-workspace=true codegen-target=" +
          mlir::nn::stringifyCodegenTarget(
              mlir::nn::resolveCodegenTarget(target)) +
          "}")
      .str();
}

std::string nn::jit::getDefaultPipeline(mlir::nn::CodegenTarget target) {
  return "builtin.module(nn-inference," + lowerToLLVMFor(target) + ")";
}

std::string nn::jit::getTrainingPipeline(mlir::nn::CodegenTarget target) {
  return "builtin.module(" + lowerToLLVMFor(target) + ")";
}

//===----------------------------------------------------------------------===//
// Session
//===----------------------------------------------------------------------===//

struct Session::Impl {
  SessionOptions options;
  mlir::MLIRContext context;
  /// The module's source, kept to print diagnostics with their lines.
  llvm::SourceMgr sourceMgr;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  /// Whether the pipeline starts in inference mode (nn-inference).
  bool inference = false;
  /// What was reported and not yet taken (Session::takeDiagnostics).
  internal::DiagnosticLog log;
  std::optional<internal::DiskCache> disk;
  std::mutex mutex;
  llvm::StringMap<const CompiledFunction *> functions;

  explicit Impl(SessionOptions options, mlir::DialectRegistry &registry)
      : options(std::move(options)), context(registry) {
    // A diagnostic names its op by location and source line; the op's
    // generic form as a note is noise for a user.
    context.printOpOnDiagnostic(false);
  }

  internal::DiagnosticCapture capture() {
    return internal::DiagnosticCapture(&context, sourceMgr, log,
                                       options.strict);
  }

  llvm::Error checkFrontEnd(mlir::ModuleOp unit, llvm::StringRef name);
};

/// Whether `pipeline` runs nn-inference before anything else.
static bool startsInInference(llvm::StringRef pipeline) {
  std::string ignored;
  llvm::raw_string_ostream os(ignored);
  mlir::FailureOr<mlir::OpPassManager> parsed =
      mlir::parsePassPipeline(pipeline, os);
  if (mlir::failed(parsed) || parsed->size() == 0)
    return false;
  return parsed->begin()->getArgument() == "nn-inference";
}

/// The nn front end's checks of a compile unit, run on a copy of it before
/// every lookup: the compile cache keeps only the lowering, and a hit must
/// report what a cold compile reports. Strict mode turns their warnings into
/// the lookup's error.
llvm::Error Session::Impl::checkFrontEnd(mlir::ModuleOp unit,
                                         llvm::StringRef name) {
  size_t reported = log.reported.size();
  llvm::SmallVector<mlir::nn::DropoutOp> dropouts;
  if (inference)
    unit.walk([&](mlir::nn::DropoutOp op) { dropouts.push_back(op); });
  if (!dropouts.empty())
    mlir::emitRemark(dropouts.front().getLoc())
        << "inference mode: dropout is the identity in '" << name << "' ("
        << dropouts.size() << " nn.dropout op"
        << (dropouts.size() == 1 ? "" : "s")
        << "); compile in training mode to apply it (nn-jit --training, "
           "SessionOptions::training)";
  mlir::OwningOpRef<mlir::ModuleOp> copy = unit.clone();
  std::string checks = std::string("builtin.module(") +
                       (inference ? "nn-inference," : "") +
                       "nn-check-key-reuse,nn-propagate-masks)";
  if (llvm::Error error = internal::runPipeline(
          *copy, checks, ("checking '" + name + "'").str(), log))
    return error;
  if (options.strict && log.hasWarningsSince(reported))
    return log.takeWarningsAsError(reported,
                                   "strict mode: the IR of '" + name +
                                       "' has warnings, so nothing is "
                                       "compiled or run");
  return llvm::Error::success();
}

Session::Session(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
Session::~Session() = default;

void nn::jit::registerPasses() {
  static bool registered = [] {
    mlir::registerAllPasses();
    mlir::nn::registerAllPasses();
    return true;
  }();
  (void)registered;
}

/// Every dialect, pass and translation the pipelines may use.
static mlir::DialectRegistry &getRegistry() {
  static mlir::DialectRegistry registry = [] {
    registerPasses();
    mlir::DialectRegistry r;
    mlir::registerAllDialects(r);
    mlir::registerAllExtensions(r);
    mlir::registerAllToLLVMIRTranslations(r);
    mlir::nn::registerAllDialects(r);
    return r;
  }();
  return registry;
}

llvm::Expected<std::unique_ptr<Session>>
Session::create(std::unique_ptr<llvm::MemoryBuffer> buffer,
                SessionOptions options) {
  auto impl = std::make_unique<Session::Impl>(std::move(options), getRegistry());
  impl->sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  {
    internal::DiagnosticCapture capture = impl->capture();
    impl->module =
        mlir::parseSourceFile<mlir::ModuleOp>(impl->sourceMgr, &impl->context);
    if (!impl->module)
      return llvm::createStringError(impl->log.errors);
    if (!impl->options.preparePipeline.empty()) {
      size_t reported = impl->log.reported.size();
      if (llvm::Error error = internal::runPipeline(
              *impl->module, impl->options.preparePipeline,
              "preparing the module", impl->log))
        return std::move(error);
      if (impl->options.strict && impl->log.hasWarningsSince(reported))
        return impl->log.takeWarningsAsError(
            reported, "strict mode: preparing the module gave warnings");
    }
  }
  if (impl->options.pipeline.empty())
    impl->options.pipeline =
        impl->options.training ? getTrainingPipeline(impl->options.codegenTarget)
                               : getDefaultPipeline(impl->options.codegenTarget);
  impl->inference = startsInInference(impl->options.pipeline);
  if (impl->options.diskCache) {
    if (impl->options.cacheDir.empty())
      impl->options.cacheDir = getDefaultCacheDir();
    impl->disk.emplace(impl->options.cacheDir, impl->options.cacheSizeLimit);
  }
  return std::unique_ptr<Session>(new Session(std::move(impl)));
}

llvm::Expected<std::unique_ptr<Session>>
Session::createFromFile(llvm::StringRef path, SessionOptions options) {
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(path);
  if (!buffer)
    return llvm::createStringError("cannot read '" + path +
                                   "': " + buffer.getError().message());
  return create(std::move(*buffer), std::move(options));
}

llvm::Expected<std::unique_ptr<Session>>
Session::createFromString(llvm::StringRef source, SessionOptions options) {
  return create(llvm::MemoryBuffer::getMemBufferCopy(source, "<string>"),
                       std::move(options));
}

llvm::SmallVector<std::string> Session::getFunctionNames() const {
  llvm::SmallVector<std::string> names;
  for (auto func : impl->module->getOps<mlir::func::FuncOp>())
    if (func.isPublic() && !func.isExternal())
      names.push_back(func.getSymName().str());
  return names;
}

static llvm::Expected<ValueInfo> valueInfo(mlir::Type type,
                                           mlir::DictionaryAttr attrs,
                                           llvm::StringRef function,
                                           llvm::StringRef what, size_t index) {
  ValueInfo info;
  if (attrs)
    if (auto name = attrs.getAs<mlir::StringAttr>("nn.name"))
      info.name = name.getValue().str();
  // Keys cross the boundary as two little-endian uint32 words each.
  if (llvm::isa<mlir::nn::KeyType>(type)) {
    info.type.shape = {2};
    info.type.dtype = DType::U32;
    info.isKey = true;
    return info;
  }
  auto tensor = llvm::dyn_cast<mlir::RankedTensorType>(type);
  // Lowered functions (e.g. from nn-jvp) mark their byte masks and i32 key
  // words, so they are checked and passed as masks and keys.
  if (tensor && tensor.hasStaticShape() && attrs) {
    if (attrs.get("nn.mask") && tensor.getElementType().isInteger(8)) {
      info.type.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
      info.type.dtype = DType::Bool;
      return info;
    }
    if (attrs.get("nn.key") && tensor.getElementType().isInteger(32)) {
      info.type.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
      info.type.dtype = DType::U32;
      info.isKey = true;
      return info;
    }
  }
  if (tensor && tensor.hasStaticShape() &&
      llvm::isa<mlir::nn::KeyType>(tensor.getElementType())) {
    info.type.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
    info.type.shape.push_back(2);
    info.type.dtype = DType::U32;
    info.isKey = true;
    return info;
  }
  std::optional<DType> dtype =
      tensor ? dtypeFromMLIR(tensor.getElementType()) : std::nullopt;
  if (!tensor || !tensor.hasStaticShape() || !dtype) {
    std::string text;
    llvm::raw_string_ostream os(text);
    os << type;
    return llvm::createStringError(
        llvm::formatv("function '{0}': {1} {2} has type {3}; only statically "
                      "shaped tensors of f16/f32/f64/i1/i8/i16/i32/i64/ui8/ui32 "
                      "and !nn.key can be passed",
                      function, what, index, text)
            .str());
  }
  info.type.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
  info.type.dtype = *dtype;
  return info;
}

/// A buffer type whose byte size does not fit in 64 bits is refused: no
/// buffer of it exists, and a wrapped size would pass the buffer checks.
static llvm::Error checkValueSize(const ValueInfo &info,
                                  llvm::StringRef function,
                                  llvm::StringRef what, size_t index) {
  if (llvm::Error error = checkShapeSize(info.type.shape, info.type.dtype))
    return llvm::createStringError(
        llvm::formatv("function '{0}': {1} {2} has type {3}: {4}", function,
                      what, index, info.type.str(),
                      llvm::toString(std::move(error)))
            .str());
  return llvm::Error::success();
}

/// The buffers a call of `func` takes and returns.
static llvm::Expected<FunctionSignature> signatureOf(mlir::func::FuncOp func) {
  llvm::StringRef name = func.getSymName();
  FunctionSignature signature;
  signature.name = name.str();
  for (auto [index, type] : llvm::enumerate(func.getArgumentTypes())) {
    auto info = valueInfo(type, func.getArgAttrDict(index), name, "argument", index);
    if (!info)
      return info.takeError();
    if (llvm::Error error = checkValueSize(*info, name, "argument", index))
      return std::move(error);
    signature.arguments.push_back(std::move(*info));
  }
  for (auto [index, type] : llvm::enumerate(func.getResultTypes())) {
    auto info = valueInfo(type, func.getResultAttrDict(index), name, "result", index);
    if (!info)
      return info.takeError();
    if (llvm::Error error = checkValueSize(*info, name, "result", index))
      return std::move(error);
    // The dialect verified it: an argument of the same type, donated once.
    if (auto donated = func.getResultAttrOfType<mlir::IntegerAttr>(
            index, mlir::nn::kDonatedFromAttrName))
      info->donatedFrom = donated.getInt();
    signature.results.push_back(std::move(*info));
  }
  return signature;
}

llvm::Expected<FunctionSignature>
Session::getSignature(llvm::StringRef name) const {
  auto func = impl->module->lookupSymbol<mlir::func::FuncOp>(name);
  if (!func || func.isExternal()) {
    std::string available = llvm::join(getFunctionNames(), ", ");
    return llvm::createStringError("no function '" + name +
                                   "' in the module (functions: " + available +
                                   ")");
  }
  return signatureOf(func);
}

llvm::Expected<const CompiledFunction &>
Session::lookup(llvm::StringRef name) {
  std::lock_guard<std::mutex> lock(impl->mutex);
  if (auto it = impl->functions.find(name); it != impl->functions.end())
    return *it->second;
  auto signature = getSignature(name);
  if (!signature)
    return signature.takeError();
  mlir::OwningOpRef<mlir::ModuleOp> unit =
      internal::extractCompileUnit(*impl->module, name);
  internal::DiagnosticCapture capture = impl->capture();
  if (llvm::Error error = impl->checkFrontEnd(*unit, name))
    return std::move(error);
  auto compiled = CompileCache::get().getOrCompile(
      *unit, *signature, impl->options, impl->disk ? &*impl->disk : nullptr,
      impl->log);
  if (!compiled)
    return compiled.takeError();
  impl->functions[name] = compiled->front();
  return *compiled->front();
}

llvm::Expected<std::unique_ptr<BoundFunction>>
Session::bind(llvm::StringRef name, llvm::ArrayRef<NamedBuffer> parameters) {
  auto signature = getSignature(name);
  if (!signature)
    return signature.takeError();
  auto bound = std::make_unique<BoundFunction>();
  bound->threads = impl->options.threads;
  bound->bound.resize(signature->arguments.size());
  for (const NamedBuffer &param : parameters) {
    auto it = llvm::find_if(signature->arguments, [&](const ValueInfo &arg) {
      return !arg.name.empty() && arg.name == param.name;
    });
    if (it == signature->arguments.end())
      return llvm::createStringError("function '" + name +
                                     "' has no argument named '" + param.name +
                                     "'");
    size_t index = it - signature->arguments.begin();
    if (bound->bound[index])
      return llvm::createStringError("parameter '" + param.name +
                                     "' is bound twice");
    if (llvm::any_of(signature->results, [&](const ValueInfo &result) {
          return result.donatedFrom == index;
        }))
      return llvm::createStringError(
          "function '" + name + "': parameter '" + param.name +
          "' is donated (each call overwrites it with a result); pass it "
          "per call instead of binding it");
    if (param.buffer.dtype != it->type.dtype ||
        param.buffer.shape != llvm::ArrayRef<int64_t>(it->type.shape) ||
        !param.buffer.data)
      return llvm::createStringError(
          llvm::formatv("function '{0}': parameter '{1}': expected {2}, got {3}",
                        name, param.name, it->type.str(),
                        param.buffer.data ? param.buffer.typeStr()
                                          : std::string("a null buffer"))
              .str());
    auto copy = HostTensor::create(it->type);
    if (!copy)
      return copy.takeError();
    std::memcpy(copy->data(), param.buffer.data, copy->sizeInBytes());
    bound->bound[index] = std::move(*copy);
  }
  for (auto [index, param] : llvm::enumerate(bound->bound))
    if (!param)
      bound->freeArguments.push_back(index);

  if (llvm::Error error = compileWithPackedWeights(name, *bound))
    return std::move(error);
  if (!bound->function) {
    auto function = lookup(name);
    if (!function)
      return function.takeError();
    bound->function = &*function;
  }
  return bound;
}

llvm::Error Session::compileWithPackedWeights(llvm::StringRef name,
                                              BoundFunction &bound) {
  std::lock_guard<std::mutex> lock(impl->mutex);
  mlir::OwningOpRef<mlir::ModuleOp> unit =
      internal::extractCompileUnit(*impl->module, name);
  internal::DiagnosticCapture capture = impl->capture();
  if (llvm::Error error = impl->checkFrontEnd(*unit, name))
    return error;
  auto func = unit->lookupSymbol<mlir::func::FuncOp>(name);
  for (auto [index, param] : llvm::enumerate(bound.bound))
    if (param)
      func.setArgAttr(index, mlir::nn::kBoundAttrName,
                      mlir::UnitAttr::get(&impl->context));
  // Panels as wide as the codegen target's register tile, which the
  // strategy then takes whatever the pipeline says.
  int64_t panelWidth =
      mlir::nn::getCodegenTargetInfo(impl->options.codegenTarget)
          .matmulTileCols;
  if (llvm::Error error = internal::runPipeline(
          *unit,
          "builtin.module(nn-pack-bound-weights{panel-width=" +
              std::to_string(panelWidth) + "})",
          ("laying out the bound parameters of '" + name + "'").str(),
          impl->log))
    return error;
  auto packFunc = unit->lookupSymbol<mlir::func::FuncOp>(
      (name + mlir::nn::kPackWeightsSuffix).str());
  if (!packFunc)
    return llvm::Error::success();

  llvm::SmallVector<FunctionSignature, 2> signatures;
  for (mlir::func::FuncOp entry : {func, packFunc}) {
    auto signature = signatureOf(entry);
    if (!signature)
      return signature.takeError();
    signatures.push_back(std::move(*signature));
  }
  auto compiled = CompileCache::get().getOrCompile(
      *unit, signatures, impl->options, impl->disk ? &*impl->disk : nullptr,
      impl->log);
  if (!compiled) {
    // A pipeline without nn-tile-and-fuse cannot read panels (nor lower the
    // unpack): the parameters are then bound as given.
    llvm::consumeError(compiled.takeError());
    return llvm::Error::success();
  }
  const FunctionSignature &packedSignature = (*compiled)[0]->getSignature();
  const CompiledFunction &packWeights = *(*compiled)[1];

  // Lay the bound copies out once, here; calls read the packed ones.
  llvm::SmallVector<unsigned> indices;
  llvm::SmallVector<BufferRef> kernels, panels;
  llvm::SmallVector<HostTensor> packed;
  const FunctionSignature &packSignature = packWeights.getSignature();
  for (const ValueInfo &result : packSignature.results) {
    auto it =
        llvm::find_if(packedSignature.arguments, [&](const ValueInfo &arg) {
          return arg.name == result.name;
        });
    if (it == packedSignature.arguments.end())
      return llvm::createStringError("'" + packSignature.name +
                                     "' packs an unknown parameter '" +
                                     result.name + "'");
    unsigned index = it - packedSignature.arguments.begin();
    indices.push_back(index);
    kernels.push_back(bound.bound[index]->ref());
    packed.emplace_back(result.type);
  }
  for (HostTensor &panel : packed)
    panels.push_back(panel.ref());
  if (llvm::Error error = packWeights.call(kernels, panels, bound.threads))
    return error;
  for (auto [index, panel] : llvm::zip(indices, packed))
    bound.bound[index] = std::move(panel);
  bound.function = (*compiled)[0];
  return llvm::Error::success();
}

llvm::Error Session::emit(llvm::StringRef name, EmitStage stage,
                          llvm::raw_ostream &os) {
  std::lock_guard<std::mutex> lock(impl->mutex);
  auto signature = getSignature(name);
  if (!signature)
    return signature.takeError();
  mlir::OwningOpRef<mlir::ModuleOp> unit =
      internal::extractCompileUnit(*impl->module, name);
  internal::DiagnosticCapture capture = impl->capture();
  if (llvm::Error error = impl->checkFrontEnd(*unit, name))
    return error;
  return internal::emit(*unit, name, impl->options.pipeline,
                        impl->options.optLevel, stage, os, impl->log);
}

std::vector<CompileDiagnostic> Session::takeDiagnostics() {
  std::lock_guard<std::mutex> lock(impl->mutex);
  std::vector<CompileDiagnostic> taken = std::move(impl->log.reported);
  impl->log.reported.clear();
  return taken;
}

llvm::Error Session::call(llvm::StringRef name,
                          llvm::ArrayRef<BufferRef> arguments,
                          llvm::ArrayRef<BufferRef> results) {
  auto function = lookup(name);
  if (!function)
    return function.takeError();
  return function->call(arguments, results, impl->options.threads);
}
