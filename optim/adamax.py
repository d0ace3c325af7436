"""Adamax: Adam with the infinity norm in place of the second moment (``torch.optim.Adamax``)."""
import numpy as np

from ._elementwise import ElementwiseOptimizer, _lerp_, decayed_grad, rdiv, scalar_value
from .optimizer import _check_adam_args, _check_flags

__all__ = ["Adamax"]


class Adamax(ElementwiseOptimizer):
    """Adamax; state: ``step``, ``exp_avg``, ``exp_inf`` (exponentially weighted infinity norm)."""

    _arrays = ("exp_avg", "exp_inf")

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, foreach=None, *,
                 maximize=False, differentiable=False, capturable=False):
        _check_adam_args(lr, betas, eps, weight_decay)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay, "foreach": foreach,
                    "maximize": maximize, "differentiable": differentiable, "capturable": capturable}
        _check_flags(differentiable)
        super().__init__(params, defaults)

    def _apply(self, param, grad, state, group, step, lr):
        beta1, beta2 = map(scalar_value, group["betas"])
        g = decayed_grad(param, grad, group, lr)
        exp_avg, exp_inf = state["exp_avg"]._data, state["exp_inf"]._data
        _lerp_(exp_avg, g, 1 - beta1)
        exp_inf *= beta2
        norm = np.abs(g)
        norm += group["eps"]
        np.maximum(exp_inf, norm, out=exp_inf)
        clr = rdiv(lr, 1 - beta1 ** step)
        param += (-clr) * exp_avg / exp_inf
