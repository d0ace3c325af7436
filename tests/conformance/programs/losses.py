# Loss functions as scripts use them (module and functional forms, reductions, weights).

# %% cross_entropy_variants
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(0)
logits = torch.tensor(rng.standard_normal((6, 4)).astype(np.float32), requires_grad=True)
y = torch.tensor([0, 3, 1, 1, 2, 0])
for crit in [nn.CrossEntropyLoss(), nn.CrossEntropyLoss(reduction="sum"), nn.CrossEntropyLoss(reduction="none"),
             nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 0.5, 1.0])), nn.CrossEntropyLoss(ignore_index=1),
             nn.CrossEntropyLoss(label_smoothing=0.1)]:
    loss = crit(logits, y)
    print(loss.detach())
loss = F.cross_entropy(logits, y)
loss.backward()
print(logits.grad[0], loss.item())
probs = torch.softmax(torch.tensor(rng.standard_normal((6, 4)).astype(np.float32)), 1)
print(F.cross_entropy(logits, probs).item(), F.nll_loss(F.log_softmax(logits, 1), y), nn.NLLLoss(reduction="sum")(torch.log_softmax(logits, 1), y))
seg = torch.tensor(rng.standard_normal((2, 3, 4, 4)).astype(np.float32))
print(F.cross_entropy(seg, torch.from_numpy(rng.integers(0, 3, (2, 4, 4)))))
try:
    F.cross_entropy(logits, y.float()[:3])
except (RuntimeError, ValueError) as e:
    print(type(e).__name__)

# %% regression_losses
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(1)
pred = torch.tensor(rng.standard_normal((5, 3)).astype(np.float32), requires_grad=True)
target = torch.tensor(rng.standard_normal((5, 3)).astype(np.float32))
for crit in [nn.MSELoss(), nn.MSELoss(reduction="sum"), nn.L1Loss(), nn.SmoothL1Loss(), nn.SmoothL1Loss(beta=0.5),
             nn.HuberLoss(delta=0.7), nn.MSELoss(reduction="none")]:
    print(crit, crit(pred, target).detach())
loss = F.mse_loss(pred, target)
loss.backward()
print(pred.grad.sum(0), F.l1_loss(pred, target, reduction="sum").item(), F.smooth_l1_loss(pred, target), F.huber_loss(pred, target))

# %% binary_losses
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(2)
logits = torch.tensor(rng.standard_normal((4, 3)).astype(np.float32), requires_grad=True)
targets = torch.from_numpy(rng.integers(0, 2, (4, 3)).astype(np.float32))
print(nn.BCEWithLogitsLoss()(logits, targets), nn.BCEWithLogitsLoss(pos_weight=torch.tensor([1.0, 2.0, 3.0]))(logits, targets))
print(nn.BCELoss()(torch.sigmoid(logits), targets), F.binary_cross_entropy(torch.sigmoid(logits), targets, reduction="sum"))
print(F.binary_cross_entropy_with_logits(logits, targets, weight=torch.tensor([0.5, 1.0, 2.0]), reduction="none"))
loss = F.binary_cross_entropy_with_logits(logits, targets)
loss.backward()
print(logits.grad)
print(F.binary_cross_entropy(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 1.0])))

# %% distribution_losses
import torch
import torch.nn as nn
import torch.nn.functional as F
import numpy as np

rng = np.random.default_rng(3)
p_logits = torch.tensor(rng.standard_normal((3, 5)).astype(np.float32), requires_grad=True)
q = torch.softmax(torch.tensor(rng.standard_normal((3, 5)).astype(np.float32)), dim=1)
kl = nn.KLDivLoss(reduction="batchmean")
print(kl(F.log_softmax(p_logits, 1), q).item(), F.kl_div(F.log_softmax(p_logits, 1), q, reduction="sum").item())
print(F.kl_div(F.log_softmax(p_logits, 1), q.log(), reduction="batchmean", log_target=True).item())
loss = kl(F.log_softmax(p_logits / 2.0, dim=1), q) * 4.0
loss.backward()
print(p_logits.grad.sum(1).abs().max() < 1e-6, p_logits.grad[0])
print(nn.SoftMarginLoss()(p_logits[:, 0], torch.tensor([1.0, -1.0, 1.0])) if hasattr(nn, "SoftMarginLoss") else None)

# %% margin_and_similarity
import torch
import torch.nn as nn
import torch.nn.functional as F

a = torch.tensor([[1.0, 0.0, 1.0], [0.5, 2.0, -1.0]])
b = torch.tensor([[1.0, 1.0, 0.0], [-0.5, 2.0, 1.0]])
print(F.cosine_similarity(a, b), F.cosine_similarity(a, b, dim=0), nn.CosineSimilarity(dim=1)(a, b))
print(F.pairwise_distance(a, b), torch.cdist(a, b), F.normalize(a, p=2, dim=1))
print(nn.MarginRankingLoss(margin=0.5)(a[:, 0], b[:, 0], torch.tensor([1.0, -1.0])))
print(nn.CosineEmbeddingLoss()(a, b, torch.tensor([1.0, -1.0])), nn.TripletMarginLoss()(a, b, b.flip(0)))
print(nn.HingeEmbeddingLoss()(a, torch.tensor([[1.0, -1.0, 1.0], [-1.0, 1.0, 1.0]])))

# %% nll_poisson_gaussian
import torch
import torch.nn as nn
import torch.nn.functional as F

inp = torch.tensor([0.5, 1.0, 2.0])
tgt = torch.tensor([1.0, 0.0, 3.0])
print(F.poisson_nll_loss(inp, tgt), nn.GaussianNLLLoss()(inp, tgt, torch.ones(3)), nn.MultiMarginLoss()(inp.view(1, 3), torch.tensor([2])))
print(nn.MultiLabelSoftMarginLoss()(inp.view(1, 3), torch.tensor([[1.0, 0.0, 1.0]])))

# %% loss_grad_fn_names strict
import torch
import torch.nn.functional as F
import numpy as np

x = torch.tensor(np.random.default_rng(0).standard_normal((3, 4)).astype(np.float32), requires_grad=True)
t = torch.tensor(np.random.default_rng(1).random((3, 4)).astype(np.float32))
y = torch.tensor([0, 1, 2])
for r in ["none", "mean", "sum"]:
    losses = [F.l1_loss(x, t, reduction=r), F.mse_loss(x, t, reduction=r), F.smooth_l1_loss(x, t, reduction=r),
              F.huber_loss(x, t, reduction=r), F.kl_div(x, t, reduction=r), F.binary_cross_entropy(x.sigmoid(), t, reduction=r),
              F.binary_cross_entropy_with_logits(x, t, reduction=r), F.cross_entropy(x, y, reduction=r),
              F.cross_entropy(x, y, label_smoothing=0.1, reduction=r), F.cross_entropy(x, t, reduction=r),
              F.nll_loss(x, y, reduction=r), F.margin_ranking_loss(x, t, torch.ones(3, 4), reduction=r),
              F.soft_margin_loss(x, torch.ones(3, 4), reduction=r)]
    print(r, [type(l.grad_fn).__name__ for l in losses])
print(F.kl_div(x, t, reduction="batchmean"))
