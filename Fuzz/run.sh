#!/usr/bin/env bash
# Runs each reader's fuzz target for RUNS executions, from the seed corpus in Fuzz/corpus
# (new inputs go to .build/fuzz/corpus, never into the repository), and prints one line per
# target: executions, coverage (libFuzzer's cov = instrumented edges reached, ft = features),
# corpus size. Fails on the first crash, sanitizer report, leak or timeout (the input is kept
# as .build/fuzz/crash-TARGET-*).
#   Fuzz/run.sh BINARY RUNS [TARGET...]
# FUZZ_SECONDS, when set, also stops each target after that many seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1; runs=$2; shift 2
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(npy npz safetensors shard cache pt)
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
# Each execution writes its input to a file and inflates deflated members into temporary files:
# on /dev/shm (memory) when it is there, unless TMPDIR says otherwise.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/layermap-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export LAYERMAP_FUZZ_SCRATCH=$scratch
status=0
for t in "${targets[@]}"; do
  work=.build/fuzz/corpus/$t
  mkdir -p "$work"
  log=.build/fuzz/$t.log
  limit=(); [ -n "${FUZZ_SECONDS:-}" ] && limit=(-max_total_time="$FUZZ_SECONDS")
  if LAYERMAP_FUZZ_TARGET=$t "$bin" -runs="$runs" "${limit[@]}" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix=".build/fuzz/crash-$t-" "$work" "Fuzz/corpus/$t" >"$log" 2>&1; then
    done_line=$(grep -E '^#[0-9]+.*DONE' "$log" | tail -1)
    cov=$(sed -nE 's/.*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/cov \1, ft \2, corpus \3/p' <<<"$done_line")
    execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log")
    rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log")
    printf 'fuzz %-12s %9s executions (%s/s), %s\n' "$t" "$execs" "$rate" "$cov"
  else
    echo "fuzz $t: FAILED (see $log)" >&2
    grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5 >&2 || true
    status=1
  fi
done
exit $status
