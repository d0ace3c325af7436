"""Legacy autograd functions behind some layers (``torch.nn.modules._functions``): CrossMapLRN2d."""
import numpy as np

import autograd
from autograd.function import Op


def _lrn_windows(c, size, dtype):
    """Channel-window matrices of torch's CrossMapLRN2d, obtained by replaying its running-sum loops on
    the identity: the forward's (whose window never drops channel 0) and the backward's (its own window)."""
    eye = np.eye(c)
    pre_pad = int((size - 1) / 2 + 1)
    fwd = np.zeros((c, c))
    fwd[0] = eye[:min(pre_pad, c)].sum(0)
    for ch in range(1, c):
        fwd[ch] = fwd[ch - 1]
        if ch < c - pre_pad + 1:
            fwd[ch] += eye[ch + pre_pad - 1]
        if ch > pre_pad:
            fwd[ch] -= eye[ch - pre_pad]
    inv = int(size - (size - 1) / 2)
    padded = np.zeros((c + size - 1, c))
    padded[inv:inv + c] = eye
    bwd = np.stack([padded[ch:ch + size].sum(0) for ch in range(c)]) if c else np.zeros((0, 0))
    return fwd.astype(dtype), bwd.astype(dtype)


def _mix(m, x):
    """Channel mixing ``out[n, c] = sum_d m[c, d] x[n, d]`` of a 4-d Tensor."""
    n, c, h, w = x.shape
    return (m @ x.reshape(n, c, h * w)).reshape(n, c, h, w)


class CrossMapLRN2d(Op):
    """y = x * (k + alpha/size * windowed sum of x^2 over channels)^-beta, with torch's gradient formula."""

    node_name = "CrossMapLRN2dBackward"

    @staticmethod
    def forward(ctx, input, size, alpha=1e-4, beta=0.75, k=1):
        if input.dim() != 4:
            raise ValueError(f"CrossMapLRN2d: Expected input to be 4D, got {input.dim()}D instead.")
        x = input._data
        fwd, bwd = _lrn_windows(x.shape[1], size, x.dtype)
        n, c, h, w = x.shape
        scale = (fwd @ (x * x).reshape(n, c, h * w)).reshape(x.shape) * (alpha / size) + k
        ctx.save_for_backward(input)
        ctx.params, ctx.windows = (size, alpha, beta, k), (fwd, bwd)
        return (scale ** -beta * x).astype(x.dtype, copy=False)

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        size, alpha, beta, k = ctx.params
        fwd, bwd = (autograd.from_numpy(m) for m in ctx.windows)
        scale = _mix(fwd, x * x) * (alpha / size) + k
        inv = scale.pow(-beta)
        ratio = g * x * inv / scale
        return inv * g - (2 * alpha * beta / size) * x * _mix(bwd, ratio), None, None, None, None
