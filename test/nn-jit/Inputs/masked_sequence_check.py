#!/usr/bin/env python3
"""masked_sequence_check.py DIR: checks masked-sequence-training.mlir's
results. DIR holds x.npy, w.npy, b.npy, labels.npy (the padded batch, -99 in
padded steps), padded.npz and unpadded.npz (value_and_grad results 0-3:
loss, dx, dw, db). Prints one line per fact; exits 1 on the first failure.

The reference is float64 NumPy on the real steps only:
loss = mean_k CE(softmax(tanh(x_k w + b)), label_k)."""

import sys

import numpy as np

d = sys.argv[1]
x, w, b, labels = (np.load("%s/%s.npy" % (d, n)) for n in ("x", "w", "b", "labels"))
padded, unpadded = np.load(d + "/padded.npz"), np.load(d + "/unpadded.npz")
real = ~np.all(x == -99, axis=-1)

xs = x[real].astype(np.float64)
ys = labels[real]
h = np.tanh(xs @ w + b)
p = np.exp(h - h.max(-1, keepdims=True))
p /= p.sum(-1, keepdims=True)
k = len(ys)
loss = -np.log(p[np.arange(k), ys]).mean()
dh = (p - np.eye(w.shape[1])[ys]) / k * (1 - h * h)
ref = {"loss": loss, "dx": dh @ w.T, "dw": xs.T @ dh, "db": dh.sum(0)}


def close(got, want, what):
    if not np.allclose(got, want, rtol=1e-5, atol=1e-6):
        print("MISMATCH %s: %s vs %s" % (what, got, want))
        sys.exit(1)


for name, ours in (("padded", padded), ("unpadded", unpadded)):
    close(ours["result0"], ref["loss"], name + " loss")
    close(ours["result2"], ref["dw"], name + " dw")
    close(ours["result3"], ref["db"], name + " db")
close(padded["result1"][real], ref["dx"], "padded dx")
close(unpadded["result1"][0], ref["dx"], "unpadded dx")
print("MATCH float64 reference, padded and unpadded")
pad_dx = padded["result1"][~real]
if pad_dx.size == 0 or np.any(pad_dx.view(np.uint32) != 0):
    print("NONZERO gradient in padded steps: %s" % pad_dx)
    sys.exit(1)
print("PADDED STEPS: %d, gradient exactly +0" % (~real).sum())
