# %% [markdown]
# # 1 · Tensors and autograd: the tape
#
# **One idea:** every operation on a tensor that `requires_grad` is *recorded*. The record is a
# graph of small "backward" functions; `backward()` walks it from the output back to the inputs,
# multiplying local derivatives together (the chain rule). Nothing is symbolic and nothing is
# approximated: each node knows one derivative rule, and the engine applies them in the right order.
#
# We start from a polynomial you can differentiate in your head and end with a picture of the
# recorded graph and a step-by-step trace of the backward pass.

# %%
import numpy as np
import matplotlib.pyplot as plt

import autograd
from autograd import viz

autograd.manual_seed(0)
plt.rcParams["figure.dpi"] = 80

# %% [markdown]
# ## A derivative you already know
#
# $f(x) = x^2 + 3x + 2$, so $f'(x) = 2x + 3$ and at $x = 2$: $f(2) = 12$, $f'(2) = 7$.
# Mark `x` as a leaf that wants a gradient, compute, call `backward()`, read `x.grad`:

# %%
x = autograd.tensor(2.0, requires_grad=True)
y = x ** 2 + 3 * x + 2
y.backward()
print("f(2)  =", y.item())
print("f'(2) =", x.grad.item(), "  (by hand: 2*2 + 3 = 7)")

# %% [markdown]
# A finite difference agrees (to the precision float32 allows):

# %%
def f(v):
    return v ** 2 + 3 * v + 2

h = 1e-3
print("(f(2+h) - f(2-h)) / 2h =", (f(2.0 + h) - f(2.0 - h)) / (2 * h))

# %% [markdown]
# ## Whole curves at once
#
# Tensors are arrays, so one backward pass gives the derivative at every point: for
# `y.sum()`, $\partial(\sum_i f(x_i))/\partial x_i = f'(x_i)$.

# %%
xs = autograd.linspace(-5, 2, 60, requires_grad=True)
ys = f(xs)
ys.sum().backward()

xv = xs.detach().numpy()
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(xv, ys.detach().numpy(), label="f(x) = x² + 3x + 2")
ax.plot(xv, xs.grad.numpy(), label="x.grad from backward()", lw=3, alpha=0.6)
ax.plot(xv, 2 * xv + 3, "k--", label="2x + 3 (by hand)")
ax.axhline(0, color="grey", lw=0.5)
ax.legend()
ax.set_xlabel("x")
plt.show()
print("max |x.grad - (2x+3)| =", np.abs(xs.grad.numpy() - (2 * xv + 3)).max())

# %% [markdown]
# ## What was recorded
#
# Each result remembers the node that made it, `grad_fn`, named like PyTorch's classes
# (`AddBackward0`, `MulBackward0`, ...). Each node points to the nodes of its inputs through
# `next_functions`; a leaf's entry is an `AccumulateGrad` node, which adds into `.grad`.

# %%
x = autograd.tensor([1.0, 2.0], requires_grad=True)
y = (x ** 2 + 3 * x + 2).sum()
def names(node):
    return [(fn.name() if fn is not None else None, nr) for fn, nr in node.next_functions]

print(y.grad_fn.name(), "->", names(y.grad_fn))
add = y.grad_fn.next_functions[0][0]
print(add.name(), "->", names(add), "  (None: the constant 2 needs no gradient)")

# %% [markdown]
# Reading `next_functions` by hand gets tedious; `viz.draw_graph` draws the whole record. Blue:
# leaves (named after your variables); grey: backward nodes with the shape and dtype of what they
# produced; green: the output. Arrows point the way the forward computation went.

# %%
viz.draw_graph(y)

# %% [markdown]
# ## A small expression, with values
#
# Now something with a few more parts (in the spirit of micrograd):
# $L = \tanh(a \cdot b + c)\cdot w$. Naming the intermediate results lets the drawing show their
# values (`show_values=True`).

# %%
a = autograd.tensor(2.0, requires_grad=True)
b = autograd.tensor(-3.0, requires_grad=True)
c = autograd.tensor(10.0, requires_grad=True)
w = autograd.tensor(-2.0, requires_grad=True)
e = a * b
d = e + c
t = (d * 0.25).tanh()
L = t * w
viz.draw_graph(L, show_values=True, rankdir="LR")

# %% [markdown]
# ## Backprop, one step at a time
#
# `viz.trace_backward(L)` runs the backward pass and records every step **in the order the engine
# runs it**: which node, the gradient that arrived ($\partial L/\partial \text{node's output}$), the
# node's local derivative rule, and what it sent on (or, for a leaf, what it added to `.grad`).

# %%
tr = viz.trace_backward(L)
tr

# %% [markdown]
# Check a few steps by hand with the chain rule:
#
# * step 1, `MulBackward0` for $L = t\,w$: incoming gradient 1; sends $w = -2$ to $t$ and $t$ to $w$.
# * `TanhBackward0`: $\partial t/\partial u = 1 - t^2$ for $u = d/4$, so $u$ receives $-2(1-t^2)$.
# * `AddBackward0` for $d = e + c$ passes the gradient unchanged to both $e$ and $c$.
# * `MulBackward0` for $e = a b$: $a$ receives $g \cdot b$ and $b$ receives $g \cdot a$.

# %%
tv = np.tanh((2.0 * -3.0 + 10.0) * 0.25)
dL_dd = -2.0 * (1 - tv ** 2) * 0.25
print("by hand: dL/dc =", dL_dd, " dL/da =", dL_dd * -3.0, " dL/db =", dL_dd * 2.0, " dL/dw =", tv)
print("engine : dL/dc =", c.grad.item(), " dL/da =", a.grad.item(), " dL/db =", b.grad.item(),
      " dL/dw =", w.grad.item())
print("(equal to float32 precision: the engine computes in the tensors' dtype, float32 by default)")

# %% [markdown]
# The same order drawn on the graph: each node is numbered with its step, each edge with the step
# that sent a gradient along it, and colours show the size of the gradient (dark = large).

# %%
viz.draw_graph(L, trace=tr, show_values=True, rankdir="LR")

# %% [markdown]
# ## Two rules of the tape worth knowing
#
# **Gradients accumulate.** `backward()` *adds* into `.grad`; that is what makes a leaf used twice
# get the sum of both contributions, and it is why training loops call `zero_grad()`.

# %%
x = autograd.tensor(3.0, requires_grad=True)
(x * x).backward()
print("after one backward :", x.grad.item())
(x * x).backward()
print("after two backwards:", x.grad.item(), " (6 + 6)")
x.grad = None

# %% [markdown]
# **Nodes keep what their derivative needs.** `y = x.pow(2)` needs `x` to compute `2x * grad`;
# `y = x.exp()` needs only its own result (`d exp(x)/dx = exp(x)`). PyTorch shows these *saved
# tensors* as `grad_fn._saved_<name>` attributes; the graph's memory is mostly these tensors.

# %%
x = autograd.tensor([1.0, 2.0, 3.0], requires_grad=True)
sq = x.pow(2)
print([n for n in dir(sq.grad_fn) if n.startswith("_saved")], " x itself:", sq.grad_fn._saved_self is x)
ex = x.exp()
print([n for n in dir(ex.grad_fn) if n.startswith("_saved")], " equal to the output:",
      ex.grad_fn._saved_result.equal(ex))
loss = (x * 2).sum()
print([n for n in dir(loss.grad_fn) if n.startswith("_saved")], " a sum keeps only the input's shape:",
      loss.grad_fn._saved_self_sym_sizes)

# %% [markdown]
# **The graph is freed after backward** (the saved tensors are released) unless you ask to keep it
# with `retain_graph=True`; a second backward through a freed graph is an error that says so.

# %%
x = autograd.tensor(3.0, requires_grad=True)
y = (x * x).sin()
y.backward()
try:
    y.backward()
except RuntimeError as err:
    print("RuntimeError:", str(err)[:120], "...")

# %% [markdown]
# **Not recording**: inside `autograd.no_grad()` (or on `t.detach()`) nothing is recorded — what
# optimizers use to update weights, and what evaluation uses to save memory.

# %%
with autograd.no_grad():
    z = x * 2
print(z.requires_grad, z.grad_fn)

# %% [markdown]
# ## Summary
#
# * A tensor with `requires_grad=True` is a leaf; every op on it records a backward node.
# * `backward()` visits the nodes from the output back, each applying one local derivative rule
#   and passing the product on: the chain rule, automated.
# * `viz.draw_graph` shows the record; `viz.trace_backward` shows the order and the numbers.
#
# Next: [02 · Backprop by hand](02_backprop_by_hand.ipynb) writes all of this out for a two-layer
# network in NumPy and checks it against the engine.
