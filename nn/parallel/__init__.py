"""``torch.nn.parallel`` on a CPU-only machine: ``DataParallel`` keeps the module and calls it directly (as
PyTorch does when no accelerator is present), so its state_dict keys carry the ``module.`` prefix."""
from ..module import Module

__all__ = ["DataParallel", "data_parallel"]


class DataParallel(Module):
    """Wraps ``module``; with no accelerator ``device_ids`` is ``[]`` and ``forward`` is ``module(*inputs)``."""

    def __init__(self, module, device_ids=None, output_device=None, dim=0):
        super().__init__()
        self.module = module
        self.device_ids = []

    def forward(self, *inputs, **kwargs):
        return self.module(*inputs, **kwargs)


def data_parallel(module, inputs, device_ids=None, output_device=None, dim=0, module_kwargs=None):
    raise RuntimeError("device type could not be determined")
