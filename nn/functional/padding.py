"""F.pad: constant padding (negative pads crop) and reflect/replicate/circular padding of the last dims.

Constant padding is its own adjoint up to sign: the gradient of padding by ``p`` is padding by ``-p``.
The other modes are gathers with one index vector per padded dim, so indexing's scatter-add backward
serves them.
"""
import numpy as np

from autograd.function import Op

__all__ = ["pad"]


def _pairs(pad, ndim):
    """torch's pad list (last dim first) -> ``{dim: (lo, hi)}``."""
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pad) // 2 > ndim:
        raise RuntimeError(f"Padding length should be less than or equal to two times the input dimension but got "
                           f"padding length {len(pad)} and input of dimension {ndim}")
    return {ndim - 1 - i: (int(pad[2 * i]), int(pad[2 * i + 1])) for i in range(len(pad) // 2)}


class ConstantPadNd(Op):
    @staticmethod
    def forward(ctx, x, pairs, value):
        arr = x._data
        ctx.pairs = pairs
        shape = list(arr.shape)
        src, dst = [slice(None)] * arr.ndim, [slice(None)] * arr.ndim
        for d, (lo, hi) in pairs.items():
            s = arr.shape[d]
            n = s + lo + hi
            if n < 0:
                raise RuntimeError(f"The input size {s}, plus negative padding {lo} and {hi} resulted in a negative "
                                   f"output size, which is invalid. Check dimension {d} of your input.")
            shape[d] = n
            a, b = max(-lo, 0), s - max(-hi, 0)
            src[d] = slice(a, max(b, a))
            dst[d] = slice(max(lo, 0), max(lo, 0) + max(b - a, 0))
        out = np.full(shape, value, dtype=arr.dtype)
        out[tuple(dst)] = arr[tuple(src)]
        return out

    @staticmethod
    def backward(ctx, g):
        neg = {d: (-lo, -hi) for d, (lo, hi) in ctx.pairs.items()}
        return ConstantPadNd.apply(g, neg, 0), None, None


def _source_index(size, lo, hi, mode, d, shape):
    j = np.arange(-lo, size + hi)
    if mode == "reflect":
        if lo >= size or hi >= size:
            raise RuntimeError(f"Argument #4: Padding size should be less than the corresponding input dimension, "
                               f"but got: padding ({lo}, {hi}) at dimension {d} of input {list(shape)}")
        j = np.abs(j)
        return np.where(j >= size, 2 * (size - 1) - j, j)
    if mode == "replicate":
        if size == 0:
            raise RuntimeError(f"input tensor must not be empty at dimension {d} for padding mode 'replicate'")
        return np.clip(j, 0, size - 1)
    if lo > size or hi > size:
        raise RuntimeError("Padding value causes wrapping around more than once.")
    return j % size


def pad(input, pad, mode="constant", value=None):
    """Pad the last ``len(pad)//2`` dims (``pad`` = (last_lo, last_hi, prev_lo, prev_hi, ...)), like torch."""
    ndim = input.dim()
    pairs = _pairs(pad, ndim)
    if mode == "constant":
        return ConstantPadNd.apply(input, pairs, 0.0 if value is None else value)
    if mode not in ("reflect", "replicate", "circular"):
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    if value is not None and value != 0:
        raise RuntimeError(f'Padding mode "{mode}" doesn\'t take in value argument')
    k = len(pairs)
    if k > 3 or ndim not in (k + 1, k + 2):
        raise NotImplementedError(
            f"Padding size {len(pad)} is not supported for {ndim}D input tensor.\n"
            "Supported combinations for non-constant padding:\n"
            "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
            "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
            "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)")
    dims = sorted(pairs)
    idx = [_source_index(input.shape[d], *pairs[d], mode, d, input.shape) for d in dims]
    key = (Ellipsis,) + tuple(ix.reshape((-1,) + (1,) * (k - 1 - i)) for i, ix in enumerate(idx))
    return input[key]
