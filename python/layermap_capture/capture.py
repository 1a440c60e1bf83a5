"""The capture loop: hook the chosen modules, run the batches, stream each layer's rows to disk."""
import os
from dataclasses import dataclass

import torch

from .batches import call_and_mask, reiterable, sample_count, to_device
from .errors import CaptureError
from .outputs import metadata, samples_in, write_npy_directory, write_safetensors
from .recorder import Recorder
from .reduce import check_policy
from .selection import select_modules
from .spool import Spool, check_dtype

FORMATS = ("safetensors", "npy")


@dataclass(frozen=True)
class Captured:
    """What a capture wrote: the output path, N, and each layer's (name, D) in the recorded order."""
    path: str
    samples: int
    layers: list
    reduce: str
    dtype: str


def capture(model, batches, layers, out, *, reduce="flatten", dtype="float32", format="safetensors",
            forward=None, samples=None, same_samples_as=None, name=None):
    """Captures the outputs of `model`'s modules named by `layers` over `batches` into `out`.

    - `layers`: module names or globs (`"encoder.layer.*.output"`); see `select_modules`. The
      recorded order is the patterns' order, each glob's matches in the model's module order.
    - `batches`: an iterable of batches: tensors, dicts of model arguments, or `(inputs, mask)`
      pairs (see `layermap_capture.batches`). Every batch is run once under `torch.no_grad()`
      with the model in eval mode (each module's mode is restored afterwards).
    - `reduce`: how B×T×D token outputs become rows: "flatten" (default), "cls", "last", "mean"
      (see `layermap_capture.reduce`). Outputs with four or more axes (convolutions) are
      flattened per sample whatever the policy.
    - `dtype`: "float32" (default), "float16" or "float64", the stored precision.
    - `format`: "safetensors" (one file; `out` must end in .safetensors) or "npy" (`out` is a
      directory of one .npy per layer).
    - `forward`: optional `f(model, batch)` that runs the model on a batch, for models called
      another way; the mask is still taken from the batch.
    - `samples` or `same_samples_as` (the path of an existing capture): the number of samples
      the batches must add up to, so that two models are compared on the same N.
    - `name`: the model's name in error messages (default: its class name).

    Memory holds one batch: each module's rows are appended to a raw spool file as soon as it
    has run, and `out` is assembled from the spool at the end, atomically. Returns `Captured`.
    Raises `CaptureError` (and writes nothing) for a pattern matching no module, a module that
    never ran or ran twice in a forward pass, an output without the batch's samples on its first
    axis, a mask that does not fit, non-finite values, or a sample count other than the one
    expected.
    """
    return _capture(model, batches, layers, out, reduce=reduce, dtype=dtype, format=format, forward=forward,
                    name=name, expected=_expected_samples(samples, same_samples_as))


def _capture(model, batches, layers, out, *, reduce="flatten", dtype="float32", format="safetensors",
             forward=None, name=None, expected=None):
    """`capture`, with the expected sample count as (N, what holds N) or None."""
    model_name = name or type(model).__name__
    policy = check_policy(reduce)
    dtype_name = check_dtype(dtype)
    out = os.fspath(out)
    if format not in FORMATS:
        raise CaptureError(f"format {format!r} is not supported; choose one of: {', '.join(FORMATS)}")
    if format == "safetensors" and not out.endswith(".safetensors"):
        raise CaptureError(f"{out}: a safetensors output must end in .safetensors (layermap knows files by "
                           f"their extension); for a directory of .npy files pass format='npy'")
    selected = select_modules(model, layers, model_name)
    order = [n for n, _ in selected]

    with Spool(out, order, dtype_name) as spool:
        recorder = Recorder(selected, spool, policy, dtype_name, model_name, expected)
        _run(model, batches, recorder, forward, model_name)
        total = spool.layers[order[0]].rows
        if expected is not None and total != expected[0]:
            raise CaptureError(f"{model_name}: the batches hold {total} samples but {expected[1]} holds {expected[0]}; "
                               f"every model must see the same samples in the same order")
        meta = metadata(order, policy, recorder.source_shapes)
        if format == "safetensors":
            write_safetensors(out, spool, order, dtype_name, meta)
        else:
            write_npy_directory(out, spool, order, dtype_name, meta)
        widths = [(n, spool.layers[n].width) for n in order]
    return Captured(path=out, samples=total, layers=widths, reduce=policy, dtype=dtype_name)


def capture_many(models, batches, layers, out_dir, **options):
    """Captures several models on the same batches: `out_dir/<name>.safetensors` for each
    (`out_dir/<name>/` with format="npy"), checking that every model sees the same N.

    - `models`: a mapping name → model, in the order to capture.
    - `batches`: a list, a DataLoader, or a function returning a fresh iterable of batches (a
      one-shot generator is refused: the second model would find it empty).
    - `layers`: one list of patterns for all models, or a mapping name → patterns.
    - `options`: passed to `capture` (reduce, dtype, format, forward).

    Returns {name: Captured}. Raises `CaptureError` naming both models when their sample counts
    differ; the models captured before stay written.
    """
    fresh = reiterable(batches, "capture_many")
    suffix = ".safetensors" if options.get("format", "safetensors") == "safetensors" else ""
    results, expected = {}, None
    for model_name, model in models.items():
        patterns = layers[model_name] if isinstance(layers, dict) else layers
        results[model_name] = _capture(model, fresh(), patterns, os.path.join(out_dir, model_name + suffix),
                                       name=model_name, expected=expected, **options)
        expected = expected or (results[model_name].samples, f"model {model_name!r}")
    return results


def _expected_samples(samples, same_samples_as):
    """(N, what holds N) from capture's options, or None."""
    if samples is not None and same_samples_as is not None:
        raise CaptureError("give samples or same_samples_as, not both")
    if same_samples_as is not None:
        return samples_in(os.fspath(same_samples_as)), os.fspath(same_samples_as)
    if samples is not None:
        return int(samples), f"samples={int(samples)}"
    return None


def _run(model, batches, recorder, forward, model_name):
    """Runs every batch with the recorder's hooks in place, in eval mode under no_grad; restores
    each module's training flag afterwards."""
    modes = {m: m.training for m in model.modules()}
    parameter = next(model.parameters(), None)
    device = parameter.device if parameter is not None else torch.device("cpu")
    ran = 0
    try:
        model.eval()
        with recorder, torch.no_grad():
            for index, batch in enumerate(batches):
                if device.type != "cpu":
                    batch = to_device(batch, device)
                call, mask = call_and_mask(batch, index, model_name)
                recorder.start_batch(index, sample_count(batch), mask)
                if forward is not None:
                    forward(model, batch)
                else:
                    call(model)
                recorder.finish_batch()
                ran += 1
    finally:
        for module, training in modes.items():
            module.training = training  # per module: train() would set the whole subtree
    if ran == 0:
        raise CaptureError(f"{model_name}: batches gave no batch to run")


