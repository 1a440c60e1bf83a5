import Foundation
import Testing
import TestSupport

/// `.h5` files from the command line: h5py-written files and the same arrays as directories of
/// .npy files, both by Tests/LayerIOTests/Fixtures/make_hdf5_fixtures.py.
@Suite(.serialized) struct HDF5CLITests {
    static let fixtures = CLI.root + "/Tests/LayerIOTests/Fixtures/hdf5"

    /// The `layers` table rows of `model`, split into columns.
    static func rows(_ stdout: String, model: String) -> [[String]] {
        stdout.split(separator: "\n").filter { $0.hasPrefix(model + " ") }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
    }

    @Test func layersListsNaturalOrCreationOrderWithShapes() throws {
        let natural = try CLI.run(["layers", Self.fixtures + "/natural.h5"])
        #expect(natural.status == 0, "\(natural.stderr)")
        let rows = Self.rows(natural.stdout, model: "natural")
        #expect(rows.map { $0[2] } == ["layer1", "layer2", "layer10"])
        #expect(rows.map { $0[3] } == ["12", "12×3×2", "12×4"])
        #expect(rows.map { $0[4] } == ["float32", "float32", "float32"])
        #expect(rows.map { $0[5] } == ["12×1", "12×6", "12×4"])
        #expect(natural.stdout.contains("layer order: natural (natural name order)"))

        let tracked = try CLI.run(["layers", Self.fixtures + "/tracked.h5"])
        #expect(Self.rows(tracked.stdout, model: "tracked").map { $0[2] } == ["z_first", "a_second", "m_third"])
        #expect(tracked.stdout.contains("layer order: tracked (creation order)"), "\(tracked.stdout)")

        let chunked = try CLI.run(["layers", "--reduce", "mean", Self.fixtures + "/chunked.h5"])
        let chunkedRows = Self.rows(chunked.stdout, model: "chunked")
        #expect(chunkedRows.map { $0[2] } == ["big_endian", "big_endian64", "conv", "half", "wide"])
        #expect(chunkedRows.map { $0[4] } == ["float32", "float64", "float32", "float16", "float64"])
        // The 12×8×3 dataset is N×T×D: `mean` pools its 8 tokens.
        #expect(chunkedRows.map { $0[5] } == ["12×4", "12×3", "12×3", "12×6", "12×7"])
    }

    @Test func hdf5GroupPicksTheGroup() throws {
        let r = try CLI.run(["layers", "--hdf5-group", "dec/inner", Self.fixtures + "/grouped.h5"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.rows(r.stdout, model: "grouped").map { $0[2] } == ["x", "y"])
        let root = try CLI.run(["layers", Self.fixtures + "/grouped.h5"])
        #expect(root.status == 2)
        #expect(root.stderr == "layermap: \(Self.fixtures)/grouped.h5: the root group holds no datasets; its groups: dec, enc (choose one with --hdf5-group)\n")
    }

    @Test func computeOnTheH5EqualsComputeOnTheNpyDirectory() throws {
        for (file, group) in [("natural", nil), ("tracked", nil), ("chunked", nil), ("grouped", "enc")] as [(String, String?)] {
            let h5 = Self.fixtures + "/\(file).h5"
            var npy = Self.fixtures + "/\(file)"
            var options: [String] = []
            if let group {
                options = ["--hdf5-group", group]
                npy += "/" + group
            }
            // The directory lists its layers in natural order; keep the .h5's order for tracked.h5.
            let order = try CLI.run(["layers"] + options + [h5])
            let names = Self.rows(order.stdout, model: file).map { $0[2] }
            let select = names.flatMap { ["--layers", $0] }
            for extra in [["--format", "csv"], ["--format", "json"], ["--reduce", "mean", "--format", "csv"],
                          ["--metric", "debiased-cka", "--format", "csv"]] {
                let a = try CLI.run(["compute"] + options + ["\(file)=" + h5] + extra)
                let b = try CLI.run(["compute"] + select + ["\(file)=" + npy] + extra)
                #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
                #expect(!a.stdout.isEmpty && a.stdout == b.stdout, "\(file) \(extra)")
            }
        }
    }

    @Test func hostileFilesAreOneLineAndExit2() throws {
        let cases = [("empty.h5", "not an HDF5 file"), ("random.h5", "not an HDF5 file"), ("text.h5", "not an HDF5 file"),
                     ("truncated.h5", "HDF5 cannot open the file (corrupt or truncated)"),
                     ("signature_only.h5", "HDF5 cannot open the file (corrupt or truncated)"),
                     ("ints.h5", "layer \"labels\": the dataset holds integers"),
                     ("strings.h5", "layer \"names\": the dataset holds strings"),
                     ("compound.h5", "layer \"records\": the dataset holds a compound (record) type"),
                     ("scalar.h5", "layer \"loss\": the dataset is a scalar or empty")]
        for (file, words) in cases {
            let path = Self.fixtures + "/hostile/" + file
            for command in ["layers", "compute"] {
                let r = try CLI.run([command, path])
                #expect(r.status == 2, "\(file): \(r.status)")
                #expect(r.stderr.hasPrefix("layermap: " + path + ": ") && r.stderr.contains(words), "\(r.stderr)")
                #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            }
        }
        // A corrupt chunk opens (headers only) and fails on the first read, naming the dataset.
        let chunk = try CLI.run(["compute", Self.fixtures + "/hostile/corrupt_chunk.h5"])
        #expect(chunk.status == 2, "\(chunk.status)")
        #expect(chunk.stderr.contains("dataset \"/x\": HDF5 cannot read its data"), "\(chunk.stderr)")
        #expect(chunk.stderr.split(separator: "\n").count == 1, "\(chunk.stderr)")
    }
}
