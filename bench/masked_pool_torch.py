#!/usr/bin/env python3
"""PyTorch (Debian's python3-torch, one thread) doing the computation of
bench/memory_bound_bench.cpp: masked mean over time of [256, 512, 256] f32
with a [256, 512] bool mask, 0 for fully masked rows. Prints the median time
and GB/s over the same bytes (input + mask + output)."""

import statistics
import time

import torch

torch.set_num_threads(1)
x = torch.randn(256, 512, 256)
mask = torch.rand(256, 512) > 0.2


def masked_mean(x, mask):
    kept = torch.where(mask[..., None], x, torch.zeros((), dtype=x.dtype))
    count = mask.sum(dim=1, keepdim=True).to(x.dtype)
    return torch.where(count > 0, kept.sum(dim=1) / count.clamp(min=1), 0.0)


masked_mean(x, mask)
times = []
for _ in range(10):
    start = time.perf_counter()
    masked_mean(x, mask)
    times.append(time.perf_counter() - start)
median = statistics.median(times)
nbytes = x.numel() * 4 + mask.numel() + 256 * 256 * 4
print("torch masked mean: median %.2f ms, %.2f GB/s" % (median * 1e3, nbytes / median / 1e9))
