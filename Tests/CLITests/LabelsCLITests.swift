import Foundation
import Testing

/// `--labels FILE` on the command line: the samples' labels file in both forms gives the same
/// stitching numbers in `pair` and a full grid in `compute`; a bad file is one line on stderr
/// naming it and the problem, with exit status 2.
@Suite struct LabelsCLITests {
    static let heldout = CLI.samples + "/heldout.txt"
    static let pairArguments = ["pair", CLI.model("tanh-s0"), "layer3", CLI.model("tanh-s1"), "layer3", "--format", "json"]

    /// The digit labels of heldout.txt as a little-endian int64 .npy.
    static func npy(_ labels: [Int64], descr: String = "<i8") -> [UInt8] {
        var out = BadInputTests.npyHeader("{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(labels.count),), }")
        for v in labels { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        return out
    }

    static func digits() throws -> [Int64] {
        try String(contentsOfFile: heldout, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.map { Int64($0.split(separator: " ")[1])! }
    }

    @Test func textAndNpyLabelsGiveTheSameStitching() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let path = dir.path + "/labels.npy"
        try Data(Self.npy(try Self.digits())).write(to: URL(fileURLWithPath: path))
        let fromText = try CLI.json(Self.pairArguments + ["--labels", Self.heldout])
        let fromNpy = try CLI.json(Self.pairArguments + ["--labels", path])
        let stitching = try #require(fromText["stitching"] as? [String: Any])
        #expect(stitching["b_accuracy"] as? Double == 0.97)
        #expect((fromText["stitch"] as? Double).map { abs($0 - 0.965 / 0.97) < 1e-15 } == true)
        #expect(NSDictionary(dictionary: stitching).isEqual(to: try #require(fromNpy["stitching"] as? [String: Any])))
        // Without labels the value is null with the reason.
        let none = try CLI.json(Self.pairArguments)
        #expect(none["stitch"] is NSNull && none["stitching"] is NSNull)
        #expect((none["undefined"] as? [String: Any])?["stitch"] as? String == "needs --labels FILE: class labels of the N inputs")
    }

    @Test func computeGivesEveryCell() throws {
        let j = try CLI.json(["compute", CLI.model("wide"), CLI.model("tanh-s1"), "--metric", "stitch", "--labels", Self.heldout])
        let values = try #require(j["values"] as? [[Any]])
        #expect(values.count == 3 && values.allSatisfy { $0.count == 8 })
        #expect(values.joined().allSatisfy { ($0 as? Double).map { $0.isFinite && $0 > 0 } == true })
        let options = try #require(j["options"] as? [String: Any])
        #expect((options["labels"] as? [String: Any])?["classes"] as? Int == 10)
    }

    @Test func badLabelFilesAreOneLineNamingTheFile() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let digits = try Self.digits()
        var cases: [(String, [UInt8], [String])] = [
            ("short.txt", Array("1\n2\n3\n".utf8), ["short.txt", "holds 3 labels while the models have N = 400 samples"]),
            ("one.npy", Self.npy([Int64](repeating: 4, count: 400)), ["one.npy", "all 400 labels are 4", "at least 2 classes"]),
            ("words.txt", Array("# a comment\n3 1\nseven 2\n".utf8), ["words.txt", "line 3", "seven 2"]),
            ("matrix.npy", BadInputTests.npyHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (20, 20), }")
                + [UInt8](repeating: 0, count: 3200), ["matrix.npy", "shape (20, 20)"]),
        ]
        var late = digits.map { $0 == 7 ? 0 : $0 }
        late[399] = 7
        cases.append(("late.npy", Self.npy(late), ["late.npy", "class 7 never occurs in the training half (samples 0..<200)"]))
        var half = [UInt8]()
        for i in 0..<400 { withUnsafeBytes(of: (i == 17 ? 2.5 : Double(i % 3)).bitPattern.littleEndian) { half += $0 } }
        cases.append(("float.npy", BadInputTests.npyHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (400,), }") + half,
                      ["float.npy", "element 17 is 2.5"]))
        for (name, bytes, words) in cases {
            let path = dir.path + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            for command in [Self.pairArguments, ["compute", CLI.model("wide"), "--metric", "stitch"]] {
                BadInputTests.expectOneLine(try CLI.run(command + ["--labels", path]), mentioning: words)
            }
        }
        BadInputTests.expectOneLine(try CLI.run(Self.pairArguments + ["--labels", dir.path + "/absent.txt"]), mentioning: ["absent.txt"])
    }
}
