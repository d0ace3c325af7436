"""Autograd semantics vs torch: grad modes, accumulation, retain_grad, hooks, freed graphs, backward/grad
arguments, higher-order gradients, custom Functions, anomaly detection and very deep graphs."""
import sys
import warnings

import numpy as np
import pytest

from core_oracle import raises_like
from oracle import assert_close, torch

import autograd
from autograd import Function

R = np.random.RandomState(0)


def pair(*shape, dtype=np.float32):
    a = np.asarray(R.randn(*shape)).astype(dtype)
    return (autograd.tensor(a, requires_grad=True), torch.tensor(a, requires_grad=True))


# ---- grad modes --------------------------------------------------------------------------------------
def test_no_grad_context_and_decorators():
    x = autograd.ones(2, requires_grad=True)
    with autograd.no_grad():
        assert not autograd.is_grad_enabled()
        y = x * 2
    assert autograd.is_grad_enabled()
    assert not y.requires_grad and y.grad_fn is None

    @autograd.no_grad()
    def f(t):
        return t * 2

    @autograd.no_grad
    def g(t):
        return t * 2
    assert not f(x).requires_grad and not g(x).requires_grad
    assert f.__name__ == "f" and g.__name__ == "g"
    assert autograd.is_grad_enabled()


def test_enable_grad_inside_no_grad_and_restore_on_exception():
    x = autograd.ones(2, requires_grad=True)
    with autograd.no_grad():
        with autograd.enable_grad():
            assert (x * 2).requires_grad
        assert not (x * 2).requires_grad

        @autograd.enable_grad()
        def f(t):
            return t * 2

        @autograd.enable_grad
        def g(t):
            return t * 2
        assert f(x).requires_grad and g(x).requires_grad
    with pytest.raises(ValueError):
        with autograd.no_grad():
            raise ValueError
    assert autograd.is_grad_enabled()


def test_set_grad_enabled_function_context_decorator():
    x = autograd.ones(2, requires_grad=True)
    try:
        autograd.set_grad_enabled(False)
        assert not autograd.is_grad_enabled() and not (x * 2).requires_grad
    finally:
        autograd.set_grad_enabled(True)
    with autograd.set_grad_enabled(False):
        assert not (x * 2).requires_grad
        with autograd.set_grad_enabled(True):
            assert (x * 2).requires_grad
    assert autograd.is_grad_enabled()

    @autograd.set_grad_enabled(False)
    def f(t):
        return t * 2
    assert autograd.is_grad_enabled()  # the decorator itself leaves the mode alone
    assert not f(x).requires_grad
    assert autograd.is_grad_enabled()


@pytest.mark.parametrize("make", [autograd.no_grad, lambda: autograd.set_grad_enabled(False), autograd.inference_mode])
def test_decorated_generators_hold_the_mode_while_they_run(make):
    """As torch: the mode is entered around every step of the generator, not around its creation."""
    x = autograd.ones(2, requires_grad=True)

    @make()
    def steps():
        got = yield (x * 2).requires_grad
        while got is not None:
            got = yield (got, autograd.is_grad_enabled())
        return "done"

    assert autograd.is_grad_enabled()
    g = steps()
    assert next(g) is False and autograd.is_grad_enabled()
    assert g.send(7) == (7, False) and autograd.is_grad_enabled()
    with pytest.raises(StopIteration) as stop:
        g.send(None)
    assert stop.value.value == "done" and autograd.is_grad_enabled()
    g = steps()
    next(g)
    with pytest.raises(KeyError):
        g.throw(KeyError("k"))
    assert autograd.is_grad_enabled()


def test_inference_mode():
    x = autograd.ones(2, requires_grad=True)
    with autograd.inference_mode():
        assert not (x * 2).requires_grad
    with autograd.inference_mode(False):
        assert (x * 2).requires_grad


def _inference_pair():
    """(made inside inference_mode, result of an op on a grad-requiring leaf inside it, that leaf) per library."""
    out = {}
    for lib in (autograd, torch):
        w = lib.ones(2, requires_grad=True)
        with lib.inference_mode():
            t = lib.ones(2)
            u = w * 2
        out[lib] = (t, u, w)
    return out


def test_inference_tensors_are_marked():
    for lib, (t, u, w) in _inference_pair().items():
        assert (t.is_inference(), u.is_inference(), w.is_inference(), u.requires_grad) == (True, True, False, False)
        assert lib.is_inference(t) and not lib.is_inference(w)
        with lib.inference_mode(False):
            assert not lib.ones(1).is_inference()


@pytest.mark.parametrize("case", ["saved", "inplace", "inplace_setitem", "requires_grad"])
def test_inference_tensor_errors_like_torch(case):
    messages = []
    for lib, (t, u, w) in _inference_pair().items():
        before = t.detach().numpy().copy() if lib is autograd else t.numpy().copy()
        with pytest.raises(RuntimeError) as info:
            if case == "saved":
                (t * w).sum().backward()
            elif case == "inplace":
                t.add_(1)
            elif case == "inplace_setitem":
                t[0] = 5.0
            else:
                t.requires_grad_()
        messages.append(str(info.value).replace("torch.", "autograd."))
        if lib is autograd:  # nothing half-updated (torch writes, then raises)
            np.testing.assert_array_equal(t.numpy(), before)
        assert w.grad is None
    assert messages[0] == messages[1]


def test_inference_tensors_work_where_torch_allows_them():
    for lib, (t, u, w) in _inference_pair().items():
        (t + w).sum().backward()  # add saves neither input
        np.testing.assert_array_equal(w.grad.numpy(), [1.0, 1.0])
        with lib.inference_mode():
            t.add_(1)  # in place inside inference mode
        np.testing.assert_array_equal(t.numpy(), [2.0, 2.0])
        assert t[0].is_inference() and t.detach().is_inference()  # views and detached aliases are too
        c = t.clone()  # a clone outside is a normal tensor
        assert not c.is_inference()
        (c * w).sum().backward()

# ---- leaves, accumulation, retain_grad ---------------------------------------------------------------
def test_gradient_accumulates_on_leaves():
    x, tx = pair(3)
    for _ in range(3):
        (x * x).sum().backward()
        (tx * tx).sum().backward()
    assert_close(x.grad, tx.grad)
    x.grad = None
    (x * 3).sum().backward()
    assert x.grad.tolist() == [3., 3., 3.]


def test_grad_only_on_leaves_unless_retained():
    x = autograd.tensor([1., 2.], requires_grad=True)
    y = x * 2
    z = y * y
    with pytest.warns(UserWarning, match="is not a leaf Tensor is being accessed"):
        assert y.grad is None
    y.retain_grad()
    assert y.retains_grad and not x.retains_grad
    z.sum().backward()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert y.grad.tolist() == [4., 8.]
    assert x.grad.tolist() == [8., 16.]
    assert x.is_leaf and not y.is_leaf and y.grad_fn.name() == "MulBackward0"


def test_retain_grad_accumulates_like_torch():
    out = []
    for m in (autograd, torch):
        x = m.tensor([1., 2.], requires_grad=True)
        y = x * 3
        y.retain_grad()
        (y * y).sum().backward(retain_graph=True)
        (y * y).sum().backward()
        out.append(y.grad)
    assert_close(*out)


def test_requires_grad_rules():
    raises_like(lambda m: m.tensor([1, 2]).requires_grad_())
    raises_like(lambda m: (m.ones(2, requires_grad=True) * 2).requires_grad_(False))
    raises_like(lambda m: m.tensor([1, 2]).retain_grad())
    raises_like(lambda m: m.tensor([1., 2.]).register_hook(lambda g: g))
    x = autograd.ones(2, requires_grad=True)
    assert (x * 2).requires_grad and not (x * 2).detach().requires_grad
    assert not (x > 0).requires_grad
    assert (x * 2).requires_grad_(True).requires_grad


# ---- hooks --------------------------------------------------------------------------------------------
def test_hooks_on_leaf_and_non_leaf_replace_and_remove():
    results = []
    for m in (autograd, torch):
        seen = []
        x = m.tensor([1., 2., 3.], requires_grad=True)
        y = x * x
        h1 = y.register_hook(lambda g: g * 10)
        y.register_hook(lambda g: seen.append(g.clone()))
        h3 = x.register_hook(lambda g: g + 1)
        y.sum().backward(retain_graph=True)
        first = x.grad.clone()
        h1.remove()
        h3.remove()
        x.grad = None
        y.sum().backward()
        results.append((first, x.grad, seen))
    (a1, a2, aseen), (b1, b2, bseen) = results
    assert_close(a1, b1)
    assert_close(a2, b2)
    assert len(aseen) == len(bseen) == 2
    for s, t in zip(aseen, bseen):
        assert_close(s, t)


def test_hook_sees_accumulated_gradient_of_non_leaf():
    seen = []
    x = autograd.tensor([1., 2.], requires_grad=True)
    y = x * 2
    y.register_hook(lambda g: seen.append(g.tolist()))
    (y * 3 + y * 4).sum().backward()
    assert seen == [[7., 7.]]


# ---- backward arguments ------------------------------------------------------------------------------
def test_freed_graph_second_backward_raises():
    x = autograd.ones(2, requires_grad=True)
    y = (x * x).sum()
    y.backward()
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        y.backward()
    y2 = (x * x).sum()
    y2.backward(retain_graph=True)
    y2.backward()
    assert x.grad.tolist() == [6., 6.]


def test_second_backward_message_matches_torch():
    raises_like(lambda m: [z.backward() for z in [(m.ones(2, requires_grad=True).exp()).sum()] * 2])


def test_non_scalar_backward_requires_gradient():
    raises_like(lambda m: (m.ones(2, requires_grad=True) * 2).backward())
    raises_like(lambda m: (m.ones(2, requires_grad=True) * 2).sum().backward(m.ones(3)))
    raises_like(lambda m: m.ones(2).sum().backward())


def test_backward_with_gradient_argument():
    x, tx = pair(2, 3)
    g = np.asarray(R.randn(2, 3), np.float32)
    (x.exp() * 2).backward(gradient=autograd.tensor(g))
    (tx.exp() * 2).backward(gradient=torch.tensor(g))
    assert_close(x.grad, tx.grad)


def test_autograd_backward_function_and_inputs():
    x, tx = pair(3)
    w, tw = pair(3)
    autograd.backward([(x * w).sum(), (x * x).sum()], [autograd.tensor(1.), autograd.tensor(2.)])
    torch.autograd.backward([(tx * tw).sum(), (tx * tx).sum()], [torch.tensor(1.), torch.tensor(2.)])
    assert_close(x.grad, tx.grad)
    assert_close(w.grad, tw.grad)
    x.grad = w.grad = None
    (x * w).sum().backward(inputs=[w])
    assert x.grad is None and w.grad is not None
    raises_like(lambda m: (m.ones(2, requires_grad=True) * 2).sum().backward(inputs=[]))
    raises_like(lambda m: m.autograd.backward([m.ones(1, requires_grad=True) * 2] * 2, [m.ones(1)])
                if m is torch else autograd.backward([m.ones(1, requires_grad=True) * 2] * 2, [m.ones(1)]))


def test_grad_function_arguments():
    x, tx = pair(3)
    w, tw = pair(3)
    go = np.asarray(R.randn(3), np.float32)
    gx, gw = autograd.grad(x * w * x, [x, w], grad_outputs=autograd.tensor(go))
    tgx, tgw = torch.autograd.grad(tx * tw * tx, [tx, tw], grad_outputs=torch.tensor(go))
    assert_close(gx, tgx)
    assert_close(gw, tgw)
    assert x.grad is None and not gx.requires_grad
    (g,) = autograd.grad((x * x).sum(), x)
    assert g.tolist() == (2 * x).tolist()
    unused = autograd.ones(2, requires_grad=True)
    a, b = autograd.grad((x * 2).sum(), [x, unused], allow_unused=True)
    assert b is None and a.tolist() == [2., 2., 2.]
    a, b = autograd.grad((x * 2).sum(), [x, unused], materialize_grads=True)
    assert b.tolist() == [0., 0.]
    raises_like(lambda m: m.autograd.grad((m.ones(3, requires_grad=True) * 2).sum(),
                                          [m.ones(3, requires_grad=True), m.ones(2, requires_grad=True)])
                if m is torch else m.grad((m.ones(3, requires_grad=True) * 2).sum(),
                                          [m.ones(3, requires_grad=True), m.ones(2, requires_grad=True)]))
    raises_like(lambda m: (m.autograd.grad if m is torch else m.grad)((m.ones(3, requires_grad=True) * 2).sum(),
                                                                     [m.ones(3)]))
    raises_like(lambda m: (m.autograd.grad if m is torch else m.grad)([(m.ones(3, requires_grad=True) * 2).sum()] * 2,
                                                                     [m.ones(3, requires_grad=True)], [m.ones(())]))


def test_grad_retain_graph_and_multiple_outputs():
    x = autograd.tensor([1., 2.], requires_grad=True)
    y = x.exp()
    (g1,) = autograd.grad(y.sum(), x, retain_graph=True)
    (g2,) = autograd.grad([y.sum(), (y * 2).sum()], x)
    assert_close(g2, torch.tensor(3 * np.exp([1., 2.]), dtype=torch.float32))
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        autograd.grad(y.sum(), x)


# ---- higher order --------------------------------------------------------------------------------------
def test_third_derivative_of_x4():
    for m in (autograd, torch):
        x = m.tensor([0.5, -1.0, 2.0], requires_grad=True)
        gr = m.autograd.grad if m is torch else m.grad
        (d1,) = gr((x ** 4).sum(), x, create_graph=True)
        (d2,) = gr(d1.sum(), x, create_graph=True)
        (d3,) = gr(d2.sum(), x)
        np.testing.assert_allclose(d1.detach().numpy(), 4 * x.detach().numpy() ** 3, rtol=1e-6)
        np.testing.assert_allclose(d2.detach().numpy(), 12 * x.detach().numpy() ** 2, rtol=1e-6)
        np.testing.assert_allclose(d3.numpy(), 24 * x.detach().numpy(), rtol=1e-6)


def test_hessian_vector_product_vs_torch():
    a = np.asarray(R.randn(4), np.float64)
    W = np.asarray(R.randn(3, 4), np.float64)
    v = np.asarray(R.randn(4), np.float64)
    out = []
    for m in (autograd, torch):
        x = m.tensor(a, requires_grad=True)
        w = m.tensor(W)
        gr = m.autograd.grad if m is torch else m.grad
        f = ((w @ x).tanh() ** 2).sum() + (x.sigmoid() * x).sum()
        (g,) = gr(f, x, create_graph=True)
        (hv,) = gr((g * m.tensor(v)).sum(), x)
        out.append(hv)
    assert_close(*out, rtol=1e-10, atol=1e-12)


def test_create_graph_backward_populates_differentiable_grad():
    x = autograd.tensor([1., 2.], requires_grad=True)
    (x ** 3).sum().backward(create_graph=True)
    assert x.grad.requires_grad
    g = x.grad
    x.grad = None
    g.sum().backward()
    assert x.grad.tolist() == [6., 12.]


# ---- custom Function ------------------------------------------------------------------------------------
class MyCube(Function):
    @staticmethod
    def forward(ctx, x, scale):
        ctx.save_for_backward(x)
        ctx.scale = scale
        ctx.seen_needs = ctx.needs_input_grad
        return x ** 3 * scale

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * 3 * x ** 2 * ctx.scale, None


class SortWithIndex(Function):
    @staticmethod
    def forward(ctx, x):
        idx = autograd.tensor(np.argsort(x.detach().numpy()))
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(idx)
        return x[idx], idx

    @staticmethod
    def backward(ctx, g, gidx):
        (idx,) = ctx.saved_tensors
        out = autograd.zeros(g.shape, dtype=g.dtype)
        out[idx] = g
        return out


def test_custom_function():
    x = autograd.tensor([1., 2.], requires_grad=True)
    y = MyCube.apply(x, 2.0)
    assert y.grad_fn.name() == "MyCubeBackward" and type(y.grad_fn).__name__ == "MyCubeBackward"
    assert y.grad_fn.needs_input_grad == (True, False)
    y.sum().backward()
    assert x.grad.tolist() == [6., 24.]
    z = autograd.tensor([1., 2.], dtype=autograd.float64, requires_grad=True)
    assert autograd.gradcheck(lambda t: MyCube.apply(t, 1.5), (z,))
    assert autograd.gradgradcheck(lambda t: MyCube.apply(t, 1.5), (z,))
    with autograd.no_grad():
        assert not MyCube.apply(x, 2.0).requires_grad


def test_custom_function_non_differentiable_output():
    x = autograd.tensor([3., 1., 2.], requires_grad=True)
    s, idx = SortWithIndex.apply(x)
    assert s.requires_grad and not idx.requires_grad
    (s * autograd.tensor([1., 2., 3.])).sum().backward()
    assert x.grad.tolist() == [3., 1., 2.]



class _AddOneInplace(Function):
    @staticmethod
    def forward(ctx, x):
        x.add_(1)
        ctx.mark_dirty(x)
        return x

    @staticmethod
    def backward(ctx, g):
        return g


def test_custom_function_needs_input_grad_without_recording():
    seen = []

    class Probe(Function):
        @staticmethod
        def forward(ctx, a, b, k):
            seen.append(ctx.needs_input_grad)
            return a * b * k

    a, b = autograd.ones(2, requires_grad=True), autograd.ones(2)
    with autograd.no_grad():
        Probe.apply(a, b, 2.0)
    Probe.apply(b, b, 2.0)
    assert seen == [(True, False, False), (False, False, False)]


def test_custom_function_mark_dirty_returns_the_input():
    a = autograd.tensor([1., 2.], requires_grad=True)
    b = a * 2
    c = _AddOneInplace.apply(b)
    assert c is b and b._version == 2 and c.grad_fn.name() == "_AddOneInplaceBackward"
    (c * c).sum().backward()
    assert a.grad.tolist() == [12., 20.]
    with pytest.raises(RuntimeError):
        _AddOneInplace.apply(autograd.ones(2, requires_grad=True))


def test_custom_function_setup_context_style():
    class Mul(Function):
        @staticmethod
        def forward(x, y):
            return x * y

        @staticmethod
        def setup_context(ctx, inputs, output):
            ctx.save_for_backward(*inputs)

        @staticmethod
        def backward(ctx, g):
            x, y = ctx.saved_tensors
            return g * y, g * x

    a = autograd.tensor([1., 2.], requires_grad=True)
    b = autograd.tensor([3., 4.], requires_grad=True)
    Mul.apply(a, b).sum().backward()
    assert a.grad.tolist() == [3., 4.] and b.grad.tolist() == [1., 2.]


def test_custom_function_save_for_backward_rejects_non_tensors():
    class Bad(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x, 3)
            return x * 1

    with pytest.raises(TypeError):
        Bad.apply(autograd.ones(2, requires_grad=True))


def test_custom_function_gradient_for_non_tensor_argument_raises():
    class G(Function):
        @staticmethod
        def forward(ctx, x, k):
            return x * k

        @staticmethod
        def backward(ctx, g):
            return g, autograd.ones(1)

    x = autograd.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="different than None at position 2"):
        G.apply(x, 3.0).sum().backward()
    G.apply(x, autograd.ones(2)).sum().backward()  # a tensor argument that does not require grad: ignored
    assert x.grad.tolist() == [1., 1.]


def test_custom_function_vjp_alias_and_keyword_arguments():
    class Sq(Function):
        @staticmethod
        def forward(ctx, x, k=2.0):
            ctx.save_for_backward(x)
            ctx.k = k
            return x * x * k

        @staticmethod
        def vjp(ctx, g):
            x, = ctx.saved_tensors
            return 2 * x * g * ctx.k, None

    x = autograd.tensor([1., 3.], requires_grad=True)
    Sq.apply(x).sum().backward()
    assert x.grad.tolist() == [4., 12.]
    x.grad = None
    Sq.apply(x, k=3.0).sum().backward()
    assert x.grad.tolist() == [6., 18.]


@pytest.mark.filterwarnings("ignore::UserWarning")  # torch also warns on a non-leaf .grad read
def test_backward_inputs_non_leaf_gets_grad():
    y = autograd.tensor([1., 2.], requires_grad=True)
    h = y * 2
    (h * h).sum().backward(inputs=[h])
    assert h.grad.tolist() == [4., 8.] and y.grad is None
    r = y * 2
    r.retain_grad()
    (r * 3).sum().backward(inputs=[r])  # stored once, not twice
    assert r.grad.tolist() == [3., 3.]


def test_hook_changing_gradient_size_raises():
    x = autograd.tensor([1., 2.], requires_grad=True)
    x.register_hook(lambda g: autograd.ones(3))
    with pytest.raises(RuntimeError, match="changed the size"):
        (x * 2).sum().backward()
    h = x.detach().requires_grad_() * 2
    h.register_hook(lambda g: autograd.ones(3))
    with pytest.raises(RuntimeError, match="changed the size"):
        h.sum().backward()


def test_accumulate_grad_node_hook_receives_grad_outputs():
    x = autograd.ones(2, requires_grad=True)
    y = x * 3
    log = []
    y.grad_fn.next_functions[0][0].register_hook(lambda gi, go: log.append((gi, go[0].tolist())))
    y.sum().backward()
    assert log == [((), [3., 3.])]


@pytest.mark.parametrize("reentrant", [True, False])
def test_checkpoint_matches_plain_backward(reentrant):
    from autograd.utils.checkpoint import checkpoint, checkpoint_sequential
    import nn
    autograd.manual_seed(0)
    net = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Dropout(0.5), nn.Linear(4, 1))
    x = autograd.randn(5, 3, requires_grad=True)

    def grads():
        g = [p.grad.clone() for p in net.parameters()] + [x.grad.clone()]
        net.zero_grad()
        x.grad = None
        return g

    autograd.manual_seed(1)
    net(x).sum().backward()
    ref = grads()
    autograd.manual_seed(1)
    out = checkpoint(net, x, use_reentrant=reentrant)  # the recomputed dropout mask is the same
    assert (out.grad_fn.name() == "CheckpointFunctionBackward") == reentrant
    out.sum().backward()
    assert all(autograd.allclose(a, b) for a, b in zip(grads(), ref))
    autograd.manual_seed(1)
    checkpoint_sequential(net, 2, x, use_reentrant=reentrant).sum().backward()
    assert all(autograd.allclose(a, b) for a, b in zip(grads(), ref))


def test_once_differentiable_under_create_graph():
    from autograd.function import once_differentiable

    class Cube(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x ** 3

        @staticmethod
        @once_differentiable
        def backward(ctx, g):
            assert not autograd.is_grad_enabled()
            (x,) = ctx.saved_tensors
            return 3 * x ** 2 * g

    x = autograd.tensor([1., 2.], requires_grad=True)
    g, = autograd.grad(Cube.apply(x).sum(), x, create_graph=True)
    assert g.tolist() == [3., 12.] and not g.requires_grad  # the grad_output did not require grad
    v = autograd.ones(2, requires_grad=True)
    g, = autograd.grad(Cube.apply(x), x, grad_outputs=v * 1, create_graph=True)
    assert g.requires_grad and g.grad_fn.name() == "DelayedError"
    with pytest.raises(RuntimeError, match="once_differentiable"):
        g.sum().backward()


def test_retain_grad_runs_after_hooks_registered_later():
    x = autograd.tensor([1., 2.], requires_grad=True)
    h = x * 2
    h.retain_grad()
    h.register_hook(lambda g: g * 0)
    (h ** 2).sum().backward()
    assert h.grad.tolist() == [0., 0.] and x.grad.tolist() == [0., 0.]


def test_node_prehook_and_post_hook_receive_tuples():
    x = autograd.tensor([1., 2.], requires_grad=True)
    y = x * 3
    log = []
    y.grad_fn.register_prehook(lambda go: log.append(("pre", len(go))) or (autograd.ones(2),))
    y.grad_fn.register_hook(lambda gi, go: log.append(("post", len(gi), go[0].tolist())))
    y.exp().sum().backward()
    assert log == [("pre", 1), ("post", 2, [1., 1.])] and x.grad.tolist() == [3., 3.]


def test_post_accumulate_grad_hook():
    w = autograd.tensor([1., 2.], requires_grad=True)
    seen = []
    h = w.register_post_accumulate_grad_hook(lambda p: seen.append(p.grad.tolist()))
    (w * w).sum().backward()
    assert seen == [[2., 4.]]
    h.remove()
    (w * w).sum().backward()
    assert len(seen) == 1 and w.grad.tolist() == [4., 8.]
    with pytest.raises(RuntimeError):
        (w * 2).register_post_accumulate_grad_hook(lambda p: None)


def test_second_backward_through_nodes_that_saved_no_tensor():
    x = autograd.tensor([1., 2.], requires_grad=True)
    z = (x.view(2, 1).t() * 1.0).sum()  # Mul by a Python number saves (None, None)
    z.backward()
    z.backward()
    assert x.grad.tolist() == [2., 2.]


def test_jacobian_of_output_independent_of_input_is_zero():
    from autograd.functional import jacobian
    x = autograd.tensor([1., 2.])
    assert jacobian(lambda t: autograd.ones(2), x).tolist() == [[0., 0.], [0., 0.]]
    with pytest.raises(RuntimeError):
        jacobian(lambda t: autograd.ones(2), x, strict=True)

# ---- anomaly detection ----------------------------------------------------------------------------------
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_detect_anomaly_names_forward_op():
    x = autograd.zeros(2, requires_grad=True)
    with autograd.detect_anomaly():
        y = (x.sqrt() * 0).sum()
        with pytest.raises(RuntimeError, match=r"Function 'SqrtBackward0' returned nan values in its 0th output"):
            y.backward()
    (x.sqrt() * 0).sum().backward()  # outside anomaly mode: NaNs silently
    assert np.isnan(x.grad.numpy()).all()
    assert not autograd.is_anomaly_enabled()


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_detect_anomaly_as_decorator_and_setter():
    @autograd.detect_anomaly()
    def run():
        x = autograd.zeros(1, requires_grad=True)
        (x.sqrt() * 0).sum().backward()
    with pytest.raises(RuntimeError, match="SqrtBackward0"):
        run()
    autograd.set_detect_anomaly(True)
    try:
        assert autograd.is_anomaly_enabled()
    finally:
        autograd.set_detect_anomaly(False)


# ---- graph structure and deep graphs ------------------------------------------------------------------
def test_next_functions_and_accumulate_grad():
    x = autograd.ones(2, requires_grad=True)
    y = x * 2 + 1
    names = [type(f).__name__ for f, _ in y.grad_fn.next_functions if f is not None]
    assert names == ["MulBackward0"]
    (acc, nr), = [e for e in y.grad_fn.next_functions[0][0].next_functions if e[0] is not None]
    assert type(acc).__name__ == "AccumulateGrad" and acc.variable is x


def test_next_functions_list_torchs_inputs_only():
    """Dims, flags, index and mask tensors are not graph inputs; a scalar operand of + - * / is (None, 0),
    after the tensor also for ``2.0 * x`` and ``1 + x`` (torch evaluates them as ``x * 2.0``, ``x + 1``); ``2.0 - x``
    is torch's RsubBackward1 and ``2.0 / x`` its ``x.reciprocal() * 2.0``."""
    def layout(m, x, k, i):
        outs = [x.sum(), x.sum(1, keepdim=True), x ** 2, x * 2, x + 1, m.add(x, k, alpha=2), x - k, x.view(6),
                x.t(), x[0], m.cat([x, k]), m.stack([k, x]), m.where(k > 0, x, k), x.masked_fill(k > 0, 0.0),
                x.gather(1, i), x.clamp(min=0), x.softmax(1), m.nn.functional.mse_loss(x, k), 2.0 * x, 1 + x,
                2.0 - x, 2.0 / x]
        return [[None if f is None else type(f).__name__ for f, _ in o.grad_fn.next_functions] for o in outs]

    ours = layout(autograd, autograd.ones(2, 3, requires_grad=True), autograd.ones(2, 3),
                  autograd.tensor([[0], [1]]))
    ref = layout(torch, torch.ones(2, 3, requires_grad=True), torch.ones(2, 3), torch.tensor([[0], [1]]))
    assert ours == ref


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_reflected_scalar_ops_equal_torch_bitwise(dtype):
    """``c / x`` is ``x.reciprocal() * c`` in torch (not ``c / x`` rounded once): the same values to the bit."""
    xs = np.random.default_rng(0).standard_normal(4096).astype(dtype)
    for f in (lambda v: 3.0 / v, lambda v: 7 / v, lambda v: 2.5 - v, lambda v: 0.1 * v, lambda v: 0.1 + v):
        assert np.array_equal(f(autograd.tensor(xs)).numpy(), f(torch.tensor(xs)).numpy())


def test_diamond_graph_vs_torch():
    x, tx = pair(3)
    for m, t in ((autograd, x), (torch, tx)):
        a = t * 2
        b = a.exp() + a * a
        c = (b * a).sum() + b.sum()
        c.backward()
    assert_close(x.grad, tx.grad, rtol=1e-5)


@pytest.mark.slow
def test_100k_op_chain_backward_without_recursion_error():
    limit = sys.getrecursionlimit()
    x = autograd.tensor([1.0], requires_grad=True)
    y = x
    for _ in range(100_000):
        y = y * 1.0
    y.sum().backward()
    assert x.grad.tolist() == [1.0]
    assert sys.getrecursionlimit() == limit
    del y  # freeing the chain must not recurse either


def test_integer_and_float64_gradients_keep_dtype():
    x = autograd.tensor([1., 2.], dtype=autograd.float64, requires_grad=True)
    (x * autograd.tensor([1., 2.])).sum().backward()
    assert x.grad.dtype == autograd.float64


# ---- the unrecorded backward (raw_backward on arrays) equals the recorded one (Tensor formulas) ----
def _raw_op_cases():
    F = __import__("nn").functional
    return {
        "add_sub_broadcast_alpha": lambda a, b: autograd.add(a, b[0], alpha=2.5) - autograd.sub(b, a[:1], alpha=0.5),
        "mul_div_scalars": lambda a, b: (a * b / (b * b + 1.0) * 3.0) / 2.0 + 1.0 / (a * a + 1.0),
        "reflected_scalars": lambda a, b: (2.5 - a) * (1 + b) + 3.0 / (b * b + 1.0) - (0.5 - a * b),
        "div_rounding": lambda a, b: autograd.div(a, b + 3.0, rounding_mode="floor") + a,
        "neg_clone_to": lambda a, b: (-a.clone()).double().float() * b,
        "unary": lambda a, b: (a.exp() + (a * a + 1).log() + (a * a + 1).log2() + (a * a + 1).log10()
                               + (a * a).log1p() + a.expm1() + (a * a + 1).sqrt() + (a * a + 1).rsqrt()
                               + a.sin() + a.cos() + (a * 0.3).tan() + a.tanh() + a.sigmoid() + a.relu()
                               + a.abs() + (a * a + 1).reciprocal()) * b,
        "sum_mean_dims": lambda a, b: a.sum(1, keepdim=True) * b + a.mean(0) + a.sum() + a.mean((0, 1)),
        "views": lambda a, b: (a.reshape(-1).view(a.shape[1], -1).t().permute(1, 0) * b).expand(2, *a.shape),
        "matmul_shapes": lambda a, b: (a @ b.t()).sum() + (a[0] @ b.t()).sum() + (a @ b[0]).sum()
                                      + (a[0] @ b[0]) + (autograd.stack([a, a]) @ b.t()).sum(),
        "linear_cross_entropy": lambda a, b: F.cross_entropy(F.linear(a, b, b[:, 0]), autograd.tensor([0, 2, 1]))
                                             + F.cross_entropy(a, autograd.tensor([1, 0, 2]), reduction="sum")
                                             + F.linear(a, b).sum() + F.linear(autograd.stack([a, b]), b, a[0]).sum(),
    }


@pytest.mark.parametrize("name", list(_raw_op_cases()))
def test_unrecorded_backward_equals_recorded(name):
    fn = _raw_op_cases()[name]
    gen = np.random.default_rng(3)
    a = autograd.tensor(gen.standard_normal((3, 3)), requires_grad=True)
    b = autograd.tensor(gen.standard_normal((3, 3)), requires_grad=True)
    out = fn(a, b)
    gout = autograd.tensor(gen.standard_normal(tuple(out.shape)))
    raw = autograd.grad(out, (a, b), gout, retain_graph=True)
    recorded = autograd.grad(out, (a, b), gout, create_graph=True)
    for r, t in zip(raw, recorded):
        assert r.dtype == t.dtype and r.shape == t.shape
        np.testing.assert_allclose(r.numpy(), t.detach().numpy(), rtol=1e-12, atol=1e-12)
    if name != "neg_clone_to":  # its float32 round trip is too coarse for finite differences
        assert autograd.gradcheck(fn, (a, b))


def test_every_raw_backward_op_is_covered_by_the_equality_test():
    from autograd.function import Function

    def subclasses(c):
        for s in c.__subclasses__():
            yield s
            yield from subclasses(s)
    with_raw = {c.__name__ for c in subclasses(Function) if c.__dict__.get("raw_backward") is not None}
    covered = {"Add", "Sub", "Mul", "Div", "Neg", "Clone", "ToCopy", "Sum", "Mean", "View", "Expand", "Permute", "T",
               "Mm", "Addmm", "Addmm2d", "Mm2d", "CrossEntropy", "_Unary", "Add", "Sub", "Exp", "Log", "Log2", "Log10", "Log1p", "Expm1", "Sqrt",
               "Rsqrt", "Sin", "Cos", "Tan", "Tanh", "Sigmoid", "Relu", "Abs", "Reciprocal", "Rsub"}
    assert with_raw <= covered, with_raw - covered


# ---- a leaf keeps a gradient only the engine holds (torch's AccumulateGrad "steals" it) -------------
def _returning(make_grads, keep=None):
    """A Function of (a, b) whose backward returns ``make_grads(g)`` (arrays; a weakref to each is kept)."""
    import weakref
    refs = []

    class Custom(Function):
        @staticmethod
        def forward(ctx, a, b):
            return a * b

        @staticmethod
        def backward(ctx, g):
            arrays = make_grads(g.numpy())
            refs.extend(weakref.ref(a) for a in arrays)
            if keep is not None:
                keep.extend(arrays)
            return tuple(autograd.from_numpy(a) for a in arrays)
    return Custom, refs


def test_first_gradient_is_kept_without_a_copy_when_unshared():
    a, b = autograd.randn(3, 4, requires_grad=True), autograd.randn(3, 4, requires_grad=True)
    fn, refs = _returning(lambda g: (g * 2, np.ascontiguousarray((g * 3).T).T.copy()))
    fn.apply(a, b).sum().backward()
    assert a.grad.numpy() is refs[0]() and b.grad.numpy() is refs[1]()
    np.testing.assert_array_equal(a.grad.numpy(), np.full((3, 4), 2, np.float32))
    fn.apply(a, b).sum().backward()  # the kept buffer then accumulates in place
    np.testing.assert_array_equal(a.grad.numpy(), np.full((3, 4), 4, np.float32))


def test_linear_layer_gradients_stay_exact_and_contiguous_without_the_copy():
    import nn
    layer = nn.Linear(5, 3)
    x = autograd.randn(4, 5)
    layer(x).square().sum().backward()
    g = 2 * (x.numpy() @ layer.weight.detach().numpy().T + layer.bias.detach().numpy())
    np.testing.assert_allclose(layer.weight.grad.numpy(), g.T @ x.numpy(), rtol=1e-5)
    np.testing.assert_allclose(layer.bias.grad.numpy(), g.sum(0), rtol=1e-5)
    assert layer.weight.grad.numpy().flags.c_contiguous and layer.weight.grad.numpy().flags.writeable


@pytest.mark.parametrize("case", ["same_array_to_both", "kept_by_backward", "view_of_shared", "hook_keeps_it"])
def test_a_shared_gradient_is_copied_never_aliased(case):
    a, b = autograd.randn(2, 3, requires_grad=True), autograd.randn(2, 3, requires_grad=True)
    kept, seen = [], []
    if case == "same_array_to_both":
        fn, _ = _returning(lambda g: (lambda r: (r, r))(g + 1))
    elif case == "kept_by_backward":
        fn, _ = _returning(lambda g: (g + 1, g + 1), keep=kept)
    elif case == "view_of_shared":
        fn, _ = _returning(lambda g: (lambda r: (r[0], r[1]))(np.stack([g + 1, g + 1])))
    else:
        fn, _ = _returning(lambda g: (g + 1, g + 1))
        a.register_hook(lambda t: seen.append(t))
    fn.apply(a, b).sum().backward()
    assert not np.shares_memory(a.grad.numpy(), b.grad.numpy())
    for other in kept + [t.numpy() for t in seen]:
        assert not np.shares_memory(a.grad.numpy(), other) and not np.shares_memory(b.grad.numpy(), other)
    fn.apply(a, b).sum().backward()
    np.testing.assert_array_equal(a.grad.numpy(), np.full((2, 3), 4, np.float32))
    np.testing.assert_array_equal(b.grad.numpy(), np.full((2, 3), 4, np.float32))


def test_add_to_two_leaves_gives_each_its_own_gradient():
    a, b = autograd.randn(3, requires_grad=True), autograd.randn(3, requires_grad=True)
    ((a + b) * 2).sum().backward()
    assert not np.shares_memory(a.grad.numpy(), b.grad.numpy())
    a.grad.add_(1)
    np.testing.assert_array_equal(b.grad.numpy(), np.full(3, 2, np.float32))


def test_builtin_ops_get_no_zero_gradient_for_integer_outputs(monkeypatch):
    """Max pooling's indices never receive a gradient: its backward is not handed a zero int64 tensor
    the size of the output (a user Function still gets materialized zeros, as in torch)."""
    import nn.functional as F
    from autograd import engine
    made = []
    real = engine._zero_grad
    monkeypatch.setattr(engine, "_zero_grad", lambda meta, raw, internal: made.append(meta[1]) or real(meta, raw, internal))
    x = autograd.randn(2, 3, 4, 4, requires_grad=True)
    y, idx = F.max_pool2d(x, 2, return_indices=True)
    y.sum().backward()
    assert made == [np.dtype(np.int64)] and x.grad.shape == x.shape
    assert engine._zero_grad(((2, 2), np.dtype(np.int64)), True, True) is None
    np.testing.assert_array_equal(engine._zero_grad(((2,), np.dtype(np.int64)), True, False), [0, 0])
    np.testing.assert_array_equal(engine._zero_grad(((2,), np.dtype(np.float32)), True, True), [0, 0])


def test_custom_function_non_tensor_outputs_pass_through_like_torch():
    logs = []
    for lib in (autograd, torch):
        class F(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2, 4, "s"

            @staticmethod
            def backward(ctx, g, g_count, g_name):
                logs.append((g_count, g_name))
                return g * 2

        x = lib.ones(2, requires_grad=True)
        y, count, name = F.apply(x)
        assert (count, name) == (4, "s") and type(count) is int
        y.sum().backward()
        np.testing.assert_array_equal(x.grad.numpy(), [2.0, 2.0])
    assert logs == [(None, None), (None, None)]


@pytest.mark.parametrize("create_graph", [False, True])
def test_grad_is_grads_batched_gives_stacked_vjps_like_torch(create_graph):
    out = []
    for lib in (autograd, torch):
        w = lib.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=lib.float64, requires_grad=True)
        x = lib.tensor([0.5, -1.0, 2.0], dtype=lib.float64, requires_grad=True)
        z = (w @ x[:2]).sin() * x[2]
        gw, gx = lib.autograd.grad(z, (w, x), lib.eye(2, dtype=lib.float64), is_grads_batched=True,
                                   create_graph=create_graph)
        assert gw.shape == (2, 2, 2) and gx.shape == (2, 3) and gw.requires_grad == create_graph
        out.append((gw.detach().numpy(), gx.detach().numpy()))
    for ours, theirs in zip(*out):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12)
