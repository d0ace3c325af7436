"""autograd.forward_ad: tangents (J·v) of dual tensors against torch.autograd.forward_ad and against finite
differences in float64; levels, errors, printing, in-place writes and custom Functions."""
import numpy as np
import pytest

from custom_functions import Cube
from oracle import assert_close, torch

import autograd
import autograd.forward_ad as fwAD
import nn.functional as F

R = np.random.RandomState(0)


def _lib(lib):
    return (autograd, F) if lib is autograd else (torch, torch.nn.functional)


# f(L, Fn, x) for x of shape (3, 4); broadcasting, reductions, views, linear algebra, nn functionals
FUNCTIONS = {
    "sin_times_x": lambda L, Fn, x: x.sin() * x,
    "exp_div_broadcast": lambda L, Fn, x: x.exp() / (x[:, :1] ** 2 + 1),
    "tanh_sigmoid": lambda L, Fn, x: x.tanh() + x.sigmoid() * 2,
    "sum_dim_keepdim": lambda L, Fn, x: (x * x).sum(1, keepdim=True) - x.mean(),
    "transpose_matmul": lambda L, Fn, x: x.T @ x,
    "softmax_log_softmax": lambda L, Fn, x: x.softmax(1) + x.log_softmax(0),
    "relu_max": lambda L, Fn, x: Fn.relu(x) + x.amax(0),
    "index_cat": lambda L, Fn, x: L.cat([x[1:, ::2], x[:2, 1::2] ** 3], 0),
    "linear_mse": lambda L, Fn, x: Fn.mse_loss(Fn.linear(x, x[:2] * 0.5), x[:, :2]),
    "conv2d": lambda L, Fn, x: Fn.conv2d(x.reshape(1, 1, 3, 4), x[:2, :2].reshape(1, 1, 2, 2), padding=1),
    "max_pool": lambda L, Fn, x: Fn.max_pool2d(x.reshape(1, 1, 3, 4), 2),
    "norm_where": lambda L, Fn, x: L.where(x > 0, x.norm(), x.abs()),
}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_tangent_matches_torch_and_finite_differences(name):
    a, v = R.randn(3, 4), R.randn(3, 4)
    got = {}
    for lib in (autograd, torch):
        L, Fn = _lib(lib)
        with lib.autograd.forward_ad.dual_level():
            dual = lib.autograd.forward_ad.make_dual(L.tensor(a), L.tensor(v))
            out = FUNCTIONS[name](L, Fn, dual)
            primal, tangent = lib.autograd.forward_ad.unpack_dual(out)
        got[lib] = (primal, tangent)
    assert_close(got[autograd][0], got[torch][0], rtol=1e-10, atol=1e-12)
    assert_close(got[autograd][1], got[torch][1], rtol=1e-9, atol=1e-10)
    eps = 1e-6
    f = lambda arr: FUNCTIONS[name](autograd, F, autograd.tensor(arr)).numpy()  # noqa: E731
    numeric = (f(a + eps * v) - f(a - eps * v)) / (2 * eps)
    np.testing.assert_allclose(got[autograd][1].numpy(), numeric, rtol=1e-5, atol=1e-6)


def test_only_some_inputs_dual_and_graph_still_recorded():
    w = autograd.tensor([1.0, 2.0], requires_grad=True)
    x = autograd.tensor([3.0, 4.0])
    with fwAD.dual_level():
        dw = fwAD.make_dual(w, autograd.tensor([1.0, 0.0]))
        y = (dw * x).sum()
        assert fwAD.unpack_dual(y).tangent.item() == 3.0
        y.backward()
    np.testing.assert_array_equal(w.grad.numpy(), [3.0, 4.0])
    assert dw.grad_fn.name() == "ViewBackward0"


def test_non_differentiable_outputs_and_detach_have_no_tangent():
    with fwAD.dual_level():
        d = fwAD.make_dual(autograd.tensor([1.0, 3.0, 2.0]), autograd.ones(3))
        assert fwAD.unpack_dual(d.argmax()).tangent is None
        assert fwAD.unpack_dual(d > 1).tangent is None
        assert fwAD.unpack_dual(d.detach()).tangent is None
        assert fwAD.unpack_dual(autograd.ones(3)).tangent is None


def test_tangents_are_dropped_when_the_level_closes():
    with fwAD.dual_level() as level:
        assert level == 0
        y = fwAD.make_dual(autograd.ones(2), autograd.ones(2)) * 2
    assert fwAD.unpack_dual(y).tangent is None
    assert repr(y) == "tensor([2., 2.])"
    assert autograd.Function.__dict__["apply"] is not None and "dual" not in repr(autograd.Function.apply)


@pytest.mark.parametrize("case", ["no_level", "size", "int_primal", "nested"])
def test_errors_like_torch(case):
    caught = []
    for lib in (autograd, torch):
        ad = lib.autograd.forward_ad
        try:
            if case == "no_level":
                ad.make_dual(lib.ones(2), lib.ones(2))
            else:
                with ad.dual_level():
                    if case == "size":
                        ad.make_dual(lib.ones(2), lib.ones(3))
                    elif case == "int_primal":
                        ad.make_dual(lib.ones(2, dtype=lib.int64), lib.ones(2))
                    else:
                        with ad.dual_level():
                            pass
        except Exception as e:  # noqa: BLE001 - compared below
            caught.append((type(e).__name__, str(e).replace("torch.", "autograd.")))
        else:
            caught.append(None)
    assert caught[0] == caught[1] and caught[0] is not None


def test_printing_like_torch():
    texts = []
    for lib in (autograd, torch):
        ad = lib.autograd.forward_ad
        with ad.dual_level():
            d = ad.make_dual(lib.tensor([[1.0, 2.0], [3.0, 4.0]]), lib.ones(2, 2))
            texts.append([repr(d), repr(d.sum()), repr(ad.make_dual(lib.tensor([1.0]).double(), lib.ones(1).double()))])
    assert [t.replace("torch.", "autograd.") for t in texts[1]] == texts[0]


def test_inplace_writes_carry_tangents_like_torch():
    out = []
    for lib in (autograd, torch):
        ad = lib.autograd.forward_ad
        with ad.dual_level():
            d = ad.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, 0.5]))
            a = d.clone()
            a.mul_(3)
            b = lib.zeros(2)
            b.add_(d)
            c = lib.zeros(3)
            c[1] = d[1]
            out.append([ad.unpack_dual(t).tangent.numpy().copy() for t in (a, b, c)])
    for ours, theirs in zip(*out):
        np.testing.assert_allclose(ours, theirs)


def test_custom_function_jvp_is_used():
    calls = []

    class CubeWithJvp(Cube):
        @staticmethod
        def jvp(ctx, t):
            calls.append(1)
            (x,) = ctx.saved_tensors
            return 3 * x ** 2 * t

    with fwAD.dual_level():
        y = CubeWithJvp.apply(fwAD.make_dual(autograd.tensor([1.0, 2.0]), autograd.tensor([1.0, 1.0])))
        np.testing.assert_allclose(fwAD.unpack_dual(y).tangent.numpy(), [3.0, 12.0])
    assert calls == [1]


def test_mlp_jvp_equals_functional_jvp():
    """Forward mode through a small network agrees with autograd.functional.jvp (double-vjp over the whole)."""
    autograd.manual_seed(0)
    import nn
    net = nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 2)).double()
    x, v = autograd.tensor(R.randn(3, 4)), autograd.tensor(R.randn(3, 4))
    with fwAD.dual_level():
        tangent = fwAD.unpack_dual(net(fwAD.make_dual(x, v))).tangent
    _, expected = autograd.autograd.functional.jvp(net, x, v)
    np.testing.assert_allclose(tangent.numpy(), expected.numpy(), rtol=1e-10, atol=1e-12)


def test_dropout_tangent_uses_the_forward_mask():
    autograd.manual_seed(0)
    with fwAD.dual_level():
        d = fwAD.make_dual(autograd.ones(1000), autograd.ones(1000) * 3)
        y = F.dropout(d, 0.5)
        primal, tangent = fwAD.unpack_dual(y)
        np.testing.assert_array_equal(tangent.numpy(), 3 * primal.numpy())
    nxt = autograd.rand(1)  # the generator moved on exactly as without forward AD
    autograd.manual_seed(0)
    F.dropout(autograd.ones(1000), 0.5)
    assert autograd.rand(1).item() == nxt.item()
