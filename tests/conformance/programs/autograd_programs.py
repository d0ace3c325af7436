# Autograd in the style of the "A Gentle Introduction to torch.autograd" tutorial and common scripts.

# %% backward_basic strict
import torch

x = torch.tensor([2.0, 3.0], requires_grad=True)
y = x ** 2 + 3 * x
z = y.sum()
print(z, z.grad_fn, y.grad_fn.name() if hasattr(y.grad_fn, "name") else "", x.is_leaf, y.is_leaf)
z.backward()
print(x.grad, y.requires_grad, x.grad_fn, y.grad)
a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
b = torch.tensor([[0.5], [-1.0]], requires_grad=True)
out = (a @ b).tanh().mean()
out.backward()
print(out.grad_fn, a.grad, b.grad)

# %% grad_accumulation
import torch

w = torch.tensor([1.0, -1.0, 0.5], requires_grad=True)
for i in range(3):
    loss = (w * (i + 1)).pow(2).sum()
    loss.backward()
    print(i, w.grad)
w.grad.zero_()
print(w.grad)
w.grad = None
(w.exp().sum()).backward()
print(w.grad)
x = torch.ones(2, requires_grad=True)
y = (x * 3).sum()
y.backward(retain_graph=True)
y.backward()
print(x.grad)

# %% no_grad_eval strict
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    y = w * 2
print(y.requires_grad, y.grad_fn, torch.is_grad_enabled())
@torch.no_grad()
def evaluate(v):
    return (v * w).sum()
print(evaluate(torch.ones(2)).requires_grad)
with torch.no_grad():
    with torch.enable_grad():
        z = w * 3
    print(z.requires_grad)
with torch.set_grad_enabled(False):
    print((w + 1).requires_grad)
torch.set_grad_enabled(True)
with torch.inference_mode():
    print((w * 1).requires_grad)
with torch.no_grad():
    w -= 0.1 * torch.ones(2)
print(w, w.requires_grad, w.is_leaf)

# %% retain_grad_nonleaf strict
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = x * 2
h.retain_grad()
g = x + 1
out = (h * g).sum()
out.backward()
print(h.grad, x.grad, g.grad, h.retains_grad, g.retains_grad)

# %% tensor_hooks strict
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
seen = []
handle = x.register_hook(lambda g: seen.append(g.clone()))
y = x * 2
y.register_hook(lambda g: g * 10)
y.sum().backward()
print(x.grad, seen)
handle.remove()
x.grad = None
(x * x).sum().backward()
print(x.grad, len(seen))

# %% autograd_grad_penalty
import torch
import numpy as np

rng = np.random.default_rng(0)
W = torch.tensor(rng.standard_normal((3, 1)).astype(np.float32), requires_grad=True)
x = torch.tensor(rng.standard_normal((5, 3)).astype(np.float32), requires_grad=True)
out = torch.tanh(x @ W)
grads, = torch.autograd.grad(outputs=out.sum(), inputs=x, create_graph=True)
penalty = ((grads.norm(2, dim=1) - 1) ** 2).mean()
print(grads.shape, grads.requires_grad, penalty)
g2 = torch.autograd.grad(out, [x, W], grad_outputs=torch.ones_like(out), retain_graph=True)
print(len(g2), g2[1].squeeze())
penalty.backward()
print(W.grad)

# %% hessian_vector_product
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
def f(x):
    return (x ** 3).sum() + x[0] * x[1] * x[2]
y = f(x)
g, = torch.autograd.grad(y, x, create_graph=True)
v = torch.tensor([1.0, 0.0, -1.0])
hv, = torch.autograd.grad(g, x, grad_outputs=v)
print(g, hv)
t = torch.tensor(2.0, requires_grad=True)
y = t ** 4
d1, = torch.autograd.grad(y, t, create_graph=True)
d2, = torch.autograd.grad(d1, t, create_graph=True)
d3, = torch.autograd.grad(d2, t)
print(d1, d2, d3)
H = torch.stack([torch.autograd.grad(gi, x, retain_graph=True)[0] for gi in torch.autograd.grad(f(x), x, create_graph=True)[0]])
print(H)

# %% custom_function
import torch

class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input

class ScaledMul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, scale):
        ctx.save_for_backward(a, b)
        ctx.scale = scale
        return a * b * scale

    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        ga = g * b * ctx.scale if ctx.needs_input_grad[0] else None
        gb = g * a * ctx.scale if ctx.needs_input_grad[1] else None
        return ga, gb, None

x = torch.tensor([-1.0, 0.5, 2.0], requires_grad=True)
y = MyReLU.apply(x)
(y * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(y, x.grad, type(y.grad_fn).__name__)
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0])
out = ScaledMul.apply(a, b, 0.5)
out.sum().backward()
print(out, a.grad, b.grad)

# %% custom_function_exp
import torch

class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output * result

class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input ** 2 - 1)

x = torch.linspace(-1, 1, 5, requires_grad=True)
P3 = LegendrePolynomial3.apply
y = P3(x) + Exp.apply(x)
y.sum().backward()
print(y, x.grad)

# %% detach_and_data strict
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
d = y.detach()
print(d.requires_grad, d.grad_fn, y.requires_grad)
z = (y * d).sum()
z.backward()
print(x.grad)
w = torch.tensor([1.0, 2.0], requires_grad=True)
w.data.mul_(10)
print(w, w.requires_grad)
q = torch.ones(3)
print(q.requires_grad, q.requires_grad_().requires_grad, q.is_leaf)
r = torch.tensor([3.0]).requires_grad_(True)
(r * r).backward()
print(r.grad)

# %% nonscalar_backward
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x
y.backward(torch.tensor([0.1, 1.0, 10.0]))
print(x.grad)
try:
    (x * 2).backward()
except RuntimeError:
    print("RuntimeError: grad can be implicitly created only for scalar outputs")
J = torch.stack([torch.autograd.grad(yi, x, retain_graph=True)[0] for yi in (x ** 2 + x.sum())])
print(J)

# %% err_backward_twice
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x.exp() * x).sum()
y.backward()
print(x.grad)
try:
    y.backward()
except RuntimeError:
    print("RuntimeError")
leaf = torch.ones(2, requires_grad=True)
try:
    leaf.add_(1)
except RuntimeError:
    print("RuntimeError leaf")
a = torch.ones(3, requires_grad=True)
b = a.sigmoid()
b.mul_(2)
try:
    b.sum().backward()
except RuntimeError:
    print("RuntimeError inplace")
c = a.exp()
c += 1
c.sum().backward()
print(a.grad)
print(torch.autograd.grad((a * 2).sum(), a))
try:
    torch.autograd.grad((a * 2).sum(), torch.ones(3, requires_grad=True))
except RuntimeError:
    print("RuntimeError unused")
print(torch.autograd.grad((a * 2).sum(), [a, torch.ones(3, requires_grad=True)], allow_unused=True)[1])

# %% grad_of_ops
import torch
import numpy as np

rng = np.random.default_rng(3)
x = torch.tensor(rng.standard_normal((3, 4)).astype(np.float32), requires_grad=True)
ops = {
    "softmax": lambda t: torch.softmax(t, dim=1)[:, 0].sum(),
    "logsumexp": lambda t: torch.logsumexp(t, 1).sum(),
    "max": lambda t: t.max(dim=1)[0].sum(),
    "norm": lambda t: t.norm(),
    "std": lambda t: t.std(0).sum(),
    "where": lambda t: torch.where(t > 0, t, t * 0.1).sum(),
    "index": lambda t: t[:, [0, 2]].pow(2).sum() + t[1].sum(),
    "cat": lambda t: torch.cat([t, t * 2], 0).prod(0).sum(),
    "abs": lambda t: t.abs().sum(),
    "clamp": lambda t: t.clamp(-0.5, 0.5).sum(),
    "sigmoid": lambda t: (t.sigmoid() * t).sum(),
    "matmul": lambda t: (t @ t.T).trace() if hasattr(t, "trace") else (t @ t.T).diagonal().sum(),
    "expand": lambda t: (t[:, :1].expand(3, 4) * t).sum(),
    "cumsum": lambda t: t.cumsum(1).sum(),
    "masked": lambda t: t.masked_fill(t < 0, 0).sum(),
    "view": lambda t: t.view(2, 6).transpose(0, 1).reshape(-1)[::3].sum(),
    "div": lambda t: (1 / (t ** 2 + 1)).sum(),
    "mean_keep": lambda t: (t - t.mean(1, keepdim=True)).pow(2).mean(),
}
for name, fn in ops.items():
    x.grad = None
    fn(x).backward()
    print(name, x.grad.sum().item(), x.grad[0])

# %% jacobian_vs_manual
import torch

def model(x, w):
    return torch.sigmoid(x @ w)

x = torch.tensor([[1.0, 2.0], [0.5, -1.0]])
w = torch.tensor([[0.1, -0.2], [0.3, 0.4]], requires_grad=True)
y = model(x, w)
rows = []
for i in range(y.numel()):
    g, = torch.autograd.grad(y.view(-1)[i], w, retain_graph=True)
    rows.append(g.view(-1))
print(torch.stack(rows))

# %% requires_grad_propagation strict
import torch

a = torch.ones(2)
b = torch.ones(2, requires_grad=True)
c = a + b
print(c.requires_grad, (a * 2).requires_grad, c.detach().requires_grad, torch.zeros(2).requires_grad)
print((b > 0).requires_grad, b.argmax().requires_grad, b.long().requires_grad, b.double().requires_grad)
print(b.sum().grad_fn, (b * 2).grad_fn, b[0].grad_fn, b.view(2, 1).grad_fn, b.t().grad_fn if b.dim() < 2 else None)
print(c.grad_fn.next_functions[1][0].__class__.__name__, c.grad_fn.next_functions[0])
