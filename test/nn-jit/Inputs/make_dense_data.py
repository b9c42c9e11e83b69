#!/usr/bin/env python3
"""make_dense_data.py DIR M K N: x [M, K], w [K, N], b [N] uniform in [-1, 1)
(float32, seed 0) and expected = relu(x @ w + b) in float64."""
import os
import sys

import numpy as np

out, m, k, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(0)
x = rng.uniform(-1, 1, (m, k)).astype(np.float32)
w = rng.uniform(-1, 1, (k, n)).astype(np.float32)
b = rng.uniform(-1, 1, (n,)).astype(np.float32)
for name, value in (("x", x), ("w", w), ("b", b)):
    np.save(os.path.join(out, name + ".npy"), value)
expected = np.maximum(x.astype(np.float64) @ w.astype(np.float64) + b, 0.0)
np.save(os.path.join(out, "expected.npy"), expected)
