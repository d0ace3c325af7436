"""Indexing with gradients: t[key] and t[key] = v (ints, slices, ellipsis, None, int/bool tensors)."""
import numpy as np

from ..function import Op
from ..grad_mode import STATE
from ..tensor import Tensor, register_method
from .shape import as_view


def _convert_item(k):
    if isinstance(k, Tensor):
        arr = k._data
        if arr.dtype.kind == "f":
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
        return arr
    if isinstance(k, (list,)):
        arr = np.asarray([_convert_item(x) if isinstance(x, Tensor) else x for x in k])
        if arr.dtype.kind == "f":
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
        return arr
    if isinstance(k, (int, np.integer, slice, type(None), type(Ellipsis), np.ndarray)):
        return k
    if isinstance(k, (bool, np.bool_)):
        return k
    if hasattr(k, "__index__"):
        return k.__index__()
    raise IndexError(f"only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are "
                     f"valid indices (got {type(k).__name__})")


def convert_key(key):
    """Turn a PyTorch-style index into a NumPy one; returns (key, is_basic)."""
    if isinstance(key, tuple):
        k = tuple(_convert_item(x) for x in key)
    else:
        k = _convert_item(key)
    items = k if isinstance(k, tuple) else (k,)
    basic = all(isinstance(x, (int, np.integer, slice, type(None), type(Ellipsis))) and not isinstance(x, bool)
                for x in items)
    return k, basic


def _index(arr, key, shape):
    try:
        return arr[key]
    except IndexError as e:
        msg = str(e).replace("axis", "dimension")
        raise IndexError(f"{msg} (indexing a tensor of shape {list(shape)})") from None


class Index(Op):
    """Advanced indexing (copies); backward scatters with accumulation, so repeated indices add up."""

    @staticmethod
    def forward(ctx, a, key, basic):
        ctx.key, ctx.in_shape, ctx.basic = key, a._data.shape, basic
        return np.asarray(_index(a._data, key, a._data.shape))

    @staticmethod
    def backward(ctx, g):
        return IndexAccumulate.apply(g, ctx.key, ctx.in_shape, ctx.basic), None, None


class Select(Index):
    pass


class Slice(Index):
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


def getitem(self, key):
    k, basic = convert_key(key)
    if basic:
        items = k if isinstance(k, tuple) else (k,)
        cls = Select if all(isinstance(x, (int, np.integer)) for x in items) else Slice
        out = cls.apply(self, k, True)
        out = as_view(out, self)
        if out._base is not None:
            out._view_key = (self, k)
        return out
    return Index.apply(self, k, False)


class IndexPut(Op):
    """out = a with out[key] = v (value broadcast); gradients: a gets g with key zeroed, v gets g[key]."""

    node_name = "CopySlices"

    @staticmethod
    def forward(ctx, a, v, key, basic):
        arr = a._data
        ctx.key, ctx.basic = key, basic
        ctx.v_shape = v._data.shape if isinstance(v, Tensor) else ()
        val = v._data if isinstance(v, Tensor) else v
        out = arr.copy()
        try:
            out[key] = val
        except IndexError as e:
            raise IndexError(f"{str(e).replace('axis', 'dimension')} (indexing a tensor of shape {list(arr.shape)})") from None
        except ValueError as e:
            raise RuntimeError(f"shape mismatch: value tensor of shape {list(np.shape(val))} cannot be broadcast to "
                               f"indexing result of shape {list(np.shape(arr[key]))} ({e})") from None
        return out

    @staticmethod
    def backward(ctx, g):
        ga = gv = None
        if ctx.needs_input_grad[0]:
            ga = IndexPut.apply(g, 0.0, ctx.key, ctx.basic)
        if ctx.needs_input_grad[1]:
            gv = Index.apply(g, ctx.key, ctx.basic).sum_to_size(ctx.v_shape)
        return ga, gv, None, None


def setitem(self, key, value):
    k, basic = convert_key(key)
    if isinstance(value, Tensor) and value._data.dtype != self._data.dtype:
        value = value.to(self.dtype)
    from .inplace import apply_inplace
    apply_inplace(self, lambda s, v: IndexPut.apply(s, v, k, basic), value, needs_old_value=False)


def nonzero(input, *, as_tuple=False):
    idx = np.nonzero(input._data)
    if as_tuple:
        return tuple(Tensor._make(i.astype(np.int64)) for i in idx)
    return Tensor._make(np.stack(idx, axis=1).astype(np.int64) if idx else np.zeros((0, 0), np.int64))


register_method("__getitem__")(getitem)
register_method("__setitem__")(setitem)
register_method("nonzero")(nonzero)
