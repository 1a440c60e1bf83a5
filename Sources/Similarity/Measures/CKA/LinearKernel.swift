/// Builds a layer's statistics for the linear kernel K = XXᵀ.
///
/// Because HKH = XcXcᵀ with Xc the column-centred activations, the centring is done once
/// on the N×D features, never on an n×n matrix. diag(HKH)_i = ‖xc_i‖² and
/// tr(HKH) = ‖Xc‖²_F come straight from the centring.
public enum LinearKernel {
    /// Statistics in the requested representation.
    /// - Parameter x: N×D activations (uncentred).
    /// - Complexity: `.gram`: O(N²·D) (one `ssyrk`); `.features`: O(N·D²).
    public static func statistics(of x: Matrix<Float>, form: KernelForm) throws -> KernelStatistics {
        try statistics(of: CentredColumns(x), form: form)
    }

    /// Statistics from an already-centred layer, whose centred values are rounded once to
    /// `Float` for the single-precision products (`CentredColumns.roundedCentred()`).
    public static func statistics(of c: CentredColumns, form: KernelForm) -> KernelStatistics {
        let xc = c.roundedCentred()
        switch form {
        case .gram:
            let g = PackedGram(gramOf: xc)
            return KernelStatistics(kernel: .linear, sampleCount: c.sampleCount, width: c.width,
                                    representation: .gram(g), diagonal: c.rowSquaredNorms,
                                    trace: c.squaredNorm, selfInner: GramInner.inner(g, g))
        case .features, .streaming:
            // Already in memory: the streaming form's sums would give the same terms.
            let selfInner = FeatureProducts.squaredFrobeniusOfCross(xc, xc)
            return KernelStatistics(kernel: .linear, sampleCount: c.sampleCount, width: c.width,
                                    representation: .features(xc), diagonal: c.rowSquaredNorms,
                                    trace: c.squaredNorm, selfInner: selfInner)
        }
    }
}

/// Which exact form of the centred linear kernel to keep (see `KernelStatistics`).
public enum KernelForm: String, Sendable, Hashable {
    /// The n×n centred Gram matrix: cheapest when layers are wide against n.
    case gram
    /// The n×D centred features: cheapest when layers are narrow against n.
    case features
    /// No matrix kept at all: sums streamed over row blocks (`LinearSums`), for layers too
    /// large to hold; exact, and memory independent of n.
    case streaming
}
