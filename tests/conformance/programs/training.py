# Training loops (optimizers, schedulers, data loading) in the style of the "Optimizing Model Parameters"
# and "Training a classifier" tutorials. Weights come from NumPy so both runs start from the same point.

# %% sgd_momentum_regression rtol=1e-3 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(0)
X = torch.from_numpy(rng.standard_normal((64, 5)).astype(np.float32))
true_w = torch.from_numpy(rng.standard_normal((5, 1)).astype(np.float32))
Y = X @ true_w + 0.1 * torch.from_numpy(rng.standard_normal((64, 1)).astype(np.float32))
model = nn.Sequential(nn.Linear(5, 16), nn.Tanh(), nn.Linear(16, 1))
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.3, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-4)
loss_fn = nn.MSELoss()
for epoch in range(30):
    opt.zero_grad()
    loss = loss_fn(model(X), Y)
    loss.backward()
    opt.step()
    if epoch % 10 == 0:
        print(f"epoch {epoch} loss {loss.item():.5f}")
print(loss.item(), model[0].weight[0], model[2].bias)

# %% adam_classifier rtol=1e-3 atol=1e-5
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(1)
X = torch.from_numpy(rng.standard_normal((120, 2)).astype(np.float32))
y = torch.from_numpy((X[:, 0].numpy() * X[:, 1].numpy() > 0).astype(np.int64))

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 16)
        self.fc2 = nn.Linear(16, 2)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))

model = Net()
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
criterion = nn.CrossEntropyLoss()
for step in range(50):
    optimizer.zero_grad()
    out = model(X)
    loss = criterion(out, y)
    loss.backward()
    optimizer.step()
model.eval()
with torch.no_grad():
    acc = (model(X).argmax(1) == y).float().mean().item()
print(f"final loss {loss.item():.4f} acc {acc:.3f}")
print(model.fc2.weight, optimizer.state_dict()["param_groups"])
st = optimizer.state_dict()["state"]
print(sorted(st.keys()), sorted(st[0].keys()), st[0]["step"], st[3]["exp_avg"])

# %% optimizers_compare rtol=1e-3 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(2)
X = torch.from_numpy(rng.standard_normal((32, 4)).astype(np.float32))
Y = torch.from_numpy(rng.standard_normal((32, 2)).astype(np.float32))
init = {k: torch.from_numpy(rng.uniform(-0.4, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in nn.Linear(4, 2).state_dict().items()}
configs = [
    ("SGD", lambda p: torch.optim.SGD(p, lr=0.1)),
    ("SGD-mom-damp", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.5, dampening=0.1)),
    ("Adam-amsgrad", lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.8, 0.99), amsgrad=True, weight_decay=0.01)),
    ("AdamW", lambda p: torch.optim.AdamW(p, lr=0.05, weight_decay=0.1)),
    ("RMSprop", lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, momentum=0.1, centered=True)),
    ("Adagrad", lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01)),
    ("Adam-maximize", lambda p: torch.optim.Adam(p, lr=0.01, maximize=True)),
]
for name, make in configs:
    lin = nn.Linear(4, 2)
    lin.load_state_dict(init)
    opt = make(lin.parameters())
    for _ in range(15):
        opt.zero_grad()
        loss = ((lin(X) - Y) ** 2).mean()
        loss.backward()
        opt.step()
    print(name, round(loss.item(), 5), lin.weight.detach().numpy().round(4).tolist(), lin.bias.detach())

# %% param_groups_and_clipping rtol=1e-3 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(3)
model = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 1))
model.load_state_dict({k: torch.from_numpy(rng.uniform(-1, 1, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
opt = torch.optim.SGD([{"params": model[0].parameters()}, {"params": model[2].parameters(), "lr": 0.01}], lr=0.1, momentum=0.9)
print([g["lr"] for g in opt.param_groups], [len(g["params"]) for g in opt.param_groups], opt.defaults["momentum"])
X = torch.from_numpy(rng.standard_normal((16, 3)).astype(np.float32)) * 5
Y = torch.from_numpy(rng.standard_normal((16, 1)).astype(np.float32))
for i in range(10):
    opt.zero_grad(set_to_none=True)
    loss = nn.functional.mse_loss(model(X), Y)
    loss.backward()
    total = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    if i < 3:
        print(i, total, loss.item())
    opt.step()
nn.utils.clip_grad_value_(model.parameters(), 0.01)
print(model[2].weight.grad.abs().max(), model[0].bias)
for g in opt.param_groups:
    g["lr"] *= 0.5
print(opt.param_groups[1]["lr"], opt)

# %% schedulers strict
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR, ExponentialLR, CosineAnnealingLR, MultiStepLR, LambdaLR, OneCycleLR, LinearLR

def lrs(make_sched, steps=8, **opt_kw):
    p = nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.1, **opt_kw)
    sched = make_sched(opt)
    out = []
    for _ in range(steps):
        opt.step()
        sched.step()
        out.append(round(sched.get_last_lr()[0], 6))
    return out

print(lrs(lambda o: StepLR(o, step_size=3, gamma=0.5)))
print(lrs(lambda o: ExponentialLR(o, gamma=0.9)))
print(lrs(lambda o: CosineAnnealingLR(o, T_max=6, eta_min=0.01)))
print(lrs(lambda o: MultiStepLR(o, milestones=[2, 5], gamma=0.1)))
print(lrs(lambda o: LambdaLR(o, lr_lambda=lambda e: 1 / (e + 1))))
print(lrs(lambda o: OneCycleLR(o, max_lr=1.0, total_steps=10), momentum=0.9))
print(lrs(lambda o: LinearLR(o, start_factor=0.25, total_iters=4)))
p = nn.Parameter(torch.zeros(1))
opt = torch.optim.SGD([p], lr=1.0)
plateau = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=1)
for val in [1.0, 0.9, 0.95, 0.96, 0.97, 0.5, 0.6, 0.7, 0.8]:
    plateau.step(val)
    print(opt.param_groups[0]["lr"], end=" ")
print()

# %% dataloader_tensordataset strict
import torch
from torch.utils.data import DataLoader, TensorDataset, Dataset
import numpy as np

X = torch.arange(20, dtype=torch.float32).view(10, 2)
y = torch.arange(10)
ds = TensorDataset(X, y)
print(len(ds), ds[3], ds[-1][1])
loader = DataLoader(ds, batch_size=4)
print(len(loader))
for xb, yb in loader:
    print(xb.shape, yb)
print(len(DataLoader(ds, batch_size=4, drop_last=True)), [b[1].tolist() for b in DataLoader(ds, batch_size=3, drop_last=True)])

class Squares(Dataset):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return {"x": torch.tensor([float(i)]), "y": i * i, "name": f"item{i}"}

for batch in DataLoader(Squares(5), batch_size=2):
    print(batch)
batch = next(iter(DataLoader(list(zip(np.arange(3, dtype=np.float32), [1, 2, 3])), batch_size=3)))
print(batch)
def collate(items):
    return torch.stack([a for a, _ in items]).sum(0), len(items)
print(list(DataLoader(ds, batch_size=5, collate_fn=collate)))

# %% full_training_loop_dataloader rtol=1e-3 atol=1e-5
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
import numpy as np

rng = np.random.default_rng(4)
Xtr = torch.from_numpy(rng.standard_normal((100, 8)).astype(np.float32))
ytr = torch.from_numpy((Xtr.numpy()[:, :3].sum(1) > 0).astype(np.int64))
train_loader = DataLoader(TensorDataset(Xtr, ytr), batch_size=16, shuffle=False)
model = nn.Sequential(nn.Linear(8, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.0), nn.Linear(32, 2))
model.load_state_dict({k: (torch.from_numpy(rng.uniform(-0.3, 0.3, tuple(v.shape)).astype(np.float32)) if v.is_floating_point() and k.endswith(("weight", "bias")) else v)
                       for k, v in model.state_dict().items()})
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=1e-1, momentum=0.9)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)

def train_loop(dataloader, model, loss_fn, optimizer):
    size = len(dataloader.dataset)
    model.train()
    for batch, (X, y) in enumerate(dataloader):
        pred = model(X)
        loss = loss_fn(pred, y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if batch % 3 == 0:
            loss, current = loss.item(), batch * dataloader.batch_size + len(X)
            print(f"loss: {loss:>7f}  [{current:>5d}/{size:>5d}]")

def test_loop(dataloader, model, loss_fn):
    model.eval()
    size = len(dataloader.dataset)
    num_batches = len(dataloader)
    test_loss, correct = 0, 0
    with torch.no_grad():
        for X, y in dataloader:
            pred = model(X)
            test_loss += loss_fn(pred, y).item()
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()
    test_loss /= num_batches
    correct /= size
    print(f"Test Error: \n Accuracy: {(100*correct):>0.1f}%, Avg loss: {test_loss:>8f} \n")

for t in range(4):
    print(f"Epoch {t+1}\n-------------------------------")
    train_loop(train_loader, model, loss_fn, optimizer)
    test_loop(train_loader, model, loss_fn)
    scheduler.step()
print(model[1].running_mean[:4], scheduler.get_last_lr())

# %% lstm_training_steps rtol=1e-3 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(5)
seq = torch.from_numpy(np.sin(np.linspace(0, 8, 41)).astype(np.float32))
X = seq[:-1].view(1, -1, 1)
Y = seq[1:].view(1, -1, 1)

class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(1, 8, batch_first=True)
        self.head = nn.Linear(8, 1)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.head(out)

m = Model()
m.load_state_dict({k: torch.from_numpy(rng.uniform(-0.3, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
opt = torch.optim.Adam(m.parameters(), lr=0.02)
for i in range(15):
    opt.zero_grad()
    loss = nn.functional.mse_loss(m(X), Y)
    loss.backward()
    opt.step()
print(loss.item(), m.head.weight)

# %% cnn_training_steps rtol=1e-3 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(6)
imgs = torch.from_numpy(rng.standard_normal((8, 1, 12, 12)).astype(np.float32))
labels = torch.from_numpy(rng.integers(0, 3, 8))
net = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Conv2d(4, 8, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 3))
net.load_state_dict({k: (torch.from_numpy(rng.uniform(-0.4, 0.4, tuple(v.shape)).astype(np.float32)) if k.endswith(("weight", "bias")) else v)
                     for k, v in net.state_dict().items()})
opt = torch.optim.AdamW(net.parameters(), lr=0.01)
for i in range(8):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(net(imgs), labels)
    loss.backward()
    opt.step()
    print(i, round(loss.item(), 4))
net.eval()
print(net(imgs).argmax(1), net[1].running_var)

# %% optimizer_state_roundtrip rtol=1e-4
import io
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(7)
X = torch.from_numpy(rng.standard_normal((10, 3)).astype(np.float32))
init = {k: torch.from_numpy(rng.uniform(-0.4, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in nn.Linear(3, 1).state_dict().items()}

def step(model, opt):
    opt.zero_grad()
    loss = model(X).pow(2).mean()
    loss.backward()
    opt.step()
    return loss.item()

m1 = nn.Linear(3, 1); m1.load_state_dict(init)
o1 = torch.optim.Adam(m1.parameters(), lr=0.1)
for _ in range(3):
    step(m1, o1)
buf = io.BytesIO()
torch.save({"model": m1.state_dict(), "optim": o1.state_dict()}, buf)
buf.seek(0)
ck = torch.load(buf)
m2 = nn.Linear(3, 1); m2.load_state_dict(ck["model"])
o2 = torch.optim.Adam(m2.parameters(), lr=0.5)
o2.load_state_dict(ck["optim"])
print(o2.param_groups[0]["lr"], o2.state_dict()["state"][0]["step"])
print(step(m1, o1), step(m2, o2), torch.allclose(m1.weight, m2.weight))

# %% manual_sgd_no_optimizer
import torch
import numpy as np

rng = np.random.default_rng(8)
x = torch.linspace(-np.pi, np.pi, 200)
y = torch.sin(x)
a, b, c, d = (torch.tensor(v, requires_grad=True) for v in rng.uniform(-0.5, 0.5, 4).astype(np.float32))
learning_rate = 1e-6
for t in range(200):
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum()
    if t % 50 == 49:
        print(t, loss.item())
    loss.backward()
    with torch.no_grad():
        for p in (a, b, c, d):
            p -= learning_rate * p.grad
            p.grad = None
print(f"Result: y = {a.item():.4f} + {b.item():.4f} x + {c.item():.4f} x^2 + {d.item():.4f} x^3")
