"""In-place ops vs torch: results, gradients through rebased history (CopySlices through views), the
leaf / view / version-counter errors with PyTorch's messages, and all-or-nothing failure."""
import numpy as np
import pytest

from oracle import torch

import autograd


def _run(code, lib):
    ns = {"m": lib, "np": np}
    try:
        exec(code, ns)
    except Exception as e:  # noqa: BLE001 - compared with torch's
        msg = str(e).replace("torch.autograd.", "autograd.").replace("torch.", "autograd.")
        return type(e).__name__, msg
    out = ns.get("out")
    if hasattr(out, "detach"):
        out = out.detach().numpy()
    return "ok", out


def same_as_torch(code):
    """Run ``code`` with ``m`` = autograd and = torch: both raise the same error, or both set equal ``out``."""
    ours, theirs = _run(code, autograd), _run(code, torch)
    assert ours[0] == theirs[0], f"\nours:  {ours}\ntorch: {theirs}"
    if ours[0] == "ok":
        if isinstance(theirs[1], (list, str)):
            assert ours[1] == theirs[1]
        elif theirs[1] is not None:
            np.testing.assert_allclose(np.asarray(ours[1]), np.asarray(theirs[1]), rtol=1e-6)
    else:
        assert ours[1] == theirs[1], f"\nours:  {ours[1]}\ntorch: {theirs[1]}"


X = "x = m.tensor([1., 2., 3., 4.], requires_grad=True)\n"
CASES = {
    # gradients through in-place ops on non-leaves
    "mul_": X + "y = x * 1\ny.mul_(x)\ny.sum().backward()\nout = x.grad",
    "chain": X + "y = x * 1\ny += x\ny *= x\ny -= 1\ny /= 2\ny **= 2\ny.sum().backward()\nout = x.grad",
    "clamp_": X + "y = x * 1\ny.clamp_(2, 3)\ny.sum().backward()\nout = x.grad",
    "sigmoid_": X + "y = x * 1\ny.sigmoid_()\n(y * y).sum().backward()\nout = x.grad",
    "methods": X + "y = x * 1\ny.add_(1, alpha=2).sub_(x).mul_(3).div_(2).neg_().exp_().sqrt_()\ny.sum().backward()\nout = x.grad",
    "zero_": X + "y = x * 2\ny.zero_()\n(y + x).sum().backward()\nout = x.grad",
    "fill_tensor": "w = m.tensor(2., requires_grad=True)\nz = m.ones(3) * 1\nz.fill_(w)\n(z * m.arange(3.)).sum().backward()\nout = w.grad",
    "copy_bcast": "w = m.tensor([2., 3.], requires_grad=True)\nz = m.ones(2, 2) * 1\nz.copy_(w)\n(z * m.arange(4.).reshape(2, 2)).sum().backward()\nout = w.grad",
    "copy_dtype": "w = m.tensor([2., 3.], dtype=m.float64, requires_grad=True)\nz = m.zeros(2)\nz.copy_(w * 2)\nz.sum().backward()\nout = w.grad",
    "add_into_plain": "w = m.tensor([1., 2.], requires_grad=True)\nz = m.zeros(2)\nz.add_(w)\nz.mul_(w)\nz.sum().backward()\nout = w.grad",
    "masked_fill_": X + "y = x * 1\ny.masked_fill_(y > 2, 0.)\n(y * y).sum().backward()\nout = x.grad",
    "index_add_": X + "y = x * 1\ny.index_add_(0, m.tensor([0, 0]), x[2:] * 2)\n(y * y).sum().backward()\nout = x.grad",
    "scatter_": X + "y = x * 1\ny.scatter_(0, m.tensor([3, 1]), x[:2] * 5)\n(y * y).sum().backward()\nout = x.grad",
    "no_grad_on_leaf": X + "with m.no_grad():\n    x.mul_(2)\n    x[0] = 5\nout = x",
    # writes through views (CopySlices)
    "view_select": X + "y = x * 1\ny[0].mul_(2)\ny.sum().backward()\nout = x.grad",
    "view_slice_then_use_base": X + "y = x * 1\nv = y[:2]\nv.mul_(3)\n(y * y).sum().backward()\nout = x.grad",
    "base_written_view_stale": X + "y = x * 1\nv = y[1:3]\ny.mul_(2)\nv.sum().backward()\nout = x.grad",
    "sibling_written": X + "y = x * 1\na = y[:2]; b = y[1:]\na.mul_(5)\nb.sum().backward()\nout = x.grad",
    "view_of_view": X + "y = x * 1\nv = y[1:3]\nw = v[0:1]\nw.mul_(10)\n(y * y).sum().backward()\nout = x.grad",
    "transposed_view": X + "y = x.reshape(2, 2) * 1\ny.t()[0].mul_(3)\ny.sum().backward()\nout = x.grad",
    "reshape_view_setitem": X + "y = x * 1\nv = y.view(2, 2)\nv[0, 0] = 10\n(y * y).sum().backward()\nout = x.grad",
    "diagonal_view": "x = m.ones(3, 3, requires_grad=True)\ny = x * 2\ny.diagonal().mul_(x[0])\n(y * y).sum().backward()\nout = x.grad",
    "strided_setitem": X + "y = x * 1\ny[::2] = m.tensor([7., 8.])\n(y * y).sum().backward()\nout = x.grad",
    "ellipsis_iadd": X + "y = x * 1\ny[..., 1:3] += 1\n(y * y).sum().backward()\nout = x.grad",
    "setitem_into_zeros": "w = m.tensor([1., 2.], requires_grad=True)\nz = m.zeros(2, 4)\nz[:, 1] = w\nz[0] *= 2\n(z * m.arange(8.).reshape(2, 4)).sum().backward()\nout = w.grad",
    "mask_setitem": X + "y = x * 1\ny[y > 2] = 0\n(y * y).sum().backward()\nout = x.grad",
    "index_setitem": "w = m.tensor([1., 2.], requires_grad=True)\nz = m.zeros(4)\nz[[0, 3]] = w * 3\n(z * m.arange(4.)).sum().backward()\nout = w.grad",
    "view_names": X + "y = x * 1\ny2 = y[1:3]\ny2.mul_(2)\nout = [type(y.grad_fn).__name__, y.grad_fn.name().replace('torch::', 'autograd::'), y2.grad_fn.name()]",
    "views_see_write": "x = m.zeros(2, 3)\nv = x.t()\nx[0, 1] = 5\nx.view(6)[4] += 2\nout = v",
    "t_": X + "y = (x * 1).reshape(2, 2)\ny.t_()\ny[0].mul_(2)\ny.sum().backward()\nout = x.grad",
    "unsqueeze_": X + "y = x * 1\ny.unsqueeze_(0).squeeze_()\ny.transpose_(0, 0)\nout = list(y.shape)",
    # errors
    "leaf": X + "x.add_(1)",
    "leaf_setitem": X + "x[0] = 5",
    "leaf_view": X + "x[0].zero_()",
    "leaf_view_method": X + "x.view(2, 2).mul_(2)",
    "saved_input_modified": X + "y = x * 2\nz = y * y\ny.add_(1)\nz.sum().backward()",
    "saved_output_modified": X + "y = x.exp()\ny.add_(1)\ny.sum().backward()",
    "inplace_output_modified": X + "y = x * 1\ny.sigmoid_()\ny.add_(1)\ny.sum().backward()",
    "saved_leaf_modified": "w = m.tensor([1., 2.])\nx = m.tensor([1., 2.], requires_grad=True)\nz = x * w\nw.add_(1)\nz.sum().backward()",
    "saved_view_modified": X + "y = x * 1\nv = y[1:]\nz = v * v\ny.mul_(2)\nz.sum().backward()",
    "detach_shares_version": X + "y = x.exp()\nd = y.detach()\nd.zero_()\ny.sum().backward()",
    "data_does_not": X + "y = x.exp()\nd = y.data\nd.zero_()\ny.sum().backward()\nout = x.grad",
    "multi_output_view": X + "y = x * 1\na, b = y.split(2)\na.mul_(2)",
    "multi_output_stale": X + "y = x * 1\na, b = y.unbind()[:2]\ny.mul_(2)\n(a * 1).sum().backward()",
    "no_grad_view": X + "y = x * 1\nwith m.no_grad():\n    v = y[:2]\nv.mul_(2)",
    "no_grad_view_flags": X + "with m.no_grad():\n    v = x[:2]\nout = [v.requires_grad, v.is_leaf, v.grad_fn is None]",
    "shape_mismatch": X + "y = x * 1\ny.add_(m.ones(2, 4))",
    "shape_mismatch_plain": "y = m.zeros(3, 1)\ny.add_(m.ones(3, 4))",
    "int_result_into_long": "y = m.zeros(3).long()\ny.add_(1.5)",
    "long_into_bool": "y = m.zeros(3).bool()\ny.add_(1)",
    "expanded_write": "y = m.zeros(1).expand(3)\ny.add_(1)",
    "copy_bad_shape": "y = m.zeros(2, 3)\ny.copy_(m.ones(4))",
    "fill_bad_value": "y = m.zeros(2, 3)\ny.fill_(m.ones(2))",
}


@pytest.mark.parametrize("code", list(CASES.values()), ids=list(CASES))
def test_inplace_matches_torch(code):
    same_as_torch(code)


def test_inplace_returns_self_and_bumps_version_once():
    x = autograd.zeros(3)
    for op in (lambda t: t.add_(1), lambda t: t.mul_(2), lambda t: t.fill_(3), lambda t: t.zero_(),
               lambda t: t.copy_(autograd.ones(3)), lambda t: t.clamp_(0, 1), lambda t: t.masked_fill_(t > 0, 2.)):
        v = x._version
        assert op(x) is x
        assert x._version == v + 1
    y = x
    y += 1
    assert y is x


@pytest.mark.parametrize("bad", [
    lambda t: t.add_(autograd.ones(2, 3)),
    lambda t: t.mul_(autograd.ones(4)),
    lambda t: t.copy_(autograd.ones(5)),
    lambda t: t.masked_fill_(autograd.ones(3, 3).bool(), 1.0),
    lambda t: t.index_add_(0, autograd.tensor([7]), autograd.ones(1)),
    lambda t: t.scatter_(0, autograd.tensor([9]), 1.0),
    lambda t: t.__setitem__(autograd.tensor([0, 5]), 1.0),
])
@pytest.mark.parametrize("grad", [False, True])
def test_failed_inplace_leaves_tensor_unchanged(bad, grad):
    x = autograd.tensor([1., 2., 3.], requires_grad=grad)
    t = x * 1 if grad else x
    snapshot = (t.tolist(), t._version, t.grad_fn)
    with pytest.raises((RuntimeError, IndexError)):
        bad(t)
    assert (t.tolist(), t._version, t.grad_fn) == snapshot


def test_failed_inplace_on_view_leaves_base_history():
    x = autograd.tensor([1., 2., 3., 4.], requires_grad=True)
    y = x * 1
    fn = y.grad_fn
    with pytest.raises(RuntimeError):
        y[:2].add_(autograd.ones(3))
    assert y.grad_fn is fn and y.tolist() == [1., 2., 3., 4.]


def test_inplace_int_tensors_and_bool_ops():
    x = autograd.tensor([1, 2, 3])
    x += 2
    x *= 3
    x //= 2
    assert x.tolist() == [4, 6, 7]
    b = autograd.tensor([True, False])
    b &= autograd.tensor([True, True])
    b |= autograd.tensor([False, False])
    assert b.tolist() == [True, False]


def test_every_torch_inplace_twin_exists_when_the_out_of_place_op_does():
    missing = [n for n in dir(torch.Tensor) if n.endswith("_") and not n.startswith("_")
               and hasattr(autograd.Tensor, n[:-1]) and not hasattr(autograd.Tensor, n)]
    assert missing == []


def test_inplace_gradcheck():
    x = autograd.tensor(np.random.RandomState(0).rand(3, 4) + 0.5, requires_grad=True)

    def f(a):
        y = a * 1
        y[1:, ::2] *= a[:2, ::2]
        y.t()[0, 1:] += 1
        y.diagonal().sqrt_()
        return y
    assert autograd.gradcheck(f, (x,))
    assert autograd.gradgradcheck(f, (x,))


def test_write_through_view_of_non_contiguous_base():
    same_as_torch("x = m.arange(12., dtype=m.float64).reshape(3, 4).requires_grad_()\n"
                  "y = x.t().float()\n"  # a transposed (F-ordered) root
                  "y[1:3, ::2].mul_(m.tensor([2., 3.]))\ny.t()[0].add_(1)\n"
                  "(y * m.arange(12.).reshape(4, 3)).sum().backward()\nout = x.grad")
    same_as_torch("x = m.arange(4.).requires_grad_()\ny = x * 1\ne = y.expand(3, 4)\ny.mul_(2)\n"
                  "(e * m.arange(12.).reshape(3, 4)).sum().backward()\nout = x.grad")


def test_inplace_view_ops_grad_fn_names_match_torch():
    x = autograd.ones(2, 1, 3, requires_grad=True)
    cases = {"UnsqueezeBackward1": lambda t: t.unsqueeze_(0), "SqueezeBackward3": lambda t: t.squeeze_(),
             "SqueezeBackward4": lambda t: t.squeeze_(1), "TBackward1": lambda t: t.view(2, 3).t_(),
             "TransposeBackward1": lambda t: t.transpose_(0, 2)}
    for name, f in cases.items():
        y = f(x * 1)
        assert y.grad_fn.name() == name
        y.sum().backward()
    assert x.grad.tolist() == [[[5.0] * 3]] * 2
    assert (x * 1).unsqueeze(0).grad_fn.name() == "UnsqueezeBackward0"  # the out-of-place op keeps its name
