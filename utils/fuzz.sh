#!/usr/bin/env bash
# Builds one libFuzzer target into the sanitize build (build-sanitize/,
# NN_SANITIZE + NN_FUZZ) and runs it for SECONDS (docs/Hardening.md).
#
#   bash utils/fuzz.sh TARGET SECONDS [libFuzzer options...]
#
# TARGET: lower (parse + verify + nn-lower-to-llvm of nn IR), npy, npz
# (the readers), literal (nn-jit's --input parser), cache (the disk cache's
# entry loader). The run starts from the committed seeds (fuzz/corpus/TARGET)
# and what earlier runs found (build-sanitize/fuzz/corpus/TARGET, grown);
# crashes, sanitizer reports, hangs (-timeout) and memory blow-ups
# (-rss_limit_mb / -malloc_limit_mb) are written to
# build-sanitize/fuzz/findings/TARGET/. Ends with one line `TARGET: N
# executions in S s (R/s), N findings`; exits non-zero on a finding.
# NN_BUILD_LOCK: as for utils/build.sh.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 2 ]; then
  echo "usage: $0 TARGET SECONDS [libFuzzer options...]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2

# Per target: the largest input, the time one input may take (a hang beyond
# it is a finding), the memory the process may use.
case "$target" in
  lower)   max_len=4096;  timeout=30; rss=4096 ;;
  npy)     max_len=8192;  timeout=5;  rss=2048 ;;
  npz)     max_len=16384; timeout=5;  rss=2048 ;;
  literal) max_len=4096;  timeout=5;  rss=2048 ;;
  cache)   max_len=8192;  timeout=5;  rss=2048 ;;
  *) echo "fuzz: unknown target '$target' (lower, npy, npz, literal, cache)" >&2
     exit 2 ;;
esac

export NN_BUILD_DIR="${NN_BUILD_DIR:-$root/build-sanitize}"
export NN_CMAKE_ARGS="-DNN_SANITIZE=ON -DNN_FUZZ=ON"
bash "$root/utils/build.sh" "nn-fuzz-$target" >/dev/null ||
  { echo "fuzz: the build failed" >&2; exit 1; }

binary="$NN_BUILD_DIR/fuzz/nn-fuzz-$target"
corpus="$NN_BUILD_DIR/fuzz/corpus/$target"
findings="$NN_BUILD_DIR/fuzz/findings/$target"
mkdir -p "$corpus" "$findings"
dict=()
[ "$target" = lower ] && dict=("-dict=$root/fuzz/nn.dict")

# allow_user_poisoning=0 and detect_leaks=0 as in the sanitizer lane
# (utils/check.sh --sanitize explains why).
export ASAN_OPTIONS="${ASAN_OPTIONS:-allow_user_poisoning=0:detect_leaks=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
[ -x /usr/lib/llvm-22/bin/llvm-symbolizer ] &&
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-22/bin/llvm-symbolizer

before=$(ls "$findings" | wc -l)
log="$NN_BUILD_DIR/fuzz/$target.log"
start=$(date +%s)
"$binary" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss" \
  -max_len="$max_len" -detect_leaks=0 -print_final_stats=1 "${dict[@]}" \
  -artifact_prefix="$findings/" "$@" "$corpus" "$root/fuzz/corpus/$target" \
  >"$log" 2>&1
status=$?
elapsed=$(( $(date +%s) - start ))
after=$(ls "$findings" | wc -l)

stat() { sed -n -E "s/^stat::$1: *([0-9]+).*/\\1/p" "$log" | tail -n 1; }
runs=$(stat number_of_executed_units)
rate=$(stat average_exec_per_sec)
# -fork=N prints no final stats: its last status line `#RUNS ... exec/s: R`.
last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
[ -z "$runs" ] && runs=$(sed -n -E 's/^#([0-9]+).*/\1/p' <<<"$last")
[ -z "$rate" ] && rate=$(sed -n -E 's/.*exec\/s: ([0-9]+).*/\1/p' <<<"$last")
runs=${runs:-0}; rate=${rate:-0}
new=$(( after - before ))
if [ "$status" -ne 0 ] && [ "$new" -eq 0 ]; then
  # Stopped without an artifact (e.g. a bad option): show why.
  tail -n 30 "$log"
  new=1
fi
if [ "$new" -gt 0 ]; then
  grep -E "^(==[0-9]+==ERROR|SUMMARY|.*runtime error|ALARM|artifact_prefix|Test unit written)" "$log" | head -n 20
  ls -t "$findings" | head -n "$new" | sed "s|^|finding: $findings/|"
  echo "reproduce: $binary $findings/<file>   (log: $log)"
fi
echo "$target: $runs executions in $elapsed s ($rate/s), $new findings, corpus $(ls "$corpus" | wc -l) inputs"
[ "$new" -eq 0 ]
