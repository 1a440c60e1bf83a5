"""Renders a terminal screen captured with `tmux capture-pane -p -e` to a PNG, for the README.

    python3 docs/screenshot.py CAPTURE.txt OUT.png [--cols 100]

Understands the SGR codes tmux emits: reset, bold, dim, reverse, 256-colour and 24-bit
foreground/background. Needs Pillow and the DejaVu Sans Mono font (documentation tooling only;
nothing in layermap depends on it).
"""
import re
import sys

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
SIZE = 15
DEFAULT_FG, DEFAULT_BG = (220, 220, 220), (24, 24, 28)
BASIC = [(0, 0, 0), (205, 49, 49), (13, 188, 121), (229, 229, 16), (36, 114, 200), (188, 63, 188), (17, 168, 205), (229, 229, 229),
         (102, 102, 102), (241, 76, 76), (35, 209, 139), (245, 245, 67), (59, 142, 234), (214, 112, 214), (41, 184, 219), (255, 255, 255)]


def xterm(i):
    if i < 16:
        return BASIC[i]
    if i < 232:
        i -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[i // 36], steps[(i // 6) % 6], steps[i % 6])
    v = 8 + 10 * (i - 232)
    return (v, v, v)


def parse(line, state=None):
    """Yields (char, fg, bg, bold, dim) for each cell of a captured line. `state` (a list)
    carries the attributes from the end of one line to the next: tmux does not repeat them."""
    fg, bg, bold, dim, rev = state or (None, None, False, False, False)
    pos = 0
    for m in re.finditer(r"\x1b\[([0-9;:]*)m|(.)", line):
        if m.group(2) is not None:
            f, b = (bg or DEFAULT_BG, fg or DEFAULT_FG) if rev else (fg, bg)
            if state is not None:
                state[:] = [fg, bg, bold, dim, rev]
            yield m.group(2), f, b, bold, dim
            continue
        codes = [int(c) if c else 0 for c in re.split("[;:]", m.group(1) or "0")]
        k = 0
        while k < len(codes):
            c = codes[k]
            if c == 0:
                fg, bg, bold, dim, rev = None, None, False, False, False
            elif c == 1:
                bold = True
            elif c == 2:
                dim = True
            elif c == 7:
                rev = True
            elif c in (22,):
                bold = dim = False
            elif c == 27:
                rev = False
            elif 30 <= c <= 37:
                fg = BASIC[c - 30]
            elif 90 <= c <= 97:
                fg = BASIC[c - 90 + 8]
            elif 40 <= c <= 47:
                bg = BASIC[c - 40]
            elif 100 <= c <= 107:
                bg = BASIC[c - 100 + 8]
            elif c == 39:
                fg = None
            elif c == 49:
                bg = None
            elif c in (38, 48) and k + 1 < len(codes):
                if codes[k + 1] == 5:
                    col = xterm(codes[k + 2]); k += 2
                else:
                    rgb = [x for x in codes[k + 2:k + 5]]
                    col = tuple(rgb); k += 4
                if c == 38:
                    fg = col
                else:
                    bg = col
            k += 1
    if state is not None:
        state[:] = [fg, bg, bold, dim, rev]


def main():
    src, out = sys.argv[1], sys.argv[2]
    cols = int(sys.argv[sys.argv.index("--cols") + 1]) if "--cols" in sys.argv else 100
    lines = open(src, encoding="utf-8").read().split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    font = ImageFont.truetype(FONT, SIZE)
    bold_font = ImageFont.truetype(FONT.replace(".ttf", "-Bold.ttf"), SIZE)
    cw = int(font.getlength("M"))
    ch = SIZE + 4
    img = Image.new("RGB", (cw * cols + 16, ch * len(lines) + 16), DEFAULT_BG)
    draw = ImageDraw.Draw(img)
    state = [None, None, False, False, False]
    for y, line in enumerate(lines):
        for x, (char, fg, bg, bold, dim) in enumerate(parse(line, state)):
            if x >= cols:
                break
            px, py = 8 + x * cw, 8 + y * ch
            if bg is not None:
                draw.rectangle([px, py, px + cw - 1, py + ch - 1], fill=bg)
            colour = fg or DEFAULT_FG
            if dim:
                colour = tuple(int(c * 0.55 + DEFAULT_BG[i] * 0.45) for i, c in enumerate(colour))
            if char != " ":
                draw.text((px, py + 1), char, font=bold_font if bold else font, fill=colour)
    img.save(out)


if __name__ == "__main__":
    main()
