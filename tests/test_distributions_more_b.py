"""Gamma, Chi2, Beta, Dirichlet, Poisson, Binomial, Geometric, StudentT, their KL pairs and polygamma, against torch.

Values and float64 gradients are compared with torch; samples (NumPy's stream) by shape, dtype and statistics.
"""
import math

import numpy as np
import pytest

from oracle import assert_close, torch

import autograd
import autograd.distributions as ad
import torch.distributions as td

RNG = np.random.default_rng(1)


def _pos(shape, low=0.3, high=4.0):
    return RNG.uniform(low, high, shape)


# name -> (class, params as numpy arrays/floats, a builder of valid float64 values of the support)
CASES = {
    "gamma": ("Gamma", lambda: {"concentration": _pos((3, 1)), "rate": _pos((4,))},
              lambda shape: _pos(shape, 0.1, 5.0)),
    "gamma_scalars": ("Gamma", lambda: {"concentration": 2.5, "rate": 0.7}, lambda shape: _pos(shape, 0.1, 5.0)),
    "chi2": ("Chi2", lambda: {"df": _pos((2, 3), 0.5, 6.0)}, lambda shape: _pos(shape, 0.1, 5.0)),
    "beta": ("Beta", lambda: {"concentration1": _pos((3, 1)), "concentration0": _pos((4,))},
             lambda shape: _pos(shape, 0.05, 0.95)),
    "beta_scalars": ("Beta", lambda: {"concentration1": 2.0, "concentration0": 0.5},
                     lambda shape: _pos(shape, 0.05, 0.95)),
    "dirichlet": ("Dirichlet", lambda: {"concentration": _pos((2, 4))},
                  lambda shape: RNG.dirichlet(np.ones(4), size=shape[:-1])),
    "poisson": ("Poisson", lambda: {"rate": _pos((2, 3), 0.5, 6.0)},
                lambda shape: RNG.integers(0, 8, shape).astype(np.float64)),
    "binomial_probs": ("Binomial", lambda: {"total_count": 7.0, "probs": _pos((2, 3), 0.1, 0.9)},
                       lambda shape: RNG.integers(0, 8, shape).astype(np.float64)),
    "binomial_logits": ("Binomial", lambda: {"total_count": 5.0, "logits": _pos((3,), -2.0, 2.0)},
                        lambda shape: RNG.integers(0, 6, shape).astype(np.float64)),
    "geometric_probs": ("Geometric", lambda: {"probs": _pos((2, 3), 0.1, 0.9)},
                        lambda shape: RNG.integers(0, 8, shape).astype(np.float64)),
    "geometric_logits": ("Geometric", lambda: {"logits": _pos((3,), -2.0, 2.0)},
                         lambda shape: RNG.integers(0, 8, shape).astype(np.float64)),
    "studentt": ("StudentT", lambda: {"df": _pos((3, 1), 0.5, 6.0), "loc": _pos((4,), -1, 1), "scale": _pos((4,))},
                 lambda shape: _pos(shape, -3.0, 3.0)),
}
_DISCRETE_COUNT = {"total_count"}


def _build(name, dtype=np.float64, requires_grad=True):
    cls, params, values = CASES[name]
    raw = params()
    ours, theirs, leaves = {}, {}, []
    for k, v in raw.items():
        if isinstance(v, float):
            ours[k] = theirs[k] = v
            continue
        rg = requires_grad and k not in _DISCRETE_COUNT
        a = autograd.tensor(v.astype(dtype), requires_grad=rg)
        t = torch.tensor(v.astype(dtype), requires_grad=rg)
        ours[k], theirs[k] = a, t
        if rg:
            leaves.append((a, t))
    return getattr(ad, cls)(**ours), getattr(td, cls)(**theirs), leaves, values


def _close(ours, theirs, rtol=1e-10, atol=1e-12):
    """float64 to ~1e-10; float32 results (all-Python-number parameters) to float32 precision."""
    if theirs.dtype == torch.float32:
        rtol, atol = max(rtol, 2e-6), max(atol, 1e-6)
    assert_close(ours, theirs, rtol=rtol, atol=atol)


def _check_grads(ours_out, theirs_out, leaves, rtol=1e-7, atol=1e-9):
    if not leaves:
        return
    w = RNG.standard_normal(tuple(theirs_out.shape))
    go = autograd.grad((ours_out * autograd.tensor(w)).sum(), [a for a, _ in leaves], allow_unused=True)
    gt = torch.autograd.grad((theirs_out * torch.tensor(w)).sum(), [t for _, t in leaves], allow_unused=True)
    for o, t in zip(go, gt):
        if t is None:
            assert o is None or np.allclose(o.numpy(), 0)
        else:
            assert_close(o, t, rtol=rtol, atol=atol)


@pytest.mark.parametrize("name", sorted(CASES))
def test_shapes_and_moments(name):
    ours, theirs, _, _ = _build(name)
    assert tuple(ours.batch_shape) == tuple(theirs.batch_shape)
    assert tuple(ours.event_shape) == tuple(theirs.event_shape)
    assert ours.has_rsample == theirs.has_rsample
    assert repr(ours) == repr(theirs).replace("torch.Size", "autograd.Size")
    for attr in ("mean", "variance", "stddev", "mode"):
        _close(getattr(ours, attr), getattr(theirs, attr))


@pytest.mark.parametrize("name", sorted(CASES))
def test_log_prob_values_and_grads(name):
    ours, theirs, leaves, values = _build(name)
    shape = (5,) + tuple(theirs.batch_shape) + tuple(theirs.event_shape)
    v = values(shape)
    lo, lt = ours.log_prob(autograd.tensor(v)), theirs.log_prob(torch.tensor(v))
    _close(lo, lt)
    _check_grads(lo, lt, leaves)


@pytest.mark.parametrize("name", sorted(CASES))
def test_entropy_and_cdf(name):
    ours, theirs, leaves, values = _build(name)
    try:
        et = theirs.entropy()
    except NotImplementedError:
        with pytest.raises(NotImplementedError):
            ours.entropy()
    else:
        eo = ours.entropy()
        _close(eo, et)
        _check_grads(eo, et, leaves)
    v = values((3,) + tuple(theirs.batch_shape) + tuple(theirs.event_shape))
    try:
        ct = theirs.cdf(torch.tensor(v))
    except NotImplementedError:
        with pytest.raises(NotImplementedError):
            ours.cdf(autograd.tensor(v))
    else:
        _close(ours.cdf(autograd.tensor(v)), ct, rtol=1e-9)


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_shapes_expand_and_support(name):
    autograd.manual_seed(0)
    ours, theirs, _, _ = _build(name, dtype=np.float32, requires_grad=False)
    for sample_shape in [(), (3,), (2, 2)]:
        so, st = ours.sample(sample_shape), theirs.sample(sample_shape)
        assert tuple(so.shape) == tuple(st.shape)
        assert str(so.dtype).split(".")[-1] == str(st.dtype).split(".")[-1]
        assert bool(ours.support.check(so).all())
        if ours.has_rsample:
            assert tuple(ours.rsample(sample_shape).shape) == tuple(st.shape)
    batch = (2,) + tuple(theirs.batch_shape)
    eo, et = ours.expand(batch), theirs.expand(batch)
    assert tuple(eo.batch_shape) == tuple(et.batch_shape) and type(eo) is type(ours)
    assert_close(eo.mean, et.mean)
    assert tuple(eo.sample((3,)).shape) == tuple(et.sample((3,)).shape)


def test_constraint_reprs():
    for cls in ("Gamma", "Chi2", "Beta", "Dirichlet", "Poisson", "Binomial", "Geometric", "StudentT"):
        o, t = getattr(ad, cls), getattr(td, cls)
        assert {k: repr(v) for k, v in o.arg_constraints.items()} == {k: repr(v) for k, v in t.arg_constraints.items()}
        assert repr(o.support) == repr(t.support), cls
        assert o.has_rsample == t.has_rsample and o.has_enumerate_support == t.has_enumerate_support
    b = ad.Binomial(autograd.tensor([3.0, 4.0]), probs=autograd.tensor([0.5, 0.2]))
    assert repr(b.support) == repr(td.Binomial(torch.tensor([3.0, 4.0]), probs=torch.tensor([0.5, 0.2])).support)


@pytest.mark.parametrize("cls,kwargs", [
    ("Gamma", {"concentration": [1.0, -1.0], "rate": [1.0, 1.0]}),
    ("Gamma", {"concentration": [1.0, 1.0], "rate": [0.0, 1.0]}),
    ("Chi2", {"df": [0.0, 1.0]}),
    ("Beta", {"concentration1": [1.0, 2.0], "concentration0": [1.0, -2.0]}),
    ("Dirichlet", {"concentration": [1.0, 0.0]}),
    ("Poisson", {"rate": [-1.0]}),
    ("Binomial", {"total_count": [2.5], "probs": [0.5]}),
    ("Binomial", {"total_count": [2.0], "probs": [1.5]}),
    ("Geometric", {"probs": [0.0, 0.5]}),
    ("Geometric", {"probs": [1.5]}),
    ("StudentT", {"df": [-1.0], "loc": [0.0], "scale": [1.0]}),
])
def test_validate_args_errors(cls, kwargs):
    with pytest.raises(ValueError) as et:
        getattr(td, cls)(**{k: torch.tensor(v) for k, v in kwargs.items()}, validate_args=True)
    with pytest.raises(ValueError) as eo:
        getattr(ad, cls)(**{k: autograd.tensor(v) for k, v in kwargs.items()}, validate_args=True)
    assert str(eo.value).split("distribution")[0] == str(et.value).split("distribution")[0]
    assert str(eo.value).split("to ")[1].split("but")[0] == str(et.value).split("to ")[1].split("but")[0]


def test_constructor_errors_and_sample_validation():
    with pytest.raises(ValueError, match="must be at least one-dimensional"):
        ad.Dirichlet(autograd.tensor(1.0))
    for cls in (ad.Binomial, ad.Geometric):
        with pytest.raises(ValueError, match="Either `probs` or `logits`"):
            cls(probs=autograd.tensor([0.5]), logits=autograd.tensor([0.0]))
    with pytest.raises(ValueError, match="support"):
        ad.Poisson(autograd.tensor([1.0]), validate_args=True).log_prob(autograd.tensor([1.5]))
    with pytest.raises(ValueError, match="support"):
        ad.Beta(2.0, 2.0, validate_args=True).log_prob(autograd.tensor([1.5]))
    b = ad.Binomial(autograd.tensor([3.0, 4.0]), probs=autograd.tensor([0.5, 0.2]))
    with pytest.raises(NotImplementedError, match="Inhomogeneous total count"):
        b.entropy()


def test_binomial_enumerate_support():
    b, t = ad.Binomial(3, probs=autograd.tensor([0.5, 0.2])), td.Binomial(3, probs=torch.tensor([0.5, 0.2]))
    assert_close(b.enumerate_support(), t.enumerate_support())
    assert_close(b.enumerate_support(expand=False), t.enumerate_support(expand=False))


def test_studentt_moments_by_df():
    df = [0.5, 1.0, 1.5, 2.0, 3.0]
    o, t = ad.StudentT(autograd.tensor(df), 0.5, 2.0), td.StudentT(torch.tensor(df), 0.5, 2.0)
    assert_close(o.mean, t.mean)
    assert_close(o.variance, t.variance)


def test_dirichlet_mode_below_one():
    c = np.array([[0.5, 0.3, 0.8], [2.0, 3.0, 4.0]])
    assert_close(ad.Dirichlet(autograd.tensor(c)).mode, td.Dirichlet(torch.tensor(c)).mode)


def _kl_pairs():
    def g():
        return _pos((3,))
    return {
        "gamma_gamma": (("Gamma", g(), g()), ("Gamma", g(), g())),
        "beta_beta": (("Beta", g(), g()), ("Beta", g(), g())),
        "dirichlet": (("Dirichlet", _pos((2, 3))), ("Dirichlet", _pos((2, 3)))),
        "poisson": (("Poisson", g()), ("Poisson", g())),
        "binomial": (("Binomial", np.array([5.0, 5.0, 6.0]), _pos((3,), 0.1, 0.9)),
                     ("Binomial", np.array([5.0, 5.0, 5.0]), _pos((3,), 0.1, 0.9))),
        "geometric": (("Geometric", _pos((3,), 0.1, 0.9)), ("Geometric", _pos((3,), 0.1, 0.9))),
        "chi2_gamma": (("Chi2", g()), ("Gamma", g(), g())),
        "beta_gamma": (("Beta", g(), g()), ("Gamma", g(), g())),
        "beta_normal": (("Beta", g(), g()), ("Normal", _pos((3,), -1, 1), g())),
        "beta_uniform": (("Beta", g(), g()), ("Uniform", np.array([-1.0, 0.0, 0.2]), np.array([1.0, 2.0, 3.0]))),
        "beta_exponential": (("Beta", g(), g()), ("Exponential", g())),
        "gamma_normal": (("Gamma", g(), g()), ("Normal", _pos((3,), -1, 1), g())),
        "gamma_exponential": (("Gamma", g(), g()), ("Exponential", g())),
        "exponential_gamma": (("Exponential", g()), ("Gamma", g(), g())),
        "uniform_beta": (("Uniform", np.array([0.1, 0.2, -0.5]), np.array([0.5, 0.9, 0.5])), ("Beta", g(), g())),
        "uniform_gamma": (("Uniform", np.array([0.1, 0.2, -0.5]), np.array([0.5, 3.9, 0.5])), ("Gamma", g(), g())),
        "bernoulli_poisson": (("Bernoulli", _pos((3,), 0.1, 0.9)), ("Poisson", g())),
        "normal_gamma_inf": (("Normal", g(), g()), ("Gamma", g(), g())),
        "gamma_beta_inf": (("Gamma", g(), g()), ("Beta", g(), g())),
        "poisson_binomial_inf": (("Poisson", g()), ("Binomial", np.array([5.0, 5.0, 6.0]), _pos((3,), 0.1, 0.9))),
    }


KL_PAIRS = _kl_pairs()


def _make(spec, requires_grad):
    cls, *args = spec
    leaves, ours_args, theirs_args = [], [], []
    for i, a in enumerate(args):
        rg = requires_grad and not (cls == "Binomial" and i == 0)
        o, t = autograd.tensor(a, requires_grad=rg), torch.tensor(a, requires_grad=rg)
        ours_args.append(o)
        theirs_args.append(t)
        if rg:
            leaves.append((o, t))
    if cls == "Binomial":
        return ad.Binomial(ours_args[0], probs=ours_args[1]), td.Binomial(theirs_args[0], probs=theirs_args[1]), leaves
    return getattr(ad, cls)(*ours_args), getattr(td, cls)(*theirs_args), leaves


@pytest.mark.parametrize("name", sorted(KL_PAIRS))
def test_kl_pairs(name):
    ps, qs = KL_PAIRS[name]
    finite = not name.endswith("_inf") and name not in ("binomial", "beta_uniform", "uniform_beta", "uniform_gamma")
    po, pt, lp = _make(ps, finite)
    qo, qt, lq = _make(qs, finite)
    ko, kt = ad.kl_divergence(po, qo), td.kl_divergence(pt, qt)
    assert_close(ko, kt, rtol=1e-10, atol=1e-12)
    if finite:
        _check_grads(ko, kt, lp + lq)


def test_binomial_kl_raises_when_q_has_more_trials():
    p, q = ad.Binomial(3, probs=autograd.tensor([0.5])), ad.Binomial(4, probs=autograd.tensor([0.5]))
    with pytest.raises(NotImplementedError, match="q.total_count > p.total_count"):
        ad.kl_divergence(p, q)


# ---- special functions ------------------------------------------------------------------------------------------
def test_polygamma_values_and_grads():
    x = np.array([1e-3, 0.1, 0.5, 0.9, 1.0, 2.5, 7.7, 14.9, 30.0, 300.0, 1e5])
    for n in range(5):
        assert_close(autograd.polygamma(n, autograd.tensor(x)), torch.polygamma(n, torch.tensor(x)), rtol=1e-12)
    neg = np.array([-0.5, -2.5, -7.3, 0.3])
    for n in (0, 1):
        assert_close(autograd.polygamma(n, autograd.tensor(neg)), torch.polygamma(n, torch.tensor(neg)), rtol=1e-9)
    xs = autograd.tensor(x[:6], requires_grad=True)
    xt = torch.tensor(x[:6], requires_grad=True)
    (go,) = autograd.grad(autograd.polygamma(1, xs).sum(), xs, create_graph=True)
    (gt,) = torch.autograd.grad(torch.polygamma(1, xt).sum(), xt, create_graph=True)
    assert_close(go, gt, rtol=1e-12)
    assert_close(autograd.grad(go.sum(), xs)[0], torch.autograd.grad(gt.sum(), xt)[0], rtol=1e-12)
    assert autograd.polygamma(1, xs).grad_fn.name() == "PolygammaBackward0"
    assert autograd.polygamma(1, autograd.tensor([1, 2])).dtype == autograd.float32
    assert_close(autograd.tensor(x).polygamma(2), torch.tensor(x).polygamma(2), rtol=1e-12)
    with pytest.raises(RuntimeError, match="does not support negative n"):
        autograd.polygamma(-1, xs)


def test_lgamma_digamma_grads_match_torch():
    x = np.array([0.3, 1.0, 2.5, 11.0])
    for fn in ("lgamma", "digamma"):
        a, t = autograd.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
        oa, ot = getattr(autograd, fn)(a), getattr(torch, fn)(t)
        assert_close(oa, ot, rtol=1e-12)
        assert_close(autograd.grad(oa.sum(), a)[0], torch.autograd.grad(ot.sum(), t)[0], rtol=1e-12)


def test_gamma_rsample_implicit_gradient_matches_torch_formula():
    from autograd.distributions._gamma_ops import _standard_gamma_grad
    a = np.array([0.05, 0.3, 1.0, 2.5, 8.0, 30.0, 200.0, 3e4])
    x = np.array([1e-4, 0.2, 1.3, 2.0, 9.5, 28.0, 210.0, 2.98e4])
    ours = _standard_gamma_grad(a, x)
    theirs = torch._standard_gamma_grad(torch.tensor(a), torch.tensor(x)).numpy()
    np.testing.assert_allclose(ours, theirs, rtol=2e-3)  # torch's is an approximation; ours is the series


def test_gamma_rsample_gradient_is_implicit_derivative():
    autograd.manual_seed(3)
    conc = autograd.tensor([0.7, 3.0, 40.0], dtype=autograd.float64, requires_grad=True)
    rate = autograd.tensor([2.0, 0.5, 1.0], dtype=autograd.float64, requires_grad=True)
    x = ad.Gamma(conc, rate).rsample((4,))
    x.sum().backward()
    xs = x.detach().numpy()
    from autograd.ops.special import _igam_pq
    a, r = conc.detach().numpy(), rate.detach().numpy()
    h = 1e-6
    dp = (_igam_pq(a + h, xs * r)[0] - _igam_pq(a - h, xs * r)[0]) / (2 * h)
    pdf = np.exp((a - 1) * np.log(xs * r) - xs * r - np.vectorize(math.lgamma)(a)) * r
    np.testing.assert_allclose(conc.grad.numpy(), (-dp / pdf).sum(0), rtol=1e-5)
    np.testing.assert_allclose(rate.grad.numpy(), (-xs / r).sum(0), rtol=1e-12)


def test_rsample_statistics_and_gradient_paths():
    autograd.manual_seed(0)
    conc = autograd.tensor([2.0, 5.0], dtype=autograd.float64, requires_grad=True)
    s = ad.Gamma(conc, 2.0).rsample((20000,))
    np.testing.assert_allclose(s.detach().numpy().mean(0), [1.0, 2.5], rtol=0.03)
    s.mean(0).sum().backward()
    np.testing.assert_allclose(conc.grad.numpy(), [0.5, 0.5], rtol=0.03)  # d E[x] / d alpha = 1 / rate
    c = autograd.tensor([1.0, 2.0, 3.0], dtype=autograd.float64, requires_grad=True)
    d = ad.Dirichlet(c).rsample((20000,))
    np.testing.assert_allclose(d.detach().numpy().mean(0), [1 / 6, 2 / 6, 3 / 6], atol=0.01)
    d[:, 0].mean().backward()
    np.testing.assert_allclose(c.grad.numpy(), [5 / 36, -1 / 36, -1 / 36], atol=0.01)
    for dist in (ad.Beta(c[0], c[1]), ad.StudentT(c[2], c[0], c[1]), ad.Chi2(c[1])):
        assert dist.rsample((2,)).requires_grad
    p = ad.Poisson(autograd.tensor([3.0])).sample((20000,))
    assert abs(p.numpy().mean() - 3.0) < 0.1 and p.dtype == autograd.float32
    g = ad.Geometric(autograd.tensor([0.25])).sample((20000,))
    assert abs(g.numpy().mean() - 3.0) < 0.2


def test_gamma_cdf_grad_wrt_value_and_not_concentration():
    v = np.array([0.4, 1.5, 3.0])
    x, xt = autograd.tensor(v, requires_grad=True), torch.tensor(v, requires_grad=True)
    co, ct = ad.Gamma(2.0, 1.5).cdf(x), td.Gamma(2.0, 1.5).cdf(xt)
    assert_close(co, ct, rtol=1e-12)
    assert_close(autograd.grad(co.sum(), x)[0], torch.autograd.grad(ct.sum(), xt)[0], rtol=1e-10)
    conc = autograd.tensor([2.0], dtype=autograd.float64, requires_grad=True)
    with pytest.raises(NotImplementedError, match="igamma: input"):
        ad.Gamma(conc, 1.0).cdf(autograd.tensor([1.0], dtype=autograd.float64)).sum().backward()


def test_log_prob_grad_at_unit_concentration():
    """xlogy(0, v) still passes log(v) back to its first argument (torch's rule), so alpha = 1 has a gradient."""
    c = np.array([[1.0, 2.0, 3.0], [0.5, 1.0, 0.2]])
    v = np.array([[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]])
    co, ct = autograd.tensor(c, requires_grad=True), torch.tensor(c, requires_grad=True)
    ad.Dirichlet(co).log_prob(autograd.tensor(v)).sum().backward()
    td.Dirichlet(ct).log_prob(torch.tensor(v)).sum().backward()
    assert_close(co.grad, ct.grad, rtol=1e-12)
    ao, at = autograd.tensor([1.0, 2.0], requires_grad=True), torch.tensor([1.0, 2.0], requires_grad=True)
    ad.Gamma(ao, 1.0).log_prob(autograd.tensor([0.5, 0.5])).sum().backward()
    td.Gamma(at, 1.0).log_prob(torch.tensor([0.5, 0.5])).sum().backward()
    assert_close(ao.grad, at.grad)
