"""``autograd.finfo`` / ``autograd.iinfo``: machine limits of the floating and integer dtypes (NumPy's numbers)."""
import builtins

import numpy as np

from . import _dtype

__all__ = ["finfo", "iinfo"]


def _check_type(fn, type):
    if not isinstance(type, _dtype.dtype):
        raise TypeError(f"{fn}(): argument 'type' (position 1) must be autograd.dtype, not {builtins.type(type).__name__}")
    return type


class _Info:
    """Two infos are equal when every limit is (``torch.finfo`` objects compare by value, unhashable)."""

    def __eq__(self, other):
        return builtins.type(other) is builtins.type(self) and vars(other) == vars(self)

    __hash__ = None

    def __init_subclass__(cls):
        cls.__module__ = "autograd"  # printed as <class 'autograd.finfo'>, like torch's


class finfo(_Info):
    """Limits of a floating dtype (the default dtype when none is given), like ``torch.finfo``."""

    def __init__(self, type=None):
        dt = _dtype.get_default_dtype() if type is None else _check_type("finfo", type)
        if not dt.is_floating_point:
            raise TypeError("autograd.finfo() requires a floating point input type. Use autograd.iinfo to handle "
                            "'autograd.finfo'")
        info = np.finfo(dt.np)
        self.dtype = dt.name
        self.bits = int(info.bits)
        self.eps = float(info.eps)
        self.max = float(info.max)
        self.min = float(info.min)
        self.tiny = self.smallest_normal = float(info.smallest_normal)
        self.resolution = 10.0 ** -int(info.precision)

    def __repr__(self):
        return (f"finfo(resolution={self.resolution:g}, min={self.min:g}, max={self.max:g}, eps={self.eps:g}, "
                f"smallest_normal={self.smallest_normal:g}, tiny={self.tiny:g}, dtype={self.dtype})")


class iinfo(_Info):
    """Limits of an integer dtype, like ``torch.iinfo``."""

    def __init__(self, type):
        dt = _check_type("iinfo", type)
        if dt.is_floating_point:
            raise TypeError("autograd.iinfo() requires an integer input type. Use autograd.finfo to handle "
                            "'autograd.iinfo'")
        if dt.np == np.bool_:
            raise TypeError("autograd.bool is not supported by autograd.iinfo")
        info = np.iinfo(dt.np)
        self.dtype = dt.name
        self.bits = int(info.bits)
        self.max = int(info.max)
        self.min = int(info.min)

    def __repr__(self):
        return f"iinfo(min={self.min:g}, max={self.max:g}, dtype={self.dtype})"
