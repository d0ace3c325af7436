"""PyTorch-identical printing of tensors: a port of ``torch/_tensor_str.py`` onto NumPy arrays.

Same formatter (int / fixed / scientific mode chosen from the non-zero finite values), same
summarisation (``...`` past ``threshold`` elements), same line wrapping and suffix placement.
"""
import contextlib
import math

import numpy as np

PRINT_OPTIONS = {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80, "sci_mode": None}


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None):
    """Set print options (as torch.set_printoptions); ``sci_mode`` is reset to None unless given."""
    if profile == "default":
        PRINT_OPTIONS.update(precision=4, threshold=1000, edgeitems=3, linewidth=80)
    elif profile == "short":
        PRINT_OPTIONS.update(precision=2, threshold=1000, edgeitems=2, linewidth=80)
    elif profile == "full":
        PRINT_OPTIONS.update(precision=4, threshold=math.inf, edgeitems=3, linewidth=80)
    for k, v in (("precision", precision), ("threshold", threshold), ("edgeitems", edgeitems),
                 ("linewidth", linewidth)):
        if v is not None:
            PRINT_OPTIONS[k] = v
    PRINT_OPTIONS["sci_mode"] = sci_mode


def get_printoptions():
    return dict(PRINT_OPTIONS)


@contextlib.contextmanager
def printoptions(**kwargs):
    old = get_printoptions()
    set_printoptions(**kwargs)
    try:
        yield
    finally:
        set_printoptions(**old)


class _Formatter:
    """Chooses one format (and column width) for every element of the (summarised) tensor."""

    def __init__(self, values):
        self.floating = values.dtype.kind == "f"
        self.int_mode = True
        self.sci_mode = False
        self.max_width = 1
        p = PRINT_OPTIONS["precision"]
        flat = values.reshape(-1)
        if not self.floating:
            for v in flat.tolist():
                self.max_width = max(self.max_width, len(str(v)))
            return
        nz = flat[np.isfinite(flat) & (flat != 0)]
        if nz.size == 0:
            return
        absd = np.abs(nz).astype(np.float64)
        nmin, nmax = absd.min(), absd.max()
        self.int_mode = bool(np.all(nz == np.ceil(nz)))
        sci = PRINT_OPTIONS["sci_mode"]
        self.sci_mode = (nmax / nmin > 1000.0 or nmax > 1.0e8 or nmin < 1.0e-4) if sci is None else sci
        vals = nz.astype(np.float64).tolist()
        if self.sci_mode:
            width = max(len(f"{v:.{p}e}") for v in vals)
        elif self.int_mode:
            width = max(len(f"{v:.0f}") + 1 for v in vals)
        else:
            width = max(len(f"{v:.{p}f}") for v in vals)
        self.max_width = max(self.max_width, width)

    def format(self, value):
        p = PRINT_OPTIONS["precision"]
        if self.floating:
            if self.sci_mode:
                ret = f"{value:{self.max_width}.{p}e}"
            elif self.int_mode:
                ret = f"{value:.0f}"
                if not (math.isinf(value) or math.isnan(value)):
                    ret += "."
            else:
                ret = f"{value:.{p}f}"
        else:
            ret = f"{value}"
        return (self.max_width - len(ret)) * " " + ret


def _summarized_data(arr):
    edge = PRINT_OPTIONS["edgeitems"]
    if arr.ndim == 0:
        return arr
    if arr.ndim == 1:
        return np.concatenate([arr[:edge], arr[-edge:]]) if arr.shape[0] > 2 * edge else arr
    if not edge:
        return np.empty((0,) * arr.ndim, arr.dtype)
    rows = list(arr[:edge]) + list(arr[-edge:]) if arr.shape[0] > 2 * edge else list(arr)
    return np.stack([_summarized_data(r) for r in rows])


def _as_python(arr):
    return arr.astype(np.float64).tolist() if arr.dtype.kind == "f" else arr.tolist()


def _vector_str(arr, indent, summarize, fmt):
    edge = PRINT_OPTIONS["edgeitems"]
    per_line = max(1, math.floor((PRINT_OPTIONS["linewidth"] - indent) / (fmt.max_width + 2)))
    if summarize and not edge:
        data = ["..."]
    elif summarize and arr.shape[0] > 2 * edge:
        data = ([fmt.format(v) for v in _as_python(arr[:edge])] + [" ..."] +
                [fmt.format(v) for v in _as_python(arr[-edge:])])
    else:
        data = [fmt.format(v) for v in _as_python(arr)]
    lines = [", ".join(data[i:i + per_line]) for i in range(0, len(data), per_line)]
    return "[" + ("," + "\n" + " " * (indent + 1)).join(lines) + "]"


def _tensor_str_with_formatter(arr, indent, summarize, fmt):
    if arr.ndim == 0:
        return fmt.format(_as_python(arr))
    if arr.ndim == 1:
        return _vector_str(arr, indent, summarize, fmt)
    edge = PRINT_OPTIONS["edgeitems"]
    n = arr.shape[0]
    if summarize and n > 2 * edge:
        slices = ([_tensor_str_with_formatter(arr[i], indent + 1, summarize, fmt) for i in range(edge)] + ["..."] +
                  [_tensor_str_with_formatter(arr[i], indent + 1, summarize, fmt) for i in range(n - edge, n)])
    else:
        slices = [_tensor_str_with_formatter(arr[i], indent + 1, summarize, fmt) for i in range(n)]
    return "[" + ("," + "\n" * (arr.ndim - 1) + " " * (indent + 1)).join(slices) + "]"


def _tensor_str(arr, indent):
    if arr.size == 0:
        return "[]"
    summarize = arr.size > PRINT_OPTIONS["threshold"]
    fmt = _Formatter(_summarized_data(arr) if summarize else arr)
    return _tensor_str_with_formatter(arr, indent, summarize, fmt)


def _add_suffixes(tensor_str, suffixes, indent):
    parts = [tensor_str]
    last_line_len = len(tensor_str) - tensor_str.rfind("\n") + 1
    for suffix in suffixes:
        n = len(suffix) - 3 * suffix.count("autograd.")  # break lines where PyTorch's "torch." would
        if last_line_len + n + 2 > PRINT_OPTIONS["linewidth"]:
            parts.append(",\n" + " " * indent + suffix)
            last_line_len = indent + n
        else:
            parts.append(", " + suffix)
            last_line_len += n + 2
    parts.append(")")
    return "".join(parts)


def format_tensor(t, tensor_contents=None):
    """``repr(t)`` exactly as PyTorch prints it, with ``torch.`` spelled ``autograd.``."""
    from . import _dtype
    arr = t._data
    name = type(t).__name__
    prefix = "tensor(" if name in ("Tensor", "Parameter") else f"{name}("
    indent = len(prefix)
    suffixes = []
    d = _dtype._BY_NP[arr.dtype]
    default = _dtype.get_default_dtype()
    if arr.size == 0:
        if arr.ndim != 1:
            suffixes.append(f"size={tuple(arr.shape)}")
        if d is not default:
            suffixes.append(f"dtype={d!r}")
        body = "[]"
    else:
        if not PRINT_OPTIONS["edgeitems"]:
            suffixes.append(f"size={tuple(arr.shape)}")
        if not (d is default or d is _dtype.int64 or d is _dtype.bool_):
            suffixes.append(f"dtype={d!r}")
        body = _tensor_str(arr, indent)
    if tensor_contents is not None:
        body = tensor_contents
    if t.grad_fn is not None:
        suffixes.append(f"grad_fn=<{type(t.grad_fn).__name__}>")
    elif t._requires_grad:
        suffixes.append("requires_grad=True")
    tangent = t._fw_tangent
    if tangent is not None:  # torch prints a 0-d tangent as a Python number
        suffixes.append(f"tangent={tangent.item() if tangent._data.ndim == 0 else tangent}")
    return _add_suffixes(prefix + body, suffixes, indent)
