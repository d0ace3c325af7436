"""PyTorch's ``autograd_function_db`` (custom ``autograd.Function`` examples written as OpInfos: saving inputs,
outputs and intermediates, ``setup_context``, ``save_for_forward`` + ``jvp``, ``mark_dirty``,
``mark_non_differentiable``, ``once_differentiable``, forward defaults) with each Function class rebuilt on our
``autograd.Function``: values, first and second-order gradients and forward-mode tangents against torch."""
import functools
import types

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("expecttest")   # torch.testing._internal needs it

import torch  # noqa: E402

import autograd  # noqa: E402
from autograd import forward_ad  # noqa: E402
from autograd.function import once_differentiable  # noqa: E402
from tests.opinfo import harness as H  # noqa: E402


@functools.lru_cache(maxsize=None)
def _module():
    from torch.testing._internal import autograd_function_db
    return autograd_function_db


def _rebind(f, namespace):
    return types.FunctionType(f.__code__, namespace, f.__name__, f.__defaults__, f.__closure__)


@functools.lru_cache(maxsize=None)
def _ported():
    """The db module's namespace with ``torch`` our shim and every Function class rebuilt on ours (their
    methods' globals are this namespace, so ``NumpyMul.apply`` inside a backward is ours too)."""
    m = _module()
    ns = dict(vars(m), torch=H._shim())
    for name, cls in vars(m).items():
        if not (isinstance(cls, type) and issubclass(cls, torch.autograd.Function) and cls.__module__ == m.__name__):
            continue
        attrs = {}
        for k, v in vars(cls).items():
            if isinstance(v, staticmethod):
                f = v.__func__
                inner = getattr(f, "__wrapped__", None)   # torch's once_differentiable: rewrap with ours
                attrs[k] = staticmethod(once_differentiable(_rebind(inner, ns)) if inner else _rebind(f, ns))
            elif not k.startswith("__") and not callable(v):
                attrs[k] = v
        ns[name] = type(name, (autograd.Function,), attrs)
    return ns


def _ours(op):
    if H._is_wrapper(op.op):
        return _rebind(op.op, _ported())
    return _ported()[op.op.__self__.__name__].apply


def _ops():
    return {op.name: op for op in _module().autograd_function_db}


@pytest.mark.parametrize("name", sorted(_ops()))
def test_custom_function_matches_torch(name):
    op = _ops()[name]
    findings = []
    for dtype in (torch.float32, torch.float64):
        grads = dtype == torch.float64
        for i, sample in enumerate(H.samples(op, dtype, grads)):
            findings += H.check_sample(op, "function", op.op, _ours(op), sample, grads, second_order=i < 2)
    assert not findings, "\n".join(str(f) for f in findings)


@pytest.mark.parametrize("name", sorted(n for n, op in _ops().items()
                                        if "jvp" in vars(getattr(op.op, "__self__", type))))
def test_custom_function_jvp_matches_torch(name):
    """Forward mode through the Function's own ``jvp`` (which reads ``save_for_forward``'s tensors)."""
    op = _ops()[name]
    sample = H.samples(op, torch.float64, False)[0]
    tensors = [a for a in (sample.input, *sample.args) if isinstance(a, torch.Tensor) and a.is_floating_point()]
    gen = torch.Generator().manual_seed(3)
    tangents = {id(a): torch.rand(a.shape, generator=gen, dtype=a.dtype) for a in tensors}
    import torch.autograd.forward_ad as fwAD
    with fwAD.dual_level():
        args = [fwAD.make_dual(a, tangents[id(a)]) if id(a) in tangents else a for a in (sample.input, *sample.args)]
        out = op.op(*args, **sample.kwargs)
        out = out if isinstance(out, tuple) else (out,)
        expected = [fwAD.unpack_dual(o).tangent for o in out if isinstance(o, torch.Tensor)]
    with forward_ad.dual_level():
        args = [forward_ad.make_dual(H.to_ours(a, {}), H.to_ours(tangents[id(a)], {})) if id(a) in tangents
                else H.to_ours(a, {}) for a in (sample.input, *sample.args)]
        out = _ours(op)(*args, **sample.kwargs)
        out = out if isinstance(out, tuple) else (out,)
        actual = [forward_ad.unpack_dual(o).tangent for o in out if isinstance(o, autograd.Tensor)]
    for e, a in zip(expected, actual):
        if e is None:
            continue
        np.testing.assert_allclose(a.detach().numpy(), e.numpy(), rtol=1e-7, atol=1e-9)
