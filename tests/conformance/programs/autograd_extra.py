# Autograd semantics beyond the basics: custom Functions, hooks, autograd.grad options,
# higher-order gradients, in-place/version errors, grad modes, graph structure, autograd.functional.

# %% fn_ctx_features strict
import torch

class MulAdd(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, c):
        print("needs", ctx.needs_input_grad)
        ctx.save_for_backward(a, b)
        return a * b + c

    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        print("needs in backward", ctx.needs_input_grad)
        return g * b, g * a, None

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0])
c = torch.tensor([0.5, 0.5], requires_grad=True)
y = MulAdd.apply(a, b, c)
print(y, y.requires_grad, y.is_leaf, type(y.grad_fn).__name__)
y.sum().backward()
print(a.grad, b.grad, c.grad)
with torch.no_grad():
    z = MulAdd.apply(a, b, c)
print(z.requires_grad, z.grad_fn)
z2 = MulAdd.apply(b, b, b)
print(z2.requires_grad, z2.grad_fn)

class Mul(torch.autograd.Function):
    @staticmethod
    def forward(x, y):
        return x * y

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, y = inputs
        ctx.save_for_backward(x, y)

    @staticmethod
    def backward(ctx, g):
        x, y = ctx.saved_tensors
        return g * y, g * x

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
out = Mul.apply(a, b)
out.sum().backward()
print(out, a.grad, b.grad)

class Sq(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def vjp(ctx, g):
        x, = ctx.saved_tensors
        return 2 * x * g

x = torch.tensor([1.0, 3.0], requires_grad=True)
Sq.apply(x).sum().backward()
print(x.grad)

class Scale(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k=2.0):
        ctx.k = k
        return x * k

    @staticmethod
    def backward(ctx, g):
        return g * ctx.k, None

x = torch.tensor([1.0, 3.0], requires_grad=True)
print(Scale.apply(x))
try:
    y = Scale.apply(x, k=3.0)
    y.sum().backward()
    print(y, x.grad)
except TypeError as e:
    print(type(e).__name__)

# %% fn_non_differentiable strict
import torch

class SortWithIdx(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        vals, idx = x.sort()
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(idx)
        return vals, idx

    @staticmethod
    def backward(ctx, gv, gi):
        idx, = ctx.saved_tensors
        print("gi", gi)
        out = torch.zeros_like(gv)
        out[idx] = gv
        return out

x = torch.tensor([3.0, 1.0, 2.0], requires_grad=True)
v, i = SortWithIdx.apply(x)
print(v, i, v.requires_grad, i.requires_grad)
(v * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
print(x.grad)

class TwoOut(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2, x * 3

    @staticmethod
    def backward(ctx, g1, g2):
        print("g1", g1, "g2", g2)
        return (g1 if g1 is not None else 0) + (g2 if g2 is not None else 0)

x = torch.tensor([1.0, 2.0], requires_grad=True)
p, q = TwoOut.apply(x)
p.sum().backward()
print(x.grad)

class TwoOutNoMat(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        return x.clone(), x.clone()

    @staticmethod
    def backward(ctx, g1, g2):
        print("g1", g1, "g2", g2)
        r = torch.zeros(2)
        if g1 is not None:
            r = r + g1
        if g2 is not None:
            r = r + 2 * g2
        return r

x = torch.tensor([1.0, 2.0], requires_grad=True)
p, q = TwoOutNoMat.apply(x)
q.sum().backward()
print(x.grad)

# %% fn_mark_dirty strict
import torch

class AddOneInplace(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        x.add_(1)
        ctx.mark_dirty(x)
        return x

    @staticmethod
    def backward(ctx, g):
        return g * 1

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 2
c = AddOneInplace.apply(b)
print(c is b, c, type(c.grad_fn).__name__, b._version)
(c * c).sum().backward()
print(a.grad)

# %% fn_once_differentiable
import torch
from torch.autograd.function import once_differentiable

class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        x, = ctx.saved_tensors
        print("inside", g.requires_grad, torch.is_grad_enabled())
        return 3 * x ** 2 * g

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = Cube.apply(x).sum()
g, = torch.autograd.grad(y, x)
print(g, g.requires_grad)

class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return 2 * x * g

y = Square.apply(x).sum()
g, = torch.autograd.grad(y, x, create_graph=True)
g2, = torch.autograd.grad(g.sum(), x)
print(g, g2)

class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return 3 * x ** 2 * g

x = torch.tensor([1.0, 2.0], requires_grad=True)
g, = torch.autograd.grad(Cube.apply(x).sum(), x, create_graph=True)
print(g, g.requires_grad)
try:
    g.sum().backward()
    print("ok", x.grad)
except RuntimeError as e:
    print(type(e).__name__)

# %% fn_saved_tensor_errors
import torch

class Id(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clone()

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * x

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 1
y = Id.apply(b)
b.mul_(3)
try:
    y.sum().backward()
except RuntimeError as e:
    print(type(e).__name__)
y = Id.apply(a * 1)
y.sum().backward(retain_graph=False)
try:
    y.sum().backward()
except RuntimeError as e:
    print(type(e).__name__)
print(a.grad)

class BadCount(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        return x + y

    @staticmethod
    def backward(ctx, g):
        return g

try:
    BadCount.apply(a, a).sum().backward()
except RuntimeError as e:
    print(type(e).__name__)

class WrongShape(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return torch.ones(3)

class GradForNonTensor(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k):
        return x * k

    @staticmethod
    def backward(ctx, g):
        return g, torch.ones(1)

class ReturnsInput(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x

    @staticmethod
    def backward(ctx, g):
        return g * 5

x = torch.tensor([1.0, 2.0], requires_grad=True)
for F_, args in ((WrongShape, (x,)), (GradForNonTensor, (x, 3.0))):
    try:
        F_.apply(*args).sum().backward()
        print("ok", x.grad)
    except RuntimeError as e:
        print(type(e).__name__)
x.grad = None
y = ReturnsInput.apply(x)
print(y is x, y.grad_fn.name(), y.is_leaf)
y.sum().backward()
print(x.grad)
try:
    class BadSave(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x, 3)
            return x * 1
        @staticmethod
        def backward(ctx, g):
            return g
    BadSave.apply(x)
    print("ok")
except TypeError as e:
    print(type(e).__name__)

# %% hooks_tensor_more strict
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = x * 2
calls = []
h1 = h.register_hook(lambda g: calls.append(("h1", g.tolist())))
h2 = h.register_hook(lambda g: g + 1)
h3 = h.register_hook(lambda g: calls.append(("h3", g.tolist())))
h.retain_grad()
(h ** 2).sum().backward()
print(calls)
print(h.grad, x.grad)
h2.remove()
h2.remove()
calls.clear()
x.grad = None
h = x * 2
h.retain_grad()
h.register_hook(lambda g: g * 0)
(h ** 2).sum().backward()
print(h.grad, x.grad)
x.grad = None
xh = x.register_hook(lambda g: g * 100)
(x * 1).sum().backward()
print(x.grad)
xh.remove()
(x * 1).sum().backward()
print(x.grad)
try:
    torch.ones(2).register_hook(lambda g: g)
except RuntimeError as e:
    print(type(e).__name__)

# %% hooks_retain_grad_more strict
import torch

x = torch.tensor([1.0, -2.0], requires_grad=True)
y = x.exp()
print(y.retains_grad, x.retains_grad, y.grad)
y.retain_grad()
y.retain_grad()
z = y * y
z.retain_grad()
z.sum().backward(retain_graph=True)
print(y.grad, z.grad, x.grad)
z.sum().backward()
print(y.grad, z.grad)
x.retain_grad()
print(x.retains_grad)
v = x[0]
v.retain_grad()
(v * 3).backward()
print(v.grad, v.is_leaf, x.grad)

# %% module_forward_hooks strict
import torch
import torch.nn as nn

torch.manual_seed(0)
lin = nn.Linear(3, 2)
log = []

def pre(mod, args):
    log.append(("pre", type(mod).__name__, len(args), tuple(args[0].shape)))
    return (args[0] * 2,)

def post(mod, args, out):
    log.append(("post", tuple(args[0].shape), tuple(out.shape)))
    return out + 1

x = torch.ones(4, 3)
hp = lin.register_forward_pre_hook(pre)
hf = lin.register_forward_hook(post)
y = lin(x)
hp.remove()
hf.remove()
y2 = lin(x)
print(log)
print(torch.allclose(y, lin(2 * x) + 1), torch.allclose(y2, lin(x)))

class Scale(nn.Module):
    def forward(self, x, scale=1.0):
        return x * scale

m = Scale()
def pre_kw(mod, args, kwargs):
    log.append(("prekw", len(args), sorted(kwargs)))
    kwargs = dict(kwargs)
    kwargs["scale"] = 10.0
    return args, kwargs

def post_kw(mod, args, kwargs, out):
    log.append(("postkw", sorted(kwargs), out.tolist()))

m.register_forward_pre_hook(pre_kw, with_kwargs=True)
m.register_forward_hook(post_kw, with_kwargs=True)
log.clear()
print(m(torch.tensor([1.0, 2.0]), scale=3.0))
print(log)

# %% module_backward_hooks
import torch
import torch.nn as nn

torch.manual_seed(0)
lin = nn.Linear(3, 2)
log = []

def bpre(mod, grad_output):
    log.append(("bpre", [tuple(g.shape) for g in grad_output]))

def bhook(mod, grad_input, grad_output):
    log.append(("bwd", [None if g is None else tuple(g.shape) for g in grad_input],
                [tuple(g.shape) for g in grad_output]))

lin.register_full_backward_pre_hook(bpre)
lin.register_full_backward_hook(bhook)
x = torch.randn(4, 3, requires_grad=True)
lin(x).sum().backward()
print(log)
log.clear()
lin(torch.randn(4, 3)).sum().backward()
print(log)

def double_in(mod, grad_input, grad_output):
    return (grad_input[0] * 2,)

m = nn.ReLU()
m.register_full_backward_hook(double_in)
x = torch.tensor([1.0, -1.0, 2.0], requires_grad=True)
m(x).sum().backward()
print(x.grad)

def scale_out(mod, grad_output):
    return (grad_output[0] * 3,)

m2 = nn.Tanh()
m2.register_full_backward_pre_hook(scale_out)
x2 = torch.tensor([0.0, 1.0], requires_grad=True)
m2(x2).sum().backward()
print(x2.grad.tolist())

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
order = []
for name, m in net.named_children():
    m.register_forward_hook(lambda mod, i, o, name=name: order.append(("f", name, tuple(o.shape))))
    m.register_full_backward_hook(lambda mod, gi, go, name=name: order.append(("b", name, tuple(go[0].shape))))
net[0].register_forward_hook(lambda m, i, o: order.append(("first", 0)), prepend=True)
x = torch.randn(4, 2, requires_grad=True)
net(x).sum().backward()
print(order)

class Two(nn.Module):
    def forward(self, a, b):
        return a * b, a + b

t = Two()
got = []
t.register_full_backward_hook(lambda m, gi, go: got.append(([None if g is None else tuple(g.shape) for g in gi], [None if g is None else tuple(g.shape) for g in go])))
a = torch.ones(2, requires_grad=True)
p, q = t(a, torch.ones(2, requires_grad=True))
(p + 2 * q).sum().backward()
print(got)
try:
    m = nn.Linear(2, 2)
    m.register_forward_hook(lambda mod, i, o: (o, o))
    out = m(torch.ones(1, 2))
    print(type(out).__name__, len(out))
except Exception as e:
    print(type(e).__name__)

class TwoOut(nn.Module):
    def forward(self, a, b):
        return a * b, a + b

t = TwoOut()
got2 = []
t.register_full_backward_pre_hook(lambda m, go: got2.append(("pre", [None if g is None else g.tolist() for g in go])))
t.register_full_backward_hook(lambda m, gi, go: got2.append(([None if g is None else g.tolist() for g in gi], [None if g is None else g.tolist() for g in go])))
a = torch.ones(2, requires_grad=True)
b = torch.full((2,), 2.0, requires_grad=True)
p, q = t(a, b)
p.sum().backward()
print(got2, a.grad, b.grad)
got2.clear()
p, q = t(a, b)
(3 * q).sum().backward()
print(got2)

# %% grad_api_options strict
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
u = torch.tensor([3.0], requires_grad=True)
y = (x ** 2).sum()
gx, gu = torch.autograd.grad(y, [x, u], allow_unused=True, retain_graph=True)
print(gx, gu)
gx, gu = torch.autograd.grad(y, [x, u], allow_unused=True, materialize_grads=True, retain_graph=True)
print(gx, gu)
g, = torch.autograd.grad(y, x)
print(g, g.requires_grad, x.grad)
try:
    torch.autograd.grad(y, x)
except RuntimeError as e:
    print(type(e).__name__)
v = x * torch.tensor([2.0, 3.0])
g, = torch.autograd.grad(v, x, grad_outputs=torch.tensor([1.0, -1.0]))
print(g)
try:
    torch.autograd.grad(x * 2, x)
except RuntimeError as e:
    print(type(e).__name__)
a = x * 2
b = x * 3
ga, = torch.autograd.grad([a.sum(), b.sum()], x, retain_graph=True)
print(ga)
ga, = torch.autograd.grad([a, b], x, grad_outputs=[torch.ones(2), torch.full((2,), 2.0)])
print(ga)
g, = torch.autograd.grad((x * x).sum(), x, create_graph=True)
print(g.requires_grad, g.grad_fn is not None)
try:
    torch.autograd.grad((x * 1).sum(), torch.ones(2))
except RuntimeError as e:
    print(type(e).__name__)

w = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([0.5], requires_grad=True)
loss = (w * 3 + b).pow(2).sum()
loss.backward(inputs=[w])
print(w.grad, b.grad)
loss = (w * 3 + b).pow(2).sum()
torch.autograd.backward([loss], inputs=[b])
print(w.grad, b.grad)
y = w * 2
torch.autograd.backward([y], grad_tensors=[torch.tensor([1.0, -1.0])])
print(w.grad)
try:
    y2 = w * 2
    y2.backward(torch.ones(3))
except RuntimeError as e:
    print(type(e).__name__)
try:
    torch.tensor([1, 2], requires_grad=True)
except RuntimeError as e:
    print(type(e).__name__)
with torch.no_grad():
    t = torch.ones(2, requires_grad=True)
print(t.requires_grad, t.is_leaf)
try:
    torch.autograd.grad([(w * 2).sum(), torch.ones(1).sum()], w)
except RuntimeError as e:
    print(type(e).__name__)

x = torch.tensor([1.0, 2.0], requires_grad=True)
try:
    torch.ones(2).sum().backward()
except RuntimeError as e:
    print(type(e).__name__)
try:
    torch.autograd.grad((x * 2).sum(), x, materialize_grads=True)
    print("ok")
except ValueError as e:
    print(type(e).__name__)
x.register_hook(lambda g: torch.ones(3))
try:
    (x * 2).sum().backward()
except RuntimeError as e:
    print(type(e).__name__)
y = torch.tensor([1.0, 2.0], requires_grad=True)
h = y * 2
z = (h * h).sum()
z.backward(inputs=[h])
print(h.grad, y.grad)
try:
    y[0].requires_grad_(False)
except RuntimeError as e:
    print(type(e).__name__)
p = torch.nn.Parameter(torch.ones(2))
v0 = p._version
with torch.no_grad():
    p.mul_(2)
print(p._version - v0, p.requires_grad, p.is_leaf)
q = torch.ones(2, requires_grad=True)
q.grad = torch.ones(2, requires_grad=True)
print(q.grad.requires_grad)
r = torch.ones(1, requires_grad=True)
out = r * 2
out.backward(torch.ones(1, dtype=torch.float64))
print(r.grad.dtype)
a = torch.ones(2, 3, requires_grad=True)
(a + torch.ones(3)).sum().backward()
b = torch.ones(1, 3, requires_grad=True)
(b * torch.ones(4, 3)).sum().backward()
print(a.grad.shape, b.grad)

# %% higher_order_more
import torch

x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
y = (x ** 3).sum()
d1, = torch.autograd.grad(y, x, create_graph=True)
d2, = torch.autograd.grad(d1.sum(), x, create_graph=True)
d3, = torch.autograd.grad(d2.sum(), x)
print(d1, d2, d3)
t = torch.tanh(x)
g1, = torch.autograd.grad(t.sum(), x, create_graph=True)
g2, = torch.autograd.grad(g1.sum(), x)
print([round(v, 4) for v in g1.tolist()], [round(v, 4) for v in g2.tolist()])
s = torch.sigmoid(x)
g1, = torch.autograd.grad(s.sum(), x, create_graph=True)
g2, = torch.autograd.grad(g1.sum(), x)
print([round(v, 4) for v in g2.tolist()])
w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
z = torch.tensor([1.0, -1.0], requires_grad=True)
f = (w @ z).pow(2).sum() + (z.exp() * z).sum()
gz, = torch.autograd.grad(f, z, create_graph=True)
vec = torch.tensor([1.0, 2.0])
hv, = torch.autograd.grad(gz @ vec, z, retain_graph=True)
print([round(v, 4) for v in hv.tolist()])
gz.sum().backward()
print(w.grad, [round(v, 4) for v in z.grad.tolist()])
q = torch.tensor(1.5, requires_grad=True)
y = torch.log(q) * q.sin()
g, = torch.autograd.grad(y, q, create_graph=True)
h, = torch.autograd.grad(g, q)
print(round(g.item(), 4), round(h.item(), 4))

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x ** 3).sum()
y.backward(create_graph=True)
print(x.grad.tolist(), x.grad.requires_grad, x.grad.grad_fn is not None)
g = x.grad
x.grad = None
g.sum().backward()
print(x.grad)
x.grad = None
w = torch.tensor([1.0], requires_grad=True)
loss = (w ** 2).sum()
loss.backward()
print(w.grad.requires_grad, w.grad.grad_fn)
try:
    w.grad = torch.ones(1, dtype=torch.float64)
except RuntimeError as e:
    print(type(e).__name__)
print(w.grad.dtype)

import torch.nn as nn
import torch.nn.functional as F

model = nn.Linear(3, 1)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[0.1, -0.2, 0.3]]))
    model.bias.fill_(0.05)
x = torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]])
y = torch.tensor([[1.0], [0.0]])
loss = F.mse_loss(model(x), y)
grads = torch.autograd.grad(loss, model.parameters(), create_graph=True)
fast = [p - 0.1 * g for p, g in zip(model.parameters(), grads)]
loss2 = F.mse_loss(F.linear(x, fast[0], fast[1]), y)
loss2.backward()
print(round(loss.item(), 4), round(loss2.item(), 4), [round(v, 4) for v in model.weight.grad.view(-1).tolist()], round(model.bias.grad.item(), 4))
model.requires_grad_(False)
xi = torch.ones(1, 3, requires_grad=True)
model(xi).sum().backward()
print(model.weight.grad is not None, xi.grad, model.weight.requires_grad)

# %% double_backward_nn atol=1e-4 rtol=1e-3
import torch
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(0)
x0 = rng.standard_normal((2, 3, 5, 5)).astype(np.float32)
w0 = rng.standard_normal((4, 3, 3, 3)).astype(np.float32) * 0.3
fns = {
    "gelu": lambda x, w: F.gelu(x).pow(2).sum(),
    "softplus": lambda x, w: F.softplus(x).pow(2).sum(),
    "elu": lambda x, w: F.elu(x).pow(2).sum(),
    "silu": lambda x, w: F.silu(x).pow(2).sum(),
    "log_softmax": lambda x, w: (F.log_softmax(x.flatten(1), 1) * torch.arange(75.0)).sum(),
    "ce": lambda x, w: F.cross_entropy(x.flatten(1)[:, :6] * 2, torch.tensor([1, 4])),
    "mse": lambda x, w: F.mse_loss(x.sin(), x.cos()),
    "layer_norm": lambda x, w: (F.layer_norm(x, (5,)) * x).sum(),
    "conv2d": lambda x, w: F.conv2d(x, w, padding=1).pow(2).sum(),
    "conv2d_tanh": lambda x, w: torch.tanh(F.conv2d(x, w)).sum(),
    "max_pool": lambda x, w: F.max_pool2d(x * x, 2).sum(),
    "avg_pool": lambda x, w: F.avg_pool2d(x * x, 2).sum(),
    "linear": lambda x, w: F.linear(x.flatten(1)[:, :27], w.flatten(1)).pow(2).sum(),
    "batch_norm": lambda x, w: (F.batch_norm(x, None, None, training=True) ** 2 * x).sum(),
    "bce_logits": lambda x, w: F.binary_cross_entropy_with_logits(x, torch.sigmoid(x.detach() * 0.5)),
    "softmax": lambda x, w: (F.softmax(x, -1) ** 2).sum(),
    "leaky_relu_sq": lambda x, w: (F.leaky_relu(x, 0.1) * x).sum(),
    "norm": lambda x, w: x.norm(dim=1).sum(),
}
for name, f in fns.items():
    x = torch.tensor(x0, requires_grad=True)
    w = torch.tensor(w0, requires_grad=True)
    y = f(x, w)
    gx, = torch.autograd.grad(y, x, create_graph=True)
    pen = (gx ** 2).sum()
    pen.backward()
    print(name, round(pen.item(), 3), round(x.grad.abs().sum().item(), 3),
          None if w.grad is None else round(w.grad.abs().sum().item(), 3))

# %% inplace_leaf_view_errors strict
import torch

leaf = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
for fn in (lambda: leaf.mul_(2), lambda: leaf[0].fill_(0), lambda: leaf.view(3).zero_(),
           lambda: leaf.__setitem__(0, 5.0), lambda: leaf.exp_()):
    try:
        fn()
        print("ok")
    except RuntimeError as e:
        print(type(e).__name__)
with torch.no_grad():
    leaf[0] = 10.0
    leaf.mul_(2)
print(leaf, leaf.is_leaf, leaf.requires_grad, leaf.grad_fn)
base = torch.zeros(4, requires_grad=True)
c = base.clone()
v = c[1:3]
v.mul_(0).add_(torch.tensor([1.0, 2.0], requires_grad=True))
print(type(c.grad_fn).__name__, type(v.grad_fn).__name__, v._version, c._version)
c.sum().backward()
print(base.grad)
d = torch.ones(3, requires_grad=True).clone()
e = d.sin()
d.add_(1)
try:
    e.sum().backward()
except RuntimeError as ex:
    print(type(ex).__name__)
f = d.exp()
d.add_(1)
try:
    f.sum().backward()
except RuntimeError as ex:
    print(type(ex).__name__)
g = d * 2
d.add_(1)
g.sum().backward()
print("mul by constant ok")

# %% views_inplace strict
import torch

def attempt(label, fn):
    try:
        r = fn()
        print(label, "ok", r)
    except RuntimeError as e:
        print(label, type(e).__name__)

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
y = x * 1
a, b = y.unbind(0)
attempt("unbind_inplace", lambda: a.mul_(2))
s0, s1 = y.split(1)
attempt("split_inplace", lambda: s0.add_(1))
c0, c1 = y.chunk(2)
attempt("chunk_inplace", lambda: c1.zero_())
with torch.no_grad():
    v = y[0]
attempt("nograd_view_inplace", lambda: v.mul_(2))
z = x * 1
z.t_()
z.unsqueeze_(0)
print(z.shape, z.grad_fn.name())
z.sum().backward()
print(x.grad)
x.grad = None
w = x * 1
d = w.detach()
d.add_(1)
attempt("detach_inplace_backward", lambda: (w * w).sum().backward())
x.grad = None
q = x * 1
qq = q * q
q.data.add_(1)
qq.sum().backward()
print(x.grad)
x.grad = None
base = x.clone()
r0 = base[0]
r1 = base[1]
r0.mul_(10)
(r1.sum() + base.sum()).backward()
print(x.grad, r0.grad_fn.name(), type(base.grad_fn).__name__)
x.grad = None
e = x.exp()
ev = e.view(4)
ev[0] = 0.0
attempt("saved_output_view_modified", lambda: e.sum().backward())
p = x.sigmoid()
p.view(-1)[1:].zero_()
attempt("sigmoid_view_modified", lambda: p.sum().backward())
m = x * 2
m.view(4).mul_(3)
m.sum().backward()
print(x.grad)

# %% version_counter strict
import torch

a = torch.ones(3, requires_grad=True)
b = a * 1
print(b._version)
b.add_(1)
b[0] = 5.0
print(b._version)
v = b.view(3)
v.mul_(2)
print(b._version, v._version)
d = b.detach()
d.zero_()
print(b._version, d._version, b)
w = torch.ones(2, requires_grad=True)
x = w.sigmoid()
y = x.clone()
x.mul_(3)
try:
    y.sum().backward()
    print(w.grad)
except RuntimeError as e:
    print(type(e).__name__)
x2 = w.exp()
y2 = x2[0] * 1
x2[1] = 0.0
try:
    y2.backward()
    print(w.grad)
except RuntimeError as e:
    print(type(e).__name__)
p = torch.ones(2, requires_grad=True)
q = p.tanh()
r = q * q
q.add_(0)
try:
    r.sum().backward()
except RuntimeError as e:
    print(type(e).__name__)

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x + 1).sum()
y.backward()
try:
    y.backward()
    print("second ok", x.grad)
except RuntimeError as e:
    print(type(e).__name__)
z = x.view(2, 1).t().sum()
z.backward()
z.backward()
print("second ok", x.grad)
q = x.exp().sum()
q.backward()
try:
    q.backward()
except RuntimeError as e:
    print(type(e).__name__)

# %% detach_requires_grad_interplay strict
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
z = y.detach_()
print(z is y, y.requires_grad, y.grad_fn, y.is_leaf)
y.requires_grad_()
print(y.requires_grad, y.is_leaf)
(y * 3).sum().backward()
print(y.grad, x.grad)
n = x * 2
try:
    n.requires_grad_(False)
except RuntimeError as e:
    print(type(e).__name__)
try:
    torch.tensor([1, 2]).requires_grad_()
except RuntimeError as e:
    print(type(e).__name__)
l = torch.ones(2)
l.requires_grad = True
print(l.requires_grad, l.is_leaf)
l.requires_grad = False
print(l.requires_grad)
k = x.detach()
k.requires_grad_(True)
(k * 5).sum().backward()
print(k.grad, x.grad)
v = x.view(2)
try:
    v.detach_()
except RuntimeError as e:
    print(type(e).__name__)

# %% grad_modes_decorators strict
import torch

w = torch.ones(2, requires_grad=True)

@torch.no_grad()
def f1(x):
    return x * w, torch.is_grad_enabled()

@torch.enable_grad()
def f2(x):
    return x * w, torch.is_grad_enabled()

@torch.inference_mode()
def f3(x):
    return x * w, torch.is_inference_mode_enabled()

@torch.no_grad
def f4(x):
    return x * w

@torch.set_grad_enabled(False)
def f5(x):
    return x * w

r, e = f1(torch.ones(2))
print(r.requires_grad, e, torch.is_grad_enabled())
with torch.no_grad():
    r, e = f2(torch.ones(2))
    print(r.requires_grad, e, torch.is_grad_enabled())
r, e = f3(torch.ones(2))
print(r.requires_grad, e, torch.is_inference_mode_enabled())
print(f4(torch.ones(2)).requires_grad, f5(torch.ones(2)).requires_grad, torch.is_grad_enabled())
with torch.inference_mode(False):
    print((w * 2).requires_grad)
with torch.inference_mode():
    t = torch.ones(2)
    with torch.inference_mode(False):
        print(torch.is_inference_mode_enabled(), torch.is_grad_enabled())
print(t.requires_grad)
prev = torch.is_grad_enabled()
torch.set_grad_enabled(False)
print(torch.is_grad_enabled(), (w * 2).requires_grad)
torch.set_grad_enabled(prev)
with torch.no_grad():
    g = torch.set_grad_enabled(True)
    print(torch.is_grad_enabled(), (w * 2).requires_grad)
print(torch.is_grad_enabled())

# %% grad_mode_generator strict
import torch

w = torch.ones(2, requires_grad=True)

@torch.no_grad()
def gen():
    yield (w * 2).requires_grad
    yield torch.is_grad_enabled()

it = gen()
print(next(it), torch.is_grad_enabled(), next(it), torch.is_grad_enabled())
print(list(gen()), torch.is_grad_enabled())

# %% inference_tensors strict
import torch

w = torch.ones(2, requires_grad=True)
with torch.inference_mode():
    t = torch.ones(2)
    u = w * 2
print(t.is_inference(), u.is_inference(), w.is_inference(), u.requires_grad)
try:
    (t * w).sum().backward()
    print("ok", w.grad)
except RuntimeError as e:
    print(type(e).__name__)
try:
    t.add_(1)
    print("ok", t)
except RuntimeError as e:
    print(type(e).__name__)

# %% graph_structure strict
import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
c = a * b
d = c + a
e = d.sum()
print(e.grad_fn.name(), e.grad_fn.next_functions[0][0].name())
nf = d.grad_fn.next_functions
print([(type(n).__name__, i) for n, i in nf])
mul = nf[0][0]
print([(type(n).__name__, i) for n, i in mul.next_functions])
print(mul.next_functions[0][0].variable is a, mul.next_functions[1][0].variable is b)
k = torch.tensor([1.0, 2.0])
m = a * k + 1
print([(type(n).__name__ if n is not None else None, i) for n, i in m.grad_fn.next_functions])
print([(type(n).__name__ if n is not None else None, i) for n, i in m.grad_fn.next_functions[0][0].next_functions])
u, s = a.unbind(0) if False else (a[0], a[1])
print(type(u.grad_fn).__name__, a.grad_fn, a.is_leaf, c.is_leaf, k.is_leaf)
q, r = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True).max(dim=1)
print(type(q.grad_fn).__name__, r.grad_fn, r.requires_grad)
p0, p1 = (a * 2).split(1)
print(type(p0.grad_fn).__name__, p0._output_nr if hasattr(p0, "_output_nr") else 0, p1.output_nr if hasattr(p1, "output_nr") else 1)
print(c.grad_fn is d.grad_fn.next_functions[0][0])

# %% next_functions_arity strict
import torch

x = torch.ones(2, 3, requires_grad=True)
k = torch.ones(2, 3)
outs = [x.sum(), x.sum(1), x.mean(0), x ** 2, x.view(6), x.t(), x[0], x[:, 1:], torch.cat([x, k]),
        torch.stack([x, k]), torch.where(k > 0, x, k), x.masked_fill(k > 0, 0.0), x.softmax(1), x.clamp(min=0),
        x.gather(1, torch.tensor([[0], [1]])), x.unsqueeze(0), x.norm(), x.var(1), x.permute(1, 0)]
for o in outs:
    print(o.grad_fn.name(), [(None if n is None else n.name(), i) for n, i in o.grad_fn.next_functions])

# %% nonleaf_grad_access strict
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
z = y.sum()
z.backward()
print(y.grad, z.grad, x.grad, y.is_leaf)
w = torch.ones(2)
print(w.grad, w.is_leaf, w.requires_grad)
p = torch.nn.Parameter(torch.ones(2))
print(p.is_leaf, p.requires_grad, p.grad, p.grad_fn)
q = p * 2
print(q.is_leaf, type(q).__name__)
x.grad = torch.tensor([5.0, 5.0])
(x * 1).sum().backward()
print(x.grad)
try:
    x.grad = torch.ones(3)
except RuntimeError as e:
    print(type(e).__name__)

# %% functional_api_more
import torch
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp, vhp

def f(x):
    return torch.stack([x[0] * x[1], x[0].sin(), x[1] ** 3])

x = torch.tensor([1.0, 2.0])
J = jacobian(f, x)
print([[round(v, 4) for v in r] for r in J.tolist()])

def g(x, y):
    return (x * y).sum(), x - y

Jg = jacobian(g, (x, torch.tensor([3.0, 4.0])))
print(len(Jg), len(Jg[0]), [tuple(t.shape) for t in Jg[0]], [tuple(t.shape) for t in Jg[1]])
print(Jg[0][0], Jg[1][1])

def s(x):
    return (x ** 3).sum() + x[0] * x[1]

H = hessian(s, x)
print(H)
out, vj = vjp(f, x, torch.tensor([1.0, 1.0, 1.0]))
print([round(v, 4) for v in out.tolist()], [round(v, 4) for v in vj.tolist()])
out, jv = jvp(f, x, torch.tensor([1.0, 0.0]))
print([round(v, 4) for v in jv.tolist()])
out, hv = hvp(s, x, torch.tensor([1.0, 1.0]))
print(out, hv)
out, vh = vhp(s, x, torch.tensor([1.0, 1.0]))
print(vh)
Jc = jacobian(f, x, create_graph=True)
print(Jc.requires_grad)
print(jacobian(lambda t: t * 2, torch.tensor(3.0)))
print(jacobian(lambda t: t.sum(), torch.ones(2, 2)).shape, jacobian(lambda t: t.t(), torch.ones(2, 3)).shape)

from torch.autograd.functional import jacobian, hessian

def f(x):
    return x ** 2 + x.sum()

x = torch.tensor([1.0, 2.0])
print(jacobian(f, x, vectorize=True))
print(jacobian(f, x, strategy="forward-mode", vectorize=True))
print(hessian(lambda t: (t ** 3).sum(), x, vectorize=True))
print(jacobian(lambda t: torch.ones(2), x))
try:
    jacobian(lambda t: torch.ones(2), x, strict=True)
except RuntimeError as e:
    print(type(e).__name__)

x = torch.tensor([0.3, -0.7, 1.1], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(lambda t: (t.sin() * t).sum(), (x,)))
print(torch.autograd.gradgradcheck(lambda t: (t.sin() * t).sum(), (x,)))

class Bad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        return t * 2
    @staticmethod
    def backward(ctx, g):
        return g * 3

print(torch.autograd.gradcheck(Bad.apply, (x,), raise_exception=False))
try:
    torch.autograd.gradcheck(Bad.apply, (x,))
except Exception as e:
    print(type(e).__name__)

# %% hooks_node_and_post_accumulate strict
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
z = y.exp().sum()
log = []
def post(grad_inputs, grad_outputs):
    log.append(("post", [None if g is None else [round(v, 3) for v in g.tolist()] for g in grad_inputs],
                [round(v, 3) for v in grad_outputs[0].tolist()]))
def pre(grad_outputs):
    log.append(("pre", [round(v, 3) for v in grad_outputs[0].tolist()]))
    return (grad_outputs[0] * 0 + 1,)
y.grad_fn.register_hook(post)
y.grad_fn.register_prehook(pre)
z.backward()
print(log, x.grad)

w = torch.tensor([1.0, 2.0], requires_grad=True)
seen = []
def hook(p):
    seen.append(p.grad.tolist())
    with torch.no_grad():
        p.sub_(0.1 * p.grad)
    p.grad = None
h = w.register_post_accumulate_grad_hook(hook)
(w * w).sum().backward()
print(seen, w, w.grad)
h.remove()
(w * w).sum().backward()
print(len(seen), w.grad)

x = torch.ones(2, requires_grad=True)
y = x * 3
acc = y.grad_fn.next_functions[0][0]
log = []
acc.register_hook(lambda gi, go: log.append((len(gi), [g.tolist() for g in go])))
y.sum().backward()
print(type(acc).__name__, log, acc.variable is x)

# %% checkpoint_activation strict
import torch
import torch.nn as nn
from torch.utils.checkpoint import checkpoint, checkpoint_sequential

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Dropout(0.5), nn.Linear(4, 2), nn.ReLU(), nn.Linear(2, 1))
x = torch.randn(5, 3, requires_grad=True)

def grads():
    g = [p.grad.clone() for p in net.parameters()] + [x.grad.clone()]
    net.zero_grad()
    x.grad = None
    return g

torch.manual_seed(1)
net(x).sum().backward()
ref = grads()
for reentrant in (True, False):
    torch.manual_seed(1)
    out = checkpoint(net, x, use_reentrant=reentrant)
    print(out.grad_fn.name() if reentrant else "", out.requires_grad)
    out.sum().backward()
    print(all(torch.allclose(a, b) for a, b in zip(grads(), ref)))
torch.manual_seed(1)
out = checkpoint_sequential(net, 2, x, use_reentrant=False)
out.sum().backward()
print(all(torch.allclose(a, b) for a, b in zip(grads(), ref)))
net.eval()
out = checkpoint_sequential(net, 3, x, use_reentrant=True)
out.sum().backward()
print(out.grad_fn.name(), [round(v, 4) for v in x.grad[0].tolist()])
w = torch.ones(2, requires_grad=True)
a = torch.tensor([1.0, 2.0], requires_grad=True)
y = checkpoint(lambda a, b: a * b * w, a, torch.tensor([3.0, 4.0]), use_reentrant=True)
y.sum().backward()
print(w.grad, a.grad)

# %% saved_tensors_hooks strict
import torch

packed = []
def pack(t):
    packed.append(tuple(t.shape))
    return t.clone()
def unpack(t):
    return t
x = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    y = x.exp() * x
y.sum().backward()
print(packed, x.grad)

# %% forward_ad_dual strict
import torch
import torch.autograd.forward_ad as fwAD

x = torch.tensor([1.0, 2.0])
v = torch.tensor([1.0, 0.0])
with fwAD.dual_level():
    dx = fwAD.make_dual(x, v)
    y = dx.sin() * dx
    p, t = fwAD.unpack_dual(y)
    print([round(a, 4) for a in p.tolist()], [round(a, 4) for a in t.tolist()])
