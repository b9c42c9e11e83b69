#!/usr/bin/env python3
"""forge_cache_entry.py DIR KEEP_LIST: writes the object of the one entry of
DIR not named in the file KEEP_LIST (another unit's) under the name and key
of the entry KEEP_LIST names: a well-formed entry (valid header and
checksum) that holds another function's object."""

import os
import struct
import sys

directory, keep_list = sys.argv[1], sys.argv[2]
[target] = open(keep_list).read().split()
[source] = [name for name in os.listdir(directory)
            if name.endswith(".nnobj") and name != target]
data = open(os.path.join(directory, source), "rb").read()
# magic (8), version (u32), key length (u32), key, object size (u64),
# SHA-256 of the object (32), object.
key_length = struct.unpack_from("<I", data, 12)[0]
key = target[: -len(".nnobj")].encode()
assert len(key) == key_length
forged = data[:16] + key + data[16 + key_length:]
open(os.path.join(directory, target), "wb").write(forged)
