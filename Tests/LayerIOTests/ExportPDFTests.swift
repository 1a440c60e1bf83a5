import Foundation
import Testing
@testable import LayerIO
import Similarity
import Palette

/// The PDF figure is a well-formed one-page PDF 1.4: every cross-reference offset points at
/// its object, the stream's length is its byte count, the page has the figure's size in
/// points, and the content draws every cell and writes the labels in Helvetica.
@Suite struct ExportPDFTests {
    static func bytes(_ d: Data) -> [UInt8] { [UInt8](d) }

    static func find(_ needle: String, in hay: [UInt8], from start: Int = 0) -> Int? {
        let n = Array(needle.utf8)
        guard hay.count >= n.count else { return nil }
        var i = start
        while i <= hay.count - n.count {
            if hay[i] == n[0] && Array(hay[i..<(i + n.count)]) == n { return i }
            i += 1
        }
        return nil
    }

    /// The inflated content stream of a PDF this exporter wrote.
    static func content(_ pdf: [UInt8]) throws -> String {
        let lengthAt = try #require(find("/Length ", in: pdf))
        let digits = pdf[(lengthAt + 8)...].prefix { $0 >= 0x30 && $0 <= 0x39 }
        let length = try #require(Int(String(decoding: digits, as: UTF8.self)))
        let start = try #require(find("stream\n", in: pdf, from: lengthAt)) + 7
        #expect(Array(pdf[(start + length)..<(start + length + 10)]) == Array("\nendstream".utf8), "/Length is the stream's size")
        let zlib = Array(pdf[start..<(start + length)])
        #expect(zlib[0] == 0x78, "a zlib stream")
        let inflated = try DecodedPNG.inflate(Array(zlib.dropFirst(2).dropLast(4)))
        return String(decoding: inflated, as: UTF8.self)
    }

    @Test func structureOffsetsAndPageSize() throws {
        let table = HeatmapFixtures.mixed
        let figure = FigureOptions(dpi: 144)
        let pdf = Self.bytes(try ImageExporter.data(table, format: .pdf, palette: .viridis, figure: figure))
        #expect(Array(pdf.prefix(9)) == Array("%PDF-1.4\n".utf8))
        #expect(Array(pdf.suffix(6)) == Array("%%EOF\n".utf8))
        // startxref → the xref table → each object's offset.
        let sx = try #require(Self.find("startxref\n", in: pdf))
        let offsetDigits = pdf[(sx + 10)...].prefix { $0 != 0x0A }
        let xref = try #require(Int(String(decoding: offsetDigits, as: UTF8.self)))
        #expect(Array(pdf[xref..<(xref + 5)]) == Array("xref\n".utf8))
        let lines = String(decoding: pdf[xref...], as: UTF8.self).split(separator: "\n")
        #expect(lines[1] == "0 6")
        for k in 1...5 {
            let entry = lines[2 + k]
            #expect(entry.count == 19 && entry.hasSuffix(" 00000 n "), "a 20-byte entry: \(entry)")
            let offset = try #require(Int(entry.prefix(10)))
            #expect(Array(pdf[offset..<(offset + 8)]) == Array("\(k) 0 obj\n".utf8), "object \(k) at \(offset)")
        }
        let layout = HeatmapLayout(table: table, scale: HeatmapScale(metric: .linearCKA), figure: figure)
        let media = "/MediaBox [0 0 \(PDFExporter.number(Double(layout.width) / 2)) \(PDFExporter.number(Double(layout.height) / 2))]"
        #expect(Self.find(media, in: pdf) != nil, "the page is W·72/144 × H·72/144 points")
        #expect(Self.find("/BaseFont /Helvetica /Encoding /WinAnsiEncoding", in: pdf) != nil)
    }

    @Test func contentDrawsTheCellsAndTheText() throws {
        let table = HeatmapFixtures.mixed
        let layout = HeatmapLayout(table: table, scale: HeatmapScale(metric: .linearCKA))
        let content = try Self.content(Self.bytes(try ImageExporter.data(table, format: .pdf, palette: .viridis)))
        #expect(content.hasPrefix("0.5 0 0 -0.5 0 \(PDFExporter.number(Double(layout.height) / 2)) cm\n"), "pixels, y down")
        // Cell (0, 0) is value 0 in viridis's first colour.
        let first = HeatmapPalette.viridis.color(at: 0), c = layout.cell(0, 0)
        let rect = "\(PDFExporter.unit(first.r)) \(PDFExporter.unit(first.g)) \(PDFExporter.unit(first.b)) rg \(c.x) \(c.y) \(c.width) \(c.height) re f"
        #expect(content.contains(rect))
        #expect(content.contains(") Tj ET"))
        for label in ["(relu-s0 \\(layer*\\))", "(0.0)", "(1.0)", "(undefined)", "(linear CKA)"] {
            #expect(content.contains(label), "\(label)")
        }
        // The title's em dash and × are WinAnsi 0x97 and 0xD7.
        let bytes = Array(content.utf8)
        #expect(!bytes.isEmpty)
        // One rectangle per cell, one per colour-bar row, the paper, swatches and marks.
        let fills = content.components(separatedBy: " re f").count - 1
        #expect(fills >= 6 * 7 + layout.bar.height + 1)
    }

    @Test func textIsAnchoredWithHelveticasWidths() {
        #expect(PDFExporter.winAnsi("a\u{2212}b \u{2264} \u{00D7}\u{2014}") == Array("a-b <= ".utf8) + [0xD7, 0x97])
        #expect(PDFExporter.escaped(Array("(a\\b)".utf8)) == Array("\\(a\\\\b\\)".utf8))
        // "10" in Helvetica: 556 + 556 thousandths.
        #expect(PDFExporter.helveticaWidth(0x31) + PDFExporter.helveticaWidth(0x30) == 1112)
        #expect(PDFExporter.helveticaWidths.count == 95)
        #expect(PDFExporter.helveticaWidth(Array("M".utf8)[0]) == 833 && PDFExporter.helveticaWidth(Array("i".utf8)[0]) == 222)
    }
}
