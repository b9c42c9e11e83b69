#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (lit).
# Ends with one line `N passed, N failed`; exits non-zero on any failure.
#
#   bash utils/check.sh                       build/, the whole suite
#   bash utils/check.sh --sanitize            build-sanitize/ (ASan + UBSan,
#                                             docs/Hardening.md), the whole suite
#   bash utils/check.sh --sanitize PATH...    ... only these tests (paths under
#                                             test/, e.g. nn-jit/hardening)
# NN_LIT_ARGS: more lit options (e.g. -j1).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

suites=()
if [ "${1:-}" = --sanitize ]; then
  shift
  export NN_BUILD_DIR="${NN_BUILD_DIR:-$root/build-sanitize}"
  # One sanitize build serves the lane and the fuzzers (utils/fuzz.sh).
  export NN_CMAKE_ARGS="-DNN_SANITIZE=ON -DNN_FUZZ=ON"
  # allow_user_poisoning=0: LLVM's allocators poison memory they hand out
  # again, which the uninstrumented libMLIR then writes (a false positive).
  # allocator_may_return_null=1: a request too large for ASan's allocator
  # (above 1 TiB) returns null, as glibc's malloc does, for nn-jit to report
  # (test/nn-jit/hardening/sizes.test) instead of ASan aborting.
  # detect_leaks=1: LeakSanitizer checks every instrumented process at its
  # exit (Python, which loads libnnjit.so in test/CAPI, is run without it:
  # the interpreter keeps its allocations to the end by design).
  export ASAN_OPTIONS="${ASAN_OPTIONS:-allow_user_poisoning=0:allocator_may_return_null=1:detect_leaks=1:abort_on_error=0:strict_string_checks=1:check_initialization_order=1}"
  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
  if [ -x /usr/lib/llvm-22/bin/llvm-symbolizer ]; then
    export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-22/bin/llvm-symbolizer
    export UBSAN_SYMBOLIZER_PATH=/usr/lib/llvm-22/bin/llvm-symbolizer
  fi
  for path in "$@"; do
    suites+=("$NN_BUILD_DIR/test/$path")
  done
fi
build="${NN_BUILD_DIR:-$root/build}"
if [ ${#suites[@]} -eq 0 ]; then
  suites=("$build/test" "$build/test/unittests")
fi

bash "$root/utils/build.sh" all nn-docs || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
# shellcheck disable=SC2086
/usr/lib/llvm-22/bin/lit -sv ${NN_LIT_ARGS:-} "${suites[@]}" 2>&1 | tee "$log"
lit_status=${PIPESTATUS[0]}

# lit pads the names when a line such as "Expectedly Failed" is present.
count() { sed -n -E "s/^ *$1 *: *([0-9]+).*/\\1/p" "$log" | tail -n 1; }
passed=$(( $(count Passed || true) + 0 ))
failed=$(( $(count Failed || true) + $(count 'Unresolved' || true) +
           $(count 'Unexpectedly Passed' || true) + 0 ))
known=$(( $(count 'Expectedly Failed' || true) + 0 ))
if [ "$known" -gt 0 ]; then
  echo "$known known defects reproduced (XFAIL tests)"
fi
rm -f "$log"
if [ "$lit_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
