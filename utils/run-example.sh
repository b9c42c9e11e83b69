#!/usr/bin/env bash
# Installs what is missing, builds, and runs the bundled example: the
# 784-128-10 MLP of test/Integration/mlp.mlir (dense+relu, dense+softmax,
# batch 4), compiled by nn-opt's nn-lower-to-llvm pipeline and run natively
# with mlir-runner, next to the NumPy reference.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${NN_BUILD_DIR:-$root/build}"
bash "$root/utils/build.sh" nn-opt

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs="$root/test/Integration/Inputs"
/usr/bin/python3 "$inputs/mlp_reference.py" "$root/test/Integration/mlp.mlir" \
  "$work/mlp.mlir" "$work/expected.npz"
"$build/bin/nn-opt" "$work/mlp.mlir" --nn-lower-to-llvm -o "$work/mlp.llvm.mlir"
/usr/lib/llvm-22/bin/mlir-runner "$work/mlp.llvm.mlir" -e main \
  -entry-point-result=void \
  -shared-libs=/usr/lib/llvm-22/lib/libmlir_runner_utils.so,/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so \
  > "$work/out.txt"
echo "Class probabilities of 4 inputs (compiled MLP, softmax rows sum to 1):"
sed -n '/data =/,$p' "$work/out.txt" | tail -n +2
echo "NumPy reference:"
/usr/bin/python3 -c "import numpy as np; np.set_printoptions(precision=6, linewidth=150); print(np.load('$work/expected.npz')['probs'])"
/usr/bin/python3 "$inputs/runner_harness.py" "$work/out.txt" "$work/expected.npz" 1e-5 1e-6
