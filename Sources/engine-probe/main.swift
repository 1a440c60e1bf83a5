// Test aid only: runs the drill-down of cell (0, 0) of MODEL_A × MODEL_B headless, as the
// explorer's engine would, and prints one line per piece as it arrives. The memory-budget
// test runs it and reads its peak resident set from wait4.
//
//   engine-probe --memory BYTES [--until linear|decomposition|measures|matching|significance] MODEL_A MODEL_B
import Foundation
import Engine
import Explorer
import LayerIO
import Similarity

var arguments = Array(CommandLine.arguments.dropFirst())
var budget = Int.max
var until = "significance"
var models: [String] = []
while let a = arguments.first {
    arguments.removeFirst()
    switch a {
    case "--memory": budget = MemorySize(argument: arguments.removeFirst())!.bytes
    case "--until": until = arguments.removeFirst()
    default: models.append(a)
    }
}
BLAS.useSingleThread()
let catalog = try Catalog.open(models, reduce: .flatten)
let key = GridKey(metric: .linearCKA, rowModel: 0, colModel: catalog.models.count - 1)
let cell = CellKey(grid: key, row: 0, col: 0)
let done = DispatchSemaphore(value: 0)

/// One line per piece; signals `done` once the piece named by `--until` has arrived.
final class Printer: @unchecked Sendable {
    let until: String
    let done: DispatchSemaphore
    init(until: String, done: DispatchSemaphore) { self.until = until; self.done = done }
    func line(_ piece: String, _ text: String) {
        FileHandle.standardOutput.write(Data("\(piece): \(text)\n".utf8))
        if piece == until { done.signal() }
    }
    func receive(_ event: EngineEvent) {
        guard case .drill(_, let part) = event else { return }
        switch part {
        case .linearTerms(let r): line("linear", Self.text(r.map { $0.value.number.map { String($0) } ?? "undefined" }))
        case .decomposition(let r): line("decomposition", Self.text(r.map { "total \($0.total)" }))
        case .measures(let rows):
            if let last = rows.last, ProcessInfo.processInfo.environment["ENGINE_PROBE_EACH"] != nil {
                line("measure", last.metric.rawValue)
            }
            if rows.count == MeasureFactory.available.count {
                line("measures", rows.map { "\($0.metric.rawValue)=\($0.outcome.value.number.map { String($0) } ?? "undefined: " + ($0.outcome.value.reason ?? ""))" }.joined(separator: "; "))
            }
        case .matchingProgress: break
        case .matching(let r): line("matching", Self.text(r.map { _ in "done" }))
        case .significance(let r): line("significance", Self.text(r.map { "p = \($0.permutationP ?? .nan)" }))
        case .sweeps(let r): line("sweeps", Self.text(r.map { "full rank \($0.fullRank)" }))
        }
    }
    static func text(_ r: Result<String, SimilarityError>) -> String {
        switch r {
        case .success(let s): return s
        case .failure(let e): return "failed: \(e)"
        }
    }
}

let printer = Printer(until: until, done: done)
let job = DrillJob(cell: cell, x: catalog.gridLayers(ofModel: 0)[0], y: catalog.gridLayers(ofModel: key.colModel)[0],
                   options: MetricOptions(), metric: .linearCKA, plan: MemoryPlan(budget: budget),
                   post: { printer.receive($0) })
job.start()
done.wait()
job.cancel()
job.waitUntilFinished()
