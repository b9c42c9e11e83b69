#!/usr/bin/env python3
"""distinct_losses.py STEPS.csv: prints 'DISTINCT n steps' when no two steps
of an epoch,step,loss history have the same loss, else 'REPEATED ...' and
exits 1."""

import csv
import sys

with open(sys.argv[1]) as f:
    losses = [row["loss"] for row in csv.DictReader(f)]
if len(set(losses)) != len(losses):
    print("REPEATED: %d distinct of %d" % (len(set(losses)), len(losses)))
    sys.exit(1)
print("DISTINCT %d steps" % len(losses))
