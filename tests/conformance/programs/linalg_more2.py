# torch.linalg LU family (lu_factor, lu, lu_solve, lu_unpack), solve_ex, tensorinv/tensorsolve, vander, vecdot,
# matrix_rank tolerances, and the legacy top-level cholesky_solve / cholesky_inverse / triangular_solve / qr / lu.

# %% linalg_lu_factor_unpack rtol=1e-6 atol=1e-8
import torch
import numpy as np

rng = np.random.default_rng(0)
A = torch.from_numpy(rng.standard_normal((2, 4, 3)))
LU, piv = torch.linalg.lu_factor(A)
print(LU, piv, piv.dtype)
P, L, U = torch.lu_unpack(LU, piv)
print(P, L, U)
print(torch.allclose(P @ L @ U, A))
res = torch.linalg.lu(A.mT)
print(type(res).__name__, res.P.shape, res.L.shape, res.U.shape)
print(torch.lu_unpack(LU, piv, unpack_data=False).L.shape, torch.lu_unpack(LU, piv, unpack_pivots=False).P.shape)

# %% linalg_lu_solve_variants rtol=1e-6 atol=1e-8
import torch
import numpy as np

rng = np.random.default_rng(1)
A = torch.from_numpy(rng.standard_normal((3, 3)) + 3 * np.eye(3))
B = torch.from_numpy(rng.standard_normal((3, 2)))
LU, piv = torch.linalg.lu_factor(A)
print(torch.linalg.lu_solve(LU, piv, B))
print(torch.linalg.lu_solve(LU, piv, B, adjoint=True))
print(torch.linalg.lu_solve(LU, piv, B.mT, left=False))
print(torch.linalg.lu_solve(LU, piv, B.mT, left=False, adjoint=True))
print(torch.lu_solve(B, LU, piv))
x = torch.linalg.solve_ex(A, B)
print(type(x).__name__, x.result, x.info)

# %% linalg_lu_grad rtol=1e-6 atol=1e-8
import torch
import numpy as np

rng = np.random.default_rng(2)
for shape in [(3, 3), (2, 4), (4, 2)]:
    A = torch.from_numpy(rng.standard_normal(shape)).requires_grad_()
    P, L, U = torch.linalg.lu(A)
    (L.sin().sum() + (U ** 2).sum()).backward()
    print(shape, A.grad)
A = torch.from_numpy(rng.standard_normal((3, 3)) + 3 * np.eye(3)).requires_grad_()
B = torch.from_numpy(rng.standard_normal((3, 1))).requires_grad_()
LU, piv = torch.linalg.lu_factor(A)
torch.linalg.lu_solve(LU, piv, B).sum().backward()
print(A.grad, B.grad, LU.grad_fn.name())

# %% linalg_lu_singular_errors
import torch

Z = torch.zeros(2, 3, 3)
Z[0] = torch.eye(3)
out = torch.linalg.lu_factor_ex(Z)
print(type(out).__name__, out.LU, out.pivots, out.info)
LU, piv, info = torch.lu(Z, get_infos=True)
print(info)
for f in [lambda: torch.linalg.lu_factor(Z), lambda: torch.linalg.lu_factor_ex(Z, check_errors=True),
          lambda: torch.linalg.lu(torch.eye(2), pivot=False), lambda: torch.linalg.lu_factor(torch.ones(3)),
          lambda: torch.linalg.lu_factor(torch.ones(2, 2, dtype=torch.int64)),
          lambda: torch.linalg.lu_solve(*torch.linalg.lu_factor(torch.eye(2)), torch.ones(3, 1)),
          lambda: torch.linalg.lu_solve(*torch.linalg.lu_factor(torch.eye(2)), torch.ones(2)),
          lambda: torch.lu_unpack(torch.eye(2), torch.tensor([1, 2])),
          lambda: torch.linalg.solve_ex(Z, torch.ones(3), check_errors=True)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
r = torch.linalg.solve_ex(torch.zeros(2, 2), torch.ones(2))
print(r.result, r.info)

# %% linalg_tensorinv_tensorsolve rtol=1e-6 atol=1e-8
import torch
import numpy as np

rng = np.random.default_rng(3)
A = torch.from_numpy(rng.standard_normal((4, 2, 2)) + 3 * np.eye(4).reshape(4, 2, 2)).requires_grad_()
Ainv = torch.linalg.tensorinv(A, ind=1)
print(Ainv.shape, Ainv.detach())
Ainv.pow(2).sum().backward()
print(A.grad)
M = torch.from_numpy(rng.standard_normal((2, 3, 6)) + 3 * np.eye(6).reshape(2, 3, 6))
b = torch.from_numpy(rng.standard_normal((2, 3)))
x = torch.linalg.tensorsolve(M, b)
print(x, torch.allclose(torch.tensordot(M, x, dims=x.ndim), b))
print(torch.linalg.tensorsolve(M.movedim(2, 0), b, dims=(0,)))
for f in [lambda: torch.linalg.tensorinv(A, ind=0), lambda: torch.linalg.tensorinv(torch.ones(2, 3), ind=1),
          lambda: torch.linalg.tensorinv(torch.zeros(4, 2, 2), ind=1), lambda: torch.linalg.tensorsolve(torch.ones(2, 3, 4), torch.ones(2, 3))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% linalg_vander_vecdot_rank rtol=1e-6 atol=1e-8
import torch
import numpy as np

rng = np.random.default_rng(4)
x = torch.from_numpy(rng.standard_normal((2, 3))).requires_grad_()
V = torch.linalg.vander(x, N=4)
print(V)
V.sum().backward()
print(x.grad)
print(torch.linalg.vander(torch.tensor([1, 2, 3])), torch.linalg.vander(torch.tensor([2, 3], dtype=torch.int32)).dtype)
y = torch.from_numpy(rng.standard_normal((4, 1, 3)))
print(torch.linalg.vecdot(x.detach(), y), torch.linalg.vecdot(x.detach(), y[0, 0], dim=0))
print(torch.linalg.diagonal(y, offset=1, dim1=0, dim2=2))
A = torch.from_numpy(rng.standard_normal((3, 4, 2)) @ rng.standard_normal((3, 2, 4)))
S = A + A.mT
print(torch.linalg.matrix_rank(A), torch.linalg.matrix_rank(A, atol=1.0), torch.linalg.matrix_rank(A, rtol=0.5))
print(torch.linalg.matrix_rank(S, hermitian=True), torch.linalg.matrix_rank(A, atol=torch.tensor([0.0, 5.0, 50.0])))
for f in [lambda: torch.linalg.vander(torch.ones(3), N=1), lambda: torch.linalg.vander(torch.tensor([True])),
          lambda: torch.linalg.vecdot(torch.ones(3), torch.ones(3, dtype=torch.float64)),
          lambda: torch.linalg.vecdot(torch.ones(3, dtype=torch.int64), torch.ones(3, dtype=torch.int64)),
          lambda: torch.linalg.matrix_rank(torch.ones(3))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% legacy_cholesky_solve_inverse rtol=1e-6 atol=1e-8
import torch
import numpy as np

rng = np.random.default_rng(5)
M = torch.from_numpy(rng.standard_normal((3, 3)))
L = torch.linalg.cholesky(M @ M.mT + 3 * torch.eye(3, dtype=torch.float64)).requires_grad_()
B = torch.from_numpy(rng.standard_normal((3, 2))).requires_grad_()
X = torch.cholesky_solve(B, L)
print(X.detach())
X.pow(2).sum().backward()
print(L.grad, B.grad)
U = L.detach().mT.clone().requires_grad_()
print(torch.cholesky_solve(B.detach(), U, upper=True).detach())
Ainv = torch.cholesky_inverse(U, upper=True)
print(Ainv.detach())
Ainv.sum().backward()
print(U.grad)
print(L.detach().cholesky_inverse(), B.detach().cholesky_solve(L.detach()))
for f in [lambda: torch.cholesky_solve(torch.ones(3, 1), torch.eye(2)), lambda: torch.cholesky_solve(torch.ones(2), torch.eye(2)),
          lambda: torch.cholesky_inverse(torch.ones(2, 3)), lambda: torch.cholesky_inverse(torch.ones(3))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% legacy_triangular_solve_qr_lu rtol=1e-6 atol=1e-8
import torch
import numpy as np

rng = np.random.default_rng(6)
A = torch.from_numpy(rng.standard_normal((3, 3)) + 3 * np.eye(3)).requires_grad_()
b = torch.from_numpy(rng.standard_normal((2, 3, 2))).requires_grad_()
res = torch.triangular_solve(b, A)
print(type(res).__name__, res.solution.detach(), res.cloned_coefficient.shape)
(res.solution.sum() + res.cloned_coefficient.sum()).backward()
print(A.grad, b.grad)
print(torch.triangular_solve(b.detach(), A.detach(), upper=False, transpose=True).solution)
print(torch.triangular_solve(b.detach(), A.detach(), unitriangular=True).solution)
print(b.detach().triangular_solve(A.detach()).solution.shape)
C = torch.from_numpy(rng.standard_normal((4, 3)))
q = torch.qr(C)
print(type(q).__name__, q.Q, q.R)
print(torch.qr(C, some=False).Q.shape, C.qr().R.shape)
LU, piv = torch.lu(C[:3])
print(LU, piv, type(C[:3].lu(get_infos=True)).__name__, C[:3].lu(get_infos=True)[2])
try:
    torch.triangular_solve(torch.ones(3, 1), torch.eye(2))
except Exception as e:
    print(type(e).__name__, e)
