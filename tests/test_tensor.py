"""The Tensor API vs torch: attributes, conversions, creation functions, seeding, and ``repr`` identical to
torch's (with ``torch.`` spelled ``autograd.``) over a broad table of tensors."""
import pickle
import copy

import numpy as np
import pytest

from oracle import torch

import autograd


def _eval(expr, lib):
    try:
        return "ok", eval(expr, {"m": lib, "np": np})
    except Exception as e:  # noqa: BLE001 - compared with torch's
        return type(e).__name__, str(e).replace("torch.", "autograd.")


def _show(v):
    if isinstance(v, (list, tuple)) and not isinstance(v, (autograd.Size, torch.Size)):
        return type(v).__name__ + "(" + ", ".join(_show(x) for x in v) + ")"
    return repr(v).replace("torch.", "autograd.")


def same_repr(expr):
    """``expr`` (with ``m`` = the library) gives equal reprs, or raises the same error, in both libraries."""
    (ko, vo), (kt, vt) = _eval(expr, autograd), _eval(expr, torch)
    assert ko == kt, f"{expr}: ours {ko}: {vo} / torch {kt}: {vt}"
    if ko == "ok":
        assert _show(vo) == _show(vt), f"{expr}:\nours:  {_show(vo)}\ntorch: {_show(vt)}"
    else:
        assert vo == vt, f"{expr}:\nours:  {vo}\ntorch: {vt}"


ATTRIBUTE_EXPRS = [
    "m.zeros(2, 3).shape", "m.zeros(2, 3).size()", "m.zeros(2, 3).size(1)", "m.zeros(2, 3).size(-1)",
    "m.zeros(2, 3).ndim", "m.zeros(2, 3).dim()", "m.zeros(2, 3).numel()", "m.zeros(()).dim()",
    "m.zeros(2, 3).dtype", "m.zeros(2, 3, dtype=m.float64).dtype", "m.tensor([1, 2]).dtype",
    "m.tensor([True]).dtype", "m.zeros(2, 3).requires_grad", "m.zeros(2, 3).is_leaf",
    "m.zeros(2, 3).stride()", "m.zeros(2, 3).t().stride()", "m.zeros(2, 3).t().is_contiguous()",
    "m.zeros(2, 3).is_floating_point()", "m.zeros(2, dtype=m.int32).element_size()",
    "m.zeros(2, 3).shape == (2, 3)", "m.Size([2, 3])", "m.Size([2, 3]).numel()", "m.zeros(2, 3).device",
    "len(m.zeros(4, 2))", "m.zeros(2, 3).size(-3)", "m.zeros(2, 3).type()", "m.tensor([1]).type()",
    "(m.ones(2, requires_grad=True) * 2).grad_fn.name()", "m.ones(2, requires_grad=True).sum().grad_fn.name()",
    "(m.ones(2, requires_grad=True) + 1).grad_fn.name()", "m.ones(2, requires_grad=True).exp().grad_fn.name()",
    "(m.ones(2, requires_grad=True) @ m.ones(2)).grad_fn.name()", "m.ones(2, requires_grad=True).is_leaf",
    "(m.ones(2, requires_grad=True) * 2).is_leaf", "m.zeros(2).nelement()",
]

CONVERSION_EXPRS = [
    "m.tensor(3.5).item()", "m.tensor([7]).item()", "m.tensor([[1, 2]]).item()", "m.tensor(True).item()",
    "m.tensor([1, 2]).tolist()", "m.tensor([[1., 2.]]).tolist()", "m.tensor(2).tolist()",
    "float(m.tensor([2.5]))", "int(m.tensor(3.7))", "float(m.tensor([1., 2.]))", "int(m.tensor([1, 2]))",
    "bool(m.tensor([0.]))", "bool(m.tensor(2))", "bool(m.tensor([1., 2.]))", "bool(m.tensor([]))",
    "len(m.tensor(1.))", "iter(m.tensor(1.))", "list(m.tensor([1, 2]))", "[1, 2, 3][m.tensor(1)]",
    "[1, 2, 3][m.tensor(1.)]", "m.ones(2, requires_grad=True).numpy()", "m.tensor([1.5]).numpy()",
    "m.tensor([1.5, -2.7]).long()", "m.tensor([1.5]).int()", "m.tensor([1, 0]).bool()", "m.tensor([1, 2]).float()",
    "m.tensor([1., 2.]).double()", "m.tensor([1., 2.]).half()", "m.tensor([1, 2]).to(m.float64)",
    "m.tensor([1, 2]).to(dtype=m.float32)", "m.tensor([1., 2.]).to('cpu')", "m.tensor([1., 2.]).type(m.int64)",
    "m.tensor([1., 2.]).type_as(m.tensor([1]))", "m.ones(2, requires_grad=True).detach()",
    "m.ones(2, requires_grad=True).clone()", "(m.ones(2, requires_grad=True) * 2).detach().requires_grad",
    "m.ones(2).requires_grad_()", "m.ones(2, requires_grad=True).to(m.float64)",
    "f'{m.tensor(2.5):.2f}'", "str(m.tensor(1.))", "m.tensor([1, 2]) / 2",
]

CREATION_EXPRS = [
    "m.tensor([1, 2])", "m.tensor([1., 2])", "m.tensor([True, 1])", "m.tensor([1, 2.5])", "m.tensor(3)",
    "m.tensor(3.0)", "m.tensor(False)", "m.tensor([])", "m.tensor([[]])", "m.tensor([[1, 2], [3]])",
    "m.tensor('a')", "m.tensor(np.float64(1.5))", "m.tensor(np.array([1, 2], dtype=np.int32))",
    "m.tensor([np.float32(1.0)])", "m.tensor([1, 2], dtype=m.float64)", "m.tensor([1.7], dtype=m.int64)",
    "m.tensor([np.float64(1.0)])", "m.tensor([np.float64(1), 2.0])", "m.tensor([np.int32(1), 2])",
    "m.tensor([np.int32(1), 2.5])", "m.tensor([np.int16(1), np.int32(2)])", "m.tensor([np.uint8(3), np.int8(1)])",
    "m.tensor([[np.float64(1)], [2.0]])", "m.tensor([m.tensor(1., dtype=m.float64)])",
    "m.tensor([m.tensor(1.), 2.0])", "m.tensor([np.bool_(True)])",
    "m.tensor([[1, 2], [3, 4]], dtype=m.float32)", "m.tensor([m.tensor(1.), m.tensor(2.)])",
    "m.as_tensor([1, 2], dtype=m.float64)", "m.as_tensor(np.arange(3))",
    "m.zeros(2, 3)", "m.zeros((2, 3))", "m.zeros([2])", "m.zeros(2, dtype=m.int32)", "m.zeros(2, dtype=float)",
    "m.zeros(2, dtype=int)", "m.zeros(-1)", "m.ones(2, 2)", "m.ones((1,), dtype=m.bool)", "m.empty(2, 3).shape",
    "m.full((2,), 3)", "m.full((2,), True)", "m.full((2, 2), 1.5)", "m.full((2,), 1.5, dtype=m.int32)",
    "m.zeros_like(m.ones(2, 3))", "m.ones_like(m.tensor([1, 2]))", "m.ones_like(m.tensor([1, 2]), dtype=m.float32)",
    "m.full_like(m.zeros(2), 7)", "m.empty_like(m.zeros(2, dtype=m.int64)).dtype",
    "m.zeros(2, 3).new_zeros(2)", "m.zeros(2, dtype=m.float64).new_ones((1, 2))", "m.zeros(2).new_full((2,), 4)",
    "m.zeros(2).new_tensor([1, 2])",
    "m.arange(5)", "m.arange(1, 4)", "m.arange(0, 1, 0.3)", "m.arange(5, dtype=m.float32)", "m.arange(1, 0)",
    "m.arange(10, 0, -3)", "m.arange(0.0, 1.0, 0.1).shape", "m.arange(-1.0, 1.0, 0.1).shape", "m.arange(0, 5, 0)",
    "m.arange(2.5)", "m.linspace(0, 1, 5)", "m.linspace(-2, 2, 1)", "m.linspace(0, 10, 5, dtype=m.int64)",
    "m.logspace(0, 2, 3)", "m.eye(3)", "m.eye(2, 3)", "m.eye(2, dtype=m.int64)",
    "m.rand(2, 3).shape", "m.randn(4).dtype", "m.rand(2, dtype=m.float64).dtype", "m.randint(0, 5, (3,)).dtype",
    "m.randint(5, (3,)).shape", "m.randint(3, 10, (2, 2)).shape", "m.randperm(5).dtype",
    "m.rand_like(m.zeros(2, 3)).shape", "m.randn_like(m.zeros(2, dtype=m.float64)).dtype",
    "m.zeros(2, requires_grad=True)", "m.ones(2, dtype=m.int64, requires_grad=True)",
]


@pytest.mark.parametrize("expr", ATTRIBUTE_EXPRS + CONVERSION_EXPRS + CREATION_EXPRS)
def test_api_matches_torch(expr):
    same_repr(expr)


def test_from_numpy_shares_memory_and_numpy_round_trip():
    a = np.arange(6.0).reshape(2, 3)
    t = autograd.from_numpy(a)
    a[0, 0] = 42
    assert t[0, 0].item() == 42 and t.dtype == autograd.float64
    t.add_(1)
    assert a[1, 2] == 6.0
    assert np.shares_memory(t.numpy(), a)
    assert autograd.as_tensor(a).numpy() is a or np.shares_memory(autograd.as_tensor(a).numpy(), a)
    c = autograd.tensor(a)
    a[0, 0] = -1
    assert c[0, 0].item() == 43
    with pytest.raises(TypeError):
        autograd.from_numpy(np.array(["a"]))


def test_random_reproducible_with_manual_seed():
    autograd.manual_seed(123)
    a = (autograd.rand(3), autograd.randn(2, 2), autograd.randint(0, 10, (4,)), autograd.randperm(6))
    autograd.manual_seed(123)
    b = (autograd.rand(3), autograd.randn(2, 2), autograd.randint(0, 10, (4,)), autograd.randperm(6))
    for x, y in zip(a, b):
        assert x.tolist() == y.tolist()
    assert autograd.initial_seed() == 123
    g = autograd.Generator().manual_seed(7)
    h = autograd.Generator().manual_seed(7)
    assert autograd.rand(3, generator=g).tolist() == autograd.rand(3, generator=h).tolist()
    state = autograd.get_rng_state()
    x = autograd.randn(3)
    autograd.set_rng_state(state)
    assert autograd.randn(3).tolist() == x.tolist()
    r = autograd.rand(1000)
    assert 0 <= r.min().item() and r.max().item() < 1
    ri = autograd.randint(3, 7, (1000,))
    assert ri.min().item() == 3 and ri.max().item() == 6


def test_detach_shares_storage_clone_does_not():
    x = autograd.ones(3, requires_grad=True)
    d = x.detach()
    d[0] = 5
    assert x[0].item() == 5 and not d.requires_grad
    c = x.clone()
    assert c.requires_grad and c.grad_fn.name() == "CloneBackward0"
    with autograd.no_grad():
        c[1] = 7
    assert x[1].item() == 1


def test_pickle_and_deepcopy():
    x = autograd.tensor([1., 2.], requires_grad=True)
    y = pickle.loads(pickle.dumps(x))
    assert y.tolist() == [1., 2.] and y.requires_grad
    z = copy.deepcopy(x)
    z.data[0] = 9
    assert x[0].item() == 1
    with pytest.raises(RuntimeError, match="graph leaves"):
        copy.deepcopy(x * 2)


# ---- repr -------------------------------------------------------------------------------------------
def _arrays():
    rs = np.random.RandomState(0)
    out = []
    for shape in [(5,), (40,), (3, 30), (2, 3, 4), (1001,), (40, 40), (3, 400), (2, 2, 500), (0, 3), (2, 0, 3),
                  (0,), (1, 1, 1)]:
        for scale in (1.0, 1e-5, 1e5, 1e10):
            out.append((rs.randn(*shape) * scale).astype(np.float32))
        out.append(rs.randint(-1000, 1000, size=shape))
        out.append(rs.randint(-5, 5, size=shape) > 0)
        out.append(rs.randn(*shape))  # float64
    out.append(np.round(rs.randn(20) * 100))  # integral floats
    out.append(np.round(rs.randn(20) * 1e9))  # integral floats, sci mode
    return out


REPR_VALUES = [
    [1.0, 2.0, 3.0], [0.1, 0.25, 1.5], [1e-5, 1.0], [1e8, 1.0], [1e9], [123456.789, 1.0], [0.0], [-0.0, 1.0],
    [float("nan"), 1.0], [float("inf"), -float("inf"), 1.5], [1.0, float("nan")], [[1.5, 2.25], [3.0, 4.0]],
    [1, 2, 3], [-100, 2, 30000], [True, False], 3.5, 7, True, [], [[]], [[1e-10, 1e-3]], [100.0, 200.0],
    [1.0, 1000.0], [1.0, 1001.0], [0.0001, 1.0], [0.00009, 1.0], [12345678.0], [123456789.0], [0.5],
    [[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]], [1e-20], [1e20, 1e-20], [-1.5, 2.0], [float("nan")],
    [float("inf")], [float("nan"), float("inf")], [0.0, 0.0], [1e-4, 1.0], -0.0, float("nan"), 1e-30,
]


@pytest.mark.parametrize("value", REPR_VALUES, ids=[str(v)[:30] for v in REPR_VALUES])
@pytest.mark.parametrize("dtype", [None, "float64", "float16", "int32"])
def test_repr_values_match_torch(value, dtype):
    try:
        t = torch.tensor(value, dtype=getattr(torch, dtype) if dtype else None)
    except (RuntimeError, TypeError, OverflowError):
        pytest.skip("torch cannot build it")
    o = autograd.tensor(value, dtype=getattr(autograd, dtype) if dtype else None)
    if dtype == "float16" or dtype == "int32":
        o = autograd.from_numpy(t.numpy().copy())
    assert repr(o) == repr(t).replace("torch.", "autograd.")
    assert str(o) == str(t).replace("torch.", "autograd.")


@pytest.mark.parametrize("a", _arrays(), ids=lambda a: f"{a.dtype}{list(a.shape)}")
def test_repr_arrays_match_torch(a):
    assert repr(autograd.from_numpy(a.copy())) == repr(torch.from_numpy(a.copy())).replace("torch.", "autograd.")


SUFFIX_EXPRS = [
    "m.tensor([1., 2.], requires_grad=True)", "m.tensor([1., 2.], requires_grad=True) * 2",
    "m.tensor([1., 2.], requires_grad=True).sum()", "m.tensor(2., dtype=m.float64, requires_grad=True)",
    "m.tensor([1., 2.], dtype=m.float64, requires_grad=True).exp()",
    "m.from_numpy(np.random.RandomState(0).randn(5, 17)).requires_grad_() * 1e-7",
    "m.arange(300.).reshape(3, 100)[:, :9] * 3", "m.zeros(0, 3, dtype=m.int64)", "m.zeros(0, 3, dtype=m.float64)",
    "m.zeros(3, 0, requires_grad=True)", "m.tensor([123456.5, 1.25] * 5, dtype=m.float64, requires_grad=True)",
    "m.tensor([[1e-3] * 12] * 2, dtype=m.float16)", "m.arange(1500).reshape(30, 50).to(m.int32)",
]


@pytest.mark.parametrize("expr", SUFFIX_EXPRS)
def test_repr_suffixes_and_wrapping_match_torch(expr):
    same_repr(expr)


def test_set_printoptions_like_torch():
    x = np.asarray([1.123456789, 2000.5, 3.25], np.float32)
    try:
        for kw in ({"precision": 2}, {"sci_mode": True}, {"threshold": 2, "edgeitems": 1}, {"linewidth": 20},
                   {"profile": "short"}, {"profile": "full"}):
            autograd.set_printoptions(**kw)
            torch.set_printoptions(**kw)
            assert repr(autograd.from_numpy(x)) == repr(torch.from_numpy(x))
            assert repr(autograd.arange(2000)) == repr(torch.arange(2000))
    finally:
        autograd.set_printoptions(profile="default")
        torch.set_printoptions(profile="default")
    with autograd.printoptions(precision=1):
        assert repr(autograd.tensor([1.25])) == "tensor([1.2])"
    assert repr(autograd.tensor([1.25])) == "tensor([1.2500])"


@pytest.mark.parametrize("dtype", ["float64", "float16", "float32"])
def test_tensor_from_python_floats_converts_straight_to_the_dtype(dtype):
    """tensor([0.7], dtype=float64) is exactly 0.7 (no float32 intermediate), as torch's."""
    import torch
    data = [[0.7, 1e-9], [2.5, 1 / 3]]
    ours = autograd.tensor(data, dtype=getattr(autograd, dtype))
    theirs = torch.tensor(data, dtype=getattr(torch, dtype))
    assert ours.tolist() == theirs.tolist()
    assert autograd.tensor(0.7, dtype=getattr(autograd, dtype)).item() == torch.tensor(0.7, dtype=getattr(torch, dtype)).item()


def test_numpy_of_a_tensor_requiring_grad_is_allowed_under_no_grad():
    """torch checks requires_grad in numpy() only while grad mode is on (custom Functions' forwards rely on it)."""
    t = autograd.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="Can't call numpy"):
        t.numpy()
    with autograd.no_grad():
        assert t.numpy().tolist() == [1.0, 1.0] and np.asarray(t).tolist() == [1.0, 1.0]
