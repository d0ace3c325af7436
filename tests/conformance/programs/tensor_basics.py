# Tensor basics in the style of the PyTorch "Tensors" tutorial and everyday scripts.
# Each "# %% name" section is a standalone program.

# %% creation_dtypes strict
import torch
import numpy as np

print(torch.tensor([1, 2, 3]).dtype, torch.tensor([1.0, 2]).dtype, torch.tensor([True]).dtype)
print(torch.tensor(3).dtype, torch.tensor(3.5).dtype, torch.tensor([[1, 2], [3, 4]]).shape)
print(torch.zeros(2, 3), torch.ones((2,), dtype=torch.int64))
print(torch.arange(5), torch.arange(1, 10, 3), torch.arange(0, 1, 0.25))
print(torch.linspace(0, 1, 5), torch.eye(3), torch.full((2, 2), 7.0), torch.full((2,), 3))
a = np.arange(6, dtype=np.float64).reshape(2, 3)
t = torch.from_numpy(a)
print(t.dtype, t.shape, t.size(), t.size(1), t.dim(), t.numel())
print(torch.tensor(a, dtype=torch.float32).dtype, torch.as_tensor([1, 2]).dtype)
print(torch.zeros_like(t), torch.ones_like(t, dtype=torch.int32), torch.empty(2, 3).shape)
print(torch.tensor([]).shape, torch.tensor([[]]).shape, torch.tensor(np.float32(2.5)))

# %% promotion_rules strict
import torch

i = torch.tensor([1, 2, 3])
f = torch.tensor([1.0, 2.0, 3.0])
d = torch.tensor([1.0], dtype=torch.float64)
b = torch.tensor([True, False, True])
print((i + f).dtype, (i * 2.5).dtype, (f + d).dtype, (i + b).dtype, (b + b).dtype)
print((i / 2).dtype, i / 2, (i // 2).dtype, i // 2, (-i) // 2, i % 2)
print((f * 2).dtype, (torch.tensor(2.0, dtype=torch.float64) * f).dtype)
print((i.to(torch.int32) + torch.tensor(5)).dtype, (torch.tensor([1], dtype=torch.uint8) + 300).dtype)
print(torch.tensor([1, 2], dtype=torch.int32).float().dtype, f.long(), f.int().dtype, f.double().dtype, i.bool())
print(torch.promote_types(torch.int32, torch.float32), torch.result_type(i, 1.0))
print(f.to(torch.int64), (f > 1).dtype, (f > 1).float().mean())

# %% broadcasting strict
import torch
import numpy as np

x = torch.from_numpy(np.arange(6, dtype=np.float32).reshape(2, 3))
col = torch.tensor([[10.0], [20.0]])
row = torch.tensor([1.0, 2.0, 3.0])
print(x + col, x * row, x - x.mean(dim=0), x / x.sum(dim=1, keepdim=True))
print((x[:, None, :] - x[None, :, :]).shape, torch.broadcast_shapes((3, 1), (1, 4)))
a = torch.ones(4, 1, 3)
b = torch.ones(5, 1)
print((a + b).shape, torch.ones(3).expand(2, 3), torch.broadcast_tensors(col, row)[0].shape)
try:
    torch.ones(2, 3) + torch.ones(4)
except RuntimeError as e:
    print("RuntimeError")

# %% indexing_basic strict
import torch

x = torch.arange(24).reshape(2, 3, 4)
print(x[0], x[1, 2], x[1, 2, 3], x[..., 0], x[:, -1], x[:, :, ::2], x[0, 1:, 1:3])
print(x[None].shape, x[:, None, :, None].shape, x[0][1][2].item())
print(x[torch.tensor([1, 0])].shape, x[:, [0, 2]], x[[0, 1], [1, 2]], x[0, [0, 2], [1, 3]])
m = x > 12
print(m.sum(), x[m], x[x % 5 == 0])
y = torch.zeros(3, 4)
y[1] = 1
y[:, 2] = torch.tensor([5.0, 6.0, 7.0])
y[y > 5] = -1
y[0, [0, 3]] = 9
print(y)
try:
    x[2]
except IndexError as e:
    print("IndexError")

# %% views_and_memory strict
import torch

x = torch.arange(12, dtype=torch.float32)
v = x.view(3, 4)
v[0, 0] = 100
print(x[0], v.is_contiguous(), v.t().is_contiguous(), v.t().contiguous().is_contiguous())
print(v.view(-1, 6).shape, v.reshape(2, 2, 3).shape, v.flatten().shape, v.T.shape, v.mT.shape)
p = torch.arange(24).reshape(2, 3, 4).permute(2, 0, 1)
print(p.shape, p.stride(), p.contiguous().stride(), p.transpose(0, 1).shape)
s = x[2:5]
s.mul_(2)
print(x[:6], s)
print(x.unsqueeze(0).shape, x.unsqueeze(-1).shape, torch.zeros(1, 3, 1).squeeze().shape,
      torch.zeros(1, 3, 1).squeeze(0).shape, torch.zeros(1, 3, 1).squeeze(-1).shape)
try:
    v.t().view(12)
except RuntimeError:
    print("RuntimeError")
print(torch.arange(6).view(2, 3).unflatten(1, (3, 1)).shape, torch.arange(6).reshape(2, 3).flip(1))

# %% inplace_ops strict
import torch

a = torch.tensor([1.0, -2.0, 3.0, -4.0])
a.add_(1).mul_(2)
print(a)
a.clamp_(min=-2, max=5)
print(a)
a.zero_()
print(a)
b = torch.ones(2, 2)
b += 1
b *= torch.tensor([1.0, 3.0])
b -= 0.5
b /= 2
print(b)
b.fill_(7).sub_(torch.ones(2, 2), alpha=2)
print(b, b.abs_().neg_())
c = torch.arange(5)
c[c > 2] = 0
c.add_(torch.tensor(1))
print(c)
w = torch.zeros(3)
w.copy_(torch.tensor([1, 2, 3]))
print(w, w.dtype)

# %% reductions_dims strict
import torch
import numpy as np

x = torch.from_numpy(np.array([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]], dtype=np.float32))
print(x.sum(), x.sum(0), x.sum(dim=1), x.sum(1, keepdim=True), x.mean(dim=(0, 1)))
print(x.mean(0), x.prod(1), x.std(), x.var(0), x.std(1, unbiased=False), x.var(dim=1, correction=0))
print(x.max(), x.min(), x.amax(1), x.amin(0), x.argmax(), x.argmin(dim=0))
values, indices = x.max(1)
print(values, indices)
print(x.max(dim=0, keepdim=True).indices, x.min(1).values)
print(torch.max(x, 1)[1], torch.logsumexp(x, dim=1), x.norm(), x.norm(dim=1), x.norm(p=1))
print(x.sum(-1).shape, x.mean(-2, keepdim=True).shape, torch.tensor([1, 2, 3]).sum().dtype)
print(torch.all(x > 0), torch.any(x > 5, dim=1), (x > 3).all(dim=0))

# %% accuracy_idiom
import torch
import numpy as np

rng = np.random.default_rng(0)
logits = torch.from_numpy(rng.standard_normal((32, 10)).astype(np.float32))
y = torch.from_numpy(rng.integers(0, 10, 32))
pred = logits.argmax(dim=1)
correct = (pred == y).sum().item()
print(correct, type(correct).__name__, correct / len(y))
_, predicted = torch.max(logits.data, 1)
print((predicted == y).float().mean().item(), predicted.eq(y.view_as(predicted)).sum().item())
total = 0
correct = 0
for start in range(0, 32, 8):
    out = logits[start:start + 8]
    total += y[start:start + 8].size(0)
    correct += (out.argmax(1) == y[start:start + 8]).sum().item()
print(f"Accuracy: {100 * correct / total:.2f}%")

# %% topk_sort
import torch
import numpy as np

x = torch.from_numpy(np.array([[3.0, 1.0, 4.0, 1.5, 5.0], [9.0, 2.0, 6.0, 5.5, 3.0]], dtype=np.float32))
v, i = x.topk(2)
print(v, i)
print(torch.topk(x, 2, dim=0, largest=False).indices, x.topk(2, dim=1, sorted=True).values)
s, idx = torch.sort(x, dim=1, descending=True)
print(s, idx)
print(x.sort(0).values, x.argsort(dim=1), torch.argsort(x, dim=0, descending=True))
print(torch.sort(torch.tensor([3, 1, 2])), torch.tensor([5, 3, 9]).argsort())
logits = torch.tensor([[0.1, 0.5, 0.2, 0.9], [0.8, 0.1, 0.05, 0.05]])
top5 = logits.topk(2, 1).indices
target = torch.tensor([1, 0])
print((top5 == target.view(-1, 1)).any(dim=1).float().sum().item())

# %% cumulative_ops
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(torch.cumsum(x, dim=1), x.cumsum(0), x.cumprod(1), torch.tensor([1, 2, 3]).cumsum(0))
print(torch.cumsum(torch.tensor([True, False, True]), 0), x.cumsum(dim=-1).dtype)
print(torch.diff(torch.tensor([1, 4, 9, 16])), torch.cummax(torch.tensor([1.0, 3.0, 2.0, 5.0]), 0))

# %% one_hot_encoding
import torch
import torch.nn.functional as F

labels = torch.tensor([0, 2, 1, 2])
oh = F.one_hot(labels)
print(oh, oh.dtype, F.one_hot(labels, num_classes=5).shape)
print(F.one_hot(torch.tensor([[0, 1], [1, 0]]), 3).shape, F.one_hot(labels, 4).float().sum(0))
try:
    F.one_hot(torch.tensor([0.0, 1.0]))
except RuntimeError:
    print("RuntimeError")

# %% einsum_ops
import torch
import numpy as np

rng = np.random.default_rng(1)
a = torch.from_numpy(rng.standard_normal((2, 3)).astype(np.float32))
b = torch.from_numpy(rng.standard_normal((3, 4)).astype(np.float32))
c = torch.from_numpy(rng.standard_normal((5, 2, 3)).astype(np.float32))
print(torch.einsum("ij,jk->ik", a, b), torch.einsum("ij->ji", a), torch.einsum("ii->", torch.eye(3)))
print(torch.einsum("bij,jk->bik", c, b).shape, torch.einsum("i,i->", a[0], a[1]), torch.einsum("i,j->ij", a[0], a[1]))
print(torch.einsum("bij->b", c), torch.einsum("...j,jk->...k", c, b).shape, torch.einsum("ij,ij->i", [a, a]))
print(torch.outer(a[0], a[1]).shape, torch.allclose(torch.einsum("ij,jk", a, b), a @ b, atol=1e-6))

# %% cat_stack_split strict
import torch

a = torch.arange(6).reshape(2, 3)
b = torch.arange(6, 12).reshape(2, 3)
print(torch.cat([a, b]), torch.cat((a, b), dim=1).shape, torch.stack([a, b]).shape, torch.stack([a, b], dim=2).shape)
print(torch.cat([a, b], -1), torch.hstack([a, b]).shape, torch.vstack([a, b]).shape)
print(torch.split(torch.arange(10), 3), torch.arange(10).split([2, 8]))
print(torch.chunk(torch.arange(10), 3), a.chunk(3, dim=1), a.unbind(0))
parts = torch.arange(12).view(3, 4).split(2, dim=1)
print(len(parts), parts[1])
try:
    torch.cat([a, torch.zeros(2, 2)])
except RuntimeError:
    print("RuntimeError")

# %% masked_where_clamp strict
import torch

x = torch.tensor([[-1.5, 0.2, 3.0], [0.0, -0.3, 7.5]])
print(x.masked_fill(x < 0, 0.0), x.masked_fill(torch.tensor([True, False, True]), -1e9))
print(torch.where(x > 0, x, torch.zeros_like(x)), torch.where(x > 0, 1.0, -1.0), torch.where(x > 1))
print(x.clamp(-1, 1), x.clamp(min=0), torch.clamp(x, max=2.0), x.clip(0, 1), x.relu())
mask = torch.tril(torch.ones(3, 3)) == 0
scores = torch.ones(3, 3).masked_fill(mask, float("-inf"))
print(scores, torch.softmax(scores, dim=-1))
print(torch.where(torch.tensor([1, 2, 3]) > 1, torch.tensor([1, 2, 3]), 0), x.masked_select(x > 0))

# %% norms_allclose
import torch
import numpy as np

v = torch.tensor([3.0, 4.0])
print(v.norm(), torch.norm(v, p=1), v.norm(p=float("inf")), torch.linalg.norm(v) if hasattr(torch, "linalg") else 5.0)
m = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(m.norm(dim=0), m.norm(dim=1, keepdim=True), m.norm(p="fro"), torch.dist(m[0], m[1]))
print(torch.allclose(m, m + 1e-9), torch.allclose(m, m + 1e-3), torch.isclose(m, m + 1e-3, atol=1e-2))
print(torch.equal(m, m.clone()), torch.equal(m, m.T), m.sum().item() == 10.0)
normed = m / m.norm(dim=1, keepdim=True)
print(normed, (normed ** 2).sum(1))

# %% math_functions
import torch

x = torch.tensor([0.5, 1.0, 2.0, 4.0])
print(torch.exp(x), torch.log(x), x.sqrt(), x.rsqrt(), x.pow(2), x ** 0.5, 2 ** x)
print(torch.sin(x), x.cos(), torch.tanh(x), torch.sigmoid(x), x.abs(), (-x).sign(), x.reciprocal())
print(torch.floor(x * 1.5), torch.ceil(x * 1.5), torch.round(torch.tensor([0.5, 1.5, 2.5, -0.5])), x.log1p(), x.expm1())
print(torch.maximum(x, torch.tensor(1.5)), torch.minimum(x, 2 - x), x.max(torch.ones(4)), torch.erf(x))
print(torch.tensor([1, 2, 3]).pow(2), torch.tensor([4, 9]).sqrt(), torch.tensor([1, 2]).exp().dtype)
print(torch.atan2(x, x + 1), torch.fmod(torch.tensor([-3.0, 3.0]), 2), torch.remainder(torch.tensor([-3.0, 3.0]), 2))
print(torch.lerp(x, torch.ones(4), 0.5), torch.addcmul(x, x, x, value=0.5), torch.log_softmax(x, 0))

# %% conversions strict
import torch
import numpy as np

t = torch.tensor([[1.5, 2.5], [3.5, 4.5]])
print(t.tolist(), t[0, 1].item(), type(t.sum().item()).__name__, torch.tensor([3]).item())
print(t.numpy().dtype, t.numpy().shape, type(t.numpy()).__name__, float(t[1, 1]), int(t[0, 0]))
n = t.numpy()
n[0, 0] = 100.0
print(t[0, 0], t.long().tolist(), bool(torch.tensor([True])), len(t))
print([row.sum().item() for row in t], list(torch.arange(3)), t.type(torch.int64), t.to(torch.float64).dtype)
print(torch.tensor(t.tolist()).dtype, np.asarray(t).sum(), t.clone().detach().requires_grad, t.data.shape)
x = torch.tensor([1.0, 2.0], requires_grad=True)
print(x.detach().numpy(), x.tolist())
try:
    x.numpy()
except RuntimeError:
    print("RuntimeError")

# %% gather_scatter strict
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
idx = torch.tensor([[0, 2], [1, 0]])
print(torch.gather(x, 1, idx), x.gather(0, torch.tensor([[1, 0, 1]])))
logp = torch.log_softmax(x, dim=1)
y = torch.tensor([2, 0])
print(-logp.gather(1, y.unsqueeze(1)).squeeze(1), logp[torch.arange(2), y])
z = torch.zeros(2, 4)
print(z.scatter(1, torch.tensor([[1], [3]]), 1.0), z.scatter_(1, torch.tensor([[0], [2]]), torch.ones(2, 1)))
print(torch.zeros(5).scatter_add(0, torch.tensor([0, 1, 1, 4]), torch.ones(4)), torch.zeros(3).index_add(0, torch.tensor([0, 0, 2]), torch.tensor([1.0, 2.0, 3.0])))
print(x.index_select(1, torch.tensor([2, 0])), torch.take(x, torch.tensor([0, 5])), x.nonzero().shape, torch.nonzero(x > 3))

# %% repeat_expand strict
import torch

x = torch.tensor([[1, 2], [3, 4]])
print(x.repeat(2, 3), x.repeat(1, 1, 2).shape, x.expand(3, 2, 2).shape, x[:, :1].expand(-1, 3))
print(x.repeat_interleave(2), torch.repeat_interleave(x, 2, dim=0), x.tile((2,)), x.expand_as(torch.zeros(2, 2, 2)).shape)
print(torch.tril(torch.ones(3, 3)), torch.triu(torch.ones(3, 3), diagonal=1), torch.diag(torch.tensor([1, 2])), x.diagonal(), x.trace())
print(torch.roll(torch.arange(5), 2), torch.flip(x, [0]), x.t(), x.new_zeros(3).dtype, x.new_ones((1, 2)), x.new_tensor([1.5]).dtype)
print(torch.meshgrid(torch.arange(2), torch.arange(3), indexing="ij")[1])

# %% matmul_shapes strict
import torch
import numpy as np

rng = np.random.default_rng(2)
A = torch.from_numpy(rng.standard_normal((4, 3)).astype(np.float32))
B = torch.from_numpy(rng.standard_normal((3, 2)).astype(np.float32))
v = torch.from_numpy(rng.standard_normal(3).astype(np.float32))
print((A @ B).shape, torch.matmul(A, v).shape, (v @ B).shape, (v @ v).shape, torch.mm(A, B).shape)
batch = torch.from_numpy(rng.standard_normal((5, 4, 3)).astype(np.float32))
print((batch @ B).shape, torch.bmm(batch, batch.transpose(1, 2)).shape, torch.matmul(batch, v).shape)
print(torch.matmul(torch.ones(2, 1, 4, 3), torch.ones(6, 3, 2)).shape, torch.dot(v, v).shape, torch.mv(A, v).shape)
print(torch.allclose(A @ B, torch.from_numpy(A.numpy() @ B.numpy())))
try:
    A @ A
except RuntimeError:
    print("RuntimeError")

# %% unique_values
import torch

x = torch.tensor([3, 1, 2, 3, 1, 5])
print(torch.unique(x), x.unique(return_counts=True), torch.unique(x, return_inverse=True))
print(torch.unique(torch.tensor([[1, 2], [1, 2], [0, 1]]), dim=0), torch.unique(x, sorted=True).tolist())
print(torch.bincount(x), torch.unique_consecutive(torch.tensor([1, 1, 2, 2, 3, 1])), torch.count_nonzero(x - 3))
labels, counts = torch.unique(torch.tensor([0, 1, 1, 2, 2, 2]), return_counts=True)
print(dict(zip(labels.tolist(), counts.tolist())))

# %% comparisons_logical strict
import torch

a = torch.tensor([1, 2, 3, 4])
b = torch.tensor([4, 2, 1, 4])
print(a == b, a != b, a < b, a >= b, a.eq(b).sum(), a.gt(2), torch.le(a, 2), a.ne(4).all())
print((a > 1) & (a < 4), (a < 2) | (a > 3), ~(a > 2), torch.logical_not(a > 2), (a > 1) ^ (b > 1))
print(torch.isnan(torch.tensor([1.0, float("nan")])), torch.isinf(torch.tensor([float("inf"), 0.0])),
      torch.tensor([float("nan"), 1.0]).isfinite(), torch.nan_to_num(torch.tensor([float("nan"), float("inf"), 1.0])))
print(torch.tensor([1.0, float("nan")]).sum(), torch.tensor([1.0, float("nan")]).max(), torch.tensor([0.0]) / 0)

# %% printing_formats strict
import torch

print(torch.tensor([1.0, 2.5, -3.25]))
print(torch.tensor([[1e-5, 1.0], [100.0, 1e6]]))
print(torch.tensor([0.1, 0.2], dtype=torch.float64))
print(torch.tensor([1, -2, 300]), torch.tensor(5), torch.tensor(2.0), torch.tensor([], dtype=torch.int64))
print(torch.arange(2000).float())
print(torch.zeros(3, 2, 2))
print(torch.tensor([1.0, 2.0], requires_grad=True), torch.tensor([1.0], requires_grad=True) * 2)
print(torch.tensor([float("inf"), float("nan"), 1.0]), torch.tensor([123456789.0]), torch.tensor([True]))
print(repr(torch.Size([2, 3])), torch.float32, torch.int64, torch.tensor([1], dtype=torch.int32), torch.tensor([2.0]).half())
print(f"{torch.tensor(3.14159).item():.3f}", "{:.2f}".format(torch.tensor(2.5)), str(torch.tensor([1.5])))

# %% errors_types
import torch

def attempt(fn):
    try:
        fn()
        print("ok")
    except Exception as e:
        print(type(e).__name__)

attempt(lambda: torch.ones(2, 3) @ torch.ones(2, 3))
attempt(lambda: torch.ones(3)[5])
attempt(lambda: torch.ones(2, 3).view(4))
attempt(lambda: torch.ones(2).sum(dim=3))
attempt(lambda: torch.tensor([1, 2]).mean())
attempt(lambda: torch.cat([torch.ones(2), torch.ones(2, 2)]))
attempt(lambda: torch.ones(2, 2).item())
attempt(lambda: torch.tensor([[1, 2], [3]]))
attempt(lambda: torch.ones(2).reshape(3))
attempt(lambda: torch.ones(2, 3).transpose(0, 2))
attempt(lambda: torch.stack([torch.ones(2), torch.ones(3)]))
attempt(lambda: torch.ones(2, requires_grad=True).backward())
attempt(lambda: torch.zeros(2, dtype=torch.int64).requires_grad_())
attempt(lambda: torch.ones(3).squeeze(1))
