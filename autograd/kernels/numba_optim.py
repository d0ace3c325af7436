"""Jitted fused optimizer updates: one pass over param, grad and state (the NumPy rules take 6-12).

Same names, signatures and operation order as ``ref_optim`` (hyperparameters are cast to the
parameter dtype first, as NumPy's weak Python scalars are there, and no FMA contraction), so
results agree with the reference to rounding. Non-contiguous or mixed-dtype arrays use the reference.
"""
import math

import numpy as np

from . import ref_optim as ref
from ._numba import PAR_MIN, njit, prange

EXACT = dict(cache=True, error_model="numpy")


@njit(inline="always", **EXACT)
def _adam_at(i, p, g, m, v, vmax, wd, decay, w1, small, omw1, b2, omb2, neg_step, bc2, eps, amsgrad,
             maximize, decoupled):
    gi = -g[i] if maximize else g[i]
    if wd != 0:
        if decoupled:
            p[i] = p[i] * decay
        else:
            gi = gi + wd * p[i]
    mi = m[i]
    mi = mi + w1 * (gi - mi) if small else gi - (gi - mi) * omw1
    m[i] = mi
    vi = v[i] * b2
    vi = vi + omb2 * gi * gi
    v[i] = vi
    if amsgrad:
        vm = vmax[i]
        vm = vi if (vi > vm or vi != vi) else vm
        vmax[i] = vm
        d = math.sqrt(vm) / bc2
    else:
        d = math.sqrt(vi) / bc2
    d = d + eps
    p[i] = p[i] + neg_step * mi / d


@njit(**EXACT)
def adam_s(p, g, m, v, vmax, wd, decay, w1, small, omw1, b2, omb2, neg_step, bc2, eps, amsgrad, maximize,
           decoupled):
    for i in range(p.size):
        _adam_at(i, p, g, m, v, vmax, wd, decay, w1, small, omw1, b2, omb2, neg_step, bc2, eps, amsgrad,
                 maximize, decoupled)


@njit(parallel=True, **EXACT)
def adam_p(p, g, m, v, vmax, wd, decay, w1, small, omw1, b2, omb2, neg_step, bc2, eps, amsgrad, maximize,
           decoupled):
    for i in prange(p.size):
        _adam_at(i, p, g, m, v, vmax, wd, decay, w1, small, omw1, b2, omb2, neg_step, bc2, eps, amsgrad,
                 maximize, decoupled)


@njit(inline="always", **EXACT)
def _sgd_at(i, p, g, buf, neg_lr, momentum, omd, wd, nesterov, maximize, first):
    gi = -g[i] if maximize else g[i]
    if wd != 0:
        gi = gi + wd * p[i]
    if momentum != 0:
        if first:
            b = gi
        else:
            b = buf[i] * momentum
            b = b + omd * gi
        buf[i] = b
        gi = gi + momentum * b if nesterov else b
    p[i] = p[i] + neg_lr * gi


@njit(**EXACT)
def sgd_s(p, g, buf, neg_lr, momentum, omd, wd, nesterov, maximize, first):
    for i in range(p.size):
        _sgd_at(i, p, g, buf, neg_lr, momentum, omd, wd, nesterov, maximize, first)


@njit(parallel=True, **EXACT)
def sgd_p(p, g, buf, neg_lr, momentum, omd, wd, nesterov, maximize, first):
    for i in prange(p.size):
        _sgd_at(i, p, g, buf, neg_lr, momentum, omd, wd, nesterov, maximize, first)


def _ok(*arrays):
    """All arrays C-contiguous float of one dtype and shape (else the reference kernel runs)."""
    a0 = arrays[0]
    if type(a0) is not np.ndarray or a0.dtype.kind != "f" or not a0.flags.c_contiguous:
        return False
    for a in arrays[1:]:
        if type(a) is not np.ndarray or a.dtype != a0.dtype or a.shape != a0.shape or not a.flags.c_contiguous:
            return False
    return True


def adam_update(param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq, step, lr, beta1, beta2, eps,
                weight_decay, amsgrad, maximize, decoupled):
    vmax = max_exp_avg_sq if amsgrad else exp_avg_sq
    if not _ok(param, grad, exp_avg, exp_avg_sq, vmax) or not param.flags.writeable:
        return ref.adam_update(param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq, step, lr, beta1, beta2, eps,
                               weight_decay, amsgrad, maximize, decoupled)
    t = param.dtype.type
    w1 = t(1 - beta1)
    step_size = lr / (1 - beta1 ** step)
    bc2 = (1 - beta2 ** step) ** 0.5
    fn = adam_p if param.size >= PAR_MIN else adam_s
    fn(param.reshape(-1), grad.reshape(-1), exp_avg.reshape(-1), exp_avg_sq.reshape(-1), vmax.reshape(-1),
       t(weight_decay), t(1 - lr * weight_decay), w1, bool(abs(w1) < 0.5), t(1 - w1), t(beta2), t(1 - beta2),
       t(-step_size), t(bc2), t(eps), bool(amsgrad), bool(maximize), bool(decoupled))


def sgd_update(param, grad, buf, lr, momentum, dampening, weight_decay, nesterov, maximize, first):
    b = buf if momentum != 0 else param
    if not _ok(param, grad, b) or not param.flags.writeable:
        return ref.sgd_update(param, grad, buf, lr, momentum, dampening, weight_decay, nesterov, maximize, first)
    t = param.dtype.type
    fn = sgd_p if param.size >= PAR_MIN else sgd_s
    fn(param.reshape(-1), grad.reshape(-1), b.reshape(-1), t(-lr), t(momentum), t(1 - dampening), t(weight_decay),
       bool(nesterov), bool(maximize), bool(first))


KERNELS = {"adam_update": adam_update, "sgd_update": sgd_update,
           "rmsprop_update": ref.rmsprop_update, "adagrad_update": ref.adagrad_update}
