#!/usr/bin/env python3
"""compare_npy.py GOT.npy WANT.npy RTOL ATOL: prints 'MATCH n values' when
|got - want| <= rtol |want| + atol everywhere (and the shapes agree).
compare_npy.py GOT.npy WANT.npy ulp N: float32 values at most N units in the
last place apart.
A path ARCHIVE.npz:NAME names one array of an .npz. Integer arrays of one
item size compare by their bits (our signless i32 against JAX's uint32)."""

import sys

import numpy as np


def load(path):
    if ".npz:" in path:
        archive, name = path.split(".npz:")
        return np.load(archive + ".npz")[name]
    return np.load(path)


got32, want32 = load(sys.argv[1]), load(sys.argv[2])
if (got32.dtype != want32.dtype and got32.dtype.kind in "iu" and want32.dtype.kind in "iu"
        and got32.dtype.itemsize == want32.dtype.itemsize):
    got32 = got32.view(want32.dtype)
got = got32.astype(np.float64)
want = want32.astype(np.float64)
if got.shape != want.shape:
    print("MISMATCH: shape %s, expected %s" % (got.shape, want.shape))
    sys.exit(1)
if sys.argv[3] == "ulp":
    def ordered(a):
        i = a.astype(np.float32).view(np.int32).astype(np.int64)
        return np.where(i < 0, -(i & 0x7FFFFFFF), i)
    bad = np.abs(ordered(got32) - ordered(want32)) > int(sys.argv[4])
else:
    rtol, atol = float(sys.argv[3]), float(sys.argv[4])
    bad = ~(np.abs(got - want) <= rtol * np.abs(want) + atol)
if bad.any():
    for i in np.argwhere(bad)[:10]:
        print("MISMATCH at %s: got %r want %r" % (tuple(i), got[tuple(i)], want[tuple(i)]))
    sys.exit(1)
print("MATCH %d values" % got.size)
