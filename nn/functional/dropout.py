"""Dropout family: elementwise, channel-wise (1d/2d/3d) and alpha dropout, drawing from autograd's RNG.

Every variant multiplies by a random mask (already scaled by 1/(1-p)), so one op serves them all;
its backward multiplies by the same mask. ``autograd.manual_seed`` makes the masks reproducible.
"""
import warnings

import numpy as np

from autograd.ops.native import MaskMultiply
from autograd.ops.inplace import apply_inplace
from autograd.random import dense_strides, generator as _gen, serial_fill
from autograd.tensor import Tensor

__all__ = ["dropout", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout", "feature_alpha_dropout"]


class NativeDropout(MaskMultiply):
    """``x * mask`` for a fixed (scaled) mask broadcastable to x."""

    node_name = "MulBackward0"  # torch's CPU dropout is ``input * noise``


def _check_p(p):
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")


def _mask(input, p, shape):
    """Bernoulli(1 - p) keep-mask of ``shape`` in the input's dtype, scaled by 1/(1-p) (zeros when p == 1)."""
    dt = input._data.dtype
    if p == 1:  # torch draws nothing then
        return np.zeros(shape, dtype=dt)
    if dt.kind != "f":  # torch: the integer mask's division by (1 - p)
        from autograd._dtype import type_name
        raise RuntimeError(f"result type Float can't be cast to the desired output type {type_name(dt)}")
    strides = dense_strides(input._data) if tuple(shape) == tuple(input.shape) else None  # empty_like's layout
    keep = serial_fill(shape, strides,  # torch: empty_like(input).bernoulli_(1 - p) / (1 - p), in memory order
                       lambda perm: _gen().bernoulli_scalar(tuple(shape[d] for d in perm), 1 - p))
    return keep.astype(dt) * (dt.type(1) / dt.type(1 - p))


def _apply(input, mask, inplace):
    if inplace:
        return apply_inplace(input, NativeDropout.apply, mask)
    return NativeDropout.apply(input, mask)


def dropout(input, p=0.5, training=True, inplace=False):
    """Zero each element with probability ``p`` and scale the rest by ``1/(1-p)``; identity when not training."""
    _check_p(p)
    if not training or p == 0 or input.numel() == 0:  # torch returns the input itself, drawing nothing
        return input
    return _apply(input, _mask(input, p, input.shape), inplace)


def _feature_dropout(input, p, training, inplace, batched=True):
    """One mask entry per (sample, channel); ``batched=False`` means the channel dim is dim 0."""
    if not training or p == 0 or input.numel() == 0:
        return input
    lead = 2 if batched else 1
    shape = tuple(input.shape[:lead]) + (1,) * (input.dim() - lead)
    return _apply(input, _mask(input, p, shape), inplace)


def dropout1d(input, p=0.5, training=True, inplace=False):
    """Zero whole channels of ``(N, C, L)`` (or ``(C, L)``) input."""
    _check_p(p)
    if input.dim() not in (2, 3):
        raise RuntimeError(f"dropout1d: Expected 2D or 3D input, but received a {input.dim()}D input. Note that "
                           "dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a "
                           "channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).")
    return _feature_dropout(input, p, training, inplace, input.dim() == 3)


def _warn_unexpected_rank(input, spatial):
    """PyTorch's deprecation warning for dropout2d/3d on input that is not ``(N, C, *S)`` or ``(C, *S)``."""
    d = input.dim()
    if d not in (spatial + 1, spatial + 2):
        warnings.warn(f"dropout{spatial}d: Received a {d}-D input to dropout{spatial}d, which is deprecated and will "
                      "result in an error in a future release. To retain the behavior and silence this warning, "
                      f"please use dropout instead. Note that dropout{spatial}d exists to provide channel-wise "
                      f"dropout on inputs with {spatial} spatial dimensions, a channel dimension, and an optional "
                      f"batch dimension (i.e. {spatial + 1}D or {spatial + 2}D inputs).", stacklevel=3)
    return d


def dropout2d(input, p=0.5, training=True, inplace=False):
    """Zero whole channels (dim 1) of ``(N, C, H, W)`` input; a 3-D input is treated as ``(N, C, L)`` (as torch)."""
    _check_p(p)
    if _warn_unexpected_rank(input, 2) == 3:
        warnings.warn("dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout "
                      "behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. "
                      "This behavior will change in a future release to interpret the input as one without a batch "
                      "dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please "
                      "switch to using dropout1d instead.", stacklevel=2)
    return _feature_dropout(input, p, training, inplace)


def dropout3d(input, p=0.5, training=True, inplace=False):
    """Zero whole channels of ``(N, C, D, H, W)`` (or ``(C, D, H, W)``) input."""
    _check_p(p)
    return _feature_dropout(input, p, training, inplace, _warn_unexpected_rank(input, 3) == 5)


_SELU_ALPHA = 1.7580993408473766


def _alpha_dropout(input, p, training, inplace, shape):
    _check_p(p)
    if not training or p == 0:
        return input
    if p == 1:
        out = input * 0.0
    else:
        keep = _gen().bernoulli_scalar(shape, 1 - p).astype(input._data.dtype)
        a = 1.0 / np.sqrt((_SELU_ALPHA * _SELU_ALPHA * p + 1) * (1 - p))
        b = (keep - 1) * (_SELU_ALPHA * a) + _SELU_ALPHA * a * p
        out = NativeDropout.apply(input, keep * input._data.dtype.type(a)) + Tensor._make(b.astype(input._data.dtype))
    return input.copy_(out) if inplace else out


def alpha_dropout(input, p=0.5, training=False, inplace=False):
    """Dropout that keeps SELU's self-normalising mean and variance (dropped units take SELU's negative limit)."""
    return _alpha_dropout(input, p, training, inplace, input.shape)


def feature_alpha_dropout(input, p=0.5, training=False, inplace=False):
    """Alpha dropout with one mask entry per (sample, channel)."""
    return _alpha_dropout(input, p, training, inplace, tuple(input.shape[:2]) + (1,) * (input.dim() - 2))
