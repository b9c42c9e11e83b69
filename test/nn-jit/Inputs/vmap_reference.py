#!/usr/bin/env python3
"""Data and references for test/nn-jit/vmap.mlir's per-example MLP
y = tanh(x W1 + b1) W2 + b2 (x in R^4, y in R^3), in float64:
the batched outputs, and the per-example Jacobians, analytic
(J[j, i] = sum_k W2[k, j] (1 - h_k^2) W1[i, k]) and confirmed here by
central differences. The Jacobians are stored as the compiler builds them
from JVPs with the basis vectors: jt[b, i, j] = J_b[j, i].
  vmap_reference.py DIR -> x.npy eye.npy params.npz expected_y.npy
                           expected_jt.npy expected_j.npy (J_b itself)
                           x_plus.npy x_minus.npy (x_b +- h e_i, [32, 4])"""

import os
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(6)
x = rng.standard_normal((8, 4)).astype(np.float32)
w1 = (rng.standard_normal((4, 16)) * 0.5).astype(np.float32)
b1 = (rng.standard_normal(16) * 0.1).astype(np.float32)
w2 = (rng.standard_normal((16, 3)) * 0.5).astype(np.float32)
b2 = (rng.standard_normal(3) * 0.1).astype(np.float32)
np.save(os.path.join(out, "x.npy"), x)
np.save(os.path.join(out, "eye.npy"), np.eye(4, dtype=np.float32))
np.savez(os.path.join(out, "params.npz"), w1=w1, b1=b1, w2=w2, b2=b2)

d = lambda a: a.astype(np.float64)
f = lambda v: np.tanh(v @ d(w1) + d(b1)) @ d(w2) + d(b2)
h = np.tanh(d(x) @ d(w1) + d(b1))
jt = np.einsum("ik,bk,kj->bij", d(w1), 1 - h * h, d(w2))
eps = 1e-6
for b in range(8):
    for i in range(4):
        e = np.zeros(4)
        e[i] = eps
        fd = (f(d(x[b]) + e) - f(d(x[b]) - e)) / (2 * eps)
        assert np.allclose(fd, jt[b, i], rtol=1e-6, atol=1e-8), (b, i)
np.save(os.path.join(out, "expected_y.npy"), f(d(x)))
np.save(os.path.join(out, "expected_jt.npy"), jt)
np.save(os.path.join(out, "expected_j.npy"), jt.transpose(0, 2, 1))
# Points for central differences of the compiled function itself:
# x_b +- h e_i for every example b and input i, as batches of 32.
h = np.float32(1e-2)
steps = np.einsum("bi,ij->bij", np.ones((8, 4), np.float32), np.eye(4, dtype=np.float32) * h)
np.save(os.path.join(out, "x_plus.npy"), (x[:, None, :] + steps).reshape(32, 4))
np.save(os.path.join(out, "x_minus.npy"), (x[:, None, :] - steps).reshape(32, 4))
