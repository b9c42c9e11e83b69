#!/usr/bin/env python3
"""An independent NumPy implementation of JAX's default PRNG as
docs/Random.md specifies it (threefry2x32-20, jax_threefry_partitionable=True),
used to check nn's compiled random ops bit for bit.

As a module (keys are two uint32 words; key(s) = (s >> 32, s & 0xFFFFFFFF)):

  import threefry_reference as t
  t.threefry2x32(0, 0, 0, 0)          # (0x6b200159, 0x99ba4efe), Random123's
  t.bits(0, 42, (2, 3))               # uint32 array
  t.uniform(0, 42, (3,), 0.0, 1.0)    # float32 in [0, 1)
  t.normal(0, 3, (4,)); t.truncated_normal(0, 3, (4,), -2.0, 2.0)
  t.permutation(0, 0, 10)

As a command (SHAPE is like 4x257; all but check_kat write OUT.npy):

  check_kat A.npy B.npy C.npy : row i of file i against Random123's vector i
  uniform KEYHI KEYLO SHAPE MINVAL MAXVAL OUT.npy
  normal KEYHI KEYLO SHAPE OUT.npy
  truncated_normal KEYHI KEYLO SHAPE OUT.npy : on (-2, 2)
  bernoulli KEYHI KEYLO SHAPE P OUT.npy
  dropout KEYHI KEYLO X.npy RATE OUT.npy
  permutation KEYHI KEYLO N OUT.npy
  init KIND KEYHI KEYLO SHAPE OUT.npy : Keras 3 VarianceScaling, KIND one of
      glorot_uniform, glorot_normal, he_uniform, he_normal, lecun_uniform,
      lecun_normal
"""

import sys

import numpy as np

M = 0xFFFFFFFF


def rotl(x, r):
    return ((x << r) | (x >> (32 - r))) & M


def threefry2x32(k0, k1, c0, c1):
    ks = [k0, k1, k0 ^ k1 ^ 0x1BD11BDA]
    x0, x1 = (c0 + ks[0]) & M, (c1 + ks[1]) & M
    rotations = [(13, 15, 26, 6), (17, 29, 16, 24)]
    for group in range(5):
        for r in rotations[group % 2]:
            x0 = (x0 + x1) & M
            x1 = rotl(x1, r) ^ x0
        x0 = (x0 + ks[(group + 1) % 3]) & M
        x1 = (x1 + ks[(group + 2) % 3] + group + 1) & M
    return x0, x1


def bits(k0, k1, shape):
    n = int(np.prod(shape))
    out = np.empty(n, np.uint32)
    for i in range(n):
        w0, w1 = threefry2x32(k0, k1, i >> 32, i & M)
        out[i] = w0 ^ w1
    return out.reshape(shape)


def uniform(k0, k1, shape, minval, maxval):
    b = bits(k0, k1, shape)
    f = ((b >> np.uint32(9)) | np.uint32(0x3F800000)).view(np.float32) - np.float32(1.0)
    if (minval, maxval) == (0.0, 1.0):
        return f
    lo = np.float32(minval)
    scale = np.float32(np.float32(maxval) - lo)
    return np.maximum(lo, f32(f * scale) + lo)


SMALL = [2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06,
         0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]
LARGE = [-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844,
         0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]


def f32(v):
    return np.asarray(v, np.float64).astype(np.float32)


def erfinv32(x):
    """XLA's single-precision erfinv (Giles), fma emulated exactly in float64."""
    x = f32(x)
    w = f32(-np.log1p(-(f32(x * x)).astype(np.float64)))
    small = w < np.float32(5.0)
    t = np.where(small, f32(w - np.float32(2.5)), f32(f32(np.sqrt(w.astype(np.float64))) - np.float32(3.0)))
    t = f32(t)
    p = f32(np.where(small, SMALL[0], LARGE[0]))
    for i in range(1, 9):
        c = f32(np.where(small, SMALL[i], LARGE[i]))
        p = f32(p.astype(np.float64) * t.astype(np.float64) + c.astype(np.float64))
    return np.where(np.abs(x) == 1, x * np.float32(np.inf), f32(p * x))


def normal(k0, k1, shape):
    lo = np.nextafter(np.float32(-1), np.float32(0))
    u = uniform(k0, k1, shape, float(lo), 1.0)
    return f32(np.float32(1.41421356) * erfinv32(u))


def truncated_normal(k0, k1, shape, lower, upper):
    import math
    sqrt2 = np.float32(1.41421356)
    a = np.float32(math.erf(float(np.float32(lower) / sqrt2)))
    b = np.float32(math.erf(float(np.float32(upper) / sqrt2)))
    u = uniform(k0, k1, shape, float(a), float(b))
    out = f32(sqrt2 * erfinv32(u))
    lo = np.nextafter(np.float32(lower), np.float32(np.inf))
    hi = np.nextafter(np.float32(upper), np.float32(-np.inf))
    return np.minimum(np.maximum(out, lo), hi)


def fans(shape):
    if len(shape) == 0:
        return 1.0, 1.0
    if len(shape) == 1:
        return float(shape[0]), float(shape[0])
    receptive = float(np.prod(shape[:-2])) if len(shape) > 2 else 1.0
    return shape[-2] * receptive, shape[-1] * receptive


def permutation(k0, k1, n):
    import math
    x = np.arange(n, dtype=np.int32)
    rounds = int(math.ceil(3 * math.log(max(1, n)) / math.log(2 ** 32 - 1)))
    for _ in range(rounds):
        (k0, k1), (s0, s1) = threefry2x32(k0, k1, 0, 0), threefry2x32(k0, k1, 0, 1)
        x = x[np.argsort(bits(s0, s1, (n,)), kind="stable")]
    return x


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    if argv[1] == "permutation":
        # permutation KEYHI KEYLO N OUT.npy
        np.save(argv[5], permutation(int(argv[2]), int(argv[3]), int(argv[4])))
    elif argv[1] == "init":
        # init KIND KEYHI KEYLO SHAPE OUT.npy (Keras 3 VarianceScaling rules)
        import math
        kind, k0, k1 = argv[2], int(argv[3]), int(argv[4])
        shape = tuple(int(d) for d in argv[5].split("x"))
        fan_in, fan_out = fans(shape)
        n = (fan_in + fan_out) / 2.0 if kind.startswith("glorot") else fan_in
        scale = (2.0 if kind.startswith("he") else 1.0) / max(1.0, n)
        if kind.endswith("uniform"):
            limit = math.sqrt(3.0 * scale)
            out = uniform(k0, k1, shape, -limit, limit)
        else:
            stddev = np.float32(math.sqrt(scale) / 0.87962566103423978)
            out = f32(truncated_normal(k0, k1, shape, -2.0, 2.0) * stddev) + np.float32(0.0)
        np.save(argv[6], out.astype(np.float32))
    elif argv[1] == "truncated_normal":
        # truncated_normal KEYHI KEYLO SHAPE OUT.npy (on (-2, 2))
        np.save(argv[5], truncated_normal(int(argv[2]), int(argv[3]),
                                          tuple(int(d) for d in argv[4].split("x")), -2.0, 2.0))
    elif argv[1] == "normal":
        # normal KEYHI KEYLO SHAPE OUT.npy
        np.save(argv[5], normal(int(argv[2]), int(argv[3]),
                                tuple(int(d) for d in argv[4].split("x"))))
    elif argv[1] == "check_kat":
        got = [np.load(path).view(np.uint32).reshape(-1, 2)[i]
               for i, path in enumerate(argv[2:5])]
        want = [(0x6b200159, 0x99ba4efe), (0x1cb996fc, 0xbb002be7), (0xc4923a9c, 0x483df7a0)]
        # The reference implementation agrees with the published vectors too.
        cases = [((0, 0), (0, 0)), ((M, M), (M, M)), ((0x13198a2e, 0x03707344), (0x243f6a88, 0x85a308d3))]
        for (key, ctr), w in zip(cases, want):
            assert threefry2x32(*key, *ctr) == w
        for row, w in zip(got, want):
            print("0x%08x 0x%08x %s" % (row[0], row[1], "OK" if tuple(row) == w else "WRONG"))
    elif argv[1] == "dropout":
        # dropout KEYHI KEYLO X.npy RATE OUT.npy
        k0, k1 = int(argv[2]), int(argv[3])
        x = np.load(argv[4])
        keep_probability = np.float32(1.0 - float(argv[5]))  # Python floats, as Flax
        keep = uniform(k0, k1, x.shape, 0.0, 1.0) < keep_probability
        scale = np.float32(1) / keep_probability  # XLA multiplies by the reciprocal
        np.save(argv[6], np.where(keep, x * scale, np.float32(0)).astype(np.float32))
    elif argv[1] == "bernoulli":
        # bernoulli KEYHI KEYLO SHAPE P OUT.npy
        k0, k1 = int(argv[2]), int(argv[3])
        shape = tuple(int(d) for d in argv[4].split("x"))
        np.save(argv[6], uniform(k0, k1, shape, 0.0, 1.0) < np.float32(float(argv[5])))
    elif argv[1] == "uniform":
        # uniform KEYHI KEYLO SHAPE MINVAL MAXVAL OUT.npy
        k0, k1 = int(argv[2]), int(argv[3])
        shape = tuple(int(d) for d in argv[4].split("x"))
        np.save(argv[7], uniform(k0, k1, shape, float(argv[5]), float(argv[6])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
