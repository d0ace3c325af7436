"""OpInfo-found behaviours of the indexing / scatter / gather / sorting / selection ops, against torch."""
import numpy as np
import pytest

from tests.oracle import assert_close, torch

import autograd


def _both(fn):
    """fn(module) run on torch and on autograd: the same result, or the same exception type and message."""
    results = []
    for mod in (torch, autograd):
        try:
            results.append(fn(mod))
        except Exception as e:  # noqa: BLE001 - the exception itself is compared
            results.append(e)
    theirs, ours = results
    if isinstance(theirs, Exception):
        assert type(ours) is type(theirs) and str(theirs) in str(ours), (theirs, ours)
    else:
        assert not isinstance(ours, Exception), ours
        assert_close(ours, theirs)


@pytest.mark.parametrize("case", [
    lambda m: m.zeros(()).scatter(0, m.tensor(0), m.ones(())),
    lambda m: m.zeros(()).scatter(0, m.tensor([0]), 3.0),
    lambda m: m.zeros(()).scatter_add(0, m.tensor([0]), m.ones(2)),
    lambda m: m.zeros(3).scatter_add(0, m.tensor(1), m.ones(2)),
    lambda m: m.zeros(()).gather(0, m.tensor([0, 0])),
    lambda m: m.zeros(5).gather(0, m.tensor([], dtype=m.uint8)),
    lambda m: m.zeros(()).index_add(0, m.tensor([0]), m.ones(()), alpha=-1),
    lambda m: m.zeros(()).index_copy(0, m.tensor([0]), m.ones((1,))),
    lambda m: m.zeros(()).index_fill(0, m.tensor([-1]), 2.0),
    lambda m: m.zeros(()).put(m.tensor([0, 0]), m.ones(2), True),
    lambda m: m.arange(25.0).reshape(5, 5).take_along_dim(m.tensor([[-1], [5], [-12], [7], [0]]), 1),
    lambda m: m.unique_consecutive(m.tensor(3.0), return_inverse=True, return_counts=True)[1],
    lambda m: m.quantile(m.tensor(2.0), 0.5, dim=0, keepdim=True),
    lambda m: m.aminmax(m.zeros(5, 0, 5), dim=0).min,
], ids=lambda c: "")
def test_scalar_and_wrapping_cases_match_torch(case):
    _both(case)


@pytest.mark.parametrize("case", [
    lambda m: m.zeros(3, 5).scatter(0, m.tensor([[34, 1], [1, 1]]), m.ones(2, 5, 2)),
    lambda m: m.zeros(3, 5).scatter(0, m.tensor([[1, 1], [1, 1]]), m.ones(2)),
    lambda m: m.zeros(3, 2).index_add(0, m.tensor([0, 1]), m.ones(2)),
    lambda m: m.zeros(3, 2).index_add(1, m.tensor([0, 1]), m.ones(3)),
    lambda m: m.zeros(3, 2).index_add(0, m.tensor([0, 5]), m.ones(2, 2)),
    lambda m: m.zeros(()).index_add(0, m.tensor([1]), m.ones(())),
    lambda m: m.zeros(2, 0).take_along_dim(m.zeros(2, 3, dtype=m.long), 1),
    lambda m: m.zeros(2, 2).masked_fill(m.tensor(True), 1j),
    lambda m: m.cov(m.ones(5), fweights=m.ones(5)),
    lambda m: m.cov(m.ones(5), aweights=m.ones(5, 5)),
    lambda m: m.cov(m.ones(5), aweights=m.ones(2, dtype=m.long)),
    lambda m: m.cov(m.ones(5), fweights=m.ones(1, dtype=m.long)),
    lambda m: m.histogramdd(m.ones(5, 6), [1, 1, 1, 1, 1]),
    lambda m: m.multinomial(m.ones(2 ** 24 + 1, dtype=m.float64), 3),
    lambda m: m.aminmax(m.zeros(5, 0, 5), dim=1),
    lambda m: m.unique_consecutive(m.zeros(1, 0), dim=0),
], ids=lambda c: "")
def test_errors_match_torch(case):
    _both(case)


@pytest.mark.parametrize("case", [
    lambda m, a: m.gather(a, 0, m.tensor([0, 1]), out=m.zeros(2, dtype=m.float64)),
    lambda m, a: m.take(a, m.tensor([0, 1]), out=m.zeros(1).expand(2)),
    lambda m, a: m.index_select(a, 0, m.tensor([0, 1]), out=a[:2]),
    lambda m, a: m.kthvalue(a, 2, out=(a, m.zeros((), dtype=m.long))),
    lambda m, a: m.multinomial(a.abs().reshape(1, 6), 2, out=m.zeros(1, 2, dtype=m.float64)),
    lambda m, a: m.bernoulli(a.abs().clamp(0, 1), out=m.zeros(1).expand(6)),
    lambda m, a: m.aminmax(a, dim=0, out=(m.zeros(()), m.zeros((), dtype=m.float64))),
], ids=lambda c: "")
def test_out_checks_match_torch(case):
    a = np.random.default_rng(0).standard_normal(6).astype(np.float32)
    _both(lambda m: case(m, m.tensor(a)))


def test_gather_and_scatter_gradients_with_scalar_self():
    ours = autograd.tensor(1.5, requires_grad=True)
    theirs = torch.tensor(1.5, requires_grad=True)
    g_o, = autograd.grad(ours.gather(0, autograd.tensor([0, 0])).sum(), ours)
    g_t, = torch.autograd.grad(theirs.gather(0, torch.tensor([0, 0])).sum(), theirs)
    assert_close(g_o, g_t)
    src_o, src_t = autograd.tensor(2.0, requires_grad=True), torch.tensor(2.0, requires_grad=True)
    g_o, = autograd.grad(autograd.zeros(()).scatter_add(0, autograd.tensor([0]), src_o).sum(), src_o)
    g_t, = torch.autograd.grad(torch.zeros(()).scatter_add(0, torch.tensor([0]), src_t).sum(), src_t)
    assert_close(g_o, g_t)


def test_index_fill_value_gradient_counts_repeated_indices_once():
    base = np.random.default_rng(1).standard_normal((5, 5))
    idx = [0, 2, 2, 4, 0]
    grads = []
    for mod, t in ((torch, torch.tensor(base)), (autograd, autograd.tensor(base))):
        v = mod.tensor(0.5, dtype=mod.float64, requires_grad=True)
        out = t.index_fill(-1, mod.tensor(idx), v)
        grads.append(((out * t).sum(), v))
    (lt, vt), (lo, vo) = grads
    assert_close(autograd.grad(lo, vo)[0], torch.autograd.grad(lt, vt)[0])


def test_bernoulli_draw_has_zero_gradient_and_scalar_p_has_none():
    p = autograd.rand(3, dtype=autograd.float64, requires_grad=True)
    y = autograd.bernoulli(p)
    assert y.requires_grad and type(y.grad_fn).__name__ == "BernoulliBackward0"
    assert autograd.grad(y.sum(), p)[0].tolist() == [0.0, 0.0, 0.0]
    with pytest.raises(RuntimeError, match="derivative for aten::bernoulli is not implemented"):
        p.bernoulli(0.3).sum().backward()


def test_take_along_dim_negative_index_gradient():
    base = np.random.default_rng(2).standard_normal((3, 4))
    idx = np.array([[-1, 0], [5, -4], [2, -7]])
    t, o = torch.tensor(base, requires_grad=True), autograd.tensor(base, requires_grad=True)
    gt, = torch.autograd.grad(torch.take_along_dim(t, torch.tensor(idx), 1).pow(2).sum(), t)
    go, = autograd.grad(autograd.take_along_dim(o, autograd.tensor(idx), 1).pow(2).sum(), o)
    assert_close(go, gt)


def test_normal_node_names_and_zero_gradients_match_torch():
    for mod in (torch, autograd):
        m = mod.zeros(3, dtype=mod.float64, requires_grad=True)
        s = mod.ones(3, dtype=mod.float64, requires_grad=True)
        names = [type(mod.normal(*args).grad_fn).__name__ for args in ((m, s), (m, 1.1), (2.7, s))]
        assert names == ["NormalBackward3", "NormalBackward1", "NormalBackward2"]
        grads = mod.autograd.grad(mod.normal(m, s).sum(), (m, s))
        assert all(g.abs().sum().item() == 0 for g in grads)
