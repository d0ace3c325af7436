"""Views and shape ops: reshape/view, expand, sum_to_size, transpose/permute, (un)squeeze, dtype casts."""
import numpy as np

from .. import _dtype
from ..function import Op
from ..tensor import Tensor, register_method
from ._util import normalize_dims, wrap_dim


def _infer_shape(shape, numel, op):
    shape = list(shape)
    neg = [i for i, s in enumerate(shape) if s == -1]
    if len(neg) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = 1
    for s in shape:
        if s != -1:
            if s < 0:
                raise RuntimeError(f"invalid shape dimension {s}")
            known *= s
    if neg:
        if known == 0 or numel % known:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
        shape[neg[0]] = numel // known
    elif known != numel:
        raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
    return tuple(shape)


def _shape_args(shape):
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        return tuple(int(s) for s in shape[0])
    return tuple(int(s) for s in shape)


def as_view(out, base):
    """Make ``out`` share ``base``'s version counter (views see each other's in-place writes)."""
    if np.may_share_memory(out._data, base._data):
        out._version_counter = base._version_counter
        out._base = base._base if base._base is not None else base
    return out


class Reshape(Op):
    node_name = "ViewBackward0"

    @staticmethod
    def forward(ctx, a, shape):
        ctx.in_shape = a._data.shape
        return a._data.reshape(shape)

    @staticmethod
    def backward(ctx, g):
        return g.reshape(ctx.in_shape), None


class View(Reshape):
    node_name = "ViewBackward0"


class ReshapeCopy(Reshape):
    node_name = "UnsafeViewBackward0"


def reshape(input, *shape):
    shape = _infer_shape(_shape_args(shape), input._data.size, "reshape")
    if shape == input._data.shape:
        return as_view(Reshape.apply(input, shape), input)
    return as_view(Reshape.apply(input, shape), input)


def view(self, *shape):
    if len(shape) == 1 and (isinstance(shape[0], _dtype.dtype) or shape[0] in (float, int, bool)):
        d = _dtype.to_dtype(shape[0])
        return Tensor._make(self._data.view(d.np))
    shape = _infer_shape(_shape_args(shape), self._data.size, "view")
    if not _viewable(self._data, shape):
        raise RuntimeError("view size is not compatible with input tensor's size and stride (at least one "
                           "dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
    return as_view(View.apply(self, shape), self)


def _viewable(arr, shape):
    if arr.flags.c_contiguous:
        return True
    try:
        v = arr.view()
        v.shape = shape
        return True
    except AttributeError:
        return False


class Expand(Op):
    @staticmethod
    def forward(ctx, a, shape):
        ctx.in_shape = a._data.shape
        return np.broadcast_to(a._data, shape)

    @staticmethod
    def backward(ctx, g):
        return g.sum_to_size(ctx.in_shape), None


def expand(self, *sizes):
    sizes = _shape_args(sizes)
    src = self._data.shape
    if len(sizes) < len(src):
        raise RuntimeError(f"expand: the number of sizes provided ({len(sizes)}) must be greater or equal to "
                           f"the number of dimensions in the tensor ({len(src)})")
    lead = len(sizes) - len(src)
    shape = []
    for i, s in enumerate(sizes):
        if i < lead:
            if s == -1:
                raise RuntimeError(f"expand: -1 is not allowed in a leading, non-existing dimension {i}")
            shape.append(s)
            continue
        cur = src[i - lead]
        if s == -1:
            s = cur
        if cur != s and cur != 1:
            raise RuntimeError(f"The expanded size of the tensor ({s}) must match the existing size ({cur}) at "
                               f"non-singleton dimension {i}.  Target sizes: {list(sizes)}.  Tensor sizes: {list(src)}")
        shape.append(s)
    shape = tuple(shape)
    if shape == src:
        return self
    return as_view(Expand.apply(self, shape), self)


class SumToSize(Op):
    node_name = "SumBackward1"

    @staticmethod
    def forward(ctx, a, shape):
        arr = a._data
        ctx.in_shape = arr.shape
        lead = arr.ndim - len(shape)
        axes = tuple(range(lead)) + tuple(i + lead for i, s in enumerate(shape) if s == 1 and arr.shape[i + lead] != 1)
        out = arr.sum(axis=axes, keepdims=True) if axes else arr
        return out.reshape(shape)

    @staticmethod
    def backward(ctx, g):
        return g.expand(ctx.in_shape), None


def sum_to_size(self, *size):
    shape = _shape_args(size)
    if shape == self._data.shape:
        return self
    src = self._data.shape
    lead = len(src) - len(shape)
    if lead < 0 or any(s != 1 and s != src[i + lead] for i, s in enumerate(shape)):
        raise RuntimeError(f"size {{{list(shape)}}} is not expandable to size {{{list(src)}}}.")
    return SumToSize.apply(self, shape)


class Permute(Op):
    @staticmethod
    def forward(ctx, a, dims):
        ctx.inv = tuple(np.argsort(dims))
        return a._data.transpose(dims)

    @staticmethod
    def backward(ctx, g):
        return g.permute(ctx.inv), None


class Transpose(Permute):
    @staticmethod
    def backward(ctx, g):
        return g.permute(ctx.inv), None


class T(Permute):
    pass


def permute(self, *dims):
    dims = _shape_args(dims)
    nd = self._data.ndim
    if len(dims) != nd:
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does not match the "
                           f"length of the desired ordering of dimensions i.e. input.dim() = {nd} is not equal "
                           f"to len(dims) = {len(dims)}")
    dims = tuple(wrap_dim(d, nd, "permute") for d in dims)
    if len(set(dims)) != nd:
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    return as_view(Permute.apply(self, dims), self)


def transpose(self, dim0, dim1):
    nd = self._data.ndim
    if nd == 0:
        return self
    d0, d1 = wrap_dim(dim0, nd, "transpose"), wrap_dim(dim1, nd, "transpose")
    perm = list(range(nd))
    perm[d0], perm[d1] = perm[d1], perm[d0]
    return as_view(Transpose.apply(self, tuple(perm)), self)


def t(self):
    nd = self._data.ndim
    if nd > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {nd}D")
    if nd < 2:
        return self
    return as_view(T.apply(self, (1, 0)), self)


def _T(self):
    nd = self._data.ndim
    return as_view(Permute.apply(self, tuple(range(nd - 1, -1, -1))), self) if nd >= 2 else self


def _mT(self):
    if self._data.ndim < 2:
        raise RuntimeError("tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.")
    return transpose(self, -2, -1)


class Squeeze(Op):
    @staticmethod
    def forward(ctx, a, shape):
        ctx.in_shape = a._data.shape
        return a._data.reshape(shape)

    @staticmethod
    def backward(ctx, g):
        return g.reshape(ctx.in_shape), None


class Unsqueeze(Squeeze):
    pass


def squeeze(self, dim=None):
    shape = self._data.shape
    if dim is None:
        dims = [i for i, s in enumerate(shape) if s == 1]
    else:
        dims = [d for d in normalize_dims(dim, self._data.ndim, "squeeze") if shape and shape[d] == 1]
    if not dims:
        return _view_as_self(self)
    new = tuple(s for i, s in enumerate(shape) if i not in dims)
    return as_view(Squeeze.apply(self, new), self)


def unsqueeze(self, dim):
    nd = self._data.ndim
    d = wrap_dim(dim, nd + 1, "unsqueeze")
    shape = list(self._data.shape)
    shape.insert(d, 1)
    return as_view(Unsqueeze.apply(self, tuple(shape)), self)


def flatten(self, start_dim=0, end_dim=-1):
    nd = self._data.ndim
    if nd == 0:
        return reshape(self, 1)
    s, e = wrap_dim(start_dim, nd, "flatten"), wrap_dim(end_dim, nd, "flatten")
    if s > e:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if s == e:
        return self
    shape = self._data.shape
    n = 1
    for x in shape[s:e + 1]:
        n *= x
    return reshape(self, shape[:s] + (n,) + shape[e + 1:])


def unflatten(self, dim, sizes):
    nd = self._data.ndim
    d = wrap_dim(dim, nd, "unflatten")
    shape = self._data.shape
    sizes = _infer_shape(tuple(sizes), shape[d], "unflatten")
    return reshape(self, shape[:d] + sizes + shape[d + 1:])


class Clone(Op):
    @staticmethod
    def forward(ctx, a):
        return a._data.copy()

    @staticmethod
    def backward(ctx, g):
        return g


def clone(self, *, memory_format=None):
    return Clone.apply(self)


def contiguous(self, memory_format=None):
    if self._data.flags.c_contiguous:
        return self
    return Clone.apply(self)


def _view_as_self(self):
    return as_view(Reshape.apply(self, self._data.shape), self)


class ToCopy(Op):
    @staticmethod
    def forward(ctx, a, np_dtype):
        ctx.src = a._data.dtype
        return a._data.astype(np_dtype)

    @staticmethod
    def backward(ctx, g):
        return g.to(_dtype.from_numpy_dtype(ctx.src)), None


def _to(self, *args, dtype=None, device=None, non_blocking=False, copy=False, memory_format=None):
    from ..tensor import _check_device
    for a in args:
        if isinstance(a, Tensor):
            dtype = a.dtype
        elif isinstance(a, str) or type(a).__name__ == "device":
            device = a
        elif a is not None:
            dtype = a
    if device is not None:
        _check_device(device)
    if dtype is None:
        return Clone.apply(self) if copy else self
    d = _dtype.to_dtype(dtype)
    if d.np == self._data.dtype:
        return Clone.apply(self) if copy else self
    return ToCopy.apply(self, d.np)


def view_as(self, other):
    return view(self, other.shape)


def reshape_as(self, other):
    return reshape(self, other.shape)


def expand_as(self, other):
    return expand(self, other.shape)


register_method("reshape")(reshape)
register_method("view")(view)
register_method("view_as")(view_as)
register_method("reshape_as")(reshape_as)
register_method("expand")(expand)
register_method("expand_as")(expand_as)
register_method("sum_to_size")(sum_to_size)
register_method("permute")(permute)
register_method("transpose", "swapaxes", "swapdims")(transpose)
register_method("t")(t)
Tensor.T = property(_T)
Tensor.mT = property(_mT)
Tensor.H = property(_T)
Tensor.mH = property(_mT)
register_method("squeeze")(squeeze)
register_method("unsqueeze")(unsqueeze)
register_method("flatten")(flatten)
register_method("unflatten")(unflatten)
register_method("clone")(clone)
register_method("contiguous")(contiguous)
register_method("view_as_self")(_view_as_self)
register_method("to")(_to)
register_method("float")(lambda self, memory_format=None: _to(self, _dtype.float32))
register_method("double")(lambda self, memory_format=None: _to(self, _dtype.float64))
register_method("half")(lambda self, memory_format=None: _to(self, _dtype.float16))
register_method("long")(lambda self, memory_format=None: _to(self, _dtype.int64))
register_method("int")(lambda self, memory_format=None: _to(self, _dtype.int32))
register_method("short")(lambda self, memory_format=None: _to(self, _dtype.int16))
register_method("char")(lambda self, memory_format=None: _to(self, _dtype.int8))
register_method("byte")(lambda self, memory_format=None: _to(self, _dtype.uint8))
register_method("bool")(lambda self, memory_format=None: _to(self, _dtype.bool_))
register_method("type_as")(lambda self, other: _to(self, other.dtype))
