import Testing
import Explorer
import Similarity

/// Golden whole screens (characters and styles) in `Snapshots/`. Re-record on purpose with
/// `LAYERMAP_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests`, then review the diff.
@Suite struct SnapshotTests {
    let grid = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)

    /// 12×12 with the lower-right quarter not computed yet, and one undefined cell.
    func partialGrid(_ key: GridKey) -> [CellKey: PairOutcome] {
        var c = Fixtures.fullGrid(key, rows: 12, cols: 12)
        for r in 8..<12 { for col in 8..<12 { c[CellKey(grid: key, row: r, col: col)] = nil } }
        c[CellKey(grid: key, row: 5, col: 2)] = Fixtures.undefined("the row layer is constant")
        return c
    }

    static let names = ["conv1", "layer1.0.conv1", "layer1.0.conv2", "layer1.1.conv1", "layer1.1.conv2",
                        "layer2.0.conv1", "layer2.0.conv2", "layer2.0.downsample", "layer3.0.conv1",
                        "layer3.0.conv2", "avgpool", "fc"]

    @Test func gridWithSelectionAndBestMatches80x24() {
        var p = Pilot(Fixtures.session(layers: 12, cached: partialGrid(grid), names: Self.names))
        p.send(.tick(1))
        p.send(.engine(.progress(grid, done: 128, total: 144)))
        p.send(.tick(3))
        p.send(.engine(.progress(grid, done: 132, total: 144)))
        p.press(.character("*"), .character("j"), .character("j"), .character("l"), .character("v"),
                .character("j"), .character("j"), .character("l"), .character("l"))
        Snapshot.expect(p.frame, named: "grid-80x24")
    }

    @Test func drillPanel80x24() {
        var p = Pilot(Fixtures.session(layers: 12, cached: partialGrid(grid), names: Self.names))
        p.press(.character("j"))
        p.press(.enter)
        let cell = CellKey(grid: grid, row: 1, col: 0)
        p.send(.engine(.drill(cell, .linearTerms(.success(DrillFixtures.linearTerms)))))
        p.send(.engine(.drill(cell, .decomposition(.success(DrillFixtures.decomposition)))))
        p.send(.engine(.drill(cell, .matchingProgress(0.6))))
        Snapshot.expect(p.frame, named: "drill-80x24")
    }

    @Test func valuesZoomInSixteenColours40x12() {
        var p = Pilot(Fixtures.session(layers: 12, mode: .palette16, cached: partialGrid(grid), names: Self.names),
                      size: Fixtures.size40x12)
        p.press(.character("+"), .character("J"), .character("L"))
        Snapshot.expect(p.frame, named: "values-palette16-40x12")
    }

    @Test func compactZoomWithManyLayers120x40() {
        let key = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
        var p = Pilot(Fixtures.session(layers: 160, mode: .trueColor, cached: Fixtures.fullGrid(key, rows: 160, cols: 160)),
                      size: TerminalSize(width: 120, height: 40))
        p.press(.character("-"), .character("J"), .character("J"), .character("L"), .character("L"), .character("L"))
        Snapshot.expect(p.frame, named: "compact-truecolor-120x40")
    }

    @Test func exportPromptWithAnErrorInMonochrome80x24() {
        var p = Pilot(Fixtures.session(layers: 12, mode: .monochrome, cached: partialGrid(grid), names: Self.names))
        p.press(.character("e"), .control("u"))
        p.type("results/grid.xlsx")
        p.press(.enter)
        Snapshot.expect(p.frame, named: "export-error-mono-80x24")
    }

    @Test func helpScreen120x40() {
        var p = Pilot(size: TerminalSize(width: 120, height: 40))
        p.press(.character("?"))
        Snapshot.expect(p.frame, named: "help-120x40")
    }
}
