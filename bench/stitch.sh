#!/bin/sh
# Times a full grid of stitch on samples/ (tanh-s0 × tanh-s1, 8×8 layers, N = 400, labels
# samples/heldout.txt) with the release binary: median of RUNS (3) runs, a fresh result cache
# each time, one BLAS thread. Per pair: B's readout (once per column layer), the least-squares,
# rank-k and lasso maps, and up to 1000 task-loss gradient steps.
#   bench/stitch.sh [BINARY]
. "$(dirname "$0")/grid_timing.sh"
echo "stitch  $(median_seconds "$bin" compute samples/tanh-s0 samples/tanh-s1.npz --metric stitch \
  --labels samples/heldout.txt --format json) s"
