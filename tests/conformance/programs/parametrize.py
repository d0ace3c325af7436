# Parametrizations: nn.utils.parametrize, parametrizations.{weight_norm, spectral_norm, orthogonal},
# and the hook-based nn.utils.weight_norm / spectral_norm (weights copied in from NumPy).

# %% parametrize_symmetric
import numpy as np
import torch
import torch.nn as nn
import torch.nn.utils.parametrize as P

class Symmetric(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(-1, -2)

rng = np.random.default_rng(0)
m = nn.Linear(4, 4)
m.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
P.register_parametrization(m, "weight", Symmetric())
print(type(m).__name__, P.type_before_parametrizations(m).__name__, P.is_parametrized(m), P.is_parametrized(m, "bias"))
print(list(m.state_dict().keys()), [n for n, _ in m.named_parameters()])
print(m)
with torch.no_grad():
    print(m.weight, torch.equal(m.weight, m.weight.T))
x = torch.from_numpy(rng.standard_normal((3, 4)).astype(np.float32))
m(x).pow(2).sum().backward()
print(m.parametrizations.weight.original.grad, m.bias.grad)

# %% parametrize_assign_chain
import numpy as np
import torch
import torch.nn as nn
from torch.nn.utils import parametrize

class Symmetric(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(-1, -2)
    def right_inverse(self, A):
        return A.triu()

class Scale(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
    def forward(self, X):
        return X * self.c
    def right_inverse(self, A):
        return A / self.c

rng = np.random.default_rng(1)
m = nn.Linear(3, 3, bias=False)
m.weight.data.copy_(torch.from_numpy(rng.standard_normal((3, 3)).astype(np.float32)))
w = m.weight
parametrize.register_parametrization(m, "weight", Symmetric())
parametrize.register_parametrization(m, "weight", Scale(3.0))
print(m.parametrizations.weight.original is w, len(m.parametrizations.weight))
print(m.parametrizations.weight.original.data)
A = torch.from_numpy(rng.standard_normal((3, 3)).astype(np.float32))
m.weight = A + A.T
print(m.parametrizations.weight.original.data)
with torch.no_grad():
    print(m.weight)
print(m)

# %% parametrize_tuple_right_inverse
import numpy as np
import torch
import torch.nn as nn
from torch.nn.utils import parametrize

class Split(nn.Module):
    def forward(self, a, b):
        return a * b
    def right_inverse(self, X):
        return X.abs() + 1.0, X / (X.abs() + 1.0)

rng = np.random.default_rng(2)
m = nn.Linear(3, 2)
m.load_state_dict({k: torch.from_numpy(rng.standard_normal(tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
parametrize.register_parametrization(m, "weight", Split())
pl = m.parametrizations.weight
print(pl.is_tensor, pl.ntensors, [(k, tuple(v.shape)) for k, v in m.state_dict().items()])
x = torch.from_numpy(rng.standard_normal((4, 3)).astype(np.float32))
m(x).sum().backward()
print(pl.original0.grad, pl.original1.grad)
parametrize.remove_parametrizations(m, "weight")
print(type(m).__name__, list(m.state_dict().keys()), type(m.weight).__name__, m.weight.data)

# %% parametrize_remove_leave
import numpy as np
import torch
import torch.nn as nn
from torch.nn.utils import parametrize

class Double(nn.Module):
    def forward(self, X):
        return 2 * X
    def right_inverse(self, X):
        return X / 2

rng = np.random.default_rng(3)
for leave in (True, False):
    m = nn.Linear(2, 3)
    m.load_state_dict({k: torch.from_numpy(rng.standard_normal(tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
    parametrize.register_parametrization(m, "weight", Double())
    parametrize.register_parametrization(m, "bias", Double())
    parametrize.remove_parametrizations(m, "weight", leave_parametrized=leave)
    print(leave, type(m).__name__, list(m.state_dict().keys()))
    parametrize.remove_parametrizations(m, "bias", leave_parametrized=leave)
    print(type(m).__name__, hasattr(m, "parametrizations"), m.weight.data, m.bias.data)
    try:
        parametrize.remove_parametrizations(m, "bias")
    except ValueError:
        print("ValueError")

# %% parametrization_weight_norm
import numpy as np
import torch
import torch.nn as nn
from torch.nn.utils.parametrizations import weight_norm
from torch.nn.utils import parametrize

rng = np.random.default_rng(4)
for dim in (0, 1, None):
    m = nn.Conv2d(2, 3, 3)
    m.load_state_dict({k: torch.from_numpy(rng.standard_normal(tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
    weight_norm(m, dim=dim)
    print(dim, [(k, tuple(v.shape)) for k, v in m.state_dict().items()])
    x = torch.from_numpy(rng.standard_normal((1, 2, 4, 4)).astype(np.float32))
    m(x).pow(2).mean().backward()
    print(m.parametrizations.weight.original0.grad.flatten()[:3], m.parametrizations.weight.original1.grad[0, 0])
    parametrize.remove_parametrizations(m, "weight")
    print(m.weight.data[0, 0], list(m.state_dict().keys()))

# %% parametrization_spectral_norm
import numpy as np
import torch
import torch.nn as nn
from torch.nn.utils.parametrizations import spectral_norm

rng = np.random.default_rng(5)
m = nn.Linear(5, 4)
m.load_state_dict({k: torch.from_numpy(rng.standard_normal(tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
spectral_norm(m, n_power_iterations=2)
print([(k, tuple(v.shape)) for k, v in m.state_dict().items()])
sn = m.parametrizations.weight[0]
with torch.no_grad():
    sn._u.copy_(torch.from_numpy(rng.standard_normal(4).astype(np.float32))).div_(sn._u.norm())
    sn._v.copy_(torch.from_numpy(rng.standard_normal(5).astype(np.float32))).div_(sn._v.norm())
x = torch.from_numpy(rng.standard_normal((3, 5)).astype(np.float32))
for step in range(3):
    y = m(x)
    y.sum().backward()
    print(step, y.detach()[0], sn._u)
print(m.parametrizations.weight.original.grad)
m.eval()
with torch.no_grad():
    for _ in range(2):
        print(m.weight[0], sn._v)

# %% parametrization_orthogonal
import numpy as np
import torch
import torch.nn as nn
from torch.nn.utils.parametrizations import orthogonal

rng = np.random.default_rng(6)
for omap in (None, "cayley", "householder"):
    for triv in (True, False):
        m = nn.Linear(4, 4)
        m.load_state_dict({k: torch.from_numpy(rng.standard_normal(tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
        orthogonal(m, orthogonal_map=omap, use_trivialization=triv)
        print(omap, triv, m.parametrizations.weight[0].orthogonal_map.name, list(m.state_dict().keys()))
        with torch.no_grad():
            m.parametrizations.weight.original.add_(torch.from_numpy(rng.normal(0, 0.3, (4, 4)).astype(np.float32)))
            Q = m.weight
            print(Q, (Q.T @ Q - torch.eye(4)).abs().max() < 1e-5)
        x = torch.from_numpy(rng.standard_normal((2, 4)).astype(np.float32))
        m(x).pow(2).sum().backward()
        print(m.parametrizations.weight.original.grad)

# %% hook_weight_norm_spectral_norm
import warnings
import numpy as np
import torch
import torch.nn as nn

warnings.simplefilter("ignore")
rng = np.random.default_rng(7)
m = nn.Linear(3, 4)
m.load_state_dict({k: torch.from_numpy(rng.standard_normal(tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
nn.utils.weight_norm(m)
print([(k, tuple(v.shape)) for k, v in m.state_dict().items()], m.weight_g.data.flatten())
x = torch.from_numpy(rng.standard_normal((2, 3)).astype(np.float32))
m(x).pow(2).sum().backward()
print(m.weight_g.grad.flatten(), m.weight_v.grad)
nn.utils.remove_weight_norm(m)
print(list(m.state_dict().keys()), m.weight.data)

c = nn.Conv1d(2, 3, 2)
c.load_state_dict({k: torch.from_numpy(rng.standard_normal(tuple(v.shape)).astype(np.float32)) for k, v in c.state_dict().items()})
nn.utils.spectral_norm(c)
sd = c.state_dict()
print([(k, tuple(v.shape)) for k, v in sd.items()], sd._metadata[""]["spectral_norm"])
with torch.no_grad():
    c.weight_u.copy_(torch.from_numpy(rng.standard_normal(3).astype(np.float32)))
    c.weight_v.copy_(torch.from_numpy(rng.standard_normal(4).astype(np.float32)))
xc = torch.from_numpy(rng.standard_normal((1, 2, 5)).astype(np.float32))
for _ in range(2):
    out = c(xc)
    out.sum().backward()
    print(out.detach(), c.weight_u, c.weight_orig.grad[0])
nn.utils.remove_spectral_norm(c)
print(list(c.state_dict().keys()), c.weight.data[0])

# %% err_parametrize_shape
import torch
import torch.nn as nn
from torch.nn.utils import parametrize

class First(nn.Module):
    def forward(self, X):
        return X[0]

m = nn.Linear(3, 3)
parametrize.register_parametrization(m, "weight", First(), unsafe=True)
print(m.weight.shape, type(m).__name__)
m2 = nn.Linear(3, 3)
parametrize.register_parametrization(m2, "weight", First())
