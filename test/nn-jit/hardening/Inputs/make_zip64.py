#!/usr/bin/env python3
"""make_zip64.py DIR [--check-numpy]: writes .npz archives of one array
`w` (float32 [2]) whose ZIP64 fields declare what the file does not hold:
a deflate member of 4 GiB, 1 TiB and 4 EiB (declares-*.npz), a local header
offset and a central directory size near 2^64. With --check-numpy, prints
what np.load makes of each instead."""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from npy_oracle import zip64_npz  # noqa: E402

W = {"w": np.array([0.5, -1.5], dtype="<f4")}
FILES = {
    "declares-4GiB.npz": zip64_npz(W, compressed=True, declared_size=2**32),
    "declares-1TiB.npz": zip64_npz(W, compressed=True, declared_size=2**40),
    "declares-4EiB.npz": zip64_npz(W, compressed=True, declared_size=2**62),
    "offset-near-2^64.npz": zip64_npz(W, header_offset=2**64 - 30),
    "directory-near-2^64.npz": zip64_npz(W, directory_size=2**64 - 1),
}

for name, data in FILES.items():
    path = os.path.join(sys.argv[1], name)
    if "--check-numpy" not in sys.argv:
        with open(path, "wb") as f:
            f.write(data)
        continue
    try:
        with np.load(path) as archive:
            arrays = {key: archive[key] for key in archive.files}
        assert np.array_equal(arrays["w"], W["w"])
        print("%s: np.load reads %s" % (name, " ".join(arrays)))
    except Exception:
        print("%s: np.load refuses" % name)
