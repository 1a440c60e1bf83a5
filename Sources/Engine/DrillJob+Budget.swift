import Similarity

extension DrillJob {
    /// What each piece of the drill-down needs, checked against the plan before it runs.
    /// Sizes are upper estimates in bytes for an n×d_X and an n×d_Y layer:
    /// - the layers, read once and held for the whole drill: `held` = 4·n·(d_X + d_Y);
    /// - the principal-component split: the kept scores 8·n·(d_X + d_Y), plus one layer's
    ///   SVD at a time (its double centred copy, U and LAPACK's scratch, 24·n·d) and 8·d² for Vᵀ;
    /// - the neuron matching: the double centred layers 8·n·(d_X + d_Y) and the d_X×d_Y
    ///   correlations and assignment costs, 24·d_X·d_Y;
    /// - the significance test: the measure's state for X and Y, plus a resampled copy of
    ///   each layer (4·n·d) and its state;
    /// - the measures and the HSIC terms ask `MemoryPlan.refusal(for:)` themselves.
    public struct Budget: Sendable {
        public let plan: MemoryPlan
        public let n: Int
        public let widths: (Int, Int)

        public init(plan: MemoryPlan, n: Int, widths: (Int, Int)) {
            self.plan = plan
            self.n = n
            self.widths = widths
        }

        private var nd: Double { Double(n) }
        private var dx: Double { Double(widths.0) }
        private var dy: Double { Double(widths.1) }

        /// The two layers held in memory.
        public var held: Double { 4 * nd * (dx + dy) }

        /// Why the layers cannot even be held, or `nil`.
        public var layers: MemoryPlan.Refusal? {
            plan.refusal(need: held, what: "the two layers (\(n)×\(widths.0) and \(n)×\(widths.1)) need \(MemoryPlan.text(held)) in memory")
        }

        public var decomposition: MemoryPlan.Refusal? {
            let d = max(dx, dy)
            let need = 8 * nd * (dx + dy) + 24 * nd * d + 8 * d * d
            return plan.refusal(need: need, held: held, what: "the principal-component split needs about \(MemoryPlan.text(need))")
        }

        public var matching: MemoryPlan.Refusal? {
            let need = 8 * nd * (dx + dy) + 24 * dx * dy
            return plan.refusal(need: need, held: held, what: "the neuron matching needs about \(MemoryPlan.text(need))")
        }

        /// The direct-matching sweeps: both layers' regression and lasso states at once.
        public var sweeps: MemoryPlan.Refusal? {
            let need = RegressionMeasure().preparedBytes(sampleCount: n, width: widths.0)
                + RegressionMeasure().preparedBytes(sampleCount: n, width: widths.1)
                + LassoLayer.preparedBytes(sampleCount: n, width: widths.0) + LassoLayer.preparedBytes(sampleCount: n, width: widths.1)
            return plan.refusal(need: need, held: held, what: "the direct-matching sweeps need about \(MemoryPlan.text(need))")
        }

        public func significance(_ measure: any PairMeasure) -> MemoryPlan.Refusal? {
            let need = 2 * (measure.preparedBytes(sampleCount: n, width: widths.0) + measure.preparedBytes(sampleCount: n, width: widths.1))
                + held
            return plan.refusal(need: need, held: held,
                                what: "the permutation test of \(measure.metric.rawValue) needs about \(MemoryPlan.text(need))")
        }
    }
}
