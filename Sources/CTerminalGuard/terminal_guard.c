// See terminal_guard.h for what this does and why it is C.
// Everything reachable from a handler uses only async-signal-safe calls: write, read-like
// pread, tcsetattr, dup2, sigaction, raise, _exit.
#define _GNU_SOURCE
#include "terminal_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { RESET_MAX = 512, ALT_STACK_SIZE = 64 * 1024 };

static const int terminating_signals[] = { SIGINT, SIGTERM, SIGHUP };
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT };
#define N_TERM (sizeof terminating_signals / sizeof terminating_signals[0])
#define N_CRASH (sizeof crash_signals / sizeof crash_signals[0])

/// The only process-wide state of the backend: what a handler needs to restore the terminal.
static struct {
    int claimed;                       // a session is open (atomic flag)
    volatile sig_atomic_t armed;       // handlers installed, fields below valid
    int restored;                      // restore already ran for this arming (atomic flag)
    volatile sig_atomic_t pending;     // first termination signal, 0 if none
    int exit_immediately;
    int in_fd, out_fd;
    struct termios shell_mode;
    char reset[RESET_MAX];
    size_t reset_len;
    int real_stderr, captured_stderr;
    int wake_r, wake_w;
    struct sigaction previous_term[N_TERM];
    struct sigaction previous_crash[N_CRASH];
    int have_snapshot;
    int atexit_registered;
    void *alt_stack;
} g = { .in_fd = -1, .out_fd = -1, .real_stderr = -1, .captured_stderr = -1,
        .wake_r = -1, .wake_w = -1 };

int lm_guard_claim(void) {
    int expected = 0;
    return __atomic_compare_exchange_n(&g.claimed, &expected, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

void lm_guard_unclaim(void) { __atomic_store_n(&g.claimed, 0, __ATOMIC_SEQ_CST); }

void lm_guard_snapshot(void) {
    for (size_t i = 0; i < N_TERM; i++) sigaction(terminating_signals[i], NULL, &g.previous_term[i]);
    for (size_t i = 0; i < N_CRASH; i++) sigaction(crash_signals[i], NULL, &g.previous_crash[i]);
    g.have_snapshot = 1;
}

static void write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) { if (errno == EINTR) continue; return; }
        p += w; n -= (size_t)w;
    }
}

/// Copies the held-back stderr file to the real stderr (pread: offset-independent).
static void replay_stderr(int from, int to) {
    char buf[4096];
    off_t off = 0;
    for (;;) {
        ssize_t r = pread(from, buf, sizeof buf, off);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return;
        write_all(to, buf, (size_t)r);
        off += r;
    }
}

void lm_guard_restore_now(void) {
    if (!g.armed) return;
    if (__atomic_exchange_n(&g.restored, 1, __ATOMIC_SEQ_CST)) return;
    int saved_errno = errno;
    if (g.out_fd >= 0 && g.reset_len > 0) write_all(g.out_fd, g.reset, g.reset_len);
    if (g.in_fd >= 0) tcsetattr(g.in_fd, TCSANOW, &g.shell_mode);
    if (g.real_stderr >= 0) {
        dup2(g.real_stderr, STDERR_FILENO);
        if (g.captured_stderr >= 0) replay_stderr(g.captured_stderr, STDERR_FILENO);
    }
    errno = saved_errno;
}

static void on_terminate(int sig) {
    int saved_errno = errno;
    if (g.exit_immediately || g.pending != 0) {
        lm_guard_restore_now();
        _exit(128 + sig);
    }
    g.pending = sig;
    if (g.wake_w >= 0) {
        char b = (char)sig;
        (void)!write(g.wake_w, &b, 1);
    }
    errno = saved_errno;
}

/// CMapGuard's SIGBUS absorber for file mappings truncated under a reader, when linked in
/// (weak: this target does not depend on it).
extern int lm_map_guard_absorb(void *fault_address) __attribute__((weak));

static const char *signal_name(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGILL: return "SIGILL";
    case SIGFPE: return "SIGFPE";
    case SIGABRT: return "SIGABRT";
    case SIGTRAP: return "SIGTRAP";
    case SIGQUIT: return "SIGQUIT";
    default: return "a fatal signal";
    }
}

/// A fatal signal: restore the terminal, say so in one line, and end with the signal's
/// default action (status 128 + signal, a core dump where enabled). The previous handler
/// is not chained: the Swift runtime's backtracer would offer an interactive prompt and,
/// for a signal sent by kill(), let the explorer run on.
static void on_crash(int sig, siginfo_t *info, void *context) {
    (void)context;
    int kernel = info != NULL && info->si_code > 0;
    if (sig == SIGBUS && kernel && lm_map_guard_absorb && lm_map_guard_absorb(info->si_addr)) return;
    lm_guard_restore_now();
    const char *name = signal_name(sig);
    write_all(STDERR_FILENO, "layermap: ", 10);
    write_all(STDERR_FILENO, name, strlen(name));
    const char *tail = kernel ? " (a crash); the terminal was restored\n" : " received; the terminal was restored\n";
    write_all(STDERR_FILENO, tail, strlen(tail));
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    // A fault raised by the kernel (SEGV/BUS/ILL/FPE) re-executes the faulting instruction on
    // return and now gets the default action. A trap (int3 resumes after the instruction),
    // abort() and kill() need the signal sent again; it is unblocked on return.
    int refaults = kernel && sig != SIGTRAP && sig != SIGABRT && sig != SIGQUIT;
    if (!refaults) raise(sig);
}

static void at_exit(void) { lm_guard_restore_now(); }

int lm_guard_arm(int tty_in_fd, int tty_out_fd, const struct termios *shell_mode,
                 const char *reset_bytes, size_t reset_len,
                 int real_stderr_fd, int captured_stderr_fd,
                 int exit_immediately) {
    if (g.armed) { errno = EBUSY; return -1; }
    if (!g.have_snapshot) lm_guard_snapshot();

    int fds[2];
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return -1;
    g.wake_r = fds[0];
    g.wake_w = fds[1];
    g.in_fd = tty_in_fd;
    g.out_fd = tty_out_fd;
    if (shell_mode) g.shell_mode = *shell_mode; else g.in_fd = -1;
    g.reset_len = reset_len < RESET_MAX ? reset_len : RESET_MAX;
    if (g.reset_len) memcpy(g.reset, reset_bytes, g.reset_len);
    g.real_stderr = real_stderr_fd;
    g.captured_stderr = captured_stderr_fd;
    g.exit_immediately = exit_immediately;
    g.pending = 0;
    g.restored = 0;

    // An alternate stack lets the crash handler run after a stack overflow. Keep one that
    // the runtime may already have installed.
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        if (!g.alt_stack) g.alt_stack = malloc(ALT_STACK_SIZE);
        if (g.alt_stack) {
            stack_t st = { .ss_sp = g.alt_stack, .ss_size = ALT_STACK_SIZE, .ss_flags = 0 };
            sigaltstack(&st, NULL);
        }
    }

    g.armed = 1;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_terminate;
    sa.sa_flags = SA_RESTART;  // let other threads' syscalls resume; our poll() still wakes via the pipe
    for (size_t i = 0; i < N_TERM; i++) sigaction(terminating_signals[i], &sa, NULL);

    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_sigaction = on_crash;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    for (size_t i = 0; i < N_CRASH; i++) sigaction(crash_signals[i], &sa, NULL);

    if (!g.atexit_registered) { atexit(at_exit); g.atexit_registered = 1; }
    return 0;
}

int lm_guard_wake_fd(void) { return g.armed ? g.wake_r : -1; }

int lm_guard_pending_signal(void) {
    if (g.wake_r >= 0) {
        char buf[64];
        while (read(g.wake_r, buf, sizeof buf) > 0) {}
    }
    return g.pending;
}

void lm_guard_forget_stderr(void) {
    g.real_stderr = -1;
    g.captured_stderr = -1;
}

void lm_guard_disarm(void) {
    if (!g.armed) return;
    if (g.have_snapshot) {
        for (size_t i = 0; i < N_TERM; i++) sigaction(terminating_signals[i], &g.previous_term[i], NULL);
        for (size_t i = 0; i < N_CRASH; i++) sigaction(crash_signals[i], &g.previous_crash[i], NULL);
        g.have_snapshot = 0;
    }
    g.armed = 0;
    g.real_stderr = -1;
    g.captured_stderr = -1;
    if (g.wake_r >= 0) close(g.wake_r);
    if (g.wake_w >= 0) close(g.wake_w);
    g.wake_r = g.wake_w = -1;
    g.pending = 0;
}
