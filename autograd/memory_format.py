"""Memory formats (``torch.contiguous_format``, ``preserve_format``, ``channels_last``, ``channels_last_3d``)
and the element layout each asks of a copy: ``clone``/``contiguous``/``to`` lay their NumPy result out so
that ``stride()`` reads as PyTorch's."""
import numpy as np

from ._named import NamedConstant


class memory_format(NamedConstant):
    __module__ = "autograd"


contiguous_format = memory_format("contiguous_format")
preserve_format = memory_format("preserve_format")
channels_last = memory_format("channels_last")
channels_last_3d = memory_format("channels_last_3d")

_LAST = {channels_last: (4, "channels_last"), channels_last_3d: (5, "channels_last_3d")}


def _dense_non_overlapping(arr):
    dims = sorted((s, n) for s, n in zip(arr.strides, arr.shape) if n != 1)
    expect = arr.itemsize
    for s, n in dims:
        if s != expect:
            return False
        expect *= n
    return True


def _channels_last_perm(nd):
    return (0,) + tuple(range(2, nd)) + (1,)


def has_format(arr, fmt):
    """Whether ``arr`` is already laid out as ``fmt`` asks (so ``contiguous(fmt)`` returns self)."""
    if fmt in _LAST:
        if arr.ndim != _LAST[fmt][0]:
            return False
        return arr.transpose(_channels_last_perm(arr.ndim)).flags.c_contiguous
    return arr.flags.c_contiguous


def copy_as(arr, fmt=None):
    """A copy of ``arr`` laid out per ``fmt`` (None: preserve_format, as ``clone``)."""
    if fmt is None or fmt is preserve_format:
        return np.array(arr, order="K" if _dense_non_overlapping(arr) else "C", copy=True)
    if fmt in _LAST:
        rank, name = _LAST[fmt]
        if arr.ndim != rank:
            raise RuntimeError(f"required rank {rank} tensor to use {name} format")
        perm = _channels_last_perm(rank)
        return np.ascontiguousarray(arr.transpose(perm)).transpose(np.argsort(perm))
    if fmt is contiguous_format:
        return np.array(arr, order="C", copy=True)
    raise TypeError(f"memory_format must be a memory_format, not {type(fmt).__name__}")
