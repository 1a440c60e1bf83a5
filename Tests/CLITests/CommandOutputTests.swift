import Foundation
import Testing

/// The shape of what the headless commands print, which scripts rely on.
@Suite struct CommandOutputTests {
    @Test func layersListsEveryLayerWithShapesAndReduction() throws {
        let r = try CLI.run(["layers", CLI.model("wide"), CLI.model("tanh-s0")])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("model") == true && lines.first?.contains("reduced (flatten)") == true)
        #expect(lines.count == 1 + 3 + 8 + 1)
        #expect(lines.last == "layer order: wide (archive order), tanh-s0 (natural name order)")
        #expect(lines.contains { $0.hasPrefix("wide") && $0.contains("layer1") && $0.contains("400×256") && $0.contains("float32") })
    }

    @Test func csvHasAHeaderRowWithAnEmptyFirstCell() throws {
        let r = try CLI.run(["compute", CLI.model("wide"), "--format", "csv"])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == ",layer1,layer2,layer3_logits")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("layer1,"))
    }

    @Test func everyMetricComputesAGridWithoutNaN() throws {
        for metric in ["linear-cka", "rbf-cka", "debiased-cka", "cca-rho", "cca-r2", "svcca", "pwcca",
                       "procrustes", "regression", "mmd-poly", "knn", "matched-corr"] {
            let j = try CLI.json(["compute", CLI.model("wide"), CLI.model("relu-s0"), "--metric", metric])
            #expect(j["metric"] as? String == metric)
            let values = try #require(j["values"] as? [[Any]])
            #expect(values.count == 3 && values.allSatisfy { $0.count == 8 })
            // A cell is a finite number or null (undefined, with its reason listed).
            #expect(values.joined().allSatisfy { ($0 as? Double)?.isFinite == true || $0 is NSNull }, "\(metric)")
        }
    }

    @Test func outputFileIsWrittenAtomicallyInTheChosenFormat() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        for ext in ["csv", "json", "npy", "svg", "png"] {
            let path = dir.path + "/grid." + ext
            let r = try CLI.run(["compute", CLI.model("wide"), "-o", path])
            #expect(r.status == 0, "\(ext): \(r.stderr)")
            #expect(FileManager.default.fileExists(atPath: path))
        }
        let png = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/grid.png"))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
        let svg = try String(contentsOfFile: dir.path + "/grid.svg", encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("layer3_logits"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func pairSignificanceIsSeededAndReported() throws {
        let args = ["pair", CLI.model("tanh-s0"), "layer2", CLI.model("tanh-s1.npz"), "layer2", "--format", "json",
                    "--permutations", "49", "--bootstrap", "50", "--seed", "7"]
        let a = try CLI.json(args), b = try CLI.json(args)
        #expect(a["permutation_p"] as? Double == 1.0 / 50)
        let ci = try #require(a["bootstrap_ci"] as? [Double])
        #expect(ci.count == 2 && ci[0] <= ci[1])
        #expect(a["bootstrap_ci"] as? [Double] == b["bootstrap_ci"] as? [Double])
    }
}
