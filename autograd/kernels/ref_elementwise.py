"""Reference elementwise, reduction, matmul and softmax kernels in plain NumPy."""
import builtins
import math
from fractions import Fraction

import numpy as np
from numpy.polynomial import chebyshev as _cheb, polynomial as _poly

__all__ = ["add", "sub", "mul", "div", "neg", "pow", "exp", "log", "sqrt", "rsqrt", "abs", "sin", "cos",
           "tanh", "sigmoid", "relu", "sign", "maximum", "minimum", "clip", "erf",
           "relu_backward", "sigmoid_backward", "tanh_backward", "sum", "matmul",
           "softmax", "log_softmax", "softmax_backward", "log_softmax_backward",
           "prod", "prod_except_last", "amax", "amin", "var", "logsumexp", "cumsum", "cumprod", "vector_norm"]

add = np.add
sub = np.subtract
mul = np.multiply
neg = np.negative
exp = np.exp
log = np.log
sqrt = np.sqrt
abs = np.abs
sin = np.sin
cos = np.cos
tanh = np.tanh
sign = np.sign
maximum = np.maximum
minimum = np.minimum
matmul = np.matmul
pow = np.power


def div(a, b):
    return np.true_divide(a, b)


def rsqrt(x):
    return 1.0 / np.sqrt(x)


def clip(x, lo, hi):
    if lo is None:
        return np.minimum(x, hi)
    if hi is None:
        return np.maximum(x, lo)
    return np.minimum(np.maximum(x, lo), hi)


def sigmoid(x):
    """1 / (1 + exp(-x)), torch's formula: where exp(-x) overflows to inf the result is exactly 0 (NumPy's
    overflow warning is one ``import autograd`` filters). Three passes, the last two in place."""
    e = np.exp(np.negative(x))
    if type(e) is not np.ndarray:   # a 0-d input gives NumPy scalars
        return np.asarray(1 / (1 + e))
    e += 1
    return np.reciprocal(e, out=e)


def relu(x):
    return np.maximum(x, 0)


_BITS = {2: np.int16, 4: np.int32, 8: np.int64}


def relu_backward(g, x):
    """``g`` where ``x > 0``, else 0 (also where ``g`` is inf/NaN): ``g``'s bits and-ed with a mask,
    several times faster than ``np.where``."""
    if (type(g) is not np.ndarray or type(x) is not np.ndarray or g.dtype.kind != "f"
            or g.dtype.itemsize not in _BITS):
        return np.where(x > 0, g, 0).astype(g.dtype, copy=False)
    bits = _BITS[g.dtype.itemsize]
    mask = np.negative(np.greater(x, 0), dtype=bits)  # 0 or all ones
    return np.asarray(np.bitwise_and(mask, g.view(bits))).view(g.dtype)


def sigmoid_backward(g, y):
    return g * y * (1 - y)


def tanh_backward(g, y):
    return g * (1 - y * y)


def sum(x, axis=None, keepdims=False):
    return np.add.reduce(x, axis=axis, keepdims=keepdims)  # np.sum's semantics without its Python wrapper


def softmax(x, axis):
    m = np.max(x, axis=axis, keepdims=True)
    e = np.exp(x - m)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(x, axis):
    m = np.max(x, axis=axis, keepdims=True)
    s = x - m
    return s - np.log(np.sum(np.exp(s), axis=axis, keepdims=True))


def softmax_backward(g, y, axis):
    return y * (g - np.sum(g * y, axis=axis, keepdims=True))


def log_softmax_backward(g, y, axis):
    return g - np.exp(y) * np.sum(g, axis=axis, keepdims=True)


def prod(x, axis=None, keepdims=False):  # the ufunc, not np.prod: its overflow warning is then ours (filtered)
    return np.multiply.reduce(x, axis=axis, keepdims=keepdims)


def prod_except_last(x):
    """out[..., i] = prod of x[..., j] for j != i (exact with zeros: exclusive cumprods from both ends)."""
    n = x.shape[-1]
    left = np.ones_like(x)
    right = np.ones_like(x)
    if n > 1:
        np.multiply.accumulate(x[..., :-1], axis=-1, out=left[..., 1:])
        np.multiply.accumulate(x[..., :0:-1], axis=-1, out=right[..., -2::-1])
    return left * right


def amax(x, axis=None, keepdims=False):
    return np.amax(x, axis=axis, keepdims=keepdims)


def amin(x, axis=None, keepdims=False):
    return np.amin(x, axis=axis, keepdims=keepdims)


def var(x, axis, correction, keepdims=False):
    """Sum of squared deviations over ``axis`` divided by max(0, N - correction) (PyTorch's rule)."""
    n = 1
    for d in axis:
        n *= x.shape[d]
    dev = x - np.mean(x, axis=axis, keepdims=True)
    ss = np.sum(dev * dev, axis=axis, keepdims=keepdims)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(ss / max(0, n - correction), dtype=x.dtype)


def logsumexp(x, axis, keepdims=False):
    """log(sum(exp(x))) without overflow: shift by the (finite) max first."""
    m = np.amax(x, axis=axis, keepdims=True) if x.size else np.zeros(x.shape[:0], x.dtype)
    m = np.where(np.isfinite(m), m, 0).astype(x.dtype, copy=False)
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    return out if keepdims else np.squeeze(out, axis=axis)


def cumsum(x, axis):
    return np.cumsum(x, axis=axis)


def cumprod(x, axis):
    return np.multiply.accumulate(x, axis=axis)


def vector_norm(x, ord, axis, keepdims=False):
    """PyTorch's linalg.vector_norm over ``axis`` for a float ``ord`` (inf, -inf, 0, 1, 2 or any p)."""
    a = np.abs(x)
    if ord == 2:
        out = np.sqrt(np.sum(a * a, axis=axis, keepdims=keepdims))
    elif ord == 1:
        out = np.sum(a, axis=axis, keepdims=keepdims)
    elif ord == math.inf:
        out = np.amax(a, axis=axis, keepdims=keepdims, initial=0)
    elif ord == -math.inf:
        out = np.amin(a, axis=axis, keepdims=keepdims)
    elif ord == 0:
        out = np.sum(a != 0, axis=axis, keepdims=keepdims)
    else:
        with np.errstate(divide="ignore"):
            out = np.sum(a ** ord, axis=axis, keepdims=keepdims) ** (1.0 / ord)
    return np.asarray(out, dtype=x.dtype)


# ---- erf: Chebyshev-economized series, float64-accurate (<= 2 ulp), no SciPy -------------------
# |x| < 1:   erf(x) = x * P(x^2), P from erf's Taylor series.
# 1..6:      erf(x) = 1 - exp(-x^2) * Q_k(x), Q = erfc(x) exp(x^2) from its ODE Q' = 2xQ - 2/sqrt(pi).
# |x| >= 6:  +-1 (erfc(6) < half an ulp of 1).
# Coefficients are derived once, exactly (Fractions), on first use.
_ERF_REGIONS = ((1.0, 2.0), (2.0, 3.5), (3.5, 6.0))
_ERF_TABLES = []


def _economize(coef):
    """Drop the Chebyshev tail of a power series on [-1, 1] (lowest first) while it sums below 1e-20."""
    c = _cheb.poly2cheb(np.array(coef, dtype=object))
    keep = len(c)
    while keep > 1 and builtins.sum(builtins.abs(v) for v in c[keep - 1:]) < Fraction(1, 10 ** 20):
        keep -= 1
    return list(_cheb.cheb2poly(c[:keep]))


def _compose_linear(coef, a, b):
    """Coefficients of p(a + b*t) from p's (lowest first), exactly."""
    out = np.array([Fraction(0)], dtype=object)
    lin = np.array([a, b], dtype=object)
    for c in reversed(coef):
        out = _poly.polyadd(_poly.polymul(out, lin), np.array([c], dtype=object))
    return list(out)


def _erf_tables():
    if not _ERF_TABLES:
        k = Fraction(2 / math.sqrt(math.pi))
        taylor = [k * Fraction((-1) ** n, math.factorial(n) * (2 * n + 1)) for n in range(30)]
        in_u = _compose_linear(_economize(_compose_linear(taylor, Fraction(1, 2), Fraction(1, 2))),
                               Fraction(-1), Fraction(2))  # u = (1 + t) / 2 on [0, 1], then back to u
        tables = [[float(c) for c in reversed(in_u)]]
        for lo, hi in _ERF_REGIONS:
            mid, half = Fraction((lo + hi) / 2), Fraction((hi - lo) / 2)
            q = [Fraction(math.erfc(mid) * math.exp(mid * mid))]
            q.append(2 * mid * q[0] - k)
            for n in range(1, 60):
                q.append((2 * mid * q[n] + 2 * q[n - 1]) / (n + 1))
            econ = _economize([c * half ** n for n, c in enumerate(q)])
            tables.append((lo, hi, float(mid), float(1 / half), [float(c) for c in reversed(econ)]))
        _ERF_TABLES[:] = tables
    return _ERF_TABLES


def _horner(coef, t):
    r = t * coef[0]
    r += coef[1]
    for c in coef[2:]:
        r *= t
        r += c
    return r


def erf(x):
    tables = _erf_tables()
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    a = np.abs(x)
    out = np.ones_like(a)
    m = a < 1.0
    am = a[m]
    am *= _horner(tables[0], am * am)
    out[m] = am
    for lo, hi, mid, inv, coef in tables[1:]:
        m = (a >= lo) & (a < hi)
        if not m.any():
            continue
        am = a[m]
        e = np.exp(-(am * am))
        am -= mid
        am *= inv
        e *= _horner(coef, am)
        np.subtract(1.0, e, out=e)
        out[m] = e
    nan = np.isnan(a)
    if nan.any():
        out[nan] = np.nan
    return np.copysign(out, x, out=out)
