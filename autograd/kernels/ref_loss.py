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

from .ref_elementwise import erf  # noqa: E402  (the library's one erf kernel: float64 to 2 ulp)


def _as(x, like):
    return np.asarray(x, dtype=like.dtype)


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


def _plain(x, weight, label_smoothing):
    """The common case (no class weights, no smoothing): fewer, cheaper NumPy passes."""
    return weight is None and label_smoothing == 0 and x.ndim == 2 and x.shape[1] > 0


def check_targets(target, c, ignore_index):
    """PyTorch's error for a class index outside ``[0, c)`` that is not ``ignore_index``."""
    bad = (target != ignore_index) & ((target < 0) | (target >= c))
    if bad.any():
        raise IndexError(f"Target {target[np.argmax(bad)]} is out of bounds.")


def cross_entropy_forward(x, target, weight, ignore_index, label_smoothing):
    """Fused stable log-softmax + NLL (+ label smoothing) per sample.

    Returns (loss_i, w[t_i], logsumexp_i); ignored samples have loss 0 and weight 0. An out-of-range
    target raises IndexError.
    """
    check_targets(target, x.shape[1], ignore_index)
    if _plain(x, weight, label_smoothing):
        m = np.maximum.reduce(x, axis=1)
        shifted = x - m[:, None]
        ls = np.log(np.add.reduce(np.exp(shifted), axis=1))
        valid = target != ignore_index
        every = valid.all()
        picked = shifted[np.arange(x.shape[0]), target if every else np.where(valid, target, 0)]
        loss = ls - picked
        if not every:
            loss[~valid] = 0
        return loss, valid.astype(x.dtype), m + ls
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
    if _plain(x, weight, label_smoothing):
        out = np.exp(x - lse[:, None])
        out *= s[:, None]
        valid = target != ignore_index
        every = valid.all()
        rows, cols = (np.arange(x.shape[0]), target) if every else (np.flatnonzero(valid), target[valid])
        out[rows, cols] -= s[rows]
        if not every:
            out[~valid] = 0
        return out.astype(x.dtype, copy=False)
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
