#!/usr/bin/env python3
"""Writes known-answer vectors produced by JAX itself (and Keras 3 / Flax when
installed) into one .npz: the ground truth for test/nn-jit/jax-vectors.mlir.

Run where JAX is installed:  python3 utils/jax_vectors.py OUT.npz
The shapes, keys and parameters match the functions in that test."""
import json
import sys

import jax
import jax.numpy as jnp
import numpy as np

jax.config.update("jax_enable_x64", False)
out = {}
meta = {"jax": jax.__version__,
        "threefry_partitionable": bool(jax.config.jax_threefry_partitionable)}
key = jax.random.PRNGKey


def save(name, value):
    out[name] = np.asarray(value)


# Configuration checks (the known answers).
save("fold_in_0_0", jax.random.fold_in(key(0), 0))
save("uniform_0_3", jax.random.uniform(key(0), (3,)))
save("split_42_3", jax.random.split(key(42), 3))
save("fold_in_42_7", jax.random.fold_in(key(42), 7))
save("bits_5_4x33", jax.random.bits(key(5), (4, 33), jnp.uint32))
save("uniform_42_4x257", jax.random.uniform(key(42), (4, 257), jnp.float32, -2.0, 3.0))
save("normal_3_64x64", jax.random.normal(key(3), (64, 64), jnp.float32))
save("normal_0_scalar", jax.random.normal(key(0), (), jnp.float32))
save("truncated_normal_3_64x64", jax.random.truncated_normal(key(3), -2.0, 2.0, (64, 64), jnp.float32))
save("bernoulli_7_3x50", jax.random.bernoulli(key(7), 0.25, (3, 50)))
for n in (10, 1000, 2000):
    save(f"permutation_0_{n}", jax.random.permutation(key(0), n))
rows = jnp.stack([jnp.arange(10, dtype=jnp.float32), jnp.arange(10, dtype=jnp.float32) + 0.5], 1)
save("shuffle_rows_0_10x2", jax.random.permutation(key(0), rows, axis=0))

# Dropout as JAX users write it (Flax linen's Dropout body with a raw key).
x = jnp.tile(jnp.arange(1, 301, dtype=jnp.float32) / 7.0, (4, 1))
save("dropout_x_4x300", x)
for seed, rate in ((11, 0.3), (12, 0.5), (13, 0.9)):
    keep = jax.random.bernoulli(key(seed), 1.0 - rate, x.shape)
    save(f"dropout_{seed}_{rate}", jax.lax.select(keep, x / (1.0 - rate), jnp.zeros_like(x)))

try:
    import flax
    meta["flax"] = flax.__version__
except Exception as e:  # noqa: BLE001
    meta["flax_error"] = repr(e)

try:
    import os
    os.environ.setdefault("KERAS_BACKEND", "jax")
    import keras
    meta["keras"] = keras.__version__
    meta["keras_backend"] = keras.backend.backend()
    for name, shape in (("GlorotUniform", (128, 64)), ("HeUniform", (3, 3, 16, 32)),
                        ("GlorotNormal", (128, 64)), ("HeNormal", (3, 3, 16, 32)),
                        ("LecunNormal", (128, 64)), ("LecunUniform", (128, 64))):
        init = getattr(keras.initializers, name)(seed=3)
        save(f"keras_{name}_3", np.asarray(init(shape, dtype="float32")))
    save("keras_dropout_9_0.5", np.asarray(
        keras.random.dropout(x, 0.5, seed=9)))
    save("keras_uniform_9", np.asarray(keras.random.uniform((4, 5), seed=9)))
except Exception as e:  # noqa: BLE001
    meta["keras_error"] = repr(e)

out["meta"] = np.array(json.dumps(meta))
np.savez(sys.argv[1], **out)
print(json.dumps(meta))
for k, v in out.items():
    if k != "meta":
        print(k, v.dtype, v.shape, np.asarray(v).ravel()[:4])
