#!/usr/bin/env python3
"""The nn-train driver's key schedule, computed with the independent NumPy
threefry of test/nn-jit/Inputs/threefry_reference.py (docs/Random.md).

As a module: batch_orders(seed, n_train, epochs) -> list of int32 arrays;
root_keys(seed) -> (init_key, shuffle_key, dropout_key).
As a command: key_schedule.py SEED N_TRAIN EPOCHS OUT.npy writes the orders
as int32 [EPOCHS, N_TRAIN]."""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "nn-jit", "Inputs"))
import threefry_reference as t  # noqa: E402

M = 0xFFFFFFFF


def key(seed):
    """jax.random.PRNGKey(seed): words (seed >> 32, seed & 0xFFFFFFFF)."""
    return (seed >> 32) & M, seed & M


def split(k, n):
    """split(k, n)[i] = threefry2x32(k, (hi32(i), lo32(i)))."""
    return [t.threefry2x32(k[0], k[1], i >> 32, i & M) for i in range(n)]


def fold_in(k, d):
    """fold_in(k, d) = threefry2x32(k, (0, d)) for a 32-bit d."""
    return t.threefry2x32(k[0], k[1], 0, d & M)


def root_keys(seed):
    """init_key, shuffle_key, dropout_key = split(key(seed), 3)."""
    return tuple(split(key(seed), 3))


def batch_orders(seed, n_train, epochs):
    """The training-row order of each epoch, as nn-train draws it:

      root = key(SEED)                      # words (0, SEED) for SEED < 2^32
      init_key, shuffle_key, dropout_key = split(root, 3)
      order[e] = permutation(fold_in(shuffle_key, e), n_train)   # e 0-based

    permutation is JAX's _shuffle (threefry_reference.permutation). With
    steps_per_epoch = ceil(n_train / BATCH), batch b of epoch e is the rows
    order[e][b*BATCH : (b+1)*BATCH]; the last batch may be partial.
    Returns a list of `epochs` int32 arrays of length n_train."""
    _, shuffle_key, _ = root_keys(seed)
    return [t.permutation(*fold_in(shuffle_key, e), n_train).astype(np.int32)
            for e in range(epochs)]


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    orders = batch_orders(int(argv[1]), int(argv[2]), int(argv[3]))
    np.save(argv[4], np.stack(orders) if orders else np.zeros((0, int(argv[2])), np.int32))


if __name__ == "__main__":
    main(sys.argv)
