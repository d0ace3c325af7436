"""Adafactor (Shazeer & Stern 2018, PyTorch's 2.5+ variant): the second moment of a matrix gradient is kept
factored as row and column means (``row_var``, ``col_var``), relative step size ``min(lr, 1/sqrt(t))`` scaled by
the parameter's RMS, update clipped by its own RMS over ``d`` (``torch.optim.Adafactor``)."""
import math

import numpy as np

from autograd import Tensor
from autograd.kernels.ref_optim import _lerp_

from .optimizer import Optimizer, _new_step, _to_scalar

__all__ = ["Adafactor"]


def _rms_norm(a):
    return float(np.sqrt(np.sum(np.square(a, dtype=a.dtype), dtype=a.dtype)))


class Adafactor(Optimizer):
    """State per parameter: ``step``, then ``row_var`` and ``col_var`` (ndim > 1) or ``variance``."""

    def __init__(self, params, lr=1e-2, beta2_decay=-0.8, eps=(None, 1e-3), d=1.0, weight_decay=0.0, *,
                 foreach=None, maximize=False):
        if isinstance(lr, Tensor) and lr.numel() != 1:
            raise ValueError("Tensor lr must be 1-element")
        lr_value = _to_scalar(lr)
        if not 0.0 <= lr_value:
            raise ValueError(f"Learning rate should be >= 0 but is: {lr}")
        if not 0.0 >= beta2_decay:
            raise ValueError(f"beta2_decay should be <= 0 but is: {beta2_decay}")
        if eps[0] is not None and not 0.0 <= eps[0]:
            raise ValueError(f"epsilon1 should be >= 0 but is: {eps[0]}")
        if not 0.0 <= eps[1]:
            raise ValueError(f"epsilon2 should be >= 0 but is: {eps[1]}")
        if not 1.0 <= d:
            raise ValueError(f"Clipping threshold d should be >= 1 but is: {d}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"weight_decay should be >= 0 but is: {weight_decay}")
        defaults = {"lr": lr, "beta2_decay": beta2_decay, "eps": eps, "d": d, "weight_decay": weight_decay,
                    "foreach": foreach, "maximize": maximize}
        super().__init__(params, defaults)

    def step(self, closure=None):
        """Perform a single optimization step; ``closure`` re-evaluates the model and returns the loss."""
        return self._run_step(closure)

    def _update(self, p, grad, group):
        from autograd.tensor import Tensor
        state = self.state[p]
        param = p._data
        if len(state) == 0:
            state["step"] = _new_step()
            if grad.ndim > 1:
                state["row_var"] = Tensor._make(np.zeros(grad.shape[:-1] + (1,), grad.dtype))
                state["col_var"] = Tensor._make(np.zeros(grad.shape[:-2] + (1,) + grad.shape[-1:], grad.dtype))
            else:
                state["variance"] = Tensor._make(np.zeros_like(grad))
        g = -grad if group["maximize"] else grad
        eps1, eps2 = group["eps"]
        if eps1 is None:
            eps1 = float(np.finfo(param.dtype).eps)
        lr = _to_scalar(group["lr"])
        state["step"]._data += 1
        t = float(state["step"]._data)
        one_minus_beta2_t = t ** group["beta2_decay"]
        rho_t = min(lr, 1 / t ** 0.5)
        alpha = max(eps2, _rms_norm(param) / param.size ** 0.5) * rho_t
        if group["weight_decay"] != 0:
            param *= param.dtype.type(1 - lr * group["weight_decay"])
        dt = param.dtype.type
        if g.ndim > 1:
            row_var, col_var = state["row_var"]._data, state["col_var"]._data
            _lerp_(row_var, np.square(np.sqrt(np.sum(g * g, axis=-1, keepdims=True))) / dt(g.shape[-1]),
                   one_minus_beta2_t)
            _lerp_(col_var, np.square(np.sqrt(np.sum(g * g, axis=-2, keepdims=True))) / dt(g.shape[-2]),
                   one_minus_beta2_t)
            var_estimate = np.matmul(row_var, col_var)
            var_estimate /= np.maximum(row_var.mean(axis=-2, keepdims=True), dt(eps1))
        else:
            variance = state["variance"]._data
            _lerp_(variance, g * g, one_minus_beta2_t)
            var_estimate = variance.copy()
        update = 1 / np.sqrt(np.maximum(var_estimate, dt(eps1 * eps1)))
        update *= g
        denom = max(1.0, _rms_norm(update) / (math.sqrt(update.size) * group["d"]))
        param += dt(-alpha / denom) * update
