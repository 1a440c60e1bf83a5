import Foundation

/// A memory budget from the command line: bytes, or with a K, M, G or T suffix (powers of
/// 1024), e.g. `2G`, `1.5G`, `512M`.
public struct MemorySize: CustomStringConvertible, Equatable, Sendable {
    public let bytes: Int

    public init(bytes: Int) { self.bytes = bytes }

    public init?(argument: String) {
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
    public static var defaultBudget: MemorySize { MemorySize(bytes: Int(ProcessInfo.processInfo.physicalMemory / 4)) }

    /// GiB with one decimal from 1 GiB up, else whole MiB from 1 MiB up, else whole KiB, so a
    /// small budget never reads as "0 MiB".
    public var description: String {
        let b = Double(bytes)
        if b >= 0x1p30 { return String(format: "%.1f GiB", b / 0x1p30) }
        if b >= 0x1p20 { return String(format: "%.0f MiB", b / 0x1p20) }
        return String(format: "%.0f KiB", (b / 0x1p10).rounded(.up))
    }

    /// The plan this budget sets.
    public var plan: MemoryPlan { MemoryPlan(budget: bytes) }
}
