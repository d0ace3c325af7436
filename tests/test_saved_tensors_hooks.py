"""autograd.graph.saved_tensors_hooks / save_on_cpu / disable_saved_tensors_hooks against torch: which
tensors get packed, that gradients (first and second order) are unchanged by identity-like hooks, and
the errors."""
import numpy as np
import pytest

from custom_functions import Cube
from oracle import assert_close, torch

import autograd
import nn
import nn.functional as F

R = np.random.RandomState(0)


def _lib(lib):
    """(library, nn, functional) of one side."""
    if lib is autograd:
        return autograd, nn, F
    return torch, torch.nn, torch.nn.functional


# Ops whose saved tensors are the same as torch's (by shape, in order): what a pack hook sees.
PACKED_LIKE_TORCH = {
    "linear": lambda L, N, Fn, x: Fn.linear(x, L.arange(6.0).reshape(2, 3).requires_grad_(), L.ones(2, requires_grad=True)),
    "relu": lambda L, N, Fn, x: x.relu(),
    "sigmoid": lambda L, N, Fn, x: x.sigmoid(),
    "tanh": lambda L, N, Fn, x: x.tanh(),
    "exp_times_x": lambda L, N, Fn, x: x.exp() * x,
    "softmax": lambda L, N, Fn, x: x.softmax(1),
    "log_softmax": lambda L, N, Fn, x: x.log_softmax(1),
    "mse": lambda L, N, Fn, x: Fn.mse_loss(x, x.detach() * 2),
    "div": lambda L, N, Fn, x: x / (x.detach() + 3).requires_grad_(),
    "pow": lambda L, N, Fn, x: x ** 2,
    "mean_no_save": lambda L, N, Fn, x: x.mean(),
}


@pytest.mark.parametrize("name", sorted(PACKED_LIKE_TORCH))
def test_pack_hook_sees_the_saved_tensors_like_torch(name):
    a = R.randn(4, 3).astype(np.float32)
    seen, grads = {}, {}
    for lib in (autograd, torch):
        L, N, Fn = _lib(lib)
        x = L.tensor(a, requires_grad=True)
        log = []
        with L.autograd.graph.saved_tensors_hooks(lambda t: (log.append(tuple(t.shape)), t.clone())[1],
                                                  lambda t: t):
            y = PACKED_LIKE_TORCH[name](L, N, Fn, x)
        y.sum().backward()
        seen[lib], grads[lib] = log, x.grad
    assert seen[autograd] == seen[torch]
    assert_close(grads[autograd], grads[torch], rtol=1e-5, atol=1e-6)


def test_unpack_runs_at_backward_and_sees_what_pack_returned():
    events = []
    x = autograd.tensor([1.0, 2.0], requires_grad=True)

    def pack(t):
        events.append("pack")
        return ("box", t.detach().numpy().copy())

    def unpack(p):
        events.append("unpack")
        assert p[0] == "box"
        return autograd.from_numpy(p[1])

    with autograd.graph.saved_tensors_hooks(pack, unpack):
        y = (x * x).sum()
    assert events == ["pack", "pack"]
    y.backward()
    assert events == ["pack", "pack", "unpack", "unpack"]
    np.testing.assert_array_equal(x.grad.numpy(), [2.0, 4.0])


def test_hooks_do_not_run_without_a_graph():
    calls = []
    x = autograd.ones(3, requires_grad=True)
    with autograd.graph.saved_tensors_hooks(lambda t: calls.append(t) or t, lambda t: t):
        with autograd.no_grad():
            x.exp() * x
        autograd.ones(3).exp() * 2
    assert calls == []


def test_innermost_hooks_win_and_are_restored():
    outer, inner = [], []
    x = autograd.ones(2, requires_grad=True)
    with autograd.graph.saved_tensors_hooks(lambda t: outer.append(1) or t, lambda t: t):
        with autograd.graph.saved_tensors_hooks(lambda t: inner.append(1) or t, lambda t: t):
            x.sin()
        x.cos()
    x.tanh()
    assert (len(outer), len(inner)) == (1, 1)


@pytest.mark.parametrize("lib", [autograd, torch], ids=["ours", "torch"])
def test_double_backward_through_unpacked_tensors(lib):
    """The unpacked tensors keep the original's place in the graph (leaf and intermediate alike)."""
    x = lib.tensor([0.5, -1.0, 2.0], dtype=lib.float64, requires_grad=True)
    with lib.autograd.graph.saved_tensors_hooks(lambda t: t.detach().clone(), lambda t: t):
        h = x.tanh()
        y = (h * h * x).sum()
    g, = lib.autograd.grad(y, x, create_graph=True)
    g.sum().backward()
    expected = {}
    xr = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
    gr, = torch.autograd.grad((xr.tanh() ** 2 * xr).sum(), xr, create_graph=True)
    gr.sum().backward()
    expected["g"], expected["gg"] = gr, xr.grad
    assert_close(g, expected["g"], rtol=1e-12, atol=1e-12)
    assert_close(x.grad, expected["gg"], rtol=1e-12, atol=1e-12)


def test_custom_function_saved_tensors_go_through_hooks():
    log = []
    x = autograd.tensor([1.0, 2.0], requires_grad=True)
    with autograd.graph.saved_tensors_hooks(lambda t: log.append("pack") or t * 1, lambda t: log.append("unpack") or t):
        y = Cube.apply(x).sum()
    y.backward()
    assert log == ["pack", "unpack"]
    np.testing.assert_allclose(x.grad.numpy(), [3.0, 12.0])


def test_cnn_gradients_unchanged_by_save_on_cpu():
    autograd.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64, 3))
    x = autograd.randn(2, 1, 8, 8)
    target = autograd.tensor([0, 2])
    F.cross_entropy(model(x), target).backward()
    plain = [p.grad.clone() for p in model.parameters()]
    model.zero_grad()
    with autograd.graph.save_on_cpu():
        loss = F.cross_entropy(model(x), target)
    loss.backward()
    for p, g in zip(model.parameters(), plain):
        np.testing.assert_array_equal(p.grad.numpy(), g.numpy())


def test_second_backward_after_free_and_with_retain_graph():
    unpacked = []
    x = autograd.ones(2, requires_grad=True)
    with autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: unpacked.append(1) or t):
        y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward()
    assert len(unpacked) == 4
    np.testing.assert_array_equal(x.grad.numpy(), [4.0, 4.0])
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        y.backward()


@pytest.mark.parametrize("lib", [autograd, torch], ids=["ours", "torch"])
def test_unpack_must_return_a_tensor(lib):
    x = lib.ones(2, requires_grad=True)
    with lib.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: 3):
        y = (x * x).sum()
    with pytest.raises(TypeError, match="Output of saved tensor unpack_hook expected to be a Tensor but got "
                                        "result of type int"):
        y.backward()


@pytest.mark.parametrize("lib", [autograd, torch], ids=["ours", "torch"])
def test_disable_saved_tensors_hooks(lib):
    graph = lib.autograd.graph
    with graph.disable_saved_tensors_hooks("hooks are off here"):
        with pytest.raises(RuntimeError, match="hooks are off here"):
            with graph.save_on_cpu():
                pass
    with graph.save_on_cpu():  # usable again outside
        pass


def test_grad_fn_is_an_autograd_graph_node():
    y = autograd.ones(2, requires_grad=True) * 2
    assert isinstance(y.grad_fn, autograd.graph.Node)
    assert isinstance(y.grad_fn.next_functions[0][0], autograd.graph.Node)
