"""Jitted elementwise kernels: float32 exp/sigmoid/tanh by vectorisable polynomials, fused backwards.

Numba's ``math.exp``/``tanh`` are scalar libm calls here (no SVML), so exp is built from a Cody-Waite
reduction, a degree-6 polynomial (Cephes ``expf``, ~1 ulp) and exponent bits, tanh is a rational
minimax approximation (Eigen's, < 4e-7 relative). Each kernel has a
serial loop and a ``prange`` twin for large arrays. Other dtypes, broadcasting and small arrays where
NumPy is as fast take the NumPy reference kernels.
"""
import numpy as np

from . import ref_elementwise as ref
from ._numba import OPTS, PAR_MIN, njit, pow2f, prange

f32 = np.float32
_LOG2E, _C1, _C2 = f32(1.4426950408889634), f32(0.693359375), f32(-2.12194440e-4)
_P0, _P1, _P2 = f32(1.9875691500e-4), f32(1.3981999507e-3), f32(8.3334519073e-3)
_P3, _P4, _P5 = f32(4.1665795894e-2), f32(1.6666665459e-1), f32(5.0000001201e-1)
_LO, _HI, _HALF, _ONE, _ZERO = f32(-87.33654), f32(88.72284), f32(0.5), f32(1.0), f32(0.0)
_INF, _E127 = f32(np.inf), f32(127.0)
# tanh: Eigen's float rational minimax p(x)/q(x) on [-7.9053, 7.9053] (|error| < 4e-7)
_A1, _A3, _A5 = f32(4.89352455891786e-03), f32(6.37261928875436e-04), f32(1.48572235717979e-05)
_A7, _A9, _A11 = f32(5.12229709037114e-08), f32(-8.60467152213735e-11), f32(2.00018790482477e-13)
_A13 = f32(-2.76076847742355e-16)
_B0, _B2, _B4, _B6 = (f32(4.89352518554385e-03), f32(2.26843463243900e-03), f32(1.18534705686654e-04),
                      f32(1.19825839466702e-06))
_TCLAMP = f32(7.90531110763549805)


@njit(inline="always", **OPTS)
def _expf(x):
    """exp of a float32 to ~1 ulp; results below the normal range flush to 0; NaN stays NaN."""
    c = min(max(x, _LO), _HI)
    n = np.floor(c * _LOG2E + _HALF)
    r = c - n * _C1 - n * _C2
    p = ((((((_P0 * r + _P1) * r + _P2) * r + _P3) * r + _P4) * r + _P5) * r * r + r) + _ONE
    v = p * pow2f(min(n, _E127))
    v = v + v if n > _E127 else v  # n == 128 near the top of the range
    v = v if x >= _LO else _ZERO
    v = v if x <= _HI else _INF
    return v if x == x else x


@njit(inline="always", **OPTS)
def _sigmoidf(x):
    e = _expf(-abs(x))
    s = _ONE / (_ONE + e)
    return s if x >= _ZERO else e * s


@njit(inline="always", **OPTS)
def _tanhf(x):
    c = min(max(x, -_TCLAMP), _TCLAMP)
    z = c * c
    p = ((((((_A13 * z + _A11) * z + _A9) * z + _A7) * z + _A5) * z + _A3) * z + _A1) * c
    q = ((_B6 * z + _B4) * z + _B2) * z + _B0
    return p / q if x == x else x


# ---- loops: one serial and one parallel per kernel (top-level, so the disk cache serves them) ----
@njit(**OPTS)
def exp_s(x, out):
    for i in range(x.size):
        out[i] = _expf(x[i])


@njit(parallel=True, **OPTS)
def exp_p(x, out):
    for i in prange(x.size):
        out[i] = _expf(x[i])


@njit(**OPTS)
def sigmoid_s(x, out):
    for i in range(x.size):
        out[i] = _sigmoidf(x[i])


@njit(parallel=True, **OPTS)
def sigmoid_p(x, out):
    for i in prange(x.size):
        out[i] = _sigmoidf(x[i])


@njit(**OPTS)
def tanh_s(x, out):
    for i in range(x.size):
        out[i] = _tanhf(x[i])


@njit(parallel=True, **OPTS)
def tanh_p(x, out):
    for i in prange(x.size):
        out[i] = _tanhf(x[i])


@njit(**OPTS)
def relu_s(x, out):
    for i in range(x.size):
        v = x[i]
        out[i] = v if v > 0 else (v - v if v == v else v)  # 0 of x's type; NaN stays NaN


@njit(parallel=True, **OPTS)
def relu_p(x, out):
    for i in prange(x.size):
        v = x[i]
        out[i] = v if v > 0 else (v - v if v == v else v)


@njit(**OPTS)
def relu_backward_s(g, y, out):
    for i in range(g.size):
        out[i] = g[i] if y[i] > 0 else 0


@njit(parallel=True, **OPTS)
def relu_backward_p(g, y, out):
    for i in prange(g.size):
        out[i] = g[i] if y[i] > 0 else 0


@njit(**OPTS)
def sigmoid_backward_s(g, y, out):
    for i in range(g.size):
        v = y[i]
        out[i] = g[i] * v * (1 - v)


@njit(parallel=True, **OPTS)
def sigmoid_backward_p(g, y, out):
    for i in prange(g.size):
        v = y[i]
        out[i] = g[i] * v * (1 - v)


@njit(**OPTS)
def tanh_backward_s(g, y, out):
    for i in range(g.size):
        v = y[i]
        out[i] = g[i] * (1 - v * v)


@njit(parallel=True, **OPTS)
def tanh_backward_p(g, y, out):
    for i in prange(g.size):
        v = y[i]
        out[i] = g[i] * (1 - v * v)


# ---- the kernels ops call (same names and signatures as ref_elementwise) ---------------------------
def _flat(a):
    return a.reshape(-1) if a.flags.c_contiguous else np.ascontiguousarray(a).reshape(-1)


def _unary(serial, parallel, x, out_dtype=None):
    out = np.empty(x.shape, out_dtype or x.dtype)
    (parallel if x.size >= PAR_MIN else serial)(_flat(x), out.reshape(-1))
    return out


def exp(x, *args, **kwargs):
    if args or kwargs or type(x) is not np.ndarray or x.dtype != np.float32 or x.size < PAR_MIN:
        return ref.exp(x, *args, **kwargs)  # NumPy's own SIMD exp is as fast on one core
    return _unary(exp_s, exp_p, x)


def sigmoid(x):
    if x.dtype != np.float32:
        return ref.sigmoid(x)
    return _unary(sigmoid_s, sigmoid_p, x)


def tanh(x, *args, **kwargs):
    if args or kwargs or type(x) is not np.ndarray or x.dtype != np.float32 or x.size < PAR_MIN:
        return ref.tanh(x, *args, **kwargs)
    return _unary(tanh_s, tanh_p, x)


def relu(x):
    if x.dtype.kind != "f" or x.size < PAR_MIN:
        return ref.relu(x)
    return _unary(relu_s, relu_p, x)


def _binary(serial, parallel, g, y, ref_fn):
    """Same-shape float operands of one dtype; anything else (broadcasting, ints) goes to NumPy."""
    if (type(g) is not np.ndarray or type(y) is not np.ndarray or g.shape != y.shape or g.dtype != y.dtype
            or g.dtype.kind != "f"):
        return ref_fn(g, y)
    out = np.empty(g.shape, g.dtype)
    (parallel if g.size >= PAR_MIN else serial)(_flat(g), _flat(y), out.reshape(-1))
    return out


def relu_backward(g, y):
    return _binary(relu_backward_s, relu_backward_p, g, y, ref.relu_backward)


def sigmoid_backward(g, y):
    return _binary(sigmoid_backward_s, sigmoid_backward_p, g, y, ref.sigmoid_backward)


def tanh_backward(g, y):
    return _binary(tanh_backward_s, tanh_backward_p, g, y, ref.tanh_backward)


# add/mul/sub stay NumPy's ufuncs: already at memory bandwidth, and a wrapper would tax every small op
KERNELS = {"exp": exp, "sigmoid": sigmoid, "tanh": tanh, "relu": relu, "relu_backward": relu_backward,
           "sigmoid_backward": sigmoid_backward, "tanh_backward": tanh_backward}
