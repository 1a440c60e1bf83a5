import Explorer
import Similarity

/// Seed-baseline sessions and results built by hand: two groups `relu` and `tanh` of
/// `perGroup` models each, with layers `layer0`, `layer1`, …
///
/// Every model-pair grid is `base(i, j) + offset(i, j)` for two models of the same group and
/// `base(i, j)` across groups, so within − across is exactly the offset table (up to
/// rounding) and, with 4 + 4 models, p = 2/70 where the offset is positive (only the
/// observed split and its swap reach it) and 1 where it is zero or negative.
enum BaselineFixtures {
    /// The differences: positive near the diagonal, zero, and negative far from it.
    static let offsets: [[Double]] = [
        [0.08, 0.03, 0.00, -0.02, -0.04, -0.08],
        [0.03, 0.06, 0.02, 0.00, -0.02, -0.04],
        [0.00, 0.02, 0.05, 0.01, 0.00, -0.02],
        [-0.02, 0.00, 0.01, 0.04, 0.01, 0.00],
        [-0.04, -0.02, 0.00, 0.01, 0.02, 0.00],
        [-0.08, -0.04, -0.02, 0.00, 0.00, 0.01],
    ]

    /// The across-group similarity: 0.9 on the diagonal, 0.1 less per layer apart.
    static func base(_ i: Int, _ j: Int) -> Double { 0.9 - 0.1 * Double(abs(i - j)) }

    static let groupNames = ["relu", "tanh"]
    static var layerCount: Int { offsets.count }

    /// The hand-made grids of `2 × perGroup` models (group A first); `undefined` cells are
    /// undefined in every grid.
    static func grids(perGroup: Int, undefined: Set<GridPosition> = []) -> ModelGrids {
        let m = 2 * perGroup
        let n = layerCount
        return ModelGrids(grids: (0..<m).map { p in
            (0..<m).map { q -> [[CellValue]]? in
                guard p != q else { return nil }
                let same = (p < perGroup) == (q < perGroup)
                return (0..<n).map { i in
                    (0..<n).map { j in
                        undefined.contains(GridPosition(row: i, col: j))
                            ? .undefined(reason: "the row layer is constant")
                            : .value(base(i, j) + (same ? offsets[i][j] : 0))
                    }
                }
            }
        })
    }

    /// The baseline of those grids, every labelling used.
    static func baseline(perGroup: Int = 4, orientation: Orientation = .similarity,
                         undefined: Set<GridPosition> = []) -> SeedBaseline {
        SeedBaseline(grids: grids(perGroup: perGroup, undefined: undefined), groupASize: perGroup, orientation: orientation)
    }

    /// A session of the two groups' models (`relu-s0`, …, `tanh-s0`, …) with the baseline.
    static func session(perGroup: Int = 4, metrics: [Metric] = [.linearCKA, .rbfCKA], mode: ColorMode = .palette256,
                        unicode: Bool = true) -> Session {
        let layers = Fixtures.layers(layerCount)
        let models = groupNames.flatMap { g in (0..<perGroup).map { Session.Model(name: "\(g)-s\($0)", layers: layers) } }
        let groups = Session.Baseline(groupNames: groupNames,
                                      members: [Array(0..<perGroup), Array(perGroup..<(2 * perGroup))],
                                      layerNames: layers.map(\.name))
        return Session(models: models, sampleCount: 500, reducePolicy: "flatten", metrics: metrics,
                       colorMode: mode, supportsUnicode: unicode, baseline: groups)
    }

    /// A pilot in the baseline view of `session`, with the metric's result delivered.
    static func pilot(perGroup: Int = 4, session: Session? = nil, size: TerminalSize = Fixtures.size80x24,
                      metric: Metric = .linearCKA, deliver: Bool = true) -> Pilot {
        var p = Pilot(session ?? Self.session(perGroup: perGroup), size: size)
        p.press(.character("b"))
        if deliver {
            let orientation = metric.orientation
            p.send(.engine(.baseline(metric, .success(baseline(perGroup: perGroup, orientation: orientation)))))
        }
        return p
    }
}

extension Effect {
    var isBaselineEffect: Bool {
        switch self {
        case .computeBaseline, .cancelBaseline: return true
        default: return false
        }
    }
}
