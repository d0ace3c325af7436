"""``autograd.cuda``: there is no GPU here, so scripts that probe for one (``torch.cuda.is_available()``)
take their CPU path; seeding and synchronisation calls are accepted and do nothing."""

__all__ = ["is_available", "device_count", "manual_seed", "manual_seed_all", "synchronize", "empty_cache",
           "is_bf16_supported", "current_device", "get_device_name"]


def is_available():
    return False


def device_count():
    return 0


def manual_seed(seed):
    """No CUDA generator to seed (PyTorch also ignores this call without a GPU)."""


manual_seed_all = manual_seed


def synchronize(device=None):
    """Nothing runs asynchronously on the CPU."""


def empty_cache():
    """There is no CUDA caching allocator."""


def is_bf16_supported(including_emulation=True):
    return False


def current_device():
    raise AssertionError("Torch not compiled with CUDA enabled")


def get_device_name(device=None):
    raise AssertionError("Torch not compiled with CUDA enabled")
