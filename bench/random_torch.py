#!/usr/bin/env python3
"""PyTorch (Debian's python3-torch) next to bench/random_bench.cpp: torch.rand
on 64Mi f32 and dropout(p=0.5) on 64Mi f32, medians of 5, on the number of
threads given as the argument (default 1)."""

import statistics
import sys
import time

import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)
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
print("torch.rand, %d threads: %.1f ms, %.2f GB/s" % (threads, t * 1e3, n * 4 / t / 1e9))
t = median_time(lambda: torch.nn.functional.dropout(x, 0.5, training=True))
print("torch dropout, %d threads: %.1f ms, %.2f GB/s" % (threads, t * 1e3, n * 8 / t / 1e9))
