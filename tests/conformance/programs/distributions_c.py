# torch.distributions: VonMises, Kumaraswamy, (Logit)RelaxedBernoulli, RelaxedOneHotCategorical, LKJCholesky,
# Wishart, biject_to/transform_to, CorrCholeskyTransform, the remaining registered KL pairs, validation.

# %% distc_von_mises_values rtol=1e-6 atol=1e-8
import math
import torch
from torch.distributions import VonMises

loc = torch.tensor([0.0, 1.0, -2.0, 3.0], dtype=torch.float64, requires_grad=True)
kappa = torch.tensor([0.5, 2.0, 3.74, 12.0], dtype=torch.float64, requires_grad=True)
d = VonMises(loc, kappa)
x = torch.tensor([0.3, 1.5, 2.0, -3.0], dtype=torch.float64)
lp = d.log_prob(x)
print(d, d.batch_shape, d.event_shape, d.has_rsample, d.support)
print(lp)
print(d.mean, d.mode, d.variance)
lp.sum().backward()
print(loc.grad, kappa.grad)

# %% distc_von_mises_sample_shapes
import math
import torch
from torch.distributions import VonMises

torch.manual_seed(0)
d = VonMises(torch.tensor([0.5, -1.0]), torch.tensor([1e-6, 4.0]))
s = d.sample((1000,))
print(s.shape, s.dtype, bool((s.abs() <= math.pi).all()))
d64 = VonMises(torch.tensor(0.0, dtype=torch.float64), torch.tensor(1.0, dtype=torch.float64))
print(d64.sample((3, 2)).dtype, d64.sample().shape)
e = d.expand((3, 2))
print(e.batch_shape, e.loc.shape, e.sample().shape)
try:
    d.rsample()
except Exception as ex:
    print(type(ex).__name__)

# %% distc_von_mises_fit_loc rtol=1e-6 atol=1e-8
import numpy as np
import torch
from torch.distributions import VonMises

rng = np.random.default_rng(0)
angles = torch.from_numpy(rng.vonmises(1.2, 3.0, size=200))
mu = torch.zeros((), dtype=torch.float64, requires_grad=True)
log_k = torch.zeros((), dtype=torch.float64, requires_grad=True)
opt = torch.optim.Adam([mu, log_k], lr=0.1)
for step in range(60):
    opt.zero_grad()
    nll = -VonMises(mu, log_k.exp()).log_prob(angles).mean()
    nll.backward()
    opt.step()
print(round(nll.item(), 6), round(mu.item(), 6), round(log_k.exp().item(), 6))

# %% distc_von_mises_validation
import torch
from torch.distributions import VonMises

try:
    VonMises(torch.tensor([0.0, 1.0]), torch.tensor([1.0, -1.0]))
except Exception as e:
    print(type(e).__name__, e)
d = VonMises(torch.tensor(0.0), torch.tensor(1.0))
try:
    d.log_prob(torch.tensor(float("nan")))
except Exception as e:
    print(type(e).__name__, e)
print(VonMises(torch.tensor(0.0), torch.tensor(-1.0), validate_args=False).batch_shape)

# %% distc_kumaraswamy_values rtol=1e-6 atol=1e-8
import torch
from torch.distributions import Kumaraswamy

a = torch.tensor([0.5, 2.0, 5.0], dtype=torch.float64, requires_grad=True)
b = torch.tensor([1.5, 3.0, 0.8], dtype=torch.float64, requires_grad=True)
d = Kumaraswamy(a, b)
x = torch.tensor([0.1, 0.5, 0.95], dtype=torch.float64)
lp = d.log_prob(x)
print(d, d.batch_shape, d.event_shape, d.has_rsample, d.support)
print(lp, d.entropy())
print(d.mean, d.variance, d.mode)
(lp.sum() + d.entropy().sum() + d.mean.sum()).backward()
print(a.grad, b.grad)
print(Kumaraswamy(2.0, 3.0).mode, Kumaraswamy(2.0, 3.0).batch_shape)

# %% distc_kumaraswamy_rsample_grad
import torch
from torch.distributions import Kumaraswamy

torch.manual_seed(0)
a = torch.tensor([2.0, 0.7], requires_grad=True)
b = torch.tensor([1.0, 4.0], requires_grad=True)
d = Kumaraswamy(a, b)
s = d.rsample((50,))
print(s.shape, s.dtype, bool(((s >= 0) & (s <= 1)).all()))
s.mean().backward()
print(a.grad.shape, b.grad.shape, bool(torch.isfinite(a.grad).all()))
e = d.expand((3, 2))
print(e.batch_shape, e.concentration1.shape, type(e).__name__, e.sample().shape)
print(d.transforms)

# %% distc_kumaraswamy_cdf_validation rtol=1e-5 atol=1e-7
import torch
from torch.distributions import Kumaraswamy

d = Kumaraswamy(torch.tensor(2.0), torch.tensor(3.0))
q = torch.tensor([0.1, 0.5, 0.9])
print(d.cdf(q), d.icdf(d.cdf(q)), d.icdf(torch.tensor(0.5)))
try:
    d.log_prob(torch.tensor(1.5))
except Exception as e:
    print(type(e).__name__, e)
try:
    Kumaraswamy(torch.tensor([1.0]), torch.tensor([0.0]))
except Exception as e:
    print(type(e).__name__, e)

# %% distc_logit_relaxed_bernoulli rtol=1e-6 atol=1e-8
import torch
from torch.distributions.relaxed_bernoulli import LogitRelaxedBernoulli

temp = torch.tensor(0.5, dtype=torch.float64)
probs = torch.tensor([0.2, 0.5, 0.9], dtype=torch.float64, requires_grad=True)
d = LogitRelaxedBernoulli(temp, probs=probs)
v = torch.tensor([-1.0, 0.3, 2.5], dtype=torch.float64)
lp = d.log_prob(v)
print(d, d.batch_shape, d.event_shape, d.has_rsample, d.support, d.param_shape)
print(lp, d.logits)
lp.sum().backward()
print(probs.grad)
torch.manual_seed(0)
print(d.rsample((4,)).shape, d.sample().dtype, d.expand((2, 3)).batch_shape)
d2 = LogitRelaxedBernoulli(torch.tensor(2.0), logits=torch.tensor([[0.0, 1.0]]))
print(d2.probs, d2.batch_shape)

# %% distc_relaxed_bernoulli rtol=1e-6 atol=1e-8
import torch
from torch.distributions import RelaxedBernoulli

temp = torch.tensor([0.3, 1.0], dtype=torch.float64)
logits = torch.tensor([0.4, -1.2], dtype=torch.float64, requires_grad=True)
d = RelaxedBernoulli(temp, logits=logits)
v = torch.tensor([0.25, 0.8], dtype=torch.float64)
lp = d.log_prob(v)
print(d.batch_shape, d.event_shape, d.has_rsample, d.support, d.temperature)
print(lp, d.probs)
lp.sum().backward()
print(logits.grad)
torch.manual_seed(0)
s = d.rsample((20,))
print(s.shape, bool(((s > 0) & (s < 1)).all()))
e = d.expand((4, 2))
print(type(e).__name__, e.batch_shape, e.base_dist.batch_shape, e.sample().shape)
try:
    RelaxedBernoulli(temp)
except Exception as ex:
    print(type(ex).__name__, ex)

# %% distc_relaxed_one_hot_categorical rtol=1e-6 atol=1e-8
import torch
from torch.distributions import RelaxedOneHotCategorical
from torch.distributions.relaxed_categorical import ExpRelaxedCategorical

temp = torch.tensor(0.7, dtype=torch.float64)
probs = torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]], dtype=torch.float64, requires_grad=True)
d = RelaxedOneHotCategorical(temp, probs=probs)
v = torch.tensor([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]], dtype=torch.float64)
lp = d.log_prob(v)
print(d.batch_shape, d.event_shape, d.has_rsample, d.support, d.temperature)
print(lp, d.logits)
lp.sum().backward()
print(probs.grad)
e = d.expand((3, 2))
print(type(e).__name__, e.batch_shape, e.event_shape, e.probs.shape)
d = ExpRelaxedCategorical(torch.tensor(2.0, dtype=torch.float64),
                          logits=torch.tensor([0.1, -0.4, 1.3], dtype=torch.float64))
v = torch.tensor([-1.2, -1.5, -0.6], dtype=torch.float64)
print(d.batch_shape, d.event_shape, d.support, d.log_prob(v), d.param_shape)
torch.manual_seed(0)
s = d.rsample((6,))
print(s.shape, torch.allclose(s.exp().sum(-1), torch.ones(6, dtype=torch.float64)))

# %% distc_gumbel_softmax_training_step
import torch
from torch.distributions import RelaxedOneHotCategorical

torch.manual_seed(0)
logits = torch.zeros(4, 5, requires_grad=True)
dist = RelaxedOneHotCategorical(torch.tensor(0.5), logits=logits)
y = dist.rsample()
print(y.shape, y.requires_grad, torch.allclose(y.sum(-1), torch.ones(4)))
loss = (y * torch.arange(5.0)).sum()
loss.backward()
print(logits.grad.shape, bool(torch.isfinite(logits.grad).all()), torch.allclose(logits.grad.sum(-1), torch.zeros(4), atol=1e-5))
print(dist.sample((2, 3)).shape, dist.sample().requires_grad)

# %% distc_lkj_cholesky_log_prob rtol=1e-6 atol=1e-8
import torch
from torch.distributions import LKJCholesky
from torch.distributions.transforms import CorrCholeskyTransform

t = CorrCholeskyTransform()
x = torch.tensor([[0.3, -0.5, 0.8], [1.0, 0.2, -0.1]], dtype=torch.float64)
L = t(x)
conc = torch.tensor([0.5, 2.0], dtype=torch.float64, requires_grad=True)
d = LKJCholesky(3, conc)
lp = d.log_prob(L)
print(d.batch_shape, d.event_shape, d.support, d.has_rsample, d.dim)
print(lp)
lp.sum().backward()
print(conc.grad)
print(LKJCholesky(2, 1.5).log_prob(torch.eye(2)))
print(LKJCholesky(4).concentration, LKJCholesky(4).batch_shape)

# %% distc_lkj_cholesky_sample
import torch
from torch.distributions import LKJCholesky, constraints

torch.manual_seed(0)
d = LKJCholesky(4, torch.tensor([0.5, 1.0, 3.0]))
s = d.sample((5,))
print(s.shape, s.dtype)
print(bool(constraints.corr_cholesky.check(s).all()))
corr = s @ s.mT
print(torch.allclose(corr.diagonal(dim1=-2, dim2=-1), torch.ones(5, 3, 4), atol=1e-5))
e = d.expand((2, 3))
print(e.batch_shape, e.event_shape, e.sample().shape)
try:
    LKJCholesky(1)
except Exception as ex:
    print(type(ex).__name__, ex)
try:
    d.rsample()
except Exception as ex:
    print(type(ex).__name__)

# %% distc_corr_cholesky_transform rtol=1e-6 atol=1e-8
import torch
from torch.distributions.transforms import CorrCholeskyTransform

t = CorrCholeskyTransform()
x = torch.tensor([0.5, -1.0, 0.25, 2.0, -0.3, 0.1], dtype=torch.float64, requires_grad=True)
y = t(x)
print(t, t.domain, t.codomain, t.bijective)
print(y)
print(t.inv(y))
lad = t.log_abs_det_jacobian(x, y)
print(lad)
lad.backward()
print(x.grad)
print(t.forward_shape((2, 6)), t.inverse_shape((2, 4, 4)))
try:
    t.forward_shape((5,))
except Exception as e:
    print(type(e).__name__, e)
try:
    t.inverse_shape((3, 4))
except Exception as e:
    print(type(e).__name__, e)

# %% distc_wishart_values rtol=1e-6 atol=1e-8
import torch
from torch.distributions import Wishart

A = torch.tensor([[2.0, 0.3, 0.1], [0.3, 1.5, -0.2], [0.1, -0.2, 1.0]], dtype=torch.float64)
df = torch.tensor(5.0, dtype=torch.float64, requires_grad=True)
cov = A.clone().requires_grad_()
d = Wishart(df, covariance_matrix=cov)
X = torch.tensor([[6.0, 1.0, 0.0], [1.0, 8.0, 0.5], [0.0, 0.5, 4.0]], dtype=torch.float64)
lp = d.log_prob(X)
print(d.batch_shape, d.event_shape, d.has_rsample, d.support)
print(lp, d.entropy())
print(d.mean)
print(d.variance)
print(d.mode)
(lp + d.entropy()).backward()
print(df.grad)
print(cov.grad)

# %% distc_wishart_parametrizations rtol=1e-6 atol=1e-8
import torch
from torch.distributions import Wishart

A = torch.tensor([[2.0, 0.5], [0.5, 1.0]], dtype=torch.float64)
L = torch.linalg.cholesky(A)
P = torch.linalg.inv(A)
X = torch.tensor([[3.0, 0.2], [0.2, 2.0]], dtype=torch.float64)
for kw in ({"covariance_matrix": A}, {"precision_matrix": P}, {"scale_tril": L}):
    d = Wishart(4.0, **kw)
    print(list(kw)[0], d.log_prob(X).item(), d.entropy().item())
    print(d.scale_tril, d.covariance_matrix, d.precision_matrix)
d = Wishart(torch.tensor([3.0, 6.0], dtype=torch.float64), scale_tril=L)
print(d.batch_shape, d.df, d.log_prob(X), d.mean.shape)
try:
    Wishart(4.0, covariance_matrix=A, scale_tril=L)
except Exception as e:
    print(type(e).__name__, e)
try:
    Wishart(0.5, covariance_matrix=A)
except Exception as e:
    print(type(e).__name__, e)
try:
    Wishart(4.0, covariance_matrix=torch.ones(2, dtype=torch.float64))
except Exception as e:
    print(type(e).__name__, e)

# %% distc_wishart_sample_expand
import warnings
import torch
from torch.distributions import Wishart, constraints

torch.manual_seed(0)
warnings.simplefilter("ignore")
cov = torch.tensor([[1.0, 0.2], [0.2, 0.5]])
d = Wishart(torch.tensor([3.0, 8.0]), covariance_matrix=cov)
s = d.rsample((4,))
print(s.shape, s.dtype, bool(constraints.symmetric.check(s).all()))
e = d.expand((5, 2))
print(e.batch_shape, e.event_shape, e.df.shape, e.covariance_matrix.shape, e.sample().shape)
print(e.log_prob(torch.eye(2)).shape)

# %% distc_wishart_validation
import torch
from torch.distributions import Wishart

bad = torch.tensor([[1.0, 2.0], [2.0, 1.0]])
try:
    Wishart(3.0, covariance_matrix=bad)
except Exception as e:
    print(type(e).__name__, str(e).split(" but found")[0])
d = Wishart(3.0, covariance_matrix=torch.eye(2))
try:
    d.log_prob(bad)
except Exception as e:
    print(type(e).__name__, str(e).split(" but found")[0])
print(sorted(d.arg_constraints), d.arg_constraints["df"])

# %% distc_biject_to_reprs
import torch
from torch.distributions import biject_to, transform_to, constraints

cs = [constraints.real, constraints.positive, constraints.nonnegative, constraints.greater_than(2.0),
      constraints.greater_than_eq(-1.0), constraints.less_than(3.0), constraints.interval(-2.0, 5.0),
      constraints.unit_interval, constraints.half_open_interval(0.0, 1.0), constraints.simplex,
      constraints.corr_cholesky, constraints.real_vector, constraints.independent(constraints.positive, 2)]
for c in cs:
    b = biject_to(c)
    t = transform_to(c)
    print(c, "|", type(b).__name__, "|", type(t).__name__)
for c in [constraints.lower_cholesky, constraints.positive_definite, constraints.positive_semidefinite]:
    print(c, type(transform_to(c)).__name__)
    try:
        biject_to(c)
    except Exception as e:
        print(type(e).__name__, e)
print(biject_to(constraints.interval(0.0, 2.0)))
print(transform_to(constraints.simplex), biject_to(constraints.simplex))

# %% distc_transform_to_values rtol=1e-6 atol=1e-8
import torch
from torch.distributions import biject_to, transform_to, constraints

x = torch.tensor([-1.5, 0.0, 0.7, 2.0], dtype=torch.float64, requires_grad=True)
for c in [constraints.positive, constraints.greater_than(1.0), constraints.less_than(-2.0),
          constraints.interval(-1.0, 3.0), constraints.unit_interval]:
    t = biject_to(c)
    y = t(x)
    print(y, bool(c.check(y).all()), t.log_abs_det_jacobian(x, y))
    print(t.inv(y))
s = transform_to(constraints.simplex)(x)
sb = biject_to(constraints.simplex)(x)
print(s, sb, bool(constraints.simplex.check(sb)))
m = torch.tensor([[0.5, 0.0], [1.0, -0.3]], dtype=torch.float64)
print(transform_to(constraints.lower_cholesky)(m))
print(transform_to(constraints.positive_definite)(m))
biject_to(constraints.positive)(x).sum().backward()
print(x.grad)

# %% distc_constrained_parameter_optim rtol=1e-6 atol=1e-8
import torch
from torch.distributions import Normal, biject_to, constraints

data = torch.tensor([0.3, 1.2, -0.4, 2.2, 0.9, 1.6], dtype=torch.float64)
t_scale = biject_to(constraints.positive)
unconstrained = torch.zeros((), dtype=torch.float64, requires_grad=True)
loc = torch.zeros((), dtype=torch.float64, requires_grad=True)
opt = torch.optim.SGD([unconstrained, loc], lr=0.1)
for _ in range(50):
    opt.zero_grad()
    nll = -Normal(loc, t_scale(unconstrained)).log_prob(data).sum()
    nll.backward()
    opt.step()
print(round(nll.item(), 6), round(loc.item(), 6), round(t_scale(unconstrained).item(), 6))

# %% distc_constraint_registry_custom
import torch
from torch.distributions import constraints, transforms
from torch.distributions.constraint_registry import ConstraintRegistry, biject_to

class _Odd(constraints.Constraint):
    def check(self, value):
        return value % 2 == 1

reg = ConstraintRegistry()
try:
    reg(constraints.positive)
except Exception as e:
    print(type(e).__name__, e)
reg.register(constraints.positive, lambda c: transforms.SoftplusTransform())
print(reg(constraints.positive), reg(constraints.greater_than(3.0)))
try:
    reg.register(3, lambda c: None)
except Exception as e:
    print(type(e).__name__)
try:
    biject_to(_Odd())
except Exception as e:
    print(type(e).__name__, e)
try:
    biject_to(constraints.boolean)
except Exception as e:
    print(type(e).__name__, e)
print(constraints.corr_cholesky, constraints.corr_cholesky.event_dim, constraints.corr_cholesky.is_discrete)
print(constraints.corr_cholesky.check(torch.eye(3)), constraints.corr_cholesky.check(2 * torch.eye(3)))

# %% distc_kl_cauchy_gumbel_pareto rtol=1e-6 atol=1e-8
import torch
from torch.distributions import Cauchy, Gumbel, Pareto, HalfNormal, kl_divergence

f = lambda *v: torch.tensor(v, dtype=torch.float64)
print(kl_divergence(Cauchy(f(0.0, 1.0), f(1.0, 2.0)), Cauchy(f(0.5, -1.0), f(2.0, 0.5))))
print(kl_divergence(Gumbel(f(0.0, 1.0), f(1.0, 2.0)), Gumbel(f(0.5, -1.0), f(2.0, 0.5))))
print(kl_divergence(Pareto(f(1.0, 2.0), f(3.0, 1.5)), Pareto(f(0.5, 3.0), f(2.0, 2.5))))
print(kl_divergence(HalfNormal(f(1.0, 2.0)), HalfNormal(f(0.5, 3.0))))
s = f(1.0, 2.0).requires_grad_()
kl = kl_divergence(Gumbel(s, s), Gumbel(f(0.0, 0.0), f(1.0, 1.0)))
kl.sum().backward()
print(kl, s.grad)

# %% distc_kl_continuous_bernoulli_pairs rtol=1e-6 atol=1e-8
import torch
from torch.distributions import (Beta, ContinuousBernoulli, Exponential, Normal, Uniform, Pareto, Gamma, Gumbel,
                                 Laplace, kl_divergence)

f = lambda *v: torch.tensor(v, dtype=torch.float64)
cb = ContinuousBernoulli(f(0.2, 0.7))
cb2 = ContinuousBernoulli(f(0.45, 0.9))
print(kl_divergence(cb, cb2))
print(kl_divergence(cb, Exponential(f(1.0, 2.0))))
print(kl_divergence(cb, Normal(f(0.0, 1.0), f(1.0, 0.5))))
print(kl_divergence(cb, Uniform(f(0.0, -1.0), f(1.0, 0.5))))
print(kl_divergence(cb, Pareto(f(1.0, 2.0), f(1.0, 2.0))))
print(kl_divergence(Beta(f(2.0, 0.5), f(3.0, 1.5)), cb))
print(kl_divergence(Uniform(f(0.1, 0.0), f(0.9, 1.0)), cb))
for p in [Exponential(f(1.0, 2.0)), Gamma(f(1.0, 2.0), f(1.0, 2.0)), Normal(f(0.0, 1.0), f(1.0, 1.0)),
          Laplace(f(0.0, 1.0), f(1.0, 1.0)), Gumbel(f(0.0, 1.0), f(1.0, 1.0)), Pareto(f(1.0, 2.0), f(1.0, 2.0))]:
    print(type(p).__name__, kl_divergence(p, cb))

# %% distc_kl_cross_family rtol=1e-6 atol=1e-8
import torch
from torch.distributions import Exponential, Gamma, Gumbel, Normal, Pareto, Uniform, Beta, Laplace, kl_divergence

f = lambda *v: torch.tensor(v, dtype=torch.float64)
g = Gumbel(f(0.5, -1.0), f(2.0, 0.7))
print(kl_divergence(Exponential(f(1.0, 3.0)), g))
print(kl_divergence(Gamma(f(2.0, 0.5), f(1.0, 3.0)), g))
print(kl_divergence(Normal(f(0.0, 1.0), f(1.0, 0.3)), g))
print(kl_divergence(Uniform(f(0.0, -2.0), f(1.0, 3.0)), g))
print(kl_divergence(g, Normal(f(0.0, 1.0), f(1.0, 0.3))))
pa = Pareto(f(1.0, 2.0), f(3.0, 1.5))
print(kl_divergence(pa, Exponential(f(1.0, 3.0))))
print(kl_divergence(pa, Gamma(f(2.0, 0.5), f(1.0, 3.0))))
print(kl_divergence(pa, Normal(f(0.0, 1.0), f(1.0, 0.3))))
print(kl_divergence(Uniform(f(1.0, 0.5), f(2.0, 3.0)), pa))
for q in [Beta(f(1.0, 2.0), f(1.0, 2.0)), Uniform(f(0.0, 0.0), f(1.0, 1.0)), Exponential(f(1.0, 2.0)),
          Gamma(f(1.0, 2.0), f(1.0, 2.0)), Pareto(f(1.0, 2.0), f(1.0, 2.0))]:
    print(type(q).__name__, kl_divergence(g, q))
for p in [Beta(f(1.0, 2.0), f(1.0, 2.0)), Exponential(f(1.0, 2.0)), Gamma(f(1.0, 2.0), f(1.0, 2.0)),
          Laplace(f(0.0, 1.0), f(1.0, 1.0)), Normal(f(0.0, 1.0), f(1.0, 1.0))]:
    print(type(p).__name__, kl_divergence(p, pa))
for q in [Beta(f(1.0, 2.0), f(1.0, 2.0)), Uniform(f(0.0, 0.0), f(1.0, 1.0))]:
    print(type(q).__name__, kl_divergence(pa, q))

# %% distc_kl_unregistered_pairs
import torch
from torch.distributions import (VonMises, Kumaraswamy, Normal, Wishart, LKJCholesky, RelaxedBernoulli, Poisson,
                                 Cauchy, kl_divergence)

pairs = [(VonMises(torch.tensor(0.0), torch.tensor(1.0)), VonMises(torch.tensor(0.0), torch.tensor(2.0))),
         (Kumaraswamy(torch.tensor(1.0), torch.tensor(2.0)), Kumaraswamy(torch.tensor(1.0), torch.tensor(3.0))),
         (Normal(0.0, 1.0), Cauchy(0.0, 1.0)),
         (Poisson(torch.tensor(1.0)), Normal(0.0, 1.0)),
         (LKJCholesky(2), LKJCholesky(2, 2.0))]
for p, q in pairs:
    try:
        kl_divergence(p, q)
    except NotImplementedError as e:
        print(type(e).__name__, e)
w = Wishart(4.0, covariance_matrix=torch.eye(2, dtype=torch.float64))
w2 = Wishart(5.0, covariance_matrix=2 * torch.eye(2, dtype=torch.float64))
print(kl_divergence(w, w2))

# %% distc_validate_args_messages
import torch
from torch.distributions import Normal, Kumaraswamy, RelaxedBernoulli, LKJCholesky, Distribution

try:
    Normal(torch.tensor([0.0, float("nan")]), torch.tensor([1.0, 1.0]))
except ValueError as e:
    print(e)
try:
    RelaxedBernoulli(torch.tensor(0.5), probs=torch.tensor([0.5, 1.5]))
except ValueError as e:
    print(e)
try:
    LKJCholesky(3, torch.tensor([-1.0]))
except ValueError as e:
    print(e)
d = LKJCholesky(2)
try:
    d.log_prob(torch.tensor([[1.0, 0.0], [0.5, 0.5]]))
except ValueError as e:
    print(e)
Distribution.set_default_validate_args(False)
print(Kumaraswamy(torch.tensor(-1.0), torch.tensor(1.0)).concentration1)
Distribution.set_default_validate_args(True)
try:
    Kumaraswamy(torch.tensor(-1.0), torch.tensor(1.0))
except ValueError as e:
    print(type(e).__name__)
try:
    Distribution.set_default_validate_args(1.5)
except ValueError as e:
    print(type(e).__name__, repr(str(e)))

# %% distc_support_arg_constraints_printing
import torch
from torch.distributions import (VonMises, Kumaraswamy, RelaxedBernoulli, RelaxedOneHotCategorical, LKJCholesky,
                                 Wishart)
from torch.distributions.relaxed_bernoulli import LogitRelaxedBernoulli
from torch.distributions.relaxed_categorical import ExpRelaxedCategorical

for cls in [VonMises, Kumaraswamy, RelaxedBernoulli, RelaxedOneHotCategorical, LKJCholesky, LogitRelaxedBernoulli,
            ExpRelaxedCategorical]:
    print(cls.__name__, cls.arg_constraints, cls.support, cls.has_rsample, cls.has_enumerate_support)
w = Wishart(3.0, scale_tril=torch.eye(2))
print(w.arg_constraints, w.support, w.has_rsample)
print(VonMises(torch.zeros(2), torch.ones(2)))
print(Kumaraswamy(torch.ones(2), torch.ones(2)))
print(LKJCholesky(3, 2.0))

# %% distc_expand_shapes
import torch
from torch.distributions import VonMises, Kumaraswamy, RelaxedBernoulli, RelaxedOneHotCategorical, LKJCholesky, Wishart

ds = [VonMises(torch.zeros(3), torch.ones(3)), Kumaraswamy(torch.ones(3), torch.ones(3)),
      RelaxedBernoulli(torch.tensor(0.5), probs=torch.full((3,), 0.3)),
      RelaxedOneHotCategorical(torch.tensor(0.5), probs=torch.full((3, 4), 0.25)),
      LKJCholesky(2, torch.ones(3)), Wishart(torch.full((3,), 4.0), covariance_matrix=torch.eye(2))]
for d in ds:
    e = d.expand(torch.Size([2, 3]))
    print(type(e).__name__, d.batch_shape, d.event_shape, "->", e.batch_shape, e.event_shape,
          e.sample().shape, e.sample((4,)).shape)
    try:
        d.expand((2, 4))
    except Exception as ex:
        print("  ", type(ex).__name__)

# %% distc_log_prob_broadcasting rtol=1e-6 atol=1e-8
import torch
from torch.distributions import VonMises, Kumaraswamy, RelaxedOneHotCategorical, LKJCholesky

vm = VonMises(torch.tensor([0.0, 1.0], dtype=torch.float64), torch.tensor([1.0, 5.0], dtype=torch.float64))
x = torch.linspace(-3, 3, 6, dtype=torch.float64).unsqueeze(-1)
print(vm.log_prob(x).shape, vm.log_prob(x).exp().sum(0))
ku = Kumaraswamy(torch.tensor([[1.0], [2.0]], dtype=torch.float64), torch.tensor([1.0, 3.0, 0.5], dtype=torch.float64))
print(ku.batch_shape, ku.log_prob(torch.tensor(0.3, dtype=torch.float64)))
lkj = LKJCholesky(2, torch.tensor([1.0, 2.0], dtype=torch.float64))
L = torch.tensor([[[1.0, 0.0], [0.6, 0.8]]], dtype=torch.float64).expand(3, 1, 2, 2)
print(lkj.log_prob(L).shape, lkj.log_prob(L)[0])
r = RelaxedOneHotCategorical(torch.tensor([[0.5], [2.0]], dtype=torch.float64),
                             logits=torch.tensor([0.0, 1.0, -1.0], dtype=torch.float64).expand(2, 3))
print(r.log_prob(torch.tensor([0.2, 0.5, 0.3], dtype=torch.float64)))

# %% distc_vonmises_mixture_em rtol=1e-6 atol=1e-8
import numpy as np
import torch
from torch.distributions import VonMises, Categorical, MixtureSameFamily

rng = np.random.default_rng(1)
x = torch.from_numpy(np.concatenate([rng.vonmises(-2.0, 4.0, 100), rng.vonmises(1.0, 8.0, 100)]))
logits = torch.zeros(2, dtype=torch.float64, requires_grad=True)
locs = torch.tensor([-1.0, 0.5], dtype=torch.float64, requires_grad=True)
log_k = torch.zeros(2, dtype=torch.float64, requires_grad=True)
opt = torch.optim.Adam([logits, locs, log_k], lr=0.05)
for _ in range(40):
    opt.zero_grad()
    mix = MixtureSameFamily(Categorical(logits=logits), VonMises(locs, log_k.exp()))
    loss = -mix.log_prob(x).mean()
    loss.backward()
    opt.step()
print(round(loss.item(), 6), locs.detach(), log_k.exp().detach(), mix.mean, mix.batch_shape)

# %% distc_lkj_prior_unconstrained rtol=1e-6 atol=1e-8
import torch
from torch.distributions import LKJCholesky, MultivariateNormal
from torch.distributions.transforms import CorrCholeskyTransform

t = CorrCholeskyTransform()
x = torch.tensor([0.2, -0.4, 0.6], dtype=torch.float64, requires_grad=True)
sigma = torch.tensor([1.0, 2.0, 0.5], dtype=torch.float64)
data = torch.tensor([[0.1, 1.0, -0.2], [0.5, -2.0, 0.3], [-0.7, 0.4, 0.1]], dtype=torch.float64)
L = t(x)
prior = LKJCholesky(3, 2.0).log_prob(L) + t.log_abs_det_jacobian(x, L)
lik = MultivariateNormal(torch.zeros(3, dtype=torch.float64), scale_tril=sigma.diag() @ L).log_prob(data).sum()
(prior + lik).backward()
print(prior, lik)
print(x.grad)
print(L @ L.T)

# %% distc_wishart_rsample_mode
import warnings
import torch
from torch.distributions import Wishart

warnings.simplefilter("ignore")
torch.manual_seed(0)
df = torch.tensor(6.0, requires_grad=True)
L = torch.tensor([[1.0, 0.0], [0.3, 0.8]], requires_grad=True)
d = Wishart(df, scale_tril=L)
s = d.rsample((3,))
print(s.shape, s.requires_grad, s.grad_fn is not None)
print(torch.linalg.eigvalsh(s).min() > 0)
m = Wishart(torch.tensor([1.5, 4.0]), covariance_matrix=torch.eye(2)).mode
print(m)

# %% distc_relaxed_temperature_annealing
import torch
from torch.distributions import RelaxedOneHotCategorical, RelaxedBernoulli

torch.manual_seed(0)
logits = torch.tensor([[1.0, 0.0, -1.0]], requires_grad=True)
for tau in [2.0, 1.0, 0.5, 0.1]:
    d = RelaxedOneHotCategorical(torch.tensor(tau), logits=logits)
    y = d.rsample((8,))
    hard = torch.nn.functional.one_hot(y.argmax(-1), 3).float()
    st = (hard - y).detach() + y
    print(tau, y.shape, st.shape, bool(torch.allclose(st.sum(-1), torch.ones(8, 1))), st.grad_fn is not None)
b = RelaxedBernoulli(torch.tensor(0.1), logits=torch.zeros(3))
print(b.sample((2,)).shape, b.temperature, b.logits)
torch.manual_seed(0)
logits = torch.zeros(5, requires_grad=True)
d = RelaxedBernoulli(torch.tensor(0.5), logits=logits)
s = d.rsample()
(s * torch.arange(5.0)).sum().backward()
print(s.shape, s.requires_grad, s.grad_fn is not None, logits.grad.shape, bool((logits.grad >= 0).all()))

# %% distc_inverse_gamma rtol=1e-6 atol=1e-8
import torch
from torch.distributions import InverseGamma

c = torch.tensor([0.5, 1.5, 3.0], dtype=torch.float64, requires_grad=True)
r = torch.tensor([2.0, 1.0, 0.5], dtype=torch.float64, requires_grad=True)
d = InverseGamma(c, r)
x = torch.tensor([0.3, 1.0, 4.0], dtype=torch.float64)
lp = d.log_prob(x)
print(d.batch_shape, d.event_shape, d.has_rsample, d.support, d.transforms)
print(lp, d.entropy())
print(d.mean, d.mode, d.variance)
(lp.sum() + d.entropy().sum()).backward()
print(c.grad, r.grad)
torch.manual_seed(0)
s = d.rsample((5,))
print(s.shape, bool((s > 0).all()), d.expand((2, 3)).batch_shape, type(d.expand((2, 3))).__name__)

# %% distc_fisher_snedecor rtol=1e-6 atol=1e-8
import torch
from torch.distributions import FisherSnedecor

d1 = torch.tensor([1.0, 3.0, 10.0], dtype=torch.float64, requires_grad=True)
d2 = torch.tensor([2.0, 5.0, 12.0], dtype=torch.float64, requires_grad=True)
d = FisherSnedecor(d1, d2)
x = torch.tensor([0.5, 1.0, 2.5], dtype=torch.float64)
lp = d.log_prob(x)
print(d, d.batch_shape, d.has_rsample, d.support)
print(lp, d.mean, d.mode, d.variance)
lp.sum().backward()
print(d1.grad, d2.grad)
torch.manual_seed(0)
print(d.rsample((4,)).shape, FisherSnedecor(2.0, 3.0).batch_shape, d.expand((2, 3)).df1.shape)
try:
    FisherSnedecor(torch.tensor([1.0]), torch.tensor([-2.0]))
except Exception as e:
    print(type(e).__name__, e)

# %% distc_negative_binomial rtol=1e-6 atol=1e-8
import torch
from torch.distributions import NegativeBinomial

tc = torch.tensor([1.0, 4.0, 10.5], dtype=torch.float64)
p = torch.tensor([0.2, 0.5, 0.9], dtype=torch.float64, requires_grad=True)
d = NegativeBinomial(tc, probs=p)
k = torch.tensor([0.0, 3.0, 40.0], dtype=torch.float64)
lp = d.log_prob(k)
print(d, d.batch_shape, d.support, d.has_rsample)
print(lp, d.mean, d.mode, d.variance, d.logits)
lp.sum().backward()
print(p.grad)
d2 = NegativeBinomial(torch.tensor(3.0), logits=torch.tensor([0.0, -1.0]))
print(d2.probs, d2.log_prob(torch.tensor([2.0, 0.0])), d2.batch_shape, d2.total_count)
torch.manual_seed(0)
s = d.sample((6,))
print(s.shape, s.dtype, bool((s >= 0).all()), bool((s == s.round()).all()))
print(d.expand((2, 3)).batch_shape)
try:
    d.log_prob(torch.tensor([0.5, 1.0, 2.0], dtype=torch.float64))
except Exception as e:
    print(type(e).__name__)
try:
    NegativeBinomial(torch.tensor(2.0), probs=torch.tensor(1.0))
except Exception as e:
    print(type(e).__name__)

# %% distc_multinomial rtol=1e-6 atol=1e-8
import torch
from torch.distributions import Multinomial

probs = torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]], dtype=torch.float64, requires_grad=True)
d = Multinomial(10, probs=probs)
v = torch.tensor([[2.0, 3.0, 5.0], [10.0, 0.0, 0.0]], dtype=torch.float64)
lp = d.log_prob(v)
print(d.batch_shape, d.event_shape, d.support, d.total_count, d.has_rsample)
print(lp, d.entropy())
print(d.mean, d.variance)
(lp.sum() + d.entropy().sum()).backward()
print(probs.grad)
torch.manual_seed(0)
s = d.sample((4,))
print(s.shape, s.dtype, bool((s.sum(-1) == 10).all()))
print(Multinomial(logits=torch.tensor([0.0, 1.0])).sample().sum(), d.expand((3, 2)).batch_shape)
try:
    Multinomial(torch.tensor(3), probs=torch.tensor([0.5, 0.5]))
except Exception as e:
    print(type(e).__name__, e)
try:
    d.log_prob(torch.tensor([[-1.0, 3.0, 5.0], [1.0, 0.0, 0.0]], dtype=torch.float64))
except Exception as e:
    print(type(e).__name__)

# %% distc_logistic_normal rtol=1e-6 atol=1e-8
import torch
from torch.distributions import LogisticNormal

loc = torch.tensor([0.2, -0.5], dtype=torch.float64, requires_grad=True)
scale = torch.tensor([1.0, 0.5], dtype=torch.float64, requires_grad=True)
d = LogisticNormal(loc, scale)
v = torch.tensor([0.3, 0.2, 0.5], dtype=torch.float64)
lp = d.log_prob(v)
print(d.batch_shape, d.event_shape, d.support, d.has_rsample)
print(lp)
lp.backward()
print(loc.grad, scale.grad)
torch.manual_seed(0)
s = d.rsample((4,))
print(s.shape, torch.allclose(s.sum(-1), torch.ones(4, dtype=torch.float64)))
d0 = LogisticNormal(torch.tensor(0.0), torch.tensor(1.0))
print(d0.batch_shape, d0.event_shape, d0.log_prob(torch.tensor([0.25, 0.75])))

# %% distc_cat_stack_transforms rtol=1e-6 atol=1e-8
import torch
from torch.distributions import biject_to, transform_to, constraints
from torch.distributions.transforms import CatTransform, StackTransform, ExpTransform, SigmoidTransform, identity_transform

x = torch.tensor([[-1.0, 0.5, 2.0, 0.3], [0.0, -0.7, 1.1, -2.0]], dtype=torch.float64, requires_grad=True)
t = CatTransform([ExpTransform(), identity_transform, SigmoidTransform()], dim=1, lengths=[1, 2, 1])
y = t(x)
print(y, t.bijective, t.length, t.event_dim, t.domain.event_dim)
print(t.inv(y))
lad = t.log_abs_det_jacobian(x, y)
print(lad)
lad.sum().backward()
print(x.grad)
s = StackTransform([ExpTransform(), SigmoidTransform()], dim=0)
ys = s(x.detach())
print(ys, s.log_abs_det_jacobian(x.detach(), ys), s.inv(ys))
c = constraints.cat([constraints.positive, constraints.real], dim=0, lengths=[1, 2])
print(c.check(torch.tensor([1.0, -1.0, 3.0])), c.check(torch.tensor([-1.0, 0.0, 0.0])), c.event_dim, c.is_discrete)
st = constraints.stack([constraints.unit_interval, constraints.positive], dim=-1)
print(st.check(torch.tensor([[0.5, 2.0], [1.5, 1.0]])), st.event_dim)
print(type(biject_to(c)).__name__, type(transform_to(st)).__name__, biject_to(c).lengths, biject_to(st).dim)
print(biject_to(c)(torch.tensor([0.0, -1.0, 1.0])), transform_to(st)(torch.tensor([[0.0, 0.0]])))
try:
    t(torch.zeros(2, 5))
except Exception as e:
    print(type(e).__name__, e)
try:
    s(torch.zeros(3, 2))
except Exception as e:
    print(type(e).__name__, e)
try:
    CatTransform([ExpTransform()], lengths=[1, 2])
except Exception as e:
    print(type(e).__name__, e)
