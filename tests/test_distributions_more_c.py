"""Cauchy, HalfNormal, HalfCauchy, Gumbel, Pareto, Weibull, MixtureSameFamily, ContinuousBernoulli against
torch.distributions: float64 values and log_prob gradients, sample shapes, expand, reprs and validation errors."""
import numpy as np
import pytest

from oracle import assert_close, to_torch, torch

import autograd
import autograd.distributions as ad
import torch.distributions as td

RNG = np.random.default_rng(7)


def _arr(shape, low, high):
    return RNG.uniform(low, high, shape)


# name -> (class, params factory, value factory (sample shape (5,) + batch), methods beyond log_prob)
CASES = {
    "cauchy": ("Cauchy", lambda: {"loc": _arr((3, 1), -1, 1), "scale": _arr((4,), 0.5, 2)},
               lambda s: _arr(s, -4, 4), ("cdf", "icdf", "entropy", "mode")),
    "cauchy_scalars": ("Cauchy", lambda: {"loc": 0.3, "scale": 1.5}, lambda s: _arr(s, -4, 4), ("cdf", "entropy")),
    "half_normal": ("HalfNormal", lambda: {"scale": _arr((3, 4), 0.5, 2)}, lambda s: _arr(s, 0.01, 4),
                    ("cdf", "icdf", "entropy", "mean", "variance", "stddev", "mode")),
    "half_cauchy": ("HalfCauchy", lambda: {"scale": _arr((4,), 0.5, 2)}, lambda s: _arr(s, 0.01, 4),
                    ("cdf", "icdf", "entropy", "mean", "variance", "mode")),
    "gumbel": ("Gumbel", lambda: {"loc": _arr((3, 1), -1, 1), "scale": _arr((4,), 0.5, 2)},
               lambda s: _arr(s, -3, 3), ("cdf", "icdf", "entropy", "mean", "variance", "stddev", "mode")),
    "gumbel_scalars": ("Gumbel", lambda: {"loc": 0.2, "scale": 1.3}, lambda s: _arr(s, -3, 3), ("cdf", "entropy")),
    "pareto": ("Pareto", lambda: {"scale": _arr((3, 4), 0.2, 1), "alpha": _arr((4,), 0.5, 4)},
               lambda s: _arr(s, 1.0, 5), ("cdf", "icdf", "entropy", "mean", "variance", "mode")),
    "weibull": ("Weibull", lambda: {"scale": _arr((3, 4), 0.5, 2), "concentration": _arr((4,), 1.2, 3)},
                lambda s: _arr(s, 0.05, 4), ("cdf", "icdf", "entropy", "mean", "variance", "mode")),
    "cb_probs": ("ContinuousBernoulli", lambda: {"probs": np.array([[0.1, 0.4995, 0.5003, 0.9], [0.3, 0.6, 0.02, 0.7]])},
                 lambda s: _arr(s, 0.01, 0.99), ("cdf", "icdf", "entropy", "mean", "variance", "stddev")),
    "cb_logits": ("ContinuousBernoulli", lambda: {"logits": _arr((3, 4), -3, 3)},
                  lambda s: _arr(s, 0.01, 0.99), ("cdf", "icdf", "entropy", "mean", "variance")),
}


def build(case):
    cls, make, value, methods = CASES[case]
    ours_p, theirs_p = {}, {}
    for k, v in make().items():
        if isinstance(v, np.ndarray):
            ours_p[k] = autograd.tensor(v, dtype=autograd.float64, requires_grad=True)
            theirs_p[k] = to_torch(ours_p[k])
        else:
            ours_p[k] = theirs_p[k] = v
    return getattr(ad, cls)(**ours_p), getattr(td, cls)(**theirs_p), ours_p, theirs_p, value, methods


@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning")  # Pareto mean/variance: inf, as torch
@pytest.mark.parametrize("case", sorted(CASES))
def test_values_and_gradients(case):
    ours, theirs, op, tp, value, methods = build(case)
    assert ours.batch_shape == tuple(theirs.batch_shape) and ours.event_shape == tuple(theirs.event_shape)
    v = value((5,) + tuple(theirs.batch_shape))
    ov, tv = autograd.tensor(v, dtype=autograd.float64), torch.tensor(v, dtype=torch.float64)
    names = [k for k in op if isinstance(op[k], autograd.Tensor)]
    tol = dict(rtol=1e-8, atol=1e-10) if names else dict(rtol=1e-6, atol=1e-6)  # python-number params: float32
    lp, tlp = ours.log_prob(ov), theirs.log_prob(tv)
    assert_close(lp, tlp, **tol)
    if names:
        grads = autograd.grad(lp.sum(), [op[k] for k in names])
        tgrads = torch.autograd.grad(tlp.sum(), [tp[k] for k in names])
        for g, tg in zip(grads, tgrads):
            assert_close(g, tg, rtol=1e-8, atol=1e-10)
    for m in methods:
        if m in ("cdf",):
            o, t = ours.cdf(ov), theirs.cdf(tv)
        elif m == "icdf":
            q = _arr((5,) + tuple(theirs.batch_shape), 0.05, 0.95)
            o, t = ours.icdf(autograd.tensor(q, dtype=autograd.float64)), theirs.icdf(torch.tensor(q))
        elif m == "entropy":
            o, t = ours.entropy(), theirs.entropy()
        else:
            o, t = getattr(ours, m), getattr(theirs, m)
        assert_close(o, t, **tol)


def test_cauchy_mean_variance_are_nan_inf():
    d = ad.Cauchy(autograd.zeros(2, 3), 1.0)
    assert d.mean.shape == (2, 3) and np.isnan(d.mean.numpy()).all()
    assert np.isinf(d.variance.numpy()).all() and d.variance.dtype == autograd.float32


@pytest.mark.parametrize("case", sorted(CASES))
def test_sample_shapes_and_expand(case):
    ours, theirs = build(case)[:2]
    shape = (2,) + tuple(theirs.batch_shape)
    assert ours.sample((2,)).shape == shape and not ours.sample((2,)).requires_grad
    assert ours.has_rsample == theirs.has_rsample
    if ours.has_rsample:
        assert ours.rsample((2,)).shape == shape
    e, te = ours.expand((6,) + tuple(ours.batch_shape)), theirs.expand((6,) + tuple(theirs.batch_shape))
    assert type(e) is type(ours) and e.batch_shape == tuple(te.batch_shape)
    assert e.sample().shape == tuple(te.sample().shape)
    v = build(case)[4]((6,) + tuple(theirs.batch_shape))
    assert_close(e.log_prob(autograd.tensor(v)), te.log_prob(torch.tensor(v)), rtol=1e-6, atol=1e-6)


def test_samples_in_support():
    autograd.manual_seed(0)
    assert (ad.HalfCauchy(2.0).sample((1000,)).numpy() >= 0).all()
    assert (ad.Pareto(1.5, 3.0).sample((1000,)).numpy() >= 1.5).all()
    x = ad.ContinuousBernoulli(probs=0.2).sample((1000,)).numpy()
    assert ((x >= 0) & (x <= 1)).all() and abs(x.mean() - td.ContinuousBernoulli(probs=0.2).mean.item()) < 0.05
    g = ad.Gumbel(1.0, 2.0).sample((20000,)).numpy()
    assert abs(g.mean() - (1.0 + 2.0 * 0.5772156649)) < 0.1


@pytest.mark.parametrize("case", sorted(CASES))
def test_support_and_constraint_reprs(case):
    ours, theirs = build(case)[:2]
    assert repr(ours.support) == repr(theirs.support).replace("torch.", "autograd.")
    assert {k: repr(c) for k, c in type(ours).arg_constraints.items()} == \
        {k: repr(c) for k, c in type(theirs).arg_constraints.items()}


@pytest.mark.parametrize("cls,args", [("Cauchy", (0.0, -1.0)), ("HalfNormal", (-1.0,)), ("HalfCauchy", (0.0,)),
                                      ("Gumbel", (0.0, 0.0)), ("Pareto", (1.0, -2.0)), ("Weibull", (-1.0, 1.0)),
                                      ("ContinuousBernoulli", (1.5,))])
def test_invalid_parameters(cls, args):
    with pytest.raises(ValueError) as theirs:
        getattr(td, cls)(*[torch.tensor(a) for a in args], validate_args=True)
    with pytest.raises(ValueError) as ours:
        getattr(ad, cls)(*[autograd.tensor(a) for a in args], validate_args=True)
    assert str(ours.value).split(" of distribution")[0] == str(theirs.value).split(" of distribution")[0]


@pytest.mark.parametrize("cls,args,value", [("HalfNormal", (1.0,), -1.0), ("Pareto", (1.0, 2.0), 0.5),
                                            ("Weibull", (1.0, 2.0), -0.5), ("ContinuousBernoulli", (0.3,), 1.5)])
def test_invalid_values(cls, args, value):
    with pytest.raises(ValueError, match="to be within the support"):
        getattr(ad, cls)(*[autograd.tensor(a) for a in args], validate_args=True).log_prob(autograd.tensor(value))


def test_continuous_bernoulli_errors():
    with pytest.raises(ValueError, match="Either `probs` or `logits` must be specified, but not both."):
        ad.ContinuousBernoulli()
    with pytest.raises(ValueError, match="Either `probs` or `logits`"):
        ad.ContinuousBernoulli(probs=0.3, logits=0.1)


def _mixtures(lib, t):
    logits = t(np.array([[0.2, -0.3, 1.0], [0.5, 0.1, -1.0]]))
    loc, scale = t(_arr((2, 3), -2, 2)), t(_arr((2, 3), 0.5, 1.5))
    loc2, scale2 = t(_arr((3, 2), -2, 2)), t(_arr((3, 2), 0.5, 1.5))
    return (lib.MixtureSameFamily(lib.Categorical(logits=logits), lib.Normal(loc, scale)),
            lib.MixtureSameFamily(lib.Categorical(logits=logits[0]),
                                  lib.Independent(lib.Normal(loc2, scale2), 1)),
            [logits, loc, scale, loc2, scale2])


def test_mixture_same_family():
    state = RNG.bit_generator.state
    ours = _mixtures(ad, lambda a: autograd.tensor(a, dtype=autograd.float64, requires_grad=True))
    RNG.bit_generator.state = state
    theirs = _mixtures(td, lambda a: torch.tensor(a, dtype=torch.float64, requires_grad=True))
    x = _arr((5, 2), -2, 2)
    for o, t in zip(ours[:2], theirs[:2]):
        assert o.batch_shape == tuple(t.batch_shape) and o.event_shape == tuple(t.event_shape)
        assert_close(o.mean, t.mean, rtol=1e-9, atol=1e-10)
        assert_close(o.variance, t.variance, rtol=1e-9, atol=1e-10)
        assert o.sample((4,)).shape == tuple(t.sample((4,)).shape)
        assert o.expand((3,) + tuple(o.batch_shape)).sample().shape == \
            tuple(t.expand((3,) + tuple(t.batch_shape)).sample().shape)
        assert repr(o.support) == repr(t.support)
    m, tm = ours[0], theirs[0]
    lp, tlp = m.log_prob(autograd.tensor(x)), tm.log_prob(torch.tensor(x))
    assert_close(lp, tlp, rtol=1e-9, atol=1e-10)
    assert_close(m.cdf(autograd.tensor(x)), tm.cdf(torch.tensor(x)), rtol=1e-9, atol=1e-10)
    grads = autograd.grad(lp.sum(), ours[2][:3])
    for g, tg in zip(grads, torch.autograd.grad(tlp.sum(), theirs[2][:3])):
        assert_close(g, tg, rtol=1e-8, atol=1e-10)
    lp2, tlp2 = ours[1].log_prob(autograd.tensor(x)), theirs[1].log_prob(torch.tensor(x))
    assert_close(lp2, tlp2, rtol=1e-9, atol=1e-10)
    assert not ours[0].has_rsample
    with pytest.raises(ValueError, match="to be within the support"):
        ad.MixtureSameFamily(ad.Categorical(logits=autograd.zeros(3)), ad.HalfNormal(autograd.ones(3)),
                             validate_args=True).log_prob(autograd.tensor([-1.0]))


def test_mixture_same_family_errors():
    comp = ad.Normal(autograd.zeros(2, 3), 1.0)
    with pytest.raises(ValueError, match="needs to be an  instance of torch.distributions.Categorical"):
        ad.MixtureSameFamily(comp, comp)
    with pytest.raises(ValueError, match="need to be an instance of torch.distributions.Distribution"):
        ad.MixtureSameFamily(ad.Categorical(logits=autograd.zeros(3)), 1.0)
    with pytest.raises(ValueError, match=r"does not equal `component_distribution.batch_shape\[-1\]` \(3\)"):
        ad.MixtureSameFamily(ad.Categorical(logits=autograd.zeros(4)), comp)
    with pytest.raises(ValueError, match="is not compatible with"):
        ad.MixtureSameFamily(ad.Categorical(logits=autograd.zeros(5, 3)), comp)
