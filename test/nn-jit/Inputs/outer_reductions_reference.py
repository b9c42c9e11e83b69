#!/usr/bin/env python3
"""outer_reductions_reference.py DIR: float64 NumPy references for
outer-reductions.mlir (softmax over axis 0, and the mean sparse softmax
cross-entropy of [batch, time, classes] logits with its gradient)."""

import sys

import numpy as np

out = sys.argv[1]
x = np.arange(1, 13, dtype=np.float64).reshape(4, 3)
x[:, 1] *= -0.5  # rows [1, -1, 3], [4, -2.5, 6], [7, -4, 9], [10, -5.5, 12]
e = np.exp(x - x.max(axis=0))
np.save(out + "/softmax0.npy", (e / e.sum(axis=0)).astype(np.float32))

logits = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 0, 0, 0, 1, 0, 0, 0, 1],
                  dtype=np.float64).reshape(2, 3, 3)
labels = np.array([[0, 1, 2], [2, 1, 0]])
p = np.exp(logits - logits.max(axis=-1, keepdims=True))
p /= p.sum(axis=-1, keepdims=True)
loss = -np.log(np.take_along_axis(p, labels[..., None], axis=-1)).mean()
grad = (p - np.eye(3)[labels]) / labels.size
np.savez(out + "/loss.npz", loss=np.float32(loss), grad=grad.astype(np.float32))
