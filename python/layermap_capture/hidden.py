"""The one tensor a module's output stands for: its hidden state."""
from collections.abc import Mapping

import torch

from .errors import CaptureError


def hidden_state(output, layer, model_name="model", tokens=None):
    """The hidden-state tensor inside a module's `output`.

    - a tensor is itself;
    - an object or mapping with a tensor `last_hidden_state` (Hugging Face `ModelOutput`, which
      is also a mapping) gives that;
    - otherwise the first tensor found, depth first, in a tuple, a list or a mapping's values:
      `(hidden, attention)` from a transformer block, `(output, (h, c))` from an LSTM, the first
      field of any other `ModelOutput`.

    A nested tensor (what `nn.TransformerEncoder`'s fast path hands its layers in eval mode
    with a padding mask: each sample's real tokens only) is padded back to B×T×… with zeros,
    T being the mask's length (`tokens`) or else the longest sample. The fast path is taken
    only for right padding, so each sample's tokens go back to positions 0, 1, ….

    Raises `CaptureError` naming the layer when the output holds no tensor.
    """
    found = _first_tensor(output)
    if found is None:
        raise CaptureError(f"{model_name}: layer {layer!r}: its module returned a {type(output).__name__} "
                           f"that holds no tensor")
    if getattr(found, "is_nested", False):
        return _padded(found, tokens)
    return found


def _padded(nested, tokens):
    parts = nested.unbind()
    length = max([p.shape[0] for p in parts] + [tokens or 0])
    padded = parts[0].new_zeros((len(parts), length) + tuple(parts[0].shape[1:]))
    for i, part in enumerate(parts):
        padded[i, : part.shape[0]] = part
    return padded


def _first_tensor(value):
    if torch.is_tensor(value):
        return value
    named = getattr(value, "last_hidden_state", None)
    if torch.is_tensor(named):
        return named
    if isinstance(value, Mapping):
        if torch.is_tensor(value.get("last_hidden_state")):
            return value["last_hidden_state"]
        items = value.values()
    elif isinstance(value, (tuple, list)):
        items = value
    else:
        return None
    for item in items:
        found = _first_tensor(item)
        if found is not None:
            return found
    return None
