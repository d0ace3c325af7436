"""Rprop: resilient backpropagation, per-element step sizes driven by gradient signs (``torch.optim.Rprop``)."""
import numpy as np

from ._elementwise import ElementwiseOptimizer, decayed_grad
from .optimizer import _check_flags, _check_lr, _to_scalar, _zeros_like

__all__ = ["Rprop"]


class Rprop(ElementwiseOptimizer):
    """Rprop; state: ``step``, ``prev`` (last gradient used), ``step_size`` (starts at ``lr``)."""

    _arrays = ("prev",)

    def __init__(self, params, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), *, capturable=False, foreach=None,
                 maximize=False, differentiable=False):
        _check_lr(lr)
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError(f"Invalid eta values: {etas[0]}, {etas[1]}")
        defaults = {"lr": lr, "etas": etas, "step_sizes": step_sizes, "foreach": foreach, "maximize": maximize,
                    "differentiable": differentiable, "capturable": capturable}
        _check_flags(differentiable)
        super().__init__(params, defaults)

    def _init_state(self, state, p, group):
        super()._init_state(state, p, group)
        state["step_size"] = _zeros_like(p, _to_scalar(group["lr"]))

    def _apply(self, param, grad, state, group, step, lr):
        etaminus, etaplus = group["etas"]
        step_size_min, step_size_max = group["step_sizes"]
        g = np.array(decayed_grad(param, grad, group, lr), copy=True)
        prev, step_size = state["prev"]._data, state["step_size"]._data
        sign = np.sign(g * prev, out=np.empty_like(g))  # an array for 0-d parameters too
        sign[sign > 0] = etaplus
        sign[sign < 0] = etaminus
        sign[sign == 0] = 1
        step_size *= sign
        np.clip(step_size, step_size_min, step_size_max, out=step_size)
        g[sign == sign.dtype.type(etaminus)] = 0
        param -= np.sign(g) * step_size
        prev[...] = g
