import Testing
@testable import LayerIO

@Suite("catalog")
struct CatalogTests {
    @Test("sample-count mismatch names both models and both counts")
    func sampleCountMismatch() {
        let n5 = Fixtures.path("mismatch/n5.npz")
        expectLayerIOError("sampleCountMismatch", naming: n5) {
            _ = try Catalog.open([Fixtures.path("mismatch/n4.npz"), n5])
        }
        do {
            _ = try Catalog.open([Fixtures.path("mismatch/n4.npz"), n5])
        } catch {
            #expect("\(error)".contains("model \"n4\" has 4 samples while model \"n5\" has 5"), "\(error)")
        }
    }

    @Test func duplicateNames() {
        let b = Fixtures.path("mismatch/n4.npz")
        expectLayerIOError("duplicateModelName", naming: b) {
            _ = try Catalog.open(["x=" + Fixtures.path("npz/stored.npz"), "x=" + b])
        }
    }

    @Test func emptyModel() throws {
        try withTemporaryDirectory { dir in
            let path = try dir.write("empty.safetensors", safetensorsBytes(json: #"{"__metadata__": {"a": "b"}}"#, data: []))
            expectLayerIOError("emptyModel", naming: path) { _ = try Catalog.open([path]) }
            let zip = try dir.write("nothing.npz", storedZip([("readme.txt", Array("hi".utf8))]))
            expectLayerIOError("emptyModel", naming: zip) { _ = try Catalog.open([zip]) }
        }
        expectLayerIOError("badModelSpec", naming: "(none)") { _ = try Catalog(models: []) }
    }

    @Test("NaN and ±Inf are counted per layer, from the raw values")
    func nonFinite() throws {
        let catalog = try Catalog.open([Fixtures.path("nonfinite")])
        #expect(catalog.models[0].layers.map(\.name) == ["l1_clean", "l2_dirty_f4", "l3_dirty_f2", "l4_dirty_f8"])
        #expect(try catalog.models[0].layers.map { try $0.countNonFinite() } == [0, 3, 2, 1])
        let report = try catalog.nonFiniteReport()
        #expect(report.map(\.layer) == ["l2_dirty_f4", "l3_dirty_f2", "l4_dirty_f8"])
        #expect(report.map(\.count) == [3, 2, 1])
        #expect(report[0].description.contains("l2_dirty_f4.npy: layer \"l2_dirty_f4\" of model \"nonfinite\" holds 3 NaN/Inf values"))
        let matrix = try catalog.models[0].layers[1].readAll()
        #expect(matrix[0, 0].isNaN && matrix[1, 2] == .infinity && matrix[3, 1] == -.infinity)
    }

    @Test("mean over a group containing NaN is NaN, and still counted once")
    func nonFiniteUnderMean() throws {
        try withTemporaryDirectory { dir in
            // 4-D (N×C×H×W), so mean pools each channel (a 3-D layer's mean pools tokens instead).
            let data = float32Bytes([1, .nan, 3, 4, 5, 6, 7, 8])
            let path = try dir.write("m.npy", npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 2, 1), }", data: data))
            let layer = try openNpy(path, reduce: .mean)
            let matrix = try layer.readAll()
            #expect(matrix.rows == 2 && matrix.cols == 2)
            #expect(matrix[0, 0].isNaN)
            #expect(matrix.storage[1...] == [3.5, 5.5, 7.5])
            #expect(try layer.countNonFinite() == 1)
        }
    }

    @Test("non-finite values are counted over a slice of the samples, in C and Fortran order",
          arguments: [false, true])
    func nonFiniteOverRows(fortran: Bool) throws {
        try withTemporaryDirectory { dir in
            // A 4×3 layer with NaN at (0, 0), +Inf at (1, 2) and −Inf at (3, 1), stored in either order.
            var m = [[Float]](repeating: [1, 2, 3], count: 4)
            m[0][0] = .nan; m[1][2] = .infinity; m[3][1] = -.infinity
            let values = fortran ? (0..<3).flatMap { j in m.map { $0[j] } } : m.flatMap { $0 }
            let header = "{'descr': '<f4', 'fortran_order': \(fortran ? "True" : "False"), 'shape': (4, 3), }"
            let layer = try openNpy(try dir.write("m.npy", npyBytes(header: header, data: float32Bytes(values))))
            #expect(try layer.countNonFinite() == 3)
            #expect(try layer.countNonFinite(rows: 0..<1) == 1)
            #expect(try layer.countNonFinite(rows: 1..<3) == 1)
            #expect(try layer.countNonFinite(rows: 2..<3) == 0)
            #expect(try layer.countNonFinite(rows: 2..<4) == 1)
            #expect(throws: LayerIOError.self) { try layer.countNonFinite(rows: 3..<5) }
        }
    }
}
