"""``pad`` (torch.nn.functional.pad): constant, reflect, replicate and circular padding.

Constant padding is a crop-and-place (its adjoint is the same op with negated pads). The other
modes are one gather: for every padded dim, an index map says which input index each output
position reads (clamped or mirrored; circular wraps around the cropped input); the backward sums
the gradient back through the same index maps.
"""
import numpy as np

from ..function import Op
from ..tensor import Tensor

_MODES = ("reflect", "replicate", "circular")
_SUPPORTED = ("Supported combinations for non-constant padding:\n"
              "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
              "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
              "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)")


def _pairs(pad, ndim):
    """(dim, left, right) for each padded dim; ``pad`` lists the last dim first, as in PyTorch."""
    return [(ndim - 1 - i, pad[2 * i], pad[2 * i + 1]) for i in range(len(pad) // 2)]


class ConstantPad(Op):
    node_name = "ConstantPadNdBackward0"

    @staticmethod
    def forward(ctx, a, pad, value):
        arr = a._data
        ctx.pad = pad
        shape = list(arr.shape)
        src = [slice(None)] * arr.ndim
        dst = [slice(None)] * arr.ndim
        for d, left, right in _pairs(pad, arr.ndim):
            n = arr.shape[d]
            lo, hi = max(-left, 0), n - max(-right, 0)
            shape[d] = n + left + right
            src[d] = slice(lo, max(hi, lo))
            dst[d] = slice(max(left, 0), max(left, 0) + max(hi - lo, 0))
        out = np.full(shape, value, dtype=arr.dtype)
        out[tuple(dst)] = arr[tuple(src)]
        return out

    @staticmethod
    def backward(ctx, g):
        return ConstantPad.apply(g, tuple(-p for p in ctx.pad), 0), None, None


class IndexPad(Op):
    """Gather along the last k dims through per-dim index maps (reflect/replicate/circular)."""

    @staticmethod
    def forward(ctx, a, maps):
        ctx.maps, ctx.in_shape = maps, a._data.shape
        return a._data[(Ellipsis,) + np.ix_(*maps)]

    @staticmethod
    def backward(ctx, g):
        return IndexPadBackward.apply(g, ctx.maps, ctx.in_shape), None


class IndexPadBackward(Op):
    @staticmethod
    def forward(ctx, g, maps, shape):
        ctx.maps = maps
        out = np.zeros(shape, dtype=g._data.dtype)
        np.add.at(out, (Ellipsis,) + np.ix_(*maps), g._data)
        return out

    @staticmethod
    def backward(ctx, gg):
        return IndexPad.apply(gg, ctx.maps), None, None


def _index_pad_class(mode, k):
    name = {"reflect": f"ReflectionPad{k}DBackward0", "replicate": f"ReplicationPad{k}DBackward0",
            "circular": "CopySlices"}[mode]
    cls = _CLASSES.get(name)
    if cls is None:
        cls = _CLASSES[name] = type(name.replace("Backward0", ""), (IndexPad,), {"node_name": name})
    return cls


_CLASSES = {}


def _check_padded_size(shape, pad, k, mode):
    """torch's output-size checks of reflect/replicate padding (negative pads crop): some padded dim must keep a
    positive size, and none may turn negative (in torch's words, odd spacing included)."""
    out = list(shape)
    for d, left, right in _pairs(pad, len(shape)):
        out[d] = shape[d] + left + right
    if all(o < 1 for o in out[-k:]):
        i, o = shape[-k:], out[-k:]
        sep = ("W: ", "H: {}, W: ", "D: {} H: {}, W: ")[k - 1].format(*i[:-1])
        dims = f"{sep}{i[-1]}{' ' if k == 2 and mode == 'replicate' else ''})"
        raise RuntimeError(f"input ({dims} is too small. Calculated output "
                           + " ".join(f"{n}: {v}" for n, v in zip("DHW"[3 - k:], o)))
    neg = [s for s in out if s < 0]
    if neg:
        raise RuntimeError(f"Trying to create tensor with negative dimension {neg[0]}: {out}")


def pad(input, pad, mode="constant", value=None):
    """Pad the last ``len(pad) // 2`` dims of ``input``: ``pad = (left_last, right_last, left_2nd_last, ...)``."""
    pad = tuple(int(p) for p in pad)
    nd = input._data.ndim
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pad) // 2 > nd:
        raise RuntimeError(f"Padding length should be less than or equal to two times the input dimension but got "
                           f"padding length {len(pad)} and input of dimension {nd}")
    if mode == "constant":
        v = 0 if value is None else (value.item() if isinstance(value, Tensor) else value)
        for d, left, right in _pairs(pad, nd):
            if input._data.shape[d] + left + right < 0:
                raise RuntimeError("narrow(): length must be non-negative.")
        return ConstantPad.apply(input, pad, v)
    if mode not in _MODES:
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    if value is not None:
        raise RuntimeError(f'Padding mode "{mode}" doesn\'t take in value argument')
    k = len(pad) // 2
    if k not in (1, 2, 3) or nd not in (k + 1, k + 2):
        raise NotImplementedError(f"Padding size {len(pad)} is not supported for {nd}D input tensor.\n{_SUPPORTED}")
    shape = input._data.shape
    if mode != "circular" and 0 in (shape[1:] if nd == k + 2 else shape):
        raise RuntimeError(f"Expected {k + 1}D or {k + 2}D (batch mode) tensor with possibly 0 batch size and "
                           f"other non-zero dimensions for input, but got: {list(shape)}")
    if mode == "circular" and any(shape[d] + left + right < 0 for d, left, right in _pairs(pad, nd)):
        raise RuntimeError("Negative padding value is resulting in an empty dimension")
    maps = []
    for d, left, right in reversed(_pairs(pad, nd)):
        n = shape[d]
        if mode == "reflect" and (left >= n or right >= n):
            raise RuntimeError(f"Argument #{2 * k + 2}: Padding size should be less than the corresponding input "
                               f"dimension, but got: padding ({left}, {right}) at dimension {d} of input {list(shape)}")
        if mode == "circular":
            if left > n or right > n:
                raise RuntimeError("Padding value causes wrapping around more than once.")
            idx = np.arange(n)[max(-left, 0):n - max(-right, 0)]  # wraps around the cropped input
            maps.append(np.pad(idx, (max(left, 0), max(right, 0)), mode="wrap"))
            continue
        _check_padded_size(shape, pad, k, mode)
        src = np.arange(n + left + right) - left  # output j reads input j - left, mirrored or clamped into range
        if mode == "reflect":
            src = np.abs(src)
            src = np.where(src > n - 1, 2 * (n - 1) - src, src)
        maps.append(np.clip(src, 0, n - 1))
    return _index_pad_class(mode, k).apply(input, tuple(maps))
