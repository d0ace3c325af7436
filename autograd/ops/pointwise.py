"""Elementwise math: one factory builds every unary op from its kernel and its derivative rule."""
import math

import numpy as np

from .. import _dtype
from .. import kernels as K
from ..function import Op
from ..tensor import Tensor, register_method
from .._argcheck import type_name
from ._util import binary_operands, broadcast_error, check_overloads, float_array, shape_of


def unary_op(name, kernel, derivative=None, saves="x", keep_int=False, node_name=None, no_bool=None, raw=None):
    """Build a unary Op + function + Tensor method from its kernel and derivative rule.

    ``derivative(g, x, y)`` is written in Tensor ops (so it is differentiable again); ``saves``
    says which of input ``x`` / output ``y`` it needs. ``derivative=None`` means zero gradient.
    ``raw``: the same rule on NumPy arrays for the unrecorded backward (``True``: ``derivative``
    itself works on arrays, being plain arithmetic).
    ``keep_int``: integer inputs keep their dtype (else they compute in the default float);
    ``no_bool``: the error a bool input raises.
    """
    named = isinstance(kernel, str)  # looked up per call: ``kernels.use_backend`` swaps them
    save_x = "x" in saves

    class _Unary(Op):
        save_output = "y" in saves
        saved_names = {"self": 0} if save_x else {}

        @staticmethod
        def forward(ctx, a):
            arr = a._data
            if arr.dtype.kind != "f":
                if no_bool is not None and arr.dtype == np.bool_:
                    raise no_bool
                if not keep_int:
                    arr = float_array(a)
            if save_x:
                ctx.save_for_backward(a)
            return (getattr(K, kernel) if named else kernel)(arr)

        @staticmethod
        def backward(ctx, g):
            if derivative is None:
                return g * 0
            x = ctx.saved_tensors[0] if "x" in saves else None
            y = ctx.output if "y" in saves else None
            return derivative(g, x, y)

    attrs = {"node_name": node_name or name + "Backward0"}
    if raw is not None:
        array_rule = derivative if raw is True else raw

        def raw_backward(ctx, g):
            x = ctx.saved_arrays[0] if "x" in saves else None
            y = ctx.output_array if "y" in saves else None
            return array_rule(g, x, y)
        attrs["raw_backward"] = staticmethod(raw_backward)
    cls = type(name, (_Unary,), attrs)
    cls.__qualname__ = name

    def fn(input, *, out=None):
        res = cls.apply(input)
        if out is not None:
            out.copy_(res)
            return out
        return res
    fn.__name__ = name.lower()
    fn.op = cls
    return fn


def _tanh_grad(g, x, y):
    return TanhBackward.apply(g, y)


def _sigmoid_grad(g, x, y):
    return SigmoidBackward.apply(g, y)


def _relu_grad(g, x, y):
    return ThresholdBackward.apply(g, y)


exp = unary_op("Exp", "exp", lambda g, x, y: g * y, saves="y", raw=True)
log = unary_op("Log", "log", lambda g, x, y: g / x, raw=True)
log2 = unary_op("Log2", np.log2, lambda g, x, y: g / (x * float(np.log(2.0))), raw=True)
log10 = unary_op("Log10", np.log10, lambda g, x, y: g / (x * float(np.log(10.0))), raw=True)
log1p = unary_op("Log1p", np.log1p, lambda g, x, y: g / (x + 1), raw=True, node_name="Log1PBackward0")
expm1 = unary_op("Expm1", np.expm1, lambda g, x, y: g * (y + 1), saves="y", raw=True)
sqrt = unary_op("Sqrt", "sqrt", lambda g, x, y: g / (2 * y), saves="y", raw=True)
rsqrt = unary_op("Rsqrt", "rsqrt", lambda g, x, y: -0.5 * g * y * y * y, saves="y", raw=True)
sin = unary_op("Sin", "sin", lambda g, x, y: g * x.cos(), raw=lambda g, x, y: g * np.cos(x))
cos = unary_op("Cos", "cos", lambda g, x, y: -g * x.sin(), raw=lambda g, x, y: -g * np.sin(x))
tan = unary_op("Tan", np.tan, lambda g, x, y: g * (1 + y * y), saves="y", raw=True)
tanh = unary_op("Tanh", "tanh", _tanh_grad, saves="y", raw=lambda g, x, y: K.tanh_backward(g, y))
sigmoid = unary_op("Sigmoid", "sigmoid", _sigmoid_grad, saves="y", raw=lambda g, x, y: K.sigmoid_backward(g, y))
relu = unary_op("Relu", "relu", _relu_grad, saves="y", keep_int=True, raw=lambda g, x, y: K.relu_backward(g, y),
                no_bool=RuntimeError("Boolean inputs not supported for relu"))
abs = unary_op("Abs", "abs", lambda g, x, y: g * x.sign(), keep_int=True, raw=lambda g, x, y: g * K.sign(x),
               no_bool=NotImplementedError("\"abs_cpu\" not implemented for 'Bool'"))
def _sign(a):
    """sign with PyTorch's sign(nan) == 0."""
    if a.dtype == np.bool_:
        return a.copy()
    r = K.sign(a)
    if a.dtype.kind == "f":
        nan = np.isnan(r)
        if nan.any():
            r = np.where(nan, r.dtype.type(0), r)
    return r


sign = unary_op("Sign", _sign, None, saves="", keep_int=True)
floor = unary_op("Floor", np.floor, None, saves="", keep_int=True,
                 no_bool=NotImplementedError("\"floor_vml_cpu\" not implemented for 'Bool'"))
ceil = unary_op("Ceil", np.ceil, None, saves="", keep_int=True,
                no_bool=NotImplementedError("\"ceil_vml_cpu\" not implemented for 'Bool'"))
trunc = unary_op("Trunc", np.trunc, None, saves="", keep_int=True,
                 no_bool=NotImplementedError("\"trunc_vml_cpu\" not implemented for 'Bool'"))
reciprocal = unary_op("Reciprocal", lambda a: np.reciprocal(a), lambda g, x, y: -g * y * y, saves="y", raw=True)
asin = unary_op("Asin", np.arcsin, lambda g, x, y: g * (1 - x * x).rsqrt())
acos = unary_op("Acos", np.arccos, lambda g, x, y: -g * (1 - x * x).rsqrt())
atan = unary_op("Atan", np.arctan, lambda g, x, y: g / (1 + x * x))
sinh = unary_op("Sinh", np.sinh, lambda g, x, y: g * x.cosh())
cosh = unary_op("Cosh", np.cosh, lambda g, x, y: g * x.sinh())
erf = unary_op("Erf", "erf", lambda g, x, y: g * (2.0 / float(np.sqrt(np.pi))) * (-(x * x)).exp())


class _RoundOp(Op):
    node_name = "RoundBackward0"

    @staticmethod
    def forward(ctx, a, decimals=None):
        arr = a._data
        if arr.dtype.kind != "f" and (decimals is not None or arr.dtype == np.bool_):
            raise NotImplementedError(f"\"{'round_cpu' if decimals else 'round_vml_cpu'}\" not implemented for "
                                      f"'{_dtype.type_name(_dtype.from_numpy_dtype(arr.dtype))}'")
        return np.round(arr, decimals or 0)

    @staticmethod
    def backward(ctx, g):
        return g * 0, None


class _RoundDecimals(_RoundOp):
    node_name = "RoundBackward1"


def round(input, *, decimals=None):
    return _RoundOp.apply(input) if decimals is None else _RoundDecimals.apply(input, decimals)


class TanhBackward(Op):
    """tanh's gradient as its own op (fused kernel forward, differentiable for double backward)."""

    @staticmethod
    def forward(ctx, g, y):
        ctx.save_for_backward(g, y)
        return K.tanh_backward(g._data, y._data)

    @staticmethod
    def backward(ctx, gg):
        g, y = ctx.saved_tensors
        return gg * (1 - y * y), -2 * gg * g * y


class SigmoidBackward(Op):
    @staticmethod
    def forward(ctx, g, y):
        ctx.save_for_backward(g, y)
        return K.sigmoid_backward(g._data, y._data)

    @staticmethod
    def backward(ctx, gg):
        g, y = ctx.saved_tensors
        return gg * y * (1 - y), gg * g * (1 - 2 * y)


class ThresholdBackward(Op):
    @staticmethod
    def forward(ctx, g, y):
        ctx.save_for_backward(y)
        return K.relu_backward(g._data, y._data)

    @staticmethod
    def backward(ctx, gg):
        (y,) = ctx.saved_tensors
        return ThresholdBackward.apply(gg, y), None


def square(input):
    return input ** 2


class Clamp(Op):
    """clamp with Python-number bounds: the gradient passes where min <= x <= max."""

    node_name = "ClampBackward1"

    @staticmethod
    def forward(ctx, a, lo, hi):
        ctx.save_for_backward(a)
        ctx.bounds = (lo, hi)
        arr = a._data
        if arr.dtype.kind != "f" and (isinstance(lo, float) or isinstance(hi, float)):
            arr = arr.astype(_dtype.get_default_dtype().np)
        return K.clip(arr, lo, hi)

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        lo, hi = ctx.bounds
        mask = a >= lo if lo is not None else None
        if hi is not None:
            mask = a <= hi if mask is None else mask & (a <= hi)
        return where(mask, g, 0.0), None, None


class ClampTensor(Op):
    """clamp with tensor bounds (broadcast); the gradient goes to x, min or max as PyTorch routes it."""

    node_name = "ClampBackward0"

    @staticmethod
    def forward(ctx, a, lo, hi):
        ctx.save_for_backward(a, lo, hi)
        operands = [v for v in (a, lo, hi) if v is not None]
        dt = _dtype.result_type(*operands).np
        if dt == np.bool_ and lo is not None and hi is not None:
            raise NotImplementedError("\"clamp_cpu\" not implemented for 'Bool'")
        arrs = [None if v is None else v._data.astype(dt, copy=False) for v in (a, lo, hi)]
        try:
            out = np.broadcast_to(arrs[0], np.broadcast_shapes(*(v.shape for v in arrs if v is not None)))
        except ValueError as e:
            raise broadcast_error("clamp", e, *operands) from None
        return np.asarray(K.clip(out, arrs[1], arrs[2]))

    @staticmethod
    def backward(ctx, g):
        a, lo, hi = ctx.saved_tensors
        need = ctx.needs_input_grad
        gx = glo = ghi = None
        if need[0]:
            mask = None if lo is None else a >= lo
            if hi is not None:
                mask = a <= hi if mask is None else mask & (a <= hi)
            gx = where(mask, g, 0.0).sum_to_size(a.shape)
        if need[1]:
            mask = a < lo if hi is None else (a < lo) & (lo < hi)
            glo = where(mask, g, 0.0).sum_to_size(lo.shape)
        if need[2]:
            mask = a > hi if lo is None else (a > hi) | (hi < lo)
            ghi = where(mask, g, 0.0).sum_to_size(hi.shape)
        return gx, glo, ghi


def _bound(input, b):
    """A number bound that keeps ``input``'s dtype must fit it (``int8.clamp(0, 200)`` raises, as PyTorch)."""
    if b is None or isinstance(b, Tensor) or _dtype.result_type(input, b) is not input.dtype:
        return b
    return _dtype.checked_scalar(b, input._data.dtype)


def clamp(input, min=None, max=None, *, out=None):
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    min, max = _bound(input, min), _bound(input, max)
    if isinstance(min, Tensor) or isinstance(max, Tensor):
        lo = min if min is None or isinstance(min, Tensor) else Tensor._make(np.asarray(min))
        hi = max if max is None or isinstance(max, Tensor) else Tensor._make(np.asarray(max))
        res = ClampTensor.apply(input, lo, hi)
    else:
        res = Clamp.apply(input, min, max)
    if out is not None:
        out.copy_(res)
        return out
    return res


class ClampMin(Clamp):
    node_name = "ClampMinBackward0"


class ClampMax(Clamp):
    node_name = "ClampMaxBackward0"


def clamp_min(input, min):
    return clamp(input, min, None) if isinstance(min, Tensor) else ClampMin.apply(input, _bound(input, min), None)


def clamp_max(input, max):
    return clamp(input, None, max) if isinstance(max, Tensor) else ClampMax.apply(input, None, _bound(input, max))


class Maximum(Op):
    _kernel = "maximum"

    @classmethod
    def forward(cls, ctx, a, b):
        x, y = binary_operands(a, b)
        ctx.save_for_backward(a, b)
        try:
            return getattr(K, cls._kernel)(x, y)
        except ValueError as e:
            raise broadcast_error(cls._kernel, e, a, b) from None

    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        return _split_ties(g, a, b, a > b)


class Minimum(Maximum):
    _kernel = "minimum"

    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        return _split_ties(g, a, b, a < b)


def _split_ties(g, a, b, a_wins):
    """max/min gradient: all to the winner, split evenly on ties (PyTorch's rule)."""
    tie = a == b
    half = g / 2
    ga = where(a_wins, g, where(tie, half, 0.0)).sum_to_size(a.shape)
    gb = where(a_wins, 0.0, where(tie, half, g)).sum_to_size(b.shape)
    return ga, gb


def _tensor_args(name, input, other, arg="other"):
    """maximum/minimum take two tensors (PyTorch has no Scalar overload): a number raises TypeError."""
    for pos, (argname, v) in enumerate((("input", input), (arg, other)), 1):
        if not isinstance(v, Tensor):
            raise TypeError(f"{name}(): argument '{argname}' (position {pos}) must be Tensor, not {type_name(v)}")


def tensor_method(fn, name, arg="other"):
    """The Tensor method of a two-Tensor function ``fn(input, <arg>)``: torch numbers positions after ``self``."""
    def method(self, *args, **kwargs):
        other = args[0] if args else kwargs.get(arg)
        if not isinstance(other, Tensor):
            where = " (position 1)" if args else ""  # torch names no position for a keyword argument
            raise TypeError(f"{name}(): argument '{arg}'{where} must be Tensor, not {type_name(other)}")
        return fn(self, *args, **kwargs)
    method.__name__ = name
    return method


def maximum(input, other):
    _tensor_args("maximum", input, other)
    return Maximum.apply(input, other)


def minimum(input, other):
    _tensor_args("minimum", input, other)
    return Minimum.apply(input, other)


class Where(Op):
    @staticmethod
    def forward(ctx, cond, x, y):
        c = cond._data if isinstance(cond, Tensor) else np.asarray(cond)
        if c.dtype != np.bool_:
            raise RuntimeError("where expected condition to be a boolean tensor, but got a tensor with dtype "
                               f"{_dtype.type_name(_dtype.from_numpy_dtype(c.dtype))}")
        xa, ya = binary_operands(x, y)
        ctx.cond = cond if isinstance(cond, Tensor) else Tensor._make(c)
        ctx.shapes = (shape_of(x), shape_of(y))
        try:
            out = np.where(c, xa, ya)
        except ValueError as e:
            raise broadcast_error("where", e, cond, x, y) from None
        if not (isinstance(x, Tensor) or isinstance(y, Tensor)):
            out = out.astype(_dtype.result_type(x, y).np, copy=False)
        return out

    @staticmethod
    def backward(ctx, g):
        c = ctx.cond
        sx, sy = ctx.shapes
        gx = Where.apply(c, g, 0.0).sum_to_size(sx) if ctx.needs_input_grad[1] else None
        gy = Where.apply(c, 0.0, g).sum_to_size(sy) if ctx.needs_input_grad[2] else None
        return None, gx, gy


def where(condition, input=None, other=None):
    if input is None and other is None:
        from .indexing import nonzero
        return nonzero(condition, as_tuple=True)
    return Where.apply(condition, input, other)


# ---- comparisons and logic: bool results, no gradient ------------------------------------------
def _compare(ufunc, name):
    def fn(input, other):
        check_overloads(name, input, other)
        x, y = binary_operands(input, other)
        try:
            return Tensor._make(np.asarray(ufunc(x, y)))
        except ValueError as e:
            raise broadcast_error(name, e, input, other) from None
    fn.__name__ = name
    return fn


eq = _compare(np.equal, "eq")
ne = _compare(np.not_equal, "ne")
lt = _compare(np.less, "lt")
le = _compare(np.less_equal, "le")
gt = _compare(np.greater, "gt")
ge = _compare(np.greater_equal, "ge")


def _logical(ufunc):
    def fn(input, other):
        _tensor_args(ufunc.__name__, input, other)
        x, y = input._data, other._data
        try:
            return Tensor._make(np.asarray(ufunc(x.astype(bool), y.astype(bool))))
        except ValueError as e:
            raise broadcast_error(ufunc.__name__, e, input, other) from None
    fn.__name__ = ufunc.__name__
    return fn


logical_and = _logical(np.logical_and)
logical_or = _logical(np.logical_or)
logical_xor = _logical(np.logical_xor)


def logical_not(input):
    return Tensor._make(np.logical_not(input._data))


def _bitwise(ufunc, name, public=None):
    def fn(input, other):
        check_overloads(public or name, input, other, number_self=True)
        dt = _dtype.result_type(input, other)
        if dt.is_floating_point:
            raise NotImplementedError(f"\"{name}_cpu\" not implemented for '{_dtype.type_name(dt)}'")
        x, y = binary_operands(input, other)
        return Tensor._make(np.asarray(ufunc(x, y)).astype(dt.np, copy=False))
    return fn


def _shift(ufunc):
    """Shifts by a negative amount or by at least the bit width give 0 (-1 for negatives shifted right), as torch."""
    def shift(x, y):
        bits = np.dtype(np.result_type(x, y)).itemsize * 8
        y = np.asarray(y)
        out = ufunc(x, np.clip(y, 0, bits - 1))
        outside = np.where(np.asarray(x) < 0, -1, 0) if ufunc is np.right_shift else 0
        return np.where((y < 0) | (y >= bits), outside, out)
    return shift


bitwise_and = _bitwise(np.bitwise_and, "bitwise_and")
bitwise_or = _bitwise(np.bitwise_or, "bitwise_or")
bitwise_xor = _bitwise(np.bitwise_xor, "bitwise_xor")
bitwise_left_shift = _bitwise(_shift(np.left_shift), "lshift", "bitwise_left_shift")
bitwise_right_shift = _bitwise(_shift(np.right_shift), "rshift", "bitwise_right_shift")


def bitwise_not(input):
    if input._data.dtype.kind == "f":
        raise NotImplementedError(f"\"bitwise_not_cpu\" not implemented for '{_dtype.type_name(input.dtype)}'")
    return Tensor._make(np.invert(input._data))


def _invert(self):
    if self._data.dtype.kind == "f":
        raise TypeError("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
    return logical_not(self) if self._data.dtype == np.bool_ else bitwise_not(self)


def isnan(input):
    return Tensor._make(np.isnan(input._data))


def isinf(input):
    return Tensor._make(np.isinf(input._data))


def isfinite(input):
    return Tensor._make(np.isfinite(input._data))


def equal(input, other):
    return input.shape == other.shape and bool(np.array_equal(input._data, other._data))


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return bool(isclose(input, other, rtol, atol, equal_nan, op="allclose")._data.all())


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False, *, op="isclose"):
    """Both tensors of one dtype (PyTorch does not promote here), shapes broadcast."""
    if not isinstance(other, Tensor):
        raise TypeError(f"{op}(): argument 'other' (position 2) must be Tensor, not {type(other).__name__}")
    if input.dtype != other.dtype:
        raise RuntimeError(f"{_dtype.type_name(input.dtype)} did not match {_dtype.type_name(other.dtype)}")
    for name, tol in (("rtol", rtol), ("atol", atol)):
        if tol < 0:
            raise RuntimeError(f"{name} must be greater than or equal to zero, but got {tol:g}")
    try:
        return Tensor._make(np.isclose(input._data, other._data, rtol=rtol, atol=atol, equal_nan=equal_nan))
    except ValueError as err:
        raise broadcast_error(op, err, input, other) from None


for _name, _fn in dict(exp=exp, log=log, log2=log2, log10=log10, log1p=log1p, expm1=expm1, sqrt=sqrt,
                       rsqrt=rsqrt, sin=sin, cos=cos, tan=tan, tanh=tanh, sigmoid=sigmoid, relu=relu,
                       abs=abs, sign=sign, floor=floor, ceil=ceil, trunc=trunc, reciprocal=reciprocal,
                       asin=asin, acos=acos, atan=atan, sinh=sinh, cosh=cosh, erf=erf, square=square,
                       round=round, isnan=isnan, isinf=isinf, isfinite=isfinite, logical_not=logical_not,
                       bitwise_not=bitwise_not, equal=equal, allclose=allclose, isclose=isclose).items():
    register_method(_name)(_fn)
register_method("__abs__", "absolute")(abs)
register_method("arcsin")(asin)
register_method("arccos")(acos)
register_method("arctan")(atan)
register_method("fix")(trunc)
register_method("clamp", "clip")(lambda self, min=None, max=None: clamp(self, min, max))
register_method("clamp_min")(clamp_min)
register_method("clamp_max")(clamp_max)
register_method("maximum")(tensor_method(maximum, "maximum"))
register_method("minimum")(tensor_method(minimum, "minimum"))
register_method("where")(lambda self, condition, other: where(condition, self, other))
for _name, _fn in dict(eq=eq, ne=ne, lt=lt, le=le, gt=gt, ge=ge).items():
    register_method(_name, f"__{_name}__")(_fn)
register_method("greater")(gt)
register_method("greater_equal")(ge)
register_method("less")(lt)
register_method("less_equal")(le)
register_method("not_equal")(ne)
register_method("logical_and")(tensor_method(logical_and, "logical_and"))
register_method("logical_or")(tensor_method(logical_or, "logical_or"))
register_method("logical_xor")(tensor_method(logical_xor, "logical_xor"))
register_method("__and__", "bitwise_and")(lambda self, other: logical_and(self, other) if self._data.dtype == np.bool_ and getattr(other, "dtype", None) is _dtype.bool_ else bitwise_and(self, other))
register_method("__or__", "bitwise_or")(lambda self, other: logical_or(self, other) if self._data.dtype == np.bool_ and getattr(other, "dtype", None) is _dtype.bool_ else bitwise_or(self, other))
register_method("__xor__", "bitwise_xor")(lambda self, other: logical_xor(self, other) if self._data.dtype == np.bool_ and getattr(other, "dtype", None) is _dtype.bool_ else bitwise_xor(self, other))
register_method("__lshift__", "bitwise_left_shift")(bitwise_left_shift)
register_method("__rshift__", "bitwise_right_shift")(bitwise_right_shift)
register_method("__rlshift__")(lambda self, other: bitwise_left_shift(other, self))
register_method("__rrshift__")(lambda self, other: bitwise_right_shift(other, self))
register_method("__rand__")(lambda self, other: self.__and__(other))
register_method("__ror__")(lambda self, other: self.__or__(other))
register_method("__invert__")(_invert)


# ---- polygamma(n, x): the n-th derivative of digamma (torch.polygamma) --------------------------
_BERNOULLI_2J = (1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510, 43867 / 798)


def _polygamma_np(n, x):
    """psi^(n)(x) in float64: recurrence up to z >= 15 + n, then the asymptotic (Hurwitz zeta) series;
    reflection for x < 0.5 when n <= 1 (accurate to ~1e-13 relative)."""
    x = np.asarray(x, dtype=np.float64)
    reflect = (x < 0.5) if n <= 1 else np.zeros(x.shape, dtype=bool)
    z = np.where(reflect, 1 - x, x)
    with np.errstate(all="ignore"):
        pole = (x <= 0) & (x == np.floor(x))
        z = np.where(pole | ~np.isfinite(z), 20.0 + n, z)
        acc = np.zeros_like(z)
        bound = 15.0 + n
        while True:
            small = z < bound
            if not small.any():
                break
            acc += np.where(small, z ** -(n + 1.0) if n else 1 / z, 0.0)
            z = np.where(small, z + 1, z)
        if n == 0:
            series = np.log(z) - 0.5 / z
            for j, b in enumerate(_BERNOULLI_2J, 1):
                series -= b / (2 * j) * z ** (-2.0 * j)
            res = series - acc
            res = np.where(reflect, res - math.pi / np.tan(math.pi * x), res)
        else:
            s = n + 1.0
            zeta = z ** (1 - s) / (s - 1) + 0.5 * z ** -s
            rising, fact = s, 2.0
            for j, b in enumerate(_BERNOULLI_2J, 1):
                zeta += b / fact * rising * z ** (-s - 2 * j + 1)
                rising *= (s + 2 * j - 1) * (s + 2 * j)
                fact *= (2 * j + 1) * (2 * j + 2)
            res = (-1) ** (n + 1) * math.factorial(n) * (zeta + acc)
            if n == 1:
                res = np.where(reflect, -res + (math.pi / np.sin(math.pi * x)) ** 2, res)
        if n == 0:
            res = np.where(pole, np.where(x == 0, -np.inf, np.nan), res)
        else:
            res = np.where(pole, (-1) ** (n + 1) * np.inf, res)
        res = np.where(np.isnan(x), np.nan, res)
        big = np.isposinf(x)
        res = np.where(big, np.inf if n == 0 else 0.0, res)
    return res


class Polygamma(Op):
    """``polygamma(n, x)``; its derivative is ``polygamma(n + 1, x)`` (so digamma/trigamma chain forever)."""
    node_name = "PolygammaBackward0"

    @staticmethod
    def forward(ctx, n, a):
        arr = a._data if a._data.dtype.kind == "f" else float_array(a)
        ctx.n = n
        ctx.save_for_backward(a)
        return _polygamma_np(n, arr).astype(arr.dtype)

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return None, g * Polygamma.apply(ctx.n + 1, x)


def polygamma(n, input, *, out=None):
    if n < 0:
        raise RuntimeError("polygamma(n, x) does not support negative n.")
    res = Polygamma.apply(int(n), input)
    if out is not None:
        out.copy_(res)
        return out
    return res


register_method("polygamma")(lambda self, n: polygamma(n, self))


# ---- complex-number views of real tensors (no complex dtypes here: they are identities) -----------------
def _angle(a):
    """angle of a real number: pi for negatives, 0 otherwise (-0.0 included), NaN stays NaN."""
    r = np.where(a < 0, a.dtype.type(math.pi), a.dtype.type(0))
    return np.where(np.isnan(a), a, r) if a.dtype.kind == "f" else r


angle = unary_op("Angle", _angle, None, saves="")


def conj(input):
    """The conjugate of a real tensor is the tensor itself (as torch, no conj bit: not complex)."""
    return input


conj_physical = conj_physical_ = resolve_conj = resolve_neg = real = conj


def imag(input):
    raise RuntimeError("imag is not implemented for tensors with non-complex dtypes.")


for _name, _fn in dict(angle=angle, conj=conj, conj_physical=conj_physical, conj_physical_=conj_physical_,
                       resolve_conj=resolve_conj, resolve_neg=resolve_neg).items():
    register_method(_name)(_fn)
register_method("is_conj", "is_neg")(lambda self: False)
Tensor.real = property(real)
Tensor.imag = property(imag)
