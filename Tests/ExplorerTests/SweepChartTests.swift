import Testing
import Explorer
import Similarity

/// The text line chart and the details panel's sweep section, as pictures.
@Suite struct SweepChartTests {
    @Test func aRisingLineWithTicks() {
        let lines = TextLineChart.render([TextLineChart.Series(marker: "*", points: [(0, 0), (2, 0.5), (4, 1)])],
                                         xRange: 0...4, yRange: 0...1, width: 9, height: 5,
                                         xTicks: [(0, "0"), (2, "2"), (4, "4")], unicode: false)
        #expect(lines == [
            " 1.00 +        *",
            "      |      ..",
            " 0.50 +    *.",
            "      |  ..",
            " 0.00 +*.",
            "      +---------",
            "       0   2   4",
        ])
    }

    /// Marks of two series on one cell read `#`; ticks that would overlap are left out.
    @Test func sharedCellsAndCrowdedTicks() {
        let a = TextLineChart.Series(marker: "*", points: [(0, 1), (1, 1)])
        let b = TextLineChart.Series(marker: "o", points: [(0, 0), (1, 1)])
        let lines = TextLineChart.render([a, b], xRange: 0...1, yRange: 0...1, width: 4, height: 2,
                                         xTicks: [(0, "0.0"), (0.1, "0.1"), (1, "1.0")], unicode: false)
        #expect(lines == [" 1.00 +*..#", " 0.00 +o.", "      +----", "       0.0 1.0"])
    }

    static let sweeps = MatchingSweeps(
        fullRank: 4,
        rank: [.init(k: 1, r2: 0.5, heldOutR2: 0.4), .init(k: 2, r2: 0.8, heldOutR2: 0.7), .init(k: 4, r2: 0.9, heldOutR2: 0.75)],
        alphaMax: 0.5,
        sparsity: [.init(alpha: 0.5, zeroFraction: 1, r2: 0, heldOutR2: -0.01, converged: true),
                   .init(alpha: 0.05, zeroFraction: 0.5, r2: 0.8, heldOutR2: 0.7, converged: false)])

    @Test func thePanelShowsBothSweepsAfterTheyArrive() {
        let cell = CellKey(grid: GridKey(metric: .linearCKA, rowModel: 0, colModel: 1), row: 0, col: 0)
        var p = Pilot(Fixtures.session(layers: 4), size: TerminalSize(width: 100, height: 200))
        p.press(.enter)
        let before = p.frame.lines.map(Screen.trimRight)
        guard let h = before.firstIndex(where: { $0.contains("Direct matching: rank and sparsity sweeps") }) else {
            Issue.record("no sweep heading: \(before)")
            return
        }
        #expect(before[h + 1].contains("computing"))
        p.send(.engine(.drill(cell, .sweeps(.success(Self.sweeps)))))
        let lines = p.frame.lines.map(Screen.trimRight)
        #expect(lines.contains { $0.contains("R² against the rank k of the map (full rank 4 = regression)") })
        #expect(lines.contains { $0.contains("k 1:0.500 2:0.800 4:0.900") })
        #expect(lines.contains { $0.contains("R² against the fraction of zero weights") })
        #expect(lines.contains { $0.contains("1 of 2 lasso fits did not converge") })
        #expect(lines.contains { $0.contains("# both") })
    }
}
