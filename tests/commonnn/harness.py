"""Run PyTorch's legacy NN test dictionaries (``torch.testing._internal.common_nn``: ``module_tests``,
``get_new_module_tests()`` and ``criterion_tests``, from which torch's test_nn.py builds its
NewModuleTest/CriterionTest cases) against ``nn``: each module is built in both libraries from the same
arguments (torch's constructor lambdas and ``wrap_functional`` modules rebound to the library) and compared
with torch on repr, state_dict, seeded initial weights, then (torch's weights loaded into ours) forward values,
gradients of the inputs and parameters (first and second order), forward-mode tangents, criteria's target
gradients, warnings, non-contiguous inputs, save/load, ``.float()``/``.double()``, the int64
(``check_with_long_tensor``) forward and raised errors. Complex inputs (out of scope) are skipped.

``check_test(entry)`` returns a list of ``Finding`` (empty when the test conforms).
"""
import contextlib
import functools
import io
import os
import types
import warnings
from dataclasses import dataclass

import torch

import autograd
import nn
import nn.functional as F
from tests.opinfo.harness import (Finding, Unsupported, _call, _compare_grads, _float_tensors, _seed, _shim, compare,
                                  to_ours, to_torch)
from tests.torch_databases import refusal_verdict

DTYPES = (torch.float32, torch.float64)
KNOWN_FILE = os.path.join(os.path.dirname(__file__), "known_failures.json")


@dataclass
class NNTest:
    name: str       # torch's test name without ``test_``
    kind: str       # "module" (NewModuleTest) or "criterion" (CriterionTest)
    params: dict    # the test dictionary


def test_id(entry):
    return entry.name


def _name(params):
    if params.get("fullname"):
        return params["fullname"]
    base = params.get("module_name") or params["constructor"].__name__
    return base + ("_" + params["desc"] if params.get("desc") else "")


@functools.lru_cache(maxsize=1)
def nn_database():
    """Every test dictionary, in torch's order (``get_new_module_tests`` draws its closures' tensors from a
    fixed seed, so the dictionaries are the same in every process)."""
    from torch.testing._internal import common_nn
    state = torch.random.get_rng_state()
    modules = common_nn.module_tests + common_nn.get_new_module_tests()
    torch.random.set_rng_state(state)
    return ([NNTest(_name(p), "module", p) for p in modules]
            + [NNTest(_name(p), "criterion", p) for p in common_nn.criterion_tests])


def _finding(entry, variant, kind, where, detail):
    return Finding(entry.name, variant, kind, where, detail)


# ---- torch's constructors rebound to the library -------------------------------------------------------
def port_value(obj):
    """A constructor argument or closure value as ours: tensors, dtypes, sizes, torch functions, lambdas."""
    if isinstance(obj, types.FunctionType) and obj.__module__.startswith("torch.testing"):
        return port_callable(obj)   # the test's own lambdas and helpers
    if isinstance(obj, (types.FunctionType, types.BuiltinFunctionType)) and obj.__module__.startswith("torch"):
        ours = getattr(F, obj.__name__, None) or getattr(autograd, obj.__name__, None)
        if ours is None:
            raise Unsupported(f"torch callable {obj!r}")
        return ours
    if isinstance(obj, (list, tuple)) and not isinstance(obj, torch.Size):
        return type(obj)(port_value(o) for o in obj)
    if isinstance(obj, dict):
        return {k: port_value(v) for k, v in obj.items()}
    return to_ours(obj, {})


def port_callable(fn):
    """torch's lambda (globals ``torch``/``nn``/``F``, closures over torch tensors) rebound to the library."""
    shim = _shim()
    glb = dict(fn.__globals__)
    glb.update(torch=shim, nn=shim.nn, F=F)
    cells = tuple(types.CellType(port_value(c.cell_contents)) for c in fn.__closure__ or ())
    defaults = tuple(port_value(d) for d in fn.__defaults__) if fn.__defaults__ else None
    ported = types.FunctionType(fn.__code__, glb, fn.__name__, defaults, cells or None)
    ported.__kwdefaults__ = port_value(fn.__kwdefaults__) if fn.__kwdefaults__ else None
    return ported


def _is_functional(ctor):
    return isinstance(ctor, type) and issubclass(ctor, torch.nn.Module) and ctor.__name__ == "FunctionalModule"


def our_constructor(params):
    """Our counterpart of the test's constructor: ``nn.<module_name>``, a rebound lambda, or a
    FunctionalModule calling the rebound function of torch's ``wrap_functional``."""
    if "constructor" not in params:
        return getattr(nn, params["module_name"])
    ctor = params["constructor"]
    if _is_functional(ctor):
        cells = dict(zip(ctor.forward.__code__.co_freevars, (c.cell_contents for c in ctor.forward.__closure__)))
        fn, kwargs = port_value(cells["fn"]), port_value(cells["kwargs"])

        class FunctionalModule(nn.Module):
            def forward(self, *args):
                return fn(*args, **kwargs)
        return FunctionalModule
    return port_callable(ctor)


def _torch_test(entry):
    from torch.testing._internal.common_nn import CriterionTest, NewModuleTest
    params = dict(entry.params)
    params.pop("decorator", None)
    if "constructor" not in params:
        params["constructor"] = getattr(torch.nn, params.pop("module_name"))
    return (CriterionTest if entry.kind == "criterion" else NewModuleTest)(**params)


@contextlib.contextmanager
def default_dtype(dtype):
    before_t, before_o = torch.get_default_dtype(), autograd.get_default_dtype()
    torch.set_default_dtype(dtype)
    autograd.set_default_dtype(to_ours(dtype, {}))
    try:
        yield
    finally:
        torch.set_default_dtype(before_t)
        autograd.set_default_dtype(before_o)


# ---- one test in one default dtype ---------------------------------------------------------------------
def _show(x):
    if isinstance(x, torch.Tensor):
        return f"T{tuple(x.shape)}:{str(x.dtype).split('.')[-1]}"
    if isinstance(x, (list, tuple)):
        return "(" + ", ".join(_show(i) for i in x) + ")"
    return repr(x)


def _args(entry, test, inp, target):
    """The forward's arguments, as torch's test_nn builds them (criteria: input(s), target, extra args)."""
    inputs = inp if isinstance(inp, tuple) else (inp,)
    if entry.kind == "criterion":
        return inputs + (target,) + tuple(test.extra_args)
    return inputs


def _state(sd):
    return [(k, tuple(v.shape), str(v.dtype).split(".")[-1]) for k, v in sd.items() if hasattr(v, "shape")]


def _load_torch_state(ours, theirs):
    ours.load_state_dict({k: autograd.from_numpy(v.detach().numpy().copy()) if isinstance(v, torch.Tensor) else v
                          for k, v in theirs.state_dict().items()})


def _compare_state(theirs, ours):
    mine = ours.state_dict()
    for k, v in theirs.state_dict().items():
        bad = compare(v.detach(), to_torch(mine[k]), k) if isinstance(v, torch.Tensor) else None
        if bad:
            return bad[1]
    return None


def _raised_alike(what, e, ours_call):
    """torch raised ``e``: ours must raise the same type. [(kind, detail)]."""
    def run():
        _seed()
        ours_call()
    bad = refusal_verdict(e, run, what)
    return [bad] if bad else []


def check_dtype(entry, dtype):
    """Findings for one test dictionary under one default dtype."""
    variant = str(dtype).split(".")[-1]
    test = _torch_test(entry)
    ours_ctor = our_constructor(entry.params)
    with default_dtype(dtype):
        _seed()   # torch's order: the module (its initial weights), then the input and the target
        try:
            theirs = _call(test.constructor, tuple(test.constructor_args), {})
        except Exception as e:
            return [_finding(entry, variant, kind, "", detail) for kind, detail in _raised_alike(
                "construct", e, lambda: _call(ours_ctor, port_value(tuple(test.constructor_args)), {}))]
        inp = test._get_input()
        target = test._get_target() if entry.kind == "criterion" else None
        args_t = _args(entry, test, inp, target)
        where = _show(args_t)
        leaves = {}
        try:
            args_o = to_ours(args_t, leaves)
            cargs = port_value(tuple(test.constructor_args))
        except Unsupported:
            return []
        _seed()
        try:
            ours = _call(ours_ctor, cargs, {})
        except Exception as e:
            return [_finding(entry, variant, "construct", where, f"{type(e).__name__}: {str(e)[:160]}")]
        found = _check_module(theirs, ours) + _check_forward(entry, dtype, test, theirs, ours, args_t, args_o, leaves)
        if not found or all(kind in ("repr", "init") for kind, _ in found):
            bad = _check_warnings(test, ours_ctor, cargs, args_t, args_o)
            found += [("warnings", bad)] if bad else []
            if entry.kind == "module":
                found += _check_variants(entry, test, inp, theirs, ours)
    return [_finding(entry, variant, kind, where, detail) for kind, detail in found]


def _check_module(theirs, ours):
    """repr, state_dict keys/shapes/dtypes, parameter names and seeded initial values; then torch's weights
    are loaded into ours. [(kind, detail)]."""
    out = []
    if repr(theirs).replace("torch.", "autograd.") != repr(ours):
        out.append(("repr", f"{repr(theirs)[:200]!r} vs ours {repr(ours)[:200]!r}"))
    if _state(theirs.state_dict()) != _state(ours.state_dict()):
        return out + [("state_dict", f"{_state(theirs.state_dict())} vs ours {_state(ours.state_dict())}")]
    names_t, names_o = [n for n, _ in theirs.named_parameters()], [n for n, _ in ours.named_parameters()]
    if names_t != names_o:
        return out + [("parameters", f"{names_t} vs ours {names_o}")]
    bad = _compare_state(theirs, ours)
    if bad:   # the same seed gives torch's initial weights
        out.append(("init", bad))
    try:
        _load_torch_state(ours, theirs)
    except Exception as e:
        out.append(("load_state_dict", f"{type(e).__name__}: {str(e)[:160]}"))
    return out


def _check_forward(entry, dtype, test, theirs, ours, args_t, args_o, leaves):
    """The forward (or torch's error), gradients of the inputs and parameters (second order in float64
    unless ``check_gradgrad=False``), forward-mode tangents and, for criteria, the target's gradient."""
    _seed()
    try:
        expected = _call(theirs, args_t, {})
    except Exception as e:
        return _raised_alike("forward", e, lambda: _call(ours, args_o, {}))
    _seed()
    try:
        actual = _call(ours, args_o, {})
    except Exception as e:
        return [("raises", f"{type(e).__name__}: {str(e)[:160]}")]
    bad = compare(expected, to_torch(actual))
    if bad:
        return [bad]
    out = []
    second = dtype == torch.float64 and entry.params.get("check_gradgrad", True) is not False
    if not entry.params.get("check_forward_only"):
        bad = _check_grads(theirs, ours, leaves, expected, actual, second)
        out += [bad] if bad else []
    if entry.params.get("supports_forward_ad"):
        bad = _check_forward_ad(theirs, ours, args_t)
        out += [("forward_ad", f"{bad[0]}: {bad[1]}")] if bad else []
    target = args_t[-1 - len(test.extra_args)] if entry.kind == "criterion" else None
    if isinstance(target, torch.Tensor) and target.is_floating_point():
        # beyond torch's own test: the loss's gradient with respect to a float target as well
        args = args_t[:-1 - len(test.extra_args)] + (target.detach().clone().requires_grad_(),) \
            + tuple(test.extra_args)
        bad = _compare_run(theirs, ours, args, grads=True, second_order=second)
        out += [("target_grad", f"{bad[0]}: {bad[1]}")] if bad else []
    return out


def _check_variants(entry, test, inp, theirs, ours):
    """What torch's NewModuleTest also runs: non-contiguous inputs (torch's ``noncontiguize``: forward and
    gradients), a pickled copy, ``.float()``/``.double()`` casts and (``check_eval``) eval mode."""
    out = []
    inputs = inp if isinstance(inp, tuple) else (inp,)
    if all(isinstance(i, torch.Tensor) and i.dim() > 0 for i in inputs):
        strided = tuple(test.noncontiguize(i) for i in inputs)
        bad = _compare_run(theirs, ours, strided, grads=not entry.params.get("check_forward_only"),
                           strided=test.noncontiguize)
        if bad:
            out.append(("noncontiguous", f"{bad[0]}: {bad[1]}"))
    checks = []
    if test.should_test_pickle:   # torch.save / torch.load(weights_only=False) of the whole module
        checks.append(("pickle", lambda: (theirs, _saved_and_loaded(ours), inputs)))
    if entry.params.get("check_eval"):
        checks.append(("eval", lambda: (theirs.eval(), ours.eval(), inputs)))
    if all(isinstance(i, torch.Tensor) for i in inputs):
        def cast(kind):
            def make():
                to = getattr(torch, kind)
                return (getattr(theirs, kind)(), getattr(ours, kind)(),
                        tuple(i.detach().to(to).requires_grad_(i.requires_grad) if i.is_floating_point() else i
                              for i in inputs))
            return make
        checks += [("float", cast("float")), ("double", cast("double"))]
    for name, make in checks:
        try:
            module_t, module_o, args = make()
            bad = _compare_run(module_t, module_o, args, grads=False)
        except Exception as e:
            bad = ("raises", f"{type(e).__name__}: {str(e)[:160]}")
        if bad:
            out.append((name, f"{bad[0]}: {bad[1]}"))
    return out


def _recorded(fn):
    """The warnings ``fn()`` gives: {(category, message, from torch's C++)}, the message without its source line."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _seed()
        fn()
    return {(w.category.__name__, str(w.message).split(" (Triggered internally")[0],
             "Triggered internally" in str(w.message)) for w in caught}


def _check_warnings(test, ours_ctor, cargs, args_t, args_o):
    """Construction and forward warn as torch's do. torch's C++ warnings, once per process (forced to warn
    every time here), may be missing from ours, which may have given them earlier in the process."""
    always = torch.is_warn_always_enabled()
    torch.set_warn_always(True)
    try:
        expected = _recorded(lambda: test.constructor(*test.constructor_args)(*args_t))
    finally:
        torch.set_warn_always(always)
    try:
        actual = {w[:2] for w in _recorded(lambda: ours_ctor(*cargs)(*args_o))}
    except Exception as e:
        return f"raised {type(e).__name__}: {str(e)[:160]}"
    missing = {w[:2] for w in expected if not w[2]} - actual
    extra = actual - {w[:2] for w in expected}
    if missing or extra:
        return f"torch's {sorted(missing)} missing, ours also {sorted(extra)}"
    return None


def _saved_and_loaded(module):
    buf = io.BytesIO()
    autograd.save(module, buf)
    buf.seek(0)
    return autograd.load(buf, weights_only=False)


def _compare_run(theirs, ours, args_t, grads, strided=None, second_order=False):
    """Both modules' forwards on ``args_t`` (and, ``grads``, their first-order gradients, the output gradient
    made non-contiguous by ``strided``): None or (kind, detail)."""
    leaves = {}
    args_o = to_ours(args_t, leaves)
    _seed()
    expected = _call(theirs, args_t, {})
    _seed()
    actual = _call(ours, args_o, {})
    return compare(expected, to_torch(actual)) or (
        _check_grads(theirs, ours, leaves, expected, actual, second_order, strided) if grads else None)


def _dense(g):
    """torch's sparse gradient (``sparse=True`` embeddings) as the dense one ours gives."""
    return g.to_dense() if g is not None and g.layout != torch.strided else g


def _check_grads(theirs, ours, leaves, expected, actual, second_order, strided=None):
    """Gradients of sum(out * w), for a fixed random w (laid out by ``strided``), with respect to the float
    inputs and every parameter (and, ``second_order``, of sum(grad * v) again): None, or (kind, detail)."""
    inputs = [(t, o) for t, o in (v for k, v in leaves.items() if isinstance(k, int))
              if t.requires_grad and t.dtype.is_floating_point]
    params = [(p, q) for (_, p), (_, q) in zip(theirs.named_parameters(), ours.named_parameters()) if p.requires_grad]
    pairs = inputs + params
    outs_t, outs_o = _float_tensors(expected), _float_tensors(actual)
    if not pairs or not outs_t:
        return None
    if len(outs_t) != len(outs_o):
        return "grad", f"{len(outs_t)} differentiable outputs vs ours {len(outs_o)}"
    gen = torch.Generator().manual_seed(1)
    weights = [torch.rand(o.shape, generator=gen, dtype=o.dtype) for o in outs_t]
    if strided is not None:
        weights = [strided(w) if w.dim() else w for w in weights]
    try:
        gt = torch.autograd.grad(sum((o * w).sum() for o, w in zip(outs_t, weights)), [t for t, _ in pairs],
                                 allow_unused=True, create_graph=second_order)
    except Exception:
        return None
    try:
        loss_o = sum((o * to_ours(w, {})).sum() for o, w in zip(outs_o, weights))
        go = autograd.grad(loss_o, [o for _, o in pairs], allow_unused=True, create_graph=second_order)
    except Exception as e:
        return "grad", f"backward raised {type(e).__name__}: {str(e)[:160]}"
    bad = _compare_grads([_dense(g).detach() if g is not None else None for g in gt], go, pairs, "grad")
    if bad:
        return "grad", bad
    keep = [i for i, g in enumerate(gt) if second_order and g is not None and g.requires_grad]
    if not keep:
        return None
    gen = torch.Generator().manual_seed(2)
    vs = {i: torch.rand(gt[i].shape, generator=gen, dtype=gt[i].dtype) for i in keep}
    try:
        gg_t = torch.autograd.grad(sum((gt[i] * vs[i]).sum() for i in keep), [t for t, _ in pairs], allow_unused=True)
    except Exception:
        return None
    try:
        terms = [(go[i] * autograd.from_numpy(vs[i].numpy().copy())).sum() for i in keep
                 if go[i] is not None and go[i].requires_grad]
        # a first-order gradient that is constant in every input has a zero second derivative: torch
        # records it anyway, ours need not
        gg_o = autograd.grad(sum(terms), [o for _, o in pairs], allow_unused=True) if terms else [None] * len(pairs)
    except Exception as e:
        return "gradgrad", f"double backward raised {type(e).__name__}: {str(e)[:160]}"
    bad = _compare_grads(gg_t, gg_o, pairs, "gradgrad")
    return ("gradgrad", bad) if bad else None


def _check_forward_ad(theirs, ours, args_t):
    """Forward-mode tangents (``supports_forward_ad``: torch's gradcheck checks them) for a fixed random
    tangent of each float input requiring grad: None or (kind, detail)."""
    import autograd.forward_ad as fw_o
    import torch.autograd.forward_ad as fw_t
    gen = torch.Generator().manual_seed(3)
    tangents = [torch.rand(a.shape, generator=gen, dtype=a.dtype)
                if isinstance(a, torch.Tensor) and a.requires_grad and a.is_floating_point() else None for a in args_t]
    args_o = to_ours(tuple(a.detach() if isinstance(a, torch.Tensor) else a for a in args_t), {})
    with warnings.catch_warnings(), fw_t.dual_level():   # its first use compiles jvp decompositions (warning)
        warnings.simplefilter("ignore")
        duals = [fw_t.make_dual(a.detach(), t) if t is not None else a for a, t in zip(args_t, tangents)]
        _seed()
        expected = fw_t.unpack_dual(_call(theirs, duals, {})).tangent
    try:
        with fw_o.dual_level():
            duals = [fw_o.make_dual(a, to_ours(t, {})) if t is not None else a for a, t in zip(args_o, tangents)]
            _seed()
            actual = fw_o.unpack_dual(_call(ours, duals, {})).tangent
    except Exception as e:
        return "raises", f"{type(e).__name__}: {str(e)[:160]}"
    if expected is None or actual is None:
        return None if expected is actual else ("value", f"tangent {expected!r} vs ours {actual!r}")
    return compare(expected, to_torch(actual), "tangent")


# ---- test_nn.py's ``check_with_long_tensor`` variant: the module on int64 weights and inputs ------------
def check_long(entry):
    """Forward only, as test_nn.py's ``_with_long_tensor`` tests: integer-valued weights and input, int64."""
    test = _torch_test(entry)
    size = entry.params["input_size"]
    with default_dtype(torch.float64):
        _seed()
        theirs = _call(test.constructor, tuple(test.constructor_args), {})
        for p in theirs.parameters():
            p.requires_grad_(False)
        with torch.no_grad():
            for p in theirs.parameters():
                p.copy_(torch.randint(-1000, 1000, size=p.shape).double())
        theirs._apply(lambda t: t.long())
        inp = torch.randint(-1000, 1000, size=size)
        where = _show(inp)
        try:
            ours = _call(our_constructor(entry.params), port_value(tuple(test.constructor_args)), {})
            for p in ours.parameters():
                p.requires_grad_(False)
            ours._apply(lambda t: t.long())
            _load_torch_state(ours, theirs)
        except Exception as e:
            return [_finding(entry, "int64", "construct", where, f"{type(e).__name__}: {str(e)[:160]}")]
        try:
            expected = theirs(inp)
        except Exception as e:
            found = _raised_alike("forward", e, lambda: ours(to_ours(inp, {})))
        else:
            try:
                found = [compare(expected, to_torch(ours(to_ours(inp, {}))))]
            except Exception as e:
                found = [("raises", f"{type(e).__name__}: {str(e)[:160]}")]
        return [_finding(entry, "int64", kind, where, detail) for kind, detail in filter(None, found)]


def check_test(entry):
    """All findings for one test dictionary: its default dtype (or float32 and float64), and int64."""
    dtypes = (entry.params["default_dtype"],) if entry.params.get("default_dtype") else DTYPES
    findings = []
    try:
        for dtype in dtypes:
            findings += check_dtype(entry, dtype)
    except Unsupported:
        return findings
    if entry.params.get("check_with_long_tensor"):
        findings += check_long(entry)
    return findings


def _database():
    from tests.torch_databases import Database
    return Database("tests", nn_database, test_id, check_test, KNOWN_FILE, "tests.commonnn.report")


DATABASE = _database()
