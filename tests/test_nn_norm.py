"""Batch/layer/group/instance/RMS normalisation against PyTorch: values, gradients, running stats, modules."""
import numpy as np
import pytest

import autograd
import nn
import nn.functional as F
from oracle import assert_close, to_ours, to_torch, torch

TF = torch.nn.functional


def _rand(shape, dtype=np.float64, requires_grad=True, seed=0, scale=1.0, shift=0.0):
    rs = np.random.default_rng(seed)
    return autograd.tensor((rs.standard_normal(shape) * scale + shift).astype(dtype), requires_grad=requires_grad)


def _parity(ours_fn, torch_fn, inputs, rtol=1e-7, atol=1e-9):
    out = ours_fn(*inputs)
    tin = [to_torch(t) if isinstance(t, autograd.Tensor) else t for t in inputs]
    outt = torch_fn(*tin)
    assert_close(out, outt, rtol=rtol, atol=atol)
    g = np.random.default_rng(1).standard_normal(tuple(out.shape)).astype(out.detach().numpy().dtype)
    diff = [t for t in inputs if isinstance(t, autograd.Tensor) and t.requires_grad]
    tdiff = [t for t in tin if isinstance(t, torch.Tensor) and t.requires_grad]
    grads = autograd.grad(out, diff, autograd.tensor(g))
    for a, b in zip(grads, torch.autograd.grad(outt, tdiff, torch.from_numpy(g))):
        assert_close(a, b, rtol=rtol, atol=atol)
    return out


@pytest.mark.parametrize("shape", [(8, 3), (4, 3, 5), (2, 3, 4, 5), (2, 2, 3, 2, 2)])
@pytest.mark.parametrize("affine", [True, False])
def test_batch_norm_training_matches_torch(shape, affine):
    x = _rand(shape, scale=2.0, shift=0.5)
    w = _rand(shape[1], seed=1) if affine else None
    b = _rand(shape[1], seed=2) if affine else None
    out = _parity(lambda x, w, b: F.batch_norm(x, None, None, w, b, True),
                  lambda x, w, b: TF.batch_norm(x, None, None, w, b, True), [x, w, b])
    assert out.grad_fn.name() == "NativeBatchNormBackward0"


def test_batch_norm_eval_and_float32():
    x, w, b = _rand((4, 3, 5, 2)), _rand(3, seed=1), _rand(3, seed=2)
    rm, rv = _rand(3, requires_grad=False, seed=3), autograd.tensor(np.array([0.5, 1.5, 2.0]))
    _parity(lambda x, w, b: F.batch_norm(x, rm, rv, w, b, False, 0.1, 1e-3),
            lambda x, w, b: TF.batch_norm(x, to_torch(rm), to_torch(rv), w, b, False, 0.1, 1e-3), [x, w, b])
    x32, w32, b32 = _rand((6, 4, 3), np.float32), _rand(4, np.float32, seed=1), _rand(4, np.float32, seed=2)
    _parity(lambda x, w, b: F.batch_norm(x, None, None, w, b, True),
            lambda x, w, b: TF.batch_norm(x, None, None, w, b, True), [x32, w32, b32], rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("momentum", [0.1, 0.5, None])
@pytest.mark.parametrize("cls,shape", [("BatchNorm1d", (8, 3)), ("BatchNorm1d", (4, 3, 6)),
                                       ("BatchNorm2d", (4, 3, 5, 5))])
def test_running_stats_match_torch(cls, shape, momentum):
    m, mt = getattr(nn, cls)(3, momentum=momentum), getattr(torch.nn, cls)(3, momentum=momentum)
    assert repr(m) == repr(mt)
    m.double()
    mt.double()
    rs = np.random.default_rng(0)
    for step in range(4):
        x = autograd.tensor(rs.standard_normal(shape) * (step + 1) + step, requires_grad=True)
        xt = to_torch(x)
        out, outt = m(x), mt(xt)
        assert_close(out, outt, rtol=1e-7, atol=1e-9)
        (out * out).sum().backward()
        (outt * outt).sum().backward()
        assert_close(x.grad, xt.grad, rtol=1e-7, atol=1e-8)
    for key, val in mt.state_dict().items():
        assert_close(m.state_dict()[key], val, rtol=1e-10, atol=1e-12)
    assert m.num_batches_tracked.dtype == autograd.int64 and m.num_batches_tracked.item() == 4
    assert_close(m.weight.grad, mt.weight.grad, rtol=1e-7, atol=1e-8)
    assert_close(m.bias.grad, mt.bias.grad, rtol=1e-7, atol=1e-8)
    m.eval()
    mt.eval()
    x = autograd.tensor(rs.standard_normal(shape))
    assert_close(m(x), mt(to_torch(x)), rtol=1e-7, atol=1e-9)


def test_track_running_stats_false_and_no_affine():
    m, mt = nn.BatchNorm2d(3, affine=False, track_running_stats=False), torch.nn.BatchNorm2d(
        3, affine=False, track_running_stats=False)
    assert repr(m) == repr(mt)
    assert m.running_mean is None and m.num_batches_tracked is None and m.weight is None
    assert list(m.state_dict()) == list(mt.state_dict()) == []
    m.eval()
    mt.eval()
    x = _rand((4, 3, 2, 2))
    _parity(m, mt.double(), [x])  # eval without buffers normalises with batch statistics


def test_state_dict_roundtrip_and_keys():
    m, mt = nn.BatchNorm2d(4), torch.nn.BatchNorm2d(4)
    assert list(m.state_dict()) == list(mt.state_dict()) == ["weight", "bias", "running_mean", "running_var",
                                                            "num_batches_tracked"]
    mt(torch.randn(5, 4, 3, 3))
    m.load_state_dict({k: to_ours(v) for k, v in mt.state_dict().items()})
    assert m.num_batches_tracked.item() == 1
    assert_close(m.running_var, mt.running_var)
    mt2 = torch.nn.BatchNorm2d(4)
    mt2.load_state_dict({k: to_torch(v) for k, v in m.state_dict().items()})
    assert mt2.num_batches_tracked.item() == 1
    no_bias = nn.BatchNorm1d(3, bias=False)
    assert list(no_bias.state_dict()) == list(torch.nn.BatchNorm1d(3, bias=False).state_dict())


def test_double_backward_batch_norm_matches_torch():
    x, w, b = _rand((4, 3, 2)), _rand(3, seed=1), _rand(3, seed=2)
    xt, wt, bt = to_torch(x), to_torch(w), to_torch(b)
    gx = autograd.grad(F.batch_norm(x, None, None, w, b, True).pow(3).sum(), x, create_graph=True)[0]
    (gx * gx).sum().backward()
    gxt = torch.autograd.grad(TF.batch_norm(xt, None, None, wt, bt, True).pow(3).sum(), xt, create_graph=True)[0]
    (gxt * gxt).sum().backward()
    for a, b_ in ((x, xt), (w, wt), (b, bt)):
        assert_close(a.grad, b_.grad, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("fn", [
    lambda x, w, b: F.batch_norm(x, None, None, w, b, True),
    lambda x, w, b: F.batch_norm(x, autograd.tensor([0.1, -0.2], dtype=autograd.float64),
                                 autograd.tensor([0.5, 2.0], dtype=autograd.float64), w, b, False),
    lambda x, w, b: F.layer_norm(x, (2, 2), w.reshape(1, 2).expand(2, 2), b.reshape(2, 1).expand(2, 2)),
    lambda x, w, b: F.group_norm(x, 1, w, b),
    lambda x, w, b: F.instance_norm(x, weight=w, bias=b),
])
def test_gradcheck_and_gradgradcheck(fn):
    x, w, b = _rand((3, 2, 2), seed=0), _rand(2, seed=1), _rand(2, seed=2)
    assert autograd.gradcheck(fn, (x, w, b))
    assert autograd.gradgradcheck(fn, (x, w, b))


# ---- layer / group / instance / RMS norm ---------------------------------------------------------
@pytest.mark.parametrize("shape,ns", [((4, 5), (5,)), ((2, 3, 4), (3, 4)), ((2, 3, 4), [4]), ((3, 2, 2, 3), (2, 2, 3))])
def test_layer_norm_matches_torch(shape, ns):
    x, w, b = _rand(shape, scale=3.0, shift=1.0), _rand(tuple(ns), seed=1), _rand(tuple(ns), seed=2)
    out = _parity(lambda x, w, b: F.layer_norm(x, ns, w, b), lambda x, w, b: TF.layer_norm(x, ns, w, b), [x, w, b])
    assert out.grad_fn.name() == "NativeLayerNormBackward0"
    _parity(lambda x: F.layer_norm(x, ns, eps=1e-3), lambda x: TF.layer_norm(x, ns, eps=1e-3), [x])


@pytest.mark.parametrize("kw", [{}, dict(elementwise_affine=False), dict(bias=False), dict(eps=1e-2)])
def test_layer_norm_module(kw):
    m, mt = nn.LayerNorm((3, 4), **kw), torch.nn.LayerNorm((3, 4), **kw)
    assert repr(m) == repr(mt)
    assert list(m.state_dict()) == list(mt.state_dict())
    if m.weight is not None:
        with autograd.no_grad():
            m.weight.copy_(_rand((3, 4), np.float32, requires_grad=False, seed=5))
        mt.weight.data = to_torch(m.weight.detach())
    x = _rand((2, 3, 4), np.float32)
    _parity(m, mt, [x], rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("groups,shape", [(3, (2, 6, 4)), (1, (2, 4, 3, 2)), (4, (3, 4, 5)), (2, (2, 4))])
def test_group_norm_matches_torch(groups, shape):
    c = shape[1]
    x, w, b = _rand(shape, scale=2.0), _rand(c, seed=1), _rand(c, seed=2)
    out = _parity(lambda x, w, b: F.group_norm(x, groups, w, b), lambda x, w, b: TF.group_norm(x, groups, w, b),
                  [x, w, b])
    assert out.grad_fn.name() == "NativeGroupNormBackward0"
    m, mt = nn.GroupNorm(groups, c), torch.nn.GroupNorm(groups, c).double()
    assert repr(m) == repr(torch.nn.GroupNorm(groups, c))
    _parity(m.double(), mt, [x])


def test_instance_and_rms_norm():
    x, w, b = _rand((2, 3, 4, 5)), _rand(3, seed=1), _rand(3, seed=2)
    _parity(lambda x, w, b: F.instance_norm(x, weight=w, bias=b), lambda x, w, b: TF.instance_norm(x, weight=w, bias=b),
            [x, w, b])
    m, mt = nn.InstanceNorm2d(3, affine=True, track_running_stats=True), torch.nn.InstanceNorm2d(
        3, affine=True, track_running_stats=True)
    assert repr(m) == repr(mt)
    m.double()
    mt.double()
    _parity(m, mt, [x])
    for key, val in mt.state_dict().items():
        assert_close(m.state_dict()[key], val, rtol=1e-10, atol=1e-12)
    m.eval()
    mt.eval()
    _parity(m, mt, [x])
    _parity(nn.InstanceNorm1d(3).double(), torch.nn.InstanceNorm1d(3).double(), [_rand((3, 7))])  # unbatched
    rw = _rand((4, 5), seed=3)
    _parity(lambda x, w: F.rms_norm(x, (4, 5), w), lambda x, w: TF.rms_norm(x, (4, 5), w), [x, rw])
    r, rt = nn.RMSNorm([4, 5]), torch.nn.RMSNorm([4, 5])
    assert repr(r) == repr(rt)
    _parity(r.double(), rt.double(), [x])


# ---- errors ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("call,exc", [
    (lambda F, t: F.batch_norm(t(1, 3), t(3), t(3) + 1, training=True), ValueError),
    (lambda F, t: F.batch_norm(t(4, 3), t(4), t(4) + 1, training=True), RuntimeError),
    (lambda F, t: F.layer_norm(t(4, 3), (4,)), RuntimeError),
    (lambda F, t: F.layer_norm(t(4, 3), (3,), t(4)), RuntimeError),
    (lambda F, t: F.group_norm(t(2, 6, 3), 4), RuntimeError),
    (lambda F, t: F.layer_norm(t(4, 3), 3), TypeError),
])
def test_functional_errors_match_torch(call, exc):
    with pytest.raises(exc) as ours:
        call(F, lambda *s: autograd.zeros(*s))
    with pytest.raises(exc) as theirs:
        call(TF, lambda *s: torch.zeros(*s))
    assert str(ours.value).replace("autograd.Size", "torch.Size") == str(theirs.value)


@pytest.mark.parametrize("make,shape", [(lambda lib: lib.BatchNorm2d(3), (2, 3, 4)),
                                        (lambda lib: lib.BatchNorm1d(3), (2, 3, 4, 5)),
                                        (lambda lib: lib.InstanceNorm2d(3, affine=True), (2, 4, 3, 3))])
def test_module_input_dim_errors(make, shape):
    with pytest.raises(ValueError) as ours:
        make(nn)(autograd.zeros(*shape))
    with pytest.raises(ValueError) as theirs:
        make(torch.nn)(torch.zeros(*shape))
    assert str(ours.value) == str(theirs.value)
    with pytest.raises(ValueError, match="must be divisible by num_groups"):
        nn.GroupNorm(4, 6)


@pytest.mark.parametrize("training, eps, message", [
    (True, -1.0, "batch_norm eps must be positive during training, but got -1.0"),
    (True, 0.0, "batch_norm eps must be positive during training, but got 0.0"),
    (False, -1.0, "batch_norm eps must be non-negative, but got -1.0"),
])
def test_batch_norm_eps_checks_match_torch(training, eps, message):
    m = nn.BatchNorm1d(3, eps=eps)   # the module accepts it; torch's F.batch_norm refuses at forward
    m.train(training)
    with pytest.raises(ValueError, match=message):
        m(autograd.randn(4, 3))
    F.batch_norm(autograd.randn(4, 3), autograd.zeros(3), autograd.ones(3), training=False, eps=0.0)  # allowed


def test_huber_loss_delta_must_be_a_number():
    with pytest.raises(TypeError, match="delta must be a float or int, got: <class 'complex'>"):
        nn.HuberLoss(delta=1 + 0j)
