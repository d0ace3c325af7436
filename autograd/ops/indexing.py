"""Indexing with gradients: t[key], t[key] = v, gather/scatter(_add/_reduce), index_select/add/copy/fill/
reduce, masked_fill/select, take(_along_dim).

Basic keys (ints, slices, None, ...) give views; advanced keys (int/bool tensors, lists) copy,
and their backward scatters with accumulation, so repeated indices add up. Errors (type and
message) follow PyTorch.
"""
import warnings

import numpy as np

from .. import _dtype
from .._warn import warn_once
from ..function import Op
from ..grad_mode import STATE
from ..tensor import Tensor, register_method
from ._util import wrap_dim
from .inplace import apply_inplace
from .pointwise import where
from .views import as_view

_BAD_INDEX = ("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid "
              "indices (got {})")
_C_TYPES = {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int", "int32": "int",
            "int16": "short int", "int8": "signed char", "uint8": "unsigned char", "bool": "bool"}


# ---- key conversion and validation -------------------------------------------------------------------
def _index_array(arr):
    if arr.dtype.kind not in "iub" or arr.dtype in (np.int8, np.int16):
        raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
    return arr.astype(bool) if arr.dtype == np.uint8 else arr


def _convert_item(k):
    if isinstance(k, Tensor):
        arr = k._data
        if arr.ndim == 0 and arr.dtype.kind == "i":  # a 0-d uint8 is a mask, as in PyTorch
            return int(arr)
        return _index_array(arr)
    if isinstance(k, (bool, np.bool_)):
        return bool(k)
    if isinstance(k, (int, np.integer)):
        return int(k)
    if k is None or k is Ellipsis:
        return k
    if isinstance(k, slice):
        k = slice(*(None if v is None else _slice_int(v) for v in (k.start, k.stop, k.step)))
        if k.step is not None and k.step <= 0:
            raise ValueError("step must be greater than zero")
        return k
    if isinstance(k, np.ndarray):
        return _index_array(k)
    if isinstance(k, (list, tuple, range)):  # any Python sequence indexes like a list in PyTorch
        arr = np.asarray([x._data if isinstance(x, Tensor) else x for x in k])
        if arr.size == 0:
            arr = arr.astype(np.int64)
        return _index_array(arr)
    if hasattr(k, "__index__"):
        return k.__index__()
    raise IndexError(_BAD_INDEX.format(type(k).__name__))


def _slice_int(v):
    if isinstance(v, Tensor):
        return int(v.item())
    if isinstance(v, (int, np.integer)):
        return int(v)
    if hasattr(v, "__index__"):
        return v.__index__()
    raise TypeError("slice indices must be integers or None or have an __index__ method")


def convert_key(key, shape=None):
    """A PyTorch index as a NumPy one: returns ``(key_tuple, is_basic)``; validates against ``shape``."""
    if isinstance(key, list) and len(key) < 32 and any(  # PyTorch (like old NumPy) reads such a list as a tuple
            x is None or x is Ellipsis or isinstance(x, (Tensor, list, tuple, slice, np.ndarray)) for x in key):
        warnings.warn("Using a non-tuple sequence for multidimensional indexing is deprecated and will be changed in "
                      "pytorch 2.9; use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this will be interpreted as "
                      "tensor index, x[torch.tensor(seq)], which will result either in an error or a different "
                      "result", UserWarning, stacklevel=3)
        key = tuple(key)
    items = key if isinstance(key, tuple) else (key,)
    k = tuple(_convert_item(x) for x in items)
    basic = all(x is None or x is Ellipsis or type(x) in (int, slice) for x in k)
    if shape is not None:
        _validate(k, shape)
    return k, basic


def _validate(key, shape):
    """Raise PyTorch's IndexError for out-of-range ints, too many indices and mismatched masks."""
    if not shape:
        for x in key:
            if type(x) is int:
                raise IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                                 "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
            if type(x) is slice:
                raise IndexError("slice() cannot be applied to a 0-dim tensor.")
    consumed = sum(x.ndim if isinstance(x, np.ndarray) and x.dtype == np.bool_ else
                   (0 if x is None or x is Ellipsis or type(x) is bool else 1) for x in key)
    if consumed > len(shape):
        raise IndexError(f"too many indices for tensor of dimension {len(shape)}")
    d = adv = 0  # adv: position among advanced indices (PyTorch reports that as the dimension)
    for x in key:
        if x is Ellipsis:
            d += len(shape) - consumed
        elif x is None or type(x) is bool:
            continue
        elif type(x) is int:
            if not -shape[d] <= x < shape[d]:
                raise IndexError(f"index {x} is out of bounds for dimension {d} with size {shape[d]}")
            d += 1
        elif isinstance(x, np.ndarray) and x.dtype == np.bool_:
            for j, m in enumerate(x.shape):
                if m != shape[d + j]:
                    raise IndexError(f"The shape of the mask {list(x.shape)} at index {j} does not match the shape "
                                     f"of the indexed tensor {list(shape)} at index {d + j}")
            d += x.ndim
            adv += x.ndim
        elif isinstance(x, np.ndarray):
            if x.size:
                lo, hi = int(x.min()), int(x.max())
                bad = hi if hi >= shape[d] else (lo if lo < -shape[d] else None)
                if bad is not None:
                    raise IndexError(f"index {bad} is out of bounds for dimension {adv} with size {shape[d]}")
            d += 1
            adv += 1
        else:
            d += 1
    arrays = [x for x in key if isinstance(x, np.ndarray)]
    if len(arrays) > 1:
        shapes = [s for x in arrays for s in ([(int(x.sum()),)] * x.ndim if x.dtype == np.bool_ else [x.shape])]
        try:
            np.broadcast_shapes(*shapes)
        except ValueError:
            raise IndexError("shape mismatch: indexing tensors could not be broadcast together with shapes "
                             + ", ".join(str(list(s)) for s in shapes)) from None


def _basic_view_key(key):
    """``key`` + trailing Ellipsis, so NumPy returns a view even when every dim gets an int."""
    return key if any(x is Ellipsis for x in key) else key + (Ellipsis,)


def _basic_name(key, single):
    """PyTorch names a basic-indexing view after the last op applied: select, slice or unsqueeze."""
    for x in reversed(key):
        if type(x) is int:
            return Select
        if x is None:
            return Unsqueeze
        if isinstance(x, slice) and (single or x != slice(None)):
            return Slice
    return Alias


# ---- t[key] ------------------------------------------------------------------------------------------
class Index(Op):
    """t[key]; backward scatters the gradient back with accumulation (repeated indices add up)."""

    @staticmethod
    def forward(ctx, a, key, basic):
        ctx.key, ctx.in_shape, ctx.basic = key, a._data.shape, basic
        out = a._data[key]
        return out if basic else np.asarray(out)

    @staticmethod
    def backward(ctx, g):
        return IndexAccumulate.apply(g, ctx.key, ctx.in_shape, ctx.basic), None, None


class Select(Index):
    pass


class Slice(Index):
    pass


class Unsqueeze(Index):
    pass


class Alias(Index):
    pass


class IndexSelect(Index):
    pass


class MaskedSelect(Index):
    pass


class Take(Index):
    pass


class IndexAccumulate(Op):
    """zeros(shape) with g added at key (the adjoint of indexing); its own adjoint is indexing."""

    node_name = "IndexPutBackward0"

    @staticmethod
    def forward(ctx, g, key, shape, basic):
        ctx.key, ctx.basic = key, basic
        out = np.zeros(shape, dtype=g._data.dtype)
        if basic:
            out[key] = g._data
        else:
            np.add.at(out, key, g._data)
        return out

    @staticmethod
    def backward(ctx, gg):
        return Index.apply(gg, ctx.key, ctx.basic), None, None, None


def _split_ints(k):
    """PyTorch applies int indices as selects before advanced indexing; NumPy treats them as advanced
    indices, which moves the indexed dims to the front when an int stands apart from the index arrays
    (``x[0, :, idx]``). Returns ``(select_key, rest_key)`` where the two differ, else None."""
    adv = [i for i, x in enumerate(k) if isinstance(x, np.ndarray) or type(x) is int]
    arrays = [i for i, x in enumerate(k) if isinstance(x, np.ndarray)]
    if not arrays or adv[-1] - adv[0] + 1 == len(adv) or \
            any(type(x) is not int for x in k[arrays[0]:arrays[-1] + 1] if not isinstance(x, np.ndarray)):
        return None
    first = tuple(s for x in k if type(x) is not bool for s in
                  ((x,) if not isinstance(x, np.ndarray) else (slice(None),) * (x.ndim if x.dtype == np.bool_ else 1)))
    rest = tuple(x if isinstance(x, np.ndarray) or x is Ellipsis or type(x) is bool else slice(None)
                 for x in k if type(x) is not int)
    return first, rest


def getitem(self, key):
    k, basic = convert_key(key, self._data.shape)
    if basic:
        cls = _basic_name(k, not isinstance(key, tuple))
        return as_view(cls.apply(self, _basic_view_key(k), True), self)
    split = _split_ints(k)
    if split is not None:
        return getitem(getitem(self, split[0]), split[1])
    return Index.apply(self, k, False)


# ---- t[key] = v, index_put ---------------------------------------------------------------------------
class IndexPut(Op):
    """a with a[key] = v (or += v with ``accumulate``); v broadcasts to the indexed shape."""

    @staticmethod
    def forward(ctx, a, v, key, accumulate=False):
        arr = a._data
        ctx.key, ctx.accumulate = key, accumulate
        val = v._data if isinstance(v, Tensor) else v
        ctx.v_shape = np.shape(val)
        out = arr.copy()
        try:
            if accumulate:
                np.add.at(out, key, np.asarray(val, dtype=arr.dtype))
            else:
                out[key] = val
        except (ValueError, TypeError):  # NumPy's TypeError: an n-d value into a full boolean mask
            raise RuntimeError(f"shape mismatch: value tensor of shape {list(np.shape(val))} cannot be broadcast to "
                               f"indexing result of shape {list(np.shape(arr[key]))}") from None
        return out

    @staticmethod
    def backward(ctx, g):
        ga = gv = None
        if ctx.needs_input_grad[0]:
            ga = g if ctx.accumulate else type(ctx)._fn.apply(g, 0.0, ctx.key)
        if ctx.needs_input_grad[1]:
            gv = Index.apply(g, ctx.key, False).sum_to_size(ctx.v_shape)
        return ga, gv, None, None


class IndexCopy(IndexPut):
    pass


class IndexFill(IndexPut):
    pass


class IndexFillTensor(IndexFill):
    node_name = "IndexFillBackward1"


def _strip_leading_ones(value):
    if isinstance(value, Tensor):
        shape = value._data.shape
        i = 0
        while i < len(shape) and shape[i] == 1:
            i += 1
        return value.reshape(shape[i:]) if i else value
    return value


def _value_for(self, value):
    if isinstance(value, Tensor):
        return value.to(self.dtype) if value._data.dtype != self._data.dtype else value
    if isinstance(value, (np.ndarray, list, tuple)):
        return Tensor._make(np.asarray(value, dtype=self._data.dtype))
    if self._data.dtype.kind in "iu":  # x[i] = 200 into int8 raises (floats take inf), as PyTorch
        return _dtype.checked_scalar(value, self._data.dtype)
    return value


def _check_put_dtype(self, value, k):
    """index_put needs the value's dtype (PyTorch), after its shape check; numbers are always cast."""
    if isinstance(value, Tensor) and value._data.dtype != self._data.dtype:
        target = np.shape(self._data[k])
        try:
            np.broadcast_shapes(value._data.shape, target)
        except ValueError:
            raise RuntimeError(f"shape mismatch: value tensor of shape {list(value._data.shape)} cannot be "
                               f"broadcast to indexing result of shape {list(target)}") from None
        raise RuntimeError(f"Index put requires the source and destination dtypes match, got "
                           f"{_dtype.type_name(self.dtype)} for the destination and "
                           f"{_dtype.type_name(value.dtype)} for the source.")


def setitem(self, key, value):
    k, basic = convert_key(key, self._data.shape)
    if basic:
        value = _strip_leading_ones(_value_for(self, value))
        view = getitem(self, key)
        if isinstance(value, Tensor) and value._data.shape != view._data.shape:
            value = value.expand(view.shape)
        view.copy_(value)
        return
    split = _split_ints(k)
    if split is not None:
        setitem(getitem(self, split[0]), split[1], value)
        return
    arrays = [x for x in k if isinstance(x, np.ndarray)]
    masked_fill = len(arrays) == 1 and arrays[0].dtype == np.bool_ and isinstance(value, Tensor) \
        and value._data.size == 1  # PyTorch takes masked_fill here, which casts
    if not masked_fill:
        _check_put_dtype(self, value, k)
    value = _strip_leading_ones(_value_for(self, value))
    apply_inplace(self, lambda s, v: IndexPut.apply(s, v, k), value, needs_old_value=False)


def index_put(input, indices, values, accumulate=False):
    k, _ = convert_key(tuple(indices), input._data.shape)
    _check_put_dtype(input, values, k)
    return IndexPut.apply(input, _value_for(input, values), k, bool(accumulate))


def index_put_(self, indices, values, accumulate=False):
    k, _ = convert_key(tuple(indices), self._data.shape)
    _check_put_dtype(self, values, k)
    return apply_inplace(self, lambda s, v: IndexPut.apply(s, v, k, bool(accumulate)),
                         _value_for(self, values), needs_old_value=False)


class Put(IndexPut):
    pass


def put(input, index, source, accumulate=False):
    """Tensor.put: ``input.view(-1)[index] = source`` (``+=`` with ``accumulate``), out of place."""
    if not isinstance(index, Tensor) or index._data.dtype != np.int64:
        got = _dtype.type_name(index.dtype) if isinstance(index, Tensor) else type(index).__name__
        raise RuntimeError(f"put_(): Expected a long tensor for index, but got {got}")
    if source._data.dtype != input._data.dtype:
        raise RuntimeError(f"put_(): self and source expected to have the same dtype, but got self.dtype = "
                           f"{_dtype.type_name(input.dtype)} and source.dtype = {_dtype.type_name(source.dtype)}")
    idx, n = index._data.reshape(-1), input._data.size
    if source._data.size != idx.size:
        raise IndexError(f"put_(): Expected source and index to have the same number of elements, but got "
                         f"source.numel() = {source._data.size}, index.numel() = {idx.size}")
    if idx.size and (idx.max() >= n or idx.min() < -n):
        bad = int(idx.max()) if idx.max() >= n else int(idx.min())
        raise IndexError(f"out of range: tried to access index {bad} on a tensor of {n} elements.")
    if input._data.ndim == 0:  # a scalar is a 1-element flat tensor
        return Put.apply(input.reshape(1), source.reshape(-1), (np.zeros(idx.size, np.int64),),
                         bool(accumulate)).reshape(())
    key = np.unravel_index(np.where(idx < 0, idx + n, idx), input._data.shape)
    return Put.apply(input, source.reshape(-1), key, bool(accumulate))


# ---- gather / scatter ------------------------------------------------------------------------------
def _check_index(index, op, empty_ok=False):
    if not isinstance(index, Tensor):
        raise TypeError(f"{op}(): argument 'index' must be Tensor, not {type(index).__name__}")
    if index._data.dtype not in (np.int64, np.int32) and not (empty_ok and index._data.size == 0):
        raise RuntimeError(f"{op}(): Expected dtype int32/int64 for index")
    return index._data


def _as_1d(*arrays):
    """0-d arrays as 1-element ones (views): PyTorch's scatter/gather treat a scalar as a 1-element dim."""
    return tuple(a.reshape(1) if a.ndim == 0 else a for a in arrays)


def _grid_index(index, dim):
    """Advanced index picking, for each position of ``index``, element index[pos] along ``dim``."""
    grids = list(np.ogrid[tuple(slice(0, s) for s in index.shape)]) if index.ndim else []
    if not grids:
        return (index,)
    grids[dim] = index
    return tuple(grids)


def _check_gather_shapes(self_shape, index, dim, op, src_shape=None):
    """PyTorch's shape checks: gather's (``op == "gather"``) or scatter's (both skipped for an empty index)."""
    if index.size == 0:
        return
    if max(index.ndim, 1) != max(len(self_shape), 1):
        raise RuntimeError("Index tensor must have the same number of dimensions as "
                           f"{'input' if op == 'gather' else 'self'} tensor")
    if op == "gather":
        for d in range(index.ndim):
            if d != dim and index.shape[d] > self_shape[d]:
                raise RuntimeError(f"Size does not match at dimension {d} expected index {list(index.shape)} to be no "
                                   f"larger than self {list(self_shape)} apart from dimension {dim}")
        return
    wrong = any(d != dim and index.shape[d] > self_shape[d] for d in range(index.ndim))
    msg = f"Expected index {list(index.shape)} to be no larger than self {list(self_shape)} apart from dimension {dim}"
    if src_shape is not None:
        src_dims = tuple(src_shape) or (1,)
        if not wrong and index.ndim > len(src_dims):
            raise IndexError(f"Dimension out of range (expected to be in range of [{-len(src_dims)}, "
                             f"{len(src_dims) - 1}], but got {len(src_dims)})")
        if wrong or any(index.shape[d] > src_dims[d] for d in range(index.ndim)):
            raise RuntimeError(f"{msg} and to be no larger size than src {list(src_shape)}")
    elif wrong:
        raise RuntimeError(msg)


def _check_index_range(self_shape, index, dim):
    """The kernels' bounds check: 0 <= index < size along ``dim``; names the first bad index (C order)."""
    n = self_shape[dim] if self_shape else 1
    bad = (index < 0) | (index >= n)
    if bad.any():
        raise RuntimeError(f"index {int(index[bad].flat[0])} is out of bounds for dimension {dim} with size {n}")


class Gather(Op):
    @staticmethod
    def forward(ctx, a, dim, index):
        ctx.in_shape, ctx.dim, ctx.index = a._data.shape, dim, index
        if index._data.size == 0:  # any index shape goes when empty
            return np.zeros(index._data.shape, a._data.dtype)
        return a._data[_grid_index(index._data, dim)] if a._data.ndim else a._data.reshape(-1)[index._data]

    @staticmethod
    def backward(ctx, g):
        zeros = Tensor._make(np.zeros(ctx.in_shape, dtype=g._data.dtype))
        return ScatterAdd.apply(zeros, ctx.dim, ctx.index, g), None, None


def gather(input, dim, index, *, sparse_grad=False):
    d = wrap_dim(dim, input._data.ndim, "gather")
    idx = _check_index(index, "gather", empty_ok=True)
    _check_gather_shapes(input._data.shape, idx, d, "gather")
    _check_index_range(input._data.shape, idx, d)
    return Gather.apply(input, d, index)


def _src_part(src, index_shape):
    return src[tuple(slice(0, s) for s in index_shape)]


def _pad_to(t, shape):
    """``t`` zero-padded at the end of each dim up to ``shape`` (src larger than index gets zeros there)."""
    if tuple(shape) == t._data.shape:
        return t
    from .padding import pad
    pads = []
    for s, n in zip(reversed(shape), reversed(t._data.shape)):
        pads += [0, s - n]
    return pad(t, pads)


def _grad_src(g, dim, index, src_shape):
    """g.gather(dim, index), zero-padded to src's shape where src is larger than index."""
    picked = Gather.apply(g, dim, index)
    if not src_shape:  # a 0-d src took at most one element
        return picked.sum()
    return _pad_to(picked.reshape(src_shape[:1]) if picked._data.ndim == 0 else picked, src_shape)


class Scatter(Op):
    @staticmethod
    def forward(ctx, a, dim, index, src):
        ctx.dim, ctx.index = dim, index
        out = a._data.copy()
        if isinstance(src, Tensor):
            ctx.src_shape = src._data.shape
        if index._data.size == 0:
            return out
        flat, index_1d = _as_1d(out, index._data)
        idx = _grid_index(index_1d, dim)
        if isinstance(src, Tensor):
            flat[idx] = _src_part(_as_1d(src._data)[0], index_1d.shape)
        else:
            flat[idx] = src
        return out

    @staticmethod
    def backward(ctx, g):
        ga = gs = None
        if ctx.needs_input_grad[0]:
            ga = Scatter.apply(g, ctx.dim, ctx.index, 0.0)
        if ctx.needs_input_grad[3]:
            gs = _grad_src(g, ctx.dim, ctx.index, ctx.src_shape)
        return ga, None, None, gs


class ScatterValue(Scatter):
    node_name = "ScatterBackward1"


class ScatterAdd(Op):
    @staticmethod
    def forward(ctx, a, dim, index, src):
        ctx.dim, ctx.index, ctx.src_shape = dim, index, src._data.shape
        out = a._data.copy()
        if index._data.size == 0:
            return out
        flat, index_1d, s = _as_1d(out, index._data, src._data)
        np.add.at(flat, _grid_index(index_1d, dim), _src_part(s, index_1d.shape).astype(out.dtype))
        return out

    @staticmethod
    def backward(ctx, g):
        gs = _grad_src(g, ctx.dim, ctx.index, ctx.src_shape) if ctx.needs_input_grad[3] else None
        return g, None, None, gs


def _scatter_args(input, dim, index, src, op, reduce=None, reduces=None):
    """PyTorch's scatter checks in its order (dim, dtypes, shapes, ``reduce`` among ``reduces``, bounds);
    returns the wrapped dim."""
    d = wrap_dim(dim, input._data.ndim, op)
    if not isinstance(index, Tensor):
        raise TypeError(f"{op}(): argument 'index' (position 3) must be Tensor, not {type(index).__name__}")
    idx = index._data
    if idx.size and idx.dtype not in (np.int64, np.int32):
        raise RuntimeError("scatter(): Expected dtype int32/int64 for index")
    if isinstance(src, Tensor) and src._data.dtype != input._data.dtype:
        raise RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype")
    _check_gather_shapes(input._data.shape, idx, d, op, src._data.shape if isinstance(src, Tensor) else None)
    if reduce is not None and reduce not in reduces:
        raise RuntimeError("reduce argument must be either add or multiply." if reduces == _LEGACY_REDUCES else
                           f"reduce argument must be either sum, prod, mean, amax or amin, got {reduce}")
    if isinstance(src, Tensor) and idx.size and max(idx.ndim, 1) != max(src._data.ndim, 1):
        raise RuntimeError("Index tensor must have the same number of dimensions as src tensor")
    _check_index_range(input._data.shape, idx, d)
    return d


_LEGACY_REDUCES = ("add", "multiply")


class ScatterLegacyReduce(Op):
    """scatter(..., reduce='add'|'multiply') (deprecated in PyTorch, which defines no derivative for it)."""

    node_name = "NotImplemented"

    @staticmethod
    def forward(ctx, a, dim, index, src, reduce, name):
        ctx.aten = name
        out = a._data.copy()
        idx = index._data
        key = _grid_index(idx, dim) if out.ndim else (np.zeros(idx.size, dtype=np.int64),)
        flat = out if out.ndim else out.reshape(1)
        if isinstance(src, Tensor):
            val = _src_part(src._data, idx.shape) if out.ndim else src._data.reshape(-1)[:idx.size]
        else:
            val = np.asarray(src).astype(out.dtype)
        (np.add if reduce == "add" else np.multiply).at(flat, key, val)
        return out

    @staticmethod
    def backward(ctx, g):
        raise RuntimeError(f"derivative for aten::{ctx.aten} is not implemented")


def _legacy_reduce(input, dim, index, src, reduce, name):
    d = _scatter_args(input, dim, index, src, "scatter", reduce, _LEGACY_REDUCES)
    if isinstance(src, Tensor):
        warn_once("scatter_reduce", "The reduce argument of autograd.scatter with Tensor src is deprecated and will "
                  "be removed in a future PyTorch release. Use autograd.scatter_reduce instead for more reduction "
                  "options.")
    return ScatterLegacyReduce.apply(input, d, index, src, reduce, name)


def scatter(input, dim, index, src=None, value=None, *, reduce=None):
    if src is None:
        src = value
    if reduce is not None:
        return _legacy_reduce(input, dim, index, src, reduce, "scatter")
    d = _scatter_args(input, dim, index, src, "scatter")
    if isinstance(src, Tensor):
        return Scatter.apply(input, d, index, src)
    return ScatterValue.apply(input, d, index, src)


def scatter_(self, dim, index, src=None, value=None, *, reduce=None):
    """In-place scatter (PyTorch names the missing derivative of its ``reduce=`` form aten::scatter_)."""
    if src is None:
        src = value
    if reduce is None:
        return apply_inplace(self, scatter, dim, index, src, needs_old_value=False)
    return apply_inplace(self, lambda s, v: _legacy_reduce(s, dim, index, v, reduce, "scatter_"), src,
                         needs_old_value=False)


def scatter_add(input, dim, index, src):
    d = _scatter_args(input, dim, index, src, "scatter_add")
    return ScatterAdd.apply(input, d, index, src)


# ---- scatter_reduce / index_reduce -------------------------------------------------------------------
class DelayedError(Op):
    """Identity whose backward raises ``msg``: a gradient PyTorch refuses to differentiate again."""

    node_name = "Error"  # PyTorch: the node DelayedError creates

    @staticmethod
    def forward(ctx, a, msg):
        ctx.msg = msg
        return a._data

    @staticmethod
    def backward(ctx, g):
        raise RuntimeError(ctx.msg)


def _identity(reduce, dtype):
    """The value a position starts from when ``include_self=False`` (PyTorch's init values)."""
    if reduce in ("sum", "mean"):
        return 0
    if reduce == "prod":
        return 1
    if dtype == np.bool_:
        return reduce == "amin"
    if dtype.kind == "f":
        return -np.inf if reduce == "amax" else np.inf
    info = np.iinfo(dtype)
    return info.min if reduce == "amax" else info.max


class ScatterReduce(Op):
    """out[index[i]] = reduce(input (if include_self), src[i]) along ``dim``, reduce in sum/prod/mean/amax/amin.

    Backward: PyTorch's scatter_reduce_backward (prod: exact with zeros; amax/amin: split evenly between
    ties), written with this op, Gather and pointwise ops so it differentiates again.
    """

    save_output = True
    _UFUNCS = {"sum": np.add, "prod": np.multiply, "amax": np.maximum, "amin": np.minimum, "mean": np.add}
    _DOUBLE_BACKWARD = ("scatter_reduce(): Double backward is unsupported for src when >1 zeros in src are "
                        "scattered to the same position in self")

    @staticmethod
    def forward(ctx, a, dim, index, src, reduce, include_self):
        arr = a._data
        flat = arr.reshape(1) if arr.ndim == 0 else arr
        idx = index._data.reshape(1) if index._data.ndim == 0 else index._data
        s = src._data.reshape(1) if src._data.ndim == 0 else src._data
        key = _grid_index(idx, dim)
        out = flat.copy()
        touched = np.zeros(flat.shape, dtype=bool)
        touched[key] = True
        if not include_self:
            out[touched] = _identity(reduce, arr.dtype)
        ScatterReduce._UFUNCS[reduce].at(out, key, _src_part(s, idx.shape).astype(arr.dtype, copy=False))
        if reduce == "mean":
            count = np.full(flat.shape, int(include_self), dtype=np.int64)
            np.add.at(count, key, 1)
            count = np.maximum(count, 1)
            out = (out / count if arr.dtype.kind == "f" else np.floor_divide(out, count)).astype(arr.dtype)
            ctx.count = count.reshape(arr.shape)
        ctx.save_for_backward(a, src)
        ctx.dim, ctx.index, ctx.key, ctx.reduce, ctx.include_self = dim, index, key, reduce, include_self
        ctx.touched = touched.reshape(arr.shape)
        return out.reshape(arr.shape)

    @staticmethod
    def backward(ctx, g):
        op = type(ctx)._fn
        a, src = ctx.saved_tensors
        result = ctx.output
        dim, index, red, include_self = ctx.dim, ctx.index, ctx.reduce, ctx.include_self
        part = src if src._data.shape == index._data.shape else src[tuple(slice(0, k) for k in index._data.shape)]

        def gather(t):
            return Gather.apply(t, dim, index)

        def const(arr):
            return Tensor._make(np.asarray(arr, dtype=g._data.dtype))

        if red == "sum":
            ga, gs = g, gather(g)
        elif red == "mean":
            n = const(ctx.count)
            ga, gs = g / n, gather(g) / gather(n)
        elif red == "prod":
            masked_self = a.masked_fill(a == 0, 1)
            ga = g * op.apply(masked_self, dim, index, src, red, include_self) / masked_self
            zero = part._data == 0
            zeros_at = np.zeros(np.shape(ctx.touched) or (1,), dtype=np.int64)
            np.add.at(zeros_at, ctx.key, zero.reshape(-1) if zero.ndim == 0 else zero)
            zeros_at = zeros_at[ctx.key].reshape(zero.shape)
            single = Tensor._make(zero & (zeros_at == 1))
            masked_src_result = op.apply(a, dim, index, part.masked_fill(single, 1), red, include_self)
            gs = where(single, gather(g * masked_src_result),
                       gather(g * result) / part.masked_fill(Tensor._make(zero), 1))
            if STATE.grad_enabled and (zeros_at > 1).any():
                gs = DelayedError.apply(gs, op._DOUBLE_BACKWARD)
        else:  # amax / amin: the gradient is split evenly between the input and src values equal to the result
            self_is = a == result
            src_is = part == gather(result)
            n = op.apply(self_is.to(g.dtype), dim, index, src_is.to(g.dtype), "sum", True)
            share = g / n
            ga, gs = self_is * share, src_is * gather(share)
        if not include_self:
            ga = ga.masked_fill(Tensor._make(ctx.touched), 0)
        if src._data.shape != index._data.shape:
            gs = _pad_to(gs, src._data.shape)
        return ga, None, None, gs, None, None


class IndexReduce(ScatterReduce):
    """index_reduce: ScatterReduce with ``index`` expanded along the other dims to the source's shape."""

    _DOUBLE_BACKWARD = ("index_reduce(): Double backward is unsupported for source when >1 zeros in source are "
                        "scattered to the same position in self")


def scatter_reduce(input, dim, index, src, reduce, *, include_self=True):
    if not isinstance(src, Tensor):
        raise TypeError(f"scatter_reduce(): argument 'src' (position 4) must be Tensor, not {type(src).__name__}")
    reduce = {"max": "amax", "min": "amin"}.get(reduce, reduce)  # torch accepts these spellings too
    d = _scatter_args(input, dim, index, src, "scatter_reduce", reduce, ("sum", "prod", "mean", "amax", "amin"))
    if reduce == "mean" and input._data.dtype == np.bool_:
        raise NotImplementedError("\"scatter_gather_tensor_cpu_reduce_mean\" not implemented for 'Bool'")
    return ScatterReduce.apply(input, d, index, src, reduce, bool(include_self))


def _check_index_func(input, d, index, source, op):
    """index_func_meta_impl's checks (index_add_, index_reduce_) and the kernel's dtype check, in PyTorch's order."""
    for name, pos, t in (("index", 3, index), ("source", 4, source)):
        if not isinstance(t, Tensor):
            raise TypeError(f"{op[:-1]}(): argument '{name}' (position {pos}) must be Tensor, not {type(t).__name__}")
    idx, src = index._data, source._data
    if idx.ndim > 1:
        raise IndexError(f"{op}(): Index is supposed to be a vector, but got dim: {idx.ndim} with type: "
                         f"{_dtype.type_name(index.dtype)} and size: {list(idx.shape)}")
    if idx.dtype not in (np.int64, np.int32):
        raise RuntimeError(f"{op}(): Expected dtype int32/int64 for index but got: {_dtype.type_name(index.dtype)}")
    if src.dtype != input._data.dtype:
        raise RuntimeError(f"{op}(): self ({_dtype.type_name(input.dtype)}) and source "
                           f"({_dtype.type_name(source.dtype)}) must have the same scalar type")
    if not (d == 0 or d < src.ndim):
        raise RuntimeError(f"{op}(): Indexing dim {d} is out of bounds of the source tensor with dim {src.ndim}")
    if idx.size != (1 if src.ndim == 0 else src.shape[d]):
        if src.ndim == 0:
            raise IndexError("Dimension specified as 0 but tensor has no dimensions")
        raise RuntimeError(f"{op}(): Number of indices ({idx.size}) should be equal to source.size(dim): "
                           f"({src.shape[d]}), for dim: {d}")
    self_rest, src_rest = list(input._data.shape), list(src.shape)
    if src.ndim and input._data.ndim:
        del self_rest[d], src_rest[d]
    if self_rest != src_rest:
        raise RuntimeError(f"source tensor shape must match self tensor shape, excluding the specified dimension. "
                           f"Got self.shape = {list(input._data.shape)} source.shape = {list(src.shape)}")


def _check_index_range_in_self(input, d, idx):
    n = input._data.shape[d] if input._data.ndim else 1
    if idx.size and (idx.min() < 0 or idx.max() >= n):
        raise IndexError("index out of range in self")


def index_reduce(input, dim, index, source, reduce, *, include_self=True):
    if reduce not in ("prod", "mean", "amax", "amin"):
        raise RuntimeError(f"index_reduce(): Expected reduce to be one of prod, mean, amax or amin but got {reduce}.")
    d = wrap_dim(dim, input._data.ndim, "index_reduce")
    _check_index_func(input, d, index, source, "index_reduce_")
    _check_index_range_in_self(input, d, index._data)
    if input._data.dtype == np.bool_:
        kernel = ("index_reduce_func_exclude_input_init" if not include_self else
                  "index_func_" if input._data.ndim <= 1 else "div_floor_cpu" if reduce == "mean" else None)
        if kernel:
            raise NotImplementedError(f"\"{kernel}\" not implemented for 'Bool'")
    warn_once("index_reduce", "index_reduce() is in beta and the API may change at any time.")
    src = source._data
    idx = index._data.reshape(-1)
    if src.ndim:
        shape = [1] * src.ndim
        shape[d] = idx.size
        idx = np.broadcast_to(idx.reshape(shape), src.shape)
    else:
        idx = idx.reshape(())
    return IndexReduce.apply(input, d, Tensor._make(idx), source, reduce, bool(include_self))


def take_along_dim(input, indices, dim=None):
    if isinstance(indices, Tensor) and indices._data.dtype != np.int64:
        raise RuntimeError(f"torch.take_along_dim(): dtype of indices should be Long but got "
                           f"{_dtype.type_name(indices.dtype)}")
    if dim is None:
        return gather(input.reshape(-1), 0, indices.reshape(-1))
    nd = input._data.ndim
    d = wrap_dim(dim, nd, "take_along_dim")
    if indices._data.ndim != nd:
        raise RuntimeError(f"torch.take_along_dim(): input and indices should have the same number of dimensions, "
                           f"but got {nd} dimensions for input, and {indices._data.ndim} dimensions for indices")
    si, sx = list(input._data.shape), list(indices._data.shape)
    si[d] = sx[d] = 1
    b = list(np.broadcast_shapes(tuple(si), tuple(sx)))
    bi, bx = list(b), list(b)
    bi[d], bx[d] = input._data.shape[d], indices._data.shape[d]
    n, idx = input._data.shape[d], indices._data
    if idx.size and (idx.min() < 0 or idx.max() >= n):  # PyTorch takes indices modulo the size along dim
        if n == 0:
            raise RuntimeError("ZeroDivisionError")
        indices = Tensor._make(np.mod(idx, n))
    return gather(input.expand(bi), d, indices.expand(bx))


def take(input, index):
    idx = _check_index(index, "take")
    n = input._data.size
    if idx.size and (idx.max() >= n or idx.min() < -n):
        bad = int(idx.max()) if idx.max() >= n else int(idx.min())
        raise IndexError(f"out of range: tried to access index {bad} on a tensor of {n} elements.")
    return Take.apply(input.reshape(-1), (idx,), False)


# ---- index_select / index_add / index_copy / index_fill ----------------------------------------------
_INDEX_DTYPE_ERRORS = {  # torch words each op's check differently
    "index_select": (RuntimeError, "index_select(): Expected dtype int32 or int64 for index"),
    "index_fill_": (IndexError, "index_fill_(): Expected dtype int64 for index."),
    "index_copy_": (RuntimeError, "index_copy_(): Expected a long tensor for index, but got {}"),
}


def _dim_index(input, dim, index, op, bounds=True):
    d = wrap_dim(dim, input._data.ndim, op)
    if not isinstance(index, Tensor) or index._data.dtype.kind not in "iu":
        got = _dtype.type_name(index.dtype) if isinstance(index, Tensor) else type(index).__name__
        exc, msg = _INDEX_DTYPE_ERRORS.get(op, (RuntimeError,
                                                op + "(): Expected dtype int32/int64 for index but got: {}"))
        raise exc(msg.format(got))
    idx = index._data
    if idx.ndim > 1:
        raise IndexError(f"{op}(): Index is supposed to be a vector")
    idx = idx.reshape(-1)
    if bounds:
        _check_bounds(input, d, idx, op)
    return d, ((slice(None),) * d + (idx,)) if input._data.ndim else (idx,)


def _check_bounds(input, d, idx, op):
    n = input._data.shape[d] if input._data.ndim else 1
    low = -n if op == "index_fill_" else 0  # only index_fill_ takes negative indices
    bad = idx[(idx >= n) | (idx < low)]
    if bad.size:
        if op == "index_select":
            raise IndexError("index out of range in self")
        exc = RuntimeError if op == "index_add_" else IndexError
        raise exc(f"index {int(bad[0])} is out of bounds for dimension {d} with size {n}")


def index_select(input, dim, index):
    d, key = _dim_index(input, dim, index, "index_select")
    if input._data.ndim == 0:
        return IndexSelect.apply(input.reshape(1), key, False).reshape(())
    return IndexSelect.apply(input, key, False)


class IndexAdd(Op):
    @staticmethod
    def forward(ctx, a, key, src, alpha):
        ctx.key, ctx.alpha = key, alpha
        out = a._data.copy()
        np.add.at(out, key, (src._data * alpha if alpha != 1 else src._data).astype(out.dtype))
        return out

    @staticmethod
    def backward(ctx, g):
        gs = None
        if ctx.needs_input_grad[2]:
            gs = Index.apply(g, ctx.key, False)
            if ctx.alpha != 1:
                gs = gs * ctx.alpha
        return g, None, gs, None


def index_add(input, dim, index, source, *, alpha=1):
    d = wrap_dim(dim, input._data.ndim, "index_add")
    _check_index_func(input, d, index, source, "index_add_")
    idx = index._data.reshape(-1)
    if input._data.ndim == 0:  # the scalar kernel's bounds check; then a 1-element dim
        _check_index_range_in_self(input, d, idx)
        return IndexAdd.apply(input.reshape(1), (idx,), source.reshape(-1), alpha).reshape(())
    _check_bounds(input, d, idx, "index_add_")
    return IndexAdd.apply(input, (slice(None),) * d + (idx,), source, alpha)


def _check_index_copy(input, dim, index, source):
    """index_copy_'s checks, in PyTorch's order (they differ from index_add_'s)."""
    nd, sd = input._data.ndim, source._data.ndim
    if isinstance(index, Tensor) and index._data.ndim > 1:
        raise IndexError(f"index_copy_(): Index should have dimension 1 or 0 (got {index._data.ndim})")
    n = index._data.size if isinstance(index, Tensor) else 0
    if sd == 0 and n != 1:
        raise IndexError(f"index_copy_(): When source is scalar, index should have one element (got {n})")
    if sd != nd and sd != 0 and nd != 0:
        raise IndexError(f"index_copy_(): When source and destination are not scalars, their dimensionality must "
                         f"match. Source dimensionality ({sd}), destination dimensionality ({nd})")
    if isinstance(index, Tensor) and index._data.dtype != np.int64:
        raise RuntimeError(f"index_copy_(): Expected a long tensor for index, but got {_dtype.type_name(index.dtype)}")
    if source._data.dtype != input._data.dtype:
        raise RuntimeError(f"index_copy_(): self and source expected to have the same dtype, but got (self) "
                           f"{_dtype.type_name(input.dtype)} and (source) {_dtype.type_name(source.dtype)}")
    d = wrap_dim(dim, nd, "index_copy_")
    ds = [s for i, s in enumerate(input._data.shape) if i != d]
    ss = [s for i, s in enumerate(source._data.shape) if i != d]
    if ds != ss:
        raise RuntimeError(f"index_copy_(): Source/destination tensor must have same slice shapes. Destination slice "
                           f"shape: {' '.join(map(str, ds))} at dimension {d} and source slice shape: "
                           f"{' '.join(map(str, ss))} at dimension 0.")
    if sd and n != source._data.shape[d]:
        raise IndexError(f"index_copy_(): Number of indices ({n}) should be equal to source.size(dim) "
                         f"({source._data.shape[d]})")
    size = input._data.shape[d] if nd else 1
    bad = [int(i) for i in index._data.reshape(-1) if not 0 <= i < size]
    if bad:
        raise IndexError(f"index_copy_(): index {bad[0]} is out of bounds for dimension {d} with size {size}")


def index_copy(input, dim, index, source):
    _check_index_copy(input, dim, index, source)
    d, key = _dim_index(input, dim, index, "index_copy_")
    if input._data.ndim == 0:
        key = _scalar_key(key)
    return IndexCopy.apply(input, _value_for(input, source), key)


def _scalar_key(key):
    """A 0-d self's key: a 0-d boolean (write the scalar, or nothing for an empty index)."""
    return (np.asarray(key[0].size > 0),)


def index_fill(input, dim, index, value):
    d, key = _dim_index(input, dim, index, "index_fill_")
    if isinstance(value, Tensor) and value._data.ndim != 0:
        raise RuntimeError(f"index_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                           f"{value._data.ndim} dimension(s).")
    op = IndexFillTensor if isinstance(value, Tensor) else IndexFill
    if input._data.ndim == 0:
        key = _scalar_key(key)
    else:  # value's gradient counts each filled position once (PyTorch: over index's unique values)
        key = key[:-1] + (np.unique(key[-1]),)
    return op.apply(input, _value_for(input, value), key)


# ---- masked_fill / masked_select ---------------------------------------------------------------------
class MaskedFill(Op):
    """Fill with a Python number; ``MaskedFillTensor`` fills with a 0-d tensor (which gets a gradient)."""

    @staticmethod
    def forward(ctx, a, mask, value):
        m = mask._data
        ctx.mask, ctx.shape = mask, a._data.shape
        v = value._data if isinstance(value, Tensor) else _dtype.checked_scalar(value, a._data.dtype)
        return np.where(m, np.asarray(v, dtype=a._data.dtype), a._data)

    @staticmethod
    def backward(ctx, g):
        from .pointwise import where
        zero = g * 0
        ga = where(ctx.mask, zero, g).sum_to_size(ctx.shape) if ctx.needs_input_grad[0] else None
        gv = where(ctx.mask, g, zero).sum() if ctx.needs_input_grad[2] else None
        return ga, None, gv


class MaskedFillTensor(MaskedFill):
    node_name = "MaskedFillBackward1"


def _check_mask(mask, op):
    if not isinstance(mask, Tensor) or mask._data.dtype != np.bool_:
        dt = _C_TYPES.get(mask.dtype.name, mask.dtype.name) if isinstance(mask, Tensor) else type(mask).__name__
        raise RuntimeError(f"{op} only supports boolean masks, but got mask with dtype {dt}")


def _broadcast(shape_a, shape_b):
    try:
        return np.broadcast_shapes(shape_a, shape_b)
    except ValueError:
        for i in range(1, max(len(shape_a), len(shape_b)) + 1):
            a = shape_a[-i] if i <= len(shape_a) else 1
            b = shape_b[-i] if i <= len(shape_b) else 1
            if a != b and a != 1 and b != 1:
                raise RuntimeError(f"The size of tensor a ({a}) must match the size of tensor b ({b}) at "
                                   f"non-singleton dimension {max(len(shape_a), len(shape_b)) - i}") from None
        raise


def masked_fill(input, mask, value):
    _check_mask(mask, "masked_fill_")
    if isinstance(value, Tensor) and value._data.ndim != 0:
        raise RuntimeError(f"masked_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                           f"{value._data.ndim} dimension(s).")
    shape = _broadcast(mask._data.shape, input._data.shape)
    if shape != input._data.shape:
        input = input.expand(shape)
    return (MaskedFillTensor if isinstance(value, Tensor) else MaskedFill).apply(input, mask, value)


def masked_fill_(self, mask, value):
    def fill(s, mask, value):  # checked inside, so a leaf requiring grad is reported first (as PyTorch)
        _check_mask(mask, "masked_fill_")
        shape = _broadcast(mask._data.shape, s._data.shape)
        if shape != s._data.shape:
            raise RuntimeError(f"output with shape {list(s._data.shape)} doesn't match the broadcast shape "
                               f"{list(shape)}")
        return masked_fill(s, mask, value)
    return apply_inplace(self, fill, mask, value, needs_old_value=False)


def masked_select(input, mask):
    if not isinstance(mask, Tensor) or mask._data.dtype != np.bool_:
        raise RuntimeError("masked_select: expected BoolTensor for mask")
    shape = _broadcast(mask._data.shape, input._data.shape)
    m = np.broadcast_to(mask._data, shape)
    return MaskedSelect.apply(input.expand(shape), (m,), False)


# ---- nonzero -----------------------------------------------------------------------------------------
def nonzero(input, *, as_tuple=False):
    idx = np.nonzero(input._data) if input._data.ndim else np.nonzero(input._data.reshape(1))
    if as_tuple:
        return tuple(Tensor._make(i.astype(np.int64)) for i in idx)
    return Tensor._make(np.stack(idx, axis=1).astype(np.int64) if input._data.ndim else
                        np.zeros((int(bool(input._data)), 0), np.int64))


def argwhere(input):
    return nonzero(input)


register_method("__getitem__")(getitem)
register_method("__setitem__")(setitem)
for _name, _fn in dict(nonzero=nonzero, argwhere=argwhere, gather=gather, scatter=scatter, scatter_=scatter_,
                       scatter_add=scatter_add,
                       scatter_reduce=scatter_reduce, index_reduce=index_reduce,
                       take_along_dim=take_along_dim, take=take, index_select=index_select, index_add=index_add,
                       index_copy=index_copy, index_fill=index_fill, index_put=index_put, index_put_=index_put_, put=put,
                       masked_fill=masked_fill, masked_fill_=masked_fill_, masked_select=masked_select).items():
    register_method(_name)(_fn)
