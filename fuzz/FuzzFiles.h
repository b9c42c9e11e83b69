//===- FuzzFiles.h - files of the fuzz targets that read paths --*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// The readers that take a path (readNpz, DiskCache::load) get each input
// written to a file in a private directory (tmpfs where available). A
// failure here is the harness's, not a finding: it aborts.
//
//===----------------------------------------------------------------------===//

#ifndef NN_FUZZ_FUZZFILES_H
#define NN_FUZZ_FUZZFILES_H

#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace nn::fuzz {

/// A new directory only this user may use, `/dev/shm/nn-fuzz-<name>.XXXXXX`
/// (else under /tmp); `file`, its one file, and it are removed at exit.
inline std::string makePrivateDirectory(const char *name, std::string file) {
  std::string shm = std::string("/dev/shm/nn-fuzz-") + name + ".XXXXXX";
  std::string tmp = std::string("/tmp/nn-fuzz-") + name + ".XXXXXX";
  const char *made = mkdtemp(shm.data());
  if (!made)
    made = mkdtemp(tmp.data());
  if (!made || chmod(made, 0700) != 0)
    abort();
  static std::string removeAtExit;
  removeAtExit = std::string(made) + "/" + file;
  static std::string directory;
  directory = made;
  atexit([] {
    unlink(removeAtExit.c_str());
    rmdir(directory.c_str());
  });
  return made;
}

/// Replaces `path` with `size` bytes of `data`, mode 0600.
inline void writeInputFile(const std::string &path, const uint8_t *data,
                           size_t size) {
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
}

} // namespace nn::fuzz

#endif // NN_FUZZ_FUZZFILES_H
