import Foundation
import Similarity
import SimilarityTestSupport

/// The reference values `Fixtures/make_stitching_fixtures.py` writes (scikit-learn's
/// `LogisticRegression` at tol = 1e-10 for the readout, numpy least squares and SVD, scikit-learn's
/// `Lasso`, and a numpy gradient descent for task-loss matching), and the float32 layers.
struct StitchingReference: Decodable {
    typealias Entry = Manifest.MatrixEntry
    struct Readout: Decodable {
        /// W, D_B × K row-major.
        let coef: [Double]
        /// b for centred inputs, shifted to sum 0.
        let intercept: [Double]
        /// predict_proba on the held-out rows, |E| × K row-major.
        let heldoutProba: [Double]
        let iterations: Int?
        /// ‖∇‖_∞ of the sum-form objective at these coefficients.
        let gradient: Double
    }
    struct Case: Decodable {
        let name: String
        let x: Entry
        let y: Entry
        let labels: [Int]
        let rank: Int
        let alpha: Double
        /// scikit-learn's solution.
        let readout: Readout
        /// The minimiser, refined from it by Newton steps in numpy.
        let newtonReadout: Readout
        let bAccuracy: Double
        let regressionAccuracy: Double
        let regressionRankAccuracy: Double
        let regressionL1Accuracy: Double
        let taskLossAccuracy: Double
        let taskLossSteps: Int
        let regressionTrainCe: Double
        let taskLossTrainCe: Double
    }
    let cases: [Case]

    static func load() throws -> StitchingReference {
        try Fixtures.decoded("stitching.json")
    }

    static func matrix(_ e: Entry) throws -> Matrix<Float> {
        try Fixtures.matrix(e)
    }
}
