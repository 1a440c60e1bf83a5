import Testing
import Similarity

/// The one centring type: its double and rounded views of Xc, its norms, and the held-out
/// centring, against the definition xc_ij = x_ij − μ_j computed here in the plainest way.
@Suite struct CentringTests {
    static func layer(seed: UInt64, rows: Int = 37, cols: Int = 5) -> Matrix<Float> {
        var g = SeededGenerator(seed: seed)
        var x = Matrix<Float>(rows: rows, cols: cols)
        for i in 0..<rows { for j in 0..<cols { x[i, j] = Float(g.nextNormal() * 3 + Double(j)) } }
        for i in 0..<rows { x[i, cols - 1] = 2.5 } // a constant (dead) neuron
        return x
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func viewsAndNormsFollowTheDefinition(seed: UInt64) throws {
        let x = Self.layer(seed: seed)
        let c = try CentredColumns(x)
        let n = x.rows, d = x.cols
        let means = (0..<d).map { j in (0..<n).reduce(0.0) { $0 + Double(x[$1, j]) } / Double(n) }
        #expect(c.means == means)
        let xc = c.centred(), rounded = c.roundedCentred()
        var total = 0.0
        for i in 0..<n {
            var row = 0.0
            for j in 0..<d {
                let v = Double(x[i, j]) - means[j]
                #expect(xc[i, j] == v)
                #expect(rounded[i, j] == Float(v))
                row += v * v
            }
            #expect(c.rowSquaredNorms[i] == row)
            total += row
        }
        #expect(c.squaredNorm == total)
        #expect(c.centredRows(5..<9).storage == xc.rowSlice(5..<9).storage)
        #expect(c.liveColumns == Array(0..<(d - 1)))
        #expect(c.deadColumnCount == 1)
        #expect((0..<n).allSatisfy { xc[$0, d - 1] == 0 }, "a constant column centres to exactly zero")
    }

    @Test func heldOutCentringSubtractsTheGivenMeans() throws {
        let x = Self.layer(seed: 9)
        let fit = try CentredColumns(x.rowSlice(0..<18))
        let evaluation = CentredColumns.subtracting(fit.means, from: x, rows: 18..<x.rows)
        #expect(evaluation.rows == x.rows - 18)
        for i in 0..<evaluation.rows {
            for j in 0..<x.cols { #expect(evaluation[i, j] == Double(x[18 + i, j]) - fit.means[j]) }
        }
    }

    @Test func nonFiniteValuesAreCounted() {
        var x = Self.layer(seed: 4)
        x[0, 0] = .nan
        x[3, 1] = .infinity
        #expect(throws: SimilarityError.nonFinite(count: 2)) { try CentredColumns(x) }
    }
}
