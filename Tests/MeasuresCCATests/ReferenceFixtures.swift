import Foundation
import Similarity
import SimilarityTestSupport

/// The cases written by `Fixtures/make_fixtures.py`, an independent numpy/scipy
/// implementation (see its docstring for the route it takes).
struct ReferenceFixtures: Decodable {
    let variance_kept: Double
    let rank_epsilon: Double
    let rank_rtol: Double
    let cases: [Case]

    struct Case: Decodable {
        let name: String
        let n: Int
        let dx: Int
        let dy: Int
        let x_file: String
        let y_file: String
        /// The CCA family's ranks (σ > rank_rtol·σ_max).
        let rank_x: Int
        let rank_y: Int
        /// Regression's ranks (numpy's float32 lstsq rule).
        let lstsq_rank_x: Int
        let lstsq_rank_y: Int
        /// Row layer X, column layer Y.
        let xy: Expected
        /// Row layer Y, column layer X.
        let yx: Expected
    }

    /// Expected values; `nil` where the reference says the measure is undefined.
    struct Expected: Decodable {
        let cca_rho: Double?
        let cca_r2: Double?
        let pwcca: Double?
        let svcca: Double?
        let svcca_k_x: Int
        let svcca_k_y: Int
        let regression: Double?
        let regression_heldout_r2: Double?

        func value(_ metric: Metric) -> Double? {
            switch metric {
            case .ccaRho: return cca_rho
            case .ccaR2: return cca_r2
            case .svcca: return svcca
            case .pwcca: return pwcca
            case .regression: return regression
            default: return nil
            }
        }
    }

    static let shared: ReferenceFixtures = {
        let data = try! Data(contentsOf: url("cases.json"))
        return try! JSONDecoder().decode(ReferenceFixtures.self, from: data)
    }()

    static func url(_ file: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(file)
    }

    static func named(_ name: String) -> Case { shared.cases.first { $0.name == name }! }

    /// A raw little-endian float32 row-major file as a rows×cols matrix.
    static func matrix(_ file: String, rows: Int, cols: Int) -> Matrix<Float> {
        let data = try! Data(contentsOf: url(file))
        guard let m = RawFloat32.matrix(data, rows: rows, cols: cols) else {
            preconditionFailure("\(file): \(data.count) bytes, not \(rows)×\(cols) float32")
        }
        return m
    }
}

extension ReferenceFixtures.Case {
    var x: Matrix<Float> { ReferenceFixtures.matrix(x_file, rows: n, cols: dx) }
    var y: Matrix<Float> { ReferenceFixtures.matrix(y_file, rows: n, cols: dy) }
}

/// The case names, for parameterised tests (kept in step with make_fixtures.py).
let referenceCaseNames = ["generic", "rank_deficient", "n_close_to_d", "wide_x", "decaying_spectra", "isotropic", "weak_direction"]
