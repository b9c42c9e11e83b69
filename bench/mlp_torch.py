#!/usr/bin/env python3
"""PyTorch eager (Debian's python3-torch over OpenBLAS, libopenblas0-pthread)
next to bench/mlp_bench.cpp: the 784-512-512-10 MLP (linear+relu,
linear+relu, linear+softmax), f32, no autograd, at batch 1, 32 and 256.

    OMP_WAIT_POLICY=passive OPENBLAS_NUM_THREADS=T mlp_torch.py T

runs on T threads (torch's and OpenBLAS's). Medians of 7 runs of N calls."""

import statistics
import sys
import time

import torch

torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(784, 512), torch.nn.ReLU(),
    torch.nn.Linear(512, 512), torch.nn.ReLU(),
    torch.nn.Linear(512, 10), torch.nn.Softmax(dim=1)).eval()

with torch.inference_mode():
    for threads in (int(sys.argv[1]),):
        torch.set_num_threads(threads)
        for batch in (1, 32, 256):
            x = torch.rand(batch, 784) * 0.1 - 0.05
            calls = {1: 2000, 32: 500, 256: 100}[batch]
            for _ in range(calls // 10):
                model(x)
            runs = []
            for _ in range(7):
                start = time.perf_counter()
                for _ in range(calls):
                    model(x)
                runs.append((time.perf_counter() - start) / calls * 1e6)
            print("torch MLP batch=%d threads=%d: %.1f us" % (batch, threads, statistics.median(runs)))
