// Umbrella header for OpenBLAS's CBLAS interface and LAPACKE.
// The guard is our own: OpenBLAS's cblas.h already uses CBLAS_H.
#ifndef LAYERMAP_CBLAS_SHIM_H
#define LAYERMAP_CBLAS_SHIM_H

#include <cblas.h>
#include <lapacke.h>

/// Number of threads OpenBLAS may use for one call (declared by OpenBLAS's cblas.h).
static inline void layermap_set_blas_threads(int n) { openblas_set_num_threads(n); }
static inline int layermap_blas_threads(void) { return openblas_get_num_threads(); }

#endif
