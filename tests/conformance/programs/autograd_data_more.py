# Autograd API corners, torch.utils.data pieces and torch.save/load round trips as scripts use them.

# %% hvp_model_params_double_grad
import numpy as np
import torch
import torch.nn as nn

rng = np.random.default_rng(0)
m = nn.Linear(3, 1)
with torch.no_grad():
    m.weight.copy_(torch.from_numpy(rng.standard_normal((1, 3)).astype(np.float32)))
    m.bias.zero_()
X = torch.from_numpy(rng.standard_normal((5, 3)).astype(np.float32))
Y = torch.from_numpy(rng.standard_normal((5, 1)).astype(np.float32))
loss = ((torch.tanh(m(X)) - Y) ** 2).mean()
params = list(m.parameters())
grads = torch.autograd.grad(loss, params, create_graph=True)
print([g.shape for g in grads], [g.requires_grad for g in grads])
vec = [torch.ones_like(p) for p in params]
dot = sum((g * v).sum() for g, v in zip(grads, vec))
hv = torch.autograd.grad(dot, params, retain_graph=True)
print([tuple(h.shape) for h in hv])
print([[round(v, 4) for v in h.flatten().tolist()] for h in hv])
hv2 = torch.autograd.grad(dot, params, allow_unused=True)
print(all(torch.allclose(a, b) for a, b in zip(hv, hv2)), m.weight.grad)

# %% functional_tuple_inputs
import torch
from torch.autograd.functional import vjp, jvp, hessian, hvp, jacobian

def f(a, b):
    return a * b + a.sin(), (a - b).sum()

a = torch.tensor([0.5, 1.0])
b = torch.tensor([2.0, -1.0])
out, vj = vjp(f, (a, b), (torch.ones(2), torch.tensor(1.0)))
print(type(out).__name__, len(out), type(vj).__name__, [[round(x, 4) for x in t.tolist()] for t in vj])
out, jv = jvp(f, (a, b), (torch.ones(2), torch.zeros(2)))
print(type(jv).__name__, [round(x, 4) for x in jv[0].tolist()], round(jv[1].item(), 4))

def s(a, b):
    return (a ** 2 * b).sum()

H = hessian(s, (a, b))
print(type(H).__name__, len(H), type(H[0]).__name__, [[tuple(h.shape) for h in row] for row in H])
print(H[0][0], H[0][1], H[1][1])
val, hv = hvp(s, (a, b), (torch.ones(2), torch.ones(2)))
print(val, hv)
J = jacobian(lambda t: t ** 2, a, create_graph=False)
print(J, J.requires_grad)

# %% functional_errors
import torch
from torch.autograd.functional import vjp, jvp, hvp, jacobian, hessian

x = torch.tensor([1.0, 2.0])
for name, call in [
    ("vjp_no_v", lambda: vjp(lambda t: t * 2, x)),
    ("vjp_bad_shape", lambda: vjp(lambda t: t * 2, x, torch.ones(3))),
    ("hvp_nonscalar", lambda: hvp(lambda t: t * 2, x, torch.ones(2))),
    ("hessian_nonscalar", lambda: hessian(lambda t: t * 2, x)),
    ("jac_not_tensor", lambda: jacobian(lambda t: 3.0, x)),
    ("jvp_bad_v", lambda: jvp(lambda t: t * 2, x, torch.ones(5))),
]:
    try:
        r = call()
        print(name, "ok", r)
    except Exception as e:
        print(name, type(e).__name__)
print(vjp(lambda t: t.sum(), x))

# %% custom_fn_nontensor_args strict
import torch

class Affine(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale, shift, mode, extra):
        ctx.scale = scale
        ctx.mode = mode
        print("needs", ctx.needs_input_grad)
        out = x * scale + shift
        return out if mode == "plain" else out.relu()

    @staticmethod
    def backward(ctx, g):
        print("backward needs", ctx.needs_input_grad, ctx.mode)
        return g * ctx.scale, None, g.sum() if ctx.needs_input_grad[2] else None, None, None

x = torch.tensor([1.0, -2.0], requires_grad=True)
shift = torch.tensor(0.5, requires_grad=True)
y = Affine.apply(x, 3, shift, "plain", [1, 2])
y.sum().backward()
print(y, x.grad, shift.grad)
y = Affine.apply(x, 2.0, 1.0, "relu", None)
y.sum().backward()
print(y, x.grad, type(y.grad_fn).__name__)

# %% custom_fn_gradcheck_multi
import torch
from torch.autograd import gradcheck, gradgradcheck

class Bilinear(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, k):
        ctx.save_for_backward(a, b)
        ctx.k = k
        return k * a * b.exp()

    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        return ctx.k * g * b.exp(), ctx.k * g * a * b.exp(), None

a = torch.tensor([0.3, -0.2, 0.9], dtype=torch.double, requires_grad=True)
b = torch.tensor([0.1, 0.4, -0.5], dtype=torch.double, requires_grad=True)
print(gradcheck(Bilinear.apply, (a, b, 2.5), eps=1e-6, atol=1e-4))
print(gradgradcheck(Bilinear.apply, (a, b, 2.5)))
c = torch.tensor([1.0, 2.0, 3.0], dtype=torch.double)
print(gradcheck(Bilinear.apply, (a, c, 1.0)))

class WrongB(Bilinear):
    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        return ctx.k * g * b.exp(), g * 0, None

print(gradcheck(WrongB.apply, (a, b, 2.5), raise_exception=False))
try:
    gradcheck(WrongB.apply, (a, b, 2.5))
except RuntimeError as e:
    print(type(e).__name__, "Jacobian mismatch" in str(e))

# %% anomaly_detection_nan strict
import warnings
import torch

print(torch.is_anomaly_enabled())
x = torch.tensor([0.0, 1.0], requires_grad=True)
with torch.autograd.detect_anomaly():
    print(torch.is_anomaly_enabled())
    y = torch.sqrt(x) * 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            y.sum().backward()
        print("no error", x.grad)
    except RuntimeError as e:
        print(type(e).__name__, "returned nan values" in str(e), "SqrtBackward0" in str(e))
print(torch.is_anomaly_enabled())
x.grad = None
(torch.sqrt(x) * 0).sum().backward()
print(x.grad)
torch.autograd.set_detect_anomaly(True)
print(torch.is_anomaly_enabled())
torch.autograd.set_detect_anomaly(False)
print(torch.is_anomaly_enabled())
with torch.autograd.set_detect_anomaly(True):
    print(torch.is_anomaly_enabled())
print(torch.is_anomaly_enabled())

# %% retain_grad_flags strict
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
h = x * 3
print(h.retains_grad, x.retains_grad)
h.retain_grad()
x.retain_grad()
print(h.retains_grad, x.retains_grad)
h.retain_grad()
k = h.relu()
(k * k).sum().backward()
print(h.grad, x.grad, k.grad if k.retains_grad else "not retained")
(k * k).sum().backward() if False else None
c = torch.ones(2)
try:
    c.retain_grad()
except RuntimeError as e:
    print(type(e).__name__)
with torch.no_grad():
    d = x * 2
print(d.requires_grad, d.is_leaf)
h2 = x.view(2, 1)
h2.retain_grad()
h2.sum().backward()
print(h2.grad, x.grad)

# %% requires_grad_rules_ops strict
import torch

w = torch.tensor([1.5, -2.0, 0.5], requires_grad=True)
outs = {
    "argmax": w.argmax(),
    "gt": w > 0,
    "long": w.long(),
    "round": w.round(),
    "sign": w.sign(),
    "floor": w.floor(),
    "sort_idx": w.sort().indices,
    "max_vals": w.max(0).values,
    "nonzero": w.nonzero(),
    "where": torch.where(w > 0, w, torch.zeros(3)),
    "clone_detach": w.clone().detach(),
    "float64": w.double(),
    "eq_bool": w.eq(w),
    "int_mul": (w.long() * 2),
    "item_tensor": torch.tensor(w[0].item()),
    "new_tensor": w.new_tensor([1.0]),
    "zeros_like": torch.zeros_like(w),
    "ones_like_rg": torch.ones_like(w, requires_grad=True),
}
for k, v in outs.items():
    print(k, v.dtype, v.requires_grad, v.is_leaf, type(v.grad_fn).__name__ if v.grad_fn is not None else None)
try:
    w.long().requires_grad_()
except RuntimeError as e:
    print(type(e).__name__)
y = w * 2
try:
    y.requires_grad_(False)
except RuntimeError as e:
    print(type(e).__name__)
print(y.requires_grad_(True) is y)
p = torch.nn.Parameter(torch.ones(2), requires_grad=False)
print(p.requires_grad, (p * 2).requires_grad, type(p).__name__)

# %% detach_inplace_semantics strict
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
z = y.detach()
z[0] = 100.0
print(y, z, y._version, z._version)
try:
    (y * y).sum().backward()
    print("ok", x.grad)
except RuntimeError as e:
    print(type(e).__name__)
y = x * 2
q = y.exp()
y.detach_()
print(y.requires_grad, y.is_leaf, y.grad_fn, q.requires_grad)
q.sum().backward()
print(x.grad)
v = (x * 1)[:2]
try:
    v.detach_()
    print("detached view", v.requires_grad)
except RuntimeError as e:
    print(type(e).__name__)
d = x.detach()
print(d.data_ptr() == x.data_ptr(), d.requires_grad, x.data.requires_grad, x.data.is_leaf)
x.data.mul_(2)
print(x, x._version)

# %% random_split_fractions_remainder strict
import torch
from torch.utils.data import random_split, TensorDataset, Subset

ds = TensorDataset(torch.arange(10))
for fr in ([0.33, 0.33, 0.34], [0.5, 0.5], [0.7, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25], [1.0]):
    parts = random_split(ds, fr, generator=torch.Generator().manual_seed(0))
    idx = sorted(i for p in parts for i in p.indices)
    print(fr, [len(p) for p in parts], idx == list(range(10)))
parts = random_split(range(7), [0.34, 0.33, 0.33])
print([len(p) for p in parts])
for bad in ([3, 3], [0.5, 0.6], [-1, 11]):
    try:
        random_split(ds, bad)
        print("ok")
    except ValueError as e:
        print(type(e).__name__, e)
a = random_split(ds, [6, 4], generator=torch.Generator().manual_seed(7))
b = random_split(ds, [6, 4], generator=torch.Generator().manual_seed(7))
print(a[0].indices == b[0].indices, type(a[0].indices).__name__)
inner = Subset(ds, [9, 8, 7, 6])
outer = Subset(inner, [1, 3])
print(len(outer), outer[0], outer[1], type(outer.dataset).__name__)

# %% weighted_and_random_sampler_props strict
import torch
from torch.utils.data import WeightedRandomSampler, RandomSampler, SubsetRandomSampler, DataLoader, TensorDataset

s = WeightedRandomSampler([0.0, 0.0, 1.0, 0.0], num_samples=6)
print(len(s), list(s), s.num_samples, s.replacement, s.weights.dtype)
s = WeightedRandomSampler(torch.tensor([1.0, 0.0, 1.0]), num_samples=2, replacement=False)
print(len(s), sorted(s))
try:
    list(WeightedRandomSampler([1.0, 1.0], num_samples=3, replacement=False))
except RuntimeError as e:
    print(type(e).__name__)
for bad in (dict(weights=[1.0], num_samples=0), dict(weights=[1.0], num_samples=2, replacement=1)):
    try:
        WeightedRandomSampler(**bad)
    except ValueError as e:
        print(type(e).__name__, e)
r = RandomSampler(range(5), replacement=True, num_samples=12)
print(len(r), len(list(r)), all(0 <= i < 5 for i in r), r.num_samples)
r = RandomSampler(range(4), num_samples=10)
out = list(r)
print(len(r), len(out), sorted(out.count(i) for i in range(4)), len(set(out[:4])), len(set(out[4:8])))
try:
    RandomSampler(range(4), num_samples=0)
except ValueError as e:
    print(type(e).__name__, e)
ss = SubsetRandomSampler([3, 7, 9])
print(len(ss), sorted(ss))
dl = DataLoader(TensorDataset(torch.arange(10)), batch_size=4, sampler=RandomSampler(range(10), replacement=True, num_samples=9))
print(len(dl), [len(b[0]) for b in dl])
dl = DataLoader(TensorDataset(torch.arange(10)), batch_size=4, sampler=SubsetRandomSampler(range(6)), drop_last=True)
print(len(dl), sorted(sum([b[0].tolist() for b in dl], [])) != [], sum(len(b[0]) for b in dl))

# %% chain_and_stack_datasets strict
import torch
from torch.utils.data import IterableDataset, ChainDataset, ConcatDataset, StackDataset, TensorDataset, DataLoader

class Rng(IterableDataset):
    def __init__(self, a, b):
        self.a, self.b = a, b
    def __iter__(self):
        return iter(range(self.a, self.b))
    def __len__(self):
        return self.b - self.a

c = ChainDataset([Rng(0, 3), Rng(10, 12)])
print(list(c), len(c), type(Rng(0, 1) + Rng(2, 3)).__name__, list(Rng(0, 2) + Rng(5, 6)))
print(list(DataLoader(c, batch_size=2)))
try:
    ConcatDataset([Rng(0, 2), Rng(3, 4)])
except Exception as e:
    print(type(e).__name__)
try:
    ConcatDataset([])
except Exception as e:
    print(type(e).__name__, e)
x = torch.arange(6.0).view(3, 2)
y = torch.tensor([0, 1, 2])
st = StackDataset(x, y)
print(len(st), st[1])
sd = StackDataset(image=x, label=y)
print(len(sd), sd[2])
print(next(iter(DataLoader(sd, batch_size=2))))
try:
    StackDataset(x, torch.arange(5))
except ValueError as e:
    print(type(e).__name__, e)
try:
    TensorDataset(x, torch.arange(5))
except AssertionError as e:
    print(type(e).__name__, e)
cd = ConcatDataset([TensorDataset(x), TensorDataset(x * 10)])
print(cd[-1], cd[3], cd.cumulative_sizes)
for i in (6, -7):
    try:
        cd[i]
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)

# %% dataloader_iterator_protocol strict
import torch
from torch.utils.data import DataLoader, TensorDataset

ds = TensorDataset(torch.arange(5.0), torch.arange(5))
dl = DataLoader(ds, batch_size=2)
it = iter(dl)
print(len(it), type(it).__name__)
print(next(it)[1], next(it)[1], next(it)[1])
try:
    next(it)
except StopIteration:
    print("StopIteration")
it2 = iter(dl)
print(next(it2)[0], it is not it2)
a, b = zip(*[(x.sum().item(), y.tolist()) for x, y in dl])
print(a, b)
print([len(b[0]) for b in DataLoader(ds, batch_size=2, drop_last=True)], len(DataLoader(ds, batch_size=2, drop_last=True)))
print(len(DataLoader(ds, batch_size=5)), len(DataLoader(ds, batch_size=6)), len(DataLoader(ds, batch_size=6, drop_last=True)))
for bad in (dict(batch_size=0), dict(batch_size=-1)):
    try:
        DataLoader(ds, **bad)
    except ValueError as e:
        print(type(e).__name__)
try:
    DataLoader(ds, batch_size=2, batch_sampler=[[0, 1]])
except ValueError as e:
    print(type(e).__name__)
try:
    DataLoader(ds, batch_size=None, drop_last=True)
except ValueError as e:
    print(type(e).__name__)

# %% collate_errors_and_types strict
import numpy as np
import torch
from torch.utils.data import default_collate, DataLoader, default_convert

print(default_collate([True, False]), default_collate([1, 2]).dtype, default_collate([1.0, 2.0]).dtype)
print(default_collate([np.float32(1.5), np.float32(2.5)]), default_collate([np.int64(3), np.int64(4)]))
print(default_collate([np.zeros((2,), dtype=np.float32), np.ones((2,), dtype=np.float32)]).dtype)
print(default_collate([torch.tensor(1.0, dtype=torch.float64), torch.tensor(2.0, dtype=torch.float64)]))
print(default_collate([[1, 2, 3], [4, 5, 6]]))
try:
    default_collate([torch.zeros(2), torch.zeros(3)])
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    default_collate([[1, 2], [3]])
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    default_collate([object(), object()])
except TypeError as e:
    print(type(e).__name__, "default_collate: batch must contain" in str(e))
print(default_convert(np.array([1, 2])), default_convert({"a": np.array([1.0])}), default_convert([np.int64(1), "s"]))
def collate_dict(batch):
    return {"x": torch.stack([b[0] for b in batch]), "n": len(batch)}
dl = DataLoader([(torch.ones(2) * i, i) for i in range(5)], batch_size=2, collate_fn=collate_dict)
print([(b["x"].shape, b["n"]) for b in dl])
dl = DataLoader([(torch.ones(2) * i, i) for i in range(3)], batch_size=None, collate_fn=lambda s: (s[0] * 2, s[1]))
print([b for b in dl])

# %% custom_sampler_batch_sampler strict
import torch
from torch.utils.data import Sampler, BatchSampler, DataLoader, TensorDataset, SequentialSampler

class EveryOther(Sampler):
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return iter(list(range(0, self.n, 2)) + list(range(1, self.n, 2)))
    def __len__(self):
        return self.n

ds = TensorDataset(torch.arange(7) * 10)
dl = DataLoader(ds, batch_size=3, sampler=EveryOther(7))
print([b[0].tolist() for b in dl], len(dl))
class Buckets(Sampler):
    def __init__(self, groups):
        self.groups = groups
    def __iter__(self):
        yield from self.groups
    def __len__(self):
        return len(self.groups)
dl = DataLoader(ds, batch_sampler=Buckets([[0, 1], [2, 3, 4], [6]]))
print([b[0].tolist() for b in dl], len(dl), dl.batch_size, dl.drop_last)
bs = BatchSampler(EveryOther(7), batch_size=2, drop_last=True)
print(list(bs), len(bs), bs.batch_size, bs.drop_last)
for bad in (dict(batch_size=0, drop_last=False), dict(batch_size=2, drop_last=1), dict(batch_size=2.5, drop_last=False)):
    try:
        BatchSampler(range(3), **bad)
    except ValueError as e:
        print(type(e).__name__, e)
print(len(SequentialSampler([1, 2, 3])), list(SequentialSampler(torch.zeros(3))))

# %% save_load_bytesio_dtypes strict
import io
import torch

objs = {
    "f16": torch.tensor([1.5, -2.0], dtype=torch.float16),
    "f64": torch.tensor([[1.0, 2.0]], dtype=torch.float64),
    "i8": torch.tensor([-3, 4], dtype=torch.int8),
    "u8": torch.tensor([250, 1], dtype=torch.uint8),
    "b": torch.tensor([True, False]),
    "i32": torch.arange(3, dtype=torch.int32),
    "scalar": torch.tensor(3.25),
    "empty": torch.zeros(0, 4),
    "rg": torch.ones(2, requires_grad=True),
    "param": torch.nn.Parameter(torch.full((2,), 0.5)),
}
buf = io.BytesIO()
torch.save(objs, buf)
print(buf.tell() > 0)
buf.seek(0)
back = torch.load(buf)
for k, v in back.items():
    print(k, v.dtype, tuple(v.shape), torch.equal(v, objs[k]), v.requires_grad, type(v).__name__)
buf = io.BytesIO()
torch.save([torch.arange(4), (1, "two", 3.0), None, {"nested": [torch.ones(1)]}], buf)
buf.seek(0)
print(torch.load(buf, weights_only=True))
buf = io.BytesIO()
torch.save(torch.arange(6.0).view(2, 3).t(), buf)
buf.seek(0)
t = torch.load(buf)
print(t, t.shape)

# %% save_load_shared_views strict
import io
import torch

base = torch.arange(6.0)
view = base[2:5]
buf = io.BytesIO()
torch.save({"base": base, "view": view}, buf)
buf.seek(0)
d = torch.load(buf)
d["base"][3] = -1.0
print(d["view"], d["base"], d["view"].shape)
buf = io.BytesIO()
x = torch.ones(3)
torch.save([x, x], buf)
buf.seek(0)
a, b = torch.load(buf)
a.add_(1)
print(a, b, a is b)

# %% save_load_file_and_weights_only strict
import os
import pathlib
import tempfile
from collections import OrderedDict
import torch
import torch.nn as nn

import argparse

with tempfile.TemporaryDirectory() as d:
    p = pathlib.Path(d) / "ckpt.pt"
    sd = OrderedDict([("w", torch.ones(2)), ("step", 5)])
    torch.save(sd, p)
    back = torch.load(p, weights_only=True)
    print(type(back).__name__, back, p.exists())
    torch.save({"args": argparse.Namespace(lr=0.1, epochs=3)}, str(p))
    try:
        torch.load(str(p))
    except Exception as e:
        print(type(e).__name__)
    print(torch.load(str(p), weights_only=False)["args"])
    with open(p, "wb") as f:
        torch.save({"lr": 0.1, "name": "run1", "betas": (0.9, 0.999), "flag": True}, f)
    with open(p, "rb") as f:
        print(torch.load(f, weights_only=True))
    try:
        torch.load(os.path.join(d, "missing.pt"))
    except FileNotFoundError as e:
        print(type(e).__name__)
    m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    with torch.no_grad():
        for i, prm in enumerate(m.parameters()):
            prm.fill_(0.1 * (i + 1))
    torch.save(m.state_dict(), p)
    m2 = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    res = m2.load_state_dict(torch.load(p, map_location=torch.device("cpu"), weights_only=True))
    print(res, list(m2.state_dict().keys()), m2(torch.ones(1, 2)))

# %% adam_checkpoint_bytesio_resume strict
import io
import torch
import torch.nn as nn

def build():
    m = nn.Linear(2, 1)
    with torch.no_grad():
        m.weight.copy_(torch.tensor([[0.5, -0.5]]))
        m.bias.fill_(0.1)
    return m, torch.optim.Adam(m.parameters(), lr=0.1)

x = torch.tensor([[1.0, 2.0], [3.0, -1.0]])
m, opt = build()
for _ in range(2):
    opt.zero_grad()
    m(x).pow(2).mean().backward()
    opt.step()
buf = io.BytesIO()
torch.save({"model": m.state_dict(), "opt": opt.state_dict()}, buf)
buf.seek(0)
ck = torch.load(buf)
print(sorted(ck["opt"]["state"].keys()), sorted(ck["opt"]["state"][0].keys()), ck["opt"]["state"][0]["step"])
m2, opt2 = build()
m2.load_state_dict(ck["model"])
opt2.load_state_dict(ck["opt"])
for mm, oo in ((m, opt), (m2, opt2)):
    oo.zero_grad()
    mm(x).pow(2).mean().backward()
    oo.step()
print(torch.allclose(m.weight, m2.weight), torch.allclose(m.bias, m2.bias), opt2.state_dict()["state"][0]["step"])
print([round(v, 4) for v in m2.weight.flatten().tolist()])

# %% manual_seed_reproducibility strict
import torch
import torch.nn as nn

def draw():
    return [torch.randn(3), torch.rand(2, 2), torch.randint(0, 10, (5,)), torch.randperm(6), torch.bernoulli(torch.full((4,), 0.5)), torch.normal(0.0, 1.0, (3,)), torch.empty(3).uniform_(), torch.multinomial(torch.ones(5), 3)]

torch.manual_seed(123)
a = draw()
torch.manual_seed(123)
b = draw()
print([torch.equal(x, y) for x, y in zip(a, b)])
c = draw()
print(any(torch.equal(x, y) for x, y in zip(a[:2], c[:2])))
torch.manual_seed(5)
l1 = nn.Linear(4, 3)
torch.manual_seed(5)
l2 = nn.Linear(4, 3)
print(torch.equal(l1.weight, l2.weight), torch.equal(l1.bias, l2.bias))
drop = nn.Dropout(0.5)
torch.manual_seed(0)
m1 = drop(torch.ones(20))
torch.manual_seed(0)
m2 = drop(torch.ones(20))
print(torch.equal(m1, m2), set(m1.unique().tolist()) <= {0.0, 2.0})
state = torch.get_rng_state()
r1 = torch.randn(4)
torch.set_rng_state(state)
r2 = torch.randn(4)
print(torch.equal(r1, r2), state.dtype, state.dim())
print(torch.manual_seed(3).initial_seed(), torch.initial_seed())

# %% generator_objects strict
import torch

g1 = torch.Generator().manual_seed(42)
g2 = torch.Generator().manual_seed(42)
print(torch.equal(torch.randn(5, generator=g1), torch.randn(5, generator=g2)))
print(torch.equal(torch.randperm(8, generator=g1), torch.randperm(8, generator=g2)))
torch.manual_seed(0)
a = torch.rand(3)
torch.manual_seed(0)
_ = torch.rand(4, generator=torch.Generator().manual_seed(9))
b = torch.rand(3)
print(torch.equal(a, b))
s = g1.get_state()
x1 = torch.rand(3, generator=g1)
g1.set_state(s)
x2 = torch.rand(3, generator=g1)
print(torch.equal(x1, x2), g1.initial_seed(), type(g1.manual_seed(1)).__name__, g1.device)
print(torch.equal(torch.randint(0, 100, (4,), generator=torch.Generator().manual_seed(1)), torch.randint(0, 100, (4,), generator=torch.Generator().manual_seed(1))))
with torch.random.fork_rng():
    torch.manual_seed(99)
    inner = torch.rand(2)
torch.manual_seed(7)
o1 = torch.rand(2)
torch.manual_seed(7)
with torch.random.fork_rng():
    torch.rand(10)
o2 = torch.rand(2)
print(torch.equal(o1, o2))

# %% module_state_dict_hooks strict
import torch
import torch.nn as nn

m = nn.Linear(2, 2)
with torch.no_grad():
    m.weight.fill_(1.0)
    m.bias.fill_(0.0)
log = []

def sd_pre(module, prefix, keep_vars):
    log.append(("pre", type(module).__name__, prefix, keep_vars))

def sd_post(module, state_dict, prefix, local_metadata):
    log.append(("post", prefix, sorted(state_dict)))
    state_dict[prefix + "extra"] = torch.tensor(7.0)

h1 = m.register_state_dict_pre_hook(sd_pre)
h2 = m.register_state_dict_post_hook(sd_post)
sd = m.state_dict()
print(log, sorted(sd))
outer = nn.Sequential(m)
log.clear()
print(sorted(outer.state_dict(keep_vars=True)), log)
h1.remove()
h2.remove()
log.clear()
print(sorted(m.state_dict()), log)

def load_pre(module, state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys, error_msgs):
    log.append(("load_pre", prefix, strict))
    state_dict.pop(prefix + "extra", None)
    if prefix + "w" in state_dict:
        state_dict[prefix + "weight"] = state_dict.pop(prefix + "w")

def load_post(module, incompatible_keys):
    log.append(("load_post", list(incompatible_keys.missing_keys), list(incompatible_keys.unexpected_keys)))

m.register_load_state_dict_pre_hook(load_pre)
m.register_load_state_dict_post_hook(load_post)
res = m.load_state_dict({"w": torch.full((2, 2), 3.0), "bias": torch.ones(2), "extra": torch.zeros(1)})
print(res, log, m.weight)
log.clear()
res = m.load_state_dict({"bias": torch.ones(2)}, strict=False)
print(res.missing_keys, log)

# %% forward_hook_always_call_and_handles strict
import torch
import torch.nn as nn

class Boom(nn.Module):
    def forward(self, x):
        if x.sum() > 0:
            raise ValueError("positive input")
        return x * 2

m = Boom()
log = []
h_always = m.register_forward_hook(lambda mod, i, o: log.append(("always", o is None)), always_call=True)
h_normal = m.register_forward_hook(lambda mod, i, o: log.append(("normal", o is None)))
print(m(torch.tensor([-1.0])), log)
log.clear()
try:
    m(torch.tensor([1.0]))
except ValueError as e:
    print(type(e).__name__, e, log)
h_always.remove()
h_normal.remove()
log.clear()
h = m.register_forward_pre_hook(lambda mod, args: log.append("pre"))
with h:
    m(torch.tensor([-1.0]))
m(torch.tensor([-1.0]))
print(log, type(h).__name__, isinstance(h.id, int))
lin = nn.Linear(2, 2)
handles = [lin.register_forward_hook(lambda mod, i, o, k=k: log.append(k)) for k in range(3)]
log.clear()
lin(torch.ones(1, 2))
handles[1].remove()
lin(torch.ones(1, 2))
print(log)
def replace_input(mod, args):
    return torch.zeros(1, 2)
lin.register_forward_pre_hook(replace_input)
with torch.no_grad():
    lin.bias.fill_(0.5)
print(lin(torch.ones(1, 2)))

# %% global_module_hooks strict
import torch
import torch.nn as nn
from torch.nn.modules.module import register_module_forward_hook, register_module_forward_pre_hook

log = []
g1 = register_module_forward_pre_hook(lambda mod, args: log.append(("gpre", type(mod).__name__)))
g2 = register_module_forward_hook(lambda mod, args, out: log.append(("gpost", type(mod).__name__, tuple(out.shape))))
net = nn.Sequential(nn.Linear(3, 2), nn.ReLU())
net(torch.ones(4, 3))
g1.remove()
g2.remove()
print(log)
log.clear()
net(torch.ones(4, 3))
print(log)

# %% tensor_hook_fanout_and_accumulate strict
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
h = x * 2
seen = []
h.register_hook(lambda g: seen.append(g.tolist()))
out = (h * 3).sum() + (h ** 2).sum()
out.backward()
print(seen, x.grad)
seen.clear()
x.register_hook(lambda g: seen.append(("leaf", g.tolist())))
x.register_hook(lambda g: g * 0.5)
(x * 4).sum().backward()
(x * 4).sum().backward()
print(seen, x.grad)
try:
    x.grad = torch.ones(3)
except RuntimeError as e:
    print(type(e).__name__)
try:
    x.grad = torch.ones(2, dtype=torch.int64)
except RuntimeError as e:
    print(type(e).__name__)
x.grad = torch.zeros(2)
print(x.grad)
a = torch.tensor(3.0, requires_grad=True)
b = a * a
b.register_hook(lambda g: print("hook on b", g))
c = b * 2
d = b + 1
torch.autograd.backward([c, d])
print(a.grad)
torch.autograd.backward([a * 2, a ** 2], grad_tensors=[torch.tensor(1.0), torch.tensor(0.5)])
print(a.grad)

# %% custom_fn_none_grads_and_lists strict
import torch

class PickFirst(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, items):
        print("needs", ctx.needs_input_grad, len(items))
        return a + b * 0 + sum(items)

    @staticmethod
    def backward(ctx, g):
        return g, None, None

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
lst = [torch.ones(2, requires_grad=True), torch.ones(2)]
y = PickFirst.apply(a, b, lst)
y.sum().backward()
print(y, a.grad, b.grad, lst[0].grad)

class Split(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.n = x.shape[0]
        return x[: ctx.n // 2].clone(), x[ctx.n // 2:].clone()

    @staticmethod
    def backward(ctx, g1, g2):
        return torch.cat([g1, g2 * 10])

x = torch.arange(4.0, requires_grad=True)
p, q = Split.apply(x)
print(p.grad_fn is q.grad_fn, p.grad_fn.name() if hasattr(p.grad_fn, "name") else None)
(p.sum() + q.sum()).backward()
print(x.grad)

class Double(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2, g

try:
    Double.apply(torch.ones(2, requires_grad=True)).sum().backward()
except RuntimeError as e:
    print(type(e).__name__, "function DoubleBackward returned an incorrect number of gradients (expected 1, got 2)" in str(e))

class BadShape(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return torch.ones(3)

try:
    BadShape.apply(torch.ones(2, requires_grad=True)).sum().backward()
except RuntimeError as e:
    print(type(e).__name__)

# %% variable_and_legacy_autograd strict
import torch
from torch.autograd import Variable

v = Variable(torch.tensor([1.0, 2.0]), requires_grad=True)
print(type(v).__name__, v.requires_grad, v.is_leaf, isinstance(v, torch.Tensor))
(v * v).sum().backward()
print(v.grad, v.data, Variable(torch.ones(1)).requires_grad)
w = torch.tensor([1.0], requires_grad=True)
y = w * 3
print(y.data.requires_grad, y.data.grad_fn, y.detach().requires_grad)
print(torch.autograd.grad(y, w, torch.ones(1), only_inputs=True))

# %% gradcheck_input_validation
import torch
from torch.autograd import gradcheck

x = torch.tensor([0.5, 1.5], dtype=torch.double)
try:
    gradcheck(lambda t: t * 2, (x,))
except ValueError as e:
    print(type(e).__name__, e)
x.requires_grad_()
print(gradcheck(lambda t: (t * 2, t.sum()), (x,)))
print(gradcheck(lambda t: t.exp(), x))
print(gradcheck(lambda t, k: t ** k, (x, 3)))
print(gradcheck(torch.nn.functional.softplus, (x,), eps=1e-6, atol=1e-5, rtol=1e-3))
y = torch.tensor([[0.1, -0.3], [0.7, 0.2]], dtype=torch.double, requires_grad=True)
print(gradcheck(lambda a, b: a @ b, (y, y.detach().clone().requires_grad_())))
print(torch.autograd.gradgradcheck(lambda a: (a ** 3).sum(), (y,)))

# %% save_load_misc_objects strict
import io
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
x.grad = torch.ones(2)
buf = io.BytesIO()
torch.save({"x": x, "y": y, "size": torch.Size([2, 3]), "dtype": torch.float16, "device": torch.device("cpu"), "inf": float("inf"), "ints": (1, 2, [3])}, buf)
buf.seek(0)
d = torch.load(buf, weights_only=True)
print(d["x"].grad, d["x"].requires_grad, d["y"].requires_grad, d["y"].is_leaf, d["y"].grad_fn)
print(d["size"], type(d["size"]).__name__, d["dtype"], d["device"], d["inf"], d["ints"])
buf.seek(0)
d2 = torch.load(buf, map_location=lambda storage, loc: storage)
print(d2["y"], list(d2))
buf.seek(0)
print(torch.load(buf, map_location={"cuda:0": "cpu"})["size"])
buf.seek(0)
print(torch.load(buf, map_location="cpu")["x"].device)
buf = io.BytesIO()
torch.save(torch.arange(3), buf)
raw = buf.getvalue()
print(type(raw).__name__, len(raw) > 0, torch.load(io.BytesIO(raw)))

# %% shuffle_reproducibility_props strict
import torch
from torch.utils.data import DataLoader, TensorDataset, RandomSampler, random_split

ds = TensorDataset(torch.arange(20))

def order(loader):
    return [int(i) for b in loader for i in b[0]]

torch.manual_seed(0)
o1 = order(DataLoader(ds, batch_size=6, shuffle=True))
torch.manual_seed(0)
o2 = order(DataLoader(ds, batch_size=6, shuffle=True))
print(o1 == o2, sorted(o1) == list(range(20)), o1 != list(range(20)))
dl = DataLoader(ds, batch_size=5, shuffle=True, generator=torch.Generator().manual_seed(3))
e1, e2 = order(dl), order(dl)
print(e1 != e2, sorted(e1) == sorted(e2))
dl2 = DataLoader(ds, batch_size=5, shuffle=True, generator=torch.Generator().manual_seed(3))
print(order(dl2) == e1)
s1 = list(RandomSampler(range(8), generator=torch.Generator().manual_seed(1)))
s2 = list(RandomSampler(range(8), generator=torch.Generator().manual_seed(1)))
print(s1 == s2, sorted(s1))
torch.manual_seed(11)
a = [p.indices for p in random_split(range(9), [3, 6])]
torch.manual_seed(11)
b = [p.indices for p in random_split(range(9), [3, 6])]
print(a == b, [len(i) for i in a])

# %% param_grad_clip_hooks strict
import torch
import torch.nn as nn

m = nn.Linear(2, 1)
with torch.no_grad():
    m.weight.copy_(torch.tensor([[2.0, -3.0]]))
    m.bias.fill_(1.0)
handles = [p.register_hook(lambda g: g.clamp(-0.5, 0.5)) for p in m.parameters()]
x = torch.tensor([[1.0, 4.0], [-2.0, 0.25]])
loss = (m(x) ** 2).mean()
loss.backward()
print(m.weight.grad, m.bias.grad)
for h in handles:
    h.remove()
m.zero_grad()
(m(x) ** 2).mean().backward()
print(m.weight.grad, m.bias.grad)
m.zero_grad(set_to_none=False)
print(m.weight.grad, m.bias.grad)
m.zero_grad()
print(m.weight.grad, m.bias.grad)
from torch.nn.modules.module import register_module_full_backward_hook
seen = []
g = register_module_full_backward_hook(lambda mod, gi, go: seen.append((type(mod).__name__, tuple(go[0].shape))))
net = nn.Sequential(nn.Linear(2, 2), nn.Tanh())
net(torch.ones(3, 2, requires_grad=True)).sum().backward()
g.remove()
print(seen)

# %% grad_mixed_grad_outputs strict
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
s = (x ** 2).sum()
v = x * 3
g, = torch.autograd.grad([s, v], x, grad_outputs=[None, torch.tensor([1.0, -1.0])])
print(g)
try:
    torch.autograd.grad([s, v], x, grad_outputs=[None, None])
except RuntimeError as e:
    print(type(e).__name__, e)
x2 = torch.tensor([1.0, 2.0], requires_grad=True)
try:
    torch.autograd.grad(x2 * 2, x2, grad_outputs=torch.ones(2, dtype=torch.int64))
except RuntimeError as e:
    print(type(e).__name__)
g, = torch.autograd.grad(x2 * 2, x2, grad_outputs=torch.ones(2, dtype=torch.float64))
print(g, g.dtype)
try:
    torch.autograd.grad((x2 * 2).sum(), x2, grad_outputs=[torch.ones(1), torch.ones(1)])
except RuntimeError as e:
    print(type(e).__name__)
g, = torch.autograd.grad((x2 * 2).sum(), [x2])
print(g, type(torch.autograd.grad((x2 * 2).sum(), x2)).__name__)

# %% jacobian_regularization_backprop
import torch
import torch.nn as nn
from torch.autograd.functional import jacobian, hvp, vhp

lin = nn.Linear(2, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, -0.5], [0.25, 2.0]]))
    lin.bias.zero_()
x = torch.tensor([0.3, -0.2])
J = jacobian(lambda t: torch.tanh(lin(t)), x, create_graph=True)
print(J.shape, J.requires_grad)
reg = (J ** 2).sum()
reg.backward()
print([round(v, 4) for v in lin.weight.grad.flatten().tolist()], [round(v, 4) for v in lin.bias.grad.tolist()])
f = lambda t: (t ** 3).sum() + (t[0] * t[1])
out, hv = hvp(f, x, torch.tensor([1.0, 0.0]), create_graph=False)
out2, vh = vhp(f, x, torch.tensor([1.0, 0.0]))
print(round(out.item(), 4), [round(v, 4) for v in hv.tolist()], [round(v, 4) for v in vh.tolist()])
try:
    hvp(lambda t: torch.tensor(1.0), x, torch.ones(2), strict=True)
except RuntimeError as e:
    print(type(e).__name__)
print(hvp(lambda t: (t * 0).sum() + 1, x, torch.ones(2))[1])

# %% batchnorm_state_roundtrip strict
import io
import torch
import torch.nn as nn

bn = nn.BatchNorm1d(3)
bn.train()
bn(torch.tensor([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0], [0.0, 0.0, 6.0]]))
sd = bn.state_dict()
print({k: (v.dtype, tuple(v.shape)) for k, v in sd.items()})
buf = io.BytesIO()
torch.save(sd, buf)
buf.seek(0)
bn2 = nn.BatchNorm1d(3)
print(bn2.load_state_dict(torch.load(buf, weights_only=True)))
print(bn2.running_mean, bn2.running_var, bn2.num_batches_tracked)
bn2.eval()
print(bn2(torch.ones(1, 3)))

# %% load_corrupt_and_types strict
import io
import os
import pickle
import tempfile
import torch

buf = io.BytesIO()
torch.save({"w": torch.ones(3)}, buf)
raw = buf.getvalue()
try:
    torch.load(io.BytesIO(raw[: len(raw) // 2]))
except RuntimeError as e:
    print("RuntimeError")
try:
    torch.load(io.BytesIO(b"not a checkpoint at all"))
except pickle.UnpicklingError as e:
    print("UnpicklingError")
try:
    torch.load(io.BytesIO(b""))
except EOFError:
    print("EOFError")
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "nested", "x.pt")
    try:
        torch.save(torch.ones(1), p)
    except Exception as e:
        print(type(e).__name__)
    p = os.path.join(d, "x.pt")
    torch.save(torch.ones(1), p)
    print(os.path.getsize(p) > 0, torch.load(p))

# %% dataset_composition_attributes strict
import torch
from torch.utils.data import TensorDataset, Subset, ConcatDataset, random_split, DataLoader, RandomSampler, SequentialSampler

base = TensorDataset(torch.arange(12).view(6, 2), torch.arange(6))
s1 = Subset(base, torch.tensor([5, 3, 1]))
s2 = Subset(base, range(2))
cat = ConcatDataset([s1, s2])
print(len(cat), [type(d).__name__ for d in cat.datasets], cat[0], cat[3])
print([y.tolist() for _, y in DataLoader(cat, batch_size=2)])
parts = random_split(s1, [2, 1], generator=torch.Generator().manual_seed(0))
print([len(p) for p in parts], parts[0].dataset is s1, sorted(int(parts[0][i][1]) for i in range(2)) + [int(parts[1][0][1])] != [])
dl = DataLoader(base, batch_size=4, shuffle=True)
print(type(dl.sampler).__name__, type(dl.batch_sampler).__name__, dl.batch_sampler.batch_size, dl.batch_sampler.drop_last, type(dl.batch_sampler.sampler).__name__)
dl = DataLoader(base, batch_size=None)
print(type(dl.sampler).__name__, dl.batch_sampler, dl[0] if hasattr(dl, "__getitem__") else "no getitem")
s1.indices = [0]
print(len(s1), s1[0])
