"""Run PyTorch's ModuleInfo database (``torch.testing._internal.common_modules.module_db``) against
``nn``: every module input torch describes is built in both libraries from the same constructor
arguments and compared with real torch on repr, state_dict keys/shapes/dtypes, forward values (with
torch's weights loaded into ours), gradients of the inputs and parameters, buffers after the forward
(running statistics) and raised errors.

``check_module(module_info)`` returns a list of ``Finding`` (empty when the module conforms).
"""
import os

import torch

import autograd
import nn
from tests.opinfo.harness import (Finding, Unsupported, _call, _compare_grads, _float_tensors, _seed, compare,
                                  to_ours, to_torch)
from tests.torch_databases import error_input_verdict, refusal_verdict

DTYPES = (torch.float32, torch.float64)
KNOWN_FILE = os.path.join(os.path.dirname(__file__), "known_failures.json")
MAX_INPUTS = 12
GRADGRAD_INPUTS = 1   # module inputs per module also checked for second-order gradients (float64)


def our_class(info):
    return getattr(nn, info.module_cls.__name__, None)


def module_id(info):
    return info.module_cls.__name__ + ("." + info.variant_test_name if getattr(info, "variant_test_name", "") else "")


def _describe(mi, i):
    c = mi.constructor_input
    parts = [repr(a) for a in c.args] + [f"{k}={v!r}" for k, v in c.kwargs.items()]
    return f"#{i} {mi.desc or ''} {info_args(parts)}".strip()


def info_args(parts):
    text = "(" + ", ".join(parts) + ")"
    return text if len(text) < 120 else text[:117] + "...)"


def _state_summary(sd):
    return [(k, tuple(v.shape), str(v.dtype).split(".")[-1]) for k, v in sd.items()
            if not isinstance(v, torch.nn.parameter.UninitializedParameter)]


def _our_state_summary(sd):
    return [(k, tuple(v.shape), str(v.dtype).split(".")[-1]) for k, v in sd.items()
            if type(v).__name__ != "UninitializedParameter" and hasattr(v, "shape")]


def _load_torch_state(ours, theirs):
    """Copy torch's parameters and buffers into our module (the same values, so forwards compare)."""
    state = {}
    for k, v in theirs.state_dict().items():
        state[k] = autograd.from_numpy(v.detach().numpy().copy()) if isinstance(v, torch.Tensor) else v
    ours.load_state_dict(state)


def _finding(info, variant, kind, where, detail):
    return Finding(module_id(info), variant, kind, where, detail)


def check_input(info, dtype, training, mi, where, second_order):
    """Findings for one ModuleInput: construction, repr, state_dict, forward, gradients, buffers."""
    variant = f"{str(dtype).split('.')[-1]}/{'train' if training else 'eval'}"
    out = []
    cls = our_class(info)
    c = mi.constructor_input
    leaves = {}
    try:
        cargs, ckwargs = to_ours(tuple(c.args), leaves), to_ours(dict(c.kwargs), leaves)
        fargs = to_ours(tuple(mi.forward_input.args), leaves) if mi.forward_input else ()
        fkwargs = to_ours(dict(mi.forward_input.kwargs), leaves) if mi.forward_input else {}
    except Unsupported:
        return out
    _seed()
    try:
        theirs = _call(info.module_cls, c.args, c.kwargs).to(dtype)
        theirs.train(training)
    except Exception as e:
        bad = refusal_verdict(e, lambda: _call(cls, cargs, ckwargs), "construct")
        return out + ([_finding(info, variant, bad[0], where, bad[1])] if bad else [])
    _seed()
    try:
        ours = _call(cls, cargs, ckwargs).to(to_ours(dtype, {}))
        ours.train(training)
    except Exception as e:
        return out + [_finding(info, variant, "construct", where, f"{type(e).__name__}: {str(e)[:160]}")]
    if repr(theirs) != repr(ours):
        out.append(_finding(info, variant, "repr", where, f"{repr(theirs)[:200]!r} vs ours {repr(ours)[:200]!r}"))
    lazy = any(isinstance(p, torch.nn.parameter.UninitializedParameter) for p in theirs.parameters())
    expected_state = _state_summary(theirs.state_dict())
    if not lazy and expected_state != _our_state_summary(ours.state_dict()):
        out.append(_finding(info, variant, "state_dict", where,
                            f"{expected_state} vs ours {_our_state_summary(ours.state_dict())}"))
        return out
    names_t = [n for n, _ in theirs.named_parameters()]
    names_o = [n for n, _ in ours.named_parameters()]
    if names_t != names_o:
        out.append(_finding(info, variant, "parameters", where, f"{names_t} vs ours {names_o}"))
        return out
    if not lazy:
        bad = _compare_state(theirs, ours)
        if bad:   # the same seed gives torch's initial weights (scripts that print seeded results rely on it)
            out.append(_finding(info, variant, "init", where, bad))
        try:
            _load_torch_state(ours, theirs)
        except Exception as e:
            return out + [_finding(info, variant, "load_state_dict", where, f"{type(e).__name__}: {str(e)[:160]}")]
    if mi.forward_input is None:
        return out
    args_t, kwargs_t = mi.forward_input.args, mi.forward_input.kwargs
    _seed()
    try:
        expected = _call(theirs, args_t, kwargs_t)
    except Exception as e:
        _seed()
        bad = refusal_verdict(e, lambda: _call(ours, fargs, fkwargs), "forward")
        return out + ([_finding(info, variant, bad[0], where, bad[1])] if bad else [])
    _seed()
    try:
        if lazy:   # materialise our parameters, then take torch's values (the lazy module's first forward)
            with autograd.no_grad():
                _call(ours, fargs, fkwargs)
            _load_torch_state(ours, theirs)
            _seed()
            lazy_state = _state_summary(theirs.state_dict())
            if lazy_state != _our_state_summary(ours.state_dict()):
                return out + [_finding(info, variant, "state_dict", where,
                                       f"{lazy_state} vs ours {_our_state_summary(ours.state_dict())}")]
        actual = _call(ours, fargs, fkwargs)
    except Exception as e:
        return out + [_finding(info, variant, "raises", where, f"{type(e).__name__}: {str(e)[:160]}")]
    bad = compare(expected, to_torch(actual))
    if bad:
        return out + [_finding(info, variant, bad[0], where, bad[1])]
    if training and not lazy:
        bad = _compare_buffers(theirs, ours)
        if bad:
            out.append(_finding(info, variant, "buffers", where, bad))
    out += _check_grads(info, variant, where, theirs, ours, leaves, expected, actual, second_order)
    if not lazy:   # after the gradients: these run further (training-mode) forwards through ``ours``
        out += _check_variants(info, variant, where, cls, cargs, ckwargs, theirs, ours, mi, fargs, fkwargs,
                               expected, training)
    return out


def _compare_state(theirs, ours):
    mine = ours.state_dict()
    for k, v in theirs.state_dict().items():
        if isinstance(v, torch.Tensor):
            bad = compare(v.detach(), to_torch(mine[k]), k)
            if bad:
                return bad[1]
    return None


def _same_forward(expected, module, fargs, fkwargs):
    _seed()
    return compare(expected, to_torch(_call(module, fargs, fkwargs)))


def _check_variants(info, variant, where, cls, cargs, ckwargs, theirs, ours, mi, fargs, fkwargs, expected,
                    training):
    """The same forward through: a pickled copy, non-contiguous inputs, channels_last weights and inputs,
    and (float64) a module built with ``dtype=`` instead of ``.to(dtype)``."""
    import inspect
    import pickle
    out = []
    checks = [("pickle", lambda: (pickle.loads(pickle.dumps(ours)), fargs, fkwargs))]
    strided = _noncontiguous(mi.forward_input)
    if strided is not None:
        checks.append(("noncontiguous", lambda: (ours, to_ours(strided.args, {}), to_ours(strided.kwargs, {}))))
    if info.module_memformat_affects_out and fargs and getattr(fargs[0], "dim", lambda: 0)() in (4, 5):
        def channels_last():
            fmt = autograd.channels_last if fargs[0].dim() == 4 else autograd.channels_last_3d
            m = pickle.loads(pickle.dumps(ours)).to(memory_format=fmt)
            return m, (fargs[0].contiguous(memory_format=fmt), *fargs[1:]), fkwargs
        checks.append(("channels_last", channels_last))
    params = inspect.signature(info.module_cls.__init__).parameters
    dtype = next(iter(expected_dtypes(theirs)), None)
    if "dtype" in params and dtype == torch.float64:
        def factory():
            _seed()
            m = _call(cls, cargs, {**ckwargs, "dtype": autograd.float64, "device": "cpu"})
            m.train(training)
            _load_torch_state(m, theirs)
            return m, fargs, fkwargs
        checks.append(("factory_kwargs", factory))
    for name, make in checks:
        try:
            module, a, k = make()
            bad = _same_forward(expected, module, a, k)
        except Exception as e:
            bad = ("raises", f"{type(e).__name__}: {str(e)[:160]}")
        if bad:
            out.append(_finding(info, variant, name, where, f"{bad[0]}: {bad[1]}"))
    return out


def expected_dtypes(module):
    return [p.dtype for p in module.parameters()] + [b.dtype for b in module.buffers() if b.is_floating_point()]


def _noncontiguous(fi):
    from torch.testing._internal.common_utils import noncontiguous_like
    args = tuple(noncontiguous_like(a) if isinstance(a, torch.Tensor) and a.numel() > 1 else a for a in fi.args)
    if all(a is b for a, b in zip(args, fi.args)):
        return None
    return type(fi)(*args, **fi.kwargs)


def _compare_buffers(theirs, ours):
    ob = dict(ours.named_buffers())
    for name, b in theirs.named_buffers():
        mine = ob.get(name)
        if mine is None:
            return f"buffer {name} missing"
        bad = compare(b.detach(), to_torch(mine), name)
        if bad:
            return bad[1]
    return None


def _check_grads(info, variant, where, theirs, ours, leaves, expected, actual, second_order):
    """Gradients of sum(out * w) for fixed random w with respect to the float inputs and every parameter."""
    inputs = [(t, o) for k, (t, o) in ((k, v) for k, v in leaves.items() if isinstance(k, int))
              if t.requires_grad and t.dtype.is_floating_point]
    params = [(p, q) for (_, p), (_, q) in zip(theirs.named_parameters(), ours.named_parameters()) if p.requires_grad]
    pairs = inputs + params
    outs_t, outs_o = _float_tensors(expected), _float_tensors(actual)
    if not pairs or not outs_t:
        return []
    if len(outs_t) != len(outs_o):
        return [_finding(info, variant, "grad", where, f"{len(outs_t)} differentiable outputs vs ours {len(outs_o)}")]
    gen = torch.Generator().manual_seed(1)
    weights = [torch.rand(o.shape, generator=gen, dtype=o.dtype) for o in outs_t]
    try:
        gt = torch.autograd.grad(sum((o * w).sum() for o, w in zip(outs_t, weights)), [t for t, _ in pairs],
                                 allow_unused=True, create_graph=second_order)
    except Exception:
        return []
    try:
        loss_o = sum((o * autograd.from_numpy(w.numpy().copy())).sum() for o, w in zip(outs_o, weights))
        go = autograd.grad(loss_o, [o for _, o in pairs], allow_unused=True, create_graph=second_order)
    except Exception as e:
        return [_finding(info, variant, "grad", where, f"backward raised {type(e).__name__}: {str(e)[:160]}")]
    bad = _compare_grads([g.detach() if g is not None else None for g in gt], go, pairs, "grad")
    if bad:
        return [_finding(info, variant, "grad", where, bad)]
    if not second_order or not info.supports_gradgrad:
        return []
    keep = [i for i, g in enumerate(gt) if g is not None and g.requires_grad]
    if not keep:
        return []
    gen = torch.Generator().manual_seed(2)
    vs = {i: torch.rand(gt[i].shape, generator=gen, dtype=gt[i].dtype) for i in keep}
    try:
        gg_t = torch.autograd.grad(sum((gt[i] * vs[i]).sum() for i in keep), [t for t, _ in pairs], allow_unused=True)
    except Exception:
        return []
    try:
        terms = [(go[i] * autograd.from_numpy(vs[i].numpy().copy())).sum() for i in keep
                 if go[i] is not None and go[i].requires_grad]
        # a first-order gradient that is constant in every input (pooling, padding, piecewise-linear
        # activations) has a zero second derivative: torch records it anyway, ours need not
        gg_o = autograd.grad(sum(terms), [o for _, o in pairs], allow_unused=True) if terms else [None] * len(pairs)
    except Exception as e:
        return [_finding(info, variant, "gradgrad", where, f"double backward raised {type(e).__name__}: {str(e)[:160]}")]
    bad = _compare_grads(gg_t, gg_o, pairs, "gradgrad")
    return [_finding(info, variant, "gradgrad", where, bad)] if bad else []


def module_inputs(info, dtype, training):
    torch.default_generator.manual_seed(0)
    try:
        return list(info.module_inputs_func(info, device="cpu", dtype=dtype, requires_grad=True,
                                            training=training))[:MAX_INPUTS]
    except Exception:
        return []


def check_module(info):
    """All findings for one ModuleInfo: float32 and float64, train (and eval where they differ), errors."""
    if our_class(info) is None:
        return [_finding(info, "-", "missing", "", "no such module here")]
    findings = []
    for dtype in DTYPES:
        if dtype not in info.dtypes:
            continue
        for training in ((True, False) if info.train_and_eval_differ else (True,)):
            for i, mi in enumerate(module_inputs(info, dtype, training)):
                second = dtype == torch.float64 and training and i < GRADGRAD_INPUTS
                findings += check_input(info, dtype, training, mi, _describe(mi, i), second)
    return findings + check_errors(info)


def check_errors(info):
    if info.module_error_inputs_func is None:
        return []
    from torch.testing._internal.common_modules import ModuleErrorEnum
    findings = []
    cls = our_class(info)
    torch.default_generator.manual_seed(0)
    try:
        errors = list(info.module_error_inputs_func(info, device="cpu", dtype=torch.float32, requires_grad=False,
                                                    training=True))
    except Exception:
        return []
    for i, err in enumerate(errors):
        mi = err.module_error_input
        where = _describe(mi, i)
        leaves = {}
        try:
            c = mi.constructor_input
            cargs, ckwargs = to_ours(tuple(c.args), leaves), to_ours(dict(c.kwargs), leaves)
            fargs = to_ours(tuple(mi.forward_input.args), leaves) if mi.forward_input else ()
            fkwargs = to_ours(dict(mi.forward_input.kwargs), leaves) if mi.forward_input else {}
        except Unsupported:
            continue
        def run():
            ours = _call(cls, cargs, ckwargs)
            if err.error_on == ModuleErrorEnum.FORWARD_ERROR:
                _call(ours, fargs, fkwargs)
        bad = error_input_verdict(run, err.error_type, err.error_regex)
        if bad:
            findings.append(_finding(info, "errors", bad[0], where, bad[1]))
    return findings


def module_database():
    from torch.testing._internal import common_utils
    from torch.testing._internal.common_modules import module_db
    common_utils.extract_test_fn = lambda: None
    return list(module_db)


def _database():
    from tests.torch_databases import Database
    return Database("modules", module_database, module_id, check_module, KNOWN_FILE, "tests.moduleinfo.report")


DATABASE = _database()
