import ArgumentParser
import CBlas
import Foundation
import Similarity

/// `layermap calibrate`: this machine's single-precision BLAS throughput, through the same
/// OpenBLAS the engine uses, so the benchmark can report the Gram phase as a fraction of it.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure sgemm and ssyrk GFLOP/s on this machine (used by the benchmark).",
        shouldDisplay: false)

    @Option(help: "Rows of the operands (the benchmark's N).")
    var samples: Int = 5000

    @Option(help: "Inner dimension (a layer's width).")
    var width: Int = 2048

    @Option(help: "Repetitions; the best is reported.")
    var repeats: Int = 3

    @Option(name: .customLong("blas-threads"), help: "OpenBLAS threads (default: one per core).")
    var blasThreads: Int?

    func run() throws {
        BLAS.setThreads(blasThreads ?? ProcessInfo.processInfo.activeProcessorCount)
        var g = SeededGenerator(seed: 1)
        let a = Matrix<Float>(rows: samples, cols: width, storage: (0..<(samples * width)).map { _ in Float(g.nextUnit()) })
        var c = Matrix<Float>(rows: samples, cols: samples)
        var best = (gemm: 0.0, syrk: 0.0)
        for _ in 0..<repeats {
            let t0 = DispatchTime.now().uptimeNanoseconds
            BLAS.gemm(a, a, transposeB: true, into: &c)
            let t1 = DispatchTime.now().uptimeNanoseconds
            a.storage.withUnsafeBufferPointer { pa in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(samples), Int32(width),
                                1, pa.baseAddress, Int32(width), 0, pc.baseAddress, Int32(samples))
                }
            }
            let t2 = DispatchTime.now().uptimeNanoseconds
            let n = Double(samples), k = Double(width)
            best.gemm = max(best.gemm, 2 * n * n * k / Double(t1 - t0))
            best.syrk = max(best.syrk, n * n * k / Double(t2 - t1))
        }
        print(String(format: "sgemm %.1f GFLOP/s\nssyrk %.1f GFLOP/s (n²·k flops)\nthreads %d", best.gemm, best.syrk, BLAS.threads))
    }
}
