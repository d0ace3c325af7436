# Optimizers and LR schedulers in depth: every optimizer's options traced step by step on a fixed
# problem, state/state_dict structure, repr, hooks, errors; every scheduler's trace, state and resume;
# swa_utils.

# %% od_sgd_variants_trace rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn

def trace(**kw):
    w = nn.Parameter(torch.tensor([1.0, -2.0, 0.5]))
    opt = torch.optim.SGD([w], **kw)
    rows = []
    for i in range(4):
        opt.zero_grad()
        loss = (w ** 2 * torch.tensor([1.0, 0.5, 3.0])).sum() - w[0] * 0.3
        loss.backward()
        opt.step()
        rows.append([round(v, 6) for v in w.tolist()])
    return rows, sorted(opt.state[w].keys())

print(trace(lr=0.1))
print(trace(lr=0.1, momentum=0.9))
print(trace(lr=0.1, momentum=0.9, dampening=0.5))
print(trace(lr=0.1, momentum=0.9, nesterov=True))
print(trace(lr=0.05, momentum=0.5, nesterov=True, weight_decay=0.1, maximize=True))
print(trace(lr=0.1, momentum=0.0, weight_decay=0.2))
for kw in [dict(lr=0.1, nesterov=True), dict(lr=0.1, momentum=0.9, dampening=0.1, nesterov=True), dict(lr=0.1, momentum=-0.5), dict(lr=-1)]:
    try:
        torch.optim.SGD([nn.Parameter(torch.ones(1))], **kw)
    except ValueError as e:
        print("ValueError", e)
print(torch.optim.SGD([nn.Parameter(torch.ones(1))]).defaults["lr"])

# %% od_adam_family_trace rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn

def trace(cls, **kw):
    w = nn.Parameter(torch.tensor([[1.0, -2.0], [0.5, 0.0]]))
    opt = cls([w], **kw)
    rows = []
    for i in range(5):
        opt.zero_grad()
        loss = ((w - torch.tensor([[0.2, 0.1], [-0.3, 0.4]])) ** 2).sum() * (1.0 + i)
        loss.backward()
        opt.step()
        rows.append([round(v, 6) for v in w.flatten().tolist()])
    st = opt.state[w]
    return rows[::2], sorted(st.keys()), st["step"]

A = torch.optim
print(trace(A.Adam, lr=0.1))
print(trace(A.Adam, lr=0.1, amsgrad=True, maximize=True))
print(trace(A.Adam, lr=0.1, amsgrad=True, weight_decay=0.3, betas=(0.5, 0.7)))
print(trace(A.Adam, lr=0.1, weight_decay=0.3, decoupled_weight_decay=True))
print(trace(A.AdamW, lr=0.1))
print(trace(A.AdamW, lr=0.1, weight_decay=0.5, amsgrad=True, maximize=True))
print(trace(A.Adamax, lr=0.2, betas=(0.8, 0.9), weight_decay=0.1))
print(trace(A.Adamax, lr=0.2, maximize=True, eps=1e-3))
print(A.AdamW([nn.Parameter(torch.ones(1))]).defaults["weight_decay"], A.Adam([nn.Parameter(torch.ones(1))]).defaults["weight_decay"])

# %% od_adagrad_adadelta_trace rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn

def trace(cls, steps=5, **kw):
    w = nn.Parameter(torch.tensor([1.5, -0.5, 0.25]))
    opt = cls([w], **kw)
    first = {k: (v.clone() if torch.is_tensor(v) else v) for k, v in opt.state[w].items()}
    rows = []
    for i in range(steps):
        opt.zero_grad()
        (w.sin() * torch.tensor([1.0, 2.0, -1.0])).sum().backward()
        opt.step()
        rows.append([round(v, 6) for v in w.tolist()])
    return sorted(first), rows[-2:], sorted(opt.state[w].keys())

A = torch.optim
print(trace(A.Adagrad, lr=0.3))
print(trace(A.Adagrad, lr=0.3, lr_decay=0.2))
print(trace(A.Adagrad, lr=0.3, initial_accumulator_value=0.5, weight_decay=0.1))
print(trace(A.Adagrad, lr=0.3, maximize=True, eps=0.1))
w = nn.Parameter(torch.tensor([1.0, 2.0]))
ag = A.Adagrad([w], initial_accumulator_value=0.25)
print(ag.state[w]["sum"], ag.state[w]["step"])
print(trace(A.Adadelta))
print(trace(A.Adadelta, lr=0.5, rho=0.5, eps=1e-3))
print(trace(A.Adadelta, lr=1.0, weight_decay=0.2, maximize=True))
for bad in [lambda: A.Adagrad([w], lr_decay=-0.1), lambda: A.Adagrad([w], initial_accumulator_value=-1.0),
            lambda: A.Adadelta([w], rho=1.5), lambda: A.Adadelta([w], lr=-0.1), lambda: A.Adagrad([w], eps=-1)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

# %% od_rmsprop_options rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn

def trace(**kw):
    w = nn.Parameter(torch.tensor([1.0, -1.0, 2.0, 0.0]))
    opt = torch.optim.RMSprop([w], **kw)
    rows = []
    for i in range(6):
        opt.zero_grad()
        ((w - 0.5) ** 3).abs().sum().backward()
        opt.step()
        rows.append([round(v, 6) for v in w.tolist()])
    return rows[1::2], sorted(opt.state[w].keys())

print(trace(lr=0.01))
print(trace(lr=0.01, centered=True))
print(trace(lr=0.01, momentum=0.9))
print(trace(lr=0.01, momentum=0.5, centered=True, weight_decay=0.1))
print(trace(lr=0.02, alpha=0.5, eps=1e-4, maximize=True))
w = nn.Parameter(torch.ones(2))
opt = torch.optim.RMSprop([w], lr=0.1, centered=True, momentum=0.3)
w.grad = torch.tensor([0.5, -2.0])
opt.step()
st = opt.state[w]
print(st["square_avg"], st["grad_avg"], st["momentum_buffer"], st["step"])
for kw in [dict(alpha=1.5), dict(momentum=-1.0), dict(eps=-1e-8), dict(lr=-0.01)]:
    try:
        torch.optim.RMSprop([w], **kw)
    except ValueError as e:
        print("ValueError", e)

# %% od_nadam_radam_options rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn

def trace(cls, steps=7, **kw):
    w = nn.Parameter(torch.tensor([2.0, -1.0, 0.5]))
    opt = cls([w], **kw)
    rows = []
    for i in range(steps):
        opt.zero_grad()
        (w ** 4 / 4 - w).sum().backward()
        opt.step()
        rows.append([round(v, 6) for v in w.tolist()])
    st = opt.state[w]
    return rows[-3:], sorted(st.keys())

A = torch.optim
print(trace(A.NAdam, lr=0.05))
print(trace(A.NAdam, lr=0.05, momentum_decay=0.01))
print(trace(A.NAdam, lr=0.05, weight_decay=0.2))
print(trace(A.NAdam, lr=0.05, weight_decay=0.2, decoupled_weight_decay=True, maximize=True))
print(trace(A.RAdam, lr=0.05))
print(trace(A.RAdam, lr=0.05, weight_decay=0.2))
print(trace(A.RAdam, lr=0.05, weight_decay=0.2, decoupled_weight_decay=True))
print(trace(A.RAdam, lr=0.05, betas=(0.5, 0.6), maximize=True, steps=4))
w = nn.Parameter(torch.ones(1))
opt = A.NAdam([w], lr=0.1)
w.grad = torch.tensor([1.0])
opt.step()
opt.step()
print(opt.state[w]["mu_product"], opt.state[w]["step"])
for bad in [lambda: A.NAdam([w], momentum_decay=-0.1), lambda: A.RAdam([w], betas=(1.0, 0.9)), lambda: A.NAdam([w], betas=(0.9, -0.1))]:
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

# %% od_asgd_rprop_options rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn

def trace(cls, steps=6, **kw):
    w = nn.Parameter(torch.tensor([1.0, -3.0, 0.2]))
    opt = cls([w], **kw)
    rows = []
    for i in range(steps):
        opt.zero_grad()
        ((w - torch.tensor([0.5, 0.5, 0.5])) ** 2 * torch.tensor([1.0, 0.1, 5.0])).sum().backward()
        opt.step()
        rows.append([round(v, 6) for v in w.tolist()])
    return rows[-3:], opt.state[w]

A = torch.optim
rows, st = trace(A.ASGD, lr=0.1)
print(rows, sorted(st.keys()), st["eta"], st["mu"], st["ax"], st["step"])
rows, st = trace(A.ASGD, lr=0.1, lambd=0.01, alpha=0.5, t0=3, weight_decay=0.1)
print(rows, st["eta"], st["mu"], st["ax"])
rows, st = trace(A.ASGD, lr=0.1, t0=0, maximize=True, steps=3)
print(rows, st["ax"])
rows, st = trace(A.Rprop, lr=0.05)
print(rows, sorted(st.keys()), st["prev"], st["step_size"], st["step"])
rows, st = trace(A.Rprop, lr=0.05, etas=(0.3, 1.5), step_sizes=(0.01, 0.1))
print(rows, st["step_size"])
rows, st = trace(A.Rprop, lr=0.2, etas=(0.5, 1.1), step_sizes=(1e-4, 0.25), maximize=True, steps=4)
print(rows, st["step_size"])
for bad in [lambda: A.Rprop([nn.Parameter(torch.ones(1))], etas=(1.2, 0.5)), lambda: A.Rprop([nn.Parameter(torch.ones(1))], lr=-1.0),
            lambda: A.ASGD([nn.Parameter(torch.ones(1))], weight_decay=-1), lambda: A.ASGD([nn.Parameter(torch.ones(1))], lr=-0.1)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

# %% od_lbfgs_rosenbrock rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn

def rosen(x):
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2

for kw in [dict(lr=1, max_iter=20), dict(lr=1, max_iter=20, line_search_fn="strong_wolfe"), dict(lr=0.5, max_iter=5, history_size=3),
           dict(lr=1, max_iter=50, line_search_fn="strong_wolfe", tolerance_grad=1e-5, tolerance_change=1e-9)]:
    x = nn.Parameter(torch.tensor([-1.2, 1.0], dtype=torch.float64))
    opt = torch.optim.LBFGS([x], **kw)
    calls = [0]
    def closure():
        calls[0] += 1
        opt.zero_grad()
        loss = rosen(x)
        loss.backward()
        return loss
    losses = []
    for _ in range(3):
        losses.append(round(opt.step(closure).item(), 6))
    st = opt.state[x]
    print(losses, [round(v, 5) for v in x.tolist()], calls[0], st["func_evals"], st["n_iter"], sorted(k for k in st))
try:
    torch.optim.LBFGS([nn.Parameter(torch.ones(1)), nn.Parameter(torch.ones(1))], line_search_fn="backtracking").step(lambda: torch.tensor(0.0))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.optim.LBFGS([{"params": [nn.Parameter(torch.ones(1))]}, {"params": [nn.Parameter(torch.ones(1))]}])
except ValueError as e:
    print("ValueError", e)
print(torch.optim.LBFGS([nn.Parameter(torch.ones(1))]).defaults)

# %% od_lbfgs_model_fit_multi_param rtol=1e-4 atol=1e-6
import numpy as np
import torch
import torch.nn as nn

rng = np.random.default_rng(0)
X = torch.from_numpy(rng.standard_normal((20, 3)).astype(np.float32))
Y = X @ torch.tensor([[1.0], [-2.0], [0.5]]) + 0.3
lin = nn.Linear(3, 1)
lin.load_state_dict({"weight": torch.zeros(1, 3), "bias": torch.zeros(1)})
opt = torch.optim.LBFGS(lin.parameters(), lr=1, max_iter=10, line_search_fn="strong_wolfe")
def closure():
    opt.zero_grad()
    loss = nn.functional.mse_loss(lin(X), Y)
    loss.backward()
    return loss
first = opt.step(closure)
print(round(first.item(), 5), [round(v, 4) for v in lin.weight.flatten().tolist()], round(lin.bias.item(), 4))
sd = opt.state_dict()
print(sorted(sd["state"].keys()), sorted(sd["state"][0].keys()), sorted(sd["param_groups"][0].keys()))
print(opt.state_dict()["param_groups"][0]["params"])

a = nn.Parameter(torch.tensor([[-1.2, 1.0], [0.5, 0.3]], dtype=torch.float64))
b = nn.Parameter(torch.tensor([0.1], dtype=torch.float64))
opt = torch.optim.LBFGS([a, b], lr=0.8, max_iter=4, max_eval=6, history_size=2)
def closure():
    opt.zero_grad()
    loss = ((a @ a.T - torch.eye(2, dtype=torch.float64)) ** 2).sum() + (b - a.sum()) ** 2
    loss = loss.sum()
    loss.backward()
    return loss
for _ in range(3):
    l = opt.step(closure)
    st = opt.state[opt.param_groups[0]["params"][0]]
    print(round(l.item(), 6), st["func_evals"], st["n_iter"], len(st["old_dirs"]), round(float(st["t"]), 6), a.tolist(), b.tolist())
print(sorted(opt.state_dict()["state"].keys()))
w = nn.Parameter(torch.tensor([1.0, 2.0]))
opt = torch.optim.LBFGS([w], lr=1, line_search_fn="strong_wolfe")
def c2():
    opt.zero_grad()
    l = ((w - torch.tensor([3.0, -1.0])) ** 2).sum()
    l.backward()
    return l
print(opt.step(c2).item(), w.tolist(), opt.state[w]["func_evals"], opt.state[w]["n_iter"])
print(opt.step(c2).item(), opt.state[w]["func_evals"], opt.state[w]["n_iter"])
try:
    opt.step()
except Exception as e:
    print(type(e).__name__, e)

# %% od_sparse_adam_dense_error strict
import torch
import torch.nn as nn

w = nn.Parameter(torch.ones(3))
opt = torch.optim.SparseAdam([w], lr=0.01)
print(sorted(opt.defaults), opt.param_groups[0]["betas"])
w.grad = torch.ones(3)
try:
    opt.step()
except RuntimeError as e:
    print("RuntimeError", e)
print(w)
for bad in [dict(lr=-1.0), dict(betas=(1.0, 0.9)), dict(eps=-1.0)]:
    try:
        torch.optim.SparseAdam([w], **bad)
    except ValueError as e:
        print("ValueError", e)

# %% od_impl_keywords_accepted rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn

A = torch.optim
def run(make):
    w = nn.Parameter(torch.tensor([1.0, -1.0]))
    opt = make([w])
    for _ in range(3):
        opt.zero_grad()
        (w ** 2).sum().backward()
        opt.step()
    g = opt.param_groups[0]
    return [round(v, 6) for v in w.tolist()], {k: g.get(k) for k in ("foreach", "fused", "capturable", "differentiable") if k in g}

print(run(lambda p: A.SGD(p, lr=0.1, momentum=0.9, foreach=True)))
print(run(lambda p: A.SGD(p, lr=0.1, fused=True)))
print(run(lambda p: A.Adam(p, lr=0.1, foreach=False, capturable=False, differentiable=False)))
print(run(lambda p: A.Adam(p, lr=0.1, fused=True)))
print(run(lambda p: A.AdamW(p, lr=0.1, fused=True)))
print(run(lambda p: A.Adagrad(p, lr=0.1, foreach=True)))
print(run(lambda p: A.RMSprop(p, lr=0.1, foreach=True, capturable=False)))
print(run(lambda p: A.NAdam(p, lr=0.1, foreach=True, capturable=False)))
print(run(lambda p: A.RAdam(p, lr=0.1, foreach=False)))
print(run(lambda p: A.Adamax(p, lr=0.1, foreach=True)))
print(run(lambda p: A.Adadelta(p, foreach=True)))
print(run(lambda p: A.Rprop(p, foreach=True)))
print(run(lambda p: A.ASGD(p, foreach=True)))
try:
    A.Adam([nn.Parameter(torch.ones(1))], fused=True, foreach=True)
except RuntimeError as e:
    print("RuntimeError", e)
try:
    A.SGD([nn.Parameter(torch.ones(1))], lr=0.1, fused=True, differentiable=True)
except RuntimeError as e:
    print("RuntimeError", e)

# %% od_state_dict_structure_all strict
import torch
import torch.nn as nn

A = torch.optim
makers = [("SGD", lambda p: A.SGD(p, lr=0.1, momentum=0.9)), ("Adam", lambda p: A.Adam(p)), ("AdamW", lambda p: A.AdamW(p)),
          ("Adamax", lambda p: A.Adamax(p)), ("Adagrad", lambda p: A.Adagrad(p)), ("Adadelta", lambda p: A.Adadelta(p)),
          ("RMSprop", lambda p: A.RMSprop(p)), ("NAdam", lambda p: A.NAdam(p)), ("RAdam", lambda p: A.RAdam(p)),
          ("ASGD", lambda p: A.ASGD(p)), ("Rprop", lambda p: A.Rprop(p)), ("LBFGS", lambda p: A.LBFGS(p))]
for name, make in makers:
    m = nn.Linear(2, 1)
    opt = make(m.parameters())
    def closure():
        opt.zero_grad()
        loss = m(torch.ones(1, 2)).sum()
        loss.backward()
        return loss
    opt.step(closure)
    sd = opt.state_dict()
    g = sd["param_groups"][0]
    print(name, list(sd.keys()), list(sd["state"].keys()), sorted(sd["state"][0].keys()))
    print("  ", sorted(g.keys()))
    print("  ", {k: v for k, v in sorted(g.items()) if k != "params"})

# %% od_state_dict_value_types strict
import torch
import torch.nn as nn

w = nn.Parameter(torch.tensor([1.0, 2.0]))
opt = torch.optim.Adam([w], lr=0.01)
w.grad = torch.tensor([0.1, -0.2])
opt.step()
sd = opt.state_dict()
st = sd["state"][0]
print(type(st["step"]).__name__, st["step"].dtype, st["step"].shape, st["exp_avg"].dtype)
print(st["exp_avg"] is opt.state[w]["exp_avg"], sd["param_groups"][0] is opt.param_groups[0])
sd["param_groups"][0]["lr"] = 5.0
print(opt.param_groups[0]["lr"])
ho = torch.optim.SGD([w], lr=0.1)
print(ho.state_dict())
w64 = nn.Parameter(torch.tensor([1.0], dtype=torch.float64))
o64 = torch.optim.Adam([w64])
w64.grad = torch.tensor([1.0], dtype=torch.float64)
o64.step()
print(o64.state[w64]["step"].dtype, o64.state[w64]["exp_avg"].dtype)
rp = torch.optim.Rprop([w])
w.grad = torch.tensor([0.1, -0.2])
rp.step()
print(rp.state[w]["step"], rp.state[w]["prev"])

w = nn.Parameter(torch.tensor([1.0, 2.0]))
opt = torch.optim.Adam([w], lr=0.1)
w.grad = torch.tensor([1.0, 1.0])
opt.step()
sd = opt.state_dict()
w64 = nn.Parameter(torch.tensor([1.0, 2.0], dtype=torch.float64))
o64 = torch.optim.Adam([w64], lr=0.1)
o64.load_state_dict(sd)
st = o64.state[w64]
print(st["exp_avg"].dtype, st["exp_avg_sq"].dtype, st["step"].dtype)
sd2 = opt.state_dict()
sd2["param_groups"][0]["lr"] = 0.5
sd2["param_groups"][0]["betas"] = (0.5, 0.5)
o3 = torch.optim.Adam([nn.Parameter(torch.zeros(2))], lr=0.1)
o3.load_state_dict(sd2)
print(o3.param_groups[0]["lr"], o3.param_groups[0]["betas"], opt.param_groups[0]["lr"])
o4 = torch.optim.Adam([nn.Parameter(torch.zeros(3))], lr=0.1)
try:
    o4.load_state_dict(sd)
except ValueError as e:
    print("ValueError", e)
print(len(o4.state))

# %% od_load_state_dict_continue rtol=1e-6 atol=1e-8
import numpy as np
import torch
import torch.nn as nn

rng = np.random.default_rng(1)
X = torch.from_numpy(rng.standard_normal((16, 3)).astype(np.float32))
Y = torch.from_numpy(rng.standard_normal((16, 2)).astype(np.float32))
init = {k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in nn.Linear(3, 2).state_dict().items()}
A = torch.optim
for name, make in [("RMSprop", lambda p: A.RMSprop(p, lr=0.01, centered=True, momentum=0.5)), ("NAdam", lambda p: A.NAdam(p, lr=0.01)),
                   ("Adagrad", lambda p: A.Adagrad(p, lr=0.1, lr_decay=0.01)), ("ASGD", lambda p: A.ASGD(p, lr=0.05, t0=1)),
                   ("Rprop", lambda p: A.Rprop(p, lr=0.01)), ("Adadelta", lambda p: A.Adadelta(p)), ("RAdam", lambda p: A.RAdam(p, lr=0.01)),
                   ("Adamax", lambda p: A.Adamax(p, lr=0.01)), ("AdamW", lambda p: A.AdamW(p, lr=0.01, amsgrad=True))]:
    m1 = nn.Linear(3, 2); m1.load_state_dict(init)
    o1 = make(m1.parameters())
    def step(m, o):
        o.zero_grad()
        loss = ((m(X) - Y) ** 2).mean()
        loss.backward()
        o.step()
        return loss.item()
    for _ in range(3):
        step(m1, o1)
    m2 = nn.Linear(3, 2); m2.load_state_dict(m1.state_dict())
    o2 = make(m2.parameters())
    o2.load_state_dict(o1.state_dict())
    l1 = [step(m1, o1) for _ in range(3)]
    l2 = [step(m2, o2) for _ in range(3)]
    print(name, l1 == l2, torch.equal(m1.weight, m2.weight), [round(v, 6) for v in l2])

# %% od_zero_grad_and_missing_grads strict
import pickle
import torch
import torch.nn as nn

a = nn.Parameter(torch.tensor([1.0, 2.0]))
b = nn.Parameter(torch.tensor([3.0]))
c = nn.Parameter(torch.tensor([4.0]))
opt = torch.optim.SGD([a, b, c], lr=0.5, momentum=0.5, weight_decay=0.1)
(a.sum() * 2 + b.sum()).backward()
opt.step()
print(a, b, c, c.grad, sorted(len(v) for v in opt.state.values()), c in opt.state)
opt.zero_grad(set_to_none=False)
print(a.grad, b.grad, c.grad, a.grad.requires_grad)
(a * 3).sum().backward()
opt.step()
print(a, b, opt.state[b]["momentum_buffer"])
opt.zero_grad()
print(a.grad, b.grad)
adam = torch.optim.Adam([a, b], lr=0.1)
(a ** 2).sum().backward()
adam.step()
print(list(adam.state_dict()["state"].keys()), len(adam.state))
b.grad = torch.zeros(1)
adam.step()
print(list(adam.state_dict()["state"].keys()), adam.state[b]["step"], b)
w = nn.Parameter(torch.ones(2))
a = torch.optim.Adam([w], lr=0.1)
w.grad = torch.ones(2)
a.step()
a2 = pickle.loads(pickle.dumps(a))
print(type(a2).__name__, len(a2.state), a2.param_groups[0]["lr"])
x = nn.Parameter(torch.tensor([1.0, 2.0]))
y = (x ** 2).sum()
g, = torch.autograd.grad(y, x, create_graph=True)
x.grad = g
o = torch.optim.SGD([x], lr=0.1)
o.zero_grad(set_to_none=False)
print(x.grad, x.grad.grad_fn, x.grad.requires_grad)

# %% od_param_groups_lr_mix rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1))
with torch.no_grad():
    for i, p in enumerate(net.parameters()):
        p.copy_(torch.linspace(-0.5, 0.5, p.numel()).view_as(p) * (i + 1))
opt = torch.optim.Adam([{"params": net[0].parameters(), "lr": 0.01, "betas": (0.5, 0.9)},
                        {"params": net[2].weight, "weight_decay": 0.1},
                        {"params": [net[2].bias], "amsgrad": True}], lr=0.05)
print([(g["lr"], g["betas"], g["weight_decay"], g["amsgrad"], len(g["params"])) for g in opt.param_groups])
x = torch.tensor([[1.0, -1.0], [0.5, 2.0]])
for _ in range(4):
    opt.zero_grad()
    net(x).pow(2).mean().backward()
    opt.step()
print([[round(v, 6) for v in p.flatten().tolist()] for p in net.parameters()])
print(sorted(opt.state[net[2].bias].keys()), sorted(opt.state[net[2].weight].keys()))
sd = opt.state_dict()
print([g["params"] for g in sd["param_groups"]], list(sd["state"].keys()))
extra = nn.Parameter(torch.ones(2))
opt.add_param_group({"params": extra, "lr": 1.0, "betas": (0.0, 0.5)})
print(len(opt.param_groups), sorted(opt.param_groups[3].keys()), opt.state_dict()["param_groups"][3]["params"])
for bad in [{"params": [net[0].weight]}, {"params": [extra, extra]}]:
    try:
        opt.add_param_group(bad)
    except ValueError as e:
        print("ValueError", e)

# %% od_named_parameters_optimizer strict
import torch
import torch.nn as nn

m = nn.Linear(2, 1)
with torch.no_grad():
    m.weight.fill_(0.5)
    m.bias.fill_(0.0)
opt = torch.optim.SGD(m.named_parameters(), lr=0.1, momentum=0.9)
print(opt.param_groups[0].get("param_names"), len(opt.param_groups[0]["params"]))
m(torch.ones(1, 2)).sum().backward()
opt.step()
sd = opt.state_dict()
print(sorted(sd["param_groups"][0].keys()), sd["param_groups"][0]["params"], sd["param_groups"][0].get("param_names"))
opt2 = torch.optim.Adam([{"params": [("w", m.weight)], "lr": 0.01}, {"params": [("b", m.bias)]}])
print([g.get("param_names") for g in opt2.param_groups])
try:
    torch.optim.Adam([{"params": [("w", m.weight)]}, {"params": [m.bias]}])
except ValueError as e:
    print("ValueError", e)

# %% od_invalid_hyperparameters strict
import torch
import torch.nn as nn

A = torch.optim
p = [nn.Parameter(torch.ones(1))]
cases = [("SGD", lambda: A.SGD(p, lr=-1)), ("Adam lr", lambda: A.Adam(p, lr=-1)), ("Adam b0", lambda: A.Adam(p, betas=(-0.1, 0.9))),
         ("Adam b1", lambda: A.Adam(p, betas=(0.9, 1.0))), ("AdamW wd", lambda: A.AdamW(p, weight_decay=-0.5)),
         ("Adamax b", lambda: A.Adamax(p, betas=(0.9, 1.5))), ("Adamax eps", lambda: A.Adamax(p, eps=-1.0)),
         ("Adagrad lr", lambda: A.Adagrad(p, lr=-1)), ("Adadelta wd", lambda: A.Adadelta(p, weight_decay=-1)),
         ("RMSprop wd", lambda: A.RMSprop(p, weight_decay=-1)), ("NAdam lr", lambda: A.NAdam(p, lr=-1)),
         ("RAdam eps", lambda: A.RAdam(p, eps=-1)), ("RAdam wd", lambda: A.RAdam(p, weight_decay=-1)),
         ("Rprop etas", lambda: A.Rprop(p, etas=(0.5, 0.9))), ("ASGD wd", lambda: A.ASGD(p, weight_decay=-0.1)),
         ("SGD mom", lambda: A.SGD(p, lr=0.1, momentum=-0.1)), ("SGD wd", lambda: A.SGD(p, lr=0.1, weight_decay=-0.1)),
         ("Adam eps", lambda: A.Adam(p, eps=-1e-8)), ("Adam lr tensor", lambda: A.Adam(p, lr=torch.tensor([0.1, 0.2]))),
         ("SGD none lr", lambda: A.SGD(p, lr=None))]
for name, fn in cases:
    try:
        fn()
        print(name, "ok")
    except Exception as e:
        print(name, type(e).__name__, e)

# %% od_params_argument_errors strict
import torch
import torch.nn as nn

A = torch.optim
for bad in [lambda: A.SGD(torch.ones(2, requires_grad=True), lr=0.1), lambda: A.SGD([], lr=0.1),
            lambda: A.Adam(iter([])), lambda: A.Adam([torch.ones(2, requires_grad=True) * 2]),
            lambda: A.Adam([torch.ones(2)]), lambda: A.SGD([{"params": []}], lr=0.1)]:
    try:
        o = bad()
        print("ok", len(o.param_groups), [len(g["params"]) for g in o.param_groups])
    except Exception as e:
        print(type(e).__name__, e)
gen = (p for p in nn.Linear(2, 2).parameters())
o = A.SGD(gen, lr=0.1)
print(len(o.param_groups[0]["params"]), list(gen))
o = A.SGD([nn.Parameter(torch.ones(1))], lr=0.1)
try:
    o.add_param_group([nn.Parameter(torch.ones(1))])
except Exception as e:
    print(type(e).__name__, e)

# %% od_optimizer_repr strict
import torch
import torch.nn as nn

A = torch.optim
p = [nn.Parameter(torch.ones(1))]
for opt in [A.Adam(p, lr=0.01), A.SGD([{"params": p}, {"params": [nn.Parameter(torch.ones(1))], "lr": 0.5}], lr=0.1, momentum=0.9),
            A.RMSprop(p), A.Adagrad(p), A.LBFGS(p), A.Rprop(p), A.ASGD(p), A.NAdam(p), A.RAdam(p), A.Adadelta(p), A.Adamax(p), A.AdamW(p)]:
    print(opt)

# %% od_optimizer_hooks strict
import torch
import torch.nn as nn

w = nn.Parameter(torch.tensor([1.0]))
opt = torch.optim.SGD([w], lr=0.1)
log = []
h1 = opt.register_step_pre_hook(lambda o, a, k: log.append(("pre", type(o).__name__, a, k)))
h2 = opt.register_step_post_hook(lambda o, a, k: log.append(("post", round(w.item(), 4))))
w.grad = torch.tensor([1.0])
opt.step()
h1.remove()
opt.step()
h2.remove()
opt.step()
print(log, round(w.item(), 4))
def sd_pre(o):
    log.append("sd_pre")
def sd_post(o, sd):
    sd["extra"] = 1
    return sd
opt.register_state_dict_pre_hook(sd_pre)
opt.register_state_dict_post_hook(sd_post)
sd = opt.state_dict()
print(sorted(sd.keys()), log[-1])
def load_pre(o, sd):
    sd = dict(sd)
    sd.pop("extra", None)
    log.append("load_pre")
    return sd
opt.register_load_state_dict_pre_hook(load_pre)
opt.register_load_state_dict_post_hook(lambda o: log.append("load_post"))
opt.load_state_dict(sd)
print(log[-2:])
from torch.optim.optimizer import register_optimizer_step_pre_hook
glob = register_optimizer_step_pre_hook(lambda o, a, k: log.append("global"))
opt.step()
glob.remove()
opt.step()
print(log[-1], log.count("global"))

# %% od_lr_tensor_and_manual_group_edit rtol=1e-6 atol=1e-8
import torch
import torch.nn as nn

w = nn.Parameter(torch.tensor([1.0, -1.0]))
opt = torch.optim.SGD([w], lr=0.1, momentum=0.5)
vals = []
for i in range(4):
    w.grad = torch.tensor([1.0, 2.0])
    opt.step()
    opt.param_groups[0]["lr"] *= 0.5
    opt.param_groups[0]["momentum"] = 0.9 if i == 1 else opt.param_groups[0]["momentum"]
    vals.append([round(v, 6) for v in w.tolist()])
print(vals, opt.param_groups[0]["lr"])
w2 = nn.Parameter(torch.tensor([1.0, -1.0]))
opt2 = torch.optim.AdamW([w2], lr=torch.tensor(0.01), weight_decay=0.1)
print(type(opt2.param_groups[0]["lr"]).__name__, opt2.param_groups[0]["lr"])
for _ in range(3):
    w2.grad = torch.tensor([0.3, -0.3])
    opt2.step()
print([round(v, 6) for v in w2.tolist()])
sched = torch.optim.lr_scheduler.StepLR(opt2, step_size=1, gamma=0.5)
opt2.step()
sched.step()
print(opt2.param_groups[0]["lr"], [round(float(v), 6) for v in sched.get_last_lr()])

# %% od_step_lr_schedulers_basic strict
import torch
import torch.nn as nn
from torch.optim import lr_scheduler as L

def trace(make, n=8, lr=0.5):
    opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=lr)
    s = make(opt)
    out = [round(s.get_last_lr()[0], 7)]
    for _ in range(n):
        opt.step()
        s.step()
        out.append(round(s.get_last_lr()[0], 7))
    return out

print(trace(lambda o: L.MultiplicativeLR(o, lr_lambda=lambda e: 0.9)))
print(trace(lambda o: L.MultiplicativeLR(o, lr_lambda=lambda e: 1.0 if e < 3 else 0.5)))
print(trace(lambda o: L.ConstantLR(o)))
print(trace(lambda o: L.ConstantLR(o, factor=0.1, total_iters=3)))
print(trace(lambda o: L.PolynomialLR(o)))
print(trace(lambda o: L.PolynomialLR(o, total_iters=4, power=2.0)))
print(trace(lambda o: L.PolynomialLR(o, total_iters=6, power=0.5)))
print(trace(lambda o: L.LinearLR(o)))
print(trace(lambda o: L.LinearLR(o, start_factor=1.0, end_factor=0.0, total_iters=4)))
print(trace(lambda o: L.StepLR(o, step_size=2)))
print(trace(lambda o: L.MultiStepLR(o, milestones=[6, 2, 2])))
print(trace(lambda o: L.ExponentialLR(o, gamma=1.1), n=4))
print(trace(lambda o: L.CosineAnnealingLR(o, T_max=3, eta_min=0.1), n=10))
for bad in [lambda o: L.ConstantLR(o, factor=1.5), lambda o: L.LinearLR(o, start_factor=0.0), lambda o: L.LinearLR(o, end_factor=1.5),
            lambda o: L.StepLR(o, step_size=0), lambda o: L.MultiplicativeLR(o, lr_lambda=[lambda e: 1.0, lambda e: 1.0])]:
    try:
        trace(bad, n=1)
    except Exception as e:
        print(type(e).__name__, e)

# %% od_warm_restarts_fractional strict
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts

opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
s = CosineAnnealingWarmRestarts(opt, T_0=2, T_mult=2, eta_min=0.05)
iters = 4
out = []
for epoch in range(5):
    for i in range(iters):
        opt.step()
        s.step(epoch + i / iters)
        out.append(round(s.get_last_lr()[0], 6))
print(out)
print(s.T_i, s.T_cur, s.last_epoch, round(s.T_cur, 6))
s2 = CosineAnnealingWarmRestarts(torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0), T_0=3)
vals = []
for e in [0.5, 2.9, 3.0, 7.5, 1.0]:
    s2.step(e)
    vals.append((round(s2.get_last_lr()[0], 6), s2.T_i, round(s2.T_cur, 4)))
print(vals)
s3 = CosineAnnealingWarmRestarts(torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0), T_0=1, T_mult=3)
vals = []
for e in [0.5, 1.0, 2.0, 4.0, 5.0, 13.5]:
    s3.step(e)
    vals.append((round(s3.get_last_lr()[0], 6), s3.T_i))
print(vals)
for bad in [dict(T_0=0), dict(T_0=2, T_mult=0), dict(T_0=2.5), dict(T_0=2, T_mult=1.5), dict(T_0=2, eta_min="a")]:
    try:
        CosineAnnealingWarmRestarts(torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0), **bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    s2.step(-1)
except ValueError as e:
    print("ValueError", e)

# %% od_cyclic_lr_modes strict
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CyclicLR

def trace(opt, n=9, **kw):
    s = CyclicLR(opt, **kw)
    g = opt.param_groups[0]
    out = [(round(g["lr"], 6), round(g.get("momentum", 0.0), 6))]
    for _ in range(n):
        opt.step()
        s.step()
        out.append((round(s.get_last_lr()[0], 6), round(g.get("momentum", 0.0), 6)))
    return out

def sgd(**kw):
    return torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1, momentum=0.9, **kw)

print(trace(sgd(), base_lr=0.01, max_lr=0.1, step_size_up=3, step_size_down=1))
print(trace(sgd(), base_lr=0.01, max_lr=0.1, step_size_up=2, mode="triangular2", base_momentum=0.8, max_momentum=0.95))
print(trace(sgd(), base_lr=0.01, max_lr=0.1, step_size_up=2, mode="exp_range", gamma=0.8))
print(trace(sgd(), base_lr=0.01, max_lr=0.1, step_size_up=2, cycle_momentum=False))
print(trace(sgd(), base_lr=0.01, max_lr=0.1, step_size_up=2, scale_fn=lambda x: 1 / (2.0 ** (x - 1)), scale_mode="cycle"))
print(trace(sgd(), base_lr=0.01, max_lr=0.1, step_size_up=2, scale_fn=lambda x: 0.9 ** x, scale_mode="iterations"))
adam = torch.optim.Adam([nn.Parameter(torch.zeros(1))], lr=0.1)
s = CyclicLR(adam, base_lr=0.001, max_lr=0.01, step_size_up=2)
betas = []
for _ in range(4):
    adam.step()
    s.step()
    betas.append((round(adam.param_groups[0]["lr"], 6), tuple(round(b, 4) for b in adam.param_groups[0]["betas"])))
print(betas, s.state_dict().get("_scale_fn_ref"), sorted(k for k in s.state_dict() if not k.startswith("_")))
try:
    CyclicLR(torch.optim.Adagrad([nn.Parameter(torch.zeros(1))]), base_lr=0.01, max_lr=0.1)
except ValueError as e:
    print("ValueError", e)
try:
    CyclicLR(sgd(), base_lr=0.01, max_lr=0.1, mode="foo")
except ValueError as e:
    print("ValueError", e)
try:
    CyclicLR(sgd(), base_lr=[0.01, 0.02], max_lr=0.1)
except ValueError as e:
    print("ValueError", e)

# %% od_onecycle_variants strict
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR

def trace(opt, n, key="momentum", **kw):
    s = OneCycleLR(opt, **kw)
    g = opt.param_groups[0]
    def mom():
        return round(g["betas"][0], 6) if key == "betas" else round(g[key], 6)
    out = [(round(g["lr"], 6), mom())]
    for _ in range(n):
        opt.step()
        s.step()
        out.append((round(s.get_last_lr()[0], 6), mom()))
    return out, round(g["initial_lr"], 6), round(g["max_lr"], 6), round(g["min_lr"], 8)

def sgd():
    return torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1, momentum=0.9)

print(trace(sgd(), 9, max_lr=1.0, total_steps=10, three_phase=True, anneal_strategy="linear"))
print(trace(sgd(), 9, max_lr=1.0, total_steps=10, pct_start=0.5, anneal_strategy="linear", base_momentum=0.7, max_momentum=0.99))
print(trace(sgd(), 5, max_lr=0.4, epochs=3, steps_per_epoch=2, div_factor=4.0, final_div_factor=10.0, three_phase=True))
print(trace(torch.optim.Adam([nn.Parameter(torch.zeros(1))]), 5, key="betas", max_lr=0.01, total_steps=6))
print(trace(torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1), 3, max_lr=1.0, total_steps=4, cycle_momentum=False))
for bad in [dict(max_lr=1.0, total_steps=0), dict(max_lr=1.0, epochs=0, steps_per_epoch=2), dict(max_lr=1.0, total_steps=10, pct_start=1.5)]:
    try:
        OneCycleLR(sgd(), **bad)
    except ValueError as e:
        print("ValueError", e)
try:
    OneCycleLR(torch.optim.Adagrad([nn.Parameter(torch.zeros(1))]), max_lr=1.0, total_steps=10)
except ValueError as e:
    print("ValueError", e)

# %% od_plateau_cooldown_modes strict
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import ReduceLROnPlateau

def run(vals, groups=1, **kw):
    opt = torch.optim.SGD([{"params": [nn.Parameter(torch.zeros(1))], "lr": 1.0 / (i + 1)} for i in range(groups)], lr=1.0)
    s = ReduceLROnPlateau(opt, **kw)
    out = []
    for v in vals:
        s.step(v)
        out.append(([round(g["lr"], 6) for g in opt.param_groups], s.num_bad_epochs, s.cooldown_counter))
    return out, round(float(s.best), 6)

vals = [1.0, 0.99, 0.98, 0.985, 0.97, 0.969, 0.9, 0.91, 0.92, 0.93]
print(run(vals, patience=1, cooldown=2, factor=0.1))
print(run(vals, patience=1, threshold=0.05, threshold_mode="abs", factor=0.5))
print(run(vals, patience=0, threshold=0.02, threshold_mode="rel", factor=0.5, min_lr=0.2))
print(run([0.1, 0.2, 0.2, 0.2, 0.5, 0.4, 0.4, 0.4], mode="max", patience=1, cooldown=1, groups=2, min_lr=[0.3, 0.05]))
print(run([0.1, 0.15, 0.2], mode="max", threshold_mode="abs", threshold=0.1, patience=0, factor=0.5))
print(run([1.0, 1.0, 1.0, 1.0, 1.0], patience=0, factor=0.5, eps=0.3))
opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
s = ReduceLROnPlateau(opt, patience=0)
print(s.mode, s.threshold, s.threshold_mode, s.factor, s.patience, s.cooldown, s.min_lrs, s.eps, s.last_epoch, s.best, s.get_last_lr())
s.step(1.0, epoch=5)
print(s.last_epoch)
p = nn.Parameter(torch.tensor([-1.0, 1.0]))
r = ReduceLROnPlateau(torch.optim.SGD([p], lr=1.0), mode="max", threshold=0.1, patience=0)
for v in [-1.0, -0.95, -0.8, -0.85, 0.0]:
    r.step(v)
    print(r.optimizer.param_groups[0]["lr"], r.best, end="; ")
print()
r2 = ReduceLROnPlateau(torch.optim.SGD([p], lr=1.0), mode="min", threshold=0.1, patience=0)
for v in [-1.0, -1.05, -1.2, -1.0]:
    r2.step(v)
    print(r2.optimizer.param_groups[0]["lr"], r2.best, end="; ")
print()
print(ReduceLROnPlateau(torch.optim.SGD([p], lr=1.0), mode="max").best)

# %% od_lambda_multiplicative_state strict
import torch
import torch.nn as nn
from torch.optim import lr_scheduler as L

class Warm:
    def __init__(self, n):
        self.n = n
    def __call__(self, e):
        return min(1.0, (e + 1) / self.n)

opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.2)
s = L.LambdaLR(opt, Warm(4))
for _ in range(2):
    opt.step()
    s.step()
sd = s.state_dict()
print(sorted(sd.keys()), sd["lr_lambdas"], sd["last_epoch"], sd["base_lrs"])
opt2 = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.2)
s2 = L.LambdaLR(opt2, Warm(10))
s2.load_state_dict(sd)
print(s2.lr_lambdas[0].n, s2.last_epoch)
opt2.step()
s2.step()
print(round(s2.get_last_lr()[0], 6), round(opt2.param_groups[0]["lr"], 6))
s3 = L.LambdaLR(torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.2), lambda e: 0.5)
print(s3.state_dict()["lr_lambdas"])
m = L.MultiplicativeLR(opt, lambda e: 0.5)
print(sorted(m.state_dict().keys()), m.state_dict()["lr_lambdas"])

# %% od_sequential_chained_deep strict
import torch
import torch.nn as nn
from torch.optim import lr_scheduler as L

def trace(s, opt, n):
    out = [round(opt.param_groups[0]["lr"], 7)]
    for _ in range(n):
        opt.step()
        s.step()
        out.append(round(opt.param_groups[0]["lr"], 7))
    return out, [round(v, 7) for v in s.get_last_lr()], getattr(s, "last_epoch", None)

opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
s = L.SequentialLR(opt, [L.LinearLR(opt, start_factor=0.1, total_iters=3), L.CosineAnnealingLR(opt, T_max=4, eta_min=0.1),
                         L.ConstantLR(opt, factor=0.5, total_iters=2)], milestones=[3, 7])
print(trace(s, opt, 11))
sd = s.state_dict()
print(sorted(sd.keys()), sd["_milestones"], sd["last_epoch"], len(sd["_schedulers"]), sorted(sd["_schedulers"][0].keys()))
opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
c = L.ChainedScheduler([L.ConstantLR(opt, factor=0.1, total_iters=2), L.ExponentialLR(opt, gamma=0.9)], optimizer=opt)
print(trace(c, opt, 5))
cs = c.state_dict()
print(sorted(cs.keys()), len(cs["_schedulers"]))
opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0, momentum=0.9)
c2 = L.ChainedScheduler([L.MultiStepLR(opt, milestones=[2, 3], gamma=0.5), L.PolynomialLR(opt, total_iters=4, power=1.0)])
print(trace(c2, opt, 6))
other = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
for bad in [lambda: L.SequentialLR(opt, [L.StepLR(opt, 1), L.StepLR(other, 1)], milestones=[2]),
            lambda: L.SequentialLR(opt, [L.StepLR(opt, 1), L.StepLR(opt, 1)], milestones=[2, 3]),
            lambda: L.ChainedScheduler([L.StepLR(opt, 1), L.StepLR(other, 1)]),
            lambda: L.SequentialLR(opt, [L.StepLR(opt, 1), L.ReduceLROnPlateau(opt)], milestones=[2])]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% od_scheduler_resume_last_epoch strict
import torch
import torch.nn as nn
from torch.optim import lr_scheduler as L

opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
try:
    L.StepLR(opt, step_size=2, gamma=0.5, last_epoch=3)
except KeyError as e:
    print("KeyError", e)
opt.param_groups[0]["initial_lr"] = 1.0
s = L.StepLR(opt, step_size=2, gamma=0.5, last_epoch=3)
print(s.last_epoch, s.base_lrs, [round(v, 6) for v in s.get_last_lr()], opt.param_groups[0]["lr"])
for _ in range(3):
    opt.step()
    s.step()
    print(s.last_epoch, round(opt.param_groups[0]["lr"], 6))
opt2 = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.5)
opt2.param_groups[0]["initial_lr"] = 2.0
e = L.ExponentialLR(opt2, gamma=0.5, last_epoch=1)
print(e.base_lrs, round(opt2.param_groups[0]["lr"], 6), e.last_epoch)
opt2.step()
e.step()
print(round(opt2.param_groups[0]["lr"], 6))
opt3 = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
c = L.CosineAnnealingLR(opt3, T_max=10)
for _ in range(4):
    opt3.step()
    c.step()
print(round(opt3.param_groups[0]["lr"], 6), c.last_epoch, c.state_dict()["_step_count"], c._get_lr_called_within_step if hasattr(c, "_get_lr_called_within_step") else None)
s4 = L.StepLR(opt3, step_size=3)
print(s4.base_lrs, round(s4.get_last_lr()[0], 6), opt3.param_groups[0]["initial_lr"])

# %% od_scheduler_order_warnings strict
import warnings
import torch
import torch.nn as nn
from torch.optim import lr_scheduler as L

def caught(fn):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        fn()
    return [(x.category.__name__, str(x.message)[:60]) for x in w]

opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
s = L.StepLR(opt, step_size=1, gamma=0.5)
print(caught(lambda: s.step()))
print(round(opt.param_groups[0]["lr"], 6))
opt2 = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
s2 = L.StepLR(opt2, step_size=1, gamma=0.5)
print(caught(lambda: (opt2.step(), s2.step())))
print(caught(lambda: s2.step(5)))
print(round(opt2.param_groups[0]["lr"], 6), s2.last_epoch)
print(caught(lambda: s2.get_lr()))
opt3 = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
s3 = L.ExponentialLR(opt3, gamma=0.5)
print(caught(lambda: [opt3.step() for _ in range(2)] + [s3.step()]))
def caught2(fn):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = fn()
    return r, [(x.category.__name__, str(x.message)[:50]) for x in w]

opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
s = L.StepLR(opt, 2, 0.5)
opt.step()
print(caught2(lambda: s.step(5)), opt.param_groups[0]["lr"], s.get_last_lr())
s = L.CosineAnnealingLR(opt, T_max=10)
opt.step()
print(caught2(lambda: s.step(3)), round(opt.param_groups[0]["lr"], 6))
s = L.ExponentialLR(opt, 0.5)
opt.step()
print(caught2(lambda: s.step(2)), round(opt.param_groups[0]["lr"], 6))

# %% od_swa_averaged_model rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn
from torch.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn, get_swa_multi_avg_fn, get_ema_avg_fn, get_swa_avg_fn

base = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
with torch.no_grad():
    base[0].weight.copy_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    base[0].bias.zero_()
swa = AveragedModel(base)
ema = AveragedModel(base, multi_avg_fn=get_ema_multi_avg_fn(0.5))
ema_single = AveragedModel(base, avg_fn=get_ema_avg_fn(0.75))
buf = AveragedModel(base, use_buffers=True)
for k in range(3):
    with torch.no_grad():
        base[0].weight.add_(1.0)
        base[0].bias.sub_(0.5)
    base.train()
    base(torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))
    for m in (swa, ema, ema_single, buf):
        m.update_parameters(base)
for name, m in [("swa", swa), ("ema", ema), ("ema1", ema_single), ("buf", buf)]:
    print(name, m.n_averaged, m.module[0].weight.flatten().tolist(), m.module[0].bias.tolist(), [round(v, 5) for v in m.module[1].running_mean.tolist()])
print(list(swa.state_dict().keys()))
print(swa.module[0].weight.requires_grad, type(swa.module).__name__, swa(torch.ones(3, 2)).shape)
print(callable(get_swa_multi_avg_fn()), callable(get_swa_avg_fn()))
swa2 = AveragedModel(base)
swa2.load_state_dict(swa.state_dict())
print(swa2.n_averaged, torch.equal(swa2.module[0].weight, swa.module[0].weight))

# %% od_swalr_and_update_bn rtol=1e-5 atol=1e-7
import numpy as np
import torch
import torch.nn as nn
from torch.optim.swa_utils import AveragedModel, SWALR, update_bn
from torch.utils.data import DataLoader, TensorDataset

def trace(**kw):
    opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
    s = SWALR(opt, **kw)
    out = [round(opt.param_groups[0]["lr"], 6)]
    for _ in range(5):
        opt.step()
        s.step()
        out.append(round(s.get_last_lr()[0], 6))
    return out

print(trace(swa_lr=0.1))
print(trace(swa_lr=0.1, anneal_epochs=3, anneal_strategy="linear"))
print(trace(swa_lr=[0.2], anneal_epochs=2, anneal_strategy="cos"))
for bad in [dict(swa_lr=0.1, anneal_strategy="exp"), dict(swa_lr=0.1, anneal_epochs=-1), dict(swa_lr=[0.1, 0.2])]:
    try:
        SWALR(torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0), **bad)
    except Exception as e:
        print(type(e).__name__, e)
rng = np.random.default_rng(0)
X = torch.from_numpy(rng.standard_normal((12, 3)).astype(np.float32) * 2 + 1)
model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.BatchNorm1d(4, momentum=None))
model.load_state_dict({k: (torch.from_numpy(rng.uniform(-1, 1, tuple(v.shape)).astype(np.float32)) if v.dtype == torch.float32 else v) for k, v in model.state_dict().items()}, strict=False)
model.eval()
update_bn(DataLoader(TensorDataset(X), batch_size=5), model)
print(model.training, [round(v, 4) for v in model[1].running_mean.tolist()], [round(v, 4) for v in model[1].running_var.tolist()])
print(model[1].momentum, model[3].momentum, model[1].num_batches_tracked, [round(v, 4) for v in model[3].running_mean.tolist()])
update_bn([X[:6], X[6:]], model)
print([round(v, 4) for v in model[3].running_var.tolist()])

# %% od_custom_optimizer_subclass rtol=1e-5 atol=1e-7
import torch
import torch.nn as nn
from torch.optim import Optimizer

class SignSGD(Optimizer):
    def __init__(self, params, lr=0.01, momentum=0.0):
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        super().__init__(params, dict(lr=lr, momentum=momentum))

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = 0
                    state["buf"] = torch.zeros_like(p)
                state["step"] += 1
                buf = state["buf"]
                buf.mul_(group["momentum"]).add_(p.grad.sign())
                p.add_(buf.sign(), alpha=-group["lr"])
        return loss

m = nn.Linear(2, 1)
with torch.no_grad():
    m.weight.copy_(torch.tensor([[0.5, -0.5]]))
    m.bias.fill_(0.1)
opt = SignSGD([{"params": [m.weight]}, {"params": [m.bias], "lr": 0.5}], lr=0.1, momentum=0.9)
x = torch.tensor([[1.0, 2.0], [-1.0, 0.5]])
for _ in range(3):
    def closure():
        opt.zero_grad()
        loss = (m(x) ** 2).mean()
        loss.backward()
        return loss
    print(round(opt.step(closure).item(), 6), m.weight.tolist(), m.bias.tolist())
sd = opt.state_dict()
print(sd["state"][0]["step"], sorted(sd["state"][1].keys()), sd["param_groups"])
print(opt)
opt2 = SignSGD([{"params": [m.weight]}, {"params": [m.bias]}])
opt2.load_state_dict(sd)
print(opt2.state[m.bias]["step"], opt2.param_groups[0]["momentum"])
try:
    SignSGD(m.parameters(), lr=-1)
except ValueError as e:
    print("ValueError", e)
print(isinstance(opt, torch.optim.Optimizer), opt.defaults)

# %% od_custom_scheduler_subclass strict
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LRScheduler, _LRScheduler

class WarmupInvSqrt(LRScheduler):
    def __init__(self, optimizer, warmup, last_epoch=-1):
        self.warmup = warmup
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        step = max(self.last_epoch, 1)
        scale = min(step ** -0.5, step * self.warmup ** -1.5)
        return [base * scale for base in self.base_lrs]

opt = torch.optim.Adam([{"params": [nn.Parameter(torch.zeros(1))]}, {"params": [nn.Parameter(torch.zeros(1))], "lr": 0.01}], lr=0.1)
s = WarmupInvSqrt(opt, warmup=3)
out = [[round(v, 6) for v in s.get_last_lr()]]
for _ in range(6):
    opt.step()
    s.step()
    out.append([round(v, 6) for v in s.get_last_lr()])
print(out)
sd = s.state_dict()
print(sorted(sd.keys()), sd["warmup"], sd["last_epoch"], sd["base_lrs"])
print(issubclass(WarmupInvSqrt, _LRScheduler), _LRScheduler is LRScheduler, isinstance(s, _LRScheduler))
print([g["initial_lr"] for g in opt.param_groups], s.optimizer is opt)

class Halving(_LRScheduler):
    def get_lr(self):
        return [g["lr"] * (0.5 if self.last_epoch > 0 else 1.0) for g in self.optimizer.param_groups]

opt2 = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
h = Halving(opt2)
for _ in range(3):
    opt2.step()
    h.step()
print(h.get_last_lr(), h.last_epoch, h._step_count)

# %% od_scheduler_manual_lr_edits strict
import torch
import torch.nn as nn
from torch.optim import lr_scheduler as L

def run(make, n=6, edit_at=2, new_lr=0.05):
    opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
    s = make(opt)
    out = []
    for i in range(n):
        opt.step()
        s.step()
        if i == edit_at:
            opt.param_groups[0]["lr"] = new_lr
        out.append(round(opt.param_groups[0]["lr"], 6))
    return out, [round(v, 6) for v in s.get_last_lr()]

print(run(lambda o: L.StepLR(o, 2, 0.5)))
print(run(lambda o: L.ExponentialLR(o, 0.9)))
print(run(lambda o: L.CosineAnnealingLR(o, T_max=5)))
print(run(lambda o: L.MultiStepLR(o, [1, 4])))
print(run(lambda o: L.LambdaLR(o, lambda e: 0.9 ** e)))
print(run(lambda o: L.MultiplicativeLR(o, lambda e: 0.9)))
print(run(lambda o: L.LinearLR(o, start_factor=0.2, total_iters=5)))
print(run(lambda o: L.PolynomialLR(o, total_iters=5)))
print(run(lambda o: L.ConstantLR(o, factor=0.5, total_iters=3)))
opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0)
s = L.StepLR(opt, 1, 0.5)
s.step()
s.step()
print(round(opt.param_groups[0]["lr"], 6), s.last_epoch, s._step_count)

# %% od_scheduler_state_dict_contents strict
import torch
import torch.nn as nn
from torch.optim import lr_scheduler as L

def sd_of(make, n=3):
    opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0, momentum=0.9)
    s = make(opt)
    for _ in range(n):
        opt.step()
        s.step()
    sd = s.state_dict()
    return {k: (round(v, 6) if isinstance(v, float) else v) for k, v in sorted(sd.items()) if k not in ("optimizer", "_scale_fn_ref", "_anneal_func_type")}

print(sd_of(lambda o: L.StepLR(o, 2)))
print(sd_of(lambda o: L.MultiStepLR(o, [2, 2, 5])))
print(sd_of(lambda o: L.ConstantLR(o)))
print(sd_of(lambda o: L.LinearLR(o)))
print(sd_of(lambda o: L.ExponentialLR(o, 0.5)))
print(sd_of(lambda o: L.PolynomialLR(o)))
print(sd_of(lambda o: L.CosineAnnealingLR(o, 4)))
print(sd_of(lambda o: L.CosineAnnealingWarmRestarts(o, 2)))
print(sorted(sd_of(lambda o: L.CyclicLR(o, 0.1, 1.0)).keys()))
print(sorted(sd_of(lambda o: L.OneCycleLR(o, 1.0, total_steps=10)).keys()))
print(sd_of(lambda o: L.ReduceLROnPlateau(o), n=0))

# %% od_optimizer_checkpoint_file rtol=1e-6 atol=1e-8
import io
import numpy as np
import torch
import torch.nn as nn

rng = np.random.default_rng(4)
X = torch.from_numpy(rng.standard_normal((8, 3)).astype(np.float32))
Y = torch.from_numpy(rng.standard_normal((8, 1)).astype(np.float32))
init = {k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in nn.Linear(3, 1).state_dict().items()}

def build():
    m = nn.Linear(3, 1)
    m.load_state_dict(init)
    opt = torch.optim.Adam(m.parameters(), lr=0.05, amsgrad=True)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    return m, opt, sched

def train(m, opt, sched, n):
    out = []
    for _ in range(n):
        opt.zero_grad()
        loss = nn.functional.mse_loss(m(X), Y)
        loss.backward()
        opt.step()
        sched.step()
        out.append(round(loss.item(), 6))
    return out

m, opt, sched = build()
train(m, opt, sched, 3)
buf = io.BytesIO()
torch.save({"model": m.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(), "epoch": 3}, buf)
buf.seek(0)
ck = torch.load(buf)
m2, opt2, sched2 = build()
m2.load_state_dict(ck["model"])
opt2.load_state_dict(ck["opt"])
sched2.load_state_dict(ck["sched"])
print(ck["epoch"], sorted(ck["opt"]["state"][0].keys()), ck["opt"]["state"][0]["step"], ck["sched"]["last_epoch"])
a = train(m, opt, sched, 3)
b = train(m2, opt2, sched2, 3)
print(a == b, b, opt2.param_groups[0]["lr"], torch.equal(m.weight, m2.weight))
import copy
snap = copy.deepcopy(opt.state_dict())
train(m, opt, sched, 1)
print(torch.equal(snap["state"][0]["exp_avg"], opt.state[m.weight]["exp_avg"]), snap["state"][0]["step"], opt.state[m.weight]["step"])

# %% od_optimizers_float64_params rtol=1e-10 atol=1e-12
import torch
import torch.nn as nn

A = torch.optim
for name, make in [("SGD", lambda p: A.SGD(p, lr=0.1, momentum=0.9, nesterov=True)), ("Adam", lambda p: A.Adam(p, lr=0.1, amsgrad=True)),
                   ("AdamW", lambda p: A.AdamW(p, lr=0.1)), ("Adamax", lambda p: A.Adamax(p, lr=0.1)), ("Adagrad", lambda p: A.Adagrad(p, lr=0.1)),
                   ("Adadelta", lambda p: A.Adadelta(p)), ("RMSprop", lambda p: A.RMSprop(p, lr=0.01, centered=True)),
                   ("NAdam", lambda p: A.NAdam(p, lr=0.1)), ("RAdam", lambda p: A.RAdam(p, lr=0.1)), ("ASGD", lambda p: A.ASGD(p, lr=0.1)),
                   ("Rprop", lambda p: A.Rprop(p, lr=0.1))]:
    w = nn.Parameter(torch.tensor([0.7, -1.3, 2.1], dtype=torch.float64))
    opt = make([w])
    for i in range(8):
        opt.zero_grad()
        (torch.cos(w) * w + w ** 2 * 0.1).sum().backward()
        opt.step()
    st = opt.state[w]
    print(name, [f"{v:.12f}" for v in w.tolist()], {k: str(v.dtype) for k, v in sorted(st.items()) if torch.is_tensor(v)})

# %% od_frozen_and_nonleaf_params strict
import torch
import torch.nn as nn

m = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
with torch.no_grad():
    for p in m.parameters():
        p.fill_(0.5)
m[0].requires_grad_(False)
opt = torch.optim.AdamW(m.parameters(), lr=0.1, weight_decay=0.5)
m(torch.ones(1, 2)).sum().backward()
opt.step()
print(m[0].weight.tolist(), m[1].weight.tolist(), len(opt.state), [p.grad is None for p in m.parameters()])
opt2 = torch.optim.AdamW(filter(lambda p: p.requires_grad, m.parameters()), lr=0.1)
print(len(opt2.param_groups[0]["params"]))
w = nn.Parameter(torch.ones(2))
v = w * 2
v.retain_grad()
try:
    torch.optim.SGD([v], lr=0.1)
    print("ok retains_grad")
except ValueError as e:
    print("ValueError", e)
try:
    torch.optim.SGD([w * 3], lr=0.1)
except ValueError as e:
    print("ValueError", e)
t = torch.ones(2)
o = torch.optim.SGD([t], lr=0.1)
t.grad = torch.ones(2)
o.step()
print(t, t.requires_grad)
with torch.no_grad():
    pass
o2 = torch.optim.SGD([nn.Parameter(torch.ones(2, dtype=torch.float64))], lr=0.1)
try:
    torch.optim.SGD([torch.ones(2, dtype=torch.int64)], lr=0.1)
    print("int ok")
except Exception as e:
    print(type(e).__name__, e)

# %% od_scheduler_added_group_and_swa_internals strict
import copy
import torch
import torch.nn as nn
from torch.optim import lr_scheduler as L
from torch.optim.swa_utils import AveragedModel, SWALR

opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0, momentum=0.9)
for make in [lambda o: L.StepLR(o, 1, 0.5), lambda o: L.LambdaLR(o, lambda e: 0.5 ** e), lambda o: L.CosineAnnealingLR(o, 4)]:
    opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=1.0, momentum=0.9)
    s = make(opt)
    opt.step(); s.step()
    opt.add_param_group({"params": [nn.Parameter(torch.zeros(1))], "lr": 0.3})
    try:
        opt.step(); s.step()
        print([round(g["lr"], 6) for g in opt.param_groups], [round(v, 6) for v in s.get_last_lr()], s.base_lrs)
    except Exception as e:
        print(type(e).__name__, e)
o = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1, momentum=0.9)
cyc = L.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=3, mode="exp_range", gamma=0.9)
for _ in range(4):
    o.step(); cyc.step()
sd = cyc.state_dict()
o2 = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1, momentum=0.9)
cyc2 = L.CyclicLR(o2, base_lr=0.01, max_lr=0.1, step_size_up=3, mode="exp_range", gamma=0.9)
cyc2.load_state_dict(sd)
o2.load_state_dict(o.state_dict())
a, b = [], []
for _ in range(4):
    o.step(); cyc.step(); a.append(round(cyc.get_last_lr()[0], 6))
    o2.step(); cyc2.step(); b.append(round(cyc2.get_last_lr()[0], 6))
print(a == b, b, round(o2.param_groups[0]["momentum"], 6), cyc2.last_epoch)
base = nn.Linear(2, 1)
swa = AveragedModel(base)
print(swa.module is base, swa.module.weight is base.weight, sorted(dict(swa.named_buffers()).keys()), swa.n_averaged.dtype)
print(type(swa).__name__, [n for n, _ in swa.named_children()])
o = torch.optim.SGD(base.parameters(), lr=0.5)
sw = SWALR(o, swa_lr=0.05, anneal_epochs=4, anneal_strategy="linear")
out = []
for _ in range(6):
    o.step(); sw.step(); out.append(round(o.param_groups[0]["lr"], 6))
print(out, sorted(k for k in sw.state_dict() if not k.startswith("_")), sw.state_dict()["anneal_epochs"])
deep = copy.deepcopy(swa)
print(deep.n_averaged, deep.module.weight.shape)
