import Similarity

/// The set of models being compared, checked to be comparable.
///
/// Opening a catalog parses headers only, so it is fast even for large models. It guarantees:
/// at least one model; every model has at least one layer; model names are unique; and every
/// layer of every model has the same number of samples N (the first model's first layer sets N,
/// since rows are matched sample by sample across layers).
public struct Catalog: Sendable {
    /// The models, in argument order (collection directories expanded in natural order).
    public let models: [Model]
    /// N, the number of samples shared by every layer.
    public let sampleCount: Int
    /// The `--mask` applied to every 3-D layer under a token policy, or nil.
    public private(set) var tokenMask: TokenMask?

    /// Validates already opened models.
    ///
    /// - Throws: `emptyModel`, `duplicateModelName`, `sampleCountMismatch`, or `badModelSpec`
    ///   when `models` is empty.
    public init(models: [Model]) throws(LayerIOError) {
        guard let first = models.first else {
            throw .badModelSpec(path: "(none)", detail: "no models were given")
        }
        var seen: [String: String] = [:]
        for model in models {
            guard !model.layers.isEmpty else {
                throw .emptyModel(path: model.path, detail: "model \"\(model.name)\" has no layers")
            }
            if let other = seen[model.name] {
                throw .duplicateModelName(path: model.path,
                                          detail: "model name \"\(model.name)\" is also used by \(other); name them apart with name=path")
            }
            seen[model.name] = model.path
        }
        let reference = first.layers[0]
        let n = reference.sampleCount
        for model in models {
            for layer in model.layers where layer.sampleCount != n {
                let detail = model.name == first.name
                    ? "model \"\(first.name)\" has \(n) samples in layer \"\(reference.name)\" but \(layer.sampleCount) in this one"
                    : "model \"\(first.name)\" has \(n) samples while model \"\(model.name)\" has \(layer.sampleCount)"
                throw .sampleCountMismatch(path: model.path, layer: layer.name, detail: detail)
            }
        }
        self.models = models
        self.sampleCount = n
    }

    /// Expands MODEL arguments (`path` or `name=path`), opens every model with `reduce`, keeps
    /// the layers `selection` chooses (all when nil) and validates the result. Headers only; no
    /// array data is read. `inflation` bounds what a deflated .npz member may inflate to (see
    /// `InflationLimit`). `mask`, when given, applies to every 3-D layer of every model under a
    /// token policy (`Layer.masked(by:)`): the models describe the same N inputs, token by token.
    /// `group` is the group of every HDF5 model whose datasets are its layers (nil: the root group).
    public static func open(_ arguments: [String], reduce: ReducePolicy = .flatten,
                            inflation: InflationLimit = InflationLimit(),
                            selection: LayerSelection? = nil, mask: TokenMask? = nil,
                            group: String? = nil) throws(LayerIOError) -> Catalog {
        var models = try ModelSpec.openModels(arguments, reduce: reduce, inflation: inflation, group: group)
        if let selection {
            models = try models.map { (m: Model) throws(LayerIOError) -> Model in try selection.apply(to: m) }
        }
        if let mask {
            models = try models.map { (m: Model) throws(LayerIOError) -> Model in
                m.keeping(try m.layers.map { (l: Layer) throws(LayerIOError) -> Layer in try l.masked(by: mask) }, order: m.order)
            }
        }
        var catalog = try Catalog(models: models)
        catalog.tokenMask = mask
        return catalog
    }

    /// The reduce policy as every output records it: `mean`, or `mean, mask FILE` with a mask.
    public func reduceLabel(_ reduce: ReducePolicy) -> String {
        guard let tokenMask else { return reduce.rawValue }
        return "\(reduce.rawValue), mask \(tokenMask.path)"
    }

    /// Every layer of the models `indices` (all models when nil) that holds NaN or ±infinity
    /// among the samples `rows` (all when nil), with the count, in catalog order; layers without
    /// any are left out. Reads those rows of those layers, one layer per core at a time, so run
    /// it apart from opening (the CLI prints the result as warnings on stderr).
    public func nonFiniteReport(models indices: [Int]? = nil, rows: Range<Int>? = nil) throws -> [NonFiniteCount] {
        let chosen = indices.map { Set($0).sorted() } ?? Array(models.indices)
        let layers = chosen.flatMap { i in models[i].layers.map { (model: models[i].name, layer: $0) } }
        let range = rows ?? 0..<sampleCount
        let counts = Parallel.map(layers.count) { k in Result { try layers[k].layer.countNonFinite(rows: range) } }
        var report: [NonFiniteCount] = []
        for (entry, count) in zip(layers, counts) {
            let n = try count.get()
            if n > 0 { report.append(NonFiniteCount(model: entry.model, layer: entry.layer.name, path: entry.layer.path, count: n)) }
        }
        return report
    }
}

/// How many non-finite values one layer holds (see `Catalog.nonFiniteReport`).
public struct NonFiniteCount: Sendable, Equatable, CustomStringConvertible {
    public var model: String
    public var layer: String
    public var path: String
    public var count: Int

    public init(model: String, layer: String, path: String, count: Int) {
        self.model = model
        self.layer = layer
        self.path = path
        self.count = count
    }

    /// `path: layer "fc3" of model "a" holds 12 NaN/Inf values`.
    public var description: String {
        "\(path): layer \"\(layer)\" of model \"\(model)\" holds \(count) NaN/Inf value\(count == 1 ? "" : "s")"
    }
}
