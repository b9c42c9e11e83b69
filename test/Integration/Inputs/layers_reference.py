#!/usr/bin/env python3
"""NumPy reference for test/Integration/layers.mlir (Keras / JAX semantics).

Usage: layers_reference.py MODEL.mlir OUT.mlir OUT_EXPECTED.npz
"""

import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from runner_harness import write_program  # noqa: E402

model_path, program_path, expected_path = sys.argv[1:4]
rng = np.random.default_rng(7)
x = rng.uniform(-4.0, 4.0, (2, 3, 8)).astype(np.float32)
x[0, 0, :3] = [0.0, -0.0, 30.0]  # relu at 0, saturating sigmoid / tanh
x[1, 2, :2] = [-30.0, 1e-3]
w = rng.standard_normal((8, 5)).astype(np.float32)
ids = np.array([[0, 6, 3], [-1, 7, 2]], dtype=np.float32)
table = rng.standard_normal((7, 4)).astype(np.float32)
scale = rng.uniform(0.5, 1.5, 8).astype(np.float32)
offset = rng.standard_normal(8).astype(np.float32)

X = x.astype(np.float64)
erf = np.vectorize(math.erf)


def softmax(v, axis):
    e = np.exp(v - v.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def layer_norm(v, axis, eps, gamma=None, beta=None):
    mean = v.mean(axis=axis, keepdims=True)
    var = ((v - mean) ** 2).mean(axis=axis, keepdims=True)
    y = (v - mean) / np.sqrt(var + eps)
    if gamma is not None:
        y = y * gamma
    if beta is not None:
        y = y + beta
    return y


emb = np.zeros((2, 3, 4))
for b in range(2):
    for t in range(3):
        i = int(ids[b, t])
        if 0 <= i < 7:
            emb[b, t] = table[i]

results = [
    X @ w.astype(np.float64),
    np.maximum(X, 0.0),
    0.5 * X * (1.0 + erf(X / math.sqrt(2.0))),
    0.5 * X * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (X + 0.044715 * X ** 3))),
    np.tanh(X),
    1.0 / (1.0 + np.exp(-X)),
    softmax(X, axis=1),
    layer_norm(X, -1, np.float64(np.float32(1e-3)), scale.astype(np.float64),
               offset.astype(np.float64)),
    layer_norm(X, 1, np.float64(np.float32(1e-3))),
    X.mean(axis=1),
    X.max(axis=1),
    emb,
]

with open(model_path) as f:
    model = "".join(l for l in f if not l.lstrip().startswith("//"))
write_program(program_path, model, "layers", [x, w, ids, table, scale, offset],
              [r.shape for r in results])
np.savez(expected_path, **{"r%02d" % i: r for i, r in enumerate(results)})
