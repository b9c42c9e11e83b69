#!/usr/bin/env bash
# Installs nn-mlir's build and test dependencies from Debian's packages.
# Idempotent: installs only what is missing and prints nothing when all is there.
set -euo pipefail

packages=(
  # Toolchain and build.
  clang-22 lld-22 cmake ninja-build git ca-certificates
  # LLVM / MLIR 22.
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools libomp-22-dev
  # Tests and benchmarks.
  libgtest-dev libbenchmark-dev python3 python3-numpy
  # PyTorch, an independent reference for gradients and optimizer steps
  # (tests run it in processes of their own); scikit-learn for the 8x8
  # digits data set the training tests learn (shipped, no download).
  python3-torch python3-sklearn
  # .npz archives (deflate).
  zlib1g-dev
  # AddressSanitizer / UndefinedBehaviorSanitizer runtimes (I/O tests).
  libclang-rt-22-dev
)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing packages: ${missing[*]}; run this script as root (or install them)" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
