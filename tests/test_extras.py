"""autograd/_extras.py (constants, function spellings, h/v/dsplit, cov/corrcoef, unravel_index, range,
scalar_tensor, asarray, Tensor query methods), autograd/testing.py and inference-mode state, against torch."""
import numpy as np
import pytest

from oracle import assert_close, to_ours, to_torch, torch

import autograd


def test_constants_and_comparison_spellings():
    assert (autograd.pi, autograd.e, autograd.inf) == (torch.pi, torch.e, torch.inf)
    assert autograd.newaxis is None and autograd.nan != autograd.nan
    a, b = autograd.tensor([1.0, 2.0, 3.0]), autograd.tensor([2.0, 2.0, 2.0])
    for name in ("greater", "greater_equal", "less", "less_equal", "not_equal"):
        assert_close(getattr(autograd, name)(a, b), getattr(torch, name)(to_torch(a), to_torch(b)))
    assert_close(autograd.fix(autograd.tensor([-1.5, 1.5])), torch.tensor([-1.0, 1.0]))


def test_toplevel_inplace_spellings_modify_input():
    x = autograd.tensor([-1.0, 2.0])
    assert autograd.relu_(x) is x and x.tolist() == [0.0, 2.0]
    assert autograd.clamp_(x, max=1.0).tolist() == [0.0, 1.0]
    assert autograd.zero_(x).tolist() == [0.0, 0.0]


@pytest.mark.parametrize("name,shape,arg", [("hsplit", (2, 6), 3), ("hsplit", (6,), [1, 4]), ("vsplit", (6, 2), [2]),
                                            ("dsplit", (1, 2, 4), 2), ("hsplit", (2, 6, 3), (2, 5))])
def test_directional_splits(name, shape, arg):
    x = autograd.arange(int(np.prod(shape))).view(*shape)
    ours, theirs = getattr(autograd, name)(x, arg), getattr(torch, name)(to_torch(x), arg)
    assert len(ours) == len(theirs)
    for o, t in zip(ours, theirs):
        assert_close(o, t)
    assert len(getattr(x, name)(arg)) == len(theirs)


@pytest.mark.parametrize("name,shape,arg", [("hsplit", (4, 4), 3), ("vsplit", (4,), 2), ("dsplit", (2, 2), 2),
                                            ("hsplit", (), 1)])
def test_directional_split_errors(name, shape, arg):
    with pytest.raises(RuntimeError):
        getattr(torch, name)(torch.ones(shape), arg)
    with pytest.raises(RuntimeError):
        getattr(autograd, name)(autograd.ones(shape), arg)


@pytest.mark.parametrize("kw", [{}, {"correction": 0}, {"correction": 2}, {"fweights": [1, 2, 1, 3]},
                                {"aweights": [0.5, 1.0, 1.0, 0.2]},
                                {"fweights": [1, 2, 1, 3], "aweights": [0.5, 1.0, 1.0, 0.2], "correction": 0}])
def test_cov_matches_torch_with_grad(kw):
    rng = np.random.default_rng(0)
    x = autograd.tensor(rng.standard_normal((3, 4)).astype(np.float32), requires_grad=True)
    tx = to_torch(x)
    okw = {k: (autograd.tensor(v) if isinstance(v, list) else v) for k, v in kw.items()}
    tkw = {k: (torch.tensor(v) if isinstance(v, list) else v) for k, v in kw.items()}
    ours, theirs = autograd.cov(x, **okw), torch.cov(tx, **tkw)
    assert_close(ours, theirs, rtol=1e-5, atol=1e-6)
    (ours * ours).sum().backward()
    (theirs * theirs).sum().backward()
    assert_close(x.grad, tx.grad, rtol=1e-4, atol=1e-5)


def test_cov_corrcoef_shapes_and_dtypes():
    ints = autograd.tensor([[1, 2, 4], [2, 1, 0]])
    assert_close(autograd.cov(ints), torch.cov(to_torch(ints)))
    v = autograd.tensor([1.0, 2.0, 4.0])
    assert_close(autograd.cov(v), torch.cov(to_torch(v)))
    assert_close(autograd.corrcoef(v), torch.corrcoef(to_torch(v)))
    m = autograd.tensor([[1.0, 2.0, 4.0, 0.5], [2.0, 1.0, 0.5, 3.0], [0.0, 1.0, 1.0, 2.0]])
    assert_close(m.corrcoef(), torch.corrcoef(to_torch(m)))
    assert_close(m.cov(correction=0), to_torch(m).cov(correction=0))


@pytest.mark.parametrize("idx,shape", [([[0, 7], [11, -1]], (3, 4)), (3, (4,)), ([5, 1, 6], (2, 1, 3)),
                                       (13, (3, 4))])
def test_unravel_index(idx, shape):
    ours = autograd.unravel_index(autograd.tensor(idx), shape)
    theirs = torch.unravel_index(torch.tensor(idx), shape)
    assert len(ours) == len(theirs)
    for o, t in zip(ours, theirs):
        assert_close(o, t)
    with pytest.raises(TypeError):
        autograd.unravel_index(autograd.tensor(1.0), shape)


@pytest.mark.parametrize("args,kw", [((0, 4), {}), ((1, 2, 0.5), {}), ((5, 1, -1), {}),
                                     ((0, 1, 0.3), {}), ((0, 3), {"dtype": "int64"})])
@pytest.mark.filterwarnings("ignore:torch.range is deprecated")
def test_range_includes_end(args, kw):
    okw = {k: getattr(autograd, v) for k, v in kw.items()}
    tkw = {k: getattr(torch, v) for k, v in kw.items()}
    assert_close(autograd.range(*args, **okw), torch.range(*args, **tkw))
    with pytest.warns(UserWarning, match="deprecated"):
        autograd.range(0, 1)


def test_scalar_tensor_and_asarray():
    assert_close(autograd.scalar_tensor(3), torch.scalar_tensor(3))
    assert_close(autograd.scalar_tensor(2, dtype=autograd.int64), torch.scalar_tensor(2, dtype=torch.int64))
    a = np.ones(3, dtype=np.float32)
    t = autograd.asarray(a)
    t += 1
    assert a.tolist() == [2.0, 2.0, 2.0]
    autograd.asarray(a, copy=True).add_(1)
    assert a.tolist() == [2.0, 2.0, 2.0]
    assert autograd.asarray([1, 2]).dtype is autograd.int64
    assert autograd.asarray([1.0], requires_grad=True).requires_grad


def test_tensor_query_methods():
    x = autograd.ones(2, 3)
    assert x.is_cpu and not x.is_inference() and x.is_same_size(autograd.zeros(2, 3))
    assert not x.is_same_size(x.t())
    for dt in ("float32", "int64", "uint8", "bool", "int8"):
        assert autograd.ones(1, dtype=getattr(autograd, dt)).is_signed() == \
            torch.ones(1, dtype=getattr(torch, dt)).is_signed()
    assert autograd.tensor([0.0, 1.0, 0.0]).multinomial(2, replacement=True).tolist() == [1, 1]
    assert autograd.ones(3).bernoulli().tolist() == [1.0, 1.0, 1.0]
    a, b = autograd.tensor([1.0, 2.0]), autograd.tensor([2.0, 4.0])
    assert_close(a.dist(b), torch.dist(to_torch(a), to_torch(b)))
    assert_close(a.dist(b, p=1), torch.dist(to_torch(a), to_torch(b), p=1))


def test_inference_mode_flag():
    assert not autograd.is_inference_mode_enabled()
    with autograd.inference_mode():
        assert autograd.is_inference_mode_enabled() and not autograd.is_grad_enabled()
        with autograd.inference_mode(False):
            assert not autograd.is_inference_mode_enabled()
        assert autograd.is_inference_mode_enabled()
    assert not autograd.is_inference_mode_enabled() and autograd.is_grad_enabled()

    @autograd.inference_mode()
    def f():
        return autograd.is_inference_mode_enabled()
    assert f() and not autograd.is_inference_mode_enabled()


def _outcome(fn, *args, **kw):
    try:
        fn(*args, **kw)
        return "ok"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, str(e).replace("torch.", "autograd.")


@pytest.mark.parametrize("case", [
    lambda m: ((m.tensor([1.0, 2.0]), m.tensor([1.0, 2.1])), {}),
    lambda m: ((m.tensor([1.0, 2.0]), m.tensor([1.0 + 1e-6, 2.0])), {}),
    lambda m: ((1.0, 1.1), {}),
    lambda m: ((1, 1.0), {}),
    lambda m: ((m.ones(2), m.ones(3)), {}),
    lambda m: ((m.ones(2), m.ones(2, dtype=m.float64)), {}),
    lambda m: ((m.ones(2), m.ones(2, dtype=m.float64)), {"check_dtype": False}),
    lambda m: (([m.ones(1), 2], [m.ones(1), 3]), {}),
    lambda m: (({"a": m.ones(1)}, {"a": m.zeros(1)}), {}),
    lambda m: ((m.tensor([float("nan")]), m.tensor([float("nan")])), {}),
    lambda m: ((m.tensor([float("nan")]), m.tensor([float("nan")])), {"equal_nan": True}),
    lambda m: ((m.ones(1), m.ones(1)), {"rtol": 1e-3}),
    lambda m: ((m.tensor([1, 2]), m.tensor([1, 3])), {}),
    lambda m: ((m.ones(2, 2), m.ones(2, 2) * 1.5), {"msg": "custom"}),
    lambda m: ((m.tensor([[1.0, 5.0], [3.0, 4.0]]), m.tensor([[1.0, 2.0], [3.0, 4.5]])), {}),
    lambda m: ((m.tensor([1.0]), m.tensor([1.05])), {"rtol": 0.1, "atol": 0.0}),
])
def test_testing_assert_close_matches_torch(case):
    (a, b), kw = case(autograd)
    (ta, tb), tkw = case(torch)
    assert _outcome(autograd.testing.assert_close, a, b, **kw) == _outcome(torch.testing.assert_close, ta, tb, **tkw)


def test_testing_assert_close_type_error():
    with pytest.raises(TypeError):
        autograd.testing.assert_close(autograd.tensor(1.0), 1.0)
    autograd.testing.assert_close(to_ours(torch.ones(2, requires_grad=True)), autograd.ones(2))


def test_legacy_new_resize_typename():
    x, tx = autograd.tensor([1.5, 2.5]), torch.tensor([1.5, 2.5])
    for args in [(2, 3), (), (autograd.Size([2]),)]:
        targs = tuple(torch.Size(a) if isinstance(a, autograd.Size) else a for a in args)
        o, t = x.new(*args), tx.new(*targs)
        assert tuple(o.shape) == tuple(t.shape) and o.dtype is autograd.float32
    assert_close(x.new([1, 2]), tx.new([1, 2]))
    assert_close(x.new((1, 2)), tx.new((1, 2)))
    assert_close(autograd.tensor([1]).new([3.7]), torch.tensor([1]).new([3.7]))
    y, ty = autograd.arange(6.0), torch.arange(6.0)
    for shape in [(2, 3), (2, 2), (4,)]:
        y.resize_(*shape)
        ty.resize_(*shape)
        if shape != (4,):  # growing leaves torch's new elements uninitialised
            assert_close(y, ty)
    z = autograd.arange(4).resize_as_(autograd.ones(2, 2))
    assert_close(z, torch.arange(4).resize_as_(torch.ones(2, 2)))
    with pytest.raises(RuntimeError, match="cannot resize variables that require grad"):
        autograd.ones(2, requires_grad=True).resize_(1)
    assert autograd.typename(x) == "autograd.FloatTensor" and autograd.typename(3) == "int"


def test_seed_boilerplate_switches():
    autograd.use_deterministic_algorithms(True, warn_only=True)
    assert autograd.are_deterministic_algorithms_enabled() and autograd.is_deterministic_algorithms_warn_only_enabled()
    autograd.use_deterministic_algorithms(False)
    assert not autograd.are_deterministic_algorithms_enabled()
    n = autograd.get_num_threads()
    autograd.set_num_threads(1)
    assert autograd.get_num_threads() == 1
    autograd.set_num_threads(n)
    for bad in (0, 2.0):
        with pytest.raises(RuntimeError) as theirs:
            torch.set_num_threads(bad)
        with pytest.raises(RuntimeError) as ours:
            autograd.set_num_threads(bad)
        assert str(ours.value) == str(theirs.value)
    autograd.set_float32_matmul_precision("high")
    assert autograd.get_float32_matmul_precision() == "high"
    with pytest.warns(UserWarning):
        autograd.set_float32_matmul_precision("bad")
    autograd.set_float32_matmul_precision("highest")
    assert str(autograd.get_default_device()) == "cpu"
    autograd.set_default_device("cpu")


def test_set_default_tensor_type():
    try:
        with pytest.warns(UserWarning, match="deprecated"):
            autograd.set_default_tensor_type(autograd.DoubleTensor)
        assert autograd.get_default_dtype() is autograd.float64 and autograd.tensor([1.0]).dtype is autograd.float64
        with pytest.warns(UserWarning):
            autograd.set_default_tensor_type("autograd.FloatTensor")
        assert autograd.get_default_dtype() is autograd.float32
        with pytest.warns(UserWarning), pytest.raises(TypeError, match="only floating-point"):
            autograd.set_default_tensor_type(autograd.LongTensor)
    finally:
        autograd.set_default_dtype(autograd.float32)


def test_class_reprs_name_the_package_and_still_pickle():
    import pickle
    for ours, theirs in [(autograd.Tensor, torch.Tensor), (autograd.Size, torch.Size), (autograd.device, torch.device),
                         (type(autograd.float32), type(torch.float32))]:
        assert repr(ours) == repr(theirs).replace("torch", "autograd")
    t = pickle.loads(pickle.dumps(autograd.tensor([1.0, 2.0], requires_grad=True)))
    assert t.tolist() == [1.0, 2.0] and t.requires_grad and type(t) is autograd.Tensor
    assert pickle.loads(pickle.dumps(autograd.Size([2, 3]))) == (2, 3)
    assert autograd.typename(autograd.Tensor) == "autograd.Tensor"
