"""The numba backend's fused cross-entropy: logits of at least ``numba_backend.PAR_MIN`` elements in
the common case (no class weights, no label smoothing, 2-D C-contiguous float logits, int64 targets
all in range) run the row-parallel loops of ``_jit_loss``; anything else uses ``ref_loss``.
"""
import numpy as np

from . import numba_backend as _B
from . import ref_loss as ref

_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))


def _fast(x, target, weight, label_smoothing, ignore_index):
    if not (weight is None and label_smoothing == 0 and type(x) is np.ndarray and x.size >= _B.PAR_MIN
            and x.ndim == 2 and x.dtype in _FLOATS and x.flags.c_contiguous and type(target) is np.ndarray
            and target.dtype == np.int64 and target.ndim == 1 and target.flags.c_contiguous
            and target.shape[0] == x.shape[0]):
        return False
    bad = (target < 0) | (target >= x.shape[1])
    return not (bad & (target != ignore_index)).any()  # out-of-range: the reference raises its error


def cross_entropy_forward(x, target, weight, ignore_index, label_smoothing):
    if _fast(x, target, weight, label_smoothing, ignore_index):
        n = x.shape[0]
        loss, wt, lse = np.empty(n, x.dtype), np.empty(n, x.dtype), np.empty(n, x.dtype)
        _B.jit("_jit_loss").ce_forward_p(x, target, ignore_index, loss, wt, lse)
        return loss, wt, lse
    return ref.cross_entropy_forward(x, target, weight, ignore_index, label_smoothing)


def cross_entropy_backward(s, x, lse, target, weight, ignore_index, label_smoothing):
    if (_fast(x, target, weight, label_smoothing, ignore_index) and type(s) is np.ndarray and s.dtype == x.dtype
            and type(lse) is np.ndarray and lse.dtype == x.dtype and s.shape == lse.shape == x.shape[:1]):
        out = np.empty_like(x)
        _B.jit("_jit_loss").ce_backward_p(np.ascontiguousarray(s), x, np.ascontiguousarray(lse), target,
                                          ignore_index, out)
        return out
    return ref.cross_entropy_backward(s, x, lse, target, weight, ignore_index, label_smoothing)


KERNELS = {"cross_entropy_forward": cross_entropy_forward, "cross_entropy_backward": cross_entropy_backward}
