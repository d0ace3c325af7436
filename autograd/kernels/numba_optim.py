"""The numba backend's optimizer updates: parameters of at least ``numba_backend.PAR_MIN`` elements
run the one-pass parallel loops of ``_jit_optim``, smaller ones its serial loops once the update is hot
(``numba_backend.hot``: parameters of ``SERIAL_MIN`` elements or more count towards it, so that tiny
models never load Numba for their updates); cold updates and non-contiguous, read-only or mixed-dtype
arrays take the NumPy reference (same operations in the same order: identical results).
"""
import sys

import numpy as np

from . import numba_backend as _B
from . import ref_optim as ref

_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))


def _loop(name, *arrays):
    """The jitted loop for these arrays (``name + '_p'`` parallel or ``name + '_s'`` serial), or None
    where the reference runs: cold updates, non-contiguous, read-only or mixed arrays."""
    a0 = arrays[0]
    if type(a0) is not np.ndarray:
        return None
    size = a0.size
    parallel = size >= _B.PAR_MIN
    if not parallel and not (_B.hot(name) if size >= _B.SERIAL_MIN else "numba" in sys.modules):
        return None
    dtype, shape = a0.dtype, a0.shape
    if dtype not in _FLOATS or not a0.flags.writeable:
        return None
    for a in arrays:
        if type(a) is not np.ndarray or a.dtype is not dtype or a.shape != shape or not a.flags.c_contiguous:
            return None
    return _B.loop("_jit_optim", name, parallel)


def adam_update(param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq, step, lr, beta1, beta2, eps,
                weight_decay, amsgrad, maximize, decoupled):
    vmax = max_exp_avg_sq if amsgrad else exp_avg_sq
    loop = _loop("adam", param, grad, exp_avg, exp_avg_sq, vmax)
    if loop is None:
        return ref.adam_update(param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq, step, lr, beta1, beta2, eps,
                               weight_decay, amsgrad, maximize, decoupled)
    loop(param.ravel(), grad.ravel(), exp_avg.ravel(), exp_avg_sq.ravel(), vmax.ravel(),
         float(weight_decay), float(1 - lr * weight_decay), float(1 - beta1), float(beta2), float(1 - beta2),
         float(-(lr / (1 - beta1 ** step))), float((1 - beta2 ** step) ** 0.5), float(eps),
         bool(amsgrad), bool(maximize), bool(decoupled))


def sgd_update(param, grad, buf, lr, momentum, dampening, weight_decay, nesterov, maximize, first):
    b = buf if momentum != 0 else param
    loop = _loop("sgd", param, grad, b)
    if loop is None:
        return ref.sgd_update(param, grad, buf, lr, momentum, dampening, weight_decay, nesterov, maximize, first)
    loop(param.ravel(), grad.ravel(), b.ravel(), float(-lr), float(momentum), float(1 - dampening),
         float(weight_decay), bool(nesterov), bool(maximize), bool(first))


KERNELS = {"adam_update": adam_update, "sgd_update": sgd_update,
           "rmsprop_update": ref.rmsprop_update, "adagrad_update": ref.adagrad_update}
