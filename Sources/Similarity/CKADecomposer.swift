/// Splits linear CKA's cross term HSIC(K, L) over pairs of principal components
/// (Kornblith et al. 2019, eq. 7; see `CKADecomposition` for the formula).
///
/// Each layer is centred in double precision and decomposed by a thin SVD, Xc = U S Vᵀ:
/// λ_X^i = s_i² (the eigenvalues of XcᵀXc) and u_X^i = U[:, i]. Components below the
/// numerical rank (s_i ≤ s_0 · max(N, D) · ε, numpy's `matrix_rank` rule) are dropped: their
/// directions are noise and their λ ≈ 0, so they carry nothing measurable. Then
/// ⟨u_X^i, u_Y^j⟩ = (U_XᵀU_Y)_ij, and
///
///     HSIC(K, L) = Σ_i Σ_j λ_X^i λ_Y^j (U_XᵀU_Y)_ij² / (n−1)²
///
/// which equals the biased HSIC of `CKAResult` (the sum of every term is the decomposition's
/// `total`). Explained-variance fractions are λ_i / Σ λ.
public enum CKADecomposer {
    /// How many contributions the drill-down lists by default.
    public static let defaultTop = 8

    /// The split for row layer `x` and column layer `y`.
    ///
    /// - Parameters:
    ///   - x: N×D_X activations of the row layer (uncentred).
    ///   - y: N×D_Y activations of the column layer (uncentred, same N).
    ///   - top: how many of the largest contributions to return (all when larger than
    ///     rank X · rank Y); ties by lower i, then lower j.
    ///   - isCancelled: polled between the steps (two SVDs, one product, the ranking).
    /// - Returns: the decomposition, or why there is none: `.sampleCountMismatch`,
    ///   `.tooFewSamples` (N < 2), `.nonFinite`, `.degenerate` (a constant layer, the
    ///   layers' centred products all zero, an SVD that did not converge), `.cancelled`.
    /// - Complexity: O(N·D·min(N, D)) per layer for the SVDs, O(N·r_X·r_Y) for U_XᵀU_Y.
    public static func decompose(x: Matrix<Float>, y: Matrix<Float>, top: Int = defaultTop,
                                 isCancelled: () -> Bool = { false })
        -> Result<CKADecomposition, SimilarityError> {
        do {
            return .success(try decomposition(x: x, y: y, top: top, isCancelled: isCancelled))
        } catch let e as SimilarityError {
            return .failure(e)
        } catch {
            return .failure(.degenerate("\(error)"))
        }
    }

    /// The principal components of one centred layer: unit scores U (N×r) and λ (length r,
    /// descending), with Σ λ over every component before truncation.
    struct Components {
        let scores: Matrix<Double>
        let eigenvalues: [Double]
        let totalVariance: Double
    }

    static func components(_ x: Matrix<Float>, role: String) throws -> Components {
        let c = try CentredColumns(x)
        if !(c.squaredNorm > 0) {
            throw SimilarityError.degenerate("the \(role) layer is constant (every neuron has zero variance)")
        }
        guard let svd = LAPACK.svd(c.centred()) else {
            throw SimilarityError.degenerate("the SVD of the \(role) layer did not converge")
        }
        let s = svd.singularValues
        let cutoff = s[0] * Double(max(c.sampleCount, c.width)) * Double.ulpOfOne
        let rank = s.prefix { $0 > cutoff }.count
        let u = svd.u
        let scores = rank == u.cols ? u : u.selectingColumns(Array(0..<rank))
        return Components(scores: scores, eigenvalues: s.prefix(rank).map { $0 * $0 },
                          totalVariance: s.reduce(0) { $0 + $1 * $1 })
    }

    static func decomposition(x: Matrix<Float>, y: Matrix<Float>, top: Int,
                              isCancelled: () -> Bool) throws -> CKADecomposition {
        if x.rows != y.rows { throw SimilarityError.sampleCountMismatch(rows: x.rows, cols: y.rows) }
        if x.rows < 2 { throw SimilarityError.tooFewSamples(needed: 2, have: x.rows) }
        if isCancelled() { throw SimilarityError.cancelled }
        let cx = try components(x, role: "row")
        if isCancelled() { throw SimilarityError.cancelled }
        let cy = try components(y, role: "column")
        if isCancelled() { throw SimilarityError.cancelled }

        let cosines = BLAS.product(cx.scores, transposeA: true, cy.scores)
        let scale = 1 / (Double(x.rows - 1) * Double(x.rows - 1))
        let rx = cx.eigenvalues.count, ry = cy.eigenvalues.count
        var values = [Double](repeating: 0, count: rx * ry)
        var total = 0.0
        for i in 0..<rx {
            for j in 0..<ry {
                let a = cosines.storage[i * ry + j]
                let v = cx.eigenvalues[i] * cy.eigenvalues[j] * (a * a) * scale
                values[i * ry + j] = v
                total += v
            }
        }
        guard total.isFinite else { throw SimilarityError.degenerate("the HSIC terms are not finite") }
        guard total > 0 else {
            throw SimilarityError.degenerate("the layers' centred activations are orthogonal (HSIC(K, L) = 0), so there is nothing to split")
        }
        if isCancelled() { throw SimilarityError.cancelled }

        let contributions = largest(values, count: top).map { idx -> CKADecomposition.Contribution in
            let i = idx / ry, j = idx % ry
            let a = cosines.storage[idx]
            return CKADecomposition.Contribution(
                i: i, j: j, lambdaX: cx.eigenvalues[i], lambdaY: cy.eigenvalues[j],
                alignment: a * a, value: values[idx], share: values[idx] / total)
        }
        return CKADecomposition(total: total, top: contributions,
                                explainedX: cx.eigenvalues.map { $0 / cx.totalVariance },
                                explainedY: cy.eigenvalues.map { $0 / cy.totalVariance })
    }

    /// Indices of the `count` largest values, largest first; equal values by lower index.
    /// - Complexity: O(M·count) by insertion when count is small against M, else O(M log M).
    static func largest(_ values: [Double], count: Int) -> [Int] {
        let keep = max(0, min(count, values.count))
        if keep == 0 { return [] }
        if keep * 16 >= values.count {
            return values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
                .prefix(keep).map { $0 }
        }
        // Candidates arrive by ascending index; an equal value never displaces an earlier one.
        var best: [Int] = []
        best.reserveCapacity(keep + 1)
        for idx in values.indices {
            let v = values[idx]
            if best.count == keep && !(v > values[best[keep - 1]]) { continue }
            var p = best.count
            while p > 0 && v > values[best[p - 1]] { p -= 1 }
            best.insert(idx, at: p)
            if best.count > keep { best.removeLast() }
        }
        return best
    }
}
