"""Writes the token-sequence fixtures: N×T×D layers, N×T masks, and the reduced N×D matrices
numpy computes for every token policy. Run from this folder: python3 make_tokens.py

- layer_c.npy (float32, C order), layer_fortran.npy (the same array in Fortran order),
  layer_be_f8.npy (the same values as big-endian float64): N=6 samples, T=5 tokens, D=3 features.
- mask.npy (bool), mask_int.npy (int64), mask_float.npy (float32): the same flags, with right
  padding, left padding, padding on both sides and a row with one real token.
- expected_<policy>.npy and expected_<policy>_masked.npy for first, last, mean and max (float32 of
  the float64 result).
- bad masks: mask_value2.npy (a 2), mask_half.npy (a 0.5), mask_empty_row.npy (row 3 all padding),
  mask_short.npy (T=4), mask_3d.npy (N×T×1), mask_complex.npy (complex dtype).
- model/ (layers a, b: N×T×D) and reduced_mean_masked/ (a, b reduced by numpy with mean and the
  mask) for the command-line check that the two compute the same grid.
"""
import os
import numpy as np

rng = np.random.default_rng(15)
N, T, D = 6, 5, 3
layer = rng.standard_normal((N, T, D)).astype(np.float32)
real = np.array([
    [1, 1, 1, 1, 1],  # no padding
    [1, 1, 1, 0, 0],  # right padding
    [0, 0, 1, 1, 1],  # left padding
    [0, 1, 1, 1, 0],  # both sides
    [0, 0, 1, 0, 0],  # one real token
    [1, 1, 1, 1, 0],  # right padding by one
], dtype=bool)


def reduce(x, policy, mask=None):
    """The N×D reduction of x (N×T×D) by policy, over the real tokens when mask is given."""
    x = x.astype(np.float64)
    m = np.ones(x.shape[:2], dtype=bool) if mask is None else mask
    rows = []
    for i in range(x.shape[0]):
        tokens = np.flatnonzero(m[i])
        if policy == "first":
            rows.append(x[i, tokens[0]])
        elif policy == "last":
            rows.append(x[i, tokens[-1]])
        elif policy == "mean":
            rows.append(x[i, tokens].mean(axis=0))
        elif policy == "max":
            rows.append(x[i, tokens].max(axis=0))
    return np.array(rows).astype(np.float32)


np.save("layer_c.npy", layer)
np.save("layer_fortran.npy", np.asfortranarray(layer))
np.save("layer_be_f8.npy", layer.astype(">f8"))
np.save("mask.npy", real)
np.save("mask_int.npy", real.astype(np.int64))
np.save("mask_float.npy", real.astype(np.float32))
for policy in ["first", "last", "mean", "max"]:
    np.save(f"expected_{policy}.npy", reduce(layer, policy))
    np.save(f"expected_{policy}_masked.npy", reduce(layer, policy, real))

bad = real.astype(np.int64); bad[2, 3] = 2
np.save("mask_value2.npy", bad)
half = real.astype(np.float64); half[1, 4] = 0.5
np.save("mask_half.npy", half)
empty = real.copy(); empty[3] = False
np.save("mask_empty_row.npy", empty)
np.save("mask_short.npy", real[:, :4])
np.save("mask_3d.npy", real[:, :, None])
np.save("mask_complex.npy", real.astype(np.complex64))

os.makedirs("model", exist_ok=True)
os.makedirs("reduced_mean_masked", exist_ok=True)
b = np.tanh(layer @ rng.standard_normal((D, 4)).astype(np.float32))
for name, x in [("a", layer), ("b", b)]:
    np.save(f"model/{name}.npy", x)
    np.save(f"reduced_mean_masked/{name}.npy", reduce(x, "mean", real))
