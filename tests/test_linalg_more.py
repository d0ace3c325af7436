"""linalg LU family (lu_factor(_ex), lu, lu_solve, lu_unpack, torch.lu), solve_ex, tensorinv/tensorsolve, vander,
vecdot, matrix_rank tolerances, and the top-level cholesky_solve / cholesky_inverse / triangular_solve / qr."""
import numpy as np
import pytest

import autograd
from autograd import linalg
from tests.oracle import assert_close, to_torch, torch

rng = np.random.default_rng(1)


def _t(a, rg=True):
    return autograd.tensor(a, dtype=autograd.float64, requires_grad=rg)


def _both(a, rg=True):
    ours = _t(a, rg)
    return ours, to_torch(ours)


def _grads_match(f_ours, f_torch, arrays, rtol=1e-8, atol=1e-9):
    """f(inputs) is a scalar: values and gradients of every input equal torch's."""
    pairs = [_both(a) for a in arrays]
    ours, theirs = f_ours(*[p[0] for p in pairs]), f_torch(*[p[1] for p in pairs])
    assert_close(ours, theirs, rtol=rtol, atol=atol)
    ours.backward()
    theirs.backward()
    for o, t in pairs:
        assert_close(o.grad, t.grad, rtol=rtol, atol=atol)


SHAPES = [(4, 4), (2, 3, 3), (3, 5), (5, 3)]


@pytest.mark.parametrize("shape", SHAPES)
def test_lu_factor_and_lu_match_torch(shape):
    A = rng.standard_normal(shape)
    LU, piv = linalg.lu_factor(_t(A, False))
    tLU, tpiv = torch.linalg.lu_factor(torch.tensor(A))
    assert_close(LU, tLU, rtol=1e-10, atol=1e-12)
    assert_close(piv, tpiv)
    for o, t in zip(linalg.lu(_t(A, False)), torch.linalg.lu(torch.tensor(A))):
        assert_close(o, t, rtol=1e-10, atol=1e-12)
    for o, t in zip(autograd.lu_unpack(LU, piv), torch.lu_unpack(tLU, tpiv)):
        assert_close(o, t, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("shape", SHAPES)
def test_lu_gradients_match_torch_and_gradcheck(shape):
    A = rng.standard_normal(shape)
    W = [rng.standard_normal(s) for s in [(shape[-2], min(shape[-2:])), (min(shape[-2:]), shape[-1])]]

    def f(lib, wL, wU):
        return lambda a: (lib.linalg.lu(a).L * wL).sum() + (lib.linalg.lu(a).U * wU).sum() \
            + (lib.linalg.lu_factor(a)[0] ** 2).sum()
    _grads_match(f(autograd, _t(W[0], False), _t(W[1], False)), f(torch, torch.tensor(W[0]), torch.tensor(W[1])),
                 [A])
    assert autograd.gradcheck(lambda a: linalg.lu(a)[1:], (_t(A),))
    assert autograd.gradcheck(lambda a: linalg.lu_factor(a)[0], (_t(A),))


def test_lu_gradgradcheck_square():
    assert autograd.gradgradcheck(lambda a: linalg.lu(a)[1:], (_t(rng.standard_normal((3, 3))),))


@pytest.mark.parametrize("left,adjoint", [(True, False), (True, True), (False, False), (False, True)])
def test_lu_solve_matches_torch_and_grads(left, adjoint):
    A = rng.standard_normal((2, 3, 3)) + 3 * np.eye(3)
    B = rng.standard_normal((2, 3, 2) if left else (2, 2, 3))

    def f(lib):
        def g(a, b):
            LU, piv = lib.linalg.lu_factor(a)
            return (lib.linalg.lu_solve(LU, piv, b, left=left, adjoint=adjoint) ** 2).sum()
        return g
    _grads_match(f(autograd), f(torch), [A, B])
    LU, piv = linalg.lu_factor(_t(A, False))
    assert autograd.gradcheck(lambda lu_, b: linalg.lu_solve(lu_, piv, b, left=left, adjoint=adjoint),
                              (_t(LU.numpy()), _t(B)))


def test_legacy_lu_and_lu_solve():
    A, B = rng.standard_normal((3, 3)), rng.standard_normal((3, 2))
    LU, piv, info = autograd.lu(_t(A, False), get_infos=True)
    tLU, tpiv, tinfo = torch.lu(torch.tensor(A), get_infos=True)
    assert_close(LU, tLU, rtol=1e-10, atol=1e-12)
    assert_close(info, tinfo)
    assert len(autograd.lu(_t(A, False))) == 2
    assert_close(autograd.lu_solve(_t(B, False), LU, piv), torch.lu_solve(torch.tensor(B), tLU, tpiv), rtol=1e-10)
    assert_close(_t(B, False).lu_solve(LU, piv), torch.tensor(B).lu_solve(tLU, tpiv), rtol=1e-10)


def test_lu_singular_info_and_errors():
    Z = np.zeros((2, 3, 3))
    Z[0] = np.eye(3)
    o, t = linalg.lu_factor_ex(_t(Z, False)), torch.linalg.lu_factor_ex(torch.tensor(Z))
    for a, b in zip(o, t):
        assert_close(a, b)
    with pytest.raises(RuntimeError, match=r"torch.linalg.lu_factor: \(Batch element 1\): U\[1,1\] is zero"):
        linalg.lu_factor(_t(Z, False))
    with pytest.raises(RuntimeError, match="lu_factor_ex: \\(Batch element 1\\)"):
        linalg.lu_factor_ex(_t(Z, False), check_errors=True)
    with pytest.raises(RuntimeError, match="LU without pivoting is not implemented on the CPU"):
        linalg.lu(_t(np.eye(2), False), pivot=False)
    with pytest.raises(RuntimeError, match=r"Expected tensor with 2 or more dimensions. Got size: \[3\]"):
        linalg.lu_factor(autograd.ones(3))
    with pytest.raises(NotImplementedError, match="not implemented for 'Long'"):
        linalg.lu_factor(autograd.ones(2, 2, dtype=autograd.int64))
    with pytest.raises(RuntimeError, match="int32"):
        autograd.lu_unpack(autograd.eye(2), autograd.tensor([1, 2]))
    with pytest.raises(RuntimeError, match=r"Incompatible shapes of A and B for the equation AX = B \(2x2 and 3x1\)"):
        linalg.lu_solve(*linalg.lu_factor(autograd.eye(2)), autograd.ones(3, 1))


def test_solve_ex():
    A, B = rng.standard_normal((3, 3)) + 3 * np.eye(3), rng.standard_normal(3)
    (x, info), (tx, tinfo) = linalg.solve_ex(_t(A), _t(B)), torch.linalg.solve_ex(torch.tensor(A), torch.tensor(B))
    assert_close(x, tx, rtol=1e-10)
    assert_close(info, tinfo)
    B2 = _t(rng.standard_normal((2, 3)))
    assert autograd.gradcheck(lambda a, b: linalg.solve_ex(a, b, left=False)[0], (_t(A), B2))
    Z = np.stack([A, np.zeros((3, 3))])
    o, t = linalg.solve_ex(_t(Z, False), _t(B, False)), torch.linalg.solve_ex(torch.tensor(Z), torch.tensor(B))
    assert_close(o.info, t.info)
    assert_close(o.result[0], t.result[0], rtol=1e-10)
    np.testing.assert_array_equal(np.isfinite(o.result[1].numpy()), np.isfinite(t.result[1].numpy()))
    with pytest.raises(linalg.LinAlgError, match=r"solve_ex: \(Batch element 1\): The solver failed"):
        linalg.solve_ex(_t(Z, False), _t(B, False), check_errors=True)


def test_tensorinv_tensorsolve():
    A = rng.standard_normal((4, 2, 2)) + np.eye(4).reshape(4, 2, 2) * 3
    assert_close(linalg.tensorinv(_t(A, False), ind=1), torch.linalg.tensorinv(torch.tensor(A), ind=1), rtol=1e-10)
    assert autograd.gradcheck(lambda a: linalg.tensorinv(a, ind=1), (_t(A),))
    A2 = rng.standard_normal((2, 3, 6)) + 3 * np.eye(6).reshape(2, 3, 6)
    B2 = rng.standard_normal((2, 3))
    assert_close(linalg.tensorsolve(_t(A2, False), _t(B2, False)),
                 torch.linalg.tensorsolve(torch.tensor(A2), torch.tensor(B2)), rtol=1e-10)
    A3 = np.moveaxis(A2, 2, 0).copy()
    assert_close(linalg.tensorsolve(_t(A3, False), _t(B2, False), dims=(0,)),
                 torch.linalg.tensorsolve(torch.tensor(A3), torch.tensor(B2), dims=(0,)), rtol=1e-10)
    assert autograd.gradcheck(linalg.tensorsolve, (_t(A2), _t(B2)))
    with pytest.raises(RuntimeError, match="strictly positive integer for 'ind', but got 0"):
        linalg.tensorinv(_t(A, False), ind=0)
    with pytest.raises(RuntimeError, match=r"prod\(self.shape\[ind:\]\) == prod\(self.shape\[:ind\]\), but got 3 != 2"):
        linalg.tensorinv(autograd.ones(2, 3), ind=1)
    with pytest.raises(linalg.LinAlgError, match="^inv: The diagonal element 1 is zero"):
        linalg.tensorinv(autograd.zeros(4, 2, 2), ind=1)


def test_vander_vecdot_diagonal():
    x = rng.standard_normal((2, 3))
    assert_close(linalg.vander(_t(x, False), N=4), torch.linalg.vander(torch.tensor(x), N=4), rtol=1e-12)
    xi = autograd.tensor([1, 2, 3], dtype=autograd.int32)
    assert_close(linalg.vander(xi), torch.linalg.vander(torch.tensor([1, 2, 3], dtype=torch.int32)))
    assert autograd.gradcheck(lambda a: linalg.vander(a), (_t(x),))
    for bad, msg in [(autograd.ones(3), "N must be greater than 1"), (autograd.tensor([True]), "but got Bool")]:
        with pytest.raises(RuntimeError, match=msg):
            linalg.vander(bad, N=1 if bad.dtype != autograd.bool else None)
    y = rng.standard_normal((4, 1, 3))
    assert_close(linalg.vecdot(_t(x, False), _t(y, False)), torch.linalg.vecdot(torch.tensor(x), torch.tensor(y)))
    with pytest.raises(RuntimeError, match="Expected x and y to have the same dtype"):
        linalg.vecdot(autograd.ones(3), autograd.ones(3, dtype=autograd.float64))
    with pytest.raises(RuntimeError, match="Expected a floating point or complex tensor as input. Got Long"):
        linalg.vecdot(autograd.ones(3, dtype=autograd.int64), autograd.ones(3, dtype=autograd.int64))
    assert_close(linalg.diagonal(_t(y, False), offset=1, dim1=0, dim2=2),
                 torch.linalg.diagonal(torch.tensor(y), offset=1, dim1=0, dim2=2))


def test_matrix_rank_tolerances():
    A = rng.standard_normal((3, 4, 2)) @ rng.standard_normal((3, 2, 4))
    S = A + A.mT if hasattr(A, "mT") else A + np.swapaxes(A, -1, -2)
    tA, tS = torch.tensor(A), torch.tensor(S)
    for kw in [{}, {"atol": 1.0}, {"rtol": 0.5}, {"atol": 0.1, "rtol": 0.3}]:
        assert_close(linalg.matrix_rank(_t(A, False), **kw), torch.linalg.matrix_rank(tA, **kw))
        assert_close(linalg.matrix_rank(_t(S, False), hermitian=True, **kw),
                     torch.linalg.matrix_rank(tS, hermitian=True, **kw))
    atol = np.array([0.0, 5.0, 50.0])
    assert_close(linalg.matrix_rank(_t(A, False), atol=_t(atol, False)),
                 torch.linalg.matrix_rank(tA, atol=torch.tensor(atol)))
    with pytest.raises(RuntimeError, match="must have at least 2 dimensions"):
        linalg.matrix_rank(autograd.ones(3))


@pytest.mark.parametrize("upper", [False, True])
def test_cholesky_solve_inverse_match_torch(upper):
    M = rng.standard_normal((2, 3, 3))
    L = np.linalg.cholesky(M @ np.swapaxes(M, -1, -2) + 3 * np.eye(3))
    if upper:
        L = np.swapaxes(L, -1, -2).copy()
    B = rng.standard_normal((2, 3, 2))
    _grads_match(lambda l, b: (autograd.cholesky_solve(b, l, upper) ** 2).sum(),
                 lambda l, b: (torch.cholesky_solve(b, l, upper) ** 2).sum(), [L, B])
    _grads_match(lambda l: (autograd.cholesky_inverse(l[0], upper) ** 3).sum(),
                 lambda l: (torch.cholesky_inverse(l[0], upper) ** 3).sum(), [L])
    junk = L + (np.triu(np.ones((3, 3)), 1) if not upper else np.tril(np.ones((3, 3)), -1))  # other triangle ignored
    assert_close(autograd.cholesky_solve(_t(B, False), _t(junk, False), upper=upper),
                 torch.cholesky_solve(torch.tensor(B), torch.tensor(junk), upper=upper), rtol=1e-10)
    tri = (lambda l: l.triu()) if upper else (lambda l: l.tril())  # torch's gradient is the full-matrix formula's
    assert autograd.gradcheck(lambda l, b: autograd.cholesky_solve(b, tri(l), upper), (_t(L), _t(B)))
    assert autograd.gradcheck(lambda l: autograd.cholesky_inverse(tri(l), upper), (_t(L[0]),))
    with pytest.raises(RuntimeError, match="Incompatible matrix sizes for cholesky_solve: each A matrix is 3 by 3"):
        autograd.cholesky_solve(autograd.ones(2, 1), autograd.eye(3))


@pytest.mark.parametrize("upper,transpose,unit", [(True, False, False), (False, True, False), (True, True, True)])
def test_triangular_solve_matches_torch(upper, transpose, unit):
    A = rng.standard_normal((3, 3)) + 3 * np.eye(3)
    B = rng.standard_normal((2, 3, 2))

    def f(lib):
        def g(a, b):
            x, c = lib.triangular_solve(b, a, upper, transpose, unit)
            return (x ** 2).sum() + (c * 2).sum()
        return g
    _grads_match(f(autograd), f(torch), [A, B])
    with pytest.raises(RuntimeError, match="Expected b to have at least 2 dimensions"):
        autograd.triangular_solve(autograd.ones(3), autograd.eye(3))


def test_top_level_qr_and_methods():
    A = rng.standard_normal((4, 3))
    for some in (True, False):
        for o, t in zip(autograd.qr(_t(A, False), some), torch.qr(torch.tensor(A), some)):
            assert_close(o, t, rtol=1e-10, atol=1e-12)
    assert type(autograd.qr(_t(A, False))).__name__ == "qr"
    L = np.linalg.cholesky(A.T @ A)
    assert_close(_t(L, False).cholesky_inverse(), torch.tensor(L).cholesky_inverse(), rtol=1e-10)
    assert autograd.logdet is not None


def test_eig_is_documented_unsupported():
    with pytest.raises(NotImplementedError, match="complex"):
        linalg.eig(autograd.eye(2))
