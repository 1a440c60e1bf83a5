import Foundation

/// A detached tmux session on its own server socket, for driving a terminal program in a real
/// (pseudo-)terminal: start it, type with `send-keys`, read with `capture-pane`, query
/// terminal modes with `display -p`. The server is killed on `stop()`.
public final class TmuxPane {
    public static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(dir)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    nonisolated(unsafe) private static var counter = 0
    private static let lock = NSLock()

    public let socket: String
    public let target = "probe"
    /// The server's socket file, removed on `stop()` (a killed server leaves it behind).
    public private(set) var socketPath = ""

    /// Starts `shellCommand` (run by `sh -c`) in a new `width × height` session.
    public init(shellCommand: String, width: Int = 80, height: Int = 24) throws {
        let n = Self.lock.withLock { Self.counter += 1; return Self.counter }
        socket = "layermap-test-\(getpid())-\(n)"
        try run(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                 "-s", target, "sh", "-c", shellCommand], readOutput: false)
        socketPath = display("#{socket_path}")
    }

    /// Runs one tmux command on this server; returns its stdout.
    @discardableResult
    public func run(_ arguments: [String], readOutput: Bool = true) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"  // tmux wants one even when detached
        environment.removeValue(forKey: "TMUX")
        // The server that new-session starts keeps the client's stdout: never a pipe here.
        return try spawnAndWait(Self.executable ?? "/usr/bin/tmux", ["-L", socket] + arguments,
                                environment: environment, readOutput: readOutput)
    }

    /// The pane's lines; with `escapes`, SGR sequences for colours and attributes are kept;
    /// with `trailingSpaces`, blank cells at line ends too (tmux drops them, colours and all).
    public func capture(escapes: Bool = false, trailingSpaces: Bool = false) -> [String] {
        let text = (try? run(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : [])
            + (trailingSpaces ? ["-N"] : []))) ?? ""
        return text.components(separatedBy: "\n")
    }

    /// Sends tmux key names (`Up`, `C-a`, `F5`) or literal text, as one send-keys call.
    public func send(_ keys: String...) { _ = try? run(["send-keys", "-t", target] + keys) }

    /// Sends raw bytes (for mouse reports), as typed.
    public func sendBytes(_ bytes: [UInt8]) {
        _ = try? run(["send-keys", "-t", target, "-H"] + bytes.map { String(format: "%02x", $0) })
    }

    /// A tmux format evaluated for the pane, e.g. `#{alternate_on}`.
    public func display(_ format: String) -> String {
        ((try? run(["display-message", "-p", "-t", target, format])) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func resize(width: Int, height: Int) {
        _ = try? run(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    public func stop() {
        _ = try? run(["kill-server"])
        if !socketPath.isEmpty { unlink(socketPath) }
    }

    /// Polls `condition` every 50 ms for up to `seconds`.
    public static func waitUntil(seconds: Double = 20, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }
}

/// Quotes `s` for `sh`.
public func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

public struct SpawnError: Error { public let code: Int32 }

/// Runs `path` with `arguments` and waits for it, with posix_spawn and waitpid (Foundation's
/// `Process` hung here when called from many test tasks). stdin and stderr are /dev/null;
/// stdout goes to a temporary file that is read back when `readOutput`.
public func spawnAndWait(_ path: String, _ arguments: [String], environment: [String: String],
                         readOutput: Bool) throws -> String {
    try spawn(path, arguments, environment: environment, captureStderr: false, readOutput: readOutput).stdout
}

/// What a spawned program did.
public struct SpawnResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs `path` with `arguments` (stdin /dev/null), waits, and returns its exit status and
/// what it wrote (each stream through a temporary file, so no pipe can fill and block).
public func spawn(_ path: String, _ arguments: [String], environment: [String: String],
                  captureStderr: Bool = true, readOutput: Bool = true) throws -> SpawnResult {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("layermap-spawn-\(UUID().uuidString)").path
    let outPath = base + ".out", errPath = base + ".err"
    defer { unlink(outPath); unlink(errPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, readOutput ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, captureStderr ? errPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
    // Test threads block most signals and the mask is inherited through exec: without a
    // clean mask, tmux's server would ignore kill-server (it signals itself) and the probe
    // would never see SIGTERM.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    guard rc == 0 else { throw SpawnError(code: rc) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
    let exited = status & 0x7f == 0
    let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let out = readOutput ? ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "") : ""
    let err = captureStderr ? ((try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "") : ""
    return SpawnResult(status: code, stdout: out, stderr: err)
}
