# Math and special functions with their gradients: torch.special, nan-aware reductions, cumulative ops,
# histograms and binning, combinatorics, distances and pointwise math at the edges of their domains.

# %% special_erf_family rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([-2.0, -0.5, 0.0, 0.3, 1.5], dtype=torch.float64, requires_grad=True)
y = torch.special.erf(x) + torch.special.erfc(x) * 2 + torch.special.erfcx(x) * 0.5
y.sum().backward()
print(torch.special.erf(x).detach(), torch.special.erfc(x).detach())
print(torch.special.erfcx(x).detach())
print(x.grad)
p = torch.tensor([-0.9, -0.2, 0.0, 0.5, 0.99], dtype=torch.float64, requires_grad=True)
z = torch.special.erfinv(p)
z.sum().backward()
print(z.detach(), p.grad)
print(torch.special.erfinv(torch.tensor([1.0, -1.0, 1.5])), torch.special.erf(torch.tensor([float("inf"), float("-inf")])))

# %% special_expit_logit_eps rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([-3.0, 0.0, 0.25, 4.0], dtype=torch.float64, requires_grad=True)
s = torch.special.expit(x)
s.sum().backward()
print(s.detach(), x.grad, torch.special.expit(x).grad_fn)
p = torch.tensor([0.0, 0.01, 0.5, 0.9, 1.0], dtype=torch.float64, requires_grad=True)
l = torch.special.logit(p, eps=0.05)
l.sum().backward()
print(l.detach(), p.grad)
print(torch.special.logit(torch.tensor([0.0, 0.25, 1.0])), torch.logit(torch.tensor([0.2, 0.8]), 1e-6))

# %% special_xlogy_xlog1py rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([0.0, 0.0, 1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
y = torch.tensor([0.0, 2.0, 0.5, 3.0, -0.5], dtype=torch.float64, requires_grad=True)
a = torch.special.xlogy(x, y.clamp(min=0.1))
b = torch.special.xlog1py(x, y)
(a.sum() + b.sum()).backward()
print(a.detach(), b.detach())
print(x.grad, y.grad)
print(torch.special.xlogy(torch.tensor([0.0, 1.0]), torch.tensor([float("nan"), 0.0])), torch.special.xlogy(2, torch.tensor([3.0])))
print(torch.special.xlog1py(torch.tensor([0.0, 2.0]), -1.0), torch.special.xlog1py(torch.tensor([0.0]), torch.tensor([float("nan")])))

# %% special_bessel_i0_i1 rtol=0.0001 atol=1e-05
import torch

x = torch.tensor([0.0, 0.5, 1.0, -2.0, 5.0, 12.0], dtype=torch.float64)
print(torch.special.i0(x), torch.i0(x))
print(torch.special.i0e(x))
print(torch.special.i1(x))
print(torch.special.i1e(x))
xf = torch.tensor([0.0, 1.0, 30.0])
print(torch.special.i0(xf), torch.special.i0e(xf), torch.special.i1e(xf))
xg = torch.tensor([0.5, -1.5, 3.0], dtype=torch.float64, requires_grad=True)
(torch.special.i0(xg) + torch.special.i0e(xg)).sum().backward()
print(xg.grad)

x = torch.tensor([-3.0, -0.5, 0.0, 0.5, 2.0, 40.0], dtype=torch.float64, requires_grad=True)
a = torch.special.i1(x)
b = torch.special.i1e(x)
(a[:5].sum() + b.sum()).backward()
print(a.detach()[:5], b.detach())
print(x.grad)
xf = torch.tensor([0.25, 1.0, 3.0], requires_grad=True)
y = torch.special.i0e(xf) * torch.special.i1(xf)
y.sum().backward()
print(y, xf.grad, torch.special.i1(torch.tensor([1, 2])).dtype)
print(torch.special.erfcx(torch.tensor([30.0, 1e5, -30.0])), torch.special.erfcx(torch.tensor([0.0])))

# %% special_ndtr_ndtri_log_ndtr rtol=0.0001 atol=1e-06
import torch

x = torch.tensor([-40.0, -5.0, -1.0, 0.0, 1.0, 3.0], dtype=torch.float64, requires_grad=True)
n = torch.special.ndtr(x)
ln = torch.special.log_ndtr(x)
(n.sum() + ln.sum()).backward()
print(n.detach(), ln.detach())
print(x.grad)
p = torch.tensor([0.0, 0.025, 0.5, 0.975, 1.0], dtype=torch.float64, requires_grad=True)
q = torch.special.ndtri(p)
q[1:4].sum().backward()
print(q.detach(), p.grad)
print(torch.special.ndtri(torch.tensor([0.1, 0.9])), torch.special.log_ndtr(torch.tensor([-10.0, 10.0])))

x = torch.tensor([-3.0, -0.5, 0.0, 2.0], requires_grad=True)
y = torch.special.log_ndtr(x) + torch.special.ndtr(x) + torch.special.erfc(x)
y.sum().backward()
print(y, x.grad)
p = torch.tensor([0.001, 0.3, 0.999], requires_grad=True)
z = torch.special.ndtri(p)
z.sum().backward()
print(z, p.grad)
print(torch.special.ndtri(torch.tensor([-0.1, 1.1, float("nan")])), torch.special.ndtr(torch.tensor([1, 2])).dtype)

# %% special_gamma_family rtol=1e-05 atol=1e-06
import torch

x = torch.tensor([0.5, 1.0, 2.5, 7.0], dtype=torch.float64, requires_grad=True)
g = torch.special.gammaln(x)
d = torch.special.digamma(x)
p = torch.special.polygamma(2, x)
(g.sum() + d.sum() + p.sum()).backward()
print(g.detach(), d.detach(), p.detach())
print(x.grad)
print(torch.special.psi(torch.tensor([1.0, 0.0, -1.0])), torch.special.gammaln(torch.tensor([0.0, -1.0, -2.5])))
a = torch.tensor([2.5, 3.0, 4.25], dtype=torch.float64, requires_grad=True)
m = torch.special.multigammaln(a, 2)
m.sum().backward()
print(m.detach(), a.grad, torch.mvlgamma(torch.tensor([3.0]), p=3))
try:
    torch.special.multigammaln(torch.tensor([0.4]), 2)
except Exception as e:
    print(type(e).__name__, e)

x = torch.tensor([-2.5, -0.5, 0.1, 3.0, 50.0], dtype=torch.float64, requires_grad=True)
l = torch.lgamma(x)
d = torch.digamma(x)
(l.sum() + d.sum()).backward()
print(l.detach(), d.detach(), x.grad)
print(torch.polygamma(3, torch.tensor([0.5, 2.0])), torch.polygamma(0, torch.tensor([1.0])), torch.special.polygamma(1, torch.tensor([-1.5])))
print(torch.lgamma(torch.tensor([float("inf"), float("-inf"), 0.0])), torch.digamma(torch.tensor([float("inf"), -2.0, 0.0])))
t = torch.tensor([1.5, 4.0], dtype=torch.float64, requires_grad=True)
g, = torch.autograd.grad(torch.digamma(t).sum(), t, create_graph=True)
g2, = torch.autograd.grad(g.sum(), t)
print(g.detach(), g2)

# %% special_entr_sinc rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([-1.0, 0.0, 0.25, 1.0, 2.0], dtype=torch.float64, requires_grad=True)
e = torch.special.entr(x)
e[1:].sum().backward()
print(e.detach(), x.grad)
t = torch.tensor([0.0, 0.5, 1.0, -2.5, 1e-3], dtype=torch.float64, requires_grad=True)
s = torch.special.sinc(t)
s.sum().backward()
print(s.detach(), t.grad)
print(torch.sinc(torch.tensor([0.0, 1.0, 0.5])), torch.special.entr(torch.tensor([float("inf"), float("nan")])))

# %% special_log_exp_helpers rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([-1e-8, 0.0, 1e-6, 0.5, 3.0], dtype=torch.float64, requires_grad=True)
a = torch.special.log1p(x)
b = torch.special.expm1(x)
c = torch.special.exp2(x)
(a.sum() + b.sum() + c.sum()).backward()
print(a.detach(), b.detach(), c.detach())
print(x.grad)
print(torch.special.exp2(torch.tensor([3, 10])), torch.exp2(torch.tensor([-1.0, 0.5])), torch.special.round(torch.tensor([0.5, 1.5, -2.5, 2.567])))
print(torch.special.log1p(torch.tensor([-1.0, -2.0])), torch.special.expm1(torch.tensor([100.0, -100.0])))

# %% special_softmax_logsumexp rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.0, 1000.0]], dtype=torch.float64, requires_grad=True)
s = torch.special.softmax(x, dim=1)
ls = torch.special.log_softmax(x, 0)
lse = torch.special.logsumexp(x, dim=1, keepdim=True)
(s[:, 0].sum() + ls.sum() * 0.1 + lse.sum()).backward()
print(s.detach(), ls.detach(), lse.detach())
print(x.grad)
print(torch.special.softmax(torch.tensor([1, 2, 3]), 0, dtype=torch.float64), torch.special.log_softmax(torch.tensor([0.0, 0.0]), 0, dtype=torch.float64).dtype)
print(torch.logsumexp(torch.tensor([float("-inf"), float("-inf")]), 0), torch.logsumexp(torch.tensor([[float("inf"), 1.0]]), 1))

# %% special_zeta rtol=1e-05 atol=1e-06
import torch

x = torch.tensor([2.0, 3.0, 4.0, 1.5, 1.0], dtype=torch.float64)
q = torch.tensor([1.0, 1.0, 2.0, 0.5, 1.0], dtype=torch.float64)
print(torch.special.zeta(x, q))
print(torch.special.zeta(x, 1.0), torch.special.zeta(2.0, torch.tensor([1.0, 3.0])))
print(torch.special.zeta(torch.tensor([0.5, 2.0]), torch.tensor([1.0, -1.0])))
print(torch.special.polygamma(1, torch.tensor([1.0, 2.0])), torch.special.multigammaln(torch.tensor([1.5]), 1))

q = torch.tensor([1.0, 2.5, 10.0], dtype=torch.float64, requires_grad=True)
z = torch.special.zeta(3.0, q)
z.sum().backward()
print(z.detach(), q.grad)
print(torch.special.zeta(torch.tensor([2, 4]), 1), torch.special.zeta(torch.tensor([2.0]), torch.tensor([[1.0], [2.0]])))
y = torch.tensor([0.5, -0.5, 3.0], dtype=torch.float64, requires_grad=True)
r = torch.special.xlog1py(2.0, y)
r.sum().backward()
print(r.detach(), y.grad, torch.special.xlog1py(torch.tensor([1, 2]), torch.tensor([1, 2])))
print(torch.special.xlogy(torch.tensor([0.0, 3.0]), 0.0), torch.xlogy(torch.tensor([2]), torch.tensor([4])))

# %% nan_reductions_grad rtol=1e-5 atol=1e-6
import torch

nan = float("nan")
x = torch.tensor([[1.0, nan, 3.0, 4.0], [nan, nan, 2.0, -1.0]], dtype=torch.float64, requires_grad=True)
s = torch.nansum(x, dim=1)
m = torch.nanmean(x, dim=0)
md = torch.nanmedian(x, dim=1)
(s.sum() + m[0] * 2 + md.values.sum() * 3).backward()
print(s.detach(), m.detach(), md.values.detach(), md.indices)
print(x.grad)
print(torch.nanmedian(x.detach()), torch.nansum(torch.tensor([nan, nan])), torch.nanmean(torch.tensor([nan, nan])))
print(torch.nansum(torch.tensor([1, 2, 3])), torch.nanmean(x.detach(), dim=1, keepdim=True))

# %% nanquantile_options rtol=1e-5 atol=1e-6
import torch

nan = float("nan")
x = torch.tensor([[3.0, nan, 1.0, 4.0, 2.0], [nan, nan, nan, nan, nan]], dtype=torch.float64)
for interp in ["linear", "lower", "higher", "midpoint", "nearest"]:
    print(interp, torch.nanquantile(x, 0.4, dim=1, interpolation=interp))
print(torch.nanquantile(x[0], torch.tensor([0.0, 0.5, 1.0], dtype=torch.float64)), torch.quantile(x[0], 0.5))
print(torch.nanquantile(x, 0.5, dim=1, keepdim=True).shape)
y = torch.tensor([5.0, nan, 1.0, 3.0], dtype=torch.float64, requires_grad=True)
q = torch.nanquantile(y, 0.25)
q.backward()
print(q.detach(), y.grad)
try:
    torch.nanquantile(x, 1.5)
except Exception as e:
    print(type(e).__name__, e)

# %% nan_to_num_options
import torch

x = torch.tensor([float("nan"), float("inf"), float("-inf"), 1.5])
print(torch.nan_to_num(x), torch.nan_to_num(x, nan=0.5, posinf=100.0, neginf=-100.0))
print(torch.nan_to_num(x.double(), posinf=1e300), torch.nan_to_num(x.half()))
print(x.nan_to_num(neginf=0.0), torch.nan_to_num(torch.tensor([1, 2])))
g = torch.tensor([float("nan"), 2.0, float("inf")], requires_grad=True)
torch.nan_to_num(g, nan=1.0, posinf=3.0).sum().backward()
print(g.grad)
y = x.clone()
y.nan_to_num_(nan=-1.0, posinf=9.0)
print(y)

# %% cummax_cummin_grad rtol=1e-6 atol=1e-7
import torch

x = torch.tensor([[1.0, 3.0, 2.0, 3.0, 5.0], [4.0, 2.0, 2.0, 1.0, 6.0]], dtype=torch.float64, requires_grad=True)
mx = torch.cummax(x, dim=1)
mn = x.cummin(0)
(mx.values * torch.arange(5.0, dtype=torch.float64)).sum().backward(retain_graph=True)
print(mx.values.detach(), mx.indices, x.grad)
x.grad = None
mn.values.sum().backward()
print(mn.values.detach(), mn.indices, x.grad)
print(mx.values.grad_fn, torch.cummax(torch.tensor([float("nan"), 1.0, 2.0]), 0), torch.cummin(torch.tensor([2, 2, 1, 1]), 0))

# %% logcumsumexp_cumprod_zeros_grad rtol=1e-6 atol=1e-7
import torch

x = torch.tensor([0.5, -1.0, 2.0, float("-inf"), 1.0], dtype=torch.float64, requires_grad=True)
l = torch.logcumsumexp(x, 0)
l.sum().backward()
print(l.detach(), x.grad)
p = torch.tensor([2.0, 0.0, 3.0, 0.0, 4.0], dtype=torch.float64, requires_grad=True)
c = torch.cumprod(p, 0)
c.sum().backward()
print(c.detach(), p.grad)
q = torch.tensor([[1.5, 0.0, -2.0], [0.5, 3.0, 0.0]], dtype=torch.float64, requires_grad=True)
q.cumprod(dim=1).pow(2).sum().backward()
print(q.grad, torch.cumprod(torch.tensor([1, 2, 3]), 0, dtype=torch.float32))

# %% diff_prepend_append rtol=1e-6
import torch

x = torch.tensor([[1.0, 4.0, 9.0, 16.0], [2.0, 3.0, 5.0, 8.0]], requires_grad=True)
d1 = torch.diff(x)
d2 = torch.diff(x, n=2, dim=1, prepend=torch.zeros(2, 1), append=torch.tensor([[20.0], [10.0]]))
d0 = x.diff(dim=0)
(d1.sum() + (d2 * torch.arange(4.0)).sum() + d0.sum()).backward()
print(d1, d2, d0, x.grad)
print(torch.diff(torch.tensor([True, False, False, True])), torch.diff(torch.tensor([1, 5, 2]), n=3))
try:
    torch.diff(x, prepend=torch.zeros(3, 1))
except Exception as e:
    print(type(e).__name__)

# %% gradient_spacing_edge_order rtol=1e-5 atol=1e-6
import torch

y = torch.tensor([1.0, 4.0, 9.0, 16.0, 25.0])
print(torch.gradient(y))
print(torch.gradient(y, spacing=2.0), torch.gradient(y, edge_order=2))
print(torch.gradient(y, spacing=(torch.tensor([0.0, 1.0, 1.5, 3.5, 4.0]),)))
m = torch.tensor([[1.0, 2.0, 4.0], [2.0, 5.0, 9.0], [0.0, 1.0, 3.0]])
print(torch.gradient(m, dim=1), torch.gradient(m, spacing=[1.0, 0.5]))
print(torch.gradient(m, dim=0, edge_order=2))
try:
    torch.gradient(torch.tensor([1.0]))
except Exception as e:
    print(type(e).__name__, e)

# %% histogram_bins_range_density rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([0.1, 0.4, 0.4, 0.9, 1.7, 2.5, -1.0])
h = torch.histogram(x, bins=4)
print(h.hist, h.bin_edges)
print(torch.histogram(x, bins=3, range=(0.0, 3.0)))
print(torch.histogram(x, bins=torch.tensor([0.0, 0.5, 1.0, 3.0]), density=True))
print(torch.histogram(x, bins=2, range=(0.0, 2.0), weight=torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0, 4.0, 5.0])))
hist, edges = torch.histogram(x.double(), 5, density=True)
print(hist.dtype, edges.dtype, (hist * edges.diff()).sum())
print(torch.histc(x, bins=3, min=0, max=0), torch.histc(torch.tensor([2.0, 2.0]), bins=2))

# %% bincount_weights_minlength
import torch

idx = torch.tensor([0, 1, 1, 3, 3, 3])
print(torch.bincount(idx), torch.bincount(idx, minlength=6), idx.bincount(minlength=2))
w = torch.tensor([0.5, 1.0, 1.5, 2.0, 2.0, 0.25])
print(torch.bincount(idx, weights=w), torch.bincount(idx, weights=w.double()).dtype)
print(torch.bincount(torch.tensor([], dtype=torch.long)), torch.bincount(torch.tensor([], dtype=torch.long), minlength=3))
print(torch.bincount(idx, weights=torch.tensor([1, 2, 3, 4, 5, 6])), torch.bincount(torch.tensor([2], dtype=torch.uint8)))
for bad in [torch.tensor([-1, 2]), torch.tensor([1.0, 2.0]), torch.tensor([[1, 2]])]:
    try:
        torch.bincount(bad)
    except Exception as e:
        print(type(e).__name__, e)

# %% searchsorted_sorter_side_2d
import torch

seq = torch.tensor([[1.0, 3.0, 5.0, 7.0], [2.0, 2.0, 4.0, 8.0]])
v = torch.tensor([[3.0, 6.0, 0.0], [2.0, 9.0, 4.0]])
print(torch.searchsorted(seq, v), torch.searchsorted(seq, v, side="right"))
uns = torch.tensor([5.0, 1.0, 7.0, 3.0])
print(torch.searchsorted(uns, torch.tensor([4.0, 7.0]), sorter=torch.argsort(uns), right=True))
print(torch.bucketize(torch.tensor([[1.0, 5.0], [7.5, 3.0]]), torch.tensor([1.0, 3.0, 5.0, 7.0]), right=True, out_int32=True))
for kw in [dict(side="left", right=True), dict(side="middle")]:
    try:
        torch.searchsorted(seq[0], v[0], **kw)
    except Exception as e:
        print(type(e).__name__, e)
try:
    torch.searchsorted(seq, torch.tensor([1.0]))
except Exception as e:
    print(type(e).__name__)

# %% unique_dim_consecutive_options
import torch

x = torch.tensor([[1, 2, 1], [3, 4, 3], [1, 2, 1]])
u, inv, cnt = torch.unique(x, dim=1, return_inverse=True, return_counts=True)
print(u, inv, cnt)
print(torch.unique(x, dim=0, return_counts=True), torch.unique(x, sorted=False).sort().values)
y = torch.tensor([3, 3, 1, 1, 1, 3, 2, 2])
print(torch.unique_consecutive(y, return_inverse=True, return_counts=True))
print(torch.unique_consecutive(torch.tensor([[1, 1], [1, 1], [2, 3]]), dim=0, return_counts=True))
print(torch.unique(torch.tensor([2.0, -0.0, 0.0, 1.5])), torch.unique(torch.tensor([True, False, True]), return_counts=True))

# %% cartesian_combinations_tri_indices
import torch

a = torch.tensor([1, 2, 3])
print(torch.cartesian_prod(a, torch.tensor([4, 5])), torch.cartesian_prod(a))
print(torch.combinations(a), torch.combinations(a, r=3), torch.combinations(a, with_replacement=True))
print(torch.combinations(torch.tensor([1.0, 2.0]), r=3), torch.combinations(a, r=0))
print(torch.tril_indices(3, 4, offset=1), torch.triu_indices(4, 3, offset=-1))
print(torch.tril_indices(3, 3, -5), torch.triu_indices(2, 5, 2, dtype=torch.int32))
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
torch.combinations(w).prod(1).sum().backward()
print(w.grad)

# %% rot90_roll_multi_dims
import torch

x = torch.arange(12.0).view(3, 4)
print(torch.rot90(x), torch.rot90(x, 2), torch.rot90(x, -1, dims=[1, 0]), torch.rot90(x, 5).shape)
print(torch.roll(x, shifts=(1, -2), dims=(0, 1)), torch.roll(x, 5), x.roll(-1, 1))
g = torch.arange(6.0).view(2, 3).requires_grad_()
(torch.rot90(g, 1) * torch.arange(6.0).view(3, 2)).sum().backward()
print(g.grad)
for bad in [dict(k=1, dims=[0]), dict(k=1, dims=[0, 0])]:
    try:
        torch.rot90(x, **bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    torch.roll(x, shifts=(1, 2), dims=0)
except Exception as e:
    print(type(e).__name__, e)

# %% diag_offsets_embed_grad
import torch

m = torch.arange(12.0).view(3, 4).requires_grad_()
print(torch.diag(m, 1), torch.diag(m, -2), torch.diagonal(m, offset=2), torch.diagonal(m, -1, 1, 0))
(torch.diag(m, 1).sum() + torch.diagonal(m, -1).sum() * 2).backward()
print(m.grad)
v = torch.tensor([1.0, 2.0], requires_grad=True)
print(torch.diag(v, -1), torch.diag_embed(v, offset=1))
b = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
e = torch.diag_embed(b, offset=-1, dim1=0, dim2=2)
print(e.shape, e[:, 1, :])
(e * torch.arange(18.0).view(3, 2, 3)).sum().backward()
print(b.grad, torch.diagonal(torch.ones(2, 3, 4), 0, 1, 2).shape)

# %% block_diag_mixed
import torch

a = torch.tensor([[1, 2], [3, 4]])
b = torch.tensor([[5.0, 6.0, 7.0]])
print(torch.block_diag(a, b, torch.tensor(8), torch.tensor([9, 10])))
x = torch.tensor([[1.0, 2.0]], requires_grad=True)
y = torch.tensor([3.0], requires_grad=True)
out = torch.block_diag(x, y)
(out * torch.arange(6.0).view(2, 3)).sum().backward()
print(out, x.grad, y.grad, torch.block_diag().shape)

# %% cdist_p_values_grad rtol=1e-5 atol=1e-6
import torch
import numpy as np

rng = np.random.default_rng(0)
a = torch.tensor(rng.standard_normal((3, 2)), requires_grad=True)
b = torch.tensor(rng.standard_normal((4, 2)), requires_grad=True)
for p in [0.0, 1.0, 1.5, 2.0, 3.0, float("inf")]:
    d = torch.cdist(a, b, p=p)
    print(p, d.detach().round(decimals=5))
d = torch.cdist(a, b, p=1.0).sum() + torch.cdist(a, b).sum() + torch.cdist(a, b, p=float("inf")).sum()
d.backward()
print(a.grad.round(decimals=5), b.grad.round(decimals=5))
print(torch.cdist(torch.ones(2, 3, 2), torch.zeros(2, 1, 2)).shape)
try:
    torch.cdist(a, b, p=-1.0)
except Exception as e:
    print(type(e).__name__, e)

# %% binary_math_edges_grad rtol=1e-6 atol=1e-7
import torch

y = torch.tensor([0.0, -0.0, 1.0, -1.0, 0.0], dtype=torch.float64, requires_grad=True)
x = torch.tensor([0.0, -1.0, 0.0, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
a = torch.atan2(y, x)
h = torch.hypot(x + 3, y)
a.sum().backward()
print(a.detach(), y.grad, x.grad)
print(h.detach(), torch.copysign(torch.tensor([1.0, -2.0, 3.0]), torch.tensor([-0.0, 0.0, -1.0])), torch.copysign(torch.tensor([1, 2]), -1))
print(torch.fmod(torch.tensor([-3.0, 3.0, 5.5]), 2), torch.fmod(torch.tensor([-7, 7]), torch.tensor([3, -3])), torch.remainder(torch.tensor([-7, 7]), 3))
c = torch.tensor([1.5, -2.0], dtype=torch.float64, requires_grad=True)
torch.copysign(c, torch.tensor([-1.0, -1.0], dtype=torch.float64)).sum().backward()
print(c.grad)
print(torch.logaddexp(torch.tensor([float("-inf"), 0.0]), torch.tensor([float("-inf"), 1e-10])), torch.logaddexp2(torch.tensor([1.0]), torch.tensor([1.0])))

# %% frexp_ldexp_nextafter strict
import torch

x = torch.tensor([0.0, 1.0, -3.5, 1024.0, 0.1])
m, e = torch.frexp(x)
print(m, e, m.dtype, e.dtype)
print(torch.ldexp(m, e), torch.ldexp(torch.tensor([1.0, 2.0]), torch.tensor([3, -1])))
print(x.frexp().mantissa, torch.frexp(x.double())[1].dtype)
a = torch.tensor([1.0, 0.0, -1.0])
n = torch.nextafter(a, torch.tensor([2.0, 1.0, -2.0]))
print((n - a).tolist(), torch.nextafter(torch.tensor([1.0], dtype=torch.float64), torch.tensor([0.0], dtype=torch.float64)).item())
try:
    torch.frexp(torch.tensor([1, 2]))
except Exception as e:
    print(type(e).__name__, e)

# %% lerp_tensor_weight_grad rtol=1e-6 atol=1e-7
import torch

s = torch.tensor([0.0, 1.0, 2.0], dtype=torch.float64, requires_grad=True)
e = torch.tensor([10.0, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
w = torch.tensor([0.25, 0.5, 0.9], dtype=torch.float64, requires_grad=True)
r = torch.lerp(s, e, w)
(r * torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)).sum().backward()
print(r.detach(), s.grad, e.grad, w.grad, r.grad_fn)
print(torch.lerp(torch.zeros(2, 1), torch.ones(1, 3), torch.tensor([0.0, 0.5, 1.5])))
print(torch.lerp(torch.tensor([1.0]), torch.tensor([3.0]), 0.5).grad_fn, s.detach().lerp(e.detach(), 2.0))

# %% trapezoid_cumulative rtol=1e-6 atol=1e-6
import torch

y = torch.tensor([[1.0, 2.0, 4.0, 7.0], [0.0, 1.0, 0.0, 1.0]], requires_grad=True)
x = torch.tensor([0.0, 0.5, 1.5, 3.0])
t = torch.trapezoid(y, x)
c = torch.cumulative_trapezoid(y, x)
c2 = torch.cumulative_trapezoid(y, dx=2.0, dim=0)
(t.sum() + c.sum() + c2.sum()).backward()
print(t, c, c2, y.grad)
print(torch.trapezoid(torch.tensor([1.0, 2.0, 3.0]), dx=0.5), torch.cumulative_trapezoid(torch.tensor([1.0, 3.0, 6.0])))
print(torch.trapz(torch.tensor([1, 2, 3])), torch.cumulative_trapezoid(torch.tensor([5.0])))

# %% renorm_maxnorm rtol=1e-5 atol=1e-6
import torch

w = torch.tensor([[3.0, 4.0], [0.3, 0.4], [1.0, 0.0]], dtype=torch.float64, requires_grad=True)
r = torch.renorm(w, p=2, dim=0, maxnorm=1.0)
(r * torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], dtype=torch.float64)).sum().backward()
print(r.detach(), w.grad)
print(torch.renorm(w.detach(), 1, 1, 2.0), w.detach().renorm(float("inf"), 0, 0.5))
v = w.detach().clone()
v.renorm_(2, 0, 1.0)
print(v)
try:
    torch.renorm(w.detach(), 2, 0, -1.0)
except Exception as e:
    print(type(e).__name__, e)

# %% isclose_equal_nan_options
import torch

a = torch.tensor([1.0, float("nan"), float("inf"), 1e-9, 100.0])
b = torch.tensor([1.0 + 1e-7, float("nan"), float("inf"), 0.0, 100.1])
print(torch.isclose(a, b), torch.isclose(a, b, equal_nan=True), torch.isclose(a, b, rtol=1e-2, atol=0.0))
print(torch.allclose(a, b), torch.allclose(a, b, equal_nan=True, rtol=1e-3), torch.allclose(a[:1], b[:1]))
print(torch.equal(a, a), torch.equal(torch.tensor([1, 2]), torch.tensor([1.0, 2.0])), torch.equal(torch.ones(2), torch.ones(3)))
print(torch.isclose(torch.tensor([1, 2]), torch.tensor([1, 3])), torch.isclose(torch.tensor([-float("inf")]), torch.tensor([float("inf")]), atol=1e30))
try:
    torch.isclose(a, b, rtol=-1.0)
except Exception as e:
    print(type(e).__name__, e)

# %% heaviside_sgn_signbit_float_power rtol=1e-6 atol=1e-7
import torch

x = torch.tensor([-1.5, 0.0, -0.0, 2.0, float("nan")])
print(torch.heaviside(x, torch.tensor([0.5])), torch.heaviside(torch.tensor([-1, 0, 3]), torch.tensor([7, 8, 9])))
print(torch.sgn(x), torch.signbit(x), torch.signbit(torch.tensor([-1, 0, 1])))
try:
    torch.heaviside(x, torch.tensor([1]))
except Exception as e:
    print(type(e).__name__, e)
b = torch.tensor([2.0, -3.0, 0.5], requires_grad=True)
f = torch.float_power(b, 2)
f.sum().backward()
print(f, f.dtype, b.grad, b.grad.dtype)
print(torch.float_power(torch.tensor([2, 3]), torch.tensor([-1.0, 0.5])), torch.float_power(2, torch.tensor([1, 2])))
print(torch.true_divide(torch.tensor([7, -7]), 2), torch.true_divide(torch.tensor([1]), torch.tensor([0])))

# %% clamp_tensor_bounds_grad rtol=1e-06 atol=1e-07
import torch

x = torch.tensor([-2.0, 0.5, 1.0, 3.0, 5.0], dtype=torch.float64, requires_grad=True)
lo = torch.tensor([-1.0, 0.0, 1.0, 0.0, 0.0], dtype=torch.float64, requires_grad=True)
hi = torch.tensor([1.0, 1.0, 2.0, 2.5, 10.0], dtype=torch.float64, requires_grad=True)
c = torch.clamp(x, min=lo, max=hi)
(c * torch.arange(1.0, 6.0, dtype=torch.float64)).sum().backward()
print(c.detach(), x.grad, lo.grad, hi.grad, c.grad_fn)
print(torch.clamp(torch.tensor([1.0, 5.0]), min=torch.tensor([3.0]), max=torch.tensor([2.0])), torch.clamp(torch.tensor([1, 5]), max=torch.tensor([3, 3])))
print(torch.clamp(torch.tensor([0.5, 1.5]), torch.tensor([1.0, 1.0])), x.detach().clamp(max=torch.tensor(0.0, dtype=torch.float64)))
try:
    torch.clamp(x)
except Exception as e:
    print(type(e).__name__, e)

x = torch.tensor([-1.0, 0.0, 0.5, 1.0, 2.0], requires_grad=True)
y = x.clamp(0.0, 1.0)
y.sum().backward()
print(y, x.grad, y.grad_fn)
x.grad = None
z = torch.clamp(x, min=1.5, max=0.5)
z.sum().backward()
print(z, x.grad)
print(torch.clamp(torch.tensor([1, 5, 10]), 2, 8), torch.clamp(torch.tensor([1, 5]), 2.5).dtype, torch.clamp(torch.tensor([float("nan")]), 0, 1))
x.grad = None
torch.clamp_min(x, 0.5).sum().backward()
print(x.grad, torch.clamp_max(x, 0.5).grad_fn)

# %% inverse_trig_domain_edges rtol=1e-6 atol=1e-7
import torch

x = torch.tensor([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5], dtype=torch.float64, requires_grad=True)
print(torch.asin(x).detach(), torch.acos(x).detach(), torch.atanh(x).detach())
torch.asin(x).sum().backward()
print(x.grad)
x.grad = None
torch.atanh(x).sum().backward()
print(x.grad)
h = torch.tensor([0.5, 1.0, 2.0], dtype=torch.float64, requires_grad=True)
torch.acosh(h).sum().backward()
print(torch.acosh(h).detach(), h.grad, torch.asinh(torch.tensor([-1e10, 0.0, 1.0])))
print(torch.deg2rad(torch.tensor([180, 90])), torch.rad2deg(torch.tensor([3.141592653589793])), torch.arctanh(torch.tensor([1.0, -1.0])))

# %% reduction_stats_correction rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([[1.0, 2.0, 4.0, 8.0], [3.0, 3.0, 3.0, 3.0], [0.5, -1.0, 2.0, 0.0]], dtype=torch.float64, requires_grad=True)
s, m = torch.std_mean(x, dim=1, correction=0)
v, m2 = torch.var_mean(x, dim=0, correction=2, keepdim=True)
(s.sum() + v.sum() + m.sum() + m2.sum()).backward()
print(s.detach(), m.detach(), v.detach(), x.grad)
print(torch.var_mean(x.detach(), unbiased=False), torch.std(x.detach(), correction=3), torch.var(torch.tensor([1.0]), dim=0))
print(torch.count_nonzero(torch.tensor([[0, 1, 2], [0, 0, 3]]), dim=(0, 1)), torch.count_nonzero(x.detach() > 2, dim=1))
mn, mx = torch.aminmax(x.detach(), dim=0, keepdim=True)
print(mn, mx, torch.aminmax(torch.tensor([3, -1, 7])))
k = torch.kthvalue(x, 2, dim=1, keepdim=True)
print(k.values.detach(), torch.msort(torch.tensor([[3, 1], [1, 2], [2, 0]])))

# %% cov_corrcoef_weights rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([[1.0, 2.0, 4.0, 7.0], [2.0, 1.0, 0.0, 3.0], [5.0, 5.0, 6.0, 5.0]], dtype=torch.float64, requires_grad=True)
fw = torch.tensor([1, 2, 1, 3])
aw = torch.tensor([0.5, 1.0, 2.0, 1.0], dtype=torch.float64)
c = torch.cov(x, fweights=fw, aweights=aw)
c0 = torch.cov(x, correction=0)
r = torch.corrcoef(x)
(c.sum() + c0.trace() + r[0, 1]).backward()
print(c.detach(), c0.detach(), r.detach())
print(x.grad)
print(torch.cov(torch.tensor([1.0, 2.0, 4.0])), torch.corrcoef(torch.tensor([[1.0, 2.0], [1.0, 1.0]])))

# %% std_var_correction_edges rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([[2.0, 2.0, 2.0], [1.0, 5.0, 9.0]], dtype=torch.float64, requires_grad=True)
s = torch.std(x, dim=1)
s.sum().backward()
print(s.detach(), x.grad)
print(torch.var(x.detach(), dim=1, correction=3), torch.std(x.detach(), dim=1, correction=4), torch.var(torch.tensor([3.0])))
print(torch.var_mean(x.detach(), dim=(0, 1), correction=0), torch.std_mean(x.detach(), 0, keepdim=True))
v = torch.tensor([1.0, 2.0, 4.0], requires_grad=True)
var, mean = torch.var_mean(v, correction=1)
(var + mean).backward()
print(var, mean, v.grad)
try:
    torch.var(torch.tensor([1, 2, 3]))
except Exception as e:
    print(type(e).__name__, e)

# %% aminmax_kthvalue_grad rtol=1e-6
import torch

x = torch.tensor([[4.0, -1.0, 7.0, 2.0], [0.5, 0.5, 3.0, -2.0]], requires_grad=True)
mn, mx = torch.aminmax(x, dim=1)
(mn.sum() * 2 + mx.sum()).backward()
print(mn, mx, x.grad)
x.grad = None
k = torch.kthvalue(x, 3, 1)
k.values.sum().backward()
print(k, x.grad)
print(torch.aminmax(torch.tensor([[1, 5], [3, 0]])), torch.kthvalue(torch.tensor([3.0, 1.0, 2.0]), 1, 0, True))
for bad in [lambda: torch.aminmax(torch.tensor([])), lambda: torch.kthvalue(x, 5, 1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__)

# %% cumulative_ops_dims_dtypes rtol=1e-6
import torch

x = torch.tensor([[1, 3, 2], [4, 0, 5]])
print(torch.cumsum(x, 0), torch.cumsum(x, dim=1, dtype=torch.float64), torch.cumprod(x, 1), x.cumsum(-1).dtype)
print(torch.cummax(x, 1), torch.cummin(x.float(), -1).indices)
b = torch.tensor([True, False, True])
print(torch.cumsum(b, 0), torch.cumprod(b, 0), torch.logcumsumexp(torch.tensor([0.0, 0.0, 0.0]), 0))
e = torch.tensor([], dtype=torch.float32)
print(torch.cumsum(e, 0), torch.cummax(e, 0), torch.logcumsumexp(torch.tensor([[1.0], [2.0]]), dim=0))
try:
    torch.logcumsumexp(x, 0)
except Exception as e:
    print(type(e).__name__, e)
