import Foundation
import Testing
@testable import LayerIO

/// A directory is one model (its .npy files are the layers) or a collection of models; one
/// that mixes the two is an error naming both kinds, never a one-layer model hiding the rest.
@Suite struct MixedDirectoryTests {
    static let layer = npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }",
                                data: float32Bytes([1, 2, 3, 5]))

    @Test func aStrayNpyBesideModelFoldersIsAnErrorNamingBoth() throws {
        try withTemporaryDirectory { dir in
            try dir.write("run/a/layer1.npy", Self.layer)
            try dir.write("run/b/layer1.npy", Self.layer)
            try dir.write("run/stray.npy", Self.layer)
            do {
                _ = try Catalog.open([dir.path + "/run"])
                Issue.record("a mixed directory was opened")
            } catch let e as LayerIOError {
                #expect(caseName(e) == "badModelSpec")
                #expect(e.description.contains("stray.npy") && e.description.contains("a/"), "\(e.description)")
            }
        }
    }

    @Test func aModelFileBesideLayerFilesIsAnErrorToo() throws {
        try withTemporaryDirectory { dir in
            try dir.write("run/layer1.npy", Self.layer)
            try dir.write("run/other.safetensors", [0])
            #expect(throws: LayerIOError.self) { try Catalog.open([dir.path + "/run"]) }
        }
    }

    @Test func plainModelsAndCollectionsStillOpen() throws {
        try withTemporaryDirectory { dir in
            try dir.write("one/layer1.npy", Self.layer)
            try dir.write("one/notes.txt", Array("hello".utf8))
            try dir.write("many/a/layer1.npy", Self.layer)
            try dir.write("many/b/layer1.npy", Self.layer)
            try dir.write("many/README.md", Array("hi".utf8))
            #expect(try Catalog.open([dir.path + "/one"]).models.map(\.name) == ["one"])
            #expect(try Catalog.open([dir.path + "/many"]).models.map(\.name) == ["a", "b"])
        }
    }
}
