#!/usr/bin/env python3
"""Compares a command's recorded output with its new output, number by number.

    compare.py EXPECTED ACTUAL

Both files are split into numbers and the text between them. The text must be identical; each
number must agree to a relative 1e-10 (or an absolute 1e-13 near zero). Why not byte for byte:
OpenBLAS picks its kernels by CPU, so the same binary prints full-precision doubles whose last
one or two digits differ between machines (about 1e-16 relative). A change of any real number is
far larger than the tolerance, so the guard still catches every restructuring that moves a value.

Exit status 0 when they agree, 1 with the first differences on standard output otherwise.
"""
import re
import sys

# A number stands alone: not part of a word such as `layer3`, `tanh-s0` or a SHA-256 in hex.
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w.])")
RELATIVE, ABSOLUTE = 1e-10, 1e-13


def tokens(text):
    """The file as alternating [text, number, text, number, …, text] pieces."""
    out, last = [], 0
    for m in NUMBER.finditer(text):
        out.append(text[last:m.start()])
        out.append(m.group(0))
        last = m.end()
    out.append(text[last:])
    return out


def numbers_agree(a, b):
    if a == b:
        return True
    # Integers (counts, sizes, indices, exit statuses, hashes' digits) must match exactly.
    if not any(c in a + b for c in ".eE"):
        return False
    x, y = float(a), float(b)
    return abs(x - y) <= max(ABSOLUTE, RELATIVE * max(abs(x), abs(y)))


def main():
    expected_path, actual_path = sys.argv[1], sys.argv[2]
    with open(expected_path, encoding="utf-8", errors="replace") as f:
        expected = tokens(f.read())
    with open(actual_path, encoding="utf-8", errors="replace") as f:
        actual = tokens(f.read())
    problems = []
    if len(expected) != len(actual):
        problems.append(f"different shape: {len(expected) // 2} numbers recorded, {len(actual) // 2} now")
    for i, (e, a) in enumerate(zip(expected, actual)):
        same = (e == a) if i % 2 == 0 else numbers_agree(e, a)
        if not same:
            kind = "text" if i % 2 == 0 else "number"
            problems.append(f"{kind} {i // 2}: recorded {e!r}, now {a!r}")
            if len(problems) >= 10:
                break
    for p in problems:
        print("   ", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
