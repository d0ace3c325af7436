# nn layer options in depth: values AND gradients for conv/pool/pad/resample/norm/embedding/geometry layers.

# %% conv3d_padding_modes_grads rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(20)
x = torch.from_numpy(rng.standard_normal((1, 2, 4, 5, 3)).astype(np.float32)).requires_grad_()
for mode in ["zeros", "reflect", "replicate", "circular"]:
    m = nn.Conv3d(2, 3, 3, padding=1, padding_mode=mode, bias=False)
    m.load_state_dict({"weight": torch.from_numpy(rng.uniform(-0.5, 0.5, (3, 2, 3, 3, 3)).astype(np.float32))})
    y = m(x)
    y.pow(2).sum().backward()
    print(mode, tuple(y.shape), y[0, 1, 0, 0], x.grad[0, 0, 0, 0], m.weight.grad[1, 1, 0, 0])
    x.grad = None
print(nn.Conv3d(2, 3, 3, padding=1, padding_mode="reflect"))

# %% conv_same_dilation_even_kernel rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(21)
x = torch.from_numpy(rng.standard_normal((2, 3, 7)).astype(np.float32)).requires_grad_()
w = torch.from_numpy(rng.standard_normal((4, 3, 4)).astype(np.float32)).requires_grad_()
for d in [1, 2, 3]:
    y = F.conv1d(x, w, padding="same", dilation=d)
    y.sum().backward()
    print(d, tuple(y.shape), y[0, 0], x.grad[1, 2], w.grad[0, 0])
    x.grad = None
    w.grad = None
x2 = torch.from_numpy(rng.standard_normal((1, 2, 6, 5)).astype(np.float32))
w2 = torch.from_numpy(rng.standard_normal((2, 2, 2, 3)).astype(np.float32))
print(F.conv2d(x2, w2, padding="same", dilation=(2, 1))[0, 1], F.conv2d(x2, w2, padding="valid").shape)
m = nn.Conv2d(2, 2, (2, 4), padding="same", padding_mode="circular", bias=False)
m.weight.data.copy_(torch.from_numpy(rng.standard_normal((2, 2, 2, 4)).astype(np.float32)))
print(m(x2)[0, 0], m)

# %% depthwise_separable_block_grads rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(22)
block = nn.Sequential(nn.Conv2d(4, 4, 3, padding=1, groups=4, bias=False), nn.Conv2d(4, 6, 1), nn.ReLU(),
                      nn.Conv2d(6, 6, 3, stride=2, groups=3, padding=1, padding_mode="replicate"))
block.load_state_dict({k: torch.from_numpy(rng.uniform(-0.4, 0.4, tuple(v.shape)).astype(np.float32)) for k, v in block.state_dict().items()})
x = torch.from_numpy(rng.standard_normal((2, 4, 6, 6)).astype(np.float32)).requires_grad_()
y = block(x)
y.mean().backward()
print(tuple(y.shape), y[1, 5], x.grad[0, 3, :2])
for name, p in block.named_parameters():
    print(name, tuple(p.shape), round(p.grad.abs().sum().item(), 5))

# %% conv_transpose_output_size_grads rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(23)
def det(m):
    m.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
    return m
down = det(nn.Conv2d(2, 4, 3, stride=2, padding=1))
up = det(nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1))
for size in [(7, 7), (8, 8), (7, 8)]:
    x = torch.from_numpy(rng.standard_normal((1, 2) + size).astype(np.float32)).requires_grad_()
    h = down(x)
    y = up(h, output_size=x.size())
    y.sum().backward()
    print(size, tuple(h.shape), tuple(y.shape), y[0, 1, -1], x.grad[0, 0, 0, :3])
up1 = det(nn.ConvTranspose1d(2, 3, 4, stride=3, padding=1, dilation=2, groups=1))
z = torch.from_numpy(rng.standard_normal((2, 2, 5)).astype(np.float32))
print(up1(z).shape, up1(z, output_size=[18]).shape, up1(z, output_size=[19])[1, 2, -3:])
try:
    up1(z, output_size=[20])
except ValueError as e:
    print("ValueError", e)

# %% conv_transpose3d_groups_dilation rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(24)
m = nn.ConvTranspose3d(4, 6, (2, 3, 2), stride=(2, 1, 2), padding=(0, 1, 1), output_padding=(1, 0, 1), groups=2, dilation=(1, 2, 1))
m.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
x = torch.from_numpy(rng.standard_normal((1, 4, 3, 3, 3)).astype(np.float32)).requires_grad_()
y = m(x)
(y * torch.linspace(0, 1, y.numel()).view(y.shape)).sum().backward()
print(m, tuple(m.weight.shape), tuple(y.shape))
print(y[0, 5, 1, :, 0], x.grad[0, 3, 2, 2], m.weight.grad[3, 2, 1], m.bias.grad)
m2 = nn.ConvTranspose3d(2, 2, 2, stride=2, bias=False)
m2.weight.data.fill_(1.0)
print(m2(torch.ones(1, 2, 1, 1, 2)).squeeze(0)[0], m2(torch.ones(2, 1, 1, 2)).shape)

# %% pool_ceil_mode_edges rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.arange(1.0, 26.0).view(1, 1, 5, 5).requires_grad_()
for kw in [dict(kernel_size=2, stride=2, ceil_mode=True), dict(kernel_size=3, stride=2, padding=1, ceil_mode=True),
           dict(kernel_size=2, stride=2, padding=1, ceil_mode=True, count_include_pad=False),
           dict(kernel_size=3, stride=2, padding=1, ceil_mode=False, count_include_pad=False)]:
    y = F.avg_pool2d(x, **kw)
    y.sum().backward()
    print(kw, y[0, 0], x.grad[0, 0])
    x.grad = None
y = F.max_pool2d(x, 2, stride=2, ceil_mode=True)
y.sum().backward()
print(y[0, 0], x.grad[0, 0])
print(nn.MaxPool1d(3, stride=2, ceil_mode=True)(torch.arange(8.0).view(1, 1, 8)), nn.AvgPool1d(3, stride=2, ceil_mode=True)(torch.arange(8.0).view(1, 1, 8)))

# %% avg_pool_divisor_override_3d rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.arange(64.0).view(1, 1, 4, 4, 4).requires_grad_()
for m in [nn.AvgPool3d(2), nn.AvgPool3d(2, divisor_override=3), nn.AvgPool3d(3, stride=2, padding=1, count_include_pad=False),
          nn.AvgPool3d((1, 2, 3), stride=(1, 2, 1), ceil_mode=True), nn.AvgPool3d(2, stride=1, padding=1, divisor_override=1)]:
    y = m(x)
    y.sum().backward()
    print(m, tuple(y.shape), y.flatten()[:4], x.grad[0, 0, 0, 0])
    x.grad = None
x1 = torch.arange(10.0).view(1, 2, 5).requires_grad_()
y1 = F.avg_pool1d(x1, 3, stride=2, padding=1, count_include_pad=False)
y1.backward(torch.ones_like(y1))
print(y1.detach(), x1.grad, nn.AvgPool1d(4, padding=2)(x1.detach()))

# %% max_unpool_output_size rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn

x1 = torch.tensor([[[1.0, 5.0, 2.0, 8.0, 3.0, 4.0, 9.0]]])
pool1 = nn.MaxPool1d(2, stride=2, return_indices=True)
out1, idx1 = pool1(x1)
print(out1, idx1, nn.MaxUnpool1d(2, stride=2)(out1, idx1), nn.MaxUnpool1d(2, stride=2)(out1, idx1, output_size=x1.size()))
x2 = torch.tensor([[[[1.0, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12, 13, 14, 15], [16, 17, 18, 19, 20], [21, 22, 23, 24, 25]]]]).requires_grad_()
out2, idx2 = nn.MaxPool2d(2, stride=2, return_indices=True)(x2)
un = nn.MaxUnpool2d(2, stride=2)
rec = un(out2, idx2, output_size=x2.shape[-2:])
(rec * torch.arange(25.0).view(1, 1, 5, 5)).sum().backward()
print(idx2, rec, x2.grad)
out3, idx3 = nn.MaxPool2d(3, stride=2, padding=1, return_indices=True)(x2)
print(idx3, nn.MaxUnpool2d(3, stride=2, padding=1)(out3, idx3, output_size=(5, 5)), nn.MaxUnpool2d(3, 2, 1))
try:
    un(out2, idx2, output_size=(9, 9))
except ValueError as e:
    print("ValueError", e)

# %% adaptive_max_return_indices rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(25)
x = torch.from_numpy(rng.permutation(70).reshape(1, 2, 5, 7).astype(np.float32)).requires_grad_()
out, idx = nn.AdaptiveMaxPool2d((2, 3), return_indices=True)(x)
out.sum().backward()
print(out, idx, x.grad[0, 1])
o1, i1 = F.adaptive_max_pool1d(x[0, :, 0], 3, return_indices=True)
print(o1, i1)
o3, i3 = nn.AdaptiveMaxPool3d((1, 2, 2), return_indices=True)(x.detach().view(1, 1, 2, 5, 7))
print(o3, i3, nn.AdaptiveMaxPool2d((None, 2))(x.detach()).shape, nn.AdaptiveMaxPool2d(3, return_indices=True))

# %% padding_layers_all_dims rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn

x1 = torch.arange(6.0).view(1, 2, 3)
x2 = torch.arange(12.0).view(1, 1, 3, 4)
x3 = torch.arange(24.0).view(1, 1, 2, 3, 4)
for m, x in [(nn.ZeroPad1d((2, 1)), x1), (nn.ZeroPad2d((1, 0, 2, 1)), x2), (nn.ZeroPad3d(1), x3),
             (nn.ConstantPad1d(2, -1.5), x1), (nn.ConstantPad2d((0, 1, 1, 0), 9.0), x2), (nn.ConstantPad3d((1, 0, 0, 1, 1, 0), 7.0), x3),
             (nn.ReflectionPad1d((2, 1)), x1), (nn.ReflectionPad2d((1, 2, 2, 0)), x2), (nn.ReflectionPad3d(1), x3),
             (nn.ReplicationPad1d((0, 3)), x1), (nn.ReplicationPad2d((2, 0, 1, 1)), x2), (nn.ReplicationPad3d((1, 1, 0, 2, 1, 0)), x3),
             (nn.CircularPad1d((1, 2)), x1), (nn.CircularPad2d((2, 1, 1, 2)), x2), (nn.CircularPad3d(1), x3)]:
    y = m(x)
    print(m, tuple(y.shape), y.flatten()[:8].tolist(), y.sum().item())
print(nn.ReflectionPad2d(1)(torch.arange(9.0).view(1, 3, 3)), nn.ZeroPad2d(1)(torch.ones(2, 2)).shape)
try:
    nn.ReflectionPad1d(3)(x1)
except RuntimeError as e:
    print("RuntimeError", e)

# %% padding_layers_grads rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn

x = torch.arange(1.0, 13.0).view(1, 1, 3, 4).requires_grad_()
w = torch.arange(1.0, 100.0)
for m in [nn.ReflectionPad2d((2, 1, 1, 2)), nn.ReplicationPad2d((2, 1, 1, 2)), nn.CircularPad2d((2, 1, 1, 2)), nn.ConstantPad2d((2, 1, 1, 2), 3.0)]:
    y = m(x)
    (y * w[:y.numel()].view(y.shape)).sum().backward()
    print(type(m).__name__, y.grad_fn, x.grad[0, 0])
    x.grad = None
x3 = torch.arange(8.0).view(1, 1, 2, 2, 2).requires_grad_()
for m in [nn.ReflectionPad3d(1), nn.ReplicationPad3d((1, 0, 1, 0, 0, 1)), nn.CircularPad3d((0, 1, 1, 0, 1, 1))]:
    y = m(x3)
    (y * w[:y.numel()].view(y.shape)).sum().backward()
    print(type(m).__name__, tuple(y.shape), x3.grad.flatten())
    x3.grad = None

# %% f_pad_negative_and_modes rtol=1e-5 atol=1e-6
import torch
import torch.nn.functional as F

x = torch.arange(20.0).view(1, 1, 4, 5).requires_grad_()
for pad, mode in [((-1, 2), "constant"), ((1, -2, -1, 1), "constant"), ((-1, -1, -1, -1), "constant"),
                  ((2, -1, 0, 0), "replicate"), ((-1, 2, 1, 0), "reflect"), ((1, -1, 0, -2), "circular"), ((0, 0, 0, 0), "reflect")]:
    y = F.pad(x, pad, mode=mode)
    (y * y).sum().backward()
    print(pad, mode, tuple(y.shape), y[0, 0, 0], x.grad[0, 0, :, 0])
    x.grad = None
print(F.pad(torch.arange(6).view(2, 3), (1, 1), value=7), F.pad(torch.arange(6.0).view(1, 2, 3), (1, 1, 1, 1, 1, 0)).shape)
print(F.pad(torch.ones(1, 2, 3), (1, 1), mode="constant", value=None).sum(), F.pad(torch.arange(4.0).view(1, 1, 4), (2, 0), "circular"))
for bad in [lambda: F.pad(x, (1, 2, 3)), lambda: F.pad(x, (5, 0), mode="reflect"), lambda: F.pad(x, (1, 1), mode="nope"),
            lambda: F.pad(x, (-3, -3))]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% interpolate_modes_values_grads rtol=1e-4 atol=1e-5
import torch
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(26)
x = torch.from_numpy(rng.standard_normal((1, 2, 3, 4)).astype(np.float32)).requires_grad_()
g = torch.from_numpy(rng.standard_normal((1, 2, 5, 7)).astype(np.float32))
for kw in [dict(mode="nearest"), dict(mode="nearest-exact"), dict(mode="bilinear", align_corners=False),
           dict(mode="bilinear", align_corners=True), dict(mode="bicubic", align_corners=False),
           dict(mode="bicubic", align_corners=True), dict(mode="area")]:
    y = F.interpolate(x, size=(5, 7), **kw)
    (y * g).sum().backward()
    print(kw, y[0, 1, 2], x.grad[0, 0, 1])
    x.grad = None
for kw in [dict(scale_factor=0.6, mode="bilinear"), dict(scale_factor=1.7, mode="bilinear", recompute_scale_factor=True),
           dict(scale_factor=(0.5, 1.5), mode="nearest"), dict(scale_factor=1.5, mode="bicubic", antialias=False)]:
    y = F.interpolate(x, **kw)
    y.sum().backward()
    print(kw, tuple(y.shape), y[0, 0, -1], x.grad[0, 1, -1])
    x.grad = None

# %% interpolate_1d_3d_scales rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(27)
s = torch.from_numpy(rng.standard_normal((2, 1, 5)).astype(np.float32)).requires_grad_()
for kw in [dict(scale_factor=1.5, mode="linear"), dict(scale_factor=1.5, mode="linear", recompute_scale_factor=True),
           dict(size=3, mode="linear", align_corners=True), dict(scale_factor=2.5, mode="nearest"),
           dict(scale_factor=2.5, mode="nearest", recompute_scale_factor=True), dict(size=8, mode="nearest-exact")]:
    y = F.interpolate(s, **kw)
    y.pow(2).sum().backward()
    print(kw, y[1, 0], s.grad[0, 0])
    s.grad = None
v = torch.from_numpy(rng.standard_normal((1, 1, 2, 3, 3)).astype(np.float32)).requires_grad_()
for m in [nn.Upsample(scale_factor=(2, 1, 1.5), mode="trilinear"), nn.Upsample(size=(3, 4, 2), mode="trilinear", align_corners=True),
          nn.Upsample(scale_factor=2, mode="nearest")]:
    y = m(v)
    y.sum().backward()
    print(m, tuple(y.shape), y[0, 0, -1, 0], v.grad[0, 0, 0, 0])
    v.grad = None
for bad in [lambda: F.interpolate(s, size=4, scale_factor=2.0), lambda: F.interpolate(s, mode="bilinear", size=4),
            lambda: F.interpolate(s, size=4, mode="nearest", align_corners=True), lambda: F.interpolate(s)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% pixel_shuffle_roundtrip_grads rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.arange(72.0).view(2, 9, 2, 2).requires_grad_()
ps = nn.PixelShuffle(3)
y = ps(x)
(y * torch.arange(72.0).view(y.shape)).sum().backward()
print(ps, tuple(y.shape), y[1, 0, :, :3], x.grad[0, :, 0, 0])
un = nn.PixelUnshuffle(2)
z = un(torch.arange(32.0).view(2, 4, 4))
print(un, tuple(z.shape), z[:, 0], F.pixel_unshuffle(F.pixel_shuffle(x, 3), 3).equal(x))
print(F.pixel_shuffle(torch.arange(16.0).view(1, 1, 4, 2, 2), 2).shape)
for bad in [lambda: ps(torch.ones(1, 8, 2, 2)), lambda: un(torch.ones(1, 1, 3, 4)), lambda: ps(torch.ones(9, 2))]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% fold_unfold_stride_dilation_grads rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.arange(2 * 5 * 6, dtype=torch.float32).view(1, 2, 5, 6).requires_grad_()
unf = nn.Unfold(kernel_size=(2, 3), dilation=(2, 1), padding=(1, 0), stride=(2, 2))
cols = unf(x)
(cols * torch.arange(cols.numel(), dtype=torch.float32).view(cols.shape)).sum().backward()
print(unf, tuple(cols.shape), cols[0, :, 1], x.grad[0, 1])
fold = nn.Fold(output_size=(5, 6), kernel_size=(2, 3), dilation=(2, 1), padding=(1, 0), stride=(2, 2))
back = fold(cols)
print(fold, back[0, 0], fold(torch.ones_like(cols))[0, 1])
c = torch.ones(2, 12, 12, requires_grad=True)
out = F.fold(c, output_size=(4, 5), kernel_size=2, stride=(2, 1), padding=(1, 0))
out.sum().backward()
print(out.shape, out[1, 0], c.grad.sum())
for bad in [lambda: F.fold(torch.ones(1, 12, 5), (4, 5), 2), lambda: F.unfold(torch.ones(2, 3), 2), lambda: F.fold(torch.ones(3), (3, 3), 2),
            lambda: F.unfold(torch.ones(1, 1, 1, 2, 3), 2),
            lambda: F.fold(torch.ones(1, 7, 4), (3, 3), 2)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% group_layer_norm_options_grads rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(28)
x = torch.from_numpy(rng.standard_normal((2, 6, 3, 2)).astype(np.float32)).requires_grad_()
g = torch.from_numpy(rng.standard_normal((2, 6, 3, 2)).astype(np.float32))
gn = nn.GroupNorm(3, 6, eps=1e-3)
gn.load_state_dict({"weight": torch.linspace(0.5, 1.5, 6), "bias": torch.linspace(-1, 1, 6)})
y = gn(x)
(y * g).sum().backward()
print(gn, y[1, 4, :, 0], x.grad[0, 5, 2], gn.weight.grad, gn.bias.grad)
x.grad = None
for ln in [nn.LayerNorm((3, 2)), nn.LayerNorm([6, 3, 2], elementwise_affine=False), nn.LayerNorm(2, bias=False, eps=1e-2)]:
    if ln.weight is not None:
        with torch.no_grad():
            ln.weight.copy_(torch.linspace(0.5, 2.0, ln.weight.numel()).view(ln.weight.shape))
    y = ln(x)
    (y * g).sum().backward()
    print(ln, list(ln.state_dict()), y[0, 1, 1], x.grad[1, 2, 0], None if ln.weight is None else ln.weight.grad)
    x.grad = None
print(nn.GroupNorm(1, 6, affine=False)(x)[0, 0, 0], nn.GroupNorm(6, 6)(x).std(dim=(2, 3), unbiased=False)[0, :3])
try:
    nn.GroupNorm(4, 6)
except ValueError as e:
    print("ValueError", e)
try:
    nn.LayerNorm((3, 3))(x)
except RuntimeError as e:
    print("RuntimeError", e)

# %% rms_norm_eps_none rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(29)
x = torch.from_numpy(rng.standard_normal((3, 4, 5)).astype(np.float32)).requires_grad_()
for m in [nn.RMSNorm(5), nn.RMSNorm([4, 5], eps=1e-2), nn.RMSNorm(5, elementwise_affine=False)]:
    if m.weight is not None:
        with torch.no_grad():
            m.weight.copy_(torch.linspace(0.5, 1.5, m.weight.numel()).view(m.weight.shape))
    y = m(x)
    y.pow(3).sum().backward()
    print(m, m.eps, y[2, 3], x.grad[0, 1], None if m.weight is None else m.weight.grad.flatten()[:5])
    x.grad = None
small = torch.full((1, 4), 1e-5)
print(F.rms_norm(small, (4,)), F.rms_norm(small, (4,), eps=1e-3), F.rms_norm(x.detach().double(), (5,))[0, 0])
print(F.rms_norm(torch.arange(4.0), [4], weight=torch.tensor([1.0, 2.0, 3.0, 4.0])), list(nn.RMSNorm(3).state_dict()))

# %% instance_norm_tracking_grads rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(30)
x = torch.from_numpy(rng.standard_normal((3, 2, 6)).astype(np.float32) * 2 + 1).requires_grad_()
inn = nn.InstanceNorm1d(2, affine=True, track_running_stats=True, momentum=0.3)
y = inn(x)
(y * torch.arange(36.0).view(3, 2, 6)).sum().backward()
print(inn, y[1, 0], inn.running_mean, inn.running_var, inn.num_batches_tracked, x.grad[2, 1], inn.weight.grad, inn.bias.grad)
inn.eval()
print(inn(x)[0, 1])
x2 = torch.from_numpy(rng.standard_normal((2, 3, 3, 4)).astype(np.float32))
in2 = nn.InstanceNorm2d(3, track_running_stats=True, momentum=None)
for k in range(3):
    in2(x2 * (k + 1))
print(in2.running_mean, in2.running_var, in2.num_batches_tracked, list(in2.state_dict()))
print(nn.InstanceNorm2d(3)(x2)[1, 2, 0], nn.InstanceNorm1d(2)(x.detach()[0]).shape, nn.InstanceNorm3d(2, affine=True))
in2.eval()
print(in2(x2)[0, 0, 0])

# %% batchnorm_cumulative_and_eval rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(31)
bn = nn.BatchNorm2d(3, momentum=None, eps=1e-3)
for k in range(4):
    xb = torch.from_numpy(rng.standard_normal((4, 3, 2, 2)).astype(np.float32) * (k + 1) + k)
    bn(xb)
    print(k, bn.running_mean, bn.running_var, bn.num_batches_tracked)
bn.eval()
xe = torch.from_numpy(rng.standard_normal((2, 3, 2, 2)).astype(np.float32)).requires_grad_()
ye = bn(xe)
ye.sum().backward()
print(ye[0, 0], xe.grad[0, :, 0, 0], bn.weight.grad, bn.bias.grad)
bn3 = nn.BatchNorm3d(2, affine=False, track_running_stats=False)
xv = torch.from_numpy(rng.standard_normal((2, 2, 2, 2, 2)).astype(np.float32))
print(bn3(xv)[0, 1, 0], bn3.running_mean, list(bn3.state_dict()), bn3)
bn1 = nn.BatchNorm1d(3)
bn1.train()
try:
    bn1(torch.ones(1, 3))
except ValueError as e:
    print("ValueError", e)
bn1.eval()
print(bn1(torch.ones(1, 3)))
sd = bn.state_dict()
print(sd["num_batches_tracked"], sd["num_batches_tracked"].dtype)

# %% local_response_norm_grads rtol=1e-4 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(32)
x = torch.from_numpy(rng.standard_normal((2, 5, 3, 2)).astype(np.float32)).requires_grad_()
for m in [nn.LocalResponseNorm(3), nn.LocalResponseNorm(2, alpha=0.1, beta=0.5, k=2.0), nn.LocalResponseNorm(5, alpha=1.0)]:
    y = m(x)
    y.pow(2).sum().backward()
    print(m, y[1, :, 0, 1], x.grad[0, :, 2, 0])
    x.grad = None
print(F.local_response_norm(torch.arange(10.0).view(1, 5, 2), 3)[0, :, 1], F.local_response_norm(torch.ones(1, 4, 2, 2, 2), 2).shape)
try:
    F.local_response_norm(torch.ones(3, 4), 2)
except ValueError as e:
    print("ValueError", e)

# %% embedding_max_norm_inplace rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

w = torch.tensor([[3.0, 4.0], [0.1, 0.2], [6.0, 8.0], [1.0, 1.0]])
emb = nn.Embedding.from_pretrained(w.clone(), freeze=False, max_norm=2.0)
out = emb(torch.tensor([0, 0, 3]))
out.sum().backward()
print(out, emb.weight, emb.weight.grad, emb)
emb2 = nn.Embedding(4, 2, max_norm=1.0, norm_type=1.0)
with torch.no_grad():
    emb2.weight.copy_(w)
print(emb2(torch.tensor([[2, 1]])), emb2.weight)
wt = w.clone()
print(F.embedding(torch.tensor([2]), wt, max_norm=5.0), wt[2], F.embedding(torch.tensor([1, 2]), wt, max_norm=0.5, norm_type=float("inf")), wt)

# %% embedding_scale_grad_by_freq_padding rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

emb = nn.Embedding(5, 3, scale_grad_by_freq=True, padding_idx=4)
with torch.no_grad():
    emb.weight.copy_(torch.arange(15.0).view(5, 3))
ids = torch.tensor([[0, 1, 1, 4], [1, 2, 4, 4]])
out = emb(ids)
(out * torch.arange(24.0).view(2, 4, 3)).sum().backward()
print(emb, out[1, 3], emb.weight.grad)
w = torch.arange(6.0).view(3, 2).requires_grad_()
y = F.embedding(torch.tensor([0, 0, 2, 0]), w, scale_grad_by_freq=True)
y.backward(torch.ones_like(y))
print(w.grad, y.grad_fn)
frozen = nn.Embedding.from_pretrained(torch.eye(3), freeze=True, padding_idx=1, scale_grad_by_freq=True)
print(frozen.weight.requires_grad, frozen(torch.tensor([1, 2])), frozen, frozen.padding_idx)
try:
    emb(torch.tensor([5]))
except IndexError as e:
    print("IndexError", e)
try:
    emb(torch.tensor([1.0]))
except RuntimeError as e:
    print("RuntimeError", e)

# %% embedding_bag_weights_last_offset_grads rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(33)
w = torch.from_numpy(rng.standard_normal((6, 3)).astype(np.float32))
inp = torch.tensor([1, 2, 4, 5, 4, 3, 2, 0])
offsets = torch.tensor([0, 2, 5, 8])
psw = torch.tensor([0.5, 1.0, -1.0, 2.0, 0.25, 1.5, 1.0, 3.0], requires_grad=True)
for mode in ["sum", "mean", "max"]:
    bag = nn.EmbeddingBag(6, 3, mode=mode, include_last_offset=True)
    bag.load_state_dict({"weight": w})
    out = bag(inp, offsets)
    (out * torch.arange(9.0).view(3, 3)).sum().backward()
    print(mode, out, bag.weight.grad[[0, 2, 4]])
bag = nn.EmbeddingBag.from_pretrained(w, mode="sum", freeze=False, include_last_offset=True)
out = bag(inp, offsets, per_sample_weights=psw)
out.sum().backward()
print(out, psw.grad, bag.weight.grad[2], bag)
print(F.embedding_bag(inp.view(2, 4), w, mode="sum", per_sample_weights=psw.detach().view(2, 4)))
print(F.embedding_bag(inp, w, torch.tensor([0, 3, 3]), mode="mean"), F.embedding_bag(inp, w, torch.tensor([0, 3, 3]), mode="max"))
mb = nn.EmbeddingBag(6, 3, max_norm=1.0, mode="sum")
mb.load_state_dict({"weight": w})
print(mb(inp[:4], torch.tensor([0, 2])), mb.weight.norm(dim=1))

# %% bilinear_identity_grads rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(34)
bl = nn.Bilinear(3, 4, 2)
bl.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in bl.state_dict().items()})
a = torch.from_numpy(rng.standard_normal((5, 3)).astype(np.float32)).requires_grad_()
b = torch.from_numpy(rng.standard_normal((5, 4)).astype(np.float32)).requires_grad_()
y = bl(a, b)
y.pow(2).sum().backward()
print(bl, y, y.grad_fn, a.grad[0], b.grad[4], bl.weight.grad[1, 2], bl.bias.grad)
nb = nn.Bilinear(2, 2, 3, bias=False)
print(list(nb.state_dict()), nb(torch.ones(2, 2), torch.ones(2, 2)).shape, bl(a[0], b[0]).shape)
print(bl(a.view(5, 1, 3).expand(5, 2, 3), b.view(5, 1, 4).expand(5, 2, 4)).shape)
ident = nn.Identity(54, unused="x")
t = torch.ones(2, requires_grad=True)
print(ident, ident(t) is t)
for bad in [lambda: bl(a, b[:, :3]), lambda: bl(a[:, :2], b), lambda: bl(a[:4], b), lambda: bl(a[0], b)]:
    try:
        bad()
    except RuntimeError as e:
        print("RuntimeError", e)

# %% flatten_unflatten_grads strict
import torch
import torch.nn as nn

x = torch.arange(48.0).view(2, 3, 4, 2).requires_grad_()
f = nn.Flatten()
f2 = nn.Flatten(0, 2)
f3 = nn.Flatten(start_dim=-2)
print(f, f2, f3, f(x).shape, f2(x).shape, f3(x).shape, f(x).grad_fn)
u = nn.Unflatten(1, (2, 12))
u2 = nn.Unflatten(-1, (-1, 4))
print(u, u2, u(f(x)).shape, u2(f(x)).shape)
net = nn.Sequential(nn.Flatten(), nn.Unflatten(1, torch.Size([4, 6])), nn.Flatten(1, 2))
y = net(x)
(y * torch.arange(48.0).view(2, 24)).sum().backward()
print(y.shape, x.grad[1, 2])
print(nn.Flatten(0)(torch.ones(3)).shape, nn.Flatten(0)(torch.tensor(5.0)).shape)
for bad in [lambda: u(torch.ones(2, 25)), lambda: nn.Flatten()(torch.ones(3))]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% cosine_pairwise_distance_grads rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(35)
a = torch.from_numpy(rng.standard_normal((4, 5)).astype(np.float32)).requires_grad_()
b = torch.from_numpy(rng.standard_normal((4, 5)).astype(np.float32)).requires_grad_()
cos = nn.CosineSimilarity(dim=1, eps=1e-6)
y = cos(a, b)
y.sum().backward()
print(cos, y, a.grad[0], b.grad[3])
a.grad = b.grad = None
for pd in [nn.PairwiseDistance(), nn.PairwiseDistance(p=1.0, keepdim=True), nn.PairwiseDistance(p=3.0, eps=1e-3), nn.PairwiseDistance(p=float("inf"))]:
    d = pd(a, b)
    d.sum().backward()
    print(pd, d.flatten(), a.grad[1])
    a.grad = b.grad = None
print(F.cosine_similarity(a, b[:1], dim=-1), F.cosine_similarity(torch.zeros(2, 3), torch.ones(2, 3)), F.cosine_similarity(a.T, b.T, dim=0))
print(F.pairwise_distance(a[0], b[0]), F.pairwise_distance(a, a), F.pairwise_distance(a, b, p=0))
z = torch.zeros(1, 3, requires_grad=True)
F.cosine_similarity(z, torch.ones(1, 3)).sum().backward()
print(z.grad)
try:
    F.cosine_similarity(a, b[:, :3])
except RuntimeError as e:
    print("RuntimeError", e)

# %% grid_sample_modes_padding rtol=1e-4 atol=1e-5
import torch
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(36)
inp = torch.from_numpy(rng.standard_normal((1, 2, 4, 5)).astype(np.float32)).requires_grad_()
grid = torch.from_numpy(rng.uniform(-1.3, 1.3, (1, 3, 2, 2)).astype(np.float32)).requires_grad_()
for mode in ["bilinear", "nearest", "bicubic"]:
    for pad in ["zeros", "border", "reflection"]:
        for ac in [False, True]:
            y = F.grid_sample(inp, grid, mode=mode, padding_mode=pad, align_corners=ac)
            y.pow(2).sum().backward()
            gg = grid.grad[0, 1]
            print(mode, pad, ac, y[0, 1].flatten(), inp.grad[0, 0, 0], gg)
            inp.grad = grid.grad = None

# %% affine_grid_sample_roundtrip rtol=1e-4 atol=1e-5
import torch
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(37)
theta = torch.tensor([[[0.8, -0.2, 0.1], [0.3, 1.1, -0.2]]], requires_grad=True)
for ac in [False, True]:
    grid = F.affine_grid(theta, (1, 1, 3, 4), align_corners=ac)
    print(grid.shape, grid[0, 0], grid[0, 2, 3])
img = torch.from_numpy(rng.standard_normal((1, 1, 3, 4)).astype(np.float32)).requires_grad_()
grid = F.affine_grid(theta, img.shape, align_corners=False)
out = F.grid_sample(img, grid, align_corners=False)
out.sum().backward()
print(out, theta.grad, img.grad)
ident = F.affine_grid(torch.tensor([[[1.0, 0, 0], [0, 1.0, 0]]]), (1, 1, 3, 4), align_corners=True)
print(F.grid_sample(img.detach(), ident, align_corners=True).allclose(img.detach()), F.grid_sample(img.detach(), grid, mode="nearest", align_corners=True))
theta3 = torch.tensor([[[1.0, 0, 0, 0.1], [0, 0.9, 0, 0], [0, 0, 1.2, -0.1]]])
g3 = F.affine_grid(theta3, (1, 1, 2, 2, 3), align_corners=False)
vol = torch.arange(12.0).view(1, 1, 2, 2, 3)
print(g3.shape, g3[0, 1, 1, 2], F.grid_sample(vol, g3, align_corners=False, mode="bilinear")[0, 0, 1], F.grid_sample(vol, g3, align_corners=False, mode="nearest")[0, 0, 0])
for bad in [lambda: F.affine_grid(torch.ones(1, 3, 3), (1, 1, 2, 2)), lambda: F.grid_sample(img, grid, mode="bicubic", padding_mode="x"),
            lambda: F.grid_sample(img, grid[..., :1]), lambda: F.grid_sample(vol, g3, mode="bicubic")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% max_pool_dilation_indices_grads rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(38)
x = torch.from_numpy(rng.permutation(96).reshape(1, 2, 6, 8).astype(np.float32)).requires_grad_()
for kw in [dict(kernel_size=3, stride=2, dilation=2), dict(kernel_size=(2, 3), stride=(1, 2), padding=(1, 1), ceil_mode=True),
           dict(kernel_size=3, stride=3, ceil_mode=True), dict(kernel_size=2, dilation=(1, 3))]:
    y, idx = F.max_pool2d(x, return_indices=True, **kw)
    (y * torch.arange(y.numel(), dtype=torch.float32).view(y.shape)).sum().backward()
    print(kw, tuple(y.shape), idx[0, 1, 0], x.grad[0, 0, 1])
    x.grad = None
v = torch.from_numpy(rng.permutation(64).reshape(1, 1, 4, 4, 4).astype(np.float32))
p3 = nn.MaxPool3d(2, stride=2, return_indices=True)
o3, i3 = p3(v)
u3 = nn.MaxUnpool3d(2, stride=2)
print(o3.flatten(), i3.flatten(), u3(o3, i3).sum(), u3(o3, i3).ne(0).sum(), u3(o3, i3, output_size=(5, 5, 5)).shape)
print(nn.MaxPool3d((1, 2, 2), padding=(0, 1, 1), dilation=(1, 2, 1))(v).shape, nn.MaxPool1d(2, return_indices=True)(torch.tensor([[3.0, 1.0, 2.0, 2.0]])))

# %% adaptive_avg_pool_grads rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.arange(2 * 5 * 7, dtype=torch.float32).view(1, 2, 5, 7).requires_grad_()
for size in [(3, 4), (2, None), 1, (7, 9)]:
    y = F.adaptive_avg_pool2d(x, size)
    (y * y).sum().backward()
    print(size, tuple(y.shape), y[0, 1, -1], x.grad[0, 0, 0])
    x.grad = None
v = torch.arange(60.0).view(1, 1, 3, 4, 5).requires_grad_()
y = nn.AdaptiveAvgPool3d((2, 3, None))(v)
y.sum().backward()
print(y.shape, y[0, 0, 1, :, 0], v.grad[0, 0, 1])
s = torch.arange(7.0).view(1, 1, 7).requires_grad_()
y1 = nn.AdaptiveAvgPool1d(3)(s)
y1.sum().backward()
print(y1, s.grad)

# %% functional_norms_running_stats rtol=1e-4 atol=1e-5
import torch
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(39)
x = torch.from_numpy(rng.standard_normal((4, 3, 5)).astype(np.float32)).requires_grad_()
rm, rv = torch.zeros(3), torch.ones(3)
w, b = torch.tensor([1.0, 2.0, 0.5], requires_grad=True), torch.tensor([0.0, -1.0, 1.0], requires_grad=True)
y = F.batch_norm(x, rm, rv, w, b, training=True, momentum=0.2, eps=1e-3)
y.pow(2).sum().backward()
print(rm, rv, y[0, 1], x.grad[1, 2], w.grad, b.grad)
print(F.batch_norm(x, rm, rv, training=False)[0, 0], rm)
yi = F.instance_norm(x, running_mean=rm.clone(), running_var=rv.clone(), weight=w, bias=b, use_input_stats=False)
print(yi[0, 2])
rmi = torch.zeros(3)
F.instance_norm(x.detach(), running_mean=rmi, running_var=torch.ones(3), momentum=0.5)
print(rmi)
print(F.layer_norm(x, (5,), weight=torch.linspace(1, 2, 5))[0, 0], F.group_norm(x, 3, weight=w, bias=b)[1, 1])
for bad in [lambda: F.batch_norm(x, torch.zeros(2), torch.ones(2)), lambda: F.group_norm(x, 2), lambda: F.layer_norm(x, (3,))]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% conv_transpose_functional_groups rtol=1e-4 atol=1e-5
import torch
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(40)
x = torch.from_numpy(rng.standard_normal((2, 4, 3, 3)).astype(np.float32)).requires_grad_()
w = torch.from_numpy(rng.standard_normal((4, 3, 2, 3)).astype(np.float32)).requires_grad_()
b = torch.from_numpy(rng.standard_normal(6).astype(np.float32)).requires_grad_()
for kw in [dict(stride=2, groups=2), dict(stride=(2, 3), padding=(1, 1), output_padding=(1, 2), groups=2),
           dict(stride=1, padding=1, dilation=2, groups=2), dict(stride=3, output_padding=2, dilation=3, groups=2)]:
    y = F.conv_transpose2d(x, w, b, **kw)
    (y * y).mean().backward()
    print(kw, tuple(y.shape), y[1, 5, 0, :3], x.grad[0, 3, 1], w.grad[2, 1, 0], b.grad[:2])
    x.grad = w.grad = b.grad = None
x1 = torch.from_numpy(rng.standard_normal((1, 2, 4)).astype(np.float32))
w1 = torch.from_numpy(rng.standard_normal((2, 1, 3)).astype(np.float32))
print(F.conv_transpose1d(x1, w1, groups=2, stride=2, padding=1), F.conv_transpose1d(x1[0], w1, groups=2).shape)
try:
    F.conv_transpose2d(x, w, stride=2, output_padding=2)
except RuntimeError as e:
    print("RuntimeError", e)

# %% upsample_modules_grads_repr rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(41)
x = torch.from_numpy(rng.standard_normal((1, 1, 3, 3)).astype(np.float32)).requires_grad_()
for m in [nn.UpsamplingBilinear2d(scale_factor=2), nn.UpsamplingNearest2d(size=(4, 5)),
          nn.Upsample(scale_factor=1.5, mode="bicubic", align_corners=True), nn.Upsample(size=(2, 2), mode="area"),
          nn.Upsample(scale_factor=(2.0, 0.5), mode="bilinear", recompute_scale_factor=True)]:
    y = m(x)
    y.pow(2).sum().backward()
    print(m, tuple(y.shape), y[0, 0, 0], x.grad[0, 0, 1])
    x.grad = None
ints = torch.arange(6, dtype=torch.uint8).view(1, 1, 2, 3)
print(nn.Upsample(scale_factor=2)(ints), nn.Upsample(scale_factor=2)(ints).dtype)
try:
    nn.Upsample(scale_factor=2, mode="bilinear")(ints.float()[0])
except Exception as e:
    print(type(e).__name__, e)

# %% zero_pad_crop_and_conv_idiom rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(42)
x = torch.from_numpy(rng.standard_normal((1, 2, 5, 6)).astype(np.float32)).requires_grad_()
crop = nn.ZeroPad2d((-1, -2, 0, -1))
conv = nn.Conv2d(2, 3, (2, 3), bias=False)
conv.weight.data.copy_(torch.from_numpy(rng.uniform(-1, 1, (3, 2, 2, 3)).astype(np.float32)))
same = F.pad(x, (1, 1, 0, 1), mode="reflect")
y = conv(same)
z = crop(y)
z.sum().backward()
print(crop, tuple(y.shape), tuple(z.shape), z[0, 2], x.grad[0, 1])
print(nn.ConstantPad1d((-1, 2), 5.0)(torch.arange(4.0).view(1, 4)), nn.ZeroPad1d(-1)(torch.arange(5.0).view(1, 1, 5)))
print(nn.ReplicationPad1d((3, 1))(torch.arange(3.0).view(1, 1, 3)), nn.CircularPad1d(3)(torch.arange(3.0).view(1, 1, 3)))
