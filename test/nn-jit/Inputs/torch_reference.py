#!/usr/bin/env python3
"""PyTorch references for test/nn-jit/torch-reference.mlir, in a process of
their own (torch's OpenMP runtime and ours do not share one).

  torch_reference.py DIR

Writes DIR/{x,labels,w1,b1,w2,b2}.npy and, from the same float32 data,
torch autograd's gradients of the mean cross-entropy of
tanh(x w1 + b1) w2 + b2 (DIR/grads.npz) and the parameters after one step
from fresh state of torch.optim.Adam (lr 0.01), AdamW (lr 0.01, weight
decay 0.1) and SGD (lr 0.1, Nesterov momentum 0.9): DIR/adam.npz,
DIR/adamw.npz, DIR/sgd.npz."""

import os
import sys

import numpy as np
import torch

out = sys.argv[1]
rng = np.random.default_rng(5)
data = {
    "x": rng.standard_normal((8, 6)).astype(np.float32),
    "w1": (rng.standard_normal((6, 5)) * 0.5).astype(np.float32),
    "b1": (rng.standard_normal(5) * 0.1).astype(np.float32),
    "w2": (rng.standard_normal((5, 4)) * 0.5).astype(np.float32),
    "b2": (rng.standard_normal(4) * 0.1).astype(np.float32),
}
labels = rng.integers(0, 4, 8).astype(np.int32)
for name, value in data.items():
    np.save(os.path.join(out, name + ".npy"), value)
np.save(os.path.join(out, "labels.npy"), labels)
names = ["w1", "b1", "w2", "b2"]


def loss_of(params):
    x = torch.from_numpy(data["x"])
    h = torch.tanh(x @ params["w1"] + params["b1"])
    logits = h @ params["w2"] + params["b2"]
    return torch.nn.functional.cross_entropy(logits, torch.from_numpy(labels).long())


def fresh():
    return {n: torch.tensor(data[n], requires_grad=True) for n in names}


params = fresh()
loss = loss_of(params)
loss.backward()
np.savez(os.path.join(out, "grads.npz"), loss=np.float32(loss.item()),
         **{n: params[n].grad.numpy() for n in names})

for kind, make in [("adam", lambda p: torch.optim.Adam(p, lr=0.01)),
                   ("adamw", lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1)),
                   ("sgd", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9,
                                                     nesterov=True))]:
    params = fresh()
    optimizer = make([params[n] for n in names])
    optimizer.zero_grad()
    loss_of(params).backward()
    optimizer.step()
    np.savez(os.path.join(out, kind + ".npz"),
             **{n: params[n].detach().numpy() for n in names})
