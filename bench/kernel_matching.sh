#!/bin/sh
# Times a full grid of each NST kernel measure and of max-correlation matching with the release
# binary, beside a numpy / scipy baseline (bench/kernel_matching_baseline.py) in the same run:
# mmd-linear, mmd-poly, mmd-gauss and max-corr (Pearson and --rank-correlation) on samples/
# (tanh-s0 × tanh-s1, 8×8 layers, N = 400); nst-linear, nst-poly, nst-gauss on two seeded
# convolutional models (bench/make_conv_models.py: 4 layers of N×C×H×W, N = 400). Median of RUNS
# (3) runs, a fresh result cache each time, one BLAS thread on both sides. The last column is the
# largest difference between the two sides' grids.
#   bench/kernel_matching.sh [BINARY]
. "$(dirname "$0")/grid_timing.sh"
python3 bench/make_conv_models.py "$scratch/conv"
i=0; while [ $i -lt "$runs" ]; do
  python3 bench/kernel_matching_baseline.py samples/tanh-s0 samples/tanh-s1.npz >> "$scratch/base-dense"
  python3 bench/kernel_matching_baseline.py --conv "$scratch/conv/conv-a.npz" "$scratch/conv/conv-b.npz" >> "$scratch/base-conv"
  i=$((i + 1))
done
echo "measure  layermap_s  baseline_s  baseline/layermap  largest_difference"
for spec in mmd-linear mmd-poly mmd-gauss max-corr max-corr-spearman nst-linear nst-poly nst-gauss; do
  case $spec in
    max-corr-spearman) metric=max-corr; flags=--rank-correlation ;;
    *) metric=$spec; flags= ;;
  esac
  case $spec in
    nst-*) a=$scratch/conv/conv-a.npz; b=$scratch/conv/conv-b.npz; base=$scratch/base-conv ;;
    *) a=samples/tanh-s0; b=samples/tanh-s1.npz; base=$scratch/base-dense ;;
  esac
  # shellcheck disable=SC2086
  ours=$(median_seconds "$bin" compute "$a" "$b" --metric $metric $flags --format json)
  python3 - "$spec" "$ours" "$base" "$scratch/last.out" <<'PY'
import json, sys
spec, ours, base, mine = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
runs = [json.loads(l)[spec] for l in open(base)]
theirs = sorted(r["seconds"] for r in runs)[len(runs) // 2]
ref, got = runs[0]["grid"], json.load(open(mine))["values"]
diff = max(abs((g if g is not None else float("nan")) - r) for gr, rr in zip(got, ref) for g, r in zip(gr, rr))
print(f"{spec}  {ours:.3f}  {theirs:.3f}  {theirs / ours:.2f}  {diff:.1e}")
PY
done
# The baseline's seconds are measured inside Python (reading the layers included, the interpreter's
# start and imports not); layermap's are the whole process. For scale, both start-up costs:
echo "python3 -c 'import numpy, scipy.stats': $(median_seconds python3 -c "import numpy, scipy.stats") s"
echo "layermap layers samples/tanh-s0 samples/tanh-s1.npz (start and catalog): $(median_seconds "$bin" layers samples/tanh-s0 samples/tanh-s1.npz) s"
