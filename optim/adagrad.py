"""Adagrad with learning-rate decay and an initial accumulator value (``torch.optim.Adagrad``)."""
from autograd import kernels as K

from .optimizer import Optimizer, _check_flags, _check_lr, _check_nonneg, _new_step, _to_scalar, _zeros_like

__all__ = ["Adagrad"]


class Adagrad(Optimizer):
    """Adagrad; state (created eagerly, as in PyTorch): ``step`` and ``sum``."""

    _group_fallbacks = {"foreach": None, "maximize": False, "differentiable": False, "fused": None}
    _scalar_states = ("step",)

    def __init__(self, params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10,
                 foreach=None, *, maximize=False, differentiable=False, fused=None):
        _check_lr(lr)
        _check_nonneg("lr_decay value", lr_decay)
        _check_nonneg("weight_decay value", weight_decay)
        _check_nonneg("initial_accumulator_value value", initial_accumulator_value)
        _check_nonneg("epsilon value", eps)
        defaults = {"lr": lr, "lr_decay": lr_decay, "eps": eps, "weight_decay": weight_decay,
                    "initial_accumulator_value": initial_accumulator_value, "foreach": foreach,
                    "maximize": maximize, "differentiable": differentiable, "fused": fused}
        _check_flags(differentiable, fused, foreach)
        super().__init__(params, defaults)
        for group in self.param_groups:
            for p in group["params"]:
                self._init_state(self.state[p], p)

    def _init_state(self, state, p):
        state["step"] = _new_step()
        state["sum"] = _zeros_like(p, self.defaults["initial_accumulator_value"])

    def step(self, closure=None):
        """Perform a single optimization step; ``closure`` re-evaluates the model and returns the loss."""
        return self._run_step(closure)

    def _update(self, p, grad, group):
        state = self.state[p]
        if len(state) == 0:
            self._init_state(state, p)
        step = state["step"]._data
        step += 1
        K.adagrad_update(p._data, grad, state["sum"]._data, float(step), _to_scalar(group["lr"]), group["lr_decay"],
                         group["weight_decay"], group["eps"], group["maximize"])
