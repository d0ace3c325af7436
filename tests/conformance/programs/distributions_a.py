# torch.distributions: MultivariateNormal, LowRankMultivariateNormal, OneHotCategorical, Exponential, Laplace,
# LogNormal, TransformedDistribution and transforms, KL pairs (deterministic values only: no sample values).

# %% dist_mvn_parameterizations rtol=1e-4 atol=1e-5
import torch
from torch.distributions import MultivariateNormal

loc = torch.tensor([0.5, -1.0, 2.0])
cov = torch.tensor([[2.0, 0.3, 0.1], [0.3, 1.0, -0.2], [0.1, -0.2, 1.5]])
x = torch.tensor([[0.0, 0.0, 0.0], [1.0, -1.0, 2.5]])
for d in [MultivariateNormal(loc, cov), MultivariateNormal(loc, precision_matrix=torch.linalg.inv(cov)),
          MultivariateNormal(loc, scale_tril=torch.linalg.cholesky(cov))]:
    print(d)
    print(d.log_prob(x), d.entropy(), d.mean, d.mode, d.variance, d.stddev)
    print(d.scale_tril, d.covariance_matrix, d.precision_matrix)
    print(d.batch_shape, d.event_shape, d.sample().shape, d.rsample((4, 2)).shape, d.has_rsample)
print(MultivariateNormal.arg_constraints, MultivariateNormal.support)

# %% dist_mvn_batched_grads rtol=1e-4 atol=1e-5
import torch
from torch.distributions import MultivariateNormal

loc = torch.tensor([[0.0, 1.0], [1.0, -1.0], [0.5, 0.5]], requires_grad=True)
L = torch.tensor([[1.5, 0.0], [0.4, 0.8]], requires_grad=True)
d = MultivariateNormal(loc, scale_tril=L)
print(d.batch_shape, d.event_shape, d.scale_tril.shape)
lp = d.log_prob(torch.tensor([[[0.2, 0.3]], [[1.0, 1.0]]]))
print(lp.shape, lp)
lp.sum().backward()
print(loc.grad, L.grad)
e = d.expand((4, 3))
print(e.batch_shape, e.loc.shape, e.entropy().shape, e.sample((2,)).shape)
print(d.rsample((5,)).requires_grad, d.sample((5,)).requires_grad)

# %% dist_mvn_errors
import torch
from torch.distributions import MultivariateNormal, LowRankMultivariateNormal

z = torch.zeros(2)
for f in [lambda: MultivariateNormal(torch.tensor(0.0), torch.eye(2)),
          lambda: MultivariateNormal(z),
          lambda: MultivariateNormal(z, torch.eye(2), scale_tril=torch.eye(2)),
          lambda: MultivariateNormal(z, torch.ones(2)),
          lambda: MultivariateNormal(z, scale_tril=torch.ones(2)),
          lambda: MultivariateNormal(z, precision_matrix=torch.ones(2)),
          lambda: MultivariateNormal(z, torch.tensor([[1.0, 2.0], [0.0, 1.0]])),
          lambda: MultivariateNormal(z, torch.tensor([[1.0, 2.0], [2.0, 1.0]])),
          lambda: MultivariateNormal(z, scale_tril=torch.tensor([[1.0, 1.0], [0.0, 1.0]])),
          lambda: MultivariateNormal(z, torch.eye(2)).log_prob(torch.zeros(3)),
          lambda: LowRankMultivariateNormal(z, torch.zeros(3, 1), torch.ones(2)),
          lambda: LowRankMultivariateNormal(z, torch.zeros(2, 1), torch.ones(3)),
          lambda: LowRankMultivariateNormal(z, torch.zeros(2, 1), -torch.ones(2))]:
    try:
        f()
        print("ok")
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0].split(" of distribution")[0])

# %% dist_lowrank_mvn rtol=1e-4 atol=1e-5
import torch
from torch.distributions import LowRankMultivariateNormal, MultivariateNormal, kl_divergence

loc = torch.tensor([0.0, 1.0, -1.0])
W = torch.tensor([[1.0, 0.0], [0.5, -0.5], [0.2, 0.3]], requires_grad=True)
D = torch.tensor([0.5, 1.0, 2.0])
d = LowRankMultivariateNormal(loc, W, D)
print(d)
with torch.no_grad():  # grad_fn names left out: our no-op expand records no ExpandBackward0
    print(d.log_prob(torch.tensor([0.5, 0.5, 0.5])), d.entropy(), d.variance.detach())
    print(d.covariance_matrix.detach(), d.precision_matrix.detach(), d.scale_tril.detach())
    full = MultivariateNormal(loc, d.covariance_matrix.detach())
    print(full.log_prob(torch.tensor([0.5, 0.5, 0.5])), full.entropy())
    print(kl_divergence(d, full), kl_divergence(full, d), kl_divergence(d, LowRankMultivariateNormal(loc + 1, W * 2, D)))
d.entropy().backward()
print(W.grad, d.batch_shape, d.event_shape, d.rsample((2,)).shape)

# %% dist_onehot_categorical rtol=1e-4 atol=1e-5
import torch
from torch.distributions import OneHotCategorical, OneHotCategoricalStraightThrough, kl_divergence

p = torch.tensor([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]], requires_grad=True)
d = OneHotCategorical(probs=p)
print(d, d.batch_shape, d.event_shape, d.support, d.has_enumerate_support)
print(d.mean, d.mode, d.variance, d.entropy(), d.probs, d.logits)
v = torch.tensor([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
print(d.log_prob(v), d.enumerate_support().shape, d.enumerate_support(expand=False))
s = d.sample((5,))
print(s.shape, s.dtype, s.sum(-1))
q = OneHotCategorical(logits=torch.tensor([0.0, 1.0, 2.0]))
print(kl_divergence(d, q))
st = OneHotCategoricalStraightThrough(probs=p)
(st.rsample((3,)) * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(p.grad, st.has_rsample)
try:
    d.log_prob(torch.tensor([[0.5, 0.5, 0.0], [1.0, 0.0, 0.0]]))
except ValueError as e:
    print("ValueError", str(e).split(" (")[0])

# %% dist_exponential_laplace rtol=1e-4 atol=1e-5
import torch
from torch.distributions import Exponential, Laplace

rate = torch.tensor([0.5, 1.0, 3.0], requires_grad=True)
e = Exponential(rate)
x = torch.tensor([0.2, 1.0, 2.5])
print(e, e.mean, e.mode, e.variance, e.stddev, e.entropy(), e.support, e.arg_constraints)
print(e.log_prob(x), e.cdf(x), e.icdf(torch.tensor([0.1, 0.5, 0.9])))
e.log_prob(x).sum().backward()
print(rate.grad, e.rsample((4,)).shape, e.rsample().requires_grad, Exponential(2.0).sample((3,)).dtype)
loc = torch.tensor([0.0, 1.0], requires_grad=True)
scale = torch.tensor([1.0, 0.5], requires_grad=True)
lap = Laplace(loc, scale)
y = torch.tensor([[0.5, 0.5], [-1.0, 3.0]])
print(lap, lap.mean, lap.mode, lap.variance, lap.stddev, lap.entropy())
print(lap.log_prob(y), lap.cdf(y), lap.icdf(torch.tensor([0.2, 0.7])))
lap.cdf(y).sum().backward()
print(loc.grad, scale.grad, lap.expand((3, 2)).batch_shape, lap.sample((4,)).shape)
for f in [lambda: Exponential(torch.tensor([-1.0])), lambda: Exponential(1.0).log_prob(torch.tensor(-1.0)),
          lambda: Laplace(0.0, 0.0)]:
    try:
        f()
    except ValueError as err:
        print("ValueError", str(err).split(" (")[0])

# %% dist_lognormal_transformed rtol=1e-4 atol=1e-5
import torch
from torch.distributions import LogNormal, Normal, TransformedDistribution, Uniform
from torch.distributions.transforms import AffineTransform, ExpTransform, SigmoidTransform, TanhTransform

mu = torch.tensor([0.0, 0.5], requires_grad=True)
ln = LogNormal(mu, torch.tensor([1.0, 0.25]))
x = torch.tensor([0.5, 2.0])
print(ln, ln.mean, ln.mode, ln.variance, ln.entropy(), ln.support, ln.base_dist, ln.transforms)
print(ln.log_prob(x), ln.cdf(x), ln.icdf(torch.tensor([0.25, 0.75])))
ln.log_prob(x).sum().backward()
print(mu.grad, ln.expand((3, 2)).batch_shape, type(ln.expand((3, 2))).__name__, ln.rsample((4,)).shape)
squashed = TransformedDistribution(Normal(torch.zeros(2), torch.ones(2)), [AffineTransform(0.5, 2.0), TanhTransform()])
print(squashed.support, squashed.batch_shape, squashed.event_shape, squashed.has_rsample)
print(squashed.log_prob(torch.tensor([0.3, -0.8])), squashed.cdf(torch.tensor([0.3, -0.8])))
flipped = TransformedDistribution(Normal(0.0, 1.0), AffineTransform(1.0, -2.0))
print(flipped.cdf(torch.tensor([0.0, 1.0, 3.0])), flipped.icdf(torch.tensor([0.1, 0.9])))
logistic = TransformedDistribution(Uniform(0.0, 1.0), [SigmoidTransform().inv, AffineTransform(0.0, 3.0)])
print(logistic.log_prob(torch.tensor([-1.0, 0.0, 2.0])), logistic.sample((3, 2)).shape)
for f in [lambda: TransformedDistribution(Normal(0.0, 1.0), "exp"),
          lambda: TransformedDistribution(Normal(0.0, 1.0), [ExpTransform(), 3]),
          lambda: LogNormal(0.0, 1.0).log_prob(torch.tensor(-1.0))]:
    try:
        f()
    except ValueError as err:
        print("ValueError", str(err).split(" (")[0])

# %% dist_transforms_api rtol=1e-4 atol=1e-5
import torch
from torch.distributions.transforms import (AffineTransform, ComposeTransform, ExpTransform, SigmoidTransform,
                                            TanhTransform, PowerTransform, SoftplusTransform)

x = torch.tensor([-1.0, 0.0, 0.5, 2.0], requires_grad=True)
for t in [ExpTransform(), AffineTransform(1.0, -3.0), SigmoidTransform(), TanhTransform(), SoftplusTransform(),
          ComposeTransform([AffineTransform(0.0, 0.5), TanhTransform()]), ExpTransform().inv.inv]:
    y = t(x)
    print(t, t.domain, t.codomain, t.bijective, t.sign, t.event_dim)
    print(y, t.inv(y), t.log_abs_det_jacobian(x, y))
print(ExpTransform().inv, ExpTransform().inv.domain, ExpTransform() == ExpTransform(), AffineTransform(0, 1) == AffineTransform(0, 1))
p = PowerTransform(torch.tensor(2.0))
print(p(torch.tensor([1.5, 3.0])), p.log_abs_det_jacobian(torch.tensor([1.5]), torch.tensor([2.25])))
a = AffineTransform(torch.tensor([1.0, 2.0]), torch.tensor([2.0, -1.0]), event_dim=1)
print(a.domain, a.log_abs_det_jacobian(torch.zeros(3, 2), torch.zeros(3, 2)), a.forward_shape((3, 2)), a.sign)
c = ComposeTransform([ExpTransform(), AffineTransform(0.0, 2.0)])
c(x).sum().backward()
print(x.grad, c.inv(torch.tensor([2.0])), c.inv.inv is c)
c1 = ExpTransform().with_cache()
y = c1(x)
print(c1.inv(y) is x)
try:
    ExpTransform(cache_size=3)
except ValueError as e:
    print("ValueError", e)

# %% dist_kl_pairs_more rtol=1e-4 atol=1e-5
import torch
from torch.distributions import (Exponential, Laplace, LogNormal, MultivariateNormal, Normal, Uniform,
                                 kl_divergence)

a = torch.tensor([0.3, -0.5], requires_grad=True)
s = torch.tensor([0.7, 1.3], requires_grad=True)
pairs = [(Exponential(s), Exponential(torch.tensor([1.1, 0.6]))),
         (Laplace(a, s), Laplace(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0]))),
         (Exponential(s), Normal(a, s)), (Laplace(a, s), Normal(0.0, 2.0)), (Normal(a, s), Laplace(0.5, 1.5)),
         (Uniform(s, s + 1), Exponential(torch.tensor([2.0, 3.0]))), (Exponential(s), Uniform(a - 1, a + 1)),
         (Normal(a, s), Exponential(s)), (Laplace(a, s), Uniform(-5.0, 5.0)),
         (LogNormal(a, s), LogNormal(torch.zeros(2), torch.ones(2))),
         (MultivariateNormal(a, torch.diag(s)), MultivariateNormal(torch.zeros(2), torch.tensor([[2.0, 0.5], [0.5, 1.0]])))]
for p, q in pairs:
    k = kl_divergence(p, q)
    print(type(p).__name__, type(q).__name__, k)
total = sum(kl_divergence(p, q).sum() for p, q in pairs if torch.isfinite(kl_divergence(p, q)).all())
total.backward()
print(a.grad, s.grad)
try:
    kl_divergence(Exponential(1.0), Laplace(0.0, 1.0))
except NotImplementedError as e:
    print("NotImplementedError", e)
