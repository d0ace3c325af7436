# %% [markdown]
# # 3 · Activations and losses, through their derivatives
#
# **One idea:** during backprop, every gradient is multiplied by the local derivative of each
# activation it passes through. So what matters about an activation is not only its shape but the
# shape of its *derivative* — and the engine hands us derivatives of anything for free. We plot
# them, check them against the formulas, look at the gradients losses send back, and finally
# measure what a derivative that is always below 1/4 (the sigmoid's) does to a deep network.

# %%
import os

import numpy as np
import matplotlib.pyplot as plt

import autograd
import nn
import nn.functional as F

QUICK = os.environ.get("AUTOGRAD_NOTEBOOK_QUICK") == "1"
plt.rcParams["figure.dpi"] = 80
autograd.manual_seed(0)

# %% [markdown]
# ## Derivatives of elementwise functions from one backward pass
#
# For an elementwise $f$, $\partial \sum_i f(x_i) / \partial x_i = f'(x_i)$: apply the function
# to a whole grid, sum, call `backward()`, and `x.grad` *is* the derivative curve.

# %%
def derivative(fn, x):
    x = x.detach().requires_grad_()
    y = fn(x)
    y.sum().backward()
    return y.detach().numpy(), x.grad.numpy()

grid = autograd.linspace(-4, 4, 401, dtype=autograd.float64)
g = grid.numpy()
acts = {
    "sigmoid": F.sigmoid,
    "tanh": F.tanh,
    "ReLU": F.relu,
    "LeakyReLU(0.1)": lambda t: F.leaky_relu(t, 0.1),
    "ELU": F.elu,
    "GELU": F.gelu,
}
fig, axes = plt.subplots(2, 3, figsize=(11, 5.5), sharex=True)
curves = {}
for ax, (name, fn) in zip(axes.ravel(), acts.items()):
    y, dy = curves[name] = derivative(fn, grid)
    ax.plot(g, y, label="f(x)")
    ax.plot(g, dy, label="f'(x) by backward()", lw=2.5, alpha=0.8)
    ax.axhline(0, color="grey", lw=0.5)
    ax.axvline(0, color="grey", lw=0.5)
    ax.set_title(f"{name}   max f' = {dy.max():.3g}")
    ax.set_ylim(-1.5, 4)
axes[0, 0].legend(loc="upper left")
plt.tight_layout()
plt.show()

# %% [markdown]
# The engine's curves equal the textbook formulas (the kinks of ReLU and LeakyReLU at 0 use
# the same convention as PyTorch: the derivative there is taken from the left piece):

# %%
from math import erf, pi, sqrt

s = 1 / (1 + np.exp(-g))
Phi = 0.5 * (1 + np.vectorize(erf)(g / sqrt(2)))
formulas = {
    "sigmoid": s * (1 - s),
    "tanh": 1 - np.tanh(g) ** 2,
    "ReLU": (g > 0).astype(float),
    "LeakyReLU(0.1)": np.where(g > 0, 1.0, 0.1),
    "ELU": np.where(g > 0, 1.0, np.exp(g)),
    "GELU": Phi + g * np.exp(-g ** 2 / 2) / sqrt(2 * pi),
}
for name, expected in formulas.items():
    print(f"{name:15s} max |backward - formula| = {np.abs(curves[name][1] - expected).max():.1e}")

# %% [markdown]
# ## Softmax is not elementwise: a Jacobian
#
# Each output of softmax depends on every input, so its derivative is a matrix,
# $J = \mathrm{diag}(p) - pp^\top$. One `autograd.grad` call per output row builds it:

# %%
z = autograd.tensor([2.0, 1.0, 0.1, -1.0], dtype=autograd.float64, requires_grad=True)
p = F.softmax(z, dim=0)
J = np.stack([autograd.grad(p[i], z, retain_graph=True)[0].numpy() for i in range(4)])
pn = p.detach().numpy()
print("softmax p =", np.round(pn, 4))
print("max |J - (diag(p) - p p^T)| =", np.abs(J - (np.diag(pn) - np.outer(pn, pn))).max())
plt.figure(figsize=(3.2, 2.8))
plt.imshow(J, cmap="RdBu", vmin=-0.25, vmax=0.25)
plt.colorbar()
plt.title("softmax Jacobian dp_i/dz_j")
plt.show()

# %% [markdown]
# ## What losses send back
#
# The loss is where the backward pass starts, so its gradient with respect to the prediction is the
# first message every weight hears. For regression towards target 0 (left) and for the logit of a
# positive example (right):

# %%
pred = autograd.linspace(-3, 3, 301, dtype=autograd.float64)
zero = autograd.zeros(301, dtype=autograd.float64)
one = autograd.ones(301, dtype=autograd.float64)
losses_reg = {
    "MSE": lambda q: F.mse_loss(q, zero, reduction="none"),
    "L1": lambda q: F.l1_loss(q, zero, reduction="none"),
    "Huber (delta=1)": lambda q: F.huber_loss(q, zero, reduction="none"),
}
losses_cls = {
    "BCE with logits": lambda q: F.binary_cross_entropy_with_logits(q, one, reduction="none"),
    "MSE on sigmoid(x)": lambda q: F.mse_loss(F.sigmoid(q), one, reduction="none"),
}
pv = pred.numpy()
fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
for ax, group in zip(axes, (losses_reg, losses_cls)):
    for name, fn in group.items():
        y, dy = derivative(fn, pred)
        line, = ax.plot(pv, y, label=name)
        ax.plot(pv, dy, "--", color=line.get_color())
    ax.axhline(0, color="grey", lw=0.5)
    ax.legend(fontsize=8)
axes[0].set_title("loss (solid) and dL/dprediction (dashed), target 0")
axes[1].set_title("positive example (target 1)")
axes[1].set_xlabel("logit")
plt.show()

# %% [markdown]
# MSE's gradient grows with the error (outliers dominate), L1's is constant (robust, but it does not
# shrink near the optimum), Huber is MSE near 0 and L1 far away. On the right: binary
# cross-entropy on the logit pushes hardest when the prediction is most wrong (gradient near -1 at
# logit -3), while MSE on a sigmoid output hardly pushes at all there — the sigmoid's flat tail
# multiplies the gradient by almost 0. That is why classifiers use cross-entropy on logits, whose
# multi-class gradient is the famous $\mathrm{softmax}(z) - \mathrm{onehot}(y)$:

# %%
logits = autograd.tensor([[2.0, 0.5, -1.0]], dtype=autograd.float64, requires_grad=True)
F.cross_entropy(logits, autograd.tensor([1])).backward()
print("engine:           ", np.round(logits.grad.numpy()[0], 6))
print("softmax - onehot: ", np.round(F.softmax(logits.detach(), 1).numpy()[0] - [0, 1, 0], 6))

# %% [markdown]
# ## Vanishing gradients in a deep sigmoid network
#
# Backprop through $L$ layers multiplies $L$ activation derivatives (and weight matrices). The
# sigmoid's derivative is at most 1/4, so the gradient reaching the first layers of a deep sigmoid
# network shrinks geometrically. Measure it: the gradient norm of each layer's weight after one
# backward pass on random data, for several activations — once with PyTorch's default
# initialisation of `nn.Linear`, and once with the variance-preserving initialisation matched to
# the activation (Xavier/Glorot for sigmoid and tanh, Kaiming/He for ReLU and GELU).

# %%
depth = 12 if QUICK else 20
width, batch = 64, 128
x = autograd.randn(batch, width)
target = autograd.randn(batch, 1)

matched_init = {
    "sigmoid": lambda w: nn.init.xavier_normal_(w),
    "tanh": lambda w: nn.init.xavier_normal_(w, gain=nn.init.calculate_gain("tanh")),
    "ReLU": lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu"),
    "GELU": lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu"),
}
activations = {"sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "ReLU": nn.ReLU, "GELU": nn.GELU}

def layer_grad_norms(name, init=None):
    autograd.manual_seed(1)
    layers = []
    for _ in range(depth):
        lin = nn.Linear(width, width)
        if init is not None:
            init(lin.weight)
            nn.init.zeros_(lin.bias)
        layers += [lin, activations[name]()]
    net = nn.Sequential(*layers, nn.Linear(width, 1))
    F.mse_loss(net(x), target).backward()
    return [m.weight.grad.norm().item() for m in net if isinstance(m, nn.Linear)][:depth]

fig, axes = plt.subplots(1, 2, figsize=(11, 3.6), sharey=True)
ratios = {}
for ax, title, use_init in ((axes[0], "default nn.Linear init", False), (axes[1], "matched init", True)):
    for name in activations:
        n = layer_grad_norms(name, matched_init[name] if use_init else None)
        ratios[(name, use_init)] = n[0] / n[-1]
        ax.semilogy(range(1, depth + 1), n, "o-", label=name, ms=4)
    ax.set_title(f"{title}: ‖dL/dW‖ per layer, {depth} layers")
    ax.set_xlabel("layer (1 = nearest the input)")
axes[0].legend()
plt.show()
print("first-layer / last-layer gradient norm")
for name in activations:
    print(f"  {name:8s} default init {ratios[(name, False)]:8.1e}    matched init {ratios[(name, True)]:8.1e}")

# %% [markdown]
# With a matched initialisation, tanh, ReLU and GELU networks pass gradients through 20 layers with
# no systematic shrinking (ratio near 1). The sigmoid network's first layers still get gradients
# many orders of magnitude smaller than its last: every layer multiplies by $\sigma' \le 1/4$,
# and its outputs are not centred on 0, so no initialisation rescues it. That is why deep networks
# use tanh-like or ReLU-like activations — plus normalisation (notebook 7) and residual connections.
#
# ## Summary
#
# * `x.grad` after `f(x).sum().backward()` is the derivative curve of any elementwise function;
#   `autograd.grad` row by row gives full Jacobians (softmax).
# * The loss's gradient is the signal that starts backprop: its shape (growing, constant,
#   saturating) shapes training.
# * Products of small derivatives vanish: measure per-layer gradient norms when a deep network
#   will not learn.
#
# Next: [04 · Optimizers](04_optimizers.ipynb).
