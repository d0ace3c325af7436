"""In-place ops: compute out of place, write into the storage, rebase the tensor's history.

Writing into the same NumPy buffer keeps views coherent; bumping the shared version counter
makes backward refuse gradients that would read overwritten values (PyTorch's version check).
"""
import numpy as np

from ..function import Op
from ..grad_mode import STATE, no_grad
from ..tensor import Tensor, register_method

_LEAF_MSG = "a leaf Variable that requires grad is being used in an in-place operation."
_LEAF_VIEW_MSG = ("a view of a leaf Variable that requires grad is being used in an in-place operation.")


def _write(self, arr):
    dst = self._data
    if arr.dtype != dst.dtype and dst.dtype.kind in "biu" and arr.dtype.kind == "f":
        from .. import _dtype
        raise RuntimeError(f"result type {_dtype.from_numpy_dtype(arr.dtype).name.capitalize()} can't be cast "
                           f"to the desired output type {_dtype.from_numpy_dtype(dst.dtype).name.capitalize()}")
    if arr.shape != dst.shape:
        try:
            np.broadcast_to(arr, dst.shape)
        except ValueError:
            raise RuntimeError(f"output with shape {list(dst.shape)} doesn't match the broadcast shape "
                               f"{list(arr.shape)}") from None
    if not dst.flags.writeable:
        raise RuntimeError("unsupported operation: more than one element of the written-to tensor refers to a "
                           "single memory location. Please clone() the tensor before performing the operation.")
    dst[...] = arr
    self._version_counter[0] += 1


def apply_inplace(self, fn, *args, needs_old_value=True):
    """Run ``fn(self, *args)`` (an out-of-place op) and make its result ``self``'s new value and history."""
    recording = STATE.grad_enabled and (self._requires_grad or any(
        isinstance(a, Tensor) and a._requires_grad for a in args))
    if not recording:
        with no_grad():
            res = fn(self, *args)
        _write(self, res._data)
        return self
    if self.grad_fn is None and self._requires_grad:
        raise RuntimeError(_LEAF_MSG)
    base = self._base
    if base is not None and base.grad_fn is None and base._requires_grad:
        raise RuntimeError(_LEAF_VIEW_MSG)
    old = Tensor._make(self._data.copy() if needs_old_value else self._data, self._requires_grad, self.grad_fn)
    old._output_nr = self._output_nr
    res = fn(old, *args)
    _write(self, res._data)
    self.grad_fn, self._output_nr, self._requires_grad = res.grad_fn, res._output_nr, res._requires_grad
    if base is not None:
        vk = self._view_key
        if vk is None:
            raise RuntimeError("in-place modification of this view is not supported by autograd here: its base "
                               "tensor requires grad. Modify the base through indexing (base[idx] = ...) or "
                               "clone() the view first.")
        src, key = vk
        from .indexing import IndexPut
        apply_inplace(src, lambda s, v: IndexPut.apply(s, v, key, True), self.detach_view_of(), needs_old_value=False)
    return self


def _detach_view_of(self):
    t = Tensor._make(self._data, self._requires_grad, self.grad_fn)
    t._output_nr = self._output_nr
    return t


class Fill(Op):
    @staticmethod
    def forward(ctx, a, value):
        v = value._data if isinstance(value, Tensor) else value
        if isinstance(value, Tensor) and value._data.ndim != 0:
            raise RuntimeError(f"fill_ only supports 0-dimension value tensor but got tensor with "
                               f"{value._data.ndim} dimensions.")
        return np.full_like(a._data, v)

    @staticmethod
    def backward(ctx, g):
        return g * 0, (g.sum() if ctx.needs_input_grad[1] else None)


class Copy(Op):
    node_name = "CopyBackwards"

    @staticmethod
    def forward(ctx, a, src):
        s = src._data if isinstance(src, Tensor) else np.asarray(src)
        ctx.src_shape, ctx.src_dtype = s.shape, s.dtype
        try:
            out = np.broadcast_to(s, a._data.shape)
        except ValueError:
            raise RuntimeError(f"The size of tensor a ({list(a._data.shape)}) must match the size of tensor b "
                               f"({list(s.shape)}) for copy_") from None
        return out.astype(a._data.dtype, copy=True)

    @staticmethod
    def backward(ctx, g):
        from .. import _dtype
        gs = g.sum_to_size(ctx.src_shape) if ctx.needs_input_grad[1] else None
        if gs is not None and gs._data.dtype != ctx.src_dtype and ctx.src_dtype.kind == "f":
            gs = gs.to(_dtype.from_numpy_dtype(ctx.src_dtype))
        return g * 0, gs


def _inplace_method(op_name):
    def method(self, *args, **kwargs):
        fn = getattr(Tensor, op_name)
        return apply_inplace(self, lambda s, *a: fn(s, *a, **kwargs), *args)
    method.__name__ = op_name + "_"
    return method


for _name in ("add", "sub", "mul", "div", "pow", "neg", "exp", "log", "sqrt", "rsqrt", "abs", "sin", "cos",
              "tanh", "sigmoid", "relu", "clamp", "sign", "floor", "ceil", "round", "trunc", "reciprocal",
              "log1p", "expm1", "square", "maximum", "minimum", "t", "squeeze", "unsqueeze", "where"):
    if hasattr(Tensor, _name):
        setattr(Tensor, _name + "_", _inplace_method(_name))

Tensor.clip_ = Tensor.clamp_
Tensor.subtract_ = Tensor.sub_
Tensor.multiply_ = Tensor.mul_
Tensor.divide_ = Tensor.div_
register_method("__iadd__")(lambda self, other: apply_inplace(self, lambda s, o: s + o, other))
register_method("__isub__")(lambda self, other: apply_inplace(self, lambda s, o: s - o, other))
register_method("__imul__")(lambda self, other: apply_inplace(self, lambda s, o: s * o, other))
register_method("__itruediv__")(lambda self, other: apply_inplace(self, lambda s, o: s / o, other))
register_method("__ipow__")(lambda self, other: apply_inplace(self, lambda s, o: s ** o, other))
register_method("fill_")(lambda self, value: apply_inplace(self, Fill.apply, value, needs_old_value=False))
register_method("zero_")(lambda self: apply_inplace(self, Fill.apply, 0, needs_old_value=False))
register_method("copy_")(lambda self, src, non_blocking=False: apply_inplace(self, Copy.apply, src, needs_old_value=False))
register_method("detach_view_of")(_detach_view_of)


def set_(self, source):
    self._data = source._data
    self._version_counter[0] += 1
    return self


register_method("set_")(set_)
