import Foundation
import Testing
import TestSupport

/// Every measure of `compute` against a float64 numpy reference on two small ReLU networks
/// trained afresh by `Fixtures/make_trained_reference.py` (numpy, full-batch gradient
/// descent; some units dead), so the Swift code is checked on trained representations it was
/// never tuned on. The reference comes from the numpy/scipy implementations written apart
/// from the Swift code (`Fixtures/reference_measures.py`). Needs python3 with numpy and scipy,
/// which `make test` installs when missing.
@Suite struct TrainedNetworkReferenceTests {
    struct Reference: Decodable {
        let layers: [String]
        let grids: [String: [[Double?]]]
        let constantUnits: [String: [Int]]
        enum CodingKeys: String, CodingKey { case layers, grids, constantUnits = "constant_units" }
    }

    /// Largest allowed |layermap − reference| per measure. Linear and debiased CKA are promised
    /// to 1e-9 (every path in double precision); RBF CKA stores its centred kernel as Float
    /// (about 2e-9 here), so 1e-8. The rest factorise float32-valued data in double and agree
    /// to about 1e-14; 1e-10 leaves room for LAPACK's and numpy's different orders of
    /// summation on other machines. kNN is set arithmetic: only the final mean rounds.
    static let tolerance: [String: Double] = [
        "linear-cka": 1e-9, "debiased-cka": 1e-9, "rbf-cka": 1e-8,
        "cca-rho": 1e-10, "cca-r2": 1e-10, "svcca": 1e-10, "pwcca": 1e-10, "procrustes": 1e-10,
        "regression": 1e-10, "mmd-poly": 1e-10, "mmd-linear": 1e-10, "mmd-gauss": 1e-10, "knn": 1e-15,
        "matched-corr": 1e-10, "max-corr": 1e-10,
    ]

    static func train(seed: Int, into dir: String) throws -> Reference {
        let script = CLI.root + "/Tests/CLITests/Fixtures/make_trained_reference.py"
        let r = try spawn("/usr/bin/env", ["python3", script, dir, String(seed)],
                          environment: ProcessInfo.processInfo.environment)
        try #require(r.status == 0, "make_trained_reference.py failed (numpy and scipy are needed; make test installs them): \(r.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/reference.json"))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    @Test(arguments: [7, 8])
    func everyMeasureMatchesTheFloat64Reference(seed: Int) throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let reference = try Self.train(seed: seed, into: dir.path)
        // The networks must have dead units, or the rank rule is not exercised.
        #expect(reference.constantUnits.values.joined().reduce(0, +) > 0, "no dead unit: \(reference.constantUnits)")
        for (metric, tolerance) in Self.tolerance.sorted(by: { $0.key < $1.key }) {
            let json = try CLI.json(["compute", dir.path + "/net-a", dir.path + "/net-b", "--metric", metric])
            #expect(json["rows"] as? [String] == reference.layers && json["cols"] as? [String] == reference.layers)
            let values = try #require(json["values"] as? [[Any]])
            let expected = try #require(reference.grids[metric.replacingOccurrences(of: "-", with: "_")])
            var worst = 0.0
            for (i, row) in expected.enumerated() {
                for (j, e) in row.enumerated() {
                    let got = values[i][j] as? Double
                    guard let e else {
                        #expect(got == nil, "seed \(seed) \(metric) [\(i)][\(j)]: \(String(describing: got)), reference undefined")
                        continue
                    }
                    guard let got else {
                        Issue.record("seed \(seed) \(metric) [\(i)][\(j)]: undefined, reference \(e)")
                        continue
                    }
                    worst = max(worst, abs(got - e))
                }
            }
            #expect(worst <= tolerance, "seed \(seed) \(metric): largest difference \(worst) > \(tolerance)")
            print("trained seed \(seed) \(metric): largest difference \(worst)")
        }
    }
}
