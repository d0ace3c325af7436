"""Jitted fused cross-entropy: log-softmax, pick and reduce in one pass per row (forward and backward).

Covers the common case (no class weights, no label smoothing, 2-D C-contiguous logits); anything
else, and out-of-range targets (so the reference raises its error), use ``ref_loss``.
"""
import math

import numpy as np

from . import ref_loss as ref
from ._numba import njit

OPTS = dict(cache=True, error_model="numpy")


@njit(**OPTS)
def ce_forward(x, target, ignore_index, loss, wt, lse):
    """Per row: lse = max + log(sum(exp(x - max))); loss = -(x[t] - max - log(sum)). Returns 0, or 1 on a bad target."""
    n, c = x.shape
    zero = x.dtype.type(0)
    for i in range(n):
        m = x[i, 0]
        for j in range(1, c):
            v = x[i, j]
            if v > m or v != v:
                m = v
        s = zero
        for j in range(c):
            s += math.exp(x[i, j] - m)
        ls = math.log(s)
        lse[i] = m + ls
        t = target[i]
        if t == ignore_index:
            loss[i] = zero
            wt[i] = zero
        elif t < 0 or t >= c:
            return 1
        else:
            loss[i] = -((x[i, t] - m) - ls)
            wt[i] = 1
    return 0


@njit(**OPTS)
def ce_backward(s, x, lse, target, ignore_index, out):
    n, c = x.shape
    for i in range(n):
        t = target[i]
        if t == ignore_index:
            for j in range(c):
                out[i, j] = 0
            continue
        si, li = s[i], lse[i]
        for j in range(c):
            p = math.exp(x[i, j] - li)
            out[i, j] = si * (p - 1) if j == t else si * p


def _fast(x, target, weight, label_smoothing):
    return (weight is None and label_smoothing == 0 and type(x) is np.ndarray and x.ndim == 2 and x.shape[1] > 0
            and x.dtype.kind == "f" and x.flags.c_contiguous and target.dtype == np.int64 and target.ndim == 1
            and target.flags.c_contiguous)


def cross_entropy_forward(x, target, weight, ignore_index, label_smoothing):
    if _fast(x, target, weight, label_smoothing):
        n = x.shape[0]
        loss, wt, lse = np.empty(n, x.dtype), np.empty(n, x.dtype), np.empty(n, x.dtype)
        if ce_forward(x, target, ignore_index, loss, wt, lse) == 0:
            return loss, wt, lse
    return ref.cross_entropy_forward(x, target, weight, ignore_index, label_smoothing)


def cross_entropy_backward(s, x, lse, target, weight, ignore_index, label_smoothing):
    if (_fast(x, target, weight, label_smoothing) and s.dtype == x.dtype and lse.dtype == x.dtype
            and s.ndim == 1 and lse.ndim == 1):
        out = np.empty_like(x)
        ce_backward(np.ascontiguousarray(s), x, np.ascontiguousarray(lse), target, ignore_index, out)
        return out
    return ref.cross_entropy_backward(s, x, lse, target, weight, ignore_index, label_smoothing)


KERNELS = {"cross_entropy_forward": cross_entropy_forward, "cross_entropy_backward": cross_entropy_backward}
