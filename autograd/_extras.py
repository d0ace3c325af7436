"""Small PyTorch names that everyday scripts use and that are thin compositions of existing ops:
constants, function spellings of Tensor methods, h/v/dsplit, cov/corrcoef, unravel_index, range,
scalar_tensor, asarray, and a few Tensor query methods. ``install(namespace)`` adds them to ``autograd``."""
import functools
import inspect
import math
import os
import sys
import warnings

import numpy as np

from . import _dtype
from .tensor import Tensor, register_method

# Tensor methods that torch also exposes as ``torch.<name>(input, ...)``
_FUNCTION_SPELLINGS = (
    "greater", "greater_equal", "less", "less_equal", "not_equal", "positive", "fix",
    "abs_", "acos_", "asin_", "atan_", "ceil_", "clamp_", "clamp_max_", "clamp_min_", "clip_", "cos_", "cosh_",
    "deg2rad_", "erf_", "erfc_", "exp_", "exp2_", "expm1_", "fix_", "floor_", "frac_", "log_", "log10_", "log1p_",
    "log2_", "logit_", "nan_to_num_", "neg_", "negative_", "rad2deg_", "reciprocal_", "relu_", "round_", "rsqrt_",
    "sigmoid_", "sin_", "sinc_", "sinh_", "sqrt_", "square_", "tan_", "tanh_", "trunc_", "xlogy_", "zero_",
    "fill_", "detach", "detach_", "index_put_",
)


def _function_spelling(name):
    def fn(input, *args, **kwargs):
        return getattr(input, name)(*args, **kwargs)
    fn.__name__ = fn.__qualname__ = name
    return fn


# ---- h/v/dsplit --------------------------------------------------------------------------------
def _directional_split(name, dim, min_dims):
    def fn(input, indices_or_sections):
        nd = input.ndim
        if nd < min_dims:
            raise RuntimeError(f"torch.{name} requires a tensor with at least {min_dims} dimension, "
                               f"but got a tensor with {nd} dimensions!")
        d = 0 if (name == "hsplit" and nd == 1) else dim
        if isinstance(indices_or_sections, Tensor) and indices_or_sections.ndim == 0:
            indices_or_sections = indices_or_sections.item()
        ok = isinstance(indices_or_sections, (int, np.integer)) or (
            isinstance(indices_or_sections, (list, tuple)) and all(isinstance(i, (int, np.integer)) for i in
                                                                    indices_or_sections))
        if isinstance(indices_or_sections, bool) or not ok:
            raise TypeError(f"{name}() received an invalid combination of arguments - got (Tensor, "
                            f"{type(indices_or_sections).__name__}), but expected one of: (Tensor input, int sections),"
                            f" (Tensor input, tuple of ints indices)")
        if isinstance(indices_or_sections, (int, np.integer)):
            k, n = int(indices_or_sections), input.shape[d]
            if k == 0 or n % k:
                raise RuntimeError(f"torch.{name} attempted to split along dimension {d}, but the size of the "
                                   f"dimension {n} is not divisible by the split_size {k}!")
        return input.tensor_split(indices_or_sections, d)
    fn.__name__ = fn.__qualname__ = name
    return fn


hsplit = _directional_split("hsplit", 1, 1)
vsplit = _directional_split("vsplit", 0, 2)
dsplit = _directional_split("dsplit", 2, 3)


# ---- covariance ---------------------------------------------------------------------------------
def cov(input, *, correction=1, fweights=None, aweights=None):
    """Covariance of the rows (variables) of ``input`` over its columns (observations), as torch.cov."""
    if input.ndim > 2:
        raise RuntimeError(f"cov(): expected input to have two or fewer dimensions but got an input with "
                           f"{input.ndim} dimensions")
    x = input if input.is_floating_point() else input.to(_dtype.get_default_dtype())
    if x.ndim < 2:
        x = x.view(1, -1)
    n_obs = x.shape[1]
    for name, wt, kind, kind_name in (("fweights", fweights, "iu", "integral"),
                                      ("aweights", aweights, "f", "floating point")):
        if wt is None:
            continue
        if wt.ndim > 1:
            raise RuntimeError(f"cov(): expected {name} to have one or fewer dimensions but got {name} with "
                               f"{wt.ndim} dimensions")
        if wt._data.dtype.kind not in kind:
            raise RuntimeError(f"cov(): expected {name} to have {kind_name} dtype but got {name} with "
                               f"{_dtype.type_name(wt.dtype)} dtype")
        if wt.numel() != n_obs:
            raise RuntimeError(f"cov(): expected {name} to have the same numel as there are observations in the "
                               f"input but got {wt.numel()} != {n_obs}")
        if (wt._data < 0).any():
            raise RuntimeError(f"cov(): {name} cannot be negative")
    w = fweights
    if aweights is not None:
        w = aweights if w is None else w * aweights
    if w is None:
        avg, w_sum = x.mean(1), n_obs
        norm = w_sum - correction
    else:
        w_sum = w.sum()
        avg = (x * w).sum(1) / w_sum
        if aweights is not None and correction != 0:
            norm = w_sum - correction * (w * aweights).sum() / w_sum
        else:
            norm = w_sum - correction
    if float(norm) <= 0:
        norm = 0
    x = x - avg.unsqueeze(1)
    c = x @ (x if w is None else x * w).t()
    return (c / norm).squeeze()


def corrcoef(input):
    """Pearson correlation coefficients of the rows of ``input`` (values clipped to [-1, 1])."""
    c = cov(input)
    if c.ndim == 0:
        return c / c
    std = c.diagonal().sqrt()
    c = c / std.unsqueeze(1)
    c = c / std.unsqueeze(0)
    return c.clamp(-1, 1)


# ---- index helpers and constructors -------------------------------------------------------------
def unravel_index(indices, shape):
    """Coordinates of flat ``indices`` in a tensor of ``shape`` (floor division, as torch: no range check)."""
    from .creation import tensor
    t = indices if isinstance(indices, Tensor) else tensor(indices)
    if t.is_floating_point() or t.dtype is _dtype.bool_:
        raise TypeError(f"expected 'indices' to be integer dtype, but got {t.dtype}")
    shape = (shape,) if isinstance(shape, (int, np.integer)) else tuple(int(s) for s in shape)
    if any(s < 0 for s in shape):
        raise ValueError("'shape' cannot have negative values, but got " + str(tuple(shape)))
    flat = t._data.astype(np.int64)
    out = []
    for s in reversed(shape):
        out.append(np.mod(flat, s) if s else np.zeros_like(flat))
        flat = np.floor_divide(flat, s) if s else flat
    return tuple(Tensor._make(a) for a in reversed(out))


def range(start, end, step=1, *, dtype=None, device=None, requires_grad=False):
    """Deprecated ``torch.range``: like ``arange`` but includes ``end``; floating point by default."""
    warnings.warn("torch.range is deprecated and will be removed in a future release because its behavior is "
                  "inconsistent with Python's range builtin. Instead, use torch.arange, which produces values in "
                  "[start, end).", UserWarning, stacklevel=2)
    if step == 0:
        raise RuntimeError("step must be nonzero")
    n = int(math.floor((end - start) / step)) + 1
    dt = dtype or _dtype.get_default_dtype()
    arr = (start + step * np.arange(max(n, 0), dtype=np.float64)).astype(dt.np)
    return Tensor._make(arr, requires_grad=requires_grad)


def scalar_tensor(s, *, dtype=None, device=None, requires_grad=False):
    dt = dtype or _dtype.get_default_dtype()
    return Tensor._make(np.array(s, dtype=dt.np), requires_grad=requires_grad)


def asarray(obj, *, dtype=None, device=None, copy=None, requires_grad=False):
    """Tensor from ``obj`` sharing memory when possible (``copy=True`` forces a copy)."""
    from .creation import as_tensor, tensor
    if copy:
        out = tensor(obj.detach() if isinstance(obj, Tensor) else obj, dtype=dtype)
    else:
        out = as_tensor(obj, dtype=dtype)
    if requires_grad:
        out.requires_grad_(True)
    return out


# ---- legacy Tensor methods (old scripts) ---------------------------------------------------------
def _new(self, *args, device=None):
    """Legacy ``x.new(...)``: sizes -> uninitialised (here zero) tensor, data -> tensor, both of x's dtype."""
    from .creation import tensor
    from .tensor import Size
    if not args:
        return Tensor._make(np.empty(0, dtype=self._data.dtype))
    if len(args) == 1 and isinstance(args[0], Tensor):
        return Tensor._make(args[0]._data)
    if len(args) == 1 and isinstance(args[0], Size):
        args = tuple(args[0])
    if all(isinstance(a, (int, np.integer)) and not isinstance(a, bool) for a in args):
        return Tensor._make(np.zeros(tuple(int(a) for a in args), dtype=self._data.dtype))
    return tensor(args[0], dtype=self.dtype)


def _resize_(self, *sizes, memory_format=None):
    """Give x a new shape in place, keeping the leading elements (new ones are zero here)."""
    if self._requires_grad:
        raise RuntimeError("cannot resize variables that require grad")
    shape = tuple(sizes[0]) if len(sizes) == 1 and not isinstance(sizes[0], (int, np.integer)) else sizes
    shape = tuple(int(d) for d in shape)
    if shape == tuple(self._data.shape):
        return self
    n = int(np.prod(shape))
    flat = np.ravel(self._data)
    if n == flat.size and self._data.flags.c_contiguous:
        self._data = self._data.reshape(shape)
    else:
        out = np.zeros(n, dtype=self._data.dtype)
        k = min(n, flat.size)
        out[:k] = flat[:k]
        self._data = out.reshape(shape)
    self._version_counter[0] += 1
    return self


_CPP_TYPE_NAMES = {"float32": "float", "float64": "double", "float16": "c10::Half", "bfloat16": "c10::BFloat16",
                   "int8": "signed char", "uint8": "unsigned char", "int16": "short int", "int32": "int",
                   "int64": "long int", "bool": "bool"}
_LONG_OUT = ("argmax", "argmin")
_STRUCTURED = "Expected out tensor to have dtype {r}, but got {o} instead"
_SAME_DTYPE_OUT = {  # ops whose (values) out must have the result's dtype, and PyTorch's words for it
    "gather": _STRUCTURED, "sort": _STRUCTURED, "msort": _STRUCTURED, "topk": _STRUCTURED, "aminmax": _STRUCTURED,
    "index_select": "index_select(): self and result must have the same scalar type",
    "masked_select": "masked_select(): self and result must have the same scalar type",
    "take": "take(): self and out expected to have the same dtype, but got self.dtype = {R} and out.dtype = {O}",
    "kthvalue": "output values must be of same type as input",
    "quantile": "quantile() out tensor must be same dtype as the input tensor",
    "nanquantile": "quantile() out tensor must be same dtype as the input tensor",
    "multinomial": "multinomial expects Long tensor out, got: {O}"}
_NO_INPUT_OVERLAP = ("gather", "index_select", "take", "masked_select", "kthvalue", "topk", "mode", "median")


def _dense(arr):
    """Non-overlapping and dense (contiguous in some order of its dims)."""
    step = arr.itemsize
    for st, n in sorted((st, n) for st, n in zip(arr.strides, arr.shape) if n != 1):
        if st != step:
            return False
        step *= n
    return True


def _overlaps(a, b):
    """PyTorch's get_overlap_status is Full or Partial: two dense, non-empty tensors whose memory ranges meet
    (it does not look closer at other layouts)."""
    return a.size and b.size and _dense(a) and _dense(b) and np.may_share_memory(a, b)


def _check_no_overlap(args, kwargs, out):
    """PyTorch's assert_no_overlap for ops that read their inputs while writing ``out``."""
    outs = out if isinstance(out, (tuple, list)) else (out,)
    for a in (*args, *kwargs.values()):
        if isinstance(a, Tensor) and any(isinstance(o, Tensor) and _overlaps(a._data, o._data) for o in outs):
            raise RuntimeError("unsupported operation: some elements of the input tensor and the written-to tensor "
                               "refer to a single memory location. Please clone() the tensor before performing the "
                               "operation.")


def _write_out(name, result, out, field=None):
    """Store ``result`` into the caller's ``out`` tensor(s) as PyTorch's ``out=`` variants do: same-kind casts
    only (indices only into long tensors), resized when the shape differs, never recorded for autograd; a named
    tuple comes back as its ``return_types.<name>_out`` twin."""
    if isinstance(result, tuple):
        fields = getattr(result, "_fields", (None,) * len(result))
        for r, o, f in zip(result, out, fields):
            _write_out(name, r, o, f)
        if not hasattr(result, "_fields"):
            return tuple(out)
        from . import return_types
        return getattr(return_types, type(result).__name__ + "_out", type(result))(*out)
    from .grad_mode import is_grad_enabled, no_grad
    if is_grad_enabled() and (result.requires_grad or out.requires_grad):
        raise RuntimeError(f"{name}(): functions with out=... arguments don't support automatic differentiation, "
                           "but one of the arguments requires grad.")
    if any(st == 0 and n > 1 for st, n in zip(out._data.strides, out._data.shape)):
        raise RuntimeError("unsupported operation: more than one element of the written-to tensor refers to a single "
                           "memory location. Please clone() the tensor before performing the operation.")
    if name in _SAME_DTYPE_OUT and field in (None, "values", "min", "max") and out.dtype != result.dtype:
        raise RuntimeError(_SAME_DTYPE_OUT[name].format(
            r=_CPP_TYPE_NAMES.get(result.dtype.name, result.dtype.name), R=_dtype.type_name(result.dtype),
            o=_CPP_TYPE_NAMES.get(out.dtype.name, out.dtype.name), O=_dtype.type_name(out.dtype)))
    if (name in _LONG_OUT or field == "indices") and out.dtype != _dtype.int64:
        raise RuntimeError(f"Expected out tensor to have dtype long int, but got "
                           f"{_CPP_TYPE_NAMES.get(out.dtype.name, out.dtype.name)} instead")
    if _dtype.promote_types(result.dtype, out.dtype) is not out.dtype and \
            result.dtype._category > out.dtype._category:
        raise RuntimeError(f"result type {_dtype.type_name(result.dtype)} can't be cast to the desired output type "
                           f"{_dtype.type_name(out.dtype)}")
    with no_grad():
        if out.shape != result.shape:
            _resize_(out, result.shape)
        out.copy_(result)
    return out


_OUT_ITSELF = ("arange", "cat", "concat", "concatenate")  # their result's dtype depends on out's: they call _write_out themselves
_OUT_TOO = ("sum", "mean", "prod", "argmax", "argmin", "amax", "amin", "logsumexp", "std", "var", "all", "any",
            "maximum", "minimum", "where", "pow", "neg", "square", "round", "floor_divide", "true_divide", "dot", "mv",
            "outer", "cross", "tril", "triu", "diff", "cumulative_trapezoid", "index_select", "gather", "masked_select",
            "take", "nonzero", "searchsorted", "bucketize", "eq", "ne", "lt", "le", "gt", "ge", "logical_and",
            "logical_or", "logical_xor", "logical_not", "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_not",
            "isnan", "sigmoid", "softmax", "log_softmax", "unique_consecutive", "flip", "roll", "narrow_copy",
            "msort", "quantile", "nanquantile", "multinomial", "aminmax")


def _where_out_args(condition, input=None, other=None):
    """``where(..., out=)`` has only the all-Tensor overload: a Python number operand is a TypeError."""
    for pos, (arg, value) in enumerate((("input", input), ("other", other)), start=2):
        if not isinstance(value, Tensor):
            raise TypeError(f"where(): argument '{arg}' (position {pos}) must be Tensor, not {type(value).__name__}")


_OUT_ARG_CHECKS = {"where": _where_out_args}


def _has_keyword_only_out(fn):
    """Whether ``fn`` takes a keyword-only ``out`` (read from its code object: ``inspect.signature`` over the
    whole namespace cost a noticeable share of ``import autograd``)."""
    if hasattr(fn, "__wrapped__"):
        param = inspect.signature(fn).parameters.get("out")
        return param is not None and param.kind is param.KEYWORD_ONLY
    code = fn.__code__
    return "out" in code.co_varnames[code.co_argcount:code.co_argcount + code.co_kwonlyargcount]


def _honour_out(fn):
    """Wrap a function with an ``out`` parameter so that ``out=`` always receives the result (one mechanism,
    whether or not the function itself knows about ``out``)."""
    name = fn.__name__
    check = _OUT_ARG_CHECKS.get(name)

    def wrapper(*args, out=None, **kwargs):
        if out is None:
            return fn(*args, **kwargs)
        if check is not None:
            check(*args, **kwargs)
        if name in _NO_INPUT_OVERLAP:
            _check_no_overlap(args, kwargs, out)
        return _write_out(name, fn(*args, **kwargs), out)
    return functools.wraps(fn)(wrapper)


register_method("new")(_new)
register_method("resize_")(_resize_)
register_method("resize_as_")(lambda self, other, memory_format=None: _resize_(self, other.shape))


# ---- Tensor methods -----------------------------------------------------------------------------
def _storage_root(arr):
    """The array owning ``arr``'s memory; as_strided views (diagonal, unfold) reach it through a DummyArray."""
    while True:
        base = arr.base if isinstance(arr.base, np.ndarray) else getattr(arr.base, "base", None)
        if not isinstance(base, np.ndarray):
            return arr
        arr = base


class UntypedStorage:
    """The bytes under a tensor and its views (``x.untyped_storage()``): scripts compare ``data_ptr()`` to
    tell whether two tensors share memory."""

    def __init__(self, array):
        self._array = array

    def data_ptr(self):
        return self._array.__array_interface__["data"][0]

    def nbytes(self):
        return self._array.nbytes

    size = nbytes
    __len__ = nbytes

    def element_size(self):
        return 1

    @property
    def device(self):
        from .tensor import device
        return device("cpu")

    def __repr__(self):
        return f" {self.nbytes()} bytes\n[torch.storage.UntypedStorage(device=cpu) of size {self.nbytes()}]"


register_method("untyped_storage")(lambda self: UntypedStorage(_storage_root(self._data)))
Tensor.is_cpu = property(lambda self: True)
register_method("is_signed")(lambda self: self.dtype.is_signed)
register_method("is_same_size")(lambda self, other: tuple(self.shape) == tuple(other.shape))
for _name, _fn in dict(hsplit=hsplit, vsplit=vsplit, dsplit=dsplit, cov=cov, corrcoef=corrcoef).items():
    register_method(_name)(_fn)


# ---- global switches scripts set in their seeding boilerplate (every kernel here is deterministic) ------
_DETERMINISTIC = {"mode": False, "warn_only": False}


def use_deterministic_algorithms(mode, *, warn_only=False):
    if not isinstance(mode, bool):
        raise TypeError(f"use_deterministic_algorithms(): argument 'mode' (position 1) must be bool, "
                        f"not {type(mode).__name__}")
    _DETERMINISTIC.update(mode=mode, warn_only=bool(warn_only))


def are_deterministic_algorithms_enabled():
    return _DETERMINISTIC["mode"]


def is_deterministic_algorithms_warn_only_enabled():
    return _DETERMINISTIC["warn_only"]


_THREADS = {"intra": None, "interop": None}
_MATMUL_PRECISION = ["highest"]


def _positive_int(name, n):
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise RuntimeError(f"{name} expects an int, but got {type(n).__name__}")
    if n <= 0:
        raise RuntimeError(f"{name} expects a positive integer")
    return int(n)


def set_num_threads(n):
    """Threads for intra-op parallelism: passed on to numba (capped at its pool size) once it is loaded."""
    _THREADS["intra"] = _positive_int("set_num_threads", n)
    numba = sys.modules.get("numba")
    if numba is not None:
        try:
            numba.set_num_threads(min(_THREADS["intra"], numba.config.NUMBA_NUM_THREADS))
        except Exception:  # noqa: BLE001 - a threading layer that cannot change size keeps its own
            pass


def get_num_threads():
    return _THREADS["intra"] or os.cpu_count() or 1


def set_num_interop_threads(n):
    _THREADS["interop"] = _positive_int("set_num_interop_threads", n)


def get_num_interop_threads():
    return _THREADS["interop"] or os.cpu_count() or 1


def set_float32_matmul_precision(precision):
    if precision not in ("highest", "high", "medium"):
        warnings.warn(f"{precision} is not one of 'highest', 'high', or 'medium'; the current"
                      f"setFloat32MatmulPrecision call has no effect.", UserWarning, stacklevel=2)
        return
    _MATMUL_PRECISION[0] = precision


def get_float32_matmul_precision():
    return _MATMUL_PRECISION[0]


def get_default_device():
    from .tensor import device
    return device("cpu")


def set_default_device(device):
    """Only the CPU exists here: ``None``/``"cpu"`` are accepted, any other device raises like a CPU-only torch."""
    name = None if device is None else str(device)
    if name not in (None, "cpu"):
        raise RuntimeError(f"Cannot set the default device to {name}: only 'cpu' is available")


def set_default_tensor_type(t):
    """Deprecated: set the default dtype from a legacy type (``DoubleTensor`` or ``"torch.DoubleTensor"``)."""
    from . import _legacy
    warnings.warn("torch.set_default_tensor_type() is deprecated as of PyTorch 2.1, please use "
                  "torch.set_default_dtype() and torch.set_default_device() as alternatives.", UserWarning,
                  stacklevel=2)
    if isinstance(t, str):
        t = getattr(_legacy, t.rsplit(".", 1)[-1], None)
    dt = getattr(t, "dtype", None)
    if not isinstance(dt, _dtype.dtype):
        raise TypeError("invalid type object")
    if not dt.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    _dtype.set_default_dtype(dt)


def typename(obj):
    """``torch.typename``: the name used in error messages (``autograd.FloatTensor``, ``int`` ...)."""
    if isinstance(obj, Tensor):
        return obj.type()
    module = getattr(obj, "__module__", "") or ""
    if hasattr(obj, "__qualname__"):
        qualname = obj.__qualname__
    elif hasattr(obj, "__name__"):
        qualname = obj.__name__
    else:
        module = obj.__class__.__module__ or ""
        qualname = obj.__class__.__qualname__
    return qualname if module in ("", "builtins") else f"{module}.{qualname}"


def install(namespace):
    """Add the constants and functions above to the ``autograd`` namespace (existing names win), and make
    ``type(x)`` print ``<class 'autograd.Tensor'>`` (also Size, device, dtype) as torch's does."""
    from .tensor import Size, device
    for cls in (Tensor, Size, device, _dtype.dtype):
        cls.__module__ = "autograd"
    from . import creation, testing
    from .ops import misc
    namespace.setdefault("testing", testing)
    register_method("multinomial")(creation.multinomial)
    register_method("bernoulli")(creation.bernoulli)
    register_method("dist")(misc.dist)
    names = dict(pi=math.pi, e=math.e, inf=math.inf, nan=math.nan, newaxis=None, hsplit=hsplit, vsplit=vsplit,
                 dsplit=dsplit, cov=cov, corrcoef=corrcoef, unravel_index=unravel_index, range=range,
                 scalar_tensor=scalar_tensor, asarray=asarray, typename=typename,
                 use_deterministic_algorithms=use_deterministic_algorithms,
                 are_deterministic_algorithms_enabled=are_deterministic_algorithms_enabled,
                 is_deterministic_algorithms_warn_only_enabled=is_deterministic_algorithms_warn_only_enabled,
                 set_num_threads=set_num_threads, get_num_threads=get_num_threads,
                 set_num_interop_threads=set_num_interop_threads, get_num_interop_threads=get_num_interop_threads,
                 set_float32_matmul_precision=set_float32_matmul_precision,
                 get_float32_matmul_precision=get_float32_matmul_precision, get_default_device=get_default_device,
                 set_default_device=set_default_device, set_default_tensor_type=set_default_tensor_type)
    from .ops import pointwise
    names.update(bitwise_left_shift=pointwise.bitwise_left_shift, bitwise_right_shift=pointwise.bitwise_right_shift)
    names.update({n: getattr(pointwise, n) for n in ("angle", "conj", "conj_physical", "conj_physical_", "resolve_conj",
                                                     "resolve_neg", "real", "imag")})
    names.update(is_conj=lambda input: False, is_neg=lambda input: False)
    from . import fft, _layout
    names.update(fft=fft, **{n: getattr(_layout, n) for n in _layout.__all__})
    names.update({n: _function_spelling(n) for n in _FUNCTION_SPELLINGS if hasattr(Tensor, n)})
    for k, v in names.items():
        namespace.setdefault(k, v)
    for k, v in list(namespace.items()):
        if not k.startswith("_") and inspect.isfunction(v) and (_has_keyword_only_out(v) or k in _OUT_TOO) \
                and k not in _OUT_ITSELF:
            namespace[k] = _honour_out(v)
