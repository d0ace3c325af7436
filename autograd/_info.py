"""``autograd.finfo`` / ``autograd.iinfo``: machine limits of the floating and integer dtypes (NumPy's numbers)."""
import numpy as np

from . import _dtype

__all__ = ["finfo", "iinfo"]


class finfo:
    """Limits of a floating dtype (the default dtype when none is given), like ``torch.finfo``."""

    def __init__(self, type=None):
        dt = _dtype.get_default_dtype() if type is None else _dtype.to_dtype(type)
        if not dt.is_floating_point:
            raise TypeError(f"finfo() requires a floating point input type. Use iinfo to handle '{dt}'")
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


class iinfo:
    """Limits of an integer (or bool) dtype, like ``torch.iinfo``."""

    def __init__(self, type):
        dt = _dtype.to_dtype(type)
        if dt.is_floating_point:
            raise TypeError(f"iinfo() requires an integer input type. Use finfo to handle '{dt}'")
        info = np.iinfo(np.uint8 if dt.np == np.bool_ else dt.np)
        self.dtype = dt.name
        self.bits = int(info.bits)
        self.max = int(info.max)
        self.min = int(info.min)

    def __repr__(self):
        return f"iinfo(min={self.min:g}, max={self.max:g}, dtype={self.dtype})"
