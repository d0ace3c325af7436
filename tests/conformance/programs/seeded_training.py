# Seeded end-to-end training with PyTorch's default initialisation: torch.manual_seed, a model built with
# its default init, synthetic data from randn/randint, a few optimizer steps; prints losses, lrs and norms.

# %% seeded_mlp_regression_sgd_momentum rtol=1e-4
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(5, 16), nn.Tanh(), nn.Linear(16, 1))
X = torch.randn(64, 5)
y = X[:, :1] * 2.0 - X[:, 1:2] + 0.1 * torch.randn(64, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
loss_fn = nn.MSELoss()
for step in range(20):
    opt.zero_grad()
    loss = loss_fn(model(X), y)
    loss.backward()
    opt.step()
    if step % 5 == 0:
        print(step, f"{loss.item():.5f}")
print([round(p.norm().item(), 4) for p in model.parameters()])
print(model(X[:3]).detach().squeeze(1))

# %% seeded_mlp_classification_adam rtol=1e-4
import torch
import torch.nn as nn

torch.manual_seed(1)
X = torch.randn(96, 4)
y = torch.randint(0, 3, (96,))
model = nn.Sequential(nn.Linear(4, 32), nn.ReLU(), nn.Linear(32, 3))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
crit = nn.CrossEntropyLoss()
for epoch in range(15):
    opt.zero_grad()
    out = model(X)
    loss = crit(out, y)
    loss.backward()
    opt.step()
    if epoch % 3 == 0:
        acc = (out.argmax(1) == y).float().mean().item()
        print(epoch, round(loss.item(), 5), round(acc, 4))
with torch.no_grad():
    print((model(X).argmax(1) == y).sum().item())
print(round(model[0].weight.norm().item(), 4), round(model[2].bias.abs().sum().item(), 4))

# %% seeded_cnn_batchnorm_dropout rtol=2e-4 atol=1e-5
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.conv2 = nn.Conv2d(4, 8, 3)
        self.drop = nn.Dropout(0.25)
        self.fc = nn.Linear(8 * 2 * 2, 3)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = self.drop(torch.flatten(x, 1))
        return self.fc(x)

net = Net()
X = torch.randn(12, 1, 12, 12)
y = torch.randint(0, 3, (12,))
opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
net.train()
for step in range(8):
    opt.zero_grad()
    loss = F.cross_entropy(net(X), y)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4))
print(net.bn1.running_mean, net.bn1.running_var, net.bn1.num_batches_tracked)
net.eval()
with torch.no_grad():
    out1 = net(X)
    out2 = net(X)
print(torch.equal(out1, out2), out1[:2])
print(round(F.cross_entropy(out1, y).item(), 4))

# %% seeded_lstm_packed_classifier rtol=2e-4 atol=1e-5
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence

torch.manual_seed(0)

class Classifier(nn.Module):
    def __init__(self, vocab, emb, hid, n_cls):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb, padding_idx=0)
        self.lstm = nn.LSTM(emb, hid, batch_first=True)
        self.out = nn.Linear(hid, n_cls)

    def forward(self, tokens, lengths):
        packed = pack_padded_sequence(self.emb(tokens), lengths, batch_first=True, enforce_sorted=False)
        _, (h, _) = self.lstm(packed)
        return self.out(h[-1])

model = Classifier(20, 8, 12, 2)
lengths = torch.tensor([5, 3, 7, 2, 6, 4])
seqs = [torch.randint(1, 20, (int(n),)) for n in lengths]
tokens = pad_sequence(seqs, batch_first=True)
labels = torch.tensor([0, 1, 1, 0, 1, 0])
opt = torch.optim.Adam(model.parameters(), lr=0.02)
for step in range(12):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(tokens, lengths), labels)
    loss.backward()
    opt.step()
    if step % 3 == 2:
        print(step, round(loss.item(), 5))
print(tokens.shape, model.emb.weight[0])
with torch.no_grad():
    print(model(tokens, lengths).softmax(-1))

# %% seeded_gru_seq2seq rtol=2e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(3)
enc = nn.GRU(4, 10, batch_first=True)
dec = nn.GRU(4, 10, batch_first=True)
proj = nn.Linear(10, 4)
params = list(enc.parameters()) + list(dec.parameters()) + list(proj.parameters())
opt = torch.optim.Adam(params, lr=0.01)
src = torch.randn(8, 6, 4)
tgt = src.flip(1)
for step in range(10):
    opt.zero_grad()
    _, h = enc(src)
    dec_in = torch.cat([torch.zeros(8, 1, 4), tgt[:, :-1]], dim=1)
    out, _ = dec(dec_in, h)
    loss = nn.functional.mse_loss(proj(out), tgt)
    loss.backward()
    opt.step()
    if step % 2 == 1:
        print(step, f"{loss.item():.5f}")
print(h.shape, round(h.norm().item(), 4))
print(sum(p.numel() for p in params))

# %% seeded_transformer_encoder_no_dropout rtol=5e-4 atol=2e-5
import torch
import torch.nn as nn

torch.manual_seed(0)
layer = nn.TransformerEncoderLayer(d_model=16, nhead=4, dim_feedforward=32, dropout=0.0, batch_first=True)
encoder = nn.TransformerEncoder(layer, num_layers=2, enable_nested_tensor=False)
head = nn.Linear(16, 2)
X = torch.randn(6, 5, 16)
y = torch.randint(0, 2, (6,))
opt = torch.optim.AdamW(list(encoder.parameters()) + list(head.parameters()), lr=1e-3)
for step in range(6):
    opt.zero_grad()
    logits = head(encoder(X).mean(1))
    loss = nn.functional.cross_entropy(logits, y)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
encoder.eval()
with torch.no_grad():
    print(head(encoder(X).mean(1)))

# %% seeded_transformer_encoder_dropout rtol=5e-4 atol=2e-5
import torch
import torch.nn as nn

torch.manual_seed(0)
layer = nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, dropout=0.1, batch_first=True)
encoder = nn.TransformerEncoder(layer, num_layers=1)
print(encoder.use_nested_tensor, encoder.mask_check)
X = torch.randn(4, 3, 8)
target = torch.randn(4, 3, 8)
opt = torch.optim.SGD(encoder.parameters(), lr=0.05)
encoder.train()
for step in range(5):
    opt.zero_grad()
    loss = nn.functional.mse_loss(encoder(X), target)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
encoder.eval()
with torch.no_grad():
    a, b = encoder(X), encoder(X)
print(torch.equal(a, b), round(a.sum().item(), 3))
pad = torch.tensor([[False, False, True], [False, False, False], [False, True, True], [False, False, True]])
with torch.no_grad():
    c = encoder(X, src_key_padding_mask=pad)
print(c[0], c[2, 1:].abs().sum().item())
print(encoder(X, src_key_padding_mask=pad)[0, 2, :4])

# %% seeded_autoencoder rtol=2e-4
import torch
import torch.nn as nn

torch.manual_seed(7)
encoder = nn.Sequential(nn.Linear(10, 6), nn.ReLU(), nn.Linear(6, 3))
decoder = nn.Sequential(nn.Linear(3, 6), nn.ReLU(), nn.Linear(6, 10), nn.Sigmoid())
ae = nn.Sequential(encoder, decoder)
data = torch.rand(32, 10)
opt = torch.optim.Adam(ae.parameters(), lr=5e-3)
for epoch in range(25):
    opt.zero_grad()
    loss = nn.functional.binary_cross_entropy(ae(data), data)
    loss.backward()
    opt.step()
    if epoch % 5 == 4:
        print(epoch, f"{loss.item():.5f}")
with torch.no_grad():
    code = encoder(data[:2])
print(code)
print(round(ae[1][2].weight.norm().item(), 4))

# %% seeded_optimizer_zoo_weight_decay rtol=2e-4 atol=1e-5
import torch
import torch.nn as nn

def run(make_opt, seed=0):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(6, 12), nn.ReLU(), nn.Linear(12, 1))
    X = torch.randn(40, 6)
    y = X.sum(1, keepdim=True).sin()
    opt = make_opt(model.parameters())
    losses = []
    for _ in range(12):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(X), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return [round(v, 5) for v in losses[::4]], round(sum(p.norm().item() for p in model.parameters()), 4)

print("sgd_wd", run(lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, weight_decay=1e-2, nesterov=True)))
print("adamw", run(lambda p: torch.optim.AdamW(p, lr=1e-2, weight_decay=0.1)))
print("adam_wd", run(lambda p: torch.optim.Adam(p, lr=1e-2, weight_decay=0.1, amsgrad=True)))
print("rmsprop", run(lambda p: torch.optim.RMSprop(p, lr=1e-2, momentum=0.5, centered=True)))
print("adagrad", run(lambda p: torch.optim.Adagrad(p, lr=0.05, lr_decay=0.01, weight_decay=1e-3)))
print("nadam", run(lambda p: torch.optim.NAdam(p, lr=1e-2)))
print("nadam_dec", run(lambda p: torch.optim.NAdam(p, lr=1e-2, weight_decay=0.05, decoupled_weight_decay=True)))
print("radam", run(lambda p: torch.optim.RAdam(p, lr=1e-2)))
print("radam_dec", run(lambda p: torch.optim.RAdam(p, lr=1e-2, weight_decay=0.05, decoupled_weight_decay=True)))
print("adamax", run(lambda p: torch.optim.Adamax(p, lr=2e-2)))
print("adadelta", run(lambda p: torch.optim.Adadelta(p, lr=1.0)))
print("asgd", run(lambda p: torch.optim.ASGD(p, lr=0.05, t0=3)))
print("rprop", run(lambda p: torch.optim.Rprop(p, lr=0.01)))

# %% seeded_steplr_per_epoch rtol=2e-4
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(3, 1)
X, y = torch.randn(20, 3), torch.randn(20, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5)
for epoch in range(8):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X), y)
    loss.backward()
    opt.step()
    sched.step()
    print(epoch, round(loss.item(), 5), sched.get_last_lr())
print(model.weight.data, model.bias.data)

# %% seeded_cosine_annealing_adam rtol=2e-4
import torch
import torch.nn as nn

torch.manual_seed(2)
model = nn.Sequential(nn.Linear(4, 8), nn.GELU(), nn.Linear(8, 2))
X, y = torch.randn(32, 4), torch.randint(0, 2, (32,))
opt = torch.optim.Adam(model.parameters(), lr=0.05)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=6, eta_min=1e-3)
for epoch in range(10):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(X), y)
    loss.backward()
    opt.step()
    sched.step()
    print(epoch, f"{loss.item():.5f}", f"{opt.param_groups[0]['lr']:.6f}")

# %% seeded_onecycle_per_batch rtol=2e-4
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
X, y = torch.randn(48, 5), torch.randn(48, 1)
loader = DataLoader(TensorDataset(X, y), batch_size=16, shuffle=True)
model = nn.Sequential(nn.Linear(5, 10), nn.ReLU(), nn.Linear(10, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, epochs=4, steps_per_epoch=len(loader))
for epoch in range(4):
    total = 0.0
    for xb, yb in loader:
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(xb), yb)
        loss.backward()
        opt.step()
        sched.step()
        total += loss.item() * len(xb)
    print(epoch, round(total / len(X), 5), round(opt.param_groups[0]["lr"], 6), round(opt.param_groups[0]["momentum"], 5))

# %% seeded_reduce_lr_on_plateau rtol=2e-4
import torch
import torch.nn as nn

torch.manual_seed(4)
model = nn.Linear(4, 1)
Xtr, ytr = torch.randn(30, 4), torch.randn(30, 1)
Xva, yva = torch.randn(10, 4), torch.randn(10, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.3)
sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=1, threshold=1e-3)
for epoch in range(12):
    model.train()
    opt.zero_grad()
    nn.functional.mse_loss(model(Xtr), ytr).backward()
    opt.step()
    model.eval()
    with torch.no_grad():
        val = nn.functional.mse_loss(model(Xva), yva).item()
    sched.step(val)
    print(epoch, round(val, 5), sched.get_last_lr(), sched.num_bad_epochs)

# %% seeded_clip_grad_norm_returns rtol=2e-4
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 4))
X, y = torch.randn(16, 8) * 10, torch.randint(0, 4, (16,))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(6):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(X), y)
    loss.backward()
    total = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    after = torch.norm(torch.stack([p.grad.norm() for p in model.parameters()]))
    opt.step()
    print(step, round(loss.item(), 4), round(total.item(), 4), round(after.item(), 4))
print(type(total).__name__, total.dtype, total.shape)
opt.zero_grad()
nn.functional.cross_entropy(model(X), y).backward()
print(round(nn.utils.clip_grad_norm_(model.parameters(), 0.5, norm_type=float("inf")).item(), 4))
nn.utils.clip_grad_value_(model.parameters(), 0.01)
print(max(p.grad.abs().max().item() for p in model.parameters()))

# %% seeded_gradient_accumulation_dataloader rtol=2e-4
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
X = torch.randn(32, 3)
y = (X @ torch.tensor([[1.0], [-2.0], [0.5]])) + 0.3
loader = DataLoader(TensorDataset(X, y), batch_size=4, shuffle=True)
model = nn.Linear(3, 1)
opt = torch.optim.Adam(model.parameters(), lr=0.05)
accum = 4
for epoch in range(3):
    opt.zero_grad()
    for i, (xb, yb) in enumerate(loader):
        loss = nn.functional.mse_loss(model(xb), yb) / accum
        loss.backward()
        if (i + 1) % accum == 0:
            opt.step()
            opt.zero_grad()
    print(epoch, round(loss.item() * accum, 5), model.weight.data, model.bias.data)

# %% seeded_dataloader_shuffle_epochs rtol=2e-4
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(1)
X = torch.randn(20, 2)
y = torch.randint(0, 2, (20,))
ds = TensorDataset(X, y)
loader = DataLoader(ds, batch_size=6, shuffle=True, drop_last=False)
model = nn.Linear(2, 2)
opt = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(3):
    sizes, firsts = [], []
    for xb, yb in loader:
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(xb), yb)
        loss.backward()
        opt.step()
        sizes.append(len(xb))
        firsts.append(yb.tolist())
    print(epoch, sizes, firsts[0], round(loss.item(), 5))
print(model.weight.data)

# %% seeded_train_eval_differences rtol=2e-4
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 1))
X = torch.randn(10, 4)
model.train()
a = model(X)
b = model(X)
print(torch.equal(a, b), model[1].num_batches_tracked.item())
print(model[1].running_mean)
model.eval()
with torch.no_grad():
    c = model(X)
    d = model(X)
print(torch.equal(c, d), c.requires_grad, model.training, model[3].training)
print(c.squeeze(1))
print(a.squeeze(1).detach())
model.train()
print(all(m.training for m in model.modules()))

# %% seeded_early_stopping rtol=2e-4
import copy
import torch
import torch.nn as nn

torch.manual_seed(3)
X = torch.randn(60, 5)
y = (X[:, 0] > 0).long()
Xtr, ytr, Xva, yva = X[:40], y[:40], X[40:], y[40:]
model = nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 2))
opt = torch.optim.Adam(model.parameters(), lr=0.05)
best, best_state, patience, bad = float("inf"), None, 3, 0
for epoch in range(40):
    model.train()
    opt.zero_grad()
    nn.functional.cross_entropy(model(Xtr), ytr).backward()
    opt.step()
    model.eval()
    with torch.no_grad():
        out = model(Xva)
        val = nn.functional.cross_entropy(out, yva).item()
        acc = (out.argmax(1) == yva).float().mean().item()
    if val < best - 1e-4:
        best, bad = val, 0
        best_state = copy.deepcopy(model.state_dict())
    else:
        bad += 1
    if epoch % 4 == 0 or bad >= patience:
        print(epoch, round(val, 5), round(acc, 3), bad)
    if bad >= patience:
        print("early stop at", epoch)
        break
model.load_state_dict(best_state)
print(round(best, 5), list(best_state.keys()))

# %% seeded_bilstm_two_layer_dropout rtol=3e-4 atol=2e-5
import torch
import torch.nn as nn

torch.manual_seed(0)
lstm = nn.LSTM(input_size=3, hidden_size=5, num_layers=2, dropout=0.3, bidirectional=True)
head = nn.Linear(10, 1)
x = torch.randn(7, 4, 3)
target = torch.randn(4, 1)
opt = torch.optim.RMSprop(list(lstm.parameters()) + list(head.parameters()), lr=0.01)
for step in range(6):
    opt.zero_grad()
    out, (h, c) = lstm(x)
    loss = nn.functional.mse_loss(head(out[-1]), target)
    loss.backward()
    nn.utils.clip_grad_norm_(lstm.parameters(), 0.5)
    opt.step()
    print(step, round(loss.item(), 5))
lstm.eval()
with torch.no_grad():
    o1, _ = lstm(x)
    o2, _ = lstm(x)
print(torch.equal(o1, o2), out.shape, h.shape, c.shape)
print(round(o1.abs().sum().item(), 3))

# %% seeded_gru_packed_bidirectional rtol=3e-4 atol=2e-5
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.manual_seed(5)
emb = nn.Embedding(15, 6)
gru = nn.GRU(6, 7, batch_first=True, bidirectional=True)
fc = nn.Linear(14, 3)
tokens = torch.randint(0, 15, (5, 6))
lengths = torch.tensor([6, 5, 4, 2, 1])
labels = torch.randint(0, 3, (5,))
opt = torch.optim.Adagrad(list(emb.parameters()) + list(gru.parameters()) + list(fc.parameters()), lr=0.1)
for step in range(8):
    opt.zero_grad()
    packed = pack_padded_sequence(emb(tokens), lengths, batch_first=True)
    out, h = gru(packed)
    padded, lens = pad_packed_sequence(out, batch_first=True)
    feat = torch.cat([h[0], h[1]], dim=1)
    loss = nn.functional.cross_entropy(fc(feat), labels)
    loss.backward()
    opt.step()
    if step % 2 == 0:
        print(step, round(loss.item(), 5))
print(padded.shape, lens, padded[3, 2:].abs().sum().item())
print(fc(feat).argmax(1), labels)

# %% seeded_conv1d_text_classifier rtol=3e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(0)

class TextCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(30, 8)
        self.conv = nn.Conv1d(8, 6, kernel_size=3, padding=1)
        self.bn = nn.BatchNorm1d(6)
        self.drop = nn.Dropout(0.2)
        self.fc = nn.Linear(6, 2)

    def forward(self, x):
        h = self.emb(x).transpose(1, 2)
        h = torch.relu(self.bn(self.conv(h)))
        h = h.max(dim=2).values
        return self.fc(self.drop(h))

model = TextCNN()
x = torch.randint(0, 30, (10, 9))
y = torch.randint(0, 2, (10,))
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
for step in range(10):
    model.train()
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(x), y, label_smoothing=0.1)
    loss.backward()
    opt.step()
    if step % 3 == 0:
        print(step, round(loss.item(), 5))
model.eval()
with torch.no_grad():
    print(model(x).softmax(1)[:3], model.bn.running_var)

# %% seeded_groupnorm_dropout2d_cnn rtol=3e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(9)
model = nn.Sequential(
    nn.Conv2d(3, 8, 3, padding=1), nn.GroupNorm(2, 8), nn.ReLU(), nn.Dropout2d(0.2),
    nn.AvgPool2d(2), nn.Conv2d(8, 8, 3, stride=2, padding=1), nn.LayerNorm([8, 2, 2]), nn.SiLU(),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 4),
)
X = torch.randn(6, 3, 8, 8)
y = torch.randint(0, 4, (6,))
opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
for step in range(6):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(X), y)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
model.eval()
print(model(X).detach()[:2])

# %% seeded_conv_transpose_autoencoder rtol=3e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(0)
enc = nn.Sequential(nn.Conv2d(1, 4, 3, stride=2, padding=1), nn.ReLU(), nn.Conv2d(4, 8, 3, stride=2, padding=1))
dec = nn.Sequential(nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
                    nn.ConvTranspose2d(4, 1, 3, stride=2, padding=1, output_padding=1), nn.Sigmoid())
imgs = torch.rand(4, 1, 8, 8)
opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-2)
for step in range(10):
    opt.zero_grad()
    z = enc(imgs)
    recon = dec(z)
    loss = nn.functional.mse_loss(recon, imgs)
    loss.backward()
    opt.step()
    if step % 3 == 0:
        print(step, f"{loss.item():.6f}", tuple(z.shape), tuple(recon.shape))
print(round(dec[0].weight.grad.norm().item(), 5))

# %% seeded_transformer_decoder_causal rtol=5e-4 atol=2e-5
import torch
import torch.nn as nn

torch.manual_seed(0)
d = 8
dec_layer = nn.TransformerDecoderLayer(d_model=d, nhead=2, dim_feedforward=16, dropout=0.1, batch_first=True)
decoder = nn.TransformerDecoder(dec_layer, num_layers=2)
emb = nn.Embedding(10, d)
out = nn.Linear(d, 10)
memory = torch.randn(3, 4, d)
tokens = torch.randint(0, 10, (3, 5))
mask = nn.Transformer.generate_square_subsequent_mask(5)
params = list(decoder.parameters()) + list(emb.parameters()) + list(out.parameters())
opt = torch.optim.Adam(params, lr=5e-3)
for step in range(5):
    opt.zero_grad()
    logits = out(decoder(emb(tokens[:, :-1]), memory, tgt_mask=mask[:4, :4], tgt_is_causal=True))
    loss = nn.functional.cross_entropy(logits.reshape(-1, 10), tokens[:, 1:].reshape(-1))
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
print(mask)

# %% seeded_multihead_attention_training rtol=3e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(2)
mha = nn.MultiheadAttention(embed_dim=6, num_heads=3, dropout=0.2)
q = torch.randn(4, 2, 6)
kv = torch.randn(5, 2, 6)
pad = torch.tensor([[False, False, False, True, True], [False, False, False, False, False]])
opt = torch.optim.Adam(mha.parameters(), lr=0.01)
for step in range(5):
    opt.zero_grad()
    out, w = mha(q, kv, kv, key_padding_mask=pad)
    loss = out.pow(2).mean() + w.var()
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
print(w[1, 0], w[0, :, 3:].sum().item())

# %% seeded_param_groups_and_add_group rtol=2e-4
import torch
import torch.nn as nn

torch.manual_seed(0)
backbone = nn.Sequential(nn.Linear(4, 8), nn.ReLU())
head = nn.Linear(8, 1)
extra = nn.Linear(8, 1)
X, y = torch.randn(16, 4), torch.randn(16, 1)
opt = torch.optim.SGD([{"params": backbone.parameters(), "lr": 0.01},
                       {"params": head.parameters()}], lr=0.1, momentum=0.9)
sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)
for step in range(6):
    if step == 3:
        opt.add_param_group({"params": extra.parameters(), "lr": 0.05})
    opt.zero_grad(set_to_none=(step % 2 == 0))
    feat = backbone(X)
    loss = nn.functional.mse_loss(head(feat) + (extra(feat) if step >= 3 else 0), y)
    loss.backward()
    opt.step()
    sched.step()
    print(step, round(loss.item(), 5), [round(g["lr"], 6) for g in opt.param_groups])
print(len(opt.state), round(extra.weight.norm().item(), 5))

# %% seeded_warmup_sequential_lr rtol=2e-4
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(2, 2)
opt = torch.optim.AdamW(model.parameters(), lr=0.1)
warm = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, total_iters=3)
cos = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=3, T_mult=2, eta_min=0.01)
sched = torch.optim.lr_scheduler.SequentialLR(opt, [warm, cos], milestones=[3])
X, y = torch.randn(8, 2), torch.randint(0, 2, (8,))
for epoch in range(12):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(X), y)
    loss.backward()
    opt.step()
    sched.step()
    print(epoch, round(loss.item(), 5), round(sched.get_last_lr()[0], 6))

# %% seeded_swa_averaged_model rtol=2e-4
import torch
import torch.nn as nn
from torch.optim.swa_utils import AveragedModel, SWALR

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 6), nn.ReLU(), nn.Linear(6, 1))
swa = AveragedModel(model)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
swa_sched = SWALR(opt, swa_lr=0.05, anneal_epochs=2)
X, y = torch.randn(24, 3), torch.randn(24, 1)
for epoch in range(6):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X), y)
    loss.backward()
    opt.step()
    if epoch >= 2:
        swa.update_parameters(model)
        swa_sched.step()
    print(epoch, round(loss.item(), 5), round(opt.param_groups[0]["lr"], 6), swa.n_averaged.item())
with torch.no_grad():
    print(round(nn.functional.mse_loss(swa(X), y).item(), 5), swa.module[0].weight[0])

# %% seeded_explicit_init_then_train rtol=2e-4
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(5, 10), nn.LeakyReLU(0.1), nn.Linear(10, 10), nn.Tanh(), nn.Linear(10, 1))

def init(m):
    if isinstance(m, nn.Linear):
        if m.out_features == 1:
            nn.init.xavier_uniform_(m.weight, gain=nn.init.calculate_gain("tanh"))
        else:
            nn.init.kaiming_normal_(m.weight, a=0.1, nonlinearity="leaky_relu")
        nn.init.zeros_(m.bias)

model.apply(init)
nn.init.orthogonal_(model[2].weight)
print([round(p.norm().item(), 4) for p in model.parameters()])
X, y = torch.randn(20, 5), torch.randn(20, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.02)
for step in range(10):
    opt.zero_grad()
    loss = nn.functional.l1_loss(model(X), y)
    loss.backward()
    opt.step()
    if step % 3 == 0:
        print(step, round(loss.item(), 5))

# %% seeded_weight_tying_language_model rtol=3e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(0)

class TinyLM(nn.Module):
    def __init__(self, vocab=12, dim=6):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.lstm = nn.LSTM(dim, dim, batch_first=True)
        self.drop = nn.Dropout(0.1)
        self.dec = nn.Linear(dim, vocab)
        self.dec.weight = self.emb.weight

    def forward(self, x):
        h, _ = self.lstm(self.drop(self.emb(x)))
        return self.dec(self.drop(h))

model = TinyLM()
data = torch.randint(0, 12, (4, 8))
opt = torch.optim.Adam(model.parameters(), lr=0.01)
print(len(list(model.parameters())), [k for k in model.state_dict()][:3])
for step in range(6):
    opt.zero_grad()
    logits = model(data[:, :-1])
    loss = nn.functional.cross_entropy(logits.reshape(-1, 12), data[:, 1:].reshape(-1))
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5), round(torch.exp(loss).item(), 4))
print(model.dec.weight is model.emb.weight)

# %% seeded_residual_mlp_prelu rtol=2e-4
import torch
import torch.nn as nn

torch.manual_seed(12)

class Block(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.norm = nn.LayerNorm(d)
        self.fc = nn.Linear(d, d)
        self.act = nn.PReLU()

    def forward(self, x):
        return x + self.act(self.fc(self.norm(x)))

model = nn.Sequential(nn.Linear(3, 8), Block(8), Block(8), nn.Linear(8, 1))
X = torch.randn(25, 3)
y = (X ** 2).sum(1, keepdim=True)
opt = torch.optim.RAdam(model.parameters(), lr=0.01)
for step in range(20):
    opt.zero_grad()
    loss = nn.functional.huber_loss(model(X), y, delta=0.5)
    loss.backward()
    opt.step()
    if step % 5 == 4:
        print(step, round(loss.item(), 5), round(model[1].act.weight.item(), 5))

# %% seeded_training_errors
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(3, 2)
X = torch.randn(4, 3)
loss = model(X).sum()
loss.backward()
try:
    loss.backward()
except Exception as e:
    print(type(e).__name__, str(e)[:60])
opt = torch.optim.SGD(model.parameters(), lr=0.1)
sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt)
try:
    sched.step()
except Exception as e:
    print(type(e).__name__, e)
model.weight.grad[0, 0] = float("nan")
try:
    nn.utils.clip_grad_norm_(model.parameters(), 1.0, error_if_nonfinite=True)
except Exception as e:
    print(type(e).__name__, str(e)[:70])
print(nn.utils.clip_grad_norm_(model.parameters(), 1.0))
try:
    nn.functional.cross_entropy(model(X), torch.tensor([0, 1, 2, 1]))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.optim.Adam(model.parameters(), lr=-1.0)
except Exception as e:
    print(type(e).__name__, e)

# %% seeded_lbfgs_regression rtol=5e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1))
X = torch.randn(30, 3)
y = X[:, :1] * X[:, 1:2] + 0.5
opt = torch.optim.LBFGS(model.parameters(), lr=0.5, max_iter=10, history_size=5, line_search_fn="strong_wolfe")

def closure():
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X), y)
    loss.backward()
    return loss

for step in range(4):
    loss = opt.step(closure)
    print(step, f"{loss.item():.6f}", opt.state[opt._params[0]]["func_evals"], opt.state[opt._params[0]]["n_iter"])

# %% seeded_spectral_and_weight_norm_training rtol=5e-4 atol=1e-5
import torch
import torch.nn as nn
from torch.nn.utils import parametrizations

torch.manual_seed(0)
lin1 = parametrizations.spectral_norm(nn.Linear(4, 6))
lin2 = parametrizations.weight_norm(nn.Linear(6, 1))
model = nn.Sequential(lin1, nn.ReLU(), lin2)
X, y = torch.randn(12, 4), torch.randn(12, 1)
opt = torch.optim.Adam(model.parameters(), lr=0.01)
for step in range(5):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X), y)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
print(sorted(k for k in model.state_dict()))
print(round(torch.linalg.matrix_norm(lin1.weight, ord=2).item(), 4), lin2.parametrizations.weight.original0.squeeze())

# %% seeded_embedding_max_norm_and_bag rtol=3e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(0)
emb = nn.Embedding(10, 4, max_norm=1.0)
bag = nn.EmbeddingBag(10, 4, mode="mean")
fc = nn.Linear(8, 2)
idx = torch.randint(0, 10, (6, 3))
y = torch.randint(0, 2, (6,))
opt = torch.optim.SGD(list(emb.parameters()) + list(bag.parameters()) + list(fc.parameters()), lr=0.5)
for step in range(5):
    opt.zero_grad()
    feat = torch.cat([emb(idx).sum(1), bag(idx)], dim=1)
    loss = nn.functional.cross_entropy(fc(feat), y)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5), round(emb.weight.norm(dim=1).max().item(), 4))

# %% seeded_selu_alpha_dropout rtol=3e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(6, 12), nn.SELU(), nn.AlphaDropout(0.1), nn.Linear(12, 1))
X, y = torch.randn(16, 6), torch.randn(16, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.5, dampening=0.1)
for step in range(6):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X), y)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
model.eval()
print(model(X[:2]).detach())

# %% seeded_inplace_relu_dropout_mlp rtol=3e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(21)
bad = nn.Sequential(nn.Linear(5, 16), nn.ReLU(inplace=True), nn.Dropout(0.3, inplace=True), nn.Linear(16, 1))
try:
    bad(torch.randn(8, 5)).sum().backward()
except Exception as e:
    print(type(e).__name__, str(e).split("], ")[1][:60])
model = nn.Sequential(nn.Linear(5, 16), nn.Dropout(0.3, inplace=True), nn.ReLU(inplace=True),
                      nn.Linear(16, 16, bias=False), nn.BatchNorm1d(16, momentum=None), nn.ReLU(inplace=True), nn.Linear(16, 3))
X, y = torch.randn(24, 5), torch.randint(0, 3, (24,))
opt = torch.optim.Adam(model.parameters(), lr=0.01, maximize=False, foreach=False)
for step in range(8):
    perm = torch.randperm(24)
    for i in range(0, 24, 8):
        idx = perm[i:i + 8]
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(X[idx]), y[idx])
        loss.backward()
        opt.step()
    if step % 2 == 1:
        print(step, round(loss.item(), 5), perm[:4].tolist())
print(model[4].num_batches_tracked, model[4].running_mean[:3])

# %% seeded_lstm_proj_and_initial_state rtol=3e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(0)
lstm = nn.LSTM(4, 6, num_layers=2, proj_size=3, batch_first=True)
x = torch.randn(2, 5, 4)
h0 = torch.zeros(2, 2, 3)
c0 = torch.randn(2, 2, 6) * 0.1
opt = torch.optim.NAdam(lstm.parameters(), lr=0.01, momentum_decay=4e-3)
for step in range(5):
    opt.zero_grad()
    out, (h, c) = lstm(x, (h0, c0))
    loss = out.pow(2).sum() + c.abs().mean()
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
print(out.shape, h.shape, c.shape, [tuple(p.shape) for n, p in lstm.named_parameters() if "l0" in n])

# %% seeded_conv_grouped_dilated_ceilmode rtol=3e-4 atol=1e-5
import torch
import torch.nn as nn

torch.manual_seed(3)
model = nn.Sequential(
    nn.Conv2d(4, 8, 3, groups=2, dilation=2, padding=2, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
    nn.MaxPool2d(3, stride=2, ceil_mode=True), nn.Conv2d(8, 8, 1), nn.Upsample(scale_factor=2, mode="nearest"),
    nn.Conv2d(8, 2, 3, padding=1, padding_mode="reflect"),
)
X = torch.randn(2, 4, 9, 9)
target = torch.randn(2, 2, 8, 8)
opt = torch.optim.Adamax(model.parameters(), lr=0.01)
for step in range(5):
    opt.zero_grad()
    out = model(X)
    loss = nn.functional.mse_loss(out, target)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5), tuple(out.shape))

# %% seeded_rrelu_train_eval rtol=2e-4
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 10), nn.RReLU(0.1, 0.3), nn.Linear(10, 1))
X, y = torch.randn(16, 4), torch.randn(16, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.05)
for step in range(6):
    opt.zero_grad()
    out = model(X)
    loss = nn.functional.mse_loss(out, y)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5), out.grad_fn.name())
print(torch.rand(2))
h = model[0](X[:2])
print(nn.functional.rrelu(h, 0.1, 0.3, training=True))
model.eval()
with torch.no_grad():
    print(model(X[:3]).squeeze(1), torch.equal(model(X), model(X)))
