"""torch.special's Bessel/Airy functions, orthogonal polynomials and incomplete gamma against PyTorch."""
import numpy as np
import pytest

import autograd
import autograd.special as S
from tests.oracle import assert_close, torch

UNARY = ["bessel_j0", "bessel_j1", "bessel_y0", "bessel_y1", "modified_bessel_i0", "modified_bessel_i1",
         "modified_bessel_k0", "modified_bessel_k1", "scaled_modified_bessel_k0", "scaled_modified_bessel_k1",
         "spherical_bessel_j0", "airy_ai"]
POLY = ["chebyshev_polynomial_t", "chebyshev_polynomial_u", "chebyshev_polynomial_v", "chebyshev_polynomial_w",
        "shifted_chebyshev_polynomial_t", "shifted_chebyshev_polynomial_u", "shifted_chebyshev_polynomial_v",
        "shifted_chebyshev_polynomial_w", "hermite_polynomial_h", "hermite_polynomial_he", "laguerre_polynomial_l",
        "legendre_polynomial_p"]
_X = np.concatenate([np.linspace(-30, 30, 121), -np.logspace(-6, 3, 19), np.logspace(-6, 3, 19),
                     [0.0, -0.0, 4.9999, 5.0001, 17.0, 30.0, 103.0, 104.0, np.inf, -np.inf, np.nan]])


@pytest.mark.parametrize("name", UNARY)
def test_unary_float64_matches_torch(name):
    ours = getattr(S, name)(autograd.tensor(_X, dtype=autograd.float64))
    theirs = getattr(torch.special, name)(torch.tensor(_X, dtype=torch.float64))
    np.testing.assert_allclose(ours.numpy(), theirs.numpy(), rtol=1e-5, atol=1e-6)  # torch is off by ~1e-7 near 5.5 (J0), -2.5 (Ai)


@pytest.mark.parametrize("name", UNARY)
def test_unary_dtypes_and_no_grad(name):
    f = getattr(S, name)
    assert f(autograd.tensor([1, 2])).dtype == autograd.float32
    x = autograd.tensor([0.5, 2.0], requires_grad=True)
    y = f(x)
    assert not y.requires_grad and y.grad_fn is None
    with pytest.raises(NotImplementedError, match=f'"{name}_cpu" not implemented for \'Half\''):
        f(autograd.tensor([1.0], dtype=autograd.float16))
    with pytest.raises(TypeError):
        f(1.0)


@pytest.mark.parametrize("name", POLY)
def test_polynomials_float64_match_torch(name):
    x = np.concatenate([np.linspace(-2.5, 2.5, 21), [-1.0, 1.0, 0.0, 0.5]])
    n = np.array([-2, 0, 1, 2, 3, 6, 7, 9, 12, 40, 2.7, np.inf])
    X, N = np.meshgrid(x, n)
    ours = getattr(S, name)(autograd.tensor(X, dtype=autograd.float64), autograd.tensor(N, dtype=autograd.float64))
    theirs = getattr(torch.special, name)(torch.tensor(X, dtype=torch.float64), torch.tensor(N, dtype=torch.float64))
    np.testing.assert_allclose(ours.numpy(), theirs.numpy(), rtol=1e-9, atol=1e-9)


def test_polynomial_number_forms_and_float32_overflow():
    assert_close(S.legendre_polynomial_p(0.5, autograd.tensor([0, 1, 2, 3])),
                 torch.special.legendre_polynomial_p(0.5, torch.tensor([0, 1, 2, 3])))
    ours = S.chebyshev_polynomial_t(autograd.tensor([100.0, 3.0]), 100)
    theirs = torch.special.chebyshev_polynomial_t(torch.tensor([100.0, 3.0]), 100)
    np.testing.assert_array_equal(np.isnan(ours.numpy()), np.isnan(theirs.numpy()))
    assert np.isnan(S.hermite_polynomial_h(autograd.tensor([0.5]), 129).item())
    with pytest.raises(TypeError):
        S.chebyshev_polynomial_t(0.5, 2)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_incomplete_gamma_matches_torch(dtype):
    a = np.array([1e-3, 0.5, 1, 2, 5, 10, 50, 100, 1000, 1e4])
    x = np.array([0, 1e-5, 0.5, 1, 2, 5, 9, 11, 50, 101, 1000, 1e4, 1.2e4])
    A, X = np.meshgrid(a, x)
    for ours_f, theirs_f in ((S.gammainc, torch.special.gammainc), (S.gammaincc, torch.special.gammaincc)):
        ours = ours_f(autograd.tensor(A, dtype=getattr(autograd, dtype)), autograd.tensor(X, dtype=getattr(autograd, dtype)))
        theirs = theirs_f(torch.tensor(A, dtype=getattr(torch, dtype)), torch.tensor(X, dtype=getattr(torch, dtype)))
        assert_close(ours, theirs, rtol=1e-5 if dtype == "float32" else 1e-9, atol=1e-7 if dtype == "float32" else 1e-12)


def test_incomplete_gamma_grads_and_methods():
    a = autograd.tensor([0.5, 2.0, 3.0], dtype=autograd.float64)
    x = autograd.tensor([1.0, 0.5, 4.0], dtype=autograd.float64, requires_grad=True)
    ta, tx = torch.tensor(a.detach().numpy()), torch.tensor(x.detach().numpy(), requires_grad=True)
    y = autograd.igamma(a, x)
    assert type(y.grad_fn).__name__ == "IgammaBackward0"
    (g,) = autograd.grad(y.sum(), x, retain_graph=True)
    (tg,) = torch.autograd.grad(torch.igamma(ta, tx).sum(), tx)
    assert_close(g, tg)
    with pytest.raises(NotImplementedError, match="the derivative for 'igamma: input' is not implemented."):
        autograd.igamma(a.requires_grad_(), x).sum().backward()
    b = autograd.tensor([1.0, 2.0])
    b.igammac_(autograd.tensor([0.5, 1.0]))
    assert_close(b, torch.tensor([1.0, 2.0]).igammac_(torch.tensor([0.5, 1.0])))
    with pytest.raises(NotImplementedError, match="\"igamma_cpu\" not implemented for 'Long'"):
        autograd.igamma(autograd.tensor([1]), autograd.tensor([1]))
