"""Elementwise ops: one table, one proof per op (values, grads, double backward vs torch; gradcheck,
gradgradcheck) over hypothesis shapes incl. broadcasting, size-1 dims and transposed views."""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from oracle import assert_close, to_torch, torch
from opcheck import OpSpec, away_from, between, check_op, inputs_for, positive, quarter_points

import autograd as A

T = torch
NONZERO = away_from(0.0, gap=0.3)

UNARY = [
    OpSpec("exp", A.exp, T.exp),
    OpSpec("log", A.log, T.log, domain=positive),
    OpSpec("log2", A.log2, T.log2, domain=positive),
    OpSpec("log10", A.log10, T.log10, domain=positive),
    OpSpec("log1p", A.log1p, T.log1p, domain=lambda x: np.abs(x) - 0.5),
    OpSpec("expm1", A.expm1, T.expm1),
    OpSpec("sqrt", A.sqrt, T.sqrt, domain=positive),
    OpSpec("rsqrt", A.rsqrt, T.rsqrt, domain=positive),
    OpSpec("sin", A.sin, T.sin),
    OpSpec("cos", A.cos, T.cos),
    OpSpec("tan", A.tan, T.tan, domain=between(-1.2, 1.2)),
    OpSpec("tanh", A.tanh, T.tanh),
    OpSpec("sigmoid", A.sigmoid, T.sigmoid),
    OpSpec("relu", A.relu, T.relu, domain=away_from(0.0)),
    OpSpec("abs", A.abs, T.abs, domain=away_from(0.0)),
    OpSpec("asin", A.asin, T.asin, domain=between(-0.9, 0.9)),
    OpSpec("acos", A.acos, T.acos, domain=between(-0.9, 0.9)),
    OpSpec("atan", A.atan, T.atan),
    OpSpec("sinh", A.sinh, T.sinh),
    OpSpec("cosh", A.cosh, T.cosh),
    OpSpec("erf", A.erf, T.erf),
    OpSpec("reciprocal", A.reciprocal, T.reciprocal, domain=NONZERO),
    OpSpec("square", A.square, T.square),
    OpSpec("neg", A.neg, T.neg),
    OpSpec("sign", A.sign, T.sign, domain=quarter_points),
    OpSpec("floor", A.floor, T.floor, domain=quarter_points),
    OpSpec("ceil", A.ceil, T.ceil, domain=quarter_points),
    OpSpec("trunc", A.trunc, T.trunc, domain=quarter_points),
    OpSpec("round", A.round, T.round, domain=quarter_points),
    OpSpec("round_decimals", lambda x: A.round(x, decimals=1), lambda x: T.round(x, decimals=1),
           domain=lambda x: np.floor(x * 20) / 20 + 0.0125),
    OpSpec("clamp", lambda x: A.clamp(x, -0.5, 0.5), lambda x: T.clamp(x, -0.5, 0.5), domain=away_from(-0.5, 0.5)),
    OpSpec("clamp_min", lambda x: x.clamp(min=0.2), lambda x: x.clamp(min=0.2), domain=away_from(0.2)),
    OpSpec("clamp_max", lambda x: x.clamp(max=0.2), lambda x: x.clamp(max=0.2), domain=away_from(0.2)),
    OpSpec("pow_2", lambda x: x ** 2, lambda x: x ** 2),
    OpSpec("pow_3", lambda x: A.pow(x, 3), lambda x: T.pow(x, 3)),
    OpSpec("pow_0", lambda x: x ** 0, lambda x: x ** 0),
    OpSpec("pow_half", lambda x: x ** 0.5, lambda x: x ** 0.5, domain=positive),
    OpSpec("pow_neg", lambda x: x ** -1.5, lambda x: x ** -1.5, domain=positive),
    OpSpec("rpow", lambda x: 2 ** x, lambda x: 2 ** x),
    OpSpec("rpow_frac", lambda x: A.pow(0.5, x), lambda x: T.pow(0.5, x)),
    OpSpec("scalar_arith", lambda x: (3 - x) * 2.5 / 4 + 1, lambda x: (3 - x) * 2.5 / 4 + 1),
    OpSpec("rdiv", lambda x: 2 / x, lambda x: 2 / x, domain=NONZERO),
]

BINARY = [
    OpSpec("add", A.add, T.add, arity=2),
    OpSpec("add_alpha", lambda a, b: A.add(a, b, alpha=2.5), lambda a, b: T.add(a, b, alpha=2.5), arity=2),
    OpSpec("sub", A.sub, T.sub, arity=2),
    OpSpec("sub_alpha", lambda a, b: a.sub(b, alpha=-3), lambda a, b: a.sub(b, alpha=-3), arity=2),
    OpSpec("mul", A.mul, T.mul, arity=2),
    OpSpec("div", A.div, T.div, arity=2, domain=NONZERO),
    OpSpec("div_floor", lambda a, b: A.div(a, b, rounding_mode="floor"),
           lambda a, b: T.div(a, b, rounding_mode="floor"), arity=2, domain=NONZERO),
    OpSpec("div_trunc", lambda a, b: A.div(a, b, rounding_mode="trunc"),
           lambda a, b: T.div(a, b, rounding_mode="trunc"), arity=2, domain=NONZERO),
    OpSpec("floordiv", lambda a, b: a // b, lambda a, b: a // b, arity=2, domain=NONZERO, differentiable=False),
    OpSpec("pow", A.pow, T.pow, arity=2, domain=positive),
    OpSpec("maximum", A.maximum, T.maximum, arity=2),
    OpSpec("minimum", A.minimum, T.minimum, arity=2),
    OpSpec("max_binary", A.max, T.max, arity=2),
    OpSpec("where", lambda c, a, b: A.where(c > 0, a, b), lambda c, a, b: T.where(c > 0, a, b), arity=3),
    OpSpec("where_scalar", lambda c, a: A.where(c > 0, a, 0.5), lambda c, a: T.where(c > 0, a, 0.5), arity=2),
    OpSpec("clamp_tensor", A.clamp, T.clamp, arity=3),
    OpSpec("clamp_tensor_min", lambda a, b: A.clamp(a, min=b), lambda a, b: T.clamp(a, min=b), arity=2),
    OpSpec("clamp_tensor_max", lambda a, b: A.clamp(a, max=b), lambda a, b: T.clamp(a, max=b), arity=2),
]

COMPARE = [OpSpec(name, getattr(A, name), getattr(T, name), arity=2, differentiable=False,
                  domain=lambda x: np.round(x))
           for name in ("eq", "ne", "lt", "le", "gt", "ge", "logical_and", "logical_or", "logical_xor")]
COMPARE.append(OpSpec("logical_not", A.logical_not, T.logical_not, differentiable=False, domain=np.round))
COMPARE.append(OpSpec("isnan_isfinite", lambda x: (A.isnan(x.log()), A.isfinite(x.log()), A.isinf(1 / x)),
                      lambda x: (T.isnan(x.log()), T.isfinite(x.log()), T.isinf(1 / x)), differentiable=False,
                      domain=lambda x: np.round(x)))

ALL = UNARY + BINARY + COMPARE


@pytest.mark.parametrize("spec", ALL, ids=repr)
@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_op_matches_torch_and_gradchecks(spec, data):
    """Values, gradients and second derivatives equal torch's; gradcheck + gradgradcheck pass."""
    arrays, flags = data.draw(inputs_for(spec))
    check_op(spec.ours, spec.theirs, arrays, flags, differentiable=spec.differentiable, gradgrad=spec.gradgrad)


_DTYPE_CASES = [(np.float32, None), (np.int64, None), (np.bool_, None), (np.int32, None)]


@pytest.mark.parametrize("spec", ALL, ids=repr)
@pytest.mark.parametrize("np_dtype", [np.float32, np.int64, np.int32, np.bool_], ids=lambda d: np.dtype(d).name)
def test_dtype_and_errors_follow_torch(spec, np_dtype):
    """Same op on float32/int/bool inputs: torch's result dtype and values, or torch's exception type."""
    rng = np.random.default_rng(1)
    arrays = [rng.standard_normal((2, 3)) * 3 for _ in range(spec.arity)]
    arrays = [np.asarray(spec.domain(a) if spec.domain else a) for a in arrays]
    arrays = [(a > 0) if np_dtype is np.bool_ else a.astype(np_dtype) for a in arrays]
    try:
        expected = spec.theirs(*[torch.from_numpy(a.copy()) for a in arrays])
    except Exception as e:  # torch refuses: so must we, with the same exception type
        with pytest.raises(type(e)):
            spec.ours(*[A.from_numpy(a.copy()) for a in arrays])
        return
    got = spec.ours(*[A.from_numpy(a.copy()) for a in arrays])
    as_tuple = lambda r: r if isinstance(r, tuple) else (r,)  # noqa: E731
    for o, t in zip(as_tuple(got), as_tuple(expected)):
        assert_close(o, t, rtol=2e-6, atol=1e-5)


# ---- erf accuracy --------------------------------------------------------------------------------
def test_erf_float64_accurate_to_two_ulp():
    x = np.concatenate([np.linspace(-7, 7, 4001), np.random.default_rng(0).standard_normal(4000) * 2,
                        np.logspace(-300, 0.8, 300), -np.logspace(-300, 0.8, 300), [0.0, 1.0, 2.0, 3.5, 6.0]])
    ref = np.array([math.erf(v) for v in x])
    got = A.erf(A.from_numpy(x)).numpy()
    ulps = np.abs(got - ref) / np.spacing(np.maximum(np.abs(ref), 1e-300))
    assert ulps.max() <= 2, f"max error {ulps.max()} ulp at x={x[ulps.argmax()]}"


def test_erf_special_values_and_float32():
    got = A.erf(A.tensor([np.inf, -np.inf, np.nan, -0.0], dtype=A.float64)).numpy()
    assert got[0] == 1 and got[1] == -1 and np.isnan(got[2]) and np.signbit(got[3])
    x = np.random.default_rng(2).standard_normal(1000).astype(np.float32) * 3
    out = A.erf(A.from_numpy(x))
    assert out.dtype == A.float32
    assert_close(out, torch.erf(torch.from_numpy(x)), rtol=1e-6, atol=1e-7)


# ---- special points PyTorch defines ------------------------------------------------------------
def _grads_vs_torch(fn, *values):
    xs = [A.tensor(v, dtype=A.float64, requires_grad=True) for v in values]
    txs = [to_torch(x) for x in xs]
    out, tout = fn(A, *xs), fn(torch, *txs)
    assert_close(out, tout)
    gs = A.grad(out.sum(), xs, allow_unused=True)
    tgs = torch.autograd.grad(tout.sum(), txs, allow_unused=True)
    for g, tg in zip(gs, tgs):
        if tg is None:
            assert g is None or not g.numpy().any()
        else:
            assert_close(g, tg)


@pytest.mark.parametrize("fn", [
    lambda m, a, b: m.maximum(a, b),
    lambda m, a, b: m.minimum(a, b),
    lambda m, a, b: m.clamp(a, min=b),
    lambda m, a, b: m.clamp(a, max=b),
    lambda m, a, b: m.clamp(a, b, b - 1),          # min > max: result is max
    lambda m, a, b: m.where(a == b, a, b),
], ids=["maximum", "minimum", "clamp_min_t", "clamp_max_t", "clamp_crossed", "where_eq"])
def test_ties_route_gradients_like_torch(fn):
    _grads_vs_torch(fn, [1.0, 2.0, 3.0, -1.0], [1.0, 0.0, 3.0, 2.0])


@pytest.mark.parametrize("fn", [
    lambda m, x: m.abs(x), lambda m, x: m.relu(x), lambda m, x: m.clamp(x, 0.0, 1.0), lambda m, x: m.sqrt(x),
    lambda m, x: x ** 2, lambda m, x: x ** 0, lambda m, x: m.sign(x), lambda m, x: m.pow(0.0, x),
    lambda m, x: m.pow(x, x), lambda m, x: m.where(x > 0, x, 0.0),
], ids=["abs", "relu", "clamp", "sqrt", "square", "pow0", "sign", "zero_base", "x_pow_x", "where"])
def test_gradients_at_zero_like_torch(fn):
    _grads_vs_torch(fn, [0.0, 1.0, 0.0, 2.0])


def test_floor_divide_has_no_derivative_like_torch():
    x = A.randn(3, requires_grad=True)
    y = x // 2
    assert y.requires_grad and y.grad_fn.name() == "NotImplemented"
    with pytest.raises(RuntimeError, match="floor_divide is not implemented"):
        y.sum().backward()
    assert A.div(x, 2, rounding_mode="floor").grad_fn.name() == "DivBackward2"


def test_comparisons_return_bool_without_grad():
    x = A.randn(3, requires_grad=True)
    for r in (x > 0, x == x, x.le(0.5), A.logical_and(x > 0, x < 1), ~(x > 0), (x > 0) & (x < 1)):
        assert r.dtype == A.bool_ and not r.requires_grad and r.grad_fn is None


def test_where_python_scalars_take_torch_dtypes():
    c = A.tensor([True, False])
    assert A.where(c, 1.0, 0).dtype == A.float32
    assert A.where(c, 1, 0).dtype == A.int64
    assert A.where(c, A.tensor([1, 2]), 2.5).dtype == A.float32


def test_integer_division_rules():
    a, b = A.tensor([7, -7, 6]), A.tensor([2, 2, -4])
    ta, tb = to_torch(a), to_torch(b)
    assert_close(a / b, ta / tb)
    assert_close(a // b, ta // tb)
    assert_close(A.div(a, b, rounding_mode="trunc"), torch.div(ta, tb, rounding_mode="trunc"))
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        a // A.tensor([1, 0, 1])
    with pytest.raises(RuntimeError, match="negative integer powers"):
        a ** -1
    with pytest.raises(RuntimeError, match="rounding_mode"):
        A.div(a, b, rounding_mode="round")


# ---- error messages ---------------------------------------------------------------------------------
@pytest.mark.parametrize("op", [
    lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b, lambda a, b: a / b, lambda a, b: a ** b,
    lambda a, b: A.maximum(a, b), lambda a, b: A.where(a > 0, a, b), lambda a, b: a < b,
    lambda a, b: A.clamp(a, b), lambda a, b: A.logical_and(a, b), lambda a, b: A.div(a, b, rounding_mode="floor"),
], ids=["add", "sub", "mul", "div", "pow", "maximum", "where", "lt", "clamp", "logical_and", "floordiv"])
def test_broadcast_mismatch_raises_runtime_error_naming_shapes(op):
    a, b = A.randn(2, 3), A.randn(4)
    with pytest.raises(RuntimeError) as ours:
        op(a, b)
    msg = str(ours.value)
    assert "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1" in msg
    assert "[2, 3]" in msg and "[4]" in msg


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
@pytest.mark.parametrize("n", [16, 1 << 19], ids=["small", "jitted_size"])
def test_sigmoid_saturates_to_exact_zero_and_one_like_torch(dtype, n):
    """Where exp(-x) overflows torch's 1 / (1 + exp(-x)) is exactly 0 (log(0) then saturates in BCE)."""
    values = np.array([-1e4, -1000.0, -100.0, -89.0, 17.0, 100.0, 1e4, -np.inf, np.inf, np.nan], dtype)
    x = np.resize(values, n)
    ours = A.sigmoid(A.from_numpy(x)).numpy()[:len(values)]
    theirs = torch.sigmoid(torch.from_numpy(x)).numpy()[:len(values)]
    np.testing.assert_array_equal(ours, theirs)
