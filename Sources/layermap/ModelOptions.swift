import ArgumentParser
import Engine
import LayerIO
import Similarity

extension ReducePolicy: ExpressibleByArgument {
    /// `--reduce NAME`; `cls`, the capture helper's name for the first token, means `first`.
    public init?(argument: String) { self.init(name: argument) }
}

/// Options shared by every command that opens models and computes measures.
struct ModelOptions: ParsableArguments {
    @Option(help: "How layers with more than two axes become N×D. Token sequences N×T×D: first (token 0; also cls), last (token T−1), mean or max over the tokens (N×D), or flatten (N×(T·D)). Four or more axes, e.g. N×C×H×W: flatten (N×(C·H·W)) or mean (average over the axes after the second, N×C).")
    var reduce: ReducePolicy = .flatten

    @Option(name: .customLong("mask"),
            help: ArgumentHelp("An N×T .npy of real-token flags (bool, integer or float 0/1) for every N×T×D layer of every model: mean and max then pool only real tokens, first and last take the first and last real one. Needs --reduce first, last, mean or max.",
                               valueName: "file"))
    var maskPath: String?

    @Option(name: .customLong("rbf-fraction"), help: "RBF CKA bandwidth: σ² = fraction² × median squared distance.")
    var rbfFraction: Double = RBFKernel.defaultFraction

    @Option(name: .customLong("knn-k"), help: "Neighbours per sample for the knn measure.")
    var knnK: Int = 10

    @Option(name: .customLong("rank-rtol"),
            help: "CCA family (cca-rho, cca-r2, svcca, pwcca): a singular value of a centred layer counts toward its rank when above this fraction of the largest.")
    var rankRtol: Double = NumericalRank.defaultRelativeTolerance

    @Flag(name: .customLong("rank-correlation"),
          help: "max-corr: correlate the neurons' ranks (Spearman) instead of their values (Pearson).")
    var rankCorrelation = false

    @Option(name: .customLong("rank"),
            help: ArgumentHelp("regression-rank: the largest rank k of the map (reduced-rank regression; k at or above the fitted values' rank is plain regression).", valueName: "K"))
    var regressionRank: Int = MetricOptions.defaultRegressionRank

    @Option(name: .customLong("l1"),
            help: ArgumentHelp("regression-l1: the lasso's L1 weight α in (1/(2N))‖Y − XM‖² + α‖M‖₁ (scikit-learn's Lasso).", valueName: "ALPHA"))
    var l1Alpha: Double = MetricOptions.defaultL1Alpha

    @Option(name: .customLong("labels"),
            help: ArgumentHelp("stitch: the class labels of the N inputs, in sample order: a .npy of N integers (or integral floats), or text with one 'label' or 'row_index label' per line ('#' comments), like samples/heldout.txt.",
                               valueName: "FILE"))
    var labelsPath: String?

    @Option(name: .customLong("layers"),
            help: "Keep only the layers matching PATTERN (a glob, or re:REGEX; whole names; repeatable). Layers come in the patterns' order, so exact names keep the order listed.")
    var layerPatterns: [String] = []

    // Not `--group`: that names a group of models (`baseline`, the explorer's baseline view).
    @Option(name: .customLong("hdf5-group"),
            help: ArgumentHelp("HDF5 models (.h5, .hdf5): the group whose datasets are the layers, e.g. encoder/acts (default: the root group).",
                               valueName: "PATH"))
    var hdf5Group: String?

    @Option(name: .customLong("max-inflate-ratio"),
            help: "Largest uncompressed:compressed ratio a deflated .npz member over 16 MiB may have (zip-bomb guard).")
    var maxInflateRatio: Int = InflationLimit.defaultRatio

    /// The options without labels (what `validate()` checks); `metricOptions(for:samples:)`
    /// adds them once the models' N is known.
    var metricOptions: MetricOptions {
        MetricOptions(rbfFraction: rbfFraction, knnK: knnK, rankRtol: rankRtol, rankCorrelation: rankCorrelation,
                      regressionRank: regressionRank, l1Alpha: l1Alpha)
    }

    /// The options with `--labels` read and checked against the catalog's N: the file must hold
    /// N labels, and the labels of `samples` (all when nil) at least two classes, each in the
    /// training half. - Throws: a bad-input failure naming the file and the problem.
    func metricOptions(for catalog: Catalog, samples: Range<Int>? = nil) throws -> MetricOptions {
        var options = metricOptions
        guard let labelsPath else { return options }
        let all = try reportingFailures { () throws(LayerIOError) -> ClassLabels in try ClassLabelsFile.read(path: labelsPath) }
        let n = catalog.sampleCount
        if all.count != n {
            throw CLIFailure.badInput("\(labelsPath): holds \(all.count) label\(all.count == 1 ? "" : "s") while the models have N = \(n) samples")
        }
        let labels = samples.map { $0 == 0..<n ? all : all.slice($0) } ?? all
        if let problem = labels.problem(sampleCount: labels.count) {
            throw CLIFailure.badInput(samples.map { $0 == 0..<n ? problem : problem + " (of --samples \($0.lowerBound):\($0.upperBound))" } ?? problem)
        }
        options.labels = labels
        return options
    }

    func validate() throws {
        if maxInflateRatio < 1 { throw ValidationError("--max-inflate-ratio must be at least 1") }
        if maskPath != nil && !reduce.isTokenPolicy {
            throw ValidationError("--mask needs a token policy: --reduce first, last, mean or max (flatten keeps every token, padding included)")
        }
        if let problem = metricOptions.problems.first { throw ValidationError(problem) }
    }

    /// Opens the models named by `arguments`, opening a repeated argument only once. A deflated
    /// member may inflate to at most `memory` bytes (the command's --memory, else the default
    /// budget) and `--max-inflate-ratio` times its compressed size.
    func openCatalog(_ arguments: [String], memory: Int = MemorySize.defaultBudget.bytes) throws -> Catalog {
        var unique: [String] = []
        for a in arguments where !unique.contains(a) { unique.append(a) }
        let inflation = InflationLimit(maxBytes: memory, maxRatio: maxInflateRatio)
        let catalog = try reportingFailures {
            let mask = try maskPath.map { (path: String) throws(LayerIOError) -> TokenMask in try TokenMask.read(path: path) }
            return try Catalog.open(unique, reduce: reduce, inflation: inflation,
                                    selection: layerPatterns.isEmpty ? nil : LayerSelection(layerPatterns), mask: mask,
                                    group: hdf5Group)
        }
        if let maskPath, !catalog.models.contains(where: { $0.layers.contains { $0.tokenMask != nil } }) {
            warn("\(maskPath): no layer is N×T×D, so the mask applies to none (2-D and 4-D layers have no token axis)")
        }
        return catalog
    }
}

/// The `--metric` option's values.
extension Metric: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { MeasureFactory.available.map(\.rawValue) }
}

extension Catalog {
    /// The model named `name`, or a bad-input failure listing the names there are.
    func model(named name: String) throws -> (index: Int, model: Model) {
        if let i = models.firstIndex(where: { $0.name == name }) { return (i, models[i]) }
        throw CLIFailure.badInput("no model named \"\(name)\"; models: \(models.map(\.name).joined(separator: ", "))")
    }

    /// Prints a warning for every layer of the given models that holds NaN or ±Inf among the
    /// samples `rows` (all when nil), and a note for every float64 layer read scaled because
    /// its values lie beyond float32's range.
    func warnAboutValues(models indices: [Int], rows: Range<Int>? = nil) throws {
        for f in try reportingFailures({ try nonFiniteReport(models: indices, rows: rows) }) {
            warnNonFinite(path: f.path, layer: f.layer, model: f.model, count: f.count)
        }
        try noteRescaledLayers(models: indices)
    }

    /// Prints a note for every float64 layer of the given models read scaled by a power of two
    /// (`Layer.readScaleExponent`): the user learns why HSIC terms differ from their own.
    func noteRescaledLayers(models indices: [Int]) throws {
        for r in try reportingFailures({ try rescaledLayers(models: indices) }) {
            let m = String(format: "%.3g", r.largestMagnitude)
            warn("\(r.path): layer \"\(r.layer)\" of model \"\(r.model)\" holds float64 values of magnitude up to \(m), "
                 + "beyond the float32 range layermap computes in; it is read multiplied by 2^\(r.exponent), exactly "
                 + "(every measure is scale-invariant; HSIC terms are those of the scaled layer)")
        }
    }
}

/// The warning on stderr for a layer holding `count` NaN or ±Inf values.
func warnNonFinite(path: String, layer: String, model: String, count: Int) {
    warn("\(path): layer \"\(layer)\" of model \"\(model)\" holds \(count) NaN or infinite value\(count == 1 ? "" : "s"); its cells are undefined")
}

extension MemorySize: ExpressibleByArgument {
    public static var defaultValueDescription: String { "a quarter of RAM" }
}
