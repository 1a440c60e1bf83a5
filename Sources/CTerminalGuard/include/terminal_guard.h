// Async-signal-safe terminal restore for layermap's ncurses backend.
//
// Why C: a signal handler may only call async-signal-safe functions, and Swift code can
// touch the runtime (retain/release, lazy globals) at any point. So the handlers and the
// little state they need live here, in one static struct with fixed-size buffers:
//
//   * the terminal's "shell mode" termios, saved before ncurses changed it;
//   * the reset bytes to send (sgr0, mouse off, rmkx, cnorm, rmcup), computed from terminfo
//     at set-up, so restoring is just write() + tcsetattr(), never endwin();
//   * the real stderr (dup'ed) and the temporary file stderr is redirected to, so held-back
//     messages (e.g. Swift's "Fatal error: ...") are replayed before a crash report;
//   * a self-pipe the backend polls, so SIGINT/SIGTERM/SIGHUP wake its input wait.
//
// Signals:
//   * SIGINT, SIGTERM, SIGHUP: the first one is recorded and wakes the backend through the
//     self-pipe; the backend then tears down normally (endwin) outside signal context.
//     A second one (the loop is stuck), or any one in "exit immediately" mode, restores the
//     terminal here and _exit(128 + signal).
//   * SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT: restore the terminal and
//     replay stderr, print one line naming the signal, set the default disposition and
//     re-deliver the signal, so the process ends with the usual status (128 + signal, a core
//     where enabled). The Swift runtime's backtracer is not chained to: it would prompt for
//     30 s and, for a signal sent by kill(), let the explorer run on. A SIGBUS in a file
//     mapping that CMapGuard guards (a file truncated under a reader) goes to it first.
//   * SIGKILL cannot be caught: `reset` restores the terminal (see the README).
//   * exit() while armed: an atexit hook does the same restore.
#ifndef LAYERMAP_TERMINAL_GUARD_H
#define LAYERMAP_TERMINAL_GUARD_H

#include <stddef.h>
#include <termios.h>

/// Claims the single terminal-session slot (ncurses and signal dispositions are per
/// process). Returns 1 on success, 0 if a session is already open.
int lm_guard_claim(void);
/// Releases the slot claimed by lm_guard_claim.
void lm_guard_unclaim(void);

/// Saves the current dispositions of every guarded signal. Call before newterm(), which
/// installs its own SIGINT/SIGTERM handlers; lm_guard_disarm puts these saved ones back.
void lm_guard_snapshot(void);

/// Records what a restore needs and installs the handlers (with an alternate signal stack,
/// so a stack overflow still restores the terminal). `reset_len` is clipped to 512 bytes.
/// Pass -1 for the stderr fds when stderr is not held back. Returns 0, or -1 with errno.
int lm_guard_arm(int tty_in_fd, int tty_out_fd, const struct termios *shell_mode,
                 const char *reset_bytes, size_t reset_len,
                 int real_stderr_fd, int captured_stderr_fd,
                 int exit_immediately);

/// Read end of the self-pipe (poll it for POLLIN), or -1 when not armed.
int lm_guard_wake_fd(void);
/// The first termination signal received since arming, or 0. Also drains the self-pipe.
int lm_guard_pending_signal(void);
/// Forgets stderr fds (the backend restored stderr itself) so no later restore replays them.
void lm_guard_forget_stderr(void);

/// Removes the handlers, restores the snapshot, closes the self-pipe. Does not touch the
/// terminal: the caller has already called endwin().
void lm_guard_disarm(void);

/// The restore the handlers perform (async-signal-safe; runs at most once per arming).
void lm_guard_restore_now(void);

#endif
