import Foundation
import Testing
import TestSupport

/// `--reduce` token policies and `--mask` from the command line, on N×T×D layers written by
/// Tests/LayerIOTests/Fixtures/tokens/make_tokens.py together with numpy's reductions of them.
@Suite struct TokenPolicyCLITests {
    static let fixtures = CLI.root + "/Tests/LayerIOTests/Fixtures/tokens"
    static let mask = fixtures + "/mask.npy"

    @Test("compute --reduce mean --mask equals compute on numpy's masked means, byte for byte but for the recorded policy",
          arguments: [["--format", "csv"], ["--format", "json"], ["--format", "text"], ["--metric", "rbf-cka", "--format", "json"]])
    func maskedMeanEqualsNumpy(_ extra: [String]) throws {
        let masked = try CLI.run(["compute", "tokens=" + Self.fixtures + "/model", "--reduce", "mean", "--mask", Self.mask] + extra)
        let numpy = try CLI.run(["compute", "tokens=" + Self.fixtures + "/reduced_mean_masked"] + extra)
        #expect(masked.status == 0 && numpy.status == 0, "\(masked.stderr) \(numpy.stderr)")
        let label = "mean, mask " + Self.mask
        // CSV holds the grid only; JSON and text record the policy, the mask included.
        #expect(extra.contains("csv") || masked.stdout.contains(label), "\(masked.stdout)")
        #expect(!masked.stdout.isEmpty && masked.stdout.replacingOccurrences(of: label, with: "flatten") == numpy.stdout,
                "\(masked.stdout)\n\(numpy.stdout)")
    }

    @Test func layersShowsThePolicyAndTheMaskAndClsIsFirst() throws {
        let r = try CLI.run(["layers", "--reduce", "cls", "--mask", Self.mask, Self.fixtures + "/model"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("reduced (first, mask \(Self.mask))") && r.stdout.contains("6×5×3  float32  6×3"), "\(r.stdout)")
        let flat = try CLI.run(["layers", Self.fixtures + "/model"])
        #expect(flat.stdout.contains("6×5×3  float32  6×15"), "\(flat.stdout)")
    }

    @Test func badMasksFailNamingTheFileAndTheProblem() throws {
        let model = Self.fixtures + "/model"
        let short = try CLI.run(["compute", model, "--reduce", "last", "--mask", Self.fixtures + "/mask_short.npy"])
        #expect(short.status != 0 && short.stderr.contains("mask_short.npy: the mask is 6×4 (N×T) but layer \"a\""), "\(short.stderr)")
        let empty = try CLI.run(["compute", model, "--reduce", "max", "--mask", Self.fixtures + "/mask_empty_row.npy"])
        #expect(empty.status != 0 && empty.stderr.contains("mask_empty_row.npy: row 3 marks no real token"), "\(empty.stderr)")
        let flatten = try CLI.run(["compute", model, "--mask", Self.mask])
        #expect(flatten.status != 0 && flatten.stderr.contains("--mask needs a token policy"), "\(flatten.stderr)")
        let conv = try CLI.run(["compute", CLI.root + "/Tests/LayerIOTests/Fixtures/conv", "--reduce", "max"])
        #expect(conv.status != 0 && conv.stderr.contains("--reduce max picks or pools tokens of an N×T×D layer"), "\(conv.stderr)")
    }

    @Test func aMaskThatAppliesToNoLayerIsWarnedAbout() throws {
        let r = try CLI.run(["layers", "--reduce", "mean", "--mask", Self.mask, CLI.root + "/Tests/LayerIOTests/Fixtures/conv"])
        #expect(r.status == 0 && r.stderr.contains("mask.npy: no layer is N×T×D, so the mask applies to none"), "\(r.stderr)")
    }
}
