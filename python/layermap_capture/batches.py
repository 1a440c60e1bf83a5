"""What a batch is: how the model is called on it, where its mask is, how many samples it holds.

A batch is one of

- a tensor `x`:                 the model is called as `model(x)`; no mask
- a dict (Hugging Face style):  `model(**batch)`; its "attention_mask" entry, if any, is the mask
- a pair `(inputs, mask)`:      `model(inputs)`, or `model(*inputs)` for a tuple or list,
                                or `model(**inputs)` for a dict; `mask` is the mask (or None)

A mask is B×T, nonzero (or True) for real tokens and 0 (False) for padding, and is used by the
token policies `cls`, `last` and `mean` (see `reduce`). A data loader of `(inputs, labels)`
pairs would pass its labels as the mask: give `(x for x, _ in loader)` instead.

With `forward=f`, the model is called as `f(model, batch)` on the whole batch instead, and the
mask is still found as above: this is how a model that needs its mask as an argument of another
name (`src_key_padding_mask`) gets it.
"""
from collections.abc import Mapping

import torch

from .errors import CaptureError


def call_and_mask(batch, index, model_name):
    """(call, mask): `call(model)` runs the model on the batch the default way; `mask` is the
    batch's mask or None. Raises `CaptureError` for a batch of another form."""
    if torch.is_tensor(batch):
        return (lambda model: model(batch)), None
    if isinstance(batch, Mapping):
        return (lambda model: model(**batch)), batch.get("attention_mask")
    if isinstance(batch, (tuple, list)) and len(batch) == 2:
        inputs, mask = batch
        if isinstance(inputs, Mapping):
            return (lambda model: model(**inputs)), mask
        if isinstance(inputs, (tuple, list)):
            return (lambda model: model(*inputs)), mask
        return (lambda model: model(inputs)), mask
    shape = f" of {len(batch)} items" if isinstance(batch, (tuple, list)) else ""
    raise CaptureError(f"{model_name}: batch {index} is a {type(batch).__name__}{shape}; a batch is a tensor, "
                       f"a dict of model arguments (its 'attention_mask' is the mask), or a pair (inputs, mask)")


def sample_count(batch):
    """B, the first axis of the first tensor in the batch (depth first), or None if it holds none.
    Every layer's output must have B samples on its first axis."""
    if torch.is_tensor(batch):
        return int(batch.shape[0]) if batch.dim() > 0 else None
    items = batch.values() if isinstance(batch, Mapping) else batch if isinstance(batch, (tuple, list)) else ()
    for item in items:
        count = sample_count(item)
        if count is not None:
            return count
    return None


def to_device(batch, device):
    """The batch with every tensor moved to `device` (the model's); a mapping becomes a plain dict."""
    if torch.is_tensor(batch):
        return batch.to(device)
    if isinstance(batch, Mapping):
        return {k: to_device(v, device) for k, v in batch.items()}
    if isinstance(batch, tuple):
        return tuple(to_device(v, device) for v in batch)
    if isinstance(batch, list):
        return [to_device(v, device) for v in batch]
    return batch


def reiterable(batches, model_name):
    """A zero-argument function giving a fresh iterable of the batches, for capturing several
    models on the same batches. `batches` is a function returning an iterable, or something
    iterable more than once (a list, a DataLoader); a one-shot iterator or generator is refused."""
    if callable(batches) and not hasattr(batches, "__iter__"):
        return batches
    if iter(batches) is batches:
        raise CaptureError(f"{model_name}: batches is a one-shot iterator (a generator?), which the second model "
                           f"would find empty; pass a list, a DataLoader or a function returning the batches")
    return lambda: batches
