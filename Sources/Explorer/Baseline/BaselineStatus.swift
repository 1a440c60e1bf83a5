import Similarity

/// What the UI knows about the seed baseline of one metric: asked for and running, stopped,
/// known, or failed. `AppState.baselines` keeps one per metric, so switching metrics back
/// and forth never computes a baseline twice.
public enum BaselineStatus: Sendable {
    /// `computeBaseline` was emitted; the job's progress counts model-pair grids (total 0
    /// until the first report).
    case computing(JobStatus)
    /// Stopped (`c`, the view left or its metric changed) before a result came; asked for
    /// again on the next visit or with `r`.
    case cancelled
    /// The result, with its colour range.
    case ready(BaselineResult)
    /// Why there is no result. Kept (not retried on every visit); `r` asks again.
    case failed(SimilarityError)

    public var isComputing: Bool { if case .computing = self { return true } else { return false } }

    /// The result, when known.
    public var result: BaselineResult? { if case .ready(let r) = self { return r } else { return nil } }

    /// The failure, if it failed.
    public var error: SimilarityError? { if case .failed(let e) = self { return e } else { return nil } }
}

/// A seed baseline as the view shows it: the `SeedBaseline` and the diverging colour range
/// over its differences, computed once when it arrives.
public struct BaselineResult: Sendable {
    /// The significance level for the cell marks and the drill-down's reading.
    public static let alpha = 0.05
    /// The smallest half-width of the colour range, so near-zero grids are not blown up.
    public static let minimumLimit = 0.01

    public let baseline: SeedBaseline
    /// The colour range is `-limit...limit`: the largest |difference| over the grid, at least
    /// `minimumLimit`. - Complexity: O(layers²), once.
    public let limit: Double

    public init(_ baseline: SeedBaseline) {
        self.baseline = baseline
        var largest = BaselineResult.minimumLimit
        for row in baseline.difference {
            for d in row { if let d, d.isFinite { largest = max(largest, abs(d)) } }
        }
        self.limit = largest
    }

    /// The colour range, symmetric around 0.
    public var range: ClosedRange<Double> { -limit...limit }

    /// The number of rows and columns.
    public var rows: Int { baseline.difference.count }
    public var cols: Int { baseline.difference.first?.count ?? 0 }

    /// The numbers of one layer pair, `nil` outside the grid.
    public func cell(_ row: Int, _ col: Int) -> BaselineCell? {
        guard row >= 0, col >= 0, row < rows, col < cols else { return nil }
        func at(_ m: [[Double?]]) -> Double? { row < m.count && col < m[row].count ? m[row][col] : nil }
        return BaselineCell(within: at(baseline.within), across: at(baseline.across),
                            difference: at(baseline.difference), p: at(baseline.pValues))
    }

    /// The smallest p-value the test can give. p counts the labellings whose difference is at
    /// least the observed one, the observed labelling included, so p ≥ 1/labellings. When
    /// every labelling is used and the groups are the same size, swapping the two groups'
    /// names gives the same split, so the observed difference always ties with one more:
    /// p ≥ 2/labellings. (3 + 3 models: C(6,3) = 20 labellings, p ≥ 0.1.)
    public func smallestP(equalGroups: Bool) -> Double {
        let ties = baseline.exhaustive && equalGroups ? 2.0 : 1.0
        return ties / Double(max(1, baseline.labellings))
    }
}

/// The seed baseline's numbers for one layer pair (each `nil` where undefined).
public struct BaselineCell: Sendable, Equatable {
    public var within: Double?
    public var across: Double?
    /// within − across, sign-flipped for a distance: positive means "the groups differ".
    public var difference: Double?
    public var p: Double?

    public init(within: Double? = nil, across: Double? = nil, difference: Double? = nil, p: Double? = nil) {
        self.within = within; self.across = across; self.difference = difference; self.p = p
    }

    /// Whether p ≤ `BaselineResult.alpha`.
    public var isSignificant: Bool { (p ?? 1) <= BaselineResult.alpha }
}
