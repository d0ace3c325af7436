"""RMSprop, optionally centered and with momentum (``torch.optim.RMSprop``)."""
from autograd import kernels as K

from .optimizer import Optimizer, _check_flags, _check_lr, _check_nonneg, _new_step, _to_scalar, _unused, _zeros_like

__all__ = ["RMSprop"]


class RMSprop(Optimizer):
    """RMSprop; state: ``step``, ``square_avg`` (+ ``momentum_buffer`` with momentum, ``grad_avg`` if centered)."""

    _group_fallbacks = {"momentum": 0, "centered": False, "foreach": None, "maximize": False,
                        "differentiable": False, "capturable": False}
    _scalar_states = ("step",)

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False,
                 capturable=False, foreach=None, maximize=False, differentiable=False):
        _check_lr(lr)
        _check_nonneg("epsilon value", eps)
        _check_nonneg("momentum value", momentum)
        _check_nonneg("weight_decay value", weight_decay)
        _check_nonneg("alpha value", alpha)
        defaults = {"lr": lr, "momentum": momentum, "alpha": alpha, "eps": eps, "centered": centered,
                    "weight_decay": weight_decay, "capturable": capturable, "foreach": foreach,
                    "maximize": maximize, "differentiable": differentiable}
        _check_flags(differentiable)
        super().__init__(params, defaults)

    def step(self, closure=None):
        """Perform a single optimization step; ``closure`` re-evaluates the model and returns the loss."""
        return self._run_step(closure)

    def _update(self, p, grad, group):
        state = self.state[p]
        momentum, centered = group["momentum"], group["centered"]
        if len(state) == 0:
            state["step"] = _new_step()
            state["square_avg"] = _zeros_like(p)
            if momentum > 0:
                state["momentum_buffer"] = _zeros_like(p)
            if centered:
                state["grad_avg"] = _zeros_like(p)
        state["step"]._data += 1
        K.rmsprop_update(p._data, grad, state["square_avg"]._data,
                         state["grad_avg"]._data if centered else _unused(p._data),
                         state["momentum_buffer"]._data if momentum > 0 else _unused(p._data),
                         _to_scalar(group["lr"]), group["alpha"], group["eps"], group["weight_decay"], momentum,
                         centered, group["maximize"])
