#!/usr/bin/env python3
"""seeds.py: writes the committed seed corpora of the fuzz targets.

    /usr/bin/python3 fuzz/seeds.py   (from the repository root; rewrites
                                  fuzz/corpus/{lower,npy,npz,literal,cache})

lower:   the nn functions of test/ (comments dropped, the first chunk of a
         split file), at most 4 KB each;
npy/npz: small arrays of every element type nn-jit reads, each .npy format
         version, Fortran order, rank 0, empty; stored and deflated .npz;
literal: the --input spellings of test/;
cache:   entries as DiskCache::store writes them for key 'a' * 64 (the key
         fuzz/cache.cpp loads), of a pack (ObjectPack.h) of a small ELF
         object; the first byte of a fuzz input says whether the rest is an
         entry (0) or a payload (a pack of objects, or not) that the target
         wraps in a valid header (1).
Finds of utils/fuzz.sh that are worth keeping are added by hand
(docs/Hardening.md).
"""

import glob
import hashlib
import io
import os
import re
import shutil
import struct
import subprocess
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def reset(name):
    path = os.path.join(CORPUS, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def write(directory, name, data):
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def lower_seeds():
    out = reset("lower")
    files = sorted(glob.glob(os.path.join(ROOT, "test", "nn-jit", "*.mlir")) +
                   glob.glob(os.path.join(ROOT, "test", "Integration", "*.mlir")) +
                   glob.glob(os.path.join(ROOT, "test", "Conversion", "NNToLinalg", "*.mlir")))
    for path in files:
        text = open(path).read().split("// -----")[0]
        lines = [l for l in text.splitlines() if not l.lstrip().startswith("//")]
        body = "\n".join(l for l in lines).strip() + "\n"
        if "func.func" not in body or len(body) > 4096:
            continue
        name = os.path.relpath(path, os.path.join(ROOT, "test")).replace("/", "_")
        write(out, name, body.encode())


def npy(array, version=None):
    f = io.BytesIO()
    if version is None:
        np.save(f, array)
    else:
        from numpy.lib import format as npformat
        npformat.write_array(f, array, version=version)
    return f.getvalue()


def arrays():
    rng = np.random.default_rng(0)
    yield "f32", rng.standard_normal((2, 3)).astype(np.float32)
    yield "f64", rng.standard_normal(4)
    yield "f16", rng.standard_normal((2, 2)).astype(np.float16)
    yield "bool", np.array([[True, False, True]])
    for t in ("i1", "i2", "i4", "i8", "u1", "u4"):
        yield t, np.arange(5, dtype=t)
    yield "rank0", np.float32(1.5)
    yield "empty", np.zeros((0, 3), np.float32)
    yield "fortran", np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3))


def npy_seeds():
    out = reset("npy")
    for name, a in arrays():
        write(out, name + ".npy", npy(a))
    a = np.arange(4, dtype=np.float32)
    write(out, "v2.npy", npy(a, (2, 0)))
    write(out, "v3.npy", npy(a, (3, 0)))


def npz_seeds():
    out = reset("npz")
    items = dict(arrays())
    for compressed in (False, True):
        save = np.savez_compressed if compressed else np.savez
        f = io.BytesIO()
        save(f, x=items["f32"], m=items["bool"])
        write(out, ("deflate" if compressed else "stored") + ".npz", f.getvalue())
    f = io.BytesIO()
    np.savez(f, **{"a/b": items["i4"], "e": items["empty"], "r": items["rank0"]})
    write(out, "names.npz", f.getvalue())


def literal_seeds():
    out = reset("literal")
    seen = set()
    for path in glob.glob(os.path.join(ROOT, "test", "**", "*.*"), recursive=True):
        if not path.endswith((".mlir", ".test")):
            continue
        for m in re.finditer(r'--input="([^"]*)"', open(path, errors="ignore").read()):
            spec = m.group(1)
            if spec.startswith("@") or spec in seen or len(spec) > 512:
                continue
            seen.add(spec)
    for spec in ("f32=1.5", "i1=true", "2xi1=false,1", "2x2xf64=[[1 2] [3 4]]",
                 "0x3xf32=", "2xf16=65504,-0", "3xi64=-9223372036854775808,0,1",
                 "2xui8=255,0", "2xi8=-128,127"):
        seen.add(spec)
    for i, spec in enumerate(sorted(seen)):
        write(out, "%03d.txt" % i, spec.encode())


def pack(objects):
    """The objects of one compiled unit as the JIT keeps them (ObjectPack.h)."""
    return (b"NNPACK01" + struct.pack("<I", len(objects)) +
            b"".join(struct.pack("<Q", len(o)) for o in objects) + b"".join(objects))


def entry(key, obj):
    return (b"NNJITOBJ" + struct.pack("<II", 1, len(key)) + key +
            struct.pack("<Q", len(obj)) + hashlib.sha256(obj).digest() + obj)


def cache_seeds():
    out = reset("cache")
    key = b"a" * 64
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "f.c")
        with open(src, "w") as f:
            f.write("int _mlir_ciface_f(int *x) { return *x + 1; }\n"
                    "int f(int x) { return x * 2; }\n")
        obj = os.path.join(tmp, "f.o")
        subprocess.check_call(["clang-22", "-c", "-O2", "-fno-ident",
                               "-fno-asynchronous-unwind-tables", src, "-o", obj])
        subprocess.check_call(["llvm-strip-22", "--strip-debug", obj])
        data = open(obj, "rb").read()
    write(out, "entry.bin", b"\0" + entry(key, pack([data])))
    write(out, "entry-not-object.bin", b"\0" + entry(key, pack([b"not an object file"])))
    write(out, "object.bin", b"\1" + pack([data]))
    write(out, "objects.bin", b"\1" + pack([data, data]))
    write(out, "raw-object.bin", b"\1" + data)


if __name__ == "__main__":
    lower_seeds()
    npy_seeds()
    npz_seeds()
    literal_seeds()
    cache_seeds()
