#!/usr/bin/env bash
# Installs what is missing, builds, and runs the bundled example through
# nn-jit: the 784-128-10 MLP of test/nn-jit/mlp.mlir (dense+relu,
# dense+softmax, batch 4) with its weights taken by name from an .npz and its
# input from an .npy, called twice (one compile), next to NumPy's answer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${NN_BUILD_DIR:-$root/build}"
bash "$root/utils/build.sh" nn-jit

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$root/test/nn-jit/Inputs/make_mlp_data.py" "$work"
echo "== nn-jit (compiled once, called twice; class probabilities, rows sum to 1)"
"$build/bin/nn-jit" "$root/test/nn-jit/mlp.mlir" --cache-dir="$work/cache" \
  --params=@"$work/weights.npz" --input=@"$work/x.npy" --input=@"$work/x.npy" \
  --output=@"$work/probs.npy" --cache-stats
echo "== NumPy reference"
/usr/bin/python3 -c "import numpy as np; np.set_printoptions(precision=7, linewidth=150); print(np.load('$work/expected.npy'))"
/usr/bin/python3 "$root/test/nn-jit/Inputs/compare_npy.py" "$work/probs.npy" "$work/expected.npy" 1e-5 1e-6
