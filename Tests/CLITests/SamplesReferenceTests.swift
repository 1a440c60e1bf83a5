import Foundation
import Testing

/// Every number `layermap pair` and `layermap compute` print for the bundled samples, against
/// numpy/scipy implementations written apart from the Swift code
/// (`Fixtures/make_samples_reference.py`).
@Suite struct SamplesReferenceTests {
    nonisolated(unsafe) static let reference: [String: Any] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/samples_reference.json")
        return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }()

    struct PairCase: CustomTestStringConvertible, Sendable {
        let index: Int
        var entry: [String: Any] { (SamplesReferenceTests.reference["pairs"] as! [[String: Any]])[index] }
        var testDescription: String {
            "\(entry["model_a"]!):\(entry["layer_a"]!) × \(entry["model_b"]!):\(entry["layer_b"]!)"
        }
    }

    static let pairCases = (0..<(reference["pairs"] as! [Any]).count).map { PairCase(index: $0) }

    /// Tolerances: the CKA family to 1e-5 (float32 data, float64 sums); the other measures to
    /// 1e-4, the agreement the measures promise on the samples; counts exactly.
    static let tolerance: [String: Double] = ["linear_cka": 1e-5, "debiased_cka": 1e-5, "rbf_cka": 1e-5]

    @Test(arguments: pairCases)
    func everyMeasureMatchesTheIndependentImplementation(_ c: PairCase) throws {
        let e = c.entry
        let got = try CLI.json(["pair", CLI.model(e["model_a"] as! String), e["layer_a"] as! String,
                                CLI.model(e["model_b"] as! String), e["layer_b"] as! String, "--format", "json"])
        let want = e["values"] as! [String: Any]
        for (key, value) in want {
            if let terms = value as? [String: Double] {
                let g = try #require(got[key] as? [String: Double], "\(key) missing")
                let scale = max(abs(terms["xx"]!), abs(terms["yy"]!))
                for t in ["xy", "xx", "yy"] {
                    #expect(abs(g[t]! - terms[t]!) <= 1e-5 * scale, "\(c) \(key).\(t): \(g[t]!) vs \(terms[t]!)")
                }
                continue
            }
            guard let w = value as? Double else {
                #expect(got[key] is NSNull || got[key] == nil, "\(c) \(key) should be undefined")
                continue
            }
            let g = try #require(got[key] as? Double, "\(c): \(key) missing or undefined")
            if key.hasSuffix("_k_x") || key.hasSuffix("_k_y") || key.contains("dead") {
                #expect(g == w, "\(c) \(key): \(g) vs \(w)")
            } else {
                let tol = Self.tolerance[key] ?? 1e-4
                #expect(abs(g - w) <= tol, "\(c) \(key): \(g) vs \(w)")
            }
        }
    }

    @Test func linearCKAGridsMatchNumpy() throws {
        for grid in Self.reference["grids"] as! [[String: Any]] {
            let a = grid["model_a"] as! String, b = grid["model_b"] as! String
            let args = a == b ? [CLI.model(a)] : [CLI.model(a), CLI.model(b)]
            let got = try CLI.json(["compute"] + args + ["--format", "json"])
            #expect(got["rows"] as? [String] == grid["rows"] as? [String])
            #expect(got["cols"] as? [String] == grid["cols"] as? [String])
            #expect(got["metric"] as? String == "linear-cka")
            #expect(got["n"] as? Int == 400)
            let values = try #require(got["values"] as? [[Double]])
            let want = grid["linear_cka"] as! [[Double]]
            for (i, row) in want.enumerated() {
                for (j, w) in row.enumerated() {
                    #expect(abs(values[i][j] - w) <= 1e-5, "\(a) × \(b) [\(i)][\(j)]: \(values[i][j]) vs \(w)")
                }
            }
        }
    }
}
