"""Linear/Bilinear/Flatten layers and every activation (module + functional) held against torch."""
import math
import warnings

import numpy as np
import pytest

from oracle import assert_close, to_ours, to_torch, torch

import autograd
import nn
import nn.functional as F

tnn = torch.nn
TF = torch.nn.functional


def _copy_weights(ours, theirs):
    ours.load_state_dict({k: to_ours(v) for k, v in theirs.state_dict().items()})


def _check_module(o, t, *shapes, dtype=np.float64, rtol=1e-6, atol=1e-8, data=None):
    """Forward output, input grads and parameter grads of ``o`` equal ``t``'s on the same inputs."""
    xs = data if data is not None else [np.random.randn(*s).astype(dtype) for s in shapes]
    xo = [autograd.from_numpy(x.copy()).requires_grad_() for x in xs]
    xt = [torch.from_numpy(x.copy()).requires_grad_() for x in xs]
    yo, yt = o(*xo), t(*xt)
    assert_close(yo, yt, rtol=rtol, atol=atol)
    g = np.random.randn(*yt.shape).astype(dtype)
    yo.backward(autograd.from_numpy(g.copy()))
    yt.backward(torch.from_numpy(g.copy()))
    for a, b in zip(xo, xt):
        assert_close(a.grad, b.grad, rtol=rtol, atol=atol)
    for (n, p), (_, q) in zip(o.named_parameters(), t.named_parameters()):
        assert_close(p.grad, q.grad, rtol=rtol, atol=atol)
    return yo, yt


# ---- Linear -------------------------------------------------------------------------------------
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("shape", [(3,), (5, 3), (2, 4, 3), (0, 3), (2, 1, 2, 3)])
def test_linear_matches_torch_float64(shape, bias):
    t = tnn.Linear(3, 4, bias=bias).double()
    o = nn.Linear(3, 4, bias=bias).double()
    _copy_weights(o, t)
    yo, yt = _check_module(o, t, shape)
    assert yo.grad_fn.name() == yt.grad_fn.name()


def test_linear_float32_and_grad_fn():
    t = tnn.Linear(6, 5)
    o = nn.Linear(6, 5)
    _copy_weights(o, t)
    yo, _ = _check_module(o, t, (7, 6), dtype=np.float32, rtol=1e-5, atol=1e-6)
    assert yo.grad_fn.name() == "AddmmBackward0" and yo.dtype == autograd.float32
    assert o.weight.shape == (5, 6) and o.bias.shape == (5,)


def test_linear_default_init_is_torchs():
    fan_in = 400
    lin = nn.Linear(fan_in, 300)
    bound = 1 / math.sqrt(fan_in)
    w, b = lin.weight.detach().numpy(), lin.bias.detach().numpy()
    assert np.abs(w).max() <= bound and np.abs(b).max() <= bound
    assert abs(w.std() - bound / math.sqrt(3)) < 0.02 * bound  # U(-bound, bound) has std bound/sqrt(3)
    assert abs(w.mean()) < 0.01 * bound
    assert abs(np.abs(b).max() - bound) < 0.05 * bound
    assert lin.weight.dtype == autograd.float32 and lin.weight.requires_grad


def test_linear_errors_and_dtypes():
    o = nn.Linear(3, 4)
    t = tnn.Linear(3, 4)
    with pytest.raises(RuntimeError) as a:
        t(torch.zeros(2, 5))
    with pytest.raises(RuntimeError) as b:
        o(autograd.zeros(2, 5))
    assert str(a.value) == str(b.value)
    with pytest.raises(RuntimeError) as a:
        t(torch.zeros(2, 3, dtype=torch.float64))
    with pytest.raises(RuntimeError) as b:
        o(autograd.zeros(2, 3, dtype=autograd.float64))
    assert str(a.value) == str(b.value)
    assert nn.Linear(2, 2, dtype=autograd.float64).weight.dtype == autograd.float64


def test_linear_double_backward():
    w = autograd.randn(4, 3, dtype=autograd.float64, requires_grad=True)
    b = autograd.randn(4, dtype=autograd.float64, requires_grad=True)
    for shape in [(5, 3), (2, 2, 3), (3,)]:
        x = autograd.randn(*shape, dtype=autograd.float64, requires_grad=True)
        assert autograd.gradcheck(F.linear, (x, w, b))
        assert autograd.gradgradcheck(F.linear, (x, w, b))
        assert autograd.gradcheck(lambda x, w: F.linear(x, w), (x, w))


def test_bilinear_matches_torch():
    t = tnn.Bilinear(3, 2, 4).double()
    o = nn.Bilinear(3, 2, 4).double()
    _copy_weights(o, t)
    _check_module(o, t, (5, 3), (5, 2))
    _check_module(o, t, (2, 3, 3), (2, 3, 2))
    assert repr(o) == repr(t)
    x1 = autograd.randn(2, 3, dtype=autograd.float64, requires_grad=True)
    x2 = autograd.randn(2, 2, dtype=autograd.float64, requires_grad=True)
    assert autograd.gradcheck(F.bilinear, (x1, x2, o.weight, o.bias))


def test_identity_flatten_unflatten():
    x = np.random.randn(2, 3, 4, 5)
    assert nn.Identity(3, foo=1)(autograd.from_numpy(x)).shape == (2, 3, 4, 5)
    for args in [(), (0,), (2, 3), (1, -2)]:
        o, t = nn.Flatten(*args), tnn.Flatten(*args)
        _check_module(o, t, data=[x])
        assert repr(o) == repr(t)
    o, t = nn.Unflatten(1, (3, 1)), tnn.Unflatten(1, (3, 1))
    _check_module(o, t, data=[x])
    assert repr(o) == repr(t)
    o, t = nn.Unflatten(-1, [5, 1]), tnn.Unflatten(-1, [5, 1])
    _check_module(o, t, data=[x])
    with pytest.raises(TypeError):
        nn.Unflatten(1, 3)


# ---- activations ----------------------------------------------------------------------------------
ACTIVATIONS = [
    ("ReLU", ()), ("ReLU", (True,)), ("LeakyReLU", ()), ("LeakyReLU", (0.2, True)), ("ELU", ()), ("ELU", (0.7,)),
    ("GELU", ()), ("GELU", ("tanh",)), ("SiLU", ()), ("Sigmoid", ()), ("Tanh", ()), ("Softplus", ()),
    ("Softplus", (2.0, 1.0)), ("Hardtanh", ()), ("Hardtanh", (-0.5, 2.0)), ("ReLU6", ()), ("Mish", ()),
    ("Softsign", ()), ("SELU", ()), ("CELU", (1.5,)), ("LogSigmoid", ()), ("Hardswish", ()), ("Hardsigmoid", ()),
    ("Softshrink", (0.3,)), ("Hardshrink", (0.3,)), ("Tanhshrink", ()), ("Threshold", (0.1, -2.0)), ("GLU", ()),
    ("GLU", (1,)), ("Softmax", (1,)), ("Softmax", (-1,)), ("LogSoftmax", (1,)), ("LogSoftmax", (0,)),
    ("Softmin", (1,)), ("PReLU", ()), ("PReLU", (4, 0.1)), ("Softmax2d", ()),
]


def _act_input(dtype=np.float64, shape=(3, 4, 2, 2)):
    x = np.random.randn(*shape) * 3
    x.flat[:6] = [0.0, 1.0, -1.0, 3.0, -3.0, 6.0]  # the kinks of relu/hardtanh/hardswish/... themselves
    return x.astype(dtype)


@pytest.mark.parametrize("name,args", ACTIVATIONS, ids=[f"{n}{a}" for n, a in ACTIVATIONS])
def test_activation_module_matches_torch(name, args):
    o, t = getattr(nn, name)(*args).double(), getattr(tnn, name)(*args).double()
    assert repr(o) == repr(t)
    _copy_weights(o, t)
    x = _act_input()
    if getattr(t, "inplace", False):  # in place on a non-leaf: same values and same gradients
        xo = autograd.from_numpy(x.copy()).requires_grad_()
        xt = torch.from_numpy(x.copy()).requires_grad_()
        yo, yt = o(xo * 1), t(xt * 1)
        assert_close(yo, yt, rtol=1e-6, atol=1e-8)
        yo.sum().backward()
        yt.sum().backward()
        assert_close(xo.grad, xt.grad, rtol=1e-6, atol=1e-8)
        return
    _check_module(o, t, data=[x])
    o32, t32 = getattr(nn, name)(*args), getattr(tnn, name)(*args)
    _copy_weights(o32, t32)
    _check_module(o32, t32, data=[x.astype(np.float32)], rtol=1e-5, atol=1e-5)


FUNCTIONAL = [
    (F.relu, {}), (F.relu6, {}), (F.leaky_relu, {"negative_slope": 0.3}), (F.elu, {"alpha": 0.5}),
    (F.selu, {}), (F.celu, {"alpha": 2.0}), (F.gelu, {}), (F.gelu, {"approximate": "tanh"}), (F.silu, {}),
    (F.mish, {}), (F.softplus, {"beta": 0.5, "threshold": 3.0}), (F.hardtanh, {"min_val": -2.0, "max_val": 0.5}),
    (F.logsigmoid, {}), (F.hardswish, {}), (F.hardsigmoid, {}), (F.softshrink, {"lambd": 0.2}),
    (F.hardshrink, {"lambd": 0.2}), (F.threshold, {"threshold": 0.5, "value": 1.0}), (F.tanhshrink, {}),
    (F.softsign, {}), (F.sigmoid, {}), (F.tanh, {}), (F.glu, {"dim": 1}), (F.softmax, {"dim": 1}),
    (F.log_softmax, {"dim": 0}), (F.softmin, {"dim": -1}),
]


@pytest.mark.parametrize("fn,kw", FUNCTIONAL, ids=[f"{f.__name__}{sorted(k.items())}" for f, k in FUNCTIONAL])
def test_functional_gradcheck_and_parity(fn, kw):
    x = _act_input(shape=(3, 4)) / 2
    x = x[np.abs(np.abs(x) - 3) > 1e-3]  # keep finite differences off the kinks
    x = x[np.abs(np.abs(x) - 1) > 1e-3]
    x = x[np.abs(np.abs(x) - 0.5) > 1e-3][:8].reshape(2, 4)
    x = x[:, np.abs(x).min(0) > 1e-3] if fn is not F.glu else x
    xo = autograd.from_numpy(x.copy()).requires_grad_()
    xt = torch.from_numpy(x.copy()).requires_grad_()
    assert_close(fn(xo, **kw), getattr(TF, fn.__name__)(xt, **kw), rtol=1e-6, atol=1e-10)
    assert autograd.gradcheck(lambda a: fn(a, **kw), (xo,))
    if fn not in (F.relu, F.relu6, F.hardtanh, F.threshold, F.hardshrink, F.softshrink, F.hardsigmoid):
        assert autograd.gradgradcheck(lambda a: fn(a, **kw), (xo,))


@pytest.mark.parametrize("fn", [F.relu, F.leaky_relu, F.elu, F.selu, F.celu, F.silu, F.mish, F.hardtanh, F.relu6,
                                F.hardswish, F.hardsigmoid, F.threshold])
def test_functional_inplace(fn):
    args = (0.5, 2.0) if fn is F.threshold else ()
    x = _act_input(shape=(4, 5))
    a = autograd.from_numpy(x.copy())
    out = fn(a, *args, inplace=True)
    assert out is a
    assert_close(a, getattr(TF, fn.__name__)(torch.from_numpy(x.copy()), *args))
    leaf = autograd.from_numpy(x.copy()).requires_grad_()
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        fn(leaf, *args, inplace=True)


def test_activation_errors_match_torch():
    x, xt = autograd.randn(3, 3), torch.randn(3, 3)
    for call in [lambda f, t: f.glu(t), lambda f, t: f.gelu(t, approximate="x"),
                 lambda f, t: f.hardtanh(t, 2.0, 1.0),
                 lambda f, t: f.prelu(t, (autograd if f is F else torch).ones(2))]:
        with pytest.raises(Exception) as a:
            call(TF, xt)
        with pytest.raises(Exception) as b:
            call(F, x)
        assert type(a.value) is type(b.value) and str(a.value) == str(b.value)
    with pytest.raises(AssertionError, match="must be greater than min_val"):
        nn.Hardtanh(1.0, 0.0)


def test_softmax_implicit_dim_warns():
    with pytest.warns(UserWarning, match="Implicit dimension choice for softmax"):
        y = nn.Softmax()(autograd.randn(2, 3))
    assert_close(y.sum(1), torch.ones(2), atol=1e-6)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        F.softmax(autograd.randn(2, 3), dim=1, dtype=autograd.float64)


def test_rrelu_train_and_eval():
    x = autograd.from_numpy(_act_input(shape=(50, 40)))
    m = nn.RReLU(0.1, 0.3)
    assert repr(m) == repr(tnn.RReLU(0.1, 0.3))
    y = m(x).numpy()
    xn = x.numpy()
    neg = xn < 0
    slopes = y[neg] / xn[neg]
    assert slopes.min() >= 0.1 - 1e-12 and slopes.max() <= 0.3 + 1e-12 and slopes.std() > 0.01
    assert np.array_equal(y[~neg], xn[~neg])
    m.eval()
    assert_close(m(x), TF.rrelu(to_torch(x), 0.1, 0.3, training=False))


def test_prelu_channels_and_grads():
    t = tnn.PReLU(3).double()
    o = nn.PReLU(3).double()
    _copy_weights(o, t)
    _check_module(o, t, (4, 3, 5))
    _check_module(o, t, (4, 3))
    assert repr(o) == repr(t)
