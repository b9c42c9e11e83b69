#!/usr/bin/env python3
"""torch_blobs_schedule.py DATA.npz INIT.npz SEED STEPS BATCH LR DECAY_STEPS
ALPHA CLIP OFFSET OUT.csv OUT.npz: the PyTorch reference for nn-train with
--schedule=cosine_decay and --clip-global-norm on the blobs MLP.

Trains y = relu(x @ w1 + b1) @ w2 + b2 (weights [in, out], from INIT.npz) in
float32 with torch.optim.Adam(LR) for STEPS steps, the loss the mean softmax
cross-entropy over a batch's real rows, batches in nn-train's order
(key_schedule.batch_orders). The learning rate comes from
torch.optim.lr_scheduler.LambdaLR, stepped after each optimizer step, so
step n (from 0) uses LR * factor(n + OFFSET), factor being Optax's
cosine_decay_schedule written here in Python floats:

    c = min(n, DECAY_STEPS)
    factor(n) = (1 - ALPHA) * 0.5 * (1 + cos(pi * c / DECAY_STEPS)) + ALPHA

OFFSET 0 is Optax's count (the updates before this one); 1 makes a wrong
reference for a negative control. With CLIP > 0 the gradients are first
clipped as optax.clip_by_global_norm(CLIP): g_norm the square root of the
sum of every gradient's squares (summed in float64, rounded to float32),
each g kept if g_norm < CLIP, else (g / g_norm) * CLIP. PyTorch's own
clip_grad_norm_ is not used: it always multiplies, by
min(1, CLIP / (g_norm + 1e-6)).

Writes OUT.csv (epoch,step,loss: the loss before each step's update, '%.9g')
and the final params to OUT.npz; prints 'clipped N of STEPS steps'."""

import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from key_schedule import batch_orders  # noqa: E402


def main(argv):
    if len(argv) != 13:
        sys.exit(__doc__)
    data, init = np.load(argv[1]), np.load(argv[2])
    seed, steps, batch = int(argv[3]), int(argv[4]), int(argv[5])
    lr, decay_steps, alpha = float(argv[6]), int(argv[7]), float(argv[8])
    clip, offset, out_csv, out_npz = float(argv[9]), int(argv[10]), argv[11], argv[12]
    torch.set_num_threads(1)

    x_all = torch.from_numpy(data["x"].astype(np.float32))
    y_all = torch.from_numpy(data["labels"].astype(np.int64))
    names = ("w1", "b1", "w2", "b2")
    params = [torch.tensor(init[n].astype(np.float32), requires_grad=True) for n in names]
    w1, b1, w2, b2 = params

    def factor(n):
        c = min(n + offset, decay_steps)
        return (1 - alpha) * 0.5 * (1 + math.cos(math.pi * c / decay_steps)) + alpha

    opt = torch.optim.Adam(params, lr=lr, betas=(0.9, 0.999), eps=1e-8)
    scheduler = torch.optim.lr_scheduler.LambdaLR(opt, factor)

    n_train = x_all.shape[0]
    per_epoch = math.ceil(n_train / batch)
    orders = batch_orders(seed, n_train, math.ceil(steps / per_epoch))
    rows = ["epoch,step,loss"]
    clipped = 0
    for step in range(steps):
        epoch, b = divmod(step, per_epoch)
        idx = torch.from_numpy(orders[epoch][b * batch:(b + 1) * batch].astype(np.int64))
        logits = torch.relu(x_all[idx] @ w1 + b1) @ w2 + b2
        loss = torch.nn.functional.cross_entropy(logits, y_all[idx], reduction="mean")
        opt.zero_grad()
        loss.backward()
        if clip > 0:
            with torch.no_grad():
                g_norm = torch.sqrt(sum((p.grad.double() ** 2).sum() for p in params)).float()
                if not g_norm < clip:
                    clipped += 1
                    for p in params:
                        p.grad.copy_((p.grad / g_norm) * clip)
        opt.step()
        scheduler.step()
        rows.append("%d,%d,%s" % (epoch, step, "%.9g" % np.float32(loss.item())))

    with open(out_csv, "w") as f:
        f.write("\n".join(rows) + "\n")
    np.savez(out_npz, **{n: p.detach().numpy() for n, p in zip(names, params)})
    print("clipped %d of %d steps" % (clipped, steps))


if __name__ == "__main__":
    main(sys.argv)
