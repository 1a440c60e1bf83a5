/// Are two groups of models different, or do seeds just differ that much? (The seed baseline.)
///
/// Given models in group A and group B with the same layers, for every layer pair (i, j):
/// - `within`  = mean of m(P_i, Q_j) over ordered pairs of distinct models P, Q in the same group;
/// - `across`  = mean of m(P_i, Q_j) over ordered pairs with P and Q in different groups;
/// - `difference` = within − across (positive: a group's members resemble each other more than
///   they resemble the other group's; for a distance the sign is flipped, so positive still
///   means "groups differ");
/// - `pValues`: a one-sided permutation test over the group labels: models are relabelled,
///   keeping the group sizes, and p = #{labellings with difference ≥ observed} / #labellings,
///   the observed labelling included. Every labelling is used when there are at most
///   `exhaustiveLimit`; otherwise `randomLabellings` seeded random ones plus the observed
///   (p = (1 + #{≥}) / (R + 1)).
/// Undefined grid cells are left out of the means; a cell with no defined pair is undefined.
public struct SeedBaseline: Sendable {
    public let within: [[Double?]]
    public let across: [[Double?]]
    public let difference: [[Double?]]
    public let pValues: [[Double?]]
    /// How many labellings the p-values were computed over, and whether that was all of them.
    public let labellings: Int
    public let exhaustive: Bool

    public static let exhaustiveLimit = 10_000

    /// The smallest p-value the test can give for groups of `a` and `b` models, known before
    /// anything is computed: 1/#labellings with every labelling (2/#labellings for equal
    /// groups, whose swapped labelling always ties with the observed one), 1/(R + 1) with R
    /// random ones. 3 + 3 models: C(6, 3) = 20 labellings, p ≥ 0.1.
    public static func smallestPValue(groupA a: Int, groupB b: Int, randomLabellings: Int = 999) -> Double {
        // C(a + b, a), stopping once past the exhaustive limit (it cannot overflow before).
        var labellings = 1.0
        for k in 0..<min(a, b) {
            labellings = labellings * Double(a + b - k) / Double(k + 1)
            if labellings > Double(exhaustiveLimit) { return 1 / Double(randomLabellings + 1) }
        }
        let count = labellings.rounded()
        return (a == b ? 2 : 1) / count
    }

    /// - Parameters:
    ///   - grids: every ordered pair of the models A then B (indices 0..<a are group A).
    ///   - groupASize: the number of models in group A.
    public init(grids: ModelGrids, groupASize a: Int, orientation: Orientation,
                randomLabellings: Int = 999, seed: UInt64 = 0) {
        let m = grids.modelCount
        let observedLabels = (0..<m).map { $0 < a }
        let rows = grids.grids.compactMap { $0.compactMap { $0 }.first }.first?.count ?? 0
        let cols = grids.grids.compactMap { $0.compactMap { $0 }.first }.first?.first?.count ?? 0
        let sign: Double = orientation == .similarity ? 1 : -1

        func means(_ labels: [Bool]) -> (within: [[Double?]], across: [[Double?]]) {
            var wSum = [[Double]](repeating: [Double](repeating: 0, count: cols), count: rows)
            var wCount = [[Int]](repeating: [Int](repeating: 0, count: cols), count: rows)
            var aSum = wSum, aCount = wCount
            for p in 0..<m {
                for q in 0..<m where p != q {
                    guard let g = grids.grids[p][q] else { continue }
                    let same = labels[p] == labels[q]
                    for i in 0..<rows {
                        for j in 0..<cols {
                            guard let v = g[i][j].number else { continue }
                            if same { wSum[i][j] += v; wCount[i][j] += 1 } else { aSum[i][j] += v; aCount[i][j] += 1 }
                        }
                    }
                }
            }
            func mean(_ s: [[Double]], _ c: [[Int]]) -> [[Double?]] {
                (0..<rows).map { i in (0..<cols).map { j in c[i][j] > 0 ? s[i][j] / Double(c[i][j]) : nil } }
            }
            return (mean(wSum, wCount), mean(aSum, aCount))
        }
        func diff(_ w: [[Double?]], _ x: [[Double?]]) -> [[Double?]] {
            (0..<rows).map { i in (0..<cols).map { j in
                guard let a = w[i][j], let b = x[i][j] else { return nil }
                return sign * (a - b)
            } }
        }

        let observed = means(observedLabels)
        let observedDiff = diff(observed.within, observed.across)
        let all = Self.labellings(m: m, a: a)
        let labellings: [[Bool]]
        let exhaustive = all.map { $0.count <= Self.exhaustiveLimit } ?? false
        if exhaustive, let all {
            labellings = all
        } else {
            var g = SeededGenerator(seed: seed)
            labellings = [observedLabels] + (0..<randomLabellings).map { _ in
                let perm = g.permutation(m)
                var labels = [Bool](repeating: false, count: m)
                for k in 0..<a { labels[perm[k]] = true }
                return labels
            }
        }
        var atLeast = [[Int]](repeating: [Int](repeating: 0, count: cols), count: rows)
        for labels in labellings {
            let mm = means(labels)
            let d = diff(mm.within, mm.across)
            for i in 0..<rows {
                for j in 0..<cols {
                    if let o = observedDiff[i][j], let v = d[i][j], v >= o - 1e-12 * max(1, abs(o)) { atLeast[i][j] += 1 }
                }
            }
        }
        self.within = observed.within
        self.across = observed.across
        self.difference = observedDiff
        self.pValues = (0..<rows).map { i in (0..<cols).map { j in
            observedDiff[i][j] == nil ? nil : Double(atLeast[i][j]) / Double(labellings.count)
        } }
        self.labellings = labellings.count
        self.exhaustive = exhaustive
    }

    /// Every way to choose which `a` of `m` models form group A, or `nil` when there are more
    /// than `exhaustiveLimit`.
    static func labellings(m: Int, a: Int) -> [[Bool]]? {
        var count = 1.0
        for k in 0..<a { count = count * Double(m - k) / Double(k + 1) }
        guard count <= Double(exhaustiveLimit) else { return nil }
        var out: [[Bool]] = []
        var labels = [Bool](repeating: false, count: m)
        func choose(_ start: Int, _ left: Int) {
            if left == 0 { out.append(labels); return }
            if start >= m { return }
            for k in start..<m where m - k >= left {
                labels[k] = true
                choose(k + 1, left - 1)
                labels[k] = false
            }
        }
        choose(0, a)
        return out
    }
}
