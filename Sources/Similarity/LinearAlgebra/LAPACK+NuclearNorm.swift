import CBlas

extension LAPACK {
    /// ‖A‖_*, the nuclear norm (sum of singular values) of A (m×n), from `dgesdd` without
    /// singular vectors. Returns `nil` if LAPACK reports an error or does not converge.
    ///
    /// Row-major LAPACKE (3.11) checks `ldvt` against n even when no vectors are wanted, so
    /// the unused leading dimensions are passed as n and min(m, n), with 1-element buffers.
    /// - Complexity: O(m·n·min(m, n)).
    public static func nuclearNorm(_ a: Matrix<Double>) -> Double? {
        let m = a.rows, n = a.cols, k = min(m, n)
        if k == 0 { return 0 }
        var work = a.storage
        var s = [Double](repeating: 0, count: k)
        var unusedU = [Double](repeating: 0, count: 1)
        var unusedVt = [Double](repeating: 0, count: 1)
        let info = work.withUnsafeMutableBufferPointer { w in
            s.withUnsafeMutableBufferPointer { ps in
                unusedU.withUnsafeMutableBufferPointer { pu in
                    unusedVt.withUnsafeMutableBufferPointer { pv in
                        LAPACKE_dgesdd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), Int32(m), Int32(n),
                                       w.baseAddress, Int32(n), ps.baseAddress,
                                       pu.baseAddress, Int32(k), pv.baseAddress, Int32(n))
                    }
                }
            }
        }
        guard info == 0 else { return nil }
        // Ascending, so the small values are not lost against the large ones.
        return s.reversed().reduce(0, +)
    }
}
