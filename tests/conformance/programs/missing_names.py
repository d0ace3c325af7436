# Public PyTorch names that were missing: torch.<layer> aten spellings, window functions, gcd/lcm, *_scatter,
# split aliases, lazy norms, NLLLoss2d, Adafactor, DistributedSampler, ldl_factor.

# %% top_level_conv_aliases rtol=1e-4 atol=1e-5
import torch
import numpy as np

rng = np.random.default_rng(0)
x = torch.tensor(rng.standard_normal((2, 3, 6, 6)).astype(np.float32), requires_grad=True)
w = torch.tensor(rng.standard_normal((4, 3, 3, 3)).astype(np.float32), requires_grad=True)
b = torch.tensor(rng.standard_normal(4).astype(np.float32))
y = torch.conv2d(x, w, b, stride=2, padding=1)
print(y.shape, y[0, :, 0, :2])
wt = torch.tensor(rng.standard_normal((4, 2, 3, 3)).astype(np.float32))
z = torch.conv_transpose2d(y, wt, None, 2, 1, 1)
print(z.shape, z.sum())
x1 = torch.tensor(rng.standard_normal((1, 2, 8)).astype(np.float32))
print(torch.conv1d(x1, torch.ones(3, 2, 3), padding="same").shape, torch.conv1d(x1, torch.ones(1, 2, 2))[0, 0, :3])
print(torch.conv_transpose1d(x1, torch.ones(2, 1, 2), stride=2).shape)
(y.square().sum() + z.sum()).backward()
print(x.grad.abs().sum(), w.grad[0, 0])

# %% top_level_norm_aliases rtol=1e-4 atol=1e-5
import torch
import numpy as np

rng = np.random.default_rng(1)
x = torch.tensor(rng.standard_normal((4, 3, 5)).astype(np.float32), requires_grad=True)
rm, rv = torch.zeros(3), torch.ones(3)
g, b = torch.tensor([1.0, 2.0, 0.5]), torch.tensor([0.0, 0.1, -0.1])
y = torch.batch_norm(x, g, b, rm, rv, True, 0.1, 1e-5, False)
print(y[0, :, :2], rm, rv)
print(torch.batch_norm(x, None, None, rm, rv, False, 0.1, 1e-5, False)[1, 1, :3])
print(torch.layer_norm(x, [5])[0, 0], torch.layer_norm(x, (3, 5), torch.ones(3, 5), None, 1e-3)[1, 2])
print(torch.group_norm(x, 3)[0, 0], torch.group_norm(x.view(2, 6, 5), 2, torch.ones(6), torch.zeros(6)).shape)
print(torch.instance_norm(x, None, None, None, None, True, 0.1, 1e-5, False)[2, 0])
print(torch.rms_norm(x, [5], eps=1e-6)[0, 0])
(y * torch.arange(5.0)).sum().backward()
print(x.grad[0])

# %% top_level_activation_aliases rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([-3.0, -0.6, -0.2, 0.0, 0.3, 0.7, 2.0], requires_grad=True)
print(torch.celu(x), torch.celu(x, 0.5), torch.selu(x))
print(torch.hardshrink(x), torch.hardshrink(x, 0.25), x.hardshrink(0.5))
print(torch.threshold(x, 0.1, -1.0), torch.rrelu(x))
w = torch.tensor([0.25])
print(torch.prelu(x, w), x.prelu(torch.tensor([0.1])))
y = x.detach().clone()
torch.celu_(y)
print(y)
y = x.detach().clone()
print(torch.selu_(y) is y, y)
y = x.detach().clone()
torch.threshold_(y, 0.0, 5.0)
print(y)
(torch.selu(x) + torch.celu(x, 2.0) + torch.hardshrink(x)).sum().backward()
print(x.grad)

# %% top_level_distance_aliases rtol=1e-5 atol=1e-6
import torch
import numpy as np

rng = np.random.default_rng(2)
a = torch.tensor(rng.standard_normal((4, 3)).astype(np.float32), requires_grad=True)
b = torch.tensor(rng.standard_normal((4, 3)).astype(np.float32))
print(torch.cosine_similarity(a, b), torch.cosine_similarity(a, b, 0))
print(torch.pairwise_distance(a, b), torch.pairwise_distance(a, b, 1.0, 1e-6, True).shape)
print(torch.pdist(a.detach()), torch.pdist(a.detach(), 1.0))  # PdistBackward0: GAPS.md
W = torch.tensor(rng.standard_normal((2, 3, 3)).astype(np.float32))
print(torch.bilinear(a, b, W), torch.bilinear(a, b, W, torch.ones(2)).shape)
(torch.pdist(a).sum() + torch.cosine_similarity(a, b).sum()).backward()
print(a.grad)

# %% top_level_loss_aliases rtol=1e-5 atol=1e-6
import torch
import numpy as np

rng = np.random.default_rng(3)
x = torch.tensor(rng.standard_normal((4, 3)).astype(np.float32), requires_grad=True)
t = torch.tensor(rng.random((4, 3)).astype(np.float32))
print(torch.binary_cross_entropy_with_logits(x, t), torch.binary_cross_entropy_with_logits(x, t, None, None, 0)[0])
print(torch.binary_cross_entropy_with_logits(x, t, torch.ones(3), torch.full((3,), 2.0), 2))
a, b = x[:2], x[2:]
y = torch.tensor([1.0, -1.0])
print(torch.cosine_embedding_loss(a, b, y), torch.cosine_embedding_loss(a, b, y, 0.2, 0))
print(torch.hinge_embedding_loss(x, torch.sign(t - 0.5)), torch.margin_ranking_loss(a[:, 0], b[:, 0], y, 0.1, 2))
print(torch.triplet_margin_loss(x[:1], x[1:2], x[2:3]), torch.triplet_margin_loss(a, b, x[1:3], 0.5, 1.0, 1e-6, True, 0))
print(torch.poisson_nll_loss(x, t, True, False, 1e-8, 1), torch.poisson_nll_loss(x.exp(), t, False, True, 1e-8, 2))
lp = torch.log_softmax(x, 1)
print(torch.kl_div(lp, t), torch.kl_div(lp, t, 2), torch.kl_div(lp, t.log(), 0, log_target=True)[0])
torch.binary_cross_entropy_with_logits(x, t, reduction=1).backward()
print(x.grad)

# %% top_level_pool_aliases rtol=1e-5 atol=1e-6
import torch

x = torch.arange(24.0).view(1, 2, 12).sin().requires_grad_()
print(torch.avg_pool1d(x, 3), torch.avg_pool1d(x, 3, 2, 1, False, False).shape)
print(torch.max_pool1d(x, 4), torch.max_pool1d(x, 3, 2, 1, 1, True).shape)
v, i = torch.max_pool1d_with_indices(x, 4)
print(v, i)
print(torch.adaptive_avg_pool1d(x, 5), torch.adaptive_max_pool1d(x, 3))
x2 = torch.arange(32.0).view(1, 2, 4, 4).cos()
print(torch.max_pool2d(x2, 2), torch.max_pool2d(x2, [3, 3], [1, 1], [1, 1]).shape)
print(torch.max_pool3d(x2.view(1, 1, 2, 4, 4), 2))
torch.max_pool1d(x, 4).sum().backward()
print(x.grad)

# %% top_level_dropout_aliases
import torch

x = torch.ones(4, 6, 3)
print(torch.dropout(x, 0.5, False) is x, torch.dropout(x, 0.0, True).equal(x), torch.dropout(x, 1.0, True).sum())
y = torch.dropout(x, 0.5, True)
print(y.shape, sorted(set(y.flatten().tolist())) in ([0.0, 2.0], [2.0], [0.0]))
f = torch.feature_dropout(x, 0.5, True)
print(f.shape, bool(((f == 0).all(2) | (f == 2).all(2)).all()))
print(torch.alpha_dropout(x, 0.5, False).equal(x), torch.feature_alpha_dropout(x, 0.3, False).equal(x))
z = x.clone()
print(torch.dropout_(z, 1.0, True) is z, z.sum())
z = x.clone()
torch.feature_dropout_(z, 0.0, True)
print(z.sum())
try:
    torch.dropout(x, 1.5, True)
except Exception as e:
    print(type(e).__name__, e)

# %% top_level_misc_functional rtol=1e-5 atol=1e-6
import torch

w = torch.arange(12.0).view(4, 3).requires_grad_()
idx = torch.tensor([[0, 2], [3, 2]])
e = torch.embedding(w, idx)
print(e, torch.embedding(w, idx, 2).shape)
e.sum().backward()
print(w.grad)
x = torch.arange(16.0).view(1, 4, 2, 2)
print(torch.pixel_shuffle(x, 2), torch.pixel_unshuffle(torch.pixel_shuffle(x, 2), 2).equal(x))
print(torch.constant_pad_nd(torch.ones(2, 2), [1, 0, 0, 2], 7.0))
print(torch.channel_shuffle(x, 2)[0, :, 0, 0])

# %% window_functions rtol=1e-5 atol=1e-6
import torch

for fn in (torch.hann_window, torch.hamming_window, torch.bartlett_window, torch.blackman_window, torch.kaiser_window):
    print(fn.__name__, fn(8), fn(7, periodic=False), fn(1), fn(0).shape)
print(torch.hann_window(5, dtype=torch.float64), torch.hamming_window(6, False, 0.5, 0.4))
print(torch.kaiser_window(6, True, 5.0), torch.kaiser_window(5, False, beta=2.0, dtype=torch.float64))
print(torch.hann_window(4, requires_grad=True))
spec = torch.hann_window(16) * torch.sin(torch.arange(16.0))
print(spec.sum(), torch.bartlett_window(9).dtype)
for bad in (lambda: torch.hann_window(-1), lambda: torch.blackman_window(4, dtype=torch.long)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% gcd_lcm
import torch

a = torch.tensor([12, -18, 0, 7, 100])
b = torch.tensor([8, 12, 0, 5, -75])
print(torch.gcd(a, b), torch.lcm(a, b), a.gcd(b), a.lcm(torch.tensor(3)))
print(torch.gcd(a.to(torch.int32), b.to(torch.int16)).dtype, torch.gcd(a.view(5, 1), b).shape)
c = a.clone()
c.gcd_(b)
print(c, torch.gcd_(a.clone(), torch.tensor(4)), torch.lcm_(a.clone(), torch.tensor(6)))
for bad in (lambda: torch.gcd(torch.tensor([1.0]), torch.tensor([2.0])), lambda: torch.lcm(a, 4)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% scatter_variants_values
import torch

z = torch.zeros(3, 4)
print(torch.diagonal_scatter(z, torch.ones(3)), torch.diagonal_scatter(z, torch.arange(3.0), 1))
print(torch.diagonal_scatter(z, torch.ones(2), -1), z.diagonal_scatter(torch.full((3,), 2.0), 0, 0, 1))
print(torch.select_scatter(z, torch.arange(4.0), 0, 1), torch.select_scatter(z, torch.ones(3), 1, -1))
print(torch.slice_scatter(z, torch.ones(3, 2), 1, 0, 4, 2), torch.slice_scatter(z, torch.ones(1, 4), start=2))
print(z.slice_scatter(torch.full((3, 2), 5.0), dim=1, start=1, end=3), z.sum())
print(torch.as_strided_scatter(torch.zeros(6), torch.ones(2, 2), (2, 2), (3, 1)))
print(torch.select_scatter(torch.zeros(2, 3, dtype=torch.long), torch.tensor([7, 8, 9]), 0, 0))
for bad in (lambda: torch.select_scatter(z, torch.ones(2), 0, 0), lambda: torch.diagonal_scatter(z, torch.ones(4))):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% scatter_variants_grad rtol=1e-5 atol=1e-6
import torch
import numpy as np

rng = np.random.default_rng(4)
base = torch.tensor(rng.standard_normal((3, 3)).astype(np.float32), requires_grad=True)
src = torch.tensor(rng.standard_normal(3).astype(np.float32), requires_grad=True)
out = torch.diagonal_scatter(base, src)
print(out.grad_fn.name(), out)
w = torch.arange(9.0).view(3, 3)
(out * w).sum().backward()
print(base.grad, src.grad)
base.grad = None
src.grad = None
s2 = torch.select_scatter(base, src * 2, 1, 0)
s3 = torch.slice_scatter(s2, base[:1] ** 2, 0, 2, 3)
print(s2.grad_fn.name(), s3.grad_fn.name())
(s3 * w).sum().backward()
print(base.grad, src.grad)
g, = torch.autograd.grad(torch.slice_scatter(base, src.view(1, 3) ** 2, 0, 0, 1).sum(), src, create_graph=True)
print(g, torch.autograd.grad(g.sum(), src)[0])

# %% split_aliases
import torch

x = torch.arange(10).view(5, 2)
print(torch.split_with_sizes(x, [2, 3]), x.split_with_sizes([1, 1], dim=1))
print(torch.unsafe_split(x, 2), x.unsafe_chunk(3, 1), torch.unsafe_chunk(x, 2))
print(x.unsafe_split_with_sizes([4, 1]), torch.unsafe_split_with_sizes(x, [1, 4])[1].shape)
y = torch.arange(6.0, requires_grad=True)
a, b = torch.split_with_sizes(y, [4, 2])
(a.sum() * 2 + b.prod()).backward()
print(a.grad_fn.name(), y.grad)
try:
    torch.split_with_sizes(x, [2, 2])
except Exception as e:
    print(type(e).__name__, e)

# %% strided_alloc_and_vander
import torch

e = torch.empty_strided((2, 3), (1, 2))
print(e.shape, e.stride(), e.dtype, e.is_contiguous())
e.fill_(1.5)
print(e, e.sum())
n = torch.ones(2, dtype=torch.float64).new_empty_strided((3, 2), (2, 1))
print(n.shape, n.stride(), n.dtype, torch.empty_strided((4,), (1,), dtype=torch.int32).dtype)
print(torch.vander(torch.tensor([1, 2, 3])), torch.vander(torch.tensor([1.0, 2.0, 3.0]), 2, True))
print(torch.vander(torch.tensor([0.5, -1.0]), N=4), torch.vander(torch.tensor([2, 3]), 0).shape)
print(torch.is_same_size(torch.ones(2, 3), torch.zeros(2, 3)), torch.is_same_size(torch.ones(2), torch.ones(3)))
print(torch.is_signed(torch.ones(2)), torch.is_signed(torch.ones(2, dtype=torch.uint8)))

# %% inplace_function_spellings rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([1.5, 2.0, 3.0])
print(torch.acosh_(x.clone()), torch.asinh_(x.clone()), torch.atanh_(torch.tensor([0.1, -0.5])))
print(torch.arccos_(torch.tensor([0.5, -0.2])), torch.arcsin_(torch.tensor([0.5])), torch.arctan_(x.clone()))
print(torch.arccosh_(x.clone()), torch.arcsinh_(x.clone()), torch.arctanh_(torch.tensor([0.3])))
print(torch.i0_(x.clone()), torch.ldexp_(x.clone(), torch.tensor([1, 2, 3])))
y = torch.zeros(2)
r = torch.addmv_(y, torch.ones(2, 3), x, beta=0.5, alpha=2.0)
print(r is y, y)

# %% lazy_batch_norm rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(5)
m = nn.LazyBatchNorm1d()
print(m, m.has_uninitialized_params(), type(m.weight).__name__, type(m.running_mean).__name__)
print(list(m.state_dict().keys()))
x = torch.tensor(rng.standard_normal((4, 3)).astype(np.float32))
y = m(x)
print(type(m).__name__, m, m.has_uninitialized_params() if hasattr(m, "has_uninitialized_params") else None)
print(y, m.running_mean, m.running_var, m.num_batches_tracked)
print({k: tuple(v.shape) for k, v in m.state_dict().items()})
m2 = nn.LazyBatchNorm2d(momentum=None, affine=False)
print(m2.weight, m2(torch.tensor(rng.standard_normal((2, 5, 2, 2)).astype(np.float32))).shape, m2.running_mean.shape)
m3 = nn.LazyBatchNorm3d(track_running_stats=False)
m3(torch.ones(2, 2, 1, 2, 2))
print(m3, m3.running_mean, m3.weight.shape)
net = nn.Sequential(nn.LazyLinear(4), nn.LazyBatchNorm1d(), nn.ReLU())
net(x)
print(net, sum(p.numel() for p in net.parameters()))

# %% lazy_instance_norm rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(6)
m = nn.LazyInstanceNorm2d(affine=True)
print(m, m.weight.__class__.__name__)
x = torch.tensor(rng.standard_normal((2, 3, 4, 4)).astype(np.float32), requires_grad=True)
y = m(x)
print(type(m).__name__, m, m.weight, m.bias, y[0, 0, 0])
y.pow(3).sum().backward()
print(m.weight.grad, x.grad[1, 2, 0])
m1 = nn.LazyInstanceNorm1d(track_running_stats=True)
out = m1(torch.tensor(rng.standard_normal((2, 4, 6)).astype(np.float32)))
print(m1, m1.running_mean, out.shape, list(m1.state_dict()))
m3 = nn.LazyInstanceNorm3d()
print(m3(torch.ones(1, 2, 2, 2, 2)).shape, m3.num_features, m3.weight)

# %% lazy_norm_state_dict_roundtrip
import torch
import torch.nn as nn

src = nn.BatchNorm1d(3)
with torch.no_grad():
    src.weight.copy_(torch.tensor([1.0, 2.0, 3.0]))
    src.running_mean.fill_(0.5)
src.num_batches_tracked += 4
lazy = nn.LazyBatchNorm1d()
lazy.load_state_dict(src.state_dict())
print(lazy.weight, lazy.running_mean, lazy.num_batches_tracked, type(lazy).__name__)
lazy.eval()
print(lazy(torch.ones(2, 3)), type(lazy).__name__)
try:
    nn.LazyBatchNorm2d()(torch.ones(2, 3))
except Exception as e:
    print(type(e).__name__, e)

# %% nll_loss_2d_deprecated rtol=1e-5 atol=1e-6
import warnings
import torch
import torch.nn as nn

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    crit = nn.NLLLoss2d(ignore_index=1)
print(len(w), w[0].category.__name__, isinstance(crit, nn.NLLLoss), crit)
logp = torch.log_softmax(torch.arange(24.0).view(1, 3, 2, 4).sin(), 1).requires_grad_()
t = torch.tensor([[[0, 1, 2, 0], [2, 2, 1, 0]]])
loss = crit(logp, t)
loss.backward()
print(loss, logp.grad[0, :, 0])
print(nn.NLLLoss2d(reduction="sum")(logp, t), nn.NLLLoss2d(weight=torch.tensor([1.0, 2.0, 0.5]))(logp, t))

# %% distributed_sampler_single_process
import torch
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

ds = TensorDataset(torch.arange(10.0).view(10, 1), torch.arange(10))
for rank in range(3):
    s = DistributedSampler(ds, num_replicas=3, rank=rank, shuffle=False)
    print(rank, len(s), list(s), s.total_size)
s = DistributedSampler(ds, num_replicas=4, rank=1, shuffle=False, drop_last=True)
print(len(s), list(s))
loader = DataLoader(ds, batch_size=2, sampler=DistributedSampler(ds, 2, 0, shuffle=False))
for x, y in loader:
    print(x.view(-1), y)
sh = [DistributedSampler(ds, 2, r, shuffle=True, seed=7) for r in range(2)]
a, b = list(sh[0]), list(sh[1])
print(len(a), len(b), sorted(a + b) == list(range(10)))
sh[0].set_epoch(3)
print(sh[0].epoch, len(list(sh[0])), len(set(sh[0])))
print(torch.utils.data.DistributedSampler is DistributedSampler)
for bad in (lambda: DistributedSampler(ds, num_replicas=2, rank=2), lambda: DistributedSampler(ds)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% adafactor_training rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(7)
model = nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 1))
sd = {k: torch.tensor(rng.standard_normal(tuple(v.shape)).astype(np.float32) * 0.5) for k, v in model.state_dict().items()}
model.load_state_dict(sd)
X = torch.tensor(rng.standard_normal((16, 4)).astype(np.float32))
y = torch.tensor(rng.standard_normal((16, 1)).astype(np.float32))
opt = torch.optim.Adafactor(model.parameters(), lr=0.05)
print(opt)
for step in range(6):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X), y)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
print(model[0].weight, model[2].bias)
st = opt.state_dict()["state"]
print({k: (tuple(v.shape), v.dtype) for k, v in st[0].items()}, {k: tuple(v.shape) for k, v in st[1].items()})
print(st[0]["step"], st[0]["row_var"].view(-1), st[1]["variance"])

# %% adafactor_options rtol=1e-4 atol=1e-6
import torch
import numpy as np

rng = np.random.default_rng(8)
w0 = rng.standard_normal((2, 3, 4)).astype(np.float32)
for kwargs in ({}, {"weight_decay": 0.1}, {"maximize": True}, {"eps": (1e-3, 1e-2), "d": 2.0, "beta2_decay": -0.5},
               {"lr": torch.tensor(0.02)}):
    w = torch.tensor(w0, requires_grad=True)
    b = torch.zeros(3, requires_grad=True)
    opt = torch.optim.Adafactor([w, b], **kwargs)
    for _ in range(3):
        opt.zero_grad()
        ((w.sum(-1) - 1.0) ** 2).sum().add((b - 2.0).pow(2).sum()).backward()
        opt.step()
    print(w[0, 0], w[1, 2], b, opt.state[w]["col_var"].shape)
for bad in ({"lr": -1.0}, {"beta2_decay": 0.5}, {"d": 0.5}, {"eps": (None, -1.0)}, {"weight_decay": -0.1}):
    try:
        torch.optim.Adafactor([torch.zeros(2, requires_grad=True)], **bad)
    except Exception as e:
        print(type(e).__name__, e)

# %% fractional_max_pool3d rtol=1e-6 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(9)
x = torch.tensor(rng.standard_normal((2, 2, 6, 7, 5)).astype(np.float32), requires_grad=True)
s = torch.tensor(rng.random((2, 2, 3)).astype(np.float32))
y, idx = F.fractional_max_pool3d(x, 2, output_size=(3, 4, 2), return_indices=True, _random_samples=s)
print(y.shape, y[0, 0], idx[1, 1], y.grad_fn.name())
(y * torch.arange(24.0).view(3, 4, 2)).sum().backward()
print(x.grad[0, 1, :2], x.grad.sum())
pool = nn.FractionalMaxPool3d((2, 3, 2), output_ratio=0.5, _random_samples=s)
print(pool, pool(x).shape, pool(x[0]).shape, list(pool.state_dict()))
print(F.fractional_max_pool3d(x[:1], 3, output_size=2, _random_samples=s[:1])[0, :, 0])
print(nn.FractionalMaxPool3d(2, output_size=(2, 2, 2), return_indices=True)(x)[1].shape)
bad_calls = (lambda: F.fractional_max_pool3d(x, 2, output_size=6), lambda: F.fractional_max_pool3d(x, 2),
             lambda: F.fractional_max_pool3d(x, (2, 2), output_size=2),
             lambda: F.fractional_max_pool3d(x, 2, output_size=(2, 3, 2), _random_samples=s[:, :, :2]),
             lambda: F.fractional_max_pool3d(x, 2, output_size=2, _random_samples=s[:, :1]),
             lambda: F.fractional_max_pool3d(x, 2, output_size=(5, 2, 2)),
             lambda: nn.FractionalMaxPool3d(0, output_size=2), lambda: nn.FractionalMaxPool3d(2, output_ratio=(0.5, 1.0, 0.5)),
             lambda: nn.FractionalMaxPool3d(2))
for bad in bad_calls:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% ldl_factor_solve rtol=1e-4 atol=1e-5
import torch

A = torch.tensor([[4.0, 1.0, 2.0], [1.0, -3.0, 0.5], [2.0, 0.5, 3.0]])
LD, piv = torch.linalg.ldl_factor(A)
print(LD, piv)
print(torch.linalg.ldl_factor_ex(A))
B = torch.tensor([[1.0, 0.0], [2.0, 1.0], [3.0, -1.0]])
X = torch.linalg.ldl_solve(LD, piv, B)
print(X, torch.allclose(A @ X, B, atol=1e-5))
A2 = torch.tensor([[0.0, 1.0, 2.0], [1.0, 0.0, 3.0], [2.0, 3.0, 0.0]])
print(torch.linalg.ldl_factor(A2))
print(torch.linalg.ldl_solve(*torch.linalg.ldl_factor(A2), torch.tensor([[1.0], [2.0], [3.0]])))
print(torch.linalg.ldl_factor(torch.tensor([[1.0, 2.0], [9.0, 3.0]], dtype=torch.float64), hermitian=True))
print(torch.linalg.ldl_factor_ex(torch.tensor([[1.0, 2.0], [2.0, 4.0]])))
for bad in (lambda: torch.linalg.ldl_factor(torch.ones(2, 3)), lambda: torch.linalg.ldl_factor(torch.tensor([[1, 2], [9, 3]])),
            lambda: torch.linalg.ldl_solve(LD, piv, torch.ones(2, 1))):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% ldl_batched_and_grad rtol=1e-4 atol=1e-5
import torch
import numpy as np

rng = np.random.default_rng(10)
M = rng.standard_normal((3, 6, 6))
S = torch.tensor(M + M.transpose(0, 2, 1))
LD, piv, info = torch.linalg.ldl_factor_ex(S)
print(piv, info, LD.dtype, LD.shape, LD[1])
B = torch.tensor(rng.standard_normal((3, 6, 2)))
X = torch.linalg.ldl_solve(LD, piv, B)
print(X, torch.allclose(S @ X, B))
print(torch.linalg.ldl_solve(LD[0], piv[0], B).shape)
Ar = S[0].clone().float().requires_grad_()
out = torch.linalg.ldl_factor(Ar)
print(out.LD.requires_grad, out.pivots.requires_grad, out.LD.grad_fn is not None)
try:
    out.LD.sum().backward()
except Exception as e:
    print(type(e).__name__, e)

# %% tensor_map_
import torch

a = torch.tensor([1.0, 2.0, 3.0])
print(a.map_(torch.tensor([10.0, 20.0, 30.0]), lambda x, y: x * y + 1), a)
c = torch.tensor([[1, 2], [3, 4]])
print(c.map_(torch.tensor([1, 0]), lambda x, y: x if y else -x))
bad_calls = (lambda: torch.ones(2, requires_grad=True).map_(torch.ones(2), lambda x, y: x),
             lambda: torch.ones(2).map_(torch.ones(3), lambda x, y: x),
             lambda: torch.ones(2).map_(torch.ones(2, dtype=torch.long), lambda x, y: x))
for bad in bad_calls:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% functional_cnn_top_level_ops rtol=1e-4 atol=1e-5
import torch
import numpy as np

rng = np.random.default_rng(11)
params = {
    "w1": torch.tensor(rng.standard_normal((4, 1, 3, 3)).astype(np.float32) * 0.5, requires_grad=True),
    "g1": torch.ones(4, requires_grad=True), "b1": torch.zeros(4, requires_grad=True),
    "w2": torch.tensor(rng.standard_normal((3, 16)).astype(np.float32) * 0.3, requires_grad=True),
}
rm, rv = torch.zeros(4), torch.ones(4)
x = torch.tensor(rng.standard_normal((5, 1, 8, 8)).astype(np.float32))
y = torch.tensor([0, 1, 2, 1, 0])


def forward(x, training):
    h = torch.conv2d(x, params["w1"], None, 1, 1)
    h = torch.batch_norm(h, params["g1"], params["b1"], rm, rv, training, 0.1, 1e-5, False)
    h = torch.max_pool2d(torch.selu(h), 2)
    h = torch.adaptive_avg_pool1d(h.flatten(2), 4).flatten(1)
    h = torch.dropout(h, 0.3, False)
    return h @ params["w2"].t()


for step in range(3):
    logits = forward(x, True)
    loss = torch.nn.functional.cross_entropy(logits, y)
    grads = torch.autograd.grad(loss, list(params.values()))
    with torch.no_grad():
        for p, g in zip(params.values(), grads):
            p -= 0.1 * g
    print(step, round(loss.item(), 5), grads[0].abs().sum().item() > 0)
print(rm, rv)
print(forward(x, False).argmax(1), params["g1"])

# %% lazy_model_then_optimizer rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(12)
model = nn.Sequential(nn.LazyConv1d(4, 3), nn.LazyBatchNorm1d(), nn.ReLU(), nn.Flatten(), nn.LazyLinear(2))
x = torch.tensor(rng.standard_normal((6, 2, 10)).astype(np.float32))
model(x)
sd = {k: torch.tensor(rng.standard_normal(tuple(v.shape)).astype(np.float32) * 0.3) if v.is_floating_point() else v
      for k, v in model.state_dict().items()}
model.load_state_dict(sd)
print(model)
print({k: tuple(v.shape) for k, v in model.state_dict().items()})
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
target = torch.tensor(rng.standard_normal((6, 2)).astype(np.float32))
for step in range(4):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), target)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
print(model[1].running_mean, model[1].num_batches_tracked)

# %% removed_linalg_functions_raise
import torch

A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])
b = torch.tensor([[1.0], [2.0]])
calls = (lambda: torch.solve(b, A), lambda: torch.lstsq(b, A), lambda: torch.matrix_rank(A), lambda: torch.eig(A),
         lambda: torch.symeig(A, eigenvectors=True), lambda: A.solve(b), lambda: A.symeig(), lambda: b.lstsq(A),
         lambda: A.eig())
for call in calls:
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
print(torch.linalg.solve(A, b), torch.linalg.eigvalsh(A))

# %% tensor_queries_and_layouts
import torch

x = torch.arange(6.0).view(2, 3)
print(x.dim_order(), x.t().dim_order(), torch.ones(2, 3, 4).permute(2, 0, 1).dim_order())
print(x.is_pinned(), x.is_shared(), torch.get_device(x), x.get_device())
try:
    x.pin_memory()
except Exception as e:
    print(type(e).__name__, e)
p = torch.empty_permuted((2, 3, 4), (0, 2, 1))
print(p.shape, p.stride(), torch.empty_permuted((2, 3), (1, 0), dtype=torch.float64).stride())
print(torch.nonzero_static(torch.tensor([0, 1, 0, 2]), size=3), torch.nonzero_static(torch.tensor([[0, 1], [3, 0]]), size=1, fill_value=-5))
print(torch.tensor([[0.0, 2.0], [1.0, 0.0]]).nonzero_static(size=4).shape)
print(x.is_set_to(x), x.is_set_to(x.view(3, 2)), x.is_set_to(x.clone()))
print(torch.ones(2).ger(torch.arange(3.0)), torch.ger(torch.arange(2.0), torch.ones(2)))

# %% vmap_top_level rtol=1e-5 atol=1e-6
import torch

def dot(a, b):
    return (a * b).sum()

x = torch.arange(12.0).view(4, 3)
y = torch.ones(4, 3)
print(torch.vmap(dot)(x, y), torch.vmap(dot, in_dims=(0, None))(x, torch.ones(3)))
print(torch.vmap(torch.outer)(x[:2], y[:2]).shape, torch.vmap(lambda r: r.softmax(0))(x))
