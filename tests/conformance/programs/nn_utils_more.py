# torch.nn.utils extras: pruning (prune.*), rnn packing helpers, nn.modules.utils tuple helpers, nn.init edge
# cases, extra_state, tutorial module patterns (residual blocks, weight tying, positional-encoding buffers),
# and argument-type errors of layers/functionals.

# %% prune_l1_unstructured_reparam strict
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[0.5, -0.1, 0.9], [-0.3, 0.05, -0.7]]))
    lin.bias.copy_(torch.tensor([0.2, -0.4]))
out = prune.l1_unstructured(lin, name="weight", amount=0.5)
print(out is lin)
print([n for n, _ in lin.named_parameters()])
print([n for n, _ in lin.named_buffers()])
print(list(lin.state_dict().keys()))
print(lin.weight_mask)
print(lin.weight)
print(type(lin.weight).__name__, isinstance(lin.weight, nn.Parameter), lin.weight.grad_fn is not None)
print(lin.weight_orig.requires_grad, lin.weight_mask.requires_grad)
print(prune.is_pruned(lin), prune.is_pruned(nn.Linear(1, 1)))
hooks = list(lin._forward_pre_hooks.values())
print(len(hooks), type(hooks[0]).__name__, hooks[0]._tensor_name, hooks[0].amount)

# %% prune_forward_hook_recomputes strict
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

lin = nn.Linear(4, 1, bias=False)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, -2.0, 3.0, -4.0]]))
prune.l1_unstructured(lin, "weight", amount=2)
x = torch.ones(1, 4)
print(lin(x))
with torch.no_grad():
    lin.weight_orig.mul_(10)
print(lin.weight)
print(lin(x))
print(lin.weight)
y = lin(x).sum()
y.backward()
print(lin.weight_orig.grad)

# %% prune_training_step_masked_grads rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune
import numpy as np

rng = np.random.default_rng(0)
net = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))
net.load_state_dict({k: torch.from_numpy(rng.standard_normal(tuple(v.shape)).astype(np.float32)) for k, v in net.state_dict().items()})
prune.l1_unstructured(net[0], "weight", amount=0.25)
prune.l1_unstructured(net[2], "weight", amount=1)
opt = torch.optim.SGD(net.parameters(), lr=0.1)
x = torch.from_numpy(rng.standard_normal((8, 4)).astype(np.float32))
t = torch.from_numpy(rng.standard_normal((8, 1)).astype(np.float32))
for _ in range(3):
    opt.zero_grad()
    loss = nn.functional.mse_loss(net(x), t)
    loss.backward()
    opt.step()
    print(round(loss.item(), 5))
print(net[0].weight_orig.grad * (1 - net[0].weight_mask))
print((net[0].weight == 0).sum().item(), (net[2].weight == 0).sum().item())
print(sorted(k for k, _ in net.named_parameters()))

# %% prune_remove_makes_permanent strict
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[0.5, -0.1, 0.9], [-0.3, 0.05, -0.7]]))
prune.l1_unstructured(lin, "weight", amount=3)
prune.remove(lin, "weight")
print([n for n, _ in lin.named_parameters()])
print(list(lin.state_dict().keys()), list(lin._buffers.keys()))
print(type(lin.weight).__name__, lin.weight.requires_grad)
print(lin.weight)
print(len(lin._forward_pre_hooks), prune.is_pruned(lin))
try:
    prune.remove(lin, "weight")
except ValueError as e:
    print("ValueError", str(e).split(" of module")[0])
try:
    prune.remove(lin, "bias")
except ValueError as e:
    print("ValueError", str(e).split(" of module")[0])

# %% prune_twice_pruning_container strict
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

lin = nn.Linear(4, 2, bias=False)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[0.1, -0.8, 0.35, 0.6], [-0.2, 0.45, -0.9, 0.05]]))
prune.l1_unstructured(lin, "weight", amount=0.25)
print(lin.weight_mask)
prune.l1_unstructured(lin, "weight", amount=2)
print(lin.weight_mask)
hook = [h for h in lin._forward_pre_hooks.values()][0]
print(type(hook).__name__, len(hook), [type(m).__name__ for m in hook], hook._tensor_name)
print(hook[0].amount, hook[-1].amount)
prune.ln_structured(lin, "weight", amount=1, n=2, dim=0)
print(lin.weight_mask)
print(len(hook), len(lin._forward_pre_hooks))
print(lin.weight)

# %% prune_ln_structured_conv strict
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

conv = nn.Conv2d(2, 4, 2)
w = torch.arange(32, dtype=torch.float32).view(4, 2, 2, 2)
w = w * torch.tensor([1.0, -0.1, 0.5, 0.02]).view(4, 1, 1, 1)
with torch.no_grad():
    conv.weight.copy_(w)
prune.ln_structured(conv, name="weight", amount=0.5, n=2, dim=0)
print(conv.weight_mask.sum(dim=(1, 2, 3)))
print(conv.weight[1].abs().sum().item(), conv.weight[2].abs().sum().item())
prune.ln_structured(conv, name="weight", amount=1, n=1, dim=1)
print(conv.weight_mask.sum(dim=(0, 2, 3)), conv.weight_mask.sum().item())
lin = nn.Linear(3, 3)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, 2.0, 3.0], [0.1, 0.2, 0.3], [-4.0, 0.0, 4.0]]))
prune.ln_structured(lin, "weight", amount=1, n=float("inf"), dim=-1)
print(lin.weight_mask)

# %% prune_random_by_counts strict
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

lin = nn.Linear(10, 6)
prune.random_unstructured(lin, name="weight", amount=0.3)
print(lin.weight_mask.shape, int((lin.weight_mask == 0).sum()), lin.weight_mask.dtype)
prune.random_unstructured(lin, name="bias", amount=2)
print(int((lin.bias_mask == 0).sum()), sorted(k for k, _ in lin.named_buffers()))
conv = nn.Conv1d(3, 8, 2)
prune.random_structured(conv, "weight", amount=0.25, dim=0)
m = conv.weight_mask
print(int((m.sum(dim=(1, 2)) == 0).sum()), set(m.sum(dim=(1, 2)).tolist()))
prune.random_unstructured(conv, "weight", amount=4)
print(int((conv.weight_mask == 0).sum()))
prune.identity(conv, "bias")
print(conv.bias_mask, type(conv._forward_pre_hooks[list(conv._forward_pre_hooks)[-1]]).__name__)

# %% prune_global_unstructured strict
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

a, b = nn.Linear(3, 2), nn.Linear(2, 2)
with torch.no_grad():
    a.weight.copy_(torch.tensor([[0.1, -0.9, 0.45], [0.7, -0.05, 0.3]]))
    b.weight.copy_(torch.tensor([[0.2, -0.6], [0.01, 0.8]]))
params = ((a, "weight"), (b, "weight"))
prune.global_unstructured(params, pruning_method=prune.L1Unstructured, amount=0.4)
print(a.weight_mask)
print(b.weight_mask)
total = sum(int((m.weight == 0).sum()) for m in (a, b))
print(total, [type(h).__name__ for h in a._forward_pre_hooks.values()])
prune.global_unstructured(params, pruning_method=prune.L1Unstructured, amount=1)
print(a.weight_mask.sum().item() + b.weight_mask.sum().item())
try:
    prune.global_unstructured(params, pruning_method=prune.LnStructured, amount=1, n=2, dim=0)
except TypeError as e:
    print("TypeError", str(e).split(". Found")[0])
try:
    prune.global_unstructured(params, prune.L1Unstructured, importance_scores=[1], amount=1)
except TypeError as e:
    print("TypeError", e)

# %% prune_custom_mask_and_importance strict
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
    lin.bias.fill_(1.0)
prune.custom_from_mask(lin, name="bias", mask=torch.tensor([0, 1]))
print(lin.bias, lin.bias_mask, lin.bias_mask.dtype)
scores = torch.tensor([[9.0, 0.1, 8.0], [0.2, 7.0, 0.3]])
prune.l1_unstructured(lin, "weight", amount=3, importance_scores=scores)
print(lin.weight)
try:
    prune.l1_unstructured(nn.Linear(3, 2), "weight", amount=1, importance_scores=torch.ones(2))
except AssertionError as e:
    print("AssertionError", str(e).split(" of ")[0])
try:
    prune.custom_from_mask(lin, "weight", mask=torch.ones(3))
except AssertionError as e:
    print("AssertionError", e)
m = prune.L1Unstructured(amount=2)
print(m.prune(torch.tensor([0.5, -3.0, 0.1, 2.0])))
print(prune.RandomUnstructured(amount=0.0).prune(torch.tensor([1.0, 2.0])))

# %% prune_amount_validation strict
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

for amount in [-1, 1.5, -0.1, "half", None]:
    try:
        prune.l1_unstructured(nn.Linear(2, 2), "weight", amount=amount)
    except Exception as e:
        print(type(e).__name__, e)
lin = nn.Linear(2, 2)
try:
    prune.l1_unstructured(lin, "weight", amount=5)
except Exception as e:
    print(type(e).__name__, e)
print([n for n, _ in lin.named_parameters()], prune.is_pruned(lin))
try:
    prune.ln_structured(lin, "bias", amount=1, n=2, dim=0)
except Exception as e:
    print(type(e).__name__, e)
print([n for n, _ in lin.named_parameters()])
try:
    prune.ln_structured(nn.Linear(2, 2), "weight", amount=1, n=2, dim=2)
except Exception as e:
    print(type(e).__name__, e)
try:
    prune.l1_unstructured(lin, "nothere", amount=1)
except Exception as e:
    print(type(e).__name__, e)

# %% prune_state_dict_roundtrip strict
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

src = nn.Linear(3, 2)
with torch.no_grad():
    src.weight.copy_(torch.tensor([[0.3, -0.2, 0.9], [0.01, -0.6, 0.4]]))
    src.bias.zero_()
prune.l1_unstructured(src, "weight", amount=2)
sd = src.state_dict()
print({k: tuple(v.shape) for k, v in sd.items()})
dst = nn.Linear(3, 2)
try:
    dst.load_state_dict(sd)
except RuntimeError as e:
    print("RuntimeError", str(e).splitlines()[0])
prune.identity(dst, "weight")
print(dst.load_state_dict(sd))
print(dst(torch.ones(1, 3)), src(torch.ones(1, 3)))
print(torch.equal(dst.weight, src.weight))

# %% prune_model_sparsity_report strict
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 4 * 4, 10))
for name, module in model.named_modules():
    if isinstance(module, nn.Conv2d):
        prune.l1_unstructured(module, name="weight", amount=0.2)
    elif isinstance(module, nn.Linear):
        prune.l1_unstructured(module, name="weight", amount=0.4)
print(dict(model.named_buffers()).keys())
for i in (0, 3):
    w = model[i].weight
    print(i, "sparsity {:.2f}%".format(100.0 * float(torch.sum(w == 0)) / float(w.nelement())))
print(model(torch.zeros(2, 1, 6, 6)).shape)
for i in (0, 3):
    prune.remove(model[i], "weight")
print(list(model.state_dict().keys()))
print(prune.is_pruned(model))

# %% modules_utils_ntuple strict
import torch
from torch.nn.modules.utils import _pair, _single, _triple, _quadruple, _ntuple

print(_pair(3), _pair((1, 2)), _pair([4, 5]), _single(2), _triple(1), _quadruple(0))
print(_triple((1, 2, 3)), _pair("ab"), _ntuple(5)(7))
print(_pair(torch.Size([2, 3])), type(_pair([1, 2])).__name__)
conv = torch.nn.Conv2d(1, 1, 3, stride=2, padding=(1, 0), dilation=[1, 2])
print(conv.kernel_size, conv.stride, conv.padding, conv.dilation, conv.output_padding)
c3 = torch.nn.Conv3d(1, 1, (1, 2, 3))
print(c3.kernel_size, c3.stride, c3.padding)
print(torch.nn.MaxPool2d(2).kernel_size, torch.nn.AvgPool2d(3, 1).stride, torch.nn.MaxPool2d(2, padding=1).padding)

# %% rnn_pack_sequence_fields strict
import torch
from torch.nn.utils.rnn import pack_sequence, PackedSequence, pad_packed_sequence

seqs = [torch.tensor([1.0, 2.0, 3.0]), torch.tensor([4.0, 5.0]), torch.tensor([6.0])]
p = pack_sequence(seqs)
print(p.data, p.batch_sizes, p.sorted_indices, p.unsorted_indices)
print(p.batch_sizes.dtype, p.data.dtype, p.is_cuda, p.is_pinned())
data, bs, si, ui = p
print(data.shape, bs.tolist(), si, ui)
print(p._fields, p.batch_sizes is p[1])
q = p.to(torch.float64)
print(q.data.dtype, q.batch_sizes.dtype, type(q).__name__)
print(p.to("cpu") is p, p.cpu() is p, p.double().data.dtype, p.float().data.dtype, p.half().data.dtype)
pad, lens = pad_packed_sequence(p, batch_first=True, total_length=4)
print(pad, lens)
ps = pack_sequence([torch.ones(2, 3), torch.ones(3, 3)], enforce_sorted=False)
print(ps.data.shape, ps.sorted_indices, ps.unsorted_indices)

# %% rnn_unpack_unpad_roundtrip strict
import torch
from torch.nn.utils.rnn import pack_sequence, unpack_sequence, pad_sequence, unpad_sequence

seqs = [torch.arange(6.0).view(3, 2), torch.arange(2.0).view(1, 2) + 10, torch.arange(4.0).view(2, 2) - 5]
packed = pack_sequence(seqs, enforce_sorted=False)
back = unpack_sequence(packed)
print(len(back), [tuple(b.shape) for b in back], all(torch.equal(a, b) for a, b in zip(seqs, back)))
padded = pad_sequence(seqs, batch_first=True, padding_value=-1)
print(padded.shape)
lengths = torch.tensor([3, 1, 2])
un = unpad_sequence(padded, lengths, batch_first=True)
print([u.tolist() for u in un])
un2 = unpad_sequence(pad_sequence(seqs), lengths)
print([tuple(u.shape) for u in un2])
print(pad_sequence(seqs, padding_side="left", batch_first=True)[1])
try:
    pack_sequence(seqs)
except RuntimeError as e:
    print("RuntimeError", e)

# %% rnn_packed_gru_batch_first rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

rng = np.random.default_rng(3)
gru = nn.GRU(3, 2, batch_first=True)
gru.load_state_dict({k: torch.from_numpy(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32)) for k, v in gru.state_dict().items()})
x = torch.from_numpy(rng.standard_normal((3, 4, 3)).astype(np.float32))
lengths = [4, 2, 3]
packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
print(packed.batch_sizes, packed.sorted_indices)
out, h = gru(packed)
print(type(out).__name__, out.data.shape)
padded, lens = pad_packed_sequence(out, batch_first=True)
print(padded.shape, lens)
print(padded[1, 2:].abs().sum().item())
print(h.shape)
print(torch.allclose(h[0], torch.stack([padded[i, lens[i] - 1] for i in range(3)])))
print(h)

# %% init_kaiming_xavier_modes strict
import torch
import torch.nn as nn
import math

torch.manual_seed(0)
w = torch.empty(200, 100)
for mode in ["fan_in", "fan_out"]:
    for nl in ["relu", "leaky_relu", "linear", "tanh"]:
        nn.init.kaiming_uniform_(w, a=0.1, mode=mode, nonlinearity=nl)
        fan = 100 if mode == "fan_in" else 200
        bound = nn.init.calculate_gain(nl, 0.1) * math.sqrt(3.0 / fan)
        print(mode, nl, bool(w.abs().max() <= bound + 1e-6), round(bound, 5))
try:
    nn.init.kaiming_normal_(w, mode="fan_avg")
except ValueError as e:
    print("ValueError", e)
try:
    nn.init.kaiming_uniform_(w, nonlinearity="swish")
except ValueError as e:
    print("ValueError", e)
nn.init.xavier_uniform_(w, gain=nn.init.calculate_gain("relu"))
print(bool(w.abs().max() <= math.sqrt(2.0) * math.sqrt(6.0 / 300) + 1e-6))
try:
    nn.init.xavier_uniform_(torch.empty(5))
except ValueError as e:
    print("ValueError", e)
print(nn.init.kaiming_uniform_(torch.empty(0, 3)).shape)

# %% init_trunc_orthogonal_sparse strict
import torch
import torch.nn as nn

torch.manual_seed(0)
t = nn.init.trunc_normal_(torch.empty(3000), mean=1.0, std=0.5, a=0.5, b=1.2)
print(bool(t.min() >= 0.5), bool(t.max() <= 1.2), t.dtype)
q = nn.init.orthogonal_(torch.empty(3, 5))
print(torch.allclose(q @ q.T, torch.eye(3), atol=1e-5))
q = nn.init.orthogonal_(torch.empty(6, 2), gain=2.0)
print(torch.allclose(q.T @ q, 4 * torch.eye(2), atol=1e-4))
q4 = nn.init.orthogonal_(torch.empty(4, 2, 2, 2))
print(q4.shape, torch.allclose(q4.view(4, -1) @ q4.view(4, -1).T, torch.eye(4), atol=1e-5))
try:
    nn.init.orthogonal_(torch.empty(5))
except ValueError as e:
    print("ValueError", e)
s = nn.init.sparse_(torch.empty(10, 4), sparsity=0.3, std=0.5)
print((s == 0).sum(dim=0).tolist())
try:
    nn.init.sparse_(torch.empty(2, 3, 4), 0.5)
except ValueError as e:
    print("ValueError", e)

# %% init_no_grad_and_param_preserved strict
import torch
import torch.nn as nn

lin = nn.Linear(3, 2)
w = lin.weight
r = nn.init.xavier_normal_(lin.weight)
print(r is w, type(lin.weight).__name__, lin.weight.requires_grad, lin.weight.grad_fn, lin.weight.is_leaf)
nn.init.constant_(lin.bias, 0.25)
print(lin.bias)
print(nn.init.kaiming_normal_(torch.empty(2, 3, dtype=torch.float64)).dtype)
nn.init.uniform_(lin.weight, -0.001, 0.001)
print(bool(lin.weight.abs().max() <= 0.001))
try:
    nn.init.normal_(torch.empty(2), mean=0.0, std=-1.0)
except Exception as e:
    print(type(e).__name__)
def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.zeros_(m.weight)
        nn.init.ones_(m.bias)
net = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1))
net.apply(init_weights)
print(net(torch.tensor([[1.0, -1.0]])))

# %% extra_state_tensor_and_nested strict
import torch
import torch.nn as nn

class Counter(nn.Module):
    def __init__(self):
        super().__init__()
        self.steps = 0
        self.proj = nn.Linear(2, 2)

    def forward(self, x):
        self.steps += 1
        return self.proj(x)

    def get_extra_state(self):
        return torch.tensor(self.steps)

    def set_extra_state(self, state):
        self.steps = int(state)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_module("block", Counter())
        self.head = nn.Linear(2, 1)

    def forward(self, x):
        return self.head(self.block(x))

a = Net()
for _ in range(3):
    a(torch.zeros(1, 2))
sd = a.state_dict()
print(list(sd.keys()))
print(sd["block._extra_state"])
b = Net()
print(b.load_state_dict(sd), b.block.steps)
print(a.get_submodule("block") is a.block, [n for n, _ in a.named_children()])
try:
    a.register_module("bad.name", nn.ReLU())
except KeyError as e:
    print("KeyError", e)
try:
    a.register_module("x", 3)
except TypeError as e:
    print("TypeError", e)
try:
    nn.Module().get_extra_state()
except RuntimeError as e:
    print("RuntimeError", e)

# %% parametrize_cached_context strict
import torch
import torch.nn as nn
import torch.nn.utils.parametrize as P

calls = []
class Sym(nn.Module):
    def forward(self, X):
        calls.append(1)
        return X.triu() + X.triu(1).T

lin = nn.Linear(3, 3, bias=False)
with torch.no_grad():
    lin.weight.copy_(torch.arange(9.0).view(3, 3))
P.register_parametrization(lin, "weight", Sym())
x = torch.ones(1, 3)
calls.clear()
for _ in range(3):
    lin(x)
print(len(calls))
calls.clear()
with P.cached():
    for _ in range(3):
        lin(x)
    print(lin.weight)
print(len(calls))
print(P.is_parametrized(lin), P.is_parametrized(lin, "weight"), P.is_parametrized(lin, "bias"))
print(type(lin).__name__, list(lin.parametrizations.keys()))

# %% tutorial_residual_blocks rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

class ResBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.conv1 = nn.Conv2d(ch, ch, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(ch)
        self.conv2 = nn.Conv2d(ch, ch, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(ch)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + x)

class ResNetTiny(nn.Module):
    def __init__(self, ch=4, n_blocks=2, n_classes=3):
        super().__init__()
        self.stem = nn.Conv2d(1, ch, 3, padding=1)
        self.blocks = nn.ModuleList([ResBlock(ch) for _ in range(n_blocks)])
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(ch, n_classes)

    def forward(self, x):
        x = self.stem(x)
        for blk in self.blocks:
            x = blk(x)
        return self.fc(torch.flatten(self.pool(x), 1))

rng = np.random.default_rng(1)
m = ResNetTiny()
m.load_state_dict({k: torch.from_numpy((rng.standard_normal(tuple(v.shape)) * 0.3).astype(np.float32)) if v.is_floating_point() else v for k, v in m.state_dict().items()})
print(sum(p.numel() for p in m.parameters()), len(m.state_dict()))
x = torch.from_numpy(rng.standard_normal((2, 1, 5, 5)).astype(np.float32))
opt = torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9)
for _ in range(2):
    opt.zero_grad()
    loss = F.cross_entropy(m(x), torch.tensor([0, 2]))
    loss.backward()
    opt.step()
    print(round(loss.item(), 4))
m.eval()
print(m(x))
print(m.blocks[1].bn2.num_batches_tracked, m.blocks[0].bn1.running_mean)

# %% tutorial_weight_tying_lm rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import numpy as np

class TinyLM(nn.Module):
    def __init__(self, vocab=6, d=4):
        super().__init__()
        self.emb = nn.Embedding(vocab, d)
        self.rnn = nn.GRU(d, d, batch_first=True)
        self.head = nn.Linear(d, vocab, bias=False)
        self.head.weight = self.emb.weight

    def forward(self, idx):
        h, _ = self.rnn(self.emb(idx))
        return self.head(h)

rng = np.random.default_rng(2)
lm = TinyLM()
sd = {k: torch.from_numpy((rng.standard_normal(tuple(v.shape)) * 0.5).astype(np.float32)) for k, v in lm.state_dict().items()}
print(list(sd.keys()))
lm.load_state_dict(sd)
print(lm.head.weight is lm.emb.weight, len(list(lm.parameters())), sum(p.numel() for p in lm.parameters()))
print([n for n, _ in lm.named_parameters()])
print(len(list(lm.named_parameters(remove_duplicate=False))))
idx = torch.tensor([[0, 3, 5, 1]])
logits = lm(idx)
loss = nn.functional.cross_entropy(logits[:, :-1].reshape(-1, 6), idx[:, 1:].reshape(-1))
loss.backward()
print(round(loss.item(), 5), lm.emb.weight.grad.shape, lm.head.weight.grad is lm.emb.weight.grad)
print(lm.emb.weight.grad[2])

# %% tutorial_positional_encoding_buffer rtol=1e-5 atol=1e-6
import math
import torch
import torch.nn as nn

class PositionalEncoding(nn.Module):
    def __init__(self, d_model, max_len=16, dropout=0.0):
        super().__init__()
        self.dropout = nn.Dropout(p=dropout)
        position = torch.arange(max_len).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
        pe = torch.zeros(max_len, 1, d_model)
        pe[:, 0, 0::2] = torch.sin(position * div_term)
        pe[:, 0, 1::2] = torch.cos(position * div_term)
        self.register_buffer("pe", pe)

    def forward(self, x):
        x = x + self.pe[: x.size(0)]
        return self.dropout(x)

pos = PositionalEncoding(6)
print(list(pos.state_dict().keys()), pos.pe.shape, pos.pe.requires_grad)
print(pos.pe[:3, 0])
out = pos(torch.zeros(4, 2, 6))
print(out.shape, out[3, 1])
print(len(list(pos.parameters())), [n for n, _ in pos.named_buffers()])
pos.double()
print(pos.pe.dtype)
class NoSave(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("mask", torch.tril(torch.ones(3, 3)).bool(), persistent=False)
        self.register_buffer("scale", torch.tensor(2.0))
ns = NoSave()
print(list(ns.state_dict().keys()), [n for n, _ in ns.named_buffers()], ns.mask.dtype)
print(ns.float().mask.dtype, ns.half().scale.dtype)

# %% tutorial_mlp_from_config strict
import torch
import torch.nn as nn

class MLP(nn.Module):
    def __init__(self, sizes, act=nn.ReLU, dropout=0.1):
        super().__init__()
        layers = []
        for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
            layers.append(nn.Linear(a, b))
            if i < len(sizes) - 2:
                layers += [act(), nn.Dropout(dropout)]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)

m = MLP([4, 8, 8, 2], act=nn.GELU)
print(m)
print([n for n, _ in m.named_parameters()])
print(m.net[-1].out_features, len(m.net), m.training, m.net[2].training)
m.eval()
print(m.net[2].training, m(torch.zeros(3, 4)).shape)
print({k: tuple(v.shape) for k, v in m.state_dict().items()})

# %% layer_list_input_type_errors strict
import torch
import torch.nn as nn
import torch.nn.functional as F

x = [1.0, 2.0]
for layer in [nn.Linear(2, 3), nn.ReLU(), nn.LayerNorm(2), nn.Dropout(), nn.GELU(), nn.LeakyReLU(), nn.ELU(),
              nn.Softplus(), nn.Hardtanh(), nn.ZeroPad1d(1)]:
    try:
        layer(x)
    except Exception as e:
        print(type(layer).__name__, type(e).__name__, e)
for fn in [F.linear, F.relu, F.gelu, F.silu, F.logsigmoid, F.dropout, F.one_hot, F.hardswish, F.relu6]:
    try:
        fn(x) if fn is not F.linear else fn(x, torch.ones(3, 2))
    except Exception as e:
        print(type(e).__name__, e)
try:
    F.cross_entropy([[1.0, 2.0]], torch.tensor([0]))
except Exception as e:
    print(type(e).__name__, e)
try:
    F.cosine_similarity(x, torch.ones(2))
except Exception as e:
    print(type(e).__name__, e)

# %% layer_ctor_kwarg_errors strict
import torch
import torch.nn as nn

makers = [lambda: nn.ReLU(inplace=True, bogus=1), lambda: nn.SiLU(foo=2), lambda: nn.Softmax(dim=1, axis=0),
          lambda: nn.Hardshrink(lambd=0.1, x=1), lambda: nn.CELU(beta=1), lambda: nn.ZeroPad2d(1, 2),
          lambda: nn.ReflectionPad1d(), lambda: nn.MaxUnpool2d(2, bogus=1), lambda: nn.Conv2d(1, 1, 3, bogus=1),
          lambda: nn.ConvTranspose1d(1, 1), lambda: nn.BatchNorm2d(3, bogus=1), lambda: nn.AvgPool2d(2, bogus=1),
          lambda: nn.ConstantPad1d(1), lambda: nn.ReLU(True, 3), lambda: nn.LogSoftmax(0, 1)]
for f in makers:
    try:
        f()
    except TypeError as e:
        print("TypeError", e)
print(nn.BatchNorm1d(3, 1e-3, 0.2, False, False), nn.CELU(0.5), nn.ReLU(True))

# %% prune_deepcopy_dtype_and_apply_api strict
import copy
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[0.3, -0.2, 0.9], [0.01, -0.6, 0.4]]))
    lin.bias.copy_(torch.tensor([0.5, -0.5]))
method = prune.L1Unstructured.apply(lin, "weight", amount=2)
print(type(method).__name__, method._tensor_name, method.amount, method.PRUNING_TYPE)
try:
    copy.deepcopy(lin)
except RuntimeError as e:
    print("RuntimeError", str(e)[:80])
d = lin.double()
print(d.weight_orig.dtype, d.weight_mask.dtype, d(torch.ones(1, 3, dtype=torch.float64)).dtype, d.weight.dtype)
m = prune.L1Unstructured(amount=0)
print(m.compute_mask(torch.tensor([3.0, -1.0]), torch.ones(2)))
c = prune.PruningContainer()
c._tensor_name = "weight"
try:
    other = prune.Identity()
    other._tensor_name = "bias"
    c.add_pruning_method(other)
except ValueError as e:
    print("ValueError", str(e).split(" to PruningContainer")[0])
try:
    c.add_pruning_method("l1")
except TypeError as e:
    print("TypeError", e)
print(prune.RandomStructured(0.5, dim=1).dim, prune.LnStructured(2, n=1).dim, prune.CustomFromMask(torch.ones(2)).PRUNING_TYPE)

# %% prune_embedding_rows_and_bias strict
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

emb = nn.Embedding(4, 3)
with torch.no_grad():
    emb.weight.copy_(torch.tensor([[1.0, 1.0, 1.0], [0.1, 0.2, 0.1], [2.0, -2.0, 0.5], [0.0, 0.3, -0.1]]))
prune.ln_structured(emb, "weight", amount=0.5, n=1, dim=0)
print(emb.weight_mask[:, 0])
print(emb(torch.tensor([0, 1, 3])))
lin = nn.Linear(2, 4)
with torch.no_grad():
    lin.bias.copy_(torch.tensor([0.4, -0.1, 0.25, -3.0]))
prune.l1_unstructured(lin, "bias", amount=0)
print(lin.bias_mask, [n for n, _ in lin.named_parameters()])
prune.l1_unstructured(lin, "bias", amount=0.5)
print(lin.bias)
prune.l1_unstructured(lin, "weight", amount=0.0)
print(sorted(n for n, _ in lin.named_buffers()), len(lin._forward_pre_hooks))
prune.remove(lin, "bias")
print(lin.bias, [n for n, _ in lin.named_parameters()])

# %% init_conv_and_default_layer_bounds strict
import math
import torch
import torch.nn as nn

torch.manual_seed(0)
conv = nn.Conv2d(4, 6, (3, 2))
fan_in = 4 * 3 * 2
print(bool(conv.weight.abs().max() <= 1 / math.sqrt(fan_in) + 1e-7), bool(conv.bias.abs().max() <= 1 / math.sqrt(fan_in) + 1e-7))
print(nn.init._calculate_fan_in_and_fan_out(conv.weight))
nn.init.kaiming_uniform_(conv.weight, mode="fan_out", nonlinearity="relu")
print(bool(conv.weight.abs().max() <= math.sqrt(2.0) * math.sqrt(3.0 / (6 * 6)) + 1e-6))
lin = nn.Linear(16, 3)
print(bool(lin.weight.abs().max() <= 0.25 + 1e-7), bool(lin.bias.abs().max() <= 0.25 + 1e-7))
emb = nn.Embedding(5, 2, padding_idx=1)
print(emb.weight[1], emb.weight.requires_grad)
bn = nn.BatchNorm1d(3)
print(bn.weight, bn.bias, bn.running_var)
ln = nn.LayerNorm(2, elementwise_affine=False)
print(ln.weight, list(ln.state_dict().keys()))
t = nn.Transformer(4, 2, 1, 1, 8)
print(sum(p.numel() for p in t.parameters()))

# %% tutorial_multitask_moduledict strict
import torch
import torch.nn as nn

class MultiTask(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(3, 4), nn.ReLU())
        self.heads = nn.ModuleDict({"cls": nn.Linear(4, 2), "reg": nn.Linear(4, 1)})
        self.register_parameter("temperature", None)
        self.log_scale = nn.Parameter(torch.zeros(1))

    def forward(self, x, task):
        return self.heads[task](self.trunk(x)) * self.log_scale.exp()

    def extra_repr(self):
        return "tasks={}".format(list(self.heads.keys()))

m = MultiTask()
print(m)
print([n for n, _ in m.named_parameters()])
print([n for n, _ in m.named_modules(prefix="model")])
print(m.temperature, "temperature" in dict(m.named_parameters()), list(m.state_dict().keys())[:1])
for p in m.heads["reg"].parameters():
    p.requires_grad_(False)
print(sum(p.numel() for p in m.parameters() if p.requires_grad))
with torch.no_grad():
    for p in m.parameters():
        p.fill_(0.5)
print(m(torch.ones(2, 3), "cls"), m(torch.ones(1, 3), "reg"))
try:
    m(torch.ones(1, 3), "seg")
except KeyError as e:
    print("KeyError", e)

# %% rnn_pack_padded_lengths_forms strict
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

x = torch.arange(12.0).view(4, 3)
for lengths in [[4, 2, 1], torch.tensor([4, 2, 1]), (4, 2, 1)]:
    p = pack_padded_sequence(x, lengths)
    print(p.data.tolist(), p.batch_sizes.tolist(), p.sorted_indices)
p = pack_padded_sequence(x, [2, 4, 1], enforce_sorted=False)
print(p.sorted_indices, p.unsorted_indices, p.data.tolist())
out, lens = pad_packed_sequence(p, padding_value=-1.0)
print(out, lens, lens.dtype)
try:
    pack_padded_sequence(x, [5, 2, 1])
except RuntimeError as e:
    print("RuntimeError", e)
try:
    pack_padded_sequence(x, [4, 2])
except Exception as e:
    print(type(e).__name__, e)

# %% init_integer_and_bad_range_errors strict
import torch
import torch.nn as nn

ints = torch.zeros(2, 3, dtype=torch.int64)
for name, f in [("uniform_", lambda: nn.init.uniform_(ints)), ("normal_", lambda: nn.init.normal_(ints)),
                ("xavier_uniform_", lambda: nn.init.xavier_uniform_(ints)), ("kaiming_normal_", lambda: nn.init.kaiming_normal_(ints)),
                ("trunc_normal_", lambda: nn.init.trunc_normal_(ints)), ("orthogonal_", lambda: nn.init.orthogonal_(ints)),
                ("sparse_", lambda: nn.init.sparse_(ints, 0.5)), ("method uniform_", lambda: torch.zeros(2, dtype=torch.int32).uniform_()),
                ("method normal_", lambda: torch.zeros(2, dtype=torch.uint8).normal_()),
                ("bool", lambda: nn.init.uniform_(torch.zeros(2, dtype=torch.bool))),
                ("std<0", lambda: nn.init.normal_(torch.empty(2), std=-0.25)), ("int std<0", lambda: ints.normal_(0, -1)),
                ("from>to", lambda: nn.init.uniform_(torch.empty(2), 0.75, 0.5)), ("trunc a>b", lambda: nn.init.trunc_normal_(torch.empty(2), a=1.0, b=0.0)),
                ("torch.normal", lambda: torch.normal(0.0, -2.0, size=(2,)))]:
    try:
        f()
        print(name, "ok")
    except Exception as e:
        print(name, type(e).__name__, e)
print(ints.sum().item(), nn.init.zeros_(ints).dtype, nn.init.constant_(ints, 3).sum().item(), nn.init.ones_(ints).dtype)
print(nn.init.uniform_(torch.empty(3), 2.0, 2.0))

# %% rnn_packed_sequence_conversions strict
import torch
from torch.nn.utils.rnn import pack_sequence, PackedSequence

p = pack_sequence([torch.tensor([1.5, 2.5, -3.5]), torch.tensor([4.0, 5.0])])
print(repr(p))
print(p.long().data, p.int().data.dtype, p.short().data.dtype, p.char().data.dtype, p.byte().data.dtype)
print(p.to(torch.zeros(1, dtype=torch.float16)).data.dtype, p.to(dtype=torch.float64).data)
try:
    p.to(torch.float64, copy=True)
except RuntimeError as e:
    print("RuntimeError", e)
q = PackedSequence(torch.tensor([1.0, 3.0, 2.0]), torch.tensor([2, 1]))
print(q.sorted_indices, q.unsorted_indices, q.batch_sizes)
r = p._replace(data=p.data * 2)
print(type(r).__name__, r.data, r.batch_sizes is p.batch_sizes)
print(p == p, isinstance(p, tuple))

# %% state_dict_strip_module_prefix strict
import torch
import torch.nn as nn
from torch.nn.modules.utils import consume_prefix_in_state_dict_if_present, _list_with_default

class Wrapper(nn.Module):
    def __init__(self, module):
        super().__init__()
        self.module = module

net = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3))
with torch.no_grad():
    net[0].weight.fill_(0.5)
sd = Wrapper(net).state_dict()
print(list(sd.keys()))
print(sorted(sd._metadata.keys()))
consume_prefix_in_state_dict_if_present(sd, "module.")
print(list(sd.keys()))
print(sorted(sd._metadata.keys()), sd._metadata[""])
fresh = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3))
print(fresh.load_state_dict(sd), fresh[0].weight.sum().item())
plain = {"module.a": 1, "b": 2, "module.module.c": 3}
consume_prefix_in_state_dict_if_present(plain, "module.")
print(plain)
print(_list_with_default([None, 4], [2, 3, 5, 6]), _list_with_default(3, [1, 2]))
try:
    _list_with_default([1, 2], [5, 6])
except ValueError as e:
    print("ValueError", e)
print(nn.AdaptiveAvgPool2d((None, 2))(torch.ones(1, 3, 4, 6)).shape)

# %% prune_global_importance_on_existing_masks strict
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

a, b = nn.Linear(3, 2), nn.Conv1d(1, 2, 2)
with torch.no_grad():
    a.weight.copy_(torch.tensor([[0.1, -0.9, 0.45], [0.7, -0.05, 0.3]]))
    b.weight.copy_(torch.tensor([[[0.2, -0.6]], [[0.01, 0.8]]]))
    a.bias.copy_(torch.tensor([0.04, -0.5]))
prune.l1_unstructured(a, "weight", amount=1)
scores = {(b, "weight"): torch.tensor([[[5.0, 0.02]], [[6.0, 0.03]]])}
prune.global_unstructured([(a, "weight"), (b, "weight"), (a, "bias")], pruning_method=prune.L1Unstructured,
                          importance_scores=scores, amount=3)
print(a.weight_mask)
print(b.weight_mask)
print(a.bias_mask)
print([type(h).__name__ for h in a._forward_pre_hooks.values()], [type(h).__name__ for h in b._forward_pre_hooks.values()])
hook = [h for h in a._forward_pre_hooks.values() if h._tensor_name == "weight"][0]
print([type(m).__name__ for m in hook])
prune.global_unstructured([(a, "weight"), (b, "weight")], pruning_method=prune.RandomUnstructured, amount=2)
print(int((a.weight_mask == 0).sum()) + int((b.weight_mask == 0).sum()))
for m, n in [(a, "weight"), (a, "bias"), (b, "weight")]:
    prune.remove(m, n)
print(a.bias, int((a.weight == 0).sum()) + int((b.weight == 0).sum()), type(b.weight).__name__)
