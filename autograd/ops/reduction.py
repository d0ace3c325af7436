"""Reductions over an int or tuple of dims with keepdim; one dims/keepdim mechanism serves all."""
import numpy as np

from .. import _dtype
from .. import kernels as K
from ..function import Op
from ..tensor import register_method
from ._util import kept_shape, normalize_dims


def expand_reduced(g, shape, dims, keepdim):
    """Broadcast a reduction's gradient back over the reduced dims (differentiable)."""
    if not keepdim and dims:
        g = g.reshape(kept_shape(shape, dims))
    return g.expand(shape)


class Sum(Op):
    node_name = "SumBackward1"

    @staticmethod
    def forward(ctx, a, dims, keepdim, dtype):
        ctx.shape, ctx.dims, ctx.keepdim = a._data.shape, dims, keepdim
        arr = a._data
        if dtype is not None:
            arr = arr.astype(dtype.np)
        elif arr.dtype.kind in "bi" or arr.dtype.kind == "u":
            arr = arr.astype(np.int64)
        return np.asarray(K.sum(arr, axis=dims, keepdims=keepdim))

    @staticmethod
    def backward(ctx, g):
        return expand_reduced(g, ctx.shape, ctx.dims, ctx.keepdim), None, None, None


class SumAll(Sum):
    node_name = "SumBackward0"


class Mean(Op):
    node_name = "MeanBackward1"

    @staticmethod
    def forward(ctx, a, dims, keepdim, dtype):
        arr = a._data
        if dtype is not None:
            arr = arr.astype(dtype.np)
        if arr.dtype.kind != "f":
            raise RuntimeError(f"mean(): could not infer output dtype. Input dtype must be either a floating "
                               f"point or complex dtype. Got: {_dtype.from_numpy_dtype(arr.dtype).name.capitalize()}")
        ctx.shape, ctx.dims, ctx.keepdim = arr.shape, dims, keepdim
        n = 1
        for d in dims:
            n *= arr.shape[d]
        ctx.n = n
        return np.asarray(np.mean(arr, axis=dims, keepdims=keepdim), dtype=arr.dtype)

    @staticmethod
    def backward(ctx, g):
        return expand_reduced(g / ctx.n, ctx.shape, ctx.dims, ctx.keepdim), None, None, None


class MeanAll(Mean):
    node_name = "MeanBackward0"


def _dtype_arg(dtype):
    return None if dtype is None else _dtype.to_dtype(dtype)


def sum(input, dim=None, keepdim=False, *, dtype=None):
    dims = normalize_dims(dim, input._data.ndim, "sum")
    if dim is None or (isinstance(dim, (tuple, list)) and len(dim) == 0):
        return SumAll.apply(input, tuple(range(input._data.ndim)), False, _dtype_arg(dtype))
    return Sum.apply(input, dims, keepdim, _dtype_arg(dtype))


def mean(input, dim=None, keepdim=False, *, dtype=None):
    dims = normalize_dims(dim, input._data.ndim, "mean")
    if dim is None or (isinstance(dim, (tuple, list)) and len(dim) == 0):
        return MeanAll.apply(input, tuple(range(input._data.ndim)), False, _dtype_arg(dtype))
    return Mean.apply(input, dims, keepdim, _dtype_arg(dtype))


def _method_sum(self, dim=None, keepdim=False, *, dtype=None, axis=None):
    return sum(self, dim if axis is None else axis, keepdim, dtype=dtype)


def _method_mean(self, dim=None, keepdim=False, *, dtype=None, axis=None):
    return mean(self, dim if axis is None else axis, keepdim, dtype=dtype)


register_method("sum")(_method_sum)
register_method("mean")(_method_mean)
