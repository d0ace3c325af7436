"""Activation functions (``torch.nn.functional``): one factory builds each op from its kernel and derivative.

Forward runs the NumPy/Numba kernel of the same name; the derivative is written in Tensor ops, so
every activation differentiates twice. ``inplace=True`` goes through ``apply_inplace`` like all
in-place ops.
"""
import math
import warnings

import numpy as np
from numpy import where as where_np

import autograd
from autograd import _dtype, kernels as K
from autograd.function import Op
from autograd.ops._util import binary_operands, float_array, wrap_dim
from autograd.ops.inplace import apply_inplace
from autograd.ops import softmax as _softmax_ops
from autograd.ops.pointwise import where
from autograd.random import generator as _gen
from autograd.tensor import Tensor

__all__ = ["relu", "relu_", "relu6", "leaky_relu", "leaky_relu_", "elu", "elu_", "selu", "selu_", "celu", "celu_",
           "gelu", "silu", "mish", "softplus", "hardtanh", "hardtanh_", "logsigmoid", "hardswish", "hardsigmoid",
           "softshrink", "hardshrink", "threshold", "threshold_", "tanhshrink", "softsign", "glu", "prelu", "rrelu",
           "rrelu_", "sigmoid", "tanh", "softmax", "log_softmax", "softmin"]

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def _activation(name, derivative, kernel=None, node_name=None, cpu=None):
    """An Op computing ``K.<kernel>(x, *params)``; ``derivative(g, x, *params)`` gives the input gradient.
    ``cpu`` names torch's CPU kernel, which has no integer version (NotImplementedError names it)."""
    kernel = kernel or name.lower()

    def forward(ctx, x, *params):
        if cpu and x._data.dtype.kind not in "f":
            raise NotImplementedError(f'"{cpu}" not implemented for \'{_dtype.type_name(x.dtype)}\'')
        ctx.save_for_backward(x)
        ctx.params = params
        return getattr(K, kernel)(float_array(x), *params)

    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return (derivative(g, x, *ctx.params),) + (None,) * len(ctx.params)

    return type(name, (Op,), {"node_name": node_name or name + "Backward0", "forward": staticmethod(forward),
                              "backward": staticmethod(backward)})


def _gate(cond, g):
    """``g`` where ``cond`` holds, else 0."""
    return where(cond, g, g * 0)


def _elu_grad(g, x, alpha, scale, input_scale):
    return where(x > 0, g * scale, g * (scale * alpha * input_scale) * (x * input_scale).exp())


class GeluBackward(Op):
    """GELU's gradient as one fused kernel; its own backward (second derivative) in Tensor ops."""

    node_name = "GeluBackwardBackward0"

    @staticmethod
    def forward(ctx, g, x, approximate):
        ctx.save_for_backward(g, x)
        ctx.approximate = approximate
        return K.gelu_backward(g._data, x._data, approximate)

    @staticmethod
    def backward(ctx, gg):
        g, x = ctx.saved_tensors
        if ctx.approximate == "tanh":
            k, c = math.sqrt(2.0 / math.pi), 0.044715
            t = (k * (x + c * x * x * x)).tanh()
            du = k * (1 + 3 * c * x * x)
            second = (1 - t * t) * (du - x * t * du * du + 3 * k * c * x * x)
        else:
            second = (-0.5 * x * x).exp() * (1.0 / math.sqrt(2 * math.pi)) * (2 - x * x)
        gx = gg * g * second if ctx.needs_input_grad[1] else None
        return GeluBackward.apply(gg, x, ctx.approximate), gx, None


def _silu_grad(g, x):
    s = x.sigmoid()
    return g * s * (1 + x * (1 - s))


def _mish_grad(g, x):
    t = Softplus.apply(x, 1.0, 20.0).tanh()
    return g * (t + x * x.sigmoid() * (1 - t * t))


def _hardswish_grad(g, x):
    return where(x <= -3, g * 0, where(x < 3, g * (x / 3 + 0.5), g))


LeakyRelu = _activation("LeakyRelu", lambda g, x, s: where(x > 0, g, g * s), kernel="leaky_relu", cpu="leaky_relu_cpu")
Elu = _activation("Elu", _elu_grad, cpu="elu_cpu")
Celu = _activation("Celu", _elu_grad, kernel="elu", cpu="elu_cpu")
Gelu = _activation("Gelu", lambda g, x, a: GeluBackward.apply(g, x, a), cpu="GeluKernelImpl")
Silu = _activation("Silu", _silu_grad, cpu="silu_cpu")
Mish = _activation("Mish", _mish_grad, cpu="mish_cpu")
Softplus = _activation("Softplus", lambda g, x, b, th: where(x * b > th, g, g * (x * b).sigmoid()), cpu="softplus_cpu")
Hardtanh = _activation("Hardtanh", lambda g, x, lo, hi: _gate((x > lo) & (x < hi), g))
LogSigmoid = _activation("LogSigmoid", lambda g, x: g * (-x).sigmoid(), kernel="logsigmoid", cpu="log_sigmoid_cpu")
Hardswish = _activation("Hardswish", _hardswish_grad, cpu="hardswish_cpu")
Hardsigmoid = _activation("Hardsigmoid", lambda g, x: _gate((x > -3) & (x < 3), g / 6), cpu="hardsigmoid_cpu")
Softshrink = _activation("Softshrink", lambda g, x, lam: _gate(x.abs() > lam, g), cpu="softshrink_check")
Hardshrink = _activation("Hardshrink", lambda g, x, lam: _gate(x.abs() > lam, g), cpu="hardshrink_cpu")
Threshold = _activation("Threshold", lambda g, x, th, v: _gate(x > th, g))


def _maybe_inplace(input, inplace, fn):
    return apply_inplace(input, lambda s: fn(s)) if inplace else fn(input)


def relu(input, inplace=False):
    return input.relu_() if inplace else input.relu()


def relu_(input):
    return input.relu_()


def relu6(input, inplace=False):
    return hardtanh(input, 0.0, 6.0, inplace)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    return _maybe_inplace(input, inplace, lambda s: LeakyRelu.apply(s, negative_slope))


def leaky_relu_(input, negative_slope=0.01):
    return leaky_relu(input, negative_slope, True)


def elu(input, alpha=1.0, inplace=False):
    return _maybe_inplace(input, inplace, lambda s: Elu.apply(s, alpha, 1.0, 1.0))


def elu_(input, alpha=1.0):
    return elu(input, alpha, True)


def selu(input, inplace=False):
    return _maybe_inplace(input, inplace, lambda s: Elu.apply(s, _SELU_ALPHA, _SELU_SCALE, 1.0))


def selu_(input):
    return selu(input, True)


def celu(input, alpha=1.0, inplace=False):
    if alpha == 0:
        raise RuntimeError("ZeroDivisionError")
    return _maybe_inplace(input, inplace, lambda s: Celu.apply(s, alpha, 1.0, 1.0 / alpha))


def celu_(input, alpha=1.0):
    return celu(input, alpha, True)


def gelu(input, approximate="none"):
    if approximate not in ("none", "tanh"):
        raise RuntimeError("approximate argument must be either none or tanh.")
    return Gelu.apply(input, approximate)


def silu(input, inplace=False):
    return _maybe_inplace(input, inplace, Silu.apply)


def mish(input, inplace=False):
    return _maybe_inplace(input, inplace, Mish.apply)


def softplus(input, beta=1.0, threshold=20.0):
    return Softplus.apply(input, beta, threshold)


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    if input.dtype.name == "bool":
        raise RuntimeError("Bool inputs not supported for hardtanh")
    if not input.is_floating_point():  # integer kernel: bounds truncated to the input's type
        return input.clamp_(int(min_val), int(max_val)) if inplace else input.clamp(int(min_val), int(max_val))
    return _maybe_inplace(input, inplace, lambda s: Hardtanh.apply(s, min_val, max_val))


def hardtanh_(input, min_val=-1.0, max_val=1.0):
    return hardtanh(input, min_val, max_val, True)


def logsigmoid(input):
    return LogSigmoid.apply(input)


def hardswish(input, inplace=False):
    return _maybe_inplace(input, inplace, Hardswish.apply)


def hardsigmoid(input, inplace=False):
    return _maybe_inplace(input, inplace, Hardsigmoid.apply)


def softshrink(input, lambd=0.5):
    if not input.is_floating_point():
        raise NotImplementedError(f'"softshrink_check" not implemented for \'{_dtype.type_name(input.dtype)}\'')
    top = float(np.finfo(input._data.dtype).max)
    if not 0 <= lambd <= top:
        raise RuntimeError(f"lambda must be in range [0, {top:g}] for input dtype {_dtype.type_name(input.dtype)}, "
                           f"but found {lambd:g}")
    return Softshrink.apply(input, lambd)


def hardshrink(input, lambd=0.5):
    return Hardshrink.apply(input, lambd)


def threshold(input, threshold, value, inplace=False):
    if not input.is_floating_point():  # integer kernel: threshold and value truncated to the input's type
        out = where(input > int(threshold), input, Tensor._make(np.array(int(value), input._data.dtype)))
        return input.copy_(out) if inplace else out
    return _maybe_inplace(input, inplace, lambda s: Threshold.apply(s, threshold, value))


def threshold_(input, threshold, value):
    return _maybe_inplace(input, True, lambda s: Threshold.apply(s, threshold, value))


def tanhshrink(input):
    return input - input.tanh()


def softsign(input):
    return input / (input.abs() + 1)


def sigmoid(input):
    return input.sigmoid()


def tanh(input):
    return input.tanh()


def glu(input, dim=-1):
    """First half of ``dim`` gated by the sigmoid of the second half."""
    if not input.is_floating_point():
        raise NotImplementedError(f'"glu_cpu" not implemented for \'{_dtype.type_name(input.dtype)}\'')
    if input.dim() == 0:
        raise RuntimeError("glu does not support scalars because halving size must be even")
    d = wrap_dim(dim, input.dim(), "glu")
    n = input.shape[d]
    if n % 2:
        raise RuntimeError(f"Halving dimension must be even, but dimension {d} is size {n}")
    lead = (slice(None),) * d
    return input[lead + (slice(0, n // 2),)] * input[lead + (slice(n // 2, n),)].sigmoid()


def prelu(input, weight):
    """``max(0, x) + weight * min(0, x)`` with one weight or one per channel (dim 1)."""
    if not isinstance(weight, Tensor):
        raise TypeError(f"prelu(): argument 'weight' (position 2) must be Tensor, not {type(weight).__name__}")
    if input.dtype != weight.dtype:
        raise RuntimeError(f"prelu: Type promoting not supported. Got {_dtype.type_name(input.dtype)} and "
                           f"{_dtype.type_name(weight.dtype)}")
    channels = input.shape[1] if input.dim() >= 2 else 1
    if weight.numel() != 1:
        if input.dim() == 0:
            raise RuntimeError("Not allow zero-dim input tensor.")
        if weight.numel() != channels:
            raise RuntimeError(f"Mismatch of parameter numbers and input channel size. Found parameter numbers = "
                               f"{weight.numel()} and channel size = {channels}.")
    if weight.dim() > 1:
        raise RuntimeError(f"prelu: Expected `weight` to be a scalar or 1D tensor, but got: ndim = {weight.dim()}")
    if weight.numel() != 1 and input.dim() >= 2:
        w = weight.reshape((1, channels) + (1,) * (input.dim() - 2))
    elif weight.numel() == 1:
        w = weight.reshape(())
    else:
        w = weight
    return _Prelu.apply(input, w)


class _Prelu(Op):
    """max(0, x) + w * min(0, x) as one node (PyTorch's PreluKernelBackward0); w is pre-broadcast."""

    node_name = "PreluKernelBackward0"

    @staticmethod
    def forward(ctx, x, w):
        xa, wa = binary_operands(x, w)
        ctx.save_for_backward(x, w)
        return where_np(xa > 0, xa, wa * xa)

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        positive = x > 0
        gx = where(positive, g, g * w) if ctx.needs_input_grad[0] else None
        gw = where(positive, g * 0, g * x).sum_to_size(w.shape) if ctx.needs_input_grad[1] else None
        return gx, gw


class RreluWithNoise(Op):
    """``x`` where positive, else ``x * slope`` (a fixed array or number): PyTorch's ``rrelu_with_noise``."""

    @staticmethod
    def forward(ctx, x, slope):
        ctx.save_for_backward(x)
        ctx.slope = slope
        return where_np(x._data > 0, x._data, x._data * slope)

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        slope = Tensor._make(ctx.slope) if isinstance(ctx.slope, np.ndarray) else ctx.slope
        return where(x > 0, g, g * slope), None


def rrelu(input, lower=1.0 / 8, upper=1.0 / 3, training=False, inplace=False):
    """Leaky ReLU with a random negative slope in [lower, upper] when training, their mean otherwise."""
    if lower > upper:
        raise RuntimeError("Lower bound should be less than or equal to the upper bound")
    if training:  # torch's CPU kernel: one double uniform per element <= 0, in order, bounds in the op math type
        data = input._data
        if data.dtype.kind != "f" or data.dtype == np.float16:
            raise NotImplementedError(f'"rrelu_with_noise_out_cpu" not implemented for \'{_dtype.type_name(input.dtype)}\'')
        math_t = np.float64 if data.dtype == np.float64 else np.float32
        lo, hi = float(math_t(lower)), float(math_t(upper))
        neg = data <= 0
        slope = np.ones(data.shape, data.dtype)
        slope[neg] = (_gen()._unit(int(neg.sum()), np.float64) * (hi - lo) + lo).astype(math_t)
    elif not input.is_floating_point():
        raise NotImplementedError(f'"leaky_relu_cpu" not implemented for \'{_dtype.type_name(input.dtype)}\'')
    else:
        slope = input._data.dtype.type((lower + upper) / 2)
    return _maybe_inplace(input, inplace, lambda s: RreluWithNoise.apply(s, slope))


def rrelu_(input, lower=1.0 / 8, upper=1.0 / 3, training=False):
    return rrelu(input, lower, upper, training, True)


# ---- softmax family (the ops live in autograd/ops/softmax.py) ----------------------------------------
def _get_softmax_dim(name, ndim, stacklevel):
    warnings.warn(f"Implicit dimension choice for {name} has been deprecated. Change the call to include dim=X "
                  "as an argument.", stacklevel=stacklevel)
    return 0 if ndim in (0, 1, 3) else 1


def _softmax_call(fname, input, dim, dtype, stacklevel, name):
    if dim is None:
        dim = _get_softmax_dim(name, input.dim(), stacklevel + 1)
    return getattr(_softmax_ops, fname)(input, dim, dtype)


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    return _softmax_call("softmax", input, dim, dtype, _stacklevel, "softmax")


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    return _softmax_call("log_softmax", input, dim, dtype, _stacklevel, "log_softmax")


def softmin(input, dim=None, _stacklevel=3, dtype=None):
    if dim is None:
        dim = _get_softmax_dim("softmin", input.dim(), _stacklevel)
    if dtype is not None:
        input = input.to(dtype)
    return softmax(-input, dim)
