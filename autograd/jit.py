"""``autograd.jit``: no TorchScript compiler here. ``script`` and ``trace`` return what they are given (it
runs as eager Python, with the same results); the decorators that steer the compiler do nothing."""
__all__ = ["script", "trace", "ignore", "unused", "export", "is_scripting", "is_tracing", "Final"]


def script(obj, optimize=None, _frames_up=0, _rcb=None, example_inputs=None):
    return obj


def trace(func, example_inputs=None, optimize=None, check_trace=True, check_inputs=None, check_tolerance=1e-5,
          strict=True, _force_outplace=False, _module_class=None, _compilation_unit=None, example_kwarg_inputs=None,
          _store_inputs=True):
    return func


def ignore(drop=False, **kwargs):
    return drop if callable(drop) else (lambda fn: fn)


def unused(fn):
    return fn


def export(fn):
    return fn


def is_scripting():
    return False


def is_tracing():
    return False


try:
    from typing import Final  # noqa: F401  (torch.jit.Final is typing.Final)
except ImportError:  # pragma: no cover
    Final = None
