#!/usr/bin/env python3
"""NumPy reference for test/Integration/mlp.mlir.

Draws the MLP's input and parameters from a fixed seed, computes
softmax(relu(x W1 + b1) W2 + b2) in float64 from the float32 values, and
writes the runnable program and the expected output.
Usage: mlp_reference.py MODEL.mlir OUT.mlir OUT_EXPECTED.npz
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from runner_harness import write_program  # noqa: E402

model_path, program_path, expected_path = sys.argv[1:4]
rng = np.random.default_rng(20261123)
batch, inputs, hidden, classes = 4, 784, 128, 10
x = rng.uniform(0.0, 1.0, (batch, inputs)).astype(np.float32)
w1 = (rng.standard_normal((inputs, hidden)) * np.sqrt(2.0 / inputs)).astype(np.float32)
b1 = (rng.standard_normal(hidden) * 0.1).astype(np.float32)
w2 = (rng.standard_normal((hidden, classes)) * np.sqrt(1.0 / hidden)).astype(np.float32)
b2 = (rng.standard_normal(classes) * 0.1).astype(np.float32)

f64 = lambda a: a.astype(np.float64)
h = np.maximum(f64(x) @ f64(w1) + f64(b1), 0.0)
logits = h @ f64(w2) + f64(b2)
e = np.exp(logits - logits.max(axis=1, keepdims=True))
probs = e / e.sum(axis=1, keepdims=True)

with open(model_path) as f:
    model = "".join(l for l in f if not l.lstrip().startswith("//"))
write_program(program_path, model, "mlp", [x, w1, b1, w2, b2], [(batch, classes)])
np.savez(expected_path, probs=probs)
