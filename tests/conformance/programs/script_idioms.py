# Idioms from everyday scripts: device selection, legacy constructors, Python protocol use of tensors,
# saving to files, autograd.functional, random_split lengths.

# %% device_boilerplate strict
import torch
import torch.nn as nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print(device, torch.cuda.is_available(), torch.cuda.device_count())
model = nn.Linear(2, 1).to(device)
x = torch.ones(3, 2).to(device)
print(model(x).device, x.device, x.cpu().device, x.to("cpu", torch.float64).dtype, x.is_cuda, str(x.device))
print(next(model.parameters()).device, torch.device("cpu") == x.device, x.to(device=device, dtype=torch.float16).dtype)
mps = getattr(torch.backends, "mps", None)
print(bool(mps and mps.is_available()))

# %% legacy_constructors strict
import torch

print(torch.Tensor([1, 2]), torch.Tensor(2, 3).shape, torch.FloatTensor([1, 2]).dtype, torch.LongTensor([1, 2]).dtype)
print(torch.Tensor([[1, 2]]).dtype, torch.DoubleTensor([1]).dtype, torch.BoolTensor([True, False]), torch.IntTensor([3]).dtype)
x = torch.tensor([1.5, 2.5])
print(x.type(), torch.tensor([1]).type(), x.type(torch.int64), x.type("torch.DoubleTensor").dtype)
v = torch.autograd.Variable(torch.ones(2), requires_grad=True)
(v * 3).sum().backward()
print(v.grad, isinstance(v, torch.Tensor))
print(torch.is_tensor(x), torch.numel(x), x.nelement(), x.element_size(), x.ndimension(), torch.is_floating_point(x))

# %% python_protocols strict
import torch
import numpy as np

t = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
B, C = t.shape
print(B, C, t.shape == (2, 2), t.shape + (1,), t.size()[1], len(t), t.shape[-1], list(t.shape), tuple(t.size()))
for i, row in enumerate(t):
    print(i, row, row.sum().item())
print(sum(t), sum([t[0], t[1]]), max(t[0]).item(), min(t.flatten().tolist()), [float(v) for v in t[1]])
print(f"{t.sum():.3f}", f"{t[0, 0].item():>6.2f}", "{}".format(t.mean()), str(t.dtype), repr(t.shape))
print(t * np.float32(2), (np.float64(2) * t).dtype, t + np.ones(2), (t > 2).any().item(), bool(t.all()))
print(int(torch.tensor(7)), float(torch.tensor(2.5)), complex(torch.tensor(1.0)), torch.tensor(3) in torch.tensor([1, 3]))
print(hash(t) is not None, t is t.data, id(t) == id(t), torch.tensor(5).__index__() if hasattr(torch.tensor(5), "__index__") else 5)
print([1, 2, 3][torch.tensor(1)], range(10)[torch.tensor(2)], np.arange(5)[torch.tensor(3)])
d = {"a": torch.tensor(1.0)}
print(d, [torch.tensor(1), torch.tensor(2.0)], (torch.tensor([1]),))
try:
    bool(t)
except RuntimeError:
    print("RuntimeError ambiguous")

# %% save_load_files strict
import os
import tempfile
import torch
import torch.nn as nn

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "model.pt")
    m = nn.Linear(3, 2)
    with torch.no_grad():
        m.weight.fill_(0.5)
        m.bias.fill_(-1.0)
    torch.save(m.state_dict(), path)
    m2 = nn.Linear(3, 2)
    m2.load_state_dict(torch.load(path, weights_only=True))
    print(m2.weight, m2.bias, os.path.exists(path))
    torch.save({"t": torch.arange(3), "lst": [torch.ones(1), 2.5], "nested": {"x": torch.zeros(2, 2)}}, path)
    obj = torch.load(path, map_location="cpu")
    print(obj["t"], obj["lst"], obj["nested"]["x"].shape)
    torch.save(torch.tensor([1.5, 2.5]), path)
    print(torch.load(path))

# %% autograd_functional
import torch

def f(x):
    return (x ** 3).sum() + x[0] * x[1]

x = torch.tensor([1.0, 2.0, 3.0])
print(torch.autograd.functional.jacobian(lambda v: v ** 2 + v.sum(), x))
print(torch.autograd.functional.hessian(f, x))
print(torch.autograd.functional.vjp(lambda v: v * 2, x, torch.ones(3)))
print(torch.autograd.functional.hvp(f, x, torch.tensor([1.0, 0.0, 0.0])))
print(torch.autograd.functional.jvp(lambda v: v.exp(), x, torch.ones(3)))

# %% random_split_lengths strict
import torch
from torch.utils.data import random_split, TensorDataset

ds = TensorDataset(torch.arange(10))
train, val = random_split(ds, [8, 2], generator=torch.Generator().manual_seed(42))
print(len(train), len(val), type(train).__name__, sorted([int(train[i][0]) for i in range(8)] + [int(val[i][0]) for i in range(2)]))
a, b, c = random_split(range(10), [0.5, 0.3, 0.2])
print(len(a), len(b), len(c))

# %% tensor_misc_methods strict
import torch

x = torch.arange(6.0).view(2, 3)
print(x.new_full((2,), 7.0), x.new_empty(3).shape, x.clone().fill_diagonal_(9.0), x.flatten(0, 1).shape)
print(x.unsqueeze_(0).shape, x.squeeze_(0).shape, x.t_().shape, x.transpose_(0, 1).shape, x.resize_(3, 2).shape if False else (3, 2))
print(x.index_fill(1, torch.tensor([0]), -1.0), x.masked_scatter(x > 3, torch.tensor([10.0, 20.0])), x.scatter_reduce(1, torch.tensor([[0, 0, 1], [1, 1, 1]]), torch.ones(2, 3), reduce="sum"))
print(x.sum_to_size(1, 3), x.expand(2, 2, 3).contiguous().shape, x.storage_offset() if hasattr(x, "storage_offset") else 0, x[:, 1].is_contiguous())
print(x.argmax(dim=1, keepdim=True), x.any(), x.nonzero(as_tuple=True), x.abs_().sum(), x.apply_(lambda v: v * 2) if hasattr(x, "apply_") else None)
print(torch.empty(0).numel(), torch.zeros(0, 3).sum(0), torch.zeros(0).mean(), torch.ones(0).max(0) if False else None)
