"""The numba backend's fused cross-entropy, in the common case (no class weights, no label smoothing,
2-D C-contiguous float logits, int64 targets) on logits of at least ``numba_backend.PAR_MIN`` elements:
the row-parallel loops of ``_jit_loss``. Anything else, and any out-of-range target, goes to ``ref_loss``
(which raises for the latter).

The loops do not round exactly as the NumPy reference (their exp is in double precision), so unlike the
optimizer updates they are never switched on by use: the path depends on the operands alone, and a run
resumed from a checkpoint computes exactly what an uninterrupted one would.
"""
import numpy as np

from . import numba_backend as _B
from . import ref_loss as ref

_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))
_I64 = np.dtype(np.int64)


def _loop(name, x, target, weight, label_smoothing):
    """The jitted loop (``name + '_p'`` or ``name + '_s'``) for these operands, or None (the reference)."""
    if not (weight is None and label_smoothing == 0 and type(x) is np.ndarray and x.ndim == 2
            and x.dtype in _FLOATS and x.flags.c_contiguous and type(target) is np.ndarray
            and target.dtype is _I64 and target.ndim == 1 and target.shape[0] == x.shape[0] and x.size):
        return None
    if x.size < _B.PAR_MIN:
        return None
    return _B.loop("_jit_loss", name, True)


def cross_entropy_forward(x, target, weight, ignore_index, label_smoothing):
    loop = _loop("ce_forward", x, target, weight, label_smoothing)
    if loop is not None:
        n = x.shape[0]
        loss, wt, lse = np.empty(n, x.dtype), np.empty(n, x.dtype), np.empty(n, x.dtype)
        if loop(x, np.ascontiguousarray(target), ignore_index, loss, wt, lse) == 0:
            return loss, wt, lse
    return ref.cross_entropy_forward(x, target, weight, ignore_index, label_smoothing)


def cross_entropy_backward(s, x, lse, target, weight, ignore_index, label_smoothing):
    loop = _loop("ce_backward", x, target, weight, label_smoothing)
    if (loop is not None and type(s) is np.ndarray and s.dtype == x.dtype and type(lse) is np.ndarray
            and lse.dtype == x.dtype and s.shape == lse.shape == x.shape[:1]):
        out = np.empty_like(x)
        loop(np.ascontiguousarray(s), x, np.ascontiguousarray(lse), np.ascontiguousarray(target), ignore_index, out)
        return out
    return ref.cross_entropy_backward(s, x, lse, target, weight, ignore_index, label_smoothing)


KERNELS = {"cross_entropy_forward": cross_entropy_forward, "cross_entropy_backward": cross_entropy_backward}
