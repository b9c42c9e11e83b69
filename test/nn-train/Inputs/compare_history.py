#!/usr/bin/env python3
"""compare_history.py GOT.csv WANT.csv RTOL: compares per-step training losses.

Both CSVs have a header naming at least the columns step and loss (GOT may
have more); rows are matched by step. Prints 'MATCH n steps' when both have
the same steps and |got - want| <= RTOL * max(1, |want|) at each; otherwise
prints the first 10 'MISMATCH ...' lines and exits 1."""

import csv
import math
import sys


def losses(path):
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        for column in ("step", "loss"):
            if column not in (reader.fieldnames or []):
                sys.exit("MISMATCH: %s has no column '%s'" % (path, column))
        out = {}
        for row in reader:
            step = int(row["step"])
            if step in out:
                sys.exit("MISMATCH: %s repeats step %d" % (path, step))
            out[step] = float(row["loss"])
        return out


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    got, want, rtol = losses(argv[1]), losses(argv[2]), float(argv[3])
    problems = []
    for step in sorted(set(got) | set(want)):
        if step not in got:
            problems.append("MISMATCH step %d: missing from %s" % (step, argv[1]))
        elif step not in want:
            problems.append("MISMATCH step %d: not in %s" % (step, argv[2]))
        else:
            g, w = got[step], want[step]
            # NaN fails the comparison, as it should.
            if not abs(g - w) <= rtol * max(1.0, abs(w)):
                problems.append("MISMATCH step %d: got %.9g, want %.9g (diff %.3g)"
                                % (step, g, w, abs(g - w) if not math.isnan(g) else g))
    if problems:
        print("\n".join(problems[:10]))
        if len(problems) > 10:
            print("MISMATCH ... %d in all" % len(problems))
        sys.exit(1)
    print("MATCH %d steps" % len(want))


if __name__ == "__main__":
    main(sys.argv)
