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

#endif
