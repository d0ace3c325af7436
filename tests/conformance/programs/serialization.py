# Serialization and checkpointing: torch.save/torch.load of every dtype, 0-d tensors, views that share
# storage, Parameters, whole modules, weights_only rules, map_location variants, optimizer/scheduler
# checkpoints and exact resumption, state_dict options, deepcopy/pickle of tensors, modules and optimizers.

# %% ser_every_dtype_0d_and_specials strict
import io
import torch

vals = [
    torch.tensor(True), torch.tensor(255, dtype=torch.uint8), torch.tensor(-128, dtype=torch.int8),
    torch.tensor(-32768, dtype=torch.int16), torch.tensor(2**31 - 1, dtype=torch.int32),
    torch.tensor(-2**63, dtype=torch.int64), torch.tensor(65504.0, dtype=torch.float16),
    torch.tensor(float("nan")), torch.tensor(float("-inf"), dtype=torch.float64), torch.tensor(-0.0),
]
buf = io.BytesIO()
torch.save(vals, buf)
buf.seek(0)
back = torch.load(buf, weights_only=True)
for a, b in zip(vals, back):
    print(b.dtype, b.shape, b.dim(), b.item(), torch.equal(a, b) or bool(torch.isnan(b)), b.is_contiguous())
print(torch.signbit(back[-1]), back[0].dtype.is_floating_point, back[7].numel())

# %% ser_slice_saves_whole_storage strict
import io
import torch

big = torch.arange(10000, dtype=torch.float32)
small = big[100:104]
b1, b2 = io.BytesIO(), io.BytesIO()
torch.save(small, b1)
torch.save(small.clone(), b2)
print(len(b1.getvalue()) > 40000, len(b2.getvalue()) < 5000)
b1.seek(0)
t = torch.load(b1)
print(t, t.shape, t.storage_offset(), t.stride(), t.is_contiguous())
t.add_(1)
print(t)

# %% ser_transposed_and_strided_views strict
import io
import torch

x = torch.arange(12.0).reshape(3, 4)
objs = {"t": x.t(), "col": x[:, 1], "step": x[::2, ::3], "x": x}
buf = io.BytesIO()
torch.save(objs, buf)
buf.seek(0)
d = torch.load(buf)
for k in ("t", "col", "step"):
    v = d[k]
    print(k, v.shape, v.stride(), v.storage_offset(), v.is_contiguous(), torch.equal(v, objs[k]))
d["x"][0, 0] = 100.0
d["x"][2, 3] = -5.0
print(d["t"][0, 0].item(), d["step"], d["col"])

# %% ser_overlapping_views_without_base strict
import io
import torch

base = torch.zeros(4, 4)
row = base[1]
col = base[:, 2]
diag = base.diagonal()
buf = io.BytesIO()
torch.save((row, col, diag), buf)
buf.seek(0)
r, c, dg = torch.load(buf)
r.fill_(1.0)
print(c, dg)
c.mul_(3)
print(r, dg)
print(r.untyped_storage().data_ptr() == dg.untyped_storage().data_ptr(), r.storage_offset(), c.storage_offset(), dg.stride())

# %% ser_parameter_type_kept strict
import io
import torch
import torch.nn as nn

p = nn.Parameter(torch.tensor([1.0, 2.0]))
frozen = nn.Parameter(torch.tensor([3.0]), requires_grad=False)
buf = io.BytesIO()
torch.save({"p": p, "frozen": frozen, "plain": p.detach()}, buf)
buf.seek(0)
d = torch.load(buf, weights_only=True)
for k, v in d.items():
    print(k, type(v).__name__, isinstance(v, nn.Parameter), v.requires_grad, v.is_leaf)
print(d["p"])
print(d["frozen"])
buf = io.BytesIO()
torch.save(p, buf)
buf.seek(0)
q = torch.load(buf)
(q * 2).sum().backward()
print(type(q).__name__, q.grad)

# %% ser_whole_module_object strict
import io
import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1)).eval()
net.register_buffer("scale", torch.tensor(2.0))
net.register_buffer("cache", torch.ones(1), persistent=False)
net.hidden = 3
net[0].weight.requires_grad_(False)
x = torch.tensor([[1.0, -1.0], [0.5, 2.0]])
buf = io.BytesIO()
torch.save(net, buf)
buf.seek(0)
try:
    torch.load(buf)
except Exception as e:
    print(type(e).__name__, str(e).startswith("Weights only load failed"))
buf.seek(0)
net2 = torch.load(buf, weights_only=False)
print(type(net2).__name__, net2.training, net2[0].training, net2.hidden, net2.cache, list(net2.state_dict().keys()))
print(torch.equal(net(x), net2(x)), net2(x))
print(type(net2[0].weight).__name__, net2[0].weight.requires_grad, net2[2].weight.requires_grad, net2[0].weight is net[0].weight)
print(net2)

# %% ser_weights_only_allowed_types strict
import io
import collections
import torch

cases = {
    "set": {1, 2},
    "frozenset": frozenset([3]),
    "complex": 1 + 2j,
    "range": range(3),
    "slice": slice(1, 5, 2),
    "defaultdict": collections.defaultdict(list, {"a": [1]}),
    "counter": collections.Counter("aab"),
    "bytearray": bytearray(b"xy"),
    "odict": collections.OrderedDict(a=torch.ones(1)),
    "nested": {"a": [(1, 2.5, None, True, "s", b"b")]},
}
for name, obj in cases.items():
    buf = io.BytesIO()
    torch.save(obj, buf)
    buf.seek(0)
    try:
        back = torch.load(buf, weights_only=True)
        print(name, "ok", type(back).__name__, back == obj if name != "odict" else list(back))
    except Exception as e:
        print(name, type(e).__name__)
    buf.seek(0)
    back = torch.load(buf, weights_only=False)
    print(name, type(back).__name__)

# %% ser_pickle_protocol_and_targets strict
import io
import os
import pathlib
import tempfile
import torch

obj = {"w": torch.arange(4.0).reshape(2, 2), "meta": {"name": "run", "ids": (1, 2)}}
for proto in (2, 3, 4, 5):
    buf = io.BytesIO()
    torch.save(obj, buf, pickle_protocol=proto)
    back = torch.load(io.BytesIO(buf.getvalue()), weights_only=False)
    print(proto, torch.equal(back["w"], obj["w"]), back["meta"])
with tempfile.TemporaryDirectory() as d:
    paths = [os.path.join(d, "a.pt"), pathlib.Path(d) / "b.pth", pathlib.PurePath(d, "c.tar")]
    for i, p in enumerate(paths):
        torch.save(torch.full((2,), float(i)), p)
        print(type(p).__name__, torch.load(p), os.path.exists(p))
    with open(paths[0], "rb") as f:
        data = f.read()
    print(torch.load(io.BytesIO(data)))
    with open(paths[1], "rb") as f:
        t = torch.load(f, mmap=False)
        print(t, f.closed)
    print(torch.load(str(paths[2]), mmap=True))

# %% ser_map_location_variants strict
import io
import torch

buf = io.BytesIO()
torch.save({"w": torch.ones(2, 2), "b": torch.zeros(2, dtype=torch.int64)}, buf)
for ml in ("cpu", torch.device("cpu"), {"cpu": "cpu"}, lambda storage, loc: storage, None):
    buf.seek(0)
    d = torch.load(buf, map_location=ml)
    print(type(ml).__name__, d["w"].device, d["b"].dtype, d["w"].sum().item())
buf.seek(0)
seen = []
def ml(storage, loc):
    seen.append(loc)
    return storage
d = torch.load(buf, map_location=ml)
print(sorted(set(seen)), d["w"].device.type)
for ml in ("cuda", "cuda:0", {"cpu": "cuda:0"}):
    buf.seek(0)
    try:
        torch.load(buf, map_location=ml)
    except Exception as e:
        print(type(e).__name__, e)
buf.seek(0)
print(torch.load(buf, map_location={"cuda:0": "cpu"})["w"].shape)

# %% ser_sgd_nesterov_resume_identical_losses rtol=1e-6 atol=1e-7
import io
import torch
import torch.nn as nn

torch.manual_seed(3)
X = torch.randn(32, 4)
Y = torch.randn(32, 2)

def make():
    torch.manual_seed(7)
    m = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
    opt = torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-3)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    return m, opt, sched

def epoch(m, opt, sched):
    losses = []
    for xb, yb in zip(X.split(8), Y.split(8)):
        opt.zero_grad()
        loss = nn.functional.mse_loss(m(xb), yb)
        loss.backward()
        opt.step()
        losses.append(round(loss.item(), 6))
    sched.step()
    return losses

m, opt, sched = make()
for e in range(3):
    epoch(m, opt, sched)
buf = io.BytesIO()
torch.save({"epoch": 3, "model": m.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict()}, buf)
ref = [epoch(m, opt, sched) for _ in range(3)]
buf.seek(0)
ck = torch.load(buf, weights_only=True)
m2, opt2, sched2 = make()
m2.load_state_dict(ck["model"])
opt2.load_state_dict(ck["optimizer"])
sched2.load_state_dict(ck["scheduler"])
print(ck["epoch"], sched2.last_epoch, sched2.get_last_lr(), opt2.param_groups[0]["lr"])
got = [epoch(m2, opt2, sched2) for _ in range(3)]
print(ref == got)
print(got)
print(sorted(ck["optimizer"]["state"][0].keys()), ck["optimizer"]["state"][0]["momentum_buffer"].shape)

# %% ser_adamw_amsgrad_state_roundtrip rtol=1e-6 atol=1e-7
import copy
import io
import torch
import torch.nn as nn

torch.manual_seed(0)
m = nn.Linear(3, 2)
opt = torch.optim.AdamW(m.parameters(), lr=0.01, amsgrad=True, weight_decay=0.1)
x = torch.randn(5, 3)
for _ in range(3):
    opt.zero_grad()
    m(x).pow(2).sum().backward()
    opt.step()
sd = opt.state_dict()
print(sorted(sd["state"][0].keys()), sd["state"][0]["step"], sd["state"][0]["step"].dtype)
print(sorted(sd["param_groups"][0].keys()))
buf = io.BytesIO()
torch.save(sd, buf)
buf.seek(0)
sd2 = torch.load(buf)
for k in ("exp_avg", "exp_avg_sq", "max_exp_avg_sq"):
    print(k, torch.equal(sd["state"][1][k], sd2["state"][1][k]), sd2["state"][1][k].dtype)
m2 = copy.deepcopy(m)
opt2 = torch.optim.AdamW(m2.parameters(), lr=0.5)
opt2.load_state_dict(sd2)
print(opt2.param_groups[0]["lr"], opt2.param_groups[0]["amsgrad"], opt2.state[m2.weight]["step"])
for o, mm in ((opt, m), (opt2, m2)):
    o.zero_grad()
    mm(x).pow(2).sum().backward()
    o.step()
print(torch.equal(m.weight, m2.weight), m2.bias)

# %% ser_optimizer_state_cast_to_param_dtype strict
import torch
import torch.nn as nn

torch.manual_seed(0)
m64 = nn.Linear(2, 1).double()
opt64 = torch.optim.Adam(m64.parameters(), lr=0.1)
m64(torch.ones(3, 2, dtype=torch.float64)).sum().backward()
opt64.step()
sd = opt64.state_dict()
m32 = nn.Linear(2, 1)
opt32 = torch.optim.Adam(m32.parameters())
opt32.load_state_dict(sd)
st = opt32.state[m32.weight]
print(st["exp_avg"].dtype, st["exp_avg_sq"].dtype, st["step"].dtype, st["step"])
print(sd["state"][0]["exp_avg"].dtype)
sgd = torch.optim.SGD(m32.parameters(), lr=0.1, momentum=0.9)
sgd64 = torch.optim.SGD(m64.parameters(), lr=0.1, momentum=0.9)
sgd64.step()
sgd.load_state_dict(sgd64.state_dict())
print(sgd.state[m32.weight]["momentum_buffer"].dtype, sgd.state[m32.bias]["momentum_buffer"])

# %% ser_scheduler_state_dicts_saved strict
import io
import torch
import torch.nn as nn

def make(kind):
    p = [nn.Parameter(torch.zeros(1))]
    opt = torch.optim.SGD(p, lr=0.1, momentum=0.9)
    if kind == "onecycle":
        return opt, torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=10)
    if kind == "warm":
        return opt, torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=3, T_mult=2)
    if kind == "plateau":
        return opt, torch.optim.lr_scheduler.ReduceLROnPlateau(opt, patience=1, factor=0.5)
    if kind == "multistep":
        return opt, torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[2, 4], gamma=0.1)
    if kind == "lambda":
        return opt, torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 0.9 ** e)

for kind in ("onecycle", "warm", "plateau", "multistep", "lambda"):
    opt, s = make(kind)
    for i in range(4):
        opt.step()
        s.step(1.0) if kind == "plateau" else s.step()
    buf = io.BytesIO()
    torch.save({"opt": opt.state_dict(), "sched": s.state_dict()}, buf)
    buf.seek(0)
    ck = torch.load(buf, weights_only=True)
    opt2, s2 = make(kind)
    opt2.load_state_dict(ck["opt"])
    s2.load_state_dict(ck["sched"])
    seq1, seq2 = [], []
    for o, sc, seq in ((opt, s, seq1), (opt2, s2, seq2)):
        for i in range(4):
            o.step()
            sc.step(1.0) if kind == "plateau" else sc.step()
            seq.append(round(o.param_groups[0]["lr"], 8))
    print(kind, sorted(ck["sched"].keys()), seq1 == seq2, seq2)

# %% ser_pickle_and_copy_tensors strict
import copy
import pickle
import torch
import torch.nn as nn

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
for obj in (x, y, nn.Parameter(torch.ones(2)), torch.arange(3)[1:], torch.tensor(5, dtype=torch.int16)):
    b = pickle.loads(pickle.dumps(obj))
    print(type(b).__name__, b, b.requires_grad, b.is_leaf, b.grad_fn, b.dtype)
try:
    copy.deepcopy(y)
except RuntimeError as e:
    print("RuntimeError", str(e).split(".")[0])
c = copy.copy(x)
print(c is x, c.data_ptr() == x.data_ptr(), c.requires_grad)
x.grad = torch.ones(2)
d = copy.deepcopy(x)
print(d.grad, d.grad is x.grad, d.data_ptr() == x.data_ptr())
p = nn.Parameter(torch.zeros(2))
p.grad = torch.ones(2)
q = copy.deepcopy(p)
print(type(q).__name__, q.grad, q.requires_grad)
v = torch.arange(6.0)
pv = pickle.loads(pickle.dumps([v, v[2:4]]))
pv[0][3] = -1
print(pv[1])
print(pickle.loads(pickle.dumps({"w": torch.eye(2), "n": 3}, protocol=pickle.HIGHEST_PROTOCOL)))

# %% ser_deepcopy_optimizer_and_model strict
import copy
import torch
import torch.nn as nn

torch.manual_seed(0)
m = nn.Linear(2, 1)
opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
x = torch.tensor([[1.0, 2.0]])
m(x).sum().backward()
opt.step()
opt2 = copy.deepcopy(opt)
p1, p2 = opt.param_groups[0]["params"][0], opt2.param_groups[0]["params"][0]
print(p1 is p2, torch.equal(p1, p2), p2 is m.weight, len(opt2.state))
buf1 = opt.state[m.weight]["momentum_buffer"]
buf2 = opt2.state[p2]["momentum_buffer"]
buf2.mul_(0)
print(buf1, buf2)
pair = copy.deepcopy((m, opt))
pm, po = pair
print(po.param_groups[0]["params"][0] is pm.weight, po.param_groups[0]["params"][1] is pm.bias)
pm.zero_grad()
pm(x).sum().backward()
po.step()
print(pm.weight, m.weight)

# %% ser_best_model_snapshot_aliasing rtol=1e-5 atol=1e-7
import copy
import io
import torch
import torch.nn as nn

torch.manual_seed(1)
m = nn.Linear(3, 1)
opt = torch.optim.SGD(m.parameters(), lr=0.2)
X = torch.randn(16, 3)
Y = X.sum(1, keepdim=True)
alias = m.state_dict()
cloned = {k: v.clone() for k, v in m.state_dict().items()}
deep = copy.deepcopy(m.state_dict())
buf = io.BytesIO()
torch.save(m.state_dict(), buf)
for _ in range(5):
    opt.zero_grad()
    nn.functional.mse_loss(m(X), Y).backward()
    opt.step()
print(torch.equal(alias["weight"], m.weight), torch.equal(cloned["weight"], m.weight), torch.equal(deep["weight"], cloned["weight"]))
buf.seek(0)
saved = torch.load(buf)
print(torch.equal(saved["weight"], cloned["weight"]), alias["weight"].requires_grad, alias["weight"].grad_fn)
m.load_state_dict(cloned)
print(m.weight, nn.functional.mse_loss(m(X), Y).item())
print(alias["weight"].data_ptr() == m.weight.data_ptr(), alias["bias"])

# %% ser_state_dict_views_keep_vars_prefix strict
import io
import torch
import torch.nn as nn

net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.Flatten(), nn.Linear(2, 1))
sd = net.state_dict()
print(list(sd.keys()))
kv = net.state_dict(keep_vars=True)
print(type(kv["0.weight"]).__name__, kv["0.weight"] is net[0].weight, kv["1.running_mean"] is net[1].running_mean)
print(type(sd["0.weight"]).__name__, sd["0.weight"].requires_grad, sd["0.weight"].is_leaf)
sd["3.bias"].fill_(0.75)
print(net[3].bias)
pre = net[1].state_dict(prefix="encoder.bn.")
print(list(pre.keys()), dict(pre._metadata))
dest = {}
out = net[3].state_dict(dest, "head.")
print(out is dest, sorted(dest))
buf = io.BytesIO()
torch.save(kv, buf)
buf.seek(0)
back = torch.load(buf)
print({k: type(v).__name__ for k, v in back.items()})
print(back["0.weight"].requires_grad, back["1.num_batches_tracked"].requires_grad, back["1.num_batches_tracked"].dtype)

# %% ser_metadata_survives_save strict
import io
import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2), nn.LayerNorm(2))
sd = net.state_dict()
buf = io.BytesIO()
torch.save(sd, buf)
buf.seek(0)
back = torch.load(buf, weights_only=True)
print(type(back).__name__, list(back.keys()) == list(sd.keys()))
print(hasattr(back, "_metadata"), dict(back._metadata))
print(back["1.num_batches_tracked"], back._metadata["1"])
fresh = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2), nn.LayerNorm(2))
print(fresh.load_state_dict(back))
plain = dict(back)
print(hasattr(plain, "_metadata"), fresh.load_state_dict(plain))

# %% ser_safe_globals_allowlist strict
import argparse
import io
import torch

ns = argparse.Namespace(lr=0.1, epochs=3)
buf = io.BytesIO()
torch.save({"args": ns, "w": torch.ones(2), "epoch": 4}, buf)
buf.seek(0)
try:
    torch.load(buf)
except Exception as e:
    msg = str(e)
    print(type(e).__name__, msg.startswith("Weights only load failed"), "argparse.Namespace" in msg)
buf.seek(0)
print(torch.serialization.get_unsafe_globals_in_checkpoint(buf))
with torch.serialization.safe_globals([argparse.Namespace]):
    buf.seek(0)
    ck = torch.load(buf)
    print(ck["args"], ck["w"], ck["epoch"], argparse.Namespace in torch.serialization.get_safe_globals())
print(argparse.Namespace in torch.serialization.get_safe_globals())
buf.seek(0)
try:
    torch.load(buf, weights_only=True)
except Exception as e:
    print(type(e).__name__)
torch.serialization.add_safe_globals([argparse.Namespace])
buf.seek(0)
print(torch.load(buf)["args"].lr)
torch.serialization.clear_safe_globals()
print(torch.serialization.get_safe_globals())
buf = io.BytesIO()
torch.save(torch.ones(1), buf)
buf.seek(0)
print(torch.serialization.get_unsafe_globals_in_checkpoint(buf))

# %% ser_unsafe_stdlib_types_need_allowlist strict
import collections
import datetime
import fractions
import io
import torch

Point = collections.namedtuple("Point", "x y")
for obj in (collections.defaultdict(int, a=1), frozenset({1}), datetime.date(2024, 1, 2), fractions.Fraction(1, 3), range(4)):
    buf = io.BytesIO()
    torch.save({"v": obj, "t": torch.zeros(1)}, buf)
    buf.seek(0)
    try:
        torch.load(buf)
        print("loaded")
    except Exception as e:
        print(type(e).__name__, type(obj).__name__)
    buf.seek(0)
    unsafe = sorted(torch.serialization.get_unsafe_globals_in_checkpoint(buf))
    buf.seek(0)
    with torch.serialization.safe_globals([type(obj)]):
        try:
            print(repr(torch.load(buf)["v"]), unsafe)
        except Exception as e:
            print("still", type(e).__name__, unsafe)

# %% ser_numpy_roundtrip_memory strict
import warnings
import numpy as np
import torch

t = torch.arange(6, dtype=torch.float32).reshape(2, 3)
a = t.numpy()
a[0, 0] = 50
print(t[0, 0].item(), a.dtype, a.shape, np.shares_memory(a, t.numpy()))
view = t[:, 1]
va = view.numpy()
print(va, va.strides, va.flags.c_contiguous)
va[1] = -1
print(t)
b = np.linspace(0, 1, 4)
u = torch.from_numpy(b)
b[0] = 9
print(u, u.dtype)
c = torch.tensor(b)
b[1] = 8
print(c[1].item(), torch.as_tensor(b)[1].item())
try:
    torch.from_numpy(np.arange(4.0)[::-1])
except ValueError as e:
    print("ValueError", str(e)[:60])
print(torch.from_numpy(np.arange(4.0)[::-1].copy()))
ro = np.arange(3.0)
ro.setflags(write=False)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    r = torch.from_numpy(ro)
print(len(w) > 0 and issubclass(w[0].category, UserWarning), r)
for dt in (torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float16, torch.float64):
    x = torch.ones(2, dtype=dt)
    back = torch.from_numpy(x.numpy())
    print(dt, x.numpy().dtype, back.dtype, torch.equal(back, x))
g = torch.ones(2, requires_grad=True)
try:
    g.numpy()
except RuntimeError as e:
    print(e)
print(g.numpy(force=True), g.detach().numpy().flags.writeable)

# %% ser_rng_state_checkpoint strict
import io
import torch

torch.manual_seed(42)
torch.rand(3)
state = torch.get_rng_state()
print(state.dtype, state.shape)
buf = io.BytesIO()
torch.save({"rng": state, "epoch": 1}, buf)
expected = torch.rand(4)
torch.manual_seed(0)
torch.rand(10)
buf.seek(0)
ck = torch.load(buf, weights_only=True)
torch.set_rng_state(ck["rng"])
print(torch.equal(torch.rand(4), expected), [round(v, 4) for v in expected.tolist()])
g = torch.Generator().manual_seed(5)
torch.randn(2, generator=g)
gs = g.get_state()
buf = io.BytesIO()
torch.save(gs, buf)
a = torch.randint(0, 100, (5,), generator=g)
buf.seek(0)
g2 = torch.Generator()
g2.set_state(torch.load(buf))
print(torch.equal(torch.randint(0, 100, (5,), generator=g2), a), a)

# %% ser_transfer_learning_partial_load strict
import io
import torch
import torch.nn as nn

def net(n_out):
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, n_out))

torch.manual_seed(0)
pre = net(10)
buf = io.BytesIO()
torch.save(pre.state_dict(), buf)
buf.seek(0)
pretrained = torch.load(buf, weights_only=True)
model = net(3)
try:
    model.load_state_dict(pretrained)
except RuntimeError as e:
    print(e)
try:
    model.load_state_dict(pretrained, strict=False)
except RuntimeError as e:
    print("strict=False:", str(e).splitlines()[0])
own = model.state_dict()
compatible = {k: v for k, v in pretrained.items() if k in own and v.shape == own[k].shape}
print(sorted(set(pretrained) - set(compatible)))
res = model.load_state_dict(compatible, strict=False)
print(res)
print(res.missing_keys, res.unexpected_keys, bool(res.missing_keys))
print(torch.equal(model[2].weight, pre[2].weight), torch.equal(model[4].weight[:3], pre[4].weight[:3]))
renamed = {"backbone." + k: v for k, v in compatible.items()}
print(model.load_state_dict(renamed, strict=False))
stripped = {k.replace("module.", ""): v for k, v in {"module." + k: v for k, v in own.items()}.items()}
print(model.load_state_dict(stripped))

# %% ser_tied_weights_checkpoint strict
import io
import torch
import torch.nn as nn

class TiedLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(5, 3)
        self.head = nn.Linear(3, 5, bias=False)
        self.head.weight = self.emb.weight

torch.manual_seed(0)
m = TiedLM()
sd = m.state_dict()
print(list(sd.keys()), sd["emb.weight"].data_ptr() == sd["head.weight"].data_ptr())
buf = io.BytesIO()
torch.save(sd, buf)
n_tied = len(buf.getvalue())
buf2 = io.BytesIO()
torch.save({k: v.clone() for k, v in sd.items()}, buf2)
print(n_tied < len(buf2.getvalue()))
buf.seek(0)
back = torch.load(buf)
print(back["emb.weight"].data_ptr() == back["head.weight"].data_ptr(), back["emb.weight"] is back["head.weight"])
m2 = TiedLM()
print(m2.load_state_dict(back), m2.head.weight is m2.emb.weight, torch.equal(m2.head.weight, m.emb.weight))
print(len(list(m2.parameters())), len(m2.state_dict()))

# %% ser_half_precision_checkpoint strict
import io
import torch
import torch.nn as nn

torch.manual_seed(0)
m = nn.Linear(3, 2)
half = {k: v.half() for k, v in m.state_dict().items()}
buf = io.BytesIO()
torch.save(half, buf)
buf.seek(0)
back = torch.load(buf)
print({k: v.dtype for k, v in back.items()})
m2 = nn.Linear(3, 2)
m2.load_state_dict(back)
print(m2.weight.dtype, torch.equal(m2.weight, m.weight.half().float()), (m2.weight - m.weight).abs().max().item() < 1e-3)
m3 = nn.Linear(3, 2).double()
m3.load_state_dict(m.state_dict())
print(m3.weight.dtype, torch.equal(m3.weight.float(), m.weight))
m4 = nn.Linear(3, 2)
m4.load_state_dict(m.state_dict(), assign=True)
print(m4.weight.dtype, type(m4.weight).__name__)
ints = {"weight": torch.ones(2, 3, dtype=torch.int64), "bias": torch.tensor([True, False])}
m2.load_state_dict(ints)
print(m2.weight, m2.bias, m2.bias.dtype)

# %% ser_load_state_dict_argument_errors strict
import collections
import torch
import torch.nn as nn

m = nn.Linear(2, 1)
for bad in ([("weight", torch.ones(1, 2))], None, "weights.pt"):
    try:
        m.load_state_dict(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    m.load_state_dict({"weight": [[1.0, 2.0]], "bias": torch.zeros(1)})
except Exception as e:
    print(type(e).__name__, e)
try:
    m.load_state_dict({"weight": torch.ones(2), "bias": torch.zeros(1)})
except Exception as e:
    print(type(e).__name__, e)
try:
    m.load_state_dict({"weight": torch.ones(1, 2), "bias": torch.tensor(3.0)})
except Exception as e:
    print(type(e).__name__, e)
od = collections.OrderedDict(weight=torch.ones(1, 2), bias=torch.zeros(1))
print(m.load_state_dict(od), m.weight)
try:
    torch.optim.SGD(m.parameters(), lr=0.1).load_state_dict({"state": {}})
except Exception as e:
    print(type(e).__name__, e)

# %% ser_non_persistent_and_none_buffers strict
import io
import torch
import torch.nn as nn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)
        self.register_buffer("running", torch.zeros(2))
        self.register_buffer("mask", torch.ones(2), persistent=False)
        self.register_buffer("maybe", None)
        self.register_parameter("opt_bias", None)

m = M()
sd = m.state_dict()
print(list(sd.keys()), [n for n, _ in m.named_buffers()], [n for n, _ in m.named_parameters()])
buf = io.BytesIO()
torch.save(sd, buf)
buf.seek(0)
back = torch.load(buf)
m2 = M()
m2.mask.fill_(7)
print(m2.load_state_dict(back), m2.mask)
extra = dict(back)
extra["mask"] = torch.zeros(2)
try:
    m2.load_state_dict(extra)
except RuntimeError as e:
    print(e)
print(m2.load_state_dict(extra, strict=False))
m2.maybe = torch.ones(1)
print(list(m2.state_dict().keys()))
try:
    M().load_state_dict(m2.state_dict())
except RuntimeError as e:
    print(e)

# %% ser_extra_state_checkpoint strict
import io
import torch
import torch.nn as nn

class Tokenized(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(2, 2)
        self.vocab = {"a": 0}
        self.calls = 0

    def get_extra_state(self):
        return {"vocab": dict(self.vocab), "calls": self.calls, "ids": torch.arange(3)}

    def set_extra_state(self, state):
        self.vocab = state["vocab"]
        self.calls = state["calls"]
        self.ids = state["ids"]

m = Tokenized()
m.vocab["b"] = 1
m.calls = 5
outer = nn.Sequential(m, nn.ReLU())
sd = outer.state_dict()
print(list(sd.keys()), sd["0._extra_state"]["calls"])
buf = io.BytesIO()
torch.save(sd, buf)
buf.seek(0)
back = torch.load(buf, weights_only=True)
fresh = nn.Sequential(Tokenized(), nn.ReLU())
print(fresh.load_state_dict(back), fresh[0].vocab, fresh[0].calls, fresh[0].ids)
missing = {k: v for k, v in back.items() if k != "0._extra_state"}
try:
    fresh.load_state_dict(missing)
except RuntimeError as e:
    print(e)

# %% ser_expanded_and_empty_views strict
import io
import torch

row = torch.tensor([[1.0, 2.0, 3.0]])
ex = row.expand(4, 3)
big = torch.arange(100.0)
empty = big[5:5]
unf = big[:10].unfold(0, 4, 2)
buf = io.BytesIO()
torch.save({"ex": ex, "empty": empty, "unf": unf}, buf)
buf.seek(0)
d = torch.load(buf)
print(d["ex"].shape, d["ex"].stride(), d["ex"].sum().item(), d["ex"].is_contiguous())
print(d["empty"].shape, d["empty"].numel(), d["empty"].dtype)
print(d["unf"], d["unf"].stride())
print(d["ex"].contiguous().stride(), d["ex"].clone().stride())

# %% ser_recurrent_checkpoint rtol=1e-5 atol=1e-6
import io
import torch
import torch.nn as nn

torch.manual_seed(0)
lstm = nn.LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True)
gru = nn.GRU(3, 2)
x = torch.randn(2, 5, 3)
buf = io.BytesIO()
torch.save({"lstm": lstm.state_dict(), "gru": gru.state_dict()}, buf)
print(list(lstm.state_dict().keys())[:4], len(lstm.state_dict()), lstm.state_dict()["weight_hh_l1_reverse"].shape)
buf.seek(0)
ck = torch.load(buf, weights_only=True)
lstm2 = nn.LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True)
gru2 = nn.GRU(3, 2)
print(lstm2.load_state_dict(ck["lstm"]), gru2.load_state_dict(ck["gru"]))
out1, (h1, c1) = lstm(x)
out2, (h2, c2) = lstm2(x)
print(torch.equal(out1, out2), torch.equal(c1, c2), out2.shape, h2.shape)
print(gru2(x.transpose(0, 1))[1])
try:
    nn.LSTM(3, 5, num_layers=2, batch_first=True, bidirectional=True).load_state_dict(ck["lstm"])
except RuntimeError as e:
    print(str(e).splitlines()[1])

# %% ser_parameter_containers_state strict
import io
import torch
import torch.nn as nn

class Mix(nn.Module):
    def __init__(self):
        super().__init__()
        self.plist = nn.ParameterList([nn.Parameter(torch.ones(2)), nn.Parameter(torch.zeros(1))])
        self.pdict = nn.ParameterDict({"scale": nn.Parameter(torch.tensor(2.0)), "shift": nn.Parameter(torch.tensor([0.5]))})
        self.blocks = nn.ModuleDict({"a": nn.Linear(1, 1), "b": nn.Identity()})

m = Mix()
sd = m.state_dict()
print(list(sd.keys()))
buf = io.BytesIO()
torch.save(sd, buf)
buf.seek(0)
back = torch.load(buf)
m2 = Mix()
with torch.no_grad():
    for p in m2.parameters():
        p.zero_()
print(m2.load_state_dict(back), m2.plist[0], m2.pdict["scale"])
print(type(m2.plist[0]).__name__, m2.pdict["shift"].requires_grad, dict(back._metadata).keys())

# %% ser_pickle_module_and_optimizer strict
import io
import pickle
import torch
import torch.nn as nn

torch.manual_seed(0)
m = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5), nn.Linear(2, 1)).eval()
opt = torch.optim.Adam(m.parameters(), lr=0.01)
m(torch.ones(1, 2)).sum().backward()
opt.step()
m2 = pickle.loads(pickle.dumps(m))
x = torch.tensor([[0.5, -1.0]])
print(torch.equal(m(x), m2(x)), m2.training, type(m2[0].weight).__name__, m2[0].weight.grad is None)
o2 = pickle.loads(pickle.dumps(opt))
print(type(o2).__name__, len(o2.state), o2.param_groups[0]["lr"], o2.param_groups[0]["params"][0] is m[0].weight)
buf = io.BytesIO()
torch.save({"model": m, "opt": opt}, buf)
buf.seek(0)
ck = torch.load(buf, weights_only=False)
print(type(ck["model"]).__name__, type(ck["opt"]).__name__, ck["opt"].param_groups[0]["params"][0] is ck["model"][0].weight)
print(torch.equal(ck["model"](x), m(x)))

# %% ser_checkpoint_rotation_files rtol=1e-5 atol=1e-7
import glob
import os
import tempfile
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(2, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
X, Y = torch.randn(8, 2), torch.randn(8, 1)
with tempfile.TemporaryDirectory() as d:
    best = float("inf")
    for epoch in range(5):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(X), Y)
        loss.backward()
        opt.step()
        torch.save({"epoch": epoch, "model_state_dict": model.state_dict(), "optimizer_state_dict": opt.state_dict(), "loss": loss.item()},
                   os.path.join(d, f"ckpt_{epoch:03d}.pt"))
        if loss.item() < best:
            best = loss.item()
            torch.save(model.state_dict(), os.path.join(d, "best.pt"))
        old = sorted(glob.glob(os.path.join(d, "ckpt_*.pt")))[:-2]
        for f in old:
            os.remove(f)
    files = sorted(os.path.basename(f) for f in os.listdir(d))
    print(files)
    latest = torch.load(sorted(glob.glob(os.path.join(d, "ckpt_*.pt")))[-1])
    print(latest["epoch"], round(latest["loss"], 5), sorted(latest))
    restored = nn.Linear(2, 1)
    restored.load_state_dict(torch.load(os.path.join(d, "best.pt"), map_location="cpu"))
    print(torch.equal(restored.weight, model.weight), round(best, 5))

# %% ser_loaded_tensors_independent strict
import io
import torch

w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
buf = io.BytesIO()
torch.save({"w": w, "step": torch.tensor(3)}, buf)
buf.seek(0)
a = torch.load(buf)
buf.seek(0)
b = torch.load(buf)
print(a["w"] is b["w"], a["w"].data_ptr() == b["w"].data_ptr(), a["w"]._version, a["w"].is_leaf)
with torch.no_grad():
    a["w"].mul_(10)
print(w, b["w"], a["w"]._version)
opt = torch.optim.SGD([b["w"]], lr=0.5)
(b["w"] ** 2).sum().backward()
opt.step()
print(b["w"], b["w"].grad, w.grad)
a["step"] += 1
print(a["step"], b["step"], a["step"].dtype)

# %% ser_grad_scaler_and_clip_state strict
import io
import torch
import torch.nn as nn

scaler = torch.amp.GradScaler("cpu", init_scale=1024.0, growth_interval=3)
sd = scaler.state_dict()
print(sorted(sd.items()))
buf = io.BytesIO()
torch.save({"scaler": sd}, buf)
buf.seek(0)
s2 = torch.amp.GradScaler("cpu")
s2.load_state_dict(torch.load(buf)["scaler"])
print(s2.get_scale(), s2.get_growth_interval(), s2.get_backoff_factor(), s2.is_enabled())
