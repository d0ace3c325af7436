"""More autograd.distributions against torch.distributions: MultivariateNormal, LowRankMultivariateNormal,
OneHotCategorical, Exponential, Laplace, LogNormal, TransformedDistribution, transforms and their KL pairs.

Values and float64 gradients are compared; samples (NumPy's stream, not torch's) by shape and dtype only.
"""
import math

import numpy as np
import pytest

from oracle import assert_close, to_torch, torch

import autograd
import autograd.distributions as ad
import torch.distributions as td

RNG = np.random.default_rng(1)


def _arr(shape, low=-1.0, high=1.0):
    return RNG.uniform(low, high, shape)


def _spd(batch, n):
    a = RNG.standard_normal(tuple(batch) + (n, n))
    return a @ np.swapaxes(a, -1, -2) + n * np.eye(n)


def _tril(batch, n):
    return np.linalg.cholesky(_spd(batch, n))


def _onehot(shape, k):
    return np.eye(k)[RNG.integers(0, k, shape)]


# name -> (class, params factory, value factory); values broadcast against the batch (leading sample dim)
CASES = {
    "mvn_cov": ("MultivariateNormal", lambda: {"loc": _arr((2, 3)), "covariance_matrix": _spd((2,), 3)},
                lambda: _arr((4, 2, 3), -2, 2)),
    "mvn_prec_bcast": ("MultivariateNormal", lambda: {"loc": _arr((3,)), "precision_matrix": _spd((2,), 3)},
                       lambda: _arr((4, 1, 3), -2, 2)),
    "mvn_tril": ("MultivariateNormal", lambda: {"loc": _arr((2, 1, 3)), "scale_tril": _tril((4,), 3)},
                 lambda: _arr((5, 2, 4, 3), -2, 2)),
    "lowrank": ("LowRankMultivariateNormal", lambda: {"loc": _arr((2, 4)), "cov_factor": _arr((2, 4, 2)),
                                                      "cov_diag": _arr((4,), 0.5, 2.0)},
                lambda: _arr((3, 2, 4), -2, 2)),
    "onehot_probs": ("OneHotCategorical", lambda: {"probs": _arr((3, 4), 0.1, 2.0)}, lambda: _onehot((5, 3), 4)),
    "onehot_logits": ("OneHotCategorical", lambda: {"logits": _arr((5,), -2, 2)}, lambda: _onehot((2, 3), 5)),
    "exponential": ("Exponential", lambda: {"rate": _arr((2, 3), 0.5, 3.0)}, lambda: _arr((4, 2, 3), 0.0, 3.0)),
    "exponential_scalar": ("Exponential", lambda: {"rate": 1.5}, lambda: _arr((4,), 0.0, 3.0)),
    "laplace": ("Laplace", lambda: {"loc": _arr((3, 1)), "scale": _arr((4,), 0.5, 2.0)},
                lambda: _arr((2, 3, 4), -3, 3)),
    "laplace_scalars": ("Laplace", lambda: {"loc": 0.5, "scale": 2.0}, lambda: _arr((3,), -3, 3)),
    "lognormal": ("LogNormal", lambda: {"loc": _arr((2, 3)), "scale": _arr((3,), 0.5, 1.5)},
                  lambda: _arr((4, 2, 3), 0.1, 4.0)),
}
HAS_CDF = {"Exponential", "Laplace", "LogNormal"}
HAS_ICDF = {"Exponential", "Laplace", "LogNormal"}


def build(case, requires_grad=False):
    """The same distribution in both libraries (float64 tensors): (ours, theirs, our params, their params)."""
    cls, make, _ = CASES[case]
    ours_p, theirs_p = {}, {}
    for k, v in make().items():
        if isinstance(v, np.ndarray):
            ours_p[k] = autograd.tensor(v, requires_grad=requires_grad)
            theirs_p[k] = to_torch(ours_p[k])
        else:
            ours_p[k] = theirs_p[k] = v
    return getattr(ad, cls)(**ours_p), getattr(td, cls)(**theirs_p), ours_p, theirs_p


def value(case):
    v = autograd.tensor(CASES[case][2]())
    return v, to_torch(v)


def _tensor_params(ours_p, theirs_p):
    keys = [k for k, v in ours_p.items() if isinstance(v, autograd.Tensor)]
    return [ours_p[k] for k in keys], [theirs_p[k] for k in keys]


def _check_grads(out_ours, out_theirs, ours_p, theirs_p):
    po, pt = _tensor_params(ours_p, theirs_p)
    if not po:
        return
    go = autograd.grad(out_ours.sum(), po, retain_graph=True, allow_unused=True)
    gt = torch.autograd.grad(out_theirs.sum(), pt, retain_graph=True, allow_unused=True)
    for a, b in zip(go, gt):
        if b is None:
            assert a is None or np.allclose(a.numpy(), 0)
        else:
            assert_close(a, b, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("case", sorted(CASES))
def test_shapes_and_moments(case):
    ours, theirs, _, _ = build(case)
    assert tuple(ours.batch_shape) == tuple(theirs.batch_shape)
    assert tuple(ours.event_shape) == tuple(theirs.event_shape)
    assert ours.has_rsample == theirs.has_rsample
    assert ours.has_enumerate_support == theirs.has_enumerate_support
    for name in ("mean", "mode", "variance", "stddev"):
        assert_close(getattr(ours, name), getattr(theirs, name), rtol=1e-7, atol=1e-9)
    assert repr(ours.support) == repr(theirs.support)
    assert {k: repr(v) for k, v in ours.arg_constraints.items()} == \
           {k: repr(v) for k, v in theirs.arg_constraints.items()}
    assert repr(ours) == repr(theirs).replace("torch.", "autograd.")


@pytest.mark.parametrize("case", sorted(CASES))
def test_log_prob_entropy_values_and_grads(case):
    ours, theirs, ours_p, theirs_p = build(case, requires_grad=True)
    vo, vt = value(case)
    lo, lt = ours.log_prob(vo), theirs.log_prob(vt)
    assert_close(lo, lt, rtol=1e-7, atol=1e-9)
    _check_grads(lo, lt, ours_p, theirs_p)
    eo, et = ours.entropy(), theirs.entropy()
    assert_close(eo, et, rtol=1e-7, atol=1e-9)
    _check_grads(eo, et, ours_p, theirs_p)


@pytest.mark.parametrize("case", sorted(c for c in CASES if CASES[c][0] in HAS_CDF))
def test_cdf_icdf(case):
    ours, theirs, ours_p, theirs_p = build(case, requires_grad=True)
    vo, vt = value(case)
    co, ct = ours.cdf(vo), theirs.cdf(vt)
    assert_close(co, ct, rtol=1e-7, atol=1e-9)
    _check_grads(co, ct, ours_p, theirs_p)
    qo = autograd.tensor(_arr(tuple(theirs.batch_shape), 0.05, 0.95))
    io, it = ours.icdf(qo), theirs.icdf(to_torch(qo))
    assert_close(io, it, rtol=1e-7, atol=1e-9)
    _check_grads(io, it, ours_p, theirs_p)


@pytest.mark.parametrize("case", sorted(CASES))
def test_sample_shapes_and_expand(case):
    ours, theirs, _, _ = build(case)
    for shape in [(), (5,), (2, 3)]:
        s, st = ours.sample(shape), theirs.sample(shape)
        assert tuple(s.shape) == tuple(st.shape)
        assert str(s.dtype).split(".")[-1] == str(st.dtype).split(".")[-1] and not s.requires_grad
        if ours.has_rsample:
            assert tuple(ours.rsample(shape).shape) == tuple(theirs.rsample(shape).shape)
    batch = (6,) + tuple(theirs.batch_shape) if theirs.batch_shape else (6, 2)
    eo, et = ours.expand(batch), theirs.expand(batch)
    assert type(eo) is type(ours) and tuple(eo.batch_shape) == tuple(et.batch_shape)
    assert tuple(eo.event_shape) == tuple(et.event_shape)
    assert tuple(eo.sample((2,)).shape) == tuple(et.sample((2,)).shape)
    vo, vt = value(case)
    if CASES[case][0] in ("Exponential", "Laplace", "LogNormal") and not theirs.batch_shape:
        assert_close(eo.log_prob(vo.reshape(-1, 1, 1)), et.log_prob(vt.reshape(-1, 1, 1)), rtol=1e-7, atol=1e-9)
    assert_close(eo.entropy(), et.entropy(), rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("case", ["mvn_tril", "lowrank", "exponential", "laplace", "lognormal"])
def test_rsample_has_gradient(case):
    ours, _, ours_p, _ = build(case, requires_grad=True)
    s = ours.rsample((3,))
    po, _ = _tensor_params(ours_p, ours_p)
    grads = autograd.grad(s.sum(), po, allow_unused=True)
    assert any(g is not None and np.abs(g.numpy()).sum() > 0 for g in grads)


def test_sample_statistics():
    autograd.manual_seed(0)
    loc = autograd.tensor([1.0, -2.0], dtype=autograd.float64)
    cov = autograd.tensor([[2.0, 0.6], [0.6, 1.0]], dtype=autograd.float64)
    s = ad.MultivariateNormal(loc, cov).sample((20000,)).numpy()
    np.testing.assert_allclose(s.mean(0), [1.0, -2.0], atol=0.05)
    np.testing.assert_allclose(np.cov(s.T), cov.numpy(), atol=0.08)
    e = ad.Exponential(autograd.tensor(2.0)).sample((20000,)).numpy()
    assert abs(e.mean() - 0.5) < 0.02 and e.min() >= 0
    lap = ad.Laplace(1.0, 2.0).sample((20000,)).numpy()
    assert abs(np.median(lap) - 1.0) < 0.1 and abs(lap.var() - 8.0) < 0.6
    oh = ad.OneHotCategorical(probs=autograd.tensor([0.2, 0.3, 0.5])).sample((20000,)).numpy()
    assert set(np.unique(oh)) <= {0.0, 1.0} and (oh.sum(-1) == 1).all()
    np.testing.assert_allclose(oh.mean(0), [0.2, 0.3, 0.5], atol=0.02)


def test_mvn_parameterizations_agree_and_lazy_matrices():
    loc = autograd.tensor(_arr((3,)))
    cov = autograd.tensor(_spd((), 3))
    a = ad.MultivariateNormal(loc, covariance_matrix=cov)
    b = ad.MultivariateNormal(loc, precision_matrix=autograd.linalg.inv(cov))
    c = ad.MultivariateNormal(loc, scale_tril=autograd.linalg.cholesky(cov))
    t = td.MultivariateNormal(to_torch(loc), covariance_matrix=to_torch(cov))
    for d in (a, b, c):
        assert_close(d.scale_tril, t.scale_tril, rtol=1e-7, atol=1e-9)
        assert_close(d.covariance_matrix, t.covariance_matrix, rtol=1e-7, atol=1e-9)
        assert_close(d.precision_matrix, t.precision_matrix, rtol=1e-7, atol=1e-9)


def test_lowrank_matrices():
    ours, theirs, _, _ = build("lowrank")
    for name in ("scale_tril", "covariance_matrix", "precision_matrix"):
        assert_close(getattr(ours, name), getattr(theirs, name), rtol=1e-7, atol=1e-9)


def _error(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, str(e).replace("torch.", "autograd.").replace("tensor(", "").split("\n")[0]
    return None


@pytest.mark.parametrize("lib", ["mvn", "other"])
def test_constructor_errors_match(lib):
    def cases(L, D):
        z2, z = L.zeros(2, dtype=L.float64), L.zeros((), dtype=L.float64)
        eye = L.eye(2, dtype=L.float64)
        if lib == "mvn":
            return [lambda: D.MultivariateNormal(z),
                    lambda: D.MultivariateNormal(z2, eye, scale_tril=eye),
                    lambda: D.MultivariateNormal(z, eye),
                    lambda: D.MultivariateNormal(z2, z2),
                    lambda: D.MultivariateNormal(z2, scale_tril=z2),
                    lambda: D.MultivariateNormal(z2, precision_matrix=z2),
                    lambda: D.MultivariateNormal(z2, -eye),
                    lambda: D.MultivariateNormal(z2, scale_tril=-eye),
                    lambda: D.MultivariateNormal(z2, eye).log_prob(L.zeros(3, dtype=L.float64)),
                    lambda: D.MultivariateNormal(L.zeros(3, dtype=L.float64), eye),
                    lambda: D.LowRankMultivariateNormal(z2, L.zeros(3, 1, dtype=L.float64), L.ones(2)),
                    lambda: D.LowRankMultivariateNormal(z2, L.zeros(2, 1, dtype=L.float64), L.ones(3)),
                    lambda: D.LowRankMultivariateNormal(z2, z2, z2)]
        return [lambda: D.Exponential(L.tensor([-1.0])),
                lambda: D.Exponential(L.tensor([1.0])).log_prob(L.tensor([-1.0])),
                lambda: D.Laplace(0.0, L.tensor([0.0])),
                lambda: D.LogNormal(0.0, -1.0),
                lambda: D.LogNormal(0.0, 1.0).log_prob(L.tensor([-1.0])),
                lambda: D.OneHotCategorical(),
                lambda: D.OneHotCategorical(L.tensor([0.5, 0.5])).log_prob(L.tensor([0.5, 0.5])),
                lambda: D.OneHotCategorical(probs=L.tensor([-0.5, 1.5])),
                lambda: D.TransformedDistribution(D.Normal(0.0, 1.0), "exp"),
                lambda: D.TransformedDistribution(D.Normal(0.0, 1.0), [1]),
                lambda: D.TransformedDistribution(D.Normal(0.0, 1.0), D.AffineTransform(0.0, 1.0, event_dim=1))]
    for fo, ft in zip(cases(autograd, ad), cases(torch, td)):
        eo, et = _error(fo), _error(ft)
        assert (eo and eo[0]) == (et and et[0])
        if et and not et[1].startswith("Expected parameter") and not et[1].startswith("Expected value"):
            assert eo[1] == et[1]
        elif et:
            assert eo[1].split(" (")[0] == et[1].split(" (")[0]


def _f64(L, values):
    """A float64 tensor of exactly these values (from NumPy, so no float32 round trip)."""
    return L.from_numpy(np.array(values, dtype=np.float64))


TRANSFORMS = {
    "exp": lambda T: T.ExpTransform(),
    "affine": lambda T: T.AffineTransform(0.5, -2.0),
    "affine_tensor": lambda T: T.AffineTransform(_f64(T._L, [0.5, 1.0, -1.0]), _f64(T._L, [2.0, -0.5, 3.0])),
    "affine_event": lambda T: T.AffineTransform(1.0, _f64(T._L, [2.0, -0.5, 3.0]), event_dim=1),
    "sigmoid": lambda T: T.SigmoidTransform(),
    "tanh": lambda T: T.TanhTransform(),
    "softplus": lambda T: T.SoftplusTransform(),
    "power": lambda T: T.PowerTransform(_f64(T._L, 1.5)),
    "compose": lambda T: T.ComposeTransform([T.AffineTransform(0.3, 0.5), T.TanhTransform(),
                                             T.AffineTransform(1.0, 2.0)]),
    "inverse_sigmoid": lambda T: T.SigmoidTransform().inv,
    "independent": lambda T: T.IndependentTransform(T.ExpTransform(), 1),
    "reshape": lambda T: T.ReshapeTransform((3,), (3, 1)),
    "stick_breaking": lambda T: T.StickBreakingTransform(),
    "cdf": lambda T: T.CumulativeDistributionTransform(T._L.distributions.Normal(_f64(T._L, 0.5), _f64(T._L, 2.0))),
}


class _Lib:
    def __init__(self, lib, mod):
        self._L, self._mod = lib, mod

    def __getattr__(self, name):
        return getattr(self._mod, name)


def test_non_bijective_and_matrix_transforms():
    x = np.array([[0.3, -1.2, 2.0], [1.5, 0.1, -0.4], [0.7, 0.2, -0.3]])
    for name in ("SoftmaxTransform", "LowerCholeskyTransform", "PositiveDefiniteTransform"):
        to, tt = getattr(ad, name)(), getattr(td, name)()
        xo = autograd.tensor(x, requires_grad=True)
        xt = to_torch(xo)
        yo, yt = to(xo), tt(xt)
        assert_close(yo, yt, rtol=1e-7, atol=1e-9)
        assert_close(to.inv(yo), tt.inv(yt), rtol=1e-6, atol=1e-8)
        assert_close(autograd.grad(yo.sum(), [xo])[0], torch.autograd.grad(yt.sum(), [xt])[0], rtol=1e-7, atol=1e-9)
        assert repr(to.codomain) == repr(tt.codomain) and to.bijective == tt.bijective


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_transforms(name):
    to = TRANSFORMS[name](_Lib(autograd, ad.transforms))
    tt = TRANSFORMS[name](_Lib(torch, td.transforms))
    assert repr(to) == repr(tt).replace("torch.", "autograd.")
    assert repr(to.domain) == repr(tt.domain) and repr(to.codomain) == repr(tt.codomain)
    assert to.bijective == tt.bijective
    low, high = {"inverse_sigmoid": (0.1, 0.9), "stick_breaking": (-0.5, 0.5), "power": (0.2, 2.0)}.get(name, (-1.5, 1.5))
    xo = autograd.tensor(_arr((2, 3), low, high), requires_grad=True)
    xt = to_torch(xo)
    yo, yt = to(xo), tt(xt)
    assert_close(yo, yt, rtol=1e-7, atol=1e-9)
    assert_close(to.inv(yo), tt.inv(yt), rtol=1e-6, atol=1e-8)
    jo, jt = to.log_abs_det_jacobian(xo, yo), tt.log_abs_det_jacobian(xt, yt)
    assert_close(jo, jt, rtol=1e-7, atol=1e-9)
    (go,), (gt,) = autograd.grad(jo.sum() + yo.sum(), [xo]), torch.autograd.grad(jt.sum() + yt.sum(), [xt])
    assert_close(go, gt, rtol=1e-7, atol=1e-9)
    assert tuple(to.forward_shape((4, 3))) == tuple(tt.forward_shape((4, 3)))
    assert tuple(to.inverse_shape(to.forward_shape((4, 3)))) == tuple(tt.inverse_shape(tt.forward_shape((4, 3))))
    assert to == TRANSFORMS[name](_Lib(autograd, ad.transforms)) or name in ("compose", "independent", "reshape", "cdf")


def test_transform_cache_and_inverse_identity():
    t = ad.ExpTransform().with_cache(1)
    x = autograd.tensor([0.5, 1.0])
    y = t(x)
    assert t.inv(y) is x and t(x) is y
    assert ad.ExpTransform().inv.inv == ad.ExpTransform() and ad.ExpTransform().sign == 1
    assert ad.AffineTransform(0.0, -2.0).sign == -1
    with pytest.raises(ValueError, match="cache_size must be 0 or 1"):
        ad.ExpTransform(cache_size=2)
    with pytest.raises(TypeError):
        hash(ad.ExpTransform())


def _transformed(L, D):
    base = D.Normal(_f64(L, [0.2, -0.4, 0.1]).requires_grad_(), _f64(L, [0.8, 1.2, 0.5]).requires_grad_())
    return {"affine_tanh": D.TransformedDistribution(base, [D.AffineTransform(0.5, 2.0), D.TanhTransform()]),
            "neg_affine": D.TransformedDistribution(base, D.AffineTransform(1.0, -3.0)),
            "sigmoid": D.TransformedDistribution(base, [D.SigmoidTransform()]),
            "event": D.TransformedDistribution(base, [D.AffineTransform(0.0, _f64(L, [1.0, 2.0, 3.0]), event_dim=1)]),
            "mvn_exp": D.TransformedDistribution(D.MultivariateNormal(base.loc, L.eye(3, dtype=L.float64) * 2),
                                                 D.ExpTransform())}, [base.loc, base.scale]


@pytest.mark.parametrize("name", ["affine_tanh", "neg_affine", "sigmoid", "event", "mvn_exp"])
def test_transformed_distribution(name):
    dists_o, po = _transformed(autograd, ad)
    dists_t, pt = _transformed(torch, td)
    do, dt = dists_o[name], dists_t[name]
    assert tuple(do.batch_shape) == tuple(dt.batch_shape) and tuple(do.event_shape) == tuple(dt.event_shape)
    assert repr(do.support) == repr(dt.support) and do.has_rsample == dt.has_rsample
    lo_, hi = {"affine_tanh": (-0.9, 0.9), "sigmoid": (0.1, 0.9), "mvn_exp": (0.2, 3.0)}.get(name, (-2.0, 2.0))
    vo = autograd.tensor(_arr((4, 3), lo_, hi))
    vt = to_torch(vo)
    lpo, lpt = do.log_prob(vo), dt.log_prob(vt)
    assert_close(lpo, lpt, rtol=1e-7, atol=1e-9)
    for a, b in zip(autograd.grad(lpo.sum(), po, allow_unused=True),
                    torch.autograd.grad(lpt.sum(), pt, allow_unused=True)):
        assert (a is None) == (b is None)
        if b is not None:
            assert_close(a, b, rtol=1e-7, atol=1e-9)
    if name != "mvn_exp" and name != "event":
        assert_close(do.cdf(vo), dt.cdf(vt), rtol=1e-7, atol=1e-9)
        q = autograd.tensor(_arr((3,), 0.1, 0.9))
        assert_close(do.icdf(q), dt.icdf(to_torch(q)), rtol=1e-7, atol=1e-9)
    assert tuple(do.rsample((2,)).shape) == tuple(dt.rsample((2,)).shape)
    assert tuple(do.expand((5,) + tuple(dt.batch_shape)).sample().shape) == \
           tuple(dt.expand((5,) + tuple(dt.batch_shape)).sample().shape)


def _kl_pairs(L, D):
    a3, b3 = _f64(L, [0.3, -0.5, 1.0]), _f64(L, [-0.1, 0.4, 0.2])
    s3, t3 = _f64(L, [0.7, 1.3, 2.0]), _f64(L, [1.1, 0.6, 0.9])
    cov_p, cov_q, W = _f64(L, _SPD_P), _f64(L, _SPD_Q), _f64(L, _W)
    params = [a3, b3, s3, t3, cov_p, cov_q, W]
    for p in params:
        p.requires_grad_()
    mvn_p = D.MultivariateNormal(a3, cov_p)
    mvn_q = D.MultivariateNormal(b3, scale_tril=L.linalg.cholesky(cov_q))
    lr_p = D.LowRankMultivariateNormal(a3, W, s3)
    lr_q = D.LowRankMultivariateNormal(b3, W * 0.5, t3)
    return {
        "mvn_mvn": (mvn_p, mvn_q),
        "mvn_mvn_batched": (D.MultivariateNormal(L.stack([a3, b3]), cov_p), mvn_q),
        "lr_lr": (lr_p, lr_q), "mvn_lr": (mvn_p, lr_q), "lr_mvn": (lr_p, mvn_q),
        "exp_exp": (D.Exponential(s3), D.Exponential(t3)),
        "lap_lap": (D.Laplace(a3, s3), D.Laplace(b3, t3)),
        "exp_normal": (D.Exponential(s3), D.Normal(a3, t3)),
        "laplace_normal": (D.Laplace(a3, s3), D.Normal(b3, t3)),
        "normal_laplace": (D.Normal(a3, s3), D.Laplace(b3, t3)),
        "uniform_exp": (D.Uniform(s3 - 0.5, s3 + 1.0), D.Exponential(t3)),
        "exp_uniform": (D.Exponential(s3), D.Uniform(a3 - 1, a3 + 1)),
        "laplace_exp": (D.Laplace(a3, s3), D.Exponential(t3)),
        "normal_exp": (D.Normal(a3, s3), D.Exponential(t3)),
        "lognormal": (D.LogNormal(a3, s3), D.LogNormal(b3, t3)),
        "onehot": (D.OneHotCategorical(logits=a3), D.OneHotCategorical(logits=b3)),
    }, params


_SPD_P, _SPD_Q = _spd((), 3), _spd((), 3)
_W = _arr((3, 2))


@pytest.mark.parametrize("pair", ["mvn_mvn", "mvn_mvn_batched", "lr_lr", "mvn_lr", "lr_mvn", "exp_exp", "lap_lap",
                                  "exp_normal", "laplace_normal", "normal_laplace", "uniform_exp", "exp_uniform",
                                  "laplace_exp", "normal_exp", "lognormal", "onehot"])
def test_kl_divergence(pair):
    do, po = _kl_pairs(autograd, ad)
    dt, pt = _kl_pairs(torch, td)
    ko, kt = ad.kl_divergence(*do[pair]), td.kl_divergence(*dt[pair])
    assert_close(ko, kt, rtol=1e-7, atol=1e-9)
    if np.isfinite(kt.detach().numpy()).all():
        go = autograd.grad(ko.sum(), po, allow_unused=True)
        gt = torch.autograd.grad(kt.sum(), pt, allow_unused=True)
        for a, b in zip(go, gt):
            assert (a is None) == (b is None)
            if b is not None:
                assert_close(a, b, rtol=1e-6, atol=1e-9)


def test_kl_errors():
    eye2, eye3 = autograd.eye(2), autograd.eye(3)
    with pytest.raises(ValueError, match="different event shapes"):
        ad.kl_divergence(ad.MultivariateNormal(autograd.zeros(2), eye2), ad.MultivariateNormal(autograd.zeros(3), eye3))
    with pytest.raises(NotImplementedError):
        ad.kl_divergence(ad.TransformedDistribution(ad.Normal(0.0, 1.0), ad.ExpTransform()),
                         ad.TransformedDistribution(ad.Normal(0.0, 1.0), ad.SigmoidTransform()))
    with pytest.raises(NotImplementedError, match="No KL"):
        ad.kl_divergence(ad.Exponential(1.0), ad.Laplace(0.0, 1.0))


def test_onehot_enumerate_and_straight_through():
    probs = autograd.tensor([[0.2, 0.8], [0.6, 0.4], [0.5, 0.5]], requires_grad=True)
    o, t = ad.OneHotCategorical(probs), td.OneHotCategorical(to_torch(probs))
    assert_close(o.enumerate_support(), t.enumerate_support())
    assert_close(o.enumerate_support(expand=False), t.enumerate_support(expand=False))
    assert_close(o.log_prob(o.enumerate_support()), t.log_prob(t.enumerate_support()), rtol=1e-6)
    st = ad.OneHotCategoricalStraightThrough(probs)
    s = st.rsample((4,))
    assert tuple(s.shape) == (4, 3, 2) and st.has_rsample
    (g,) = autograd.grad((s * autograd.tensor([1.0, 2.0])).sum(), [probs])
    pt = to_torch(probs)
    st_t = td.OneHotCategoricalStraightThrough(pt)
    (gt,) = torch.autograd.grad((st_t.rsample((4,)) * torch.tensor([1.0, 2.0])).sum(), [pt])
    assert_close(g, gt)


def test_validate_args_off_allows_invalid():
    ad.Exponential(autograd.tensor([-1.0]), validate_args=False)
    ad.MultivariateNormal(autograd.zeros(2), -autograd.eye(2).double() * 0 + autograd.eye(2).double(),
                          validate_args=False).log_prob(autograd.zeros(3, 2).double())
    assert math.isfinite(ad.LogNormal(0.0, 1.0, validate_args=False).log_prob(autograd.tensor(1.0)).item())
