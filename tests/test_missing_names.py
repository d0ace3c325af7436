"""Names PyTorch has that were missing (autograd/_torch_aliases.py, _ldl.py, nn lazy norms, fractional 3-d pool,
optim.Adafactor, data.DistributedSampler), held against torch."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from oracle import assert_close, to_ours, to_torch, torch

import autograd
import nn
import optim
from autograd.data import DistributedSampler, TensorDataset


@pytest.mark.parametrize("name", ["hann_window", "hamming_window", "bartlett_window", "blackman_window",
                                  "kaiser_window"])
@pytest.mark.parametrize("n", [0, 1, 2, 5, 8, 33])
@pytest.mark.parametrize("periodic", [True, False])
def test_windows(name, n, periodic):
    for dt in ("float32", "float64"):
        ours = getattr(autograd, name)(n, periodic, dtype=getattr(autograd, dt))
        theirs = getattr(torch, name)(n, periodic, dtype=getattr(torch, dt))
        assert_close(ours, theirs, rtol=1e-5, atol=1e-6)


def test_window_extra_parameters():
    assert_close(autograd.hamming_window(7, False, 0.6, 0.3), torch.hamming_window(7, False, 0.6, 0.3))
    assert_close(autograd.kaiser_window(9, True, 3.5), torch.kaiser_window(9, True, 3.5))
    with pytest.raises(RuntimeError, match="non-negative"):
        autograd.bartlett_window(-2)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(-50, 50), min_size=1, max_size=6), st.lists(st.integers(-50, 50), min_size=1,
                                                                          max_size=6))
def test_gcd_lcm(a, b):
    n = min(len(a), len(b))
    ta, tb = autograd.tensor(a[:n]), autograd.tensor(b[:n])
    for name in ("gcd", "lcm"):
        assert_close(getattr(autograd, name)(ta, tb), getattr(torch, name)(torch.tensor(a[:n]), torch.tensor(b[:n])))
    c = ta.clone()
    c.gcd_(tb)
    assert c.tolist() == torch.gcd(torch.tensor(a[:n]), torch.tensor(b[:n])).tolist()


def test_gcd_rejects_floats():
    with pytest.raises(NotImplementedError, match="gcd_cpu"):
        autograd.gcd(autograd.ones(2), autograd.ones(2))


_SCATTERS = [
    ("diagonal_scatter", (3, 4), (3,), (1,)),
    ("diagonal_scatter", (3, 4), (2,), (-1,)),
    ("select_scatter", (3, 4), (4,), (0, 2)),
    ("select_scatter", (2, 3, 4), (2, 4), (1, -1)),
    ("slice_scatter", (5, 3), (2, 3), (0, 1, 5, 2)),
    ("slice_scatter", (4, 6), (4, 2), (1, None, 2)),
    ("as_strided_scatter", (3, 3), (2, 2), ((2, 2), (3, 1), 1)),
]


@pytest.mark.parametrize("name,shape,src_shape,args", _SCATTERS)
def test_view_scatters_values_and_grads(name, shape, src_shape, args):
    rng = np.random.default_rng(0)
    a, s = rng.standard_normal(shape), rng.standard_normal(src_shape)
    w = rng.standard_normal(shape)
    oa, os_ = autograd.tensor(a, requires_grad=True), autograd.tensor(s, requires_grad=True)
    ta, ts = torch.tensor(a, requires_grad=True), torch.tensor(s, requires_grad=True)
    ours, theirs = getattr(autograd, name)(oa, os_, *args), getattr(torch, name)(ta, ts, *args)
    assert_close(ours, theirs)
    assert ours.grad_fn.name() == theirs.grad_fn.name()
    (ours * autograd.tensor(w)).sum().backward()
    (theirs * torch.tensor(w)).sum().backward()
    if name != "as_strided_scatter":  # torch 2.13's input gradient is wrong (its own gradcheck fails): the
        assert_close(oa.grad, ta.grad)  # gradcheck below holds ours to the true Jacobian
    assert_close(os_.grad, ts.grad)
    assert autograd.gradcheck(lambda x, y: getattr(autograd, name)(x, y, *args), (oa, os_))
    assert autograd.gradgradcheck(lambda x, y: getattr(autograd, name)(x, y, *args) ** 2, (oa, os_))


def test_split_aliases_and_empty_strided():
    x = autograd.arange(10).view(5, 2)
    assert [t.tolist() for t in autograd.split_with_sizes(x, [2, 3])] == [[[0, 1], [2, 3]], [[4, 5], [6, 7], [8, 9]]]
    with pytest.raises(RuntimeError, match="sum exactly to 5"):
        x.split_with_sizes([1, 1])
    assert len(x.unsafe_chunk(2, 1)) == 2
    e = autograd.empty_strided((2, 3), (1, 2))
    assert e.stride() == (1, 2) and tuple(e.shape) == (2, 3)
    assert autograd.ones(1, dtype=autograd.int16).new_empty_strided((2,), (1,)).dtype == autograd.int16


def test_vander():
    for x, n, inc in (([1, 2, 3], None, False), ([0.5, -1.0], 4, True), ([2, 3], 1, False)):
        assert_close(autograd.vander(autograd.tensor(x), n, inc), torch.vander(torch.tensor(x), n, inc))


@pytest.mark.parametrize("fn,args", [
    ("batch_norm", lambda x: (None, None, torch.zeros(3), torch.ones(3), True, 0.1, 1e-5, False)),
    ("layer_norm", lambda x: ([5],)),
    ("group_norm", lambda x: (3,)),
    ("celu", lambda x: (0.7,)),
    ("hardshrink", lambda x: (0.3,)),
    ("threshold", lambda x: (0.1, -2.0)),
    ("max_pool1d", lambda x: (2,)),
    ("avg_pool1d", lambda x: (3, 1, 1)),
    ("adaptive_avg_pool1d", lambda x: (2,)),
    ("kl_div", lambda x: (torch.ones(4, 3, 5) * 0.2, 1)),
    ("binary_cross_entropy_with_logits", lambda x: (torch.ones(4, 3, 5) * 0.3,)),
    ("pixel_shuffle", None),
])
def test_top_level_functional_aliases(fn, args):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((4, 3, 5)).astype(np.float32)
    if args is None:
        x = rng.standard_normal((1, 4, 2, 2)).astype(np.float32)
        targs = (2,)
    else:
        targs = args(x)
    oargs = tuple(to_ours(a) if isinstance(a, torch.Tensor) else a for a in targs)
    ox, tx = autograd.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    ours, theirs = getattr(autograd, fn)(ox, *oargs), getattr(torch, fn)(tx, *targs)
    assert_close(ours, theirs, rtol=1e-4, atol=1e-5)
    ours.sum().backward()
    theirs.sum().backward()
    assert_close(ox.grad, tx.grad, rtol=1e-4, atol=1e-5)


def test_top_level_losses_default_to_no_reduction():
    a, b = np.random.default_rng(2).random((2, 3, 4)).astype(np.float32)
    y = np.array([1.0, -1.0, 1.0], np.float32)
    assert tuple(autograd.cosine_embedding_loss(autograd.tensor(a), autograd.tensor(b), autograd.tensor(y)).shape) \
        == tuple(torch.cosine_embedding_loss(torch.tensor(a), torch.tensor(b), torch.tensor(y)).shape) == (3,)
    assert_close(autograd.hinge_embedding_loss(autograd.tensor(a), autograd.tensor(y[:, None]), 1.0, 2),
                 torch.hinge_embedding_loss(torch.tensor(a), torch.tensor(y[:, None]), 1.0, 2))


def test_rrelu_grad_fn_name():
    x = autograd.tensor([-1.0, 2.0], requires_grad=True)
    assert nn.functional.rrelu(x).grad_fn.name() == "RreluWithNoiseBackward0"
    y = nn.functional.rrelu(x, training=True)
    y.sum().backward()
    assert y.grad_fn.name() == "RreluWithNoiseBackward0" and x.grad[1].item() == 1.0


@pytest.mark.parametrize("cls,shape", [("LazyBatchNorm1d", (4, 3)), ("LazyBatchNorm2d", (2, 3, 2, 2)),
                                       ("LazyBatchNorm3d", (2, 3, 1, 2, 2)), ("LazyInstanceNorm1d", (2, 3, 5)),
                                       ("LazyInstanceNorm2d", (2, 3, 2, 4)), ("LazyInstanceNorm3d", (2, 3, 2, 2, 2))])
def test_lazy_norms(cls, shape):
    x = np.random.default_rng(3).standard_normal(shape).astype(np.float32)
    ours, theirs = getattr(nn, cls)(), getattr(torch.nn, cls)()
    assert repr(ours) == repr(theirs)
    assert_close(ours(autograd.tensor(x)), theirs(torch.tensor(x)), rtol=1e-4, atol=1e-5)
    assert type(ours).__name__ == type(theirs).__name__
    assert repr(ours) == repr(theirs)
    assert list(ours.state_dict()) == list(theirs.state_dict())
    assert_close(ours.running_mean, theirs.running_mean, rtol=1e-4, atol=1e-6)


def test_nll_loss_2d_warns():
    with pytest.warns(FutureWarning, match="NLLLoss2d"):
        crit = nn.NLLLoss2d()
    assert isinstance(crit, nn.NLLLoss)


def test_fractional_max_pool3d_matches_torch():
    rng = np.random.default_rng(4)
    x = rng.standard_normal((2, 3, 7, 6, 8)).astype(np.float32)
    s = rng.random((2, 3, 3)).astype(np.float32)
    w = rng.standard_normal((2, 3, 3, 2, 4)).astype(np.float32)
    ox, tx = autograd.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    oy, oi = nn.functional.fractional_max_pool3d(ox, (2, 3, 2), (3, 2, 4), None, True, autograd.tensor(s))
    ty, ti = torch.nn.functional.fractional_max_pool3d(tx, (2, 3, 2), (3, 2, 4), None, True, torch.tensor(s))
    assert_close(oy, ty)
    assert oi.tolist() == ti.tolist()
    (oy * autograd.tensor(w)).sum().backward()
    (ty * torch.tensor(w)).sum().backward()
    assert_close(ox.grad, tx.grad)


def _adafactor_run(lib, optim_mod, kwargs):
    rng = np.random.default_rng(5)
    w = lib.tensor(rng.standard_normal((3, 4)).astype(np.float32), requires_grad=True)
    b = lib.tensor(rng.standard_normal(4).astype(np.float32), requires_grad=True)
    x = lib.tensor(rng.standard_normal((5, 3)).astype(np.float32))
    opt = optim_mod.Adafactor([w, b], **kwargs)
    for _ in range(4):
        opt.zero_grad()
        ((x @ w + b) ** 2).mean().backward()
        opt.step()
    return w, b, opt


@pytest.mark.parametrize("kwargs", [{}, {"lr": 0.1, "weight_decay": 0.05}, {"maximize": True, "d": 1.5},
                                    {"eps": (1e-4, 1e-2), "beta2_decay": -0.6}])
def test_adafactor_matches_torch(kwargs):
    ow, ob, oopt = _adafactor_run(autograd, optim, kwargs)
    tw, tb, topt = _adafactor_run(torch, torch.optim, kwargs)
    assert_close(ow, tw, rtol=1e-4, atol=1e-6)
    assert_close(ob, tb, rtol=1e-4, atol=1e-6)
    assert_close(oopt.state[ow]["row_var"], topt.state[tw]["row_var"], rtol=1e-4, atol=1e-7)
    assert_close(oopt.state[ob]["variance"], topt.state[tb]["variance"], rtol=1e-4, atol=1e-7)


@pytest.mark.parametrize("n,replicas,drop_last", [(10, 3, False), (10, 3, True), (4, 4, False), (3, 5, False)])
def test_distributed_sampler_partitions(n, replicas, drop_last):
    ds = TensorDataset(autograd.arange(n))
    tds = torch.utils.data.TensorDataset(torch.arange(n))
    for rank in range(replicas):
        ours = DistributedSampler(ds, replicas, rank, shuffle=False, drop_last=drop_last)
        theirs = torch.utils.data.DistributedSampler(tds, replicas, rank, shuffle=False, drop_last=drop_last)
        assert list(ours) == list(theirs) and len(ours) == len(theirs)
    shuffled = [list(DistributedSampler(ds, replicas, r, seed=3)) for r in range(replicas)]
    assert set(sum(shuffled, [])) == set(range(n)) or drop_last


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 7), st.integers(0, 2 ** 31 - 1))
def test_ldl_factor_and_solve_match_torch(n, seed):
    rng = np.random.default_rng(seed)
    m = rng.standard_normal((2, n, n))
    m = m + m.transpose(0, 2, 1)
    if n > 1:
        m[:, 0, 0] = 0.0  # forces a pivot
    b = rng.standard_normal((2, n, 3))
    ld, piv, info = autograd.linalg.ldl_factor_ex(autograd.tensor(m))
    tld, tpiv, tinfo = torch.linalg.ldl_factor_ex(torch.tensor(m))
    assert piv.tolist() == tpiv.tolist() and info.tolist() == tinfo.tolist()
    assert_close(ld, tld, rtol=1e-8, atol=1e-9)
    if not info.any():
        assert_close(autograd.linalg.ldl_solve(ld, piv, autograd.tensor(b)),
                     torch.linalg.ldl_solve(tld, tpiv, torch.tensor(b)), rtol=1e-7, atol=1e-9)


def test_ldl_has_no_derivative():
    a = autograd.tensor([[2.0, 1.0], [1.0, 3.0]], requires_grad=True)
    out = autograd.linalg.ldl_factor(a)
    assert out.LD.requires_grad and not out.pivots.requires_grad
    with pytest.raises(RuntimeError, match="linalg_ldl_factor_ex is not implemented"):
        out.LD.sum().backward()


def test_tensor_methods_and_inplace_spellings():
    x = autograd.tensor([-1.0, 0.2, 2.0])
    assert_close(x.hardshrink(0.5), torch.tensor([-1.0, 0.2, 2.0]).hardshrink(0.5))
    assert_close(x.prelu(autograd.tensor([0.25])), torch.tensor([-1.0, 0.2, 2.0]).prelu(torch.tensor([0.25])))
    y = autograd.tensor([1.5, 2.0])
    assert autograd.acosh_(y) is y
    assert_close(y, torch.acosh(torch.tensor([1.5, 2.0])))
    z = autograd.tensor([1.0, 2.0])
    z.map_(autograd.tensor([3.0, 4.0]), lambda a, b: a * b)
    assert z.tolist() == [3.0, 8.0]
    assert to_torch(z).tolist() == [3.0, 8.0]


def test_removed_functions_raise_torch_messages():
    a = np.eye(2, dtype=np.float32)
    for name in ("solve", "lstsq", "matrix_rank", "eig", "symeig"):
        args = (a, a) if name in ("solve", "lstsq") else (a,)
        with pytest.raises(RuntimeError) as ours:
            getattr(autograd, name)(*(autograd.tensor(x) for x in args))
        with pytest.raises(RuntimeError) as theirs:
            getattr(torch, name)(*(torch.tensor(x) for x in args))
        assert str(ours.value) == str(theirs.value)


def test_layout_queries():
    for size, order in (((2, 3, 4), (0, 2, 1)), ((3, 2), (1, 0)), ((2, 2, 2, 2), (0, 2, 3, 1))):
        assert autograd.empty_permuted(size, order).stride() == torch.empty_permuted(size, order).stride()
    x = np.array([[0, 1, 2], [3, 0, 0]])
    for size, fill in ((2, -1), (5, 9), (0, -1)):
        assert autograd.nonzero_static(autograd.tensor(x), size=size, fill_value=fill).tolist() == \
            torch.nonzero_static(torch.tensor(x), size=size, fill_value=fill).tolist()
    t = autograd.ones(2, 3, 4).permute(1, 2, 0)
    assert t.dim_order() == torch.ones(2, 3, 4).permute(1, 2, 0).dim_order()
