"""Less common PyTorch math, each with its gradient: binary pointwise ops (atan2, remainder, fmod,
hypot, logaddexp, xlogy, copysign, lerp, addcmul/addcdiv, fmax/fmin), unary ones (frac, logit, exp2,
sinc, asinh..., erfc, erfinv, lgamma, digamma), the add*mm family, trace, einsum/outer/tensordot/kron,
cdist/dist, diff, cross, logcumsumexp, nansum/nanmean and small construction helpers.

Binary ops are built by one factory (``binary_op``); unary ones by ``pointwise.unary_op``.
Composite functions are written with existing ops, so their gradients come for free.
"""
import builtins
import itertools
import math
import string

import numpy as np

from .. import _dtype
from .. import kernels as K
from .. import return_types
from ..function import Op
from ..tensor import Tensor, register_method
from ._util import binary_operands, broadcast_error, check_overloads, float_array, normalize_dims, shape_of, wrap_dim
from .indexing import scatter_reduce  # noqa: F401  (autograd.scatter_reduce; lives with the scatter ops)
from .pointwise import _polygamma_np, _sign, _tensor_args, polygamma, tensor_method, unary_op, where
from .reduction import VectorNorm

_LN2 = float(np.log(2.0))


def _reduce(g, shape):
    return g if g._data.shape == tuple(shape) else g.sum_to_size(shape)


def _float_operands(a, b):
    """Promoted NumPy operands, integers/bools computed in the default float (atan2(int, int) is float)."""
    x, y = binary_operands(a, b)
    if np.result_type(x, y).kind != "f":
        f = _dtype.get_default_dtype().np
        x = x.astype(f) if isinstance(x, np.ndarray) else np.asarray(x, dtype=f)
        y = y.astype(f) if isinstance(y, np.ndarray) else np.asarray(y, dtype=f)
    return x, y


# ---- binary pointwise ops ----------------------------------------------------------------------------
def _not_implemented(kernel_name, arr):
    return NotImplementedError(f"\"{kernel_name}\" not implemented for "
                               f"'{_dtype.type_name(_dtype.from_numpy_dtype(arr.dtype))}'")


def _int_operands(a, b, name):
    """Integer remainder/fmod: PyTorch raises on a zero divisor (NumPy would warn and return 0)."""
    x, y = binary_operands(a, b)
    if np.result_type(x, y).kind in "iu" and np.any(np.asarray(y) == 0):
        raise RuntimeError("ZeroDivisionError")
    return x, y


def binary_op(name, kernel, grad_a=None, grad_b=None, floating=True, node_names=("0", "0", "0"), op=None,
              tensors_only=False, number_self=True):
    """Function + Op classes for ``name(input, other)``.

    ``kernel(x, y)`` works on NumPy arrays; ``grad_a(g, a, b, out)``/``grad_b`` are in Tensor ops (``a``/``b``
    may be Python numbers). ``node_names``: the Backward suffix for (tensor, tensor), (tensor, scalar) and
    (scalar, tensor) calls; ``floating``: integer inputs compute in the default float dtype; ``tensors_only``:
    torch has no Scalar overload, so a number operand is a TypeError (``fn.method`` is the Tensor method);
    ``number_self``: torch has a (Number, Tensor) overload (two numbers are always a TypeError).
    """
    class _Binary(Op):
        save_output = True

        @staticmethod
        def forward(ctx, a, b):
            if floating == "only":  # float kernels only: integer/bool inputs raise as in PyTorch
                x, y = binary_operands(a, b)
                if np.result_type(x, y).kind != "f":
                    raise _not_implemented(f"{name}_cpu", np.asarray(x if isinstance(x, np.ndarray) else y))
            elif floating == "divide":
                x, y = _int_operands(a, b, name)
            elif floating:
                x, y = _float_operands(a, b)
            else:
                x, y = binary_operands(a, b)
            ctx.save_for_backward(a if isinstance(a, Tensor) else None, b if isinstance(b, Tensor) else None)
            ctx.consts = (None if isinstance(a, Tensor) else a, None if isinstance(b, Tensor) else b)
            ctx.shapes = (shape_of(a), shape_of(b))
            try:
                with np.errstate(all="ignore"):
                    return np.asarray(kernel(x, y))
            except ValueError as e:
                raise broadcast_error(op or name, e, a, b) from None

        @staticmethod
        def backward(ctx, g):
            a, b = ctx.saved_tensors
            a = ctx.consts[0] if a is None else a
            b = ctx.consts[1] if b is None else b
            out = ctx.output
            need = ctx.needs_input_grad
            ga = _reduce(grad_a(g, a, b, out), ctx.shapes[0]) if need[0] and grad_a else None
            gb = _reduce(grad_b(g, a, b, out), ctx.shapes[1]) if need[1] and grad_b else None
            if (need[0] and not grad_a) or (need[1] and not grad_b):
                raise RuntimeError(f"the derivative for '{name}' is not implemented.")
            return ga, gb

    title = "".join(p.capitalize() for p in name.split("_"))
    classes = [type(title + s, (_Binary,), {"node_name": f"{title}Backward{s}"}) for s in node_names]

    def fn(input, other, *, out=None):
        if isinstance(input, Tensor):
            cls = classes[0] if isinstance(other, Tensor) else classes[1]
        else:
            check_overloads(op or name, input, other, number_self)
            cls = classes[2]
        if tensors_only and cls is not classes[0]:
            _tensor_args(name, input, other)
        res = cls.apply(input, other)
        if out is not None:
            out.copy_(res)
            return out
        return res
    fn.__name__ = name
    if tensors_only:
        fn.method = tensor_method(fn, name)
    return fn


def _sq(t):
    return t * t


def _atan2_recip(a, b):
    """1 / (a^2 + b^2), 0 at the origin (PyTorch's atan2 gradient is 0 there, not nan)."""
    den = _sq(a) + _sq(b)
    return where(den == 0, 0.0, den.reciprocal())


atan2 = binary_op("atan2", np.arctan2, lambda g, a, b, o: g * b * _atan2_recip(a, b),
                  lambda g, a, b, o: -g * a * _atan2_recip(a, b), tensors_only=True)
def _remainder(x, y):
    """Python-style modulus; a zero result keeps the dividend's sign, as PyTorch's ``fmod``-based kernel."""
    r = np.remainder(x, y)
    return np.where(r == 0, np.fmod(x, y), r) if r.dtype.kind == "f" else r


remainder = binary_op("remainder", _remainder, lambda g, a, b, o: g,
                      lambda g, a, b, o: -g * (a / b).floor(), floating="divide", node_names=("1", "0", "1"))
fmod = binary_op("fmod", np.fmod, lambda g, a, b, o: g,
                 lambda g, a, b, o: -g * (a / b).trunc(), floating="divide", node_names=("1", "0", "1"),
                 number_self=False)
hypot = binary_op("hypot", np.hypot, lambda g, a, b, o: g * a / o, lambda g, a, b, o: g * b / o, floating="only",
                  tensors_only=True)
logaddexp = binary_op("logaddexp", np.logaddexp, lambda g, a, b, o: g * (a - o).exp(),
                      lambda g, a, b, o: g * (b - o).exp(), floating="only", tensors_only=True)
logaddexp2 = binary_op("logaddexp2", np.logaddexp2, lambda g, a, b, o: g * ((a - o) * _LN2).exp(),
                       lambda g, a, b, o: g * ((b - o) * _LN2).exp(), floating="only", tensors_only=True)


def _xlogy_kernel(x, y):
    return np.where(np.asarray(x) == 0, np.where(np.isnan(y), np.nan, 0.0), x * np.log(y)).astype(np.result_type(x, y))


xlogy = binary_op("xlogy", _xlogy_kernel,
                  lambda g, a, b, o: g * where(b != 0, _t(b).log(), 0.0),  # torch: xlogy(other != 0, other)
                  lambda g, a, b, o: g * a / b, node_names=("0", "2", "1"))
copysign = binary_op("copysign", np.copysign,
                     lambda g, a, b, o: where(a == 0, 0.0, g * (o / a)), lambda g, a, b, o: g * 0,
                     node_names=("0", "1", "1"), number_self=False)
def _t(v):
    return v if isinstance(v, Tensor) else Tensor._make(np.asarray(v))


def _first_wins(cmp):
    """fmax/fmin: ``a`` is chosen where it compares better or ``b`` is NaN."""
    return lambda a, b: cmp(_t(a), _t(b)) | _t(b).isnan()


_fmax_a, _fmin_a = _first_wins(lambda a, b: a >= b), _first_wins(lambda a, b: a <= b)
fmax = binary_op("fmax", np.fmax, lambda g, a, b, o: where(_fmax_a(a, b), g, 0.0),
                 lambda g, a, b, o: where(_fmax_a(a, b), 0.0, g), floating=False, tensors_only=True)
fmin = binary_op("fmin", np.fmin, lambda g, a, b, o: where(_fmin_a(a, b), g, 0.0),
                 lambda g, a, b, o: where(_fmin_a(a, b), 0.0, g), floating=False, tensors_only=True)


class Heaviside(Op):
    """torch has no derivative for heaviside: the result records a ``NotImplemented`` node that raises."""
    node_name = "NotImplemented"
    node_qualname = "autograd::autograd::NotImplemented"  # torch's "torch::autograd::NotImplemented"

    @staticmethod
    def forward(ctx, input, values):
        if values.dtype is not input.dtype:
            raise RuntimeError("heaviside is not yet implemented for tensors with different dtypes.")
        x, v = input._data, values._data
        try:
            res = np.where(x == 0, v, x > 0)
        except ValueError as e:
            raise broadcast_error("heaviside", e, input, values) from None
        return res.astype(np.result_type(x, v))

    @staticmethod
    def backward(ctx, g):
        raise RuntimeError("derivative for aten::heaviside is not implemented")


def heaviside(input, values):
    _tensor_args("heaviside", input, values, "values")
    return Heaviside.apply(input, values)


heaviside.method = tensor_method(heaviside, "heaviside", "values")


def float_power(input, exponent):
    """input ** exponent in float64 (PyTorch's float_power)."""
    check_overloads("float_power", input, exponent, number_self=True, arg="exponent")
    a = input.double() if isinstance(input, Tensor) else float(input)
    b = exponent.double() if isinstance(exponent, Tensor) else float(exponent)
    return a ** b


@register_method("float_power_")
def float_power_(self, exponent):
    """In place only into a float64 tensor: the result of float_power is always float64."""
    if self.dtype is not _dtype.float64:
        raise RuntimeError(f"the base given to float_power_ has dtype {_dtype.type_name(self.dtype)} but the "
                           "operation's result requires dtype Double")
    from .inplace import apply_inplace
    return apply_inplace(self, float_power, exponent)


# ---- lerp / addcmul / addcdiv --------------------------------------------------------------------------
class Lerp(Op):
    node_name = "LerpBackward0"

    @staticmethod
    def forward(ctx, start, end, weight):
        ctx.save_for_backward(start, end, weight if isinstance(weight, Tensor) else None)
        ctx.weight = weight
        ctx.shapes = (start._data.shape, end._data.shape, shape_of(weight))
        w = weight._data if isinstance(weight, Tensor) else weight
        try:
            return np.asarray(start._data + w * (end._data - start._data), dtype=np.result_type(start._data, end._data))
        except ValueError as e:
            raise broadcast_error("lerp", e, start, end, weight) from None

    @staticmethod
    def backward(ctx, g):
        start, end, w = ctx.saved_tensors
        w = ctx.weight if w is None else w
        need = ctx.needs_input_grad
        gs = _reduce(g * (1 - w), ctx.shapes[0]) if need[0] else None
        ge = _reduce(g * w, ctx.shapes[1]) if need[1] else None
        gw = _reduce(g * (end - start), ctx.shapes[2]) if len(need) > 2 and need[2] else None
        return gs, ge, gw


class LerpTensor(Lerp):
    node_name = "LerpBackward1"


def lerp(input, end, weight, *, out=None):
    if input._data.dtype.kind != "f":
        kind = "tensor" if isinstance(weight, Tensor) else "scalar"
        raise _not_implemented(f"lerp_kernel_{kind}", input._data)
    if input._data.dtype != end._data.dtype:
        raise RuntimeError(f"expected dtype {_dtype.type_name(input.dtype).lower()} for `end` but got dtype "
                           f"{_dtype.type_name(end.dtype).lower()}")
    return (LerpTensor if isinstance(weight, Tensor) else Lerp).apply(input, end, weight)


class Addcmul(Op):
    node_name = "AddcmulBackward0"
    _div = False

    @classmethod
    def forward(cls, ctx, input, t1, t2, value):
        ctx.save_for_backward(t1, t2)
        ctx.value = value
        ctx.shapes = (input._data.shape, t1._data.shape, t2._data.shape)
        x, y = binary_operands(t1, t2)
        try:
            prod = K.div(x, y) if cls._div else K.mul(x, y)
            i, p = binary_operands(input, Tensor._make(np.asarray(prod)))
            return np.asarray(i + value * p if value != 1 else i + p)
        except ValueError as e:
            raise broadcast_error(cls.__name__.lower(), e, input, t1, t2) from None

    @staticmethod
    def backward(ctx, g):
        t1, t2 = ctx.saved_tensors
        need, v = ctx.needs_input_grad, ctx.value
        gi = _reduce(g, ctx.shapes[0]) if need[0] else None
        g1 = _reduce(g * t2 * v, ctx.shapes[1]) if need[1] else None
        g2 = _reduce(g * t1 * v, ctx.shapes[2]) if need[2] else None
        return gi, g1, g2, None


class Addcdiv(Addcmul):
    node_name = "AddcdivBackward0"
    _div = True

    @staticmethod
    def backward(ctx, g):
        t1, t2 = ctx.saved_tensors
        need, v = ctx.needs_input_grad, ctx.value
        gi = _reduce(g, ctx.shapes[0]) if need[0] else None
        g1 = _reduce(g * v / t2, ctx.shapes[1]) if need[1] else None
        g2 = _reduce(-g * v * t1 / (t2 * t2), ctx.shapes[2]) if need[2] else None
        return gi, g1, g2, None


def addcmul(input, tensor1, tensor2, *, value=1, out=None):
    return Addcmul.apply(input, tensor1, tensor2, value)


def addcdiv(input, tensor1, tensor2, *, value=1, out=None):
    if tensor1._data.dtype.kind in "biu" and tensor2._data.dtype.kind in "biu":
        raise RuntimeError("Integer division with addcdiv is no longer supported, and in a future release addcdiv "
                           "will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be "
                           "implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for "
                           "integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future "
                           "addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), "
                           "for all dtypes.")
    return Addcdiv.apply(input, tensor1, tensor2, value)


# ---- unary pointwise ops -------------------------------------------------------------------------------
def _logit_kernel_for(eps):
    def kernel(x):
        if eps is not None:
            x = np.clip(x, eps, 1 - eps)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log(x / (1 - x))
    return kernel


class Logit(Op):
    node_name = "LogitBackward0"

    @staticmethod
    def forward(ctx, a, eps):
        ctx.save_for_backward(a)
        ctx.eps = eps
        return _logit_kernel_for(eps)(float_array(a))

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        grad = g / (a * (1 - a))
        if ctx.eps is not None:
            grad = where((a < ctx.eps) | (a > 1 - ctx.eps), 0.0, grad)
        return grad, None


def logit(input, eps=None):
    return Logit.apply(input, eps)


def _sinc(x):
    with np.errstate(all="ignore"):
        return np.sinc(x).astype(x.dtype)


def _sinc_grad(g, x, y):
    px = x * math.pi
    d = ((px.cos() * math.pi) - y * math.pi) / px
    return where(x == 0, 0.0, g * d)


def _erfinv(x):
    """Inverse erf: a rational initial guess refined by Newton steps on K.erf (float64, no SciPy)."""
    x64 = np.asarray(x, dtype=np.float64)
    a = 0.147
    with np.errstate(all="ignore"):
        ln = np.log1p(-x64 * x64)
        t = 2 / (math.pi * a) + ln / 2
        y = np.sign(x64) * np.sqrt(np.sqrt(t * t - ln / a) - t)
        tail = np.abs(x64) > 0.5  # near +-1: Newton on erfc(|y|) = 1 - |x| (exact), not on erf (cancels)
        for _ in range(3):
            err = np.where(tail, np.sign(x64) * (_erfc_np(np.abs(y)) - (1 - np.abs(x64))) * -1,
                           np.asarray(K.erf(y), dtype=np.float64) - x64)
            y = y - err / (2 / math.sqrt(math.pi) * np.exp(-y * y))
    y = np.where(x64 == 1, np.inf, np.where(x64 == -1, -np.inf, y))
    y = np.where(np.abs(x64) > 1, np.nan, y)
    return y.astype(x.dtype)


def _lgamma_scalar(v):
    """lgamma with PyTorch's values at the poles (inf) and at +-inf (inf)."""
    if math.isnan(v):
        return v
    if math.isinf(v) or (v <= 0 and v == math.floor(v)):
        return math.inf
    return math.lgamma(v)


_lgamma_vec = np.vectorize(_lgamma_scalar, otypes=[np.float64])


def _lgamma(x):
    return _lgamma_vec(x.astype(np.float64)).astype(x.dtype) if x.size else x.copy()


def _digamma(x):
    return _polygamma_np(0, x).astype(x.dtype)


_frac = unary_op("Frac", lambda a: (a - np.trunc(a)).astype(a.dtype), lambda g, x, y: g, saves="", keep_int=True)


def frac(input, *, out=None):
    if input._data.dtype.kind != "f":
        raise _not_implemented("frac_cpu", input._data)
    return _frac(input, out=out)
exp2 = unary_op("Exp2", np.exp2, lambda g, x, y: g * y * _LN2, saves="y")
deg2rad = unary_op("Deg2Rad", np.deg2rad, lambda g, x, y: g * (math.pi / 180), saves="")
rad2deg = unary_op("Rad2Deg", np.rad2deg, lambda g, x, y: g * (180 / math.pi), saves="")
sinc = unary_op("Sinc", _sinc, _sinc_grad, saves="xy")
asinh = unary_op("Asinh", np.arcsinh, lambda g, x, y: g * (x * x + 1).rsqrt())
acosh = unary_op("Acosh", np.arccosh, lambda g, x, y: g * (x * x - 1).rsqrt())
atanh = unary_op("Atanh", np.arctanh, lambda g, x, y: g / (1 - x * x))
def _erfc_np(x):
    """erfc in float64: ``1 - erf`` below 3, the continued fraction e^-x^2 / sqrt(pi) / (x + (1/2) / (x + (2/2) /
    (x + ...))) above (``1 - erf`` loses everything in the right tail)."""
    x = np.asarray(x, dtype=np.float64)
    out = np.asarray(1 - np.asarray(K.erf(x), dtype=np.float64), dtype=np.float64).copy()
    tail = np.abs(x) >= 3
    if tail.any():
        a = np.abs(x[tail])
        t = a.copy()
        with np.errstate(all="ignore"):
            for k in range(50, 0, -1):
                t = a + (k / 2) / t
            v = np.exp(-a * a) / math.sqrt(math.pi) / t
        out[tail] = np.where(x[tail] > 0, v, 2 - v)
    return out


erfc = unary_op("Erfc", lambda a: _erfc_np(a.astype(np.float64)).astype(a.dtype),
                lambda g, x, y: -g * (2.0 / math.sqrt(math.pi)) * (-(x * x)).exp())
erfinv = unary_op("Erfinv", _erfinv, lambda g, x, y: g * (math.sqrt(math.pi) / 2) * (y * y).exp(), saves="y")
digamma = unary_op("Digamma", _digamma, lambda g, x, y: g * polygamma(1, x))
lgamma = unary_op("Lgamma", _lgamma, lambda g, x, y: g * digamma(x))
sgn = unary_op("Sgn", _sign, None, saves="", keep_int=True)
arcsinh, arccosh, arctanh = asinh, acosh, atanh


def signbit(input):
    return Tensor._make(np.signbit(input._data))


def isneginf(input):
    return Tensor._make(np.isneginf(input._data) if input._data.dtype.kind == "f" else np.zeros(input._data.shape, bool))


def isposinf(input):
    return Tensor._make(np.isposinf(input._data) if input._data.dtype.kind == "f" else np.zeros(input._data.shape, bool))


def isreal(input):
    return Tensor._make(np.ones(input._data.shape, dtype=bool))


def isin(elements, test_elements, *, assume_unique=False, invert=False):
    e = elements._data if isinstance(elements, Tensor) else np.asarray(elements)
    t = test_elements._data if isinstance(test_elements, Tensor) else np.asarray(test_elements)
    return Tensor._make(np.isin(e, t, invert=invert))


class NanToNum(Op):
    node_name = "NanToNumBackward0"

    @staticmethod
    def forward(ctx, a, nan, posinf, neginf):
        arr = a._data
        ctx.save_for_backward(a)
        if arr.dtype.kind != "f":
            return arr.copy()
        info = np.finfo(arr.dtype)
        return np.nan_to_num(arr, nan=nan, posinf=info.max if posinf is None else posinf,
                             neginf=info.min if neginf is None else neginf)

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        return where(a.isfinite(), g, 0.0), None, None, None


def nan_to_num(input, nan=0.0, posinf=None, neginf=None, *, out=None):
    return NanToNum.apply(input, nan, posinf, neginf)


# ---- the add*mm family, trace --------------------------------------------------------------------------
class _AddProduct(Op):
    """beta * input + alpha * product(a, b) for product in (mm, mv, outer, bmm, sum of bmm)."""

    @classmethod
    def forward(cls, ctx, input, a, b, beta, alpha):
        ctx.save_for_backward(a, b)
        ctx.beta, ctx.alpha, ctx.in_shape = beta, alpha, input._data.shape
        prod = cls._product(a._data, b._data)
        dt = _dtype.result_type(input, a, b).np
        if dt.kind in "iu":  # torch truncates float scalars for integer tensors
            beta, alpha = int(beta), int(alpha)
        try:
            scaled = prod if alpha == 1 else prod * alpha
            if beta == 0:
                return np.asarray(np.broadcast_to(scaled, np.broadcast_shapes(scaled.shape, input._data.shape)), dtype=dt).copy()
            base = input._data if beta == 1 else input._data * beta
            return np.asarray(base + scaled, dtype=dt)
        except ValueError as e:
            raise broadcast_error(cls.__name__.lower(), e, input, a, b) from None

    @classmethod
    def backward(cls, ctx, g):
        a, b = ctx.saved_tensors
        need = ctx.needs_input_grad
        gi = _reduce(g if ctx.beta == 1 else g * ctx.beta, ctx.in_shape) if need[0] else None
        ga, gb = cls._grads(g * ctx.alpha if ctx.alpha != 1 else g, a, b, need)
        return gi, ga, gb, None, None


class Addmm(_AddProduct):
    node_name = "AddmmBackward0"
    _product = staticmethod(lambda a, b: a @ b)

    @staticmethod
    def _grads(g, a, b, need):
        return (g.mm(b.t()) if need[1] else None), (a.t().mm(g) if need[2] else None)


class Addmv(_AddProduct):
    node_name = "AddmvBackward0"
    _product = staticmethod(lambda a, b: a @ b)

    @staticmethod
    def _grads(g, a, b, need):
        return (g.unsqueeze(1) * b.unsqueeze(0) if need[1] else None), (a.t().mv(g) if need[2] else None)


class Addr(_AddProduct):
    node_name = "AddrBackward0"
    _product = staticmethod(np.outer)

    @staticmethod
    def _grads(g, a, b, need):
        return (g.mv(b) if need[1] else None), (g.t().mv(a) if need[2] else None)


class Baddbmm(_AddProduct):
    node_name = "BaddbmmBackward0"
    _product = staticmethod(np.matmul)

    @staticmethod
    def _grads(g, a, b, need):
        return (g.bmm(b.transpose(1, 2)) if need[1] else None), (a.transpose(1, 2).bmm(g) if need[2] else None)


class Addbmm(_AddProduct):
    node_name = "AddbmmBackward0"
    _product = staticmethod(lambda a, b: np.matmul(a, b).sum(0))

    @staticmethod
    def _grads(g, a, b, need):
        n = a._data.shape[0]
        ge = g.unsqueeze(0).expand(n, *g.shape)
        return (ge.bmm(b.transpose(1, 2)) if need[1] else None), (a.transpose(1, 2).bmm(ge) if need[2] else None)


def _check_dims(op, **tensors_ndim):
    for name, (t, nd) in tensors_ndim.items():
        if t._data.ndim != nd:
            raise RuntimeError(f"{name} must be a {'matrix' if nd == 2 else 'vector' if nd == 1 else f'{nd}D tensor'}")


def _check_product_dtypes(op, input, a, b):
    """torch's dtype errors of the add*mm family (no promotion: all three must agree; ``addr`` promotes)."""
    tn = _dtype.type_name
    di, da, db = (getattr(t, "dtype", None) for t in (input, a, b))
    if op == "addmv":
        if not di == da == db:
            raise RuntimeError(f"addmv input tensors must have the same dtype, but got {tn(di)}, {tn(da)}, and {tn(db)}")
    elif op == "baddbmm":
        if di != da:
            cpp = lambda d: {"Float": "float", "Double": "double"}.get(tn(d), tn(d).lower())  # noqa: E731
            raise RuntimeError(f"Input dtypes must be the same, got: input {cpp(di)}, batch1: {cpp(da)}, batch2: {cpp(db)}")
        if da != db:
            raise RuntimeError(f"expected scalar type {tn(da)} but found {tn(db)}")
    else:
        if di is not None and di != db:
            raise RuntimeError(f"self and mat2 must have the same dtype, but got {tn(di)} and {tn(db)}")
        if da != db:
            raise RuntimeError(f"mat1 and mat2 must have the same dtype, but got {tn(da)} and {tn(db)}")
    if da == _dtype.bool_:
        kernel = {"addmm": "addmm_impl_cpu_", "addmv": "addmv_impl_cpu"}.get(op, op)
        raise NotImplementedError(f"\"{kernel}\" not implemented for 'Bool'")


def addmm(input, mat1, mat2, *, beta=1, alpha=1, out=None):
    _check_dims("addmm", mat1=(mat1, 2), mat2=(mat2, 2))
    _check_product_dtypes("addmm", input, mat1, mat2)
    if mat1._data.shape[1] != mat2._data.shape[0]:
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({mat1._data.shape[0]}x{mat1._data.shape[1]} "
                           f"and {mat2._data.shape[0]}x{mat2._data.shape[1]})")
    return Addmm.apply(input, mat1, mat2, beta, alpha)


def addmv(input, mat, vec, *, beta=1, alpha=1, out=None):
    _check_dims("addmv", mat=(mat, 2), vec=(vec, 1))
    _check_product_dtypes("addmv", input, mat, vec)
    return Addmv.apply(input, mat, vec, beta, alpha)


def addr(input, vec1, vec2, *, beta=1, alpha=1, out=None):
    _check_dims("addr", vec1=(vec1, 1), vec2=(vec2, 1))
    if not _dtype.result_type(input, vec1, vec2).is_floating_point:
        for name, v in (("beta", beta), ("alpha", alpha)):
            if isinstance(v, float):
                raise RuntimeError(f"For integral input tensors, argument {name} must not be a floating point number.")
    return Addr.apply(input, vec1, vec2, beta, alpha)


def baddbmm(input, batch1, batch2, *, beta=1, alpha=1, out=None):
    _check_dims("baddbmm", batch1=(batch1, 3), batch2=(batch2, 3))
    _check_product_dtypes("baddbmm", input, batch1, batch2)
    return Baddbmm.apply(input, batch1, batch2, beta, alpha)


def addbmm(input, batch1, batch2, *, beta=1, alpha=1, out=None):
    _check_dims("addbmm", batch1=(batch1, 3), batch2=(batch2, 3))
    _check_product_dtypes("addbmm", input, batch1, batch2)
    return Addbmm.apply(input, batch1, batch2, beta, alpha)


class Trace(Op):
    node_name = "TraceBackward0"

    @staticmethod
    def forward(ctx, a):
        if a._data.ndim != 2:
            raise RuntimeError(f"trace: expected a matrix, but got tensor with dim {a._data.ndim}")
        if a._data.dtype == np.bool_:
            raise NotImplementedError("\"trace\" not implemented for 'Bool'")
        ctx.shape = a._data.shape
        arr = a._data
        return np.asarray(np.trace(arr), dtype=np.int64 if arr.dtype.kind in "biu" else arr.dtype)

    @staticmethod
    def backward(ctx, g):
        eye = Tensor._make(np.eye(*ctx.shape, dtype=g._data.dtype))
        return eye * g


def trace(input):
    return Trace.apply(input)


# ---- products: outer, inner, tensordot, kron, einsum, vdot ------------------------------------------
def outer(input, vec2):
    for name, t in (("self", input), ("vec2", vec2)):
        if t._data.ndim != 1:
            raise RuntimeError(f"outer: Expected 1-D argument {name}, but got {t._data.ndim}-D")
    return input.reshape(-1, 1) * vec2


ger = outer


def inner(input, other):
    if input._data.ndim == 0 or other._data.ndim == 0:
        return input * other
    return tensordot(input, other, ([-1], [-1]))


def vdot(input, other):
    return input.dot(other)


def tensordot(a, b, dims=2, out=None):
    if isinstance(dims, Tensor):
        dims = dims.tolist()
    if isinstance(dims, int):
        if dims < 0:
            raise RuntimeError(f"tensordot expects dims >= 0, but got dims={dims}")
        da = list(range(a.ndim - dims, a.ndim))
        db = list(range(dims))
    else:
        da, db = dims
        for name, pos, d in (("dims_self", 3, da), ("dims_other", 4, db)):
            if isinstance(d, int):  # torch: a pair of ints is not accepted (``dims=([1], [0])`` is)
                raise TypeError(f"tensordot(): argument '{name}' (position {pos}) must be tuple of ints, not int")
        da, db = list(da), list(db)
        if len(da) != len(db):
            raise RuntimeError("both dimension lists should have same length")
    da = [wrap_dim(d, a.ndim, "tensordot") for d in da]
    db = [wrap_dim(d, b.ndim, "tensordot") for d in db]
    for x, y in zip(da, db):
        if b.shape[y] == 1:  # a broadcast (size-1) contracted dim: sum the other side over it first, as torch
            a = a.sum(x, keepdim=True, dtype=a.dtype) if a.shape[x] != 1 else a
        elif a.shape[x] == 1:
            b = b.sum(y, keepdim=True, dtype=b.dtype)
        elif a.shape[x] != b.shape[y]:
            raise RuntimeError(f"contracted dimensions need to match, but first has size {a.shape[x]} in dim {x} "
                               f"and second has size {b.shape[y]} in dim {y}")
    free_a = [d for d in range(a.ndim) if d not in da]
    free_b = [d for d in range(b.ndim) if d not in db]
    k = int(np.prod([a.shape[d] for d in da])) if da else 1
    am = a.permute(*(free_a + da)).reshape(-1, k)
    bm = b.permute(*(db + free_b)).reshape(k, -1)
    return am.mm(bm).reshape(*[a.shape[d] for d in free_a], *[b.shape[d] for d in free_b])


def kron(input, other):
    nd = builtins.max(input.ndim, other.ndim)
    a = input.reshape(*([1] * (nd - input.ndim)), *input.shape)
    b = other.reshape(*([1] * (nd - other.ndim)), *other.shape)
    inter = []
    for i in range(nd):
        inter += [a.shape[i], 1]
    a2 = a.reshape(*inter)
    inter_b = []
    for i in range(nd):
        inter_b += [1, b.shape[i]]
    out = a2 * b.reshape(*inter_b)
    return out.reshape(*[a.shape[i] * b.shape[i] for i in range(nd)])


def _parse_einsum(equation, operands):
    eq = equation.replace(" ", "")
    lhs, arrow, rhs = eq.partition("->")
    terms = lhs.split(",")
    if len(terms) != len(operands):
        raise RuntimeError("einsum(): more operands were provided than specified in the equation"
                           if len(terms) < len(operands) else
                           "einsum(): fewer operands were provided than specified in the equation")
    # expand "..." into fresh upper-case-free placeholder letters
    ell_nd = 0
    for t, op in zip(terms, operands):
        if "..." in t:
            ell_nd = builtins.max(ell_nd, op.ndim - (len(t) - 3))
    used = set(eq)
    spare = [c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in used][:ell_nd]
    ell = "".join(spare)
    new_terms = []
    for t, op in zip(terms, operands):
        if "..." in t:
            n = op.ndim - (len(t) - 3)
            t = t.replace("...", ell[len(ell) - n:] if n else "")
        if len(t) != op.ndim:
            raise RuntimeError(f"einsum(): the number of subscripts in the equation ({len(t)}) does not match the "
                               f"number of dimensions ({op.ndim}) for operand {len(new_terms)}"
                               + ("" if "..." in t else " and no ellipsis was given"))
        new_terms.append(t)
    if arrow:
        seen = set()
        for c in rhs.replace("...", ""):
            if c in seen or c not in lhs:
                raise RuntimeError(f"einsum(): output subscript {c} " + ("appears more than once in the output" if c in seen
                                   else "does not appear in the equation for any input operand"))
            seen.add(c)
        out = rhs.replace("...", ell)
    else:
        counts = {}
        for t in new_terms:
            for c in t:
                counts[c] = counts.get(c, 0) + 1
        out = ell + "".join(sorted(c for c in counts if counts[c] == 1 and c not in ell))
    return new_terms, out


def _sublist_equation(args):
    """``einsum(op0, sublist0, op1, sublist1, ..., [out_sublist])`` -> (equation, operands); 0-25 are a-z, 26-51 A-Z."""
    def term(sub):
        return "".join("..." if s is Ellipsis else string.ascii_letters[s] for s in sub)
    pairs = args[:len(args) // 2 * 2]
    eq = ",".join(term(sub) for sub in pairs[1::2]) + ("->" + term(args[-1]) if len(args) % 2 else "")
    return eq, tuple(pairs[0::2])


def einsum(equation, *operands):
    """einsum by diagonal-taking, broadcasting multiplication and summation (differentiable)."""
    if not isinstance(equation, str):
        equation, operands = _sublist_equation((equation,) + operands)
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    terms, out = _parse_einsum(equation, operands)
    letters = []
    for t in terms + [out]:
        for c in t:
            if c not in letters:
                letters.append(c)
    sizes = {}
    aligned = []
    for n, (t, op) in enumerate(zip(terms, operands)):
        x = op
        # repeated letters in one term: take the diagonal
        while len(set(t)) != len(t):
            c = next(ch for ch in t if t.count(ch) > 1)
            i, j = t.index(c), t.index(c, t.index(c) + 1)
            x = x.diagonal(0, i, j)
            t = t[:i] + t[i + 1:j] + t[j + 1:] + c
        for c, s in zip(t, x.shape):
            if sizes.get(c, 1) != 1 and s != 1 and sizes[c] != s:
                raise RuntimeError(f"einsum(): subscript {c} has size {s} for operand {n} which does not broadcast "
                                   f"with previously seen size {sizes[c]}")
            sizes[c] = builtins.max(sizes.get(c, 1), s)
        perm = sorted(range(len(t)), key=lambda k: letters.index(t[k]))
        x = x.permute(*perm) if perm != list(range(len(t))) else x
        shape = []
        present = {t[k] for k in range(len(t))}
        it = iter(x.shape)
        for c in letters:
            shape.append(next(it) if c in present else 1)
        aligned.append(x.reshape(*shape) if tuple(shape) != tuple(x.shape) else x)
    if len(aligned) == 2:
        result = _contract_pair(aligned[0], aligned[1], letters, out)
    else:
        result = aligned[0]
        for x in aligned[1:]:
            result = result * x
        sum_dims = [i for i, c in enumerate(letters) if c not in out]
        if sum_dims:
            result = result.sum(dim=tuple(sum_dims))
    kept = [c for c in letters if c in out]
    result = result.reshape(*[sizes.get(c, 1) if result.shape[kept.index(c)] != 1 else 1 for c in kept]) \
        if result.ndim == len(kept) else result
    perm = [kept.index(c) for c in out]
    if perm != list(range(len(perm))):
        result = result.permute(*perm)
    return result


def _contract_pair(a, b, letters, out):
    """Sum over letters not in ``out`` of a * b (aligned to ``letters``), through one batched matmul."""
    n = len(letters)
    a_has = [a.shape[i] != 1 for i in range(n)]
    b_has = [b.shape[i] != 1 for i in range(n)]
    contract = [i for i in range(n) if letters[i] not in out]
    both_sum = [i for i in contract if a_has[i] and b_has[i]]
    if not both_sum:
        res = a * b
        return res.sum(dim=tuple(contract)) if contract else res
    # sum away contracted dims only one side has, first
    only_a = tuple(i for i in contract if a_has[i] and not b_has[i])
    only_b = tuple(i for i in contract if b_has[i] and not a_has[i])
    if only_a:
        a = a.sum(dim=only_a, keepdim=True)
    if only_b:
        b = b.sum(dim=only_b, keepdim=True)
    keep = [i for i in range(n) if i not in contract]
    batch = [i for i in keep if a.shape[i] != 1 and b.shape[i] != 1]
    left = [i for i in keep if i not in batch and a.shape[i] != 1]
    right = [i for i in keep if i not in batch and i not in left]
    size = lambda t, dims: int(np.prod([t.shape[i] for i in dims])) if dims else 1  # noqa: E731
    am = a.permute(*(batch + left + both_sum + right + [i for i in range(n) if i not in batch + left + both_sum + right]))
    am = am.reshape(size(a, batch), size(a, left), size(a, both_sum))
    bm = b.permute(*(batch + both_sum + right + left + [i for i in range(n) if i not in batch + both_sum + right + left]))
    bm = bm.reshape(size(b, batch), size(b, both_sum), size(b, right))
    res = am.bmm(bm)
    shape_of_dim = {i: (a.shape[i] if i in batch + left else b.shape[i]) for i in batch + left + right}
    res = res.reshape(*[shape_of_dim[i] for i in batch + left + right])
    order = batch + left + right
    perm = sorted(range(len(order)), key=lambda k: order[k])
    res = res.permute(*perm) if perm != list(range(len(perm))) else res
    full = []
    for i in keep:
        full.append(shape_of_dim[i])
    return res.reshape(*full)


# ---- distances ------------------------------------------------------------------------------------------
class Cdist(VectorNorm):
    """The p-norm over the last dim of pairwise differences, under PyTorch's grad_fn name."""

    node_name = "CdistBackward0"

    @staticmethod
    def backward(ctx, g):
        if ctx.ord == 0:  # PyTorch's cdist_backward: zeros (vector_norm gives no gradient at all)
            return ctx.saved_tensors[0].new_zeros(ctx.shape), None, None, None
        return VectorNorm.backward(ctx, g)


class Dist(VectorNorm):
    node_name = "DistBackward0"


def cdist(x1, x2, p=2.0, compute_mode="use_mm_for_euclid_dist_if_necessary"):
    if x1.ndim < 2 or x2.ndim < 2:
        raise RuntimeError(f"cdist only supports at least 2D tensors, X1 got: {x1.ndim}D" if x1.ndim < 2 else
                           f"cdist only supports at least 2D tensors, X2 got: {x2.ndim}D")
    if x1.shape[-1] != x2.shape[-1]:
        raise RuntimeError(f"X1 and X2 must have the same number of columns. X1: {x1.shape[-1]} X2: {x2.shape[-1]}")
    if p < 0:
        raise RuntimeError("cdist only supports non-negative p values")
    diff = x1.unsqueeze(-2) - x2.unsqueeze(-3)
    return Cdist.apply(diff, float(p), (diff.ndim - 1,), False)


def dist(input, other, p=2):
    diff = input - other
    return Dist.apply(diff, float(p), tuple(range(diff.ndim)), False)


# ---- cumulative / nan-aware reductions ---------------------------------------------------------------
def diff(input, n=1, dim=-1, prepend=None, append=None):
    from .joining import cat
    if input.ndim == 0:
        raise RuntimeError("diff expects input to be at least one-dimensional")
    if n < 0:
        raise RuntimeError(f"order must be non-negative but got {n}")
    d = wrap_dim(dim, input.ndim, "diff")
    x = input
    if prepend is not None or append is not None:
        for extra in (prepend, append):
            if extra is None:
                continue
            if extra.ndim != x.ndim:
                raise RuntimeError("diff expects prepend or append to be the same dimension as input")
            for i, (a, b) in enumerate(zip(x.shape, extra.shape)):
                if i != d and a != b:
                    raise RuntimeError(f"diff expects the shape of tensor to prepend or append to match that of input "
                                       f"except along the differencing dimension; input.size({i}) = {a}, but got "
                                       f"tensor.size({i}) = {b}")
    if n == 0:  # torch: a copy of the input, prepend/append unused
        return input.clone()
    if prepend is not None or append is not None:
        x = cat([t for t in (prepend, x, append) if t is not None], d)
    for _ in range(n):
        m = x.shape[d]
        if m == 0:
            break
        if x.dtype is _dtype.bool_:
            x = x.narrow(d, 1, m - 1) ^ x.narrow(d, 0, m - 1)
        else:
            x = x.narrow(d, 1, m - 1) - x.narrow(d, 0, m - 1)
    return x


class Logcumsumexp(Op):
    node_name = "LogcumsumexpBackward0"
    save_output = True

    @staticmethod
    def forward(ctx, a, dim):
        ctx.save_for_backward(a)
        ctx.dim = dim
        if a._data.dtype.kind != "f":
            raise _not_implemented("logcumsumexp_out_cpu", a._data)
        arr = a._data
        if arr.ndim == 0:
            return arr.copy()
        return np.logaddexp.accumulate(arr, axis=dim).astype(arr.dtype)

    @staticmethod
    def backward(ctx, g):
        (a,) = ctx.saved_tensors
        out = ctx.output
        if a.ndim == 0:
            return g, None
        # grad_i = sum_{k >= i} g_k exp(a_i - out_k), summed in log space for g > 0 and g < 0 apart (as torch),
        # so that large |a| neither overflows exp(-out) nor underflows exp(a)
        d = ctx.dim
        lowest = float(np.finfo(g._data.dtype).min)  # not -inf: an all -inf row would make NaN second derivatives

        def part(mask):
            logs = where(mask, where(mask, g.abs(), 1.0).log(), lowest) - out
            return (logcumsumexp(logs.flip(d), d).flip(d) + a).exp()
        return part(g > 0) - part(g < 0), None


def logcumsumexp(input, dim):
    return Logcumsumexp.apply(input, wrap_dim(dim, input.ndim, "logcumsumexp"))


class Nansum(Op):
    node_name = "NansumBackward0"

    @staticmethod
    def forward(ctx, a, dims, keepdim, dtype):
        ctx.save_for_backward(a)
        ctx.shape, ctx.dims, ctx.keepdim = a._data.shape, dims, keepdim
        arr = a._data if dtype is None else a._data.astype(_dtype.to_dtype(dtype).np)
        if arr.dtype.kind in "biu" and dtype is None:
            arr = arr.astype(np.int64)
        return np.asarray(np.nansum(arr, axis=dims, keepdims=keepdim), dtype=arr.dtype)

    @staticmethod
    def backward(ctx, g):
        from .reduction import expand_reduced
        (a,) = ctx.saved_tensors
        return expand_reduced(g, ctx.shape, ctx.dims, ctx.keepdim) * a.isnan().logical_not(), None, None, None  # torch's (nan*0=nan)


def nansum(input, dim=None, keepdim=False, *, dtype=None):
    dims = tuple(range(input.ndim)) if dim is None or dim == () else normalize_dims(dim, input.ndim, "nansum")
    return Nansum.apply(input, dims, keepdim, dtype)


def nanmean(input, dim=None, keepdim=False, *, dtype=None):
    if input._data.dtype.kind != "f" and dtype is None:
        raise RuntimeError(f"nanmean(): expected input to have floating point or complex dtype but got "
                           f"{_dtype.type_name(input.dtype) if hasattr(_dtype, 'type_name') else input.dtype}")
    notnan = (~input.isnan()).sum(dim=dim, keepdim=keepdim) if dim is not None else (~input.isnan()).sum()
    return nansum(input, dim, keepdim, dtype=dtype) / notnan


def count_nonzero(input, dim=None):
    arr = input._data
    if dim is None or (isinstance(dim, (tuple, list)) and len(dim) == 0):
        return Tensor._make(np.asarray(np.count_nonzero(arr), dtype=np.int64))
    dims = normalize_dims(dim, arr.ndim, "count_nonzero")
    return Tensor._make(np.asarray(np.count_nonzero(arr, axis=dims), dtype=np.int64))


class Aminmax(Op):
    node_name = "AminmaxBackward0"

    @staticmethod
    def forward(ctx, a, dims, keepdim):
        arr = a._data
        lo = np.amin(arr, axis=dims, keepdims=True)
        hi = np.amax(arr, axis=dims, keepdims=True)
        ctx.lo_mask, ctx.hi_mask = arr == lo, arr == hi
        ctx.shape, ctx.dims, ctx.keepdim = arr.shape, dims, keepdim
        if not keepdim:
            lo, hi = lo.reshape(np.squeeze(lo, axis=dims).shape), hi.reshape(np.squeeze(hi, axis=dims).shape)
        return lo, hi

    @staticmethod
    def backward(ctx, glo, ghi):
        from .reduction import expand_reduced
        out = None
        for g, mask in ((glo, ctx.lo_mask), (ghi, ctx.hi_mask)):
            if g is None:
                continue
            count = Tensor._make(mask.sum(axis=ctx.dims, keepdims=True).astype(g._data.dtype))
            part = where(Tensor._make(mask), expand_reduced(g, ctx.shape, ctx.dims, ctx.keepdim) / count, 0.0)
            out = part if out is None else out + part
        return out, None, None


def aminmax(input, *, dim=None, keepdim=False):
    dims = tuple(range(input.ndim)) if dim is None else (wrap_dim(dim, input.ndim, "aminmax"),)
    if input.ndim == 0:
        dims = ()
    if dim is not None and input.ndim and input.shape[dims[0]] == 0:
        raise IndexError(f"aminmax: Expected reduction dim {dims[0]} to have non-zero size.")
    if input.numel() == 0 and dim is None:
        raise RuntimeError("aminmax(): cannot compute aminmax over an empty dimension as the operation has no "
                           "identity.")
    return return_types.aminmax(*Aminmax.apply(input, dims, keepdim))


def cross(input, other, dim=None):
    if dim is None:
        dim = next((i for i, s in enumerate(np.broadcast_shapes(input.shape, other.shape)) if s == 3), -1)
    return linalg_cross(input, other, dim=dim)


def linalg_cross(input, other, *, dim=-1):
    if input.ndim != other.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    if input.dtype != other.dtype:
        raise RuntimeError(f"expected scalar type {_dtype.type_name(input.dtype)} but found "
                           f"{_dtype.type_name(other.dtype)}")
    d = wrap_dim(dim, builtins.max(input.ndim, other.ndim), "cross")
    if input.shape[d] != 3 or other.shape[d] != 3:
        raise RuntimeError(f"linalg.cross: inputs dimension {dim} must have length 3. Got {input.shape[d]} and "
                           f"{other.shape[d]}")
    return LinalgCross.apply(input, other, d)


class LinalgCross(Op):
    """a x b along ``dim`` (operands broadcast); the gradients are cross products again (differentiable)."""

    @staticmethod
    def forward(ctx, a, b, dim):
        ctx.save_for_backward(a, b)
        ctx.dim = dim
        try:
            x, y = np.broadcast_arrays(a._data, b._data)
        except ValueError as err:
            raise broadcast_error("linalg.cross", err, a, b) from None
        return np.cross(x, y, axis=dim)

    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        ga = LinalgCross.apply(b, g, ctx.dim).sum_to_size(a.shape) if ctx.needs_input_grad[0] else None
        gb = LinalgCross.apply(g, a, ctx.dim).sum_to_size(b.shape) if ctx.needs_input_grad[1] else None
        return ga, gb, None


# ---- construction helpers ----------------------------------------------------------------------------
def repeat_interleave(input, repeats=None, dim=None, *, output_size=None):
    def check_counts(counts):
        if counts.dtype.kind not in "iu":
            raise NotImplementedError(f"\"repeat_interleave_cpu\" not implemented for "
                                      f"'{_dtype.type_name(_dtype.to_dtype(counts.dtype))}'")
        if counts.size and counts.min() < 0:
            raise RuntimeError("repeats can not be negative")

    if repeats is None:  # repeat_interleave(repeats): indices repeated by their counts
        counts = input._data
        if counts.ndim != 1:
            raise RuntimeError("repeat_interleave only accept 1D vector as repeat")
        check_counts(counts)
        out = np.repeat(np.arange(counts.shape[0], dtype=np.int64), counts)
        if output_size is not None and out.size != output_size:
            raise RuntimeError("allocated size does not match required size")
        return Tensor._make(out)
    x = input.reshape(-1) if dim is None else input
    d = 0 if dim is None else wrap_dim(dim, input.ndim, "repeat_interleave")
    reps = repeats._data if isinstance(repeats, Tensor) else repeats
    n = x.shape[d] if x.ndim else 1
    if x.ndim == 0:
        x = x.reshape(1)
    if isinstance(reps, np.ndarray):
        if reps.ndim > 1:
            raise RuntimeError("repeats must be 0-dim or 1-dim tensor")
        check_counts(reps)
        if reps.ndim == 1 and reps.size not in (1, n):
            raise RuntimeError(f"repeats must have the same size as input along dim, but got repeats.size(0) = "
                               f"{reps.size} and input.size({d}) = {n}")
        if output_size is not None and int(reps.sum() if reps.size != 1 else reps.reshape(-1)[0] * n) != output_size:
            raise RuntimeError("allocated size does not match required size")
    elif int(reps) < 0:
        raise RuntimeError("Repeats must be non-negative")
    if not isinstance(reps, np.ndarray) or reps.size == 1:  # an int count: expand a new axis, then view
        r = int(np.asarray(reps).reshape(-1)[0]) if isinstance(reps, np.ndarray) else int(reps)
        shape = list(x.shape)
        expanded = x.unsqueeze(d + 1).expand(*shape[:d + 1], r, *shape[d + 1:]).contiguous()
        return expanded.view(*shape[:d], shape[d] * r, *shape[d + 1:])
    index = np.repeat(np.arange(n, dtype=np.int64), reps.reshape(-1))
    return x.index_select(d, Tensor._make(index))


def rot90(input, k=1, dims=(0, 1)):
    if len(dims) != 2:
        raise RuntimeError(f"expected total rotation dims == 2, but got dims = {len(dims)}")
    if input.ndim < 2:
        raise RuntimeError(f"expected total dims >= 2, but got total dims = {input.ndim}")
    d0, d1 = (wrap_dim(d, input.ndim, "rot90") for d in dims)
    if d0 == d1:
        raise RuntimeError(f"expected rotation dims to be different, but got dim0 = {d0} and dim1 = {d1}")
    return Rot90.apply(input, k % 4, d0, d1)


class Rot90(Op):
    node_name = "Rot90Backward0"

    @staticmethod
    def forward(ctx, a, k, d0, d1):
        ctx.k, ctx.dims = k, (d0, d1)
        return np.rot90(a._data, k, axes=(d0, d1)).copy()

    @staticmethod
    def backward(ctx, g):
        return Rot90.apply(g, (4 - ctx.k) % 4, *ctx.dims), None, None, None


def meshgrid(*tensors, indexing=None):
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    indexing = indexing or "ij"
    if indexing not in ("ij", "xy"):
        raise RuntimeError(f"torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: {indexing}")
    ts = list(tensors)
    if len({t.dtype for t in ts}) > 1:
        raise RuntimeError("meshgrid expects all tensors to have the same dtype")
    swap = indexing == "xy" and len(ts) >= 2
    if swap:
        ts[0], ts[1] = ts[1], ts[0]
    shape = [t.numel() for t in ts]
    out = []
    for i, t in enumerate(ts):
        view = [1] * len(ts)
        view[i] = -1
        out.append(t.reshape(*view).expand(*shape))
    if swap:
        out[0], out[1] = out[1], out[0]
    return tuple(out)


def cartesian_prod(*tensors):
    from .joining import stack
    if len(tensors) == 1:
        return tensors[0]
    grids = meshgrid(*tensors, indexing="ij")
    return stack([g.reshape(-1) for g in grids], 1)


def combinations(input, r=2, with_replacement=False):
    from .joining import stack
    n = input.shape[0]
    gen = itertools.combinations_with_replacement if with_replacement else itertools.combinations
    idx = np.array(list(gen(range(n), r)), dtype=np.int64).reshape(-1, r) if r else np.zeros((0, 0), np.int64)
    if idx.size == 0:  # empty, but still on the graph (torch's result requires grad as its input does)
        none = input.index_select(0, Tensor._make(np.zeros(0, np.int64)))
        return none.reshape(0, r) if r else input.new_zeros((0,))
    return stack([input.index_select(0, Tensor._make(idx[:, j].copy())) for j in range(r)], 1)


def tril_indices(row, col, offset=0, *, dtype=None, device=None, layout=None):
    r, c = np.tril_indices(row, offset, col)
    return Tensor._make(np.stack([r, c]).astype(_dtype.to_dtype(dtype).np if dtype is not None else np.int64))


def triu_indices(row, col, offset=0, *, dtype=None, device=None, layout=None):
    r, c = np.triu_indices(row, offset, col)
    return Tensor._make(np.stack([r, c]).astype(_dtype.to_dtype(dtype).np if dtype is not None else np.int64))


class BlockDiag(Op):
    """The matrices on the diagonal of one zero matrix; the gradient of each is its block of ``g``."""
    node_name = "BlockDiagBackward0"

    @staticmethod
    def forward(ctx, *mats):
        dt = _dtype.result_type(*mats).np if len(mats) > 1 else mats[0]._data.dtype
        ctx.blocks, r, c = [], 0, 0
        for m in mats:
            ctx.blocks.append((r, c, m._data.shape))
            r, c = r + m._data.shape[0], c + m._data.shape[1]
        out = np.zeros((r, c), dtype=dt)
        for (r0, c0, (h, w)), m in zip(ctx.blocks, mats):
            out[r0:r0 + h, c0:c0 + w] = m._data
        return out

    @staticmethod
    def backward(ctx, g):
        return tuple(g[r0:r0 + h, c0:c0 + w] for r0, c0, (h, w) in ctx.blocks)


def block_diag(*tensors):
    mats = [t.reshape(1, -1) if t.ndim == 1 else t.reshape(1, 1) if t.ndim == 0 else t for t in tensors]
    if not mats:
        return Tensor._make(np.zeros((1, 0), dtype=np.float32))
    return BlockDiag.apply(*mats)


def ravel(input):
    return input.reshape(-1)


def diagflat(input, offset=0):
    from .shape import diag
    return diag(input.reshape(-1), offset)


def trapezoid(y, x=None, *, dx=None, dim=-1):
    from .arithmetic import DivScalar, MulScalar
    d = wrap_dim(dim, y.ndim, "trapezoid")
    n = y.shape[d]
    if n == 0:
        return y.sum(d)
    avg = (y.narrow(d, 1, n - 1) + y.narrow(d, 0, n - 1))
    if x is not None:
        spacing = diff(x, dim=-1 if x.ndim == 1 else d)
        if x.ndim == 1:
            spacing = spacing.reshape(*[-1 if i == d else 1 for i in range(y.ndim)])
        return DivScalar.apply((avg * spacing).sum(d), 2)
    return MulScalar.apply(avg.sum(d), (1.0 if dx is None else dx) / 2)


trapz = trapezoid


def is_nonzero(input):
    if input.numel() != 1:
        raise RuntimeError(f"Boolean value of Tensor with {'no values' if input.numel() == 0 else 'more than one value'} is ambiguous")
    return bool(input._data.reshape(-1)[0])


# ---- Tensor methods --------------------------------------------------------------------------------------
for _fn in (atan2, remainder, fmod, hypot, logaddexp, logaddexp2, xlogy, copysign, fmax, fmin, heaviside, float_power,
            lerp, addcmul, addcdiv, logit, frac, exp2, deg2rad, rad2deg, sinc, asinh, acosh, atanh, erfc, erfinv,
            lgamma, digamma, sgn, signbit, isneginf, isposinf, isreal, nan_to_num, addmm, addmv, addr, baddbmm,
            addbmm, trace, outer, ger, inner, vdot, kron, diff, logcumsumexp, nansum, nanmean, count_nonzero,
            aminmax, cross, repeat_interleave, rot90, ravel, diagflat, is_nonzero):
    register_method(_fn.__name__)(getattr(_fn, "method", _fn))
register_method("arctan2")(tensor_method(atan2, "arctan2"))
register_method("arcsinh")(asinh)
register_method("arccosh")(acosh)
register_method("arctanh")(atanh)
register_method("__mod__")(lambda self, other: remainder(self, other))
register_method("__rmod__")(lambda self, other: remainder(other, self))
register_method("tensordot")(lambda self, other, dims=2: tensordot(self, other, dims))


def arctan2(input, other, *, out=None):
    """atan2 under its NumPy name (torch's errors name ``arctan2``)."""
    if not (isinstance(input, Tensor) and isinstance(other, Tensor)):
        _tensor_args("arctan2", input, other)
    return atan2(input, other, out=out)


# ---- in-place / scatter extras ---------------------------------------------------------------------------
def fill_diagonal_(self, fill_value, wrap=False):
    """Write ``fill_value`` on the main diagonal (all dims equal, or a tall matrix, restarting if ``wrap``)."""
    from .inplace import apply_inplace
    arr = self._data
    if arr.ndim < 2:
        raise RuntimeError("dimensions must larger than 1")
    if arr.ndim > 2 and len(set(arr.shape)) != 1:
        raise RuntimeError("all dimensions of input must be of equal length")
    mask = np.zeros(arr.shape, dtype=bool)
    if arr.ndim == 2:
        flat = mask.reshape(-1)
        rows, cols = arr.shape
        step = cols + 1
        end = flat.size if wrap else min(rows, cols) * cols
        flat[:end:step] = True
    else:
        idx = np.arange(arr.shape[0])
        mask[(idx,) * arr.ndim] = True
    return apply_inplace(self, lambda s: s.masked_fill(Tensor._make(mask), fill_value), needs_old_value=False)


class MaskedScatter(Op):
    """Copy ``source``'s leading elements, in order, into the positions where ``mask`` is True."""

    @staticmethod
    def forward(ctx, a, mask, source):
        m = np.broadcast_to(mask._data, np.broadcast_shapes(mask._data.shape, a._data.shape))
        out = np.broadcast_to(a._data, m.shape).copy()
        n = int(m.sum())
        if source._data.size < n:
            raise RuntimeError("Number of elements of source < number of ones in mask")
        out[m] = source._data.reshape(-1)[:n]
        ctx.mask, ctx.n, ctx.src_shape, ctx.in_shape = m, n, source._data.shape, a._data.shape
        return out

    @staticmethod
    def backward(ctx, g):
        mask = Tensor._make(ctx.mask)
        ga = g.masked_fill(mask, 0).sum_to_size(ctx.in_shape) if ctx.needs_input_grad[0] else None
        gs = None
        if ctx.needs_input_grad[2]:
            from .padding import pad
            picked = g.masked_select(mask)
            total = int(np.prod(ctx.src_shape))
            gs = pad(picked, (0, total - ctx.n)).reshape(ctx.src_shape)
        return ga, None, gs


def masked_scatter(input, mask, source):
    if mask._data.dtype != np.bool_:
        raise RuntimeError(f"masked_scatter_ only supports boolean masks, but got mask with dtype "
                           f"{_dtype.type_name(mask.dtype)}")
    if source._data.dtype != input._data.dtype:
        raise RuntimeError(f"masked_scatter: expected self and source to have same dtypes but got"
                           f"{_dtype.type_name(input.dtype)} and {_dtype.type_name(source.dtype)}")
    return MaskedScatter.apply(input, mask, source)


def storage_offset(self):
    """Elements between the start of the underlying storage and this tensor's first element."""
    root = self._data
    while root.base is not None:  # as_strided views hang off a DummyArray whose .base is the array
        b = root.base if isinstance(root.base, np.ndarray) else getattr(root.base, "base", None)
        if not isinstance(b, np.ndarray):
            break
        root = b
    start = self._data.__array_interface__["data"][0] - root.__array_interface__["data"][0]
    return start // self._data.itemsize if self._data.itemsize else 0


register_method("fill_diagonal_")(fill_diagonal_)
register_method("masked_scatter")(masked_scatter)
register_method("storage_offset")(storage_offset)
