# %% [markdown]
# # 6 · Convolutions: small shared filters
#
# **One idea:** a convolution slides one small set of weights over the whole image, so a pattern
# learned in one place is recognised everywhere, with a handful of parameters. Pooling then
# summarises neighbourhoods, making the result tolerant to small shifts. We compute both by hand,
# look at their gradients, train a small CNN on MNIST and look inside it: learned filters and
# feature maps.

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

# %%
def load_mnist():
    """(train N x 1 x 28 x 28, labels, test images, labels, real?) in [0, 1]."""
    for root in (None, "../../shared/data/mnist"):
        try:
            train, test = MNIST(root=root, train=True), MNIST(root=root, train=False)
        except DatasetNotFoundError as err:
            message = str(err)
            continue
        return (*train.as_tensors(), *test.as_tensors(), True)
    print("MNIST NOT FOUND -- " + message.splitlines()[0])
    print("Using a SYNTHETIC stand-in (random strokes); the numbers below are NOT MNIST results.")
    print("To use MNIST: point AUTOGRAD_DATA at a directory holding mnist/ with the four IDX .gz files.")
    rng = np.random.default_rng(0)
    def make(n):
        y = rng.integers(0, 10, n)
        x = np.zeros((n, 1, 28, 28), np.float32)
        for i, k in enumerate(y):   # class k: a bar at an angle and place set by k
            r = 6 + k
            x[i, 0, r - 1:r + 2, 4:24] = 1.0 if k % 2 else 0.0
            x[i, 0, 4:24, r - 1:r + 2] = 0.0 if k % 2 else 1.0
        x += rng.normal(0, 0.3, x.shape).astype(np.float32)
        return autograd.tensor(x), autograd.tensor(y)
    return (*make(6000), *make(1000), False)

Xtr, ytr, Xte, yte, REAL = load_mnist()
print("train", tuple(Xtr.shape), "test", tuple(Xte.shape))

# %% [markdown]
# ## What a convolution computes
#
# `F.conv2d(x, w)` slides each $k \times k$ filter over the image; each output pixel is the sum of
# the filter times the patch under it. Three hand-made $3\times3$ filters on one digit:

# %%
digit = Xtr[0:1]                                   # 1 x 1 x 28 x 28
filters = autograd.tensor([
    [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]],   # vertical edges (Sobel x)
    [[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]],   # horizontal edges (Sobel y)
    [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]],      # blur (box filter)
])[:, None] / autograd.tensor([4.0, 4.0, 9.0])[:, None, None, None]
maps = F.conv2d(digit, filters, padding=1)          # 1 x 3 x 28 x 28
fig, axes = plt.subplots(1, 4, figsize=(10, 2.8))
axes[0].imshow(digit[0, 0].numpy(), cmap="gray_r")
axes[0].set_title("input")
for ax, m, title in zip(axes[1:], maps[0], ("vertical edges", "horizontal edges", "blur")):
    ax.imshow(m.numpy(), cmap="RdBu_r", vmin=-1, vmax=1)
    ax.set_title(title)
for ax in axes:
    ax.axis("off")
plt.show()

# %% [markdown]
# One output pixel by hand — the patch around (row 14, column 12), times the filter, summed:

# %%
img = np.pad(digit[0, 0].numpy(), 1)
patch = img[14:17, 12:15]                            # padded coordinates: centre (15, 13) = pixel (14, 12)
print("by hand:", (patch * filters[0, 0].numpy()).sum(), "   conv2d:", maps[0, 0, 14, 12].item())

# %% [markdown]
# **The gradient of a convolution is a convolution too.** $\partial L/\partial w$ sums, over every
# position, the upstream gradient times the patch there — which is why one filter learns from the
# whole image. Checked against a loop over positions:

# %%
w = filters[0:1].detach().requires_grad_()
out = F.conv2d(digit, w, padding=1)
g_up = autograd.randn(*out.shape)
(out * g_up).sum().backward()
manual = sum(g_up[0, 0, i, j].item() * img[i:i + 3, j:j + 3] for i in range(28) for j in range(28))
print("max |dL/dw (engine) - sum_positions g * patch| =", np.abs(w.grad[0, 0].numpy() - manual).max())

# %% [markdown]
# ## What max pooling computes — and where its gradient goes
#
# `max_pool2d(x, 2)` keeps the largest value of each $2\times2$ block. Only that element influenced
# the output, so in backward the whole gradient goes to it (the argmax) and the other three get 0:

# %%
x = autograd.tensor([[1.0, 5.0, 2.0, 0.0],
                     [3.0, 2.0, 1.0, 4.0],
                     [0.0, 1.0, 7.0, 2.0],
                     [2.0, 6.0, 3.0, 1.0]], requires_grad=True)
y = F.max_pool2d(x[None, None], 2)
y.sum().backward()
print("input:\n", x.detach().numpy())
print("max_pool2d:\n", y[0, 0].detach().numpy())
print("gradient (1 at each block's max, 0 elsewhere):\n", x.grad.numpy())

# %% [markdown]
# ## A small CNN
#
# conv(1→8, 5×5) → ReLU → max-pool → conv(8→16, 5×5) → ReLU → max-pool → linear(256→10):
# about 6,000 parameters, against 235,000 for notebook 5's MLP.

# %%
class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 5)
        self.conv2 = nn.Conv2d(8, 16, 5)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))   # 8 x 12 x 12
        x = self.pool(F.relu(self.conv2(x)))   # 16 x 4 x 4
        return self.fc(x.flatten(1))

model = SmallCNN()
print(model)
print("parameters:", sum(p.numel() for p in model.parameters()))
viz.draw_model(model, Xtr[:2])

# %% [markdown]
# Training: Adam, mini-batches of 64. (Quick mode uses a small slice of the data.)

# %%
n_train = 3000 if QUICK else 60000
n_test = 1000 if QUICK else 10000
epochs = 1 if QUICK else 3
loader = DataLoader(TensorDataset(Xtr[:n_train], ytr[:n_train]), batch_size=64, shuffle=True)
opt = optim.Adam(model.parameters(), lr=2e-3)

def accuracy(X, y, batch=1000):
    with autograd.no_grad():
        return sum((model(X[i:i + batch]).argmax(1) == y[i:i + batch]).sum().item()
                   for i in range(0, len(X), batch)) / len(X)

losses, t0 = [], time.perf_counter()
for epoch in range(epochs):
    for xb, yb in loader:
        loss = F.cross_entropy(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    print(f"epoch {epoch + 1}: last-100 loss {np.mean(losses[-100:]):.3f}, "
          f"test accuracy {accuracy(Xte[:n_test], yte[:n_test]):.2%} ({time.perf_counter() - t0:.0f}s)")
plt.figure(figsize=(5, 2.5))
plt.plot(losses, alpha=0.6)
plt.yscale("log")
plt.xlabel("step")
plt.title("training loss" + ("" if REAL else " (SYNTHETIC data)"))
plt.show()

# %% [markdown]
# ## Inside the network
#
# **Learned filters.** The first layer's eight $5\times5$ filters (red positive, blue negative),
# learned from nothing but the labels. Small as they are, several are oriented contrast detectors:
# a positive band next to a negative one responds to a stroke edge at that angle.

# %%
wts = model.conv1.weight.detach().numpy()[:, 0]
fig, axes = plt.subplots(1, 8, figsize=(10, 1.6))
for ax, f in zip(axes, wts):
    lim = np.abs(f).max()
    ax.imshow(f, cmap="RdBu_r", vmin=-lim, vmax=lim)
    ax.axis("off")
plt.show()

# %% [markdown]
# **Feature maps.** Forward hooks capture what each layer produced for one test digit: every
# channel of conv1 (after ReLU, 24×24) responds to its own kind of stroke; conv2's channels (8×8)
# respond to larger combinations of them.

# %%
captured = {}
hooks = [model.conv1.register_forward_hook(lambda m, i, o: captured.__setitem__("conv1", F.relu(o))),
         model.conv2.register_forward_hook(lambda m, i, o: captured.__setitem__("conv2", F.relu(o)))]
with autograd.no_grad():
    pred = model(Xte[:1]).argmax(1).item()
for h in hooks:
    h.remove()

fig = plt.figure(figsize=(11, 4))
ax = fig.add_subplot(3, 9, 1)
ax.imshow(Xte[0, 0].numpy(), cmap="gray_r")
ax.set_title(f"input, predicted {pred}", fontsize=8)
ax.axis("off")
for k in range(8):
    ax = fig.add_subplot(3, 9, 2 + k)
    ax.imshow(captured["conv1"][0, k].numpy(), cmap="viridis")
    ax.set_title(f"conv1 #{k}", fontsize=8)
    ax.axis("off")
for k in range(16):
    ax = fig.add_subplot(3, 9, 10 + k + (k >= 8))
    ax.imshow(captured["conv2"][0, k].numpy(), cmap="viridis")
    ax.set_title(f"conv2 #{k}", fontsize=8)
    ax.axis("off")
plt.show()

# %% [markdown]
# ## Summary
#
# * A convolution is one small filter applied at every position: local, weight-shared, and with a
#   gradient that is itself a sum over positions. Max pooling keeps the strongest response and sends
#   the gradient back only there.
# * A CNN with 40× fewer parameters than an MLP matches or beats it on digits, because it does not
#   have to learn the same stroke detector separately at every pixel.
# * Forward hooks (`register_forward_hook`) let you look at any intermediate result.
#
# Next: [07 · Regularisation](07_regularisation.ipynb).
