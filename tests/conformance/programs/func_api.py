# torch.func: grad / grad_and_value / vjp / jvp / linearize / jacrev / jacfwd / hessian, vmap (in_dims,
# out_dims, nesting, errors), stack_module_state, and the per-sample-gradient and ensembling tutorials.

# %% func_grad_basic
import torch
from torch.func import grad

x = torch.tensor([1.0, 2.0, 3.0])
g = grad(lambda x: (x ** 3).sum())(x)
print(g, g.requires_grad, x.requires_grad)
print(grad(torch.sin)(torch.tensor(0.5)))
print(grad(grad(torch.sin))(torch.tensor(0.5)))
print(grad(grad(grad(lambda x: x ** 4)))(torch.tensor(2.0)))
print(grad(lambda x: torch.tensor(3.0))(torch.ones(2)))

# %% func_grad_argnums
import torch
from torch.func import grad

def f(x, y, scale):
    return (x * y).sum() * scale + (y ** 2).sum()

x = torch.tensor([1.0, -2.0])
y = torch.tensor([0.5, 4.0])
print(grad(f)(x, y, 2.0))
print(grad(f, argnums=1)(x, y, 2.0))
gx, gy = grad(f, argnums=(0, 1))(x, y, 2.0)
print(gx, gy)
print(grad(f, argnums=-2)(x, y, 3.0))
for bad in [(0, 0), (), 5, "0", (0, 1.0)]:
    try:
        grad(f, argnums=bad)(x, y, 2.0)
    except Exception as e:
        print(type(e).__name__, e)

# %% func_grad_has_aux
import torch
from torch.func import grad, grad_and_value

def loss_with_aux(w, x):
    pred = x @ w
    loss = (pred ** 2).mean()
    return loss, {"pred": pred, "n": torch.tensor(3)}

w = torch.tensor([0.5, -1.0])
x = torch.tensor([[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]])
g, aux = grad(loss_with_aux, has_aux=True)(w, x)
print(g)
print(aux["pred"], aux["n"], aux["pred"].requires_grad)
g2, (value, aux2) = grad_and_value(loss_with_aux, has_aux=True)(w, x)
print(g2, value, sorted(aux2))
g3, v3 = grad_and_value(lambda w: (w * w).sum())(w)
print(g3, v3)
for f in [lambda w: (w * w).sum(), lambda w: ((w * w).sum(), 3), lambda w: ((w * w).sum(), (w, None))]:
    try:
        grad(f, has_aux=True)(w)
    except Exception as e:
        print(type(e).__name__, e)

# %% func_grad_errors
import torch
from torch.func import grad

x = torch.tensor([1.0, 2.0])
for f in [lambda x: x * 2, lambda x: 3.0, lambda x: (x * 2).sum(0, keepdim=True)]:
    try:
        grad(f)(x)
    except Exception as e:
        print(type(e).__name__, e)
try:
    grad(lambda x: x.sum())([1.0, 2.0])
except Exception as e:
    print(type(e).__name__, e)

# %% func_grad_pytree_inputs
import torch
from torch.func import grad

def f(params, x):
    return ((x @ params["w"] + params["b"]) ** 2).sum()

params = {"w": torch.tensor([[1.0], [2.0]]), "b": torch.tensor([0.5])}
x = torch.tensor([[1.0, -1.0], [0.5, 2.0]])
g = grad(f)(params, x)
print(type(g).__name__, sorted(g))
print(g["w"], g["b"])

def g_tuple(pair):
    a, b = pair
    return (a * b).sum() + a.sum()
ga, gb = grad(g_tuple)((torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])))
print(ga, gb)
lst = grad(lambda l: l[0].sum() * l[1].sum())([torch.ones(2), torch.full((3,), 2.0)])
print(type(lst).__name__, lst)

# %% func_grad_composes_with_autograd
import torch
from torch.func import grad

x = torch.tensor([1.0, 2.0], requires_grad=True)
g = grad(lambda x: (x ** 3).sum())(x)
print(g.requires_grad)
g.sum().backward()
print(x.grad)

w = torch.tensor([2.0, -1.0], requires_grad=True)
gx = grad(lambda x: (w * x).sin().sum())(torch.tensor([0.3, 0.7]))
print(gx.requires_grad)
gx.sum().backward()
print(w.grad)
with torch.no_grad():
    print(grad(lambda x: (x * x).sum())(torch.tensor([3.0])))

# %% func_vjp_basic
import torch
from torch.func import vjp

x = torch.tensor([0.1, 0.2, 0.3])
out, vjp_fn = vjp(torch.sin, x)
print(out, out.requires_grad)
(g,) = vjp_fn(torch.ones(3))
print(g)
print(vjp_fn(torch.tensor([1.0, 0.0, 2.0])))

def f(a, b):
    return a * b, a + b
a, b = torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])
(p, s), fn = vjp(f, a, b)
print(p, s)
ga, gb = fn((torch.ones(2), torch.tensor([10.0, 20.0])))
print(ga, gb)
try:
    fn(torch.ones(2))
except Exception as e:
    print(type(e).__name__)

# %% func_vjp_aux_and_errors
import torch
from torch.func import vjp

x = torch.tensor([1.0, 2.0])
out, fn, aux = vjp(lambda x: (x.exp(), x.sum()), x, has_aux=True)
print(out, aux, aux.requires_grad)
print(fn(torch.tensor([1.0, 1.0])))
try:
    vjp(lambda x: x.exp(), x, has_aux=True)
except Exception as e:
    print(type(e).__name__, e)
try:
    vjp(lambda x: x.argmax(), x)
except Exception as e:
    print(type(e).__name__, e)
try:
    vjp(lambda x: 2.0, x)
except Exception as e:
    print(type(e).__name__, e)

# %% func_jvp_basic
import torch
from torch.func import jvp

x = torch.tensor([0.5, 1.0, 2.0])
out, tangent = jvp(torch.sin, (x,), (torch.ones(3),))
print(out, tangent)
def f(a, b):
    return a * b + a ** 2
print(jvp(f, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])), (torch.tensor([1.0, 0.0]), torch.tensor([0.0, 1.0]))))
out, t, aux = jvp(lambda x: (x.exp(), x.sum()), (x,), (torch.tensor([1.0, 0.0, 0.0]),), has_aux=True)
print(out, t, aux)
outs, ts = jvp(lambda x: (x * 2, x.sum()), (x,), (torch.ones(3),))
print(outs, ts)
print(jvp(lambda x: torch.ones(2), (x,), (x,)))
for bad in [lambda: jvp(torch.sin, x, (x,)), lambda: jvp(torch.sin, (x,), (x, x)),
            lambda: jvp(torch.sin, (x,), [x]), lambda: jvp(torch.sin, (x,), (1.0,))]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% func_linearize
import torch
from torch.func import linearize, jvp

def f(x):
    return x.sin() * x
x = torch.tensor([0.5, 1.5])
out, jvp_fn = linearize(f, x)
print(out)
print(jvp_fn(torch.tensor([1.0, 0.0])))
print(jvp_fn(torch.tensor([0.0, 1.0])))
print(jvp(f, (x,), (torch.tensor([0.0, 1.0]),))[1])
out2, jfn2 = linearize(lambda a, b: a @ b, torch.tensor([[1.0, 2.0]]), torch.tensor([[3.0], [4.0]]))
print(out2, jfn2(torch.tensor([[1.0, 0.0]]), torch.tensor([[0.0], [1.0]])))

# %% func_jacrev_shapes
import torch
from torch.func import jacrev

x = torch.tensor([0.5, 1.0, 2.0])
J = jacrev(torch.sin)(x)
print(J.shape, torch.allclose(J, torch.diag(torch.cos(x))))
W = torch.tensor([[1.0, 2.0, 3.0], [0.0, -1.0, 4.0]])
print(jacrev(lambda x: W @ x)(x))
M = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
J2 = jacrev(lambda m: m @ m)(M)
print(J2.shape)
print(J2)
print(jacrev(lambda x: x.sum())(x))
print(jacrev(lambda x: (x ** 2).reshape(1, 3))(x).shape)

# %% func_jacrev_argnums_aux
import torch
from torch.func import jacrev

def f(x, y):
    return x * y.sum(), x.sum()

x = torch.tensor([1.0, 2.0])
y = torch.tensor([3.0, 4.0, 5.0])
(jx, jy), (kx, ky) = jacrev(f, argnums=(0, 1))(x, y)
print(jx, jy, kx, ky, sep="\n")
out = jacrev(lambda x: {"a": x ** 2, "b": x.sum()})(x)
print(sorted(out), out["a"], out["b"])
j, aux = jacrev(lambda x: (x.exp(), x.mean()), has_aux=True)(x)
print(j, aux)
try:
    jacrev(torch.sin, chunk_size=0)
except Exception as e:
    print(type(e).__name__, e)

# %% func_jacfwd_matches_jacrev
import torch
from torch.func import jacfwd, jacrev

def f(x, y):
    return torch.stack([x[0] * y, x[1] ** 2 * y.exp()]).sum(0)

x = torch.tensor([0.5, -1.0])
y = torch.tensor(0.3)
print(jacfwd(f)(x, y))
print(jacrev(f)(x, y))
print(jacfwd(f, argnums=1)(x, y))
jx, jy = jacfwd(f, argnums=(0, 1))(x, y)
print(jx.shape, jy.shape)
J, aux = jacfwd(lambda x: (x.tanh(), {"n": torch.tensor(x.shape[0])}), has_aux=True)(x)
print(J, aux)
try:
    jacfwd(torch.sin, randomness="bogus")(x)
except Exception as e:
    print(type(e).__name__, e)

# %% func_hessian
import torch
from torch.func import hessian, jacfwd, jacrev

def f(x):
    return (x ** 3).sum() + x[0] * x[1]
x = torch.tensor([1.0, 2.0, 3.0])
H = hessian(f)(x)
print(H)
print(torch.allclose(H, jacrev(jacrev(f))(x)), torch.allclose(H, jacfwd(jacfwd(f))(x)))
A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])
print(hessian(lambda v: v @ A @ v)(torch.tensor([1.0, -1.0])))
def g(a, b):
    return (a * b ** 2).sum()
print(hessian(g, argnums=1)(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])))
H2 = hessian(g, argnums=(0, 1))(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))
print(H2[0][1], H2[1][1])

# %% func_vmap_basic
import torch
from torch.func import vmap

a = torch.arange(6.0).reshape(2, 3)
b = torch.tensor([[1.0, 0.0, 2.0], [0.5, 0.5, 0.5]])
print(vmap(torch.dot)(a, b))
print(vmap(torch.outer)(a, b).shape)
print(vmap(lambda x: x.sum())(a))
print(vmap(torch.mv, in_dims=(None, 0))(torch.eye(3), a))
print(vmap(lambda x, y: x * y, in_dims=(1, None))(a, torch.tensor([10.0, 100.0])))
print(vmap(lambda x: x ** 2, in_dims=-1)(a))
print(vmap(lambda x: x + 1, out_dims=1)(a))
print(vmap(lambda x: x.mean(), in_dims=1)(a))
print(torch.vmap(torch.dot)(a, b))

# %% func_vmap_nested_and_tuple_out
import torch
from torch.func import vmap

x = torch.arange(4.0)
y = torch.arange(3.0)
table = vmap(vmap(lambda a, b: a * 10 + b, in_dims=(None, 0)), in_dims=(0, None))(x, y)
print(table)
batched_dot = vmap(vmap(torch.dot))
print(batched_dot(torch.ones(2, 3, 4), torch.arange(24.0).reshape(2, 3, 4)))
def stats(v):
    return v.mean(), v.max(), v.argmax()
m, mx, am = vmap(stats)(torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 0.0]]))
print(m, mx, am)
r = vmap(lambda v: {"sq": v ** 2, "neg": -v})(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
print(sorted(r), r["sq"], r["neg"])

# %% func_vmap_pytree_inputs_kwargs
import torch
from torch.func import vmap

def f(d, scale=1.0):
    return (d["x"] * d["w"]).sum() * scale
x = torch.arange(6.0).reshape(3, 2)
w = torch.tensor([1.0, -1.0])
print(vmap(f, in_dims=({"x": 0, "w": None},))({"x": x, "w": w}))
print(vmap(f, in_dims=({"x": 0, "w": None},))({"x": x, "w": w}, scale=10.0))
def g(pair, c):
    a, b = pair
    return a + b * c
print(vmap(g, in_dims=((0, 1), None))((torch.zeros(2, 3), torch.ones(3, 2)), 5.0))
print(vmap(lambda x, n: x * n, in_dims=(0, None))(torch.tensor([1.0, 2.0]), 3))

# %% func_vmap_out_dims_none_and_constants
import torch
from torch.func import vmap

x = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
const = torch.tensor([7.0, 8.0])
out, c = vmap(lambda v: (v * 2, const), out_dims=(0, None))(x)
print(out, c)
print(vmap(lambda v: const)(x))
print(vmap(lambda v: torch.zeros(2))(x))
out2 = vmap(lambda v: (v, v.sum()), out_dims=(1, 0))(x)
print(out2[0].shape, out2[1])
print(vmap(lambda v: v.sum(), out_dims=(0,))(x))

# %% func_vmap_errors
import torch
from torch.func import vmap

a = torch.ones(3, 2)
b = torch.ones(4, 2)
def add(x, y):
    return x + y
cases = [
    lambda: vmap(add)(a, b),
    lambda: vmap(add, in_dims=(0, 2))(a, b),
    lambda: vmap(add, in_dims=[0, 0])(a, a),
    lambda: vmap(add, in_dims=(None, None))(a, a),
    lambda: vmap(add, in_dims=(0, "x"))(a, a),
    lambda: vmap(add)(a, 2.0),
    lambda: vmap(add)(),
    lambda: vmap(lambda x: 3.0)(a),
    lambda: vmap(lambda x: x * 2, out_dims=None)(torch.arange(4.0).reshape(2, 2)),
    lambda: vmap(add, randomness="sometimes"),
    lambda: vmap(add, chunk_size=0),
    lambda: vmap(lambda x: x, out_dims="0")(a),
]
for c in cases:
    try:
        c()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)

# %% func_vmap_chunk_and_randomness_flags
import torch
from torch.func import vmap

x = torch.arange(12.0).reshape(6, 2)
f = lambda v: v.norm()
full = vmap(f)(x)
print(full)
print(torch.allclose(vmap(f, chunk_size=4)(x), full), torch.allclose(vmap(f, chunk_size=1)(x), full))
print(vmap(f, randomness="same")(x).shape, vmap(f, randomness="different")(x).shape)
named = vmap(torch.sum)
print(named.__name__)

# %% func_vmap_module_call
import numpy as np
import torch
import torch.nn as nn
from torch.func import vmap

rng = np.random.default_rng(0)
lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.from_numpy(rng.standard_normal((2, 3)).astype(np.float32)))
    lin.bias.copy_(torch.tensor([0.1, -0.2]))
x = torch.from_numpy(rng.standard_normal((4, 3)).astype(np.float32))
out = vmap(lin)(x)
print(out.shape, torch.allclose(out, lin(x), atol=1e-6))
print(out.detach())
print(vmap(lambda row: torch.relu(lin(row)).sum())(x).detach())

# %% func_vmap_grad_per_example
import torch
from torch.func import vmap, grad

def loss(w, x, y):
    return ((x @ w - y) ** 2).mean()
w = torch.tensor([0.5, -0.25, 1.0])
X = torch.tensor([[1.0, 2.0, 3.0], [0.0, 1.0, -1.0], [2.0, 0.5, 0.0], [1.0, 1.0, 1.0]])
Y = torch.tensor([1.0, 0.0, -1.0, 2.0])
per = vmap(grad(loss), in_dims=(None, 0, 0))(w, X.unsqueeze(1), Y.unsqueeze(1))
print(per.shape)
print(per)
print(torch.allclose(per.mean(0), grad(loss)(w, X, Y)))
print(vmap(grad(lambda x: x.sin().sum()))(torch.tensor([[0.0, 1.0], [2.0, 3.0]])))

# %% func_per_sample_grads_tutorial rtol=1e-4 atol=1e-5
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import functional_call, vmap, grad

class SimpleMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 16)
        self.fc2 = nn.Linear(16, 4)
    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))

rng = np.random.default_rng(0)
model = SimpleMLP()
model.load_state_dict({k: torch.from_numpy(rng.standard_normal(v.shape).astype(np.float32) * 0.3)
                       for k, v in model.state_dict().items()})
data = torch.from_numpy(rng.standard_normal((6, 8)).astype(np.float32))
targets = torch.tensor([0, 3, 1, 1, 2, 0])

params = {k: v.detach() for k, v in model.named_parameters()}
buffers = {k: v.detach() for k, v in model.named_buffers()}

def compute_loss(params, buffers, sample, target):
    batch = sample.unsqueeze(0)
    targets = target.unsqueeze(0)
    predictions = functional_call(model, (params, buffers), (batch,))
    return F.cross_entropy(predictions, targets)

ft_compute_grad = grad(compute_loss)
ft_compute_sample_grad = vmap(ft_compute_grad, in_dims=(None, None, 0, 0))
ft_per_sample_grads = ft_compute_sample_grad(params, buffers, data, targets)
for name, g in ft_per_sample_grads.items():
    print(name, tuple(g.shape), round(g.abs().sum().item(), 4))

def compute_grad(sample, target):
    model.zero_grad()
    loss = F.cross_entropy(model(sample.unsqueeze(0)), target.unsqueeze(0))
    return torch.autograd.grad(loss, list(model.parameters()))
manual = [compute_grad(data[i], targets[i]) for i in range(6)]
manual = [torch.stack(shards) for shards in zip(*manual)]
for m, (name, g) in zip(manual, ft_per_sample_grads.items()):
    print(name, torch.allclose(m, g, atol=1e-6))
print(ft_per_sample_grads["fc2.bias"])

# %% func_model_ensembling_tutorial
import copy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import stack_module_state, functional_call, vmap

class SimpleMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(6, 8)
        self.fc2 = nn.Linear(8, 3)
    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))

rng = np.random.default_rng(1)
models = []
for _ in range(4):
    m = SimpleMLP()
    m.load_state_dict({k: torch.from_numpy(rng.standard_normal(v.shape).astype(np.float32) * 0.5)
                       for k, v in m.state_dict().items()})
    models.append(m)
minibatch = torch.from_numpy(rng.standard_normal((5, 6)).astype(np.float32))
minibatches = torch.from_numpy(rng.standard_normal((4, 5, 6)).astype(np.float32))

params, buffers = stack_module_state(models)
print({k: tuple(v.shape) for k, v in params.items()}, buffers)
print(all(p.is_leaf and p.requires_grad for p in params.values()))
base_model = copy.deepcopy(models[0])
def fmodel(params, buffers, x):
    return functional_call(base_model, (params, buffers), (x,))
same = vmap(fmodel, in_dims=(0, 0, None))(params, buffers, minibatch)
print(same.shape)
print(torch.allclose(same, torch.stack([m(minibatch) for m in models]), atol=1e-6))
diff = vmap(fmodel)(params, buffers, minibatches)
print(torch.allclose(diff, torch.stack([m(x) for m, x in zip(models, minibatches)]), atol=1e-6))
print(diff[2].detach())

# %% func_stack_module_state_details
import torch
import torch.nn as nn
from torch.func import stack_module_state

def make(v):
    m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
    with torch.no_grad():
        for p in m.parameters():
            p.fill_(v)
        m[1].running_mean.fill_(v)
    return m
ms = [make(1.0), make(2.0), make(3.0)]
params, buffers = stack_module_state(ms)
print(list(params), list(buffers))
print(params["0.bias"], buffers["1.running_mean"], buffers["1.num_batches_tracked"])
print(buffers["1.running_mean"].requires_grad, params["1.weight"].grad_fn)
ms[1].eval()
for bad in [[], ms, [nn.Linear(2, 2), nn.Linear(2, 2).requires_grad_(False)], [nn.Linear(1, 1), nn.ReLU()]]:
    try:
        stack_module_state(bad)
    except Exception as e:
        print(type(e).__name__, e)

# %% func_ensemble_training_step
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import stack_module_state, functional_call, vmap

rng = np.random.default_rng(3)
models = []
for _ in range(3):
    m = nn.Linear(4, 2)
    m.load_state_dict({"weight": torch.from_numpy(rng.standard_normal((2, 4)).astype(np.float32)),
                       "bias": torch.zeros(2)})
    models.append(m)
params, buffers = stack_module_state(models)
opt = torch.optim.SGD(params.values(), lr=0.1)
x = torch.from_numpy(rng.standard_normal((8, 4)).astype(np.float32))
y = torch.from_numpy(rng.standard_normal((8, 2)).astype(np.float32))
base = nn.Linear(4, 2)
def call(p, b, x):
    return functional_call(base, (p, b), (x,))
for step in range(3):
    opt.zero_grad()
    preds = vmap(call, in_dims=(0, 0, None))(params, buffers, x)
    loss = F.mse_loss(preds, y.expand(3, 8, 2), reduction="none").mean((1, 2))
    loss.sum().backward()
    opt.step()
    print(step, [round(v, 4) for v in loss.tolist()])
print(params["bias"])

# %% func_functional_call_with_grad
import torch
import torch.nn as nn
from torch.func import functional_call, grad

net = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1))
state = {"0.weight": torch.tensor([[1.0, 0.5], [-0.5, 1.0]]), "0.bias": torch.tensor([0.0, 0.1]),
         "2.weight": torch.tensor([[1.0, -1.0]]), "2.bias": torch.tensor([0.2])}
x = torch.tensor([[1.0, 2.0], [0.5, -1.0]])
def loss(p):
    return functional_call(net, p, (x,)).pow(2).sum()
g = grad(loss)(state)
for k in sorted(g):
    print(k, g[k])
print(net[0].weight.shape, net[0].weight.requires_grad)
print(functional_call(net, state, x))
fast = {k: v - 0.1 * g[k] for k, v in state.items()}
print(loss(fast) < loss(state))

# %% func_maml_inner_loop
import torch
from torch.func import grad

def model(w, x):
    return x * w[0] + w[1]
def loss(w, x, y):
    return ((model(w, x) - y) ** 2).mean()
w0 = torch.tensor([0.5, 0.0], requires_grad=True)
xs, ys = torch.tensor([1.0, 2.0, 3.0]), torch.tensor([2.0, 4.0, 6.0])
xq, yq = torch.tensor([4.0]), torch.tensor([8.0])
w = w0
for _ in range(2):
    w = w - 0.05 * grad(loss)(w, xs, ys)
outer = loss(w, xq, yq)
outer.backward()
print(outer, w0.grad)

# %% func_hvp_patterns
import torch
from torch.func import grad, jvp, vjp, hessian

def f(x):
    return (x.sin() * x ** 2).sum()
x = torch.tensor([0.3, -1.2, 2.0])
v = torch.tensor([1.0, 0.5, -1.0])
hvp_fwd = jvp(grad(f), (x,), (v,))[1]
_, vjp_fn = vjp(grad(f), x)
hvp_rev = vjp_fn(v)[0]
print(hvp_fwd)
print(hvp_rev)
print(hessian(f)(x) @ v)

# %% func_jacrev_model_params
import torch
import torch.nn as nn
from torch.func import jacrev, functional_call

lin = nn.Linear(3, 2)
params = {"weight": torch.tensor([[1.0, 0.0, -1.0], [2.0, 1.0, 0.5]]), "bias": torch.tensor([0.5, -0.5])}
x = torch.tensor([1.0, 2.0, 3.0])
J = jacrev(lambda p: functional_call(lin, p, (x,)))(params)
print(J["weight"].shape, J["bias"].shape)
print(J["weight"])
print(J["bias"])
Jx = jacrev(lambda x: functional_call(lin, params, (x,)))(x)
print(Jx)

# %% func_vmap_jacrev_batched_jacobian
import torch
from torch.func import vmap, jacrev, jacfwd

def f(x):
    return torch.stack([x[0] * x[1], x[1].exp(), x.sum()])
xs = torch.tensor([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5]])
Jr = vmap(jacrev(f))(xs)
Jf = vmap(jacfwd(f))(xs)
print(Jr.shape, torch.allclose(Jr, Jf))
print(Jr[1])
print(vmap(jacrev(torch.sin))(xs).shape)

# %% func_vmap_inplace_on_input
import torch
from torch.func import vmap

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
def bump(v):
    v.add_(1.0)
    return v * 2
print(vmap(bump)(x))
print(x)
def setfirst(v):
    out = v.clone()
    out[0] = 0.0
    return out
print(vmap(setfirst)(x), x)
print(vmap(lambda v: torch.where(v > 3, v, torch.zeros_like(v)))(x))

# %% func_replace_batch_norm
import torch
import torch.nn as nn
from torch.func import replace_all_batch_norm_modules_

net = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3), nn.ReLU(), nn.Sequential(nn.BatchNorm1d(3)))
out = replace_all_batch_norm_modules_(net)
print(out is net)
for m in net.modules():
    if isinstance(m, nn.BatchNorm1d):
        print(m.running_mean, m.running_var, m.num_batches_tracked, m.track_running_stats)
print(sorted(net.state_dict()))

# %% func_vmap_dims_3d
import torch
from torch.func import vmap

x = torch.arange(24.0).reshape(2, 3, 4)
print(vmap(lambda m: m.sum(0), in_dims=2)(x))
print(vmap(lambda m: m.t(), in_dims=1, out_dims=-1)(x).shape)
print(vmap(torch.trace, in_dims=0)(x[:, :, :3]))
print(vmap(lambda a, b: a @ b, in_dims=(0, None))(x, torch.ones(4, 1)).squeeze(-1))
print(vmap(lambda v: v.softmax(-1), in_dims=1)(x)[0])

# %% func_vmap_losses_backward
import torch
import torch.nn.functional as F
from torch.func import vmap

logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 0.3], [-1.0, 3.0, 0.0]], requires_grad=True)
labels = torch.tensor([0, 2, 1])
per_sample = vmap(lambda l, y: F.cross_entropy(l.unsqueeze(0), y.unsqueeze(0)))(logits, labels)
print(per_sample.detach(), per_sample.requires_grad)
per_sample.mean().backward()
print(logits.grad)
print(torch.allclose(per_sample, F.cross_entropy(logits, labels, reduction="none")))

# %% func_grad_kwargs_and_closure
import torch
from torch.func import grad, grad_and_value

def loss(w, x, *, reg=0.0):
    return (w * x).sum() ** 2 + reg * (w ** 2).sum()
w = torch.tensor([1.0, -2.0])
x = torch.tensor([0.5, 0.25])
print(grad(loss)(w, x))
print(grad(loss)(w, x, reg=1.0))
print(grad(loss, argnums=1)(w, x, reg=5.0))
scale = torch.tensor(3.0)
g, v = grad_and_value(lambda w: (scale * w).pow(2).sum())(w)
print(g, v, g.requires_grad)

# %% func_vjp_dict_output
import torch
from torch.func import vjp

def f(x):
    return {"sq": x ** 2, "sum": x.sum(), "pair": (x * 3, x.exp())}
x = torch.tensor([1.0, 2.0])
out, fn = vjp(f, x)
print(sorted(out), out["pair"][0])
cot = {"sq": torch.ones(2), "sum": torch.tensor(2.0), "pair": (torch.zeros(2), torch.tensor([1.0, 0.0]))}
print(fn(cot))
try:
    fn({"sq": torch.ones(2)})
except Exception as e:
    print(type(e).__name__)

# %% func_dtype_shape_errors
import torch
from torch.func import grad, jacrev, jacfwd, vmap, vjp, jvp

x = torch.tensor([1.0, 3.0])
cases = [lambda: grad(lambda x: x.sum())(torch.tensor([1, 2])),
         lambda: jacrev(lambda x: x.argmax())(x),
         lambda: vmap(lambda x: x * 2)(torch.ones(0, 3)),
         lambda: vmap(lambda x: (x.sum(), x * 2), out_dims=(0, 1))(torch.ones(0, 2)),
         lambda: jvp(lambda x: x.argmax(), (x,), (torch.ones(2),)),
         lambda: grad(lambda x: (x * 2).sum())(x.double()),
         lambda: jvp(torch.sin, (torch.ones(2),), (torch.ones(3),)),
         lambda: vjp(torch.sin, torch.ones(2))[1](torch.ones(3)),
         lambda: jacrev(lambda x: x * 2)(x.double()).dtype,
         lambda: jacfwd(lambda x: x.sum())(torch.ones(2, 2))]
for c in cases:
    try:
        print(c())
    except Exception as e:
        print(type(e).__name__, e)
