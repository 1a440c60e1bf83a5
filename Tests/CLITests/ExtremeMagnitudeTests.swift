import Foundation
import Testing

/// Extreme but finite activations are computed, not given a false reason. float32 layers
/// scaled to 1e-25 or 1e20 and float64 layers near 1e±300 give the values of the unscaled
/// layer (every measure is invariant to isotropic scaling), and a float64 layer beyond
/// float32's range is read scaled by a power of two, with a note on stderr.
@Suite struct ExtremeMagnitudeTests {
    static let n = 240

    /// Two related layers (n×5, n×4) from a fixed LCG, float64, the first one's largest
    /// magnitude in [1, 2) so that a power-of-two copy reads back as exactly these values.
    static func layers() -> [[[Double]]] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        let a = (0..<n).map { _ in (0..<5).map { _ in next() } }
        let b = a.map { r in (0..<4).map { j in r[j] + 0.3 * r[(j + 1) % 5] * r[j] + 0.4 * next() } }
        return [a, b].map { m in
            let top = m.joined().map(abs).max()!
            return m.map { $0.map { $0 / top * 1.5 } }
        }
    }

    /// A model directory with `l1.npy`, `l2.npy`: the layers times `scale`, as `<f8` or `<f4`.
    static func model(_ name: String, scale: Double, float64: Bool, in dir: Scratch) throws -> String {
        let path = dir.path + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (k, m) in layers().enumerated() {
            var bytes = BadInputTests.npyHeader("{'descr': '<f\(float64 ? 8 : 4)', 'fortran_order': False, 'shape': (\(n), \(m[0].count)), }")
            for v in m.joined() {
                if float64 { withUnsafeBytes(of: (v * scale).bitPattern.littleEndian) { bytes += $0 } }
                else { withUnsafeBytes(of: Float(v * scale).bitPattern.littleEndian) { bytes += $0 } }
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path + "/l\(k + 1).npy"))
        }
        return path
    }

    static let measures = ["linear_cka", "rbf_cka", "debiased_cka", "cca_rho", "cca_r2", "svcca", "pwcca",
                           "procrustes", "regression", "mmd_poly", "knn", "matched_corr"]

    static func pairValues(_ model: String, _ reference: String) throws -> (values: [String: Double], stderr: String) {
        let r = try CLI.run(["pair", model, "l1", reference, "l2", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        var values: [String: Double] = [:]
        for m in measures { values[m] = json[m] as? Double }
        return (values, r.stderr)
    }

    @Test(arguments: [("tiny64", 1e-300, true), ("huge64", 1e300, true), ("small32", 1e-25, false), ("large32", 1e20, false)])
    func everyMeasureIsComputedAsForTheUnscaledLayer(name: String, scale: Double, float64: Bool) throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let reference = try Self.model("ref", scale: 1, float64: true, in: dir)
        let scaled = try Self.model(name, scale: scale, float64: float64, in: dir)
        let expected = try Self.pairValues(reference, reference).values
        let (got, stderr) = try Self.pairValues(scaled, reference)
        for m in Self.measures {
            let e = try #require(expected[m], "reference \(m) undefined")
            let g = try #require(got[m], "\(name): \(m) is undefined; stderr: \(stderr)")
            // float32 layers: the scaled copy rounds differently (1e-25·x is not a power of two).
            #expect(abs(g - e) <= 1e-6, "\(name) \(m): \(g) vs \(e)")
        }
        let noted = stderr.contains("holds float64 values of magnitude up to") && stderr.contains("it is read multiplied by 2^")
        #expect(noted == float64, "\(name): \(stderr)")
        #expect(!stderr.contains("NaN or infinite"), "\(stderr)")
    }

    /// Scaling by a power of two is exact, so a float64 layer stored as x·2^1000 reads back as
    /// x itself and every value is bit for bit the unscaled one's.
    @Test(arguments: ["linear-cka", "cca-rho", "procrustes", "knn"])
    func powerOfTwoCopyGivesIdenticalGrids(metric: String) throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let reference = try Self.model("ref", scale: 1, float64: true, in: dir)
        let scaled = try Self.model("pow2", scale: Double(sign: .plus, exponent: 1000, significand: 1), float64: true, in: dir)
        let a = try CLI.run(["compute", reference, "--metric", metric, "--format", "csv"])
        let b = try CLI.run(["compute", scaled, "--metric", metric, "--format", "csv"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(a.stdout == b.stdout && !a.stdout.isEmpty)
        #expect(b.stderr.contains("\"l1\" of model \"pow2\"") && b.stderr.contains("2^-1000"), "\(b.stderr)")
    }
}
