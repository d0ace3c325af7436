"""Nuclear and spectral matrix norms (norm(p='nuc'), linalg.matrix_norm/norm), legacy scatter(reduce=),
scatter_reduce and index_reduce held against PyTorch: values (ties and zeros included), gradients,
grad_fn names, gradcheck/gradgradcheck, warnings, and errors (type and message)."""
import warnings

import numpy as np
import pytest

from core_oracle import both, raises_like
from oracle import torch

import autograd as A
from autograd import _warn

R = np.random.RandomState(0)
REDUCES = ["sum", "prod", "mean", "amax", "amin"]


def arr(*shape):
    return R.randn(*shape)


def small_ints(*shape, rs=R):
    """Values in {-2, ..., 2} as float64: plenty of ties (amax/amin) and zeros (prod)."""
    return rs.randint(-2, 3, shape).astype(np.float64)


def _grad(m):
    return m.autograd.grad if m is torch else m.grad


# ---- nuclear / spectral norms --------------------------------------------------------------------
NORM_CASES = [
    ("norm_nuc", lambda m, a: m.norm(a, p="nuc"), (3, 4)),
    ("tensor_norm_nuc", lambda m, a: a.norm(p="nuc"), (4, 3)),
    ("norm_nuc_keepdim", lambda m, a: a.norm("nuc", keepdim=True), (3, 4)),
    ("norm_nuc_dims", lambda m, a: m.norm(a, "nuc", dim=(0, 2)), (2, 3, 4)),
    ("norm_nuc_dims_reversed_keepdim", lambda m, a: m.norm(a, "nuc", dim=[2, 0], keepdim=True), (2, 3, 4)),
    ("norm_fro_two_dims", lambda m, a: m.norm(a, "fro", dim=(0, 1)), (2, 3, 4)),
    ("norm_p3_dim", lambda m, a: a.norm(3, dim=1), (2, 3, 4)),
    ("norm_default", lambda m, a: m.norm(a), (2, 3, 4)),
    ("matrix_norm_nuc_batched", lambda m, a: m.linalg.matrix_norm(a, "nuc"), (2, 3, 4)),
    ("matrix_norm_nuc_neg_dims_keepdim", lambda m, a: m.linalg.matrix_norm(a, "nuc", dim=(-1, -3), keepdim=True),
     (2, 3, 4)),
    ("matrix_norm_nuc_dtype", lambda m, a: m.linalg.matrix_norm(a.float(), "nuc", dtype=m.float64), (3, 4)),
    ("matrix_norm_nuc_empty", lambda m, a: m.linalg.matrix_norm(a, "nuc"), (0, 3)),
    ("linalg_norm_nuc", lambda m, a: m.linalg.norm(a, "nuc"), (3, 3)),
    ("linalg_norm_nuc_dims", lambda m, a: m.linalg.norm(a, "nuc", dim=(1, 2)), (2, 3, 4)),
    ("matrix_norm_2", lambda m, a: m.linalg.matrix_norm(a, 2), (2, 3, 4)),
    ("matrix_norm_2_empty", lambda m, a: m.linalg.matrix_norm(a, 2), (2, 0, 3)),
    ("matrix_norm_neg2_keepdim", lambda m, a: m.linalg.matrix_norm(a, -2, dim=(0, 2), keepdim=True), (2, 3, 4)),
    ("linalg_norm_2", lambda m, a: m.linalg.norm(a, 2), (3, 4)),
    ("matrix_norm_inf_dims", lambda m, a: m.linalg.matrix_norm(a, float("inf"), dim=(2, 0)), (2, 3, 4)),
    ("matrix_norm_neg1_keepdim", lambda m, a: m.linalg.matrix_norm(a, -1, keepdim=True), (2, 3, 4)),
]


@pytest.mark.parametrize("fn,shape", [c[1:] for c in NORM_CASES], ids=[c[0] for c in NORM_CASES])
def test_matrix_norms_match_torch(fn, shape):
    both(fn, arr(*shape))


@pytest.mark.parametrize("fn", [
    lambda a: A.linalg.matrix_norm(a, "nuc"),
    lambda a: A.norm(a, "nuc", dim=(2, 0), keepdim=True),
    lambda a: A.linalg.matrix_norm(a, 2, dim=(0, 1)),
    lambda a: A.linalg.matrix_norm(a, -2),
], ids=["nuc", "nuc_dims_keepdim", "spectral", "smallest_singular_value"])
def test_matrix_norms_gradcheck_and_gradgradcheck(fn):
    a = A.tensor(arr(2, 3, 4), requires_grad=True)
    assert A.gradcheck(fn, (a,))
    assert A.gradgradcheck(fn, (a,))


def test_nuclear_norm_gradient_is_u_vt():
    a = arr(4, 3)
    x = A.tensor(a, requires_grad=True)
    A.norm(x, "nuc").backward()
    u, _, vh = np.linalg.svd(a, full_matrices=False)
    np.testing.assert_allclose(x.grad.numpy(), u @ vh, rtol=1e-10, atol=1e-12)


def test_svd_backward_is_differentiable():
    """Second derivatives through the SVD's singular vectors, as torch (gauge-invariant function)."""
    def f(m, a):
        U, S, Vh = m.linalg.svd(a, full_matrices=False)
        return (U * S.unsqueeze(-2)).abs().sum() + (Vh ** 2 * S.unsqueeze(-1)).sum()
    a = arr(3, 4)
    x = A.tensor(a, requires_grad=True)
    t = torch.tensor(a, requires_grad=True)
    (gx,) = A.grad(f(A, x), x, create_graph=True)
    (gt,) = torch.autograd.grad(f(torch, t), t, create_graph=True)
    (gx ** 2).sum().backward()
    (gt ** 2).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), t.grad.numpy(), rtol=1e-7, atol=1e-9)


def test_eigh_and_qr_backward_are_differentiable():
    """The same re-attached outputs give second derivatives through eigh and qr."""
    a = A.tensor(arr(3, 3), requires_grad=True)
    b = A.tensor(arr(4, 3), requires_grad=True)
    assert A.gradgradcheck(lambda m: A.linalg.eigh(m + m.mT)[1].abs().sum() + A.linalg.eigvalsh(m + m.mT).pow(3).sum(),
                           (a,))
    assert A.gradgradcheck(lambda m: A.linalg.qr(m)[0].sum() + A.linalg.qr(m)[1].pow(2).sum(), (b,))


NORM_ERRORS = [
    ("norm_nuc_3d", lambda m, a: m.norm(a, "nuc"), None),
    ("norm_fro_three_dims", lambda m, a: m.norm(a, "fro", dim=(0, 1, 2)), None),
    ("norm_bad_string", lambda m, a: m.norm(a, "abc"), None),
    ("norm_string_inf", lambda m, a: a.norm("inf", dim=(0, 1)), None),
    ("norm_nuc_1d", lambda m, a: m.norm(a[0, 0], "nuc"), None),
    ("norm_nuc_int_dim", lambda m, a: m.norm(a, "nuc", dim=1), None),
    ("same_dims", lambda m, a: m.linalg.matrix_norm(a, "nuc", dim=(1, 1)), None),
    ("same_dims_wrapped", lambda m, a: m.linalg.matrix_norm(a, "nuc", dim=(-2, 1)), None),
    ("one_dim", lambda m, a: m.linalg.matrix_norm(a, "nuc", dim=(0,)), None),
    ("dim_range", lambda m, a: m.linalg.matrix_norm(a, "nuc", dim=(0, 5)),
     "Dimension out of range (expected to be in range of [-3, 2], but got 5)"),
    ("order_3", lambda m, a: m.linalg.matrix_norm(a, 3), None),
    ("order_3_5", lambda m, a: m.linalg.matrix_norm(a, 3.5), None),
    ("long_input", lambda m, a: m.linalg.matrix_norm(a.long(), "nuc"), None),
    ("half_nuc", lambda m, a: m.linalg.matrix_norm(a.half(), "nuc"), None),
    ("half_2", lambda m, a: m.linalg.matrix_norm(a.half(), -2), None),
    ("narrowing_dtype", lambda m, a: m.linalg.matrix_norm(a, "nuc", dtype=m.float32), None),
    ("int_dtype", lambda m, a: m.linalg.matrix_norm(a, "nuc", dtype=m.int64), None),
    ("int_dim_matrix_norm", lambda m, a: m.linalg.matrix_norm(a, "nuc", dim=1),
     "linalg_matrix_norm() received an invalid combination of arguments - got (Tensor, str, dim=int)"),
    ("linalg_norm_3d", lambda m, a: m.linalg.norm(a, "nuc"), None),
    ("linalg_norm_3d_ord", lambda m, a: m.linalg.norm(a, 2), None),
    ("linalg_norm_three_dims", lambda m, a: m.linalg.norm(a, 2, dim=(0, 1, 2)), None),
    ("linalg_norm_nuc_int_dim", lambda m, a: m.linalg.norm(a, "nuc", dim=1), None),
    ("linalg_norm_nuc_1d", lambda m, a: m.linalg.norm(a[0, 0], "nuc"), None),
]


@pytest.mark.parametrize("fn,match", [c[1:] for c in NORM_ERRORS], ids=[c[0] for c in NORM_ERRORS])
def test_matrix_norm_errors_match_torch(fn, match):
    raises_like(fn, arr(2, 3, 4), match=match)


# ---- scatter(..., reduce='add' | 'multiply') (legacy) ---------------------------------------------
IDX = [[0, 1, 0], [0, 0, 1]]
LEGACY_CASES = [
    ("multiply_src", lambda m, x, s: m.scatter(x, 0, m.tensor(IDX), s, reduce="multiply")),
    ("add_src", lambda m, x, s: x.scatter(0, m.tensor(IDX), s, reduce="add")),
    ("multiply_value", lambda m, x, s: x.scatter(1, m.tensor(IDX), 2.5, reduce="multiply")),
    ("add_value_kw", lambda m, x, s: m.scatter(x, 1, m.tensor(IDX), value=-1.5, reduce="add")),
    ("int32_index", lambda m, x, s: x.scatter(1, m.tensor(IDX).int(), s, reduce="multiply")),
    ("src_larger_than_index", lambda m, x, s: x.scatter(0, m.tensor([[1, 1]]), s, reduce="multiply")),
    ("empty_index", lambda m, x, s: x.scatter(0, m.zeros(0, dtype=m.int64), 2.0, reduce="add")),
    ("long_value_truncated", lambda m, x, s: x.long().scatter(0, m.tensor(IDX), 2.5, reduce="multiply")),
    ("long_src", lambda m, x, s: (x * 3).long().scatter(0, m.tensor(IDX), (s * 3).long(), reduce="add")),
    ("bool", lambda m, x, s: (x > 0).scatter(0, m.tensor(IDX), s > 0, reduce="multiply")),
    ("scalar_input", lambda m, x, s: x[0, 0].scatter(0, m.tensor(0), 3.0, reduce="multiply")),
    ("scalar_input_src", lambda m, x, s: x[0, 0].scatter(0, m.tensor([0, 0]), s[0, :2], reduce="multiply")),
    ("inplace", lambda m, x, s: x.clone().scatter_(0, m.tensor(IDX), s, reduce="multiply")),
    ("inplace_value", lambda m, x, s: x.clone().scatter_(1, m.tensor(IDX), 3.0, reduce="add")),
]


@pytest.mark.parametrize("fn", [c[1] for c in LEGACY_CASES], ids=[c[0] for c in LEGACY_CASES])
def test_legacy_scatter_reduce_values(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        both(fn, arr(2, 3), arr(2, 3), grad=False)


@pytest.mark.parametrize("fn", [c[1] for c in LEGACY_CASES[:4]], ids=[c[0] for c in LEGACY_CASES[:4]])
def test_legacy_scatter_reduce_has_no_derivative(fn):
    """PyTorch records a NotImplemented node; backward raises naming aten::scatter."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        y = fn(A, A.tensor(arr(2, 3), requires_grad=True), A.tensor(arr(2, 3), requires_grad=True))
        t = fn(torch, torch.tensor(arr(2, 3), requires_grad=True), torch.tensor(arr(2, 3), requires_grad=True))
        assert y.requires_grad and y.grad_fn.name() == type(t.grad_fn).__name__ == "NotImplemented"
        raises_like(lambda m, x, s: fn(m, x.requires_grad_(), s).sum().backward(), arr(2, 3), arr(2, 3))


def test_legacy_scatter_reduce_inplace_has_no_derivative():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raises_like(lambda m, x, s: (x.requires_grad_() * 1).scatter_(0, m.tensor(IDX), s, reduce="multiply")
                    .sum().backward(), arr(2, 3), arr(2, 3))
        raises_like(lambda m, x, s: (x.requires_grad_() * 1).scatter_(1, m.tensor(IDX), value=2.0, reduce="add")
                    .sum().backward(), arr(2, 3), arr(2, 3))
    both(lambda m, x, s: (x * 1).scatter_(0, m.tensor(IDX), s), arr(2, 3), arr(2, 3))


def test_legacy_scatter_reduce_warns_once_for_tensor_src():
    _warn._given.discard("scatter_reduce")
    x, s, i = A.tensor(arr(2, 3)), A.tensor(arr(2, 3)), A.tensor(IDX)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        x.scatter(0, i, 2.0, reduce="add")
        x.scatter(0, i, s, reduce="add")
        x.scatter(0, i, s, reduce="multiply")
    assert len(w) == 1 and w[0].category is UserWarning
    assert "The reduce argument of autograd.scatter with Tensor src is deprecated" in str(w[0].message)


LEGACY_ERRORS = [
    ("bad_reduce", lambda m, x, s: x.scatter(0, m.tensor(IDX), s, reduce="sum")),
    ("bad_reduce_value", lambda m, x, s: x.scatter(0, m.tensor(IDX), 1.0, reduce="mean")),
    ("float_index", lambda m, x, s: x.scatter(0, m.tensor(IDX).float(), 1.0, reduce="add")),
    ("index_range", lambda m, x, s: x.scatter(0, m.tensor(IDX) + 3, 1.0, reduce="add")),
    ("first_bad_index_named", lambda m, x, s: x.scatter(0, m.tensor([[0, 4, 0], [5, 0, 0]]), s, reduce="add")),
    ("negative_index", lambda m, x, s: x.scatter(0, m.tensor(IDX) - 1, s, reduce="multiply")),
    ("src_dtype", lambda m, x, s: x.scatter(0, m.tensor(IDX), s.float(), reduce="multiply")),
    ("index_larger_value", lambda m, x, s: x.scatter(0, m.tensor([[0, 0, 0, 0]]), 1.0, reduce="add")),
    ("index_larger_src", lambda m, x, s: x.scatter(0, m.tensor([[0, 0, 0, 0]]), s, reduce="add")),
    ("index_ndim", lambda m, x, s: x.scatter(0, m.tensor([0]), s, reduce="add")),
    ("negative_index_plain_scatter", lambda m, x, s: x.scatter(0, m.tensor(IDX) - 1, 1.0)),
    ("negative_index_gather", lambda m, x, s: x.gather(1, m.tensor(IDX) - 1)),
    ("scatter_add_dtype_message", lambda m, x, s: x.scatter_add(0, m.tensor(IDX).float(), s)),
]


@pytest.mark.parametrize("fn", [c[1] for c in LEGACY_ERRORS], ids=[c[0] for c in LEGACY_ERRORS])
def test_legacy_scatter_reduce_errors_match_torch(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raises_like(fn, arr(2, 3), arr(2, 3))


# ---- scatter_reduce / index_reduce: values and gradients vs torch ----------------------------------
def _scatter_case(rs):
    nd = rs.randint(1, 4)
    shape = tuple(rs.randint(1, 4, nd))
    dim = int(rs.randint(nd))
    ishape = tuple(rs.randint(1, s + 1) if d != dim else rs.randint(1, 6) for d, s in enumerate(shape))
    return shape, dim, rs.randint(0, shape[dim], ishape), ishape


@pytest.mark.parametrize("include_self", [True, False])
@pytest.mark.parametrize("reduce", REDUCES)
def test_scatter_reduce_matches_torch_with_ties_and_zeros(reduce, include_self):
    rs = np.random.RandomState(REDUCES.index(reduce) * 2 + include_self)
    for _ in range(6):
        shape, dim, index, ishape = _scatter_case(rs)
        both(lambda m, x, s: m.scatter_reduce(x, dim, m.tensor(index), s, reduce, include_self=include_self),
             small_ints(*shape, rs=rs), small_ints(*ishape, rs=rs))


@pytest.mark.parametrize("include_self", [True, False])
@pytest.mark.parametrize("reduce", REDUCES[1:])
def test_index_reduce_matches_torch_with_ties_and_zeros(reduce, include_self):
    rs = np.random.RandomState(10 + REDUCES.index(reduce) * 2 + include_self)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(6):
            shape, dim, _, _ = _scatter_case(rs)
            k = rs.randint(1, 6)
            index = rs.randint(0, shape[dim], k)
            sshape = list(shape)
            sshape[dim] = k
            both(lambda m, x, s: m.index_reduce(x, dim, m.tensor(index), s, reduce, include_self=include_self),
                 small_ints(*shape, rs=rs), small_ints(*sshape, rs=rs))


def test_amax_ties_split_gradient_evenly():
    """Three-way tie (self and two src values): each gets a third; include_self=False still counts self
    when it happens to equal the result (PyTorch's formula)."""
    for include_self, want_x, want_s in [(True, 1 / 3, [1 / 3, 1 / 3, 0.0]), (False, 0.0, [1 / 3, 1 / 3, 0.0])]:
        x = A.tensor([5.0, 1.0], dtype=A.float64, requires_grad=True)
        s = A.tensor([5.0, 5.0, 2.0], dtype=A.float64, requires_grad=True)
        x.scatter_reduce(0, A.tensor([0, 0, 0]), s, "amax", include_self=include_self).sum().backward()
        np.testing.assert_allclose(x.grad.numpy(), [want_x, 1.0])
        np.testing.assert_allclose(s.grad.numpy(), want_s)


@pytest.mark.parametrize("include_self", [True, False])
@pytest.mark.parametrize("reduce", REDUCES)
def test_scatter_and_index_reduce_gradcheck_and_gradgradcheck(reduce, include_self):
    x = A.tensor(arr(3, 4), requires_grad=True)
    s = A.tensor(arr(2, 4), requires_grad=True)
    i = A.tensor([[0, 2, 0, 1], [0, 0, 2, 2]])
    f = lambda a, b: a.scatter_reduce(0, i, b, reduce, include_self=include_self)  # noqa: E731
    assert A.gradcheck(f, (x, s)) and A.gradgradcheck(f, (x, s))
    if reduce != "sum":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = lambda a, b: a.index_reduce(1, A.tensor([3, 0, 3]), A.cat([b[:, :3], b[:1, :3]]), reduce,  # noqa: E731
                                            include_self=include_self)
            assert A.gradcheck(g, (x, s)) and A.gradgradcheck(g, (x, s))


def test_prod_gradients_with_zeros_gradcheck():
    """The product is a polynomial: exact gradients (and second derivatives) with one zero per slot."""
    x = A.tensor([[0.0, 2.0, -1.5], [1.5, 0.0, 3.0]], dtype=A.float64, requires_grad=True)
    s = A.tensor([[0.0, 1.2, 0.7], [2.0, 0.0, 0.0]], dtype=A.float64, requires_grad=True)
    i = A.tensor([[0, 1, 0], [1, 1, 0]])
    for include_self in (True, False):
        f = lambda a, b: a.scatter_reduce(0, i, b, "prod", include_self=include_self)  # noqa: E731
        assert A.gradcheck(f, (x, s))
        g = lambda a, b: a.index_reduce(0, A.tensor([1, 0]), b, "prod", include_self=include_self)  # noqa: E731
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert A.gradcheck(g, (x, s)) and A.gradgradcheck(g, (x, s))


@pytest.mark.parametrize("op", ["scatter_reduce", "index_reduce"])
def test_prod_double_backward_with_repeated_zeros_raises_like_torch(op):
    def fn(m, x, s):
        if op == "scatter_reduce":
            y = x.scatter_reduce(0, m.tensor([1, 1, 0]), s, "prod")
        else:
            y = x.index_reduce(0, m.tensor([1, 1, 0]), s, "prod")
        (g,) = _grad(m)(y.sum(), s, create_graph=True)
        assert type(g.grad_fn).__name__ == "Error" if m is torch else g.grad_fn.name() == "Error"
        g.sum().backward()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x, s = np.array([1.0, 2.0, 3.0]), np.array([0.0, 0.0, 4.0])
        raises_like(lambda m, a, b: fn(m, a.requires_grad_(), b.requires_grad_()), x, s)
        both(lambda m, a, b: a.scatter_reduce(0, m.tensor([1, 1, 0]), b, "prod"), x, s)


def test_scatter_reduce_integer_bool_and_scalar_values():
    iv = np.array([[-2, 5, 7], [3, -4, 1]])
    for reduce in REDUCES:
        for include_self in (True, False):
            both(lambda m, x, s: x.scatter_reduce(0, m.tensor([[0, 0, 1], [0, 1, 1]]), s, reduce,
                                                  include_self=include_self), iv, iv * 3 - 1, grad=False)
            if reduce != "mean":
                both(lambda m, x: (x > 0).scatter_reduce(1, m.tensor([[0, 0], [2, 2]]), x[:, :2] < 0, reduce,
                                                         include_self=include_self), iv, grad=False)
    both(lambda m, x, s: x[0, 0].scatter_reduce(0, m.tensor([0, 0]), s[0, :2], "prod"), arr(2, 3), arr(2, 3))
    both(lambda m, x, s: x[0, 0].scatter_reduce(0, m.tensor(0), s[0, 0], "amax"), arr(2, 3), arr(2, 3))
    both(lambda m, x, s: x.scatter_reduce(0, m.zeros(0, 3, dtype=m.int64), s[:0], "mean"), arr(2, 3), arr(2, 3))


def test_scatter_reduce_src_larger_than_index_pads_gradient():
    """torch's backward fails here (shape error); ours pads the src gradient with zeros, as scatter's."""
    x = A.tensor(arr(2, 3), requires_grad=True)
    s = A.tensor(arr(3, 3), requires_grad=True)
    x.scatter_reduce(0, A.tensor([[0, 1, 0], [1, 1, 0]]), s, "sum").sum().backward()
    assert s.grad.tolist() == [[1.0] * 3, [1.0] * 3, [0.0] * 3]


def test_index_reduce_inplace_method_and_warning():
    _warn._given.discard("index_reduce")
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        both(lambda m, x, s: (x * 1).index_reduce_(1, m.tensor([2, 0, 2]), s, "amax", include_self=False),
             small_ints(3, 4), small_ints(3, 3))
        both(lambda m, x, s: x.index_reduce(0, m.tensor([1, 1]), s, reduce="mean"), arr(3, 4), arr(2, 4))
    ours = [x for x in w if str(x.message) == "index_reduce() is in beta and the API may change at any time."]
    assert len(ours) == 1 and ours[0].category is UserWarning


def test_index_reduce_integer_and_scalar_values():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        iv = np.array([[-2, 5, 7], [3, -4, 1]])
        for reduce in REDUCES[1:]:
            for include_self in (True, False):
                both(lambda m, x, s: x.index_reduce(1, m.tensor([0, 0, 2]), s, reduce, include_self=include_self),
                     iv, iv * 3 - 1, grad=False)
                both(lambda m, x, s: x[0].index_reduce(0, m.tensor([1, 1, 0]).int(), s[1], reduce,
                                                       include_self=include_self), iv, iv * 3 - 1, grad=False)
        both(lambda m, x, s: x[0, 0].index_reduce(0, m.tensor(0), s[0, 0], "prod"), arr(2, 3), arr(2, 3))
        both(lambda m, x, s: x[0, 0].index_reduce(0, m.tensor([0]), s[0, 0], "mean"), arr(2, 3), arr(2, 3))
        both(lambda m, x, s: x.index_reduce(0, m.zeros(0, dtype=m.int64), s[:0], "amin"), arr(2, 3), arr(2, 3))
        both(lambda m, x: (x > 0).index_reduce(0, m.tensor([1]), x[:1] < 0, "amax"), arr(2, 3), grad=False)


SR_ERRORS = [
    ("bad_reduce", lambda m, x, s: x.scatter_reduce(0, m.tensor(IDX), s, "multiply")),
    ("bad_reduce_after_shape_check", lambda m, x, s: x.scatter_reduce(0, m.tensor([[0, 0, 0, 0]]), s, "foo")),
    ("float_index", lambda m, x, s: x.scatter_reduce(0, m.tensor(IDX).float(), s, "prod")),
    ("list_index", lambda m, x, s: m.scatter_reduce(x, 0, [[0]], s, "sum")),
    ("index_range", lambda m, x, s: x.scatter_reduce(0, m.tensor(IDX) + 2, s, "prod")),
    ("negative_index", lambda m, x, s: x.scatter_reduce(0, m.tensor(IDX) - 1, s, "amax")),
    ("src_dtype", lambda m, x, s: x.scatter_reduce(0, m.tensor(IDX), s.float(), "prod")),
    ("src_smaller", lambda m, x, s: x.scatter_reduce(0, m.tensor(IDX), s[:1], "prod")),
    ("index_ndim", lambda m, x, s: x.scatter_reduce(0, m.tensor([0, 1]), s, "sum")),
    ("src_number", lambda m, x, s: m.scatter_reduce(x, 0, m.tensor(IDX), 2.0, "sum")),
    ("bool_mean", lambda m, x, s: (x > 0).scatter_reduce(0, m.tensor(IDX), s > 0, "mean")),
    ("dim_range", lambda m, x, s: x.scatter_reduce(2, m.tensor(IDX), s, "sum")),
]

IR_ERRORS = [
    ("sum", lambda m, x, s: x.index_reduce(0, m.tensor([0, 1]), s, "sum")),
    ("bad_reduce", lambda m, x, s: m.index_reduce(x, 0, m.tensor([0, 1]), s, "foo")),
    ("index_2d", lambda m, x, s: x.index_reduce(0, m.tensor([[0, 1]]), s, "prod")),
    ("float_index", lambda m, x, s: x.index_reduce(0, m.tensor([0.0, 1.0]), s, "prod")),
    ("bool_index", lambda m, x, s: x.index_reduce(0, m.tensor([True, False]), s, "prod")),
    ("list_index", lambda m, x, s: m.index_reduce(x, 0, [0, 1], s, "prod")),
    ("number_source", lambda m, x, s: m.index_reduce(x, 0, m.tensor([0]), 1.0, "prod")),
    ("source_dtype", lambda m, x, s: x.index_reduce(0, m.tensor([0, 1]), s.float(), "amin")),
    ("index_count", lambda m, x, s: x.index_reduce(0, m.tensor([0, 1, 1]), s, "amin")),
    ("source_slice_shape", lambda m, x, s: x.index_reduce(0, m.tensor([0, 1]), s[:, :2], "mean")),
    ("source_dim", lambda m, x, s: x.index_reduce(1, m.tensor([0, 1]), s[0], "mean")),
    ("scalar_source_count", lambda m, x, s: x[0].index_reduce(0, m.tensor([0, 1]), s[0, 0], "prod")),
    ("scalar_self", lambda m, x, s: x[0, 0].index_reduce(0, m.tensor([0, 0]), s[0, :2], "prod")),
    ("index_range", lambda m, x, s: x.index_reduce(0, m.tensor([0, 2]), s, "amax")),
    ("negative_index", lambda m, x, s: x.index_reduce(1, m.tensor([0, -1, 0]), s, "amax")),
    ("dim_range", lambda m, x, s: x.index_reduce(2, m.tensor([0, 1]), s, "amax")),
    ("bool_1d", lambda m, x, s: (x[0] > 0).index_reduce(0, m.tensor([1, 1]), s[0, :2] > 0, "prod")),
    ("bool_exclude_self", lambda m, x, s: (x > 0).index_reduce(0, m.tensor([1, 0]), s > 0, "amax",
                                                               include_self=False)),
    ("bool_mean", lambda m, x, s: (x > 0).index_reduce(0, m.tensor([1, 0]), s > 0, "mean")),
]


ERRORS = [("scatter_reduce_" + n, f) for n, f in SR_ERRORS] + [("index_reduce_" + n, f) for n, f in IR_ERRORS]


@pytest.mark.parametrize("name,fn", ERRORS, ids=[c[0] for c in ERRORS])
def test_scatter_and_index_reduce_errors_match_torch(name, fn):
    """Same type and message (dim-range messages name the op in ours, so only their common part)."""
    match = "Dimension out of range (expected to be in range of [-2, 1], but got 2)" if "dim_range" in name else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raises_like(fn, arr(2, 3), arr(2, 3), match=match)
