"""Creation / conversion / shape / view ops where torch's OpInfo database found us differing (area A):
each test holds the library against real torch (the oracle)."""
import numpy as np
import pytest

from tests.oracle import assert_close, torch, to_ours, to_torch

import autograd as A


def _raises_like(ours_fn, torch_fn):
    """Both raise the same exception type; our message starts as torch's first line does."""
    with pytest.raises(Exception) as theirs:
        torch_fn()
    with pytest.raises(type(theirs.value)) as ours:
        ours_fn()
    head = str(theirs.value).splitlines()[0].split("(Could")[0].strip()[:60]
    assert head.replace("torch.", "") in str(ours.value).replace("torch.", "").replace("autograd.", "")


@pytest.mark.parametrize("args", [("cpu", "float64", True, True), ("cpu", "float64", False), ("float64", True, True),
                                  ("float64",), (None, "float64")])
def test_to_positional_overloads(args):
    x = A.randn(2, 3)
    conv = lambda mod, a: getattr(mod, a) if a in ("float64",) else a  # noqa: E731
    ours, theirs = x.to(*[conv(A, a) for a in args]), to_torch(x).to(*[conv(torch, a) for a in args])
    assert_close(ours, theirs)
    assert ours is not x and ours.dtype is A.float64


def test_to_other_tensor_and_copy_flag():
    x = A.randn(2, 3)
    assert x.to(A.zeros(1, dtype=A.float64), False, False).dtype is A.float64
    assert x.to(A.zeros(1), False, False) is x
    y = x.to(A.float32, False, True)
    assert y is not x and np.array_equal(y.numpy(), x.numpy())


@pytest.mark.parametrize("dims", [(0, 0), (-1, 0), (0, -1)])
def test_transpose_zero_dim(dims):
    x = A.tensor(3.0, requires_grad=True)
    y = x.transpose(*dims)
    assert y.shape == () and y.item() == 3.0
    y.backward()
    assert x.grad.item() == 1.0
    assert A.transpose_copy(x, *dims).shape == ()


def test_sum_to_size_empty_target_is_a_full_sum():
    for ours, theirs in ((A.tensor(True), torch.tensor(True)), (A.ones(2, 3, dtype=A.bool), torch.ones(2, 3, dtype=torch.bool))):
        assert_close(ours.sum_to_size([]), theirs.sum_to_size([]))
    assert A.ones(3, dtype=A.bool).sum_to_size(3).dtype is A.bool


def test_real_tensor_complex_views():
    x = A.tensor([1.0, -2.0, float("nan"), 0.0, -0.0], requires_grad=True)
    for name in ("conj", "conj_physical", "resolve_conj", "resolve_neg", "real"):
        assert getattr(A, name)(x) is x
    assert x.conj() is x and x.real is x and x.conj_physical_() is x and not x.is_conj() and not x.is_neg()
    with pytest.raises(RuntimeError, match="imag is not implemented for tensors with non-complex dtypes"):
        A.imag(x)
    with pytest.raises(RuntimeError):
        x.imag


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "bool"])
def test_angle_of_real_numbers(dtype):
    vals = [1, -2, 0, 3] if dtype != "bool" else [True, False]
    if dtype.startswith("float"):
        vals = [1.0, -2.0, float("nan"), 0.0, -0.0, -float("inf")]
    t = torch.tensor(vals, dtype=getattr(torch, dtype))
    assert_close(A.angle(to_ours(t)), torch.angle(t))


def test_angle_gradient_is_zero():
    x = A.tensor([1.0, -2.0, float("nan")], dtype=A.float64, requires_grad=True)
    (x.angle() * 3).sum().backward()
    assert np.array_equal(x.grad.numpy(), np.zeros(3))


@pytest.mark.parametrize("dim", [None, 0, 1, (0, 1), -1])
def test_fft_shifts_are_rolls(dim):
    t = torch.arange(30.0).reshape(5, 6)
    for name in ("fftshift", "ifftshift"):
        assert_close(getattr(A.fft, name)(to_ours(t), dim=dim), getattr(torch.fft, name)(t, dim=dim))
    assert_close(A.fft.ifftshift(A.fft.fftshift(to_ours(t), dim), dim), t)


def test_layout_objects():
    assert isinstance(A.strided, A.layout) and repr(A.strided) == "autograd.strided"
    assert A.ones(2).layout == A.strided and A.strided != A.sparse_coo
    assert A.normal(0.0, 1.0, (2,), layout=A.strided).shape == (2,)


@pytest.mark.parametrize("args", [(0.0, -8.000001, -4.0), (0.1, -7.9, -4.0), (-0.9, 2.1, 2.0), (2.1, -2.9, -1.0),
                                  (3.1,), (1, 10, 2.5)])
@pytest.mark.parametrize("dtype", ["int64", "int32", "uint8", "float32", "float64"])
def test_arange_integer_dtypes_truncate_like_torch(args, dtype):
    assert_close(A.arange(*args, dtype=getattr(A, dtype)), torch.arange(*args, dtype=getattr(torch, dtype)))


def test_arange_errors_and_out_dtype():
    _raises_like(lambda: A.arange(0, float("inf"), 2), lambda: torch.arange(0, float("inf"), 2))
    _raises_like(lambda: A.arange(0, 64, 0.5, out=A.empty(0, dtype=A.int64)),
                 lambda: torch.arange(0, 64, 0.5, out=torch.empty(0, dtype=torch.int64)))
    out = A.empty(0, dtype=A.int32)
    assert A.arange(0, 4, 0.5, out=out) is out and out.shape == (8,)


@pytest.mark.parametrize("name", ["linspace", "logspace"])
def test_space_argument_checks(name):
    ours, theirs = getattr(A, name), getattr(torch, name)
    _raises_like(lambda: ours(0, 3, 1.0), lambda: theirs(0, 3, 1.0))
    _raises_like(lambda: ours(0, 3, -1), lambda: theirs(0, 3, -1))
    _raises_like(lambda: ours(A.ones(2), A.ones(2), 1), lambda: theirs(torch.ones(2), torch.ones(2), 1))
    assert_close(ours(A.tensor(0), A.tensor(2), 3), theirs(torch.tensor(0), torch.tensor(2), 3))


def test_diff_order_zero_ignores_prepend_append():
    x = torch.randn(5, 5)
    args = (0, 0, torch.randn(1, 5), torch.randn(2, 5))
    assert_close(A.diff(to_ours(x), *[to_ours(a) if isinstance(a, torch.Tensor) else a for a in args]),
                 torch.diff(x, *args))


def test_combinations_empty_result_keeps_the_graph():
    x = A.ones(1, dtype=A.float64, requires_grad=True)
    y = A.combinations(x, r=2)
    assert y.shape == (0, 2) and y.requires_grad


def test_directional_split_errors():
    x, t = A.ones(5, 5, 5), torch.ones(5, 5, 5)
    for name in ("hsplit", "vsplit", "dsplit"):
        _raises_like(lambda: getattr(A, name)(x, 0), lambda: getattr(torch, name)(t, 0))
        _raises_like(lambda: getattr(A, name)(x, "abc"), lambda: getattr(torch, name)(t, "abc"))


def test_stacks_of_nothing_and_cat_out_overlap():
    for name in ("hstack", "vstack", "dstack", "column_stack"):
        _raises_like(lambda: getattr(A, name)([]), lambda: getattr(torch, name)([]))
    x, y = A.zeros(0), A.randn(4, 6)
    with pytest.raises(RuntimeError, match="the written-to tensor refer to a single memory location"):
        A.cat((x, y), out=x)
    out = A.empty(0)
    assert A.cat((y, y), out=out) is out and out.shape == (8, 6)


def test_narrow_and_roll_errors():
    x, t = A.ones(10), torch.ones(10)
    _raises_like(lambda: A.narrow(x, 0, A.tensor(True), 1), lambda: torch.narrow(t, 0, torch.tensor(True), 1))
    _raises_like(lambda: A.narrow(x, 0, A.tensor([1]), 1), lambda: torch.narrow(t, 0, torch.tensor([1]), 1))
    assert A.narrow(x, 0, A.tensor(2), 3).shape == (3,)
    _raises_like(lambda: A.narrow_copy(x, 0, 0, -1), lambda: torch.narrow_copy(t, 0, 0, -1))
    _raises_like(lambda: A.narrow_copy(A.ones(2, 3), 2, 0, 0), lambda: torch.narrow_copy(torch.ones(2, 3), 2, 0, 0))
    _raises_like(lambda: A.roll(x, []), lambda: torch.roll(t, []))
    _raises_like(lambda: A.roll(A.tensor(1.0), 0, 0), lambda: torch.roll(torch.tensor(1.0), 0, 0))


def test_empty_permuted_errors():
    for args in (([2], [0, 1]), ([2, 3], [0, 0]), ([2, 3], [0, 2])):
        _raises_like(lambda: A.empty_permuted(*args), lambda: torch.empty_permuted(*args))


def test_normal_parameters_get_zero_gradients():
    m = A.zeros(3, dtype=A.float64, requires_grad=True)
    s = A.ones(2, 3, dtype=A.float64, requires_grad=True)
    y = A.normal(m, s)
    assert y.requires_grad and y.grad_fn.name() == "NormalBackward3"
    y.sum().backward()
    assert m.grad.shape == (3,) and s.grad.shape == (2, 3) and not m.grad.numpy().any() and not s.grad.numpy().any()
    assert A.normal(0.0, 1.0, (2,), requires_grad=True, device="cpu").requires_grad


def test_as_strided_offsets_count_from_the_storage_start():
    base = A.arange(20.0)
    view = base[5:15]
    t = torch.arange(20.0)[5:15]
    for off in (None, 0, 3):
        kw = {} if off is None else {"storage_offset": off}
        assert_close(view.as_strided((2, 2), (1, 2), **kw), t.as_strided((2, 2), (1, 2), **kw))
