# CTC loss, LP/fractional pooling, CrossMapLRN2d, adaptive log-softmax and channel_shuffle as scripts use them.

# %% ctc_loss_reductions
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(0)
logits = torch.tensor(rng.standard_normal((12, 3, 6)).astype(np.float32), requires_grad=True)
targets = torch.from_numpy(rng.integers(1, 6, (3, 5)))
input_lengths = torch.tensor([12, 10, 7])
target_lengths = torch.tensor([5, 3, 2])
for reduction in ["mean", "sum", "none"]:
    ctc = nn.CTCLoss(reduction=reduction)
    loss = ctc(logits.log_softmax(2), targets, input_lengths, target_lengths)
    print(reduction, loss.detach(), type(loss.grad_fn).__name__)
loss = F.ctc_loss(logits.log_softmax(2), targets, input_lengths, target_lengths)
loss.backward()
print(logits.grad[0], logits.grad[11, 2], logits.grad.sum().item())

# %% ctc_loss_concatenated_targets
import torch
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(1)
log_probs = torch.tensor(rng.standard_normal((10, 2, 5))).log_softmax(2).detach().requires_grad_()
targets = torch.tensor([1, 2, 2, 3, 4, 1])
loss = F.ctc_loss(log_probs, targets, (10, 9), (4, 2), blank=0, reduction="sum")
loss.backward()
print(loss.item(), log_probs.grad.shape, log_probs.grad[:, 1].abs().sum().item())
print(F.ctc_loss(log_probs, targets.reshape(1, -1).expand(2, -1), (10, 9), (4, 2), reduction="none"))

# %% ctc_loss_zero_infinity_and_unbatched
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(2)
x = torch.tensor(rng.standard_normal((4, 2, 5)), requires_grad=True)
targets = torch.tensor([[1, 1, 2, 3], [2, 3, 0, 0]])
for zero_infinity in [False, True]:
    loss = nn.CTCLoss(reduction="none", zero_infinity=zero_infinity)(x.log_softmax(2), targets, (4, 4), (4, 2))
    print(loss, loss.grad_fn.name())
loss = nn.CTCLoss(zero_infinity=True)(x.log_softmax(2), targets, (4, 4), (4, 2))
loss.backward()
print(x.grad[:, 0].abs().max().item(), x.grad[:, 1])
single = nn.CTCLoss(blank=4)(x[:, 0].log_softmax(1), torch.tensor([1, 2]), torch.tensor(4), torch.tensor(2))
print(single, single.shape)
try:
    nn.CTCLoss(blank=5)(x.log_softmax(2), targets, (4, 4), (4, 2))
except RuntimeError as e:
    print("RuntimeError", e)

# %% lp_pool3d_module
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(3)
x = torch.tensor(np.abs(rng.standard_normal((1, 2, 4, 5, 6))).astype(np.float32), requires_grad=True)
pool = nn.LPPool3d(2, kernel_size=2, stride=(1, 2, 2))
print(pool)
y = pool(x)
y.sum().backward()
print(y.shape, y[0, 1, 0], x.grad[0, 0, 0])
print(F.lp_pool3d(x, 3.0, (2, 2, 3)).detach().flatten()[:6], F.lp_pool3d(x, float("inf"), 2).shape)

# %% fractional_max_pool2d_fixed_samples
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(4)
x = torch.tensor(rng.standard_normal((2, 3, 9, 10)).astype(np.float32), requires_grad=True)
samples = torch.tensor(rng.random((2, 3, 2)).astype(np.float32))
out, idx = F.fractional_max_pool2d(x, 3, output_size=(4, 5), return_indices=True, _random_samples=samples)
print(out[1, 2], idx[0, 0], out.grad_fn.name())
out.sum().backward()
print(x.grad[0, 1], x.grad.sum().item())
m = nn.FractionalMaxPool2d(2, output_ratio=0.5, _random_samples=samples)
print(m, list(m.state_dict()), m(x).shape)
print(F.max_unpool2d(out, idx, 2, output_size=(9, 10)).shape)

# %% fractional_max_pool2d_random
import torch
import torch.nn as nn

torch.manual_seed(0)
m = nn.FractionalMaxPool2d((2, 3), output_size=(5, 4), return_indices=True)
y, i = m(torch.randn(3, 12, 11))
print(y.shape, i.shape, i.dtype, bool((i >= 0).all() and (i < 132).all()))
try:
    nn.FractionalMaxPool2d(2, output_ratio=1.5)
except ValueError as e:
    print("ValueError", e)
try:
    nn.FractionalMaxPool2d(2, output_size=(10, 3))(torch.randn(1, 2, 8, 8))
except RuntimeError as e:
    print("RuntimeError", e)

# %% cross_map_lrn2d
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(5)
x = torch.tensor(rng.standard_normal((2, 6, 3, 3)).astype(np.float32), requires_grad=True)
lrn = nn.CrossMapLRN2d(5, alpha=0.5, beta=0.75, k=1.0)
print(lrn)
y = lrn(x)
(y * torch.arange(6.0).reshape(1, 6, 1, 1)).sum().backward()
print(y[0, :, 0, 0], type(y.grad_fn).__name__, x.grad[1, :, 1, 1])

# %% adaptive_log_softmax_training
import torch
import torch.nn as nn
import numpy as np

torch.manual_seed(0)
asm = nn.AdaptiveLogSoftmaxWithLoss(16, 30, cutoffs=[5, 15], div_value=2.0)
print(asm)
print([(k, tuple(v.shape)) for k, v in asm.state_dict().items()])
rng = np.random.default_rng(6)
with torch.no_grad():
    for p in asm.parameters():
        p.copy_(torch.tensor(rng.standard_normal(tuple(p.shape)).astype(np.float32) * 0.3))
x = torch.tensor(rng.standard_normal((8, 16)).astype(np.float32))
y = torch.tensor([0, 4, 5, 14, 15, 29, 2, 20])
opt = torch.optim.SGD(asm.parameters(), lr=0.5)
for step in range(3):
    out = asm(x, y)
    opt.zero_grad()
    out.loss.backward()
    opt.step()
    print(step, out.loss.item(), out.output[:3])
print(asm.log_prob(x).exp().sum(1), asm.predict(x))
print(asm(x[0], y[0]).output.shape)

# %% channel_shuffle_top_level
import torch

x = torch.arange(24.0).reshape(1, 6, 2, 2).requires_grad_()
y = torch.channel_shuffle(x, 2)
print(y[0, :, 0, 0])
(y * torch.arange(6.0).reshape(1, 6, 1, 1)).sum().backward()
print(x.grad[0, :, 1, 1])
