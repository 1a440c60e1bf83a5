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

    @Option(help: "Also report sgemm throughput sustained over this many seconds (the machine's speed varies from second to second; a long computation sees the average).")
    var sustained: Double = 0

    @Option(name: .customLong("blas-threads"), help: "OpenBLAS threads (default: one per core).")
    var blasThreads: Int?

    @Option(name: .customLong("gram-layers"), help: "Also time the engine's Gram phase on this many synthetic layers.")
    var gramLayers: Int = 0

    @Option(name: .customLong("widths"), help: "Widths the synthetic layers cycle through, e.g. 256,512,1024,2048.")
    var widthCycle: String?

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
        if sustained > 0 {
            let start = DispatchTime.now().uptimeNanoseconds
            var calls = 0
            while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < sustained {
                BLAS.gemm(a, a, transposeB: true, into: &c)
                calls += 1
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let flops = 2 * Double(samples) * Double(samples) * Double(width) * Double(calls)
            print(String(format: "sgemm sustained %.1f GFLOP/s (%d calls in %.1f s)", flops / seconds / 1e9, calls, seconds))
        }
        if gramLayers > 0 {
            // The engine's path: single-threaded BLAS, layers spread over the cores.
            BLAS.setThreads(1)
            // Distinct layers of widths cycling through --widths (default: --width), so every
            // layer is read from memory as in a real grid.
            let cycle = (widthCycle ?? "\(width)").split(separator: ",").compactMap { Int($0) }
            let layers = (0..<gramLayers).map { k -> Matrix<Float> in
                let d = cycle[k % cycle.count]
                return Matrix<Float>(rows: samples, cols: d, storage: (0..<(samples * d)).map { _ in Float(g.nextUnit()) })
            }
            let t0 = DispatchTime.now().uptimeNanoseconds
            let grams = Parallel.map(layers.count) { k in PackedGram(gramOf: layers[k]) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            let flops = Double(samples) * Double(samples) * Double(layers.reduce(0) { $0 + $1.cols })
            print(String(format: "gram phase %.1f GFLOP/s (%d layers in %.3f s)", flops / seconds / 1e9, grams.count, seconds))
            if ProcessInfo.processInfo.environment["LAYERMAP_EXPERIMENT"] != nil {
                final class Buf: @unchecked Sendable { var v: [Float]; init(_ n: Int) { v = [Float](repeating: 0, count: n) } }
                let bufs = (0..<2).map { _ in Buf(samples * samples) }
                let t1 = DispatchTime.now().uptimeNanoseconds
                _ = Parallel.map(2) { w in
                    for _ in 0..<(gramLayers / 2) { BLAS.syrkUpper(a, into: &bufs[w].v) }
                    return 0
                }
                let s1 = Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9
                print(String(format: "raw parallel ssyrk %.1f GFLOP/s", flops / s1 / 1e9))
                let t2 = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<gramLayers { BLAS.syrkUpper(a, into: &bufs[0].v) }
                let s2 = Double(DispatchTime.now().uptimeNanoseconds - t2) / 1e9
                print(String(format: "raw serial ssyrk (1 thread) %.1f GFLOP/s", flops / s2 / 1e9))
            }
        }
    }
}
