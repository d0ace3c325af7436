# More of the tensor API as scripts use it: creation arguments, printing corners, promotion with Python
# scalars, advanced indexing, order/counting ops, reductions' named tuples, in-place errors, shape errors.

# %% creation_kwargs_matrix strict
import torch

for fn in (torch.zeros, torch.ones, torch.empty):
    t = fn(2, 3, dtype=torch.float64, requires_grad=True)
    print(fn.__name__, t.shape, t.dtype, t.requires_grad, t.is_leaf, t.grad_fn)
print(torch.full((2,), 7).dtype, torch.full((2,), 7.0).dtype, torch.full((2,), True).dtype)
print(torch.full((2, 2), 1.5, dtype=torch.float16), torch.zeros((2,), dtype=torch.int32))
print(torch.arange(5).dtype, torch.arange(5.0).dtype, torch.arange(0, 1, 0.25), torch.arange(1, 4, dtype=torch.float64))
print(torch.eye(2, 3, dtype=torch.int64), torch.zeros_like(torch.ones(2, dtype=torch.int8), dtype=torch.float32))
print(torch.ones_like(torch.ones(2, 2), requires_grad=True), torch.full_like(torch.arange(3), 2.7))
print(torch.tensor(3).dim(), torch.tensor([]).shape, torch.tensor([[]]).shape, torch.empty(0, 3).numel())
print(torch.linspace(0, 1, 5, dtype=torch.float64), torch.logspace(0, 2, 3), torch.tensor([1, 2], dtype=torch.float32).dtype)
try:
    torch.ones(2, dtype=torch.int64, requires_grad=True)
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.tensor([1, 2]).requires_grad_()
except Exception as e:
    print(type(e).__name__, e)

# %% print_float64_int_bool strict
import torch

print(torch.tensor([1.0, 2.5, 3.0], dtype=torch.float64))
print(torch.tensor([0.1, 0.2], dtype=torch.float64) + 0.0)
print(torch.tensor([1, -20, 300]), torch.tensor([[1, 2], [30, 4]], dtype=torch.int16))
print(torch.tensor([True, False, True]), torch.tensor(True), torch.tensor(5), torch.tensor(-0.5))
print(torch.tensor([1.0, 2.0], dtype=torch.float16), torch.tensor([1, 2], dtype=torch.uint8))
print(torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True))
print(torch.tensor([1e10, 1.0]), torch.tensor([1e-10, 1.0]), torch.tensor([123456.0, 0.001]))
print(torch.tensor([-0.0, 1.5]), torch.tensor([float("nan"), float("inf"), -float("inf"), 1.0]))
print(torch.tensor([100.0, 200.0, 300.0]), torch.tensor([0.0, 0.0]), torch.tensor([1.0, float("nan")], dtype=torch.float64))
print(repr(torch.tensor([1.0, 2.0], dtype=torch.float64)), str(torch.tensor(2.0, dtype=torch.float64)))
print(torch.tensor([1e-5, 1e5]), torch.tensor([1e16]), torch.tensor([[1e-3, 1e3], [1.0, 2.0]]))

# %% print_large_summarised strict
import torch

print(torch.arange(2000))
print(torch.arange(3000.0).reshape(3, 1000) / 7)
print(torch.arange(1001, dtype=torch.float64))
print(torch.zeros(1001, dtype=torch.bool))
print(torch.arange(24).reshape(2, 3, 4))
print(torch.arange(4 * 1000).reshape(1000, 4))

# %% set_printoptions_variants strict
import torch

x = torch.tensor([3.14159265, 2.71828, 1e-4, 12345.678])
torch.set_printoptions(precision=3)
print(x)
torch.set_printoptions(sci_mode=True)
print(x, torch.tensor([1.0, 2.0]))
torch.set_printoptions(sci_mode=False, precision=8)
print(x)
torch.set_printoptions(threshold=5, edgeitems=2)
print(torch.arange(10), torch.arange(10.0).reshape(2, 5))
torch.set_printoptions(linewidth=30)
print(torch.arange(20.0))
torch.set_printoptions(profile="short")
print(torch.arange(20.0) / 3)
torch.set_printoptions(profile="full")
print(torch.arange(1200)[-5:])
torch.set_printoptions(profile="default")
print(x)

# %% promotion_python_scalars strict
import torch

i = torch.tensor([1, 2, 3])
f = torch.tensor([1.0, 2.0])
b = torch.tensor([True, False])
h = torch.tensor([1.0], dtype=torch.float16)
i8 = torch.tensor([1], dtype=torch.int8)
print((i + 1).dtype, (i + 1.5).dtype, (i * True).dtype, (i / 2).dtype, (i // 2).dtype, (i ** 2).dtype, (i ** 0.5).dtype)
print((f + 1).dtype, (f * 2.5).dtype, (b + 1).dtype, (b + 1.0).dtype, (b & True).dtype, (b + b).dtype)
print((h + 1.0).dtype, (h + f).dtype, (i8 + 1000).dtype, (i8 + i).dtype, (i8 * 1.5).dtype, (i8 + h).dtype)
print(i8 + 200, torch.tensor([250], dtype=torch.uint8) + 10)
print(torch.tensor(2.0, dtype=torch.float64) * f, (torch.tensor(2.0, dtype=torch.float64) * f).dtype)
print((torch.tensor(3) + f).dtype, (torch.tensor(3.0) + i).dtype, (torch.tensor([3.0], dtype=torch.float64) + f).dtype)
print(torch.result_type(i, 1.0), torch.promote_types(torch.int32, torch.float16), torch.can_cast(torch.float32, torch.int32))
print(i / i, 7 // i, 2 ** i, 1 - b.int(), -i, (b * 1.5))
try:
    -b
except Exception as e:
    print(type(e).__name__, e)
try:
    b - b
except Exception as e:
    print(type(e).__name__, e)

# %% advanced_index_assign strict
import torch

x = torch.arange(12).reshape(3, 4)
print(x[[0, 2]], x[[0, 2], [1, 3]], x[:, [3, 0]], x[1:, [0]], x[[[0], [2]], [1, 2]])
print(x[x > 5], x[torch.tensor([True, False, True])], x[..., 1], x[None, 0].shape, x[:, None, :].shape)
y = x.clone()
y[y % 2 == 0] = -1
print(y)
y[[0, 1], [0, 0]] = torch.tensor([100, 200])
print(y)
y[:, 1] += 10
y[2] = torch.tensor([9, 8, 7, 6])
print(y)
z = torch.zeros(5)
z[torch.tensor([0, 0, 2])] += 1
print(z)
z.index_put_((torch.tensor([1, 1]),), torch.tensor([1.0, 2.0]), accumulate=True)
print(z)
m = torch.zeros(2, 3)
m[torch.tensor([[True, False, True], [False, True, False]])] = torch.tensor([1.0, 2.0, 3.0])
print(m, x[torch.tensor(1)], x[1, -1].item(), x[-1][-2:])
try:
    x[torch.tensor([True, False])]
except Exception as e:
    print(type(e).__name__, e)
try:
    x[3]
except Exception as e:
    print(type(e).__name__, e)
try:
    x[[0, 5]]
except Exception as e:
    print(type(e).__name__, e)

# %% where_clamp_variants strict
import torch

x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0])
print(torch.where(x > 0, x, 0.0), torch.where(x > 0, 1, -1), torch.where(x > 0))
print(torch.where(x > 0, x, torch.tensor(0.0, dtype=torch.float64)).dtype, torch.where(x > 0, 1.0, 0).dtype)
print(torch.where(torch.tensor([[1, 0], [0, 1]])), x.where(x < 1, torch.zeros(1)))
print(x.clamp(-1, 1), x.clamp(min=0), x.clamp(max=0), torch.clamp(x, torch.tensor(-1.0), torch.tensor(1.0)))
print(torch.arange(6).clamp(1, 4), torch.arange(6).clamp(1.5, 3.5), x.clip(-0.1, 0.1))
print(x.clamp(min=torch.tensor([0.0, 0.0, 1.0, 1.0, 1.0])), torch.clamp(x, 1, -1))
try:
    x.clamp()
except Exception as e:
    print(type(e).__name__, e)

# %% topk_sort_variants strict
import torch

x = torch.tensor([[3.0, 1.0, 4.0, 1.5], [9.0, 2.0, 6.0, 5.0]])
r = torch.topk(x, 2)
print(r, type(r).__name__, r.values.shape, r[1])
print(x.topk(1, dim=0), x.topk(3, largest=False), x.topk(2, sorted=True).indices)
s = x.sort(dim=-1)
print(s, s.values[0], x.sort(descending=True, dim=0).indices, torch.sort(x.flatten(), stable=True))
print(x.argsort(dim=1, descending=True), torch.msort(x), x.argmax(), x.argmax(dim=1, keepdim=True), x.argmin(0))
v, idx = torch.sort(torch.tensor([2, 3, 1], dtype=torch.int32))
print(v, idx, v.dtype, idx.dtype)
try:
    x.topk(5)
except Exception as e:
    print(type(e).__name__, e)

# %% unique_bincount_histc strict
import torch

t = torch.tensor([3, 1, 2, 3, 1, 1, 5])
print(torch.unique(t), torch.unique(t, return_counts=True), torch.unique(t, return_inverse=True))
print(torch.unique(t, sorted=True, return_inverse=True, return_counts=True))
print(torch.unique_consecutive(torch.tensor([1, 1, 2, 2, 3, 1, 1])), torch.unique_consecutive(torch.tensor([1, 1, 2, 1]), return_counts=True))
print(torch.unique(torch.tensor([[1, 2], [1, 2], [3, 4]]), dim=0), torch.unique(torch.tensor([2.5, 1.0, 2.5])))
print(torch.bincount(t), torch.bincount(t, minlength=8), torch.bincount(t, weights=torch.ones(7) * 0.5))
print(torch.bincount(torch.tensor([], dtype=torch.int64)), torch.bincount(t).dtype, torch.bincount(t, weights=torch.ones(7, dtype=torch.float64)).dtype)
print(torch.histc(torch.tensor([1.0, 2.0, 1.0, 4.0, 2.5]), bins=4, min=0, max=4), torch.histc(torch.tensor([1.0, 2.0, 1.0]), bins=3))
print(torch.tensor([1.0, 5.0, 3.0]).histc(bins=2, min=0, max=10), torch.histc(torch.tensor([-1.0, 11.0, 5.0]), bins=5, min=0, max=10))
try:
    torch.bincount(torch.tensor([-1, 2]))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.bincount(torch.tensor([1.0, 2.0]))
except Exception as e:
    print(type(e).__name__, e)

# %% cumulative_flip_roll strict
import torch

x = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(x.cumsum(0), x.cumsum(dim=1), x.cumsum(1).dtype, torch.cumsum(x, 1, dtype=torch.float32))
print(x.cumprod(1), torch.cumprod(x.float(), 0), torch.tensor([True, True, False]).cumsum(0))
print(torch.cummax(torch.tensor([1, 3, 2, 5, 4]), 0), torch.cummin(torch.tensor([3.0, 1.0, 2.0]), dim=0))
print(torch.logcumsumexp(torch.tensor([0.0, 0.0, 0.0]), 0), torch.tensor([1, 2, 3], dtype=torch.int32).cumsum(0).dtype)
print(x.flip(0), x.flip([0, 1]), torch.flip(x, dims=(1,)), x.fliplr(), x.flipud(), torch.rot90(x))
print(x.roll(1), x.roll(1, 1), torch.roll(x, shifts=(1, -1), dims=(0, 1)), x.roll(-4))
print(torch.diff(torch.tensor([1, 4, 9, 16])), torch.diff(x, dim=0), torch.diff(torch.tensor([1.0, 2.0, 4.0]), n=2))

# %% repeat_expand_tile strict
import torch

x = torch.tensor([[1, 2]])
print(x.repeat(2, 3), x.repeat(2, 1, 1).shape, x.expand(3, 2), x.expand(3, -1), x.expand(2, 3, 2).shape)
print(x.tile((2,)), torch.tile(x, (2, 2)), x.tile(2, 1, 1).shape, x.repeat_interleave(2), torch.repeat_interleave(x, 2, dim=0))
print(torch.repeat_interleave(torch.tensor([1, 2, 3]), torch.tensor([1, 0, 2])), torch.repeat_interleave(torch.tensor([2, 1])))
print(x.expand_as(torch.zeros(4, 2)), x.expand(3, 2).is_contiguous(), x.expand(3, 2).stride(), x.repeat(3, 1).stride())
try:
    x.expand(3, 3)
except Exception as e:
    print(type(e).__name__, e)
try:
    x.repeat(2)
except Exception as e:
    print(type(e).__name__, e)
try:
    x.expand(2)
except Exception as e:
    print(type(e).__name__, e)

# %% chunk_split_stack strict
import torch

x = torch.arange(10)
print(x.chunk(3), x.chunk(4), torch.chunk(x, 6), x.split(4), x.split([2, 3, 5]), torch.split(x, 3))
print(x.tensor_split(3), torch.tensor_split(x, [2, 5]), x.unbind(), torch.arange(6).reshape(2, 3).unbind(1))
a, b = torch.ones(2, 2), torch.zeros(2, 2)
print(torch.stack([a, b]).shape, torch.stack([a, b], dim=2).shape, torch.stack((a, b), -1).shape, torch.hstack([a, b]).shape)
print(torch.vstack([a, b]).shape, torch.dstack([a, b]).shape, torch.column_stack([torch.arange(2), torch.arange(2)]), torch.row_stack([a[0], b[0]]))
print(torch.cat([a, b], 1), torch.cat((torch.tensor([1]), torch.tensor([2.5]))), torch.concat([a, b]).shape, torch.concatenate([a, b], axis=1).shape)
try:
    x.split([3, 3])
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.stack([a, torch.zeros(3, 2)])
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.cat([a, torch.zeros(2, 3)])
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.cat([a, torch.zeros(2)])
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.cat([])
except Exception as e:
    print(type(e).__name__, e)
try:
    x.chunk(0)
except Exception as e:
    print(type(e).__name__, e)

# %% einsum_variants strict
import torch

a = torch.arange(6.0).reshape(2, 3)
b = torch.arange(12.0).reshape(3, 4)
v = torch.tensor([1.0, 2.0, 3.0])
print(torch.einsum("ij,jk->ik", a, b), torch.einsum("ij,jk", a, b).shape, torch.einsum("ii", torch.eye(3) * 2))
print(torch.einsum("i,i->", v, v), torch.einsum("i,j->ij", v, v), torch.einsum("ij->ji", a), torch.einsum("ij->", a), torch.einsum("ij->j", a))
print(torch.einsum("...j,j->...", a, v), torch.einsum("bij,bjk->bik", a[None], b[None]).shape, torch.einsum("ii->i", torch.eye(2)))
print(torch.einsum("i j , j k -> i k", a, b).sum(), torch.einsum(a, [0, 1], b, [1, 2], [0, 2]).shape, torch.einsum("ij,jk->ik", [a, b]).shape)
print(torch.einsum("ij,ij->i", a.int(), a.int()), torch.einsum("ij,ij->i", a.int(), a.int()).dtype)
try:
    torch.einsum("ij,jk->ik", a, a)
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.einsum("ij,jk->ik", a)
except Exception as e:
    print(type(e).__name__, e)

# %% reductions_namedtuples strict
import torch

x = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
m = x.max(dim=1)
print(m, type(m).__name__, m.values, m.indices, m[0], tuple(m))
vals, idx = torch.min(x, 0, keepdim=True)
print(vals, idx, vals.shape)
print(x.max(), torch.max(x, torch.ones(3) * 3), x.sum(1, keepdim=True), x.mean((0, 1)), x.sum(dim=()), x.prod(1))
print(torch.median(x, 1), x.median(), x.mode(1), x.kthvalue(2, 1), torch.aminmax(x), torch.aminmax(x, dim=0))
print(x.std(1), x.var(0, unbiased=False), x.var(1, correction=0), torch.std_mean(x, 1), torch.var_mean(x, dim=0, keepdim=True))
print(x.amax(1), x.amin((0, 1)), x.logsumexp(1), x.norm(dim=1), x.nansum(), x.count_nonzero(1), x.all(1), (x > 2).any(0))
print(torch.tensor([1, 2, 3]).sum().dtype, torch.tensor([1, 2, 3], dtype=torch.int8).sum().dtype, torch.tensor([True, True]).sum())
print(torch.tensor([1, 2, 3]).prod().dtype, torch.tensor([1, 2]).float().mean(), torch.tensor([[1, 2]]).sum(0, dtype=torch.float64))
r = x.max(1)
print(len(r), r == r, r.values is r[0], isinstance(r, tuple))
try:
    torch.tensor([1, 2, 3]).mean()
except Exception as e:
    print(type(e).__name__, e)
try:
    x.sum(2)
except Exception as e:
    print(type(e).__name__, "Dimension out of range (expected to be in range of [-2, 1], but got 2)" in str(e))
try:
    torch.empty(0).max()
except Exception as e:
    print(type(e).__name__, e)

# %% comparisons_closeness strict
import torch

a = torch.tensor([1.0, 2.0, float("nan"), float("inf")])
b = torch.tensor([1.0 + 1e-7, 2.1, float("nan"), float("inf")])
print(a == b, a != b, a < b, a >= 2, a.eq(1.0), a.ne(b), a.gt(b), a.le(2), torch.lt(a, 2.0), torch.ge(a, b))
print(torch.isclose(a, b), torch.isclose(a, b, equal_nan=True), torch.isclose(a, b, rtol=0.1), torch.allclose(a[:2], b[:2]))
print(torch.allclose(a, b), torch.allclose(a, b, equal_nan=True, rtol=0.1), torch.equal(a, a), torch.equal(a[:2], a[:2].clone()))
print(torch.equal(torch.tensor([1, 2]), torch.tensor([1.0, 2.0])), torch.equal(torch.ones(2), torch.ones(3)), torch.tensor([1, 2]) == torch.tensor([1.0, 2.0]))
print(torch.isnan(a), torch.isinf(a), torch.isfinite(a), torch.isposinf(a), torch.isneginf(-a), torch.isreal(a), a.isnan().any())
print(torch.maximum(a, b), torch.minimum(a, torch.tensor(1.5)), torch.fmax(a, torch.zeros(4)), torch.fmin(a, torch.zeros(4)))
print(torch.tensor([1, 2, 3]) > torch.tensor([2]), torch.tensor([True]) == 1, torch.eq(torch.tensor([1, 2]), 2), (torch.arange(3) == 1).nonzero())
print(torch.logical_and(torch.tensor([1, 0]), torch.tensor([1.0, 1.0])), torch.logical_xor(torch.tensor([True, False]), torch.tensor([True, True])), torch.logical_not(torch.tensor([0.0, 2.0])))
print(torch.tensor([1, 2]) < 1.5, torch.isin(torch.tensor([1, 2, 3]), torch.tensor([2, 5])), torch.tensor([3.0]).isclose(torch.tensor([3.0 + 1e-9])))
try:
    torch.ones(2) == torch.ones(3)
except Exception as e:
    print(type(e).__name__, str(e).startswith("The size of tensor a (2) must match the size of tensor b (3)"))
try:
    torch.allclose(torch.ones(2), torch.ones(2, dtype=torch.float64))
except Exception as e:
    print(type(e).__name__, e)

# %% inplace_version_leaf_errors strict
import torch

w = torch.ones(3, requires_grad=True)
try:
    w.add_(1)
except Exception as e:
    print(type(e).__name__, e)
try:
    w[0] = 5.0
except Exception as e:
    print(type(e).__name__, e)
with torch.no_grad():
    w.mul_(2)
print(w, w._version, w.is_leaf, w.grad_fn)
a = torch.ones(3, requires_grad=True)
b = a * 2
c = b.sigmoid()
print(b._version)
b.add_(1)
print(b._version, b.grad_fn)
try:
    c.sum().backward()
except Exception as e:
    print(type(e).__name__, e)
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.exp()
y.add_(1)
try:
    y.sum().backward()
except Exception as e:
    print(type(e).__name__, str(e).split(" Hint:")[0])
v = torch.zeros(4)
view = v[1:3]
view.fill_(7)
print(v, v._version, view._version)
t = torch.arange(4.0)
u = t.view(2, 2)
u.t_()
print(u, t, u.is_contiguous())
try:
    torch.arange(4).add_(1.5)
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.ones(2).add_(torch.ones(3, 2))
except Exception as e:
    print(type(e).__name__, e)

# %% item_tolist_numpy_roundtrip strict
import torch
import numpy as np

t = torch.tensor([[1.5, 2.0], [3.0, 4.25]])
print(t.tolist(), t[0, 1].item(), type(t[0, 1].item()).__name__, type(torch.tensor(3).item()).__name__, type(torch.tensor(True).item()).__name__)
print(torch.tensor(2.5).tolist(), type(torch.tensor(7).tolist()).__name__, torch.tensor([True, False]).tolist(), torch.zeros(0, 2).tolist())
n = t.numpy()
print(type(n).__name__, n.dtype, n.shape, torch.from_numpy(n).dtype)
n[0, 0] = 100.0
print(t[0, 0])
s = torch.from_numpy(np.arange(4, dtype=np.int32))
print(s, s.dtype, torch.as_tensor(np.array([1.0, 2.0])).dtype, torch.tensor(np.array([1, 2], dtype=np.uint8)).dtype)
print(torch.from_numpy(np.array(3.0)).shape, torch.tensor(np.float32(2.0)), torch.as_tensor([1, 2], dtype=torch.float32))
print(float(torch.tensor([2.5])), int(torch.tensor(3.9)), bool(torch.tensor([0.0])), np.asarray(torch.arange(3)).tolist())
req = torch.ones(2, requires_grad=True)
try:
    req.numpy()
except Exception as e:
    print(type(e).__name__, e)
print(req.detach().numpy(), req.tolist(), req.sum().item())
try:
    torch.ones(2).item()
except Exception as e:
    print(type(e).__name__, e)
try:
    float(torch.ones(2))
except Exception as e:
    print(type(e).__name__, e)
print(torch.tensor(np.array([[1, 2], [3, 4]])).T.numpy().flags["C_CONTIGUOUS"], t.numpy(force=True).dtype)

# %% shape_error_messages strict
import torch

x = torch.arange(6.0).reshape(2, 3)
try:
    x.t().view(6)
except Exception as e:
    print(type(e).__name__, e)
print(x.t().reshape(6), x.t().contiguous().view(-1), x.view(3, -1).shape, x.view(torch.Size([6])).shape)
try:
    x.view(4, -1)
except Exception as e:
    print(type(e).__name__, e)
try:
    x.view(-1, -1)
except Exception as e:
    print(type(e).__name__, e)
try:
    x.reshape(5)
except Exception as e:
    print(type(e).__name__, e)
try:
    x @ x
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.matmul(torch.ones(3), torch.ones(4))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.mm(torch.ones(2, 3), torch.ones(3))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.bmm(torch.ones(2, 2, 3), torch.ones(3, 3, 2))
except Exception as e:
    print(type(e).__name__, e)
try:
    x + torch.ones(3, 2)
except Exception as e:
    print(type(e).__name__, str(e).startswith("The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1"))
try:
    x.permute(0, 0)
except Exception as e:
    print(type(e).__name__, e)
try:
    x.transpose(0, 2)
except Exception as e:
    print(type(e).__name__, str(e)[str(e).index("Dimension"):])
try:
    x.squeeze(3)
except Exception as e:
    print(type(e).__name__, str(e)[str(e).index("Dimension"):])
try:
    x.unsqueeze(4)
except Exception as e:
    print(type(e).__name__, str(e)[str(e).index("Dimension"):])
try:
    x.flatten(1, 0)
except Exception as e:
    print(type(e).__name__, e)
try:
    x.reshape(2, 3, 0)
except Exception as e:
    print(type(e).__name__, e)

# %% print_sci_negzero_nan strict
import torch

print(torch.tensor([1e-8, 1.0]), torch.tensor([1e9, 1.0, 2.0]), torch.tensor([1.5e-3, 2.0e-4]))
print(torch.tensor([-0.0]), torch.tensor(-0.0), torch.tensor([-0.0, -1e-20]), torch.tensor([0.0]) * -1)
print(torch.tensor([float("nan")]), torch.tensor([float("inf"), 1e10]), torch.tensor([float("nan"), 1e-9]))
print(torch.tensor([1.0, float("inf")], dtype=torch.float64), torch.tensor([-float("inf")]), torch.tensor([float("nan"), 2.0], requires_grad=True))
print(torch.tensor([123456789.0]), torch.tensor([0.1, 1000.0]), torch.tensor([0.001, 1000.0]), torch.tensor([1.0, 1e8]))
print(torch.tensor([[1e-6, 1.0], [2.0, 3e5]], dtype=torch.float64), torch.tensor([3.0e-5], dtype=torch.float16))
print(torch.tensor(1e20), torch.tensor(-1.5e-7), torch.tensor([2**40], dtype=torch.int64), torch.tensor([1.0, 10.0, 100.0]) / 3)
print(torch.tensor([0.5, -0.25, 1.125]), torch.tensor([1.0, 2.0]) * 1e-4, torch.tensor([99999.0, 100000.0]))

# %% masked_index_ops strict
import torch

x = torch.arange(1.0, 7.0).reshape(2, 3)
mask = x > 3
print(x.masked_fill(mask, 0), x.masked_fill(~mask, float("-inf")), torch.masked_select(x, mask), x.masked_select(torch.tensor([True, False, True])))
print(x.masked_scatter(mask, torch.tensor([10.0, 20.0, 30.0, 40.0])), x.masked_fill(torch.tensor(True), 1.5))
print(x.index_select(1, torch.tensor([2, 0])), x.index_fill(1, torch.tensor([1]), -1.0), x.index_add(0, torch.tensor([1, 1]), torch.ones(2, 3)))
print(x.index_copy(0, torch.tensor([1, 0]), torch.zeros(2, 3)), torch.take(x, torch.tensor([0, 5])), x.take_along_dim(torch.tensor([[0], [2]]), 1))
y = x.clone()
y.masked_fill_(y < 3, 100)
y.index_fill_(0, torch.tensor([1]), 7)
print(y)
print(torch.arange(5).masked_fill(torch.arange(5) % 2 == 0, 9), x.masked_fill(mask, 2).dtype)
try:
    x.masked_fill(torch.tensor([1, 0, 1]), 0.0)
except Exception as e:
    print(type(e).__name__, e)
try:
    x.index_select(1, torch.tensor([0.0]))
except Exception as e:
    print(type(e).__name__, e)
try:
    x.masked_fill(mask, torch.tensor([1.0, 2.0]))
except Exception as e:
    print(type(e).__name__, e)
try:
    x.index_select(0, torch.tensor([5]))
except Exception as e:
    print(type(e).__name__, e)

# %% dtype_casting_semantics strict
import torch

f = torch.tensor([-1.7, -0.5, 0.5, 1.7, 2.5])
print(f.int(), f.long(), f.to(torch.int8), f.bool(), f.to(torch.uint8) if False else f.abs().to(torch.uint8), f.half())
print(torch.tensor([300, -1]).to(torch.uint8), torch.tensor([128]).to(torch.int8), torch.tensor([0, 2, -3]).bool(), torch.tensor([True, False]).float())
print(f.type(torch.int32), f.type(), f.int().type(), f.to(torch.float64).dtype, f.to(torch.tensor([1]))[:2], f.to(dtype=torch.float16).dtype)
print(f.is_floating_point(), f.int().is_floating_point(), torch.is_tensor(f), torch.is_floating_point(f), f.dtype.is_floating_point, torch.int32.is_signed)
print(torch.float32.itemsize, torch.int16.itemsize, f.element_size(), f.double().element_size(), f.nbytes, torch.get_default_dtype())
print(torch.finfo(torch.float32).eps, torch.finfo(torch.float16).max, torch.finfo(torch.float64).tiny, torch.iinfo(torch.int8).min, torch.iinfo(torch.int64).max, torch.iinfo(torch.uint8).bits)
g = torch.zeros(3, dtype=torch.int64)
g[0] = 2.9
g[1:] = torch.tensor([1.5, -1.5])
print(g)
h = torch.zeros(2)
h.copy_(torch.tensor([1, 2]))
print(h, h.dtype, torch.tensor([1, 2]).to(f), f.new_tensor([1, 2]).dtype, f.new_zeros(2, dtype=torch.int32), f.new_ones((1, 2)), f.new_full((2,), 3))
print(f.to(torch.float32) is f, f.float() is f, f.to(torch.float64) is f, f.to(torch.float32, copy=True) is f, f.type(torch.float32) is f)

# %% int_division_and_modulo strict
import torch

a = torch.tensor([7, -7, 7, -7])
b = torch.tensor([2, 2, -2, -2])
print(a / b, a // b, a % b, torch.fmod(a, b), torch.remainder(a, b), torch.div(a, b, rounding_mode="trunc"), torch.div(a, b, rounding_mode="floor"))
print(torch.div(a, 2), torch.div(a.float(), 2, rounding_mode="floor"), torch.floor_divide(a, 3), a.float() % -3, torch.fmod(a.float(), 2.5))
print(a // 2.5, (a // 2.5).dtype, a % 2.5, 7 % b, -7 // b, torch.true_divide(a, 4), a.div(b, rounding_mode=None))
print(a ** 2, torch.tensor([2, 3]) ** torch.tensor([3, 2]), 2 ** torch.tensor([0, 1, 10]), torch.tensor([4.0, 9.0]) ** 0.5, torch.pow(2.0, torch.tensor([1, 2])))
print(torch.tensor([5, 6]) & 3, torch.tensor([5, 6]) | 8, torch.tensor([5, 6]) ^ torch.tensor([1, 1]), ~torch.tensor([0, 5]), torch.tensor([1, 2]) << 2, torch.tensor([16, -16]) >> 2)
print(torch.tensor([True, False]) & torch.tensor([True, True]), ~torch.tensor([True, False]), torch.tensor([True]) ^ True, torch.tensor([3, 4]).bitwise_and(torch.tensor([1, 4])))
try:
    torch.tensor([1, 2]) // 0
except Exception as e:
    print(type(e).__name__, e)
print(torch.tensor([1.0, -1.0, 0.0]) // 0, torch.tensor([1.0, -1.0]) % 0)
try:
    torch.tensor([2, 3]) ** -1
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.tensor([1.5]) & 1
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.div(a, b, rounding_mode="round")
except Exception as e:
    print(type(e).__name__, e)

# %% inplace_dtype_rules strict
import torch

i = torch.tensor([1, 2, 3])
try:
    i += 1.5
except Exception as e:
    print(type(e).__name__, e)
try:
    i.mul_(torch.tensor([0.5, 0.5, 0.5]))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.tensor([True, False]).add_(1)
except Exception as e:
    print(type(e).__name__, e)
try:
    i /= 2
except Exception as e:
    print(type(e).__name__, e)
i += 2
i *= torch.tensor([True, False, True])
print(i, i.dtype)
f = torch.ones(3)
f += torch.tensor([1, 2, 3])
f *= torch.tensor(2.0, dtype=torch.float64)
f -= 1
print(f, f.dtype)
h = torch.ones(2, dtype=torch.float16)
h += torch.ones(2, dtype=torch.float64)
print(h, h.dtype)
i //= 2
print(i)
try:
    f.add_(torch.ones(2, 3))
except Exception as e:
    print(type(e).__name__, e)
e1 = torch.zeros(1).expand(3)
try:
    e1.add_(1)
except Exception as e:
    print(type(e).__name__, e)
print(torch.zeros(2, 3).add_(torch.ones(3)), torch.zeros(3).clamp_(1, 2), torch.arange(4.0).sqrt_(), torch.ones(2).exp_())

# %% out_argument_and_sizes strict
import torch

a = torch.tensor([1.0, 2.0, 3.0])
b = torch.tensor([4.0, 5.0, 6.0])
out = torch.empty(3)
r = torch.add(a, b, out=out)
print(out, r is out)
torch.mul(a, 2, out=out)
print(out)
o2 = torch.empty(2, 2)
torch.matmul(torch.eye(2), torch.ones(2, 2), out=o2)
print(o2)
o3 = torch.empty(3, dtype=torch.int64)
torch.argmax(torch.eye(3), dim=1, out=o3)
print(o3)
v = torch.empty(0)
i = torch.empty(0, dtype=torch.int64)
torch.max(torch.tensor([[1.0, 5.0], [7.0, 2.0]]), 1, out=(v, i))
print(v, i)
torch.cat([a, b], out=torch.empty(6))
s = torch.empty(2)
torch.sum(torch.ones(2, 3), 1, out=s)
print(s)
o4 = torch.empty(0)
torch.cumsum(a, 0, out=o4)
torch.exp(torch.zeros(2), out=out[:2])
print(o4, out, torch.zeros(2, 2, out=torch.empty(4)).shape, torch.arange(3, out=torch.empty(3, dtype=torch.int32)))
d = torch.empty(3, dtype=torch.float64)
torch.add(a, 1, out=d)
print(d)
try:
    torch.add(a, b, out=torch.empty(3, dtype=torch.int64))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.mul(torch.ones(2, requires_grad=True), 2, out=torch.empty(2))
except Exception as e:
    print(type(e).__name__, e)

# %% nonzero_searchsorted_bucketize strict
import torch

x = torch.tensor([[0, 1, 0], [2, 0, 3]])
print(x.nonzero(), torch.nonzero(x, as_tuple=True), torch.argwhere(x), x.nonzero().shape, torch.nonzero(torch.tensor(5)))
print(torch.nonzero(torch.zeros(3)), torch.count_nonzero(x), torch.count_nonzero(x, dim=0), x.bool().sum(1))
s = torch.tensor([1, 3, 5, 7])
v = torch.tensor([0, 3, 6, 9])
print(torch.searchsorted(s, v), torch.searchsorted(s, v, right=True), torch.searchsorted(s, 5), torch.searchsorted(s, v, side="right"))
print(torch.bucketize(v, s), torch.bucketize(v, s, right=True), torch.bucketize(torch.tensor([[2.5, 8.0]]), s.float()), torch.bucketize(4, s))
print(torch.searchsorted(torch.tensor([[1, 2, 3], [2, 4, 6]]), torch.tensor([[2], [5]])), torch.searchsorted(s, v, out_int32=True).dtype)
print(torch.searchsorted(torch.tensor([3.0, 1.0, 2.0]), torch.tensor([1.5]), sorter=torch.tensor([1, 2, 0])))
print(torch.tril_indices(3, 3), torch.triu_indices(3, 4, offset=1), torch.combinations(torch.tensor([1, 2, 3])), torch.cartesian_prod(torch.tensor([1, 2]), torch.tensor([3, 4])))
gx, gy = torch.meshgrid(torch.tensor([1, 2, 3]), torch.tensor([4, 5]), indexing="ij")
print(gx, gy, torch.meshgrid(torch.tensor([1, 2]), torch.tensor([3, 4, 5]), indexing="xy")[0].shape)

# %% creation_errors strict
import torch

for make in (lambda: torch.tensor([[1, 2], [3]]),
             lambda: torch.zeros(-1),
             lambda: torch.arange(0, 1, 0),
             lambda: torch.arange(0, 5, -1),
             lambda: torch.tensor("abc"),
             lambda: torch.ones(2, 3).view(7),
             lambda: torch.eye(-2),
             lambda: torch.full((2,), [1, 2]),
             lambda: torch.linspace(0, 1, -1),
             lambda: torch.randn(2, 3, dtype=torch.int64),
             lambda: torch.tensor([1, 2], dtype=torch.float32, requires_grad=True).long().requires_grad_(),
             lambda: torch.empty(2, 3).reshape(-1, 4),
             lambda: torch.tensor([[1.0, 2.0], [3.0, "x"]])):
    try:
        r = make()
        print("ok", r.shape, r.dtype)
    except Exception as e:
        print(type(e).__name__, e)
print(torch.tensor([[1, 2.5], [True, 4]]), torch.tensor([True, 2]), torch.tensor([[]]).dtype, torch.tensor([[1], [2]], dtype=torch.bool))
print(torch.tensor(((1, 2), (3, 4))), torch.tensor([torch.tensor(1.5), 2]), torch.tensor(range(4)), torch.tensor([1, 2]).new_empty(0).shape)

# %% rounding_and_sign_functions strict
import torch

x = torch.tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, -0.0, 3.7])
print(x.round(), x.floor(), x.ceil(), x.trunc(), x.frac(), x.sign(), torch.signbit(x), x.abs(), x.neg())
print(torch.copysign(torch.tensor([1.0, 2.0]), torch.tensor([-0.0, 3.0])), x.round(decimals=1), torch.tensor([1234.5678]).round(decimals=-2))
print(torch.tensor([-3, 0, 4]).sign(), torch.tensor([-3, 4]).abs(), torch.tensor([7]).floor(), torch.tensor([7]).round(), torch.tensor([-3, 4]).sgn())
print(torch.nan_to_num(torch.tensor([float("nan"), float("inf"), -float("inf"), 1.0])), torch.nan_to_num(torch.tensor([float("nan"), float("inf")]), nan=0.0, posinf=9.0))
print(torch.nanmean(torch.tensor([1.0, float("nan"), 3.0])), torch.nansum(torch.tensor([[1.0, float("nan")], [2.0, 3.0]]), dim=1), torch.nanmedian(torch.tensor([float("nan"), 5.0, 1.0])))
print(torch.lerp(torch.zeros(3), torch.ones(3), 0.25), torch.addcmul(torch.ones(2), torch.tensor([2.0, 3.0]), torch.tensor([4.0, 5.0]), value=0.5), torch.addcdiv(torch.zeros(2), torch.ones(2), torch.tensor([2.0, 4.0])))
print(torch.hypot(torch.tensor([3.0]), torch.tensor([4.0])), torch.atan2(torch.tensor([1.0, -1.0]), torch.tensor([-1.0, -1.0])), torch.logaddexp(torch.tensor([0.0]), torch.tensor([0.0])), torch.xlogy(torch.tensor([0.0, 2.0]), torch.tensor([0.0, 3.0])))
print(torch.clamp(torch.tensor([float("nan"), 5.0]), 0, 1), torch.relu(torch.tensor([float("nan"), -1.0])), torch.tensor([float("nan"), 1.0]).min(), torch.tensor([float("nan"), 1.0]).sort())

# %% size_and_iteration_protocols strict
import torch

x = torch.arange(24).reshape(2, 3, 4)
print(x.size(), x.size(1), x.size(-1), x.shape[1:], len(x), x.dim(), x.ndimension(), x.ndim, x.numel(), x.nelement())
print(x.shape == (2, 3, 4), x.shape == torch.Size([2, 3, 4]), list(x.shape), tuple(x.shape), x.shape.numel(), torch.Size([2, 3]) + (4,))
for row in x[0]:
    print(row, row.shape)
print([t.tolist() for t in torch.arange(4).reshape(2, 2)], list(torch.tensor([1, 2])), [int(v) for v in torch.tensor([3, 4])])
a, b = torch.tensor([5.0, 6.0])
print(a, b, type(a).__name__, *torch.tensor([[1, 2]]))
print(x.stride(), x.t if False else x.transpose(0, 2).stride(), x[:, 1].stride(), x.storage_offset(), x[1, 2].storage_offset(), x.is_contiguous())
print(torch.Size([3, 4])[0], torch.Size([3, 4]).index(4), torch.Size([3, 4]).count(3), str(torch.Size([])), torch.empty(3, 0).shape, x.size(dim=2))
print(3 in torch.tensor([1, 2, 3]), torch.tensor([1.5]) in torch.tensor([1.5, 2.0]), hash(x) == hash(x), bool(torch.tensor([1])), x.new(2).shape)
try:
    len(torch.tensor(3))
except Exception as e:
    print(type(e).__name__, e)
try:
    iter(torch.tensor(3))
except Exception as e:
    print(type(e).__name__, e)
try:
    x.size(3)
except Exception as e:
    print(type(e).__name__, str(e)[str(e).index("Dimension"):])
try:
    bool(torch.tensor([1, 2]))
except Exception as e:
    print(type(e).__name__, e)

# %% scatter_reduce_variants strict
import torch

src = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
idx = torch.tensor([0, 1, 0, 1, 2, 1])
for reduce in ("sum", "prod", "mean", "amax", "amin"):
    print(reduce, torch.zeros(3).scatter_reduce(0, idx, src, reduce=reduce), torch.zeros(3).scatter_reduce(0, idx, src, reduce=reduce, include_self=False))
print(torch.zeros(3).scatter_add(0, idx, src), torch.zeros(3, dtype=torch.int64).scatter_add_(0, idx, torch.ones(6, dtype=torch.int64)))
print(torch.zeros(2, 3).scatter(1, torch.tensor([[2], [0]]), 7.0), torch.zeros(2, 3).scatter(0, torch.tensor([[1, 0, 1]]), torch.ones(1, 3)))
print(torch.zeros(3).scatter(0, torch.tensor([0, 2]), torch.tensor([5.0, 6.0]), reduce="add"), torch.ones(3).scatter_(0, torch.tensor([1]), 3.0, reduce="multiply"))
x = torch.tensor([[10, 20, 30], [40, 50, 60]])
print(x.gather(1, torch.tensor([[2, 0], [1, 1]])), torch.gather(x, 0, torch.tensor([[1, 0, 1]])), x.gather(1, torch.tensor([[0], [2]])).squeeze(1))
try:
    torch.zeros(3).scatter_reduce(0, idx, src, reduce="max")
except Exception as e:
    print(type(e).__name__, e)
try:
    x.gather(1, torch.tensor([[3]]))
except Exception as e:
    print(type(e).__name__, e)

# %% empty_and_zero_size_tensors strict
import torch

e = torch.empty(0, 3)
print(e, torch.zeros(2, 0), torch.tensor([]), torch.ones(0, dtype=torch.int64), torch.zeros(0, 2, 2))
print(e.sum(), e.sum(0), e.sum(1), e.mean(0), torch.tensor([]).mean(), torch.tensor([]).prod(), e.shape, e.numel(), e.T.shape)
print(torch.cat([torch.ones(2, 3), e]), torch.cat([torch.tensor([]), torch.tensor([1.0, 2.0])]), torch.stack([e, e]).shape)
print(e.max(1).values.shape if e.shape[0] == 0 else None, e.reshape(-1, 0).shape if False else e.view(3, 0).shape, e.any(), e.all(), e.argsort(1).shape)
print(torch.arange(0), torch.arange(5)[5:], torch.arange(5)[torch.tensor([], dtype=torch.int64)], torch.ones(3)[torch.zeros(3, dtype=torch.bool)])
print(torch.empty(0).tolist(), torch.zeros(0, 2).tolist(), torch.tensor([[], []]).shape, e.unsqueeze(0).shape, e.flatten().shape)
try:
    e.max(0)
except Exception as e2:
    print(type(e2).__name__, e2)
try:
    torch.tensor([]).max()
except Exception as e2:
    print(type(e2).__name__, e2)
try:
    torch.tensor([]).argmax()
except Exception as e2:
    print(type(e2).__name__, e2)
try:
    e.view(-1, 0)
except Exception as e2:
    print(type(e2).__name__, e2)

# %% view_family_semantics strict
import torch

x = torch.arange(24).reshape(2, 3, 4)
print(x.narrow(1, 1, 2).shape, x.narrow(2, -2, 2)[0], torch.narrow(x, 0, 1, 1).is_contiguous(), x.movedim(0, -1).shape, x.moveaxis((0, 1), (2, 0)).shape)
print(x.unsqueeze(-1).shape, torch.zeros(1, 3, 1, 2).squeeze().shape, torch.zeros(1, 3, 1, 2).squeeze((0, 2)).shape, torch.zeros(1, 3).squeeze(1).shape)
print(x.unflatten(2, (2, 2)).shape, x.flatten(0, 1).shape, x.flatten(-2).shape, x.view(-1, 4).shape, x.reshape(2, -1).shape, x.ravel().shape)
print(x.swapaxes(0, 2).shape, x.mT.shape, x.permute(2, 0, 1).contiguous().stride(), x.permute(2, 0, 1).stride(), x[:, ::2].stride())
print(torch.arange(8).unfold(0, 3, 2), x.diagonal(dim1=1, dim2=2), torch.arange(6.0).view(2, 3).view(torch.int32).shape)
y = torch.arange(6.0)
v = y.view(2, 3)
v[0, 0] = 100
r = y.reshape(3, 2)
r[2, 1] = -1
print(y, y.data_ptr() == v.data_ptr(), v._base is y, r._base is y, y.view(2, 3).is_contiguous(), v.t().is_contiguous())
b1, b2 = torch.broadcast_tensors(torch.tensor([[1], [2]]), torch.tensor([10, 20, 30]))
print(b1, b2, torch.broadcast_to(torch.tensor([1, 2]), (2, 2)), torch.broadcast_shapes((3, 1), (1, 4)), torch.atleast_2d(torch.tensor(1.0)).shape)
try:
    torch.broadcast_to(torch.ones(3), (2, 2))
except Exception as e:
    print(type(e).__name__, e)
try:
    x.narrow(1, 2, 2)
except Exception as e:
    print(type(e).__name__, e)
try:
    x.unflatten(2, (3, 2))
except Exception as e:
    print(type(e).__name__, e)

# %% clone_detach_data_semantics strict
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
c = w.clone()
d = w.detach()
print(c.requires_grad, c.is_leaf, c.grad_fn, d.requires_grad, d.is_leaf, d.grad_fn)
d[0] = 10.0
print(w, w._version, d._version)
w.data[1] = 20.0
print(w, w.data.requires_grad, w.data.is_leaf, w.requires_grad)
y = (w * 2).sum()
y.backward()
print(w.grad)
z = w * 3
z.detach_()
print(z.requires_grad, z.grad_fn, z.is_leaf)
t = torch.tensor(w)
print(t.requires_grad, t)
n = torch.tensor([1, 2]).clone().requires_grad_(False)
print(n.requires_grad, w.clone().detach().requires_grad_(True).is_leaf, w.new_tensor([1.0]).requires_grad)
a = torch.zeros(3)
b = torch.as_tensor(a)
b[0] = 1
print(a, torch.Tensor([1, 2]).dtype, torch.Tensor(2, 3).shape, torch.tensor(a).data_ptr() == a.data_ptr())
try:
    w.detach_()
except Exception as e:
    print(type(e).__name__, e)

# %% sorting_with_nan_and_ties strict
import torch

x = torch.tensor([3.0, float("nan"), 1.0, float("nan"), 2.0, float("-inf")])
print(x.sort(), x.sort(descending=True), x.argsort(), torch.sort(x, stable=True, descending=True))
print(x.max(), x.min(), x.amax(), x.argmax(), x.argmin(), x.median(), x.nanmedian(), torch.topk(x, 2))
ties = torch.tensor([2, 1, 2, 1, 2])
print(ties.sort(stable=True), ties.argsort(stable=True, descending=True), torch.sort(torch.tensor([True, False, True]), stable=True))
print(torch.unique(torch.tensor([1.0, float("nan"), 1.0])).shape, torch.tensor([float("nan")]) == torch.tensor([float("nan")]), x.isnan().sum())
print(torch.maximum(torch.tensor([1.0, float("nan")]), torch.tensor([float("nan"), 0.0])), torch.clamp(torch.tensor([float("nan")]), min=0.0))
print(torch.tensor([[3, 1], [2, 4]]).sort(dim=0), torch.tensor([[3, 1], [2, 4]]).msort(), torch.tensor([5, 3, 9]).sort(descending=True).indices)

# %% reduction_dtype_arguments strict
import torch

i = torch.tensor([[100, 100], [100, 100]], dtype=torch.int8)
print(i.sum(), i.sum().dtype, i.sum(0, dtype=torch.int8), i.prod(1), i.cumsum(0).dtype, i.float().mean(0), i.mean(dtype=torch.float64))
print(torch.tensor([True, True, False]).sum(), torch.tensor([True, False]).prod(), torch.tensor([1.5, 2.5]).sum(dtype=torch.float64), torch.tensor([1, 2]).cumprod(0, dtype=torch.float32))
print(torch.tensor([3.0]).std(), torch.tensor([3.0]).var(correction=0), torch.tensor([2.0, 4.0]).std(unbiased=False), torch.ones(2, 3).var(1, keepdim=True).shape)
print(torch.tensor([1, 2, 3]).max(), torch.tensor([1, 2, 3]).min(0), torch.tensor([1, 5]).amax(), torch.tensor([[1, 2], [3, 4]]).sum((0, 1), keepdim=True))
print(torch.tensor([1.0, 2.0, 3.0], dtype=torch.float16).sum(), torch.tensor([1.0, 2.0], dtype=torch.float16).mean().dtype, torch.arange(10).float().norm(), torch.tensor([3, 4.0]).norm(p=1))
print(torch.all(torch.tensor([1, 2])), torch.any(torch.tensor([0.0, 0.0])), torch.all(torch.tensor([1, 0]), dim=0), torch.tensor([[True, False]]).all(1, keepdim=True), torch.all(torch.tensor([2, 1])).dtype)
print(torch.tensor([[1.0, 2.0], [3.0, 4.0]]).logsumexp((0, 1)), torch.tensor([1, 2, 3, 4]).median(), torch.tensor([1, 2, 3, 4]).float().quantile(0.5))
for bad in (lambda: torch.tensor([1, 2]).std(), lambda: torch.tensor([1, 2]).var(), lambda: torch.tensor([1, 2]).norm(), lambda: torch.tensor([1, 2]).logsumexp(0), lambda: torch.tensor([True]).mean()):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% integer_overflow_wraparound strict
import torch

u = torch.tensor([250, 5], dtype=torch.uint8)
print(u + 10, u - 10, u * 2, -u, u // 3, u.sum(), u.sum().dtype, (u + 10).dtype)
i8 = torch.tensor([127, -128], dtype=torch.int8)
print(i8 + 1, i8 - 1, i8 * 2, i8.abs(), -i8, i8 + torch.tensor([1], dtype=torch.int16), torch.tensor([-128], dtype=torch.int8) // -1)
i32 = torch.tensor([2**31 - 1], dtype=torch.int32)
print(i32 + 1, i32 * 2, i32.sum(), (i32 + 1).dtype, i32.to(torch.int64) + 1, torch.tensor([2**62]) * 4)
print(torch.tensor([3], dtype=torch.uint8) - torch.tensor([5], dtype=torch.int8), torch.tensor([200], dtype=torch.uint8) + torch.tensor([100], dtype=torch.int8))
print(torch.tensor([1.0e30]) * 1e10, torch.tensor([70000.0], dtype=torch.float16), torch.tensor([1e-8], dtype=torch.float16), torch.tensor([65504.0], dtype=torch.float16) * 2)
print(torch.tensor([256.7, -1.2]).to(torch.uint8), torch.tensor([1e10]).int() if False else torch.tensor([3.99, -3.99]).int(), torch.tensor([True]) + torch.tensor([True]))

# %% advanced_index_combinations strict
import torch

x = torch.arange(60).reshape(3, 4, 5)
print(x[:, [0, 2], 1].shape, x[[0, 1], :, [2, 3]].shape, x[[0, 1], 1:3, [2, 3]].shape, x[..., [0, 4]].shape, x[None, :, 0, [1]].shape)
print(x[[0, 2]][:, [1, 3]][..., 0], x[torch.tensor([[0, 1], [2, 0]])].shape, x[:, torch.tensor([True, False, True, False])].shape)
print(x[[True, False, True]].shape, x[-1, -1, [-1, -2]], x[torch.tensor(2), torch.tensor(3)], x[1, [0, 1], [0, 1]], x[x > 55])
print(x[0, torch.tensor([3, 0], dtype=torch.int32)], x[[[0]], [[1], [2]]].shape, x[:, 1:2, [1, 2]].shape, x[0][x[0] % 7 == 0])
y = torch.zeros(3, 4)
y[:, [0, 2]] = torch.tensor([1.0, 2.0])
y[[0, 2], 1:3] = 5.0
y[1, torch.tensor([True, False, False, True])] = torch.tensor([8.0, 9.0])
y[y == 0] = -1.0
print(y)
z = torch.arange(10)
z[torch.tensor([1, 3])] = z[torch.tensor([3, 1])]
z[7:] = torch.tensor([0])
print(z, z[::3], z[-3:], z[z.argmax()], z[z.argsort()[:3]])
try:
    x[:, [0, 1], [0, 1, 2]]
except Exception as e:
    print(type(e).__name__, e)
try:
    x[0, 0, 0, 0]
except Exception as e:
    print(type(e).__name__, e)
try:
    z[::-1]
except Exception as e:
    print(type(e).__name__, e)
try:
    y[:, [0, 1]] = torch.ones(3)
except Exception as e:
    print(type(e).__name__, e)

# %% print_grad_fn_of_tensor_ops strict
import torch

w = torch.tensor([[1.0, -2.0], [3.0, 4.0]], requires_grad=True)
print(w[0], w[:, 1], w[[0, 1], [1, 0]], w[w > 0])
print(w.t(), w.view(4), w.reshape(1, 4), w.flatten(), w.unsqueeze(0).squeeze(0), w.expand(2, 2, 2)[0])
print(torch.cat([w, w]), torch.stack([w[0], w[1]]), w.sum(0), w.mean(), w.max(), w.max(1).values, w.abs(), w.clamp(0, 2))
print(w.exp().log(), w ** 2, 2 ** w.detach().requires_grad_(), w @ w, w.softmax(1), w.norm(), w.cumsum(0), w.flip(0), w.repeat(1, 2))
print(torch.where(w > 0, w, 0.0), w.masked_fill(w < 0, 0.0), w.T.contiguous(), w.sort(1).values, w.topk(1).values, w.permute(1, 0), w.double())

# %% print_suffix_combinations strict
import torch

print(torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True), torch.tensor([1.5], dtype=torch.float16, requires_grad=True))
print(torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True) * 2, torch.tensor(3, dtype=torch.int8), torch.tensor(-1, dtype=torch.int32))
print(torch.arange(1500, dtype=torch.int32), torch.zeros(2, 0, dtype=torch.int64), torch.zeros(0, dtype=torch.float64), torch.empty(0, 2, requires_grad=True))
print(torch.tensor([[-1000, 2], [3, 40]]), torch.tensor([[0.001, -100.5], [7.0, 8.25]]), torch.tensor([[1e-4, 1e4]], dtype=torch.float64))
print(torch.tensor([1.0, 2.0]).to(torch.float16) / 3, torch.tensor([-5, 0, 5], dtype=torch.int16), torch.tensor([[True], [False]]).T)
print(torch.full((3, 3), float("nan")), torch.full((2,), -float("inf"), dtype=torch.float64), torch.tensor([-1e-5, 0.0, 1e-5]))
print(torch.tensor([123.456, -0.001], requires_grad=True).sum(), torch.tensor(1e-3, dtype=torch.float64), torch.tensor([0.1] * 3, dtype=torch.float64) * 3)
print(repr(torch.arange(6.0).reshape(2, 3)[:, 1:]), str(torch.ones(1, 1, 1)), torch.ones(2, 1, 2, 1))
