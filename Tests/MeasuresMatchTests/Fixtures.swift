import Foundation
import Similarity
import SimilarityTestSupport

/// The reference values written by `Fixtures/make_fixtures.py` (numpy/scipy, float64) and
/// the float32 matrices they were computed from.
struct Manifest: Decodable {
    struct MatrixEntry: Decodable {
        let file: String
        let rows: Int
        let cols: Int
    }

    /// One `linear_sum_assignment(W, maximize=True)` result; `rows`/`cols` only when the
    /// optimum is unique (no ties by construction).
    struct AssignmentCase: Decodable {
        let name: String
        let total: Double
        let pairCount: Int
        let rows: [Int]?
        let cols: [Int]?
    }

    struct MatchedCorr: Decodable {
        let value: Double
        let total: Double
        let deadX: Int
        let deadY: Int
        let x: [Int]
        let y: [Int]
        let r: [Double]
    }

    struct Procrustes: Decodable {
        let value: Double
        let distance: Double
    }

    struct Contribution: Decodable {
        let i: Int
        let j: Int
        let value: Double
        let share: Double
        let lambdaX: Double
        let lambdaY: Double
        let alignment: Double
    }

    struct CKASplit: Decodable {
        let total: Double
        let hsicTrace: Double
        let top: [Contribution]
        let explainedX: [Double]
        let explainedY: [Double]
        let rankX: Int
        let rankY: Int
    }

    struct GaussianMMD: Decodable {
        let value: Double
        let sigma2: Double
    }

    /// max-corr by "pearson" / "spearman".
    struct MaxCorr: Decodable {
        let value: Double
        let distinctY: Int
        let deadX: Int
        let deadY: Int
    }

    struct Pair: Decodable {
        let name: String
        let x: String
        let y: String
        let matchedCorr: MatchedCorr
        let procrustes: Procrustes
        let mmdPoly: Double
        let mmdLinear: Double
        let mmdGauss: GaussianMMD
        let maxCorr: [String: MaxCorr]
        /// Neurons zero on every sample, in X and in Y (mmd-poly's dead neurons).
        let mmdPolyZeroNeurons: [Int]
        /// By k, as text ("5", "10").
        let knn: [String: Double]
        let ckaSplit: CKASplit
    }

    struct ExactKNN: Decodable {
        let x: String
        let y: String
        let k: Int
        let neighboursX: [[Int]]
        let neighboursY: [[Int]]
        /// The overlap the tie-breaking order would give (a value the measure no longer reports).
        let value: Double
        let zeroSamples: Int
        /// Samples whose k-th and (k+1)-th exact cosines are equal.
        let tiedSamplesX: Int
        let tiedSamplesY: Int
    }

    let matrices: [String: MatrixEntry]
    let assignments: [AssignmentCase]
    let pairs: [Pair]
    let knnExact: [ExactKNN]
}

enum FixtureError: Error, CustomStringConvertible {
    case missing(String)
    case badSize(String, expected: Int, got: Int)

    var description: String {
        switch self {
        case .missing(let what): return "fixture missing: \(what)"
        case .badSize(let f, let e, let g): return "fixture \(f) holds \(g) bytes, expected \(e)"
        }
    }
}

enum Fixtures {
    static func directory() throws -> URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw FixtureError.missing("Fixtures directory")
        }
        return url
    }

    static func manifest() throws -> Manifest {
        try decoded("manifest.json")
    }

    /// A JSON file a fixture script wrote, its snake_case keys as camelCase properties.
    static func decoded<T: Decodable>(_ file: String, as type: T.Type = T.self) throws -> T {
        let data = try Data(contentsOf: directory().appendingPathComponent(file))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: data)
    }

    /// A float32 matrix written by the script (raw little-endian, row-major).
    static func matrix(_ name: String, in manifest: Manifest) throws -> Matrix<Float> {
        guard let entry = manifest.matrices[name] else { throw FixtureError.missing(name) }
        return try matrix(entry)
    }

    /// The float32 matrix an entry names (raw little-endian, row-major).
    static func matrix(_ entry: Manifest.MatrixEntry) throws -> Matrix<Float> {
        let data = try Data(contentsOf: directory().appendingPathComponent(entry.file))
        guard let m = RawFloat32.matrix(data, rows: entry.rows, cols: entry.cols) else {
            throw FixtureError.badSize(entry.file, expected: entry.rows * entry.cols * 4, got: data.count)
        }
        return m
    }
}
