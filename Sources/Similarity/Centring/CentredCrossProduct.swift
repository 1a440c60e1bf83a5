/// Anything that can hand over its rows (samples) as double-precision blocks: the centred
/// layer itself, or a smaller factor B with B·Bᵀ = Xc·Xcᵀ (see `ProcrustesFactor`).
public protocol DoubleRowBlocks: Sendable {
    /// N, the number of rows.
    var sampleCount: Int { get }
    /// The number of columns.
    var width: Int { get }
    /// Rows `range`, as a `range.count × width` matrix.
    func doubleRows(_ range: Range<Int>) -> Matrix<Double>
}

extension CentredColumns: DoubleRowBlocks {
    public func doubleRows(_ range: Range<Int>) -> Matrix<Double> { centredRows(range) }
}

/// AᵀB for two row-aligned matrices, accumulated in double precision (`dgemm`).
///
/// The samples are walked in blocks of `blockRows` rows: each block of A and of B is
/// widened (and centred) to double, and its product added into the result, so a layer kept
/// in `Float` is never held whole in double.
public enum CentredCrossProduct {
    /// Rows per block.
    public static let blockRows = 512

    /// AᵀB, `a.width × b.width`, for A (N×D_A) and B (N×D_B).
    /// - Complexity: O(N·D_A·D_B) flops, O((D_A + D_B)·blockRows + D_A·D_B) memory.
    public static func product(_ a: some DoubleRowBlocks, _ b: some DoubleRowBlocks) -> Matrix<Double> {
        precondition(a.sampleCount == b.sampleCount,
                     "X has \(a.sampleCount) rows while Y has \(b.sampleCount)")
        var total = Matrix<Double>(rows: a.width, cols: b.width)
        var start = 0
        while start < a.sampleCount {
            let end = min(start + blockRows, a.sampleCount)
            BLAS.gemm(a.doubleRows(start..<end), transposeA: true, b.doubleRows(start..<end),
                      beta: 1, into: &total)
            start = end
        }
        return total
    }
}
