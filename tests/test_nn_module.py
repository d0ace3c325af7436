"""nn.Module, Parameter and containers held against torch.nn: registration, traversal, state_dict, hooks, repr."""
import copy
import pickle
from collections import OrderedDict

import numpy as np
import pytest

from oracle import assert_close, to_ours, to_torch, torch

import autograd
import nn

tnn = torch.nn


def _lib(which):
    return (torch, tnn) if which == "torch" else (autograd, nn)


def _message(exc):
    return str(exc.value if hasattr(exc, "value") else exc).replace("torch.Size", "autograd.Size").replace(
        "torch.nn.", "nn.").replace("torch.", "autograd.")


def _same_error(fn_ours, fn_torch, exc_type):
    with pytest.raises(exc_type) as theirs:
        fn_torch()
    with pytest.raises(exc_type) as ours:
        fn_ours()
    assert _message(ours) == _message(theirs)


def build_net(which):
    T, N = _lib(which)

    class Net(N.Module):
        def __init__(self):
            super().__init__()
            self.features = N.Sequential(OrderedDict(fc1=N.Linear(4, 8), act=N.ReLU(), fc2=N.Linear(8, 8, bias=False)))
            self.heads = N.ModuleList([N.Linear(8, 2) for _ in range(3)] + [N.Identity()])
            self.acts = N.ModuleDict({"a": N.GELU(approximate="tanh"), "b": N.LeakyReLU(0.2, inplace=True)})
            self.scale = N.Parameter(T.ones(2))
            self.register_buffer("steps", T.zeros(3))
            self.register_buffer("count", T.zeros((), dtype=T.int64))
            self.register_buffer("scratch", T.zeros(1), persistent=False)
            self.loss = N.CrossEntropyLoss(label_smoothing=0.1)
            self.tail = N.Sequential(N.Softmax(dim=1), N.ELU(alpha=0.5), N.Hardtanh(-2.0, 2.0), N.Softplus(beta=2),
                                     N.Flatten(), N.Unflatten(1, (2, 4)), N.Tanh(), N.Sigmoid(), N.SiLU(),
                                     N.ReLU6(inplace=True), N.Bilinear(2, 3, 4))

        def forward(self, x):
            h = self.features(x)
            return self.heads[0](h) * self.scale

    return Net()


def pair():
    """The same network in both libraries, with identical weights (torch's copied into ours)."""
    t, o = build_net("torch"), build_net("ours")
    o.load_state_dict({k: to_ours(v) for k, v in t.state_dict().items()})
    return o, t


# ---- Parameter ---------------------------------------------------------------------------------
def test_parameter_basics_and_repr():
    data = autograd.tensor([1.0, 2.0])
    p = nn.Parameter(data)
    assert isinstance(p, autograd.Tensor) and p.requires_grad and p.is_leaf
    assert repr(p) == repr(tnn.Parameter(torch.tensor([1.0, 2.0])))
    p.data[0] = 5.0
    assert data[0].item() == 5.0  # shares storage
    q = nn.Parameter(autograd.zeros(2), requires_grad=False)
    assert not q.requires_grad
    assert repr(q) == repr(tnn.Parameter(torch.zeros(2), requires_grad=False))
    assert nn.Parameter().shape == (0,)
    y = p * 2
    assert type(y) is autograd.Tensor and y.grad_fn is not None


def test_parameter_copy_and_pickle():
    p = nn.Parameter(autograd.tensor([1.0, 2.0]))
    for q in (copy.deepcopy(p), pickle.loads(pickle.dumps(p))):
        assert isinstance(q, nn.Parameter) and q.requires_grad
        assert q.tolist() == [1.0, 2.0]
        assert q._data is not p._data


def test_buffer_marker():
    m = nn.Module()
    m.buf = nn.Buffer(autograd.ones(2), persistent=False)
    m.b2 = nn.Buffer(autograd.zeros(1))
    assert [n for n, _ in m.named_buffers()] == ["buf", "b2"]
    assert list(m.state_dict()) == ["b2"]


# ---- registration ------------------------------------------------------------------------------
def test_attribute_registration():
    m = nn.Module()
    m.w = nn.Parameter(autograd.ones(2))
    m.sub = nn.Linear(2, 2)
    m.register_buffer("b", autograd.zeros(2))
    m.plain = 3
    assert list(m._parameters) == ["w"] and list(m._modules) == ["sub"] and list(m._buffers) == ["b"]
    assert m.w is m._parameters["w"] and m.b is m._buffers["b"]
    # a parameter name only takes Parameters or None; a plain attribute name can become a module
    with pytest.raises(TypeError, match="cannot assign 'nn.modules.linear.Linear' as parameter 'w'"):
        m.w = nn.Linear(1, 1)
    m.plain2 = 1
    m.plain2 = nn.Linear(1, 1)
    assert "plain2" not in m.__dict__ and "plain2" in m._modules
    del m.w
    m.w = nn.Linear(1, 1)
    m.w = None
    assert m._modules["w"] is None
    m.b = autograd.ones(2)
    assert m._buffers["b"].tolist() == [1.0, 1.0]
    del m.b
    assert "b" not in m._buffers
    del m.sub
    assert "sub" not in m._modules
    with pytest.raises(AttributeError) as e:
        m.missing
    assert str(e.value) == "'Module' object has no attribute 'missing'"
    assert "w" in dir(m) and "plain" in dir(m)


@pytest.mark.parametrize("case", ["param_str", "param_dot", "param_empty", "param_exists", "param_type",
                                  "param_nonleaf", "buffer_dot", "buffer_empty", "buffer_type", "buffer_exists",
                                  "module_type", "module_dot", "module_empty", "module_exists", "assign_tensor",
                                  "assign_child", "buffer_name"])
def test_registration_errors(case):
    def run(which):
        T, N = _lib(which)
        m = N.Module()
        m.x = 1
        m.p = N.Parameter(T.ones(1))
        m.c = N.Linear(1, 1)
        {
            "param_str": lambda: m.register_parameter(3, None),
            "param_dot": lambda: m.register_parameter("a.b", None),
            "param_empty": lambda: m.register_parameter("", None),
            "param_exists": lambda: m.register_parameter("x", None),
            "param_type": lambda: m.register_parameter("q", T.ones(1)),
            "param_nonleaf": lambda: m.register_parameter("q", N.Parameter(T.ones(1)) * 2),
            "buffer_dot": lambda: m.register_buffer("a.b", None),
            "buffer_empty": lambda: m.register_buffer("", None),
            "buffer_type": lambda: m.register_buffer("q", 3),
            "buffer_exists": lambda: m.register_buffer("x", None),
            "module_type": lambda: m.add_module("q", 3),
            "module_dot": lambda: m.add_module("a.b", None),
            "module_empty": lambda: m.add_module("", None),
            "module_exists": lambda: m.add_module("x", None),
            "assign_tensor": lambda: setattr(m, "p", T.ones(1)),
            "assign_child": lambda: setattr(m, "c", 3),
            "buffer_name": lambda: m.register_buffer(1, None),
        }[case]()

    errors = {}
    for which in ("torch", "ours"):
        try:
            run(which)
        except Exception as e:  # noqa: BLE001
            errors[which] = e
    if case == "param_nonleaf":  # torch: the product is not a Parameter, so TypeError; ours too
        assert type(errors["ours"]) is type(errors["torch"])
        return
    assert type(errors["ours"]) is type(errors["torch"]), (errors["ours"], errors["torch"])
    assert _message(errors["ours"]) == _message(errors["torch"])


def test_forward_missing():
    _same_error(lambda: nn.Module()(1), lambda: tnn.Module()(1), NotImplementedError)


def test_init_before_super():
    class Bad(nn.Module):
        def __init__(self):
            self.w = nn.Parameter(autograd.ones(1))

    class BadT(tnn.Module):
        def __init__(self):
            self.w = tnn.Parameter(torch.ones(1))

    _same_error(Bad, BadT, AttributeError)


# ---- traversal ---------------------------------------------------------------------------------
def test_traversal_matches_torch():
    o, t = pair()
    for name in ("named_parameters", "named_buffers", "named_children", "named_modules"):
        assert [n for n, _ in getattr(o, name)()] == [n for n, _ in getattr(t, name)()], name
    assert [n for n, _ in o.named_parameters(prefix="net", recurse=True)] == \
        [n for n, _ in t.named_parameters(prefix="net", recurse=True)]
    assert [n for n, _ in o.named_parameters(recurse=False)] == ["scale"]
    assert len(list(o.parameters())) == len(list(t.parameters()))
    assert len(list(o.buffers())) == 3 and len(list(o.children())) == len(list(t.children()))
    assert len(list(o.modules())) == len(list(t.modules()))


def test_shared_parameters_deduplicated():
    def mk(N):
        lin = N.Linear(2, 2)
        return N.Sequential(lin, N.ReLU(), lin)
    o, t = mk(nn), mk(tnn)
    assert [n for n, _ in o.named_parameters()] == [n for n, _ in t.named_parameters()]
    assert [n for n, _ in o.named_parameters(remove_duplicate=False)] == \
        [n for n, _ in t.named_parameters(remove_duplicate=False)]
    assert [n for n, _ in o.named_modules()] == [n for n, _ in t.named_modules()]
    assert [n for n, _ in o.named_modules(remove_duplicate=False)] == \
        [n for n, _ in t.named_modules(remove_duplicate=False)]
    assert list(o.state_dict()) == list(t.state_dict())


def test_train_eval_requires_grad_apply():
    o, _ = pair()
    assert o.training and all(m.training for m in o.modules())
    assert o.eval() is o and not any(m.training for m in o.modules())
    o.train()
    assert all(m.training for m in o.modules())
    with pytest.raises(ValueError, match="training mode is expected to be boolean"):
        o.train("yes")
    o.requires_grad_(False)
    assert not any(p.requires_grad for p in o.parameters())
    seen = []
    o.apply(lambda m: seen.append(type(m).__name__))
    assert seen[-1] == "Net" and seen[0] == "Linear"


def test_zero_grad():
    lin = nn.Linear(3, 2)
    lin(autograd.randn(4, 3)).sum().backward()
    g = lin.weight.grad
    lin.zero_grad(set_to_none=False)
    assert lin.weight.grad is g and not g.numpy().any()
    lin.zero_grad()
    assert lin.weight.grad is None and lin.bias.grad is None


def test_to_dtype_keeps_parameter_identity():
    o, t = pair()
    w = o.features.fc1.weight
    o.features.fc1(autograd.randn(2, 4)).sum().backward()
    assert o.double() is o
    t.double()
    assert o.features.fc1.weight is w and w.dtype == autograd.float64 and w.grad.dtype == autograd.float64
    assert o.count.dtype == autograd.int64 and o.steps.dtype == autograd.float64
    o.to(autograd.float32)
    assert w.dtype == autograd.float32 and o.steps.dtype == autograd.float32
    o.to("cpu", dtype=autograd.float64)
    assert w.dtype == autograd.float64
    o.to(autograd.zeros(1, dtype=autograd.float32))
    assert w.dtype == autograd.float32
    assert o.half().steps.dtype == autograd.float16
    o.float()
    assert o.cpu() is o and o.to("cpu") is o
    with pytest.raises(TypeError, match="nn.Module.to only accepts floating point"):
        o.to(autograd.int64)


# ---- state_dict ---------------------------------------------------------------------------------
def test_state_dict_keys_shapes_and_sharing():
    o, t = pair()
    so, st = o.state_dict(), t.state_dict()
    assert list(so) == list(st)
    for k in so:
        assert tuple(so[k].shape) == tuple(st[k].shape)
        assert not so[k].requires_grad and so[k].grad_fn is None
        assert_close(so[k], st[k])
    so["features.fc1.weight"][0, 0] = 42.0  # detached but sharing storage, as torch
    assert o.features.fc1.weight[0, 0].item() == 42.0
    kv = o.state_dict(keep_vars=True)
    assert kv["scale"] is o.scale
    assert "" in so._metadata and so._metadata[""]["version"] == 1
    assert list(o.state_dict(prefix="m.")) == ["m." + k for k in so]


def test_weights_move_both_ways():
    o, t = pair()
    x = np.random.randn(5, 4).astype(np.float32)
    assert_close(o(autograd.from_numpy(x)), t(torch.from_numpy(x)), atol=1e-6)
    for p in o.parameters():
        p.data = p.data * 0.5 + 0.1
    t.load_state_dict({k: to_torch(v) for k, v in o.state_dict().items()})
    assert_close(o(autograd.from_numpy(x)), t(torch.from_numpy(x)), atol=1e-6)
    o2 = build_net("ours")
    o2.load_state_dict(t.state_dict())  # torch tensors accepted directly
    assert_close(o2(autograd.from_numpy(x)), t(torch.from_numpy(x)), atol=1e-6)


def _snapshot(m):
    return {k: v.numpy().copy() for k, v in m.state_dict().items()}


@pytest.mark.parametrize("strict", [True, False])
def test_load_state_dict_errors_load_nothing(strict):
    o, t = pair()
    sd_t = {k: v.clone() + 1 for k, v in t.state_dict().items()}
    del sd_t["features.fc1.bias"]
    sd_t["heads.0.weight"] = torch.zeros(3, 8)
    sd_t["bogus.key"] = torch.zeros(1)
    sd_t["heads.9.weight"] = torch.zeros(1)
    before = _snapshot(o)
    with pytest.raises(RuntimeError) as theirs:
        t.load_state_dict(sd_t, strict=strict)
    with pytest.raises(RuntimeError) as ours:
        o.load_state_dict({k: to_ours(v) for k, v in sd_t.items()}, strict=strict)
    assert _message(ours) == _message(theirs)
    assert "Missing key(s)" in str(ours.value) if strict else "size mismatch" in str(ours.value)
    after = _snapshot(o)
    assert all(np.array_equal(before[k], after[k]) for k in before)  # NOTHING loaded


def test_load_state_dict_non_strict_and_results():
    o, t = pair()
    sd = {k: to_ours(v) for k, v in t.state_dict().items()}
    res = o.load_state_dict(sd)
    assert repr(res) == "<All keys matched successfully>" and res.missing_keys == []
    del sd["scale"]
    sd["extra"] = autograd.zeros(1)
    sd["steps"] = autograd.full((3,), 7.0)
    res = o.load_state_dict(sd, strict=False)
    rt = t.load_state_dict({k: to_torch(v) for k, v in sd.items()}, strict=False)
    assert res.missing_keys == rt.missing_keys == ["scale"]
    assert res.unexpected_keys == rt.unexpected_keys == ["extra"]
    assert o.steps.tolist() == [7.0, 7.0, 7.0]
    with pytest.raises(RuntimeError) as e:
        o.load_state_dict({**sd, "steps": 5})
    assert 'While copying the parameter named "steps"' in str(e.value)
    with pytest.raises(TypeError, match="Expected state_dict to be dict-like"):
        o.load_state_dict([1, 2])


def test_load_state_dict_assign():
    lin = nn.Linear(2, 3)
    w = autograd.ones(3, 2)
    lin.load_state_dict({"weight": w, "bias": autograd.zeros(3)}, assign=True)
    assert isinstance(lin.weight, nn.Parameter) and lin.weight.requires_grad
    assert lin.weight._data is w._data


def test_state_dict_hooks_and_extra_state():
    class WithExtra(nn.Module):
        def __init__(self):
            super().__init__()
            self.value = 3

        def get_extra_state(self):
            return {"value": self.value}

        def set_extra_state(self, state):
            self.value = state["value"]

    m = nn.Sequential(WithExtra())
    sd = m.state_dict()
    assert list(sd) == ["0._extra_state"]
    m2 = nn.Sequential(WithExtra())
    m2[0].value = 0
    m2.load_state_dict(sd)
    assert m2[0].value == 3
    calls = []
    h = m2.register_load_state_dict_post_hook(lambda mod, keys: calls.append(keys))
    m2.load_state_dict(sd)
    assert len(calls) == 1
    h.remove()
    m2.load_state_dict(sd)
    assert len(calls) == 1


def test_get_submodule_parameter_buffer():
    def run(which):
        _, N = _lib(which)
        net = build_net(which)
        return net, N
    o, t = build_net("ours"), build_net("torch")
    assert o.get_submodule("features.fc1") is o.features.fc1
    assert o.get_submodule("") is o
    assert o.get_parameter("features.fc1.weight") is o.features.fc1.weight
    assert o.get_buffer("steps") is o.steps
    for target in ("features.nope", "features.fc1.weight.x", "scale.x"):
        _same_error(lambda: o.get_submodule(target), lambda: t.get_submodule(target), AttributeError)
    _same_error(lambda: o.get_parameter("features.fc1.in_features"),
                lambda: t.get_parameter("features.fc1.in_features"), AttributeError)
    _same_error(lambda: o.get_buffer("scale"), lambda: t.get_buffer("scale"), AttributeError)


# ---- hooks --------------------------------------------------------------------------------------
def test_forward_hooks():
    lin = nn.Linear(3, 2)
    log = []
    h1 = lin.register_forward_pre_hook(lambda m, args: (args[0] * 0,))
    h2 = lin.register_forward_hook(lambda m, args, out: out + 1)
    h3 = lin.register_forward_hook(lambda m, args, out: log.append("first"), prepend=True)
    h4 = lin.register_forward_pre_hook(lambda m, args, kwargs: log.append(("kw", kwargs)) or None, with_kwargs=True)
    out = lin(autograd.randn(4, 3))
    assert_close(out, to_torch(lin.bias.detach()).expand(4, 2) + 1)
    assert log == [("kw", {}), "first"]
    for h in (h1, h2, h3, h4):
        h.remove()
    x = autograd.randn(4, 3)
    assert_close(lin(x), to_torch(x) @ to_torch(lin.weight.detach()).T + to_torch(lin.bias.detach()))
    with lin.register_forward_hook(lambda m, a, o: o * 0):
        assert not lin(x).detach().numpy().any()
    assert lin(x).detach().numpy().any()


def test_forward_hook_always_called():
    class Boom(nn.Module):
        def forward(self, x):
            raise ValueError("boom")

    calls = []
    m = Boom()
    m.register_forward_hook(lambda mod, a, o: calls.append(o), always_call=True)
    with pytest.raises(ValueError):
        m(1)
    assert calls == [None]


def test_full_backward_hooks_match_torch():
    o, t = nn.Linear(3, 2), tnn.Linear(3, 2)
    o.load_state_dict({k: to_ours(v) for k, v in t.state_dict().items()})
    got = {}
    for which, m in (("ours", o), ("torch", t)):
        rec = got.setdefault(which, {})

        def hook(mod, gin, gout, rec=rec):
            rec["gin"], rec["gout"] = gin, gout
            return (gin[0] * 2,)

        def pre(mod, gout, rec=rec):
            rec["pre"] = gout

        m.register_full_backward_hook(hook)
        m.register_full_backward_pre_hook(pre)
    xo = autograd.randn(4, 3, requires_grad=True)
    xt = to_torch(xo)
    (o(xo) ** 2).sum().backward()
    (t(xt) ** 2).sum().backward()
    assert_close(got["ours"]["gin"][0], got["torch"]["gin"][0])
    assert_close(got["ours"]["gout"][0], got["torch"]["gout"][0])
    assert_close(got["ours"]["pre"][0], got["torch"]["pre"][0])
    assert_close(xo.grad, xt.grad)  # the hook's replacement reached the input
    assert_close(o.weight.grad, t.weight.grad)



def test_full_backward_hook_unused_output_gets_none():
    class Two(nn.Module):
        def forward(self, a, b):
            return a * b, a + b

    m, got = Two(), []
    m.register_full_backward_pre_hook(lambda mod, go: got.append([g is None for g in go]))
    m.register_full_backward_hook(lambda mod, gi, go: got.append([g is None for g in go]))
    a, b = autograd.ones(2, requires_grad=True), autograd.ones(2, requires_grad=True)
    p, q = m(a, b)
    p.sum().backward()
    assert got == [[False, True], [False, True]] and a.grad.tolist() == [1., 1.]

# ---- repr / copy ---------------------------------------------------------------------------------
def test_repr_identical_to_torch():
    o, t = pair()
    assert repr(o) == repr(t)
    assert repr(nn.Sequential()) == repr(tnn.Sequential())
    assert repr(nn.Linear(2, 3, bias=False)) == repr(tnn.Linear(2, 3, bias=False))


def test_deepcopy_and_pickle_module():
    o = nn.Sequential(OrderedDict(features=nn.Sequential(OrderedDict(fc1=nn.Linear(4, 3))), act=nn.GELU()))
    o.register_buffer("b", autograd.ones(2))
    for c in (copy.deepcopy(o), pickle.loads(pickle.dumps(o))):
        assert list(c.state_dict()) == list(o.state_dict())
        assert c.features.fc1.weight is not o.features.fc1.weight
        assert isinstance(c.features.fc1.weight, nn.Parameter) and c.features.fc1.weight.requires_grad
        assert_close(c.features.fc1.weight, to_torch(o.features.fc1.weight.detach()))
        x = autograd.randn(2, 4)
        assert_close(c(x), to_torch(o(x).detach()))


# ---- containers ----------------------------------------------------------------------------------
def test_sequential_ops_match_torch():
    def mk(N):
        return N.Sequential(N.Linear(2, 3), N.ReLU(), N.Linear(3, 4), N.Tanh())
    o, t = mk(nn), mk(tnn)
    assert len(o) == 4 and isinstance(o[0], nn.Linear) and isinstance(o[-1], nn.Tanh)
    assert repr(o[1:3]) == repr(t[1:3]) and isinstance(o[1:3], nn.Sequential)
    assert repr(o[::-1]) == repr(t[::-1])
    for seq in (o, t):
        seq.append(type(seq[1])())
        seq.insert(1, type(seq[3])())
        seq.extend([type(seq[1])()])
        del seq[0]
        seq.pop(1)
    assert repr(o) == repr(t)
    assert repr(o + o) == repr(t + t) and repr(o * 2) == repr(t * 2)
    assert [type(m).__name__ for m in o] == [type(m).__name__ for m in t]
    with pytest.raises(IndexError, match="index 10 is out of range"):
        o[10]
    o[0] = nn.Sigmoid()
    assert isinstance(o[0], nn.Sigmoid)
    named = nn.Sequential(OrderedDict([("a", nn.Linear(1, 2)), ("b", nn.ReLU())]))
    assert list(named._modules) == ["a", "b"] and named.a is named[0]
    x = autograd.randn(5, 1)
    assert named(x).shape == (5, 2)


def test_modulelist_and_moduledict():
    ml = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)])
    tl = tnn.ModuleList([tnn.Linear(2, 2) for _ in range(3)])
    assert repr(ml) == repr(tl)
    ml.append(nn.ReLU()).extend([nn.ReLU(), nn.Tanh()])
    tl.append(tnn.ReLU()).extend([tnn.ReLU(), tnn.Tanh()])
    ml.insert(0, nn.Sigmoid())
    tl.insert(0, tnn.Sigmoid())
    assert repr(ml) == repr(tl) and repr(ml[1:4]) == repr(tl[1:4])
    del ml[2]
    del tl[2]
    assert repr(ml) == repr(tl) and len(ml) == len(tl)
    assert repr(nn.ModuleList()) == repr(tnn.ModuleList())
    assert [n for n, _ in ml.named_parameters()] == [n for n, _ in tl.named_parameters()]
    md = nn.ModuleDict({"b": nn.ReLU(), "a": nn.Linear(1, 1)})
    td = tnn.ModuleDict({"b": tnn.ReLU(), "a": tnn.Linear(1, 1)})
    md.update([("c", nn.Tanh())])
    td.update([("c", tnn.Tanh())])
    assert repr(md) == repr(td) and list(md.keys()) == list(td.keys())
    assert "a" in md and len(md) == 3 and md.pop("c").__class__ is nn.Tanh
    with pytest.raises(ValueError, match="has length 1; 2 is required"):
        md.update([("x",)])


def test_parameter_list_and_dict():
    pl = nn.ParameterList([nn.Parameter(autograd.ones(2, 3)), autograd.zeros(4)])
    tl = tnn.ParameterList([tnn.Parameter(torch.ones(2, 3)), torch.zeros(4)])
    assert isinstance(pl[1], nn.Parameter) and len(pl) == 2
    assert _message(repr(tl)) == repr(pl)
    assert [n for n, _ in pl.named_parameters()] == ["0", "1"]
    pd = nn.ParameterDict({"b": autograd.ones(1), "a": nn.Parameter(autograd.ones(2, 2))})
    td = tnn.ParameterDict({"b": torch.ones(1), "a": tnn.Parameter(torch.ones(2, 2))})
    assert _message(repr(td)) == repr(pd) and list(pd.keys()) == list(td.keys())
    assert [n for n, _ in pd.named_parameters()] == [n for n, _ in td.named_parameters()]
    with pytest.raises(RuntimeError, match="ParameterList should not be called"):
        pl(1)
    with pytest.raises(TypeError, match="not a string"):
        pd[1] = autograd.ones(1)


def test_global_forward_hooks_and_module_path():
    from nn.modules.module import Module, register_module_forward_hook, register_module_forward_pre_hook
    assert Module is nn.Module
    seen = []
    h1 = register_module_forward_pre_hook(lambda m, args: seen.append(type(m).__name__))
    h2 = register_module_forward_hook(lambda m, args, out: out * 2 if isinstance(m, nn.Identity) else None)
    try:
        y = nn.Sequential(nn.Identity())(autograd.ones(2))
    finally:
        h1.remove()
        h2.remove()
    assert seen == ["Sequential", "Identity"] and y.tolist() == [2.0, 2.0]
    assert nn.Identity()(autograd.ones(1)).tolist() == [1.0]
