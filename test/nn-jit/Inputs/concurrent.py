#!/usr/bin/env python3
"""concurrent.py NN_JIT MODEL CACHE_DIR N: runs N nn-jit processes at once on
one fresh cache directory and prints 'OK n' when every one printed the right
result; entries must never be seen half-written."""

import subprocess
import sys

nn_jit, model, cache, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
command = [nn_jit, "--cache-dir=" + cache, model, "--input=4xf32=-1,2,-3,4"]
procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) for _ in range(count)]
good = 0
for proc in procs:
    out, err = proc.communicate()
    if proc.returncode == 0 and "[0, 2, 0, 4]" in out and "warning" not in err:
        good += 1
    else:
        print("BAD rc=%d out=%r err=%r" % (proc.returncode, out, err))
print("OK %d" % good)
