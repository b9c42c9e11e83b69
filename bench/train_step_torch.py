#!/usr/bin/env python3
"""PyTorch eager (Debian's python3-torch over OpenBLAS) next to
bench/train_step_bench.cpp: one Adam train step of the 784-512-512-10 MLP
(zero_grad, forward, mean cross-entropy, backward, step), f32, at batch 32
and 256.

    OMP_WAIT_POLICY=passive OPENBLAS_NUM_THREADS=T train_step_torch.py T

runs on T threads (torch's and OpenBLAS's). Prints the median of 7 runs of N
steps per batch, in microseconds and GFLOP/s (3.21 MFLOP per example, as
train_step_bench.cpp counts: the first layer's input gradient is skipped,
and torch skips it too since x does not require grad)."""

import statistics
import sys
import time

import torch

FLOPS_PER_EXAMPLE = 2.0 * (784 * 512 + 512 * 512 + 512 * 10) * 2 + 2.0 * (512 * 512 + 512 * 10)

torch.manual_seed(0)
threads = int(sys.argv[1])
torch.set_num_threads(threads)
for batch in (32, 256):
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 512), torch.nn.ReLU(),
        torch.nn.Linear(512, 512), torch.nn.ReLU(),
        torch.nn.Linear(512, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.rand(batch, 784) * 0.1 - 0.05
    y = torch.randint(0, 10, (batch,))
    calls = {32: 300, 256: 60}[batch]

    def step():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()

    for _ in range(calls // 5):
        step()
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(calls):
            step()
        runs.append((time.perf_counter() - start) / calls * 1e6)
    us = statistics.median(runs)
    print("torch train step batch=%d threads=%d: %.1f us, %.1f GFLOP/s"
          % (batch, threads, us, FLOPS_PER_EXAMPLE * batch / us / 1e3))
