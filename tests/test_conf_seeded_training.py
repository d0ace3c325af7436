"""Seeded-training fixes found by tests/conformance/programs/seeded_training.py, checked against PyTorch:
dropout with p=0 draws nothing, RReLU's training noise is torch's stream, and TransformerEncoder's inference
nested-tensor path zeroes padded positions."""
import numpy as np
import pytest

import autograd
import nn
import nn.functional as F
from oracle import assert_close, to_ours, torch  # noqa: F401  (torch: import-or-skip)


def test_dropout_p0_returns_input_and_draws_nothing():
    x = autograd.ones(3, 4, requires_grad=True)
    autograd.manual_seed(0)
    assert F.dropout(x, 0.0) is x and nn.Dropout(0.0)(x) is x and F.dropout2d(x.view(1, 3, 2, 2), 0.0).grad_fn
    torch.manual_seed(0)
    assert_close(autograd.rand(3), torch.rand(3))
    assert F.dropout(x, 0.5).grad_fn.name() == "MulBackward0"


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_rrelu_training_matches_torch_stream(dtype):
    autograd.manual_seed(3)
    torch.manual_seed(3)
    xo = autograd.randn(6, 7, dtype=getattr(autograd, dtype), requires_grad=True)
    xt = torch.randn(6, 7, dtype=getattr(torch, dtype), requires_grad=True)
    yo, yt = F.rrelu(xo, 0.1, 0.3, training=True), torch.nn.functional.rrelu(xt, 0.1, 0.3, training=True)
    assert_close(yo, yt, rtol=1e-6, atol=1e-7)
    yo.sum().backward()
    yt.sum().backward()
    assert_close(xo.grad, xt.grad, rtol=1e-6, atol=1e-7)
    assert_close(autograd.rand(2), torch.rand(2))  # same number of draws
    with pytest.raises(NotImplementedError):
        F.rrelu(autograd.randn(3, dtype=autograd.float16), training=True)


def _encoders(**kw):
    autograd.manual_seed(0)
    torch.manual_seed(0)
    ours = nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, batch_first=True), 2, **kw)
    theirs = torch.nn.TransformerEncoder(torch.nn.TransformerEncoderLayer(8, 2, 16, batch_first=True), 2, **kw)
    return ours.eval(), theirs.eval()


@pytest.mark.parametrize("enable", [True, False])
def test_encoder_eval_padding_like_torch_nested_path(enable):
    ours, theirs = _encoders(enable_nested_tensor=enable)
    assert ours.use_nested_tensor == theirs.use_nested_tensor == enable
    x = np.random.default_rng(0).standard_normal((3, 4, 8)).astype(np.float32)
    pad = np.array([[0, 0, 1, 1], [0, 0, 0, 0], [0, 0, 0, 1]], bool)
    with autograd.no_grad():
        a = ours(autograd.tensor(x), src_key_padding_mask=autograd.tensor(pad))
    with torch.no_grad():
        b = theirs(torch.tensor(x), src_key_padding_mask=torch.tensor(pad))
    assert_close(a, b, rtol=1e-4, atol=1e-5)
    assert (a.numpy()[pad] == 0).all() == enable
    # with gradients needed, torch takes the ordinary path: padded rows are computed
    c = ours(autograd.tensor(x), src_key_padding_mask=autograd.tensor(pad))
    assert c.requires_grad and not (c.detach().numpy()[pad] == 0).all()


def test_encoder_nested_disabled_warns_like_torch():
    with pytest.warns(UserWarning, match="num_heads is odd"):
        enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 1, 16, batch_first=True), 1)
    assert enc.use_nested_tensor is False and enc.enable_nested_tensor is True
