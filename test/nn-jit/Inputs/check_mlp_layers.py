#!/usr/bin/env python3
"""Checks every layer output nn-jit --export-all-layers wrote for
test/nn-jit/mlp.mlir against NumPy (float64 from the same float32 data,
|d| <= 1e-5 |ref| + 1e-6). Usage: check_mlp_layers.py DIR OUT.npz"""

import os
import sys

import numpy as np

data, out = sys.argv[1], sys.argv[2]
x = np.load(os.path.join(data, "x.npy")).astype(np.float64)
w = {k: v.astype(np.float64) for k, v in np.load(os.path.join(data, "weights.npz")).items()}
dense0 = x @ w["w1"] + w["b1"]
relu0 = np.maximum(dense0, 0.0)
dense1 = relu0 @ w["w2"] + w["b2"]
e = np.exp(dense1 - dense1.max(axis=1, keepdims=True))
softmax0 = e / e.sum(axis=1, keepdims=True)
expected = {"probs": softmax0, "dense_0": dense0, "relu_0": relu0,
            "dense_1": dense1, "softmax_0": softmax0}

got = np.load(out)
print("results:", ", ".join(sorted(got.files)))
ok = True
for name, ref in expected.items():
    value = got[name].astype(np.float64)
    good = value.shape == ref.shape and bool(
        np.all(np.abs(value - ref) <= 1e-5 * np.abs(ref) + 1e-6))
    print(("MATCH" if good else "MISMATCH"), name)
    ok &= good
sys.exit(0 if ok else 1)
