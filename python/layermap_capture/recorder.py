"""The forward hooks of one capture: each turns its module's output into rows on disk."""
import numpy as np
import torch

from .errors import CaptureError
from .hidden import hidden_state
from .reduce import rows
from .spool import DTYPES


class Recorder:
    """Hooks the selected modules and appends each batch's rows to the spool as each module runs.

    Per batch (`start_batch`, run the model, `finish_batch`) it checks that every module ran
    exactly once, that every output has the batch's samples on its first axis, that the values
    are finite and fit the stored dtype, and that the rows stay within `expected` samples.

    - `selected`: (layer name, module) pairs; `spool`: a `Spool` with a file for each layer.
    - `expected`: (N, what holds N) or None; exceeding N is an error as soon as it happens.
    """

    def __init__(self, selected, spool, policy, dtype_name, model_name, expected=None):
        self.selected = selected
        self.spool = spool
        self.policy = policy
        self.dtype_name = dtype_name
        self.numpy_dtype = np.dtype(DTYPES[dtype_name][0])
        self.model_name = model_name
        self.expected = expected
        self.source_shapes = {}
        self.batch, self.samples, self.mask, self.fired = 0, None, None, set()
        self._handles = []

    def __enter__(self):
        self._handles = [module.register_forward_hook(self._hook_for(layer)) for layer, module in self.selected]
        return self

    def __exit__(self, *exc):
        for handle in self._handles:
            handle.remove()
        self._handles = []
        return False

    def start_batch(self, index, samples, mask):
        """Before the model runs on batch `index`: its sample count B (None if the batch holds
        no tensor: the first output then gives it) and its mask (or None)."""
        self.batch, self.samples, self.mask, self.fired = index, samples, mask, set()

    def finish_batch(self):
        """After the model ran: every selected module must have run."""
        silent = [layer for layer, _ in self.selected if layer not in self.fired]
        if not silent:
            return
        if self.batch == 0:
            raise CaptureError(f"{self.model_name}: the module of layer {silent[0]!r} never ran in batch 0"
                               + (f" (nor did {len(silent) - 1} more)" if len(silent) > 1 else "")
                               + "; the model's forward does not call it (a container such as nn.ModuleList is "
                                 "never called itself: hook its items, e.g. 'blocks.*')")
        raise CaptureError(f"{self.model_name}: the module of layer {silent[0]!r} ran in earlier batches but not in "
                           f"batch {self.batch}; every layer needs a row for every sample")

    def _where(self, layer):
        return f"{self.model_name}: layer {layer!r} in batch {self.batch}"

    def _hook_for(self, layer):
        def hook(module, inputs, output):
            self._record(layer, output)
        return hook

    def _record(self, layer, output):
        where = self._where(layer)
        if layer in self.fired:
            raise CaptureError(f"{where}: the module ran twice in one forward pass; a module that is called more "
                               f"than once (a shared block) has no single output, so hook one that runs once")
        self.fired.add(layer)
        mask = self.mask
        tokens = int(mask.shape[1]) if torch.is_tensor(mask) and mask.dim() == 2 else None
        tensor = hidden_state(output, layer, self.model_name, tokens)
        self._check_samples(tensor, where)
        block = rows(tensor, self.policy, mask, where)
        if not torch.isfinite(block).all():
            bad = int((~torch.isfinite(block)).sum())
            raise CaptureError(f"{where}: the output holds {bad} non-finite values (NaN or ±inf)")
        with np.errstate(over="ignore"):  # overflow is checked just below, with a clearer message
            values = block.cpu().numpy().astype(self.numpy_dtype)
        if not np.isfinite(values).all():
            raise CaptureError(f"{where}: values up to {float(block.abs().max()):.6g} do not fit {self.dtype_name} "
                               f"(largest finite: {float(np.finfo(self.numpy_dtype).max):.6g}); use a wider dtype")
        self.source_shapes.setdefault(layer, tuple(int(d) for d in tensor.shape[1:]))
        spooled = self.spool.layers[layer]
        spooled.append(values, where)
        if self.expected is not None and spooled.rows > self.expected[0]:
            raise CaptureError(f"{self.model_name}: the batches hold more than the {self.expected[0]} samples of "
                               f"{self.expected[1]}; every model must see the same samples in the same order")

    def _check_samples(self, tensor, where):
        if tensor.dim() == 0:
            return  # `rows` refuses scalars with its own message
        count = int(tensor.shape[0])
        if self.samples is None:
            self.samples = count
        elif count != self.samples:
            raise CaptureError(f"{where}: the module's output is {_dims(tensor.shape)}, whose first axis is not the "
                               f"batch's {self.samples} samples; the sample axis must come first (a sequence-first "
                               f"module needs batch_first=True)")


def _dims(shape):
    return "×".join(str(int(d)) for d in shape)
