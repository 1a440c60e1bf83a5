// Shim over ncursesw for Swift.
//
// SwiftPM drops -D_XOPEN_SOURCE=600 from ncursesw's pkg-config flags, so the wide-character
// API (get_wch, mvadd_wch, setcchar) would vanish; we define the feature macros ourselves.
// Swift 6 also refuses to read ncurses' mutable globals (COLS, LINES, COLORS, stdscr),
// so each is reached through a static inline function here.
#ifndef LAYERMAP_CNCURSES_SHIM_H
#define LAYERMAP_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *lm_stdscr(void) { return stdscr; }
static inline int lm_cols(void) { return COLS; }
static inline int lm_lines(void) { return LINES; }
static inline int lm_colors(void) { return COLORS; }
static inline int lm_color_pairs(void) { return COLOR_PAIRS; }
static inline int lm_key_resize(void) { return KEY_RESIZE; }
static inline int lm_key_mouse(void) { return KEY_MOUSE; }
static inline int lm_ok(void) { return OK; }
static inline int lm_err(void) { return ERR; }
static inline int lm_key_code_yes(void) { return KEY_CODE_YES; }
static inline attr_t lm_a_bold(void) { return A_BOLD; }
static inline attr_t lm_a_dim(void) { return A_DIM; }
static inline attr_t lm_a_reverse(void) { return A_REVERSE; }
static inline attr_t lm_a_underline(void) { return A_UNDERLINE; }
static inline attr_t lm_a_normal(void) { return A_NORMAL; }
static inline mmask_t lm_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t lm_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t lm_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t lm_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t lm_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t lm_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}

/// Draws one wide character with attributes and an extended colour pair at (y, x).
static inline int lm_put_wch(int y, int x, wchar_t ch, attr_t attrs, int pair) {
    cchar_t cc;
    wchar_t wstr[2] = { ch, L'\0' };
    int p = pair;
    if (setcchar(&cc, wstr, attrs, 0, &p) != OK) return ERR;
    return mvadd_wch(y, x, &cc);
}


/// The C stdio streams, which Swift 6 won't read as mutable globals; newterm() needs them.
static inline FILE *lm_stdout(void) { return stdout; }
static inline FILE *lm_stdin(void) { return stdin; }

/// Draws one cell at (y, x): `wstr` is a spacing character followed by up to
/// CCHARW_MAX - 1 combining characters, NUL-terminated. The pair goes through setcchar's
/// `opts` pointer (an ncurses extension), so pair numbers above 32767 work.
/// Returns -2 if setcchar rejects the string (e.g. it starts with a combining character),
/// else mvadd_wch's result (ERR at the bottom-right corner, where the cell is still drawn).
static inline int lm_put_cell(int y, int x, const wchar_t *wstr, attr_t attrs, int pair) {
    cchar_t cc;
    int p = pair;
    if (setcchar(&cc, wstr, attrs, 0, &p) != OK) return -2;
    return mvadd_wch(y, x, &cc);
}

/// The process environment, for posix_spawn (Swift 6 won't read the mutable global
/// `environ`). Used to run `tic` with the environment ncurses sees.
extern char **environ;
static inline char *const *lm_environ(void) { return environ; }

/// The most characters one cell can hold (spacing + combining), from ncurses.
static inline int lm_ccharw_max(void) { return CCHARW_MAX; }

/// tigetstr() without its (char *)-1 "not a string capability" sentinel: NULL instead.
static inline const char *lm_tigetstr(const char *name) {
    char *s = tigetstr(name);
    return (s == (char *)-1) ? NULL : s;
}

/// Button masks beyond those above.
static inline mmask_t lm_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t lm_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t lm_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t lm_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t lm_button1_triple_clicked(void) { return BUTTON1_TRIPLE_CLICKED; }

#endif
