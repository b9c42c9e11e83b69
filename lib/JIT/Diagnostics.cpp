//===- Diagnostics.cpp - the compile's diagnostics, for the caller --------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "Diagnostics.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
using namespace ::nn::jit;
using namespace ::nn::jit::internal;

bool DiagnosticLog::contains(const CompileDiagnostic &diagnostic) const {
  return llvm::any_of(reported, [&](const CompileDiagnostic &other) {
    return other.severity == diagnostic.severity &&
           other.rendered == diagnostic.rendered;
  });
}

bool DiagnosticLog::hasWarningsSince(size_t from) const {
  return llvm::any_of(llvm::drop_begin(reported, from),
                      [](const CompileDiagnostic &diagnostic) {
                        return diagnostic.severity ==
                               CompileDiagnostic::Severity::Warning;
                      });
}

llvm::Error DiagnosticLog::takeWarningsAsError(size_t from,
                                               const llvm::Twine &summary) {
  std::string text = renderAll(llvm::ArrayRef(reported).drop_front(from));
  reported.resize(from);
  return llvm::createStringError((summary + ":\n" + text).str());
}

/// nn-opt's renderer (SourceMgrDiagnosticHandler), writing to a buffer.
class DiagnosticCapture::Renderer : public SourceMgrDiagnosticHandler {
public:
  using SourceMgrDiagnosticHandler::emitDiagnostic;
  using SourceMgrDiagnosticHandler::SourceMgrDiagnosticHandler;
};

DiagnosticCapture::DiagnosticCapture(MLIRContext *context,
                                     llvm::SourceMgr &sourceMgr,
                                     DiagnosticLog &log, bool strict)
    : bufferOs(buffer),
      renderer(std::make_unique<Renderer>(sourceMgr, context, bufferOs)),
      context(context) {
  // Registered after the renderer's own handler, so this one sees every
  // diagnostic first (handlers run newest first) and consumes it.
  handler = context->getDiagEngine().registerHandler([this, &log, strict](
                                                         Diagnostic &diag) {
    DiagnosticSeverity severity = diag.getSeverity();
    bool isError = severity == DiagnosticSeverity::Error ||
                   (strict && severity == DiagnosticSeverity::Warning);
    buffer.clear();
    renderer->emitDiagnostic(diag.getLocation(), diag.str(),
                             isError ? DiagnosticSeverity::Error : severity);
    for (Diagnostic &note : diag.getNotes())
      renderer->emitDiagnostic(note.getLocation(), note.str(),
                               DiagnosticSeverity::Note);
    if (severity == DiagnosticSeverity::Error) {
      log.errors += buffer;
      return success();
    }
    CompileDiagnostic diagnostic;
    diagnostic.severity = severity == DiagnosticSeverity::Warning
                              ? CompileDiagnostic::Severity::Warning
                              : CompileDiagnostic::Severity::Remark;
    diagnostic.message = diag.str();
    diagnostic.rendered = buffer;
    // The checks run before a compile and again inside it: say it once.
    if (!log.contains(diagnostic))
      log.reported.push_back(std::move(diagnostic));
    return success();
  });
}

DiagnosticCapture::~DiagnosticCapture() {
  context->getDiagEngine().eraseHandler(handler);
}

std::string internal::renderAll(llvm::ArrayRef<CompileDiagnostic> diagnostics) {
  std::string text;
  for (const CompileDiagnostic &diagnostic : diagnostics)
    text += diagnostic.rendered;
  return text;
}
