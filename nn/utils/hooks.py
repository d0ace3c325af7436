"""Full backward hooks of a Module: identity ops around its inputs and outputs see the gradients.

The output-side op captures ``grad_output`` (and runs backward pre-hooks); the input-side op's
backward runs the module's hooks with ``(grad_input, grad_output)`` and returns what they return.
"""
import numpy as np

from autograd.function import Op
from autograd.grad_mode import STATE
from autograd.ops.views import as_view
from autograd.tensor import Tensor


class BackwardHookFunction(Op):
    """Identity on the tensors that need gradients; its backward hands the gradients to a callback."""

    node_name = "BackwardHookFunctionBackward"

    @staticmethod
    def forward(ctx, callback, *tensors):
        ctx.callback = callback
        if getattr(callback, "keep_none", False):  # output side: an unused output's grad_output is None
            ctx.set_materialize_grads(False)
        return tuple(t._data for t in tensors)

    @staticmethod
    def backward(ctx, *grads):
        return (None,) + tuple(ctx.callback(grads))


_CUSTOM_FN_VIEW = ("Output {} of BackwardHookFunction is a view and is being modified inplace. This view was "
                   "created inside a custom Function (or because an input was returned as-is) and the autograd logic "
                   "to handle view+inplace would override the custom backward associated with the custom Function, "
                   "leading to incorrect gradients. This behavior is forbidden. You can fix this by cloning the "
                   "output of the custom Function.")


def _hook_view(out, src, nr, multi):
    """As in PyTorch, a hooked tensor is a view of the original that may not be modified in place."""
    as_view(out, src)
    if out._base is not None:
        out._view_error = ("multi", nr, "BackwardHookFunction") if multi else _CUSTOM_FN_VIEW.format(nr)
    return out


class BackwardHook:
    def __init__(self, module, user_hooks, user_pre_hooks):
        self.module = module
        self.user_hooks = user_hooks
        self.user_pre_hooks = user_pre_hooks
        self.grad_outputs = None
        self.n_inputs = 0
        self.input_index = []
        self.inputs_hooked = False

    @staticmethod
    def _wrap(args, callback):
        """Route the grad-requiring tensors of ``args`` through one identity op; returns (new args, index)."""
        idx = [i for i, a in enumerate(args) if isinstance(a, Tensor) and a.requires_grad]
        if not idx or not STATE.grad_enabled:
            return args, []
        outs = BackwardHookFunction.apply(callback, *[args[i] for i in idx])
        if isinstance(outs, Tensor):
            outs = (outs,)
        tensors = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
        new = list(args)
        for i, o in zip(idx, outs):
            new[i] = _hook_view(o, args[i], tensors.index(i), len(tensors) > 1)
        return tuple(new), idx

    def _pack(self, grads, index, n):
        full = [None] * n
        for i, g in zip(index, grads):
            full[i] = g
        return tuple(full)

    def setup_input_hook(self, args):
        self.n_inputs = len(args)
        new, self.input_index = self._wrap(args, self._input_callback)
        self.inputs_hooked = bool(self.input_index)
        # PyTorch's grad_input holds zeros for the tensor inputs that need no gradient (when any input does).
        self.zero_inputs = {i: a for i, a in enumerate(args) if self.inputs_hooked and isinstance(a, Tensor)
                            and i not in self.input_index}
        return new

    def _input_callback(self, grads):
        grad_input = list(self._pack(grads, self.input_index, self.n_inputs))
        for i, a in self.zero_inputs.items():
            grad_input[i] = Tensor._make(np.zeros_like(a._data))
        grad_input = tuple(grad_input)
        for hook in self.user_hooks:
            res = hook(self.module, grad_input, self.grad_outputs)
            if res is None:
                continue
            res = res if isinstance(res, tuple) else (res,)
            if len(res) != len(grad_input):
                raise RuntimeError(f"Backward hook returned an invalid number of grad_input, got {len(res)}, but "
                                   f"expected {len(grad_input)}")
            grad_input = res
        return tuple(grad_input[i] for i in self.input_index)

    def setup_output_hook(self, result):
        single = isinstance(result, Tensor)
        outs = (result,) if single else tuple(result) if isinstance(result, (tuple, list)) else None
        if outs is None:
            return result
        n = len(outs)
        index = []

        def callback(grads):
            grad_output = self._pack(grads, index, n)
            for hook in self.user_pre_hooks:
                res = hook(self.module, grad_output)
                if res is not None:
                    res = res if isinstance(res, tuple) else (res,)
                    if len(res) != len(grad_output):
                        raise RuntimeError(f"Backward pre hook returned an invalid number of grad_output, got "
                                           f"{len(res)}, but expected {len(grad_output)}")
                    grad_output = res
            self.grad_outputs = grad_output
            if not self.inputs_hooked:
                grad_input = (None,) * self.n_inputs
                for hook in self.user_hooks:
                    if hook(self.module, grad_input, self.grad_outputs) is not None:
                        raise RuntimeError("Backward hook for Modules where no input requires gradient should "
                                           "always return None or None for all gradients.")
            return tuple(grad_output[i] for i in index)

        callback.keep_none = True
        new, idx = self._wrap(outs, callback)
        index.extend(idx)
        if single:
            return new[0]
        return type(result)(new) if isinstance(result, list) else new
