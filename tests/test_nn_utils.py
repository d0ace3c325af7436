"""nn.utils: clip_grad_norm_ / clip_grad_value_ / parameters_to_vector / vector_to_parameters vs torch."""
import math

import numpy as np
import pytest

from oracle import assert_close, to_ours, torch

import autograd
import nn
from nn.utils import clip_grad_norm_, clip_grad_value_, parameters_to_vector, vector_to_parameters

tutils = torch.nn.utils


def _params_with_grads(scale=1.0, dtype=np.float32):
    shapes = [(3, 4), (5,), (2, 2, 2)]
    ours, theirs = [], []
    for s in shapes:
        w, g = np.random.randn(*s).astype(dtype), (np.random.randn(*s) * scale).astype(dtype)
        p = nn.Parameter(autograd.from_numpy(w.copy()))
        p.grad = autograd.from_numpy(g.copy())
        q = torch.nn.Parameter(torch.from_numpy(w.copy()))
        q.grad = torch.from_numpy(g.copy())
        ours.append(p)
        theirs.append(q)
    return ours, theirs


@pytest.mark.parametrize("norm_type", [2.0, 1, 3.5, math.inf, "inf"])
@pytest.mark.parametrize("max_norm", [0.5, 1e6])
def test_clip_grad_norm_matches_torch(norm_type, max_norm):
    o, t = _params_with_grads(scale=2.0)
    no = clip_grad_norm_(o, max_norm, norm_type=norm_type)
    nt = tutils.clip_grad_norm_(t, max_norm, norm_type=norm_type)
    assert_close(no, nt, rtol=1e-5)
    for p, q in zip(o, t):
        assert_close(p.grad, q.grad, rtol=1e-5, atol=1e-7)


def test_clip_grad_norm_edge_cases():
    o, t = _params_with_grads(dtype=np.float64)
    o[1].grad = None
    t[1].grad = None
    assert_close(clip_grad_norm_(iter(o), 0.1), tutils.clip_grad_norm_(iter(t), 0.1))
    p = nn.Parameter(autograd.ones(3))
    assert clip_grad_norm_(p, 1.0).item() == 0.0  # no grads at all: norm 0
    p.grad = autograd.tensor([float("nan"), 1.0, 1.0])
    q = torch.nn.Parameter(torch.ones(3))
    q.grad = torch.tensor([float("nan"), 1.0, 1.0])
    with pytest.raises(RuntimeError) as a:
        tutils.clip_grad_norm_(q, 1.0, error_if_nonfinite=True)
    with pytest.raises(RuntimeError) as b:
        clip_grad_norm_(p, 1.0, error_if_nonfinite=True)
    assert str(a.value) == str(b.value)
    assert math.isnan(clip_grad_norm_(p, 1.0).item())
    g = p.grad
    assert g is p.grad  # clipped in place


def test_clip_grad_value():
    o, t = _params_with_grads(scale=3.0)
    assert clip_grad_value_(o, 1.5) is None
    tutils.clip_grad_value_(t, 1.5)
    for p, q in zip(o, t):
        assert_close(p.grad, q.grad)
        assert np.abs(p.grad.numpy()).max() <= 1.5


def test_parameters_vector_roundtrip():
    lin_o, lin_t = nn.Linear(3, 2), torch.nn.Linear(3, 2)
    lin_o.load_state_dict({k: to_ours(v) for k, v in lin_t.state_dict().items()})
    vo = parameters_to_vector(lin_o.parameters())
    vt = tutils.parameters_to_vector(lin_t.parameters())
    assert_close(vo, vt)
    assert vo.requires_grad and vo.shape == (8,)
    (vo * autograd.arange(8, dtype=autograd.float32)).sum().backward()
    assert lin_o.weight.grad.numpy().ravel().tolist() == list(range(6))
    new = autograd.arange(8, dtype=autograd.float32)
    vector_to_parameters(new, lin_o.parameters())
    tutils.vector_to_parameters(torch.arange(8, dtype=torch.float32), lin_t.parameters())
    assert_close(lin_o.weight, lin_t.weight)
    assert_close(lin_o.bias, lin_t.bias)
    assert isinstance(lin_o.weight, nn.Parameter)
    with pytest.raises(TypeError, match="expected torch.Tensor"):
        vector_to_parameters([1.0], lin_o.parameters())
