import Foundation
import Testing

/// `compute`, `merge` and `baseline` take `--size`, `--dpi`, `--font-size`, `--range`,
/// `--annotate` and `--title` for their images; bad values and image options given for
/// another format are a clear error with a non-zero exit; `baseline -o` writes every format.
@Suite struct FigureFlagsCLITests {
    static var pair: [String] { [CLI.model("tanh-s0"), CLI.model("tanh-s1")] }
    static var groups: [String] {
        ["--group", "tanh=" + ["tanh-s0", "tanh-s1", "tanh-s2", "tanh-s3"].map(CLI.model).joined(separator: ","),
         "--group", "relu=" + ["relu-s0", "relu-s1", "relu-s2", "relu-s3"].map(CLI.model).joined(separator: ",")]
    }

    /// A PNG's width and height, from its IHDR chunk (bytes 16–23, big-endian).
    static func pngSize(_ path: String) throws -> (Int, Int) {
        let d = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try #require(d.count > 24 && d[12..<16].elementsEqual(Array("IHDR".utf8)))
        func be(_ k: Int) -> Int { d[k..<(k + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    @Test func sizeAndOptionsShapeThePNG() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let out = dir.path + "/grid.png"
        let r = try CLI.run(["compute"] + Self.pair + ["-o", out, "--size", "900x700", "--dpi", "200", "--font-size", "8",
                                                       "--range", "robust", "--annotate", "--title", "Figure 2"])
        #expect(r.status == 0, "\(r.stderr)")
        let (w, h) = try Self.pngSize(out)
        #expect(w == 900 && h == 700)
    }

    @Test func theSVGCarriesTheTitleAndTheValues() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let out = dir.path + "/grid.svg"
        let r = try CLI.run(["compute"] + Self.pair + ["-o", out, "--annotate", "--title", "tanh <s0> & s1", "--range", "0.5:1"])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.contains(">tanh &lt;s0&gt; &amp; s1</text>"))
        #expect(svg.contains("<g id=\"annotations\""))
        #expect(svg.contains("linear CKA, fixed range"))
    }

    @Test(arguments: [
        (["--size", "12x"], "--size 12x: expected WIDTHxHEIGHT"),
        (["--size", "0x500"], "--size 0x500: expected WIDTHxHEIGHT"),
        (["--range", "1:0"], "--range 1:0: expected full, auto, robust or MIN:MAX"),
        (["--range", "wide"], "--range wide: expected full, auto, robust or MIN:MAX"),
        (["--dpi", "5"], "--dpi must be from 36 to 1200"),
        (["--font-size", "100"], "--font-size must be from 4 to 72 points"),
    ])
    func badValuesAreRefused(_ flags: [String], _ message: String) throws {
        let r = try CLI.run(["compute"] + Self.pair + ["-o", "/nonexistent-dir/x.png"] + flags)
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
    }

    @Test func imageOptionsForAnotherFormatAreAnError() throws {
        let r = try CLI.run(["compute"] + Self.pair + ["--format", "json", "--annotate"])
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderr.contains("apply to svg, png and pdf output; the output format here is json"), "stderr: \(r.stderr)")
    }

    @Test func aSizeTooSmallSaysWhatItNeeds() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let r = try CLI.run(["compute"] + Self.pair + ["-o", dir.path + "/x.png", "--size", "100x100"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--size 100x100 is too small for a 8×8 grid"), "stderr: \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/x.png"))
    }

    @Test func baselineWritesEveryFormatWithItsGroups() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        for ext in ["json", "csv", "png", "svg", "npy"] {
            let r = try CLI.run(["baseline"] + Self.groups + ["-o", dir.path + "/b." + ext])
            #expect(r.status == 0, "\(ext): \(r.stderr)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/b.json"))) as? [String: Any])
        let groups = try #require(json["groups"] as? [String: [String]])
        #expect(groups["tanh"] == ["tanh-s0", "tanh-s1", "tanh-s2", "tanh-s3"])
        for key in ["within", "across", "difference", "p_values"] {
            #expect((json[key] as? [[Any]])?.count == 8, "\(key)")
        }
        // The same JSON as on standard output.
        let stdout = try CLI.run(["baseline"] + Self.groups + ["--format", "json"])
        #expect(stdout.stdout == (try String(contentsOfFile: dir.path + "/b.json", encoding: .utf8)))
        let csv = try String(contentsOfFile: dir.path + "/b.csv", encoding: .utf8)
        #expect(csv.hasPrefix("row,col,within,across,difference,p_value,significant\nlayer1,layer1,"))
        #expect(csv.split(separator: "\n").count == 1 + 64)
        let svg = try String(contentsOfFile: dir.path + "/b.svg", encoding: .utf8)
        #expect(svg.contains("<g id=\"significance-marks\">"))
    }

    @Test func baselineRefusesBinaryOnTheTerminalAndTwinNames() throws {
        let png = try CLI.run(["baseline"] + Self.groups + ["--format", "png"])
        #expect(png.status != 0 && png.stderr.contains("--format png writes binary data: give --output FILE"), "\(png.stderr)")
        let twins = try CLI.run(["baseline", "--group", "a=" + CLI.model("tanh-s0") + "," + CLI.model("tanh-s1"),
                                 "--group", "a=" + CLI.model("relu-s0") + "," + CLI.model("relu-s1")])
        #expect(twins.status != 0 && twins.stderr.contains("the two groups need different names"), "\(twins.stderr)")
    }
}
