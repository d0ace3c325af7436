# Dtypes through nn: converting models (double/half/to), float64/float16 forward and backward of common
# layers on CPU, mixed input/weight dtypes (errors), set_default_dtype before building a model, optimizer
# state dtypes, state_dict loading across dtypes, integer inputs to layers.

# %% nd_batchnorm_double_buffers strict
import torch
import torch.nn as nn

torch.manual_seed(0)
bn = nn.BatchNorm1d(3)
bn(torch.randn(4, 3))
bn.double()
for k, v in bn.state_dict().items():
    print(k, v.dtype)
print(bn.running_mean.dtype, bn.num_batches_tracked)
bn.half()
print({k: str(v.dtype) for k, v in bn.named_buffers()})
bn.to(dtype=torch.float32)
print(bn.weight.dtype, bn.running_var.dtype, bn.num_batches_tracked.dtype)

# %% nd_linear_double_forward_backward rtol=1e-10 atol=1e-12
import torch
import torch.nn as nn

torch.manual_seed(1)
lin = nn.Linear(4, 3).double()
x = torch.randn(5, 4, dtype=torch.float64, requires_grad=True)
y = lin(x)
print(y.dtype, y.grad_fn.name())
y.pow(2).sum().backward()
print(lin.weight.grad.dtype, x.grad.dtype)
print(lin.weight.grad)
print(x.grad.sum().item())

# %% nd_linear_mixed_dtype_errors strict
import torch
import torch.nn as nn
import torch.nn.functional as F

lin = nn.Linear(3, 2)
for f in [lambda: lin(torch.ones(2, 3, dtype=torch.float64)),
          lambda: lin(torch.ones(3, dtype=torch.float64)),
          lambda: lin.double()(torch.ones(2, 3)),
          lambda: F.linear(torch.ones(2, 3), torch.ones(2, 3, dtype=torch.float64)),
          lambda: torch.ones(2, 3) @ torch.ones(3, 2, dtype=torch.float64),
          lambda: torch.mm(torch.ones(2, 3), torch.ones(3, 2, dtype=torch.float16))]:
    try:
        print(f().dtype)
    except Exception as e:
        print(type(e).__name__, e)

# %% nd_linear_int_input_errors strict
import torch
import torch.nn as nn

lin = nn.Linear(3, 2)
for x in [torch.ones(2, 3, dtype=torch.long), torch.ones(2, 3, dtype=torch.int32), torch.ones(2, 3, dtype=torch.bool)]:
    try:
        lin(x)
    except Exception as e:
        print(type(e).__name__, e)
print(lin(torch.ones(2, 3, dtype=torch.long).float()).shape)

# %% nd_conv_mixed_dtype_errors strict
import torch
import torch.nn as nn

torch.manual_seed(0)
c1 = nn.Conv1d(2, 3, 3)
c2 = nn.Conv2d(2, 3, 3)
for f in [lambda: c1(torch.ones(1, 2, 5, dtype=torch.float64)),
          lambda: c2(torch.ones(1, 2, 5, 5, dtype=torch.float64)),
          lambda: nn.Conv2d(2, 3, 3, bias=False)(torch.ones(1, 2, 5, 5, dtype=torch.float64)),
          lambda: c2(torch.ones(1, 2, 5, 5, dtype=torch.long)),
          lambda: c2.double()(torch.ones(1, 2, 5, 5))]:
    try:
        print(f().dtype)
    except Exception as e:
        print(type(e).__name__, e)

# %% nd_conv_double_grad rtol=1e-9 atol=1e-12
import torch
import torch.nn as nn

torch.manual_seed(2)
conv = nn.Conv2d(2, 4, 3, padding=1).to(torch.float64)
x = torch.randn(2, 2, 5, 5, dtype=torch.float64, requires_grad=True)
out = conv(x)
print(out.dtype, out.grad_fn.name(), out.shape)
out.sum().backward()
print(conv.weight.grad.dtype, conv.bias.grad, x.grad[0, 0])
print(torch.autograd.gradcheck(lambda inp: conv(inp).tanh().sum(), (x,)))

# %% nd_set_default_dtype_model strict
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)
try:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.LayerNorm(4), nn.Embedding(5, 2))
    for k, v in model.state_dict().items():
        print(k, v.dtype)
    print(torch.zeros(2).dtype, torch.tensor([1.0]).dtype, torch.arange(3.0).dtype, torch.randn(2).dtype, torch.tensor(1.5).dtype)
    print(torch.get_default_dtype(), nn.Linear(2, 2)(torch.ones(1, 2)).dtype)
finally:
    torch.set_default_dtype(torch.float32)
print(torch.get_default_dtype(), nn.Linear(2, 2).weight.dtype)

# %% nd_half_linear_cpu rtol=2e-3 atol=1e-3
import torch
import torch.nn as nn

torch.manual_seed(3)
lin = nn.Linear(4, 3).half()
x = torch.randn(2, 4).half()
y = lin(x)
print(y.dtype, y)
y.float().sum().backward()
print(lin.weight.grad.dtype, lin.bias.grad)

# %% nd_half_activations_cpu rtol=2e-3 atol=1e-3
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.linspace(-3, 3, 7).half()
for name, f in [("relu", F.relu), ("gelu", F.gelu), ("silu", F.silu), ("sigmoid", torch.sigmoid), ("tanh", torch.tanh),
                ("softmax", lambda t: F.softmax(t, 0)), ("log_softmax", lambda t: F.log_softmax(t, 0)),
                ("leaky", nn.LeakyReLU(0.1)), ("elu", F.elu), ("softplus", F.softplus), ("hardswish", F.hardswish)]:
    y = f(x)
    print(name, y.dtype, y)

# %% nd_double_norm_layers rtol=1e-10 atol=1e-12
import torch
import torch.nn as nn

torch.manual_seed(4)
x = torch.randn(3, 4, 5, dtype=torch.float64, requires_grad=True)
for m in [nn.LayerNorm(5), nn.GroupNorm(2, 4), nn.BatchNorm1d(4), nn.InstanceNorm1d(4, affine=True)]:
    m = m.double()
    y = m(x)
    g, = torch.autograd.grad((y * torch.arange(5.0, dtype=torch.float64)).sum(), x)
    print(type(m).__name__, y.dtype, y[0, 0], g[0, 0])

# %% nd_batchnorm_running_stats_double rtol=1e-10 atol=1e-12
import torch
import torch.nn as nn

torch.manual_seed(5)
bn = nn.BatchNorm2d(3, momentum=None).double()
for _ in range(3):
    bn(torch.randn(4, 3, 2, 2, dtype=torch.float64) * 2 + 1)
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
bn.eval()
print(bn(torch.ones(1, 3, 1, 1, dtype=torch.float64)).flatten())
try:
    bn(torch.ones(1, 3, 1, 1))
except Exception as e:
    print(type(e).__name__, e)

# %% nd_embedding_dtypes strict
import torch
import torch.nn as nn

torch.manual_seed(6)
emb = nn.Embedding(5, 2).double()
print(emb(torch.tensor([1, 4])).dtype, emb(torch.tensor([0], dtype=torch.int32)).dtype)
for idx in [torch.tensor([1.0, 2.0]), torch.tensor([True]), torch.tensor([1, 2], dtype=torch.int16)]:
    try:
        print(emb(idx).shape)
    except Exception as e:
        print(type(e).__name__, e)
e16 = nn.Embedding(4, 3, padding_idx=0).half()
out = e16(torch.tensor([[0, 3]]))
print(out.dtype, out[0, 0])

# %% nd_state_dict_cross_dtype_load strict
import torch
import torch.nn as nn

src = nn.Linear(2, 2).double()
with torch.no_grad():
    src.weight.copy_(torch.tensor([[0.1, 0.2], [0.3, 1 / 3]], dtype=torch.float64))
    src.bias.fill_(0.5)
dst = nn.Linear(2, 2)
w = dst.weight
print(dst.load_state_dict(src.state_dict()))
print(dst.weight.dtype, dst.weight is w, dst.weight)
h = nn.Linear(2, 2).half()
h.load_state_dict(src.state_dict())
print(h.weight.dtype, h.weight)
bn = nn.BatchNorm1d(2)
sd = nn.BatchNorm1d(2).double().state_dict()
sd["num_batches_tracked"] = torch.tensor(7, dtype=torch.int32)
bn.load_state_dict(sd)
print(bn.running_mean.dtype, bn.num_batches_tracked, bn.num_batches_tracked.dtype)

# %% nd_optimizer_state_double strict
import torch
import torch.nn as nn

torch.manual_seed(7)
lin = nn.Linear(3, 1).double()
x = torch.randn(4, 3, dtype=torch.float64)
for opt_cls, kw in [(torch.optim.Adam, {}), (torch.optim.SGD, {"momentum": 0.9}), (torch.optim.RMSprop, {}), (torch.optim.AdamW, {"amsgrad": True}), (torch.optim.Adagrad, {})]:
    opt = opt_cls(lin.parameters(), lr=0.01, **kw)
    opt.zero_grad()
    lin(x).sum().backward()
    opt.step()
    st = opt.state[lin.weight]
    print(opt_cls.__name__, {k: (str(v.dtype), tuple(v.shape)) if torch.is_tensor(v) else v for k, v in sorted(st.items())})

# %% nd_optimizer_half_params rtol=2e-3 atol=1e-4
import torch
import torch.nn as nn

w = nn.Parameter(torch.tensor([1.0, -2.0, 3.0], dtype=torch.float16))
opt = torch.optim.Adam([w], lr=0.1)
for _ in range(3):
    opt.zero_grad()
    (w.float() ** 2).sum().backward()
    opt.step()
print(w, w.dtype, w.grad.dtype)
print({k: (v.dtype if torch.is_tensor(v) else v) for k, v in sorted(opt.state[w].items())})
s = nn.Parameter(torch.tensor([0.5, 0.25], dtype=torch.float16))
o2 = torch.optim.SGD([s], lr=0.5, momentum=0.9)
for _ in range(2):
    o2.zero_grad()
    s.sum().backward()
    o2.step()
print(s, o2.state[s]["momentum_buffer"].dtype)

# %% nd_float64_training_seeded rtol=1e-10 atol=1e-12
import torch
import torch.nn as nn

torch.manual_seed(42)
model = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1)).double()
X = torch.randn(32, 3, dtype=torch.float64)
Y = (X[:, :1] * 2 - X[:, 1:2]).sin()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(20):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X), Y)
    loss.backward()
    opt.step()
    if step % 5 == 0:
        print(step, f"{loss.item():.10f}")
print(model[0].weight.dtype, f"{loss.item():.10f}")

# %% nd_lstm_gru_double rtol=1e-9 atol=1e-12
import torch
import torch.nn as nn

torch.manual_seed(8)
lstm = nn.LSTM(3, 4, num_layers=2, batch_first=True).double()
gru = nn.GRU(3, 4, bidirectional=True).to(torch.float64)
x = torch.randn(2, 5, 3, dtype=torch.float64, requires_grad=True)
out, (h, c) = lstm(x)
print(out.dtype, h.dtype, c.dtype, out[0, -1], out.grad_fn.name() if out.grad_fn else None)
out.sum().backward()
print(lstm.weight_ih_l0.grad.dtype, x.grad[1, 0])
o2, h2 = gru(x.detach().transpose(0, 1))
print(o2.dtype, h2.shape, h2[1, 0])
print([p.dtype for p in lstm.parameters()][:2], lstm.weight_hh_l1.dtype)

# %% nd_rnn_mixed_dtype_errors strict
import torch
import torch.nn as nn

lstm = nn.LSTM(3, 4)
gru = nn.GRU(3, 4).double()
rnn = nn.RNN(3, 4)
for f in [lambda: lstm(torch.ones(2, 1, 3, dtype=torch.float64)),
          lambda: gru(torch.ones(2, 1, 3)),
          lambda: rnn(torch.ones(2, 1, 3, dtype=torch.long)),
          lambda: rnn(torch.ones(2, 1, 3), torch.zeros(1, 1, 4, dtype=torch.float64))]:
    try:
        print(f()[0].dtype)
    except Exception as e:
        print(type(e).__name__, e)

# %% nd_mha_transformer_double rtol=1e-9 atol=1e-12
import torch
import torch.nn as nn

torch.manual_seed(9)
mha = nn.MultiheadAttention(4, 2, batch_first=True).double()
q = torch.randn(2, 3, 4, dtype=torch.float64)
out, w = mha(q, q, q)
print(out.dtype, w.dtype, out[0, 0], w[1, 0])
layer = nn.TransformerEncoderLayer(4, 2, dim_feedforward=8, dropout=0.0, batch_first=True).double()
y = layer(q)
print(y.dtype, y[1, 2])
y.sum().backward()
print(layer.linear1.weight.grad.dtype, layer.self_attn.in_proj_weight.grad.abs().sum().item() > 0)
try:
    mha(q.float(), q.float(), q.float())
except Exception as e:
    print(type(e).__name__)

# %% nd_pooling_half_double rtol=2e-3 atol=1e-3
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(10)
x = torch.randn(1, 2, 4, 4)
for dt in [torch.float64, torch.float16]:
    xt = x.to(dt)
    print(F.max_pool2d(xt, 2).dtype, F.max_pool2d(xt, 2)[0, 0])
    print(F.avg_pool2d(xt, 2)[0, 1], F.adaptive_avg_pool2d(xt, 1).flatten(), F.adaptive_max_pool2d(xt, (1, 2)).dtype)
    print(nn.MaxPool1d(2)(xt[0]).dtype, F.avg_pool1d(xt[0], 2).dtype)

# %% nd_pool_int_inputs strict
import torch
import torch.nn.functional as F

x = torch.arange(16).reshape(1, 1, 4, 4)
for name, f in [("max_pool2d", lambda: F.max_pool2d(x, 2)), ("avg_pool2d", lambda: F.avg_pool2d(x, 2)),
                ("adaptive_avg", lambda: F.adaptive_avg_pool2d(x, 1)), ("adaptive_max", lambda: F.adaptive_max_pool2d(x, 1)),
                ("max_pool1d", lambda: F.max_pool1d(x[0], 2)), ("avg_pool1d", lambda: F.avg_pool1d(x[0], 2)),
                ("relu", lambda: F.relu(x)), ("softmax", lambda: F.softmax(x, -1)), ("gelu", lambda: F.gelu(x)),
                ("sigmoid", lambda: torch.sigmoid(x)), ("dropout", lambda: F.dropout(x, 0.5, training=False))]:
    try:
        r = f()
        print(name, r.dtype, r.flatten()[:4])
    except Exception as e:
        print(name, type(e).__name__, e)

# %% nd_losses_double_half rtol=2e-3 atol=1e-4
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(11)
logits = torch.randn(4, 3)
t = torch.tensor([0, 2, 1, 2])
for dt in [torch.float64, torch.float16]:
    lg = logits.to(dt).requires_grad_()
    ce = F.cross_entropy(lg, t)
    ce.float().backward()
    print(ce.dtype, ce, lg.grad.dtype, lg.grad[0])
    print(F.mse_loss(lg, torch.zeros(4, 3, dtype=dt)).dtype, F.nll_loss(F.log_softmax(lg, 1), t).dtype,
          F.binary_cross_entropy_with_logits(lg, torch.ones(4, 3, dtype=dt)).dtype, F.smooth_l1_loss(lg, lg * 0).dtype)

# %% nd_loss_mixed_dtypes strict
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([[0.2, 0.8], [0.6, 0.4]])
for name, f in [("bce_f64_target", lambda: F.binary_cross_entropy(x, torch.ones(2, 2, dtype=torch.float64))),
                ("bce_logits_f64_target", lambda: F.binary_cross_entropy_with_logits(x, torch.ones(2, 2, dtype=torch.float64))),
                ("ce_f64_weight", lambda: F.cross_entropy(x, torch.tensor([0, 1]), weight=torch.ones(2, dtype=torch.float64))),
                ("ce_int_target", lambda: F.cross_entropy(x, torch.tensor([0, 1], dtype=torch.int32))),
                ("ce_float_class_target", lambda: F.cross_entropy(x, torch.tensor([0.0, 1.0]))),
                ("nll_double", lambda: F.nll_loss(x.double(), torch.tensor([0, 1]))),
                ("mse_long_target", lambda: F.mse_loss(x, torch.tensor([[1, 0], [0, 1]]))),
                ("l1_half", lambda: F.l1_loss(x.half(), x)),
                ("huber_f64", lambda: F.huber_loss(x, x.double() + 1))]:
    try:
        r = f()
        print(name, r.dtype, round(r.item(), 4))
    except Exception as e:
        print(name, type(e).__name__, e)

# %% nd_optimizer_then_double rtol=1e-10 atol=1e-12
import torch
import torch.nn as nn

torch.manual_seed(12)
model = nn.Linear(2, 1)
opt = torch.optim.Adam(model.parameters(), lr=0.1)
model.double()
x = torch.randn(3, 2, dtype=torch.float64)
for _ in range(2):
    opt.zero_grad()
    model(x).pow(2).mean().backward()
    opt.step()
print(opt.param_groups[0]["params"][0] is model.weight, model.weight.dtype)
print(opt.state[model.weight]["exp_avg"].dtype, opt.state[model.weight]["step"], model.bias)
sd = opt.state_dict()
opt2 = torch.optim.Adam(nn.Linear(2, 1).parameters(), lr=0.1)
opt2.load_state_dict(sd)
print(opt2.state[opt2.param_groups[0]["params"][0]]["exp_avg"].dtype)

# %% nd_legacy_type_spelling strict
import torch
import torch.nn as nn

torch.manual_seed(13)
m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
m.type(torch.DoubleTensor)
print(m[0].weight.dtype, m[1].running_mean.dtype, m[1].num_batches_tracked.dtype)
m.type(torch.float32)
print(m[0].bias.dtype, m[1].num_batches_tracked.dtype)
x = torch.tensor([1.5, -2.5])
print(x.type("torch.DoubleTensor").dtype, x.type("torch.LongTensor"), x.type("torch.HalfTensor").dtype, x.type(torch.float32) is x)
print(x.type(), x.double().type(), x.half().type(), isinstance(x.double(), torch.DoubleTensor), isinstance(x, torch.DoubleTensor))

# %% nd_tensor_to_variants strict
import torch

x = torch.tensor([1.25, -2.5])
y64 = torch.zeros(1, dtype=torch.float64)
i32 = torch.zeros(1, dtype=torch.int32)
print(x.to(y64).dtype, x.to(i32), x.to(x) is x, x.to(torch.float32) is x, x.to(torch.float32, copy=True) is x)
print(x.to("cpu", torch.float16), x.to(device="cpu", dtype=torch.float64, non_blocking=True).dtype, x.to(y64, non_blocking=True, copy=True).dtype)
print(x.to(torch.device("cpu")) is x, x.to(dtype=torch.float32) is x, x.type_as(i32), x.new_ones(2).dtype, x.to(y64).new_zeros(1).dtype)
r = torch.tensor([1.0], requires_grad=True)
d = r.to(torch.float64)
print(d.requires_grad, d.grad_fn.name(), d.is_leaf, r.to(torch.float32).is_leaf)
try:
    x.to("float64")
except Exception as e:
    print(type(e).__name__)

# %% nd_module_to_args strict
import torch
import torch.nn as nn

m = nn.Linear(2, 2)
w = m.weight
print(m.to(torch.float64, non_blocking=True) is m, m.weight.dtype, m.weight is w)
print(m.to("cpu", dtype=torch.float32, non_blocking=False).weight.dtype)
print(m.to(torch.zeros(1, dtype=torch.float16)).bias.dtype, m.to(device="cpu").bias.dtype)
print(m.to(memory_format=torch.channels_last).bias.dtype if False else m.float().weight.dtype)
for args, kw in [((torch.int32,), {}), (("cpu", torch.long), {}), ((), {"dtype": torch.bool})]:
    try:
        m.to(*args, **kw)
    except Exception as e:
        print(type(e).__name__, e)
try:
    m.to(torch.float64, copy=True)
except Exception as e:
    print(type(e).__name__, e)

# %% nd_half_layers_cpu rtol=3e-3 atol=2e-3
import torch
import torch.nn as nn

torch.manual_seed(14)
x = torch.randn(2, 3, 6)
for m in [nn.Conv1d(3, 2, 3), nn.LayerNorm(6), nn.GroupNorm(1, 3), nn.BatchNorm1d(3), nn.MaxPool1d(2), nn.AvgPool1d(2)]:
    m = m.half()
    try:
        y = m(x.half())
        print(type(m).__name__, y.dtype, y[0, 0])
    except Exception as e:
        print(type(m).__name__, type(e).__name__, e)
rnn = nn.GRU(6, 4, batch_first=True).half()
try:
    out, h = rnn(x.half())
    print("GRU", out.dtype, h[0, 0])
except Exception as e:
    print("GRU", type(e).__name__, e)

# %% nd_half_model_float_input_error strict
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1)).half()
x = torch.ones(2, 3)
try:
    model(x)
except Exception as e:
    print(type(e).__name__, e)
print(model(x.half()).dtype, model(x.to(next(model.parameters()).dtype)).shape)
model.float()
print(model(x).dtype, model[0].weight.dtype)

# %% nd_default_float64_seeded_init rtol=1e-10 atol=1e-12
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)
try:
    torch.manual_seed(15)
    lin = nn.Linear(3, 2)
    conv = nn.Conv1d(1, 1, 2)
    emb = nn.Embedding(2, 3)
    print(lin.weight, lin.bias)
    print(conv.weight.flatten(), emb.weight.dtype, emb.weight[1])
    print(torch.rand(2), torch.randn(2).dtype, torch.empty(2).uniform_(-1, 1))
finally:
    torch.set_default_dtype(torch.float32)
torch.manual_seed(15)
print(nn.Linear(3, 2).weight.dtype)

# %% nd_init_float64_params rtol=1e-10 atol=1e-12
import torch
import torch.nn as nn

torch.manual_seed(16)
w = torch.empty(3, 4, dtype=torch.float64)
nn.init.xavier_uniform_(w)
print(w[0])
nn.init.kaiming_uniform_(w, a=0.1)
print(w[1])
nn.init.uniform_(w, -2, 2)
print(w[2], w.dtype)
h = torch.empty(2, 3, dtype=torch.float16)
nn.init.constant_(h, 0.3)
print(h)
nn.init.zeros_(h)
nn.init.ones_(w)
print(h.dtype, w.sum().item())

# %% nd_gradcheck_double_model
import torch
import torch.nn as nn
from torch.autograd import gradcheck, gradgradcheck

torch.manual_seed(17)
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.LayerNorm(4), nn.Linear(4, 2)).double()
x = torch.randn(5, 3, dtype=torch.float64, requires_grad=True)
print(gradcheck(model, (x,)), gradgradcheck(model, (x,)))
conv = nn.Conv1d(2, 3, 2).double()
print(gradcheck(lambda t: conv(t).sigmoid(), (torch.randn(1, 2, 4, dtype=torch.float64, requires_grad=True),)))
f32 = nn.Linear(3, 1)
try:
    gradcheck(f32, (torch.randn(2, 3, requires_grad=True),), raise_exception=True)
    print("passed")
except Exception as e:
    print(type(e).__name__)

# %% nd_clip_grad_dtypes rtol=1e-6
import torch
import torch.nn as nn

a = nn.Parameter(torch.tensor([3.0, 4.0], dtype=torch.float64))
b = nn.Parameter(torch.tensor([1.0, 2.0], dtype=torch.float16))
a.grad = torch.tensor([3.0, 4.0], dtype=torch.float64)
b.grad = torch.tensor([0.0, 12.0], dtype=torch.float16)
n1 = nn.utils.clip_grad_norm_([a], 1.0)
print(n1, n1.dtype, a.grad)
n2 = nn.utils.clip_grad_norm_([b], 1.0)
print(n2.dtype, b.grad)
a.grad = torch.tensor([3.0, 4.0], dtype=torch.float64)
c = nn.Parameter(torch.ones(2))
c.grad = torch.tensor([0.0, 12.0])
n3 = nn.utils.clip_grad_norm_([a, c], 26.0)
print(n3, n3.dtype, a.grad.dtype, c.grad)
nn.utils.clip_grad_value_([a], 1.5)
print(a.grad)

# %% nd_embedding_from_pretrained_double rtol=1e-10
import torch
import torch.nn as nn

w = torch.tensor([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], dtype=torch.float64)
emb = nn.Embedding.from_pretrained(w, freeze=False)
print(emb.weight.dtype, emb(torch.tensor([2, 0])))
bag = nn.EmbeddingBag.from_pretrained(w, mode="sum")
print(bag(torch.tensor([[0, 1], [1, 2]])), bag.weight.requires_grad)
out = emb(torch.tensor([1, 1, 2])).sum()
out.backward()
print(emb.weight.grad)
e32 = nn.Embedding(3, 2)
e32.load_state_dict({"weight": w})
print(e32.weight.dtype, e32.weight[2])

# %% nd_softmax_dtype_arg rtol=1e-6
import torch
import torch.nn.functional as F

x = torch.tensor([[1.0, 2.0, 3.0], [0.5, 0.5, 0.0]])
for f in [F.softmax, F.log_softmax, F.softmin]:
    y = f(x, dim=1, dtype=torch.float64)
    print(f.__name__, y.dtype, y[1])
print(torch.softmax(x.half(), 0).dtype, x.softmax(-1, dtype=torch.float64).dtype, x.log_softmax(0, torch.float16).dtype)
xi = torch.tensor([1, 2, 3])
print(F.softmax(xi, 0, dtype=torch.float32))
r = x.requires_grad_()
F.log_softmax(r, 1, dtype=torch.float64).sum().backward()
print(r.grad.dtype, r.grad[0])

# %% nd_interpolate_uint8_and_int
import torch
import torch.nn.functional as F

img = (torch.arange(48) * 5 % 256).to(torch.uint8).reshape(1, 3, 4, 4)
print(F.interpolate(img, scale_factor=2, mode="nearest")[0, 0, :2])
up = F.interpolate(img, size=(3, 5), mode="bilinear", align_corners=False)
print(up.dtype, up.shape, (up.int() - F.interpolate(img.float(), size=(3, 5), mode="bilinear").round().int()).abs().max() <= 1)
print(F.interpolate(img, size=(6, 6), mode="bicubic", align_corners=True).dtype)
print(F.interpolate(img.double(), size=(3, 3), mode="bilinear")[0, 2], F.interpolate(img.half(), scale_factor=0.5, mode="area").dtype)
for mode in ["nearest", "bilinear", "bicubic", "area"]:
    try:
        F.interpolate(img.long(), scale_factor=2, mode=mode)
    except Exception as e:
        print(mode, type(e).__name__, e)
try:
    F.interpolate(img[0], scale_factor=2, mode="linear")
except Exception as e:
    print(type(e).__name__, e)

# %% nd_load_state_dict_assign_dtype strict
import torch
import torch.nn as nn

src = nn.Linear(2, 1).double()
dst = nn.Linear(2, 1)
dst.load_state_dict(src.state_dict(), assign=True)
print(dst.weight.dtype, isinstance(dst.weight, nn.Parameter), dst.weight.requires_grad)
bn = nn.BatchNorm1d(2)
sd = {k: (v.half() if v.is_floating_point() else v) for k, v in nn.BatchNorm1d(2).state_dict().items()}
bn.load_state_dict(sd, assign=True)
print({k: str(v.dtype) for k, v in bn.state_dict().items()})
plain = nn.BatchNorm1d(2)
plain.load_state_dict(sd)
print({k: str(v.dtype) for k, v in plain.state_dict().items()})
try:
    nn.Linear(2, 1).load_state_dict({"weight": torch.ones(1, 2, dtype=torch.long), "bias": torch.zeros(1)})
    print("int weights copied")
except Exception as e:
    print(type(e).__name__, e)

# %% nd_int_buffers_survive_conversion strict
import torch
import torch.nn as nn

class Tagged(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)
        self.register_buffer("ids", torch.tensor([3, 1]))
        self.register_buffer("flags", torch.tensor([True, False]))
        self.register_buffer("scale", torch.tensor([0.5], dtype=torch.float16))
        self.register_buffer("counts", torch.tensor([1, 2], dtype=torch.int32), persistent=False)

m = Tagged()
for conv in [lambda m: m.double(), lambda m: m.half(), lambda m: m.to(torch.float64), lambda m: m.float(), lambda m: m.to(dtype=torch.float16)]:
    conv(m)
    print([(n, str(b.dtype)) for n, b in m.named_buffers()], m.lin.weight.dtype)
print(list(m.state_dict().keys()))

# %% nd_adam_mixed_dtype_groups rtol=1e-6 atol=1e-8
import torch
import torch.nn as nn

torch.manual_seed(18)
a = nn.Linear(2, 2).double()
b = nn.Linear(2, 2)
opt = torch.optim.Adam([{"params": a.parameters()}, {"params": b.parameters(), "lr": 0.01}], lr=0.1)
x = torch.randn(4, 2)
for _ in range(3):
    opt.zero_grad()
    loss = a(x.double()).sum() + b(x).pow(2).sum()
    loss.backward()
    opt.step()
print(loss.dtype, round(loss.item(), 5))
print(a.weight.dtype, b.weight.dtype, opt.state[a.weight]["exp_avg_sq"].dtype, opt.state[b.bias]["exp_avg"].dtype)
print(a.bias, b.bias)

# %% nd_lbfgs_double rtol=1e-9 atol=1e-12
import torch

torch.manual_seed(19)
A = torch.randn(4, 4, dtype=torch.float64)
A = A @ A.T + torch.eye(4, dtype=torch.float64)
bvec = torch.randn(4, dtype=torch.float64)
x = torch.zeros(4, dtype=torch.float64, requires_grad=True)
opt = torch.optim.LBFGS([x], lr=1, max_iter=50, line_search_fn="strong_wolfe", tolerance_grad=1e-12, tolerance_change=1e-14)

def closure():
    opt.zero_grad()
    loss = 0.5 * x @ A @ x - bvec @ x
    loss.backward()
    return loss

opt.step(closure)
print(x.dtype, x.detach(), torch.linalg.solve(A, bvec))
print(f"{closure().item():.10f}", opt.state[x]["d"].dtype)
