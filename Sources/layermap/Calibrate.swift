import ArgumentParser
import CBlas
import Foundation
import Similarity

/// `layermap calibrate`: this machine's single-precision BLAS throughput, through the same
/// OpenBLAS the engine uses, so the benchmark can report the Gram phase as a fraction of it.
///
/// The machines we run on are shared and their speed drifts by ±20 % from minute to minute,
/// so a Gram phase timed at one moment and sgemm timed at another can give any ratio. With
/// `--gram-layers` and `--rounds`, each round times sustained sgemm and then the engine's Gram
/// phase straight after it, and the ratio is taken within the round.
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

    @Option(name: .customLong("blas-threads"), help: "OpenBLAS threads for sgemm (default: one per core).")
    var blasThreads: Int?

    @Option(name: .customLong("gram-layers"), help: "Also time the engine's Gram phase on this many synthetic layers.")
    var gramLayers: Int = 0

    @Option(name: .customLong("widths"), help: "Widths the synthetic layers cycle through, e.g. 256,512,1024,2048.")
    var widthCycle: String?

    @Option(help: "With --gram-layers: rounds of (sustained sgemm, then the Gram phase), each giving a ratio.")
    var rounds: Int = 1

    func run() throws {
        let sgemmThreads = blasThreads ?? ProcessInfo.processInfo.activeProcessorCount
        BLAS.setThreads(sgemmThreads)
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
            let (gflops, calls, seconds) = sustainedSgemm(a, into: &c, seconds: sustained)
            print(String(format: "sgemm sustained %.1f GFLOP/s (%d calls in %.1f s)", gflops, calls, seconds))
        }
        guard gramLayers > 0 else { return }
        // Distinct layers of widths cycling through --widths (default: --width), so every
        // layer is read from memory as in a real grid.
        let cycle = (widthCycle ?? "\(width)").split(separator: ",").compactMap { Int($0) }
        let layers = (0..<gramLayers).map { k -> Matrix<Float> in
            let d = cycle[k % cycle.count]
            return Matrix<Float>(rows: samples, cols: d, storage: (0..<(samples * d)).map { _ in Float(g.nextUnit()) })
        }
        var ratios: [Double] = []
        for round in 1...max(1, rounds) {
            var sgemm = 0.0
            if sustained > 0 {
                BLAS.setThreads(sgemmThreads)
                sgemm = sustainedSgemm(a, into: &c, seconds: sustained).gflops
            }
            let gram = gramPhase(layers)
            if sustained > 0 {
                ratios.append(gram / sgemm)
                print(String(format: "round %d: sgemm sustained %.1f GFLOP/s, then gram phase %.1f GFLOP/s (%d layers): %.0f %%",
                             round, sgemm, gram, layers.count, 100 * gram / sgemm))
            } else {
                print(String(format: "gram phase %.1f GFLOP/s (%d layers)", gram, layers.count))
            }
        }
        if !ratios.isEmpty {
            let sorted = ratios.sorted()
            let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2]
                : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            print(String(format: "gram phase / sustained sgemm: median %.0f %% over %d rounds (min %.0f %%, max %.0f %%)",
                         100 * median, ratios.count, 100 * sorted.first!, 100 * sorted.last!))
        }
    }

    /// sgemm C = A·Aᵀ (A is samples×width) called repeatedly for `seconds`; 2·n²·k flops a call.
    private func sustainedSgemm(_ a: Matrix<Float>, into c: inout Matrix<Float>,
                                seconds: Double) -> (gflops: Double, calls: Int, seconds: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        var calls = 0
        while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < seconds {
            BLAS.gemm(a, a, transposeB: true, into: &c)
            calls += 1
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let flops = 2 * Double(a.rows) * Double(a.rows) * Double(a.cols) * Double(calls)
        return (flops / elapsed / 1e9, calls, elapsed)
    }

    /// The engine's Gram phase (single-threaded BLAS, layers spread over the cores, each
    /// centred Gram written packed), in GFLOP/s counting n²·D flops per layer.
    private func gramPhase(_ layers: [Matrix<Float>]) -> Double {
        BLAS.setThreads(1)
        let t0 = DispatchTime.now().uptimeNanoseconds
        let grams = Parallel.map(layers.count) { k in PackedGram(gramOf: layers[k]) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        precondition(grams.count == layers.count)
        let flops = Double(samples) * Double(samples) * Double(layers.reduce(0) { $0 + $1.cols })
        return flops / seconds / 1e9
    }
}
