"""PyTorch's argument-type error for a namespace function given a non-Tensor first argument
(``torch.sigmoid([1.0])`` -> ``TypeError: sigmoid(): argument 'input' (position 1) must be Tensor, not list``).

One wrapper per public function whose first parameter is ``input``/``condition``; the check runs only when
the call already failed, so a successful call pays one Python frame and nothing else."""
import functools
import inspect
from numbers import Number

from .tensor import Tensor


def type_name(value):
    """How torch's argument parser names a Python type (``list``, ``numpy.ndarray``)."""
    cls = type(value)
    return cls.__name__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


def _first_param(fn):
    """The first positional parameter's name, read from the innermost code object (``inspect.signature`` over
    the whole namespace would slow ``import autograd`` down)."""
    while hasattr(fn, "__wrapped__"):
        fn = fn.__wrapped__
    code = getattr(fn, "__code__", None)
    return code.co_varnames[0] if code is not None and code.co_argcount else None


def tensor_first(fn, name, arg):
    """``fn`` raising torch's TypeError when its first argument ``arg`` is not a Tensor (checked on failure)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (AttributeError, TypeError) as err:
            first = args[0] if args else kwargs.get(arg, err)
            if first is err or isinstance(first, Tensor) or err.__traceback__.tb_next is None:
                raise  # not given, a Tensor, or a call that did not bind (Python's own TypeError)
            if isinstance(err, TypeError) and isinstance(first, Number):
                raise  # numbers are valid for some overloads (pow(2, t)): keep the op's own message
            where = " (position 1)" if args else ""  # torch names no position for a keyword argument
            raise TypeError(f"{name}(): argument '{arg}'{where} must be Tensor, not {type_name(first)}") from None
    return wrapper


def install(namespace):
    """Wrap every public function of ``namespace`` whose first parameter is a tensor."""
    for name, fn in list(namespace.items()):
        if name.startswith("_") or not inspect.isfunction(fn):
            continue
        arg = _first_param(fn)
        if arg in ("input", "condition"):
            namespace[name] = tensor_first(fn, name, arg)
