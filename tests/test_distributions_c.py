"""VonMises, Kumaraswamy, relaxed distributions, LKJCholesky, Wishart, constraint registry and every registered KL
pair, held against PyTorch (values in float64; samples by support and rough statistics)."""
import math
import warnings

import numpy as np
import pytest

from tests.oracle import assert_close, torch

import autograd
import autograd.distributions as D
import torch.distributions as TD

RNG = np.random.default_rng(0)


def _pos(*shape):
    return RNG.uniform(0.5, 3.0, shape)


def _probs(*shape):
    return RNG.uniform(0.1, 0.9, shape)


def _simplex(*shape):
    p = RNG.uniform(0.1, 1.0, shape)
    return p / p.sum(-1, keepdims=True)


def _builders():
    """name -> numpy parameters -> (args, kwargs) for one distribution with batch shape (3,)."""
    cov = np.eye(2) + 0.3
    return {
        "Bernoulli": lambda: ((), {"probs": _probs(3)}),
        "Beta": lambda: ((_pos(3), _pos(3)), {}),
        "Binomial": lambda: ((), {"total_count": 10.0, "probs": _probs(3)}),
        "Categorical": lambda: ((), {"probs": _simplex(3, 4)}),
        "Cauchy": lambda: ((RNG.normal(size=3), _pos(3)), {}),
        "ContinuousBernoulli": lambda: ((), {"probs": _probs(3)}),
        "Dirichlet": lambda: ((_pos(3, 4),), {}),
        "Exponential": lambda: ((_pos(3),), {}),
        "Gamma": lambda: ((_pos(3), _pos(3)), {}),
        "Geometric": lambda: ((), {"probs": _probs(3)}),
        "Gumbel": lambda: ((RNG.normal(size=3), _pos(3)), {}),
        "HalfNormal": lambda: ((_pos(3),), {}),
        "Laplace": lambda: ((RNG.normal(size=3), _pos(3)), {}),
        "LowRankMultivariateNormal": lambda: ((RNG.normal(size=(3, 2)), RNG.normal(size=(3, 2, 1)), _pos(3, 2)), {}),
        "MultivariateNormal": lambda: ((RNG.normal(size=(3, 2)),), {"covariance_matrix": cov * _pos(3, 1, 1)}),
        "Normal": lambda: ((RNG.normal(size=3), _pos(3)), {}),
        "OneHotCategorical": lambda: ((), {"probs": _simplex(3, 4)}),
        "Pareto": lambda: ((_pos(3), _pos(3) + 1.0), {}),
        "Poisson": lambda: ((_pos(3),), {}),
        "Uniform": lambda: ((RNG.uniform(-1, 0.2, 3), RNG.uniform(0.5, 2, 3)), {}),
    }


def _make(name, args, kwargs):
    conv = (lambda v: torch.tensor(v) if isinstance(v, np.ndarray) else v,
            lambda v: autograd.tensor(v) if isinstance(v, np.ndarray) else v)
    theirs = getattr(TD, name)(*map(conv[0], args), **{k: conv[0](v) for k, v in kwargs.items()})
    ours = getattr(D, name)(*map(conv[1], args), **{k: conv[1](v) for k, v in kwargs.items()})
    return ours, theirs


def _registered_pairs():
    builders = _builders()
    return sorted({(p.__name__, q.__name__) for p, q in TD.kl._KL_REGISTRY
                   if p.__name__ in builders and q.__name__ in builders})


@pytest.mark.parametrize("pair", _registered_pairs(), ids="-".join)
def test_kl_registered_pairs_match_torch(pair):
    builders = _builders()
    p_ours, p_theirs = _make(pair[0], *builders[pair[0]]())
    q_ours, q_theirs = _make(pair[1], *builders[pair[1]]())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = TD.kl_divergence(p_theirs, q_theirs)
        got = D.kl_divergence(p_ours, q_ours)
    assert_close(got, expected, rtol=1e-6, atol=1e-8)


def test_every_torch_kl_registration_exists():
    ours = {(p.__name__, q.__name__) for p, q in D.kl._KL_REGISTRY}
    theirs = {(p.__name__, q.__name__) for p, q in TD.kl._KL_REGISTRY if hasattr(D, p.__name__)
              and hasattr(D, q.__name__)}
    assert theirs <= ours


def test_von_mises_log_prob_variance_and_grads():
    loc = np.array([0.0, 1.0, -2.0, 3.0])
    kappa = np.array([1e-3, 2.0, 3.75, 50.0])
    x = np.array([0.3, 1.5, 2.0, -3.0])
    ours = D.VonMises(autograd.tensor(loc, requires_grad=True), autograd.tensor(kappa, requires_grad=True))
    theirs = TD.VonMises(torch.tensor(loc, requires_grad=True), torch.tensor(kappa, requires_grad=True))
    a, b = ours.log_prob(autograd.tensor(x)), theirs.log_prob(torch.tensor(x))
    assert_close(a, b, rtol=1e-10, atol=1e-12)
    assert_close(ours.variance, theirs.variance, rtol=1e-10, atol=1e-12)
    (a.sum() + ours.variance.sum()).backward()
    (b.sum() + theirs.variance.sum()).backward()
    assert_close(ours.concentration.grad, theirs.concentration.grad, rtol=1e-9, atol=1e-12)
    assert_close(ours.loc.grad, theirs.loc.grad, rtol=1e-9, atol=1e-12)


def test_von_mises_samples_circular_mean():
    autograd.manual_seed(0)
    d = D.VonMises(autograd.tensor([1.0, -2.5]), autograd.tensor([4.0, 1e-6]))
    s = d.sample((4000,))
    assert s.dtype == autograd.float32 and tuple(s.shape) == (4000, 2)
    assert bool((s.abs() <= math.pi).all())
    angle = math.atan2(s[:, 0].sin().mean().item(), s[:, 0].cos().mean().item())
    assert abs(angle - 1.0) < 0.05
    resultant = math.hypot(s[:, 0].sin().mean().item(), s[:, 0].cos().mean().item())
    assert abs(resultant - (1 - d.variance[0].item())) < 0.03  # mean resultant length I1/I0
    assert s[:, 1].cos().mean().abs().item() < 0.06  # near-uniform for tiny concentration


@pytest.mark.parametrize("name", ["Kumaraswamy", "LKJCholesky", "Wishart", "RelaxedBernoulli",
                                  "RelaxedOneHotCategorical"])
def test_sample_support_and_shapes(name):
    autograd.manual_seed(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        d = {"Kumaraswamy": lambda: D.Kumaraswamy(autograd.tensor([0.5, 2.0]), autograd.tensor([3.0, 0.7])),
             "LKJCholesky": lambda: D.LKJCholesky(3, autograd.tensor([0.5, 4.0])),
             "Wishart": lambda: D.Wishart(autograd.tensor([2.5, 7.0]), covariance_matrix=autograd.eye(2) + 0.2),
             "RelaxedBernoulli": lambda: D.RelaxedBernoulli(autograd.tensor(0.3), probs=autograd.tensor([0.2, 0.9])),
             "RelaxedOneHotCategorical": lambda: D.RelaxedOneHotCategorical(
                 autograd.tensor(0.5), probs=autograd.tensor([[0.2, 0.8], [0.5, 0.5]]))}[name]()
        s = d.sample((50,))
    assert tuple(s.shape) == (50,) + tuple(d.batch_shape) + tuple(d.event_shape)
    assert bool(d.support.check(s).all())


def test_kumaraswamy_sample_mean():
    autograd.manual_seed(0)
    d = D.Kumaraswamy(autograd.tensor(2.0), autograd.tensor(3.0))
    assert abs(d.sample((20000,)).mean().item() - d.mean.item()) < 0.01


def test_wishart_sample_mean():
    autograd.manual_seed(0)
    cov = autograd.tensor([[1.0, 0.3], [0.3, 0.5]], dtype=autograd.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = D.Wishart(5.0, covariance_matrix=cov).sample((20000,))
    assert_close(s.mean(0), 5.0 * cov, rtol=0.05, atol=0.05)


def test_wishart_values_all_parametrizations():
    a = np.array([[2.0, 0.3], [0.3, 1.0]])
    x = np.array([[3.0, 0.5], [0.5, 2.0]])
    for key, value in (("covariance_matrix", a), ("precision_matrix", np.linalg.inv(a)),
                       ("scale_tril", np.linalg.cholesky(a))):
        ours = D.Wishart(autograd.tensor([3.0, 5.5], dtype=autograd.float64), **{key: autograd.tensor(value)})
        theirs = TD.Wishart(torch.tensor([3.0, 5.5], dtype=torch.float64), **{key: torch.tensor(value)})
        assert_close(ours.log_prob(autograd.tensor(x)), theirs.log_prob(torch.tensor(x)), rtol=1e-10, atol=1e-12)
        for attr in ("entropy", "mean", "variance", "precision_matrix", "covariance_matrix", "scale_tril"):
            got, expected = getattr(ours, attr), getattr(theirs, attr)
            if callable(got):
                got, expected = got(), expected()
            assert_close(got, expected, rtol=1e-10, atol=1e-12)


def test_relaxed_rsample_is_differentiable():
    autograd.manual_seed(0)
    logits = autograd.zeros(2, 3, requires_grad=True)
    y = D.RelaxedOneHotCategorical(autograd.tensor(0.5), logits=logits).rsample((4,))
    (y[..., 0]).sum().backward()
    assert logits.grad is not None and bool((logits.grad[:, 0] > 0).all())


def test_corr_cholesky_transform_roundtrip_and_jacobian():
    x = RNG.normal(size=(2, 6))
    ours, theirs = D.CorrCholeskyTransform(), TD.CorrCholeskyTransform()
    y_o, y_t = ours(autograd.tensor(x)), theirs(torch.tensor(x))
    assert_close(y_o, y_t, rtol=1e-12, atol=1e-12)
    assert_close(ours.inv(y_o), autograd.tensor(x), rtol=1e-8, atol=1e-10)
    assert_close(ours.log_abs_det_jacobian(autograd.tensor(x), y_o), theirs.log_abs_det_jacobian(torch.tensor(x), y_t),
                 rtol=1e-10, atol=1e-12)
    assert bool(D.constraints.corr_cholesky.check(y_o).all())


@pytest.mark.parametrize("cname", ["real", "positive", "nonnegative", "unit_interval", "simplex", "corr_cholesky",
                                   "real_vector", "lower_cholesky", "positive_definite"])
def test_transform_to_and_biject_to_types(cname):
    for reg in ("biject_to", "transform_to"):
        try:
            expected = type(getattr(TD, reg)(getattr(TD.constraints, cname))).__name__
        except NotImplementedError:
            with pytest.raises(NotImplementedError):
                getattr(D, reg)(getattr(D.constraints, cname))
            continue
        assert type(getattr(D, reg)(getattr(D.constraints, cname))).__name__ == expected


_VALUE_CASES = {
    "InverseGamma": (lambda m: m.InverseGamma(m.tensor([0.5, 3.0]), m.tensor([2.0, 0.5])), [0.3, 4.0]),
    "FisherSnedecor": (lambda m: m.FisherSnedecor(m.tensor([3.0, 10.0]), m.tensor([5.0, 12.0])), [0.5, 2.5]),
    "NegativeBinomial": (lambda m: m.NegativeBinomial(m.tensor([4.0, 10.5]), logits=m.tensor([-0.3, 1.2])),
                         [3.0, 0.0]),
    "Multinomial": (lambda m: m.Multinomial(6, probs=m.tensor([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]])),
                    [[1.0, 2.0, 3.0], [6.0, 0.0, 0.0]]),
    "LogisticNormal": (lambda m: m.LogisticNormal(m.tensor([0.2, -0.5]), m.tensor([1.0, 0.5])), [0.3, 0.2, 0.5]),
    "Kumaraswamy": (lambda m: m.Kumaraswamy(m.tensor([0.5, 5.0]), m.tensor([1.5, 0.8])), [0.1, 0.95]),
    "LKJCholesky": (lambda m: m.LKJCholesky(2, m.tensor([0.5, 3.0])), [[1.0, 0.0], [0.6, 0.8]]),
}


class _Mod:
    """``m.Name`` -> the distribution class; ``m.tensor`` -> a float64 tensor (ours or torch's)."""

    def __init__(self, dists, lib):
        self.dists, self.lib = dists, lib

    def tensor(self, v):
        return self.lib.tensor(v, dtype=self.lib.float64)

    def __getattr__(self, name):
        return getattr(self.dists, name)


@pytest.mark.parametrize("name", sorted(_VALUE_CASES))
def test_values_match_torch(name):
    build, value = _VALUE_CASES[name]
    ours, theirs = build(_Mod(D, autograd)), build(_Mod(TD, torch))
    assert ours.batch_shape == theirs.batch_shape and ours.event_shape == theirs.event_shape
    assert_close(ours.log_prob(autograd.tensor(value, dtype=autograd.float64)),
                 theirs.log_prob(torch.tensor(value, dtype=torch.float64)), rtol=1e-10, atol=1e-12)
    for attr in ("mean", "variance", "entropy"):
        try:
            expected = getattr(theirs, attr)
            expected = expected() if callable(expected) else expected
        except NotImplementedError:
            continue
        got = getattr(ours, attr)
        assert_close(got() if callable(got) else got, expected, rtol=1e-10, atol=1e-12)
    expanded = ours.expand((4,) + tuple(ours.batch_shape))
    assert tuple(expanded.sample().shape) == (4,) + tuple(ours.batch_shape) + tuple(ours.event_shape)
