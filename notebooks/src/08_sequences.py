# %% [markdown]
# # 8 · Sequences: backprop through time
#
# **One idea:** a recurrent network applies the *same* cell at every time step, so its graph is the
# cell unrolled in time, and the gradient reaching an early input is a product of one Jacobian per
# step in between. Products of many factors shrink (or explode) exponentially — unless the cell
# keeps a path along which the product stays near 1, which is what LSTM and GRU gates are for.
# We draw the unrolled graph, measure gradients through time, and see what it means for learning
# to remember.

# %%
import os

import numpy as np
import matplotlib.pyplot as plt

import autograd
import nn
import nn.functional as F
import optim
from autograd import viz

QUICK = os.environ.get("AUTOGRAD_NOTEBOOK_QUICK") == "1"
plt.rcParams["figure.dpi"] = 80
autograd.manual_seed(0)

# %% [markdown]
# ## The unrolled graph
#
# A tiny RNN: one `nn.RNNCell` applied three times, $h_t = \tanh(W_{ih}x_t + b_{ih} + W_{hh}h_{t-1} + b_{hh})$.
# Each dashed box is one *call* of the cell; the weights (blue) sit outside because every call
# shares them — their gradients are sums over time steps.

# %%
class Unrolled(nn.Module):
    def __init__(self):
        super().__init__()
        self.cell = nn.RNNCell(1, 2)

    def forward(self, xs):
        h = None
        for x in xs:
            h = self.cell(x, h)
        return h.sum()

xs = [autograd.randn(1, 1) for _ in range(3)]
viz.draw_model(Unrolled(), xs, rankdir="LR")

# %% [markdown]
# ## Gradients through time
#
# Feed random sequences of length $T$ (noise of standard deviation 0.5), take the loss at the **last** step only, and look at
# $\lVert \partial L / \partial x_t \rVert$ for every $t$: how much the loss can still "hear" an
# input from $T - t$ steps ago. One backward pass gives all of them (`x.grad[:, t]`).
#
# Besides the default initialisation we try the classic "remember by default" trick: a large bias
# on the gate that keeps the old state (LSTM forget gate, GRU update gate), so that at the start of
# training each step copies most of its memory forward.

# %%
T_probe = 30 if QUICK else 60
H = 16

def remember_init(model):
    """Bias the keep-the-old-state gate: LSTM gates are (i, f, g, o), GRU gates (r, z, n)."""
    with autograd.no_grad():
        model.bias_hh_l0[H:2 * H] = 2.0
    return model

def make_rnn(kind):
    autograd.manual_seed(0)
    if kind == "RNN (tanh)":
        return nn.RNN(1, H, batch_first=True)
    cls = nn.LSTM if kind.startswith("LSTM") else nn.GRU
    model = cls(1, H, batch_first=True)
    return remember_init(model) if "remember" in kind else model

kinds = ["RNN (tanh)", "LSTM", "GRU", "LSTM, remember init", "GRU, remember init"]

def grad_through_time(rnn, x):
    x = x.detach().requires_grad_()
    out, _ = rnn(x)
    out[:, -1].sum().backward()
    return np.sqrt((x.grad.numpy()[:, :, 0] ** 2).mean(0))

plt.figure(figsize=(7, 3.8))
for kind in kinds:
    g = grad_through_time(make_rnn(kind), 0.5 * autograd.randn(32, T_probe, 1))
    plt.semilogy(np.arange(T_probe) - (T_probe - 1), g, label=kind)
plt.xlabel("t - T   (0 = the last step)")
plt.ylabel("‖dL/dx_t‖")
plt.title("how far back the gradient reaches, at initialisation")
plt.legend(fontsize=8)
plt.show()

# %% [markdown]
# For the plain RNN every step multiplies the gradient by $W_{hh}^\top\,\mathrm{diag}(\tanh')$,
# whose norm is below 1 here: the gradient decays exponentially with distance. Default LSTM and
# GRU decay too (their gates start near 0.5, so each step keeps about half the memory), only more
# slowly. With the keep-gate biased open, the cell state is copied nearly unchanged, and gradients
# from 60 steps back stay within a few orders of magnitude.
#
# ## What it means for learning: a memory task
#
# Each sequence is $T$ steps of noise, except the first input, which is $+1$ or $-1$. The label is
# that first sign: to answer, the network must carry one bit across $T$ noisy steps, and to *learn*
# to do so, gradient from the last step must reach the first.

# %%
T = 10 if QUICK else 20
steps = 80 if QUICK else 300
rng = np.random.default_rng(0)

def batch(n):
    x = rng.normal(0, 0.5, (n, T, 1)).astype(np.float32)
    x[:, 0, 0] = rng.choice([-1.0, 1.0], n)
    return autograd.tensor(x), autograd.tensor((x[:, 0, 0] > 0).astype(np.int64))

class Classifier(nn.Module):
    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn
        self.head = nn.Linear(H, 2)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out[:, -1])      # decide from the last hidden state only

curves, trained = {}, {}
for kind in kinds:
    model = Classifier(make_rnn(kind))
    opt = optim.Adam(model.parameters(), lr=1e-2)
    acc = []
    for _ in range(steps):
        x, y = batch(64)
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        acc.append((logits.argmax(1) == y).float().mean().item())
    curves[kind], trained[kind] = acc, model

plt.figure(figsize=(7, 3.5))
for kind, acc in curves.items():
    k = 10
    plt.plot(np.convolve(acc, np.ones(k) / k, "valid"), label=kind)
plt.axhline(0.5, color="grey", lw=0.5)
plt.xlabel("training step")
plt.ylabel("batch accuracy (mean of 10)")
plt.title(f"remember the first sign across T = {T} steps")
plt.legend(fontsize=8)
plt.show()
for kind, acc in curves.items():
    print(f"{kind:22s} accuracy over the last 20 steps: {np.mean(acc[-20:]):.0%}")

# %% [markdown]
# With default gates, LSTM and GRU stay at chance here: the signal from $x_0$ arrives too weakly to
# learn from, the same vanishing we measured above. The plain RNN sits at chance for a while and then
# suddenly gets it — its recurrent weights had to grow until the first input's gradient was strong
# enough. With the keep-gate open from the start, LSTM and GRU learn within a few dozen steps.
#
# Whatever learns the task has opened a path from $x_0$ to the output — and the gradient shows it.
# The same probe as before, now on the trained networks, with sequences from the task:

# %%
plt.figure(figsize=(7, 3.5))
x_task, _ = batch(64)
for kind, model in trained.items():
    g = grad_through_time(model.rnn, x_task)
    plt.semilogy(np.arange(T) - (T - 1), g, label=kind)
plt.xlabel("t - T")
plt.ylabel("‖dL/dx_t‖")
plt.title("gradient through time after training")
plt.legend(fontsize=8)
plt.show()

# %% [markdown]
# The gated networks carry the gradient all the way back. The plain RNN solved the task differently:
# its hidden units are driven into saturation, a *latch* that holds the bit at $\tanh \approx \pm 1$.
# That remembers, but saturated units have $\tanh' \approx 0$, so almost no gradient flows back
# through them any more — the network cannot learn anything further about early inputs:

# %%
with autograd.no_grad():
    hidden, _ = trained["RNN (tanh)"].rnn(x_task)
print(f"RNN hidden units with |h| > 0.99 at the last step: {(hidden[:, -1].abs() > 0.99).float().mean().item():.0%}")

# %% [markdown]
# ## Summary
#
# * An RNN's graph is its cell unrolled in time with shared weights; backprop through time sums
#   each weight's gradient over the steps.
# * The gradient reaching step $t$ is a product of $T - t$ per-step Jacobians: it vanishes (or
#   explodes) exponentially unless something keeps that product near 1.
# * LSTM/GRU gates can keep it near 1, but only when they are open: their initialisation matters
#   as much as the architecture. Measure $\lVert\partial L/\partial x_t\rVert$ to see how far back a
#   model can learn from.
