import CBlas

extension BLAS {
    /// A[:, 0..<ka]ᵀ · B[:, 0..<kb]: the ka×kb inner products of the first `ka` columns of
    /// `a` with the first `kb` columns of `b`. It uses `dgemm` and copies no columns.
    /// `a` is m×p with ka ≤ p, `b` is m×q with kb ≤ q (same row count m).
    ///
    /// The CCA family uses it for Q_Xᵀ Q_Y, and SVCCA uses it on the leading singular directions.
    /// - Complexity: O(m·ka·kb).
    public static func crossProduct(_ a: Matrix<Double>, leadingColumns ka: Int,
                                    _ b: Matrix<Double>, leadingColumns kb: Int) -> Matrix<Double> {
        precondition(a.rows == b.rows, "crossProduct: A has \(a.rows) rows while B has \(b.rows)")
        precondition(ka >= 0 && ka <= a.cols && kb >= 0 && kb <= b.cols,
                     "crossProduct: \(ka) of \(a.cols) and \(kb) of \(b.cols) columns")
        var c = Matrix<Double>(rows: ka, cols: kb)
        if ka == 0 || kb == 0 || a.rows == 0 { return c }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans,
                                Int32(ka), Int32(kb), Int32(a.rows), 1,
                                pa.baseAddress, Int32(a.cols), pb.baseAddress, Int32(b.cols),
                                0, pc.baseAddress, Int32(kb))
                }
            }
        }
        return c
    }
}
