# One-liners seen all over scripts and answers.

# %% numpy_style_kwargs strict
import torch

x = torch.tensor([[1.0, 5.0, 2.0], [4.0, 0.0, 6.0]])
print(torch.sum(x, axis=1), torch.mean(x, axis=0), x.sum(axis=0, keepdim=True), torch.max(x, axis=1).values, x.argmax(axis=0))
print(torch.cat([x, x], axis=1).shape, torch.stack([x, x], axis=0).shape, torch.std(x, axis=1), x.min(axis=1).indices)
print(torch.zeros(3, dtype=int).dtype, torch.ones(2, dtype=float).dtype, torch.full((2,), 1, dtype=bool), torch.tensor([1, 2], dtype=float))
print(torch.ones(2, 2).sum(dtype=torch.float64).dtype, torch.arange(5).sum(dtype=torch.float32), torch.arange(0, 1, 0.1).shape)
print(torch.clamp(x, 1), torch.add(x, 1, alpha=2)[0], torch.mul(x, 2)[1], torch.sub(x, x, alpha=0.5)[0], torch.Tensor.add(x, 1)[0])
print(torch.full_like(x, 3).dtype, torch.full_like(x, 3, dtype=torch.long).dtype, torch.zeros_like(x, dtype=torch.bool).any())

# %% tensor_creation_inference strict
import torch
import numpy as np

print(torch.tensor([np.float32(1), np.float32(2)]).dtype, torch.tensor(np.float64(2.5)).dtype, torch.tensor(np.int32(3)).dtype)
print(torch.tensor([1, 2.5, True]), torch.tensor([True, 2]).dtype, torch.tensor([[1], [2]]).shape, torch.tensor(()).shape)
print(torch.from_numpy(np.arange(3.0)).float().dtype, torch.as_tensor(np.array([1, 2], dtype=np.uint8)).dtype, torch.tensor(np.array([1.5], dtype=np.float16)).dtype)
print(torch.tensor([torch.tensor(1.5), torch.tensor(2.5)]), torch.stack([torch.tensor(1.0), torch.tensor(2.0)]), torch.tensor([[1, 2], [3, 4]]).T)
print(torch.tensor(range(4)), torch.tensor([0.1, 0.2]).double().tolist(), torch.arange(3, dtype=torch.float32) / 3)
print(torch.empty(2, 0).shape, torch.zeros(2, 0).sum(1), torch.tensor([[]]).dim(), torch.eye(2, 3), torch.ones(()).shape)

# %% indexing_idioms strict
import torch

x = torch.arange(12.0).view(3, 4)
print(x[x > 5].mean(), x[:, None].shape, x[..., None].shape, x[None, ..., 1], x[[0, 2]][:, [1, 3]], x[1:, -2:])
x[x > 9] = torch.tensor(0.0)
x[0] = torch.tensor([9.0, 9.0, 9.0, 9.0])
x[:, 0] += 100
x[torch.tensor([True, False, True])] *= -1
print(x)
idx = torch.tensor([[0, 1], [2, 3]])
print(x.flatten()[idx], x[idx[:, 0], idx[:, 1]], x.view(-1)[torch.tensor(5)], x[torch.tensor(1)].shape, x[1, None].shape)
y = torch.zeros(5)
y[torch.tensor([0, 0, 2])] = torch.tensor([1.0, 2.0, 3.0])
y.index_put_((torch.tensor([1, 1]),), torch.tensor([1.0, 1.0]), accumulate=True)
print(y, x.view(x.size(0), -1).shape, torch.flatten(x, start_dim=1).shape, x.unsqueeze(0).expand(2, -1, -1).shape)

# %% grad_zeroing_variants strict
import torch
import torch.nn as nn

m = nn.Linear(2, 1)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
m(torch.ones(1, 2)).sum().backward()
opt.zero_grad(set_to_none=False)
print(m.weight.grad, m.bias.grad)
m(torch.ones(1, 2)).sum().backward()
m.weight.grad.data.zero_()
print(m.weight.grad, m.bias.grad)
opt.zero_grad()
print(m.weight.grad)
m.zero_grad(set_to_none=False)
print(m.weight.grad)

# %% softmax_dim_warning strict
import warnings
import torch
import torch.nn.functional as F

x = torch.tensor([[1.0, 2.0], [3.0, 5.0]])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    y = F.softmax(x)
    z = F.log_softmax(torch.tensor([1.0, 2.0]))
print(y, z, len(w) >= 1)
print(F.softmax(x, dim=0), torch.softmax(x, -1, dtype=torch.float64), x.softmax(1).sum(1), F.softmin(x, 1))
