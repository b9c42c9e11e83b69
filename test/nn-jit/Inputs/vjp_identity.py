#!/usr/bin/env python3
"""Checks nn-vjp against nn-jvp through the transpose identity
<ct, J t> = <J^T ct, t> for each function of an .mlir file, on random
primals, tangents and cotangents (NumPy, fixed seed), with every f32 tensor
argument differentiated. Both derivatives come from separate compiled
functions (f_jvp, f_vjp), so a wrong transposition rule shows as a
mismatch. Usage:

  vjp_identity.py NN_JIT FILE.mlir WORKDIR FUNCTION[:training] ...

Prints one line per function: `IDENTITY name OK` or `IDENTITY name FAIL ...`
and exits 1 on any failure."""

import os
import re
import subprocess
import sys

import numpy as np


def signature(source, name):
    """(argument types, result types) of @name, as type strings."""
    match = re.search(r"func\.func @%s\((.*?)\)\s*->\s*\(?(.*?)\)?\s*\{" % re.escape(name),
                      source, re.S)
    if not match:
        sys.exit("no function @%s" % name)
    args = re.findall(r"%\w+:\s*([^,{)]+(?:<[^>]*>)?)", match.group(1))
    args = [a.strip() for a in args]
    results = [r.strip() for r in re.findall(r"(tensor<[^>]*>|!nn\.key)", match.group(2))]
    return args, results


def shape_dtype(text):
    if text == "!nn.key":
        return None, "key"
    inner = text[len("tensor<"):-1].split("x")
    return tuple(int(d) for d in inner[:-1]), inner[-1]


def make(rng, text, vocab):
    shape, dtype = shape_dtype(text)
    if dtype == "key":
        return np.array([0, 7], np.uint32)
    if dtype == "f32":
        return rng.standard_normal(shape).astype(np.float32)
    if dtype == "i1":
        mask = rng.random(shape) < 0.7
        mask.reshape(-1, shape[-1])[:, 0] = True  # No slice fully masked.
        return mask
    if dtype in ("i32", "i64"):
        return rng.integers(0, vocab, shape).astype(np.int32 if dtype == "i32" else np.int64)
    sys.exit("unsupported type " + text)


def run(nn_jit, path, workdir, function, entry, inputs, training):
    files = []
    for i, value in enumerate(inputs):
        name = os.path.join(workdir, "%s_%s_%d.npy" % (function, entry, i))
        np.save(name, value)
        files.append("--input=@" + name)
    out = os.path.join(workdir, "%s_%s.npz" % (function, entry))
    prepare = "builtin.module(nn-jvp{function=%s},nn-vjp{function=%s})" % (function, function)
    command = [nn_jit, path, "--no-cache", "--prepare=" + prepare,
               "--function=%s_%s" % (function, entry), "--output=@" + out] + files
    if training:
        command.append("--training")
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    with np.load(out) as archive:
        return [archive["result%d" % i] for i in range(len(archive.files))]


def main():
    nn_jit, path, workdir = sys.argv[1:4]
    source = open(path).read()
    ok = True
    for spec in sys.argv[4:]:
        function, _, mode = spec.partition(":")
        args, results = signature(source, function)
        rng = np.random.default_rng(7)
        vocab = 5
        primals = [make(rng, a, vocab) for a in args]
        floats = [i for i, a in enumerate(args) if shape_dtype(a)[1] == "f32"]
        tangents = [rng.standard_normal(primals[i].shape).astype(np.float32) for i in floats]
        cotangents = [rng.standard_normal(shape_dtype(r)[0]).astype(np.float32) for r in results]
        training = mode == "training"
        try:
            jvp = run(nn_jit, path, workdir, function, "jvp", primals + tangents, training)
            vjp = run(nn_jit, path, workdir, function, "vjp", primals + cotangents, training)
        except subprocess.CalledProcessError as error:
            ok = False
            print("IDENTITY %s FAIL nn-jit exited with %d" % (function, error.returncode))
            continue
        n = len(results)
        lhs = sum(np.vdot(c.astype(np.float64), t.astype(np.float64))
                  for c, t in zip(cotangents, jvp[n:]))
        rhs = sum(np.vdot(g.astype(np.float64), t.astype(np.float64))
                  for g, t in zip(vjp[n:], tangents))
        same_outputs = all(np.array_equal(a, b, equal_nan=True) for a, b in zip(jvp[:n], vjp[:n]))
        close = abs(lhs - rhs) <= 1e-4 * max(abs(lhs), abs(rhs), 1.0)
        if close and same_outputs and np.isfinite(lhs):
            print("IDENTITY %s OK" % function)
        else:
            ok = False
            print("IDENTITY %s FAIL <ct, J t> = %r, <J^T ct, t> = %r, outputs equal: %s"
                  % (function, lhs, rhs, same_outputs))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
