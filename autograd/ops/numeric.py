"""Numerical helpers of the torch namespace: frexp/ldexp/nextafter (float bit manipulation), ``gradient``
(finite differences), ``histogram``, ``cumulative_trapezoid`` and ``renorm``.

The differentiable ones are composed from existing ops (as PyTorch composes them), so gradients come for free.
"""
import builtins
import numpy as np

from .. import _dtype
from .. import return_types
from ..function import Op
from ..tensor import Tensor, register_method
from ._util import normalize_dims, wrap_dim
from .arithmetic import _out
from .misc import binary_op
from .pointwise import _tensor_args, tensor_method, where


# ---- float bit manipulation ----------------------------------------------------------------------------
class Frexp(Op):
    node_name = "FrexpBackward0"

    @staticmethod
    def forward(ctx, a):
        arr = a._data
        if arr.dtype.kind != "f":
            raise RuntimeError("torch.frexp() only supports floating-point dtypes")
        m, e = np.frexp(arr)
        ctx.exponent = e
        return m.astype(arr.dtype), e.astype(np.int32)

    @staticmethod
    def backward(ctx, g, _ge):
        return g / Tensor._make(np.ldexp(np.ones((), g._data.dtype), ctx.exponent).astype(g._data.dtype))


def frexp(input, *, out=None):
    m, e = Frexp.apply(input)
    if out is not None:
        out[0].copy_(m)
        out[1].copy_(e)
        m, e = out
    return return_types.frexp(m, e)


class Ldexp(Op):
    """input * 2**other, with PyTorch's result dtype (that of ``mul(input, pow(2.0, other))``)."""
    node_name = "LdexpBackward0"
    save_output = True

    @staticmethod
    def forward(ctx, a, e):
        from .arithmetic import mul, pow
        ctx.save_for_backward(e)
        return mul(a.detach(), pow(2.0, e.detach()))._data

    @staticmethod
    def backward(ctx, g):
        from .arithmetic import pow
        (e,) = ctx.saved_tensors
        scale = pow(2.0, e if e._data.dtype.kind == "f" else e.to(g.dtype))
        ge = g * ctx.output * float(np.log(2.0)) if ctx.needs_input_grad[1] else None
        return g * scale, ge


def ldexp(input, other, *, out=None):
    _tensor_args("ldexp", input, other)
    res = Ldexp.apply(input, other)
    return _out(res, out)


nextafter = binary_op("nextafter", np.nextafter, lambda g, a, b, o: g, lambda g, a, b, o: g * 0, floating="only",
                      tensors_only=True)


# ---- finite differences ------------------------------------------------------------------------------
def _check_spacing_len(spacing, dims, dim_given, ndim):
    if len(spacing) != len(dims):
        if dim_given:
            raise RuntimeError(f"torch.gradient expected spacing to be unspecified, a scalar or it's spacing and dim "
                               f"arguments to have the same length, but got a spacing argument of length "
                               f"{len(spacing)} and a dim argument of length {len(dims)}.")
        raise RuntimeError(f"torch.gradient expected spacing to be unspecified, a scalar, or a list of length equal "
                           f"to 'self.dim() = {ndim}', since dim argument was not given, but got a list of length "
                           f"{len(spacing)}")


def _gradient_1d(f, d, h, edge_order):
    """Derivative of ``f`` along dim ``d``; ``h`` is a Python number (uniform) or a 1-D coordinate array."""
    n = f.shape[d]
    sl = lambda a, b: f.narrow(d, a, b - a)  # noqa: E731
    bshape = [1] * f.ndim
    bshape[d] = -1

    def coef(arr):
        return Tensor._make(np.asarray(arr, dtype=f._data.dtype).reshape(bshape))
    if not isinstance(h, np.ndarray):
        interior = (sl(2, n) - sl(0, n - 2)) / (2 * h)
        if edge_order == 1:
            first = (sl(1, 2) - sl(0, 1)) / h
            last = (sl(n - 1, n) - sl(n - 2, n - 1)) / h
        else:
            first = (sl(0, 1) * -1.5 + sl(1, 2) * 2 - sl(2, 3) * 0.5) / h
            last = (sl(n - 3, n - 2) * 0.5 - sl(n - 2, n - 1) * 2 + sl(n - 1, n) * 1.5) / h
    else:
        dx = np.diff(h)
        hl, hr = dx[:-1], dx[1:]
        a = -hr / (hl * (hl + hr))
        b = (hr - hl) / (hl * hr)
        c = hl / (hr * (hl + hr))
        interior = sl(0, n - 2) * coef(a) + sl(1, n - 1) * coef(b) + sl(2, n) * coef(c)
        if edge_order == 1:
            first = (sl(1, 2) - sl(0, 1)) / float(dx[0])
            last = (sl(n - 1, n) - sl(n - 2, n - 1)) / float(dx[-1])
        else:
            h1, h2 = float(dx[0]), float(dx[1])
            first = (sl(0, 1) * (-(2 * h1 + h2) / (h1 * (h1 + h2))) + sl(1, 2) * ((h1 + h2) / (h1 * h2))
                     + sl(2, 3) * (-h1 / (h2 * (h1 + h2))))
            h1, h2 = float(dx[-1]), float(dx[-2])
            last = (sl(n - 3, n - 2) * (h1 / (h2 * (h1 + h2))) + sl(n - 2, n - 1) * (-(h2 + h1) / (h1 * h2))
                    + sl(n - 1, n) * ((2 * h1 + h2) / (h1 * (h1 + h2))))
    from .joining import cat
    return cat([first, interior, last], d)


def gradient(input, *, spacing=1, dim=None, edge_order=1):
    """torch.gradient: second-order central differences inside, first/second-order one-sided at the edges."""
    if edge_order not in (1, 2):
        raise RuntimeError("torch.gradient only supports edge_order=1 and edge_order=2.")
    if isinstance(spacing, Tensor):
        raise TypeError("gradient() received an invalid combination of arguments - got (Tensor, spacing=Tensor)")
    spacing = 1 if spacing is None else spacing  # torch: spacing=None is the default unit spacing
    dim_given = dim is not None
    dims = list(range(input.ndim)) if dim is None else list(normalize_dims(dim, input.ndim))
    for d in dims:
        if input.shape[d] < edge_order + 1:
            raise RuntimeError("torch.gradient expected each dimension size to be at least edge_order+1")
    if isinstance(spacing, (list, tuple)):
        spacing = list(spacing)
        _check_spacing_len(spacing, dims, dim_given, input.ndim)
    else:
        spacing = [spacing] * len(dims)
    f = input if input._data.dtype.kind == "f" else input.to(_dtype.get_default_dtype())
    out = []
    for d, h in zip(dims, spacing):
        if isinstance(h, Tensor):
            coords = h._data.astype(np.float64)
            if coords.ndim != 1 or coords.shape[0] != input.shape[d]:
                raise RuntimeError("torch.gradient expected each tensor to be on the same device and have the "
                                   "same size as the dimension it belongs to")
            h = coords
        else:
            h = float(h)
        out.append(_gradient_1d(f, d, h, edge_order))
    return tuple(out)


# ---- histogram ------------------------------------------------------------------------------------------
def histogram(input, bins=100, *, range=None, weight=None, density=False, out=None):
    arr = input._data
    if arr.dtype.kind != "f":
        raise NotImplementedError(f"\"histogramdd\" not implemented for '{_dtype.type_name(input.dtype)}'")
    if isinstance(bins, Tensor):
        edges = bins._data
        if edges.dtype != arr.dtype:
            raise RuntimeError(f"torch.histogramdd: input tensor and bins tensors should have the same dtype, but got "
                               f"input with dtype {_dtype.type_name(input.dtype).lower()} and bins for dimension 0 "
                               f"with dtype {_dtype.type_name(bins.dtype).lower()}")
        if edges.ndim != 1:
            raise RuntimeError(f"torch.histogramdd: bins tensor should have one dimension, but got {edges.ndim} "
                               f"dimensions in the bins tensor for dimension 0")
        if edges.size == 0:
            raise RuntimeError("torch.histogramdd: bins tensor should have at least 1 element, but got 0 elements "
                               "in the bins tensor for dimension 0")
    else:
        bins = int(bins)
        if bins <= 0:
            raise RuntimeError(f"torch.histogram(): bins must be > 0, but got {bins} for dimension 0")
        if range is not None:
            lo, hi = float(range[0]), float(range[1])
        elif arr.size:
            lo, hi = float(arr.min()), float(arr.max())
        else:
            lo, hi = 0.0, 1.0
        if not (np.isfinite(lo) and np.isfinite(hi)):
            raise RuntimeError(f"torch.histogramdd: dimension 0's range [{lo:g}, {hi:g}] is not finite")
        if lo > hi:
            raise RuntimeError(f"torch.histogramdd: min should not exceed max, but got min {lo:g} max {hi:g} "
                               f"for dimension 0")
        if lo == hi:
            lo, hi = lo - 0.5, hi + 0.5
        from ..creation import linspace
        edges = linspace(lo, hi, bins + 1, dtype=input.dtype)._data
    if weight is not None and weight._data.dtype != arr.dtype:
        raise RuntimeError(f"torch.histogramdd: if weight tensor is provided, input tensor and weight tensor should "
                           f"have the same dtype, but got input({_dtype.type_name(input.dtype).lower()}), and "
                           f"weight({_dtype.type_name(weight.dtype).lower()})")
    if weight is not None and weight._data.shape != arr.shape:
        raise RuntimeError(f"torch.histogramdd: if weight tensor is provided it should have the same shape as the "
                           f"input tensor excluding its innermost dimension, but got input with shape "
                           f"{list(arr.reshape(-1, 1).shape)} and weight with shape {list(weight._data.shape)}")
    flat = arr.reshape(-1)
    w = None if weight is None else weight._data.reshape(-1)
    nb = len(edges) - 1
    hist = np.zeros(max(nb, 0), dtype=np.float64)
    if nb > 0 and edges[0] <= edges[-1]:
        inside = (flat >= edges[0]) & (flat <= edges[-1])
        idx = np.searchsorted(edges, flat[inside], side="right") - 1
        idx = np.minimum(idx, nb - 1)
        np.add.at(hist, idx, 1.0 if w is None else w[inside])
    if density:
        with np.errstate(all="ignore"):
            hist = hist / (hist.sum() * np.diff(edges.astype(np.float64)))
    res = return_types.histogram(Tensor._make(hist.astype(arr.dtype)), Tensor._make(np.array(edges, dtype=arr.dtype)))
    if out is not None:
        out[0].copy_(res[0])
        out[1].copy_(res[1])
    return res


# ---- cumulative_trapezoid -----------------------------------------------------------------------------------
def cumulative_trapezoid(y, x=None, *, dx=None, dim=-1):
    if y._data.dtype.kind != "f":
        y = y.to(_dtype.get_default_dtype())
    d = wrap_dim(dim, y.ndim)
    n = y.shape[d]
    left, right = y.narrow(d, 0, max(n - 1, 0)), y.narrow(d, min(1, n), max(n - 1, 0))
    if x is None:
        step = 1.0 if dx is None else dx
        return (step / 2.0 * (left + right)).cumsum(d)
    if x.ndim == 1:
        if x.shape[0] != n:
            raise RuntimeError("cumulative_trapezoid: There must be one `x` value for each sample point")
        shape = [1] * y.ndim
        shape[d] = n - 1
        steps = x.diff().view(shape)
    else:
        steps = x.diff(dim=d)
    from .arithmetic import DivScalar
    return DivScalar.apply((steps * (left + right)).cumsum(d), 2.0)


# ---- renorm ----------------------------------------------------------------------------------------------
class Renorm(Op):
    """``input * factor`` recorded under PyTorch's name (``factor`` depends on ``input`` through its own graph)."""
    node_name = "RenormBackward0"

    @staticmethod
    def forward(ctx, a, factor):
        ctx.save_for_backward(a, factor)
        return a._data * factor._data

    @staticmethod
    def backward(ctx, g):
        a, factor = ctx.saved_tensors
        return g * factor, (g * a).sum_to_size(factor.shape)


def renorm(input, p, dim, maxnorm, *, out=None):
    """Each slice along ``dim`` whose p-norm exceeds ``maxnorm`` is rescaled to norm ``maxnorm``."""
    if input._data.dtype.kind != "f":
        raise RuntimeError(f"renorm: input needs at least 2 dimensions, got {input.ndim} dimensions"
                           if input.ndim < 2 else "renorm: expected a floating point input")
    if input.ndim < 2:
        raise RuntimeError(f"renorm: input needs at least 2 dimensions, got {input.ndim} dimensions")
    if p <= 0:
        raise RuntimeError("renorm: non-positive-norm not supported")
    if maxnorm < 0:
        raise RuntimeError(f"renorm: expected maxnorm to be >= 0 but got {maxnorm:g}")
    d = wrap_dim(dim, input.ndim)
    from ..linalg import vector_norm
    others = [i for i in range(input.ndim) if i != d]
    norm = vector_norm(input, p, dim=others, keepdim=True)
    factor = where(norm > maxnorm, maxnorm / (norm + 1e-7), 1.0)
    res = Renorm.apply(input, factor)
    return _out(res, out)


register_method("frexp")(frexp)
register_method("ldexp")(tensor_method(ldexp, "ldexp"))
register_method("nextafter")(nextafter.method)
register_method("renorm")(renorm)
register_method("histogram")(histogram)


def histogramdd(input, bins=10, *, range=None, weight=None, density=False):
    """Counts (or weight sums) of the points ``input[..., :D]`` in a D-dimensional grid of bins."""
    from .. import return_types
    if input.dim() < 1:
        raise RuntimeError("torch.histogramdd: input tensor should have at least 1 dimension, but got 0")
    D = input.shape[-1]
    pts = input.reshape(-1, D)
    per_dim = list(bins) if isinstance(bins, (list, tuple)) else [bins] * D
    if len(per_dim) != D:
        if all(isinstance(b, int) for b in per_dim):
            raise RuntimeError("histogramdd: The size of bins must be equal to the innermost dimension of the input.")
        raise RuntimeError(f"torch.histogramdd: expected {D} sequences of bin edges for a {D}-dimensional histogram "
                           f"but got {len(per_dim)}")
    edges = []
    for d in builtins.range(D):
        rng = None if range is None else (range[2 * d], range[2 * d + 1])
        edges.append(histogram(pts[:, d].contiguous(), per_dim[d], range=rng).bin_edges)
    arr = pts._data
    keep = np.ones(arr.shape[0], dtype=bool)
    idx = []
    for d, e in enumerate(edges):
        e = e._data
        col = arr[:, d]
        keep &= (col >= e[0]) & (col <= e[-1])
        idx.append(np.minimum(np.searchsorted(e, col, side="right") - 1, len(e) - 2))
    shape = tuple(len(e) - 1 for e in edges)
    hist = np.zeros(shape, dtype=np.float64)
    w = 1.0 if weight is None else weight._data.reshape(-1)[keep]
    np.add.at(hist, tuple(i[keep] for i in idx), w)
    if density:
        widths = np.ones(shape)
        for d, e in enumerate(edges):
            widths = widths * np.diff(e._data.astype(np.float64)).reshape((-1,) + (1,) * (D - 1 - d))
        with np.errstate(all="ignore"):
            hist = hist / (hist.sum() * widths)
    return return_types.histogramdd(Tensor._make(hist.astype(arr.dtype)), tuple(edges))
