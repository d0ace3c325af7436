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
           "binary_cross_entropy_with_logits", "ctc_loss_forward", "ctc_loss_backward"]

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


# ---- CTC (log-space alpha/beta recursions, vectorised over the batch; loops over time only) -----------
def _ctc_states(log_probs, targets, target_lengths, blank):
    """Extended label sequences (blank, l1, blank, l2, ..., blank) padded with blanks, their log-probs
    (T, N, 2S+1), which states allow the skip transition s-2 -> s, and which states exist (s <= 2L)."""
    t_len, n, _ = log_probs.shape
    s2 = 2 * targets.shape[1] + 1
    ext = np.full((n, s2), blank, np.int64)
    real = np.arange(targets.shape[1])[None, :] < target_lengths[:, None]
    ext[:, 1::2] = np.where(real, targets, blank)
    lpe = np.take_along_axis(log_probs, np.broadcast_to(ext[None], (t_len, n, s2)), axis=2)
    skip = np.zeros((n, s2), bool)
    skip[:, 2:] = ext[:, 2:] != ext[:, :-2]
    exists = np.arange(s2)[None, :] < 2 * target_lengths[:, None] + 1
    return ext, lpe, skip, exists


def _lse3(a, b, c):
    """log(e^a + e^b + e^c) as ATen's CTC computes it (max-shifted; an all -inf max counts as 0)."""
    m = np.maximum(np.maximum(a, b), c)
    m = np.where(m == -np.inf, 0, m)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        return np.log(np.exp(a - m) + np.exp(b - m) + np.exp(c - m)) + m


def _shift(x, k, fill):
    """x moved k states along the last axis (k > 0: towards higher s), ``fill`` where nothing moves in."""
    out = np.full_like(x, fill)
    if k > 0 and x.shape[-1] > k:
        out[..., k:] = x[..., :-k]
    elif k < 0 and x.shape[-1] > -k:
        out[..., :k] = x[..., -k:]
    return out


def ctc_loss_forward(log_probs, targets, input_lengths, target_lengths, blank):
    """CTC negative log-likelihood per sample (Graves et al. 2006, eqs. 6-8, in log space).

    log_probs (T, N, C); targets padded (N, S) int64; lengths (N,) int64. Returns (nll (N,),
    log_alpha (T, N, 2S+1)); an impossible alignment has nll = inf.
    """
    t_len, n, _ = log_probs.shape
    ninf = log_probs.dtype.type(-np.inf)
    ext, lpe, skip, exists = _ctc_states(log_probs, targets, target_lengths, blank)
    s2 = ext.shape[1]
    alpha = np.full((t_len, n, s2), ninf, log_probs.dtype)
    if t_len:
        alpha[0, :, 0] = lpe[0, :, 0]
        if s2 > 1:
            alpha[0, :, 1] = np.where(target_lengths > 0, lpe[0, :, 1], ninf)
    for t in range(1, t_len):
        a = alpha[t - 1]
        a3 = np.where(skip, _shift(a, 2, ninf), ninf)
        alpha[t] = np.where(exists, _lse3(a, _shift(a, 1, ninf), a3) + lpe[t], ninf)
    nll = np.empty(n, log_probs.dtype)
    rows = np.arange(n)
    last = alpha[np.maximum(input_lengths - 1, 0), rows]
    end = 2 * target_lengths
    l1 = last[rows, end]
    l2 = np.where(target_lengths > 0, last[rows, np.maximum(end - 1, 0)], ninf)
    nll[:] = -_lse3(l1, l2, np.full_like(l1, ninf))
    empty = input_lengths == 0
    nll[empty] = np.where(target_lengths[empty] == 0, 0, np.inf)
    return nll, alpha


def ctc_loss_backward(grad_out, log_probs, targets, input_lengths, target_lengths, nll, log_alpha, blank,
                      zero_infinity):
    """Gradient of sum_n grad_out[n] * nll[n] w.r.t. the logits behind ``log_probs`` (ATen's formula, which
    assumes log_probs = log_softmax(logits)): exp(lp) - (sum of alpha*beta over states emitting c) / (p Z).

    Steps past a sample's input length get 0; an infinite loss gets 0 (zero_infinity) or NaN (as ATen).
    """
    t_len, n, c = log_probs.shape
    dt = log_probs.dtype
    ninf = dt.type(-np.inf)
    ext, lpe, skip, exists = _ctc_states(log_probs, targets, target_lengths, blank)
    s2 = ext.shape[1]
    skip_back = _shift(skip, -2, False)
    state = np.arange(s2)[None, :]
    end = 2 * target_lengths[:, None]
    start_row = exists & ((state == end) | ((state == end - 1) & (target_lengths[:, None] > 0)))
    beta = np.full((t_len, n, s2), ninf, dt)
    for t in range(t_len - 1, -1, -1):
        first = (input_lengths - 1 == t)[:, None]
        row = np.where(first & start_row, lpe[t], ninf)
        if t + 1 < t_len:
            b = beta[t + 1]
            rec = _lse3(b, _shift(b, -1, ninf), np.where(skip_back, _shift(b, -2, ninf), ninf)) + lpe[t]
            row = np.where((t < input_lengths - 1)[:, None] & exists, rec, row)
        beta[t] = row
    with np.errstate(invalid="ignore", over="ignore"):
        occupancy = np.exp(log_alpha + beta - lpe + nll[None, :, None])
    occupancy = np.where(np.isfinite(nll)[None, :, None], occupancy, 0)
    flat = (np.arange(t_len)[:, None, None] * n + np.arange(n)[None, :, None]) * c + ext[None]
    gamma = np.bincount(flat.ravel(), occupancy.ravel(), minlength=t_len * n * c).reshape(t_len, n, c)
    grad = (np.exp(log_probs) - gamma.astype(dt, copy=False)) * grad_out[None, :, None]
    inf = np.isinf(nll)
    if inf.any():
        grad[:, inf] = 0 if zero_infinity else np.nan
    grad[np.arange(t_len)[:, None] >= input_lengths[None, :]] = 0
    return grad.astype(dt, copy=False)
