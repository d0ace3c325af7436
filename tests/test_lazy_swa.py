"""Lazy modules (LazyLinear, LazyConvNd) and optim.swa_utils against PyTorch (weights copied, never random inits)."""
import copy
import math

import numpy as np
import pytest

from oracle import assert_close, to_ours, torch

import autograd
import nn
import optim
from optim.swa_utils import SWALR, AveragedModel, get_ema_avg_fn, get_ema_multi_avg_fn, update_bn

tnn = torch.nn


def _o(x, requires_grad=False):
    return autograd.tensor(x, requires_grad=requires_grad)


def _t(x, requires_grad=False):
    return torch.tensor(x, requires_grad=requires_grad)


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, str(e).replace("torch.", "autograd.")
    return None


# ---- lazy modules -------------------------------------------------------------------------------
@pytest.mark.parametrize("ours_fn, theirs_fn, shape", [
    (lambda: nn.LazyLinear(3), lambda: tnn.LazyLinear(3), (2, 5)),
    (lambda: nn.LazyLinear(4, bias=False), lambda: tnn.LazyLinear(4, bias=False), (2, 3, 6)),
    (lambda: nn.LazyConv1d(4, 3, padding=1), lambda: tnn.LazyConv1d(4, 3, padding=1), (2, 3, 7)),
    (lambda: nn.LazyConv2d(4, 3, groups=2, bias=False), lambda: tnn.LazyConv2d(4, 3, groups=2, bias=False),
     (2, 6, 5, 5)),
    (lambda: nn.LazyConv3d(2, 2, stride=2), lambda: tnn.LazyConv3d(2, 2, stride=2), (3, 4, 4, 4)),
    (lambda: nn.LazyConvTranspose2d(3, 2, stride=2), lambda: tnn.LazyConvTranspose2d(3, 2, stride=2),
     (1, 2, 3, 3)),
])
def test_lazy_shapes_repr_class_values_and_grads(ours_fn, theirs_fn, shape):
    m, tm = ours_fn(), theirs_fn()
    assert repr(m) == repr(tm)
    assert [repr(p) for p in m.parameters()] == [repr(p) for p in tm.parameters()]
    assert m.has_uninitialized_params() and tm.has_uninitialized_params()
    x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
    m(_o(x))
    tm(_t(x))
    assert type(m).__name__ == type(tm).__name__ and repr(m) == repr(tm)
    assert not hasattr(m, "_initialize_hook") and not m._forward_pre_hooks
    for (n, p), (tn, tp) in zip(m.named_parameters(), tm.named_parameters()):
        assert n == tn and tuple(p.shape) == tuple(tp.shape) and type(p) is nn.Parameter
        p.data.copy_(to_ours(tp.detach()))
    # torch's init draws from U(-1/sqrt(fan_in), 1/sqrt(fan_in)) too: check the bound, not the values
    fan_in = np.prod(m.weight.shape[1:]) if "Transpose" not in type(m).__name__ else m.weight.shape[0] * np.prod(
        m.weight.shape[2:])
    xo, xt = _o(x, requires_grad=True), _t(x, requires_grad=True)
    out, tout = m(xo), tm(xt)
    assert_close(out, tout, rtol=1e-4, atol=1e-5)
    out.sum().backward()
    tout.sum().backward()
    assert_close(xo.grad, xt.grad, rtol=1e-4, atol=1e-5)
    for p, tp in zip(m.parameters(), tm.parameters()):
        assert_close(p.grad, tp.grad, rtol=1e-4, atol=1e-4)
    assert fan_in > 0


def test_lazy_init_bounds_follow_eager_reset_parameters():
    autograd.manual_seed(0)
    m = nn.LazyLinear(50)
    m(autograd.ones(1, 400))
    bound = 1 / math.sqrt(400)
    assert float(m.weight.abs().max()) <= bound and float(m.weight.abs().max()) > 0.9 * bound
    assert float(m.bias.abs().max()) <= bound


def test_uninitialized_parameter_errors_as_torch():
    m, tm = nn.LazyLinear(3), tnn.LazyLinear(3)
    for fn in (lambda w: w.shape, lambda w: w.dim(), lambda w: w.numel()):
        assert _err(lambda: fn(m.weight)) is not None
        ours, theirs = _err(lambda: fn(m.weight)), _err(lambda: fn(tm.weight))
        assert ours[0] == theirs[0]
    assert _err(lambda: m.weight.shape) == _err(lambda: tm.weight.shape)
    assert tuple(m.weight.size()) == tuple(tm.weight.size()) == (0,)
    assert _err(lambda: nn.LazyConv2d(4, 3)(autograd.ones(5, 5))) == \
        _err(lambda: tnn.LazyConv2d(4, 3)(torch.ones(5, 5)))
    assert _err(lambda: nn.LazyConv2d(4, 3, groups=2)(autograd.ones(1, 3, 5, 5))) == \
        _err(lambda: tnn.LazyConv2d(4, 3, groups=2)(torch.ones(1, 3, 5, 5)))


def test_lazy_state_dict_load_and_deepcopy():
    m, tm = nn.LazyLinear(3), tnn.LazyLinear(3)
    assert {k: type(v).__name__ for k, v in m.state_dict().items()} == \
        {k: type(v).__name__ for k, v in tm.state_dict().items()}
    assert type(copy.deepcopy(m).weight).__name__ == "UninitializedParameter"
    src = tnn.Linear(4, 3)
    res, tres = m.load_state_dict({k: to_ours(v) for k, v in src.state_dict().items()}), tm.load_state_dict(
        src.state_dict())
    assert repr(res) == repr(tres)
    assert type(m).__name__ == type(tm).__name__ == "LazyLinear"  # torch materialises but keeps the class
    assert_close(m.weight, tm.weight.detach())
    x = np.ones((2, 4), np.float32)
    assert_close(m(_o(x)), tm(_t(x)))
    assert type(m).__name__ == "Linear"


def test_lazy_in_sequential_with_optimizer():
    net = nn.Sequential(nn.LazyLinear(4), nn.ReLU(), nn.LazyLinear(1))
    net(autograd.ones(2, 3))
    assert repr(net) == repr(tnn.Sequential(tnn.Linear(3, 4), tnn.ReLU(), tnn.Linear(4, 1)))
    opt = optim.SGD(net.parameters(), lr=0.1)
    before = net[0].weight.detach().clone()
    net(autograd.ones(2, 3)).sum().backward()
    opt.step()
    assert not np.allclose(before.numpy(), net[0].weight.detach().numpy())


# ---- swa_utils ----------------------------------------------------------------------------------
def _pair_models():
    torch.manual_seed(0)
    tm = tnn.Sequential(tnn.Linear(3, 4), tnn.BatchNorm1d(4), tnn.Linear(4, 2))
    m = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.Linear(4, 2))
    m.load_state_dict({k: to_ours(v) for k, v in tm.state_dict().items()})
    return m, tm


@pytest.mark.parametrize("kind", ["swa", "ema", "ema_multi", "buffers"])
def test_averaged_model_matches_torch(kind):
    m, tm = _pair_models()
    tsu = torch.optim.swa_utils
    kw, tkw = {}, {}
    if kind == "ema":
        kw, tkw = {"avg_fn": get_ema_avg_fn(0.9)}, {"avg_fn": tsu.get_ema_avg_fn(0.9)}
    elif kind == "ema_multi":
        kw, tkw = {"multi_avg_fn": get_ema_multi_avg_fn(0.8)}, {"multi_avg_fn": tsu.get_ema_multi_avg_fn(0.8)}
    elif kind == "buffers":
        kw, tkw = {"use_buffers": True}, {"use_buffers": True}
    swa, tswa = AveragedModel(m, **kw), tsu.AveragedModel(tm, **tkw)
    assert swa.state_dict().keys() == tswa.state_dict().keys()
    opt, topt = optim.SGD(m.parameters(), lr=0.1), torch.optim.SGD(tm.parameters(), lr=0.1)
    rng = np.random.default_rng(1)
    for _ in range(4):
        x = rng.standard_normal((5, 3)).astype(np.float32)
        for model, o, t in ((m, opt, _o), (tm, topt, _t)):
            o.zero_grad()
            (model(t(x)) ** 2).mean().backward()
            o.step()
        swa.update_parameters(m)
        tswa.update_parameters(tm)
    assert int(swa.n_averaged) == int(tswa.n_averaged) == 4
    assert swa.n_averaged.dtype == autograd.int64
    for (k, v), (tk, tv) in zip(swa.state_dict().items(), tswa.state_dict().items()):
        assert k == tk
        assert_close(v, tv, rtol=1e-5, atol=1e-6)
    x = np.ones((2, 3), np.float32)
    swa.eval()
    tswa.eval()
    assert_close(swa(_o(x)), tswa(_t(x)).detach(), rtol=1e-5, atol=1e-5)


def test_averaged_model_errors_and_deepcopy():
    m = nn.Linear(2, 1)
    swa = AveragedModel(m)
    assert swa.module is not m and swa.module.weight is not m.weight
    with pytest.raises(AssertionError, match="Only one of avg_fn and multi_avg_fn"):
        AveragedModel(m, avg_fn=get_ema_avg_fn(), multi_avg_fn=get_ema_multi_avg_fn())
    with pytest.raises(ValueError, match=r"Invalid decay value 1.5"):
        get_ema_avg_fn(1.5)


@pytest.mark.parametrize("strategy, anneal_epochs, swa_lr", [("cos", 3, 0.05), ("linear", 4, [0.01, 0.2]),
                                                               ("cos", 0, 0.02)])
def test_swalr_matches_torch(strategy, anneal_epochs, swa_lr):
    groups = lambda params: [{"params": params[:1]}, {"params": params[1:], "lr": 0.5}]  # noqa: E731
    m, tm = nn.Linear(2, 1), tnn.Linear(2, 1)
    opt = optim.SGD(groups(list(m.parameters())), lr=0.1)
    topt = torch.optim.SGD(groups(list(tm.parameters())), lr=0.1)
    sw = swa_lr if isinstance(swa_lr, float) else list(swa_lr)
    s = SWALR(opt, swa_lr=sw, anneal_epochs=anneal_epochs, anneal_strategy=strategy)
    ts = torch.optim.swa_utils.SWALR(topt, swa_lr=sw, anneal_epochs=anneal_epochs, anneal_strategy=strategy)
    np.testing.assert_allclose(s.get_last_lr(), ts.get_last_lr(), rtol=1e-12)
    for _ in range(7):
        opt.step()
        topt.step()
        s.step()
        ts.step()
        np.testing.assert_allclose(s.get_last_lr(), ts.get_last_lr(), rtol=1e-12)
        assert [g["lr"] for g in opt.param_groups] == pytest.approx([g["lr"] for g in topt.param_groups])
    sd = s.state_dict()
    assert "anneal_func" not in sd and "optimizer" not in sd
    s2 = SWALR(optim.SGD(m.parameters(), lr=0.1), swa_lr=0.1)
    s2.load_state_dict(sd)
    assert s2.anneal_func(0.5) == pytest.approx(0.5)


def test_swalr_errors_as_torch():
    opt = optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1)
    topt = torch.optim.SGD(tnn.Linear(2, 1).parameters(), lr=0.1)
    for kw in ({"anneal_strategy": "exp"}, {"anneal_epochs": -1}, {"anneal_epochs": 1.5}):
        ours = _err(lambda: SWALR(opt, swa_lr=0.1, **kw))
        theirs = _err(lambda: torch.optim.swa_utils.SWALR(topt, swa_lr=0.1, **kw))
        assert ours == theirs


def test_update_bn_matches_torch():
    m, tm = _pair_models()
    m.train()
    tm.eval()
    m.eval()
    rng = np.random.default_rng(2)
    data = [rng.standard_normal((4, 3)).astype(np.float32) for _ in range(3)]
    update_bn([(_o(x), 0) for x in data], m)
    torch.optim.swa_utils.update_bn([(_t(x), 0) for x in data], tm)
    assert not m.training and not tm.training
    assert m[1].momentum == tm[1].momentum == 0.1
    for (k, v), (tk, tv) in zip(m.state_dict().items(), tm.state_dict().items()):
        assert k == tk
        assert_close(v, tv, rtol=1e-5, atol=1e-6)
    update_bn([_o(x) for x in data], nn.Linear(3, 1))  # no BatchNorm: a no-op


def test_module_paths():
    assert optim.swa_utils.AveragedModel is AveragedModel
    assert nn.UninitializedParameter.cls_to_become is nn.Parameter
