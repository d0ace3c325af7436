"""nn.functional behaviours fixed against torch's OpInfo database (area C): torch is the oracle."""
import numpy as np
import pytest

from tests.oracle import assert_close, to_ours, torch

import autograd
import nn.functional as F

TF = torch.nn.functional


def _same_error(call_ours, call_torch):
    """Both raise the same exception type and our message starts with torch's."""
    with pytest.raises(Exception) as theirs:
        call_torch()
    with pytest.raises(type(theirs.value)) as ours:
        call_ours()
    assert str(ours.value).startswith(str(theirs.value).split("\n")[0][:60])


def _both(name, args, kwargs):
    """Callables running ``name`` here and in torch on the same values (tuples in ``args`` are shapes)."""
    rng = np.random.default_rng(0)
    arrays = [np.asarray(rng.standard_normal(s)) if isinstance(s, tuple) else s for s in args]
    ours = [autograd.tensor(a) if isinstance(a, np.ndarray) else a for a in arrays]
    theirs = [torch.tensor(a) if isinstance(a, np.ndarray) else a for a in arrays]
    return (lambda: getattr(F, name)(*ours, **kwargs)), (lambda: getattr(TF, name)(*theirs, **kwargs))


@pytest.mark.parametrize("name,args,kwargs", [
    ("max_pool1d", [(0, 1, 49)], dict(kernel_size=2, stride=50, padding=-1)),
    ("max_pool1d", [(3, 3, 3)], dict(kernel_size=1, stride=0)),
    ("max_pool1d", [(2, 2, 2)], dict(kernel_size=5, stride=1, return_indices=True)),
    ("max_pool2d", [(1, 0, 10)], dict(kernel_size=1)),
    ("max_pool2d", [(1, 1, 9, 9)], dict(kernel_size=3, dilation=2, padding=2)),
    ("max_pool3d", [(0, 1, 2, 10)], dict(kernel_size=1)),
    ("avg_pool2d", [(0, 1, 49)], dict(kernel_size=2, stride=50, padding=4)),
    ("avg_pool3d", [(1, 1, 2, 9, 9)], dict(kernel_size=3, padding=1)),
    ("adaptive_avg_pool2d", [(2, 2)], dict(output_size=[2, 2])),
    ("adaptive_max_pool1d", [(1, 2, 3)], dict(output_size=[])),
    ("adaptive_max_pool3d", [(1, 1, 1, 1, 1)], dict(output_size=[-1, 0, 2])),
    ("adaptive_avg_pool3d", [(1, 1, 0, 1, 1)], dict(output_size=2)),
    ("conv1d", [(1, 1, 4), (1, 2)], {}),
    ("conv2d", [(1, 1, 4, 3), (1, 2, 2)], dict(padding=1)),
    ("conv2d", [(2, 2, 4, 3), (2, 2, 1, 3)], dict(groups=3)),
    ("conv2d", [(1, 1, 1, 1), (1, 1, 2, 2), (2,)], {}),
    ("conv_transpose2d", [(1, 1, 3, 3), (1, 1, 2, 2)], dict(dilation=0)),
    ("rms_norm", [(1, 2, 3), []], {}),
    ("rms_norm", [(1, 2, 3), [1, 2, 3], (1, 2)], {}),
    ("prelu", [(2, 8, 3), (2, 4)], {}),
    ("prelu", [(8,), (8,)], {}),
    ("softshrink", [(3,)], dict(lambd=-0.5)),
    ("rrelu", [(5, 5)], dict(lower=0.3, upper=0.1)),
    ("triplet_margin_loss", [(3, 4), (3, 4), (3, 4)], dict(margin=-1.0)),
    ("multilabel_margin_loss", [(0,), (0,)], {}),
    ("embedding", [np.zeros((2, 2), np.int64), ()], {}),
    ("pad", [(1, 1, 4), [-1, -3], "replicate"], {}),
    ("pad", [(1, 5, 6), [-5, -1, -5, 0], "reflect"], {}),
])
def test_errors_match_torch(name, args, kwargs):
    _same_error(*_both(name, args, kwargs))


def test_native_group_norm_and_multi_margin_errors():
    x = np.random.default_rng(0).standard_normal((2, 6, 3))
    _same_error(lambda: autograd.native_group_norm(autograd.tensor(x), None, None, 2, 6, 4, 2, 1e-5),
                lambda: torch.native_group_norm(torch.tensor(x), None, None, 2, 6, 4, 2, 1e-5))
    _same_error(lambda: F.multi_margin_loss(autograd.randn(5, 4), autograd.randn(5), weight=autograd.randn(5)),
                lambda: TF.multi_margin_loss(torch.randn(5, 4), torch.randn(5), weight=torch.randn(5)))


@pytest.mark.parametrize("kw", [
    dict(stride=[3, 2], padding=[1, 2], output_padding=[2, 3], groups=2, dilation=[4, 4]),  # right padding shrinks
    dict(stride=[1, 2], padding=[0, 1], output_padding=[2, 3], groups=2, dilation=[4, 4]),  # zero tail past the taps
])
def test_conv_transpose_large_output_padding_grads(kw):
    rng = np.random.default_rng(1)
    arrays = [rng.standard_normal((2, 2, 4, 4)), rng.standard_normal((2, 2, 4, 5)), rng.standard_normal(4)]
    ours = [autograd.tensor(a, requires_grad=True) for a in arrays]
    theirs = [torch.tensor(a, requires_grad=True) for a in arrays]
    y, ty = F.conv_transpose2d(*ours, **kw), TF.conv_transpose2d(*theirs, **kw)
    assert_close(y, ty)
    g = autograd.grad((y * y).sum(), ours, create_graph=True)
    tg = torch.autograd.grad((ty * ty).sum(), theirs, create_graph=True)
    for a, b in zip(g, tg):
        assert_close(a, b, rtol=1e-7, atol=1e-9)
    gg = autograd.grad(sum((a * a).sum() for a in g), ours)
    tgg = torch.autograd.grad(sum((a * a).sum() for a in tg), theirs)
    for a, b in zip(gg, tgg):
        assert_close(a, b, rtol=1e-7, atol=1e-9)


def test_max_unpool_writes_duplicates_once():
    x = torch.tensor([[[[1.0, 2.0], [3.0, 3.0]]]])
    idx = torch.tensor([[[[3, 1], [0, 0]]]])  # index 0 twice, with the same (max) value, as max_pool makes it
    assert_close(F.max_unpool2d(to_ours(x), to_ours(idx), 2), TF.max_unpool2d(x, idx, 2))
    x1 = torch.tensor([[[4.0, 4.0, 1.0]]])
    i1 = torch.tensor([[[1, 1, 4]]])
    assert_close(F.max_unpool1d(to_ours(x1), to_ours(i1), 3, 2, 1, output_size=[6]),
                 TF.max_unpool1d(x1, i1, 3, 2, 1, output_size=[6]))


@pytest.mark.parametrize("pad", [[-4, 5, 0, 0], [2, -4, -1, 1], [-1, 3, 0, -2]])
@pytest.mark.parametrize("mode", ["replicate", "reflect"])
def test_negative_padding_values(pad, mode):
    if mode == "reflect" and max(pad) >= 4:
        pad = [min(p, 3) for p in pad]
    x = torch.randn(2, 3, 4, 5, dtype=torch.float64, requires_grad=True)
    ours = to_ours(x, requires_grad=True)
    y, ty = F.pad(ours, pad, mode), TF.pad(x, pad, mode)
    assert_close(y, ty)
    y.sum().backward()
    ty.sum().backward()
    assert_close(ours.grad, x.grad)


def test_softmax_empty_and_dtype():
    x = torch.randn(5, 0, 0)
    for fn in ("softmax", "log_softmax", "softmin"):
        assert_close(getattr(F, fn)(to_ours(x), -1, dtype=autograd.float64),
                     getattr(TF, fn)(x, -1, dtype=torch.float64))


def test_native_group_norm_statistics_are_differentiable():
    x = torch.randn(2, 6, 3, dtype=torch.float64, requires_grad=True)
    ours = to_ours(x, requires_grad=True)
    y, m, r = autograd.native_group_norm(ours, None, None, 2, 6, 3, 2, 1e-5)
    ty, tm, tr = torch.native_group_norm(x, None, None, 2, 6, 3, 2, 1e-5)
    for a, b in ((y, ty), (m, tm), (r, tr)):
        assert_close(a, b)
    (m.sum() + r.sum()).backward()
    (tm.sum() + tr.sum()).backward()
    assert_close(ours.grad, x.grad)


def test_batch_norm_empty_and_rms_norm_dtype():
    e = torch.randn(0)
    assert tuple(F.batch_norm(to_ours(e), to_ours(e), to_ours(e), training=True).shape) == (0,)
    assert tuple(F.batch_norm(autograd.randn(0, 3), autograd.zeros(3), autograd.ones(3), training=True).shape) == (0, 3)
    x, w = torch.randn(2, 3), torch.randn(3, dtype=torch.float64)
    assert_close(F.rms_norm(to_ours(x), [3], to_ours(w)), TF.rms_norm(x, [3], w))


def test_grid_sampler_2d_matches_torch():
    x, g = torch.randn(1, 2, 4, 5), torch.rand(1, 3, 2, 2) * 2 - 1
    for interp, pad in ((0, 0), (1, 1), (2, 2)):
        assert_close(autograd.grid_sampler_2d(to_ours(x), to_ours(g), interp, pad, False),
                     torch.grid_sampler_2d(x, g, interp, pad, False), rtol=1e-5, atol=1e-5)
