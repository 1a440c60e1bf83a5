import Similarity

/// |a − b| ≤ tol · max(1, |b|).
func close(_ a: Double?, _ b: Double, _ tol: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tol * max(1, abs(b))
}

/// |a − b| ≤ tol · |b| (for values far from 1, e.g. HSIC totals in the thousands or shares).
func relativelyClose(_ a: Double?, _ b: Double, _ tol: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tol * abs(b)
}

/// The four measures this target covers.
let matchMeasures: [Metric] = [.procrustes, .mmdPoly, .mmdLinear, .mmdGauss, .knn, .matchedCorr, .maxCorr]
