import Testing
@testable import LayerIO
import Similarity

@Suite("npz reader")
struct NpzReaderTests {
    @Test("stored and deflated archives: names, archive order, values", arguments: ["stored", "compressed"])
    func readsArchive(_ name: String) throws {
        let model = try openModel("npz/\(name).npz")
        #expect(model.format == .npz)
        #expect(model.name == name)
        #expect(model.layers.map(\.name) == ["zeta", "alpha", "mid"])
        #expect(model.layers.map(\.dtype) == ["float32", "float64", "float32"])
        #expect(model.layers.map(\.width) == [3, 2, 5])
        #expect(model.layers[2].isFortranOrder)
        #expect(model.layers[2].elementType.isBigEndian)
        #expect(try model.layers[0].readAll().storage == grid(4, 3).storage)
        #expect(try model.layers[1].readAll().storage == grid(4, 2).storage)
        #expect(try model.layers[2].readAll().storage == grid(4, 5).storage)
        #expect(try model.layers[2].readRows(3..<4).storage == grid(4, 5).rowSlice(3..<4).storage)
    }

    @Test("stored and deflated copies of a layer have the same fingerprint")
    func fingerprints() throws {
        let stored = try openModel("npz/stored.npz")
        let compressed = try openModel("npz/compressed.npz")
        for (a, b) in zip(stored.layers, compressed.layers) {
            let fa = try a.fingerprint()
            #expect(fa.count == 16)
            #expect(fa == (try b.fingerprint()))
        }
        #expect(try stored.layers[0].fingerprint() != stored.layers[1].fingerprint())
    }

    @Test("a deflated layer can be read from several tasks at once")
    func concurrentFirstRead() async throws {
        let layer = try openModel("npz/compressed.npz").layers[2]
        let expected = grid(4, 5).storage
        try await withThrowingTaskGroup(of: [Float].self) { group in
            for _ in 0..<8 { group.addTask { try layer.readAll().storage } }
            for try await storage in group { #expect(storage == expected) }
        }
    }
}
