"""The legacy typed constructors (``FloatTensor``, ``LongTensor``, ...): calling one builds a Tensor of its
dtype (from data, or uninitialised from sizes); ``isinstance(t, LongTensor)`` checks the dtype, as in PyTorch."""
from . import _dtype
from .tensor import Tensor

__all__ = ["FloatTensor", "DoubleTensor", "HalfTensor", "LongTensor", "IntTensor", "ShortTensor", "CharTensor",
           "ByteTensor", "BoolTensor"]


class _TypedTensorMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor) and obj.dtype is cls.dtype

    def __call__(cls, *args, **kwargs):
        return Tensor(*args, dtype=cls.dtype, **kwargs)

    def __repr__(cls):
        return f"<class 'autograd.{cls.__name__}'>"


def _typed(name, dtype_name):
    return _TypedTensorMeta(name, (), {"dtype": getattr(_dtype, dtype_name), "__module__": "autograd"})


FloatTensor = _typed("FloatTensor", "float32")
DoubleTensor = _typed("DoubleTensor", "float64")
HalfTensor = _typed("HalfTensor", "float16")
LongTensor = _typed("LongTensor", "int64")
IntTensor = _typed("IntTensor", "int32")
ShortTensor = _typed("ShortTensor", "int16")
CharTensor = _typed("CharTensor", "int8")
ByteTensor = _typed("ByteTensor", "uint8")
BoolTensor = _typed("BoolTensor", "bool_")


class _VariableMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor)

    def __call__(cls, data, requires_grad=False, volatile=False):
        return data.detach().requires_grad_(requires_grad) if requires_grad else data.detach()


class Variable(metaclass=_VariableMeta):
    """``torch.autograd.Variable`` (deprecated): ``Variable(t, requires_grad=True)`` is a leaf sharing ``t``'s data."""


__all__.append("Variable")
