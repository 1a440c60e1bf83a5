#!/bin/sh
# Times a full grid of stitch on samples/ (tanh-s0 × tanh-s1, 8×8 layers, N = 400, labels
# samples/heldout.txt) with the release binary: median of RUNS (3) runs, a fresh result cache
# each time, one BLAS thread. Per pair: B's readout (once per column layer), the least-squares,
# rank-k and lasso maps, and up to 1000 task-loss gradient steps.
#   bench/stitch.sh [BINARY]
set -eu
bin=${1:-.build/release/layermap}
runs=${RUNS:-3}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
i=0; : > "$scratch/t"
while [ $i -lt "$runs" ]; do
  rm -rf "$scratch/cache"
  s=$(date +%s.%N)
  LAYERMAP_CACHE_DIR=$scratch/cache "$bin" compute samples/tanh-s0 samples/tanh-s1.npz --metric stitch \
    --labels samples/heldout.txt --format json > /dev/null
  e=$(date +%s.%N)
  echo "$s $e" | awk '{print $2 - $1}' >> "$scratch/t"
  i=$((i + 1))
done
echo "stitch  $(sort -n "$scratch/t" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') s"
