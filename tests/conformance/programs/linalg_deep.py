# torch.linalg in depth: broadcast batch dims, float32 vs float64, gradients (values and gradcheck), errors,
# and the legacy top-level names (torch.svd/det/inverse/trace/outer/kron/tensordot/einsum/addmm family).

# %% ldeep_batched_det_inv_grads rtol=1e-6 atol=1e-8
import torch
import numpy as np

rng = np.random.default_rng(10)
A = torch.from_numpy(rng.standard_normal((2, 3, 3, 3)) + 2 * np.eye(3)).requires_grad_()
d = torch.linalg.det(A)
print(d.shape, d.dtype, d.detach())
d.sum().backward()
print(A.grad[1, 2])
A.grad = None
Ai = torch.linalg.inv(A)
(Ai * torch.arange(9.0, dtype=torch.float64).view(3, 3)).sum().backward()
print(A.grad[0, 1])
A.grad = None
s = torch.linalg.slogdet(A)
(s.logabsdet * s.sign).sum().backward()
print(s.sign.requires_grad, s.logabsdet.grad_fn is not None, A.grad[0, 0])
print(torch.linalg.det(A.float()).dtype, torch.linalg.slogdet(A.float()).sign.dtype)

# %% ldeep_gradcheck_basic
import torch
from torch.autograd import gradcheck

torch.manual_seed(0)
A = (torch.randn(2, 3, 3, dtype=torch.float64) + 3 * torch.eye(3, dtype=torch.float64)).requires_grad_()
B = torch.randn(3, 2, dtype=torch.float64, requires_grad=True)
print(gradcheck(torch.linalg.det, (A,)))
print(gradcheck(lambda a: torch.linalg.slogdet(a).logabsdet, (A,)))
print(gradcheck(torch.linalg.inv, (A,)))
print(gradcheck(torch.linalg.solve, (A, B)))
print(gradcheck(lambda a, b: torch.linalg.solve(a, b.mT, left=False), (A, torch.randn(3, 4, dtype=torch.float64, requires_grad=True))))
print(gradcheck(lambda a: torch.linalg.matrix_power(a, -3), (A,)))
print(gradcheck(lambda a: torch.linalg.matrix_power(a, 4), (A,)))
print(gradcheck(torch.linalg.matrix_exp, (A * 0.3,)))
print(gradcheck(torch.linalg.pinv, (torch.randn(2, 3, 4, dtype=torch.float64, requires_grad=True),)))

# %% ldeep_gradcheck_factorizations
import torch
from torch.autograd import gradcheck

torch.manual_seed(1)
M = torch.randn(2, 4, 4, dtype=torch.float64)
S = (M @ M.mT + 4 * torch.eye(4, dtype=torch.float64)).requires_grad_()
print(gradcheck(lambda s: torch.linalg.cholesky((s + s.mT) / 2), (S,)))
print(gradcheck(lambda s: torch.linalg.cholesky((s + s.mT) / 2, upper=True), (S,)))
print(gradcheck(lambda s: torch.linalg.eigvalsh((s + s.mT) / 2), (S,)))
print(gradcheck(lambda s: torch.linalg.svdvals(s), (S,)))
X = torch.randn(5, 3, dtype=torch.float64, requires_grad=True)
print(gradcheck(lambda x: torch.linalg.qr(x).Q, (X,)), gradcheck(lambda x: torch.linalg.qr(x).R, (X,)))
def svd_recon(x):
    U, S_, Vh = torch.linalg.svd(x, full_matrices=False)
    return U @ torch.diag_embed(S_.sin()) @ Vh
print(gradcheck(svd_recon, (X,)))
def eigh_proj(s):
    L, V = torch.linalg.eigh((s + s.mT) / 2)
    return V[..., -1:] @ V[..., -1:].mT * L[..., -1:, None]
print(gradcheck(eigh_proj, (S,)))

# %% ldeep_float32_vs_float64_results rtol=1e-4 atol=1e-5
import torch

A64 = torch.tensor([[4.0, 1.0, 2.0], [1.0, 5.0, 3.0], [2.0, 3.0, 6.0]], dtype=torch.float64)
A32 = A64.float()
for name, f in [("det", torch.linalg.det), ("inv", torch.linalg.inv), ("eigvalsh", torch.linalg.eigvalsh),
                ("svdvals", torch.linalg.svdvals), ("cholesky", torch.linalg.cholesky), ("pinv", torch.linalg.pinv),
                ("norm", torch.linalg.norm), ("cond", torch.linalg.cond), ("matrix_exp", lambda a: torch.linalg.matrix_exp(a / 10))]:
    r32, r64 = f(A32), f(A64)
    print(name, r32.dtype, r64.dtype, torch.allclose(r32.double(), r64, rtol=1e-4, atol=1e-5))
print(torch.linalg.matrix_rank(A32).dtype, torch.linalg.lu_factor(A32).pivots.dtype, torch.linalg.eigh(A64).eigenvectors.dtype)
print(torch.linalg.slogdet(A64), torch.linalg.eigvalsh(A64))
print(torch.linalg.inv_ex(A32).info.dtype, torch.linalg.cholesky_ex(A64).info.dtype, torch.linalg.lstsq(A64, A64).rank.dtype)

# %% ldeep_matrix_norm_grads rtol=1e-6 atol=1e-8
import torch

A = torch.tensor([[3.0, -1.0, 2.0], [0.5, 4.0, -2.0]], dtype=torch.float64, requires_grad=True)
for ord in ["fro", "nuc", 2, -2, 1, -1, float("inf"), float("-inf")]:
    A.grad = None
    n = torch.linalg.matrix_norm(A, ord=ord)
    n.backward()
    print(ord, round(n.item(), 6), A.grad)
B = torch.stack([A.detach(), 2 * A.detach()]).requires_grad_()
torch.linalg.matrix_norm(B, ord=2, dim=(-1, -2), keepdim=True).sum().backward()
print(B.grad)
print(torch.linalg.matrix_norm(B, dim=(0, 2)).shape, torch.linalg.norm(B, ord="nuc", dim=(1, 2)))

# %% ldeep_vector_norm_grads rtol=1e-6 atol=1e-8
import torch

x = torch.tensor([[1.0, -2.0, 0.0, 4.0], [0.5, 0.0, -3.0, 3.0]], dtype=torch.float64, requires_grad=True)
for ord in [2, 1, 3, 0.5, float("inf"), float("-inf"), 0, -1]:
    x.grad = None
    n = torch.linalg.vector_norm(x, ord=ord, dim=1)
    n.sum().backward()
    print(ord, n.detach(), x.grad)
z = torch.zeros(3, requires_grad=True)
torch.linalg.vector_norm(z).backward()
print(z.grad)
z.grad = None
torch.linalg.norm(z, ord=1).backward()
print(z.grad)
print(torch.linalg.vector_norm(torch.tensor([3.0, 4.0]), dtype=torch.float64), torch.linalg.norm(torch.tensor([3.0, 4.0]), ord=float("inf")))
print(torch.linalg.vector_norm(torch.ones(2, 3, 4), ord=3, dim=(0, 2)), torch.linalg.vector_norm(torch.ones(2, 3), dim=-1, keepdim=True).shape)

# %% ldeep_lstsq_grad_batched rtol=1e-6 atol=1e-8
import torch
import numpy as np

rng = np.random.default_rng(11)
A = torch.from_numpy(rng.standard_normal((2, 5, 3))).requires_grad_()
B = torch.from_numpy(rng.standard_normal((1, 5, 2))).requires_grad_()
X = torch.linalg.lstsq(A, B).solution
print(X.shape, X.detach())
X.pow(2).sum().backward()
print(A.grad[0], B.grad)
print(torch.allclose(X, torch.linalg.pinv(A) @ B))
r = torch.linalg.lstsq(A.detach().float(), B.detach().float().expand(2, 5, 2), driver="gelsd")
print(r.solution.dtype, r.residuals, r.rank, r.singular_values)

# %% ldeep_matrix_power_negative rtol=1e-6 atol=1e-8
import torch

A = torch.tensor([[[2.0, 1.0], [1.0, 1.0]], [[1.0, 2.0], [0.0, 1.0]]], dtype=torch.float64, requires_grad=True)
for n in [-1, -2, -3, 0, 1, 3]:
    A.grad = None
    P = torch.linalg.matrix_power(A, n)
    P.sum().backward()
    print(n, P.detach(), A.grad)
print(torch.matrix_power(torch.tensor([[1, 1], [1, 0]]), 10), A.detach().matrix_power(-1)[0])
for f in [lambda: torch.linalg.matrix_power(torch.zeros(2, 2), -1), lambda: torch.linalg.matrix_power(torch.ones(2, 3), 2),
          lambda: torch.linalg.matrix_power(torch.tensor([[1, 1], [1, 0]]), -1)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% ldeep_cross_broadcast_grad rtol=1e-6 atol=1e-8
import torch

a = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=torch.float64, requires_grad=True)
b = torch.tensor([[0.5, -1.0, 2.0]], dtype=torch.float64, requires_grad=True)
c = torch.linalg.cross(a, b)
print(c.detach(), type(c.grad_fn).__name__)
(c * torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)).sum().backward()
print(a.grad, b.grad)
x = torch.arange(18.0).view(3, 2, 3)
print(torch.linalg.cross(x, x.flip(0), dim=-1)[0], torch.cross(x.transpose(0, 2), x.transpose(0, 2).flip(2), dim=0).shape)
print(torch.linalg.cross(torch.tensor([1, 0, 0]), torch.tensor([0, 1, 0])))
for f in [lambda: torch.linalg.cross(torch.ones(3, 3), torch.ones(3)),
          lambda: torch.linalg.cross(torch.ones(3, 4), torch.ones(3, 4), dim=1),
          lambda: torch.linalg.cross(torch.ones(3), torch.ones(3, dtype=torch.float64))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% ldeep_multi_dot_chain_matmul rtol=1e-6 atol=1e-8
import torch
import warnings

torch.manual_seed(2)
A = torch.randn(2, 5, dtype=torch.float64, requires_grad=True)
B = torch.randn(5, 4, dtype=torch.float64, requires_grad=True)
C = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
v = torch.randn(3, dtype=torch.float64)
out = torch.linalg.multi_dot([A, B, C])
print(out.detach().round(decimals=4), torch.allclose(out, A @ B @ C))
torch.linalg.multi_dot([A, B, C, v]).sum().backward()
print(A.grad.round(decimals=4), C.grad.round(decimals=4))
print(torch.linalg.multi_dot([v, C.mT, B.mT]).shape, torch.linalg.multi_dot([v, v]).shape)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    print(torch.allclose(torch.chain_matmul(A, B, C), out), torch.chain_matmul(A).shape)
for f in [lambda: torch.linalg.multi_dot([A, C]), lambda: torch.linalg.multi_dot([A, B.float()]),
          lambda: torch.linalg.multi_dot([A, torch.ones(5, 2, 2)]), lambda: torch.linalg.multi_dot([])]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% ldeep_householder_product_grad rtol=1e-6 atol=1e-8
import torch
from torch.autograd import gradcheck

torch.manual_seed(3)
V = torch.randn(2, 4, 3, dtype=torch.float64, requires_grad=True)
tau = torch.rand(2, 2, dtype=torch.float64, requires_grad=True)
Q = torch.linalg.householder_product(V, tau)
print(Q.shape, Q.detach().round(decimals=4))
Q.sum().backward()
print(V.grad.round(decimals=4), tau.grad.round(decimals=4))
print(gradcheck(torch.linalg.householder_product, (V, tau)))
a, t = torch.geqrf(torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]], dtype=torch.float64))
print(torch.linalg.householder_product(a, t).abs(), torch.orgqr(a, t).shape)
for f in [lambda: torch.linalg.householder_product(torch.ones(2, 3), torch.ones(2)),
          lambda: torch.linalg.householder_product(torch.ones(3, 2), torch.ones(3))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% ldeep_lu_solve_broadcast_grad rtol=1e-6 atol=1e-8
import torch
from torch.autograd import gradcheck

torch.manual_seed(4)
A = (torch.randn(2, 1, 3, 3, dtype=torch.float64) + 3 * torch.eye(3, dtype=torch.float64)).requires_grad_()
B = torch.randn(4, 3, 2, dtype=torch.float64, requires_grad=True)
LU, piv = torch.linalg.lu_factor(A)
X = torch.linalg.lu_solve(LU, piv, B)
print(X.shape, torch.allclose(A @ X, B.expand(2, 4, 3, 2)))
X.sum().backward()
print(A.grad[1, 0].round(decimals=4), B.grad[0].round(decimals=4))
print(gradcheck(lambda a, b: torch.linalg.lu_solve(*torch.linalg.lu_factor(a), b, adjoint=True), (A, B)))
print(gradcheck(lambda a, b: torch.linalg.lu_solve(*torch.linalg.lu_factor(a), b.mT, left=False), (A, B)))
P, L, U = torch.linalg.lu(A.detach()[0, 0].float())
print(P, L.round(decimals=4), U.round(decimals=4))

# %% ldeep_solve_triangular_batched rtol=1e-6 atol=1e-8
import torch
from torch.autograd import gradcheck

torch.manual_seed(5)
U = (torch.randn(3, 1, 3, 3, dtype=torch.float64).triu() + 3 * torch.eye(3, dtype=torch.float64)).requires_grad_()
B = torch.randn(2, 3, 4, dtype=torch.float64, requires_grad=True)
X = torch.linalg.solve_triangular(U, B, upper=True)
print(X.shape, torch.allclose(U @ X, B))
X.pow(2).sum().backward()
print(U.grad[0, 0].round(decimals=4), B.grad.sum(0).round(decimals=4))
print(gradcheck(lambda u, b: torch.linalg.solve_triangular(u, b, upper=True, unitriangular=True), (U, B)))
print(gradcheck(lambda u, b: torch.linalg.solve_triangular(u.mT, b.mT, upper=False, left=False), (U, B)))
for f in [lambda: torch.linalg.solve_triangular(U, B),
          lambda: torch.linalg.solve_triangular(torch.eye(3), torch.ones(3), upper=True),
          lambda: torch.linalg.solve_triangular(torch.eye(3), torch.ones(2, 3), upper=True),
          lambda: torch.linalg.solve_triangular(torch.eye(3, dtype=torch.int64), torch.ones(3, 1, dtype=torch.int64), upper=True)]:
    try:
        print(f().shape)
    except Exception as e:
        print(type(e).__name__, e)

# %% ldeep_ex_variants_grads rtol=1e-6 atol=1e-8
import torch

S = torch.tensor([[4.0, 2.0], [2.0, 3.0]], dtype=torch.float64, requires_grad=True)
L, info = torch.linalg.cholesky_ex(S)
print(L.detach(), info, type(L.grad_fn).__name__)
L.sum().backward()
print(S.grad)
S.grad = None
Ai, info = torch.linalg.inv_ex(S)
Ai.sum().backward()
print(Ai.detach(), info, S.grad)
r = torch.linalg.cholesky_ex(torch.tensor([[1.0, 0.0, 0.0], [0.0, -1.0, 0.0], [0.0, 0.0, 1.0]]))
print(type(r).__name__, r.info, r.L)
r = torch.linalg.inv_ex(torch.tensor([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [0.0, 0.0, 1.0]]))
print(type(r).__name__, r.info)
print(torch.linalg.cholesky_ex(S.detach(), upper=True).L)

# %% ldeep_matrix_rank_tolerances
import torch

torch.manual_seed(6)
U = torch.linalg.qr(torch.randn(5, 5, dtype=torch.float64)).Q
A = U @ torch.diag(torch.tensor([10.0, 1.0, 0.1, 1e-3, 0.0], dtype=torch.float64)) @ U.mT
print(torch.linalg.matrix_rank(A), torch.linalg.matrix_rank(A, hermitian=True), torch.linalg.matrix_rank(A.float()))
for kw in [dict(atol=0.05), dict(rtol=0.05), dict(atol=0.5, rtol=0.001), dict(atol=2.0, rtol=0.0), dict(rtol=1e-5, hermitian=True)]:
    print(kw, torch.linalg.matrix_rank(A, **kw))
Ab = torch.stack([A, A[:, :3] @ A[:3, :], torch.zeros(5, 5, dtype=torch.float64)])
print(torch.linalg.matrix_rank(Ab), torch.linalg.matrix_rank(Ab, atol=torch.tensor([0.0, 0.5, 0.0], dtype=torch.float64)))
print(torch.linalg.matrix_rank(torch.ones(3, 5)), torch.linalg.matrix_rank(torch.ones(0, 3)))
try:
    torch.linalg.matrix_rank(torch.ones(3, 3, dtype=torch.int64))
except Exception as e:
    print(type(e).__name__, e)

# %% ldeep_int_input_errors
import torch

I = torch.tensor([[2, 1], [1, 2]])
fs = [("det", lambda: torch.linalg.det(I)), ("slogdet", lambda: torch.linalg.slogdet(I)),
      ("cholesky", lambda: torch.linalg.cholesky(I)), ("qr", lambda: torch.linalg.qr(I)),
      ("svd", lambda: torch.linalg.svd(I)), ("svdvals", lambda: torch.linalg.svdvals(I)),
      ("eigh", lambda: torch.linalg.eigh(I)), ("eigvalsh", lambda: torch.linalg.eigvalsh(I)),
      ("solve", lambda: torch.linalg.solve(I, torch.tensor([1, 2]))), ("pinv", lambda: torch.linalg.pinv(I)),
      ("matrix_norm", lambda: torch.linalg.matrix_norm(I)), ("matrix_exp", lambda: torch.linalg.matrix_exp(I)),
      ("lstsq", lambda: torch.linalg.lstsq(I, I)), ("cond", lambda: torch.linalg.cond(I)),
      ("torch.det", lambda: torch.det(I)), ("torch.inverse", lambda: torch.inverse(I))]
for name, f in fs:
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)

# %% ldeep_legacy_svd_some_V rtol=1e-5 atol=1e-6
import torch

A = torch.tensor([[3.0, 2.0, 2.0], [2.0, 3.0, -2.0]], dtype=torch.float64, requires_grad=True)
U, S, V = torch.svd(A)
print(U.shape, S, V.shape, torch.allclose(U @ torch.diag(S) @ V.T, A))
U2, S2, V2 = torch.svd(A, some=False)
print(U2.shape, V2.shape, torch.allclose(V2.T @ V2, torch.eye(3, dtype=torch.float64)))
Uz, Sz, Vz = torch.svd(A, compute_uv=False)
print(Sz, Uz.abs().sum(), Vz.shape)
(S.sum() + (U @ torch.diag(S) @ V.T).pow(2).sum()).backward()
print(A.grad)
r = A.detach().svd()
print(type(r).__name__, r.S, torch.linalg.svd(A.detach()).Vh.shape)
Ab = torch.stack([A.detach(), -A.detach()])
print(torch.svd(Ab).V.shape, torch.svd(Ab, some=False).U.shape)

# %% ldeep_removed_legacy_functions
import torch

A = torch.tensor([[2.0, 1.0], [1.0, 2.0]])
for name, f in [("symeig", lambda: torch.symeig(A)), ("eig", lambda: torch.eig(A)),
                ("matrix_rank", lambda: torch.matrix_rank(A)), ("lstsq", lambda: torch.lstsq(A, A)),
                ("solve", lambda: torch.solve(A, A))]:
    try:
        f()
    except Exception as e:
        print(name, type(e).__name__, str(e).splitlines()[0])
print(hasattr(torch.linalg, "eigh"), hasattr(torch, "linalg"))

# %% ldeep_legacy_det_inverse_logdet rtol=1e-6 atol=1e-8
import torch

A = torch.tensor([[[2.0, 1.0], [1.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]], dtype=torch.float64, requires_grad=True)
print(torch.det(A), A.det(), torch.logdet(A), A.logdet())
sign, logabs = A.slogdet()
print(sign, logabs)
(torch.inverse(A).sum() + torch.det(A).sum() + torch.logdet(A[0])).backward()
print(A.grad)
print(torch.inverse(A.detach()[0].float()), A.detach().inverse().shape, torch.pinverse(A.detach()[1]))
print(torch.logdet(torch.zeros(2, 2)), torch.logdet(torch.tensor([[0.0, 1.0], [1.0, 0.0]])))
try:
    torch.inverse(torch.ones(2, 3))
except Exception as e:
    print(type(e).__name__, e)

# %% ldeep_trace rtol=1e-6 atol=1e-8
import torch

A = torch.arange(12.0).view(3, 4).requires_grad_()
t = torch.trace(A)
print(t, t.grad_fn.name())
t.backward()
print(A.grad)
print(torch.trace(torch.arange(9).view(3, 3)), torch.trace(torch.arange(9).view(3, 3)).dtype, torch.trace(torch.ones(2, 2, dtype=torch.int32)).dtype)
print(torch.arange(6.0).view(3, 2).trace(), torch.trace(torch.ones(2, 2, dtype=torch.float64)))
for f in [lambda: torch.trace(torch.ones(3)), lambda: torch.trace(torch.ones(2, 2, 2)), lambda: torch.trace(torch.ones(2, 2, dtype=torch.bool))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% ldeep_outer_ger_kron rtol=1e-6 atol=1e-8
import torch

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = torch.tensor([4.0, 5.0], requires_grad=True)
o = torch.outer(a, b)
print(o, torch.ger(a, b).shape, a.outer(b).shape, a.ger(b).shape)
(o * torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])).sum().backward()
print(a.grad, b.grad)
print(torch.outer(torch.tensor([1, 2]), torch.tensor([3, 4])), torch.outer(torch.tensor([1, 2]), torch.tensor([0.5])).dtype)
print(torch.kron(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[0, 1], [1, 0]])))
print(torch.kron(torch.ones(2), torch.eye(2)).shape, torch.kron(torch.ones(2, 1, 3), torch.ones(4, 2)).shape)
K = torch.ones(2, 2, requires_grad=True)
torch.kron(K, torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
print(K.grad, torch.kron(torch.tensor([1.0, 2.0]), torch.tensor([1, 2])).dtype)
try:
    torch.outer(torch.ones(2, 2), torch.ones(2))
except Exception as e:
    print(type(e).__name__, e)

# %% ldeep_tensordot_dims rtol=1e-6 atol=1e-8
import torch

a = torch.arange(24.0).view(2, 3, 4).requires_grad_()
b = torch.arange(12.0).view(4, 3)
print(torch.tensordot(a, b, dims=1).shape, torch.tensordot(a, b.T, dims=2), torch.tensordot(a, b, dims=0).shape)
print(torch.tensordot(a, b, dims=([1, 2], [1, 0])), torch.tensordot(a, b, dims=[[2], [0]]).shape)
print(torch.tensordot(a, b, dims=([2], [0])).shape)
torch.tensordot(a, b, dims=([1, 2], [1, 0])).pow(2).sum().backward()
print(a.grad[1])
print(torch.tensordot(torch.ones(2, 3, dtype=torch.int64), torch.ones(3, 2, dtype=torch.int64), dims=1))
for f in [lambda: torch.tensordot(a, b, dims=([1], [0])), lambda: torch.tensordot(a, b, dims=-1),
          lambda: torch.tensordot(a, b, dims=([0, 1], [0])), lambda: torch.tensordot(a, b, dims=(2, 0))]:
    try:
        print(f().shape)
    except Exception as e:
        print(type(e).__name__, e)

# %% ldeep_einsum_patterns rtol=1e-6 atol=1e-8
import torch

torch.manual_seed(7)
A = torch.randn(2, 3, 3, dtype=torch.float64)
B = torch.randn(2, 3, 4, dtype=torch.float64)
v = torch.randn(3, dtype=torch.float64)
print(torch.einsum("bii->bi", A).round(decimals=4), torch.einsum("bii->b", A).round(decimals=4))
print(torch.einsum("bij,bjk->bk", A, B).round(decimals=4))
print(torch.einsum("...ij,...jk->...ik", A, B).shape, torch.einsum("b...,b...->b", B, B).round(decimals=4))
print(torch.einsum("i,i,i->", v, v, v).round(decimals=4), torch.einsum("ij,j->i", A[0], v).round(decimals=4))
print(torch.einsum("bij->bji", B).shape, torch.einsum("...i->...", B).shape, torch.einsum("i...->...", B).shape)
print(torch.einsum("ii", A[0]).round(decimals=4), torch.einsum("iij->j", torch.arange(12.0).view(2, 2, 3)))
print(torch.einsum("bij,k->bijk", A, v).shape, torch.einsum("ab,cd->acbd", A[0], A[1]).shape)
print(torch.einsum(A, [..., 0, 1], v, [1], [..., 0]).round(decimals=4))
print(torch.einsum("i,j", v, v).shape, torch.einsum("ji", A[0]).shape, torch.einsum("ba", A[0]).equal(A[0].T))

# %% ldeep_einsum_grads_errors rtol=1e-6 atol=1e-8
import torch

torch.manual_seed(8)
x = torch.randn(2, 3, 4, dtype=torch.float64, requires_grad=True)
W = torch.randn(4, 5, dtype=torch.float64, requires_grad=True)
y = torch.einsum("bti,io->bto", x, W)
(y.sin().sum() + torch.einsum("bii->", x[:, :, :3]).sum()).backward()
print(x.grad.round(decimals=4), W.grad.round(decimals=4))
print(torch.autograd.gradcheck(lambda a, b: torch.einsum("...i,io->...o", a, b), (x, W)))
print(torch.autograd.gradcheck(lambda a: torch.einsum("bii->bi", a), (x[:, :, :3].detach().clone().requires_grad_(),)))
for eq, ops in [("ij,jk->ik", (torch.ones(2, 3), torch.ones(4, 5))), ("ij->ijk", (torch.ones(2, 3),)),
                ("ij,jk", (torch.ones(2, 3),)), ("i->ii", (torch.ones(2),)), ("ij->i", (torch.ones(2, 3, 4),)),
                ("i,i->i", (torch.ones(2), torch.ones(3)))]:
    try:
        print(torch.einsum(eq, *ops).shape)
    except Exception as e:
        print(eq, type(e).__name__, e)

# %% ldeep_addmm_family_beta_alpha rtol=1e-6 atol=1e-8
import torch

M = torch.tensor([[1.0, float("nan")], [2.0, 3.0]])
m1 = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
m2 = torch.tensor([[0.5, 1.0], [1.5, 2.0]])
print(torch.addmm(M, m1, m2, beta=0), torch.addmm(M.nan_to_num(), m1, m2, beta=2, alpha=0.5))
print(torch.addmv(torch.tensor([float("nan"), 1.0]), m1, torch.tensor([1.0, -1.0]), beta=0, alpha=3))
print(torch.addr(torch.ones(2, 2), torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]), beta=0.5, alpha=-1))
print(torch.addr(torch.ones(2, 2, dtype=torch.int64), torch.tensor([1, 2]), torch.tensor([3, 4]), alpha=2))
b1, b2 = m1.expand(3, 2, 2), m2.expand(3, 2, 2)
print(torch.baddbmm(torch.ones(3, 2, 2), b1, b2, beta=0.5, alpha=2)[2], torch.baddbmm(torch.zeros(2), b1, b2).shape)
print(torch.addbmm(torch.ones(2, 2), b1, b2, beta=0, alpha=0.5))
Mg = torch.ones(2, 2, requires_grad=True)
a = m1.clone().requires_grad_()
out = torch.addmm(Mg, a, m2, beta=3, alpha=0.5)
out.sum().backward()
print(type(out.grad_fn).__name__, Mg.grad, a.grad)
print(M.addmm(m1, m2, beta=0).isnan().any(), m1.clone().addmm_(m1, m2, alpha=2))

# %% ldeep_matmul_dtype_errors
import torch

f32, f64, i64 = torch.ones(2, 2), torch.ones(2, 2, dtype=torch.float64), torch.ones(2, 2, dtype=torch.int64)
cases = [("mm", lambda: torch.mm(f32, f64)), ("matmul", lambda: f32 @ i64), ("bmm", lambda: torch.bmm(f32[None], f64[None])),
         ("matmul3d", lambda: torch.matmul(f32[None], f64[None])), ("mv", lambda: torch.mv(f32, f64[0])),
         ("dot", lambda: torch.dot(f32[0], i64[0])), ("addmm", lambda: torch.addmm(f32, f32, f64)),
         ("addmm_self", lambda: torch.addmm(f64, f32, f32)), ("baddbmm", lambda: torch.baddbmm(f32[None], f32[None], f64[None])),
         ("addmv", lambda: torch.addmv(f32[0], f32, f64[0])), ("addr", lambda: torch.addr(f32, f32[0], f64[0])),
         ("int_mm", lambda: torch.mm(i64, i64)), ("linear", lambda: torch.nn.functional.linear(f32, f64)),
         ("linear_bias", lambda: torch.nn.functional.linear(f32, f32, f64[0])), ("addbmm", lambda: torch.addbmm(f32, f64[None], f32[None])),
         ("addmv_self", lambda: torch.addmv(f64[0], f32, f32[0])), ("baddbmm_self", lambda: torch.baddbmm(f64[None], f32[None], f32[None])),
         ("bool_bmm", lambda: torch.bmm(f32.bool()[None], f32.bool()[None])), ("bool_mv", lambda: torch.mv(f32.bool(), f32.bool()[0])),
         ("bool_mm", lambda: torch.mm(f32.bool(), f32.bool())), ("half", lambda: torch.mm(f32.half(), f32.half()).dtype)]
for name, f in cases:
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)

# %% ldeep_matmul_shapes_grad_fn
import torch

x3 = torch.ones(2, 3, 4, requires_grad=True)
y3 = torch.ones(2, 4, 5, requires_grad=True)
out = x3 @ y3
print(out.shape, type(out.grad_fn).__name__, type(torch.bmm(x3, y3).grad_fn).__name__)
print(type((x3 @ torch.ones(4, 5)).grad_fn).__name__, type((torch.ones(3, 4, requires_grad=True) @ torch.ones(4, 5)).grad_fn).__name__)
print(type((torch.ones(4, requires_grad=True) @ torch.ones(4)).grad_fn).__name__, type((torch.ones(3, 4, requires_grad=True) @ torch.ones(4)).grad_fn).__name__)
print((x3 @ torch.ones(4)).shape, (torch.ones(3) @ x3).shape, (torch.ones(5, 1, 3, 4) @ torch.ones(2, 4, 1)).shape)
for f in [lambda: x3 @ torch.ones(3, 5), lambda: torch.bmm(x3, torch.ones(3, 4, 5)), lambda: torch.bmm(x3, torch.ones(2, 5, 4)),
          lambda: torch.mm(x3, y3), lambda: torch.ones(3) @ torch.ones(4),
          lambda: torch.mv(torch.ones(2, 3), torch.ones(2)), lambda: torch.matmul(torch.tensor(2.0), torch.ones(2))]:
    try:
        print(f().shape)
    except Exception as e:
        print(type(e).__name__, e)

# %% ldeep_eigh_uplo_grads rtol=1e-6 atol=1e-8
import torch

A = torch.tensor([[[4.0, 1.0, -2.0], [0.5, 3.0, 0.0], [7.0, 0.2, 5.0]],
                  [[2.0, 0.0, 1.0], [9.0, 2.0, 0.5], [1.0, -3.0, 6.0]]], dtype=torch.float64, requires_grad=True)
for uplo in ["L", "U"]:
    A.grad = None
    L, V = torch.linalg.eigh(A, UPLO=uplo)
    print(uplo, L.detach())
    (L * torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)).sum().backward()
    print(A.grad)
A.grad = None
torch.linalg.eigvalsh(A, UPLO="U").pow(2).sum().backward()
print(A.grad)
L, V = torch.linalg.eigh(A.detach().float())
print(L.dtype, V.dtype, type(torch.linalg.eigh(A).eigenvalues.grad_fn).__name__)

# %% ldeep_det_singular_grads rtol=1e-6 atol=1e-8
import torch

S = torch.tensor([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]], dtype=torch.float64, requires_grad=True)
d = torch.linalg.det(S)
d.backward()
print(d.detach(), S.grad)
Z = torch.zeros(2, 2, dtype=torch.float64, requires_grad=True)
torch.linalg.det(Z).backward()
print(Z.grad)
B = torch.stack([torch.eye(3, dtype=torch.float64), S.detach()]).requires_grad_()
torch.linalg.det(B).sum().backward()
print(B.grad)
P = torch.tensor([[0.0, 1.0], [1.0, 0.0]], dtype=torch.float64, requires_grad=True)
s = torch.linalg.slogdet(P)
s.logabsdet.backward()
print(s.sign, P.grad)

# %% ldeep_pinv_options_grads rtol=1e-6 atol=1e-8
import torch

A = torch.tensor([[1.0, 2.0], [2.0, 4.0], [0.0, 1e-4]], dtype=torch.float64)
print(torch.linalg.pinv(A), torch.linalg.pinv(A, atol=1e-3), torch.linalg.pinv(A, rtol=0.5))
S = torch.tensor([[2.0, 1.0, 0.0], [1.0, 2.0, 0.0], [0.0, 0.0, 0.0]], dtype=torch.float64, requires_grad=True)
P = torch.linalg.pinv(S, hermitian=True)
print(P.detach(), torch.allclose(P, torch.linalg.pinv(S)))
W = torch.tensor([[3.0, 1.0], [1.0, 2.0], [0.0, 1.0]], dtype=torch.float64, requires_grad=True)
torch.linalg.pinv(W).pow(2).sum().backward()
print(W.grad)
Ab = torch.stack([A, 2 * A])
print(torch.linalg.pinv(Ab, atol=torch.tensor([1e-3, 100.0], dtype=torch.float64)), torch.pinverse(A, rcond=1e-3))

# %% ldeep_qr_svd_backward_limits rtol=1e-6 atol=1e-8
import torch

W = torch.tensor([[1.0, 2.0, 0.5], [3.0, 4.0, 1.0]], dtype=torch.float64, requires_grad=True)
Q, R = torch.linalg.qr(W)
(Q.sum() + R.sum()).backward()
print(Q.shape, R.shape, W.grad)
T = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]], dtype=torch.float64, requires_grad=True)
Q, R = torch.linalg.qr(T, mode="complete")
print(Q.shape, R.shape)
for f in [lambda: torch.linalg.qr(T, mode="r").R.sum().backward(),
          lambda: torch.linalg.qr(T, mode="complete").Q.sum().backward(),
          lambda: torch.linalg.svd(T).U.sum().backward()]:
    try:
        f()
        print("ok", T.grad is not None)
    except Exception as e:
        print(type(e).__name__, str(e)[:60])
T.grad = None
U, S_, Vh = torch.linalg.svd(T, full_matrices=False)
(U @ torch.diag(S_) @ Vh).sum().backward()
print(T.grad)

# %% ldeep_solve_vector_rhs_rules rtol=1e-6 atol=1e-8
import torch

torch.manual_seed(9)
A = torch.randn(2, 3, 3, dtype=torch.float64) + 3 * torch.eye(3, dtype=torch.float64)
for shape in [(3,), (2, 3), (3, 1), (2, 3, 1), (1, 3, 2), (4, 1, 3, 2)]:
    B = torch.randn(*shape, dtype=torch.float64)
    X = torch.linalg.solve(A, B)
    r = A @ (X.unsqueeze(-1) if X.ndim == A.ndim - 1 else X)
    print(shape, X.shape, torch.allclose(r.squeeze(-1) if X.ndim == A.ndim - 1 else r, B.expand_as(r.squeeze(-1) if X.ndim == A.ndim - 1 else r)))
A1 = A.clone().requires_grad_()
b = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
torch.linalg.solve(A1, b).pow(2).sum().backward()
print(A1.grad[0].round(decimals=4), b.grad.round(decimals=4))
for B in [torch.ones(2, 2), torch.ones(3, 3, 1)]:
    try:
        print(torch.linalg.solve(A, B.double()).shape)
    except Exception as e:
        print(type(e).__name__, e)

# %% ldeep_tensorinv_tensorsolve_grads rtol=1e-6 atol=1e-8
import torch

torch.manual_seed(10)
A = (torch.randn(2, 3, 6, dtype=torch.float64) + 3 * torch.eye(6, dtype=torch.float64).view(2, 3, 6)).requires_grad_()
Ainv = torch.linalg.tensorinv(A, ind=2)
print(Ainv.shape, torch.allclose(torch.tensordot(A, Ainv, dims=1), torch.eye(6, dtype=torch.float64).view(2, 3, 2, 3)))
Ainv.sum().backward()
print(A.grad.round(decimals=4))
A.grad = None
b = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
x = torch.linalg.tensorsolve(A, b)
x.pow(2).sum().backward()
print(x.shape, x.detach().round(decimals=4), b.grad.round(decimals=4), A.grad.shape)
print(torch.autograd.gradcheck(lambda a, bb: torch.linalg.tensorsolve(a, bb), (A, b)))

# %% ldeep_vecdot_vander_diagonal_grads rtol=1e-6 atol=1e-8
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=torch.float64, requires_grad=True)
y = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
v = torch.linalg.vecdot(x, y)
v.sum().backward()
print(v.detach(), x.grad, y.grad, type(v.grad_fn).__name__ in ("SumBackward1", "LinalgVecdotBackward0"))
x.grad = None
V = torch.linalg.vander(x[0], N=5)
(V * torch.arange(5.0, dtype=torch.float64)).sum().backward()
print(V.detach(), x.grad)
print(torch.autograd.gradcheck(lambda t: torch.linalg.vander(t), (x,)))
M = torch.arange(24.0, dtype=torch.float64).view(2, 3, 4).requires_grad_()
d = torch.linalg.diagonal(M, offset=-1, dim1=1, dim2=2)
d.sum().backward()
print(d.detach(), M.grad[1], torch.linalg.diagonal(M, dim1=0, dim2=-1).shape)

# %% ldeep_cond_matrix_exp_grads rtol=1e-5 atol=1e-7
import torch

A = torch.tensor([[[3.0, 1.0], [1.0, 2.0]], [[1.0, 0.5], [0.0, 2.0]]], dtype=torch.float64, requires_grad=True)
for p in [None, -2, 2]:
    A.grad = None
    c = torch.linalg.cond(A, p=p)
    c.sum().backward()
    print(p, c.detach(), A.grad)
print([torch.linalg.cond(A.detach(), p=p) for p in ["fro", 1, float("inf"), "nuc"]])
A.grad = None
E = torch.linalg.matrix_exp(A)
(E * torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64)).sum().backward()
print(E.detach(), A.grad)
E32 = torch.linalg.matrix_exp(A.detach().float())
print(E32.dtype, torch.allclose(E32.double(), E.detach(), atol=1e-5))
