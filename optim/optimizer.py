"""Optimizer: parameter groups, per-parameter state, state_dict and hooks (``torch.optim.Optimizer``).

Concrete optimizers only describe one parameter's update (``_update``, a call to a fused kernel in
``autograd.kernels``); ``_run_step`` drives it over every parameter that has a gradient, without
recording a graph, and bumps each parameter's version counter as an in-place op would.
"""
import functools
from collections import OrderedDict, defaultdict
from copy import deepcopy
from itertools import chain
import warnings

import numpy as np

from autograd import _dtype, profiler
from autograd.grad_mode import enable_grad, no_grad
from autograd.tensor import Tensor
from nn.module import _register_hook, typename

__all__ = ["Optimizer", "required", "register_optimizer_step_pre_hook", "register_optimizer_step_post_hook"]

_global_optimizer_pre_hooks = OrderedDict()
_global_optimizer_post_hooks = OrderedDict()


class _RequiredParameter:
    """Singleton marking a hyperparameter every param group must specify."""

    def __repr__(self):
        return "<required parameter>"


required = _RequiredParameter()


def register_optimizer_step_pre_hook(hook):
    """Register ``hook(optimizer, args, kwargs)`` to run before every optimizer's ``step``."""
    return _register_hook(_global_optimizer_pre_hooks, hook)


def register_optimizer_step_post_hook(hook):
    """Register ``hook(optimizer, args, kwargs)`` to run after every optimizer's ``step``."""
    return _register_hook(_global_optimizer_post_hooks, hook)


def _to_scalar(x):
    """A hyperparameter as a Python number (1-element Tensors allowed, as in PyTorch)."""
    return x.item() if isinstance(x, Tensor) else x


def _scalar_dtype():
    """dtype of the ``state['step']`` counters: float64 under a float64 default dtype, else float32."""
    return _dtype.float64 if _dtype.get_default_dtype() is _dtype.float64 else _dtype.float32


def _new_scalar(value):
    """A 0-dim state counter (``step``, ``mu_product``, ...) in the scalar dtype."""
    return Tensor._make(np.array(value, _scalar_dtype().np))


def _new_step():
    return _new_scalar(0.0)


def _zeros_like(p, fill=0):
    return Tensor._make(np.full(p._data.shape, fill, p._data.dtype))


_UNUSED = {}


def _unused(arr):
    """A zero-size stand-in (same dtype and ndim) for a state array a kernel does not touch."""
    key = (arr.dtype, arr.ndim)
    out = _UNUSED.get(key)
    if out is None:
        out = _UNUSED[key] = np.empty((0,) * arr.ndim, arr.dtype)
    return out


def _hooked_step(func):
    """Wrap a ``step`` implementation with the global and per-optimizer step pre/post hooks."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        self = args[0]
        for pre_hook in chain(_global_optimizer_pre_hooks.values(), self._optimizer_step_pre_hooks.values()):
            result = pre_hook(self, args, kwargs)
            if result is not None:
                if isinstance(result, tuple) and len(result) == 2:
                    args, kwargs = result
                else:
                    raise RuntimeError(f"{func} must return None or a tuple of (new_args, new_kwargs), "
                                       f"but got {result}.")
        out = func(*args, **kwargs)
        for post_hook in chain(self._optimizer_step_post_hooks.values(), _global_optimizer_post_hooks.values()):
            post_hook(self, args, kwargs)
        return out
    wrapper.hooked = True
    return wrapper


def _profiled(method):
    """While a profile is open, the call is one row named as PyTorch's profiler names it
    (``Optimizer.step#Adam.step``)."""
    def decorate(fn):
        @functools.wraps(fn)
        def run(self, *args, **kwargs):
            if not profiler._ACTIVE:
                return fn(self, *args, **kwargs)
            with profiler.record_function(f"Optimizer.{method}#{type(self).__name__}.{method}"):
                return fn(self, *args, **kwargs)
        return run
    return decorate


class Optimizer:
    """Base class for all optimizers: ``Optimizer(params, defaults)``.

    ``params`` is an iterable of Tensors, of ``(name, Tensor)`` pairs, or of dicts (param groups
    with per-group options); ``defaults`` fills every option a group does not set.
    """

    _group_fallbacks = {}  # options a param group saved by an older version may lack
    _scalar_states = ()  # 0-dim state an older version may have saved as a Python number (built-ins only:
    # a user subclass keeps its own ``state["step"] = 0`` as it saved it, as in PyTorch)

    def __init__(self, params, defaults):
        self.defaults = defaults
        self._optimizer_step_pre_hooks = OrderedDict()
        self._optimizer_step_post_hooks = OrderedDict()
        self._optimizer_state_dict_pre_hooks = OrderedDict()
        self._optimizer_state_dict_post_hooks = OrderedDict()
        self._optimizer_load_state_dict_pre_hooks = OrderedDict()
        self._optimizer_load_state_dict_post_hooks = OrderedDict()
        self._patch_step_function()
        if isinstance(params, Tensor):
            raise TypeError("params argument given to the optimizer should be an iterable of Tensors or dicts, "
                            "but got " + typename(params))
        self.state = defaultdict(dict)
        self.param_groups = []
        param_groups = list(params)
        if len(param_groups) == 0:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(param_groups[0], dict):
            param_groups = [{"params": param_groups}]
        for param_group in param_groups:
            self.add_param_group(param_group)

    def _patch_step_function(self):
        cls = self.__class__
        if not getattr(cls.step, "hooked", False):
            cls.step = _hooked_step(cls.step)

    # ---- pickling / loading ------------------------------------------------------------------
    def __getstate__(self):
        return {"defaults": self.defaults, "state": self.state, "param_groups": self.param_groups}

    def __setstate__(self, state):
        self.__dict__.update(state)
        for name in ("_optimizer_step_pre_hooks", "_optimizer_step_post_hooks",
                     "_optimizer_state_dict_pre_hooks", "_optimizer_state_dict_post_hooks",
                     "_optimizer_load_state_dict_pre_hooks", "_optimizer_load_state_dict_post_hooks"):
            if name not in self.__dict__:
                setattr(self, name, OrderedDict())
        self._patch_step_function()
        self.defaults.setdefault("differentiable", False)
        for s in self.state.values():
            for key in self._scalar_states if isinstance(s, dict) else ():
                if key in s and not isinstance(s[key], Tensor):
                    s[key] = _new_scalar(float(s[key]))
        for group in self.param_groups:
            for name, value in self._group_fallbacks.items():
                group.setdefault(name, value)

    def __repr__(self):
        format_string = self.__class__.__name__ + " ("
        for i, group in enumerate(self.param_groups):
            format_string += "\n"
            format_string += f"Parameter Group {i}\n"
            for key in sorted(group.keys()):
                if key != "params":
                    format_string += f"    {key}: {group[key]}\n"
        format_string += ")"
        return format_string

    # ---- hooks -------------------------------------------------------------------------------
    def register_step_pre_hook(self, hook):
        return _register_hook(self._optimizer_step_pre_hooks, hook)

    def register_step_post_hook(self, hook):
        return _register_hook(self._optimizer_step_post_hooks, hook)

    def register_state_dict_pre_hook(self, hook, prepend=False):
        return _register_hook(self._optimizer_state_dict_pre_hooks, hook, prepend)

    def register_state_dict_post_hook(self, hook, prepend=False):
        return _register_hook(self._optimizer_state_dict_post_hooks, hook, prepend)

    def register_load_state_dict_pre_hook(self, hook, prepend=False):
        return _register_hook(self._optimizer_load_state_dict_pre_hooks, hook, prepend)

    def register_load_state_dict_post_hook(self, hook, prepend=False):
        return _register_hook(self._optimizer_load_state_dict_post_hooks, hook, prepend)

    # ---- state_dict ------------------------------------------------------------------------
    def state_dict(self):
        """``{'state': {id: {...}}, 'param_groups': [{..., 'params': [ids]}]}``; ids number the params in order.

        As in PyTorch the state tensors are returned by reference (deep-copy to snapshot them).
        """
        for pre_hook in self._optimizer_state_dict_pre_hooks.values():
            pre_hook(self)
        param_mappings = {}
        start_index = 0

        def pack_group(group):
            nonlocal start_index
            packed = {k: v for k, v in group.items() if k != "params"}
            param_mappings.update({id(p): i for i, p in enumerate(group["params"], start_index)
                                   if id(p) not in param_mappings})
            packed["params"] = [param_mappings[id(p)] for p in group["params"]]
            start_index += len(packed["params"])
            return packed

        param_groups = [pack_group(g) for g in self.param_groups]
        packed_state = {(param_mappings[id(k)] if isinstance(k, Tensor) else k): v for k, v in self.state.items()}
        state_dict = {"state": packed_state, "param_groups": param_groups}
        for post_hook in self._optimizer_state_dict_post_hooks.values():
            result = post_hook(self, state_dict)
            if result is not None:
                state_dict = result
        return state_dict

    @staticmethod
    def _cast_state(param, value, key=None):
        """Map a saved state value onto ``param``: float tensors take its dtype; ``step`` is kept as is."""
        if isinstance(value, Tensor):
            if key == "step" or not param.is_floating_point():
                return value
            return value.to(dtype=param.dtype)
        if isinstance(value, dict):
            return {k: Optimizer._cast_state(param, v, k) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(Optimizer._cast_state(param, v) for v in value)
        return value

    def load_state_dict(self, state_dict):
        """Load a ``state_dict()``: groups must match in number and size; state maps back by position."""
        state_dict = state_dict.copy()
        for pre_hook in self._optimizer_load_state_dict_pre_hooks.values():
            result = pre_hook(self, state_dict)
            if result is not None:
                state_dict = result
        groups = self.param_groups
        saved_groups = deepcopy(state_dict["param_groups"])
        if len(groups) != len(saved_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        if any(len(g["params"]) != len(s["params"]) for g, s in zip(groups, saved_groups)):
            raise ValueError("loaded state dict contains a parameter group that doesn't match the size of "
                             "optimizer's group")
        id_map = dict(zip(chain.from_iterable(g["params"] for g in saved_groups),
                          chain.from_iterable(g["params"] for g in groups)))
        state = defaultdict(dict)
        for k, v in state_dict["state"].items():
            if k in id_map:
                param = id_map[k]
                state[param] = self._cast_state(param, v)
            else:
                state[k] = v

        def update_group(group, new_group):
            new_group["params"] = group["params"]
            if "param_names" in group and "param_names" not in new_group:
                new_group["param_names"] = group["param_names"]
            return new_group

        param_groups = [update_group(g, ng) for g, ng in zip(groups, saved_groups)]
        self.__setstate__({"state": state, "param_groups": param_groups})
        for post_hook in self._optimizer_load_state_dict_post_hooks.values():
            post_hook(self)

    # ---- gradients and steps -------------------------------------------------------------------
    @_profiled("zero_grad")
    def zero_grad(self, set_to_none=True):
        """Reset the gradients of all optimized tensors: to None (default) or to zeros."""
        for group in self.param_groups:
            for p in group["params"]:
                g = p._grad
                if g is None:
                    continue
                if set_to_none:
                    p._grad = None
                else:
                    if g.grad_fn is not None:
                        g.detach_()
                    else:
                        g.requires_grad_(False)
                    g.zero_()

    def step(self, closure=None):
        """Perform a single optimization step; ``closure`` re-evaluates the model and returns the loss."""
        raise NotImplementedError

    @_profiled("step")
    def _run_step(self, closure):
        """Shared ``step`` driver: evaluate ``closure`` with grad on, then update every parameter with a grad."""
        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        with no_grad():
            for group in self.param_groups:
                for p in group["params"]:
                    if p._grad is None:
                        continue
                    self._update(p, p._grad._data, group)
                    p._version_counter[0] += 1
        return loss

    def _update(self, p, grad, group):
        """Update one parameter in place from its gradient array ``grad`` (concrete optimizers)."""
        raise NotImplementedError

    def add_param_group(self, param_group):
        """Add a param group (a dict with ``'params'`` and optional per-group options)."""
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {type(param_group)}")
        params = param_group["params"]
        if isinstance(params, Tensor):
            param_group["params"] = [params]
        elif isinstance(params, set):
            raise TypeError("optimizer parameters need to be organized in ordered collections, but the ordering "
                            "of tensors in sets will change between runs. Please use a list instead.")
        else:
            param_group["params"] = list(params)
        tensors, names = [], []
        for param in param_group["params"]:
            if isinstance(param, tuple):
                names.append(param[0])
                tensors.append(param[1])
            else:
                tensors.append(param)
        param_group["params"] = tensors
        if names:
            if len(names) != len(tensors):
                raise ValueError("all optimizer params should be with/without names. Some param names are missing")
            param_group["param_names"] = names
        for param in tensors:
            if not isinstance(param, Tensor):
                raise TypeError("optimizer can only optimize Tensors, but one of the params is " + typename(param))
            if not self.defaults.get("differentiable", None) and not (param.is_leaf or param.retains_grad):
                raise ValueError("can't optimize a non-leaf Tensor")
        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise ValueError(f"parameter group didn't specify a value of required optimization parameter {name}")
            param_group.setdefault(name, default)
        if len(tensors) != len({id(p) for p in tensors}):
            warnings.warn("optimizer contains a parameter group with duplicate parameters; in future, this will "
                          "cause an error; see github.com/pytorch/pytorch/issues/40967 for more information",
                          stacklevel=3)
        seen = set()
        for group in self.param_groups:
            seen.update(id(p) for p in group["params"])
            if ("param_names" in param_group) != ("param_names" in group):
                current = "with names" if "param_names" in param_group else "without names"
                raise ValueError("all optimizer param groups should be with/without names. "
                                 f"cannot add param group {current} to the optimizer")
        if not seen.isdisjoint(id(p) for p in tensors):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)


def _check_flags(differentiable, fused=None, foreach=None):
    """``foreach``/``fused`` select PyTorch kernels and change nothing here; ``differentiable`` is unsupported.
    PyTorch's own ``fused`` checks come first, with its messages."""
    if fused:
        if differentiable:
            raise RuntimeError("`fused` does not support `differentiable`")
        if foreach:
            raise RuntimeError("`fused` and `foreach` cannot be `True` together.")
    if differentiable:
        raise NotImplementedError("differentiable=True is not supported: updates run as fused in-place kernels")


def _check_nonneg(label, value):
    """PyTorch's hyperparameter validation: ``ValueError('Invalid <label>: <value>')`` when negative."""
    if not 0.0 <= value:
        raise ValueError(f"Invalid {label}: {value}")


def _check_lr(lr):
    if isinstance(lr, Tensor) and lr.numel() != 1:
        raise ValueError("Tensor lr must be 1-element")
    _check_nonneg("learning rate", lr)


def _check_adam_args(lr, betas, eps, weight_decay):
    """The checks every Adam variant makes, in PyTorch's order: lr, eps, both betas in [0, 1), weight_decay."""
    _check_lr(lr)
    _check_nonneg("epsilon value", eps)
    for i in (0, 1):
        if not 0.0 <= betas[i] < 1.0:
            raise ValueError(f"Invalid beta parameter at index {i}: {betas[i]}")
    _check_nonneg("weight_decay value", weight_decay)
