"""linalg additions: solve(left=False), matrix_exp, cond, householder_product, the *_ex variants' info and
LinAlgError, lstsq result fields; torch.distributions.Independent."""
import numpy as np
import pytest

import autograd
from autograd import linalg
from autograd.distributions import Independent, Normal, kl_divergence
from tests.oracle import assert_close, to_ours, torch

rng = np.random.default_rng(0)
A64 = rng.standard_normal((3, 3)) + 3 * np.eye(3)


def _t(a, rg=True):
    return autograd.tensor(a, dtype=autograd.float64, requires_grad=rg)


def test_solve_left_false_gradcheck():
    B = rng.standard_normal((4, 3))
    assert autograd.gradcheck(lambda a, b: linalg.solve(a, b, left=False), (_t(A64), _t(B)))
    assert autograd.gradgradcheck(lambda a, b: linalg.solve(a, b, left=False), (_t(A64), _t(B)))


def test_matrix_exp_matches_torch_and_gradcheck():
    A = rng.standard_normal((2, 3, 3))
    assert_close(linalg.matrix_exp(_t(A, False)), torch.linalg.matrix_exp(torch.tensor(A)), rtol=1e-10, atol=1e-10)
    assert autograd.gradcheck(linalg.matrix_exp, (_t(A * 0.5),))
    assert autograd.matrix_exp is linalg.matrix_exp


@pytest.mark.parametrize("p", [None, 2, -2, 1, -1, float("inf"), "fro", "nuc"])
def test_cond_matches_torch(p):
    assert_close(linalg.cond(_t(A64, False), p), torch.linalg.cond(torch.tensor(A64), p), rtol=1e-8, atol=1e-8)


def test_householder_product_matches_torch():
    A, tau = rng.standard_normal((2, 4, 3)), rng.standard_normal((2, 2))
    assert_close(linalg.householder_product(_t(A, False), _t(tau, False)),
                 torch.linalg.householder_product(torch.tensor(A), torch.tensor(tau)), rtol=1e-10, atol=1e-10)


def test_ex_variants_info_and_linalg_error():
    batch = np.stack([np.eye(2), np.zeros((2, 2)), [[1.0, 2.0], [2.0, 1.0]]])
    for ours, theirs in [(linalg.inv_ex, torch.linalg.inv_ex), (linalg.cholesky_ex, torch.linalg.cholesky_ex)]:
        assert_close(ours(to_ours(torch.tensor(batch)))[1], theirs(torch.tensor(batch))[1])
    with pytest.raises(linalg.LinAlgError, match=r"\(Batch element 1\)"):
        linalg.cholesky(_t(batch, False))
    assert issubclass(linalg.LinAlgError, RuntimeError)


@pytest.mark.parametrize("driver", ["gels", "gelsy", "gelsd", "gelss"])
def test_lstsq_fields_match_torch(driver):
    A, B = rng.standard_normal((5, 3)), rng.standard_normal((5, 2))
    ours = linalg.lstsq(_t(A, False), _t(B, False), driver=driver)
    theirs = torch.linalg.lstsq(torch.tensor(A), torch.tensor(B), driver=driver)
    for o, t in zip(ours, theirs):
        assert_close(o, t, rtol=1e-8, atol=1e-8)


def test_independent_log_prob_and_kl():
    loc = rng.standard_normal((2, 3))
    d = Independent(Normal(_t(loc, False), 1.5), 1)
    td = torch.distributions.Independent(torch.distributions.Normal(torch.tensor(loc), 1.5), 1)
    x = rng.standard_normal(3)
    assert_close(d.log_prob(_t(x, False)), td.log_prob(torch.tensor(x)))
    q = Independent(Normal(_t(loc * 0, False), 1.0), 1)
    tq = torch.distributions.Independent(torch.distributions.Normal(torch.zeros(2, 3, dtype=torch.float64), 1.0), 1)
    assert_close(kl_divergence(d, q), torch.distributions.kl_divergence(td, tq))
