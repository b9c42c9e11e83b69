#!/usr/bin/env bash
# Installs what is missing, builds, and runs the project's main example
# through nn-jit: case 1 of docs/Motivation.md, Keras Masking(mask_value=-99)
# followed by GlobalAveragePooling1D on
# [[[1],[2],[3]], [[1],[2],[-99]], [[1],[-99],[-99]]].
# The right answer is the mean of the unmasked steps: [[2], [1.5], [1]].
# Then the 784-128-10 MLP (weights by name from an .npz, compiled once, called
# twice) next to NumPy's answer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${NN_BUILD_DIR:-$root/build}"
bash "$root/utils/build.sh" nn-jit

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== Masked average pooling (expected [[2], [1.5], [1]])"
"$build/bin/nn-jit" "$root/docs/examples/masked_pooling.mlir" \
  --cache-dir="$work/cache" --input="3x3x1xf32=1,2,3, 1,2,-99, 1,-99,-99"

/usr/bin/python3 "$root/test/nn-jit/Inputs/make_mlp_data.py" "$work"
echo "== MLP through nn-jit (compiled once, called twice; rows sum to 1)"
"$build/bin/nn-jit" "$root/test/nn-jit/mlp.mlir" --cache-dir="$work/cache" \
  --params=@"$work/weights.npz" --input=@"$work/x.npy" --input=@"$work/x.npy" \
  --output=@"$work/probs.npy" --cache-stats
echo "== NumPy reference"
/usr/bin/python3 -c "import numpy as np; np.set_printoptions(precision=7, linewidth=150); print(np.load('$work/expected.npy'))"
/usr/bin/python3 "$root/test/nn-jit/Inputs/compare_npy.py" "$work/probs.npy" "$work/expected.npy" 1e-5 1e-6
