"""Helpers for holding our results against PyTorch (the test oracle; never imported by the library)."""
import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="PyTorch (the test oracle) is not installed: pip install torch==2.13.0")

import autograd  # noqa: E402


def to_torch(t, requires_grad=None):
    """A torch tensor with the same values (and requires_grad) as an autograd tensor."""
    arr = np.array(t.detach().numpy(), copy=True)
    out = torch.from_numpy(arr)
    rg = t.requires_grad if requires_grad is None else requires_grad
    return out.requires_grad_(rg) if rg else out


def to_ours(t, requires_grad=None):
    arr = np.array(t.detach().numpy(), copy=True)
    out = autograd.from_numpy(arr)
    rg = t.requires_grad if requires_grad is None else requires_grad
    return out.requires_grad_(rg) if rg else out


def assert_close(ours, theirs, rtol=1e-5, atol=1e-6, check_dtype=True):
    """Values (and dtype names) of an autograd tensor equal a torch tensor's."""
    a = ours.detach().numpy() if hasattr(ours, "detach") else np.asarray(ours)
    b = theirs.detach().numpy() if hasattr(theirs, "detach") else np.asarray(theirs)
    assert a.shape == b.shape, f"shape {a.shape} != torch {b.shape}"
    if check_dtype and hasattr(ours, "dtype") and hasattr(theirs, "dtype"):
        assert str(ours.dtype).split(".")[-1] == str(theirs.dtype).split(".")[-1], f"dtype {ours.dtype} != {theirs.dtype}"
    np.testing.assert_allclose(a, b, rtol=rtol, atol=atol)
