#!/usr/bin/env python3
"""PyTorch (Debian's python3-torch, one thread) next to bench/random_bench.cpp:
torch.rand on 64Mi f32 and dropout(p=0.5) on 64Mi f32, medians of 5."""

import statistics
import time

import torch

torch.set_num_threads(1)
n = 64 << 20
x = torch.randn(n)
out = torch.empty(n)


def median_time(fn):
    fn()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


t = median_time(lambda: torch.rand(n, out=out))
print("torch.rand: %.1f ms, %.2f GB/s" % (t * 1e3, n * 4 / t / 1e9))
t = median_time(lambda: torch.nn.functional.dropout(x, 0.5, training=True))
print("torch dropout: %.1f ms, %.2f GB/s" % (t * 1e3, n * 8 / t / 1e9))
