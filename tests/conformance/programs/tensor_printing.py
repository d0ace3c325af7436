# Printing and formatting: tensor repr corners, print options, named tuples, dtype/device/finfo reprs,
# module / optimizer reprs and Python formatting of tensors (compared character by character).

# %% print_default_dtype_float64 strict
import torch

torch.set_default_dtype(torch.float64)
print(torch.tensor([1.5, 2.0]), torch.tensor([1.5, 2.0], dtype=torch.float32), torch.tensor(3.0))
print(torch.zeros(0), torch.zeros(0, dtype=torch.float32), torch.zeros(2, 0), torch.tensor([1, 2]))
print(torch.ones(2, requires_grad=True) * 2, torch.arange(3.0), torch.get_default_dtype())
torch.set_default_dtype(torch.float32)
print(torch.tensor([1.5, 2.0]), torch.tensor([1.5, 2.0], dtype=torch.float64), torch.get_default_dtype())

# %% set_printoptions_resets_sci_mode strict
import torch

x = torch.tensor([3.14159265, -2.71828182, 1.41421356])
torch.set_printoptions(sci_mode=True)
print(x)
torch.set_printoptions(precision=2)
print(x, torch.tensor([1e-6, 1.0]))
torch.set_printoptions(profile="short", precision=5)
print(x, torch.arange(10))
torch.set_printoptions(threshold=float("inf"))
print(torch.arange(1002.0)[-3:], torch.arange(5))
torch.set_printoptions(profile="default")
print(x, torch.arange(1500)[:4])

# %% edgeitems_zero_size_suffix strict
import torch

torch.set_printoptions(threshold=5, edgeitems=0)
print(torch.arange(10))
print(torch.arange(12.0).view(3, 4))
print(torch.arange(4), torch.tensor([1.5, 2.5], dtype=torch.float64))
print(torch.ones(2, 3, 4, dtype=torch.int32))

# %% threshold_zero_small_tensors strict
import torch

torch.set_printoptions(threshold=0)
print(torch.tensor([1.0, 2.0]), torch.tensor(5.0), torch.arange(7))
print(torch.arange(24).view(2, 3, 4))
print(torch.arange(60.0).view(3, 4, 5) / 4)
torch.set_printoptions(threshold=1000, edgeitems=1)
print(torch.arange(2000).view(10, 20, 10))

# %% summarised_formatter_sees_edges_only strict
import torch

x = torch.ones(2000)
x[1000] = 1e-8
x[1001] = 0.5
print(x)
y = torch.arange(3000.0)
y[1500] = 0.25
print(y)
z = torch.ones(40, 40)
z[20, 20] = 123456789.0
print(z)

# %% precision_zero_and_high strict
import torch

torch.set_printoptions(precision=0)
print(torch.tensor([1.5, 2.25, -3.75]), torch.tensor([1.0, 2.0]), torch.tensor([1e-6, 1.0]))
torch.set_printoptions(precision=10)
print(torch.tensor([1 / 3], dtype=torch.float64), torch.tensor([0.1]), torch.tensor([1e-6, 2.0]))
torch.set_printoptions(precision=1, sci_mode=True)
print(torch.tensor([123.0, 0.5]), torch.tensor([1, 2, 3]), torch.tensor([0.0, -0.0]))

# %% sci_mode_forced_widths strict
import torch

torch.set_printoptions(sci_mode=True)
print(torch.tensor([1.0, 20.0, 300.0]), torch.tensor([-1.0, 0.0, float("inf"), float("nan")]))
print(torch.tensor([[1.5, -2.5], [1e-3, 4e5]]), torch.tensor(7.0), torch.tensor([0.5], dtype=torch.float16))
torch.set_printoptions(sci_mode=False)
print(torch.tensor([1e-8, 1.0]), torch.tensor([1e10, -1.0]), torch.tensor([1e12, 3.0, 7.0]))
print(torch.tensor([[1e-7, 1e7], [0.5, -3.25]], dtype=torch.float64))

# %% linewidth_wrapping_rows strict
import torch

torch.set_printoptions(linewidth=120)
print(torch.arange(40.0).view(2, 20) / 3)
torch.set_printoptions(linewidth=50)
print(torch.arange(30).view(2, 15) * 1001)
print(torch.arange(16.0).view(2, 2, 4) - 7.5)
print(torch.tensor([True, False] * 12).view(2, 12))
torch.set_printoptions(linewidth=10)
print(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([[1, 2], [3, 4]]))

# %% suffix_line_breaks strict
import torch

x = (torch.arange(10.0, dtype=torch.float64) / 7).requires_grad_()
print(x)
print(x * 2)
print(torch.arange(17.0, dtype=torch.float64, requires_grad=True))
print(torch.arange(8, dtype=torch.int16), torch.arange(17, dtype=torch.int8))
print((torch.arange(12.0).view(3, 4) * 1000.5).requires_grad_().sum(0))
print(torch.arange(14, dtype=torch.uint8))

# %% float16_and_integer_extremes strict
import torch

h = torch.tensor([65504.0, 1e-4, 6e-8, -1.0], dtype=torch.float16)
print(h)
print(torch.tensor([70000.0, -70000.0], dtype=torch.float16), torch.tensor([0.1, 0.2, 0.3], dtype=torch.float16))
print(torch.tensor([0.1], dtype=torch.float16).item(), torch.tensor([0.1, 1.5], dtype=torch.float16).tolist())
print(torch.tensor(2049.0, dtype=torch.float16), torch.tensor([1.0, 2049.0], dtype=torch.float16) + 1)
print(torch.arange(6, dtype=torch.float16) / 3)

print(torch.tensor([torch.iinfo(torch.int64).max, torch.iinfo(torch.int64).min]))
print(torch.tensor([127, -128], dtype=torch.int8), torch.tensor([0, 255], dtype=torch.uint8), torch.tensor([32767, -32768], dtype=torch.int16))
print(torch.tensor([2147483647, -2147483648], dtype=torch.int32), torch.tensor(-1, dtype=torch.int64))
print(torch.tensor([[1, -1000000], [22, 3]]), torch.tensor([0, 0, 0]), torch.tensor([-5]))
print(torch.tensor([250, 10], dtype=torch.uint8) + torch.tensor([10, 250], dtype=torch.uint8))

# %% zero_dim_each_dtype strict
import torch

for dt in [torch.float16, torch.float32, torch.float64, torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8, torch.bool]:
    t = torch.tensor(1, dtype=dt)
    print(dt, t, repr(t.item()), t.tolist(), t.dim(), t.shape, t.numel())
print(torch.tensor(float("nan")), torch.tensor(float("-inf")), torch.tensor(-0.0), torch.tensor(1e-8), torch.tensor(123456789.0))
print(torch.tensor(2.5, requires_grad=True), torch.tensor(2.5, requires_grad=True) * 2, torch.tensor(3.0, dtype=torch.float64, requires_grad=True))

# %% empty_tensor_reprs strict
import torch

print(torch.tensor([]), torch.tensor([[]]), torch.empty(0, dtype=torch.int32), torch.empty(2, 0, 3))
print(torch.empty(0, dtype=torch.int64), torch.empty(0, 2, dtype=torch.bool), torch.empty(0, requires_grad=True))
print(torch.empty(0, 4, dtype=torch.float64, requires_grad=True), torch.ones(3)[3:], torch.arange(0))
print(torch.zeros(2, 0, 3).sum(1), torch.zeros(0, 3).sum(0), torch.zeros(0, 3).shape, torch.zeros(0).tolist())

# %% named_tuple_reprs strict
import torch

x = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
print(x.max(dim=1))
print(torch.min(x, 0))
print(x.sort(dim=1, descending=True))
print(x.topk(2))
print(x.kthvalue(2, dim=1), x.median(dim=0))
print(torch.tensor([1, 2, 2, 3]).mode(), x.cummax(1), x.aminmax())
print(torch.max(x, 1, keepdim=True))

# %% named_tuple_fields_and_grad strict
import torch

x = torch.tensor([[1.0, 5.0], [4.0, 2.0]], requires_grad=True)
r = x.max(1)
print(r)
print(type(r).__name__, r[0], r.indices, len(r), isinstance(r, tuple))
v, i = r
print(v, i, tuple(r)[1])
s = torch.sort(x.detach(), 0)
print(s.values, s[1], list(s))

# %% size_repr_and_ops strict
import torch

x = torch.zeros(2, 3, 4)
print(x.shape, x.size(), repr(x.shape), str(x.shape), torch.Size([]), torch.tensor(1.0).shape)
print(x.shape[1:], x.shape[::-1], x.shape + (5,), x.size(-1), x.shape.numel(), torch.Size([2, 3]) == (2, 3))
print(list(x.shape), tuple(x.shape), type(x.shape[0]).__name__, len(x.shape), [torch.Size([1]), torch.Size([0, 2])])
print({"shape": x.shape}, f"{x.shape}", "%s" % (x.shape,), x.view(-1).shape, x.flatten(1).shape)

# %% dtype_device_reprs strict
import torch

for dt in [torch.float, torch.double, torch.half, torch.long, torch.int, torch.short, torch.uint8, torch.int8, torch.bool]:
    print(dt, repr(dt), str(dt), dt.is_floating_point, dt.is_signed, dt.itemsize)
print([torch.float32, torch.int64], {torch.float64: 1}, torch.float == torch.float32, torch.ones(1).dtype is torch.float32)
d = torch.device("cpu")
print(d, repr(d), str(d), d.type, d.index, torch.ones(2).device, torch.device("cpu", 0), repr(torch.device("cpu", 0)))
print(torch.ones(1).device == torch.device("cpu"), f"{d}", [d], torch.ones(1).is_cuda if hasattr(torch.ones(1), "is_cuda") else None)

# %% finfo_iinfo_reprs strict
import torch

print(torch.finfo(torch.float32))
print(torch.finfo(torch.float64))
print(torch.finfo(torch.float16))
print(torch.finfo())
print(torch.iinfo(torch.int8), torch.iinfo(torch.uint8))
print(torch.iinfo(torch.int16), torch.iinfo(torch.int32))
print(torch.iinfo(torch.int64))
f = torch.finfo(torch.float32)
print(f.bits, f.eps, f.max, f.min, f.tiny, f.smallest_normal, f.resolution, f.dtype, torch.iinfo(torch.int32).dtype)

# %% parameter_reprs strict
import torch
import torch.nn as nn

p = nn.Parameter(torch.tensor([1.0, -2.5]))
print(p)
print(repr(nn.Parameter(torch.tensor(0.5))))
print(nn.Parameter(torch.ones(2, 2, dtype=torch.float64)))
print([nn.Parameter(torch.zeros(1))], str(p), p * 2, p[0], p.detach(), p.data)
print(nn.Parameter(torch.zeros(0)), nn.Parameter(torch.arange(2000.0)))

# %% parameter_scalar_format strict
import torch
import torch.nn as nn

temp = nn.Parameter(torch.tensor(1.5))
print(f"{temp}")
print("temp: {}".format(temp))
try:
    print(f"{temp:.3f}")
except Exception as e:
    print(type(e).__name__, e)
print(f"{temp.item():.3f}", f"{temp.data:.3f}", f"{temp.detach():.2f}")
w = nn.Parameter(torch.tensor([1.0, 2.0]))
print(f"{w}")

# %% format_specs_zero_dim strict
import torch

t = torch.tensor(3.14159)
print(f"{t:.3f}|{t:10.2f}|{t:<10.1f}|{t:e}|{t:.2e}|{t:g}|{t:+.1f}|{t:%}")
i = torch.tensor(42)
print(f"{i}|{i:5d}|{i:05d}|{i:x}|{i:b}|{i:,}|{i:.2f}")
b = torch.tensor(True)
print(f"{b}|{b!r}|{b!s}", f"{torch.tensor(2.5, dtype=torch.float64):.10f}", f"{torch.tensor(0.1, dtype=torch.float16):.6f}")
print(f"{t!r}", f"{t!s}", "{0:.1f} {0}".format(t), format(t, ".2f"), format(torch.tensor(7, dtype=torch.uint8), "03d"))
for spec in [".2f", "d", ""]:
    try:
        print(repr(format(torch.tensor([1.5]), spec)))
    except Exception as e:
        print(type(e).__name__, e)
try:
    print(f"{torch.tensor(2.5):d}")
except Exception as e:
    print(type(e).__name__, e)

# %% item_tolist_each_dtype strict
import torch

for dt in [torch.float16, torch.float32, torch.float64]:
    t = torch.tensor([0.1, -2.5, 1e-3], dtype=dt)
    print(dt, t.tolist(), t[0].item(), type(t[0].item()).__name__)
for dt in [torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8, torch.bool]:
    t = torch.tensor([[1, 0], [3, 1]], dtype=dt)
    print(dt, t.tolist(), t[1, 0].item(), type(t[0, 0].item()).__name__, t.sum().item())
print(torch.tensor([float("nan"), float("inf")]).tolist(), torch.tensor(-0.0).item(), torch.tensor([]).tolist(), torch.zeros(2, 0).tolist())

# %% tensors_in_containers strict
import torch

a = torch.tensor([1.0, 2.5])
b = torch.tensor(3)
print([a, b], (a, b), {"a": a, "b": b})
print(str([torch.tensor([[1.0, 2.0], [3.0, 4.0]])]))
print({"loss": torch.tensor(0.25, requires_grad=True) * 2, "n": torch.tensor([1, 2], dtype=torch.int32)})
print([torch.zeros(2, dtype=torch.bool)], set() if False else "", [[torch.tensor(1.0)]])
print(f"{[a]}", "%s" % a, "%r" % (b,), str(a) == repr(a))

# %% state_dict_print strict
import torch
import torch.nn as nn

m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
with torch.no_grad():
    m[0].weight.copy_(torch.tensor([[0.5, -1.0], [2.0, 0.25]]))
    m[0].bias.fill_(0.1)
print(m.state_dict())
print(m[0].state_dict(keep_vars=True))
print(dict(m[1].named_buffers()))

# %% nested_module_repr_containers strict
import torch.nn as nn
from collections import OrderedDict

net = nn.Sequential(OrderedDict([
    ("features", nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(inplace=True), nn.MaxPool2d(2, 2))),
    ("blocks", nn.ModuleList([nn.Sequential(nn.Linear(4, 4), nn.GELU()) for _ in range(2)] + [nn.Identity()])),
    ("heads", nn.ModuleDict({"cls": nn.Linear(4, 10), "box": nn.Sequential(nn.Dropout(0.1), nn.Linear(4, 4))})),
]))
print(net)
print(net.features, net.heads["box"], net.blocks[2])
print(nn.ModuleList(), nn.ModuleDict(), nn.Sequential(nn.Sequential()))

# %% custom_extra_repr_modules strict
import torch
import torch.nn as nn

class Scale(nn.Module):
    def __init__(self, s):
        super().__init__()
        self.s = s
    def extra_repr(self):
        return f"s={self.s}"

class Multi(nn.Module):
    def __init__(self):
        super().__init__()
        self.inner = Scale(2)
        self.lin = nn.Linear(3, 1)
    def extra_repr(self):
        return "first line\nsecond line"

class Empty(nn.Module):
    pass

class WithParam(nn.Module):
    def __init__(self):
        super().__init__()
        self.alpha = nn.Parameter(torch.ones(3))
        self.register_buffer("steps", torch.zeros(1))

print(Scale(0.5), Multi(), Empty(), WithParam())
print(nn.Sequential(Multi(), Empty(), Scale(3)))
print(repr(Multi()).count("\n"), str(Empty()))

# %% layer_extra_repr_more strict
import torch
import torch.nn as nn

print(nn.Upsample(size=(4, 6)), nn.Upsample(scale_factor=(2.0, 3.0), mode="bilinear", align_corners=True), nn.Upsample(scale_factor=2, mode="bicubic"))
print(nn.UpsamplingNearest2d(scale_factor=2), nn.UpsamplingBilinear2d(size=8))
print(nn.Embedding.from_pretrained(torch.ones(3, 2)), nn.Embedding.from_pretrained(torch.ones(3, 2), freeze=False, padding_idx=0))
print(nn.Conv2d(4, 8, (3, 5), stride=(2, 1), padding=(1, 2), dilation=(1, 2), groups=4), nn.Conv2d(1, 1, 1, padding="valid"))
print(nn.ConvTranspose2d(4, 2, 3, stride=2, output_padding=1, groups=2, bias=False), nn.Conv1d(2, 2, 3, stride=3, padding=1, padding_mode="replicate"))
print(nn.MaxPool2d(3, 2, 1, return_indices=True), nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, divisor_override=2), nn.AdaptiveMaxPool1d(5, return_indices=True))
print(nn.BatchNorm1d(3, affine=False), nn.InstanceNorm1d(5), nn.LayerNorm((2, 3)), nn.RMSNorm(4) if hasattr(nn, "RMSNorm") else "")
print(nn.GRU(3, 4, num_layers=3, batch_first=True, bidirectional=True, bias=False), nn.LSTM(2, 2, dropout=0.0))
print(nn.Dropout(p=0.0), nn.Dropout(inplace=True), nn.Dropout2d(0.3), nn.Flatten(0, -1), nn.Unflatten(-1, torch.Size([2, 2])))

# %% transformer_piece_reprs strict
import torch.nn as nn

layer = nn.TransformerDecoderLayer(d_model=8, nhead=2, dim_feedforward=16, dropout=0.0, batch_first=True, norm_first=True)
print(layer)
print(nn.MultiheadAttention(6, 3, bias=False, kdim=4, vdim=5))
print(nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 1, 8, activation="gelu"), num_layers=2, enable_nested_tensor=False))

# %% optimizer_reprs_catalog strict
import torch
import torch.nn as nn

m = nn.Linear(2, 1)
for opt in [torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-4),
            torch.optim.Adam(m.parameters(), lr=1e-3, betas=(0.8, 0.99), amsgrad=True),
            torch.optim.AdamW(m.parameters()), torch.optim.RMSprop(m.parameters(), lr=0.01, centered=True),
            torch.optim.Adagrad(m.parameters(), lr_decay=0.1), torch.optim.Adamax(m.parameters())]:
    print(opt)

# %% optimizer_repr_groups_more strict
import torch
import torch.nn as nn

m = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
opt = torch.optim.SGD([{"params": m[0].parameters()}, {"params": m[1].parameters(), "lr": 0.5, "tag": "head"}], lr=0.01)
print(opt)
opt.add_param_group({"params": [nn.Parameter(torch.ones(1))], "momentum": 0.5})
print(opt)
print(torch.optim.NAdam(m.parameters()), torch.optim.RAdam(m.parameters(), decoupled_weight_decay=True))
print(torch.optim.Adadelta(m.parameters()), torch.optim.LBFGS(m.parameters(), history_size=5))

# %% grad_and_grad_fn_prints strict
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x * x).sum()
print(x.grad, y, y.requires_grad, y.is_leaf)
y.backward()
print(x.grad, x.grad.requires_grad, x)
with torch.no_grad():
    z = x * 2
print(z, x.detach(), x.data, x.clone(), x[1:], x.view(3, 1), x.T if x.dim() == 2 else x.unsqueeze(0).T)
print(x.to(torch.float64), x.double().sum(), x.int(), x.long() + 1, (x > 1), x.abs(), -x)

# %% mixed_int_float_values strict
import torch

print(torch.tensor([1.0, 2.0, 1000.0]), torch.tensor([1.0, 2.0, 1001.0]), torch.tensor([1.0, 1e8]), torch.tensor([1.0, 1.5e8]))
print(torch.tensor([-1.0, 0.0, 1.0]), torch.tensor([0.0, 0.0]), torch.tensor([10.0, -100.0, 5.5]), torch.tensor([1e4, 0.5]))
print(torch.tensor([[1.0, float("nan")], [float("inf"), -2.0]]), torch.tensor([float("nan"), 0.5, float("-inf")]))
print(torch.tensor([3.0, -0.0, float("inf")], dtype=torch.float64), torch.tensor([1e-4, 1.0]), torch.tensor([0.0001, 0.1]))
print(torch.tensor([2.0 ** 24, 1.0]), torch.tensor([12345.0, 0.0]), torch.tensor([0.5, 1000.5]))

# %% finfo_iinfo_errors_equality strict
import torch

for f in [lambda: torch.finfo(torch.int32), lambda: torch.iinfo(torch.float32), lambda: torch.iinfo(torch.bool), lambda: torch.finfo("float32"), lambda: torch.finfo(torch.bool), lambda: torch.iinfo(3)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(torch.finfo(torch.float32) == torch.finfo(torch.float32), torch.finfo(torch.float32) == torch.finfo(torch.float64), torch.iinfo(torch.int8) != torch.iinfo(torch.uint8))
print(torch.finfo(type=torch.float16), type(torch.finfo(torch.float32).eps).__name__, type(torch.iinfo(torch.int8).max).__name__)
print(type(torch.finfo(torch.float32)), torch.iinfo, type(torch.ones(2).shape), type(torch.device("cpu")), type(torch.float16), torch.return_types.sort)
x = torch.tensor([1.0, 2.0])
print(torch.finfo(x.dtype).eps * x, torch.clamp(x, max=torch.finfo(x.dtype).max), torch.full((2,), torch.finfo(torch.float32).min))
print(torch.full((2,), torch.iinfo(torch.int32).max, dtype=torch.int32), torch.tensor(torch.finfo(torch.float16).max, dtype=torch.float16))

# %% return_types_as_structseq strict
import torch
import pickle

r = torch.tensor([[1.0, 3.0], [2.0, 0.0]]).max(1)
print(type(r), type(r).__module__, r.n_fields, r.n_sequence_fields, r.n_unnamed_fields)
print(r == (r.values, r.indices), r[:1], r[-1], r + (1,), repr(r).count("\n"))
print(isinstance(r, torch.return_types.max), torch.return_types.max((torch.tensor(1.0), torch.tensor(0))))
print(pickle.loads(pickle.dumps(r)))
print(torch.return_types.topk([torch.ones(1), torch.zeros(1, dtype=torch.int64)]))
try:
    torch.return_types.sort((torch.ones(1),))
except Exception as e:
    print(type(e).__name__, e)

# %% loss_module_reprs strict
import torch
import torch.nn as nn

for m in [nn.MSELoss(), nn.L1Loss(), nn.NLLLoss(), nn.CrossEntropyLoss(weight=torch.ones(2), label_smoothing=0.0), nn.BCELoss(reduction="sum"), nn.KLDivLoss(), nn.HuberLoss(), nn.SmoothL1Loss(),
          nn.TripletMarginLoss(), nn.TripletMarginWithDistanceLoss(), nn.TripletMarginWithDistanceLoss(distance_function=nn.CosineSimilarity()), nn.CosineEmbeddingLoss(), nn.GaussianNLLLoss(), nn.PoissonNLLLoss()]:
    print(m, m.reduction)
m = nn.TripletMarginWithDistanceLoss(distance_function=lambda a, b: (a - b).abs().sum(-1), margin=0.5)
print(m, list(nn.TripletMarginWithDistanceLoss().children()))
a, p_, n = torch.tensor([[0.0, 1.0]]), torch.tensor([[0.0, 2.0]]), torch.tensor([[3.0, 1.0]])
print(nn.TripletMarginWithDistanceLoss()(a, p_, n), nn.TripletMarginLoss()(a, p_, n))

# %% activation_pad_upsample_reprs strict
import torch
import torch.nn as nn

mods = [nn.Unflatten(1, torch.Size([2, 3])), nn.Flatten(start_dim=2), nn.AdaptiveAvgPool2d((None, 7)), nn.Hardswish(inplace=True), nn.ReLU6(inplace=True),
        nn.CosineSimilarity(dim=0, eps=1e-6), nn.PixelShuffle(upscale_factor=3), nn.ZeroPad2d((1, 2, 3, 4)), nn.ReflectionPad1d(2), nn.ReflectionPad3d(1), nn.ReplicationPad3d((1, 1, 2, 2, 0, 0)), nn.Bilinear(2, 2, 1, bias=False),
        nn.Upsample(scale_factor=0.5, mode="nearest-exact"), nn.Upsample(size=5, mode="linear", align_corners=False), nn.Upsample(size=(2, 3, 4), mode="trilinear"), nn.Dropout(p=0.5), nn.LeakyReLU(0.1), nn.Softmin(), nn.LogSoftmax(),
        nn.GELU("none"), nn.SiLU(inplace=True), nn.Mish(inplace=True), nn.Hardsigmoid(inplace=True), nn.CELU(inplace=True), nn.RReLU(inplace=True), nn.ELU(alpha=1.0), nn.Softplus(beta=1.5, threshold=10),
        nn.PReLU(num_parameters=1, init=0.1), nn.Threshold(0.5, 0.0, inplace=True), nn.InstanceNorm3d(2, affine=True), nn.LocalResponseNorm(size=2), nn.GroupNorm(2, 4, eps=1e-3), nn.Hardtanh(0.0, 6.0, inplace=True),
        nn.Softshrink(0.2), nn.MaxPool2d(kernel_size=2, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False), nn.LPPool1d(1.5, 2), nn.AdaptiveAvgPool1d(output_size=1),
        nn.Embedding(3, 2, scale_grad_by_freq=True), nn.Linear(3, 2, dtype=torch.float64), nn.Conv2d(2, 2, 1, dtype=torch.float64), nn.BatchNorm1d(2, dtype=torch.float64),
        nn.FeatureAlphaDropout(0.2), nn.ConstantPad2d((1, 1), -1.0), nn.ZeroPad3d(1), nn.CircularPad1d((1, 2)), nn.CircularPad3d(1), nn.ChannelShuffle(2), nn.LazyLinear(4), nn.LazyConv2d(4, 3)]
for m in mods:
    print(m)
print(nn.ParameterDict({"a": nn.Parameter(torch.ones(2)), "b": nn.Parameter(torch.zeros(2, 3, dtype=torch.float64), requires_grad=False)}))

# %% module_repr_after_editing strict
import torch
import torch.nn as nn

class N(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(1, 1)
        self.register_module("skip", None)
        self.add_module("b-c", nn.ReLU())
        self.plist = nn.ParameterList([nn.Parameter(torch.ones(2)), torch.zeros(3, dtype=torch.float64), nn.Parameter(torch.ones(1, 2), requires_grad=False)])
print(N())
seq = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1), nn.Sigmoid())
print(seq[1:3], seq[-1], seq[::2])
seq.append(nn.Softmax(dim=0))
seq.insert(0, nn.Flatten())
del seq[2]
print(seq)
ml = nn.ModuleList([nn.Linear(1, 1)])
ml.extend([nn.ReLU(), nn.ReLU()])
md = nn.ModuleDict({"x": nn.ReLU()})
md.update({"y": nn.Tanh()})
print(ml, ml[1:], md)

# %% forward_ad_tangent_suffix strict
import torch
import torch.autograd.forward_ad as fwAD

with fwAD.dual_level():
    x = fwAD.make_dual(torch.tensor([1.0, 2.0]), torch.tensor([0.5, -1.0]))
    y = x * 3
    print(x)
    print(y)
    s = fwAD.make_dual(torch.tensor(2.0), torch.tensor(1.0))
    print(s, s ** 2)
    print(fwAD.unpack_dual(y))

# %% python_format_protocols strict
import torch
import numpy as np

t = torch.tensor(0.5)
i = torch.tensor(5)
print(f"{np.float32(t):.3f}", np.float32(t), np.float64(t), np.int64(torch.tensor(3)), float(t) == 0.5)
print(f"{t.numpy()}", t.numpy().item(), str(t.numpy()), repr(np.asarray(torch.tensor([1.0, 2.0]))))
print("{:>8.3f}|{:<6}|{:^9.2e}".format(t, torch.tensor(3), torch.tensor(12345.678)))
print("{} {}".format(torch.tensor([1, 2]), torch.tensor(True)), "{!r:}".format(t), f"{t=}", f"{t = :.2f}")
print(hex(i), list(range(i)), [10, 20, 30, 40, 50, 60][i], "%5.1f|%-6d|%e" % (t, i, t), "%s" % t, "%r" % i)
try:
    hex(t)
except Exception as e:
    print(type(e).__name__, e)

# %% module_repr_blank_extra_lines strict
import torch.nn as nn

class A(nn.Module):
    def extra_repr(self):
        return "x=1\ny=2"

class B(nn.Module):
    def extra_repr(self):
        return "x=1\n"

class C(nn.Module):
    def _get_name(self):
        return "Custom"

class D(nn.Linear):
    pass

class E(nn.Sequential):
    pass

print(A(), B(), C(), D(2, 3), E(nn.ReLU(), A()))
print(nn.Sequential(A(), B()), nn.ModuleList([A(), A(), B(), B(), A()]), nn.ModuleList([D(1, 1), D(1, 1), nn.Linear(1, 1)]))
print(repr(nn.ModuleDict({"a": nn.ModuleList([nn.ReLU(), nn.ReLU()]), "b": nn.Sequential(B())})))

# %% distribution_reprs strict
import torch
from torch.distributions import Normal, Categorical, Bernoulli, Uniform, MultivariateNormal, Independent, Beta, Gamma, Dirichlet, constraints, transforms, TransformedDistribution, OneHotCategorical, Poisson, Exponential, Laplace, LogNormal, Binomial

print(Normal(0.0, 1.0), Normal(torch.zeros(2), torch.ones(2)), Normal(torch.tensor(0.5), 2.0))
print(Categorical(probs=torch.tensor([0.2, 0.8])), Categorical(logits=torch.zeros(2, 3)), Bernoulli(0.3), Bernoulli(logits=torch.zeros(3)))
print(Uniform(0.0, 2.0), MultivariateNormal(torch.zeros(2), torch.eye(2)), Independent(Normal(torch.zeros(3), torch.ones(3)), 1))
print(Beta(1.0, 2.0), Gamma(torch.ones(2), 1.0), Dirichlet(torch.ones(3)), OneHotCategorical(torch.tensor([0.5, 0.5])), Poisson(3.0), Exponential(1.5), Laplace(0.0, 1.0), LogNormal(0.0, 1.0))
print(Binomial(10, 0.5))
print(constraints.positive, constraints.real, constraints.unit_interval, constraints.simplex, constraints.interval(0, 1), constraints.greater_than(2.0), constraints.integer_interval(0, 3), constraints.boolean)
print(transforms.ExpTransform(), transforms.AffineTransform(1.0, 2.0), transforms.SigmoidTransform(), transforms.ComposeTransform([transforms.ExpTransform()]), transforms.StickBreakingTransform())
print(TransformedDistribution(Normal(0.0, 1.0), [transforms.ExpTransform()]))
print(Normal(0.0, 1.0).arg_constraints, Normal(0.0, 1.0).support, Categorical(torch.ones(3)).support)
