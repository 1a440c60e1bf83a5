import Testing
import Explorer
import Similarity

/// Golden whole screens of the baseline view (re-record with `LAYERMAP_RECORD_SNAPSHOTS=1`).
@Suite struct BaselineSnapshotTests {
    @Test func baselineView80x24() {
        var p = BaselineFixtures.pilot()
        p.press(.character("j"), .character("l"), .character("l"))
        Snapshot.expect(p.frame, named: "baseline-80x24")
    }

    @Test func baselineDrillWithTheSmallSampleNote80x24() {
        var p = BaselineFixtures.pilot(perGroup: 3)
        p.press(.character("l"), .enter)
        Snapshot.expect(p.frame, named: "baseline-drill-80x24")
    }
}
