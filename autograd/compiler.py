"""``autograd.compile`` / ``autograd.compiler``: there is no graph compiler here, so compiling is the identity
on behaviour. A module comes back wrapped as torch's ``OptimizedModule`` (same repr, ``_orig_mod.`` state_dict
keys, attributes forwarded), a function comes back as itself, and every option is accepted."""
import functools

__all__ = ["compile", "reset", "is_compiling", "is_dynamo_compiling", "disable", "allow_in_graph", "assume_constant_result"]


def compile(model=None, *, fullgraph=False, dynamic=None, backend="inductor", mode=None, options=None, disable=False):
    """Like ``torch.compile``; also usable as ``@compile`` and ``@compile(mode=...)``."""
    if mode is not None and options is not None:
        raise RuntimeError("Either mode or options can be specified, but both can't be specified at the same time.")
    if model is None:
        return lambda fn: compile(fn, fullgraph=fullgraph, dynamic=dynamic, backend=backend, mode=mode,
                                  options=options, disable=disable)
    if not callable(model):
        raise RuntimeError("compile(): model must be callable")
    from nn import Module
    if isinstance(model, Module):
        from nn.modules.compiled import OptimizedModule
        return OptimizedModule(model)
    return functools.wraps(model)(lambda *args, **kwargs: model(*args, **kwargs))


def reset():
    """Nothing is cached."""


def is_compiling():
    return False


is_dynamo_compiling = is_compiling


def disable(fn=None, recursive=True, *, reason=None):
    return (lambda f: f) if fn is None else fn


def allow_in_graph(fn):
    return fn


def assume_constant_result(fn):
    return fn
