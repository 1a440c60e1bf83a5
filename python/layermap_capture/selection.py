"""Which modules to hook: exact names or glob patterns over `model.named_modules()`."""
import difflib
import re

from .errors import CaptureError

_GLOB_CHARACTERS = set("*?[")


def module_names(model):
    """Every submodule's dotted name (`encoder.layer.0.output`), in `named_modules()` order:
    the order the model's definition registers them. The root module (name "") is left out."""
    return [name for name, _ in model.named_modules() if name]


def select_modules(model, patterns, model_name="model"):
    """The (name, module) pairs the patterns pick, in the patterns' order; each glob's matches
    come in `named_modules()` order, and a module picked twice is kept at its first place.

    - `patterns`: a name, or a list of names and globs over the dotted module path: `*` matches
      within one part (no dot), `**` across parts, `?` one character other than a dot, `[abc]`
      and `[!abc]` a set. So `encoder.layer.*.output` picks each layer's output module but not
      `encoder.layer.0.attention.output`, and `blocks.**` every module under `blocks`. (layermap's
      own `--layers`, over flat layer names, lets `*` match dots too.)
    - Raises `CaptureError` for an empty list and for a pattern that matches no module; the
      message lists the closest names (difflib).
    """
    if isinstance(patterns, str):
        patterns = [patterns]
    patterns = list(patterns)
    if not patterns:
        raise CaptureError(f"{model_name}: layers is empty; name at least one module "
                           f"(a name, or a glob such as 'encoder.layer.*.output')")
    modules = dict(model.named_modules())
    names = [n for n in modules if n]
    chosen = []
    for pattern in patterns:
        if not isinstance(pattern, str) or not pattern:
            raise CaptureError(f"{model_name}: layer pattern {pattern!r} is not a non-empty string")
        if _GLOB_CHARACTERS & set(pattern):
            expression = glob_expression(pattern)
            matches = [n for n in names if expression.fullmatch(n)]
        else:
            matches = [pattern] if pattern in names else []
        if not matches:
            raise CaptureError(no_match_message(model_name, pattern, names))
        chosen += [m for m in matches if m not in chosen]
    return [(name, modules[name]) for name in chosen]


def glob_expression(pattern):
    """The compiled regular expression of a module glob (see `select_modules`)."""
    parts, i, n = [], 0, len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("**", i):
            parts.append(".*")
            i += 2
        elif c == "*":
            parts.append("[^.]*")
            i += 1
        elif c == "?":
            parts.append("[^.]")
            i += 1
        elif c == "[":
            # As fnmatch: "[!" negates, and a "]" right after "[" or "[!" is a member.
            j = i + 1 + (pattern[i + 1:i + 2] == "!")
            j += pattern[j:j + 1] == "]"
            end = pattern.find("]", j)
            if end < 0:
                parts.append(re.escape(c))
                i += 1
                continue
            body = pattern[i + 1:end]
            negate = body.startswith("!")
            body = body[1:] if negate else body
            body = body.replace("\\", "\\\\").replace("[", "\\[")
            if not negate and body.startswith("^"):
                body = "\\" + body
            parts.append("[" + ("^" if negate else "") + body + "]")
            i = end + 1
        else:
            parts.append(re.escape(c))
            i += 1
    return re.compile("".join(parts))


def no_match_message(model_name, pattern, names):
    """"layer 'encodr.layer.0' matches no module of model; close names: encoder.layer.0, …"."""
    close = difflib.get_close_matches(pattern, names, n=5, cutoff=0.6)
    if not close:
        # A glob's literal part can still be close to real names ("encodr.*" → "encoder.…").
        literal = "".join(c for c in pattern if c not in _GLOB_CHARACTERS)
        close = difflib.get_close_matches(literal, names, n=5, cutoff=0.6)
    message = f"layer {pattern!r} matches no module of {model_name}"
    if close:
        return message + "; close names: " + ", ".join(close)
    shown = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
    return (message + f"; its {len(names)} modules include: {shown} "
            f"(python -m layermap_capture --list-modules lists them all)")
