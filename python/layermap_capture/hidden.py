"""The one tensor a module's output stands for: its hidden state."""
from collections.abc import Mapping

import torch

from .errors import CaptureError


def hidden_state(output, layer, model_name="model"):
    """The hidden-state tensor inside a module's `output`.

    - a tensor is itself;
    - an object or mapping with a tensor `last_hidden_state` (Hugging Face `ModelOutput`, which
      is also a mapping) gives that;
    - otherwise the first tensor found, depth first, in a tuple, a list or a mapping's values:
      `(hidden, attention)` from a transformer block, `(output, (h, c))` from an LSTM, the first
      field of any other `ModelOutput`.

    Raises `CaptureError` naming the layer when the output holds no tensor.
    """
    found = _first_tensor(output)
    if found is None:
        raise CaptureError(f"{model_name}: layer {layer!r}: its module returned a {type(output).__name__} "
                           f"that holds no tensor")
    return found


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
