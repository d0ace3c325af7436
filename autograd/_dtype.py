"""dtype objects and PyTorch's type-promotion rules (categories, dimensioned vs zero-dim vs scalars)."""
import math

import numpy as np


class dtype:
    """A tensor element type, printed like ``autograd.float32`` (PyTorch: ``torch.float32``)."""

    __slots__ = ("name", "np", "is_floating_point", "is_signed", "itemsize", "_category")

    def __init__(self, name, np_type, category):
        self.name = name
        self.np = np.dtype(np_type)
        self._category = category  # 0 bool, 1 integer, 2 floating
        self.is_floating_point = category == 2
        self.is_signed = category == 2 or (category == 1 and self.np.kind == "i")
        self.itemsize = self.np.itemsize

    @property
    def is_complex(self):
        return False

    def __repr__(self):
        return f"autograd.{self.name}"

    def __reduce__(self):
        return (_by_name, (self.name,))


bool_ = dtype("bool", np.bool_, 0)
uint8 = dtype("uint8", np.uint8, 1)
int8 = dtype("int8", np.int8, 1)
int16 = dtype("int16", np.int16, 1)
int32 = dtype("int32", np.int32, 1)
int64 = dtype("int64", np.int64, 1)
float16 = dtype("float16", np.float16, 2)
float32 = dtype("float32", np.float32, 2)
float64 = dtype("float64", np.float64, 2)
# PyTorch 2.3+ "limited support" unsigned types: they promote only with floats (and with themselves)
uint16 = dtype("uint16", np.uint16, 1)
uint32 = dtype("uint32", np.uint32, 1)
uint64 = dtype("uint64", np.uint64, 1)
_SHELL_UINTS = (uint16, uint32, uint64)

ALL = (bool_, uint8, int8, int16, int32, int64, float16, float32, float64, uint16, uint32, uint64)
_BY_NP = {d.np: d for d in ALL}
_BY_NAME = {d.name: d for d in ALL}
_ALIASES = {"float": float32, "double": float64, "half": float16, "long": int64, "int": int32,
            "short": int16, "bool": bool_}

_default_float = [float32]


def _by_name(name):
    return _BY_NAME[name]


def get_default_dtype():
    return _default_float[0]


def set_default_dtype(d):
    d = to_dtype(d)
    if not d.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    _default_float[0] = d


def to_dtype(d):
    """Accept our dtype, a NumPy dtype, Python's float/int/bool, or a name; return our dtype."""
    if type(d) is dtype:
        return d
    if d is float:
        return float64
    if d is int:
        return int64
    if d is bool:
        return bool_
    if isinstance(d, str):
        if d in _BY_NAME:
            return _BY_NAME[d]
        if d in _ALIASES:
            return _ALIASES[d]
    try:
        return _BY_NP[np.dtype(d)]
    except (KeyError, TypeError):
        raise TypeError(f"unsupported dtype {d!r}; supported: {', '.join(x.name for x in ALL)}") from None


def from_numpy_dtype(npd):
    try:
        return _BY_NP[npd]
    except KeyError:
        raise TypeError(f"can't convert np.ndarray of type {npd}. The only supported types are: "
                        "float64, float32, float16, int64, int32, int16, int8, uint8, and bool.") from None


def promote_types(a, b):
    """PyTorch's promote_types: an integer meets a float -> that float; else NumPy's lattice."""
    if a is b:
        return a
    ca, cb = a._category, b._category
    if ca == 2 and cb != 2:
        return a
    if cb == 2 and ca != 2:
        return b
    if a in _SHELL_UINTS or b in _SHELL_UINTS:
        raise RuntimeError(f"Promotion for uint16, uint32, uint64 types is not supported, attempted to promote "
                           f"{type_name(a)} and {type_name(b)}")
    return _BY_NP[np.promote_types(a.np, b.np)]


def _combine_categories(higher, lower):
    if higher is None:
        return lower
    if lower is None:
        return higher
    if higher._category == 2:
        return higher
    if higher is bool_ or lower._category == 2:
        return promote_types(higher, lower)
    return higher


def scalar_dtype(x):
    """dtype a Python number takes when it is 'wrapped' in an op (PyTorch's wrapped-number rule)."""
    if isinstance(x, bool):
        return bool_
    if isinstance(x, int):
        return int64
    if isinstance(x, float):
        return _default_float[0]
    if isinstance(x, np.generic):  # NumPy scalars act as the Python number of their kind
        return scalar_dtype(x.item())
    raise TypeError(f"unsupported operand type {type(x).__name__}")


def result_type(*operands):
    """Type promotion over tensors and Python scalars, exactly as torch.result_type."""
    dim_r = zero_r = wrap_r = None
    for x in operands:
        arr = getattr(x, "_data", None)
        if arr is not None:
            d = _BY_NP[arr.dtype]
            if arr.ndim:
                dim_r = d if dim_r is None else promote_types(dim_r, d)
            else:
                zero_r = d if zero_r is None else promote_types(zero_r, d)
        elif x is not None:
            d = scalar_dtype(x)
            wrap_r = d if wrap_r is None else promote_types(wrap_r, d)
    return _combine_categories(dim_r, _combine_categories(zero_r, wrap_r))


_SCALAR_TYPE_NAMES = {"bool": "Bool", "uint8": "Byte", "int8": "Char", "int16": "Short", "int32": "Int",
                      "int64": "Long", "float16": "Half", "float32": "Float", "float64": "Double",
                      "uint16": "UInt16", "uint32": "UInt32", "uint64": "UInt64"}


def type_name(d):
    """PyTorch's ScalarType name of a dtype, as error messages print it ('Long', 'Float', ...)."""
    return _SCALAR_TYPE_NAMES[to_dtype(d).name]


_C_TYPE_NAMES = {"uint8": "uint8_t", "int8": "int8_t", "int16": "int16_t", "int32": "int", "int64": "int64_t",
                 "float16": "c10::Half", "float32": "float", "float64": "double", "uint16": "uint16",
                 "uint32": "uint32", "uint64": "uint64"}


def checked_scalar(value, np_dtype):
    """A Python number cast to ``np_dtype`` as PyTorch's fills do (c10::checked_convert): out-of-range values
    raise ``RuntimeError`` (infinities and NaN pass into floats); uint8 takes [-255, 255], negatives wrapping."""
    np_dtype = np.dtype(np_dtype)
    if isinstance(value, complex) and np_dtype.kind in "iuf":  # a real dtype takes only a zero imaginary part
        if value.imag:
            raise RuntimeError(f"value cannot be converted to type {_C_TYPE_NAMES[np_dtype.name]} without overflow")
        value = value.real
    if not isinstance(value, (int, float, np.integer, np.floating)) or np_dtype.kind not in "iuf" \
            or np_dtype == np.float64:
        return value
    v = value.item() if isinstance(value, np.generic) else value
    if np_dtype.kind == "f":
        bad = math.isfinite(v) and abs(v) > float(np.finfo(np_dtype).max)
    else:
        info = np.iinfo(np_dtype)
        bad = not math.isfinite(v) or (v > info.max or -v > info.max if np_dtype.kind == "u" else
                                       not info.min <= v <= info.max)
    if bad:
        raise RuntimeError(f"value cannot be converted to type {_C_TYPE_NAMES[np_dtype.name]} without overflow")
    if np_dtype.kind == "u" and v < 0:
        return int(v) % (info.max + 1)
    return int(v) if np_dtype.kind in "iu" else v
