#!/usr/bin/env bash
# Installs what is missing, then configures and builds nn-mlir into build/
# (NN_BUILD_DIR: another directory; NN_CMAKE_ARGS: more configure options,
# e.g. -DNN_SANITIZE=ON, applied when the directory is configured first;
# NN_BUILD_LOCK: a lock file that configuring and building hold, flock(1), for
# builds that must not run at once).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/utils/setup.sh"

build="${NN_BUILD_DIR:-$root/build}"
if [ -n "${NN_BUILD_LOCK:-}" ]; then
  exec 9>"$NN_BUILD_LOCK"
  flock 9
fi
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit ${NN_CMAKE_ARGS:-} >/dev/null
fi
ninja -C "$build" "$@"
