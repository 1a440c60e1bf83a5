import CBlas

extension LAPACK {
    /// The lower-triangular factor L (m×m) of the LQ factorisation A = L·Q of a wide matrix
    /// A (m×n, m ≤ n), from `dgelqf`; Q (m×n) has orthonormal rows and is not formed.
    ///
    /// L·Lᵀ = A·Aᵀ, so L stands in for A wherever only inner products between A's rows
    /// matter (e.g. the singular values of AᵀB equal those of LᵀB'), with n shrunk to m.
    /// Returns `nil` if LAPACK reports an error.
    public static func lowerLQFactor(_ a: Matrix<Double>) -> Matrix<Double>? {
        let m = a.rows, n = a.cols
        precondition(m <= n, "lowerLQFactor needs a wide matrix, got \(a.shapeDescription)")
        if m == 0 { return Matrix(rows: 0, cols: 0) }
        var work = a.storage
        var tau = [Double](repeating: 0, count: m)
        let info = work.withUnsafeMutableBufferPointer { w in
            tau.withUnsafeMutableBufferPointer { t in
                LAPACKE_dgelqf(LAPACK_ROW_MAJOR, Int32(m), Int32(n), w.baseAddress, Int32(n), t.baseAddress)
            }
        }
        guard info == 0 else { return nil }
        var l = Matrix<Double>(rows: m, cols: m)
        for i in 0..<m { for j in 0...i { l.storage[i * m + j] = work[i * n + j] } }
        return l
    }
}
