"""``autograd.multiprocessing``: Python's ``multiprocessing`` (tensors pickle by value, so they cross
process boundaries as copies; there is no shared-memory tensor storage)."""
from multiprocessing import *  # noqa: F401,F403
from multiprocessing import get_all_start_methods, get_context, get_start_method, set_start_method  # noqa: F401

_SHARING = ["file_descriptor"]


def get_sharing_strategy():
    return _SHARING[0]


def set_sharing_strategy(new_strategy):
    if new_strategy not in get_all_sharing_strategies():
        raise AssertionError(f"invalid sharing strategy {new_strategy}")  # torch asserts as well
    _SHARING[0] = new_strategy


def get_all_sharing_strategies():
    return {"file_descriptor", "file_system"}
