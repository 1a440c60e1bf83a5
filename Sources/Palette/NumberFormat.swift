import Foundation

/// The one number formatter: how numbers read in the terminal (cells, status lines, the
/// details panel), in the headless reports and in the exported files and images.
///
/// Two kinds of fixed-point text, on purpose:
/// - `fixed` (and `compact`, `signed`, …) rounds by hand, for the explorer: it runs for every
///   visible cell of every frame, and never shows `-0.000`;
/// - `decimal` and `significant` are C's `%.nf` and `%.ng` (correctly rounded from the binary
///   value), for the headless text reports and the images, whose bytes scripts compare.
/// Exports that must read back as the same `Double` use `exact`.
public enum NumberFormat {
    /// The shortest text that reads back as the same `Double` (Swift's round-trip
    /// `description`), without a trailing `.0`: `0.873215`, `1`, `1e-05`. What CSV and JSON
    /// exports write, so nothing is lost between the tools.
    public static func exact(_ v: Double) -> String {
        if v == 0 { return "0" }
        var s = "\(v)"
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    /// `v` with `places` digits after the point, as C's `%.{places}f` writes it: `0.873`,
    /// `-0.000` for a small negative value.
    public static func decimal(_ v: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", v)
    }

    /// `v` with `digits` significant digits, as C's `%.{digits}g` writes it: `0.8731`, `1`,
    /// `-0.0012`, `1.235e+06`.
    public static func significant(_ v: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)g", v)
    }

    /// `v` with `decimals` digits after the point, e.g. `fixed(0.8726, 3) == "0.873"`.
    /// A value that rounds to zero has no minus sign.
    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        var p: Double = 1
        for _ in 0..<max(0, decimals) { p *= 10 }
        let scaled = (abs(v) * p).rounded()
        guard scaled < 9e15 else { return scientific(v, 2) }
        let n = UInt64(scaled), q = UInt64(p)
        var s = String(n / q)
        if decimals > 0 {
            let frac = String(n % q)
            s += "." + String(repeating: "0", count: decimals - frac.count) + frac
        }
        return (v < 0 && n != 0 ? "-" : "") + s
    }

    /// At most `width` characters (≥ 3), with as many decimals as fit (at most
    /// `maxDecimals`, 3 unless the explorer's precision asks for more): `0.873`, `1.000`,
    /// `-0.02`, `12.35`, `-123`. Too large for the width: `+big`-style clipping to `>999` /
    /// `<-99`.
    public static func compact(_ v: Double, width: Int = 5, maxDecimals: Int = 3) -> String {
        for d in stride(from: max(0, maxDecimals), through: 0, by: -1) {
            let s = fixed(v, d)
            if s.count <= width { return s }
        }
        let limit = String(repeating: "9", count: max(1, width - (v < 0 ? 2 : 1)))
        return (v < 0 ? "<-" : ">") + limit
    }

    /// `compact` with a `+` before a positive value, for differences: `+0.07`, `-0.07`,
    /// `0.000` (no sign on a value that shows as zero).
    public static func signedCompact(_ v: Double, width: Int = 5, maxDecimals: Int = 3) -> String {
        guard v > 0 else { return compact(v, width: width, maxDecimals: maxDecimals) }
        let s = compact(v, width: max(3, width - 1), maxDecimals: maxDecimals)
        return isZero(s) ? compact(v, width: width, maxDecimals: maxDecimals) : "+" + s
    }

    /// `v` with `decimals` digits and a `+` before a positive value: `+0.071`, `-0.030`,
    /// `0.000` (no sign on a value that shows as zero).
    public static func signed(_ v: Double, _ decimals: Int) -> String {
        let s = fixed(v, decimals)
        return v > 0 && !isZero(s) ? "+" + s : s
    }

    /// Whether a formatted number shows only zeros.
    private static func isZero(_ s: String) -> Bool { s.allSatisfy { $0 == "0" || $0 == "." } }

    /// `v` in scientific notation with `digits` after the point, e.g. `1.234e-02`.
    public static func scientific(_ v: Double, _ digits: Int = 3) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        return String(format: "%.\(digits)e", v)
    }

    /// A value for reading: 3 decimals in a usual range, scientific notation otherwise.
    public static func value(_ v: Double) -> String {
        let a = abs(v)
        if a == 0 || (a >= 1e-3 && a < 1e5) { return fixed(v, 3) }
        return scientific(v, 3)
    }

    /// A value at full precision for the status bar: 10 significant digits (C's `%.10g`),
    /// so 0.9991 and 0.9994 never look alike, with at least 3 decimals so it reads like the
    /// cells: `0.9991234567`, `1.000`, `0.800`, `-0.0001234`, `1.234567891e-07`.
    public static func full(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        if v == 0 { return "0.000" }
        let s = significant(v, 10)
        guard !s.contains("e") else { return s }
        let decimals = s.firstIndex(of: ".").map { s.distance(from: $0, to: s.endIndex) - 1 } ?? -1
        if decimals >= 3 { return s }
        return (decimals < 0 ? s + "." : s) + String(repeating: "0", count: 3 - max(0, decimals))
    }

    /// A percentage with one decimal: `41.2%`.
    public static func percent(_ fraction: Double) -> String { fixed(fraction * 100, 1) + "%" }

    /// A duration for the ETA: `3s`, `1m05s`, `2h03m`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s)s" }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if s < 3600 { return "\(s / 60)m\(two(s % 60))s" }
        return "\(s / 3600)h\(two((s % 3600) / 60))m"
    }
}
