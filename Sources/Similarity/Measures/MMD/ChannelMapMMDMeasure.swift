import Foundation

/// Neuron Selectivity Transfer's MMD² in its convolutional form (Huang & Wang 2017, "Like
/// What You Like: Knowledge Distill via Neuron Selectivity Transfer"): `nst-linear`,
/// `nst-poly` (NST's default kernel) and `nst-gauss`, for two 4-D layers N×C×H×W.
///
/// **Points.** For each example n, the points of layer X are its C_X channel maps, each the
/// H·W values of one channel scaled to unit length, x̂_c = x_c / ‖x_c‖ (no mean removed; a
/// map that is zero stays the zero vector, a point at the origin that still counts in C_X:
/// NST's `L2Normalization(eps = 1e-10, mode = 'spatial')` leaves 0 at 0; here the division
/// is exact, so the measure is exactly scale-invariant). The layers are read in their
/// channels-first layout whatever `--reduce` says (`ActivationSource.readSpatialRows`).
///
/// **Pooling.** When the maps differ in size, both layers are average-pooled to
/// (h, w) = (min(H_X, H_Y), min(W_X, W_Y)) — the larger map goes down to the smaller, axis by
/// axis — with PyTorch's `adaptive_avg_pool2d` bins (`AdaptiveAveragePooling`), then scaled
/// to unit length. (NST's own experiments pair maps of one size, 7×7; pooling is this tool's
/// rule for layers of different resolutions.) A map that pools to zero is a zero point.
///
/// **Estimator.** The biased (V-statistic) MMD², as NST's code computes it, per example over
/// all pairs (i = j included), then the mean over the N examples:
///
///     MMD²_n = (1/C_X²) Σ_ij k(x̂_i, x̂_j) + (1/C_Y²) Σ_ij k(ŷ_i, ŷ_j) − (2/(C_X C_Y)) Σ_ij k(x̂_i, ŷ_j)
///     MMD²   = (1/N) Σ_n MMD²_n
///
/// with the kernels
/// - linear k(a, b) = aᵀb: MMD²_n = ‖m_X − m_Y‖², m the example's mean unit map;
/// - polynomial k(a, b) = (aᵀb)² (d = 2, c = 0, NST's default):
///   MMD²_n = ‖G_X‖²_F/C_X² + ‖G_Y‖²_F/C_Y² − 2‖X̂_nŶ_nᵀ‖²_F/(C_X C_Y), G_X = X̂_nX̂_nᵀ (C_X×C_X);
/// - Gaussian k(a, b) = exp(−‖a − b‖²/(2σ_n²)), with NST's bandwidth rule taken per example,
///   as NST's loss is defined per example: σ_n² is the mean squared distance over all pairs
///   of distinct points of that example's pooled set (its C_X + C_Y maps). An example whose
///   points are all one point (σ_n² = 0) has MMD²_n = 0: both sets are the same point mass.
///
/// Every term comes from the per-example C×C Gram matrices, in double precision (never an
/// N×N matrix); a rounding below 0 is taken as 0.
///
/// **Range, symmetry, invariances.** A distance, 0 for a layer and itself: [0, 4] for the
/// linear kernel (≤ 2 for non-negative maps), [0, 2] for the polynomial and Gaussian ones.
/// Symmetric (the pooling target does not depend on the order). Invariant to permuting
/// channels, to scaling any map by a positive factor (so to isotropic scaling of a layer,
/// and to scaling one example), and to the same permutation of the spatial positions of
/// both layers when no pooling is needed (a transposition H ↔ W of both layers also when
/// pooling is); the polynomial kernel also to a map's sign. Not invariant to mixing
/// channels, nor to shifting values. Not invariant to permuting examples of one layer only.
///
/// **Undefined** when a layer is not 4-D (it has no channel maps: the reduced N×D rows of a
/// 2-D or 3-D layer are not maps), when the layers' sample counts differ, when a layer holds
/// NaN or ±Inf, and when every map of a layer is zero in every example.
///
/// - Complexity: per pair O(N·(C_X + C_Y)²·h·w) for the Gram matrices (the linear kernel
///   O(N·(C_X + C_Y)·h·w)) plus the pooling, O(N·(C_X·H_X·W_X + C_Y·H_Y·W_Y)); memory per
///   prepared layer 4·N·C·H·W bytes (the float32 maps), per pair one example's unit maps and
///   C×C Grams in double.
///
/// `extras`: `pooled_h`, `pooled_w` (the map size compared), `zero_maps_x`, `zero_maps_y`
/// (maps that are zero at that size, over all examples), and for the Gaussian `sigma2_mean`
/// (the mean over the examples of σ_n²).
public struct ChannelMapMMDMeasure: TypedPairMeasure {
    /// The kernel between two unit-length maps.
    public enum Kernel: Sendable {
        case linear, polynomial, gaussian
    }

    public let kernel: Kernel

    public init(kernel: Kernel) {
        self.kernel = kernel
    }

    public var metric: Metric {
        switch kernel {
        case .linear: return .nstLinear
        case .polynomial: return .nstPoly
        case .gaussian: return .nstGauss
        }
    }

    /// The three kernels share the raw channel maps; the state does not depend on the
    /// reduce policy (the maps are read in flatten order whatever it is).
    public var preparationKey: String { "nst-channel-maps" }

    /// An N×D matrix alone has no channel maps (the layer's source has: `prepare(source:)`);
    /// this is what the permutation test and the bootstrap, which resample such matrices, get.
    public func prepareLayer(_ x: Matrix<Float>) throws -> ChannelMaps {
        throw SimilarityError.degenerate(ChannelMaps.matrixHasNoMaps)
    }

    public func prepare(source: any ActivationSource) throws -> any Sendable {
        try ChannelMaps(source: source)
    }

    public func compareLayers(_ x: ChannelMaps, _ y: ChannelMaps) -> PairOutcome {
        guard x.sampleCount == y.sampleCount else {
            return PairOutcome(value: .undefined(reason: "X has \(x.sampleCount) examples while Y has \(y.sampleCount)"))
        }
        let h = min(x.shape.height, y.shape.height), w = min(x.shape.width, y.shape.width)
        let poolX = AdaptiveAveragePooling(from: x.shape, toHeight: h, width: w)
        let poolY = AdaptiveAveragePooling(from: y.shape, toHeight: h, width: w)
        var total = 0.0, sigmaTotal = 0.0
        var zeroX = 0, zeroY = 0
        for n in 0..<x.sampleCount {
            let px = x.unitPoints(example: n, pooling: poolX)
            let py = y.unitPoints(example: n, pooling: poolY)
            zeroX += px.zeroCount
            zeroY += py.zeroCount
            let term: Double
            switch kernel {
            case .linear: term = Self.linearTerm(px.points, py.points)
            case .polynomial: term = Self.polynomialTerm(px.points, py.points)
            case .gaussian:
                let (t, s) = Self.gaussianTerm(px, py)
                term = t
                sigmaTotal += s
            }
            total += max(0, term)
        }
        var extras = ["pooled_h": Double(h), "pooled_w": Double(w),
                      "zero_maps_x": Double(zeroX), "zero_maps_y": Double(zeroY)]
        if kernel == .gaussian { extras["sigma2_mean"] = sigmaTotal / Double(x.sampleCount) }
        return PairOutcome(value: .checked(total / Double(x.sampleCount), otherwise: "the MMD terms are not finite"),
                           extras: extras)
    }

    /// ‖m_X − m_Y‖², m the mean of a C×P matrix's rows.
    static func linearTerm(_ zx: Matrix<Double>, _ zy: Matrix<Double>) -> Double {
        let p = zx.cols
        var total = 0.0
        for j in 0..<p {
            var mx = 0.0, my = 0.0
            for i in 0..<zx.rows { mx += zx.storage[i * p + j] }
            for i in 0..<zy.rows { my += zy.storage[i * p + j] }
            let d = mx / Double(zx.rows) - my / Double(zy.rows)
            total += d * d
        }
        return total
    }

    /// ‖AAᵀ‖²/a² + ‖BBᵀ‖²/b² − 2‖ABᵀ‖²/(ab) for the rows of A (a×P) and B (b×P).
    static func polynomialTerm(_ zx: Matrix<Double>, _ zy: Matrix<Double>) -> Double {
        func squaredSum(_ m: Matrix<Double>) -> Double { m.storage.reduce(0) { $0 + $1 * $1 } }
        let cx = Double(zx.rows), cy = Double(zy.rows)
        return squaredSum(BLAS.product(zx, zx, transposeB: true)) / (cx * cx)
            + squaredSum(BLAS.product(zy, zy, transposeB: true)) / (cy * cy)
            - 2 * squaredSum(BLAS.product(zx, zy, transposeB: true)) / (cx * cy)
    }

    /// The Gaussian MMD²_n and its σ_n², from the three Gram matrices.
    static func gaussianTerm(_ ux: ChannelMaps.UnitPoints, _ uy: ChannelMaps.UnitPoints) -> (Double, Double) {
        let gx = BLAS.product(ux.points, ux.points, transposeB: true)
        let gy = BLAS.product(uy.points, uy.points, transposeB: true)
        let gxy = BLAS.product(ux.points, uy.points, transposeB: true)
        let count = Double(gx.rows + gy.rows)
        // Σ_{p≠q} ‖z_p − z_q‖² = 2M·Σ_p ‖z_p‖² − 2‖Σ_p z_p‖², the live maps having ‖z‖² = 1.
        let live = Double(ux.liveCount + uy.liveCount)
        let sumAll = gx.storage.reduce(0, +) + gy.storage.reduce(0, +) + 2 * gxy.storage.reduce(0, +)
        let sigma2 = max(0, (2 * count * live - 2 * sumAll) / (count * (count - 1)))
        guard sigma2 > 1e-300 else { return (0, 0) }
        let value = GaussianMMDMeasure.biasedMMD(gramX: gx, normsX: ux.squaredNorms, gramY: gy, normsY: uy.squaredNorms,
                                                 cross: gxy, sigma2: sigma2)
        return (value, sigma2)
    }
}

extension ChannelMapMMDMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        // Without the channels-first shape: the N×D rows as if they were the maps.
        ChannelMaps.preparedBytes(sampleCount: n, shape: SpatialShape(channels: 1, height: 1, width: max(d, 1)))
    }

    public func preparedBytes(source: any ActivationSource) -> Double {
        guard let shape = source.spatialShape else { return 0 }
        return ChannelMaps.preparedBytes(sampleCount: source.sampleCount, shape: shape)
    }
}
