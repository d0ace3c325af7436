# Seeded random streams: after torch.manual_seed(s) every random API prints torch's values (shapes, dtypes,
# generators, state round trips, in-place samplers, init, dropout masks, distributions, data order).

# %% seed_randn_sizes rtol=1e-5 atol=1e-6
import torch

torch.manual_seed(0)
for n in (1, 15, 16, 17, 33):
    x = torch.randn(n)
    print(n, [round(v, 4) for v in x.tolist()[:6]], round(x.sum().item(), 4))
print(torch.randn(()).item() != 0, torch.randn(()).shape, torch.randn(0).shape, torch.randn(2, 0, 3).shape)
print(torch.randn(3, 5).round(decimals=4))
print(torch.randn(1))

# %% seed_rand_dtypes rtol=1e-6 atol=1e-7
import torch

torch.manual_seed(1)
print(torch.rand(5))
print(torch.rand(5, dtype=torch.float64))
print(torch.rand(7, dtype=torch.float16))
print(torch.rand(2, 3, 4).sum(), torch.rand(()), torch.rand(1, 1))
print(torch.rand(17)[-3:], torch.rand(33).mean())

# %% seed_randn_dtypes rtol=1e-5 atol=1e-6
import torch

torch.manual_seed(2)
print(torch.randn(5, dtype=torch.float64))
print(torch.randn(20, dtype=torch.float64)[-4:])
print(torch.randn(6, dtype=torch.float16))
print(torch.randn(18, dtype=torch.float16)[-5:])
print(torch.randn(4, 4).double().mean())

# %% seed_randn_large rtol=1e-4 atol=1e-5
import torch

torch.manual_seed(3)
x = torch.randn(1000, 37)
print(x[0, :5], x[-1, -5:], x.shape)
print(round(x.mean().item(), 5), round(x.std().item(), 5), x.argmax().item(), x.argmin().item())
y = torch.rand(100001)
print(y[:3], y[-3:], y.argmax().item())

# %% seed_randint_variants strict
import torch

torch.manual_seed(4)
print(torch.randint(10, (8,)))
print(torch.randint(-5, 5, (2, 6)))
print(torch.randint(0, 3, (4,), dtype=torch.int32))
print(torch.randint(0, 256, (5,), dtype=torch.uint8))
print(torch.randint(0, 2**40, (3,)))
print(torch.randint(3, 10, ()), torch.randint(0, 5, (0,)))
print(torch.randint(0, 100, (17,)))
print(torch.randint(0, 10, (3,), dtype=torch.float32))
try:
    torch.randint(5, 5, (2,))
except Exception as e:
    print(type(e).__name__, e)

# %% seed_randperm_variants strict
import torch

torch.manual_seed(5)
print(torch.randperm(10))
print(torch.randperm(1), torch.randperm(0), torch.randperm(2))
print(torch.randperm(33))
print(torch.randperm(5, dtype=torch.int32), torch.randperm(6, dtype=torch.float32))
p = torch.randperm(1000)
print(p[:10], p.sum().item(), p.sort().values.equal(torch.arange(1000)))
x = torch.arange(12).view(6, 2)
print(x[torch.randperm(6)])

# %% seed_like_variants rtol=1e-5 atol=1e-6
import torch

torch.manual_seed(6)
base = torch.zeros(2, 3, dtype=torch.float64)
print(torch.rand_like(base))
print(torch.randn_like(base))
print(torch.randint_like(base, 10))
print(torch.randint_like(base, 3, 9))
h = torch.zeros(4, dtype=torch.float16)
print(torch.rand_like(h), torch.randn_like(torch.zeros(5)))
print(torch.randint_like(torch.zeros(3, dtype=torch.int32), 0, 100))

# %% seed_normal_overloads rtol=1e-5 atol=1e-6
import torch

torch.manual_seed(7)
mean = torch.arange(1.0, 6.0)
std = torch.linspace(0.1, 1.0, 5)
print(torch.normal(mean, std))
print(torch.normal(mean, 2.0))
print(torch.normal(0.5, std))
print(torch.normal(2.0, 3.0, size=(2, 3)))
print(torch.normal(torch.zeros(3, 1), torch.ones(1, 4)).shape)
print(torch.normal(torch.zeros(20), torch.ones(20))[-4:])
print(torch.normal(0.0, 1.0, (4,), dtype=torch.float64))
try:
    torch.normal(mean, -1.0)
except Exception as e:
    print(type(e).__name__, e)

# %% seed_inplace_uniform_normal rtol=1e-5 atol=1e-6
import torch

torch.manual_seed(8)
print(torch.empty(5).uniform_(-2, 3))
print(torch.empty(3, dtype=torch.float64).uniform_(0, 10))
print(torch.empty(4).normal_(), torch.empty(4).normal_(5, 0.1))
print(torch.empty(20).normal_(mean=1.0, std=2.0)[-3:])
x = torch.zeros(4, 6)
x[:, ::2].normal_()
print(x)
w = torch.empty(3, 4)
w.t().uniform_()
print(w)

# %% seed_inplace_random_ints strict
import torch

torch.manual_seed(9)
print(torch.empty(6, dtype=torch.int64).random_(0, 10))
print(torch.empty(6).random_(10))
print(torch.empty(5, dtype=torch.int32).random_(-3, 3))
print(torch.empty(4, dtype=torch.uint8).random_())
print(torch.empty(4, dtype=torch.int16).random_())
print(torch.empty(3).random_(), torch.empty(3, dtype=torch.float64).random_(100))
print(torch.empty(6, dtype=torch.bool).random_())
print(torch.empty(3, dtype=torch.int8).random_(5, 7))

# %% seed_inplace_continuous rtol=1e-5 atol=1e-6
import torch

torch.manual_seed(10)
print(torch.empty(5).exponential_())
print(torch.empty(5).exponential_(lambd=3.0))
print(torch.empty(6).geometric_(0.3))
print(torch.empty(5).log_normal_())
print(torch.empty(5).log_normal_(mean=1.0, std=0.5))
print(torch.empty(5).cauchy_())
print(torch.empty(5, dtype=torch.float64).cauchy_(median=1.0, sigma=2.0))
print(torch.empty(4, dtype=torch.float64).exponential_(), torch.empty(4, dtype=torch.float64).geometric_(0.5))

# %% seed_bernoulli_variants strict
import torch

torch.manual_seed(11)
print(torch.empty(10).bernoulli_(0.3))
print(torch.empty(10).bernoulli_(torch.linspace(0, 1, 10)))
print(torch.bernoulli(torch.full((3, 4), 0.5)))
print(torch.bernoulli(torch.rand(8, dtype=torch.float64)))
print(torch.bernoulli(torch.full((6,), 0.7), p=0.2))
print(torch.zeros(5, dtype=torch.int64).bernoulli_(0.5), torch.zeros(4, dtype=torch.bool).bernoulli_(0.5))
print(torch.bernoulli(torch.tensor([0.0, 1.0, 0.0, 1.0])))
try:
    torch.bernoulli(torch.tensor([1.5]))
except Exception as e:
    print(type(e).__name__)

# %% seed_multinomial_variants strict
import torch

torch.manual_seed(12)
p = torch.tensor([0.1, 0.2, 0.3, 0.4])
print(torch.multinomial(p, 8, replacement=True))
print(torch.multinomial(p, 4))
print(torch.multinomial(p, 2))
w = torch.tensor([[1.0, 0.0, 3.0], [2.0, 2.0, 2.0]])
print(torch.multinomial(w, 5, replacement=True))
print(torch.multinomial(w, 2))
print(torch.multinomial(torch.ones(20, dtype=torch.float64), 6))
print(p.multinomial(3, True))
for args in ((p, 5), (torch.tensor([0.0, 0.0]), 1), (torch.tensor([-1.0, 2.0]), 1)):
    try:
        torch.multinomial(*args)
    except Exception as e:
        print(type(e).__name__, e)

# %% seed_generator_objects rtol=1e-5 atol=1e-6
import torch

g = torch.Generator()
print(g.initial_seed())
g.manual_seed(2024)
print(g.initial_seed(), torch.rand(3, generator=g), torch.randn(3, generator=g))
print(torch.randint(0, 50, (5,), generator=g), torch.randperm(7, generator=g))
print(torch.normal(torch.zeros(3), 1.0, generator=g), torch.normal(0.0, 1.0, (2,), generator=g))
print(torch.multinomial(torch.ones(6), 3, generator=g), torch.bernoulli(torch.full((5,), 0.5), generator=g))
print(torch.empty(3).uniform_(generator=g), torch.empty(3).normal_(generator=g), torch.empty(3).exponential_(generator=g))
print(torch.empty(4, dtype=torch.int64).random_(0, 9, generator=g), torch.empty(3).bernoulli_(0.5, generator=g))
print(torch.rand(2, generator=torch.Generator().manual_seed(-1)))
print(torch.Generator().manual_seed(2**63 + 5).initial_seed())

# %% seed_two_generators_interleaved rtol=1e-5 atol=1e-6
import torch

ga = torch.Generator().manual_seed(1)
gb = torch.Generator().manual_seed(2)
torch.manual_seed(3)
out = []
for i in range(3):
    out.append(torch.rand(2, generator=ga))
    out.append(torch.randn(3, generator=gb))
    out.append(torch.rand(1))
print(torch.stack([o[:1] for o in out]).flatten())
ga2 = torch.Generator().manual_seed(1)
print(torch.equal(torch.cat([torch.rand(2, generator=ga2) for _ in range(3)]), torch.cat(out[0::3])))
torch.manual_seed(3)
print(torch.equal(torch.rand(3), torch.cat(out[2::3])))

# %% seed_generator_state_roundtrip rtol=1e-5 atol=1e-6
import torch

g = torch.Generator().manual_seed(77)
torch.randn(5, generator=g)
st = g.get_state()
print(st.dtype, st.shape, st.device)
a = torch.randn(3, generator=g)
g.set_state(st)
b = torch.randn(3, generator=g)
print(a, torch.equal(a, b))
h = torch.Generator()
h.set_state(g.get_state())
print(torch.equal(torch.rand(4, generator=g), torch.rand(4, generator=h)), h.initial_seed())
try:
    g.set_state(torch.zeros(10, dtype=torch.uint8))
except Exception as e:
    print(type(e).__name__)
g2 = torch.Generator().manual_seed(5)
print(torch.Generator().manual_seed(5).get_state().equal(g2.get_state()))

# %% seed_global_state_roundtrip rtol=1e-5 atol=1e-6
import torch

torch.manual_seed(13)
torch.randn(1)
s = torch.get_rng_state()
x = torch.randn(5)
torch.set_rng_state(s)
y = torch.randn(5)
print(x, torch.equal(x, y))
torch.manual_seed(13)
torch.randn(1)
print(torch.get_rng_state().equal(s), torch.initial_seed())
torch.set_rng_state(s)
print(torch.randn(2), torch.rand(2), torch.randn(1))
torch.random.manual_seed(14)
print(torch.random.initial_seed(), torch.rand(2))
torch.random.set_rng_state(s)
print(torch.randn(1))

# %% seed_fork_rng rtol=1e-5 atol=1e-6
import torch

torch.manual_seed(15)
with torch.random.fork_rng():
    a = torch.rand(3)
b = torch.rand(3)
print(a, torch.equal(a, b))
with torch.random.fork_rng(enabled=False):
    c = torch.rand(2)
d = torch.rand(2)
print(c, d)
with torch.random.fork_rng(devices=[]):
    torch.manual_seed(100)
    print(torch.rand(1))
print(torch.rand(1), torch.initial_seed())

# %% seed_seed_and_initial_seed strict
import torch

torch.manual_seed(16)
print(torch.initial_seed())
s = torch.seed()
print(type(s).__name__, s == torch.initial_seed(), 0 <= s < 2**64)
x = torch.rand(3)
torch.manual_seed(s)
print(torch.equal(x, torch.rand(3)))
g = torch.Generator()
s2 = g.seed()
print(s2 == g.initial_seed(), type(s2).__name__)
print(torch.manual_seed(17) is torch.default_generator, torch.default_generator.initial_seed())

# %% seed_init_functions_shapes rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn

torch.manual_seed(18)
for shape in [(5, 3), (4, 2, 3), (2, 3, 2, 2, 2)]:
    w = torch.empty(shape)
    nn.init.xavier_uniform_(w)
    print(shape, round(w.std().item(), 4), w.flatten()[:3])
    nn.init.xavier_normal_(w, gain=2.0)
    print(w.flatten()[:3])
    nn.init.kaiming_uniform_(w, a=0.1)
    print(w.flatten()[:3])
    nn.init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu")
    print(w.flatten()[:3])
b = torch.empty(6)
nn.init.uniform_(b, -1, 1); print(b)
nn.init.normal_(b, 0.0, 0.1); print(b)
nn.init.trunc_normal_(b, std=0.5, a=-0.6, b=0.6); print(b)
try:
    nn.init.xavier_uniform_(torch.empty(5))
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.init.kaiming_uniform_(torch.empty(5))
except Exception as e:
    print(type(e).__name__, e)

# %% seed_init_orthogonal_sparse rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(19)
w = torch.empty(3, 5)
nn.init.orthogonal_(w)
print(w)
w = torch.empty(4, 2)
nn.init.orthogonal_(w, gain=0.5)
print(w)
s = torch.empty(6, 4)
nn.init.sparse_(s, sparsity=0.5)
print(s)
e = torch.empty(3, 3)
nn.init.eye_(e); print(e)
d = torch.empty(2, 2, 3)
nn.init.dirac_(d); print(d)
print(nn.init.calculate_gain("leaky_relu", 0.2), nn.init.calculate_gain("selu"), nn.init.calculate_gain("tanh"))

# %% seed_default_init_linear_conv rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn

torch.manual_seed(20)
for m in [nn.Linear(3, 2), nn.Conv1d(2, 2, 3), nn.Conv2d(1, 2, 2), nn.Conv3d(1, 1, 2), nn.ConvTranspose1d(2, 3, 2),
          nn.ConvTranspose2d(2, 1, 2, groups=1), nn.Conv2d(4, 4, 1, groups=2), nn.Bilinear(2, 3, 2)]:
    print(type(m).__name__)
    for k, v in m.named_parameters():
        print(" ", k, tuple(v.shape), [round(t, 4) for t in v.flatten().tolist()[:4]])
print(nn.Linear(3, 2, bias=False).weight)

# %% seed_default_init_embed_norm rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn

torch.manual_seed(21)
e = nn.Embedding(5, 3)
print(e.weight)
e = nn.Embedding(4, 2, padding_idx=1)
print(e.weight)
ln = nn.LayerNorm(3)
bn = nn.BatchNorm1d(3)
print(ln.weight, ln.bias, bn.weight, bn.running_var)
print(torch.rand(2))
eb = nn.EmbeddingBag(3, 2)
print(eb.weight)

# %% seed_default_init_rnns rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn

torch.manual_seed(22)
for m in [nn.RNN(2, 3), nn.GRU(2, 2), nn.LSTM(2, 2, num_layers=2, bidirectional=True), nn.LSTMCell(2, 2)]:
    print(type(m).__name__)
    for k, v in m.named_parameters():
        print(" ", k, tuple(v.shape), [round(t, 4) for t in v.flatten().tolist()[:3]])
print(torch.rand(1))

# %% seed_default_init_attention rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn

torch.manual_seed(23)
mha = nn.MultiheadAttention(4, 2)
for k, v in mha.named_parameters():
    print(k, tuple(v.shape), [round(t, 4) for t in v.flatten().tolist()[:4]])
mha2 = nn.MultiheadAttention(4, 2, kdim=3, vdim=5, add_bias_kv=True)
for k, v in mha2.named_parameters():
    print(k, tuple(v.shape), [round(t, 4) for t in v.flatten().tolist()[:3]])
layer = nn.TransformerEncoderLayer(d_model=4, nhead=2, dim_feedforward=6)
for k, v in layer.named_parameters():
    print(k, [round(t, 4) for t in v.flatten().tolist()[:2]])

# %% seed_dropout_masks rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(24)
x = torch.ones(2, 8)
print(nn.Dropout(0.5)(x))
print(F.dropout(x, 0.25, training=True))
print(F.dropout(torch.ones(17), 0.3))
print(nn.Dropout1d(0.5)(torch.ones(2, 4, 3)))
print(nn.Dropout2d(0.5)(torch.ones(1, 6, 2, 2)).sum((2, 3)))
print(nn.Dropout3d(0.5)(torch.ones(2, 3, 1, 2, 1)).flatten())
d = nn.Dropout(0.5); d.eval(); print(d(x).sum())
print(F.dropout(x, 0.5, training=False).sum(), F.dropout(torch.ones(3, dtype=torch.float64), 0.5))
y = torch.ones(6)
F.dropout(y, 0.5, inplace=True)
print(y)

# %% seed_alpha_dropout_masks rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(25)
x = torch.linspace(-1, 1, 8)
print(nn.AlphaDropout(0.5)(x))
print(F.alpha_dropout(x, 0.2, training=True))
print(nn.FeatureAlphaDropout(0.5)(torch.ones(2, 4, 2)))
print(F.feature_alpha_dropout(torch.ones(1, 3, 2), 0.4, training=True))
print(F.dropout2d(torch.ones(2, 3, 2), 0.5).sum(-1))

# %% seed_dist_sample_main_generator rtol=1e-5 atol=1e-6
import torch
from torch import distributions as D

torch.manual_seed(26)
print(D.Normal(torch.zeros(3), torch.ones(3)).sample())
print(D.Normal(1.0, 2.0).rsample((4,)))
print(D.Uniform(-1.0, 1.0).sample((5,)))
print(D.Bernoulli(probs=torch.tensor([0.2, 0.5, 0.9])).sample((2,)))
print(D.Categorical(probs=torch.tensor([0.1, 0.6, 0.3])).sample((8,)))
print(D.Categorical(logits=torch.zeros(2, 4)).sample())
print(D.Exponential(torch.tensor([1.0, 5.0])).sample((2,)))
print(D.Laplace(0.0, 1.0).sample((4,)))
print(D.MultivariateNormal(torch.zeros(2), torch.tensor([[2.0, 0.5], [0.5, 1.0]])).sample((3,)))
print(D.Geometric(probs=torch.tensor(0.3)).sample((5,)))
print(D.Cauchy(0.0, 1.0).sample((3,)), D.LogNormal(0.0, 1.0).sample((3,)))
print(D.Gumbel(0.0, 1.0).sample((3,)), D.OneHotCategorical(torch.ones(3)).sample((2,)))

# %% seed_data_order_generators strict
import torch
from torch.utils.data import DataLoader, TensorDataset, RandomSampler, random_split, SubsetRandomSampler, WeightedRandomSampler

torch.manual_seed(27)
ds = TensorDataset(torch.arange(10))
print([b[0].tolist() for b in DataLoader(ds, batch_size=4, shuffle=True)])
print(list(RandomSampler(range(7))))
print(list(RandomSampler(range(5), replacement=True, num_samples=8)))
print([s.indices for s in random_split(range(9), [4, 5], generator=torch.Generator().manual_seed(1))])
print([list(s) for s in random_split(range(10), [0.3, 0.7])])
print(list(SubsetRandomSampler([10, 20, 30, 40], generator=torch.Generator().manual_seed(2))))
print(list(WeightedRandomSampler([0.1, 0.9, 0.5], 6, generator=torch.Generator().manual_seed(3))))
g = torch.Generator().manual_seed(4)
dl = DataLoader(ds, batch_size=5, shuffle=True, generator=g)
print([b[0].tolist() for b in dl], [b[0].tolist() for b in dl])

# %% seed_noncontiguous_fills rtol=1e-5 atol=1e-6
import torch

torch.manual_seed(28)
a = torch.zeros(3, 4).t()
a.uniform_(-1, 1)
print(a)
b = torch.zeros(2, 5, dtype=torch.int64).t()
print(b.random_(0, 100))
c = torch.zeros(4, 3).t()
print(c.bernoulli_(0.5), c.is_contiguous())
d = torch.zeros(3, 2).t()
print(d.exponential_())
e = torch.zeros(2, 3, 4).permute(2, 0, 1)
print(e.normal_().flatten()[:6])
print(torch.rand_like(torch.zeros(3, 2).t()))
print(torch.randn_like(torch.zeros(4, 2).t()))
print(torch.randint_like(torch.zeros(3, 2).t(), 10))

import torch
import torch.nn.functional as F

torch.manual_seed(29)
x = torch.ones(4, 3).t()
print(F.dropout(x, 0.5))
print(F.dropout(torch.ones(2, 3, 2).transpose(0, 2), 0.3))
print(torch.bernoulli(torch.full((3, 2), 0.5).t()))
print(F.dropout(torch.ones(6, 4)[:, ::2], 0.5))

# %% seed_randint_range_threshold strict
import torch

torch.manual_seed(30)
for hi in (2**27, 2**28 - 1, 2**28, 2**31, 2**32, 2**33):
    print(hi, torch.randint(0, hi, (3,)).tolist())
print(torch.randint(-2**30, 2**30, (3,)))
print(torch.empty(3, dtype=torch.int64).random_(0, 2**29))
print(torch.empty(2, dtype=torch.int64).random_(-2**62, 2**62))
print(torch.rand(2))

# %% seed_float16_fills rtol=1e-3 atol=1e-3
import torch

torch.manual_seed(31)
for n in (15, 16, 17, 33):
    print(n, torch.randn(n, dtype=torch.float16)[-4:])
print(torch.empty(6, dtype=torch.float16).uniform_(-3, 3))
print(torch.empty(5, dtype=torch.float16).normal_(2.0, 0.5))
print(torch.empty(20, dtype=torch.float16).normal_(2.0, 0.5)[-3:])
print(torch.empty(4, dtype=torch.float16).exponential_(), torch.empty(4, dtype=torch.float16).cauchy_())
print(torch.empty(5, dtype=torch.float16).random_(), torch.empty(3, dtype=torch.float16).random_(0, 5))
print(torch.rand(1))

# %% seed_inplace_sampler_errors
import torch

cases = [
    lambda: torch.empty(3).geometric_(0),
    lambda: torch.empty(3).geometric_(1.0),
    lambda: torch.empty(3).log_normal_(0, 0),
    lambda: torch.empty(3, dtype=torch.int64).exponential_(),
    lambda: torch.empty(3).exponential_(-1),
    lambda: torch.empty(3).cauchy_(sigma=-1),
    lambda: torch.empty(3).bernoulli_(1.5),
    lambda: torch.empty(3).bernoulli_(torch.tensor([1.5, 0.0, 0.0])),
    lambda: torch.bernoulli(torch.tensor([-0.5])),
    lambda: torch.empty(3).uniform_(2, 1),
    lambda: torch.empty(3).normal_(0, -1),
    lambda: torch.empty(3, dtype=torch.int64).random_(5, 2),
    lambda: torch.empty(3, dtype=torch.int64).uniform_(),
]
for f in cases:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
torch.manual_seed(32)
print(torch.empty(4, dtype=torch.int64).geometric_(0.5), torch.empty(4, dtype=torch.int32).geometric_(0.2))

# %% seed_cauchy_family_samples rtol=1e-5 atol=1e-5
import torch
from torch import distributions as D

torch.manual_seed(33)
print(D.Cauchy(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 0.5])).sample((3,)))
print(D.HalfCauchy(torch.tensor(2.0)).sample((4,)))
c = D.Cauchy(torch.zeros(2, dtype=torch.float64), torch.ones(2, dtype=torch.float64))
print(c.rsample((2,)))
print(D.HalfNormal(1.0).sample((3,)), D.Pareto(1.0, 2.0).sample((3,)), D.Weibull(1.0, 2.0).sample((3,)))
print(D.RelaxedBernoulli(torch.tensor(0.5), probs=torch.tensor([0.3, 0.6])).sample())
print(D.ContinuousBernoulli(torch.tensor([0.3, 0.8])).sample((2,)))

# %% seed_rng_state_cache_and_large_seeds rtol=1e-5 atol=1e-6
import torch

torch.manual_seed(34)
torch.randn(3)
s = torch.get_rng_state()
a = torch.randn(1)
b = torch.randn(1)
torch.set_rng_state(s)
print(a, b, torch.randn(2))
g = torch.Generator().manual_seed(34)
torch.randn(5, generator=g)
st = g.get_state()
x = torch.empty(3).normal_(generator=g)
g.set_state(st)
print(x, torch.empty(3).normal_(generator=g))
torch.manual_seed(34)
print(torch.randn(1), torch.rand(1), torch.randn(1), torch.randn(2, 2))

import torch

for s in (0, 1, 2**32, 2**32 + 1, 2**40 + 7, 2**63 - 1, -5):
    torch.manual_seed(s)
    print(s, torch.initial_seed(), torch.rand(2), torch.randint(0, 1000, (2,)))
g = torch.Generator()
print(g.manual_seed(2**50).initial_seed(), torch.rand(1, generator=g))

# %% seed_init_with_generator rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn

g = torch.Generator().manual_seed(35)
w = torch.empty(3, 4)
nn.init.uniform_(w, generator=g); print(w)
nn.init.normal_(w, std=0.02, generator=g); print(w)
nn.init.xavier_uniform_(w, generator=g); print(w)
nn.init.kaiming_normal_(w, generator=g); print(w)
nn.init.trunc_normal_(w, std=0.5, generator=g); print(w)
nn.init.orthogonal_(w, generator=g); print(w)
torch.manual_seed(35)
print(nn.init.uniform_(torch.empty(4)))

# %% seed_mlp_dropout_forward rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(36)
model = nn.Sequential(nn.Linear(5, 8), nn.ReLU(), nn.Dropout(0.3), nn.Linear(8, 3))
x = torch.randn(4, 5)
y = torch.randint(0, 3, (4,))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(3):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
model.eval()
print(model(x))
print(model[3].bias)

# %% seed_multinomial_large_rows strict
import torch

torch.manual_seed(37)
p = torch.rand(3, 10)
print(torch.multinomial(p, 4))
print(torch.multinomial(p, 1))
print(torch.multinomial(p, 1, replacement=True))
print(torch.multinomial(p, 12, replacement=True))
print(torch.multinomial(torch.rand(50, dtype=torch.float64), 5))
print(torch.multinomial(torch.tensor([0.0, 0.0, 1.0, 0.0]), 1), torch.multinomial(torch.tensor([0.0, 3.0, 1.0]), 2))

# %% seed_gamma_poisson_binomial_samples rtol=1e-5 atol=1e-6
import torch
from torch import distributions as D

torch.manual_seed(38)
print(D.Gamma(torch.tensor([0.5, 2.0, 9.0]), torch.tensor([1.0, 2.0, 0.5])).sample((2,)))
print(D.Gamma(torch.tensor(0.3, dtype=torch.float64), 1.0).rsample((4,)))
print(D.Beta(torch.tensor([0.5, 2.0]), torch.tensor([0.5, 3.0])).sample((3,)))
print(D.Dirichlet(torch.tensor([0.2, 1.0, 4.0])).sample((2,)))
print(D.Chi2(torch.tensor([3.0])).sample((3,)), D.StudentT(torch.tensor(4.0)).sample((3,)))
print(D.Exponential(2.0).sample((2,)), torch.randn(2))

import torch
from torch import distributions as D

torch.manual_seed(39)
print(torch.poisson(torch.tensor([0.0, 0.5, 3.0, 12.0, 250.0])))
print(torch.poisson(torch.full((2, 3), 7.5, dtype=torch.float64)))
print(D.Poisson(torch.tensor([1.0, 40.0])).sample((3,)))
print(torch.binomial(torch.tensor([10.0, 100.0, 5.0, 60.0]), torch.tensor([0.3, 0.5, 0.9, 0.8])))
print(D.Binomial(20, torch.tensor([0.1, 0.6])).sample((3,)))
print(D.NegativeBinomial(torch.tensor(5.0), torch.tensor(0.3)).sample((4,)))
print(D.Multinomial(10, torch.tensor([0.2, 0.3, 0.5])).sample((2,)))
print(torch.poisson(torch.tensor([2.0, 30.0]), generator=torch.Generator().manual_seed(1)))
try:
    torch.poisson(torch.tensor([-1.0]))
except Exception as e:
    print(type(e).__name__, e)

# %% seed_samplers_and_more_inits rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
from torch.utils.data import RandomSampler, BatchSampler

torch.manual_seed(40)
p = torch.randperm(200000)
print(p[:5].tolist(), p[-5:].tolist())
print(list(RandomSampler(range(5), num_samples=12)))
print(list(RandomSampler(range(5), replacement=True, num_samples=40))[-6:])
print(list(BatchSampler(RandomSampler(range(7)), 3, False)))
print([round(v, 5) for v in nn.GRUCell(3, 2).weight_hh.flatten()[:3].tolist()])
print([round(v, 5) for v in nn.ConvTranspose3d(2, 2, 2).weight.flatten()[:3].tolist()])
print(nn.PReLU().weight, nn.RNN(3, 2, nonlinearity="relu", bias=False).weight_ih_l0)
m = nn.Transformer(d_model=4, nhead=2, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=4)
print([round(v, 5) for v in m.encoder.layers[0].linear1.weight.flatten()[:3].tolist()])
print([round(v, 5) for v in m.decoder.layers[0].multihead_attn.in_proj_weight.flatten()[:3].tolist()])
print(torch.rand(1))
