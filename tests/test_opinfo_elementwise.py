"""Area D of the OpInfo sweep: elementwise/binary/special/linalg behaviours fixed against torch (the oracle)."""
import numpy as np
import pytest

from tests.oracle import assert_close, to_ours, to_torch, torch

import autograd


def _outcome(mod, fn, args):
    try:
        fn(mod, *args)
        return None
    except Exception as e:  # noqa: BLE001
        return type(e)


_T = "T"
_SCALAR_CASES = [
    ("eq", (2, _T)), ("eq", (2, 3)), ("lt", (2, _T)), ("ge", (2, 3)), ("copysign", (2, _T)), ("fmod", (2, _T)),
    ("remainder", (2, 3)), ("remainder", (2, _T)), ("pow", (2, 3)), ("pow", (2, _T)), ("float_power", (2, 3)),
    ("rsub", (2, _T)), ("xlogy", (2, 3)), ("xlogy", (2, _T)), ("bitwise_and", (2, 3)), ("bitwise_and", (2, _T)),
    ("bitwise_left_shift", (2, 3)), ("logical_and", (_T, 2)), ("logical_or", (2, _T)), ("lcm", (2, _T)),
    ("gcd", (_T, 2)), ("ldexp", (_T, 2)), ("special.xlog1py", (2, 3)), ("special.zeta", (2, 3)),
    ("special.zeta", (2, _T)), ("clamp_max", (_T, 2)), ("eq", (_T, 2)),
]


@pytest.mark.parametrize("name,args", _SCALAR_CASES)
def test_python_number_operands_raise_like_torch(name, args):
    def call(mod, *a):
        fn = mod
        for part in name.split("."):
            fn = getattr(fn, part)
        t = mod.tensor([1, 2, 3])
        return fn(*[t if x is _T else x for x in a])
    assert _outcome(autograd, call, args) is _outcome(torch, call, args)


def test_number_first_message_names_the_overloads():
    with pytest.raises(TypeError, match=r"eq\(\) received an invalid combination of arguments - got \(int, Tensor\)"):
        autograd.eq(2, autograd.tensor([1, 2]))
    with pytest.raises(TypeError, match=r"logical_and\(\): argument 'other' \(position 2\) must be Tensor, not int"):
        autograd.logical_and(autograd.tensor([1, 2]), 2)
    assert (autograd.tensor([True, False]) & True).tolist() == [True, False]  # bool & Python bool still works


def test_float_power_inplace_needs_double():
    with pytest.raises(RuntimeError, match="the base given to float_power_ has dtype Float but the operation's "
                                           "result requires dtype Double"):
        autograd.tensor([1.0, 2.0]).float_power_(2)
    d = autograd.tensor([1.0, 2.0], dtype=autograd.float64)
    assert d.float_power_(autograd.tensor(3)) is d and d.tolist() == [1.0, 8.0]


@pytest.mark.parametrize("fn,shapes", [("addmv", [(2,), (2, 3), (3,)]), ("addmm", [(2, 2), (2, 3), (3, 2)]),
                                       ("baddbmm", [(1, 2, 2), (1, 2, 3), (1, 3, 2)]),
                                       ("addbmm", [(2, 2), (2, 2, 3), (2, 3, 2)])])
@pytest.mark.parametrize("beta,alpha", [(0.2, 0.6), (1.7, 2.9), (-1.5, 1)])
def test_add_products_truncate_float_scalars_for_integers(fn, shapes, beta, alpha):
    g = torch.Generator().manual_seed(0)
    ts = [torch.randint(-5, 5, s, generator=g) for s in shapes]
    expected = getattr(torch, fn)(*ts, beta=beta, alpha=alpha)
    assert_close(getattr(autograd, fn)(*[to_ours(t) for t in ts], beta=beta, alpha=alpha), expected)


def test_addr_integers_refuse_float_scalars_and_promote():
    i, v = autograd.tensor([[5, 7], [3, 4]]), autograd.tensor([1, 2])
    with pytest.raises(RuntimeError, match="argument beta must not be a floating point number"):
        autograd.addr(i, v, v, beta=0.5)
    out = autograd.addr(i.float(), v, v, beta=0.5)
    assert_close(out, torch.addr(torch.tensor([[5., 7], [3, 4]]), torch.tensor([1, 2]), torch.tensor([1, 2]), beta=0.5))


def test_logcumsumexp_gradient_large_and_infinite_values():
    vals = [[1000.0, -1000.0, 3.0], [-float("inf"), 0.0, 1.0], [-float("inf"), -float("inf"), 2.0]]
    w = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
    for row in vals:
        t = torch.tensor(row, dtype=torch.float64, requires_grad=True)
        (torch.logcumsumexp(t, 0) * w).sum().backward()
        o = autograd.tensor(row, dtype=autograd.float64, requires_grad=True)
        (autograd.logcumsumexp(o, 0) * to_ours(w)).sum().backward()
        np.testing.assert_allclose(o.grad.numpy(), t.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_logcumsumexp_double_backward():
    x = torch.randn(4, 3, dtype=torch.float64, generator=torch.Generator().manual_seed(1), requires_grad=True)
    o = to_ours(x)
    (gt,) = torch.autograd.grad((torch.logcumsumexp(x, 1) ** 2).sum(), x, create_graph=True)
    (go,) = autograd.grad((autograd.logcumsumexp(o, 1) ** 2).sum(), o, create_graph=True)
    assert_close(autograd.grad(go.sum(), o)[0], torch.autograd.grad(gt.sum(), x)[0], rtol=1e-8)


@pytest.mark.parametrize("name", ["chebyshev_polynomial_t", "hermite_polynomial_h", "legendre_polynomial_p"])
def test_polynomials_keep_zero_dim_shape(name):
    out = getattr(autograd.special, name)(autograd.tensor(0.5), autograd.tensor(3.0))
    assert_close(out, getattr(torch.special, name)(torch.tensor(0.5), torch.tensor(3.0)))


@pytest.mark.parametrize("name", ["bessel_j0", "bessel_j1", "bessel_y0", "bessel_y1"])
def test_bessel_values_match_torch_above_five(name):
    x = torch.cat([torch.linspace(-30, 30, 2001, dtype=torch.float64), torch.tensor([5.0, 5.42152807, 5.57605945])])
    assert_close(getattr(autograd.special, name)(to_ours(x)), getattr(torch.special, name)(x), rtol=1e-7, atol=1e-7)


@pytest.mark.parametrize("shape", [(0, 0), (3, 0), (0, 3), (2, 0, 0)])
def test_linalg_empty_matrices(shape):
    a = torch.zeros(shape)
    assert_close(autograd.geqrf(to_ours(a))[0], torch.geqrf(a)[0])
    if shape[-1] == shape[-2]:
        assert_close(autograd.linalg.inv_ex(to_ours(a))[0], torch.linalg.inv_ex(a)[0])
        assert_close(autograd.linalg.cholesky_ex(to_ours(a))[0], torch.linalg.cholesky_ex(a)[0])
        assert_close(autograd.linalg.ldl_factor(to_ours(a))[0], torch.linalg.ldl_factor(a)[0])


@pytest.mark.parametrize("left", [True, False])
@pytest.mark.parametrize("transpose", [True, False])
def test_ormqr_values_and_grads(left, transpose):
    g = torch.Generator().manual_seed(2)
    a, tau = torch.geqrf(torch.randn(2, 5, 3, dtype=torch.float64, generator=g))
    other = torch.randn((2, 5, 4) if left else (2, 4, 5), dtype=torch.float64, generator=g)
    ts = [t.requires_grad_() for t in (a, tau, other)]
    os_ = [to_ours(t) for t in ts]
    expected, ours = torch.ormqr(*ts, left, transpose), autograd.ormqr(*os_, left, transpose)
    assert_close(ours, expected, rtol=1e-10, atol=1e-12)
    w = torch.randn(expected.shape, dtype=torch.float64, generator=g)
    gt = torch.autograd.grad((expected * w).sum(), ts)
    go = autograd.grad((ours * to_ours(w)).sum(), os_)
    for x, y in zip(go, gt):
        assert_close(x, y, rtol=1e-8, atol=1e-10)
    assert_close(os_[0].ormqr(os_[1], os_[2], left, transpose), expected, rtol=1e-10, atol=1e-12)


def test_ormqr_errors():
    with pytest.raises(RuntimeError, match=r"tau.shape\[-1\] must be equal to min\(other.shape\[-2\], input.shape\[-1\]\)"):
        autograd.ormqr(autograd.zeros(5, 0), autograd.zeros(5), autograd.zeros(5, 5))
    with pytest.raises(RuntimeError, match="input must have at least 2 dimensions"):
        autograd.ormqr(autograd.zeros(()), autograd.zeros(()), autograd.zeros(()))


def test_tensordot_sums_broadcast_contracted_dims():
    g = torch.Generator().manual_seed(3)
    a, b = torch.randn(1, 1, 1, generator=g), torch.randn(2, 1, 2, generator=g)
    assert_close(autograd.tensordot(to_ours(a), to_ours(b), dims=[[0, 1], [2, 0]]),
                 torch.tensordot(a, b, dims=[[0, 1], [2, 0]]))


def test_vander_zero_dim_and_householder_empty_grad():
    assert_close(autograd.linalg.vander(autograd.tensor(2.0), N=3), torch.linalg.vander(torch.tensor(2.0), N=3))
    A = autograd.zeros(0, 0, dtype=autograd.float64, requires_grad=True)
    assert autograd.linalg.householder_product(A, autograd.zeros(0, dtype=autograd.float64)).requires_grad


def test_lstsq_residuals_differentiable_when_empty():
    A = autograd.randn(2, 3, dtype=autograd.float64, requires_grad=True)
    res = autograd.linalg.lstsq(A, autograd.randn(2, 3, dtype=autograd.float64))
    assert res.residuals.shape == (0,) and res.residuals.requires_grad


def _singular(gen, m, n, rank):
    a = torch.randn(m, rank, dtype=torch.float64, generator=gen)
    b = torch.randn(n, rank, dtype=torch.float64, generator=gen)
    return a @ b.T


@pytest.mark.parametrize("m,n,rank", [(3, 3, 2), (50, 50, 2), (50, 3, 1), (3, 50, 2)])
def test_pinv_gradient_at_constant_rank(m, n, rank):
    x = _singular(torch.Generator().manual_seed(m + n), m, n, rank).requires_grad_()
    o = to_ours(x)
    w = torch.rand(n, m, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    (gt,) = torch.autograd.grad((torch.linalg.pinv(x) * w).sum(), x)
    (go,) = autograd.grad((autograd.linalg.pinv(o) * to_ours(w)).sum(), o)
    assert_close(go, gt, rtol=1e-6, atol=1e-8)


def test_pinv_hermitian_uses_lower_triangle():
    x = torch.randn(2, 5, 5, dtype=torch.float64, generator=torch.Generator().manual_seed(4))
    assert_close(autograd.linalg.pinv(to_ours(x), hermitian=True), torch.linalg.pinv(x, hermitian=True),
                 rtol=1e-8, atol=1e-10)
    x32 = x.float()
    assert_close(autograd.linalg.pinv(to_ours(x32), hermitian=True), torch.linalg.pinv(x32, hermitian=True),
                 rtol=1e-4, atol=1e-5)


def test_angle_of_real_tensors():
    x = torch.tensor([-1.0, 0.0, -0.0, 2.0, float("nan"), -float("inf"), float("inf")], requires_grad=True)
    o = to_ours(x)
    assert_close(autograd.angle(o), torch.angle(x))
    autograd.angle(o).sum().backward()
    assert o.grad.tolist() == [0.0] * 7
    assert_close(to_ours(torch.tensor([-1, 0, 3])).angle(), torch.angle(torch.tensor([-1, 0, 3])))


def test_gradient_spacing_none():
    x = torch.randn(3, 4, generator=torch.Generator().manual_seed(5))
    for ours, theirs in zip(autograd.gradient(to_ours(x), spacing=None, dim=1), torch.gradient(x, spacing=None, dim=1)):
        assert_close(ours, theirs)
    assert to_torch(autograd.geqrf(to_ours(x))[1]).shape == torch.geqrf(x)[1].shape
