#!/usr/bin/env python3
"""Inputs and float64 expected values for test/nn-jit/losses.mlir.

    losses_reference.py DIR

writes DIR/<loss>_{x,t}.npy (logits or predictions, labels or targets),
DIR/<loss>_{xp,tp}.npy (the same, with NaN / inf / out-of-range labels in
the masked examples), DIR/mask.npy, DIR/w.npy, DIR/wp.npy (NaN weights in
the masked examples) and DIR/expected.npz with `<loss>_<i>` for result i
of the test's `@<loss>_all` functions.

The per-example losses come from their definitions, written independently
of the lowering: log-softmax by np.logaddexp.reduce (no explicit maximum),
the binary cross-entropy as z softplus(-x) + (1 - z) softplus(x) with
softplus = np.logaddexp(0, .) (not the max(x, 0) - x z + log1p(exp(-|x|))
form the lowering uses). The reductions are Keras 3's reduce_weighted_values
(keras/src/losses/loss.py, v3.13+: divide-no-nan), with masked examples
taken out by np.where.
"""

import os
import sys

import numpy as np

np.seterr(all="ignore")  # NaN and inf in masked examples are on purpose.

out = sys.argv[1]
rng = np.random.default_rng(1234)
B, T, C = 4, 6, 7  # [batch, time, classes]


def f64(a):
    return np.asarray(a, np.float64)


# A timestep mask: sequence lengths 6, 4, 1, 0 (the last row fully masked).
lengths = np.array([6, 4, 1, 0])
mask = np.arange(T)[None, :] < lengths[:, None]
w = rng.uniform(0.25, 2.0, (B, T)).astype(np.float32)
wp = np.where(mask, w, np.float32(np.nan)).astype(np.float32)


def poison(x, value):
    """x with `value` everywhere in the masked examples."""
    return np.where(mask[..., None], x, np.float32(value)).astype(np.float32)


# Logits, two examples with large logits (no overflow, no NaN).
logits = (rng.standard_normal((B, T, C)) * 3).astype(np.float32)
logits[0, 1] *= 1000
logits[1, 2] = np.array([1000, -1000, 0, 3, -1000, 999, 1], np.float32)
labels = rng.integers(0, C, (B, T)).astype(np.int32)
labels[1, 2] = 1  # The -1000 logit: a loss of about 2000.
labels_p = np.where(mask, labels, -1).astype(np.int32)  # Padding labels.

# Target probabilities, with exact zeros where a logit is -inf.
probs = rng.dirichlet(np.ones(C), (B, T)).astype(np.float32)
probs[0, 0] = np.eye(C, dtype=np.float32)[2]
ce_logits = logits.copy()
ce_logits[0, 0, 5] = -np.inf  # Target 0 there: adds 0.

# Binary labels (some soft), and predictions / targets for MSE.
bce_logits = logits.copy()
bce_labels = rng.integers(0, 2, (B, T, C)).astype(np.float32)
bce_labels[2, 0] = 0.25
pred = rng.standard_normal((B, T, C)).astype(np.float32)
target = rng.standard_normal((B, T, C)).astype(np.float32)


def log_softmax(x):
    x = f64(x)
    return x - np.logaddexp.reduce(x, axis=-1, keepdims=True)


def sparse(x, l):
    lsm = log_softmax(x)
    return -np.take_along_axis(lsm, l[..., None].astype(np.int64), -1)[..., 0]


def softmax_ce(x, t):
    t = f64(t)
    lsm = log_softmax(x)
    return -np.sum(np.where(t == 0, 0.0, t * lsm), axis=-1)


def bce(x, z):
    x, z = f64(x), f64(z)
    return np.mean(z * np.logaddexp(0, -x) + (1 - z) * np.logaddexp(0, x), -1)


def mse(y, t):
    return np.mean((f64(y) - f64(t)) ** 2, axis=-1)


def reduce(losses, reduction, m=None, sw=None):
    """Keras 3 reduce_weighted_values, divide-no-nan, masked entries
    removed by a select (NaN in them does not leak)."""
    k = np.ones(losses.shape, bool) if m is None else m
    wt = np.ones(losses.shape) if sw is None else f64(sw)
    weighted = np.where(k, losses * wt, 0.0)
    if reduction == "none":
        return weighted
    total = weighted.sum()
    if reduction == "sum":
        return total
    if reduction == "mean_with_sample_weight":
        divisor = np.where(k, wt, 0.0).sum()
    else:  # sum_over_batch_size
        divisor = k.sum() if m is not None else losses.size
    return 0.0 if divisor == 0 else total / divisor


# The results of @<loss>_all, in order: (reduction, masked, weighted).
RESULTS = [
    ("none", False, False),
    ("sum_over_batch_size", False, False),
    ("sum", False, False),
    ("mean_with_sample_weight", False, False),
    ("sum_over_batch_size", True, False),
    ("sum_over_batch_size", False, True),
    ("sum_over_batch_size", True, True),
    ("sum", True, True),
    ("mean_with_sample_weight", True, True),
    ("none", True, True),
    ("mean_with_sample_weight", False, True),
    ("none", True, False),
]

LOSSES = {
    "sparse": (sparse, logits, labels, poison(logits, np.nan), labels_p),
    "softmax": (softmax_ce, ce_logits, probs, poison(ce_logits, np.inf),
                poison(probs, np.nan)),
    "bce": (bce, bce_logits, bce_labels, poison(bce_logits, np.nan),
            poison(bce_labels, np.inf)),
    "mse": (mse, pred, target, poison(pred, np.inf), poison(target, np.nan)),
}

np.save(os.path.join(out, "mask.npy"), mask)
np.save(os.path.join(out, "w.npy"), w)
np.save(os.path.join(out, "wp.npy"), wp)
expected = {}
for name, (fn, x, t, xp, tp) in LOSSES.items():
    for suffix, value in (("x", x), ("t", t), ("xp", xp), ("tp", tp)):
        np.save(os.path.join(out, "%s_%s.npy" % (name, suffix)), value)
    clean = fn(x, t)
    assert np.all(np.isfinite(clean)), name
    for i, (reduction, masked, weighted) in enumerate(RESULTS):
        # Masked results read the poisoned inputs: only kept examples count.
        losses = np.where(mask, fn(xp, tp), np.nan) if masked else clean
        value = reduce(losses, reduction, mask if masked else None,
                       (wp if masked else w) if weighted else None)
        expected["%s_%d" % (name, i)] = np.float32(value)
np.savez(os.path.join(out, "expected.npz"), **expected)
