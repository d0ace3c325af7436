"""Reference kernels for convolution, pooling, normalisation and embedding (NumPy, any number of spatial dims).

Layout is channels-first, ``(N, C, *spatial)``. Geometry arguments are per spatial dim: ``kernel``,
``stride``, ``dilation`` tuples and ``padding`` as ``((lo, hi), ...)`` pairs. Convolution is im2col
(one strided-view copy) plus one batched GEMM; its adjoint scatters back with one vectorised add per
kernel offset (col2im), so no Python loop ever runs over pixels.
"""
import numpy as np
from numpy.lib.stride_tricks import as_strided

__all__ = ["im2col", "col2im", "conv_forward", "conv_backward_input", "conv_backward_weight",
           "pool_windows", "max_pool_forward", "avg_pool_forward", "avg_pool_backward", "pool_divisor",
           "adaptive_pool_matrix", "spatial_linear", "adaptive_max_pool_forward", "index_scatter_add", "index_gather",
           "norm_forward", "norm_backward", "embedding_backward"]


def _pad(x, padding, value=0.0):
    """Pad the spatial dims of ``x`` (``padding`` pairs); returns ``x`` itself when nothing is padded."""
    if not any(lo or hi for lo, hi in padding):
        return x
    shape = x.shape[:2] + tuple(s + lo + hi for s, (lo, hi) in zip(x.shape[2:], padding))
    out = np.full(shape, value, dtype=x.dtype)
    out[(Ellipsis,) + tuple(slice(lo, lo + s) for s, (lo, _) in zip(x.shape[2:], padding))] = x
    return out


def _windows(xp, kernel, stride, dilation, out):
    """Strided view ``(N, C, *kernel, *out)`` of the padded input: no copy."""
    st = xp.strides
    nd = len(kernel)
    shape = xp.shape[:2] + tuple(kernel) + tuple(out)
    strides = (st[:2] + tuple(st[2 + i] * dilation[i] for i in range(nd))
               + tuple(st[2 + i] * stride[i] for i in range(nd)))
    return as_strided(xp, shape, strides, writeable=False)


def _out_size(spatial, kernel, stride, padding, dilation):
    return tuple((s + lo + hi - d * (k - 1) - 1) // st + 1
                 for s, k, st, (lo, hi), d in zip(spatial, kernel, stride, padding, dilation))


def im2col(x, kernel, stride, padding, dilation):
    """Columns ``(N, C, *kernel, *out)`` (C-contiguous) of the zero-padded input."""
    out = _out_size(x.shape[2:], kernel, stride, padding, dilation)
    return np.ascontiguousarray(_windows(_pad(x, padding), kernel, stride, dilation, out))


def col2im(cols, spatial, kernel, stride, padding, dilation):
    """Adjoint of im2col: add every column entry back into its input position; returns ``(N, C, *spatial)``."""
    nd = len(kernel)
    out = cols.shape[2 + nd:]
    padded = tuple(s + lo + hi for s, (lo, hi) in zip(spatial, padding))
    xp = np.zeros(cols.shape[:2] + padded, dtype=cols.dtype)
    for offs in np.ndindex(*kernel):
        dst = tuple(slice(o * d, o * d + st * (n - 1) + 1, st) for o, d, st, n in zip(offs, dilation, stride, out))
        xp[(Ellipsis,) + dst] += cols[(slice(None), slice(None)) + offs]
    return xp[(Ellipsis,) + tuple(slice(lo, lo + s) for s, (lo, _) in zip(spatial, padding))]


def conv_forward(x, w, b, stride, padding, dilation, groups, keep=False):
    """y = conv(x, w) + b; x ``(N, Cin, *S)``, w ``(Cout, Cin/groups, *k)``.

    With ``keep`` returns ``(y, patches)``: the im2col columns, which ``conv_backward_weight`` reuses."""
    n, cin = x.shape[:2]
    cout, kernel = w.shape[0], w.shape[2:]
    patches = im2col(x, kernel, stride, padding, dilation)
    out = patches.shape[2 + len(kernel):]
    cols = patches.reshape(n, groups, (cin // groups) * int(np.prod(kernel)), int(np.prod(out)))
    y = np.matmul(w.reshape(groups, cout // groups, -1), cols)
    y = y.reshape((n, cout) + out)
    if b is not None:
        y += b.reshape((cout,) + (1,) * len(out))
    return (y, (__name__, patches)) if keep else y


def conv_backward_input(g, w, spatial, stride, padding, dilation, groups):
    """Gradient of conv w.r.t. its input (the transposed convolution of ``g`` with ``w``): GEMM then col2im.

    col2im adds one strided slab per kernel offset; batch-first slabs have inner runs of one output
    row, so with many channels the batch is moved innermost first (long runs, two extra transposes).
    """
    n, cout = g.shape[:2]
    cin = w.shape[1] * groups
    short_runs = n * cin * (int(np.prod(g.shape[2:])) // max(g.shape[-1], 1)) * int(np.prod(w.shape[2:]))
    if short_runs * 11 <= g.size + n * cin * int(np.prod(spatial)):
        return _conv_input_batch_first(g, w, spatial, stride, padding, dilation, groups)
    return _conv_input_batch_last(g, w, spatial, stride, padding, dilation, groups)


def _conv_input_batch_first(g, w, spatial, stride, padding, dilation, groups):
    n, cout = g.shape[:2]
    out, kernel = g.shape[2:], w.shape[2:]
    cog = cout // groups
    wt = w.reshape(groups, cog, -1).transpose(0, 2, 1)
    cols = np.matmul(wt, g.reshape(n, groups, cog, int(np.prod(out))))
    cols = cols.reshape((n, groups * w.shape[1]) + tuple(kernel) + tuple(out))
    return col2im(cols, spatial, kernel, stride, padding, dilation)


def _conv_input_batch_last(g, w, spatial, stride, padding, dilation, groups):
    n, cout = g.shape[:2]
    out, kernel = g.shape[2:], w.shape[2:]
    cin_g, cog = w.shape[1], cout // groups
    length = int(np.prod(out))
    gt = np.ascontiguousarray(np.moveaxis(g.reshape(n, groups, cog, length), 0, -1))
    gt = gt.reshape(groups, cog, length * n)
    wk = np.moveaxis(w.reshape((groups, cog, cin_g) + tuple(kernel)), 2, -1).reshape(groups, cog, -1)
    cols = np.matmul(wk.transpose(0, 2, 1), gt)          # (G, *k, Cg, *out, N): batch innermost
    cols = cols.reshape((groups,) + tuple(kernel) + (cin_g,) + tuple(out) + (n,))
    padded = tuple(s + lo + hi for s, (lo, hi) in zip(spatial, padding))
    xp = np.zeros((groups, cin_g) + padded + (n,), dtype=g.dtype)
    for offs in np.ndindex(*kernel):
        dst = tuple(slice(o * d, o * d + st * (m - 1) + 1, st) for o, d, st, m in zip(offs, dilation, stride, out))
        xp[(slice(None), slice(None)) + dst] += cols[(slice(None),) + offs]
    xp = xp[(slice(None), slice(None)) + tuple(slice(lo, lo + s) for s, (lo, _) in zip(spatial, padding))]
    return np.ascontiguousarray(np.moveaxis(xp, -1, 0)).reshape((n, groups * cin_g) + tuple(spatial))


def conv_backward_weight(x, g, kernel, stride, padding, dilation, groups, bias=False, patches=None):
    """Gradient of conv w.r.t. its weight: sum over the batch of ``g @ cols^T``; returns ``(Cout, Cin/g, *k)``,
    and with ``bias`` also the bias gradient (``g`` summed over all but the channel dim). ``patches`` from
    ``conv_forward(..., keep=True)`` of this x spare the im2col (others' are ignored)."""
    n, cin = x.shape[:2]
    cout = g.shape[1]
    length = int(np.prod(g.shape[2:]))
    mine = patches is not None and patches[0] == __name__
    cols = patches[1] if mine else im2col(x, kernel, stride, padding, dilation)
    cols = cols.reshape(n, groups, (cin // groups) * int(np.prod(kernel)), length)
    gg = g.reshape(n, groups, cout // groups, length)
    gw = np.matmul(gg, cols.transpose(0, 1, 3, 2)).sum(axis=0)
    gw = gw.reshape((cout, cin // groups) + tuple(kernel))
    return (gw, g.reshape(n, cout, length).sum(axis=(0, 2))) if bias else gw


# ---- pooling ---------------------------------------------------------------------------------------
def pool_windows(x, kernel, stride, padding, dilation, out, value):
    """Strided ``(N, C, *out, *kernel)`` view of ``x`` padded with ``value`` (right side extended to fit ceil_mode)."""
    nd = len(kernel)
    pads = []
    for s, k, st, (lo, hi), d, o in zip(x.shape[2:], kernel, stride, padding, dilation, out):
        need = (o - 1) * st + d * (k - 1) + 1
        pads.append((lo, max(need - s - lo, 0)))
    xp = _pad(x, pads, value)
    v = _windows(xp, kernel, stride, dilation, out)
    return v.transpose((0, 1) + tuple(range(2 + nd, 2 + 2 * nd)) + tuple(range(2, 2 + nd)))


def max_pool_forward(x, kernel, stride, padding, dilation, out):
    """Max over each window and its flat index into the input's spatial plane (int64), as torch returns.

    The windows are copied kernel-offset-major (one contiguous slab per offset), then a running
    max/argmax runs one branch-free vectorised step per offset. As torch, a later element wins
    only if strictly greater or NaN (ties keep the first maximum, NaN propagates).
    """
    nd = len(kernel)
    low = -np.inf if x.dtype.kind == "f" else np.iinfo(x.dtype).min
    win = pool_windows(x, kernel, stride, padding, dilation, out, low)
    slabs = np.ascontiguousarray(np.moveaxis(win, tuple(range(2 + nd, 2 + 2 * nd)), tuple(range(nd))))
    slabs = slabs.reshape((int(np.prod(kernel)),) + slabs.shape[nd:])
    best = slabs[0].copy()
    arg = np.zeros(best.shape, dtype=np.int8 if len(slabs) < 128 else np.int32)
    for k in range(1, len(slabs)):
        v = slabs[k]
        upd = v > best
        if x.dtype.kind == "f":
            upd |= v != v
        np.maximum(best, v, out=best)
        arg += upd * (k - arg)
    base = np.zeros((), dtype=np.int64)          # flat input index of each window's first element
    for i in range(nd):
        start = np.arange(out[i], dtype=np.int64) * stride[i] - padding[i][0]
        base = np.add.outer(base * x.shape[2 + i], start)
    table = np.zeros(len(slabs), dtype=np.int64)  # flat offset of each kernel position
    for k, offs in enumerate(np.ndindex(*kernel)):
        for i in range(nd):
            table[k] = table[k] * x.shape[2 + i] + offs[i] * dilation[i]
    return best, base + table[arg]


def pool_divisor(spatial, kernel, stride, padding, out, count_include_pad, dtype):
    """Per-output-position element count of avg pooling (torch's rule), shape ``out``."""
    div = np.ones((), dtype=dtype)
    for i, (s, k, st, (lo, hi), o) in enumerate(zip(spatial, kernel, stride, padding, out)):
        start = np.arange(o) * st - lo
        end = np.minimum(start + k, s + hi)
        if count_include_pad:
            cnt = end - start
        else:
            cnt = np.minimum(end, s) - np.maximum(start, 0)
        div = np.multiply.outer(div, cnt.astype(dtype))
    return div


def avg_pool_forward(x, kernel, stride, padding, out, divisor):
    """Window sums (over a kernel-offset-major contiguous copy of the windows) divided by ``divisor``."""
    nd = len(kernel)
    win = pool_windows(x, kernel, stride, padding, (1,) * nd, out, 0)
    slabs = np.ascontiguousarray(np.moveaxis(win, tuple(range(2 + nd, 2 + 2 * nd)), tuple(range(nd))))
    acc = slabs.reshape((int(np.prod(kernel)),) + slabs.shape[nd:]).sum(axis=0, dtype=x.dtype)
    if x.dtype.kind != "f":  # integer pooling divides with truncation, as torch
        return np.trunc(acc / divisor).astype(x.dtype)
    acc /= divisor
    return acc


def avg_pool_backward(g, spatial, kernel, stride, padding, divisor):
    """Adjoint of avg_pool_forward: spread ``g / divisor`` over each window (col2im of a broadcast)."""
    nd = len(kernel)
    gd = g / divisor
    out = g.shape[2:]
    pads = []
    for s, k, st, (lo, hi), o in zip(spatial, kernel, stride, padding, out):
        need = (o - 1) * st + k
        pads.append((lo, max(need - s - lo, 0)))
    cols = np.broadcast_to(gd.reshape(g.shape[:2] + (1,) * nd + tuple(out)), g.shape[:2] + tuple(kernel) + tuple(out))
    return col2im(cols, spatial, kernel, stride, pads, (1,) * nd)


def adaptive_pool_matrix(size, out, dtype):
    """``(out, size)`` averaging matrix of adaptive pooling: row i averages ``[floor(i*S/o), ceil((i+1)*S/o))``."""
    m = np.zeros((out, size), dtype=dtype)
    for i in range(out):
        lo, hi = i * size // out, -((-(i + 1) * size) // out)
        m[i, lo:hi] = 1.0 / (hi - lo)
    return m


def spatial_linear(x, mats):
    """Apply one matrix per spatial dim: ``y[..., i, j] = sum A0[i, h] A1[j, w] x[..., h, w]`` (separable map)."""
    for i, m in enumerate(mats):
        if m is not None:
            x = np.moveaxis(np.matmul(m, np.moveaxis(x, 2 + i, -2)), -2, 2 + i)
    return np.ascontiguousarray(x)


def adaptive_max_pool_forward(x, out):
    """Adaptive max pooling: window ``i`` spans ``[floor(i*S/o), ceil((i+1)*S/o))``; values and flat indices."""
    spatial = x.shape[2:]
    nd = len(out)
    y = np.empty(x.shape[:2] + tuple(out), dtype=x.dtype)
    idx = np.empty(x.shape[:2] + tuple(out), dtype=np.int64)
    lead = x.shape[:2]
    for pos in np.ndindex(*out):
        lo = [p * s // o for p, s, o in zip(pos, spatial, out)]
        hi = [-((-(p + 1) * s) // o) for p, s, o in zip(pos, spatial, out)]
        region = x[(Ellipsis,) + tuple(slice(a, b) for a, b in zip(lo, hi))]
        flat = region.reshape(lead + (int(np.prod(region.shape[2:])),))
        arg = np.argmax(flat, axis=-1)
        y[(Ellipsis,) + pos] = np.take_along_axis(flat, arg[..., None], axis=-1)[..., 0]
        local = np.unravel_index(arg, tuple(b - a for a, b in zip(lo, hi)))
        f = np.zeros(lead, dtype=np.int64)
        for i in range(nd):
            f = f * spatial[i] + (local[i] + lo[i])
        idx[(Ellipsis,) + pos] = f
    return y, idx


def index_scatter_add(g, idx, spatial):
    """out[n, c, idx[n, c, j]] += g[n, c, j] over flattened spatial dims; returns ``(N, C, *spatial)``."""
    n, c = g.shape[:2]
    size = int(np.prod(spatial))
    if idx.size and (idx.min() < 0 or idx.max() >= size):
        raise ValueError(f"index_scatter_add: an index is outside [0, {size})")
    rows = (np.arange(n * c, dtype=np.int64) * size).reshape(n, c, *(1,) * (idx.ndim - 2))
    flat = (idx + rows).ravel()
    out = np.bincount(flat, weights=g.ravel(), minlength=n * c * size)
    return out.astype(g.dtype, copy=False).reshape((n, c) + tuple(spatial))


def index_gather(x, idx):
    """out[n, c, j] = x[n, c, idx[n, c, j]] over flattened spatial dims (adjoint of index_scatter_add)."""
    n, c = x.shape[:2]
    flat = x.reshape(n, c, int(np.prod(x.shape[2:])))
    return np.take_along_axis(flat, idx.reshape(n, c, int(np.prod(idx.shape[2:]))), axis=-1).reshape(idx.shape)


# ---- normalisation ---------------------------------------------------------------------------------
def norm_forward(x, weight, bias, axes, eps, mean=None, var=None):
    """y = (x - mean) / sqrt(var + eps) * weight + bias, statistics over ``axes`` (biased variance).

    ``weight``/``bias`` are broadcastable to ``x`` (or None). Given ``mean``/``var`` (running stats,
    broadcastable) they are used instead of batch statistics. Returns ``y, mean, var, invstd`` (keepdims).
    """
    if mean is None:
        mean = x.mean(axis=axes, keepdims=True)
        xc = x - mean
        var = np.mean(np.square(xc), axis=axes, keepdims=True)
    else:
        xc = x - mean
    invstd = (1.0 / np.sqrt(var + eps)).astype(x.dtype, copy=False)
    y = xc * invstd
    if weight is not None:
        y *= weight
    if bias is not None:
        y += bias
    return y.astype(x.dtype, copy=False), mean, var, invstd


def norm_backward(g, x, mean, invstd, weight, axes, batch_stats, affine_axes):
    """Gradients of norm_forward w.r.t. x, weight and bias (weight/bias reduced over ``affine_axes``, keepdims).

    With ``batch_stats`` the statistics depend on x (training); otherwise they are constants (eval).
    """
    xhat = (x - mean) * invstd
    gw = np.sum(g * xhat, axis=affine_axes, keepdims=True) if weight is not None else None
    gb = np.sum(g, axis=affine_axes, keepdims=True)
    gxhat = g * weight if weight is not None else g
    if batch_stats:
        gx = invstd * (gxhat - gxhat.mean(axis=axes, keepdims=True)
                       - xhat * np.mean(gxhat * xhat, axis=axes, keepdims=True))
    else:
        gx = gxhat * invstd
    return gx.astype(x.dtype, copy=False), gw, gb


# ---- embedding --------------------------------------------------------------------------------------
def embedding_backward(g, indices, num_weights, padding_idx, scale_grad_by_freq):
    """Dense weight gradient of an embedding lookup: rows of ``g`` summed per index (repeats accumulate)."""
    dim = g.shape[-1]
    idx = indices.ravel()
    g2 = g.reshape(-1, dim)
    if scale_grad_by_freq:
        counts = np.bincount(idx, minlength=num_weights)
        g2 = g2 / counts[idx][:, None].astype(g.dtype)
    out = np.zeros((num_weights, dim), dtype=g.dtype)
    order = np.argsort(idx, kind="stable")
    sidx = idx[order]
    starts = np.flatnonzero(np.concatenate(([True], sidx[1:] != sidx[:-1]))) if sidx.size else sidx
    if len(starts) == len(idx):
        out[idx] = g2
    elif len(idx):
        out[sidx[starts]] = np.add.reduceat(g2[order], starts, axis=0)
    if padding_idx is not None and padding_idx >= 0:
        out[padding_idx] = 0
    return out
