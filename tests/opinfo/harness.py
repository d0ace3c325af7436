"""Run PyTorch's own OpInfo database (``torch.testing._internal.common_methods_invocations.op_db``)
against the library: every sample input of every op torch describes, through the function, method and
in-place variants, compared with real torch on values, dtypes, shapes, gradients and raised errors.

``check_op(opinfo)`` returns a list of ``Finding`` (empty when the op conforms). torch is only the
oracle here: its sample inputs are converted to our tensors (strides and all) before our call.
"""
import functools
import math
import os
import re
import warnings
from dataclasses import dataclass

import numpy as np
import torch

import autograd
import nn.functional as F
from tests.torch_databases import error_input_verdict, refusal_verdict

_NUMPY_DTYPES = {torch.float16, torch.float32, torch.float64, torch.int8, torch.int16, torch.int32,
                 torch.int64, torch.uint8, torch.bool}
SAMPLE_DTYPES = (torch.float32, torch.float64, torch.int64, torch.bool)
KNOWN_FILE = os.path.join(os.path.dirname(__file__), "known_failures.json")
MAX_SAMPLES = 12
GRADGRAD_SAMPLES = 2
STRIDED_SAMPLES = 6   # samples per dtype also run non-contiguous
MAX_NUMEL = 100_000


class Unsupported(Exception):
    """A sample needs something outside the library's scope (complex, bfloat16, sparse, generators)."""


@dataclass
class Finding:
    op: str
    variant: str
    kind: str     # missing | value | dtype | shape | grad | gradgrad | raises | no-raise | error-type | error-text
    sample: str
    detail: str

    @property
    def key(self):
        """What identifies the finding across runs (not the numbers in its detail)."""
        return f"{self.variant} {self.kind} {self.sample}"

    def __str__(self):
        return f"{self.op} [{self.variant}] {self.kind}: {self.detail} <- {self.sample}"


# ---- resolving our callable ----------------------------------------------------------------------
_NAMESPACES = {"nn.functional": F, "linalg": autograd.linalg, "special": autograd.special}


def resolve(path):
    """Our object for a torch path such as ``nn.functional.relu`` or ``linalg.norm``, or None."""
    for prefix, mod in _NAMESPACES.items():
        if path.startswith(prefix + "."):
            return getattr(mod, path[len(prefix) + 1:], None)
    obj = autograd
    for part in path.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


class _TorchShim:
    """Stands in for the ``torch`` module inside OpInfo's wrapper lambdas, so they call the library."""

    def __init__(self, mapping, fallback):
        self._mapping, self._fallback = mapping, fallback

    def __getattr__(self, name):
        if name in self._mapping:
            return self._mapping[name]
        value = getattr(self._fallback, name, None)
        if value is None:
            raise Unsupported(f"torch.{name}")
        return value


def _shim():
    import nn
    import optim  # noqa: F401
    functional = _TorchShim({}, F)
    return _TorchShim({"nn": _TorchShim({"functional": functional}, nn), "Tensor": autograd.Tensor,
                       "linalg": autograd.linalg, "special": autograd.special}, autograd)


def _wrapper_set_seed(op, *args, **kwargs):
    autograd.manual_seed(42)
    return op(*args, **kwargs)


def ported(fn):
    """torch's test wrapper ``fn`` (a lambda over torch calls or Tensor methods) rebound to the library."""
    import types
    glb = dict(fn.__globals__)
    glb.update(torch=_shim(), F=F, wrapper_set_seed=_wrapper_set_seed)
    return types.FunctionType(fn.__code__, glb, fn.__name__, fn.__defaults__, fn.__closure__)


def _is_wrapper(fn):
    return getattr(fn, "__name__", "") == "<lambda>" and hasattr(fn, "__code__")


def function_variant(op):
    """Our function for the OpInfo's function variant: the same path here, or torch's wrapper lambda
    rebound to the library."""
    if _is_wrapper(op.op):
        return ported(op.op)
    if op.name.startswith("__"):
        return _method(op.name)
    return resolve(op.name)


# ---- converting torch values to ours -------------------------------------------------------------
def _dtype(d):
    ours = getattr(autograd, str(d).split(".")[-1], None)
    if ours is None:
        raise Unsupported(str(d))
    return ours


def tensor_to_ours(t, leaves):
    """A tensor with ``t``'s values, dtype, shape, strides and storage offset (and requires_grad)."""
    if (t.device.type != "cpu" or t.layout != torch.strided or t.dtype not in _NUMPY_DTYPES or t.is_conj()
            or t.is_neg() or t.dim() > 32):
        raise Unsupported(f"{t.dtype}/{t.layout}")
    if id(t) in leaves:
        return leaves[id(t)][1]
    src = t.detach()
    storage = src.untyped_storage().nbytes() // src.element_size()
    span = src.storage_offset() + sum((n - 1) * st for n, st in zip(src.shape, src.stride()) if n > 0)
    if src.numel() and (span >= storage or min(src.stride(), default=0) < 0):
        raise Unsupported("a view reaching outside its storage")
    shared = ("storage", src.untyped_storage().data_ptr(), src.dtype)  # tensors sharing torch memory share ours
    base = leaves.get(shared)
    if base is None:   # a copy of the whole storage: what lies around the view is part of what as_strided sees
        whole = torch.empty(0, dtype=src.dtype).set_(src.untyped_storage(), 0, (storage,), (1,))
        base = leaves[shared] = whole.numpy().copy() if storage else np.zeros(1, dtype=src.numpy().dtype)
    view = np.lib.stride_tricks.as_strided(base[src.storage_offset():], tuple(src.shape),
                                           tuple(s * base.itemsize for s in src.stride()))
    ours = autograd.from_numpy(view)
    if t.requires_grad:
        ours.requires_grad_(True)
        if t.grad_fn is not None:       # a non-leaf sample (e.g. a view): keep it on our tape too
            ours = ours * 1 if ours.dtype.is_floating_point else ours
    leaves[id(t)] = (t, ours)
    return ours


def to_ours(obj, leaves):
    if isinstance(obj, torch.Tensor):
        return tensor_to_ours(obj, leaves)
    if isinstance(obj, torch.dtype):
        return _dtype(obj)
    if isinstance(obj, torch.Size):
        return autograd.Size(obj) if hasattr(autograd, "Size") else tuple(obj)
    if isinstance(obj, torch.device):
        return autograd.device(str(obj))
    if isinstance(obj, torch.memory_format):
        return getattr(autograd, str(obj).split(".")[-1])
    if isinstance(obj, torch.layout):
        name = str(obj).split(".")[-1]
        if not hasattr(autograd, name):
            raise Unsupported(f"layout {name}")
        return getattr(autograd, name)
    if isinstance(obj, torch.Generator):
        raise Unsupported("generator")
    if isinstance(obj, (list, tuple)):
        out = [to_ours(o, leaves) for o in obj]
        return type(obj)(out) if type(obj) in (list, tuple) else tuple(out)
    if isinstance(obj, dict):
        return {k: to_ours(v, leaves) for k, v in obj.items()}
    if callable(obj) and getattr(obj, "__module__", "") and obj.__module__.startswith("torch"):
        raise Unsupported(f"torch callable {obj!r}")
    return obj


def to_torch(obj):
    """Our results as torch values (for comparison and for torch's output_process_fn_grad)."""
    if isinstance(obj, autograd.Tensor):
        a = obj.detach().numpy()
        return torch.from_numpy(np.array(a, copy=True))
    if isinstance(obj, (list, tuple)):
        out = [to_torch(o) for o in obj]
        return type(obj)(*out) if hasattr(obj, "_fields") else type(obj)(out)
    if isinstance(obj, autograd.dtype):
        return getattr(torch, str(obj).split(".")[-1])
    return obj


# ---- comparison ----------------------------------------------------------------------------------
def _tolerance(dtype):
    return {torch.float16: (1e-3, 1e-3), torch.float32: (1e-4, 1e-5)}.get(dtype, (1e-7, 1e-7))


# ops whose results torch leaves unspecified: uninitialised memory, and the index picked among tied values
UNINITIALISED = {"empty", "empty_like", "new_empty", "new_empty_strided", "empty_strided", "empty_permuted"}
TIED_INDICES = {"sort", "argsort", "msort", "topk", "kthvalue", "mode"}


def compare(expected, actual, path="out", values=True, indices=True):
    """None when ``actual`` (our result, converted to torch) matches ``expected``, else (kind, detail).
    ``values=False`` compares types, dtypes and shapes only; ``indices=False`` skips int64 tensors."""
    if isinstance(expected, torch.Tensor):
        if not isinstance(actual, torch.Tensor):
            return "value", f"{path}: expected a tensor, got {type(actual).__name__}"
        if expected.dtype != actual.dtype:
            return "dtype", f"{path}: {expected.dtype} vs ours {actual.dtype}"
        if tuple(expected.shape) != tuple(actual.shape):
            return "shape", f"{path}: {tuple(expected.shape)} vs ours {tuple(actual.shape)}"
        if not values or (not indices and expected.dtype == torch.int64):
            return None
        if expected._is_zerotensor():
            expected = torch.zeros(expected.shape, dtype=expected.dtype)
        e, a = expected.detach().numpy(), actual.numpy()
        if e.dtype.kind in "fc":
            rtol, atol = _tolerance(expected.dtype)
            e64, a64 = e.astype(np.float64), a.astype(np.float64)
            bad = ~np.isclose(a64, e64, rtol=rtol, atol=atol, equal_nan=True)
            if bad.any():
                i = tuple(np.argwhere(bad)[0])
                return "value", f"{path}[{i}]: {e64[i]!r} vs ours {a64[i]!r} ({int(bad.sum())}/{bad.size} differ)"
        elif not np.array_equal(e, a):
            return "value", f"{path}: {e.ravel()[:6]} vs ours {a.ravel()[:6]}"
        return None
    if isinstance(expected, (list, tuple)):
        if not isinstance(actual, (list, tuple)) or len(expected) != len(actual):
            return "value", f"{path}: {type(expected).__name__}[{len(expected)}] vs ours {_describe(actual)}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            r = compare(e, a, f"{path}[{i}]", values, indices)
            if r:
                return r
        return None
    if isinstance(expected, float) and isinstance(actual, (float, int)):
        if not (math.isclose(expected, actual, rel_tol=1e-5, abs_tol=1e-6)
                or (math.isnan(expected) and math.isnan(actual))):
            return "value", f"{path}: {expected!r} vs ours {actual!r}"
        return None
    if expected != actual and not (isinstance(expected, torch.dtype) and str(expected) == str(actual)):
        return "value", f"{path}: {expected!r} vs ours {actual!r}"
    return None


def _describe(x):
    if isinstance(x, (list, tuple)):
        return f"{type(x).__name__}[{len(x)}]"
    return type(x).__name__


def _float_tensors(out):
    if isinstance(out, (torch.Tensor, autograd.Tensor)):
        return [out] if out.dtype.is_floating_point and out.requires_grad else []
    if isinstance(out, (list, tuple)):
        return [t for o in out for t in _float_tensors(o)]
    return []


def _summary(sample):
    def show(x):
        if isinstance(x, torch.Tensor):
            extra = "" if x.is_contiguous() else f" stride={tuple(x.stride())}"
            return f"T{tuple(x.shape)}:{str(x.dtype).split('.')[-1]}{extra}"
        if isinstance(x, (list, tuple)):
            return "[" + ", ".join(show(i) for i in x) + "]"
        return repr(x)
    parts = [show(sample.input)] + [show(a) for a in sample.args] + [f"{k}={show(v)}" for k, v in sample.kwargs.items()]
    return "(" + ", ".join(parts) + ")"


# ---- running one sample --------------------------------------------------------------------------
def _seed():
    torch.default_generator.manual_seed(0)  # torch.manual_seed also queues CUDA seeding, recording a stack trace
    autograd.manual_seed(0)


def _call(fn, args, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def check_sample(op, variant, torch_fn, our_fn, sample, grads, second_order=False):
    """Findings for one sample through one variant (function/method/inplace)."""
    findings = []
    where = _summary(sample)
    inplace = variant == "inplace"
    if inplace:
        sample = sample.transform(lambda t: t.detach().clone() if isinstance(t, torch.Tensor) else t)
    leaves = {}
    try:
        ours_in = to_ours(sample.input, leaves)
        ours_args = to_ours(tuple(sample.args), leaves)
        ours_kwargs = to_ours(dict(sample.kwargs), leaves)
    except Unsupported:
        return findings
    _seed()
    try:
        expected = _call(torch_fn, (sample.input, *sample.args), sample.kwargs)
    except Exception as e:      # torch refuses this sample: so must we, with the same type
        _seed()
        bad = refusal_verdict(e, lambda: _call(our_fn, (ours_in, *ours_args), ours_kwargs), "call")
        return findings + ([Finding(op.name, variant, bad[0], where, bad[1])] if bad else [])
    _seed()
    try:
        actual = _call(our_fn, (ours_in, *ours_args), ours_kwargs)
    except Unsupported:
        return findings
    except Exception as e:
        findings.append(Finding(op.name, variant, "raises", where, f"{type(e).__name__}: {str(e)[:160]}"))
        return findings
    fn = sample.output_process_fn_grad
    try:
        stable = sample.kwargs.get("stable", False)
        bad = compare(fn(expected), fn(to_torch(actual)), values=op.name not in UNINITIALISED,
                      indices=op.name not in TIED_INDICES or stable)
    except Exception as e:
        bad = ("value", f"output_process_fn_grad on ours: {type(e).__name__}: {str(e)[:100]}")
    if bad:
        findings.append(Finding(op.name, variant, bad[0], where, bad[1]))
        return findings
    if inplace and not (isinstance(actual, autograd.Tensor) and actual is ours_in):
        findings.append(Finding(op.name, variant, "value", where, "in-place variant did not return its input"))
    if grads and not inplace:
        findings += _check_grads(op, variant, sample, expected, actual, leaves, where, second_order)
    return findings


def _identity_postprocess(sample, expected):
    """Whether the sample compares raw outputs (its output_process_fn_grad leaves torch's result as is)."""
    try:
        return sample.output_process_fn_grad(expected) is expected
    except Exception:
        return False


def _leaf_pairs(leaves):
    return [v for k, v in leaves.items() if isinstance(k, int)]


def _check_grads(op, variant, sample, expected, actual, leaves, where, second_order):
    pairs = [(t, o) for t, o in _leaf_pairs(leaves) if t.requires_grad and t.dtype.is_floating_point]
    outs_t, outs_o = _float_tensors(expected), _float_tensors(actual)
    if not pairs or not outs_t or not _identity_postprocess(sample, expected):
        return []
    if len(outs_t) != len(outs_o):
        return [Finding(op.name, variant, "grad", where,
                        f"{len(outs_t)} differentiable outputs vs ours {len(outs_o)}")]
    gen = torch.Generator().manual_seed(1)
    weights = [torch.rand(o.shape, generator=gen, dtype=o.dtype) for o in outs_t]
    try:
        loss_t = sum((o * w).sum() for o, w in zip(outs_t, weights))
        gt = torch.autograd.grad(loss_t, [t for t, _ in pairs], allow_unused=True)
    except Exception:
        return []
    try:
        loss_o = sum((o * autograd.from_numpy(w.numpy().copy())).sum() for o, w in zip(outs_o, weights))
        go = autograd.grad(loss_o, [o for _, o in pairs], allow_unused=True)
    except Exception as e:
        return [Finding(op.name, variant, "grad", where, f"backward raised {type(e).__name__}: {str(e)[:160]}")]
    bad = _compare_grads(gt, go, pairs, "grad")
    if bad:
        return [Finding(op.name, variant, "grad", where, bad)]
    if not second_order or not op.supports_gradgrad:
        return []
    return _check_gradgrad(op, variant, pairs, outs_t, outs_o, weights, where)


def _compare_grads(gt, go, pairs, label):
    for i, (a, b) in enumerate(zip(gt, go)):
        if a is None and b is None:
            continue
        if a is None:
            a = torch.zeros_like(pairs[i][0])
        if b is None:
            b = autograd.zeros(tuple(a.shape), dtype=_dtype(a.dtype))
        bad = compare(a, to_torch(b), f"{label}[{i}]")
        if bad:
            return bad[1]
    return None


def _check_gradgrad(op, variant, pairs, outs_t, outs_o, weights, where):
    """Second order (``create_graph=True``): d/dx of sum(grad * v) for a fixed random v, as torch."""
    gen = torch.Generator().manual_seed(2)
    try:
        loss_t = sum((o * w).sum() for o, w in zip(outs_t, weights))
        g1 = torch.autograd.grad(loss_t, [t for t, _ in pairs], create_graph=True, allow_unused=True)
        keep = [i for i, g in enumerate(g1) if g is not None and g.requires_grad]
        if not keep:
            return []
        vs = {i: torch.rand(g1[i].shape, generator=gen, dtype=g1[i].dtype) for i in keep}
        gt = torch.autograd.grad(sum((g1[i] * vs[i]).sum() for i in keep), [t for t, _ in pairs], allow_unused=True)
    except Exception:
        return []
    try:
        loss_o = sum((o * autograd.from_numpy(w.numpy().copy())).sum() for o, w in zip(outs_o, weights))
        o1 = autograd.grad(loss_o, [o for _, o in pairs], create_graph=True, allow_unused=True)
        terms = [(o1[i] * autograd.from_numpy(vs[i].numpy().copy())).sum() for i in keep
                 if o1[i] is not None and o1[i].requires_grad]
        if not terms:
            return [Finding(op.name, variant, "gradgrad", where, "our first-order gradient is not differentiable")]
        go = autograd.grad(sum(terms), [o for _, o in pairs], allow_unused=True)
    except Exception as e:
        return [Finding(op.name, variant, "gradgrad", where, f"double backward raised {type(e).__name__}: {str(e)[:160]}")]
    bad = _compare_grads(gt, go, pairs, "gradgrad")
    return [Finding(op.name, variant, "gradgrad", where, bad)] if bad else []


# ---- one op --------------------------------------------------------------------------------------
def variants(op):
    """(variant name, torch callable, our callable or None) for the op's function/method/inplace forms."""
    out = []
    fn = function_variant(op)
    if op.op is not None:
        out.append(("function", op.op, fn))
    for variant, fn in (("method", op.method_variant), ("inplace", op.inplace_variant)):
        if fn is None:
            continue
        if _is_wrapper(fn):
            ours = ported(fn)
        elif isinstance(fn, functools.partial):
            inner = resolve("nn.functional." + fn.func.__name__) if op.name.startswith("nn.functional.") else None
            ours = functools.partial(inner, *fn.args, **fn.keywords) if inner is not None else None
        elif op.name.startswith("nn.functional."):
            ours = resolve("nn.functional." + fn.__name__)
        else:
            ours = _method(fn.__name__)
        out.append((variant, fn, ours))
    return out


def _method(name):
    if not hasattr(autograd.Tensor, name):
        return None
    return lambda self, *args, **kwargs: getattr(self, name)(*args, **kwargs)


def _numel(sample):
    items = [sample.input, *sample.args, *sample.kwargs.values()]
    flat = [t for x in items for t in (x if isinstance(x, (list, tuple)) else [x])]
    return sum(t.numel() for t in flat if isinstance(t, torch.Tensor))


def samples(op, dtype, requires_grad):
    torch.default_generator.manual_seed(0)   # OpInfo draws its sample values from torch's global generator
    try:
        it = op.sample_inputs("cpu", dtype, requires_grad=requires_grad)
        out = []
        for s in it:
            if _numel(s) > MAX_NUMEL:   # a few OpInfos build huge samples (grid_sampler_3d: 20x21x22x23x24)
                continue
            out.append(s)
            if len(out) >= MAX_SAMPLES:
                break
        return out
    except Exception:
        return []


def _noncontiguous(sample):
    """The sample with every tensor made non-contiguous (torch's own transform), or None if nothing changes."""
    try:
        strided = sample.noncontiguous()
    except Exception:
        return None
    flat = lambda x: [t for t in (x if isinstance(x, (list, tuple)) else [x]) if isinstance(t, torch.Tensor)]  # noqa: E731
    tensors = flat(strided.input) + [t for a in strided.args for t in flat(a)]
    if not any(not t.is_contiguous() for t in tensors):
        return None
    return strided


def check_op(op, dtypes=SAMPLE_DTYPES):
    """All findings for one OpInfo: every variant, sample dtypes, gradients in float64, error inputs."""
    findings = []
    made = {}   # the variants share each dtype's samples (generating them is a good part of the cost)
    for variant, torch_fn, our_fn in variants(op):
        if our_fn is None:
            findings.append(Finding(op.name, variant, "missing", "", "no such name here"))
            continue
        for dtype in dtypes:
            if not op.supports_dtype(dtype, "cpu"):
                continue
            grads = dtype == torch.float64 and op.supports_autograd and variant != "inplace"
            if (dtype, grads) not in made:
                made[dtype, grads] = samples(op, dtype, grads)
            for i, sample in enumerate(made[dtype, grads]):
                findings += check_sample(op, variant, torch_fn, our_fn, sample, grads, i < GRADGRAD_SAMPLES)
                if variant == "function" and dtype.is_floating_point and i < STRIDED_SAMPLES:
                    strided = _noncontiguous(sample)
                    if strided is not None:
                        findings += check_sample(op, variant, torch_fn, our_fn, strided, grads)
    findings += check_errors(op)
    return findings


def check_errors(op):
    our_fn = function_variant(op)
    if our_fn is None:
        return []
    findings = []
    try:
        errors = list(op.error_inputs("cpu"))
    except Exception:
        return []
    for err in errors:
        sample = err.sample_input
        leaves = {}
        try:
            args = (to_ours(sample.input, leaves), *to_ours(tuple(sample.args), leaves))
            kwargs = to_ours(dict(sample.kwargs), leaves)
        except Unsupported:
            continue
        where = _summary(sample)
        try:   # OpInfo's metadata can be stale for this torch: an error input torch accepts is not checked
            _call(op.op, (sample.input, *sample.args), sample.kwargs)
            continue
        except Exception:
            pass
        bad = error_input_verdict(lambda: _call(our_fn, args, kwargs), err.error_type, err.error_regex)
        if bad:
            findings.append(Finding(op.name, "function", bad[0], where, bad[1]))
    return findings


OUT_OF_SCOPE = re.compile(r"^(_|torch\.|jiterator_|sparse\.|to_sparse|fft\.(?!(i?fftshift)$)|view_as_(real|complex)$|"
                          r"(polar|complex|chalf|cfloat|cdouble|bfloat16)$|"
                          r"(max_pool2d_with_indices_backward|native_dropout_backward|slice)$)")  # aten-only names


def op_database():
    """torch's OpInfos minus private, backend-only, sparse and complex-only ops (out of this library's scope)."""
    from torch.testing._internal import common_utils
    from torch.testing._internal.common_methods_invocations import op_db
    common_utils.extract_test_fn = lambda: None  # its debugging aid walks inspect.stack() for every sample set
    return [op for op in op_db if not OUT_OF_SCOPE.match(op.name)]


def op_id(op):
    return op.name + ("." + op.variant_test_name if op.variant_test_name else "")


def _database():
    from tests.torch_databases import Database
    return Database("ops", op_database, op_id, check_op, KNOWN_FILE, "tests.opinfo.report")


DATABASE = _database()
