"""Run PyTorch's OptimizerInfo database (``torch.testing._internal.common_optimizers.optim_db``) against
``optim``: every optimizer configuration torch describes (plus its foreach/fused forms and its LR
schedulers) takes the same steps on the same parameters in both libraries, and is compared with torch on
the parameters after each step, ``state_dict()`` (param_groups and per-parameter state: names, order,
types, dtypes, values), a ``load_state_dict`` of torch's state and raised errors.

``check_optimizer(info)`` returns a list of ``Finding`` (empty when the optimizer conforms).
"""
import os
import re
import types

import torch

import autograd
import optim
from tests.opinfo.harness import Finding, Unsupported, _call, compare, to_ours, to_torch
from tests.torch_databases import error_input_verdict, refusal_verdict

DTYPES = (torch.float32, torch.float64)
KNOWN_FILE = os.path.join(os.path.dirname(__file__), "known_failures.json")
STEPS = 6


def optimizer_id(info):
    return info.optim_cls.__name__


def _finding(info, variant, kind, where, detail):
    return Finding(optimizer_id(info), variant, kind, where, detail)


# ---- the problem both libraries optimise ---------------------------------------------------------------
def _initial_params(dtype, matrices_only):
    """Parameters as torch tensors: a weight, a bias, a 0-d scale and one that never gets a gradient."""
    gen = torch.Generator().manual_seed(7)
    shapes = [(5, 3), (4, 6)] if matrices_only else [(5, 3), (5,), ()]
    params = [torch.randn(s, generator=gen, dtype=dtype) for s in shapes]
    params.append(torch.randn(3, 2, generator=gen, dtype=dtype))   # unused by the loss: its grad stays None
    return [p.requires_grad_() for p in params]


def _loss(params, lib):
    """A smooth, non-quadratic loss of every parameter but the last (the same formula in both libraries)."""
    total = 0
    for i, p in enumerate(params[:-1]):
        total = total + ((p * (i + 1.5) - 0.3) ** 2).sum() + lib.sin(p).sum() * 0.5
    return total


def _closure(opt, params, lib):
    def closure():
        opt.zero_grad()
        loss = _loss(params, lib)
        loss.backward()
        return loss
    return closure


# ---- schedulers: torch's lambdas rebound to our lr_scheduler ------------------------------------------
def _ported_scheduler(fn):
    glb = dict(fn.__globals__)
    glb.update({name: getattr(optim.lr_scheduler, name) for name in dir(optim.lr_scheduler) if name[0].isupper()})
    return types.FunctionType(fn.__code__, glb, fn.__name__, fn.__defaults__, fn.__closure__)


def _step_schedulers(schedulers, loss):
    for s in schedulers:
        if type(s).__name__ == "ReduceLROnPlateau":
            s.step(loss.item())
        else:
            s.step()


# ---- comparing state_dicts --------------------------------------------------------------------------
def _plain(value):
    if isinstance(value, autograd.Tensor):
        return to_torch(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return value


def compare_state_dicts(expected, actual):
    """None when our optimizer ``state_dict()`` matches torch's, else a description of the first difference."""
    if list(expected) != list(actual):
        return f"keys {list(expected)} vs ours {list(actual)}"
    groups_t, groups_o = expected["param_groups"], actual["param_groups"]
    if len(groups_t) != len(groups_o):
        return f"{len(groups_t)} param_groups vs ours {len(groups_o)}"
    for i, (gt, go) in enumerate(zip(groups_t, groups_o)):
        if list(gt) != list(go):
            return f"param_groups[{i}] keys {list(gt)} vs ours {list(go)}"
        for k in gt:
            bad = _compare_value(gt[k], go[k], f"param_groups[{i}][{k!r}]")
            if bad:
                return bad
    st, so = expected["state"], actual["state"]
    if list(st) != list(so):
        return f"state has params {list(st)} vs ours {list(so)}"
    for idx in st:
        if list(st[idx]) != list(so[idx]):
            return f"state[{idx}] keys {list(st[idx])} vs ours {list(so[idx])}"
        for k in st[idx]:
            bad = _compare_value(st[idx][k], so[idx][k], f"state[{idx}][{k!r}]")
            if bad:
                return bad
    return None


def _compare_value(t, o, path):
    if isinstance(t, torch.Tensor):
        if not isinstance(o, autograd.Tensor):
            return f"{path}: a tensor in torch, ours {type(o).__name__} {o!r}"
        bad = compare(t.detach(), to_torch(o), path)
        return bad[1] if bad else None
    if isinstance(o, autograd.Tensor):
        return f"{path}: {type(t).__name__} {t!r} in torch, ours a tensor"
    if isinstance(t, (list, tuple)) and isinstance(o, (list, tuple)) and len(t) == len(o):
        if type(t) is not type(o):
            return f"{path}: {type(t).__name__} vs ours {type(o).__name__}"
        for i, (a, b) in enumerate(zip(t, o)):
            bad = _compare_value(a, b, f"{path}[{i}]")
            if bad:
                return bad
        return None
    if type(t) is not type(o) and not (isinstance(t, float) and isinstance(o, float)):
        return f"{path}: {type(t).__name__} {t!r} vs ours {type(o).__name__} {o!r}"
    bad = compare(t, o, path)
    return bad[1] if bad else None


def _state_to_ours(sd):
    """torch's optimizer state_dict with every tensor converted (for our ``load_state_dict``)."""
    def conv(v):
        if isinstance(v, torch.Tensor):
            return autograd.from_numpy(v.detach().numpy().copy())
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return type(v)(conv(x) for x in v)
        return v
    return conv(sd)


# ---- one configuration -----------------------------------------------------------------------------
def _build(info, kwargs, ckwargs, dtype):
    """(torch params, torch optimizer, our params, our optimizer) or raise what torch raises."""
    for matrices_only in (False, True):
        params_t = _initial_params(dtype, matrices_only)
        try:
            opt_t = _call(info.optim_cls, (params_t,), kwargs)
        except Exception:
            if matrices_only:
                raise
            continue
        params_o = [autograd.from_numpy(p.detach().numpy().copy()).requires_grad_() for p in params_t]
        return params_t, opt_t, params_o, _call(getattr(optim, optimizer_id(info)), (params_o,), ckwargs)


def check_config(info, dtype, desc, kwargs, schedulers):
    variant = f"{str(dtype).split('.')[-1]}"
    where = f"{desc} {kwargs}" if kwargs else desc
    try:
        ckwargs = to_ours(dict(kwargs), {})
    except Unsupported:
        return []
    try:
        params_t, opt_t, params_o, opt_o = _build(info, kwargs, ckwargs, dtype)
    except Exception as e:
        return _construction_error(info, variant, where, e, kwargs, ckwargs, dtype)
    if opt_o is None:
        return [_finding(info, variant, "construct", where, "ours returned None")]
    scheds_t = [make(opt_t) for make in schedulers]
    scheds_o = [_ported_scheduler(make)(opt_o) for make in schedulers]
    closure_t = _closure(opt_t, params_t, torch)
    closure_o = _closure(opt_o, params_o, autograd)
    for step in range(STEPS):
        try:
            loss_t = opt_t.step(closure_t) if info.step_requires_closure else (closure_t(), opt_t.step())[0]
        except Exception as e:
            bad = refusal_verdict(e, lambda: opt_o.step(closure_o) if info.step_requires_closure
                                  else (closure_o(), opt_o.step()), "step")
            return [_finding(info, variant, bad[0], where, bad[1])] if bad else []
        try:
            loss_o = opt_o.step(closure_o) if info.step_requires_closure else (closure_o(), opt_o.step())[0]
        except Exception as e:
            return [_finding(info, variant, "raises", where, f"step {step}: {type(e).__name__}: {str(e)[:160]}")]
        if info.step_requires_closure:
            bad = compare(loss_t.detach(), to_torch(loss_o), "loss") if isinstance(loss_t, torch.Tensor) else None
            if bad:
                return [_finding(info, variant, "loss", where, f"step {step}: {bad[1]}")]
        _step_schedulers(scheds_t, loss_t)
        _step_schedulers(scheds_o, loss_o)
        for i, (pt, po) in enumerate(zip(params_t, params_o)):
            bad = compare(pt.detach(), to_torch(po), f"param[{i}]")
            if bad:
                return [_finding(info, variant, "params", where, f"after step {step}: {bad[1]}")]
    bad = compare_state_dicts(opt_t.state_dict(), opt_o.state_dict())
    if bad:
        return [_finding(info, variant, "state_dict", where, bad)]
    return _check_load(info, variant, where, opt_t, params_t, kwargs, ckwargs, dtype)


def _check_load(info, variant, where, opt_t, params_t, kwargs, ckwargs, dtype):
    """torch's state loaded into a fresh optimizer in each library: the next step must match."""
    sd = opt_t.state_dict()
    params_t = [p.detach().clone().requires_grad_() for p in params_t]
    params_o = [autograd.from_numpy(p.detach().numpy().copy()).requires_grad_() for p in params_t]
    try:
        opt_t = _call(info.optim_cls, (params_t,), kwargs)
        opt_t.load_state_dict(sd)
    except Exception:
        return []
    try:
        opt_o = _call(getattr(optim, optimizer_id(info)), (params_o,), ckwargs)
        opt_o.load_state_dict(_state_to_ours(sd))
    except Exception as e:
        return [_finding(info, variant, "load_state_dict", where, f"{type(e).__name__}: {str(e)[:160]}")]
    bad = compare_state_dicts(opt_t.state_dict(), opt_o.state_dict())
    if bad:
        return [_finding(info, variant, "load_state_dict", where, f"loaded: {bad}")]
    closure_t = _closure(opt_t, params_t, torch)
    closure_o = _closure(opt_o, params_o, autograd)
    try:
        opt_t.step(closure_t) if info.step_requires_closure else (closure_t(), opt_t.step())
    except Exception:
        return []
    try:
        opt_o.step(closure_o) if info.step_requires_closure else (closure_o(), opt_o.step())
    except Exception as e:
        return [_finding(info, variant, "load_state_dict", where, f"step raised {type(e).__name__}: {str(e)[:160]}")]
    for i, (pt, po) in enumerate(zip(params_t, params_o)):
        bad = compare(pt.detach(), to_torch(po), f"param[{i}]")
        if bad:
            return [_finding(info, variant, "load_state_dict", where, f"step after loading: {bad[1]}")]
    bad = compare_state_dicts(opt_t.state_dict(), opt_o.state_dict())
    return [_finding(info, variant, "load_state_dict", where, f"after a step: {bad}")] if bad else []


def _construction_error(info, variant, where, e, kwargs, ckwargs, dtype):
    params_o = [autograd.from_numpy(p.detach().numpy().copy()).requires_grad_()
                for p in _initial_params(dtype, True)]
    bad = refusal_verdict(e, lambda: _call(getattr(optim, optimizer_id(info)), (params_o,), ckwargs), "construct")
    return [_finding(info, variant, bad[0], where, bad[1])] if bad else []


def configurations(info, dtype):
    """(description, kwargs) for each of torch's inputs, and again with each supported implementation flag."""
    torch.default_generator.manual_seed(0)
    out = []
    for oi in info.optim_inputs_func(device="cpu", dtype=dtype):
        if oi.params is not None:
            continue
        out.append((oi.desc, dict(oi.kwargs)))
        for impl in ("foreach", "fused"):
            if impl in info.supported_impls and not oi.desc.startswith(("Tensor lr", "tensor lr")):
                out.append((f"{oi.desc}, {impl}", {**oi.kwargs, impl: True}))
    return out


def check_optimizer(info):
    if getattr(optim, optimizer_id(info), None) is None:
        return [_finding(info, "-", "missing", "", "no such optimizer here")]
    findings = []
    for dtype in DTYPES:
        for desc, kwargs in configurations(info, dtype):
            findings += check_config(info, dtype, desc, kwargs, [])
        for k, schedulers in enumerate(info.scheduler_inputs):
            findings += check_config(info, dtype, f"schedulers {k}", {}, list(schedulers))
    return findings + check_errors(info)


def check_errors(info):
    if info.optim_error_inputs_func is None:
        return []
    from torch.testing._internal.common_optimizers import OptimizerErrorEnum
    findings = []
    torch.default_generator.manual_seed(0)
    try:
        errors = list(info.optim_error_inputs_func(device="cpu", dtype=torch.float32))
    except Exception:
        return []
    ours_cls = getattr(optim, optimizer_id(info))
    for i, err in enumerate(errors):
        oi = err.optimizer_error_input
        where = f"#{i} {oi.desc}"
        leaves = {}
        try:
            params = to_ours(oi.params, leaves) if oi.params is not None else [
                autograd.from_numpy(p.detach().numpy().copy()).requires_grad_()
                for p in _initial_params(torch.float32, True)]
            kwargs = to_ours(dict(oi.kwargs), leaves)
        except Unsupported:
            continue
        if issubclass(err.error_type, Warning):   # torch's test asserts a warning here, not an exception
            findings += _check_warning(info, err, where, ours_cls, params, kwargs, OptimizerErrorEnum)
            continue
        def run():
            opt = _call(ours_cls, (params,), kwargs)
            if err.error_on == OptimizerErrorEnum.STEP_ERROR:
                _call(opt.step, (), {})
        bad = error_input_verdict(run, err.error_type, err.error_regex)
        if bad:
            findings.append(_finding(info, "errors", bad[0], where, bad[1]))
    return findings


def _check_warning(info, err, where, ours_cls, params, kwargs, enum):
    import warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            opt = ours_cls(params, **kwargs)
            if err.error_on == enum.STEP_ERROR:
                opt.step()
        except Exception as e:
            return [_finding(info, "errors", "raises", where, f"torch warns {err.error_type.__name__}; ours raised "
                             f"{type(e).__name__}: {str(e)[:120]!r}")]
    if not any(issubclass(w.category, err.error_type) and re.search(err.error_regex, str(w.message)) for w in caught):
        return [_finding(info, "errors", "no-warning", where, f"torch warns {err.error_type.__name__} "
                         f"/{err.error_regex}/; ours {[str(w.message)[:80] for w in caught]}")]
    return []


def optimizer_database():
    from torch.testing._internal import common_utils
    from torch.testing._internal.common_optimizers import optim_db
    common_utils.extract_test_fn = lambda: None
    return list(optim_db)


def _database():
    from tests.torch_databases import Database
    return Database("optimizers", optimizer_database, optimizer_id, check_optimizer, KNOWN_FILE, "tests.optiminfo.report")


DATABASE = _database()
