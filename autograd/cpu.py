"""``autograd.cpu``: the one device there is (``torch.cpu``)."""
from . import amp as _amp

__all__ = ["is_available", "device_count", "current_device", "synchronize", "amp"]


def is_available():
    return True


def device_count():
    return 1


def current_device():
    return "cpu"


def synchronize(device=None):
    """Nothing runs asynchronously on the CPU."""


class amp:  # noqa: N801  (torch.cpu.amp, the deprecated spelling of torch.amp with device 'cpu')
    autocast = staticmethod(lambda *args, **kwargs: _amp.autocast("cpu", *args, **kwargs))
    GradScaler = staticmethod(lambda *args, **kwargs: _amp.GradScaler("cpu", *args, **kwargs))
