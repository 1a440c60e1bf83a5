import Testing
import Similarity
import SimilarityTestSupport

/// Neuron matching and `matched-corr` against numpy's `corrcoef` + scipy's assignment.
@Suite struct NeuronMatchingTests {
    @Test func matchesScipyOnFixtures() throws {
        let manifest = try Fixtures.manifest()
        for pair in manifest.pairs {
            let x = try Fixtures.matrix(pair.x, in: manifest), y = try Fixtures.matrix(pair.y, in: manifest)
            let expected = pair.matchedCorr
            let m = try NeuronMatcher.match(x: x, y: y)
            #expect(m.deadX == expected.deadX && m.deadY == expected.deadY, "\(pair.name)")
            #expect(m.widthX == x.cols && m.widthY == y.cols, "\(pair.name)")
            #expect(m.matches.count == expected.x.count, "\(pair.name)")
            // scipy lists pairs by X index, as NeuronMatching does.
            #expect(m.matches.map(\.x) == expected.x, "\(pair.name)")
            #expect(m.matches.map(\.y) == expected.y, "\(pair.name)")
            for (got, want) in zip(m.matches, expected.r) {
                #expect(close(got.correlation, want, 1e-13), "\(pair.name): r \(got.correlation) vs \(want)")
            }
            #expect(close(m.meanAbsCorrelation, expected.value, 1e-13), "\(pair.name)")

            let cell = outcome(.matchedCorr, x, y)
            #expect(close(cell.value.number, expected.value, 1e-13), "\(pair.name): \(cell.value)")
            #expect(cell.extras["dead_x"] == Double(expected.deadX) && cell.extras["dead_y"] == Double(expected.deadY))
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func layerWithItselfIsOneEvenWithDeadNeurons(seed: UInt64) throws {
        let x = SeededLayers.withDeadColumns(SeededLayers.layer(40, 15, seed: seed), [0, 4, 5, 14])
        let m = try NeuronMatcher.match(x: x, y: x)
        #expect(m.deadX == 4 && m.deadY == 4)
        #expect(m.matches.count == 11)
        #expect(m.matches.allSatisfy { $0.x == $0.y && close($0.correlation, 1, 1e-14) }, "seed \(seed)")
        let cell = outcome(.matchedCorr, x, x)
        #expect(close(cell.value.number, 1, 1e-14), "seed \(seed): \(cell.value)")
        #expect(cell.extras == ["dead_x": 4, "dead_y": 4])
    }

    @Test func signedCorrelationsAndOriginalIndicesAreKept() throws {
        // Y = X's neurons permuted, one negated, with a dead neuron in front: the matching
        // must recover the permutation with r = ±1 on original indices.
        let x = SeededLayers.layer(30, 5, seed: 8)
        var y = Matrix<Float>(rows: 30, cols: 6)
        let source = [-1, 3, 0, 4, 1, 2]          // column of X feeding each column of Y
        for i in 0..<30 {
            y[i, 0] = 2
            for j in 1..<6 { y[i, j] = (j == 2 ? -3 : 1) * x[i, source[j]] }
        }
        let m = try NeuronMatcher.match(x: x, y: y)
        #expect(m.deadY == 1)
        #expect(m.matches.map(\.x) == [0, 1, 2, 3, 4])
        #expect(m.matches.map(\.y) == [2, 4, 5, 1, 3])
        #expect(close(m.matches[0].correlation, -1, 1e-6))
        #expect(m.matches.filter { $0.x != 0 }.allSatisfy { close($0.correlation, 1, 1e-6) })
    }

    @Test func reportsProgressAndCanBeCancelled() throws {
        let x = SeededLayers.layer(50, 120, seed: 4)
        let y = SeededLayers.related(to: x, width: 130, seed: 5)
        var reports: [Double] = []
        _ = try NeuronMatcher.match(x: x, y: y, progress: { reports.append($0) })
        #expect(reports.count <= 100 && reports.last == 1)
        #expect(throws: SimilarityError.cancelled) {
            try NeuronMatcher.match(x: x, y: y, isCancelled: { true })
        }
    }

    @Test func unmatchableLayersThrowWithAReason() {
        let x = SeededLayers.layer(20, 4, seed: 1)
        let dead = Matrix<Float>(rows: 20, cols: 3, repeating: 1)
        #expect(throws: SimilarityError.degenerate("the column layer has no live neuron: all 3 neurons are constant over the samples")) {
            try NeuronMatcher.match(x: x, y: dead)
        }
        #expect(throws: SimilarityError.sampleCountMismatch(rows: 20, cols: 19)) {
            try NeuronMatcher.match(x: x, y: SeededLayers.layer(19, 4, seed: 2))
        }
    }
}
