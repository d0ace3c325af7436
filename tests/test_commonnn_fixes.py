"""Library fixes found by the common_nn sweep (tests/commonnn/harness.py), each held against torch."""
import warnings

import pytest

import autograd
import nn
import nn.functional as F
from autograd import _warn
from oracle import torch


def _messages(fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fn()
    return [str(w.message).split(" (Triggered internally")[0] for w in caught if w.category is UserWarning]


@pytest.fixture
def fresh_once():
    """torch warns once per process (forced to every time here); ours forgets it has warned."""
    always = torch.is_warn_always_enabled()
    torch.set_warn_always(True)
    _warn._given.discard("conv_padding_same")
    yield
    torch.set_warn_always(always)


@pytest.mark.parametrize("nd, kernel, dilation, kwargs", [
    (1, 4, 1, {}),                                   # total padding 3: asymmetric
    (1, 3, 1, {}),                                   # symmetric
    (1, 4, 2, {}),                                   # dilation 2 makes the total even
    (2, (3, 4), 1, {}),
    (2, (3, 4), (1, 2), {}),
    (3, (2, 3, 4), 1, {}),
    (1, 4, 1, {"padding_mode": "reflect"}),          # the module pads itself: no notice
    (2, (3, 4), 1, {"padding_mode": "circular"}),
])
def test_padding_same_asymmetric_notice_as_torch(fresh_once, nd, kernel, dilation, kwargs):
    shape = (2, 3) + (7,) * nd
    x = torch.randn(shape)
    name = f"Conv{nd}d"
    expected = _messages(lambda: getattr(torch.nn, name)(3, 2, kernel, padding="same", dilation=dilation, **kwargs)(x))
    ours = _messages(lambda: getattr(nn, name)(3, 2, kernel, padding="same", dilation=dilation, **kwargs)(
        autograd.tensor(x.numpy())))
    assert ours == expected


def test_padding_same_notice_is_given_once(fresh_once):
    x, w = autograd.randn(1, 2, 8), autograd.randn(3, 2, 4)
    assert len(_messages(lambda: F.conv1d(x, w, padding="same"))) == 1
    assert _messages(lambda: F.conv1d(x, w, padding="same")) == []


def test_set_warn_always_repeats_warn_once_warnings():
    """torch.set_warn_always: warnings normally given once per process are given every time."""
    x = autograd.randn(1, 2, 8)
    conv = nn.Conv1d(2, 2, 4, padding="same")
    assert not autograd.is_warn_always_enabled()
    autograd.set_warn_always(True)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            conv(x)
            conv(x)
        assert sum("padding='same'" in str(w.message) for w in caught) == 2
    finally:
        autograd.set_warn_always(False)
