"""``autograd.distributed``: single-process only. Scripts that guard their distributed code with
``torch.distributed.is_available()`` / ``is_initialized()`` take their single-process path."""
__all__ = ["is_available", "is_initialized", "get_rank", "get_world_size"]


def is_available():
    return False


def is_initialized():
    return False


def _no_group():
    return ValueError("Default process group has not been initialized, please make sure to call "
                      "init_process_group.")


def get_rank(group=None):
    raise _no_group()


def get_world_size(group=None):
    raise _no_group()
