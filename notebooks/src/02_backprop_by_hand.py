# %% [markdown]
# # 2 · Backprop by hand
#
# **One idea:** backpropagation is the chain rule applied layer by layer, from the loss backwards.
# Each layer's backward needs two things: the gradient arriving from above, and what the layer saw
# in the forward pass. We write a two-layer network's backward pass in plain NumPy, then let the
# engine compute the same gradients, and check that every one of them agrees — the parameters'
# and the intermediate ones.

# %%
import os

import numpy as np
import matplotlib.pyplot as plt

import autograd
from autograd import viz

QUICK = os.environ.get("AUTOGRAD_NOTEBOOK_QUICK") == "1"
plt.rcParams["figure.dpi"] = 80
rng = np.random.default_rng(0)

# %% [markdown]
# ## Data: three interleaved spirals
#
# A classic toy problem that a linear model cannot solve: 2-D points, 3 classes.

# %%
def spirals(per_class, classes=3, noise=0.2):
    X, y = [], []
    for k in range(classes):
        r = np.linspace(0.05, 1, per_class)
        theta = np.linspace(k * 4, (k + 1) * 4, per_class) + rng.normal(0, noise, per_class)
        X.append(np.c_[r * np.sin(theta), r * np.cos(theta)])
        y.append(np.full(per_class, k))
    return np.concatenate(X), np.concatenate(y)

X, y = spirals(60 if QUICK else 100)
N, D, H, C = len(X), 2, 32, 3
plt.figure(figsize=(3.5, 3.5))
plt.scatter(X[:, 0], X[:, 1], c=y, cmap="brg", s=12)
plt.title(f"{N} points, {C} classes")
plt.show()

# %% [markdown]
# ## The network, forward
#
# $$z = XW_1 + b_1,\quad h = \tanh(z),\quad s = hW_2 + b_2,\quad
#   p = \mathrm{softmax}(s),\quad L = -\frac1N\sum_i \log p_{i,y_i}$$
#
# The forward pass keeps a *cache* of what the backward pass will need (exactly what the engine's
# nodes do with `save_for_backward`). We use float64 so that "equal" can mean ~1e-15.

# %%
params0 = {
    "W1": rng.normal(0, 1.0, (D, H)), "b1": np.zeros(H),
    "W2": rng.normal(0, 0.1, (H, C)), "b2": np.zeros(C),
}

def forward_numpy(P, X, y):
    z = X @ P["W1"] + P["b1"]
    h = np.tanh(z)
    s = h @ P["W2"] + P["b2"]
    s_shift = s - s.max(axis=1, keepdims=True)          # softmax is shift-invariant: avoid overflow
    p = np.exp(s_shift) / np.exp(s_shift).sum(axis=1, keepdims=True)
    loss = -np.log(p[np.arange(len(y)), y]).mean()
    return loss, (X, y, h, p)

loss_np, cache = forward_numpy(params0, X, y)
print(f"loss = {loss_np:.6f}   (log 3 = {np.log(3):.6f}: a network that knows nothing yet)")

# %% [markdown]
# ## The network, backward — the chain rule, one line per step
#
# Going from the loss back to the inputs, each line multiplies the incoming gradient by one local
# derivative:
#
# | step | quantity | rule |
# |---|---|---|
# | 1 | $\partial L/\partial s = (p - Y)/N$ | softmax + cross-entropy together ($Y$ one-hot) |
# | 2 | $\partial L/\partial W_2 = h^\top\,\partial L/\partial s$, $\ \partial L/\partial b_2 = \sum_i \partial L/\partial s_i$ | $s = hW_2 + b_2$ |
# | 3 | $\partial L/\partial h = \partial L/\partial s\; W_2^\top$ | same |
# | 4 | $\partial L/\partial z = \partial L/\partial h \odot (1 - h^2)$ | $\tanh' = 1 - \tanh^2$ |
# | 5 | $\partial L/\partial W_1 = X^\top\,\partial L/\partial z$, $\ \partial L/\partial b_1 = \sum_i \partial L/\partial z_i$ | $z = XW_1 + b_1$ |

# %%
def backward_numpy(P, cache):
    X, y, h, p = cache
    n = len(y)
    ds = p.copy()
    ds[np.arange(n), y] -= 1
    ds /= n                                   # 1
    dW2 = h.T @ ds                            # 2
    db2 = ds.sum(axis=0)
    dh = ds @ P["W2"].T                       # 3
    dz = dh * (1 - h ** 2)                    # 4
    dW1 = X.T @ dz                            # 5
    db1 = dz.sum(axis=0)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}, {"s": ds, "h": dh, "z": dz}

grads_np, inter_np = backward_numpy(params0, cache)
{k: v.shape for k, v in grads_np.items()}

# %% [markdown]
# ## The same network on the engine
#
# Same forward, written with tensors; no backward code at all. `retain_grad()` asks the engine to
# keep the gradients of the intermediate results too, so we can compare steps 1, 3 and 4.

# %%
P = {k: autograd.tensor(v, requires_grad=True) for k, v in params0.items()}   # float64, like NumPy
Xt, yt = autograd.tensor(X), autograd.tensor(y)

def forward_engine(P, X, y):
    z = X @ P["W1"] + P["b1"]
    h = z.tanh()
    s = h @ P["W2"] + P["b2"]
    loss = -s.log_softmax(dim=1)[autograd.arange(len(y)), y].mean()
    return loss, z, h, s

loss, z, h, s = forward_engine(P, Xt, yt)
for t in (z, h, s):
    t.retain_grad()
loss.backward()
print(f"engine loss = {loss.item():.15f}\nnumpy  loss = {loss_np:.15f}")

# %% [markdown]
# Every gradient, hand-written vs engine:

# %%
rows = [(f"dL/d{k}", grads_np[k], P[k].grad) for k in ("W1", "b1", "W2", "b2")]
rows += [(f"dL/d{k}", inter_np[k], t.grad) for k, t in (("s", s), ("h", h), ("z", z))]
for name, ours, engine in rows:
    err = np.abs(ours - engine.numpy()).max()
    print(f"{name:7s} shape {str(ours.shape):8s} max |hand - engine| = {err:.1e}")
    assert err < 1e-12

# %% [markdown]
# ## The engine's steps are our steps
#
# `viz.trace_backward` replays a backward pass and lists what the engine did, in its order. Read it
# next to the table above: `NegBackward0`/`MeanBackward0`/`IndexBackward0`/`LogSoftmaxBackward0`
# together are step 1; `AddBackward0` and `MmBackward0` of the second layer are steps 2–3;
# `TanhBackward0` is step 4; the first layer is step 5; the `AccumulateGrad` rows write `.grad`.

# %%
loss, z, h, s = forward_engine(P, Xt, yt)
tr = viz.trace_backward(loss, params=P, accumulate=False)
tr

# %% [markdown]
# And the graph those steps walked (leaves named after the parameter dict). Colours: gradient
# norm flowing through each node and edge.

# %%
viz.draw_graph(loss, params=P, trace=tr)

# %% [markdown]
# ## A third opinion: finite differences
#
# Nudge single weights by $\pm\epsilon$ and measure the change in loss. Both backward passes
# agree with the numerical slope.

# %%
eps = 1e-6
for name, idx in (("W1", (0, 3)), ("W1", (1, 7)), ("b1", (5,)), ("W2", (4, 2))):
    Pp = {k: v.copy() for k, v in params0.items()}
    Pm = {k: v.copy() for k, v in params0.items()}
    Pp[name][idx] += eps
    Pm[name][idx] -= eps
    numeric = (forward_numpy(Pp, X, y)[0] - forward_numpy(Pm, X, y)[0]) / (2 * eps)
    print(f"{name}{list(idx)}: numeric {numeric:+.8f}  hand {grads_np[name][idx]:+.8f}  "
          f"engine {P[name].grad.numpy()[idx]:+.8f}")

# %% [markdown]
# ## Training with either gives the same network
#
# Plain gradient descent, once with the NumPy gradients and once with the engine's: the loss curves
# lie on top of each other (they differ by float64 rounding, ~1e-16), because the gradients are
# the same numbers. (With a much larger learning rate, training becomes chaotic and even rounding
# differences grow — a property of the optimisation, not of either gradient.)

# %%
steps, lr = (200 if QUICK else 1000), 0.5
Pn = {k: v.copy() for k, v in params0.items()}
Pe = {k: autograd.tensor(v, requires_grad=True) for k, v in params0.items()}
curve_np, curve_engine = [], []
for _ in range(steps):
    l, c = forward_numpy(Pn, X, y)
    g, _ = backward_numpy(Pn, c)
    for k in Pn:
        Pn[k] -= lr * g[k]
    curve_np.append(l)

    l = forward_engine(Pe, Xt, yt)[0]
    l.backward()
    with autograd.no_grad():
        for t in Pe.values():
            t -= lr * t.grad
            t.grad = None
    curve_engine.append(l.item())

print("largest difference between the two loss curves:", np.abs(np.subtract(curve_np, curve_engine)).max())
fig, axes = plt.subplots(1, 2, figsize=(9, 3.5))
axes[0].plot(curve_np, lw=4, alpha=0.5, label="NumPy backward")
axes[0].plot(curve_engine, "k--", label="engine")
axes[0].set_xlabel("step")
axes[0].set_ylabel("loss")
axes[0].legend()
gx, gy = np.meshgrid(np.linspace(-1.2, 1.2, 150), np.linspace(-1.2, 1.2, 150))
grid = np.c_[gx.ravel(), gy.ravel()]
scores = np.tanh(grid @ Pn["W1"] + Pn["b1"]) @ Pn["W2"] + Pn["b2"]
axes[1].contourf(gx, gy, scores.argmax(1).reshape(gx.shape), cmap="brg", alpha=0.25)
axes[1].scatter(X[:, 0], X[:, 1], c=y, cmap="brg", s=10)
acc = (np.tanh(X @ Pn["W1"] + Pn["b1"]) @ Pn["W2"] + Pn["b2"]).argmax(1).__eq__(y).mean()
axes[1].set_title(f"decision regions, train accuracy {acc:.0%}")
plt.show()

# %% [markdown]
# ## Summary
#
# * Backprop = one local derivative per operation, multiplied from the loss backwards; the forward
#   pass must keep what those local derivatives need.
# * Written by hand it is ten lines for this network, and easy to get subtly wrong; the engine
#   derives the same ten lines from the forward code, for any network.
# * Trust, but verify: compare against finite differences (`autograd.gradcheck` automates it).
#
# Next: [03 · Activations and losses](03_activations_and_losses.ipynb).
