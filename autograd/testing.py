"""``autograd.testing.assert_close`` (torch.testing): compare tensors, scalars and nested containers of them
with dtype-dependent default tolerances; raise AssertionError describing the first mismatch."""
import math
from collections.abc import Mapping, Sequence

import numpy as np

from . import _dtype
from .tensor import Tensor

__all__ = ["assert_close"]

_TOLS = {"float16": (1e-3, 1e-5), "float32": (1.3e-6, 1e-5), "float64": (1e-7, 1e-7)}


def _tols(dtype, rtol, atol):
    if (rtol is None) != (atol is None):
        raise ValueError(f"Both 'rtol' and 'atol' must be either specified or omitted, "
                         f"but got no {'rtol' if rtol is None else 'atol'}.")
    if rtol is not None:
        return rtol, atol
    return _TOLS.get(dtype.name, (0.0, 0.0))


def _fail(msg, default, where):
    if msg is not None:
        raise AssertionError(msg(default) if callable(msg) else msg)
    raise AssertionError(default + (f"\n\nThe failure occurred for item {where}" if where else ""))


def _compare_tensors(actual, expected, rtol, atol, equal_nan, check_dtype, msg, where):
    if actual.shape != expected.shape:
        _fail(msg, f"The values for attribute 'shape' do not match: {actual.shape} != {expected.shape}.", where)
    if check_dtype and actual.dtype is not expected.dtype:
        _fail(msg, f"The values for attribute 'dtype' do not match: {actual.dtype} != {expected.dtype}.", where)
    dt = actual.dtype if actual.dtype is expected.dtype else _dtype.promote_types(actual.dtype, expected.dtype)
    rtol, atol = _tols(dt, rtol, atol)
    a = actual.detach()._data.astype(dt.np)
    e = expected.detach()._data.astype(dt.np)
    if dt.is_floating_point:
        a64, e64 = a.astype(np.float64), e.astype(np.float64)
        with np.errstate(invalid="ignore"):
            ok = np.isclose(a64, e64, rtol=rtol, atol=atol, equal_nan=equal_nan) | (a64 == e64)
    else:
        a64, e64 = a.astype(np.int64), e.astype(np.int64)
        ok = np.abs(a64 - e64) <= atol + rtol * np.abs(e64)
    if ok.all():
        return
    bad = int((~ok).sum())
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):  # in the tensors' dtype, as torch
        abs_diff = np.abs(a - e) if dt.is_floating_point else np.abs(a64 - e64)
        rel_diff = (abs_diff / np.abs(e) if dt.is_floating_point else
                    abs_diff.astype(np.float32) / np.abs(e64).astype(np.float32))
    exact = rtol == 0 and atol == 0
    lines = [f"Tensor-likes are not {'equal' if exact else 'close'}!", "",
             f"Mismatched elements: {bad} / {ok.size} ({round(100 * bad / ok.size, 1)}%)"]
    for label, diff, tol in (("absolute", abs_diff, atol), ("relative", rel_diff, rtol)):
        masked = np.where(ok, -np.inf, np.nan_to_num(diff, nan=np.inf))
        idx = np.unravel_index(int(np.argmax(masked)), diff.shape) if diff.ndim else ()
        val = diff[idx].item()
        line = f"Greatest {label} difference: {val} at index {tuple(int(i) for i in idx)}"
        lines.append(line + ("" if exact else f" (up to {tol} allowed)"))
    _fail(msg, "\n".join(lines), where)


def _compare_scalars(actual, expected, rtol, atol, equal_nan, check_dtype, msg, where):
    if check_dtype and type(actual) is not type(expected):
        _fail(msg, f"The (d)types do not match: {type(actual)} != {type(expected)}.", where)
    dt = _dtype.float64 if isinstance(actual, float) or isinstance(expected, float) else _dtype.int64
    rtol, atol = _tols(dt, rtol, atol)
    if actual == expected or (equal_nan and math.isnan(actual) and math.isnan(expected)):
        return
    diff = abs(actual - expected)
    if diff <= atol + rtol * abs(expected):
        return
    exact = rtol == 0 and atol == 0
    rel = diff / abs(expected) if expected else math.inf
    lines = [f"Scalars are not {'equal' if exact else 'close'}!", "", f"Expected {expected} but got {actual}.",
             f"Absolute difference: {diff}" + ("" if exact else f" (up to {atol} allowed)"),
             f"Relative difference: {rel}" + ("" if exact else f" (up to {rtol} allowed)")]
    _fail(msg, "\n".join(lines), where)


def _walk(actual, expected, path, kw):
    where = "".join(f"[{p!r}]" for p in path)
    if isinstance(actual, Tensor) and isinstance(expected, Tensor):
        return _compare_tensors(actual, expected, where=where, **kw)
    if isinstance(actual, (bool, int, float)) and isinstance(expected, (bool, int, float)):
        return _compare_scalars(actual, expected, where=where, **kw)
    if isinstance(actual, Mapping) and isinstance(expected, Mapping):
        if set(actual) != set(expected):
            _fail(kw["msg"], f"The keys of the mappings do not match:\nMissing keys in the actual mapping: "
                             f"{sorted(set(expected) - set(actual))}\nAdditional keys in the actual mapping: "
                             f"{sorted(set(actual) - set(expected))}", where)
        for k in expected:
            _walk(actual[k], expected[k], path + [k], kw)
        return
    seq = lambda o: isinstance(o, Sequence) and not isinstance(o, str)  # noqa: E731
    if seq(actual) and seq(expected):
        if len(actual) != len(expected):
            _fail(kw["msg"], f"The length of the sequences mismatch: {len(actual)} != {len(expected)}", where)
        for i, (a, e) in enumerate(zip(actual, expected)):
            _walk(a, e, path + [i], kw)
        return
    raise TypeError(f"No comparison pair was able to handle inputs of type {type(actual)} and {type(expected)}.")


def assert_close(actual, expected, *, allow_subclasses=True, rtol=None, atol=None, equal_nan=False,
                 check_device=True, check_dtype=True, check_layout=True, check_stride=False, msg=None):
    """Raise AssertionError unless ``actual`` and ``expected`` are close (torch.testing.assert_close)."""
    _walk(actual, expected, [], dict(rtol=rtol, atol=atol, equal_nan=equal_nan, check_dtype=check_dtype,
                                     msg=msg))
