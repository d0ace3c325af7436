"""Gamma-function ops the distributions need: the standard Gamma sampler with its implicit-reparameterization
gradient (torch._standard_gamma), the regularized lower incomplete gamma (torch.special.gammainc), and the
Poisson/Binomial samplers (torch.poisson / torch.binomial). Sampling reproduces torch's CPU samplers on
the stream (autograd/random.py)."""
import numpy as np

import autograd
from autograd.function import Op
from autograd.ops.pointwise import _polygamma_np
from autograd.ops.special import igamma
from autograd.random import generator

__all__ = ["standard_gamma", "gammainc", "poisson", "binomial"]

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
        x = generator().gamma(a.astype(dt))  # torch's sampler on the stream: the same values after manual_seed
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


def gammainc(input, other):
    """Regularized lower incomplete gamma P(a, x) (``torch.special.gammainc``, differentiable in x only)."""
    return igamma(*autograd.broadcast_tensors(input, other))


def poisson(rate):
    """torch.poisson: a Poisson(rate) count per element, in ``rate``'s dtype (never requires grad)."""
    return autograd.Tensor._make(generator().poisson(rate._data))


def binomial(count, prob):
    """torch.binomial: a Binomial(count, prob) count per element, in ``count``'s dtype."""
    return autograd.Tensor._make(generator().binomial(count._data, prob._data).astype(count._data.dtype))
