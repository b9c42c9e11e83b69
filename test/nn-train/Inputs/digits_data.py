#!/usr/bin/env python3
"""digits_data.py OUT_DIR: writes sklearn's digits data set and initial MLP
weights for the nn-train tests.

  OUT_DIR/train.npz, OUT_DIR/test.npz: x float32 [N, 64] (pixels / 16, so in
      [0, 1]) and labels int32 [N]; a fixed stratified 80/20 split
      (train_test_split(test_size=0.2, random_state=0, stratify=y)).
  OUT_DIR/init.npz: float32 w1 [64, 128], b1 [128], w2 [128, 10], b2 [10] for
      the MLP 64 -> 128 (relu) -> 10; Glorot-uniform weights drawn from
      numpy.random.default_rng(1234) (w1 first, then w2), zero biases.

The data ship with Debian's python3-sklearn: nothing is downloaded.
Prints nothing on success."""

import math
import os
import sys

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


def glorot_uniform(rng, fan_in, fan_out):
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    # Drawn in float64 and rounded once, so the values depend only on the seed.
    return rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    out = argv[1]
    os.makedirs(out, exist_ok=True)

    digits = load_digits()
    # Pixels are integers 0..16, so dividing by 16 is exact in float32.
    x = digits.data.astype(np.float32) / np.float32(16.0)
    y = digits.target.astype(np.int32)
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=0.2, random_state=0, stratify=y)
    np.savez(os.path.join(out, "train.npz"), x=np.ascontiguousarray(x_train),
             labels=np.ascontiguousarray(y_train))
    np.savez(os.path.join(out, "test.npz"), x=np.ascontiguousarray(x_test),
             labels=np.ascontiguousarray(y_test))

    rng = np.random.default_rng(1234)
    w1 = glorot_uniform(rng, 64, 128)
    w2 = glorot_uniform(rng, 128, 10)
    np.savez(os.path.join(out, "init.npz"), w1=w1, b1=np.zeros(128, np.float32),
             w2=w2, b2=np.zeros(10, np.float32))


if __name__ == "__main__":
    main(sys.argv)
