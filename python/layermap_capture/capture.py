"""The capture loop: hook the chosen modules, run the batches, stream each layer's rows to disk."""
import os
from dataclasses import dataclass

import numpy as np
import torch

from .batches import call_and_mask, reiterable, sample_count, to_device
from .errors import CaptureError
from .hidden import hidden_state
from .outputs import metadata, samples_in, write_npy_directory, write_safetensors
from .reduce import check_policy, rows
from .selection import select_modules
from .spool import DTYPES, Spool, check_dtype

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
    model_name = name or type(model).__name__
    policy = check_policy(reduce)
    dtype_name = check_dtype(dtype)
    out = os.fspath(out)
    if format not in FORMATS:
        raise CaptureError(f"format {format!r} is not supported; choose one of: {', '.join(FORMATS)}")
    if format == "safetensors" and not out.endswith(".safetensors"):
        raise CaptureError(f"{out}: a safetensors output must end in .safetensors (layermap knows files by "
                           f"their extension); for a directory of .npy files pass format='npy'")
    expected, source = _expected_samples(samples, same_samples_as)
    selected = select_modules(model, layers, model_name)
    order = [n for n, _ in selected]

    with Spool(out, order, dtype_name) as spool:
        source_shapes = _run(model, batches, selected, spool, policy, dtype_name, forward, model_name,
                             expected, source)
        total = spool.layers[order[0]].rows
        if expected is not None and total != expected:
            raise CaptureError(f"{model_name}: the batches hold {total} samples but {source} holds {expected}; "
                               f"every model must see the same samples in the same order")
        meta = metadata(order, policy, source_shapes)
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
    format = options.get("format", "safetensors")
    results, first = {}, None
    for model_name, model in models.items():
        patterns = layers[model_name] if isinstance(layers, dict) else layers
        out = os.path.join(out_dir, model_name + (".safetensors" if format == "safetensors" else ""))
        try:
            results[model_name] = capture(model, fresh(), patterns, out, name=model_name,
                                          samples=None if first is None else results[first].samples, **options)
        except CaptureError as error:
            if first is not None and "every model must see the same samples" in str(error):
                raise CaptureError(f"{error} (model {first!r} had {results[first].samples})") from None
            raise
        first = first or model_name
    return results


def _expected_samples(samples, same_samples_as):
    if samples is not None and same_samples_as is not None:
        raise CaptureError("give samples or same_samples_as, not both")
    if same_samples_as is not None:
        return samples_in(os.fspath(same_samples_as)), os.fspath(same_samples_as)
    if samples is not None:
        return int(samples), "samples="
    return None, None


def _run(model, batches, selected, spool, policy, dtype_name, forward, model_name, expected, source):
    """Runs every batch with the hooks in place; returns each layer's per-sample source shape."""
    numpy_dtype = np.dtype(DTYPES[dtype_name][0])
    state = {"batch": 0, "samples": None, "mask": None, "fired": {}, "shapes": {}}

    def where(layer):
        return f"{model_name}: layer {layer!r} in batch {state['batch']}"

    def hook_for(layer):
        def hook(module, inputs, output):
            if state["fired"].get(layer):
                raise CaptureError(f"{where(layer)}: the module ran twice in one forward pass; a module that is "
                                   f"called more than once (a shared block) has no single output, so hook one "
                                   f"that runs once")
            state["fired"][layer] = True
            mask = state["mask"]
            tokens = int(mask.shape[1]) if torch.is_tensor(mask) and mask.dim() == 2 else None
            tensor = hidden_state(output, layer, model_name, tokens)
            if tensor.dim() > 0:
                count = int(tensor.shape[0])
                if state["samples"] is None:
                    state["samples"] = count
                elif count != state["samples"]:
                    raise CaptureError(f"{where(layer)}: the module's output is {_dims(tensor.shape)}, whose first "
                                       f"axis is not the batch's {state['samples']} samples; the sample axis must "
                                       f"come first (a sequence-first module needs batch_first=True)")
            block = rows(tensor, policy, state["mask"], where(layer))
            if not torch.isfinite(block).all():
                bad = int((~torch.isfinite(block)).sum())
                raise CaptureError(f"{where(layer)}: the output holds {bad} non-finite values (NaN or ±inf)")
            with np.errstate(over="ignore"):  # overflow is checked just below, with a clearer message
                values = block.cpu().numpy().astype(numpy_dtype)
            if not np.isfinite(values).all():
                raise CaptureError(f"{where(layer)}: values up to {float(block.abs().max()):.6g} do not fit "
                                   f"{dtype_name} (largest finite: {float(np.finfo(numpy_dtype).max):.6g}); "
                                   f"use a wider dtype")
            state["shapes"].setdefault(layer, tuple(int(d) for d in tensor.shape[1:]))
            layer_spool = spool.layers[layer]
            layer_spool.append(values, where(layer))
            if expected is not None and layer_spool.rows > expected:
                raise CaptureError(f"{model_name}: the batches hold more than the {expected} samples of {source}; "
                                   f"every model must see the same samples in the same order")
        return hook

    modes = {m: m.training for m in model.modules()}
    parameter = next(model.parameters(), None)
    device = parameter.device if parameter is not None else torch.device("cpu")
    handles = [module.register_forward_hook(hook_for(layer)) for layer, module in selected]
    ran = 0
    try:
        model.eval()
        with torch.no_grad():
            for index, batch in enumerate(batches):
                state.update(batch=index, fired={})
                if device.type != "cpu":
                    batch = to_device(batch, device)
                call, mask = call_and_mask(batch, index, model_name)
                state["samples"] = sample_count(batch)
                state["mask"] = mask
                if forward is not None:
                    forward(model, batch)
                else:
                    call(model)
                _check_all_ran(selected, state, model_name, index)
                ran += 1
    finally:
        for handle in handles:
            handle.remove()
        for module, training in modes.items():
            module.training = training  # per module: train() would set the whole subtree
    if ran == 0:
        raise CaptureError(f"{model_name}: batches gave no batch to run")
    return state["shapes"]


def _check_all_ran(selected, state, model_name, index):
    silent = [layer for layer, _ in selected if not state["fired"].get(layer)]
    if not silent:
        return
    if index == 0:
        raise CaptureError(f"{model_name}: the module of layer {silent[0]!r} never ran in batch 0"
                           + (f" (nor did {len(silent) - 1} more)" if len(silent) > 1 else "")
                           + "; the model's forward does not call it (a container such as nn.ModuleList is "
                             "never called itself: hook its items, e.g. 'blocks.*')")
    raise CaptureError(f"{model_name}: the module of layer {silent[0]!r} ran in earlier batches but not in "
                       f"batch {index}; every layer needs a row for every sample")


def _dims(shape):
    return "×".join(str(int(d)) for d in shape)
