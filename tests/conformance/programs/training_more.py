# More training patterns: gradient accumulation, freezing, GAN-style two optimizers, logistic regression
# from scratch, warmup schedules, early stopping, gradient penalty.

# %% gradient_accumulation rtol=1e-4
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(0)
X = torch.from_numpy(rng.standard_normal((16, 4)).astype(np.float32))
Y = torch.from_numpy(rng.standard_normal((16, 1)).astype(np.float32))
init = {k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in nn.Linear(4, 1).state_dict().items()}
full, accum = nn.Linear(4, 1), nn.Linear(4, 1)
full.load_state_dict(init); accum.load_state_dict(init)
o1 = torch.optim.SGD(full.parameters(), lr=0.1)
o2 = torch.optim.SGD(accum.parameters(), lr=0.1)
for step in range(5):
    o1.zero_grad()
    nn.functional.mse_loss(full(X), Y).backward()
    o1.step()
    o2.zero_grad()
    for xb, yb in zip(X.split(4), Y.split(4)):
        (nn.functional.mse_loss(accum(xb), yb) / 4).backward()
    o2.step()
print(full.weight, accum.weight, torch.allclose(full.weight, accum.weight, atol=1e-6))

# %% freeze_and_finetune rtol=1e-4
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(1)
backbone = nn.Sequential(nn.Linear(4, 8), nn.ReLU())
head = nn.Linear(8, 2)
for m in (backbone, head):
    m.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
for p in backbone.parameters():
    p.requires_grad_(False)
opt = torch.optim.Adam(filter(lambda p: p.requires_grad, list(backbone.parameters()) + list(head.parameters())), lr=0.05)
X = torch.from_numpy(rng.standard_normal((10, 4)).astype(np.float32))
y = torch.from_numpy(rng.integers(0, 2, 10))
before = backbone[0].weight.clone()
for _ in range(10):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(head(backbone(X)), y)
    loss.backward()
    opt.step()
print(loss.item(), torch.equal(before, backbone[0].weight), backbone[0].weight.grad, head.bias)
print(len(opt.param_groups[0]["params"]))

# %% gan_two_optimizers rtol=1e-3 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(2)
G = nn.Sequential(nn.Linear(2, 8), nn.LeakyReLU(0.2), nn.Linear(8, 2))
D = nn.Sequential(nn.Linear(2, 8), nn.LeakyReLU(0.2), nn.Linear(8, 1))
for m in (G, D):
    m.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
optG = torch.optim.Adam(G.parameters(), lr=0.01, betas=(0.5, 0.999))
optD = torch.optim.Adam(D.parameters(), lr=0.01, betas=(0.5, 0.999))
bce = nn.BCEWithLogitsLoss()
real = torch.from_numpy(rng.normal(2.0, 0.5, (16, 2)).astype(np.float32))
noise = torch.from_numpy(rng.standard_normal((16, 2)).astype(np.float32))
for step in range(10):
    fake = G(noise)
    optD.zero_grad()
    lossD = bce(D(real), torch.ones(16, 1)) + bce(D(fake.detach()), torch.zeros(16, 1))
    lossD.backward()
    optD.step()
    optG.zero_grad()
    lossG = bce(D(fake), torch.ones(16, 1))
    lossG.backward()
    optG.step()
print(round(lossD.item(), 5), round(lossG.item(), 5), G(noise).mean(0))

# %% wgan_gradient_penalty rtol=1e-3 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(3)
critic = nn.Sequential(nn.Linear(3, 16), nn.Tanh(), nn.Linear(16, 1))
critic.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in critic.state_dict().items()})
opt = torch.optim.RMSprop(critic.parameters(), lr=0.005)
real = torch.from_numpy(rng.standard_normal((8, 3)).astype(np.float32))
fake = torch.from_numpy(rng.standard_normal((8, 3)).astype(np.float32)) + 1
alpha = torch.from_numpy(rng.random((8, 1)).astype(np.float32))
for _ in range(5):
    interp = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
    out = critic(interp)
    grads = torch.autograd.grad(outputs=out, inputs=interp, grad_outputs=torch.ones_like(out), create_graph=True, retain_graph=True)[0]
    gp = ((grads.norm(2, dim=1) - 1) ** 2).mean()
    loss = critic(fake).mean() - critic(real).mean() + 10 * gp
    opt.zero_grad()
    loss.backward()
    opt.step()
print(loss.item(), gp.item(), critic[0].weight[0])

# %% logistic_regression_scratch
import torch
import numpy as np

rng = np.random.default_rng(4)
X = torch.from_numpy(rng.standard_normal((50, 3)).astype(np.float32))
y = (X @ torch.tensor([1.0, -2.0, 0.5]) > 0).float()
w = torch.zeros(3, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.5
for epoch in range(30):
    p = torch.sigmoid(X @ w + b)
    loss = -(y * torch.log(p + 1e-7) + (1 - y) * torch.log(1 - p + 1e-7)).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
acc = ((torch.sigmoid(X @ w + b) > 0.5).float() == y).float().mean()
print(f"loss={loss.item():.4f} acc={acc.item():.2f}", w, b)

# %% warmup_and_early_stopping strict
import torch
import torch.nn as nn

p = nn.Parameter(torch.zeros(2))
opt = torch.optim.AdamW([p], lr=1e-3)
warmup = 3
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warmup))
lrs = []
for step in range(5):
    opt.step()
    sched.step()
    lrs.append(round(opt.param_groups[0]["lr"], 8))
print(lrs, sched.state_dict()["last_epoch"] if "last_epoch" in sched.state_dict() else None)
seq = torch.optim.lr_scheduler.SequentialLR(opt, [torch.optim.lr_scheduler.ConstantLR(opt, factor=0.5, total_iters=2),
                                                  torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.5)], milestones=[2])
print([round(seq.get_last_lr()[0], 8)] + [round((opt.step(), seq.step(), seq.get_last_lr()[0])[2], 8) for _ in range(4)])
best, patience, bad = float("inf"), 2, 0
for epoch, val in enumerate([1.0, 0.8, 0.85, 0.9, 0.7]):
    if val < best:
        best, bad = val, 0
    else:
        bad += 1
    if bad >= patience:
        print("early stop at", epoch)
        break
cos = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(torch.optim.SGD([p], lr=1.0), T_0=3, T_mult=2)
vals = []
for _ in range(8):
    cos.optimizer.step(); cos.step(); vals.append(round(cos.get_last_lr()[0], 6))
print(vals)

# %% closure_and_misc_optim rtol=1e-4
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(5)
lin = nn.Linear(2, 1)
lin.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in lin.state_dict().items()})
X = torch.from_numpy(rng.standard_normal((8, 2)).astype(np.float32))
Y = torch.from_numpy(rng.standard_normal((8, 1)).astype(np.float32))
opt = torch.optim.SGD(lin.parameters(), lr=0.1)
def closure():
    opt.zero_grad()
    loss = nn.functional.mse_loss(lin(X), Y)
    loss.backward()
    return loss
losses = [opt.step(closure).item() for _ in range(3)]
print(losses)
opt.add_param_group({"params": [nn.Parameter(torch.ones(1))], "lr": 0.5})
print(len(opt.param_groups), opt.param_groups[1]["lr"], opt.param_groups[1]["momentum"])
opt.zero_grad()
print(lin.weight.grad)
