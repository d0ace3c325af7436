"""In-place ops: compute out of place, write into the storage, rebase the tensor's history.

Writing into the same NumPy buffer keeps views coherent; bumping the shared version counter
makes backward refuse gradients that would read overwritten values (PyTorch's version check).
A write through a view also rewrites its base's history (``CopySlices``, see views.py).
All checks (leaf, view, dtype, shape) run before anything is written.
"""
import numpy as np

from .. import _dtype
from ..function import Op
from ..grad_mode import STATE, no_grad
from ..tensor import Tensor, register_method
from .views import inplace_error, record_view_write, refresh_view

_LEAF_MSG = "a leaf Variable that requires grad is being used in an in-place operation."
_LEAF_VIEW_MSG = "a view of a leaf Variable that requires grad is being used in an in-place operation."

_TYPE_NAMES = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long", "int32": "Int",
               "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool", "uint16": "UInt16",
               "uint32": "UInt32", "uint64": "UInt64"}


_INFERENCE_MSG = ("Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to "
                  "get a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for "
                  "more details.")


def _type_name(np_dtype):
    return _TYPE_NAMES[_dtype.from_numpy_dtype(np_dtype).name]


def check_write(self, arr):
    """Raise (as PyTorch) unless ``arr`` can be written into ``self``'s storage."""
    if self._inference and not STATE.inference:
        raise RuntimeError(_INFERENCE_MSG)
    dst = self._data
    if arr.dtype != dst.dtype and _dtype.from_numpy_dtype(arr.dtype)._category > _dtype.from_numpy_dtype(dst.dtype)._category:
        raise RuntimeError(f"result type {_type_name(arr.dtype)} can't be cast to the desired output type "
                           f"{_type_name(dst.dtype)}")
    if arr.shape != dst.shape:
        try:
            shape = np.broadcast_shapes(arr.shape, dst.shape)
        except ValueError:
            shape = arr.shape
        if shape != dst.shape:
            raise RuntimeError(f"output with shape {list(dst.shape)} doesn't match the broadcast shape {list(shape)}")
    if not dst.flags.writeable:
        raise RuntimeError("unsupported operation: more than one element of the written-to tensor refers to a "
                           "single memory location. Please clone() the tensor before performing the operation.")


def _write(self, arr):
    check_write(self, arr)
    self._data[...] = arr
    self._version_counter[0] += 1


def _carry_tangent(res, self):
    """Inside a forward-AD level the in-place result's tangent becomes ``self``'s (and its base's)."""
    if res._fw_tangent is not None:
        from ..forward_ad import set_inplace_tangent
        set_inplace_tangent(self, res._fw_tangent)


def apply_inplace(self, fn, *args, needs_old_value=True):
    """Run ``fn(self, *args)`` (an out-of-place op) and make its result ``self``'s new value and history.

    ``needs_old_value=False`` for ops whose backward never reads ``self`` (add, fill, copy...):
    ``self`` is then passed without a copy (a node that does save it would fail the version check).
    """
    if self._inference and not STATE.inference:
        raise RuntimeError(_INFERENCE_MSG)
    recording = STATE.grad_enabled and (self._requires_grad or any(
        isinstance(a, Tensor) and a._requires_grad for a in args))
    if not recording:
        with no_grad():
            res = fn(self, *args)
        _write(self, res._data)
        _carry_tangent(res, self)
        return self
    base = self._base
    if base is not None:
        err = inplace_error(self)
        if err is not None:
            raise err
        if (base.grad_fn is None and base._requires_grad) or (self.grad_fn is None and self._requires_grad):
            raise RuntimeError(_LEAF_VIEW_MSG)  # the latter: requires_grad_() on a view (itself a leaf)
        if self._view_version != self._version_counter[0]:
            refresh_view(self)
    elif self.grad_fn is None and self._requires_grad:
        raise RuntimeError(_LEAF_MSG)
    if needs_old_value:
        old = Tensor._make(self._data.copy(), self._requires_grad, self.grad_fn)
    else:
        old = Tensor._make(self._data, self._requires_grad, self.grad_fn)
        old._version_counter = self._version_counter
    old._output_nr = self._output_nr
    res = fn(old, *args)
    _write(self, res._data)
    _carry_tangent(res, self)
    node = res.grad_fn
    if node is not None and node._saved_output is not None and node._saved_output[0] is res._data:
        node._saved_output = (self._data, self._version_counter, self._version_counter[0])
    if base is None or not record_view_write(self, res):
        self.grad_fn, self._output_nr, self._requires_grad = node, res._output_nr, res._requires_grad
    return self


def apply_inplace_view(self, fn, *args):
    """In-place metadata ops (t_, squeeze_, ...): ``self`` becomes the view ``fn(self)`` of its storage."""
    if STATE.grad_enabled and self._requires_grad and self.grad_fn is None:
        raise RuntimeError(_LEAF_MSG)
    alias = Tensor._make(self._data, self._requires_grad, self.grad_fn)
    alias._output_nr = self._output_nr
    res = fn(alias, *args)
    node = res.grad_fn
    if node is not None and type(node).__name__ in _INPLACE_VIEW_NAMES:
        node.__class__ = _inplace_view_node_class(type(node))
    self._data, self.grad_fn, self._output_nr = res._data, node, res._output_nr
    return self


# PyTorch's grad_fn of the in-place view ops (``unsqueeze_`` -> ``UnsqueezeBackward1``, ...)
_INPLACE_VIEW_NAMES = {"UnsqueezeBackward0": "UnsqueezeBackward1", "SqueezeBackward0": "SqueezeBackward3",
                       "SqueezeBackward1": "SqueezeBackward4", "TBackward0": "TBackward1",
                       "TransposeBackward0": "TransposeBackward1", "AsStridedBackward0": "AsStridedBackward1"}
_INPLACE_VIEW_CLASSES = {}


def _inplace_view_node_class(cls):
    sub = _INPLACE_VIEW_CLASSES.get(cls)
    if sub is None:
        sub = _INPLACE_VIEW_CLASSES[cls] = type(_INPLACE_VIEW_NAMES[cls.__name__], (cls,), {"__slots__": ()})
    return sub


class Fill(Op):
    @staticmethod
    def forward(ctx, a, value):
        if isinstance(value, Tensor) and value._data.ndim != 0:
            raise RuntimeError(f"fill_ only supports 0-dimension value tensor but got tensor with "
                               f"{value._data.ndim} dimensions.")
        v = value._data if isinstance(value, Tensor) else _dtype.checked_scalar(value, a._data.dtype)
        return np.full_like(a._data, v)

    @staticmethod
    def backward(ctx, g):
        return g * 0, (g.sum() if ctx.needs_input_grad[1] else None)


class Zero(Fill):
    pass


class Copy(Op):
    node_name = "CopyBackwards"

    @staticmethod
    def forward(ctx, a, src):
        s = src._data if isinstance(src, Tensor) else np.asarray(src)
        ctx.src_shape, ctx.src_dtype = s.shape, s.dtype
        try:
            out = np.broadcast_to(s, a._data.shape)
        except ValueError:
            raise RuntimeError(_mismatch(a._data.shape, s.shape)) from None
        return out.astype(a._data.dtype, copy=True)

    @staticmethod
    def backward(ctx, g):
        gs = g.sum_to_size(ctx.src_shape) if ctx.needs_input_grad[1] else None
        if gs is not None and gs._data.dtype != ctx.src_dtype and ctx.src_dtype.kind == "f":
            gs = gs.to(_dtype.from_numpy_dtype(ctx.src_dtype))
        return g * 0, gs


def _mismatch(dst, src):
    """PyTorch's broadcast error: the first (rightmost) non-singleton dimension that disagrees."""
    for i in range(1, max(len(dst), len(src)) + 1):
        a = dst[-i] if i <= len(dst) else 1
        b = src[-i] if i <= len(src) else 1
        if a != b and b != 1:
            return (f"The size of tensor a ({a}) must match the size of tensor b ({b}) at non-singleton "
                    f"dimension {max(len(dst), len(src)) - i}")
    return f"output with shape {list(dst)} doesn't match the broadcast shape {list(src)}"


def fill_(self, value):
    return apply_inplace(self, Fill.apply, value, needs_old_value=False)


def zero_(self):
    return apply_inplace(self, Zero.apply, 0, needs_old_value=False)


def copy_(self, src, non_blocking=False):
    return apply_inplace(self, Copy.apply, src, needs_old_value=False)


# ---- the in-place twin `name_` of every out-of-place method `name` (PyTorch's list) -------------
_VALUE_OPS = (
    "abs absolute acos acosh add addbmm addcdiv addcmul addmm addmv addr arccos arccosh arcsin arcsinh arctan2 "
    "arctan arctanh asin asinh atan2 atan atanh baddbmm bitwise_and bitwise_left_shift bitwise_not bitwise_or "
    "bitwise_right_shift bitwise_xor ceil clamp clamp_max clamp_min clip copysign cos cosh cumprod cumsum "
    "deg2rad digamma div divide eq erf erfc erfinv exp2 exp expm1 fix float_power floor floor_divide fmod frac "
    "gcd ge greater greater_equal gt heaviside hypot i0 igamma igammac index_add index_copy index_fill "
    "index_put index_reduce lcm ldexp le lerp less less_equal lgamma log10 log1p log2 log logical_and "
    "logical_not logical_or logical_xor logit lt masked_fill masked_scatter mul multiply mvlgamma nan_to_num ne "
    "neg negative nextafter not_equal polygamma pow put rad2deg reciprocal relu remainder renorm round rsqrt "
    "scatter scatter_add scatter_reduce sgn sigmoid sign sin sinc sinh sqrt square sub subtract tan tanh tril "
    "triu true_divide trunc xlogy").split()
_VIEW_OPS = ("squeeze", "unsqueeze", "t", "transpose", "swapaxes", "swapdims", "as_strided")
_NO_OLD_VALUE = {"add", "sub", "subtract", "neg", "negative", "masked_fill", "index_put", "index_fill",
                 "index_copy", "scatter", "index_add", "scatter_add"}


# clamp_ with number bounds words its cast error with C++ type names in PyTorch ("... output type long int")
_SCALAR_CLAMPS = {"clamp", "clamp_min", "clamp_max", "clip"}
_CPP_NAMES = {"Long": "long int", "Int": "int", "Short": "short int", "Char": "signed char", "Byte": "unsigned char",
              "Bool": "bool"}


def _inplace_method(name):
    needs_old = name not in _NO_OLD_VALUE

    def method(self, *args, **kwargs):
        fn = getattr(Tensor, name)
        if name in _SCALAR_CLAMPS and not any(isinstance(a, Tensor) for a in (*args, *kwargs.values())):
            try:
                return apply_inplace(self, lambda s, *a: fn(s, *a, **kwargs), *args, needs_old_value=needs_old)
            except RuntimeError as e:
                head, _, dst = str(e).rpartition(" output type ")
                if head.startswith("result type") and dst in _CPP_NAMES:
                    raise RuntimeError(f"{head} output type {_CPP_NAMES[dst]}") from None
                raise
        return apply_inplace(self, lambda s, *a: fn(s, *a, **kwargs), *args, needs_old_value=needs_old)
    method.__name__ = method.__qualname__ = name + "_"
    return method


def _inplace_view_method(name):
    def method(self, *args, **kwargs):
        fn = getattr(Tensor, name)
        return apply_inplace_view(self, lambda s, *a: fn(s, *a, **kwargs), *args)
    method.__name__ = method.__qualname__ = name + "_"
    return method


def install_inplace_methods():
    """Attach ``name_`` for every ``name`` Tensor has by now (idempotent; run again after new ops load)."""
    for name in _VALUE_OPS:
        if hasattr(Tensor, name) and not hasattr(Tensor, name + "_"):
            setattr(Tensor, name + "_", _inplace_method(name))
    for name in _VIEW_OPS:
        if hasattr(Tensor, name) and not hasattr(Tensor, name + "_"):
            setattr(Tensor, name + "_", _inplace_view_method(name))


def _augmented(op):
    return lambda self, other: apply_inplace(self, op, other, needs_old_value=op not in _CHEAP)


def _iadd(s, o):
    return s + o


def _isub(s, o):
    return s - o


_CHEAP = {_iadd, _isub}
register_method("__iadd__")(_augmented(_iadd))
register_method("__isub__")(_augmented(_isub))
register_method("__imul__")(_augmented(lambda s, o: s * o))
register_method("__itruediv__")(_augmented(lambda s, o: s / o))
register_method("__ifloordiv__")(_augmented(lambda s, o: s // o))
register_method("__imod__")(_augmented(lambda s, o: s % o))
register_method("__ipow__")(_augmented(lambda s, o: s ** o))
register_method("__iand__")(_augmented(lambda s, o: s & o))
register_method("__ior__")(_augmented(lambda s, o: s | o))
register_method("__ixor__")(_augmented(lambda s, o: s ^ o))
register_method("__ilshift__")(_augmented(lambda s, o: s << o))
register_method("__irshift__")(_augmented(lambda s, o: s >> o))
register_method("fill_")(fill_)
register_method("zero_")(zero_)
register_method("copy_")(copy_)


def set_(self, source):
    self._data = source._data
    self._version_counter[0] += 1
    return self


def share_memory_(self):
    return self


def apply_(self, callable):
    """Apply a Python function to every element in place (CPU only, no autograd, as in PyTorch)."""
    if self._requires_grad and STATE.grad_enabled:
        raise RuntimeError("apply_ is only implemented on CPU tensors that don't require grad")
    flat = self._data.reshape(-1)
    vals = [callable(v) for v in flat.tolist()]
    with no_grad():
        self.copy_(Tensor._make(np.asarray(vals, dtype=self._data.dtype).reshape(self._data.shape)))
    return self


register_method("set_")(set_)
register_method("share_memory_")(share_memory_)
register_method("apply_")(apply_)
install_inplace_methods()
