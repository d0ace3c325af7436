"""nn.init: bounds and statistics of every initialiser, gains and fans equal torch's, no graph recorded."""
import math
import warnings

import numpy as np
import pytest

from oracle import torch

import autograd
import nn
from nn import init

tinit = torch.nn.init


def _param(*shape, dtype=None):
    return nn.Parameter(autograd.empty(*shape, dtype=dtype))


@pytest.mark.parametrize("nonlinearity,param", [("linear", None), ("conv2d", None), ("sigmoid", None),
                                                ("tanh", None), ("relu", None), ("leaky_relu", None),
                                                ("leaky_relu", 0.2), ("leaky_relu", 3), ("selu", None)])
def test_calculate_gain(nonlinearity, param):
    assert init.calculate_gain(nonlinearity, param) == tinit.calculate_gain(nonlinearity, param)


def test_calculate_gain_errors():
    for args in [("foo",), ("leaky_relu", True), ("leaky_relu", "x")]:
        with pytest.raises(ValueError) as a:
            tinit.calculate_gain(*args)
        with pytest.raises(ValueError) as b:
            init.calculate_gain(*args)
        assert str(a.value) == str(b.value)


@pytest.mark.parametrize("shape", [(3, 4), (8, 3, 5), (6, 2, 3, 3), (4, 2, 1, 2, 3)])
def test_fans(shape):
    assert init._calculate_fan_in_and_fan_out(autograd.empty(*shape)) == \
        tinit._calculate_fan_in_and_fan_out(torch.empty(*shape))
    with pytest.raises(ValueError, match="fewer than 2 dimensions"):
        init._calculate_fan_in_and_fan_out(autograd.empty(3))


def test_fills_return_tensor_without_graph():
    p = _param(3, 4)
    v = p._version
    for fn, args in [(init.constant_, (2.5,)), (init.ones_, ()), (init.zeros_, ()), (init.uniform_, (-1, 1)),
                     (init.normal_, ()), (init.eye_, ()), (init.xavier_uniform_, ()), (init.kaiming_normal_, ()),
                     (init.orthogonal_, ()), (init.trunc_normal_, ()), (init.sparse_, (0.5,))]:
        assert fn(p, *args) is p
        assert p.grad_fn is None and p.is_leaf and p.requires_grad
    assert p._version > v
    assert init.constant_(p, 2.5).tolist() == [[2.5] * 4] * 3
    assert not init.zeros_(p).detach().numpy().any()
    assert np.array_equal(init.eye_(p).detach().numpy(), np.eye(3, 4))


def test_uniform_normal_statistics():
    p = _param(200, 300)
    x = init.uniform_(p, -2.0, 3.0).detach().numpy()
    assert x.min() >= -2.0 and x.max() <= 3.0 and abs(x.mean() - 0.5) < 0.02
    assert abs(x.std() - 5 / math.sqrt(12)) < 0.02
    x = init.normal_(p, 1.0, 0.5).detach().numpy()
    assert abs(x.mean() - 1.0) < 0.01 and abs(x.std() - 0.5) < 0.01
    assert p.dtype == autograd.float32
    q = init.normal_(_param(10, dtype=autograd.float64))
    assert q.dtype == autograd.float64


@pytest.mark.parametrize("mean,std,a,b", [(0.0, 1.0, -2.0, 2.0), (0.0, 1.0, 0.5, 0.7), (1.0, 0.02, 0.9, 1.5)])
def test_trunc_normal(mean, std, a, b):
    x = init.trunc_normal_(_param(300, 200), mean, std, a, b).detach().numpy().astype(np.float64)
    assert x.min() >= a and x.max() <= b
    ref = tinit.trunc_normal_(torch.empty(300, 200, dtype=torch.float64), mean, std, a, b).numpy()
    assert abs(x.mean() - ref.mean()) < 0.02 * (b - a) + 1e-3
    assert abs(x.std() - ref.std()) < 0.03 * ref.std() + 1e-4


@pytest.mark.parametrize("gain", [1.0, 2.0])
def test_xavier(gain):
    p = _param(300, 200)
    bound = gain * math.sqrt(6.0 / 500)
    x = init.xavier_uniform_(p, gain=gain).detach().numpy()
    assert np.abs(x).max() <= bound and np.abs(x).max() > 0.97 * bound
    assert abs(x.std() - bound / math.sqrt(3)) < 0.02 * bound
    x = init.xavier_normal_(p, gain=gain).detach().numpy()
    assert abs(x.std() - gain * math.sqrt(2.0 / 500)) < 0.02 * gain * math.sqrt(2.0 / 500)


@pytest.mark.parametrize("a,mode,nonlinearity", [(0, "fan_in", "leaky_relu"), (math.sqrt(5), "fan_in", "leaky_relu"),
                                                 (0, "fan_out", "relu"), (0.1, "fan_in", "tanh")])
def test_kaiming(a, mode, nonlinearity):
    p = _param(256, 64, 3, 3)
    fan = 64 * 9 if mode == "fan_in" else 256 * 9
    std = tinit.calculate_gain(nonlinearity, a) / math.sqrt(fan)
    x = init.kaiming_uniform_(p, a=a, mode=mode, nonlinearity=nonlinearity).detach().numpy()
    assert np.abs(x).max() <= math.sqrt(3) * std and abs(x.std() - std) < 0.02 * std
    x = init.kaiming_normal_(p, a=a, mode=mode, nonlinearity=nonlinearity).detach().numpy()
    assert abs(x.std() - std) < 0.02 * std and abs(x.mean()) < 0.02 * std
    with pytest.raises(ValueError, match="Mode fan_avg not supported"):
        init.kaiming_uniform_(p, mode="fan_avg")
    with pytest.warns(UserWarning, match="Initializing zero-element tensors is a no-op"):
        init.kaiming_uniform_(_param(0, 3))


@pytest.mark.parametrize("shape", [(5, 8), (8, 5), (4, 3, 2, 2), (6, 6)])
def test_orthogonal(shape):
    p = _param(*shape, dtype=autograd.float64)
    x = init.orthogonal_(p, gain=2.0).detach().numpy().reshape(shape[0], -1)
    small = min(x.shape)
    prod = x @ x.T if x.shape[0] == small else x.T @ x
    assert np.allclose(prod, 4.0 * np.eye(small), atol=1e-10)
    with pytest.raises(ValueError, match="Only tensors with 2 or more dimensions"):
        init.orthogonal_(_param(3))


def test_dirac_eye_sparse():
    for shape, groups in [((4, 4, 3), 1), ((6, 3, 3, 3), 2), ((2, 2, 3, 3, 3), 1)]:
        o = init.dirac_(_param(*shape), groups).detach().numpy()
        t = tinit.dirac_(torch.empty(*shape), groups).numpy()
        assert np.array_equal(o, t)
    with pytest.raises(ValueError, match="Only tensors with 3, 4, or 5 dimensions"):
        init.dirac_(_param(3, 3))
    with pytest.raises(ValueError, match="Only tensors with 2 dimensions"):
        init.eye_(_param(3, 3, 3))
    x = init.sparse_(_param(10, 6), sparsity=0.3).detach().numpy()
    assert ((x == 0).sum(0) >= 3).all()


def test_deprecated_aliases_and_generator():
    with pytest.warns(FutureWarning, match="nn.init.normal` is now deprecated"):
        init.normal(_param(2, 2))
    g1, g2 = autograd.Generator().manual_seed(3), autograd.Generator().manual_seed(3)
    a = init.uniform_(_param(4, 4), generator=g1).detach().numpy()
    b = init.uniform_(_param(4, 4), generator=g2).detach().numpy()
    assert np.array_equal(a, b)
    autograd.manual_seed(7)
    c = nn.Linear(5, 5).weight.detach().numpy()
    autograd.manual_seed(7)
    assert np.array_equal(c, nn.Linear(5, 5).weight.detach().numpy())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        init.xavier_uniform_(_param(3, 3))
