#!/usr/bin/env python3
"""PyTorch (float64 autograd) references for the functions of
test/nn-jit/transforms-*.mlir, in a process of their own: this script
imports torch and never loads nn-mlir's libraries.

  torch_ops.py DIR CASE...

For each CASE (a function name of those tests) it draws its inputs (NumPy,
seed from the name) and writes DIR/CASE/:

  in<i>.npy    the arguments of one call (float32, masks as bool, ids as
               int32/int64, keys as two uint32 words)
  out<k>.npy   the results, computed by the torch model below in float64
  tan<i>.npy   a tangent per differentiated argument, jvp<k>.npy the
               tangent of each float result (torch.autograd.functional.jvp)
  ct<k>.npy    a cotangent per float result, grad<i>.npy the cotangent of
               each differentiated argument (torch.autograd.grad of
               sum_k <ct_k, out_k>)
  bin<i>.npy   the arguments of a vmap call (batch 3, the batch axis where
               in_axes says; shared arguments as in in<i>.npy) and
               bout<k>.npy the results of the model run once per example,
               stacked on axis 0
  meta.json    in_axes (as nn-vmap's in-axes), the differentiated
               arguments (wrt), the float results and the mode

The models are written from the ops' definitions (NNOps.td,
docs/Losses.md, docs/Optimizers.md), independently of the compiler; random
bits come from threefry_reference.py, an independent NumPy threefry."""

import json
import math
import os
import sys
import zlib

import numpy as np
import torch

sys.dont_write_bytecode = True  # Nothing written into the source tree.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import threefry_reference as tf  # noqa: E402  (NumPy only)

torch.set_default_dtype(torch.float64)
BATCH = 3
F = torch.float64


# ----------------------------------------------------------------- helpers


def normal(rng, *shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def mask(rng, *shape, p=0.7):
    """A mask whose first entry along the last axis is always kept."""
    m = rng.random(shape) < p
    m.reshape(-1, shape[-1])[:, 0] = True
    return m


def masked_softmax(logits, keep, dim=-1):
    """Masked positions get 0; a slice masked everywhere gives zeros."""
    keep = keep.expand_as(logits)
    lowest = torch.full_like(logits, -1e300)
    z = torch.where(keep, logits, lowest)
    e = torch.exp(z - z.amax(dim=dim, keepdim=True)) * keep
    s = e.sum(dim=dim, keepdim=True)
    return e / torch.where(s > 0, s, torch.ones_like(s))


def reduce_loss(per_example, keep, weight, reduction):
    """Keras 3's reduce_weighted_values as docs/Losses.md writes it."""
    keep = torch.ones_like(per_example, dtype=torch.bool) if keep is None else keep
    w = torch.ones_like(per_example) if weight is None else weight
    weighted = torch.where(keep, per_example * w, torch.zeros_like(per_example))
    if reduction == "none":
        return weighted
    total = weighted.sum()
    if reduction == "sum":
        return total
    if reduction == "sum_over_batch_size":
        count = keep.sum()
        return total / count if count > 0 else total * 0
    if reduction == "mean_with_sample_weight":
        d = torch.where(keep, w, torch.zeros_like(w)).sum()
        return total / d
    raise ValueError(reduction)


def key_words(k):
    k = np.asarray(k, np.uint32)
    return int(k[0]), int(k[1])


def split(k, n):
    """jax.random.split: keys[i] = threefry2x32(key, (0, i))."""
    k0, k1 = key_words(k)
    return [np.array(tf.threefry2x32(k0, k1, 0, i), np.uint32) for i in range(n)]


def fold_in(k, d):
    k0, k1 = key_words(k)
    return np.array(tf.threefry2x32(k0, k1, 0, int(d) & 0xFFFFFFFF), np.uint32)


def seed_key(s):
    s = int(s) & 0xFFFFFFFFFFFFFFFF
    return np.array([s >> 32, s & 0xFFFFFFFF], np.uint32)


def const(a):
    return torch.tensor(np.asarray(a, np.float64))


# ------------------------------------------------------------------- cases
# Each case: gen(rng) -> one example's arguments (NumPy, the .mlir types),
# model(*args) -> tuple of results, args as torch tensors (floats float64),
# in_axes (None = shared under vmap), optional wrt (default every float
# argument) and mode ("training" for dropout).

CASES = {}


def case(name, in_axes, wrt=None, mode=""):
    def register(fn):
        CASES[name] = dict(body=fn, in_axes=in_axes, wrt=wrt, mode=mode)
        return fn
    return register


# Layers ------------------------------------------------------------------

@case("dense", [0, None, None])
def _dense():
    def gen(rng):
        return [normal(rng, 3, 4), normal(rng, 4, 5), normal(rng, 5)]
    return gen, lambda x, w, b: (x @ w + b,)


@case("dense_nobias", [1, 0])
def _dense_nobias():
    # 3-D input, no bias; batched along axis 1 of x and axis 0 of the kernel.
    def gen(rng):
        return [normal(rng, 2, 3, 4), normal(rng, 4, 2)]
    return gen, lambda x, w: (x @ w,)


@case("activations", [0])
def _activations():
    def gen(rng):
        return [normal(rng, 2, 6, scale=2.0)]

    def model(x):
        f = torch.nn.functional
        return (torch.relu(x), f.gelu(x), f.gelu(x, approximate="tanh"),
                torch.tanh(x), torch.sigmoid(x))
    return gen, model


@case("softmax", [0, None])
def _softmax():
    # The last axis, a middle axis, and masked with a [q, k] mask broadcast
    # over the leading axis.
    def gen(rng):
        return [normal(rng, 2, 4, 5, scale=2.0), mask(rng, 4, 5)]

    def model(x, m):
        return (torch.softmax(x, -1), torch.softmax(x, 1), masked_softmax(x, m))
    return gen, model


@case("softmax_empty_row", [0, None])
def _softmax_empty_row():
    # A mask with a row masked everywhere: zeros there, whatever x.
    def gen(rng):
        m = mask(rng, 4, 5)
        m[2, :] = False
        return [normal(rng, 2, 4, 5, scale=2.0), m]

    return gen, lambda x, m: (masked_softmax(x, m),)


@case("layer_norm", [1, None, None])
def _layer_norm():
    # Over the last axis with scale and offset (epsilon 1e-3), and over
    # axis 0 without them (epsilon 1e-5).
    def gen(rng):
        return [normal(rng, 3, 8, scale=1.5), normal(rng, 8), normal(rng, 8)]

    def model(x, g, b):
        mean = x.mean(-1, keepdim=True)
        var = ((x - mean) ** 2).mean(-1, keepdim=True)
        y = (x - mean) / torch.sqrt(var + 1e-3) * g + b
        mean0 = x.mean(0, keepdim=True)
        var0 = ((x - mean0) ** 2).mean(0, keepdim=True)
        return (y, (x - mean0) / torch.sqrt(var0 + 1e-5))
    return gen, model


@case("pools", [0, 0])
def _pools():
    def gen(rng):
        m = mask(rng, 2, 5)
        m[1, :] = False  # A row masked everywhere pools to 0.
        return [normal(rng, 2, 5, 3), m]

    def model(x, m):
        k = m.unsqueeze(-1).expand_as(x)
        count = m.sum(1, keepdim=True).to(F)
        avg = torch.where(k, x, torch.zeros_like(x)).sum(1) / torch.where(
            count > 0, count, torch.ones_like(count))
        mx = torch.where(k, x, torch.full_like(x, -1e300)).amax(1)
        mx = torch.where(m.any(1, keepdim=True), mx, torch.zeros_like(mx))
        return (avg, x.mean(1), mx, x.amax(1))
    return gen, model


@case("attention", [0, 0, 0, None, 0])
def _attention():
    # Causal, a [q, k] mask and a key padding mask, scale 0.5.
    def gen(rng):
        return [normal(rng, 1, 2, 4, 3), normal(rng, 1, 2, 5, 3), normal(rng, 1, 2, 5, 2),
                mask(rng, 4, 5, p=0.8), mask(rng, 1, 5, p=0.8)]

    def model(q, k, v, m, kp):
        logits = q @ k.transpose(-1, -2) * 0.5
        causal = torch.tril(torch.ones(4, 5, dtype=torch.bool))
        keep = m & causal & kp[:, None, None, :]
        return (masked_softmax(logits, keep) @ v,)
    return gen, model


@case("attention_plain", [0, None, None])
def _attention_plain():
    # No mask, the default scale 1/sqrt(dim); keys and values shared.
    def gen(rng):
        return [normal(rng, 2, 1, 3, 4), normal(rng, 2, 1, 6, 4), normal(rng, 2, 1, 6, 3)]

    def model(q, k, v):
        return (torch.softmax(q @ k.transpose(-1, -2) / 2.0, -1) @ v,)
    return gen, model


@case("embedding", [0, None])
def _embedding():
    # Repeated ids, and ids out of range (-1, 5) that select zeros; with
    # mask_zero, the mask ids != 0. The table is differentiated; under vmap
    # the ids are batched and the table shared.
    def gen(rng):
        ids = rng.integers(0, 5, (2, 6)).astype(np.int32)
        ids[0, 0], ids[1, 3], ids[1, 4] = -1, 5, 0
        return [ids, normal(rng, 5, 3)]

    def model(ids, table):
        valid = (ids >= 0) & (ids < 5)
        rows = table[ids.clamp(0, 4).long()] * valid.unsqueeze(-1)
        return (rows, rows, ids != 0)
    return gen, model


@case("masking", [0, 0])
def _masking():
    # Timesteps equal to the mask value (-99) everywhere are masked; the
    # mask then zeroes another sequence (apply_mask) and reaches a pooling.
    def gen(rng):
        x = normal(rng, 2, 4, 3)
        x[0, 1, :] = -99.0
        x[1, 3, :] = -99.0
        x[1, 0, 1] = -99.0  # One feature alone does not mask the step.
        return [x, normal(rng, 2, 4, 2)]

    def model(x, y):
        m = (x != -99.0).any(-1)
        d = torch.where(m.unsqueeze(-1), x, torch.zeros_like(x))
        a = torch.where(m.unsqueeze(-1), y, torch.zeros_like(y))
        count = m.sum(1, keepdim=True).to(F)
        pooled = a.sum(1) / count
        return (d, m, a, pooled)
    return gen, model


# Losses ------------------------------------------------------------------

def log_softmax(x):
    return x - x.amax(-1, keepdim=True) - torch.log(
        torch.exp(x - x.amax(-1, keepdim=True)).sum(-1, keepdim=True))


@case("sparse_ce", [0, 0, 0, 0])
def _sparse_ce():
    def gen(rng):
        return [normal(rng, 2, 3, 5, scale=2.0), rng.integers(0, 5, (2, 3)).astype(np.int64),
                mask(rng, 2, 3), np.abs(normal(rng, 2, 3)) + 0.5]

    def model(x, labels, m, w):
        per = -log_softmax(x).gather(-1, labels.unsqueeze(-1)).squeeze(-1)
        return (reduce_loss(per, m, w, "sum_over_batch_size"),
                reduce_loss(per, None, None, "none"),
                reduce_loss(per, m, None, "sum"))
    return gen, model


@case("softmax_ce", [0, 0, 0])
def _softmax_ce():
    def gen(rng):
        t = rng.random((4, 5)) + 0.1
        return [normal(rng, 4, 5, scale=2.0), (t / t.sum(-1, keepdims=True)).astype(np.float32),
                np.abs(normal(rng, 4)) + 0.5]

    def model(x, t, w):
        per = -(t * log_softmax(x)).sum(-1)
        return (reduce_loss(per, None, w, "mean_with_sample_weight"),
                reduce_loss(per, None, None, "sum_over_batch_size"))
    return gen, model


@case("sigmoid_bce", [0, 0, 0])
def _sigmoid_bce():
    def gen(rng):
        return [normal(rng, 3, 4, scale=2.0), rng.random((3, 4)).astype(np.float32), mask(rng, 3)]

    def model(x, z, m):
        per = (torch.clamp(x, min=0) - x * z + torch.log1p(torch.exp(-x.abs()))).mean(-1)
        return (reduce_loss(per, m, None, "sum_over_batch_size"),
                reduce_loss(per, None, None, "none"))
    return gen, model


@case("mse", [0, None, 0])
def _mse():
    def gen(rng):
        return [normal(rng, 3, 4), normal(rng, 3, 4), np.abs(normal(rng, 3)) + 0.5]

    def model(y, t, w):
        per = ((y - t) ** 2).mean(-1)
        return (reduce_loss(per, None, w, "sum_over_batch_size"),
                reduce_loss(per, None, w, "sum"))
    return gen, model


# Masks -------------------------------------------------------------------

@case("mask_ops", [0, 0, None])
def _mask_ops():
    # sequence_mask from lengths (one below 0, one beyond time), causal_mask,
    # and mask_not / mask_and / mask_or combining it with a mask argument:
    # a = causal & !m, o = a | !causal, used by two softmaxes and a pooling;
    # the masks are results too.
    def gen(rng):
        m = rng.random((4, 4)) < 0.5
        m[:, 0] = False  # Every row of a keeps its first column.
        return [normal(rng, 3, 4, 4, scale=2.0),
                np.array([rng.integers(1, 4), -1, 7], np.int32), m]

    def model(x, lengths, m):
        s = torch.arange(4)[None, :] < lengths[:, None]
        c = torch.tril(torch.ones(4, 4, dtype=torch.bool))
        a = c & ~m
        o = a | ~c
        k = s.unsqueeze(-1).expand(3, 4, 4)
        count = s.sum(1, keepdim=True).to(F)
        y = masked_softmax(x, a)
        pooled = torch.where(k, x, torch.zeros_like(x)).sum(1) / torch.where(
            count > 0, count, torch.ones_like(count))
        return (y, masked_softmax(x, o), pooled, s, o)
    return gen, model


# Random bits -------------------------------------------------------------

@case("rng_noise", [0, None])
def _rng_noise():
    # x * uniform(k0, [-1, 2)) * normal(k1) + truncated_normal(k2) with
    # k0..k2 = split(k, 3): the noise carries no tangent.
    def gen(rng):
        return [normal(rng, 8), np.array([0, 7], np.uint32)]

    def model(x, k):
        k0, k1, k2 = split(k.numpy(), 3)
        u = tf.uniform(*key_words(k0), (8,), -1.0, 2.0)
        n = tf.normal(*key_words(k1), (8,))
        t = tf.truncated_normal(*key_words(k2), (8,), -2.0, 2.0)
        return (x * const(u) * const(n) + const(t),)
    return gen, model


@case("rng_keys", [0, 0, 0])
def _rng_keys():
    # Keys from a seed operand and fold_in, then the integer and mask draws
    # (no tangent) next to a differentiated x * uniform.
    def gen(rng):
        return [normal(rng, 6), np.array(rng.integers(-2**40, 2**40), np.int64),
                np.array(rng.integers(0, 1000), np.int32)]

    def model(x, seed, d):
        k = seed_key(seed.item())
        f = fold_in(k, d.item())
        counters = np.array([[0, 1], [2, 3], [4, 5]], np.uint32)
        words = np.array([tf.threefry2x32(*key_words(f), int(a), int(b)) for a, b in counters],
                         np.uint32)
        u = tf.uniform(*key_words(f), (6,), 0.0, 1.0)
        return (x * const(u),
                torch.tensor(tf.permutation(*key_words(f), 6).astype(np.int32)),
                torch.tensor(tf.uniform(*key_words(f), (6,), 0.0, 1.0) < np.float32(0.25)),
                torch.tensor(words.view(np.int32)),
                torch.tensor(tf.bits(*key_words(k), (2, 3)).view(np.int32)))
    return gen, model


@case("rng_const_key", [0])
def _rng_const_key():
    # A key from the seed attribute (key(42)) inside the function.
    def gen(rng):
        return [normal(rng, 5)]

    def model(x):
        return (x * const(tf.uniform(0, 42, (5,), 0.0, 1.0)) + x * x,)
    return gen, model


@case("shuffle", [None, 0])
def _shuffle():
    # Rows of x in the order of permutation(k): linear in x (its JVP shuffles
    # the tangent, its VJP unshuffles the cotangent). vmap over keys.
    def gen(rng):
        return [normal(rng, 6, 2), np.array([0, rng.integers(0, 2**32)], np.uint32)]

    def model(x, k):
        p = tf.permutation(*key_words(k.numpy()), 6)
        return (x[torch.tensor(p).long()],)
    return gen, model


@case("init", [0, 0])
def _init():
    # glorot_uniform from k and he_normal from fold_in(k, 1), ones and a
    # constant without a key: x * W1 + W2 + 1 + 2.5; the weights carry no
    # tangent. vmap over x and the key.
    def gen(rng):
        return [normal(rng, 4, 3), np.array([0, rng.integers(0, 2**32)], np.uint32)]

    def model(x, k):
        k = k.numpy()
        lim = math.sqrt(6.0 / 7.0)  # fan_in 4, fan_out 3
        w1 = tf.uniform(*key_words(k), (4, 3), -lim, lim)
        std = np.float32(math.sqrt(2.0 / 4.0) / 0.87962566103423978)
        w2 = tf.f32(tf.truncated_normal(*key_words(fold_in(k, 1)), (4, 3), -2.0, 2.0) * std)
        return (x * const(w1) + const(w2) + 1.0 + 2.5,)
    return gen, model


@case("dropout", [0, 0], mode="training")
def _dropout():
    def gen(rng):
        return [normal(rng, 4, 8), np.array([0, rng.integers(0, 2**32)], np.uint32)]

    def model(x, k):
        keep = tf.uniform(*key_words(k.numpy()), (4, 8), 0.0, 1.0) < np.float32(0.75)
        scale = float(np.float32(1) / np.float32(0.75))
        return (torch.tanh(x * const(keep * scale)),)
    return gen, model


# Optimizers (docs/Optimizers.md) -----------------------------------------

def sgd_gen(rng):
    return [normal(rng, 5), normal(rng, 5), normal(rng, 5),
            np.array(0.05 + 0.1 * rng.random(), np.float32)]


def sgd_model(p, g, b, lr):
    # Plain; momentum 0.9 with Nesterov (PyTorch's buffer); Keras' velocity.
    nb = 0.9 * b + g
    kv = 0.9 * b - lr * g
    return (p - lr * g, p - lr * (g + 0.9 * nb), nb, p + kv, kv)


# The cotangent of the learning rate is a known failure of nn-vjp (see
# op-coverage.test): sgd differentiates the rest, sgd_lr the learning rate
# too (nn-jvp only). Both batch the learning rate under vmap.
@case("sgd", [0, 0, 0, 0], wrt=[0, 1, 2])
def _sgd():
    return sgd_gen, sgd_model


@case("sgd_lr", [0, 0, 0, 0])
def _sgd_lr():
    return sgd_gen, sgd_model


def adam_model(p, g, m, v, step, lr, wd=None):
    t = float(step.item()) + 1
    nm = 0.9 * m + 0.1 * g
    nv = 0.999 * v + 0.001 * g * g
    if wd is not None:
        p = p * (1 - lr * wd)
    mhat = nm / (1 - 0.9 ** t)
    vhat = nv / (1 - 0.999 ** t)
    return (p - lr * mhat / (torch.sqrt(vhat) + 1e-8), nm, nv, torch.tensor(int(t), dtype=torch.int32))


def adam_gen(rng):
    return [normal(rng, 5), normal(rng, 5), normal(rng, 5) * 0.1,
            np.abs(normal(rng, 5)) * 0.1 + 0.01, np.array(rng.integers(0, 5), np.int32),
            np.array(0.005 + 0.01 * rng.random(), np.float32)]


# Not the learning rate (known failures of nn-jvp and nn-vjp), and the step
# count shared under vmap (a batched one is a known failure of nn-vmap).
@case("adam", [0, 0, 0, 0, None, 0], wrt=[0, 1, 2, 3])
def _adam():
    return adam_gen, adam_model


@case("adamw", [0, 0, 0, 0, None, 0], wrt=[0, 1, 2, 3])
def _adamw():
    return adam_gen, lambda *a: adam_model(*a, wd=0.01)


# ------------------------------------------------------------------ driver


def to_torch(a):
    a = np.asarray(a)
    if a.dtype == np.float32:
        return torch.tensor(a.astype(np.float64))
    if a.dtype == np.uint32:
        return torch.tensor(a.astype(np.int64))  # keys: only read back as words
    return torch.tensor(a)


def main():
    out_dir = sys.argv[1]
    for name in sys.argv[2:]:
        spec = CASES[name]
        gen, model = spec["body"]()
        rng = np.random.default_rng(zlib.crc32(name.encode()))
        args = gen(rng)
        floats = [i for i, a in enumerate(args) if np.asarray(a).dtype == np.float32]
        wrt = spec["wrt"] if spec["wrt"] is not None else floats
        d = os.path.join(out_dir, name)
        os.makedirs(d, exist_ok=True)
        for i, a in enumerate(args):
            np.save(os.path.join(d, "in%d.npy" % i), np.asarray(a))

        ts = [to_torch(a) for a in args]
        for i in wrt:
            ts[i].requires_grad_(True)
        outs = model(*ts)
        float_outs = [k for k, o in enumerate(outs) if o.dtype == F]
        for k, o in enumerate(outs):
            np.save(os.path.join(d, "out%d.npy" % k), o.detach().numpy())

        # VJP: gradients of sum_k <ct_k, out_k>.
        cts = [normal(rng, *outs[k].shape) for k in float_outs]
        total = sum((outs[k] * const(c)).sum() for k, c in zip(float_outs, cts))
        grads = torch.autograd.grad(total, [ts[i] for i in wrt], allow_unused=True)
        for k, c in zip(float_outs, cts):
            np.save(os.path.join(d, "ct%d.npy" % k), c)
        for i, g in zip(wrt, grads):
            g = torch.zeros_like(ts[i]) if g is None else g
            np.save(os.path.join(d, "grad%d.npy" % i), g.numpy())

        # JVP: the float results' tangents along random tangents of wrt.
        tans = [normal(rng, *np.asarray(args[i]).shape) for i in wrt]

        def along(*xs):
            full = list(ts)
            for i, x in zip(wrt, xs):
                full[i] = x
            o = model(*[t.detach() if j not in wrt else t for j, t in enumerate(full)])
            return tuple(o[k] for k in float_outs)
        _, jvps = torch.autograd.functional.jvp(
            along, tuple(ts[i].detach() for i in wrt), tuple(const(t) for t in tans))
        for i, t in zip(wrt, tans):
            np.save(os.path.join(d, "tan%d.npy" % i), t)
        for k, j in zip(float_outs, jvps):
            np.save(os.path.join(d, "jvp%d.npy" % k), j.numpy())

        # vmap: fresh examples for batched arguments, the call's for shared.
        examples = [gen(rng) for _ in range(BATCH)]
        in_axes = spec["in_axes"]
        for i, axis in enumerate(in_axes):
            if axis is None:
                for e in examples:
                    e[i] = args[i]
                value = np.asarray(args[i])
            else:
                value = np.stack([np.asarray(e[i]) for e in examples], axis=axis)
            np.save(os.path.join(d, "bin%d.npy" % i), value)
        with torch.no_grad():
            per_example = [model(*[to_torch(a) for a in e]) for e in examples]
        for k in range(len(outs)):
            np.save(os.path.join(d, "bout%d.npy" % k),
                    np.stack([r[k].numpy() for r in per_example]))

        with open(os.path.join(d, "meta.json"), "w") as f:
            json.dump({"in_axes": ",".join("none" if a is None else str(a) for a in in_axes),
                       "wrt": wrt, "floats": floats, "float_outs": float_outs,
                       "results": len(outs), "mode": spec["mode"], "batch": BATCH}, f)


if __name__ == "__main__":
    main()
