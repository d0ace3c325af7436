"""Call a module with some parameters/buffers swapped for given tensors (``torch.nn.utils.stateless``).

``functional_call`` puts the tensors into the module's ``_parameters``/``_buffers`` for one call and
restores the originals afterwards; gradients then flow to the given tensors (meta-learning, ensembling).
"""
import contextlib
import warnings
from collections.abc import Sequence

from autograd.tensor import Tensor

__all__ = ["functional_call"]

_MISSING = object()


def _untie_named_tensors_map(module, parameters_and_buffers):
    """Spread a value given for one name of a tied tensor to all its names (PyTorch's ``tie_weights``)."""
    all_named = dict(module.named_parameters(remove_duplicate=False))
    all_named.update(module.named_buffers(remove_duplicate=False))
    names_of = {}
    for name, t in all_named.items():
        names_of.setdefault(id(t), set()).add(name)
    tied = {n: names for names in names_of.values() if len(names) > 1 for n in names}
    given_tied = {n for n in parameters_and_buffers if n in tied}
    for name in given_tied:
        names = tied[name]
        if (len(names & given_tied) > 1
                and len({id(parameters_and_buffers[n]) for n in names if n in parameters_and_buffers}) != 1):
            raise ValueError(f"functional_call got multiple values for keys {sorted(names)}, which are tied. "
                             "Consider using tie_weights=False")
    untied = dict(parameters_and_buffers)
    for name in given_tied:
        for other in tied[name]:
            untied[other] = parameters_and_buffers[name]
    return untied


def _swap_tensor(module, name, tensor):
    """Put ``tensor`` at ``name`` (a dotted path) and return what was there (``_MISSING`` if nothing)."""
    path, _, attr = name.rpartition(".")
    mod = module.get_submodule(path)
    if tensor is not _MISSING and not isinstance(tensor, Tensor):
        raise TypeError(f"{tensor} is not an instance of torch.Tensor")
    if attr in mod._parameters:
        orig = mod._parameters[attr]
    elif attr in mod._buffers:
        orig = mod._buffers[attr]
    elif hasattr(mod, attr):
        orig = getattr(mod, attr)
    else:
        orig = _MISSING
    if orig is not _MISSING and orig is not None and not isinstance(orig, Tensor):
        raise TypeError(f"attribute `{attr}`: {orig} is not an instance of torch.Tensor")
    if tensor is _MISSING:
        if hasattr(mod, attr):
            delattr(mod, attr)
    elif attr in mod._parameters:
        mod._parameters[attr] = tensor
    elif attr in mod._buffers:
        mod._buffers[attr] = tensor
    else:
        object.__setattr__(mod, attr, tensor)
    return orig


@contextlib.contextmanager
def _reparametrize_module(module, parameters_and_buffers, tie_weights=False, strict=False):
    values = _untie_named_tensors_map(module, parameters_and_buffers) if tie_weights else parameters_and_buffers
    if strict:
        valid = {n for n, _ in module.named_parameters(remove_duplicate=False)}
        valid |= {n for n, _ in module.named_buffers(remove_duplicate=False)}
        missing, unexpected = sorted(valid - set(values)), sorted(set(values) - valid)
        msgs = []
        if unexpected:
            msgs.append(f"Unexpected key(s): {', '.join(map(repr, unexpected))}.")
        if missing:
            msgs.append(f"Missing key(s): {', '.join(map(repr, missing))}.")
        if msgs:
            raise RuntimeError("Error(s) in reparametrizing for {}:\n\t{}".format(module._get_name(),
                                                                               "\n\t".join(msgs)))
    originals = {}
    try:
        for name, tensor in values.items():
            originals[name] = _swap_tensor(module, name, tensor)
        yield
    finally:
        current = {name: _swap_tensor(module, name, orig) for name, orig in originals.items()}
        parameters_and_buffers.update({k: current[k] for k in parameters_and_buffers if k in current})


def _functional_call(module, parameters_and_buffers, args=None, kwargs=None, *, tie_weights=True, strict=False):
    if kwargs is None:
        kwargs = {}
    if args is None:
        args = ()
    elif not isinstance(args, tuple):
        args = (args,)
    with _reparametrize_module(module, parameters_and_buffers, tie_weights=tie_weights, strict=strict):
        return module(*args, **kwargs)


def functional_call(module, parameters_and_buffers, args=None, kwargs=None, *, tie_weights=True, strict=False):
    """Deprecated in PyTorch in favour of ``torch.func.functional_call`` (which also takes a list of dicts)."""
    warnings.warn("`torch.nn.utils.stateless.functional_call` is deprecated as of PyTorch 2.0 and will be removed "
                  "in a future version of PyTorch. Please use `torch.func.functional_call` instead which is a "
                  "drop-in replacement.", FutureWarning, stacklevel=2)
    return _functional_call(module, parameters_and_buffers, args, kwargs, tie_weights=tie_weights, strict=strict)


def _merge_dicts(parameter_and_buffer_dicts):
    """``torch.func.functional_call``'s first argument: one dict, or a list/tuple of disjoint dicts."""
    if isinstance(parameter_and_buffer_dicts, dict):
        return parameter_and_buffer_dicts
    if isinstance(parameter_and_buffer_dicts, Sequence):
        if not all(isinstance(d, dict) for d in parameter_and_buffer_dicts):
            raise ValueError("Expected all elements of parameter_and_buffer_dicts to be dictionaries")
        counts = {}
        for d in parameter_and_buffer_dicts:
            for k in d:
                counts[k] = counts.get(k, 0) + 1
        repeated = [k for k, n in counts.items() if n > 1]
        if repeated:
            raise ValueError(f"{repeated} appeared in multiple dictionaries; behavior of functional call is "
                             "ambiguous")
        return {k: v for d in parameter_and_buffer_dicts for k, v in d.items()}
    raise ValueError("Expected parameter_and_buffer_dicts to be a dict, or a list/tuple of dicts, but got "
                     f"{type(parameter_and_buffer_dicts)}")
