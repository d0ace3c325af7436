"""Joining and splitting: cat/stack (+ h/v/dstack) and split/chunk/unbind/tensor_split.

split/chunk/unbind are one multi-output node each (``SplitBackward0``...) whose outputs are views
of the input; their backward joins the output gradients again (missing ones count as zeros).
"""
import functools

import numpy as np

from .. import _dtype
from ..function import Op
from ..tensor import Tensor, register_method
from ._util import wrap_dim
from .views import as_view


def _promote(tensors):
    return functools.reduce(_dtype.promote_types, [t.dtype for t in tensors]).np


def _tensor_list(tensors, op, nonempty=False):
    if isinstance(tensors, Tensor):
        raise TypeError(f"{op}(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor")
    tensors = list(tensors)
    if nonempty and not tensors:
        raise RuntimeError(f"{op} expects a non-empty TensorList")
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got {type(t).__name__}")
    return tensors


class Cat(Op):
    @staticmethod
    def forward(ctx, dim, *tensors):
        dt = _promote(tensors)
        used = [t._data.shape != (0,) or all(u._data.shape == (0,) for u in tensors) for t in tensors]
        ctx.dim, ctx.used = dim, used
        ctx.sizes = [t._data.shape[dim] if u else 0 for t, u in zip(tensors, used)]
        arrays = [t._data if t._data.dtype == dt else t._data.astype(dt) for t, u in zip(tensors, used) if u]
        return np.concatenate(arrays, axis=dim)

    @staticmethod
    def backward(ctx, g):
        grads, off = [None], 0
        for n, u, need in zip(ctx.sizes, ctx.used, ctx.needs_input_grad[1:]):
            if not need:
                grads.append(None)
            else:
                grads.append(g.narrow(ctx.dim, off, n) if u else Tensor._make(np.zeros((0,), g._data.dtype)))
            off += n
        return tuple(grads)


def cat(tensors, dim=0, *, out=None):
    tensors = _tensor_list(tensors, "cat")
    if not tensors:
        raise ValueError("autograd.cat(): expected a non-empty list of Tensors")
    used = [t for t in tensors if t._data.shape != (0,)] or tensors[:1]
    ref = used[0]
    nd = ref._data.ndim
    if nd == 0:
        raise RuntimeError("zero-dimensional tensor (at position 0) cannot be concatenated")
    d = wrap_dim(dim, nd, "cat")
    for i, t in enumerate(tensors):
        if t._data.shape == (0,) and nd != 1:
            continue
        if t._data.ndim == 0:
            raise RuntimeError(f"zero-dimensional tensor (at position {i}) cannot be concatenated")
        if t._data.ndim != nd:
            raise RuntimeError(f"Tensors must have same number of dimensions: got {nd} and {t._data.ndim}")
        for k in range(nd):
            if k != d and t._data.shape[k] != ref._data.shape[k]:
                raise RuntimeError(f"Sizes of tensors must match except in dimension {d}. Expected size "
                                   f"{ref._data.shape[k]} but got size {t._data.shape[k]} for tensor number {i} "
                                   "in the list.")
    if out is None:
        return Cat.apply(d, *tensors)
    for t in tensors:
        if t is out or np.shares_memory(t._data, out._data):
            raise RuntimeError("unsupported operation: some elements of the input tensor and the written-to tensor "
                               "refer to a single memory location. Please clone() the tensor before performing the "
                               "operation.")
    from .._extras import _write_out
    return _write_out("cat", Cat.apply(d, *tensors), out)


concat = concatenate = cat


class Stack(Op):
    @staticmethod
    def forward(ctx, dim, *tensors):
        dt = _promote(tensors)
        ctx.dim = dim
        return np.stack([t._data if t._data.dtype == dt else t._data.astype(dt) for t in tensors], axis=dim)

    @staticmethod
    def backward(ctx, g):
        return (None,) + tuple(g.select(ctx.dim, i) if need else None
                               for i, need in enumerate(ctx.needs_input_grad[1:]))


def stack(tensors, dim=0, *, out=None):
    tensors = _tensor_list(tensors, "stack")
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    shape = tensors[0]._data.shape
    for i, t in enumerate(tensors[1:], 1):
        if t._data.shape != shape:
            raise RuntimeError(f"stack expects each tensor to be equal size, but got {list(shape)} at entry 0 and "
                               f"{list(t._data.shape)} at entry {i}")
    d = wrap_dim(dim, len(shape) + 1, "stack")
    res = Stack.apply(d, *tensors)
    if out is not None:
        out.copy_(res) if out.shape == res.shape else out.set_(res)
        return out
    return res


def hstack(tensors):
    from .shape import atleast_1d
    tensors = atleast_1d(*_tensor_list(tensors, "hstack", nonempty=True))
    tensors = tensors if isinstance(tensors, tuple) else (tensors,)
    return cat(tensors, 0 if tensors[0]._data.ndim == 1 else 1)


def vstack(tensors):
    from .shape import atleast_2d
    tensors = atleast_2d(*_tensor_list(tensors, "vstack", nonempty=True))
    return cat(tensors if isinstance(tensors, tuple) else (tensors,), 0)


def dstack(tensors):
    from .shape import atleast_3d
    tensors = atleast_3d(*_tensor_list(tensors, "dstack", nonempty=True))
    return cat(tensors if isinstance(tensors, tuple) else (tensors,), 2)


row_stack = vstack


def column_stack(tensors):
    tensors = _tensor_list(tensors, "column_stack", nonempty=True)
    cols = [t.reshape(-1, 1) if t._data.ndim <= 1 else t for t in tensors]
    return cat(cols, 1)


# ---- splitting into views -------------------------------------------------------------------------
class Split(Op):
    @staticmethod
    def forward(ctx, a, dim, sizes):
        ctx.dim = dim
        arr = a._data
        out, off = [], 0
        for n in sizes:
            out.append(arr[(slice(None),) * dim + (slice(off, off + n),)])
            off += n
        return tuple(out)

    @staticmethod
    def backward(ctx, *grads):
        return cat(grads, ctx.dim), None, None


class SplitWithSizes(Split):
    pass


class Unbind(Op):
    @staticmethod
    def forward(ctx, a, dim):
        ctx.dim = dim
        arr = a._data
        return tuple(arr[(slice(None),) * dim + (i, Ellipsis)] for i in range(arr.shape[dim]))

    @staticmethod
    def backward(ctx, *grads):
        return stack(grads, ctx.dim), None


def _views(outs, input):
    return tuple(as_view(o, input, multi_output=True) for o in outs)


def split(tensor, split_size_or_sections, dim=0):
    nd = tensor._data.ndim
    if nd == 0:
        raise RuntimeError("split expects at least a 1-dimensional tensor")
    d = wrap_dim(dim, nd, "split")
    n = tensor._data.shape[d]
    if isinstance(split_size_or_sections, (int, np.integer)):
        size = int(split_size_or_sections)
        if size < 0:
            raise RuntimeError(f"split expects split_size be non-negative, but got split_size={size}")
        if size == 0 and n != 0:
            raise RuntimeError(f"split_size can only be 0 if dimension size is 0, but got dimension size of {n}")
        k = max((n + size - 1) // size, 1) if size else 1
        sizes = [size] * (k - 1) + [n - size * (k - 1)]
        return _views(Split.apply(tensor, d, tuple(sizes)), tensor)
    sizes = [int(s) for s in split_size_or_sections]
    if sum(sizes) != n or any(s < 0 for s in sizes):
        raise RuntimeError(f"split_with_sizes expects split_sizes to sum exactly to {n} (input tensor's size at "
                           f"dimension {d}), but got split_sizes={sizes}")
    return _views(SplitWithSizes.apply(tensor, d, tuple(sizes)), tensor)


def chunk(input, chunks, dim=0):
    if input._data.ndim == 0:
        raise RuntimeError("chunk expects at least a 1-dimensional tensor")
    if chunks <= 0:
        raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
    d = wrap_dim(dim, input._data.ndim, "chunk")
    n = input._data.shape[d]
    size = (n + chunks - 1) // chunks
    if size == 0:
        return _views(SplitWithSizes.apply(input, d, (0,) * chunks), input)
    return split(input, size, d)


def unbind(input, dim=0):
    if input._data.ndim == 0:
        raise IndexError("Dimension specified as 0 but tensor has no dimensions")
    d = wrap_dim(dim, input._data.ndim, "unbind")
    return _views(Unbind.apply(input, d), input)


def tensor_split(input, indices_or_sections, dim=0):
    nd = input._data.ndim
    if nd == 0:
        raise RuntimeError("tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims")
    d = wrap_dim(dim, nd, "tensor_split")
    n = input._data.shape[d]
    if isinstance(indices_or_sections, Tensor):
        indices_or_sections = indices_or_sections.tolist()
    if isinstance(indices_or_sections, (int, np.integer)):
        k = int(indices_or_sections)
        if k <= 0:
            raise RuntimeError(f"number of sections must be larger than 0, got {k}")
        bounds, off = [], 0
        for i in range(k):
            off += n // k + (1 if i < n % k else 0)
            bounds.append(off)
        bounds = bounds[:-1]
    else:
        bounds = [int(i) for i in indices_or_sections]
    out, start = [], 0
    for b in bounds + [n]:
        s, e = min(max(start, 0), n), min(max(b, start, 0), n)
        out.append(input.narrow(d, s, max(e - s, 0)))
        start = b
    return tuple(out)


def _method_split(self, split_size, dim=0):
    return split(self, split_size, dim)


for _name, _fn in dict(split=_method_split, chunk=chunk, unbind=unbind, tensor_split=tensor_split).items():
    register_method(_name)(_fn)
