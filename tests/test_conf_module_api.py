"""Module API details found by the conformance sweep (tests/conformance/programs/module_api.py):
fusion, functional_call, skip_init, backward-hook zeros and in-place errors, load post-hook order."""
import copy

import numpy as np
import pytest

from oracle import assert_close, to_ours, to_torch, torch

import autograd
import nn
from nn.utils.fusion import fuse_conv_bn_eval, fuse_linear_bn_eval


def _pair(build):
    theirs = build(torch.nn)
    ours = build(nn)
    ours.load_state_dict({k: to_ours(v) for k, v in theirs.state_dict().items()})
    return ours, theirs


def _randomize_bn(bn, rng):
    with torch.no_grad():
        n = bn.num_features
        bn.running_mean.copy_(torch.from_numpy(rng.normal(size=n).astype(np.float32)))
        bn.running_var.copy_(torch.from_numpy(rng.uniform(0.5, 2, size=n).astype(np.float32)))
        bn.weight.copy_(torch.from_numpy(rng.normal(size=n).astype(np.float32)))
        bn.bias.copy_(torch.from_numpy(rng.normal(size=n).astype(np.float32)))


@pytest.mark.parametrize("transpose", [False, True])
def test_fuse_conv_bn_matches_torch(transpose):
    rng = np.random.default_rng(0)

    def build(N):
        conv = N.ConvTranspose2d(2, 3, 3) if transpose else N.Conv2d(2, 3, 3)
        return N.Sequential(conv, N.BatchNorm2d(3)).eval()
    theirs = build(torch.nn)
    _randomize_bn(theirs[1], rng)
    ours = build(nn)
    ours.load_state_dict({k: to_ours(v) for k, v in theirs.state_dict().items()})
    f_t = torch.nn.utils.fusion.fuse_conv_bn_eval(theirs[0], theirs[1], transpose=transpose)
    f_o = fuse_conv_bn_eval(ours[0], ours[1], transpose=transpose)
    assert_close(f_o.weight, f_t.weight)
    assert_close(f_o.bias, f_t.bias)
    assert isinstance(f_o.weight, nn.Parameter) and f_o.weight.is_leaf and f_o.weight.requires_grad
    x = rng.normal(size=(1, 2, 5, 5)).astype(np.float32)
    assert_close(f_o(autograd.from_numpy(x)), ours(autograd.from_numpy(x)), atol=1e-5)


def test_fuse_linear_bn_and_eval_check():
    rng = np.random.default_rng(1)
    ours, theirs = _pair(lambda N: N.Sequential(N.Linear(3, 4), N.BatchNorm1d(4)).eval())
    _randomize_bn(theirs[1], rng)
    ours.load_state_dict({k: to_ours(v) for k, v in theirs.state_dict().items()})
    f_t = torch.nn.utils.fusion.fuse_linear_bn_eval(theirs[0], theirs[1])
    f_o = fuse_linear_bn_eval(ours[0], ours[1])
    assert_close(f_o.weight, f_t.weight)
    assert_close(f_o.bias, f_t.bias)
    ours.train()
    with pytest.raises(AssertionError, match="Fusion only for eval!"):
        fuse_linear_bn_eval(ours[0], ours[1])


def test_functional_call_grads_and_restore():
    ours, theirs = _pair(lambda N: N.Sequential(N.Linear(2, 3), N.Tanh(), N.Linear(3, 1)))
    x = np.array([[1.0, -2.0], [0.5, 3.0]], dtype=np.float32)
    p_t = {k: (v.detach() * 2).requires_grad_() for k, v in theirs.named_parameters()}
    p_o = {k: to_ours(v, requires_grad=True) for k, v in p_t.items()}
    out_t = torch.func.functional_call(theirs, p_t, (torch.from_numpy(x),))
    out_o = autograd.func.functional_call(ours, p_o, (autograd.from_numpy(x),))
    assert_close(out_o, out_t)
    out_t.sum().backward()
    out_o.sum().backward()
    for k in p_t:
        assert_close(p_o[k].grad, p_t[k].grad)
    assert all(p.grad is None for p in ours.parameters())
    assert all(isinstance(p, nn.Parameter) for p in ours.parameters())


def test_functional_call_strict_message():
    lin = nn.Linear(2, 2)
    with pytest.raises(RuntimeError) as ours:
        autograd.func.functional_call(lin, {"weight": autograd.ones(2, 2), "extra": autograd.ones(1)},
                                      (autograd.ones(1, 2),), strict=True)
    with pytest.raises(RuntimeError) as theirs:
        torch.func.functional_call(torch.nn.Linear(2, 2), {"weight": torch.ones(2, 2), "extra": torch.ones(1)},
                                   (torch.ones(1, 2),), strict=True)
    assert str(ours.value) == str(theirs.value)


def test_skip_init_shapes():
    m = nn.utils.skip_init(nn.Linear, 3, 5)
    assert tuple(m.weight.shape) == (5, 3) and isinstance(m.weight, nn.Parameter)


def test_backward_hook_zero_grad_input_for_nongrad_tensor():
    got = {}

    def run(N, lib):
        class Mul(N.Module):
            def forward(self, a, b):
                return a * b
        m = Mul()
        def hook(mod, gi, go):
            got[lib] = [None if g is None else g.tolist() for g in gi]
        m.register_full_backward_hook(hook)
        a = (torch if lib == "t" else autograd).tensor([1.0, 2.0], requires_grad=True)
        b = (torch if lib == "t" else autograd).tensor([3.0, 4.0])
        m(a, b).sum().backward()
    run(torch.nn, "t")
    run(nn, "o")
    assert got["o"] == got["t"] == [[3.0, 4.0], [0.0, 0.0]]


def test_backward_hook_output_inplace_raises_like_torch():
    msgs = []
    for N, lib in [(torch.nn, torch), (nn, autograd)]:
        lin = N.Linear(2, 2)
        lin.register_full_backward_hook(lambda *a: None)
        y = lin(lib.ones(1, 2, requires_grad=True))
        with pytest.raises(RuntimeError) as e:
            y.relu_()
        msgs.append(str(e.value))
        with lib.no_grad():
            y.add_(1)  # allowed outside grad mode
    assert msgs[0] == msgs[1]


def test_load_post_hook_can_clear_missing_keys_and_sees_loaded_values():
    m = nn.Linear(2, 2)
    seen = []

    def hook(module, keys):
        seen.append(float(module.weight.sum()))
        keys.missing_keys.clear()
    m.register_load_state_dict_post_hook(hook)
    r = m.load_state_dict({"weight": autograd.ones(2, 2)})  # strict: bias missing, hook clears it
    assert repr(r) == "<All keys matched successfully>" and float(m.weight.sum()) == 4.0
    m.load_state_dict({"weight": autograd.ones(2, 2) * 2, "bias": autograd.zeros(2)})  # no error pending:
    assert seen[-1] == 8.0  # the hook sees the loaded values


def test_load_post_hooks_run_children_first():
    order = []
    outer = nn.Sequential(nn.Sequential(nn.Linear(1, 1)))
    for name, mod in outer.named_modules():
        mod.register_load_state_dict_post_hook(lambda m, k, name=name: order.append(name))
    outer.load_state_dict(outer.state_dict())
    assert order == ["0.0", "0", ""]


def test_parameter_deepcopy_drops_grad_and_int_dtype_message():
    p = nn.Parameter(autograd.ones(2))
    p.grad = autograd.ones(2)
    c = copy.deepcopy(p)
    assert c.grad is None and c.requires_grad and isinstance(c, nn.Parameter)
    with pytest.raises(RuntimeError, match="Only Tensors of floating point and complex dtype"):
        nn.Parameter(autograd.ones(2, dtype=autograd.int64))
    assert nn.Parameter(autograd.ones(2, dtype=autograd.int64), requires_grad=False).dtype == autograd.int64
    assert to_torch(c).requires_grad
