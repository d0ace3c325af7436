# Details of ordinary training/teaching scripts: Module traversal and state_dict corners, printing of
# tensors, scheduler sequences, DataLoader collation, autograd corners (accumulation, retain_graph).

# %% module_traversal strict
import torch
import torch.nn as nn

class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.bn = nn.BatchNorm2d(2)
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))

model = nn.Sequential(Block(), nn.Flatten(), nn.Linear(8, 3))
print([n for n, _ in model.named_modules()])
print([n for n, _ in model.named_children()], [type(m).__name__ for m in model.children()])
print([type(m).__name__ for m in model.modules()])
print([n for n, _ in model.named_modules(prefix="net")])
print(sum(p.numel() for p in model.parameters()), sum(p.numel() for p in model.parameters() if p.requires_grad))
print([(n, tuple(b.shape)) for n, b in model.named_buffers()])
print(list(model.state_dict().keys()))
print(model.state_dict()["0.bn.num_batches_tracked"], model.state_dict()["0.bn.running_var"])
names = []
model.apply(lambda m: names.append(type(m).__name__))
print(names)
def init(m):
    if isinstance(m, (nn.Linear, nn.Conv2d)):
        nn.init.constant_(m.weight, 0.1)
        nn.init.zeros_(m.bias)
print(model.apply(init) is model, model[2].weight.sum().item(), model[0].conv.bias.tolist())
model.eval()
print(model.training, model[0].training, model[0].bn.training, all(not m.training for m in model.modules()))
model[0].train()
print(model.training, model[0].training, model[0].bn.training, model[2].training)
print(model[-1], model[0:2].__class__.__name__, len(model[0:2]), model[0].bn)

# %% buffers_and_load_state strict
import torch
import torch.nn as nn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)
        self.register_buffer("mean", torch.zeros(2))
        self.register_buffer("cache", torch.ones(2), persistent=False)
        self.register_buffer("nothing", None)

m = M()
print(list(m.state_dict().keys()), [n for n, _ in m.named_buffers()], m.nothing)
sd = m.state_dict()
sd["mean"] = torch.tensor([1.0, 2.0])
del sd["lin.bias"]
sd["extra.weight"] = torch.zeros(1)
r = m.load_state_dict(sd, strict=False)
print(r)
print(r.missing_keys, r.unexpected_keys, type(r).__name__, m.mean)
missing, unexpected = r
print(missing, unexpected)
try:
    m.load_state_dict(sd)
except RuntimeError as e:
    print("RuntimeError", "Missing key(s)" in str(e), "Unexpected key(s)" in str(e), "lin.bias" in str(e))
print(m.load_state_dict(m.state_dict()))
bad = m.state_dict()
bad["lin.weight"] = torch.zeros(3, 2)
try:
    m.load_state_dict(bad)
except RuntimeError as e:
    print("RuntimeError", "size mismatch" in str(e))
m2 = M()
m2.load_state_dict(m.state_dict())
print(m2.mean, m2.cache)
m.to(torch.float64)
print(m.mean.dtype, m.cache.dtype, m.lin.weight.dtype)
print(m.state_dict(keep_vars=True)["lin.weight"].requires_grad, m.state_dict()["lin.weight"].requires_grad)

# %% zero_grad_and_freezing strict
import torch
import torch.nn as nn

torch.manual_seed(0)
m = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
x = torch.ones(2, 3)
m(x).sum().backward()
print(m[0].weight.grad is None, m[2].bias.grad)
m.zero_grad()
print(m[0].weight.grad, m[2].bias.grad)
m(x).sum().backward()
m.zero_grad(set_to_none=False)
print(m[2].bias.grad, m[0].bias.grad.shape)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
m(x).sum().backward()
opt.zero_grad()
print(m[2].bias.grad)
for p in m[0].parameters():
    p.requires_grad_(False)
print([p.requires_grad for p in m.parameters()], sum(p.numel() for p in m.parameters() if p.requires_grad))
out = m(x).sum()
out.backward()
print(m[0].weight.grad, m[2].bias.grad)
m.requires_grad_(False)
print(m(x).requires_grad, m(x).grad_fn)
m[2].requires_grad_()
print(m(x).requires_grad, m[2].weight.is_leaf, m[2].weight.requires_grad)
opt2 = torch.optim.Adam(filter(lambda p: p.requires_grad, m.parameters()), lr=1e-3)
print(len(opt2.param_groups[0]["params"]))

# %% tensor_repr_dtypes strict
import torch

print(torch.tensor([1, 2, 3]), torch.tensor([1, 2, 3], dtype=torch.int32), torch.tensor([1, 2], dtype=torch.int16))
print(torch.tensor([True, False, True]), torch.tensor(True), torch.tensor(False))
print(torch.tensor([1.0, 2.0], dtype=torch.float64), torch.tensor(3.0, dtype=torch.float64), torch.tensor([1.5], dtype=torch.float16))
print(torch.tensor(7), torch.tensor(-1.5), torch.tensor(0.0), torch.tensor(1e-8), torch.tensor(1e10))
print(torch.tensor([[1, 2], [3, 4]], dtype=torch.uint8), torch.tensor([-100, 5], dtype=torch.int8))
print(torch.tensor([1.0, 2.0], requires_grad=True).sum(), torch.tensor(2.0, requires_grad=True))
print(torch.tensor([[0.5, 2.0]], dtype=torch.float64, requires_grad=True))
print(torch.arange(10) * 1000, torch.arange(5.0) / 3, torch.tensor([1e-3, 1e3]), torch.tensor([1.0, 10.0, 100.0]))
print(torch.tensor([0.1, 123456.0]), torch.tensor([1e-10, 1.0]), torch.tensor([2.0, 4.0, 8.0]))
print(torch.zeros(2, 0), torch.ones(0, dtype=torch.bool), torch.empty(0, 3, dtype=torch.float64))
print(torch.tensor([[1.0, -1.0], [0.5, 100.0]]).t(), torch.tensor([3.0]).expand(3))

# %% tensor_repr_large strict
import torch

print(torch.arange(1001))
print(torch.arange(1200.0).view(40, 30))
print(torch.arange(2000).view(2, 1000) % 7 == 0)
print(torch.linspace(0, 1, 1500, dtype=torch.float64))
print(torch.arange(24).view(2, 3, 4))
print(torch.arange(3000).view(10, 10, 30)[:, :, :2])
x = torch.arange(1100.0, requires_grad=True) * 2
print(x)

# %% scheduler_sequences strict
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR, MultiStepLR, CosineAnnealingLR, OneCycleLR, ReduceLROnPlateau, CosineAnnealingWarmRestarts, SequentialLR, LinearLR, ExponentialLR

def run(make, steps=10, lr=0.1, **kw):
    p = nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=lr, **kw)
    s = make(opt)
    out = [round(s.get_last_lr()[0], 6)]
    for _ in range(steps):
        opt.step()
        s.step()
        out.append(round(s.get_last_lr()[0], 6))
    return out, s.last_epoch

print(run(lambda o: StepLR(o, step_size=4, gamma=0.3)))
print(run(lambda o: MultiStepLR(o, milestones=[1, 3, 3, 7], gamma=0.5)))
print(run(lambda o: CosineAnnealingLR(o, T_max=4)))
print(run(lambda o: CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=0.001)))
print(run(lambda o: OneCycleLR(o, max_lr=0.5, total_steps=11, pct_start=0.4), momentum=0.9))
print(run(lambda o: OneCycleLR(o, max_lr=0.5, total_steps=11, three_phase=True), momentum=0.9))
print(run(lambda o: SequentialLR(o, [LinearLR(o, start_factor=0.1, total_iters=3), ExponentialLR(o, gamma=0.8)], milestones=[3])))
p = nn.Parameter(torch.zeros(1))
opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)
s = OneCycleLR(opt, max_lr=0.5, total_steps=5)
moms = []
for _ in range(4):
    opt.step()
    s.step()
    moms.append((round(opt.param_groups[0]["lr"], 5), round(opt.param_groups[0]["momentum"], 5)))
print(moms, round(opt.param_groups[0]["initial_lr"], 5), round(opt.param_groups[0]["max_lr"], 5), round(opt.param_groups[0]["min_lr"], 8))
p = nn.Parameter(torch.zeros(1))
opt = torch.optim.SGD([p], lr=1.0)
pl = ReduceLROnPlateau(opt, mode="max", factor=0.1, patience=2, threshold=0.01, cooldown=1, min_lr=0.005)
trace = []
for acc in [0.5, 0.6, 0.6, 0.605, 0.6, 0.61, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6]:
    pl.step(acc)
    trace.append(round(opt.param_groups[0]["lr"], 6))
print(trace, pl.num_bad_epochs, pl.best, round(pl.get_last_lr()[0], 6))

# %% dataloader_collate_kinds strict
import torch
from torch.utils.data import DataLoader, Dataset

class Dicts(Dataset):
    def __len__(self):
        return 5
    def __getitem__(self, i):
        return {"x": torch.full((2,), float(i)), "y": i, "name": f"s{i}", "w": float(i) / 2}

for batch in DataLoader(Dicts(), batch_size=2):
    print(batch["x"], batch["y"], batch["name"], batch["w"])

class Tuples(Dataset):
    def __len__(self):
        return 7
    def __getitem__(self, i):
        return torch.tensor([i, i + 1]), (i % 2 == 0), [i, -i]

dl = DataLoader(Tuples(), batch_size=3, drop_last=True)
print(len(dl), len(DataLoader(Tuples(), batch_size=3)), len(DataLoader(Tuples(), batch_size=3, drop_last=False)))
for xb, flag, pair in dl:
    print(xb, flag, pair, type(pair).__name__)
print(len(DataLoader(range(10), batch_size=4)), list(DataLoader(range(5), batch_size=2)))
print(list(DataLoader([1.5, 2.5, 3.5], batch_size=2)), list(DataLoader([(1, "a"), (2, "b")], batch_size=2)))
print(next(iter(DataLoader([torch.ones(2, 2)] * 3, batch_size=3))).shape)
print(list(DataLoader(range(4), batch_size=None)))
import numpy as np
print(next(iter(DataLoader([np.array([1.0, 2.0]), np.array([3.0, 4.0])], batch_size=2))))
print(list(DataLoader(torch.arange(6).view(3, 2), batch_size=2)))

# %% accuracy_and_topk strict
import torch

logits = torch.tensor([[2.0, 1.0, 0.1], [0.2, 3.0, 0.3], [1.0, 0.5, 2.5], [0.0, 0.1, 0.05]])
labels = torch.tensor([0, 1, 1, 2])
pred = logits.argmax(dim=1)
correct = (pred == labels).sum().item()
print(pred, correct, type(correct).__name__, correct / len(labels), 100.0 * correct / labels.size(0))
print(pred.eq(labels), pred.eq(labels).float().mean(), pred.eq(labels.view_as(pred)).sum())
_, predicted = torch.max(logits.data, 1)
print(predicted, (predicted == labels).sum(), (predicted == labels).sum().item())
vals, idx = logits.topk(2, dim=1)
print(vals, idx, logits.topk(1).indices.squeeze(1))
top5 = idx.eq(labels.view(-1, 1).expand_as(idx))
print(top5, top5.any(dim=1).float().sum(0, keepdim=True), top5[:, :1].reshape(-1).float().sum(0).mul_(100.0 / 4))
probs = torch.softmax(logits, dim=1)
conf, cls = probs.max(dim=1)
print([round(v, 4) for v in conf.tolist()], cls.tolist(), torch.clamp(logits, 0.2, 1.0), logits.clamp(max=1.0).sum(0))
print(logits.argmax(), logits.argmax(1, keepdim=True).shape, logits.max(), logits.max(dim=0).values, torch.argmin(logits, dim=0))

# %% autograd_accumulation_corners strict
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
(w * 3).sum().backward()
(w ** 2).sum().backward()
print(w.grad)
w.grad.zero_()
print(w.grad)
w.grad = None
y = (w * w).sum()
y.backward(retain_graph=True)
y.backward()
print(w.grad)
z = (w.exp()).sum()
z.backward()
try:
    z.backward()
except RuntimeError:
    print("RuntimeError")
a = torch.tensor(2.0, requires_grad=True)
b = a * 3
c = b.detach()
d = b.clone()
print(c.requires_grad, d.requires_grad, d.grad_fn.name() if hasattr(d.grad_fn, "name") else type(d.grad_fn).__name__, c.is_leaf, d.is_leaf, b.is_leaf)
c += 1
print(b, c)
d.backward()
print(a.grad)
try:
    w.add_(1)
except RuntimeError:
    print("RuntimeError leaf")
with torch.no_grad():
    w.add_(1)
print(w, w.requires_grad, w.is_leaf)
print(torch.ones(2).requires_grad, (torch.ones(2) * w).requires_grad, torch.ones(2, requires_grad=True).detach().requires_grad)
try:
    torch.ones(2, requires_grad=True).numpy()
except RuntimeError:
    print("RuntimeError numpy")
print(torch.ones(2, requires_grad=True).detach().numpy())
x = torch.ones(3, requires_grad=True)
y = x * 2
try:
    y.backward()
except RuntimeError:
    print("RuntimeError scalar")
y.backward(torch.tensor([1.0, 0.5, 0.0]))
print(x.grad, y.grad_fn, x.grad_fn)

# %% no_grad_decorator_and_modes strict
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)

@torch.no_grad()
def evaluate(x):
    return (x * w).sum()

@torch.no_grad
def evaluate2(x):
    return (x * w).sum()

@torch.inference_mode()
def infer(x):
    return x * w

print(evaluate(torch.ones(2)).requires_grad, evaluate2(torch.ones(2)).requires_grad, infer(torch.ones(2)).requires_grad)
print(torch.is_grad_enabled())
with torch.no_grad():
    print(torch.is_grad_enabled(), (w * 2).requires_grad)
    with torch.enable_grad():
        print(torch.is_grad_enabled(), (w * 2).requires_grad)
print(torch.is_grad_enabled())
with torch.set_grad_enabled(False):
    print((w * 2).requires_grad)
torch.set_grad_enabled(False)
print(torch.is_grad_enabled(), (w + 1).requires_grad)
torch.set_grad_enabled(True)
print((w + 1).requires_grad, torch.is_inference_mode_enabled())
with torch.inference_mode():
    print(torch.is_inference_mode_enabled(), (w * 1).requires_grad)
with torch.no_grad():
    v = w * 2
print(v.requires_grad, v.grad_fn, v.is_leaf)

# %% module_repr_variety strict
import torch
import torch.nn as nn

print(nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1, bias=False))
print(nn.Conv1d(4, 8, 5, dilation=2, groups=2, padding_mode="reflect", padding=4))
print(nn.MaxPool2d(2), nn.MaxPool2d(3, stride=1, padding=1), nn.AvgPool2d(2, 2), nn.AdaptiveAvgPool2d((1, 1)), nn.AdaptiveAvgPool1d(4))
print(nn.BatchNorm1d(10, momentum=None), nn.BatchNorm2d(4, affine=False, track_running_stats=False), nn.LayerNorm([4, 5], elementwise_affine=False))
print(nn.Dropout(0.25), nn.Dropout2d(), nn.LeakyReLU(0.2, inplace=True), nn.ReLU(inplace=True), nn.Softmax(dim=-1), nn.LogSoftmax(1))
print(nn.Embedding(100, 8, padding_idx=0), nn.EmbeddingBag(10, 3, mode="sum"), nn.LSTM(10, 20, num_layers=2, batch_first=True, dropout=0.1, bidirectional=True))
print(nn.GRU(4, 8), nn.RNN(3, 5, nonlinearity="relu"), nn.Linear(3, 4, bias=False), nn.Identity(), nn.Flatten(), nn.Unflatten(1, (2, 5)))
print(nn.CrossEntropyLoss(), nn.CrossEntropyLoss(label_smoothing=0.1), nn.MSELoss(reduction="sum"), nn.BCEWithLogitsLoss(), nn.NLLLoss(ignore_index=0))
print(nn.ConvTranspose2d(8, 4, 4, stride=2, padding=1), nn.GroupNorm(2, 8), nn.InstanceNorm2d(3), nn.Upsample(scale_factor=2, mode="nearest"))
print(nn.GELU(), nn.GELU(approximate="tanh"), nn.Hardtanh(-2, 2), nn.ELU(alpha=0.5), nn.Softplus(beta=2), nn.PReLU(3), nn.SiLU(), nn.Tanh(), nn.Sigmoid())
print(nn.ModuleList([nn.Linear(1, 1), nn.ReLU()]), nn.ModuleDict({"a": nn.Linear(1, 2), "b": nn.Tanh()}))
print(nn.ParameterList([nn.Parameter(torch.ones(2)), nn.Parameter(torch.zeros(3, 2))]))
print(nn.Sequential(), nn.ZeroPad2d(1), nn.ConstantPad1d((1, 2), 0.5), nn.Bilinear(2, 3, 4), nn.CosineSimilarity(), nn.PixelShuffle(2))

# %% parameter_repr_and_ops strict
import torch
import torch.nn as nn

p = nn.Parameter(torch.tensor([1.0, -2.0]))
print(p)
print(repr(nn.Parameter(torch.zeros(2, 2), requires_grad=False)))
print(p * 2, p.data, p.detach(), type(p.data).__name__, type(p * 2).__name__, type(p.detach()).__name__)
print(isinstance(p, torch.Tensor), isinstance(p, nn.Parameter), p.is_leaf, p.grad_fn)
q = nn.Parameter(torch.arange(3.0))
print(q.clone(), type(q.clone()).__name__, q[0], q.sum(), q.tolist(), q.shape, q.dtype)
lin = nn.Linear(2, 1)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[0.5, -0.5]]))
    lin.bias.fill_(0.25)
print(lin.weight, lin.bias)
for name, param in lin.named_parameters():
    print(name, param.shape, param.requires_grad, param.data.tolist())
print(nn.Parameter(torch.tensor([1, 2]), requires_grad=False))

# %% training_loop_bookkeeping rtol=1e-4
import torch
import torch.nn as nn
import numpy as np
from torch.utils.data import DataLoader, TensorDataset

rng = np.random.default_rng(3)
X = torch.from_numpy(rng.standard_normal((30, 4)).astype(np.float32))
y = torch.from_numpy(rng.integers(0, 3, 30))
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.0), nn.Linear(8, 3))
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.4, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
loader = DataLoader(TensorDataset(X, y), batch_size=8, shuffle=False)
crit = nn.CrossEntropyLoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
for epoch in range(4):
    model.train()
    running, correct, total = 0.0, 0, 0
    for i, (xb, yb) in enumerate(loader):
        opt.zero_grad()
        out = model(xb)
        loss = crit(out, yb)
        loss.backward()
        opt.step()
        running += loss.item() * xb.size(0)
        _, predicted = out.max(1)
        total += yb.size(0)
        correct += predicted.eq(yb).sum().item()
    sched.step()
    model.eval()
    with torch.no_grad():
        val_loss = crit(model(X), y).item()
    print(f"epoch {epoch+1}: loss={running/total:.4f} acc={100.*correct/total:.2f}% val={val_loss:.4f} lr={sched.get_last_lr()[0]:.4f} batches={i+1}")
print(loss, out.shape, type(running).__name__, type(correct).__name__)

# %% err_inplace_leaf
import torch

x = torch.ones(3, requires_grad=True)
x.mul_(2)

# %% module_containers_api strict
import torch
import torch.nn as nn

layers = nn.ModuleList([nn.Linear(2, 2) for _ in range(2)])
layers.append(nn.ReLU())
layers.extend([nn.Tanh(), nn.Sigmoid()])
layers.insert(1, nn.Identity())
print(len(layers), [type(l).__name__ for l in layers], type(layers[-1]).__name__, type(layers[1:3]).__name__)
print([n for n, _ in layers.named_parameters()])
d = nn.ModuleDict({"b": nn.Linear(1, 1), "a": nn.ReLU()})
d["c"] = nn.Tanh()
d.update({"z": nn.Identity()})
print(list(d.keys()), [type(v).__name__ for v in d.values()], "a" in d, len(d), type(d.pop("a")).__name__, list(d))
pd = nn.ParameterDict({"w": nn.Parameter(torch.ones(2)), "b": nn.Parameter(torch.zeros(1))})
print(list(pd.keys()), [n for n, _ in nn.Module.named_parameters(pd)], pd["w"].requires_grad)
pl = nn.ParameterList([nn.Parameter(torch.ones(1)) for _ in range(3)])
pl.append(nn.Parameter(torch.zeros(2)))
print(len(pl), [n for n, _ in pl.named_parameters()], pl[3].shape)
seq = nn.Sequential(nn.Linear(2, 3), nn.ReLU())
seq.add_module("out", nn.Linear(3, 1))
seq.append(nn.Sigmoid())
print([n for n, _ in seq.named_children()], seq.out.out_features, len(seq), type(seq[-1]).__name__)
from collections import OrderedDict
seq2 = nn.Sequential(OrderedDict([("fc", nn.Linear(2, 2)), ("act", nn.ReLU())]))
print(seq2, list(seq2.state_dict().keys()), seq2.fc is seq2[0])
del seq2[1]
print(len(seq2), [n for n, _ in seq2.named_children()])

class Shared(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(2, 2)
        self.b = self.a
        self.t = torch.ones(2)

s = Shared()
print([n for n, _ in s.named_parameters()], len(list(s.parameters())), [n for n, _ in s.named_modules()], list(s.state_dict().keys()))
print([n for n, _ in s.named_parameters(remove_duplicate=False)], [n for n, _ in s.named_modules(remove_duplicate=False)])
print([n for n, _ in s.named_buffers()], hasattr(s, "t"))
s.register_module("c", nn.Tanh())
s.add_module("d", None)
print([n for n, _ in s.named_children()], s.d)
try:
    s.add_module("a.b", nn.ReLU())
except KeyError:
    print("KeyError")
try:
    s.x = nn.Parameter(torch.ones(1))
    s.register_parameter("y", torch.ones(1))
except TypeError:
    print("TypeError")

# %% tensor_repr_sci strict
import torch

print(torch.tensor([1e-5, 1e5]))
print(torch.tensor([0.0001, 0.001, 0.01]))
print(torch.tensor([1e8, 1.0]), torch.tensor([1e9]), torch.tensor([123.456, 0.001]))
print(torch.tensor([1.0, float("nan"), float("-inf")]), torch.tensor([0.5, float("inf")]))
print(torch.tensor([1.0, 2.0, 3.0]) / 7, torch.tensor([[1e-3, 2e-3], [3e-3, 1.0]]))
print(torch.tensor([100000.0, 2.0]), torch.tensor([99999.0, 0.5]), torch.tensor([1000.0, 0.5]))
print(torch.tensor([12345678.0]), torch.tensor([-0.0001]), torch.tensor([1.23e-20, 5.0]))
print(torch.tensor([1, 2], dtype=torch.float64) * 1e10, torch.tensor([3.14159265358979], dtype=torch.float64))
print(torch.tensor([2**40, -5]), torch.tensor([[-1, 100], [5, 20000]]))
print(torch.tensor([0.1, 0.25, 1e-4], dtype=torch.float16))

# %% scheduler_state_and_groups strict
import torch
import torch.nn as nn
from torch.optim import lr_scheduler

a = nn.Parameter(torch.zeros(1))
b = nn.Parameter(torch.zeros(1))
opt = torch.optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.01}], lr=0.1, momentum=0.9)
s = lr_scheduler.LambdaLR(opt, lr_lambda=[lambda e: 0.5 ** e, lambda e: 1.0 / (e + 1)])
for _ in range(3):
    opt.step()
    s.step()
print([round(v, 6) for v in s.get_last_lr()], s.last_epoch, [g["initial_lr"] for g in opt.param_groups])
s2 = lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
print([round(v, 6) for v in s2.get_last_lr()], s2.base_lrs)
opt2 = torch.optim.Adam([a], lr=0.01)
oc = lr_scheduler.OneCycleLR(opt2, max_lr=0.1, total_steps=6)
out = []
for _ in range(5):
    opt2.step()
    oc.step()
    g = opt2.param_groups[0]
    out.append((round(g["lr"], 6), tuple(round(x, 5) for x in g["betas"])))
print(out)
opt3 = torch.optim.SGD([a], lr=1.0)
sc = lr_scheduler.StepLR(opt3, step_size=2, gamma=0.1)
for _ in range(3):
    opt3.step()
    sc.step()
sd = sc.state_dict()
print(sorted(sd.keys()), sd["last_epoch"], [round(v, 6) for v in sd["_last_lr"]], sd["step_size"], sd["gamma"])
opt4 = torch.optim.SGD([a], lr=1.0)
sc2 = lr_scheduler.StepLR(opt4, step_size=2, gamma=0.1)
sc2.load_state_dict(sd)
opt4.step()
sc2.step()
print(sc2.last_epoch, [round(v, 6) for v in sc2.get_last_lr()], round(opt4.param_groups[0]["lr"], 6))
cyc = lr_scheduler.CyclicLR(torch.optim.SGD([a], lr=0.1, momentum=0.9), base_lr=0.01, max_lr=0.1, step_size_up=2, mode="triangular2")
vals = []
for _ in range(10):
    cyc.optimizer.step()
    cyc.step()
    vals.append(round(cyc.get_last_lr()[0], 6))
print(vals)
cyc = lr_scheduler.CyclicLR(torch.optim.SGD([a], lr=0.1, momentum=0.9), base_lr=0.01, max_lr=0.1, step_size_up=2, mode="exp_range", gamma=0.9)
vals = []
for _ in range(6):
    cyc.optimizer.step()
    cyc.step()
    vals.append((round(cyc.get_last_lr()[0], 6), round(cyc.optimizer.param_groups[0]["momentum"], 6)))
print(vals)
cos = lr_scheduler.CosineAnnealingLR(torch.optim.SGD([a], lr=0.1), T_max=3, eta_min=0.0)
vals = []
for _ in range(8):
    cos.optimizer.step()
    cos.step()
    vals.append(round(cos.get_last_lr()[0], 6))
print(vals)
pl = lr_scheduler.ReduceLROnPlateau(torch.optim.SGD([a], lr=0.1), threshold_mode="abs", threshold=0.1, patience=0)
vals = []
for v in [1.0, 0.95, 0.8, 0.75, 0.6]:
    pl.step(v)
    vals.append(round(pl.optimizer.param_groups[0]["lr"], 6))
print(vals, sorted(pl.state_dict().keys()))

# %% dataloader_samplers_collate strict
import torch
from torch.utils.data import DataLoader, TensorDataset, BatchSampler, SequentialSampler, Subset, ConcatDataset, default_collate
from collections import namedtuple

X = torch.arange(10.0).view(5, 2)
y = torch.tensor([0, 1, 0, 1, 1])
ds = TensorDataset(X, y)
print(len(ds), ds[1], ds[1:3], type(ds[0]).__name__, ds.tensors[1])
print(list(BatchSampler(SequentialSampler(range(7)), batch_size=3, drop_last=False)), list(BatchSampler(range(7), 3, True)))
dl = DataLoader(ds, batch_sampler=BatchSampler(SequentialSampler(ds), batch_size=2, drop_last=False))
print(len(dl), [b[1].tolist() for b in dl])
dl = DataLoader(ds, batch_size=2, collate_fn=lambda batch: batch)
print(next(iter(dl)))
def pad_collate(batch):
    xs, ys = zip(*batch)
    return torch.stack(xs), torch.tensor(ys)
print(next(iter(DataLoader(ds, batch_size=3, collate_fn=pad_collate))))
Point = namedtuple("Point", ["x", "y"])
print(default_collate([Point(1, 2.0), Point(3, 4.0)]), default_collate([{"a": [1, 2]}, {"a": [3, 4]}]))
print(default_collate([torch.tensor(1), torch.tensor(2)]), default_collate([(1, True), (2, False)]))
print(len(Subset(ds, [0, 2])), Subset(ds, [4, 0])[0], len(ConcatDataset([ds, ds])), ConcatDataset([ds, ds])[7])
dl = DataLoader(ds, batch_size=2)
print(dl.batch_size, dl.drop_last, type(dl.sampler).__name__, type(dl.batch_sampler).__name__, dl.dataset is ds, dl.num_workers)
it = iter(dl)
print(next(it)[0].shape, next(it)[1], len(dl))
for i, (xb, yb) in enumerate(dl, start=1):
    pass
print(i, xb, yb)
try:
    DataLoader(ds, batch_size=2, shuffle=True, sampler=SequentialSampler(ds))
except ValueError:
    print("ValueError")

# %% tensor_idioms_misc strict
import torch

x = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])
print(torch.where(x > 0), torch.where(x > 0, x, torch.zeros_like(x)), torch.where(x > 0, x, 0.0))
mask = torch.tensor([[False, True, True], [False, False, True]])
print(x.masked_fill(mask, float("-inf")).softmax(dim=-1))
print(x.T, x.mT.shape, x.t().is_contiguous(), x.view(-1), x.reshape(3, -1))
try:
    x.t().view(-1)
except RuntimeError:
    print("RuntimeError view")
print(x.t().contiguous().view(-1), x.flatten(), x.ravel(), x.numel(), x.dim(), x.ndim, x.size(-1))
print(x.abs().max().item(), x.norm().item(), x.pow(2).sum(dim=1).sqrt(), x.std(), x.var(dim=0, unbiased=False))
print(x.mean(dim=(0, 1)), x.sum(-1, keepdim=True), x.prod(1), x.cumsum(1), x.sign(), torch.sort(x, dim=1, descending=True))
print(x.clamp(min=0), x.clamp_(-3, 3), x, torch.clip(x, -1, 1))
print(x.unsqueeze(0).shape, x[None].shape, x[:, None, :].shape, x[..., 0], x[:, -1], x[x > 0], x[[0, 1], [2, 0]])
print(torch.cat([x, x], dim=1).shape, torch.stack([x, x]).shape, x.chunk(3, dim=1)[2], x.split([1, 2], dim=1)[1], torch.vstack([x, x]).shape, torch.hstack([x, x]).shape)
print(x.permute(1, 0).shape, x.flip(0), x.roll(1, dims=1), x.repeat(2, 1).shape, x.tolist(), x.int(), x.long().dtype, x.bool())
print(x.type(torch.int32), x.to(torch.float64).dtype, x.double().dtype, x.float().dtype, x.half().dtype, x.numpy().dtype)
print(torch.zeros_like(x, dtype=torch.long), torch.ones_like(x).sum(), torch.full_like(x, 2.5), torch.rand_like(x).shape, torch.empty_like(x).shape)
print(x.eq(3).any(), x.ne(3).all(), x.ge(0).sum(), torch.isclose(x, torch.tensor(3.0)), torch.equal(x, x.clone()), x.allclose(x + 1e-9))

# %% repeated_module_repr strict
import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(4, 4) for _ in range(3)])
        self.mixed = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.ReLU(), nn.Linear(4, 4), nn.Linear(4, 4), nn.Dropout(0.1))
        self.heads = nn.ModuleDict({"a": nn.Linear(4, 1), "b": nn.Linear(4, 1)})

    def extra_repr(self):
        return "depth=3\nwidth=4"

print(Net())
print(nn.Sequential(*[nn.Sequential(nn.Linear(2, 2), nn.ReLU()) for _ in range(2)]))

# %% optimizer_repr_and_state strict
import torch
import torch.nn as nn

m = nn.Linear(2, 1)
print(torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9))
print(torch.optim.Adam(m.parameters(), lr=1e-3))
print(torch.optim.AdamW(m.parameters()))
opt = torch.optim.Adam([{"params": [m.weight]}, {"params": [m.bias], "lr": 0.1}], lr=0.01)
print(opt)
with torch.no_grad():
    m.weight.fill_(0.5)
    m.bias.fill_(0.0)
for _ in range(2):
    opt.zero_grad()
    m(torch.ones(3, 2)).sum().backward()
    opt.step()
st = opt.state[m.weight]
print(sorted(st.keys()), st["step"], st["exp_avg"], st["exp_avg_sq"])
sd = opt.state_dict()
print(sd["state"][0]["step"], sd["param_groups"][1]["params"], sd["param_groups"][1]["lr"])
opt.add_param_group({"params": [nn.Parameter(torch.zeros(2))], "lr": 0.5})
print(len(opt.param_groups), opt.param_groups[2]["lr"], opt.param_groups[2]["betas"])
p = nn.Parameter(torch.tensor([1.0]))
o = torch.optim.SGD([p], lr=0.1, maximize=True)
p.grad = torch.tensor([2.0])
o.step()
print(p)

# %% deepcopy_best_model strict
import copy
import torch
import torch.nn as nn

m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
with torch.no_grad():
    m[0].weight.fill_(1.0)
    m[0].bias.fill_(0.5)
best = copy.deepcopy(m)
best_sd = copy.deepcopy(m.state_dict())
shallow = {k: v for k, v in m.state_dict().items()}
with torch.no_grad():
    m[0].weight.add_(1.0)
m.train()
m(torch.tensor([[1.0, 2.0], [3.0, 5.0]]))
print(best[0].weight, best_sd["0.weight"], shallow["0.weight"], best[1].running_mean, m[1].running_mean)
print(best[0].weight is m[0].weight, best[0].weight.requires_grad, type(best[0].weight).__name__, best[1].num_batches_tracked)
m.load_state_dict(best_sd)
print(m[0].weight, m[1].num_batches_tracked)
t = torch.tensor([1.0, 2.0], requires_grad=True)
u = copy.deepcopy(t)
print(u, u.requires_grad, u.is_leaf)
import pickle
v = pickle.loads(pickle.dumps(torch.arange(3)))
print(v, v.dtype)
try:
    copy.deepcopy(t * 2)
except RuntimeError:
    print("RuntimeError")

# %% grad_utils_and_clipping strict
import torch
import torch.nn as nn
from torch.nn.utils import clip_grad_norm_, clip_grad_value_, parameters_to_vector, vector_to_parameters

m = nn.Linear(3, 2)
with torch.no_grad():
    m.weight.copy_(torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]]))
    m.bias.copy_(torch.tensor([0.1, -0.2]))
m(torch.tensor([[1.0, 2.0, 3.0]])).pow(2).sum().backward()
print(m.weight.grad, m.bias.grad)
total = clip_grad_norm_(m.parameters(), max_norm=1.0)
print(total, round(total.item(), 4), m.bias.grad)
print(clip_grad_norm_(m.parameters(), max_norm=10.0, norm_type=float("inf")))
clip_grad_value_(m.parameters(), clip_value=0.1)
print(m.weight.grad)
vec = parameters_to_vector(m.parameters())
print(vec, vec.shape, vec.requires_grad)
vector_to_parameters(torch.arange(8.0), m.parameters())
print(m.weight, m.bias)
print(clip_grad_norm_([], 1.0), clip_grad_norm_(nn.Linear(1, 1).parameters(), 1.0))

# %% autograd_grad_api strict
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0], requires_grad=True)
out = (x ** 2).sum() * 2
g, = torch.autograd.grad(out, x, create_graph=True)
print(g, g.requires_grad, g.grad_fn is not None, x.grad)
g2, = torch.autograd.grad(g.sum(), x)
print(g2)
z = (x * 3).sum()
try:
    torch.autograd.grad(z, [x, y])
except RuntimeError:
    print("RuntimeError unused")
z = (x * 3).sum()
print(torch.autograd.grad(z, [x, y], allow_unused=True))
z = (x * 3).sum()
print(torch.autograd.grad(z, [x, y], allow_unused=True, materialize_grads=True))
h = x * 2
h.retain_grad()
k = h.sum() * y
k.backward(inputs=[h])
print(h.grad, x.grad, y.grad)
x.register_hook(lambda grad: grad * 10)
(x * x).sum().backward()
print(x.grad)
w = torch.ones(2, requires_grad=True)
r = w * 2
print(r.grad, r.is_leaf, r.requires_grad)
try:
    torch.autograd.grad(torch.ones(2).sum(), w)
except RuntimeError:
    print("RuntimeError no grad")

# %% custom_scheduler_subclass strict
import math
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LRScheduler, _LRScheduler, LambdaLR

class WarmupCosine(LRScheduler):
    def __init__(self, optimizer, warmup, total, last_epoch=-1):
        self.warmup, self.total = warmup, total
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        e = self.last_epoch
        if e < self.warmup:
            return [b * (e + 1) / self.warmup for b in self.base_lrs]
        t = (e - self.warmup) / max(1, self.total - self.warmup)
        return [b * 0.5 * (1 + math.cos(math.pi * t)) for b in self.base_lrs]

class Halving(_LRScheduler):
    def get_lr(self):
        return [g["lr"] * (0.5 if self.last_epoch > 0 else 1.0) for g in self.optimizer.param_groups]

p = nn.Parameter(torch.zeros(1))
opt = torch.optim.AdamW([p], lr=0.01)
s = WarmupCosine(opt, warmup=3, total=8)
vals = [round(s.get_last_lr()[0], 6)]
for _ in range(8):
    opt.step()
    s.step()
    vals.append(round(s.get_last_lr()[0], 6))
print(vals, s.last_epoch, s.base_lrs, isinstance(s, LRScheduler))
opt = torch.optim.SGD([p], lr=1.0)
h = Halving(opt)
for _ in range(3):
    opt.step()
    h.step()
print(h.get_last_lr(), opt.param_groups[0]["lr"], isinstance(h, LRScheduler))
opt = torch.optim.SGD([p], lr=0.1)
warm = LambdaLR(opt, lambda step: min(1.0, (step + 1) / 4))
print([round(g["lr"], 6) for g in opt.param_groups], warm.last_epoch)
for _ in range(5):
    opt.step()
    warm.step()
print(round(opt.param_groups[0]["lr"], 6), sorted(k for k in warm.state_dict().keys()))
opt = torch.optim.SGD([p], lr=0.1)
resumed = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5, last_epoch=-1)
opt.param_groups[0]["initial_lr"] = 0.1
try:
    torch.optim.lr_scheduler.StepLR(torch.optim.SGD([p], lr=0.1), step_size=2, last_epoch=3)
except KeyError:
    print("KeyError")
r = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5, last_epoch=3)
print(r.last_epoch, [round(v, 6) for v in r.get_last_lr()])

# %% python_interop_edges strict
import math
import torch
import numpy as np

t = torch.tensor(2.567)
print(round(t.item(), 2), math.sqrt(torch.tensor(16.0)), abs(torch.tensor(-3)), -torch.tensor([1, 2]), ~torch.tensor([True, False]))
print(torch.tensor(3) / 2, torch.tensor(3) // 2, torch.tensor([-7, 7]) // 2, 7 // torch.tensor(2), 2 ** torch.tensor([1, 3]), torch.tensor([2, 3]) ** 2)
print(torch.tensor([True, False, True]).sum(), torch.tensor([True, True]).sum().dtype, torch.tensor([1, 2, 3]).float().mean())
try:
    torch.tensor([True, False]).float().mean() and torch.tensor([True]).mean()
except RuntimeError:
    print("RuntimeError mean bool")
a = torch.tensor([1, 2])
try:
    a += 0.5
except RuntimeError:
    print("RuntimeError cast")
print(a, a + 0.5, a * 1.0, (a / 1).dtype, a.float() / 3)
try:
    f"{torch.tensor([1.5, 2.5]):.2f}"
except TypeError:
    print("TypeError format")
print(f"{torch.tensor([1.5]).item():.2f}", f"{torch.tensor(2):d}" if True else "", "%.3f" % torch.tensor(1.0), "%d" % torch.tensor(4))
print(np.mean([torch.tensor(1.0).item(), 2.0]), float(np.float32(torch.tensor(0.5))), torch.tensor(np.float64(1.5)).dtype, torch.tensor(np.int32(3)).dtype)
print(torch.tensor([torch.tensor(1.0), torch.tensor(2.0)]), torch.stack([torch.tensor(1), torch.tensor(2)]), torch.tensor(np.array([1, 2], dtype=np.int32)))
print(torch.as_tensor([1, 2]), torch.as_tensor(np.arange(3.0)).dtype, torch.from_numpy(np.ones(2, dtype=np.float32)).dtype, torch.tensor([1.0, 2]).dtype)
print(torch.tensor(0.1).item(), torch.tensor(0.1, dtype=torch.float64).item(), type(torch.tensor(1).item()).__name__, type(torch.tensor(True).item()).__name__)
print(torch.tensor([[1, 2]]).tolist(), torch.tensor(5).tolist(), torch.tensor([1.5]).tolist(), torch.tensor([True]).tolist())
print(sorted([torch.tensor(3), torch.tensor(1)]), max([torch.tensor(1.0), torch.tensor(4.0)]), torch.tensor(2) == 2, torch.tensor([1, 2]) == torch.tensor([1, 3]))
print(len(torch.zeros(4, 2)), list(torch.arange(3)), [int(v) for v in torch.arange(3)], dict(zip(["a", "b"], torch.tensor([1.0, 2.0]).tolist())))
try:
    len(torch.tensor(1))
except TypeError:
    print("TypeError len")
try:
    iter(torch.tensor(1.0))
except TypeError:
    print("TypeError iter")

# %% forward_hooks_feature_extraction strict
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[1.0, -1.0], [0.5, 0.5], [-1.0, 2.0]]))
    model[0].bias.zero_()
    model[2].weight.fill_(1.0)
    model[2].bias.fill_(0.0)
features = {}
def save(name):
    def hook(module, inp, out):
        features[name] = out.detach()
    return hook
handles = [model[i].register_forward_hook(save(f"layer{i}")) for i in range(3)]
out = model(torch.tensor([[1.0, 2.0]]))
print(sorted(features), features["layer1"], out)
for h in handles:
    h.remove()
features.clear()
model(torch.ones(1, 2))
print(features)
def pre(module, args):
    return (args[0] * 2,)
h = model[0].register_forward_pre_hook(pre)
print(model(torch.tensor([[1.0, 2.0]])))
h.remove()
def post(module, args, output):
    return output + 100
h = model.register_forward_hook(post)
print(model(torch.tensor([[1.0, 2.0]])))
h.remove()
def kw_hook(module, args, kwargs, output):
    print("kw", sorted(kwargs), len(args))
class K(nn.Module):
    def forward(self, x, scale=1.0):
        return x * scale
k = K()
k.register_forward_hook(kw_hook, with_kwargs=True)
print(k(torch.ones(1), scale=3.0))
with torch.no_grad():
    h = model[1].register_forward_hook(lambda m, i, o: print(type(i).__name__, len(i), o.shape))
    model(torch.ones(2, 2))
    h.remove()

# %% constants_and_function_spellings strict
import torch

x = torch.linspace(0, 2 * torch.pi, 5)
print(x, torch.sin(x).abs().max() <= 1, round(torch.e, 5), torch.inf, torch.tensor([torch.nan, 1.0]).isnan(), torch.tensor([1.0, 2.0])[:, torch.newaxis].shape)
a, b = torch.tensor([1, 3, 2]), torch.tensor([2, 2, 2])
print(torch.greater(a, b), torch.less_equal(a, b), torch.not_equal(a, b), torch.greater_equal(a, 2), torch.less(a, 2), torch.positive(-a), torch.fix(torch.tensor([-1.7, 1.7])))
y = torch.tensor([-1.0, 0.5, 2.0])
torch.relu_(y)
print(y, torch.sigmoid_(y.clone()), torch.clamp_(y, max=1.0), y, torch.exp_(torch.zeros(2)), torch.sqrt_(torch.tensor([4.0])), torch.zero_(torch.ones(2)))

# %% tensor_query_methods strict
import torch

x = torch.tensor([[1.0, 2.0], [3.0, 5.0]])
print(x.is_cpu, x.is_signed(), torch.tensor([1], dtype=torch.uint8).is_signed(), torch.tensor([True]).is_signed(), x.is_same_size(x.t()), x.is_same_size(torch.ones(3)), x.is_inference())
print(torch.tensor([0.0, 1.0, 0.0]).multinomial(3, replacement=True), torch.tensor([[0.0, 1.0], [1.0, 0.0]]).multinomial(1), torch.ones(3).bernoulli(), torch.zeros(2).bernoulli(1.0))
print(x.dist(x + 1), x.dist(torch.zeros(2), p=1), torch.dist(x, x * 0, p=float("inf")))
with torch.inference_mode():
    print(torch.is_inference_mode_enabled(), torch.is_grad_enabled())
print(torch.is_inference_mode_enabled())

# %% splits_cov_unravel strict
import torch

x = torch.arange(16.0).view(4, 4)
print(torch.hsplit(x, 2)[1], torch.vsplit(x, [1, 3])[1], x.hsplit(4)[0].shape, x.vsplit(2)[0].shape, torch.dsplit(x.view(2, 2, 4), 2)[0].shape, torch.hsplit(torch.arange(6), [2]))
try:
    torch.hsplit(x, 3)
except RuntimeError:
    print("RuntimeError")
data = torch.tensor([[1.0, 2.0, 4.0, 0.5], [2.0, 1.0, 0.5, 3.0]], requires_grad=True)
c = torch.cov(data)
print(c, torch.corrcoef(data), data.cov(correction=0), torch.cov(torch.tensor([1, 2, 4])), torch.cov(data, aweights=torch.tensor([1.0, 0.5, 0.5, 2.0])))
c.sum().backward()
print(data.grad)
scores = torch.tensor([[0.1, 0.9, 0.3], [0.7, 0.2, 0.95]])
r, col = torch.unravel_index(scores.argmax(), scores.shape)
print(r, col, torch.unravel_index(torch.tensor([0, 4, 5, -1]), (2, 3)))
print(torch.range(0, 4), torch.range(1, 2, 0.25), torch.scalar_tensor(3), torch.scalar_tensor(2, dtype=torch.int64), torch.asarray([1, 2]), torch.asarray([1.5]).dtype)

# %% testing_assert_close
import torch
from torch.testing import assert_close

def check(*args, **kw):
    try:
        assert_close(*args, **kw)
        print("ok")
    except AssertionError as e:
        print("AssertionError |", str(e).replace("\n", " | "))
    except (TypeError, ValueError) as e:
        print(type(e).__name__)

check(torch.tensor([1.0, 2.0]), torch.tensor([1.0 + 1e-6, 2.0]))
check(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.1]))
check(torch.tensor([[1.0, 5.0], [3.0, 4.0]]), torch.tensor([[1.0, 2.0], [3.0, 4.5]]))
check(torch.ones(2), torch.ones(3))
check(torch.ones(2), torch.ones(2, dtype=torch.float64))
check(torch.ones(2), torch.ones(2, dtype=torch.float64), check_dtype=False)
check(torch.tensor([1, 2]), torch.tensor([1, 3]))
check([torch.ones(1), 2], [torch.ones(1), 3])
check({"w": torch.ones(1)}, {"w": torch.zeros(1)})
check(1.0, 1.1)
check(torch.tensor([float("nan")]), torch.tensor([float("nan")]), equal_nan=True)
check(torch.tensor([1.0]), torch.tensor([1.05]), rtol=0.1, atol=0.0)
check(torch.ones(1), torch.ones(1), rtol=1e-3)
check(torch.tensor(1.0), 1.0)
check(torch.ones(2, 2), torch.ones(2, 2) * 1.5, msg="custom message")
m1, m2 = torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)
m2.load_state_dict(m1.state_dict())
check(m1.state_dict(), m2.state_dict())

# %% distributions_normal_categorical
import torch
from torch.distributions import Normal, Categorical, Bernoulli

n = Normal(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0]))
print(n.log_prob(torch.tensor([0.5, 0.5])), n.mean, n.stddev, n.entropy(), n.batch_shape, n.sample((3,)).shape)
c = Categorical(logits=torch.tensor([[1.0, 2.0, 0.5]]))
print(c.probs, c.log_prob(torch.tensor([1])), c.entropy(), c.sample().shape)
b = Bernoulli(probs=torch.tensor([0.3]))
print(b.log_prob(torch.tensor([1.0])), b.mean, b.variance)
mu = torch.tensor([0.5], requires_grad=True)
Normal(mu, 1.0).log_prob(torch.tensor([2.0])).sum().backward()
print(mu.grad)

# %% lazy_modules_and_swa
import torch
import torch.nn as nn
from torch.optim.swa_utils import AveragedModel, SWALR

m = nn.Sequential(nn.LazyLinear(3), nn.ReLU())
print(m)
m(torch.ones(2, 5))
print(m[0].weight.shape, m)
base = nn.Linear(2, 1)
swa = AveragedModel(base)
opt = torch.optim.SGD(base.parameters(), lr=0.1)
sched = SWALR(opt, swa_lr=0.05, anneal_epochs=2)
for _ in range(3):
    opt.step()
    sched.step()
    swa.update_parameters(base)
print(swa.n_averaged, [round(v, 5) for v in sched.get_last_lr()])

# %% grad_fn_next_functions
import torch
import torch.nn.functional as F

x = torch.ones(2, 3, requires_grad=True)
c = torch.ones(3)
for name, t in [("mean", x.mean()), ("sum_dim", x.sum(0)), ("pow", x.pow(2)), ("view", x.view(-1)), ("t", x.t()),
                ("index", x[0]), ("cat", torch.cat([x, c.view(1, 3)])), ("clamp", x.clamp(0, 1)),
                ("softmax", x.softmax(1)), ("mse", F.mse_loss(x, c.expand(2, 3))), ("where", torch.where(x > 0, x, c)),
                ("sub_t", x - c), ("mul_s", x * 2)]:
    print(name, t.grad_fn.name(), [(None if f is None else type(f).__name__, i) for f, i in t.grad_fn.next_functions])

# %% grad_fn_chain_blitz
import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 3)
        self.fc2 = nn.Linear(3, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))

net = Net()
loss = nn.MSELoss()(net(torch.ones(1, 4)), torch.zeros(1, 2))
print(loss.grad_fn.name())
print(loss.grad_fn.next_functions[0][0].name())
print([(None if f is None else type(f).__name__) for f, _ in loss.grad_fn.next_functions[0][0].next_functions])
print(type(loss.grad_fn.next_functions[0][0].next_functions[0][0]).__name__)

# %% common_dtype_mistakes strict
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

def attempt(fn):
    try:
        r = fn()
        print("ok", r.dtype)
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0][:80])

X = torch.from_numpy(np.ones((4, 3)))
attempt(lambda: nn.Linear(3, 1)(X))
attempt(lambda: nn.Linear(3, 1)(X.float()))
attempt(lambda: X @ torch.ones(3, 2))
attempt(lambda: torch.ones(2, 3) @ torch.ones(3, dtype=torch.float64))
attempt(lambda: torch.ones(2, dtype=torch.int64) @ torch.ones(2))
attempt(lambda: torch.bmm(torch.ones(1, 2, 2), torch.ones(1, 2, 2).double()))
attempt(lambda: torch.ones(2, 2).long() @ torch.ones(2, 2).int())
attempt(lambda: torch.mm(torch.ones(2, 2).half(), torch.ones(2, 2)))
attempt(lambda: F.binary_cross_entropy(torch.sigmoid(torch.zeros(3)), torch.tensor([1, 0, 1])))
attempt(lambda: F.binary_cross_entropy(torch.sigmoid(torch.zeros(3)), torch.tensor([1, 0, 1]).float()))
attempt(lambda: F.binary_cross_entropy(torch.sigmoid(torch.zeros(3)), torch.tensor([1.0, 0.0, 1.0], dtype=torch.float64)))
attempt(lambda: nn.BCEWithLogitsLoss()(torch.zeros(3), torch.tensor([1, 0, 1])))
attempt(lambda: nn.BCEWithLogitsLoss()(torch.zeros(3), torch.tensor([True, False, True])))
attempt(lambda: nn.BCEWithLogitsLoss()(torch.zeros(3), torch.tensor([1.0, 0.0, 1.0], dtype=torch.float64)))
attempt(lambda: nn.MSELoss()(torch.zeros(3), torch.tensor([1, 0, 1])))
attempt(lambda: nn.CrossEntropyLoss()(torch.zeros(2, 3), torch.tensor([1.0, 0.0])))

# %% optimizers_with_closure_options rtol=1e-4 atol=1e-6
import torch
def run(make, steps=5):
    w = torch.nn.Parameter(torch.tensor([1.0, -2.0, 0.5]))
    opt = make([w])
    for i in range(steps):
        def closure():
            opt.zero_grad()
            loss = (w ** 2 * torch.tensor([1.0, 3.0, 0.5])).sum() + w.prod()
            loss.backward()
            return loss
        opt.step(closure)
    return [round(v, 5) for v in w.tolist()]
import torch.optim as O
for name, mk in [("adam_amsgrad", lambda p: O.Adam(p, lr=0.1, amsgrad=True, weight_decay=0.1)), ("adamw", lambda p: O.AdamW(p, lr=0.1, weight_decay=0.5)),
                 ("rmsprop_c", lambda p: O.RMSprop(p, lr=0.01, centered=True, momentum=0.5, weight_decay=0.1)), ("adagrad", lambda p: O.Adagrad(p, lr=0.1, lr_decay=0.1, initial_accumulator_value=0.1)),
                 ("sgd_damp", lambda p: O.SGD(p, lr=0.1, momentum=0.9, dampening=0.5)), ("nadam", lambda p: O.NAdam(p, lr=0.1, momentum_decay=0.004, decoupled_weight_decay=True, weight_decay=0.1)),
                 ("radam", lambda p: O.RAdam(p, lr=0.1, decoupled_weight_decay=True, weight_decay=0.1)), ("adamax", lambda p: O.Adamax(p, lr=0.1)), ("adadelta", lambda p: O.Adadelta(p, lr=1.0, rho=0.5)),
                 ("rprop", lambda p: O.Rprop(p, lr=0.1)), ("asgd", lambda p: O.ASGD(p, lr=0.1, t0=2)), ("lbfgs", lambda p: O.LBFGS(p, lr=0.5, max_iter=5)), ("lbfgs_sw", lambda p: O.LBFGS(p, lr=1, line_search_fn="strong_wolfe")),
                 ("adam_max", lambda p: O.Adam(p, lr=0.1, maximize=True)), ("sgd_nest", lambda p: O.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01))]:
    print(name, run(mk))

# %% layer_options_numeric rtol=1e-4 atol=1e-5
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
rng = np.random.default_rng(0)
def det(m):
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(p.shape)).astype(np.float32)))
    return m
def X(*s):
    return torch.from_numpy(rng.standard_normal(s).astype(np.float32))
x = X(2, 3, 7, 7)
for m in [nn.Conv2d(3, 4, 3, padding="same", dilation=2), nn.Conv2d(3, 6, 3, groups=3, stride=2, padding=(1, 2)), nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1),
          nn.Conv2d(3, 2, 2, padding=1, padding_mode="circular"), nn.Conv2d(3, 2, 3, padding=2, padding_mode="replicate")]:
    y = det(m)(x)
    print(type(m).__name__, tuple(y.shape), round(y.sum().item(), 4), round(y.abs().mean().item(), 4))
p, idx = nn.MaxPool2d(3, stride=2, ceil_mode=True, return_indices=True)(x)
print(p.shape, idx[0, 0], nn.MaxUnpool2d(3, stride=2)(p, idx, output_size=x.shape[-2:]).shape)
print(nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False)(x)[0, 0], nn.AvgPool2d(2, ceil_mode=True)(x).shape, nn.AdaptiveMaxPool2d((2, 3))(x)[0, 0])
print(F.interpolate(x[:, :, :3, :3], scale_factor=2, mode="bilinear", align_corners=True)[0, 0, 0], F.interpolate(x[:, :, :3, :3], size=(5, 4), mode="bicubic", align_corners=False)[0, 0, 0])
print(nn.LPPool2d(2, 2)(x.abs())[0, 0, 0])
emb = nn.Embedding(5, 3, max_norm=1.0)
det(emb)
print(emb(torch.tensor([0, 1, 1])).norm(dim=1), emb.weight.norm(dim=1))
lstm = det(nn.LSTM(3, 4, proj_size=2, batch_first=True, num_layers=2))
o, (h, c) = lstm(X(2, 5, 3))
print(o.shape, h.shape, c.shape, o[0, -1], [n for n, _ in lstm.named_parameters()][:6])
gru = det(nn.GRU(3, 4, bidirectional=True))
o, h = gru(X(5, 2, 3), X(2, 2, 4))
print(o.shape, h.shape, o[-1, 0])
enc = det(nn.TransformerEncoderLayer(d_model=4, nhead=2, dim_feedforward=8, dropout=0.0, batch_first=True, norm_first=True, activation="gelu"))
print(enc(X(2, 3, 4))[0])
dec = det(nn.TransformerDecoderLayer(d_model=4, nhead=2, dim_feedforward=8, dropout=0.0))
print(dec(X(3, 2, 4), X(5, 2, 4), tgt_mask=nn.Transformer.generate_square_subsequent_mask(3))[0])
print(nn.Transformer.generate_square_subsequent_mask(3))

# %% dataloader_workers_iterable strict
import torch
from torch.utils.data import DataLoader, TensorDataset, Dataset, IterableDataset, get_worker_info
ds = TensorDataset(torch.arange(10.0))
dl = DataLoader(ds, batch_size=4, num_workers=2, pin_memory=True, persistent_workers=True, prefetch_factor=2)
print([b[0].tolist() for b in dl], len(dl))
print(get_worker_info())
dl = DataLoader(ds, batch_size=3, num_workers=0, worker_init_fn=lambda i: None, timeout=0)
print([b[0].shape for b in dl])
class Stream(IterableDataset):
    def __iter__(self):
        return iter(range(7))
print(list(DataLoader(Stream(), batch_size=3)), list(DataLoader(Stream(), batch_size=3, drop_last=True)))
try:
    len(DataLoader(Stream(), batch_size=3))
except TypeError:
    print("TypeError")
try:
    DataLoader(Stream(), shuffle=True)
except ValueError:
    print("ValueError")
class NoLen(Dataset):
    def __getitem__(self, i):
        return i
try:
    DataLoader(NoLen(), batch_size=2)
    print(len(DataLoader(NoLen(), batch_size=2)))
except TypeError:
    print("TypeError")
dl = DataLoader(ds, batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0))
print(sorted(sum([b[0].tolist() for b in dl], [])))
print(DataLoader(ds).batch_size, len(DataLoader(ds)), DataLoader(ds, batch_size=None).batch_size)

# %% custom_dataset_idioms strict
import torch
from torch.utils.data import Dataset, DataLoader, random_split, Subset
class MyData(Dataset):
    def __init__(self, n):
        self.x = torch.arange(n, dtype=torch.float32).unsqueeze(1)
        self.y = (self.x.squeeze(1) > n / 2).long()
    def __len__(self):
        return len(self.x)
    def __getitem__(self, idx):
        if torch.is_tensor(idx):
            idx = idx.tolist()
        return self.x[idx], self.y[idx]
d = MyData(10)
print(d[torch.tensor(3)], d[2:4])
xb, yb = next(iter(DataLoader(d, batch_size=4)))
print(xb.shape, yb, yb.dtype)
tr, va = random_split(d, [0.8, 0.2], generator=torch.Generator().manual_seed(1))
print(len(tr), len(va), type(tr.dataset).__name__, len(tr.indices))
s = Subset(d, range(3))
print(len(s), s[2], [y.item() for _, y in DataLoader(s, batch_size=1)])
print((d + d).__class__.__name__, len(d + d))

# %% print_options_profiles strict
import torch
torch.set_printoptions(threshold=10, edgeitems=2)
print(torch.arange(20), torch.arange(30.0).view(5, 6))
torch.set_printoptions(linewidth=40)
print(torch.arange(8) * 1000.5)
torch.set_printoptions(profile="full")
print(torch.arange(1200).view(2, 600)[:, :5])
torch.set_printoptions(profile="short")
print(torch.arange(100.0) / 3)
torch.set_printoptions(profile="default")
torch.set_printoptions(sci_mode=True)
print(torch.tensor([1.0, 2.5]), torch.tensor([1, 2]))
torch.set_printoptions(profile="default")
torch.set_printoptions(precision=8)
print(torch.tensor([1 / 3, 2.0], dtype=torch.float64), torch.tensor([1 / 3]))
torch.set_printoptions(profile="default")
print(torch.tensor([1.26, 3.14]))
print(torch.tensor([1e10, 2e10]), torch.tensor([-1e10, 1.0]), torch.tensor([1e-10, -1e-10]), torch.tensor([10000.0, -0.5]))
print(torch.tensor([[1e-5, -3.0], [2.0, 50000.0]], dtype=torch.float64))
print(torch.tensor([1.0, 2.0, 3.0]).view(3, 1, 1), torch.zeros(1, 0, 2))

# %% save_whole_model_checkpoint strict
import os, tempfile
import torch
import torch.nn as nn
m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
with torch.no_grad():
    m[0].weight.fill_(0.5)
    m[0].bias.fill_(-0.25)
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "m.pth")
    torch.save(m, p)
    m2 = torch.load(p, weights_only=False)
    print(m2, m2[0].weight, type(m2).__name__)
    try:
        torch.load(p)
    except Exception as e:
        print(type(e).__name__)
    ckpt = {"epoch": 3, "model_state_dict": m.state_dict(), "optimizer_state_dict": torch.optim.Adam(m.parameters()).state_dict(), "loss": 0.25}
    torch.save(ckpt, p)
    c = torch.load(p)
    print(c["epoch"], c["loss"], list(c["model_state_dict"].keys()), c["optimizer_state_dict"]["param_groups"][0]["lr"])
    opt = torch.optim.Adam(m.parameters())
    opt.load_state_dict(c["optimizer_state_dict"])
    print(opt.param_groups[0]["params"], opt.state_dict()["param_groups"][0]["params"])

# %% load_state_dict_messages strict
import torch
import torch.nn as nn
m = nn.Linear(2, 2)
sd = m.state_dict()
print(sd.keys(), type(sd).__name__, sd._metadata if hasattr(sd, "_metadata") else None)
r = m.load_state_dict({"weight": torch.zeros(2, 2)}, strict=False)
print(r, r.missing_keys)
try:
    m.load_state_dict({"weight": torch.zeros(2, 2)})
except RuntimeError as e:
    print(str(e))
try:
    m.load_state_dict({"weight": torch.zeros(2, 2), "bias": torch.zeros(2), "extra": torch.ones(1)})
except RuntimeError as e:
    print(str(e))
try:
    m.load_state_dict({"weight": torch.zeros(3, 2), "bias": torch.zeros(2)})
except RuntimeError as e:
    print(str(e))
r = m.load_state_dict({"weight": torch.ones(2, 2), "bias": torch.ones(2)})
print(r, m.weight)
m.load_state_dict({"weight": torch.ones(2, 2, dtype=torch.float64) * 2, "bias": torch.ones(2)})
print(m.weight, m.weight.dtype)
m.load_state_dict({"weight": torch.ones(2, 2) * 3, "bias": torch.ones(2)}, assign=True)
print(m.weight, type(m.weight).__name__, m.weight.requires_grad)

# %% module_dtype_conversions strict
import torch
import torch.nn as nn
m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
m.double()
print(m[1].running_mean.dtype, m[1].num_batches_tracked.dtype, m[0].weight.dtype)
m.half()
print(m[1].running_mean.dtype, m[1].num_batches_tracked.dtype)
m.to(torch.float32)
print(m[1].running_mean.dtype, m[0].bias.dtype)
print(m.type(torch.float64)[0].weight.dtype if hasattr(m, "type") else None)
m.float()
x = torch.ones(3, 2, dtype=torch.float64)
try:
    m(x)
except RuntimeError:
    print("RuntimeError")
print(m(x.float()).dtype, next(m.parameters()).dtype, next(m.buffers()).dtype)

# %% legacy_tensor_methods strict
import torch

x = torch.tensor([1.5, 2.5])
print(x.new(2, 3).shape, x.new(2, 3).dtype, x.new([1, 2]), x.new().shape, x.new(torch.Size([2])).shape, torch.tensor([1]).new([3.7]), x.new((1, 2)))
y = torch.arange(6.0)
y.resize_(2, 3)
print(y)
y.resize_(2, 2)
print(y, y.shape)
z = torch.arange(4)
z.resize_as_(torch.ones(2, 2))
print(z, torch.typename(x), torch.typename(torch.tensor([1])))
try:
    torch.ones(2, requires_grad=True).resize_(1)
except RuntimeError:
    print("RuntimeError")
# %% seeding_boilerplate strict
import random
import numpy as np
import torch

def set_seed(seed=42):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
    torch.use_deterministic_algorithms(True)

set_seed()
print(torch.are_deterministic_algorithms_enabled() if hasattr(torch, "are_deterministic_algorithms_enabled") else True)
torch.use_deterministic_algorithms(False)
torch.set_num_threads(2)
print(torch.get_num_threads() >= 1, torch.get_num_interop_threads() >= 1 if hasattr(torch, "get_num_interop_threads") else True)
torch.cuda.empty_cache()
print(torch.cuda.is_available(), torch.backends.cudnn.enabled in (True, False), torch.backends.mps.is_available(), torch.backends.mps.is_built() in (True, False))
torch.set_default_dtype(torch.float64)
print(torch.get_default_dtype(), torch.tensor([1.0]).dtype, torch.zeros(1).dtype, torch.arange(2.0).dtype)
torch.set_default_dtype(torch.float32)
print(torch.get_default_device() if hasattr(torch, "get_default_device") else "cpu")
torch.set_float32_matmul_precision("high")
print(torch.get_float32_matmul_precision())
print(torch.initial_seed(), torch.seed() > 0 if False else True)
g = torch.Generator()
g.manual_seed(3)
print(g.initial_seed(), type(torch.get_rng_state()).__name__)
print(torch.__version__ is not None, isinstance(torch.__version__, str))
# %% unfold_fold_im2col strict
import torch
import torch.nn.functional as F
x = torch.arange(32.0).view(1, 2, 4, 4)
cols = F.unfold(x, kernel_size=2, stride=2)
print(cols.shape, cols[0, :, 0], F.fold(cols, output_size=(4, 4), kernel_size=2, stride=2).equal(x))
print(F.unfold(x, kernel_size=(2, 3), padding=1, dilation=1).shape, F.fold(F.unfold(x, 3, padding=1), (4, 4), 3, padding=1)[0, 0, 0])
print(torch.arange(10).unfold(0, 3, 2), torch.arange(12.0).view(3, 4).unfold(1, 2, 1).shape)
w = torch.ones(3, 2 * 2 * 2)
out = (w @ cols).view(1, 3, 2, 2)
print(out)
print(torch.nn.Unfold(kernel_size=2)(x).shape, torch.nn.Fold(output_size=(3, 3), kernel_size=2)(torch.ones(1, 4, 4)))
xs = torch.arange(6.0, requires_grad=True)
xs.unfold(0, 2, 1).sum().backward()
print(xs.grad)
# %% tensor_from_numpy_items strict
import numpy as np
import torch
print(torch.tensor([np.float32(1), np.float32(2)]).dtype, torch.tensor([np.float64(1)]).dtype, torch.tensor([np.int32(1)]).dtype, torch.tensor(np.array(1)).shape, torch.tensor(np.array(1.5, dtype=np.float32)).dtype)
print(torch.tensor([np.array([1.0, 2.0]), np.array([3.0, 4.0])]), torch.Tensor(np.array([1, 2])), torch.FloatTensor(np.array([1.5])), torch.LongTensor(np.array([1.7])))
a = np.arange(3)
a.flags.writeable = False
print(torch.from_numpy(a), torch.as_tensor(a).dtype)
print(torch.tensor([[1, 2], [3, 4]], dtype=torch.float32).sum(1))
print(np.float64(2.0) * torch.tensor([1.0]))
print(np.asarray(torch.ones(2)), np.array(torch.tensor([1, 2])).dtype, torch.ones(2).numpy().flags.writeable)
print(torch.tensor([[1.0, 2.0]]).numpy().tolist(), float(np.float32(torch.tensor(1.5))), torch.tensor(np.float32(2.5)).item())
try:
    torch.tensor([1, 2], dtype=torch.int64, requires_grad=True)
except RuntimeError:
    print("RuntimeError")
print(torch.tensor(range(4)), torch.tensor((1, 2.5)), torch.tensor([[True], [False]]).dtype, torch.tensor([]).dtype, torch.tensor([1, 2.0, True]))
print(torch.zeros((2, 3)).shape, torch.zeros([2, 3]).shape, torch.zeros(torch.Size([2])).shape, torch.ones(2, 3, dtype=torch.bool), torch.full((2,), True), torch.full((2,), 7).dtype, torch.full((1,), 1.5).dtype)
print(torch.arange(0, 1, 0.25), torch.arange(5, dtype=torch.float32), torch.arange(1, 4).dtype, torch.arange(0.0, 3).dtype, torch.linspace(0, 1, steps=3), torch.logspace(0, 2, 3), torch.eye(2, 3), torch.empty(0).shape)
# %% object_reprs_types strict
import torch
import torch.nn as nn
m = nn.Linear(2, 1)
print(m.parameters())
print(m.named_parameters())
print(m.children(), m.modules())
print(m.state_dict)
print(m.forward)
print(type(m.state_dict()), m.weight.grad, m.training)
print(torch.optim.SGD(m.parameters(), lr=0.1).step)
print(torch.Tensor, torch.float32, type(torch.float32), type(torch.ones(1)), type(torch.ones(1)).__module__ if False else "")
print(torch.Size, torch.Size([2]), type(torch.ones(2).shape), torch.device("cpu"), repr(torch.device("cpu")))
print(m.weight.grad_fn, m.weight.is_leaf, type(m.weight.data))
class My(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [nn.Linear(1, 1)]
        self.w = torch.ones(1)
print(My(), len(list(My().parameters())), My().__class__.__name__)
# %% scheduler_step_with_epoch strict
import torch
import torch.nn as nn
from torch.optim import lr_scheduler as L
def run(make, epochs):
    p = nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)
    s = make(opt)
    out = []
    for e in epochs:
        opt.step()
        s.step(e)
        out.append(round(opt.param_groups[0]["lr"], 6))
    return out, s.last_epoch, [round(v, 6) for v in s.get_last_lr()]
print(run(lambda o: L.StepLR(o, 2, 0.5), [1, 2, 3, 7, 4]))
print(run(lambda o: L.MultiStepLR(o, [2, 4], 0.1), [1, 5, 3]))
print(run(lambda o: L.CosineAnnealingLR(o, 10), [1, 5, 10, 2]))
print(run(lambda o: L.ExponentialLR(o, 0.9), [3, 1]))
print(run(lambda o: L.LambdaLR(o, lambda e: 1 / (e + 1)), [4, 2]))
print(run(lambda o: L.CosineAnnealingWarmRestarts(o, T_0=3), [0.5, 1.5, 3.2, 7]))
p = nn.Parameter(torch.zeros(1))
opt = torch.optim.SGD([p], lr=0.1)
pl = L.ReduceLROnPlateau(opt, patience=0)
print(pl.get_last_lr() if hasattr(pl, "get_last_lr") else None)
pl.step(1.0, 5)
pl.step(2.0)
print(pl.last_epoch, opt.param_groups[0]["lr"])
s = L.StepLR(torch.optim.SGD([p], lr=0.1), 2)
print(s.get_last_lr(), s.last_epoch, s.get_lr() if False else "")
