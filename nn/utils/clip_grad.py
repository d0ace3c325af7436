"""Gradient clipping (``torch.nn.utils.clip_grad_norm_`` / ``clip_grad_value_``), in place on ``.grad``."""
import math

import numpy as np

from autograd.grad_mode import no_grad
from autograd.tensor import Tensor

__all__ = ["clip_grad_norm_", "clip_grad_norm", "clip_grad_value_", "get_total_norm", "clip_grads_with_norm_"]


def _as_list(parameters):
    return [parameters] if isinstance(parameters, Tensor) else list(parameters)


def _vector_norm(arr, p):
    a = np.abs(arr.astype(np.float64, copy=False)).ravel()
    if p == math.inf:
        return a.max() if a.size else 0.0
    if p == -math.inf:
        return a.min() if a.size else math.inf
    if p == 0:
        return float(np.count_nonzero(a))
    if p == 1:
        return a.sum()
    if p == 2:
        return math.sqrt(np.dot(a, a))
    return (a ** p).sum() ** (1.0 / p)


def get_total_norm(tensors, norm_type=2.0, error_if_nonfinite=False, foreach=None):
    """The ``norm_type`` norm of all tensors together (the norm of their per-tensor norms)."""
    tensors = _as_list(tensors)
    if not tensors:
        return Tensor._make(np.asarray(0.0, dtype=np.float32))
    p = float(norm_type)
    norms = [_vector_norm(t._data, p) for t in tensors]
    total = _vector_norm(np.asarray(norms), p)
    dt = np.result_type(*[t._data.dtype for t in tensors])
    if error_if_nonfinite and not math.isfinite(total):
        raise RuntimeError(f"The total norm of order {p} for gradients from `parameters` is non-finite, so it "
                           "cannot be clipped. To disable this error and scale the gradients by the non-finite "
                           "norm anyway, set `error_if_nonfinite=False`")
    return Tensor._make(np.asarray(total, dtype=dt))


def clip_grads_with_norm_(parameters, max_norm, total_norm, foreach=None):
    """Scale every gradient by ``min(1, max_norm / (total_norm + 1e-6))``."""
    grads = [p._grad for p in _as_list(parameters) if p._grad is not None]
    if not grads:
        return
    tn = float(total_norm.item() if isinstance(total_norm, Tensor) else total_norm)
    coef = min(float(max_norm) / (tn + 1e-6), 1.0) if not math.isnan(tn) else math.nan
    with no_grad():
        for g in grads:
            g._data[...] = g._data * np.asarray(coef, dtype=g._data.dtype)
            g._version_counter[0] += 1


def clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None):
    """Rescale gradients so their total norm is at most ``max_norm``; returns the total norm before clipping."""
    parameters = _as_list(parameters)
    grads = [p._grad for p in parameters if p._grad is not None]
    total = get_total_norm(grads, norm_type, error_if_nonfinite, foreach)
    clip_grads_with_norm_(parameters, max_norm, total, foreach)
    return total


def clip_grad_norm(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None):
    import warnings
    warnings.warn("`torch.nn.utils.clip_grad_norm` is now deprecated in favor of "
                  "`torch.nn.utils.clip_grad_norm_`.", FutureWarning, stacklevel=2)
    return clip_grad_norm_(parameters, max_norm, norm_type, error_if_nonfinite, foreach)


def clip_grad_value_(parameters, clip_value, foreach=None):
    """Clamp every gradient element into ``[-clip_value, clip_value]`` in place."""
    clip_value = float(clip_value)
    with no_grad():
        for p in _as_list(parameters):
            g = p._grad
            if g is not None:
                np.clip(g._data, -clip_value, clip_value, out=g._data)
                g._version_counter[0] += 1
