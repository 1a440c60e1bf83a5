import Foundation

/// The two sweeps of direct matching for one layer pair (Csiszárik et al. 2021's figures of
/// matching under constraints): R² against the rank of the map, and R² against its sparsity.
///
/// - Rank sweep: k = 1, 2, 4, …, below the fitted values' rank, then that rank itself (where it
///   equals `regression`); R²_k in-sample (`ReducedRankFit`) and held-out
///   (`HeldOutReducedRankFit`).
/// - Sparsity sweep: the lasso (`LassoSolver`) at α_i = α_max · 10^(−3i/(m−1)), i = 0…m−1
///   (m = `alphaCount`), from α_max = max|XcᵀYc|/N (M = 0) down to α_max/1000, scikit-learn's
///   `lasso_path` grid with eps = 1e-3; each fit warm-started from the previous one (the optimum
///   does not depend on the start). The held-out fits use the same α values on the fit half.
public struct MatchingSweeps: Sendable, Equatable {
    public struct RankPoint: Sendable, Equatable {
        public let k: Int
        public let r2: Double
        /// `nil` when N < 4 or Y is constant on the evaluation half.
        public let heldOutR2: Double?
        public init(k: Int, r2: Double, heldOutR2: Double?) {
            self.k = k
            self.r2 = r2
            self.heldOutR2 = heldOutR2
        }
    }

    public struct SparsityPoint: Sendable, Equatable {
        public let alpha: Double
        /// The fraction of the full-data map's entries that are exactly zero.
        public let zeroFraction: Double
        public let r2: Double
        public let heldOutR2: Double?
        /// Whether the fits at this α reached the duality-gap tolerance; a point that did not
        /// is still listed, marked, never dropped.
        public let converged: Bool
        public init(alpha: Double, zeroFraction: Double, r2: Double, heldOutR2: Double?, converged: Bool) {
            self.alpha = alpha
            self.zeroFraction = zeroFraction
            self.r2 = r2
            self.heldOutR2 = heldOutR2
            self.converged = converged
        }
    }

    /// The rank of the fitted values (the rank sweep's last k).
    public let fullRank: Int
    public let rank: [RankPoint]
    public let alphaMax: Double
    public let sparsity: [SparsityPoint]

    public init(fullRank: Int, rank: [RankPoint], alphaMax: Double, sparsity: [SparsityPoint]) {
        self.fullRank = fullRank
        self.rank = rank
        self.alphaMax = alphaMax
        self.sparsity = sparsity
    }

    /// The points of the sparsity sweep.
    public static let defaultAlphaCount = 12

    /// k = 1, 2, 4, … below `fullRank`, then `fullRank` (empty when it is 0).
    public static func ranks(upTo fullRank: Int) -> [Int] {
        guard fullRank > 0 else { return [] }
        var out: [Int] = [], k = 1
        while k < fullRank { out.append(k); k *= 2 }
        return out + [fullRank]
    }

    /// α_max · 10^(−3i/(count−1)), i = 0…count−1.
    public static func alphas(max alphaMax: Double, count: Int) -> [Double] {
        guard count > 1 else { return [alphaMax] }
        return (0..<count).map { alphaMax * pow10(-3 * Double($0) / Double(count - 1)) }
    }

    private static func pow10(_ e: Double) -> Double { exp(e * log(10.0)) }

    /// - Parameters:
    ///   - x, y: N×D_X and N×D_Y activations (row and column layer).
    /// - Throws: `SimilarityError` for NaN/±Inf, mismatched N, a constant Y, a failed SVD, or
    ///   `.cancelled`.
    public static func compute(x: Matrix<Float>, y: Matrix<Float>, alphaCount: Int = defaultAlphaCount,
                               isCancelled: () -> Bool = { false }) throws -> MatchingSweeps {
        guard x.rows == y.rows else { throw SimilarityError.sampleCountMismatch(rows: x.rows, cols: y.rows) }
        let rx = try RegressionLayer(x), ry = try RegressionLayer(y)
        guard ry.centredSquaredNorm > 0 else {
            throw SimilarityError.degenerate("the column layer is constant, so it has no variance for the row layer to explain")
        }
        let n = x.rows
        let yc = CentredColumns.subtracting(ry.means, from: y, rows: 0..<n)
        guard let fit = ReducedRankFit(basis: rx.basis, rank: rx.rank, yc: yc, totalSquares: ry.centredSquaredNorm) else {
            throw SimilarityError.degenerate("the SVD (LAPACK dgesdd) of the fitted values did not converge")
        }
        var held: HeldOutReducedRankFit? = nil
        if let hx = rx.heldOut, let hy = ry.heldOut { held = HeldOutReducedRankFit(hx, hy, y) }
        let rankPoints = ranks(upTo: fit.fullRank).map { k in
            RankPoint(k: k, r2: fit.r2(rank: k), heldOutR2: held.map { $0.r2(rank: k) })
        }
        if isCancelled() { throw SimilarityError.cancelled }

        let lx = try LassoLayer(x), ly = try LassoLayer(y)
        let xty = BLAS.product(lx.all.centred, transposeA: true, ly.all.centred)
        let top = LassoSolver.alphaMax(xty: xty, n: n)
        var points: [SparsityPoint] = []
        var start: Matrix<Double>? = nil, heldStart: Matrix<Double>? = nil
        for alpha in alphas(max: top, count: alphaCount) where top > 0 {
            if isCancelled() { throw SimilarityError.cancelled }
            let f = LassoSolver.solve(gram: lx.all.gram, xty: xty, yNorms: ly.all.columnSquaredNorms, n: n, alpha: alpha,
                                      start: start, isCancelled: isCancelled)
            start = f.coefficients
            let h = LassoRegressionMeasure.heldOutFit(lx, ly, alpha: alpha, start: heldStart)
            heldStart = h?.fit.coefficients
            let heldOutMissing = lx.heldOut != nil && ly.heldOut?.evaluationTotalSquares ?? 0 > 0 && h == nil
            points.append(SparsityPoint(alpha: alpha, zeroFraction: f.zeroFraction,
                                        r2: min(1, max(0, 1 - f.residualSquares / ry.centredSquaredNorm)),
                                        heldOutR2: h?.r2, converged: f.converged && !heldOutMissing))
        }
        if isCancelled() { throw SimilarityError.cancelled }
        return MatchingSweeps(fullRank: fit.fullRank, rank: rankPoints, alphaMax: top, sparsity: points)
    }
}
