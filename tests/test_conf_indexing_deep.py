"""Indexing/shape fixes found by the conformance programs in tests/conformance/programs/indexing_deep.py."""
import numpy as np
import pytest

from oracle import assert_close, to_ours, to_torch, torch

import autograd


def _same_error(fn_ours, fn_theirs):
    with pytest.raises(Exception) as theirs:
        fn_theirs()
    with pytest.raises(Exception) as ours:
        fn_ours()
    assert type(ours.value).__name__ == type(theirs.value).__name__
    assert str(ours.value).replace("autograd", "torch") == str(theirs.value)


@pytest.mark.parametrize("key", [
    (0, slice(None), [[0, 3]], 1), (slice(None), [1], 0), (0, Ellipsis, [1, 0]), (1, None, [0, 2]),
    ([0, 1], slice(None), 0), (slice(None), [True, False, True], 1)])
def test_ints_select_before_advanced_indexing(key):
    x = np.arange(48.0).reshape(2, 3, 4, 2)
    t, o = torch.tensor(x, requires_grad=True), autograd.tensor(x, requires_grad=True)
    ty, oy = t[key], o[key]
    assert_close(oy, ty)
    w = np.arange(ty.numel(), dtype=np.float64).reshape(ty.shape)
    (ty * torch.tensor(w)).sum().backward()
    (oy * autograd.tensor(w)).sum().backward()
    assert_close(o.grad, t.grad)
    tz, oz = torch.zeros(2, 3, 4, 2, dtype=torch.float64), autograd.zeros(2, 3, 4, 2, dtype=autograd.float64)
    tz[key] = torch.tensor(w)
    oz[key] = autograd.tensor(w)
    assert_close(oz, tz)


@pytest.mark.filterwarnings("ignore:Using a non-tuple sequence")
def test_list_with_sequences_is_a_tuple():
    with pytest.warns(UserWarning, match="non-tuple sequence for multidimensional indexing is deprecated"):
        autograd.zeros(2, 2)[[[0], [1]]]
    x = np.arange(30).reshape(5, 6)
    t, o = torch.tensor(x), autograd.tensor(x)
    for key in ([[0, 1], [1, 2]], [[0, 1]], [slice(0, 2), 1], [None, 0]):
        assert_close(o[key], t[key])
    assert_close(o[[autograd.tensor(1), 2]], t[[torch.tensor(1), 2]])


def test_index_put_dtype_must_match_except_masked_fill():
    for mod in (torch, autograd):
        x = mod.zeros(3, 4)
        x[x == 0] = mod.tensor(2)  # one-element value with a single mask: masked_fill, which casts
        x[[0], 1] = 5
        with pytest.raises(RuntimeError, match="Index put requires the source and destination dtypes match"):
            x[[0, 2]] = mod.tensor([1, 2, 3, 4])
        with pytest.raises(RuntimeError, match="Index put requires"):
            x.index_put_((mod.tensor([0]),), mod.tensor(1.0, dtype=mod.float64))
        with pytest.raises(RuntimeError, match="shape mismatch"):
            x[x > 0] = mod.tensor([1, 1])
    _same_error(lambda: autograd.zeros(4).__setitem__(slice(None), autograd.ones(5)),
                lambda: torch.zeros(4).__setitem__(slice(None), torch.ones(5)))


def test_put_and_grads():
    idx = np.array([0, 4, -1, 4])
    for acc in (False, True):
        t = torch.zeros(2, 3, requires_grad=True)
        o = autograd.zeros(2, 3, requires_grad=True)
        tv, ov = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True), autograd.tensor([1.0, 2.0, 3.0, 4.0],
                                                                                         requires_grad=True)
        tr, orr = t.put(torch.tensor(idx), tv, accumulate=acc), o.put(autograd.tensor(idx), ov, accumulate=acc)
        if acc:
            assert_close(orr, tr)
        assert orr.grad_fn.name() == tr.grad_fn.name()
        w = np.arange(6.0).reshape(2, 3)
        (tr * torch.tensor(w, dtype=torch.float32)).sum().backward()
        (orr * autograd.tensor(w, dtype=autograd.float32)).sum().backward()
        assert_close(o.grad, t.grad)
    _same_error(lambda: autograd.zeros(3).put_(autograd.tensor([3]), autograd.tensor([1.0])),
                lambda: torch.zeros(3).put_(torch.tensor([3]), torch.tensor([1.0])))
    _same_error(lambda: autograd.zeros(3).put_(autograd.tensor([0]), autograd.tensor([1])),
                lambda: torch.zeros(3).put_(torch.tensor([0]), torch.tensor([1])))


@pytest.mark.parametrize("size,stride,offset", [((3, 3), (5, 1), 1), ((2, 2), (1, 2), None), ((4,), (0,), 3),
                                                ((2, 3), (1, 1), 0)])
def test_as_strided_values_grads(size, stride, offset):
    x = np.arange(20.0).reshape(4, 5)
    t, o = torch.tensor(x, requires_grad=True), autograd.tensor(x, requires_grad=True)
    ty, oy = t.as_strided(size, stride, offset), o.as_strided(size, stride, offset)
    assert_close(oy, ty)
    assert oy.stride() == ty.stride() and oy.storage_offset() == ty.storage_offset()
    w = np.arange(1.0, ty.numel() + 1).reshape(size)
    (ty * torch.tensor(w)).sum().backward()
    (oy * autograd.tensor(w)).sum().backward()
    assert_close(o.grad, t.grad)
    assert oy.grad_fn.name() == "AsStridedBackward0"


def test_as_strided_of_a_view_and_errors():
    t, o = torch.arange(8.0)[2:], autograd.arange(8.0)[2:]
    assert_close(o.as_strided((2,), (2,)), t.as_strided((2,), (2,)))
    assert o.as_strided((2,), (1,)).storage_offset() == 2
    _same_error(lambda: o.as_strided((3, 3), (1, 1), 5), lambda: t.as_strided((3, 3), (1, 1), 5))
    _same_error(lambda: o.as_strided((2, 2), (1,)), lambda: t.as_strided((2, 2), (1,)))


def test_narrow_copy_and_diagonal_offsets():
    x = np.arange(12.0).reshape(3, 4)
    t, o = torch.tensor(x), autograd.tensor(x)
    assert_close(o.narrow_copy(1, 1, 2), t.narrow_copy(1, 1, 2))
    assert autograd.narrow_copy(o, 0, 1, 1).is_contiguous()
    for off in (-1, 0, 1):
        assert o.diagonal(off).storage_offset() == t.diagonal(off).storage_offset()


def test_clone_preserves_dense_strides_and_channels_last():
    x = np.arange(24.0).reshape(1, 2, 3, 4)
    t, o = torch.tensor(x), autograd.tensor(x)
    for perm in ((0, 1, 3, 2), (0, 2, 3, 1)):
        assert o.permute(*perm).clone().stride() == t.permute(*perm).clone().stride()
    assert o[:, :, ::2].clone().stride() == t[:, :, ::2].clone().stride()
    assert o.expand(2, 2, 3, 4).clone().stride() == t.expand(2, 2, 3, 4).clone().stride()
    cl, tcl = o.clone(memory_format=autograd.channels_last), t.clone(memory_format=torch.channels_last)
    assert cl.stride() == tcl.stride() and repr(autograd.channels_last) == "autograd.channels_last"
    assert o.contiguous(memory_format=autograd.channels_last).stride() == tcl.stride()
    assert o.to(memory_format=autograd.channels_last).stride() == tcl.stride()
    assert cl.contiguous(memory_format=autograd.channels_last) is cl
    with pytest.raises(RuntimeError, match="required rank 4 tensor to use channels_last format"):
        autograd.zeros(2, 3).clone(memory_format=autograd.channels_last)
    g = autograd.tensor(x, requires_grad=True)
    g.permute(0, 2, 3, 1).clone().sum().backward()
    assert g.grad.shape == (1, 2, 3, 4)


def test_error_messages_in_torch_order():
    for build in (lambda m: m.zeros(3, 1).expand(-1, 2, 4),
                  lambda m: m.tensor([[1, 2], [3, 4]]).repeat_interleave(m.tensor([1, 2, 3]), dim=0),
                  lambda m: m.repeat_interleave(m.tensor([1, -1])),
                  lambda m: m.tensor([1, 2]).repeat_interleave(m.tensor([2, 1]), dim=0, output_size=4),
                  lambda m: m.zeros(3, 4).index_copy(1, m.tensor([0]), m.ones(3, 2)),
                  lambda m: m.zeros(3, 4).index_copy(0, m.tensor([0]), m.ones(1, 4, dtype=m.float64)),
                  lambda m: m.zeros(3, 4).index_copy(0, m.tensor([-1]), m.ones(1, 4)),
                  lambda m: m.zeros(2, 3).masked_scatter(m.ones(2, 3, dtype=m.bool), m.ones(3)),
                  lambda m: m.arange(3.0).view(m.float64),
                  lambda m: m.arange(6.0).view(2, 3).t().view(m.float64),
                  lambda m: m.arange(6.0).view(-2, 3),
                  lambda m: m.tensor(7.0)[0],
                  lambda m: m.tensor(7.0)[0:1],
                  lambda m: m.take_along_dim(m.ones(2, 2), m.tensor([[0.0]]), dim=1),
                  lambda m: m.arange(3.0).H,
                  lambda m: m.ones(2, 3, 4).H,
                  lambda m: m.arange(3.0).adjoint()):
        _same_error(lambda: build(autograd), lambda: build(torch))


def test_inplace_on_a_view_that_is_a_leaf_requiring_grad():
    _same_error(lambda: autograd.arange(6.0).reshape(2, 3).requires_grad_().mul_(2),
                lambda: torch.arange(6.0).reshape(2, 3).requires_grad_().mul_(2))


def test_matrix_transposes_zero_d_and_names():
    for m in (torch, autograd):
        with pytest.warns(UserWarning, match="deprecated on 0-D tensors"):
            assert m.tensor(2.0).mT.item() == 2.0
    x = to_ours(torch.ones(2, 3), requires_grad=True)
    assert x.H.grad_fn.name() == "TransposeBackward0" and autograd.adjoint(x).shape == (3, 2)
    assert_close(x.mH, to_torch(x).mH)
