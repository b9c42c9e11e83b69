#!/usr/bin/env python3
"""Inputs and NumPy references for test/nn-jit/masked-attention.mlir.

Masked softmax: masked positions get 0; a slice masked everywhere gives all
zeros. Attention: softmax(q k^T / sqrt(d)) v over the kept keys (the and of
the masks); a query with no kept key gives zeros.
"""

import os
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(11)


def save(name, array):
    np.save(os.path.join(out, name + ".npy"), array)


def masked_softmax(x, keep):
    x = x.astype(np.float64)
    keep = np.broadcast_to(keep, x.shape)
    m = np.where(keep, x, -np.inf).max(axis=-1, keepdims=True)
    e = np.where(keep, np.exp(x - np.where(np.isfinite(m), m, 0.0)), 0.0)
    s = e.sum(axis=-1, keepdims=True)
    return np.where(s > 0, e / np.where(s > 0, s, 1.0), 0.0)


# Softmax over the last axis with a [3, 5] mask broadcast to [2, 3, 5];
# row 1 of the mask is all false.
x = (rng.standard_normal((2, 3, 5)) * 3).astype(np.float32)
mask = np.array([[1, 0, 1, 1, 0], [0, 0, 0, 0, 0], [1, 1, 1, 1, 1]], bool)
save("x", x)
save("mask", mask)
save("softmax_expected", masked_softmax(x, mask))

# Attention: q [2,2,4,8], k [2,2,6,8], v [2,2,6,3]; key padding [2,6] where
# batch 1 keeps no key at all, and key 0 of batch 0 is padding (so with the
# causal flag, query 0 of batch 0 sees nothing).
q = rng.standard_normal((2, 2, 4, 8)).astype(np.float32)
k = rng.standard_normal((2, 2, 6, 8)).astype(np.float32)
v = rng.standard_normal((2, 2, 6, 3)).astype(np.float32)
padding = np.array([[0, 1, 1, 1, 1, 0], [0, 0, 0, 0, 0, 0]], bool)
logits_mask = rng.uniform(size=(4, 6)) > 0.3
save("q", q)
save("k", k)
save("v", v)
save("padding", padding)
save("logits_mask", logits_mask)

logits = np.einsum("bhqd,bhkd->bhqk", q.astype(np.float64), k.astype(np.float64)) / np.sqrt(8.0)
causal = np.tril(np.ones((4, 6), bool))
keep_causal = padding[:, None, None, :] & causal
save("attention_causal_expected",
     np.einsum("bhqk,bhke->bhqe", masked_softmax(logits, keep_causal), v.astype(np.float64)))
save("attention_mask_expected",
     np.einsum("bhqk,bhke->bhqe", masked_softmax(logits, logits_mask), v.astype(np.float64)))
