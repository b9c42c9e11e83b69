#!/usr/bin/env python3
"""Writes x.npy, weights.npz (compressed) and the NumPy reference for
test/nn-jit/mlp.mlir into the directory given."""

import os
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(3)
x = rng.uniform(0.0, 1.0, (4, 784)).astype(np.float32)
w1 = (rng.standard_normal((784, 128)) * np.sqrt(2.0 / 784)).astype(np.float32)
b1 = (rng.standard_normal(128) * 0.1).astype(np.float32)
w2 = (rng.standard_normal((128, 10)) * np.sqrt(1.0 / 128)).astype(np.float32)
b2 = (rng.standard_normal(10) * 0.1).astype(np.float32)

np.save(os.path.join(out, "x.npy"), x)
np.savez_compressed(os.path.join(out, "weights.npz"), w1=w1, b1=b1, w2=w2, b2=b2)

f64 = lambda a: a.astype(np.float64)
h = np.maximum(f64(x) @ f64(w1) + f64(b1), 0.0)
logits = h @ f64(w2) + f64(b2)
e = np.exp(logits - logits.max(axis=1, keepdims=True))
np.save(os.path.join(out, "expected.npy"), e / e.sum(axis=1, keepdims=True))
