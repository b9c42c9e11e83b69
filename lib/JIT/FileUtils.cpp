//===- FileUtils.cpp - file helpers of the JIT library --------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "FileUtils.h"

#include "nn/JIT/OutputFiles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

using namespace nn::jit;

static llvm::Error cannotWrite(llvm::StringRef path, const llvm::Twine &why) {
  return llvm::createStringError(("cannot write '" + path + "': " + why).str());
}

bool nn::jit::replacedByRename(llvm::StringRef path) {
  llvm::sys::fs::file_status status;
  if (llvm::sys::fs::status(path, status, /*Follow=*/false))
    return true; // Nothing there yet.
  return status.type() == llvm::sys::fs::file_type::regular_file;
}

/// Creates a uniquely named temporary file beside `path` (removed if the
/// process is killed); its name in `temporary`.
static llvm::Error createTemporary(llvm::StringRef path, int &fd,
                                   llvm::SmallVectorImpl<char> &temporary) {
  llvm::SmallString<256> model(path);
  model += "-%%%%%%%%.tmp";
  if (std::error_code ec =
          llvm::sys::fs::createUniqueFile(model, fd, temporary))
    return cannotWrite(path, ec.message());
  llvm::sys::RemoveFileOnSignal(
      llvm::StringRef(temporary.data(), temporary.size()));
  return llvm::Error::success();
}

static void removeTemporary(llvm::StringRef temporary) {
  llvm::sys::fs::remove(temporary);
  llvm::sys::DontRemoveFileOnSignal(temporary);
}

/// Writes `bytes` to a new temporary file beside `path`; returns its name.
static llvm::Expected<std::string> writeTemporary(llvm::StringRef path,
                                                  llvm::StringRef bytes) {
  int fd;
  llvm::SmallString<256> temporary;
  if (llvm::Error error = createTemporary(path, fd, temporary))
    return std::move(error);
  llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
  os << bytes;
  os.close();
  if (os.has_error()) {
    std::string message = os.error().message();
    os.clear_error();
    removeTemporary(temporary);
    return cannotWrite(path, message);
  }
  return std::string(temporary);
}

static llvm::Error renameTemporary(llvm::StringRef temporary,
                                   llvm::StringRef path) {
  std::error_code ec = llvm::sys::fs::rename(temporary, path);
  if (ec) {
    removeTemporary(temporary);
    return cannotWrite(path, ec.message());
  }
  llvm::sys::DontRemoveFileOnSignal(temporary);
  return llvm::Error::success();
}

/// Writes `bytes` straight into `path` (a device, a FIFO, a symlink).
static llvm::Error writeThrough(llvm::StringRef path, llvm::StringRef bytes) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec)
    return cannotWrite(path, ec.message());
  os << bytes;
  os.close();
  if (os.has_error()) {
    std::string message = os.error().message();
    os.clear_error();
    return cannotWrite(path, message);
  }
  return llvm::Error::success();
}

llvm::Error internal::writeFileAtomically(llvm::StringRef path,
                                          llvm::StringRef bytes) {
  if (!replacedByRename(path))
    return writeThrough(path, bytes);
  auto temporary = writeTemporary(path, bytes);
  if (!temporary)
    return temporary.takeError();
  return renameTemporary(*temporary, path);
}

llvm::Error nn::jit::writeFilesAtomically(
    llvm::ArrayRef<std::pair<std::string, std::string>> files) {
  // Paths that are no regular files are written last, straight.
  std::vector<std::string> temporaries;
  for (const auto &[path, bytes] : files) {
    if (!replacedByRename(path)) {
      temporaries.emplace_back();
      continue;
    }
    auto temporary = writeTemporary(path, bytes);
    if (!temporary) {
      for (const std::string &written : temporaries)
        removeTemporary(written);
      return temporary.takeError();
    }
    temporaries.push_back(std::move(*temporary));
  }
  llvm::Error failed = llvm::Error::success();
  for (auto [file, temporary] : llvm::zip(files, temporaries)) {
    if (temporary.empty())
      continue;
    if (failed)
      removeTemporary(temporary);
    else
      failed = renameTemporary(temporary, file.first);
  }
  for (auto [file, temporary] : llvm::zip(files, temporaries))
    if (temporary.empty() && !failed)
      failed = writeThrough(file.first, file.second);
  return failed;
}

//===----------------------------------------------------------------------===//
// RunFiles
//===----------------------------------------------------------------------===//

static std::optional<llvm::sys::fs::UniqueID> fileId(llvm::StringRef path) {
  llvm::sys::fs::UniqueID id;
  if (llvm::sys::fs::getUniqueID(path, id))
    return std::nullopt;
  return id;
}

void RunFiles::addInput(const llvm::Twine &what, llvm::StringRef path) {
  if (std::optional<llvm::sys::fs::UniqueID> id = fileId(path))
    inputs.push_back({what.str(), id, std::nullopt, ""});
}

llvm::Error RunFiles::addOutput(const llvm::Twine &what, llvm::StringRef path) {
  File file;
  file.what = what.str();
  file.id = fileId(path);
  llvm::SmallString<256> directory(path);
  llvm::sys::path::remove_filename(directory);
  file.directory = fileId(directory.empty() ? "." : directory.str());
  file.name = llvm::sys::path::filename(path).str();
  for (const File &input : inputs)
    if (file.id && *file.id == *input.id)
      return llvm::createStringError(
          file.what + " is the file that " + input.what +
          " reads; the run would replace its own input (write elsewhere)");
  // Writing a device or FIFO (/dev/null) twice replaces nothing.
  if (!replacedByRename(path))
    return llvm::Error::success();
  for (const File &output : outputs)
    if ((file.id && output.id && *file.id == *output.id) ||
        (file.directory && output.directory &&
         *file.directory == *output.directory && file.name == output.name))
      return llvm::createStringError(file.what + " and " + output.what +
                                     " are the same file");
  outputs.push_back(std::move(file));
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// PendingFile
//===----------------------------------------------------------------------===//

PendingFile::PendingFile(std::string path, std::string temporary, int fd,
                         bool shouldClose)
    : path(std::move(path)), temporary(std::move(temporary)),
      stream(std::make_unique<llvm::raw_fd_ostream>(fd, shouldClose)) {}

llvm::Expected<std::unique_ptr<PendingFile>>
PendingFile::create(llvm::StringRef path) {
  if (path == "-")
    return std::unique_ptr<PendingFile>(
        new PendingFile(path.str(), "", /*fd=*/1, /*shouldClose=*/false));
  int fd;
  if (!replacedByRename(path)) {
    if (std::error_code ec = llvm::sys::fs::openFileForWrite(path, fd))
      return cannotWrite(path, ec.message());
    return std::unique_ptr<PendingFile>(
        new PendingFile(path.str(), "", fd, /*shouldClose=*/true));
  }
  llvm::SmallString<256> temporary;
  if (llvm::Error error = createTemporary(path, fd, temporary))
    return std::move(error);
  return std::unique_ptr<PendingFile>(new PendingFile(
      path.str(), std::string(temporary), fd, /*shouldClose=*/true));
}

llvm::Error PendingFile::commit() {
  committed = true;
  if (path == "-")
    stream->flush();
  else
    stream->close();
  if (stream->has_error()) {
    std::string message = stream->error().message();
    stream->clear_error();
    if (!temporary.empty())
      removeTemporary(temporary);
    return cannotWrite(path, message);
  }
  if (temporary.empty())
    return llvm::Error::success();
  return renameTemporary(temporary, path);
}

PendingFile::~PendingFile() {
  if (committed)
    return;
  stream->clear_error(); // An unchecked error would abort in its destructor.
  stream.reset();
  if (!temporary.empty())
    removeTemporary(temporary);
}
