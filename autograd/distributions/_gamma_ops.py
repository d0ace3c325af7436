"""Gamma-function ops the distributions need: the standard Gamma sampler with its implicit-reparameterization
gradient (torch._standard_gamma), the regularized lower incomplete gamma (torch.special.gammainc), and the
Poisson/Binomial samplers (torch.poisson / torch.binomial). Sampling uses NumPy's stream."""
import math

import numpy as np

import autograd
from autograd.function import Op
from autograd.ops.pointwise import _polygamma_np
from autograd.random import rng

__all__ = ["standard_gamma", "gammainc", "poisson", "binomial"]

_lgamma_np = np.vectorize(math.lgamma, otypes=[np.float64])
_WILSON_HILFERTY_MIN = 1e4  # above this concentration the series below is too long: use the cube-root normal


def _standard_gamma_grad(a, x):
    """d x / d alpha at fixed CDF value P(alpha, x): -(dP/d alpha) / pdf(x), float64.

    dP/d alpha = sum_n t_n (log x - psi(alpha + n + 1)) with t_n the series terms of P; dividing by the
    pdf gives r_0 = x / alpha, r_n = r_{n-1} x / (alpha + n), summed until the terms vanish."""
    a = np.asarray(a, dtype=np.float64)
    x = np.maximum(np.asarray(x, dtype=np.float64), np.finfo(np.float64).tiny)
    out = np.empty(np.broadcast_shapes(a.shape, x.shape))
    a, x = np.broadcast_to(a, out.shape), np.broadcast_to(x, out.shape)
    big = a >= _WILSON_HILFERTY_MIN
    if big.any():
        ab, xb = a[big], x[big]
        u = np.cbrt(xb / ab)
        z = (u - 1 + 1 / (9 * ab)) * 3 * np.sqrt(ab)
        du = 1 / (9 * ab * ab) - z / (6 * ab ** 1.5)
        out[big] = u ** 3 + 3 * ab * u * u * du
    a, x = a[~big], x[~big]
    logx = np.log(x)
    r = x / a
    psi = _polygamma_np(0, a) + 1 / a
    total = -r * (logx - psi)
    n = 1
    active = np.ones(a.shape, dtype=bool)
    while active.any() and n < 200000:
        r = r * x / (a + n)
        psi = psi + 1 / (a + n)
        term = -r * (logx - psi)
        total = total + np.where(active, term, 0.0)
        active = active & ((n < x - a + 1) | (np.abs(term) > 1e-17 * np.abs(total)))
        n += 1
    out[~big] = total
    return out


class StandardGamma(Op):
    """A Gamma(alpha, 1) sample, differentiable in alpha by implicit reparameterization."""
    node_name = "StandardGammaBackward0"

    @staticmethod
    def forward(ctx, alpha):
        a = alpha._data
        dt = a.dtype if a.dtype.kind == "f" else np.float64
        x = np.asarray(rng().standard_gamma(a.astype(np.float64))).astype(dt)
        x = np.maximum(x, np.finfo(dt).tiny)
        ctx.save_for_backward(alpha)
        ctx.sample = x
        return x

    @staticmethod
    def backward(ctx, g):
        (alpha,) = ctx.saved_tensors
        dxda = _standard_gamma_grad(alpha._data, ctx.sample).astype(ctx.sample.dtype)
        return g * autograd.Tensor._make(dxda)


def standard_gamma(concentration):
    return StandardGamma.apply(concentration)


def _gammainc_np(a, x):
    """Regularized lower incomplete gamma P(a, x), float64: series below a + 1, Lentz continued fraction above."""
    a, x = np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(x, dtype=np.float64))
    out = np.full(a.shape, np.nan)
    ok = (a > 0) & (x >= 0)
    out[ok & (x == 0)] = 0.0
    out[ok & np.isposinf(x)] = 1.0
    use_series = ok & (x > 0) & (x < a + 1)
    use_cf = ok & np.isfinite(x) & (x >= a + 1)
    if use_series.any():
        aa, xx = a[use_series], x[use_series]
        term = 1 / aa
        total = term.copy()
        ap = aa.copy()
        for _ in range(10000):
            ap = ap + 1
            term = term * xx / ap
            total = total + term
            if np.all(np.abs(term) < np.abs(total) * 1e-17):
                break
        out[use_series] = total * np.exp(-xx + aa * np.log(xx) - _lgamma_np(aa))
    if use_cf.any():
        aa, xx = a[use_cf], x[use_cf]
        tiny = 1e-300
        b = xx + 1 - aa
        c = np.full(aa.shape, 1 / tiny)
        d = 1 / b
        h = d.copy()
        for i in range(1, 10000):
            an = -i * (i - aa)
            b = b + 2
            d = an * d + b
            d = np.where(np.abs(d) < tiny, tiny, d)
            c = b + an / c
            c = np.where(np.abs(c) < tiny, tiny, c)
            d = 1 / d
            delta = d * c
            h = h * delta
            if np.all(np.abs(delta - 1) < 1e-16):
                break
        out[use_cf] = 1 - np.exp(-xx + aa * np.log(xx) - _lgamma_np(aa)) * h
    return out


class Gammainc(Op):
    """torch.special.gammainc(a, x): differentiable in ``x`` only (like torch)."""
    node_name = "IgammaBackward0"

    @staticmethod
    def forward(ctx, a, x):
        ctx.save_for_backward(a, x)
        dt = np.result_type(a._data.dtype, x._data.dtype)
        return _gammainc_np(a._data, x._data).astype(dt if dt.kind == "f" else np.float32)

    @staticmethod
    def backward(ctx, g):
        if ctx.needs_input_grad[0]:
            raise NotImplementedError("the derivative for 'igamma: input' is not implemented.")
        a, x = ctx.saved_tensors
        return None, g * ((a - 1) * x.log() - x - a.lgamma()).exp()


def gammainc(input, other):
    return Gammainc.apply(*autograd.broadcast_tensors(input, other))


def poisson(rate):
    """torch.poisson: a Poisson(rate) count per element, in ``rate``'s dtype (never requires grad)."""
    with np.errstate(all="ignore"):
        return autograd.Tensor._make(np.asarray(rng().poisson(rate._data.astype(np.float64))).astype(rate._data.dtype))


def binomial(count, prob):
    """torch.binomial: a Binomial(count, prob) count per element, in ``count``'s dtype."""
    counts = np.broadcast_to(count._data, np.broadcast_shapes(count.shape, prob.shape))
    draws = rng().binomial(counts.astype(np.int64), np.clip(prob._data.astype(np.float64), 0, 1))
    return autograd.Tensor._make(np.asarray(draws).astype(count._data.dtype))
