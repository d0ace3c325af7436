"""Reductions over an int or tuple of dims with keepdim; one dims/keepdim mechanism serves all.

``reduce_dims`` turns a PyTorch ``dim`` argument into sorted dims, ``expand_reduced`` broadcasts a
gradient back over them. Every backward is written in Tensor ops, so it differentiates again.
"""
import builtins
import math
import warnings

import numpy as np

from .. import _dtype
from .. import kernels as K
from .. import return_types
from ..function import Op
from ..tensor import Tensor, register_method
from ._util import kept_shape, normalize_dims, wrap_dim
from .pointwise import maximum, minimum, where


def reduce_dims(input, dim, op):
    """Sorted non-negative dims to reduce: None or () means all of them (IndexError when out of range)."""
    nd = input._data.ndim
    if dim is None or (isinstance(dim, (tuple, list)) and len(dim) == 0):
        return tuple(range(nd))
    return normalize_dims(dim, nd, op)


def expand_reduced(g, shape, dims, keepdim):
    """Broadcast a reduction's gradient back over the reduced dims (differentiable)."""
    if not keepdim and dims:
        g = g.reshape(kept_shape(shape, dims))
    return g if g._data.shape == shape else g.expand(shape)


def _count(shape, dims):
    n = 1
    for d in dims:
        n *= shape[d]
    return n


def _wide(arr):
    """float16 reductions accumulate in float32 (PyTorch's CPU kernels); the caller casts back."""
    return arr.astype(np.float32) if arr.dtype == np.float16 else arr


def _accumulate_dtype(arr, dtype, scan=None):
    """Input array cast for sum/prod/cumsum: the requested dtype, else integers accumulate in int64."""
    if scan and dtype is not None and _dtype.to_dtype(dtype) is _dtype.bool_:
        raise NotImplementedError(f"\"{scan}_out_cpu\" not implemented for 'Bool'")
    if dtype is not None:
        return arr.astype(_dtype.to_dtype(dtype).np, copy=False)
    if arr.dtype.kind in "biu":
        return arr.astype(np.int64)
    return arr


def _require_float(arr, message):
    if arr.dtype.kind != "f":
        raise RuntimeError(message.format(_dtype.type_name(_dtype.from_numpy_dtype(arr.dtype))))


class _Reduction(Op):
    """Shared forward bookkeeping: the input shape, reduced dims and keepdim, for ``expand_reduced``."""

    @staticmethod
    def _remember(ctx, a, dims, keepdim):
        ctx.shape, ctx.dims, ctx.keepdim = a._data.shape, dims, keepdim

    @staticmethod
    def _expand(ctx, g):
        return expand_reduced(g, ctx.shape, ctx.dims, ctx.keepdim)

    @staticmethod
    def _expand_array(ctx, g):
        if g.size == 1:  # cheaper than a broadcast view: np.broadcast_to is Python-level
            out = np.empty(ctx.shape, g.dtype)
            out.fill(g.reshape(()))
            return out
        if not ctx.keepdim and ctx.dims:
            g = g.reshape(kept_shape(ctx.shape, ctx.dims))
        return np.broadcast_to(g, ctx.shape)


# ---- sum / mean / prod ------------------------------------------------------------------------
_SIZES = {"self_sym_sizes": lambda ctx: ctx.shape}
_DIMS = {"dim": lambda ctx: ctx.dims, "keepdim": lambda ctx: ctx.keepdim}
_NUMEL = {"self_sym_numel": lambda ctx: int(np.prod(ctx.shape))}


class Sum(_Reduction):
    node_name = "SumBackward1"
    saved_names = {**_DIMS, **_SIZES}

    @staticmethod
    def forward(ctx, a, dims, keepdim, dtype):
        Sum._remember(ctx, a, dims, keepdim)
        arr = _accumulate_dtype(a._data, dtype)
        out = np.asarray(K.sum(arr, axis=dims, keepdims=keepdim))
        return out if out.dtype is arr.dtype else out.astype(arr.dtype)

    @staticmethod
    def backward(ctx, g):
        return Sum._expand(ctx, g), None, None, None

    @staticmethod
    def raw_backward(ctx, g):
        return Sum._expand_array(ctx, g), None, None, None


class SumAll(Sum):
    node_name = "SumBackward0"
    saved_names = _SIZES


class Mean(_Reduction):
    node_name = "MeanBackward1"
    saved_names = {**_DIMS, **_NUMEL, **_SIZES}

    @staticmethod
    def forward(ctx, a, dims, keepdim, dtype):
        arr = a._data if dtype is None else a._data.astype(_dtype.to_dtype(dtype).np)
        _require_float(arr, "mean(): could not infer output dtype. " + ("Input" if dtype is None else "Optional")
                       + " dtype must be either a floating point or complex dtype. Got: {}")
        Mean._remember(ctx, a, dims, keepdim)
        ctx.n = _count(arr.shape, dims)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.asarray(K.sum(_wide(arr), axis=dims, keepdims=keepdim) / _wide(arr).dtype.type(ctx.n),
                              dtype=arr.dtype)

    @staticmethod
    def backward(ctx, g):
        return Mean._expand(ctx, g / ctx.n), None, None, None

    @staticmethod
    def raw_backward(ctx, g):
        return Mean._expand_array(ctx, g / ctx.n), None, None, None


class MeanAll(Mean):
    node_name = "MeanBackward0"
    saved_names = {**_NUMEL, **_SIZES}


class Prod(_Reduction):
    node_name = "ProdBackward1"
    save_output = True

    @staticmethod
    def forward(ctx, a, dims, keepdim, dtype):
        Prod._remember(ctx, a, dims, keepdim)
        ctx.save_for_backward(a)
        arr = _accumulate_dtype(a._data, dtype)
        return np.asarray(K.prod(arr, axis=dims, keepdims=keepdim)).astype(arr.dtype, copy=False)

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        g = Prod._expand(ctx, g)
        if not (a._data == 0).any():
            return g * Prod._expand(ctx, ctx.output) / a, None, None, None
        return g * _prod_except_self(a, ctx.dims), None, None, None


class ProdAll(Prod):
    node_name = "ProdBackward0"


class ProdExceptLast(Op):
    """out[..., i] = prod_{j != i} x[..., j]: prod's gradient, exact when x holds zeros."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return K.prod_except_last(x._data)

    @staticmethod
    def backward(ctx, gg):
        # d out_i / d x_k = prod_{j != i, k} x_j (k != i): row i of `rows` is x with x_i replaced by 1.
        (x,) = ctx.saved_tensors
        eye = Tensor._make(np.eye(x._data.shape[-1], dtype=bool))
        rows = where(eye, 1.0, x.unsqueeze(-2))
        jac = where(eye, 0.0, ProdExceptLast.apply(rows))
        return (gg.unsqueeze(-1) * jac).sum(-2)


def _prod_except_self(a, dims):
    """prod over ``dims`` of all elements but oneself, for every element of ``a`` (differentiable)."""
    nd = a._data.ndim
    rest = [d for d in range(nd) if d not in dims]
    perm = rest + list(dims)
    t = a.permute(perm) if perm != list(range(nd)) else a
    shape = t._data.shape
    lead = shape[:len(rest)]
    p = ProdExceptLast.apply(t.reshape(lead + (_count(shape, range(len(rest), nd)),))).reshape(shape)
    return p.permute(tuple(np.argsort(perm))) if perm != list(range(nd)) else p


# ---- max / min / amax / amin / argmax / argmin ---------------------------------------------------
class Amax(_Reduction):
    """max over dims; the gradient is split evenly between tied maxima (PyTorch's rule)."""

    _kernel = "amax"

    @classmethod
    def forward(cls, ctx, a, dims, keepdim):
        arr = a._data
        empty = [d for d in dims if arr.shape[d] == 0]
        if empty:
            raise IndexError(f"{cls._kernel}(): Expected reduction dim {empty[0]} to have non-zero size.")
        Amax._remember(ctx, a, dims, keepdim)
        out = np.asarray(getattr(K, cls._kernel)(arr, axis=dims, keepdims=True))
        ctx.mask = arr == out
        return out if keepdim else np.squeeze(out, axis=dims)

    @staticmethod
    def backward(ctx, g):
        count = Tensor._make(ctx.mask.sum(axis=ctx.dims, keepdims=True).astype(g._data.dtype))
        return where(Tensor._make(ctx.mask), Amax._expand(ctx, g) / count, 0.0), None, None


class Amin(Amax):
    _kernel = "amin"


class MaxAll(Amax):
    node_name = "MaxBackward1"


class MinAll(Amin):
    node_name = "MinBackward1"


class MaxDim(Op):
    """(values, indices) along one dim; the gradient goes to the selected element."""

    node_name = "MaxBackward0"
    _arg = staticmethod(np.argmax)

    @classmethod
    def forward(cls, ctx, a, dim, keepdim):
        arr = a._data
        ctx.shape = arr.shape
        if arr.ndim == 0:
            ctx.dim, ctx.index = None, None
            return arr.copy(), np.zeros((), np.int64)
        if arr.shape[dim] == 0:
            raise IndexError(f"{cls.__name__[:3].lower()}(): Expected reduction dim {dim} to have non-zero size.")
        idx = cls._arg(arr, axis=dim, keepdims=True)
        vals = np.take_along_axis(arr, idx, axis=dim)
        ctx.dim, ctx.index = dim, idx
        if not keepdim:
            idx, vals = np.squeeze(idx, axis=dim), np.squeeze(vals, axis=dim)
        return vals, idx.astype(np.int64, copy=False)

    @staticmethod
    def backward(ctx, g, _):
        if ctx.dim is None:
            return g, None, None
        n = ctx.shape[ctx.dim]
        pos = np.arange(n).reshape((n,) + (1,) * (len(ctx.shape) - ctx.dim - 1))
        g = g.reshape(ctx.index.shape)
        return where(Tensor._make(pos == ctx.index), g, 0.0), None, None


class MinDim(MaxDim):
    node_name = "MinBackward0"
    _arg = staticmethod(np.argmin)


def _extreme(input, dim, keepdim, other, whole, along, binary, result, name):
    if other is not None or isinstance(dim, Tensor):
        return binary(input, other if other is not None else dim)
    if isinstance(dim, float):
        raise TypeError(f"{name}() received an invalid combination of arguments - got (Tensor, float)")
    if dim is None:
        if input._data.size == 0:
            raise RuntimeError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                               "Specify the reduction dim with the 'dim' argument.")
        return whole.apply(input, tuple(range(input._data.ndim)), False)
    return result(*along.apply(input, wrap_dim(dim, input._data.ndim, name), keepdim))


def max(input, dim=None, keepdim=False, *, other=None, out=None):
    """max(input) -> 0-d; max(input, dim, keepdim) -> (values, indices); max(input, other) = maximum."""
    return _extreme(input, dim, keepdim, other, MaxAll, MaxDim, maximum, return_types.max, "max")


def min(input, dim=None, keepdim=False, *, other=None, out=None):
    return _extreme(input, dim, keepdim, other, MinAll, MinDim, minimum, return_types.min, "min")


def amax(input, dim=(), keepdim=False):
    return Amax.apply(input, reduce_dims(input, dim, "amax"), keepdim)


def amin(input, dim=(), keepdim=False):
    return Amin.apply(input, reduce_dims(input, dim, "amin"), keepdim)


def _arg_extreme(input, dim, keepdim, fn, name):
    arr = input._data
    if arr.dtype == np.bool_:
        raise RuntimeError(f"{name}(): does not support bool input")
    if dim is None:
        if arr.size == 0:
            raise IndexError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0.")
        idx = np.asarray(fn(arr), dtype=np.int64)
        return Tensor._make(idx.reshape((1,) * arr.ndim) if keepdim else idx)
    d = wrap_dim(dim, arr.ndim, name)
    if arr.ndim == 0:
        return Tensor._make(np.zeros((), np.int64))
    if arr.shape[d] == 0:
        raise IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size.")
    return Tensor._make(np.asarray(fn(arr, axis=d, keepdims=keepdim), dtype=np.int64))


def argmax(input, dim=None, keepdim=False):
    return _arg_extreme(input, dim, keepdim, np.argmax, "argmax")


def argmin(input, dim=None, keepdim=False):
    return _arg_extreme(input, dim, keepdim, np.argmin, "argmin")


# ---- var / std (and with mean) -----------------------------------------------------------------
class Var(_Reduction):
    """Variance (or std, or either with the mean) over dims with Bessel-style ``correction``."""

    node_name = "VarBackward0"
    save_output = True
    _sqrt = False
    _with_mean = False

    @classmethod
    def forward(cls, ctx, a, dims, correction, keepdim):
        arr = a._data
        Var._remember(ctx, a, dims, keepdim)
        ctx.save_for_backward(a)
        ctx.correction = correction
        out = K.var(_wide(arr), dims, correction, keepdim)
        if cls._sqrt:
            out = np.sqrt(out)
        out = out.astype(arr.dtype, copy=False)
        if cls._with_mean:
            return out, np.asarray(np.mean(_wide(arr), axis=dims, keepdims=keepdim), dtype=arr.dtype)
        return out

    @classmethod
    def backward(cls, ctx, g, g_mean=None):
        (a,) = ctx.saved_tensors
        if cls._sqrt:  # d std = d var / (2 std); zero where std == 0, as PyTorch
            s = ctx.output
            zero = s == 0
            g = where(zero, 0.0, g / (2 * where(zero, 1.0, s)))
        dof = _count(ctx.shape, ctx.dims) - ctx.correction
        scale = 2.0 / dof if dof > 0 else math.inf
        grad = Var._expand(ctx, g) * (a - a.mean(ctx.dims, keepdim=True)) * scale
        if g_mean is not None:
            grad = grad + Var._expand(ctx, g_mean / _count(ctx.shape, ctx.dims))
        return grad, None, None, None


class Std(Var):
    node_name = "StdBackward0"
    _sqrt = True


class VarMean(Var):
    node_name = "VarMeanBackward0"
    _with_mean = True


class StdMean(Var):
    node_name = "StdMeanBackward0"
    _sqrt = True
    _with_mean = True


def _moments(op, cls, input, dim, unbiased, keepdim, correction):
    if isinstance(dim, bool):  # var(input, unbiased)
        dim, unbiased = None, dim
    if unbiased is not None and correction is not None:
        raise RuntimeError(f"{op}: can't specify both unbiased and correction")
    if correction is None:
        correction = 1 if unbiased is None or unbiased else 0
    who = op if op.endswith("_mean") else "std and var"
    _require_float(input._data, f"{who} only support floating point and complex dtypes")
    dims = reduce_dims(input, dim, op)
    if _count(input._data.shape, dims) - correction <= 0:
        warnings.warn(f"{op}(): degrees of freedom is <= 0. Correction should be strictly less than the "
                      "reduction factor (input numel divided by output numel).", UserWarning, stacklevel=3)
    return cls.apply(input, dims, correction, keepdim)


def var(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    return _moments("var", Var, input, dim, unbiased, keepdim, correction)


def std(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    return _moments("std", Std, input, dim, unbiased, keepdim, correction)


def var_mean(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    return _moments("var_mean", VarMean, input, dim, unbiased, keepdim, correction)


def std_mean(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    return _moments("std_mean", StdMean, input, dim, unbiased, keepdim, correction)


# ---- logsumexp / norm ------------------------------------------------------------------------
class Logsumexp(_Reduction):
    node_name = "LogsumexpBackward0"
    save_output = True

    @staticmethod
    def forward(ctx, a, dims, keepdim):
        arr = a._data if a._data.dtype.kind == "f" else a._data.astype(_dtype.get_default_dtype().np)
        Logsumexp._remember(ctx, a, dims, keepdim)
        ctx.save_for_backward(a)
        return np.asarray(K.logsumexp(arr, dims, keepdim))

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        return Logsumexp._expand(ctx, g) * (a - Logsumexp._expand(ctx, ctx.output)).exp(), None, None


def logsumexp(input, dim, keepdim=False):
    return Logsumexp.apply(input, reduce_dims(input, dim, "logsumexp"), keepdim)


class VectorNorm(_Reduction):
    """p-norm over dims (linalg.vector_norm); gradients at 0 are 0, as in PyTorch."""

    node_name = "LinalgVectorNormBackward0"
    save_output = True

    @staticmethod
    def forward(ctx, a, ord, dims, keepdim):
        VectorNorm._remember(ctx, a, dims, keepdim)
        ctx.save_for_backward(a)
        ctx.ord = ord
        return np.asarray(K.vector_norm(_wide(a._data), ord, dims, keepdim)).astype(a._data.dtype, copy=False)

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        p = ctx.ord
        if p == 0:
            return None, None, None, None
        if p == 1:
            return VectorNorm._expand(ctx, g) * a.sign(), None, None, None
        norm = ctx.output
        if math.isinf(p):
            mask = (a.abs() == VectorNorm._expand(ctx, norm)) | a.isnan()
            count = Tensor._make(mask._data.sum(axis=ctx.dims, keepdims=True).astype(a._data.dtype))
            g = g.reshape(kept_shape(ctx.shape, ctx.dims)) if not ctx.keepdim else g
            return a.sign() * where(mask, g / count, 0.0), None, None, None
        zero = norm == 0
        if p < 1:
            scaled = a.sign() * where(a == 0, 1.0, a.abs()) ** (p - 1)
            return scaled * VectorNorm._expand(ctx, g * norm ** (1 - p)), None, None, None
        if p == 2:
            scaled = a
        elif p < 2:
            scaled = a.sign() * a.abs() ** (p - 1)
        else:
            scaled = a * a.abs() ** (p - 2)
        scale = where(zero, 0.0, g / where(zero, 1.0, norm) ** (p - 1))
        return scaled * VectorNorm._expand(ctx, scale), None, None, None


def vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None):
    if dtype is not None:
        x = x.to(dtype)
    _require_float(x._data, "linalg.vector_norm: Expected a floating point or complex tensor as input. Got {}")
    return VectorNorm.apply(x, float(ord), reduce_dims(x, dim, "linalg.vector_norm"), keepdim)


def norm(input, p="fro", dim=None, keepdim=False, out=None, dtype=None):
    """torch.norm: 'fro' (or None) is the 2-norm over ``dim``; a number p is the vector p-norm."""
    if p is None or p == "fro":
        p = 2
    elif isinstance(p, str):
        raise NotImplementedError(f"norm: p='{p}' (matrix norms other than 'fro') is not supported")
    return vector_norm(input, p, dim, keepdim, dtype=dtype)


# ---- all / any -------------------------------------------------------------------------------
def _logical_reduction(fn):
    def reduce(input, dim=None, keepdim=False):
        arr = input._data
        no_dims = isinstance(dim, (tuple, list)) and len(dim) == 0  # torch: dim=() reduces nothing here
        out = np.asarray(fn(arr, axis=() if no_dims else reduce_dims(input, dim, fn.__name__), keepdims=keepdim))
        return Tensor._make(out.astype(np.uint8) if arr.dtype == np.uint8 else out)
    reduce.__name__ = fn.__name__
    return reduce


all = _logical_reduction(np.all)
any = _logical_reduction(np.any)


# ---- cumsum / cumprod ------------------------------------------------------------------------
class Cumsum(Op):
    """Cumulative sum along dim (``reverse``: from the end); each is the other's adjoint."""

    @staticmethod
    def forward(ctx, a, dim, dtype, reverse=False):
        ctx.dim, ctx.reverse = dim, reverse
        arr = _accumulate_dtype(a._data, dtype, "cumsum")
        if arr.ndim == 0:
            return arr.copy()
        if reverse:
            return np.flip(K.cumsum(np.flip(arr, dim), dim), dim).copy()
        return K.cumsum(arr, dim).astype(arr.dtype, copy=False)

    @staticmethod
    def backward(ctx, g):
        return Cumsum.apply(g, ctx.dim, None, not ctx.reverse), None, None, None


class Cumprod(Op):
    save_output = True

    @staticmethod
    def forward(ctx, a, dim, dtype):
        ctx.dim = dim
        ctx.save_for_backward(a)
        arr = _accumulate_dtype(a._data, dtype, "cumprod")
        return arr.copy() if arr.ndim == 0 else K.cumprod(arr, dim).astype(arr.dtype, copy=False)

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        if a._data.ndim == 0:
            return g, None, None
        if not (a._data == 0).any():
            return Cumsum.apply(g * ctx.output, ctx.dim, None, True) / a, None, None
        # with zeros: grad_i = sum_{k >= i} g_k prod_{j <= k, j != i} x_j, one row per i
        x, gx = a.transpose(ctx.dim, -1), g.transpose(ctx.dim, -1)
        n = x._data.shape[-1]
        rows = where(Tensor._make(np.eye(n, dtype=bool)), 1.0, x.unsqueeze(-2))
        upper = Tensor._make(np.triu(np.ones((n, n), dtype=bool)))  # k >= i
        partial = where(upper, Cumprod.apply(rows, rows.ndim - 1, None), 0.0)
        return (partial * gx.unsqueeze(-2)).sum(-1).transpose(ctx.dim, -1), None, None


def cumsum(input, dim, *, dtype=None, out=None):
    return Cumsum.apply(input, wrap_dim(dim, input._data.ndim, "cumsum"), dtype)


def cumprod(input, dim, *, dtype=None, out=None):
    return Cumprod.apply(input, wrap_dim(dim, input._data.ndim, "cumprod"), dtype)


# ---- public functions ------------------------------------------------------------------------
def sum(input, dim=None, keepdim=False, *, dtype=None):
    if dim is None and not keepdim:
        return SumAll.apply(input, tuple(range(input._data.ndim)), False, dtype)
    return Sum.apply(input, reduce_dims(input, dim, "sum"), keepdim, dtype)


def mean(input, dim=None, keepdim=False, *, dtype=None):
    if dim is None and not keepdim:
        return MeanAll.apply(input, tuple(range(input._data.ndim)), False, dtype)
    return Mean.apply(input, reduce_dims(input, dim, "mean"), keepdim, dtype)


def prod(input, dim=None, keepdim=False, *, dtype=None):
    if dim is None and not keepdim:
        return ProdAll.apply(input, tuple(range(input._data.ndim)), False, dtype)
    return Prod.apply(input, reduce_dims(input, dim, "prod"), keepdim, dtype)


def _axis_alias(fn):
    """Tensor method accepting NumPy's ``axis=`` for ``dim=`` as PyTorch does."""
    def method(self, *args, axis=None, **kwargs):
        if axis is not None:
            kwargs["dim"] = axis
        return fn(self, *args, **kwargs)
    method.__name__ = fn.__name__
    method.__doc__ = fn.__doc__
    return method


for _fn in (sum, mean, prod, max, min, amax, amin, argmax, argmin, var, std, logsumexp, all, any, cumsum, cumprod):
    register_method(_fn.__name__)(_axis_alias(_fn))  # Tensor.norm: autograd.linalg._legacy_norm


def hash_tensor(input, dim=None, *, keepdim=False, mode=0):
    """Each element widened to float64 / int64 / uint64, its bits read as uint64, xor-reduced over ``dim``."""
    if mode != 0:
        raise RuntimeError(f"Unknown hash_tensor mode: {mode}")
    arr = input._data
    kind = arr.dtype.kind
    wide = (arr.astype(np.float64) if kind == "f" else arr.astype(np.uint64) if kind in "ub"
            else arr.astype(np.int64)).view(np.uint64)
    if dim is None:
        if arr.size == 0:
            raise RuntimeError("hash_tensor: Expected reduction dim to be specified for input.numel() == 0. Specify "
                               "the reduction dim with the 'dim' argument.")
        dims = tuple(builtins.range(arr.ndim))
    else:
        dims = normalize_dims(dim, arr.ndim)
        for d in dims:
            if arr.size == 0 and arr.shape[d] == 0:
                raise IndexError(f"hash_tensor: Expected reduction dim {d} to have non-zero size.")
    out = np.bitwise_xor.reduce(wide, axis=dims, keepdims=keepdim) if dims else wide.copy()
    return Tensor._make(np.asarray(out, dtype=np.uint64))


register_method("hash_tensor")(hash_tensor)
