# nn in the style of the "Build the Neural Network" / "Neural Networks" tutorials.
# Weights come from NumPy (not the library RNG) so both runs start from the same numbers.

# %% mlp_sequential
import torch
import torch.nn as nn
import numpy as np

def init_from_numpy(model, seed=0):
    rng = np.random.default_rng(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(torch.from_numpy(rng.uniform(-0.3, 0.3, tuple(p.shape)).astype(np.float32)))

model = nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 64), nn.ReLU(), nn.Linear(64, 32), nn.Tanh(), nn.Linear(32, 10))
init_from_numpy(model)
X = torch.from_numpy(np.random.default_rng(1).random((3, 28, 28), dtype=np.float32))
logits = model(X)
pred_probab = nn.Softmax(dim=1)(logits)
y_pred = pred_probab.argmax(1)
print(logits.shape, y_pred, pred_probab.sum(1))
print(model)
print(model[1], model[-1].weight.shape, model[1].bias[:3], len(model))
print(sum(p.numel() for p in model.parameters()), sum(p.numel() for p in model.parameters() if p.requires_grad))
for name, param in model.named_parameters():
    print(f"Layer: {name} | Size: {param.size()}")

# %% custom_module strict
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

class Block(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.fc = nn.Linear(d, d)
        self.norm = nn.LayerNorm(d)

    def forward(self, x):
        return x + F.gelu(self.fc(self.norm(x)))

class Net(nn.Module):
    def __init__(self, d_in, d, n_blocks, n_out):
        super().__init__()
        self.embed = nn.Linear(d_in, d)
        self.blocks = nn.ModuleList([Block(d) for _ in range(n_blocks)])
        self.head = nn.Linear(d, n_out, bias=False)
        self.register_buffer("scale", torch.tensor(0.5))

    def forward(self, x):
        h = self.embed(x)
        for blk in self.blocks:
            h = blk(h)
        return self.head(h) * self.scale

net = Net(4, 8, 2, 3)
rng = np.random.default_rng(0)
with torch.no_grad():
    for p in net.parameters():
        p.copy_(torch.from_numpy(rng.normal(0, 0.2, tuple(p.shape)).astype(np.float32)))
print(net)
print([n for n, _ in net.named_parameters()])
print(list(net.state_dict().keys()))
print({k: tuple(v.shape) for k, v in net.state_dict().items()})
print([n for n, _ in net.named_modules()], [n for n, _ in net.named_children()], [n for n, _ in net.named_buffers()])
x = torch.from_numpy(rng.normal(size=(5, 4)).astype(np.float32))
out = net(x)
print(out)
out.pow(2).mean().backward()
print(net.blocks[1].fc.weight.grad.sum(), net.head.weight.grad.shape, net.scale.requires_grad)
print(net.training, net.eval().training, net.blocks[0].training, net.train().training)

# %% cnn_fake_images
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

class CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)

net = CNN()
rng = np.random.default_rng(0)
sd = {k: torch.from_numpy(rng.uniform(-0.1, 0.1, tuple(v.shape)).astype(np.float32)) for k, v in net.state_dict().items()}
net.load_state_dict(sd)
images = torch.from_numpy(rng.standard_normal((4, 3, 32, 32)).astype(np.float32))
out = net(images)
print(net)
print(out.shape, out[0], out.argmax(1))
loss = nn.CrossEntropyLoss()(out, torch.tensor([1, 2, 3, 4]))
loss.backward()
print(loss, net.conv1.weight.grad.shape, net.conv1.weight.grad.abs().sum(), net.fc3.bias.grad)

# %% conv_variants
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(5)
x = torch.from_numpy(rng.standard_normal((2, 4, 9, 9)).astype(np.float32))
layers = [nn.Conv2d(4, 6, 3, stride=2, padding=1), nn.Conv2d(4, 4, 3, padding="same", groups=2, bias=False),
          nn.Conv2d(4, 2, (3, 1), dilation=(2, 1)), nn.ConvTranspose2d(4, 3, 2, stride=2),
          nn.AvgPool2d(3, stride=2), nn.MaxPool2d(3, 2, padding=1), nn.AdaptiveAvgPool2d((1, 1)), nn.AdaptiveMaxPool2d(2)]
for layer in layers:
    for p in layer.parameters():
        with torch.no_grad():
            p.copy_(torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(p.shape)).astype(np.float32)))
    y = layer(x)
    print(layer, tuple(y.shape), y.sum().item())
seq = torch.from_numpy(rng.standard_normal((2, 3, 10)).astype(np.float32))
c1 = nn.Conv1d(3, 5, 3, padding=1)
print(c1(seq).shape, F.max_pool1d(seq, 2).shape, F.avg_pool2d(x, 2).shape, F.pad(x, (1, 1, 2, 0)).shape)
print(F.conv2d(x, torch.ones(1, 4, 3, 3), padding=1)[0, 0, :2, :2])

# %% batchnorm_train_eval
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(0)
bn = nn.BatchNorm1d(3)
x = torch.from_numpy(rng.normal(2.0, 3.0, (8, 3)).astype(np.float32))
y = bn(x)
print(y.mean(0).abs().max() < 1e-5, y.std(0, unbiased=False))
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
bn(x * 2)
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
bn.eval()
print(bn(x)[:2])
print(list(bn.state_dict().keys()), bn)
bn2 = nn.BatchNorm2d(4, momentum=0.5, affine=False)
img = torch.from_numpy(rng.normal(size=(2, 4, 3, 3)).astype(np.float32))
print(bn2(img).mean(dim=(0, 2, 3)).abs().max() < 1e-5, bn2.running_mean, list(bn2.state_dict().keys()))
bn3 = nn.BatchNorm1d(3, track_running_stats=False)
bn3.eval()
print(bn3(x).sum(0).abs().max() < 1e-4, bn3.running_mean)

# %% dropout_modes strict
import torch
import torch.nn as nn
import torch.nn.functional as F

drop = nn.Dropout(p=0.5)
x = torch.arange(1.0, 9.0).view(2, 4)
drop.eval()
print(drop(x), drop)
drop.train()
y = drop(x)
print(y.shape, bool(((y == 0) | (y == 2 * x)).all()))
print(F.dropout(x, 0.3, training=False), nn.Dropout(0.0)(x), F.dropout(x, p=1.0).sum())
model = nn.Sequential(nn.Linear(4, 4), nn.Dropout(0.2))
model.eval()
print(model[1].training, nn.Dropout2d(0.5).eval()(x.view(1, 2, 2, 2)).shape)

# %% embedding_lstm_classifier
import torch
import torch.nn as nn
import numpy as np

class LSTMClassifier(nn.Module):
    def __init__(self, vocab, emb, hidden, classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab, emb, padding_idx=0)
        self.lstm = nn.LSTM(emb, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, classes)

    def forward(self, tokens):
        e = self.embedding(tokens)
        out, (h, c) = self.lstm(e)
        return self.fc(h[-1]), out

model = LSTMClassifier(20, 6, 5, 3)
rng = np.random.default_rng(0)
sd = {k: torch.from_numpy(rng.uniform(-0.4, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in model.state_dict().items()}
model.load_state_dict(sd)
print([(k, tuple(v.shape)) for k, v in model.state_dict().items()])
tokens = torch.from_numpy(rng.integers(0, 20, (4, 7)))
logits, out = model(tokens)
print(logits, out.shape)
loss = nn.functional.cross_entropy(logits, torch.tensor([0, 1, 2, 0]))
loss.backward()
print(loss, model.lstm.weight_hh_l0.grad.sum(), model.embedding.weight.grad[0], model.embedding.weight.grad.abs().sum())
print(model)

# %% gru_seq2seq
import torch
import torch.nn as nn
import numpy as np

class Encoder(nn.Module):
    def __init__(self, vocab, hid):
        super().__init__()
        self.emb = nn.Embedding(vocab, hid)
        self.gru = nn.GRU(hid, hid, num_layers=2)

    def forward(self, src):
        return self.gru(self.emb(src))

class Decoder(nn.Module):
    def __init__(self, vocab, hid):
        super().__init__()
        self.emb = nn.Embedding(vocab, hid)
        self.gru = nn.GRU(hid, hid, num_layers=2)
        self.out = nn.Linear(hid, vocab)

    def forward(self, tok, h):
        o, h = self.gru(self.emb(tok).unsqueeze(0), h)
        return self.out(o.squeeze(0)), h

enc, dec = Encoder(12, 8), Decoder(12, 8)
rng = np.random.default_rng(4)
for m in (enc, dec):
    m.load_state_dict({k: torch.from_numpy(rng.uniform(-0.3, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
src = torch.from_numpy(rng.integers(0, 12, (6, 2)))
tgt = torch.from_numpy(rng.integers(0, 12, (4, 2)))
enc_out, h = enc(src)
print(enc_out.shape, h.shape)
tok = torch.zeros(2, dtype=torch.long)
loss = 0
outputs = []
for t in range(tgt.size(0)):
    logits, h = dec(tok, h)
    loss = loss + nn.functional.cross_entropy(logits, tgt[t])
    tok = tgt[t]
    outputs.append(logits.argmax(1))
loss.backward()
print(loss.item() / tgt.size(0), torch.stack(outputs), enc.gru.weight_ih_l1.grad.norm(), dec.out.bias.grad)

# %% rnn_variants
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(7)
x = torch.from_numpy(rng.standard_normal((5, 3, 4)).astype(np.float32))
for rnn in [nn.RNN(4, 6), nn.RNN(4, 6, nonlinearity="relu", num_layers=2), nn.LSTM(4, 6, bidirectional=True),
            nn.GRU(4, 6, batch_first=True), nn.LSTM(4, 6, num_layers=2, proj_size=3)]:
    rnn.load_state_dict({k: torch.from_numpy(rng.uniform(-0.3, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in rnn.state_dict().items()})
    out, h = rnn(x)
    hs = [t.shape for t in h] if isinstance(h, tuple) else h.shape
    print(rnn, out.shape, hs, out.sum().item())
cell = nn.LSTMCell(4, 6)
cell.load_state_dict({k: torch.from_numpy(rng.uniform(-0.3, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in cell.state_dict().items()})
hx, cx = torch.zeros(3, 6), torch.zeros(3, 6)
for t in range(5):
    hx, cx = cell(x[t], (hx, cx))
print(hx.sum(), list(cell.state_dict().keys()))
gcell = nn.GRUCell(4, 6)
print(gcell(x[0]).shape, nn.RNNCell(4, 2)(x[0]).shape)

# %% state_dict_roundtrip
import io
import torch
import torch.nn as nn
import numpy as np

def make():
    return nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))

rng = np.random.default_rng(0)
m1 = make()
m1.load_state_dict({k: torch.from_numpy(rng.uniform(0.1, 0.9, tuple(v.shape)).astype(np.float32)) if v.dtype == torch.float32 else v
                    for k, v in m1.state_dict().items()})
buf = io.BytesIO()
torch.save(m1.state_dict(), buf)
buf.seek(0)
m2 = make()
result = m2.load_state_dict(torch.load(buf))
print(result)
x = torch.from_numpy(rng.standard_normal((5, 3)).astype(np.float32))
m1.eval(); m2.eval()
print(torch.equal(m1(x), m2(x)), m2(x))
sd = m2.state_dict()
print(list(sd.keys()), sd["1.num_batches_tracked"], sd["0.weight"].requires_grad)
buf2 = io.BytesIO()
torch.save({"epoch": 3, "model": m1.state_dict(), "loss": 0.25, "names": ["a", "b"]}, buf2)
buf2.seek(0)
ckpt = torch.load(buf2)
print(ckpt["epoch"], ckpt["loss"], ckpt["names"], sorted(ckpt["model"].keys()) == sorted(sd.keys()))
bad = {k: v for k, v in sd.items() if k != "3.bias"}
try:
    m2.load_state_dict(bad)
except RuntimeError:
    print("RuntimeError missing")
print(m2.load_state_dict(bad, strict=False))
try:
    m2.load_state_dict({**sd, "0.weight": torch.zeros(5, 5)})
except RuntimeError:
    print("RuntimeError size")

# %% parameter_management strict
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
for p in model[0].parameters():
    p.requires_grad = False
print([p.requires_grad for p in model.parameters()])
print(sum(p.numel() for p in model.parameters() if p.requires_grad), sum(p.numel() for p in model.parameters()))
model.requires_grad_(True)
print(all(p.requires_grad for p in model.parameters()))
def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.constant_(m.weight, 0.5)
        nn.init.zeros_(m.bias)
model.apply(init_weights)
print(model[2].weight, model[0].bias)
out = model(torch.ones(1, 4))
print(out)
out.sum().backward()
print(model[0].weight.grad)
model.zero_grad()
print(model[0].weight.grad)
p = nn.Parameter(torch.ones(2))
print(p, isinstance(p, torch.Tensor), p.requires_grad, type(p).__name__)
md = nn.ModuleDict({"a": nn.Linear(2, 2), "b": nn.Identity()})
pl = nn.ParameterList([nn.Parameter(torch.zeros(1)), nn.Parameter(torch.ones(2))])
print(md, list(md.keys()), len(pl), [n for n, _ in pl.named_parameters()])
print(model.double()[0].weight.dtype, model.float()[0].weight.dtype, model.to(torch.float64)[2].bias.dtype)
print(list(model.children())[1], [type(m).__name__ for m in model.modules()])

# %% activations_modules
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.linspace(-3, 3, 7)
mods = [nn.ReLU(), nn.LeakyReLU(0.1), nn.ELU(), nn.SELU(), nn.GELU(), nn.GELU(approximate="tanh"), nn.SiLU(), nn.Mish(),
        nn.Softplus(beta=2), nn.Sigmoid(), nn.Tanh(), nn.Hardtanh(), nn.ReLU6(), nn.Hardswish(), nn.Hardsigmoid(),
        nn.Softsign(), nn.Tanhshrink(), nn.PReLU(), nn.LogSigmoid(), nn.Threshold(0.5, -1.0), nn.CELU()]
for m in mods:
    print(m, m(x).detach())
print(F.softmax(x, dim=0), F.log_softmax(x.view(1, -1), dim=1), nn.Softmin(dim=0)(x), F.normalize(x.view(1, -1), dim=1))
print(F.leaky_relu(x, negative_slope=0.2), F.relu6(x * 3), F.elu(x, alpha=0.5), F.glu(torch.arange(4.0)), F.hardtanh(x, -2, 2))

# %% activation_grad_fn_names strict
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.linspace(-3, 3, 4, requires_grad=True)
for f in [F.relu, F.leaky_relu, F.elu, F.selu, F.gelu, F.silu, F.mish, F.softplus, torch.sigmoid, torch.tanh,
          F.hardtanh, F.relu6, F.hardswish, F.hardsigmoid, F.softsign, F.logsigmoid, nn.PReLU(), F.celu,
          lambda t: F.softmax(t, 0), lambda t: F.log_softmax(t, 0), lambda t: F.threshold(t, 0.5, -1.0)]:
    print(f(x).grad_fn.name())

# %% layer_norm_embedding
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(0)
x = torch.from_numpy(rng.standard_normal((2, 3, 4)).astype(np.float32))
ln = nn.LayerNorm(4)
print(ln(x)[0, 0], ln, list(ln.state_dict()))
ln2 = nn.LayerNorm([3, 4], elementwise_affine=False)
print(ln2(x).mean(dim=(1, 2)).abs().max() < 1e-5, F.layer_norm(x, (4,))[1, 2])
gn = nn.GroupNorm(2, 4)
print(gn(torch.from_numpy(rng.standard_normal((2, 4, 3)).astype(np.float32)))[0, :, 0])
emb = nn.Embedding(10, 3)
with torch.no_grad():
    emb.weight.copy_(torch.arange(30.0).view(10, 3))
print(emb(torch.tensor([[1, 2], [9, 0]])), emb.weight.shape, emb)
pre = nn.Embedding.from_pretrained(torch.eye(4))
print(pre(torch.tensor([3, 1])), pre.weight.requires_grad)
print(F.embedding(torch.tensor([2]), torch.eye(3)))

# %% module_hooks_and_repr strict
import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
with torch.no_grad():
    net[0].weight.copy_(torch.tensor([[1.0, -1.0], [0.5, 2.0]]))
    net[0].bias.fill_(0.1)
acts = {}
def hook(module, inp, out):
    acts[type(module).__name__] = out.detach()
handles = [m.register_forward_hook(hook) for m in net]
net(torch.tensor([[1.0, 2.0]]))
print(acts)
for h in handles:
    h.remove()
def pre(module, args):
    return (args[0] * 0,)
net[0].register_forward_pre_hook(pre)
print(net(torch.ones(1, 2)))
print(nn.Linear(3, 4, bias=False), nn.Conv2d(1, 2, 3, stride=2, padding=1), nn.MaxPool2d(2), nn.Embedding(5, 2),
      nn.LSTM(3, 4, batch_first=True), nn.Dropout(0.1), nn.BatchNorm2d(3), nn.Flatten(), nn.Identity())
print(nn.CrossEntropyLoss(), nn.MSELoss(reduction="sum"), nn.Softmax(dim=-1), nn.LeakyReLU(0.2, inplace=True))

# %% sequential_ops strict
import torch
import torch.nn as nn
from collections import OrderedDict

model = nn.Sequential(OrderedDict([("fc1", nn.Linear(3, 4)), ("act", nn.ReLU()), ("fc2", nn.Linear(4, 1))]))
print(model, model.fc1, list(model.state_dict().keys()))
model.add_module("out", nn.Sigmoid())
model.append(nn.Identity())
print(len(model), model[1:3], [n for n, _ in model.named_children()])
ml = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)])
ml.append(nn.Linear(2, 1))
ml.extend([nn.ReLU()])
print(len(ml), ml[3], ml[-1], [n for n, _ in ml.named_parameters()][-2:])
for i, layer in enumerate(ml[:2]):
    print(i, layer)
