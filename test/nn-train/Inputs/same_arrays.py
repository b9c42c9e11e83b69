#!/usr/bin/env python3
"""same_arrays.py A.npz B.npz: prints 'IDENTICAL n arrays' when both archives
hold the same names with bit-identical arrays (same dtype and shape), else
'DIFFERENT: ...' and exits 1."""

import sys

import numpy as np

a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
if sorted(a.files) != sorted(b.files):
    sys.exit("DIFFERENT: names %s vs %s" % (sorted(a.files), sorted(b.files)))
for name in a.files:
    x, y = a[name], b[name]
    if x.dtype != y.dtype or x.shape != y.shape or x.tobytes() != y.tobytes():
        print("DIFFERENT: %s" % name)
        sys.exit(1)
print("IDENTICAL %d arrays" % len(a.files))
