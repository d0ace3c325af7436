"""Printing fixes found by tests/conformance/programs/tensor_printing.py, held against PyTorch."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from oracle import torch

import autograd
import nn


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, str(e).replace("torch.", "autograd.")
    return None


@pytest.mark.parametrize("case", ["finfo_int", "iinfo_float", "iinfo_bool", "finfo_str", "iinfo_none"])
def test_info_errors_match_torch(case):
    args = {"finfo_int": ("finfo", "int32"), "iinfo_float": ("iinfo", "float32"), "iinfo_bool": ("iinfo", "bool"),
            "finfo_str": ("finfo", "str"), "iinfo_none": ("iinfo", None)}[case]
    fn, dt = args

    def call(lib):
        arg = "float32" if dt == "str" else (None if dt is None else getattr(lib, dt))
        return lambda: getattr(lib, fn)(arg)
    assert _err(call(autograd)) == _err(call(torch))


def test_info_equality_and_class_name():
    assert autograd.finfo(autograd.float32) == autograd.finfo(autograd.float32)
    assert autograd.finfo(autograd.float32) != autograd.finfo(autograd.float64)
    assert autograd.iinfo(autograd.int8) == autograd.iinfo(autograd.int8)
    assert autograd.iinfo(autograd.int8) != autograd.iinfo(autograd.uint8)
    with pytest.raises(TypeError):
        hash(autograd.finfo())
    assert repr(type(autograd.finfo())) == repr(type(torch.finfo())).replace("torch", "autograd")
    assert repr(autograd.iinfo) == repr(torch.iinfo).replace("torch", "autograd")


def test_return_types_structseq_protocol():
    r = autograd.tensor([[1.0, 3.0], [2.0, 0.0]]).max(1)
    assert (r.n_fields, r.n_sequence_fields, r.n_unnamed_fields) == (2, 2, 0)
    built = autograd.return_types.max((r.values, r.indices))
    assert built.values is r.values and built.indices is r.indices
    assert autograd.return_types.topk(r.values, r.indices).indices is r.indices  # internal positional form
    assert _err(lambda: autograd.return_types.sort((r.values,))) == _err(lambda: torch.return_types.sort((torch.ones(1),)))


@given(st.floats(-1e6, 1e6, allow_nan=False, width=32), st.sampled_from(["", ".3f", "e", "10.2f"]))
@settings(max_examples=15, deadline=None)
def test_parameter_format_is_object_format(v, spec):
    ours, theirs = nn.Parameter(autograd.tensor(v)), torch.nn.Parameter(torch.tensor(v))
    if spec:
        assert _err(lambda: format(ours, spec)) == _err(lambda: format(theirs, spec))
    else:
        assert format(ours, spec) == format(theirs, spec).replace("torch.", "autograd.")
    assert format(autograd.tensor(v), spec) == format(torch.tensor(v), spec)  # plain 0-d tensors: the number


def test_module_repr_blank_lines():
    def make(lib):
        class B(lib.Module):
            def extra_repr(self):
                return "x=1\n"
        return [lib.Sequential(B()), lib.ModuleList([B(), B()]), lib.Sequential(lib.Sequential(B()))]
    for ours, theirs in zip(make(nn), make(torch.nn)):
        assert repr(ours) == repr(theirs)


def test_triplet_with_distance_default_distance_module():
    ours, theirs = nn.TripletMarginWithDistanceLoss(), torch.nn.TripletMarginWithDistanceLoss()
    assert repr(ours) == repr(theirs)
    rng = np.random.default_rng(0)
    a, p, n = (rng.standard_normal((4, 3)).astype(np.float32) for _ in range(3))
    got = ours(*(autograd.tensor(x) for x in (a, p, n))).item()
    want = theirs(*(torch.tensor(x) for x in (a, p, n))).item()
    assert got == pytest.approx(want, rel=1e-5)
