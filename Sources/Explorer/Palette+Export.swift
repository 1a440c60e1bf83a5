// The colour scales (RGB, viridis, diverging) live in their own target so the image
// exporters share them; the explorer's API uses them, so it re-exports the module.
@_exported import Palette
