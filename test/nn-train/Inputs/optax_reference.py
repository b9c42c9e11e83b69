#!/usr/bin/env python3
"""Optax's learning-rate schedules, clip_by_global_norm and optimizers in
NumPy float64, written from Optax's source (google-deepmind/optax):

  optax/schedules/_schedule.py  exponential_decay, cosine_decay_schedule,
                                polynomial_schedule (linear_schedule),
                                warmup_cosine_decay_schedule
  optax/schedules/_join.py      join_schedules
  optax/transforms/_clipping.py clip_by_global_norm
  optax/_src/transform.py       trace, scale_by_adam, scale_by_schedule
  optax/_src/alias.py           sgd, adam, adamw (chains)

A schedule is evaluated at the count of updates applied before the one it
scales (scale_by_schedule reads state.count, then increments it): the first
update uses schedule(0).

As a command, trains a linear regression full-batch (one batch of every
example, as nn-train does with the batch size equal to the data size) and
writes the parameters and the optimizer state after STEPS updates:

  optax_reference.py DATA.npz INIT.npz STEPS OUT.npz [--name=value ...]

DATA.npz holds x [n, d] and y [n, k]; INIT.npz w [d, k] and b [k]; the loss
is mean((x w + b - y)^2) over all n * k elements (nn.mean_squared_error).
Options take nn-train's flag names (--optimizer, --learning-rate,
--momentum, --nesterov, --weight-decay, --schedule, --decay-steps, ...,
--clip-global-norm); two more make wrong references for negative controls:
--count-offset=K evaluates the schedule at count + K, --no-clip skips the
clipping. Prints 'clipped N of STEPS steps'. OUT.npz holds w, b, step and
the state (w.m, w.v, b.m, b.v or w.momentum, b.momentum)."""

import math
import sys

import numpy as np


def linear_schedule(init, end, steps, begin=0):
    """polynomial_schedule with power 1: transition_steps <= 0 is a
    constant init; count clipped to [0, steps] after subtracting begin."""
    if steps <= 0:
        return lambda count: init

    def f(count):
        c = min(max(count - begin, 0), steps)
        return (init - end) * (1 - c / steps) + end
    return f


def cosine_decay(init, steps, alpha=0.0):
    """cosine_decay_schedule (exponent 1)."""
    assert steps > 0

    def f(count):
        c = min(count, steps)
        cosine = 0.5 * (1 + math.cos(math.pi * c / steps))
        return init * ((1 - alpha) * cosine + alpha)
    return f


def exponential_decay(init, steps, rate, begin=0, staircase=False, end=None):
    def f(count):
        d = count - begin
        p = d / steps
        if staircase:
            p = math.floor(p)
        value = init if d <= 0 else init * rate ** p
        if end is not None:
            value = max(value, end) if rate < 1 else min(value, end)
        return value
    return f


def warmup_cosine_decay(init, peak, warmup, decay_steps, end=0.0):
    """join_schedules([linear warmup, cosine decay], [warmup]): the second
    gets count - warmup from count >= warmup on."""
    alpha = 0.0 if peak == 0.0 else end / peak
    warm = linear_schedule(init, peak, warmup)
    decay = cosine_decay(peak, decay_steps - warmup, alpha)
    return lambda count: warm(count) if count < warmup else decay(count - warmup)


def make_schedule(o):
    lr = o["learning-rate"]
    name = o.get("schedule", "constant")
    if name == "constant":
        return lambda count: lr
    if name == "exponential_decay":
        end = o.get("end-learning-rate")
        return exponential_decay(lr, o["transition-steps"], o["decay-rate"],
                                 o.get("transition-begin", 0),
                                 o.get("staircase", False), end)
    if name == "cosine_decay":
        return cosine_decay(lr, o["decay-steps"], o.get("alpha", 0.0))
    if name == "warmup_cosine_decay":
        return warmup_cosine_decay(o.get("warmup-learning-rate", 0.0), lr,
                                   o["warmup-steps"], o["decay-steps"],
                                   o.get("end-learning-rate", 0.0))
    if name == "linear":
        return linear_schedule(lr, o["end-learning-rate"],
                               o["transition-steps"],
                               o.get("transition-begin", 0))
    raise ValueError(name)


def clip_by_global_norm(grads, max_norm):
    """g if g_norm < max_norm else (g / g_norm) * max_norm; returns the
    grads and whether they were scaled."""
    g_norm = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
    if g_norm < max_norm:
        return grads, False
    return [(g / g_norm) * max_norm for g in grads], True


class Optimizer:
    """optax.chain(clip_by_global_norm, sgd / adam / adamw) on a list of
    float64 params."""

    def __init__(self, params, o):
        self.o = o
        self.name = o.get("optimizer", "adam")
        self.schedule = make_schedule(o)
        self.offset = o.get("count-offset", 0)
        self.count = 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.clipped = 0

    def update(self, params, grads):
        o = self.o
        if o.get("clip-global-norm", 0.0) > 0 and not o.get("no-clip"):
            grads, scaled = clip_by_global_norm(grads, o["clip-global-norm"])
            self.clipped += scaled
        lr = self.schedule(self.count + self.offset)
        out = []
        if self.name == "sgd":
            mu = o.get("momentum", 0.0)
            for i, (p, g) in enumerate(zip(params, grads)):
                u = g
                if mu != 0.0:
                    # trace: f = g + mu * trace; nesterov: g + mu * f.
                    self.m[i] = g + mu * self.m[i]
                    u = g + mu * self.m[i] if o.get("nesterov") else self.m[i]
                out.append(p - lr * u)
        else:
            b1, b2 = o.get("beta1", 0.9), o.get("beta2", 0.999)
            eps = o.get("epsilon", 1e-8)
            t = self.count + 1
            for i, (p, g) in enumerate(zip(params, grads)):
                self.m[i] = b1 * self.m[i] + (1 - b1) * g
                self.v[i] = b2 * self.v[i] + (1 - b2) * g * g
                mhat = self.m[i] / (1 - b1 ** t)
                vhat = self.v[i] / (1 - b2 ** t)
                u = mhat / (np.sqrt(vhat) + eps)
                if self.name == "adamw":
                    u = u + o.get("weight-decay", 0.01) * p
                out.append(p - lr * u)
        self.count += 1
        return out


def parse_options(args):
    o = {}
    for arg in args:
        name, _, value = arg[2:].partition("=")
        if value == "":
            o[name] = True
        elif name in ("optimizer", "schedule"):
            o[name] = value
        elif name.endswith("-steps") or name in ("transition-begin",
                                                 "count-offset"):
            o[name] = int(value)
        else:
            o[name] = float(value)
    return o


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    data, init = np.load(argv[1]), np.load(argv[2])
    steps, out_path = int(argv[3]), argv[4]
    o = parse_options(argv[5:])
    x = data["x"].astype(np.float64)
    y = data["y"].astype(np.float64)
    w = init["w"].astype(np.float64)
    b = init["b"].astype(np.float64)
    opt = Optimizer([w, b], o)
    for _ in range(steps):
        r = x @ w + b - y
        scale = 2.0 / r.size
        w, b = opt.update([w, b], [scale * (x.T @ r), scale * r.sum(axis=0)])
    state = {"w": w, "b": b, "step": np.int32(opt.count)}
    if opt.name == "sgd":
        if o.get("momentum", 0.0) != 0.0:
            state.update({"w.momentum": opt.m[0], "b.momentum": opt.m[1]})
    else:
        state.update({"w.m": opt.m[0], "b.m": opt.m[1],
                      "w.v": opt.v[0], "b.v": opt.v[1]})
    np.savez(out_path, **state)
    print("clipped %d of %d steps" % (opt.clipped, steps))


if __name__ == "__main__":
    main(sys.argv)
