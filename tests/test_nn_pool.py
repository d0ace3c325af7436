"""Pooling (max, avg, adaptive, lp, unpool) against PyTorch: values, indices, gradients, errors, modules."""
import numpy as np
import pytest

import autograd
import nn
import nn.functional as F
from autograd import kernels as K
from oracle import assert_close, to_torch, torch

TF = torch.nn.functional


@pytest.fixture(params=["numpy", "numba"])
def backend(request):
    """Run a test under each kernel backend (the jitted kernels must agree with the NumPy reference)."""
    prev = K.backend()
    K.use_backend(request.param)
    yield request.param
    K.use_backend(prev)


def _rand(shape, dtype=np.float64, requires_grad=True, seed=0):
    rs = np.random.default_rng(seed)
    return autograd.tensor(rs.standard_normal(shape).astype(dtype), requires_grad=requires_grad)


def _parity(ours_fn, torch_fn, x, rtol=1e-7, atol=1e-9):
    out, xt = ours_fn(x), to_torch(x)
    outt = torch_fn(xt)
    if isinstance(out, tuple):
        assert np.array_equal(out[1].numpy(), outt[1].numpy()), "indices differ"
        assert out[1].dtype == autograd.int64
        out, outt = out[0], outt[0]
    assert_close(out, outt, rtol=rtol, atol=atol)
    g = np.random.default_rng(1).standard_normal(tuple(out.shape)).astype(out.detach().numpy().dtype)
    (gx,) = autograd.grad(out, x, autograd.tensor(g))
    (gxt,) = torch.autograd.grad(outt, xt, torch.from_numpy(g))
    assert_close(gx, gxt, rtol=rtol, atol=atol)
    return out


MAX2D = [
    dict(kernel_size=2),
    dict(kernel_size=3, stride=2, padding=1),
    dict(kernel_size=(3, 2), stride=(2, 3), padding=(1, 0), dilation=(2, 1), ceil_mode=True),
    dict(kernel_size=3, stride=2, ceil_mode=True, return_indices=True),
    dict(kernel_size=2, stride=1, return_indices=True),            # overlapping windows
    dict(kernel_size=3, stride=(1, 2), padding=1, dilation=2, return_indices=True),
    dict(kernel_size=4, stride=3, padding=2, ceil_mode=True),
]


@pytest.mark.parametrize("kw", MAX2D)
def test_max_pool2d_matches_torch(kw, backend):
    out = _parity(lambda x: F.max_pool2d(x, **kw), lambda x: TF.max_pool2d(x, **kw), _rand((2, 3, 9, 7)))
    assert out.grad_fn.name() == "MaxPool2DWithIndicesBackward0"


def test_max_pool2d_float32_ties_and_noncontiguous(backend):
    x = autograd.tensor(np.round(np.random.default_rng(0).standard_normal((2, 3, 8, 6)), 0).astype(np.float32),
                        requires_grad=True)  # many ties: torch takes the first maximum
    _parity(lambda x: F.max_pool2d(x, 3, 1, return_indices=True),
            lambda x: TF.max_pool2d(x, 3, 1, return_indices=True), x, rtol=1e-5, atol=1e-6)
    xt = _rand((2, 6, 8, 3), requires_grad=False).permute(0, 3, 1, 2).requires_grad_()
    _parity(lambda x: F.max_pool2d(x, 2), lambda x: TF.max_pool2d(x, 2), xt)


def test_max_pool_unbatched_1d_3d():
    _parity(lambda x: F.max_pool2d(x, 2, return_indices=True), lambda x: TF.max_pool2d(x, 2, return_indices=True),
            _rand((3, 6, 5)))
    for kw in (dict(kernel_size=3, stride=2, padding=1), dict(kernel_size=2, return_indices=True),
               dict(kernel_size=3, dilation=2, ceil_mode=True)):
        _parity(lambda x: F.max_pool1d(x, **kw), lambda x: TF.max_pool1d(x, **kw), _rand((2, 3, 11)))
    _parity(lambda x: F.max_pool1d(x, 2), lambda x: TF.max_pool1d(x, 2), _rand((3, 11)))
    _parity(lambda x: F.max_pool3d(x, 2, padding=1), lambda x: TF.max_pool3d(x, 2, padding=1), _rand((1, 2, 4, 5, 3)))


AVG2D = [
    dict(kernel_size=2),
    dict(kernel_size=3, stride=2, padding=1),
    dict(kernel_size=3, stride=2, padding=1, count_include_pad=False),
    dict(kernel_size=(3, 2), stride=(2, 3), padding=(1, 1), ceil_mode=True),
    dict(kernel_size=3, stride=2, padding=1, ceil_mode=True, count_include_pad=False),
    dict(kernel_size=3, stride=2, padding=1, ceil_mode=True, count_include_pad=True),
    dict(kernel_size=3, divisor_override=5),
    dict(kernel_size=2, stride=1, padding=1, divisor_override=3),
]


@pytest.mark.parametrize("kw", AVG2D)
def test_avg_pool2d_matches_torch(kw, backend):
    out = _parity(lambda x: F.avg_pool2d(x, **kw), lambda x: TF.avg_pool2d(x, **kw), _rand((2, 3, 9, 7)))
    assert out.grad_fn.name() == "AvgPool2DBackward0"


def test_avg_pool1d_3d_and_float32():
    for kw in (dict(kernel_size=3, stride=2, padding=1), dict(kernel_size=3, stride=2, padding=1, ceil_mode=True,
                                                               count_include_pad=False)):
        _parity(lambda x: F.avg_pool1d(x, **kw), lambda x: TF.avg_pool1d(x, **kw), _rand((2, 3, 10)))
    _parity(lambda x: F.avg_pool1d(x, 2), lambda x: TF.avg_pool1d(x, 2), _rand((3, 10)))
    _parity(lambda x: F.avg_pool3d(x, 2, 1, 1), lambda x: TF.avg_pool3d(x, 2, 1, 1), _rand((1, 2, 4, 3, 5)))
    _parity(lambda x: F.avg_pool2d(x, 3, 2, 1, False, False), lambda x: TF.avg_pool2d(x, 3, 2, 1, False, False),
            _rand((2, 3, 9, 7), np.float32), rtol=1e-5, atol=1e-6)


def test_max_pool_nan_and_integer_input(backend):
    x = autograd.tensor([[[[float("nan"), 1.0, float("nan"), 2.0], [3.0, float("nan"), 5.0, 4.0]]]])
    out, idx = F.max_pool2d(x, (1, 4), return_indices=True)
    outt, idxt = TF.max_pool2d(to_torch(x), (1, 4), return_indices=True)
    assert np.isnan(out.numpy()).all() and np.isnan(outt.numpy()).all()
    assert np.array_equal(idx.numpy(), idxt.numpy())  # torch keeps the last NaN
    xi = autograd.tensor(np.arange(40).reshape(1, 2, 4, 5) % 7)
    assert_close(F.max_pool2d(xi, 2, padding=1), TF.max_pool2d(to_torch(xi), 2, padding=1))
    xs = autograd.tensor(np.random.default_rng(0).integers(-9, 9, (2, 3, 5, 5)))
    for kw in (dict(kernel_size=2, padding=1), dict(kernel_size=3, stride=2, padding=1, ceil_mode=True,
                                                   count_include_pad=False)):
        assert_close(F.avg_pool2d(xs, **kw), TF.avg_pool2d(to_torch(xs), **kw))  # integer division truncates


@pytest.mark.parametrize("size", [(1, 1), 1, 3, (4, None), (None, 2), (2, 5), (9, 7), (5, 3), (12, 10)])
def test_adaptive_pool2d_matches_torch(size):
    _parity(lambda x: F.adaptive_avg_pool2d(x, size), lambda x: TF.adaptive_avg_pool2d(x, size), _rand((2, 3, 9, 7)))
    _parity(lambda x: F.adaptive_max_pool2d(x, size, return_indices=True),
            lambda x: TF.adaptive_max_pool2d(x, size, return_indices=True), _rand((2, 3, 9, 7)))


def test_adaptive_pool_1d_3d_unbatched():
    _parity(lambda x: F.adaptive_avg_pool1d(x, 4), lambda x: TF.adaptive_avg_pool1d(x, 4), _rand((2, 3, 10)))
    _parity(lambda x: F.adaptive_max_pool1d(x, 4), lambda x: TF.adaptive_max_pool1d(x, 4), _rand((2, 3, 10)))
    _parity(lambda x: F.adaptive_avg_pool2d(x, (2, 3)), lambda x: TF.adaptive_avg_pool2d(x, (2, 3)), _rand((3, 5, 7)))
    _parity(lambda x: F.adaptive_avg_pool3d(x, (2, 1, 3)), lambda x: TF.adaptive_avg_pool3d(x, (2, 1, 3)),
            _rand((1, 2, 4, 3, 5)))
    out = F.adaptive_avg_pool2d(_rand((2, 3, 4, 4), np.float32), (1, 1))
    assert tuple(out.shape) == (2, 3, 1, 1) and out.dtype == autograd.float32


def test_lp_pool_and_unpool():
    x = autograd.tensor(np.abs(np.random.default_rng(0).standard_normal((2, 3, 8, 7))) + 0.1, requires_grad=True)
    _parity(lambda x: F.lp_pool2d(x, 2, 3, 2), lambda x: TF.lp_pool2d(x, 2, 3, 2), x)
    _parity(lambda x: F.lp_pool1d(x, 3, 2), lambda x: TF.lp_pool1d(x, 3, 2), x[0])
    x = _rand((2, 3, 9, 7))
    y, idx = F.max_pool2d(x, 2, return_indices=True)
    yt, idxt = TF.max_pool2d(to_torch(x), 2, return_indices=True)
    for size in ((9, 7), (1, 3, 9, 7)):
        up = F.max_unpool2d(y, idx, 2, output_size=size)
        assert_close(up, TF.max_unpool2d(yt, idxt, 2, output_size=size))
    m, mt = nn.MaxUnpool2d(2), torch.nn.MaxUnpool2d(2)
    assert repr(m) == repr(mt)
    _parity(lambda v: F.max_unpool2d(v, idx, 2, output_size=(9, 7)),
            lambda v: TF.max_unpool2d(v, idxt, 2, output_size=(9, 7)), y.detach().requires_grad_())


@pytest.mark.parametrize("fn", [
    lambda x: F.max_pool2d(x, 2, 1, return_indices=True)[0],
    lambda x: F.max_pool2d(x, 3, 2, 1, ceil_mode=True),
    lambda x: F.avg_pool2d(x, 3, 2, 1, True, False),
    lambda x: F.avg_pool2d(x, 2, 1, divisor_override=3),
    lambda x: F.adaptive_avg_pool2d(x, (3, 2)),
    lambda x: F.adaptive_max_pool2d(x, (2, 3)),
])
def test_gradcheck_and_gradgradcheck(fn):
    # distinct values: max pooling is not differentiable at ties
    x = autograd.tensor(np.random.default_rng(0).permutation(40).reshape(1, 2, 5, 4) / 7.0, requires_grad=True)
    assert autograd.gradcheck(fn, (x,))
    assert autograd.gradgradcheck(fn, (x,))


# ---- errors ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("call", [
    lambda F, t: F.max_pool2d(t(2, 3, 5, 5), 3, padding=2),
    lambda F, t: F.max_pool2d(t(2, 3, 2, 2), 3),
    lambda F, t: F.max_pool2d(t(3, 5), 3),
    lambda F, t: F.max_pool2d(t(2, 3, 5, 5), 2, stride=0),
    lambda F, t: F.max_pool2d(t(2, 3, 5, 5), 0),
    lambda F, t: F.max_pool2d(t(2, 3, 5, 5), 2, dilation=0),
    lambda F, t: F.max_pool2d(t(2, 3, 5, 5), (2, 2, 2)),
    lambda F, t: F.max_pool1d(t(5), 2),
    lambda F, t: F.avg_pool2d(t(2, 3, 2, 2), 3),
    lambda F, t: F.avg_pool2d(t(2, 3, 5, 5), 2, divisor_override=0),
    lambda F, t: F.avg_pool1d(t(5), 2),
    lambda F, t: F.adaptive_avg_pool2d(t(3, 5), 3),
    lambda F, t: F.adaptive_avg_pool2d(t(2, 3, 5, 5), (1, 2, 3)),
])
def test_error_messages_match_torch(call):
    with pytest.raises(RuntimeError) as ours:
        call(F, lambda *s: autograd.zeros(*s))
    with pytest.raises(RuntimeError) as theirs:
        call(TF, lambda *s: torch.zeros(*s))
    assert str(ours.value) == str(theirs.value)


# ---- modules ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name,args,kw,shape", [
    ("MaxPool2d", (2,), {}, (2, 3, 8, 8)),
    ("MaxPool2d", (3,), dict(stride=2, padding=1, ceil_mode=True), (2, 3, 8, 7)),
    ("MaxPool2d", (2,), dict(return_indices=True), (2, 3, 8, 8)),
    ("MaxPool1d", (3,), dict(stride=2), (2, 3, 9)),
    ("MaxPool3d", (2,), {}, (1, 2, 4, 4, 4)),
    ("AvgPool2d", (3,), dict(stride=2, padding=1, count_include_pad=False), (2, 3, 8, 7)),
    ("AvgPool2d", ((2, 3),), dict(divisor_override=4), (2, 3, 8, 7)),
    ("AvgPool1d", (3,), dict(ceil_mode=True), (2, 3, 8)),
    ("AdaptiveAvgPool2d", ((1, 1),), {}, (2, 3, 5, 5)),
    ("AdaptiveAvgPool2d", ((3, None),), {}, (2, 3, 5, 4)),
    ("AdaptiveAvgPool1d", (3,), {}, (2, 3, 8)),
    ("AdaptiveMaxPool2d", (2,), dict(return_indices=True), (2, 3, 5, 5)),
    ("LPPool2d", (2, 2), {}, (2, 3, 6, 6)),
])
def test_modules_match_torch(name, args, kw, shape):
    m, mt = getattr(nn, name)(*args, **kw), getattr(torch.nn, name)(*args, **kw)
    assert repr(m) == repr(mt)
    x = autograd.tensor(np.abs(np.random.default_rng(0).standard_normal(shape)), requires_grad=True)
    _parity(m, mt, x)
    assert list(m.state_dict()) == []
