/// One layer's centred kernel, computed once and shared by every pair the layer is in.
///
/// With H = I − 11ᵀ/n and K the layer's n×n kernel matrix, the estimators need only
/// - ⟨HKH, HLH⟩ for a pair (the one O(n²) or O(n·d_X·d_Y) term per pair),
/// - d = diag(HKH) and t = tr(HKH) per layer, and
/// - ⟨HKH, HKH⟩ per layer (the self term).
///
/// The centred kernel is kept in one of two exact forms:
/// - `.gram`: HKH itself as a packed upper triangle (`PackedGram`, any kernel);
/// - `.features`: the centred activations Xc (n×D), for the linear kernel only, where
///   HKH = XcXcᵀ and ⟨HKH, HLH⟩ = ‖XcᵀYc‖²_F. Cheaper when D is small against n.
public struct KernelStatistics: Sendable {
    public enum Representation: Sendable {
        case gram(PackedGram)
        case features(Matrix<Float>)
    }

    /// The kernel these statistics were built with.
    public let kernel: Kernel
    /// n, the number of samples.
    public let sampleCount: Int
    /// D, the layer's width (for display: d_A, d_B).
    public let width: Int
    public let representation: Representation
    /// diag(HKH), length n, in double precision.
    public let diagonal: [Double]
    /// tr(HKH).
    public let trace: Double
    /// ⟨HKH, HKH⟩_F, accumulated in double precision.
    public let selfInner: Double

    public init(kernel: Kernel, sampleCount: Int, width: Int, representation: Representation,
                diagonal: [Double], trace: Double, selfInner: Double) {
        self.kernel = kernel
        self.sampleCount = sampleCount
        self.width = width
        self.representation = representation
        self.diagonal = diagonal
        self.trace = trace
        self.selfInner = selfInner
    }

    /// True when the centred kernel is zero: a constant layer, for which CKA is undefined.
    public var isDegenerate: Bool { !(selfInner > 0) }

    /// Bytes held by the representation (for memory planning).
    public var representationBytes: Int {
        switch representation {
        case .gram(let g): return g.bytes
        case .features(let m): return m.storage.count * MemoryLayout<Float>.size
        }
    }
}

/// The kernel a layer's Gram matrix is built with.
public enum Kernel: Sendable, Hashable, CustomStringConvertible {
    /// k(a, b) = aᵀb.
    case linear
    /// k(a, b) = exp(−‖a − b‖² / (2σ²)), σ² = fraction² × median of the squared distances.
    case rbf(fraction: Double)

    public var description: String {
        switch self {
        case .linear: return "linear"
        case .rbf(let f): return "rbf(fraction \(f))"
        }
    }
}

extension KernelStatistics {
    /// ⟨HKH, HLH⟩_F for two layers, in double precision.
    ///
    /// Both statistics must use the same kernel, the same n and the same representation.
    /// - Complexity: O(n²) for `.gram`; O(n·D_X·D_Y) for `.features`.
    public static func centredInnerProduct(_ a: KernelStatistics, _ b: KernelStatistics) -> Double {
        precondition(a.sampleCount == b.sampleCount,
                     "X has \(a.sampleCount) rows while Y has \(b.sampleCount)")
        switch (a.representation, b.representation) {
        case (.gram(let ka), .gram(let kb)):
            return GramInner.inner(ka, kb)
        case (.features(let xa), .features(let xb)):
            return FeatureProducts.squaredFrobeniusOfCross(xa, xb)
        default:
            preconditionFailure("a pair's statistics must share one representation")
        }
    }
}
