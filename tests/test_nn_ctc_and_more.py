"""CTC loss, LPPool3d, FractionalMaxPool2d, CrossMapLRN2d, AdaptiveLogSoftmaxWithLoss and
autograd.channel_shuffle against PyTorch (values, gradients, grad_fn names, errors)."""
import numpy as np
import pytest

from oracle import assert_close, torch

import autograd
import nn
import nn.functional as F

TF = torch.nn.functional
TOL = {np.float64: dict(rtol=1e-10, atol=1e-12), np.float32: dict(rtol=2e-5, atol=2e-5)}


# ---- CTC -----------------------------------------------------------------------------------------------
def _ctc_case(rng, dt, t_len=8, n=4, c=6, s=4):
    x = rng.standard_normal((t_len, n, c)).astype(dt)
    tg = rng.integers(1, c, (n, s))
    tg[0, 1] = tg[0, 0]  # a repeated label needs a blank between
    il = np.array([t_len, t_len - 1, 5, 3])[:n]
    tl = np.array([s, 2, 0, 3])[:n]  # the last sample (3 steps, 3 labels) fits only without repeats
    return x, tg, il, tl


def _concat(tg, tl):
    return np.concatenate([tg[i, :tl[i]] for i in range(len(tl))]).astype(np.int64)


def _run_ctc(x, tg, il, tl, lengths_as, **kw):
    tx = torch.tensor(x, requires_grad=True)
    ox = autograd.tensor(x, requires_grad=True)
    if lengths_as == "tensor":
        t_il, t_tl, o_il, o_tl = torch.tensor(il), torch.tensor(tl), autograd.tensor(il), autograd.tensor(tl)
    else:
        t_il = o_il = tuple(int(i) for i in il)
        t_tl = o_tl = tuple(int(i) for i in tl)
    tl_ = TF.ctc_loss(tx.log_softmax(-1), torch.tensor(tg), t_il, t_tl, **kw)
    ol_ = F.ctc_loss(ox.log_softmax(-1), autograd.tensor(tg), o_il, o_tl, **kw)
    return tx, ox, tl_, ol_


@pytest.mark.parametrize("dt", [np.float64, np.float32])
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("zero_infinity", [False, True])
@pytest.mark.parametrize("layout", ["padded", "concat"])
def test_ctc_matches_torch(dt, reduction, zero_infinity, layout):
    rng = np.random.default_rng(0)
    x, tg, il, tl = _ctc_case(rng, dt)
    tg = tg if layout == "padded" else _concat(tg, tl)
    tx, ox, t, o = _run_ctc(x, tg, il, tl, "tensor" if layout == "padded" else "tuple", reduction=reduction,
                            zero_infinity=zero_infinity)
    assert_close(o, t, **TOL[dt])
    assert type(o.grad_fn).__name__ == type(t.grad_fn).__name__
    w = rng.standard_normal(t.shape).astype(dt)
    (t * torch.tensor(w)).sum().backward()
    (o * autograd.tensor(w)).sum().backward()
    assert_close(ox.grad, tx.grad, **TOL[dt])


@pytest.mark.parametrize("zero_infinity", [False, True])
def test_ctc_impossible_alignment(zero_infinity):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((6, 3, 5))
    tg = np.array([[1, 1, 2, 3], [2, 2, 2, 0], [1, 2, 0, 0]])
    il, tl = np.array([6, 4, 0]), np.array([4, 3, 2])  # sample 1 needs 5 steps, sample 2 has none
    tx, ox, t, o = _run_ctc(x, tg, il, tl, "tensor", reduction="none", zero_infinity=zero_infinity)
    assert_close(o, t)
    t.sum().backward()
    o.sum().backward()
    np.testing.assert_array_equal(np.isnan(ox.grad.numpy()), np.isnan(tx.grad.numpy()))
    np.testing.assert_allclose(ox.grad.numpy(), tx.grad.numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("target_dims", [1, 2])
@pytest.mark.parametrize("reduction", ["none", "mean"])
def test_ctc_unbatched(target_dims, reduction):
    rng = np.random.default_rng(2)
    x = rng.standard_normal((7, 5))
    tg = np.array([1, 3, 3]) if target_dims == 1 else np.array([[1, 3, 3, 4]])
    tx, ox = torch.tensor(x, requires_grad=True), autograd.tensor(x, requires_grad=True)
    t = TF.ctc_loss(tx.log_softmax(-1), torch.tensor(tg), torch.tensor(7), torch.tensor(3), reduction=reduction)
    o = F.ctc_loss(ox.log_softmax(-1), autograd.tensor(tg), autograd.tensor(7), autograd.tensor(3),
                   reduction=reduction)
    assert_close(o, t)
    assert o.grad_fn.name() == t.grad_fn.name()
    t.backward()
    o.backward()
    assert_close(ox.grad, tx.grad, rtol=1e-10, atol=1e-12)


def test_ctc_blank_and_module():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((9, 2, 4)).astype(np.float32)
    tg = np.array([[0, 1, 1], [2, 0, 0]])
    for red in ("mean", "sum"):
        tm, om = torch.nn.CTCLoss(blank=3, reduction=red), nn.CTCLoss(blank=3, reduction=red)
        t = tm(torch.tensor(x).log_softmax(2), torch.tensor(tg), (9, 8), (3, 1))
        o = om(autograd.tensor(x).log_softmax(2), autograd.tensor(tg), (9, 8), (3, 1))
        assert_close(o, t, rtol=2e-5)
    assert repr(nn.CTCLoss()) == "CTCLoss()"
    assert nn.CTCLoss.__constants__ == ["blank", "reduction"]


def test_ctc_gradcheck():
    rng = np.random.default_rng(4)
    x = autograd.tensor(rng.standard_normal((5, 2, 4)), requires_grad=True)
    tg, il, tl = autograd.tensor([[1, 2], [3, 3]]), autograd.tensor([5, 5]), autograd.tensor([2, 2])
    for red in ("none", "mean"):
        assert autograd.gradcheck(lambda z: F.ctc_loss(z.log_softmax(2), tg, il, tl, reduction=red), (x,))


def test_ctc_double_backward_raises_like_torch():
    x = autograd.randn(4, 1, 3, dtype=autograd.float64, requires_grad=True)
    lp = x.log_softmax(2).detach().requires_grad_()
    loss = F.ctc_loss(lp, autograd.tensor([[1]]), (4,), (1,))
    (g,) = autograd.grad(loss, lp, create_graph=True)
    assert g.grad_fn.name() == "NotImplemented"
    with pytest.raises(RuntimeError, match="derivative for aten::_ctc_loss_backward is not implemented"):
        g.sum().backward()


@pytest.mark.parametrize("case", [
    dict(blank=5), dict(il=[8, 8, 8]), dict(tl=[2, 2]), dict(il=[9, 1, 1, 1]), dict(il=[-1, 1, 1, 1]),
    dict(tl=[5, 1, 1, 1]), dict(tl=[-1, 1, 1, 1]), dict(tg_dims=3), dict(lp_dims=4), dict(il_float=True),
    dict(mixed=True), dict(reduction="bad"), dict(concat_wrong=True),
])
def test_ctc_errors_match_torch(case):
    rng = np.random.default_rng(5)
    x = rng.standard_normal((8, 4, 5))
    tg = rng.integers(1, 5, (4, 4))
    il, tl = case.get("il", [8, 7, 6, 5]), case.get("tl", [4, 3, 2, 1])
    res = []
    for lib, mod in ((torch, TF), (autograd, F)):
        lp = lib.tensor(x)
        t = lib.tensor(tg)
        a, b = lib.tensor(il), lib.tensor(tl)
        if case.get("tg_dims") == 3:
            t = t[None]
        if case.get("lp_dims") == 4:
            lp = lp[None]
        if case.get("il_float"):
            a = a.double()
        if case.get("mixed"):
            a = list(il)
        if case.get("concat_wrong"):
            t = t.reshape(-1)
        try:
            mod.ctc_loss(lp, t, a, b, blank=case.get("blank", 0), reduction=case.get("reduction", "mean"))
            res.append(None)
        except Exception as e:  # noqa: BLE001
            res.append((type(e), str(e).split("\n")[0]))
    assert res[0] is not None and res[0] == res[1]


# ---- LPPool3d ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("norm", [2, 1.5, float("inf")])
@pytest.mark.parametrize("kw", [dict(kernel_size=2), dict(kernel_size=(2, 1, 3), stride=(1, 2, 1)),
                                dict(kernel_size=2, stride=2, ceil_mode=True)])
def test_lp_pool3d(norm, kw):
    rng = np.random.default_rng(6)
    x = np.abs(rng.standard_normal((2, 3, 5, 4, 6))) + 0.1
    tx, ox = torch.tensor(x, requires_grad=True), autograd.tensor(x, requires_grad=True)
    t, o = TF.lp_pool3d(tx, norm, **kw), F.lp_pool3d(ox, norm, **kw)
    assert_close(o, t, rtol=1e-10)
    t.sum().backward()
    o.sum().backward()
    assert_close(ox.grad, tx.grad, rtol=1e-10, atol=1e-12)
    m = nn.LPPool3d(norm, **kw)
    assert repr(m) == repr(torch.nn.LPPool3d(norm, **kw))
    assert_close(m(ox), t, rtol=1e-10)


# ---- FractionalMaxPool2d -------------------------------------------------------------------------------
@pytest.mark.parametrize("dt", [np.float32, np.float64])
@pytest.mark.parametrize("shape,kernel,out", [((2, 3, 7, 8), 2, (4, 5)), ((2, 2, 11, 9), 3, (5, 4)),
                                              ((3, 10, 10), (2, 3), (6, 7)), ((1, 2, 25, 30), 2, 12)])
def test_fractional_max_pool2d(dt, shape, kernel, out):
    rng = np.random.default_rng(7)
    x = rng.standard_normal(shape).astype(dt)
    s = rng.random((1 if len(shape) == 3 else shape[0], shape[-3], 2)).astype(dt)
    tx, ox = torch.tensor(x, requires_grad=True), autograd.tensor(x, requires_grad=True)
    t, ti = TF.fractional_max_pool2d(tx, kernel, output_size=out, return_indices=True,
                                     _random_samples=torch.tensor(s))
    o, oi = F.fractional_max_pool2d(ox, kernel, output_size=out, return_indices=True,
                                    _random_samples=autograd.tensor(s))
    assert_close(o, t, rtol=0, atol=0)
    assert_close(oi, ti, rtol=0, atol=0)
    assert o.grad_fn.name() == t.grad_fn.name() == "FractionalMaxPool2DBackward0"
    g = rng.standard_normal(t.shape).astype(dt)
    t.backward(torch.tensor(g))
    o.backward(autograd.tensor(g))
    assert_close(ox.grad, tx.grad)


def test_fractional_ratio_module_and_nan():
    rng = np.random.default_rng(8)
    x = rng.standard_normal((2, 3, 10, 9)).astype(np.float32)
    x[0, 0, 1, 1] = x[0, 0, 2, 2] = np.nan
    s = rng.random((2, 3, 2)).astype(np.float32)
    tm = torch.nn.FractionalMaxPool2d(2, output_ratio=(0.5, 0.7), _random_samples=torch.tensor(s))
    om = nn.FractionalMaxPool2d(2, output_ratio=(0.5, 0.7), _random_samples=autograd.tensor(s))
    assert list(om.state_dict()) == list(tm.state_dict()) == ["_random_samples"]
    assert repr(om) == repr(tm) == "FractionalMaxPool2d()"
    np.testing.assert_array_equal(om(autograd.tensor(x)).numpy(), tm(torch.tensor(x)).numpy())
    y = F.fractional_max_pool2d(autograd.tensor(x), 3, output_size=4)  # fresh random samples
    assert y.shape == (2, 3, 4, 4)
    assert list(nn.FractionalMaxPool2d(2, output_size=3).state_dict()) == []


@pytest.mark.parametrize("call", [
    lambda m, x: m.fractional_max_pool2d(x, 2),
    lambda m, x: m.fractional_max_pool2d(x, 2, output_size=(7, 5)),
    lambda m, x: m.fractional_max_pool2d(x, 2, output_size=(4, 5, 3)),
    lambda m, x: m.fractional_max_pool2d(x[0, 0], 2, output_size=(4, 5)),
    lambda m, x: m.fractional_max_pool2d(x, 2, output_ratio=0.5),
    lambda m, x: m.fractional_max_pool2d(x, 2, output_size=(4, 5), _random_samples=x.new_zeros(1, 3, 2)),
    lambda m, x: m.fractional_max_pool2d(x, 2, output_size=(4, 5), _random_samples=x.new_zeros(2, 3, 3)),
    lambda m, x: m.fractional_max_pool2d(x, 2, output_size=(4, 5), _random_samples=x.new_zeros(2, 3).double()),
])
def test_fractional_errors(call):
    res = []
    for lib, mod in ((torch, TF), (autograd, F)):
        try:
            call(mod, lib.zeros(2, 3, 7, 8))
            res.append(None)
        except Exception as e:  # noqa: BLE001
            res.append((type(e), str(e)))
    assert res[0] is not None and res[0] == res[1]


def test_fractional_module_errors():
    for kw in (dict(), dict(output_size=3, output_ratio=0.5), dict(output_ratio=1.5)):
        with pytest.raises(ValueError) as theirs:
            torch.nn.FractionalMaxPool2d(2, **kw)
        with pytest.raises(ValueError) as ours:
            nn.FractionalMaxPool2d(2, **kw)
        assert str(ours.value) == str(theirs.value)


def test_fractional_gradcheck():
    rng = np.random.default_rng(9)
    x = autograd.tensor(rng.permutation(60).reshape(1, 3, 4, 5) / 7.0, requires_grad=True)
    s = autograd.tensor(rng.random((1, 3, 2)))
    assert autograd.gradcheck(lambda z: F.fractional_max_pool2d(z, 2, output_size=(2, 3), _random_samples=s), (x,))


# ---- CrossMapLRN2d -------------------------------------------------------------------------------------
@pytest.mark.parametrize("dt", [np.float64, np.float32])
@pytest.mark.parametrize("c,size", [(7, 3), (7, 5), (4, 5), (10, 4)])
def test_cross_map_lrn2d(dt, c, size):
    rng = np.random.default_rng(10)
    x = (rng.standard_normal((2, c, 3, 4)) * 2).astype(dt)
    tx, ox = torch.tensor(x, requires_grad=True), autograd.tensor(x, requires_grad=True)
    t = torch.nn.CrossMapLRN2d(size, alpha=0.3, beta=0.6, k=2)(tx)
    o = nn.CrossMapLRN2d(size, alpha=0.3, beta=0.6, k=2)(ox)
    assert_close(o, t, **TOL[dt])
    assert o.grad_fn.name() == "CrossMapLRN2dBackward"
    g = rng.standard_normal(x.shape).astype(dt)
    t.backward(torch.tensor(g))
    o.backward(autograd.tensor(g))
    assert_close(ox.grad, tx.grad, **TOL[dt])


def test_cross_map_lrn2d_repr_and_error():
    assert repr(nn.CrossMapLRN2d(3)) == repr(torch.nn.CrossMapLRN2d(3))
    with pytest.raises(ValueError, match="CrossMapLRN2d: Expected input to be 4D, got 3D instead."):
        nn.CrossMapLRN2d(3)(autograd.zeros(2, 3, 4))


# ---- AdaptiveLogSoftmaxWithLoss ------------------------------------------------------------------------
def _asm_pair(head_bias=True):
    torch.manual_seed(0)
    tm = torch.nn.AdaptiveLogSoftmaxWithLoss(8, 20, [4, 10, 15], div_value=2.0, head_bias=head_bias).double()
    om = nn.AdaptiveLogSoftmaxWithLoss(8, 20, [4, 10, 15], div_value=2.0, head_bias=head_bias).double()
    assert list(om.state_dict()) == list(tm.state_dict())
    assert [tuple(v.shape) for v in om.state_dict().values()] == [tuple(v.shape) for v in tm.state_dict().values()]
    om.load_state_dict({k: autograd.tensor(v.numpy()) for k, v in tm.state_dict().items()})
    return tm, om


def test_adaptive_log_softmax_forward_backward():
    tm, om = _asm_pair()
    assert list(om.state_dict())[:4] == ["head.weight", "head.bias", "tail.0.0.weight", "tail.0.1.weight"]
    rng = np.random.default_rng(11)
    x, y = rng.standard_normal((6, 8)), np.array([0, 5, 12, 19, 3, 11])
    tx, ox = torch.tensor(x, requires_grad=True), autograd.tensor(x, requires_grad=True)
    t, o = tm(tx, torch.tensor(y)), om(ox, autograd.tensor(y))
    assert o._fields == ("output", "loss") and type(o).__name__ == "_ASMoutput"
    assert_close(o.output, t.output, rtol=1e-12)
    assert_close(o.loss, t.loss, rtol=1e-12)
    assert o.loss.grad_fn.name() == t.loss.grad_fn.name()
    t.loss.backward()
    o.loss.backward()
    assert_close(ox.grad, tx.grad, rtol=1e-10, atol=1e-14)
    for (name, p), q in zip(om.named_parameters(), tm.parameters()):
        assert_close(p.grad, q.grad, rtol=1e-10, atol=1e-14)
    o1, t1 = om(ox[2], autograd.tensor(12)), tm(tx[2], torch.tensor(12))
    assert o1.output.shape == () and abs(o1.output.item() - t1.output.item()) < 1e-12


def test_adaptive_log_softmax_log_prob_predict():
    tm, om = _asm_pair()
    with torch.no_grad():  # push some rows' argmax into the tail clusters
        tm.head.bias[4:] += torch.tensor([3.0, 0.0, 0.0])
    om.load_state_dict({k: autograd.tensor(v.numpy()) for k, v in tm.state_dict().items()})
    rng = np.random.default_rng(12)
    x = rng.standard_normal((10, 8)) * 2
    tx, ox = torch.tensor(x), autograd.tensor(x)
    assert_close(om.log_prob(ox), tm.log_prob(tx), rtol=1e-12)
    tp, op = tm.predict(tx), om.predict(ox)
    assert_close(op, tp)
    assert 0 < int((tp >= 4).sum()) < 10


def test_adaptive_log_softmax_errors():
    for args in ((8, 10, []), (8, 10, [5, 3]), (8, 10, [0, 3]), (8, 10, [3, 10]), (8, 10, [3, 3])):
        with pytest.raises(ValueError) as theirs:
            torch.nn.AdaptiveLogSoftmaxWithLoss(*args)
        with pytest.raises(ValueError) as ours:
            nn.AdaptiveLogSoftmaxWithLoss(*args)
        assert str(ours.value) == str(theirs.value)
    om = nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3])
    with pytest.raises(RuntimeError, match=r"Target values should be in \[0, 9\]"):
        om(autograd.randn(2, 8), autograd.tensor([1, 10]))
    with pytest.raises(RuntimeError, match="0D or 1D target tensor expected"):
        om(autograd.randn(2, 8), autograd.tensor([[1, 2]]))


# ---- autograd.channel_shuffle --------------------------------------------------------------------------
def test_top_level_channel_shuffle():
    x = np.arange(24.0).reshape(1, 6, 2, 2)
    assert_close(autograd.channel_shuffle(autograd.tensor(x), 3), torch.channel_shuffle(torch.tensor(x), 3))
    from autograd import channel_shuffle
    assert channel_shuffle is F.channel_shuffle
