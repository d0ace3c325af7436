"""Fixes found by the conformance programs in tests/conformance/programs/reductions_sorting.py.

Each case is one expression written against a module ``T`` (torch or autograd): the result, or the
exception's type and message, must be the same.
"""
import warnings

import numpy as np
import pytest

from oracle import assert_close, torch

import autograd

NAN, INF = float("nan"), float("inf")

CASES = {
    # dims: messages without an op prefix; all/any reduce nothing with dim=(), count_nonzero everything
    "sum_dup_dims": lambda T: T.ones(2, 3).sum((0, -2)),
    "amax_bad_dim": lambda T: T.ones(2, 3).amax((0, 5)),
    "all_empty_dims": lambda T: T.tensor([[0.0, 1.0], [2.0, 0.0]]).all(()),
    "any_empty_dims": lambda T: T.tensor([[0, 1], [2, 0]], dtype=T.uint8).any([]),
    "count_nonzero_empty_dims": lambda T: T.tensor([[0.0, 1.0], [2.0, 0.0]]).count_nonzero(()),
    # empty reductions
    "kthvalue_empty_dim": lambda T: T.empty(0, 3).kthvalue(1, 0),
    "mode_empty_dim": lambda T: T.empty(0, 3).mode(0),
    "mode_empty_other_dim": lambda T: T.empty(0, 3).mode(1).values,
    # quantile: torch's check order, 0-d q gives a 0-d result
    "quantile_0d_q": lambda T: T.tensor([1.0, 2.0, 4.0]).quantile(T.tensor(0.25)),
    "quantile_empty": lambda T: T.empty(2, 0).quantile(0.5, dim=0),
    "quantile_long_2d_q": lambda T: T.ones(3).long().quantile(T.ones(1, 1)),
    "quantile_q_dtype": lambda T: T.ones(3).quantile(T.ones(1, dtype=T.float64)),
    "quantile_interp_first": lambda T: T.empty(0).quantile(0.5, interpolation="x"),
    "quantile_dim_before_q_values": lambda T: T.ones(3).quantile(T.tensor([1.5]), dim=3),
    "quantile_nan_scalar_q": lambda T: T.ones(3).quantile(NAN),
    # unique
    "unique_nan_not_merged": lambda T: T.unique(T.tensor([NAN, 1.0, NAN]), return_inverse=True, return_counts=True),
    "unique_zero_sized_unselected": lambda T: T.unique(T.empty(0, 3), dim=1),
    # bincount / histc / histogram
    "bincount_minlength": lambda T: T.bincount(T.tensor([1, 2]), minlength=-1),
    "bincount_weights_len": lambda T: T.bincount(T.tensor([1, 2]), weights=T.ones(3)),
    "histc_bins": lambda T: T.histc(T.ones(3), bins=0),
    "histc_min_max": lambda T: T.histc(T.ones(3), bins=3, min=4, max=1),
    "histc_inf": lambda T: T.histc(T.tensor([1.0, INF])),
    "histogram_weight_shape": lambda T: T.histogram(T.ones(4), 2, weight=T.ones(3)),
    "histogram_weight_dtype": lambda T: T.histogram(T.ones(4), 2, weight=T.ones(4, dtype=T.float64)),
    "histogram_bins_dtype": lambda T: T.histogram(T.ones(4), T.tensor([0.0, 1.0], dtype=T.float64)),
    "histogram_bins_2d": lambda T: T.histogram(T.ones(4), T.ones(2, 2)),
    "histogram_range_inf": lambda T: T.histogram(T.ones(4), 2, range=(0.0, INF)),
    # index_* bounds (only index_fill takes negative indices)
    "index_add_negative": lambda T: T.zeros(3, 2).index_add(0, T.tensor([-1]), T.ones(1, 2)),
    "index_add_source_first": lambda T: T.zeros(3, 2).index_add(0, T.tensor([5]), T.ones(2, 2)),
    "index_select_negative": lambda T: T.zeros(3, 2).index_select(0, T.tensor([-1])),
    "index_fill_negative": lambda T: T.zeros(3, 2).index_fill(0, T.tensor([-1]), 1.0),
    "index_fill_out_of_range": lambda T: T.zeros(3, 2).index_fill(1, T.tensor([2]), 1.0),
    "index_fill_0d": lambda T: T.tensor(1.0).index_fill(0, T.tensor([0]), 9.0),
    # masks
    "masked_select_float_mask": lambda T: T.ones(3).masked_select(T.ones(3)),
    "masked_scatter_int_mask": lambda T: T.ones(3).masked_scatter(T.ones(3, dtype=T.int32), T.ones(3)),
    # diff
    "diff_0d": lambda T: T.diff(T.tensor(1.0)),
    "diff_negative_n": lambda T: T.diff(T.ones(3), n=-1),
    "diff_prepend_ndim": lambda T: T.diff(T.ones(2, 3), prepend=T.tensor(1.0)),
    "diff_append_shape": lambda T: T.diff(T.ones(2, 3), append=T.ones(3, 1)),
}


def _run(fn, T):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(T), None
    except Exception as e:  # noqa: BLE001 - the exception is the result compared
        return None, e


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_torch(name):
    theirs, terr = _run(CASES[name], torch)
    ours, oerr = _run(CASES[name], autograd)
    if terr is not None:
        assert oerr is not None, f"torch raised {type(terr).__name__}: {terr}; ours returned {ours}"
        assert type(oerr).__name__ == type(terr).__name__
        assert str(oerr).replace("autograd", "torch") == str(terr)
        return
    assert oerr is None, f"ours raised {type(oerr).__name__}: {oerr}"
    for o, t in zip(ours if isinstance(ours, tuple) else (ours,), theirs if isinstance(theirs, tuple) else (theirs,)):
        assert_close(o, t, check_dtype=True)
        assert np.array_equal(np.isnan(o.numpy()), np.isnan(t.numpy())) if t.dtype.is_floating_point else True


def test_index_fill_tensor_value_node_and_grads():
    for T in (torch, autograd):
        x = T.ones(3, 2, requires_grad=True)
        v = T.tensor(2.5, requires_grad=True)
        out = x.index_fill(1, T.tensor([1]), v)
        assert type(out.grad_fn).__name__ == "IndexFillBackward1"
        (out * T.arange(6.0).view(3, 2)).sum().backward()
        assert float(v.grad) == 9.0 and x.grad[:, 1].abs().sum() == 0
