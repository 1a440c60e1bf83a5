/// Maps each metric to the `PairMeasure` that computes it: with `Metric` and the measure's
/// own file, the only place a new measure is wired in. The `switch` is exhaustive, so a new
/// `Metric` case does not compile until it has a measure.
public enum MeasureFactory {
    /// The measure for `metric`.
    /// - Parameter form: the representation of the linear kernel, for the CKA family.
    public static func measure(for metric: Metric, options: MetricOptions, form: KernelForm = .gram) -> any PairMeasure {
        switch metric {
        case .linearCKA where form == .streaming, .debiasedCKA where form == .streaming:
            return StreamingCKAMeasure(metric: metric)
        case .linearCKA, .rbfCKA, .debiasedCKA:
            return CKAMeasure(metric: metric, options: options, form: form == .streaming ? .features : form)
        case .ccaRho, .ccaR2:
            return CCAMeasure(metric: metric, options: options)
        case .svcca:
            return SVCCAMeasure(options: options)
        case .pwcca:
            return PWCCAMeasure(options: options)
        case .regression:
            return RegressionMeasure()
        case .procrustes:
            return ProcrustesMeasure()
        case .mmdPoly:
            return PolynomialMMDMeasure()
        case .mmdLinear:
            return LinearMMDMeasure()
        case .mmdGauss:
            return GaussianMMDMeasure()
        case .knn:
            return MutualKNNMeasure(options: options)
        case .matchedCorr:
            return MatchedCorrelationMeasure()
        case .maxCorr:
            return MaxCorrelationMeasure(options: options)
        case .regressionRank:
            return ReducedRankRegressionMeasure(options: options)
        case .regressionL1:
            return LassoRegressionMeasure(options: options)
        case .nstLinear:
            return ChannelMapMMDMeasure(kernel: .linear)
        case .nstPoly:
            return ChannelMapMMDMeasure(kernel: .polynomial)
        case .nstGauss:
            return ChannelMapMMDMeasure(kernel: .gaussian)
        case .stitch:
            return StitchMeasure(options: options)
        }
    }

    /// Every metric, in the order the explorer cycles them and the reports list them.
    public static var available: [Metric] { Metric.allCases }
}
