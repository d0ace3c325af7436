# Indexing and shape manipulation in depth: advanced indexing, setitem with autograd, scatter/gather
# families, index_* ops, masked ops, splitting, views vs copies, and gradients through all of them.

# %% idx_bool_mask_slices_ellipsis strict
import torch

x = torch.arange(48).reshape(2, 3, 4, 2)
m = torch.tensor([True, False, True])
print(x[:, m].shape, x[:, m, 1:3].shape, x[..., m[:2]].shape, x[0, m, ..., 1])
print(x[None, ..., None].shape, x[:, None, m].shape, x[1, None, :, None, 0, 0])
print(x[..., -1][..., -1], x[-1, -1, -1], x[0, :, torch.tensor([[0, 3]]), 1])
mm = torch.tensor([[True, False, True], [False, False, True]])
print(x[mm].shape, x[mm, 0], x[mm][:, -1, 1])
print(x[:, :, [[0], [3]], [1, 0]].shape, x[:, [1], :, [0, 1]].shape, x[[0], ..., [1]].shape)

# %% idx_int64_zero_d_tensors strict
import torch

x = torch.arange(20.0).reshape(4, 5)
i = torch.tensor(2)
j = torch.tensor(-1)
print(x[i], x[i, j], x[i].shape, x[i, j].shape, x[:, i], x[j, 1:3])
print(x[torch.tensor([2])].shape, x[torch.tensor([[1, 2]])].shape, x[i][j].item())
print(x[torch.tensor(1, dtype=torch.int32)].shape, x[torch.tensor(True)].shape, x[torch.tensor(False)].shape)
for k in range(torch.tensor(3)):
    print(k, x[k, k])
print(x[[i.item(), 0]], x[list(range(3)), [0, 1, 2]], x[(0, 1)], x[[0, 1]].shape)
try:
    x[torch.tensor(4)]
except Exception as e:
    print(type(e).__name__, e)
try:
    x[torch.tensor(1.0)]
except Exception as e:
    print(type(e).__name__, e)

# %% idx_out_of_range_errors strict
import torch

x = torch.arange(12).reshape(3, 4)
for fn in (lambda: x[3], lambda: x[-4], lambda: x[0, 4], lambda: x[:, -5], lambda: x[1, 2, 0]):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, e)
for fn in (lambda: x[torch.tensor([0, 3])], lambda: x[:, torch.tensor([-5])], lambda: x.index_select(0, torch.tensor([3]))):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__)
print(x[5:], x[1:100].shape, x[-100:1], x[:, 10:].shape)
try:
    x[0] = torch.ones(5, dtype=torch.int64)
except Exception as e:
    print(type(e).__name__, e)

# %% idx_setitem_broadcast_dtype strict
import torch

x = torch.zeros(3, 4)
x[:] = torch.tensor([1.0, 2.0, 3.0, 4.0])
x[1:] = torch.tensor([[7.0], [8.0]])
x[0, 1:3] = 5
x[2, [0, 3]] = torch.tensor(9.0)
x[x > 8] = torch.tensor(6, dtype=torch.int64)
print(x, x.dtype)
for fn in (lambda: x.__setitem__((2, [0, 3]), torch.tensor(9)), lambda: x.__setitem__([0, 2], torch.ones(4, dtype=torch.float64)),
           lambda: x.index_put_((torch.tensor([0]),), torch.tensor(1)), lambda: x.__setitem__(x > 0, torch.arange(12))):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, e)
y = torch.zeros(2, 3, dtype=torch.int32)
y[0] = 2.7
y[1, 1:] = torch.tensor([1.9, -1.9])
y[:, 0] = True
print(y, y.dtype)
b = torch.zeros(4, dtype=torch.bool)
b[[1, 3]] = 1
print(b)
d = torch.zeros(2, 2, dtype=torch.float64)
d[0] = torch.tensor([0.1, 0.2], dtype=torch.float32)
d[1, 1] = 1 / 3
print(d)
h = torch.zeros(2, 3)
h[..., 1] = torch.arange(2)
h[None] = h + 1
print(h)
try:
    x[0] = torch.ones(2)
except Exception as e:
    print(type(e).__name__, e)
try:
    x[:, 0] = torch.ones(3, 1)
except Exception as e:
    print(type(e).__name__, e)

# %% idx_setitem_autograd_nonleaf
import torch

a = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
v = torch.tensor([10.0, 20.0], requires_grad=True)
y = a * 2
y[1:3] = v * v
print(y, y.grad_fn.name())
(y * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
print(a.grad, v.grad)
w = torch.tensor(5.0, requires_grad=True)
z = a.clone()
z[z > 2] = w
z[0] = w * 3
z.sum().backward()
print(z, a.grad, w.grad)
q = torch.zeros(2, 3, requires_grad=True)
r = q + 1
r[:, [0, 2]] = torch.tensor([[1.0], [2.0]], requires_grad=True) * 2
r.pow(2).sum().backward()
print(r, q.grad)
try:
    a[0] = 5.0
except Exception as e:
    print(type(e).__name__, e)

# %% idx_index_put_accumulate strict
import torch

x = torch.zeros(3, 3)
rows = torch.tensor([0, 0, 2, 0])
cols = torch.tensor([1, 1, 2, 1])
x.index_put_((rows, cols), torch.tensor([1.0, 2.0, 3.0, 4.0]), accumulate=True)
print(x)
x.index_put_((torch.tensor([1]),), torch.tensor(5.0))
print(x)
print(x.index_put((rows,), torch.ones(3), accumulate=True))
print(torch.index_put(torch.zeros(4, dtype=torch.int64), (torch.tensor([3, 3, 3]),), torch.tensor([1, 1, 1]), accumulate=True))
m = torch.zeros(2, 2)
m.index_put_((torch.tensor([True, False]),), torch.tensor([7.0, 8.0]))
print(m)
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
v = torch.tensor([4.0, 5.0], requires_grad=True)
out = a.index_put((torch.tensor([0, 0]),), v, accumulate=True)
(out * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(out, out.grad_fn.name(), a.grad, v.grad)
try:
    x.index_put_((torch.tensor([3]),), torch.tensor(1.0))
except Exception as e:
    print(type(e).__name__)

# %% idx_scatter_reduce_modes strict
import torch

idx = torch.tensor([[0, 1, 0], [2, 2, 1]])
src = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
base = torch.full((2, 3), 10.0)
print(base.scatter(1, idx, src, reduce="add"), base.scatter(1, idx, src, reduce="multiply"))
print(base.scatter(1, idx, 2.0, reduce="add"), base.clone().scatter_(1, idx, 0.5, reduce="multiply"))
print(torch.scatter(base, 0, torch.tensor([[1, 0, 1]]), src[:1]), torch.scatter_add(base, 1, idx, src))
for r in ("sum", "prod", "mean", "amax", "amin"):
    print(r, base.scatter_reduce(1, idx, src, r), base.scatter_reduce(1, idx, src, r, include_self=False))
ii = torch.tensor([0, 0, 2])
print(torch.zeros(3, dtype=torch.int64).scatter_reduce(0, ii, torch.tensor([3, 4, 5]), "mean"))
print(torch.zeros(3, dtype=torch.int64).scatter_reduce(0, ii, torch.tensor([3, 4, 5]), "mean", include_self=False))
print(torch.ones(4).scatter_(0, torch.tensor([1, 3]), torch.tensor([9.0, 8.0, 7.0])))
try:
    base.scatter(1, idx, src, reduce="mean")
except Exception as e:
    print(type(e).__name__, e)
try:
    base.scatter_(1, idx.float(), src)
except Exception as e:
    print(type(e).__name__, e)

# %% idx_scatter_gather_grads
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
src = torch.tensor([[0.5, 1.5], [2.5, 3.5]], requires_grad=True)
idx = torch.tensor([[2, 0], [1, 1]])
g = x.gather(1, idx)
s = x.scatter(1, idx, src)
sa = x.scatter_add(1, idx, src)
w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
(g.sum() * 2 + (s * w).sum() + (sa * w * w).sum()).backward()
print(g, s, sa)
print(x.grad, src.grad)
x.grad = None
src.grad = None
for r in ("sum", "prod", "mean", "amax", "amin"):
    out = x.scatter_reduce(1, idx, src, r, include_self=False)
    (out * w).sum().backward()
    print(r, out.grad_fn.name(), x.grad, src.grad)
    x.grad = None
    src.grad = None

# %% idx_take_put_along
import torch

x = torch.tensor([[3.0, 1.0, 2.0], [6.0, 5.0, 4.0]], requires_grad=True)
t = torch.take(x, torch.tensor([[0, 5], [-1, 2]]))
order = x.argsort(dim=1)
ta = torch.take_along_dim(x, order, dim=1)
tf = torch.take_along_dim(x, torch.tensor([4, 0]))
(t.sum() + (ta * torch.arange(3.0)).sum() + tf.sum() * 10).backward()
print(t, ta, tf, x.grad)
p = torch.zeros(2, 3)
p.put_(torch.tensor([0, 4, 0]), torch.tensor([1.0, 2.0, 3.0]), accumulate=True)
print(p)
p.put_(torch.tensor([-1]), torch.tensor([9.0]))
print(p, p.put(torch.tensor([1, 1]), torch.tensor([5.0, 6.0]), accumulate=True))
z = torch.zeros(4, requires_grad=True)
v = torch.tensor([1.0, 2.0], requires_grad=True)
out = z.put(torch.tensor([1, 3]), v)
(out * torch.arange(1.0, 5.0)).sum().backward()
print(out, z.grad, v.grad)
mx = torch.tensor([[1, 9, 3], [7, 2, 8]])
print(torch.take_along_dim(mx, mx.argmax(dim=1, keepdim=True), dim=1), torch.take_along_dim(mx, torch.tensor([[0], [2]]), 1))
try:
    torch.take(x, torch.tensor([6]))
except Exception as e:
    print(type(e).__name__)

# %% idx_index_family_alpha_grads
import torch

x = torch.arange(12.0).reshape(3, 4).requires_grad_()
src = torch.tensor([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]], requires_grad=True)
idx = torch.tensor([2, 0])
a = x.index_add(0, idx, src, alpha=-2)
c = x.index_copy(0, idx, src)
f = x.index_fill(1, torch.tensor([1, 3]), -1.0)
s = x.index_select(1, torch.tensor([3, 3, 0]))
w = torch.arange(1.0, 13.0).reshape(3, 4)
(a * w).sum().backward(retain_graph=True)
print(a, a.grad_fn.name(), x.grad, src.grad)
x.grad = src.grad = None
((c + f) * w).sum().backward()
print(c.grad_fn.name(), f.grad_fn.name(), x.grad, src.grad)
x.grad = None
s.pow(2).sum().backward()
print(s, s.grad_fn.name(), x.grad)
print(torch.index_add(torch.zeros(2, 3, dtype=torch.int64), 1, torch.tensor([0, 0, 2]), torch.ones(2, 3, dtype=torch.int64), alpha=3))
y = torch.zeros(5)
y.index_add_(0, torch.tensor([1, 1, 4]), torch.tensor([1.0, 2.0, 3.0]), alpha=0.5)
y.index_fill_(0, torch.tensor([0]), torch.tensor(7.0))
y.index_copy_(0, torch.tensor([2]), torch.tensor([9.0]))
print(y)
try:
    x.index_add(0, idx, torch.ones(3, 4))
except Exception as e:
    print(type(e).__name__, e)
try:
    x.index_copy(1, torch.tensor([0]), torch.ones(3, 2))
except Exception as e:
    print(type(e).__name__, e)

# %% idx_index_reduce_modes
import torch
import warnings

warnings.simplefilter("ignore")
x = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
src = torch.tensor([[2.0, 3.0], [4.0, 5.0], [6.0, 7.0], [8.0, 9.0]])
idx = torch.tensor([0, 2, 0, 1])
for r in ("prod", "mean", "amax", "amin"):
    print(r, x.index_reduce(0, idx, src, r), x.index_reduce(0, idx, src, r, include_self=False))
xi = torch.tensor([10, 20, 30])
print(xi.index_reduce(0, torch.tensor([0, 0, 1]), torch.tensor([1, 2, 3]), "mean"), xi.index_reduce(0, torch.tensor([2]), torch.tensor([-5]), "amin"))
y = x.clone()
y.index_reduce_(1, torch.tensor([1, 1]), torch.tensor([[2.0, 3.0], [4.0, 5.0], [6.0, 7.0]]), "prod", include_self=False)
print(y)
xg = x.clone().requires_grad_()
sg = src.clone().requires_grad_()
out = xg.index_reduce(0, idx, sg, "prod")
out.sum().backward()
print(out.grad_fn.name(), xg.grad, sg.grad)
try:
    x.index_reduce(0, idx, src, "sum")
except Exception as e:
    print(type(e).__name__, e)

# %% idx_masked_ops_broadcast
import torch

x = torch.arange(6.0).reshape(2, 3).requires_grad_()
row = torch.tensor([True, False, True])
col = torch.tensor([[False], [True]])
print(torch.masked_select(x, row), x.masked_select(col), torch.masked_select(torch.arange(3.0), col))
v = torch.tensor(-1.0, requires_grad=True)
mf = x.masked_fill(row, v)
ms = x.masked_scatter(col, torch.tensor([10.0, 20.0, 30.0, 40.0]))
sel = x.masked_select(row)
(mf.sum() + (ms * torch.tensor([1.0, 2.0, 3.0])).sum() + sel.pow(2).sum()).backward()
print(mf, ms, sel.grad_fn.name(), ms.grad_fn.name(), mf.grad_fn.name())
print(x.grad, v.grad)
src = torch.arange(10.0, 16.0).requires_grad_()
out = torch.zeros(2, 3).masked_scatter(row, src)
(out * torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])).sum().backward()
print(out, src.grad)
z = torch.zeros(2, 3)
z.masked_fill_(col, torch.tensor(2.5))
z.masked_scatter_(row, torch.tensor([7.0, 8.0, 9.0, 10.0]))
print(z)
try:
    torch.zeros(2, 3).masked_scatter(row, torch.ones(3))
except Exception as e:
    print(type(e).__name__, e)
try:
    x.masked_fill_(torch.ones(3, 3, dtype=torch.bool), 0.0)
except Exception as e:
    print(type(e).__name__, e)

# %% idx_nonzero_argwhere_where strict
import torch

x = torch.tensor([[0.0, 1.5, 0.0], [2.0, 0.0, -3.0]])
print(x.nonzero(), torch.nonzero(x, as_tuple=True), torch.argwhere(x), torch.where(x), x[torch.where(x > 0)])
print(torch.nonzero(torch.tensor(5)), torch.nonzero(torch.tensor(0), as_tuple=True), torch.where(torch.tensor([False, True, True])))
r, c = (x != 0).nonzero(as_tuple=True)
print(r, c, x[r, c], torch.nonzero(torch.zeros(2, 2)).shape, torch.argwhere(torch.tensor([True, False, True])))
print(torch.count_nonzero(x), torch.count_nonzero(x, dim=0), x.nonzero().dtype, torch.where(x > 0, x, 0.0))
idx = torch.where(torch.arange(10) % 3 == 0)[0]
print(idx, torch.arange(10)[idx], torch.nonzero(torch.arange(4).reshape(2, 2) > 0, as_tuple=False).tolist())

# %% idx_narrow_unfold_as_strided
import torch

x = torch.arange(20.0).reshape(4, 5).requires_grad_()
n = x.narrow(1, 1, 3)
nc = x.narrow_copy(0, 2, 2)
u = x.unfold(1, 2, 2)
u2 = x.unfold(0, 3, 1)
print(n, n.is_contiguous(), n.stride(), n.storage_offset(), nc.is_contiguous(), u.shape, u2.shape, u.stride(), u2[1, 4])
a = torch.as_strided(x, (3, 3), (5, 1), 1)
print(a, a.stride(), a.storage_offset())
(n.sum() + nc.sum() * 2 + (u * 3).sum() + u2.sum() + a.sum() * 10).backward()
print(x.grad, n.grad_fn.name(), u.grad_fn.name(), a.grad_fn.name())
w = torch.arange(8.0)
print(w.unfold(0, 3, 3), w.unfold(0, 8, 1), w.as_strided((2, 2), (1, 2)), w.as_strided((3,), (2,), 1), w.narrow(0, torch.tensor(2), 3))
print(torch.arange(6.0).unfold(0, 2, 1).sum(-1), torch.narrow_copy(torch.arange(6).view(2, 3), 1, 0, 2))
try:
    w.unfold(0, 9, 1)
except Exception as e:
    print(type(e).__name__, e)
try:
    w.unfold(0, 2, 0)
except Exception as e:
    print(type(e).__name__, e)
try:
    w.narrow(0, 6, 3)
except Exception as e:
    print(type(e).__name__, e)

# %% idx_view_vs_reshape_strides strict
import torch

x = torch.arange(24.0).reshape(2, 3, 4)
t = x.transpose(0, 2)
print(t.is_contiguous(), t.stride(), t.reshape(-1).is_contiguous(), t.reshape(4, 6).stride())
print(x[:, 1].stride(), x[:, 1].storage_offset(), x[..., 2].storage_offset(), x[1:, 1:, ::2].stride(), x[1:, 1:, ::2].storage_offset())
p = x.permute(1, 0, 2)
print(p.view(3, 8).shape if p.is_contiguous() else "copy", p.reshape(3, 8).data_ptr() == x.data_ptr(), p.reshape(3, 2, 4).data_ptr() == x.data_ptr())
print(x.view(6, 4).data_ptr() == x.data_ptr(), x.reshape(6, 4)._base is x, x[:, :2].reshape(-1)._base is None, x.flatten().data_ptr() == x.data_ptr())
print(x.transpose(1, 2).view(2, 4, 3).shape, x.transpose(1, 2).reshape(2, 12)[0, :5], x.unsqueeze(1).stride(), x[:, None, 1].shape)
for fn in (lambda: t.view(-1), lambda: x[:, :2].view(12), lambda: x.transpose(1, 2).view(2, 12), lambda: x.view(5, -1), lambda: x.view(2, -1, -1)):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, e)
c = t.contiguous()
print(c.stride(), c.is_contiguous(), t.contiguous() is not t, x.contiguous() is x, c.data_ptr() == x.data_ptr())

# %% idx_split_chunk_tensor_split strict
import torch

x = torch.arange(10).reshape(5, 2)
print(x.split([1, 4]), torch.split(x, 2), x.split(3, dim=0)[-1], torch.split(x, [1, 1], dim=1)[1].shape)
print([c.shape[0] for c in torch.arange(10).chunk(4)], [c.shape[0] for c in torch.arange(5).chunk(4)], [c.numel() for c in torch.arange(3).chunk(5)])
print(torch.tensor_split(torch.arange(7), 3), torch.tensor_split(torch.arange(7), [1, 5]), torch.tensor_split(torch.arange(7), torch.tensor([2, 2, 9])))
print(x.tensor_split(2, dim=1), torch.tensor_split(x, torch.tensor(2)), torch.tensor_split(x, (1,), dim=0)[1].shape)
m = torch.arange(24).reshape(2, 3, 4)
print([t.shape for t in torch.hsplit(m, 3)], [t.shape for t in torch.vsplit(m, [1])], [t.shape for t in torch.dsplit(m, [1, 3])], torch.hsplit(torch.arange(6), 2))
print(m.unbind(1)[2], [t.shape for t in torch.unbind(m, dim=-1)], x.split(2)[0]._base is x, x.split([2, 3])[1].storage_offset())
for fn in (lambda: x.split([1, 3]), lambda: torch.tensor_split(x, 0), lambda: torch.hsplit(torch.arange(5), 2), lambda: x.chunk(0), lambda: torch.dsplit(x, 2)):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, e)

# %% idx_split_unbind_grads
import torch

x = torch.arange(12.0).reshape(3, 4).requires_grad_()
a, b = x.split([1, 2])
c = x.chunk(2, dim=1)
t = torch.tensor_split(x, [1, 3], dim=1)
u = x.unbind(0)
loss = a.sum() * 2 + (b ** 2).sum() + c[1].sum() * 3 + t[2].sum() + (u[1] * torch.arange(4.0)).sum()
loss.backward()
print(a.grad_fn.name(), c[0].grad_fn.name(), t[1].grad_fn.name(), u[0].grad_fn.name())
print(x.grad)
h = torch.hsplit(x, 2)
print(h[0].grad_fn.name(), h[1].shape, torch.vsplit(x, [2])[1].shape)

# %% idx_movedim_swap_squeeze strict
import torch

x = torch.arange(24).reshape(2, 1, 3, 4)
print(x.movedim([0, 1], [-1, 0]).shape, torch.moveaxis(x, [3, 2], [0, 1]).shape, x.movedim(-1, 1).stride(), torch.movedim(x, (0,), (2,)).shape)
print(x.swapaxes(1, 3).shape, torch.swapdims(x, 0, -1).shape, x.swapaxes(0, 0).shape, x.transpose(-1, -2).is_contiguous())
print(x.squeeze((1, 2)).shape, x.squeeze(-3).shape, torch.squeeze(x, (0, 1)).shape, x.squeeze([]).shape if False else x.squeeze().shape)
print(x.unsqueeze(-1).shape, x.unsqueeze(-5).shape, torch.unsqueeze(torch.tensor(3), -1).shape, torch.tensor(3).unsqueeze(0).unsqueeze(-1).shape)
print(x.unflatten(-1, (2, -1)).shape, torch.unflatten(x, 0, (1, 2, 1)).shape, x.flatten(1, 2).shape, x.flatten(-3, -2).shape, x.flatten(2, 2).shape)
print(torch.tensor(5).flatten().shape, x.ravel().shape, x.transpose(0, 3).ravel()[:6], x[0, 0].T.shape, torch.ravel(x.mT).is_contiguous())
for fn in (lambda: x.movedim([0, 0], [1, 2]), lambda: x.movedim([0, 1], [2]), lambda: x.permute(0, 1, 2), lambda: x.permute(0, 1, 2, 4),
           lambda: x.squeeze(4), lambda: x.unflatten(1, (2, 2)), lambda: x.flatten(3, 1), lambda: x.swapaxes(0, 5)):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, str(e)[str(e).find("Dimension"):] if "Dimension out" in str(e) else e)

# %% idx_expand_repeat_interleave
import torch

x = torch.tensor([[1.0], [2.0], [3.0]], requires_grad=True)
e = x.expand(-1, 4)
e2 = x.expand(2, -1, 2)
ea = x.expand_as(torch.zeros(3, 5))
print(e, e.stride(), e.is_contiguous(), e2.shape, ea.shape, e.data_ptr() == x.data_ptr())
(e.sum() + (e2 * 2).sum() + ea.sum() * 3).backward()
print(x.grad, e.grad_fn.name())
r = torch.tensor([1.0, 2.0], requires_grad=True)
rep = r.repeat(2, 3)
ri = r.repeat_interleave(3)
rt = torch.repeat_interleave(r, torch.tensor([2, 0]))
(rep.sum() + (ri * torch.arange(6.0)).sum() + rt.sum() * 10).backward()
print(rep, ri, rt, r.grad)
m = torch.tensor([[1, 2], [3, 4]])
print(m.repeat_interleave(2, dim=0), torch.repeat_interleave(m, torch.tensor([1, 3]), dim=1), m.repeat_interleave(torch.tensor([2, 1]), dim=0, output_size=3))
print(torch.repeat_interleave(torch.tensor([3, 1, 2])), m.repeat_interleave(2), m.repeat(1, 1, 2).shape, m.repeat(2, 1).stride())
for fn in (lambda: x.expand(3, -1, 2) if False else x.expand(-1, 2, 4), lambda: x.expand(2, 4), lambda: x.expand(4), lambda: m.repeat(2),
           lambda: m.repeat_interleave(torch.tensor([1, 2, 3]), dim=0), lambda: torch.repeat_interleave(torch.tensor([1, -1])), lambda: x.expand(-1, -1),
           lambda: m.repeat_interleave(torch.tensor([2, 1]), dim=0, output_size=4), lambda: m.repeat_interleave(-1), lambda: m.repeat_interleave(torch.tensor([1.0, 2.0]), dim=0)):
    try:
        print(fn().shape)
    except Exception as e:
        print(type(e).__name__, e)

# %% idx_transpose_T_mT_H
import torch
import warnings

x1 = torch.arange(3.0)
x2 = torch.arange(6.0).reshape(2, 3)
x3 = torch.arange(24.0).reshape(2, 3, 4)
print(x2.T, x2.mT, x2.H, x2.mH.shape, x3.mT.shape, x3.mH.shape, x2.adjoint().shape)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    print(x1.T, x3.T.shape, x3.T.stride(), x3.T.grad_fn)
print(x2.t(), x1.t(), torch.t(x2).is_contiguous(), x3.transpose(0, 1).transpose(0, 1).is_contiguous())
g = torch.arange(6.0).reshape(2, 3).requires_grad_()
(g.T * torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])).sum().backward()
print(g.grad, g.T.grad_fn.name(), g.mT.grad_fn.name(), g.t().grad_fn.name())
for fn in (lambda: x1.mT, lambda: x1.H, lambda: x3.t(), lambda: x3.H, lambda: x1.adjoint()):
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% idx_inplace_on_views_grads
import torch

x = torch.arange(1.0, 10.0).reshape(3, 3).requires_grad_()
y = x * 1
y[0].mul_(2)
y.diagonal().zero_()
y[:, 2].add_(torch.tensor([10.0, 20.0, 30.0]))
y.t()[1].neg_()
print(y, y.grad_fn.name())
(y * torch.arange(9.0).reshape(3, 3)).sum().backward()
print(x.grad)
b = torch.zeros(4)
v = b[1:3]
v.fill_(5)
v += 1
b.view(2, 2)[1, 1] = 9
print(b, v, v._version == b._version, b._version)
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = w.clone()
s = h[1:]
s.exp_()
print(h, h.grad_fn.name(), s.grad_fn.name())
h.sum().backward()
print(w.grad)
d = torch.ones(2, 2, requires_grad=True).clone()
d.diagonal().mul_(torch.tensor([3.0, 4.0]))
d.unsqueeze(0).squeeze_(0)[0, 1] = 7.0
print(d)
try:
    z = torch.ones(3, requires_grad=True)
    z[0].mul_(2)
except Exception as e:
    print(type(e).__name__, e)

# %% idx_clone_memory_format strict
import torch

x = torch.arange(24.0).reshape(1, 2, 3, 4)
cl = x.clone(memory_format=torch.channels_last)
print(cl.stride(), cl.is_contiguous(), torch.equal(cl, x), torch.channels_last, cl.contiguous().stride(), cl.contiguous(memory_format=torch.channels_last) is cl)
t = x.transpose(2, 3)
print(t.clone().stride(), t.clone(memory_format=torch.preserve_format).stride(), t.clone(memory_format=torch.contiguous_format).stride())
p = x.permute(0, 2, 3, 1)
print(p.clone().stride(), p.contiguous().stride(), p.clone().is_contiguous(), x.contiguous(memory_format=torch.channels_last).stride())
print(x[:, :, ::2].clone().stride(), x.expand(2, 2, 3, 4).clone().stride(), x.to(memory_format=torch.channels_last).stride())
c = x.clone()
c[0, 0, 0, 0] = -1
print(x[0, 0, 0, 0].item(), c.data_ptr() != x.data_ptr(), torch.clone(x).equal(x))

# %% idx_list_and_broadcast_indices strict
import torch

x = torch.arange(30).reshape(5, 6)
print(x[[-1, 0, -2]], x[[4, 4], [-1, -6]], x[[[0, 1], [2, 3]], [[5], [0]]], x[torch.tensor([[0], [4]]), torch.tensor([1, 3, 5])])
print(x[[0, 1]][:, [2, 3]], x[[0, 1], [2, 3]], x[[[0, 1]]].shape, x[[0, 1], ][0])
rows = torch.arange(5).unsqueeze(1)
cols = torch.tensor([[0, 5]])
print(x[rows, cols], x[(rows % 2 == 0).squeeze(1)], x[:, torch.tensor([True, False] * 3)][-1])
y = torch.zeros(5, 6, dtype=torch.int64)
y[rows, cols] = torch.tensor([[7, 8]])
y[[1, 2, 3], 2:4] = 1
y[torch.tensor([-1]), torch.tensor([-1, -2])] += 100
print(y)
print(x[(slice(1, 3), [0, 2])], x[tuple([[0, 1], [1, 2]])], x[[True, False, True, False, True]].shape)
print(x[[[0, 1], [1, 2]]], x[[torch.tensor(1), 2]], x[[slice(0, 2), 1]], x[[None, 0]].shape, x[[0, 1], ].shape)

# %% idx_scatter_gather_errors strict
import torch

x = torch.zeros(3, 4)
idx = torch.tensor([[0, 1], [2, 3]])
for fn in (lambda: x.gather(1, idx.float()), lambda: x.gather(2, idx), lambda: x.gather(1, torch.tensor([0, 1])),
           lambda: x.scatter(1, idx, torch.ones(2, 1)), lambda: x.scatter_add(1, idx, torch.ones(2, 2, dtype=torch.float64)),
           lambda: x.scatter(1, torch.tensor([[4]]), 1.0), lambda: x.scatter_reduce(1, idx, torch.ones(2, 2), "avg"),
           lambda: torch.zeros(2).scatter_(0, torch.tensor([0]), torch.ones(1), reduce="max")):
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)
print(x.gather(0, torch.zeros(0, 4, dtype=torch.int64)).shape, x.scatter(0, torch.tensor([[2, 1]]), torch.ones(1, 2) * 5))
print(torch.gather(torch.tensor([[1, 2], [3, 4]]), 1, torch.tensor([[0, 0, 1], [1, 0, 0]])), x.scatter(1, idx, 2.0).sum())

# %% idx_multi_output_view_inplace_errors
import torch

x = torch.arange(6.0).requires_grad_()
y = x * 2
a, b = y.split(3)
for fn in (lambda: a.mul_(2), lambda: y.unbind(0)[1].zero_(), lambda: y.chunk(2)[0].add_(1), lambda: y.view(2, 3).unbind(1)[0].fill_(0)):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, e)
c = a.clone()
c.mul_(2)
print(c, y.split(3)[0].grad_fn.name(), y.unbind(0)[0].grad_fn.name())
with torch.no_grad():
    z = torch.zeros(4)
    z.split(2)[1].fill_(3)
    z.unbind(0)[0].add_(7)
print(z)
w = torch.zeros(2, 3)
for row in w.unbind(0):
    row.add_(1)
for i, part in enumerate(w.split(1, dim=1)):
    part.mul_(i)
print(w)

# %% idx_gather_nll_idiom
import torch
import torch.nn.functional as F

logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 0.3], [-1.0, 3.0, 0.0], [1.0, 1.0, 1.0]], requires_grad=True)
target = torch.tensor([0, 2, 1, 1])
logp = logits.log_softmax(dim=1)
picked = logp[torch.arange(4), target]
picked2 = logp.gather(1, target.unsqueeze(1)).squeeze(1)
picked3 = torch.take_along_dim(logp, target[:, None], dim=1).view(-1)
loss = -(picked.mean() + picked2.mean() + picked3.mean()) / 3
loss.backward()
print(picked, torch.allclose(picked, picked2), torch.equal(picked2, picked3), loss, F.nll_loss(logp, target))
print(logits.grad, picked.grad_fn.name())
onehot = torch.zeros(4, 3).scatter_(1, target.unsqueeze(1), 1.0)
print(onehot, (onehot * logp).sum(1).neg().mean(), onehot.argmax(1))
topv, topi = logits.detach().topk(2, dim=1)
print(topi, logits.detach().gather(1, topi), torch.zeros(4, 3).scatter(1, topi, topv))

# %% idx_setitem_grads_repeated
import torch

base = torch.zeros(5, requires_grad=True)
val = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = base + 0
y[torch.tensor([1, 3, 4])] = val * 2
y[torch.tensor([0, 0])] += torch.tensor([5.0, 6.0])
y.index_put_((torch.tensor([2, 2]),), val[:2], accumulate=True)
(y * torch.arange(1.0, 6.0)).sum().backward()
print(y, base.grad, val.grad)
m = torch.ones(2, 3, requires_grad=True)
n = m * 1
s = torch.tensor(4.0, requires_grad=True)
n[:, 1] = s
n[1, [0, 2]] = s * s
n[n > 10] = 0.5
n.sum().backward()
print(n, m.grad, s.grad)
q = torch.zeros(3, 3, requires_grad=True)
r = q.clone()
r[..., 0] = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
r[None, 1] = r[0] * 2
r.sum().backward()
print(r, q.grad)

# %% idx_diagonal_diag_views
import torch

x = torch.arange(12.0).reshape(3, 4).requires_grad_()
d0 = x.diagonal()
d1 = x.diagonal(offset=1)
dm = torch.diagonal(x, offset=-1)
print(d0, d1, dm, d0.stride(), d1.storage_offset(), dm.storage_offset(), d0.is_contiguous())
(d0.sum() + (d1 * 2).sum() + (dm * 3).sum()).backward()
print(x.grad, d0.grad_fn.name())
b = torch.arange(24.0).reshape(2, 3, 4)
print(b.diagonal(dim1=-2, dim2=-1), b.diagonal(0, 0, 2).shape, torch.diag_embed(torch.tensor([[1.0, 2.0], [3.0, 4.0]])).shape)
y = torch.zeros(3, 3)
y.diagonal().copy_(torch.tensor([1.0, 2.0, 3.0]))
y.diagonal(1).fill_(-1)
y.fill_diagonal_(9)
print(y, torch.diag(y, 1), torch.diag(torch.tensor([1, 2]), -1))
e = torch.eye(3, requires_grad=True) * 1
e.diagonal().mul_(torch.tensor([2.0, 3.0, 4.0]))
print(e, e.grad_fn.name())

# %% idx_empty_and_zero_d_indexing strict
import torch

x = torch.arange(12.0).reshape(3, 4)
empty = torch.tensor([], dtype=torch.int64)
print(x[empty].shape, x[:, empty].shape, x.index_select(0, empty).shape, x.gather(1, torch.zeros(3, 0, dtype=torch.int64)).shape)
print(x[x > 100].shape, x[torch.zeros(3, dtype=torch.bool)].shape, torch.take(x, empty), x.nonzero()[:0].shape)
y = x.clone()
y[empty] = 5.0
y[x > 100] = torch.tensor(1.0)
y.index_add_(0, empty, torch.zeros(0, 4))
print(torch.equal(x, y), y.scatter(0, torch.zeros(0, 4, dtype=torch.int64), 1.0).equal(x))
s = torch.tensor(7.0)
print(s[None], s[...], s[None, None].shape, s[()], s[...].shape, s[torch.tensor(True)].shape, s.view(1), s.reshape(-1), s.flatten(), s.unsqueeze(0))
print(s.expand(3), s.expand(2, 2), s.repeat(3), s.index_select(0, torch.tensor([0])), s.masked_fill(torch.tensor(True), 1.0))
t = torch.tensor(3.0)
t[...] = 4
t[()] += 1
print(t, t.item(), s.gather(0, torch.tensor(0)), torch.tensor(5).nonzero(as_tuple=True))
for fn in (lambda: s[0], lambda: s.index_select(0, torch.tensor([1])), lambda: s.view(2), lambda: s.squeeze(1)):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, str(e)[str(e).find("Dimension"):] if "Dimension" in str(e) else e)

# %% idx_view_inference_errors strict
import torch

x = torch.arange(24.0)
print(x.view(-1, 6).shape, x.view(2, -1, 4).shape, x.view(0, -1).shape if False else x.view(4, 3, -1).shape, x.reshape(-1).shape, x.view(1, -1, 1).shape)
print(x.view(torch.int32).shape, x.view(torch.float64).shape, x.view(2, 3, 4).view(-1, 4)[-1], x.view_as(torch.zeros(4, 6)).shape)
for fn in (lambda: x.view(5, -1), lambda: x.view(-1, 0), lambda: x.view(-2, 12), lambda: x.reshape(7, -1), lambda: x.view(2, 3, 5),
           lambda: x.view(-1, -1, 2), lambda: x.view(torch.float64, 2), lambda: torch.arange(3.0).view(torch.float64)):
    try:
        print(fn().shape)
    except Exception as e:
        print(type(e).__name__, e)
e = torch.zeros(0, 3)
print(e.view(-1).shape, e.reshape(3, 0).shape, e.view(0, 5, 0).shape if False else e.view(3, -1, 0).shape if False else e.reshape(0, -1).shape if False else e.view(0, 3).shape)

# %% idx_take_along_dim_broadcast
import torch

x = torch.tensor([[10.0, 30.0, 20.0], [60.0, 40.0, 50.0]], requires_grad=True)
i = torch.tensor([[2], [0]])
print(torch.take_along_dim(x, i, dim=1), torch.take_along_dim(x, torch.tensor([[1, 0, 1]]), dim=0), torch.take_along_dim(x, torch.tensor([[0], [1]]), dim=-1))
srt = torch.take_along_dim(x, x.argsort(dim=1, descending=True), dim=1)
mx = torch.take_along_dim(x, x.argmax(0, keepdim=True), 0)
(srt * torch.tensor([3.0, 2.0, 1.0])).sum().backward(retain_graph=True)
print(srt, x.grad)
x.grad = None
mx.sum().backward()
print(mx, x.grad)
b = torch.arange(24.0).reshape(2, 3, 4)
print(torch.take_along_dim(b, torch.tensor([[[0], [3], [1]]]), dim=2).shape, torch.take_along_dim(b, torch.tensor([[[1]]]), dim=0).shape)
try:
    torch.take_along_dim(x, torch.tensor([0, 1]), dim=1)
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.take_along_dim(x, torch.tensor([[0.0]]), dim=1)
except Exception as e:
    print(type(e).__name__, e)
