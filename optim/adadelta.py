"""Adadelta: per-element step sizes from running averages of squared gradients and updates
(``torch.optim.Adadelta``)."""
import numpy as np

from ._elementwise import ElementwiseOptimizer, decayed_grad
from .optimizer import _check_flags, _check_lr, _check_nonneg

__all__ = ["Adadelta"]


class Adadelta(ElementwiseOptimizer):
    """Adadelta; state: ``step``, ``square_avg`` (of gradients), ``acc_delta`` (of updates)."""

    _arrays = ("square_avg", "acc_delta")

    def __init__(self, params, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0, foreach=None, *, capturable=False,
                 maximize=False, differentiable=False):
        _check_lr(lr)
        if not 0.0 <= rho <= 1.0:
            raise ValueError(f"Invalid rho value: {rho}")
        _check_nonneg("epsilon value", eps)
        _check_nonneg("weight_decay value", weight_decay)
        defaults = {"lr": lr, "rho": rho, "eps": eps, "weight_decay": weight_decay, "maximize": maximize,
                    "capturable": capturable, "foreach": foreach, "differentiable": differentiable}
        _check_flags(differentiable)
        super().__init__(params, defaults)

    def _apply(self, param, grad, state, group, step, lr):
        rho, eps = group["rho"], group["eps"]
        g = decayed_grad(param, grad, group, lr)
        square_avg, acc_delta = state["square_avg"]._data, state["acc_delta"]._data
        square_avg *= rho
        square_avg += (1 - rho) * g * g
        std = np.sqrt(square_avg + eps)
        delta = np.sqrt(acc_delta + eps)
        delta /= std
        delta *= g
        acc_delta *= rho
        acc_delta += (1 - rho) * delta * delta
        param += (-lr) * delta
