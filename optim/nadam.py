"""NAdam: Adam with Nesterov momentum and a momentum-decay schedule (``torch.optim.NAdam``)."""
import numpy as np

from ._elementwise import ElementwiseOptimizer, adam_moments, decayed_grad, scalar_value
from .optimizer import _check_adam_args, _check_flags, _check_nonneg

__all__ = ["NAdam"]


class NAdam(ElementwiseOptimizer):
    """NAdam; state: ``step``, ``mu_product`` (product of the momentum schedule), ``exp_avg``, ``exp_avg_sq``."""

    _group_fallbacks = {**ElementwiseOptimizer._group_fallbacks, "decoupled_weight_decay": False}
    _scalar_states = ("step", "mu_product")
    _scalars = {"mu_product": 1.0}
    _arrays = ("exp_avg", "exp_avg_sq")

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, momentum_decay=4e-3,
                 decoupled_weight_decay=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False):
        _check_adam_args(lr, betas, eps, weight_decay)
        _check_nonneg("momentum_decay value", momentum_decay)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay,
                    "momentum_decay": momentum_decay, "decoupled_weight_decay": decoupled_weight_decay,
                    "maximize": maximize, "foreach": foreach, "capturable": capturable,
                    "differentiable": differentiable}
        _check_flags(differentiable)
        super().__init__(params, defaults)

    def _apply(self, param, grad, state, group, step, lr):
        beta1, beta2 = map(scalar_value, group["betas"])
        momentum_decay = group["momentum_decay"]
        bias_correction2 = 1 - beta2 ** step
        g = decayed_grad(param, grad, group, lr)
        mu = beta1 * (1.0 - 0.5 * (0.96 ** (step * momentum_decay)))
        mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))
        mu_product = state["mu_product"]._data
        mu_product *= mu
        exp_avg, exp_avg_sq = state["exp_avg"]._data, state["exp_avg_sq"]._data
        adam_moments(exp_avg, exp_avg_sq, g, beta1, beta2)
        denom = np.sqrt(exp_avg_sq / bias_correction2)
        denom += group["eps"]
        mu_product_next = float(mu_product) * mu_next
        param += (-lr * (1.0 - mu) / (1.0 - float(mu_product))) * g / denom
        param += ((-lr * mu_next) / (1.0 - mu_product_next)) * exp_avg / denom
