# %% [markdown]
# # 4 · Optimizers: same gradients, different paths
#
# **One idea:** backprop gives the direction of steepest ascent at the current point — nothing more.
# An optimizer decides how far to step and what to remember between steps (velocity, running
# averages of squared gradients). On 2-D loss surfaces we can watch those decisions: where plain
# gradient descent zig-zags, momentum glides, and Adam/RMSprop rescale each coordinate.

# %%
import os

import numpy as np
import matplotlib.pyplot as plt

import autograd
import optim

QUICK = os.environ.get("AUTOGRAD_NOTEBOOK_QUICK") == "1"
plt.rcParams["figure.dpi"] = 80

# %% [markdown]
# ## Two surfaces
#
# * an **ill-conditioned bowl** $f(x, y) = \tfrac12(0.2x^2 + 20y^2)$: steep in $y$, shallow in $x$
#   (curvatures 0.2 and 20, condition number 100) — the situation of most network losses, in
#   miniature;
# * the **Rosenbrock valley** $f(x, y) = (1-x)^2 + 100(y - x^2)^2$: a curved, narrow valley with
#   its minimum at $(1, 1)$.

# %%
def bowl(p):
    return 0.5 * (0.2 * p[0] ** 2 + 20 * p[1] ** 2)

def rosenbrock(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2

def run(make_opt, f, start, steps):
    """Minimise f from start with the optimizer make_opt([p]); return the path and the losses."""
    p = autograd.tensor(start, dtype=autograd.float64, requires_grad=True)
    opt = make_opt([p])
    path, losses = [p.detach().numpy().copy()], []
    for _ in range(steps):
        opt.zero_grad()
        loss = f(p)
        loss.backward()
        opt.step()
        path.append(p.detach().numpy().copy())
        losses.append(loss.item())
    return np.array(path), np.array(losses)

def contours(ax, f, xlim, ylim, levels):
    gx, gy = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
    ax.contour(gx, gy, f(np.stack([gx, gy])), levels=levels, colors="grey", linewidths=0.5)

# %% [markdown]
# ## The optimizers
#
# | | update (gradient $g$) |
# |---|---|
# | SGD | $\theta \leftarrow \theta - \eta g$ |
# | momentum | $v \leftarrow \mu v + g,\ \theta \leftarrow \theta - \eta v$ |
# | Nesterov | same $v$, but step along $g + \mu v$ ("look ahead") |
# | RMSprop | $s \leftarrow \alpha s + (1-\alpha) g^2,\ \theta \leftarrow \theta - \eta g/\sqrt{s}$ |
# | Adam | momentum of $g$ *and* RMSprop's $s$, both bias-corrected |

# %%
steps = 60 if QUICK else 150
optimizers = {
    "SGD": lambda ps: optim.SGD(ps, lr=0.09),
    "momentum 0.9": lambda ps: optim.SGD(ps, lr=0.05, momentum=0.9),
    "Nesterov 0.9": lambda ps: optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True),
    "RMSprop": lambda ps: optim.RMSprop(ps, lr=0.1),
    "Adam": lambda ps: optim.Adam(ps, lr=0.5),
}
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
contours(axes[0], bowl, (-8.5, 2), (-2.5, 2.5), np.logspace(-1, 2.2, 12))
results = {}
for name, make in optimizers.items():
    path, losses = results[name] = run(make, bowl, [-8.0, 2.0], steps)
    axes[0].plot(path[:, 0], path[:, 1], ".-", ms=3, lw=1, label=name)
    axes[1].semilogy(losses, label=name)
axes[0].plot(0, 0, "k*", ms=12)
axes[0].set_title("ill-conditioned bowl, start (-8, 2)")
axes[0].legend(fontsize=8)
axes[1].set_title("loss")
axes[1].set_xlabel("step")
plt.show()
for name, (path, losses) in results.items():
    print(f"{name:13s} loss after {steps} steps: {losses[-1]:.2e}")

# %% [markdown]
# SGD's learning rate is capped by the steep direction (with curvature 20 it diverges for
# $\eta > 2/20$), so it zig-zags across the valley and crawls along the shallow $x$ direction.
# Momentum accumulates the consistent $x$-component and cancels the oscillating $y$-component.
# RMSprop and Adam divide each coordinate by its own gradient scale, so both directions move at a
# similar speed — at first nearly $\eta$ per step, whatever the gradient's size:

# %%
p = autograd.tensor([-8.0, 2.0], dtype=autograd.float64, requires_grad=True)
opt = optim.Adam([p], lr=0.5)
bowl(p).backward()
print("gradient:", p.grad.numpy(), "  |g_y / g_x| =", abs(p.grad.numpy()[1] / p.grad.numpy()[0]))
before = p.detach().numpy().copy()
opt.step()
print("first Adam step:", p.detach().numpy() - before, " (each coordinate moves by lr = 0.5)")

# %% [markdown]
# ## A curved valley
#
# On Rosenbrock the valley bends, so the good direction keeps changing.

# %%
steps_r = 300 if QUICK else 1500
optimizers_r = {
    "SGD": lambda ps: optim.SGD(ps, lr=1e-3),
    "momentum 0.9": lambda ps: optim.SGD(ps, lr=1e-3, momentum=0.9),
    "Nesterov 0.9": lambda ps: optim.SGD(ps, lr=1e-3, momentum=0.9, nesterov=True),
    "RMSprop": lambda ps: optim.RMSprop(ps, lr=1e-2),
    "Adam": lambda ps: optim.Adam(ps, lr=5e-2),
}
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
contours(axes[0], rosenbrock, (-2, 2), (-1, 3), np.logspace(-1, 3.5, 15))
for name, make in optimizers_r.items():
    path, losses = run(make, rosenbrock, [-1.5, 2.5], steps_r)
    axes[0].plot(path[:, 0], path[:, 1], "-", lw=1.2, label=name)
    axes[1].semilogy(losses, label=name)
axes[0].plot(1, 1, "k*", ms=12)
axes[0].set_title("Rosenbrock, start (-1.5, 2.5)")
axes[0].legend(fontsize=8)
axes[1].set_title("loss")
axes[1].set_xlabel("step")
plt.show()

# %% [markdown]
# The steep walls again cap plain SGD's learning rate, so it barely moves along the floor. Momentum
# and Nesterov build up speed along the valley (Nesterov's look-ahead damps the overshoots);
# Adam follows the floor smoothly; RMSprop, with a constant step, ends up bouncing between the walls
# (the spikes) — its effective step never shrinks below ~$\eta$ per coordinate.

# %% [markdown]
# ## The learning rate matters more than the choice of optimizer
#
# Plain SGD on the bowl with several learning rates. The steep direction has curvature 20: below
# $\eta = 2/20 = 0.1$ SGD converges, above it the $y$-coordinate overshoots further every step.

# %%
plt.figure(figsize=(6, 3.5))
for lr in (0.005, 0.03, 0.09, 0.099, 0.102):
    _, losses = run(lambda ps, lr=lr: optim.SGD(ps, lr=lr), bowl, [-8.0, 2.0], 100)
    plt.semilogy(losses, label=f"lr = {lr}")
plt.axhline(bowl(np.array([-8.0, 2.0])), color="grey", lw=0.5)
plt.xlabel("step")
plt.ylabel("loss")
plt.title("SGD on the bowl: too small crawls, too large diverges")
plt.legend(fontsize=8)
plt.show()

# %% [markdown]
# Even the best stable rate (just under 0.1) leaves the shallow $x$ direction crawling: its
# per-step contraction is $1 - 0.2\eta \approx 0.98$. Adam is far less sensitive: its steps are
# normalised by a running gradient scale, so here even $\eta = 2$ (twenty times SGD's divergence
# limit) converges, with ripples, while a too-small $\eta$ crawls because no step is much larger
# than $\eta$.

# %%
plt.figure(figsize=(6, 3.5))
for lr in (0.01, 0.1, 0.5, 2.0):
    _, losses = run(lambda ps, lr=lr: optim.Adam(ps, lr=lr), bowl, [-8.0, 2.0], 200 if QUICK else 400)
    plt.semilogy(losses, label=f"lr = {lr}")
plt.xlabel("step")
plt.ylabel("loss")
plt.title("Adam on the bowl")
plt.legend(fontsize=8)
plt.show()

# %% [markdown]
# ## Summary
#
# * All these optimizers consume the same gradient; they differ in memory (velocity, squared
#   gradient averages) and in per-coordinate scaling.
# * Momentum fixes zig-zagging in ill-conditioned valleys; Adam/RMSprop equalise the step size
#   across coordinates.
# * The learning rate is the first thing to tune: for SGD it is bounded by the sharpest
#   curvature ($\eta < 2/\lambda_{max}$).
#
# Next: [05 · An MLP on MNIST](05_mlp_mnist.ipynb) puts the engine, `nn` and `optim` together.
