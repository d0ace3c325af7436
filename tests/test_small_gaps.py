"""Small parity gaps against PyTorch: MultiheadAttention.merge_masks, TransformerEncoderLayer's
activation_relu_or_gelu, and out= corner cases (index dtypes, where with numbers, *_out result types)."""
import numpy as np
import pytest

from tests.oracle import assert_close, to_torch, torch

import autograd
import nn


def _raises_like(ours, theirs):
    with pytest.raises(Exception) as t:
        theirs()
    with pytest.raises(type(t.value)) as o:
        ours()
    assert str(o.value) == str(t.value)


# ---- MultiheadAttention.merge_masks ---------------------------------------------------------------
@pytest.mark.parametrize("attn", [None, "2d", "3d"])
@pytest.mark.parametrize("pad", [None, "bool", "float"])
def test_merge_masks_matches_torch(attn, pad):
    rng = np.random.default_rng(0)
    b, s, e, h = 2, 3, 4, 2
    q = autograd.tensor(rng.standard_normal((b, s, e)).astype(np.float32))
    am = {None: None, "2d": rng.random((s, s)) > 0.5, "3d": rng.standard_normal((b * h, s, s)).astype(np.float32)}[attn]
    kp = {None: None, "bool": rng.random((b, s)) > 0.5, "float": rng.standard_normal((b, s)).astype(np.float32)}[pad]
    if attn == "3d" and pad == "bool":
        kp = kp.astype(np.float32)
    ours = nn.MultiheadAttention(e, h, batch_first=True).merge_masks(
        None if am is None else autograd.tensor(am), None if kp is None else autograd.tensor(kp), q)
    theirs = torch.nn.MultiheadAttention(e, h, batch_first=True).merge_masks(
        None if am is None else torch.tensor(am), None if kp is None else torch.tensor(kp), to_torch(q))
    assert ours[1] == theirs[1]
    if theirs[0] is None:
        assert ours[0] is None
    else:
        assert_close(ours[0], theirs[0])


# ---- TransformerEncoderLayer.activation_relu_or_gelu ----------------------------------------------
@pytest.mark.parametrize("which", ["relu", "gelu", "ReLU", "GELU", "F.relu", "F.gelu", "tanh"])
def test_activation_relu_or_gelu(which):
    def pick(lib, F, tanh):
        return {"relu": "relu", "gelu": "gelu", "ReLU": lib.ReLU(), "GELU": lib.GELU(), "F.relu": F.relu,
                "F.gelu": F.gelu, "tanh": tanh}[which]
    ours = nn.TransformerEncoderLayer(4, 2, 8, activation=pick(nn, nn.functional, autograd.tanh))
    theirs = torch.nn.TransformerEncoderLayer(4, 2, 8, activation=pick(torch.nn, torch.nn.functional, torch.tanh))
    assert ours.activation_relu_or_gelu == theirs.activation_relu_or_gelu
    assert hasattr(nn.TransformerDecoderLayer(4, 2, 8), "activation_relu_or_gelu") == \
        hasattr(torch.nn.TransformerDecoderLayer(4, 2, 8), "activation_relu_or_gelu")


# ---- out= corner cases --------------------------------------------------------------------------
@pytest.mark.parametrize("fn", ["argmax", "argmin"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "int32", "int16", "uint8", "bool"])
def test_arg_extreme_out_must_be_long(fn, dtype):
    x = np.array([0.5, -1.0, 2.0], dtype=np.float32)
    def call(lib):
        return getattr(lib, fn)(lib.tensor(x), out=lib.empty((), dtype=getattr(lib, dtype)))
    _raises_like(lambda: call(autograd), lambda: call(torch))
    o = autograd.empty(0, dtype=autograd.int64)
    assert getattr(autograd, fn)(autograd.tensor(x), dim=0, out=o) is o
    assert o.item() == getattr(torch, fn)(torch.tensor(x), dim=0).item()


@pytest.mark.parametrize("fn", ["max", "min", "sort"])
def test_indices_out_must_be_long(fn):
    x = np.array([[0.5, -1.0], [2.0, 3.0]], dtype=np.float32)
    _raises_like(lambda: getattr(autograd, fn)(autograd.tensor(x), 1, out=(autograd.empty(0), autograd.empty(0))),
                 lambda: getattr(torch, fn)(torch.tensor(x), 1, out=(torch.empty(0), torch.empty(0))))


@pytest.mark.parametrize("args", [(1.0, 0.0), ("x", 0.0), (1.0, "x"), (2, "x")])
def test_where_out_with_numbers_is_type_error(args):
    x = np.array([0.5, -1.0, 2.0], dtype=np.float32)

    def call(lib):
        t = lib.tensor(x)
        a, b = (t if v == "x" else v for v in args)
        return lib.where(t > 0, a, b, out=lib.empty(3))
    _raises_like(lambda: call(autograd), lambda: call(torch))


def test_where_out_with_tensors_still_works():
    x = np.array([0.5, -1.0, 2.0], dtype=np.float32)
    o = autograd.empty(3)
    t = autograd.tensor(x)
    assert autograd.where(t > 0, t, -t, out=o) is o
    tx = torch.tensor(x)
    assert_close(o, torch.where(tx > 0, tx, -tx))


@pytest.mark.parametrize("fn,args", [("max", (1,)), ("min", (1,)), ("sort", (1,)), ("topk", (1,)),
                                     ("cummax", (1,)), ("kthvalue", (1,))])
def test_tuple_out_returns_out_named_tuple(fn, args):
    x = np.array([[0.5, -1.0], [2.0, 3.0]], dtype=np.float32)
    outs = (autograd.empty(0), autograd.empty(0, dtype=autograd.int64))
    res = getattr(autograd, fn)(autograd.tensor(x), *args, out=outs)
    tres = getattr(torch, fn)(torch.tensor(x), *args, out=(torch.empty(0), torch.empty(0, dtype=torch.int64)))
    assert type(res).__name__ == type(tres).__name__
    assert res._fields == ("values", "indices")
    assert res[0] is outs[0] and res.indices is outs[1]
    assert_close(res.values, tres.values)
    assert_close(res.indices, tres.indices)
