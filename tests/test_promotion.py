"""Type promotion: ``autograd.result_type`` and the dtypes ops actually produce, held against torch for
tensor/tensor, tensor/Python scalar, zero-dim vs dimensioned and bool/int/float combinations."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from oracle import to_torch, torch

import autograd as A

DTYPES = ["bool", "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64"]
SCALARS = [True, False, 3, -2, 0, 2.5, -0.75]


@st.composite
def operand(draw, allow_scalar=True):
    """A dimensioned tensor, a zero-dim tensor or a Python bool/int/float."""
    kind = draw(st.sampled_from(["dim", "zero", "scalar"] if allow_scalar else ["dim", "zero"]))
    if kind == "scalar":
        return draw(st.sampled_from(SCALARS))
    dt = draw(st.sampled_from(DTYPES))
    vals = np.array([1, 2, 3]) if kind == "dim" else np.array(2)
    if dt == "bool":
        vals = vals % 2 == 1
    return A.tensor(vals.astype(dt))


def _torch(x):
    return to_torch(x) if isinstance(x, A.Tensor) else x


def _name(d):
    return str(d).split(".")[-1]


@st.composite
def operand_pair(draw):
    a = draw(operand())
    b = draw(operand(allow_scalar=isinstance(a, A.Tensor)))
    return (a, b) if draw(st.booleans()) else (b, a)


@settings(max_examples=300, deadline=None)
@given(pair=operand_pair())
def test_result_type_matches_torch(pair):
    a, b = pair
    assert _name(A.result_type(a, b)) == _name(torch.result_type(_torch(a), _torch(b)))


OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "floordiv": lambda a, b: a // b,
    "pow": lambda a, b: a ** b,
    "eq": lambda a, b: a == b,
    "lt": lambda a, b: a < b,
}


def _where(m, a, b):
    like = a if isinstance(a, (A.Tensor, torch.Tensor)) else b
    cond = (like == like) if isinstance(like, (A.Tensor, torch.Tensor)) else True
    return m.where(cond, a, b)


@pytest.mark.parametrize("op", ["add", "sub", "mul", "div", "floordiv", "pow", "eq", "lt", "maximum", "where"])
@settings(max_examples=60, deadline=None)
@given(pair=operand_pair())
def test_op_result_dtype_and_values_match_torch(op, pair):
    a, b = pair
    if op == "maximum" and not (isinstance(a, A.Tensor) and isinstance(b, A.Tensor)):
        return
    if op == "floordiv" and (not b.numpy().all() if isinstance(b, A.Tensor) else not b):
        return  # integer division by zero: torch raises or returns inf; tested in test_ops_math
    fns = {"maximum": lambda m, x, y: m.maximum(x, y), "where": _where}
    fn = fns.get(op) or (lambda m, x, y, f=OPS[op]: f(x, y))
    ta, tb = _torch(a), _torch(b)
    try:
        expected = fn(torch, ta, tb)
    except Exception as e:  # torch refuses this combination: so must we
        with pytest.raises(type(e)):
            fn(A, a, b)
        return
    got = fn(A, a, b)
    assert _name(got.dtype) == _name(expected.dtype), f"{op}({a!r}, {b!r})"
    assert tuple(got.shape) == tuple(expected.shape)
    tol = 1e-2 if expected.dtype == torch.float16 else 1e-6
    np.testing.assert_allclose(got.numpy().astype(np.float64), expected.numpy().astype(np.float64), rtol=tol, atol=tol)


@pytest.mark.parametrize("fn", [
    lambda m: m.tensor([1, 2]) + 1.5, lambda m: m.tensor([1, 2]) / 2, lambda m: m.tensor([True]) * 2.0,
    lambda m: m.tensor([1, 2]) + m.tensor(1.5), lambda m: m.arange(3).exp(), lambda m: m.tensor([1, 2]).sigmoid(),
])
def test_default_dtype_drives_integer_to_float_promotion(fn):
    prev = A.get_default_dtype()
    try:
        for ours, theirs in ((A.float64, torch.float64), (A.float32, torch.float32)):
            A.set_default_dtype(ours)
            torch.set_default_dtype(theirs)
            assert _name(fn(A).dtype) == _name(fn(torch).dtype)
    finally:
        A.set_default_dtype(prev)
        torch.set_default_dtype(torch.float32)


def test_zero_dim_tensor_of_higher_category_wins():
    assert A.result_type(A.tensor([1, 2], dtype=A.int32), A.tensor(1.5, dtype=A.float64)) is A.float64
    assert A.result_type(A.tensor([1.0], dtype=A.float16), A.tensor(1.5, dtype=A.float64)) is A.float16
    assert A.result_type(A.tensor([1], dtype=A.int8), A.tensor(1000)) is A.int8
    assert A.result_type(A.tensor(1, dtype=A.int8), A.tensor(1, dtype=A.int16)) is A.int16
    assert A.result_type(A.tensor([True]), 2) is A.int64
    assert A.result_type(A.tensor([True]), A.tensor(2.5, dtype=A.float64)) is A.float64
    assert A.result_type(A.tensor([1], dtype=A.uint8), A.tensor([1], dtype=A.int8)) is A.int16


def test_numpy_scalars_act_as_python_scalars():
    x = A.ones(2)
    assert (x + np.float64(1.0)).dtype == A.float32
    assert (A.ones(2, dtype=A.int32) + np.int64(1)).dtype == A.int32


@pytest.mark.parametrize("shapes", [((2, 2), (2, 2)), ((2,), (2,)), ((2, 2), (2,)), ((2,), (2, 2)),
                                    ((3, 2, 2), (3, 2, 2)), ((3, 2, 2), (2, 2))])
@pytest.mark.parametrize("dts", [("float32", "float64"), ("int64", "float32"), ("float16", "float32"),
                                 ("int64", "int32"), ("float64", "float64")])
def test_matmul_does_not_promote(shapes, dts):
    """Matrix products need equal dtypes in torch (no promotion): same error type and message."""
    sa, sb = shapes
    da, db = dts
    try:
        expected = torch.ones(sa, dtype=getattr(torch, da)) @ torch.ones(sb, dtype=getattr(torch, db))
    except RuntimeError as e:
        with pytest.raises(RuntimeError) as ours:
            A.ones(sa, dtype=getattr(A, da)) @ A.ones(sb, dtype=getattr(A, db))
        assert str(ours.value) == str(e)
        return
    got = A.ones(sa, dtype=getattr(A, da)) @ A.ones(sb, dtype=getattr(A, db))
    assert _name(got.dtype) == _name(expected.dtype)


def test_bmm_mm_dot_mv_do_not_promote():
    for fn, a, b in [("bmm", (1, 2, 2), (1, 2, 2)), ("mm", (2, 2), (2, 2)), ("dot", (2,), (2,)), ("mv", (2, 2), (2,))]:
        with pytest.raises(RuntimeError) as theirs:
            getattr(torch, fn)(torch.ones(a), torch.ones(b, dtype=torch.float64))
        with pytest.raises(RuntimeError) as ours:
            getattr(A, fn)(A.ones(a), A.ones(b, dtype=A.float64))
        assert str(ours.value) == str(theirs.value)
