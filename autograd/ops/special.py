"""Special functions of ``torch.special`` that the core ops lack (erfcx, ndtr/ndtri/log_ndtr, modified Bessel
i0/i0e/i1/i1e, entr, xlog1py, Hurwitz zeta, multivariate log-gamma), each with PyTorch's gradient.

Kernels are float64 NumPy (no SciPy): libm's ``erfc`` per element, power series / asymptotic expansions for the
Bessel functions, Cephes' Euler-Maclaurin sum for zeta. Results are cast back to the input's float dtype.
"""
import math

import numpy as np

from ..function import Op
from ..tensor import Tensor, register_method
from ._util import binary_operands, broadcast_error, float_array
from .arithmetic import _out
from .misc import binary_op, lgamma
from .pointwise import _tensor_args, unary_op, where

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
    """i0e(x) * exp(|x|); at +-inf torch's kernel gives 0 * inf = NaN."""
    a = np.abs(x)
    return np.where(a > 700, np.where(a == np.inf, np.nan, np.inf), i0e_np(x) * np.exp(np.minimum(a, 700)))


def i1_np(x):
    a = np.abs(x)
    return np.where(a > 700, np.where(a == np.inf, np.nan, np.sign(x) * np.inf),
                    i1e_np(x) * np.exp(np.minimum(a, 700)))


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
    return _out(res, out)


multigammaln = mvlgamma
gammaln = lgamma

register_method("i0")(lambda self: i0(self))
register_method("mvlgamma")(lambda self, p: mvlgamma(self, p))


# ---- torch.special's Bessel/Airy functions, orthogonal polynomials and incomplete gamma ------------------
# Float64 NumPy: power series where they converge without cancellation, Hankel's asymptotic series for large
# arguments, and for K_nu the trapezoidal rule on K_nu(z) = int_0^inf exp(-z cosh t) cosh(nu t) dt (exponentially
# accurate for this analytic integrand). None of these has a derivative in PyTorch: results never require grad.
_EULER = 0.5772156649015329


def _jy_series(x, nu):
    """J_nu(x), Y_nu(x) for nu in {0, 1}, 0 < x <= 17, by their power series (harmonic numbers for Y)."""
    h = x * x / 4
    lg = np.log(x / 2) + _EULER
    if nu == 0:
        term, j, ys, hk = np.ones_like(x), np.ones_like(x), np.zeros_like(x), 0.0
        for k in range(1, 60):
            term = -term * h / (k * k)
            hk += 1.0 / k
            j += term
            ys -= term * hk
        return j, 2 / math.pi * (lg * j + ys)
    term = x / 2
    j = term.copy()
    ys = term * 1.0  # (psi(1) + psi(2) + 2 gamma) * (x/2) / (0! 1!) = H_0 + H_1 = 1
    hk = 0.0
    for k in range(1, 60):
        term = -term * h / (k * (k + 1))
        hk += 1.0 / k
        j += term
        ys += term * (2 * hk + 1.0 / (k + 1))
    return j, 2 / math.pi * (lg * j - 1 / x) - ys / math.pi


# PyTorch's rational fits of Hankel's P and Q for x > 5 (Cephes j0.c/j1.c coefficients, evaluated as torch's
# Math.h does: Horner from 0, so QQ lacks Cephes' implicit leading 1 and results differ from the exact
# function by up to ~1e-6 just above 5; torch is the specification here).
_PQ_FITS = {
    0: ((0.0007969367292973471, 0.08283523921074408, 1.239533716464143, 5.447250030587687, 8.74716500199817,
         5.303240382353949, 1.0),
        (0.0009244088105588637, 0.08562884743544745, 1.2535274390105895, 5.470977403304171, 8.761908832370695,
         5.306052882353947, 1.0),
        (-0.011366383889846916, -1.2825271867050931, -19.553954425773597, -93.20601521237683, -177.68116798048806,
         -147.07750515495118, -51.41053267665993, -6.050143506007285),
        (64.3178256118178, 856.4300259769806, 3882.4018360540163, 7240.467741956525, 5930.727011873169,
         2062.0933166032783, 242.0057402402914)),
    1: ((0.0007621256162081731, 0.07313970569409176, 1.1271960812968493, 5.112079511468076, 8.424045901417724,
         5.214515986823615, 1.0),
        (0.0005713231280725487, 0.06884559087544954, 1.105142326340617, 5.073863861286015, 8.399855543276042,
         5.209828486823619, 1.0),
        (0.05108625947501766, 4.982138729512334, 75.82382841325453, 366.7796093601508, 710.8563049989261,
         597.4896124006136, 211.68875710057213, 25.207020585802372),
        (74.23732770356752, 1056.4488603826283, 4986.410583376536, 9562.318924047562, 7997.041604473507,
         2826.1927851763908, 336.0936078106983)),
}


def _hankel_pq(x, nu):
    """P(x) and Q(x) (Q without its 5/x factor) of J_nu/Y_nu for x > 5, as PyTorch computes them."""
    z = 25.0 / (x * x)

    def horner(coeffs):
        acc = np.zeros_like(x)
        for c in coeffs:
            acc = acc * z + c
        return acc
    pp, pq, qp, qq = (horner(c) for c in _PQ_FITS[nu])
    return pp / pq, qp / qq


def _bessel_jy(x, nu, kind):
    """J_nu (kind 'j') or Y_nu (kind 'y'), nu in {0, 1}, for float64 ``x``; PyTorch's values at 0, <0, inf, nan."""
    a = np.abs(x)
    out = np.full(x.shape, np.nan)
    small = (a > 0) & (a <= 5)
    if small.any():
        j, y = _jy_series(a[small], nu)
        out[small] = j if kind == "j" else y
    big = np.isfinite(a) & (a > 5)
    if big.any():
        b = a[big]
        p, q = _hankel_pq(b, nu)
        chi = b - (nu / 2 + 0.25) * math.pi
        amp = math.sqrt(2 / math.pi) / np.sqrt(b)
        q = 5.0 / b * q
        out[big] = amp * ((p * np.cos(chi) - q * np.sin(chi)) if kind == "j" else (p * np.sin(chi) + q * np.cos(chi)))
    if kind == "j":
        out = np.where(a == 0, 1.0 - nu, out)
        return np.where(x < 0, -out, out) if nu == 1 else out
    return np.where(x == 0, -np.inf, np.where(x < 0, np.nan, out))


def _scaled_k(z, nu):
    """exp(z) K_nu(z) for z > 0: trapezoidal rule up to 30 (step 0.05), Hankel's asymptotic series above."""
    out = np.empty(z.shape)
    mid = z <= 30
    if mid.any():
        zm = z[mid]
        tmax = float(np.arccosh(1 + 745 / zm.min()))
        t = np.arange(0.0, tmax + 0.05, 0.05)
        w = np.full(t.shape, 0.05)
        w[0] = 0.025
        expo = -zm[:, None] * (np.cosh(t)[None, :] - 1)
        out[mid] = (np.exp(expo) * (np.cosh(nu * t) * w)[None, :]).sum(1)
    big = ~mid
    if big.any():
        zb = z[big]
        mu = 4.0 * nu * nu
        term, acc = np.ones_like(zb), np.ones_like(zb)
        for k in range(1, 40):
            term = term * (mu - (2 * k - 1) ** 2) / (k * 8 * zb)
            acc += term
        out[big] = acc * np.sqrt(math.pi / (2 * zb))
    return out


def _bessel_k(x, nu, scaled):
    pos = np.isfinite(x) & (x > 0)
    out = np.full(x.shape, np.nan)
    if pos.any():
        xp = x[pos]
        k = _scaled_k(xp, nu)
        out[pos] = k if scaled else k * np.exp(-xp)
    out = np.where(x == 0, np.inf, out)
    return np.where(x == np.inf, 0.0, out)


def _airy_ai(x):
    """Ai(x): sqrt(x/3) K_{1/3}(2/3 x^1.5) / pi for x > 0, Maclaurin series on [-7, 0], the oscillatory
    asymptotic series below -7; 0 above 103.892 and NaN at +-inf, as PyTorch."""
    out = np.full(x.shape, np.nan)
    pos = np.isfinite(x) & (x > 0)
    if pos.any():
        xp = x[pos]
        zeta = 2 / 3 * xp ** 1.5
        out[pos] = np.sqrt(xp / 3) / math.pi * _scaled_k(zeta, 1 / 3) * np.exp(-zeta)
    mid = (x <= 0) & (x >= -7)
    if mid.any():
        xm = x[mid]
        z = xm ** 3
        m, n = np.ones_like(xm), xm.copy()
        f, g = m.copy(), n.copy()
        for k in range(1, 40):
            m = m * z / ((3 * k - 1) * (3 * k))
            n = n * z / ((3 * k) * (3 * k + 1))
            f += m
            g += n
        out[mid] = 0.355028053887817239260 * f - 0.258819403792806798405 * g
    neg = np.isfinite(x) & (x < -7)
    if neg.any():
        a = -x[neg]
        zeta = 2 / 3 * a ** 1.5
        u = 1.0
        even, odd = np.ones_like(a), np.zeros_like(a)
        for k in range(1, 24):
            u = u * (6 * k - 5) * (6 * k - 3) * (6 * k - 1) / ((2 * k - 1) * 216 * k)
            term = u * zeta ** -float(k) * (-1) ** ((k - 1) // 2 if k % 2 else k // 2)
            if k % 2:
                odd += term
            else:
                even += term
        ph = zeta + math.pi / 4
        out[neg] = (np.sin(ph) * even - np.cos(ph) * odd) / (math.sqrt(math.pi) * a ** 0.25)
    return np.where((x > 103.892) & (x < np.inf), 0.0, out)


def _spherical_j0(x):
    safe = np.where(x == 0, 1.0, x)
    return np.where(x == 0, 1.0, np.where(np.isinf(x), 0.0, np.sin(safe) / safe))


def _i_unscaled(x, nu):
    """PyTorch's modified_bessel_i0/i1: NaN at +-inf; i1(-0) is +0."""
    scaled = _bessel_scaled(x, nu) * (np.sign(x) if nu else 1.0)
    a = np.abs(x)
    big = a > 700
    res = np.where(big, np.sign(x) ** nu * np.inf, scaled * np.exp(np.minimum(a, 700)))
    return np.where(np.isinf(x) | np.isnan(x), np.nan, res + 0.0)


def _nondiff_unary(name, fn, arg="input"):
    """A torch.special function with no derivative: float64 kernel, result in the input's float dtype
    (integers/bools in the default dtype); float16/bfloat16 are not implemented, as in PyTorch."""
    from .. import _dtype

    def op(input, *, out=None):
        if not isinstance(input, Tensor):
            raise TypeError(f"special_{name}(): argument '{arg}' (position 1) must be Tensor, not "
                            f"{type(input).__name__}")
        arr = float_array(input)
        if arr.dtype.itemsize < 4:
            raise NotImplementedError(f"\"{name}_cpu\" not implemented for "
                                      f"'{_dtype.type_name(_dtype.from_numpy_dtype(arr.dtype))}'")
        with np.errstate(all="ignore"):
            res = Tensor._make(np.asarray(fn(arr.astype(np.float64))).astype(arr.dtype))
        return _out(res, out)
    op.__name__ = f"special_{name}"
    return op


bessel_j0 = _nondiff_unary("bessel_j0", lambda x: _bessel_jy(x, 0, "j"))
bessel_j1 = _nondiff_unary("bessel_j1", lambda x: _bessel_jy(x, 1, "j"))
bessel_y0 = _nondiff_unary("bessel_y0", lambda x: _bessel_jy(x, 0, "y"))
bessel_y1 = _nondiff_unary("bessel_y1", lambda x: _bessel_jy(x, 1, "y"))
modified_bessel_i0 = _nondiff_unary("modified_bessel_i0", lambda x: _i_unscaled(x, 0))
modified_bessel_i1 = _nondiff_unary("modified_bessel_i1", lambda x: _i_unscaled(x, 1))
modified_bessel_k0 = _nondiff_unary("modified_bessel_k0", lambda x: _bessel_k(x, 0, False))
modified_bessel_k1 = _nondiff_unary("modified_bessel_k1", lambda x: _bessel_k(x, 1, False))
scaled_modified_bessel_k0 = _nondiff_unary("scaled_modified_bessel_k0", lambda x: _bessel_k(x, 0, True), "x")
scaled_modified_bessel_k1 = _nondiff_unary("scaled_modified_bessel_k1", lambda x: _bessel_k(x, 1, True), "x")
spherical_bessel_j0 = _nondiff_unary("spherical_bessel_j0", _spherical_j0, "x")
airy_ai = _nondiff_unary("airy_ai", _airy_ai, "x")


# ---- orthogonal polynomials p_n(x): three-term recurrences, n truncated to an integer (n < 0 gives 0) ----
def _recur(x, n, p0, p1, step):
    """p_n(x) from p_0, p_1 and ``step(k, x, p_{k-1}, p_k) -> p_{k+1}``; an element stops once NaN (as torch)."""
    p, q = np.full(x.shape, p0, dtype=x.dtype), np.broadcast_to(p1, x.shape).astype(x.dtype)
    out = np.where(n <= 0, p, q)
    top = int(n.max()) if n.size else 0
    for k in range(1, top):
        live = (k < n) & ~np.isnan(q)
        if not live.any():
            break
        r = step(k, x, p, q)
        p, q = np.where(live, q, p), np.where(live, r, q)
        out = np.where(live, r, out)
    return out


def _cheb_t(x, n):
    trig = (n > 6) & (np.abs(x) < 1)
    rec = _recur(np.where(trig, 0.0, x), np.where(trig, 0, n), 1.0, x, lambda k, x, p, q: 2 * x * q - p)
    res = np.where(trig, np.cos(n * np.arccos(np.clip(x, -1, 1))), rec)
    return np.where(np.abs(x) == 1, np.where((x > 0) | (n % 2 == 0), 1.0, -1.0), res)


def _cheb_u(x, n):
    trig = (n > 8) & (np.abs(x) < 1)
    th = np.arccos(np.clip(x, -1, 1))
    rec = _recur(np.where(trig, 0.0, x), np.where(trig, 0, n), 1.0, 2 * x, lambda k, x, p, q: 2 * x * q - p)
    s = np.sin(th)
    res = np.where(trig, np.where(s != 0, np.sin((n + 1) * th) / np.where(s != 0, s, 1.0),
                                  (n + 1) * np.cos((n + 1) * th) / x), rec)
    return np.where(np.abs(x) == 1, np.where((x > 0) | (n % 2 == 0), n + 1.0, -(n + 1.0)), res)


def _cheb_v(x, n):
    trig = (n > 8) & (np.abs(x) < 1)
    th = np.arccos(np.clip(x, -1, 1))
    rec = _recur(np.where(trig, 0.0, x), np.where(trig, 0, n), 1.0, 2 * x - 1, lambda k, x, p, q: 2 * x * q - p)
    c = np.cos(th / 2)
    res = np.where(trig, np.cos((n + 0.5) * th) / np.where(c != 0, c, 1.0), rec)
    odd = np.where(n % 2 == 0, 2.0 * n + 1, -(2.0 * n + 1))
    return np.where(np.abs(x) == 1, np.where(x > 0, 1.0, odd), res)


def _cheb_w(x, n):
    trig = (n > 8) & (np.abs(x) < 1)
    th = np.arccos(np.clip(x, -1, 1))
    rec = _recur(np.where(trig, 0.0, x), np.where(trig, 0, n), 1.0, 2 * x + 1, lambda k, x, p, q: 2 * x * q - p)
    s = np.sin(th / 2)
    res = np.where(trig, np.sin((n + 0.5) * th) / np.where(s != 0, s, 1.0), rec)
    return np.where(np.abs(x) == 1, np.where(x > 0, 2.0 * n + 1, np.where(n % 2 == 0, 1.0, -1.0)), res)


def _hermite_h(x, n):
    return _recur(x, n, 1.0, 2 * x, lambda k, x, p, q: 2 * x * q - 2 * k * p)


def _hermite_he(x, n):
    return _recur(x, n, 1.0, x, lambda k, x, p, q: x * q - k * p)


def _laguerre(x, n):
    res = _recur(x, n, 1.0, 1 - x, lambda k, x, p, q: ((2 * k + 1 - x) * q - k * p) / (k + 1))
    return np.where(x == 0, 1.0, res)


def _legendre(x, n):
    res = _recur(x, n, 1.0, x, lambda k, x, p, q: ((2 * k + 1) * x * q - k * p) / (k + 1))
    return np.where(np.abs(x) == 1, np.where((x > 0) | (n % 2 == 0), 1.0, -1.0), res)


def _shifted(fn):
    return lambda x, n: fn(2 * x - 1, n)


def _polynomial(name, fn, limit=None):
    """``name(x, n)``: x and n are tensors or (one of them) a number; PyTorch's promotion, no derivative.
    The recurrence runs in the result dtype, so float32 overflows to inf - inf = NaN as in PyTorch.
    ``limit``: the largest n per float itemsize (Hermite: NaN above 128 in float32, 512 in float64)."""
    from .. import _dtype

    def op(x, n, *, out=None):
        tx, tn = isinstance(x, Tensor), isinstance(n, Tensor)
        if not (tx or tn):
            raise TypeError(f"special_{name}() received an invalid combination of arguments - got "
                            f"({type(x).__name__}, {type(n).__name__}), but expected one of:\n"
                            f" * (Tensor x, Tensor n, *, Tensor out = None)\n"
                            f" * (Number x, Tensor n, *, Tensor out = None)\n"
                            f" * (Tensor x, Number n, *, Tensor out = None)\n")
        xa, na = binary_operands(x, n)
        dt = np.result_type(xa, na)
        if dt.kind != "f":
            dt = _dtype.get_default_dtype().np
        if dt.itemsize < 4:
            raise NotImplementedError(f"\"{name}_cpu\" not implemented for "
                                      f"'{_dtype.type_name(_dtype.from_numpy_dtype(dt))}'")
        try:
            xb, nb = np.broadcast_arrays(np.asarray(xa, dtype=np.float64), np.asarray(na, dtype=np.float64))
        except ValueError as e:
            raise broadcast_error(f"special_{name}", e, x, n) from None
        nb = np.where(np.isfinite(nb), np.trunc(nb), -1.0)
        big = nb > limit[dt.itemsize] if limit else False
        nb = np.where(big, 0.0, nb)
        with np.errstate(all="ignore"):
            res = np.where(big, np.nan, np.where(nb < 0, 0.0, fn(xb.astype(dt), nb))).astype(dt)
        res = Tensor._make(np.asarray(res, order="C"))  # (ascontiguousarray would make a 0-d result 1-d)
        return _out(res, out)
    op.__name__ = f"special_{name}"
    return op


chebyshev_polynomial_t = _polynomial("chebyshev_polynomial_t", _cheb_t)
chebyshev_polynomial_u = _polynomial("chebyshev_polynomial_u", _cheb_u)
chebyshev_polynomial_v = _polynomial("chebyshev_polynomial_v", _cheb_v)
chebyshev_polynomial_w = _polynomial("chebyshev_polynomial_w", _cheb_w)
shifted_chebyshev_polynomial_t = _polynomial("shifted_chebyshev_polynomial_t", _shifted(_cheb_t))
shifted_chebyshev_polynomial_u = _polynomial("shifted_chebyshev_polynomial_u", _shifted(_cheb_u))
shifted_chebyshev_polynomial_v = _polynomial("shifted_chebyshev_polynomial_v", _shifted(_cheb_v))
shifted_chebyshev_polynomial_w = _polynomial("shifted_chebyshev_polynomial_w", _shifted(_cheb_w))
hermite_polynomial_h = _polynomial("hermite_polynomial_h", _hermite_h, {4: 128, 8: 512})
hermite_polynomial_he = _polynomial("hermite_polynomial_he", _hermite_he, {4: 128, 8: 512})
laguerre_polynomial_l = _polynomial("laguerre_polynomial_l", _laguerre)
legendre_polynomial_p = _polynomial("legendre_polynomial_p", _legendre)


# ---- regularized incomplete gamma P(a, x) = igamma, Q(a, x) = igammac ---------------------------------------
def _igam_pq(a, x):
    """(P, Q) in float64: P's series below a + 1 (Q = 1 - P), Q's Lentz continued fraction above (P = 1 - Q)."""
    a, x = np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(x, dtype=np.float64))
    p = np.full(a.shape, np.nan)
    ok = (a >= 0) & (x >= 0) & ~((a == 0) & (x == 0))
    p[ok & (x == 0)] = 0.0
    p[ok & (a == 0) & (x > 0)] = 1.0
    p[ok & np.isinf(x) & np.isfinite(a)] = 1.0
    p[ok & np.isinf(a) & np.isfinite(x)] = 0.0
    q = 1 - p
    inner = ok & (a > 0) & (x > 0) & np.isfinite(a) & np.isfinite(x)
    series = inner & (x < a + 1)
    cf = inner & ~series
    logpre = lambda aa, xx: aa * np.log(xx) - xx - np.vectorize(math.lgamma, otypes=[np.float64])(aa)  # noqa
    if series.any():
        aa, xx = a[series], x[series]
        term = 1 / aa
        total = term.copy()
        ap = aa.copy()
        for _ in range(20000):
            ap = ap + 1
            term = term * xx / ap
            total = total + term
            if np.all(term < total * 1e-17):
                break
        p[series] = np.exp(logpre(aa, xx)) * total
        q[series] = 1 - p[series]
    if cf.any():
        aa, xx = a[cf], x[cf]
        tiny = 1e-300
        b = xx + 1 - aa
        c = np.full(aa.shape, 1 / tiny)
        d = 1 / np.where(b == 0, tiny, b)
        h = d.copy()
        for i in range(1, 20000):
            an = -i * (i - aa)
            b = b + 2
            d = an * d + b
            d = np.where(np.abs(d) < tiny, tiny, d)
            c = b + an / c
            c = np.where(np.abs(c) < tiny, tiny, c)
            d = 1 / d
            delta = d * c
            h = h * delta
            if np.all(np.abs(delta - 1) < 1e-15):
                break
        q[cf] = np.exp(logpre(aa, xx)) * h
        p[cf] = 1 - q[cf]
    return p, q


def _igamma_grad_a(g, a, x, o):
    raise NotImplementedError("the derivative for 'igamma: input' is not implemented.")


def _igammac_grad_a(g, a, x, o):
    raise NotImplementedError("the derivative for 'igammac: input' is not implemented.")


def _igamma_density(a, x):
    """d P(a, x) / dx = x^(a-1) e^-x / Gamma(a)."""
    return ((a - 1) * x.log() - x - a.lgamma()).exp()


igamma = binary_op("igamma", lambda a, x: _igam_pq(a, x)[0].astype(np.result_type(a, x)), _igamma_grad_a,
                   lambda g, a, x, o: g * _igamma_density(a, x), floating="only", tensors_only=True)
igammac = binary_op("igammac", lambda a, x: _igam_pq(a, x)[1].astype(np.result_type(a, x)), _igammac_grad_a,
                    lambda g, a, x, o: -g * _igamma_density(a, x), floating="only", tensors_only=True)


def gammainc(input, other, *, out=None):
    _tensor_args("special_gammainc", input, other)
    return igamma(input, other, out=out)


def gammaincc(input, other, *, out=None):
    _tensor_args("special_gammaincc", input, other)
    return igammac(input, other, out=out)


gammainc.__name__, gammaincc.__name__ = "special_gammainc", "special_gammaincc"
register_method("igamma")(igamma.method)
register_method("igammac")(igammac.method)
