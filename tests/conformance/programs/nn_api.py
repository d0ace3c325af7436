# Module/optimizer/scheduler API surface that scripts touch.

# %% module_api strict
import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 4)
        self.block = nn.Sequential(nn.ReLU(), nn.Linear(4, 2))
        self.register_parameter("alpha", nn.Parameter(torch.ones(1)))
        self.register_buffer("steps", torch.zeros((), dtype=torch.long))
        self.register_buffer("tmp", torch.ones(1), persistent=False)

    def forward(self, x, scale=1.0):
        self.steps += 1
        return self.block(self.fc1(x)) * self.alpha * scale

    def extra_repr(self):
        return "custom=True"

net = Net()
print(net)
print([n for n, _ in net.named_parameters(prefix="model")], [n for n, _ in net.named_parameters(recurse=False)])
print(list(net.state_dict().keys()), [n for n, _ in net.named_buffers()], net.get_submodule("block.1"))
print(len(list(net.parameters(recurse=False))), net.get_parameter("block.1.bias").shape, net.steps)
out = net(torch.ones(2, 3), scale=2.0)
print(out.shape, net.steps, net(x=torch.ones(1, 3)).shape, net.steps)
net.train(False)
print(net.training, net.block.training, net.half().fc1.weight.dtype, net.float().alpha.dtype)
try:
    net.missing_layer
except AttributeError:
    print("AttributeError")
del net.block
print(hasattr(net, "block"), [n for n, _ in net.named_children()])
net.fc1 = None
print(net.fc1, list(net.state_dict().keys()))
try:
    net.register_buffer("alpha", torch.zeros(1))
except KeyError:
    print("KeyError")
m = nn.Linear(2, 2)
print(m.state_dict(prefix="lin.", keep_vars=True)["lin.weight"].requires_grad, type(m.state_dict()).__name__)

# %% backward_hooks strict
import torch
import torch.nn as nn

lin = nn.Linear(2, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    lin.bias.zero_()
seen = []
h = lin.register_full_backward_hook(lambda mod, gin, gout: seen.append((type(mod).__name__, [None if g is None else g.tolist() for g in gin], [g.tolist() for g in gout])))
x = torch.tensor([[1.0, -1.0]], requires_grad=True)
lin(x).sum().backward()
print(seen)
h.remove()
p_seen = []
lin.weight.register_hook(lambda g: p_seen.append(g.sum().item()))
lin(x).pow(2).sum().backward()
print(p_seen, x.grad)

# %% optimizer_api strict
import torch
import torch.nn as nn

m = nn.Linear(2, 1)
opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9, foreach=None)
print(opt.param_groups[0]["params"][0] is m.weight, sorted(opt.param_groups[0].keys()))
print(sorted(torch.optim.Adam(m.parameters()).defaults.keys()), torch.optim.Adam(m.parameters()).defaults["lr"])
print(torch.optim.SGD(m.parameters()).defaults["lr"], torch.optim.AdamW(m.parameters()).defaults["weight_decay"])
for bad in [dict(lr=-1.0), dict(lr=0.1, momentum=-0.5), dict(lr=0.1, nesterov=True)]:
    try:
        torch.optim.SGD(m.parameters(), **bad)
    except ValueError:
        print("ValueError")
try:
    torch.optim.Adam(m.parameters(), betas=(1.5, 0.9))
except ValueError:
    print("ValueError betas")
try:
    torch.optim.SGD([], lr=0.1)
except ValueError:
    print("ValueError empty")
m.weight.grad = torch.ones(1, 2)
opt.step()
print(list(opt.state[m.weight].keys()), opt.state[m.weight]["momentum_buffer"], len(opt.state))
sd = opt.state_dict()
print(sd["param_groups"], list(sd["state"].keys()))

# %% scheduler_api strict
import torch
import torch.nn as nn
from torch.optim import lr_scheduler

def run(make, steps=6):
    p = nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.5, momentum=0.9)
    s = make(opt)
    out = []
    for _ in range(steps):
        opt.step()
        s.step()
        out.append([round(v, 6) for v in s.get_last_lr()])
    return out, getattr(s, "last_epoch", None)

print(run(lambda o: lr_scheduler.PolynomialLR(o, total_iters=4, power=2.0)))
print(run(lambda o: lr_scheduler.CyclicLR(o, base_lr=0.1, max_lr=1.0, step_size_up=2)))
print(run(lambda o: lr_scheduler.ChainedScheduler([lr_scheduler.ConstantLR(o, factor=0.5, total_iters=2), lr_scheduler.ExponentialLR(o, gamma=0.9)])))
print(run(lambda o: lr_scheduler.MultiplicativeLR(o, lambda e: 0.95)))
print(run(lambda o: lr_scheduler.OneCycleLR(o, max_lr=1.0, epochs=2, steps_per_epoch=3, anneal_strategy="linear")))
p = nn.Parameter(torch.zeros(1))
opt = torch.optim.SGD([p], lr=1.0)
s = lr_scheduler.StepLR(opt, 2, 0.1)
print(sorted(s.state_dict().keys()), s.base_lrs, s.last_epoch)
