import Foundation
import Testing
import TestSupport

/// Exports of the swapped model pair hold the cells the screen shows: A×B is computed, Tab
/// shows B×A (linear CKA is symmetric, so every cell is the transposed A×B cell and nothing is
/// computed again), and each export must hold `layermap compute B A`'s grid, in every format,
/// for a selection, and for a metric switched to after the grid finished.
///
/// The mirrored values are A×B's, transposed: equal to `compute B A`'s to float32 rounding of
/// the cross products (XᵀY against YᵀX, below 1e-6), so numbers are compared to 1e-6 while
/// labels, layout and the images must be identical.
@Suite(.serialized) struct SwappedPairExportTests {
    static func screen(_ pane: TmuxPane) -> String { pane.capture().joined(separator: "\n") }

    /// CSV rows as fields.
    static func csv(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Same shape and labels; every number within `tolerance` of the other's.
    static func expectSameGrid(_ got: String, _ want: String, tolerance: Double = 1e-6, _ what: String) {
        let a = csv(got), b = csv(want)
        #expect(a.count == b.count && a.first == b.first, "\(what): header or row count differs:\n\(got)\nvs\n\(want)")
        for (ra, rb) in zip(a, b).dropFirst() {
            #expect(ra.count == rb.count && ra.first == rb.first, "\(what): row \(ra.first ?? "?") vs \(rb.first ?? "?")")
            for (x, y) in zip(ra.dropFirst(), rb.dropFirst()) {
                guard let u = Double(x), let v = Double(y) else {
                    Issue.record("\(what): a cell is not a number: \(x) / \(y)")
                    continue
                }
                #expect(abs(u - v) <= tolerance, "\(what): \(u) vs \(v)")
            }
        }
    }

    @Test func swappedPairSelectionAndSwitchedMetricExportWhatComputePrints() throws {
        try #require(TmuxPane.executable != nil, "tmux is not installed: the end-to-end explorer test needs it")
        let dir = try Scratch()
        defer { dir.remove() }
        let a = CLI.model("relu-s0"), b = CLI.model("relu-s1")
        let command = "cd \(shellQuote(dir.path)) && LAYERMAP_CACHE_DIR=\(shellQuote(dir.path + "/cache")) "
            + "\(shellQuote(CLI.binary)) \(shellQuote(a)) \(shellQuote(b)); echo EXITED $?; sleep 30"
        let pane = try TmuxPane(shellCommand: command, width: 120, height: 40)
        defer { pane.stop() }
        func export(_ name: String) {
            pane.send("e")
            _ = TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("export to:") }
            pane.send("C-u")
            pane.send("-l", name)
            pane.send("Enter")
            #expect(TmuxPane.waitUntil(seconds: 20) { Self.screen(pane).contains("to \(name)") },
                    "export of \(name) not confirmed:\n\(Self.screen(pane))")
        }

        #expect(TmuxPane.waitUntil(seconds: 60) { Self.screen(pane).contains("64/64 cells") },
                "A×B never completed:\n\(Self.screen(pane))")
        pane.send("Tab")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("relu-s1 × relu-s0") && Self.screen(pane).contains("64/64 cells") },
                "B×A is not complete at once:\n\(Self.screen(pane))")
        let formats = ["csv", "json", "npy", "svg", "png"]
        for f in formats { export("ba.\(f)") }
        // Rows layer2…layer3 × columns layer1…layer3 (the cursor is on layer1 × layer1).
        pane.send("j", "v", "j", "l", "l")
        export("sel.csv")
        pane.send("Escape")
        // (A key sent within ESCDELAY of Escape would read as an Alt chord.)
        #expect(TmuxPane.waitUntil(seconds: 10) { !Self.screen(pane).contains("sel 2") }, "selection not cleared")
        Thread.sleep(forTimeInterval: 0.3)
        // Another metric on B×A, after the linear grid finished: computed afresh.
        pane.send("m")
        #expect(TmuxPane.waitUntil(seconds: 60) { Self.screen(pane).contains("RBF") && Self.screen(pane).contains("64/64 cells") },
                "the RBF grid never completed:\n\(Self.screen(pane))")
        export("rbf.csv")
        pane.send("q")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("EXITED 0") }, "did not quit:\n\(Self.screen(pane))")

        func file(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: dir.path + "/" + name)) }
        func text(_ name: String) throws -> String { try String(contentsOfFile: dir.path + "/" + name, encoding: .utf8) }
        for f in formats {
            let r = try CLI.run(["compute", b, a, "-o", dir.path + "/compute.\(f)"])
            #expect(r.status == 0, "compute -o compute.\(f): \(r.stderr)")
        }
        // Numbers: the CSV to 1e-6; the JSON and .npy carry the same cells (checked through
        // their CSV twin: same values, same labels).
        let wantCSV = try text("compute.csv")
        Self.expectSameGrid(try text("ba.csv"), wantCSV, "csv")
        let json = try #require(JSONSerialization.jsonObject(with: try file("ba.json")) as? [String: Any])
        let wantJSON = try #require(JSONSerialization.jsonObject(with: try file("compute.json")) as? [String: Any])
        #expect(Set(json.keys) == Set(wantJSON.keys))
        for key in wantJSON.keys where key != "values" {
            #expect(NSDictionary(dictionary: [key: json[key] ?? NSNull()]).isEqual(to: [key: wantJSON[key] ?? NSNull()]), "json \(key) differs")
        }
        let values = (json["values"] as? [[Double]]) ?? [], wantValues = (wantJSON["values"] as? [[Double]]) ?? []
        #expect(values.count == 8 && values.map(\.count) == wantValues.map(\.count), "json values missing")
        #expect(zip(values.joined(), wantValues.joined()).allSatisfy { abs($0 - $1) <= 1e-6 }, "json values differ")
        let npy = try file("ba.npy"), wantNpy = try file("compute.npy")
        #expect(npy.count == wantNpy.count && npy.prefix(128) == wantNpy.prefix(128), "npy header or size differs")
        let got = npy.dropFirst(128).withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
        let want = wantNpy.dropFirst(128).withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
        #expect(got.count == 64 && zip(got, want).allSatisfy { abs($0 - $1) <= 1e-6 }, "npy cells differ")
        // Pictures: identical.
        #expect(try file("ba.svg") == (try file("compute.svg")), "svg differs")
        #expect(try file("ba.png") == (try file("compute.png")), "png differs")
        // The selection: exactly its rows and columns of compute's grid.
        let full = Self.csv(wantCSV)
        let selection = [[""] + Array(full[0][1...3])] + full[2...3].map { [$0[0]] + Array($0[1...3]) }
        Self.expectSameGrid(try text("sel.csv"), selection.map { $0.joined(separator: ",") }.joined(separator: "\n"), "selection")
        // The switched metric: computed cell by cell, bit for bit compute's.
        let rbf = try CLI.run(["compute", b, a, "--metric", "rbf-cka", "--format", "csv"])
        Self.expectSameGrid(try text("rbf.csv"), rbf.stdout, tolerance: 0, "rbf-cka")
    }
}
