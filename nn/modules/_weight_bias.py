"""The ``weight`` and optional ``bias`` Parameters that linear, conv and normalisation layers register."""
from autograd.creation import empty

from .. import init
from ..parameter import Parameter


def register_weight_and_bias(module, weight_shape, bias_shape, **factory):
    """Register uninitialised ``weight`` and ``bias`` Parameters; a ``None`` shape registers that one as None."""
    for name, shape in (("weight", weight_shape), ("bias", bias_shape)):
        module.register_parameter(name, None if shape is None else Parameter(empty(shape, **factory)))


def reset_affine(module):
    """Normalisation layers' init: ``weight`` to ones and ``bias`` (when present) to zeros."""
    init.ones_(module.weight)
    if module.bias is not None:
        init.zeros_(module.bias)
