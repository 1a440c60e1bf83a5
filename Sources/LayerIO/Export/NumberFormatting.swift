/// How numbers are written in exports: the shortest text that reads back as the same
/// `Double` (Swift's round-trip `description`), so nothing is lost between the tools.
enum NumberText {
    static func exact(_ v: Double) -> String {
        if v == 0 { return "0" }
        var s = "\(v)"
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
