# torch.linalg details (norm variants, factorizations' result fields, errors, gradients) and torch.distributions.

# %% linalg_norm_ord_dim_keepdim rtol=1e-4 atol=1e-5
import torch

A = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])
for ord in [None, 1, -1, 2, -2, float("inf"), float("-inf"), 0, 3.5]:
    print(ord, torch.linalg.vector_norm(A, ord=2 if ord is None else ord), torch.linalg.vector_norm(A, ord=2 if ord is None else ord, dim=1, keepdim=True))
for ord in ["fro", "nuc", 1, -1, 2, -2, float("inf"), float("-inf")]:
    print(ord, torch.linalg.matrix_norm(A, ord=ord), torch.linalg.norm(A, ord=ord, keepdim=True).shape)
print(torch.linalg.norm(A, dim=0), torch.linalg.norm(A, ord=1, dim=1), torch.linalg.vector_norm(A, dim=(0, 1)))
print(torch.linalg.vector_norm(A.to(torch.float64), dtype=torch.float64).dtype, torch.linalg.norm(A.view(1, 2, 3), dim=(1, 2)))

# %% linalg_norm_errors
import torch

A = torch.ones(2, 3)
for f in [lambda: torch.linalg.matrix_norm(torch.ones(3)), lambda: torch.linalg.norm(A, ord="fro", dim=0),
          lambda: torch.linalg.matrix_norm(A, ord=3), lambda: torch.linalg.vector_norm(torch.ones(3, dtype=torch.int64)),
          lambda: torch.linalg.norm(torch.ones(2, 2, 2), ord=2)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% linalg_det_slogdet_batched rtol=1e-4 atol=1e-5
import torch
import numpy as np

rng = np.random.default_rng(0)
A = torch.from_numpy(rng.standard_normal((3, 3, 3)).astype(np.float32))
print(torch.linalg.det(A))
s = torch.linalg.slogdet(A)
print(s.sign, s.logabsdet, type(s).__name__)
sign, logabs = torch.slogdet(A[0])
print(sign, logabs)
print(torch.linalg.det(torch.zeros(2, 2)), torch.linalg.slogdet(torch.zeros(2, 2)))
print(torch.det(torch.eye(3, dtype=torch.float64) * 2).dtype)
try:
    torch.linalg.det(torch.ones(2, 3))
except Exception as e:
    print(type(e).__name__, e)

# %% linalg_inv_errors
import torch

try:
    torch.linalg.inv(torch.zeros(2, 2))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.linalg.inv(torch.ones(2, 3))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.linalg.inv(torch.tensor([[1, 2], [3, 4]]))
except Exception as e:
    print(type(e).__name__, e)
inv, info = torch.linalg.inv_ex(torch.zeros(2, 2))
print(info)
inv, info = torch.linalg.inv_ex(torch.eye(2) * 4)
print(inv, info)

# %% linalg_solve_variants rtol=1e-4 atol=1e-5
import torch

A = torch.tensor([[3.0, 1.0], [1.0, 2.0]])
B = torch.tensor([[9.0, 1.0], [8.0, 0.0]])
print(torch.linalg.solve(A, B), torch.linalg.solve(A, B, left=False))
print(torch.linalg.solve(A.expand(4, 2, 2), torch.tensor([1.0, 2.0])).shape)
print(torch.linalg.solve(A.expand(4, 2, 2), torch.ones(4, 2)).shape)
try:
    torch.linalg.solve(torch.zeros(2, 2), torch.ones(2))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.linalg.solve(A, torch.ones(3))
except Exception as e:
    print(type(e).__name__)

# %% linalg_lstsq_fields rtol=1e-4 atol=1e-4
import torch

A = torch.tensor([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0], [1.0, 4.0]])
B = torch.tensor([[6.0], [5.0], [7.0], [10.0]])
r = torch.linalg.lstsq(A, B)
print(type(r).__name__, r.solution, r.solution.shape)
print(r.residuals.shape, r.rank.shape, r.singular_values.shape)
r2 = torch.linalg.lstsq(A, B, driver="gelsd")
print(r2.solution, r2.rank, r2.singular_values, r2.residuals)
print(torch.linalg.lstsq(A.expand(2, 4, 2), B.expand(2, 4, 1)).solution.shape)

# %% linalg_qr_modes rtol=1e-4 atol=1e-5
import torch

A = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
for mode in ["reduced", "complete", "r"]:
    Q, R = torch.linalg.qr(A, mode=mode)
    print(mode, Q.shape, R.shape, R.abs())
Q, R = torch.linalg.qr(A)
print(torch.allclose(Q @ R, A, atol=1e-5), torch.allclose(Q.T @ Q, torch.eye(2), atol=1e-5))
r = torch.linalg.qr(A)
print(type(r).__name__, r.Q.shape, r.R.shape)
try:
    torch.linalg.qr(A, mode="full")
except Exception as e:
    print(type(e).__name__, e)

# %% linalg_eigh_eigvalsh rtol=1e-4 atol=1e-5
import torch

A = torch.tensor([[2.0, 1.0, 0.0], [1.0, 2.0, 1.0], [0.0, 1.0, 2.0]])
L, V = torch.linalg.eigh(A)
print(L, (V.abs()), type(torch.linalg.eigh(A)).__name__)
print(torch.linalg.eigvalsh(A), torch.linalg.eigvalsh(A, UPLO="U"))
print(torch.allclose(V @ torch.diag(L) @ V.T, A, atol=1e-5))
print(torch.linalg.eigvalsh(torch.stack([A, 2 * A])))
M = torch.tensor([[1.0, 100.0], [0.0, 1.0]])
print(torch.linalg.eigvalsh(M), torch.linalg.eigvalsh(M, UPLO="U"))

# %% linalg_svd_full_matrices rtol=1e-4 atol=1e-5
import torch

A = torch.tensor([[3.0, 1.0, 1.0], [-1.0, 3.0, 1.0]])
U, S, Vh = torch.linalg.svd(A)
print(U.shape, S, Vh.shape)
U, S, Vh = torch.linalg.svd(A, full_matrices=False)
print(U.shape, S.shape, Vh.shape, torch.allclose(U @ torch.diag(S) @ Vh, A, atol=1e-5))
print(torch.linalg.svdvals(A), torch.linalg.svdvals(A.expand(2, 2, 3)).shape)
r = torch.linalg.svd(A)
print(type(r).__name__, r.S)
u, s, v = torch.svd(A)
print(u.shape, s, v.shape)
u, s, v = torch.svd(A, some=False)
print(u.shape, v.shape)

# %% linalg_cholesky_non_pd
import torch

A = torch.tensor([[4.0, 2.0], [2.0, 3.0]])
print(torch.linalg.cholesky(A), torch.linalg.cholesky(A, upper=True))
try:
    torch.linalg.cholesky(torch.tensor([[1.0, 2.0], [2.0, 1.0]]))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.linalg.cholesky(torch.tensor([[1.0, 2.0], [2.0, 1.0]]).expand(3, 2, 2).clone())
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.linalg.cholesky(torch.ones(2, 3))
except Exception as e:
    print(type(e).__name__, e)
print(issubclass(torch.linalg.LinAlgError, RuntimeError))

# %% linalg_cholesky_ex
import torch

L, info = torch.linalg.cholesky_ex(torch.tensor([[4.0, 2.0], [2.0, 3.0]]))
print(L, info)
L, info = torch.linalg.cholesky_ex(torch.tensor([[1.0, 2.0], [2.0, 1.0]]))
print(info)

# %% linalg_rank_pinv_cond rtol=1e-4 atol=1e-5
import torch

A = torch.tensor([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])
print(torch.linalg.matrix_rank(A), torch.linalg.matrix_rank(torch.eye(3)), torch.linalg.matrix_rank(A, hermitian=False, atol=1.0))
print(torch.linalg.matrix_rank(torch.eye(4).expand(2, 4, 4)))
print(torch.linalg.pinv(A))
B = torch.tensor([[2.0, 1.0], [1.0, 3.0]])
print(torch.linalg.pinv(B, hermitian=True), torch.linalg.pinv(B))
print(torch.linalg.cond(B), torch.linalg.cond(B, p="fro"), torch.linalg.cond(B, p=1), torch.linalg.cond(B, p=float("inf")))

# %% linalg_cross_multidot_power rtol=1e-4 atol=1e-5
import torch

a = torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
b = torch.tensor([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
print(torch.linalg.cross(a, b), torch.linalg.cross(a, b[:1]), torch.cross(a, b, dim=1))
try:
    torch.linalg.cross(torch.ones(2, 2), torch.ones(2, 2))
except Exception as e:
    print(type(e).__name__, e)
A = torch.tensor([[1.0, 1.0], [0.0, 1.0]])
print(torch.linalg.matrix_power(A, 5), torch.linalg.matrix_power(A, 0), torch.linalg.matrix_power(A, -2))
print(torch.linalg.multi_dot([torch.ones(3), torch.ones(3, 2), torch.ones(2)]), torch.linalg.multi_dot([torch.ones(2, 3), torch.ones(3, 4)]).shape)
try:
    torch.linalg.multi_dot([torch.ones(3)])
except Exception as e:
    print(type(e).__name__, e)

# %% linalg_solve_triangular rtol=1e-4 atol=1e-5
import torch

U = torch.tensor([[2.0, 1.0], [0.0, 4.0]])
B = torch.tensor([[4.0, 2.0], [8.0, 4.0]])
print(torch.linalg.solve_triangular(U, B, upper=True))
print(torch.linalg.solve_triangular(U.T, B, upper=False))
print(torch.linalg.solve_triangular(U, B, upper=True, left=False))
print(torch.linalg.solve_triangular(U, B, upper=True, unitriangular=True))
U2 = U.clone().requires_grad_()
torch.linalg.solve_triangular(U2, B, upper=True).sum().backward()
print(U2.grad)

# %% linalg_matrix_exp rtol=1e-4 atol=1e-5
import torch

A = torch.tensor([[0.0, 1.0], [-1.0, 0.0]])
print(torch.linalg.matrix_exp(A), torch.matrix_exp(torch.zeros(2, 2)))
print(torch.matrix_exp(torch.diag(torch.tensor([1.0, 2.0]))), A.matrix_exp())
print(torch.linalg.matrix_exp(torch.stack([A, 2 * A])).shape)
X = torch.tensor([[0.1, 0.2], [0.3, 0.4]], dtype=torch.float64, requires_grad=True)
torch.linalg.matrix_exp(X).sum().backward()
print(X.grad)
try:
    torch.linalg.matrix_exp(torch.ones(2, 3))
except Exception as e:
    print(type(e).__name__, e)

# %% linalg_gradients_basic rtol=1e-4 atol=1e-5
import torch

A = torch.tensor([[4.0, 1.0], [2.0, 3.0]], requires_grad=True)
torch.linalg.det(A).backward()
print(A.grad)
A.grad = None
torch.linalg.inv(A).sum().backward()
print(A.grad)
A.grad = None
torch.linalg.slogdet(A).logabsdet.backward()
print(A.grad)
A.grad = None
torch.linalg.matrix_norm(A).backward()
print(A.grad)
A.grad = None
torch.linalg.matrix_norm(A, ord="nuc").backward()
print(A.grad)
A.grad = None
torch.linalg.vector_norm(A, ord=1).backward()
print(A.grad)

# %% linalg_gradients_factorizations rtol=1e-3 atol=1e-4
import torch

S = torch.tensor([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]], dtype=torch.float64, requires_grad=True)
torch.linalg.cholesky(S).sum().backward()
print(S.grad)
S.grad = None
torch.linalg.eigvalsh(S).pow(2).sum().backward()
print(S.grad)
S.grad = None
torch.linalg.svdvals(S).sum().backward()
print(S.grad)
S.grad = None
Q, R = torch.linalg.qr(S)
(R.diagonal().abs().sum()).backward()
print(S.grad.shape)
S.grad = None
torch.linalg.pinv(S).sum().backward()
print(S.grad)
b = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
torch.linalg.solve(S, b).sum().backward()
print(b.grad, S.grad)

# %% linalg_grad_fn_names
import torch

A = torch.tensor([[4.0, 1.0], [2.0, 3.0]], requires_grad=True)
for name, t in [("det", torch.linalg.det(A)), ("inv", torch.linalg.inv(A)), ("slogdet", torch.linalg.slogdet(A)[1]),
                ("solve", torch.linalg.solve(A, torch.ones(2))), ("cholesky", torch.linalg.cholesky(A @ A.T)),
                ("svdvals", torch.linalg.svdvals(A)), ("vector_norm", torch.linalg.vector_norm(A)),
                ("eigvalsh", torch.linalg.eigvalsh(A @ A.T)), ("matrix_power", torch.linalg.matrix_power(A, 2))]:
    print(name, type(t.grad_fn).__name__)

# %% linalg_batched_broadcast rtol=1e-4 atol=1e-5
import torch
import numpy as np

rng = np.random.default_rng(1)
A = torch.from_numpy(rng.standard_normal((2, 3, 4, 4)).astype(np.float32)) + 4 * torch.eye(4)
b = torch.from_numpy(rng.standard_normal((3, 4, 1)).astype(np.float32))
print(torch.linalg.solve(A, b).shape, torch.linalg.inv(A).shape, torch.linalg.det(A).shape)
print(torch.linalg.matrix_norm(A).shape, torch.linalg.matrix_norm(A, keepdim=True).shape, torch.linalg.svdvals(A).shape)
print(torch.linalg.eigvalsh(A @ A.mT).shape, torch.linalg.cholesky(A @ A.mT).shape, torch.linalg.qr(A).Q.shape)
print(torch.allclose(A @ torch.linalg.inv(A), torch.eye(4).expand(2, 3, 4, 4), atol=1e-4))

# %% linalg_householder_product rtol=1e-4 atol=1e-5
import torch

A = torch.tensor([[1.0, 0.0], [0.5, 1.0], [0.25, 0.5]])
tau = torch.tensor([1.2, 0.8])
print(torch.linalg.householder_product(A, tau))

# %% linalg_vecdot_diagonal
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(torch.linalg.vecdot(x, x), torch.linalg.vecdot(x, x, dim=0), torch.linalg.diagonal(torch.arange(9.0).view(3, 3), offset=1))
print(torch.linalg.matmul(x, x.T))

# %% dist_normal_moments_cdf rtol=1e-5 atol=1e-6
import torch
from torch.distributions import Normal

d = Normal(torch.tensor([0.0, 1.0, -2.0]), torch.tensor([1.0, 0.5, 2.0]))
x = torch.tensor([0.3, 1.2, -1.0])
print(d.mean, d.variance, d.stddev, d.mode, d.entropy())
print(d.log_prob(x), d.cdf(x), d.icdf(torch.tensor([0.1, 0.5, 0.9])))
print(d.batch_shape, d.event_shape, d.sample().shape, d.sample((4, 2)).shape, d.rsample((5,)).shape)
print(d.log_prob(torch.zeros(4, 3)).shape, d.log_prob(torch.tensor(0.0)).shape)
print(d, Normal(0.0, 1.0).batch_shape, Normal(0.0, 1.0).mean)

# %% dist_normal_log_prob_grads rtol=1e-5 atol=1e-6
import torch
from torch.distributions import Normal

mu = torch.tensor([0.0, 1.0], requires_grad=True)
sigma = torch.tensor([1.0, 2.0], requires_grad=True)
d = Normal(mu, sigma)
d.log_prob(torch.tensor([0.5, -1.0])).sum().backward()
print(mu.grad, sigma.grad)
mu.grad = sigma.grad = None
d.entropy().sum().backward()
print(mu.grad, sigma.grad)
sigma.grad = None
Normal(mu, sigma).cdf(torch.tensor([0.5, 0.5])).sum().backward()
print(mu.grad, sigma.grad)
print(d.rsample((3,)).requires_grad, d.sample((3,)).requires_grad)

# %% dist_validate_args_errors
import torch
from torch.distributions import Normal, Bernoulli, Categorical, Uniform

for f in [lambda: Normal(torch.tensor([0.0]), torch.tensor([-1.0])),
          lambda: Normal(0.0, 1.0).log_prob(torch.tensor(float("nan"))) ,
          lambda: Bernoulli(probs=torch.tensor([1.5])),
          lambda: Bernoulli(probs=0.3, logits=0.1),
          lambda: Bernoulli(),
          lambda: Bernoulli(probs=torch.tensor([0.3])).log_prob(torch.tensor([0.5])),
          lambda: Categorical(probs=torch.tensor([-0.1, 1.1])),
          lambda: Uniform(1.0, 0.0),
          lambda: Uniform(0.0, 1.0).log_prob(torch.tensor(2.0))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(Normal(torch.tensor([0.0]), torch.tensor([-1.0]), validate_args=False).batch_shape)

# %% dist_bernoulli_details rtol=1e-5 atol=1e-6
import torch
from torch.distributions import Bernoulli

b = Bernoulli(logits=torch.tensor([-1.0, 0.0, 2.0]))
print(b.probs, b.logits, b.mean, b.variance, b.stddev, b.mode, b.entropy())
print(b.log_prob(torch.tensor([1.0, 0.0, 1.0])), b.batch_shape, b.event_shape, b.sample((2,)).shape)
print(b.enumerate_support().shape, b.enumerate_support(expand=False).shape, b.has_enumerate_support)
p = torch.tensor([0.2, 0.7], requires_grad=True)
Bernoulli(probs=p).log_prob(torch.tensor([1.0, 0.0])).sum().backward()
print(p.grad)

# %% dist_categorical_details rtol=1e-5 atol=1e-6
import torch
from torch.distributions import Categorical

c = Categorical(probs=torch.tensor([[1.0, 2.0, 1.0], [3.0, 1.0, 0.0]]))
print(c.probs, c.logits, c.param_shape, c.batch_shape, c.event_shape)
print(c.entropy(), c.log_prob(torch.tensor([0, 1])), c.log_prob(torch.tensor([[0], [2]])).shape)
print(c.sample().shape, c.sample((5,)).shape, c.enumerate_support().shape, c.mode)
print(c.mean, c.variance)
logits = torch.tensor([0.5, -0.5, 1.0], requires_grad=True)
Categorical(logits=logits).log_prob(torch.tensor(2)).backward()
print(logits.grad, Categorical(logits=logits).support)

# %% dist_uniform_details rtol=1e-5 atol=1e-6
import torch
from torch.distributions import Uniform

u = Uniform(torch.tensor([0.0, -1.0]), torch.tensor([2.0, 3.0]))
print(u.mean, u.variance, u.stddev, u.entropy(), u.batch_shape)
print(u.log_prob(torch.tensor([1.0, 0.0])), u.cdf(torch.tensor([0.5, 2.5])), u.icdf(torch.tensor([0.25, 0.5])))
print(u.sample((3,)).shape, u.support, Uniform(0.0, 1.0, validate_args=False).log_prob(torch.tensor(2.0)))
lo = torch.tensor(0.0, requires_grad=True)
hi = torch.tensor(4.0, requires_grad=True)
Uniform(lo, hi).log_prob(torch.tensor(1.0)).backward()
print(lo.grad, hi.grad)

# %% dist_kl_divergence_pairs rtol=1e-5 atol=1e-6
import torch
from torch.distributions import Normal, Bernoulli, Categorical, Uniform, kl_divergence

print(kl_divergence(Normal(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0])), Normal(torch.tensor([1.0, 1.0]), torch.tensor([1.0, 1.0]))))
print(kl_divergence(Bernoulli(torch.tensor(0.3)), Bernoulli(torch.tensor(0.6))))
print(kl_divergence(Categorical(logits=torch.tensor([1.0, 2.0, 3.0])), Categorical(probs=torch.tensor([0.2, 0.3, 0.5]))))
print(kl_divergence(Uniform(0.0, 1.0), Uniform(-1.0, 2.0)), kl_divergence(Uniform(-1.0, 2.0), Uniform(0.0, 1.0)))
print(kl_divergence(Uniform(0.0, 1.0), Normal(0.0, 1.0)))
mu = torch.tensor(0.5, requires_grad=True)
kl_divergence(Normal(mu, 1.0), Normal(0.0, 1.0)).backward()
print(mu.grad)
try:
    kl_divergence(Normal(0.0, 1.0), Categorical(probs=torch.tensor([0.5, 0.5])))
except Exception as e:
    print(type(e).__name__)

# %% dist_register_kl_custom
import torch
from torch.distributions import Normal, kl_divergence, register_kl

class MyNormal(Normal):
    pass

@register_kl(MyNormal, MyNormal)
def _kl(p, q):
    return torch.zeros(p.batch_shape)

print(kl_divergence(MyNormal(0.0, 1.0), MyNormal(torch.zeros(3), 2.0)) if False else kl_divergence(MyNormal(torch.zeros(3), 1.0), MyNormal(torch.zeros(3), 2.0)))
print(kl_divergence(MyNormal(0.0, 1.0), Normal(1.0, 1.0)))

# %% dist_expand_and_shapes
import torch
from torch.distributions import Normal, Bernoulli, Categorical, Uniform

d = Normal(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0])).expand(torch.Size([3, 2]))
print(d.batch_shape, d.mean.shape, d.sample().shape, d.log_prob(torch.zeros(3, 2)).shape)
print(Bernoulli(torch.tensor([0.5])).expand((4, 1)).batch_shape, Uniform(0.0, 1.0).expand([5]).sample().shape)
c = Categorical(logits=torch.zeros(2, 4)).expand((3, 2))
print(c.batch_shape, c.event_shape, c.sample().shape, c.probs.shape)
try:
    Normal(torch.zeros(2), 1.0).expand((3,))
except Exception as e:
    print(type(e).__name__)

# %% dist_arg_constraints_support
import torch
from torch.distributions import Normal, Bernoulli, Categorical, Uniform, constraints

for cls in [Normal, Bernoulli]:
    print(cls.__name__, {k: str(v) for k, v in cls.arg_constraints.items()}, cls.has_rsample)
print(Normal.support, Bernoulli.support, Uniform(0.0, 1.0).support, Categorical(logits=torch.zeros(3)).support, Categorical(logits=torch.zeros(3)).arg_constraints, Uniform(0.0, 1.0).arg_constraints)
print(constraints.positive.check(torch.tensor([1.0, -1.0, 0.0])), constraints.unit_interval.check(torch.tensor([0.0, 1.0, 1.5])))
print(constraints.interval(0.0, 2.0).check(torch.tensor([0.5, 3.0])), constraints.simplex.check(torch.tensor([0.3, 0.7])))
print(constraints.real.is_discrete, constraints.boolean.is_discrete, constraints.real_vector.event_dim)

# %% dist_policy_gradient_loss rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
from torch.distributions import Categorical
import numpy as np

rng = np.random.default_rng(0)
policy = nn.Linear(4, 3)
with torch.no_grad():
    policy.weight.copy_(torch.from_numpy(rng.standard_normal((3, 4)).astype(np.float32)))
    policy.bias.zero_()
obs = torch.from_numpy(rng.standard_normal((5, 4)).astype(np.float32))
actions = torch.tensor([0, 2, 1, 1, 0])
returns = torch.tensor([1.0, -0.5, 2.0, 0.0, 1.5])
dist = Categorical(logits=policy(obs))
loss = -(dist.log_prob(actions) * returns).mean() - 0.01 * dist.entropy().mean()
loss.backward()
print(loss, policy.bias.grad)

# %% dist_gaussian_nll_vae_style rtol=1e-5 atol=1e-6
import torch
from torch.distributions import Normal, kl_divergence

mu = torch.tensor([[0.2, -0.1], [0.5, 0.3]], requires_grad=True)
logvar = torch.tensor([[0.0, -0.5], [0.2, 0.1]], requires_grad=True)
q = Normal(mu, torch.exp(0.5 * logvar))
p = Normal(torch.zeros_like(mu), torch.ones_like(mu))
kl = kl_divergence(q, p).sum(-1).mean()
kl.backward()
print(kl, mu.grad, logvar.grad)
print(q.scale.grad_fn is not None, q.log_prob(mu).shape)

# %% linalg_lstsq_drivers rtol=1e-4 atol=1e-4
import torch

A = torch.tensor([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0], [1.0, 4.0]])
B = torch.tensor([[6.0, 1.0], [5.0, 2.0], [7.0, 3.0], [10.0, 1.0]])
for driver in ["gels", "gelsy", "gelsd", "gelss"]:
    r = torch.linalg.lstsq(A, B, driver=driver)
    print(driver, r.solution, r.residuals, r.rank, r.singular_values)
r = torch.linalg.lstsq(torch.ones(4, 2), B, driver="gelsd")
print(r.rank, r.residuals)
try:
    torch.linalg.lstsq(A, B, driver="svd")
except Exception as e:
    print(type(e).__name__, e)

# %% linalg_ex_variants_batched_info
import torch

I = torch.eye(2)
batch = torch.stack([I, torch.zeros(2, 2), torch.tensor([[1.0, 2.0], [2.0, 4.0]])])
inv, info = torch.linalg.inv_ex(batch)
print(info, inv[0])
try:
    torch.linalg.inv_ex(batch, check_errors=True)
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.linalg.inv(batch)
except Exception as e:
    print(type(e).__name__, e)
pd = torch.stack([I, -I, torch.tensor([[1.0, 2.0], [2.0, 1.0]])])
L, info = torch.linalg.cholesky_ex(pd)
print(info, L[0])
for f in [lambda: torch.linalg.cholesky_ex(pd, check_errors=True), lambda: torch.linalg.cholesky(pd),
          lambda: torch.linalg.cholesky(torch.tensor([[-1.0, 0.0], [0.0, 1.0]])),
          lambda: torch.linalg.solve(torch.stack([I, torch.zeros(2, 2)]), torch.ones(2))]:
    try:
        f()
    except torch.linalg.LinAlgError as e:
        print("LinAlgError", isinstance(e, RuntimeError), e)

# %% linalg_solve_left_false_errors rtol=1e-4 atol=1e-5
import torch

A = torch.tensor([[2.0, 1.0], [1.0, 3.0]], requires_grad=True)
B = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
X = torch.linalg.solve(A, B, left=False)
print(X, torch.allclose(X @ A, B, atol=1e-5))
X.sum().backward()
print(A.grad)
for f in [lambda: torch.linalg.solve(A, torch.ones(2), left=False), lambda: torch.linalg.solve(A, torch.ones(2, 3), left=False),
          lambda: torch.linalg.solve(A, torch.ones(3, 2)), lambda: torch.linalg.solve(A, torch.ones(3)),
          lambda: torch.linalg.solve(A.expand(3, 2, 2), torch.ones(4, 2, 1))]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# %% linalg_cond_variants rtol=1e-4 atol=1e-4
import torch

A = torch.tensor([[3.0, 1.0], [1.0, 2.0]])
print([round(torch.linalg.cond(A, p=p).item(), 4) for p in [None, 2, -2, 1, -1, float("inf"), float("-inf"), "fro", "nuc"]])
print(torch.linalg.cond(A.expand(3, 2, 2)), torch.linalg.cond(torch.tensor([[1.0, 0.0], [0.0, 0.0]]), p=1))
print(torch.linalg.cond(torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 7.0]])))
try:
    torch.linalg.cond(torch.ones(2, 3), p=1)
except Exception as e:
    print(type(e).__name__, e)

# %% linalg_orthogonal_via_matrix_exp rtol=1e-4 atol=1e-5
import torch

W = torch.tensor([[0.0, 0.3, -0.2], [0.1, 0.0, 0.4], [0.5, -0.1, 0.0]], requires_grad=True)
S = W - W.T
Q = torch.matrix_exp(S)
print(torch.allclose(Q @ Q.T, torch.eye(3), atol=1e-5), torch.linalg.det(Q))
(Q[0, 1] + Q[2, 0]).backward()
print(W.grad)
print(torch.matrix_exp(torch.tensor([[1.0, 2.0], [0.0, 1.0]]) * 3))

# %% dist_independent_diag_gaussian rtol=1e-5 atol=1e-6
import torch
from torch.distributions import Normal, Independent, Bernoulli, kl_divergence

mu = torch.tensor([[0.0, 1.0, -1.0], [0.5, 0.5, 0.5]], requires_grad=True)
base = Normal(mu, torch.tensor([1.0, 2.0, 0.5]))
d = Independent(base, 1)
print(d, d.batch_shape, d.event_shape, base.batch_shape, d.has_rsample)
x = torch.tensor([0.1, 0.2, 0.3])
print(d.log_prob(x), d.entropy(), d.mean.shape, d.variance, d.sample((4,)).shape)
d.log_prob(x).sum().backward()
print(mu.grad)
print(d.support, Independent(base, 2).event_shape, Independent(base, 0).batch_shape)
q = Independent(Normal(torch.zeros(2, 3), 1.0), 1)
print(kl_divergence(d, q))
e = d.expand((4, 2))
print(e.batch_shape, e.event_shape, e.log_prob(x).shape)
b = Independent(Bernoulli(torch.tensor([0.2, 0.7])), 1)
print(b.log_prob(torch.tensor([1.0, 0.0])), b.has_enumerate_support)
for f in [lambda: Independent(base, 3), lambda: b.enumerate_support(), lambda: kl_divergence(d, Independent(q, 1))]:
    try:
        f()
    except Exception as ex:
        print(type(ex).__name__, ex)
