import Foundation
import Testing
import LayerIO
import Similarity

/// CKA against values computed outside this project: the reference notebook's published
/// golden values (Kornblith et al. 2019 demo) and a numpy implementation written from the
/// definitions (`Fixtures/make_fixtures.py`, outputs committed in `random_cases.json`).
@Suite struct ReferenceValueTests {
    /// The fixture directory, opened as one model whose layers are the .npy files (their
    /// sample counts differ, so it is opened as a model, not validated as a catalog).
    static let fixtures: Model = {
        let dir = Bundle.module.resourceURL!.appendingPathComponent("Fixtures").path
        return try! Model.open(ModelLocation(name: "fixtures", path: dir, format: .npyDirectory), reduce: .flatten)
    }()

    static func layer(_ name: String) -> Matrix<Float> {
        try! fixtures.layers.first { $0.name == name }!.readAll()
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        struct Terms: Decodable, Sendable { let xy: Double; let xx: Double; let yy: Double }
        let name: String
        let n: Int
        let linear_cka: Double
        let debiased_cka: Double
        let rbf_cka: Double
        let rbf_cka_fraction_1: Double
        let hsic: Terms
        let hsic_unbiased: Terms
        let rbf_hsic: Terms
        let rbf_hsic_unbiased: Terms
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        struct File: Decodable { let cases: [Case] }
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/random_cases.json")
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }()

    /// X: 100×10 standard normal from numpy's legacy RandomState(1337); Y = X + another draw.
    /// Published: linear 0.55761, RBF (fraction 0.5) 0.65483, debiased 0.51346.
    @Test func notebookGoldenValues() {
        let x = Self.layer("golden_X"), y = Self.layer("golden_Y")
        #expect(x.rows == 100 && x.cols == 10)
        #expect(abs(ckaValue(.linearCKA, x, y).number! - 0.55761) < 5e-6)
        #expect(abs(ckaValue(.rbfCKA, x, y).number! - 0.65483) < 5e-6)
        #expect(abs(ckaValue(.debiasedCKA, x, y).number! - 0.51346) < 5e-6)
        #expect(abs(ckaValue(.linearCKA, x, y, form: .features).number! - 0.55761) < 5e-6)
    }

    @Test(arguments: cases)
    func numpyReferenceCKA(_ c: Case) {
        let i = c.name.split(separator: "_").last!
        let x = Self.layer("case_\(i)_x"), y = Self.layer("case_\(i)_y")
        #expect(x.rows == c.n)
        for form in [KernelForm.gram, .features] {
            #expect(close(ckaValue(.linearCKA, x, y, form: form).number, c.linear_cka, 1e-6), "\(c.name) \(form)")
            #expect(close(ckaValue(.debiasedCKA, x, y, form: form).number, c.debiased_cka, 1e-6), "\(c.name) \(form)")
        }
        #expect(close(ckaValue(.rbfCKA, x, y).number, c.rbf_cka, 1e-6), "\(c.name)")
        #expect(close(ckaValue(.rbfCKA, x, y, fraction: 1.0).number, c.rbf_cka_fraction_1, 1e-6), "\(c.name)")
    }

    @Test(arguments: cases)
    func numpyReferenceHSICTerms(_ c: Case) throws {
        let i = c.name.split(separator: "_").last!
        let x = Self.layer("case_\(i)_x"), y = Self.layer("case_\(i)_y")
        let lin = CKAResult(try LinearKernel.statistics(of: x, form: .gram), try LinearKernel.statistics(of: y, form: .gram))
        let rbf = CKAResult(try RBFKernel.statistics(of: x, fraction: 0.5)!, try RBFKernel.statistics(of: y, fraction: 0.5)!)
        let pairs: [(HSICTerms?, Case.Terms, String)] = [
            (lin.biased, c.hsic, "linear biased"), (lin.unbiased, c.hsic_unbiased, "linear unbiased"),
            (rbf.biased, c.rbf_hsic, "rbf biased"), (rbf.unbiased, c.rbf_hsic_unbiased, "rbf unbiased"),
        ]
        for (got, want, what) in pairs {
            // Relative to the self terms: the cross term of the unbiased estimator can be near zero.
            let scale = max(abs(want.xx), abs(want.yy))
            #expect(abs(got!.xy - want.xy) <= 1e-6 * scale, "\(c.name) \(what) xy \(got!.xy) vs \(want.xy)")
            #expect(abs(got!.xx - want.xx) <= 1e-6 * scale, "\(c.name) \(what) xx")
            #expect(abs(got!.yy - want.yy) <= 1e-6 * scale, "\(c.name) \(what) yy")
        }
    }
}
