"""``autograd.accelerator``: the device-agnostic probe of PyTorch 2.6+ (``torch.accelerator.is_available()``);
there is no accelerator here, so tutorials that check for one stay on the CPU."""

__all__ = ["is_available", "current_accelerator", "device_count", "synchronize", "empty_cache"]


def is_available():
    return False


def current_accelerator(check_available=False):
    """The accelerator's device type, or None (as in a CPU-only PyTorch build)."""
    return None


def device_count():
    return 0


def _none_available(*args, **kwargs):
    raise RuntimeError("Cannot access accelerator device when none is available.")


synchronize = empty_cache = _none_available
