import CBlas

/// Thin, shape-checked wrappers over the OpenBLAS calls the engine uses.
///
/// All matrices are row-major. Each wrapper states the shapes it expects and traps only on
/// programmer error (mismatched shapes are validated by callers at the API boundary).
public enum BLAS {
    /// Sets how many threads OpenBLAS may use inside one call. The engine sets this
    /// deliberately so that worker threads × BLAS threads never exceeds the cores.
    public static func setThreads(_ n: Int) { layermap_set_blas_threads(Int32(max(1, n))) }

    /// Makes OpenBLAS single-threaded, once per process. Every computation calls it first:
    /// results must not depend on how many threads OpenBLAS splits a call into (they would, in
    /// the last digits), so parallelism comes from running layers and pairs on separate
    /// threads instead (see `Parallel`).
    public static func useSingleThread() { _ = singleThreaded }
    private static let singleThreaded: Void = { layermap_set_blas_threads(1) }()

    /// The thread count OpenBLAS currently uses.
    public static var threads: Int { Int(layermap_blas_threads()) }

    /// (m, n, k) of C = op(A)·op(B) for either precision, checked against C; `nil` when there
    /// is nothing to multiply (C empty, or k = 0, where C is only scaled by `beta`).
    private static func gemmShape<T: BinaryFloatingPoint>(_ a: Matrix<T>, _ transposeA: Bool, _ b: Matrix<T>, _ transposeB: Bool,
                                                          beta: T, into c: inout Matrix<T>) -> (Int, Int, Int)? {
        let m = transposeA ? a.cols : a.rows
        let k = transposeA ? a.rows : a.cols
        let kb = transposeB ? b.cols : b.rows
        let n = transposeB ? b.rows : b.cols
        precondition(k == kb && c.rows == m && c.cols == n,
                     "gemm shapes: op(A) \(m)×\(k), op(B) \(kb)×\(n), C \(c.shapeDescription)")
        if m == 0 || n == 0 { return nil }
        if k == 0 { for i in c.storage.indices { c.storage[i] *= beta }; return nil }
        return (m, n, k)
    }

    /// C = alpha · op(A) · op(B) + beta · C, in single precision.
    /// op(A) is m×k, op(B) is k×n and C is m×n (all row-major).
    public static func gemm(_ a: Matrix<Float>, transposeA: Bool = false,
                            _ b: Matrix<Float>, transposeB: Bool = false,
                            alpha: Float = 1, beta: Float = 0, into c: inout Matrix<Float>) {
        guard let (m, n, k) = gemmShape(a, transposeA, b, transposeB, beta: beta, into: &c) else { return }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                                transposeB ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), alpha,
                                pa.baseAddress, Int32(a.cols), pb.baseAddress, Int32(b.cols),
                                beta, pc.baseAddress, Int32(c.cols))
                }
            }
        }
    }

    /// C = alpha · op(A) · op(B) + beta · C, in double precision. Shapes as for the `Float` form.
    public static func gemm(_ a: Matrix<Double>, transposeA: Bool = false,
                            _ b: Matrix<Double>, transposeB: Bool = false,
                            alpha: Double = 1, beta: Double = 0, into c: inout Matrix<Double>) {
        guard let (m, n, k) = gemmShape(a, transposeA, b, transposeB, beta: beta, into: &c) else { return }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                                transposeB ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), alpha,
                                pa.baseAddress, Int32(a.cols), pb.baseAddress, Int32(b.cols),
                                beta, pc.baseAddress, Int32(c.cols))
                }
            }
        }
    }

    /// The product op(A)·op(B) as a new matrix.
    public static func product(_ a: Matrix<Float>, transposeA: Bool = false,
                               _ b: Matrix<Float>, transposeB: Bool = false) -> Matrix<Float> {
        var c = Matrix<Float>(rows: transposeA ? a.cols : a.rows, cols: transposeB ? b.rows : b.cols)
        gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
        return c
    }

    /// The product op(A)·op(B) as a new matrix, in double precision.
    public static func product(_ a: Matrix<Double>, transposeA: Bool = false,
                               _ b: Matrix<Double>, transposeB: Bool = false) -> Matrix<Double> {
        var c = Matrix<Double>(rows: transposeA ? a.cols : a.rows, cols: transposeB ? b.rows : b.cols)
        gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
        return c
    }

    /// The Gram matrix A·Aᵀ (rows × rows) of a row-major `Float` matrix, by `ssyrk` on the
    /// upper triangle, mirrored to a full symmetric matrix.
    public static func gram(_ a: Matrix<Float>) -> Matrix<Float> {
        let n = a.rows
        var c = Matrix<Float>(rows: n, cols: n)
        if n == 0 { return c }
        if a.cols > 0 {
            a.storage.withUnsafeBufferPointer { pa in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(n), Int32(a.cols),
                                1, pa.baseAddress, Int32(a.cols), 0, pc.baseAddress, Int32(n))
                }
            }
        }
        c.storage.withUnsafeMutableBufferPointer { pc in
            for i in 0..<n { for j in 0..<i { pc[i * n + j] = pc[j * n + i] } }
        }
        return c
    }

    /// Writes the upper triangle of A·Aᵀ (rows × rows) into `c` (row-major, rows × rows) with
    /// one `ssyrk`; the strict lower triangle is left as it was.
    public static func syrkUpper(_ a: Matrix<Float>, into c: inout [Float]) {
        let n = a.rows
        precondition(c.count >= n * n, "ssyrk output needs \(n * n) values")
        if n == 0 || a.cols == 0 { return }
        a.storage.withUnsafeBufferPointer { pa in
            c.withUnsafeMutableBufferPointer { pc in
                cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(n), Int32(a.cols),
                            1, pa.baseAddress, Int32(a.cols), 0, pc.baseAddress, Int32(n))
            }
        }
    }

    /// Σ xᵢ·yᵢ over two `Float` buffers of equal length, accumulated in double precision (`dsdot`).
    public static func dotAccumulatingDouble(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Double {
        precondition(x.count == y.count, "dot of lengths \(x.count) and \(y.count)")
        var total = 0.0
        // dsdot takes a 32-bit count; walk very long buffers in pieces.
        let step = 1 << 30
        var start = 0
        while start < x.count {
            let len = min(step, x.count - start)
            total += cblas_dsdot(Int32(len), x.baseAddress! + start, 1, y.baseAddress! + start, 1)
            start += len
        }
        return total
    }

    /// Σ xᵢ·yᵢ over two `Double` arrays of equal length (`ddot`).
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "dot of lengths \(x.count) and \(y.count)")
        if x.isEmpty { return 0 }
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in cblas_ddot(Int32(x.count), px.baseAddress, 1, py.baseAddress, 1) }
        }
    }
}
