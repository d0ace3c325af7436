# Sequence models (attention, transformers, RNNs, packing) and module/optimizer printing as scripts use them.

# %% mha_key_padding_bool_float rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(10)
mha = nn.MultiheadAttention(embed_dim=4, num_heads=2, batch_first=True)
mha.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in mha.state_dict().items()})
x = torch.from_numpy(rng.standard_normal((2, 3, 4)).astype(np.float32))
kpm = torch.tensor([[False, False, True], [False, True, True]])
out, w = mha(x, x, x, key_padding_mask=kpm)
print(out, w)
fmask = torch.zeros(2, 3).masked_fill(kpm, float("-inf"))
out2, w2 = mha(x, x, x, key_padding_mask=fmask)
print(torch.allclose(out, out2, atol=1e-6), torch.allclose(w, w2, atol=1e-6))
print(w[:, :, 2])

# %% mha_per_head_weights rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(11)
mha = nn.MultiheadAttention(6, 3)
mha.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in mha.state_dict().items()})
q = torch.from_numpy(rng.standard_normal((2, 2, 6)).astype(np.float32))
kv = torch.from_numpy(rng.standard_normal((4, 2, 6)).astype(np.float32))
out, w = mha(q, kv, kv, average_attn_weights=False)
print(out.shape, w.shape, w[0, 1])
out_a, w_a = mha(q, kv, kv)
print(w_a.shape, torch.allclose(w_a, w.mean(1), atol=1e-6))
out_n, w_n = mha(q, kv, kv, need_weights=False)
print(w_n, torch.allclose(out_n, out, atol=1e-6))
print(out[1, 0])

# %% mha_3d_attn_mask rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(12)
mha = nn.MultiheadAttention(4, 2, batch_first=True)
mha.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in mha.state_dict().items()})
x = torch.from_numpy(rng.standard_normal((2, 3, 4)).astype(np.float32))
m3 = torch.from_numpy(rng.standard_normal((4, 3, 3)).astype(np.float32))
out, w = mha(x, x, x, attn_mask=m3)
print(out[0], w[1])
try:
    mha(x, x, x, attn_mask=torch.zeros(3, 3, 3))
except Exception as e:
    print(type(e).__name__, e)
try:
    mha(x, x, x, attn_mask=torch.zeros(2, 3))
except Exception as e:
    print(type(e).__name__, e)

# %% mha_kdim_vdim rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(13)
mha = nn.MultiheadAttention(4, 2, kdim=3, vdim=5, batch_first=True)
print([(k, tuple(v.shape)) for k, v in mha.state_dict().items()])
print(mha.in_proj_weight, mha._qkv_same_embed_dim)
mha.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in mha.state_dict().items()})
q = torch.from_numpy(rng.standard_normal((1, 2, 4)).astype(np.float32))
k = torch.from_numpy(rng.standard_normal((1, 3, 3)).astype(np.float32))
v = torch.from_numpy(rng.standard_normal((1, 3, 5)).astype(np.float32))
out, w = mha(q, k, v)
print(out, w)
print(sum(p.numel() for p in mha.parameters()))

# %% mha_bias_kv_zero_attn rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(14)
mha = nn.MultiheadAttention(4, 2, add_bias_kv=True, add_zero_attn=True, bias=False)
print([(k, tuple(v.shape)) for k, v in mha.state_dict().items()])
mha.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in mha.state_dict().items()})
x = torch.from_numpy(rng.standard_normal((3, 1, 4)).astype(np.float32))
out, w = mha(x, x, x)
print(out[:, 0], w.shape, w[0])

# %% mha_errors strict
import torch
import torch.nn as nn

try:
    nn.MultiheadAttention(5, 2)
except Exception as e:
    print(type(e).__name__, e)
mha = nn.MultiheadAttention(4, 2)
print(mha.head_dim, mha.num_heads, mha.embed_dim, mha.batch_first, mha.dropout)
print(mha)
print(mha.out_proj)

# %% mha_grad_flow rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(15)
mha = nn.MultiheadAttention(4, 2, batch_first=True)
mha.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in mha.state_dict().items()})
x = torch.from_numpy(rng.standard_normal((2, 3, 4)).astype(np.float32)).requires_grad_()
mask = nn.Transformer.generate_square_subsequent_mask(3)
out, _ = mha(x, x, x, attn_mask=mask, is_causal=True)
out.pow(2).sum().backward()
print(x.grad[0], mha.in_proj_bias.grad, mha.out_proj.weight.grad.sum())

# %% sdpa_masks_scale rtol=1e-4 atol=1e-5
import torch
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(16)
q = torch.from_numpy(rng.standard_normal((2, 3, 4)).astype(np.float32))
k = torch.from_numpy(rng.standard_normal((2, 5, 4)).astype(np.float32))
v = torch.from_numpy(rng.standard_normal((2, 5, 2)).astype(np.float32))
print(F.scaled_dot_product_attention(q, k, v).shape)
bmask = torch.tensor([[True, True, False, True, False]] * 3)
print(F.scaled_dot_product_attention(q, k, v, attn_mask=bmask)[0])
fmask = torch.from_numpy(rng.standard_normal((3, 5)).astype(np.float32))
print(F.scaled_dot_product_attention(q, k, v, attn_mask=fmask)[1])
print(F.scaled_dot_product_attention(q, k, v, scale=0.1, dropout_p=0.0)[0, 0])
print(F.scaled_dot_product_attention(q, k, v, is_causal=True)[1])
manual = torch.softmax(q @ k.transpose(-2, -1) / 2.0, dim=-1) @ v
print(torch.allclose(manual, F.scaled_dot_product_attention(q, k, v), atol=1e-6))

# %% sdpa_grad rtol=1e-4 atol=1e-5
import torch
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(17)
q = torch.from_numpy(rng.standard_normal((1, 2, 3, 4)).astype(np.float32)).requires_grad_()
k = torch.from_numpy(rng.standard_normal((1, 2, 3, 4)).astype(np.float32)).requires_grad_()
v = torch.from_numpy(rng.standard_normal((1, 2, 3, 4)).astype(np.float32)).requires_grad_()
out = F.scaled_dot_product_attention(q, k, v, is_causal=True)
(out * torch.arange(4.0)).sum().backward()
print(q.grad[0, 1], k.grad[0, 0], v.grad.sum((0, 1)))

# %% transformer_norm_first_gelu_train_step rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(18)
layer = nn.TransformerEncoderLayer(8, 2, dim_feedforward=12, dropout=0.0, activation="gelu", batch_first=True, norm_first=True)
layer.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in layer.state_dict().items()})
print([n for n, _ in layer.named_parameters()])
x = torch.from_numpy(rng.standard_normal((2, 4, 8)).astype(np.float32))
opt = torch.optim.SGD(layer.parameters(), lr=0.05)
for _ in range(2):
    opt.zero_grad()
    loss = layer(x, src_mask=nn.Transformer.generate_square_subsequent_mask(4), is_causal=True).pow(2).mean()
    loss.backward()
    opt.step()
    print(round(loss.item(), 5))
print(layer.linear2.bias)

# %% transformer_encoder_padding_mask rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(19)
layer = nn.TransformerEncoderLayer(4, 2, dim_feedforward=8, dropout=0.0)
enc = nn.TransformerEncoder(layer, 2, norm=nn.LayerNorm(4), enable_nested_tensor=False)
enc.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in enc.state_dict().items()})
print(list(enc.state_dict().keys())[-4:])
x = torch.from_numpy(rng.standard_normal((3, 2, 4)).astype(np.float32))
pad = torch.tensor([[False, False, True], [False, False, False]])
enc.eval()
with torch.no_grad():
    y = enc(x, src_key_padding_mask=pad)
print(y[:, 0], y.shape)

# %% transformer_full_model rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(20)
model = nn.Transformer(d_model=4, nhead=2, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=6, dropout=0.0, batch_first=True)
sd = model.state_dict()
print(len(sd), list(sd.keys())[:5], list(sd.keys())[-6:])
model.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in sd.items()})
src = torch.from_numpy(rng.standard_normal((2, 5, 4)).astype(np.float32))
tgt = torch.from_numpy(rng.standard_normal((2, 3, 4)).astype(np.float32))
out = model(src, tgt, tgt_mask=model.generate_square_subsequent_mask(3))
print(out[0], out.shape)
print(sum(p.numel() for p in model.parameters()), sum(p.numel() for p in model.parameters() if p.requires_grad))

# %% transformer_decoder_stack rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(21)
dl = nn.TransformerDecoderLayer(4, 2, dim_feedforward=8, dropout=0.0, norm_first=True, activation="gelu")
dec = nn.TransformerDecoder(dl, num_layers=2)
print([n for n, _ in dec.named_parameters()][:10])
dec.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in dec.state_dict().items()})
tgt = torch.from_numpy(rng.standard_normal((3, 1, 4)).astype(np.float32))
mem = torch.from_numpy(rng.standard_normal((4, 1, 4)).astype(np.float32))
mkpm = torch.tensor([[False, False, False, True]])
y = dec(tgt, mem, tgt_mask=nn.Transformer.generate_square_subsequent_mask(3), memory_key_padding_mask=mkpm, tgt_is_causal=True)
print(y[:, 0])

# %% transformer_reprs strict
import torch.nn as nn

print(nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, batch_first=True))
print(nn.TransformerDecoderLayer(8, 2, dim_feedforward=16, activation="gelu"))
enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 1, 8), 2, enable_nested_tensor=False)
print(enc)

# %% lstm_multilayer_dropout_eval rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(22)
lstm = nn.LSTM(3, 4, num_layers=3, dropout=0.5)
lstm.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in lstm.state_dict().items()})
print(lstm)
lstm.eval()
x = torch.from_numpy(rng.standard_normal((4, 2, 3)).astype(np.float32))
h0 = torch.from_numpy(rng.standard_normal((3, 2, 4)).astype(np.float32))
c0 = torch.from_numpy(rng.standard_normal((3, 2, 4)).astype(np.float32))
out, (h, c) = lstm(x, (h0, c0))
out2, _ = lstm(x, (h0, c0))
print(out[-1], h[-1], c[0], torch.equal(out, out2))
print(torch.allclose(out[-1], h[-1]))

# %% lstm_proj_size_states rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(23)
lstm = nn.LSTM(3, 5, proj_size=2, bidirectional=True)
print([(k, tuple(v.shape)) for k, v in lstm.state_dict().items()])
lstm.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in lstm.state_dict().items()})
x = torch.from_numpy(rng.standard_normal((3, 2, 3)).astype(np.float32))
out, (h, c) = lstm(x)
print(out.shape, h.shape, c.shape)
print(out[0], h[1])
try:
    lstm(x, (torch.zeros(2, 2, 5), torch.zeros(2, 2, 5)))
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.LSTM(3, 4, proj_size=4)
except Exception as e:
    print(type(e).__name__, e)

# %% gru_rnn_multilayer_initial_state rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(24)
gru = nn.GRU(2, 3, num_layers=2, batch_first=True, bias=False)
print([k for k in gru.state_dict()])
gru.load_state_dict({k: torch.from_numpy(rng.uniform(-0.6, 0.6, tuple(v.shape)).astype(np.float32)) for k, v in gru.state_dict().items()})
x = torch.from_numpy(rng.standard_normal((2, 4, 2)).astype(np.float32))
h0 = torch.from_numpy(rng.standard_normal((2, 2, 3)).astype(np.float32))
out, h = gru(x, h0)
print(out[1], h)
rnn = nn.RNN(2, 3, num_layers=2, nonlinearity="relu", bidirectional=True)
rnn.load_state_dict({k: torch.from_numpy(rng.uniform(-0.6, 0.6, tuple(v.shape)).astype(np.float32)) for k, v in rnn.state_dict().items()})
o, hn = rnn(x.transpose(0, 1))
print(o.shape, hn.shape, o[0, 0], hn[-1])
try:
    gru(x, torch.zeros(1, 2, 3))
except Exception as e:
    print(type(e).__name__, e)

# %% rnn_unbatched_input rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(25)
lstm = nn.LSTM(2, 3, num_layers=2)
lstm.load_state_dict({k: torch.from_numpy(rng.uniform(-0.6, 0.6, tuple(v.shape)).astype(np.float32)) for k, v in lstm.state_dict().items()})
x = torch.from_numpy(rng.standard_normal((4, 2)).astype(np.float32))
out, (h, c) = lstm(x)
print(out.shape, h.shape, c.shape, out[-1])
gru = nn.GRU(2, 3)
gru.load_state_dict({k: torch.from_numpy(rng.uniform(-0.6, 0.6, tuple(v.shape)).astype(np.float32)) for k, v in gru.state_dict().items()})
o, hn = gru(x, torch.zeros(1, 3))
print(o.shape, hn.shape, hn)

# %% packed_unsorted_roundtrip rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
import numpy as np

rng = np.random.default_rng(26)
x = torch.from_numpy(rng.standard_normal((3, 4, 2)).astype(np.float32))
lengths = torch.tensor([2, 4, 1])
packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
print(packed.batch_sizes, packed.sorted_indices, packed.unsorted_indices, packed.data.shape)
gru = nn.GRU(2, 3, batch_first=True)
gru.load_state_dict({k: torch.from_numpy(rng.uniform(-0.6, 0.6, tuple(v.shape)).astype(np.float32)) for k, v in gru.state_dict().items()})
out, h = gru(packed)
padded, lens = pad_packed_sequence(out, batch_first=True, total_length=6)
print(padded.shape, lens, padded[0], h[0])
print(torch.allclose(h[0, 2], padded[2, 0]), torch.allclose(h[0, 0], padded[0, 1]))
back, _ = pad_packed_sequence(packed, batch_first=True)
print(torch.equal(back[1], x[1]), back[2])

# %% packed_bidirectional_lstm_final_states rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence
import numpy as np

rng = np.random.default_rng(27)
seqs = [torch.from_numpy(rng.standard_normal((n, 2)).astype(np.float32)) for n in (2, 4, 3)]
lengths = torch.tensor([len(s) for s in seqs])
padded = pad_sequence(seqs)
lstm = nn.LSTM(2, 3, bidirectional=True, num_layers=2)
lstm.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in lstm.state_dict().items()})
out, (h, c) = lstm(pack_padded_sequence(padded, lengths, enforce_sorted=False))
unp, lens = pad_packed_sequence(out, padding_value=-1.0)
print(unp.shape, lens, unp[:, 0])
feat = torch.cat([h[-2], h[-1]], dim=1)
print(feat)
feat.sum().backward()
print(lstm.weight_hh_l1_reverse.grad.abs().sum() > 0)

# %% embedding_lstm_classifier_step rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

class TextClassifier(nn.Module):
    def __init__(self, vocab, emb, hidden, classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab, emb, padding_idx=0)
        self.lstm = nn.LSTM(emb, hidden, batch_first=True, num_layers=2, dropout=0.2)
        self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(hidden, classes))

    def forward(self, tokens):
        _, (h, _) = self.lstm(self.embedding(tokens))
        return self.head(h[-1])

rng = np.random.default_rng(28)
model = TextClassifier(10, 4, 5, 3)
model.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()})
print(model)
print(sum(p.numel() for p in model.parameters()))
tokens = torch.from_numpy(rng.integers(0, 10, (3, 6)))
labels = torch.tensor([0, 2, 1])
opt = torch.optim.Adam(model.parameters(), lr=0.01)
model.eval()
for step in range(3):
    opt.zero_grad()
    loss = F.cross_entropy(model(tokens), labels)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    print(step, round(loss.item(), 5))
with torch.no_grad():
    print(model(tokens).argmax(1), model.embedding.weight[0])

# %% nested_module_repr strict
import torch.nn as nn

class Block(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(d, d) for _ in range(2)])
        self.heads = nn.ModuleDict({"cls": nn.Linear(d, 2), "reg": nn.Sequential(nn.Linear(d, 1), nn.Sigmoid())})
        self.norm = nn.LayerNorm(d)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)
        self.blocks = nn.Sequential(Block(4), Block(4))
        self.rnn = nn.GRU(4, 4, batch_first=True)
        self.empty = nn.ModuleList()

net = Net()
print(net)
print(net.blocks[0].heads)
print(nn.ModuleDict())
print(nn.Sequential())

# %% named_parameters_transformer_match_state_dict strict
import torch
import torch.nn as nn

m = nn.Transformer(d_model=4, nhead=1, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=4)
names = [n for n, _ in m.named_parameters()]
print(names)
print(names == list(m.state_dict().keys()))
print([n for n, _ in m.named_modules()][:12])
print(sum(p.numel() for p in m.parameters()), sum(p.numel() for p in m.encoder.parameters()))
print({n: tuple(p.shape) for n, p in m.decoder.layers[0].multihead_attn.named_parameters()})

# %% param_count_idioms strict
import torch.nn as nn

model = nn.Sequential(nn.Embedding(100, 8), nn.LSTM(8, 16, num_layers=2, bidirectional=True))
print(sum(p.numel() for p in model.parameters()))
model[0].weight.requires_grad_(False)
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
for name, p in model.named_parameters():
    print(f"{name:30s} {str(tuple(p.shape)):12s} {p.numel():6d} {p.requires_grad}")
print(sum(dict((p.data_ptr(), p.numel()) for p in model.parameters()).values()))
print(f"{sum(p.numel() for p in model.parameters()) / 1e3:.1f}K params")

# %% optimizer_print_groups strict
import torch
import torch.nn as nn

m = nn.Sequential(nn.Linear(2, 3), nn.LayerNorm(3), nn.Linear(3, 1))
decay = [p for n, p in m.named_parameters() if p.ndim == 2]
no_decay = [p for n, p in m.named_parameters() if p.ndim < 2]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}], lr=3e-4, betas=(0.9, 0.95))
print(opt)
print(torch.optim.SGD([{"params": m[0].parameters()}, {"params": m[2].parameters(), "lr": 0.5}], lr=0.1, nesterov=True, momentum=0.9, dampening=0))
print(torch.optim.Adam(m.parameters(), lr=torch.tensor(0.01), amsgrad=True))
print([len(g["params"]) for g in opt.param_groups], sorted(opt.param_groups[0].keys()))

# %% optimizer_state_dict_structure strict
import torch
import torch.nn as nn

m = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
with torch.no_grad():
    for i, p in enumerate(m.parameters()):
        p.fill_(0.1 * (i + 1))
opt = torch.optim.SGD([{"params": m[0].parameters()}, {"params": m[1].parameters(), "lr": 0.2}], lr=0.1, momentum=0.9)
sd = opt.state_dict()
print(sorted(sd.keys()), sd["state"], [g["params"] for g in sd["param_groups"]])
print(sd["param_groups"][0])
m(torch.ones(1, 2)).sum().backward()
opt.step()
sd = opt.state_dict()
print(sorted(sd["state"].keys()), sorted(sd["state"][3].keys()), sd["state"][3]["momentum_buffer"])
adam = torch.optim.Adam(m.parameters())
adam.step()
print(sorted(adam.state_dict()["state"][0].keys()), adam.state_dict()["state"][0]["step"])
m2 = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
opt2 = torch.optim.SGD([{"params": m2[0].parameters()}, {"params": m2[1].parameters(), "lr": 0.2}], lr=0.1, momentum=0.9)
opt2.load_state_dict(sd)
print(opt2.state[m2[1].bias]["momentum_buffer"], opt2.param_groups[1]["lr"])

# %% scheduler_state_dict_keys strict
import torch
import torch.nn as nn

p = nn.Parameter(torch.zeros(1))
opt = torch.optim.SGD([p], lr=0.1)
scheds = [
    torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5),
    torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10),
    torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 0.9 ** e),
    torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=10),
]
for s in scheds:
    print(type(s).__name__, sorted(s.state_dict().keys()))
s = torch.optim.lr_scheduler.StepLR(torch.optim.SGD([p], lr=0.1), step_size=2, gamma=0.5)
for _ in range(3):
    s.optimizer.step()
    s.step()
sd = s.state_dict()
print(sd["last_epoch"], sd["_last_lr"], sd["base_lrs"], sd["step_size"], sd["gamma"])

# %% seq2seq_gru_teacher_forcing rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

class Seq2Seq(nn.Module):
    def __init__(self, vocab, d):
        super().__init__()
        self.emb = nn.Embedding(vocab, d)
        self.enc = nn.GRU(d, d, batch_first=True)
        self.dec = nn.GRUCell(d, d)
        self.out = nn.Linear(d, vocab)

    def forward(self, src, tgt):
        _, h = self.enc(self.emb(src))
        h = h[0]
        logits = []
        for t in range(tgt.size(1)):
            h = self.dec(self.emb(tgt[:, t]), h)
            logits.append(self.out(h))
        return torch.stack(logits, 1)

rng = np.random.default_rng(29)
m = Seq2Seq(6, 3)
m.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
src = torch.from_numpy(rng.integers(0, 6, (2, 4)))
tgt = torch.from_numpy(rng.integers(0, 6, (2, 3)))
logits = m(src, tgt)
loss = F.cross_entropy(logits.reshape(-1, 6), tgt.reshape(-1))
loss.backward()
print(logits.shape, loss, m.dec.weight_hh.grad.norm())
print([n for n, _ in m.named_parameters()])

# %% causal_lm_block_training rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

class TinyLM(nn.Module):
    def __init__(self, vocab, d, ctx):
        super().__init__()
        self.tok = nn.Embedding(vocab, d)
        self.pos = nn.Parameter(torch.zeros(1, ctx, d))
        self.block = nn.TransformerEncoderLayer(d, 2, 2 * d, dropout=0.0, batch_first=True, norm_first=True)
        self.ln = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab, bias=False)

    def forward(self, idx):
        T = idx.size(1)
        x = self.tok(idx) + self.pos[:, :T]
        x = self.block(x, src_mask=nn.Transformer.generate_square_subsequent_mask(T), is_causal=True)
        return self.head(self.ln(x))

rng = np.random.default_rng(30)
m = TinyLM(7, 4, 5)
m.load_state_dict({k: torch.from_numpy(rng.normal(0, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
idx = torch.from_numpy(rng.integers(0, 7, (2, 5)))
opt = torch.optim.AdamW(m.parameters(), lr=0.01, weight_decay=0.1)
for i in range(3):
    logits = m(idx[:, :-1])
    loss = F.cross_entropy(logits.reshape(-1, 7), idx[:, 1:].reshape(-1))
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    print(i, f"{loss.item():.5f}")
print(m.pos.grad[0, -1], m.pos.grad[0, 3])

# %% mha_mask_validation strict
import torch
import torch.nn as nn

mha = nn.MultiheadAttention(4, 2, batch_first=True)
x = torch.zeros(2, 3, 4)
for m in [torch.zeros(3, 3, 3), torch.zeros(2, 3), torch.zeros(4, 3, 3, 1), torch.zeros(3, 3, dtype=torch.int64)]:
    try:
        mha(x, x, x, attn_mask=m)
    except Exception as e:
        print(type(e).__name__, e)
for kpm in [torch.zeros(2, 3, dtype=torch.int64), torch.zeros(2, 3, 1)]:
    try:
        mha(x, x, x, key_padding_mask=kpm)
    except Exception as e:
        print(type(e).__name__, e)
try:
    mha(x[0], x, x)
except Exception as e:
    print(type(e).__name__, e)
mha = nn.MultiheadAttention(4, 2)
try:
    mha(x[0], x[0], x[0], attn_mask=torch.zeros(2, 3, 2))
except Exception as e:
    print(type(e).__name__, e)
out, w = mha(x[0], x[0], x[0], attn_mask=torch.zeros(2, 3, 3))
print(out.shape, w.shape, w)

# %% sdpa_errors_and_bool_causal strict
import torch
import torch.nn.functional as F

q = torch.ones(1, 3, 2)
try:
    F.scaled_dot_product_attention(q, q, q, attn_mask=torch.ones(3, 3, dtype=torch.bool), is_causal=True)
except Exception as e:
    print(type(e).__name__)
causal = torch.ones(3, 3, dtype=torch.bool).tril()
a = F.scaled_dot_product_attention(q, q, torch.arange(6.0).view(1, 3, 2), attn_mask=causal)
b = F.scaled_dot_product_attention(q, q, torch.arange(6.0).view(1, 3, 2), is_causal=True)
print(a, torch.equal(a, b))

# %% rnn_input_errors strict
import torch
import torch.nn as nn

lstm = nn.LSTM(3, 4, batch_first=True)
for bad in [torch.zeros(2, 5, 2), torch.zeros(1, 2, 5, 3)]:
    try:
        lstm(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    lstm(torch.zeros(2, 5, 3), torch.zeros(1, 2, 4))
except Exception as e:
    print(type(e).__name__)
try:
    lstm(torch.zeros(2, 5, 3), (torch.zeros(1, 3, 4), torch.zeros(1, 3, 4)))
except Exception as e:
    print(type(e).__name__, e)
rnn = nn.RNN(3, 4)
try:
    rnn(torch.zeros(5, 2, 3), torch.zeros(1, 2, 3))
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.RNN(3, 4, nonlinearity="gelu")
except Exception as e:
    print(type(e).__name__, e)

# %% pack_sequence_errors_and_props strict
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pack_sequence, pad_packed_sequence, pad_sequence

x = torch.arange(12.0).view(3, 4, 1)
try:
    pack_padded_sequence(x, torch.tensor([2, 4, 1]), batch_first=True)
except Exception as e:
    print(type(e).__name__, e)
try:
    pack_padded_sequence(x, torch.tensor([4, 0, 0]), batch_first=True)
except Exception as e:
    print(type(e).__name__, e)
p = pack_sequence([torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0, 5.0]), torch.tensor([6.0])], enforce_sorted=False)
print(p.data, p.batch_sizes, p.sorted_indices, p.unsorted_indices, p.is_cuda)
padded, lens = pad_packed_sequence(p, batch_first=True, padding_value=-1.0)
print(padded, lens)
try:
    pad_packed_sequence(p, total_length=2)
except Exception as e:
    print(type(e).__name__)
print(pad_sequence([torch.ones(2, 2), torch.ones(1, 2)], padding_value=9.0, batch_first=True))

# %% transformer_input_validation strict
import torch
import torch.nn as nn

tr = nn.Transformer(4, 2, 1, 1, 8, dropout=0.0)
for src, tgt in [(torch.zeros(5, 2, 4), torch.zeros(3, 1, 4)), (torch.zeros(5, 2, 3), torch.zeros(3, 2, 3))]:
    try:
        tr(src, tgt)
    except Exception as e:
        print(type(e).__name__, e)
trb = nn.Transformer(4, 2, 1, 1, 8, dropout=0.0, batch_first=True)
try:
    trb(torch.zeros(2, 5, 4), torch.zeros(3, 5, 4))
except Exception as e:
    print(type(e).__name__, e)
print(trb(torch.zeros(2, 5, 4), torch.zeros(2, 3, 4)).shape)
enc = nn.TransformerEncoderLayer(4, 2, 8, batch_first=True)
try:
    enc(torch.zeros(2, 3, 5))
except Exception as e:
    print(type(e).__name__, e)
try:
    enc(torch.zeros(2, 3, 4), src_key_padding_mask=torch.zeros(2, 4, dtype=torch.bool))
except Exception as e:
    print(type(e).__name__, e)
try:
    enc(torch.zeros(2, 3, 4), src_key_padding_mask=torch.zeros(3, 3, dtype=torch.bool))
except Exception as e:
    print(type(e).__name__, e)
try:
    enc(torch.zeros(2, 3, 4), is_causal=True)
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.TransformerEncoderLayer(4, 2, activation="tanh")
except Exception as e:
    print(type(e).__name__, e)

# %% optimizer_print_with_scheduler strict
import torch
import torch.nn as nn

m = nn.Linear(2, 1)
opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
sched = torch.optim.lr_scheduler.StepLR(opt, 1, 0.5)
print(opt)
opt.step()
sched.step()
print(opt)
print(opt.state_dict()["param_groups"])
o2 = torch.optim.AdamW(m.parameters(), lr=0.1)
torch.optim.lr_scheduler.OneCycleLR(o2, max_lr=1.0, total_steps=4)
print(o2)
print(sorted(o2.param_groups[0].keys()))
print(o2.defaults)
print(type(o2.state).__name__, len(o2.state))
print(torch.optim.RMSprop(m.parameters()), torch.optim.Adagrad(m.parameters()))

# %% packed_unsorted_with_initial_state rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
import numpy as np

rng = np.random.default_rng(31)
gru = nn.GRU(2, 3, num_layers=2)
gru.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in gru.state_dict().items()})
x = torch.from_numpy(rng.standard_normal((4, 3, 2)).astype(np.float32))
h0 = torch.from_numpy(rng.standard_normal((2, 3, 3)).astype(np.float32))
out, h = gru(pack_padded_sequence(x, torch.tensor([2, 4, 3]), enforce_sorted=False), h0)
print(h)
o1, h1 = gru(x[:2, :1], h0[:, :1])
print(torch.allclose(h1[:, 0], h[:, 0], atol=1e-6), torch.allclose(pad_packed_sequence(out)[0][:2, 0], o1[:, 0], atol=1e-6))
lstm = nn.LSTM(2, 3)
lstm.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in lstm.state_dict().items()})
lstm = lstm.double()
o, (hh, cc) = lstm(x.double())
print(o.dtype, hh[0, 0])
try:
    lstm(x)
except Exception as e:
    print(type(e).__name__, e)

# %% packed_sequence_utilities strict
import torch
from torch.nn.utils.rnn import pack_sequence, unpack_sequence, unpad_sequence
import torch.nn as nn

p = pack_sequence([torch.tensor([1.0, 2.0]), torch.tensor([3.0])])
print(p)
print(p.double().data.dtype, p.to(torch.float64).data.dtype, type(p).__name__, isinstance(p, tuple), len(p))
print(unpack_sequence(pack_sequence([torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4, 5])], enforce_sorted=False)))
print(unpad_sequence(torch.arange(6.).view(3, 2), torch.tensor([3, 1])))
lstm = nn.LSTM(2, 3, num_layers=2)
print(lstm._flat_weights_names)
print([w.shape for w in lstm.all_weights[1]])
print(nn.RNNCell(2, 3, nonlinearity="relu"), nn.LSTMCell(2, 3, bias=False), nn.GRU(2, 3, 2, batch_first=True, dropout=0.1, bidirectional=True))
print(nn.RNN(2, 3), nn.LSTM(2, 3, proj_size=1))

# %% scheduler_state_dict_contents strict
import torch
import torch.nn as nn

p = nn.Parameter(torch.zeros(1))
S = torch.optim.lr_scheduler
makers = [lambda o: S.MultiStepLR(o, [2, 4]), lambda o: S.ExponentialLR(o, 0.9), lambda o: S.PolynomialLR(o, 4, 2.0),
          lambda o: S.CyclicLR(o, 0.01, 0.1, step_size_up=2), lambda o: S.CosineAnnealingWarmRestarts(o, 3, 2),
          lambda o: S.ChainedScheduler([S.ExponentialLR(o, 0.9), S.StepLR(o, 2)]),
          lambda o: S.MultiplicativeLR(o, lambda e: 0.95), lambda o: S.LinearLR(o), lambda o: S.ConstantLR(o)]
for f in makers:
    o = torch.optim.SGD([p], lr=0.1, momentum=0.9)
    s = f(o)
    for _ in range(3):
        o.step()
        s.step()
    sd = s.state_dict()
    print(type(s).__name__, {k: v for k, v in sd.items() if not callable(v) and k != "_scale_fn_ref"})
    print(o.param_groups[0]["lr"], s.get_last_lr())

# %% optimizer_named_groups_amsgrad_state strict
import torch
import torch.nn as nn

m = nn.Linear(2, 1)
opt = torch.optim.Adam([{"params": [m.weight], "name": "w"}, {"params": [m.bias], "name": "b", "lr": 0.5}], amsgrad=True)
print(opt)
m(torch.ones(1, 2)).sum().backward()
opt.step()
print(opt.state_dict())
o = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
m.bias.grad = None
o.step()
print(o.state_dict()["state"], m.bias.grad)

# %% packed_bidirectional_gru_proj_lstm_grads rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
import numpy as np

rng = np.random.default_rng(32)
x = torch.from_numpy(rng.standard_normal((3, 4, 2)).astype(np.float32)).requires_grad_()
lengths = [4, 1, 3]
gru = nn.GRU(2, 3, bidirectional=True, batch_first=True)
gru.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in gru.state_dict().items()})
lstm = nn.LSTM(6, 4, proj_size=2, batch_first=True)
lstm.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in lstm.state_dict().items()})
o1, h1 = gru(pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False))
o2, (h2, c2) = lstm(o1)
unp, lens = pad_packed_sequence(o2, batch_first=True)
print(type(o2).__name__, unp.shape, lens, h1.shape, h2.shape, c2.shape)
print(unp[2], h2[0])
(unp.sum() + c2.sum()).backward()
print(x.grad[1], x.grad[2, 3])
print(lstm.weight_hr_l0.grad, gru.bias_hh_l0_reverse.grad)
