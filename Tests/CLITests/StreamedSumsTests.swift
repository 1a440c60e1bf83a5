import Foundation
import Testing

/// The streamed-sums path (`--estimator sums`, and what `--memory` falls back to when the
/// layers do not fit) of every feature-space measure: against the float64 numpy reference on
/// trained ReLU networks with dead units, against the in-memory path on every bundled sample
/// model, and shards merged against one run.
@Suite struct StreamedSumsTests {
    static let metrics = ["cca-rho", "cca-r2", "svcca", "pwcca", "procrustes", "regression", "matched-corr",
                          "max-corr", "mmd-linear", "mmd-poly", "mmd-gauss"]
    static let ccaFamily: Set<String> = ["cca-rho", "cca-r2", "svcca", "pwcca"]

    /// The CCA family whitens from covariances, which squares the condition number: promised
    /// to 1e-6. The rest are exact rewritings of the same double-precision sums: 1e-9.
    static func tolerance(_ metric: String) -> Double { ccaFamily.contains(metric) ? 1e-6 : 1e-9 }

    /// Several blocks per pass (N = 256 or 400), so block sums and shifts are exercised.
    static let streamed = ["--estimator", "sums", "--block-rows", "64"]

    static func values(_ json: [String: Any]) throws -> [[Double?]] {
        let rows = try #require(json["values"] as? [[Any]])
        return rows.map { $0.map { $0 as? Double } }
    }

    /// The largest |a − b| over cells defined in both; a cell defined in one only is recorded.
    static func largestDifference(_ a: [[Double?]], _ b: [[Double?]], _ what: String) -> Double {
        var worst = 0.0
        for (i, (ra, rb)) in zip(a, b).enumerated() {
            for (j, (x, y)) in zip(ra, rb).enumerated() {
                switch (x, y) {
                case let (x?, y?): worst = max(worst, abs(x - y))
                case (nil, nil): break
                default: Issue.record("\(what) [\(i)][\(j)]: \(String(describing: x)) vs \(String(describing: y))")
                }
            }
        }
        return worst
    }

    @Test(arguments: [7, 8])
    func streamedSumsMatchTheFloat64ReferenceOnTrainedNetworks(seed: Int) throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let reference = try TrainedNetworkReferenceTests.train(seed: seed, into: dir.path)
        #expect(reference.constantUnits.values.joined().reduce(0, +) > 0, "no dead unit: \(reference.constantUnits)")
        for metric in Self.metrics {
            let r = try CLI.run(["compute", dir.path + "/net-a", dir.path + "/net-b", "--metric", metric, "--timings"]
                                + Self.streamed + ["--format", "json"])
            try #require(r.status == 0, "\(metric): \(r.stderr)")
            #expect(r.stderr.contains("streaming feature sums"), "\(metric) did not stream: \(r.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let expected = try #require(reference.grids[metric.replacingOccurrences(of: "-", with: "_")])
            let worst = Self.largestDifference(try Self.values(json), expected, "seed \(seed) \(metric)")
            #expect(worst <= Self.tolerance(metric), "seed \(seed) \(metric): largest difference \(worst)")
            print("streamed sums, trained seed \(seed) \(metric): largest difference \(worst)")
        }
    }

    static let sampleModels = ["relu-s0", "relu-s1", "relu-s2", "relu-s3", "tanh-s0", "tanh-s1", "tanh-s2",
                               "tanh-s3", "tanh-s4", "tanh-s6", "tanh-s7", "wide"]

    /// Every sample model against the next (and the last against the first): the streamed
    /// sums give the in-memory path's grid.
    @Test(arguments: sampleModels.indices)
    func streamedSumsAgreeWithTheInMemoryPathOnTheSamples(_ k: Int) throws {
        let a = CLI.model(Self.sampleModels[k]), b = CLI.model(Self.sampleModels[(k + 1) % Self.sampleModels.count])
        for metric in Self.metrics {
            let memory = try Self.values(try CLI.json(["compute", a, b, "--metric", metric, "--format", "json"]))
            let sums = try Self.values(try CLI.json(["compute", a, b, "--metric", metric, "--format", "json"] + Self.streamed))
            let worst = Self.largestDifference(memory, sums, "\(Self.sampleModels[k]) \(metric)")
            #expect(worst <= Self.tolerance(metric), "\(Self.sampleModels[k]) \(metric): largest difference \(worst)")
        }
    }

    /// Three shards, one of them crossing the held-out split at N/2 and none on a block
    /// boundary, merge to the streamed single run's grid to 1e-9 for every measure.
    @Test func shardsMergeToOneRunForEveryMeasure() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let a = CLI.model("tanh-s0"), b = CLI.model("relu-s1")
        for metric in Self.metrics {
            var files: [String] = []
            for (k, range) in [":130", "130:333", "333:"].enumerated() {
                let path = dir.path + "/\(metric)-\(k).lmp"
                let r = try CLI.run(["compute", a, b, "--metric", metric, "--samples", range, "--partial", path, "--block-rows", "64"])
                try #require(r.status == 0, "\(metric) \(range): \(r.stderr)")
                files.append(path)
            }
            let merged = try CLI.json(["merge"] + files.reversed() + ["--format", "json"])
            #expect(merged["metric"] as? String == metric && merged["n"] as? Int == 400)
            let one = try CLI.json(["compute", a, b, "--metric", metric, "--format", "json"] + Self.streamed)
            let worst = Self.largestDifference(try Self.values(merged), try Self.values(one), "merged \(metric)")
            #expect(worst <= 1e-9, "\(metric): merged shards differ from one run by \(worst)")
        }
    }

    @Test func spearmanAndNonAdditiveMeasuresAreRefusedForSums() throws {
        let a = CLI.model("tanh-s0")
        var r = try CLI.run(["compute", a, "--metric", "max-corr", "--rank-correlation", "--partial", "/dev/null"])
        #expect(r.status != 0 && r.stderr.contains("rank"), "\(r.stderr)")
        r = try CLI.run(["compute", a, "--metric", "knn", "--estimator", "sums"])
        #expect(r.status != 0 && r.stderr.contains("additive sums"), "\(r.stderr)")
    }

    /// A budget below the in-memory need but above the streamed floor streams; below both, a
    /// refusal names both needs.
    @Test func theMemoryBudgetChoosesTheStreamedPath() throws {
        let a = CLI.model("relu-s0"), b = CLI.model("relu-s1")
        var r = try CLI.run(["compute", a, b, "--metric", "cca-rho", "--memory", "6M", "--block-rows", "50", "--timings"])
        #expect(r.status == 0 && r.stderr.contains("streaming feature sums"), "\(r.stderr)")
        r = try CLI.run(["compute", a, b, "--metric", "cca-rho", "--memory", "1M"])
        #expect(r.status == 2 && r.stderr.contains("in memory") && r.stderr.contains("streamed"), "\(r.stderr)")
    }
}
