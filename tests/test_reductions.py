"""Reductions, scans and softmax: one table and one proof (values, grads, double backward vs torch;
gradcheck, gradgradcheck) over hypothesis shapes, dims (int, tuple, negative, None), keepdim and
transposed inputs; then the semantics PyTorch pins down (ties, zeros, named results, dtypes, errors)."""
import dataclasses
import math
from typing import Callable, Optional

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

from oracle import assert_close, to_torch, torch
from opcheck import away_from, check_op, inputs_for, shapes

import autograd as A

INF = math.inf


@dataclasses.dataclass
class RSpec:
    name: str
    fn: Callable                 # fn(lib_or_tensor_ns, x, **kwargs): same code for both libraries
    dims: str = "multi"          # multi | required | single | scan | whole
    domain: Optional[Callable] = None
    differentiable: bool = True
    arity: int = 1
    min_count: int = 1           # fewest elements per reduced slice (unbiased var/std need 2)

    def __repr__(self):
        return self.name


def _zeros_often(x):
    return np.where(np.abs(x) < 0.6, 0.0, x)


SPECS = [
    RSpec("sum", lambda m, x, **k: x.sum(**k)),
    RSpec("mean", lambda m, x, **k: m.mean(x, **k)),
    RSpec("prod", lambda m, x, **k: x.prod(**k), dims="single"),
    RSpec("prod_all", lambda m, x: m.prod(x), dims="whole"),
    RSpec("prod_zeros", lambda m, x, **k: x.prod(**k), dims="single", domain=_zeros_often),
    RSpec("prod_all_zeros", lambda m, x: x.prod(), dims="whole", domain=_zeros_often),
    RSpec("amax", lambda m, x, **k: x.amax(**k)),
    RSpec("amin", lambda m, x, **k: m.amin(x, **k)),
    RSpec("max_all", lambda m, x: x.max(), dims="whole"),
    RSpec("min_all", lambda m, x: m.min(x), dims="whole"),
    RSpec("max_dim", lambda m, x, **k: tuple(x.max(**k)), dims="single"),
    RSpec("min_dim", lambda m, x, **k: tuple(m.min(x, **k)), dims="single"),
    RSpec("argmax", lambda m, x, **k: x.argmax(**k), dims="single", differentiable=False),
    RSpec("argmin", lambda m, x, **k: m.argmin(x, **k), dims="single", differentiable=False),
    RSpec("argmax_flat", lambda m, x: m.argmax(x), dims="whole", differentiable=False),
    RSpec("var", lambda m, x, **k: x.var(**k), min_count=2),
    RSpec("var_biased", lambda m, x, **k: m.var(x, unbiased=False, **k)),
    RSpec("std", lambda m, x, **k: x.std(**k), min_count=2),
    RSpec("std_correction0", lambda m, x, **k: m.std(x, correction=0, **k)),
    RSpec("var_mean", lambda m, x, **k: m.var_mean(x, correction=0, **k)),
    RSpec("std_mean", lambda m, x, **k: m.std_mean(x, correction=0, **k)),
    RSpec("logsumexp", lambda m, x, **k: m.logsumexp(x, **k), dims="required"),
    RSpec("norm", lambda m, x, **k: x.norm(**k)),
    RSpec("norm_fro", lambda m, x, **k: m.norm(x, "fro", **k)),
    RSpec("norm_1", lambda m, x, **k: x.norm(1, **k), domain=away_from(0.0)),
    RSpec("norm_3", lambda m, x, **k: x.norm(3, **k)),
    RSpec("norm_1_5", lambda m, x, **k: x.norm(1.5, **k), domain=away_from(0.0)),
    RSpec("norm_half", lambda m, x, **k: x.norm(0.5, **k), domain=away_from(0.0)),
    RSpec("norm_inf", lambda m, x, **k: x.norm(INF, **k)),
    RSpec("norm_neg_inf", lambda m, x, **k: m.norm(x, -INF, **k)),
    RSpec("norm_0", lambda m, x, **k: x.norm(0, **k), domain=_zeros_often, differentiable=False),
    RSpec("all", lambda m, x, **k: (x > 0).all(**k), differentiable=False),
    RSpec("any", lambda m, x, **k: m.any(x > 0, **k), differentiable=False),
    RSpec("cumsum", lambda m, x, **k: x.cumsum(**k), dims="scan"),
    RSpec("cumprod", lambda m, x, **k: m.cumprod(x, **k), dims="scan"),
    RSpec("cumprod_zeros", lambda m, x, **k: x.cumprod(**k), dims="scan", domain=_zeros_often),
    RSpec("softmax", lambda m, x, **k: m.softmax(x, **k), dims="scan"),
    RSpec("log_softmax", lambda m, x, **k: x.log_softmax(**k), dims="scan"),
    RSpec("softmax_scaled", lambda m, x, **k: (x * 30).softmax(**k), dims="scan"),
]


@st.composite
def reduction_case(draw, spec):
    """(shape, kwargs): a dim argument of the spec's kind, valid for the drawn shape, with keepdim."""
    shape = draw(shapes(min_dims=0))
    nd = len(shape)
    int_dim = st.integers(-max(nd, 1), max(nd, 1) - 1)
    if spec.dims == "whole":
        return shape, {}
    if spec.dims in ("single", "scan"):
        kw = {"dim": draw(int_dim)}
    else:
        choices = [int_dim, st.lists(st.integers(0, nd - 1), min_size=1, max_size=nd, unique=True).map(
            lambda ds: tuple(d - nd if i % 2 else d for i, d in enumerate(ds)))] if nd else [int_dim]
        if spec.dims == "multi":
            choices.append(st.none())
        kw = {"dim": draw(st.one_of(*choices))}
    if spec.dims != "scan":
        kw["keepdim"] = draw(st.booleans())
    return shape, kw


def _lib_fn(spec, m):
    return lambda x, **k: spec.fn(m, x, **k)


@pytest.mark.parametrize("spec", SPECS, ids=repr)
@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_reduction_matches_torch_and_gradchecks(spec, data):
    shape, kwargs = data.draw(reduction_case(spec))
    dims = kwargs.get("dim")
    dims = tuple(range(len(shape))) if dims is None else dims
    dims = (dims,) if isinstance(dims, int) else dims
    assume(math.prod(shape[d] for d in dims) >= spec.min_count if shape else spec.min_count <= 1)
    arrays, flags = data.draw(inputs_for(spec, [shape]))
    check_op(_lib_fn(spec, A), _lib_fn(spec, torch), arrays, flags, kwargs, differentiable=spec.differentiable)


@pytest.mark.parametrize("spec", [s for s in SPECS if s.dims != "whole"], ids=repr)
def test_dim_out_of_range_raises_index_error(spec):
    x = A.randn(2, 3)
    with pytest.raises(IndexError, match="out of range"):
        spec.fn(A, x, dim=2)
    with pytest.raises(IndexError, match="out of range"):
        spec.fn(A, x, dim=-3)


# ---- grad_fn names ---------------------------------------------------------------------------------
@pytest.mark.parametrize("fn", [
    lambda m, x: x.sum(), lambda m, x: x.sum(1), lambda m, x: x.sum(()), lambda m, x: x.mean(), lambda m, x: x.mean(0),
    lambda m, x: x.prod(), lambda m, x: x.prod(1), lambda m, x: x.max(), lambda m, x: x.max(1).values,
    lambda m, x: x.min(), lambda m, x: x.min(0)[0], lambda m, x: x.amax(1), lambda m, x: x.amin(),
    lambda m, x: x.var(), lambda m, x: x.std(1), lambda m, x: m.var_mean(x)[0], lambda m, x: m.std_mean(x, 1)[1],
    lambda m, x: x.logsumexp(1), lambda m, x: x.norm(), lambda m, x: x.norm(1, 0), lambda m, x: x.cumsum(0),
    lambda m, x: x.cumprod(1), lambda m, x: x.softmax(1), lambda m, x: x.log_softmax(0),
])
def test_grad_fn_names_match_torch(fn):
    x = A.randn(2, 3, requires_grad=True)
    assert fn(A, x).grad_fn.name() == fn(torch, to_torch(x)).grad_fn.name()


# ---- max / min results and ties --------------------------------------------------------------------
def test_max_along_dim_is_a_named_tuple():
    x = A.tensor([[1.0, 5.0, 2.0], [7.0, 0.0, 7.0]])
    r = x.max(1)
    values, indices = r
    assert r.values is values and r[1] is indices and len(r) == 2 and isinstance(r, tuple)
    assert values.tolist() == [5.0, 7.0] and indices.tolist() == [1, 0] and indices.dtype == A.int64
    assert repr(r).startswith("autograd.return_types.max(\nvalues=tensor(")
    assert A.min(x, 0, keepdim=True).indices.shape == (1, 3)
    assert type(A.min(x, 1)).__name__ == "min"
    assert A.max(x, A.tensor(6.0)).tolist() == [[6.0, 6.0, 6.0], [7.0, 6.0, 7.0]]


@pytest.mark.parametrize("fn", [
    lambda x: x.max(), lambda x: x.min(), lambda x: x.max(1).values, lambda x: x.min(0).values,
    lambda x: x.amax(1), lambda x: x.amin((0, 1)), lambda x: x.norm(INF, 1), lambda x: x.norm(-INF),
    lambda x: x.argmax(1).float() * 0 + x.sum(),
], ids=["max", "min", "max_dim", "min_dim", "amax", "amin", "norm_inf", "norm_neg_inf", "argmax"])
def test_ties_share_gradient_like_torch(fn):
    x = A.tensor([[1.0, 2.0, 2.0], [0.0, 0.0, 0.0], [-3.0, 1.0, -3.0]], dtype=A.float64, requires_grad=True)
    tx = to_torch(x)
    out, tout = fn(x), fn(tx)
    assert_close(out, tout)
    v = np.random.default_rng(0).standard_normal(tuple(out.shape))
    (g,) = A.grad(out, x, A.tensor(v))
    (tg,) = torch.autograd.grad(tout, tx, torch.tensor(v))
    assert_close(g, tg)


# ---- gradients PyTorch defines at singular points -----------------------------------------------
@pytest.mark.parametrize("fn", [
    lambda x: x.norm(), lambda x: x.norm(3), lambda x: x.norm(1.5), lambda x: x.norm(0.5), lambda x: x.norm(1),
    lambda x: x.norm(INF), lambda x: x.std(), lambda x: x.std(0, correction=0), lambda x: x.prod(),
    lambda x: x.cumprod(0), lambda x: x.logsumexp(0),
], ids=["norm2", "norm3", "norm1.5", "norm0.5", "norm1", "norm_inf", "std", "std_dim", "prod", "cumprod", "lse"])
def test_gradient_at_zero_input_like_torch(fn):
    x = A.zeros(4, dtype=A.float64, requires_grad=True)
    tx = to_torch(x)
    (g,) = A.grad(fn(x).sum(), x, allow_unused=True)
    (tg,) = torch.autograd.grad(fn(tx).sum(), tx, allow_unused=True)
    assert_close(g, tg)
    assert np.isfinite(g.numpy()).all()


@pytest.mark.parametrize("zeros", [[1], [0, 2], [0, 1, 3]], ids=["one_zero", "two_zeros", "three_zeros"])
@pytest.mark.parametrize("op", ["prod", "cumprod"])
def test_prod_with_zeros_double_backward_like_torch(zeros, op):
    arr = np.array([[1.5, -2.0, 0.5, 3.0], [2.0, 0.7, -1.1, 0.9]])
    arr[0, zeros] = 0.0
    x = A.tensor(arr, requires_grad=True)
    tx = to_torch(x)
    f = (lambda t: t.prod(1)) if op == "prod" else (lambda t: t.cumprod(1))
    (g,) = A.grad(f(x).sum(), x, create_graph=True)
    (tg,) = torch.autograd.grad(f(tx).sum(), tx, create_graph=True)
    assert_close(g, tg)
    w = np.random.default_rng(1).standard_normal(arr.shape)
    (gg,) = A.grad(g, x, A.tensor(w))
    (tgg,) = torch.autograd.grad(tg, tx, torch.tensor(w))
    assert_close(gg, tgg)


# ---- softmax -------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [A.float32, A.float64])
@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax_is_stable_for_huge_logits(name, dtype):
    x = A.tensor([[1e4, 0.0, -1e4], [1e4, 1e4, 1e4], [-1e4, -1e4 + 1, 3.0]], dtype=dtype, requires_grad=True)
    out = getattr(A, name)(x, 1)
    tx = to_torch(x)
    tout = getattr(torch, name)(tx, 1)
    assert np.isfinite(out.detach().numpy()).all()
    assert_close(out, tout, rtol=1e-6, atol=1e-6)
    v = np.random.default_rng(0).standard_normal((3, 3))
    (g,) = A.grad(out, x, A.tensor(v, dtype=dtype))
    (tg,) = torch.autograd.grad(tout, tx, torch.tensor(v, dtype=tout.dtype))
    assert_close(g, tg, rtol=1e-5, atol=1e-5)


def test_softmax_dtype_argument_and_integer_input():
    x = A.tensor([[1, 2, 3], [0, 0, 5]])
    assert_close(A.softmax(x, 1, dtype=A.float64), torch.softmax(to_torch(x), 1, dtype=torch.float64))
    assert_close(x.log_softmax(0, dtype=A.float32), to_torch(x).log_softmax(0, dtype=torch.float32))
    with pytest.raises(NotImplementedError):
        A.softmax(x, 1)
    y = A.randn(3, dtype=A.float32, requires_grad=True)
    out = A.softmax(y, 0, dtype=A.float64)
    assert out.dtype == A.float64
    out.sum().backward()
    assert y.grad.dtype == A.float32


def test_softmax_double_backward_nodes():
    x = A.randn(2, 3, dtype=A.float64, requires_grad=True)
    for name in ("softmax", "log_softmax"):
        out = getattr(A, name)(x, 1)
        (g,) = A.grad(out, x, A.randn(2, 3, dtype=A.float64), create_graph=True)
        tx = to_torch(x)
        (tg,) = torch.autograd.grad(getattr(torch, name)(tx, 1), tx, torch.randn(2, 3, dtype=torch.float64),
                                    create_graph=True)
        assert g.grad_fn.name() == tg.grad_fn.name()


# ---- dtypes, signatures, edge cases ----------------------------------------------------------------
def _f64(t):
    return torch.float64 if isinstance(t, torch.Tensor) else A.float64


def test_reduction_dtypes_follow_torch():
    i, b, u = A.tensor([[1, 2], [3, 4]]), A.tensor([True, False]), A.tensor([1, 0], dtype=A.uint8)
    cases = [lambda t: t.sum(), lambda t: t.sum(0), lambda t: t.prod(), lambda t: t.cumsum(0), lambda t: t.cumprod(0),
             lambda t: t.amax(), lambda t: t.max(), lambda t: t.all(), lambda t: t.any(0),
             lambda t: t.logsumexp(0), lambda t: t.sum(dtype=_f64(t)), lambda t: t.mean(dtype=_f64(t))]
    for t in (i, b, u, i.to(A.int32)):
        for f in cases:
            assert_close(f(t), f(to_torch(t)))


def test_integer_inputs_that_torch_refuses():
    i = A.tensor([1, 2, 3])
    for f in (lambda t: t.mean(), lambda t: t.var(), lambda t: t.std(0), lambda t: t.norm()):
        with pytest.raises(RuntimeError):
            f(to_torch(i))
        with pytest.raises(RuntimeError):
            f(i)


def test_var_signatures():
    x = A.randn(3, 4, dtype=A.float64)
    tx = to_torch(x)
    assert_close(A.var(x, True), torch.var(tx, True))
    assert_close(A.var(x, 1, False), torch.var(tx, 1, False))
    assert_close(x.std(dim=(0, 1), correction=2, keepdim=True), tx.std(dim=(0, 1), correction=2, keepdim=True))
    assert_close(A.std(x, unbiased=False), torch.std(tx, unbiased=False))
    with pytest.raises(RuntimeError):
        A.var(x, unbiased=True, correction=0)
    with pytest.warns(UserWarning, match="degrees of freedom"):
        v = A.ones(1).var()
    assert math.isnan(v.item())


def test_argmax_keepdim_and_flat():
    x = A.tensor([[1.0, 9.0], [3.0, 4.0]])
    assert x.argmax().item() == 1 and x.argmax().shape == ()
    assert x.argmax(keepdim=True).shape == (1, 1)
    assert x.argmin(dim=0, keepdim=True).tolist() == [[0, 1]]


def test_sum_over_empty_dim_tuple_reduces_everything():
    x = A.randn(2, 3, requires_grad=True)
    s = x.sum(())
    assert s.shape == () and s.grad_fn.name() == "SumBackward1"
    assert_close(x.mean(()), to_torch(x).mean(()))


def test_empty_inputs():
    e = A.zeros(0, 3)
    te = to_torch(e)
    for f in (lambda t: t.sum(0), lambda t: t.prod(0), lambda t: t.logsumexp(0), lambda t: t.amax(1),
              lambda t: t.norm(dim=0), lambda t: t.cumsum(0), lambda t: t.all(), lambda t: t.any(1)):
        assert_close(f(e), f(te))
    with pytest.raises(RuntimeError, match="numel"):
        e.max()
    with pytest.raises(IndexError, match="non-zero size"):
        e.amax(0)
    with pytest.raises(IndexError, match="non-zero size"):
        e.max(0)
