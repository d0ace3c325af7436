"""Shared skeleton of the optimizers updated in plain NumPy, one parameter at a time.

NAdam, RAdam, Adamax, Adadelta, Rprop and ASGD differ only in the per-element rule (``_apply``); this
module holds what they share: lazy state (``step`` first, then 0-dim counters, then arrays like the
parameter), the step counter, ``maximize`` and weight decay on the gradient, and Adam's moment estimates.
Operation order follows PyTorch's single-tensor CPU path (hyperparameters meet float32 arrays as float32).
"""
import numpy as np

from autograd.kernels.ref_optim import _effective_grad, _lerp_
from autograd.tensor import Tensor

from .optimizer import Optimizer, _new_scalar, _new_step, _zeros_like

__all__ = ["ElementwiseOptimizer", "decayed_grad", "adam_moments", "scalar_value", "rdiv"]


def scalar_value(x):
    """A hyperparameter as PyTorch's update arithmetic sees it: a Python number, or for a Tensor (``lr``) a
    NumPy scalar of its dtype, which (like a 0-dim tensor) keeps that dtype in arithmetic with Python numbers."""
    return x._data.reshape(())[()] if isinstance(x, Tensor) else x


def rdiv(num, den):
    """``num / den`` as PyTorch computes a Python number over a 0-dim tensor: ``den.reciprocal() * num``."""
    return np.reciprocal(den) * num if isinstance(den, np.generic) and not isinstance(num, np.generic) else num / den


class ElementwiseOptimizer(Optimizer):
    """A subclass declares its state (``_scalars``, ``_arrays``) and implements ``_apply``."""

    _group_fallbacks = {"foreach": None, "maximize": False, "differentiable": False, "capturable": False}
    _scalar_states = ("step",)
    _scalars = {}  # 0-dim state after ``step``: name -> initial value, or a callable of the param group
    _arrays = ()  # per-element state, zeros like the parameter

    def step(self, closure=None):
        """Perform a single optimization step; ``closure`` re-evaluates the model and returns the loss."""
        return self._run_step(closure)

    def _init_state(self, state, p, group):
        state["step"] = _new_step()
        for name, init in self._scalars.items():
            state[name] = _new_scalar(init(group) if callable(init) else init)
        for name in self._arrays:
            state[name] = _zeros_like(p)

    def _update(self, p, grad, group):
        state = self.state[p]
        if len(state) == 0:
            self._init_state(state, p, group)
        state["step"]._data += 1
        self._apply(p._data, grad, state, group, float(state["step"]._data), scalar_value(group["lr"]))

    def _apply(self, param, grad, state, group, step, lr):
        """Update the array ``param`` in place at (already incremented) ``step`` (concrete optimizers)."""
        raise NotImplementedError


def decayed_grad(param, grad, group, lr):
    """``grad`` after ``maximize`` and weight decay: L2 (added to the gradient) or decoupled (shrinks ``param``)."""
    weight_decay = group.get("weight_decay", 0)
    if weight_decay != 0 and group.get("decoupled_weight_decay", False):
        param *= 1 - lr * weight_decay
        weight_decay = 0
    return _effective_grad(param, grad, weight_decay, group["maximize"])


def adam_moments(exp_avg, exp_avg_sq, g, beta1, beta2):
    """Adam's running averages of the gradient and its square, in place."""
    _lerp_(exp_avg, g, 1 - beta1)
    exp_avg_sq *= beta2
    exp_avg_sq += (1 - beta2) * g * g
