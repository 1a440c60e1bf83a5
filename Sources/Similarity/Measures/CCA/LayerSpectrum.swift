/// One layer's centred thin SVD: the per-layer state that `cca-rho`, `cca-r2`, `svcca` and
/// `pwcca` share, and that regression uses for its predictor.
///
/// With Xc the N×D layer centred in double precision (`CentredColumns`) and
/// Xc = U Σ Vᵀ its thin SVD (`dgesdd`, k = min(N, D) singular values):
/// - `rank` r is the numerical rank: for the CCA family σ_i > rtol·σ_max
///   (`NumericalRank.relativeRank`, rtol = `MetricOptions.rankRtol`, 1e-6 by default); for
///   regression numpy's float32 `lstsq` rule (`NumericalRank.rank`). Dead and duplicated
///   neurons do not count.
/// - `basis` Q = U[:, 0..<r] (N×r) is an orthonormal basis of the span of Xc's columns.
///   Column i is the i-th principal direction in sample space.
/// - `loadings` L = Σ_r V_rᵀ = Qᵀ Xc (r×D). Entry (i, j) is ⟨q_i, xc_j⟩, the inner product of
///   basis vector i with centred neuron j. PWCCA's projection weights come from L.
///
/// Q spans the same space as Xc. Any measure that depends only on that span, such as CCA,
/// is invariant to invertible linear maps of the neurons.
public struct LayerSpectrum: Sendable {
    /// N, the number of samples.
    public let sampleCount: Int
    /// D, the number of neurons.
    public let width: Int
    /// All k = min(N, D) singular values of Xc, in descending order.
    public let singularValues: [Double]
    /// r, the numerical rank (see the type's documentation).
    public let rank: Int
    /// Q, N×r with orthonormal columns: the leading left singular vectors of Xc.
    public let basis: Matrix<Double>
    /// L = Qᵀ Xc = Σ_r V_rᵀ (r×D), or `nil` when not requested.
    public let loadings: Matrix<Double>?
    /// ‖Xc‖²_F, summed from the centred values.
    public let squaredNorm: Double

    /// The cache key of the state the CCA family shares (made with loadings, ranks by `rtol`).
    public static func ccaPreparationKey(rankRelativeTolerance rtol: Double) -> String {
        "centered-svd-with-loadings-rtol-\(rtol)"
    }

    /// Factorises an already centred N×D matrix.
    /// - Throws: `SimilarityError.degenerate` when the SVD does not converge.
    /// - Complexity: O(N·D·min(N, D)) (`dgesdd`). It is skipped when Xc is exactly zero.
    /// - Parameter rankRelativeTolerance: the CCA family's rtol; `nil` for regression's
    ///   float32 `lstsq` rule.
    public init(centred xc: Matrix<Double>, keepingLoadings: Bool, rankRelativeTolerance: Double? = nil) throws {
        let n = xc.rows, d = xc.cols
        sampleCount = n
        width = d
        squaredNorm = xc.squaredFrobeniusNorm
        if squaredNorm == 0 || n == 0 || d == 0 {
            singularValues = [Double](repeating: 0, count: min(n, d))
            rank = 0
            basis = Matrix(rows: n, cols: 0)
            loadings = keepingLoadings ? Matrix(rows: 0, cols: d) : nil
            return
        }
        guard let svd = LAPACK.svd(xc) else {
            throw SimilarityError.degenerate("could not be factorised: the SVD (LAPACK dgesdd) did not converge")
        }
        let k = svd.singularValues.count
        let r = rankRelativeTolerance.map { NumericalRank.relativeRank(singularValues: svd.singularValues, relativeTolerance: $0) }
            ?? NumericalRank.rank(singularValues: svd.singularValues, rows: n, cols: d)
        singularValues = svd.singularValues
        rank = r
        var q = Matrix<Double>(rows: n, cols: r)
        for i in 0..<n {
            for j in 0..<r { q.storage[i * r + j] = svd.u.storage[i * k + j] }
        }
        basis = q
        if keepingLoadings {
            var l = Matrix<Double>(rows: r, cols: d)
            for i in 0..<r {
                let s = svd.singularValues[i]
                for j in 0..<d { l.storage[i * d + j] = s * svd.vt.storage[i * d + j] }
            }
            loadings = l
        } else {
            loadings = nil
        }
    }

    /// Centres `x` (N×D) in double precision and factorises it.
    /// - Throws: `SimilarityError.nonFinite` for NaN or ±Inf, `.degenerate` when the SVD fails.
    public init(_ x: Matrix<Float>, keepingLoadings: Bool, rankRelativeTolerance: Double? = nil) throws {
        try self.init(centred: CentredColumns(x).centred(), keepingLoadings: keepingLoadings,
                      rankRelativeTolerance: rankRelativeTolerance)
    }

    /// The CCA family's preparation: the spectrum with loadings. A layer of rank 0 is refused.
    /// - Throws: `.nonFinite`, or `.degenerate` for a constant layer or a failed SVD.
    public static func forCCA(_ x: Matrix<Float>, rankRelativeTolerance rtol: Double) throws -> LayerSpectrum {
        let s = try LayerSpectrum(x, keepingLoadings: true, rankRelativeTolerance: rtol)
        if s.rank == 0 { throw SimilarityError.degenerate(rankZeroReason(samples: x.rows, width: x.cols)) }
        return s
    }

    /// Why a layer of rank 0 has no canonical directions (phrased to follow the layer's name).
    static func rankZeroReason(samples n: Int, width d: Int) -> String {
        if d == 0 { return "has no neurons" }
        if n < 2 { return "has \(n) sample\(n == 1 ? "" : "s"); it needs at least 2 to vary" }
        return "is constant: every neuron takes one value on all \(n) samples, so it has no direction to compare"
    }
}

extension LayerSpectrum {
    /// An upper estimate of the bytes building one n×d spectrum takes at its peak: the
    /// double-precision centred copy, the SVD's U and Vᵀ, the kept basis and loadings.
    public static func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        let n = Double(n), d = Double(d), r = min(n, d)
        return 4 * n * d + 8 * n * d + 8 * n * r * 2 + 8 * d * d * 2
    }
}
