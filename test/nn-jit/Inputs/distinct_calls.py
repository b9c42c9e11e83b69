#!/usr/bin/env python3
"""distinct_calls.py OUTPUT.txt: reads nn-jit's printed results (one result
per call) and prints how many calls there were, how many distinct results,
and whether calls 3 and 10 (both made with the same key) agree exactly."""

import sys

blocks, current = [], None
for line in open(sys.argv[1]):
    if line.startswith("result 0"):
        current = []
        blocks.append(current)
    elif line.startswith("@") or line.startswith("cache:"):
        current = None
    elif current is not None:
        current.append(line)
texts = ["".join(b) for b in blocks]
print("calls=%d distinct=%d same_key_equal=%s" % (len(texts), len(set(texts)), texts[2] == texts[-1]))
