"""ATen's ``native_*`` functions and functional RNN cells at top level (``torch.native_layer_norm``,
``torch.lstm_cell``, ...): tuples with the statistics / mask the backward keeps, over nn's implementations."""
import importlib

import numpy as np

from ..function import Op
from ..tensor import Tensor

__all__ = ["native_layer_norm", "native_group_norm", "native_batch_norm", "native_dropout", "grid_sampler_2d",
           "grid_sampler_3d", "lstm_cell", "gru_cell", "rnn_tanh_cell",
           "rnn_relu_cell"]


def _nn():
    # nn imports autograd: resolved at call time
    return importlib.import_module("nn.functional.normalization"), importlib.import_module("nn.modules.rnn")


def _no_grad():
    from ..grad_mode import no_grad
    return no_grad()


def native_layer_norm(input, normalized_shape, weight, bias, eps):
    """``(y, mean, rstd)``; the statistics have the input's leading dims and size-1 normalised dims."""
    norm, _ = _nn()
    y = norm.layer_norm(input, normalized_shape, weight, bias, eps)
    k = len(tuple(normalized_shape)) if not isinstance(normalized_shape, int) else 1
    dims = tuple(range(input.dim() - k, input.dim()))
    with _no_grad():
        x = input.detach()
        mean = x.mean(dims, keepdim=True)
        rstd = (x.var(dims, unbiased=False, keepdim=True) + eps).rsqrt()
    return y, mean, rstd


def native_group_norm(input, weight, bias, N, C, HxW, group, eps):
    """``(y, mean, rstd)`` of group norm over the input seen as ``(N, C, HxW)``; the statistics are ``(N, group)``."""
    norm, _ = _nn()
    norm.check_group_norm_inputs(input, weight, bias, C, group)
    for ok, what in ((input.numel() == N * C * HxW, "X.numel() == N * C * HxW"),
                     (input.is_contiguous(), "X.is_contiguous(memory_format)")):
        if not ok:
            raise RuntimeError(f"Expected {what} to be true, but got false.  (Could this error message be improved?  "
                               "If so, please report an enhancement request to PyTorch.)")
    y = norm.group_norm(input, group, weight, bias, eps)
    x = input.reshape(N, group, C // group * HxW)  # torch's statistics are differentiable outputs too
    return y, x.mean(-1), (x.var(-1, unbiased=False) + eps).rsqrt()


def native_batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps):
    """``(y, save_mean, save_invstd)``: the batch statistics per channel when training, empty tensors otherwise."""
    norm, _ = _nn()
    y = norm.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)
    if not training:
        empty = Tensor._make(np.zeros(0, dtype=input._data.dtype))
        return y, empty, Tensor._make(empty._data.copy())
    dims = (0,) + tuple(range(2, input.dim()))
    with _no_grad():
        x = input.detach()
        mean = x.mean(dims)
        invstd = (x.var(dims, unbiased=False) + eps).rsqrt()
    return y, mean, invstd


def native_dropout(input, p, train):
    """``(output, mask)``: torch's dropout returning its boolean keep-mask (all True when not training)."""
    import importlib
    d = importlib.import_module("nn.functional.dropout")
    if train is False or p == 0:
        mask = np.ones(input._data.shape, dtype=bool)
        scale = np.ones((), dtype=input._data.dtype)
        return MaskMultiply.apply(input, scale), Tensor._make(mask)
    m = d._mask(input, p, input.shape)
    return MaskMultiply.apply(input, m), Tensor._make(m != 0)


class MaskMultiply(Op):
    """``x * mask`` for a fixed (scaled) mask broadcastable to x: torch.native_dropout's op (nn's dropout
    subclasses it under the name torch's CPU dropout shows)."""
    node_name = "NativeDropoutBackward0"

    @staticmethod
    def forward(ctx, x, mask):
        ctx.mask = mask
        return x._data * mask

    @staticmethod
    def backward(ctx, g):
        return g * Tensor._make(np.asarray(ctx.mask, dtype=g._data.dtype)), None


def _grid_sampler(nd):
    """ATen's ``grid_sampler_{nd}d``: F.grid_sample with the modes as enum integers."""
    def grid_sampler(input, grid, interpolation_mode, padding_mode, align_corners):
        if input.dim() != nd + 2 or grid.dim() != nd + 2:
            raise RuntimeError(f"grid_sampler(): expected {nd + 2}D input and grid with same number of dimensions, but "
                               f"got input with sizes {list(input.shape)} and grid with sizes {list(grid.shape)}")
        sampling = importlib.import_module("nn.functional.sampling")
        return sampling.grid_sample(input, grid, ("bilinear", "nearest", "bicubic")[interpolation_mode],
                                    ("zeros", "border", "reflection")[padding_mode], align_corners)
    grid_sampler.__name__ = grid_sampler.__qualname__ = f"grid_sampler_{nd}d"
    return grid_sampler


grid_sampler_2d, grid_sampler_3d = _grid_sampler(2), _grid_sampler(3)


def _cell(name, step_name):
    """The functional RNN cell ``name`` (aten's signature: biases optional and positional) over nn's step."""
    def cell(input, hx, w_ih, w_hh, b_ih=None, b_hh=None):
        lin = importlib.import_module("nn.functional.linear").linear
        _, rnn = _nn()
        state = tuple(hx) if step_name == "_lstm_step" else hx
        return getattr(rnn, step_name)(lin(input, w_ih, b_ih), state, w_hh, b_hh)[1]
    cell.__name__ = cell.__qualname__ = name
    return cell


lstm_cell, gru_cell = _cell("lstm_cell", "_lstm_step"), _cell("gru_cell", "_gru_step")
rnn_tanh_cell, rnn_relu_cell = _cell("rnn_tanh_cell", "_rnn_tanh_step"), _cell("rnn_relu_cell", "_rnn_relu_step")
