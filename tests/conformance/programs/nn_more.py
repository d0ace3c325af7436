# More nn programs: attention, transformer blocks, resampling, packing, printing of parameters/state.

# %% self_attention_module
import math
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

class SelfAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)
        q = q.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2)
        k = k.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2)
        v = v.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        att = att.masked_fill(torch.tril(torch.ones(T, T)).view(1, 1, T, T) == 0, float("-inf"))
        att = F.softmax(att, dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
        return self.proj(y)

rng = np.random.default_rng(0)
m = SelfAttention(8, 2)
m.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
x = torch.from_numpy(rng.standard_normal((2, 5, 8)).astype(np.float32))
y = m(x)
print(y[0, :2], y.shape)
y.sum().backward()
print(m.qkv.weight.grad.abs().sum(), m.proj.bias.grad)

# %% sdpa_and_mha
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(1)
q = torch.from_numpy(rng.standard_normal((2, 2, 4, 3)).astype(np.float32))
k = torch.from_numpy(rng.standard_normal((2, 2, 4, 3)).astype(np.float32))
v = torch.from_numpy(rng.standard_normal((2, 2, 4, 3)).astype(np.float32))
print(F.scaled_dot_product_attention(q, k, v)[0, 0], F.scaled_dot_product_attention(q, k, v, is_causal=True)[1, 1])
mha = nn.MultiheadAttention(embed_dim=6, num_heads=2, batch_first=True)
mha.load_state_dict({k_: torch.from_numpy(rng.normal(0, 0.3, tuple(v_.shape)).astype(np.float32)) for k_, v_ in mha.state_dict().items()})
print([(k_, tuple(v_.shape)) for k_, v_ in mha.state_dict().items()])
x = torch.from_numpy(rng.standard_normal((2, 4, 6)).astype(np.float32))
out, w = mha(x, x, x)
print(out[0], w.shape, w[0].sum(-1))
out2, _ = mha(x, x, x, need_weights=False, attn_mask=torch.triu(torch.ones(4, 4, dtype=torch.bool), 1))
print(out2[1, -1])

# %% transformer_encoder
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(2)
layer = nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, dropout=0.0, batch_first=True)
enc = nn.TransformerEncoder(layer, num_layers=2, enable_nested_tensor=False)
enc.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.2, tuple(v.shape)).astype(np.float32)) for k, v in enc.state_dict().items()})
print(list(enc.state_dict().keys())[:8], len(enc.state_dict()))
x = torch.from_numpy(rng.standard_normal((2, 5, 8)).astype(np.float32))
enc.eval()
with torch.no_grad():
    y = enc(x)
print(y[0, 0], y.shape)

# %% interpolate_and_shuffle
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.arange(16.0).view(1, 1, 4, 4)
print(F.interpolate(x, scale_factor=2, mode="nearest")[0, 0, :3, :3], F.interpolate(x, size=(2, 2), mode="bilinear", align_corners=False))
print(F.interpolate(x, size=(3, 5), mode="bilinear", align_corners=True)[0, 0], nn.Upsample(scale_factor=2)(x).shape)
print(F.interpolate(torch.arange(4.0).view(1, 1, 4), size=7, mode="linear"), F.interpolate(x, scale_factor=0.5, mode="area"))
y = torch.arange(32.0).view(1, 8, 2, 2)
print(F.pixel_shuffle(y, 2).shape, F.pixel_shuffle(y, 2)[0, 0], nn.PixelUnshuffle(2)(F.pixel_shuffle(y, 2)).equal(y))

# %% pack_padded_lstm
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence
import numpy as np

rng = np.random.default_rng(3)
seqs = [torch.from_numpy(rng.standard_normal((n, 3)).astype(np.float32)) for n in (5, 3, 2)]
padded = pad_sequence(seqs, batch_first=True)
print(padded.shape, padded[2, :, 0])
lengths = torch.tensor([5, 3, 2])
lstm = nn.LSTM(3, 4, batch_first=True)
lstm.load_state_dict({k: torch.from_numpy(rng.uniform(-0.4, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in lstm.state_dict().items()})
packed = pack_padded_sequence(padded, lengths, batch_first=True)
out, (h, c) = lstm(packed)
unpacked, lens = pad_packed_sequence(out, batch_first=True)
print(unpacked.shape, lens, h[0], unpacked[1, 3])

# %% weight_tying_and_sharing
import torch
import torch.nn as nn
import numpy as np

class TiedLM(nn.Module):
    def __init__(self, vocab, d):
        super().__init__()
        self.emb = nn.Embedding(vocab, d)
        self.out = nn.Linear(d, vocab, bias=False)
        self.out.weight = self.emb.weight

    def forward(self, x):
        return self.out(self.emb(x))

m = TiedLM(7, 3)
with torch.no_grad():
    m.emb.weight.copy_(torch.from_numpy(np.random.default_rng(4).standard_normal((7, 3)).astype(np.float32)))
print(len(list(m.parameters())), [n for n, _ in m.named_parameters()], list(m.state_dict().keys()))
logits = m(torch.tensor([[1, 2, 3]]))
logits.logsumexp(-1).sum().backward()
print(logits.shape, m.emb.weight.grad.sum(0), m.out.weight is m.emb.weight)
shared = nn.Linear(2, 2)
seq = nn.Sequential(shared, nn.ReLU(), shared)
print(sum(p.numel() for p in seq.parameters()), len(list(seq.modules())), len(seq.state_dict()))

# %% print_params_and_state strict
import torch
import torch.nn as nn

lin = nn.Linear(2, 3)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]))
    lin.bias.copy_(torch.tensor([-1.0, 0.0, 1.0]))
print(lin.weight)
print(lin.state_dict())
print(list(lin.parameters()))
print(lin.bias.data, lin.weight.T, lin.weight.grad)
bn = nn.BatchNorm1d(2)
print(bn.state_dict())
opt = torch.optim.SGD(lin.parameters(), lr=0.1, momentum=0.9)
print(opt)
print(opt.state_dict())
print(torch.optim.Adam(lin.parameters(), lr=1e-3, weight_decay=0.01))

# %% init_functions
import torch
import torch.nn as nn

w = torch.empty(3, 4)
nn.init.constant_(w, 0.3)
print(w)
nn.init.ones_(w); print(w.sum())
nn.init.zeros_(w); print(w.abs().sum())
nn.init.eye_(w); print(w)
c = torch.empty(2, 2, 3)
nn.init.dirac_(c); print(c)
print(nn.init.calculate_gain("relu"), nn.init.calculate_gain("leaky_relu", 0.2), nn.init.calculate_gain("tanh"), nn.init.calculate_gain("selu"))
for fn in [nn.init.xavier_uniform_, nn.init.kaiming_uniform_, nn.init.kaiming_normal_, nn.init.xavier_normal_, nn.init.orthogonal_]:
    t = torch.empty(64, 32)
    fn(t)
    print(fn.__name__, t.shape, round(abs(t.std().item()) * 10) / 10 if fn.__name__ != "orthogonal_" else torch.allclose(t.T @ t, torch.eye(32), atol=1e-4))
t = torch.empty(1000)
nn.init.uniform_(t, -2, 2); print(bool(t.min() >= -2), bool(t.max() <= 2))
nn.init.trunc_normal_(t, std=1.0, a=-0.5, b=0.5); print(bool(t.abs().max() <= 0.5))

# %% functional_layers
import torch
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(5)
x = torch.from_numpy(rng.standard_normal((1, 2, 5, 5)).astype(np.float32))
w = torch.from_numpy(rng.standard_normal((4, 1, 3, 3)).astype(np.float32))
print(F.conv2d(x, w, groups=2, padding=1).shape, F.conv2d(x, w[:2].repeat(1, 2, 1, 1), stride=2).sum())
print(F.pad(x, (1, 1, 1, 1), mode="reflect")[0, 0, 0], F.pad(x, (1, 0, 0, 1), mode="replicate").shape, F.pad(x, (2, 2), value=-1.0)[0, 0, 0])
print(F.max_pool2d(x, 2, return_indices=True)[1][0, 0], F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=False)[0, 1, 0])
print(F.adaptive_avg_pool2d(x, (2, 3)).shape, F.adaptive_max_pool2d(x, 1).view(-1), F.lp_pool2d(x.abs(), 2, 2).shape)
print(F.unfold(x, kernel_size=2).shape, F.fold(F.unfold(x, 2, stride=2), (4, 4), 2, stride=2).shape)
print(F.linear(x.view(2, 25), torch.ones(3, 25)), F.bilinear(torch.ones(2, 3), torch.ones(2, 4), torch.ones(5, 3, 4)).shape)
print(F.batch_norm(x, torch.zeros(2), torch.ones(2), training=False)[0, 0, 0], F.instance_norm(x)[0, 0, 0], F.group_norm(x, 1)[0, 1, 0])
print(F.embedding(torch.tensor([[0, 2]]), torch.arange(9.0).view(3, 3)), F.gumbel_softmax(torch.zeros(2, 3), tau=1.0, hard=True).sum(-1))

# %% double_precision_model rtol=1e-7 atol=1e-9
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(6)
model = nn.Sequential(nn.Linear(3, 5), nn.Sigmoid(), nn.Linear(5, 1)).double()
model.load_state_dict({k: torch.from_numpy(rng.uniform(-1, 1, tuple(v.shape))) for k, v in model.state_dict().items()})
X = torch.from_numpy(rng.standard_normal((20, 3)))
Y = torch.from_numpy(rng.standard_normal((20, 1)))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for _ in range(20):
    opt.zero_grad()
    loss = ((model(X) - Y) ** 2).mean()
    loss.backward()
    opt.step()
print(loss.item(), model[0].weight.dtype, model[2].weight)
