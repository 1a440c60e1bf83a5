import Foundation
import Testing
import Engine
import Similarity
import SimilarityTestSupport

/// The seed baseline and the layer-correspondence test against an independent numpy
/// computation on the same grids (`Fixtures/make_baseline.py`).
@Suite struct SeedBaselineTests {
    struct Fixture: Decodable {
        let groupA: Int
        let grids: [[[[Double?]]?]]
        let within: [[Double?]]
        let across: [[Double?]]
        let difference: [[Double?]]
        let p: [[Double?]]
        let labellings: Int
        let correspondence_asymmetric: Double
    }

    static let fixture: Fixture = {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/baseline.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    static var grids: ModelGrids {
        ModelGrids(grids: fixture.grids.map { row in
            row.map { g in g.map { $0.map { $0.map { v in v.map(CellValue.value) ?? .undefined(reason: "fixture") } } } }
        })
    }

    static func expectClose(_ a: [[Double?]], _ b: [[Double?]], _ what: String) {
        #expect(a.count == b.count, "\(what) rows")
        for (ra, rb) in zip(a, b) {
            for (x, y) in zip(ra, rb) {
                if let y { #expect(close(x, y, 1e-12), "\(what): \(String(describing: x)) vs \(y)") } else { #expect(x == nil) }
            }
        }
    }

    @Test func withinAcrossDifferenceAndExhaustivePValues() {
        let b = SeedBaseline(grids: Self.grids, groupASize: Self.fixture.groupA, orientation: .similarity)
        #expect(b.exhaustive && b.labellings == Self.fixture.labellings)
        Self.expectClose(b.within, Self.fixture.within, "within")
        Self.expectClose(b.across, Self.fixture.across, "across")
        Self.expectClose(b.difference, Self.fixture.difference, "difference")
        Self.expectClose(b.pValues, Self.fixture.p, "p")
    }

    @Test func correspondenceSymmetrisesAsymmetricMeasures() {
        let r = LayerCorrespondence.accuracy(Self.grids, metric: .regression)
        #expect(r.comparisons == 5 * 4 * 4)
        #expect(abs(r.accuracy! - Self.fixture.correspondence_asymmetric) < 1e-12)
        #expect(r.undefined == 0 || r.reason == "fixture", "the fixture's undefined cells keep their reason")
    }

    /// A measure undefined on every diagonal has no accuracy (not 0 %) and says why; one
    /// undefined diagonal among defined ones counts as a miss and is counted.
    @Test func undefinedDiagonalsAreCountedAndAllUndefinedHasNoAccuracy() {
        let none: [[CellValue]] = [[.undefined(reason: "not 4-D"), .undefined(reason: "not 4-D")],
                                   [.undefined(reason: "not 4-D"), .undefined(reason: "not 4-D")]]
        let all = LayerCorrespondence.accuracy(ModelGrids(grids: [[nil, none], [none, nil]]), metric: .linearCKA)
        #expect(all.accuracy == nil && all.comparisons == 4 && all.undefined == 4 && all.reason == "not 4-D")

        let some: [[CellValue]] = [[.value(0.9), .value(0.1)], [.value(0.2), .undefined(reason: "constant layer")]]
        let r = LayerCorrespondence.accuracy(ModelGrids(grids: [[nil, some], [some, nil]]), metric: .linearCKA)
        #expect(r.accuracy == 0.5 && r.identified == 2 && r.undefined == 2 && r.reason == "constant layer")
    }

    @Test func distancesFlipTheDifferenceSign() {
        let sim = SeedBaseline(grids: Self.grids, groupASize: 3, orientation: .similarity)
        let dist = SeedBaseline(grids: Self.grids, groupASize: 3, orientation: .distance)
        #expect(dist.difference[0][0]! == -sim.difference[0][0]!)
    }

    @Test func randomLabellingsAreSeededWhenThereAreTooMany() {
        // 20 models in groups of 10: C(20, 10) = 184756 labellings, too many to enumerate.
        let m = 20
        let grid: [[CellValue]] = [[.value(0.5)]]
        let grids = ModelGrids(grids: (0..<m).map { p in (0..<m).map { q in p == q ? nil : grid } })
        let a = SeedBaseline(grids: grids, groupASize: 10, orientation: .similarity, randomLabellings: 99, seed: 5)
        #expect(!a.exhaustive && a.labellings == 100)
        // Every labelling ties with the observed one (all cells equal): p = 1.
        #expect(a.pValues[0][0] == 1)
    }

    @Test func identicalModelsAreAllIdentifiedByCKA() throws {
        let layers = (0..<3).map { i in SeededLayers.layer(40, 4 + i, seed: UInt64(900 + i)) }
        let model = { (tag: String) in layers.enumerated().map { j, x in
            GridLayer(id: "\(tag)/\(j)", label: "\(j)", source: InMemoryActivations(x)) } }
        let grids = try ModelGrids(models: [model("a"), model("b")],
                                   measure: CKAMeasure(metric: .linearCKA, options: MetricOptions()))
        #expect(LayerCorrespondence.accuracy(grids, metric: .linearCKA).accuracy == 1)
    }
}
