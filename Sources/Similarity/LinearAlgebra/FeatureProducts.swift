/// Products of centred feature matrices, accumulated in double precision.
///
/// The samples are walked in row blocks: each block's XᵀY is one `sgemm` in single
/// precision, and the blocks are summed in double, so rounding error does not grow with n.
public enum FeatureProducts {
    /// Rows per block: large enough for `sgemm` to run near peak, small enough that
    /// single-precision sums inside a block stay accurate.
    public static let blockRows = 2048

    /// XᵀY (D_X × D_Y) in double precision, for X (n×D_X) and Y (n×D_Y).
    /// - Complexity: O(n·D_X·D_Y).
    public static func cross(_ x: Matrix<Float>, _ y: Matrix<Float>) -> Matrix<Double> {
        precondition(x.rows == y.rows, "X has \(x.rows) rows while Y has \(y.rows)")
        var total = Matrix<Double>(rows: x.cols, cols: y.cols)
        if x.rows <= blockRows {
            let c = BLAS.product(x, transposeA: true, y)
            for i in total.storage.indices { total.storage[i] = Double(c.storage[i]) }
            return total
        }
        var block = Matrix<Float>(rows: x.cols, cols: y.cols)
        var start = 0
        while start < x.rows {
            let end = min(start + blockRows, x.rows)
            BLAS.gemm(x.rowSlice(start..<end), transposeA: true, y.rowSlice(start..<end), into: &block)
            for i in total.storage.indices { total.storage[i] += Double(block.storage[i]) }
            start = end
        }
        return total
    }

    /// ‖XᵀY‖²_F in double precision.
    public static func squaredFrobeniusOfCross(_ x: Matrix<Float>, _ y: Matrix<Float>) -> Double {
        let c = cross(x, y)
        var s = 0.0
        for v in c.storage { s += v * v }
        return s
    }
}
