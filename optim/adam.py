"""Adam (optionally AMSGrad, maximize, L2 or decoupled weight decay) (``torch.optim.Adam``)."""
from autograd import kernels as K
from autograd.tensor import Tensor

from .optimizer import Optimizer, _check_adam_args, _check_flags, _new_step, _to_scalar, _unused, _zeros_like

__all__ = ["Adam"]


class Adam(Optimizer):
    """Adam; state per parameter: ``step``, ``exp_avg``, ``exp_avg_sq`` (+ ``max_exp_avg_sq`` with amsgrad)."""

    _group_fallbacks = {"amsgrad": False, "maximize": False, "foreach": None, "capturable": False,
                        "differentiable": False, "decoupled_weight_decay": False, "fused": None}
    _scalar_states = ("step",)

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, *,
                 foreach=None, maximize=False, capturable=False, differentiable=False, fused=None,
                 decoupled_weight_decay=False):
        tensor_unsupported = "as a Tensor is not supported for capturable=False and foreach=True"
        if isinstance(lr, Tensor) and foreach and not capturable:
            raise ValueError(f"lr {tensor_unsupported}")
        _check_adam_args(lr, betas, eps, weight_decay)
        if not (all(isinstance(b, float) for b in betas) or all(isinstance(b, Tensor) for b in betas)):
            raise ValueError("betas must be either both floats or both Tensors")
        for i, b in enumerate(betas):
            if isinstance(b, Tensor) and foreach and not capturable:
                raise ValueError(f"betas[{i}] {tensor_unsupported}")
            if isinstance(b, Tensor) and b.numel() != 1:
                raise ValueError(f"Tensor betas[{i}] must be 1-element")
        defaults = {"lr": lr, "betas": tuple(betas), "eps": eps, "weight_decay": weight_decay, "amsgrad": amsgrad,
                    "maximize": maximize, "foreach": foreach, "capturable": capturable,
                    "differentiable": differentiable, "fused": fused,
                    "decoupled_weight_decay": decoupled_weight_decay}
        _check_flags(differentiable, fused, foreach)
        super().__init__(params, defaults)

    def step(self, closure=None):
        """Perform a single optimization step; ``closure`` re-evaluates the model and returns the loss."""
        return self._run_step(closure)

    def _update(self, p, grad, group):
        state = self.state[p]
        if len(state) == 0:
            state["step"] = _new_step()
            state["exp_avg"] = _zeros_like(p)
            state["exp_avg_sq"] = _zeros_like(p)
            if group["amsgrad"]:
                state["max_exp_avg_sq"] = _zeros_like(p)
        step = state["step"]._data
        step += 1
        beta1, beta2 = group["betas"]
        max_sq = state["max_exp_avg_sq"]._data if group["amsgrad"] else _unused(p._data)
        K.adam_update(p._data, grad, state["exp_avg"]._data, state["exp_avg_sq"]._data, max_sq, float(step),
                      _to_scalar(group["lr"]), _to_scalar(beta1), _to_scalar(beta2), group["eps"],
                      group["weight_decay"], group["amsgrad"], group["maximize"], group["decoupled_weight_decay"])
