"""Indexing with gradients vs torch: t[key] for every key kind, t[key] = v, gather/scatter family,
index_select/add/copy/fill/put, masked_fill/select, take(_along_dim), and IndexErrors."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from core_oracle import both, raises_like
from oracle import torch  # noqa: F401  (skips the module without the oracle)

import autograd

R = np.random.RandomState(0)


def arr(*shape):
    return np.asarray(R.randn(*shape)).astype(np.float32)


def idx(m, data):
    return m.tensor(data)


GETITEM_CASES = [
    ("int", lambda m, x: x[1]),
    ("neg_int", lambda m, x: x[-1, -2]),
    ("all_ints", lambda m, x: x[1, 2, 3]),
    ("slice", lambda m, x: x[0:2]),
    ("slice_step", lambda m, x: x[::2, 1::2]),
    ("slice_full", lambda m, x: x[:]),
    ("slice_clip", lambda m, x: x[1:100, -100:2]),
    ("slice_empty", lambda m, x: x[2:1]),
    ("ellipsis", lambda m, x: x[..., 0]),
    ("ellipsis_mid", lambda m, x: x[0, ..., 1:]),
    ("ellipsis_only", lambda m, x: x[...]),
    ("full_slices", lambda m, x: x[:, :, :]),
    ("none", lambda m, x: x[None]),
    ("none_mid", lambda m, x: x[:, None, 1]),
    ("none_end", lambda m, x: x[0, ..., None]),
    ("int_then_none", lambda m, x: x[0, None]),
    ("zero_dim_int_tensor", lambda m, x: x[idx(m, 1)]),
    ("list", lambda m, x: x[[0, 0, 2]]),
    ("tensor_repeat", lambda m, x: x[idx(m, [2, 0, 2, 2])]),
    ("tensor_2d", lambda m, x: x[idx(m, [[0, 1], [2, 2]])]),
    ("tensor_dim1", lambda m, x: x[:, idx(m, [3, 3, 0])]),
    ("two_tensors", lambda m, x: x[idx(m, [0, 2]), idx(m, [1, 1])]),
    ("tensors_broadcast", lambda m, x: x[idx(m, [[0], [2]]), idx(m, [1, 3, 3])]),
    ("separated_tensors", lambda m, x: x[idx(m, [0, 1]), :, idx(m, [1, 1])]),
    ("slice_and_tensor", lambda m, x: x[1:, idx(m, [0, 0])]),
    ("neg_tensor", lambda m, x: x[idx(m, [-1, 0])]),
    ("int32_tensor", lambda m, x: x[idx(m, [1, 0]).int()]),
    ("bool_mask", lambda m, x: x[x > 0]),
    ("bool_mask_dim0", lambda m, x: x[idx(m, [True, False, True])]),
    ("bool_mask_2d", lambda m, x: x[x[..., 0] > 0]),
    ("bool_mask_after_slice", lambda m, x: x[:, idx(m, [False, True, True, False])]),
    ("bool_list", lambda m, x: x[[True, False, True]]),
    ("python_true", lambda m, x: x[True]),
    ("python_false", lambda m, x: x[False]),
    ("empty_list", lambda m, x: x[idx(m, []).long()]),
    ("ellipsis_tensor", lambda m, x: x[..., idx(m, [0, 4, 4])]),
]


@pytest.mark.parametrize("fn", [c[1] for c in GETITEM_CASES], ids=[c[0] for c in GETITEM_CASES])
def test_getitem_matches_torch(fn):
    both(fn, arr(3, 4, 5))


def test_getitem_basic_is_view_advanced_is_copy():
    x = autograd.arange(24.).reshape(2, 3, 4).clone()
    for v in (x[1], x[:, 1:], x[..., 2], x[None, 0], x[1, 2, 3], x[autograd.tensor(1)]):
        assert v._base is x and np.shares_memory(v.numpy(), x.numpy())
    for c in (x[[0, 1]], x[x > 3], x[:, autograd.tensor([0, 2])]):
        assert c._base is None and not np.shares_memory(c.numpy(), x.numpy())


def test_repeated_indices_accumulate():
    x = autograd.tensor([1., 2., 3.], requires_grad=True)
    x[[0, 0, 2, 0]].sum().backward()
    assert x.grad.tolist() == [3., 0., 1.]


def test_iteration_and_getitem_double_backward():
    x = autograd.tensor(R.randn(3, 2), requires_grad=True)
    assert autograd.gradgradcheck(lambda a: a[[0, 0, 2]] ** 2, (x,))
    assert autograd.gradgradcheck(lambda a: a[1:, None, 0] ** 2, (x,))
    assert autograd.gradgradcheck(lambda a: a[a > 0] ** 2, (x,))
    assert sum(r.sum() for r in x).item() == pytest.approx(float(x.sum()), rel=1e-6)


INDEX_ERRORS = [
    ("int_range", lambda m, x: x[5]),
    ("int_range_dim1", lambda m, x: x[:, 7]),
    ("neg_range", lambda m, x: x[-4]),
    ("tensor_range", lambda m, x: x[m.tensor([0, 4])]),
    ("tensor_neg_range", lambda m, x: x[:, [0, -9]]),
    ("too_many", lambda m, x: x[1, 2, 3, 4]),
    ("mask_shape", lambda m, x: x[m.tensor([True, False])]),
    ("mask_2d_shape", lambda m, x: x[m.tensor([[True, False, True]])]),
    ("float_index", lambda m, x: x[0.5]),
    ("float_tensor", lambda m, x: x[m.tensor([0.])]),
    ("neg_step", lambda m, x: x[::-1]),
]


@pytest.mark.parametrize("fn", [c[1] for c in INDEX_ERRORS], ids=[c[0] for c in INDEX_ERRORS])
def test_index_errors_match_torch(fn):
    raises_like(fn, arr(3, 4, 5))


def test_index_error_names_dimension_index_and_size():
    x = autograd.zeros(2, 3)
    with pytest.raises(IndexError, match="index 3 is out of bounds for dimension 1 with size 3"):
        x[0, 3]
    with pytest.raises(IndexError, match="index 9 is out of bounds for dimension 0 with size 2"):
        x[autograd.tensor([1, 9])]
    with pytest.raises(IndexError, match="index 5 is out of bounds for dimension 1 with size 3"):
        x[0, 5] = 1.0


# ---- t[key] = v --------------------------------------------------------------------------------
def _setitem(key, value_shape=None, scalar=None):
    def fn(m, x, v=None):
        y = x * 1
        y[key(m)] = scalar if v is None else v
        return y
    return fn


SETITEM_CASES = [
    ("int_scalar", lambda m: 1, None, 5.0),
    ("slice_tensor", lambda m: slice(0, 2), (2, 4), None),
    ("slice_broadcast", lambda m: (slice(None), 1), (1,), None),
    ("leading_ones", lambda m: slice(0, 2), (1, 2, 4), None),
    ("step", lambda m: (slice(None, None, 2), slice(1, None, 2)), (2, 2), None),
    ("ellipsis", lambda m: (Ellipsis, 0), (3,), None),
    ("element", lambda m: (2, 3), (), None),
    ("index_tensor", lambda m: m.tensor([0, 2]), (2, 4), None),
    ("index_tensor_bcast", lambda m: m.tensor([2, 0]), (4,), None),
    ("index_pairs", lambda m: (m.tensor([0, 1]), m.tensor([3, 3])), (2,), None),
    ("bool_mask_scalar", lambda m: m.tensor([[True, False, False, True]] * 3), None, -1.0),
    ("bool_mask_rows", lambda m: m.tensor([True, False, True]), (4,), None),
]


@pytest.mark.parametrize("key,vshape,scalar", [c[1:] for c in SETITEM_CASES], ids=[c[0] for c in SETITEM_CASES])
def test_setitem_gradients_to_target_and_value(key, vshape, scalar):
    args = (arr(3, 4),) if vshape is None else (arr(3, 4), arr(*vshape))
    both(_setitem(key, scalar=scalar), *args, names=False)


def test_setitem_grad_fn_names():
    for key, name in ((1, "autograd::autograd::CopySlices"), (autograd.tensor([0]), "IndexPutBackward0")):
        y = autograd.ones(3, 2, requires_grad=True) * 1
        y[key] = autograd.ones(2, requires_grad=True)
        assert y.grad_fn.name() == name


def test_setitem_into_tensor_without_grad_builds_history():
    w = autograd.tensor([1., 2.], requires_grad=True)
    z = autograd.zeros(2, 3)
    z[:, 1] = w * 3
    z[0, 2] = w[0]
    assert not z.is_leaf and z.grad_fn.name() == "autograd::autograd::CopySlices"
    (z * autograd.arange(6.).reshape(2, 3)).sum().backward()
    assert w.grad.tolist() == [3. * 1 + 2., 3. * 4]


def test_setitem_dtype_cast_and_list_value():
    x = autograd.zeros(3, dtype=autograd.int64)
    x[0] = 2.7
    x[1:] = [5, 6]
    assert x.tolist() == [2, 5, 6]
    f = autograd.zeros(2)
    f[0] = autograd.tensor(3, dtype=autograd.int64)
    assert f.tolist() == [3., 0.]


def test_setitem_shape_mismatch_leaves_tensor_unchanged():
    x = autograd.arange(6.).reshape(2, 3).clone()
    before = x.tolist(), x._version
    with pytest.raises(RuntimeError):
        x[0] = autograd.ones(4)
    with pytest.raises(RuntimeError):
        x[[0, 1]] = autograd.ones(2, 2)
    assert (x.tolist(), x._version) == before


# ---- gather / scatter / index_* / masked_* ---------------------------------------------------------
FUNC_CASES = [
    ("gather1", lambda m, x: x.gather(1, m.tensor([[0, 0], [1, 3], [2, 2]]))),
    ("gather0", lambda m, x: m.gather(x, 0, m.tensor([[0, 2, 1, 1]]))),
    ("gather_neg_dim", lambda m, x: x.gather(-1, m.tensor([[3], [0], [1]]))),
    ("scatter_src", lambda m, x: x.scatter(1, m.tensor([[0], [1], [3]]), x[:, :1] * 5)),
    ("scatter_value", lambda m, x: x.scatter(0, m.tensor([[2, 0, 1, 0]]), 7.0)),
    ("scatter_kw_value", lambda m, x: m.scatter(x, 1, m.tensor([[1], [2], [0]]), value=-1.0)),
    ("scatter_add", lambda m, x: x.scatter_add(0, m.tensor([[0, 0, 1, 0], [0, 2, 0, 0]]), x[:2] * 3)),
    ("scatter_add_fn", lambda m, x: m.scatter_add(x, 1, m.tensor([[0, 0], [3, 3], [1, 0]]), x[:, 1:3])),
    ("index_select", lambda m, x: x.index_select(1, m.tensor([3, 0, 3]))),
    ("index_select_fn", lambda m, x: m.index_select(x, 0, m.tensor([2]))),
    ("masked_fill", lambda m, x: x.masked_fill(x > 0, 2.0)),
    ("masked_fill_bcast", lambda m, x: x.masked_fill(m.tensor([True, False, False, True]), 0.5)),
    ("masked_fill_bigger_mask", lambda m, x: m.masked_fill(x, m.ones(2, 3, 4).bool(), 1.)),
    ("masked_select", lambda m, x: x.masked_select(x > 0.1)),
    ("masked_select_bcast", lambda m, x: m.masked_select(x, m.tensor([True, False, True, True]))),
    ("index_add", lambda m, x: x.index_add(0, m.tensor([0, 0]), x[1:] * 2)),
    ("index_add_alpha", lambda m, x: x.index_add(1, m.tensor([3, 1]), x[:, :2], alpha=-2.0)),
    ("index_copy", lambda m, x: x.index_copy(0, m.tensor([2, 0]), x[:2] * 3)),
    ("index_fill", lambda m, x: x.index_fill(1, m.tensor([0, 2]), -1.0)),
    ("index_put", lambda m, x: x.index_put((m.tensor([0, 2]),), x[1] * 2)),
    ("index_put_acc", lambda m, x: x.index_put((m.tensor([0, 0]), m.tensor([1, 1])), m.tensor([5.0, 6.0]),
                                              accumulate=True)),
    ("take_along_dim", lambda m, x: m.take_along_dim(x, m.tensor([[0], [1], [2]]), 1)),
    ("take_along_dim_bcast", lambda m, x: m.take_along_dim(x, m.tensor([[0, 2, 2, 1]]), 0)),
    ("take_along_dim_flat", lambda m, x: m.take_along_dim(x, m.tensor([0, 11, 5]))),
    ("take", lambda m, x: m.take(x, m.tensor([[0, 5], [5, 11]]))),
]


@pytest.mark.parametrize("fn", [c[1] for c in FUNC_CASES], ids=[c[0] for c in FUNC_CASES])
def test_index_functions_match_torch(fn):
    both(fn, arr(3, 4))


def test_scatter_src_larger_than_index():
    both(lambda m, x, s: m.scatter(x, 0, m.tensor([[2, 0]]), s), arr(3, 4), arr(3, 4), grad=False)
    x, s = autograd.zeros(3, 4, requires_grad=True), autograd.ones(2, 3, requires_grad=True)
    x.scatter(0, autograd.tensor([[2, 0]]), s * 2).sum().backward()  # torch cannot: src grad is padded
    assert s.grad.tolist() == [[2., 2., 0.], [0., 0., 0.]]
    assert x.grad.tolist() == [[1., 0., 1., 1.], [1., 1., 1., 1.], [0., 1., 1., 1.]]


def test_masked_fill_with_tensor_value_gradient():
    both(lambda m, x, v: x.masked_fill(x > 0, v.sum()), arr(3, 4), arr(2))


def test_scatter_gather_double_backward():
    x = autograd.tensor(R.randn(3, 4), requires_grad=True)
    i = autograd.tensor([[0, 0], [1, 3], [2, 2]])
    assert autograd.gradgradcheck(lambda a: a.gather(1, i) ** 2, (x,))
    assert autograd.gradgradcheck(lambda a: a.scatter_add(1, i, a[:, :2] ** 2), (x,))
    assert autograd.gradgradcheck(lambda a: a.index_add(0, autograd.tensor([1, 1]), a[:2] ** 2) ** 2, (x,))
    assert autograd.gradgradcheck(lambda a: a.masked_fill(a > 0, 1.0) ** 2, (x,))


FUNC_ERRORS = [
    ("gather_ndim", lambda m, x: x.gather(0, m.tensor([0]))),
    ("gather_range", lambda m, x: x.gather(0, m.tensor([[5]]))),
    ("gather_dtype", lambda m, x: x.gather(0, m.tensor([[0]]).short())),
    ("gather_size", lambda m, x: x.gather(0, m.zeros(4, 5).long())),
    ("masked_fill_int_mask", lambda m, x: x.masked_fill(m.tensor([1, 0, 1, 1]), 1.)),
    ("masked_fill_shape", lambda m, x: x.masked_fill(m.tensor([True, False]), 1.)),
    ("masked_fill_value_dim", lambda m, x: x.masked_fill(x > 0, m.tensor([1., 2.]))),
    ("index_select_2d", lambda m, x: x.index_select(0, m.tensor([[0]]))),
    ("index_select_range", lambda m, x: x.index_select(0, m.tensor([5]))),
    ("scatter_range", lambda m, x: x.scatter(0, m.tensor([[5]]), 1.0)),
    ("masked_select_shape", lambda m, x: x.masked_select(m.tensor([True, False]))),
    ("index_add_count", lambda m, x: x.index_add(0, m.tensor([0]), m.ones(2, 4))),
]


@pytest.mark.parametrize("fn", [c[1] for c in FUNC_ERRORS], ids=[c[0] for c in FUNC_ERRORS])
def test_index_function_errors_match_torch(fn):
    raises_like(fn, arr(3, 4))


def test_nonzero_argwhere():
    both(lambda m, x: (m.nonzero(x > 0), m.argwhere(x > 0), *(x > 0).nonzero(as_tuple=True)), arr(3, 4), grad=False)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-3, 2), min_size=1, max_size=6), st.integers(0, 1))
def test_random_integer_indices(indices, dim):
    x = arr(3, 3)
    key = (indices,) if dim == 0 else (slice(None), indices)
    both(lambda m, a: a[key] * 2, x, names=False)
