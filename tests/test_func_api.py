"""autograd.func (torch.func): transforms checked against PyTorch on small inputs."""
import numpy as np
import pytest

import autograd
import nn
from autograd.func import (functional_call, grad, grad_and_value, hessian, jacfwd, jacrev, jvp, linearize,
                           stack_module_state, vjp, vmap)
from oracle import assert_close, torch  # noqa: F401  (torch: import-or-skip)

rng = np.random.default_rng(0)
X = rng.standard_normal((4, 3)).astype(np.float32)


def _both(fn_builder, *arrays):
    import torch.func as tf
    ours = fn_builder(autograd, __import__("autograd.func", fromlist=["x"]))(*[autograd.tensor(a) for a in arrays])
    theirs = fn_builder(torch, tf)(*[torch.tensor(a) for a in arrays])
    return ours, theirs


def _close_tree(a, b):
    if isinstance(a, (tuple, list)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            _close_tree(x, y)
    elif isinstance(a, dict):
        assert list(a) == list(b)
        for k in a:
            _close_tree(a[k], b[k])
    else:
        assert_close(a, b, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("build", [
    lambda T, F: F.grad(lambda x: (x.sin() * x).sum()),
    lambda T, F: F.jacrev(lambda x: x.tanh() @ x.t()),
    lambda T, F: F.jacfwd(lambda x: (x ** 2).sum(0)),
    lambda T, F: F.hessian(lambda x: (x ** 3).sum()),
    lambda T, F: F.vmap(lambda r: r.softmax(0) * r.sum()),
    lambda T, F: F.vmap(F.grad(lambda r: r.exp().sum()), in_dims=1),
    lambda T, F: F.vmap(F.jacrev(lambda r: r.cumsum(0))),
    lambda T, F: lambda x: F.jvp(lambda y: y.sigmoid(), (x,), (x * 0 + 1,)),
    lambda T, F: lambda x: F.vjp(lambda y: y.cos(), x)[1](x),
])
def test_transforms_match_torch(build):
    ours, theirs = _both(build, X)
    _close_tree(ours, theirs)


def test_results_detached_unless_outer_tracks():
    x = autograd.tensor([1.0, 2.0])
    assert grad(lambda t: (t ** 2).sum())(x).grad_fn is None
    xr = autograd.tensor([1.0, 2.0], requires_grad=True)
    g = grad(lambda t: (t ** 3).sum())(xr)
    g.sum().backward()
    assert xr.grad.tolist() == [6.0, 12.0]
    assert grad(grad(lambda t: t ** 3))(autograd.tensor(2.0)).item() == 12.0


def test_grad_and_value_aux_and_linearize():
    w = autograd.tensor([1.0, -1.0])
    g, (v, aux) = grad_and_value(lambda w: ((w * 2).sum(), w * 3), has_aux=True)(w)
    assert g.tolist() == [2.0, 2.0] and v.item() == 0.0 and aux.tolist() == [3.0, -3.0]
    out, fn = linearize(lambda t: t * t, w)
    assert fn(autograd.ones(2)).tolist() == [2.0, -2.0]
    assert jvp(lambda t: t * t, (w,), (autograd.ones(2),))[1].tolist() == [2.0, -2.0]
    assert vjp(lambda t: t * t, w)[1](autograd.ones(2))[0].tolist() == [2.0, -2.0]
    assert jacfwd(lambda t: t * t)(w).shape == (2, 2) == jacrev(lambda t: t * t)(w).shape
    assert hessian(lambda t: (t ** 2).sum())(w).tolist() == [[2.0, 0.0], [0.0, 2.0]]


def test_vmap_errors():
    with pytest.raises(ValueError, match="same size in the mapped dimension, got sizes \\[3, 4\\]"):
        vmap(autograd.add)(autograd.ones(3), autograd.ones(4))
    with pytest.raises(ValueError, match="must only return Tensors"):
        vmap(lambda x: 1.0)(autograd.ones(3))
    with pytest.raises(RuntimeError, match="randomness"):
        vmap(autograd.sin, randomness="x")


def test_per_sample_grads_and_ensemble():
    model = nn.Linear(3, 2)
    params = {k: v.detach() for k, v in model.named_parameters()}
    x, y = autograd.tensor(X), autograd.tensor([0, 1, 1, 0])

    def loss(p, xi, yi):
        return nn.functional.cross_entropy(functional_call(model, p, (xi.unsqueeze(0),)), yi.unsqueeze(0))
    per = vmap(grad(loss), in_dims=(None, 0, 0))(params, x, y)
    for i in range(4):
        ref = autograd.grad(loss(dict(model.named_parameters()), x[i], y[i]), list(model.parameters()))
        assert_close(per["weight"][i], ref[0], rtol=1e-5, atol=1e-6)
        assert_close(per["bias"][i], ref[1], rtol=1e-5, atol=1e-6)
    models = [nn.Linear(3, 2) for _ in range(3)]
    p, b = stack_module_state(models)
    assert p["weight"].shape == (3, 2, 3) and p["weight"].is_leaf and p["weight"].requires_grad
    out = vmap(lambda p, b, x: functional_call(models[0], (p, b), (x,)), in_dims=(0, 0, None))(p, b, x)
    for i, m in enumerate(models):
        assert_close(out[i], m(x), rtol=1e-5, atol=1e-6)


def test_torch_func_attribute():
    assert autograd.func.vmap is vmap
