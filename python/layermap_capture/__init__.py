"""layermap_capture: from a PyTorch model and its batches to files the layermap explorer opens.

    import layermap_capture as lc
    lc.capture(model, loader, layers=["encoder.layer.*.output"], out="vit.safetensors", reduce="cls")

then `layermap vit.safetensors`. See `capture` for the options, `layermap_capture.reduce` for
the token policies and `layermap_capture.batches` for what a batch may be.
"""
from .capture import Captured, capture, capture_many
from .errors import CaptureError
from .outputs import samples_in
from .reduce import POLICIES
from .selection import module_names, select_modules

__all__ = ["capture", "capture_many", "Captured", "CaptureError", "POLICIES", "module_names",
           "select_modules", "samples_in"]
