"""Jitted 2-D convolution and max pooling for the NCHW layout (groups=1); others use ``ref_nn``.

Convolution is one large GEMM on BLAS: im2col writes the patches as ``(C*kh*kw, N*OH*OW)`` (batch in
the columns, one parallel pass), so ``W @ cols`` is a single call instead of a batched loop; the
backward passes are the two transposed GEMMs and a parallel col2im. Max pooling stores the flat
argmax of each window, and its backward scatters with it.
"""
import numpy as np

from . import ref_nn as ref
from ._numba import njit, prange

OPTS = dict(cache=True, error_model="numpy")


@njit(parallel=True, **OPTS)
def im2col_t(x, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow, cols):
    n, c, h, w = x.shape
    L = oh * ow
    for ck in prange(c * kh * kw):
        ci = ck // (kh * kw)
        ki = (ck // kw) % kh
        kj = ck % kw
        for b in range(n):
            for oy in range(oh):
                iy = oy * sh - ph + ki * dh
                row = b * L + oy * ow
                if iy < 0 or iy >= h:
                    for ox in range(ow):
                        cols[ck, row + ox] = 0
                else:
                    for ox in range(ow):
                        ix = ox * sw - pw + kj * dw
                        cols[ck, row + ox] = x[b, ci, iy, ix] if (ix >= 0 and ix < w) else 0


@njit(parallel=True, **OPTS)
def col2im_t(cols, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow, out):
    n, c, h, w = out.shape
    L = oh * ow
    for ci in prange(c):
        for b in range(n):
            for y in range(h):
                for x in range(w):
                    out[b, ci, y, x] = 0
        for ki in range(kh):
            for kj in range(kw):
                ck = (ci * kh + ki) * kw + kj
                for b in range(n):
                    for oy in range(oh):
                        iy = oy * sh - ph + ki * dh
                        if iy < 0 or iy >= h:
                            continue
                        row = b * L + oy * ow
                        for ox in range(ow):
                            ix = ox * sw - pw + kj * dw
                            if ix >= 0 and ix < w:
                                out[b, ci, iy, ix] += cols[ck, row + ox]


@njit(parallel=True, **OPTS)
def onl_to_nol(y, bias, has_bias, out):
    """(O, N*L) GEMM result -> (N, O, L) output, adding the bias on the way."""
    n, o, L = out.shape
    for k in prange(n * o):
        b = k // o
        j = k % o
        add = bias[j] if has_bias else 0
        for i in range(L):
            out[b, j, i] = y[j, b * L + i] + add


@njit(parallel=True, **OPTS)
def nol_to_onl(g, out):
    n, o, L = g.shape
    for k in prange(n * o):
        b = k // o
        j = k % o
        for i in range(L):
            out[j, b * L + i] = g[b, j, i]


@njit(parallel=True, **OPTS)
def max_pool2d(x, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow, y, idx):
    n, c, h, w = x.shape
    ninf = -np.inf
    for p in prange(n * c):
        b = p // c
        ch = p % c
        for oy in range(oh):
            for ox in range(ow):
                best = ninf
                bi = (oy * sh - ph) * w + (ox * sw - pw)
                first = True
                for ki in range(kh):
                    iy = oy * sh - ph + ki * dh
                    for kj in range(kw):
                        ix = ox * sw - pw + kj * dw
                        v = x[b, ch, iy, ix] if (iy >= 0 and iy < h and ix >= 0 and ix < w) else ninf
                        if first or v > best or v != v:  # torch: a later NaN wins (last NaN index)
                            best = v
                            bi = iy * w + ix
                            first = False
                y[b, ch, oy, ox] = best
                idx[b, ch, oy, ox] = bi


@njit(**OPTS)
def indices_in_range(idx, size):
    for v in idx.flat:
        if v < 0 or v >= size:
            return False
    return True


@njit(parallel=True, **OPTS)
def scatter_add_planes(g, idx, size, out):
    m = g.shape[0]
    for p in prange(m):
        for k in range(size):
            out[p, k] = 0
        for j in range(g.shape[1]):
            out[p, idx[p, j]] += g[p, j]


def _conv_ok(x, w, stride, padding, dilation, groups):
    return (groups == 1 and x.ndim == 4 and w.ndim == 4 and x.dtype.kind == "f" and w.dtype == x.dtype
            and all(lo == hi for lo, hi in padding))


def _geometry(spatial, kernel, stride, padding, dilation):
    (h, w), (kh, kw) = spatial, kernel
    oh = (h + 2 * padding[0][0] - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (w + 2 * padding[1][0] - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    return (kh, kw, stride[0], stride[1], padding[0][0], padding[1][0], dilation[0], dilation[1], oh, ow)


def _cols(x, geo):
    n, c = x.shape[:2]
    kh, kw, oh, ow = geo[0], geo[1], geo[8], geo[9]
    cols = np.empty((c * kh * kw, n * oh * ow), x.dtype)
    im2col_t(np.ascontiguousarray(x), *geo, cols)
    return cols


def conv_forward(x, w, b, stride, padding, dilation, groups):
    if not _conv_ok(x, w, stride, padding, dilation, groups) or (b is not None and b.dtype != x.dtype):
        return ref.conv_forward(x, w, b, stride, padding, dilation, groups)
    geo = _geometry(x.shape[2:], w.shape[2:], stride, padding, dilation)
    oh, ow = geo[8], geo[9]
    if oh <= 0 or ow <= 0 or x.shape[0] == 0:
        return ref.conv_forward(x, w, b, stride, padding, dilation, groups)
    n, o = x.shape[0], w.shape[0]
    y = np.dot(w.reshape(o, -1), _cols(x, geo))
    out = np.empty((n, o, oh * ow), x.dtype)
    onl_to_nol(y, b if b is not None else y[:, 0], b is not None, out)
    return out.reshape(n, o, oh, ow)


def _g_onl(g):
    n, o = g.shape[:2]
    gt = np.empty((o, g[0, 0].size * n), g.dtype)
    nol_to_onl(np.ascontiguousarray(g).reshape(n, o, -1), gt)
    return gt


def conv_backward_input(g, w, spatial, stride, padding, dilation, groups):
    if not (groups == 1 and g.ndim == 4 and w.ndim == 4 and g.dtype.kind == "f" and w.dtype == g.dtype
            and all(lo == hi for lo, hi in padding)) or g.size == 0:
        return ref.conv_backward_input(g, w, spatial, stride, padding, dilation, groups)
    geo = _geometry(spatial, w.shape[2:], stride, padding, dilation)
    o = w.shape[0]
    cols = np.dot(w.reshape(o, -1).T, _g_onl(g))
    out = np.empty((g.shape[0], w.shape[1]) + tuple(spatial), g.dtype)
    col2im_t(cols, *geo, out)
    return out


def conv_backward_weight(x, g, kernel, stride, padding, dilation, groups):
    if not (groups == 1 and x.ndim == 4 and g.ndim == 4 and x.dtype.kind == "f" and g.dtype == x.dtype
            and all(lo == hi for lo, hi in padding)) or g.size == 0:
        return ref.conv_backward_weight(x, g, kernel, stride, padding, dilation, groups)
    geo = _geometry(x.shape[2:], kernel, stride, padding, dilation)
    gw = np.dot(_g_onl(g), _cols(x, geo).T)
    return gw.reshape((g.shape[1], x.shape[1]) + tuple(kernel))


def max_pool_forward(x, kernel, stride, padding, dilation, out):
    if len(kernel) != 2 or x.ndim != 4 or x.dtype.kind != "f" or x.size == 0:
        return ref.max_pool_forward(x, kernel, stride, padding, dilation, out)
    n, c = x.shape[:2]
    y = np.empty((n, c) + tuple(out), x.dtype)
    idx = np.empty((n, c) + tuple(out), np.int64)
    max_pool2d(np.ascontiguousarray(x), kernel[0], kernel[1], stride[0], stride[1], padding[0][0], padding[1][0],
               dilation[0], dilation[1], out[0], out[1], y, idx)
    return y, idx


def index_scatter_add(g, idx, spatial):
    if g.dtype.kind != "f" or idx.dtype != np.int64 or g.shape != idx.shape or g.ndim < 3 or g.size == 0:
        return ref.index_scatter_add(g, idx, spatial)
    n, c = g.shape[:2]
    size = int(np.prod(spatial))
    idx2 = np.ascontiguousarray(idx).reshape(n * c, -1)
    if not indices_in_range(idx2, size):  # no bounds checks in the loop: let the reference raise
        return ref.index_scatter_add(g, idx, spatial)
    out = np.empty((n * c, size), g.dtype)
    scatter_add_planes(np.ascontiguousarray(g).reshape(n * c, -1), idx2, size, out)
    return out.reshape((n, c) + tuple(spatial))


KERNELS = {"conv_forward": conv_forward, "conv_backward_input": conv_backward_input,
           "conv_backward_weight": conv_backward_weight, "max_pool_forward": max_pool_forward,
           "index_scatter_add": index_scatter_add}
