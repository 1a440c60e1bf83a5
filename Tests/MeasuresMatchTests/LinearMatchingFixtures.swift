import Foundation
import Similarity
import SimilarityTestSupport

/// The reference values `Fixtures/make_linear_matching_fixtures.py` writes (numpy SVD for
/// reduced rank, scikit-learn's `Lasso` at tol = 1e-12), and the float32 layers they came from.
struct LinearMatchingReference: Decodable {
    typealias Entry = Manifest.MatrixEntry
    struct RankPoint: Decodable { let k: Int; let r2: Double; let heldoutR2: Double }
    struct Rank: Decodable { let fullRank: Int; let points: [RankPoint] }
    struct LassoPoint: Decodable {
        let alpha: Double
        let r2: Double
        let heldoutR2: Double
        let zeroFraction: Double
        /// M row-major (D_X × D_Y), when recorded.
        let coef: [Double]?
    }
    struct Case: Decodable {
        let name: String
        let x: Entry
        let y: Entry
        let alphaMax: Double
        let rank: Rank
        let lasso: [LassoPoint]
        let sparsitySweep: [LassoPoint]?
        let rankSweep: [RankPoint]?
    }
    let cases: [Case]

    static func load() throws -> LinearMatchingReference {
        try Fixtures.decoded("linear_matching.json")
    }

    static func matrix(_ e: Entry) throws -> Matrix<Float> {
        try Fixtures.matrix(e)
    }
}
