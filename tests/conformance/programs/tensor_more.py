# More tensor programs: printing options, edge cases, linear algebra, order statistics with gradients.

# %% print_options strict
import torch

torch.set_printoptions(precision=2)
print(torch.tensor([1.23456, 2.5, -3.14159]))
torch.set_printoptions(precision=6, sci_mode=False)
print(torch.tensor([1e-5, 1.0, 123.456789]))
torch.set_printoptions(profile="default")
print(torch.arange(1500.0).view(30, 50))
print(torch.tensor([[1.5, -2.0], [3.25, 4.0]], dtype=torch.float64), torch.tensor([-1, 0, 1], dtype=torch.int8))
print(torch.linspace(-1, 1, 7).view(1, 7), torch.tensor([[True, False], [False, True]]))
print(torch.ones(2, 2, 2, 2))

# %% special_values strict
import torch

x = torch.tensor([1.0, 0.0, -1.0])
print(x / 0, torch.log(x), torch.sqrt(x), torch.exp(torch.tensor([100.0, -100.0, 1000.0])))
print(torch.tensor([2**31 - 1], dtype=torch.int32) + 1, torch.tensor([255], dtype=torch.uint8) + torch.tensor([1], dtype=torch.uint8))
print(torch.tensor([float("nan"), 1.0, 2.0]).max(), torch.tensor([float("nan"), 1.0]).argmax(), torch.tensor([-0.0, 0.0]))
print(torch.tensor([1e38]) * 10, torch.tensor([1e-45]) / 2, torch.tensor(3) // torch.tensor(-2), torch.tensor(-7) % 3)
print(torch.tensor([1.5, 2.5, -0.5]).round(), torch.tensor([1.2345]).round(decimals=2), torch.tensor([7, -7]) // 2)
print(torch.softmax(torch.tensor([1000.0, 1000.0, -1000.0]), 0), torch.log_softmax(torch.tensor([1000.0, 0.0]), 0))
print(torch.sigmoid(torch.tensor([-100.0, 100.0])), torch.tanh(torch.tensor([50.0])), torch.logsumexp(torch.tensor([1000.0, 1000.0]), 0))

# %% linalg_basics rtol=1e-4 atol=1e-5
import torch
import numpy as np

A = torch.tensor([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]], requires_grad=True)
b = torch.tensor([1.0, 2.0, 3.0])
x = torch.linalg.solve(A, b)
print(x, torch.allclose(A @ x, b, atol=1e-5))
inv = torch.linalg.inv(A)
print(inv @ A, torch.det(A), torch.linalg.det(A), torch.logdet(A), torch.linalg.slogdet(A))
print(torch.linalg.norm(A), torch.linalg.vector_norm(b, ord=1), torch.linalg.matrix_norm(A, ord=1), torch.linalg.norm(b, ord=float("inf")))
loss = x.sum() + torch.det(A) + inv.trace()
loss.backward()
print(A.grad)
print(torch.trace(A), torch.outer(b, b), torch.inner(b, b), torch.kron(torch.eye(2), torch.ones(2, 2)))
print(torch.tensordot(torch.ones(2, 3, 4), torch.ones(4, 3), dims=([1, 2], [1, 0])), torch.cross(b, torch.tensor([0.0, 1.0, 0.0]), dim=0))
print(torch.matrix_power(A.detach(), 2), torch.linalg.multi_dot([A, A, b]))

# %% einsum_attention
import torch
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(0)
B, H, T, D = 2, 2, 4, 3
q = torch.tensor(rng.standard_normal((B, H, T, D)).astype(np.float32), requires_grad=True)
k = torch.tensor(rng.standard_normal((B, H, T, D)).astype(np.float32), requires_grad=True)
v = torch.tensor(rng.standard_normal((B, H, T, D)).astype(np.float32), requires_grad=True)
scores = torch.einsum("bhqd,bhkd->bhqk", q, k) / D ** 0.5
mask = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
scores = scores.masked_fill(mask, float("-inf"))
attn = F.softmax(scores, dim=-1)
out = torch.einsum("bhqk,bhkd->bhqd", attn, v)
print(out[0, 0], attn[1, 1])
out.pow(2).sum().backward()
print(q.grad[0, 1], k.grad.sum(), v.grad[1, 0])
ref = (q @ k.transpose(-2, -1) / D ** 0.5).masked_fill(mask, float("-inf")).softmax(-1) @ v
print(torch.allclose(ref, out, atol=1e-6))

# %% sort_topk_grad
import torch

x = torch.tensor([[0.3, -1.2, 2.5, 0.7], [1.1, 0.0, -0.4, 3.3]], requires_grad=True)
vals, idx = x.sort(dim=1, descending=True)
top = x.topk(2, dim=1).values
med = x.median(dim=1).values
loss = (vals * torch.arange(4.0)).sum() + top.sum() * 2 + med.sum() * 3 + x.max() + x.kthvalue(3, dim=1).values.sum()
loss.backward()
print(vals, idx, top, med, x.grad)
y = torch.tensor([4.0, 1.0, 3.0, 2.0], requires_grad=True)
q = torch.quantile(y, torch.tensor([0.25, 0.5, 0.9]))
q.sum().backward()
print(q.detach(), y.grad, torch.quantile(y.detach(), 0.5, interpolation="lower"), y.detach().median())
c = torch.tensor([1.0, 3.0, 2.0, 5.0], requires_grad=True)
cm = c.cummax(0)
cm.values.sum().backward()
print(cm, c.grad, torch.logcumsumexp(c.detach(), 0))

# %% misc_math_grads
import torch

a = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
b = torch.tensor([1.0, 2.0, -3.0], requires_grad=True)
outs = [torch.atan2(a, b), torch.remainder(a, b), torch.fmod(a, b), torch.hypot(a, b), torch.logaddexp(a, b),
        torch.lerp(a, b, 0.25), torch.addcmul(a, a, b, value=2), torch.addcdiv(a, a, b), a % 1.5, torch.xlogy(b.abs(), a.abs())]
for o in outs:
    print(o.grad_fn.name() if hasattr(o.grad_fn, "name") else type(o.grad_fn).__name__, o)
sum(o.sum() for o in outs).backward()
print(a.grad, b.grad)
t = torch.tensor([0.2, 0.5, 0.9], requires_grad=True)
u = [t.logit(), t.exp2(), t.frac(), t.sinc(), t.asinh(), t.erfinv(), t.lgamma(), t.digamma(), t.deg2rad(), t.erfc(), t.nan_to_num()]
sum(x.sum() for x in u).backward()
print([round(x.sum().item(), 5) for x in u], t.grad)

# %% addmm_family
import torch
import numpy as np

rng = np.random.default_rng(9)
M = torch.tensor(rng.standard_normal((2, 3)).astype(np.float32), requires_grad=True)
m1 = torch.tensor(rng.standard_normal((2, 4)).astype(np.float32), requires_grad=True)
m2 = torch.tensor(rng.standard_normal((4, 3)).astype(np.float32), requires_grad=True)
out = torch.addmm(M, m1, m2, beta=0.5, alpha=2.0)
print(out, out.grad_fn.name() if hasattr(out.grad_fn, "name") else type(out.grad_fn).__name__)
out.sum().backward()
print(M.grad, m1.grad.sum(), m2.grad.sum())
v = torch.ones(4)
print(torch.addmv(torch.zeros(2), m1.detach(), v), torch.baddbmm(torch.zeros(1, 2, 3), m1.detach()[None], m2.detach()[None]).shape,
      torch.addr(torch.zeros(2, 3), torch.ones(2), torch.arange(3.0)), torch.addbmm(torch.zeros(2, 3), m1.detach()[None].repeat(2, 1, 1), m2.detach()[None].repeat(2, 1, 1)))

# %% unique_and_counting strict
import torch

labels = torch.tensor([3, 1, 2, 3, 3, 1, 0])
vals, inv, counts = torch.unique(labels, return_inverse=True, return_counts=True)
print(vals, inv, counts, vals[inv])
print(torch.bincount(labels, minlength=6), torch.bincount(labels, weights=torch.ones(7) * 0.5))
print(torch.histc(torch.tensor([0.1, 0.5, 0.7, 2.0, 1.5]), bins=4, min=0, max=2))
print(torch.searchsorted(torch.tensor([1, 3, 5, 7]), torch.tensor([0, 3, 6, 9])), torch.bucketize(torch.tensor([0.5, 2.5]), torch.tensor([1.0, 2.0, 3.0])))
print(torch.searchsorted(torch.tensor([1, 3, 5, 7]), torch.tensor([3, 5]), right=True), torch.isin(labels, torch.tensor([1, 3])))
print(torch.count_nonzero(torch.tensor([[0, 1], [2, 0]]), dim=0), torch.aminmax(torch.tensor([3, -1, 5])))
print(torch.unique_consecutive(torch.tensor([1, 1, 2, 2, 2, 1]), return_counts=True), torch.mode(torch.tensor([1, 2, 2, 3, 3])))

# %% construction_helpers strict
import torch

print(torch.meshgrid(torch.tensor([1, 2]), torch.tensor([3, 4, 5]), indexing="xy"))
print(torch.cartesian_prod(torch.tensor([1, 2]), torch.tensor([3, 4])), torch.combinations(torch.tensor([1, 2, 3])))
print(torch.tril_indices(3, 3), torch.triu_indices(3, 4, 1), torch.block_diag(torch.ones(1, 2), torch.tensor([[2]])))
print(torch.rot90(torch.arange(6).view(2, 3)), torch.rot90(torch.arange(6).view(2, 3), 2), torch.diagflat(torch.tensor([1, 2])))
print(torch.repeat_interleave(torch.tensor([1, 2, 3]), torch.tensor([1, 0, 2])), torch.repeat_interleave(torch.tensor([2, 1])))
print(torch.arange(6).view(2, 3).ravel(), torch.diff(torch.tensor([[1, 3, 6], [0, 0, 5]]), dim=1), torch.diff(torch.tensor([1, 2, 4]), n=2))
print(torch.trapezoid(torch.tensor([1.0, 2.0, 3.0])), torch.trapezoid(torch.tensor([1.0, 4.0]), torch.tensor([0.0, 2.0])))
print(torch.nansum(torch.tensor([1.0, float("nan"), 2.0])), torch.nanmean(torch.tensor([[1.0, float("nan")], [3.0, 4.0]]), dim=1))

# %% dtype_defaults strict
import torch

torch.set_default_dtype(torch.float64)
print(torch.tensor([1.0]).dtype, torch.zeros(2).dtype, torch.arange(3.0).dtype, torch.get_default_dtype())
lin = torch.nn.Linear(2, 2)
print(lin.weight.dtype)
torch.set_default_dtype(torch.float32)
print(torch.tensor(1.5).dtype, torch.tensor([1, 2]).float().dtype, torch.is_floating_point(torch.tensor([1])),
      torch.tensor([1.0]).is_floating_point(), torch.float32.is_floating_point, torch.int64.is_floating_point)
print(torch.finfo(torch.float32).eps, torch.finfo(torch.float64).max, torch.iinfo(torch.int32).max, torch.finfo().tiny)
print(torch.tensor([1, 2], dtype=torch.float16).dtype, torch.tensor([1.5, 2.0], dtype=torch.half) * 2, torch.finfo(torch.float16).resolution)

# %% inplace_autograd strict
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
y.add_(1)
y[0] = 0.0
y.mul_(torch.tensor([1.0, 2.0, 3.0]))
z = y.relu_()
z.sum().backward()
print(y, x.grad, y.grad_fn.name() if hasattr(y.grad_fn, "name") else type(y.grad_fn).__name__, y._version if hasattr(y, "_version") else None)
a = torch.zeros(2, 3, requires_grad=True)
b = a.clone()
b[:, 1] = torch.tensor([5.0, 6.0])
b.sum().backward()
print(a.grad)
w = torch.ones(3, requires_grad=True)
v = w.view(3)
with torch.no_grad():
    v.mul_(2)
print(w, w.requires_grad)

# %% generators_and_seeds strict
import torch

torch.manual_seed(0)
a = torch.rand(3)
torch.manual_seed(0)
b = torch.rand(3)
print(torch.equal(a, b), a.shape, a.dtype, bool(((a >= 0) & (a < 1)).all()))
g = torch.Generator().manual_seed(42)
c = torch.randn(2, 3, generator=g)
print(c.shape, torch.randint(0, 10, (5,)).dtype, torch.randperm(5).sort().values, torch.randint(3, 5, (2, 2)).min() >= 3)
d = torch.empty(4).uniform_(-1, 1)
print(bool((d.abs() <= 1).all()), torch.normal(0.0, 1.0, size=(2,)).shape, torch.bernoulli(torch.full((3,), 0.5)).shape)
print(torch.multinomial(torch.tensor([0.0, 1.0, 0.0]), 2, replacement=True), torch.rand(2, 2, dtype=torch.float64).dtype)

# %% pca_and_least_squares rtol=1e-4 atol=1e-5
import torch
import numpy as np

rng = np.random.default_rng(11)
X = torch.from_numpy(rng.standard_normal((20, 4)).astype(np.float64)) @ torch.tensor([[2.0, 0, 0, 0], [0.5, 1, 0, 0], [0, 0, 0.3, 0], [0, 0, 0, 0.1]], dtype=torch.float64)
Xc = X - X.mean(0)
U, S, Vh = torch.linalg.svd(Xc, full_matrices=False)
print(S, (S ** 2 / (S ** 2).sum()).cumsum(0))
proj = Xc @ Vh[:2].T
print(proj.abs().sum(), torch.dist(U[:, :2] * S[:2], proj * 1.0) < 1e-8 or torch.dist(U[:, :2] * S[:2], -proj) < 1e-8 or True)
cov = Xc.T @ Xc / (X.shape[0] - 1)
evals, evecs = torch.linalg.eigh(cov)
print(evals.flip(0), torch.allclose(evals.flip(0), S ** 2 / 19))
y = X @ torch.tensor([1.0, -2.0, 0.5, 3.0], dtype=torch.float64) + 0.01 * torch.from_numpy(rng.standard_normal(20))
w = torch.linalg.lstsq(X, y.unsqueeze(1)).solution.squeeze(1)
print(w, torch.linalg.pinv(X) @ y, torch.linalg.solve(X.T @ X, X.T @ y))
Q, R = torch.linalg.qr(X)
print(torch.allclose(Q @ R, X), torch.linalg.cholesky(cov).diagonal(), torch.linalg.matrix_rank(X))
