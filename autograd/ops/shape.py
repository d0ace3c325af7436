"""Shape ops: views (reshape/view, expand, permute/transpose, (un)squeeze, diagonal, unfold) and
shape-changing copies (repeat/tile, flip, roll, tril/triu, diag, movedim), plus dtype casts.

View ops return NumPy views and call ``as_view`` so they share their base's storage and version
counter; each backward is written in Tensor ops (differentiable again).
"""
import warnings

import numpy as np
from numpy.lib.stride_tricks import as_strided as _np_as_strided

from .. import _dtype
from .. import memory_format as _mf
from ..function import Op
from ..tensor import Tensor, register_method
from ._util import normalize_dims, sum_to_shape, wrap_dim
from .views import as_view  # noqa: F401  (re-exported: view ops elsewhere import it from here)


def _infer_shape(shape, numel, op="view"):
    shape = list(shape)
    neg = [i for i, s in enumerate(shape) if s == -1]
    if len(neg) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = 1
    for i, s in enumerate(shape):
        if s != -1:
            if s < 0:
                raise RuntimeError(f"invalid shape dimension {s} at index {i} of shape {shape}")
            known *= s
    if neg:
        if known == 0 and numel == 0:
            raise RuntimeError(f"cannot reshape tensor of 0 elements into shape {list(shape)} because the unspecified "
                               "dimension size -1 can be any value and is ambiguous")
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


# ---- reshape / view --------------------------------------------------------------------------------
class View(Op):
    @staticmethod
    def forward(ctx, a, shape):
        ctx.in_shape = a._data.shape
        return a._data.reshape(shape)

    @staticmethod
    def backward(ctx, g):
        return g.reshape(ctx.in_shape), None

    @staticmethod
    def raw_backward(ctx, g):
        return g.reshape(ctx.in_shape), None


class ReshapeCopy(View):
    """reshape that had to copy (PyTorch: clone + _unsafe_view)."""

    node_name = "UnsafeViewBackward0"

    @staticmethod
    def forward(ctx, a, shape):
        ctx.in_shape = a._data.shape
        return np.array(a._data.reshape(shape), copy=True)




def _viewable(arr, shape):
    if arr.flags.c_contiguous:
        return True
    try:
        np.reshape(arr, shape, copy=False)
        return True
    except ValueError:
        return False


def reshape(input, *shape):
    shape = _infer_shape(_shape_args(shape), input._data.size, "reshape")
    if _viewable(input._data, shape):
        return as_view(View.apply(input, shape), input)
    return ReshapeCopy.apply(input, shape)


def _check_view_dtype(arr, d):
    """PyTorch's checks for viewing ``arr`` as a dtype of another element size."""
    old, new = arr.itemsize, d.np.itemsize
    if old == new:
        return
    names = f"{_dtype.type_name(_dtype.to_dtype(arr.dtype))} as {_dtype.type_name(d)} (different element sizes)"
    if arr.ndim == 0:
        raise RuntimeError(f"self.dim() cannot be 0 to view {names}")
    strides = [st // old for st in arr.strides]
    if strides[-1] != 1 and arr.shape[-1] != 1:
        raise RuntimeError(f"self.stride(-1) must be 1 to view {names}, but got {strides[-1]}")
    if new > old:
        ratio = new // old
        if arr.shape[-1] % ratio:
            raise RuntimeError(f"self.size(-1) must be divisible by {ratio} to view {names}, but got {arr.shape[-1]}")
        for i, st in enumerate(strides[:-1]):
            if st % ratio:
                raise RuntimeError(f"self.stride({i}) must be divisible by {ratio} to view {names}, but got {st}")


def view(self, *shape):
    if len(shape) == 1 and (isinstance(shape[0], _dtype.dtype) or shape[0] in (float, int, bool)):
        d = _dtype.to_dtype(shape[0])
        _check_view_dtype(self._data, d)
        return Tensor._make(self._data.view(d.np))
    if len(shape) > 1 and any(isinstance(a, _dtype.dtype) for a in shape):
        got = ", ".join("autograd.dtype" if isinstance(a, _dtype.dtype) else type(a).__name__ for a in shape)
        raise TypeError(f"view() received an invalid combination of arguments - got ({got}), but expected one "
                        f"of:\n * (autograd.dtype dtype)\n * (tuple of ints size)\n")
    shape = _infer_shape(_shape_args(shape), self._data.size, "view")
    if not _viewable(self._data, shape):
        raise RuntimeError("view size is not compatible with input tensor's size and stride (at least one "
                           "dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
    return as_view(View.apply(self, shape), self)


def view_as(self, other):
    return view(self, other.shape)


def reshape_as(self, other):
    return reshape(self, other.shape)


def flatten(input, start_dim=0, end_dim=-1):
    nd = input._data.ndim
    if nd == 0:
        return reshape(input, 1)
    s, e = wrap_dim(start_dim, nd, "flatten"), wrap_dim(end_dim, nd, "flatten")
    if s > e:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if s == e:
        return input
    shape = input._data.shape
    n = 1
    for x in shape[s:e + 1]:
        n *= x
    return reshape(input, shape[:s] + (n,) + shape[e + 1:])


def unflatten(input, dim, sizes):
    d = wrap_dim(dim, input._data.ndim, "unflatten")
    shape = input._data.shape
    sizes = tuple(int(s) for s in sizes)
    try:
        sizes = _infer_shape(sizes, shape[d])
    except RuntimeError:
        raise RuntimeError(f"unflatten: Provided sizes {list(sizes)} don't multiply up to the size of dim {d} "
                           f"({shape[d]}) in the input tensor") from None
    return reshape(input, shape[:d] + sizes + shape[d + 1:])


# ---- expand / sum_to_size / repeat / tile ---------------------------------------------------------
class Expand(Op):
    @staticmethod
    def forward(ctx, a, shape):
        ctx.in_shape = a._data.shape
        return np.broadcast_to(a._data, shape)

    @staticmethod
    def backward(ctx, g):
        return g.sum_to_size(ctx.in_shape), None

    @staticmethod
    def raw_backward(ctx, g):
        return sum_to_shape(g, ctx.in_shape), None


def expand(self, *sizes):
    sizes = _shape_args(sizes)
    src = self._data.shape
    if len(sizes) < len(src):
        raise RuntimeError(f"expand({self._type_name()}{{{list(src)}}}, size={list(sizes)}): the number of sizes "
                           f"provided ({len(sizes)}) must be greater or equal to the number of dimensions in the "
                           f"tensor ({len(src)})")
    lead = len(sizes) - len(src)
    shape = []
    for i in reversed(range(len(sizes))):  # PyTorch checks from the last dim
        s = sizes[i]
        if i < lead:
            if s < 0:
                raise RuntimeError(f"The expanded size of the tensor ({s}) isn't allowed in a leading, "
                                   f"non-existing dimension {i}")
            shape.append(s)
            continue
        cur = src[i - lead]
        if s == -1:
            s = cur
        if cur != s and cur != 1:
            raise RuntimeError(f"The expanded size of the tensor ({s}) must match the existing size ({cur}) at "
                               f"non-singleton dimension {i}.  Target sizes: {list(sizes)}.  Tensor sizes: {list(src)}")
        shape.append(s)
    shape.reverse()
    return as_view(Expand.apply(self, tuple(shape)), self)  # a new view even when nothing grows, as torch


def expand_as(self, other):
    return expand(self, other.shape)


def broadcast_to(input, size):
    return expand(input, tuple(size))


def broadcast_shapes(*shapes):
    from ._util import broadcast_shapes as _bs
    from ..tensor import Size
    return Size(_bs(*[(s,) if isinstance(s, int) else tuple(s) for s in shapes]))


def broadcast_tensors(*tensors):
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    shape = broadcast_shapes(*[t._data.shape for t in tensors])
    return tuple(t if t._data.shape == shape else expand(t, shape) for t in tensors)  # torch: same-shape inputs as they are


class SumToSize(Op):
    node_name = "SumBackward1"

    @staticmethod
    def forward(ctx, a, shape):
        ctx.in_shape = a._data.shape
        return sum_to_shape(a._data, shape)

    @staticmethod
    def backward(ctx, g):
        return g.expand(ctx.in_shape), None


def sum_to_size(self, *size):
    shape = _shape_args(size)
    if shape == () and (self._data.ndim or self._data.dtype.kind in "biu"):  # torch's sum_to: a full sum
        return self.sum()  # (so a bool/int 0-d input comes back int64)
    if shape == self._data.shape:
        return self
    src = self._data.shape
    lead = len(src) - len(shape)
    if lead < 0 or any(s != 1 and s != src[i + lead] for i, s in enumerate(shape)):
        raise RuntimeError(f"size {{{list(shape)}}} is not expandable to size {{{list(src)}}}.")
    return SumToSize.apply(self, shape)


class Repeat(Op):
    @staticmethod
    def forward(ctx, a, reps):
        arr = a._data.reshape((1,) * (len(reps) - a._data.ndim) + a._data.shape)
        ctx.in_shape, ctx.reps, ctx.padded = a._data.shape, reps, arr.shape
        return np.tile(arr, reps)

    @staticmethod
    def backward(ctx, g):
        inter = []
        for r, s in zip(ctx.reps, ctx.padded):
            inter += [r, s]
        g = g.reshape(inter).sum(tuple(range(0, len(inter), 2)))
        return g.reshape(ctx.in_shape), None


def repeat(self, *sizes):
    reps = _shape_args(sizes)
    if len(reps) < self._data.ndim:
        raise RuntimeError("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
    if any(r < 0 for r in reps):
        raise RuntimeError(f"Trying to create tensor with negative dimension {min(reps)}: {list(reps)}")
    return Repeat.apply(self, reps)


def _tile_method(input, *dims, **kwargs):
    dims = _shape_args((kwargs["dims"],) if "dims" in kwargs else dims)
    if len(dims) < input._data.ndim:
        dims = (1,) * (input._data.ndim - len(dims)) + dims
    return repeat(input, dims)


def tile(input, dims):
    """``torch.tile`` takes the repetitions as one sequence (the method also takes them spread out)."""
    if not isinstance(dims, (tuple, list)):
        raise TypeError(f"tile(): argument 'dims' (position 2) must be tuple of ints, not {type(dims).__name__}")
    return _tile_method(input, dims)


# ---- permutations ----------------------------------------------------------------------------------
class Permute(Op):
    @staticmethod
    def forward(ctx, a, dims):
        ctx.inv = tuple(int(i) for i in np.argsort(dims))
        return a._data.transpose(dims)

    @staticmethod
    def backward(ctx, g):
        return g.permute(ctx.inv), None

    @staticmethod
    def raw_backward(ctx, g):
        return g.transpose(ctx.inv), None


class Transpose(Permute):
    pass


class T(Op):
    """``t()``: the transpose of a tensor of at most 2 dims (kept apart from Permute: it is on every
    2-D ``linear``'s path, as in torch's graph)."""

    @staticmethod
    def forward(ctx, a):
        return a._data.T

    @staticmethod
    def backward(ctx, g):
        return g.t()

    @staticmethod
    def raw_backward(ctx, g):
        return g.T


def permute(input, *dims):
    dims = _shape_args(dims)
    nd = input._data.ndim
    if len(dims) != nd:
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does not match the "
                           f"length of the desired ordering of dimensions i.e. input.dim() = {nd} is not equal "
                           f"to len(dims) = {len(dims)}")
    dims = tuple(wrap_dim(d, nd, "permute") for d in dims)
    if len(set(dims)) != nd:
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    return as_view(Permute.apply(input, dims), input)


def transpose(input, dim0, dim1):
    nd = input._data.ndim
    d0, d1 = wrap_dim(dim0, nd, "transpose"), wrap_dim(dim1, nd, "transpose")
    perm = list(range(nd))
    if nd:  # a 0-d tensor's only dim (0 or -1) transposes with itself
        perm[d0], perm[d1] = perm[d1], perm[d0]
    return as_view(Transpose.apply(input, tuple(perm)), input)


def t(input):
    nd = input._data.ndim
    if nd > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {nd}D")
    return as_view(T.apply(input), input)


def _T(self):
    nd = self._data.ndim
    if nd == 0:
        warnings.warn("Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases.",
                      UserWarning, stacklevel=2)
    elif nd != 2:
        warnings.warn("The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated "
                      "and it will throw an error in a future release. Consider `x.mT` to transpose batches of "
                      "matrices or `x.permute(*autograd.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of "
                      "a tensor.", UserWarning, stacklevel=2)
    return as_view(Permute.apply(self, tuple(range(nd - 1, -1, -1))), self)


def _matrix_transpose(name, zero_d_hint, only_2d=False):
    """``mT``/``mH``/``adjoint()``/``H`` (real dtypes: all transposes): PyTorch's checks and messages."""
    def fn(self):
        nd = self._data.ndim
        if nd == 0:
            warnings.warn(f"{name} is deprecated on 0-D tensors. {zero_d_hint}", UserWarning, stacklevel=2)
            return _alias(self)
        if only_2d and nd != 2:
            raise RuntimeError(f"tensor.H is only supported on matrices (2-D tensors). Got {nd}-D tensor."
                               + (" For batches of matrices, consider using tensor.mH" if nd > 2 else ""))
        if nd < 2:
            raise RuntimeError(f"tensor.{name.split('.')[-1]} is only supported on matrices or "
                               f"batches of matrices. Got {nd}-D tensor.")
        return transpose(self, -2, -1)
    return fn


_IDENTITY = "This function is the identity in these cases."
_CONJ = "Consider using x.conj()."
_mT = _matrix_transpose("Tensor.mT", _IDENTITY)
_mH = _matrix_transpose("Tensor.mH", _CONJ)
_H = _matrix_transpose("Tensor.H", _CONJ, only_2d=True)
adjoint = _matrix_transpose("adjoint()", _CONJ)


def movedim(input, source, destination):
    nd = input._data.ndim
    src = (source,) if isinstance(source, int) else tuple(source)
    dst = (destination,) if isinstance(destination, int) else tuple(destination)
    if len(src) != len(dst):
        raise RuntimeError(f"movedim: Invalid source or destination dims: source ({list(src)} dims) should "
                           f"contain the same number of dims as destination ({list(dst)} dims)")
    src = [wrap_dim(d, nd, "movedim") for d in src]
    dst = [wrap_dim(d, nd, "movedim") for d in dst]
    if len(set(src)) != len(src):
        raise RuntimeError(f"movedim: repeated dim in `source` ({list(source)})")
    if len(set(dst)) != len(dst):
        raise RuntimeError(f"movedim: repeated dim in `destination` ({list(destination)})")
    perm = [-1] * nd
    for s, d in zip(src, dst):
        perm[d] = s
    rest = iter(i for i in range(nd) if i not in src)
    perm = [p if p != -1 else next(rest) for p in perm]
    return permute(input, perm)


# ---- (un)squeeze ------------------------------------------------------------------------------------
class Squeeze(View):
    pass


class SqueezeDim(View):
    node_name = "SqueezeBackward1"


class SqueezeDims(View):
    node_name = "SqueezeBackward2"


class Unsqueeze(View):
    pass


class Alias(View):
    pass


def _alias(input):
    return as_view(Alias.apply(input, input._data.shape), input)


def squeeze(input, dim=None):
    shape = input._data.shape
    if dim is None:
        dims = [i for i, s in enumerate(shape) if s == 1]
    else:
        dims = [d for d in normalize_dims(dim, input._data.ndim, "squeeze") if shape and shape[d] == 1]
    new = tuple(s for i, s in enumerate(shape) if i not in dims)
    cls = Squeeze if dim is None else (SqueezeDim if isinstance(dim, (int, np.integer)) else SqueezeDims)
    return as_view(cls.apply(input, new), input)


def unsqueeze(input, dim):
    d = wrap_dim(dim, input._data.ndim + 1, "unsqueeze")
    shape = list(input._data.shape)
    shape.insert(d, 1)
    return as_view(Unsqueeze.apply(input, tuple(shape)), input)


def atleast_1d(*tensors):
    return _atleast(tensors, 1)


def atleast_2d(*tensors):
    return _atleast(tensors, 2)


def atleast_3d(*tensors):
    return _atleast(tensors, 3)


def _atleast(tensors, n):
    single = len(tensors) == 1 and isinstance(tensors[0], Tensor)
    seq = tensors[0] if len(tensors) == 1 and not single else tensors
    out = []
    for x in seq:
        nd = x._data.ndim
        if nd >= n:
            out.append(x)
        elif n == 3 and nd == 2:
            out.append(unsqueeze(x, -1))
        elif n == 3 and nd == 1:
            out.append(reshape(x, 1, -1, 1))
        else:
            out.append(reshape(x, (1,) * (n - max(nd, 1)) + (x._data.shape or (1,))))
    return out[0] if single else tuple(out)


# ---- diagonal / unfold (strided views) --------------------------------------------------------------
def _diagonal_view(arr, offset, d1, d2):
    """The ``offset``-th diagonal over dims d1, d2 as a writable NumPy view (np.diagonal's is read-only)."""
    idx = [slice(None)] * arr.ndim
    idx[d2 if offset >= 0 else d1] = slice(abs(offset), None)
    sub = arr[tuple(idx)]
    n = min(sub.shape[d1], sub.shape[d2])
    keep = [i for i in range(arr.ndim) if i not in (d1, d2)]
    return _np_as_strided(sub, tuple(sub.shape[i] for i in keep) + (n,),
                      tuple(sub.strides[i] for i in keep) + (sub.strides[d1] + sub.strides[d2],),
                      writeable=arr.flags.writeable)


class Diagonal(Op):
    @staticmethod
    def forward(ctx, a, offset, d1, d2):
        ctx.in_shape, ctx.args = a._data.shape, (offset, d1, d2)
        return _diagonal_view(a._data, offset, d1, d2)

    @staticmethod
    def backward(ctx, g):
        return DiagonalBackward.apply(g, ctx.in_shape, *ctx.args), None, None, None


class DiagonalBackward(Op):
    """zeros(in_shape) with ``g`` on the diagonal (diagonal_scatter); its adjoint is diagonal."""

    @staticmethod
    def forward(ctx, g, shape, offset, d1, d2):
        ctx.args = (offset, d1, d2)
        out = np.zeros(shape, dtype=g._data.dtype)
        _diagonal_view(out, offset, d1, d2)[...] = g._data
        return out

    @staticmethod
    def backward(ctx, gg):
        return diagonal(gg, *ctx.args), None, None, None, None


def _diagonal_dims(dim1, dim2, nd, name):
    """``dim1``, ``dim2`` wrapped for an ``nd``-dim tensor; they must differ."""
    d1, d2 = wrap_dim(dim1, nd, name), wrap_dim(dim2, nd, name)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    return d1, d2


def diagonal(input, offset=0, dim1=0, dim2=1):
    d1, d2 = _diagonal_dims(dim1, dim2, input._data.ndim, "diagonal")
    return as_view(Diagonal.apply(input, int(offset), d1, d2), input)


class DiagEmbed(Op):
    @staticmethod
    def forward(ctx, a, offset, d1, d2):
        shape = list(a._data.shape[:-1])
        for d in sorted((d1, d2)):
            shape.insert(d, a._data.shape[-1] + abs(offset))
        return DiagonalBackward.forward(ctx, a, shape, offset, d1, d2)

    @staticmethod
    def backward(ctx, g):
        return diagonal(g, *ctx.args), None, None, None


def diag_embed(input, offset=0, dim1=-2, dim2=-1):
    d1, d2 = _diagonal_dims(dim1, dim2, input._data.ndim + 1, "diag_embed")
    return DiagEmbed.apply(input, int(offset), d1, d2)


class DiagCopy(Op):
    node_name = "DiagonalBackward0_copy"

    @staticmethod
    def forward(ctx, a, offset):
        ctx.in_shape, ctx.offset = a._data.shape, offset
        return np.array(np.diagonal(a._data, offset), copy=True)

    @staticmethod
    def backward(ctx, g):
        return DiagonalBackward.apply(g, ctx.in_shape, ctx.offset, 0, 1), None


class Diag1D(DiagEmbed):
    node_name = "DiagEmbedBackward0"


def diag(input, diagonal=0):
    nd = input._data.ndim
    if nd == 1:
        return Diag1D.apply(input, int(diagonal), 0, 1)
    if nd == 2:
        return DiagCopy.apply(input, int(diagonal))
    raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {nd}D")


class Unfold(Op):
    @staticmethod
    def forward(ctx, a, dim, size, step):
        arr = a._data
        n = (arr.shape[dim] - size) // step + 1
        ctx.in_shape, ctx.args = arr.shape, (dim, size, step)
        shape = arr.shape[:dim] + (n,) + arr.shape[dim + 1:] + (size,)
        strides = arr.strides[:dim] + (arr.strides[dim] * step,) + arr.strides[dim + 1:] + (arr.strides[dim],)
        return _np_as_strided(arr, shape, strides, writeable=arr.flags.writeable and size <= step)

    @staticmethod
    def backward(ctx, g):
        return UnfoldBackward.apply(g, ctx.in_shape, *ctx.args), None, None, None


class UnfoldBackward(Op):
    """Sum every window's gradient back into place (overlapping windows accumulate)."""

    @staticmethod
    def forward(ctx, g, shape, dim, size, step):
        ctx.args = (dim, size, step)
        out = np.zeros(shape, dtype=g._data.dtype)
        win = np.moveaxis(g._data, dim, -2)  # (..., n, size)
        dst = np.moveaxis(out, dim, -1)
        for i in range(win.shape[-2]):
            dst[..., i * step:i * step + size] += win[..., i, :]
        return out

    @staticmethod
    def backward(ctx, gg):
        return unfold(gg, *ctx.args), None, None, None, None


def unfold(self, dimension, size, step):
    nd = self._data.ndim
    d = wrap_dim(dimension, nd, "unfold")
    n = self._data.shape[d] if nd else 1
    if size > n:
        raise RuntimeError(f"maximum size for tensor at dimension {d} is {n} but size is {size}")
    if step <= 0:
        raise RuntimeError(f"step is {step} but must be > 0")
    if nd == 0:
        return reshape(self, 1)
    return as_view(Unfold.apply(self, d, int(size), int(step)), self)


# ---- as_strided --------------------------------------------------------------------------------------
def _positions(shape, strides, offset):
    """Flat storage position of every element of a (shape, element strides, offset) layout."""
    pos = np.full(tuple(shape), offset, dtype=np.intp)
    for d, (n, st) in enumerate(zip(shape, strides)):
        pos = pos + (np.arange(n) * st).reshape((-1,) + (1,) * (len(shape) - d - 1))
    return pos


class StorageMove(Op):
    """Elements at storage positions ``src`` summed into a storage buffer, then read at ``dst``
    (as_strided's gradient; its own adjoint swaps the two)."""

    node_name = "AsStridedBackward0"

    @staticmethod
    def forward(ctx, g, src, dst, size):
        ctx.args = src, dst, size
        buf = np.zeros(size, dtype=g._data.dtype)
        np.add.at(buf, src, g._data)
        return buf[dst]

    @staticmethod
    def backward(ctx, gg):
        src, dst, size = ctx.args
        return StorageMove.apply(gg, dst, src, size), None, None, None


class AsStrided(Op):
    @staticmethod
    def forward(ctx, a, storage, in_pos, out_pos, view):
        ctx.args = in_pos, out_pos, storage.size
        return view if view is not None else storage.reshape(-1)[out_pos]

    @staticmethod
    def backward(ctx, g):
        in_pos, out_pos, size = ctx.args
        return StorageMove.apply(g, out_pos, in_pos, size), None, None, None, None


def as_strided(input, size, stride, storage_offset=None):
    """A view of ``input``'s storage with the given sizes, element strides and offset (PyTorch's)."""
    size, stride = tuple(int(v) for v in size), tuple(int(v) for v in stride)
    if len(size) != len(stride):
        raise RuntimeError("mismatch in length of strides and shape")
    from .._extras import _storage_root
    arr = input._data
    root = _storage_root(arr)
    it = arr.itemsize
    if root.dtype != arr.dtype or not root.flags.c_contiguous:  # no storage of our own: a C-order copy
        root = np.array(arr, order="C")
    base_off = (arr.__array_interface__["data"][0] - root.__array_interface__["data"][0]) // it
    if not np.may_share_memory(root, arr):
        base_off = 0
    offset = base_off if storage_offset is None else int(storage_offset)
    if offset < 0:
        raise RuntimeError(f"Tensor: invalid storage offset {offset}")
    if any(n < 0 for n in size):
        raise RuntimeError(f"Trying to create tensor with negative dimension {min(size)}: {list(size)}")
    need = 0 if 0 in size else offset + 1 + sum((n - 1) * st for n, st in zip(size, stride))
    if need > root.size:
        raise RuntimeError(f"setStorage: sizes {list(size)}, strides {list(stride)}, storage offset {offset}, and "
                           f"itemsize {it} requiring a storage size of {need * it} are out of bounds for storage "
                           f"of size {root.size * it}")
    in_strides = arr.strides if np.may_share_memory(root, arr) else root.strides
    in_pos = _positions(arr.shape, tuple(s // it for s in in_strides), base_off)
    out_pos = _positions(size, stride, offset)
    view = None
    if np.may_share_memory(root, arr):
        view = np.ndarray(size, root.dtype, buffer=root, offset=offset * it, strides=tuple(st * it for st in stride))
        view.flags.writeable = root.flags.writeable and len(np.unique(out_pos)) == out_pos.size
    out = AsStrided.apply(input, root, in_pos, out_pos, view)
    return as_view(out, input) if view is not None else out


# ---- copies: flip, roll, tril/triu ------------------------------------------------------------------
class Flip(Op):
    @staticmethod
    def forward(ctx, a, dims):
        ctx.dims = dims
        return np.flip(a._data, dims).copy() if dims else a._data.copy()

    @staticmethod
    def backward(ctx, g):
        return flip(g, ctx.dims), None


def flip(input, *dims, **kwargs):
    dims = _shape_args((kwargs["dims"],) if "dims" in kwargs else dims)
    return Flip.apply(input, normalize_dims(dims, input._data.ndim, "flip"))


def fliplr(input):
    if input._data.ndim < 2:
        raise RuntimeError("Input must be >= 2-d.")
    return flip(input, 1)


def flipud(input):
    if input._data.ndim < 1:
        raise RuntimeError("Input must be >= 1-d.")
    return flip(input, 0)


class Roll(Op):
    @staticmethod
    def forward(ctx, a, shifts, dims):
        ctx.shifts, ctx.dims = shifts, dims
        if dims is None:
            return np.roll(a._data.reshape(-1), shifts).reshape(a._data.shape)
        return np.roll(a._data, shifts, dims)

    @staticmethod
    def backward(ctx, g):
        return Roll.apply(g, tuple(-s for s in ctx.shifts) if ctx.dims is not None else -ctx.shifts, ctx.dims), None, None


def roll(input, shifts, dims=None):
    if isinstance(shifts, (tuple, list)) and len(shifts) == 0:
        raise RuntimeError("`shifts` required")
    if input._data.ndim == 0 and dims is not None and not (isinstance(dims, (tuple, list)) and len(dims) == 0):
        d = dims if isinstance(dims, int) else dims[0]
        raise IndexError(f"Dimension specified as {d} but tensor has no dimensions")
    if dims is None or (isinstance(dims, (tuple, list)) and len(dims) == 0):
        s = shifts if isinstance(shifts, int) else tuple(shifts)
        if not isinstance(s, int):
            if len(s) != 1:
                raise RuntimeError(f"shifts and dimensions must align. shifts: {len(s)}, dims:0")
            s = s[0]
        return Roll.apply(input, int(s), None)
    shifts = (shifts,) if isinstance(shifts, int) else tuple(shifts)
    dims = (dims,) if isinstance(dims, int) else tuple(dims)
    if len(shifts) != len(dims):
        raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, dims:{len(dims)}")
    nd = input._data.ndim
    return Roll.apply(input, tuple(int(s) for s in shifts), tuple(wrap_dim(d, nd, "roll") for d in dims))


class Tril(Op):
    @staticmethod
    def forward(ctx, a, k):
        ctx.k = k
        return np.tril(a._data, k)

    @staticmethod
    def backward(ctx, g):
        return tril(g, ctx.k), None


class Triu(Op):
    @staticmethod
    def forward(ctx, a, k):
        ctx.k = k
        return np.triu(a._data, k)

    @staticmethod
    def backward(ctx, g):
        return triu(g, ctx.k), None


def tril(input, diagonal=0):
    if input._data.ndim < 2:
        raise RuntimeError("tril: input tensor must have at least 2 dimensions")
    return Tril.apply(input, int(diagonal))


def triu(input, diagonal=0):
    if input._data.ndim < 2:
        raise RuntimeError("triu: input tensor must have at least 2 dimensions")
    return Triu.apply(input, int(diagonal))


# ---- narrow / select (slicing views, see indexing.py) -----------------------------------------------
def narrow(input, dim, start, length):
    nd = input._data.ndim
    if nd == 0:
        raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
    d = wrap_dim(dim, nd, "narrow")
    n = input._data.shape[d]
    if isinstance(start, Tensor):
        if start._data.ndim or start._data.dtype.kind not in "iu":
            raise RuntimeError("start must be an 0-dim integral Tensor.")
        start = start.item()
    start, length = int(start), int(length)
    if length < 0:
        raise RuntimeError("narrow(): length must be non-negative.")
    if not -n <= start <= n:
        raise IndexError(f"start out of range (expected to be in range of [{-n}, {n}], but got {start})")
    if start < 0:
        start += n
    if start + length > n:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size ({n}).")
    return input[(slice(None),) * d + (slice(start, start + length),)]


def narrow_copy(input, dim, start, length):
    """``narrow`` into new memory (its checks are worded as torch's narrow_copy's)."""
    nd, dim = input._data.ndim, int(dim)
    if nd and dim >= nd:
        raise RuntimeError(f"Expected dim < static_cast<int64_t>(self_sizes.size()) to be true, but got false. "
                           f"(narrow_copy: dim {dim} of a {nd}-d tensor)")
    if nd and not isinstance(start, Tensor) and int(length) < 0:
        n = input._data.shape[wrap_dim(dim, nd, "narrow_copy")]
        start = int(start) + n if int(start) < 0 else int(start)
        raise RuntimeError(f"start ({start}) + length ({int(length)}) exceeds dimension size ({n}).")
    return narrow(input, dim, start, length).clone()


def select(input, dim, index):
    nd = input._data.ndim
    if nd == 0:
        raise IndexError("select() cannot be applied to a 0-dim tensor.")
    d = wrap_dim(dim, nd, "select")
    n = input._data.shape[d]
    index = int(index)
    if not -n <= index < n:
        raise IndexError(f"select(): index {index} out of range for tensor of size {list(input._data.shape)} "
                         f"at dimension {d}")
    return input[(slice(None),) * d + (index,)]


# ---- clone / contiguous / dtype casts ---------------------------------------------------------------
class Clone(Op):
    @staticmethod
    def forward(ctx, a):
        return a._data.copy()

    @staticmethod
    def vjp(ctx, saved, g):
        return g


class CloneAs(Op):
    """A copy laid out per a memory format (``clone`` keeps a dense tensor's strides, as PyTorch)."""

    node_name = "CloneBackward0"

    @staticmethod
    def forward(ctx, a, fmt):
        return _mf.copy_as(a._data, fmt)

    @staticmethod
    def backward(ctx, g):
        return g, None


def clone(input, *, memory_format=None):
    arr = input._data
    if memory_format in (None, _mf.preserve_format, _mf.contiguous_format) and arr.flags.c_contiguous:
        return Clone.apply(input)
    return CloneAs.apply(input, memory_format)


def contiguous(self, memory_format=None):
    if _mf.has_format(self._data, memory_format):
        return self
    if memory_format in (None, _mf.contiguous_format):
        return Clone.apply(self)
    return CloneAs.apply(self, memory_format)


class ToCopy(Op):
    @staticmethod
    def forward(ctx, a, np_dtype):
        ctx.src = a._data.dtype
        return a._data.astype(np_dtype)

    @staticmethod
    def backward(ctx, g):
        return g.to(_dtype.from_numpy_dtype(ctx.src)), None

    @staticmethod
    def raw_backward(ctx, g):
        return g.astype(ctx.src, copy=False), None


def _to_positional(args):
    """(device, dtype, non_blocking, copy) from ``to``'s positional overloads: ``(device, dtype, non_blocking,
    copy)``, ``(dtype, non_blocking, copy)`` and ``(other, non_blocking, copy)``."""
    device = dtype = None
    first = args[0]
    if isinstance(first, Tensor):
        dtype, rest, names = first.dtype, args[1:], ("non_blocking", "copy")
    elif first is None or isinstance(first, (str, int)) or type(first).__name__ == "device":
        device, rest, names = first, args[1:], ("dtype", "non_blocking", "copy")
    else:
        dtype, rest, names = first, args[1:], ("non_blocking", "copy")
    if len(rest) > len(names):
        raise TypeError(f"to() received an invalid combination of arguments: {len(args)} positional arguments")
    return device, dtype, dict(zip(names, rest))


def _to(self, *args, dtype=None, device=None, non_blocking=False, copy=False, memory_format=None):
    from ..tensor import _check_device
    if args:
        device, pos_dtype, extra = _to_positional(args)
        dtype = extra.get("dtype", pos_dtype) if dtype is None else dtype
        copy = extra.get("copy", copy)
    if device is not None:
        _check_device(device)
    if memory_format not in (None, _mf.preserve_format) and (copy or not _mf.has_format(self._data, memory_format)):
        self = CloneAs.apply(self, memory_format)
        copy = False
    if dtype is None:
        return Clone.apply(self) if copy else self
    d = _dtype.to_dtype(dtype)
    if d.np == self._data.dtype:
        return Clone.apply(self) if copy else self
    return ToCopy.apply(self, d.np)


moveaxis = movedim
swapaxes = swapdims = transpose

for _name, _fn in dict(reshape=reshape, view=view, view_as=view_as, reshape_as=reshape_as, flatten=flatten,
                       unflatten=unflatten, expand=expand, expand_as=expand_as, broadcast_to=broadcast_to,
                       sum_to_size=sum_to_size, repeat=repeat, tile=_tile_method, permute=permute, t=t, movedim=movedim,
                       moveaxis=movedim, squeeze=squeeze, unsqueeze=unsqueeze, diagonal=diagonal, diag=diag,
                       diag_embed=diag_embed, unfold=unfold, flip=flip, fliplr=fliplr, flipud=flipud,
                       roll=roll, tril=tril, triu=triu, narrow=narrow, narrow_copy=narrow_copy, select=select, clone=clone,
                       as_strided=as_strided,
                       contiguous=contiguous, to=_to).items():
    register_method(_name)(_fn)
register_method("transpose", "swapaxes", "swapdims")(transpose)
register_method("view_as_self")(_alias)
Tensor.T = property(_T)
Tensor.mT = property(_mT)
Tensor.H = property(_H)
Tensor.mH = property(_mH)
register_method("adjoint")(adjoint)
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
