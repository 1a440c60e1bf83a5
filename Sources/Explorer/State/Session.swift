import Similarity

/// What the explorer is started with: the models and their layers, the sample count, the
/// metrics on offer, the terminal's abilities, any cell outcomes already on disk, and the
/// two groups of the seed-baseline view if there are any.
///
/// The app builds one from the catalog (and from the backend's `colorMode` and
/// `supportsUnicode`) and hands it to `AppState(session:size:)`. It never changes while
/// the explorer runs.
public struct Session: Sendable {
    /// One layer as the explorer shows it.
    public struct Layer: Sendable, Hashable {
        /// The layer's name in its file (e.g. `layer3`, `blocks.2.mlp`).
        public var name: String
        /// The original activation shape as text, e.g. `500×64×4×4`.
        public var shape: String
        /// The stored element type, e.g. `float32`.
        public var dtype: String
        /// D, the width after the layer was reduced to N×D.
        public var width: Int

        public init(name: String, shape: String, dtype: String, width: Int) {
            self.name = name; self.shape = shape; self.dtype = dtype; self.width = width
        }
    }

    /// One model: a name and its layers in network order.
    public struct Model: Sendable, Hashable {
        public var name: String
        public var layers: [Layer]

        public init(name: String, layers: [Layer]) {
            self.name = name; self.layers = layers
        }
    }

    /// The models, at least one, each with at least one layer.
    public var models: [Model] {
        didSet { axisNames = models.map { AxisNames($0.layers.map(\.name)) } }
    }
    /// Each model's layer names as the heatmap's axes show them, worked out once (by model
    /// index: the layout asks for them many times per key press).
    public private(set) var axisNames: [AxisNames]
    /// N, the number of inputs every layer was recorded on.
    public var sampleCount: Int
    /// The policy that reduced each layer to N×D, as `--reduce` spells it, with the token mask if
    /// any (`mean, mask m.npy`).
    public var reducePolicy: String
    /// The metrics `m` cycles through, in order; the first is shown at start. Not empty.
    public var metrics: [Metric]
    /// The terminal's colour capability (from the backend).
    public var colorMode: ColorMode
    /// Whether block, box and arrow glyphs can be shown (from the backend).
    public var supportsUnicode: Bool
    /// Outcomes known before the explorer starts, by cell; `AppState` shows them at once.
    /// The app leaves this empty (each grid job reads the disk cache first and posts what it
    /// finds); tests and callers with results in hand set it.
    public var cachedCells: [CellKey: PairOutcome]
    /// The two groups of the seed-baseline view, when the app was started with two `--group`s.
    public var baseline: Baseline?
    /// How `y` reaches the clipboard in this terminal (the app detects it at start-up).
    public var clipboard: ClipboardRoute = .terminal

    /// - Precondition: at least one model and one metric; a `baseline` names two non-empty,
    ///   disjoint groups of these models, each with exactly the layers `layerNames`.
    public init(models: [Model], sampleCount: Int, reducePolicy: String, metrics: [Metric],
                colorMode: ColorMode, supportsUnicode: Bool, cachedCells: [CellKey: PairOutcome] = [:],
                baseline: Baseline? = nil) {
        precondition(!models.isEmpty, "a session needs at least one model")
        precondition(!metrics.isEmpty, "a session needs at least one metric")
        if let problem = baseline?.problem(models: models) { preconditionFailure("baseline: \(problem)") }
        self.models = models
        self.axisNames = models.map { AxisNames($0.layers.map(\.name)) }
        self.sampleCount = sampleCount
        self.reducePolicy = reducePolicy
        self.metrics = metrics
        self.colorMode = colorMode
        self.supportsUnicode = supportsUnicode
        self.cachedCells = cachedCells
        self.baseline = baseline
    }

    /// Every ordered pair of models (row model, column model), each model with itself
    /// included, in row-major order: (0,0), (0,1), …, (1,0), (1,1), …
    public var pairs: [ModelPair] {
        models.indices.flatMap { a in models.indices.map { b in ModelPair(rowModel: a, colModel: b) } }
    }

    /// How many pairs there are: models².
    public var pairCount: Int { models.count * models.count }

    /// `pairs[index]` without building the list (the layout asks for the pair shown many
    /// times per key press): row-major, so row model `index / models`, column `index % models`.
    public func pair(at index: Int) -> ModelPair {
        ModelPair(rowModel: index / models.count, colModel: index % models.count)
    }

    /// The index in `pairs` of a pair.
    public func pairIndex(of p: ModelPair) -> Int { p.rowModel * models.count + p.colModel }

    /// The pair shown first: the first two models against each other, or the only model
    /// against itself.
    public var initialPairIndex: Int { models.count > 1 ? 1 : 0 }

    /// The rows × columns of a grid.
    public func dimensions(_ key: GridKey) -> (rows: Int, cols: Int) {
        (models[key.rowModel].layers.count, models[key.colModel].layers.count)
    }
}

/// An ordered pair of models: rows from one, columns from the other.
public struct ModelPair: Hashable, Sendable {
    public var rowModel: Int
    public var colModel: Int
    public init(rowModel: Int, colModel: Int) {
        self.rowModel = rowModel; self.colModel = colModel
    }
}
