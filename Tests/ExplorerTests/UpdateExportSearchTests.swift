import Testing
import Explorer
import Similarity

@Suite struct UpdateExportTests {
    let grid = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)

    @Test func selectionExportCarriesTheSelectedRanges() {
        var p = Pilot()
        p.press(.character("j"), .character("l"))
        p.press(.character("v"))
        p.press(.character("j"), .character("j"), .character("l"))
        #expect(p.state.selection == GridRect(rows: 1..<4, cols: 1..<3))
        p.press(.character("e"))
        #expect(p.state.overlay?.prompt?.text == "relu-s0_x_relu-s1_linear-cka_r1-3_c1-2.csv")
        #expect(StatusBarText.hints(p.frame) == "export to: relu-s0_x_relu-s1_linear-cka_r1-3_c1-2.csv")
        let e = p.press(.enter)
        let request = ExportRequest(path: "relu-s0_x_relu-s1_linear-cka_r1-3_c1-2.csv", format: .csv, grid: grid, rows: 1..<4, cols: 1..<3,
                                    values: Array(repeating: Array(repeating: nil, count: 2), count: 3))
        #expect(e == [.export(request)])
        #expect(p.state.overlay?.prompt == nil)
        #expect(p.state.pendingExports[request.path] == GridRect(rows: 1..<4, cols: 1..<3))
        p.send(.exportFinished(path: request.path, error: nil))
        #expect(p.state.message?.text == "wrote 3×2 cells to relu-s0_x_relu-s1_linear-cka_r1-3_c1-2.csv")
        #expect(p.state.pendingExports.isEmpty)
    }

    @Test func withoutSelectionTheWholeGridIsExported() {
        var p = Pilot()
        p.press(.character("e"))
        #expect(p.state.overlay?.prompt?.text == "relu-s0_x_relu-s1_linear-cka.csv")
        p.press(.control("u"))
        p.type("out.jsn")
        p.press(.backspace, .backspace)
        p.type("son")
        let e = p.press(.enter)
        #expect(e == [.export(ExportRequest(path: "out.json", format: .json, grid: grid, rows: 0..<12, cols: 0..<12,
                                            values: Array(repeating: Array(repeating: nil, count: 12), count: 12)))])
    }

    @Test func unknownExtensionKeepsThePromptOpen() {
        var p = Pilot()
        p.press(.character("e"), .control("u"))
        p.type("out.txt")
        #expect(p.press(.enter).isEmpty)
        #expect(p.state.overlay?.prompt?.text == "out.txt")
        #expect(p.state.message?.kind == .error)
        #expect(StatusBarText.info(p.frame).hasPrefix("unknown extension “.txt”: use .csv, .json, .npy, .svg or .png"))
        p.press(.control("u"))
        p.type("noext")
        #expect(p.press(.enter).isEmpty)
        #expect(p.state.message?.text.hasPrefix("add an extension") == true)
        p.press(.escape)
        #expect(p.state.overlay?.prompt == nil)
        #expect(p.effects.allSatisfy { if case .export = $0 { return false } else { return true } })
    }

    @Test func promptTakesKeysThatAreBindingsElsewhere() {
        var p = Pilot()
        p.press(.character("e"), .control("u"))
        p.type("q j?/v.png")
        #expect(p.state.overlay?.prompt?.text == "q j?/v.png")
        #expect(!p.state.hasQuit && p.state.cursor == .zero && p.state.overlay?.help == nil)
    }

    @Test func quitAsksFirstWhileAnExportIsBeingWritten() {
        var p = Pilot()
        p.press(.character("e"), .enter)
        #expect(p.press(.character("q")).isEmpty)
        #expect(p.state.overlay?.isAskingToQuit == true)
        // Any other key stays.
        #expect(p.press(.character("j")).isEmpty)
        #expect(p.state.overlay?.isAskingToQuit != true && !p.state.hasQuit)
        p.press(.character("q"))
        #expect(p.press(.character("q")) == [.quit])
    }

    @Test func failedExportIsReported() {
        var p = Pilot()
        p.press(.character("e"), .control("u"))
        p.type("/nope/out.csv")
        p.press(.enter)
        p.send(.exportFinished(path: "/nope/out.csv", error: "no such directory"))
        #expect(p.state.message == StatusMessage("could not write /nope/out.csv: no such directory", kind: .error,
                                                 expires: StatusMessage.errorLifetime))
        #expect(p.press(.character("q")) == [.quit])
    }

    @Test func escapeClearsTheSelection() {
        var p = Pilot()
        p.press(.character("v"), .character("j"))
        #expect(p.state.selection != nil)
        p.press(.escape)
        #expect(p.state.selection == nil)
        #expect(!p.state.hasQuit)
    }
}

@Suite struct UpdateSearchTests {
    static let names = ["conv1", "bn1", "conv2", "bn2", "fc", "Conv3"]

    @Test func searchJumpsAndStepsThroughMatches() {
        var p = Pilot(Fixtures.session(layers: 6, names: Self.names))
        p.press(.character("/"))
        p.type("conv")
        #expect(StatusBarText.hints(p.frame) == "search: /conv")
        p.press(.enter)
        // Rows 0, 2, 5 then columns 0, 2, 5.
        #expect(p.state.search?.matches == [.row(0), .row(2), .row(5), .col(0), .col(2), .col(5)])
        #expect(p.state.cursor.row == 0)
        #expect(StatusBarText.info(p.frame).hasPrefix("/conv  match 1/6: row 0 conv1"))
        p.press(.character("n"))
        #expect(p.state.cursor.row == 2)
        p.press(.character("n"), .character("n"), .character("n"))
        #expect(p.state.cursor == GridPosition(row: 5, col: 2))
        #expect(StatusBarText.info(p.frame).hasPrefix("/conv  match 5/6"))
        p.press(.character("N"), .character("N"), .character("N"), .character("N"))
        #expect(p.state.search?.index == 0)
        p.press(.character("N"))
        #expect(p.state.search?.index == 5 && p.state.cursor.col == 5)
    }

    @Test func noMatchSaysSo() {
        var p = Pilot(Fixtures.session(layers: 6, names: Self.names))
        p.press(.character("/"))
        p.type("attn")
        p.press(.enter)
        #expect(p.state.search == nil)
        #expect(p.state.message?.text == "no layer name contains “attn”")
        p.press(.character("n"))
        #expect(p.state.message?.text == "no search yet: / searches layer names")
    }
}
