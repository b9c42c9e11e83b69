#!/usr/bin/env python3
"""Writes the inputs of @mlp in test/nn-jit/vjp.mlir (x, w1, b1, w2, b2 and a
cotangent ct, as .npy in DIR) and the expected cotangents of every argument
of <ct, mlp(...)>, by central differences of a float64 NumPy model
(step 1e-6): mlp = softmax(tanh(x w1 + b1) w2 + b2) over the last axis."""

import os
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(11)
shapes = {"x": (3, 4), "w1": (4, 6), "b1": (6,), "w2": (6, 5), "b2": (5,)}
args = {k: (rng.standard_normal(s) * 0.7).astype(np.float32) for k, s in shapes.items()}
ct = rng.standard_normal((3, 5)).astype(np.float32)


def mlp(a):
    h = np.tanh(a["x"] @ a["w1"] + a["b1"])
    z = h @ a["w2"] + a["b2"]
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


base = {k: v.astype(np.float64) for k, v in args.items()}
for name, value in args.items():
    np.save(os.path.join(out, name + ".npy"), value)
    grad = np.zeros(value.shape)
    for index in np.ndindex(value.shape):
        plus = {k: v.copy() for k, v in base.items()}
        minus = {k: v.copy() for k, v in base.items()}
        plus[name][index] += 1e-6
        minus[name][index] -= 1e-6
        grad[index] = np.sum(ct * (mlp(plus) - mlp(minus))) / 2e-6
    np.save(os.path.join(out, "d" + name + ".npy"), grad)
np.save(os.path.join(out, "ct.npy"), ct)
np.save(os.path.join(out, "y.npy"), mlp(base))
