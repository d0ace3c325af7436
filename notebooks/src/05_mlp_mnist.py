# %% [markdown]
# # 5 · An MLP on MNIST: the training loop
#
# **One idea:** training is a loop of four lines — forward, loss, `backward()`, `step()` — and
# everything else is measurement. We train a multi-layer perceptron on handwritten digits and
# measure it the ways that matter: learning curves, a confusion matrix, and the digits it gets wrong.
#
# The data is the original MNIST (IDX files). The loader looks in `$AUTOGRAD_DATA/mnist`,
# `~/.cache/autograd/data/mnist`, `./data/mnist` and `../shared/data/mnist`; without them this
# notebook says so and runs on a synthetic stand-in, so that it still executes end to end.

# %%
import os
import time

import numpy as np
import matplotlib.pyplot as plt

import autograd
import nn
import nn.functional as F
import optim
from autograd import viz
from autograd.data import MNIST, DataLoader, DatasetNotFoundError, TensorDataset

QUICK = os.environ.get("AUTOGRAD_NOTEBOOK_QUICK") == "1"
plt.rcParams["figure.dpi"] = 80
autograd.manual_seed(0)

# %% [markdown]
# ## Data

# %%
def load_mnist():
    """(train images N x 784, train labels, test images, test labels, real?) standardised."""
    for root in (None, "../../shared/data/mnist"):
        try:
            train, test = MNIST(root=root, train=True), MNIST(root=root, train=False)
        except DatasetNotFoundError as err:
            message = str(err)
            continue
        return (*train.as_tensors(normalize=True, flatten=True),
                *test.as_tensors(normalize=True, flatten=True), True)
    print("MNIST NOT FOUND -- " + message.splitlines()[0])
    print("Using a SYNTHETIC stand-in (noisy random prototypes); the numbers below are NOT MNIST results.")
    print("To use MNIST: point AUTOGRAD_DATA at a directory holding mnist/ with the four IDX .gz files.")
    rng = np.random.default_rng(0)
    protos = rng.normal(0, 1, (10, 784)).astype(np.float32)
    def make(n):
        y = rng.integers(0, 10, n)
        x = protos[y] + rng.normal(0, 2.5, (n, 784)).astype(np.float32)
        return autograd.tensor(x), autograd.tensor(y)
    return (*make(6000), *make(1000), False)

Xtr, ytr, Xte, yte, REAL = load_mnist()
if QUICK:   # a slice, so that CI runs this notebook in seconds
    Xtr, ytr, Xte, yte = Xtr[:4000], ytr[:4000], Xte[:1000], yte[:1000]
print(f"train {tuple(Xtr.shape)}, test {tuple(Xte.shape)}, labels {ytr[:10].tolist()}")

fig, axes = plt.subplots(2, 10, figsize=(10, 2.3))
for ax, i in zip(axes.ravel(), range(20)):
    ax.imshow(Xtr[i].numpy().reshape(28, 28), cmap="gray_r")
    ax.set_title(int(ytr[i]), fontsize=9)
    ax.axis("off")
plt.show()

# %% [markdown]
# ## Model
#
# Two hidden layers with ReLU; the output is 10 *logits*, one per digit. `cross_entropy` applies
# the softmax itself (notebook 3 showed its gradient: softmax − one-hot).

# %%
model = nn.Sequential(
    nn.Linear(784, 256), nn.ReLU(),
    nn.Linear(256, 128), nn.ReLU(),
    nn.Linear(128, 10),
)
print(model)
print("parameters:", sum(p.numel() for p in model.parameters()))

# %% [markdown]
# The graph of one forward pass, clustered by module (`viz.draw_model` records which module's
# forward created which node):

# %%
viz.draw_model(model, Xtr[:2], rankdir="LR")

# %% [markdown]
# ## The loop
#
# Mini-batches of 128 from a shuffling `DataLoader`; SGD with momentum. Every few hundred steps
# we evaluate on the test set under `no_grad()` (no graph is recorded there).

# %%
def accuracy(X, y, batch=2000):
    model.eval()
    correct = 0
    with autograd.no_grad():
        for i in range(0, len(X), batch):
            correct += (model(X[i:i + batch]).argmax(1) == y[i:i + batch]).sum().item()
    model.train()
    return correct / len(X)

epochs = 1 if QUICK else 4
loader = DataLoader(TensorDataset(Xtr, ytr), batch_size=128, shuffle=True)
opt = optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
eval_every = 10 if QUICK else 150
history = {"step": [], "loss": [], "eval_step": [], "train_acc": [], "test_acc": []}
step, t0 = 0, time.perf_counter()
for epoch in range(epochs):
    for xb, yb in loader:
        loss = F.cross_entropy(model(xb), yb)   # forward + loss
        opt.zero_grad()
        loss.backward()                         # backward
        opt.step()                              # update
        step += 1
        history["step"].append(step)
        history["loss"].append(loss.item())
        if step % eval_every == 0:
            history["eval_step"].append(step)
            history["train_acc"].append(accuracy(Xtr[:5000], ytr[:5000]))
            history["test_acc"].append(accuracy(Xte, yte))
    print(f"epoch {epoch + 1}: loss {np.mean(history['loss'][-len(loader):]):.4f}  "
          f"test accuracy {accuracy(Xte, yte):.2%}  ({time.perf_counter() - t0:.0f}s)")

# %% [markdown]
# ## Learning curves

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 3.5))
loss_curve = np.array(history["loss"])
k = min(50, len(loss_curve))
axes[0].plot(loss_curve, alpha=0.3, label="per batch")
axes[0].plot(np.arange(k - 1, len(loss_curve)), np.convolve(loss_curve, np.ones(k) / k, "valid"),
             label=f"mean of {k}")
axes[0].set_yscale("log")
axes[0].set_xlabel("step")
axes[0].set_title("training loss")
axes[0].legend()
axes[1].plot(history["eval_step"], history["train_acc"], "o-", ms=3, label="train (5k sample)")
axes[1].plot(history["eval_step"], history["test_acc"], "o-", ms=3, label="test")
axes[1].set_xlabel("step")
axes[1].set_title("accuracy")
axes[1].legend()
plt.show()

# %% [markdown]
# ## What it confuses
#
# Rows: the true digit, columns: the prediction. The diagonal is right; everything else is a
# mistake, and the mistakes are not random — they are the pairs that look alike.

# %%
with autograd.no_grad():
    model.eval()
    probs = F.softmax(model(Xte), dim=1).numpy()
pred = probs.argmax(1)
true = yte.numpy()
cm = np.zeros((10, 10), dtype=int)
np.add.at(cm, (true, pred), 1)

fig, ax = plt.subplots(figsize=(5.5, 5))
ax.imshow(np.log1p(cm), cmap="Blues")
for i in range(10):
    for j in range(10):
        if cm[i, j]:
            ax.text(j, i, cm[i, j], ha="center", va="center", fontsize=7,
                    color="white" if i == j else "black")
ax.set_xticks(range(10))
ax.set_yticks(range(10))
ax.set_xlabel("predicted")
ax.set_ylabel("true")
ax.set_title(f"confusion matrix, test accuracy {(pred == true).mean():.2%}" + ("" if REAL else " (SYNTHETIC)"))
plt.show()
off = cm - np.diag(np.diag(cm))
worst = np.dstack(np.unravel_index(np.argsort(off.ravel())[::-1][:5], off.shape))[0]
print("most frequent confusions (true -> predicted):",
      ", ".join(f"{a}->{b} ({off[a, b]})" for a, b in worst))

# %% [markdown]
# ## The digits it gets wrong
#
# The most confident mistakes: the title is *true → predicted (probability of the prediction)*.
# Many are genuinely ambiguous; some are labelling mistakes in the data set itself.

# %%
wrong = np.flatnonzero(pred != true)
wrong = wrong[np.argsort(-probs[wrong, pred[wrong]])][:24]
fig, axes = plt.subplots(3, 8, figsize=(10, 4.2))
for ax, i in zip(axes.ravel(), wrong):
    ax.imshow(Xte[int(i)].numpy().reshape(28, 28), cmap="gray_r")
    ax.set_title(f"{true[i]} → {pred[i]} ({probs[i, pred[i]]:.2f})", fontsize=8)
for ax in axes.ravel():
    ax.axis("off")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## Summary
#
# * The training loop is `loss = F.cross_entropy(model(x), y)`, `opt.zero_grad()`,
#   `loss.backward()`, `opt.step()` — the rest is bookkeeping and measurement.
# * Evaluate under `no_grad()` and in `model.eval()` mode; compare train and test curves to see
#   whether the model is still learning or starting to memorise (notebook 7).
# * Confusion matrices and misclassified examples tell you *what* the model has not learned.
#
# Next: [06 · Convolutions](06_cnn.ipynb) builds the knowledge that images are images into the model.
