# Exception types users hit with nn / optim / data (compared by type only).

# %% err_nn_types
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

def attempt(label, fn):
    try:
        fn()
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__)

lin = nn.Linear(4, 2)
attempt("linear_shape", lambda: lin(torch.ones(3, 5)))
attempt("linear_dtype", lambda: lin(torch.ones(3, 4, dtype=torch.float64)))
attempt("linear_int", lambda: lin(torch.ones(3, 4, dtype=torch.long)))
attempt("conv_channels", lambda: nn.Conv2d(3, 4, 3)(torch.ones(1, 2, 8, 8)))
attempt("conv_small", lambda: nn.Conv2d(1, 1, 5)(torch.ones(1, 1, 3, 3)))
attempt("conv_3d_input", lambda: nn.Conv2d(1, 1, 3)(torch.ones(8, 8)))
attempt("embedding_oob", lambda: nn.Embedding(5, 2)(torch.tensor([5])))
attempt("embedding_float", lambda: nn.Embedding(5, 2)(torch.tensor([1.0])))
attempt("ce_float_target", lambda: F.cross_entropy(torch.ones(2, 3), torch.tensor([0.0, 1.0])))
attempt("ce_batch_mismatch", lambda: F.cross_entropy(torch.ones(2, 3), torch.tensor([0, 1, 2])))
attempt("ce_class_oob", lambda: F.cross_entropy(torch.ones(2, 3), torch.tensor([0, 3])))
attempt("nll_1d_target", lambda: F.nll_loss(torch.ones(2, 3), torch.tensor([[0], [1]])))
attempt("bce_size", lambda: F.binary_cross_entropy(torch.full((2, 1), 0.5), torch.ones(2)))
attempt("bce_range", lambda: F.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.0])))
attempt("mse_broadcast", lambda: F.mse_loss(torch.ones(2, 3), torch.ones(4)))
attempt("optim_nonleaf", lambda: torch.optim.SGD([torch.ones(2, requires_grad=True) * 2], lr=0.1))
attempt("optim_tensor_params", lambda: torch.optim.SGD(torch.ones(2, requires_grad=True), lr=0.1))
attempt("optim_dup", lambda: torch.optim.SGD([lin.weight, lin.weight], lr=0.1))
attempt("loader_bs0", lambda: DataLoader(TensorDataset(torch.ones(3)), batch_size=0))
attempt("loader_sampler_shuffle", lambda: DataLoader(TensorDataset(torch.ones(3)), shuffle=True, sampler=[0, 1]))
attempt("dataset_len", lambda: TensorDataset(torch.ones(3), torch.ones(4)))
attempt("lstm_2d_batch", lambda: nn.LSTM(3, 4)(torch.ones(2, 2, 5)))
attempt("lstm_h0_shape", lambda: nn.LSTM(3, 4)(torch.ones(2, 2, 3), (torch.zeros(1, 3, 4), torch.zeros(1, 3, 4))))
attempt("bn_channels", lambda: nn.BatchNorm1d(3)(torch.ones(4, 5)))
attempt("bn_single_train", lambda: nn.BatchNorm1d(3)(torch.ones(1, 3)))
attempt("maxpool_big", lambda: nn.MaxPool2d(4)(torch.ones(1, 1, 2, 2)))
attempt("sequential_index", lambda: nn.Sequential(nn.ReLU())[3])
attempt("module_bad_child", lambda: nn.Sequential().add_module("a.b", nn.ReLU()))
attempt("param_non_tensor", lambda: setattr(lin, "weight", torch.ones(2, 4)))
attempt("moduledict_key", lambda: nn.ModuleDict({"a": nn.ReLU()})["b"])
attempt("dropout_p", lambda: nn.Dropout(1.5))
attempt("reduction", lambda: F.mse_loss(torch.ones(2), torch.ones(2), reduction="avg"))
attempt("softmax_dim", lambda: F.softmax(torch.ones(2, 3), dim=2))
attempt("view_size", lambda: torch.ones(6).view(4, -1))
attempt("pad_too_big", lambda: F.pad(torch.ones(1, 1, 2), (3, 3), mode="reflect"))
attempt("one_hot_neg", lambda: F.one_hot(torch.tensor([-1])))
attempt("grad_non_scalar_loss", lambda: (lin(torch.ones(1, 4))).backward())
attempt("no_grad_backward", lambda: torch.ones(2).sum().backward())
attempt("sched_not_optim", lambda: torch.optim.lr_scheduler.StepLR(lin, 1))
