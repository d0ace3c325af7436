"""Engine details: grad_fn._saved_<name> / _raw_saved_<name>, custom Function outputs that alias inputs,
reentrant checkpoint under grad(), input gradients computed only where asked for."""
import numpy as np
import pytest

import autograd
import nn.functional as F


def _x(*shape):
    return autograd.tensor(np.arange(1, np.prod(shape) + 1, dtype=np.float32).reshape(shape), requires_grad=True)


def test_saved_inputs_are_the_inputs():
    x = _x(5)
    y = x.pow(2)
    assert y.grad_fn._saved_self is x and y.grad_fn._saved_exponent == 2
    a, b = _x(3), _x(3)
    z = a * b
    assert z.grad_fn._saved_self is a and z.grad_fn._saved_other is b


def test_saved_result_is_a_new_tensor_on_the_node():
    x = _x(4)
    y = x.exp()
    r = y.grad_fn._saved_result
    assert r is not y and r.equal(y) and r.grad_fn is y.grad_fn
    assert x.relu().grad_fn._saved_result.equal(x.relu())


def test_wrapped_numbers_and_unsaved_inputs():
    x = _x(3)
    g = (x * 3).grad_fn
    assert g._saved_self is None
    assert g._saved_other.dtype == autograd.int64 and g._saved_other.item() == 3
    assert (x / 2.0).grad_fn._saved_other.dtype == autograd.float64


def test_sizes_dims_and_flags():
    x = _x(3, 4)
    assert x.sum().grad_fn._saved_self_sym_sizes == (3, 4)
    s = x.sum(1).grad_fn
    assert (s._saved_dim, s._saved_keepdim) == ((1,), False)
    m = x.mean(1, keepdim=True).grad_fn
    assert m._saved_self_sym_numel == 12 and m._saved_keepdim is True
    assert (x + 1).grad_fn._saved_alpha == 1
    assert x.softmax(1).grad_fn._saved_dim == 1
    w = _x(5, 4)
    mm = (x @ w.T).grad_fn
    assert mm._saved_mat2_sym_sizes == (4, 5) and mm._saved_mat2_sym_strides == (1, 4)
    v = _x(4)
    assert (v @ v).grad_fn._saved_tensor is v and (x @ v).grad_fn._saved_vec is v


def test_dir_lists_torch_names_only():
    x = _x(3)
    names = [n for n in dir((x * x).grad_fn) if n.startswith("_saved")]
    assert names == ["_saved_other", "_saved_self"]
    assert [n for n in dir(x.exp().grad_fn) if n.startswith("_saved")] == ["_saved_result"]
    assert "_raw_saved_self" in dir((x * x).grad_fn)


def test_freed_after_backward_and_unknown_names():
    x = _x(3)
    z = x * x
    z.sum().backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        z.grad_fn._saved_self
    with pytest.raises(AttributeError, match="_saved_nothing"):
        z.grad_fn._saved_nothing
    assert x.sum().grad_fn._saved_self_sym_sizes == (3,)  # sizes are no saved tensors: still there


def test_in_place_change_is_reported():
    x = _x(3)
    y = x * 1
    z = y * y
    y.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        z.grad_fn._saved_self


def test_raw_saved_register_hooks():
    calls = []

    def pack(t):
        calls.append("pack")
        return t * 1

    def unpack(t):
        calls.append("unpack")
        return t

    a = autograd.ones(5, requires_grad=True)
    b = autograd.ones(5, requires_grad=True) * 2
    y = a * b
    y.grad_fn._raw_saved_self.register_hooks(pack, unpack)
    assert calls == ["pack"]
    y.sum().backward()
    assert calls == ["pack", "unpack"]
    assert a.grad.tolist() == [2.0] * 5
    a.grad = None
    y = a.exp()
    y.grad_fn._raw_saved_result.register_hooks(pack, unpack)
    y.sum().backward()
    np.testing.assert_allclose(a.grad.numpy(), np.e, rtol=1e-6)
    with pytest.raises(TypeError):
        a.pow(2).grad_fn._raw_saved_self.register_hooks(1, 2)


def test_user_functions_have_no_saved_attributes():
    class Square(autograd.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x * g

    y = Square.apply(_x(3))
    assert not [n for n in dir(y.grad_fn) if n.startswith("_saved")]
    with pytest.raises(AttributeError):
        y.grad_fn._saved_self
    assert F.relu(_x(2)).grad_fn._saved_result is not None


def test_custom_function_outputs_aliasing_an_input_are_views():
    class Flat(autograd.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.view(-1)

        @staticmethod
        def backward(ctx, g):
            return g.view(2, 2)

    class Id(autograd.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, g):
            return g

    x = autograd.ones(2, 2, requires_grad=True)
    y = Id.apply(x)
    assert y is not x and y._base is x and y.grad_fn.name() == "IdBackward"
    h = x * 1
    z = Flat.apply(h)
    assert z._is_view() and z._base is h
    with pytest.raises(RuntimeError, match="Output 0 of Flat is a view and is being modified inplace. This view was "
                                           "created inside a custom Function"):
        z.add_(1)
    c = Flat.apply(h).clone()
    c.add_(1)  # a clone is no view
    c.sum().backward()
    assert x.grad.tolist() == [[1.0, 1.0], [1.0, 1.0]]


def test_reentrant_checkpoint_refuses_grad_and_backward_inputs():
    from autograd.utils.checkpoint import checkpoint
    x = autograd.ones(2, 3, requires_grad=True)
    for run in (lambda out: autograd.grad(out.sum(), x), lambda out: out.sum().backward(inputs=[x])):
        out = checkpoint(lambda t: (t * 2).relu(), x, use_reentrant=True)
        with pytest.raises(RuntimeError, match="use_reentrant=True, autograd.utils.checkpoint is incompatible"):
            run(out)
    out = checkpoint(lambda t: (t * 2).relu(), x, use_reentrant=True)
    out.sum().backward()
    assert x.grad.tolist() == [[2.0] * 3] * 2 and autograd._is_checkpoint_valid()


def test_grad_computes_only_the_inputs_asked_for():
    a = autograd.tensor([1.0, 2.0], requires_grad=True)
    x = autograd.tensor([0.5, 1.5], requires_grad=True)
    (gx,) = autograd.grad(autograd.igamma(a, x).sum(), x)  # igamma has no derivative for a: not asked, no error
    np.testing.assert_allclose(gx.numpy(), [0.60653066, 0.33469524], rtol=1e-6)
    with pytest.raises(NotImplementedError, match="derivative for 'igamma: input' is not implemented"):
        autograd.grad(autograd.igamma(a, x).sum(), a)
    autograd.igamma(a, x).sum().backward(inputs=[x])
    assert a.grad is None and x.grad is not None
