/// Which tokens of an N×T×D layer are real (not padding): the `--mask` file, an N×T array.
///
/// One mask serves every 3-D layer of every model: the models are compared on the same N inputs,
/// tokenised alike, so token t of sample i is padding in all of them or in none. Under a token
/// policy a masked layer's `mean` and `max` pool only the real tokens of each row, `first` takes
/// the first real token (left padding) and `last` the last one (right padding).
///
/// The file is a .npy of shape (N, T) holding bool, integer (any width, signed or not) or float
/// values, each 0 or 1. Every row must mark at least one real token.
public struct TokenMask: Sendable, Equatable {
    /// The file the mask was read from, as given.
    public let path: String
    /// N, the rows (samples).
    public let sampleCount: Int
    /// T, the tokens per row.
    public let tokenCount: Int
    /// `real[i·T + t]`: token t of sample i is real.
    let real: [Bool]

    /// A mask of `real` (row-major, N·T flags); checks that every row has a real token.
    init(path: String, sampleCount: Int, tokenCount: Int, real: [Bool]) throws(LayerIOError) {
        precondition(real.count == sampleCount * tokenCount)
        for i in 0..<sampleCount where !real[(i * tokenCount)..<((i + 1) * tokenCount)].contains(true) {
            throw .badMask(path: path, detail: "row \(i) marks no real token (every sample needs at least one)")
        }
        self.path = path
        self.sampleCount = sampleCount
        self.tokenCount = tokenCount
        self.real = real
    }

    /// The positions of the real tokens of row `i`, ascending.
    func realTokens(row i: Int) -> [Int] {
        (0..<tokenCount).filter { real[i * tokenCount + $0] }
    }

    /// An FNV-1a digest of the shape and every flag, for layer fingerprints: two masks with the
    /// same flags reduce layers alike, wherever they were read from.
    var digest: UInt64 {
        var hash = FNV1a64()
        hash.combine(Array("layermap-token-mask-v1".utf8))
        hash.combine(UInt64(sampleCount))
        hash.combine(UInt64(tokenCount))
        let bytes = real.map { UInt8($0 ? 1 : 0) }
        bytes.withUnsafeBytes { hash.combine($0) }
        return hash.value
    }

    /// Checks that `layer` (of shape N×T×D) lines up with the mask.
    /// - Throws: `badMask` naming the layer when its N or T differs from the mask's.
    func check(_ layer: Layer) throws(LayerIOError) {
        let shape = layer.originalShape
        guard shape.count == 3 else { return }
        if shape[0] != sampleCount || shape[1] != tokenCount {
            throw .badMask(path: path, detail: "the mask is \(sampleCount)×\(tokenCount) (N×T) but layer \"\(layer.name)\" "
                           + "of model \"\(layer.modelName)\" (\(layer.path)) is \(shapeText(shape))")
        }
    }
}
