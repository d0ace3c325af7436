"""Order statistics: sort/argsort/msort, topk, kthvalue, median/nanmedian, mode, cummax/cummin,
quantile, and the non-differentiable unique/unique_consecutive/bincount/histc/searchsorted/bucketize.

Every differentiable op here picks elements along one dim; they share ``_Select``, whose backward
scatters the gradient back to the picked positions (written with Tensor ops, so it differentiates again).
"""
import numpy as np

from .. import _dtype
from .. import return_types
from ..function import Op
from ..tensor import Tensor, register_method
from ._util import wrap_dim


# ---- shared: values picked along a dim and their indices -------------------------------------------
class _Select(Op):
    """Forward: ``cls._pick(arr, dim, *args) -> (values, indices)``, both shaped like ``arr`` along every
    dim but ``dim``; backward: the gradient lands on the picked elements (repeats add up)."""

    _reduces = False  # the pick leaves a size-1 ``dim`` that ``keepdim=False`` removes

    @classmethod
    def forward(cls, ctx, a, dim, *args):
        arr = a._data
        ctx.shape, ctx.dim = arr.shape, (dim if arr.ndim else 0)
        if cls._reduces:
            keepdim, args = args[0], args[1:]
        values, idx = cls._pick(arr if arr.ndim else arr.reshape(1), ctx.dim, *args)
        ctx.index = idx
        if arr.ndim == 0:
            return values.reshape(()), idx.reshape(())
        if cls._reduces and not keepdim:
            values, idx = np.squeeze(values, dim), np.squeeze(idx, dim)
        return values, idx

    @staticmethod
    def backward(ctx, g, _=None):
        shape = ctx.shape if ctx.shape else (1,)
        zeros = Tensor._make(np.zeros(shape, dtype=g._data.dtype))
        out = zeros.scatter_add(ctx.dim, Tensor._make(ctx.index), g.reshape(ctx.index.shape))
        return (out.reshape(ctx.shape) if not ctx.shape else out,) + (None,) * 4


def _sort_indices(arr, dim, descending):
    """Stable argsort along ``dim``; NaN counts as the largest value (PyTorch's order)."""
    if arr.dtype == np.bool_:
        arr = arr.astype(np.uint8)
    if not descending:
        return np.argsort(arr, axis=dim, kind="stable")
    n = arr.shape[dim]
    rev = np.flip(arr, dim)
    return (n - 1 - np.flip(np.argsort(rev, axis=dim, kind="stable"), dim)).astype(np.int64)


class Sort(_Select):
    node_name = "SortBackward0"

    @staticmethod
    def _pick(arr, dim, descending):
        idx = _sort_indices(arr, dim, descending).astype(np.int64)
        return np.take_along_axis(arr, idx, dim), idx


class Topk(_Select):
    node_name = "TopkBackward0"

    @staticmethod
    def _pick(arr, dim, k, largest):
        idx = _sort_indices(arr, dim, largest).astype(np.int64)
        idx = np.take(idx, np.arange(k), axis=dim)
        return np.take_along_axis(arr, idx, dim), idx


class _Reduce(_Select):
    """A pick of one element along ``dim`` (removed unless ``keepdim``)."""

    _reduces = True


def _kth(arr, dim, k):
    """(values, indices) of the k-th smallest (1-based) along dim, keepdim-shaped. Among tied values the
    index is the stable sort's (PyTorch's own choice there is implementation-defined)."""
    idx = np.take(_sort_indices(arr, dim, False), [k - 1], axis=dim).astype(np.int64)
    return np.take_along_axis(arr, idx, dim), idx


class Kthvalue(_Reduce):
    node_name = "KthvalueBackward0"

    @staticmethod
    def _pick(arr, dim, k):
        return _kth(arr, dim, k)


class MedianDim(_Reduce):
    node_name = "MedianBackward1"

    @staticmethod
    def _pick(arr, dim):
        n = arr.shape[dim]
        if arr.dtype.kind == "f" and np.isnan(arr).any():
            # any NaN in a slice makes the median NaN (index of the first NaN)
            values, idx = _kth(arr, dim, (n + 1) // 2)
            isn = np.isnan(arr)
            has = isn.any(axis=dim, keepdims=True)
            first = np.argmax(isn, axis=dim, keepdims=True)
            return np.where(has, np.nan, values).astype(arr.dtype), np.where(has, first, idx).astype(np.int64)
        return _kth(arr, dim, (n + 1) // 2)


class NanmedianDim(_Reduce):
    node_name = "NanmedianBackward1"

    @staticmethod
    def _pick(arr, dim):
        if arr.dtype.kind != "f":
            return MedianDim._pick(arr, dim)
        order = _sort_indices(arr, dim, False)
        count = (~np.isnan(arr)).sum(axis=dim, keepdims=True)
        pos = np.maximum((count - 1) // 2, 0)
        idx = np.take_along_axis(order, pos, dim).astype(np.int64)
        return np.take_along_axis(arr, idx, dim), idx


class MedianAll(Op):
    """median over all elements (0-d); the gradient goes to the chosen element."""

    node_name = "MedianBackward0"
    _nan = False

    @classmethod
    def forward(cls, ctx, a):
        flat = a._data.reshape(-1)
        if flat.size == 0:
            ctx.pos = None
            return np.array(np.nan, dtype=a._data.dtype)
        pick = NanmedianDim._pick if cls._nan else MedianDim._pick
        values, idx = pick(flat, 0)
        ctx.shape, ctx.pos = a._data.shape, int(idx[0])
        return values.reshape(())

    @staticmethod
    def backward(ctx, g):
        mask = np.zeros(ctx.shape, dtype=bool)
        mask.reshape(-1)[ctx.pos] = True
        from .pointwise import where
        return where(Tensor._make(mask), g, 0.0)


class NanmedianAll(MedianAll):
    node_name = "NanmedianBackward0"
    _nan = True


class Mode(_Reduce):
    node_name = "ModeBackward0"

    @staticmethod
    def _pick(arr, dim):
        moved = np.moveaxis(arr, dim, -1)
        flat = moved.reshape(-1, moved.shape[-1])
        vals = np.empty(flat.shape[0], dtype=arr.dtype)
        idxs = np.empty(flat.shape[0], dtype=np.int64)
        for r, row in enumerate(flat):
            uniq, counts = np.unique(row, return_counts=True)
            v = uniq[np.flatnonzero(counts == counts.max())[0]]  # the smallest most frequent value
            vals[r] = v
            idxs[r] = np.flatnonzero(row == v)[-1]               # PyTorch reports its last occurrence
        shape = moved.shape[:-1] + (1,)
        return (np.moveaxis(vals.reshape(shape), -1, dim), np.moveaxis(idxs.reshape(shape), -1, dim))


class Cummax(_Select):
    node_name = "CummaxBackward0"
    _better = staticmethod(np.greater_equal)

    @classmethod
    def _pick(cls, arr, dim):
        if arr.size == 0:
            return arr.copy(), np.zeros(arr.shape, dtype=np.int64)
        moved = np.moveaxis(arr, dim, -1)
        vals = np.empty_like(moved)
        idxs = np.empty(moved.shape, dtype=np.int64)
        best = moved[..., 0].copy()
        bidx = np.zeros(moved.shape[:-1], dtype=np.int64)
        for i in range(moved.shape[-1]):
            x = moved[..., i]
            take = cls._better(x, best) | np.isnan(x) if arr.dtype.kind == "f" else cls._better(x, best)
            if arr.dtype.kind == "f":
                take &= ~np.isnan(best) | np.isnan(x)
            best = np.where(take, x, best)
            bidx = np.where(take, i, bidx)
            vals[..., i], idxs[..., i] = best, bidx
        return np.moveaxis(vals, -1, dim), np.moveaxis(idxs, -1, dim)


class Cummin(Cummax):
    node_name = "CumminBackward0"
    _better = staticmethod(np.less_equal)


# ---- public functions ------------------------------------------------------------------------------
def sort(input, dim=-1, descending=False, stable=False, *, out=None):
    d = wrap_dim(dim, input._data.ndim, "sort")
    return return_types.sort(*Sort.apply(input, d, bool(descending)))


def argsort(input, dim=-1, descending=False, stable=False):
    d = wrap_dim(dim, input._data.ndim, "argsort")
    arr = input._data
    if arr.ndim == 0:
        return Tensor._make(np.zeros((), np.int64))
    return Tensor._make(_sort_indices(arr, d, descending).astype(np.int64))


def msort(input):
    return sort(input, 0).values


def _check_k(k, name):
    """``k`` must be an integer (a Python/NumPy int or an integer tensor; not a bool or float), as in PyTorch."""
    ok = (isinstance(k, Tensor) and k._data.dtype.kind in "iu") or (
        isinstance(k, (int, np.integer)) and not isinstance(k, bool))
    if not ok:
        kind = type(k)
        what = kind.__name__ if kind.__module__ == "builtins" or isinstance(k, Tensor) else f"{kind.__module__}.{kind.__name__}"
        raise TypeError(f"{name}(): argument 'k' (position 2) must be int, not {what}")


def topk(input, k, dim=-1, largest=True, sorted=True, *, out=None):
    _check_k(k, "topk")
    d = wrap_dim(dim, input._data.ndim, "topk")
    n = input._data.shape[d] if input._data.ndim else 1
    if not 0 <= k <= n:
        raise RuntimeError("selected index k out of range")
    return return_types.topk(*Topk.apply(input, d, int(k), bool(largest)))


def kthvalue(input, k, dim=-1, keepdim=False, *, out=None):
    _check_k(k, "kthvalue")
    d = wrap_dim(dim, input._data.ndim, "kthvalue")
    n = input._data.shape[d] if input._data.ndim else 1
    _check_nonempty(input, d, "kthvalue")
    if not 1 <= k <= n:
        raise RuntimeError(f"kthvalue(): selected number k out of range for dimension {d}")
    return return_types.kthvalue(*Kthvalue.apply(input, d, keepdim, int(k)))


def _median(input, dim, keepdim, all_cls, dim_cls, result, name):
    if dim is None:
        return all_cls.apply(input)
    d = wrap_dim(dim, input._data.ndim, name)
    _check_nonempty(input, d, name)
    return result(*dim_cls.apply(input, d, keepdim))


def _check_nonempty(input, d, name):
    if input._data.ndim and input._data.shape[d] == 0:
        raise IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size.")


def median(input, dim=None, keepdim=False, *, out=None):
    return _median(input, dim, keepdim, MedianAll, MedianDim, return_types.median, "median")


def nanmedian(input, dim=None, keepdim=False, *, out=None):
    return _median(input, dim, keepdim, NanmedianAll, NanmedianDim, return_types.nanmedian, "nanmedian")


def mode(input, dim=-1, keepdim=False, *, out=None):
    d = wrap_dim(dim, input._data.ndim, "mode")
    _check_nonempty(input, d, "mode")
    return return_types.mode(*Mode.apply(input, d, keepdim))


def cummax(input, dim, *, out=None):
    return return_types.cummax(*Cummax.apply(input, wrap_dim(dim, input._data.ndim, "cummax")))


def cummin(input, dim, *, out=None):
    return return_types.cummin(*Cummin.apply(input, wrap_dim(dim, input._data.ndim, "cummin")))


def quantile(input, q, dim=None, keepdim=False, *, interpolation="linear", _nan=False):
    """Quantiles by sorting and interpolating (differentiable through the sort)."""
    name = "nanquantile" if _nan else "quantile"
    scalar_q = not isinstance(q, Tensor)
    if scalar_q and not 0 <= q <= 1:
        raise RuntimeError(f"quantile() q must be in the range [0, 1] but got {float(q):g}")
    if interpolation not in ("linear", "lower", "higher", "midpoint", "nearest"):
        raise RuntimeError(f"quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, "
                           f"but got {interpolation}")
    if input._data.size == 0:
        raise RuntimeError("quantile() input tensor must be non-empty")
    if not scalar_q and q._data.ndim > 1:
        raise RuntimeError("quantile() q must be a scalar or 1D tensor")
    if input._data.dtype.kind != "f":
        raise RuntimeError("quantile() input tensor must be either float or double dtype")
    if not scalar_q and q._data.dtype != input._data.dtype:
        raise RuntimeError("quantile() q tensor must be same dtype as the input tensor")
    if dim is not None:
        wrap_dim(dim, input._data.ndim, name)
    qs = np.atleast_1d(np.asarray(q._data if isinstance(q, Tensor) else q, dtype=np.float64))
    if not ((qs >= 0) & (qs <= 1)).all():
        raise RuntimeError("quantile() q values must be in the range [0, 1]")
    x = input.reshape(-1) if dim is None else input
    d = 0 if dim is None else wrap_dim(dim, input._data.ndim, name)
    if x._data.ndim == 0:
        x = x.reshape(1)
    s = sort(x, d).values
    n_valid = (~np.isnan(x._data)).sum(axis=d, keepdims=True) if _nan else np.full(
        tuple(1 if i == d else k for i, k in enumerate(x._data.shape)), x._data.shape[d])
    outs = []
    for qv in qs:
        rank = qv * np.maximum(n_valid - 1, 0)
        lo = np.floor(rank).astype(np.int64)
        hi = np.minimum(np.ceil(rank).astype(np.int64), np.maximum(n_valid - 1, 0))
        frac = rank - lo
        if interpolation == "lower":
            hi, frac = lo, frac * 0
        elif interpolation == "higher":
            lo, frac = hi, frac * 0
        elif interpolation == "nearest":
            near = np.where(np.abs(rank - np.round(rank)) == 0.5, 2 * np.round(rank / 2), np.round(rank)).astype(np.int64)
            lo = hi = near
            frac = frac * 0
        elif interpolation == "midpoint":
            frac = np.where(hi > lo, 0.5, 0.0)
        vlo = s.gather(d, Tensor._make(lo))
        vhi = s.gather(d, Tensor._make(hi))
        w = Tensor._make(frac.astype(input._data.dtype))
        val = vlo + (vhi - vlo) * w
        if not _nan and np.isnan(x._data).any():
            from .pointwise import where
            nan = np.isnan(x._data).any(axis=d, keepdims=True)
            val = where(Tensor._make(nan), float("nan"), val)
        if _nan:
            from .pointwise import where
            val = where(Tensor._make(n_valid == 0), float("nan"), val)
        if not keepdim:
            val = val.squeeze(d)
        elif dim is None or input._data.ndim == 0:
            val = val.reshape((1,) * input._data.ndim)
        outs.append(val)
    from .joining import stack
    return outs[0] if scalar_q or q._data.ndim == 0 else stack(outs)


def nanquantile(input, q, dim=None, keepdim=False, *, interpolation="linear"):
    return quantile(input, q, dim, keepdim, interpolation=interpolation, _nan=True)


# ---- non-differentiable ------------------------------------------------------------------------------
class Unique2(Op):
    """unique's values are differentiable in name only: PyTorch's backward raises."""

    node_name = "Unique2Backward0"

    @staticmethod
    def forward(ctx, a, fn):
        return fn(a._data)

    @staticmethod
    def backward(ctx, *grads):
        raise NotImplementedError("the derivative for '_unique2' is not implemented.")


def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    arr = input._data

    def compute(a):
        if dim is None:
            vals, inv, counts = np.unique(a, return_inverse=True, return_counts=True, equal_nan=False)
            inv = inv.reshape(a.shape)
            if not sorted:
                pass  # PyTorch's CPU unique sorts anyway
        else:
            d = wrap_dim(dim, a.ndim, "unique")
            if a.size == 0 and a.shape[d] != 0:
                raise RuntimeError("There are 0 sized dimensions, and they aren't selected, so unique cannot be applied")
            vals, inv, counts = np.unique(a, return_inverse=True, return_counts=True, axis=d)
            inv = inv.reshape(-1)
        return vals, inv.astype(np.int64), counts.astype(np.int64)

    vals, inv, counts = compute(arr)
    values = Unique2.apply(input, lambda a: vals.astype(a.dtype, copy=False))
    out = [values]
    if return_inverse:
        out.append(Tensor._make(inv))
    if return_counts:
        out.append(Tensor._make(counts))
    return out[0] if len(out) == 1 else tuple(out)


def unique_consecutive(input, return_inverse=False, return_counts=False, dim=None):
    arr = input._data
    d = None if dim is None else wrap_dim(dim, arr.ndim, "unique_consecutive")
    if d is not None and any(s == 0 for i, s in enumerate(arr.shape) if i != d):
        raise RuntimeError("There are 0 sized dimensions, and they aren't selected, so unique cannot be applied")
    work = arr.reshape(-1) if d is None else np.moveaxis(arr, d, 0)
    n = work.shape[0]
    if n == 0:
        starts = np.zeros(0, dtype=np.int64)
    else:
        diff = np.any((work[1:] != work[:-1]).reshape(n - 1, int(np.prod(work.shape[1:]))), axis=1)
        starts = np.concatenate([[0], np.flatnonzero(diff) + 1]).astype(np.int64)
    vals = work[starts]
    if d is not None:
        vals = np.moveaxis(vals, 0, d)
    counts = np.diff(np.append(starts, n)).astype(np.int64)
    inv = (np.cumsum(np.isin(np.arange(n), starts)) - 1).astype(np.int64)
    if d is None:
        inv = inv.reshape(arr.shape)
    out = [Tensor._make(np.ascontiguousarray(vals))]
    if return_inverse:
        out.append(Tensor._make(inv))
    if return_counts:
        out.append(Tensor._make(counts))
    return out[0] if len(out) == 1 else tuple(out)


def bincount(input, weights=None, minlength=0):
    arr = input._data
    if arr.dtype.kind not in "iu":
        raise NotImplementedError(f"\"bincount_cpu\" not implemented for '{_dtype.type_name(input.dtype)}'")
    if minlength < 0:
        raise RuntimeError("minlength should be >= 0")
    if arr.ndim != 1:
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if arr.size and arr.min() < 0:
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if weights is None:
        return Tensor._make(np.bincount(arr, minlength=minlength).astype(np.int64))
    w = weights._data
    if w.shape != arr.shape:
        raise RuntimeError("weights should be 1-d and have the same length as input")
    res = np.bincount(arr, weights=w, minlength=minlength)
    return Tensor._make(res.astype(np.float32 if w.dtype == np.float32 else np.float64))


def histc(input, bins=100, min=0, max=0, *, out=None):
    arr = input._data
    if bins <= 0:
        raise RuntimeError(f"torch.histogram(): bins must be > 0, but got {bins} for dimension 0")
    lo, hi = float(min), float(max)
    if lo == hi and arr.size:
        lo, hi = float(arr.min()), float(arr.max())
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    if not (np.isfinite(lo) and np.isfinite(hi)):
        raise RuntimeError(f"torch.histc: range of [{lo:g}, {hi:g}] is not finite")
    if lo > hi:
        raise RuntimeError("torch.histc: max must be larger than min")
    if arr.dtype.kind != "f":
        raise NotImplementedError(f"\"histogram_cpu\" not implemented for '{_dtype.type_name(input.dtype)}'")
    counts, _ = np.histogram(arr[(arr >= lo) & (arr <= hi)], bins=int(bins), range=(lo, hi))
    return Tensor._make(counts.astype(arr.dtype))


def searchsorted(sorted_sequence, input, *, out_int32=False, right=False, side=None, sorter=None):
    seq = sorted_sequence._data
    vals = input._data if isinstance(input, Tensor) else np.asarray(input)
    if side is not None and side not in ("left", "right"):
        raise RuntimeError(f"torch.searchsorted(): side can only be 'left' or 'right' but got {side}")
    if side == "left" and right:
        raise RuntimeError("torch.searchsorted(): side and right can't be set to opposites, got side of left while "
                           "right was True")
    side = side or ("right" if right else "left")
    if seq.ndim > 1 and (vals.ndim != seq.ndim or vals.shape[:-1] != seq.shape[:-1]):
        raise RuntimeError(f"torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 "
                           f"dimensions of boundaries tensor and input value tensor must match, but we got "
                           f"boundaries tensor {list(seq.shape)} and input value tensor {list(vals.shape)}")
    if sorter is not None:
        if sorter._data.dtype != np.int64:
            raise RuntimeError(f"torch.searchsorted(): sorter must be a tensor of long dtype but got dtype "
                               f"{_dtype.type_name(sorter.dtype)}")
        if sorter._data.shape != seq.shape:
            raise RuntimeError(f"torch.searchsorted(): boundary and sorter must have the same size, but got "
                               f"boundary tensor {list(seq.shape)}and got sorter tensor {list(sorter._data.shape)}")
        seq = np.take_along_axis(seq, sorter._data, -1)
    if seq.ndim == 1:
        res = np.searchsorted(seq, vals, side=side)
    else:
        flat_s = seq.reshape(-1, seq.shape[-1])
        flat_v = vals.reshape(-1, vals.shape[-1])
        res = np.stack([np.searchsorted(s, v, side=side) for s, v in zip(flat_s, flat_v)]).reshape(vals.shape)
    return Tensor._make(np.asarray(res, dtype=np.int32 if out_int32 else np.int64))


def bucketize(input, boundaries, *, out_int32=False, right=False):
    if boundaries._data.ndim != 1:
        raise RuntimeError(f"boundaries tensor must be 1 dimension, but got dim({boundaries._data.ndim})")
    vals = input._data if isinstance(input, Tensor) else np.asarray(input)
    res = np.searchsorted(boundaries._data, vals, side="right" if right else "left")
    return Tensor._make(np.asarray(res, dtype=np.int32 if out_int32 else np.int64))


for _fn in (sort, argsort, msort, topk, kthvalue, median, nanmedian, mode, cummax, cummin, quantile, nanquantile,
            unique, unique_consecutive, bincount, histc):
    register_method(_fn.__name__)(_fn)
