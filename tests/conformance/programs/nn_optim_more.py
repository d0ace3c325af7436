# nn and optim as training scripts use them: container editing, state_dict corners, layer options with
# deterministic weights, loss options, init properties, optimizer/scheduler state and error messages.

# %% sequential_editing strict
import torch
import torch.nn as nn
from collections import OrderedDict

named = nn.Sequential(OrderedDict([("fc1", nn.Linear(2, 3)), ("act", nn.ReLU()), ("fc2", nn.Linear(3, 1)), ("out", nn.Sigmoid())]))
sub = named[1:3]
print(type(sub).__name__, [n for n, _ in sub.named_children()], sub)
print(type(named[-1]).__name__, type(named[::2]).__name__, [n for n, _ in named[::2].named_children()])
named[1] = nn.Tanh()
print([n for n, _ in named.named_children()], type(named.act).__name__)
seq = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1), nn.Sigmoid())
seq.insert(1, nn.Identity())
print([n for n, _ in seq.named_children()])
seq.extend([nn.Dropout(0.1)])
print(len(seq), [n for n, _ in seq.named_children()])
popped = seq.pop(0)
print(type(popped).__name__, [n for n, _ in seq.named_children()])
del seq[0:2]
print([n for n, _ in seq.named_children()], seq)
both = nn.Sequential(nn.ReLU()) + nn.Sequential(nn.Tanh(), nn.Sigmoid())
print(both, len(nn.Sequential(nn.ReLU(), nn.Tanh()) * 2))
for bad in [5, -6]:
    try:
        both[bad]
    except IndexError as e:
        print("IndexError", e)
print([type(m).__name__ for m in reversed(both)] if hasattr(both, "__reversed__") else None, [type(m).__name__ for m in both])

# %% modulelist_moduledict_editing strict
import torch
import torch.nn as nn

ml = nn.ModuleList([nn.Linear(1, 1), nn.ReLU(), nn.Tanh()])
ml[0] = nn.Linear(1, 2)
print(ml[0], [n for n, _ in ml.named_parameters()])
del ml[0]
print([n for n, _ in ml.named_children()], type(ml[0]).__name__)
ml += nn.ModuleList([nn.Sigmoid()])
print(len(ml), [type(m).__name__ for m in ml])
both = ml + nn.ModuleList([nn.Identity()])
print(type(both).__name__, len(both), [n for n, _ in both.named_children()])
print(type(ml.pop(1)).__name__, [n for n, _ in ml.named_children()])
ml.insert(1, nn.GELU())
print(ml)
try:
    ml[10]
except IndexError as e:
    print("IndexError", e)
md = nn.ModuleDict([("enc", nn.Linear(2, 2)), ("dec", nn.Linear(2, 1))])
md.update([("act", nn.ReLU())])
print(list(md.keys()), [k for k, _ in md.items()], [n for n, _ in md.named_parameters()])
for key in md:
    print(key, end=" ")
print()
md.clear()
print(len(md), md)
try:
    nn.ModuleDict({"a": 1})
except TypeError as e:
    print("TypeError", e)

# %% parameterlist_dict_ops strict
import torch
import torch.nn as nn

pl = nn.ParameterList([torch.ones(2), nn.Parameter(torch.zeros(3))])
print(type(pl[0]).__name__, pl[0].requires_grad, len(pl))
pl.extend([torch.full((1,), 2.0)])
pl.append(nn.Parameter(torch.ones(2, 2)))
print(len(pl), [n for n, _ in pl.named_parameters()], [tuple(p.shape) for p in pl])
print(pl)
pl[0] = nn.Parameter(torch.tensor([5.0, 6.0]))
print(pl[0], list(dict(pl.named_parameters()).keys()))
pd = nn.ParameterDict({"w": torch.ones(2), "b": nn.Parameter(torch.zeros(1))})
pd["scale"] = nn.Parameter(torch.tensor(3.0))
print(list(pd.keys()), type(pd["w"]).__name__, "b" in pd, len(pd))
print(pd)
pd.update({"extra": nn.Parameter(torch.ones(1))})
print(list(pd), type(pd.pop("b")).__name__, list(pd.keys()), pd.get("missing", "default"))
print(sorted(k for k, _ in pd.items()), [tuple(v.shape) for v in pd.values()])

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.ws = nn.ParameterList([nn.Parameter(torch.ones(2)) for _ in range(2)])
        self.gains = nn.ParameterDict({"a": nn.Parameter(torch.ones(1))})

    def forward(self, x):
        for w in self.ws:
            x = x * w
        return x * self.gains["a"]

n = Net()
print([k for k, _ in n.named_parameters()], list(n.state_dict().keys()))
n(torch.tensor([1.0, 2.0])).sum().backward()
print(n.ws[0].grad, n.gains["a"].grad)

# %% named_traversal_options strict
import torch
import torch.nn as nn

class Inner(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)
        self.register_buffer("count", torch.zeros(1))

class Outer(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = Inner()
        self.b = nn.ModuleDict({"x": Inner(), "y": nn.ReLU()})
        self.register_buffer("scale", torch.ones(1))

m = Outer()
print([n for n, _ in m.named_modules()])
print([n for n, _ in m.named_buffers()], [n for n, _ in m.named_buffers(recurse=False)], [n for n, _ in m.named_buffers(prefix="root")])
print([n for n, _ in m.named_parameters(prefix="net", recurse=True)])
print([n for n, _ in m.b.named_children()], [type(c).__name__ for c in m.children()])
print(m.get_submodule("b.x.lin"), m.get_buffer("b.x.count"), m.get_parameter("a.lin.bias").shape)
for target in ["a.nothing", "b.z", "a.lin.weight.x"]:
    try:
        m.get_submodule(target)
    except AttributeError as e:
        print("AttributeError", e)
try:
    m.get_parameter("a.count")
except AttributeError as e:
    print("AttributeError", e)
try:
    m.get_buffer("a.lin.weight")
except AttributeError as e:
    print("AttributeError", e)
m.set_submodule("b.y", nn.Tanh())
print(m.b)
print(m.get_submodule(""), sep="")

# %% apply_custom_init strict
import torch
import torch.nn as nn

model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten(), nn.Linear(8, 3), nn.LayerNorm(3))

def init_weights(m):
    if isinstance(m, (nn.Conv2d, nn.Linear)):
        nn.init.constant_(m.weight, 0.05)
        if m.bias is not None:
            nn.init.constant_(m.bias, -0.1)
    elif isinstance(m, (nn.BatchNorm2d, nn.LayerNorm)):
        nn.init.ones_(m.weight)
        nn.init.zeros_(m.bias)

visited = []
model.apply(lambda m: visited.append(type(m).__name__))
print(visited)
ret = model.apply(init_weights)
print(ret is model, model[0].weight.sum(), model[4].bias, model[5].weight)
x = torch.arange(32.0).view(2, 1, 4, 4) / 10
model.eval()
out = model(x)
print(out, out.grad_fn is not None)
with torch.no_grad():
    for name, p in model.named_parameters():
        if name.endswith("bias"):
            p.add_(1.0)
print([round(p.sum().item(), 4) for p in model.parameters()])

# %% train_eval_flags strict
import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5))
        self.heads = nn.ModuleList([nn.Linear(2, 1)])

    def forward(self, x):
        return "train" if self.training else "eval"

net = Net()
print(net(torch.ones(1, 2)), net.eval() is net, net(torch.ones(1, 2)))
print([m.training for m in net.modules()])
net.heads.append(nn.Linear(2, 1))
print(net.heads[1].training, net.heads[0].training)
print(net.train() is net, all(m.training for m in net.modules()))
net.train(False)
print(net.training, net.body[1].training)
net.body.train()
print(net.training, net.body.training, net.body[1].training, net.heads.training)
try:
    net.train("yes")
except ValueError as e:
    print("ValueError", e)
print(net.requires_grad_(False) is net, [p.requires_grad for p in net.parameters()])
net.heads.requires_grad_()
print([n for n, p in net.named_parameters() if p.requires_grad])

# %% zero_grad_variants strict
import torch
import torch.nn as nn

m = nn.Linear(2, 1)
with torch.no_grad():
    m.weight.copy_(torch.tensor([[1.0, -1.0]]))
    m.bias.fill_(0.5)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
m(torch.tensor([[1.0, 2.0]])).sum().backward()
g = m.weight.grad
print(g, m.bias.grad)
opt.zero_grad(set_to_none=False)
print(m.weight.grad, m.weight.grad is g, m.bias.grad)
m(torch.tensor([[3.0, 4.0]])).sum().backward()
print(m.weight.grad)
m.zero_grad()
print(m.weight.grad, m.bias.grad)
opt.step()
print(m.weight, m.bias)
m(torch.tensor([[1.0, 1.0]])).sum().backward()
m.weight.grad = None
opt.step()
print(m.weight, m.bias)
extra = nn.Parameter(torch.ones(2))
(extra * 2).sum().backward()
opt.zero_grad()
print(extra.grad)

# %% buffer_persistence_roundtrip strict
import torch
import torch.nn as nn

class Stats(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(2, 2, bias=False)
        self.register_buffer("ema", torch.zeros(2))
        self.register_buffer("mask", torch.tensor([True, False]), persistent=False)
        self.register_buffer("steps", torch.tensor(0))

    def forward(self, x):
        y = self.proj(x) * self.mask
        if self.training:
            with torch.no_grad():
                self.ema.mul_(0.9).add_(0.1 * y.mean(0))
                self.steps += 1
        return y

s = Stats()
with torch.no_grad():
    s.proj.weight.copy_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
for _ in range(3):
    s(torch.tensor([[1.0, 1.0], [2.0, 0.0]]))
print(s.ema, s.steps, list(s.state_dict().keys()), [n for n, _ in s.named_buffers()])
t = Stats()
print(t.load_state_dict(s.state_dict()), t.ema, t.steps, t.mask)
t.mask = torch.tensor([False, True])
print(t.mask, "mask" in t.state_dict(), [n for n, _ in t.named_buffers()])
r = t.load_state_dict({"proj.weight": torch.eye(2), "mask": torch.ones(2)}, strict=False)
print(r.missing_keys, r.unexpected_keys, t.proj.weight)
t.ema = None
print(list(t.state_dict().keys()), [n for n, _ in t.named_buffers()])
try:
    t.register_buffer("bad", [1, 2])
except TypeError as e:
    print("TypeError", e)
try:
    t.register_buffer("proj", torch.zeros(1))
except KeyError as e:
    print("KeyError", e)

# %% load_state_dict_nested_errors strict
import torch
import torch.nn as nn

def make():
    return nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3), nn.Sequential(nn.Linear(3, 1)))

m = make()
sd = m.state_dict()
print(list(sd.keys()))
old = {k: v for k, v in sd.items() if not k.endswith("num_batches_tracked")}
r = make().load_state_dict(old, strict=False)
print(r.missing_keys, r.unexpected_keys)
prefixed = {"module." + k: v for k, v in sd.items()}
r = make().load_state_dict(prefixed, strict=False)
print(len(r.missing_keys), r.unexpected_keys[:2])
try:
    make().load_state_dict(prefixed)
except RuntimeError as e:
    print(str(e)[:120])
stripped = {k.removeprefix("module."): v for k, v in prefixed.items()}
print(make().load_state_dict(stripped))
bad = dict(sd)
bad["2.0.weight"] = torch.zeros(1, 4)
bad["1.running_mean"] = torch.zeros(4)
try:
    make().load_state_dict(bad)
except RuntimeError as e:
    print(e)
try:
    make().load_state_dict(bad, strict=False)
except RuntimeError as e:
    print("strict=False still raises:", "size mismatch" in str(e))
try:
    make().load_state_dict([1, 2])
except TypeError as e:
    print("TypeError", e)

# %% conv1d_options_numeric rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(10)
def det(m):
    m.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
    return m
x = torch.from_numpy(rng.standard_normal((2, 4, 11)).astype(np.float32))
for m in [nn.Conv1d(4, 6, 3, stride=2), nn.Conv1d(4, 4, 3, groups=4, padding=1), nn.Conv1d(4, 2, 2, dilation=3, bias=False),
          nn.Conv1d(4, 8, 5, stride=3, padding=2, groups=2), nn.Conv1d(4, 3, 1), nn.ConvTranspose1d(4, 2, 3, stride=2, padding=1, output_padding=1),
          nn.ConvTranspose1d(4, 4, 4, stride=2, groups=2, dilation=2)]:
    det(m)
    y = m(x)
    print(m, tuple(m.weight.shape), tuple(y.shape), y[0, 0, :3], round(y.sum().item(), 4))
print(nn.Conv1d(4, 2, 3)(x[0]).shape)
ct = det(nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1))
z = torch.from_numpy(rng.standard_normal((1, 2, 4, 4)).astype(np.float32))
print(ct(z).shape, ct(z, output_size=[8, 8]).shape, ct(z, output_size=(1, 3, 8, 8))[0, 0, -1, -3:])
try:
    ct(z, output_size=(10, 10))
except ValueError as e:
    print("ValueError", e)

# %% conv2d_stride_dilation_groups_numeric rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(11)
def det(m):
    m.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
    return m
x = torch.from_numpy(rng.standard_normal((2, 4, 9, 8)).astype(np.float32))
for m in [nn.Conv2d(4, 4, 3, groups=4, padding=1, bias=False), nn.Conv2d(4, 6, (3, 1), stride=(2, 3), dilation=(2, 1)),
          nn.Conv2d(4, 8, 3, groups=2, padding="same", dilation=2), nn.Conv2d(4, 2, (1, 3), padding="valid", stride=2)]:
    det(m)
    y = m(x)
    print(tuple(m.weight.shape), tuple(y.shape), y[1, -1, 0], round(y.abs().sum().item(), 3))
x.requires_grad_(True)
dw = det(nn.Conv2d(4, 8, 3, groups=4))
dw(x).pow(2).mean().backward()
print(dw.weight.grad.shape, dw.weight.grad[0, 0], x.grad[0, 0, 0])
try:
    nn.Conv2d(4, 6, 3, groups=4)
except ValueError as e:
    print("ValueError", e)
try:
    nn.Conv2d(4, 4, 3, stride=2, padding="same")
except ValueError as e:
    print("ValueError", e)
try:
    nn.Conv2d(4, 4, 3, padding="full")
except ValueError as e:
    print("ValueError", str(e)[:40])

# %% batchnorm_running_stats_math rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(12)
batches = [torch.from_numpy(rng.normal(i, 1 + i, (6, 3)).astype(np.float32)) for i in range(3)]
bn = nn.BatchNorm1d(3, momentum=0.3)
cum = nn.BatchNorm1d(3, momentum=None)
for b in batches:
    bn(b)
    cum(b)
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
print(cum.running_mean, cum.running_var, cum.num_batches_tracked)
allx = torch.stack([b.mean(0) for b in batches]).mean(0)
print(torch.allclose(cum.running_mean, allx, atol=1e-5))
cum.eval()
y = cum(batches[0])
print(y[0], torch.allclose(y, (batches[0] - cum.running_mean) / torch.sqrt(cum.running_var + cum.eps)))
bn.reset_running_stats()
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
with torch.no_grad():
    bn.weight.fill_(2.0)
bn.reset_parameters()
print(bn.weight, bn.bias)
bn2 = nn.BatchNorm2d(2, eps=1e-3)
img = torch.from_numpy(rng.standard_normal((3, 2, 2, 2)).astype(np.float32))
out = bn2(img)
print(bn2.running_var, out[0, 0], bn2)
try:
    bn2(torch.ones(3, 2, 4))
except ValueError as e:
    print("ValueError", e)
try:
    nn.BatchNorm1d(3)(torch.ones(1, 3))
except ValueError as e:
    print("ValueError", e)

# %% group_instance_norm_numeric rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(13)
x = torch.from_numpy(rng.normal(1.0, 2.0, (2, 6, 3, 3)).astype(np.float32))
gn = nn.GroupNorm(3, 6, eps=1e-4)
with torch.no_grad():
    gn.weight.copy_(torch.arange(1.0, 7.0))
    gn.bias.copy_(torch.linspace(-1, 1, 6))
y = gn(x)
print(y[0, :, 0, 0], y.view(2, 3, -1).mean(-1) if False else y[1, 5, 2])
g = (y - gn.bias.view(1, 6, 1, 1)) / gn.weight.view(1, 6, 1, 1)
print(g.view(2, 3, -1).mean(-1).abs().max() < 1e-4, list(gn.state_dict().keys()), gn)
inorm = nn.InstanceNorm2d(6)
z = inorm(x)
print(z[0, 0, 0], z.mean(dim=(2, 3)).abs().max() < 1e-5, list(inorm.state_dict().keys()), inorm)
inorm_aff = nn.InstanceNorm1d(6, affine=True)
print(inorm_aff(x[:, :, 0])[0, 0], [n for n, _ in inorm_aff.named_parameters()])
print(nn.InstanceNorm1d(6)(x[0, :, 0]).shape)
ln = nn.LayerNorm([3, 3], eps=1e-3)
print(ln(x)[1, 1, 1], ln.weight.shape, ln)
try:
    nn.GroupNorm(4, 6)
except ValueError as e:
    print("ValueError", e)
try:
    gn(torch.ones(2, 4, 3))
except RuntimeError as e:
    print("RuntimeError", e)

# %% embedding_padding_and_pretrained strict
import torch
import torch.nn as nn

emb = nn.Embedding(5, 3, padding_idx=0)
print(emb.weight[0], emb)
with torch.no_grad():
    emb.weight.copy_(torch.arange(15.0).view(5, 3))
ids = torch.tensor([[0, 2, 2], [4, 0, 1]])
out = emb(ids)
out.sum().backward()
print(out[1], emb.weight.grad)
neg = nn.Embedding(6, 2, padding_idx=-1)
print(neg.padding_idx, neg.weight[5], neg)
weights = torch.tensor([[1.0, 2.0], [3.0, 4.0], [0.0, 0.0]])
pre = nn.Embedding.from_pretrained(weights)
print(pre.weight.requires_grad, pre(torch.tensor([1, 0])), pre)
tuned = nn.Embedding.from_pretrained(weights, freeze=False, padding_idx=2)
tuned(torch.tensor([2, 1, 2])).sum().backward()
print(tuned.weight.requires_grad, tuned.weight.grad, tuned.padding_idx)
try:
    nn.Embedding(5, 3, padding_idx=5)
except AssertionError as e:
    print("AssertionError", e)
try:
    nn.Embedding.from_pretrained(torch.ones(3))
except AssertionError as e:
    print("AssertionError", e)
capped = nn.Embedding.from_pretrained(torch.tensor([[3.0, 4.0], [0.3, 0.4]]), max_norm=1.0)
print(capped(torch.tensor([0, 1])), capped.weight)

# %% rnn_cells_numeric rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(14)
def det(m):
    m.load_state_dict({k: torch.from_numpy(rng.uniform(-0.4, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
    return m
x = torch.from_numpy(rng.standard_normal((4, 2, 3)).astype(np.float32))
lc, gc, rc = det(nn.LSTMCell(3, 5)), det(nn.GRUCell(3, 5)), det(nn.RNNCell(3, 5, nonlinearity="relu"))
h = c = torch.zeros(2, 5)
hg = hr = None
for t in range(4):
    h, c = lc(x[t], (h, c))
    hg = gc(x[t], hg)
    hr = rc(x[t]) if hr is None else rc(x[t], hr)
print(h, c, hg, hr, sep="\n")
print(lc, gc, rc, [n for n, _ in lc.named_parameters()], lc.weight_ih.shape, gc.weight_hh.shape)
hu, cu = lc(x[0, 0])
print(hu.shape, cu.shape, gc(x[0, 0], torch.zeros(5)).shape)
(h.sum() + hg.sum()).backward()
print(lc.bias_ih.grad[:5], gc.weight_ih.grad.shape)
try:
    lc(torch.ones(2, 4))
except RuntimeError as e:
    print("RuntimeError", e)
try:
    gc(torch.ones(2, 3), torch.zeros(3, 5))
except RuntimeError as e:
    print("RuntimeError", e)

# %% rnn_shapes_batch_first_bidirectional rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(15)
def det(m):
    m.load_state_dict({k: torch.from_numpy(rng.uniform(-0.4, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
    return m
x = torch.from_numpy(rng.standard_normal((3, 5, 2)).astype(np.float32))
gru = det(nn.GRU(2, 4, num_layers=2, batch_first=True, bidirectional=True))
out, h = gru(x)
print(out.shape, h.shape)
fwd, bwd = out.view(3, 5, 2, 4).unbind(2)
print(torch.allclose(fwd[:, -1], h[-2]), torch.allclose(bwd[:, 0], h[-1]))
print(list(gru.state_dict().keys())[:8], gru.weight_hh_l1_reverse.shape, gru.weight_ih_l1.shape)
single = out[0]
o2, h2 = gru(x[0])
print(o2.shape, h2.shape, torch.allclose(o2, single, atol=1e-6))
lstm = det(nn.LSTM(2, 3, batch_first=True))
o, (hn, cn) = lstm(x)
print(o.shape, hn.shape, cn.shape, hn[0], torch.allclose(o[:, -1], hn[0]))
o_u, (hu, cu) = lstm(x[1], (torch.zeros(1, 3), torch.zeros(1, 3)))
print(o_u.shape, hu.shape, torch.allclose(hu, hn[:, 1]))
rnn = det(nn.RNN(2, 3, num_layers=3, nonlinearity="tanh"))
o3, h3 = rnn(x.transpose(0, 1), torch.zeros(3, 3, 3))
print(o3.shape, h3.shape, h3[:, 0, 0])
try:
    lstm(x, (torch.zeros(1, 3), torch.zeros(1, 3)))
except RuntimeError as e:
    print("RuntimeError", e)
try:
    gru(x, torch.zeros(4, 5, 4))
except RuntimeError as e:
    print("RuntimeError", e)
try:
    nn.LSTM(2, 3)(torch.ones(2, 3, 4, 2))
except (RuntimeError, ValueError) as e:
    print(type(e).__name__, e)

# %% dropout_family_eval strict
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.arange(1.0, 17.0).view(2, 2, 2, 2)
mods = [nn.Dropout(0.3), nn.Dropout1d(0.3), nn.Dropout2d(0.3), nn.Dropout3d(0.3), nn.AlphaDropout(0.3), nn.FeatureAlphaDropout(0.3)]
for m in mods:
    m.eval()
    inp = x[0] if isinstance(m, nn.Dropout1d) else x
    print(m, torch.equal(m(inp), inp))
for m in [nn.Dropout(1.0), nn.Dropout2d(1.0)]:
    m.train()
    print(m(x).abs().sum())
print(torch.equal(nn.Dropout(0.0)(x), x), torch.equal(F.dropout2d(x, 0.5, training=False), x))
y = x.clone()
out = nn.Dropout(0.5, inplace=True).eval()(y)
print(out is y or torch.equal(out, y), nn.Dropout(0.5, inplace=True))
d2 = nn.Dropout2d(0.5)
d2.train()
z = d2(torch.ones(4, 8, 3, 3))
per_channel = z.view(4, 8, 9)
print(bool(((per_channel == 0).all(-1) | (per_channel == 2).all(-1)).all()))
for p in [-0.1, 1.1]:
    try:
        nn.Dropout2d(p)
    except ValueError as e:
        print("ValueError", e)

# %% upsample_modules rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn

x = torch.arange(1.0, 7.0).view(1, 1, 2, 3)
for m in [nn.Upsample(scale_factor=2), nn.Upsample(size=(3, 4), mode="nearest"), nn.Upsample(scale_factor=2, mode="bilinear"),
          nn.Upsample(scale_factor=2, mode="bilinear", align_corners=True), nn.UpsamplingNearest2d(scale_factor=2),
          nn.UpsamplingBilinear2d(size=(3, 5)), nn.Upsample(scale_factor=(1, 2), mode="nearest-exact")]:
    y = m(x)
    print(m, tuple(y.shape), y[0, 0, 0])
seq = torch.arange(1.0, 5.0).view(1, 1, 4)
print(nn.Upsample(scale_factor=2, mode="linear")(seq), nn.Upsample(size=6, mode="linear", align_corners=True)(seq))
print(nn.Upsample(scale_factor=1.5)(seq), nn.Upsample(scale_factor=2)(torch.ones(1, 1, 2, 2, 2)).shape)

# %% flatten_unflatten_shapes strict
import torch
import torch.nn as nn

x = torch.arange(120.0).view(2, 3, 4, 5)
for m in [nn.Flatten(), nn.Flatten(0), nn.Flatten(0, -1), nn.Flatten(2), nn.Flatten(1, 2), nn.Flatten(-3, -2)]:
    print(m, tuple(m(x).shape))
u = nn.Unflatten(1, (3, 20))
print(u, u(x.view(2, 60)).shape, nn.Unflatten(-1, (-1, 4))(x.view(2, 60)).shape, nn.Unflatten(0, torch.Size([1, 2]))(x).shape)
model = nn.Sequential(nn.Flatten(), nn.Unflatten(1, (12, 5)))
print(model(x).shape, torch.equal(model(x), x.view(2, 12, 5)))
print(nn.Flatten()(torch.ones(3)).shape if False else nn.Flatten(0)(torch.ones(3)).shape)
for bad in [lambda: nn.Unflatten(1, (7, 9))(x.view(2, 60)), lambda: nn.Flatten(2, 1)(x), lambda: nn.Flatten(5)(x)]:
    try:
        bad()
    except (RuntimeError, IndexError) as e:
        print(type(e).__name__, e)

# %% adaptive_pool_uneven strict
import torch
import torch.nn as nn

x = torch.arange(70.0).view(1, 2, 5, 7)
print(nn.AdaptiveAvgPool2d((2, 3))(x))
print(nn.AdaptiveAvgPool2d(3)(x)[0, 1], nn.AdaptiveAvgPool2d((None, 1))(x).shape, nn.AdaptiveAvgPool2d(1)(x).flatten())
out, idx = nn.AdaptiveMaxPool2d((2, 2), return_indices=True)(x)
print(out[0, 0], idx[0, 1], nn.AdaptiveMaxPool2d((2, 2), return_indices=True))
print(nn.AdaptiveAvgPool1d(3)(x[0]), nn.AdaptiveAvgPool2d(3)(x[0]).shape, nn.AdaptiveAvgPool3d((1, 2, 2))(x.unsqueeze(0)).shape)
g = x.clone().requires_grad_(True)
nn.AdaptiveAvgPool2d((2, 3))(g).sum().backward()
print(g.grad[0, 0])

# %% nll_4d_weight_ignore rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(16)
logits = torch.tensor(rng.standard_normal((2, 3, 4, 5)).astype(np.float32), requires_grad=True)
target = torch.from_numpy(rng.integers(0, 3, (2, 4, 5)))
target[0, 0] = -100
target[1, 2, :2] = 255
w = torch.tensor([0.2, 1.0, 3.0])
logp = F.log_softmax(logits, 1)
nll = nn.NLLLoss(weight=w, ignore_index=255)
t2 = target.clone()
t2[t2 == -100] = 1
print(nll(logp, t2), nn.NLLLoss(weight=w, ignore_index=255, reduction="sum")(logp, t2))
none = nn.NLLLoss(weight=w, ignore_index=255, reduction="none")(logp, t2)
print(none.shape, none[1, 2], none[0, 1])
t3 = target.clone()
t3[t3 == 255] = 0
ce = F.cross_entropy(logits, t3)
print(ce, F.cross_entropy(logits, t3, reduction="none")[0, 0])
ce_w = F.cross_entropy(logits, t2, weight=w, ignore_index=255, label_smoothing=0.2)
ce_w.backward()
print(ce_w, logits.grad[1, :, 2, 0], logits.grad[0, :, 0, 0])
print(F.nll_loss(logp[:, :, 0], t2[:, 0], weight=w), F.cross_entropy(logits[..., 0], t2[..., 0], reduction="none", ignore_index=255)[1])
all_ignored = torch.full((2, 4, 5), 255)
print(F.cross_entropy(logits, all_ignored, ignore_index=255), F.cross_entropy(logits, all_ignored, ignore_index=255, reduction="sum"))
try:
    F.nll_loss(logp, t2, weight=torch.ones(4))
except RuntimeError as e:
    print("RuntimeError", e)
try:
    F.cross_entropy(logits, t2[:, :3])
except RuntimeError as e:
    print("RuntimeError", e)

# %% ce_soft_targets_smoothing rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(17)
logits = torch.tensor(rng.standard_normal((4, 5)).astype(np.float32), requires_grad=True)
soft = torch.softmax(torch.tensor(rng.standard_normal((4, 5)).astype(np.float32)), 1)
w = torch.tensor([1.0, 2.0, 0.5, 1.0, 0.0])
for kw in [{}, {"label_smoothing": 0.1}, {"weight": w}, {"weight": w, "label_smoothing": 0.3}, {"reduction": "sum"}, {"reduction": "none", "label_smoothing": 0.2}]:
    print(kw, F.cross_entropy(logits, soft, **kw).detach())
hard = torch.tensor([4, 0, 2, 1])
for kw in [{"weight": w, "label_smoothing": 0.1}, {"weight": w, "reduction": "none", "label_smoothing": 0.1}, {"ignore_index": 0, "label_smoothing": 0.5}]:
    print(kw, F.cross_entropy(logits, hard, **kw).detach())
crit = nn.CrossEntropyLoss(weight=w, label_smoothing=0.1)
crit(logits, hard).backward()
print(logits.grad, crit.label_smoothing, crit.ignore_index, crit.reduction)
try:
    F.cross_entropy(logits, soft, ignore_index=1) if False else F.cross_entropy(logits, hard, label_smoothing=1.5)
except (RuntimeError, ValueError) as e:
    print(type(e).__name__, e)

# %% bce_pos_weight_shapes rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(18)
logits = torch.tensor(rng.standard_normal((2, 3, 2, 2)).astype(np.float32), requires_grad=True)
target = torch.from_numpy(rng.integers(0, 2, (2, 3, 2, 2)).astype(np.float32))
pw = torch.tensor([1.0, 4.0, 0.5]).view(3, 1, 1)
crit = nn.BCEWithLogitsLoss(pos_weight=pw)
loss = crit(logits, target)
loss.backward()
print(loss, logits.grad[0, :, 0, 0])
print(F.binary_cross_entropy_with_logits(logits, target, pos_weight=torch.tensor(2.0), reduction="sum"))
print(F.binary_cross_entropy_with_logits(logits, target, weight=torch.tensor([[1.0], [0.0]]), reduction="none")[0, 0])
soft_t = torch.full((2, 3, 2, 2), 0.25)
print(F.binary_cross_entropy_with_logits(logits, soft_t), F.binary_cross_entropy(torch.sigmoid(logits), soft_t, weight=torch.tensor(2.0)))
print(nn.BCEWithLogitsLoss(pos_weight=pw), list(crit.state_dict().keys()), [n for n, _ in crit.named_buffers()])
extreme = torch.tensor([30.0, -30.0, 0.0])
print(F.binary_cross_entropy_with_logits(extreme, torch.tensor([0.0, 1.0, 1.0]), reduction="none"))
print(F.binary_cross_entropy(torch.sigmoid(extreme), torch.tensor([0.0, 1.0, 1.0]), reduction="none"))
try:
    F.binary_cross_entropy_with_logits(logits, target[:, :1])
except ValueError as e:
    print("ValueError", e)
try:
    F.binary_cross_entropy(torch.sigmoid(logits), target.view(-1))
except ValueError as e:
    print("ValueError", e)

# %% init_deterministic_properties strict
import math
import torch
import torch.nn as nn

w = torch.empty(3, 5)
nn.init.eye_(w)
print(w, w.requires_grad)
conv = torch.empty(4, 2, 3, 3)
nn.init.dirac_(conv, groups=2)
print(conv[:, :, 1, 1], conv.sum())
c1 = torch.empty(3, 3, 5)
nn.init.dirac_(c1)
x = torch.arange(15.0).view(1, 3, 5)
print(torch.nn.functional.conv1d(x, c1, padding=2).equal(x))
for shape in [(6, 4), (4, 6), (2, 3, 2)]:
    q = torch.empty(*shape)
    nn.init.orthogonal_(q, gain=2.0)
    flat = q.reshape(shape[0], -1)
    gram = flat @ flat.T if flat.shape[0] <= flat.shape[1] else flat.T @ flat
    print(shape, torch.allclose(gram, 4 * torch.eye(gram.shape[0]), atol=1e-4))
print(nn.init._calculate_fan_in_and_fan_out(torch.empty(8, 4, 3, 3)), nn.init._calculate_fan_in_and_fan_out(torch.empty(5, 7)))
print(nn.init.calculate_gain("linear"), nn.init.calculate_gain("conv2d"), nn.init.calculate_gain("sigmoid"), round(nn.init.calculate_gain("leaky_relu"), 6))
lin = nn.Linear(50, 40)
nn.init.kaiming_uniform_(lin.weight, a=math.sqrt(5))
bound = 1 / math.sqrt(50)
print(bool(lin.weight.abs().max() <= bound + 1e-7), lin.weight.requires_grad, lin.weight.is_leaf, lin.weight.grad_fn)
t = torch.empty(200, 100)
nn.init.kaiming_uniform_(t, mode="fan_out", nonlinearity="relu")
print(bool(t.abs().max() <= math.sqrt(6 / 200) + 1e-7))
nn.init.xavier_uniform_(t, gain=nn.init.calculate_gain("tanh"))
print(bool(t.abs().max() <= 5 / 3 * math.sqrt(6 / 300) + 1e-7))
s = torch.empty(10, 6)
nn.init.sparse_(s, sparsity=0.3)
print((s == 0).sum(0))
print(nn.init.constant_(torch.empty(2), 7) if True else None, nn.init.normal_(torch.empty(0)).shape)
for bad in [lambda: nn.init.eye_(torch.empty(2, 2, 2)), lambda: nn.init.dirac_(torch.empty(3, 3)),
            lambda: nn.init.xavier_uniform_(torch.empty(3)), lambda: nn.init.calculate_gain("swish"),
            lambda: nn.init.kaiming_normal_(torch.empty(3, 3), mode="fan_avg"), lambda: nn.init.orthogonal_(torch.empty(3))]:
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

# %% optimizer_param_groups_add strict
import torch
import torch.nn as nn

enc, head = nn.Linear(2, 2), nn.Linear(2, 1)
with torch.no_grad():
    for p in list(enc.parameters()) + list(head.parameters()):
        p.fill_(0.5)
opt = torch.optim.Adam([{"params": enc.parameters(), "lr": 0.01}], lr=0.1, betas=(0.8, 0.9), weight_decay=0.1)
opt.add_param_group({"params": head.parameters(), "weight_decay": 0.0})
print([(g["lr"], g["betas"], g["weight_decay"], len(g["params"])) for g in opt.param_groups])
print(sorted(opt.param_groups[1].keys()) == sorted(opt.param_groups[0].keys()))
x = torch.tensor([[1.0, -2.0]])
for _ in range(3):
    opt.zero_grad()
    head(enc(x)).pow(2).sum().backward()
    opt.step()
print(enc.weight, head.bias)
try:
    opt.add_param_group({"params": [enc.weight]})
except ValueError as e:
    print("ValueError", e)
try:
    opt.add_param_group({"params": [torch.ones(2, requires_grad=True) * 2]})
except ValueError as e:
    print("ValueError", e)
try:
    opt.add_param_group({"params": {nn.Parameter(torch.ones(1))}})
except TypeError as e:
    print("TypeError", e)
try:
    torch.optim.SGD([{"params": [enc.weight]}, {"params": [enc.weight]}], lr=0.1)
except ValueError as e:
    print("ValueError", e)
try:
    torch.optim.SGD([{"params": [head.weight], "lr": 0.1}])
except TypeError as e:
    print("TypeError", e)
sgd = torch.optim.SGD([{"params": [head.weight]}], lr=0.3)
print(sgd.param_groups[0]["lr"], sgd.param_groups[0]["momentum"], sgd.param_groups[0]["nesterov"])
single = torch.optim.SGD([nn.Parameter(torch.ones(1))], lr=0.1)
single.add_param_group({"params": nn.Parameter(torch.zeros(2)), "lr": 1.0})
print(len(single.param_groups), [len(g["params"]) for g in single.param_groups], single.param_groups[1]["lr"])

# %% optimizer_state_dict_load_errors strict
import torch
import torch.nn as nn

def make():
    m = nn.Linear(2, 1)
    with torch.no_grad():
        m.weight.copy_(torch.tensor([[0.3, -0.7]]))
        m.bias.fill_(0.1)
    return m

m = make()
opt = torch.optim.SGD([{"params": [m.weight], "lr": 0.1}, {"params": [m.bias], "lr": 0.05}], momentum=0.9, nesterov=True, weight_decay=0.01)
for _ in range(2):
    opt.zero_grad()
    m(torch.tensor([[1.0, 2.0]])).sum().backward()
    opt.step()
sd = opt.state_dict()
print(list(sd.keys()), list(sd["state"].keys()), [g["params"] for g in sd["param_groups"]])
print(sd["state"][0]["momentum_buffer"], sorted(sd["param_groups"][0].keys()))
m2 = make()
opt2 = torch.optim.SGD([{"params": [m2.weight], "lr": 1.0}, {"params": [m2.bias], "lr": 1.0}], momentum=0.9, nesterov=True, weight_decay=0.01)
opt2.load_state_dict(sd)
print([g["lr"] for g in opt2.param_groups], opt2.state[m2.weight]["momentum_buffer"])
print(opt2.state[m2.weight]["momentum_buffer"] is sd["state"][0]["momentum_buffer"])
with torch.no_grad():
    m2.weight.copy_(m.weight)
    m2.bias.copy_(m.bias)
for o, mod in [(opt, m), (opt2, m2)]:
    o.zero_grad()
    mod(torch.tensor([[1.0, 2.0]])).sum().backward()
    o.step()
print(torch.equal(m.weight, m2.weight), m2.weight)
try:
    torch.optim.SGD([m2.weight], lr=0.1).load_state_dict(sd)
except ValueError as e:
    print("ValueError", e)
try:
    torch.optim.SGD([{"params": [m2.weight, m2.bias]}, {"params": [nn.Parameter(torch.ones(1))]}], lr=0.1).load_state_dict(sd)
except ValueError as e:
    print("ValueError", e)
adam = torch.optim.Adam(m.parameters(), lr=0.1, amsgrad=True)
m(torch.tensor([[1.0, 1.0]])).sum().backward()
adam.step()
st = adam.state[m.weight]
print(sorted(st.keys()), st["step"], st["max_exp_avg_sq"], adam.state_dict()["param_groups"][0]["amsgrad"])

# %% optimizer_flags_numeric rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn

def run(make, steps=4):
    w = nn.Parameter(torch.tensor([1.0, -0.5, 2.0]))
    opt = make([w])
    for i in range(steps):
        opt.zero_grad()
        loss = (w * torch.tensor([0.5, 2.0, -1.0])).sum() + (w ** 2).sum() * 0.1
        loss.backward()
        opt.step()
    return [round(v, 6) for v in w.tolist()], sorted(opt.state[w].keys())

O = torch.optim
print(run(lambda p: O.SGD(p, lr=0.1, weight_decay=0.5, foreach=False)))
print(run(lambda p: O.SGD(p, lr=0.1, momentum=0.5, dampening=0.1, maximize=True)))
print(run(lambda p: O.Adam(p, lr=0.05, weight_decay=0.2, foreach=False, maximize=True)))
print(run(lambda p: O.AdamW(p, lr=0.05, amsgrad=True, betas=(0.5, 0.6))))
print(run(lambda p: O.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6, foreach=False)))
print(run(lambda p: O.Adagrad(p, lr=0.2, weight_decay=0.1, maximize=True)))
print(run(lambda p: O.Adamax(p, lr=0.1, weight_decay=0.1)))
print(run(lambda p: O.NAdam(p, lr=0.1, weight_decay=0.1)))
print(run(lambda p: O.RAdam(p, lr=0.1), steps=7))
print(run(lambda p: O.Adam(p, lr=torch.tensor(0.05))))
opt = O.SGD([nn.Parameter(torch.ones(1))], lr=0.1, foreach=False, differentiable=False)
print(opt.defaults["foreach"], opt.defaults["differentiable"], opt.defaults["maximize"], sorted(opt.defaults))
for bad in [lambda: O.Adam([nn.Parameter(torch.ones(1))], eps=-1.0), lambda: O.Adam([nn.Parameter(torch.ones(1))], weight_decay=-0.1),
            lambda: O.RMSprop([nn.Parameter(torch.ones(1))], alpha=-0.5), lambda: O.SGD([nn.Parameter(torch.ones(1))], lr=0.1, weight_decay=-1)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

# %% optimizer_skips_and_sparse_grads strict
import torch
import torch.nn as nn

a = nn.Parameter(torch.tensor([1.0, 2.0]))
b = nn.Parameter(torch.tensor([3.0]))
opt = torch.optim.Adam([a, b], lr=0.1)
(a * 2).sum().backward()
opt.step()
print(a, b, len(opt.state), b in opt.state, a in opt.state)
print(opt.state_dict()["state"].keys())
b.requires_grad_(False)
opt.zero_grad()
(a.sum() + b.sum()).backward()
opt.step()
print(b, b.grad, opt.state[a]["step"])
sgd = torch.optim.SGD([a], lr=1.0, momentum=0.9)
sgd.step()
print(a, len(sgd.state))
a.grad = torch.tensor([1.0, 1.0])
sgd.step()
a.grad = torch.tensor([1.0, 1.0])
sgd.step()
print(a, sgd.state[a]["momentum_buffer"])
lossval = sgd.step(lambda: torch.tensor(5.0))
print(lossval)
print(type(opt.state).__name__, opt.state[nn.Parameter(torch.ones(1))])

# %% scheduler_group_lrs_and_chaining strict
import torch
import torch.nn as nn
from torch.optim import lr_scheduler as L

def groups_opt(**kw):
    return torch.optim.SGD([{"params": [nn.Parameter(torch.zeros(1))]}, {"params": [nn.Parameter(torch.zeros(1))], "lr": 0.01}], lr=0.1, **kw)

def trace(s, n=6):
    out = [[round(v, 7) for v in s.get_last_lr()]]
    for _ in range(n):
        s.optimizer.step()
        s.step()
        out.append([round(v, 7) for v in s.get_last_lr()])
    return out

print(trace(L.MultiStepLR(groups_opt(), milestones=[2, 4], gamma=0.5)))
print(trace(L.ExponentialLR(groups_opt(), gamma=0.5)))
print(trace(L.CosineAnnealingLR(groups_opt(), T_max=3, eta_min=0.001)))
o = groups_opt()
print(trace(L.ChainedScheduler([L.StepLR(o, 2, 0.1), L.LinearLR(o, start_factor=0.5, total_iters=3)])))
o = groups_opt()
print(trace(L.SequentialLR(o, [L.ConstantLR(o, factor=0.25, total_iters=2), L.StepLR(o, 1, 0.5), L.ExponentialLR(o, 0.9)], milestones=[2, 4]), n=7))
o = groups_opt(momentum=0.9)
print(trace(L.OneCycleLR(o, max_lr=[1.0, 0.1], total_steps=6, cycle_momentum=False, div_factor=10.0, final_div_factor=100.0), n=5))
print(trace(L.LinearLR(groups_opt(), start_factor=1.0, end_factor=0.2, total_iters=4)))
print(trace(L.LambdaLR(groups_opt(), lambda e: 0.9 ** e)))
o = groups_opt()
oc = L.OneCycleLR(o, max_lr=0.5, total_steps=3)
try:
    for _ in range(5):
        o.step()
        oc.step()
except ValueError as e:
    print("ValueError", e)
for bad in [lambda: L.OneCycleLR(groups_opt(), max_lr=0.1), lambda: L.OneCycleLR(groups_opt(), max_lr=[0.1], total_steps=3),
            lambda: L.SequentialLR(groups_opt(), [L.StepLR(groups_opt(), 1)], milestones=[]),
            lambda: L.OneCycleLR(groups_opt(), max_lr=0.1, total_steps=5, anneal_strategy="quad")]:
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

# %% reduce_on_plateau_groups strict
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import ReduceLROnPlateau

opt = torch.optim.SGD([{"params": [nn.Parameter(torch.zeros(1))]}, {"params": [nn.Parameter(torch.zeros(1))], "lr": 0.02}], lr=1.0)
s = ReduceLROnPlateau(opt, factor=0.5, patience=1, min_lr=[0.2, 0.01], eps=1e-3)
trace = []
for v in [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]:
    s.step(v)
    trace.append([round(g["lr"], 6) for g in opt.param_groups])
print(trace)
print(s.best, s.num_bad_epochs, s.cooldown_counter, s.last_epoch, [round(v, 6) for v in s.get_last_lr()])
sd = s.state_dict()
print(sorted(k for k in sd if k != "optimizer"))
s2 = ReduceLROnPlateau(opt)
s2.load_state_dict(sd)
print(s2.patience, s2.factor, s2.min_lrs, s2.best)
s3 = ReduceLROnPlateau(torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0), mode="max", threshold_mode="abs", threshold=0.05, patience=0)
for v in [0.5, 0.54, 0.56, 0.57, 0.7]:
    s3.step(torch.tensor(v))
    print(round(s3.optimizer.param_groups[0]["lr"], 6), round(float(s3.best), 4), end="; ")
print()
for bad in [dict(factor=1.0), dict(mode="average"), dict(threshold_mode="rel2"), dict(min_lr=[0.1, 0.2, 0.3])]:
    try:
        ReduceLROnPlateau(opt, **bad)
    except ValueError as e:
        print("ValueError", e)

# %% clip_grad_options rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn
from torch.nn.utils import clip_grad_norm_, clip_grad_value_, parameters_to_vector, vector_to_parameters

def fresh():
    a = nn.Parameter(torch.tensor([3.0, -4.0]))
    b = nn.Parameter(torch.tensor([[1.0, 2.0], [-2.0, 0.5]]))
    a.grad = torch.tensor([3.0, -4.0])
    b.grad = torch.tensor([[1.0, 2.0], [-2.0, 0.0]])
    return a, b

for kw in [dict(max_norm=1.0), dict(max_norm=2.0, norm_type=1), dict(max_norm=1.0, norm_type="inf"), dict(max_norm=100.0), dict(max_norm=1.0, norm_type=3.0, foreach=False)]:
    a, b = fresh()
    total = clip_grad_norm_([a, b], **kw)
    print(kw, total, a.grad, b.grad[1])
a, b = fresh()
total = clip_grad_norm_(a, 1.0)
print(total, a.grad, b.grad[0])
a, b = fresh()
a.grad[0] = float("nan")
print(clip_grad_norm_([a, b], 1.0), b.grad[0])
a, b = fresh()
a.grad[1] = float("inf")
try:
    clip_grad_norm_([a, b], 1.0, error_if_nonfinite=True)
except RuntimeError as e:
    print("RuntimeError", e)
a, b = fresh()
clip_grad_value_([a, b], 1.5)
print(a.grad, b.grad)
c = nn.Parameter(torch.ones(2))
print(clip_grad_norm_([c], 1.0), c.grad)
a, b = fresh()
print(nn.utils.get_total_norm([a.grad, b.grad]), nn.utils.get_total_norm([a.grad], norm_type=1))
nn.utils.clip_grads_with_norm_([a, b], 2.0, torch.tensor(10.0))
print(a.grad)
v = parameters_to_vector([a, b])
print(v, v.grad_fn is not None)
vector_to_parameters(v * 0 + 1, [a, b])
print(a, b)
try:
    vector_to_parameters([1.0, 2.0], [a])
except TypeError as e:
    print("TypeError", e)

# %% layer_repr_catalog strict
import torch
import torch.nn as nn

mods = [nn.Conv1d(2, 4, 3), nn.Conv3d(1, 2, (1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1)), nn.ConvTranspose1d(4, 2, 4, stride=2, padding=1, bias=False),
        nn.ConvTranspose3d(2, 2, 2, output_padding=0, dilation=2), nn.Conv2d(2, 2, 3, padding="same", padding_mode="circular"),
        nn.MaxPool1d(3, stride=2, padding=1, dilation=2, ceil_mode=True), nn.AvgPool1d(4, count_include_pad=False), nn.AvgPool3d(2, stride=1),
        nn.MaxPool3d((1, 2, 2)), nn.AdaptiveMaxPool2d((3, None)), nn.AdaptiveAvgPool3d(1), nn.LPPool2d(2, 3, stride=1), nn.MaxUnpool1d(2), nn.MaxUnpool2d(3, stride=2, padding=1),
        nn.Embedding(10, 4, max_norm=2.0, norm_type=1.0, scale_grad_by_freq=True, sparse=False), nn.EmbeddingBag(10, 4, mode="max", padding_idx=1),
        nn.InstanceNorm1d(4, affine=True, track_running_stats=True), nn.GroupNorm(1, 4, affine=False), nn.LayerNorm(6, eps=1e-6, elementwise_affine=True, bias=False),
        nn.BatchNorm3d(2, eps=1e-3, momentum=0.01), nn.LocalResponseNorm(3, alpha=1e-3), nn.Softmax2d(), nn.Threshold(0.1, 20.0), nn.Hardswish(), nn.Hardsigmoid(),
        nn.Mish(), nn.Softsign(), nn.Tanhshrink(), nn.Hardshrink(0.3), nn.Softshrink(), nn.RReLU(0.1, 0.3), nn.CELU(2.0), nn.SELU(inplace=True), nn.GLU(dim=1),
        nn.LogSigmoid(), nn.Softmin(dim=0), nn.ReLU6(), nn.ReflectionPad2d((1, 0, 2, 1)), nn.ReplicationPad1d(2), nn.ZeroPad1d((0, 3)), nn.CircularPad2d(1),
        nn.ConstantPad3d(1, 2.5), nn.PixelUnshuffle(2), nn.Fold((4, 4), 2), nn.Unfold(3, dilation=2, padding=1, stride=2), nn.PairwiseDistance(p=1.0, keepdim=True),
        nn.LSTMCell(3, 4, bias=False), nn.GRUCell(2, 3), nn.RNNCell(2, 2, nonlinearity="relu"), nn.LSTM(3, 6, proj_size=2), nn.RNN(2, 3, num_layers=2, bias=False, dropout=0.5),
        nn.AlphaDropout(0.2), nn.Dropout1d(), nn.Dropout3d(0.1, inplace=True), nn.MultiheadAttention(8, 2, dropout=0.1, batch_first=True),
        nn.KLDivLoss(reduction="batchmean", log_target=True), nn.PoissonNLLLoss(log_input=False, full=True), nn.GaussianNLLLoss(eps=1e-4), nn.TripletMarginLoss(margin=0.5, p=1.0),
        nn.SmoothL1Loss(beta=0.5), nn.HuberLoss(delta=2.0), nn.CosineEmbeddingLoss(margin=0.2), nn.MultiMarginLoss(p=2, margin=0.5), nn.SoftMarginLoss(), nn.MultiLabelSoftMarginLoss(),
        nn.NLLLoss(weight=torch.ones(3), reduction="sum"), nn.CrossEntropyLoss(ignore_index=3, reduction="none")]
for m in mods:
    print(m)

# %% misc_losses_options rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(19)
def T(*s, pos=False):
    a = rng.standard_normal(s).astype(np.float32)
    return torch.from_numpy(np.abs(a) + 0.1 if pos else a)
x, y = T(3, 4), T(3, 4)
rate = T(3, 4, pos=True)
counts = torch.from_numpy(rng.integers(0, 5, (3, 4)).astype(np.float32))
print(F.poisson_nll_loss(x, counts), F.poisson_nll_loss(rate, counts, log_input=False), F.poisson_nll_loss(x, counts, full=True, reduction="sum"))
print(nn.PoissonNLLLoss(log_input=False, full=True, eps=1e-3, reduction="none")(rate, counts)[0])
var = T(3, 4, pos=True)
print(F.gaussian_nll_loss(x, y, var), F.gaussian_nll_loss(x, y, var, full=True), F.gaussian_nll_loss(x, y, var[:, :1], reduction="sum"))
print(F.gaussian_nll_loss(x, y, var[:, 0], reduction="none") if False else F.gaussian_nll_loss(x, y, torch.full((3, 4), 1e-9), eps=1e-2))
try:
    F.gaussian_nll_loss(x, y, -var)
except ValueError as e:
    print("ValueError", e)
try:
    F.gaussian_nll_loss(x, y, var[:, :2])
except ValueError as e:
    print("ValueError", e)
a, p, n = T(4, 5), T(4, 5), T(4, 5)
print(F.triplet_margin_loss(a, p, n, margin=0.3, p=1, swap=True), F.triplet_margin_loss(a, p, n, reduction="none"))
twd = nn.TripletMarginWithDistanceLoss(distance_function=lambda u, v: 1 - F.cosine_similarity(u, v), margin=0.2)
print(twd(a, p, n), nn.TripletMarginWithDistanceLoss()(a, p, n))
lbl = torch.tensor([1.0, -1.0, 1.0, -1.0])
print(F.cosine_embedding_loss(a, p, lbl, margin=0.1, reduction="none"), F.hinge_embedding_loss(x, torch.sign(y), margin=0.5))
print(F.multi_margin_loss(x, torch.tensor([0, 3, 1]), p=2, margin=0.7, weight=torch.tensor([1.0, 2.0, 0.5, 1.0])))
print(F.multilabel_soft_margin_loss(x, (y > 0).float(), weight=torch.tensor([1.0, 0.0, 2.0, 1.0])), F.soft_margin_loss(x, torch.sign(y), reduction="sum"))
print(F.kl_div(F.log_softmax(x, 1), F.softmax(y, 1), reduction="batchmean"), F.kl_div(F.log_softmax(x, 1), F.log_softmax(y, 1), reduction="none", log_target=True)[0])
print(F.l1_loss(x, y, reduction="none")[0], F.smooth_l1_loss(x, y, beta=0.0), F.huber_loss(x, y, reduction="sum", delta=0.1))
print(F.mse_loss(x[0], y[0].unsqueeze(0).expand(2, 4)) if False else F.margin_ranking_loss(x[:, 0], y[:, 0], torch.tensor([1.0, -1.0, 1.0]), margin=0.2, reduction="none"))

# %% channel_shuffle_multilabel_margin rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.arange(24.0).view(1, 6, 2, 2).requires_grad_(True)
cs = nn.ChannelShuffle(3)
y = cs(x)
print(cs, y[0, :, 0, 0], y.grad_fn.name() if hasattr(y.grad_fn, "name") else None, type(y.grad_fn).__name__)
(y * torch.arange(6.0).view(1, 6, 1, 1)).sum().backward()
print(x.grad[0, :, 0, 0], F.channel_shuffle(torch.arange(8.0).view(2, 4, 1), 2).flatten())
for bad in [lambda: cs(torch.ones(1, 4, 2)), lambda: F.channel_shuffle(torch.ones(4, 4), 2)]:
    try:
        bad()
    except RuntimeError as e:
        print("RuntimeError", e)
scores = torch.tensor([[0.1, 0.2, 0.4, 0.8], [0.5, -0.3, 0.2, 1.0], [0.3, 0.9, -0.5, 0.0]], requires_grad=True)
labels = torch.tensor([[3, 0, -1, 1], [1, 2, 3, 0], [2, 2, -1, -1]])
crit = nn.MultiLabelMarginLoss()
loss = crit(scores, labels)
loss.backward()
print(crit, loss, scores.grad)
print(F.multilabel_margin_loss(scores, labels, reduction="none"), F.multilabel_margin_loss(scores[0], labels[0]))
try:
    crit(scores, labels[:, :2])
except RuntimeError as e:
    print("RuntimeError", e)
try:
    crit(scores, torch.full((3, 4), 4))
except RuntimeError as e:
    print("RuntimeError", e)

# %% embedding_bag_offsets rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn
import torch.nn.functional as F

weight = torch.arange(20.0).view(5, 4) / 10
for mode in ["sum", "mean", "max"]:
    bag = nn.EmbeddingBag.from_pretrained(weight, mode=mode, freeze=False)
    out = bag(torch.tensor([0, 2, 4, 1, 3]), torch.tensor([0, 2]))
    out.sum().backward()
    print(mode, out, bag.weight.grad[:, 0])
bag = nn.EmbeddingBag.from_pretrained(weight, mode="sum")
print(bag(torch.tensor([[0, 1], [2, 2], [4, 3]])), bag(torch.tensor([1, 2, 3]), torch.tensor([0, 1, 3]), per_sample_weights=torch.tensor([2.0, 0.5, -1.0])))
print(F.embedding_bag(torch.tensor([0, 1, 2, 3]), weight, torch.tensor([0, 1, 4]), mode="mean", include_last_offset=True))
print(nn.EmbeddingBag.from_pretrained(weight, mode="mean", padding_idx=0)(torch.tensor([[0, 1], [0, 0]])))
print(bag(torch.tensor([1, 2]), torch.tensor([0, 2, 2])), list(nn.EmbeddingBag(5, 4).state_dict().keys()))
try:
    nn.EmbeddingBag.from_pretrained(weight, mode="mean")(torch.tensor([1, 2]), torch.tensor([0, 1]), per_sample_weights=torch.tensor([1.0, 1.0]))
except (NotImplementedError, ValueError, RuntimeError) as e:
    print(type(e).__name__, e)
try:
    bag(torch.tensor([[0, 1]]), torch.tensor([0]))
except ValueError as e:
    print("ValueError", e)

# %% scheduler_checkpoint_resume strict
import torch
import torch.nn as nn
from torch.optim import lr_scheduler as L

def setup(make):
    p = nn.Parameter(torch.tensor([1.0]))
    opt = torch.optim.SGD([p], lr=0.2, momentum=0.9)
    return p, opt, make(opt)

makers = {"onecycle": lambda o: L.OneCycleLR(o, max_lr=1.0, total_steps=10),
          "warm_restarts": lambda o: L.CosineAnnealingWarmRestarts(o, T_0=2, T_mult=2, eta_min=0.01),
          "multistep": lambda o: L.MultiStepLR(o, milestones=[2, 5], gamma=0.3),
          "linear": lambda o: L.LinearLR(o, start_factor=0.1, total_iters=5)}
for name, make in makers.items():
    p, opt, s = setup(make)
    for _ in range(4):
        p.grad = torch.tensor([1.0])
        opt.step()
        s.step()
    ck = {"opt": opt.state_dict(), "sched": s.state_dict()}
    p2, opt2, s2 = setup(make)
    with torch.no_grad():
        p2.copy_(p)
    opt2.load_state_dict(ck["opt"])
    s2.load_state_dict(ck["sched"])
    a, b = [], []
    for _ in range(3):
        for pp, oo, ss, acc in [(p, opt, s, a), (p2, opt2, s2, b)]:
            pp.grad = torch.tensor([1.0])
            oo.step()
            ss.step()
            acc.append(round(oo.param_groups[0]["lr"], 6))
    print(name, a == b, a, torch.equal(p, p2), s2.last_epoch, [round(v, 6) for v in s2.get_last_lr()])
