/// Products of centred feature matrices, in double precision.
///
/// Each layer is kept as its `Float` activations and double means (`CentredColumns`); the
/// samples are walked in row blocks that are widened and centred to double, and each block's
/// XcᵀYc is one `dgemm` added into a double total (`CentredCrossProduct`). Every product and
/// sum is in double, so the cross term agrees with a float64 reference to about 1e-15
/// relative, for any n; single-precision products would lose about √n·2⁻²⁴ (1e-6 at n = 400
/// on a one-neuron layer).
///
/// The operands are taken in the canonical order (`CentredColumns.precedes`), so
/// ‖XcᵀYc‖²_F for (X, Y) and for (Y, X) are the same bits: a grid computed as B×A is the exact
/// transpose of A×B.
public enum FeatureProducts {
    /// XcᵀYc (D_X × D_Y) in double precision, for X (n×D_X) and Y (n×D_Y); computed in the
    /// canonical order and transposed when Y goes first, so `cross(y, x)` is exactly the
    /// transpose of `cross(x, y)`.
    /// - Complexity: O(n·D_X·D_Y).
    public static func cross(_ x: CentredColumns, _ y: CentredColumns) -> Matrix<Double> {
        precondition(x.sampleCount == y.sampleCount, "X has \(x.sampleCount) rows while Y has \(y.sampleCount)")
        if x.precedes(y) { return CentredCrossProduct.product(x, y) }
        let c = CentredCrossProduct.product(y, x)
        var t = Matrix<Double>(rows: c.cols, cols: c.rows)
        for i in 0..<c.rows { for j in 0..<c.cols { t[j, i] = c[i, j] } }
        return t
    }

    /// ‖XcᵀYc‖²_F in double precision, summed over the canonical product in its row-major
    /// order, so the result is symmetric in X and Y to the last bit.
    public static func squaredFrobeniusOfCross(_ x: CentredColumns, _ y: CentredColumns) -> Double {
        let c = x.precedes(y) ? CentredCrossProduct.product(x, y) : CentredCrossProduct.product(y, x)
        var s = 0.0
        for v in c.storage { s += v * v }
        return s
    }
}
