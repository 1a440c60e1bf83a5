import CBlas

/// Shape-checked wrappers over the LAPACKE routines the measures need, in double precision.
/// Inputs are row-major `Matrix<Double>`; nothing here traps on numerical failure: a routine
/// that does not converge returns `nil`.
public enum LAPACK {
    /// The thin QR factor Q (m×k, k = min(m, n)) of A (m×n), with orthonormal columns,
    /// from `dgeqrf` + `dorgqr`.
    public static func thinQ(_ a: Matrix<Double>) -> Matrix<Double>? {
        let m = a.rows, n = a.cols, k = min(m, n)
        if k == 0 { return Matrix(rows: m, cols: 0) }
        var work = a.storage
        var tau = [Double](repeating: 0, count: k)
        let info1 = work.withUnsafeMutableBufferPointer { w in
            tau.withUnsafeMutableBufferPointer { t in
                LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, Int32(m), Int32(n), w.baseAddress, Int32(n), t.baseAddress)
            }
        }
        guard info1 == 0 else { return nil }
        // Keep the first k columns, then form Q from the reflectors.
        var q = Matrix<Double>(rows: m, cols: k)
        for i in 0..<m { for j in 0..<k { q.storage[i * k + j] = work[i * n + j] } }
        let info2 = q.storage.withUnsafeMutableBufferPointer { w in
            tau.withUnsafeMutableBufferPointer { t in
                LAPACKE_dorgqr(LAPACK_ROW_MAJOR, Int32(m), Int32(k), Int32(k), w.baseAddress, Int32(k), t.baseAddress)
            }
        }
        return info2 == 0 ? q : nil
    }

    /// The singular value decomposition A = U Σ Vᵀ (A m×n, k = min(m, n)) from `dgesdd`:
    /// U is m×k, `singularValues` has k values in descending order, Vᵀ is k×n.
    public struct SVD: Sendable {
        public let u: Matrix<Double>
        public let singularValues: [Double]
        public let vt: Matrix<Double>
    }

    /// The thin SVD of `a`, or `nil` if LAPACK does not converge.
    public static func svd(_ a: Matrix<Double>) -> SVD? {
        let m = a.rows, n = a.cols, k = min(m, n)
        if k == 0 { return SVD(u: Matrix(rows: m, cols: 0), singularValues: [], vt: Matrix(rows: 0, cols: n)) }
        var work = a.storage
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: m * k)
        var vt = [Double](repeating: 0, count: k * n)
        let info = work.withUnsafeMutableBufferPointer { w in
            s.withUnsafeMutableBufferPointer { ps in
                u.withUnsafeMutableBufferPointer { pu in
                    vt.withUnsafeMutableBufferPointer { pv in
                        LAPACKE_dgesdd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int32(m), Int32(n),
                                       w.baseAddress, Int32(n), ps.baseAddress,
                                       pu.baseAddress, Int32(k), pv.baseAddress, Int32(n))
                    }
                }
            }
        }
        guard info == 0 else { return nil }
        return SVD(u: Matrix(rows: m, cols: k, storage: u), singularValues: s,
                   vt: Matrix(rows: k, cols: n, storage: vt))
    }

    /// Singular values only (descending), from `dgesdd` with no vectors.
    public static func singularValues(_ a: Matrix<Double>) -> [Double]? {
        let m = a.rows, n = a.cols, k = min(m, n)
        if k == 0 { return [] }
        var work = a.storage
        var s = [Double](repeating: 0, count: k)
        var dummyU = [Double](repeating: 0, count: 1)
        var dummyVt = [Double](repeating: 0, count: max(1, n))
        let info = work.withUnsafeMutableBufferPointer { w in
            s.withUnsafeMutableBufferPointer { ps in
                dummyU.withUnsafeMutableBufferPointer { pu in
                    dummyVt.withUnsafeMutableBufferPointer { pv in
                        LAPACKE_dgesdd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), Int32(m), Int32(n),
                                       w.baseAddress, Int32(n), ps.baseAddress,
                                       pu.baseAddress, 1, pv.baseAddress, Int32(n))
                    }
                }
            }
        }
        return info == 0 ? s : nil
    }

    /// Eigen-decomposition of a symmetric n×n matrix from `dsyevd`: eigenvalues in ascending
    /// order and the eigenvectors as the columns of an n×n matrix.
    public static func symmetricEigen(_ a: Matrix<Double>) -> (values: [Double], vectors: Matrix<Double>)? {
        precondition(a.rows == a.cols, "symmetricEigen needs a square matrix, got \(a.shapeDescription)")
        let n = a.rows
        if n == 0 { return ([], a) }
        var v = a.storage
        var w = [Double](repeating: 0, count: n)
        let info = v.withUnsafeMutableBufferPointer { pv in
            w.withUnsafeMutableBufferPointer { pw in
                LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")),
                               Int32(n), pv.baseAddress, Int32(n), pw.baseAddress)
            }
        }
        guard info == 0 else { return nil }
        return (w, Matrix(rows: n, cols: n, storage: v))
    }
}
