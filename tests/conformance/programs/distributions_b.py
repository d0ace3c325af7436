# torch.distributions: Gamma, Chi2, Beta, Dirichlet, Poisson, Binomial, Geometric, StudentT, their KLs, polygamma.

# %% dist_gamma_chi2_values_grads rtol=1e-5 atol=1e-6
import torch
from torch.distributions import Gamma, Chi2

c = torch.tensor([0.5, 2.0, 7.5], dtype=torch.float64, requires_grad=True)
r = torch.tensor([1.5, 0.3, 2.0], dtype=torch.float64, requires_grad=True)
g = Gamma(c, r)
x = torch.tensor([0.2, 3.0, 4.1], dtype=torch.float64)
lp = g.log_prob(x)
print(g, g.batch_shape, g.event_shape, g.has_rsample)
print(lp, g.entropy(), g.mean, g.mode, g.variance, g.stddev)
print(g.cdf(x))
lp.sum().backward()
print(c.grad, r.grad)
k = Chi2(torch.tensor([1.0, 4.0]))
print(k, k.df, k.mean, k.variance, k.log_prob(torch.tensor([0.5, 2.0])), k.entropy())
print(g.sample((4, 2)).shape, g.rsample().shape, g.expand((2, 3)).batch_shape, Gamma(2.0, 3.0).sample((5,)).dtype)

# %% dist_beta_dirichlet rtol=1e-5 atol=1e-6
import torch
from torch.distributions import Beta, Dirichlet

a = torch.tensor([[0.5], [2.0]], requires_grad=True)
b = torch.tensor([1.5, 3.0, 0.8], requires_grad=True)
d = Beta(a, b)
print(d, d.batch_shape, d.concentration1.shape, d.mean, d.variance, d.mode)
v = torch.tensor([0.1, 0.5, 0.9])
out = d.log_prob(v) + d.entropy()
out.sum().backward()
print(out, a.grad, b.grad)
print(d.rsample((4,)).shape, d.expand((3, 2, 3)).batch_shape)
conc = torch.tensor([[1.0, 2.0, 3.0], [0.5, 0.7, 0.2]], requires_grad=True)
dd = Dirichlet(conc)
val = torch.tensor([[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]])
print(dd, dd.batch_shape, dd.event_shape, dd.mean, dd.variance, dd.mode)
lp = dd.log_prob(val)
print(lp, dd.entropy())
lp.sum().backward()
print(conc.grad)
print(dd.sample((5,)).shape, dd.rsample().shape, dd.expand((4, 2)).event_shape)

# %% dist_poisson_binomial_geometric rtol=1e-5 atol=1e-6
import torch
from torch.distributions import Poisson, Binomial, Geometric

rate = torch.tensor([0.5, 3.0, 10.0], requires_grad=True)
p = Poisson(rate)
k = torch.tensor([0.0, 2.0, 12.0])
lp = p.log_prob(k)
lp.sum().backward()
print(p, lp, rate.grad, p.mean, p.mode, p.variance, p.sample((2,)).shape)
probs = torch.tensor([0.2, 0.5, 0.9], requires_grad=True)
bn = Binomial(10, probs=probs)
out = bn.log_prob(torch.tensor([1.0, 5.0, 10.0])) + bn.entropy()
out.sum().backward()
print(bn, out, probs.grad, bn.mean, bn.mode, bn.variance)
print(bn.enumerate_support(False).shape, bn.support, bn.sample((3,)).shape)
bl = Binomial(total_count=torch.tensor([3.0, 4.0]), logits=torch.tensor([0.3, -1.0]))
print(bl.probs, bl.log_prob(torch.tensor([2.0, 0.0])), bl.mean)
g = Geometric(probs=torch.tensor([0.1, 0.5, 1.0]))
print(g, g.mean, g.variance, g.mode, g.log_prob(torch.tensor([3.0, 1.0, 0.0])), g.entropy(), g.sample((2, 2)).shape)
print(Geometric(logits=torch.tensor([-1.0, 2.0])).log_prob(torch.tensor([2.0, 0.0])))

# %% dist_studentt rtol=1e-5 atol=1e-6
import torch
from torch.distributions import StudentT

df = torch.tensor([0.8, 1.5, 3.0, 10.0], dtype=torch.float64, requires_grad=True)
t = StudentT(df, loc=1.0, scale=2.0)
print(t, t.batch_shape, t.mean, t.mode, t.variance)
x = torch.tensor([0.0, 1.0, -3.0, 5.0], dtype=torch.float64)
out = t.log_prob(x) + t.entropy()
out.sum().backward()
print(out, df.grad)
print(t.rsample((3,)).shape, t.expand((2, 4)).batch_shape, StudentT(3.0).sample().shape)

# %% dist_kl_pairs_b rtol=1e-5 atol=1e-6
import torch
from torch.distributions import (Beta, Binomial, Dirichlet, Exponential, Gamma, Geometric, Normal, Poisson, Uniform,
                                 kl_divergence)

c1 = torch.tensor([1.5, 2.0], dtype=torch.float64, requires_grad=True)
pairs = [
    (Gamma(c1, 2.0), Gamma(torch.tensor([0.5, 3.0], dtype=torch.float64), 1.0)),
    (Beta(c1, 0.5), Beta(torch.tensor([2.0, 2.0], dtype=torch.float64), 1.5)),
    (Dirichlet(c1.unsqueeze(0).expand(3, 2)), Dirichlet(torch.ones(3, 2, dtype=torch.float64))),
    (Poisson(c1), Poisson(torch.tensor([1.0, 4.0], dtype=torch.float64))),
    (Geometric(c1 / 3), Geometric(torch.tensor([0.2, 0.7], dtype=torch.float64))),
    (Beta(c1, 2.0), Gamma(torch.tensor([2.0, 3.0], dtype=torch.float64), 1.0)),
    (Gamma(c1, 2.0), Normal(torch.tensor([0.0, 1.0], dtype=torch.float64), 1.0)),
    (Gamma(c1, 2.0), Exponential(torch.tensor([1.0, 0.5], dtype=torch.float64))),
    (Uniform(torch.tensor([0.1, 0.2], dtype=torch.float64), c1 / 4), Beta(c1, 2.0)),
]
for p, q in pairs:
    kl = kl_divergence(p, q)
    (grad,) = torch.autograd.grad(kl.sum(), c1)
    print(type(p).__name__, type(q).__name__, kl, grad)
print(kl_divergence(Binomial(5, probs=torch.tensor([0.3, 0.6])), Binomial(5, probs=torch.tensor([0.5, 0.5]))))
print(kl_divergence(Normal(0.0, 1.0), Gamma(1.0, 1.0)), kl_divergence(Poisson(torch.tensor(1.0)), Binomial(3, probs=torch.tensor(0.5))))
try:
    kl_divergence(Binomial(3, probs=torch.tensor([0.5])), Binomial(4, probs=torch.tensor([0.5])))
except NotImplementedError as e:
    print("NotImplementedError", e)

# %% dist_validation_errors_b
import torch
from torch.distributions import Beta, Binomial, Dirichlet, Gamma, Geometric, Poisson

for make in [lambda: Gamma(torch.tensor([1.0, -1.0]), torch.tensor(1.0), validate_args=True),
             lambda: Dirichlet(torch.tensor(1.0)),
             lambda: Binomial(3, probs=torch.tensor([0.5]), logits=torch.tensor([0.0])),
             lambda: Geometric(torch.tensor([0.5]), torch.tensor([0.0])),
             lambda: Poisson(torch.tensor([1.0]), validate_args=True).log_prob(torch.tensor([0.5])),
             lambda: Beta(2.0, 2.0, validate_args=True).log_prob(torch.tensor([1.5])),
             lambda: Binomial(torch.tensor([3.0, 4.0]), probs=torch.tensor([0.5, 0.5])).entropy()]:
    try:
        make()
        print("no error")
    except (ValueError, NotImplementedError) as e:
        print(type(e).__name__, str(e).split("\n")[0].split(" of distribution")[0])
print(Gamma.arg_constraints, Gamma.support, Beta.support, Dirichlet.arg_constraints, Dirichlet.support)
print(Poisson.support, Geometric.support, Binomial.arg_constraints)

# %% special_polygamma_lgamma_digamma rtol=1e-6 atol=1e-8
import torch

x = torch.tensor([0.1, 0.5, 1.0, 2.5, 10.0, 100.0], dtype=torch.float64, requires_grad=True)
for n in range(4):
    print(n, torch.polygamma(n, x))
print(torch.lgamma(x), torch.digamma(x), x.polygamma(1))
(g1,) = torch.autograd.grad(torch.polygamma(1, x).sum(), x, create_graph=True)
(g2,) = torch.autograd.grad(g1.sum(), x)
print(g1, g2)
(d1,) = torch.autograd.grad(torch.digamma(x).sum(), x, create_graph=True)
print(d1, torch.autograd.grad(d1.sum(), x)[0])
print(torch.polygamma(1, torch.tensor([-0.5, -2.5])), torch.polygamma(2, torch.tensor([1, 2])).dtype)
try:
    torch.polygamma(-1, x)
except RuntimeError as e:
    print("RuntimeError", e)
y = torch.tensor([0.5, 3.0])
y.polygamma_(1)
print(y)
