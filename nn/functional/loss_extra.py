"""Margin, ranking, embedding and likelihood losses (margin_ranking, hinge_embedding, soft_margin,
cosine_embedding, triplet_margin, poisson_nll, gaussian_nll, multi_margin, multilabel_margin,
multilabel_soft_margin).

Each is composed from Tensor ops following ATen's formula, so gradients come from the tape and the
result's grad_fn is the one PyTorch shows (``MeanBackward0`` for a mean reduction, ...).
"""
import math

import numpy as np

import autograd
from autograd._dtype import type_name
from autograd.function import Op

from .activation import logsigmoid
from .distance import pairwise_distance
from .loss import _dtype_name, _reduction, _warn_size, check_broadcast

__all__ = ["margin_ranking_loss", "hinge_embedding_loss", "soft_margin_loss", "cosine_embedding_loss",
           "triplet_margin_loss", "triplet_margin_with_distance_loss", "poisson_nll_loss", "gaussian_nll_loss",
           "multi_margin_loss", "multilabel_margin_loss", "multilabel_soft_margin_loss"]


def _apply_reduction(loss, reduction):
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def margin_ranking_loss(input1, input2, target, margin=0.0, size_average=None, reduce=None, reduction="mean"):
    if input1.ndim != input2.ndim or input1.ndim != target.ndim:
        raise RuntimeError(f"margin_ranking_loss : All input tensors should have same dimension but got sizes: "
                           f"input1: {input1.shape}, input2: {input2.shape}, target: {target.shape} ")
    loss = (-target * (input1 - input2) + margin).clamp_min(0)
    return _apply_reduction(loss, _reduction(reduction, size_average, reduce))


def hinge_embedding_loss(input, target, margin=1.0, size_average=None, reduce=None, reduction="mean"):
    zeros = autograd.zeros_like(input)
    margin_clamp = (margin - input).clamp_min(0)
    output_margin = autograd.where(target != 1, margin_clamp, zeros)
    output_self = autograd.where(target != -1, input, zeros)
    return _apply_reduction(output_margin + output_self, _reduction(reduction, size_average, reduce))


class SoftMarginLoss(Op):
    """mean/sum of log(1 + exp(-y x)); its own node, as in PyTorch."""

    @staticmethod
    def forward(ctx, input, target, reduction):
        ctx.save_for_backward(input, target)
        ctx.reduction = reduction
        x, y = input._data, target._data.astype(input._data.dtype, copy=False)
        loss = np.logaddexp(0, -x * y).astype(x.dtype)
        if reduction == "mean":
            return np.asarray(loss.sum() / loss.size if loss.size else np.nan, dtype=x.dtype)
        if reduction == "sum":
            return np.asarray(loss.sum(), dtype=x.dtype)
        return loss

    @staticmethod
    def backward(ctx, g):
        x, y = ctx.saved_tensors
        z = (-x * y).sigmoid()
        grad = -y * z * g
        if ctx.reduction == "mean":
            grad = grad / x.numel()
        return grad, None, None


def soft_margin_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    if input.shape != target.shape:  # the target broadcasts to the input's shape (ATen writes into it)
        _warn_size(input, target, warn=False)
        shape = np.broadcast_shapes(input.shape, target.shape)
        if shape != tuple(input.shape):
            raise RuntimeError(f"output with shape {list(input.shape)} doesn't match the broadcast shape {list(shape)}")
    if input.dtype is autograd.bool:
        raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert "
                           "a mask, use the `~` or `logical_not()` operator instead.")
    if not input.is_floating_point():  # the loss is computed in the input's dtype
        raise RuntimeError(f"result type Float can't be cast to the desired output type {_dtype_name(input._data.dtype)}")
    return SoftMarginLoss.apply(input, target, _reduction(reduction, size_average, reduce))


def cosine_embedding_loss(input1, input2, target, margin=0.0, size_average=None, reduce=None, reduction="mean"):
    if target.ndim not in (0, 1):
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    want = target.ndim + 1
    if input1.ndim != want or input2.ndim != want:
        raise RuntimeError(f"{target.ndim}D target tensor expects {want}D input tensors, but found inputs with sizes "
                           f"{list(input1.shape)} and {list(input2.shape)}.")
    check_broadcast(input1.shape, input2.shape)
    check_broadcast(target.shape, input1.shape[:-1])
    eps = 1e-12
    d = input1.ndim - 1
    prod_sum = (input1 * input2).sum(d)
    mag1 = (input1 * input1).sum(d) + eps
    mag2 = (input2 * input2).sum(d) + eps
    cos = prod_sum / (mag1 * mag2).sqrt()
    zeros = autograd.zeros_like(cos)
    pos = 1 - cos
    neg = (cos - margin).clamp_min(0)
    out = autograd.where(target == 1, pos, zeros) + autograd.where(target == -1, neg, zeros)
    return _apply_reduction(out, _reduction(reduction, size_average, reduce))


def _check_triplet(anchor, positive, negative, margin):
    """torch's checks shared by the two triplet losses: a positive margin, inputs of one rank."""
    if margin <= 0:
        raise ValueError(f"margin must be greater than 0, got {margin}")
    dims = (anchor.ndim, positive.ndim, negative.ndim)
    if len(set(dims)) != 1:
        raise RuntimeError(f"The anchor, positive, and negative tensors are expected to have the same number of "
                           f"dimensions, but got: anchor {dims[0]}D, positive {dims[1]}D, and negative {dims[2]}D "
                           f"inputs")


def triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-6, swap=False, size_average=None,
                        reduce=None, reduction="mean"):
    reduction = _reduction(reduction, size_average, reduce)
    _check_triplet(anchor, positive, negative, margin)
    check_broadcast(anchor.shape, positive.shape)
    check_broadcast(anchor.shape, negative.shape)
    d_pos = pairwise_distance(anchor, positive, p, eps)
    d_neg = pairwise_distance(anchor, negative, p, eps)
    if swap:
        d_neg = autograd.minimum(d_neg, pairwise_distance(positive, negative, p, eps))
    loss = (margin + d_pos - d_neg).clamp_min(0)
    return _apply_reduction(loss, reduction)


def triplet_margin_with_distance_loss(anchor, positive, negative, *, distance_function=None, margin=1.0, swap=False,
                                      reduction="mean"):
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    _check_triplet(anchor, positive, negative, margin)
    dist = distance_function if distance_function is not None else pairwise_distance
    d_pos = dist(anchor, positive)
    d_neg = dist(anchor, negative)
    if swap:
        d_neg = autograd.minimum(d_neg, dist(positive, negative))
    loss = (margin + d_pos - d_neg).clamp_min(0)
    return _apply_reduction(loss, reduction)


def poisson_nll_loss(input, target, log_input=True, full=False, size_average=None, eps=1e-8, reduce=None,
                     reduction="mean"):
    reduction = _reduction(reduction, size_average, reduce)
    if log_input:
        loss = input.exp() - target * input
    else:
        loss = input - target * (input + eps).log()
    if full:
        t = target
        stirling = t * t.log() - t + 0.5 * (2 * math.pi * t).log()
        loss = loss + stirling.masked_fill(t <= 1, 0)
    return _apply_reduction(loss, reduction)


def gaussian_nll_loss(input, target, var, full=False, eps=1e-6, reduction="mean"):
    if isinstance(var, (int, float)):
        if var < 0:
            raise ValueError("var has negative entry/entries")
        var = autograd.full_like(input, float(var))
    elif (var._data < 0).any():
        raise ValueError("var has negative entry/entries")
    if var.shape != input.shape:
        if input.shape[:-1] == var.shape:  # homoscedastic: one variance per sample
            var = var.unsqueeze(-1)
        elif not (input.ndim == var.ndim and sum(v for i, v in zip(input.shape, var.shape) if i != v) == 1):
            raise ValueError("var is of incorrect size")  # (else: one broadcast dimension of size 1, as PyTorch)
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(reduction + " is not valid")
    var = var.clone()
    with autograd.no_grad():
        var.clamp_(min=eps)
    loss = 0.5 * (var.log() + (input - target) ** 2 / var)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _apply_reduction(loss, reduction)


def multi_margin_loss(input, target, p=1, margin=1.0, weight=None, size_average=None, reduce=None, reduction="mean"):
    reduction = _reduction(reduction, size_average, reduce)
    if p not in (1, 2):
        raise ValueError("only p == 1 and p == 2 supported")
    if weight is not None and weight.dim() != 1:
        raise ValueError("weight must be one-dimensional")
    _multi_margin_checks(input, target, weight)
    if input.numel() == 0:  # torch reads no target then: any dtype passes
        target = target.long()
    x = input.reshape(1, -1) if input.ndim <= 1 else input
    t = target.reshape(-1)
    n, c = x.shape
    picked = x.gather(1, t.unsqueeze(1))
    z = (margin - picked + x).clamp_min(0)
    if p == 2:
        z = z * z
    if weight is not None:
        z = z * weight.index_select(0, t).unsqueeze(1)
    mask = autograd.from_numpy(np.arange(c)[None, :] != t._data[:, None])
    loss = autograd.where(mask, z, 0.0).sum(1) / c
    if input.ndim <= 1 and target.ndim == 0:
        loss = loss.squeeze(0)
    return _apply_reduction(loss, reduction)


def _multi_margin_checks(input, target, weight):
    """ATen's shape, dtype and range checks of ``multi_margin_loss``."""
    shape = list(input.shape)
    if not ((input.numel() > 0 and input.ndim <= 2) or (input.ndim == 2 and shape[1] > 0)):
        raise RuntimeError(f"Expected non-empty vector or matrix with optional 0-dim batch size, but got: {shape}")
    nframe, dim = (1, shape[0] if shape else 1) if input.ndim <= 1 else shape
    if target.ndim > 1 or target.numel() != nframe:
        raise RuntimeError(f"multi_margin_loss: target tensor should be 1-D with size equal to the number of input "
                           f"samples (batch size). Expected target size [{nframe}], but got {list(target.shape)}. "
                           f"Input has shape {shape}.")
    if weight is not None and weight.numel() != dim:
        raise RuntimeError(f"inconsistent weight size, expected {dim} but got {list(weight.shape)}")
    if input.numel() == 0:
        return
    for t, want in ((target, autograd.int64), (weight, input.dtype)):
        if t is not None and t.dtype != want:
            raise RuntimeError(f"expected scalar type {type_name(want)} but found {type_name(t.dtype)}")
    if ((target._data < 0) | (target._data >= dim)).any():
        raise RuntimeError("target out of range")


class MultilabelMarginLoss(Op):
    """sum over target classes a (until the first -1) and non-target classes i of max(0, 1 - x[a] + x[i]) / C.

    The loss is piecewise linear, so forward keeps the coefficient of each input and backward scales it."""

    @staticmethod
    def forward(ctx, input, target, reduction):
        x = input._data.reshape(-1, input.shape[-1] if input.ndim else 1)
        y = target._data.reshape(x.shape)
        c = x.shape[1]
        if ((y < -1) | (y >= c)).any():
            raise RuntimeError("argument #2 'target' is out of range")
        valid = np.cumsum(y < 0, axis=1) == 0
        counts = np.zeros(x.shape, dtype=x.dtype)
        rows = np.nonzero(valid)
        np.add.at(counts, (rows[0], y[rows]), 1)
        margin = 1 - x[:, :, None] + x[:, None, :]
        weight = counts[:, :, None] * (counts == 0)[:, None, :] * (margin > 0)
        loss = (weight * margin).sum((1, 2)) / c
        coef = (weight.sum(1) - weight.sum(2)) / c
        if reduction == "mean":
            coef = coef / max(x.shape[0], 1)
        ctx.coef, ctx.reduction = coef.reshape(input.shape).astype(x.dtype, copy=False), reduction
        if reduction == "mean":
            return np.asarray(loss.sum() / loss.size if loss.size else np.nan, dtype=x.dtype)
        if reduction == "sum":
            return np.asarray(loss.sum(), dtype=x.dtype)
        return loss.reshape(input.shape[:-1]).astype(x.dtype, copy=False)

    @staticmethod
    def backward(ctx, g):
        coef = autograd.from_numpy(ctx.coef)
        if ctx.reduction == "none" and g.ndim:
            g = g.unsqueeze(-1)
        return g * coef, None, None


def multilabel_margin_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    reduction = _reduction(reduction, size_average, reduce)
    shape = list(input.shape)
    if not ((len(shape) == 2 and shape[1] != 0) or (len(shape) == 1 and shape[0] != 0) or not shape):
        raise RuntimeError(f"Expected non-empty vector or matrix with optional 0-dim batch size, but got: {shape}")
    if (list(target.shape) != shape if len(shape) == 2 else target.ndim > 1 or target.numel() != input.numel()):
        raise RuntimeError(f"inconsistent target size: {list(target.shape)} for input of size: {list(input.shape)}")
    if target.dtype != autograd.int64:
        raise RuntimeError(f"expected scalar type Long but found {_dtype_name(target._data.dtype)}")
    return MultilabelMarginLoss.apply(input, target, reduction)


def multilabel_soft_margin_loss(input, target, weight=None, size_average=None, reduce=None, reduction="mean"):
    reduction = _reduction(reduction, size_average, reduce)
    check_broadcast(target.shape, input.shape)
    loss = -(target * logsigmoid(input) + (1 - target) * logsigmoid(-input))
    if weight is not None:
        loss = loss * weight
    loss = loss.sum(dim=input.ndim - 1) / input.shape[-1]
    return _apply_reduction(loss, reduction)
