import Foundation

/// Builds a layer's statistics for the Gaussian (RBF) kernel
///
///     K_ij = exp(−‖x_i − x_j‖² / (2σ²)),   σ² = fraction² · median(D²),
///
/// where D² is the full n×n matrix of squared distances, its zero diagonal included. This is
/// the reference notebook's `gram_rbf` (Kornblith et al. 2019), whose numbers users expect;
/// each layer gets its own σ. The distances come from the Gram matrix of the centred
/// activations, D²_ij = G_ii + G_jj − 2G_ij, in double precision. The kernel is then
/// double-centred (HKH) in double precision and stored as `Float`.
public enum RBFKernel {
    /// The bandwidth fraction the reference notebook uses by default.
    public static let defaultFraction = 0.5

    /// - Parameters:
    ///   - x: N×D activations.
    ///   - fraction: σ as a fraction of the median distance; must be > 0.
    /// - Throws: `SimilarityError.nonFinite` for NaN/Inf input.
    /// - Returns: statistics, or `nil` when the median squared distance is zero (more than
    ///   half of the sample pairs coincide), for which the kernel is undefined.
    /// - Complexity: O(N²·D) time, O(N²) memory in double precision.
    public static func statistics(of x: Matrix<Float>, fraction: Double) throws -> KernelStatistics? {
        let c = try CentredColumns(x)
        let n = c.sampleCount
        let xd = c.roundedCentred().toDouble()
        var k = BLAS.product(xd, xd, transposeB: true) // G, n×n
        var sq = [Double](repeating: 0, count: n)
        for i in 0..<n { sq[i] = k.storage[i * n + i] }
        // Squared distances, in place.
        for i in 0..<n {
            let base = i * n
            for j in 0..<n { k.storage[base + j] = sq[i] + sq[j] - 2 * k.storage[base + j] }
        }
        var copy = k.storage
        let med = Selection.median(&copy)
        copy = []
        guard med > 0, med.isFinite else { return nil }
        let scale = -1 / (2 * fraction * fraction * med)
        var rowMeans = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let base = i * n
            var s = 0.0
            for j in 0..<n {
                let e = exp(k.storage[base + j] * scale)
                k.storage[base + j] = e
                s += e
            }
            rowMeans[i] = s / Double(n)
        }
        let grand = rowMeans.reduce(0, +) / Double(n)
        var centred = [Float](repeating: 0, count: n * n)
        var diagonal = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let base = i * n
            for j in 0..<n {
                centred[base + j] = Float(k.storage[base + j] - rowMeans[i] - rowMeans[j] + grand)
            }
            diagonal[i] = k.storage[base + i] - 2 * rowMeans[i] + grand
        }
        // The self term uses the stored (rounded) values, as every pair term does, so that a
        // layer compared with itself gives exactly the same inner product.
        let g = centred.withUnsafeBufferPointer { PackedGram(upperOf: $0, n: n) }
        return KernelStatistics(kernel: .rbf(fraction: fraction), sampleCount: n, width: c.width,
                                representation: .gram(g), diagonal: diagonal,
                                trace: diagonal.reduce(0, +), selfInner: GramInner.inner(g, g))
    }
}
