import Explorer
import Similarity
import Testing

/// The UI's grids are the only copy of every result: exports carry the cells they write,
/// grid jobs are told which cells are known, and the disk cache is handed the cells.
@Suite struct OneCopyTests {
    let grid01 = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
    let grid10 = GridKey(metric: .linearCKA, rowModel: 1, colModel: 0)

    /// A value that tells (row, col) from (col, row).
    static func asymmetric(_ r: Int, _ c: Int) -> Double { Double(r) + Double(c) / 100 }

    func computedPilot() -> Pilot {
        var p = Pilot(Fixtures.session(layers: 4))
        for r in 0..<4 { for c in 0..<4 {
            p.send(.engine(.cell(CellKey(grid: grid01, row: r, col: c), Fixtures.value(Self.asymmetric(r, c)))))
        } }
        p.send(.engine(.finished(grid01)))
        return p
    }

    @Test func anExportOfTheSwappedPairCarriesTheMirroredCells() {
        var p = computedPilot()
        p.press(.tab)
        #expect(p.state.gridKey == grid10)
        p.press(.character("e"), .control("u"))
        p.type("out.csv")
        guard case .export(let r)? = p.press(.enter).first else { Issue.record("no export"); return }
        #expect(r.grid == grid10)
        let expected: [[CellValue?]] = (0..<4).map { i in (0..<4).map { j in .value(Self.asymmetric(j, i)) } }
        #expect(r.values == expected)
    }

    @Test func aSelectionCarriesItsCellsOnly() {
        var p = computedPilot()
        p.press(.tab, .character("j"), .character("v"), .character("j"), .character("l"), .character("e"), .control("u"))
        p.type("sel.json")
        guard case .export(let r)? = p.press(.enter).first else { Issue.record("no export"); return }
        #expect(r.rows == [1, 2] && r.cols == [0, 1])
        #expect(r.values == [[.value(Self.asymmetric(0, 1)), .value(Self.asymmetric(1, 1))],
                             [.value(Self.asymmetric(0, 2)), .value(Self.asymmetric(1, 2))]])
    }

    @Test func theSwappedPairOfAFinishedSymmetricGridNeedsNoJob() {
        var p = computedPilot()
        let e = p.press(.tab)
        #expect(!e.contains { if case .computeGrid = $0 { return true } else { return false } })
        #expect(p.state.values.isComplete)
    }

    @Test func aGridJobIsToldTheCellsAlreadyKnown() {
        var p = Pilot(Fixtures.session(layers: 4))
        p.send(.engine(.cell(CellKey(grid: grid01, row: 2, col: 3), Fixtures.value(0.5))))
        // Another metric and back: the job is asked for again, with the known cell.
        p.send(.engine(.cancelled(grid01)))
        p.press(.character("m"))
        let e = p.press(.character("m"))
        let known: Set<GridPosition> = [GridPosition(row: 2, col: 3)]
        #expect(e.contains(.computeGrid(grid01, p.state.focus, known: known)))
    }

    @Test func aFinishedGridGoesToTheCacheWithItsCellsAndItsMirror() {
        var p = Pilot(Fixtures.session(layers: 2))
        for r in 0..<2 { for c in 0..<2 {
            p.send(.engine(.cell(CellKey(grid: grid01, row: r, col: c), Fixtures.value(Self.asymmetric(r, c)))))
        } }
        let e = p.send(.engine(.finished(grid01)))
        let saved = Dictionary(uniqueKeysWithValues: e.compactMap { effect -> (GridKey, GridValues)? in
            if case .saveToCache(let k, let v) = effect { return (k, v) } else { return nil }
        })
        #expect(Set(saved.keys) == [grid01, grid10], "the mirrored grid is known too: \(e)")
        #expect(saved[grid01]?[1, 0]?.value == .value(Self.asymmetric(1, 0)))
        #expect(saved[grid10]?[0, 1]?.value == .value(Self.asymmetric(1, 0)))
        #expect(saved[grid01]?.isComplete == true)
    }

    /// Saved grids are not written again at quit: after the overview that would be 169 files,
    /// each with an fsync, between `q` and the shell prompt.
    @Test func quittingSavesOnlyTheGridsWithCellsNotYetOnDiskThenQuits() {
        var p = computedPilot()
        #expect(p.press(.character("q")) == [.quit], "both grids were saved when the job finished")

        var q = computedPilot()
        let late = GridKey(metric: .linearCKA, rowModel: 0, colModel: 0)
        q.send(.engine(.cell(CellKey(grid: late, row: 0, col: 0), Fixtures.value(0.5))))
        q.send(.engine(.cell(CellKey(grid: grid01, row: 0, col: 0), Fixtures.value(0.25))))
        let e = q.press(.character("q"))
        #expect(e.last == .quit)
        let saved = e.compactMap { effect -> GridKey? in
            if case .saveToCache(let k, _) = effect { return k } else { return nil }
        }
        #expect(Set(saved) == [late, grid01, grid10], "a cell after the save makes its grid and mirror unsaved again: \(saved)")
    }
}
