//===- Diagnostics.h - the compile's diagnostics, for the caller -*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// The JIT never drops what the compiler says: every warning and remark of a
// pipeline is rendered as nn-opt renders it (location, source line, notes)
// and kept for the caller; errors become the failing call's llvm::Error.
//
//===----------------------------------------------------------------------===//

#ifndef NN_LIB_JIT_DIAGNOSTICS_H
#define NN_LIB_JIT_DIAGNOSTICS_H

#include "nn/JIT/Session.h"

#include "mlir/IR/Diagnostics.h"

#include <memory>
#include <vector>

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace nn::jit::internal {

/// What one compile step reported: the warnings and remarks (kept for the
/// caller, each once) and the errors (for the step's llvm::Error).
struct DiagnosticLog {
  std::vector<CompileDiagnostic> reported;
  std::string errors;

  bool contains(const CompileDiagnostic &diagnostic) const;
  /// Whether something reported from index `from` on is a warning.
  bool hasWarningsSince(size_t from) const;
  /// Strict mode's error: `summary`, then what was reported from index
  /// `from` on, which leaves the log (it is the error now).
  llvm::Error takeWarningsAsError(size_t from, const llvm::Twine &summary);
};

/// Captures every diagnostic emitted on `context` while it lives into `log`,
/// rendered with `sourceMgr` (which holds the module's source, so the lines
/// print as in nn-opt). With `strict`, warnings are rendered as errors.
class DiagnosticCapture {
public:
  DiagnosticCapture(mlir::MLIRContext *context, llvm::SourceMgr &sourceMgr,
                    DiagnosticLog &log, bool strict);
  ~DiagnosticCapture();
  DiagnosticCapture(const DiagnosticCapture &) = delete;
  DiagnosticCapture &operator=(const DiagnosticCapture &) = delete;

private:
  class Renderer;
  std::string buffer;
  llvm::raw_string_ostream bufferOs;
  std::unique_ptr<Renderer> renderer;
  mlir::MLIRContext *context;
  mlir::DiagnosticEngine::HandlerID handler;
};

/// The text of `diagnostics`, one after the other.
std::string renderAll(llvm::ArrayRef<CompileDiagnostic> diagnostics);

} // namespace nn::jit::internal

#endif // NN_LIB_JIT_DIAGNOSTICS_H
