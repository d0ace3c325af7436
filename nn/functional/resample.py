"""Resampling: interpolate (nearest, nearest-exact, (bi/tri)linear, bicubic, area), pixel_shuffle/unshuffle
and gumbel_softmax.

Interpolation is separable: along each spatial dim the output gathers a few source rows (index_select)
and mixes them with fixed weights, so the gradient comes from the tape. Source positions use PyTorch's
formulas (``area_pixel_compute_source_index`` in the op's math type, ``nearest_idx`` in float32).
"""
import math

import numpy as np

import autograd
from autograd.function import Op

from .activation import softmax
from .pooling import adaptive_avg_pool1d, adaptive_avg_pool2d, adaptive_avg_pool3d

__all__ = ["interpolate", "upsample", "upsample_nearest", "upsample_bilinear", "pixel_shuffle", "pixel_unshuffle",
           "channel_shuffle", "gumbel_softmax"]

_MODES_DIMS = {"linear": 1, "bilinear": 2, "bicubic": 2, "trilinear": 3}


def _output_size(input, size, scale_factor, n):
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    if size is not None:
        sizes = [int(size)] * n if isinstance(size, (int, np.integer)) else [int(s) for s in size]
        if len(sizes) != n:
            raise ValueError(f"Input and output must have the same number of spatial dimensions, but got input with "
                             f"spatial dimensions of {list(input.shape[2:])} and output size of {sizes}. Please provide "
                             f"input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.")
        return sizes, [None] * n
    if scale_factor is None:
        raise ValueError("either size or scale_factor should be defined")
    scales = [float(scale_factor)] * n if not isinstance(scale_factor, (tuple, list)) else [float(s) for s in scale_factor]
    if len(scales) != n:
        raise ValueError(f"Input and scale_factor must have the same number of spatial dimensions, but got input with "
                         f"spatial dimensions of {list(input.shape[2:])} and scale_factor of shape {scales}.")
    return [int(math.floor(float(s_in) * s)) for s_in, s in zip(input.shape[2:], scales)], scales


def _scale(in_size, out_size, align_corners, scale, ft):
    """PyTorch's area_pixel_compute_scale in the op's math type ``ft`` (float32, or float64 for doubles)."""
    if align_corners:
        return ft((in_size - 1) / (out_size - 1)) if out_size > 1 else ft(0)
    return ft(1.0 / scale) if scale is not None and scale > 0 else ft(in_size / out_size)


def _math_type(x):
    return np.float64 if x._data.dtype == np.float64 else np.float32


def _nearest_index(in_size, out_size, scale, exact):
    idx = np.arange(out_size, dtype=np.float32)
    s = np.float32(1.0 / scale) if scale is not None and scale > 0 else np.float32(in_size / out_size)
    if exact:
        src = np.floor((idx + np.float32(0.5)) * s)
    elif out_size == 2 * in_size and scale is None:
        return np.arange(out_size) >> 1
    else:
        src = np.floor(idx * s)
    return np.minimum(src.astype(np.int64), in_size - 1)


def _select(x, dim, index):
    return x.index_select(dim, autograd.from_numpy(np.ascontiguousarray(index, dtype=np.int64)))


def _weights(w, dim, ndim, dtype):
    shape = [1] * ndim
    shape[dim] = -1
    return autograd.from_numpy(np.asarray(w, dtype=dtype).reshape(shape))


def _linear_along(x, dim, out_size, align_corners, scale):
    in_size = x.shape[dim]
    ft = _math_type(x)
    s = _scale(in_size, out_size, align_corners, scale, ft)
    idx = np.arange(out_size, dtype=ft)
    src = s * idx if align_corners else np.maximum(s * (idx + ft(0.5)) - ft(0.5), ft(0))
    i0 = np.minimum(src.astype(np.int64), in_size - 1)
    i1 = np.minimum(i0 + 1, in_size - 1)
    l1 = (src - i0).astype(ft)
    dt = x._data.dtype
    return (_select(x, dim, i0) * _weights(1 - l1, dim, x.ndim, dt) + _select(x, dim, i1) * _weights(l1, dim, x.ndim, dt))


def _cubic_coeffs(t, A=-0.75):
    def c1(v):
        return ((A + 2) * v - (A + 3)) * v * v + 1

    def c2(v):
        return ((A * v - 5 * A) * v + 8 * A) * v - 4 * A
    return [c2(t + 1), c1(t), c1(1 - t), c2(2 - t)]


def _cubic_along(x, dim, out_size, align_corners, scale):
    in_size = x.shape[dim]
    ft = _math_type(x)
    s = _scale(in_size, out_size, align_corners, scale, ft)
    idx = np.arange(out_size, dtype=ft)
    src = s * idx if align_corners else s * (idx + ft(0.5)) - ft(0.5)
    i = np.floor(src).astype(np.int64)
    t = (src - i).astype(ft)
    dt = x._data.dtype
    out = None
    for k, w in enumerate(_cubic_coeffs(t)):
        term = _select(x, dim, np.clip(i - 1 + k, 0, in_size - 1)) * _weights(w, dim, x.ndim, dt)
        out = term if out is None else out + term
    return out


def _check_integer_mode(input, mode, n):
    """torch's CPU kernels take integers only as uint8, and only for the nearest modes and 2-d bilinear/bicubic."""
    nearest = mode in ("nearest", "nearest-exact")
    if input.dtype.name != "uint8" or not (nearest or (n == 2 and mode in ("bilinear", "bicubic"))):
        kernel = ("upsample_nearest2d_channels_last" if nearest and n == 2 else "compute_indices_weights_nearest"
                  if nearest else "upsample_bilinear2d_channels_last" if mode == "bilinear"
                  else "compute_indices_weights_cubic" if mode == "bicubic" else "compute_indices_weights_linear")
        raise NotImplementedError(f'"{kernel}" not implemented for \'{autograd._dtype.type_name(input.dtype)}\'')


def interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None,
                recompute_scale_factor=None, antialias=False):
    n = input.ndim - 2
    if n < 1:
        raise ValueError(f"Input Error: Only 3D, 4D and 5D input Tensors supported (got {input.ndim}D) for the modes: "
                         "nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got {mode})")
    if mode in ("nearest", "area", "nearest-exact") and align_corners is not None:
        raise ValueError("align_corners option can only be set with the interpolating modes: linear | bilinear | "
                         "bicubic | trilinear")
    if mode in _MODES_DIMS and _MODES_DIMS[mode] != n:
        raise NotImplementedError(f"Got {input.ndim}D input, but {mode} mode needs {_MODES_DIMS[mode] + 2}D input")
    sizes, scales = _output_size(input, size, scale_factor, n)
    if recompute_scale_factor:
        scales = [None] * n
    if not input.is_floating_point() and mode != "area":
        _check_integer_mode(input, mode, n)
        if mode == "bilinear":  # uint8 images: computed in float, rounded back (torch: fixed point, within 1)
            y = interpolate(input.float(), size, scale_factor, mode, align_corners, recompute_scale_factor, antialias)
            return y.round().clamp(0, 255).to(input.dtype)
        if mode == "bicubic":  # torch's uint8 kernel: width pass, rounded to uint8, then height pass
            y = input.float()
            for dim in (3, 2):
                y = _cubic_along(y, dim, sizes[dim - 2], bool(align_corners), scales[dim - 2]).round().clamp(0, 255)
            return y.to(input.dtype)
    if mode == "area":
        return (adaptive_avg_pool1d, adaptive_avg_pool2d, adaptive_avg_pool3d)[n - 1](input, sizes)
    x = input
    for k in range(n):
        dim = 2 + k
        if mode in ("nearest", "nearest-exact"):
            if sizes[k] != x.shape[dim] or scales[k] not in (None, 1.0):
                x = _select(x, dim, _nearest_index(x.shape[dim], sizes[k], scales[k], mode == "nearest-exact"))
        elif mode in ("linear", "bilinear", "trilinear"):
            x = _linear_along(x, dim, sizes[k], bool(align_corners), scales[k])
        elif mode == "bicubic":
            x = _cubic_along(x, dim, sizes[k], bool(align_corners), scales[k])
        else:
            raise NotImplementedError(f"Input Error: Only 3D, 4D and 5D input Tensors supported (got {input.ndim}D) "
                                      f"for the modes: nearest | linear | bilinear | bicubic | trilinear | area | "
                                      f"nearest-exact (got {mode})")
    return x if x is not input else input.clone()


def upsample(input, size=None, scale_factor=None, mode="nearest", align_corners=None):
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample_nearest(input, size=None, scale_factor=None):
    return interpolate(input, size, scale_factor, mode="nearest")


def upsample_bilinear(input, size=None, scale_factor=None):
    return interpolate(input, size, scale_factor, mode="bilinear", align_corners=True)


def pixel_shuffle(input, upscale_factor):
    r = int(upscale_factor)
    if input.ndim < 3:
        raise RuntimeError(f"pixel_shuffle expects input to have at least 3 dimensions, but got input with "
                           f"{input.ndim} dimension(s)")
    *lead, c, h, w = input.shape
    if c % (r * r):
        raise RuntimeError(f"pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of "
                           f"upscale_factor, but input.size(-3)={c} is not divisible by {r * r}")
    oc = c // (r * r)
    nl = len(lead)
    x = input.reshape(*lead, oc, r, r, h, w)
    x = x.permute(*range(nl), nl, nl + 3, nl + 1, nl + 4, nl + 2)
    return x.reshape(*lead, oc, h * r, w * r)


def pixel_unshuffle(input, downscale_factor):
    r = int(downscale_factor)
    if input.ndim < 3:
        raise RuntimeError(f"pixel_unshuffle expects input to have at least 3 dimensions, but got input with "
                           f"{input.ndim} dimension(s)")
    *lead, c, h, w = input.shape
    for name, size, d in (("height", h, -2), ("width", w, -1)):
        if size % r:
            raise RuntimeError(f"pixel_unshuffle expects {name} to be divisible by downscale_factor, but "
                               f"input.size({d})={size} is not divisible by {r}")
    nl = len(lead)
    x = input.reshape(*lead, c, h // r, r, w // r, r)
    x = x.permute(*range(nl), nl, nl + 2, nl + 4, nl + 1, nl + 3)
    return x.reshape(*lead, c * r * r, h // r, w // r)


def _shuffle_array(a, groups):
    n, c = a.shape[0], a.shape[1]
    return np.ascontiguousarray(a.reshape(n, groups, c // groups, *a.shape[2:]).swapaxes(1, 2)).reshape(a.shape)


class _ChannelShuffle(Op):
    """(N, g, C/g, *) -> (N, C/g, g, *) as one node; the gradient is the inverse shuffle (C/g groups)."""

    node_name = "ChannelShuffleBackward0"

    @staticmethod
    def forward(ctx, x, groups):
        ctx.groups = groups
        return _shuffle_array(x._data, groups)

    @staticmethod
    def backward(ctx, g):
        return _ChannelShuffle.apply(g, g.shape[1] // ctx.groups), None


def channel_shuffle(input, groups):
    """Interleave the channels of ``groups`` groups (ShuffleNet): (N, C, *) with C divisible by ``groups``."""
    if input.dim() <= 2:
        raise RuntimeError(f"channel_shuffle expects input with > 2 dims, but got input with sizes {list(input.shape)}")
    groups = int(groups)
    if groups <= 0:
        raise RuntimeError(f"Number of groups to divide channels in must be positive. Value of groups:{groups}")
    c = input.shape[1]
    if c % groups:
        raise RuntimeError(f"Number of channels must be divisible by groups. Got {c} channels and {groups} groups.")
    return _ChannelShuffle.apply(input, groups)


def gumbel_softmax(logits, tau=1.0, hard=False, eps=1e-10, dim=-1):
    """softmax((logits + Gumbel noise) / tau); ``hard``: one-hot forward, soft gradient (straight-through)."""
    gumbels = -autograd.empty_like(logits).exponential_().log()
    y_soft = softmax((logits + gumbels) / tau, dim)
    if not hard:
        return y_soft
    index = y_soft.max(dim, keepdim=True)[1]
    y_hard = autograd.zeros_like(logits).scatter_(dim, index, 1.0)
    return y_hard - y_soft.detach() + y_soft
