# %% [markdown]
# # 7 · Regularisation: fitting the signal, not the noise
#
# **One idea:** a network big enough to learn the pattern is also big enough to memorise the noise
# in a small training set. Regularisers make memorising harder or stop it early. We take a small,
# noisy 2-D problem where this is visible, train the same over-sized network with dropout, weight
# decay, early stopping and batch normalisation, and *measure* each on held-out data.

# %%
import copy
import os

import numpy as np
import matplotlib.pyplot as plt

import autograd
import nn
import nn.functional as F
import optim

QUICK = os.environ.get("AUTOGRAD_NOTEBOOK_QUICK") == "1"
plt.rcParams["figure.dpi"] = 80
rng = np.random.default_rng(0)

# %% [markdown]
# ## A small, noisy problem
#
# Two interleaved half-moons; 120 training points of which 15% have the wrong label; a separate
# validation set (for early stopping) and a large test set with clean labels.

# %%
def moons(n, noise=0.25, flip=0.0):
    t = rng.uniform(0, np.pi, n)
    y = rng.integers(0, 2, n)
    x = np.where(y[:, None] == 0, np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(t), 0.5 - np.sin(t)])
    x = x + rng.normal(0, noise, x.shape)
    flipped = rng.random(n) < flip
    y = np.where(flipped, 1 - y, y)
    return autograd.tensor(x.astype(np.float32)), autograd.tensor(y), flipped

Xtr, ytr, flipped = moons(120, flip=0.15)
Xva, yva, _ = moons(300, flip=0.15)
Xte, yte, _ = moons(2000)
plt.figure(figsize=(4, 3))
xt = Xtr.numpy()
plt.scatter(xt[:, 0], xt[:, 1], c=ytr.numpy(), cmap="coolwarm", s=18, edgecolors="k", linewidths=0.3)
plt.scatter(xt[flipped, 0], xt[flipped, 1], s=90, facecolors="none", edgecolors="k", label="flipped label")
plt.legend(fontsize=8)
plt.title("training set")
plt.show()

# %% [markdown]
# ## One model, five ways to train it
#
# The same 2-256-256-2 ReLU network (~67,000 parameters for 120 points), Adam, mini-batches of 30,
# the same number of steps. The variants:
#
# * **baseline** — nothing stops memorisation;
# * **dropout** — randomly zero half of the hidden units at each step (`nn.Dropout(0.5)`), so no unit
#   can rely on specific others; at evaluation (`model.eval()`) dropout is off;
# * **weight decay** — shrink every weight towards 0 at each step (`optim.AdamW(weight_decay=...)`),
#   preferring smooth, small-weight functions;
# * **early stopping** — the baseline, but keep the weights from the step with the best
#   validation loss;
# * **batch norm** — normalise each hidden layer over the mini-batch (`nn.BatchNorm1d`); the
#   batch statistics add noise during training, and running averages are used in `eval()`.

# %%
steps = 400 if QUICK else 3000

def make_model(dropout=0.0, batchnorm=False):
    autograd.manual_seed(0)
    layers, width_in = [], 2
    for _ in range(2):
        layers.append(nn.Linear(width_in, 256))
        if batchnorm:
            layers.append(nn.BatchNorm1d(256))
        layers.append(nn.ReLU())
        if dropout:
            layers.append(nn.Dropout(dropout))
        width_in = 256
    layers.append(nn.Linear(256, 2))
    return nn.Sequential(*layers)

def evaluate(model, X, y):
    model.eval()
    with autograd.no_grad():
        logits = model(X)
        loss = F.cross_entropy(logits, y).item()
        acc = (logits.argmax(1) == y).float().mean().item()
    model.train()
    return loss, acc

def train(model, weight_decay=0.0, early_stopping=False):
    opt = optim.AdamW(model.parameters(), lr=3e-3, weight_decay=weight_decay)
    curve = {"step": [], "train": [], "val": []}
    best = (float("inf"), None, 0)
    g = autograd.Generator().manual_seed(1)
    for step in range(1, steps + 1):
        idx = autograd.randperm(len(Xtr), generator=g)[:30]
        loss = F.cross_entropy(model(Xtr[idx]), ytr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 25 == 0:
            tr_loss, va_loss = evaluate(model, Xtr, ytr)[0], evaluate(model, Xva, yva)[0]
            curve["step"].append(step)
            curve["train"].append(tr_loss)
            curve["val"].append(va_loss)
            if va_loss < best[0]:
                best = (va_loss, copy.deepcopy(model.state_dict()), step)
    if early_stopping:
        model.load_state_dict(best[1])
        curve["stopped_at"] = best[2]
    return model, curve

variants = {
    "baseline": lambda: train(make_model(), weight_decay=0.0),
    "dropout 0.5": lambda: train(make_model(dropout=0.5)),
    "weight decay": lambda: train(make_model(), weight_decay=0.5),
    "early stopping": lambda: train(make_model(), early_stopping=True),
    "batch norm": lambda: train(make_model(batchnorm=True)),
}
results = {name: run() for name, run in variants.items()}

# %% [markdown]
# ## Measured

# %%
print(f"{'':15s} {'train acc':>9s} {'test acc':>9s} {'test loss':>9s}")
for name, (model, curve) in results.items():
    tr_acc = evaluate(model, Xtr, ytr)[1]
    te_loss, te_acc = evaluate(model, Xte, yte)
    note = f"   (weights from step {curve['stopped_at']})" if "stopped_at" in curve else ""
    print(f"{name:15s} {tr_acc:9.1%} {te_acc:9.1%} {te_loss:9.3f}{note}")

# %% [markdown]
# Training accuracy near 100% on data with 15% wrong labels means the wrong labels were memorised;
# the test set (clean labels) shows what that costs. Decision regions make it visible — the
# baseline carves small islands around individual flipped points:

# %%
gx, gy = np.meshgrid(np.linspace(-1.7, 2.7, 200), np.linspace(-1.3, 1.8, 160))
grid = autograd.tensor(np.c_[gx.ravel(), gy.ravel()].astype(np.float32))
fig, axes = plt.subplots(1, 5, figsize=(16, 3.2), sharey=True)
for ax, (name, (model, _)) in zip(axes, results.items()):
    model.eval()
    with autograd.no_grad():
        p = F.softmax(model(grid), 1)[:, 1].numpy().reshape(gx.shape)
    ax.contourf(gx, gy, p, levels=np.linspace(0, 1, 11), cmap="coolwarm", alpha=0.6)
    ax.contour(gx, gy, p, levels=[0.5], colors="k", linewidths=1)
    ax.scatter(xt[:, 0], xt[:, 1], c=ytr.numpy(), cmap="coolwarm", s=10, edgecolors="k", linewidths=0.3)
    ax.set_title(f"{name}\ntest acc {evaluate(model, Xte, yte)[1]:.1%}", fontsize=10)
plt.tight_layout()
plt.show()

# %% [markdown]
# ## Over time: the gap between training and validation loss
#
# The baseline's validation loss reaches its minimum early and then climbs while its training loss
# keeps falling — that is memorisation happening. Early stopping simply keeps the weights from
# that minimum (dashed line); the other regularisers flatten the climb.

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 3.5), sharey=True)
for name in ("baseline", "dropout 0.5", "weight decay", "batch norm"):
    c = results[name][1]
    axes[0].plot(c["step"], c["train"], label=name)
    axes[1].plot(c["step"], c["val"], label=name)
stop = results["early stopping"][1]["stopped_at"]
axes[1].axvline(stop, color="k", ls="--", lw=1, label=f"early stop (step {stop})")
axes[0].set_title("training loss")
axes[1].set_title("validation loss")
for ax in axes:
    ax.set_yscale("log")
    ax.set_xlabel("step")
axes[1].legend(fontsize=8)
plt.show()

# %% [markdown]
# ## Summary
#
# * Small data + big model + noisy labels = memorisation: training accuracy goes to 100% while test
#   accuracy drops. Always keep data the model never trains on, and look at both curves.
# * Dropout and weight decay change *what* is easy to learn (redundant features; small weights);
#   early stopping changes *when* to stop; batch norm mainly speeds and stabilises training, and its
#   batch noise regularises a little.
# * Remember `model.train()` / `model.eval()`: dropout and batch norm behave differently in each.
#
# Next: [08 · Sequences](08_sequences.ipynb).
