"""autograd.distributions against torch.distributions: values, gradients, shapes, errors and reprs.

Random streams differ by design (ours are NumPy's): samples are checked by shape, dtype and statistics only.
"""
import math
import warnings

import numpy as np
import pytest

from oracle import assert_close, to_torch, torch

import autograd
import autograd.distributions as ad
import torch.distributions as td

RNG = np.random.default_rng(0)


def _arr(shape, low=-1.0, high=1.0, dtype=np.float32):
    return RNG.uniform(low, high, shape).astype(dtype)


# name -> (class name, {param: numpy array or float}); broadcasting (3, 1) against (4,) included
CASES = {
    "normal_bcast": ("Normal", lambda: {"loc": _arr((3, 1)), "scale": _arr((4,), 0.5, 2.0)}),
    "normal_float_loc": ("Normal", lambda: {"loc": 0.3, "scale": _arr((4,), 0.5, 2.0)}),
    "normal_scalars": ("Normal", lambda: {"loc": 0.3, "scale": 1.7}),
    "normal_f64": ("Normal", lambda: {"loc": _arr((2, 3), dtype=np.float64), "scale": _arr((3,), 0.5, 2, np.float64)}),
    "uniform_bcast": ("Uniform", lambda: {"low": _arr((3, 1), -2.0, -1.0), "high": _arr((4,), 0.0, 1.0)}),
    "uniform_scalars": ("Uniform", lambda: {"low": -1.0, "high": 2.5}),
    "bernoulli_probs": ("Bernoulli", lambda: {"probs": _arr((3, 4), 0.05, 0.95)}),
    "bernoulli_logits": ("Bernoulli", lambda: {"logits": _arr((3, 1), -3.0, 3.0)}),
    "bernoulli_scalar": ("Bernoulli", lambda: {"probs": 0.3}),
    "bernoulli_logits_34": ("Bernoulli", lambda: {"logits": _arr((3, 4), -3.0, 3.0)}),
    "categorical_probs": ("Categorical", lambda: {"probs": _arr((3, 4), 0.1, 2.0)}),
    "categorical_logits": ("Categorical", lambda: {"logits": _arr((2, 3, 5), -3.0, 3.0)}),
    "categorical_1d": ("Categorical", lambda: {"logits": _arr((4,), -3.0, 3.0, np.float64)}),
}


def build(case, requires_grad=False):
    """The same distribution in both libraries; returns (ours, theirs, our params, their params)."""
    cls, make = CASES[case]
    params = make()
    ours_p, theirs_p = {}, {}
    for k, v in params.items():
        if isinstance(v, np.ndarray):
            ours_p[k] = autograd.tensor(v, requires_grad=requires_grad)
            theirs_p[k] = to_torch(ours_p[k])
        else:
            ours_p[k] = theirs_p[k] = v
    return getattr(ad, cls)(**ours_p), getattr(td, cls)(**theirs_p), ours_p, theirs_p


def values(case, theirs):
    """A value inside the support, shaped to broadcast (a leading sample dim of 5) against the batch."""
    shape = (5,) + tuple(theirs.batch_shape)
    if isinstance(theirs, td.Normal):
        return torch.from_numpy(_arr(shape, -3, 3).astype(np.float64)).to(theirs.loc.dtype)
    if isinstance(theirs, td.Uniform):
        u = torch.from_numpy(_arr(shape, 0.0, 1.0)).to(theirs.low.dtype)
        return (theirs.low + u * (theirs.high - theirs.low)).detach()
    if isinstance(theirs, td.Bernoulli):
        return torch.from_numpy((_arr(shape, 0, 1) > 0.5).astype(np.float32)).to(theirs.probs.dtype)
    return torch.from_numpy(RNG.integers(0, theirs._num_events, shape))


def _ours(t):
    return autograd.from_numpy(t.detach().numpy().copy())


@pytest.mark.parametrize("case", list(CASES))
def test_shapes_stats_and_log_prob(case):
    ours, theirs, _, _ = build(case)
    assert ours.batch_shape == tuple(theirs.batch_shape) and isinstance(ours.batch_shape, autograd.Size)
    assert ours.event_shape == tuple(theirs.event_shape) and isinstance(ours.event_shape, autograd.Size)
    assert repr(ours) == repr(theirs).replace("torch.", "autograd.")
    assert ours.has_rsample == theirs.has_rsample
    assert repr(type(ours).support) == repr(type(theirs).support) or not isinstance(type(ours).support,
                                                                                      ad.constraints.Constraint)
    for name in ("mean", "variance", "stddev", "mode"):
        assert_close(getattr(ours, name), getattr(theirs, name), rtol=1e-5, atol=1e-6)
    assert_close(ours.entropy(), theirs.entropy(), atol=1e-5)
    assert_close(ours.perplexity(), theirs.perplexity(), atol=1e-5)
    v = values(case, theirs)
    assert_close(ours.log_prob(_ours(v)), theirs.log_prob(v), atol=1e-5)
    for fn in ("cdf", "icdf"):
        if hasattr(theirs, "loc") or (fn == "cdf" and hasattr(theirs, "low")):
            arg = v if fn == "cdf" else torch.sigmoid(v)
            assert_close(getattr(ours, fn)(_ours(arg)), getattr(theirs, fn)(arg), atol=1e-5)


@pytest.mark.parametrize("case", [c for c in CASES if CASES[c][0] != "Categorical" and "scalar" not in c]
                         + ["categorical_probs", "categorical_logits"])
def test_gradients_of_log_prob_and_entropy(case):
    ours, theirs, op, tp = build(case, requires_grad=True)
    v = values(case, theirs)
    w = torch.from_numpy(_arr(tuple(v.shape), 0.5, 1.5)).to(v.dtype if v.is_floating_point() else torch.float32)
    ((theirs.log_prob(v) * w).sum() + (theirs.entropy() * 2).sum() + theirs.mean.nan_to_num().sum()).backward()
    ((ours.log_prob(_ours(v)) * _ours(w)).sum() + (ours.entropy() * 2).sum() + ours.mean.nan_to_num().sum()).backward()
    for k in op:
        if isinstance(op[k], autograd.Tensor):
            assert_close(op[k].grad, tp[k].grad, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("case", ["normal_bcast", "normal_f64", "uniform_bcast"])
def test_rsample_gradients_flow(case):
    ours, theirs, op, _ = build(case, requires_grad=True)
    autograd.manual_seed(0)
    x = ours.rsample((6,))
    assert x.shape == theirs.rsample((6,)).shape and x.dtype == op[next(iter(op))].dtype and x.requires_grad
    (x * 3).sum().backward()
    a, b = ("loc", "scale") if "loc" in op else ("low", "high")
    pa, pb = op[a], op[b]
    if a == "loc":  # x = loc + eps * scale
        eps = ((x - pa) / pb).detach()
        expect_a, expect_b = torch.full(x.shape, 3.0), torch.from_numpy(3 * eps.numpy())
    else:  # x = low + u * (high - low)
        u = ((x - pa) / (pb - pa)).detach()
        expect_a, expect_b = torch.from_numpy(3 * (1 - u.numpy())), torch.from_numpy(3 * u.numpy())
    assert_close(pa.grad, expect_a.sum_to_size(pa.shape).to(expect_b.dtype), rtol=1e-4, atol=1e-4, check_dtype=False)
    assert_close(pb.grad, expect_b.sum_to_size(pb.shape), rtol=1e-4, atol=1e-4, check_dtype=False)


def test_normal_log_prob_grad_from_python_scale():
    mu = autograd.tensor([0.5], requires_grad=True)
    ad.Normal(mu, 1.0).log_prob(autograd.tensor([2.0])).sum().backward()
    assert_close(mu.grad, torch.tensor([1.5]))


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("sample_shape", [(), (5,), (2, 3)])
def test_sample_shapes_and_dtypes(case, sample_shape):
    ours, theirs, _, _ = build(case, requires_grad=True)
    s, t = ours.sample(sample_shape), theirs.sample(sample_shape)
    assert s.shape == t.shape and isinstance(s.shape, autograd.Size)
    assert str(s.dtype).split(".")[-1] == str(t.dtype).split(".")[-1]
    assert not s.requires_grad
    if ours.has_rsample:
        r = ours.rsample(sample_shape)
        has_tensor_param = any(isinstance(v, np.ndarray) for v in CASES[case][1]().values())
        assert r.shape == t.shape and r.requires_grad == has_tensor_param
    else:
        with pytest.raises(NotImplementedError):
            ours.rsample(sample_shape)


def test_sample_statistics():
    autograd.manual_seed(123)
    n = 40000
    x = ad.Normal(autograd.tensor([-1.0, 2.0]), autograd.tensor([0.5, 3.0])).sample((n,)).numpy()
    np.testing.assert_allclose(x.mean(0), [-1.0, 2.0], atol=0.05)
    np.testing.assert_allclose(x.std(0), [0.5, 3.0], rtol=0.03)
    u = ad.Uniform(autograd.tensor([-1.0]), autograd.tensor([3.0])).sample((n,)).numpy()
    assert u.min() >= -1.0 and u.max() < 3.0
    np.testing.assert_allclose([u.mean(), u.var()], [1.0, 16 / 12], rtol=0.03)
    b = ad.Bernoulli(logits=autograd.tensor([0.0, 2.0])).sample((n,)).numpy()
    assert set(np.unique(b)) <= {0.0, 1.0}
    np.testing.assert_allclose(b.mean(0), [0.5, 1 / (1 + math.exp(-2))], atol=0.015)
    p = np.array([[0.1, 0.2, 0.7], [0.5, 0.5, 0.0]])
    c = ad.Categorical(probs=autograd.tensor(p)).sample((n,)).numpy()
    assert c.dtype == np.int64 and c.shape == (n, 2)
    freq = np.stack([(c == k).mean(0) for k in range(3)], -1)
    np.testing.assert_allclose(freq, p, atol=0.015)


def test_categorical_log_prob_broadcasting():
    logits = _arr((3, 4))
    ours, theirs = ad.Categorical(logits=autograd.tensor(logits)), td.Categorical(logits=torch.tensor(logits))
    for v in ([[1], [0], [3], [2], [0]], [2, 0, 1], 3):
        assert_close(ours.log_prob(autograd.tensor(v)), theirs.log_prob(torch.tensor(v)))
    assert_close(ours.enumerate_support(), theirs.enumerate_support())
    assert_close(ours.enumerate_support(False), theirs.enumerate_support(False))
    b = ad.Bernoulli(probs=autograd.tensor([0.2, 0.9]))
    assert_close(b.enumerate_support(), td.Bernoulli(probs=torch.tensor([0.2, 0.9])).enumerate_support())


def test_probs_logits_conversions():
    p = np.array([0.0, 0.25, 1.0], dtype=np.float32)
    ob, tb = ad.Bernoulli(probs=autograd.tensor(p)), td.Bernoulli(probs=torch.tensor(p))
    assert_close(ob.logits, tb.logits)
    assert_close(ob.mode, tb.mode)  # p == 0.5 gives nan in both
    assert_close(ad.Bernoulli(probs=autograd.tensor([0.5, 0.7])).mode,
                 td.Bernoulli(probs=torch.tensor([0.5, 0.7])).mode)
    assert_close(ad.Bernoulli(logits=autograd.tensor(p)).probs, td.Bernoulli(logits=torch.tensor(p)).probs)
    q = np.array([[0.0, 1.0, 3.0]], dtype=np.float64)
    oc, tc = ad.Categorical(probs=autograd.tensor(q)), td.Categorical(probs=torch.tensor(q))
    assert_close(oc.probs, tc.probs)
    assert_close(oc.logits, tc.logits)  # log of eps-clamped probs
    assert_close(oc.entropy(), tc.entropy())
    oc, tc = ad.Categorical(logits=autograd.tensor(q)), td.Categorical(logits=torch.tensor(q))
    assert_close(oc.logits, tc.logits)
    assert_close(oc.probs, tc.probs)
    from autograd.distributions import utils
    import torch.distributions.utils as tu
    x = np.array([0.0, 1e-9, 0.5, 1.0], dtype=np.float32)
    assert_close(utils.clamp_probs(autograd.tensor(x)), tu.clamp_probs(torch.tensor(x)))
    assert_close(utils.probs_to_logits(autograd.tensor(x), True), tu.probs_to_logits(torch.tensor(x), True))


def _raises_like(fn_ours, fn_theirs, exc=ValueError):
    with pytest.raises(exc) as theirs:
        fn_theirs()
    with pytest.raises(exc) as ours:
        fn_ours()
    assert str(ours.value) == str(theirs.value).replace("torch.", "autograd."), (str(ours.value), str(theirs.value))


def test_validation_errors():
    _raises_like(lambda: ad.Normal(autograd.zeros(2), autograd.tensor([1.0, -1.0])),
                 lambda: td.Normal(torch.zeros(2), torch.tensor([1.0, -1.0])))
    _raises_like(lambda: ad.Normal(0.0, 1.0).log_prob(autograd.tensor(float("nan"))),
                 lambda: td.Normal(0.0, 1.0).log_prob(torch.tensor(float("nan"))))
    _raises_like(lambda: ad.Normal(0.0, 1.0).log_prob(0.5), lambda: td.Normal(0.0, 1.0).log_prob(0.5))
    _raises_like(lambda: ad.Normal(autograd.zeros(2), 1.0).log_prob(autograd.zeros(3)),
                 lambda: td.Normal(torch.zeros(2), 1.0).log_prob(torch.zeros(3)))
    _raises_like(lambda: ad.Uniform(0.0, 1.0).log_prob(autograd.tensor([2.0])),
                 lambda: td.Uniform(0.0, 1.0).log_prob(torch.tensor([2.0])))
    _raises_like(lambda: ad.Uniform(autograd.tensor([1.0, 0.0]), 0.5),
                 lambda: td.Uniform(torch.tensor([1.0, 0.0]), 0.5))
    _raises_like(lambda: ad.Bernoulli(probs=autograd.tensor([1.5])), lambda: td.Bernoulli(probs=torch.tensor([1.5])))
    _raises_like(lambda: ad.Bernoulli(probs=0.3).log_prob(autograd.tensor(0.5)),
                 lambda: td.Bernoulli(probs=0.3).log_prob(torch.tensor(0.5)))
    _raises_like(lambda: ad.Bernoulli(), lambda: td.Bernoulli())
    _raises_like(lambda: ad.Bernoulli(0.1, 0.2), lambda: td.Bernoulli(0.1, 0.2))
    _raises_like(lambda: ad.Categorical(probs=autograd.tensor([0.5, -0.5, 1.0])),
                 lambda: td.Categorical(probs=torch.tensor([0.5, -0.5, 1.0])))
    _raises_like(lambda: ad.Categorical(logits=autograd.tensor(1.0)), lambda: td.Categorical(logits=torch.tensor(1.0)))
    _raises_like(lambda: ad.Categorical(logits=autograd.zeros(3)).log_prob(autograd.tensor([3])),
                 lambda: td.Categorical(logits=torch.zeros(3)).log_prob(torch.tensor([3])))
    _raises_like(lambda: ad.Normal("a", 1.0), lambda: td.Normal("a", 1.0))


def test_validate_args_switches():
    ours = ad.Normal(autograd.tensor([0.0]), autograd.tensor([-1.0]), validate_args=False)
    theirs = td.Normal(torch.tensor([0.0]), torch.tensor([-1.0]), validate_args=False)
    assert_close(ours.log_prob(autograd.tensor([0.5])), theirs.log_prob(torch.tensor([0.5])))
    u = ad.Uniform(0.0, 1.0, validate_args=False)
    assert_close(u.log_prob(autograd.tensor([2.0, 0.5])), torch.tensor([-math.inf, 0.0]))
    assert ad.Distribution._validate_args is True
    ad.Distribution.set_default_validate_args(False)
    try:
        ad.Normal(0.0, -1.0)
        assert ad.Normal(0.0, 1.0, validate_args=True)._validate_args
    finally:
        ad.Distribution.set_default_validate_args(True)
    with pytest.raises(ValueError):
        ad.Normal(0.0, -1.0)
    with pytest.raises(ValueError):
        ad.Distribution.set_default_validate_args(1.5)


def test_reprs_and_constraints():
    c = ad.constraints
    for name in ("real", "positive", "nonnegative", "unit_interval", "boolean", "simplex", "real_vector",
                 "nonnegative_integer", "positive_integer"):
        assert repr(getattr(c, name)) == repr(getattr(td.constraints, name)), name
    assert repr(c.integer_interval(0, 2)) == repr(td.constraints.integer_interval(0, 2))
    assert repr(c.interval(-1.0, 2)) == repr(td.constraints.interval(-1.0, 2))
    assert repr(c.half_open_interval(0, 1)) == repr(td.constraints.half_open_interval(0, 1))
    assert repr(c.less_than(3.0)) == repr(td.constraints.less_than(3.0))
    assert c.is_dependent(ad.Uniform.support) and c.is_dependent(ad.Categorical.support)
    assert ad.Categorical.support.is_discrete and ad.Categorical.support.event_dim == 0
    assert repr(ad.Categorical(logits=autograd.zeros(3)).support) == "IntegerInterval(lower_bound=0, upper_bound=2)"
    assert repr(ad.Uniform(autograd.zeros(2), 1.0).support) == repr(td.Uniform(torch.zeros(2), 1.0).support)
    for o, t in [(ad.Normal(autograd.zeros(1, 1), 1.0), td.Normal(torch.zeros(1, 1), 1.0)),
                 (ad.Bernoulli(logits=autograd.zeros(3)), td.Bernoulli(logits=torch.zeros(3))),
                 (ad.Uniform(0.0, 1.0), td.Uniform(0.0, 1.0))]:
        assert repr(o) == repr(t).replace("torch.", "autograd.")
    ours, theirs = ad.Categorical(logits=autograd.zeros(2, 3)), td.Categorical(logits=torch.zeros(2, 3))
    ours.probs, theirs.probs  # the lazily derived parameter then shows too
    assert repr(ours) == repr(theirs).replace("torch.", "autograd.")
    assert (c.simplex.check(autograd.tensor([[0.5, 0.5], [0.2, 0.7]])).tolist() == [True, False])


def test_expand():
    loc, scale = _arr((3, 1)), _arr((4,), 0.5, 2)
    o = ad.Normal(autograd.tensor(loc), autograd.tensor(scale)).expand((2, 3, 4))
    t = td.Normal(torch.tensor(loc), torch.tensor(scale)).expand((2, 3, 4))
    assert o.batch_shape == tuple(t.batch_shape) and repr(o) == repr(t).replace("torch.", "autograd.")
    v = values("normal_bcast", t)[:2]
    assert_close(o.log_prob(_ours(v)), t.log_prob(v), atol=1e-5)
    for oc, tc in [(ad.Categorical(logits=autograd.zeros(4)), td.Categorical(logits=torch.zeros(4))),
                   (ad.Bernoulli(probs=autograd.tensor([0.3])), td.Bernoulli(probs=torch.tensor([0.3]))),
                   (ad.Uniform(0.0, 1.0), td.Uniform(0.0, 1.0))]:
        oe, te = oc.expand((2, 3)), tc.expand((2, 3))
        assert oe.batch_shape == tuple(te.batch_shape) and oe.sample((5,)).shape == te.sample((5,)).shape
        assert_close(oe.entropy(), te.entropy())


def test_exponential_family_entropy_via_log_normalizer():
    for o, t in [(ad.Normal(autograd.tensor([0.3, -1.0]), autograd.tensor([0.5, 2.0])),
                  td.Normal(torch.tensor([0.3, -1.0]), torch.tensor([0.5, 2.0]))),
                 (ad.Bernoulli(probs=autograd.tensor([0.2, 0.6])), td.Bernoulli(probs=torch.tensor([0.2, 0.6])))]:
        assert isinstance(o, ad.ExponentialFamily)
        assert_close(ad.ExponentialFamily.entropy(o), td.ExponentialFamily.entropy(t), atol=1e-5)


KL_PAIRS = [
    ("normal_bcast", "normal_float_loc"), ("normal_f64", "normal_f64"), ("bernoulli_probs", "bernoulli_logits_34"),
    ("categorical_probs", "categorical_probs"), ("categorical_logits", "categorical_logits"),
    ("categorical_probs", "categorical_1d"),
    ("uniform_bcast", "uniform_scalars"), ("uniform_scalars", "uniform_bcast"), ("uniform_bcast", "normal_bcast"),
    ("normal_bcast", "uniform_bcast"),
]


@pytest.mark.parametrize("p_case,q_case", KL_PAIRS)
def test_kl_divergence_values_and_gradients(p_case, q_case):
    op, tp, opp, tpp = build(p_case, requires_grad=True)
    oq, tq, oqp, tqp = build(q_case, requires_grad=True)
    if q_case == "categorical_1d":  # same float dtype on both sides, as torch requires
        oq, tq = ad.Categorical(logits=oqp["logits"].float()), td.Categorical(logits=tqp["logits"].float())
    theirs = td.kl_divergence(tp, tq)
    ours = ad.kl_divergence(op, oq)
    assert_close(ours, theirs, rtol=1e-4, atol=1e-5)
    finite = torch.isfinite(theirs)
    if finite.any() and theirs.requires_grad:
        theirs[finite].sum().backward()
        ours[autograd.from_numpy(finite.numpy())].sum().backward()
        for o, t in list(zip(opp.values(), tpp.values())) + list(zip(oqp.values(), tqp.values())):
            if isinstance(o, autograd.Tensor) and t.grad is not None:
                assert_close(o.grad, t.grad, rtol=1e-4, atol=1e-5)


def test_kl_edge_cases_and_dispatch():
    p = np.array([0.0, 0.5, 1.0], dtype=np.float32)
    q = np.array([0.5, 0.0, 1.0], dtype=np.float32)
    assert_close(ad.kl_divergence(ad.Bernoulli(probs=autograd.tensor(p)), ad.Bernoulli(probs=autograd.tensor(q))),
                 td.kl_divergence(td.Bernoulli(probs=torch.tensor(p)), td.Bernoulli(probs=torch.tensor(q))))
    cp, cq = np.array([[0.0, 0.5, 0.5]]), np.array([[0.5, 0.0, 0.5]])
    assert_close(ad.kl_divergence(ad.Categorical(autograd.tensor(cp)), ad.Categorical(autograd.tensor(cq))),
                 td.kl_divergence(td.Categorical(torch.tensor(cp)), td.Categorical(torch.tensor(cq))))
    _raises_like(lambda: ad.kl_divergence(ad.Categorical(autograd.ones(2)), ad.Normal(0.0, 1.0)),
                 lambda: td.kl_divergence(td.Categorical(torch.ones(2)), td.Normal(0.0, 1.0)), NotImplementedError)
    _raises_like(lambda: ad.kl_divergence(ad.Normal(0.0, 1.0), ad.Bernoulli(0.5)),
                 lambda: td.kl_divergence(td.Normal(0.0, 1.0), td.Bernoulli(0.5)), NotImplementedError)

    class MyNormal(ad.Normal):
        pass

    @ad.register_kl(MyNormal, ad.Normal)
    def _kl_mine(p, q):
        return autograd.tensor(42.0)

    assert ad.kl_divergence(MyNormal(0.0, 1.0), ad.Normal(0.0, 2.0)).item() == 42.0
    assert ad.kl_divergence(ad.Normal(0.0, 1.0), MyNormal(0.0, 1.0)).item() == 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ad.kl_divergence(MyNormal(0.0, 1.0), MyNormal(0.0, 1.0))  # (MyNormal, Normal) is the unique best match


def test_reachable_from_autograd():
    import autograd as torch_like
    assert torch_like.distributions.Normal is ad.Normal
    assert torch_like.distributions.constraints is ad.constraints


@pytest.mark.parametrize("case", ["normal_bcast", "uniform_bcast"])
def test_cdf_icdf_gradients(case):
    ours, theirs, op, tp = build(case, requires_grad=True)
    v = values(case, theirs)
    loss_t = theirs.cdf(v).sum() + (theirs.icdf(torch.sigmoid(v)).sum() if case.startswith("normal") else 0)
    loss_o = ours.cdf(_ours(v)).sum() + (ours.icdf(_ours(torch.sigmoid(v))).sum() if case.startswith("normal") else 0)
    loss_t.backward()
    loss_o.backward()
    for k in op:
        assert_close(op[k].grad, tp[k].grad, rtol=1e-4, atol=1e-5)
