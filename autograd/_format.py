"""PyTorch-identical printing of tensors (precision 4, int/sci modes, summarisation, suffixes)."""
import math

import numpy as np

PRINT_OPTIONS = {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80, "sci_mode": None}


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None):
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


class _Formatter:
    def __init__(self, values):
        self.floating = values.dtype.kind == "f"
        self.int_mode = True
        self.sci_mode = False
        self.max_width = 1
        p = PRINT_OPTIONS["precision"]
        if not self.floating:
            for v in values.ravel():
                self.max_width = max(self.max_width, len(str(v.item() if hasattr(v, "item") else v)))
            return
        finite = values[np.isfinite(values)]
        nonzero = np.abs(finite[finite != 0]).astype(np.float64)
        if nonzero.size == 0:
            self.max_width = max([1] + [len(self._str(v)) for v in values.ravel()][:1000]) if values.size else 1
            self.max_width = max(self.max_width, 2)
            return
        for v in finite:
            if v != math.ceil(v):
                self.int_mode = False
                break
        nmin, nmax = nonzero.min(), nonzero.max()
        if self.int_mode:
            if nmax / nmin > 1000.0 or nmax > 1.0e8:
                self.sci_mode = True
        else:
            if nmax / nmin > 1000.0 or nmax > 1.0e8 or nmin < 1.0e-4:
                self.sci_mode = True
        if PRINT_OPTIONS["sci_mode"] is not None:
            self.sci_mode = PRINT_OPTIONS["sci_mode"]
        sample = values.ravel()
        self.max_width = max(len(self._str(v)) for v in sample)
        _ = p

    def _str(self, v):
        p = PRINT_OPTIONS["precision"]
        v = float(v)
        if not math.isfinite(v):
            return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
        if self.sci_mode:
            return f"{v:.{p}e}"
        if self.int_mode:
            return f"{v:.0f}."
        return f"{v:.{p}f}"

    def format(self, v):
        if self.floating:
            s = self._str(v)
        elif isinstance(v, (bool, np.bool_)):
            s = "True" if v else "False"
        else:
            s = str(v)
        return " " * (self.max_width - len(s)) + s


def _summarized(arr, edge):
    if arr.ndim == 0:
        return arr
    if arr.shape[0] > 2 * edge:
        arr = np.concatenate([arr[:edge], arr[-edge:]])
    return np.stack([_summarized(a, edge) for a in arr]) if arr.ndim > 1 else arr


def _tensor_str(arr, indent, fmt, summarize):
    edge = PRINT_OPTIONS["edgeitems"]
    if arr.ndim == 0:
        return fmt.format(arr.item())
    if arr.ndim == 1:
        vals = arr.tolist()
        if summarize and len(vals) > 2 * edge:
            items = [fmt.format(v) for v in vals[:edge]] + ["..."] + [fmt.format(v) for v in vals[-edge:]]
        else:
            items = [fmt.format(v) for v in vals]
        per_line = max(1, int(math.floor((PRINT_OPTIONS["linewidth"] - indent) / (fmt.max_width + 2))))
        lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
        return "[" + ("," + "\n" + " " * (indent + 1)).join(lines) + "]"
    if summarize and arr.shape[0] > 2 * edge:
        parts = ([_tensor_str(a, indent + 1, fmt, summarize) for a in arr[:edge]] + ["..."] +
                 [_tensor_str(a, indent + 1, fmt, summarize) for a in arr[-edge:]])
    else:
        parts = [_tensor_str(a, indent + 1, fmt, summarize) for a in arr]
    sep = "," + "\n" * (arr.ndim - 1) + " " * (indent + 1)
    return "[" + sep.join(parts) + "]"


def format_tensor(t, prefix="tensor("):
    arr = t._data
    indent = len(prefix)
    suffixes = []
    summarize = arr.size > PRINT_OPTIONS["threshold"]
    if arr.size == 0 and arr.ndim != 1:
        body = "[]"
        suffixes.append(f"size={tuple(arr.shape)}")
    elif arr.size == 0:
        body = "[]"
    else:
        shown = _summarized(arr, PRINT_OPTIONS["edgeitems"]) if summarize else arr
        body = _tensor_str(arr, indent, _Formatter(shown), summarize)
    from . import _dtype
    default = _dtype.get_default_dtype()
    d = _dtype._BY_NP[arr.dtype]
    if not (d is default or d is _dtype.int64 or d is _dtype.bool_):
        suffixes.append(f"dtype={d!r}")
    if t.grad_fn is not None:
        suffixes.append(f"grad_fn=<{t.grad_fn.name()}>")
    elif t._requires_grad:
        suffixes.append("requires_grad=True")
    return prefix + body + "".join(", " + s for s in suffixes) + ")"
