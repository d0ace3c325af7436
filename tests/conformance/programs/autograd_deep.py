# Autograd API in depth: exact error messages, autograd.functional options and shapes, tensor/node hooks,
# custom Function variants, double backward through common ops, checkpoint, anomaly mode, gradcheck.

# %% ad_msg_backward_twice strict
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x.exp() * x).sum()
y.backward()
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
z = (x.sigmoid() * 2).sum()
g, = torch.autograd.grad(z, x, retain_graph=True)
g2, = torch.autograd.grad(z, x)
print(g, torch.equal(g, g2))
try:
    torch.autograd.grad(z, x)
except RuntimeError as e:
    print(type(e).__name__, str(e).split(".")[0])


# %% ad_msg_implicit_scalar strict
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.autograd.grad(y, x)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    y.backward(torch.ones(2))
except RuntimeError as e:
    print(type(e).__name__, e)
y.backward(gradient=torch.tensor([1.0, 0.5, 0.0]))
print(x.grad)
m = x.reshape(3, 1) * torch.ones(1, 2)
m.backward(torch.ones_like(m))
print(x.grad)
s = torch.tensor(2.0, requires_grad=True)
(s * 3).backward(torch.tensor(2.0))
print(s.grad)
t = torch.tensor([4.0], requires_grad=True)
(t ** 2).backward()
print(t.grad)


# %% ad_msg_no_grad_fn strict
import torch

a = torch.ones(3)
try:
    a.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
x = torch.ones(2, requires_grad=True)
with torch.no_grad():
    y = x * 2
try:
    torch.autograd.grad(y.sum(), x)
except RuntimeError as e:
    print(type(e).__name__, e)
w = torch.ones(2, requires_grad=True)
u = torch.ones(2, requires_grad=True)
try:
    torch.autograd.grad((w * 2).sum(), [w, u])
except RuntimeError as e:
    print(type(e).__name__, e)
print(torch.autograd.grad((w * 2).sum(), [w, u], allow_unused=True))
print(torch.autograd.grad((w * 2).sum(), [w, u], materialize_grads=True))


# %% ad_msg_leaf_inplace strict
import torch

w = torch.ones(3, requires_grad=True)
for name, fn in [("add_", lambda: w.add_(1)), ("setitem", lambda: w.__setitem__(0, 5.0)),
                 ("view", lambda: w[:2].mul_(2)), ("zero_", lambda: w.zero_())]:
    try:
        fn()
        print(name, "ok")
    except RuntimeError as e:
        print(name, type(e).__name__, e)
with torch.no_grad():
    w.add_(1)
    w[0] = 10.0
print(w, w.requires_grad, w.is_leaf, w._version)
p = torch.nn.Parameter(torch.zeros(2))
try:
    p.fill_(1.0)
except RuntimeError as e:
    print(type(e).__name__, e)
p.data.fill_(2.0)
print(p)


# %% ad_msg_version_counter strict
import torch

w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
s = w.sigmoid()
out = s * 3
s.mul_(2)
try:
    out.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, str(e).split(" Hint")[0])
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
h = x * 1
y = h.pow(2)
h += 1
try:
    y.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, str(e).split(" Hint")[0])
a = torch.tensor([1.0, 2.0], requires_grad=True)
e1 = a.exp()
e2 = e1 * 5
e1.add_(1)
try:
    e2.sum().backward()
    print("ok", a.grad)
except RuntimeError as e:
    print(type(e).__name__)


# %% ad_msg_requires_grad_nonleaf strict
import torch

x = torch.ones(2, requires_grad=True)
y = x * 2
try:
    y.requires_grad_(False)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    y.requires_grad = False
except RuntimeError as e:
    print(type(e).__name__, e)
y.requires_grad_(True)
print(y.requires_grad, y.is_leaf)
try:
    torch.ones(2, dtype=torch.long).requires_grad_()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.zeros(2, dtype=torch.int32, requires_grad=True)
except RuntimeError as e:
    print(type(e).__name__, e)
d = y.detach()
print(d.requires_grad, d.is_leaf, d.grad_fn)
d.requires_grad_()
print(d.requires_grad, d.is_leaf)


# %% ad_msg_hook_no_grad strict
import torch

t = torch.ones(2)
try:
    t.register_hook(lambda g: g)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    t.retain_grad()
except RuntimeError as e:
    print(type(e).__name__, e)
x = torch.ones(2, requires_grad=True)
x.retain_grad()
print(x.retains_grad)
y = x + 1
y.retain_grad()
print(y.retains_grad, x.retains_grad)
(y * y).sum().backward()
print(y.grad, x.grad)

import warnings
import torch

x = torch.ones(2, requires_grad=True)
y = x * 2
y.sum().backward()
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    g = y.grad
print(g, len(w), w[0].category.__name__ if w else None)
print(str(w[0].message).split(".")[0] if w else None)
y.retain_grad()
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    g = y.grad
print(g, len(w))


# %% ad_msg_grad_outputs_mismatch strict
import torch

x = torch.ones(2, requires_grad=True)
a, b = x * 2, x * 3
try:
    torch.autograd.grad([a, b], x, grad_outputs=[torch.ones(2)])
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.autograd.grad(a, x, grad_outputs=torch.ones(3))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.autograd.backward([a, b], grad_tensors=[torch.ones(2)])
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.autograd.grad([a, b], x, grad_outputs=[torch.ones(2), None], retain_graph=True)
except RuntimeError as e:
    print(type(e).__name__, e)
g, = torch.autograd.grad([a.sum(), b], x, grad_outputs=[None, torch.ones(2)])
print(g)


# %% ad_tensor_hooks_chain strict
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x
log = []
h1 = y.register_hook(lambda g: log.append(("h1", g.tolist())))
h2 = y.register_hook(lambda g: g * 10)
h3 = y.register_hook(lambda g: log.append(("h3", g.tolist())))
y.sum().backward(retain_graph=True)
print(log, x.grad)
h2.remove()
log.clear()
x.grad = None
y.sum().backward()
print(log, x.grad)
leaf = torch.tensor([1.0, -1.0], requires_grad=True)
leaf.register_hook(lambda g: g.clamp(min=0))
(leaf * torch.tensor([2.0, 3.0])).sum().backward()
print(leaf.grad)
leaf.grad = None
(leaf * torch.tensor([-2.0, 3.0])).sum().backward()
print(leaf.grad)

import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
def h(g):
    g.mul_(0)
    return None
y = x * 2
y.register_hook(lambda g: g + 1)
z = y * 3
z.register_hook(lambda g: print("z grad", g))
z.sum().backward()
print(x.grad)
w = torch.tensor([1.0, 2.0], requires_grad=True)
seen = []
w.register_hook(lambda g: seen.append(g.clone()))
(w * 2).sum().backward()
(w * 3).sum().backward()
print([s.tolist() for s in seen], w.grad)


# %% ad_retain_grad_nonleaf_more strict
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
h = x.exp()
h.retain_grad()
h2 = h.view(2, 1)
h2.retain_grad()
out = (h2 * torch.tensor([[1.0], [2.0]])).sum()
out.backward(retain_graph=True)
print(h.grad.shape, h2.grad.shape, h.grad.tolist(), h2.grad.tolist())
out.backward()
print(h.grad.tolist(), x.grad.tolist())
h.grad = None
print(h.grad, h.retains_grad, h2.retains_grad, out.retains_grad)
e = x * 1
e.retain_grad()
e.retain_grad()
(e ** 2).sum().backward()
print(e.grad)


# %% ad_post_accumulate_sgd strict
import torch

params = [torch.tensor([1.0, 2.0], requires_grad=True), torch.tensor([[0.5]], requires_grad=True)]
order = []
def make_hook(i):
    def hook(p):
        order.append(i)
        with torch.no_grad():
            p.add_(p.grad, alpha=-0.1)
        p.grad = None
    return hook
handles = [p.register_post_accumulate_grad_hook(make_hook(i)) for i, p in enumerate(params)]
for step in range(3):
    loss = (params[0] ** 2).sum() + (params[1] * 3).sum()
    loss.backward()
print(sorted(order), [p.tolist() for p in params], [p.grad for p in params])
for h in handles:
    h.remove()
try:
    torch.ones(2).register_post_accumulate_grad_hook(lambda p: None)
except RuntimeError as e:
    print(type(e).__name__, e)
nl = params[0] * 2
try:
    nl.register_post_accumulate_grad_hook(lambda p: None)
except RuntimeError as e:
    print(type(e).__name__, e)


# %% ad_node_hooks_more strict
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
w = torch.tensor([3.0, 4.0], requires_grad=True)
y = x * w
out = y.sum()
calls = []
def post(gi, go):
    calls.append(("post", len(gi), len(go), [g.tolist() for g in gi]))
h = y.grad_fn.register_hook(post)
out.backward(retain_graph=True)
print(calls, x.grad, w.grad)
h.remove()
x.grad = w.grad = None
out.backward(retain_graph=True)
print(x.grad, w.grad)
pre_h = out.grad_fn.register_prehook(lambda go: (go[0] * 5,))
x.grad = w.grad = None
out.backward()
print(x.grad, w.grad)
print(y.grad_fn.name(), out.grad_fn.name(), type(out.grad_fn).__name__)


# %% ad_next_functions_walk strict
import torch
import torch.nn as nn

lin = nn.Linear(3, 2)
x = torch.ones(4, 3)
y = torch.relu(lin(x)).mean()

def walk(fn, depth=0):
    if fn is None:
        return
    print("  " * depth + fn.name())
    for nxt, idx in fn.next_functions:
        walk(nxt, depth + 1)

walk(y.grad_fn)
a = torch.tensor([1.0], requires_grad=True)
b = torch.tensor([2.0])
c = a * b + b
print([(None if f is None else f.name(), i) for f, i in c.grad_fn.next_functions])
print([(None if f is None else f.name(), i) for f, i in c.grad_fn.next_functions[0][0].next_functions])
u, v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True).split([1, 2])
print(u.grad_fn.name(), u.output_nr if hasattr(u, "output_nr") else None, v._version)
print(torch.cat([u, v]).grad_fn.next_functions[1][1] if False else torch.cat([u, v]).grad_fn.name())


# %% ad_grad_fn_metadata strict
import torch

x = torch.ones(2, requires_grad=True)
y = x.exp()
md = y.grad_fn.metadata
print(type(md).__name__, md)
md["tag"] = "layer1"
print(y.grad_fn.metadata["tag"], y.grad_fn.metadata is md)
print(y.grad_fn == y.grad_fn, y.grad_fn is y.grad_fn)
z = y * 2
print(z.grad_fn.next_functions[0][0] is y.grad_fn)
print(x.grad_fn, x.is_leaf, y.is_leaf)

import torch
from torch.autograd.graph import Node

x = torch.ones(2, requires_grad=True)
y = (x * 2).exp()
print(isinstance(y.grad_fn, Node), isinstance(x, Node), issubclass(type(y.grad_fn), Node))
acc = y.grad_fn.next_functions[0][0].next_functions[0][0]
print(isinstance(acc, Node), acc.name(), acc.next_functions)
print(y.grad_fn.next_functions[0][0].name())


# %% ad_grad_modes_nested strict
import torch

x = torch.ones(2, requires_grad=True)
print(torch.is_grad_enabled())
with torch.no_grad():
    print(torch.is_grad_enabled(), (x * 2).requires_grad)
    with torch.enable_grad():
        print(torch.is_grad_enabled(), (x * 2).requires_grad)
        with torch.set_grad_enabled(False):
            print(torch.is_grad_enabled())
        print(torch.is_grad_enabled())
    print(torch.is_grad_enabled())
torch.set_grad_enabled(False)
print(torch.is_grad_enabled(), (x * 2).requires_grad)
torch.set_grad_enabled(True)
print(torch.is_grad_enabled())
with torch.inference_mode():
    print(torch.is_grad_enabled(), torch.is_inference_mode_enabled())
    with torch.inference_mode(False):
        print(torch.is_grad_enabled(), torch.is_inference_mode_enabled())
print(torch.is_grad_enabled(), torch.is_inference_mode_enabled())
try:
    with torch.no_grad():
        raise ValueError("boom")
except ValueError as e:
    print("restored", torch.is_grad_enabled(), e)

import torch

@torch.no_grad()
def f(x):
    return x * 2, torch.is_grad_enabled()

@torch.enable_grad()
def g(x):
    return x * 2, torch.is_grad_enabled()

@torch.inference_mode()
def h(x):
    return x * 2, torch.is_inference_mode_enabled()

@torch.set_grad_enabled(False)
def k(x):
    return x * 2

x = torch.ones(2, requires_grad=True)
y, en = f(x)
print(y.requires_grad, en, torch.is_grad_enabled())
with torch.no_grad():
    y, en = g(x)
print(y.requires_grad, en)
y, inf = h(x)
print(y.requires_grad, inf, y.is_inference())
print(k(x).requires_grad, torch.is_grad_enabled())
print(f.__name__, g.__name__, h.__name__)

class M(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.w = torch.nn.Parameter(torch.ones(2))

    @torch.no_grad()
    def predict(self, x):
        return self.w * x

m = M()
print(m.predict(torch.ones(2)).requires_grad, (m.w * 2).requires_grad)


# %% ad_custom_fn_setup_context_more strict
import torch

class Cube(torch.autograd.Function):
    @staticmethod
    def forward(x, scale):
        return x ** 3 * scale, x.detach() * 0 + 1

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, scale = inputs
        y, _ = output
        ctx.mark_non_differentiable(output[1])
        ctx.save_for_backward(x)
        ctx.scale = scale

    @staticmethod
    def backward(ctx, gy, gones):
        x, = ctx.saved_tensors
        return 3 * x ** 2 * ctx.scale * gy, None

x = torch.tensor([1.0, 2.0], requires_grad=True)
y, ones = Cube.apply(x, 2.0)
print(y, ones.requires_grad, type(y.grad_fn).__name__)
y.sum().backward()
print(x.grad)
x.grad = None
y, _ = Cube.apply(x, 0.5)
g, = torch.autograd.grad(y.sum(), x, create_graph=True)
print(g, g.requires_grad)
g.sum().backward()
print(x.grad)


# %% ad_custom_fn_needs_input_grad strict
import torch

class Lin(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, w, b):
        ctx.save_for_backward(x, w)
        return x @ w.t() + b

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        print("needs", ctx.needs_input_grad)
        gx = g @ w if ctx.needs_input_grad[0] else None
        gw = g.t() @ x if ctx.needs_input_grad[1] else None
        gb = g.sum(0) if ctx.needs_input_grad[2] else None
        return gx, gw, gb

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
w = torch.tensor([[0.5, -0.5]], requires_grad=True)
b = torch.tensor([0.1])
Lin.apply(x, w, b).sum().backward()
print(w.grad, x.grad, b.grad)
x.requires_grad_()
b.requires_grad_()
Lin.apply(x, w, b).sum().backward(inputs=[x])
print(x.grad, b.grad)


# %% ad_custom_fn_materialize_none strict
import torch

class Split2(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        return x * 2, x * 3, x * 4

    @staticmethod
    def backward(ctx, ga, gb, gc):
        print("got", [None if g is None else g.tolist() for g in (ga, gb, gc)])
        out = torch.zeros_like(ctx.saved_tensors[0]) if False else None
        total = 0
        for g, k in ((ga, 2), (gb, 3), (gc, 4)):
            if g is not None:
                total = total + g * k
        return total

x = torch.tensor([1.0, 2.0], requires_grad=True)
a, b, c = Split2.apply(x)
(b * torch.tensor([1.0, 10.0])).sum().backward()
print(x.grad)
x.grad = None
a, b, c = Split2.apply(x)
(a.sum() + c.sum()).backward()
print(x.grad)

class Default(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2, x * 3

    @staticmethod
    def backward(ctx, ga, gb):
        print("default", ga.tolist(), gb.tolist())
        return ga * 2 + gb * 3

x.grad = None
p, q = Default.apply(x)
q.sum().backward()
print(x.grad)


# %% ad_custom_fn_mark_dirty_inplace strict
import torch

class ReluInplace(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x > 0)
        x.clamp_(min=0)
        ctx.mark_dirty(x)
        return x

    @staticmethod
    def backward(ctx, g):
        mask, = ctx.saved_tensors
        return g * mask.to(g.dtype)

a = torch.tensor([-1.0, 2.0, -3.0, 4.0], requires_grad=True)
h = a * 1
v0 = h._version
r = ReluInplace.apply(h)
print(r is h, h._version > v0, type(h.grad_fn).__name__, r)
(r * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
print(a.grad)


# %% ad_custom_fn_saved_nontensor strict
import torch

class PowK(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k, opts):
        ctx.k = k
        ctx.opts = opts
        ctx.save_for_backward(x)
        return x ** k

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        s = ctx.opts["scale"]
        return g * ctx.k * x ** (ctx.k - 1) * s, None, None

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = PowK.apply(x, 3, {"scale": 0.5})
y.sum().backward()
print(y, x.grad)
try:
    y.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, str(e).split(".")[0])

class Peek(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clone()

    @staticmethod
    def backward(ctx, g):
        return g

y = Peek.apply(x)
y.sum().backward()
try:
    y.grad_fn.saved_tensors
except RuntimeError as e:
    print(type(e).__name__, str(e).split(".")[0])

import torch

class SoftmaxFn(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        e = (x - x.max(dim=-1, keepdim=True).values).exp()
        s = e / e.sum(dim=-1, keepdim=True)
        ctx.save_for_backward(s)
        return s

    @staticmethod
    def backward(ctx, g):
        s, = ctx.saved_tensors
        return s * (g - (g * s).sum(dim=-1, keepdim=True))

x = torch.tensor([[1.0, 2.0, 3.0], [0.5, 0.5, -1.0]], requires_grad=True)
w = torch.tensor([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])
y = SoftmaxFn.apply(x)
(y * w).sum().backward()
ref = x.detach().clone().requires_grad_()
(torch.softmax(ref, -1) * w).sum().backward()
print([round(v, 5) for v in y.flatten().tolist()])
print(torch.allclose(x.grad, ref.grad, atol=1e-6), [round(v, 5) for v in x.grad.flatten().tolist()])
g, = torch.autograd.grad((SoftmaxFn.apply(x) * w).sum(), x, create_graph=True)
print(g.requires_grad, type(g.grad_fn).__name__ if g.grad_fn else None)


# %% ad_custom_fn_returns_view strict
import torch

class FirstRow(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.shape = x.shape
        return x[0]

    @staticmethod
    def backward(ctx, g):
        out = g.new_zeros(ctx.shape)
        out[0] = g
        return out

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
h = x * 1
r = FirstRow.apply(h)
print(r, type(r.grad_fn).__name__)
(r * torch.tensor([5.0, 6.0])).sum().backward()
print(x.grad)

class Ident(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x

    @staticmethod
    def backward(ctx, g):
        return g * 2

x.grad = None
y = Ident.apply(x)
print(y is x, y.requires_grad, type(y.grad_fn).__name__)
y.sum().backward()
print(x.grad)


# %% ad_once_differentiable_double strict
import torch
from torch.autograd.function import once_differentiable

class Sq(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        x, = ctx.saved_tensors
        print("grad enabled in backward:", torch.is_grad_enabled())
        return 2 * x * g

x = torch.tensor([1.0, 3.0], requires_grad=True)
Sq.apply(x).sum().backward()
print(x.grad)
g, = torch.autograd.grad(Sq.apply(x).sum(), x, create_graph=True)
print(g.requires_grad)
try:
    g.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)


# %% ad_double_backward_ops atol=1e-4
import torch
import torch.nn.functional as F

x = torch.tensor([[0.3, -1.2, 0.8], [1.5, 0.1, -0.4]], requires_grad=True)
for name, fn in [("tanh", torch.tanh), ("sigmoid", torch.sigmoid), ("softmax", lambda t: F.softmax(t, -1)),
                 ("log_softmax", lambda t: F.log_softmax(t, -1)), ("gelu", F.gelu), ("softplus", F.softplus),
                 ("elu", F.elu), ("silu", F.silu), ("norm", lambda t: t.norm(dim=1)),
                 ("logsumexp", lambda t: t.logsumexp(1)), ("pow", lambda t: t.pow(3)), ("sqrt", lambda t: (t * t + 1).sqrt()),
                 ("div", lambda t: 1 / (t * t + 1)), ("matmul", lambda t: t @ t.t()), ("var", lambda t: t.var(1)),
                 ("mse", lambda t: F.mse_loss(t, torch.zeros_like(t))), ("prod", lambda t: t.prod(1))]:
    y = fn(x)
    w = torch.linspace(0.5, 1.5, y.numel()).reshape(y.shape)
    g, = torch.autograd.grad((y * w).sum(), x, create_graph=True)
    gg, = torch.autograd.grad((g * g).sum(), x)
    print(name, [round(v, 4) for v in g.flatten().tolist()], [round(v, 4) for v in gg.flatten().tolist()])

import torch

x = torch.tensor(0.7, requires_grad=True)
y = x.sin() * x ** 2
d = [y]
for _ in range(3):
    g, = torch.autograd.grad(d[-1], x, create_graph=True)
    d.append(g)
print([round(t.item(), 5) for t in d], [t.grad_fn is not None for t in d])
z = torch.tensor([1.0, 2.0], requires_grad=True)
e = (z.exp() * z).sum()
g1, = torch.autograd.grad(e, z, create_graph=True)
g2 = torch.stack([torch.autograd.grad(g1[i], z, retain_graph=True)[0] for i in range(2)])
print([[round(v, 4) for v in r] for r in g2.tolist()])


# %% ad_functional_shapes_tuple strict
import torch
from torch.autograd.functional import jacobian, hessian

def f(a, b):
    return a.sum(0) * b, (a * 2).t()

a = torch.ones(2, 3)
b = torch.tensor([1.0, 2.0, 3.0])
J = jacobian(f, (a, b))
print(type(J).__name__, len(J), [[tuple(t.shape) for t in row] for row in J])
print(J[0][1])
J1 = jacobian(lambda a: (a ** 2, a.sum()), a)
print(type(J1).__name__, [tuple(t.shape) for t in J1])
J2 = jacobian(lambda a, b: (a * b).sum(), (a, b))
print(type(J2).__name__, [tuple(t.shape) for t in J2])
J3 = jacobian(lambda a: a * 3, (b,))
print(type(J3).__name__, len(J3), J3[0].shape)
H = hessian(lambda a, b: (a.sum(0) * b ** 2).sum(), (a, b))
print([[tuple(t.shape) for t in row] for row in H])
print(H[1][1], H[1][0])

import torch
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp, vhp

x = torch.tensor([1.0, 2.0])
y = torch.tensor([0.5, -1.0, 3.0])
def f(a, b):
    return (a.unsqueeze(1) * b).exp(), a.sum() * b
for vec in (False, True):
    J = jacobian(f, (x, y), vectorize=vec)
    print([[tuple(t.shape) for t in r] for r in J], [[round(t.sum().item(), 3) for t in r] for r in J])
Jf = jacobian(f, (x, y), vectorize=True, strategy="forward-mode")
print([[round(t.sum().item(), 3) for t in r] for r in Jf])
print(jacobian(lambda a: a.sum(), x, vectorize=True, strategy="forward-mode"))
try:
    jacobian(f, (x, y), strategy="forward-mode", create_graph=True)
except Exception as e:
    print(type(e).__name__, e)
try:
    jacobian(f, (x, y), strategy="forward-mode", strict=True, vectorize=True)
except Exception as e:
    print(type(e).__name__, e)
H = hessian(lambda a, b: (a.sum() * b ** 3).sum(), (x, y), vectorize=True)
print([[tuple(t.shape) for t in r] for r in H])
xr = torch.tensor([1.0, 2.0], requires_grad=True)
for strict in (False, True):
    try:
        out = vjp(lambda t: t * 2, xr, torch.ones(2), create_graph=True, strict=strict)
        print(out[1].requires_grad, out[1].grad_fn)
    except RuntimeError as e:
        print(type(e).__name__, e)
    try:
        out = jvp(lambda t: t * 2, xr, torch.ones(2), create_graph=True, strict=strict)
        print(out[1].requires_grad)
    except RuntimeError as e:
        print(type(e).__name__, e)
    try:
        out = hvp(lambda t: (t ** 2).sum(), xr, torch.ones(2), create_graph=True, strict=strict)
        print(out[1].requires_grad)
    except RuntimeError as e:
        print(type(e).__name__, e)
    try:
        out = jacobian(lambda t: t * 2, xr, create_graph=True, strict=strict)
        print(out.requires_grad)
    except RuntimeError as e:
        print(type(e).__name__, e)
for name, call in [("vjp_v_tuple_len", lambda: vjp(lambda a: (a, a), x, (x,))),
                   ("vjp_v_single_tuple", lambda: vjp(lambda a: a, x, (x, x))),
                   ("hvp_v_shape", lambda: hvp(lambda a, b: (a * b).sum(), (x, x), (x, y))),
                   ("vjp_out_list", lambda: vjp(lambda a: [a, a], x, (x, x))),
                   ("jac_out_int", lambda: jacobian(lambda a: (a, 3), x))]:
    try:
        print(name, "ok", call())
    except Exception as e:
        print(name, type(e).__name__, e)

# %% ad_functional_create_graph strict
import torch
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp, vhp

x = torch.tensor([0.5, 1.5], requires_grad=True)
f = lambda t: (t ** 3).sum()
for name, call in [("jacobian", lambda cg: jacobian(lambda t: t ** 3, x, create_graph=cg)),
                   ("hessian", lambda cg: hessian(f, x, create_graph=cg)),
                   ("vjp", lambda cg: vjp(lambda t: t ** 3, x, torch.ones(2), create_graph=cg)[1]),
                   ("jvp", lambda cg: jvp(lambda t: t ** 3, x, torch.ones(2), create_graph=cg)[1]),
                   ("hvp", lambda cg: hvp(f, x, torch.ones(2), create_graph=cg)[1]),
                   ("vhp", lambda cg: vhp(f, x, torch.ones(2), create_graph=cg)[1])]:
    r0 = call(False)
    r1 = call(True)
    print(name, r0.requires_grad, r1.requires_grad, r1.tolist())
    if r1.requires_grad:
        g, = torch.autograd.grad(r1.sum(), x)
        print("  d/dx", g.tolist())
out, v = vjp(lambda t: t ** 2, x, torch.ones(2))
print(out.requires_grad, out.grad_fn, x.grad)


# %% ad_functional_strict_errors strict
import torch
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp, vhp

x = torch.tensor([1.0, 2.0])
y = torch.tensor([3.0, 4.0])
cases = [
    ("jac_indep", lambda: jacobian(lambda a, b: a * 2, (x, y), strict=True)),
    ("jac_const", lambda: jacobian(lambda a: torch.ones(2), x, strict=True)),
    ("vjp_indep", lambda: vjp(lambda a, b: (a * 2).sum(), (x, y), strict=True)),
    ("jvp_indep", lambda: jvp(lambda a, b: a * 2, (x, y), (torch.ones(2), torch.ones(2)), strict=True)),
    ("hess_linear", lambda: hessian(lambda a: a.sum() * 2, x, strict=True)),
    ("hvp_linear", lambda: hvp(lambda a: a.sum() * 2, x, torch.ones(2), strict=True)),
    ("vhp_linear", lambda: vhp(lambda a: a.sum() * 2, x, torch.ones(2), strict=True)),
    ("jac_strict_vec", lambda: jacobian(lambda a: a * 2, x, strict=True, vectorize=True)),
    ("jac_bad_strategy", lambda: jacobian(lambda a: a * 2, x, strategy="sideways")),
    ("jac_fwd_novec", lambda: jacobian(lambda a: a * 2, x, strategy="forward-mode")),
    ("hess_bad_outer", lambda: hessian(lambda a: (a ** 2).sum(), x, outer_jacobian_strategy="nope")),
]
for name, call in cases:
    try:
        r = call()
        print(name, "ok", r)
    except Exception as e:
        print(name, type(e).__name__, e)
print(jacobian(lambda a, b: a * 2, (x, y)))
print(hessian(lambda a: a.sum() * 2, x))


# %% ad_functional_inputs_untouched strict
import torch
from torch.autograd.functional import jacobian, vjp, hessian

x = torch.tensor([1.0, 2.0])
w = torch.tensor([0.5, -0.5], requires_grad=True)
J = jacobian(lambda t: t * w, x)
print(J, x.requires_grad, x.grad, w.grad)
out, g = vjp(lambda t: (t * t).sum(), x)
print(out, g, x.requires_grad)
p = torch.tensor([1.0, 2.0], requires_grad=True)
H = hessian(lambda t: (t ** 4).sum(), p)
print(H, p.grad, H.requires_grad)
J = jacobian(lambda t: t.exp(), torch.zeros(2, dtype=torch.float64))
print(J.dtype, J)
try:
    jacobian(lambda t: t * 2, [x, 3.0])
except TypeError as e:
    print(type(e).__name__, e)

import torch
from torch.autograd.functional import hessian, jacobian

def f(x):
    return (x[0] ** 2 * x[1] + x[1] ** 3).sum() if x.dim() else x ** 3

x = torch.tensor([1.0, 2.0])
h1 = hessian(f, x)
h2 = hessian(f, x, vectorize=True, outer_jacobian_strategy="forward-mode")
print(h1, torch.allclose(h1, h2))
j1 = jacobian(lambda t: torch.stack([t[0] * t[1], t[1].exp()]), x)
j2 = jacobian(lambda t: torch.stack([t[0] * t[1], t[1].exp()]), x, vectorize=True, strategy="forward-mode")
print(j1, torch.allclose(j1, j2))


# %% ad_checkpoint_nonreentrant_more strict
import numpy as np
import torch
import torch.nn as nn
from torch.utils.checkpoint import checkpoint

rng = np.random.default_rng(0)
block = nn.Sequential(nn.Linear(4, 4), nn.GELU(), nn.Linear(4, 4))
with torch.no_grad():
    for p in block.parameters():
        p.copy_(torch.from_numpy(rng.standard_normal(p.shape).astype(np.float32) * 0.5))
x = torch.from_numpy(rng.standard_normal((3, 4)).astype(np.float32)).requires_grad_()

def fn(inp, scale=1.0):
    h = block(inp) * scale
    return h, h.sum(1)

a, s = fn(x, scale=2.0)
(a.pow(2).sum() + s.sum()).backward()
ref = [p.grad.clone() for p in block.parameters()] + [x.grad.clone()]
block.zero_grad()
x.grad = None
a, s = checkpoint(fn, x, use_reentrant=False, scale=2.0)
print(a.shape, s.shape, a.requires_grad)
(a.pow(2).sum() + s.sum()).backward()
got = [p.grad for p in block.parameters()] + [x.grad]
print(all(torch.allclose(r, g, atol=1e-6) for r, g in zip(ref, got)))
with torch.no_grad():
    out, _ = checkpoint(fn, x, use_reentrant=False)
print(out.requires_grad)
y = checkpoint(lambda t: t * 2, torch.ones(2), use_reentrant=False)
print(y.requires_grad)
print([round(v, 4) for v in x.grad[0].tolist()])

import warnings
import torch
from torch.utils.checkpoint import checkpoint

w = torch.tensor([1.0, 2.0], requires_grad=True)
x = torch.tensor([3.0, 4.0])
with warnings.catch_warnings(record=True) as rec:
    warnings.simplefilter("always")
    y = checkpoint(lambda t: t * w, x, use_reentrant=True)
print(y.requires_grad, len(rec) > 0)
try:
    checkpoint(lambda t, k=1: t * k, x.requires_grad_(), use_reentrant=True, k=2)
except ValueError as e:
    print(type(e).__name__, e)
out = checkpoint(lambda t, k=1: t * k, x, use_reentrant=False, k=2)
print(out)
try:
    checkpoint(lambda t: t, x, use_reentrant=True, debug=True)
except ValueError as e:
    print(type(e).__name__, e)
with warnings.catch_warnings(record=True) as rec:
    warnings.simplefilter("always")
    y = checkpoint(lambda t: t * w, x)
print(y.requires_grad, [str(r.message)[:60] for r in rec])

import warnings
import torch
import torch.nn as nn
from torch.utils.checkpoint import checkpoint, checkpoint_sequential

x = torch.tensor([[1.0, -2.0]], requires_grad=True)
def fn(t):
    return t * 2, None, 3
for re_ in (True, False):
    out = checkpoint(fn, x, use_reentrant=re_)
    print(type(out).__name__, out[1], out[2], out[0].requires_grad)
    out[0].sum().backward()
    print(x.grad)
    x.grad = None
seq = nn.Sequential(nn.ReLU(), nn.Tanh(), nn.Sigmoid(), nn.Softplus())
for re_ in (True, False):
    y = checkpoint_sequential(seq, 2, x, use_reentrant=re_)
    y.sum().backward()
    print([round(v, 5) for v in x.grad.flatten().tolist()], y.grad_fn.name())
    x.grad = None
try:
    checkpoint_sequential(seq, 2, x, use_reentrant=False, foo=1)
except Exception as e:
    print(type(e).__name__, e)
with warnings.catch_warnings(record=True) as rec:
    warnings.simplefilter("always")
    checkpoint_sequential(seq, 2, x)
print(len(rec), [str(r.message)[:40] for r in rec])
y = checkpoint_sequential([nn.ReLU(), nn.Tanh()], 1, x, use_reentrant=True)
print(y.grad_fn.name())

# %% ad_anomaly_check_nan_flags strict
import warnings
import torch

class BadGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * float("nan")

x = torch.tensor([1.0, 2.0], requires_grad=True)
print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    with torch.autograd.detect_anomaly():
        try:
            BadGrad.apply(x).sum().backward()
        except RuntimeError as e:
            print(type(e).__name__, "BadGradBackward" in str(e), "returned nan values in its 0th output" in str(e))
        y = (x.log() * 0)
        print(torch.autograd.grad(y.sum(), x))
    with torch.autograd.detect_anomaly(check_nan=False):
        print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())
        BadGrad.apply(x).sum().backward()
        print(x.grad)
    torch.set_anomaly_enabled(True, check_nan=False)
    print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())
    torch.set_anomaly_enabled(False)
print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())


# %% ad_gradcheck_error_type strict
import torch
from torch.autograd import gradcheck, gradgradcheck
from torch.autograd.gradcheck import GradcheckError

class WrongScale(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.sin()

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * x.cos() * 1.5

x = torch.tensor([0.1, 0.7, -0.4], dtype=torch.float64, requires_grad=True)
try:
    gradcheck(WrongScale.apply, (x,), eps=1e-6, atol=1e-4)
except Exception as e:
    print(type(e).__name__, isinstance(e, RuntimeError), str(e).splitlines()[0])
print(issubclass(GradcheckError, RuntimeError), GradcheckError.__name__)
print(gradcheck(lambda t: t.sin(), (x,), eps=1e-6, atol=1e-4))
print(gradcheck(lambda t: t.sin(), (x,), fast_mode=True))
print(gradgradcheck(lambda t: t.sin() * t, (x,)))
print(gradcheck(WrongScale.apply, (x,), raise_exception=False))
xf = torch.tensor([0.1, 0.2], requires_grad=True)
try:
    r = gradcheck(lambda t: t.exp(), (xf,))
    print("float32 ok", r)
except Exception as e:
    print(type(e).__name__)

import warnings
import torch
from torch.autograd import gradcheck, gradgradcheck

class Wrong(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 2

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * x

x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
try:
    gradcheck(Wrong.apply, (x,))
except Exception as e:
    print(type(e).__name__, e)
try:
    gradcheck(Wrong.apply, (x,), fast_mode=True)
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
print(gradgradcheck(lambda t: t ** 3, (x,), raise_exception=False))

class WrongSecond(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * 3 * x.detach() ** 2

print(gradcheck(WrongSecond.apply, (x,)))
try:
    gradgradcheck(WrongSecond.apply, (x,))
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
with warnings.catch_warnings(record=True) as rec:
    warnings.simplefilter("always")
    xf = torch.tensor([1.0, 2.0], requires_grad=True)
    print(gradcheck(lambda t: t * 2, (xf,), raise_exception=False))
print([str(r.message)[:70] for r in rec])
print(gradcheck(lambda a, b: (a * b, a - b), (x, x.detach().clone().requires_grad_()), check_batched_grad=True))
print(gradcheck(lambda t: (t * 2, t.argmax()), (x,)))


# %% ad_grad_accumulation_calls strict
import torch

w = torch.tensor([1.0, -2.0], requires_grad=True)
xs = [torch.tensor([1.0, 1.0]), torch.tensor([2.0, 0.0]), torch.tensor([0.0, 3.0])]
for i, x in enumerate(xs):
    ((w * x).sum() ** 2 / len(xs)).backward()
    print(i, w.grad.tolist())
g_id = id(w.grad)
(w.sum()).backward()
print(id(w.grad) == g_id, w.grad.tolist())
w.grad.zero_()
(w * 3).sum().backward()
print(w.grad.tolist())
w.grad = None
y = w * 2
y.sum().backward(retain_graph=True)
y.sum().backward(retain_graph=True)
print(w.grad.tolist())
torch.autograd.backward(y.sum(), inputs=[w])
print(w.grad.tolist())
lin = torch.nn.Linear(2, 1)
for _ in range(2):
    lin(torch.ones(1, 2)).sum().backward()
print(lin.bias.grad.tolist())
lin.zero_grad()
print(lin.bias.grad)


# %% ad_fn_wrong_grad_count strict
import torch

class Two(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        return a * b

    @staticmethod
    def backward(ctx, g):
        return g

a = torch.ones(2, requires_grad=True)
b = torch.ones(2, requires_grad=True)
try:
    Two.apply(a, b).sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)

class BadShape(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2

    @staticmethod
    def backward(ctx, g):
        return torch.ones(3)

try:
    BadShape.apply(a).sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)

class BadDtype(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2

    @staticmethod
    def backward(ctx, g):
        return g.double() * 2

a.grad = None
BadDtype.apply(a).sum().backward()
print(a.grad, a.grad.dtype)

class Bcast(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2

    @staticmethod
    def backward(ctx, g):
        return g.sum().expand(1, 2)

a.grad = None
Bcast.apply(a).sum().backward()
print(a.grad)


# %% ad_fn_nontensor_outputs strict
import torch

class WithInfo(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2, "info", 3

    @staticmethod
    def backward(ctx, g, g2, g3):
        print("grads", g, g2, g3)
        return g * 2

x = torch.ones(2, requires_grad=True)
y, s, n = WithInfo.apply(x)
print(type(s).__name__, s, n, y.requires_grad)
y.sum().backward()
print(x.grad)

class ReturnsList(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return [x * 2, x * 3]

    @staticmethod
    def backward(ctx, g):
        return g

try:
    r = ReturnsList.apply(x)
    print(type(r).__name__)
except Exception as e:
    print(type(e).__name__, e)


# %% ad_inplace_multi_view_error strict
import torch

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
h = x * 1
a, b = h.unbind(0)
try:
    a.mul_(2)
except RuntimeError as e:
    print(type(e).__name__, e)
p, q = h.split(1)
try:
    p.add_(1)
except RuntimeError as e:
    print(type(e).__name__, e)
c = h.chunk(2, dim=1)[0]
try:
    c.zero_()
except RuntimeError as e:
    print(type(e).__name__, str(e).split(".")[0])
r = h[0]
r.mul_(3)
h.sum().backward()
print(x.grad, h.grad_fn.name())


# %% ad_view_created_no_grad strict
import torch

x = torch.ones(3, requires_grad=True)
h = x * 2
with torch.no_grad():
    v = h[:2]
print(v.requires_grad, v._base is h)
try:
    v.mul_(2)
except RuntimeError as e:
    print(type(e).__name__, e)
with torch.no_grad():
    v.mul_(2)
print(h)
d = h.detach()
d[0] = 100.0
print(h, h._version, d._version)


# %% ad_backward_inputs_more strict
import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
c = torch.tensor([5.0], requires_grad=True)
loss = (a * b).sum() + c.sum()
try:
    loss.backward(inputs=[])
except RuntimeError as e:
    print(type(e).__name__, e)
loss.backward(inputs=a, retain_graph=True)
print(a.grad, b.grad, c.grad)
loss.backward(inputs=(b, c), retain_graph=True)
print(a.grad, b.grad, c.grad)
u = torch.ones(2, requires_grad=True)
try:
    loss.backward(inputs=[u])
    print("unused", u.grad)
except RuntimeError as e:
    print(type(e).__name__, e)


# %% ad_double_backward_layers atol=1e-4 rtol=1e-3
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

rng = np.random.default_rng(0)
def arr(*s):
    return torch.from_numpy(rng.standard_normal(s).astype(np.float32))

x = arr(2, 3, 6).requires_grad_()
w = arr(4, 3, 3)
for name, fn in [("conv1d", lambda t: torch.tanh(F.conv1d(t, w, padding=1))),
                 ("layer_norm", lambda t: F.layer_norm(t, (6,)) ** 2),
                 ("batch_norm", lambda t: F.batch_norm(t, None, None, training=True) ** 2),
                 ("avg_pool", lambda t: F.avg_pool1d(t, 2) ** 2),
                 ("max_pool", lambda t: F.max_pool1d(t, 2) ** 2),
                 ("linear", lambda t: F.linear(t, arr(5, 6)).sigmoid()),
                 ("smooth_l1", lambda t: F.smooth_l1_loss(t, torch.zeros_like(t), reduction="none") * t),
                 ("ce", lambda t: F.cross_entropy(t.reshape(6, 6), torch.tensor([0, 1, 2, 3, 4, 5])))]:
    y = fn(x)
    g, = torch.autograd.grad(y.sum(), x, create_graph=True)
    gg, = torch.autograd.grad(g.pow(2).sum(), x)
    print(name, round(g.abs().sum().item(), 3), round(gg.abs().sum().item(), 3))


# %% ad_gradient_penalty_params strict
import numpy as np
import torch
import torch.nn as nn

rng = np.random.default_rng(1)
D = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
with torch.no_grad():
    for p in D.parameters():
        p.copy_(torch.from_numpy(rng.standard_normal(p.shape).astype(np.float32)))
real = torch.from_numpy(rng.standard_normal((5, 3)).astype(np.float32))
fake = torch.from_numpy(rng.standard_normal((5, 3)).astype(np.float32))
alpha = torch.from_numpy(rng.uniform(size=(5, 1)).astype(np.float32))
interp = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
out = D(interp)
g, = torch.autograd.grad(out, interp, grad_outputs=torch.ones_like(out), create_graph=True)
gp = ((g.norm(2, dim=1) - 1) ** 2).mean()
loss = D(fake).mean() - D(real).mean() + 10 * gp
loss.backward()
print(round(gp.item(), 4), round(loss.item(), 4))
print([[round(v, 4) for v in p.grad.flatten().tolist()[:4]] for p in D.parameters()])
print(interp.grad is None, g.grad_fn is not None)


# %% ad_jvp_vjp_none_v strict
import torch
from torch.autograd.functional import vjp, jvp, hvp, vhp

s = torch.tensor(2.0)
print(vjp(lambda t: t ** 3, s))
print(jvp(lambda t: t ** 3, s))
print(hvp(lambda t: t ** 3, s))
print(vhp(lambda t: t ** 3, torch.tensor([2.0])))
for name, call in [("vjp", lambda: vjp(lambda t: t * 2, torch.ones(2))),
                   ("jvp", lambda: jvp(lambda t: t.sum(), torch.ones(2))),
                   ("hvp", lambda: hvp(lambda t: t.sum(), torch.ones(2))),
                   ("vjp_len", lambda: vjp(lambda a, b: (a, b), (s, s), (s,))),
                   ("jvp_shape", lambda: jvp(lambda a, b: a + b, (s, s), (s, torch.ones(2)))),
                   ("hvp_tuple_out", lambda: hvp(lambda t: (t.sum(), t.sum()), torch.ones(2), torch.ones(2))),
                   ("vhp_vec_out", lambda: vhp(lambda t: t * 2, torch.ones(2), torch.ones(2))),
                   ("hess_tuple_out", lambda: torch.autograd.functional.hessian(lambda t: (t.sum(),), torch.ones(2))),
                   ("jvp_not_tensor_v", lambda: jvp(lambda t: t, s, 1.0))]:
    try:
        print(name, "ok", call())
    except Exception as e:
        print(name, type(e).__name__, e)


# %% ad_gradcheck_nondiff_points strict
import torch
from torch.autograd import gradcheck

x = torch.tensor([0.5, -0.5, 1.5], dtype=torch.float64, requires_grad=True)
print(gradcheck(torch.abs, (x,)))
print(gradcheck(lambda t: t.clamp(-1, 1), (x,)))
z = torch.tensor([0.0, 1.0], dtype=torch.float64, requires_grad=True)
print(gradcheck(torch.relu, (z,), raise_exception=False))
print(gradcheck(lambda t: t.sum(), (x,), check_undefined_grad=True))
print(gradcheck(lambda t: t.max(), (x,), eps=1e-6, atol=1e-5, rtol=1e-3, nondet_tol=0.0))
m = torch.tensor([[0.5, 0.1], [0.2, 0.9]], dtype=torch.float64, requires_grad=True)
print(gradcheck(torch.linalg.inv, (m,)), gradcheck(torch.det, (m,)), gradcheck(lambda t: t.softmax(0), (m,)))
