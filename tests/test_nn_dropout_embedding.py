"""Dropout (statistics, scaling, eval identity, channel structure, seeding) and Embedding against PyTorch."""
import warnings

import numpy as np
import pytest

import autograd
import nn
import nn.functional as F
from oracle import assert_close, to_ours, to_torch, torch

TF = torch.nn.functional


# ---- dropout ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("p", [0.1, 0.5, 0.8])
def test_dropout_rate_and_scaling(p):
    x = autograd.ones(200, 500, requires_grad=True)
    y = F.dropout(x, p)
    arr = y.detach().numpy()
    kept = arr != 0
    assert abs(1 - kept.mean() - p) < 0.01
    np.testing.assert_allclose(arr[kept], 1 / (1 - p), rtol=1e-6)
    assert y.grad_fn.name() == "MulBackward0"  # torch CPU: input * noise
    y.sum().backward()
    np.testing.assert_array_equal(x.grad.numpy(), arr)  # gradient = the same scaled mask


def test_dropout_eval_identity_p0_p1_and_errors():
    x = autograd.randn(4, 5, requires_grad=True)
    assert F.dropout(x, 0.5, training=False) is x
    m = nn.Dropout(0.3)
    m.eval()
    assert m(x) is x
    assert np.array_equal(F.dropout(x, 0.0).detach().numpy(), x.detach().numpy())
    assert not F.dropout(x, 1.0).detach().numpy().any()
    for bad in (-0.1, 1.5):
        with pytest.raises(ValueError, match="dropout probability has to be between 0 and 1, but got"):
            F.dropout(x, bad)
        with pytest.raises(ValueError, match="dropout probability has to be between 0 and 1, but got"):
            nn.Dropout2d(bad)


def test_dropout_reproducible_with_manual_seed():
    x = autograd.ones(50, 50)
    autograd.manual_seed(123)
    a = F.dropout(x, 0.5).numpy().copy()
    autograd.manual_seed(123)
    b = F.dropout(x, 0.5).numpy().copy()
    c = F.dropout(x, 0.5).numpy()
    assert np.array_equal(a, b) and not np.array_equal(b, c)


def test_dropout_inplace():
    x = autograd.ones(100, 100)
    y = F.dropout(x, 0.5, inplace=True)
    assert y is x and 0.4 < (x.numpy() == 0).mean() < 0.6
    leaf = autograd.ones(10, 10, requires_grad=True)
    h = leaf * 1.0
    out = nn.Dropout(0.5, inplace=True)(h)
    assert out is h
    out.sum().backward()
    np.testing.assert_array_equal(leaf.grad.numpy(), h.detach().numpy())


@pytest.mark.parametrize("fn,shape,mask_shape", [
    (F.dropout2d, (40, 30, 3, 4), (40, 30, 1, 1)),
    (F.dropout1d, (40, 30, 6), (40, 30, 1)),
    (F.dropout1d, (1000, 6), (1000, 1)),
    (F.dropout3d, (40, 30, 2, 3, 2), (40, 30, 1, 1, 1)),
    (F.dropout3d, (1000, 2, 3, 2), (1000, 1, 1, 1)),
])
def test_channel_dropout_structure(fn, shape, mask_shape):
    x = autograd.ones(*shape, requires_grad=True)
    y = fn(x, 0.4).detach().numpy()
    flat = y.reshape(int(np.prod(mask_shape)), -1)
    assert (flat == flat[:, :1]).all(), "a channel must be dropped or kept as a whole"
    assert abs((flat[..., 0] == 0).mean() - 0.4) < 0.06  # >= 1000 channels: 4 sigma
    np.testing.assert_allclose(flat[flat != 0], 1 / 0.6, rtol=1e-6)


def test_dropout2d_3d_input_warns_and_is_channelwise():
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        y = F.dropout2d(autograd.ones(20, 30, 5), 0.5).numpy()
    assert any("Received a 3D input to dropout2d" in str(m.message) for m in w)
    assert (y == y[..., :1]).all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        F.dropout2d(autograd.ones(2, 3, 4, 4), 0.5)


def test_alpha_dropout_keeps_mean_and_variance():
    autograd.manual_seed(0)
    x = autograd.randn(200000)
    y = F.alpha_dropout(x, 0.3, training=True).numpy()
    assert abs(y.mean()) < 0.02 and abs(y.std() - 1) < 0.02
    assert F.alpha_dropout(x, 0.3) is x  # training defaults to False, as torch
    z = F.feature_alpha_dropout(autograd.randn(100, 40, 5), 0.5, training=True).numpy()
    a = 1.0 / np.sqrt((1.7580993408473766 ** 2 * 0.5 + 1) * 0.5)
    dropped = np.isclose(z, 1.7580993408473766 * a * (0.5 - 1))  # dropped units take one constant value
    assert (dropped.all(-1) | ~dropped.any(-1)).all() and 0.4 < dropped.all(-1).mean() < 0.6


def test_dropout_modules_repr():
    for name, args in [("Dropout", ()), ("Dropout", (0.2, True)), ("Dropout1d", (0.3,)), ("Dropout2d", ()),
                       ("Dropout3d", (0.1,)), ("AlphaDropout", (0.2,)), ("FeatureAlphaDropout", ())]:
        assert repr(getattr(nn, name)(*args)) == repr(getattr(torch.nn, name)(*args))
    seq = nn.Sequential(nn.Linear(4, 4), nn.Dropout(0.5))
    seq.eval()
    x = autograd.randn(3, 4)
    assert np.array_equal(seq(x).detach().numpy(), seq[0](x).detach().numpy())


# ---- embedding -----------------------------------------------------------------------------------
def _emb_parity(idx, w, **kw):
    out = F.embedding(idx, w, **kw)
    wt = to_torch(w)
    outt = TF.embedding(torch.from_numpy(idx.numpy().copy()), wt, **kw)
    assert_close(out, outt, rtol=1e-12, atol=0)
    g = np.random.default_rng(1).standard_normal(tuple(out.shape))
    (gw,) = autograd.grad(out, w, autograd.tensor(g))
    (gwt,) = torch.autograd.grad(outt, wt, torch.from_numpy(g))
    assert_close(gw, gwt, rtol=1e-12, atol=1e-14)
    return out


@pytest.mark.parametrize("kw", [{}, dict(padding_idx=2), dict(padding_idx=-1), dict(scale_grad_by_freq=True),
                                dict(padding_idx=0, scale_grad_by_freq=True)])
def test_embedding_matches_torch(kw):
    w = autograd.tensor(np.random.default_rng(0).standard_normal((10, 4)), requires_grad=True)
    idx = autograd.tensor([[1, 2, 2, 9], [0, 2, 1, 1]])  # repeated indices accumulate
    out = _emb_parity(idx, w, **kw)
    assert out.grad_fn.name() == "EmbeddingBackward0"
    _emb_parity(autograd.tensor([3, 3, 3]), w, **kw)
    _emb_parity(autograd.tensor(5), w, **kw)
    assert autograd.gradgradcheck(lambda w: F.embedding(idx, w, **kw), (w,))


def test_embedding_max_norm_renormalises_in_place():
    rs = np.random.default_rng(0)
    w = autograd.tensor(rs.standard_normal((6, 3)) * 3)
    wt = to_torch(w)
    idx = [0, 2, 2, 5]
    out = F.embedding(autograd.tensor(idx), w, max_norm=1.5)
    outt = TF.embedding(torch.tensor(idx), wt, max_norm=1.5)
    assert_close(out, outt, rtol=1e-6, atol=1e-7)
    assert_close(w, wt, rtol=1e-6, atol=1e-7)  # weight rows renormalised in place, others untouched


def test_embedding_errors():
    w = autograd.randn(5, 3)
    with pytest.raises(IndexError, match="index out of range in self"):
        F.embedding(autograd.tensor([0, 5]), w)
    with pytest.raises(RuntimeError, match="Expected tensor for argument #1 'indices' to have one of the following "
                                           "scalar types: Long, Int; but got torch.FloatTensor instead"):
        F.embedding(autograd.tensor([0.0, 1.0]), w)
    with pytest.raises(AssertionError, match="Padding_idx must be within num_embeddings"):
        nn.Embedding(5, 3, padding_idx=5)


def test_embedding_module_init_repr_state_dict():
    autograd.manual_seed(0)
    m = nn.Embedding(1000, 16, padding_idx=3)
    mt = torch.nn.Embedding(1000, 16, padding_idx=3)
    assert repr(m) == repr(mt)
    assert list(m.state_dict()) == ["weight"] and tuple(m.weight.shape) == (1000, 16)
    w = m.weight.detach().numpy()
    assert not w[3].any()
    assert abs(w.mean()) < 0.02 and abs(w.std() - 1) < 0.02  # N(0, 1)
    assert repr(nn.Embedding(10, 3, padding_idx=-2, max_norm=1.0, norm_type=3.0, scale_grad_by_freq=True,
                             sparse=True)) == repr(torch.nn.Embedding(10, 3, padding_idx=-2, max_norm=1.0,
                                                                      norm_type=3.0, scale_grad_by_freq=True,
                                                                      sparse=True))
    m.load_state_dict({"weight": to_ours(mt.weight.detach())})
    idx = autograd.tensor([[3, 7, 7], [999, 0, 3]])
    out, outt = m(idx), mt(torch.from_numpy(idx.numpy().copy()))
    assert_close(out, outt)
    out.sum().backward()
    outt.sum().backward()
    assert_close(m.weight.grad, mt.weight.grad)
    assert not m.weight.grad.numpy()[3].any()


def test_embedding_from_pretrained():
    pre = autograd.tensor(np.arange(12.0).reshape(4, 3))
    m = nn.Embedding.from_pretrained(pre)
    assert not m.weight.requires_grad
    assert np.shares_memory(m.weight.detach().numpy(), pre.numpy())
    assert_close(m(autograd.tensor([2, 0])), torch.tensor([[6.0, 7.0, 8.0], [0.0, 1.0, 2.0]], dtype=torch.float64))
    assert nn.Embedding.from_pretrained(pre, freeze=False).weight.requires_grad
    with pytest.raises(AssertionError, match="Embeddings parameter is expected to be 2-dimensional"):
        nn.Embedding.from_pretrained(autograd.zeros(3))


@pytest.mark.parametrize("mode", ["sum", "mean", "max"])
def test_embedding_bag_matches_torch(mode):
    w = autograd.tensor(np.random.default_rng(0).standard_normal((10, 4)), requires_grad=True)
    cases = [dict(input=[1, 2, 4, 5, 4, 3, 2, 9], offsets=[0, 4, 4]), dict(input=[[1, 2, 4], [4, 3, 2]]),
             dict(input=[[1, 2, 4], [2, 2, 2]], padding_idx=2)]
    for case in cases:
        kw = {k: v for k, v in case.items() if k not in ("input", "offsets")}
        off = case.get("offsets")
        out = F.embedding_bag(autograd.tensor(case["input"]), w, None if off is None else autograd.tensor(off),
                              mode=mode, **kw)
        wt = to_torch(w)
        outt = TF.embedding_bag(torch.tensor(case["input"]), wt, None if off is None else torch.tensor(off),
                                mode=mode, **kw)
        assert_close(out, outt, rtol=1e-12, atol=1e-14)
        (gw,) = autograd.grad(out.sum(), w)
        (gwt,) = torch.autograd.grad(outt.sum(), wt)
        assert_close(gw, gwt, rtol=1e-12, atol=1e-14)
    assert repr(nn.EmbeddingBag(10, 3, mode=mode)) == repr(torch.nn.EmbeddingBag(10, 3, mode=mode))


def test_one_hot():
    assert np.array_equal(F.one_hot(autograd.tensor([0, 2, 1])).numpy(), TF.one_hot(torch.tensor([0, 2, 1])).numpy())
    assert F.one_hot(autograd.tensor([[1], [0]]), 4).shape == (2, 1, 4)
