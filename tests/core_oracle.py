"""Run one function on autograd and on torch and hold outputs, gradients and grad_fn names equal."""
import numpy as np

from oracle import assert_close, torch

import autograd


def _inputs(lib, arrays, grad):
    out = []
    for a in arrays:
        if isinstance(a, np.ndarray):
            t = lib.from_numpy(np.array(a, copy=True))
            if grad and a.dtype.kind == "f":
                t.requires_grad_(True)
            out.append(t)
        else:
            out.append(a)
    return out


def _outputs(out):
    return list(out) if isinstance(out, (tuple, list)) else [out]


def _loss(outs, lib):
    """sum_i <out_i, w_i> with fixed random weights, so every output element gets a distinct gradient."""
    total = None
    for i, o in enumerate(outs):
        if o.dtype.is_floating_point and o.requires_grad:
            w = np.asarray(np.random.RandomState(100 + i).randn(*o.shape)).astype(str(o.dtype).split(".")[-1])
            term = (o * lib.from_numpy(w)).sum()
            total = term if total is None else total + term
    return total


def both(fn, *arrays, grad=True, names=True, rtol=1e-5, atol=1e-6):
    """``fn(lib, *tensors)`` for lib in (autograd, torch): equal outputs, input gradients and grad_fn names.

    NumPy float arrays become tensors requiring grad (when ``grad``); other arguments pass unchanged.
    Returns our outputs.
    """
    ours_in, theirs_in = _inputs(autograd, arrays, grad), _inputs(torch, arrays, grad)
    ours, theirs = _outputs(fn(autograd, *ours_in)), _outputs(fn(torch, *theirs_in))
    assert len(ours) == len(theirs)
    for o, t in zip(ours, theirs):
        assert tuple(o.shape) == tuple(t.shape), f"shape {tuple(o.shape)} != torch {tuple(t.shape)}"
        assert_close(o, t, rtol=rtol, atol=atol)
        assert o.requires_grad == t.requires_grad
        if names and t.grad_fn is not None:
            assert o.grad_fn is not None and o.grad_fn.name() == type(t.grad_fn).__name__, \
                f"grad_fn {o.grad_fn and o.grad_fn.name()} != torch {type(t.grad_fn).__name__}"
    if grad:
        lo, lt = _loss(ours, autograd), _loss(theirs, torch)
        if lt is not None:
            lo.backward()
            lt.backward()
            for a, b in zip(ours_in, theirs_in):
                if isinstance(b, torch.Tensor) and b.requires_grad:
                    assert (a.grad is None) == (b.grad is None)
                    if b.grad is not None:
                        assert_close(a.grad, b.grad, rtol=rtol, atol=max(atol, 1e-5))
    return ours


def raises_like(fn, *arrays, match=None):
    """``fn`` raises the same exception type (and, if no ``match``, the same message) in both libraries."""
    caught = []
    for lib in (autograd, torch):
        try:
            fn(lib, *_inputs(lib, arrays, False))
        except Exception as e:  # noqa: BLE001 - comparing whatever is raised
            caught.append(e)
        else:
            caught.append(None)
    ours, theirs = caught
    assert theirs is not None, "torch did not raise"
    assert ours is not None, f"autograd did not raise (torch raised {type(theirs).__name__}: {theirs})"
    assert type(ours).__name__ == type(theirs).__name__, f"{type(ours).__name__}: {ours} vs {type(theirs).__name__}: {theirs}"
    want = str(theirs).replace("torch.autograd.", "autograd.").replace("torch.", "autograd.")
    if match is None:
        assert str(ours) == want, f"\nours:  {ours}\ntorch: {want}"
    else:
        assert match in str(ours) and match in want, f"\nours:  {ours}\ntorch: {want}"
    return ours
