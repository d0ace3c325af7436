"""Convolutions (1-d, 2-d, 3-d, plain and transposed) through one N-d mechanism.

Three bilinear kernels close under differentiation: ``y = conv(x, w)``, its input adjoint
``x = conv_T(y, w)`` (the transposed convolution) and its weight adjoint ``w = conv_W(x, y)``.
Each op's backward is written with the other two, so gradients of every order come for free.
"""
import numpy as np

from autograd import _dtype, kernels as K
from autograd._warn import warn_once
from autograd.function import Op
from autograd.ops.padding import pad

from ._geometry import batched, fmt_sizes, ntuple

__all__ = ["conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "unfold", "fold"]


class ConvGeometry:
    """Geometry in the plain convolution's roles: x ``(N, Cin, *x_spatial)`` -> y, kernel, stride ..."""

    __slots__ = ("stride", "padding", "dilation", "groups", "x_spatial", "kernel")

    def __init__(self, stride, padding, dilation, groups, x_spatial, kernel):
        self.stride, self.padding, self.dilation = stride, padding, dilation
        self.groups, self.x_spatial, self.kernel = groups, tuple(x_spatial), tuple(kernel)

    def args(self):
        return self.stride, self.padding, self.dilation, self.groups


class Convolution(Op):
    """``conv(x, w) + b`` or, ``transposed``, ``conv_T(x, w) + b`` (torch's aten::convolution)."""

    node_name = "ConvolutionBackward0"

    @staticmethod
    def forward(ctx, x, w, b, geom, transposed):
        need = ctx.needs_input_grad
        ctx.geom, ctx.transposed = geom, transposed
        ctx.save_for_backward(x if need[1] else None, w if need[0] else None)
        stride, padding, dilation, groups = geom.args()
        bias = None if b is None else b._data
        if not transposed:
            if not need[1]:
                return K.conv_forward(x._data, w._data, bias, stride, padding, dilation, groups)
            # the weight gradient reuses the forward's im2col patches (x is saved version-checked)
            y, ctx.patches = K.conv_forward(x._data, w._data, bias, stride, padding, dilation, groups, True)
            return y
        y = K.conv_backward_input(x._data, w._data, geom.x_spatial, stride, padding, dilation, groups)
        if bias is not None:
            y += bias.reshape((-1,) + (1,) * len(geom.kernel))
        return y

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        geom, transposed = ctx.geom, ctx.transposed
        need = ctx.needs_input_grad
        gx = Convolution.apply(g, w, None, geom, not transposed) if need[0] else None
        gw = gb = None
        patches = ctx.__dict__.pop("patches", None)
        if need[1] and need[2] and not transposed:  # the bias gradient comes with the weight's
            gw, gb = ConvWeightBiasGrad.apply(x, g, geom, patches)
        elif need[1]:
            gw = ConvWeightGrad.apply(g, x, geom) if transposed else ConvWeightGrad.apply(x, g, geom, patches)
        if need[2] and gb is None:
            gb = g.sum((0,) + tuple(range(2, g.dim())))
        return gx, gw, gb, None, None


class ConvWeightGrad(Op):
    """``conv_W(x, y)``: the convolution's weight gradient, bilinear in the input x and output grad y
    (``ConvWeightBiasGrad``: also the bias gradient, y summed per channel, from the same kernel call)."""

    node_name = "ConvolutionBackwardBackward0"
    _bias = False

    @staticmethod
    def forward(ctx, x, y, geom, patches=None):
        ctx.geom = geom
        ctx.save_for_backward(x, y)
        stride, padding, dilation, groups = geom.args()
        return K.conv_backward_weight(x._data, y._data, geom.kernel, stride, padding, dilation, groups,
                                      ctx._fn._bias, patches)

    @staticmethod
    def backward(ctx, gw, gb=None):
        x, y = ctx.saved_tensors
        geom = ctx.geom
        gx = Convolution.apply(y, gw, None, geom, True) if ctx.needs_input_grad[0] else None
        gy = Convolution.apply(x, gw, gb, geom, False) if ctx.needs_input_grad[1] else None
        return gx, gy, None, None


class ConvWeightBiasGrad(ConvWeightGrad):
    node_name = "ConvolutionBackwardBackward0"
    _bias = True


# ---- argument checking ------------------------------------------------------------------------------
def _check_dtypes(input, weight, nd, transposed):
    """After the shape checks: bool has no kernel, and the weight's dtype must be the input's."""
    if input.dtype.name == "bool":
        kernel = (f"slow_conv_transpose{max(nd, 2)}d_out_cpu" if transposed
                  else "compute_columns3d" if nd == 3 else "slow_conv2d_cpu")
        raise NotImplementedError(f'"{kernel}" not implemented for \'Bool\'')
    if input.dtype != weight.dtype:
        raise RuntimeError(f"expected scalar type {_type_word(input)} but found {_type_word(weight)}")


def _expand(value, nd, k, name):
    """torch's ``expand_param_if_needed``: the op's per-dim list (one int per spatial dim of the op) must match
    the weight's spatial dims ``k`` unless it holds one value."""
    vals = ntuple(value, nd, name)
    if k != nd and nd != 1:
        raise RuntimeError(f"expected {name} to be a single integer value or a list of {k} values to match the "
                           f"convolution dimensions, but got {name}={list(vals)}")
    return vals


def _check_common(x, weight, bias, stride, padding, dilation, groups, nd, transposed, output_padding):
    """aten::_convolution's checks before the per-direction ones, in its order and words; returns the
    stride, dilation and output padding as tuples."""
    if bias is not None and not transposed and bias.dtype != x.dtype:
        raise RuntimeError(f"Input type ({_c_type(x)}) and bias type ({_c_type(bias)}) should be the same")
    wdim, wshape = weight.dim(), list(weight.shape)
    if wdim < 3:
        raise RuntimeError("weight should have at least three dimensions")
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")
    wrong_rank = (f"Expected {wdim}-dimensional input for {wdim}-dimensional weight{{}}{wshape}, but got "
                  f"{x.dim()}-dimensional input of size {list(x.shape)} instead")
    if isinstance(padding, str) and padding == "same" and wdim != x.dim():
        raise RuntimeError(wrong_rank.format(""))
    k = wdim - 2
    stride = _expand(stride, nd, k, "stride")
    pad = None if isinstance(padding, str) else _expand(padding, nd, k, "padding")
    dilation = _expand(dilation, nd, k, "dilation")
    out_pad = _expand(output_padding, nd, k, "output_padding") if transposed else ()
    for bad, msg in ((pad is not None and any(p < 0 for p in pad), "negative padding is not supported"),
                     (any(p < 0 for p in out_pad), "negative output_padding is not supported"),
                     (any(s <= 0 for s in stride), "non-positive stride is not supported"),
                     (any(d < 0 for d in dilation), "dilation should be greater than zero")):
        if bad:
            raise RuntimeError(msg)
    if wdim != x.dim():
        raise RuntimeError(wrong_rank.format(" "))
    if weight.shape[0] < groups:
        raise RuntimeError(f"Given groups={groups}, expected weight to be at least {groups} at dimension 0, but got "
                           f"weight of size {wshape} instead")
    if weight.shape[0] % groups:
        raise RuntimeError(f"Given groups={groups}, expected weight to be divisible by {groups} at dimension 0, "
                           f"but got weight of size [{wshape}] instead")
    return stride, dilation, out_pad


def _check_bias(bias, out_channels, wshape, transposed):
    if bias is not None and (bias.dim() != 1 or bias.shape[0] != out_channels):
        prefix = "Given transposed=1, weight" if transposed else "Given weight"
        raise RuntimeError(f"{prefix} of size {wshape}, expected bias to be 1-dimensional with {out_channels} "
                           f"elements, but got bias of size {list(bias.shape)} instead")


def _type_word(t):
    return _dtype.type_name(t.dtype)


def _c_type(t):
    from autograd.ops.linalg import _CPP_NAMES
    return _CPP_NAMES[t.dtype.name]


def _padding_pairs(padding, nd, kernel, dilation, stride):
    if isinstance(padding, str):
        if padding == "valid":
            return ((0, 0),) * nd
        if padding == "same":
            if any(s != 1 for s in stride):
                raise RuntimeError("padding='same' is not supported for strided convolutions")
            pairs = []
            for k, d in zip(kernel, dilation):
                total = d * (k - 1)
                pairs.append((total // 2, total - total // 2))
            if any(lo != hi for lo, hi in pairs):
                warn_once("conv_padding_same", "Using padding='same' with even kernel lengths and odd dilation may "
                          "require a zero-padded copy of the input be created")
            return tuple(pairs)
        raise RuntimeError(f"Invalid padding string: '{padding}'")
    pad = ntuple(padding, nd, "padding")
    if any(p < 0 for p in pad):
        raise RuntimeError("negative padding is not supported")
    return tuple((p, p) for p in pad)


def _convolution(input, weight, bias, stride, padding, dilation, groups, nd, op, transposed=False,
                 output_padding=0):
    x, unbatched = batched(input, nd, op)
    stride, dilation, out_pad = _check_common(x, weight, bias, stride, padding, dilation, groups, nd, transposed,
                                              output_padding)
    kernel = tuple(weight.shape[2:])
    pads = _padding_pairs(padding, nd, kernel, dilation, stride)
    wshape, xshape = list(weight.shape), list(x.shape)
    spatial = tuple(x.shape[2:])
    if not transposed:
        if x.shape[1] != weight.shape[1] * groups:
            raise RuntimeError(f"Given groups={groups}, weight of size {wshape}, expected input{xshape} to have "
                               f"{weight.shape[1] * groups} channels, but got {x.shape[1]} channels instead")
        _check_bias(bias, weight.shape[0], wshape, False)
        padded = [s + lo + hi for s, (lo, hi) in zip(spatial, pads)]
        eff = [d * (k - 1) + 1 for k, d in zip(kernel, dilation)]
        if any(p < e for p, e in zip(padded, eff)):
            raise RuntimeError(f"Calculated padded input size per channel: {fmt_sizes(padded)}. Kernel size: "
                               f"{fmt_sizes(eff)}. Kernel size can't be greater than actual input size")
        if any(d == 0 for d in dilation):
            raise RuntimeError(f"dilation should be greater than zero, but got {list(dilation)}")
        geom = ConvGeometry(stride, pads, dilation, groups, spatial, kernel)
    else:
        if x.shape[1] != weight.shape[0]:
            raise RuntimeError(f"Given transposed=1, weight of size {wshape}, expected input{xshape} to have "
                               f"{weight.shape[0]} channels, but got {x.shape[1]} channels instead")
        _check_bias(bias, weight.shape[1] * groups, wshape, True)
        names = ("depth", "height", "width")[3 - max(nd, 2):]  # torch runs 1-d as 2-d with height 1
        lead = ((0,), (1,), (1,)) if nd == 1 else ((), (), ())
        if any(d == 0 for d in dilation):
            raise RuntimeError("dilation should be greater than zero, but got " + ", ".join(
                f"dilation_{n}: {v}" for n, v in zip(names, lead[2] + tuple(dilation))))
        if any(op_ >= s and op_ >= d for op_, s, d in zip(out_pad, stride, dilation)):
            raise RuntimeError("output padding must be smaller than either stride or dilation, but got " + " ".join(
                f"{what}_{n}: {v}" for what, vals, pre in zip(("output_padding", "stride", "dilation"),
                                                               (out_pad, stride, dilation), lead)
                for n, v in zip(names, pre + tuple(vals))))
        out_spatial = tuple((s - 1) * st - lo - hi + d * (k - 1) + op_ + 1
                            for s, st, (lo, hi), d, k, op_ in zip(spatial, stride, pads, dilation, kernel, out_pad))
        if any(o <= 0 for o in out_spatial):
            raise RuntimeError(f"Given input size per channel: {fmt_sizes(spatial)}. Calculated output size per "
                               f"channel: {fmt_sizes(out_spatial)}. Output size is too small")
        pads, tail = _transposed_pads(pads, out_pad, stride)
        geom = ConvGeometry(stride, pads, dilation, groups, tuple(o - t for o, t in zip(out_spatial, tail)), kernel)
    _check_dtypes(x, weight, nd, transposed)
    if transposed and any(tail):  # the output padding past every kernel tap: zeros, then the bias
        out = pad(Convolution.apply(x, weight, None, geom, True), [v for t in reversed(tail) for v in (0, t)])
        out = out if bias is None else out + bias.reshape((-1,) + (1,) * nd)
    else:
        out = Convolution.apply(x, weight, bias, geom, transposed)
    return out.squeeze(0) if unbatched else out


def _transposed_pads(pads, out_pad, stride):
    """Padding pairs under which the plain convolution of a transposed convolution's output gives back exactly
    the input's positions (its backward), and the zero tail past every kernel tap. The floor of the output-size
    formula absorbs an output padding below the stride; each further whole stride (an output padding is
    allowed up to the dilation) comes off the right padding, and what it lacks is the tail."""
    pairs, tail = [], []
    for (lo, hi), op_, st in zip(pads, out_pad, stride):
        right = hi - op_ // st * st
        pairs.append((lo, max(right, 0)))
        tail.append(max(-right, 0))
    return tuple(pairs), tuple(tail)


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """1-d convolution over ``(N, C, L)``; the 2-d/3-d mechanism with one spatial dim."""
    return _convolution(input, weight, bias, stride, padding, dilation, groups, 1, "conv1d")


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """2-d convolution (cross-correlation, as torch) over ``(N, C, H, W)``."""
    return _convolution(input, weight, bias, stride, padding, dilation, groups, 2, "conv2d")


def conv3d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    return _convolution(input, weight, bias, stride, padding, dilation, groups, 3, "conv3d")


def _check_transposed_padding(padding, op):
    if isinstance(padding, str):
        raise TypeError(f"{op}(): argument 'padding' must be tuple of ints, not str")


def conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    _check_transposed_padding(padding, "conv_transpose1d")
    return _convolution(input, weight, bias, stride, padding, dilation, groups, 1, "conv_transpose1d", True,
                        output_padding)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """Transposed 2-d convolution (the adjoint of conv2d); weight ``(Cin, Cout/groups, kH, kW)``."""
    _check_transposed_padding(padding, "conv_transpose2d")
    return _convolution(input, weight, bias, stride, padding, dilation, groups, 2, "conv_transpose2d", True,
                        output_padding)


def conv_transpose3d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    _check_transposed_padding(padding, "conv_transpose3d")
    return _convolution(input, weight, bias, stride, padding, dilation, groups, 3, "conv_transpose3d", True,
                        output_padding)



# ---- unfold / fold: the im2col / col2im pair itself ------------------------------------------------------
class Im2Col(Op):
    """``(N, C, H, W) -> (N, C*kh*kw, L)`` sliding blocks; its adjoint is Col2Im."""

    @staticmethod
    def forward(ctx, x, kernel, stride, pads, dilation):
        ctx.args, ctx.spatial = (kernel, stride, pads, dilation), x._data.shape[2:]
        cols = K.im2col(x._data, kernel, stride, pads, dilation)
        return cols.reshape(cols.shape[0], int(np.prod(cols.shape[1:2 + len(kernel)])),
                            int(np.prod(cols.shape[2 + len(kernel):])))

    @staticmethod
    def backward(ctx, g):
        return Col2Im.apply(g, ctx.spatial, *ctx.args), None, None, None, None


class Col2Im(Op):
    """Sum sliding blocks ``(N, C*kh*kw, L)`` back into ``(N, C, H, W)``; its adjoint is Im2Col."""

    @staticmethod
    def forward(ctx, cols, spatial, kernel, stride, pads, dilation):
        ctx.args = (kernel, stride, pads, dilation)
        arr = cols._data
        out = tuple((s + lo + hi - d * (k - 1) - 1) // st + 1
                    for s, k, st, (lo, hi), d in zip(spatial, kernel, stride, pads, dilation))
        c = arr.shape[1] // int(np.prod(kernel))
        return K.col2im(arr.reshape((arr.shape[0], c) + tuple(kernel) + out), spatial, kernel, stride, pads, dilation)

    @staticmethod
    def backward(ctx, g):
        return Im2Col.apply(g, *ctx.args), None, None, None, None, None


def _block_args(kernel_size, dilation, padding, stride):
    kernel, dilation, pad, stride = (ntuple(v, 2, n) for v, n in ((kernel_size, "kernel_size"), (dilation, "dilation"),
                                                                   (padding, "padding"), (stride, "stride")))
    return kernel, dilation, tuple((p, p) for p in pad), stride


def unfold(input, kernel_size, dilation=1, padding=0, stride=1):
    """Extract sliding local blocks (im2col): ``(N, C, H, W) -> (N, C*prod(kernel_size), L)``."""
    kernel, dilation, pads, stride = _block_args(kernel_size, dilation, padding, stride)
    if input.dim() in (1, 2):
        d = input.dim()
        raise IndexError(f"Dimension out of range (expected to be in range of [{-d}, {d - 1}], but got {d})")
    if input.dim() not in (3, 4):
        raise RuntimeError(f"Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero "
                           f"dimensions for input, but got: {list(input.shape)}")
    x, unbatched = (input.unsqueeze(0), True) if input.dim() == 3 else (input, False)
    out = Im2Col.apply(x, kernel, stride, pads, dilation)
    return out.squeeze(0) if unbatched else out


def fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1):
    """Combine sliding blocks into a tensor, summing overlaps (col2im): the adjoint of unfold."""
    kernel, dilation, pads, stride = _block_args(kernel_size, dilation, padding, stride)
    size = ntuple(output_size, 2, "output_size")
    if input.dim() not in (2, 3):
        raise RuntimeError(f"Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero "
                           f"dimensions for input, but got: {list(input.shape)}")
    x, unbatched = (input.unsqueeze(0), True) if input.dim() == 2 else (input, False)
    k = int(np.prod(kernel))
    if x.shape[1] % k:
        raise RuntimeError(f"Expected size of input's dimension 1 to be divisible by the product of kernel_size, but "
                           f"got input.size(1)={x.shape[1]} and kernel_size={kernel}.")
    blocks = [(s + 2 * p[0] - d * (kk - 1) - 1) // st + 1 for s, kk, st, p, d in zip(size, kernel, stride, pads,
                                                                                   dilation)]
    if x.shape[2] != blocks[0] * blocks[1]:
        raise RuntimeError(f"Given output_size={size}, kernel_size={kernel}, dilation={dilation}, padding="
                           f"{tuple(p for p, _ in pads)}, stride={stride}, expected size of input's dimension 2 to "
                           f"match the calculated number of sliding blocks {blocks[0]} * {blocks[1]} = "
                           f"{blocks[0] * blocks[1]}, but got input.size(2)={x.shape[2]}.")
    out = Col2Im.apply(x, size, kernel, stride, pads, dilation)
    return out.squeeze(0) if unbatched else out
