"""PyTorch's TORCH_WARN_ONCE: a warning given the first time in the process, or every time after
``set_warn_always(True)`` (torch's switch for tests and debugging)."""
import warnings

_given = set()
_always = [False]


def warn_once(key, message, category=UserWarning, stacklevel=3):
    """Warn ``message`` unless the warning named ``key`` was already given (``stacklevel`` as in
    ``warnings.warn``, counted from the caller of ``warn_once``)."""
    if _always[0] or key not in _given:
        _given.add(key)
        warnings.warn(message, category, stacklevel=stacklevel)


def set_warn_always(b):
    """When True, warnings that are normally given once per process are given every time."""
    _always[0] = bool(b)


def is_warn_always_enabled():
    return _always[0]
