//===- npz.cpp - fuzz: the .npz reader --------------------------------------===//
//
// Part of the nn-mlir project.
//
// nn::jit::readNpz takes a path: each input is written to a file of its own
// in a private temporary directory (tmpfs where available), then read.
//
//===----------------------------------------------------------------------===//

#include "nn/JIT/HostTensor.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

static const std::string &getPath() {
  static std::string path = [] {
    char dir[] = "/dev/shm/nn-fuzz-npz.XXXXXX";
    char fallback[] = "/tmp/nn-fuzz-npz.XXXXXX";
    const char *made = mkdtemp(dir);
    if (!made)
      made = mkdtemp(fallback);
    if (!made)
      abort();
    std::string p = std::string(made) + "/input.npz";
    std::string d(made);
    static std::string removeAtExit;
    removeAtExit = d;
    atexit([] {
      unlink((removeAtExit + "/input.npz").c_str());
      rmdir(removeAtExit.c_str());
    });
    return p;
  }();
  return path;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string &path = getPath();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    abort();
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd, data + done, size - done);
    if (n <= 0)
      abort();
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  auto arrays = nn::jit::readNpz(path);
  if (!arrays) {
    llvm::consumeError(arrays.takeError());
    return 0;
  }
  std::string printed;
  llvm::raw_string_ostream os(printed);
  for (auto &[name, tensor] : *arrays)
    nn::jit::printTensorValues(os << name, tensor);
  return 0;
}
