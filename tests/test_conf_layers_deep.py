"""F.grid_sample / F.affine_grid (nn/functional/sampling.py) and the pooling/conv fixes, held against torch."""
import numpy as np
import pytest

from oracle import assert_close, to_ours, to_torch, torch

import autograd
import nn.functional as F

TF = torch.nn.functional


def _pair(shape, rng, scale=1.0, dtype=np.float64):
    arr = (rng.standard_normal(shape) * scale).astype(dtype)
    return autograd.from_numpy(arr.copy()).requires_grad_(), torch.from_numpy(arr.copy()).requires_grad_()


@pytest.mark.parametrize("mode", ["bilinear", "nearest", "bicubic"])
@pytest.mark.parametrize("padding_mode", ["zeros", "border", "reflection"])
@pytest.mark.parametrize("align_corners", [False, True])
def test_grid_sample_2d_values_and_grads(mode, padding_mode, align_corners):
    rng = np.random.default_rng(0)
    x, tx = _pair((2, 3, 5, 4), rng)
    g, tg = _pair((2, 4, 3, 2), rng, scale=0.9)
    y = F.grid_sample(x, g, mode=mode, padding_mode=padding_mode, align_corners=align_corners)
    ty = TF.grid_sample(tx, tg, mode=mode, padding_mode=padding_mode, align_corners=align_corners)
    assert_close(y, ty, rtol=1e-10, atol=1e-10)
    w = rng.standard_normal(tuple(ty.shape))
    (y * autograd.from_numpy(w)).sum().backward()
    (ty * torch.from_numpy(w)).sum().backward()
    assert_close(x.grad, tx.grad, rtol=1e-10, atol=1e-10)
    assert_close(g.grad, tg.grad, rtol=1e-9, atol=1e-9)
    assert type(y.grad_fn).__name__ == type(ty.grad_fn).__name__ == "GridSampler2DBackward0"


@pytest.mark.parametrize("mode", ["bilinear", "nearest"])
@pytest.mark.parametrize("padding_mode", ["zeros", "border", "reflection"])
def test_grid_sample_3d(mode, padding_mode):
    rng = np.random.default_rng(1)
    x, tx = _pair((1, 2, 3, 4, 5), rng)
    g, tg = _pair((1, 2, 3, 2, 3), rng, scale=0.8)
    y = F.grid_sample(x, g, mode=mode, padding_mode=padding_mode, align_corners=False)
    ty = TF.grid_sample(tx, tg, mode=mode, padding_mode=padding_mode, align_corners=False)
    assert_close(y, ty, rtol=1e-10, atol=1e-10)
    y.pow(2).sum().backward()
    ty.pow(2).sum().backward()
    assert_close(x.grad, tx.grad, rtol=1e-10, atol=1e-10)
    assert_close(g.grad, tg.grad, rtol=1e-9, atol=1e-9)


def test_grid_sample_double_backward_input():
    rng = np.random.default_rng(2)
    x, tx = _pair((1, 1, 3, 3), rng)
    g, tg = _pair((1, 2, 2, 2), rng, scale=0.7)
    (gx,) = autograd.grad(F.grid_sample(x, g, align_corners=True).pow(2).sum(), x, create_graph=True)
    (tgx,) = torch.autograd.grad(TF.grid_sample(tx, tg, align_corners=True).pow(2).sum(), tx, create_graph=True)
    assert_close(gx, tgx, rtol=1e-10, atol=1e-10)
    gx.sum().backward()
    tgx.sum().backward()
    assert_close(x.grad, tx.grad, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("size", [(2, 3, 4, 5), (1, 1, 1, 3), (2, 1, 3, 2, 4)])
@pytest.mark.parametrize("align_corners", [False, True])
def test_affine_grid(size, align_corners):
    rng = np.random.default_rng(3)
    nd = len(size) - 2
    th, tth = _pair((size[0], nd, nd + 1), rng, dtype=np.float32)
    with pytest.warns(UserWarning) if (align_corners and min(size[2:]) == 1) else _nowarn():
        grid = F.affine_grid(th, size, align_corners=align_corners)
    tgrid = TF.affine_grid(tth, size, align_corners=align_corners)
    assert_close(grid, tgrid, rtol=1e-6, atol=1e-6)
    grid.pow(2).sum().backward()
    tgrid.pow(2).sum().backward()
    assert_close(th.grad, tth.grad, rtol=1e-5, atol=1e-5)


class _nowarn:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_sampling_errors_match_torch():
    x, g = autograd.ones(1, 1, 3, 3), autograd.zeros(1, 2, 2, 2)
    cases = [lambda F_, a, b: F_.grid_sample(a, b, mode="linear", align_corners=False),
             lambda F_, a, b: F_.grid_sample(a, b[..., :1], align_corners=False),
             lambda F_, a, b: F_.grid_sample(a, b.double(), align_corners=False),
             lambda F_, a, b: F_.grid_sample(a.expand(2, 1, 3, 3), b, align_corners=False),
             lambda F_, a, b: F_.affine_grid(b[0], (1, 1, 2, 2), align_corners=False),
             lambda F_, a, b: F_.affine_grid(b[0, :1].long(), (1, 1, 2, 2), align_corners=False)]
    for case in cases:
        with pytest.raises(Exception) as theirs:
            case(TF, to_torch(x), to_torch(g))
        with pytest.raises(type(theirs.value), match=None) as ours:
            case(F, x, g)
        assert str(ours.value) == str(theirs.value).replace("torch.", "autograd.")


def test_align_corners_none_warns():
    with pytest.warns(UserWarning, match="align_corners=False since 1.3.0"):
        F.grid_sample(autograd.ones(1, 1, 2, 2), autograd.zeros(1, 1, 1, 2))


@pytest.mark.parametrize("fn,args", [(F.avg_pool1d, (2,)), (F.max_pool1d, (2,)), (F.adaptive_avg_pool1d, (2,)),
                                     (F.adaptive_avg_pool1d, (1,))])
def test_pool1d_grad_fn_is_squeeze(fn, args):
    x = autograd.arange(10.0).view(1, 2, 5).requires_grad_()
    tfn = getattr(TF, fn.__name__)
    assert type(fn(x, *args).grad_fn).__name__ == type(tfn(to_torch(x), *args).grad_fn).__name__


def test_max_unpool_names_and_values():
    x = autograd.arange(20.0).view(1, 2, 10).requires_grad_()
    tx = to_torch(x)
    for f, tf_ in ((F.max_pool1d, TF.max_pool1d),):
        o, i = f(x, 2, return_indices=True)
        to, ti = tf_(tx, 2, return_indices=True)
        u = F.max_unpool1d(o, i, 2, output_size=[11])
        tu = TF.max_unpool1d(to, ti, 2, output_size=[11])
        assert_close(u, tu)
        assert type(u.grad_fn).__name__ == type(tu.grad_fn).__name__
    x2 = x.view(1, 1, 4, 5)
    o, i = F.max_pool2d(x2, 2, return_indices=True)
    to, ti = TF.max_pool2d(to_torch(x2), 2, return_indices=True)
    u, tu = F.max_unpool2d(o, i, 2, output_size=(4, 5)), TF.max_unpool2d(to, ti, 2, output_size=(4, 5))
    assert_close(u, tu)
    assert type(u.grad_fn).__name__ == type(tu.grad_fn).__name__ == "MaxUnpool2DBackward0"
    with pytest.raises(ValueError) as theirs:
        TF.max_unpool2d(to, ti, 2, output_size=(1, 2, 9, 9))
    with pytest.raises(ValueError) as ours:
        F.max_unpool2d(o, i, 2, output_size=(1, 2, 9, 9))
    assert str(ours.value) == str(theirs.value)
