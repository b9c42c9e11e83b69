//===- lower.cpp - fuzz: parse, verify and lower nn IR ---------------------===//
//
// Part of the nn-mlir project.
//
// Parses the input as an MLIR module in a context that knows only the nn,
// func, arith, tensor and scf dialects (the passes load what they need),
// verifies it, runs the JIT front end's checks and then its default pipeline
// (nn-inference, nn-lower-to-llvm). Errors are expected; crashes, sanitizer
// reports, hangs (-timeout) and memory blow-ups (-rss_limit_mb) are findings.
//
//===----------------------------------------------------------------------===//

#include "nn/InitAll.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>

using namespace mlir;

static const char *const kChecks =
    "builtin.module(nn-check-key-reuse,nn-propagate-masks)";
static const char *const kPipeline =
    "builtin.module(nn-inference,nn-lower-to-llvm{use-workspace=true "
    "codegen-target=x86-64-v3})";

static DialectRegistry &getRegistry() {
  static DialectRegistry registry = [] {
    mlir::nn::registerAllPasses();
    DialectRegistry r;
    r.insert<arith::ArithDialect, func::FuncDialect, scf::SCFDialect,
             tensor::TensorDialect>();
    mlir::nn::registerAllDialects(r);
    // Interface models (bufferization, ...) of the dialects the pipeline
    // loads; they attach only when their dialect is loaded.
    registerAllExtensions(r);
    return r;
  }();
  return registry;
}

static bool runPipeline(ModuleOp module, const char *text) {
  std::string ignored;
  llvm::raw_string_ostream os(ignored);
  FailureOr<OpPassManager> parsed = parsePassPipeline(text, os);
  if (failed(parsed))
    abort(); // The pipeline's spelling is ours: a bug in this target.
  PassManager pm(module->getContext(), ModuleOp::getOperationName());
  static_cast<OpPassManager &>(pm) = std::move(*parsed);
  return succeeded(pm.run(module));
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // A fresh context per input: dialects the pipeline loaded for one input
  // must not become parseable for the next.
  MLIRContext context(getRegistry(), MLIRContext::Threading::DISABLED);
  ScopedDiagnosticHandler quiet(&context, [](Diagnostic &) { return success(); });
  // As Session::create parses: a NUL-terminated copy (MLIR's lexer reads
  // the terminator; libFuzzer's data has none, and parseSourceString does
  // not copy). The parser verifies what it parsed (ParserConfig's default).
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(
          llvm::StringRef(reinterpret_cast<const char *>(data), size), "input"),
      llvm::SMLoc());
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(&context));
  if (!module)
    return 0;
  OwningOpRef<ModuleOp> copy = module->clone();
  if (!runPipeline(*copy, kChecks))
    return 0;
  (void)runPipeline(*module, kPipeline);
  return 0;
}
