"""Serialization fixes found by the conformance sweep (tests/conformance/programs/serialization.py)."""
import argparse
import collections
import enum
import io
import pickle
import warnings

import numpy as np
import pytest

import autograd
from autograd import _warn, serialization


def round_trip(obj, **load_kwargs):
    buf = io.BytesIO()
    autograd.save(obj, buf)
    buf.seek(0)
    return autograd.load(buf, **load_kwargs)


class Color(enum.IntEnum):
    RED = 1


def test_as_strided_views_keep_sharing_storage():
    base = autograd.zeros(4, 4)
    row, diag = round_trip((base[1], base.diagonal()))
    assert diag.stride() == (5,)
    row.fill_(1.0)
    assert diag.tolist() == [0.0, 1.0, 0.0, 0.0]


def test_weights_only_types_keep_their_type():
    obj = {"c": collections.Counter("aab"), "ba": bytearray(b"xy"), "z": complex(1, float("inf")), "s": {1, "a"},
           "b": b"q"}
    back = round_trip(obj, weights_only=True)
    assert {k: type(v) for k, v in back.items()} == {k: type(v) for k, v in obj.items()}
    assert back == obj


@pytest.mark.parametrize("obj", [collections.defaultdict(list, a=[1]), Color.RED, frozenset([1]), range(3)])
def test_types_torch_refuses_need_weights_only_false(obj):
    with pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
        round_trip(obj)
    back = round_trip(obj, weights_only=False)
    assert type(back) is type(obj) and back == obj


def test_callable_map_location_is_called_per_storage():
    x = autograd.arange(4.0)
    seen = []

    def ml(storage, loc):
        seen.append((type(storage).__name__, loc, storage.nbytes()))
        return storage
    a, v, i = round_trip([x, x[1:], autograd.ones(2, dtype=autograd.int64)], map_location=ml)
    assert seen == [("UntypedStorage", "cpu", 16), ("UntypedStorage", "cpu", 16)]
    assert v.tolist() == [1.0, 2.0, 3.0] and i.dtype == autograd.int64
    assert round_trip(x, map_location=lambda s, loc: None).tolist() == x.tolist()


@pytest.mark.parametrize("ml", ["cuda", "cuda:0", {"cpu": "cuda:1"}])
def test_map_location_to_cuda_is_a_runtime_error(ml):
    with pytest.raises(RuntimeError, match="CUDA device but torch.cuda.is_available"):
        round_trip(autograd.ones(1), map_location=ml)
    assert round_trip(autograd.ones(1), map_location={"cuda:0": "cpu"}).tolist() == [1.0]


def test_safe_globals_allowlist():
    buf = io.BytesIO()
    autograd.save({"args": argparse.Namespace(lr=0.1), "w": autograd.ones(1)}, buf)
    buf.seek(0)
    assert serialization.get_unsafe_globals_in_checkpoint(buf) == ["argparse.Namespace"]
    buf.seek(0)
    with pytest.raises(pickle.UnpicklingError, match="argparse.Namespace was not an allowed global"):
        autograd.load(buf)
    with serialization.safe_globals([argparse.Namespace]):
        buf.seek(0)
        assert autograd.load(buf)["args"].lr == 0.1
        buf.seek(0)
        assert serialization.get_unsafe_globals_in_checkpoint(buf) == []
    assert serialization.get_safe_globals() == []
    serialization.add_safe_globals([(argparse.Namespace, "argparse.Namespace")])
    try:
        buf.seek(0)
        assert autograd.load(buf, weights_only=True)["w"].tolist() == [1.0]
    finally:
        serialization.clear_safe_globals()
    assert serialization.get_safe_globals() == []


def test_protocol_2_python2_names_are_mapped():
    buf = io.BytesIO()
    autograd.save({"r": range(3)}, buf, pickle_protocol=2)
    buf.seek(0)
    assert serialization.get_unsafe_globals_in_checkpoint(buf) == ["builtins.range"]


def test_loaded_tensors_have_version_one():
    import nn
    d = round_trip({"t": autograd.ones(2), "p": nn.Parameter(autograd.zeros(1)), "v": autograd.arange(3.0)[1:]})
    assert {k: v._version for k, v in d.items()} == {"t": 1, "p": 1, "v": 1}
    assert type(d["p"]).__name__ == "Parameter" and d["p"].requires_grad


def test_from_numpy_negative_strides_and_read_only(monkeypatch):
    with pytest.raises(ValueError, match="negative"):
        autograd.from_numpy(np.arange(4.0)[::-1])
    with pytest.raises(ValueError, match="negative"):
        autograd.as_tensor(np.arange(4.0)[::-1])
    assert autograd.tensor(np.arange(3.0)[::-1]).tolist() == [2.0, 1.0, 0.0]
    monkeypatch.setattr(_warn, "_given", set())
    ro = np.arange(3.0)
    ro.setflags(write=False)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        autograd.from_numpy(ro)
        autograd.from_numpy(ro)
    assert [type(x.message) for x in w] == [UserWarning]


def test_untyped_storage_of_as_strided_views():
    b = autograd.zeros(4, 4)
    d = b.diagonal(offset=1)
    assert d.untyped_storage().nbytes() == 64 and d.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()
    assert autograd.arange(10.0).unfold(0, 4, 2).untyped_storage().nbytes() == 40
