"""Every jitted kernel against its NumPy reference: values, odd sizes, non-contiguous inputs, dtypes."""
import os
import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("numba")

from autograd.kernels import _numba  # noqa: E402
from autograd.kernels import numba_backend, numba_elementwise as E, numba_loss as NL, numba_nn as NN  # noqa: E402
from autograd.kernels import numba_optim as NO  # noqa: E402
from autograd.kernels import ref_elementwise as RE, ref_loss as RL, ref_nn as RN, ref_optim as RO  # noqa: E402

DTYPES = [np.float32, np.float64]
SIZES = [1, 7, 1000, 4099]
BIG = _numba.PAR_MIN + 17  # the parallel path (tiny under NUMBA_DISABLE_JIT: the loops run in Python)
if _numba.DISABLED:
    BIG = 1031


def _rng():
    return np.random.default_rng(1234)


@pytest.fixture
def jit_loops(monkeypatch):
    """Gate every size to the jitted loops (normally arrays below PAR_MIN take the NumPy kernels)."""
    monkeypatch.setattr(numba_backend, "PAR_MIN", 1)


def _assert(a, b, dtype, rtol=None):
    assert a.shape == b.shape and a.dtype == b.dtype, (a.shape, b.shape, a.dtype, b.dtype)
    tol = rtol or (2e-6 if dtype == np.float32 else 1e-12)
    scale = float(np.max(np.abs(b[np.isfinite(b)]))) if np.isfinite(b).any() else 1.0
    np.testing.assert_allclose(a, b, rtol=tol, atol=tol * min(scale, 1.0) * 0.1)


def _noncontig(a):
    """Same values, strided layout."""
    big = np.empty((2,) + a.shape, a.dtype)
    big[1] = a
    return big[1] if a.ndim == 0 else np.moveaxis(np.moveaxis(big, 0, -1)[..., 1], -1, -1)


def test_registry_names_match_reference_kernels():
    from autograd.kernels import numpy_backend
    for mod, names in numba_backend.MODULES.items():
        table = numba_backend.load(mod)
        assert set(names) == set(table), mod
        for n in names:
            assert n in numpy_backend.__all__, n


@pytest.mark.usefixtures("jit_loops")
@pytest.mark.parametrize("name", ["exp", "sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", SIZES + [BIG])
def test_unary_matches_reference(name, dtype, n):
    x = (_rng().standard_normal(n) * 6).astype(dtype)
    with np.errstate(all="ignore"):
        ref = getattr(RE, name)(x)
    _assert(getattr(E, name)(x), ref, dtype)


@pytest.mark.usefixtures("jit_loops")
@pytest.mark.parametrize("name", ["exp", "sigmoid", "tanh", "relu"])
def test_unary_special_values_and_extremes(name):
    x = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-8, -1e-8, 0.6, -0.7, 8.0, -8.0, 20, -20, 87.0,
                  -87.0, 88.7, 89.0, -104.0, 1e4, -1e4], np.float32)
    x = np.tile(x, 3)  # long enough to exercise the vector loop
    with np.errstate(all="ignore"):
        ref = getattr(RE, name)(x)
        out = getattr(E, name)(x)
    np.testing.assert_array_equal(np.isnan(out), np.isnan(ref))
    np.testing.assert_allclose(out, ref, rtol=2e-6, atol=1e-37)


@pytest.mark.usefixtures("jit_loops")
@pytest.mark.parametrize("name", ["exp", "sigmoid", "tanh", "relu"])
def test_unary_noncontiguous_and_nd(name):
    x = (_rng().standard_normal((5, 6, 7)) * 3).astype(np.float32)
    t = x.transpose(2, 0, 1)
    _assert(getattr(E, name)(t), getattr(RE, name)(t), np.float32)
    _assert(getattr(E, name)(x[:, ::2]), getattr(RE, name)(x[:, ::2]), np.float32)
    s = np.float32(0.5) * np.ones((), np.float32)
    _assert(getattr(E, name)(s), getattr(RE, name)(s), np.float32)


BINARY = ["relu_backward", "sigmoid_backward", "tanh_backward", "add", "sub", "mul"]


@pytest.mark.usefixtures("jit_loops")
@pytest.mark.parametrize("name", BINARY)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", [1, 999, BIG])
def test_binary_matches_reference_exactly(name, dtype, n):
    """The arithmetic loops round as NumPy does: the size gate never changes a result."""
    r = _rng()
    g = r.standard_normal(n).astype(dtype)
    y = (r.standard_normal(n) % 1.0).astype(dtype)
    if name == "relu_backward":
        y = r.standard_normal(n).astype(dtype)
        k = min(n, 3)
        g[:k], y[:k] = [np.inf, np.nan, -np.inf][:k], [-1.0, 0.0, np.nan][:k]  # where-semantics: 0
    np.testing.assert_array_equal(getattr(E, name)(g, y), getattr(RE, name)(g, y))


@pytest.mark.parametrize("name", BINARY + ["exp", "sigmoid", "tanh", "relu"])
def test_small_arrays_take_the_reference_kernel(name):
    x = _rng().standard_normal((3, 5)).astype(np.float32)
    args = (x, x * 0.5) if name in BINARY else (x,)
    np.testing.assert_array_equal(getattr(E, name)(*args), getattr(RE, name)(*args))


@pytest.mark.usefixtures("jit_loops")
@pytest.mark.parametrize("name", BINARY)
def test_binary_noncontiguous_broadcast_and_mixed(name):
    r = _rng()
    g = r.standard_normal((6, 5)).astype(np.float32)
    y = r.standard_normal((5, 6)).astype(np.float32).T
    _assert(getattr(E, name)(g, y), getattr(RE, name)(g, y), np.float32)
    row = r.standard_normal(5).astype(np.float32)  # broadcasting: NumPy path
    _assert(getattr(E, name)(g, row), getattr(RE, name)(g, row), np.float32)
    g64 = g.astype(np.float64)  # mixed dtypes, scalars: NumPy path
    _assert(getattr(E, name)(g, g64), getattr(RE, name)(g, g64), np.float64)
    _assert(getattr(E, name)(g, 0.5), getattr(RE, name)(g, 0.5), np.float32)


# ---- optimizers -------------------------------------------------------------------------------------
def _state(n, dtype, k):
    r = _rng()
    arrays = [r.standard_normal(n).astype(dtype) for _ in range(k)]
    return arrays


@pytest.mark.usefixtures("jit_loops")
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("amsgrad", [False, True])
@pytest.mark.parametrize("wd,decoupled", [(0.0, False), (0.01, False), (0.05, True)])
@pytest.mark.parametrize("maximize", [False, True])
@pytest.mark.parametrize("n", [3, 1001])
def test_adam_matches_reference(dtype, amsgrad, wd, decoupled, maximize, n):
    st = _state(n, dtype, 5)
    st[3] = np.abs(st[3])
    st[4] = np.abs(st[4])
    a = [s.copy() for s in st]
    b = [s.copy() for s in st]
    for step in (1, 2, 3):
        for beta1 in (0.9, 0.2):
            NO.adam_update(*a, step, 1e-3, beta1, 0.999, 1e-8, wd, amsgrad, maximize, decoupled)
            RO.adam_update(*b, step, 1e-3, beta1, 0.999, 1e-8, wd, amsgrad, maximize, decoupled)
    for x, y in zip(a, b):
        _assert(x, y, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
def test_hot_updates_switch_to_serial_loops_without_changing_results(monkeypatch, dtype):
    """Mid-sized updates run NumPy until hot, then the serial loop: bit-for-bit the same numbers."""
    monkeypatch.setattr(numba_backend, "_calls", {})
    monkeypatch.setattr(numba_backend, "HOT_CALLS", 2)
    n = numba_backend.SERIAL_MIN + 5
    st = _state(n, dtype, 5)
    st[3] = np.abs(st[3])
    a = [s.copy() for s in st]
    b = [s.copy() for s in st]
    for step in range(1, 5):
        for wd, amsgrad, maximize, decoupled in [(0.0, False, False, False), (0.01, True, True, True)]:
            NO.adam_update(*a, step, 1e-3, 0.9, 0.999, 1e-8, wd, amsgrad, maximize, decoupled)
            RO.adam_update(*b, step, 1e-3, 0.9, 0.999, 1e-8, wd, amsgrad, maximize, decoupled)
            NO.sgd_update(a[0], a[1], a[2], 1e-2, 0.9, 0.1, wd, amsgrad, maximize, step == 1)
            RO.sgd_update(b[0], b[1], b[2], 1e-2, 0.9, 0.1, wd, amsgrad, maximize, step == 1)
    assert numba_backend._calls["adam"] == 8 and numba_backend._calls["sgd"] == 8
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    # below SERIAL_MIN an update does not count towards loading Numba; once it is loaded, it runs jitted
    small = _state(numba_backend.SERIAL_MIN - 1, dtype, 5)
    small[3] = np.abs(small[3])
    a, b = [s.copy() for s in small], [s.copy() for s in small]
    NO.adam_update(*a, 1, 1e-3, 0.9, 0.999, 1e-8, 0.0, False, False, False)
    RO.adam_update(*b, 1, 1e-3, 0.9, 0.999, 1e-8, 0.0, False, False, False)
    assert numba_backend._calls["adam"] == 8
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)


def test_adam_parallel_path_and_fallbacks():
    st = _state(BIG, np.float32, 5)
    st[3] = np.abs(st[3])
    a = [s.copy() for s in st]
    b = [s.copy() for s in st]
    NO.adam_update(*a, 4, 1e-2, 0.9, 0.999, 1e-8, 0.0, False, False, False)
    RO.adam_update(*b, 4, 1e-2, 0.9, 0.999, 1e-8, 0.0, False, False, False)
    for x, y in zip(a, b):
        _assert(x, y, np.float32)
    # non-contiguous parameter: the reference runs, in place on the view
    p = np.zeros((4, 6), np.float32)
    view = p[:, ::2]
    g = np.ones_like(view)
    NO.adam_update(view, g, np.zeros_like(view), np.zeros_like(view), np.zeros_like(view), 1, 0.1, 0.9, 0.999,
                   1e-8, 0.0, False, False, False)
    assert np.all(p[:, ::2] < 0) and np.all(p[:, 1::2] == 0)


@pytest.mark.usefixtures("jit_loops")
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("momentum,dampening,nesterov", [(0.0, 0.0, False), (0.9, 0.1, False), (0.9, 0.0, True)])
@pytest.mark.parametrize("maximize", [False, True])
def test_sgd_matches_reference(dtype, momentum, dampening, nesterov, maximize):
    st = _state(777, dtype, 3)
    a = [s.copy() for s in st]
    b = [s.copy() for s in st]
    for first in (True, False, False):
        NO.sgd_update(*a, 0.1, momentum, dampening, 0.01, nesterov, maximize, first)
        RO.sgd_update(*b, 0.1, momentum, dampening, 0.01, nesterov, maximize, first)
    for x, y in zip(a, b):
        _assert(x, y, dtype)


# ---- cross entropy ----------------------------------------------------------------------------------
@pytest.fixture(params=["reference", "parallel"])
def ce_path(request, monkeypatch):
    """Which cross-entropy code runs: NumPy (below PAR_MIN elements) or the parallel jitted loops."""
    if request.param == "reference":
        monkeypatch.setattr(NL, "_loop", lambda *args: None)
    else:
        monkeypatch.setattr(numba_backend, "PAR_MIN", 1)
    return request.param


def test_small_cross_entropy_never_switches_path(monkeypatch):
    """Below PAR_MIN the reference runs from the first call to the last, Numba loaded or not: the jitted loops
    round differently, so switching by use would make a resumed run differ from an uninterrupted one."""
    r = _rng()
    x = r.standard_normal((64, 10)).astype(np.float32)
    t = r.integers(0, 10, 64)
    first = NL.cross_entropy_forward(x, t, None, -100, 0.0)
    monkeypatch.setattr(numba_backend, "HOT_CALLS", -1)
    numba_backend.jit("_jit_loss")
    assert NL._loop("ce_forward", x, t, None, 0.0) is None
    for u, v in zip(first, NL.cross_entropy_forward(x, t, None, -100, 0.0)):
        np.testing.assert_array_equal(u, v)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n,c", [(1, 1), (5, 3), (64, 10), (33, 1000)])
def test_cross_entropy_matches_reference(dtype, n, c, ce_path):
    """The reference's common-case fast path and the jitted loops against the general formula."""
    r = _rng()
    x = (r.standard_normal((n, c)) * 4).astype(dtype)
    t = r.integers(0, c, n)
    if n > 2:
        t[1] = -100
    ones = np.ones(c, dtype)  # unit class weights: the reference's general path, same values
    if ce_path != "reference":
        assert NL._loop("ce_forward", x, t, None, 0.0).__name__ == "ce_forward_p"
    a = NL.cross_entropy_forward(x, t, None, -100, 0.0)
    b = RL.cross_entropy_forward(x, t, ones, -100, 0.0)
    for u, v in zip(a, b):
        _assert(u, v, dtype)
    s = r.standard_normal(n).astype(dtype)
    _assert(NL.cross_entropy_backward(s, x, a[2], t, None, -100, 0.0),
            RL.cross_entropy_backward(s, x, b[2], t, ones, -100, 0.0), dtype)


def test_cross_entropy_fallbacks_and_errors(ce_path):
    r = _rng()
    x = r.standard_normal((6, 4)).astype(np.float32)
    t = r.integers(0, 4, 6)
    w = np.abs(r.standard_normal(4)).astype(np.float32)
    for args in [(x, t, w, -100, 0.0), (x, t, None, -100, 0.1), (np.asfortranarray(x), t, None, 1, 0.0)]:
        for u, v in zip(NL.cross_entropy_forward(*args), RL.cross_entropy_forward(*args)):
            _assert(u, v, np.float32)
    for value in (4, -3):  # out-of-range targets: the jitted loops leave them to the reference, which raises
        bad = t.copy()
        bad[2] = value
        with pytest.raises(IndexError, match=f"Target {value} is out of bounds"):
            NL.cross_entropy_forward(x, bad, None, -100, 0.0)


# ---- convolution and pooling --------------------------------------------------------------------------
CONVS = [  # (n, c, h, w, o, kernel, stride, padding, dilation)
    (2, 3, 7, 9, 4, (3, 3), (1, 1), ((1, 1), (1, 1)), (1, 1)),
    (3, 2, 8, 6, 5, (2, 3), (2, 1), ((0, 0), (2, 2)), (1, 2)),
    (1, 1, 5, 5, 1, (5, 5), (1, 1), ((0, 0), (0, 0)), (1, 1)),
    (4, 6, 11, 10, 3, (3, 1), (3, 2), ((2, 2), (0, 0)), (2, 1)),
]


@pytest.mark.parametrize("case", CONVS)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("bias", [True, False])
def test_conv_matches_reference(case, dtype, bias):
    n, c, h, w, o, k, s, p, d = case
    r = _rng()
    x = r.standard_normal((n, c, h, w)).astype(dtype)
    wt = r.standard_normal((o, c) + k).astype(dtype)
    b = r.standard_normal(o).astype(dtype) if bias else None
    y = NN.conv_forward(x, wt, b, s, p, d, 1)
    _assert(y, RN.conv_forward(x, wt, b, s, p, d, 1), dtype, rtol=1e-5 if dtype == np.float32 else None)
    g = r.standard_normal(y.shape).astype(dtype)
    _assert(NN.conv_backward_input(g, wt, (h, w), s, p, d, 1), RN.conv_backward_input(g, wt, (h, w), s, p, d, 1),
            dtype, rtol=1e-5 if dtype == np.float32 else None)
    _assert(NN.conv_backward_weight(x, g, k, s, p, d, 1), RN.conv_backward_weight(x, g, k, s, p, d, 1),
            dtype, rtol=1e-4 if dtype == np.float32 else None)


def test_conv_noncontiguous_groups_and_asymmetric_padding_fall_back():
    r = _rng()
    x = r.standard_normal((2, 4, 6, 6)).astype(np.float32)
    xt = x.transpose(0, 1, 3, 2)
    w = r.standard_normal((3, 4, 3, 3)).astype(np.float32)
    geo = ((1, 1), ((1, 1), (1, 1)), (1, 1), 1)
    _assert(NN.conv_forward(xt, w, None, *geo), RN.conv_forward(xt, w, None, *geo), np.float32, rtol=1e-5)
    wg = r.standard_normal((4, 2, 3, 3)).astype(np.float32)
    _assert(NN.conv_forward(x, wg, None, (1, 1), ((1, 1), (1, 1)), (1, 1), 2),
            RN.conv_forward(x, wg, None, (1, 1), ((1, 1), (1, 1)), (1, 1), 2), np.float32, rtol=1e-5)
    _assert(NN.conv_forward(x, w, None, (1, 1), ((0, 1), (1, 0)), (1, 1), 1),
            RN.conv_forward(x, w, None, (1, 1), ((0, 1), (1, 0)), (1, 1), 1), np.float32, rtol=1e-5)


POOLS = [  # (shape, kernel, stride, padding, dilation)
    ((2, 3, 8, 8), (2, 2), (2, 2), ((0, 0), (0, 0)), (1, 1)),
    ((2, 3, 9, 7), (3, 2), (2, 1), ((1, 1), (1, 1)), (1, 2)),
    ((1, 2, 5, 5), (3, 3), (1, 1), ((1, 1), (1, 1)), (1, 1)),
]


def _pool_out(shape, k, s, p, d):
    return tuple((n + lo + hi - dd * (kk - 1) - 1) // ss + 1 for n, kk, ss, (lo, hi), dd in zip(shape[2:], k, s, p, d))


@pytest.mark.parametrize("case", POOLS)
@pytest.mark.parametrize("dtype", DTYPES)
def test_max_pool_and_scatter_match_reference(case, dtype):
    shape, k, s, p, d = case
    r = _rng()
    x = r.standard_normal(shape).astype(dtype)
    x[0, 0, 0, :2] = 5.0  # ties: the first maximum wins in both
    out = _pool_out(shape, k, s, p, d)
    ya, ia = NN.max_pool_forward(x, k, s, p, d, out)
    yb, ib = RN.max_pool_forward(x, k, s, p, d, out)
    np.testing.assert_array_equal(ya, yb)
    np.testing.assert_array_equal(ia, ib)
    assert ia.dtype == np.int64
    g = r.standard_normal(ya.shape).astype(dtype)
    _assert(NN.index_scatter_add(g, ia, shape[2:]), RN.index_scatter_add(g, ia, shape[2:]), dtype)
    xt = np.ascontiguousarray(x.transpose(0, 1, 3, 2)).transpose(0, 1, 3, 2)  # same values, strided
    np.testing.assert_array_equal(NN.max_pool_forward(xt, k, s, p, d, out)[0], yb)


# ---- the backend: lazy loading, switching, ops through it ---------------------------------------------
def test_import_does_not_import_numba():
    code = "import sys, autograd, nn, optim; print('numba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert out.stdout.strip() == "False", out.stderr


def test_small_training_step_does_not_import_numba():
    """Arrays below PAR_MIN take the NumPy kernels: a small model trains without Numba's ~1 s set-up."""
    code = ("import sys, numpy as np, autograd, nn, optim\n"
            "m = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))\n"
            "opt = optim.Adam(m.parameters())\n"
            "x, y = autograd.randn(64, 784), autograd.from_numpy(np.arange(64) % 10)\n"
            "nn.CrossEntropyLoss()(m(x), y).backward()\n"
            "opt.step()\n"
            "print('numba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert out.stdout.strip() == "False", out.stderr


def test_ops_agree_across_backends():
    import autograd
    from autograd import kernels as K
    r = _rng()
    x = autograd.from_numpy(r.standard_normal((37, 3)).astype(np.float32)).requires_grad_()
    results = {}
    prev = K.backend()
    try:
        for name in ("numpy", "numba"):
            K.use_backend(name)
            x.grad = None
            y = (x.sigmoid() * x.tanh() + x.exp().relu()).sum()
            y.backward()
            results[name] = (y.detach().numpy().copy(), x.grad.numpy().copy())
    finally:
        K.use_backend(prev)
    np.testing.assert_allclose(results["numba"][0], results["numpy"][0], rtol=1e-5)
    np.testing.assert_allclose(results["numba"][1], results["numpy"][1], rtol=1e-5, atol=1e-6)


def test_unknown_backend_raises():
    from autograd import kernels as K
    with pytest.raises(ValueError, match="unknown kernel backend"):
        K.use_backend("cuda")


def test_scatter_rejects_out_of_range_indices_like_reference():
    g = np.ones((1, 1, 2), np.float32)
    idx = np.array([[[0, 5]]], np.int64)
    with pytest.raises(ValueError):
        RN.index_scatter_add(g, idx, (2, 2))
    with pytest.raises(ValueError):
        NN.index_scatter_add(g, idx, (2, 2))
