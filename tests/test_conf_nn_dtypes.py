"""Dtype rules of nn layers against torch: which input/parameter dtype mixes each layer accepts on CPU, the
result dtype when it does, and torch's exception type and message when it does not."""
import itertools

import numpy as np
import pytest

from oracle import torch

import autograd
import nn.functional as F

TF = torch.nn.functional
DTYPES = ["float64", "float32", "float16", "int64", "int32", "uint8", "bool"]
FLOATS = ["float64", "float32", "float16"]


def _outcome(fn):
    try:
        return str(fn().dtype).split(".")[-1]
    except Exception as e:  # noqa: BLE001 - the exception itself is what is compared
        return f"{type(e).__name__}: {e}".replace("autograd.", "torch.")


def _both(build):
    """``build(lib, functional, dtype_of)`` run with torch and with ours; the outcomes must agree."""
    theirs = _outcome(lambda: build(torch, TF, lambda n: getattr(torch, n)))
    ours = _outcome(lambda: build(autograd, F, lambda n: getattr(autograd, n)))
    assert ours == theirs


@pytest.mark.parametrize("xd,wd,bias", itertools.product(DTYPES, FLOATS, [True, False]))
def test_conv2d_dtype_mix(xd, wd, bias):
    _both(lambda L, Fn, d: Fn.conv2d(L.ones(1, 2, 4, 4, dtype=d(xd)), L.ones(3, 2, 2, 2, dtype=d(wd)),
                                    L.ones(3, dtype=d(wd)) if bias else None))


@pytest.mark.parametrize("op,xd,bias", itertools.product(["conv1d", "conv3d", "conv_transpose1d", "conv_transpose2d"],
                                                         ["float64", "int64", "bool"], [True, False]))
def test_other_convs_dtype_mix(op, xd, bias):
    nd = int(op[-2])
    transposed = "transpose" in op
    wshape = (2, 3) if transposed else (3, 2)
    _both(lambda L, Fn, d: getattr(Fn, op)(L.ones((1, 2) + (4,) * nd, dtype=d(xd)), L.ones(wshape + (2,) * nd),
                                           L.ones(3) if bias else None))


@pytest.mark.parametrize("xd,bias", itertools.product(DTYPES, [True, False]))
def test_linear_dtype_mix(xd, bias):
    _both(lambda L, Fn, d: Fn.linear(L.ones(2, 3, dtype=d(xd)), L.ones(2, 3), L.ones(2) if bias else None))


@pytest.mark.parametrize("xd,pd,training", itertools.product(FLOATS, FLOATS, [True, False]))
def test_batch_norm_dtype_mix(xd, pd, training):
    _both(lambda L, Fn, d: Fn.batch_norm(L.ones(2, 3, dtype=d(xd)), L.zeros(3, dtype=d(pd)), L.ones(3, dtype=d(pd)),
                                        L.ones(3, dtype=d(pd)), L.zeros(3, dtype=d(pd)), training))


@pytest.mark.parametrize("op,xd,pd", itertools.product(["layer_norm", "group_norm"], FLOATS + ["int64"], FLOATS))
def test_layer_group_norm_dtype_mix(op, xd, pd):
    def build(L, Fn, d):
        x, w = L.ones(2, 3, dtype=d(xd)), L.ones(3, dtype=d(pd))
        return Fn.layer_norm(x, (3,), w, w) if op == "layer_norm" else Fn.group_norm(x, 1, w, w)
    _both(build)


@pytest.mark.parametrize("name", ["elu", "selu", "celu", "leaky_relu", "gelu", "silu", "mish", "softplus",
                                  "hardswish", "hardsigmoid", "logsigmoid", "softshrink", "hardshrink", "glu",
                                  "relu6", "hardtanh", "relu"])
@pytest.mark.parametrize("xd", ["int64", "int32", "float16"])
def test_activation_integer_inputs(name, xd):
    _both(lambda L, Fn, d: getattr(Fn, name)(L.tensor([-2, 0, 1, 3]).to(d(xd))))


def test_threshold_and_hardtanh_integer_values():
    x = np.array([-3, 0, 5, 9])
    assert F.threshold(autograd.tensor(x), 0.5, 7.9).tolist() == TF.threshold(torch.tensor(x), 0.5, 7.9).tolist()
    assert F.hardtanh(autograd.tensor(x), -1.5, 6.5).tolist() == TF.hardtanh(torch.tensor(x), -1.5, 6.5).tolist()


@pytest.mark.parametrize("xd", ["int64", "int16", "uint8", "bool", "float64"])
def test_embedding_index_dtypes(xd):
    _both(lambda L, Fn, d: Fn.embedding(L.tensor([1, 0]).to(d(xd)), L.ones(3, 2)))


@pytest.mark.parametrize("mode,nd,xd", [(m, 2, x) for m in ["nearest", "bilinear", "bicubic", "area"]
                                        for x in ["uint8", "int64", "bool"]]
                         + [(m, n, x) for m in ["nearest", "linear", "trilinear"] for n in (1, 3)
                            for x in ["uint8", "int32"] if (m, n) != ("linear", 3) and (m, n) != ("trilinear", 1)])
def test_interpolate_integer_inputs(mode, nd, xd):
    _both(lambda L, Fn, d: Fn.interpolate(L.ones((1, 2) + (3,) * nd, dtype=d(xd)), scale_factor=2, mode=mode))


def test_interpolate_uint8_values_within_one():
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, (1, 3, 7, 9)).astype(np.uint8)
    for mode in ["bilinear", "bicubic"]:
        ours = F.interpolate(autograd.from_numpy(img), size=(11, 5), mode=mode).numpy().astype(int)
        theirs = TF.interpolate(torch.from_numpy(img), size=(11, 5), mode=mode).numpy().astype(int)
        assert np.abs(ours - theirs).max() <= 2  # torch computes in fixed point


@pytest.mark.parametrize("pool", ["max_pool1d", "adaptive_max_pool1d", "adaptive_max_pool2d", "adaptive_avg_pool1d"])
def test_pool_integer_inputs(pool):
    _both(lambda L, Fn, d: getattr(Fn, pool)(L.arange(16).reshape(1, 2, 8) if "1d" in pool
                                            else L.arange(16).reshape(1, 1, 4, 4), 2))


@pytest.mark.parametrize("xd,p", [("int64", 0.5), ("bool", 0.5), ("int64", 1.0), ("float16", 0.0)])
def test_dropout_integer_inputs(xd, p):
    _both(lambda L, Fn, d: Fn.dropout(L.arange(4).to(d(xd)), p))


@pytest.mark.parametrize("xd,td", [("float32", "float64"), ("float64", "float32"), ("float16", "float32")])
def test_huber_loss_takes_input_dtype(xd, td):
    _both(lambda L, Fn, d: Fn.huber_loss(L.ones(3, dtype=d(xd)), L.ones(3, dtype=d(td)) * 2))


def test_module_to_copy_and_legacy_type():
    import nn
    m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
    with pytest.raises(RuntimeError, match=r"\.to\(\) does not accept copy argument"):
        m.to(autograd.float64, copy=False)
    with pytest.raises(RuntimeError, match="copy argument"):
        m.to(autograd.float64, False, True)
    m.type(autograd.DoubleTensor)
    assert m[0].weight.dtype is autograd.float64 and m[1].num_batches_tracked.dtype is autograd.float64
