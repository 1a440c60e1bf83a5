"""How one batch of a layer's output becomes rows: B samples × D columns.

The sample axis is always the first. By the number of axes of the module's output:

- (B,)            → B × 1
- (B, D)          → unchanged
- (B, T, D)       → a token sequence, reduced by the policy (below)
- (B, C, H, W, …) → a convolution's output, flattened per sample to C·H·W·… columns in C order
                    (last axis fastest), whatever the policy; the per-sample shape is recorded

Token policies, for B×T×D, with an optional B×T mask of real tokens (nonzero or True = real):

- `cls`     the first real token: position 0, or with a mask the first position it marks real
            (the same for right padding; the right token for left padding)
- `last`    the last real token: position T−1, or with a mask the last position it marks real
- `mean`    the mean over the real tokens (all T without a mask), summed in float64
- `flatten` all T·D values in C order; the mask is not used, and every batch must then have
            the same T

A row whose mask marks no real token is an error for `cls`, `last` and `mean`.
"""
import torch

from .errors import CaptureError

POLICIES = ("flatten", "cls", "last", "mean")


def check_policy(policy):
    """`policy` if it is one of `POLICIES`, else `CaptureError`."""
    if policy not in POLICIES:
        raise CaptureError(f"reduce {policy!r} is not a policy; choose one of: {', '.join(POLICIES)}")
    return policy


def rows(tensor, policy, mask, where):
    """The B×D float64 rows of one batch's `tensor` (see the module doc).

    - `mask`: None, or the batch's mask, used only for B×T×D outputs under cls, last and mean.
    - `where`: "model: layer 'x' in batch 3", the start of every error message.
    """
    t = tensor.detach()
    if t.dim() == 0:
        raise CaptureError(f"{where}: the module returned a scalar; a layer needs one row per sample")
    t = t.to(torch.float64)
    if t.dim() == 1:
        return t.reshape(-1, 1)
    if t.dim() == 2:
        return t
    if t.dim() > 3:
        return t.reshape(t.shape[0], -1)
    if policy == "flatten":
        return t.reshape(t.shape[0], -1)
    real = None if mask is None else real_tokens(mask, t.shape[:2], where)
    if policy == "mean":
        if real is None:
            return t.mean(dim=1)
        weights = real.to(torch.float64).unsqueeze(-1)
        return (t * weights).sum(dim=1) / real.sum(dim=1, keepdim=True).to(torch.float64)
    positions = torch.arange(t.shape[1])
    if real is None:
        index = torch.zeros(t.shape[0], dtype=torch.long) if policy == "cls" else \
            torch.full((t.shape[0],), t.shape[1] - 1, dtype=torch.long)
    elif policy == "cls":
        # The smallest real position: padding positions count as T, beyond every real one.
        index = torch.where(real, positions, torch.full_like(positions, t.shape[1])).min(dim=1).values
    else:
        index = torch.where(real, positions, torch.full_like(positions, -1)).max(dim=1).values
    return t[torch.arange(t.shape[0]), index]


def real_tokens(mask, shape, where):
    """The mask as a B×T bool tensor, after checking its shape against the layer's (B, T), its
    values (bool, or numbers that are 0 or 1) and that every row has a real token."""
    if not torch.is_tensor(mask):
        raise CaptureError(f"{where}: the batch's mask is a {type(mask).__name__}, not a tensor")
    if tuple(mask.shape) != tuple(shape):
        raise CaptureError(f"{where}: the batch's mask is {_dims(mask.shape)} but the layer's tokens are "
                           f"{_dims(shape)} (samples × tokens)")
    mask = mask.detach().cpu()
    if mask.dtype != torch.bool:
        if mask.is_floating_point() and not torch.isfinite(mask).all():
            raise CaptureError(f"{where}: the batch's mask holds non-finite values")
        if not ((mask == 0) | (mask == 1)).all():
            raise CaptureError(f"{where}: the batch's mask holds values other than 0 and 1 "
                               f"(is it labels rather than an attention mask?)")
        mask = mask != 0
    empty = (~mask.any(dim=1)).nonzero().flatten()
    if len(empty):
        raise CaptureError(f"{where}: the mask marks no real token in sample {int(empty[0])} of the batch")
    return mask


def _dims(shape):
    return "×".join(str(int(d)) for d in shape)
