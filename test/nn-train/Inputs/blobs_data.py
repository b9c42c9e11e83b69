#!/usr/bin/env python3
"""blobs_data.py OUT.npz N: N examples of 4 features in 3 Gaussian blobs
(x float32 [N, 4], labels int32 [N]) from numpy.random.default_rng(7)."""

import sys

import numpy as np

n = int(sys.argv[2])
rng = np.random.default_rng(7)
labels = rng.integers(0, 3, n).astype(np.int32)
centers = np.array([[2, 0, 0, 1], [0, 2, 0, -1], [0, 0, 2, 0]], np.float32)
x = (centers[labels] + rng.normal(0, 0.7, (n, 4))).astype(np.float32)
np.savez(sys.argv[1], x=x, labels=labels)
