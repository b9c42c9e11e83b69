#!/usr/bin/env python3
"""The performance suite in one command, with a guard against regressions.

    /usr/bin/python3 bench/run_all.py [--build DIR] [--rounds N] [--update]

Runs every benchmark of bench/ (ours on 1 and 2 threads) and its peers
(oneDNN's SGEMM, PyTorch eager, STREAM copy/triad and a copy with
non-temporal stores) in N rounds (default 2),
each peer right before or after ours (alternating by round), and prints one
table: medians over the rounds and the median of each round's ours / peer
ratio. It compares each figure with the last results committed in
docs/perf-baseline.json for the same machine (CPU model, core count and vector ISA; the
project's machines differ from session to session): the ratio where there is
a peer (the machine's own speed drifts by tens of percent between runs), the
figure itself otherwise; more than 10% worse is flagged (and the exit status
is 1). --update records this run as this machine's baseline and rewrites
docs/perf-latest.md. About 10 minutes a round on a 2-core machine.
"""

import argparse
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASELINE = os.path.join(ROOT, "docs", "perf-baseline.json")
LATEST = os.path.join(ROOT, "docs", "perf-latest.md")


# (awkward M, K, N) -> the nearest friendly size, which it is held to within
# 25% (BM_SgemmRagged).
RAGGED_PAIRS = [
    ((256, 784, 1000), (256, 784, 1024)),
    ((256, 784, 1023), (256, 784, 1024)),
    ((1000, 784, 512), (1024, 784, 512)),
    ((1023, 784, 512), (1024, 784, 512)),
    ((7, 784, 512), (8, 784, 512)),
    ((10, 784, 512), (8, 784, 512)),
    ((256, 512, 10), (256, 512, 8)),
    ((1023, 1023, 1023), (1024, 1024, 1024)),
]


def run(cmd, env=None):
    full = dict(os.environ)
    full.update(env or {})
    return subprocess.run(cmd, env=full, check=True, capture_output=True,
                          text=True).stdout


def google_benchmark(binary, env=None, filter_=None, aggregate="median",
                     repetitions=3):
    """name -> the aggregate over the repetitions (real_time in ms and the
    counters): the median, or another statistic the benchmark computes."""
    cmd = [binary, "--benchmark_format=json",
           "--benchmark_repetitions=%d" % repetitions,
           "--benchmark_report_aggregates_only=true"]
    if filter_:
        cmd.append("--benchmark_filter=" + filter_)
    data = json.loads(run(cmd, env))
    out = {}
    for b in data["benchmarks"]:
        if b.get("aggregate_name") != aggregate:
            continue
        name = b["run_name"].replace("/real_time", "")
        scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0}[b["time_unit"]]
        b["ms"] = b["real_time"] * scale
        out[name] = b
    return out


def machine():
    """The CPU (model name, family and model numbers), core count and vector
    ISA: figures compare on one machine. (A VM may hide a CPU's AVX-512: the
    compiled code is then another, x86-64-v3's.)"""
    fields = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                fields.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    flags = fields.get("flags", "").split()
    isa = ("AVX-512" if "avx512f" in flags else
           "AVX2" if "avx2" in flags else "no AVX2")
    return "%s (family %s, model %s), %d cores, %s" % (
        fields.get("model name", "unknown CPU"), fields.get("cpu family", "?"),
        fields.get("model", "?"), os.cpu_count() or 0, isa)


def torch_lines(script, threads):
    env = {"OPENBLAS_NUM_THREADS": str(threads), "OMP_NUM_THREADS": str(threads),
           "OMP_WAIT_POLICY": "passive"}
    return run(["/usr/bin/python3", os.path.join(ROOT, "bench", script),
                str(threads)], env)


def measure(bin_dir, peer_first):
    """One round of the suite: [(metric, ours, peer or None, unit,
    higher_is_better)]. `peer_first` runs each peer before ours (rounds
    alternate it, so that neither side always runs on a warmer machine)."""
    rows = []

    def pair(ours_fn, peer_fn):
        if peer_first:
            peer = peer_fn()
            return ours_fn(), peer
        ours = ours_fn()
        return ours, peer_fn()

    # SGEMM vs oneDNN, 1 and 2 threads.
    onednn_bin = os.path.join(bin_dir, "nn-bench-onednn")
    for threads in (1, 2):
        env = {"OMP_NUM_THREADS": str(threads)}
        ours, peer = pair(
            lambda: google_benchmark(os.path.join(bin_dir, "nn-bench-dense"),
                                     env, "BM_Sgemm/"),
            lambda: (google_benchmark(onednn_bin, env)
                     if os.path.exists(onednn_bin) else {}))
        for name, b in ours.items():
            shape = name.split("/", 1)[1]
            p = peer.get("BM_OneDNNSgemm/" + shape)
            rows.append(("sgemm %s t%d" % (shape, threads), b["GFLOP/s"] / 1e9,
                         p["GFLOP/s"] / 1e9 if p else None, "GFLOP/s", True))

    # No cliff on awkward sizes: each beside its friendly neighbour (ours),
    # >= 0.75x.
    for threads in (1, 2):
        env = {"OMP_NUM_THREADS": str(threads)}
        ragged = google_benchmark(os.path.join(bin_dir, "nn-bench-dense"), env,
                                  "BM_SgemmRagged")
        shapes = {}
        for name, b in ragged.items():
            m = re.search(r"M:(\d+)/K:(\d+)/N:(\d+)", name)
            shapes[tuple(int(v) for v in m.groups())] = b["GFLOP/s"] / 1e9
        for shape, friendly in RAGGED_PAIRS:
            if shape in shapes and friendly in shapes:
                rows.append(("sgemm %s t%d (peer: ours at %s)" % (
                    "x".join(map(str, shape)), threads,
                    "x".join(map(str, friendly))), shapes[shape],
                    shapes[friendly], "GFLOP/s", True))

    # Reverse mode's products with a transposed factor beside A B of the same
    # shape (>= 0.9x); the weight gradients (K = the batch, 256) are rows of
    # their own. The fastest call of 5 repetitions: the layouts run minutes
    # apart, and a slower call only measures the machine's neighbours.
    for threads in (1, 2):
        env = {"OMP_NUM_THREADS": str(threads)}
        products = google_benchmark(os.path.join(bin_dir, "nn-bench-dense"),
                                    env, "BM_SgemmTransposed", aggregate="min",
                                    repetitions=5)
        by_shape = {}
        for name, b in products.items():
            m = re.search(r"M:(\d+)/K:(\d+)/N:(\d+)/layout:(\d)", name)
            shape = tuple(int(v) for v in m.groups()[:3])
            # From the fastest call of all repetitions (the "min" of the
            # rate counter would be the slowest repetition's).
            flops = 2.0 * shape[0] * shape[1] * shape[2]
            by_shape.setdefault(shape, {})[int(m[4])] = (
                flops / (b["fastest_us"] * 1e-6) / 1e9)
        for shape, layouts in sorted(by_shape.items()):
            if 0 not in layouts:
                continue
            kind = " (weight gradient, K = batch)" if shape[1] == 256 else ""
            for layout, label in ((1, "A^T B"), (2, "A B^T")):
                if layout in layouts:
                    rows.append(("sgemm %s %s t%d%s (peer: ours A B)" % (
                        label, "x".join(map(str, shape)), threads, kind),
                        layouts[layout], layouts[0], "GFLOP/s", True))

    # MLP vs PyTorch eager.
    def torch_figures(script, pattern):
        """(batch, threads) -> microseconds, from the lines `pattern` matches."""
        figures = {}
        for threads in (1, 2):
            try:
                for line in torch_lines(script, threads).splitlines():
                    m = re.match(pattern, line)
                    if m:
                        figures[(int(m[1]), int(m[2]))] = float(m[3])
            except (subprocess.CalledProcessError, FileNotFoundError):
                pass
        return figures

    def torch_mlp():
        return torch_figures("mlp_torch.py",
                             r"torch MLP batch=(\d+) threads=(\d+): ([\d.]+) us")
    mlp, torch_mlp_us = pair(
        lambda: google_benchmark(os.path.join(bin_dir, "nn-bench-mlp")),
        torch_mlp)
    for name, b in mlp.items():
        m = re.search(r"batch:(\d+)/threads:(\d+)", name)
        key = (int(m[1]), int(m[2]))
        rows.append(("mlp 784-512-512-10 batch %d t%d" % key, b["ms"] * 1e3,
                     torch_mlp_us.get(key), "us", False))

    # The MLP's Adam train step vs PyTorch eager (zero_grad, forward, loss,
    # backward, step), and as a fraction of the FMA peak measured beside it.
    def torch_train_step():
        return torch_figures("train_step_torch.py",
                             r"torch train step batch=(\d+) threads=(\d+): "
                             r"([\d.]+) us")
    steps, torch_steps = pair(
        lambda: google_benchmark(os.path.join(bin_dir, "nn-bench-train-step"),
                                 None, "BM_TrainStep|BM_FmaPeak"),
        torch_train_step)
    peak = steps.get("BM_FmaPeak", {}).get("GFLOPs")
    for name, b in steps.items():
        m = re.search(r"BM_TrainStep/batch:(\d+)/threads:(\d+)", name)
        if not m:
            continue
        key = (int(m[1]), int(m[2]))
        rows.append(("train step 784-512-512-10 batch %d t%d" % key,
                     b["ms"] * 1e3, torch_steps.get(key), "us", False))
        if peak and key[1] == 1:
            rows.append(("train step batch %d t1 (peer: FMA peak)" % key[0],
                         b["GFLOPs"], peak, "GFLOP/s", True))
    cold = google_benchmark(os.path.join(bin_dir, "nn-bench-train-step"), None,
                            "Cold")
    for name, b in cold.items():
        rows.append((name.split("/")[0][3:] + " (cold compile)", b["ms"], None,
                     "ms", False))

    # Memory-bound layers and random numbers vs STREAM / the generator bound.
    memory, stream = pair(
        lambda: google_benchmark(os.path.join(bin_dir, "nn-bench-memory-bound")),
        lambda: google_benchmark(os.path.join(bin_dir, "nn-bench-stream")))
    for name, b in memory.items():
        threads = int(name.rsplit(":", 1)[1])
        triad = stream["BM_Triad/threads:%d" % threads]["bytes_per_second"]
        rows.append(("%s t%d (peer: STREAM triad)" % (name.split("/")[0][3:], threads),
                     b["bytes_per_second"] / 1e9, triad / 1e9, "GB/s", True))
        # A row group reads and writes each element once, its output with
        # non-temporal stores: its bound is copy with such stores.
        if "Softmax" in name or "LayerNorm" in name:
            copy = stream["BM_StreamingCopy/threads:%d" % threads]["bytes_per_second"]
            rows.append(("%s t%d (peer: streaming copy)" % (name.split("/")[0][3:], threads),
                         b["bytes_per_second"] / 1e9, copy / 1e9, "GB/s", True))
        # Pooling only reads: its bound is the read stream's.
        if "Pool" in name:
            read = stream["BM_Read/threads:%d" % threads]["bytes_per_second"]
            rows.append(("%s t%d (peer: read stream)" % (name.split("/")[0][3:], threads),
                         b["bytes_per_second"] / 1e9, read / 1e9, "GB/s", True))
    random = google_benchmark(os.path.join(bin_dir, "nn-bench-random"))
    for name, b in random.items():
        threads = int(name.rsplit(":", 1)[1])
        bound = random["BM_Threefry/threads:%d" % threads]["items_per_second"]
        peer = None if name.startswith("BM_Threefry") else bound / 1e9
        rows.append(("%s t%d (peer: threefry bound)" % (name.split("/")[0][3:], threads),
                     b["items_per_second"] / 1e9, peer, "G elements/s", True))
    jit = google_benchmark(os.path.join(bin_dir, "nn-bench-jit"), None, "Cold")
    for name, b in jit.items():
        rows.append((name.split("/")[0][3:] + " (cold compile)", b["ms"], None,
                     "ms", False))
    return rows


def median(values):
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def combine(rounds):
    """Per metric: the median of ours and of the peer over the rounds, and the
    median of the per-round ratios (paired: a round's ratio compares figures
    measured minutes apart, not a whole suite apart)."""
    combined = []
    for index, (metric, _, _, unit, higher) in enumerate(rounds[0]):
        ours = [r[index][1] for r in rounds]
        peers = [r[index][2] for r in rounds if r[index][2]]
        ratios = [(o / p if higher else p / o)
                  for o, p in ((r[index][1], r[index][2]) for r in rounds) if p]
        combined.append((metric, median(ours), median(peers) if peers else None,
                         median(ratios) if ratios else None, unit, higher))
    return combined


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--rounds", type=int, default=2,
                        help="suite rounds, alternating which side runs first")
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    bin_dir = os.path.join(args.build, "bin")
    rows = combine([measure(bin_dir, peer_first=bool(i % 2))
                    for i in range(args.rounds)])

    # {machine: {metric: figure}}: each machine is compared with its own.
    baselines = {}
    if os.path.exists(BASELINE):
        with open(BASELINE) as f:
            baselines = json.load(f)
    here = machine()
    baseline = baselines.get(here, {})
    if not baseline:
        print("No baseline for this machine (%s) in docs/perf-baseline.json: "
              "nothing compared." % here)
    regressions = 0
    lines = ["| metric | ours | peer | ours / peer | unit | vs baseline |",
             "| --- | --- | --- | --- | --- | --- |"]
    for metric, ours, peer, ratio, unit, higher in rows:
        # Against a peer measured beside it, the ratio is what is compared
        # (the machine's speed drifts by tens of percent between runs); a
        # figure without one is compared as it is.
        change = ""
        ratio_key = metric + " (ours / peer)"
        if ratio is not None and ratio_key in baseline:
            old = baseline[ratio_key]
            worse = (old - ratio) / old
        elif metric in baseline:
            old = baseline[metric]
            worse = (old - ours) / old if higher else (ours - old) / old
        else:
            worse = None
        if worse is not None:
            change = "%+.0f%%" % (-worse * 100)
            if worse > 0.10:
                change += " WORSE"
                regressions += 1
        lines.append("| %s | %.4g | %s | %s | %s | %s |" % (
            metric, ours, "%.4g" % peer if peer else "",
            "%.2fx" % ratio if ratio is not None else "", unit, change))
    table = "\n".join(lines)
    print(table)
    print("%d figures, %d more than 10%% worse than docs/perf-baseline.json"
          % (len(rows), regressions))
    if args.update:
        figures = {}
        for metric, ours, _, ratio, *_ in rows:
            figures[metric] = ours
            if ratio is not None:
                figures[metric + " (ours / peer)"] = ratio
        baselines[here] = figures
        with open(BASELINE, "w") as f:
            json.dump(baselines, f, indent=1, sort_keys=True)
            f.write("\n")
        with open(LATEST, "w") as f:
            f.write("# Latest performance suite run\n\nWritten by "
                    "`/usr/bin/python3 bench/run_all.py --update` on " + here +
                    ", %d round%s (medians; ratios: the median of the rounds' "
                    "ratios, > 1 means ours is faster).\n\n"
                    % (args.rounds, "" if args.rounds == 1 else "s") +
                    table + "\n")
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main())
