"""autograd.amp: GradScaler follows torch.amp.GradScaler (scaling, inf-skip, growth/backoff); autocast no-op."""
import warnings

import numpy as np
import pytest

import autograd
import nn
import optim
from oracle import torch


def _run(lib, nnmod, optmod):
    model = nnmod.Linear(2, 1)
    with lib.no_grad():
        model.weight.copy_(lib.tensor([[0.5, -0.25]]))
        model.bias.fill_(0.1)
    opt = optmod.Adam(model.parameters(), lr=0.05)
    scaler = lib.amp.GradScaler("cpu", init_scale=256.0, growth_interval=3)
    x = lib.tensor([[1.0, 2.0], [3.0, -1.0]])
    out = []
    for step in range(8):
        opt.zero_grad()
        loss = model(x).pow(2).mean() * (float("inf") if step in (2, 5) else 1.0)
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()
        out.append((scaler.get_scale(), scaler._get_growth_tracker(), model.weight.detach().numpy().copy()))
    return out


def test_grad_scaler_matches_torch():
    ours = _run(autograd, nn, optim)
    theirs = _run(torch, torch.nn, torch.optim)
    for (s1, g1, w1), (s2, g2, w2) in zip(ours, theirs):
        assert (s1, g1) == (s2, g2)
        np.testing.assert_allclose(w1, w2, rtol=1e-5, atol=1e-7)


def test_disabled_and_cuda_paths():
    with pytest.warns(UserWarning, match="CUDA is not available"):
        s = autograd.amp.GradScaler()
    assert not s.is_enabled() and s.get_scale() == 1.0 and s.state_dict() == {}
    t = autograd.ones(2)
    assert s.scale(t) is t
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with autograd.autocast("cpu", enabled=False):
            pass
    with pytest.warns(UserWarning):
        with autograd.amp.autocast("cuda"):
            pass
    x = autograd.ones(2, 2)
    with pytest.warns(UserWarning, match="own dtype"):
        with autograd.autocast("cpu"):  # runs, in float32 (documented difference)
            assert (x @ x).dtype == autograd.float32
    with pytest.raises(RuntimeError, match="unsupported autocast device_type"):
        autograd.autocast("tpu")
