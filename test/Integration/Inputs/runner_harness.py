#!/usr/bin/env python3
"""Helpers for integration tests that run compiled nn code with mlir-runner.

`write_program` appends to a model a `@main` that calls one of its functions
on constant inputs (exact float32 bytes, hex-encoded) and prints every result
with printMemrefF32. `compare` reads what mlir-runner printed and checks it
against a NumPy reference with |got - want| <= rtol * |want| + atol.
"""

import re
import sys

import numpy as np


def _tensor_type(shape, dtype="f32"):
    return "tensor<" + "x".join(str(d) for d in shape) + ("x" if shape else "") + dtype + ">"


def _hex_constant(array):
    array = np.ascontiguousarray(array, dtype=np.float32)
    return 'dense<"0x%s">' % array.tobytes().hex().upper()


def write_program(path, model_text, func, args, result_shapes):
    """Writes `model_text` plus a `@main` calling `@func(*args)` to `path`."""
    lines = [model_text, "", "func.func @main() {"]
    names = []
    for index, arg in enumerate(args):
        name = "%%arg%d" % index
        lines.append("  %s = arith.constant %s : %s"
                     % (name, _hex_constant(arg), _tensor_type(arg.shape)))
        names.append(name)
    results = ["%%res%d" % i for i in range(len(result_shapes))]
    arg_types = ", ".join(_tensor_type(a.shape) for a in args)
    res_types = ", ".join(_tensor_type(s) for s in result_shapes)
    lines.append("  %s = func.call @%s(%s) : (%s) -> (%s)"
                 % (", ".join(results), func, ", ".join(names), arg_types, res_types))
    for result, shape in zip(results, result_shapes):
        lines.append("  %%u%s = tensor.cast %s : %s to tensor<*xf32>"
                     % (result[1:], result, _tensor_type(shape)))
        lines.append("  func.call @printMemrefF32(%%u%s) : (tensor<*xf32>) -> ()" % result[1:])
    lines += ["  return", "}", "",
              "func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}"]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


_NUMBER = re.compile(r"-?(?:nan|inf|\d+(?:\.\d*)?(?:e[-+]?\d+)?)", re.IGNORECASE)


def parse_printed(text):
    """Returns the data arrays printed by printMemrefF32, flattened."""
    arrays = []
    for block in text.split("Unranked Memref")[1:]:
        data = block.split("data =", 1)[1]
        arrays.append(np.array([float(v) for v in _NUMBER.findall(data)], dtype=np.float64))
    return arrays


def compare(printed_path, expected_path, rtol, atol):
    """Prints 'MATCH n values' or the first mismatches; exits 1 on mismatch."""
    with open(printed_path) as f:
        got = parse_printed(f.read())
    expected = np.load(expected_path)
    want = [expected[k].astype(np.float64).ravel() for k in sorted(expected.files)]
    if len(got) != len(want):
        print("MISMATCH: %d results printed, %d expected" % (len(got), len(want)))
        return 1
    total = 0
    for index, (g, w) in enumerate(zip(got, want)):
        if g.shape != w.shape:
            print("MISMATCH: result %d has %d values, expected %d" % (index, g.size, w.size))
            return 1
        bad = ~(np.abs(g - w) <= rtol * np.abs(w) + atol)
        if bad.any():
            for i in np.flatnonzero(bad)[:10]:
                print("MISMATCH: result %d element %d: got %r want %r" % (index, i, g[i], w[i]))
            return 1
        total += g.size
    print("MATCH %d values" % total)
    return 0


if __name__ == "__main__":
    # compare PRINTED EXPECTED.npz RTOL ATOL
    sys.exit(compare(sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])))
