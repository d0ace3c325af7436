"""Special functions of ``torch.special`` that the core ops lack (erfcx, ndtr/ndtri/log_ndtr, modified Bessel
i0/i0e/i1/i1e, entr, xlog1py, Hurwitz zeta, multivariate log-gamma), each with PyTorch's gradient.

Kernels are float64 NumPy (no SciPy): libm's ``erfc`` per element, power series / asymptotic expansions for the
Bessel functions, Cephes' Euler-Maclaurin sum for zeta. Results are cast back to the input's float dtype.
"""
import math

import numpy as np

from ..function import Op
from ..tensor import Tensor, register_method
from ._util import float_array
from .misc import binary_op, lgamma
from .pointwise import unary_op, where

_SQRT2 = math.sqrt(2.0)
_SQRT_2PI = math.sqrt(2 * math.pi)
def _f64(fn, no_half=None):
    """Run a float64 kernel and return the input's dtype (``no_half``: PyTorch's kernel name, if it has no float16)."""
    def kernel(a):
        if no_half and a.dtype == np.float16:
            raise NotImplementedError(f"\"{no_half}\" not implemented for 'Half'")
        with np.errstate(all="ignore"):
            out = fn(np.asarray(a, dtype=np.float64)) if a.size else np.zeros(a.shape)
        return np.asarray(out).astype(a.dtype)
    return kernel


def erfc_np(x):
    from .misc import _erfc_np
    return _erfc_np(x)


def erfcx_np(x):
    """exp(x^2) erfc(x); the asymptotic series where erfc underflows."""
    big = x > 25
    xs = np.where(big, 1.0, x)
    direct = np.exp(xs * xs) * erfc_np(xs)
    xb = np.where(big, x, 30.0)
    inv2 = 1 / (2 * xb * xb)
    asym = (1 - inv2 * (1 - 3 * inv2 * (1 - 5 * inv2))) / (xb * math.sqrt(math.pi))
    return np.where(big, asym, direct)


def ndtr_np(x):
    """Accurate in both tails (used inside ndtri)."""
    return 0.5 * erfc_np(-x / _SQRT2)


def ndtr_torch_np(x):
    """PyTorch's formula, ``(1 + erf(x / sqrt(2))) / 2`` (0 below about -8.3, as there)."""
    from .. import kernels as K
    return (1 + np.asarray(K.erf(x * (1 / _SQRT2)), dtype=np.float64)) * 0.5


def log_ndtr_np(x):
    neg = x < 0
    xn = np.where(neg, x, 0.0)
    left = np.log(0.5 * erfcx_np(-xn / _SQRT2)) - xn * xn / 2
    right = np.log1p(-0.5 * erfc_np(np.where(neg, 0.0, x) / _SQRT2))
    return np.where(neg, left, right)


_ACKLAM = ((-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00),
           (-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01, 1.0),
           (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00),
           (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00, 1.0))


def ndtri_np(p):
    """Inverse of ndtr: Acklam's rational approximation (1e-9) in the nearer tail, then one Halley step."""
    a, b, c, d = (np.polynomial.polynomial.polyval for _ in range(4))
    inner = (p > 0) & (p < 1)
    upper = p > 0.5
    q = np.where(inner, np.where(upper, 1 - p, p), 0.25)  # x <= 0 from here on
    central = q > 0.02425
    r = (q - 0.5) ** 2
    xc = (q - 0.5) * a(r, _ACKLAM[0][::-1]) / b(r, _ACKLAM[1][::-1])
    t = np.sqrt(-2 * np.log(np.where(central, 0.5, q)))
    xt = c(t, _ACKLAM[2][::-1]) / d(t, _ACKLAM[3][::-1])
    x = np.where(central, xc, xt)
    e = ndtr_np(x) - q
    u = e * _SQRT_2PI * np.exp(x * x / 2)
    step = u / (1 + x * u / 2)
    x = np.where(np.isfinite(step), x - step, x)
    x = np.where(upper, -x, np.where(p == 0.5, 0.0, x))
    x = np.where(p == 0, -np.inf, np.where(p == 1, np.inf, x))
    return np.where(inner | (p == 0) | (p == 1), x, np.nan)


def _bessel_scaled(x, nu):
    """exp(-|x|) I_nu(|x|) for nu in {0, 1}: power series below 30, Hankel's asymptotic series above."""
    a = np.abs(x)
    out = np.full(a.shape, np.nan)
    small = a < 30
    s = a[small]
    if s.size:
        h = s * s / 4
        term = np.ones_like(s) if nu == 0 else s / 2
        total = term.copy()
        for k in range(1, 80):
            term = term * h / (k * (k + nu))
            total += term
            if k % 10 == 0 and np.all(term <= 1e-17 * total):
                break
        out[small] = total * np.exp(-s)
    big = a >= 30
    b = a[big]
    if b.size:
        mu = 4.0 * nu * nu
        term = np.ones_like(b)
        acc = term.copy()
        for k in range(1, 30):
            term = -term * (mu - (2 * k - 1) ** 2) / (k * 8 * b)
            acc += term
        out[big] = acc / np.sqrt(2 * math.pi * b)
    return out


def i0e_np(x):
    return np.where(np.isnan(x), np.nan, _bessel_scaled(x, 0))


def i1e_np(x):
    return np.where(np.isnan(x), np.nan, np.sign(x) * _bessel_scaled(x, 1))


def i0_np(x):
    a = np.abs(x)
    return np.where(a > 700, np.inf, i0e_np(x) * np.exp(np.minimum(a, 700)))


def i1_np(x):
    a = np.abs(x)
    return np.where(a > 700, np.sign(x) * np.inf, i1e_np(x) * np.exp(np.minimum(a, 700)))


def entr_np(x):
    with np.errstate(all="ignore"):
        return np.where(x > 0, -x * np.log(np.where(x > 0, x, 1.0)), np.where(x == 0, 0.0, np.where(np.isnan(x), x, -np.inf)))


_ZETA_A = (12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10,
           -2.950130727918164224e12, 1.1646782814350067249e14, -4.5979787224074726105e15,
           1.8152105401943546773e17, -7.1661652561756670113e18)
_MACHEP = 1.11022302462515654042e-16


def _zeta_scalar(x, q):
    """Hurwitz zeta(x, q) (Cephes ``zeta``)."""
    if math.isnan(x) or math.isnan(q):
        return math.nan
    if x == 1.0:
        return math.inf
    if x < 1.0:
        return math.nan
    if q <= 0.0:
        if q == math.floor(q):
            return math.inf
        if x != math.floor(x):
            return math.nan
    s = q ** -x
    a, b, i = q, 0.0, 0
    while i < 9 or a <= 9.0:
        i += 1
        a += 1.0
        b = a ** -x
        s += b
        if abs(b / s) < _MACHEP:
            return s
    w = a
    s += b * w / (x - 1)
    s -= 0.5 * b
    a, k = 1.0, 0.0
    for i in range(12):
        a *= x + k
        b /= w
        t = a * b / _ZETA_A[i]
        s += t
        if abs(t / s) < _MACHEP:
            return s
        k += 1.0
        a *= x + k
        b /= w
        k += 1.0
    return s


_zeta_vec = np.vectorize(_zeta_scalar, otypes=[np.float64])


# ---- Ops --------------------------------------------------------------------------------------------------
def _gauss(x):
    return (x * x * -0.5).exp() / _SQRT_2PI


def _i1_grad(g, x, y):
    safe = where(x == 0, 1.0, x)
    return g * where(x == 0, 0.5, i0(x) - y / safe)


def _i1e_grad(g, x, y):
    safe = where(x == 0, 1.0, x)
    return g * where(x == 0, 0.5, i0e(x) - y * (x.sign() + safe.reciprocal()))


erfcx = unary_op("SpecialErfcx", _f64(erfcx_np, "erfcx_cpu"),
                 lambda g, x, y: g * ((2 * x) * y - 2 / math.sqrt(math.pi)), saves="xy")
ndtr = unary_op("SpecialNdtr", _f64(ndtr_torch_np), lambda g, x, y: g * _gauss(x), node_name="MulBackward1")
ndtri = unary_op("SpecialNdtri", _f64(ndtri_np, "ndtri_cpu"), lambda g, x, y: g * _SQRT_2PI * (y * y * 0.5).exp(),
                 saves="y")
log_ndtr = unary_op("SpecialLogNdtr", _f64(log_ndtr_np, "log_ndtr_cpu"),
                    lambda g, x, y: g / _SQRT_2PI * (-(y + x * x / 2)).exp(), saves="xy")
i0 = unary_op("I0", _f64(i0_np), lambda g, x, y: g * i1(x))
i0e = unary_op("SpecialI0e", _f64(i0e_np), lambda g, x, y: g * (i1e(x) - x.sign() * y), saves="xy",
               node_name="SpecialI0EBackward0")
i1 = unary_op("SpecialI1", _f64(i1_np), _i1_grad, saves="xy")
i1e = unary_op("SpecialI1e", _f64(i1e_np), _i1e_grad, saves="xy", node_name="SpecialI1EBackward0")
entr = unary_op("SpecialEntr", _f64(entr_np), lambda g, x, y: g * -(1 + x.log()))


def _xlog1py_kernel(x, y):
    with np.errstate(all="ignore"):
        res = np.where(np.asarray(x) == 0, np.where(np.isnan(y), np.nan, 0.0), x * np.log1p(y))
    return res.astype(np.result_type(x, y))


def _xlog1py_grad_x(g, a, b, o):
    log1p_b = b.log1p() if isinstance(b, Tensor) else math.log1p(b)
    return where((a == 0) & (b <= -1), 0.0, g * log1p_b)


xlog1py = binary_op("special_xlog1_py", _xlog1py_kernel, _xlog1py_grad_x, lambda g, a, b, o: g * a / (b + 1),
                    node_names=("0", "2", "1"), op="special_xlog1py")


def _zeta_kernel(x, q):
    if np.result_type(x, q) == np.float16:
        raise NotImplementedError("\"zeta_cpu\" not implemented for 'Half'")
    with np.errstate(all="ignore"):
        res = _zeta_vec(np.asarray(x, dtype=np.float64), np.asarray(q, dtype=np.float64))
    return res.astype(np.result_type(x, q))


def _zeta_grad_x(g, a, b, o):
    raise NotImplementedError("the derivative for 'zeta' is not implemented.")


zeta = binary_op("special_zeta", _zeta_kernel, _zeta_grad_x,
                 lambda g, a, b, o: g * -a * zeta(a + 1, b), node_names=("0", "2", "1"))


class Mvlgamma(Op):
    node_name = "MvlgammaBackward0"

    @staticmethod
    def forward(ctx, a, p):
        arr = a._data if a._data.dtype.kind == "f" else float_array(a)
        if p < 1:
            raise RuntimeError("p has to be greater than or equal to 1")
        ctx.save_for_backward(a)
        ctx.p = p
        j = np.arange(p, dtype=np.float64).reshape((p,) + (1,) * arr.ndim)
        shifted = np.asarray(arr, dtype=np.float64) - j / 2
        vals = np.vectorize(math.lgamma, otypes=[np.float64])(shifted).sum(0) if arr.size else np.zeros(arr.shape)
        return (vals + p * (p - 1) / 4 * math.log(math.pi)).astype(arr.dtype)

    @staticmethod
    def backward(ctx, g):
        from .misc import digamma
        (a,) = ctx.saved_tensors
        total = sum(digamma(a - j / 2) for j in range(ctx.p))
        return g * total, None


def mvlgamma(input, p, *, out=None):
    res = Mvlgamma.apply(input, p)
    if out is not None:
        out.copy_(res)
        return out
    return res


multigammaln = mvlgamma
gammaln = lgamma

register_method("i0")(lambda self: i0(self))
register_method("mvlgamma")(lambda self, p: mvlgamma(self, p))
