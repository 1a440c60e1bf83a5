import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Compiles a `DirectTerminfo` into its `DirectTerminfoCache` directory with `tic`, once.
///
/// Every failure (no cache location, no `tic`, `tic` failing or hanging, a read-only disk)
/// gives `nil`, and the caller starts with `$TERM` as before: 256 colours, silently.
///
/// Steps: reuse the directory if it already holds the compiled entry; otherwise write the
/// source into a fresh `<root>/.build-*` directory, run `tic -x -o <that> <source>` (stdin,
/// stdout and stderr on /dev/null), check the compiled file is there (`tic` can exit 0
/// without writing anything), and rename the directory into place. Two layermaps starting
/// at once both compile; the second rename fails, and the second one uses the first's.
enum DirectTerminfoBuilder {
    /// How long `tic` may run before it is killed (it takes milliseconds).
    static let ticTimeoutMilliseconds = 5_000

    /// The terminfo directory holding `entry`, compiled first if needed; `nil` on failure.
    /// `searchPath` is `$PATH`, for finding `tic`.
    static func prepare(_ entry: DirectTerminfo, in cache: DirectTerminfoCache, searchPath: String?) -> String? {
        let final = cache.directory(for: entry)
        if !cache.needsCompile(entry, exists: fileExists) { return final }
        guard let tic = locateTic(searchPath: searchPath, isExecutable: isExecutable),
              makeDirectories(cache.root) else { return nil }
        let scratch = cache.root + "/.build-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        guard mkdir(scratch, 0o755) == 0 else { return nil }
        let source = DirectTerminfoCache.sourcePath(in: scratch)
        guard writeFile(source, entry.source),
              runTic(tic, ["-x", "-o", scratch, source]),
              DirectTerminfoCache.compiledPaths(of: entry, in: scratch).contains(where: fileExists) else {
            removeTree(scratch)
            return nil
        }
        if rename(scratch, final) != 0 {
            // Someone else's rename won, or a broken directory is in the way: use theirs,
            // or clear the broken one and try once more.
            if cache.needsCompile(entry, exists: fileExists) {
                removeTree(final)
                if rename(scratch, final) != 0 { removeTree(scratch); return nil }
            } else {
                removeTree(scratch)
            }
        }
        return cache.needsCompile(entry, exists: fileExists) ? nil : final
    }

    /// The first executable `tic` in `searchPath` (colon-separated; unset means
    /// `/usr/bin:/bin`). Relative and empty items (the working directory) are skipped.
    static func locateTic(searchPath: String?, isExecutable: (String) -> Bool) -> String? {
        let path = searchPath ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":", omittingEmptySubsequences: true) where dir.hasPrefix("/") {
            let candidate = (dir.hasSuffix("/") ? String(dir.dropLast()) : String(dir)) + "/tic"
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    // MARK: The disk

    static func fileExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    static func isExecutable(_ path: String) -> Bool {
        fileExists(path) && access(path, X_OK) == 0
    }

    /// `mkdir -p`: true when `path` is a directory afterwards.
    static func makeDirectories(_ path: String) -> Bool {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { return false }
        }
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Writes `text` to a new file at `path` (which must not exist).
    static func writeFile(_ path: String, _ text: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    /// Removes `path` and everything under it (symbolic links are removed, not followed).
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR, let dir = opendir(path) {
            var children: [String] = []
            while let item = readdir(dir) {
                let name = withUnsafeBytes(of: item.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name != "." && name != ".." { children.append(path + "/" + name) }
            }
            closedir(dir)
            children.forEach(removeTree)
        }
        _ = remove(path)
    }

    /// Runs `tic` with `arguments` and the process environment; true when it exits 0
    /// within `ticTimeoutMilliseconds` (else it is killed).
    static func runTic(_ tic: String, _ arguments: [String]) -> Bool {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        // A clean signal mask and default handlers, whatever the caller had.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([tic] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tic, &actions, &attributes, argv,
                                  UnsafeMutablePointer(mutating: lm_environ()))
        guard spawned == 0 else { return false }

        var status: Int32 = 0
        var waited = 0
        while true {
            let rc = waitpid(pid, &status, WNOHANG)
            if rc == pid { return status == 0 }  // exited normally with 0
            if rc < 0 && errno != EINTR { return false }
            if waited >= ticTimeoutMilliseconds {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                return false
            }
            usleep(2_000)
            waited += 2
        }
    }
}
