"""Shared helpers: normalise outputs, name leaves (from params or the caller's variables), walk nodes."""
import sys
from collections import deque

from ..tensor import Tensor


def caller_frame(depth=2):
    """The frame of whoever called the public function that calls this (for naming variables)."""
    try:
        return sys._getframe(depth)
    except ValueError:
        return None


def as_outputs(output, gradient=None):
    """``output`` (tensor, list/tuple or dict of tensors) -> (tensors, gradients or None)."""
    if isinstance(output, Tensor):
        outs = [output]
    elif isinstance(output, dict):
        outs = list(output.values())
    else:
        outs = list(output)
    for t in outs:
        if not isinstance(t, Tensor):
            raise TypeError(f"expected Tensor outputs, got {type(t).__name__}")
    if gradient is not None and isinstance(gradient, Tensor):
        gradient = (gradient,)
    return outs, (tuple(gradient) if gradient is not None else None)


def _is_module(obj):
    return callable(getattr(obj, "named_parameters", None)) and callable(getattr(obj, "named_modules", None))


def scope_of(frame):
    """(name, object) pairs visible in ``frame`` (locals first, then globals), private names skipped."""
    if frame is None:
        return []
    scopes = [frame.f_locals]
    if frame.f_globals is not frame.f_locals:
        scopes.append(frame.f_globals)
    return [(k, v) for sc in scopes for k, v in list(sc.items()) if not k.startswith("_")]


def leaf_names(params, scope=(), owners=None):
    """id(tensor) -> display name, from ``params`` (dict name->tensor, nn.Module, or (name, tensor)
    pairs), then from ``scope`` (the caller's variables; modules among them lend their parameter
    names). ``owners`` (a dict), if given, receives id(parameter) -> owning module path."""
    names = {}
    if params is not None:
        is_mod = _is_module(params)
        items = params.named_parameters() if is_mod else (
            params.items() if isinstance(params, dict) else params)
        for name, t in items:
            if isinstance(t, Tensor):
                names.setdefault(id(t), name)
                if is_mod and owners is not None:
                    owners.setdefault(id(t), name.rpartition(".")[0])
    modules = []
    for name, val in scope:
        if isinstance(val, Tensor):
            names.setdefault(id(val), name)
        elif _is_module(val) and not isinstance(val, type):
            modules.append(val)
    for m in modules:
        try:
            for name, t in m.named_parameters():
                if id(t) not in names:
                    names[id(t)] = name
                    if owners is not None and params is None:
                        owners.setdefault(id(t), name.rpartition(".")[0])
        except Exception:  # noqa: BLE001 - a half-built module must not break a drawing
            pass
    return names


def named_results(scope):
    """(grad_fn, output_nr) -> (name, tensor) for the non-leaf tensors among the caller's variables."""
    out = {}
    for name, val in scope:
        if isinstance(val, Tensor) and val.grad_fn is not None:
            out.setdefault((val.grad_fn, val._output_nr), (name, val))
    return out


def walk_nodes(roots):
    """Every node reachable from ``roots``, breadth-first (nearest the outputs first), iteratively."""
    seen = {}
    queue = deque()
    for r in roots:
        if r is not None and r not in seen:
            seen[r] = None
            queue.append(r)
    while queue:
        node = queue.popleft()
        for e in node.next_edges:
            if e is not None and e[0] not in seen:
                seen[e[0]] = None
                queue.append(e[0])
    return list(seen)


def saved_of(node):
    """The tensors a node saved for backward (None entries kept), without version checks."""
    saved = node._saved
    if not saved:
        return ()
    return tuple(s[0] if isinstance(s, tuple) else s for s in saved)
