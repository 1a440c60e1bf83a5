import ArgumentParser
import Foundation

/// A memory budget from the command line: bytes, or with a K, M, G or T suffix (powers of
/// 1024), e.g. `2G`, `1.5G`, `512M`.
struct MemorySize: ExpressibleByArgument, CustomStringConvertible, Equatable {
    let bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Double)] = [("T", 0x1p40), ("G", 0x1p30), ("M", 0x1p20), ("K", 0x1p10)]
        var scale = 1.0
        var number = text.hasSuffix("B") ? String(text.dropLast()) : text
        for (suffix, s) in units where number.hasSuffix(suffix) {
            scale = s
            number = String(number.dropLast())
            break
        }
        guard let v = Double(number), v > 0, v.isFinite, v * scale < Double(Int.max) else { return nil }
        bytes = Int(v * scale)
    }

    /// A quarter of the machine's memory: room for the rest of the system and other jobs.
    static var defaultBudget: MemorySize { MemorySize(bytes: Int(ProcessInfo.processInfo.physicalMemory / 4)) }

    var description: String {
        let g = Double(bytes) / Double(1 << 30)
        return g >= 1 ? String(format: "%.1f GiB", g) : String(format: "%.0f MiB", Double(bytes) / Double(1 << 20))
    }

    static var defaultValueDescription: String { "a quarter of RAM" }
}
