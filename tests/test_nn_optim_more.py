"""Layers and losses added or fixed alongside the nn_optim_more conformance programs, held against PyTorch."""
import numpy as np
import pytest

from oracle import assert_close, to_torch, torch

import autograd
import nn
import nn.functional as F

rng = np.random.default_rng(0)


def _pair(shape, dtype=np.float64):
    ours = autograd.from_numpy(rng.standard_normal(shape).astype(dtype)).requires_grad_(True)
    return ours, to_torch(ours)


@pytest.mark.parametrize("groups", [1, 2, 3, 6])
def test_channel_shuffle_values_and_grads(groups):
    x, tx = _pair((2, 6, 3, 2))
    y, ty = F.channel_shuffle(x, groups), torch.nn.functional.channel_shuffle(tx, groups)
    assert type(y.grad_fn).__name__ == type(ty.grad_fn).__name__
    assert_close(y, ty)
    w = rng.standard_normal(y.shape)
    (y * autograd.from_numpy(w)).sum().backward()
    (ty * torch.from_numpy(w)).sum().backward()
    assert_close(x.grad, tx.grad)
    assert autograd.gradcheck(lambda t: F.channel_shuffle(t, groups), (x,))


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("batched", [True, False])
def test_multilabel_margin_loss(reduction, batched):
    x, tx = _pair((4, 5) if batched else (5,))
    y = rng.integers(-1, 5, (4, 5) if batched else (5,))
    ours = F.multilabel_margin_loss(x, autograd.from_numpy(y), reduction=reduction)
    theirs = torch.nn.functional.multilabel_margin_loss(tx, torch.from_numpy(y), reduction=reduction)
    assert type(ours.grad_fn).__name__ == type(theirs.grad_fn).__name__
    assert_close(ours, theirs)
    g = rng.standard_normal(ours.shape)
    ours.backward(autograd.from_numpy(g))
    theirs.backward(torch.from_numpy(g))
    assert_close(x.grad, tx.grad)


@pytest.mark.parametrize("mode", ["sum", "mean", "max"])
@pytest.mark.parametrize("padding_idx", [None, 2])
def test_embedding_bag_single_node(mode, padding_idx):
    w, tw = _pair((6, 3))
    idx = np.array([0, 2, 4, 1, 3, 2, 2, 5])
    off = np.array([0, 3, 3, 6])
    psw = tpsw = None
    if mode == "sum":
        psw, tpsw = _pair((8,))
    ours = F.embedding_bag(autograd.from_numpy(idx), w, autograd.from_numpy(off), mode=mode,
                           per_sample_weights=psw, padding_idx=padding_idx)
    theirs = torch.nn.functional.embedding_bag(torch.from_numpy(idx), tw, torch.from_numpy(off), mode=mode,
                                               per_sample_weights=tpsw, padding_idx=padding_idx)
    assert type(ours.grad_fn).__name__ == type(theirs.grad_fn).__name__ == "EmbeddingBagBackward0"
    assert_close(ours, theirs)
    g = rng.standard_normal(ours.shape)
    ours.backward(autograd.from_numpy(g))
    theirs.backward(torch.from_numpy(g))
    assert_close(w.grad, tw.grad)
    if psw is not None:
        assert_close(psw.grad, tpsw.grad)


def test_rnn_cell_shape_errors_match_torch():
    cases = [(lambda m, t: m(t.ones(2, 4)), "LSTMCell"),
             (lambda m, t: m(t.ones(2, 3), (t.zeros(2, 5), t.zeros(3, 5))), "LSTMCell"),
             (lambda m, t: m(t.ones(2, 3), t.zeros(2, 4)), "GRUCell"),
             (lambda m, t: m(t.ones(3), t.zeros(4)), "RNNCell")]
    for fn, name in cases:
        msgs = []
        for lib, mod in [(autograd, nn), (torch, torch.nn)]:
            with pytest.raises(RuntimeError) as info:
                fn(getattr(mod, name)(3, 5), lib)
            msgs.append(str(info.value))
        assert msgs[0] == msgs[1]


@pytest.mark.parametrize("shape,tshape,weight", [((2, 3, 4, 5), (2, 4, 1), None), ((2, 3, 4, 5), (2, 4), None),
                                                 ((2, 3, 4, 5), (2, 4, 5), 4), ((2, 3, 4), (2, 4), 4),
                                                 ((2, 3, 4, 5), (2, 4, 1), 4)])
def test_nll_loss_spatial_errors_match_torch(shape, tshape, weight):
    msgs = []
    for lib, fn in [(autograd, F.nll_loss), (torch, torch.nn.functional.nll_loss)]:
        w = None if weight is None else lib.ones(weight)
        with pytest.raises(RuntimeError) as info:
            fn(lib.zeros(shape), lib.zeros(tshape, dtype=lib.int64), weight=w)
        msgs.append(str(info.value))
    assert msgs[0] == msgs[1]
