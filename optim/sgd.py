"""SGD with momentum, dampening, Nesterov momentum, weight decay and maximize (``torch.optim.SGD``)."""
from autograd import kernels as K
from autograd.tensor import Tensor

from .optimizer import Optimizer, _check_flags, _check_nonneg, _to_scalar, _unused, _zeros_like

__all__ = ["SGD"]


class SGD(Optimizer):
    """Stochastic gradient descent; ``state['momentum_buffer']`` exists only with momentum."""

    _group_fallbacks = {"nesterov": False, "maximize": False, "foreach": None, "differentiable": False,
                        "fused": False}

    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, *,
                 maximize=False, foreach=None, differentiable=False, fused=None):
        if isinstance(lr, Tensor) and lr.numel() != 1:
            raise ValueError("Tensor lr must be 1-element")
        if lr < 0.0:  # PyTorch's SGD compares this way round (``lr=None`` -> its TypeError)
            raise ValueError(f"Invalid learning rate: {lr}")
        _check_nonneg("momentum value", momentum)
        _check_nonneg("weight_decay value", weight_decay)
        defaults = {"lr": lr, "momentum": momentum, "dampening": dampening, "weight_decay": weight_decay,
                    "nesterov": nesterov, "maximize": maximize, "foreach": foreach,
                    "differentiable": differentiable, "fused": fused}
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        _check_flags(differentiable, fused, foreach)
        super().__init__(params, defaults)

    def step(self, closure=None):
        """Perform a single optimization step; ``closure`` re-evaluates the model and returns the loss."""
        return self._run_step(closure)

    def _update(self, p, grad, group):
        momentum = group["momentum"]
        buf, first = None, False
        if momentum != 0:
            state = self.state[p]
            buf = state.get("momentum_buffer")
            if buf is None:
                buf = state["momentum_buffer"] = _zeros_like(p)
                first = True
        K.sgd_update(p._data, grad, _unused(p._data) if buf is None else buf._data, _to_scalar(group["lr"]),
                     momentum, group["dampening"], group["weight_decay"], group["nesterov"],
                     group["maximize"], first)
