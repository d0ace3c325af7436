"""Lazy batch/instance norms: ``num_features`` is ``input.size(1)`` of the first forward (``torch.nn.LazyBatchNorm1d``
& co.); the module then becomes the eager class."""
import numpy as np

from autograd.tensor import Tensor

from ..parameter import UninitializedBuffer, UninitializedParameter
from .batchnorm import BatchNorm1d, BatchNorm2d, BatchNorm3d, _NormBase
from .instancenorm import InstanceNorm1d, InstanceNorm2d, InstanceNorm3d
from .lazy import LazyModuleMixin

__all__ = ["LazyBatchNorm1d", "LazyBatchNorm2d", "LazyBatchNorm3d", "LazyInstanceNorm1d", "LazyInstanceNorm2d",
           "LazyInstanceNorm3d"]


class _LazyNormBase(LazyModuleMixin, _NormBase):
    """Built as the eager class with 0 features and no tensors, then given placeholders (as PyTorch)."""

    def __init__(self, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None, *,
                 bias=True):
        factory = {"device": device, "dtype": dtype}
        LazyModuleMixin.__init__(self, 0, eps, momentum, False, False, bias=False, **factory)
        self.affine = affine
        self.track_running_stats = track_running_stats
        if affine:
            self.weight = UninitializedParameter(**factory)
            if bias:
                self.bias = UninitializedParameter(**factory)
        if track_running_stats:
            self.running_mean = UninitializedBuffer(**factory)
            self.running_var = UninitializedBuffer(**factory)
            self.num_batches_tracked = Tensor._make(np.array(0, dtype=np.int64))

    def reset_parameters(self):
        if not self.has_uninitialized_params() and self.num_features != 0:
            super().reset_parameters()

    def initialize_parameters(self, input):
        if self.has_uninitialized_params():
            self.num_features = input.shape[1]
            for t in (self.weight, self.bias, self.running_mean, self.running_var):
                if t is not None:
                    t.materialize((self.num_features,))
            self.reset_parameters()


def _lazy_norm_class(eager):
    """(PyTorch's lazy instance norms keep ``_LazyNormBase``'s defaults: affine and running stats on.)"""
    name = "Lazy" + eager.__name__
    return type(name, (_LazyNormBase, eager), {
        "__init__": _LazyNormBase.__init__, "cls_to_become": eager, "__module__": __name__, "__qualname__": name,
        "__doc__": f"A {eager.__name__} whose ``num_features`` is ``input.size(1)`` of the first input; it then "
                   f"becomes a ``{eager.__name__}``."})


LazyBatchNorm1d = _lazy_norm_class(BatchNorm1d)
LazyBatchNorm2d = _lazy_norm_class(BatchNorm2d)
LazyBatchNorm3d = _lazy_norm_class(BatchNorm3d)
LazyInstanceNorm1d = _lazy_norm_class(InstanceNorm1d)
LazyInstanceNorm2d = _lazy_norm_class(InstanceNorm2d)
LazyInstanceNorm3d = _lazy_norm_class(InstanceNorm3d)
