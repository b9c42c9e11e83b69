#!/usr/bin/env python3
"""npy_oracle.py READER DIR [--seed S] [--npy N] [--npz N]

Writes a deterministic corpus of mutated .npy and .npz files to DIR (valid
files from NumPy's own writers, then byte flips, header edits, truncations,
size and offset fields set to extreme values, ZIP64 fields), reads all of
them with READER (nn-read-arrays: nn-jit's readers, one process) and with
np.load, and checks that the readers accept exactly the files np.load
accepts, with the same names, element types, shapes and bytes.

The exceptions are documented refusals (docs/nn-jit.md, File formats), each
checked to be what it claims and to say so:
  unsupported   element types nn-jit has no DType for, spellings of the
                descr other than NumPy's own ('<f4'), Fortran order that
                differs from C order, .npz members that are no .npy (np.load
                returns their bytes), a name twice, bzip2 / lzma members:
                refused with an 'unsupported' message;
  negative dim  a .npy dimension of -1, which np.load reads as "the rest
                of the file": refused with 'negative dimension'.
Prints one summary line per kind and each mismatch; exits 1 on any.
"""

import argparse
import ast
import io
import os
import random
import struct
import subprocess
import sys
import warnings
import zipfile
import zlib

import numpy as np
from numpy.lib import format as npformat

warnings.simplefilter("ignore")

SUPPORTED = {
    np.dtype("<f2"): "f16", np.dtype("<f4"): "f32", np.dtype("<f8"): "f64",
    np.dtype("|b1"): "i1", np.dtype("|i1"): "i8", np.dtype("<i2"): "i16",
    np.dtype("<i4"): "i32", np.dtype("<i8"): "i64", np.dtype("|u1"): "ui8",
    np.dtype("<u4"): "ui32",
}
CANONICAL_CODES = {"f2", "f4", "f8", "i2", "i4", "i8", "u4"}
ONE_BYTE_CODES = {"b1", "i1", "u1"}


def canonical_descr(descr):
    """Whether nn-jit reads this descr string (NumPy's own spelling)."""
    if not isinstance(descr, str):
        return False
    code = descr[1:] if descr[:1] in ("<", ">", "=", "|") else descr
    if code in ONE_BYTE_CODES:
        return True
    return code in CANONICAL_CODES and not descr.startswith(">")


# ----------------------------------------------------------------------------
# Valid files
# ----------------------------------------------------------------------------

def npy_bytes(array, version=None):
    out = io.BytesIO()
    npformat.write_array(out, array, version=version, allow_pickle=False)
    return out.getvalue()


def handmade_npy(header, data, version=(1, 0)):
    text = header.encode("latin1" if version < (3, 0) else "utf8")
    size = struct.pack("<H" if version == (1, 0) else "<I", len(text))
    return b"\x93NUMPY" + bytes(version) + size + text + data


def base_arrays(rng):
    f4 = np.arange(21, dtype="<f4").reshape(3, 7) * 0.5
    return [
        f4,
        np.array([1.5, -2.25, np.inf, np.nan, 0.0], dtype="<f8"),
        np.array([[1, -2, 3], [4, 5, -6]], dtype="<f2"),
        np.array([True, False, True, True]),
        np.array([-128, 0, 127], dtype="|i1"),
        np.array([-32768, 7, 32767], dtype="<i2"),
        np.array([[-(2**31), 0], [2**31 - 1, 5]], dtype="<i4"),
        np.array([-(2**63), 2**63 - 1, 3], dtype="<i8"),
        np.array([0, 200, 255], dtype="|u1"),
        np.array([0, 2**32 - 1, 9], dtype="<u4"),
        np.array(3.25, dtype="<f4"),
        np.zeros((0, 3), dtype="<f4"),
        np.ones((1,), dtype="<f4"),
        np.asfortranarray(f4),  # Fortran order: unsupported.
        np.array([1, 2], dtype=">i4"),  # Big-endian: unsupported.
        np.array([1 + 2j], dtype="<c8"),  # Complex: unsupported.
        np.array([1, 2], dtype="<u2"),  # No DType: unsupported.
    ]


def valid_npy_files(rng):
    files = []
    for array in base_arrays(rng):
        files.append(npy_bytes(array))
    f4 = base_arrays(rng)[0]
    files.append(npy_bytes(f4, (2, 0)))
    files.append(npy_bytes(f4, (3, 0)))
    data = f4.tobytes()
    # Headers NumPy's writer does not make but np.load reads.
    for header in [
        "{'descr': '<f4', 'fortran_order': False, 'shape': (3L, 7L), }",
        "{\"shape\": (3, 7), 'descr': u'<f4', 'fortran_order': False} # c\n",
        "{'descr': '<f4',\n 'fortran_order': False,\n 'shape': (0x3, 7,),}",
        "({'descr': '<f4', 'fortran_order': False, 'shape': (+3, (7))})",
        "{'descr': '<' 'f4', 'fortran_order': False, 'shape': (3, 7)}\t\n",
        "{'descr': r'<f4', 'shape': (3, 7), 'fortran_order': False, }   \n",
    ]:
        files.append(handmade_npy(header, data))
    files.append(handmade_npy(
        "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 7)}\n", data,
        (3, 0)))
    return files


def npz_bytes(arrays, compressed):
    out = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(out, **arrays)
    return out.getvalue()


def zip64_npz(arrays, compressed=False, declared_size=None, header_offset=None,
              directory_size=None, directory_offset=None):
    """An archive whose central directory gives sizes and offsets in ZIP64
    extra fields, with a ZIP64 end record (as large archives have); the
    overrides put other values (2^40, 2^64 - 1) in those 64-bit fields."""
    local, central = b"", b""
    for name, array in arrays.items():
        member = npy_bytes(array)
        data = member
        if compressed:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            data = packer.compress(member) + packer.flush()
        file_name = (name + ".npy").encode()
        crc = zlib.crc32(member)
        offset = len(local)
        method = 8 if compressed else 0
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, method, 0, 0x21,
                             crc, len(data), len(member), len(file_name),
                             0) + file_name + data
        extra = struct.pack("<HHQQQ", 1, 24,
                            len(member) if declared_size is None else declared_size,
                            len(data),
                            offset if header_offset is None else header_offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0,
                               method, 0, 0x21, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                               len(file_name), len(extra), 0, 0, 0, 0,
                               0xFFFFFFFF) + file_name + extra
    count = len(arrays)
    record = struct.pack(
        "<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count,
        len(central) if directory_size is None else directory_size,
        len(local) if directory_offset is None else directory_offset)
    locator = struct.pack("<IIQI", 0x07064B50, 0, len(local) + len(central), 1)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF,
                      0xFFFFFFFF, 0xFFFFFFFF, 0)
    return local + central + record + locator + end


def valid_npz_files(rng):
    arrays = base_arrays(rng)
    small = {"w": arrays[0], "b": arrays[1]}
    files = [
        npz_bytes(small, False),
        npz_bytes(small, True),
        npz_bytes({"x": arrays[3], "k": arrays[9], "s": arrays[10]}, False),
        npz_bytes({"x": arrays[7]}, True),
        npz_bytes({}, False),
        zip64_npz(small),
        zip64_npz(small, compressed=True),
        zip64_npz({"e": arrays[11]}),
    ]
    # Declared sizes and offsets no file of a few hundred bytes holds (np.load
    # reads a deflate member to the end of its stream, whatever the declared
    # size): nothing may be allocated by them, nor wrap a bounds check.
    for size in (2**32, 2**40, 2**62, 2**64 - 1):
        files.append(zip64_npz(small, compressed=True, declared_size=size))
        files.append(zip64_npz(small, declared_size=size))
    for offset in (2**63, 2**64 - 1, 2**64 - 30):
        files.append(zip64_npz(small, header_offset=offset))
        files.append(zip64_npz(small, directory_offset=offset))
        files.append(zip64_npz(small, directory_size=offset))
    # An archive comment; a member that is no .npy; a name twice; a
    # Fortran-order member.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("w.npy", npy_bytes(arrays[0]))
        archive.comment = b"made by npy_oracle.py"
    files.append(out.getvalue())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("w.npy", npy_bytes(arrays[0]))
        archive.writestr("notes.txt", b"not an array")
    files.append(out.getvalue())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("w.npy", npy_bytes(arrays[0]))
        archive.writestr("w", npy_bytes(arrays[1]))
    files.append(out.getvalue())
    files.append(npz_bytes({"f": arrays[13]}, False))
    return files


# ----------------------------------------------------------------------------
# Mutations
# ----------------------------------------------------------------------------

HEADER_CHARS = (b" \t\n\r\x0c\x0b#\\'\"()[]{},:;+-_.0123456789LjexXoObB"
                b"TrueFalsNnu\x00\x80\xe9\xff")
EXTREMES = [0, 1, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**40, 2**62,
            2**63 - 1, 2**63, 2**64 - 1, -1, -(2**63)]


def header_span(data):
    if len(data) < 10 or not data.startswith(b"\x93NUMPY"):
        return 0, len(data)
    if data[6] == 1:
        return 10, min(len(data), 10 + struct.unpack("<H", data[8:10])[0])
    if len(data) < 12:
        return 0, len(data)
    return 12, min(len(data), 12 + struct.unpack("<I", data[8:12])[0])


def flip(data, rng, lo, hi, alphabet=None):
    data = bytearray(data)
    if hi <= lo:
        return bytes(data)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        at = rng.randrange(lo, hi)
        data[at] = rng.choice(alphabet) if alphabet else rng.randrange(256)
    return bytes(data)


def mutate_npy(data, rng):
    start, end = header_span(data)
    kind = rng.randrange(8)
    if kind == 0:
        return flip(data, rng, 0, len(data))
    if kind in (1, 2):
        return flip(data, rng, start, end, HEADER_CHARS)
    if kind == 3:
        return data[:rng.randrange(len(data) + 1)]
    if kind == 4:
        return data + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 9)))
    if kind == 5:  # Another header length.
        data = bytearray(data)
        width = 2 if data[6] == 1 else 4
        length = int.from_bytes(data[8:8 + width], "little")
        length = max(0, length + rng.choice([-3, -1, 1, 2, 64, 1000]))
        data[8:8 + width] = (length % (1 << (8 * width))).to_bytes(width, "little")
        return bytes(data)
    if kind == 6:  # Another shape, the header length fixed up.
        header = data[start:end].decode("latin1")
        at, close = header.find("'shape': ("), header.find(")", header.find("'shape': ("))
        if at < 0 or close < 0:
            return flip(data, rng, start, end)
        dims = [rng.choice(EXTREMES + [0, 3, 7, 21]) for _ in range(rng.randrange(0, 3))]
        shape = "(" + ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"
        header = header[:at + 9] + shape + header[close + 1:]
        return handmade_npy(header, data[end:],
                            (data[6], 0) if data[6] in (1, 2, 3) else (1, 0))
    # A version byte, or the magic.
    return flip(data, rng, 0, 10)


def zip_fields(data):
    """Offsets of the size, offset and count fields of a ZIP's records."""
    fields = []
    at = 0
    while True:
        at = data.find(b"PK", at)
        if at < 0:
            break
        sig = data[at:at + 4]
        if sig == b"PK\x03\x04":
            fields += [(at + 8, 2), (at + 18, 4), (at + 22, 4), (at + 26, 2), (at + 28, 2)]
        elif sig == b"PK\x01\x02":
            fields += [(at + 6, 1), (at + 8, 2), (at + 10, 2), (at + 20, 4), (at + 24, 4),
                       (at + 28, 2), (at + 30, 2), (at + 32, 2), (at + 42, 4)]
        elif sig == b"PK\x05\x06":
            fields += [(at + 8, 2), (at + 10, 2), (at + 12, 4), (at + 16, 4), (at + 20, 2)]
        elif sig == b"PK\x06\x06":
            fields += [(at + 24, 8), (at + 32, 8), (at + 40, 8), (at + 48, 8)]
        elif sig == b"PK\x06\x07":
            fields += [(at + 4, 4), (at + 8, 8), (at + 16, 4)]
        at += 2
    # ZIP64 extra fields of the central directory.
    at = 0
    while True:
        at = data.find(b"\x01\x00\x18\x00", at)
        if at < 0:
            break
        fields += [(at + 4, 8), (at + 12, 8), (at + 20, 8)]
        at += 4
    return fields


def mutate_npz(data, rng):
    kind = rng.randrange(7)
    if kind in (0, 1):
        return flip(data, rng, 0, len(data))
    if kind == 2:
        return data[:rng.randrange(len(data) + 1)]
    fields = zip_fields(data)
    if not fields:
        return flip(data, rng, 0, len(data))
    data = bytearray(data)
    for _ in range(rng.choice([1, 1, 2])):
        at, width = rng.choice(fields)
        old = int.from_bytes(data[at:at + width], "little")
        value = rng.choice(EXTREMES + [len(data), len(data) - 1, old + 1, old - 1,
                                       old + 30, old ^ (1 << rng.randrange(8 * width))])
        data[at:at + width] = (value % (1 << (8 * width))).to_bytes(width, "little")
    return bytes(data)


# ----------------------------------------------------------------------------
# The oracle
# ----------------------------------------------------------------------------

def header_of(data):
    """np.load's dict for a .npy's bytes (numpy's own steps), or None."""
    try:
        f = io.BytesIO(data)
        version = npformat.read_magic(f)
        size = struct.unpack("<H" if version == (1, 0) else "<I",
                             f.read(2 if version == (1, 0) else 4))[0]
        header = f.read(size).decode("latin1" if version < (3, 0) else "utf8")
        if version <= (2, 0):
            header = npformat._filter_header(header)
        return ast.literal_eval(header.lstrip(" \t"))
    except Exception:
        return None


def refusal_expected(array, header):
    """The documented refusal of a file np.load read, or None."""
    if array.dtype not in SUPPORTED:
        return "unsupported"
    if header is not None and not canonical_descr(header["descr"]):
        return "unsupported"
    if header is not None and header["fortran_order"] and \
            sum(d > 1 for d in header["shape"]) > 1:
        return "unsupported"
    if header is not None and any(d < 0 for d in header["shape"]):
        return "negative dimension"
    return None


def np_oracle(path, data):
    """('ok', [(name, array)]) | ('refuse', substring) | ('error', None)."""
    try:
        loaded = np.load(path)
        if not isinstance(loaded, np.lib.npyio.NpzFile):
            refusal = refusal_expected(loaded, header_of(data))
            return ("refuse", refusal) if refusal else ("ok", [("", loaded)])
        with loaded:
            names = loaded.files
            members = [(name, loaded[name]) for name in names]
            infos = loaded.zip.infolist()
    except Exception:
        return ("error", None)
    if len(set(names)) != len(names):
        return ("refuse", "unsupported")
    if any(i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
           for i in infos):
        return ("refuse", "unsupported")
    arrays = []
    with zipfile.ZipFile(path) as archive:
        for (name, value), info in zip(members, infos):
            if not isinstance(value, np.ndarray):
                return ("refuse", "unsupported")
            try:
                header = header_of(archive.read(info))
            except Exception:
                header = None
            refusal = refusal_expected(value, header)
            if refusal:
                return ("refuse", refusal)
            arrays.append((name, value))
    return ("ok", arrays)


def expected_lines(arrays):
    lines = []
    for name, array in arrays:
        data = np.ascontiguousarray(array)
        if data.dtype == np.bool_:
            data = data.astype(np.uint8)  # Any non-zero byte is True.
        lines.append((name.encode("utf8").hex(), SUPPORTED[array.dtype],
                      ",".join(str(d) for d in array.shape), data.tobytes().hex()))
    return lines


def parse_reader_output(output, results):
    for line in output.decode("utf8", "replace").split("\n")[:-1]:
        path, kind, *rest = line.split("\t")
        if kind == "array":
            results[path][1].append(tuple(rest))
        else:
            results[path] = (kind, [], rest[0])


def read_with(reader, paths):
    """The reader's verdict per path; a file it crashes on (a sanitizer
    report, an abort) is found by reading the batch again file by file."""
    results = {}
    for chunk in range(0, len(paths), 200):
        batch = paths[chunk:chunk + 200]
        run = subprocess.run([reader] + batch, capture_output=True)
        if run.returncode == 0:
            parse_reader_output(run.stdout, results)
            continue
        for path in batch:
            run = subprocess.run([reader, path], capture_output=True)
            if run.returncode == 0:
                parse_reader_output(run.stdout, results)
            else:
                last = (run.stderr.decode("utf8", "replace").strip().split("\n") or [""])[-1]
                results[path] = ("crash", [], "exit status %d: %s" % (run.returncode, last[:200]))
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("reader")
    parser.add_argument("dir")
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument("--npy", type=int, default=600)
    parser.add_argument("--npz", type=int, default=600)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.dir, exist_ok=True)
    corpus = []
    for kind, valid, mutate, count in [
            ("npy", valid_npy_files(rng), mutate_npy, args.npy),
            ("npz", valid_npz_files(rng), mutate_npz, args.npz)]:
        for i, data in enumerate(valid):
            corpus.append((kind, "%s/valid-%03d.%s" % (args.dir, i, kind), data))
        for i in range(count):
            data = mutate(rng.choice(valid), rng)
            corpus.append((kind, "%s/mutant-%05d.%s" % (args.dir, i, kind), data))
    for _, path, data in corpus:
        with open(path, "wb") as f:
            f.write(data)

    ours = read_with(args.reader, [path for _, path, _ in corpus])
    mismatches = 0
    for kind in ("npy", "npz"):
        stats = {"ok": 0, "error": 0, "refuse": 0}
        for file_kind, path, data in corpus:
            if file_kind != kind:
                continue
            verdict, detail = np_oracle(path, data)
            stats[verdict] += 1
            got, got_arrays, message = ours[path]
            problem = None
            if got == "crash":
                problem = "the reader crashed: " + message
            elif verdict == "ok":
                want = expected_lines(detail)
                if got != "ok":
                    problem = "np.load reads it; nn-jit: " + message
                elif got_arrays != want:
                    problem = "different arrays: got %s, want %s" % (got_arrays, want)
            elif verdict == "refuse":
                if got == "ok":
                    problem = "read; expected a refusal (%s)" % detail
                elif detail not in message:
                    problem = "refused without saying '%s': %s" % (detail, message)
            elif got == "ok":
                problem = "np.load refuses it; nn-jit reads it"
            if problem:
                mismatches += 1
                print("MISMATCH %s: %s" % (path, problem))
        print("%s: %d files, np.load reads %d, refuses %d; documented refusals %d"
              % (kind, stats["ok"] + stats["error"] + stats["refuse"], stats["ok"],
                 stats["error"], stats["refuse"]))
    print("mismatches: %d" % mismatches)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
