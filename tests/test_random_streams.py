"""After the same ``manual_seed`` the library draws PyTorch's numbers: the generator is torch's Mersenne
Twister and each sampler transforms its draws as ATen's CPU kernels do."""
import numpy as np
import pytest

import autograd
import nn
import nn.functional as F
from autograd.data import DataLoader, TensorDataset, WeightedRandomSampler, random_split
from tests.oracle import torch


def _same(ours, theirs, exact=False):
    a = np.asarray(ours.detach().numpy() if hasattr(ours, "detach") else ours)
    b = np.asarray(theirs.detach().numpy() if hasattr(theirs, "detach") else theirs)
    assert a.shape == b.shape and a.dtype == b.dtype
    if exact:
        np.testing.assert_array_equal(a, b)
    else:
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("seed", [0, 1, 12345, 2 ** 40 + 7, -3])
def test_basic_samplers_match_torch(seed):
    draws = []
    for lib in (autograd, torch):
        lib.manual_seed(seed)
        draws.append([lib.rand(5), lib.rand(3, dtype=lib.float64), lib.randn(3), lib.randn(2),  # serial + cached sin
                      lib.randn(37), lib.randn(40, dtype=lib.float64), lib.randint(0, 10, (7,)),
                      lib.randint(-3, 2 ** 40, (3,)), lib.randperm(17), lib.empty(6).uniform_(-0.7, 0.3),
                      lib.empty(5).exponential_(2.0), lib.empty(12).bernoulli_(0.3),
                      lib.bernoulli(lib.full((9,), 0.4)), lib.empty((), dtype=lib.int64).random_(),
                      lib.empty(4, dtype=lib.int32).random_(3, 9), lib.normal(lib.zeros(3), lib.ones(3)),
                      lib.multinomial(lib.tensor([0.1, 0.2, 0.7]), 6, True),
                      lib.multinomial(lib.tensor([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]]), 3),
                      lib.empty(4, 5).t().normal_()])
    for i, (a, b) in enumerate(zip(*draws)):
        exact = i not in (2, 3, 4, 5, 10, 15, 18)  # normals and exponentials: to float rounding
        _same(a, b, exact)


def test_models_data_order_and_dropout_match_torch():
    def run(lib, nnmod, fn, loader, split, weighted):
        lib.manual_seed(0)
        model = nnmod.Sequential(nnmod.Conv2d(1, 2, 3), nnmod.Flatten(), nnmod.Linear(8, 4), nnmod.Dropout(0.3),
                                 nnmod.LSTM(4, 3), )
        emb = nnmod.Embedding(6, 3)
        mha = nnmod.MultiheadAttention(4, 2)
        w = lib.empty(4, 6)
        nnmod.init.trunc_normal_(w, std=0.02)
        w2 = lib.empty(3, 5)
        nnmod.init.trunc_normal_(w2, a=0.5, b=0.6)  # the narrow-window (uniform proposal) branch
        o = lib.empty(3, 5)
        nnmod.init.orthogonal_(o)
        ds = TensorDataset(lib.arange(10.0)) if lib is autograd else torch.utils.data.TensorDataset(lib.arange(10.0))
        order = [b[0].tolist() for b in loader(ds, batch_size=4, shuffle=True)]
        parts = [list(s.indices) for s in split(ds, [3, 7])]
        sampled = list(weighted([0.1, 0.5, 0.4], 6))
        dropped = fn.dropout(lib.ones(64), 0.5)
        params = [p for p in model.parameters()] + [emb.weight, mha.in_proj_weight, w, w2, o, dropped]
        return params, order, parts, sampled
    ours = run(autograd, nn, F, DataLoader, random_split, WeightedRandomSampler)
    theirs = run(torch, torch.nn, torch.nn.functional, torch.utils.data.DataLoader, torch.utils.data.random_split,
                 torch.utils.data.WeightedRandomSampler)
    for a, b in zip(ours[0], theirs[0]):
        _same(a, b)
    assert ours[1:] == theirs[1:]


def test_generators_are_independent_and_state_round_trips():
    g = autograd.Generator().manual_seed(42)
    t = torch.Generator().manual_seed(42)
    _same(autograd.randn(3, generator=g), torch.randn(3, generator=t))
    state = autograd.get_rng_state()
    assert state.shape == torch.get_rng_state().shape
    autograd.randn(1)  # leaves a cached Box-Muller value behind
    mid = autograd.get_rng_state()
    a = autograd.randn(5)
    autograd.set_rng_state(mid)
    assert autograd.equal(a, autograd.randn(5))
    autograd.set_rng_state(state)
    with pytest.raises(RuntimeError):
        autograd.set_rng_state(autograd.zeros(10, dtype=autograd.uint8))


def test_multinomial_errors_match_torch():
    cases = [(lambda L: L.tensor([0.2, 0.8]), 3), (lambda L: L.tensor([-0.2, 0.8]), 1),
             (lambda L: L.tensor([0.0, 0.0]), 1), (lambda L: L.ones(2, 2, 2), 1),
             (lambda L: L.tensor([1, 2]), 1), (lambda L: L.tensor([0.5, 0.5]), 0)]
    for make, n in cases:
        msgs = []
        for lib in (autograd, torch):
            with pytest.raises(RuntimeError) as info:
                lib.multinomial(make(lib), n)
            msgs.append(str(info.value))
        assert msgs[0] == msgs[1]


def _draws_python_then_jitted(monkeypatch, draw):
    """``draw()`` after the same seed down the Python-speed path, then the jitted one."""
    import sys

    import autograd.random as R
    out = []
    for jitted in (False, True):
        with monkeypatch.context() as m:
            m.setattr(R, "_jitted", lambda n, cost: jitted)
            if not jitted:
                m.delitem(sys.modules, "numba", raising=False)
            out.append(draw())
    return out


def test_randperm_jitted_swaps_equal_the_python_loop_and_torch(monkeypatch):
    def draw():
        autograd.manual_seed(7)
        return autograd.randperm(5000).numpy()
    python_loop, jitted = _draws_python_then_jitted(monkeypatch, draw)
    torch.manual_seed(7)
    np.testing.assert_array_equal(python_loop, torch.randperm(5000).numpy())
    np.testing.assert_array_equal(jitted, python_loop)
    assert autograd.randperm(1).tolist() == [0] and autograd.randperm(0).shape == (0,)


@pytest.mark.parametrize("n", [3, 700])
def test_rejection_samplers_jitted_equal_python_and_torch(monkeypatch, n):
    """Gamma/Poisson/binomial (all branches, a cached normal before and a draw after): torch's numbers on both
    paths, including a buffer of uniforms that runs out mid-sample."""
    def draw(lib):
        lib.manual_seed(5)
        first = lib.randn(3)  # leaves a cached Box-Muller value that gamma's first normal uses
        g = lib.distributions.Gamma(lib.tensor([0.3, 2.0, 1e-4, 7.5] * n), 1.0).sample()
        p = lib.poisson(lib.tensor([0.0, 3.5, 12.0, 100.0] * n))
        slow = lib.poisson(lib.full((n,), 9.5))  # ~10 uniforms a sample: the buffer runs out mid-sample
        b = lib.binomial(lib.tensor([10.0, 50.0, 0.0, 200.0] * n), lib.tensor([0.3, 0.9, 0.5, 0.45] * n))
        g64 = lib.distributions.Gamma(lib.tensor([1.5] * 5, dtype=lib.float64), 1.0).sample()
        return [x.numpy() for x in (first, g, p, slow, b, g64, lib.rand(4))]
    python_loop, jitted = _draws_python_then_jitted(monkeypatch, lambda: draw(autograd))
    for ours, theirs, fast in zip(python_loop, draw(torch), jitted):
        np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-6)
        np.testing.assert_array_equal(fast, ours)
