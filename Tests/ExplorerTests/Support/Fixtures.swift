import Explorer
import Similarity

/// Small sessions and helpers shared by the tests.
enum Fixtures {
    /// `count` layers named `layer0`, `layer1`, … (or from `names`).
    static func layers(_ count: Int, names: [String]? = nil, width: Int = 64) -> [Session.Layer] {
        (0..<count).map { i in
            Session.Layer(name: names?[i] ?? "layer\(i)", shape: "500×\(width)", dtype: "float32", width: width)
        }
    }

    /// Two models `relu-s0` and `relu-s1` with `layers` layers each.
    static func session(models: Int = 2, layers count: Int = 12, metrics: [Metric] = [.linearCKA, .rbfCKA],
                        mode: ColorMode = .palette256, unicode: Bool = true,
                        cached: [CellKey: PairOutcome] = [:], names: [String]? = nil) -> Session {
        Session(models: (0..<models).map { Session.Model(name: "relu-s\($0)", layers: layers(count, names: names)) },
                sampleCount: 500, reducePolicy: "flatten", metrics: metrics,
                colorMode: mode, supportsUnicode: unicode, cachedCells: cached)
    }

    static func value(_ v: Double) -> PairOutcome { PairOutcome(value: .value(v)) }

    static func undefined(_ reason: String) -> PairOutcome { PairOutcome(value: .undefined(reason: reason)) }

    /// A deterministic similarity for (row, col): 1 on the diagonal, falling off with distance.
    static func similarity(_ r: Int, _ c: Int) -> Double { 1.0 / (1.0 + 0.25 * Double(abs(r - c))) }

    /// Every cell of a grid with `similarity` values.
    static func fullGrid(_ key: GridKey, rows: Int, cols: Int) -> [CellKey: PairOutcome] {
        var out: [CellKey: PairOutcome] = [:]
        for r in 0..<rows { for c in 0..<cols { out[CellKey(grid: key, row: r, col: c)] = value(similarity(r, c)) } }
        return out
    }

    static let size80x24 = TerminalSize(width: 80, height: 24)
    static let size40x12 = TerminalSize(width: 40, height: 12)
}

/// Drives `update` with scripted messages and collects what it emits.
struct Pilot {
    var state: AppState
    private(set) var effects: [Effect] = []
    /// The effects of the last message only.
    private(set) var last: [Effect] = []

    init(_ session: Session = Fixtures.session(), size: TerminalSize = Fixtures.size80x24, start: Bool = true) {
        state = AppState(session: session, size: size)
        if start { send(.start) }
    }

    @discardableResult
    mutating func send(_ msg: Msg) -> [Effect] {
        last = update(&state, msg)
        effects += last
        return last
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        var out: [Effect] = []
        for k in keys { out += send(.key(k)) }
        return out
    }

    /// Types each character as a key press.
    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        var out: [Effect] = []
        for ch in text { out += send(.key(.character(ch))) }
        return out
    }

    mutating func clearEffects() { effects = [] }

    var frame: CellBuffer { render(state) }
}

extension Effect {
    var isUpdateFocus: Bool { if case .updateFocus = self { return true } else { return false } }
    var isComputeGrid: Bool { if case .computeGrid = self { return true } else { return false } }
}
