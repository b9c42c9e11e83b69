#!/usr/bin/env python3
"""compare_npy.py GOT.npy WANT.npy RTOL ATOL: prints 'MATCH n values' when
|got - want| <= rtol |want| + atol everywhere (and the shapes agree)."""

import sys

import numpy as np

got = np.load(sys.argv[1]).astype(np.float64)
want = np.load(sys.argv[2]).astype(np.float64)
rtol, atol = float(sys.argv[3]), float(sys.argv[4])
if got.shape != want.shape:
    print("MISMATCH: shape %s, expected %s" % (got.shape, want.shape))
    sys.exit(1)
bad = ~(np.abs(got - want) <= rtol * np.abs(want) + atol)
if bad.any():
    for i in np.argwhere(bad)[:10]:
        print("MISMATCH at %s: got %r want %r" % (tuple(i), got[tuple(i)], want[tuple(i)]))
    sys.exit(1)
print("MATCH %d values" % got.size)
