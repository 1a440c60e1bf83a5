# Sourced by the grid benchmarks (linear_matching.sh, kernel_matching.sh, stitch.sh): the
# binary ($1, default the release build), RUNS (3), one BLAS thread for layermap and numpy alike,
# a scratch directory removed on exit, and the two timing helpers below.
set -eu
bin=${1:-.build/release/layermap}
runs=${RUNS:-3}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# median_seconds COMMAND...: runs COMMAND RUNS times (standard output to $scratch/last.out, a
# fresh result cache each time) and prints the median wall-clock seconds.
median_seconds() {
  : > "$scratch/t"
  _i=0
  while [ $_i -lt "$runs" ]; do
    rm -rf "$scratch/cache"
    _s=$(date +%s.%N)
    LAYERMAP_CACHE_DIR=$scratch/cache "$@" > "$scratch/last.out"
    _e=$(date +%s.%N)
    echo "$_s $_e" | awk '{print $2 - $1}' >> "$scratch/t"
    _i=$((_i + 1))
  done
  median < "$scratch/t"
}
