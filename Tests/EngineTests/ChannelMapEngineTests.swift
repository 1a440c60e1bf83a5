import Engine
import Similarity
import SimilarityTestSupport
import Testing

/// The engine gives nst-* the channel maps whatever the rows it holds: the details panel's
/// in-memory copy of a reduced 4-D layer reads its maps from the layer (`spatialBase`), and the
/// memory estimates count the maps, not the reduced width.
@Suite struct ChannelMapEngineTests {
    static let shapeX = SpatialShape(channels: 4, height: 6, width: 6)
    static let shapeY = SpatialShape(channels: 3, height: 4, width: 4)
    static let mapsX = InMemorySpatialActivations(SeededLayers.layer(20, shapeX.elementCount, seed: 3), shape: shapeX)
    static let mapsY = InMemorySpatialActivations(SeededLayers.layer(20, shapeY.elementCount, seed: 4), shape: shapeY)

    /// What `--reduce mean` reads: each channel's mean, N×C.
    static func channelMeans(_ s: InMemorySpatialActivations) -> Matrix<Float> {
        var out = Matrix<Float>(rows: s.sampleCount, cols: s.shape.channels)
        for n in 0..<s.sampleCount {
            for c in 0..<s.shape.channels {
                let start = n * s.width + c * s.shape.mapSize
                out.storage[n * s.shape.channels + c] = s.matrix.storage[start..<(start + s.shape.mapSize)].reduce(0, +) / Float(s.shape.mapSize)
            }
        }
        return out
    }

    @Test func theDrillsInMemoryRowsStillGiveTheMaps() {
        let direct = GridLayer(id: "x", label: "x", source: Self.mapsX), directY = GridLayer(id: "y", label: "y", source: Self.mapsY)
        let reducedX = GridLayer(id: "x", label: "x", source: InMemoryActivations(Self.channelMeans(Self.mapsX), spatialBase: Self.mapsX))
        let reducedY = GridLayer(id: "y", label: "y", source: InMemoryActivations(Self.channelMeans(Self.mapsY), spatialBase: Self.mapsY))
        let metrics: [Metric] = [.nstLinear, .nstPoly, .nstGauss]
        let a = PairReport.measures(x: direct, y: directY, metrics: metrics, options: MetricOptions(), plan: .unlimited)
        let b = PairReport.measures(x: reducedX, y: reducedY, metrics: metrics, options: MetricOptions(), plan: .unlimited)
        #expect(a.count == 3 && a.allSatisfy { $0.outcome.value.number != nil }, "\(a)")
        #expect(a.map(\.outcome) == b.map(\.outcome))
        let lost = GridLayer(id: "x", label: "layer \"x\"", source: InMemoryActivations(Self.channelMeans(Self.mapsX)))
        let c = PairReport.measures(x: lost, y: directY, metrics: [.nstPoly], options: MetricOptions(), plan: .unlimited)
        #expect(c[0].outcome.value.reason == "layer \"x\" " + ChannelMaps.notSpatial, "\(c)")
    }

    @Test func theCacheAndThePlanCountTheMaps() {
        let measure = MeasureFactory.measure(for: .nstPoly, options: MetricOptions())
        let reduced = InMemoryActivations(Self.channelMeans(Self.mapsX), spatialBase: Self.mapsX)
        let maps = ChannelMaps.preparedBytes(sampleCount: 20, shape: Self.shapeX)
        #expect(measure.preparedBytes(source: reduced) == maps)
        #expect(maps > 4 * 20 * 144)
        // A bound below the maps' bytes: the state is handed out but not kept.
        let cache = PreparedLayerCache(byteLimit: Int(maps) - 1)
        let layer = GridLayer(id: "x", label: "x", source: reduced)
        #expect((try? cache.prepared(layer, for: measure).get()) != nil)
        #expect(!cache.contains(layer, for: measure))
        let plan = MemoryPlan(budget: Int(2 * maps) - 1)
        #expect(plan.refusal(for: measure, x: reduced, y: reduced) != nil)
        #expect(MemoryPlan(budget: Int(2 * maps)).refusal(for: measure, x: reduced, y: reduced) == nil)
    }
}
