#!/usr/bin/env python3
"""compare_state.py CHECKPOINT.npz REFERENCE.npz RTOL: compares an nn-train
checkpoint with a reference's arrays (optax_reference.py's OUT.npz): w and b
against param/w, param/b, every other array against state/<name>. Floats
match when max |got - want| <= RTOL * max |want| over the array (a normwise
bound: elements near zero are judged at the array's scale); integers (the
step count) exactly. Prints 'MATCH n arrays (max normwise difference D)' or
'MISMATCH <name> ...' lines and exits 1."""

import sys

import numpy as np

got, want, rtol = np.load(sys.argv[1]), np.load(sys.argv[2]), float(sys.argv[3])
problems, worst = [], 0.0
for name in want.files:
    key = ("param/" if name in ("w", "b") else "state/") + name
    if key not in got.files:
        problems.append("MISMATCH %s: not in %s" % (key, sys.argv[1]))
        continue
    g, w = got[key], want[name]
    if g.shape != w.shape:
        problems.append("MISMATCH %s: shape %s, expected %s" % (name, g.shape, w.shape))
    elif w.dtype.kind in "iu":
        if not np.array_equal(g.astype(np.int64), w.astype(np.int64)):
            problems.append("MISMATCH %s: %s, expected %s" % (name, g, w))
    else:
        scale = float(np.max(np.abs(w)))
        d = float(np.max(np.abs(g.astype(np.float64) - w))) / scale
        worst = max(worst, d)
        # NaN fails the comparison, as it should.
        if not d <= rtol:
            problems.append("MISMATCH %s: normwise difference %.3g > %g" % (name, d, rtol))
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("MATCH %d arrays (max normwise difference %.2g)" % (len(want.files), worst))
