"""torch.special and the numeric helpers added for the special_math conformance programs, held against torch:
values over wide grids (tails included), gradients in float64, and the errors torch raises."""
import numpy as np
import pytest

import autograd as A
from oracle import assert_close, to_torch, torch

RNG = np.random.default_rng(0)
WIDE = np.concatenate([RNG.uniform(-60, 60, 400), RNG.uniform(-4, 4, 200),
                       [0.0, 1e-9, -1e-9, 3.0, -3.0, 29.999, 30.0, 30.001, 700.0, -700.0, np.nan, -np.inf]])
PROBS = np.concatenate([RNG.uniform(0, 1, 400), 10.0 ** -RNG.uniform(1, 300, 100), 1 - 10.0 ** -RNG.uniform(1, 15, 50),
                        [0.0, 1.0, 0.5, -0.5, 1.5, np.nan]])


@pytest.mark.parametrize("name", ["erf", "erfc", "erfcx", "ndtr", "log_ndtr", "i0", "i0e", "i1", "i1e", "entr",
                                  "expit", "gammaln", "digamma", "sinc", "expm1", "log1p", "exp2"])
def test_unary_values_float64(name):
    x = WIDE if name not in ("i0", "i1") else WIDE[np.abs(WIDE) < 700]  # torch: i0(+-inf) is nan
    ours = getattr(A.special, name)(A.tensor(x))
    theirs = getattr(torch.special, name)(torch.tensor(x))
    assert_close(ours, theirs, rtol=1e-10, atol=0)


@pytest.mark.parametrize("name", ["ndtri", "erfinv", "logit"])
def test_inverse_functions_in_both_tails(name):
    p = PROBS * 2 - 1 if name == "erfinv" else PROBS
    assert_close(getattr(A.special, name)(A.tensor(p)), getattr(torch.special, name)(torch.tensor(p)), rtol=1e-10, atol=0)


def test_float32_results_keep_dtype_and_half_raises_like_torch():
    x = np.linspace(-5, 5, 41).astype(np.float32)
    for name in ["erfc", "erfcx", "ndtr", "ndtri", "log_ndtr", "i0", "i0e", "i1", "i1e", "entr"]:
        v = np.clip(x / 10 + 0.5, 0.01, 0.99) if name == "ndtri" else x
        assert_close(getattr(A.special, name)(A.tensor(v)), getattr(torch.special, name)(torch.tensor(v)), rtol=2e-6)
    for name in ["erfcx", "ndtri", "log_ndtr"]:
        with pytest.raises(NotImplementedError, match=f"{name}_cpu"):
            getattr(A.special, name)(A.tensor([0.5], dtype=A.float16))


def test_zeta_matches_cephes_including_poles():
    s = np.concatenate([RNG.uniform(0.5, 9, 200), [1.0, 0.5, 2.0, 2.0]])
    q = np.concatenate([RNG.uniform(-4, 12, 200), [1.0, 1.0, -1.0, -1.5]])
    assert_close(A.special.zeta(A.tensor(s), A.tensor(q)), torch.special.zeta(torch.tensor(s), torch.tensor(q)),
                 rtol=1e-12, atol=0)


@pytest.mark.parametrize("name", ["erfcx", "ndtr", "ndtri", "log_ndtr", "i0", "i0e", "i1", "i1e", "entr"])
def test_unary_gradients_float64(name):
    x = np.array([0.05, 0.3, 0.7, 0.95]) if name in ("ndtri", "entr") else np.array([-3.0, -0.4, 0.0, 0.6, 2.5])
    ours = A.tensor(x, requires_grad=True)
    theirs = to_torch(ours)
    getattr(A.special, name)(ours).sum().backward()
    getattr(torch.special, name)(theirs).sum().backward()
    assert_close(ours.grad, theirs.grad, rtol=1e-9, atol=1e-12)
    assert A.gradgradcheck(getattr(A.special, name), (A.tensor(x[x != 0], requires_grad=True),))  # (kinks at 0)


def test_binary_special_gradients_and_node_names():
    x = A.tensor([0.0, 0.5, 2.0], dtype=A.float64, requires_grad=True)
    y = A.tensor([-1.0, 0.25, 3.0], dtype=A.float64, requires_grad=True)
    tx, ty = to_torch(x), to_torch(y)
    (A.special.xlog1py(x, y) + A.special.zeta(3.0, y + 2)).sum().backward()
    (torch.special.xlog1py(tx, ty) + torch.special.zeta(3.0, ty + 2)).sum().backward()
    assert_close(x.grad, tx.grad)
    assert_close(y.grad, ty.grad)
    assert type(A.special.xlog1py(2.0, y).grad_fn).__name__ == "SpecialXlog1PyBackward1"
    assert type(A.special.xlog1py(y, 2.0).grad_fn).__name__ == "SpecialXlog1PyBackward2"
    with pytest.raises(NotImplementedError, match="derivative for 'zeta'"):
        A.special.zeta(y + 3, 1.0).sum().backward()


def test_multigammaln_value_grad_and_p_check():
    a = A.tensor([2.5, 3.0, 0.4], dtype=A.float64, requires_grad=True)
    ta = to_torch(a)
    A.special.multigammaln(a, 3).sum().backward()
    torch.special.multigammaln(ta, 3).sum().backward()
    assert_close(a.grad, ta.grad)
    with pytest.raises(RuntimeError, match="p has to be greater than or equal to 1"):
        A.mvlgamma(a, 0)


def test_frexp_ldexp_nextafter():
    x = np.array([0.0, 1.0, -3.5, 1024.0, 0.1, 1e-40], dtype=np.float32)
    m, e = A.frexp(A.tensor(x))
    tm, te = torch.frexp(torch.tensor(x))
    assert_close(m, tm, rtol=0, atol=0)
    assert_close(e, te)
    assert_close(A.ldexp(m, e), torch.ldexp(tm, te))
    assert_close(A.nextafter(A.tensor(x), A.tensor(0.0)), torch.nextafter(torch.tensor(x), torch.tensor(0.0)), rtol=0, atol=0)
    with pytest.raises(RuntimeError, match="only supports floating-point"):
        A.frexp(A.tensor([1, 2]))


@pytest.mark.parametrize("kwargs", [{}, {"spacing": 2.0}, {"edge_order": 2}, {"dim": 1}, {"spacing": [0.5, 2.0]},
                                    {"spacing": "coords", "edge_order": 1}, {"spacing": "coords", "edge_order": 2}])
def test_gradient_matches_torch_and_is_differentiable(kwargs):
    y = A.tensor(RNG.standard_normal((4, 5)), requires_grad=True)
    ty = to_torch(y)
    kw_ours, kw_torch = dict(kwargs), dict(kwargs)
    if kwargs.get("spacing") == "coords":
        c0, c1 = np.array([0.0, 0.5, 2.0, 2.5]), np.array([0.0, 1.0, 1.5, 3.0, 4.5])
        kw_ours["spacing"] = (A.tensor(c0), A.tensor(c1))
        kw_torch["spacing"] = (torch.tensor(c0), torch.tensor(c1))
    ours, theirs = A.gradient(y, **kw_ours), torch.gradient(ty, **kw_torch)
    assert len(ours) == len(theirs)
    for o, t in zip(ours, theirs):
        assert_close(o, t, rtol=1e-10)
    sum(o.pow(2).sum() for o in ours).backward()
    sum(t.pow(2).sum() for t in theirs).backward()
    assert_close(y.grad, ty.grad, rtol=1e-9)


def test_histogram_matches_torch():
    x = RNG.standard_normal(200).astype(np.float32)
    w = RNG.uniform(0, 2, 200).astype(np.float32)
    for args, kw in [((10,), {}), ((7,), {"range": (-1.0, 2.0)}), ((5,), {"weight": w, "density": True}),
                     ((np.array([-3.0, -0.5, 0.0, 0.1, 3.0], dtype=np.float32),), {"density": True})]:
        ours = A.histogram(A.tensor(x), *(A.tensor(a) if isinstance(a, np.ndarray) else a for a in args),
                           **{k: A.tensor(v) if isinstance(v, np.ndarray) else v for k, v in kw.items()})
        theirs = torch.histogram(torch.tensor(x), *(torch.tensor(a) if isinstance(a, np.ndarray) else a for a in args),
                                 **{k: torch.tensor(v) if isinstance(v, np.ndarray) else v for k, v in kw.items()})
        assert_close(ours.hist, theirs.hist)
        assert_close(ours.bin_edges, theirs.bin_edges, rtol=0, atol=0)


def test_renorm_and_cumulative_trapezoid_gradients():
    w = A.tensor(RNG.standard_normal((3, 4)) * 2, requires_grad=True)
    tw = to_torch(w)
    for p, dim, mx in [(2, 0, 1.0), (1, 1, 1.5), (float("inf"), 0, 0.8)]:
        w.grad, tw.grad = None, None
        r, tr = A.renorm(w, p, dim, mx), torch.renorm(tw, p, dim, mx)
        assert_close(r, tr)
        (r * A.arange(12.0, dtype=A.float64).view(3, 4)).sum().backward()
        (tr * torch.arange(12.0, dtype=torch.float64).view(3, 4)).sum().backward()
        assert_close(w.grad, tw.grad, rtol=1e-9)
    assert type(A.renorm(w, 2, 0, 1.0).grad_fn).__name__ == "RenormBackward0"
    y = A.tensor(RNG.standard_normal((2, 5)), requires_grad=True)
    ty = to_torch(y)
    xs = np.array([0.0, 0.5, 1.5, 1.75, 3.0])
    A.cumulative_trapezoid(y, A.tensor(xs)).sum().backward()
    torch.cumulative_trapezoid(ty, torch.tensor(xs)).sum().backward()
    assert_close(y.grad, ty.grad)


def test_small_behaviours_fixed_for_conformance():
    assert A.sign(A.tensor([float("nan"), -2.0])).tolist() == [0.0, -1.0]
    assert A.heaviside(A.tensor([float("nan"), 0.0]), A.tensor([0.5])).tolist() == [0.0, 0.5]
    x, y = A.tensor([0.0, 1.0], requires_grad=True), A.tensor([0.0, 1.0], requires_grad=True)
    A.atan2(y, x).sum().backward()
    assert x.grad.tolist() == [0.0, -0.5] and y.grad.tolist() == [0.0, 0.5]
    a = A.tensor([[0.0, 1.0]], requires_grad=True)
    A.cdist(a, A.tensor([[1.0, 1.0]]), p=0).sum().backward()
    assert a.grad.tolist() == [[0.0, 0.0]]
    assert type(A.block_diag(a, a).grad_fn).__name__ == "BlockDiagBackward0"
    assert type(A.rot90(a).grad_fn).__name__ == "Rot90Backward0"
    assert type(A.log1p(a).grad_fn).__name__ == "Log1PBackward0"
    assert A.combinations(A.tensor([1, 2]), r=0).shape == (0,)
    assert A.cummax(A.tensor([]), 0).values.shape == (0,)
    with pytest.raises(RuntimeError, match="rtol must be greater than or equal to zero"):
        A.isclose(A.tensor([1.0]), A.tensor([1.0]), rtol=-1.0)
    with pytest.raises(RuntimeError, match="kthvalue"):
        A.kthvalue(A.tensor([1.0, 2.0]), 3)
    with pytest.raises(RuntimeError, match="side can only be"):
        A.searchsorted(A.tensor([1.0]), A.tensor([1.0]), side="middle")
    with pytest.raises(RuntimeError, match="q must be in the range"):
        A.nanquantile(A.tensor([1.0]), 1.5)
    with pytest.raises(NotImplementedError, match="logcumsumexp_out_cpu"):
        A.logcumsumexp(A.tensor([1, 2]), 0)
    nan = float("nan")
    x = A.tensor([[1.0, nan], [2.0, nan]], requires_grad=True)
    A.nanmean(x, 0)[0].backward()
    tx = torch.tensor([[1.0, nan], [2.0, nan]], requires_grad=True)
    torch.nanmean(tx, 0)[0].backward()
    np.testing.assert_array_equal(x.grad.numpy(), tx.grad.numpy())
