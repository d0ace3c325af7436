"""dtype rules and integer semantics found by the conformance sweep (tests/conformance/programs/dtype_semantics.py)."""
import math
import warnings

import numpy as np
import pytest

import autograd as A
from tests.oracle import assert_close, to_torch

torch = pytest.importorskip("torch")


def _same_error(fa, ft):
    with pytest.raises(Exception) as ours:
        fa()
    with pytest.raises(Exception) as theirs:
        ft()
    assert type(ours.value) is type(theirs.value)
    assert str(ours.value).replace("autograd", "torch") == str(theirs.value)


def test_remainder_zero_keeps_dividend_sign():
    a = np.array([2.0, -2.0, 0.0, -0.0, 5.0, -5.0, 7.5], np.float32)
    b = np.array([-2.0, 2.0, 3.0, 3.0, 0.0, 3.0, -2.5], np.float32)
    ours = A.remainder(A.tensor(a), A.tensor(b)).numpy()
    theirs = torch.remainder(torch.tensor(a), torch.tensor(b)).numpy()
    np.testing.assert_array_equal(ours, theirs)
    np.testing.assert_array_equal(np.signbit(ours), np.signbit(theirs))


def test_half_reductions_accumulate_in_float32():
    x = np.array([1.0, 2.0, 1000.0, 65504.0], np.float16)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ("mean", "std", "var", "norm", "sum"):
            o, t = getattr(A.tensor(x), name)(), getattr(torch.tensor(x), name)()
            assert o.dtype == A.float16
            assert_close(o, t)
        assert_close(A.std_mean(A.tensor(x)), torch.std_mean(torch.tensor(x)))


def test_argmax_argmin_of_bool_raise():
    b = [True, False]
    for name in ("argmax", "argmin"):
        _same_error(lambda: getattr(A.tensor(b), name)(), lambda: getattr(torch.tensor(b), name)())


def test_maximum_minimum_need_tensors():
    _same_error(lambda: A.maximum(A.tensor([1, 2]), 2), lambda: torch.maximum(torch.tensor([1, 2]), 2))
    _same_error(lambda: A.minimum(1.5, A.tensor([1.0])), lambda: torch.minimum(1.5, torch.tensor([1.0])))
    with pytest.raises(TypeError):
        A.max(A.tensor([1.0, 2.0]), 1.0)


def test_scalar_clamp_inplace_cast_message_uses_c_names():
    for dt in ("int64", "int32", "int16", "int8", "uint8"):
        _same_error(lambda: A.tensor([1, 2], dtype=getattr(A, dt)).clamp_(0.5, 1.5),
                    lambda: torch.tensor([1, 2], dtype=getattr(torch, dt)).clamp_(0.5, 1.5))
    _same_error(lambda: A.tensor([1, 2]).clamp_(min=A.tensor(1.5)), lambda: torch.tensor([1, 2]).clamp_(min=torch.tensor(1.5)))


def test_messages_default_dtype_and_moments():
    _same_error(lambda: A.set_default_dtype(A.int64), lambda: torch.set_default_dtype(torch.int64))
    for name in ("std_mean", "var_mean", "std", "var"):
        _same_error(lambda: getattr(A, name)(A.tensor([1, 2])), lambda: getattr(torch, name)(torch.tensor([1, 2])))


def test_is_complex():
    assert A.is_complex(A.tensor([1.0])) is torch.is_complex(torch.tensor([1.0])) is False


def test_index_tensor_dtypes():
    x = A.arange(10, 20)
    for dt in ("int8", "int16"):
        _same_error(lambda: x[A.tensor([1, 3], dtype=getattr(A, dt))],
                    lambda: to_torch(x)[torch.tensor([1, 3], dtype=getattr(torch, dt))])
    assert x[A.tensor(4, dtype=A.int8)].item() == 14
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert_close(x[A.tensor(1, dtype=A.uint8)], to_torch(x)[torch.tensor(1, dtype=torch.uint8)])


def test_bool_add_with_alpha_stays_bool():
    for alpha in (0, 2, True):
        assert_close(A.add(A.tensor([True, False]), A.tensor([True, False]), alpha=alpha),
                     torch.add(torch.tensor([True, False]), torch.tensor([True, False]), alpha=alpha))
    assert_close(A.add(A.tensor([1, 2]), A.tensor([True, False]), alpha=2),
                 torch.add(torch.tensor([1, 2]), torch.tensor([True, False]), alpha=2))


@pytest.mark.parametrize("dt", ["uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64", "bool"])
@pytest.mark.parametrize("v", [-256, -255, -1, 127.5, 200, 300, 70000.0, 2**40, 1e39, math.inf, math.nan])
def test_fill_values_checked_like_torch(dt, v):
    calls = [lambda m, d: m.zeros(3, dtype=d).fill_(v), lambda m, d: m.full((3,), v, dtype=d),
             lambda m, d: m.zeros(3, dtype=d).masked_fill(m.tensor([True, False, True]), v)]
    for call in calls:
        try:
            t = call(torch, getattr(torch, dt))
        except RuntimeError as e:
            _same_error(lambda: call(A, getattr(A, dt)), lambda: call(torch, getattr(torch, dt)))
            continue
        o = call(A, getattr(A, dt))
        assert str(o.dtype).split(".")[-1] == str(t.dtype).split(".")[-1]
        np.testing.assert_array_equal(o.numpy(), t.numpy())


def test_index_add_dtype_mismatch():
    _same_error(lambda: A.zeros(3).index_add_(0, A.tensor([0]), A.tensor([1])),
                lambda: torch.zeros(3).index_add_(0, torch.tensor([0]), torch.tensor([1])))


def test_setitem_and_clamp_number_overflow():
    cases = [lambda m: m.zeros(3, dtype=m.int8).__setitem__(0, 200),
             lambda m: m.zeros(3, dtype=m.int8).__setitem__(m.tensor([True, False, True]), 200),
             lambda m: m.zeros(3, dtype=m.int8).index_fill_(0, m.tensor([0]), 200),
             lambda m: m.zeros(2, dtype=m.int8).clamp(0, 200),
             lambda m: m.zeros(2, dtype=m.int8).clamp_min(-300),
             lambda m: m.zeros(2, dtype=m.float16).clamp(0, 1e6)]
    for call in cases:
        _same_error(lambda: call(A), lambda: call(torch))
    u = A.zeros(3, dtype=A.uint8)
    u[0], u[1] = -1, 2.7
    assert u.tolist() == [255, 2, 0]
    assert_close(A.zeros(2, dtype=A.uint8).clamp(-1, 5), torch.zeros(2, dtype=torch.uint8).clamp(-1, 5))
