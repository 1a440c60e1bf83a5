import Testing
@testable import LayerIO
import Similarity

/// Token policies on an N×T×D layer (6×5×3) against the matrices numpy computed
/// (Fixtures/tokens/make_tokens.py), with and without a mask padding on either side.
@Suite("token policies")
struct TokenReduceTests {
    static let sources = ["layer_c", "layer_fortran", "layer_be_f8"]
    static let policies: [ReducePolicy] = [.first, .last, .mean, .max]
    static let masks = ["mask", "mask_int", "mask_float"]

    static func expectClose(_ got: Matrix<Float>, _ want: Matrix<Float>, _ what: String) {
        #expect(got.rows == want.rows && got.cols == want.cols, "\(what): shape")
        for (g, w) in zip(got.storage, want.storage) {
            #expect(abs(g - w) <= 1e-6 * max(1, abs(w)), "\(what): \(g) vs \(w)")
        }
    }

    @Test("each policy without a mask gives numpy's N×D", arguments: sources, policies)
    func unmasked(_ source: String, _ policy: ReducePolicy) throws {
        let layer = try openNpy(Fixtures.path("tokens/\(source).npy"), reduce: policy)
        #expect(layer.sampleCount == 6 && layer.width == 3)
        let want = try openNpy(Fixtures.path("tokens/expected_\(policy.rawValue).npy")).readAll()
        Self.expectClose(try layer.readAll(), want, "\(source) \(policy)")
        Self.expectClose(try layer.readRows(2..<5), want.rowSlice(2..<5), "\(source) \(policy) rows 2..<5")
    }

    @Test("each policy with a mask uses only real tokens", arguments: sources, policies)
    func masked(_ source: String, _ policy: ReducePolicy) throws {
        for maskName in Self.masks {
            let mask = try TokenMask.read(path: Fixtures.path("tokens/\(maskName).npy"))
            let layer = try openNpy(Fixtures.path("tokens/\(source).npy"), reduce: policy).masked(by: mask)
            let want = try openNpy(Fixtures.path("tokens/expected_\(policy.rawValue)_masked.npy")).readAll()
            Self.expectClose(try layer.readAll(), want, "\(source) \(policy) \(maskName)")
            Self.expectClose(try layer.readRows(3..<6), want.rowSlice(3..<6), "\(source) \(policy) \(maskName) rows 3..<6")
        }
    }

    @Test func clsIsFirstAndFlattenKeepsEveryToken() throws {
        #expect(ReducePolicy(name: "cls") == .first)
        #expect(ReducePolicy(name: "median") == nil)
        let flat = try openNpy(Fixtures.path("tokens/layer_fortran.npy"), reduce: .flatten)
        #expect(flat.width == 15)
        #expect(try flat.readAll().storage == openNpy(Fixtures.path("tokens/layer_c.npy")).readAll().storage)
    }

    @Test("a mask changes the fingerprint; so does the token policy")
    func fingerprints() throws {
        let path = Fixtures.path("tokens/layer_c.npy")
        let mean = try openNpy(path, reduce: .mean)
        let masked = try mean.masked(by: TokenMask.read(path: Fixtures.path("tokens/mask.npy")))
        let sameFlags = try mean.masked(by: TokenMask.read(path: Fixtures.path("tokens/mask_int.npy")))
        #expect(try mean.fingerprint() != masked.fingerprint())
        #expect(try masked.fingerprint() == sameFlags.fingerprint())
        #expect(try mean.fingerprint() != openNpy(path, reduce: .max).fingerprint())
    }

    @Test("first, last and max refuse a 4-D layer; mean keeps pooling it per channel")
    func fourAxes() throws {
        for policy in [ReducePolicy.first, .last, .max] {
            expectLayerIOError("badLayerShape", naming: "conv_c.npy") {
                _ = try openNpy(Fixtures.path("conv/conv_c.npy"), reduce: policy)
            }
        }
        #expect(try openNpy(Fixtures.path("conv/conv_c.npy"), reduce: .mean).width == 4)
    }

    @Test("a NaN among the pooled tokens makes the cell NaN; a masked-out NaN is not used")
    func nonFinite() throws {
        try withTemporaryDirectory { dir in
            // N=1, T=3, D=2: tokens (1, NaN), (4, 2), (0, 8); the mask drops token 0.
            let data = float32Bytes([1, .nan, 4, 2, 0, 8])
            let path = try dir.write("t.npy", npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, 2), }", data: data))
            let maskPath = try dir.write("m.npy", npyBytes(header: "{'descr': '|b1', 'fortran_order': False, 'shape': (1, 3), }", data: [0, 1, 1]))
            let mask = try TokenMask.read(path: maskPath)
            let max = try openNpy(path, reduce: .max).readAll().storage
            #expect(max[0] == 4 && max[1].isNaN)
            let mean = try openNpy(path, reduce: .mean).readAll().storage
            #expect(mean[0] == 5.0 / 3 && mean[1].isNaN)
            #expect(try openNpy(path, reduce: .max).masked(by: mask).readAll().storage == [4, 8])
            #expect(try openNpy(path, reduce: .mean).masked(by: mask).readAll().storage == [2, 5])
            #expect(try openNpy(path, reduce: .first).masked(by: mask).readAll().storage == [4, 2])
            #expect(try openNpy(path, reduce: .last).readAll().storage == [0, 8])
        }
    }

    @Test("a 2-D layer is unchanged by a mask", arguments: policies)
    func twoDimensional(_ policy: ReducePolicy) throws {
        let mask = try TokenMask.read(path: Fixtures.path("tokens/mask.npy"))
        let layer = try openNpy(Fixtures.path("npy/fortran_f4.npy"), reduce: policy).masked(by: mask)
        #expect(layer.tokenMask == nil)
        #expect(try layer.readAll().storage == grid(4, 3).storage)
    }
}

/// A mask that is not N×T 0/1 flags with a real token in every row, or that does not line up with
/// a layer, is an error naming the file and the row, value or layer.
@Suite("token mask errors")
struct TokenMaskErrorTests {
    static func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch let e as LayerIOError { return e.description } catch { return "\(error)" }
    }

    @Test(arguments: [
        ("mask_value2", "row 2, token 3 holds 2"),
        ("mask_half", "row 1, token 4 holds 0.5"),
        ("mask_empty_row", "row 3 marks no real token"),
        ("mask_3d", "has shape 6×5×1"),
        ("mask_complex", "dtype '<c8' is not bool, integer or float"),
    ])
    func badFile(_ name: String, _ expected: String) {
        let text = Self.message { _ = try TokenMask.read(path: Fixtures.path("tokens/\(name).npy")) }
        #expect(text.contains("\(name).npy: ") && text.contains(expected), "\(text)")
    }

    @Test func aMaskOfAnotherLengthNamesTheLayer() throws {
        let mask = try TokenMask.read(path: Fixtures.path("tokens/mask_short.npy"))
        let layer = try openNpy(Fixtures.path("tokens/layer_c.npy"), reduce: .mean)
        let text = Self.message { _ = try layer.masked(by: mask) }
        #expect(text.contains("mask_short.npy: the mask is 6×4 (N×T) but layer \"layer_c.npy\"") && text.contains("is 6×5×3"), "\(text)")
    }

    @Test func anNpyOfLayersIsNotAMask() {
        let text = Self.message { _ = try TokenMask.read(path: Fixtures.path("tokens/layer_c.npy")) }
        #expect(text.contains("layer_c.npy: a mask is an N×T array"), "\(text)")
    }

    @Test("hostile mask files: short data, long data, bad magic, cut header, huge shape, no tokens")
    func hostileFiles() throws {
        try withTemporaryDirectory { dir in
            let header = "{'descr': '|b1', 'fortran_order': False, 'shape': (2, 3), }"
            let cases: [(String, [UInt8], String)] = [
                ("short.npy", npyBytes(header: header, data: [1, 0, 1, 1, 1]), "needs 6 data bytes but the file holds 5"),
                ("long.npy", npyBytes(header: header, data: [1, 0, 1, 1, 1, 0, 0]), "needs 6 data bytes but the file holds 7"),
                ("magic.npy", Array("not a numpy file at all".utf8), "magic.npy"),
                ("cut.npy", Array(npyBytes(header: header, data: []).prefix(20)), "cut.npy"),
                ("huge.npy", npyBytes(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", data: []), "is too large"),
                ("tokens0.npy", npyBytes(header: "{'descr': '|b1', 'fortran_order': False, 'shape': (2, 0), }", data: []), "no samples or no tokens"),
            ]
            for (name, bytes, expected) in cases {
                let path = try dir.write(name, bytes)
                let text = Self.message { _ = try TokenMask.read(path: path) }
                #expect(text.contains(name) && text.contains(expected), "\(name): \(text)")
            }
        }
    }

    @Test("a Fortran-order big-endian integer mask reads as its C-order twin")
    func fortranBigEndian() throws {
        try withTemporaryDirectory { dir in
            // [[1, 0, 1], [0, 1, 1]] stored column by column as big-endian int16.
            let data: [UInt8] = [0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1]
            let path = try dir.write("f.npy", npyBytes(header: "{'descr': '>i2', 'fortran_order': True, 'shape': (2, 3), }", data: data))
            let mask = try TokenMask.read(path: path)
            #expect(mask.realTokens(row: 0) == [0, 2] && mask.realTokens(row: 1) == [1, 2])
            let bad = try dir.write("neg.npy", npyBytes(header: "{'descr': '<i1', 'fortran_order': False, 'shape': (1, 2), }", data: [1, 0xFF]))
            #expect(Self.message { _ = try TokenMask.read(path: bad) }.contains("row 0, token 1 holds -1"))
        }
    }
}
