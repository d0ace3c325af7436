"""Parallel jitted fused cross-entropy over the rows of (N, C) logits: log-softmax, pick and reduce in
one pass per row (forward and backward). ``numba_loss`` checks the targets before calling them.
"""
import math

from ._numba import EXACT, njit, prange


@njit(parallel=True, **EXACT)
def ce_forward_p(x, target, ignore_index, loss, wt, lse):
    """Per row: lse = max + log(sum(exp(x - max))); loss = -(x[t] - max - log(sum))."""
    n, c = x.shape
    zero, one = x.dtype.type(0), x.dtype.type(1)
    for i in prange(n):
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
        else:
            loss[i] = -((x[i, t] - m) - ls)
            wt[i] = one


@njit(parallel=True, **EXACT)
def ce_backward_p(s, x, lse, target, ignore_index, out):
    n, c = x.shape
    zero, one = x.dtype.type(0), x.dtype.type(1)
    for i in prange(n):
        t = target[i]
        if t == ignore_index:
            for j in range(c):
                out[i, j] = zero
            continue
        si, li = s[i], lse[i]
        for j in range(c):
            p = math.exp(x[i, j] - li)
            out[i, j] = si * (p - one) if j == t else si * p
