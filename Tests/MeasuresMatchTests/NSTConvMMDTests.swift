import Foundation
import Similarity
import Testing

/// `nst-linear`, `nst-poly` and `nst-gauss` (`ChannelMapMMDMeasure`) against
/// Fixtures/make_nst_conv_fixtures.py (numpy, explicit loops; its pooling checked against
/// torch's adaptive_avg_pool2d), their invariances and their undefined cases.
@Suite struct NSTConvMMDTests {
    struct Fixture: Decodable {
        struct Layer: Decodable {
            let shape: [Int]
            let values: [Float]
        }
        struct Expected: Decodable {
            let value: Double
            let pooledH: Int
            let pooledW: Int
            let zeroX: Int
            let zeroY: Int
            let sigma2Mean: Double?
        }
        struct Pair: Decodable {
            let x: String
            let y: String
            let linear: Expected
            let poly: Expected
            let gauss: Expected
        }
        struct Pooling: Decodable {
            let inShape: [Int]
            let outShape: [Int]
            let input: [Float]
            let output: [Double]
        }
        let layers: [String: Layer]
        let pairs: [Pair]
        let pooling: [Pooling]
    }

    static let fixture: Fixture = try! Fixtures.decoded("nst_conv.json")

    static func expected(_ metric: Metric, _ pair: Fixture.Pair) -> Fixture.Expected {
        metric == .nstLinear ? pair.linear : metric == .nstPoly ? pair.poly : pair.gauss
    }

    static func source(_ name: String) -> InMemorySpatialActivations {
        let l = fixture.layers[name]!
        let shape = SpatialShape(channels: l.shape[1], height: l.shape[2], width: l.shape[3])
        return InMemorySpatialActivations(Matrix(rows: l.shape[0], cols: shape.elementCount, storage: l.values), shape: shape)
    }

    static func outcome(_ metric: Metric, _ x: any ActivationSource, _ y: any ActivationSource) throws -> PairOutcome {
        let m = MeasureFactory.measure(for: metric, options: MetricOptions())
        return m.compare(try m.prepare(source: x), try m.prepare(source: y))
    }

    /// The same layer with its values rearranged: `index(n, c, h, w)` names the source element
    /// of the new element (n, c, h, w) of shape `shape`.
    static func rearranged(_ s: InMemorySpatialActivations, shape: SpatialShape,
                           _ index: (Int, Int, Int, Int) -> Int) -> InMemorySpatialActivations {
        var out = [Float](repeating: 0, count: s.sampleCount * shape.elementCount)
        var k = 0
        for n in 0..<s.sampleCount {
            for c in 0..<shape.channels {
                for h in 0..<shape.height {
                    for w in 0..<shape.width {
                        out[k] = s.matrix.storage[index(n, c, h, w)]
                        k += 1
                    }
                }
            }
        }
        return InMemorySpatialActivations(Matrix(rows: s.sampleCount, cols: shape.elementCount, storage: out), shape: shape)
    }

    static func offset(_ s: SpatialShape, _ n: Int, _ c: Int, _ h: Int, _ w: Int) -> Int {
        ((n * s.channels + c) * s.height + h) * s.width + w
    }

    @Test func poolingFollowsTorchsAdaptiveBins() {
        for case_ in Self.fixture.pooling {
            let pooling = AdaptiveAveragePooling(from: SpatialShape(channels: 1, height: case_.inShape[0], width: case_.inShape[1]),
                                                 toHeight: case_.outShape[0], width: case_.outShape[1])
            var out = [Double](repeating: .nan, count: case_.output.count)
            case_.input.withUnsafeBufferPointer { p in
                out.withUnsafeMutableBufferPointer { pooling.pool(p.baseAddress!, into: $0.baseAddress!) }
            }
            for (a, b) in zip(out, case_.output) {
                #expect(abs(a - b) <= 1e-12, "\(case_.inShape) → \(case_.outShape): \(out) vs \(case_.output)")
            }
        }
        #expect(AdaptiveAveragePooling.bins(from: 6, to: 4) == [0..<2, 1..<3, 3..<5, 4..<6])
    }

    @Test func matchesNumpy() throws {
        for pair in Self.fixture.pairs {
            for metric in [Metric.nstLinear, .nstPoly, .nstGauss] {
                let expected = Self.expected(metric, pair)
                let o = try Self.outcome(metric, Self.source(pair.x), Self.source(pair.y))
                let name = "\(metric.rawValue) \(pair.x)×\(pair.y)"
                #expect(abs((o.value.number ?? .nan) - expected.value) <= 1e-9, "\(name): \(o.value) vs \(expected.value)")
                #expect(o.extras["pooled_h"] == Double(expected.pooledH) && o.extras["pooled_w"] == Double(expected.pooledW), "\(name)")
                #expect(o.extras["zero_maps_x"] == Double(expected.zeroX) && o.extras["zero_maps_y"] == Double(expected.zeroY),
                        "\(name): \(o.extras)")
                if let s = expected.sigma2Mean {
                    #expect(abs((o.extras["sigma2_mean"] ?? .nan) - s) <= 1e-9, "\(name) σ²: \(o.extras)")
                }
                let swapped = try Self.outcome(metric, Self.source(pair.y), Self.source(pair.x))
                #expect(abs((swapped.value.number ?? .nan) - (o.value.number ?? .nan)) <= 1e-12, "\(name) is symmetric")
            }
        }
    }

    @Test(arguments: [Metric.nstLinear, .nstPoly, .nstGauss])
    func invariantToPermutedChannelsAndScaling(_ metric: Metric) throws {
        for (xn, yn) in [("a", "b"), ("e", "f"), ("a", "z")] {
            let x = Self.source(xn), y = Self.source(yn)
            let reference = try Self.outcome(metric, x, y).value.number ?? .nan
            let c = x.shape.channels
            let permuted = Self.rearranged(x, shape: x.shape) { n, ch, h, w in Self.offset(x.shape, n, (ch * 3 + 1) % c, h, w) }
            func scaled(_ f: Float) -> InMemorySpatialActivations {
                InMemorySpatialActivations(Matrix(rows: x.sampleCount, cols: x.width, storage: x.matrix.storage.map { $0 * f }),
                                           shape: x.shape)
            }
            // ×4 is exact in float32; ×3.75 rounds each value once (relative 6e-8).
            for (what, z, tolerance) in [("channels permuted", permuted, 1e-10), ("scaled by 4", scaled(4), 1e-12),
                                         ("scaled by 3.75", scaled(3.75), 1e-6)] {
                let v = try Self.outcome(metric, z, y).value.number ?? .nan
                #expect(abs(v - reference) <= tolerance, "\(metric.rawValue) \(xn)×\(yn) \(what): \(v) vs \(reference)")
            }
        }
    }

    @Test(arguments: [Metric.nstLinear, .nstPoly, .nstGauss])
    func invariantToOneSpatialRearrangementOfBothLayers(_ metric: Metric) throws {
        // Transposing H and W of both layers commutes with the pooling (e: 4×8, f: 8×4).
        for (xn, yn) in [("e", "f"), ("c", "d")] {
            let x = Self.source(xn), y = Self.source(yn)
            let reference = try Self.outcome(metric, x, y).value.number ?? .nan
            func transposed(_ s: InMemorySpatialActivations) -> InMemorySpatialActivations {
                let t = SpatialShape(channels: s.shape.channels, height: s.shape.width, width: s.shape.height)
                return Self.rearranged(s, shape: t) { n, c, h, w in Self.offset(s.shape, n, c, w, h) }
            }
            let v = try Self.outcome(metric, transposed(x), transposed(y)).value.number ?? .nan
            #expect(abs(v - reference) <= 1e-10, "\(metric.rawValue) \(xn)×\(yn) transposed: \(v) vs \(reference)")
        }
        // Maps of one size (a and z, 6×6): any permutation of the positions, the same for both.
        let x = Self.source("a"), y = Self.source("z")
        let reference = try Self.outcome(metric, x, y).value.number ?? .nan
        let positions = (0..<36).map { ($0 * 7 + 5) % 36 }
        func shuffled(_ s: InMemorySpatialActivations) -> InMemorySpatialActivations {
            Self.rearranged(s, shape: s.shape) { n, c, h, w in
                let p = positions[h * 6 + w]
                return Self.offset(s.shape, n, c, p / 6, p % 6)
            }
        }
        let v = try Self.outcome(metric, shuffled(x), shuffled(y)).value.number ?? .nan
        #expect(abs(v - reference) <= 1e-10, "\(metric.rawValue) positions shuffled: \(v) vs \(reference)")
        #expect(try Self.outcome(metric, x, x).value.number == 0, "a layer and itself")
    }

    @Test(arguments: [Metric.nstLinear, .nstPoly, .nstGauss])
    func undefinedCasesSayWhy(_ metric: Metric) throws {
        let m = MeasureFactory.measure(for: metric, options: MetricOptions())
        let flat = InMemoryActivations(Matrix(rows: 5, cols: 3, storage: (0..<15).map { Float($0) }))
        #expect(throws: SimilarityError.degenerate(ChannelMaps.notSpatial)) { try m.prepare(source: flat) }
        #expect(ChannelMaps.notSpatial.contains("is not 4-D (N×C×H×W)"))
        #expect(throws: SimilarityError.degenerate(ChannelMaps.matrixHasNoMaps)) { try m.prepare(Self.source("a").matrix) }
        let shape = SpatialShape(channels: 2, height: 2, width: 2)
        let zeros = InMemorySpatialActivations(Matrix(rows: 3, cols: 8), shape: shape)
        #expect(throws: SimilarityError.degenerate("has no non-zero channel map: all 6 maps are zero")) { try m.prepare(source: zeros) }
        var values = [Float](repeating: 1, count: 24)
        values[5] = .nan
        values[9] = .infinity
        let bad = InMemorySpatialActivations(Matrix(rows: 3, cols: 8, storage: values), shape: shape)
        #expect(throws: SimilarityError.nonFinite(count: 2)) { try m.prepare(source: bad) }
        let a = try m.prepare(source: Self.source("a"))
        let short = InMemorySpatialActivations(Matrix(rows: 3, cols: 8, storage: [Float](repeating: 1, count: 24)), shape: shape)
        let cell = m.compare(a, try m.prepare(source: short))
        #expect(cell.value.number == nil && (cell.value.reason ?? "").contains("X has 5 examples while Y has 3"), "\(cell.value)")
    }

    @Test func preparedBytesCountTheMapsNotTheReducedWidth() {
        let m = MeasureFactory.measure(for: .nstPoly, options: MetricOptions())
        let s = Self.source("a")  // 5 × 4×6×6
        #expect(m.preparedBytes(source: s) == 4 * 5 * 144 + 8 * (144 + 2 * 16))
        #expect(m.preparedBytes(source: InMemoryActivations(Matrix(rows: 5, cols: 3))) == 0)
    }
}
