#!/usr/bin/env python3
"""Data and the analytic JVP of test/nn-jit/jvp.mlir's MLP
(y = tanh(x W1 + b1) W2 + b2, so dy = ((dx W1) * (1 - h^2)) W2), in float64.
  jvp_reference.py DIR  -> x.npy dx.npy params.npz expected_y.npy expected_dy.npy"""

import os
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(21)
x = rng.standard_normal((8, 4)).astype(np.float32)
dx = rng.standard_normal((8, 4)).astype(np.float32)
w1 = (rng.standard_normal((4, 16)) * 0.5).astype(np.float32)
b1 = (rng.standard_normal(16) * 0.1).astype(np.float32)
w2 = (rng.standard_normal((16, 3)) * 0.5).astype(np.float32)
b2 = (rng.standard_normal(3) * 0.1).astype(np.float32)
np.save(os.path.join(out, "x.npy"), x)
np.save(os.path.join(out, "dx.npy"), dx)
np.savez(os.path.join(out, "params.npz"), w1=w1, b1=b1, w2=w2, b2=b2)
d = lambda a: a.astype(np.float64)
h = np.tanh(d(x) @ d(w1) + d(b1))
np.save(os.path.join(out, "expected_y.npy"), h @ d(w2) + d(b2))
np.save(os.path.join(out, "expected_dy.npy"), ((d(dx) @ d(w1)) * (1 - h * h)) @ d(w2))
