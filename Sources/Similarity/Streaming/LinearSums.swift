/// Additive sums over a slice of samples from which every pair's linear-kernel HSIC terms
/// (biased and unbiased) follow exactly, without ever holding an n×n matrix or all the rows.
///
/// Each layer's rows are first shifted by a fixed vector s (the mean of the layer's first
/// `shiftRows` samples, the same for every slice), x̃_i = x_i − s, which keeps the sums small and
/// the final centring well conditioned. Over the samples i of the slice, with a_i = ‖x̃_i‖² and
/// e_i = ‖ỹ_i‖², the sums are:
/// - per layer: n, Σx̃_i (D), Σa_i;
/// - per pair (X, Y), including each layer with itself: X̃ᵀỸ (D_X×D_Y), Σa_i e_i, Σa_i ỹ_i (D_Y)
///   and Σe_i x̃_i (D_X).
/// All are sums over samples, so slices add up (`merge`): shards give the same grid as one run.
///
/// From them (`terms`), with μ = Σx̃/n, c_X = ‖μ_X‖² and b_i = x̃_i·μ_X, f_i = ỹ_i·μ_Y:
/// - ⟨Kc, Lc⟩ = ‖XcᵀYc‖²_F with XcᵀYc = X̃ᵀỸ − n μ_X μ_Yᵀ;
/// - tr(Kc) = Σa_i − n c_X;
/// - d_K·d_L = Σ(a_i − 2b_i + c_X)(e_i − 2f_i + c_Y), expanded into the sums above
///   (Σa_i f_i = μ_Y·Σa_i ỹ_i, Σb_i e_i = μ_X·Σe_i x̃_i, Σb_i f_i = μ_Xᵀ X̃ᵀỸ μ_Y, Σb_i = n c_X);
/// and then `HSIC.biased` / `HSIC.unbiased` as for the in-memory estimators.
public struct LinearSums: Sendable, Equatable {
    /// Per-layer sums.
    public struct Layer: Sendable, Equatable {
        public var width: Int
        /// The shift s subtracted from every row (D).
        public var shift: [Float]
        /// Σx̃_i (D).
        public var sum: [Double]
        /// Σ‖x̃_i‖².
        public var sumSquares: Double
        /// NaN and infinite values seen; a layer with any has undefined cells.
        public var nonFinite: Int

        public init(width: Int, shift: [Float], sum: [Double], sumSquares: Double, nonFinite: Int = 0) {
            self.width = width; self.shift = shift; self.sum = sum; self.sumSquares = sumSquares
            self.nonFinite = nonFinite
        }
    }

    /// Per-pair sums (layers by index into `layers`).
    public struct Pair: Sendable, Equatable {
        public var x: Int
        public var y: Int
        /// X̃ᵀỸ, row-major D_X×D_Y.
        public var cross: [Double]
        /// Σa_i e_i.
        public var normProducts: Double
        /// Σa_i ỹ_i (D_Y).
        public var normWeightedY: [Double]
        /// Σe_i x̃_i (D_X).
        public var normWeightedX: [Double]

        public init(x: Int, y: Int, cross: [Double], normProducts: Double, normWeightedY: [Double], normWeightedX: [Double]) {
            self.x = x; self.y = y; self.cross = cross; self.normProducts = normProducts
            self.normWeightedY = normWeightedY; self.normWeightedX = normWeightedX
        }
    }

    /// The number of samples summed over.
    public var sampleCount: Int
    public var layers: [Layer]
    public var pairs: [Pair]

    public init(sampleCount: Int, layers: [Layer], pairs: [Pair]) {
        self.sampleCount = sampleCount
        self.layers = layers
        self.pairs = pairs
    }

    /// Why two sums cannot be added, or nil when they can (same layers, shifts and pairs).
    public func mergeProblem(with other: LinearSums) -> String? {
        guard layers.count == other.layers.count, pairs.count == other.pairs.count else {
            return "the partial results cover different layers or pairs"
        }
        for (a, b) in zip(layers, other.layers) where a.width != b.width || a.shift != b.shift {
            return "the partial results were made from different data (layer widths or shifts differ)"
        }
        for (a, b) in zip(pairs, other.pairs) where a.x != b.x || a.y != b.y
            || a.cross.count != b.cross.count || a.normWeightedX.count != b.normWeightedX.count
            || a.normWeightedY.count != b.normWeightedY.count {
            return "the partial results list different pairs"
        }
        for (a, b) in zip(layers, other.layers) where a.sum.count != b.sum.count {
            return "the partial results were made from different data (layer widths differ)"
        }
        // Counters add with overflow checks: a forged file must not trap the merge.
        if sampleCount.addingReportingOverflow(other.sampleCount).overflow {
            return "the sample counts \(sampleCount) and \(other.sampleCount) overflow when added"
        }
        for (a, b) in zip(layers, other.layers) where a.nonFinite.addingReportingOverflow(b.nonFinite).overflow {
            return "the NaN/Inf counts \(a.nonFinite) and \(b.nonFinite) overflow when added"
        }
        return nil
    }

    /// Adds another slice's sums (precondition: `mergeProblem(with:)` is nil).
    public mutating func merge(_ other: LinearSums) {
        precondition(mergeProblem(with: other) == nil, "merging incompatible sums")
        sampleCount += other.sampleCount
        for k in layers.indices {
            for j in layers[k].sum.indices { layers[k].sum[j] += other.layers[k].sum[j] }
            layers[k].sumSquares += other.layers[k].sumSquares
            layers[k].nonFinite += other.layers[k].nonFinite
        }
        for k in pairs.indices {
            for j in pairs[k].cross.indices { pairs[k].cross[j] += other.pairs[k].cross[j] }
            pairs[k].normProducts += other.pairs[k].normProducts
            for j in pairs[k].normWeightedY.indices { pairs[k].normWeightedY[j] += other.pairs[k].normWeightedY[j] }
            for j in pairs[k].normWeightedX.indices { pairs[k].normWeightedX[j] += other.pairs[k].normWeightedX[j] }
        }
    }

    /// The index of pair (x, y), if summed.
    public func pairIndex(_ x: Int, _ y: Int) -> Int? {
        pairs.firstIndex { $0.x == x && $0.y == y }
    }

    /// ⟨Kc, Lc⟩, d_K·d_L for pair k, and the traces of its two layers.
    func centredProducts(_ k: Int) -> (inner: Double, diagonalDot: Double, traceX: Double, traceY: Double) {
        let p = pairs[k]
        let lx = layers[p.x], ly = layers[p.y]
        let n = Double(sampleCount)
        let mx = lx.sum.map { $0 / n }, my = ly.sum.map { $0 / n }
        let cx = mx.reduce(0) { $0 + $1 * $1 }, cy = my.reduce(0) { $0 + $1 * $1 }
        var inner = 0.0
        var bf = 0.0 // μ_Xᵀ X̃ᵀỸ μ_Y
        for i in 0..<lx.width {
            var rowDot = 0.0
            for j in 0..<ly.width {
                let c = p.cross[i * ly.width + j]
                let centred = c - n * mx[i] * my[j]
                inner += centred * centred
                rowDot += c * my[j]
            }
            bf += mx[i] * rowDot
        }
        let af = zip(p.normWeightedY, my).reduce(0) { $0 + $1.0 * $1.1 }
        let be = zip(p.normWeightedX, mx).reduce(0) { $0 + $1.0 * $1.1 }
        let ax = lx.sumSquares, ey = ly.sumSquares
        let diagonalDot = p.normProducts - 2 * af + cy * ax - 2 * be + 4 * bf - 2 * cy * n * cx
            + cx * ey - 2 * cx * n * cy + n * cx * cy
        return (inner, diagonalDot, ax - n * cx, ey - n * cy)
    }

    /// The CKA terms of pair (x, y); both layers' self pairs must have been summed too.
    public func result(x: Int, y: Int) -> CKAResult? {
        guard let k = pairIndex(x, y), let kx = pairIndex(x, x), let ky = pairIndex(y, y) else { return nil }
        let n = sampleCount
        let c = centredProducts(k), sx = centredProducts(kx), sy = centredProducts(ky)
        let biased = HSICTerms(xy: HSIC.biased(centredInner: c.inner, n: n),
                               xx: HSIC.biased(centredInner: sx.inner, n: n),
                               yy: HSIC.biased(centredInner: sy.inner, n: n))
        var unbiased: HSICTerms? = nil
        if n > 3 {
            unbiased = HSICTerms(
                xy: HSIC.unbiased(centredInner: c.inner, diagonalDot: c.diagonalDot, traceX: c.traceX, traceY: c.traceY, n: n),
                xx: HSIC.unbiased(centredInner: sx.inner, diagonalDot: sx.diagonalDot, traceX: sx.traceX, traceY: sx.traceX, n: n),
                yy: HSIC.unbiased(centredInner: sy.inner, diagonalDot: sy.diagonalDot, traceX: sy.traceX, traceY: sy.traceX, n: n))
        }
        return CKAResult(kernel: .linear, sampleCount: n, widthX: layers[x].width, widthY: layers[y].width,
                         biased: biased, unbiased: unbiased)
    }
}
