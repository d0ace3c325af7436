"""Jitted convolution and max-pooling kernels (``numba_nn``) against the NumPy reference (``ref_nn``)
and, for pooling's NaN/inf/tie rules, against PyTorch: every geometry path, dtypes, fallbacks,
and that no result ever aliases the kernels' reused work buffers."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

pytest.importorskip("numba")

from autograd.kernels import numba_nn as NN, ref_nn as RN  # noqa: E402

DTYPES = [np.float32, np.float64]


def _rng():
    return np.random.default_rng(4321)


def _close(a, b, dtype, rtol=None):
    assert a.shape == b.shape and a.dtype == b.dtype, (a.shape, b.shape, a.dtype, b.dtype)
    tol = rtol or (2e-5 if dtype == np.float32 else 1e-11)
    np.testing.assert_allclose(a, b, rtol=tol, atol=tol * max(1.0, float(np.max(np.abs(b), initial=0))))


def _out(spatial, k, s, p, d):
    return tuple((n + 2 * pp - dd * (kk - 1) - 1) // ss + 1 for n, kk, ss, pp, dd in zip(spatial, k, s, p, d))


def _check_conv(n, c, h, w, o, k, s, p, d, dtype, bias):
    r = _rng()
    pads = tuple((q, q) for q in p)
    x = r.standard_normal((n, c, h, w)).astype(dtype)
    wt = r.standard_normal((o, c) + k).astype(dtype)
    b = r.standard_normal(o).astype(dtype) if bias else None
    y = NN.conv_forward(x, wt, b, s, pads, d, 1)
    _close(y, RN.conv_forward(x, wt, b, s, pads, d, 1), dtype)
    g = r.standard_normal(y.shape).astype(dtype)
    g0, w0 = g.copy(), wt.copy()
    _close(NN.conv_backward_input(g, wt, (h, w), s, pads, d, 1),
           RN.conv_backward_input(g, wt, (h, w), s, pads, d, 1), dtype)
    wtol = 1e-4 if dtype == np.float32 else None
    gw_ref = RN.conv_backward_weight(x, g, k, s, pads, d, 1)
    _close(NN.conv_backward_weight(x, g, k, s, pads, d, 1), gw_ref, dtype, rtol=wtol)
    assert np.array_equal(g, g0) and np.array_equal(wt, w0)  # inputs untouched
    # the forward's kept patches serve the weight (and bias) gradient; the reference's likewise
    gb_ref = g.sum(axis=(0, 2, 3))
    for M in (NN, RN):
        y2, patches = M.conv_forward(x, wt, b, s, pads, d, 1, keep=True)
        np.testing.assert_array_equal(y2, M.conv_forward(x, wt, b, s, pads, d, 1))
        for bias_grad in (False, True):
            res = M.conv_backward_weight(x, g, k, s, pads, d, 1, bias_grad, patches)
            gw, gb = res if bias_grad else (res, None)
            _close(gw, gw_ref, dtype, rtol=wtol)
            if bias_grad:
                _close(gb, gb_ref, dtype, rtol=wtol)


# (n, c, h, w, o, kernel, stride, padding, dilation): the long-run path (unit stride, same width),
# the row path, dilation, kernels wider than the image (padding), 1x1, a single input channel.
CONVS = [
    (2, 3, 7, 9, 4, (3, 3), (1, 1), (1, 1), (1, 1)),
    (3, 1, 28, 28, 5, (3, 3), (1, 1), (1, 1), (1, 1)),
    (2, 4, 6, 5, 3, (5, 5), (1, 1), (2, 2), (1, 1)),
    (2, 2, 7, 6, 3, (3, 3), (1, 1), (2, 2), (2, 2)),
    (2, 2, 6, 7, 2, (3, 1), (1, 1), (1, 0), (1, 1)),
    (2, 2, 6, 7, 2, (1, 3), (1, 1), (0, 1), (1, 1)),
    (3, 2, 8, 6, 5, (2, 3), (2, 1), (0, 2), (1, 2)),
    (4, 6, 11, 10, 3, (3, 1), (3, 2), (2, 0), (2, 1)),
    (1, 1, 5, 5, 1, (5, 5), (1, 1), (0, 0), (1, 1)),
    (2, 3, 3, 3, 2, (5, 5), (1, 1), (2, 2), (1, 1)),
    (2, 3, 2, 2, 2, (3, 3), (1, 1), (3, 3), (1, 1)),
    (1, 3, 1, 1, 2, (3, 3), (2, 2), (1, 1), (1, 1)),
    (2, 5, 4, 6, 7, (1, 1), (1, 1), (0, 0), (1, 1)),
    (2, 3, 9, 9, 4, (3, 3), (2, 2), (1, 1), (1, 1)),
    (3, 8, 6, 5, 4, (3, 3), (1, 1), (1, 1), (1, 1)),
]


@pytest.fixture(params=["batched", "one-gemm"])
def weight_grad_path(request, monkeypatch):
    """Both weight-gradient strategies (per-sample products / one GEMM over the batch) on every case."""
    monkeypatch.setattr(NN, "_BIG_K", 10 ** 9 if request.param == "batched" else 1)


@pytest.mark.parametrize("case", CONVS)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("bias", [True, False])
def test_conv_paths_match_reference(case, dtype, bias, weight_grad_path):
    _check_conv(*case, dtype, bias)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 3), c=st.integers(1, 3), o=st.integers(1, 3), h=st.integers(1, 8), w=st.integers(1, 8),
       k=st.tuples(st.integers(1, 4), st.integers(1, 4)), s=st.tuples(st.integers(1, 3), st.integers(1, 3)),
       p=st.tuples(st.integers(0, 3), st.integers(0, 3)), d=st.tuples(st.integers(1, 2), st.integers(1, 2)),
       bias=st.booleans())
def test_conv_random_geometry_matches_reference(n, c, o, h, w, k, s, p, d, bias):
    out = _out((h, w), k, s, p, d)
    if min(out) < 1:
        return
    big = NN._BIG_K
    try:
        for NN._BIG_K in (1, 10 ** 9):
            _check_conv(n, c, h, w, o, k, s, p, d, np.float64, bias)
    finally:
        NN._BIG_K = big


def test_conv_results_never_alias_the_work_buffers():
    r = _rng()
    pads = ((1, 1), (1, 1))
    x1 = r.standard_normal((2, 3, 6, 6)).astype(np.float32)
    x2 = r.standard_normal((2, 3, 6, 6)).astype(np.float32)
    w = r.standard_normal((4, 3, 3, 3)).astype(np.float32)
    y1 = NN.conv_forward(x1, w, None, (1, 1), pads, (1, 1), 1)
    keep = y1.copy()
    y2 = NN.conv_forward(x2, w, None, (1, 1), pads, (1, 1), 1)
    gx = NN.conv_backward_input(y2, w, (6, 6), (1, 1), pads, (1, 1), 1)
    gw = NN.conv_backward_weight(x1, y2, (3, 3), (1, 1), pads, (1, 1), 1)
    np.testing.assert_array_equal(y1, keep)
    bufs = list(getattr(NN._LOCAL, "bufs", {}).values())
    assert bufs, "the work buffers are in use"
    for res in (y1, y2, gx, gw):
        assert not any(np.shares_memory(res, b) for b in bufs)
    assert not np.shares_memory(y1, y2)


def test_kept_patches_are_checked_before_use(monkeypatch):
    r = _rng()
    pads = ((1, 1), (1, 1))
    x = r.standard_normal((2, 3, 5, 5)).astype(np.float32)
    w = r.standard_normal((4, 3, 3, 3)).astype(np.float32)
    g = r.standard_normal((2, 4, 5, 5)).astype(np.float32)
    want = RN.conv_backward_weight(x, g, (3, 3), (1, 1), pads, (1, 1), 1)
    _, mine = NN.conv_forward(x, w, None, (1, 1), pads, (1, 1), 1, keep=True)
    _, theirs = RN.conv_forward(x, w, None, (1, 1), pads, (1, 1), 1, keep=True)
    _, other_batch = NN.conv_forward(x[:1], w, None, (1, 1), pads, (1, 1), 1, keep=True)
    for patches in (theirs, other_batch, None):  # another backend's, another input's: recomputed
        _close(NN.conv_backward_weight(x, g, (3, 3), (1, 1), pads, (1, 1), 1, patches=patches), want, np.float32)
    _close(RN.conv_backward_weight(x, g, (3, 3), (1, 1), pads, (1, 1), 1, patches=mine), want, np.float32)
    monkeypatch.setattr(NN, "_SCRATCH_MAX", 16)  # too large to keep: None, and the gradient still right
    y, none = NN.conv_forward(x, w, None, (1, 1), pads, (1, 1), 1, keep=True)
    assert none is None and y.shape == (2, 4, 5, 5)


def test_conv_fallbacks_match_reference():
    r = _rng()
    x = r.standard_normal((2, 4, 6, 6)).astype(np.float32)
    w = r.standard_normal((3, 4, 3, 3)).astype(np.float32)
    one = ((1, 1), (1, 1))
    xt = x.transpose(0, 1, 3, 2)  # non-contiguous: copied, same answer
    _close(NN.conv_forward(xt, w, None, (1, 1), one, (1, 1), 1), RN.conv_forward(xt, w, None, (1, 1), one, (1, 1), 1),
           np.float32)
    wg = r.standard_normal((4, 2, 3, 3)).astype(np.float32)  # groups
    _close(NN.conv_forward(x, wg, None, (1, 1), one, (1, 1), 2), RN.conv_forward(x, wg, None, (1, 1), one, (1, 1), 2),
           np.float32)
    asym = ((0, 1), (1, 0))
    y = NN.conv_forward(x, w, None, (1, 1), asym, (1, 1), 1)
    _close(y, RN.conv_forward(x, w, None, (1, 1), asym, (1, 1), 1), np.float32)
    g = r.standard_normal(y.shape).astype(np.float32)
    _close(NN.conv_backward_input(g, w, (6, 6), (1, 1), asym, (1, 1), 1),
           RN.conv_backward_input(g, w, (6, 6), (1, 1), asym, (1, 1), 1), np.float32)
    x16 = x.astype(np.float16)
    y = NN.conv_forward(x16, w.astype(np.float16), None, (1, 1), one, (1, 1), 1)
    assert y.dtype == np.float16 and y.shape == (2, 3, 6, 6)


# ---- max pooling ----------------------------------------------------------------------------------
# (shape, kernel, stride, padding, dilation, ceil_mode): the 2x2 stride-2 kernel, the 2x2 one (overlapping, dilated,
# odd sizes), the generic path (padding, 3x3, ceil-mode windows past the edge)
POOLS = [
    ((2, 3, 8, 8), (2, 2), (2, 2), (0, 0), (1, 1), 0),
    ((2, 3, 7, 9), (2, 2), (2, 2), (0, 0), (1, 1), 0),
    ((2, 3, 6, 6), (2, 2), (1, 1), (0, 0), (1, 1), 0),
    ((1, 2, 7, 7), (2, 2), (2, 1), (0, 0), (2, 3), 0),
    ((2, 3, 9, 7), (3, 2), (2, 1), (1, 1), (1, 2), 0),
    ((1, 2, 5, 5), (3, 3), (1, 1), (1, 1), (1, 1), 0),
    ((2, 2, 7, 7), (2, 2), (2, 2), (1, 1), (1, 1), 0),
    ((2, 2, 7, 8), (3, 3), (2, 2), (0, 1), (1, 1), 1),
    ((2, 2, 5, 5), (2, 2), (2, 2), (0, 0), (1, 1), 1),
    ((1, 1, 6, 5), (3, 2), (3, 2), (1, 1), (2, 1), 0),
]


def _pool_out(spatial, k, s, p, d, ceil):
    """torch's pooling output size (ceil_mode: a last window may run past the edge, not start in it)."""
    out = []
    for n, kk, ss, pp, dd in zip(spatial, k, s, p, d):
        o = (n + 2 * pp - dd * (kk - 1) - 1 + (ss - 1 if ceil else 0)) // ss + 1
        out.append(o - 1 if ceil and (o - 1) * ss >= n + pp else o)
    return tuple(out)


def _pool_case(shape, k, s, p, d, ceil, dtype, r):
    pads = tuple((q, q) for q in p)
    out = _pool_out(shape[2:], k, s, p, d, ceil)
    x = r.standard_normal(shape).astype(dtype)
    return x, pads, out


@pytest.mark.parametrize("case", POOLS)
@pytest.mark.parametrize("dtype", DTYPES)
def test_max_pool_and_scatter_match_reference(case, dtype):
    shape, k, s, p, d, ceil = case
    r = _rng()
    x, pads, out = _pool_case(shape, k, s, p, d, ceil, dtype, r)
    x[0, 0, 0, :3] = 5.0  # ties: the first maximum wins
    x[-1, -1, 1:3, 1:3] = -np.inf
    ya, ia = NN.max_pool_forward(x, k, s, pads, d, out)
    yb, ib = RN.max_pool_forward(x, k, s, pads, d, out)
    np.testing.assert_array_equal(ya, yb)
    np.testing.assert_array_equal(ia, ib)
    assert ia.dtype == np.int64 and ya.dtype == dtype
    g = r.standard_normal(ya.shape).astype(dtype)
    _close(NN.index_scatter_add(g, ia, shape[2:]), RN.index_scatter_add(g, ia, shape[2:]), dtype)
    xt = np.ascontiguousarray(x.transpose(0, 1, 3, 2)).transpose(0, 1, 3, 2)  # same values, strided
    np.testing.assert_array_equal(NN.max_pool_forward(xt, k, s, pads, d, out)[0], yb)


@pytest.mark.parametrize("case", POOLS)
def test_max_pool_nan_inf_and_ties_match_torch(case):
    torch = pytest.importorskip("torch")
    shape, k, s, p, d, ceil = case
    r = _rng()
    x, pads, out = _pool_case(shape, k, s, p, d, ceil, np.float32, r)
    x = np.round(x)  # many ties
    m = r.random(shape)
    x[m < 0.15] = np.nan
    x[(m > 0.15) & (m < 0.3)] = -np.inf
    x[0, 0] = -np.inf  # a whole plane of -inf: the index is each window's first in-image position
    y, idx = NN.max_pool_forward(x, k, s, pads, d, out)
    yt, it = torch.nn.functional.max_pool2d(torch.from_numpy(x), k, s, p, d, ceil_mode=bool(ceil),
                                            return_indices=True)
    assert y.shape == tuple(yt.shape)
    np.testing.assert_array_equal(y, yt.numpy())
    np.testing.assert_array_equal(idx, it.numpy())


def test_max_pool_fallbacks_match_reference():
    r = _rng()
    xi = r.integers(-50, 50, (2, 3, 6, 6))
    for x in (xi, xi.astype(np.float16)):
        for a, b in zip(NN.max_pool_forward(x, (2, 2), (2, 2), ((0, 0), (0, 0)), (1, 1), (3, 3)),
                        RN.max_pool_forward(x, (2, 2), (2, 2), ((0, 0), (0, 0)), (1, 1), (3, 3))):
            np.testing.assert_array_equal(a, b)
    x1 = r.standard_normal((2, 3, 9)).astype(np.float32)  # 1-d
    for a, b in zip(NN.max_pool_forward(x1, (3,), (2,), ((1, 1),), (1,), (5,)),
                    RN.max_pool_forward(x1, (3,), (2,), ((1, 1),), (1,), (5,))):
        np.testing.assert_array_equal(a, b)


def test_scatter_accumulates_repeated_indices_and_rejects_bad_ones():
    g = np.arange(1, 7, dtype=np.float32).reshape(1, 2, 3)
    idx = np.array([[[0, 0, 3], [1, 1, 1]]], np.int64)
    out = NN.index_scatter_add(g, idx, (2, 2))
    np.testing.assert_array_equal(out, RN.index_scatter_add(g, idx, (2, 2)))
    np.testing.assert_array_equal(out[0, 0].ravel(), [3, 0, 0, 3])
    np.testing.assert_array_equal(out[0, 1].ravel(), [0, 15, 0, 0])
    for bad in (4, -1):
        b = idx.copy()
        b[0, 1, 2] = bad
        with pytest.raises(ValueError):
            RN.index_scatter_add(g, b, (2, 2))
        with pytest.raises(ValueError):
            NN.index_scatter_add(g, b, (2, 2))


# ---- the fused weight+bias gradient through the ops -------------------------------------------------
@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_fused_bias_gradient_first_and_second_order_match_torch(backend):
    torch = pytest.importorskip("torch")
    import autograd
    from autograd import kernels as K
    import nn.functional as F
    r = _rng()
    xs, ws, bs = r.standard_normal((3, 8, 7, 6)), r.standard_normal((5, 8, 3, 3)), r.standard_normal(5)
    prev = K.backend()
    K.use_backend(backend)
    try:
        x, w, b = (autograd.from_numpy(a.copy()).requires_grad_() for a in (xs, ws, bs))
        gw, gb = autograd.grad(F.conv2d(x, w, b, padding=1).tanh().sum(), (w, b), create_graph=True)
        assert type(gw.grad_fn).__name__ == type(gb.grad_fn).__name__ == "ConvolutionBackwardBackward0"
        ((gw * gw).sum() + (gb * gb).sum()).backward()
    finally:
        K.use_backend(prev)
    xt, wt, bt = (torch.from_numpy(a.copy()).requires_grad_() for a in (xs, ws, bs))
    gwt, gbt = torch.autograd.grad(torch.nn.functional.conv2d(xt, wt, bt, padding=1).tanh().sum(), (wt, bt),
                                   create_graph=True)
    ((gwt * gwt).sum() + (gbt * gbt).sum()).backward()
    for ours, theirs in ((gw, gwt), (gb, gbt), (x.grad, xt.grad), (w.grad, wt.grad), (b.grad, bt.grad)):
        np.testing.assert_allclose(ours.detach().numpy(), theirs.detach().numpy(), rtol=1e-9, atol=1e-10)
