#!/usr/bin/env bash
# Two builds of layermap timed against each other in one run, on the benchmark's workloads:
# for a change that must not slow the benchmark by more than a stated fraction. Runs alternate
# (old, new, old, new, …) so the machine's drift hits both alike; each workload reports the
# median of ROUNDS runs per build and new/old. numpy's Gram-once baseline is timed once per
# in-memory workload, so each build's ratio against it is shown too.
#
#   bench/compare_builds.sh OLD_BINARY [NEW_BINARY]      (NEW defaults to .build/release/layermap)
#
# Workloads (made by bench/make_workload.py under BENCH_DIR, default bench/out):
#   w5k    2 models × 24 layers, N = 5000, widths 256–2048: compute's Gram form (float32 above N = 2048)
#   w2k    the same at N = 2000: the Gram form in double (N ≤ 2048)
#   s25k   2 models × 12 layers × 1024, N = 25000, exact, --memory 1.8G: the streamed path
# Environment: ROUNDS (default 3), SKIP_STREAMED=1.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=$1; NEW=${2:-.build/release/layermap}
OUT=${BENCH_DIR:-bench/out}
ROUNDS=${ROUNDS:-3}
PY=python3
mkdir -p "$OUT"
[ -x "$OLD" ] && [ -x "$NEW" ] || { echo "compare_builds: both binaries must exist" >&2; exit 1; }

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null 2>&1; t1=$(date +%s.%N); $PY -c "print($t1 - $t0)"; }
median() { $PY -c "import statistics,sys; print('%.2f' % statistics.median(map(float, sys.argv[1:])))" "$@"; }

workload() { # name samples layers widths
  [ -d "$OUT/$1/b" ] || $PY bench/make_workload.py "$OUT/$1" --samples "$2" --layers "$3" --widths "$4" > /dev/null
  cat "$OUT/$1"/a/*.npy "$OUT/$1"/b/*.npy > /dev/null
}

compare() { # name numpy(yes/no) compute-arguments...
  local name=$1 numpy=$2; shift 2
  local old=() new=()
  for _ in $(seq "$ROUNDS"); do
    old+=("$(seconds "$OLD" compute "$@")")
    new+=("$(seconds "$NEW" compute "$@")")
  done
  local mo mn; mo=$(median "${old[@]}"); mn=$(median "${new[@]}")
  local line="| $name | $mo (${old[*]}) | $mn (${new[*]}) | $($PY -c "print('%.2f' % ($mn / $mo))")"
  if [ "$numpy" = yes ]; then
    local np; np=$($PY bench/numpy_baselines.py gram-once "$OUT/$name/a" "$OUT/$name/b" |
                   $PY -c 'import json,sys; print("%.2f" % json.load(sys.stdin)["seconds"])')
    line="$line | $np | $($PY -c "print('%.1f× / %.1f×' % ($np / $mo, $np / $mn))") |"
  else
    line="$line | | |"
  fi
  printf '%s\n' "$line" | sed -E 's/([0-9]\.[0-9]{2})[0-9]+/\1/g'
}

echo "# $(basename "$OLD") (old) against $(basename "$NEW") (new), $(date -u +%Y-%m-%d), $(nproc) cores, $ROUNDS rounds"
echo
echo "| workload | old median s (runs) | new median s (runs) | new/old | numpy Gram-once s | old / new × faster than numpy |"
echo "|---|---:|---:|---:|---:|---:|"
workload w5k 5000 24 256,512,1024,2048
compare w5k yes "$OUT/w5k/a" "$OUT/w5k/b"
workload w2k 2000 24 256,512,1024,2048
compare w2k yes "$OUT/w2k/a" "$OUT/w2k/b"
if [ "${SKIP_STREAMED:-0}" != 1 ]; then
  workload s25k 25000 12 1024
  compare s25k no "$OUT/s25k/a" "$OUT/s25k/b" --estimator exact --memory 1.8G
fi
