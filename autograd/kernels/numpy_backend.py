"""The NumPy reference backend: the union of the per-domain reference kernel modules."""
from . import ref_elementwise, ref_loss, ref_nn, ref_optim

__all__ = []
for _mod in (ref_elementwise, ref_nn, ref_loss, ref_optim):
    for _name in _mod.__all__:
        globals()[_name] = getattr(_mod, _name)
        __all__.append(_name)
