#!/bin/sh
# Times a full grid of each direct-matching measure on samples/ (tanh-s0 × tanh-s1, 8×8 layers,
# N = 400) with the release binary, beside the numpy / scikit-learn baseline in the same run;
# median of RUNS (3) runs, a fresh result cache each time, one BLAS thread on both sides.
#   bench/linear_matching.sh [BINARY]
. "$(dirname "$0")/grid_timing.sh"
echo "measure  layermap_s  baseline_s  baseline/layermap"
base=$scratch/base.txt
i=0; while [ $i -lt "$runs" ]; do python3 bench/linear_matching_baseline.py samples/tanh-s0 samples/tanh-s1.npz >> "$base"; i=$((i + 1)); done
for m in regression regression-rank regression-l1; do
  ours=$(median_seconds "$bin" compute samples/tanh-s0 samples/tanh-s1.npz --metric $m --format json)
  theirs=$(python3 -c "import json,sys; v=sorted(json.loads(l)['$m'] for l in open('$base')); print(v[len(v)//2])")
  echo "$m  $ours  $theirs  $(python3 -c "print(round($theirs / $ours, 2))")"
done
