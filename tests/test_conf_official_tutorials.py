"""Fixes found by tests/conformance/programs/official_tutorials.py: range indices, torch.accelerator,
the CPU float32 LSTM output's grad_fn name."""
import pytest

import autograd
import nn
from oracle import torch, to_torch, assert_close  # noqa: F401  (import-or-skip torch)


def test_range_index_like_list():
    x = autograd.arange(12.).reshape(3, 4)
    t = torch.arange(12.).reshape(3, 4)
    assert_close(x[range(3), autograd.tensor([0, 1, 2])], t[range(3), torch.tensor([0, 1, 2])])
    assert_close(x[range(1, 3)], t[range(1, 3)])
    assert tuple(x[range(0)].shape) == tuple(t[range(0)].shape)
    x[range(2)] = 0
    t[range(2)] = 0
    assert_close(x, t)


def test_accelerator_probe():
    assert autograd.accelerator.is_available() is torch.accelerator.is_available() is False
    assert autograd.accelerator.current_accelerator() is None
    assert autograd.accelerator.device_count() == 0
    with pytest.raises(RuntimeError, match="Cannot access accelerator"):
        autograd.accelerator.synchronize()


@pytest.mark.parametrize("kwargs,dtype,name", [
    ({}, "float32", "MkldnnRnnLayerBackward0"),
    ({"num_layers": 2}, "float32", "MkldnnRnnLayerBackward0"),
    ({"bidirectional": True}, "float32", "CatBackward0"),
    ({}, "float64", "StackBackward0"),
    ({"proj_size": 2}, "float32", "StackBackward0"),
])
def test_lstm_output_grad_fn_name(kwargs, dtype, name):
    m = nn.LSTM(3, 3, **kwargs).to(getattr(autograd, dtype))
    out, (h, c) = m(autograd.randn(4, 2, 3, dtype=getattr(autograd, dtype)))
    assert type(out.grad_fn).__name__ == name
    assert type(h.grad_fn).__name__ == "StackBackward0"
    out.sum().backward()
    assert m.weight_hh_l0.grad is not None
