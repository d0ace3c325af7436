"""The numba backend's optimizer updates: parameters of at least ``numba_backend.PAR_MIN`` elements
run the one-pass parallel loops of ``_jit_optim``, mid-sized ones (``SERIAL_MIN`` and up) its serial
loops once the update is hot (``numba_backend.hot``); smaller ones, and non-contiguous, read-only or
mixed-dtype arrays, take the NumPy reference (same operations in the same order: identical results).
"""
import numpy as np

from . import numba_backend as _B
from . import ref_optim as ref

_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))


def _loop(name, *arrays):
    """The jitted loop for these arrays (``name + '_p'`` parallel or ``name + '_s'`` serial), or None
    where the reference runs: small or cold updates, non-contiguous, read-only or mixed arrays."""
    a0 = arrays[0]
    if type(a0) is not np.ndarray or a0.size < _B.SERIAL_MIN:
        return None
    parallel = a0.size >= _B.PAR_MIN
    if (a0.dtype not in _FLOATS or not (a0.flags.c_contiguous and a0.flags.writeable)
            or not (parallel or _B.hot(name))):
        return None
    for a in arrays[1:]:
        if type(a) is not np.ndarray or a.dtype != a0.dtype or a.shape != a0.shape or not a.flags.c_contiguous:
            return None
    return getattr(_B.jit("_jit_optim"), name + ("_p" if parallel else "_s"))


def adam_update(param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq, step, lr, beta1, beta2, eps,
                weight_decay, amsgrad, maximize, decoupled):
    vmax = max_exp_avg_sq if amsgrad else exp_avg_sq
    loop = _loop("adam", param, grad, exp_avg, exp_avg_sq, vmax)
    if loop is None:
        return ref.adam_update(param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq, step, lr, beta1, beta2, eps,
                               weight_decay, amsgrad, maximize, decoupled)
    t = param.dtype.type
    w1 = t(1 - beta1)
    step_size = lr / (1 - beta1 ** step)
    bc2 = (1 - beta2 ** step) ** 0.5
    loop(
        param.reshape(-1), grad.reshape(-1), exp_avg.reshape(-1), exp_avg_sq.reshape(-1), vmax.reshape(-1),
        t(weight_decay), t(1 - lr * weight_decay), w1, bool(abs(w1) < 0.5), t(1 - w1), t(beta2), t(1 - beta2),
        t(-step_size), t(bc2), t(eps), bool(amsgrad), bool(maximize), bool(decoupled))


def sgd_update(param, grad, buf, lr, momentum, dampening, weight_decay, nesterov, maximize, first):
    b = buf if momentum != 0 else param
    loop = _loop("sgd", param, grad, b)
    if loop is None:
        return ref.sgd_update(param, grad, buf, lr, momentum, dampening, weight_decay, nesterov, maximize, first)
    t = param.dtype.type
    loop(param.reshape(-1), grad.reshape(-1), b.reshape(-1), t(-lr), t(momentum),
                               t(1 - dampening), t(weight_decay), bool(nesterov), bool(maximize), bool(first))


KERNELS = {"adam_update": adam_update, "sgd_update": sgd_update,
           "rmsprop_update": ref.rmsprop_update, "adagrad_update": ref.adagrad_update}
