# Layer options beyond the defaults: padding modes, pooling options, norm variants, RNN states.

# %% conv_options
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(0)
x = torch.from_numpy(rng.standard_normal((1, 2, 6, 6)).astype(np.float32))
def det(m):
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(p.shape)).astype(np.float32)))
    return m
for m in [nn.Conv2d(2, 3, 3, padding=1, padding_mode="reflect"), nn.Conv2d(2, 3, 3, padding=2, padding_mode="circular"),
          nn.Conv2d(2, 3, 3, padding=1, padding_mode="replicate"), nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1, output_padding=1),
          nn.Conv2d(2, 4, (2, 3), stride=(2, 1), dilation=(1, 2)), nn.ConvTranspose2d(2, 2, 2, stride=2, groups=2),
          nn.Conv1d(2, 2, 3, padding="same", dilation=2)]:
    det(m)
    y = m(x) if not isinstance(m, nn.Conv1d) else m(x[:, :, 0])
    print(m, tuple(y.shape), round(y.sum().item(), 4))
c3 = det(nn.Conv3d(1, 2, 2))
print(c3(torch.ones(1, 1, 3, 3, 3)).shape, c3)

# %% pool_options
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.arange(49.0).view(1, 1, 7, 7)
print(nn.MaxPool2d(3, 2, ceil_mode=True)(x).shape, nn.MaxPool2d(2, dilation=2)(x)[0, 0], nn.AvgPool2d(3, 2, ceil_mode=True)(x)[0, 0])
print(nn.AvgPool2d(2, divisor_override=1)(x)[0, 0, 0], nn.AvgPool2d(3, padding=1, count_include_pad=True)(x)[0, 0, 0])
out, idx = nn.MaxPool2d(2, return_indices=True)(x)
print(idx[0, 0], nn.MaxUnpool2d(2)(out, idx, output_size=x.shape)[0, 0, :2])
print(nn.AdaptiveAvgPool2d((None, 2))(x).shape, nn.AdaptiveMaxPool1d(3)(x[0]).shape, nn.LPPool1d(2, 3)(x[0]).shape)
print(nn.MaxPool1d(3, stride=1, padding=1)(x[0])[0, :3], nn.AvgPool1d(2)(x[0]).shape, F.max_pool3d(torch.ones(1, 1, 4, 4, 4), 2).shape)

# %% norm_variants
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(1)
x = torch.from_numpy(rng.standard_normal((4, 3, 5)).astype(np.float32))
bn = nn.BatchNorm1d(3, momentum=None)
for _ in range(3):
    bn(x * (_ + 1))
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
inn = nn.InstanceNorm1d(3, affine=True, track_running_stats=True)
inn(x)
print(inn, inn.running_mean, list(inn.state_dict().keys()))
inn.eval()
print(inn(x)[0, 0, :3])
gn = nn.GroupNorm(3, 3, affine=False)
print(gn(x)[1, 1, :2], nn.LayerNorm(5, bias=False)(x)[0, 0, :2], list(nn.LayerNorm(5, bias=False).state_dict()))
print(nn.LocalResponseNorm(2)(x.unsqueeze(-1))[0, :, 0, 0], nn.RMSNorm(5)(x)[0, 0, :2] if hasattr(nn, "RMSNorm") else None)

# %% rnn_states
import torch
import torch.nn as nn
import numpy as np

rng = np.random.default_rng(2)
def det(m):
    m.load_state_dict({k: torch.from_numpy(rng.uniform(-0.3, 0.3, tuple(v.shape)).astype(np.float32)) for k, v in m.state_dict().items()})
    return m
x = torch.from_numpy(rng.standard_normal((2, 4, 3)).astype(np.float32))
lstm = det(nn.LSTM(3, 5, num_layers=2, batch_first=True, bidirectional=True, dropout=0.3))
lstm.eval()
h0 = torch.from_numpy(rng.standard_normal((4, 2, 5)).astype(np.float32))
c0 = torch.zeros(4, 2, 5)
out, (h, c) = lstm(x, (h0, c0))
print(out.shape, h.shape, c.shape, out[0, -1, :3], h[-1, 0, :3])
gru = det(nn.GRU(3, 4, num_layers=2, bidirectional=True))
o, hn = gru(x.transpose(0, 1))
print(o.shape, hn.shape, hn[1, 1])
rnn = det(nn.RNN(3, 2, batch_first=True, bias=False))
o1, h1 = rnn(x[0])
print(o1.shape, h1.shape, list(rnn.state_dict().keys()))
print(lstm, gru)
