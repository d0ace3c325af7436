"""Deprecated out-of-place ``Tensor.resize``/``resize_as``: autograd's Resize, which keeps the number of elements."""
import warnings

import numpy as np

from ..tensor import register_method


def _resize_fn():
    from ..function import Function

    class Resize(Function):
        @staticmethod
        def forward(ctx, tensor, sizes):
            numel = int(np.prod(sizes, dtype=np.int64))
            if tensor.numel() != numel:
                raise RuntimeError(f"requested resize to {'x'.join(map(str, sizes))} ({numel} elements in total), "
                                   f"but the given tensor has a size of {'x'.join(map(str, tensor.size()))} "
                                   f"({tensor.numel()} elements). autograd's resize can only change the shape of a "
                                   f"given tensor, while preserving the number of elements. ")
            ctx.input_sizes = tensor.size()
            return tensor.contiguous().view(*sizes)

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output.contiguous().view(ctx.input_sizes), None
    return Resize


_RESIZE = []


def _resize_apply(self, sizes):
    if not _RESIZE:
        _RESIZE.append(_resize_fn())
    return _RESIZE[0].apply(self, tuple(sizes))


def _resize(self, *sizes):
    warnings.warn("non-inplace resize is deprecated", UserWarning, stacklevel=2)
    return _resize_apply(self, sizes)


def _resize_as(self, tensor):
    warnings.warn("non-inplace resize_as is deprecated", UserWarning, stacklevel=2)
    return _resize_apply(self, tensor.size())


register_method("resize")(_resize)
register_method("resize_as")(_resize_as)
