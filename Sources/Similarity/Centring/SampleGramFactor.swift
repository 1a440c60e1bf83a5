/// A narrow stand-in for a layer's (column-scaled) centred activations: a matrix B (N×r,
/// r = min(N, D)) with
///
///     B·Bᵀ = A·Aᵀ,   A = Xc · diag(s)   (s = per-neuron scales, 1 when not given)
///
/// Any quantity that depends on the layers only through the samples' inner products —
/// the singular values of AᵀC, hence ‖AᵀC‖_* and ‖AᵀC‖_F for a partner C — is the same
/// with B in place of A, because A = B·Q for some Q with orthonormal rows.
///
/// When D ≤ N, B is A itself, kept as the `Float` layer with double means (see
/// `CentredColumns`) and scaled on the fly. When D > N, B is the lower-triangular L of the
/// LQ factorisation A = L·Q (N×N, double), so every pair's product shrinks from D to N
/// columns: wide layers cost O(N²) memory per layer and O(N³) per pair, never O(D²).
public struct SampleGramFactor: DoubleRowBlocks {
    private enum Storage: Sendable {
        case centred(CentredColumns, scales: [Double]?)
        case lower(Matrix<Double>)
    }

    private let storage: Storage
    /// N.
    public let sampleCount: Int

    /// - Parameters:
    ///   - c: the centred layer (N×D).
    ///   - scales: one factor per neuron (length D), or `nil` for none.
    /// - Throws: `SimilarityError.degenerate` if the LQ factorisation fails.
    /// - Complexity: O(1) when D ≤ N; O(N²·D) time and 8·N·D bytes transient when D > N.
    public init(_ c: CentredColumns, scales: [Double]? = nil) throws {
        precondition(scales == nil || scales!.count == c.width, "one scale per neuron")
        sampleCount = c.sampleCount
        if c.width > c.sampleCount {
            var a = c.centred()
            if let s = scales {
                for i in 0..<a.rows { for j in 0..<a.cols { a.storage[i * a.cols + j] *= s[j] } }
            }
            guard let l = LAPACK.lowerLQFactor(a) else {
                throw SimilarityError.degenerate("could not be factorised (LAPACK dgelqf failed)")
            }
            storage = .lower(l)
        } else {
            storage = .centred(c, scales: scales)
        }
    }

    /// r, the factor's width: min(N, D).
    public var width: Int {
        switch storage {
        case .centred(let c, _): return c.width
        case .lower(let l): return l.cols
        }
    }

    public func doubleRows(_ range: Range<Int>) -> Matrix<Double> {
        switch storage {
        case .centred(let c, let scales):
            var rows = c.centredRows(range)
            if let s = scales {
                for i in 0..<rows.rows { for j in 0..<rows.cols { rows.storage[i * rows.cols + j] *= s[j] } }
            }
            return rows
        case .lower(let l):
            return l.rowSlice(range)
        }
    }
}

extension SampleGramFactor {
    /// An upper estimate of the bytes building one n×d factor takes at its peak: the centred
    /// layer, and for a wide layer (d > n) the n×n Gram and its Cholesky factor in double.
    public static func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        let n = Double(n), d = Double(d)
        return 8 * n * d + (d > n ? 16 * n * n : 0)
    }
}
