"""Loss functions (``torch.nn.functional``): fused, numerically stable ops with PyTorch's checks and reductions.

Two mechanisms serve all losses:
* ``_PointwiseLoss``: an elementwise kernel on broadcast (input, target), an optional ``weight``
  factor, then the reduction, as one op; derivatives in Tensor ops (double backward works).
* class-index losses (``nll_loss``, ``cross_entropy``) flatten any ``(N, C, d1, ...)`` input to
  ``(M, C)`` and run one fused op whose gradient op is itself differentiable.
"""
import warnings

import numpy as np

from autograd import _dtype, grad_mode
from autograd import kernels as K
from autograd.function import Op
from autograd.kernels.ref_loss import check_targets
from autograd.ops.arithmetic import Div as _Div
from autograd.ops.pointwise import where
from autograd.tensor import Tensor

from .activation import Softplus, log_softmax, softmax

__all__ = ["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "kl_div", "binary_cross_entropy",
           "binary_cross_entropy_with_logits", "nll_loss", "cross_entropy"]

_REDUCTIONS = ("none", "mean", "sum")


def legacy_get_string(size_average, reduce, emit_warning=True):
    """Map the deprecated ``size_average``/``reduce`` flags to a reduction string (with PyTorch's warning)."""
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    ret = "mean" if (size_average and reduce) else ("sum" if reduce else "none")
    if emit_warning:
        warnings.warn(f"size_average and reduce args will be deprecated, please use reduction='{ret}' instead.",
                      stacklevel=3)
    return ret


def _reduction(reduction, size_average=None, reduce=None, allowed=_REDUCTIONS):
    if size_average is not None or reduce is not None:
        reduction = legacy_get_string(size_average, reduce)
    if reduction == "elementwise_mean":
        warnings.warn("reduction='elementwise_mean' is deprecated. Please use reduction='mean' instead.",
                      stacklevel=3)
        reduction = "mean"
    if reduction not in allowed:
        raise ValueError(f"{reduction} is not a valid value for reduction")
    return reduction


_SCALAR_NAMES = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long", "int32": "Int",
                 "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}


def _dtype_name(np_dtype):
    """PyTorch's scalar-type name used in messages (``Float``, ``Long`` ...)."""
    return _SCALAR_NAMES[np.dtype(np_dtype).name]


def _arr(t):
    return None if t is None else t._data


def _divisor(reduction, shape, weight=None):
    """What a reduction divides the summed loss by ('weighted_mean': the total weight)."""
    if reduction == "mean":
        return int(np.prod(shape))
    if reduction == "batchmean":
        return shape[0] if shape else 1
    if reduction == "weighted_mean":
        return float(np.broadcast_to(weight, shape).sum())
    return 1


def _reduce_array(loss, reduction, divisor):
    if reduction == "none":
        return loss
    with np.errstate(invalid="ignore", divide="ignore"):
        total = loss.sum()
        return np.asarray(total if reduction == "sum" else (total / divisor if divisor else np.nan), dtype=loss.dtype)


def _expand_grad(g, reduction, shape, divisor):
    """The incoming gradient of a reduced loss, as the gradient of each element (differentiable)."""
    if reduction == "none":
        return g
    if reduction != "sum":
        g = g / divisor
    return g.expand(shape)


# ---- elementwise losses ------------------------------------------------------------------------------
class _PointwiseLoss(Op):
    """``reduce(weight * K.<kernel>(input, target, *extras, *params))`` as one op.

    Subclasses set ``kernel`` and ``derivative(ge, x, t, extras, params) -> (gx, gt, *g_extras)`` where
    ``ge`` is the (already weighted) gradient of each element.
    """

    kernel = None
    integral = False  # integer (input, target) keep their dtype (l1_loss: PyTorch's ``(input - target).abs()``)

    @staticmethod
    def forward(ctx, input, target, reduction, params, weight, *extras):
        x, t = input._data, target._data
        dt = np.dtype(_dtype.promote_types(input.dtype, target.dtype).np)  # torch's: float32 with int64 is float32
        if dt.kind != "f" and not ctx._fn.integral:
            dt = _dtype.get_default_dtype().np
        x, t = x.astype(dt, copy=False), t.astype(dt, copy=False)
        shape = np.broadcast_shapes(x.shape, t.shape, *(e._data.shape for e in extras if e is not None))
        ctx.save_for_backward(input, target, weight, *extras)
        ctx.reduction, ctx.params, ctx.shape = reduction, params, shape
        ctx.divisor = _divisor(reduction, shape, _arr(weight))
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            loss = getattr(K, ctx._fn.kernel)(x, t, *(_arr(e) for e in extras), *params)
            loss = np.broadcast_to(np.asarray(loss, dtype=dt), shape)
            if weight is not None:
                if ctx.needs_input_grad[4]:
                    ctx.unweighted = Tensor._make(np.array(loss))
                loss = loss * weight._data.astype(dt, copy=False)
        out = _reduce_array(np.asarray(loss, dtype=dt), reduction, ctx.divisor)
        if ctx.needs_input_grad[4] and reduction == "weighted_mean":
            ctx.unweighted = ctx.unweighted - Tensor._make(out)  # d(sum(w l) / sum(w))/dw = (l - result) / sum(w)
        return out

    @staticmethod
    def backward(ctx, g):
        input, target, weight, *extras = ctx.saved_tensors
        ge = _expand_grad(g, ctx.reduction, ctx.shape, ctx.divisor)
        gw = None
        if weight is not None:
            if ctx.needs_input_grad[4]:
                gw = (ge * ctx.unweighted).sum_to_size(weight.shape)
            ge = ge * weight
        grads = ctx._fn.derivative(ge, input, target, extras, ctx.params)
        needs = (ctx.needs_input_grad[0], ctx.needs_input_grad[1]) + tuple(ctx.needs_input_grad[5:5 + len(extras)])
        out = [gr.sum_to_size(src.shape) if (gr is not None and need) else None
               for gr, need, src in zip(grads, needs, (input, target) + tuple(extras))]
        return (out[0], out[1], None, None, gw, *out[2:])


def _sign(d):
    return d.sign()


class MseLoss(_PointwiseLoss):
    kernel = "mse_loss"

    @staticmethod
    def derivative(ge, x, t, extras, params):
        gx = 2 * ge * (x - t)
        return gx, -gx


class L1Loss(_PointwiseLoss):
    node_name = "L1LossBackward0"
    kernel = "l1_loss"
    integral = True

    @staticmethod
    def derivative(ge, x, t, extras, params):
        gx = ge * _sign(x - t)
        return gx, -gx


class SmoothL1Loss(_PointwiseLoss):
    kernel = "smooth_l1_loss"

    @staticmethod
    def derivative(ge, x, t, extras, params):
        (beta,) = params
        d = x - t
        gx = ge * _sign(d) if beta == 0 else where(d.abs() < beta, ge * d / beta, ge * _sign(d))
        return gx, -gx


class HuberLoss(_PointwiseLoss):
    kernel = "huber_loss"

    @staticmethod
    def derivative(ge, x, t, extras, params):
        (delta,) = params
        d = x - t
        gx = where(d.abs() < delta, ge * d, ge * delta * _sign(d))
        return gx, -gx


class KlDiv(_PointwiseLoss):
    kernel = "kl_div"

    @staticmethod
    def derivative(ge, x, t, extras, params):
        (log_target,) = params
        if log_target:
            et = t.exp()
            return -ge * et, ge * et * (t - x + 1)
        return -ge * t, ge * (t.log() + t / t - x)  # t / t: PyTorch's nan derivative at target 0


class BinaryCrossEntropy(_PointwiseLoss):
    kernel = "binary_cross_entropy"

    @staticmethod
    def derivative(ge, x, t, extras, params):
        gx = ge * (x - t) / ((1 - x) * x).clamp(min=1e-12)
        with np.errstate(divide="ignore"):
            gt = ge * ((1 - x).log() - x.log())  # -logit(x), unclamped as PyTorch
        return gx, gt


class BinaryCrossEntropyWithLogits(_PointwiseLoss):
    kernel = "binary_cross_entropy_with_logits"

    @staticmethod
    def derivative(ge, x, t, extras, params):
        (pos_weight,) = extras
        if pos_weight is None:
            return ge * (x.sigmoid() - t), -ge * x
        sp = Softplus.apply(-x, 1.0, 20.0)
        pt = pos_weight * t
        return (ge * ((pt + 1 - t) * x.sigmoid() - pt), ge * ((pos_weight - 1) * sp - x), ge * t * sp)


def _warn_size(input, target, warn=True):
    if warn and target.shape != input.shape:
        warnings.warn(f"Using a target size ({_torch_size(target.shape)}) that is different to the input size "
                      f"({_torch_size(input.shape)}). This will likely lead to incorrect results due to "
                      "broadcasting. Please ensure they have the same size.", stacklevel=3)
    check_broadcast(input.shape, target.shape)


def check_broadcast(shape_a, shape_b):
    """PyTorch's message when two operand shapes don't broadcast (tensor a, tensor b, the dimension)."""
    try:
        np.broadcast_shapes(shape_a, shape_b)
    except ValueError:
        for i, (a, b) in enumerate(zip(reversed(shape_a), reversed(shape_b))):
            if a != b and a != 1 and b != 1:
                raise RuntimeError(f"The size of tensor a ({a}) must match the size of tensor b ({b}) at "
                                   f"non-singleton dimension {max(len(shape_a), len(shape_b)) - 1 - i}") from None


def _torch_size(shape):
    return repr(shape)


def _check_loss_weight(weight, input, reduction, mean_by_weight):
    """Per-element loss weights must match the input's size; their mean may divide by their sum."""
    if weight is None:
        return reduction
    if weight.shape != input.shape:
        raise ValueError("Weights and input must have the same size.")
    return "weighted_mean" if (reduction == "mean" and mean_by_weight) else reduction


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """Mean squared error ``(input - target)^2``; with ``weight`` the mean is ``sum(w l) / sum(w)``."""
    reduction = _reduction(reduction, size_average, reduce)
    _warn_size(input, target)
    reduction = _check_loss_weight(weight, input, reduction, True)
    _float_kernel("mse", input, target)
    return _weighted(MseLoss, weight, reduction).apply(input, target, reduction, (), weight)


_NAMED = {}


def _named(op, reduction, names):
    """``op`` under the grad_fn name PyTorch shows for this reduction (it composes these losses from
    ordinary ops, so the last op -- and the name -- depends on the reduction); same maths, other label."""
    name = names.get(reduction)
    if name is None:
        return op
    key = (op, name)
    if key not in _NAMED:
        _NAMED[key] = type(op.__name__, (op,), {"node_name": name})
    return _NAMED[key]


_WEIGHTED_NAMES = {"none": "MulBackward0", "weighted_mean": "DivBackward0", "mean": "MeanBackward0",
                   "sum": "SumBackward0"}


def _weighted(op, weight, reduction):
    """With ``weight`` PyTorch composes ``weight * loss`` then the reduction: that op's grad_fn name."""
    return op if weight is None else _named(op, reduction, _WEIGHTED_NAMES)


def _float_kernel(name, input, target):
    """ATen's CPU kernels of these losses exist for floating types only."""
    if not (input.is_floating_point() or target.is_floating_point()):
        raise NotImplementedError(f"\"{name}_cpu\" not implemented for "
                                  f"'{_dtype_name(_dtype.promote_types(input.dtype, target.dtype).np)}'")


_L1_NAMES = {"none": "AbsBackward0", "mean": "MeanBackward0", "sum": "SumBackward0"}
_KL_NAMES = {"mean": "MeanBackward0", "sum": "SumBackward0", "batchmean": "DivBackward0"}


def l1_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """Mean absolute error ``|input - target|``; with ``weight`` the mean is ``sum(w l) / sum(w)``."""
    reduction = _reduction(reduction, size_average, reduce)
    _warn_size(input, target)
    reduction = _check_loss_weight(weight, input, reduction, True)
    if input.dtype is _dtype.bool_ or target.dtype is _dtype.bool_:  # PyTorch computes ``(input - target).abs()``
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
                           "`logical_xor()` operator instead." if input.dtype is target.dtype else
                           "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to "
                           "invert a mask, use the `~` or `logical_not()` operator instead.")
    if reduction == "mean" and not (input.is_floating_point() or target.is_floating_point()):
        raise RuntimeError(f"mean(): could not infer output dtype. Input dtype must be either a floating point or "
                           f"complex dtype. Got: {_dtype_name(_dtype.promote_types(input.dtype, target.dtype).np)}")
    op = _weighted(L1Loss, weight, reduction) if weight is not None else _named(L1Loss, reduction, _L1_NAMES)
    return op.apply(input, target, reduction, (), weight)


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    """Quadratic below ``beta``, linear above (divided by ``beta`` in the quadratic part)."""
    reduction = _reduction(reduction, size_average, reduce)
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    if beta == 0.0:  # PyTorch hands beta=0 to l1_loss (same value; its grad_fn names)
        return l1_loss(input, target, reduction=reduction)
    _warn_size(input, target)
    _float_kernel("smooth_l1", input, target)
    return SmoothL1Loss.apply(input, target, reduction, (float(beta),), None)


def huber_loss(input, target, reduction="mean", delta=1.0, weight=None):
    """Quadratic below ``delta``, ``delta``-scaled linear above."""
    reduction = _reduction(reduction)
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    _warn_size(input, target)
    reduction = _check_loss_weight(weight, input, reduction, False)
    _float_kernel("huber", input, target)
    if input.dtype is _dtype.bool_:  # ATen writes the (floating) result into a tensor of the input's dtype
        raise RuntimeError(f"result type {_dtype_name(_dtype.promote_types(input.dtype, target.dtype).np)} can't be "
                           "cast to the desired output type Bool")
    if target.dtype != input.dtype and input.is_floating_point():  # the result takes the input's dtype
        target = target.to(input.dtype)
    return _weighted(HuberLoss, weight, reduction).apply(input, target, reduction, (float(delta),), weight)


def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False):
    """KL divergence with ``input`` given as log-probabilities (and ``target`` too if ``log_target``)."""
    if size_average is not None or reduce is not None:
        reduction = legacy_get_string(size_average, reduce)
    if reduction == "mean":
        warnings.warn("reduction: 'mean' divides the total loss by both the batch size and the support size."
                      "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
                      "'mean' will be changed to behave the same as 'batchmean' in the next major release.",
                      stacklevel=2)
    reduction = _reduction(reduction, allowed=_REDUCTIONS + ("batchmean",))
    if not (input.is_floating_point() and target.is_floating_point()):
        raise RuntimeError("kl_div: Integral inputs not supported.")
    names = dict(_KL_NAMES, none="MulBackward0" if log_target else "SubBackward0")
    return _named(KlDiv, reduction, names).apply(input, target, reduction, (bool(log_target),), None)


def _not_differentiable(fn, **args):
    """PyTorch's BCE kernels have no derivative for their weights: a weight requiring grad is refused."""
    if not grad_mode.is_grad_enabled():
        return
    for name, t in args.items():
        if t is not None and t.requires_grad:
            raise RuntimeError(f"The function '{fn}' is not differentiable with respect to argument '{name}'. "
                               "This input cannot have requires_grad True.")


def _check_bce_weight(weight, shape):
    if weight is None:
        return
    try:
        np.broadcast_shapes(weight.shape, shape)
    except ValueError:
        raise RuntimeError(f"Attempting to broadcast a dimension of length {weight.shape[-1]} at -1! Mismatching "
                           f"argument at index 1 had {repr(weight.shape)}; but expected shape should be "
                           f"broadcastable to {list(shape)}") from None


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None, reduction="mean"):
    """``-w (t log x + (1 - t) log(1 - x))`` with each log clamped at -100 (PyTorch's convention)."""
    reduction = _reduction(reduction, size_average, reduce)
    if target.shape != input.shape:
        raise ValueError(f"Using a target size ({repr(target.shape)}) that is different to the input size "
                         f"({repr(input.shape)}) is deprecated. Please ensure they have the same size.")
    if target.dtype is not input.dtype:
        raise RuntimeError(f"Found dtype {_dtype_name(target._data.dtype)} but expected {_dtype_name(input._data.dtype)}")
    x = input._data
    if x.size and ((x < 0).any() or (x > 1).any() or np.isnan(x).any()):
        raise RuntimeError("all elements of input should be between 0 and 1")
    _check_bce_weight(weight, input.shape)
    _not_differentiable("binary_cross_entropy", weight=weight)
    return BinaryCrossEntropy.apply(input, target, reduction, (), weight)


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None, reduction="mean",
                                     pos_weight=None):
    """Sigmoid + binary cross-entropy in one stable op (log-sum-exp form); ``pos_weight`` scales positives."""
    reduction = _reduction(reduction, size_average, reduce)
    if target.shape != input.shape:
        raise ValueError(f"Target size ({repr(target.shape)}) must be the same as input size ({repr(input.shape)})")
    if target.dtype is _dtype.bool_:
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                           "Use the `^` or `logical_xor()` operator instead.")
    if not target.is_floating_point():
        raise RuntimeError(f"result type {_dtype_name(input._data.dtype)} can't be cast to the desired output type "
                           f"{_dtype_name(target._data.dtype)}")
    _check_bce_weight(weight, input.shape)
    if pos_weight is not None:
        _warn_size(pos_weight, input, warn=False)
        shape = np.broadcast_shapes(pos_weight.shape, input.shape)
        if shape != tuple(input.shape):
            raise RuntimeError(f"output with shape {list(input.shape)} doesn't match the broadcast shape {list(shape)}")
    _not_differentiable("binary_cross_entropy_with_logits", weight=weight, pos_weight=pos_weight)
    return BinaryCrossEntropyWithLogits.apply(input, target, reduction, (), weight, pos_weight)


# ---- class-index losses --------------------------------------------------------------------------------
def _class_layout(input, target, weight, op):
    """Check shapes/dtypes as PyTorch and flatten to ``(M, C)`` input and ``(M,)`` targets.

    Returns (input2d, target1d array, weight array or None, output shape for reduction='none').
    """
    shape, tshape = input._data.shape, target._data.shape
    nd, tnd = len(shape), len(tshape)
    if nd < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {nd})")
    if nd != 1 and tnd >= 1 and shape[0] != tshape[0]:
        raise ValueError(f"Expected input batch_size ({shape[0]}) to match target batch_size ({tshape[0]}).")
    if nd <= 2:
        if tnd > 1:
            raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
        if nd == 2 and tnd == 0:
            raise ValueError(f"Expected input batch_size ({shape[0]}) to match target batch_size (0).")
    elif nd == 4:
        if tnd != 3:
            raise RuntimeError(f"only batches of spatial targets supported (3D tensors) but got targets of "
                               f"dimension: {tnd}")
    else:
        expected = [shape[0]] + list(shape[2:])
        if list(tshape) != expected:
            raise RuntimeError(f"Expected target size {expected}, got {list(tshape)}")
    tdt = target._data.dtype
    if tdt != np.int64 and tdt != np.uint8:
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {_dtype_name(tdt)}")
    c = shape[1] if nd >= 2 else shape[0]
    w = None
    if weight is not None:
        if weight.numel() != c and nd > 2:
            raise RuntimeError("weight tensor should be defined either for all or no classes")
        if weight.numel() != c:
            raise RuntimeError(f"weight tensor should be defined either for all {c} classes or no classes but got "
                               f"weight tensor of shape: {list(weight.shape)}")
    if nd == 4 and list(tshape) != [shape[0]] + list(shape[2:]):
        raise RuntimeError(f"size mismatch (got input: {list(shape)} , target: {list(tshape)}")
    if weight is not None:
        if weight._data.dtype != input._data.dtype:
            raise RuntimeError(f"expected scalar type {_dtype_name(input._data.dtype)} but found "
                               f"{_dtype_name(weight._data.dtype)}")
        w = weight._data.reshape(-1)
    if nd == 1:
        x2 = input.reshape(1, c)
    elif nd == 2:
        x2 = input
    else:
        x2 = input.permute(0, *range(2, nd), 1).reshape(-1, c)
    t = target._data.reshape(-1).astype(np.int64, copy=False)
    return x2, t, w, tuple(tshape)


class _ClassLoss(Op):
    """Shared reduction of the per-sample class losses (weights normalise the mean, as PyTorch)."""

    @staticmethod
    def _reduce(ctx, loss, wt, reduction, out_shape=None):
        wsum = np.add.reduce(wt)
        ctx.reduction, ctx.m, ctx.wsum, ctx.out_shape = reduction, loss.shape[0], float(wsum), out_shape
        if reduction == "none":
            return loss if out_shape is None else loss.reshape(out_shape)
        total = np.add.reduce(loss)
        if reduction == "mean":
            if not wsum:  # nothing counted: 0 / 0, NaN as in PyTorch (without NumPy's warning)
                return np.full((), np.nan, loss.dtype)
            total = total / wsum
        return np.asarray(total, dtype=loss.dtype)

    @staticmethod
    def _scale(ctx, g):
        """Per-sample multiplier of each sample's gradient (differentiable in ``g``; or an array)."""
        if ctx.reduction == "none":
            return g if ctx.out_shape is None else g.reshape(-1)
        if ctx.reduction == "mean":
            g = g / ctx.wsum if ctx.wsum else g * 0  # nothing counted: zero gradient, as PyTorch
        return g.expand(ctx.m) if isinstance(g, Tensor) else np.full(ctx.m, g, dtype=g.dtype)


class NllLoss(_ClassLoss):
    """``-w[t_i] * input[i, t_i]`` per sample, reduced."""

    @staticmethod
    def forward(ctx, logp, target, weight, ignore_index, reduction, out_shape=None):
        ctx.info = (target, weight, ignore_index, logp._data.shape[1])
        loss, wt = K.nll_loss_forward(logp._data, target, weight, ignore_index)
        return ctx._fn._reduce(ctx, loss.astype(logp._data.dtype, copy=False), wt, reduction, out_shape)

    @staticmethod
    def backward(ctx, g):
        return NllLossGrad.apply(_ClassLoss._scale(ctx, g), ctx.info), None, None, None, None, None


class NllLoss2d(NllLoss):
    node_name = "NllLoss2DBackward0"


class NllLossGrad(Op):
    """Scatter of ``-s_i * w[t_i]`` into ``(M, C)``; linear, so its backward is the gather (an NllLoss)."""

    node_name = "NllLossBackwardBackward0"

    @staticmethod
    def forward(ctx, s, info):
        ctx.info = info
        target, weight, ignore_index, c = info
        return K.nll_loss_backward(s._data, target, weight, ignore_index, c)

    @staticmethod
    def backward(ctx, gg):
        target, weight, ignore_index, _ = ctx.info
        return NllLoss.apply(gg, target, weight, ignore_index, "none", None), None


class CrossEntropy(_ClassLoss):
    """Fused stable log-softmax + NLL (+ label smoothing) on ``(M, C)`` logits."""

    node_name = "NllLossBackward0"

    @staticmethod
    def forward(ctx, x, target, weight, ignore_index, label_smoothing, reduction, out_shape=None):
        loss, wt, lse = K.cross_entropy_forward(x._data, target, weight, ignore_index, label_smoothing)
        ctx.save_for_backward(x)
        ctx.info = (lse, target, weight, ignore_index, label_smoothing)
        return ctx._fn._reduce(ctx, loss, wt, reduction, out_shape)

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return (CrossEntropyGrad.apply(_ClassLoss._scale(ctx, g), x, ctx.info), None, None, None, None, None, None)

    @staticmethod
    def raw_backward(ctx, g):
        (x,) = ctx.saved_arrays
        lse, target, weight, ignore_index, label_smoothing = ctx.info
        s = np.asarray(_ClassLoss._scale(ctx, g), dtype=x.dtype)
        return (K.cross_entropy_backward(s, x, lse, target, weight, ignore_index, label_smoothing),
                None, None, None, None, None, None)


class CrossEntropy2d(CrossEntropy):
    node_name = "NllLoss2DBackward0"


class CrossEntropyGrad(Op):
    """``s_i * (softmax(x)_i * A_i - B_i)`` by one kernel; its own backward goes through the softmax op."""

    node_name = "NllLossBackwardBackward0"

    @staticmethod
    def forward(ctx, s, x, info):
        lse, target, weight, ignore_index, label_smoothing = info
        ctx.save_for_backward(s, x)
        ctx.info = info
        return K.cross_entropy_backward(s._data, x._data, lse, target, weight, ignore_index, label_smoothing)

    @staticmethod
    def backward(ctx, gg):
        s, x = ctx.saved_tensors
        _, target, weight, ignore_index, label_smoothing = ctx.info
        a, b = K.ce_grad_terms(target, weight, ignore_index, label_smoothing, x.shape[1], x._data.dtype)
        a, b = Tensor._make(a), Tensor._make(b)
        p = softmax(x, 1)
        gs = ((p * a.unsqueeze(1) - b) * gg).sum(1) if ctx.needs_input_grad[0] else None
        gx = None
        if ctx.needs_input_grad[1]:
            gx = (s * a).unsqueeze(1) * p * (gg - (gg * p).sum(1, keepdim=True))
        return gs, gx, None


def _node_shape(input, out_shape):
    """The unreduced loss shape the fused node itself returns (PyTorch's 1-D and 4-D kernels do; other
    ranks end with a view, so ``grad_fn`` is ``ViewBackward0`` there, as in PyTorch)."""
    return out_shape if input.dim() in (1, 4) else None


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"):
    """Negative log-likelihood of class-index targets given log-probabilities ``input`` ((N, C, d1, ...))."""
    reduction = _reduction(reduction, size_average, reduce)
    x2, t, w, out_shape = _class_layout(input, target, weight, "nll_loss")
    check_targets(t, x2.shape[1], ignore_index)
    op = NllLoss2d if input.dim() >= 3 else NllLoss
    out = op.apply(x2, t, w, ignore_index, reduction, _node_shape(input, out_shape))
    return out.reshape(out_shape) if reduction == "none" and out.shape != out_shape else out


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean",
                  label_smoothing=0.0):
    """Cross-entropy of logits ``input`` (N, C, d1, ...) against class indices or class probabilities."""
    reduction = _reduction(reduction, size_average, reduce)
    if not 0.0 <= label_smoothing <= 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing}")
    if input._data.shape == target._data.shape:
        return _cross_entropy_probs(input, target, weight, ignore_index, reduction, label_smoothing)
    x2, t, w, out_shape = _class_layout(input, target, weight, "cross_entropy")  # targets: checked by the kernel
    op = CrossEntropy2d if input.dim() >= 3 else CrossEntropy
    if label_smoothing > 0:  # PyTorch adds the smoothing term last
        op = _named(op, "smoothed", {"smoothed": "AddBackward0"})
    node_shape = out_shape if label_smoothing > 0 else _node_shape(input, out_shape)
    out = op.apply(x2, t, w, ignore_index, float(label_smoothing), reduction, node_shape)
    return out.reshape(out_shape) if reduction == "none" and out.shape != out_shape else out


def _cross_entropy_probs(input, target, weight, ignore_index, reduction, label_smoothing):
    """Soft-label cross-entropy ``-sum_c w_c t_c log softmax(x)_c`` (composite, as PyTorch's)."""
    if target._data.dtype.kind != "f":
        raise RuntimeError(f"Expected floating point type for target with class probabilities, got "
                           f"{_dtype_name(target._data.dtype)}")
    if ignore_index != -100:
        raise RuntimeError("ignore_index is not supported for floating point target")
    class_dim = 0 if input.dim() == 1 else 1
    c = input.shape[class_dim]
    logp = log_softmax(input, class_dim)
    if label_smoothing > 0:
        target = target * (1 - label_smoothing) + label_smoothing / c
    if weight is not None:
        shape = [1] * input.dim()
        shape[class_dim] = c
        logp = logp * weight.reshape(shape)
    prod = logp * target
    if reduction == "none":
        return -prod.sum(class_dim)
    if reduction == "sum":
        return -prod.sum()
    if input.numel() == 0:
        return -prod.sum() * float("nan")
    return _named(_Div, "scalar", {"scalar": "DivBackward1"}).apply(-prod.sum(), input.numel() / c)
