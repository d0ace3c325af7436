# Public torch names that scripts touch and that were missing: torch.GradScaler, nn.DataParallel (CPU),
# nn.SyncBatchNorm, nn.Container, Tensor.storage(), torch.frombuffer, torch.fill, the *_copy view twins,
# native_layer_norm/batch_norm/dropout, functional RNN cells, Tensor.resize, F.linear_cross_entropy,
# nn.utils.convert_conv2d_weight_memory_format and optim.Muon.

# %% grad_scaler_top_level_alias
import torch
print(torch.GradScaler is torch.amp.GradScaler)
scaler = torch.GradScaler("cpu", init_scale=2.0 ** 10, growth_interval=2)
print(scaler.get_scale(), scaler.is_enabled(), scaler.get_growth_interval())
w = torch.nn.Parameter(torch.tensor([1.0, -2.0]))
opt = torch.optim.SGD([w], lr=0.1)
for step in range(3):
    opt.zero_grad()
    loss = (w ** 2).sum()
    scaler.scale(loss).backward()
    print(step, w.grad)
    scaler.step(opt)
    scaler.update()
    print(w.detach(), scaler.get_scale())

# %% data_parallel_cpu_passthrough rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
model = nn.DataParallel(net)
print(model)
print(model.module is net, model.device_ids)
print(list(model.state_dict().keys()))
x = torch.randn(5, 3)
print(torch.equal(model(x), net(x)))
print(model(x).round(decimals=4))
print([n for n, _ in model.named_parameters()])

# %% data_parallel_checkpoint_roundtrip rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
from collections import OrderedDict
torch.manual_seed(1)
model = nn.DataParallel(nn.Linear(4, 2))
sd = model.state_dict()
plain = nn.Linear(4, 2)
try:
    plain.load_state_dict(sd)
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
stripped = OrderedDict((k[len("module."):], v) for k, v in sd.items())
print(plain.load_state_dict(stripped))
print(torch.equal(plain.weight, model.module.weight))
sd2 = sd.copy()
nn.modules.utils.consume_prefix_in_state_dict_if_present(sd2, "module.")
print(list(sd2.keys()))
wrapped = nn.DataParallel(nn.Linear(4, 2))
print(wrapped.load_state_dict(sd))
opt = torch.optim.SGD(model.parameters(), lr=0.5)
loss = model(torch.ones(3, 4)).pow(2).mean()
loss.backward()
opt.step()
print(model.module.bias.round(decimals=4))

# %% data_parallel_kwargs_and_train_eval
import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.drop = nn.Dropout(0.5)
    def forward(self, x, scale=1.0):
        return self.drop(x) * scale

m = nn.DataParallel(Net())
m.eval()
print(m.training, m.module.training, m.module.drop.training)
print(m(torch.ones(2, 2), scale=3.0))
m.train()
print(m.module.drop.training)
print(isinstance(m, nn.Module), type(m).__name__)

# %% sync_batchnorm_single_process rtol=1e-5 atol=1e-5
import torch
import torch.nn as nn
torch.manual_seed(0)
sbn = nn.SyncBatchNorm(3, momentum=0.2)
bn = nn.BatchNorm2d(3, momentum=0.2)
print(sbn)
x = torch.randn(4, 3, 2, 2) * 2 + 1
y1, y2 = sbn(x), bn(x)
print(torch.allclose(y1, y2, atol=1e-6), y1.grad_fn is not None)
print(sbn.running_mean.round(decimals=4), sbn.running_var.round(decimals=4), sbn.num_batches_tracked)
x3 = torch.randn(6, 3, 5)
print(sbn(x3).shape, sbn(torch.randn(8, 3)).shape)
for bad in (torch.randn(3), torch.randn(4, 0, 2)):
    try:
        sbn(bad)
    except Exception as e:
        print(type(e).__name__, e)
sbn.eval()
print(sbn(x).mean().item() != 0, sbn.num_batches_tracked)
print(list(sbn.state_dict().keys()))

# %% convert_sync_batchnorm rtol=1e-5 atol=1e-5
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(2, 4, 3), nn.BatchNorm2d(4), nn.ReLU(),
                      nn.Sequential(nn.Linear(4, 4), nn.BatchNorm1d(4, affine=False)))
model[1].weight.data.fill_(2.0)
model.eval()
conv = nn.SyncBatchNorm.convert_sync_batchnorm(model)
print(conv is model)
print(conv)
print(conv[1].weight is model[1].weight, conv[1].training, conv[3][1].weight)
print(type(conv[1]).__name__, type(conv[3][1]).__name__)
single = nn.SyncBatchNorm.convert_sync_batchnorm(nn.BatchNorm1d(5, momentum=None, eps=1e-3))
print(single, single.momentum, single.eps)
print(nn.SyncBatchNorm.convert_sync_batchnorm(nn.Linear(2, 2)))

# %% container_deprecated
import warnings
import torch
import torch.nn as nn
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = nn.Container(fc=nn.Linear(2, 3), act=nn.Tanh())
    print([x.category.__name__ for x in w])
print(c)
print([n for n, _ in c.named_children()], sum(p.numel() for p in c.parameters()))
print(list(c.state_dict().keys()))

# %% tensor_storage_basics
import warnings
import torch
warnings.simplefilter("ignore")
x = torch.arange(12, dtype=torch.float32).view(3, 4)
s = x.storage()
print(type(s).__name__, s.size(), len(s), s.dtype, s.element_size(), s.device)
print(s.tolist())
print(x[1].storage().data_ptr() == s.data_ptr(), x.t().storage().data_ptr() == s.data_ptr())
print(x.clone().storage().data_ptr() == s.data_ptr())
print(x[1:, 2:].storage().size(), x[1:].storage_offset())
print(s[5], s[-1])
y = torch.tensor([1, 2, 3], dtype=torch.int64)
print(y.storage().tolist(), y.storage().element_size(), y.storage().dtype)
print(torch.is_storage(s), torch.is_storage(x))
print(s)

# %% storage_sharing_after_inplace
import warnings
import torch
warnings.simplefilter("ignore")
a = torch.zeros(4)
b = a.view(2, 2)
b[0, 1] = 5.0
print(a.storage().tolist(), a.storage().data_ptr() == b.storage().data_ptr())
c = a.reshape(4)
print(c.storage().data_ptr() == a.storage().data_ptr())
d = a[torch.tensor([0, 1])]
print(d.storage().data_ptr() == a.storage().data_ptr(), d.storage().size())
print(torch.tensor([True, False]).storage().tolist(), torch.tensor([True]).storage().element_size())

# %% frombuffer_basics
import array
import warnings
import torch
buf = bytearray(b"\x01\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00")
t = torch.frombuffer(buf, dtype=torch.int32)
print(t, t.dtype, t.shape)
t[0] = 100
print(buf[:4], list(buf[:4]))
print(torch.frombuffer(buf, dtype=torch.int32, count=2, offset=4))
print(torch.frombuffer(buf, dtype=torch.uint8, offset=8))
print(torch.frombuffer(array.array("f", [1.5, -2.25, 3.0]), dtype=torch.float32))
print(torch.frombuffer(array.array("d", [0.5, 4.0]), dtype=torch.float64, requires_grad=True))
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    print(torch.frombuffer(b"\x00\x00\x80\x3f", dtype=torch.float32))
for kw in (dict(count=4), dict(offset=12), dict(offset=3), dict(count=0)):
    try:
        torch.frombuffer(buf, dtype=torch.int32, **kw)
    except Exception as e:
        print(type(e).__name__, e)
try:
    torch.frombuffer(bytearray(), dtype=torch.float32)
except Exception as e:
    print(type(e).__name__, e)

# %% torch_fill_out_of_place
import torch
t = torch.zeros(2, 3)
r = torch.fill(t, 2.5)
print(r, t.sum().item(), r.data_ptr() == t.data_ptr())
print(torch.fill(torch.zeros(3, dtype=torch.int64), 7), torch.fill(torch.zeros(2), torch.tensor(3.0)))
print(torch.fill(torch.zeros(2, dtype=torch.bool), 1))
try:
    torch.fill(t, torch.tensor([1.0, 2.0]))
except Exception as e:
    print(type(e).__name__, e)
w = torch.ones(2, requires_grad=True)
f = torch.fill(w, 3.0)
print(f, f.requires_grad)

# %% view_copy_family
import torch
x = torch.arange(6.0).view(2, 3).requires_grad_()
outs = {
    "view_copy": torch.view_copy(x, (3, 2)),
    "permute_copy": torch.permute_copy(x, (1, 0)),
    "transpose_copy": torch.transpose_copy(x, 0, 1),
    "unsqueeze_copy": torch.unsqueeze_copy(x, 0),
    "squeeze_copy": torch.squeeze_copy(x.unsqueeze(1), 1),
    "t_copy": torch.t_copy(x),
    "expand_copy": torch.expand_copy(x, (2, 2, 3)),
    "select_copy": torch.select_copy(x, 0, 1),
    "slice_copy": torch.slice_copy(x, 1, 0, 3, 2),
    "diagonal_copy": torch.diagonal_copy(x),
    "unfold_copy": torch.unfold_copy(x, 1, 2, 1),
    "as_strided_copy": torch.as_strided_copy(x, (2, 2), (1, 2)),
    "alias_copy": torch.alias_copy(x),
}
for name, y in outs.items():
    print(name, y.shape, y.is_contiguous(), y.data_ptr() != x.data_ptr(), y.grad_fn.name())
    print(y.detach())
(outs["permute_copy"] * torch.arange(6.0).view(3, 2)).sum().backward()
print(x.grad)

# %% view_copy_tuples_and_out
import torch
x = torch.arange(8.0).view(2, 4)
print(torch.unbind_copy(x, 1))
print(torch.split_copy(x, 3, 1))
print(torch.split_with_sizes_copy(x, [1, 3], 1))
print(type(torch.unbind_copy(x)).__name__, type(torch.split_copy(x, 2, 1)).__name__)
out = torch.empty(4, 2)
r = torch.t_copy(x, out=out)
print(r is out, out)
y = torch.view_copy(x, (8,))
y[0] = 100.0
print(x[0, 0].item(), torch.detach_copy(x).requires_grad)
try:
    torch.view_copy(x, (3, 3))
except Exception as e:
    print(type(e).__name__, e)

# %% native_layer_norm_tuple rtol=1e-4 atol=1e-5
import torch
import torch.nn.functional as F
torch.manual_seed(0)
x = torch.randn(2, 3, 4, requires_grad=True)
w, b = torch.randn(4), torch.randn(4)
out, mean, rstd = torch.native_layer_norm(x, [4], w, b, 1e-5)
print(out.shape, mean.shape, rstd.shape, out.grad_fn.name(), mean.requires_grad)
print(torch.allclose(out, F.layer_norm(x, (4,), w, b), atol=1e-6))
print(mean.squeeze(-1).detach().round(decimals=4), rstd.squeeze(-1).detach().round(decimals=4))
out2, m2, r2 = torch.native_layer_norm(x, (3, 4), None, None, 1e-5)
print(m2.shape, r2.shape, m2.flatten().detach().round(decimals=4))
out.sum().backward()
print(x.grad.abs().max().item() < 1e-4)

# %% native_batch_norm_tuple rtol=1e-4 atol=1e-5
import torch
torch.manual_seed(0)
x = torch.randn(4, 3, 2) * 3 + 1
rm, rv = torch.zeros(3), torch.ones(3)
y, save_mean, save_invstd = torch.native_batch_norm(x, None, None, rm, rv, True, 0.1, 1e-5)
print(y.shape, save_mean.round(decimals=4), save_invstd.round(decimals=4))
print(rm.round(decimals=4), rv.round(decimals=4))
y2, m2, i2 = torch.native_batch_norm(x, torch.ones(3) * 2, torch.zeros(3), rm, rv, False, 0.1, 1e-5)
print(m2, i2, m2.shape, y2[0, :, 0].round(decimals=4))
xg = x.clone().requires_grad_()
y3, _, _ = torch.native_batch_norm(xg, None, None, None, None, True, 0.1, 1e-5)
print(y3.grad_fn.name())
(y3 ** 2).sum().backward()
print(xg.grad.abs().max().item() < 1e-3)

# %% native_dropout_tuple rtol=1e-5 atol=1e-6
import torch
torch.manual_seed(0)
x = torch.randn(3, 4, requires_grad=True)
out, mask = torch.native_dropout(x, 0.5, True)
print(mask, mask.dtype)
print(out.round(decimals=4), out.grad_fn.name())
out.sum().backward()
print(x.grad)
out2, mask2 = torch.native_dropout(x, 0.3, False)
print(torch.equal(out2, x), mask2.all().item(), out2.grad_fn.name())
torch.manual_seed(0)
_ = torch.randn(3, 4)
print(torch.equal(torch.nn.functional.dropout(x.detach(), 0.5) != 0, mask))

# %% functional_rnn_cells rtol=1e-4 atol=1e-5
import torch
torch.manual_seed(0)
x = torch.randn(2, 3)
h, c = torch.randn(2, 4), torch.randn(2, 4)
cell = torch.nn.LSTMCell(3, 4)
h1, c1 = torch.lstm_cell(x, (h, c), cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
h2, c2 = cell(x, (h, c))
print(torch.allclose(h1, h2, atol=1e-6), torch.allclose(c1, c2, atol=1e-6))
print(h1.detach().round(decimals=4))
g = torch.nn.GRUCell(3, 4)
print(torch.allclose(torch.gru_cell(x, h, g.weight_ih, g.weight_hh, g.bias_ih, g.bias_hh), g(x, h), atol=1e-6))
r = torch.nn.RNNCell(3, 4)
print(torch.allclose(torch.rnn_tanh_cell(x, h, r.weight_ih, r.weight_hh, r.bias_ih, r.bias_hh), r(x, h), atol=1e-6))
rr = torch.nn.RNNCell(3, 4, nonlinearity="relu", bias=False)
out = torch.rnn_relu_cell(x, h, rr.weight_ih, rr.weight_hh)
print(torch.allclose(out, rr(x, h), atol=1e-6), out.detach().round(decimals=4))
print(torch.gru_cell(x, h, g.weight_ih, g.weight_hh).shape)

# %% tensor_resize_deprecated
import warnings
import torch
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    x = torch.arange(6.0)
    y = x.resize(2, 3)
    print(y, [str(m.message) for m in w])
z = torch.arange(4.0, requires_grad=True)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    r = z.resize(2, 2)
    print(r.grad_fn is not None, r.shape)
    (r * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
    print(z.grad)
    print(torch.arange(6.0).resize_as(torch.empty(3, 2)))
    try:
        x.resize(4, 4)
    except Exception as e:
        print(type(e).__name__, e)

# %% histogramdd_basics rtol=1e-5 atol=1e-6
import torch
pts = torch.tensor([[0.0, 1.0], [1.0, 0.0], [2.0, 0.0], [2.0, 2.0]])
h = torch.histogramdd(pts, bins=[3, 3], weight=torch.tensor([1.0, 2.0, 4.0, 8.0]))
print(h.hist)
print(h.bin_edges)
hist, edges = torch.histogramdd(pts, bins=2, range=[0.0, 1.0, 0.0, 1.0], density=True)
print(hist, edges)
e = torch.histogramdd(pts, bins=[torch.tensor([0.0, 0.5, 3.0]), torch.tensor([0.0, 1.0, 2.0])])
print(e.hist, type(e).__name__)
print(torch.histogramdd(torch.tensor([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]), bins=[1, 2, 2]).hist.shape)

# %% linear_cross_entropy_functional rtol=1e-4 atol=1e-5
import torch
import torch.nn.functional as F
torch.manual_seed(0)
x = torch.randn(5, 4, requires_grad=True)
w = torch.randn(3, 4, requires_grad=True)
b = torch.randn(3)
t = torch.tensor([0, 2, 1, 1, 0])
loss = F.linear_cross_entropy(x, w, t, linear_bias=b)
ref = F.cross_entropy(F.linear(x, w, b), t)
print(round(loss.item(), 4), torch.allclose(loss, ref))
print(F.linear_cross_entropy(x, w, t, reduction="none", label_smoothing=0.1).detach().round(decimals=4))
print(round(F.linear_cross_entropy(x, w, torch.tensor([0, -100, 1, 1, 2]), ignore_index=-100).item(), 4))
loss.backward()
print(w.grad.round(decimals=4))
print(round(F.linear_cross_entropy(x[0], w, t[0]).item(), 4))
for args, kw in [((x, w[:, :3], t), {}), ((x.unsqueeze(0), w, t), {}), ((x, w, t), dict(linear_bias=torch.zeros(4))),
                 ((x, w, F.softmax(torch.randn(5, 3), 1)), dict(ignore_index=0))]:
    try:
        F.linear_cross_entropy(*args, **kw)
    except Exception as e:
        print(type(e).__name__, e)

# %% linear_cross_entropy_module rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
torch.manual_seed(0)
crit = nn.LinearCrossEntropyLoss(4, 3, bias=True, label_smoothing=0.05)
print(crit)
print([(n, tuple(p.shape)) for n, p in crit.named_parameters()])
x = torch.randn(6, 4)
t = torch.randint(0, 3, (6,))
opt = torch.optim.SGD(crit.parameters(), lr=0.5)
for _ in range(3):
    opt.zero_grad()
    loss = crit(x, t)
    loss.backward()
    opt.step()
    print(round(loss.item(), 4))
k = nn.LinearCrossEntropyLoss(4, 3, out_features=(2,))
print(k.linear, k(x, torch.randint(0, 3, (6, 2))).shape)
try:
    nn.LinearCrossEntropyLoss(4, 3, weight=torch.ones(2))
except Exception as e:
    print(type(e).__name__, e)

# %% convert_conv_weight_memory_format
import torch
import torch.nn as nn
model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU(), nn.Sequential(nn.ConvTranspose2d(4, 2, 2)), nn.Conv1d(2, 2, 1))
out = nn.utils.convert_conv2d_weight_memory_format(model, torch.channels_last)
print(out is model)
print(model[0].weight.is_contiguous(memory_format=torch.channels_last), model[0].weight.is_contiguous())
print(model[0].weight.stride(), model[2][0].weight.stride(), model[3].weight.stride())
print(isinstance(model[0].weight, nn.Parameter), model[0].weight.requires_grad)
m3 = nn.utils.convert_conv3d_weight_memory_format(nn.Conv3d(2, 3, 2), torch.channels_last_3d)
print(m3.weight.stride(), m3.weight.is_contiguous(memory_format=torch.channels_last_3d))
x = torch.ones(1, 3, 5, 5)
print(model[0](x).shape)

# %% muon_optimizer_steps rtol=1e-3 atol=2e-4
import torch
import torch.nn as nn
torch.manual_seed(0)
lin = nn.Linear(6, 4, bias=False)
opt = torch.optim.Muon(lin.parameters(), lr=0.02)
print(opt.defaults["momentum"], opt.defaults["nesterov"], opt.defaults["ns_steps"], opt.defaults["weight_decay"])
x, y = torch.randn(8, 6), torch.randn(8, 4)
for step in range(4):
    opt.zero_grad()
    loss = ((lin(x) - y) ** 2).mean()
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4))
print(lin.weight.detach().round(decimals=3))
print(list(opt.state[lin.weight].keys()), opt.state[lin.weight]["momentum_buffer"].shape)

# %% muon_options_and_errors rtol=1e-3 atol=2e-4
import torch
import torch.nn as nn
torch.manual_seed(1)
w = nn.Parameter(torch.randn(5, 3))
opt = torch.optim.Muon([w], lr=0.1, weight_decay=0.0, nesterov=False, adjust_lr_fn="match_rms_adamw")
(w.sum() ** 2).backward()
opt.step()
print(w.detach().round(decimals=3))
for kw in (dict(lr=-1.0), dict(momentum=-0.1), dict(weight_decay=-1.0), dict(adjust_lr_fn="bad")):
    try:
        torch.optim.Muon([nn.Parameter(torch.randn(2, 2))], **kw)
    except Exception as e:
        print(type(e).__name__, e)
try:
    torch.optim.Muon(nn.Linear(3, 2).parameters())
except Exception as e:
    print(type(e).__name__, e)

# %% uint16_32_64_creation_and_printing
import numpy as np
import torch
for dt in (torch.uint16, torch.uint32, torch.uint64):
    t = torch.tensor([1, 2, 300], dtype=dt)
    print(t, dt, dt.itemsize, dt.is_signed, dt.is_floating_point, t.element_size())
    print(torch.zeros(2, dtype=dt), torch.ones(2, 2, dtype=dt), torch.full((2,), 7, dtype=dt))
    print(torch.iinfo(dt).max, torch.iinfo(dt).min, torch.iinfo(dt).bits)
print(torch.from_numpy(np.array([1, 65535], dtype=np.uint16)), torch.tensor([2 ** 63], dtype=torch.uint64))
print(torch.tensor([-1], dtype=torch.uint32), torch.empty(0, dtype=torch.uint16))
try:
    torch.tensor([70000], dtype=torch.uint16)
except Exception as e:
    print(type(e).__name__, e)
print(torch.arange(5).to(torch.uint32).numpy().dtype, torch.tensor([3], dtype=torch.uint16).tolist())

# %% uint16_32_64_supported_ops
import torch
u = torch.tensor([5, 2, 9], dtype=torch.uint32)
print(u * 2, u * u, u * True, u * torch.tensor(2), u * 1.5)
print(u.sum(), u.sum(0), u.prod(), u.cumsum(0), u.float().mean())
print(u == 2, u.eq(u), u[1], u[torch.tensor([0, 2])], u.unique(), u.sort())
print(torch.cat([u, u]), torch.stack([u, u]).shape, u.view(3, 1).expand(3, 2))
print(u.bitwise_and(torch.tensor(3, dtype=torch.uint32)), u.to(torch.bool), u.to(torch.int64) + 1, u.double() + 0.5)
print(torch.where(torch.tensor([True, False, True]), u, torch.tensor(0, dtype=torch.uint32)))
x = torch.zeros(3)
print(x.add_(u), u.clone().mul_(2), u.clone().copy_(torch.tensor([1.0, 2.0, 3.0])))
print(torch.promote_types(torch.uint16, torch.float32), torch.promote_types(torch.uint64, torch.float16))
for a, b in ((torch.uint16, torch.int8), (torch.uint16, torch.int64), (torch.uint32, torch.uint16), (torch.uint16, torch.bool)):
    try:
        torch.promote_types(a, b)
    except Exception as e:
        print(type(e).__name__, e)
for f in (lambda: u * torch.tensor([2, 2, 2]), lambda: torch.zeros(2, dtype=torch.uint16) == torch.zeros(2, dtype=torch.uint8),
          lambda: u.clone().add_(x)):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# %% hash_tensor_xor
import torch
a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(torch.hash_tensor(a), torch.hash_tensor(a, 1), torch.hash_tensor(a, 0, keepdim=True))
print(a.hash_tensor(), torch.hash_tensor(a, (0, 1)), torch.hash_tensor(torch.tensor(2.5)))
print(torch.hash_tensor(torch.tensor([1, 2], dtype=torch.int32)), torch.hash_tensor(torch.tensor([True, False])))
print(torch.hash_tensor(torch.tensor([-1, 2])), torch.hash_tensor(torch.tensor([-1], dtype=torch.int8)))
print(torch.hash_tensor(torch.tensor([1.5], dtype=torch.float16)), torch.hash_tensor(torch.zeros(2, 0, 3), 2))
print(torch.equal(torch.hash_tensor(a), torch.hash_tensor(a.clone())), torch.hash_tensor(a).dtype)
for f in (lambda: torch.hash_tensor(a, mode=1), lambda: torch.hash_tensor(torch.zeros(0)),
          lambda: torch.hash_tensor(torch.zeros(0, 3), 0)):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# %% data_parallel_training_and_unwrap rtol=1e-4 atol=1e-5
import io
import torch
import torch.nn as nn
from torch.nn.parallel import DataParallel
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
if torch.cuda.device_count() > 1:
    model = nn.DataParallel(model)
model = DataParallel(model)
opt = torch.optim.Adam(model.parameters(), lr=0.01)
X, Y = torch.randn(32, 4), torch.randn(32, 1)
for epoch in range(3):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X), Y)
    loss.backward()
    opt.step()
    print(epoch, round(loss.item(), 4))
net = model.module if isinstance(model, nn.DataParallel) else model
buf = io.BytesIO()
torch.save(net.state_dict(), buf)
buf.seek(0)
fresh = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
print(fresh.load_state_dict(torch.load(buf)))
print(torch.allclose(fresh(X), model(X)))
try:
    torch.nn.parallel.data_parallel(net, X)
except Exception as e:
    print(type(e).__name__, e)

# %% sync_batchnorm_training_loop rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(1, 3, 3, padding=1), nn.BatchNorm2d(3), nn.ReLU(), nn.Flatten(), nn.Linear(3 * 4 * 4, 2))
model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
x, t = torch.randn(6, 1, 4, 4), torch.tensor([0, 1, 0, 1, 1, 0])
for step in range(3):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(x), t)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4))
print(model[1].running_mean, model[1].num_batches_tracked)
model.eval()
print(model(x[:2]).detach().round(decimals=4))
print(list(model.state_dict().keys())[:6])

# %% lstm_cell_manual_unroll rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
torch.manual_seed(0)
lstm = nn.LSTM(3, 5, batch_first=True)
x = torch.randn(2, 4, 3)
out, (h_n, c_n) = lstm(x)
h, c = torch.zeros(2, 5), torch.zeros(2, 5)
steps = []
for t in range(x.size(1)):
    h, c = torch.lstm_cell(x[:, t], (h, c), lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0)
    steps.append(h)
manual = torch.stack(steps, 1)
print(torch.allclose(manual, out, atol=1e-6), torch.allclose(c, c_n[0], atol=1e-6))
manual.sum().backward()
print(lstm.weight_hh_l0.grad.abs().sum().item() > 0, manual[0, -1].detach().round(decimals=4))
gru = nn.GRU(3, 5)
h = torch.zeros(2, 5)
for t in range(4):
    h = torch.gru_cell(x[:, t], h, gru.weight_ih_l0, gru.weight_hh_l0, gru.bias_ih_l0, gru.bias_hh_l0)
print(torch.allclose(h, gru(x.transpose(0, 1))[1][0], atol=1e-6))

# %% muon_with_adamw_param_groups rtol=1e-3 atol=2e-4
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 2))
matrices = [p for p in model.parameters() if p.ndim == 2]
others = [p for p in model.parameters() if p.ndim != 2]
opts = [torch.optim.Muon(matrices, lr=0.02, momentum=0.9), torch.optim.AdamW(others, lr=1e-3)]
x, t = torch.randn(16, 6), torch.randint(0, 2, (16,))
for step in range(4):
    for o in opts:
        o.zero_grad()
    loss = nn.functional.cross_entropy(model(x), t)
    loss.backward()
    for o in opts:
        o.step()
    print(step, round(loss.item(), 4))
sd = opts[0].state_dict()
print(sd["param_groups"][0]["lr"], sd["param_groups"][0]["params"], sorted(sd["state"][0].keys()))
print(sd["param_groups"][0]["ns_coefficients"], sd["param_groups"][0]["adjust_lr_fn"], sd["param_groups"][0]["eps"])

# %% frombuffer_numpy_bytes_and_files
import warnings
import numpy as np
import torch
arr = np.arange(6, dtype=np.float32)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    t = torch.frombuffer(arr.tobytes(), dtype=torch.float32)
    print(t, t.dtype)
ba = bytearray(arr.tobytes())
v = torch.frombuffer(ba, dtype=torch.float32).view(2, 3)
v.mul_(2)
print(np.frombuffer(bytes(ba), dtype=np.float32))
print(torch.frombuffer(ba, dtype=torch.int16, count=4), torch.frombuffer(memoryview(ba), dtype=torch.float64, offset=8))
print(torch.frombuffer(ba, dtype=torch.float32).requires_grad, torch.frombuffer(ba, dtype=torch.float32).is_contiguous())

# %% histogramdd_seeded_density rtol=1e-4 atol=1e-5
import torch
torch.manual_seed(0)
pts = torch.randn(200, 2)
h = torch.histogramdd(pts, bins=[4, 3], range=[-2.0, 2.0, -1.5, 1.5])
print(h.hist, h.hist.sum().item())
print([e.round(decimals=4) for e in h.bin_edges])
d = torch.histogramdd(pts, bins=[4, 3], range=[-2.0, 2.0, -1.5, 1.5], density=True)
print(d.hist.round(decimals=4))
w = torch.rand(200)
print(torch.histogramdd(pts, bins=2, weight=w).hist.round(decimals=3))
