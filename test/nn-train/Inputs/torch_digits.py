#!/usr/bin/env python3
"""torch_digits.py DATA_DIR SEED STEPS BATCH LR OUT_CSV: the PyTorch reference
for nn-train on the digits MLP.

Trains y = relu(x @ w1 + b1) @ w2 + b2 (weights [in, out] as stored in
DATA_DIR/init.npz) on DATA_DIR/train.npz in float32 with Adam(LR, betas
(0.9, 0.999), eps 1e-8) for STEPS steps; the loss is the mean softmax
cross-entropy over a batch's real rows. Batches follow nn-train's order
(key_schedule.batch_orders): epoch e takes rows order[e] in chunks of BATCH,
the last chunk possibly partial. Writes OUT_CSV with header epoch,step,loss
and one row per step: the loss before that step's update, '%.9g'."""

import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from key_schedule import batch_orders  # noqa: E402


def main(argv):
    if len(argv) != 7:
        sys.exit(__doc__)
    data_dir, seed, steps = argv[1], int(argv[2]), int(argv[3])
    batch, lr, out_csv = int(argv[4]), float(argv[5]), argv[6]
    # One thread: reductions in a fixed order, run to run.
    torch.set_num_threads(1)

    train = np.load(os.path.join(data_dir, "train.npz"))
    x_all = torch.from_numpy(train["x"].astype(np.float32))
    y_all = torch.from_numpy(train["labels"].astype(np.int64))
    n_train = x_all.shape[0]
    init = np.load(os.path.join(data_dir, "init.npz"))
    params = [torch.tensor(init[name].astype(np.float32), requires_grad=True)
              for name in ("w1", "b1", "w2", "b2")]
    w1, b1, w2, b2 = params
    opt = torch.optim.Adam(params, lr=lr, betas=(0.9, 0.999), eps=1e-8)

    steps_per_epoch = math.ceil(n_train / batch)
    orders = batch_orders(seed, n_train, math.ceil(steps / steps_per_epoch))

    rows = ["epoch,step,loss"]
    for step in range(steps):
        epoch, b = divmod(step, steps_per_epoch)
        idx = torch.from_numpy(orders[epoch][b * batch:(b + 1) * batch].astype(np.int64))
        x, y = x_all[idx], y_all[idx]
        logits = torch.relu(x @ w1 + b1) @ w2 + b2
        # Slicing leaves only the real rows, so the mean is over them.
        loss = torch.nn.functional.cross_entropy(logits, y, reduction="mean")
        opt.zero_grad()
        loss.backward()
        opt.step()
        rows.append("%d,%d,%s" % (epoch, step, "%.9g" % np.float32(loss.item())))

    with open(out_csv, "w") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main(sys.argv)
