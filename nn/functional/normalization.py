"""Batch, layer, group and instance normalisation: one normalise-then-affine op serves them all.

Each variant is a choice of statistics axes (of an optional reshaped view) and of the weight's
broadcast shape: batch norm (0, 2, ...) per channel, layer norm the trailing dims elementwise, group
norm the groups of a (N, G, C/G, -1) view. The backward uses the fused kernel, or, when a graph of the
backward is being recorded (create_graph), the same formula in Tensor ops so it differentiates again.
"""
import numpy as np

from autograd import _dtype, kernels as K
from autograd.function import Op
from autograd.grad_mode import STATE
from autograd.tensor import Tensor

__all__ = ["batch_norm", "layer_norm", "group_norm", "instance_norm", "rms_norm"]


class NormSpec:
    """Where to normalise: ``view`` (a reshape of x, or None), statistics ``axes`` and the weight's ``wshape``."""

    __slots__ = ("view", "axes", "wshape", "affine_axes", "eps")

    def __init__(self, view, axes, wshape, eps):
        self.view, self.axes, self.wshape, self.eps = view, tuple(axes), tuple(wshape), eps
        self.affine_axes = tuple(i for i, s in enumerate(wshape) if s == 1)


class Normalization(Op):
    """``(x - mean) * invstd * weight + bias``; outputs y, the batch mean and the biased variance."""

    @staticmethod
    def forward(ctx, x, weight, bias, spec, stats):
        arr = x._data if spec.view is None else x._data.reshape(spec.view)
        w = None if weight is None else weight._data.reshape(spec.wshape)
        b = None if bias is None else bias._data.reshape(spec.wshape)
        given = (None, None) if stats is None else stats
        y, mean, var, invstd = K.norm_forward(arr, w, b, spec.axes, spec.eps, *given)
        ctx.spec, ctx.batch_stats = spec, stats is None
        ctx.mean, ctx.invstd = mean, invstd
        ctx.save_for_backward(x, weight)
        ctx.param_shapes = (None if weight is None else weight._data.shape,
                            None if bias is None else bias._data.shape)
        stat_mean, stat_var = Tensor._make(np.asarray(mean)), Tensor._make(np.asarray(var))
        ctx.mark_non_differentiable(stat_mean, stat_var)
        return y.reshape(x._data.shape), stat_mean, stat_var

    @staticmethod
    def backward(ctx, g, *_):
        x, weight = ctx.saved_tensors
        spec = ctx.spec
        need = ctx.needs_input_grad
        wshape, bshape = ctx.param_shapes
        if STATE.grad_enabled:
            gx, gw, gb = _backward_graph(ctx, g, x, weight)
        else:
            garr = g._data if spec.view is None else g._data.reshape(spec.view)
            xarr = x._data if spec.view is None else x._data.reshape(spec.view)
            w = None if weight is None else weight._data.reshape(spec.wshape)
            gx, gw, gb = K.norm_backward(garr, xarr, ctx.mean, ctx.invstd, w, spec.axes, ctx.batch_stats,
                                         spec.affine_axes)
            gx = Tensor._make(gx.reshape(x._data.shape))
            gw = None if gw is None else Tensor._make(gw.reshape(wshape))
            gb = Tensor._make(gb.reshape(bshape)) if bshape is not None else None
        return (gx if need[0] else None, gw if need[1] else None, gb if need[2] else None, None, None)


def _backward_graph(ctx, g, x, weight):
    """The backward formula in Tensor ops (recomputing the statistics from x), for create_graph=True."""
    spec = ctx.spec
    wshape, bshape = ctx.param_shapes
    xv = x if spec.view is None else x.reshape(spec.view)
    gv = g if spec.view is None else g.reshape(spec.view)
    axes = spec.axes
    if ctx.batch_stats:
        xc = xv - xv.mean(axes, keepdim=True)
        invstd = ((xc * xc).mean(axes, keepdim=True) + spec.eps).rsqrt()
    else:
        xc = xv - Tensor._make(ctx.mean)
        invstd = Tensor._make(ctx.invstd)
    xhat = xc * invstd
    gxhat = gv * weight.reshape(spec.wshape) if weight is not None else gv
    if ctx.batch_stats:
        gx = invstd * (gxhat - gxhat.mean(axes, keepdim=True) - xhat * (gxhat * xhat).mean(axes, keepdim=True))
    else:
        gx = gxhat * invstd
    gw = (gv * xhat).sum(spec.affine_axes, keepdim=True).reshape(wshape) if weight is not None else None
    gb = gv.sum(spec.affine_axes, keepdim=True).reshape(bshape) if bshape is not None else None
    return gx.reshape(x.shape), gw, gb


class NativeBatchNorm(Normalization):
    node_name = "NativeBatchNormBackward0"


class NativeLayerNorm(Normalization):
    node_name = "NativeLayerNormBackward0"


class NativeGroupNorm(Normalization):
    node_name = "NativeGroupNormBackward0"


# ---- batch norm ------------------------------------------------------------------------------------------
def _check_param(t, name, channels):
    if t is not None and t.numel() != channels:
        raise RuntimeError(f"{name} should contain {channels} elements not {t.numel()}")


def _check_dtypes(input, params, kernel=None):
    """torch's CPU dtype checks: ``kernel`` names the op that has no integer kernel; parameters of another dtype
    than the input are allowed only as float32 ones with a float16 input ("mixed dtype")."""
    if kernel and not input.is_floating_point():
        raise NotImplementedError(f'"{kernel}" not implemented for \'{_dtype.type_name(input.dtype)}\'')
    ps = [p for p in params if p is not None]
    if not ps:
        return
    if ps[0].dtype != input.dtype:
        if any(p.dtype.name != "float32" for p in ps):
            raise RuntimeError("mixed dtype (CPU): expect parameter to have scalar type of Float")
        if input.dtype.name != "float16":
            raise RuntimeError("mixed dtype (CPU): all inputs must share same datatype.")
        return
    for p in ps:
        if p.dtype != input.dtype:
            raise RuntimeError(f"expected scalar type {_dtype.type_name(input.dtype)} but found "
                               f"{_dtype.type_name(p.dtype)}")


def _update_running(buf, stat, momentum, n, unbiased):
    """buf <- (1 - momentum) * buf + momentum * stat (in place, as torch: bumps the buffer's version)."""
    if buf is None:
        return
    s = stat._data.reshape(buf._data.shape).astype(buf._data.dtype)
    if unbiased and n > 1:
        s = s * (n / (n - 1))
    buf._data[...] = (1 - momentum) * buf._data + momentum * s
    buf._version_counter[0] += 1


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
    """Normalise each channel (dim 1) over the batch and spatial dims; training updates the running stats."""
    size = tuple(input.shape)
    if training and size[0] * int(np.prod(size[2:])) == 1:
        raise ValueError(f"Expected more than 1 value per channel when training, got input size {input.size()}")
    if training and eps <= 0.0:
        raise ValueError(f"batch_norm eps must be positive during training, but got {eps}")
    if eps < 0.0:
        raise ValueError(f"batch_norm eps must be non-negative, but got {eps}")
    c = size[1] if len(size) > 1 else 0  # torch reads the channel count past a 1-d input's sizes: 0 there
    _check_param(running_mean, "running_mean", c)
    _check_param(running_var, "running_var", c)
    _check_param(weight, "weight", c)
    _check_param(bias, "bias", c)
    _check_dtypes(input, (weight, bias, running_mean, running_var), "batch_norm")
    if input.numel() == 0:
        return input.clone()
    if len(size) < 2:
        raise IndexError("Dimension out of range (expected to be in range of [-1, 0], but got 1)")
    axes = (0,) + tuple(range(2, input.dim()))
    n = input.numel() // max(c, 1)
    wshape = (1, c) + (1,) * (input.dim() - 2)
    spec = NormSpec(None, axes, wshape, eps)
    if training:
        y, mean, var = NativeBatchNorm.apply(input, weight, bias, spec, None)
        if running_mean is not None or running_var is not None:
            m = 0.0 if momentum is None else momentum
            _update_running(running_mean, mean, m, n, False)
            _update_running(running_var, var, m, n, True)
        return y
    if running_mean is None or running_var is None:
        raise RuntimeError("running_mean and running_var must be defined in evaluation mode")
    dt = input._data.dtype
    stats = (running_mean._data.reshape(wshape).astype(dt, copy=False),
             running_var._data.reshape(wshape).astype(dt, copy=False))
    return NativeBatchNorm.apply(input, weight, bias, spec, stats)[0]


def instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None, use_input_stats=True,
                  momentum=0.1, eps=1e-5):
    """Normalise each (sample, channel) plane over its spatial dims."""
    if input.dim() < 3:
        raise ValueError(f"Expected 3D or higher input (got {input.dim()}D input)")
    c = input.shape[1]
    _check_param(weight, "weight", c)
    _check_param(bias, "bias", c)
    _check_dtypes(input, (weight, bias, running_mean, running_var), "batch_norm")
    axes = tuple(range(2, input.dim()))
    wshape = (1, c) + (1,) * (input.dim() - 2)
    spec = NormSpec(None, axes, wshape, eps)
    if use_input_stats:
        n = int(np.prod(input.shape[2:]))
        if n <= 1:
            raise ValueError(f"Expected more than 1 spatial element when training, got input size {input.size()}")
        y, mean, var = Normalization.apply(input, weight, bias, spec, None)
        if running_mean is not None:
            _update_running(running_mean, Tensor._make(mean._data.mean(0)), momentum, n, False)
        if running_var is not None:
            _update_running(running_var, Tensor._make(var._data.mean(0)), momentum, n, True)
        return y
    dt = input._data.dtype
    stats = (running_mean._data.reshape(wshape).astype(dt, copy=False),
             running_var._data.reshape(wshape).astype(dt, copy=False))
    return Normalization.apply(input, weight, bias, spec, stats)[0]


# ---- layer norm, group norm, RMS norm --------------------------------------------------------------------
def _shape_list(normalized_shape, op):
    if isinstance(normalized_shape, int):
        raise TypeError(f"{op}(): argument 'normalized_shape' (position 2) must be tuple of ints, not int")
    return tuple(int(s) for s in normalized_shape)


def _check_normalized_shape(input, normalized_shape, params, op):
    """torch's checks of layer_norm / rms_norm's ``normalized_shape`` against the parameters, then the input."""
    ns = _shape_list(normalized_shape, op)
    k = len(ns)
    if k == 0:
        raise RuntimeError("Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one "
                           "element, but got normalized_shape = []")
    for t, name in zip(params, ("weight", "bias")):
        if t is not None and tuple(t.shape) != ns:
            raise RuntimeError(f"Expected {name} to be of same shape as normalized_shape, but got {name} of shape "
                               f"{list(t.shape)} and normalized_shape = {list(ns)}")
    if op == "rms_norm" and input.dim() < k:
        raise ValueError(f"Input tensor must have at least {k} dimensions, but got {input.dim()}")
    if input.dim() < k or tuple(input.shape[input.dim() - k:]) != ns:
        lead = "*" if op == "rms_norm" else "*, "  # sic: torch's rms_norm message has no comma
        raise RuntimeError(f"Given normalized_shape={list(ns)}, expected input with shape [{lead}"
                           f"{', '.join(map(str, ns))}], but got input of size{list(input.shape)}")
    return ns


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """Normalise over the trailing ``normalized_shape`` dims, with elementwise weight and bias."""
    ns = _check_normalized_shape(input, normalized_shape, (weight, bias), "layer_norm")
    k = len(ns)
    _check_dtypes(input, (weight, bias))
    _check_dtypes(input, (), "LayerNormKernelImpl")
    lead = input.dim() - k
    spec = NormSpec(None, tuple(range(lead, input.dim())), (1,) * lead + ns, eps)
    return NativeLayerNorm.apply(input, weight, bias, spec, None)[0]


def check_group_norm_inputs(input, weight, bias, c, groups):
    """ATen's ``check_group_norm_inputs`` (shared by group_norm and native_group_norm), in its words."""
    if groups <= 0:
        raise RuntimeError(f"Expected num groups to be greater than 0, got {groups}")
    if c % groups:
        raise RuntimeError(f"Expected number of channels in input to be divisible by num_groups, but got input of "
                           f"shape {list(input.shape)} and num_groups={groups}")
    for t, name in ((weight, "weight"), (bias, "bias")):
        if t is not None and (t.dim() != 1 or t.numel() != c):
            shape = list((weight if weight is not None else t).shape)  # sic: torch prints the weight's shape
            raise RuntimeError(f"Expected {name} to be a vector of size equal to the number of channels in input, "
                               f"but got {name} of shape {shape} and input of shape {list(input.shape)}")


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5):
    """Normalise over groups of ``C / num_groups`` channels (and all spatial dims) per sample."""
    if input.dim() < 2:
        raise RuntimeError(f"Expected at least 2 dimensions for input tensor but received {input.dim()}")
    n, c = input.shape[:2]
    stat_shape = [n * c // num_groups, num_groups] + list(input.shape[2:])  # torch's Python-side batch-size check
    if stat_shape[0] * int(np.prod(stat_shape[2:])) == 1:
        raise ValueError(f"Expected more than 1 value per channel when training, got input size {stat_shape}")
    check_group_norm_inputs(input, weight, bias, c, num_groups)
    _check_dtypes(input, (weight, bias))
    _check_dtypes(input, (), "GroupNormKernelImpl")
    view = (n, num_groups, c // num_groups, int(np.prod(input.shape[2:])))
    spec = NormSpec(view, (2, 3), (1, num_groups, c // num_groups, 1), eps)
    return NativeGroupNorm.apply(input, weight, bias, spec, None)[0]


def rms_norm(input, normalized_shape, weight=None, eps=None):
    """``x / sqrt(mean(x^2 over the trailing dims) + eps) * weight`` (eps defaults to the dtype's epsilon)."""
    ns = _check_normalized_shape(input, normalized_shape, (weight,), "rms_norm")
    _check_dtypes(input, (), "rms_norm")
    low = input.dtype.name in ("float16", "bfloat16")
    x = input.float() if low else input  # torch computes in the op-math type, returns the input's dtype
    if eps is None:
        eps = float(np.finfo(x._data.dtype).eps)
    dims = tuple(range(input.dim() - len(ns), input.dim()))
    y = x * ((x * x).mean(dims, keepdim=True) + eps).rsqrt()
    y = y.to(input.dtype) if low else y
    if weight is None:
        return y
    y = y * weight
    return y if y.dtype == input.dtype else y.to(input.dtype)
