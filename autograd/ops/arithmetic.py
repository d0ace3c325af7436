"""+ - * / ** and negation, with broadcasting, Python scalars and PyTorch's type promotion."""
import numpy as np

from .. import _dtype
from .. import kernels as K
from ..function import Op, _saved_value
from ..tensor import Tensor, register_method
from ._util import binary_operands, broadcast_error, check_overloads


def _reduce(g, shape):
    return g if g._data.shape == shape else g.sum_to_size(shape)


def _check_alpha(a, b, alpha):
    rt = _dtype.result_type(a, b)
    if isinstance(alpha, bool) and rt is not _dtype.bool_:
        raise RuntimeError("Boolean alpha only supported for Boolean results.")
    if isinstance(alpha, float) and not rt.is_floating_point:
        raise RuntimeError("For integral input tensors, argument alpha must not be a floating point number.")


def _times(y, alpha):
    """``alpha * other``; a Python-number ``other`` stays a Python number (a weak scalar, so
    ``add(float32_tensor, 1, alpha=2)`` stays float32)."""
    return y * alpha if type(y) in (int, float, bool) else K.mul(y, alpha)


def _is_bool(v):
    return v._data.dtype.kind == "b" if isinstance(v, Tensor) else isinstance(v, (bool, np.bool_))


def _saved_operand(i):
    """torch's ``_saved_self``/``_saved_other``: the saved tensor, or the Python number wrapped as a 0-d tensor."""
    def get(ctx):
        t = _saved_value(ctx, i)
        c = ctx.consts[i]
        return Tensor._make(np.array(c)) if t is None and c is not None else t
    get.saved_index = i  # ``_raw_saved_*`` of a saved tensor
    return get


_ALPHA = {"alpha": lambda ctx: ctx.alpha}
_OPERANDS = {"self": _saved_operand(0), "other": _saved_operand(1)}


class Add(Op):
    _operands_shown = 2
    saved_names = _ALPHA
    @staticmethod
    def forward(ctx, a, b, alpha=1):
        x, y = binary_operands(a, b)
        if alpha != 1 or isinstance(alpha, bool):
            _check_alpha(a, b, alpha)
        if alpha != 1 and np.result_type(x, y) == np.bool_:  # a bool sum: alpha acts as a bool
            y, alpha = np.logical_and(y, bool(alpha)), 1
        ctx.alpha = alpha
        try:
            return K.add(x, y if alpha == 1 else _times(y, alpha))
        except ValueError as e:
            raise broadcast_error("add", e, a, b) from None

    @staticmethod
    def vjp(ctx, saved, g):  # the engine sums broadcast gradients down to each input's shape
        need = ctx.needs_input_grad
        return g if need[0] else None, (g if ctx.alpha == 1 else g * ctx.alpha) if need[1] else None


class Sub(Op):
    _operands_shown = 2
    saved_names = _ALPHA
    @staticmethod
    def forward(ctx, a, b, alpha=1):
        x, y = binary_operands(a, b)
        if _is_bool(a) or _is_bool(b):
            if isinstance(a, Tensor) and isinstance(b, Tensor) and _is_bool(a) and _is_bool(b):
                raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                                   "Use the `^` or `logical_xor()` operator instead.")
            raise RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. If you are "
                               "trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        if alpha != 1 or isinstance(alpha, bool):
            _check_alpha(a, b, alpha)
        ctx.alpha = alpha
        try:
            return K.sub(x, y if alpha == 1 else _times(y, alpha))
        except ValueError as e:
            raise broadcast_error("sub", e, a, b) from None

    @staticmethod
    def vjp(ctx, saved, g):
        need = ctx.needs_input_grad
        return g if need[0] else None, (-g if ctx.alpha == 1 else g * (-ctx.alpha)) if need[1] else None


class Rsub(Op):
    """``other - x`` for a non-tensor ``other`` (torch's ``rsub``: the number is no input of the graph)."""
    node_name = "RsubBackward1"

    @staticmethod
    def forward(ctx, a, other):
        return Sub.forward(ctx, other, a)

    @staticmethod
    def vjp(ctx, saved, g):
        return -g if ctx.needs_input_grad[0] else None, None


class Mul(Op):
    _operands_shown = 2
    saved_names = _OPERANDS
    @staticmethod
    def forward(ctx, a, b):
        x, y = binary_operands(a, b)
        need = ctx.needs_input_grad
        ta, tb = isinstance(a, Tensor), isinstance(b, Tensor)
        ctx.save_for_backward(a if need[1] and ta else None, b if need[0] and tb else None)
        ctx.consts = (None if ta else a, None if tb else b)
        try:
            return K.mul(x, y)
        except ValueError as e:
            raise broadcast_error("mul", e, a, b) from None

    @staticmethod
    def vjp(ctx, saved, g):
        a, b = saved
        ca, cb = ctx.consts
        need = ctx.needs_input_grad
        return (g * (b if b is not None else cb) if need[0] else None,
                g * (a if a is not None else ca) if need[1] else None)


class Div(Op):
    _operands_shown = 2
    saved_names = _OPERANDS
    @staticmethod
    def forward(ctx, a, b, rounding_mode=None):
        x, y = binary_operands(a, b)
        ta, tb = isinstance(a, Tensor), isinstance(b, Tensor)
        need = ctx.needs_input_grad
        ctx.save_for_backward(a if need[1] and ta else None, b if tb and (need[0] or need[1]) else None)
        ctx.consts = (None if ta else a, None if tb else b)
        ctx.rounding_mode = rounding_mode
        if rounding_mode not in (None, "trunc", "floor"):
            raise RuntimeError(f"div expected rounding_mode to be one of None, 'trunc', or 'floor' but found "
                             f"'{rounding_mode}'")
        try:
            if rounding_mode is None:
                if not ((type(x) is np.ndarray and x.dtype.kind == "f") or (type(y) is np.ndarray and y.dtype.kind == "f")
                        or np.result_type(x, y).kind == "f"):  # true division of integers: in the default float
                    f = _dtype.get_default_dtype().np
                    x, y = (v._data.astype(f) if isinstance(v, Tensor) else float(v) for v in (a, b))
                return K.div(x, y)
            kind = np.result_type(x, y).kind
            if kind == "b":
                raise NotImplementedError(f"\"div_{rounding_mode}_cpu\" not implemented for 'Bool'")
            if kind != "f":
                return _int_divide(x, y, rounding_mode)
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.trunc(np.true_divide(x, y)) if rounding_mode == "trunc" else np.floor_divide(x, y)
        except ValueError as e:
            raise broadcast_error("div", e, a, b) from None

    @staticmethod
    def vjp(ctx, saved, g):
        need = ctx.needs_input_grad
        if ctx.rounding_mode is not None:  # piecewise constant
            return g * 0 if need[0] else None, g * 0 if need[1] else None, None
        a, b = saved
        ca, cb = ctx.consts
        ga = g / (b if b is not None else cb) if need[0] else None
        gb = -g * (a if a is not None else ca) / (b * b) if need[1] else None
        return ga, gb, None


class DivRounding(Div):
    """div with rounding_mode: piecewise constant, so its gradient is zero."""

    node_name = "DivBackward2"


class FloorDivide(Div):
    """``//`` / floor_divide: PyTorch defines no derivative, so backward raises."""

    node_name = "NotImplemented"

    @staticmethod
    def backward(ctx, g):
        raise RuntimeError("derivative for aten::floor_divide is not implemented")


class Neg(Op):
    @staticmethod
    def forward(ctx, a):
        if a._data.dtype == np.bool_:
            raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. "
                               "If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        return K.neg(a._data)

    @staticmethod
    def vjp(ctx, saved, g):
        return -g


class PowScalarExponent(Op):
    node_name = "PowBackward0"
    saved_names = {"self": 0, "exponent": lambda ctx: ctx.p}

    @staticmethod
    def forward(ctx, a, p):
        x, y = binary_operands(a, p)
        ctx.save_for_backward(a)
        ctx.p = p.item() if isinstance(p, np.generic) else p
        return _power(x, y, a, p)

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        p = ctx.p
        if p == 0:
            return g * 0, None
        return g * p * a ** (p - 1), None


class Pow(Op):
    node_name = "PowBackward1"
    saved_names = {"self": 0, "exponent": 1}

    @staticmethod
    def forward(ctx, a, b):
        x, y = binary_operands(a, b)
        ctx.save_for_backward(a, b)
        return _power(x, y, a, b)

    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        ga = gb = None
        if ctx.needs_input_grad[0]:
            ga = _reduce(where_(b == 0, g * 0, g * b * a ** (b - 1)), a.shape)
        if ctx.needs_input_grad[1]:
            out = a ** b
            gb = _reduce(where_((a == 0) & (b >= 0), g * 0, g * out * a.log()), b.shape)
        return ga, gb


class PowScalarBase(Op):
    node_name = "PowBackward2"
    save_output = True
    saved_names = {"exponent": 0, "self": lambda ctx: ctx.base}

    @staticmethod
    def forward(ctx, base, b):
        x, y = binary_operands(base, b)
        ctx.base = base
        ctx.save_for_backward(b)
        return _power(x, y, base, b)

    @staticmethod
    def backward(ctx, g):
        (b,) = ctx.saved_tensors
        if ctx.base == 0:
            return None, where_(b >= 0, g * 0, g * ctx.output * float("-inf"))
        return None, g * ctx.output * float(np.log(ctx.base))


def _power(x, y, a, b):
    kind = np.result_type(x, y).kind
    if kind == "b":
        if isinstance(x, np.ndarray) and isinstance(y, bool):  # bool tensor ** Python bool
            return x.copy() if y else np.ones_like(x)
        raise NotImplementedError("\"pow\" not implemented for 'Bool'")
    try:
        if kind in "iu":
            if not isinstance(b, Tensor):
                if b < 0:  # the Python exponent itself (y may have wrapped around to the tensor's dtype)
                    raise RuntimeError("Integers to negative integer powers are not allowed.")
            elif (y < 0).any():
                return _int_power_negative(x, y)
        return K.pow(x, y)
    except ValueError as e:
        raise broadcast_error("pow", e, a, b) from None


def _int_power_negative(x, y):
    """Integer power with some negative exponents: 1 for base 1, +-1 for base -1, else 0 (as PyTorch)."""
    pos = K.pow(x, np.maximum(y, 0))
    one = np.where(np.remainder(y, 2) == 0, 1, -1)
    neg = np.where(x == 1, 1, np.where(x == -1, one, 0))
    return np.where(y < 0, neg, pos).astype(pos.dtype, copy=False)


def _int_divide(x, y, rounding_mode):
    """Integer floor/trunc division; division by zero raises as in PyTorch."""
    if np.any(np.asarray(y) == 0):
        raise RuntimeError("ZeroDivisionError")
    q = np.floor_divide(x, y)
    if rounding_mode == "trunc":
        q = q + ((np.remainder(x, y) != 0) & ((np.asarray(x) < 0) != (np.asarray(y) < 0)))
    return np.asarray(q)


def where_(cond, x, y):
    from .pointwise import where
    return where(cond, x, y)


def add(input, other, *, alpha=1, out=None):
    return _out(Add.apply(input, other, alpha) if alpha != 1 else Add.apply(input, other), out)


def sub(input, other, *, alpha=1, out=None):
    return _out(Sub.apply(input, other, alpha) if alpha != 1 else Sub.apply(input, other), out)


class MulScalar(Mul):
    """``tensor * number`` as PyTorch's C++ composites record it (``mul.Scalar``)."""
    node_name = "MulBackward1"


class DivScalar(Div):
    """``tensor / number`` as PyTorch's C++ composites record it (``div.Scalar``)."""
    node_name = "DivBackward1"


def mul(input, other, *, out=None):
    return _out(Mul.apply(input, other), out)


def div(input, other, *, rounding_mode=None, out=None):
    return _out(DivRounding.apply(input, other, rounding_mode) if rounding_mode else Div.apply(input, other), out)


def true_divide(input, other):
    return Div.apply(input, other)


def floor_divide(input, other):
    return FloorDivide.apply(input, other, "floor")


def neg(input):
    return Neg.apply(input)


def pow(input, exponent):
    if isinstance(exponent, Tensor):
        if isinstance(input, Tensor):
            return Pow.apply(input, exponent)
        return PowScalarBase.apply(input, exponent)
    if not isinstance(input, Tensor):  # two numbers: torch's TypeError
        check_overloads("pow", input, exponent, number_self=True, arg="exponent")
    return PowScalarExponent.apply(input, exponent)


def _out(result, out):
    if out is None:
        return result
    out.copy_(result) if out.shape == result.shape else out.set_(result)
    return out


def rsub(input, other, *, alpha=1):
    check_overloads("rsub", input, other)
    return sub(other, input, alpha=alpha)


subtract, multiply, divide, negative = sub, mul, div, neg

register_method("add")(lambda self, other, *, alpha=1: add(self, other, alpha=alpha))
register_method("__add__")(lambda self, other: Add.apply(self, other))
register_method("__radd__")(lambda self, other: Add.apply(self, other))  # torch: add(self, other)
register_method("sub", "subtract")(lambda self, other, *, alpha=1: sub(self, other, alpha=alpha))
register_method("__sub__")(lambda self, other: Sub.apply(self, other))
register_method("__rsub__")(lambda self, other: Rsub.apply(self, other))
register_method("mul", "__mul__", "multiply")(lambda self, other: Mul.apply(self, other))
register_method("__rmul__")(lambda self, other: Mul.apply(self, other))  # torch: mul(self, other)
register_method("div", "divide")(lambda self, other, *, rounding_mode=None: div(self, other, rounding_mode=rounding_mode))
register_method("__truediv__", "true_divide")(lambda self, other: Div.apply(self, other))
register_method("__rtruediv__")(lambda self, other: self.reciprocal() * other)  # as torch computes it
register_method("__floordiv__", "floor_divide")(lambda self, other: FloorDivide.apply(self, other, "floor"))
register_method("__rfloordiv__")(lambda self, other: FloorDivide.apply(other, self, "floor"))
register_method("neg", "__neg__", "negative")(lambda self: Neg.apply(self))
register_method("__pos__", "positive")(lambda self: self)
register_method("pow", "__pow__")(lambda self, exponent: pow(self, exponent))
register_method("__rpow__")(lambda self, base: pow(base, self))
