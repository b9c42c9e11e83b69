#!/usr/bin/env python3
"""Case 5 of docs/Motivation.md (intermediate activations): writes x.npy,
params.npz and the NumPy reference of an MLP's prediction and per-layer
pre/post activations (float64 from the same float32 data), or checks
nn-jit's .npz of them:
  activations_reference.py make DIR
  activations_reference.py check DIR/acts.npz DIR/expected.npz"""

import os
import sys

import numpy as np

if sys.argv[1] == "make":
    out = sys.argv[2]
    rng = np.random.default_rng(9)
    x = rng.standard_normal((5, 4)).astype(np.float32)
    w1 = rng.standard_normal((4, 16)).astype(np.float32)
    b1 = rng.standard_normal(16).astype(np.float32)
    w2 = rng.standard_normal((16, 8)).astype(np.float32) * 0.3
    b2 = rng.standard_normal(8).astype(np.float32)
    w3 = rng.standard_normal((8, 3)).astype(np.float32)
    np.save(os.path.join(out, "x.npy"), x)
    np.savez(os.path.join(out, "params.npz"), w1=w1, b1=b1, w2=w2, b2=b2, w3=w3)
    d = lambda a: a.astype(np.float64)
    h1_pre = d(x) @ d(w1) + d(b1)
    h1_post = np.maximum(h1_pre, 0)
    h2_pre = h1_post @ d(w2) + d(b2)
    h2_post = np.tanh(h2_pre)
    prediction = h2_post @ d(w3)
    np.savez(os.path.join(out, "expected.npz"), prediction=prediction, h1_pre=h1_pre,
             h1_post=h1_post, h2_pre=h2_pre, h2_post=h2_post)
else:
    got, want = np.load(sys.argv[2]), np.load(sys.argv[3])
    print("names:", " ".join(got.files))
    for name in want.files:
        g, w = got[name].astype(np.float64), want[name]
        ok = g.shape == w.shape and np.all(np.abs(g - w) <= 1e-5 * np.abs(w) + 1e-5)
        print("%s %s %s" % (name, "x".join(map(str, g.shape)), "MATCH" if ok else "MISMATCH"))
