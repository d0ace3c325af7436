"""Convolutions (1-d/2-d/3-d, transposed) and F.pad against PyTorch: values, gradients, errors, modules."""
import numpy as np
import pytest

import autograd
import nn
import nn.functional as F
from autograd import kernels as K
from oracle import assert_close, to_ours, to_torch, torch

TF = torch.nn.functional
pytestmark = pytest.mark.filterwarnings("ignore:Using padding='same':UserWarning")  # torch's own notice


def _rand(rs, shape, dtype=np.float64, requires_grad=True):
    return autograd.tensor(rs.standard_normal(shape).astype(dtype), requires_grad=requires_grad)


@pytest.fixture(params=["numpy", "numba"])
def backend(request):
    """Run a test under each kernel backend (the jitted kernels must agree with the NumPy reference)."""
    prev = K.backend()
    K.use_backend(request.param)
    yield request.param
    K.use_backend(prev)


def _check_parity(ours_fn, torch_fn, inputs, rtol=1e-7, atol=1e-9):
    """Forward values and every input's gradient under a random upstream gradient equal torch's."""
    rs = np.random.default_rng(1)
    out = ours_fn(*inputs)
    tin = [to_torch(t) if t is not None else None for t in inputs]
    tout = torch_fn(*tin)
    assert_close(out, tout, rtol=rtol, atol=atol)
    g = rs.standard_normal(tuple(out.shape)).astype(out.numpy(force=True).dtype)
    diff = [t for t in inputs if t is not None and t.requires_grad]
    grads = autograd.grad(out, diff, autograd.tensor(g))
    tgrads = torch.autograd.grad(tout, [t for t in tin if t is not None and t.requires_grad], torch.from_numpy(g))
    for a, b in zip(grads, tgrads):
        assert_close(a, b, rtol=rtol, atol=atol)
    return out


# (N, Cin, H, W, Cout, kernel, stride, padding, dilation, groups, bias)
CONV2D_CASES = [
    (2, 3, 8, 8, 4, 3, 1, 0, 1, 1, True),
    (2, 3, 8, 8, 4, 3, 1, 1, 1, 1, False),
    (1, 4, 9, 7, 6, (3, 2), (2, 1), (1, 0), 1, 2, True),
    (3, 6, 10, 11, 9, 3, (1, 3), 2, (2, 1), 3, True),
    (2, 4, 7, 7, 4, 3, 2, 1, 2, 4, True),      # depthwise, strided, dilated
    (2, 2, 5, 6, 3, 1, 1, 0, 1, 1, True),      # 1x1
    (1, 3, 6, 5, 2, (5, 4), 1, 0, 1, 1, True),  # kernel == input-ish
    (2, 3, 9, 9, 4, 3, 3, 0, 1, 1, True),      # stride == kernel
    (2, 3, 8, 8, 4, 4, 1, "same", 1, 1, True),  # asymmetric 'same'
    (2, 3, 8, 8, 4, 3, 1, "same", 2, 1, False),
    (2, 3, 8, 8, 4, 3, 2, "valid", 1, 1, True),
    (2, 16, 6, 6, 8, 3, 1, 1, 1, 1, True),     # many channels: batch-innermost col2im path
]


@pytest.mark.parametrize("case", CONV2D_CASES)
def test_conv2d_matches_torch_float64(case, backend):
    n, cin, h, w, cout, k, stride, padding, dilation, groups, bias = case
    rs = np.random.default_rng(0)
    kk = (k, k) if isinstance(k, int) else k
    x = _rand(rs, (n, cin, h, w))
    wt = _rand(rs, (cout, cin // groups) + kk)
    b = _rand(rs, (cout,)) if bias else None
    out = _check_parity(lambda x, wt, b: F.conv2d(x, wt, b, stride, padding, dilation, groups),
                        lambda x, wt, b: TF.conv2d(x, wt, b, stride, padding, dilation, groups), [x, wt, b])
    assert out.grad_fn.name() == "ConvolutionBackward0"


@pytest.mark.parametrize("case", CONV2D_CASES[:6])
def test_conv2d_float32(case, backend):
    n, cin, h, w, cout, k, stride, padding, dilation, groups, bias = case
    rs = np.random.default_rng(0)
    kk = (k, k) if isinstance(k, int) else k
    x = _rand(rs, (n, cin, h, w), np.float32)
    wt = _rand(rs, (cout, cin // groups) + kk, np.float32)
    b = _rand(rs, (cout,), np.float32) if bias else None
    out = _check_parity(lambda x, wt, b: F.conv2d(x, wt, b, stride, padding, dilation, groups),
                        lambda x, wt, b: TF.conv2d(x, wt, b, stride, padding, dilation, groups), [x, wt, b],
                        rtol=1e-4, atol=1e-5)
    assert out.dtype == autograd.float32


def test_conv2d_non_contiguous_input():
    rs = np.random.default_rng(0)
    base = _rand(rs, (2, 7, 9, 3), requires_grad=False)
    x = base.permute(0, 3, 1, 2).requires_grad_()  # (2, 3, 7, 9), not contiguous
    assert not x.is_contiguous()
    w = _rand(rs, (4, 3, 3, 3))
    _check_parity(lambda x, w: F.conv2d(x, w, None, 2, 1), lambda x, w: TF.conv2d(x, w, None, 2, 1), [x, w])
    strided = _rand(rs, (2, 3, 14, 18), requires_grad=False)[:, :, ::2, ::2]
    _check_parity(lambda x, w: F.conv2d(x, w, padding=1), lambda x, w: TF.conv2d(x, w, padding=1), [strided, w])


@pytest.mark.parametrize("case", [
    (2, 3, 10, 4, 3, 1, 0, 1, 1), (1, 4, 9, 6, 2, 2, 1, 2, 2), (2, 2, 8, 2, 4, 1, "same", 3, 1),
    (3, 6, 7, 6, 1, 3, 0, 1, 6)])
def test_conv1d_matches_torch(case):
    n, cin, length, cout, k, stride, padding, dilation, groups = case
    rs = np.random.default_rng(0)
    x, w, b = _rand(rs, (n, cin, length)), _rand(rs, (cout, cin // groups, k)), _rand(rs, (cout,))
    _check_parity(lambda x, w, b: F.conv1d(x, w, b, stride, padding, dilation, groups),
                  lambda x, w, b: TF.conv1d(x, w, b, stride, padding, dilation, groups), [x, w, b])


def test_conv3d_matches_torch():
    rs = np.random.default_rng(0)
    x, w, b = _rand(rs, (2, 4, 5, 6, 4)), _rand(rs, (6, 2, 3, 2, 2)), _rand(rs, (6,))
    _check_parity(lambda x, w, b: F.conv3d(x, w, b, (1, 2, 1), 1, (1, 1, 2), 2),
                  lambda x, w, b: TF.conv3d(x, w, b, (1, 2, 1), 1, (1, 1, 2), 2), [x, w, b])


# (N, Cin, H, W, Cout, kernel, stride, padding, output_padding, groups, dilation)
CONVT_CASES = [
    (2, 3, 5, 5, 4, 3, 1, 0, 0, 1, 1),
    (2, 4, 4, 5, 6, 3, 2, 1, 1, 2, 1),
    (1, 2, 3, 4, 3, (2, 3), (3, 2), (0, 1), (2, 1), 1, (1, 2)),
    (2, 3, 4, 4, 2, 4, 2, 1, 0, 1, 1),
]


@pytest.mark.parametrize("case", CONVT_CASES)
def test_conv_transpose2d_matches_torch(case, backend):
    n, cin, h, w, cout, k, stride, padding, out_pad, groups, dilation = case
    rs = np.random.default_rng(0)
    kk = (k, k) if isinstance(k, int) else k
    x, wt, b = _rand(rs, (n, cin, h, w)), _rand(rs, (cin, cout // groups) + kk), _rand(rs, (cout,))
    out = _check_parity(lambda x, wt, b: F.conv_transpose2d(x, wt, b, stride, padding, out_pad, groups, dilation),
                        lambda x, wt, b: TF.conv_transpose2d(x, wt, b, stride, padding, out_pad, groups, dilation),
                        [x, wt, b])
    assert out.grad_fn.name() == "ConvolutionBackward0"


def test_conv_transpose1d_matches_torch():
    rs = np.random.default_rng(0)
    x, w, b = _rand(rs, (2, 4, 6)), _rand(rs, (4, 3, 3)), _rand(rs, (6,))
    _check_parity(lambda x, w, b: F.conv_transpose1d(x, w, b, 2, 1, 1, 2),
                  lambda x, w, b: TF.conv_transpose1d(x, w, b, 2, 1, 1, 2), [x, w, b])


def test_unbatched_input():
    rs = np.random.default_rng(0)
    x, w = _rand(rs, (3, 6, 5)), _rand(rs, (4, 3, 3, 3))
    out = _check_parity(lambda x, w: F.conv2d(x, w, padding=1), lambda x, w: TF.conv2d(x, w, padding=1), [x, w])
    assert tuple(out.shape) == (4, 6, 5)


@pytest.mark.parametrize("fn,args", [
    (F.conv2d, dict(stride=2, padding=1, dilation=1, groups=2)),
    (F.conv2d, dict(stride=1, padding=(1, 0), dilation=2, groups=1)),
    (F.conv_transpose2d, dict(stride=2, padding=1, output_padding=1, groups=1)),
])
def test_gradcheck_and_gradgradcheck(fn, args):
    rs = np.random.default_rng(0)
    transposed = fn is F.conv_transpose2d
    groups = args["groups"]
    x = _rand(rs, (1, 2, 3, 4) if transposed else (2, 2, 4, 5))
    w = _rand(rs, (2, 2 // groups, 2, 3) if not transposed else (2, 2, 2, 3))
    b = _rand(rs, (2,))
    assert autograd.gradcheck(lambda x, w, b: fn(x, w, b, **args), (x, w, b))
    assert autograd.gradgradcheck(lambda x, w, b: fn(x, w, b, **args), (x, w, b))


def test_double_backward_matches_torch():
    """Gradient-penalty style second order: d/dw of ||d out/d x||^2, against torch."""
    rs = np.random.default_rng(0)
    x, w = _rand(rs, (2, 3, 6, 6)), _rand(rs, (4, 3, 3, 3))
    xt, wt = to_torch(x), to_torch(w)
    gx = autograd.grad(F.conv2d(x, w, stride=2, padding=1).tanh().sum(), x, create_graph=True)[0]
    (gx * gx).sum().backward()
    gxt = torch.autograd.grad(TF.conv2d(xt, wt, stride=2, padding=1).tanh().sum(), xt, create_graph=True)[0]
    (gxt * gxt).sum().backward()
    assert_close(w.grad, wt.grad, rtol=1e-7, atol=1e-9)
    assert_close(x.grad, xt.grad, rtol=1e-7, atol=1e-9)


def test_col2im_layouts_agree():
    """conv_backward_input's batch-first and batch-innermost col2im layouts both equal torch's input grad."""
    from autograd.kernels import ref_nn
    rs = np.random.default_rng(0)
    w = rs.standard_normal((6, 2, 3, 2))
    pads = ((1, 1), (0, 0))
    for batch in (1, 5):
        g = rs.standard_normal((batch, 6, 5, 4))
        ref = torch.nn.grad.conv2d_input((batch, 4, 9, 6), torch.from_numpy(w), torch.from_numpy(g), (2, 1),
                                         (1, 0), (1, 2), 2).numpy()
        for fn in (ref_nn._conv_input_batch_first, ref_nn._conv_input_batch_last, K.conv_backward_input):
            np.testing.assert_allclose(fn(g, w, (9, 6), (2, 1), pads, (1, 2), 2), ref, rtol=1e-10, atol=1e-12)


# ---- errors ------------------------------------------------------------------------------------------
def _err(fn_ours, fn_torch, exc=RuntimeError):
    with pytest.raises(exc) as ours:
        fn_ours()
    with pytest.raises(Exception) as theirs:
        fn_torch()
    assert type(theirs.value).__name__ == exc.__name__
    return str(ours.value), str(theirs.value)


@pytest.mark.parametrize("xs,ws,kw", [
    ((2, 1, 5, 5), (4, 3, 3, 3), {}),                  # wrong channels
    ((2, 4, 5, 5), (4, 2, 3, 3), {"groups": 3}),       # groups don't divide weight
    ((2, 3, 2, 2), (4, 3, 3, 3), {}),                  # kernel larger than input
    ((2, 3, 5, 5, 5), (4, 3, 3, 3), {}),               # wrong input rank
    ((5, 5), (4, 3, 3, 3), {}),
    ((2, 3, 5, 5), (4, 3, 3, 3), {"stride": 2, "padding": "same"}),
    ((2, 3, 5, 5), (4, 3, 3, 3), {"padding": "foo"}),
    ((2, 3, 5, 5), (4, 3, 3, 3), {"padding": -1}),
    ((2, 3, 5, 5), (4, 3, 3, 3), {"stride": 0}),
])
def test_conv2d_error_messages_match_torch(xs, ws, kw):
    x, w = autograd.zeros(*xs), autograd.zeros(*ws)
    ours, theirs = _err(lambda: F.conv2d(x, w, **kw), lambda: TF.conv2d(torch.zeros(xs), torch.zeros(ws), **kw))
    assert ours == theirs


def test_conv_dtype_and_bias_errors():
    x, w = autograd.zeros(2, 3, 5, 5, dtype=autograd.float64), autograd.zeros(4, 3, 3, 3)
    ours, theirs = _err(lambda: F.conv2d(x, w), lambda: TF.conv2d(torch.zeros(2, 3, 5, 5).double(),
                                                                  torch.zeros(4, 3, 3, 3)))
    assert ours == theirs
    ours, theirs = _err(lambda: F.conv2d(autograd.zeros(2, 3, 5, 5), w, autograd.zeros(5)),
                        lambda: TF.conv2d(torch.zeros(2, 3, 5, 5), torch.zeros(4, 3, 3, 3), torch.zeros(5)))
    assert ours == theirs
    ours, theirs = _err(lambda: F.conv_transpose2d(autograd.zeros(2, 3, 5, 5), autograd.zeros(4, 4, 3, 3)),
                        lambda: TF.conv_transpose2d(torch.zeros(2, 3, 5, 5), torch.zeros(4, 4, 3, 3)))
    assert ours == theirs
    with pytest.raises(RuntimeError, match="output padding must be smaller than either stride or dilation"):
        F.conv_transpose2d(autograd.zeros(2, 3, 5, 5), autograd.zeros(3, 4, 3, 3), output_padding=1)


def test_module_channel_error_message():
    m = nn.Conv2d(3, 4, 3)
    with pytest.raises(RuntimeError, match=r"Given groups=1, weight of size \[4, 3, 3, 3\], expected "
                                           r"input\[2, 2, 5, 5\] to have 3 channels, but got 2 channels instead"):
        m(autograd.zeros(2, 2, 5, 5))


@pytest.mark.parametrize("kw,exc_text", [
    (dict(in_channels=3, out_channels=4, kernel_size=3, groups=2), "in_channels must be divisible by groups"),
    (dict(in_channels=4, out_channels=3, kernel_size=3, groups=2), "out_channels must be divisible by groups"),
    (dict(in_channels=4, out_channels=4, kernel_size=3, padding_mode="foo"), "padding_mode must be one of"),
    (dict(in_channels=4, out_channels=4, kernel_size=3, stride=2, padding="same"), "not supported for strided"),
    (dict(in_channels=4, out_channels=4, kernel_size=3, groups=0), "groups must be a positive integer"),
])
def test_module_constructor_errors(kw, exc_text):
    with pytest.raises(ValueError, match=exc_text):
        nn.Conv2d(**kw)
    with pytest.raises(ValueError, match=exc_text):
        torch.nn.Conv2d(**kw)


# ---- modules ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("ours_cls,torch_cls,args,kw", [
    (nn.Conv1d, torch.nn.Conv1d, (4, 6, 3), dict(stride=2, padding=1, groups=2)),
    (nn.Conv2d, torch.nn.Conv2d, (1, 32, 3), dict(padding=1)),
    (nn.Conv2d, torch.nn.Conv2d, (4, 6, (3, 2)), dict(stride=(2, 1), dilation=2, groups=2, bias=False)),
    (nn.Conv2d, torch.nn.Conv2d, (2, 3, 4), dict(padding="same", padding_mode="reflect")),
    (nn.Conv2d, torch.nn.Conv2d, (2, 3, 3), dict(padding=2, padding_mode="circular")),
    (nn.Conv2d, torch.nn.Conv2d, (2, 3, 3), dict(padding=(1, 2), padding_mode="replicate")),
    (nn.Conv3d, torch.nn.Conv3d, (2, 4, 3), dict(padding=1)),
    (nn.ConvTranspose2d, torch.nn.ConvTranspose2d, (4, 2, 3), dict(stride=2, output_padding=1, groups=2)),
    (nn.ConvTranspose1d, torch.nn.ConvTranspose1d, (3, 2, 3), dict(stride=3, padding=1, dilation=2)),
])
def test_module_matches_torch(ours_cls, torch_cls, args, kw):
    m, mt = ours_cls(*args, **kw), torch_cls(*args, **kw).double()
    assert repr(m) == repr(mt)
    sd, sdt = m.state_dict(), mt.state_dict()
    assert list(sd) == list(sdt)
    assert all(tuple(sd[k].shape) == tuple(sdt[k].shape) for k in sd)
    assert m.weight.dtype == autograd.float32
    m.double()
    m.load_state_dict({k: to_ours(v) for k, v in sdt.items()})  # torch -> ours
    nd = len(m.kernel_size)
    rs = np.random.default_rng(0)
    x = _rand(rs, (2, args[0]) + (7,) * nd)
    xt = to_torch(x)
    out, outt = m(x), mt(xt)
    assert_close(out, outt, rtol=1e-7, atol=1e-9)
    out.sum().backward()
    outt.sum().backward()
    assert_close(x.grad, xt.grad, rtol=1e-7, atol=1e-9)
    for (name, p), (_, pt) in zip(m.named_parameters(), mt.named_parameters()):
        assert_close(p.grad, pt.grad, rtol=1e-7, atol=1e-9)
    mt2 = torch_cls(*args, **kw).double()
    mt2.load_state_dict({k: to_torch(v) for k, v in m.state_dict().items()})  # ours -> torch
    assert_close(m(x), mt2(xt), rtol=1e-7, atol=1e-9)


def test_default_init_statistics():
    autograd.manual_seed(0)
    m = nn.Conv2d(16, 32, 3)
    bound = 1 / np.sqrt(16 * 9)  # kaiming_uniform(a=sqrt(5)) bound == 1/sqrt(fan_in)
    w, b = m.weight.detach().numpy(), m.bias.detach().numpy()
    assert np.abs(w).max() <= bound and np.abs(w).max() > 0.9 * bound
    assert np.abs(b).max() <= bound
    assert abs(w.std() - bound / np.sqrt(3)) < 0.1 * bound
    mt = nn.ConvTranspose2d(16, 8, 3)
    assert tuple(mt.weight.shape) == (16, 8, 3, 3)
    assert np.abs(mt.bias.detach().numpy()).max() <= 1 / np.sqrt(8 * 9)  # fan_in = weight.size(1) * k


def test_conv_transpose_output_size():
    rs = np.random.default_rng(0)
    m, mt = nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1), torch.nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1)
    mt.load_state_dict({k: to_torch(v) for k, v in m.state_dict().items()})
    x = _rand(rs, (1, 3, 4, 4), np.float32)
    for size in ([7, 7], [8, 8], (1, 2, 8, 7)):
        assert_close(m(x, output_size=size), mt(to_torch(x), output_size=size), rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="requested an output size of"):
        m(x, output_size=[9, 9])


# ---- F.pad -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("shape,pad,mode", [
    ((2, 3, 5, 4), (1, 2, 0, 3), "constant"), ((2, 3, 5, 4), (-1, 2, 1, -2), "constant"),
    ((2, 3, 5, 4), (1, 2, 3, 1), "reflect"), ((3, 5, 4), (3, 3), "reflect"), ((2, 3, 5, 4), (2, 0, 1, 4), "replicate"),
    ((2, 3, 5, 4), (1, 2, 3, 4), "circular"), ((2, 3, 4, 5, 4), (1, 1, 2, 0, 1, 1), "reflect"),
    ((2, 5), (2, 1), "circular"),
])
def test_pad_matches_torch(shape, pad, mode):
    rs = np.random.default_rng(0)
    x = _rand(rs, shape)
    _check_parity(lambda x: F.pad(x, pad, mode), lambda x: TF.pad(x, pad, mode), [x])
    assert autograd.gradgradcheck(lambda x: F.pad(x, pad, mode), (_rand(rs, shape),)) if x.numel() < 60 else True


def test_pad_value_and_errors():
    x, xt = autograd.zeros(1, 2, 3), torch.zeros(1, 2, 3)
    assert_close(F.pad(x, (1, 1), value=2.5), TF.pad(xt, (1, 1), value=2.5))
    for args in [((1,), "constant"), ((1, 1, 1, 1, 1, 1), "reflect"), ((3, 3), "reflect"), ((1, 1), "foo"),
                 ((1, 1, 1, 1, 1, 1, 1, 1), "constant")]:
        with pytest.raises((RuntimeError, NotImplementedError)) as ours:
            F.pad(x, *args)
        with pytest.raises((RuntimeError, NotImplementedError)) as theirs:
            TF.pad(xt, *args)
        assert type(ours.value) is type(theirs.value)
        if args[1] != "foo":
            assert str(ours.value) == str(theirs.value)


def test_padding_modules_repr_and_values():
    rs = np.random.default_rng(0)
    x = _rand(rs, (1, 2, 4, 4), requires_grad=False)
    for name, args in [("ZeroPad2d", (1,)), ("ConstantPad2d", ((1, 0, 2, 1), 3.5)), ("ReflectionPad2d", (2,)),
                       ("ReplicationPad1d", ((1, 2),)), ("CircularPad2d", (1,)), ("ReflectionPad1d", (1,))]:
        m, mt = getattr(nn, name)(*args), getattr(torch.nn, name)(*args)
        assert repr(m) == repr(mt)
        inp = x[0] if name.endswith("1d") else x
        assert_close(m(inp), mt(to_torch(inp)))


# ---- unfold / fold ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("kw", [dict(kernel_size=2), dict(kernel_size=(2, 3), dilation=(1, 2), padding=1, stride=2)])
def test_unfold_fold_match_torch(kw):
    rs = np.random.default_rng(0)
    x = _rand(rs, (2, 3, 6, 7))
    cols = _check_parity(lambda x: F.unfold(x, **kw), lambda x: TF.unfold(x, **kw), [x])
    _check_parity(lambda c: F.fold(c, (6, 7), **kw), lambda c: TF.fold(c, (6, 7), **kw),
                  [cols.detach().requires_grad_()])
    _check_parity(lambda x: F.unfold(x, **kw), lambda x: TF.unfold(x, **kw), [_rand(rs, (3, 6, 7))])  # unbatched
    assert autograd.gradgradcheck(lambda x: F.unfold(x, **kw), (_rand(rs, (1, 1, 4, 5)),))
    m, mt = nn.Unfold(**kw), torch.nn.Unfold(**kw)
    assert repr(m) == repr(mt)
    assert repr(nn.Fold((6, 7), **kw)) == repr(torch.nn.Fold((6, 7), **kw))


@pytest.mark.parametrize("shape,size,k", [((2, 7, 4), (3, 3), 2), ((2, 8, 5), (3, 3), 2)])
def test_fold_errors_match_torch(shape, size, k):
    with pytest.raises(RuntimeError) as ours:
        F.fold(autograd.zeros(*shape), size, k)
    with pytest.raises(RuntimeError) as theirs:
        TF.fold(torch.zeros(*shape), size, k)
    assert str(ours.value) == str(theirs.value)


def test_small_cnn_training_steps_match_torch():
    """Conv-BN-ReLU-Pool-Conv-GroupNorm-AdaptivePool-Linear: three SGD steps in float64 track torch exactly."""
    import optim

    def build(lib):
        return lib.Sequential(lib.Conv2d(2, 4, 3, padding=1), lib.BatchNorm2d(4), lib.ReLU(), lib.MaxPool2d(2),
                              lib.Conv2d(4, 6, 3, stride=2, padding=1, groups=2), lib.GroupNorm(3, 6), lib.ReLU(),
                              lib.AdaptiveAvgPool2d((1, 1)), lib.Flatten(), lib.Linear(6, 3))
    m, mt = build(nn).double(), build(torch.nn).double()
    m.load_state_dict({k: to_ours(v) for k, v in mt.state_dict().items()})
    opt, optt = optim.SGD(m.parameters(), lr=0.1, momentum=0.9), torch.optim.SGD(mt.parameters(), lr=0.1, momentum=0.9)
    rs = np.random.default_rng(0)
    for _ in range(3):
        x = rs.standard_normal((5, 2, 8, 8))
        target = rs.integers(0, 3, 5)
        loss = nn.functional.cross_entropy(m(autograd.tensor(x)), autograd.tensor(target))
        losst = TF.cross_entropy(mt(torch.from_numpy(x)), torch.from_numpy(target))
        assert abs(loss.item() - losst.item()) < 1e-10
        opt.zero_grad()
        optt.zero_grad()
        loss.backward()
        losst.backward()
        opt.step()
        optt.step()
    for (k, v), (kt, vt) in zip(m.state_dict().items(), mt.state_dict().items()):
        assert k == kt
        assert_close(v, vt, rtol=1e-9, atol=1e-11)


@pytest.mark.parametrize("fn", [
    lambda x: F.conv2d(x, autograd.zeros(4, 3, 3, 3)), lambda x: F.conv_transpose2d(x, autograd.zeros(3, 2, 3, 3)),
    lambda x: F.max_pool2d(x, 2), lambda x: F.avg_pool2d(x, 2), lambda x: F.adaptive_avg_pool2d(x, 2),
    lambda x: F.adaptive_max_pool2d(x, 2), lambda x: F.group_norm(x, 3), lambda x: F.unfold(x, 2),
])
def test_empty_batch(fn, backend):
    x = autograd.zeros(0, 3, 6, 6, requires_grad=True)
    y = fn(x)
    assert y.shape[0] == 0
    y.sum().backward()
    assert x.grad.shape == x.shape
