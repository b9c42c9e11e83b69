#!/usr/bin/env python3
"""check_accuracy.py HISTORY.csv MIN: reads nn-train's epoch history (header
epoch,loss,val_loss,val_accuracy) and prints 'ACCURACY OK' when the last
row's val_accuracy >= MIN; else prints 'ACCURACY LOW <value>' and exits 1."""

import csv
import sys


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    with open(argv[1], newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows or "val_accuracy" not in rows[-1]:
        sys.exit("ACCURACY LOW: %s has no val_accuracy rows" % argv[1])
    accuracy = float(rows[-1]["val_accuracy"])
    # 'not >=' so that NaN is low.
    if not accuracy >= float(argv[2]):
        print("ACCURACY LOW %s" % rows[-1]["val_accuracy"])
        sys.exit(1)
    print("ACCURACY OK")


if __name__ == "__main__":
    main(sys.argv)
