# Reductions, sorting and scatter: dim tuples/negative dims/dim=(), empty tensors, ties, NaN, int dtypes,
# tie-gradient distribution rules, interpolation modes, scatter_reduce/index_reduce options, error messages.

# %% rs_sum_dim_tuple_negative_keepdim strict
import torch

x = torch.arange(24.0).reshape(2, 3, 4)
print(x.sum(dim=(0, -1)), x.sum((-1, -3), keepdim=True).shape, x.mean(dim=[1, 2]))
print(x.sum(dim=()), x.sum(dim=()).shape, x.sum(dim=None), x.mean(()).shape)
print(x.amax(dim=(0, 2)), x.amin(dim=(-2, -1), keepdim=True).shape, x.amax(()).shape)
print(x.prod(-1), x.std(dim=(0, 1)), x.var(dim=(-1,), keepdim=True).shape)
print(torch.logsumexp(x, dim=(1, 2)), torch.logsumexp(x, dim=-1, keepdim=True).shape)
print(x.count_nonzero(dim=(0, 1)), x.count_nonzero(), x.nansum(dim=(0, 2)))
try:
    x.sum(dim=(0, 0))
except Exception as e:
    print(type(e).__name__, e)
try:
    x.sum(dim=3)
except Exception as e:
    print(type(e).__name__, e)
try:
    x.amax(dim=(1, -2))
except Exception as e:
    print(type(e).__name__, e)

# %% rs_empty_reductions_identities strict
import torch

e = torch.empty(0, 3)
print(e.sum(), e.sum(0), e.prod(0), e.mean(), e.mean(0), e.sum(1).shape)
print(e.amax(1).shape, e.count_nonzero(0), e.all(), e.any(), e.all(0), e.any(1).shape)
print(torch.logsumexp(e, 0), e.nansum(0), e.std(0), e.var())
for name, fn in [("max", lambda: e.max()), ("max0", lambda: e.max(0)), ("amax0", lambda: e.amax(0)),
                 ("argmax", lambda: e.argmax()), ("min0", lambda: e.min(dim=0)), ("median", lambda: e.median()),
                 ("aminmax", lambda: e.aminmax()), ("kth", lambda: e.kthvalue(1, 0)), ("mode0", lambda: e.mode(0)),
                 ("max1", lambda: e.max(1)), ("argmin1", lambda: e.argmin(1)), ("amin1", lambda: e.amin(1))]:
    try:
        r = fn()
        print(name, r)
    except Exception as ex:
        print(name, type(ex).__name__, ex)

# %% rs_int_dtype_reductions strict
import torch

a = torch.tensor([[3, -1, 4], [1, -5, 9]], dtype=torch.int32)
print(a.sum(), a.sum().dtype, a.sum(0, dtype=torch.int8), a.prod(1), a.prod(1).dtype)
print(a.cumsum(0), a.cumsum(0).dtype, a.cumprod(1).dtype, a.max(1), a.amin(0), a.argmax())
b = torch.tensor([True, False, True, True])
print(b.sum(), b.sum().dtype, b.cumsum(0), b.prod(), b.any(), b.all(), b.max())
try:
    b.argmax()
except Exception as e:
    print(type(e).__name__, e)
u = torch.tensor([200, 100], dtype=torch.uint8)
print(u.sum(), u.sum().dtype, u.cumsum(0).dtype, u.max(), u.prod().dtype)
for fn in [lambda: a.mean(), lambda: a.std(), lambda: a.var(0), lambda: torch.logsumexp(a, 0), lambda: a.nanmean()]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)
print(a.mean(dtype=torch.float32), a.float().mean(1), a.median(), a.nanmedian(), torch.mode(a.flatten()))
print(a.all(), a.any(0), a.all(dim=1), a.all(dim=1).dtype, u.all(), u.any().dtype)

# %% rs_nan_propagation_reductions strict
import torch

n = float("nan")
x = torch.tensor([[1.0, n, 3.0], [4.0, 5.0, -1.0]])
print(x.max(), x.min(), x.amax(1), x.amin(0), x.max(1), x.min(dim=1))
print(x.argmax(1), x.argmin(1), x.aminmax(dim=1), x.sum(1), x.mean(0))
print(x.median(1), x.nanmedian(1), x.nanmean(1), x.nansum(0), torch.logsumexp(x, 1))
print(x.sort(1), x.sort(1, descending=True), x.argsort(0), x.topk(2, 1))
print(x.cummax(1), x.cummin(1), x.cumsum(1), torch.maximum(x[0], x[1]), torch.fmax(x[0], x[1]))
print(x.clamp(0, 2), x.kthvalue(3, 1), x.msort(), x.unique())

# %% rs_max_min_tie_indices strict
import torch

x = torch.tensor([[2.0, 5.0, 5.0, 1.0], [7.0, 7.0, 7.0, 0.0], [1.0, 1.0, 3.0, 3.0]])
print(x.max(1), x.min(1), x.argmax(1), x.argmin(1), x.argmax(), x.argmin())
print(x.max(0), x.min(0), torch.max(x, 1, keepdim=True))
i = torch.tensor([3, 1, 3, 2, 1, 3, 1])
print(i.max(0), i.argmax(), i.argmin(), i.min(0))

# %% rs_max_amax_tie_grads strict
import torch

x = torch.tensor([[2.0, 5.0, 5.0, 1.0], [7.0, 7.0, 7.0, 0.0]], requires_grad=True)
x.amax(1).sum().backward()
print(x.grad)
x.grad = None
x.max(1).values.sum().backward()
print(x.grad)
x.grad = None
x.max().backward()
print(x.grad)
x.grad = None
x.amin(dim=(0, 1)).backward()
print(x.grad)
x.grad = None
torch.max(x[0], x[1]).sum().backward()
print(x.grad)
y = torch.tensor([3.0, 3.0, 1.0], requires_grad=True)
y.min().backward()
print(y.grad)
y.grad = None
torch.aminmax(y).max.backward()
print(y.grad)

# %% rs_median_mode_ties_grads strict
import torch

x = torch.tensor([4.0, 1.0, 3.0, 2.0], requires_grad=True)
m = x.median()
m.backward()
print(m, x.grad)
x.grad = None
q = x.nanmedian()
q.backward()
print(q, x.grad)
y = torch.tensor([[1.0, 2.0, 2.0, 3.0, 2.0], [5.0, 5.0, 1.0, 1.0, 9.0]])
v = y.mode(1)
print(v.values, torch.mode(y, dim=0).values, y.median(1).values, y.median(0).values)
z = torch.tensor([[5.0, 5.0, 5.0, 2.0]], requires_grad=True)
z.median(1).values.sum().backward()
print(z.grad.sum(), z.grad[0, 3])
print(torch.median(torch.tensor([7])), torch.tensor([1, 2, 3, 4]).median(), torch.tensor([[9.0]]).mode())

# %% rs_kthvalue_topk_options strict
import torch

x = torch.tensor([[3.0, 1.0, 4.0, 1.5, 5.0, 9.0], [2.0, 6.0, 5.0, 3.0, 5.5, 8.0]])
print(x.kthvalue(2), x.kthvalue(1, dim=0), x.kthvalue(6, 1, keepdim=True))
print(x.topk(3), x.topk(3, largest=False), x.topk(2, dim=0), x.topk(0, 1))
t = x.topk(4, dim=1, sorted=True)
print(t.values, t.indices, x.topk(6, 1).values)
for fn in [lambda: x.topk(7), lambda: x.kthvalue(0), lambda: x.kthvalue(7), lambda: x.topk(-1), lambda: x.topk(1, dim=2)]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_sort_stable_descending_argsort strict
import torch

x = torch.tensor([2, 1, 2, 0, 1, 2, 0])
s = torch.sort(x, stable=True)
print(s.values, s.indices)
print(torch.sort(x, descending=True, stable=True).indices, torch.argsort(x, stable=True, descending=True))
f = torch.tensor([[0.5, -1.0, 0.5], [3.0, 3.0, -2.0]])
print(f.sort(dim=0, stable=True), f.argsort(dim=-1, stable=True), f.msort(), torch.msort(f.T))
print(torch.tensor([3.0]).sort(), torch.tensor(5.0).sort(), torch.tensor(5.0).argsort(), torch.empty(0).sort())
b = torch.tensor([True, False, True])
print(b.sort(stable=True), torch.tensor([-0.0, 0.0, -0.0]).sort(stable=True).indices)
try:
    f.sort(dim=2)
except Exception as e:
    print(type(e).__name__, e)

# %% rs_sort_gather_grad_roundtrip strict
import torch

x = torch.tensor([[0.3, -1.2, 2.5], [1.1, 0.0, -0.4]], requires_grad=True)
v, i = x.sort(1, descending=True)
(v * torch.tensor([3.0, 2.0, 1.0])).sum().backward()
print(v.grad_fn.name(), i.dtype, x.grad)
x.grad = None
r = x.argsort(0)
g = x.gather(0, r)
(g * torch.tensor([[1.0], [10.0]])).sum().backward()
print(g, g.grad_fn.name(), x.grad)
x.grad = None
t = x.topk(2, dim=1, largest=False)
t.values.pow(2).sum().backward()
print(t.values.grad_fn.name(), x.grad)

# %% rs_quantile_interpolation_modes_dims rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([[1.0, 7.0, 3.0, 4.0, 10.0], [2.0, -1.0, 0.5, 8.0, 6.0]])
q = torch.tensor([0.0, 0.1, 0.35, 0.5, 0.9, 1.0])
for mode in ["linear", "lower", "higher", "midpoint", "nearest"]:
    print(mode, torch.quantile(x, q, dim=1, interpolation=mode), x.quantile(0.3, dim=0, interpolation=mode))
print(torch.quantile(x, q).shape, torch.quantile(x, q, dim=0, keepdim=True).shape, x.quantile(0.5, 1, True).shape)
print(torch.quantile(x, 0.5), torch.quantile(x.flatten(), torch.tensor(0.25)), torch.quantile(torch.tensor([2.5]), q))
print(torch.tensor([0.0, 1.0, 2.0, 3.0]).quantile(torch.tensor([0.5, 0.1666]), interpolation="nearest"))
for fn in [lambda: x.quantile(1.5), lambda: x.quantile(torch.tensor([[0.5]])), lambda: x.long().quantile(0.5),
           lambda: x.quantile(0.5, interpolation="cubic"), lambda: x.quantile(torch.tensor([0.2, -0.1])),
           lambda: x.quantile(0.5, dim=2), lambda: torch.empty(0).quantile(0.5), lambda: x.quantile(torch.tensor([0.5], dtype=torch.float64)),
           lambda: torch.empty(2, 0).quantile(0.5, dim=0), lambda: x.quantile(float("nan")),
           lambda: x.quantile(torch.tensor([1.5]), dim=3), lambda: x.long().quantile(0.5, interpolation="x")]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_nanquantile_and_quantile_nan rtol=1e-5 atol=1e-6
import torch

n = float("nan")
x = torch.tensor([[n, 1.0, 2.0, 3.0], [n, n, n, n], [4.0, n, 0.0, 8.0]])
print(torch.quantile(x, 0.5, dim=1), torch.nanquantile(x, 0.5, dim=1))
for mode in ["linear", "lower", "higher", "midpoint", "nearest"]:
    print(mode, torch.nanquantile(x, torch.tensor([0.25, 0.75]), dim=1, interpolation=mode))
print(x.nanquantile(0.5), x.quantile(0.5), x.nanquantile(0.4, dim=0, keepdim=True))
y = torch.tensor([3.0, n, 1.0, 2.0], requires_grad=True)
r = torch.nanquantile(y, torch.tensor([0.3, 0.8]))
r.sum().backward()
print(r.detach(), y.grad)

# %% rs_std_var_mean_dims_unbiased rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([[1.0, 2.0, 4.0], [3.0, 9.0, -2.0]])
print(torch.std_mean(x), torch.var_mean(x, dim=1), torch.std_mean(x, dim=(0, 1), keepdim=True))
print(torch.var_mean(x, 0, unbiased=False), torch.std_mean(x, dim=-1, correction=0), torch.var(x, 1, False))
print(torch.var_mean(x, dim=None, correction=2), x.std(unbiased=True), x.var(dim=0, correction=3))
one = torch.tensor([5.0])
print(one.std(), one.var(correction=0), torch.std_mean(one), torch.tensor(2.0).var())
x.requires_grad_(True)
s, m = torch.std_mean(x, dim=1)
(s * 2 + m).sum().backward()
print(s.grad_fn.name(), x.grad)
c = torch.tensor([3.0, 3.0, 3.0], requires_grad=True)
c.std().backward()
print(c.grad)

# %% rs_logsumexp_inf_aminmax_all_any_dims strict
import torch

inf = float("inf")
x = torch.tensor([[-inf, -inf, 0.0], [inf, 1.0, 2.0], [-inf, -inf, -inf]])
print(torch.logsumexp(x, 1), torch.logsumexp(x, dim=(0, 1)), torch.logsumexp(torch.tensor([1, 2, 3]), 0))
a = torch.tensor([[[1.0, -2.0], [0.5, 7.0]], [[3.0, 3.0], [-4.0, 0.0]]])
print(torch.aminmax(a), torch.aminmax(a, dim=-1), torch.aminmax(a, dim=0, keepdim=True))
m = a > 0
print(m.all(dim=(0, 2)), m.any(dim=(-1, -2)), m.all(dim=(1,), keepdim=True).shape, torch.all(m, 1), torch.any(a, dim=0))
print(a.all(dim=()), torch.tensor([]).all(), torch.tensor([]).any(), torch.tensor(0.0).any(), torch.tensor(2).all(0))
try:
    torch.aminmax(a, dim=3)
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.aminmax(torch.tensor([True, False]))
except Exception as e:
    print(type(e).__name__, e)

# %% rs_unique_sorted_inverse_counts_dim strict
import torch

x = torch.tensor([3, 1, 2, 3, 1, 5, 1])
print(torch.unique(x), torch.unique(x, return_inverse=True), torch.unique(x, return_counts=True))
u, inv, cnt = torch.unique(x, sorted=True, return_inverse=True, return_counts=True)
print(u[inv], cnt.sum(), u.dtype, inv.dtype, cnt.dtype)
m = torch.tensor([[1, 2], [3, 4], [1, 2], [0, 9], [3, 4]])
print(torch.unique(m, dim=0, return_inverse=True, return_counts=True), torch.unique(m, dim=1))
print(torch.unique(m.float().t(), dim=1), torch.unique(torch.tensor([[2.0, 1.0], [2.0, 1.0]]), return_counts=True))
f = torch.tensor([0.5, -0.0, 0.0, float("nan"), 0.5, float("nan")])
print(torch.unique(f, return_counts=True), torch.unique(torch.tensor([True, False, True])))
print(torch.unique(torch.tensor([], dtype=torch.int64), return_inverse=True, return_counts=True))
print(torch.unique(torch.tensor(7)), torch.unique(torch.tensor(7), return_inverse=True))
try:
    torch.unique(m, dim=2)
except Exception as e:
    print(type(e).__name__, e)

# %% rs_unique_consecutive_options strict
import torch

x = torch.tensor([1, 1, 2, 2, 3, 1, 1, 2])
print(torch.unique_consecutive(x), torch.unique_consecutive(x, return_inverse=True, return_counts=True))
m = torch.tensor([[1, 1, 2, 2], [3, 3, 4, 5]])
print(torch.unique_consecutive(m, dim=1, return_counts=True), torch.unique_consecutive(m, dim=0))
print(torch.unique_consecutive(m), x.unique_consecutive(return_counts=True).__class__.__name__)
print(torch.unique_consecutive(torch.tensor([2.0, 2.0, float("nan"), float("nan")]), return_counts=True))
print(torch.unique_consecutive(torch.tensor([], dtype=torch.float32), return_counts=True))

# %% rs_bincount_histc_edges strict
import torch

x = torch.tensor([0, 3, 1, 3, 3, 7])
w = torch.tensor([0.5, 1.0, 2.0, 0.25, 0.25, 4.0])
print(torch.bincount(x), torch.bincount(x, minlength=10), torch.bincount(x, weights=w), torch.bincount(x, w, 3))
print(torch.bincount(x, weights=w.double()).dtype, torch.bincount(x, weights=torch.tensor([1, 2, 3, 4, 5, 6])).dtype)
print(torch.bincount(torch.tensor([], dtype=torch.int64)), torch.bincount(torch.tensor([], dtype=torch.int64), minlength=3))
for fn in [lambda: torch.bincount(torch.tensor([1, -1])), lambda: torch.bincount(torch.tensor([1.0, 2.0])),
           lambda: torch.bincount(torch.tensor([[1, 2]])), lambda: torch.bincount(x, weights=w[:3]),
           lambda: torch.bincount(x, minlength=-1)]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)
h = torch.tensor([1.0, 2.0, 1.0, 2.5, 4.0, -1.0, 9.0])
print(torch.histc(h, bins=4), torch.histc(h, bins=4, min=0, max=3), torch.histc(h, 3, 5, 5))
print(torch.histc(torch.tensor([2.0, 2.0, 2.0]), bins=4), torch.histc(h.double(), bins=2).dtype)
for fn in [lambda: torch.histc(h, bins=0), lambda: torch.histc(h, bins=3, min=4, max=1), lambda: torch.histc(h.long()),
           lambda: torch.histc(h, bins=2, min=1, max=float("inf")), lambda: torch.histc(torch.tensor([1.0, float("inf")]))]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_histogram_bins_tensor_weights rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([0.5, 1.5, 1.5, 2.0, 3.9, 4.0, -1.0])
h = torch.histogram(x, bins=4)
print(h.hist, h.bin_edges, type(h).__name__)
print(torch.histogram(x, bins=torch.tensor([0.0, 1.0, 2.0, 4.0])), torch.histogram(x, 3, range=(0.0, 3.0)))
print(torch.histogram(x, bins=4, weight=torch.arange(7.0), density=True))
print(torch.histogram(x, torch.tensor([-1.0, 0.0, 4.0]), density=True).hist, torch.histogram(x.double(), 2).hist.dtype)
for fn in [lambda: torch.histogram(x, bins=torch.tensor([2.0, 1.0])), lambda: torch.histogram(x.long(), 3),
           lambda: torch.histogram(x, 3, weight=torch.ones(3)), lambda: torch.histogram(x, 2, range=(3.0, 1.0)),
           lambda: torch.histogram(x, torch.tensor([0.0, 1.0], dtype=torch.float64)), lambda: torch.histogram(x, torch.ones(2, 2)),
           lambda: torch.histogram(x, 2, range=(0.0, float("inf"))), lambda: torch.histogram(x, 2, weight=x.double())]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_bucketize_searchsorted_edges strict
import torch

b = torch.tensor([1.0, 3.0, 3.0, 5.0])
v = torch.tensor([[0.0, 1.0, 3.0], [4.0, 5.0, 6.0]])
print(torch.bucketize(v, b), torch.bucketize(v, b, right=True), torch.bucketize(v, b, out_int32=True).dtype)
print(torch.searchsorted(b, v), torch.searchsorted(b, v, side="right"), torch.searchsorted(b, 3.0), torch.searchsorted(b, 3, right=True))
seq = torch.tensor([[1, 3, 5, 7], [2, 4, 6, 8]])
print(torch.searchsorted(seq, torch.tensor([[3, 6], [1, 9]]), right=True), torch.bucketize(torch.tensor(4), b))
uns = torch.tensor([5.0, 1.0, 3.0])
print(torch.searchsorted(uns, torch.tensor([2.0, 5.0]), sorter=torch.argsort(uns)), torch.bucketize(torch.tensor([]), b))
for fn in [lambda: torch.searchsorted(b, v, side="middle"), lambda: torch.searchsorted(b, v, side="left", right=True),
           lambda: torch.searchsorted(seq, torch.tensor([1, 2, 3])), lambda: torch.bucketize(v, v),
           lambda: torch.searchsorted(uns, torch.tensor([2.0]), sorter=torch.tensor([0, 1]))]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_scatter_reduce_all_modes_include_self strict
import torch

src = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
idx = torch.tensor([0, 1, 0, 1, 2, 1])
base = torch.tensor([10.0, 20.0, 30.0, 40.0])
for red in ["sum", "prod", "mean", "amax", "amin"]:
    print(red, base.scatter_reduce(0, idx, src, reduce=red), base.scatter_reduce(0, idx, src, red, include_self=False))
i = torch.tensor([2, 0, 2, 2])
ints = torch.tensor([7, 8, 9, 10])
print(torch.zeros(3, dtype=torch.int64).scatter_reduce(0, i, ints, "mean"), torch.ones(3, dtype=torch.int64).scatter_reduce(0, i, ints, "mean", include_self=False))
m = torch.zeros(2, 3)
print(m.scatter_reduce(1, torch.tensor([[0, 0, 2], [1, 1, 1]]), torch.tensor([[1.0, 5.0, 2.0], [3.0, -1.0, 4.0]]), "amax", include_self=False))
for fn in [lambda: base.scatter_reduce(0, idx, src, "max"), lambda: base.scatter_reduce(0, idx.float(), src, "sum"),
           lambda: base.scatter_reduce(0, torch.tensor([5]), src, "sum"), lambda: base.scatter_reduce(1, idx, src, "sum"),
           lambda: base.scatter_reduce(0, idx, src.long(), "sum")]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_scatter_reduce_grads rtol=1e-5 atol=1e-6
import torch

idx = torch.tensor([0, 1, 0, 1, 2, 1])
for red in ["sum", "mean", "amax", "amin", "prod"]:
    for inc in [True, False]:
        src = torch.tensor([1.0, 2.0, 3.0, 2.0, 5.0, 0.5], requires_grad=True)
        base = torch.tensor([3.0, 2.0, 1.0, 4.0], requires_grad=True)
        out = base.scatter_reduce(0, idx, src, red, include_self=inc)
        (out * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
        print(red, inc, out.grad_fn.name(), out.detach(), src.grad, base.grad)

# %% rs_scatter_scatter_add_value_reduce strict
import torch

x = torch.zeros(3, 4)
idx = torch.tensor([[0, 1, 2, 0], [2, 0, 0, 1]])
src = torch.arange(1.0, 9.0).view(2, 4)
print(x.scatter(0, idx, src), x.scatter(1, idx, 7.5), x.scatter_add(0, idx, src), torch.scatter(x, 0, idx, -1.0))
print(x.scatter(0, idx, src, reduce="add"), torch.ones(3, 4).scatter(0, idx, 2.0, reduce="multiply"))
y = torch.zeros(3, 4)
y.scatter_(1, torch.tensor([[3], [0], [1]]), 1.0)
print(y, torch.zeros(2, 5).scatter_add_(1, torch.tensor([[0, 0, 4]]), torch.ones(1, 3)))
small = torch.tensor([[0], [2]])
print(x.scatter(0, small, src), x.scatter_add(1, small, src))
for fn in [lambda: x.scatter(0, idx, src, reduce="mean"), lambda: x.scatter(0, idx.int(), src),
           lambda: x.scatter(0, torch.tensor([[3]]), src), lambda: x.scatter_add(0, torch.zeros(5, 4, dtype=torch.long), src),
           lambda: x.scatter(0, idx, src.double()), lambda: x.scatter(2, idx, src), lambda: x.scatter(0, torch.tensor([0, 1]), src)]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_index_family_errors_and_negative_dims strict
import torch

x = torch.zeros(3, 4)
print(x.index_add(-1, torch.tensor([0, 0, 3]), torch.ones(3, 3), alpha=2), x.index_fill(-2, torch.tensor([2, 0]), 5))
print(x.index_copy(-1, torch.tensor([1, 2]), torch.arange(6.0).view(3, 2)), torch.index_select(x + 1, -1, torch.tensor([3, 3])))
print(torch.arange(5).index_add(0, torch.tensor([4, 4]), torch.tensor([10, 20])), torch.tensor(1.0).index_fill(0, torch.tensor([0]), 9))
for fn in [lambda: x.index_add(0, torch.tensor([3]), torch.ones(1, 4)), lambda: x.index_add(0, torch.tensor([0.0]), torch.ones(1, 4)),
           lambda: x.index_add(0, torch.tensor([0, 1]), torch.ones(1, 4)), lambda: x.index_copy(1, torch.tensor([[0]]), torch.ones(3, 1)),
           lambda: x.index_fill(0, torch.tensor([-4]), 1.0), lambda: x.index_select(0, torch.tensor([5])),
           lambda: x.index_add(0, torch.tensor([0]), torch.ones(1, 4, dtype=torch.float64)), lambda: x.index_select(2, torch.tensor([0])),
           lambda: x.index_reduce(0, torch.tensor([0]), torch.ones(1, 4), "max")]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_index_add_copy_fill_grads rtol=1e-6
import torch

x = torch.ones(4, 2, requires_grad=True)
s = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], requires_grad=True)
idx = torch.tensor([2, 0, 2])
w = torch.arange(8.0).view(4, 2)
out = x.index_add(0, idx, s, alpha=-0.5)
(out * w).sum().backward()
print(out.grad_fn.name(), x.grad, s.grad)
x.grad = None
s.grad = None
out = x.index_copy(0, torch.tensor([3, 1, 0]), s)
(out * w).sum().backward()
print(out.grad_fn.name(), x.grad, s.grad)
x.grad = None
v = torch.tensor(2.5, requires_grad=True)
out = x.index_fill(1, torch.tensor([1]), v)
(out * w).sum().backward()
print(out.grad_fn.name(), x.grad, v.grad)
x.grad = None
out = x.index_select(0, torch.tensor([1, 1, 3]))
(out * torch.arange(6.0).view(3, 2)).sum().backward()
print(out.grad_fn.name(), x.grad)

# %% rs_gather_take_along_errors strict
import torch

x = torch.arange(12.0).view(3, 4)
print(torch.gather(x, -1, torch.tensor([[3, 0], [1, 1], [2, 3]])), x.gather(0, torch.tensor([[2, 1, 0, 2]])))
print(x.gather(1, torch.zeros(2, 1, dtype=torch.long)), x.gather(0, torch.empty(0, 4, dtype=torch.long)).shape)
print(torch.take(x, torch.tensor([[-1, 0], [5, -12]])), torch.take_along_dim(x, torch.tensor([[1], [0], [3]]), dim=-1))
print(torch.take_along_dim(x, torch.argmax(x, 1, keepdim=True), 1), torch.take_along_dim(x, torch.tensor([11, 0])))
for fn in [lambda: x.gather(1, torch.tensor([[4]])), lambda: x.gather(1, torch.tensor([[0.0]])), lambda: x.gather(1, torch.tensor([0, 1])),
           lambda: x.gather(0, torch.zeros(4, 1, dtype=torch.long)), lambda: torch.take(x, torch.tensor([12])),
           lambda: torch.take(x, torch.tensor([-13])), lambda: torch.take_along_dim(x, torch.tensor([[0]]).float(), 1),
           lambda: x.gather(2, torch.tensor([[0]])), lambda: torch.take_along_dim(x, torch.tensor([[[0]]]), 1)]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_gather_take_grads_duplicates rtol=1e-6
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
g = x.gather(1, torch.tensor([[0, 0, 2], [1, 1, 1]]))
(g * torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])).sum().backward()
print(g, g.grad_fn.name(), x.grad)
x.grad = None
t = torch.take(x, torch.tensor([5, 5, 0, -1]))
t.sum().backward()
print(t, t.grad_fn.name(), x.grad)
x.grad = None
a = torch.take_along_dim(x, torch.tensor([[2], [2]]), dim=1)
(a * 3).sum().backward()
print(a.grad_fn.name(), x.grad)

# %% rs_masked_select_scatter_broadcast_errors strict
import torch

x = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])
mask = x > 0
print(x.masked_select(mask), torch.masked_select(x, torch.tensor([True, False, True])), x.masked_select(torch.tensor(True)).shape)
src = torch.arange(10.0, 16.0).view(2, 3)
print(x.masked_scatter(mask, src), x.masked_scatter(torch.tensor([False, True, True]), src), x.masked_fill(~mask, 0.0))
print(torch.masked_select(torch.tensor(2.0), torch.tensor([True, True])), x.masked_select(torch.zeros(2, 3, dtype=torch.bool)))
for fn in [lambda: x.masked_select(mask.float()), lambda: x.masked_scatter(mask, torch.ones(2)), lambda: x.masked_select(torch.ones(3, 3, dtype=torch.bool)),
           lambda: x.masked_scatter(mask.int(), src), lambda: x.masked_fill(mask, torch.tensor([1.0, 2.0])), lambda: x.masked_scatter(mask, src.double())]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_masked_select_scatter_grads rtol=1e-6
import torch

x = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]], requires_grad=True)
mask = torch.tensor([[True, False, True], [False, True, False]])
sel = x.masked_select(mask)
(sel * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(sel, sel.grad_fn.name(), x.grad)
x.grad = None
src = torch.arange(1.0, 7.0, requires_grad=True)
out = x.masked_scatter(mask, src)
(out * torch.arange(6.0).view(2, 3)).sum().backward()
print(out.grad_fn.name(), x.grad, src.grad)
x.grad = None
out = x.masked_fill(mask, 0.0)
out.pow(2).sum().backward()
print(out.grad_fn.name(), x.grad)

# %% rs_cumulative_grads_negative_dim rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([[0.5, -1.0, 2.0, 0.0], [1.5, 3.0, -0.5, 2.0]], requires_grad=True)
w = torch.tensor([[1.0, 2.0, 3.0, 4.0], [-1.0, 0.5, 2.0, 1.0]])
for name in ["cumsum", "cumprod", "logcumsumexp"]:
    x.grad = None
    out = getattr(torch, name)(x, dim=-1)
    (out * w).sum().backward()
    print(name, out.grad_fn.name(), out.detach(), x.grad)
for name in ["cummax", "cummin"]:
    x.grad = None
    v, i = getattr(torch, name)(x, -2)
    (v * w).sum().backward()
    print(name, v.grad_fn.name(), v.detach(), i, x.grad)
print(x.cumsum(0, dtype=torch.float64).dtype, torch.cumsum(torch.tensor([True, True, False]), 0), torch.tensor(3.0).cumsum(0))
for fn in [lambda: x.cumsum(2), lambda: torch.cummax(x, 5), lambda: torch.logcumsumexp(torch.tensor([1, 2]), 0)]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_cumprod_zeros_and_cummax_ties_grads rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([2.0, 0.0, 3.0, 0.0, 4.0], requires_grad=True)
torch.cumprod(x, 0).sum().backward()
print(x.grad)
y = torch.tensor([1.0, 3.0, 3.0, 2.0, 3.0, 5.0], requires_grad=True)
v, i = y.cummax(0)
v.sum().backward()
print(v.detach(), i, y.grad)
z = torch.tensor([4.0, 4.0, 1.0, 1.0, 2.0], requires_grad=True)
v, i = z.cummin(0)
(v * torch.arange(1.0, 6.0)).sum().backward()
print(v.detach(), i, z.grad)
n = torch.tensor([1.0, float("nan"), 0.5, 3.0])
print(n.cummax(0), n.cummin(0), n.cumsum(0), torch.logcumsumexp(torch.tensor([-float("inf"), 0.0, float("inf")]), 0))

# %% rs_diff_grads_and_errors rtol=1e-6
import torch

x = torch.tensor([[1.0, 4.0, 9.0, 16.0], [2.0, 3.0, 5.0, 7.0]], requires_grad=True)
d = torch.diff(x, n=2, dim=-1, prepend=torch.zeros(2, 1), append=torch.ones(2, 2))
(d * torch.arange(10.0).view(2, 5)).sum().backward()
print(d, x.grad)
print(torch.diff(x.detach(), n=5), torch.diff(x.detach(), n=0), torch.diff(torch.tensor([True, False, False, True])))
print(torch.diff(torch.tensor([5, 1, 7], dtype=torch.uint8)), torch.diff(x.detach(), dim=0, append=x.detach()[:1]))
for fn in [lambda: torch.diff(torch.tensor(1.0)), lambda: torch.diff(x, n=-1), lambda: torch.diff(x, prepend=torch.zeros(3)),
           lambda: torch.diff(x, dim=2), lambda: torch.diff(x, append=torch.zeros(3, 1)), lambda: torch.diff(x, prepend=torch.tensor(1.0)),
           lambda: torch.diff(x, n=-1, dim=3), lambda: torch.diff(x, dim=3, prepend=torch.ones(3))]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_flip_roll_grads_and_errors strict
import torch

x = torch.arange(12.0).view(3, 4).requires_grad_()
w = torch.arange(12.0).view(3, 4) ** 2
f = x.flip(0, 1)
(f * w).sum().backward()
print(f.grad_fn.name(), x.grad)
x.grad = None
r = x.roll(shifts=(1, -3), dims=(-2, 1))
(r * w).sum().backward()
print(r, r.grad_fn.name(), x.grad)
x.grad = None
r = torch.roll(x, 5)
(r * w).sum().backward()
print(r.grad_fn.name(), x.grad)
print(torch.fliplr(x.detach()), torch.flipud(x.detach()), x.detach().flip([]), torch.roll(torch.tensor([]), 3), x.detach().roll(0, 0))
for fn in [lambda: x.flip(2), lambda: x.flip(0, 0), lambda: x.roll(1, 2), lambda: x.roll((1, 2), (0,)), lambda: torch.fliplr(torch.ones(3))]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_scalar_tensor_dim_reductions strict
import torch

s = torch.tensor(3.5)
print(s.sum(0), s.sum(-1, keepdim=True), s.max(0), s.argmax(0), s.mean(dim=(0,)), s.amax(-1), s.prod(0))
print(s.sort(0), s.topk(1), s.kthvalue(1), s.median(0), s.mode(), s.cumsum(-1), s.cummax(0), s.std(0), s.logsumexp(0))
print(s.argmax(keepdim=True), torch.tensor([[1.0, 5.0], [7.0, 2.0]]).argmax(keepdim=True), torch.tensor([[1, 5], [7, 2]]).argmin(dim=None, keepdim=True))
for fn in [lambda: s.sum(1), lambda: s.max(-2), lambda: s.topk(2), lambda: s.kthvalue(2), lambda: s.gather(0, torch.tensor([1]))]:
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

# %% rs_prod_nan_reduction_grads rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([[2.0, 0.0, 3.0], [0.0, 0.0, 5.0], [1.0, 4.0, -2.0]], requires_grad=True)
x.prod(1).sum().backward()
print(x.grad)
x.grad = None
x.prod().backward()
print(x.grad)
n = float("nan")
y = torch.tensor([[1.0, n, 3.0], [n, n, n]], requires_grad=True)
r = y.nanmean(1)
r.nan_to_num(0.0).sum().backward()
print(r.detach(), y.grad)
y.grad = None
z = y.nansum(dim=(0, 1))
z.backward()
print(z, y.grad)
y.grad = None
m = y.nanmedian(1)
m.values.nan_to_num(0.0).sum().backward()
print(m, y.grad)

# %% rs_std_var_grads_dim_tuples rtol=1e-5 atol=1e-6
import torch
import warnings

x = torch.tensor([[[1.0, 2.0], [4.0, -1.0]], [[0.5, 3.0], [2.0, 2.0]]], requires_grad=True)
v = x.var(dim=(0, 2), correction=0)
s = x.std(dim=(-1, -3), keepdim=True)
(v.sum() + s.sum() * 2).backward()
print(v.detach(), s.detach(), x.grad)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(torch.tensor([1.0, 2.0]).var(correction=3), torch.tensor([1.0]).std(), torch.tensor([1.0, 2.0, 3.0]).std(dim=0, correction=5))
    print(len(w) > 0, w[0].category.__name__ if w else None)
x.grad = None
lse = torch.logsumexp(x, dim=(0, 1))
lse.sum().backward()
print(lse.detach(), x.grad)

# %% rs_max_elementwise_and_dim_forms strict
import torch

a = torch.tensor([[1.0, 5.0], [7.0, -2.0]])
b = torch.tensor([3.0, 0.0])
print(torch.max(a, b), torch.min(a, b), torch.max(a, dim=0), torch.min(a, 1, True), torch.max(a, -1).indices)
vals, idx = torch.max(a, 1)
r = torch.max(a, 0)
print(vals, idx, r[0], r.values, len(r), isinstance(r, tuple), r.__class__.__name__)
print(torch.max(torch.tensor([1, 2]), torch.tensor([1.5, 0.5])), torch.maximum(torch.tensor([1, 9], dtype=torch.int8), torch.tensor(3)))
vm = torch.empty(2)
im = torch.empty(2, dtype=torch.long)
torch.max(a, 1, out=(vm, im))
print(vm, im, a.max(dim=1, keepdim=True).values.shape)
try:
    torch.max(a, torch.ones(3))
except Exception as e:
    print(type(e).__name__, str(e).startswith("The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1"))
try:
    torch.max(a, 2)
except Exception as e:
    print(type(e).__name__, e)
try:
    a.max(dim=(0, 1))
except TypeError as e:
    print("TypeError")

# %% rs_argsort_msort_int_dtypes_descending strict
import torch

i = torch.tensor([[5, -3, 5, 0], [2, 2, -7, 9]], dtype=torch.int16)
print(i.sort(), i.sort(dim=0, descending=True), i.argsort(dim=1, descending=True, stable=True), torch.msort(i))
u = torch.tensor([200, 3, 255, 0], dtype=torch.uint8)
print(u.sort(descending=True), u.argsort(), u.topk(2), u.max(), u.min(0), u.kthvalue(2))
e = torch.empty(2, 0)
print(e.sort(1), e.argsort(0), e.topk(0, 1), e.msort().shape, e.cumsum(1).shape, e.amax(0).shape)
d = torch.tensor([0.1, -0.0, 0.0, -float("inf"), float("inf")], dtype=torch.float64)
print(d.sort(stable=True), d.argsort(descending=True, stable=True), d.topk(2, largest=False))

# %% rs_unique_dim_float_sorted_false strict
import torch

x = torch.tensor([[1.5, 0.0, 1.5], [2.0, 1.0, 2.0], [1.5, 0.0, 1.5]])
print(torch.unique(x, dim=0), torch.unique(x, dim=1, return_inverse=True), torch.unique(x, dim=-1, return_counts=True))
print(torch.unique(x, sorted=False).sort().values, x.unique(return_counts=True), torch.unique(x.long(), dim=0, sorted=True))
v, inv = torch.unique(torch.tensor([[3, 1], [1, 3]]), return_inverse=True)
print(v, inv, inv.shape, v[inv])
e = torch.empty(0, 3)
print(torch.unique(e, dim=0, return_counts=True), torch.unique(e, return_inverse=True))
try:
    torch.unique(e, dim=1)
except Exception as ex:
    print(type(ex).__name__, ex)
