//===- Session.h - compile nn modules and call them natively ----*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// A Session holds one parsed module. Looking up a function compiles it (the
// project's pipeline, then LLVM ORC) or takes it from the process-wide
// compile cache; calling it checks every buffer against the function's
// signature and runs native code on the caller's buffers. Inputs, params,
// masks and keys are plain buffers passed at call time: their values are
// never part of what is compiled or cached.
//
//===----------------------------------------------------------------------===//

#ifndef NN_JIT_SESSION_H
#define NN_JIT_SESSION_H

#include "nn/Codegen/Target.h"
#include "nn/JIT/HostTensor.h"
#include "nn/JIT/Tensor.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <string>
#include <vector>

namespace nn::jit {

/// One argument or result of an entry function.
struct ValueInfo {
  /// From the `nn.name` argument / result attribute, or empty.
  std::string name;
  TensorType type;
  /// An `!nn.key` (uint32 [2]) or a key array (uint32 [..., 2]).
  bool isKey = false;
  /// For a result: the argument it is donated from (`nn.donated_from`; a
  /// train step's updated parameters and optimizer state). The call
  /// computes the result into that argument's buffer, overwriting it.
  std::optional<unsigned> donatedFrom;
};

/// What a caller must pass: argument buffers, then result buffers. An
/// argument that a result is donated from is overwritten by the call (see
/// CompiledFunction::call).
struct FunctionSignature {
  std::string name;
  llvm::SmallVector<ValueInfo, 8> arguments;
  llvm::SmallVector<ValueInfo, 2> results;
};

/// A warning or remark the compiler emitted about a function's IR (a
/// timestep mask lost on the way to its consumer, a key used twice, dropout
/// removed by inference mode, ...).
struct CompileDiagnostic {
  enum class Severity { Remark, Warning };
  Severity severity = Severity::Warning;
  /// The message alone.
  std::string message;
  /// As nn-opt prints it: `file:line:col: warning: message`, the source
  /// line, and the notes.
  std::string rendered;
};

/// Process-wide compile cache counters.
struct CacheStats {
  uint64_t compiled = 0;
  uint64_t memoryHits = 0;
  uint64_t diskHits = 0;
};

struct SessionOptions {
  /// The MLIR pass pipeline (textual, as nn-opt takes it) from the input
  /// module to the LLVM dialect; empty means the project's default for
  /// `codegenTarget`.
  std::string pipeline;
  /// The vector ISA level tile sizes are chosen for: the default
  /// pipeline's `codegen-target`, and the panel width of weights laid out
  /// at bind time. Code is compiled for the host CPU whatever it says.
  mlir::nn::CodegenTarget codegenTarget = mlir::nn::CodegenTarget::Host;
  /// LLVM optimization level, 0 to 3. 2 by default: the generated code is
  /// explicit vector code, which -O3 makes no faster (measured on the
  /// dense, MLP, softmax, pooling and random kernels), and -O2 compiles
  /// about 15% faster.
  unsigned optLevel = 2;
  /// Keep compiled objects on disk across processes.
  bool diskCache = true;
  /// The disk cache's directory; empty means getDefaultCacheDir().
  std::string cacheDir;
  /// Evict the least recently used entries beyond this many bytes.
  uint64_t cacheSizeLimit = uint64_t(1) << 30;
  /// Training mode: the default pipeline keeps dropout. Otherwise (inference
  /// mode) it starts with nn-inference, which makes dropout the identity, and
  /// a lookup of a function with dropout reports that in a remark.
  bool training = false;
  /// Every warning about the IR is an error: the lookup fails and nothing is
  /// compiled or run.
  bool strict = false;
  /// A pipeline run on the module as it is loaded, before any signature is
  /// read: for transformations that change signatures, such as
  /// `builtin.module(inline,nn-export-activations)`. Empty: none.
  std::string preparePipeline;
  /// Threads that share a call's parallel loops (the cache tiles of large
  /// ops); 0 means one per core. Applies to Session::call and to the
  /// BoundFunctions of this session; CompiledFunction::call (shared by all
  /// sessions) takes the count as its argument. A run-time setting: it is not part of the
  /// compiled code or its cache key, and results are bit-identical for any
  /// value (threads split output tiles, never a reduction).
  unsigned threads = 0;
};

/// The number of threads `threads` stands for: itself, or the number of
/// cores for 0.
unsigned resolveThreadCount(unsigned threads);

/// `$NN_JIT_CACHE_DIR`, else `$XDG_CACHE_HOME/nn-mlir`, else
/// `~/.cache/nn-mlir`.
std::string getDefaultCacheDir();

/// Registers every upstream and nn pass and pipeline with MLIR's global
/// registry (idempotent). Sessions do it themselves; a tool calls it before
/// parsing its command line so that pass names are known to MLIR's flags.
void registerPasses();

/// Where `Session::emit` stops: the compile unit as parsed, after the MLIR
/// pipeline (LLVM dialect), optimized LLVM IR, assembly, or object code.
enum class EmitStage { MLIR, LLVMDialect, LLVMIR, Assembly, Object };

/// The default pipeline, inference mode, with tile sizes for `target`
/// (`host` resolved to the level it stands for):
/// `builtin.module(nn-inference,nn-lower-to-llvm{use-workspace=true
/// codegen-target=x86-64-v3})` (dropout is the identity; intermediates live
/// in a workspace the runtime allocates once per thread).
std::string getDefaultPipeline(
    mlir::nn::CodegenTarget target = mlir::nn::CodegenTarget::Host);
/// The same in training mode (dropout applies): no nn-inference.
std::string getTrainingPipeline(
    mlir::nn::CodegenTarget target = mlir::nn::CodegenTarget::Host);

/// A compiled entry function. Calls are thread-safe.
class CompiledFunction {
public:
  using EntryFn = void (*)(void **);
  /// `workspaceBytes`: the size of the workspace the code takes as its last
  /// argument, if it takes one (see nn-allocate-workspace).
  CompiledFunction(FunctionSignature signature, EntryFn entry,
                   std::optional<int64_t> workspaceBytes)
      : signature(std::move(signature)), entry(entry),
        workspaceBytes(workspaceBytes) {}

  const FunctionSignature &getSignature() const { return signature; }

  /// Checks count, rank, shape and element type of every buffer against the
  /// signature, then calls the native code, which writes the results into
  /// the caller's result buffers, on `threads` threads (0: one per core).
  ///
  /// Donation (ValueInfo::donatedFrom, as JAX's donate_argnums): the native
  /// code computes a donated result into its argument's buffer, so after
  /// the call that argument holds the result and its old value is gone.
  /// Pass the argument's own buffer as the result: nothing is copied. A
  /// result buffer elsewhere receives a copy of the argument after the
  /// call. A donated argument must not share memory with another argument
  /// (an error): the update would change what the other one reads.
  llvm::Error call(llvm::ArrayRef<BufferRef> arguments,
                   llvm::ArrayRef<BufferRef> results,
                   unsigned threads = 0) const;

  /// The native entry point: `void(void **descriptors)`, one memref
  /// descriptor per argument and per result that is not donated (then the
  /// workspace, if any). For
  /// measuring dispatch overhead; call() is the checked way in.
  EntryFn getEntryPoint() const { return entry; }

  /// Checks the buffers without calling.
  llvm::Error check(llvm::ArrayRef<BufferRef> arguments,
                    llvm::ArrayRef<BufferRef> results) const;

private:
  llvm::Error invoke(llvm::ArrayRef<BufferRef> arguments,
                     llvm::ArrayRef<BufferRef> results,
                     unsigned threads) const;

  FunctionSignature signature;
  EntryFn entry;
  std::optional<int64_t> workspaceBytes;
};

/// A compiled function with some named arguments (parameters) bound once.
/// Binding copies the parameters into storage this object owns, in the
/// layout the compiled kernels read (dense kernels as column panels, see
/// nn-pack-bound-weights: once per parameter set, never per call); the
/// bound function's signature gives those arguments in that layout. Calls
/// then pass only the other ("free") arguments, in order. Calls are
/// thread-safe. A donated argument cannot be bound (each call would
/// overwrite it).
class BoundFunction {
public:
  const CompiledFunction &getFunction() const { return *function; }
  /// Indices (in the full signature) of the arguments a call takes.
  llvm::ArrayRef<unsigned> getFreeArguments() const { return freeArguments; }

  /// Calls on the session's thread count (SessionOptions::threads).
  llvm::Error call(llvm::ArrayRef<BufferRef> arguments,
                   llvm::ArrayRef<BufferRef> results) const;

private:
  friend class Session;
  const CompiledFunction *function = nullptr;
  unsigned threads = 0;
  /// Per argument of the signature: the bound parameter, or empty.
  llvm::SmallVector<std::optional<HostTensor>> bound;
  llvm::SmallVector<unsigned> freeArguments;
};

/// A named parameter to bind.
struct NamedBuffer {
  std::string name;
  BufferRef buffer;
};

class Session {
public:
  static llvm::Expected<std::unique_ptr<Session>>
  createFromFile(llvm::StringRef path, SessionOptions options = {});
  static llvm::Expected<std::unique_ptr<Session>>
  createFromString(llvm::StringRef source, SessionOptions options = {});
  ~Session();

  /// Public functions of the module, in order.
  llvm::SmallVector<std::string> getFunctionNames() const;

  /// The signature of `name`, without compiling it.
  llvm::Expected<FunctionSignature> getSignature(llvm::StringRef name) const;

  /// Compiles `name` (or finds it in the compile cache). Thread-safe; the
  /// returned function lives as long as the process.
  llvm::Expected<const CompiledFunction &> lookup(llvm::StringRef name);

  /// Compiles `name` and binds `parameters` to its arguments of the same
  /// `nn.name` (copies, laid out for the kernels: see BoundFunction). Unknown
  /// names, mismatched types and donated arguments are errors.
  llvm::Expected<std::unique_ptr<BoundFunction>>
  bind(llvm::StringRef name, llvm::ArrayRef<NamedBuffer> parameters);

  /// Compiles `name` up to `stage` and writes that stage to `os` (for
  /// debugging; nothing is cached).
  llvm::Error emit(llvm::StringRef name, EmitStage stage, llvm::raw_ostream &os);

  /// lookup(name) followed by CompiledFunction::call (which overwrites
  /// donated arguments).
  llvm::Error call(llvm::StringRef name, llvm::ArrayRef<BufferRef> arguments,
                   llvm::ArrayRef<BufferRef> results);

  /// Counters of the process-wide compile cache.
  static CacheStats getCacheStats();

  /// The warnings and remarks reported since the last call, in order: those
  /// of loading the module (the prepare pipeline) and of each lookup, bind
  /// and emit. Every lookup runs the checks of the nn front end (key reuse,
  /// lost masks, inference mode) even when the code comes from a cache, so
  /// a cache hit reports what a cold compile reports.
  std::vector<CompileDiagnostic> takeDiagnostics();

  struct Impl;

private:
  static llvm::Expected<std::unique_ptr<Session>>
  create(std::unique_ptr<llvm::MemoryBuffer> buffer, SessionOptions options);
  /// Compiles `name` taking `bound`'s parameters in the layout its kernels
  /// read (nn-pack-bound-weights) and lays them out; leaves `bound` as it is
  /// when no parameter changes layout or the session's pipeline cannot
  /// compile that form (one without nn-tile-and-fuse).
  llvm::Error compileWithPackedWeights(llvm::StringRef name,
                                       BoundFunction &bound);
  explicit Session(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

} // namespace nn::jit

#endif // NN_JIT_SESSION_H
