"""autograd.masked (torch.masked reductions/normalizations) and autograd.signal.windows, with torch as oracle."""
import math

import numpy as np
import pytest

from tests.oracle import torch, to_torch, to_ours, assert_close  # noqa: F401

import autograd

RNG = np.random.default_rng(0)
X = RNG.standard_normal((3, 4, 5))
MASK = RNG.random((3, 4, 5)) > 0.5
MASK[1] = False                      # a fully masked-out slice along every dim of row 1
ROW_MASK = RNG.random((4, 5)) > 0.4  # broadcast over the first dim


def _pair(arr, grad=False):
    ours = autograd.tensor(arr)
    theirs = torch.tensor(arr)
    if grad:
        ours.requires_grad_(True)
        theirs.requires_grad_(True)
    return ours, theirs


REDUCTIONS = ["sum", "prod", "amax", "amin", "mean", "logsumexp", "norm", "var", "std"]


@pytest.mark.parametrize("name", REDUCTIONS)
@pytest.mark.parametrize("dim,keepdim", [(None, False), (1, False), ((0, 2), True), (-1, True)])
@pytest.mark.parametrize("mask", [MASK, ROW_MASK, None], ids=["full", "broadcast", "none"])
def test_reductions_match_torch_with_grad(name, dim, keepdim, mask):
    x, tx = _pair(X, grad=True)
    kw = {"keepdim": keepdim}
    if mask is not None:
        kw["mask"], tkw = autograd.tensor(mask), {"keepdim": keepdim, "mask": torch.tensor(mask)}
    else:
        tkw = dict(kw)
    ours = getattr(autograd.masked, name)(x, dim=dim, **kw)
    theirs = getattr(torch.masked, name)(tx, dim=dim, **tkw)
    assert_close(ours, theirs, rtol=1e-6, atol=1e-9)
    finite = torch.isfinite(theirs)
    w = np.where(finite.numpy(), RNG.random(tuple(theirs.shape)), 0.0)
    (gx,) = autograd.grad((ours * autograd.tensor(w)).sum(), [x])
    (tgx,) = torch.autograd.grad((torch.where(finite, theirs, 0) * torch.tensor(w)).sum(), [tx])
    assert_close(gx, tgx, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin", "cumsum", "cumprod"])
@pytest.mark.parametrize("dim", [0, -1])
def test_normalizations_and_scans_match_torch(name, dim):
    x, tx = _pair(X, grad=True)
    ours = getattr(autograd.masked, name)(x, dim, mask=autograd.tensor(MASK))
    theirs = getattr(torch.masked, name)(tx, dim, mask=torch.tensor(MASK))
    assert_close(ours, theirs, rtol=1e-6, atol=1e-9)
    finite = torch.isfinite(theirs)
    (gx,) = autograd.grad(autograd.where(autograd.tensor(finite.numpy()), ours, 0.0).sum(), [x])
    (tgx,) = torch.autograd.grad(torch.where(finite, theirs, 0).sum(), [tx])
    assert_close(gx, tgx, rtol=1e-6, atol=1e-9)


def test_dtype_rules_and_fully_masked_slices():
    ints = np.arange(12).reshape(3, 4)
    m = np.array([[True, False, True, False], [False] * 4, [True] * 4])
    for name in ("sum", "prod", "amax", "argmax", "argmin"):
        ours = getattr(autograd.masked, name)(autograd.tensor(ints), 1, mask=autograd.tensor(m))
        theirs = getattr(torch.masked, name)(torch.tensor(ints), 1, mask=torch.tensor(m))
        assert_close(ours, theirs)
    med = autograd.masked.median(autograd.tensor(X.astype(np.float32)), 2, mask=autograd.tensor(MASK))
    assert_close(med, torch.masked.median(torch.tensor(X.astype(np.float32)), 2, mask=torch.tensor(MASK)))
    assert np.isnan(med.numpy()[1]).all()
    n = autograd.masked.normalize(autograd.tensor(X), 2.0, 1, mask=autograd.tensor(MASK))
    assert_close(n, torch.masked.normalize(torch.tensor(X), 2.0, 1, mask=torch.tensor(MASK)))
    a, b = RNG.standard_normal(6), RNG.standard_normal(6)
    ma, mb = np.array([1, 0, 1, 0, 1, 1], bool), np.array([1, 1, 0, 0, 1, 0], bool)
    ours = autograd.masked.logaddexp(autograd.tensor(a), autograd.tensor(b), input_mask=autograd.tensor(ma),
                                     other_mask=autograd.tensor(mb))
    assert_close(ours, torch.masked.logaddexp(torch.tensor(a), torch.tensor(b), input_mask=torch.tensor(ma),
                                              other_mask=torch.tensor(mb)))


def test_errors_match_torch():
    x = autograd.tensor(X)
    with pytest.raises(ValueError, match="Could not infer output dtype"):
        autograd.masked.mean(autograd.tensor([1, 2]))
    with pytest.raises(ValueError, match="fully masked out rows"):
        autograd.masked.median(autograd.tensor([[1, 2]]), 1, mask=autograd.tensor([[False, False]]))
    with pytest.raises(IndexError, match="Dimension out of range"):
        autograd.masked.sum(x, 3)
    with pytest.raises(RuntimeError, match="appears multiple times"):
        autograd.masked.sum(x, (1, 1))
    with pytest.raises(IndexError, match="broadcastable mask"):
        autograd.masked.sum(autograd.tensor([1.0]), mask=autograd.tensor([[True]]))


WINDOWS = [("bartlett", {}), ("blackman", {}), ("cosine", {}), ("hamming", {}), ("hann", {}), ("nuttall", {}),
           ("exponential", {"tau": 2.5}), ("gaussian", {"std": 1.2}), ("kaiser", {"beta": 41.2}),
           ("general_cosine", {"a": [0.46, 0.23, 0.31]}), ("general_hamming", {"alpha": 0.23})]


@pytest.mark.parametrize("name,kw", WINDOWS, ids=[w[0] for w in WINDOWS])
@pytest.mark.parametrize("M", [0, 1, 2, 7, 64])
def test_windows_match_torch(name, kw, M):
    for sym in (True, False):
        for dtype in (None, "float64"):
            ours = getattr(autograd.signal.windows, name)(M, sym=sym, dtype=dtype and getattr(autograd, dtype), **kw)
            theirs = getattr(torch.signal.windows, name)(M, sym=sym, dtype=dtype and getattr(torch, dtype), **kw)
            assert_close(ours, theirs, rtol=1e-5, atol=1e-6)


def test_window_options_and_errors():
    w = autograd.signal.windows.exponential(8, center=2.0, sym=False)
    assert_close(w, torch.signal.windows.exponential(8, center=2.0, sym=False))
    w = autograd.signal.windows.hann(5, requires_grad=True)
    assert w.requires_grad and w.dtype is autograd.float32
    with pytest.raises(ValueError, match="requires non-negative window length, got M=-1"):
        autograd.signal.windows.hann(-1)
    with pytest.raises(ValueError, match="expects float32 or float64 dtypes, got: torch.int64"):
        autograd.signal.windows.kaiser(3, dtype=autograd.int64)
    if hasattr(autograd, "sparse_coo"):
        with pytest.raises(ValueError, match="implemented for strided tensors only, got: torch.sparse_coo"):
            autograd.signal.windows.bartlett(3, layout=autograd.sparse_coo)
    with pytest.raises(ValueError, match="Center must be None for symmetric windows"):
        autograd.signal.windows.exponential(3, center=1)
    with pytest.raises(TypeError, match="Coefficients must be a list/tuple"):
        autograd.signal.windows.general_cosine(3, a=None)
    with pytest.raises(ValueError, match="Coefficients cannot be empty"):
        autograd.signal.windows.general_cosine(3, a=[])
    for name, bad in (("gaussian", {"std": -1}), ("kaiser", {"beta": -1}), ("exponential", {"tau": -1})):
        with pytest.raises(ValueError, match="-1 instead"):
            getattr(autograd.signal.windows, name)(3, **bad)
    assert math.isclose(autograd.signal.windows.kaiser(3, sym=False).sum().item(),
                        torch.signal.windows.kaiser(3, sym=False).sum().item(), rel_tol=1e-6)
