// curses-probe: a TEST AID, not part of layermap. The tmux test in CursesTerminalTests
// starts it in a detached tmux pane, types at it with `send-keys` and reads the pane with
// `capture-pane -e`. It opens CursesBackend, draws a status line and a row of styled
// swatches (a small copy of the real loop: render into a CellBuffer, diff, draw, present),
// and writes every decoded event to a log file. `q` quits; `!` crashes on purpose; `P` and
// `R` flood rows 8 and below with 40 and 30 frames of never-repeating colours (to run the
// colour-pair cache past pair 32767 and then into recycling, with the top rows left alone).
//
// Usage: curses-probe [--color auto|truecolor|256|16|8|none] [--policy exit|report]
//                     [--log FILE] [--pid-file FILE] [--no-mouse]
import CursesTerminal
import Explorer
#if canImport(Glibc)
import Glibc
#endif

var options = CursesOptions()
var logPath: String?
var pidPath: String?
var args = CommandLine.arguments.dropFirst()
while let arg = args.popFirst() {
    switch arg {
    case "--color":
        guard let value = args.popFirst(), let preference = ColorPreference(argument: value) else {
            fatalError("--color needs auto|truecolor|256|16|8|none")
        }
        options.color = preference
    case "--policy": options.onTerminationSignal = args.popFirst() == "report" ? .report : .exit
    case "--log": logPath = args.popFirst()
    case "--pid-file": pidPath = args.popFirst()
    case "--no-mouse": options.mouse = false
    default: fatalError("unknown argument \(arg)")
    }
}

/// Appends one line to the log file (opened per line: simple, and flushed for the test).
@MainActor func log(_ line: String) {
    guard let logPath, let file = fopen(logPath, "a") else { return }
    fputs(line + "\n", file)
    fclose(file)
}

func describe(_ key: Key) -> String {
    switch key {
    case .character(let c): return "char:\(c)"
    case .control(let c): return "ctrl:\(c)"
    case .up: return "up"
    case .down: return "down"
    case .left: return "left"
    case .right: return "right"
    case .pageUp: return "pageUp"
    case .pageDown: return "pageDown"
    case .home: return "home"
    case .end: return "end"
    case .enter: return "enter"
    case .escape: return "escape"
    case .tab: return "tab"
    case .backTab: return "backTab"
    case .backspace: return "backspace"
    case .delete: return "delete"
    case .function(let n): return "f\(n)"
    }
}

func describe(_ event: TerminalEvent) -> String {
    switch event {
    case .key(let key): return describe(key)
    case .mouse(let m): return "mouse:\(m.kind)@\(m.x),\(m.y)"
    case .resize(let s): return "resize:\(s.width)x\(s.height)"
    }
}

let terminal: CursesBackend
do {
    terminal = try CursesBackend(options: options)
} catch {
    print("curses-probe: \(error)")
    exit(2)
}
if let pidPath, let file = fopen(pidPath, "w") {
    fputs("\(getpid())\n", file)
    fclose(file)
}
let held = "curses-probe: this stderr line was held back\n"
_ = write(STDERR_FILENO, held, held.utf8.count)
log("ready mode=\(terminal.colorMode.rawValue) term=\(terminal.terminalName) unicode=\(terminal.supportsUnicode)")

/// The swatches on row 2: letter, style. Columns 0, 2, 4, … .
let swatches: [(Character, Style)] = [
    ("A", Style(background: .indexed(1))),
    ("B", Style(foreground: .indexed(15), background: .indexed(4))),
    ("C", Style(background: .indexed(196))),
    ("D", Style(background: .rgb(10, 200, 30))),
    ("E", Style(attributes: .bold)),
    ("F", Style(attributes: .underline)),
    ("G", Style(attributes: .reverse)),
    ("H", Style(foreground: .rgb(250, 120, 0), attributes: [.bold, .underline])),
]

var previous = CellBuffer(width: 0, height: 0)
var last = "none"
var count = 0
/// How many flood frames were drawn; the last one stays on screen.
var floodFrames = 0

/// Flood frame `f`: every cell from row 8 down gets its own background, colour number
/// `f * 1280 + i` for the i-th cell, so no two cells of any frames share one.
func drawFlood(_ f: Int, into frame: inout CellBuffer) {
    guard frame.height > 8 else { return }
    for i in 0..<(frame.width * (frame.height - 8)) {
        let v = f * 1280 + i
        let color = TermColor.rgb(UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
        frame[i % frame.width, 8 + i / frame.width] = Cell("x", style: Style(background: color))
    }
}

@MainActor func render() {
    let size = terminal.size
    var frame = CellBuffer(width: size.width, height: size.height)
    frame.put("PROBE mode=\(terminal.colorMode.rawValue) unicode=\(terminal.supportsUnicode ? "yes" : "no")", x: 0, y: 0)
    frame.put("size=\(size.width)x\(size.height) term=\(terminal.terminalName)", x: 0, y: 1)
    for (i, swatch) in swatches.enumerated() { frame[i * 2, 2] = Cell(swatch.0, style: swatch.1) }
    frame.put("last: \(last)", x: 0, y: 4)
    frame.put("count: \(count)", x: 0, y: 5)
    frame.put(terminal.supportsUnicode ? "glyphs: ░▒▓█ ─│┌" : "glyphs: ascii", x: 0, y: 6)
    if floodFrames > 0 {
        frame[0, 3] = Cell("I", style: Style(background: .rgb(250, 2, 3)))
        drawFlood(floodFrames - 1, into: &frame)
    }
    if frame.width != previous.width || frame.height != previous.height { terminal.clearScreen() }
    terminal.draw(frame.diff(from: previous))
    terminal.present()
    previous = frame
}

render()
while true {
    guard let event = terminal.nextEvent(timeoutMilliseconds: 250) else {
        if let signal = terminal.terminationSignal {
            log("signal:\(signal)")
            terminal.close()
            exit(128 + signal)
        }
        continue
    }
    let text = describe(event)
    log(text)
    if case .key(.character("q")) = event { break }
    if case .key(.character("!")) = event { fatalError("curses-probe: crash requested") }
    if case .key(.character(let c)) = event, c == "P" || c == "R" {
        for _ in 0..<(c == "P" ? 40 : 30) {
            var frame = previous
            drawFlood(floodFrames, into: &frame)
            floodFrames += 1
            terminal.draw(frame.diff(from: previous))
            terminal.present()
            previous = frame
        }
    }
    last = text
    count += 1
    render()
}
terminal.close()
print("curses-probe: closed")
