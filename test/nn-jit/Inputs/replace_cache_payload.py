#!/usr/bin/env python3
"""replace_cache_payload.py DIR PAYLOAD: replaces the payload (the object
pack) of the one entry in the cache directory DIR with the bytes of the file
PAYLOAD, with a matching size and SHA-256: an entry the cache's header and
checksum accept, whatever the payload holds."""

import hashlib
import os
import struct
import sys

directory, payload_path = sys.argv[1], sys.argv[2]
[name] = [n for n in os.listdir(directory) if n.endswith(".nnobj")]
path = os.path.join(directory, name)
data = open(path, "rb").read()
payload = open(payload_path, "rb").read()
# magic (8), version (u32), key length (u32), key, payload size (u64),
# SHA-256 of the payload (32), payload.
key_length = struct.unpack_from("<I", data, 12)[0]
header = data[:16 + key_length]
entry = header + struct.pack("<Q", len(payload)) + hashlib.sha256(payload).digest() + payload
open(path, "wb").write(entry)
