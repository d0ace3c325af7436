# Losses in depth: reductions, deprecated size_average/reduce, weights, ignore_index, label smoothing,
# K-dim inputs, clamping, shape/dtype errors and the gradient of each (beyond programs/losses.py).

# %% ld_legacy_size_average_reduce rtol=1e-5 atol=1e-6
import warnings
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]])
t = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
for kw in [dict(size_average=False), dict(reduce=False), dict(size_average=True, reduce=True), dict(size_average=False, reduce=False)]:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        crit = nn.MSELoss(**kw)
        out = crit(x, t)
    print(kw, crit.reduction, out, [str(m.message) for m in w])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(F.l1_loss(x, t, size_average=False), F.smooth_l1_loss(x, t, reduce=False)[1], F.binary_cross_entropy_with_logits(x, t, reduce=False)[0])
    print(nn.CrossEntropyLoss(size_average=False)(x, torch.tensor([2, 0])), nn.NLLLoss(reduce=False)(x, torch.tensor([2, 0])))
    print(nn.KLDivLoss(size_average=False)(x, t), F.soft_margin_loss(x, t * 2 - 1, size_average=False))
print(sorted(set(str(m.message) for m in w)))

# %% ld_reduction_strings rtol=1e-5 atol=1e-6
import warnings
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([0.2, 0.8, -1.0])
y = torch.tensor([0.0, 1.0, 1.0])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(F.mse_loss(x, y, reduction="elementwise_mean"), [str(m.message) for m in w])
for fn in [lambda r: F.mse_loss(x, y, reduction=r), lambda r: F.l1_loss(x, y, reduction=r), lambda r: nn.SmoothL1Loss(reduction=r)(x, y),
           lambda r: F.cross_entropy(x.view(1, 3), torch.tensor([1]), reduction=r), lambda r: F.nll_loss(x.view(1, 3), torch.tensor([1]), reduction=r),
           lambda r: F.binary_cross_entropy(torch.sigmoid(x), y, reduction=r), lambda r: F.kl_div(x, y, reduction=r)]:
    try:
        print(fn("avg"))
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_nll_all_ignored rtol=1e-5 atol=1e-6
import torch
import torch.nn.functional as F

logp = torch.log_softmax(torch.tensor([[1.0, 2.0, 0.5], [0.1, -0.3, 0.9]]), 1).requires_grad_()
tgt = torch.tensor([-100, -100])
for r in ["mean", "sum", "none"]:
    print(r, F.nll_loss(logp, tgt, reduction=r), F.cross_entropy(logp, tgt, reduction=r))
loss = F.nll_loss(logp, tgt)
loss.backward()
print(loss.isnan().item(), logp.grad)
w = torch.tensor([0.0, 1.0, 2.0])
loss = F.nll_loss(logp, torch.tensor([0, 0]), weight=w)
print(loss, F.nll_loss(logp, torch.tensor([0, 2]), weight=w), F.nll_loss(logp, torch.tensor([0, 2]), weight=w, reduction="none"))
logp.grad = None
F.cross_entropy(logp, torch.tensor([1, 1]), ignore_index=1, label_smoothing=0.2).backward()
print(logp.grad)

# %% ld_ce_smoothing_weight_ignore rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(5, 4, requires_grad=True)
target = torch.tensor([0, 3, 2, 3, 1])
w = torch.tensor([0.5, 1.0, 2.0, 0.25])
for r in ["mean", "sum", "none"]:
    crit = nn.CrossEntropyLoss(weight=w, ignore_index=3, label_smoothing=0.3, reduction=r)
    print(r, crit(logits, target).detach())
loss = F.cross_entropy(logits, target, weight=w, ignore_index=3, label_smoothing=0.3)
loss.backward()
print(loss.item(), logits.grad)
print(F.cross_entropy(logits, target, label_smoothing=1.0), F.cross_entropy(logits, target, weight=w, label_smoothing=0.0))

# %% ld_ce_prob_targets_kdim rtol=1e-5 atol=1e-6
import torch
import torch.nn.functional as F

torch.manual_seed(1)
logits = torch.randn(2, 3, 2, 2, requires_grad=True)
probs = torch.softmax(torch.randn(2, 3, 2, 2), dim=1)
w = torch.tensor([1.0, 0.5, 2.0])
for kw in [{}, {"reduction": "sum"}, {"weight": w}, {"label_smoothing": 0.25}, {"weight": w, "label_smoothing": 0.1, "reduction": "sum"}]:
    print(kw, F.cross_entropy(logits, probs, **kw).detach())
none = F.cross_entropy(logits, probs, reduction="none", weight=w)
print(none.shape, none)
loss = F.cross_entropy(logits, probs, weight=w, label_smoothing=0.1)
loss.backward()
print(logits.grad[0, :, 0])
try:
    F.cross_entropy(logits, probs, ignore_index=0)
except Exception as e:
    print(type(e).__name__, e)
try:
    F.cross_entropy(logits, (probs * 10).long())
except Exception as e:
    print(type(e).__name__, e)

# %% ld_ce_5d_input rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(2)
x = torch.randn(2, 3, 2, 3, 2, requires_grad=True)
t = torch.randint(0, 3, (2, 2, 3, 2))
t[0, 0, 0, 0] = -100
w = torch.tensor([1.0, 3.0, 0.5])
print(t.flatten()[:8])
for r in ["mean", "sum", "none"]:
    out = nn.CrossEntropyLoss(weight=w, reduction=r)(x, t)
    print(r, out.shape, out.detach().sum() if r == "none" else out.detach())
loss = nn.CrossEntropyLoss(weight=w)(x, t)
loss.backward()
print(loss.grad_fn.name(), x.grad[0, :, 0, 0, 0], x.grad[1, :, 1, 2, 1])
logp = F.log_softmax(x.detach(), 1)
print(F.nll_loss(logp, t, weight=w), F.nll_loss(logp, t, reduction="none")[1, 1])
try:
    F.nll_loss(logp, t[:, :, :2])
except Exception as e:
    print(type(e).__name__, e)

# %% ld_ce_unbatched rtol=1e-5 atol=1e-6
import torch
import torch.nn.functional as F

x = torch.tensor([1.0, -0.5, 2.0, 0.3], requires_grad=True)
print(F.cross_entropy(x, torch.tensor(2)), F.cross_entropy(x, torch.tensor(2), reduction="none"))
print(F.cross_entropy(x, torch.tensor(2), weight=torch.tensor([1.0, 1.0, 3.0, 1.0]), label_smoothing=0.2))
p = torch.tensor([0.1, 0.2, 0.3, 0.4])
loss = F.cross_entropy(x, p)
loss.backward()
print(loss, x.grad)
print(F.nll_loss(torch.log_softmax(x.detach(), 0), torch.tensor(1)), F.cross_entropy(x.detach(), torch.tensor(-100)))

# %% ld_class_target_errors
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(3)
x = torch.randn(3, 4)
cases = [lambda: F.cross_entropy(x, torch.tensor([0, 1, 4])), lambda: F.nll_loss(x, torch.tensor([0, -1, 2])),
         lambda: F.cross_entropy(x, torch.tensor([0.0, 1.0, 2.0])), lambda: F.nll_loss(x, torch.tensor([0, 1, 2], dtype=torch.int32)),
         lambda: F.cross_entropy(x, torch.tensor([0, 1])), lambda: F.cross_entropy(x, torch.tensor([[0, 1, 2]])),
         lambda: nn.CrossEntropyLoss(weight=torch.ones(3))(x, torch.tensor([0, 1, 2])),
         lambda: F.cross_entropy(x, torch.tensor([0, 1, 2]), weight=torch.ones(4, dtype=torch.float64)),
         lambda: F.nll_loss(x.view(3, 2, 2), torch.tensor([[0, 1], [1, 1], [0, 0]]))]
for c in cases:
    try:
        print(c())
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_bce_log_clamp rtol=1e-5 atol=1e-5
import torch
import torch.nn as nn
import torch.nn.functional as F

p = torch.tensor([0.0, 1.0, 0.0, 1.0, 1e-45, 0.5], requires_grad=True)
t = torch.tensor([1.0, 0.0, 0.0, 1.0, 1.0, 0.3])
none = F.binary_cross_entropy(p, t, reduction="none")
print(none)
loss = nn.BCELoss()(p, t)
loss.backward()
print(loss, p.grad)
print(F.binary_cross_entropy(p, t, reduction="sum"), F.binary_cross_entropy(torch.tensor([0.0, 1.0], dtype=torch.float64), torch.tensor([1.0, 0.0], dtype=torch.float64)))
try:
    F.binary_cross_entropy(torch.tensor([1.5, 0.5]), torch.tensor([1.0, 0.0]))
except Exception as e:
    print(type(e).__name__, e)
try:
    F.binary_cross_entropy(torch.tensor([0.5, 0.5]), torch.tensor([1, 0]))
except Exception as e:
    print(type(e).__name__, e)

# %% ld_bce_weight_broadcast_grad rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(4)
p = torch.rand(4, 3).clamp(0.05, 0.95).requires_grad_()
t = (torch.rand(4, 3) > 0.5).float()
w = torch.tensor([1.0, 2.0, 0.5])
crit = nn.BCELoss(weight=w)
for r in ["mean", "sum", "none"]:
    print(r, F.binary_cross_entropy(p, t, weight=w, reduction=r).detach())
loss = crit(p, t)
loss.backward()
print(loss, p.grad)
print(list(crit.state_dict().keys()), F.binary_cross_entropy(p, t, weight=torch.tensor([[2.0], [1.0], [0.0], [1.0]])))
try:
    F.binary_cross_entropy(p, t, weight=torch.ones(4))
except Exception as e:
    print(type(e).__name__, e)

# %% ld_bce_logits_pos_weight_grad rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(5)
x = torch.randn(4, 3, requires_grad=True)
t = torch.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0], [1.0, 1.0, 0.0], [0.5, 0.2, 0.9]])
pw = torch.tensor([3.0, 1.0, 0.25])
w = torch.tensor([1.0, 0.0, 2.0, 1.0]).view(4, 1)
for r in ["mean", "sum", "none"]:
    print(r, F.binary_cross_entropy_with_logits(x, t, weight=w, pos_weight=pw, reduction=r).detach())
loss = nn.BCEWithLogitsLoss(weight=w, pos_weight=pw)(x, t)
loss.backward()
print(loss, x.grad)
for kw in [{"pos_weight": pw.clone().requires_grad_()}, {"weight": w.clone().requires_grad_()}]:
    try:
        F.binary_cross_entropy_with_logits(x, t, **kw)
    except Exception as e:
        print(type(e).__name__, e)
    with torch.no_grad():
        print(F.binary_cross_entropy_with_logits(x, t, **kw))
try:
    F.binary_cross_entropy(x.sigmoid(), t.round(), weight=w.clone().requires_grad_())
except Exception as e:
    print(type(e).__name__, e)
big = torch.tensor([100.0, -100.0, 50.0], requires_grad=True)
l2 = F.binary_cross_entropy_with_logits(big, torch.tensor([0.0, 1.0, 1.0]), pos_weight=torch.tensor(2.0), reduction="sum")
l2.backward()
print(l2, big.grad)
for bad in [lambda: F.binary_cross_entropy_with_logits(x, t, pos_weight=torch.ones(4)), lambda: F.binary_cross_entropy_with_logits(x, t, pos_weight=torch.ones(2, 1, 1))]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_kldiv_reductions_grad rtol=1e-5 atol=1e-6
import warnings
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(6)
x = torch.randn(2, 3, 4, requires_grad=True)
logq = F.log_softmax(torch.randn(2, 3, 4), -1)
lp = F.log_softmax(x, -1)
with warnings.catch_warnings(record=True) as rec:
    warnings.simplefilter("always")
    for r in ["mean", "batchmean", "sum"]:
        print(r, F.kl_div(lp, logq.exp(), reduction=r).item(), nn.KLDivLoss(reduction=r, log_target=True)(lp, logq).item())
print(len(rec), str(rec[0].message)[:60] if rec else None)
none = F.kl_div(lp, logq, reduction="none", log_target=True)
print(none.shape, none[1, 2])
loss = nn.KLDivLoss(reduction="batchmean", log_target=True)(lp, logq)
loss.backward()
print(x.grad[0])
tgt = torch.tensor([0.0, 0.5, 0.5])
inp = torch.tensor([-1.0, -0.5, -2.0], requires_grad=True)
l0 = F.kl_div(inp, tgt, reduction="sum")
l0.backward()
print(F.kl_div(inp, tgt, reduction="none"), l0, inp.grad)

# %% ld_poisson_nll_variants rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

rate = torch.tensor([0.0, 0.5, 2.0, 3.0, 1e-9], requires_grad=True)
k = torch.tensor([0.0, 1.0, 2.0, 5.0, 3.0])
for kw in [dict(log_input=True), dict(log_input=False), dict(log_input=False, eps=1e-2), dict(log_input=True, full=True), dict(log_input=False, full=True, eps=0.1)]:
    print(kw, F.poisson_nll_loss(rate, k, reduction="none", **kw).detach(), F.poisson_nll_loss(rate, k, reduction="sum", **kw).item())
loss = nn.PoissonNLLLoss(log_input=False, full=True)(rate, k)
loss.backward()
print(loss, rate.grad)
rate.grad = None
F.poisson_nll_loss(rate, k, log_input=True, full=True, reduction="sum").backward()
print(rate.grad, nn.PoissonNLLLoss(full=True, eps=1e-3))

# %% ld_gaussian_nll_var_shapes rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(7)
mu = torch.randn(4, 3, requires_grad=True)
y = torch.randn(4, 3)
var = (torch.rand(4, 3) + 0.1).requires_grad_()
crit = nn.GaussianNLLLoss()
for v in [var, var[:, :1], var[:, 0]]:
    print(tuple(v.shape), crit(mu, y, v).item(), F.gaussian_nll_loss(mu, y, v, reduction="none").shape)
loss = nn.GaussianNLLLoss(full=True, reduction="sum")(mu, y, var)
loss.backward()
print(loss, mu.grad[0], var.grad[0])
print(F.gaussian_nll_loss(mu[0], y[0], var[0]), F.gaussian_nll_loss(mu, y, torch.zeros(4, 3), eps=0.5))
var.grad = None
F.gaussian_nll_loss(mu, y, var * 0 + 1e-9, eps=1e-3).backward()
print(var.grad[0])
for bad in [lambda: F.gaussian_nll_loss(mu, y, var[:2]), lambda: F.gaussian_nll_loss(mu, y, -var),
            lambda: F.gaussian_nll_loss(mu, y, var, reduction="avg"), lambda: F.gaussian_nll_loss(mu, y, var[:, :2])]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_smooth_l1_huber_beta0_grad rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([0.0, 0.3, -0.5, 1.0, 2.5, -3.0], requires_grad=True)
y = torch.tensor([0.0, 0.0, 0.0, 0.0, 0.5, -1.0])
for crit in [nn.SmoothL1Loss(beta=0.0), nn.SmoothL1Loss(beta=1.0, reduction="none"), nn.HuberLoss(delta=0.5, reduction="none"), nn.HuberLoss(delta=2.0, reduction="sum")]:
    x.grad = None
    out = crit(x, y)
    out.sum().backward()
    print(crit, out.detach(), x.grad)
print(F.smooth_l1_loss(x, y, beta=0.0), F.l1_loss(x, y), F.huber_loss(x, y, delta=1.0), F.smooth_l1_loss(x, y))
for bad in [lambda: F.smooth_l1_loss(x, y, beta=-0.5), lambda: F.huber_loss(x, y, delta=0.0), lambda: F.huber_loss(x, y, delta=-1.0)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_margin_ranking_grad rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

a = torch.tensor([0.5, 1.0, -0.2, 0.8], requires_grad=True)
b = torch.tensor([0.3, 1.5, 0.4, 0.8], requires_grad=True)
y = torch.tensor([1.0, 1.0, -1.0, -1.0])
for r in ["mean", "sum", "none"]:
    print(r, nn.MarginRankingLoss(margin=0.1, reduction=r)(a, b, y).detach())
loss = F.margin_ranking_loss(a, b, y, margin=0.25)
loss.backward()
print(loss, a.grad, b.grad, loss.grad_fn.name())
print(F.margin_ranking_loss(a.view(2, 2), b.view(2, 2), y.view(2, 2), reduction="none"), F.margin_ranking_loss(a, b, torch.tensor(1.0).expand(4)))
try:
    F.margin_ranking_loss(a.view(2, 2), b, y)
except Exception as e:
    print(type(e).__name__, e)

# %% ld_hinge_embedding_grad rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

d = torch.tensor([[0.2, 1.5, 0.7], [2.0, 0.1, 0.9]], requires_grad=True)
y = torch.tensor([[1.0, -1.0, -1.0], [1.0, -1.0, 1.0]])
for r in ["mean", "sum", "none"]:
    print(r, nn.HingeEmbeddingLoss(margin=1.0, reduction=r)(d, y).detach())
loss = F.hinge_embedding_loss(d, y, margin=2.0)
loss.backward()
print(loss, d.grad)
print(F.hinge_embedding_loss(d, torch.zeros(2, 3), reduction="sum"), F.hinge_embedding_loss(d, -torch.ones(2, 3), margin=0.5, reduction="none"))

# %% ld_soft_margin_grad rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([[0.3, -2.0, 1.2], [50.0, -50.0, 0.0]], requires_grad=True)
y = torch.tensor([[1.0, -1.0, -1.0], [1.0, 1.0, -1.0]])
for r in ["mean", "sum", "none"]:
    print(r, nn.SoftMarginLoss(reduction=r)(x, y).detach())
loss = F.soft_margin_loss(x, y)
loss.backward()
print(loss, loss.grad_fn.name(), x.grad)
x.grad = None
F.soft_margin_loss(x, y[0], reduction="sum").backward()
print(F.soft_margin_loss(x, y[0], reduction="none"), F.soft_margin_loss(x, torch.tensor(-1.0)), x.grad)
print(F.soft_margin_loss(x.double(), y).dtype, F.soft_margin_loss(x, y.double()).dtype)
for bad in [lambda: F.soft_margin_loss(x[0], y), lambda: F.soft_margin_loss(x, y[:, :2])]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_multilabel_soft_margin_grad rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(8)
x = torch.randn(3, 4, requires_grad=True)
y = torch.tensor([[1.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 0.0]])
w = torch.tensor([1.0, 2.0, 0.5, 0.0])
for r in ["mean", "sum", "none"]:
    print(r, nn.MultiLabelSoftMarginLoss(weight=w, reduction=r)(x, y).detach(), F.multilabel_soft_margin_loss(x, y, reduction=r).detach())
loss = nn.MultiLabelSoftMarginLoss(weight=w)(x, y)
loss.backward()
print(loss, x.grad)
print(F.multilabel_soft_margin_loss(x[0], y[0]), list(nn.MultiLabelSoftMarginLoss(weight=w).state_dict()))

# %% ld_multilabel_margin_padding rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([[0.1, 0.2, 0.4, 0.8, -0.3], [1.0, 0.5, -1.0, 0.0, 0.2]], requires_grad=True)
y = torch.tensor([[3, 0, -1, 1, 2], [-1, 1, 2, 3, 4]])
for r in ["mean", "sum", "none"]:
    print(r, nn.MultiLabelMarginLoss(reduction=r)(x, y).detach())
loss = F.multilabel_margin_loss(x, y, reduction="sum")
loss.backward()
print(loss, x.grad)
print(F.multilabel_margin_loss(x[0], y[0], reduction="none"), F.multilabel_margin_loss(x, torch.tensor([[1, 1, -1, 0, 0], [4, 3, 2, 1, 0]])))
for bad in [lambda: F.multilabel_margin_loss(x, y.float()), lambda: F.multilabel_margin_loss(x, torch.full((2, 5), 5)), lambda: F.multilabel_margin_loss(x.view(1, 2, 5), y.view(1, 2, 5))]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_multi_margin_p_weight_grad rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(9)
x = torch.randn(4, 5, requires_grad=True)
t = torch.tensor([0, 4, 2, 2])
w = torch.tensor([1.0, 0.5, 2.0, 1.0, 3.0])
for kw in [dict(), dict(p=2), dict(margin=0.3), dict(weight=w), dict(p=2, margin=2.0, weight=w)]:
    print(kw, [F.multi_margin_loss(x, t, reduction=r, **kw).detach() for r in ["mean", "sum"]], F.multi_margin_loss(x, t, reduction="none", **kw).detach())
crit = nn.MultiMarginLoss(p=2, margin=0.5, weight=w)
loss = crit(x, t)
loss.backward()
print(loss.item(), x.grad, list(crit.state_dict()))
print(F.multi_margin_loss(x[0], t[0]).detach(), F.multi_margin_loss(x[1], torch.tensor([4]), reduction="none").detach(), F.multi_margin_loss(x[1], torch.tensor(4), reduction="none").detach())
for bad in [lambda: F.multi_margin_loss(x, t, p=3), lambda: nn.MultiMarginLoss(p=3), lambda: F.multi_margin_loss(x, torch.tensor([0, 5, 1, 1])),
            lambda: F.multi_margin_loss(x, t[:3]), lambda: F.multi_margin_loss(x, t.view(4, 1)), lambda: F.multi_margin_loss(x, t.float()),
            lambda: F.multi_margin_loss(x, t, weight=w[:4]), lambda: F.multi_margin_loss(x, t, weight=w.view(1, 5)), lambda: F.multi_margin_loss(x.view(2, 2, 5), t[:2])]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_cosine_embedding_grad rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(10)
a = torch.randn(4, 6, requires_grad=True)
b = torch.randn(4, 6, requires_grad=True)
y = torch.tensor([1.0, -1.0, 1.0, -1.0])
for r in ["mean", "sum", "none"]:
    print(r, nn.CosineEmbeddingLoss(margin=-0.2, reduction=r)(a, b, y).detach())
loss = F.cosine_embedding_loss(a, b, y, margin=0.1)
loss.backward()
print(loss, a.grad[1], b.grad[2])
print(F.cosine_embedding_loss(a[0], b[0], torch.tensor(1.0)), F.cosine_embedding_loss(a, a, torch.ones(4)), F.cosine_embedding_loss(a, -a, -torch.ones(4), margin=-1.0))
print(F.cosine_embedding_loss(a, b, torch.tensor([1.0, 0.0, 2.0, -1.0]), reduction="none"))
for bad in [lambda: F.cosine_embedding_loss(a, b[0], y), lambda: F.cosine_embedding_loss(a, b, y[:2]), lambda: F.cosine_embedding_loss(a[0], b[0], y),
            lambda: F.cosine_embedding_loss(a, b, y.view(2, 2)), lambda: F.cosine_embedding_loss(a[:, :3], b, y)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_triplet_swap_p_grad rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(11)
a, p, n = torch.randn(5, 4, requires_grad=True), torch.randn(5, 4), torch.randn(5, 4)
for kw in [dict(), dict(p=1), dict(p=3.0), dict(swap=True), dict(margin=2.0, swap=True, p=1)]:
    print(kw, [nn.TripletMarginLoss(reduction=r, **kw)(a, p, n).detach() for r in ["mean", "sum"]], F.triplet_margin_loss(a, p, n, reduction="none", **kw).detach())
loss = nn.TripletMarginLoss(margin=1.5, swap=True)(a, p, n)
loss.backward()
print(loss, a.grad)
print(F.triplet_margin_loss(a[0], p[0], n[0]), F.triplet_margin_loss(a, a.detach(), a.detach()))
for bad in [lambda: F.triplet_margin_loss(a, p[0], n), lambda: nn.TripletMarginLoss(margin=0.0), lambda: F.triplet_margin_loss(a, p, n[:, :3])]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_triplet_with_distance_custom rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(12)
a, p, n = torch.randn(4, 3, requires_grad=True), torch.randn(4, 3), torch.randn(4, 3)
l_inf = lambda u, v: (u - v).abs().max(dim=-1).values
cos = lambda u, v: 1.0 - F.cosine_similarity(u, v)
for fn in [None, l_inf, cos, nn.PairwiseDistance(p=1)]:
    crit = nn.TripletMarginWithDistanceLoss(distance_function=fn, margin=0.5)
    print(crit(a, p, n).detach(), nn.TripletMarginWithDistanceLoss(distance_function=fn, swap=True, reduction="none")(a, p, n).detach())
loss = F.triplet_margin_with_distance_loss(a, p, n, distance_function=cos, margin=0.3, swap=True, reduction="sum")
loss.backward()
print(loss, a.grad)
print(F.triplet_margin_with_distance_loss(a, p, n), nn.TripletMarginWithDistanceLoss(margin=2.0).margin)
for bad in [lambda: nn.TripletMarginWithDistanceLoss(margin=-1.0), lambda: F.triplet_margin_with_distance_loss(a, p, n, margin=0.0),
            lambda: F.triplet_margin_with_distance_loss(a, p[0], n), lambda: F.triplet_margin_with_distance_loss(a, p, n, reduction="avg")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_ctc_reductions_zero_inf_grad rtol=1e-4 atol=1e-5
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(13)
T, N, C = 6, 3, 5
logits = torch.randn(T, N, C, requires_grad=True)
targets = torch.tensor([[1, 2, 2], [3, 3, 3], [4, 1, 0]])
in_len = torch.tensor([6, 4, 5])
tg_len = torch.tensor([3, 3, 2])
lp = logits.log_softmax(2)
for r in ["none", "mean", "sum"]:
    print(r, F.ctc_loss(lp, targets, in_len, tg_len, reduction=r).detach(), F.ctc_loss(lp, targets, in_len, tg_len, reduction=r, zero_infinity=True).detach())
loss = nn.CTCLoss(zero_infinity=True)(lp, targets, in_len, tg_len)
loss.backward()
print(loss, logits.grad[:, 1].abs().sum(), logits.grad[0, 0], logits.grad[4, 2])
logits.grad = None
lp = logits.log_softmax(2)
inf_loss = F.ctc_loss(lp, targets, in_len, tg_len, reduction="sum")
inf_loss.backward()
print(inf_loss, logits.grad[:, 1].isnan().any().item(), logits.grad[:, 0].abs().sum())
print(F.ctc_loss(lp, targets.int(), in_len.int(), tg_len.int()), F.ctc_loss(lp, targets, [6, 6, 6], [0, 1, 2]))

# %% ld_regression_size_warnings rtol=1e-5 atol=1e-6
import warnings
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([[1.0], [2.0], [3.0]], requires_grad=True)
y = torch.tensor([1.5, 2.0, 2.5])
with warnings.catch_warnings(record=True) as rec:
    warnings.simplefilter("always")
    for fn in [F.mse_loss, F.l1_loss, F.smooth_l1_loss, F.huber_loss, nn.MSELoss(reduction="none")]:
        out = fn(x, y)
        print(out.shape, out.detach().sum())
print(len(rec), [str(m.message) for m in rec][:2], set(m.category.__name__ for m in rec))
loss = F.mse_loss(x, y)
loss.backward()
print(x.grad)
with warnings.catch_warnings(record=True) as rec:
    warnings.simplefilter("always")
    print(F.mse_loss(x.view(3), y), F.l1_loss(torch.tensor(2.0), y), len(rec))
for bad in [lambda: F.mse_loss(torch.ones(3, 2), torch.ones(3)), lambda: F.l1_loss(torch.ones(2, 3), torch.ones(3, 2)), lambda: F.huber_loss(torch.ones(4), torch.ones(3))]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_regression_dtypes rtol=1e-5 atol=1e-6
import torch
import torch.nn.functional as F

x = torch.tensor([0.5, 1.5, -1.0])
for tgt in [torch.tensor([1, 2, 0]), torch.tensor([1.0, 2.0, 0.0], dtype=torch.float64), torch.tensor([True, False, True])]:
    for fn in [F.mse_loss, F.l1_loss, F.smooth_l1_loss]:
        try:
            out = fn(x, tgt)
            print(fn.__name__, tgt.dtype, out.dtype, out)
        except Exception as e:
            print(fn.__name__, tgt.dtype, type(e).__name__, e)
print(F.mse_loss(x.double(), x.double() * 2).dtype, F.l1_loss(x.half(), x.half()).dtype, F.mse_loss(x.double(), torch.ones(3)).dtype)
i, j = torch.tensor([1, 2, 3]), torch.tensor([1, 2, 4])
for fn in [F.mse_loss, F.l1_loss, F.smooth_l1_loss, F.huber_loss, F.soft_margin_loss, F.kl_div]:
    for a, b in [(i, j), (i.bool(), j.bool()), (i.float(), j.bool()), (i.bool(), j.float())]:
        try:
            print(fn.__name__, fn(a, b, reduction="sum").dtype)
        except Exception as e:
            print(fn.__name__, type(e).__name__, e)

# %% ld_mse_l1_weight_arg rtol=1e-5 atol=1e-6
import torch
import torch.nn.functional as F

torch.manual_seed(14)
x = torch.randn(3, 4, requires_grad=True)
y = torch.randn(3, 4)
w = torch.rand(3, 4)
for fn in [F.mse_loss, F.l1_loss]:
    print(fn.__name__, [fn(x, y, weight=w, reduction=r).detach().sum() for r in ["mean", "sum", "none"]])
loss = F.mse_loss(x, y, weight=w)
loss.backward()
print(loss, x.grad[0])
x.grad = None
F.huber_loss(x, y, weight=w, delta=0.5).backward()
print(F.huber_loss(x, y, weight=w, delta=0.5), x.grad[1])
try:
    F.mse_loss(x, y, weight=w[0])
except Exception as e:
    print(type(e).__name__, e)

# %% ld_loss_double_backward rtol=1e-4 atol=1e-5
import torch
import torch.nn.functional as F

torch.manual_seed(15)
x = torch.randn(3, 4, requires_grad=True)
t = torch.tensor([1, 0, 3])
p = torch.rand(3, 4)
for name, fn in [("ce", lambda z: F.cross_entropy(z, t, label_smoothing=0.1)), ("ce_probs", lambda z: F.cross_entropy(z, p.softmax(1))),
                 ("bce_logits", lambda z: F.binary_cross_entropy_with_logits(z, p, pos_weight=torch.tensor([1.0, 2.0, 0.5, 1.0]))),
                 ("mse", lambda z: F.mse_loss(z, p)), ("kl", lambda z: F.kl_div(z.log_softmax(1), p.softmax(1), reduction="batchmean")),
                 ("soft_margin", lambda z: F.soft_margin_loss(z, p.round() * 2 - 1)), ("smooth_l1", lambda z: F.smooth_l1_loss(z, p, beta=0.5)),
                 ("poisson", lambda z: F.poisson_nll_loss(z, p * 3)), ("gauss", lambda z: F.gaussian_nll_loss(z, p, torch.ones(3, 4) * 0.5))]:
    (g,) = torch.autograd.grad(fn(x), x, create_graph=True)
    (gg,) = torch.autograd.grad((g * g).sum(), x)
    print(name, g[0].detach(), gg[1])

# %% ld_empty_batch_losses
import torch
import torch.nn.functional as F

x = torch.zeros(0, 3, requires_grad=True)
t = torch.zeros(0, dtype=torch.long)
y = torch.zeros(0, 3)
print(F.cross_entropy(x, t), F.cross_entropy(x, t, reduction="sum"), F.cross_entropy(x, t, reduction="none"))
print(F.nll_loss(x, t), F.mse_loss(x, y), F.mse_loss(x, y, reduction="sum"), F.l1_loss(x, y, reduction="none").shape)
print(F.binary_cross_entropy_with_logits(x, y), F.kl_div(x, y, reduction="sum"), F.smooth_l1_loss(x, y))
loss = F.cross_entropy(x, t, reduction="sum") + F.mse_loss(x, y, reduction="sum")
loss.backward()
print(x.grad.shape, loss)

# %% ld_nll_3d_sequence rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(16)
logits = torch.randn(2, 4, 5, requires_grad=True)
tags = torch.tensor([[0, 3, 1, -100, -100], [2, 2, 3, 1, 0]])
w = torch.tensor([1.0, 0.5, 2.0, 1.0])
crit = nn.CrossEntropyLoss(weight=w)
loss = crit(logits, tags)
loss.backward()
print(loss, logits.grad[0, :, 3], logits.grad[1, :, 0])
none = F.cross_entropy(logits, tags, reduction="none", weight=w)
print(none.shape, none, none.grad_fn.name())
print(F.nll_loss(F.log_softmax(logits, 1), tags, reduction="sum"), F.cross_entropy(logits.transpose(1, 2).reshape(-1, 4), tags.reshape(-1), weight=w))
try:
    crit(logits, tags[:, :4])
except Exception as e:
    print(type(e).__name__, e)

# %% ld_class_loss_grad_fn_names strict
import torch
import torch.nn.functional as F

for shape in [(4,), (2, 4), (2, 4, 3), (2, 4, 3, 2), (2, 4, 3, 2, 2)]:
    x = torch.zeros(shape, requires_grad=True)
    t = torch.zeros(shape[:1] + shape[2:] if len(shape) > 1 else (), dtype=torch.long)
    for r in ["none", "mean", "sum"]:
        outs = [F.cross_entropy(x, t, reduction=r), F.nll_loss(x, t, reduction=r), F.cross_entropy(x, t, reduction=r, label_smoothing=0.1)]
        print(shape, r, [type(o.grad_fn).__name__ for o in outs], tuple(outs[0].shape))
        sum(o.sum() for o in outs).backward()
    print(x.grad.flatten()[:4])

# %% ld_weighted_loss_grad_fn_names strict
import torch
import torch.nn.functional as F

x = torch.zeros(2, 3, requires_grad=True)
y = torch.ones(2, 3)
w = torch.full((2, 3), 0.5)
for r in ["none", "mean", "sum"]:
    print(r, [type(fn(x, y, weight=w, reduction=r).grad_fn).__name__ for fn in (F.mse_loss, F.l1_loss, F.huber_loss)],
          type(F.smooth_l1_loss(x, y, beta=0.0, reduction=r).grad_fn).__name__)

# %% ld_loss_module_buffers rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn

mods = [nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 3.0])), nn.NLLLoss(weight=torch.ones(3)), nn.BCELoss(weight=torch.ones(2, 3)),
        nn.BCEWithLogitsLoss(pos_weight=torch.tensor([2.0, 1.0, 1.0])), nn.MultiMarginLoss(weight=torch.ones(3)),
        nn.MultiLabelSoftMarginLoss(weight=torch.ones(3)), nn.CrossEntropyLoss(), nn.MSELoss()]
for m in mods:
    print(type(m).__name__, {k: tuple(v.shape) for k, v in m.state_dict().items()}, [n for n, _ in m.named_buffers()], len(list(m.parameters())))
ce = mods[0].double()
x = torch.tensor([[0.1, 0.9, -0.3], [1.0, -1.0, 0.5]], dtype=torch.float64, requires_grad=True)
loss = ce(x, torch.tensor([2, 1]))
loss.backward()
print(ce.weight.dtype, loss, x.grad)
ce.weight[0] = 10.0
print(ce(x, torch.tensor([0, 1])), ce.reduction, ce.ignore_index, ce.label_smoothing)
ce2 = nn.CrossEntropyLoss()
ce2.load_state_dict({})
print(ce2.weight, ce2.state_dict())

# %% ld_ctc_argument_errors
import torch
import torch.nn.functional as F

torch.manual_seed(17)
lp = torch.randn(5, 2, 4).log_softmax(2)
tg = torch.tensor([[1, 2], [3, 3]])
cases = [lambda: F.ctc_loss(lp, tg, [6, 5], [2, 2]), lambda: F.ctc_loss(lp, tg, [5, 5], [3, 2]), lambda: F.ctc_loss(lp, tg, [5], [2, 2]),
         lambda: F.ctc_loss(lp, tg.float(), [5, 5], [2, 2]), lambda: F.ctc_loss(lp, tg, [5, 5], [2, 2], blank=-1),
         lambda: F.ctc_loss(lp, tg, torch.tensor([5.0, 5.0]), torch.tensor([2, 2])), lambda: F.ctc_loss(lp, tg, [5, 5], [2, 2], reduction="avg"),
         lambda: F.ctc_loss(lp.double(), tg, [5, 5], [2, 2], reduction="sum")]
for c in cases:
    try:
        print(c())
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_gaussian_nll_float_var rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

mu = torch.tensor([[0.5, -1.0], [2.0, 0.0]], requires_grad=True)
y = torch.tensor([[0.0, -1.5], [1.0, 1.0]])
for v in [0.5, 2.0, torch.tensor(0.25), torch.tensor([0.5, 2.0]), torch.tensor([[0.5, 2.0]]), torch.tensor([[0.5], [2.0]]), torch.ones(1, 1)]:
    try:
        out = F.gaussian_nll_loss(mu, y, v)
        print(v, out.detach(), F.gaussian_nll_loss(mu, y, v, reduction="none").shape)
    except Exception as e:
        print(v, type(e).__name__, e)
loss = nn.GaussianNLLLoss(full=True)(mu, y, 0.3)
loss.backward()
print(loss, mu.grad)
img, tgt = torch.zeros(2, 3, 4, 4), torch.ones(2, 3, 4, 4)
print(F.gaussian_nll_loss(img, tgt, torch.full((2, 1, 4, 4), 0.5)), F.gaussian_nll_loss(img, tgt, torch.full((2, 3, 4, 1), 2.0), reduction="sum"))
for bad in [lambda: F.gaussian_nll_loss(mu, y, -1.0), lambda: F.gaussian_nll_loss(img, tgt, torch.ones(2, 1, 4, 1)), lambda: F.gaussian_nll_loss(img, tgt, -torch.ones(5)),
            lambda: F.gaussian_nll_loss(img, tgt, torch.ones(2, 3, 4, 4), reduction="batchmean")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_target_gradients rtol=1e-5 atol=1e-6
import torch
import torch.nn.functional as F

torch.manual_seed(18)
x = torch.randn(3, 4, requires_grad=True)
for name, make, fn in [("mse", lambda: torch.randn(3, 4), F.mse_loss), ("l1", lambda: torch.randn(3, 4), F.l1_loss),
                       ("smooth_l1", lambda: torch.randn(3, 4), lambda a, b: F.smooth_l1_loss(a, b, beta=0.5)),
                       ("kl", lambda: torch.rand(3, 4), lambda a, b: F.kl_div(a, b, reduction="batchmean")),
                       ("kl_log", lambda: torch.randn(3, 4), lambda a, b: F.kl_div(a, b, reduction="sum", log_target=True)),
                       ("bce", lambda: torch.rand(3, 4), lambda a, b: F.binary_cross_entropy(a.sigmoid(), b)),
                       ("bce_logits", lambda: torch.rand(3, 4), lambda a, b: F.binary_cross_entropy_with_logits(a, b, pos_weight=torch.tensor([2.0, 1.0, 0.5, 1.0]))),
                       ("ce_probs", lambda: torch.rand(3, 4).softmax(1), F.cross_entropy),
                       ("gauss", lambda: torch.randn(3, 4), lambda a, b: F.gaussian_nll_loss(a, b, torch.ones(3, 1))),
                       ("poisson", lambda: torch.rand(3, 4) * 3, F.poisson_nll_loss)]:
    t = make().requires_grad_()
    x.grad = None
    fn(x, t).backward()
    print(name, x.grad[0], t.grad[0])

# %% ld_ce_kdim_smoothing_ignore_none rtol=1e-5 atol=1e-6
import torch
import torch.nn.functional as F

torch.manual_seed(19)
x = torch.randn(2, 3, 4, requires_grad=True)
t = torch.tensor([[0, 2, -1, 1], [2, -1, -1, 0]])
w = torch.tensor([2.0, 1.0, 0.5])
none = F.cross_entropy(x, t, weight=w, ignore_index=-1, label_smoothing=0.2, reduction="none")
print(none.shape, none)
mean = F.cross_entropy(x, t, weight=w, ignore_index=-1, label_smoothing=0.2)
s = F.cross_entropy(x, t, weight=w, ignore_index=-1, label_smoothing=0.2, reduction="sum")
print(mean, s, none.sum())
mean.backward()
print(x.grad[0], x.grad[1, :, 1])
print(F.cross_entropy(x, torch.full((2, 4), -1), ignore_index=-1, label_smoothing=0.2), F.cross_entropy(x, torch.full((2, 4), -1), ignore_index=-1, label_smoothing=0.2, reduction="sum"))

# %% ld_nll_target_dtypes rtol=1e-5 atol=1e-6
import torch
import torch.nn as nn
import torch.nn.functional as F

logp = torch.log_softmax(torch.tensor([[0.5, 1.0, -0.5], [2.0, 0.0, 0.1]]), 1)
print(F.nll_loss(logp, torch.tensor([2, 0], dtype=torch.uint8)), F.cross_entropy(logp, torch.tensor([1, 1], dtype=torch.uint8)))
print(F.nll_loss(logp.double(), torch.tensor([2, 0])).dtype, F.cross_entropy(logp.double(), torch.tensor([2, 0]), weight=torch.ones(3, dtype=torch.float64)))
for bad in [lambda: F.nll_loss(logp, torch.tensor([2, 0], dtype=torch.int16)), lambda: F.cross_entropy(logp, torch.tensor([True, False])),
            lambda: F.binary_cross_entropy(torch.tensor([0.5], dtype=torch.float64), torch.tensor([1.0])),
            lambda: F.binary_cross_entropy_with_logits(torch.tensor([0.5]), torch.tensor([1])),
            lambda: nn.NLLLoss()(logp, torch.tensor([3, 0])), lambda: F.nll_loss(logp, torch.tensor([0, 1]), ignore_index=5, weight=torch.ones(2))]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

# %% ld_multilabel_soft_margin_shapes rtol=1e-5 atol=1e-6
import torch
import torch.nn.functional as F

torch.manual_seed(20)
x = torch.randn(2, 3, requires_grad=True)
y = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
for w in [None, torch.tensor([1.0, 2.0, 3.0]), torch.tensor([[1.0, 0.0, 1.0], [2.0, 2.0, 2.0]]), torch.tensor([[0.5], [1.5]])]:
    print(None if w is None else tuple(w.shape), F.multilabel_soft_margin_loss(x, y, weight=w).detach(), F.multilabel_soft_margin_loss(x, y, weight=w, reduction="none").detach())
loss = F.multilabel_soft_margin_loss(x, y, weight=torch.tensor([[0.5], [1.5]]), reduction="sum")
loss.backward()
print(loss, x.grad)
print(F.multilabel_soft_margin_loss(x[0], y[0], reduction="none"), F.multilabel_soft_margin_loss(x, torch.tensor([0.0, 1.0, 1.0])))
try:
    F.multilabel_soft_margin_loss(x, y[:, :2])
except Exception as e:
    print(type(e).__name__, e)
