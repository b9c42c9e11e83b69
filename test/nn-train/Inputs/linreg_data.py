#!/usr/bin/env python3
"""linreg_data.py OUT_DIR: a linear regression problem for the schedule and
clipping tests, from numpy.random.default_rng(3): OUT_DIR/data.npz with
x float32 [16, 4] and y = x W + c + noise float32 [16, 3]; OUT_DIR/init.npz
with the initial w float32 [4, 3] and b float32 [3]."""

import os
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(3)
x = rng.normal(0, 1, (16, 4))
y = x @ rng.normal(0, 2, (4, 3)) + rng.normal(0, 1, 3) + rng.normal(0, 0.1, (16, 3))
np.savez(os.path.join(out, "data.npz"), x=x.astype(np.float32), y=y.astype(np.float32))
np.savez(os.path.join(out, "init.npz"), w=rng.normal(0, 0.5, (4, 3)).astype(np.float32),
         b=rng.normal(0, 0.5, 3).astype(np.float32))
