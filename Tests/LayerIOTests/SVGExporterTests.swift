import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import LayerIO
import Similarity
import Palette

/// The SVG heatmap is well-formed XML with the layout's size, one filled rect with a tooltip
/// per cell, escaped names, tick labels and a colour bar gradient from the palette.
@Suite struct SVGExporterTests {
    /// An element of the parsed document: its name, attributes, text, and the names of its
    /// ancestors' ids.
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
        var ancestorIDs: [String]
        var children: [Int] = []
    }

    /// Parses with Foundation's XMLParser, keeping every element in document order.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var stack: [Int] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let ids = stack.compactMap { elements[$0].attributes["id"] }
            if let parent = stack.last { elements[parent].children.append(elements.count) }
            elements.append(Element(name: name, attributes: attributes, ancestorIDs: ids))
            stack.append(elements.count - 1)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let top = stack.last { elements[top].text += string }
        }
    }

    static func parse(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Element] {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        let ok = parser.parse()
        try #require(ok, "XML parse error: \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
        return collector.elements
    }

    static let palette = HeatmapPalette.grey

    /// The cell rects, row by row, with their tooltip texts.
    static func cells(_ elements: [Element]) -> [(fill: String, tip: String)] {
        elements.filter { $0.name == "rect" && $0.ancestorIDs.contains("cells") }.map { rect in
            let tip = rect.children.map { elements[$0] }.first { $0.name == "title" }?.text ?? ""
            return (rect.attributes["fill"] ?? "", tip)
        }
    }

    @Test func rootHasTheLayoutsSizeAndAViewBox() throws {
        let table = HeatmapFixtures.mixed
        let elements = try Self.parse(SVGExporter.text(table, palette: Self.palette))
        let layout = HeatmapLayout(table: table, scale: HeatmapScale(metric: .linearCKA))
        let root = try #require(elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg" && root.attributes["version"] == "1.1")
        #expect(root.attributes["viewBox"] == "0 0 \(layout.width) \(layout.height)")
        #expect(root.attributes["width"] == "\(layout.width)" && root.attributes["height"] == "\(layout.height)")
        #expect(root.attributes["font-family"] == "sans-serif")
        #expect(elements[1].name == "title" && elements[1].text == layout.title.text)
    }

    @Test func oneRectPerCellWithItsColourAndTooltip() throws {
        let table = HeatmapFixtures.mixed
        let cells = Self.cells(try Self.parse(SVGExporter.text(table, palette: Self.palette)))
        #expect(cells.count == 6 * 7)
        let scale = HeatmapScale(metric: .linearCKA)
        for i in 0..<6 {
            for j in 0..<7 {
                let (fill, tip) = cells[i * 7 + j]
                switch table.values[i][j] {
                case .value(let v)?:
                    #expect(fill == Self.palette.color(at: scale.position(v)).hex, "cell (\(i), \(j))")
                    #expect(tip == "layer\(i) × block\(j) = \(NumberFormat.significant(v, 4))")
                case .undefined?:
                    #expect(fill == Self.palette.undefined.hex)
                    #expect(tip == "layer1 × block2: undefined (the row layer is constant)")
                case nil:
                    #expect(fill == Self.palette.uncomputed.hex)
                    #expect(tip == "layer4 × block5: not computed")
                }
            }
        }
        #expect(cells[8].tip == "layer1 × block1 = 0.1951")
    }

    @Test func namesAreEscaped() throws {
        let rowName = "a<b & \"c\" 'd'>"
        let table = HeatmapFixtures.table(rows: 2, cols: 2, rowModel: "model <A> & co",
                                          rowNames: [rowName, "ctl\u{1}x"], colNames: ["x&y", "</svg>"]) { _, _ in .value(0.5) }
        let svg = SVGExporter.text(table, palette: Self.palette)
        #expect(!svg.contains("a<b") && svg.contains("a&lt;b &amp; &quot;c&quot;"))
        let elements = try Self.parse(svg)
        let texts = elements.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains(rowName) && texts.contains("x&y") && texts.contains("</svg>"))
        #expect(texts.contains("model <A> & co"))
        #expect(texts.contains("ctl?x"), "a control character in a label is shown as ?")
        let tips = Self.cells(elements).map(\.tip)
        #expect(tips[0] == "\(rowName) × x&y = 0.5")
        #expect(tips[3] == "ctl\u{FFFD}x × </svg> = 0.5", "and replaced in a tooltip, where XML forbids it")
    }

    @Test func tickLabelsAndGradientEnds() throws {
        let elements = try Self.parse(SVGExporter.text(HeatmapFixtures.mixed, palette: Self.palette))
        let texts = elements.filter { $0.name == "text" }.map(\.text)
        for label in ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "linear CKA", "relu-s0 (layer*)", "relu-s1 (block*)", "undefined", "not computed"] {
            #expect(texts.contains(label), "\(label)")
        }
        let stops = elements.filter { $0.name == "stop" }
        #expect(stops.count == 33)
        #expect(stops.first?.attributes["offset"] == "0" && stops.last?.attributes["offset"] == "1")
        #expect(stops.first?.attributes["stop-color"] == Self.palette.color(at: 0).hex)
        #expect(stops.last?.attributes["stop-color"] == Self.palette.color(at: 1).hex)
        let gradient = try #require(elements.first { $0.name == "linearGradient" })
        #expect(gradient.attributes["y1"] == "1" && gradient.attributes["y2"] == "0", "offset 0 at the bottom")
        #expect(elements.contains { $0.attributes["fill"] == "url(#\(gradient.attributes["id"]!))" })
    }

    @Test func distanceMetricReversesTheGradient() throws {
        let table = HeatmapFixtures.table(rows: 1, cols: 2, metric: .mmdPoly) { _, j in .value(Double(2 * j)) }
        let elements = try Self.parse(SVGExporter.text(table, palette: Self.palette))
        let stops = elements.filter { $0.name == "stop" }
        #expect(stops.first?.attributes["stop-color"] == Self.palette.color(at: 1).hex, "0 is alike")
        #expect(stops.last?.attributes["stop-color"] == Self.palette.color(at: 0).hex)
        #expect(Self.cells(elements).map(\.fill) == [Self.palette.color(at: 1).hex, Self.palette.color(at: 0).hex])
    }

    @Test func divergingRangeHasSignedTicks() throws {
        let table = HeatmapFixtures.table(rows: 1, cols: 3) { _, j in .value([-0.2, 0, 0.1][j]) }
        let scale = HeatmapScale.diverging(radius: 0.2, label: "Δ linear CKA")
        let elements = try Self.parse(SVGExporter.text(table, palette: Self.palette, scale: scale))
        let texts = elements.filter { $0.name == "text" }.map(\.text)
        for label in ["\u{2212}0.2", "\u{2212}0.1", "0.0", "0.1", "0.2", "Δ linear CKA"] {
            #expect(texts.contains(label), "\(label)")
        }
        #expect(Self.cells(elements).map(\.fill) == [0, 0.5, 0.75].map { Self.palette.color(at: $0).hex })
    }

    @Test func allUndefinedGridIsCrossedEverywhere() throws {
        let table = HeatmapFixtures.table(rows: 3, cols: 3) { _, _ in .undefined(reason: "too few samples") }
        let elements = try Self.parse(SVGExporter.text(table, palette: Self.palette))
        #expect(Self.cells(elements).allSatisfy { $0.fill == Self.palette.undefined.hex })
        let marks = try #require(elements.first { $0.attributes["id"] == "undefined-marks" })
        #expect(marks.attributes["d"]?.filter { $0 == "M" }.count == 2 * 9, "two diagonals a cell")
        #expect(marks.attributes["stroke"] == Self.palette.undefinedMark.hex)
    }

    @Test func oneByOneAndEmptyGrids() throws {
        let one = try Self.parse(SVGExporter.text(HeatmapFixtures.table(rows: 1, cols: 1) { _, _ in .value(1) }))
        #expect(Self.cells(one).count == 1)
        let empty = try Self.parse(SVGExporter.text(HeatmapFixtures.table(rows: 0, cols: 0) { _, _ in nil }))
        #expect(Self.cells(empty).isEmpty)
    }

    @Test func grid150x150HasAReasonableSize() throws {
        let table = HeatmapFixtures.table(rows: 150, cols: 150) { i, j in .value(Double((i * 31 + j * 17) % 101) / 100) }
        let start = ContinuousClock.now
        let svg = SVGExporter.text(table, palette: Self.palette)
        #expect(ContinuousClock.now - start < .seconds(30))
        #expect(svg.utf8.count < 3_000_000, "\(svg.utf8.count) bytes")
        let elements = try Self.parse(svg)
        #expect(Self.cells(elements).count == 22_500)
        #expect(elements.filter { $0.name == "text" && $0.ancestorIDs.contains("labels") }.count >= 60)
    }

    @Test func imageExporterDispatchesOnTheFormat() throws {
        let table = HeatmapFixtures.mixed
        let svg = try ImageExporter.data(table, format: .svg, palette: Self.palette)
        #expect(svg == Data(SVGExporter.text(table, palette: Self.palette).utf8))
        let png = try ImageExporter.data(table, format: .png, palette: Self.palette)
        #expect(png == PNGExporter.data(table, palette: Self.palette))
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(ExportFormat.fileFormats.map(\.rawValue) == ["csv", "json", "npy", "svg", "png"])
    }
}
