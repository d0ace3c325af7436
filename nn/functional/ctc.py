"""ctc_loss: connectionist temporal classification (ATen's ``ctc_loss``: checks, reductions, gradient).

The per-sample negative log-likelihood is one node (``CtcLossBackward0``) whose gradient is ATen's
alpha-beta formula, which assumes ``log_probs`` come from a log_softmax; reductions and ``zero_infinity``
are composed around it from Tensor ops, as ATen composes them.
"""
import numpy as np

import autograd
from autograd import kernels as K
from autograd.function import Op

from .loss import _SCALAR_NAMES, _reduction

__all__ = ["ctc_loss"]

_WHERE = " (while checking arguments for ctc_loss_allocate_outputs)"


class CtcLoss(Op):
    node_name = "CtcLossBackward0"

    @staticmethod
    def forward(ctx, log_probs, targets, input_lengths, target_lengths, blank, zero_infinity):
        nll, alpha = K.ctc_loss_forward(log_probs._data, targets, input_lengths, target_lengths, blank)
        ctx.save_for_backward(log_probs)
        ctx.args = (targets, input_lengths, target_lengths, nll, alpha, blank, zero_infinity)
        return nll

    @staticmethod
    def backward(ctx, g):
        (log_probs,) = ctx.saved_tensors
        return CtcLossGrad.apply(g, log_probs, ctx.args), None, None, None, None, None


class CtcLossGrad(Op):
    """ATen has no derivative for the CTC gradient: differentiating it again raises, as in PyTorch."""

    node_name = "NotImplemented"

    @staticmethod
    def forward(ctx, g, log_probs, args):
        targets, input_lengths, target_lengths, nll, alpha, blank, zero_infinity = args
        return K.ctc_loss_backward(g._data.astype(log_probs._data.dtype, copy=False), log_probs._data, targets,
                                   input_lengths, target_lengths, nll, alpha, blank, zero_infinity)

    @staticmethod
    def backward(ctx, gg):
        raise RuntimeError("derivative for aten::_ctc_loss_backward is not implemented")


def _lengths(input_lengths, target_lengths, got):
    """Both lengths as int64 arrays: both tensors (integral) or both int sequences, as torch's overloads."""
    if isinstance(input_lengths, autograd.Tensor) and isinstance(target_lengths, autograd.Tensor):
        for name, t in (("input_lengths", input_lengths), ("target_lengths", target_lengths)):
            if t._data.dtype.kind not in "iu":
                raise RuntimeError(f"{name} must be integral")
        return input_lengths._data.reshape(-1).astype(np.int64), target_lengths._data.reshape(-1).astype(np.int64)

    def ints(v):
        return isinstance(v, (list, tuple)) and all(isinstance(i, (int, np.integer)) and not isinstance(i, bool)
                                                    for i in v)
    if ints(input_lengths) and ints(target_lengths):
        return np.asarray(input_lengths, np.int64).reshape(-1), np.asarray(target_lengths, np.int64).reshape(-1)
    raise TypeError(f"ctc_loss() received an invalid combination of arguments - got ({got}), but expected one of:\n"
                    " * (Tensor log_probs, Tensor targets, tuple of ints input_lengths, tuple of ints target_lengths, "
                    "int blank = 0, int reduction = at::Reduction::Mean, bool zero_infinity = False)\n"
                    " * (Tensor log_probs, Tensor targets, Tensor input_lengths, Tensor target_lengths, "
                    "int blank = 0, int reduction = at::Reduction::Mean, bool zero_infinity = False)")


def _padded_targets(targets, target_lengths, n):
    """Targets as an (N, S) int64 array from either layout, with ATen's size checks."""
    tg = targets._data.astype(np.int64)
    for length in target_lengths:
        if length < 0:
            raise RuntimeError(f"Expected target_lengths to have value at least 0, but got value {length}{_WHERE}")
    longest = int(target_lengths.max()) if n else 0
    if tg.ndim == 1:
        total = int(target_lengths.sum())
        if tg.shape[0] != total:
            raise RuntimeError(f"Expected tensor to have size {total} at dimension 0, but got size {tg.shape[0]} "
                               f"for argument #2 'targets'{_WHERE}")
        out = np.zeros((n, longest), np.int64)
        starts = np.concatenate([[0], np.cumsum(target_lengths)[:-1]]).astype(np.int64)
        for i, (s, length) in enumerate(zip(starts, target_lengths)):
            out[i, :length] = tg[s:s + length]
        return out
    if tg.shape[0] != n:
        raise RuntimeError(f"Expected tensor to have size {n} at dimension 0, but got size {tg.shape[0]} "
                           f"for argument #2 'targets'{_WHERE}")
    if tg.shape[1] < longest:
        raise RuntimeError(f"Expected tensor to have size at least {longest} at dimension 1, but got size "
                           f"{tg.shape[1]} for argument #2 'targets'{_WHERE}")
    return tg


def ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False):
    """CTC loss of (T, N, C) or unbatched (T, C) log-probabilities against padded (N, S) or concatenated
    targets; ``'mean'`` divides each loss by its target length (at least 1) before averaging the batch."""
    got = ", ".join(type(a).__name__ if not isinstance(a, autograd.Tensor) else "Tensor"
                    for a in (log_probs, targets, input_lengths, target_lengths)) + ", int, int, bool"
    il, tl = _lengths(input_lengths, target_lengths, got)
    reduction = _reduction(reduction)
    batched = log_probs.dim() == 3
    lp = log_probs if batched else log_probs.unsqueeze(1)
    if lp.dim() != 3:
        raise RuntimeError(f"Expected 3-dimensional tensor, but got {lp.dim()}-dimensional tensor for argument #1 "
                           f"'log_probs'{_WHERE}")
    if not 1 <= targets.dim() <= 2:
        raise RuntimeError(f"Expected 1 to 2 dimensions, but got {targets.dim()}-dimensional tensor for argument #2 "
                           f"'targets'{_WHERE}")
    if lp._data.dtype.kind != "f":
        raise NotImplementedError(f"\"ctc_loss_cpu\" not implemented for "
                                  f"'{_SCALAR_NAMES.get(lp._data.dtype.name, lp._data.dtype.name)}'")
    t_len, n, c = lp.shape
    if not 0 <= blank < c:
        raise RuntimeError("blank must be in label range")
    if il.shape[0] != n:
        raise RuntimeError("input_lengths must be of size batch_size")
    if tl.shape[0] != n:
        raise RuntimeError("target_lengths must be of size batch_size")
    tg = _padded_targets(targets, tl, n)
    for length in il:
        if length < 0:
            raise RuntimeError(f"Expected input_lengths to have value at least 0, but got value {length}{_WHERE}")
        if length > t_len:
            raise RuntimeError(f"Expected input_lengths to have value at most {t_len}, but got value {length}{_WHERE}")
    loss = CtcLoss.apply(lp, tg, il, tl, int(blank), bool(zero_infinity))
    if zero_infinity:
        loss = autograd.where(loss == float("inf"), autograd.zeros((), dtype=loss.dtype), loss)
    if reduction == "mean":
        return (loss / autograd.from_numpy(np.maximum(tl, 1).astype(loss._data.dtype))).mean()
    if reduction == "sum":
        return loss.sum()
    return loss if batched else loss.squeeze(0)
