#!/usr/bin/env python3
"""optimizers_reference.py DIR: writes, for each case of
test/nn-jit/optimizers.mlir, DIR/CASE_in.npz (the float32 inputs: parameter,
state, three gradients g1..g3 and learning rates lr1..lr3, by the argument
names of the function) and DIR/CASE_want.npz (the state after three updates
by the published rule, in float64 from the same float32 inputs).

The rules are the libraries' documented update rules, written here from
their documentation, not from nn-mlir's lowering:
* PyTorch torch.optim.SGD (the algorithm in its docstring: b_1 = g_1, then
  b_t = mu b_{t-1} + g_t; Nesterov g_t + mu b_t; p - lr g);
* PyTorch torch.optim.Adam / AdamW (docstrings: m_t, v_t, mhat = m_t / (1 -
  b1^t), vhat = v_t / (1 - b2^t), p - lr mhat / (sqrt(vhat) + eps); AdamW
  first p - lr wd p);
* Keras 3 keras.optimizers.SGD / Adam / AdamW (update_step: v = mu v - lr g,
  p + v, Nesterov p + mu v - lr g; alpha = lr sqrt(1 - b2^t) / (1 - b1^t),
  p - alpha m / (sqrt(v) + eps); AdamW first p - p wd lr).
Optax's sgd (trace) and adam / adamw (scale_by_adam, add_decayed_weights,
scale_by_learning_rate) are written too, as a second formulation, and
checked here to agree with PyTorch's to 1e-12."""

import os
import sys

import numpy as np

SHAPE = (5, 37)  # not a multiple of any vector width


def d(a):
    return np.asarray(a, dtype=np.float64)


# --- PyTorch (docstring algorithms) -------------------------------------

def torch_sgd(p, b, grads, lrs, mu, nesterov, first):
    """`first`: the buffer does not exist yet (PyTorch's t = 1 case)."""
    p, b = d(p), (None if b is None else d(b))
    for t, (g, lr) in enumerate(zip(grads, lrs), start=1):
        g, lr = d(g), float(lr)
        if mu is not None:
            if first and t == 1:
                b = g.copy()
            else:
                b = mu * b + g
            g = g + mu * b if nesterov else b
        p = p - lr * g
    return p, b


def torch_adam(p, m, v, step, grads, lrs, b1, b2, eps, wd=None):
    p, m, v = d(p), d(m), d(v)
    for g, lr in zip(grads, lrs):
        g, lr = d(g), float(lr)
        step += 1
        if wd is not None:
            p = p - lr * wd * p
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mhat = m / (1 - b1 ** step)
        vhat = v / (1 - b2 ** step)
        p = p - lr * mhat / (np.sqrt(vhat) + eps)
    return p, m, v, step


# --- Keras 3 (update_step) ----------------------------------------------

def keras_sgd(p, velocity, grads, lrs, mu, nesterov):
    p, velocity = d(p), d(velocity)
    for g, lr in zip(grads, lrs):
        g, lr = d(g), float(lr)
        velocity = mu * velocity - lr * g
        p = p + (mu * velocity - lr * g if nesterov else velocity)
    return p, velocity


def keras_adam(p, m, v, step, grads, lrs, b1, b2, eps, wd=None):
    p, m, v = d(p), d(m), d(v)
    for g, lr in zip(grads, lrs):
        g, lr = d(g), float(lr)
        if wd is not None:
            p = p - p * wd * lr
        step += 1
        alpha = lr * np.sqrt(1 - b2 ** step) / (1 - b1 ** step)
        m = m + (g - m) * (1 - b1)
        v = v + (g * g - v) * (1 - b2)
        p = p - alpha * m / (np.sqrt(v) + eps)
    return p, m, v, step


# --- Optax (gradient transformations) -----------------------------------

def optax_sgd(p, trace, grads, lrs, mu, nesterov):
    p, trace = d(p), d(trace)
    for g, lr in zip(grads, lrs):
        g = d(g)
        if mu is not None:
            trace = g + mu * trace
            g = g + mu * trace if nesterov else trace
        p = p + (-float(lr)) * g
    return p, trace


def optax_adam(p, mu, nu, count, grads, lrs, b1, b2, eps, wd=None):
    p, mu, nu = d(p), d(mu), d(nu)
    for g, lr in zip(grads, lrs):
        g = d(g)
        mu = (1 - b1) * g + b1 * mu
        nu = (1 - b2) * g ** 2 + b2 * nu
        count += 1
        u = (mu / (1 - b1 ** count)) / (np.sqrt(nu / (1 - b2 ** count)) + eps)
        if wd is not None:
            u = u + wd * p
        p = p + (-float(lr)) * u
    return p, mu, nu, count


def agree(a, b):
    for x, y in zip(a, b):
        assert np.allclose(x, y, rtol=1e-12, atol=1e-15), "formulations disagree"


def main(out):
    rng = np.random.default_rng(2024)

    def f32(a):
        return np.asarray(a, dtype=np.float32)

    def save(case, inputs, want):
        np.savez(os.path.join(out, case + "_in.npz"), **inputs)
        np.savez(os.path.join(out, case + "_want.npz"), **want)

    # A schedule: the learning rate changes every step.
    lrs = [f32(0.1), f32(0.05), f32(0.02)]
    p0 = f32(rng.standard_normal(SHAPE))

    # SGD family: gradients of order 1.
    grads = [f32(rng.standard_normal(SHAPE)) for _ in range(3)]
    base = dict(p=p0, g1=grads[0], g2=grads[1], g3=grads[2],
                lr1=lrs[0], lr2=lrs[1], lr3=lrs[2])
    p, _ = torch_sgd(p0, None, grads, lrs, None, False, first=True)
    agree([p], optax_sgd(p0, np.zeros(SHAPE), grads, lrs, None, False)[:1])
    save("sgd", base, dict(p=p))

    buffer = f32(rng.standard_normal(SHAPE))
    zeros = np.zeros(SHAPE, np.float32)
    for nesterov, name in [(False, "momentum"), (True, "nesterov")]:
        # From the start (PyTorch: no buffer yet; Optax, Keras, nn: zeros)
        # and from the middle of training (a buffer of earlier steps).
        for start, b0 in [("start", zeros), ("mid", buffer)]:
            p, b = torch_sgd(p0, b0, grads, lrs, 0.9, nesterov,
                             first=start == "start")
            agree([p, b], optax_sgd(p0, b0, grads, lrs, 0.9, nesterov))
            save("%s_%s" % (name, start), dict(base, b=b0), dict(p=p, b=b))
            p, b = keras_sgd(p0, b0, grads, lrs, 0.9, nesterov)
            save("%s_keras_%s" % (name, start), dict(base, b=b0), dict(p=p, b=b))

    # Under a constant learning rate Keras' SGD gives PyTorch's parameters
    # (its velocity is -lr times PyTorch's buffer): the wanted values of
    # this case are PyTorch's.
    const = [f32(0.05)] * 3
    for nesterov, name in [(False, "momentum"), (True, "nesterov")]:
        p, b = torch_sgd(p0, zeros, grads, const, 0.9, nesterov, first=True)
        p_keras, velocity = keras_sgd(p0, zeros, grads, const, 0.9, nesterov)
        agree([p_keras, velocity], [p, -float(const[0]) * b])
        save("%s_keras_constant_lr" % name,
             dict(base, b=zeros, lr1=const[0], lr2=const[1], lr3=const[2]),
             dict(p=p))

    # Adam family: small gradients (0.01), so that epsilon and where it sits
    # matter; a state from the start (step 0, zero moments) and from step 41.
    grads = [f32(0.01 * rng.standard_normal(SHAPE)) for _ in range(3)]
    m_mid = f32(0.01 * rng.standard_normal(SHAPE))
    v_mid = f32(1e-4 * rng.random(SHAPE) + 1e-6)
    states = [("start", zeros, zeros, 0), ("mid", m_mid, v_mid, 41)]
    # (case, b1, b2, eps, weight decay): the hyperparameters of the functions.
    configs = [("adam", 0.9, 0.999, 1e-4, None),
               ("adamw", 0.8, 0.95, 1e-4, 0.1)]
    for name, b1, b2, eps, wd in configs:
        for start, m0, v0, step0 in states:
            inputs = dict(p=p0, m=m0, v=v0, step=np.int32(step0),
                          g1=grads[0], g2=grads[1], g3=grads[2],
                          lr1=lrs[0], lr2=lrs[1], lr3=lrs[2])
            p, m, v, step = torch_adam(p0, m0, v0, step0, grads, lrs, b1, b2,
                                       eps, wd)
            agree([p, m, v], optax_adam(p0, m0, v0, step0, grads, lrs, b1, b2,
                                        eps, wd)[:3])
            save("%s_%s" % (name, start), inputs,
                 dict(p=p, m=m, v=v, step=np.int32(step)))
            p, m, v, step = keras_adam(p0, m0, v0, step0, grads, lrs, b1, b2,
                                       eps, wd)
            save("%s_keras_%s" % (name, start), inputs,
                 dict(p=p, m=m, v=v, step=np.int32(step)))

    # One Adam step on a large parameter (threads, streamed stores).
    big = (1024, 1024)
    p_big = f32(rng.standard_normal(big))
    g_big = f32(0.01 * rng.standard_normal(big))
    m_big = f32(0.01 * rng.standard_normal(big))
    v_big = f32(1e-4 * rng.random(big) + 1e-6)
    p, m, v, step = torch_adam(p_big, m_big, v_big, 7, [g_big], [lrs[0]],
                               0.9, 0.999, 1e-4)
    save("adam_big", dict(p=p_big, g=g_big, m=m_big, v=v_big, step=np.int32(7),
                          lr=lrs[0]),
         dict(p=p, m=m, v=v, step=np.int32(step)))


if __name__ == "__main__":
    main(sys.argv[1])
