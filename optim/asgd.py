"""ASGD: averaged stochastic gradient descent (``torch.optim.ASGD``)."""
import numpy as np

from ._elementwise import ElementwiseOptimizer, decayed_grad
from .optimizer import _check_flags, _check_lr, _check_nonneg, _scalar_dtype, _to_scalar

__all__ = ["ASGD"]


class ASGD(ElementwiseOptimizer):
    """ASGD; state: ``step``, ``eta`` (decayed step size), ``mu`` (averaging rate), ``ax`` (the averaged parameter)."""

    _scalar_states = ("step", "eta", "mu")
    _scalars = {"eta": lambda group: _to_scalar(group["lr"]), "mu": 1.0}
    _arrays = ("ax",)

    def __init__(self, params, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0, foreach=None,
                 maximize=False, differentiable=False, capturable=False):
        _check_lr(lr)
        _check_nonneg("weight_decay value", weight_decay)
        defaults = {"lr": lr, "lambd": lambd, "alpha": alpha, "t0": t0, "weight_decay": weight_decay,
                    "foreach": foreach, "maximize": maximize, "differentiable": differentiable,
                    "capturable": capturable}
        _check_flags(differentiable)
        super().__init__(params, defaults)

    def _apply(self, param, grad, state, group, step, lr):
        lambd, alpha, t0 = group["lambd"], group["alpha"], group["t0"]
        g = decayed_grad(param, grad, group, lr)
        eta, mu, ax = state["eta"]._data, state["mu"]._data, state["ax"]._data
        eta_value = float(eta)
        param *= 1 - lambd * eta_value
        param += (-eta_value) * g
        if float(mu) != 1:
            ax += (param - ax) * param.dtype.type(mu)
        else:
            ax[...] = param
        eta[...] = _as_tensor(lr / ((1 + lambd * lr * step) ** alpha))
        mu[...] = _as_tensor(1 / max(1, step - t0))


def _as_tensor(value):
    """``torch.as_tensor(value)``'s rounding: a Python float takes the default dtype (float32 unless changed)."""
    return value if isinstance(value, np.generic) else np.asarray(value, _scalar_dtype().np)
