# Small training scripts written the way tutorials write them: dict datasets, train/eval loops,
# checkpoint-and-resume, regression/classification/autoencoder/CNN, init loops, schedulers, seeding.

# %% tut_dict_dataset_loop rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np
from torch.utils.data import Dataset, DataLoader


class PointsDataset(Dataset):
    def __init__(self, n):
        rng = np.random.default_rng(0)
        self.x = rng.standard_normal((n, 3)).astype(np.float32)
        self.y = (self.x.sum(1) > 0).astype(np.int64)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, idx):
        return {"features": torch.from_numpy(self.x[idx]), "label": torch.tensor(self.y[idx])}


ds = PointsDataset(24)
print(len(ds), ds[0]["features"].shape, ds[0]["label"].dtype)
loader = DataLoader(ds, batch_size=8, shuffle=False)
model = nn.Sequential(nn.Linear(3, 6), nn.Tanh(), nn.Linear(6, 2))
rng = np.random.default_rng(1)
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
opt = torch.optim.SGD(model.parameters(), lr=0.5)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(4):
    model.train()
    running = 0.0
    for batch in loader:
        x, y = batch["features"], batch["label"]
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        running += loss.item() * x.size(0)
    model.eval()
    correct = 0
    with torch.no_grad():
        for batch in loader:
            pred = model(batch["features"])
            correct += (pred.argmax(1) == batch["label"]).sum().item()
    print(f"epoch {epoch} loss {running / len(ds):.4f} acc {correct / len(ds):.4f}")
print(type(batch), sorted(batch.keys()), batch["features"].shape, batch["label"].shape)

# %% tut_checkpoint_resume_identical rtol=1e-5 atol=1e-7
import io
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(3)
X = torch.from_numpy(rng.standard_normal((20, 4)).astype(np.float32))
Y = torch.from_numpy(rng.standard_normal((20, 2)).astype(np.float32))
init = {k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in nn.Linear(4, 2).state_dict().items()}


def make():
    m = nn.Linear(4, 2)
    m.load_state_dict(init)
    return m, torch.optim.Adam(m.parameters(), lr=0.05)


def train(m, opt, epochs):
    out = []
    for _ in range(epochs):
        opt.zero_grad()
        loss = nn.functional.mse_loss(m(X), Y)
        loss.backward()
        opt.step()
        out.append(f"{loss.item():.4f}")
    return out


m, opt = make()
full = train(m, opt, 6)
m, opt = make()
first = train(m, opt, 3)
buf = io.BytesIO()
torch.save({"epoch": 3, "model_state_dict": m.state_dict(), "optimizer_state_dict": opt.state_dict(), "loss": first[-1]}, buf)
buf.seek(0)
ckpt = torch.load(buf)
print(sorted(ckpt.keys()), ckpt["epoch"], ckpt["loss"])
m2, opt2 = make()
m2.load_state_dict(ckpt["model_state_dict"])
opt2.load_state_dict(ckpt["optimizer_state_dict"])
rest = train(m2, opt2, 3)
print(full)
print(first + rest)
print(full == first + rest)
print(opt2.state_dict()["state"][0]["step"], sorted(opt2.state_dict()["state"][0].keys()))

# %% tut_regression_train_val_split rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(4)
x = rng.uniform(-1, 1, (40, 1)).astype(np.float32)
y = (3 * x - 0.5 + 0.1 * rng.standard_normal((40, 1))).astype(np.float32)
X, Y = torch.from_numpy(x), torch.from_numpy(y)
idx = np.arange(40)
train_idx, val_idx = idx[:32], idx[32:]
x_train, y_train = X[train_idx], Y[train_idx]
x_val, y_val = X[val_idx], Y[val_idx]
print(x_train.shape, x_val.shape)
model = nn.Linear(1, 1)
with torch.no_grad():
    model.weight.fill_(0.1)
    model.bias.zero_()
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(8):
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(x_train), y_train)
    loss.backward()
    optimizer.step()
    model.eval()
    with torch.no_grad():
        val_loss = criterion(model(x_val), y_val)
    print(f"Epoch {epoch + 1}: train {loss.item():.4f} val {val_loss.item():.4f}")
print(model.weight.item(), model.bias.item())
print(val_loss.requires_grad, loss.requires_grad)

# %% tut_logistic_bce_logits rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(5)
X = torch.from_numpy(rng.standard_normal((30, 2)).astype(np.float32))
y = (X[:, 0] + 2 * X[:, 1] > 0).float().unsqueeze(1)
print(y.dtype, y.shape, y.sum().item())


class LogisticRegression(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.linear = nn.Linear(n, 1)

    def forward(self, x):
        return self.linear(x)


model = LogisticRegression(2)
nn.init.zeros_(model.linear.weight)
nn.init.zeros_(model.linear.bias)
criterion = nn.BCEWithLogitsLoss()
opt = torch.optim.SGD(model.parameters(), lr=1.0)
for epoch in range(6):
    opt.zero_grad()
    logits = model(X)
    loss = criterion(logits, y)
    loss.backward()
    opt.step()
    with torch.no_grad():
        preds = (torch.sigmoid(model(X)) > 0.5).float()
        acc = (preds == y).float().mean().item()
    print(f"{epoch} {loss.item():.4f} {acc:.4f}")
print(preds.dtype, (torch.sigmoid(model(X)) > 0.5).dtype, preds[:5].flatten())
probs = torch.sigmoid(model(X[:3]))
print(probs.round(decimals=3).detach(), probs.detach().ge(0.5).long().squeeze(1))

# %% tut_autoencoder rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np


class AutoEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(8, 4), nn.ReLU(), nn.Linear(4, 2))
        self.decoder = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 8), nn.Sigmoid())

    def forward(self, x):
        z = self.encoder(x)
        return self.decoder(z)


rng = np.random.default_rng(6)
model = AutoEncoder()
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.6, 0.6, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
data = torch.from_numpy(rng.uniform(0, 1, (16, 8)).astype(np.float32))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
crit = nn.MSELoss()
for epoch in range(5):
    recon = model(data)
    loss = crit(recon, data)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(f"epoch [{epoch + 1}/5], loss:{loss.item():.4f}")
with torch.no_grad():
    codes = model.encoder(data)
print(codes.shape, model(data).shape, recon.grad_fn.name())
print(model)

# %% tut_tiny_cnn_bn_dropout2d rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np


class TinyCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.drop = nn.Dropout2d(0.25)
        self.conv2 = nn.Conv2d(4, 8, 3)
        self.fc = nn.Linear(8 * 2 * 2, 3)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = self.drop(x)
        x = F.relu(self.conv2(x))
        x = torch.flatten(x, 1)
        return self.fc(x)


rng = np.random.default_rng(7)
model = TinyCNN()
sd = model.state_dict()
model.load_state_dict({k: (torch.from_numpy(rng.uniform(-0.4, 0.4, tuple(v.shape)).astype(np.float32)) if v.is_floating_point() and "running" not in k else v) for k, v in sd.items()})
print([k for k in sd], sd["bn1.num_batches_tracked"])
x = torch.from_numpy(rng.standard_normal((6, 1, 8, 8)).astype(np.float32))
y = torch.from_numpy(rng.integers(0, 3, 6))
model.eval()
with torch.no_grad():
    out1 = model(x)
    out2 = model(x)
print(out1.shape, torch.equal(out1, out2))
print(out1)
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
model.train()
model.drop.p = 0.0
for epoch in range(3):
    opt.zero_grad()
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    print(f"{loss.item():.4f}")
print(model.bn1.running_mean, model.bn1.num_batches_tracked)
model.eval()
print(model.training, model.drop.training, model.bn1.training)

# %% tut_weight_init_apply strict
import torch
import torch.nn as nn


def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.constant_(m.weight, 0.1)
        if m.bias is not None:
            nn.init.zeros_(m.bias)
    elif isinstance(m, nn.Conv2d):
        nn.init.constant_(m.weight, 0.5)
        nn.init.constant_(m.bias, -1.0)
    elif isinstance(m, nn.BatchNorm1d):
        nn.init.ones_(m.weight)
        nn.init.constant_(m.bias, 0.25)


net = nn.Sequential(nn.Linear(3, 3), nn.BatchNorm1d(3), nn.ReLU(), nn.Linear(3, 2, bias=False))
ret = net.apply(init_weights)
print(ret is net)
for name, p in net.named_parameters():
    print(name, p.data)
sq = nn.Linear(3, 3)
with torch.no_grad():
    nn.init.eye_(sq.weight)
    sq.bias.fill_(0.0)
print(sq(torch.tensor([[1.0, 2.0, 3.0]])))
conv = nn.Conv2d(1, 2, 2)
conv.apply(init_weights)
print(conv(torch.ones(1, 1, 3, 3)))
visited = []
net.apply(lambda m: visited.append(type(m).__name__))
print(visited)

# %% tut_init_from_numpy strict
import torch
import torch.nn as nn
import numpy as np

w = np.arange(6, dtype=np.float32).reshape(2, 3) / 10
b = np.array([0.5, -0.5], dtype=np.float32)
lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.from_numpy(w))
    lin.bias.copy_(torch.from_numpy(b))
print(lin.weight, lin.bias)
lin2 = nn.Linear(3, 2)
lin2.weight = nn.Parameter(torch.from_numpy(w.copy()))
lin2.bias.data = torch.tensor(b)
print(torch.equal(lin.weight, lin2.weight), torch.equal(lin.bias, lin2.bias))
print(lin(torch.ones(1, 3)))
print(lin.weight.detach().numpy().dtype, lin.weight.detach().numpy().shape)
try:
    with torch.no_grad():
        lin.weight.copy_(torch.from_numpy(w.T.copy()))
except Exception as e:
    print(type(e).__name__, e)
try:
    lin.weight = torch.ones(2, 3)
except Exception as e:
    print(type(e).__name__, e)

# %% tut_clip_and_scheduler_per_epoch rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(8)
X = torch.from_numpy(rng.standard_normal((16, 5)).astype(np.float32) * 3)
Y = torch.from_numpy(rng.standard_normal((16, 1)).astype(np.float32))
model = nn.Sequential(nn.Linear(5, 8), nn.ReLU(), nn.Linear(8, 1))
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
for epoch in range(6):
    model.train()
    for xb, yb in zip(X.split(8), Y.split(8)):
        opt.zero_grad()
        loss = nn.MSELoss()(model(xb), yb)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        opt.step()
    sched.step()
    print(f"epoch {epoch} loss {loss.item():.4f} norm {norm.item():.4f} lr {sched.get_last_lr()[0]:.5f} {opt.param_groups[0]['lr']}")
print(type(norm).__name__, norm.dtype, sched.last_epoch)

# %% tut_seeded_runs_equal strict
import torch
import torch.nn as nn


def run(seed):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.3), nn.Linear(8, 1))
    x = torch.randn(16, 4)
    y = torch.randn(16, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for _ in range(3):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses, model.state_dict()


a, sa = run(0)
b, sb = run(0)
c, sc = run(1)
print(a == b, all(torch.equal(sa[k], sb[k]) for k in sa))
print(a == c, all(torch.equal(sa[k], sc[k]) for k in sa))
print(len(a), list(sa.keys()))

# %% tut_kfold_randperm strict
import torch

torch.manual_seed(0)
n, k = 20, 4
perm = torch.randperm(n)
print(perm.dtype, perm.shape, torch.equal(perm.sort().values, torch.arange(n)))
folds = perm.chunk(k)
print([f.shape for f in folds])
for i in range(k):
    val_idx = folds[i]
    train_idx = torch.cat([folds[j] for j in range(k) if j != i])
    overlap = set(val_idx.tolist()) & set(train_idx.tolist())
    print(i, train_idx.shape, val_idx.shape, len(overlap), torch.equal(torch.cat([train_idx, val_idx]).sort()[0], torch.arange(n)))
splits = torch.tensor_split(torch.arange(n), 3)
print([s.tolist() for s in splits])
g = torch.Generator().manual_seed(42)
p1 = torch.randperm(10, generator=g)
g.manual_seed(42)
print(torch.equal(p1, torch.randperm(10, generator=g)), torch.randperm(0).shape)

# %% tut_ce_float_class_index_errors
import torch
import torch.nn as nn

logits = torch.zeros(3, 4, requires_grad=True)
loss_fn = nn.CrossEntropyLoss()
for target in [torch.tensor([1.0, 2.0, 0.0]), torch.tensor([1, 2, 0], dtype=torch.int32), torch.tensor([1, 2, 0], dtype=torch.uint8), torch.tensor([1, 2, 5])]:
    try:
        print(loss_fn(logits, target))
    except Exception as e:
        print(type(e).__name__, e)
print(loss_fn(logits, torch.tensor([1.0, 2.0, 0.0]).long()))
try:
    nn.NLLLoss()(torch.log_softmax(logits, 1), torch.tensor([0.0, 1.0, 2.0]))
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.BCEWithLogitsLoss()(torch.zeros(3), torch.tensor([1, 0, 1]))
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.MSELoss()(torch.zeros(3), torch.tensor([1, 0, 1]))
except Exception as e:
    print(type(e).__name__, e)

# %% tut_set_grad_enabled_phases rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(9)
data = {"train": (torch.from_numpy(rng.standard_normal((12, 3)).astype(np.float32)), torch.from_numpy(rng.integers(0, 2, 12))),
        "val": (torch.from_numpy(rng.standard_normal((6, 3)).astype(np.float32)), torch.from_numpy(rng.integers(0, 2, 6)))}
model = nn.Linear(3, 2)
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.3)
for epoch in range(3):
    for phase in ["train", "val"]:
        model.train() if phase == "train" else model.eval()
        inputs, labels = data[phase]
        optimizer.zero_grad()
        with torch.set_grad_enabled(phase == "train"):
            outputs = model(inputs)
            _, preds = torch.max(outputs, 1)
            loss = criterion(outputs, labels)
            if phase == "train":
                loss.backward()
                optimizer.step()
        acc = torch.sum(preds == labels.data).double() / len(labels)
        print(f"{epoch} {phase} Loss: {loss.item():.4f} Acc: {acc:.4f} grad={loss.requires_grad} {torch.is_grad_enabled()}")
print(acc.dtype, preds.dtype)
torch.set_grad_enabled(False)
print(model(data["val"][0]).requires_grad)
torch.set_grad_enabled(True)
print(model(data["val"][0]).requires_grad)

# %% tut_zero_grad_set_to_none strict
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
print([p.grad is None for p in model.parameters()])
model(torch.ones(3, 2)).sum().backward()
print([p.grad is None for p in model.parameters()])
opt.zero_grad(set_to_none=True)
print([p.grad is None for p in model.parameters()])
model(torch.ones(3, 2)).sum().backward()
opt.zero_grad(set_to_none=False)
print([p.grad for p in model.parameters()])
model.zero_grad()
print(all(p.grad is None for p in model.parameters()))
model[1](torch.ones(1, 2)).sum().backward()
print([p.grad is None for p in model.parameters()])
opt.step()
print(model[0].weight.grad, model[1].bias.grad)
for p in model.parameters():
    if p.grad is not None:
        p.grad.detach_()
        p.grad.zero_()
print([p.grad for p in model[1].parameters()])

# %% tut_requires_grad_filter strict
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 3), nn.Linear(3, 2))
for p in model[0].parameters():
    p.requires_grad = False
model[2].bias.requires_grad_(False)
trainable = [p for p in model.parameters() if p.requires_grad]
print(len(trainable), [n for n, p in model.named_parameters() if p.requires_grad])
total = sum(p.numel() for p in model.parameters())
n_train = sum(p.numel() for p in model.parameters() if p.requires_grad)
print(f"Total params: {total:,} trainable: {n_train:,} frozen: {total - n_train}")
opt = torch.optim.Adam(filter(lambda p: p.requires_grad, model.parameters()), lr=1e-3)
print(len(opt.param_groups[0]["params"]), opt.param_groups[0]["lr"])
frozen = {n for n, p in model.named_parameters() if not p.requires_grad}
print(sorted(frozen))
out = model(torch.ones(2, 4)).sum()
out.backward()
print([(n, p.grad is None) for n, p in model.named_parameters()])
try:
    torch.optim.SGD([p for p in model.parameters() if p.requires_grad and p.dim() > 5], lr=0.1)
except Exception as e:
    print(type(e).__name__, e)

# %% tut_loss_history_numpy_weights rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(10)
W1 = rng.standard_normal((5, 3)).astype(np.float32) * 0.5
b1 = np.zeros(5, dtype=np.float32)
W2 = rng.standard_normal((1, 5)).astype(np.float32) * 0.5
b2 = np.array([0.1], dtype=np.float32)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 5)
        self.fc2 = nn.Linear(5, 1)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


net = Net()
net.load_state_dict({"fc1.weight": torch.from_numpy(W1), "fc1.bias": torch.from_numpy(b1), "fc2.weight": torch.from_numpy(W2), "fc2.bias": torch.from_numpy(b2)})
X = torch.from_numpy(rng.standard_normal((32, 3)).astype(np.float32))
Y = X[:, :1] * 2 - X[:, 1:2]
opt = torch.optim.RMSprop(net.parameters(), lr=0.01)
history = []
for epoch in range(1, 9):
    perm = np.arange(32)[::-1].copy() if epoch % 2 else np.arange(32)
    epoch_loss = 0.0
    for i in range(0, 32, 8):
        idx = torch.from_numpy(perm[i:i + 8])
        opt.zero_grad()
        loss = F.mse_loss(net(X[idx]), Y[idx])
        loss.backward()
        opt.step()
        epoch_loss += loss.item()
    history.append(epoch_loss / 4)
    print(f"Epoch {epoch:02d} | loss {epoch_loss / 4:.4f} | last {loss:.4f}")
print(len(history), history[0] > history[-1])

# %% tut_classifier_eval_report rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(11)
X = torch.from_numpy(rng.standard_normal((15, 4)).astype(np.float32))
y = torch.from_numpy(rng.integers(0, 3, 15))
model = nn.Sequential(nn.Linear(4, 3))
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
model.eval()
all_preds, all_labels, all_probs = [], [], []
with torch.no_grad():
    for xb, yb in zip(X.split(4), y.split(4)):
        out = model(xb)
        all_probs.append(torch.softmax(out, dim=1))
        all_preds.append(out.argmax(dim=1))
        all_labels.append(yb)
preds = torch.cat(all_preds)
labels = torch.cat(all_labels)
probs = torch.cat(all_probs)
print(preds, labels)
conf = torch.zeros(3, 3, dtype=torch.int64)
for t, p in zip(labels, preds):
    conf[t, p] += 1
print(conf)
print(conf.diag() / conf.sum(1).clamp(min=1))
print(torch.bincount(labels * 3 + preds, minlength=9).reshape(3, 3).equal(conf))
print(probs.sum(1), probs.max(1).values)
print(preds.numpy().tolist(), labels.tolist() == list(labels.numpy()))

# %% tut_manual_batching_shuffle_np rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(12)
X_np = rng.standard_normal((25, 2)).astype(np.float32)
y_np = (X_np[:, 0] * X_np[:, 1] > 0).astype(np.float32)
X, y = torch.tensor(X_np), torch.tensor(y_np).view(-1, 1)
model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1), nn.Sigmoid())
model.load_state_dict({k: torch.from_numpy(rng.uniform(-1, 1, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
opt = torch.optim.Adagrad(model.parameters(), lr=0.1)
bce = nn.BCELoss()
batch_size = 10
for epoch in range(4):
    order = rng.permutation(len(X))
    losses = []
    for start in range(0, len(X), batch_size):
        bi = order[start:start + batch_size]
        xb, yb = X[bi], y[bi]
        pred = model(xb)
        loss = bce(pred, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    print(epoch, len(losses), f"{np.mean(losses):.4f}", xb.shape)
print(((model(X) > 0.5).float() == y).float().mean())

# %% tut_collate_fn_padding strict
import torch
from torch.utils.data import DataLoader

seqs = [([1, 2, 3], 0), ([4, 5], 1), ([6], 0), ([7, 8, 9, 10], 1)]


def collate(batch):
    xs, ys = zip(*batch)
    lengths = torch.tensor([len(x) for x in xs])
    out = torch.zeros(len(xs), int(lengths.max()), dtype=torch.long)
    for i, x in enumerate(xs):
        out[i, :len(x)] = torch.tensor(x)
    return out, lengths, torch.tensor(ys)


for x, lengths, y in DataLoader(seqs, batch_size=3, collate_fn=collate):
    print(x, lengths, y)
    mask = torch.arange(x.size(1))[None, :] < lengths[:, None]
    print(mask, (x * mask).sum(1))

# %% tut_save_best_model_bytesio strict
import io
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
best_acc, best_buf = 0.0, None
for epoch, acc in enumerate([0.5, 0.7, 0.6]):
    with torch.no_grad():
        model[0].weight.fill_(epoch)
    if acc > best_acc:
        best_acc = acc
        best_buf = io.BytesIO()
        torch.save(model.state_dict(), best_buf)
        print(f"saved epoch {epoch} acc {acc:.2f}")
best_buf.seek(0)
state = torch.load(best_buf, weights_only=True)
print(list(state.keys()))
res = model.load_state_dict(state)
print(res, model[0].weight)
print(res.missing_keys, res.unexpected_keys)
bad = dict(state)
bad.pop("1.running_var")
bad["extra"] = torch.zeros(1)
print(model.load_state_dict(bad, strict=False))
try:
    model.load_state_dict(bad)
except Exception as e:
    print(type(e).__name__, e)

# %% tut_multilabel_bce_threshold rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(13)
X = torch.from_numpy(rng.standard_normal((12, 4)).astype(np.float32))
Y = torch.from_numpy((rng.uniform(size=(12, 3)) > 0.5).astype(np.float32))
model = nn.Linear(4, 3)
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
pos_weight = torch.tensor([1.0, 2.0, 0.5])
crit = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
opt = torch.optim.AdamW(model.parameters(), lr=0.05, weight_decay=0.01)
for epoch in range(5):
    opt.zero_grad()
    loss = crit(model(X), Y)
    loss.backward()
    opt.step()
    with torch.no_grad():
        pred = torch.sigmoid(model(X)) > 0.5
        exact = (pred == Y.bool()).all(dim=1).float().mean().item()
        per_label = (pred == Y.bool()).float().mean(0)
    print(f"{epoch} loss={loss.item():.4f} exact={exact:.4f}", per_label)
print(pred.dtype, pred.sum().item(), pred.int().sum(0))

# %% tut_gradient_check_nan_guard strict
import math
import torch
import torch.nn as nn

model = nn.Linear(2, 1)
with torch.no_grad():
    model.weight.fill_(1.0)
    model.bias.fill_(0.0)
x = torch.tensor([[1.0, float("nan")], [1.0, 2.0]])
loss = model(x).mean()
print(loss, torch.isnan(loss).item(), math.isnan(loss.item()), torch.isfinite(loss))
if not torch.isfinite(loss):
    print("skipping batch")
loss.backward()
print(model.weight.grad, torch.isnan(model.weight.grad).any().item())
grads_ok = all(torch.isfinite(p.grad).all() for p in model.parameters())
print(grads_ok, type(grads_ok).__name__)
try:
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0, error_if_nonfinite=True)
except Exception as e:
    print(type(e).__name__, e)
model.zero_grad()
with torch.autograd.detect_anomaly():
    y = model(torch.ones(1, 2))
    y.sum().backward()
print(model.weight.grad)

# %% tut_predict_function strict
import torch
import torch.nn as nn
import numpy as np


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(2, 3))
        self.classes = ["cat", "dog", "bird"]

    def forward(self, x):
        return self.net(x)

    @torch.no_grad()
    def predict(self, x):
        self.eval()
        if isinstance(x, np.ndarray):
            x = torch.from_numpy(x).float()
        if x.dim() == 1:
            x = x.unsqueeze(0)
        probs = torch.softmax(self(x), dim=-1)
        conf, idx = probs.max(dim=-1)
        return [(self.classes[i], round(c, 4)) for i, c in zip(idx.tolist(), conf.tolist())]


clf = Classifier()
with torch.no_grad():
    clf.net[0].weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]))
    clf.net[0].bias.zero_()
print(clf.predict(torch.tensor([2.0, 0.5])))
print(clf.predict(np.array([[0.0, 3.0], [-1.0, -2.0]])))
print(clf.training, clf.predict.__name__)
out = clf(torch.ones(1, 2))
print(out.requires_grad)

# %% tut_embedding_bag_of_words rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

vocab = {"<pad>": 0, "good": 1, "bad": 2, "movie": 3, "great": 4, "awful": 5}
sents = [("good movie", 1), ("bad movie", 0), ("great great", 1), ("awful", 0)]


def encode(s, n=3):
    ids = [vocab[w] for w in s.split()]
    return ids + [0] * (n - len(ids))


X = torch.tensor([encode(s) for s, _ in sents])
y = torch.tensor([l for _, l in sents])
print(X, X.dtype)


class BoW(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(len(vocab), 4, padding_idx=0)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        e = self.emb(x)
        mask = (x != 0).unsqueeze(-1).float()
        return self.fc((e * mask).sum(1) / mask.sum(1))


rng = np.random.default_rng(14)
model = BoW()
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
opt = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(5):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(X), y)
    loss.backward()
    opt.step()
    print(f"{epoch} {loss.item():.4f}")
print(model.emb.weight.grad[0], model(X).argmax(1))

# %% tut_training_step_function rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np


def train_one_epoch(model, loader, loss_fn, optimizer):
    model.train()
    size = sum(len(x) for x, _ in loader)
    for batch, (X, y) in enumerate(loader):
        pred = model(X)
        loss = loss_fn(pred, y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if batch % 2 == 0:
            loss, current = loss.item(), (batch + 1) * len(X)
            print(f"loss: {loss:>7f}  [{current:>3d}/{size:>3d}]")


def test(model, loader, loss_fn):
    model.eval()
    num_batches = len(loader)
    size = sum(len(x) for x, _ in loader)
    test_loss, correct = 0, 0
    with torch.no_grad():
        for X, y in loader:
            pred = model(X)
            test_loss += loss_fn(pred, y).item()
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()
    test_loss /= num_batches
    correct /= size
    print(f"Test Error: \n Accuracy: {(100*correct):>0.1f}%, Avg loss: {test_loss:>8f} \n")


rng = np.random.default_rng(15)
Xs = torch.from_numpy(rng.standard_normal((20, 6)).astype(np.float32))
ys = torch.from_numpy(rng.integers(0, 3, 20))
loader = [(Xs[i:i + 5], ys[i:i + 5]) for i in range(0, 20, 5)]
model = nn.Sequential(nn.Flatten(), nn.Linear(6, 3))
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
opt = torch.optim.SGD(model.parameters(), lr=1e-1)
for t in range(2):
    print(f"Epoch {t+1}\n-------------------------------")
    train_one_epoch(model, loader, nn.CrossEntropyLoss(), opt)
    test(model, loader, nn.CrossEntropyLoss())
print("Done!")

# %% tut_batchnorm_train_eval_stats rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(16)
bn = nn.BatchNorm1d(3, momentum=0.1)
x = torch.from_numpy(rng.standard_normal((8, 3)).astype(np.float32) * 2 + 1)
bn.train()
y = bn(x)
print(y.mean(0).abs().max().item() < 1e-5, bn.running_mean, bn.running_var, bn.num_batches_tracked)
bn.eval()
y2 = bn(x)
print(y2[:2])
bn2 = nn.BatchNorm1d(3, track_running_stats=False)
bn2.eval()
print(bn2.running_mean, bn2(x).mean(0).abs().max().item() < 1e-5)
bn3 = nn.BatchNorm1d(3, momentum=None)
for i in range(3):
    bn3(x[i * 2:i * 2 + 4])
print(bn3.running_mean, bn3.num_batches_tracked)
try:
    bn.train()
    bn(torch.ones(1, 3))
except Exception as e:
    print(type(e).__name__, e)
bn.reset_running_stats()
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)

# %% tut_training_loop_mistakes
import torch
import torch.nn as nn

model = nn.Linear(3, 2)
x64 = torch.ones(4, 3, dtype=torch.float64)
for fn in [
    lambda: model(x64),
    lambda: model(torch.ones(4, 5)),
    lambda: nn.CrossEntropyLoss()(torch.zeros(4, 2), torch.zeros(3, dtype=torch.long)),
    lambda: model(torch.ones(2, 3)).item(),
    lambda: model(torch.ones(2, 3)).numpy(),
    lambda: model(torch.ones(2, 3)).backward(),
    lambda: torch.optim.Adam(model.parameters),
    lambda: torch.optim.SGD(model.parameters()),
    lambda: torch.optim.SGD(model.parameters(), lr=-1),
    lambda: nn.Conv2d(3, 4, 3)(torch.ones(1, 1, 5, 5)),
    lambda: nn.Conv2d(3, 4, 3)(torch.ones(1, 3, 2, 2)),
    lambda: nn.BCELoss()(torch.tensor([0.5, 1.5]), torch.tensor([1.0, 0.0])),
]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)
loss = model(torch.ones(2, 3)).sum()
loss.backward()
try:
    loss.backward()
except Exception as e:
    print(type(e).__name__, str(e).split(".")[0])
total = 0
for _ in range(2):
    total += model(torch.ones(1, 3)).sum()
print(type(total).__name__, total.requires_grad, total.grad_fn.name())

# %% tut_format_metrics strict
import torch

acc = torch.tensor(0.8125)
loss = torch.tensor(0.123456, requires_grad=True) * 1
print(f"{acc:.2%} {acc:.3f} {loss:.4f} {acc.item():.1%}")
print("loss: {:.4f}, acc: {:.2f}".format(loss, acc))
print("%.3f" % acc, "%.3f" % loss.item(), "%d" % torch.tensor(7))
print(f"{torch.tensor(3):>5d}|{torch.tensor(2.5):<8.2f}|{torch.tensor(1e-5):.2e}")
print(round(acc.item(), 2), round(float(acc), 3), int(torch.tensor(3.9)), float(torch.tensor([2.5])))
try:
    print(f"{torch.tensor([1.0, 2.0]):.2f}")
except Exception as e:
    print(type(e).__name__, e)
try:
    float(torch.tensor([1.0, 2.0]))
except Exception as e:
    print(type(e).__name__, e)

# %% tut_unfreeze_add_param_group rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(17)
body = nn.Linear(3, 4)
head = nn.Linear(4, 1)
for m in (body, head):
    m.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
body.requires_grad_(False)
opt = torch.optim.SGD(head.parameters(), lr=0.1, momentum=0.9)
X = torch.from_numpy(rng.standard_normal((10, 3)).astype(np.float32))
Y = torch.from_numpy(rng.standard_normal((10, 1)).astype(np.float32))
for epoch in range(6):
    if epoch == 3:
        body.requires_grad_(True)
        opt.add_param_group({"params": body.parameters(), "lr": 0.01})
        print("unfrozen", len(opt.param_groups), [g["lr"] for g in opt.param_groups], opt.param_groups[1]["momentum"])
    opt.zero_grad()
    loss = nn.functional.mse_loss(head(torch.relu(body(X))), Y)
    loss.backward()
    opt.step()
    print(f"{epoch} {loss.item():.4f} {body.weight.grad is None}")
try:
    opt.add_param_group({"params": head.weight})
except Exception as e:
    print(type(e).__name__, e)
print(len(opt.state), [len(g["params"]) for g in opt.param_groups])

# %% tut_resume_with_scheduler rtol=1e-5 atol=1e-7
import io
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(18)
X = torch.from_numpy(rng.standard_normal((12, 3)).astype(np.float32))
Y = torch.from_numpy(rng.standard_normal((12, 1)).astype(np.float32))
init = {k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in nn.Linear(3, 1).state_dict().items()}


def setup():
    m = nn.Linear(3, 1)
    m.load_state_dict(init)
    o = torch.optim.SGD(m.parameters(), lr=0.2, momentum=0.9, nesterov=True)
    s = torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=6)
    return m, o, s


def epochs(m, o, s, start, stop):
    out = []
    for e in range(start, stop):
        o.zero_grad()
        loss = nn.functional.smooth_l1_loss(m(X), Y)
        loss.backward()
        o.step()
        s.step()
        out.append((e, f"{loss.item():.4f}", round(s.get_last_lr()[0], 6)))
    return out


print(epochs(*setup(), 0, 6))
m, o, s = setup()
part1 = epochs(m, o, s, 0, 3)
buf = io.BytesIO()
torch.save({"epoch": 3, "model": m.state_dict(), "optimizer": o.state_dict(), "scheduler": s.state_dict()}, buf)
buf.seek(0)
ck = torch.load(buf)
m2, o2, s2 = setup()
m2.load_state_dict(ck["model"]); o2.load_state_dict(ck["optimizer"]); s2.load_state_dict(ck["scheduler"])
print(part1 + epochs(m2, o2, s2, ck["epoch"], 6))
print(sorted(ck["scheduler"].keys()))
print(s2.last_epoch, o2.param_groups[0]["initial_lr"])

# %% tut_amp_boilerplate_cpu strict
import torch
import torch.nn as nn

model = nn.Linear(2, 1)
with torch.no_grad():
    model.weight.fill_(0.5)
    model.bias.fill_(0.25)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
use_amp = torch.cuda.is_available()
scaler = torch.amp.GradScaler("cuda", enabled=use_amp)
print(scaler.is_enabled())
x = torch.ones(3, 2)
for step in range(2):
    opt.zero_grad()
    with torch.autocast(device_type="cpu", dtype=torch.float16, enabled=use_amp):
        loss = model(x).pow(2).mean()
    scaler.scale(loss).backward()
    scaler.unscale_(opt)
    nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    scaler.step(opt)
    scaler.update()
    print(step, f"{loss.item():.4f}", loss.dtype, scaler.get_scale())
print(model.weight, scaler.state_dict() == {} or sorted(scaler.state_dict()))

# %% tut_grad_scaler_cpu_enabled rtol=1e-5 atol=1e-7
import io
import torch
import torch.nn as nn

model = nn.Linear(2, 1)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[0.5, -0.25]]))
    model.bias.fill_(0.1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
scaler = torch.amp.GradScaler("cpu", init_scale=1024.0, growth_interval=2)
print(scaler.is_enabled(), scaler.get_scale(), scaler.state_dict())
x = torch.tensor([[1.0, 2.0], [3.0, -1.0]])
for step in range(5):
    opt.zero_grad(set_to_none=True)
    loss = model(x).pow(2).mean()
    if step == 2:
        loss = loss * float("inf")
    scaled = scaler.scale(loss)
    print(step, scaled.grad_fn.name(), f"{scaled.item():.2f}")
    scaled.backward()
    print(model.weight.grad)
    scaler.unscale_(opt)
    print(model.weight.grad, model.bias.grad)
    ret = scaler.step(opt)
    scaler.update()
    print(ret, scaler.get_scale(), scaler._get_growth_tracker(), model.weight.data)
print(scaler.scale([torch.ones(1), (torch.ones(2),)]))
for fn in [lambda: scaler.unscale_(opt), lambda: scaler.step(opt, closure=lambda: 0)]:
    try:
        fn()
        fn()
    except Exception as e:
        print(type(e).__name__, e)
sd = scaler.state_dict()
print(sd)
s2 = torch.amp.GradScaler("cpu")
s2.load_state_dict(sd)
print(s2.get_scale(), s2.get_growth_interval())
try:
    s2.load_state_dict({})
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.amp.GradScaler("cpu").unscale_(opt)
except Exception as e:
    print(type(e).__name__, e)
s3 = torch.amp.GradScaler("cpu")
s3.scale(torch.ones(1))
s3.update(8.0)
print(s3.get_scale())
buf = io.BytesIO()
torch.save({"scaler": scaler.state_dict()}, buf)
buf.seek(0)
print(torch.load(buf)["scaler"] == sd)

# %% tut_numpy_dataset_default_collate strict
import numpy as np
import torch
from torch.utils.data import Dataset, DataLoader
from torch.utils.data import default_collate


class NpDataset(Dataset):
    def __init__(self):
        self.x = np.arange(12, dtype=np.float64).reshape(6, 2)
        self.y = np.array([0, 1, 0, 1, 1, 0])

    def __len__(self):
        return 6

    def __getitem__(self, i):
        return self.x[i], self.y[i], float(i) / 2, i % 2 == 0, f"s{i}"


xb, yb, fb, bb, sb = next(iter(DataLoader(NpDataset(), batch_size=3)))
print(xb, xb.dtype, yb, yb.dtype)
print(fb, fb.dtype, bb, bb.dtype, sb)
print(default_collate([np.float32(1.5), np.float32(2.0)]))
print(default_collate([{"a": np.ones(2, dtype=np.float32), "b": [1, 2]}, {"a": np.zeros(2, dtype=np.float32), "b": [3, 4]}]))
print(default_collate([(1, 2.0), (3, 4.0)]))
model = torch.nn.Linear(2, 1)
try:
    model(xb)
except Exception as e:
    print(type(e).__name__, e)
print(model(xb.float()).shape)
try:
    default_collate([None, None])
except Exception as e:
    print(type(e).__name__, e)

# %% tut_class_weights_label_smoothing rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(19)
y = torch.tensor([0, 0, 0, 0, 0, 1, 1, 2, 0, 1])
classes, counts = torch.unique(y, return_counts=True)
print(classes, counts)
weights = 1.0 / counts.float()
weights = weights / weights.sum() * len(classes)
print(weights)
bc = torch.bincount(y)
print(torch.equal(bc, counts), (len(y) / (len(classes) * bc.float())))
logits = torch.from_numpy(rng.standard_normal((10, 3)).astype(np.float32)).requires_grad_()
for crit in [nn.CrossEntropyLoss(), nn.CrossEntropyLoss(weight=weights), nn.CrossEntropyLoss(label_smoothing=0.1), nn.CrossEntropyLoss(weight=weights, label_smoothing=0.2, reduction="sum")]:
    loss = crit(logits, y)
    g, = torch.autograd.grad(loss, logits)
    print(f"{loss.item():.4f}", g[0])
try:
    nn.CrossEntropyLoss(weight=torch.ones(4))(logits, y)
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.CrossEntropyLoss(label_smoothing=1.5)(logits, y)
except Exception as e:
    print(type(e).__name__, e)
oh = nn.functional.one_hot(y, num_classes=3)
print(oh.dtype, oh[:3])
print(f"{nn.CrossEntropyLoss()(logits, oh.float()).item():.4f}")
try:
    nn.functional.one_hot(y.int())
except Exception as e:
    print(type(e).__name__, e)

# %% tut_no_decay_param_groups rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 3)
        self.norm = nn.LayerNorm(3)
        self.out = nn.Linear(3, 1)

    def forward(self, x):
        return self.out(self.norm(torch.relu(self.fc(x))))


rng = np.random.default_rng(20)
model = Block()
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
no_decay = ["bias", "norm.weight"]
groups = [
    {"params": [p for n, p in model.named_parameters() if not any(nd in n for nd in no_decay)], "weight_decay": 0.1},
    {"params": [p for n, p in model.named_parameters() if any(nd in n for nd in no_decay)], "weight_decay": 0.0},
]
print([len(g["params"]) for g in groups])
opt = torch.optim.AdamW(groups, lr=0.05)
print([g["weight_decay"] for g in opt.param_groups], opt.defaults["weight_decay"])
X = torch.from_numpy(rng.standard_normal((8, 3)).astype(np.float32))
Y = torch.from_numpy(rng.standard_normal((8, 1)).astype(np.float32))
sched = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.5, total_iters=3)
for step in range(5):
    opt.zero_grad()
    loss = nn.functional.l1_loss(model(X), Y)
    loss.backward()
    opt.step()
    sched.step()
    print(f"{step} {loss.item():.4f} {[round(g['lr'], 5) for g in opt.param_groups]}")
print(model.norm.weight, model.fc.weight[0])

# %% tut_ema_weights rtol=1e-5 atol=1e-7
import copy
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(21)
model = nn.Linear(3, 2)
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
ema = copy.deepcopy(model)
for p in ema.parameters():
    p.requires_grad_(False)
opt = torch.optim.SGD(model.parameters(), lr=0.2)
X = torch.from_numpy(rng.standard_normal((6, 3)).astype(np.float32))
Y = torch.from_numpy(rng.standard_normal((6, 2)).astype(np.float32))
decay = 0.9
for step in range(4):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X), Y)
    loss.backward()
    opt.step()
    with torch.no_grad():
        for e, p in zip(ema.parameters(), model.parameters()):
            e.mul_(decay).add_(p, alpha=1 - decay)
    print(f"{step} {loss.item():.4f} {nn.functional.mse_loss(ema(X), Y).item():.4f}")
print(ema.weight)
lerped = copy.deepcopy(ema)
with torch.no_grad():
    for e, p in zip(lerped.parameters(), model.parameters()):
        e.lerp_(p, 0.5)
print(lerped.bias, ema.weight.requires_grad, model.weight.requires_grad)
ema_state = {k: v.clone() for k, v in ema.state_dict().items()}
print(all(not v.requires_grad for v in ema_state.values()), list(ema_state))

# %% tut_lr_range_test rtol=1e-4 atol=1e-6
import math
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(22)
X = torch.from_numpy(rng.standard_normal((40, 4)).astype(np.float32))
Y = torch.from_numpy(rng.integers(0, 2, 40))
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
start_lr, end_lr, num = 1e-4, 10.0, 8
opt = torch.optim.SGD(model.parameters(), lr=start_lr)
mult = (end_lr / start_lr) ** (1 / (num - 1))
lrs, losses, best = [], [], float("inf")
for i, (xb, yb) in enumerate(zip(X.split(5), Y.split(5))):
    lr = start_lr * mult ** i
    for g in opt.param_groups:
        g["lr"] = lr
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(xb), yb)
    if not math.isfinite(loss.item()) or loss.item() > 4 * best:
        print("diverged at", i)
        break
    best = min(best, loss.item())
    loss.backward()
    opt.step()
    lrs.append(lr)
    losses.append(loss.item())
    print(f"lr={lr:.2e} loss={loss.item():.4f}")
print(len(lrs), f"{lrs[int(np.argmin(losses))]:.2e}")

# %% tut_tiny_transformer_classifier rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np


class TinyTransformer(nn.Module):
    def __init__(self, vocab=10, d=8, n_cls=2):
        super().__init__()
        self.emb = nn.Embedding(vocab, d)
        self.pos = nn.Parameter(torch.zeros(1, 5, d))
        layer = nn.TransformerEncoderLayer(d_model=d, nhead=2, dim_feedforward=16, dropout=0.0, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=1, enable_nested_tensor=False)
        self.head = nn.Linear(d, n_cls)

    def forward(self, x, pad_mask=None):
        h = self.encoder(self.emb(x) + self.pos[:, : x.size(1)], src_key_padding_mask=pad_mask)
        return self.head(h.mean(dim=1))


rng = np.random.default_rng(23)
model = TinyTransformer()
sd = model.state_dict()
print(len(sd), list(sd)[:6])
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.3, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in sd.items()})
x = torch.from_numpy(rng.integers(1, 10, (4, 5)))
y = torch.tensor([0, 1, 1, 0])
pad = torch.zeros(4, 5, dtype=torch.bool)
pad[1, 3:] = True
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(4):
    model.train()
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(x, pad), y)
    loss.backward()
    opt.step()
    print(f"{epoch} {loss.item():.4f}")
model.eval()
with torch.no_grad():
    print(model(x, pad).argmax(-1), model(x).shape)

# %% tut_rnn_cell_char_model rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

text = "hello world"
chars = sorted(set(text))
stoi = {c: i for i, c in enumerate(chars)}
data = torch.tensor([stoi[c] for c in text])
print(chars, data)


class CharRNN(nn.Module):
    def __init__(self, n, h):
        super().__init__()
        self.h = h
        self.emb = nn.Embedding(n, 6)
        self.cell = nn.GRUCell(6, h)
        self.out = nn.Linear(h, n)

    def init_hidden(self, batch=1):
        return torch.zeros(batch, self.h)

    def forward(self, seq):
        hidden = self.init_hidden()
        outs = []
        for t in range(seq.size(0)):
            hidden = self.cell(self.emb(seq[t:t + 1]), hidden)
            outs.append(self.out(hidden))
        return torch.cat(outs), hidden


rng = np.random.default_rng(24)
model = CharRNN(len(chars), 5)
model.load_state_dict({k: torch.from_numpy(rng.uniform(-0.4, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
opt = torch.optim.Adam(model.parameters(), lr=0.05)
for epoch in range(4):
    opt.zero_grad()
    logits, h = model(data[:-1])
    loss = nn.functional.cross_entropy(logits, data[1:])
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 5.0)
    opt.step()
    print(f"{epoch} {loss.item():.4f}", h.shape)
with torch.no_grad():
    logits, _ = model(data[:-1])
print("".join(chars[i] for i in logits.argmax(1).tolist()))

# %% tut_siamese_contrastive rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(25)
enc = nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 3))
enc.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in enc.state_dict().items()})
a = torch.from_numpy(rng.standard_normal((6, 4)).astype(np.float32))
p = a + 0.1 * torch.from_numpy(rng.standard_normal((6, 4)).astype(np.float32))
n = torch.from_numpy(rng.standard_normal((6, 4)).astype(np.float32))
opt = torch.optim.SGD(enc.parameters(), lr=0.1)
triplet = nn.TripletMarginLoss(margin=1.0)
cos_emb = nn.CosineEmbeddingLoss(margin=0.2)
for epoch in range(4):
    opt.zero_grad()
    ea, ep, en = enc(a), enc(p), enc(n)
    t = triplet(ea, ep, en)
    c = cos_emb(torch.cat([ea, ea]), torch.cat([ep, en]), torch.cat([torch.ones(6), -torch.ones(6)]))
    loss = t + c
    loss.backward()
    opt.step()
    print(f"{epoch} triplet {t.item():.4f} cos {c.item():.4f}")
with torch.no_grad():
    za = F.normalize(enc(a), dim=1)
    zp = F.normalize(enc(p), dim=1)
    sim = za @ zp.T
print(sim.argmax(1), F.cosine_similarity(enc(a), enc(p)).detach())
print(F.pairwise_distance(enc(a), enc(n)).detach())
