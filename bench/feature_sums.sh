#!/usr/bin/env bash
# Streamed feature sums: each feature-space measure's time and peak RSS on 2 models × LAYERS
# layers × WIDTH wide at each N under --memory 1.8G (--estimator sums), and, at N = 3000, the
# ratio to a numpy baseline of the same grid (CCA family: each layer orthonormalised once, then
# one SVD of Q_xᵀQ_y per pair).
#
#   bench/feature_sums.sh [BINARY]        env: SIZES="25000 50000 100000" LAYERS=12 WIDTH=1024
#                                              METRICS="cca-rho procrustes ..." DATA=/tmp/...
# The activations are synthetic (numpy, float32 .npy) in $DATA, never in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-.build/release/layermap}"
SIZES="${SIZES:-25000 50000 100000}"; LAYERS="${LAYERS:-12}"; WIDTH="${WIDTH:-1024}"
METRICS="${METRICS:-cca-rho svcca pwcca procrustes regression matched-corr max-corr mmd-linear mmd-poly mmd-gauss}"
DATA="${DATA:-${TMPDIR:-/tmp}/layermap-feature-bench}"
export OPENBLAS_NUM_THREADS=1
make_data() { # N
  python3 - "$DATA/n$1" "$1" "$LAYERS" "$WIDTH" <<'PY'
import os, sys
import numpy as np
out, n, layers, width = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(0)
z = rng.standard_normal((n, 64)).astype(np.float32)
for m in ("a", "b"):
    os.makedirs(f"{out}/{m}", exist_ok=True)
    h = z
    for l in range(layers):
        w = (rng.standard_normal((h.shape[1], width)) / np.sqrt(h.shape[1])).astype(np.float32)
        h = np.maximum(h @ w - 0.1, 0).astype(np.float32)
        np.save(f"{out}/{m}/l{l:02d}.npy", h)
PY
}
printf "%-8s %-13s %10s %12s\n" N metric seconds peak_MiB
for n in $SIZES 3000; do
  [ -d "$DATA/n$n" ] || make_data "$n"
  for m in $METRICS; do
    log="$DATA/n$n-$m.time"
    /usr/bin/time -v "$bin" compute "$DATA/n$n/a" "$DATA/n$n/b" --metric "$m" --memory 1.8G --estimator sums \
      --format csv -o "$DATA/n$n-$m.csv" 2>"$log" >/dev/null
    secs=$(awk -F': ' '/Elapsed/ {k = split($2, t, ":"); s = 0; for (i = 1; i <= k; i++) s = s * 60 + t[i]; print s}' "$log")
    rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$log")
    printf "%-8s %-13s %10s %12s\n" "$n" "$m" "$secs" "$rss"
    if [ "$n" = 3000 ] && [[ "$m" == cca-rho ]]; then
      base=$(python3 - "$DATA/n3000" "$LAYERS" <<'PY'
import sys, time
import numpy as np
d, layers = sys.argv[1], int(sys.argv[2])
t = time.perf_counter()
def basis(x):
    x = x.astype(np.float64); x -= x.mean(0)
    u, s, _ = np.linalg.svd(x, full_matrices=False)
    return u[:, : (s > 1e-6 * s[0]).sum()]
qa = [basis(np.load(f"{d}/a/l{l:02d}.npy")) for l in range(layers)]
qb = [basis(np.load(f"{d}/b/l{l:02d}.npy")) for l in range(layers)]
for x in qa:
    for y in qb:
        np.linalg.svd(x.T @ y, compute_uv=False).mean()
print(time.perf_counter() - t)
PY
)
      echo "numpy cca-rho at N = 3000: ${base} s; layermap/numpy = $(python3 -c "print(round($secs / $base, 2))")"
    fi
  done
done
