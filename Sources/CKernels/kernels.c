#include "layermap_kernels.h"

#pragma STDC FP_CONTRACT OFF

// The body is written once and compiled twice: for any x86-64 and, selected at run time,
// for AVX2 machines. Both follow the order documented in the header.
#define LAYERMAP_DOT_BODY                                                        \
    double lane[16] = {0};                                                      \
    size_t i = 0;                                                               \
    for (; i + 16 <= n; i += 16) {                                              \
        for (int k = 0; k < 16; k++) lane[k] += (double)x[i + k] * (double)y[i + k]; \
    }                                                                           \
    double tail = 0;                                                            \
    for (; i < n; i++) tail += (double)x[i] * (double)y[i];                     \
    for (int s = 8; s > 0; s /= 2)                                              \
        for (int k = 0; k < s; k++) lane[k] += lane[k + s];                     \
    return lane[0] + tail;

static double dot_portable(const float *x, const float *y, size_t n) { LAYERMAP_DOT_BODY }

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2,fma")))
static double dot_avx2(const float *x, const float *y, size_t n) { LAYERMAP_DOT_BODY }

double layermap_dot_f32_f64(const float *x, const float *y, size_t n) {
    // __builtin_cpu_supports reads flags libgcc fills in once at start-up: cheap and race-free.
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return dot_avx2(x, y, n);
    return dot_portable(x, y, n);
}
#else
double layermap_dot_f32_f64(const float *x, const float *y, size_t n) { return dot_portable(x, y, n); }
#endif

// Double operands: the same order; FP contraction is off, so x·y is rounded before it is added
// on every target.
double layermap_dot_f64(const double *x, const double *y, size_t n) {
    double lane[16] = {0};
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        for (int k = 0; k < 16; k++) {
            double p = x[i + k] * y[i + k];
            lane[k] += p;
        }
    }
    double tail = 0;
    for (; i < n; i++) { double p = x[i] * y[i]; tail += p; }
    for (int s = 8; s > 0; s /= 2)
        for (int k = 0; k < s; k++) lane[k] += lane[k + s];
    return lane[0] + tail;
}
