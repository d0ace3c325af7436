"""Jitted fused cross-entropy over the rows of (N, C) logits, in parallel over the rows: log-softmax,
pick and reduce in one pass per row (forward and backward). The forward counts targets
outside ``[0, C)`` (other than ``ignore_index``) and leaves their rows unread; ``numba_loss`` then hands
the call to the reference, which raises.
"""
import math

from ._numba import EXACT, njit, prange


@njit(inline="always", **EXACT)
def _forward_row(x, target, ignore_index, loss, wt, lse, i):
    """Row i: lse = max + log(sum(exp(x - max))); loss = -(x[t] - max - log(sum)). Returns 1 for a bad target."""
    c = x.shape[1]
    zero, one = x.dtype.type(0), x.dtype.type(1)
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
        loss[i] = zero
        wt[i] = zero
        return 1
    else:
        loss[i] = -((x[i, t] - m) - ls)
        wt[i] = one
    return 0


@njit(parallel=True, **EXACT)
def ce_forward_p(x, target, ignore_index, loss, wt, lse):
    bad = 0
    for i in prange(x.shape[0]):
        bad += _forward_row(x, target, ignore_index, loss, wt, lse, i)
    return bad


@njit(inline="always", **EXACT)
def _backward_row(s, x, lse, target, ignore_index, out, i):
    """Row i of d(sum_i s_i * loss_i)/dx: s_i * (softmax(x_i) - onehot(t_i)); zeros for ignored targets."""
    c = x.shape[1]
    zero, one = x.dtype.type(0), x.dtype.type(1)
    t = target[i]
    if t == ignore_index:
        for j in range(c):
            out[i, j] = zero
        return
    si, li = s[i], lse[i]
    for j in range(c):
        p = math.exp(x[i, j] - li)
        out[i, j] = si * (p - one) if j == t else si * p


@njit(parallel=True, **EXACT)
def ce_backward_p(s, x, lse, target, ignore_index, out):
    for i in prange(x.shape[0]):
        _backward_row(s, x, lse, target, ignore_index, out, i)
