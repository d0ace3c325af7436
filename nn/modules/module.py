"""Alias of ``nn.module`` at PyTorch's path (``torch.nn.modules.module``)."""
from ..module import (Module, RemovableHandle, _IncompatibleKeys, _addindent,  # noqa: F401
                      register_module_forward_hook, register_module_forward_pre_hook,
                      register_module_full_backward_hook, register_module_full_backward_pre_hook)
