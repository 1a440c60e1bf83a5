import Testing
import Similarity

/// The Hungarian algorithm against brute force on small matrices and against scipy's
/// `linear_sum_assignment` on larger fixtures.
@Suite struct HungarianTests {
    /// The best total over every one-to-one map from the shorter side into the longer, by
    /// enumerating injections (independent of the algorithm under test).
    static func bruteForceBest(_ w: Matrix<Double>) -> Double {
        let transposed = w.rows > w.cols
        let short = min(w.rows, w.cols), long = max(w.rows, w.cols)
        var best = -Double.infinity
        var used = [Bool](repeating: false, count: long)
        func go(_ i: Int, _ acc: Double) {
            if i == short { best = max(best, acc); return }
            for j in 0..<long where !used[j] {
                used[j] = true
                go(i + 1, acc + (transposed ? w[j, i] : w[i, j]))
                used[j] = false
            }
        }
        go(0, 0)
        return short == 0 ? 0 : best
    }

    /// min(rows, cols) pairs, distinct rows and columns, ascending rows, total = Σ weights.
    static func isValid(_ a: Hungarian.Assignment, _ w: Matrix<Double>) -> Bool {
        let rows = a.pairs.map(\.row), cols = a.pairs.map(\.column)
        let sum = a.pairs.reduce(0.0) { $0 + w[$1.row, $1.column] }
        return a.pairs.count == min(w.rows, w.cols)
            && Set(rows).count == rows.count && Set(cols).count == cols.count
            && rows == rows.sorted()
            && rows.allSatisfy { (0..<w.rows).contains($0) } && cols.allSatisfy { (0..<w.cols).contains($0) }
            && abs(sum - a.total) <= 1e-12 * max(1, abs(sum))
    }

    /// A random r×c matrix: uniform weights, signed normals or small integers (many ties).
    static func randomWeights(seed: UInt64) -> Matrix<Double> {
        var g = SeededGenerator(seed: seed)
        let r = 1 + Int(g.next() % 7), c = 1 + Int(g.next() % 7)
        var w = Matrix<Double>(rows: r, cols: c)
        let kind = seed % 3
        for k in w.storage.indices {
            switch kind {
            case 0: w.storage[k] = g.nextUnit()
            case 1: w.storage[k] = g.nextNormal()
            default: w.storage[k] = Double(g.next() % 3)
            }
        }
        return w
    }

    @Test(arguments: 1...120)
    func matchesBruteForce(seed: Int) throws {
        let w = Self.randomWeights(seed: UInt64(seed))
        let a = try Hungarian.maximumWeightAssignment(w)
        let best = Self.bruteForceBest(w)
        #expect(Self.isValid(a, w), "seed \(seed): invalid assignment \(a.pairs) for \(w.shapeDescription)")
        #expect(abs(a.total - best) <= 1e-12 * max(1, abs(best)),
                "seed \(seed) (\(w.shapeDescription)): total \(a.total), brute force \(best)")
    }

    @Test func matchesScipyOnFixtures() throws {
        let manifest = try Fixtures.manifest()
        #expect(manifest.assignments.count == 8)
        for case_ in manifest.assignments {
            let w = try Fixtures.matrix(case_.name, in: manifest).toDouble()
            let a = try Hungarian.maximumWeightAssignment(w)
            #expect(Self.isValid(a, w), "\(case_.name): invalid assignment")
            #expect(a.pairs.count == case_.pairCount, "\(case_.name)")
            #expect(relativelyClose(a.total, case_.total, 1e-13), "\(case_.name): \(a.total) vs scipy \(case_.total)")
            if let rows = case_.rows, let cols = case_.cols {
                // Continuous random weights: the optimum is unique, so the pairs must agree.
                #expect(a.pairs.map(\.row) == rows, "\(case_.name)")
                #expect(a.pairs.map(\.column) == cols, "\(case_.name)")
            }
        }
    }

    @Test func allEqualWeights() throws {
        for (r, c) in [(1, 1), (5, 5), (4, 9), (9, 4)] {
            let w = Matrix<Double>(rows: r, cols: c, repeating: 2.5)
            let a = try Hungarian.maximumWeightAssignment(w)
            #expect(Self.isValid(a, w))
            #expect(a.total == 2.5 * Double(min(r, c)), "\(r)×\(c)")
        }
    }

    @Test func tiesAreBrokenDeterministically() throws {
        let w = Matrix<Double>([[1, 1, 0], [1, 1, 0], [0, 0, 1]])
        let first = try Hungarian.maximumWeightAssignment(w)
        let second = try Hungarian.maximumWeightAssignment(w)
        #expect(first == second)
        #expect(first.total == 3)
    }

    @Test func rectangularAssignsTheShorterSideEvenAtALoss() throws {
        // Every weight negative: min(r, c) pairs are still made, the least negative ones.
        let wide = Matrix<Double>([[-1, -5, -3], [-4, -2, -6]])
        let a = try Hungarian.maximumWeightAssignment(wide)
        #expect(a.pairs == [.init(row: 0, column: 0), .init(row: 1, column: 1)])
        #expect(a.total == -3)
        let tall = wide.transposed()
        let b = try Hungarian.maximumWeightAssignment(tall)
        #expect(b.pairs == [.init(row: 0, column: 0), .init(row: 1, column: 1)])
        #expect(b.total == -3)
    }

    @Test func emptySidesGiveNoPairs() throws {
        for (r, c) in [(0, 0), (0, 4), (3, 0)] {
            let a = try Hungarian.maximumWeightAssignment(Matrix<Double>(rows: r, cols: c))
            #expect(a.pairs.isEmpty && a.total == 0)
        }
    }

    @Test func nonFiniteWeightsAreRejected() {
        var w = Matrix<Double>(rows: 3, cols: 3, repeating: 1)
        w[1, 2] = .nan
        w[2, 0] = .infinity
        #expect(throws: SimilarityError.nonFinite(count: 2)) { try Hungarian.maximumWeightAssignment(w) }
    }

    @Test(arguments: [(250, 300), (300, 250), (7, 7), (1, 3)])
    func progressIsBoundedMonotoneAndEndsAtOne(rows: Int, cols: Int) throws {
        var g = SeededGenerator(seed: 99)
        var w = Matrix<Double>(rows: rows, cols: cols)
        for k in w.storage.indices { w.storage[k] = g.nextUnit() }
        var reports: [Double] = []
        _ = try Hungarian.maximumWeightAssignment(w, progress: { reports.append($0) })
        #expect(!reports.isEmpty && reports.count <= 100, "\(reports.count) reports")
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0 < $1 })
        #expect(reports.last == 1)
        #expect(reports.allSatisfy { $0 > 0 && $0 <= 1 })
    }

    @Test func cancellationStopsTheSearch() {
        var g = SeededGenerator(seed: 5)
        var w = Matrix<Double>(rows: 200, cols: 200)
        for k in w.storage.indices { w.storage[k] = g.nextUnit() }
        var polls = 0
        #expect(throws: SimilarityError.cancelled) {
            try Hungarian.maximumWeightAssignment(w, isCancelled: { polls += 1; return polls > 20 })
        }
        #expect(polls == 21)
    }
}
