#!/usr/bin/env python3
"""Runs nn-jvp, nn-vjp and nn-vmap of functions of an .mlir file through
nn-jit and compares them with the PyTorch references torch_ops.py wrote
(NumPy only here; torch runs in its own process).

  transform_check.py NN_JIT FILE.mlir DIR CASE[:no-jvp][:no-vjp][:no-vmap] ...

For each CASE (a function of FILE.mlir and a directory DIR/CASE of
torch_ops.py) it checks, and prints one line each:

  CASE name jvp OK       f_jvp's results equal the torch results and its
                         tangents torch's J t (float results)
  CASE name vjp OK       f_vjp's results, and its cotangents torch's J^T ct
  CASE name identity OK  <ct, J t> = <J^T ct, t> between our f_jvp and f_vjp
                         (relative 1e-4, as vjp_identity.py)
  CASE name vmap OK      f_vmap (in_axes from torch_ops.py, batch 3) equals
                         torch's results per example

Float results agree when |got - want| <= 2e-4 |want| + 2e-5 max(1, max |want|)
(float32 against float64); masks, ids and keys exactly. `no-<t>` leaves a
transformation out (a known failure, see op-coverage.test). Exits 1 on any
failure, after printing `CASE name t FAIL ...` with the worst elements."""

import json
import os
import subprocess
import sys

import numpy as np


def load(path):
    return np.load(path)


def run(nn_jit, mlir, prepare, function, inputs, out, training):
    command = [nn_jit, mlir, "--no-cache", "--prepare=builtin.module(%s)" % prepare,
               "--function=" + function, "--output=@" + out] + ["--input=@" + i for i in inputs]
    if training:
        command.append("--training")
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise RuntimeError("nn-jit exited with %d: %s" % (
            result.returncode, result.stderr.strip().splitlines()[:3]))
    with np.load(out) as archive:
        return [archive["result%d" % i] for i in range(len(archive.files))]


def mismatch(got, want):
    """None when got matches want, else a description."""
    got, want = np.asarray(got), np.asarray(want)
    if got.shape != want.shape:
        return "shape %s, expected %s" % (got.shape, want.shape)
    if want.dtype.kind == "f":
        g, w = got.astype(np.float64), want.astype(np.float64)
        scale = max(1.0, float(np.abs(w).max())) if w.size else 1.0
        bad = ~(np.abs(g - w) <= 2e-4 * np.abs(w) + 2e-5 * scale)
    else:
        # Masks come back as bytes, ids as i32, keys as words: compare bits.
        g = got.astype(np.int64)
        w = want.astype(np.int64)
        if want.dtype.itemsize == 4 and got.dtype.itemsize == 4:
            g = got.view(np.uint32).astype(np.int64)
            w = want.view(np.uint32).astype(np.int64)
        bad = g != w
    if not bad.any():
        return None
    where = [tuple(int(v) for v in i) for i in np.argwhere(bad)[:3]]
    return "%d of %d differ, e.g. %s" % (bad.sum(), bad.size, ", ".join(
        "%s got %r want %r" % (i, got[i].item(), want[i].item()) for i in where))


def check(name, what, problems):
    problems = [p for p in problems if p]
    if problems:
        print("CASE %s %s FAIL %s" % (name, what, "; ".join(problems)))
        return False
    print("CASE %s %s OK" % (name, what))
    return True


def main():
    nn_jit, mlir, root = sys.argv[1:4]
    ok = True
    for spec in sys.argv[4:]:
        name, *flags = spec.split(":")
        d = os.path.join(root, name)
        meta = json.load(open(os.path.join(d, "meta.json")))
        n_args, n_out = len(meta["in_axes"].split(",")), meta["results"]
        wrt, float_outs = meta["wrt"], meta["float_outs"]
        training = meta["mode"] == "training"
        inputs = [os.path.join(d, "in%d.npy" % i) for i in range(n_args)]
        want = [load(os.path.join(d, "out%d.npy" % k)) for k in range(n_out)]
        wrt_option = " wrt=" + ",".join(map(str, wrt))
        jvp = vjp = None
        try:
            if "no-jvp" not in flags:
                tangents = [os.path.join(d, "tan%d.npy" % i) for i in wrt]
                jvp = run(nn_jit, mlir, "nn-jvp{function=%s%s}" % (name, wrt_option), name + "_jvp",
                          inputs + tangents, os.path.join(d, "jvp.npz"), training)
                ok &= check(name, "jvp", [mismatch(jvp[k], want[k]) for k in range(n_out)] + [
                    mismatch(jvp[n_out + k], load(os.path.join(d, "jvp%d.npy" % k)))
                    for k in float_outs])
            if "no-vjp" not in flags:
                cts = [os.path.join(d, "ct%d.npy" % k) for k in float_outs]
                vjp = run(nn_jit, mlir, "nn-vjp{function=%s%s}" % (name, wrt_option), name + "_vjp",
                          inputs + cts, os.path.join(d, "vjp.npz"), training)
                ok &= check(name, "vjp", [mismatch(vjp[k], want[k]) for k in range(n_out)] + [
                    mismatch(vjp[n_out + j], load(os.path.join(d, "grad%d.npy" % i)))
                    for j, i in enumerate(wrt)])
            if jvp is not None and vjp is not None:
                lhs = sum(np.vdot(load(os.path.join(d, "ct%d.npy" % k)).astype(np.float64),
                                  jvp[n_out + k].astype(np.float64)) for k in float_outs)
                rhs = sum(np.vdot(vjp[n_out + j].astype(np.float64),
                                  load(os.path.join(d, "tan%d.npy" % i)).astype(np.float64))
                          for j, i in enumerate(wrt))
                close = abs(lhs - rhs) <= 1e-4 * max(abs(lhs), abs(rhs), 1.0)
                ok &= check(name, "identity", [None if close else
                                               "<ct, J t> = %r, <J^T ct, t> = %r" % (lhs, rhs)])
            if "no-vmap" not in flags:
                batched = [os.path.join(d, "bin%d.npy" % i) for i in range(n_args)]
                vmap = run(nn_jit, mlir, "nn-vmap{function=%s in-axes=%s batch=%d}" % (
                    name, meta["in_axes"], meta["batch"]), name + "_vmap", batched,
                    os.path.join(d, "vmap.npz"), training)
                ok &= check(name, "vmap", [mismatch(vmap[k], load(os.path.join(d, "bout%d.npy" % k)))
                                           for k in range(n_out)])
        except RuntimeError as error:
            ok = False
            print("CASE %s FAIL %s" % (name, error))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
