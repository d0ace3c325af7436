"""Reference NumPy kernels of nn-core: fused losses and the parametrised activation functions.

Every loss kernel works on a flat (M, C) layout (class dim last) or elementwise on broadcast arrays;
the ops in ``nn/functional`` move dims and apply reductions around them.
"""
import math

import numpy as np

__all__ = ["leaky_relu", "elu", "gelu", "gelu_backward", "silu", "mish", "softplus", "hardtanh", "logsigmoid",
           "hardswish", "hardsigmoid", "softshrink", "hardshrink", "threshold", "erf",
           "cross_entropy_forward", "cross_entropy_backward", "ce_grad_terms", "nll_loss_forward", "nll_loss_backward",
           "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "kl_div", "binary_cross_entropy",
           "binary_cross_entropy_with_logits"]

_SQRT1_2 = 1.0 / math.sqrt(2.0)
_SQRT_2_PI = math.sqrt(2.0 / math.pi)

# W. J. Cody's rational approximations (netlib specfun CALERF): erf to ~1 ulp in float64.
_A = (3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03,
      1.85777706184603153e-1)
_B = (2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03)
_C = (5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02,
      8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
      2.15311535474403846e-8)
_D = (1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03,
      3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03)
_P = (3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2,
      6.58749161529837803e-4, 1.63153871373020978e-2)
_Q = (2.56852019228982242e00, 1.87295284992346725e00, 5.27905102951428412e-1, 6.05183413124413191e-2,
      2.33520497626869185e-3)


def _as(x, like):
    return np.asarray(x, dtype=like.dtype)


def _rational(y, num_c, den_c, lead):
    """(((lead*y + n0)*y + n1)...)/((y + d0)*y + ...), Horner form of Cody's ratios."""
    num, den = lead * y, y
    for n, d in zip(num_c, den_c):
        num, den = (num + n) * y, (den + d) * y
    return num, den


def _erfc_tail(y, r):
    ys = np.trunc(y * 16.0) / 16.0  # split exp(-y^2) to keep its relative accuracy
    return np.exp(-ys * ys) * np.exp(-(y - ys) * (y + ys)) * r


def erf(x):
    """Vectorised error function (float64 accuracy, NaN-propagating)."""
    xd = np.asarray(x, dtype=np.float64)
    y = np.abs(xd)
    out = np.empty_like(xd)
    small = y <= 0.46875
    mid = (y > 0.46875) & (y <= 4.0)
    big = ~(small | mid)
    z = y[small] ** 2
    num, den = _rational(z, _A[:3], _B[:3], _A[4])
    out[small] = xd[small] * (num + _A[3]) / (den + _B[3])
    ym = y[mid]
    num, den = _rational(ym, _C[:7], _D[:7], _C[8])
    out[mid] = _erfc_tail(ym, (num + _C[7]) / (den + _D[7]))
    yb = np.minimum(y[big], 27.0)
    zb = 1.0 / (yb * yb)
    num, den = _rational(zb, _P[:4], _Q[:4], _P[5])
    out[big] = _erfc_tail(yb, (0.56418958354775628695 - zb * (num + _P[4]) / (den + _Q[4])) / yb)
    rest = ~small
    out[rest] = np.copysign(1.0 - out[rest], xd[rest])
    return _as(out, x)


# ---- activations ---------------------------------------------------------------------------------
def leaky_relu(x, slope):
    return _as(np.where(x > 0, x, x * slope), x)


def elu(x, alpha, scale, input_scale):
    neg = np.expm1(np.minimum(x, 0) * input_scale) * alpha
    return _as(np.where(x > 0, x, neg) * scale, x)


def gelu(x, approximate):
    if approximate == "tanh":
        return _as(0.5 * x * (1 + np.tanh(_SQRT_2_PI * (x + 0.044715 * x * x * x))), x)
    return _as(0.5 * x * (1 + erf(x * _SQRT1_2)), x)


def gelu_backward(g, x, approximate):
    if approximate == "tanh":
        inner = _SQRT_2_PI * (x + 0.044715 * x * x * x)
        t = np.tanh(inner)
        d = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * _SQRT_2_PI * (1 + 3 * 0.044715 * x * x)
    else:
        cdf = 0.5 * (1 + erf(x * _SQRT1_2))
        d = cdf + x * np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)
    return _as(g * d, g)


def _sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def silu(x):
    return _as(x * _sigmoid(x), x)


def _softplus(x):
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def mish(x):
    return _as(x * np.tanh(_softplus(x)), x)


def softplus(x, beta, threshold):
    bx = x * beta
    return _as(np.where(bx > threshold, x, _softplus(bx) / beta), x)


def hardtanh(x, lo, hi):
    return _as(np.clip(x, lo, hi), x)


def logsigmoid(x):
    return _as(-_softplus(-x), x)


def hardswish(x):
    return _as(x * np.clip(x + 3, 0, 6) / 6, x)


def hardsigmoid(x):
    return _as(np.clip(x + 3, 0, 6) / 6, x)


def softshrink(x, lambd):
    return _as(np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, 0)), x)


def hardshrink(x, lambd):
    return _as(np.where(np.abs(x) > lambd, x, 0), x)


def threshold(x, th, value):
    return _as(np.where(x > th, x, value), x)


# ---- class-index losses on (M, C) logits -----------------------------------------------------------
def _target_weights(target, weight, ignore_index, dtype):
    """Per-sample weight w[t_i] (0 where t_i == ignore_index) and the targets made safe for indexing."""
    valid = target != ignore_index
    safe = np.where(valid, target, 0)
    wt = (weight[safe] if weight is not None else np.ones(target.shape, dtype)) * valid
    return wt.astype(dtype, copy=False), safe


def nll_loss_forward(logp, target, weight, ignore_index):
    """-w[t_i] * logp[i, t_i] per sample, and w[t_i] (both 0 for ignored samples)."""
    wt, safe = _target_weights(target, weight, ignore_index, logp.dtype)
    picked = np.take_along_axis(logp, safe[:, None], axis=1)[:, 0]
    return -wt * picked, wt


def nll_loss_backward(s, target, weight, ignore_index, num_classes):
    """Gradient of sum_i s_i * nll_i w.r.t. logp: -s_i * w[t_i] at (i, t_i), zero elsewhere."""
    wt, safe = _target_weights(target, weight, ignore_index, s.dtype)
    out = np.zeros((target.shape[0], num_classes), dtype=s.dtype)
    np.put_along_axis(out, safe[:, None], (-s * wt)[:, None], axis=1)
    return out


def cross_entropy_forward(x, target, weight, ignore_index, label_smoothing):
    """Fused stable log-softmax + NLL (+ label smoothing) per sample.

    Returns (loss_i, w[t_i], logsumexp_i); ignored samples have loss 0 and weight 0.
    """
    m = np.max(x, axis=1, keepdims=True) if x.shape[1] else np.zeros((x.shape[0], 1), x.dtype)
    shifted = x - m
    lse = np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    logp = shifted - lse
    loss, wt = nll_loss_forward(logp, target, weight, ignore_index)
    if label_smoothing > 0:
        c = x.shape[1]
        smooth = -(logp @ weight if weight is not None else logp.sum(1)) * (target != ignore_index)
        loss = (1 - label_smoothing) * loss + (label_smoothing / c) * smooth
    return loss.astype(x.dtype, copy=False), wt, (m + lse)[:, 0].astype(x.dtype, copy=False)


def cross_entropy_backward(s, x, lse, target, weight, ignore_index, label_smoothing):
    """d(sum_i s_i * loss_i)/dx = s_i * (p_i * A_i - B_i), p = softmax(x) (terms: ``ce_grad_terms``)."""
    c = x.shape[1]
    e = label_smoothing
    wt, safe = _target_weights(target, weight, ignore_index, x.dtype)
    valid = (target != ignore_index).astype(x.dtype)
    w_sum = weight.sum() if weight is not None else c
    a = (1 - e) * wt + (e / c) * w_sum * valid
    out = np.exp(x - lse[:, None]) * (s * a)[:, None]
    picked = np.take_along_axis(out, safe[:, None], axis=1)
    np.put_along_axis(out, safe[:, None], picked - (s * (1 - e) * wt)[:, None], axis=1)
    if e > 0:
        out -= (e / c) * (s * valid)[:, None] * (weight[None, :] if weight is not None else 1.0)
    return out.astype(x.dtype, copy=False)


def ce_grad_terms(target, weight, ignore_index, label_smoothing, c, dtype):
    """A_i = (1-e) w[t_i] + e/C sum(w);  B_i = (1-e) w[t_i] onehot(t_i) + e/C w  (0 rows when ignored)."""
    wt, safe = _target_weights(target, weight, ignore_index, dtype)
    e = label_smoothing
    valid = (target != ignore_index).astype(dtype)
    w = weight if weight is not None else np.ones(c, dtype)
    a = (1 - e) * wt + (e / c) * w.sum() * valid
    b = np.zeros((target.shape[0], c), dtype)
    np.put_along_axis(b, safe[:, None], ((1 - e) * wt)[:, None], axis=1)
    if e > 0:
        b += (e / c) * w[None, :] * valid[:, None]
    return a.astype(dtype, copy=False), b


# ---- elementwise losses (input and target already broadcast) --------------------------------------
def mse_loss(x, t):
    d = x - t
    return d * d


def l1_loss(x, t):
    return np.abs(x - t)


def smooth_l1_loss(x, t, beta):
    d = np.abs(x - t)
    if beta == 0:
        return d
    return _as(np.where(d < beta, 0.5 * d * d / beta, d - 0.5 * beta), d)


def huber_loss(x, t, delta):
    d = np.abs(x - t)
    return _as(np.where(d < delta, 0.5 * d * d, delta * (d - 0.5 * delta)), d)


def kl_div(x, t, log_target):
    if log_target:
        return np.exp(t) * (t - x)
    with np.errstate(divide="ignore", invalid="ignore"):
        xlogy = np.where(t == 0, 0, t * np.log(np.where(t == 0, 1, t)))
    return _as(np.where(np.isnan(t), np.nan, xlogy - t * x), x)


def binary_cross_entropy(x, t):
    with np.errstate(divide="ignore"):
        lx = np.maximum(np.log(x), -100)
        l1x = np.maximum(np.log1p(-x), -100)
    return _as(-(t * lx + (1 - t) * l1x), x)


def binary_cross_entropy_with_logits(x, t, pos_weight):
    sp = np.maximum(-x, 0) + np.log1p(np.exp(-np.abs(x)))  # softplus(-x), stable
    lw = 1 if pos_weight is None else (pos_weight - 1) * t + 1
    return _as((1 - t) * x + lw * sp, x)
