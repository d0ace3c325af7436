"""Parallel jitted elementwise loops over flat contiguous arrays (``numba_elementwise`` calls them).

Numba's ``math.exp``/``tanh`` are scalar libm calls here (no SVML), so exp is built from a Cody-Waite
reduction, a degree-7 polynomial (Cephes ``expf``, < 1 ulp) and exponent bits, tanh is a rational
minimax approximation (Eigen's, < 4e-7 relative). Constants take the array's dtype so float32 stays
float32 (a bare ``1`` would promote the loop to float64). The compute-bound float32 loops ask for
512-bit vectors (``wide_vectors``); the memory-bound arithmetic ones measured a little faster with
LLVM's default 256 and round each operation as NumPy does, so their results equal the reference's.
"""
import numpy as np

from ._numba import EXACT, OPTS, njit, pow2f, prange, wide_vectors

f32 = np.float32
_LOG2E, _C1, _C2 = f32(1.4426950408889634), f32(0.693359375), f32(-2.12194440e-4)
_P0, _P1, _P2 = f32(1.9875691500e-4), f32(1.3981999507e-3), f32(8.3334519073e-3)
_P3, _P4, _P5 = f32(4.1665795894e-2), f32(1.6666665459e-1), f32(5.0000001201e-1)
_LO, _HI, _HALF, _ONE, _ZERO, _E127 = f32(-88.0), f32(89.0), f32(0.5), f32(1.0), f32(0.0), f32(127.0)
# tanh: Eigen's float rational minimax p(x)/q(x) on [-7.9053, 7.9053] (|error| < 4e-7)
_A1, _A3, _A5 = f32(4.89352455891786e-03), f32(6.37261928875436e-04), f32(1.48572235717979e-05)
_A7, _A9, _A11 = f32(5.12229709037114e-08), f32(-8.60467152213735e-11), f32(2.00018790482477e-13)
_A13 = f32(-2.76076847742355e-16)
_B0, _B2, _B4, _B6 = (f32(4.89352518554385e-03), f32(2.26843463243900e-03), f32(1.18534705686654e-04),
                      f32(1.19825839466702e-06))
_TCLAMP = f32(7.90531110763549805)


@njit(inline="always", **OPTS)
def _exp_parts(c):
    """(p, n) with exp(c) = p * 2**n, r = c - n*ln2 (Cody-Waite), p(r) Cephes' polynomial in one
    Horner chain (7 FMAs; < 0.9 ulp over the float32 range)."""
    n = np.floor(c * _LOG2E + _HALF)
    r = c - n * _C1 - n * _C2
    return ((((((_P0 * r + _P1) * r + _P2) * r + _P3) * r + _P4) * r + _P5) * r + _ONE) * r + _ONE, n


@njit(inline="always", **OPTS)
def _expf(x):
    """exp of a float32 to ~1 ulp. Clamped to [-88, 89], where 2**-127 encodes as 0 (results below
    ~8e-39 flush to 0) and n = 128 overflows to inf as it should; the clamps are written so that NaN
    passes through (maxps/minps return their second operand), which spares explicit range selects."""
    c = _LO if _LO > x else x
    p, n = _exp_parts(_HI if _HI < c else c)
    v = p * pow2f(min(n, _E127))
    return v + v if n > _E127 else v


@njit(inline="always", **OPTS)
def _sigmoidf(x):
    a = -abs(x)
    p, n = _exp_parts(_LO if _LO > a else a)
    e = p * pow2f(n)  # exp(-|x|), n <= 0
    return (_ONE if x >= _ZERO else e) / (_ONE + e)


@njit(inline="always", **OPTS)
def _tanhf(x):
    c = -_TCLAMP if -_TCLAMP > x else x  # NaN passes, as in _expf
    c = _TCLAMP if _TCLAMP < c else c
    z = c * c
    p = ((((((_A13 * z + _A11) * z + _A9) * z + _A7) * z + _A5) * z + _A3) * z + _A1) * c
    q = ((_B6 * z + _B4) * z + _B2) * z + _B0
    return p / q


# ---- float32 transcendental functions --------------------------------------------------------------
@njit(parallel=True, **OPTS)
def exp_p(x, out):
    for i in prange(x.size):
        wide_vectors()
        out[i] = _expf(x[i])


@njit(parallel=True, **OPTS)
def sigmoid_p(x, out):
    for i in prange(x.size):
        wide_vectors()
        out[i] = _sigmoidf(x[i])


@njit(parallel=True, **OPTS)
def tanh_p(x, out):
    for i in prange(x.size):
        wide_vectors()
        out[i] = _tanhf(x[i])


# ---- any float dtype, rounded exactly as NumPy's ufuncs (so results do not depend on the size gate) --
@njit(parallel=True, **EXACT)
def relu_p(x, out):
    zero = x.dtype.type(0)
    for i in prange(x.size):
        v = x[i]
        out[i] = zero if v <= 0 else v  # NaN stays NaN, -0.0 gives +0.0 (as np.maximum)


@njit(parallel=True, **EXACT)
def relu_backward_p(g, y, out):
    zero = g.dtype.type(0)
    for i in prange(g.size):
        out[i] = g[i] if y[i] > 0 else zero


@njit(parallel=True, **EXACT)
def sigmoid_backward_p(g, y, out):
    one = y.dtype.type(1)
    for i in prange(g.size):
        v = y[i]
        out[i] = g[i] * v * (one - v)


@njit(parallel=True, **EXACT)
def tanh_backward_p(g, y, out):
    one = y.dtype.type(1)
    for i in prange(g.size):
        v = y[i]
        out[i] = g[i] * (one - v * v)


@njit(parallel=True, **EXACT)
def add_p(a, b, out):
    for i in prange(a.size):
        out[i] = a[i] + b[i]


@njit(parallel=True, **EXACT)
def sub_p(a, b, out):
    for i in prange(a.size):
        out[i] = a[i] - b[i]


@njit(parallel=True, **EXACT)
def mul_p(a, b, out):
    for i in prange(a.size):
        out[i] = a[i] * b[i]
