//===- FileUtils.cpp - file helpers of the JIT library --------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "FileUtils.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace nn::jit;

llvm::Error internal::writeFileAtomically(llvm::StringRef path,
                                          llvm::StringRef bytes) {
  auto failure = [&](const llvm::Twine &why) {
    return llvm::createStringError(("cannot write '" + path + "': " + why).str());
  };
  llvm::SmallString<256> model(path);
  model += "-%%%%%%%%.tmp";
  int fd;
  llvm::SmallString<256> temporary;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(model, fd, temporary))
    return failure(ec.message());
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << bytes;
    os.close();
    if (os.has_error()) {
      std::string message = os.error().message();
      os.clear_error();
      llvm::sys::fs::remove(temporary);
      return failure(message);
    }
  }
  if (std::error_code ec = llvm::sys::fs::rename(temporary, path)) {
    llvm::sys::fs::remove(temporary);
    return failure(ec.message());
  }
  return llvm::Error::success();
}
