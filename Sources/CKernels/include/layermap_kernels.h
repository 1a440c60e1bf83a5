// Small numeric kernels whose summation order is fixed, so every code path that uses them
// gets bit-for-bit the same answer (the explorer's cell-by-cell path and the headless
// whole-grid path must agree to the last digit).
#ifndef LAYERMAP_KERNELS_H
#define LAYERMAP_KERNELS_H

#include <stddef.h>

/// Σ x[i]·y[i] over n floats, accumulated in double precision in a fixed order: 16 running
/// sums (lane k takes i ≡ k mod 16), combined pairwise (lane k += lane k+8, then +4, +2, +1),
/// plus the tail. Each float×float product is exact in double, so the result does not depend
/// on whether the machine fuses multiply-add or on vector width: an AVX2 build and a plain
/// build give identical results.
double layermap_dot_f32_f64(const float *x, const float *y, size_t n);

/// Σ x[i]·y[i] over n doubles in the same fixed order as `layermap_dot_f32_f64` (16 lanes,
/// combined pairwise, plus the tail). Products are rounded separately (no fused multiply-add:
/// the file is compiled with -ffp-contract=off), so every build gives the same bits, and the
/// result is symmetric in x and y.
double layermap_dot_f64(const double *x, const double *y, size_t n);

#endif
