"""Relayout the weights of every 2-d / 3-d (transposed) convolution in a module to a memory format."""
__all__ = ["convert_conv2d_weight_memory_format", "convert_conv3d_weight_memory_format"]


def _convert(module, memory_format, kinds):
    import nn
    if isinstance(module, tuple(getattr(nn, k) for k in kinds)):
        module.weight.data = module.weight.detach().clone(memory_format=memory_format)
    for child in module.children():
        _convert(child, memory_format, kinds)
    return module


def convert_conv2d_weight_memory_format(module, memory_format):
    """``Conv2d``/``ConvTranspose2d`` weights (recursively) to ``memory_format``; returns ``module``."""
    return _convert(module, memory_format, ("Conv2d", "ConvTranspose2d"))


def convert_conv3d_weight_memory_format(module, memory_format):
    """``Conv3d``/``ConvTranspose3d`` weights (recursively) to ``memory_format``; returns ``module``."""
    return _convert(module, memory_format, ("Conv3d", "ConvTranspose3d"))
