"""The command-line form: capture a model defined in a Python file.

    python -m layermap_capture --model-file my_model.py --model-fn build --batches-fn batches \\
        --layers 'encoder.layer.*.output' --out vit.safetensors --reduce cls

`my_model.py` defines `build()`, returning the model (an `nn.Module`), and `batches()`,
returning an iterable of batches (see `layermap_capture.batches`). `--list-modules` prints the
names `--layers` can match. Exit status: 0 on success, 1 for a capture error, 2 for bad usage.
"""
import argparse
import importlib.util
import os
import sys

from .capture import FORMATS, capture
from .errors import CaptureError
from .reduce import POLICIES
from .selection import module_names
from .spool import DTYPES

PROGRAM = "python -m layermap_capture"


def parser():
    p = argparse.ArgumentParser(prog=PROGRAM, description="Capture a PyTorch model's layer outputs into a "
                                "file the layermap explorer opens.")
    p.add_argument("--model-file", required=True, help="the Python file that defines the model")
    p.add_argument("--model-fn", default="build", help="its function returning the model (default: build)")
    p.add_argument("--batches-fn", default="batches",
                   help="its function returning an iterable of batches (default: batches)")
    p.add_argument("--layers", action="extend", nargs="+", metavar="PATTERN",
                   help="module names or globs to capture, in order (repeatable)")
    p.add_argument("--out", help="the output: x.safetensors, or a directory with --format npy")
    p.add_argument("--reduce", choices=POLICIES, default="flatten",
                   help="how token sequences (samples×tokens×features) become rows (default: flatten)")
    p.add_argument("--dtype", choices=list(DTYPES), default="float32", help="stored precision (default: float32)")
    p.add_argument("--format", choices=FORMATS, default="safetensors", help="output format (default: safetensors)")
    p.add_argument("--same-samples-as", metavar="FILE",
                   help="an existing capture whose sample count the batches must match")
    p.add_argument("--name", help="the model's name in error messages (default: the model file's name)")
    p.add_argument("--list-modules", action="store_true", help="print the model's module names and exit")
    return p


def load_functions(path, names):
    """The functions `names` of the Python file at `path`, which is run as a module (its folder
    first on sys.path, so its own imports work). Raises `SystemExit(2)` with a message if the
    file or a function is missing."""
    if not os.path.isfile(path):
        fail(2, f"{path}: no such file")
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    spec = importlib.util.spec_from_file_location("layermap_capture_user_model", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    functions = []
    for name in names:
        function = getattr(module, name, None)
        if not callable(function):
            defined = sorted(n for n, v in vars(module).items() if callable(v) and not n.startswith("_")
                             and getattr(v, "__module__", None) == module.__name__)
            fail(2, f"{path}: defines no function {name!r}; it defines: {', '.join(defined) or 'none'}")
        functions.append(function)
    return functions


def fail(status, message):
    print(f"{PROGRAM}: error: {message}", file=sys.stderr)
    raise SystemExit(status)


def main(argv=None):
    args = parser().parse_args(argv)
    name = args.name or os.path.splitext(os.path.basename(args.model_file))[0]
    if args.list_modules:
        (build,) = load_functions(args.model_file, [args.model_fn])
        print("\n".join(module_names(build())))
        return 0
    if not args.layers:
        fail(2, "give --layers PATTERN (see --list-modules)")
    if not args.out:
        fail(2, "give --out FILE")
    build, batches = load_functions(args.model_file, [args.model_fn, args.batches_fn])
    try:
        result = capture(build(), batches(), args.layers, args.out, reduce=args.reduce, dtype=args.dtype,
                         format=args.format, same_samples_as=args.same_samples_as, name=name)
    except CaptureError as error:
        fail(1, str(error))
    widths = ", ".join(f"{n} ({d})" for n, d in result.layers)
    print(f"{result.path}: {len(result.layers)} layers × {result.samples} samples, reduce {result.reduce}, "
          f"{result.dtype}: {widths}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
