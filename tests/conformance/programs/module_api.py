# nn.Module API in depth: hooks (kwargs, prepend, backward), registration errors, traversal with
# shared modules, conversions, state-dict hooks and messages, containers, nn.utils, nn.init.

# %% mod_pre_hook_kwargs_rewrite strict
import torch
import torch.nn as nn

class Scaled(nn.Module):
    def forward(self, x, scale=1.0, *, shift=0.0):
        return x * scale + shift

m = Scaled()
log = []
def pre_kw(mod, args, kwargs):
    log.append(("pre_kw", len(args), sorted(kwargs)))
    kwargs = dict(kwargs)
    kwargs["shift"] = kwargs.get("shift", 0.0) + 10.0
    return args, kwargs
def pre_plain(mod, args):
    log.append(("pre_plain", len(args)))
    return args[0] * 2
def post_kw(mod, args, kwargs, out):
    log.append(("post_kw", sorted(kwargs), out.tolist()))
    return out + 1
h1 = m.register_forward_pre_hook(pre_kw, with_kwargs=True)
h2 = m.register_forward_pre_hook(pre_plain, prepend=True)
h3 = m.register_forward_hook(post_kw, with_kwargs=True)
print(m(torch.tensor([1.0, 2.0]), scale=3.0))
print(log)
h2.remove()
log.clear()
print(m(torch.tensor([1.0]), 2.0, shift=1.0), log)
def bad(mod, args, kwargs):
    return args
h4 = m.register_forward_pre_hook(bad, with_kwargs=True)
try:
    m(torch.tensor([1.0]))
except RuntimeError as e:
    print("RuntimeError", str(e)[:60])
for h in (h1, h3, h4):
    h.remove()
print(m(torch.tensor([1.0]), scale=5.0), len(m._forward_pre_hooks), len(m._forward_hooks))

# %% mod_forward_hook_prepend_order strict
import torch
import torch.nn as nn

lin = nn.Linear(2, 2)
order = []
handles = []
for tag, pre in [("a", False), ("b", True), ("c", False), ("d", True)]:
    handles.append(lin.register_forward_hook(lambda m, i, o, tag=tag: order.append(tag), prepend=pre))
lin(torch.ones(1, 2))
print(order)
handles[1].remove()
handles[1].remove()
order.clear()
lin(torch.ones(1, 2))
print(order)
with lin.register_forward_hook(lambda m, i, o: order.append("ctx")):
    order.clear()
    lin(torch.ones(1, 2))
    print(order)
order.clear()
lin(torch.ones(1, 2))
print(order, type(handles[0]).__name__)
pre_order = []
seq = nn.Sequential(nn.ReLU(), nn.Tanh())
seq.register_forward_pre_hook(lambda m, a: pre_order.append("seq_pre"))
seq.register_forward_hook(lambda m, a, o: pre_order.append("seq_post"))
for i, sub in enumerate(seq):
    sub.register_forward_pre_hook(lambda m, a, i=i: pre_order.append(f"pre{i}"))
    sub.register_forward_hook(lambda m, a, o, i=i: pre_order.append(f"post{i}"))
seq(torch.zeros(1))
print(pre_order)

# %% mod_forward_hook_replace_output strict
import torch
import torch.nn as nn

class Two(nn.Module):
    def forward(self, x):
        return x + 1, x * 2

m = Two()
m.register_forward_hook(lambda mod, args, out: (out[1], out[0]))
a, b = m(torch.tensor([1.0, 2.0]))
print(a, b)
lin = nn.Linear(2, 1)
with torch.no_grad():
    lin.weight.fill_(1.0)
    lin.bias.fill_(0.0)
h = lin.register_forward_hook(lambda mod, args, out: out.detach() * 0)
x = torch.ones(1, 2, requires_grad=True)
y = lin(x)
print(y, y.requires_grad)
h.remove()
y = lin(x)
print(y, y.requires_grad, y.grad_fn.name())
cap = {}
def grab(mod, args):
    cap["args"] = [type(a).__name__ for a in args]
lin.register_forward_pre_hook(grab)
lin(x)
print(cap)

# %% mod_always_call_hook_on_error strict
import torch
import torch.nn as nn

class Boom(nn.Module):
    def forward(self, x):
        if x.sum() > 0:
            raise ValueError("positive input")
        return x

m = Boom()
calls = []
m.register_forward_hook(lambda mod, args, out: calls.append(("always", out is None)), always_call=True)
m.register_forward_hook(lambda mod, args, out: calls.append(("normal", out is None)))
print(m(torch.zeros(2)), calls)
calls.clear()
try:
    m(torch.ones(2))
except ValueError as e:
    print("ValueError", e)
print(calls)
calls.clear()
m.register_forward_pre_hook(lambda mod, args: (_ for _ in ()).throw(KeyError("from pre hook")))
try:
    m(torch.zeros(2))
except KeyError as e:
    print("KeyError", e)
print(calls)

# %% mod_full_backward_hook_scale_grad_input strict
import torch
import torch.nn as nn

lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, 0.0, -1.0], [2.0, 1.0, 0.5]]))
    lin.bias.fill_(0.0)
shapes = []
def hook(mod, grad_input, grad_output):
    shapes.append(([tuple(g.shape) if g is not None else None for g in grad_input], [tuple(g.shape) for g in grad_output]))
    return tuple(g * 10 if g is not None else None for g in grad_input)
h = lin.register_full_backward_hook(hook)
x = torch.tensor([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]], requires_grad=True)
lin(x).sum().backward()
print(shapes, x.grad, lin.weight.grad)
h.remove()
x.grad = None
lin(x).sum().backward()
print(x.grad)
shapes.clear()
lin.register_full_backward_hook(lambda m, gi, go: shapes.append([g is None for g in gi]))
out = lin(torch.ones(1, 3))
out.sum().backward()
print(shapes, lin.weight.grad)

# %% mod_full_backward_pre_hook_grad_output strict
import torch
import torch.nn as nn

lin = nn.Linear(2, 2, bias=False)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
seen = []
def pre(mod, grad_output):
    seen.append(("pre", [g.tolist() for g in grad_output]))
    return (grad_output[0] * torch.tensor([1.0, 0.0]),)
def post(mod, grad_input, grad_output):
    seen.append(("post", [g.tolist() for g in grad_input], [g.tolist() for g in grad_output]))
lin.register_full_backward_pre_hook(pre)
lin.register_full_backward_hook(post)
x = torch.tensor([[1.0, 1.0]], requires_grad=True)
(lin(x) * torch.tensor([2.0, 3.0])).sum().backward()
print(seen)
print(x.grad, lin.weight.grad)
order = []
m = nn.Tanh()
m.register_full_backward_pre_hook(lambda mod, go: order.append("pre2"))
m.register_full_backward_pre_hook(lambda mod, go: order.append("pre1"), prepend=True)
m.register_full_backward_hook(lambda mod, gi, go: order.append("post"))
m(torch.zeros(2, requires_grad=True)).sum().backward()
print(order)

# %% mod_backward_hook_multi_input strict
import torch
import torch.nn as nn

class Bilinear(nn.Module):
    def forward(self, a, b, c=None):
        return a * b + (0 if c is None else c)

m = Bilinear()
got = []
m.register_full_backward_hook(lambda mod, gi, go: got.append([None if g is None else g.tolist() for g in gi]))
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0])
m(a, b).sum().backward()
print(got)
got.clear()
b.requires_grad_()
m(a, b, c=torch.ones(2, requires_grad=True)).sum().backward()
print(got, a.grad, b.grad)
got.clear()
conv = nn.Conv2d(1, 2, 3, padding=1)
conv.register_full_backward_hook(lambda mod, gi, go: got.append((tuple(gi[0].shape), tuple(go[0].shape))))
img = torch.zeros(2, 1, 5, 5, requires_grad=True)
conv(img).mean().backward()
print(got)
try:
    bh = nn.Linear(1, 1)
    bh.register_full_backward_hook(lambda *a: None)
    bh.register_backward_hook(lambda *a: None)
except RuntimeError as e:
    print("RuntimeError", e)

# %% mod_state_dict_hooks_migrate_keys strict
import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(2, 2)
        self._register_load_state_dict_pre_hook(self._rename)

    def _rename(self, state_dict, prefix, local_metadata, strict, missing, unexpected, errors):
        for old in [k for k in state_dict if k.startswith(prefix + "fc.")]:
            state_dict[prefix + "proj." + old[len(prefix + "fc."):]] = state_dict.pop(old)

old = {"fc.weight": torch.eye(2), "fc.bias": torch.tensor([1.0, 2.0])}
net = Net()
print(net.load_state_dict(old), net.proj.bias)
outer = nn.Sequential(Net())
print(outer.load_state_dict({"0.fc.weight": torch.zeros(2, 2), "0.fc.bias": torch.zeros(2)}), outer[0].proj.bias)
posts = []
def post(module, incompatible):
    posts.append((type(module).__name__, list(incompatible.missing_keys), list(incompatible.unexpected_keys)))
    incompatible.missing_keys.clear()
h = net.register_load_state_dict_post_hook(post)
r = net.load_state_dict({"proj.weight": torch.eye(2)}, strict=False)
print(r, posts)
r = net.load_state_dict({"proj.weight": torch.eye(2)})
print(r)
h.remove()
try:
    net.load_state_dict({"proj.weight": torch.eye(2)})
except RuntimeError as e:
    print("RuntimeError", e)

# %% mod_state_dict_pre_post_hooks strict
import torch
import torch.nn as nn

m = nn.Sequential(nn.Linear(1, 1), nn.BatchNorm1d(1))
calls = []
m.register_state_dict_pre_hook(lambda mod, prefix, keep_vars: calls.append(("pre", type(mod).__name__, prefix, keep_vars)))
m[1].register_state_dict_pre_hook(lambda mod, prefix, keep_vars: calls.append(("pre", type(mod).__name__, prefix, keep_vars)))
def post(mod, sd, prefix, local_metadata):
    calls.append(("post", prefix, dict(local_metadata)))
    sd[prefix + "note"] = torch.tensor(1)
m[1]._register_state_dict_hook(post)
sd = m.state_dict(keep_vars=True)
print(list(sd.keys()))
print(calls)
print(dict(sd._metadata))
calls.clear()
inner = m[1].state_dict(prefix="bn.")
print(list(inner.keys()), calls)
try:
    m.load_state_dict(sd)
except RuntimeError as e:
    print("RuntimeError", e)

# %% mod_buffer_none_and_assignment strict
import torch
import torch.nn as nn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("cache", None)
        self.register_buffer("tmp", torch.zeros(2), persistent=False)
        self.plain = torch.ones(2)

m = M()
print(m.cache, list(m.state_dict().keys()), [n for n, _ in m.named_buffers()], "cache" in m._buffers)
m.cache = torch.arange(3)
print(m.cache, list(m.state_dict().keys()), [n for n, _ in m.named_buffers()])
m.tmp = torch.ones(1)
print(list(m.state_dict().keys()), sorted(m._non_persistent_buffers_set))
m.plain = torch.zeros(1)
print([n for n, _ in m.named_buffers()], m.plain)
m.register_buffer("plain2", nn.Parameter(torch.ones(1)))
print(type(m.plain2).__name__, [n for n, _ in m.named_parameters()], [n for n, _ in m.named_buffers()])
try:
    m.cache = [1, 2]
except TypeError as e:
    print("TypeError", e)
try:
    m.register_buffer("plain", torch.zeros(1))
except KeyError as e:
    print("KeyError", e)
m.b2 = nn.Buffer(torch.ones(2), persistent=False)
m.b3 = nn.Buffer(torch.zeros(1))
print(list(m.state_dict().keys()), type(m.b2).__name__, m.b2.requires_grad)
del m.cache
print(hasattr(m, "cache"), [n for n, _ in m.named_buffers()])

# %% mod_register_errors_messages strict
import torch
import torch.nn as nn

m = nn.Linear(2, 2)
tries = [
    lambda: m.register_parameter(1, nn.Parameter(torch.ones(1))),
    lambda: m.register_parameter("a.b", nn.Parameter(torch.ones(1))),
    lambda: m.register_parameter("", nn.Parameter(torch.ones(1))),
    lambda: m.register_parameter("forward", nn.Parameter(torch.ones(1))),
    lambda: m.register_parameter("w", torch.ones(1)),
    lambda: m.register_parameter("w", nn.Parameter(torch.ones(1)) * 2),
    lambda: m.register_buffer(3, torch.ones(1)),
    lambda: m.register_buffer("x.y", torch.ones(1)),
    lambda: m.register_buffer("", torch.ones(1)),
    lambda: m.register_buffer("weight", torch.ones(1)),
    lambda: m.register_buffer("z", 3.0),
    lambda: m.add_module("act", torch.ones(1)),
    lambda: m.add_module(5, nn.ReLU()),
    lambda: m.add_module("weight", nn.ReLU()),
    lambda: m.add_module("p.q", nn.ReLU()),
    lambda: m.add_module("", nn.ReLU()),
    lambda: m.register_module("in_features", nn.ReLU()),
]
for t in tries:
    try:
        t()
        print("ok")
    except Exception as e:
        print(type(e).__name__, e)
print([n for n, _ in m.named_parameters()], [n for n, _ in m.named_children()])

# %% mod_setattr_getattr_rules strict
import torch
import torch.nn as nn

m = nn.Linear(2, 2)
for bad in [lambda: setattr(m, "weight", torch.ones(2, 2)), lambda: setattr(m, "weight", 3)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
m.weight = nn.Parameter(torch.zeros(2, 2))
print(m.weight.sum(), [n for n, _ in m.named_parameters()])
m.bias = None
print(m.bias, [n for n, _ in m.named_parameters()], list(m.state_dict().keys()), m(torch.ones(1, 2)))
m.extra = nn.Parameter(torch.ones(1))
print([n for n, _ in m.named_parameters()])
try:
    m.extra = nn.ReLU()
except TypeError as e:
    print("TypeError", str(e).split(" as ")[1])
del m.extra
m.extra = nn.ReLU()
print([n for n, _ in m.named_parameters()], [n for n, _ in m.named_children()])
try:
    m.extra = 5
except TypeError as e:
    print("TypeError", e)
m.extra = None
print(m.extra, [n for n, _ in m.named_children()], m)
for name in ["foo", "_parameters_x", "weight_g"]:
    try:
        getattr(m, name)
    except AttributeError as e:
        print("AttributeError", e)
try:
    del m.nothing
except AttributeError as e:
    print("AttributeError", e)
class NoInit(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(1, 1)
try:
    NoInit()
except AttributeError as e:
    print("AttributeError", e)
class NoForward(nn.Module):
    pass
try:
    NoForward()(torch.ones(1))
except NotImplementedError as e:
    print("NotImplementedError", e)

# %% mod_shared_modules_traversal strict
import torch
import torch.nn as nn

shared = nn.Linear(2, 2)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = shared
        self.dec = shared
        self.blocks = nn.ModuleList([shared, nn.ReLU(), shared])
        self.emb = nn.Embedding(4, 2)
        self.head = nn.Linear(2, 4, bias=False)
        self.head.weight = self.emb.weight

net = Net()
print([n for n, _ in net.named_modules()])
print([n for n, _ in net.named_modules(remove_duplicate=False)])
print([n for n, _ in net.named_children()], len(list(net.children())), len(list(net.modules())))
print([n for n, _ in net.named_parameters()], len(list(net.parameters())))
print([n for n, _ in net.named_parameters(remove_duplicate=False)])
print(list(net.state_dict().keys()))
print(sum(p.numel() for p in net.parameters()), sum(p.numel() for p in net.parameters(recurse=False)))
print([n for n, _ in net.blocks.named_modules(prefix="blocks")], [n for n, _ in net.named_parameters(prefix="m", recurse=False)])
net.register_buffer("r", torch.ones(1))
net.alias = nn.Module()
net.alias.register_buffer("r", net.r)
print([n for n, _ in net.named_buffers()], [n for n, _ in net.named_buffers(remove_duplicate=False)])

# %% mod_dtype_conversions_int_buffers strict
import torch
import torch.nn as nn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.register_buffer("idx", torch.tensor([0, 1]))
        self.register_buffer("mask", torch.tensor([True, False]))
        self.register_buffer("scale", torch.tensor(2.0))

m = M()
m.fc.weight.grad = torch.ones(2, 2)
w = m.fc.weight
m.double()
print(m.fc.weight.dtype, m.fc.weight.grad.dtype, m.idx.dtype, m.mask.dtype, m.scale.dtype, m.fc.weight is w)
m.half()
print(m.fc.bias.dtype, m.idx.dtype, m.scale.dtype)
m.to(torch.float32)
print(m.fc.bias.dtype, m.scale.dtype)
m.to("cpu", torch.float64)
print(m.fc.bias.dtype, m.mask.dtype)
m.to(torch.ones(1, dtype=torch.float32))
print(m.scale.dtype)
m.to(dtype=torch.float16)
print(m.fc.weight.dtype, type(m.fc.weight).__name__, m.fc.weight.requires_grad, m.fc.weight.is_leaf)
for bad in [torch.int64, torch.bool]:
    try:
        m.to(bad)
    except TypeError as e:
        print("TypeError", e)
print(m.float() is m, m.cpu() is m, m.to("cpu") is m)

# %% mod_requires_grad_freeze_forward strict
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_(torch.arange(p.numel(), dtype=torch.float32).view(p.shape) / (i + 2))
model.requires_grad_(False)
out = model(torch.ones(1, 2))
print(out, out.requires_grad, out.grad_fn)
model[2].requires_grad_()
out = model(torch.ones(1, 2))
print(out.requires_grad, out.grad_fn.name())
out.sum().backward()
print(model[0].weight.grad, model[2].weight.grad, model[2].bias.grad)
trainable = [n for n, p in model.named_parameters() if p.requires_grad]
print(trainable, sum(p.numel() for p in model.parameters() if not p.requires_grad))
model.zero_grad()
print(model[2].weight.grad)
model[2].weight.grad = torch.ones(1, 3)
model.zero_grad(set_to_none=False)
print(model[2].weight.grad, model[0].weight.grad)
x = torch.ones(1, 2, requires_grad=True)
model.requires_grad_(False)(x).sum().backward()
print(x.grad)

# %% mod_load_state_dict_error_formats strict
import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
        self.register_buffer("step", torch.tensor(0))

net = Net()
sd = net.state_dict()
bad = dict(sd)
del bad["body.0.bias"]
del bad["step"]
bad["body.2.weight"] = torch.zeros(1, 4)
bad["body.2.bias"] = torch.zeros(2)
bad["head.weight"] = torch.zeros(1)
bad["body.1.weight"] = torch.zeros(1)
try:
    net.load_state_dict(bad)
except RuntimeError as e:
    print(e)
try:
    net.body.load_state_dict({"0.weight": "oops"}, strict=False)
except RuntimeError as e:
    print(e)
r = net.load_state_dict({"body.0.weight": torch.ones(3, 2)}, strict=False)
print(r)
print(repr(r), r._fields, len(r), r == (r.missing_keys, r.unexpected_keys))
print(net.body[0].weight.sum(), net.load_state_dict(sd))
scalar_sd = dict(sd)
scalar_sd["step"] = torch.tensor([7])
print(net.load_state_dict(scalar_sd), net.step)

# %% mod_load_state_dict_assign_semantics strict
import torch
import torch.nn as nn

m = nn.Linear(2, 1)
w_before = m.weight
src = {"weight": torch.tensor([[1.0, 2.0]], dtype=torch.float64), "bias": torch.tensor([0.5])}
m.load_state_dict(src)
print(m.weight.dtype, m.weight is w_before, m.weight)
m.load_state_dict(src, assign=True)
print(m.weight.dtype, m.weight is w_before, type(m.weight).__name__, m.weight.requires_grad)
m.weight.requires_grad_(False)
src2 = {"weight": nn.Parameter(torch.ones(1, 2)), "bias": torch.zeros(1)}
m.load_state_dict(src2, assign=True)
print(m.weight.requires_grad, m.weight is src2["weight"], m.bias.requires_grad)
t = torch.zeros(1, 2)
m.bias.requires_grad_(True)
m.load_state_dict({"weight": t, "bias": torch.ones(1)})
t.add_(5)
print(m.weight, m.bias)
bn = nn.BatchNorm1d(2)
bsd = {k: v.clone() for k, v in bn.state_dict().items()}
bsd["running_mean"] = torch.tensor([1.0, 2.0])
bn.load_state_dict(bsd, assign=True)
print(bn.running_mean, bn.num_batches_tracked, [n for n, _ in bn.named_buffers()])

# %% mod_sequential_arith_errors strict
import torch
import torch.nn as nn

s = nn.Sequential(nn.Linear(1, 2), nn.ReLU())
try:
    s + nn.ModuleList([nn.ReLU()])
except ValueError as e:
    print("ValueError", str(e)[:50])
for bad in [-1, 1.5]:
    try:
        s * bad
    except (ValueError, TypeError) as e:
        print(type(e).__name__, str(e)[:30])
s2 = s * 2
print(len(s2), s2[0] is s2[2], [n for n, _ in s2.named_children()], len(list(s2.parameters())))
s3 = 2 * s
print(len(s3))
s += nn.Sequential(nn.Tanh())
print(len(s), type(s[-1]).__name__)
s *= 2
print(len(s), [n for n, _ in s.named_children()])
s.extend(nn.Sequential(nn.Sigmoid()))
print([type(m).__name__ for m in s], len(s))
del s[-2:]
print(len(s), [n for n, _ in s.named_children()])
try:
    nn.Sequential(nn.ReLU()).insert(5, nn.Tanh())
except IndexError as e:
    print("IndexError", e)
s.insert(-1, nn.Identity())
print([type(m).__name__ for m in s])
try:
    s.append(torch.ones(1))
except (TypeError, AssertionError) as e:
    print(type(e).__name__, e)
print(nn.Sequential()(torch.ones(2)), len(nn.Sequential()))

# %% mod_modulelist_negative_slices strict
import torch
import torch.nn as nn

ml = nn.ModuleList([nn.Linear(i + 1, i + 1) for i in range(4)])
print(ml[-1].in_features, type(ml[1:3]).__name__, [m.in_features for m in ml[::-1]], [n for n, _ in ml[1:3].named_children()])
ml[-1] = nn.ReLU()
print([type(m).__name__ for m in ml], [n for n, _ in ml.named_children()])
del ml[-2]
print([n for n, _ in ml.named_children()], len(ml))
del ml[0:1]
print([n for n, _ in ml.named_parameters()])
ml.insert(1, nn.Tanh())
ml.insert(0, nn.Sigmoid())
ml.insert(len(ml), nn.GELU())
print([type(m).__name__ for m in ml])
print(ml.index(ml[2]) if hasattr(ml, "index") else None, nn.ReLU() in ml)
for bad in [10, -10]:
    try:
        ml[bad]
    except IndexError as e:
        print("IndexError", e)
try:
    ml.append(5)
except TypeError as e:
    print("TypeError", e)
try:
    nn.ModuleList(nn.ReLU())
except TypeError as e:
    print("TypeError", e)
print(ml)

# %% mod_moduledict_update_pop_errors strict
import torch
import torch.nn as nn
from collections import OrderedDict

md = nn.ModuleDict(OrderedDict([("z", nn.ReLU()), ("a", nn.Tanh())]))
md.update({"m": nn.Identity(), "b": nn.Sigmoid()})
md.update(nn.ModuleDict({"c": nn.GELU()}))
print(list(md.keys()))
md["a"] = nn.Linear(1, 1)
print(list(md.keys()), type(md["a"]).__name__)
del md["z"]
print(list(md), "z" in md)
print(type(md.pop("m")).__name__, list(md.keys()))
for bad in [lambda: md.update([("x", nn.ReLU(), 1)]), lambda: md.update(5), lambda: md.update(["ab"]),
            lambda: md.pop("nope"), lambda: md["nope"]]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(md)
print([n for n, _ in md.named_parameters()], dict((k, type(v).__name__) for k, v in md.items()))

# %% mod_parameter_containers_repr strict
import torch
import torch.nn as nn

pl = nn.ParameterList([nn.Parameter(torch.ones(2, 3)), nn.Parameter(torch.zeros(4, dtype=torch.float64))])
pl.append(nn.Parameter(torch.ones(1), requires_grad=False))
print(pl)
print(repr(pl[2]), pl[-1].requires_grad, type(pl[1:]).__name__, len(pl[1:]))
pd = nn.ParameterDict({"beta": nn.Parameter(torch.zeros(3)), "alpha": nn.Parameter(torch.ones(2, 2))})
print(pd)
pd["gamma"] = torch.ones(1)
print(type(pd["gamma"]).__name__, pd["gamma"].requires_grad, list(pd.keys()))
print(sorted(pd.keys()), pd.setdefault("alpha", None) is pd["alpha"], "gamma" in pd)
pd2 = pd.copy()
print(type(pd2).__name__, pd2["beta"] is pd["beta"], list(pd2.keys()))
print(list(pd.fromkeys(["u", "v"], nn.Parameter(torch.zeros(1))).keys()))
k, v = pd.popitem()
print(k, tuple(v.shape), list(pd.keys()))
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.pl = nn.ParameterList([nn.Parameter(torch.ones(1)) for _ in range(2)])
m = M()
print(m)

# %% mod_deepcopy_independent_and_tied strict
import copy
import torch
import torch.nn as nn

class LM(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(3, 2)
        self.out = nn.Linear(2, 3, bias=False)
        self.out.weight = self.emb.weight
        self.register_buffer("count", torch.zeros(1))

m = LM()
with torch.no_grad():
    m.emb.weight.copy_(torch.arange(6.0).view(3, 2))
m.emb.weight.grad = torch.ones(3, 2)
calls = []
m.register_forward_hook(lambda mod, a, o: calls.append("hook"))
c = copy.deepcopy(m)
print(c.out.weight is c.emb.weight, c.emb.weight is m.emb.weight, len(list(c.parameters())))
print(c.emb.weight.grad, c.emb.weight.requires_grad, type(c.emb.weight).__name__, c.emb.weight.is_leaf)
with torch.no_grad():
    c.emb.weight.add_(100)
    c.count += 1
print(m.emb.weight[0], c.out.weight[0], m.count, c.count)
c(torch.tensor([0])) if False else None
c.out(torch.ones(1, 2))
c(torch.tensor([1])) if hasattr(c, "forward") and type(c).forward is not nn.Module.forward else None
print(list(c.state_dict().keys()), c.training)
e = copy.deepcopy(m.eval())
print(e.training, e.emb.training)

# %% mod_extra_repr_multiline strict
import torch
import torch.nn as nn

class Gate(nn.Module):
    def __init__(self, dim, mode="soft"):
        super().__init__()
        self.dim, self.mode = dim, mode
        self.w = nn.Parameter(torch.zeros(dim))

    def extra_repr(self):
        return f"dim={self.dim},\nmode={self.mode!r}"

class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.gate = Gate(4)
        self.inner = nn.Sequential(Gate(2, "hard"), nn.Linear(2, 2))

    def extra_repr(self):
        return "block=True"

print(Gate(3))
print(Block())
print(str(nn.Sequential()), repr(nn.ModuleList()), repr(nn.ModuleDict()))
class Empty(nn.Module):
    pass
print(Empty(), nn.Sequential(Empty(), nn.Sequential(Empty())))

# %% mod_named_members_prefix_recurse strict
import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(2, 2), nn.Sequential(nn.BatchNorm1d(2), nn.Linear(2, 1, bias=False)))
print([n for n, _ in net.named_parameters(prefix="model.")])
print([n for n, _ in net[1].named_buffers(prefix="x", recurse=True)], list(net[1].named_buffers(recurse=False)))
print([n for n, _ in net.named_modules(prefix="root")])
memo = set()
print([n for n, _ in net.named_modules(memo=memo)], len(memo))
print([n for n, _ in net.named_modules(memo=memo)])
print([type(b).__name__ for b in net.buffers()], [b.dtype for b in net.buffers(recurse=True)], list(net.buffers(recurse=False)))
print(len(list(net.modules())), len(list(net.children())), [n for n, _ in net[1].named_children()])
print(sorted(dict(net.named_parameters()).keys()) == sorted(k for k in net.state_dict() if "running" not in k and "num_batches" not in k))

# %% mod_get_extra_state_roundtrip strict
import torch
import torch.nn as nn

class Tok(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(1, 1)
        self.vocab = {"a": 0}

    def get_extra_state(self):
        return {"vocab": dict(self.vocab)}

    def set_extra_state(self, state):
        self.vocab = dict(state["vocab"])

t = Tok()
t.vocab["b"] = 1
sd = t.state_dict()
print(list(sd.keys()), sd["_extra_state"])
u = Tok()
print(u.load_state_dict(sd), u.vocab)
wrapped = nn.Sequential(Tok())
print(list(wrapped.state_dict().keys()))
try:
    u.load_state_dict({"lin.weight": torch.ones(1, 1), "lin.bias": torch.ones(1)})
except RuntimeError as e:
    print("RuntimeError", e)
r = u.load_state_dict({"lin.weight": torch.ones(1, 1), "lin.bias": torch.ones(1)}, strict=False)
print(r)
try:
    nn.Linear(1, 1).load_state_dict({"weight": torch.ones(1, 1), "bias": torch.ones(1), "_extra_state": 3})
except RuntimeError as e:
    print("RuntimeError", e)

# %% mod_apply_init_and_train_flags strict
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(3, 2), nn.Sequential(nn.Dropout(0.2), nn.Linear(2, 2)), nn.BatchNorm1d(2))
order = []
model.apply(lambda m: order.append(type(m).__name__))
print(order)
@torch.no_grad()
def init(m):
    if isinstance(m, nn.Linear):
        m.weight.fill_(0.1)
        m.bias.fill_(-0.2)
    elif isinstance(m, nn.BatchNorm1d):
        m.weight.fill_(2.0)
print(model.apply(init) is model, model[1][1].weight, model[2].weight)
model.eval()
model[1].train()
print([(n, m.training) for n, m in model.named_modules()])
model[1].eval()
print(model(torch.ones(4, 3)))
model.train()
print(model[2].num_batches_tracked, model[1][0].training)

# %% mod_state_dict_views_and_detach strict
import torch
import torch.nn as nn

m = nn.Linear(2, 2)
sd = m.state_dict()
print(sd["weight"].requires_grad, sd["weight"].grad_fn, sd["weight"].data_ptr() == m.weight.data_ptr())
with torch.no_grad():
    m.weight.fill_(3.0)
print(sd["weight"])
snapshot = {k: v.clone() for k, v in m.state_dict().items()}
with torch.no_grad():
    m.weight.fill_(0.0)
print(snapshot["weight"], m.load_state_dict(snapshot), m.weight)
dest = {}
out = m.state_dict(destination=dest, prefix="layer.")
print(out is dest, sorted(dest.keys()))
sd2 = nn.Sequential(m).state_dict()
print(list(sd2.keys()), dict(sd2._metadata))
print(list(nn.ModuleDict({"a": nn.Linear(1, 1)}).state_dict().keys()), list(nn.ParameterList([nn.Parameter(torch.ones(1))]).state_dict().keys()))

# %% mod_clip_grad_foreach_nonfinite rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn
from torch.nn.utils import clip_grad_norm_, clip_grad_value_, get_total_norm

def params():
    a = nn.Parameter(torch.zeros(3))
    b = nn.Parameter(torch.zeros(2, 2, dtype=torch.float64))
    c = nn.Parameter(torch.zeros(1))
    a.grad = torch.tensor([1.0, -2.0, 2.0])
    b.grad = torch.tensor([[0.5, 0.5], [-0.5, 0.5]], dtype=torch.float64)
    return [a, b, c]

for foreach in [None, True, False]:
    ps = params()
    n = clip_grad_norm_(ps, 1.5, foreach=foreach)
    print(foreach, n, n.dtype, ps[0].grad, ps[1].grad[0])
ps = params()
ps[0].grad[0] = float("nan")
try:
    clip_grad_norm_(ps, 1.0, error_if_nonfinite=True)
except RuntimeError as e:
    print("RuntimeError", e)
ps = params()
print(clip_grad_norm_(ps, 1.0, norm_type=0.5), ps[0].grad)
for foreach in [None, False, True]:
    ps = params()
    clip_grad_value_(ps, 0.75, foreach=foreach)
    print(ps[0].grad, ps[1].grad)
ps = params()
print(get_total_norm([p.grad for p in ps if p.grad is not None], norm_type=2.0), get_total_norm([]))
g = torch.tensor([3.0, 4.0])
print(get_total_norm(g), get_total_norm([g], norm_type="inf"))
try:
    get_total_norm([torch.tensor([float("inf")])], error_if_nonfinite=True)
except RuntimeError as e:
    print("RuntimeError", str(e)[:50])

# %% mod_vector_params_roundtrip strict
import torch
import torch.nn as nn
from torch.nn.utils import parameters_to_vector, vector_to_parameters

model = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
n = sum(p.numel() for p in model.parameters())
vec = torch.arange(float(n))
vector_to_parameters(vec, model.parameters())
print(model[0].weight, model[1].bias, type(model[0].weight).__name__, model[0].weight.requires_grad)
back = parameters_to_vector(model.parameters())
print(back, back.requires_grad, back.grad_fn.name(), torch.equal(back.detach(), vec))
back.sum().backward()
print(model[1].weight.grad)
try:
    vector_to_parameters(torch.ones(n - 1), model.parameters())
except RuntimeError as e:
    print("RuntimeError", str(e)[:40])
d = nn.Linear(1, 1).double()
try:
    parameters_to_vector([model[0].weight, d.weight])
except Exception as e:
    print(type(e).__name__)
print(parameters_to_vector([nn.Parameter(torch.ones(2, 2, dtype=torch.float64))]).dtype)

# %% mod_init_exact_values strict
import torch
import torch.nn as nn

w = torch.empty(2, 3)
print(nn.init.zeros_(w), nn.init.ones_(w) is w, nn.init.constant_(w, -1.5))
p = nn.Parameter(torch.empty(2, 2))
out = nn.init.eye_(p)
print(out is p, p, p.requires_grad, p.grad_fn)
d = torch.empty(2, 4, 3)
nn.init.dirac_(d, groups=2)
print(d)
d3 = torch.empty(2, 2, 1, 3, 3)
nn.init.dirac_(d3)
print(d3.sum(), d3[1, 1, 0, 1, 1], d3[0, 1].sum())
print(nn.init.calculate_gain("relu"), nn.init.calculate_gain("leaky_relu", 0.2), nn.init.calculate_gain("selu"),
      nn.init.calculate_gain("tanh"), nn.init.calculate_gain("conv_transpose2d"), nn.init.calculate_gain("leaky_relu", 1))
for bad in [lambda: nn.init.calculate_gain("leaky_relu", "x"), lambda: nn.init.calculate_gain("leaky_relu", True),
            lambda: nn.init._calculate_fan_in_and_fan_out(torch.empty(5)), lambda: nn.init.dirac_(torch.empty(3, 2, 3), groups=2)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)
print(nn.init._calculate_fan_in_and_fan_out(torch.empty(6, 4, 2)), nn.init._calculate_correct_fan(torch.empty(6, 4, 2), "fan_out"))
for fn in [nn.init.uniform_, nn.init.normal_, nn.init.trunc_normal_, nn.init.xavier_normal_, nn.init.kaiming_normal_]:
    t = fn(torch.empty(3, 4))
    print(fn.__name__, tuple(t.shape), t.dtype, bool(torch.isfinite(t).all()))
t = nn.init.trunc_normal_(torch.empty(1000), mean=0.0, std=5.0, a=-1.0, b=2.0)
print(bool(t.min() >= -1.0), bool(t.max() <= 2.0))
u = nn.init.uniform_(torch.empty(500), a=3.0, b=4.0)
print(bool(u.min() >= 3.0), bool(u.max() <= 4.0))

# %% mod_call_signature_errors strict
import torch
import torch.nn as nn

lin = nn.Linear(2, 1)
with torch.no_grad():
    lin.weight.fill_(1.0)
    lin.bias.zero_()
print(lin(input=torch.ones(1, 2)))
for bad in [lambda: lin(torch.ones(1, 2), torch.ones(1, 2)), lambda: lin(), lambda: lin(x=torch.ones(1, 2)),
            lambda: nn.Sequential(nn.ReLU())(torch.ones(1), torch.ones(1)), lambda: nn.ModuleList([nn.ReLU()])(torch.ones(1)),
            lambda: nn.ModuleDict()(torch.ones(1)), lambda: nn.Linear(2, 2, True, None, None, 5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
class Custom(nn.Module):
    def __init__(self, size):
        super().__init__()
        self.size = size
for bad in [lambda: Custom(), lambda: Custom(1, 2), lambda: nn.Module(3), lambda: nn.Module(a=1)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
print(nn.Identity(54, unused_argument1=0.1)(torch.ones(2)), nn.Flatten(0)(torch.ones(2, 2)).shape)

# %% mod_parameter_type_semantics strict
import torch
import torch.nn as nn

p = nn.Parameter(torch.tensor([1.0, 2.0]))
print(type(p * 2).__name__, type(p.detach()).__name__, type(p.data).__name__, type(p.clone()).__name__, type(p[0]).__name__)
print(isinstance(p, torch.Tensor), isinstance(p.data, nn.Parameter), p.is_leaf, p.grad_fn, (p * 2).grad_fn.name())
q = nn.Parameter(torch.ones(2), requires_grad=False)
print(q, q.requires_grad, repr(nn.Parameter()))
for dt in [torch.long, torch.bool]:
    try:
        nn.Parameter(torch.ones(2, dtype=dt))
    except RuntimeError as e:
        print("RuntimeError", e)
ip = nn.Parameter(torch.ones(2, dtype=torch.long), requires_grad=False)
print(ip, ip.dtype)
base = torch.zeros(2)
shared = nn.Parameter(base)
base[0] = 5.0
print(shared, shared.data_ptr() == base.data_ptr())
m = nn.Linear(2, 1)
m.weight.data = torch.full((1, 2), 3.0)
print(m.weight, type(m.weight).__name__)
try:
    with torch.no_grad():
        pass
    m.weight.add_(1)
except RuntimeError as e:
    print("RuntimeError", e)
print(torch.nn.parameter.Parameter is nn.Parameter, nn.Parameter(torch.ones(1)).dtype, nn.Parameter(torch.ones(1, dtype=torch.float64)).dtype)

# %% mod_containers_key_conflicts strict
import torch
import torch.nn as nn
from collections import OrderedDict

for bad in [lambda: nn.ModuleDict({"keys": nn.ReLU()}), lambda: nn.ModuleDict({"a.b": nn.ReLU()}),
            lambda: nn.ModuleDict({"": nn.ReLU()}), lambda: nn.ModuleDict({1: nn.ReLU()}),
            lambda: nn.Sequential(OrderedDict([("fc", nn.Linear(1, 1))]))["fc"],
            lambda: nn.Sequential(OrderedDict([("a.b", nn.ReLU())])), lambda: nn.ParameterDict({"a.b": torch.ones(1)})]:
    try:
        r = bad()
        print("ok", type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)
pd = nn.ParameterDict({"x": torch.ones(1)})
print([n for n, _ in pd.named_parameters()], list(pd.state_dict().keys()))
seq = nn.Sequential(OrderedDict([("fc", nn.Linear(1, 1)), ("act", nn.ReLU())]))
print(seq.get_submodule("act"), seq.fc.in_features, [n for n, _ in seq.named_parameters()])
seq2 = nn.Sequential(nn.Linear(1, 2), nn.Sequential(nn.Linear(2, 3), nn.ReLU()))
print(seq2.get_submodule("1.0").out_features, seq2.get_parameter("1.0.bias").shape)
try:
    seq2.get_submodule("1.5")
except AttributeError as e:
    print("AttributeError", e)
try:
    seq2.set_submodule("1.7", nn.Tanh(), strict=True)
except AttributeError as e:
    print("AttributeError", e)
seq2.set_submodule("1.1", nn.Tanh())
print(seq2)

# %% mod_backward_hook_unused_output_and_reuse strict
import torch
import torch.nn as nn

class Split(nn.Module):
    def forward(self, x):
        return x * 2, x * 3

m = Split()
seen = []
m.register_full_backward_pre_hook(lambda mod, go: seen.append(("pre", [None if g is None else g.tolist() for g in go])))
m.register_full_backward_hook(lambda mod, gi, go: seen.append(("post", [g.tolist() for g in gi], [None if g is None else g.tolist() for g in go])))
x = torch.tensor([1.0, 2.0], requires_grad=True)
a, b = m(x)
a.sum().backward()
print(seen, x.grad)
seen.clear()
lin = nn.Linear(1, 1)
with torch.no_grad():
    lin.weight.fill_(2.0)
    lin.bias.zero_()
calls = []
lin.register_full_backward_hook(lambda mod, gi, go: calls.append((gi[0].tolist(), go[0].tolist())))
h = torch.tensor([[1.0]], requires_grad=True)
out = lin(lin(h))
out.sum().backward()
print(calls, h.grad)

# %% mod_backward_hook_inplace_error strict
import torch
import torch.nn as nn

lin = nn.Linear(2, 2)
lin.register_full_backward_hook(lambda m, gi, go: None)
x = torch.ones(1, 2, requires_grad=True)
try:
    y = lin(x)
    y.relu_()
    y.sum().backward()
    print("no error")
except RuntimeError as e:
    print("RuntimeError", str(e)[:120])
net = nn.Sequential(nn.Linear(2, 2), nn.ReLU(inplace=True))
net[0].register_full_backward_hook(lambda m, gi, go: None)
try:
    net(x).sum().backward()
    print("no error")
except RuntimeError as e:
    print("RuntimeError", str(e)[:120])
act = nn.ReLU(inplace=True)
act.register_full_backward_hook(lambda m, gi, go: None)
try:
    act(x * 1).sum().backward()
    print("no error")
except RuntimeError as e:
    print("RuntimeError", str(e)[:120])

# %% mod_type_and_copy_shallow strict
import copy
import torch
import torch.nn as nn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.register_buffer("idx", torch.tensor([1, 2]))

m = M()
m.type(torch.float64)
print(m.fc.weight.dtype, m.idx.dtype, m.idx)
m.type(torch.float32)
print(m.idx.dtype, m.share_memory() is m)
s = copy.copy(m)
print(s.fc is m.fc, s.fc.weight is m.fc.weight, s._parameters is m._parameters, s._modules is m._modules)
s.fc = nn.Linear(2, 3)
print(m.fc.out_features)
e = m.to_empty(device="cpu")
print(e is m, m.fc.weight.shape, m.fc.weight.dtype, type(m.fc.weight).__name__, m.idx.dtype)
sk = nn.utils.skip_init(nn.Linear, 3, 4, bias=False)
print(type(sk).__name__, sk.weight.shape, sk.bias, sk.weight.requires_grad)

# %% mod_fuse_conv_bn_eval rtol=1e-5 atol=1e-6
import numpy as np
import torch
import torch.nn as nn
from torch.nn.utils.fusion import fuse_conv_bn_eval, fuse_linear_bn_eval

rng = np.random.default_rng(0)
conv = nn.Conv2d(2, 3, 3, padding=1)
bn = nn.BatchNorm2d(3)
with torch.no_grad():
    conv.weight.copy_(torch.from_numpy(rng.normal(size=(3, 2, 3, 3)).astype(np.float32)))
    conv.bias.copy_(torch.tensor([0.1, -0.2, 0.3]))
    bn.running_mean.copy_(torch.tensor([0.5, -1.0, 2.0]))
    bn.running_var.copy_(torch.tensor([1.5, 0.25, 4.0]))
    bn.weight.copy_(torch.tensor([1.0, 2.0, -0.5]))
    bn.bias.copy_(torch.tensor([0.0, 0.1, 0.2]))
try:
    fuse_conv_bn_eval(conv, bn)
except AssertionError as e:
    print("AssertionError", e)
conv.eval()
bn.eval()
fused = fuse_conv_bn_eval(conv, bn)
x = torch.from_numpy(rng.normal(size=(2, 2, 5, 5)).astype(np.float32))
print(type(fused).__name__, fused is conv, fused.weight.shape, fused.bias, fused.weight.requires_grad, fused.weight.is_leaf)
print(torch.allclose(fused(x), bn(conv(x)), atol=1e-5), conv.bias)
nob = nn.Conv2d(2, 3, 1, bias=False).eval()
print(fuse_conv_bn_eval(nob, bn).bias)
lin = nn.Linear(3, 3).eval()
with torch.no_grad():
    lin.weight.copy_(torch.eye(3))
    lin.bias.fill_(1.0)
bn1 = nn.BatchNorm1d(3).eval()
with torch.no_grad():
    bn1.running_mean.fill_(1.0)
    bn1.running_var.fill_(4.0)
fl = fuse_linear_bn_eval(lin, bn1)
print(fl.weight, fl.bias)
try:
    fuse_linear_bn_eval(nn.Linear(3, 2).eval(), bn1)
except AssertionError as e:
    print("AssertionError", e)
model = nn.Sequential(nn.Conv2d(2, 3, 3, padding=1), nn.BatchNorm2d(3), nn.ReLU()).eval()
model[0].load_state_dict(conv.state_dict())
model[1].load_state_dict(bn.state_dict())
fused_model = nn.Sequential(fuse_conv_bn_eval(model[0], model[1]), nn.ReLU())
print(torch.allclose(fused_model(x), model(x), atol=1e-5), sum(p.numel() for p in fused_model.parameters()))

# %% mod_functional_call_params rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
from torch.func import functional_call

model = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
with torch.no_grad():
    for p in model.parameters():
        p.fill_(0.5)
x = torch.tensor([[1.0, -2.0], [3.0, 1.0]])
params = {k: torch.ones_like(v, requires_grad=True) for k, v in model.named_parameters()}
out = functional_call(model, params, (x,))
print(out, model(x))
out.sum().backward()
print(params["0.weight"].grad, model[0].weight.grad, model[0].weight)
partial = functional_call(model, {"2.bias": torch.tensor([10.0])}, x)
print(partial)
w = {"2.weight": torch.zeros(1, 2)}
b = {"2.bias": torch.tensor([-1.0])}
print(functional_call(model, (w, b), args=(x,)))
for bad in [lambda: functional_call(model, (w, w), (x,)), lambda: functional_call(model, [w, 3], (x,)),
            lambda: functional_call(model, 5, (x,)), lambda: functional_call(model, w, (x,), strict=True)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print([n for n, _ in model.named_parameters()], type(model[2].weight).__name__, model[2].bias)

# %% mod_functional_call_buffers_tied rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
from torch.func import functional_call

bn = nn.BatchNorm1d(2)
state = {k: v.clone() for k, v in bn.named_buffers()}
x = torch.tensor([[1.0, 2.0], [3.0, 6.0]])
out = functional_call(bn, state, (x,))
print(out, state["running_mean"], state["num_batches_tracked"], bn.running_mean, bn.num_batches_tracked)

class Tied(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(3, 2)
        self.out = nn.Linear(2, 3, bias=False)
        self.out.weight = self.emb.weight

    def forward(self, idx):
        return self.out(self.emb(idx))

t = Tied()
new_w = torch.arange(6.0).view(3, 2)
print(functional_call(t, {"emb.weight": new_w}, (torch.tensor([1]),)))
print(functional_call(t, {"emb.weight": new_w}, (torch.tensor([1]),), tie_weights=False).shape)
try:
    functional_call(t, {"emb.weight": new_w, "out.weight": new_w + 1}, (torch.tensor([1]),))
except ValueError as e:
    print("ValueError", e)

class WithKw(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.tensor(2.0))

    def forward(self, x, *, bias=0.0):
        return x * self.scale + bias

print(functional_call(WithKw(), {"scale": torch.tensor(3.0)}, (torch.ones(2),), {"bias": 1.0}))

# %% mod_batchnorm_legacy_state_dict_version strict
import torch
import torch.nn as nn

bn = nn.BatchNorm1d(2)
with torch.no_grad():
    bn.running_mean.fill_(3.0)
sd = bn.state_dict()
print(dict(sd._metadata), sd["num_batches_tracked"])
old = {k: v for k, v in sd.items() if k != "num_batches_tracked"}
try:
    nn.BatchNorm1d(2).load_state_dict(old)
except RuntimeError as e:
    print("RuntimeError", e)
from collections import OrderedDict
legacy = OrderedDict(old)
legacy._metadata = OrderedDict({"": {"version": 1}})
fresh = nn.BatchNorm1d(2)
print(fresh.load_state_dict(legacy), fresh.num_batches_tracked, fresh.running_mean)
net = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
nsd = net.state_dict()
print(dict(nsd._metadata))
legacy2 = OrderedDict((k, v) for k, v in nsd.items() if "num_batches" not in k)
legacy2._metadata = OrderedDict({"": {"version": 1}, "0": {"version": 1}, "1": {"version": 1}})
print(nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2)).load_state_dict(legacy2))

# %% mod_stateless_skip_init_generators strict
import warnings
import torch
import torch.nn as nn
from torch.nn.utils import stateless

lin = nn.Linear(2, 1)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    out = stateless.functional_call(lin, {"weight": torch.ones(1, 2), "bias": torch.zeros(1)}, (torch.tensor([[1.0, 2.0]]),))
print(out, [c.category.__name__ for c in w])
sk = nn.utils.skip_init(nn.Conv2d, 1, 2, 3, stride=2)
print(sk, sk.weight.shape, sk.bias.shape)
for bad in [lambda: nn.utils.skip_init(int), lambda: nn.utils.skip_init(nn.ReLU)]:
    try:
        bad()
    except RuntimeError as e:
        print("RuntimeError", str(e)[:40])
g = torch.Generator().manual_seed(0)
for fn in [nn.init.uniform_, nn.init.normal_, nn.init.xavier_uniform_, nn.init.xavier_normal_, nn.init.kaiming_uniform_,
           nn.init.kaiming_normal_, nn.init.trunc_normal_, nn.init.orthogonal_]:
    t = fn(torch.empty(4, 3), generator=g)
    print(fn.__name__, tuple(t.shape), bool(torch.isfinite(t).all()))
a = nn.init.normal_(torch.empty(5), generator=torch.Generator().manual_seed(3))
b = nn.init.normal_(torch.empty(5), generator=torch.Generator().manual_seed(3))
print(torch.equal(a, b))
