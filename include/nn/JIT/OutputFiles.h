//===- OutputFiles.h - output files that never clobber inputs ---*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// What the tools use to write results: no output may be a file the same run
// reads (compared by device and inode, so a symlink, a hard link or another
// spelling of the path is caught) or another output; outputs are written to
// a temporary file beside them and renamed into place, so that a failed run
// leaves no half-written file.
//
//===----------------------------------------------------------------------===//

#ifndef NN_JIT_OUTPUTFILES_H
#define NN_JIT_OUTPUTFILES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nn::jit {

/// The files one run reads and writes.
class RunFiles {
public:
  /// Records a file the run reads, described as `what` ("--input
  /// '@x.npy'"); nothing when it does not exist (it cannot be replaced).
  void addInput(const llvm::Twine &what, llvm::StringRef path);
  /// Records an output, described as `what`: an error when it is a file the
  /// run reads or the file of another output.
  llvm::Error addOutput(const llvm::Twine &what, llvm::StringRef path);

private:
  struct File {
    std::string what;
    /// The file, when it exists.
    std::optional<llvm::sys::fs::UniqueID> id;
    /// Its directory and name (outputs that do not exist yet).
    std::optional<llvm::sys::fs::UniqueID> directory;
    std::string name;
  };
  std::vector<File> inputs, outputs;
};

/// Whether an output to `path` goes to a temporary file renamed over it:
/// when nothing is there or a regular file. A symlink, device or FIFO
/// (/dev/null, /dev/stdout) is written through instead, never replaced.
bool replacedByRename(llvm::StringRef path);

/// Writes each (path, bytes) to a temporary file beside its path, then
/// renames them into place: a failure before the renames leaves every path
/// as it was.
llvm::Error
writeFilesAtomically(llvm::ArrayRef<std::pair<std::string, std::string>> files);

/// A file written in pieces during a run (a CSV history, --emit's output):
/// the text goes to a temporary file beside `path`, which replaces `path` on
/// commit(); without a commit (the run failed) it is removed. `-` is
/// stdout; see replacedByRename for other paths that are written through.
class PendingFile {
public:
  static llvm::Expected<std::unique_ptr<PendingFile>>
  create(llvm::StringRef path);
  ~PendingFile();

  llvm::raw_ostream &os() { return *stream; }
  llvm::Error commit();

private:
  PendingFile(std::string path, std::string temporary, int fd,
              bool shouldClose);

  /// `temporary` is empty for a path written through.
  std::string path, temporary;
  std::unique_ptr<llvm::raw_fd_ostream> stream;
  bool committed = false;
};

} // namespace nn::jit

#endif // NN_JIT_OUTPUTFILES_H
