"""Views: tensors that share a base tensor's storage and version counter, and how autograd follows
writes into them (PyTorch's view + in-place semantics).

A view records ``_base`` (the root tensor that owns the storage), ``_view_version`` (the version
at which its grad_fn was set) and ``_view_error`` (why in-place writes through it are forbidden).
Writing into a view in place rewrites the base's history as ``CopySlices`` (the old base with the
view's region replaced); a view whose version is stale replays itself from its base
(``AsStridedBackward0``) before it is used again. Where a view lies in its base is read off the
NumPy arrays (``ViewSpec``), so view ops only have to call ``as_view``.
"""
import re

import numpy as np
from numpy.lib.array_utils import byte_bounds
from numpy.lib.stride_tricks import as_strided

from ..function import Op
from ..grad_mode import STATE, enable_grad
from ..tensor import Tensor

_NO_GRAD_VIEW = ("A view was created in no_grad mode and is being modified inplace with grad mode enabled. "
                 "Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your "
                 "code by moving both the view and the inplace either both inside the no_grad block (if you "
                 "don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).")
_OUTPUT_VIEW = {  # why a view output of an op (kind -> reason) cannot be written in place
    "multi": ("Output {nr} of {fn} is a view and {what}. This view is the output of a function that returns "
              "multiple views. Such functions do not allow the output views to be modified inplace. You "
              "should replace the inplace operation by an out-of-place one."),
    "custom": ("Output {nr} of {fn} is a view and {what}. This view was created inside a custom Function (or "
               "because an input was returned as-is) and the autograd logic to handle view+inplace would "
               "override the custom backward associated with the custom Function, leading to incorrect "
               "gradients. This behavior is forbidden. You can fix this by cloning the output of the custom "
               "Function."),
}


def short_name(node):
    """``MulBackward0`` -> ``Mul``: how PyTorch's autograd error messages name an op."""
    return re.sub(r"Backward\d*$", "", node.name())


def as_view(out, base, multi_output=False):
    """Mark ``out`` (just produced from ``base`` by a view op) as a view of ``base``'s root.

    A no-op when ``out`` does not share memory with ``base`` (the op had to copy).
    """
    if not np.may_share_memory(out._data, base._data):
        return out
    parent = base._base
    out._base = base if parent is None else parent
    out._version_counter = base._version_counter
    out._view_version = base._version_counter[0]
    if base._inference:  # a view of an inference tensor is one too, wherever it is made
        out._inference = True
    err = None if parent is None else base._view_error
    if err is None:
        if multi_output and out.grad_fn is not None:
            err = ("multi", out._output_nr, short_name(out.grad_fn))
        elif not STATE.grad_enabled and out._data.dtype.kind == "f":
            err = _NO_GRAD_VIEW
            out._requires_grad = out._base._requires_grad  # a leaf that requires grad, as in PyTorch
    out._view_error = err
    return out


def custom_output_view(out, inputs, nr, node):
    """A custom Function's output sharing memory with one of its tensor inputs becomes a view of it that
    cannot be written in place (as in torch, whose custom backward would be bypassed)."""
    for a in inputs:
        if isinstance(a, Tensor) and np.may_share_memory(out._data, a._data):
            as_view(out, a)
            out._view_error = ("custom", nr, short_name(node))
            return


def inplace_error(view):
    """The RuntimeError an in-place write through ``view`` raises while grad mode records, or None."""
    err = view._view_error
    if err is None:
        return None
    if isinstance(err, tuple):
        kind, nr, fn = err
        return RuntimeError(_OUTPUT_VIEW[kind].format(nr=nr, fn=fn, what="is being modified inplace"))
    return RuntimeError(err)


def _addr(arr):
    return arr.__array_interface__["data"][0]


class ViewSpec:
    """Where a view's elements lie inside its base, replayable on any array shaped like the base.

    Fast path (C-contiguous base): element offset + element strides. Otherwise: the logical
    (C-order) base index of every view element.
    """

    __slots__ = ("shape", "base_shape", "offset", "strides", "_index", "overlap")

    def __init__(self, view, base):
        it = base.itemsize
        self.shape, self.base_shape = view.shape, base.shape
        self.overlap = not view.flags.writeable and view.size > 1
        self._index = None
        if base.flags.c_contiguous:
            self.offset = (_addr(view) - _addr(base)) // it
            self.strides = tuple(s // it for s in view.strides)
        else:
            self.offset = self.strides = None
            self._index = self._logical_index(view, base)

    @staticmethod
    def _logical_index(view, base):
        it = base.itemsize
        lo, hi = byte_bounds(base)
        buf = np.full((hi - lo) // it, -1, dtype=np.intp)
        scale = buf.itemsize
        pos = as_strided(buf[(_addr(base) - lo) // it:], base.shape, tuple(s // it * scale for s in base.strides))
        pos[...] = np.arange(base.size).reshape(base.shape)
        idx = as_strided(buf[(_addr(view) - lo) // it:], view.shape, tuple(s // it * scale for s in view.strides))
        return np.unravel_index(idx.copy(), base.shape)

    def index(self):
        """The view's elements as an advanced index into the base (a tuple of int arrays)."""
        if self._index is None:
            flat = np.full(self.shape, self.offset, dtype=np.intp)
            for d, st in enumerate(self.strides):
                flat = flat + (np.arange(self.shape[d]) * st).reshape((-1,) + (1,) * (len(self.shape) - d - 1))
            self._index = np.unravel_index(flat, self.base_shape)
        return self._index

    def region(self, arr):
        """The view's region of ``arr`` (a C-contiguous array shaped like the base): a NumPy view."""
        if self.strides is None:
            return None
        it = arr.itemsize
        return as_strided(arr.reshape(-1)[self.offset:], self.shape, tuple(s * it for s in self.strides))

    def read(self, arr):
        """A copy of the view's elements taken from ``arr`` (any layout, shaped like the base)."""
        if self.strides is not None:
            return np.array(self.region(np.ascontiguousarray(arr)))
        return arr[self.index()]

    def write(self, arr, value):
        """``arr``'s region = value (``arr`` C-contiguous and writable)."""
        region = self.region(arr)
        if region is not None:
            region[...] = value
        else:
            arr[self.index()] = np.broadcast_to(value, self.shape)

    def add(self, arr, value):
        """``arr``'s region += value, accumulating where view elements alias each other."""
        if self.overlap:
            np.add.at(arr, self.index(), np.broadcast_to(value, self.shape))
        else:
            region = self.region(arr)
            if region is not None:
                region += value
            else:
                arr[self.index()] += value


class ViewRead(Op):
    """The view of ``base`` described by ``spec``; with ``existing`` it only wires the graph to it."""

    node_name = "AsStridedBackward0"

    @staticmethod
    def forward(ctx, base, spec, existing=None):
        ctx.spec = spec
        return existing if existing is not None else spec.read(base._data)

    @staticmethod
    def backward(ctx, g):
        return ViewScatter.apply(g, ctx.spec), None, None


class ViewScatter(Op):
    """zeros(base shape) with ``g`` added at the view's elements (the adjoint of ``ViewRead``)."""

    node_name = "AsStridedScatterBackward0"

    @staticmethod
    def forward(ctx, g, spec):
        ctx.spec = spec
        out = np.zeros(spec.base_shape, dtype=g._data.dtype)
        spec.add(out, g._data)
        return out

    @staticmethod
    def backward(ctx, gg):
        return ViewRead.apply(gg, ctx.spec), None


class CopySlices(Op):
    """``base`` with the view's region replaced by ``value``.

    ``written=True``: the value is already in ``base``'s storage (an in-place write through a
    view); the op only records the new history of the base.
    """

    node_name = "CopySlices"
    node_qualname = "autograd::autograd::CopySlices"  # torch's "torch::autograd::CopySlices"

    @staticmethod
    def forward(ctx, base, value, spec, written=False):
        ctx.spec = spec
        ctx.value_shape = value._data.shape if isinstance(value, Tensor) else ()
        if written:
            return base._data
        out = np.array(base._data, order="C", copy=True)
        spec.write(out, value._data if isinstance(value, Tensor) else value)
        return out

    @staticmethod
    def backward(ctx, g):
        gb = gv = None
        if ctx.needs_input_grad[0]:
            gb = CopySlices.apply(g, 0.0, ctx.spec)
        if ctx.needs_input_grad[1]:
            gv = ViewRead.apply(g, ctx.spec).sum_to_size(ctx.value_shape)
        return gb, gv, None, None


def _spec(view):
    base = view._base._data
    if not np.may_share_memory(view._data, base):  # the base's storage was replaced (``.data = ...``)
        return None
    return ViewSpec(view._data, base)


def _rewire(view, spec):
    """Point the view's grad_fn at its base's current history."""
    root = view._base
    with enable_grad():
        out = ViewRead.apply(root, spec, view._data)
    view.grad_fn, view._output_nr, view._requires_grad = out.grad_fn, 0, out._requires_grad
    view._view_version = view._version_counter[0]


def refresh_view(view):
    """Re-derive a stale view's grad_fn from its base (the base or a sibling view was written in place)."""
    if view.grad_fn is None and not view._base._requires_grad:
        view._view_version = view._version_counter[0]
        return
    err = view._view_error
    if isinstance(err, tuple):
        kind, nr, fn = err
        raise RuntimeError(_OUTPUT_VIEW[kind].format(nr=nr, fn=fn, what="its base or another view of its base "
                                                                   "has been modified inplace"))
    spec = _spec(view)
    if spec is None:
        view._view_version = view._version_counter[0]
        return
    _rewire(view, spec)


def record_view_write(view, value):
    """After ``value`` was written into ``view``'s storage: the base becomes CopySlices(base, value)
    and the view a fresh view of it. Returns False when the view no longer lies in its base."""
    spec = _spec(view)
    if spec is None:
        return False
    root = view._base
    old = Tensor._make(root._data, root._requires_grad, root.grad_fn)
    old._output_nr = root._output_nr
    out = CopySlices.apply(old, value, spec, True)
    root.grad_fn, root._output_nr, root._requires_grad = out.grad_fn, 0, out._requires_grad
    _rewire(view, spec)
    return True
