"""Seeded streams beyond the basics (tests/test_random_streams.py): float16 fills, the 2**28 randint switch,
memory-order fills of strided tensors, the remaining in-place samplers, single-sample multinomial, and torch's
gamma / Poisson / binomial rejection samplers."""
import numpy as np
import pytest

import autograd
import nn.functional as F
from autograd import distributions as D
from tests.oracle import torch


def _both(fn, seed=0):
    out = []
    for lib in (autograd, torch):
        lib.manual_seed(seed)
        out.append([np.asarray(t.detach().numpy()) for t in fn(lib)])
    return out


def _check(fn, seed=0, rtol=1e-6, atol=1e-6):
    ours, theirs = _both(fn, seed)
    for a, b in zip(ours, theirs):
        assert a.shape == b.shape and a.dtype == b.dtype
        np.testing.assert_allclose(a, b, rtol=rtol, atol=atol)


@pytest.mark.parametrize("seed", [0, 7])
def test_float16_fills(seed):
    _check(lambda lib: [lib.rand(7, dtype=lib.float16), lib.randn(18, dtype=lib.float16),
                        lib.randn(33, dtype=lib.float16), lib.empty(6, dtype=lib.float16).uniform_(-3, 3),
                        lib.rand(2)], seed, rtol=1e-3, atol=1e-3)


def test_randint_switches_to_64_bit_draws_at_2_pow_28():
    _check(lambda lib: [lib.randint(0, 2 ** 28 - 1, (3,)), lib.randint(0, 2 ** 28, (3,)),
                        lib.randint(-2 ** 30, 2 ** 30, (3,)), lib.empty(3, dtype=lib.int64).random_(0, 2 ** 29)])


def test_strided_tensors_fill_in_memory_order():
    _check(lambda lib: [lib.zeros(3, 4).t().uniform_(), lib.zeros(2, 5, dtype=lib.int64).t().random_(0, 100),
                        lib.zeros(4, 3).t().bernoulli_(0.5), lib.zeros(3, 2).t().exponential_(),
                        lib.zeros(2, 3, 4).permute(2, 0, 1).cauchy_(), lib.rand_like(lib.zeros(3, 2).t()),
                        lib.randn_like(lib.zeros(4, 2).t()), lib.randint_like(lib.zeros(3, 2).t(), 10),
                        lib.bernoulli(lib.full((3, 2), 0.5).t()), lib.zeros(2, 3).t().bernoulli_(lib.rand(3, 2)),
                        (F if lib is autograd else torch.nn.functional).dropout(lib.ones(4, 3).t(), 0.5)])


def test_geometric_cauchy_log_normal():
    _check(lambda lib: [lib.empty(6).geometric_(0.3), lib.empty(4, dtype=lib.int64).geometric_(0.5),
                        lib.empty(5).cauchy_(1.0, 2.0), lib.empty(3).log_normal_(), lib.empty(4).log_normal_(1.0, 0.5),
                        lib.randn(1)])


@pytest.mark.parametrize("call", [lambda lib: lib.empty(3).geometric_(1.0), lambda lib: lib.empty(3).log_normal_(0, 0),
                                  lambda lib: lib.empty(3).cauchy_(sigma=-1), lambda lib: lib.empty(3).exponential_(-1),
                                  lambda lib: lib.empty(3, dtype=lib.int64).exponential_(),
                                  lambda lib: lib.empty(3).bernoulli_(1.5),
                                  lambda lib: lib.bernoulli(lib.tensor([1.5]))])
def test_sampler_argument_errors(call):
    with pytest.raises(RuntimeError) as theirs:
        call(torch)
    with pytest.raises(RuntimeError) as ours:
        call(autograd)
    assert str(ours.value) == str(theirs.value)


def test_multinomial_one_sample_with_replacement_races():
    _check(lambda lib: [lib.multinomial(lib.tensor([[1.0, 2.0, 3.0, 4.0], [4.0, 3.0, 2.0, 1.0]]), 1, True),
                        D.Categorical(logits=lib.zeros(3, 5)).sample() if lib is autograd else
                        torch.distributions.Categorical(logits=torch.zeros(3, 5)).sample()])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_gamma_poisson_binomial_match_torch(dtype):
    def draw(lib):
        d = getattr(lib, dtype)
        dist = D if lib is autograd else torch.distributions
        alpha = lib.tensor([1e-3, 0.1, 0.5, 1.0, 2.5, 30.0] * 4, dtype=d)
        return [dist.Gamma(alpha, lib.ones_like(alpha)).sample(), dist.Dirichlet(lib.tensor([0.3, 2.0], dtype=d)).sample((3,)),
                lib.poisson(lib.tensor([0.0, 0.5, 4.0, 10.0, 300.0] * 4, dtype=d)),
                lib.binomial(lib.tensor([0.0, 5.0, 50.0, 1000.0, 7.0, 30.0] * 3, dtype=d),
                             lib.tensor([0.3, 0.5, 0.2, 0.51, 1.0, 0.9] * 3, dtype=d)),
                lib.rand(3)]
    _check(draw, 3, rtol=1e-5, atol=1e-30)
