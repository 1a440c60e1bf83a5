/// Kornblith et al. 2019's layer-identification test (their Table 2): for models of one
/// architecture trained from different seeds, how often is a layer's most similar layer in
/// another model the corresponding one?
///
/// For every ordered pair of distinct models (P, Q) and every layer i of P, the scores
/// S_ij = m(P_i, Q_j) over Q's layers j are compared; an asymmetric measure is symmetrised as
/// S + Sᵀ, i.e. S_ij = m(P_i, Q_j) + m(Q_j, P_i). Layer i is identified when S_ii is the unique
/// best score in its row (the maximum for a similarity, the minimum for a distance); a tie or
/// an undefined S_ii counts as a miss, undefined S_ij are left out. The accuracy is the
/// fraction of identified (P, Q, i) over all of them. When no S_ii is defined (a measure that
/// does not apply to these layers, such as nst-* on N×D layers) there is no accuracy: the
/// result says so with the first reason, instead of a 0 % that reads as a measured failure.
public enum LayerCorrespondence {
    /// Per-comparison detail and the overall accuracy.
    public struct Result: Sendable, Equatable {
        /// Identified layers over all (P, Q, i); `nil` when no S_ii was defined.
        public let accuracy: Double?
        public let identified: Int
        public let comparisons: Int
        /// Comparisons whose S_ii was undefined (counted as misses).
        public let undefined: Int
        /// The first undefined S_ii's reason (`nil` when every S_ii is defined).
        public let reason: String?
    }

    /// - Precondition: every model has the same number of layers.
    public static func accuracy(_ grids: ModelGrids, metric: Metric) -> Result {
        let m = grids.modelCount
        var hit = 0, total = 0, undefined = 0
        var reason: String?
        for p in 0..<m {
            for q in 0..<m where p != q {
                guard let pq = grids.grids[p][q], let qp = grids.grids[q][p] else { continue }
                for i in pq.indices {
                    total += 1
                    let scores: [Double?] = pq[i].indices.map { j in
                        guard let a = pq[i][j].number else { return nil }
                        if metric.isSymmetric { return a }
                        guard let b = qp[j][i].number else { return nil }
                        return a + b
                    }
                    guard i < scores.count, let diagonal = scores[i] else {
                        undefined += 1
                        if reason == nil { reason = pq[i][i].reason ?? (metric.isSymmetric ? nil : qp[i][i].reason) }
                        continue
                    }
                    let better: (Double, Double) -> Bool = metric.orientation == .similarity ? { $0 >= $1 } : { $0 <= $1 }
                    let beaten = scores.enumerated().contains { j, s in j != i && s.map { better($0, diagonal) } == true }
                    if !beaten { hit += 1 }
                }
            }
        }
        let accuracy = total == 0 || undefined == total ? nil : Double(hit) / Double(total)
        return Result(accuracy: accuracy, identified: hit, comparisons: total, undefined: undefined, reason: reason)
    }
}
