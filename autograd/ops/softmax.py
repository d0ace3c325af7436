"""softmax / log_softmax along a dim, through the ``softmax``/``log_softmax`` kernels (max-shifted: no overflow).

Each gradient is an Op of its own (fused kernel forward, backward in Tensor ops), so double
backward works, as PyTorch's ``SoftmaxBackwardDataBackward0``.
"""
import warnings

from .. import _dtype
from .. import kernels as K
from ..function import Op
from ..tensor import register_method
from ._util import wrap_dim


def _kernel_input(a, name):
    arr = a._data
    if arr.dtype.kind != "f":
        raise NotImplementedError(f"\"{name}_lastdim_kernel_impl\" not implemented for "
                                  f"'{_dtype.type_name(_dtype.from_numpy_dtype(arr.dtype))}'")
    return arr.reshape(1) if arr.ndim == 0 else arr


class Softmax(Op):
    node_name = "SoftmaxBackward0"
    save_output = True
    saved_names = {"dim": lambda ctx: ctx.dim}
    _kernel = "softmax"

    @classmethod
    def forward(cls, ctx, a, dim):
        ctx.dim = dim
        arr = _kernel_input(a, cls._kernel)
        if arr.size == 0:
            return arr.reshape(a._data.shape).copy()
        return getattr(K, cls._kernel)(arr, dim).reshape(a._data.shape)

    @staticmethod
    def backward(ctx, g):
        return SoftmaxBackwardData.apply(g, ctx.output, ctx.dim), None


class LogSoftmax(Softmax):
    node_name = "LogSoftmaxBackward0"
    _kernel = "log_softmax"

    @staticmethod
    def backward(ctx, g):
        return LogSoftmaxBackwardData.apply(g, ctx.output, ctx.dim), None


def _unary_kernel_args(g, y):
    ga, ya = g._data, y._data
    return (ga.reshape(1), ya.reshape(1)) if ga.ndim == 0 else (ga, ya)


class SoftmaxBackwardData(Op):
    """dx = y * (g - sum(g * y)); its own adjoint in (g, y) is written in Tensor ops."""

    node_name = "SoftmaxBackwardDataBackward0"
    _kernel = "softmax_backward"

    @classmethod
    def forward(cls, ctx, g, y, dim):
        ctx.save_for_backward(g, y)
        ctx.dim = dim
        if g._data.size == 0:
            return g._data.astype(y._data.dtype)
        return getattr(K, cls._kernel)(*_unary_kernel_args(g, y), dim).reshape(g._data.shape)

    @staticmethod
    def backward(ctx, gg):
        g, y = ctx.saved_tensors
        d = ctx.dim
        need_g, need_y = ctx.needs_input_grad[:2]
        dg = SoftmaxBackwardData.apply(gg, y, d) if need_g else None
        dy = None
        if need_y:
            dy = gg * (g - (g * y).sum(d, keepdim=True)) - g * (gg * y).sum(d, keepdim=True)
        return dg, dy, None


class LogSoftmaxBackwardData(SoftmaxBackwardData):
    """dx = g - exp(y) * sum(g), y = log_softmax(x)."""

    node_name = "LogSoftmaxBackwardDataBackward0"
    _kernel = "log_softmax_backward"

    @staticmethod
    def backward(ctx, gg):
        g, y = ctx.saved_tensors
        d = ctx.dim
        need_g, need_y = ctx.needs_input_grad[:2]
        p = y.exp()
        dg = gg - (gg * p).sum(d, keepdim=True) if need_g else None
        dy = -gg * p * g.sum(d, keepdim=True) if need_y else None
        return dg, dy, None


def _prepare(input, dim, dtype, name):
    if dim is None:
        warnings.warn(f"Implicit dimension choice for {name} has been deprecated. Change the call to include "
                      "dim=X as an argument.", UserWarning, stacklevel=3)
        dim = 0 if input._data.ndim in (0, 1, 3) else 1
    if dtype is not None:
        input = input.to(dtype)
    return input, wrap_dim(dim, input._data.ndim, name)


def softmax(input, dim=None, dtype=None):
    """exp(x) / sum(exp(x)) along ``dim``, computed in ``dtype`` if given."""
    input, dim = _prepare(input, dim, dtype, "softmax")
    return Softmax.apply(input, dim)


def log_softmax(input, dim=None, dtype=None):
    """x - logsumexp(x) along ``dim``, computed in ``dtype`` if given."""
    input, dim = _prepare(input, dim, dtype, "log_softmax")
    return LogSoftmax.apply(input, dim)


register_method("softmax")(lambda self, dim=None, dtype=None: softmax(self, dim, dtype))
register_method("log_softmax")(lambda self, dim=None, dtype=None: log_softmax(self, dim, dtype))
