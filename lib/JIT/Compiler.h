//===- Compiler.h - MLIR module to object file ------------------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_LIB_JIT_COMPILER_H
#define NN_LIB_JIT_COMPILER_H

#include "Diagnostics.h"

#include "nn/JIT/Session.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Target/TargetMachine.h"

#include <string>

namespace nn::jit::internal {

/// The host target, and the strings that identify it in cache keys.
struct HostTarget {
  std::string triple;
  std::string cpu;
  std::string features;
};
const HostTarget &getHostTarget();

/// Name of the packed entry point `void(void **)` generated for `function`.
std::string packedEntryName(llvm::StringRef function);

/// Copies `entry` and every function it calls (transitively) into a new
/// module: the unit that is compiled and cached for `entry`.
mlir::OwningOpRef<mlir::ModuleOp> extractCompileUnit(mlir::ModuleOp module,
                                                      llvm::StringRef entry);

/// The cache key of a unit: a hash of its generic, location-free IR (all
/// constants in full), the pipeline, the optimization level, the target,
/// nn-mlir's build identity and the LLVM version.
std::string computeCacheKey(mlir::ModuleOp unit, llvm::StringRef pipeline,
                            unsigned optLevel);
/// The same with an explicit build identity (for tests).
std::string computeCacheKey(mlir::ModuleOp unit, llvm::StringRef pipeline,
                            unsigned optLevel, llvm::StringRef buildId);

/// Runs the textual `pipeline` (anchored on builtin.module) on `unit`; the
/// command line's MLIR pass-manager options (IR printing, timing) apply when
/// the tool registered them. The caller captures the context's diagnostics
/// into `log` (DiagnosticCapture); errors say `<what> failed:` and the error
/// diagnostics, warnings and remarks stay in `log`.
llvm::Error runPipeline(mlir::ModuleOp unit, llvm::StringRef pipeline,
                        llvm::StringRef what, DiagnosticLog &log);

/// Stops after `stage` and writes it to `os` (see Session::emit).
llvm::Error emit(mlir::ModuleOp unit, llvm::StringRef entry,
                 llvm::StringRef pipeline, unsigned optLevel, EmitStage stage,
                 llvm::raw_ostream &os, DiagnosticLog &log);

/// Lowers `unit` with `pipeline`, translates it to LLVM IR, adds the packed
/// entry point of each of its public functions (`entry` names the unit in
/// messages), optimizes at `optLevel` and compiles it: the unit's objects
/// as a pack (ObjectPack.h), one object, or one per part of a large unit
/// compiled in parallel.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
compileToObject(mlir::ModuleOp unit, llvm::StringRef entry,
                llvm::StringRef pipeline, unsigned optLevel,
                DiagnosticLog &log);

} // namespace nn::jit::internal

#endif // NN_LIB_JIT_COMPILER_H
