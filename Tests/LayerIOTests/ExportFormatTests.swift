import Testing
import LayerIO

/// The one export-format enum: the explorer's file formats, the CLI's names, and the rule that
/// picks a format for `compute` and `merge`.
@Suite struct ExportFormatTests {
    @Test func fileFormatsAreEveryCaseButTextAndPDF() {
        #expect(Set(ExportFormat.fileFormats) == Set(ExportFormat.allCases.filter(\.isFileFormat)))
        #expect(ExportFormat.fileFormats.count == ExportFormat.allCases.count - 2)
        #expect(!ExportFormat.text.isFileFormat && !ExportFormat.pdf.isFileFormat, "the command line writes these")
        #expect(ExportFormat.listed == ".csv, .json, .npy, .svg or .png")
        #expect(ExportFormat.allCases.map(\.rawValue) == ["json", "csv", "npy", "svg", "png", "pdf", "text"])
    }

    @Test func aPathNamesAFileFormatNeverText() {
        #expect(ExportFormat(path: "out/grid.CSV") == .csv)
        #expect(ExportFormat(path: "grid.png") == .png)
        #expect(ExportFormat(path: "grid.text") == nil)
        #expect(ExportFormat(path: "grid.pdf") == nil, "not (yet) the explorer's")
        #expect(ExportFormat.resolved(nil, output: "grid.pdf") == .pdf, "but the command line's")
        #expect(ExportFormat(path: "grid") == nil)
        #expect(ExportFormat(path: "dir.csv/grid") == nil)
    }

    @Test func resolvedFormatIsExplicitThenExtensionThenJSON() {
        #expect(ExportFormat.resolved(.csv, output: "grid.png") == .csv)
        #expect(ExportFormat.resolved(nil, output: "grid.PNG") == .png)
        #expect(ExportFormat.resolved(nil, output: "grid.text") == .text)
        #expect(ExportFormat.resolved(nil, output: "grid.unknown") == .json)
        #expect(ExportFormat.resolved(nil, output: nil) == .json)
    }

    @Test func binaryFormatsAreNpyPNGAndPDF() {
        #expect(ExportFormat.allCases.filter(\.isBinary) == [.npy, .png, .pdf])
        #expect(ExportFormat.allCases.filter(\.isImage) == [.svg, .png, .pdf])
    }
}
