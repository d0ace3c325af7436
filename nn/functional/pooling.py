"""Max, average and adaptive pooling over 1, 2 or 3 spatial dims (one N-d mechanism each).

Max pooling keeps the argmax (a flat index into each input plane, as torch's ``return_indices``);
its gradient is a scatter-add at those indices and the scatter's adjoint is the gather, so the two
index ops differentiate each other. Average pooling is linear: the forward and its adjoint likewise.
Adaptive average pooling is separable: one small averaging matrix per spatial dim.
"""
import numpy as np

from autograd import kernels as K
from autograd.function import Op

__all__ = ["max_pool1d", "max_pool2d", "max_pool3d", "max_pool1d_with_indices", "max_pool2d_with_indices",
           "max_pool3d_with_indices", "avg_pool1d", "avg_pool2d", "avg_pool3d", "adaptive_avg_pool1d",
           "adaptive_avg_pool2d", "adaptive_avg_pool3d", "adaptive_max_pool1d", "adaptive_max_pool2d",
           "adaptive_max_pool3d", "adaptive_max_pool1d_with_indices", "adaptive_max_pool2d_with_indices",
           "adaptive_max_pool3d_with_indices", "max_unpool1d", "max_unpool2d", "max_unpool3d", "lp_pool1d",
           "lp_pool2d"]


# ---- index scatter / gather: the gradient pair of every max pooling ---------------------------------
class IndexScatter(Op):
    """``out[n, c, idx] += g`` over flattened spatial dims (max pooling's input gradient, max_unpool)."""

    node_name = "MaxPoolBackwardBackward0"

    @staticmethod
    def forward(ctx, g, idx, spatial):
        ctx.idx = idx
        return K.index_scatter_add(g._data, idx, spatial)

    @staticmethod
    def backward(ctx, gg):
        return IndexGather.apply(gg, ctx.idx), None, None


class IndexGather(Op):
    @staticmethod
    def forward(ctx, x, idx):
        ctx.idx, ctx.spatial = idx, x._data.shape[2:]
        return K.index_gather(x._data, idx)

    @staticmethod
    def backward(ctx, g):
        return IndexScatter.apply(g, ctx.idx, ctx.spatial), None


class MaxPool(Op):
    """Max over windows; second output: the int64 argmax indices (never differentiable)."""

    @staticmethod
    def forward(ctx, x, kernel, stride, pads, dilation, out):
        y, idx = K.max_pool_forward(x._data, kernel, stride, pads, dilation, out)
        ctx.idx, ctx.spatial = idx, x._data.shape[2:]
        return y, idx

    @staticmethod
    def backward(ctx, g, _gidx=None):
        return IndexScatter.apply(g, ctx.idx, ctx.spatial), None, None, None, None, None


class AdaptiveMaxPool(Op):
    @staticmethod
    def forward(ctx, x, out):
        y, idx = K.adaptive_max_pool_forward(x._data, out)
        ctx.idx, ctx.spatial = idx, x._data.shape[2:]
        return y, idx

    @staticmethod
    def backward(ctx, g, _gidx=None):
        return IndexScatter.apply(g, ctx.idx, ctx.spatial), None


class AvgPool(Op):
    @staticmethod
    def forward(ctx, x, kernel, stride, pads, out, divisor):
        ctx.geom = (x._data.shape[2:], kernel, stride, pads, divisor)
        return K.avg_pool_forward(x._data, kernel, stride, pads, out, divisor)

    @staticmethod
    def backward(ctx, g):
        return AvgPoolAdjoint.apply(g, ctx.geom), None, None, None, None, None


class AvgPoolAdjoint(Op):
    node_name = "AvgPoolBackwardBackward0"

    @staticmethod
    def forward(ctx, g, geom):
        ctx.geom, ctx.out = geom, g._data.shape[2:]
        spatial, kernel, stride, pads, divisor = geom
        return K.avg_pool_backward(g._data, spatial, kernel, stride, pads, divisor)

    @staticmethod
    def backward(ctx, gg):
        spatial, kernel, stride, pads, divisor = ctx.geom
        return AvgPool.apply(gg, kernel, stride, pads, ctx.out, divisor), None


class SpatialLinear(Op):
    """One matrix per spatial dim (adaptive average pooling); the adjoint applies the transposes."""

    @staticmethod
    def forward(ctx, x, mats):
        ctx.mats = mats
        return K.spatial_linear(x._data, mats)

    @staticmethod
    def backward(ctx, g):
        return SpatialLinear.apply(g, tuple(m.T for m in ctx.mats)), None


_NAMES = {1: "1D", 2: "2D", 3: "3D"}
_MAXPOOL = {nd: type(f"MaxPool{nd}d", (MaxPool,), {"node_name": f"MaxPool{_NAMES[nd]}WithIndicesBackward0"})
            for nd in (1, 2, 3)}
_AVGPOOL = {nd: type(f"AvgPool{nd}d", (AvgPool,), {"node_name": f"AvgPool{_NAMES[nd]}Backward0"}) for nd in (1, 2, 3)}
_ADAPTIVE_AVG = {nd: type(f"AdaptiveAvgPool{nd}d", (SpatialLinear,),
                          {"node_name": f"AdaptiveAvgPool{_NAMES[nd]}Backward0"}) for nd in (1, 2, 3)}
class MaxUnpool(Op):
    """Each value written at its flat index into its output plane, zeros elsewhere: a write, not a sum (of
    duplicate indices one value wins, as torch's CPU kernel); the adjoint gathers at the indices."""

    @staticmethod
    def forward(ctx, x, idx, spatial):
        ctx.idx = idx
        n, c = x._data.shape[:2]
        out = np.zeros((n, c, int(np.prod(spatial))), x._data.dtype)
        m = int(np.prod(idx.shape[2:]))
        np.put_along_axis(out, idx.reshape(n, c, m), x._data.reshape(n, c, m), axis=-1)
        return out.reshape((n, c) + tuple(spatial))

    @staticmethod
    def backward(ctx, g):
        return IndexGather.apply(g, ctx.idx), None, None


_MAXUNPOOL = {nd: type(f"MaxUnpool{nd}d", (MaxUnpool,), {"node_name": f"MaxUnpool{_NAMES[nd]}Backward0"})
              for nd in (2, 3)}


def _as_1d(y):
    """torch runs 1-d pooling as 2-d pooling of ``x.unsqueeze(-2)``: its result's grad_fn is SqueezeBackward1."""
    return y.unsqueeze(-2).squeeze(-2)


_ADAPTIVE_MAX = {nd: type(f"AdaptiveMaxPool{nd}d", (AdaptiveMaxPool,),
                          {"node_name": f"AdaptiveMaxPool{_NAMES[nd]}Backward0"}) for nd in (1, 2, 3)}


# ---- geometry ------------------------------------------------------------------------------------------
def _as_tuple(value, nd, op, what, allow_none=False):
    if value is None or (allow_none and isinstance(value, (list, tuple)) and len(value) == 0):
        return None
    if isinstance(value, (list, tuple)):
        if len(value) == 1:
            return (int(value[0]),) * nd
        if len(value) == nd:
            return tuple(int(v) for v in value)
        ints = "two ints" if nd == 2 else "three ints" if nd == 3 else "one int"
        must = {"kernel_size": "must either be a single int", "stride": "must either be omitted, a single int",
                "padding": "must either be a single int", "dilation": "must be either a single int"}[what]
        raise RuntimeError(f"{op}: {what} {must}, or a tuple of {ints}")
    return (int(value),) * nd


def _output_size(size, k, p, st, d, ceil_mode):
    """ATen's ``pooling_output_shape`` (its checks, then floor division as ``div_rtn``)."""
    if st == 0:
        raise RuntimeError("stride should not be zero")
    if p < 0:
        raise RuntimeError(f"pad must be non-negative, but got pad: {p}")
    if p > int(((k - 1) * d + 1) / 2):  # C division truncates toward zero
        raise RuntimeError(f"pad should be at most half of effective kernel size, but got pad={p}, "
                           f"kernel_size={k} and dilation={d}")
    o = (size + 2 * p - d * (k - 1) - 1 + (st - 1 if ceil_mode else 0)) // st + 1
    if ceil_mode and (o - 1) * st >= size + p:
        o -= 1
    return o


def _shape_check(shape, kernel, stride, pad, dilation, out, fn):
    """ATen's ``pool2d_shape_check`` / ``pool3d_shape_check`` (``fn`` names the 3-d caller; avg_pool3d also
    checks the input against the kernel), in their order and words."""
    nd = len(kernel)
    names = ("T", "H", "W")[3 - nd:]
    checks = (("kernel size", kernel, "k"), ("stride", stride, "d"), ("dilation", dilation, "dilation"))
    for what, vals, prefix in checks:
        if any(v <= 0 for v in vals):
            raise RuntimeError(f"{what} should be greater than zero, but got "
                               + " ".join(f"{prefix}{n}: {v}" for n, v in zip(names, vals)))
    batch = len(shape) == nd + 2
    if nd == 2:
        if any(v == 0 for v in shape[int(batch):]):
            raise RuntimeError(f"Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, "
                               f"but got:{list(shape)}")
        if any(k // 2 < p for k, p in zip(kernel, pad)):
            raise RuntimeError(f"pad should be smaller than or equal to half of kernel size, but got padW = {pad[1]}, "
                               f"padH = {pad[0]}, kW = {kernel[1]}, kH = {kernel[0]}")
    else:
        for i in range(int(batch), len(shape)):
            if shape[i] == 0:  # sic: torch names the dimension by its length
                raise RuntimeError(f"{fn}: Expected input's non-batch dimensions to have positive length, but input "
                                   f"has a shape of {list(shape)} and non-batch dimension {shape[i]} has length zero!")
        if fn == "avg_pool3d()" and any(s < k for s, k in zip(shape[-3:], kernel)):
            raise RuntimeError("input image (T: {} H: {} W: {}) smaller than kernel size (kT: {} kH: {} kW: {})"
                               .format(*shape[-3:], *kernel))
        if any(k // 2 < p for k, p in zip(kernel, pad)):
            (kt, kh, kw), (pt, ph, pw) = kernel, pad
            raise RuntimeError(f"pad should be smaller than or equal to half of kernel size, but got kT: {kt} kW: {kw} "
                               f"kH: {kh} padT: {pt} padW: {pw} padH: {ph}")
    if any(o < 1 for o in out):
        c = shape[-nd - 1]
        raise RuntimeError(f"Given input size: ({'x'.join(map(str, (c,) + tuple(shape[-nd:])))}). Calculated output "
                           f"size: ({'x'.join(map(str, (c,) + tuple(out)))}). Output size is too small")


def _pool_geometry(input, nd, op, kernel_size, stride, padding, dilation, ceil_mode, fn=None):
    """Batched input, kernel, stride, padding pairs, dilation and output size, checked as torch checks them
    (1-d pooling is torch's 2-d pooling of ``x.unsqueeze(-2)``: its checks and messages are the 2-d ones)."""
    kernel = _as_tuple(kernel_size, nd, op, "kernel_size")
    stride = _as_tuple(stride, nd, op, "stride", allow_none=True) or kernel
    pad = _as_tuple(padding, nd, op, "padding")
    dilation = _as_tuple(dilation, nd, op, "dilation")
    dim = input.dim()
    if nd == 1 and dim not in (2, 3):
        raise RuntimeError(f"Expected 2 to 3 dimensions, but got {dim}-dimensional tensor for argument #1 'self' "
                           f"(while checking arguments for {op})")
    shape = tuple(input.shape)
    geom = (kernel, stride, pad, dilation)
    if nd == 1:
        shape = shape[:-1] + (1,) + shape[-1:]
        geom = tuple((v,) + t for v, t in zip((1, 1, 0, 1), geom))
    cnd = len(geom[0])
    if len(shape) not in (cnd + 1, cnd + 2):
        raise RuntimeError(f"non-empty {cnd + 1}D or {cnd + 2}D (batch mode) tensor expected for input")
    out = tuple(_output_size(sz, k, p, st, d, ceil_mode) for sz, k, st, p, d in zip(shape[-cnd:], *geom))
    _shape_check(shape, *geom, out, fn or f"{op}()")
    x, unbatched = (input.unsqueeze(0), True) if dim == nd + 1 else (input, False)
    return x, unbatched, kernel, stride, tuple((p, p) for p in pad), dilation, out[-nd:]


def _check_max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode):
    """The checks of torch's own ``max_pool1d`` (the path without indices), in its words."""
    shape = tuple(input.shape)
    if not ((len(shape) == 2 and shape[0] and shape[1]) or (len(shape) == 3 and shape[1] and shape[2])):
        raise RuntimeError(f"max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for "
                           f"input, but got:{list(shape)}")
    (k,) = _as_tuple(kernel_size, 1, "max_pool1d", "kernel_size")
    (st,) = _as_tuple(stride, 1, "max_pool1d", "stride", allow_none=True) or (k,)
    (p,) = _as_tuple(padding, 1, "max_pool1d", "padding")
    (d,) = _as_tuple(dilation, 1, "max_pool1d", "dilation")
    for ok, msg in ((k > 0, f"kernel_size must be greater than zero, but got {k}"),
                    (st > 0, f"stride must be greater than zero, but got {st}"),
                    (p >= 0, f"padding must be non-negative, but got {p}"),
                    (p <= k // 2, f"padding should be at most half of kernel size, but got padding={p} and "
                                  f"kernel_size={k}"),
                    (d > 0, f"dilation must be greater than zero, but got {d}")):
        if not ok:
            raise RuntimeError(f"max_pool1d() {msg}")
    o = _output_size(shape[-1], k, p, st, d, ceil_mode)
    if o <= 0:
        raise RuntimeError(f"max_pool1d() Invalid computed output size: {o}")


# ---- max pooling ---------------------------------------------------------------------------------------
def _max_pool(input, nd, kernel_size, stride, padding, dilation, ceil_mode, return_indices, op):
    x, unbatched, kernel, stride, pads, dilation, out = _pool_geometry(
        input, nd, op, kernel_size, stride, padding, dilation, ceil_mode,
        "max_pool3d_with_indices_out_cpu_template()" if nd == 3 else None)
    y, idx = _MAXPOOL[nd].apply(x, kernel, stride, pads, dilation, out)
    if unbatched:
        y, idx = y.squeeze(0), idx.squeeze(0)
    y = _as_1d(y) if nd == 1 else y
    return (y, idx) if return_indices else y


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    if not return_indices:  # torch's own 1-d kernel (float only) serves this case
        _check_max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode)
        _float_only(input, "max_pool1d_impl")
    return _max_pool(input, 1, kernel_size, stride, padding, dilation, ceil_mode, return_indices, "max_pool1d")


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """2-d max pooling; ``stride`` defaults to ``kernel_size``; ``return_indices`` adds flat argmax indices."""
    return _max_pool(input, 2, kernel_size, stride, padding, dilation, ceil_mode, return_indices, "max_pool2d")


def max_pool3d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    return _max_pool(input, 3, kernel_size, stride, padding, dilation, ceil_mode, return_indices, "max_pool3d")


def max_pool1d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                            return_indices=False):
    return max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode, True)


def max_pool2d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                            return_indices=False):
    return max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, True)


def max_pool3d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                            return_indices=False):
    return max_pool3d(input, kernel_size, stride, padding, dilation, ceil_mode, True)


# ---- average pooling ---------------------------------------------------------------------------------
def _avg_pool(input, nd, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override, op):
    x, unbatched, kernel, stride, pads, _, out = _pool_geometry(
        input, nd, op, kernel_size, stride, padding, 1, ceil_mode)
    if divisor_override is not None:
        if divisor_override == 0:
            raise RuntimeError("divisor must be not zero")
        divisor = divisor_override
    else:
        dt = x._data.dtype if x._data.dtype.kind == "f" else np.float64
        divisor = K.pool_divisor(x.shape[2:], kernel, stride, pads, out, count_include_pad, dt)
        if np.all(divisor == divisor.flat[0]):
            divisor = divisor.flat[0].item()
    y = _AVGPOOL[nd].apply(x, kernel, stride, pads, out, divisor)
    y = y.squeeze(0) if unbatched else y
    return _as_1d(y) if nd == 1 else y


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    return _avg_pool(input, 1, kernel_size, stride, padding, ceil_mode, count_include_pad, None, "avg_pool1d")


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    """2-d average pooling with torch's divisor rule (count_include_pad, ceil_mode, divisor_override)."""
    return _avg_pool(input, 2, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override,
                     "avg_pool2d")


def avg_pool3d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    return _avg_pool(input, 3, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override,
                     "avg_pool3d")


def _lp_pool(input, nd, norm_type, kernel_size, stride, ceil_mode, pool):
    kernel = _as_tuple(kernel_size, nd, "lp_pool", "kernel_size")
    out = pool(input.pow(norm_type), kernel, stride, 0, ceil_mode)
    k = int(np.prod(kernel))
    return (out.sign() * out.abs().relu()).mul(k).pow(1.0 / norm_type)


def lp_pool1d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    return _lp_pool(input, 1, norm_type, kernel_size, stride, ceil_mode, avg_pool1d)


def lp_pool2d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    return _lp_pool(input, 2, norm_type, kernel_size, stride, ceil_mode, avg_pool2d)


# ---- adaptive pooling ---------------------------------------------------------------------------------
def _nonempty(shape, dims, op):
    for i in dims:
        if shape[i] <= 0:
            raise RuntimeError(f"{op}(): Expected input to have non-zero size for non-batch dimensions, but input has "
                               f"sizes {list(shape)} with dimension {i % len(shape)} being empty")


def _adaptive_geometry(input, nd, output_size, op):
    """Batched input, unbatched flag and output size, checked in torch's order and words; 1-d pooling runs as
    torch's 2-d pooling of ``x.unsqueeze(-2)``. Average pooling to all ones is torch's unchecked mean shortcut:
    then the input is None."""
    shape = tuple(input.shape)
    if not isinstance(output_size, (list, tuple)):
        size = [output_size] * nd
    elif nd == 1:
        size = list(output_size)
    elif len(output_size) >= len(shape):  # torch's Python-side _list_with_default
        raise ValueError(f"Input dimension should be at least {len(output_size) + 1}")
    else:
        size = [s if s is not None else d for s, d in zip(output_size, shape[len(shape) - len(output_size):])]
    size = [int(s) for s in size]
    name = op
    if nd == 1:
        if len(shape) not in (2, 3):
            raise RuntimeError(f"Expected 2 to 3 dimensions, but got {len(shape)}-dimensional tensor for argument #1 "
                               f"'self' (while checking arguments for {op})")
        if len(size) != 1:
            raise RuntimeError(f"{op}() argument 'output_size' should contain one int (got {len(size)})")
        if "max" in op:
            _nonempty(shape, range(1, len(shape)), op)
        shape, size, name = shape[:-1] + (1,) + shape[-1:], [1] + size, op.replace("1d", "2d")
    cnd = max(nd, 2)
    ndim_ok = len(shape) in (cnd + 1, cnd + 2)
    if "avg" in op:
        if len(size) != cnd:
            raise RuntimeError(f"{name}: output_size must be {cnd}")
        if any(s < 0 for s in size):
            got = f"{size[0]}, {size[1]}" + (f",{size[2]}" if cnd == 3 else "")
            raise RuntimeError(f"{name}: elements of output_size must be greater than or equal to 0 but received "
                               f"{{{got}}}")
        if all(s == 1 for s in size):
            return None, False, tuple(size[-nd:])
        if cnd == 3:
            _nonempty(shape, range(1, len(shape)), name)
        if not ndim_ok:
            raise RuntimeError(f"{name}(): Expected {cnd + 1}D or {cnd + 2}D tensor, but got {list(shape)}")
        _nonempty(shape, (-2, -1), name)
    else:
        if not ndim_ok:
            raise RuntimeError(f"{name}(): Expected {cnd + 1}D or {cnd + 2}D tensor, but got: {list(shape)}")
        _nonempty(shape, range(1, len(shape)), name)
        if len(size) != cnd:
            raise RuntimeError(f"{name}(): internal error: output_size.size() must be {cnd}")
        out = list(shape[:-cnd]) + size
        neg = [s for s in size if s < 0]
        if neg:
            raise RuntimeError(f"Trying to create tensor with negative dimension {neg[0]}: {out}")
    x, unbatched = (input, False) if input.dim() == nd + 2 else (input.unsqueeze(0), True)
    return x, unbatched, tuple(size[-nd:])


def _float_only(x, kernel):
    """torch's CPU kernel ``kernel`` has no integer version."""
    if x._data.dtype.kind != "f":
        from autograd._dtype import type_name
        raise NotImplementedError(f'"{kernel}" not implemented for \'{type_name(x.dtype)}\'')


def _adaptive_avg_pool(input, nd, output_size, op):
    x, unbatched, size = _adaptive_geometry(input, nd, output_size, op)
    if x is None:
        y = input.mean(tuple(range(-nd, 0)), keepdim=True)
        return _as_1d(y) if nd == 1 else y
    _float_only(x, "adaptive_avg_pool3d_cpu" if nd == 3 else "adaptive_avg_pool2d")
    dt = x._data.dtype
    mats = tuple(K.adaptive_pool_matrix(s, o, dt) for s, o in zip(x.shape[2:], size))
    y = _ADAPTIVE_AVG[nd].apply(x, mats)
    y = y.squeeze(0) if unbatched else y
    return _as_1d(y) if nd == 1 else y


def adaptive_avg_pool1d(input, output_size):
    return _adaptive_avg_pool(input, 1, output_size, "adaptive_avg_pool1d")


def adaptive_avg_pool2d(input, output_size):
    """Average pool to a fixed output size (an int, or a pair whose None entries keep the input size)."""
    return _adaptive_avg_pool(input, 2, output_size, "adaptive_avg_pool2d")


def adaptive_avg_pool3d(input, output_size):
    return _adaptive_avg_pool(input, 3, output_size, "adaptive_avg_pool3d")


def _adaptive_max_pool(input, nd, output_size, return_indices, op):
    x, unbatched, size = _adaptive_geometry(input, nd, output_size, op)
    _float_only(x, "adaptive_max_pool3d_cpu" if nd == 3 else "adaptive_max_pool2d")
    if nd == 1:  # as PyTorch: a 2-d pool over (1, L) (so the result's grad_fn is SqueezeBackward1)
        y, idx = _ADAPTIVE_MAX[2].apply(x.unsqueeze(-2), (1,) + tuple(size))
        y, idx = y.squeeze(-2), idx.squeeze(-2)
    else:
        y, idx = _ADAPTIVE_MAX[nd].apply(x, size)
    if unbatched:
        y, idx = y.squeeze(0), idx.squeeze(0)
    return (y, idx) if return_indices else y


def adaptive_max_pool1d(input, output_size, return_indices=False):
    return _adaptive_max_pool(input, 1, output_size, return_indices, "adaptive_max_pool1d")


def adaptive_max_pool2d(input, output_size, return_indices=False):
    return _adaptive_max_pool(input, 2, output_size, return_indices, "adaptive_max_pool2d")


def adaptive_max_pool3d(input, output_size, return_indices=False):
    return _adaptive_max_pool(input, 3, output_size, return_indices, "adaptive_max_pool3d")


def adaptive_max_pool1d_with_indices(input, output_size, return_indices=False):
    return adaptive_max_pool1d(input, output_size, True)


def adaptive_max_pool2d_with_indices(input, output_size, return_indices=False):
    return adaptive_max_pool2d(input, output_size, True)


def adaptive_max_pool3d_with_indices(input, output_size, return_indices=False):
    return adaptive_max_pool3d(input, output_size, True)


# ---- max unpooling -------------------------------------------------------------------------------------
def _max_unpool(input, indices, nd, kernel_size, stride, padding, output_size, op):
    kernel = _as_tuple(kernel_size, nd, op, "kernel_size")
    stride = _as_tuple(stride, nd, op, "stride", allow_none=True) or kernel
    pad = _as_tuple(padding, nd, op, "padding")
    default = tuple((s - 1) * st - 2 * p + k for s, st, p, k in zip(input.shape[-nd:], stride, pad, kernel))
    if output_size is None:
        size = default
    else:
        if len(output_size) == nd + 2:
            output_size = output_size[2:]
        if len(output_size) != nd:
            raise ValueError(f"output_size should be a sequence containing {nd} or {nd + 2} elements, but it has a "
                             f"length of '{len(output_size)}'")
        for i, (s, d, st) in enumerate(zip(output_size, default, stride)):
            if not d - st < s < d + st:
                raise ValueError(f"invalid output_size \"{output_size}\" (dim {i} must be between {d - st} and "
                                 f"{d + st})")
        size = tuple(int(s) for s in output_size)
    _check_unpool(input, indices, nd, stride)
    unbatched = input.dim() == nd + 1
    x = input.unsqueeze(0) if unbatched else input
    idx = indices._data[None] if unbatched else indices._data
    _float_only(input, f"max_unpool{max(nd, 2)}d")
    bad = idx[(idx < 0) | (idx >= int(np.prod(size)))]
    if bad.size:
        raise RuntimeError(f"Found an invalid max index: {int(bad[0])} (output volumes are of size "
                           f"{'x'.join(map(str, size + (1,) * (nd == 1)))})")
    if nd == 1:  # torch unpools 1-d as 2-d with a trailing unit dim
        y = _MAXUNPOOL[2].apply(x.unsqueeze(-1), idx[..., None], size + (1,)).squeeze(-1)
    else:
        y = _MAXUNPOOL[nd].apply(x, idx, size)
    return y.squeeze(0) if unbatched else y


def _check_unpool(input, indices, nd, stride):
    """The checks of torch's max_unpooling{2,3}d kernels (1-d unpooling is 2-d of ``x.unsqueeze(-1)``)."""
    shape, ishape = tuple(input.shape), tuple(indices.shape)
    if nd == 1:
        shape, ishape = shape + (1,), ishape + (1,)
    cnd = max(nd, 2)
    if indices._data.dtype != np.int64:
        from autograd._dtype import type_name
        raise RuntimeError(f"elements in indices should be type int64 but got: {type_name(indices.dtype)}")
    if len(shape) not in (cnd + 1, cnd + 2):
        raise RuntimeError(f"Input to max_unpooling{cnd}d should be a {cnd + 1}d or {cnd + 2}d Tensor, but got a "
                           f"tensor with {len(shape)} dimensions.")
    if shape != ishape:
        raise RuntimeError(f"Expected shape of indices to be same as that of the input tensor ({list(shape)}) but got "
                           f"indices tensor with shape: {list(ishape)}")
    for i in range(1, len(shape)):
        if shape[i] <= 0:
            raise RuntimeError(f"max_unpooling{cnd}d_forward_out_cpu(): Expected input to have non-zero size for "
                               f"non-batch dimensions, but got {list(shape)} with dimension {i} being empty.")
    if cnd == 3 and any(st <= 0 for st in stride):
        raise RuntimeError(f"strides should be greater than zero, but got stride: {list(stride)}")


def max_unpool1d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    return _max_unpool(input, indices, 1, kernel_size, stride, padding, output_size, "max_unpool1d")


def max_unpool2d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """Partial inverse of max_pool2d: values placed at their argmax indices, zeros elsewhere."""
    return _max_unpool(input, indices, 2, kernel_size, stride, padding, output_size, "max_unpool2d")


def max_unpool3d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    return _max_unpool(input, indices, 3, kernel_size, stride, padding, output_size, "max_unpool3d")


# ---- LP pooling over 3 dims, fractional max pooling ------------------------------------------------------
__all__ += ["lp_pool3d", "fractional_max_pool2d", "fractional_max_pool2d_with_indices"]


def lp_pool3d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """(sum over each window of x^p)^(1/p) over (N, C, D, H, W); p = +-inf is a max pool of |x| (as torch)."""
    if norm_type == float("inf"):
        return max_pool3d(input.abs(), kernel_size, stride, 0, 1, ceil_mode)
    if norm_type == -float("inf"):
        return -max_pool3d(-input.abs(), kernel_size, stride, 0, 1, ceil_mode)
    return _lp_pool(input, 3, norm_type, kernel_size, stride, ceil_mode, avg_pool3d)


class _FractionalMaxPool(Op):
    """Fractional max pooling over the last ``len(kernel)`` dims (2 or 3), batched or not."""

    @staticmethod
    def forward(ctx, x, kernel, out, samples):
        ctx.unbatched = x.dim() == len(kernel) + 1
        data = x._data[None] if ctx.unbatched else x._data
        y, idx = _fractional_max(data, kernel, out, samples)
        ctx.idx, ctx.spatial = idx, data.shape[2:]
        return (y[0], idx[0]) if ctx.unbatched else (y, idx)

    @staticmethod
    def backward(ctx, g, _gidx=None):
        if ctx.unbatched:
            return IndexScatter.apply(g.unsqueeze(0), ctx.idx, ctx.spatial).squeeze(0), None, None, None
        return IndexScatter.apply(g, ctx.idx, ctx.spatial), None, None, None


class FractionalMaxPool2d(_FractionalMaxPool):
    node_name = "FractionalMaxPool2DBackward0"


class FractionalMaxPool3d(_FractionalMaxPool):
    node_name = "FractionalMaxPool3DBackward0"


def _intervals(sample, size, out, pool):
    """Window starts of ATen's ``generate_intervals``, in the samples' float type: (N, C, out) int64."""
    seq = np.full(sample.shape + (out,), size - pool, np.int64)
    if out > 1:
        dt = sample.dtype.type
        alpha = dt(size - pool) / dt(out - 1)
        i = np.arange(out - 1).astype(sample.dtype)
        seq[..., :-1] = (((i + sample[..., None]) * alpha).astype(np.int64)
                         - (sample * alpha).astype(np.int64)[..., None])
    return seq


def _fractional_max(x, kernel, out, samples):
    """Max over the windows starting at the pseudo-random interval starts of each plane; the argmax is a flat
    index into the plane or volume (first maximum; a NaN wins, the last NaN if several). ATen reads the 2-d
    samples as (width, height) and the 3-d ones as (time, height, width)."""
    n, c = x.shape[:2]
    sizes = x.shape[2:]
    nd = len(sizes)
    which = (1, 0) if nd == 2 else tuple(range(nd))
    strides = [int(np.prod(sizes[d + 1:])) for d in range(nd)]
    flat = np.zeros((n, c) + (1,) * (2 * nd), np.int64)
    for d in range(nd):  # window element (o_d, k_d) of dim d sits at start[o_d] + k_d
        at = _intervals(samples[:n, :, which[d]], sizes[d], out[d], kernel[d])[..., :, None] + np.arange(kernel[d])
        shape = [n, c] + [1] * (2 * nd)
        shape[2 + d], shape[2 + nd + d] = out[d], kernel[d]
        flat = flat + at.reshape(shape) * strides[d]
    flat = flat.reshape((n, c) + tuple(out) + (-1,))
    vals = np.take_along_axis(x.reshape(n, c, -1), flat.reshape(n, c, -1), axis=-1).reshape(flat.shape)
    nan = np.isnan(vals)
    pick = np.argmax(vals, axis=-1)
    if nan.any():
        last_nan = vals.shape[-1] - 1 - np.argmax(nan[..., ::-1], axis=-1)
        pick = np.where(nan.any(-1), last_nan, pick)
    idx = np.take_along_axis(flat, pick[..., None], axis=-1)[..., 0]
    return np.take_along_axis(vals, pick[..., None], axis=-1)[..., 0], idx


def fractional_max_pool2d_with_indices(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                                       _random_samples=None):
    import autograd
    if output_size is None and output_ratio is None:
        raise ValueError("fractional_max_pool2d requires specifying either an output_size or an output_ratio")
    if output_size is None:
        if len(output_ratio) > 2:
            raise ValueError("fractional_max_pool2d requires output_ratio to either be a single Int or tuple of Ints.")
        ratio = tuple(output_ratio) * (2 // len(output_ratio))
        output_size = [int(input.size(-2) * ratio[0]), int(input.size(-1) * ratio[1])]
    if _random_samples is None:
        n_batch = 1 if input.dim() == 3 else input.size(0)
        _random_samples = autograd.rand(n_batch, input.size(-3), 2, dtype=input.dtype)
    kernel = tuple(kernel_size) if isinstance(kernel_size, (list, tuple)) else (kernel_size,) * 2
    out = tuple(output_size) if isinstance(output_size, (list, tuple)) else (output_size,) * 2
    if len(kernel) == 1:
        kernel = kernel * 2
    if len(out) == 1:
        out = out * 2
    if len(kernel) != 2:
        raise RuntimeError("fractional_max_pool2d: kernel_size must either be a single Int or tuple of Ints")
    if len(out) != 2:
        raise RuntimeError("fractional_max_pool2d: output_size must either be a single Int or tuple of Ints")
    nd = input.dim()
    if nd not in (3, 4):
        raise RuntimeError(f"fractional_max_pool2d(): Expected 3D or 4D tensor, but got: {list(input.shape)}")
    for i in range(1, nd):
        if input.shape[i] <= 0:
            raise RuntimeError(f"fractional_max_pool2d(): Expected input to have non-zero size for non-batch "
                               f"dimensions, but got{list(input.shape)} with dimension {i} being empty.")
    (kh, kw), (oh, ow) = (int(k) for k in kernel), (int(o) for o in out)
    h, w = input.shape[-2:]
    if oh + kh - 1 > h:
        raise RuntimeError(f"fractional_max_pool2d(): pool height {kh} too large relative to input height {h}")
    if ow + kw - 1 > w:
        raise RuntimeError(f"fractional_max_pool2d(): pool width {kw} too large relative to input width {w}")
    n, c = (input.shape[0] if nd == 4 else 1), input.shape[-3]
    s = _random_samples
    if s.dtype != input.dtype:
        raise RuntimeError("Expect _random_samples to have the same dtype as input")
    _check_random_samples(s, n, c, 2)
    return FractionalMaxPool2d.apply(input, (kh, kw), (oh, ow), s._data)


def _check_random_samples(s, n, c, nd):
    """ATen's checks on fractional max pooling's (N, C, nd) window samples."""
    if s.dim() != 3:
        raise RuntimeError(f"Expect _random_samples to have 3 dimensions, got {s.dim()}")
    if s.shape[0] < n:
        raise RuntimeError("Expect _random_samples.size(0) no less then input batch size.")
    if s.shape[1] != c:
        raise RuntimeError("Expect _random_samples.size(1) equals to input channel size.")
    if s.shape[2] != nd:
        raise RuntimeError(f"Expect _random_samples.size(2) equals to {nd}; got {s.shape[2]}.")


def fractional_max_pool2d(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                          _random_samples=None):
    """2-d fractional max pooling (Graham 2014); ``_random_samples`` (N, C, 2) in [0, 1) fixes the windows."""
    y, idx = fractional_max_pool2d_with_indices(input, kernel_size, output_size, output_ratio, True, _random_samples)
    return (y, idx) if return_indices else y
