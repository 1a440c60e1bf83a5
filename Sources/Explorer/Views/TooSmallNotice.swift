/// The notice shown when the terminal is smaller than `Layout.minimumSize`.
enum TooSmallNotice {
    static func lines(size: TerminalSize, times: String) -> [String] {
        let need = Layout.minimumSize
        return ["terminal too small", "\(size.width)\(times)\(size.height), need \(need.width)\(times)\(need.height)", "q quits"]
    }

    static func draw(size: TerminalSize, times: String, into buffer: inout CellBuffer) {
        let lines = lines(size: size, times: times)
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (size.width - line.count) / 2)
            buffer.put(line, x: x, y: top + i, style: i == 0 ? Style(attributes: .bold) : .plain)
        }
    }
}
