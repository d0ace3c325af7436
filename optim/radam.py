"""RAdam: Adam with a rectified adaptive learning rate (``torch.optim.RAdam``)."""
import numpy as np

from ._elementwise import ElementwiseOptimizer, adam_moments, decayed_grad, scalar_value
from .optimizer import _check_adam_args, _check_flags

__all__ = ["RAdam"]


class RAdam(ElementwiseOptimizer):
    """RAdam; state: ``step``, ``exp_avg``, ``exp_avg_sq``. Plain momentum SGD until the variance is tractable."""

    _group_fallbacks = {**ElementwiseOptimizer._group_fallbacks, "decoupled_weight_decay": False}
    _arrays = ("exp_avg", "exp_avg_sq")

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, decoupled_weight_decay=False,
                 *, foreach=None, maximize=False, capturable=False, differentiable=False):
        _check_adam_args(lr, betas, eps, weight_decay)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay, "maximize": maximize,
                    "foreach": foreach, "capturable": capturable, "decoupled_weight_decay": decoupled_weight_decay,
                    "differentiable": differentiable}
        _check_flags(differentiable)
        super().__init__(params, defaults)

    def _apply(self, param, grad, state, group, step, lr):
        beta1, beta2 = map(scalar_value, group["betas"])
        g = decayed_grad(param, grad, group, lr)
        exp_avg, exp_avg_sq = state["exp_avg"]._data, state["exp_avg_sq"]._data
        adam_moments(exp_avg, exp_avg_sq, g, beta1, beta2)
        bias_correction1 = 1 - beta1 ** step
        bias_correction2 = 1 - beta2 ** step
        update = exp_avg / bias_correction1 * lr
        rho_inf = 2 / (1 - beta2) - 1
        rho_t = rho_inf - 2 * step * (beta2 ** step) / bias_correction2
        if rho_t > 5.0:
            rect = ((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5
            exp_avg_sq_sqrt = np.sqrt(exp_avg_sq)
            exp_avg_sq_sqrt += group["eps"]
            # torch computes scalar / t as t.reciprocal() * scalar
            update *= np.reciprocal(exp_avg_sq_sqrt) * (bias_correction2 ** 0.5)
            update *= rect
        param -= update
