"""Parameter (a leaf Tensor a Module registers and trains) and Buffer (a Tensor it registers as state)."""
import numpy as np

from autograd import _dtype
from autograd.tensor import Tensor


class Parameter(Tensor):
    """A Tensor that is a module parameter: assigning it to a Module attribute registers it.

    ``Parameter(data)`` shares ``data``'s storage (like ``torch.nn.Parameter``); gradients are on by default.
    """

    def __new__(cls, data=None, requires_grad=True):
        return object.__new__(cls)

    def __init__(self, data=None, requires_grad=True):
        if data is None:
            arr = np.empty((0,), dtype=_dtype.get_default_dtype().np)
            Tensor._init(self, arr)
        else:
            if not isinstance(data, Tensor):
                raise TypeError(f"Parameter(): argument 'data' must be Tensor, not {type(data).__name__}")
            Tensor._init(self, data._data)
            self._version_counter = data._version_counter
        if requires_grad:
            self.requires_grad = True

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()

    def __reduce_ex__(self, proto):
        return (_rebuild_parameter, (self._data, self._requires_grad))

    def __deepcopy__(self, memo):
        if id(self) in memo:
            return memo[id(self)]
        new = Parameter(Tensor._make(self._data.copy()), self._requires_grad)
        if self._grad is not None:
            new._grad = Tensor._make(self._grad._data.copy())
        memo[id(self)] = new
        return new


def _rebuild_parameter(arr, requires_grad):
    return Parameter(Tensor._make(arr), requires_grad)


class _BufferMeta(type):
    def __instancecheck__(cls, inst):
        return isinstance(inst, Tensor) and getattr(inst, "_is_buffer", False)


class Buffer(Tensor, metaclass=_BufferMeta):
    """Marks a Tensor as a module buffer when assigned to a Module attribute (``torch.nn.Buffer``).

    As in PyTorch, ``Buffer(t)`` returns a detached Tensor sharing ``t``'s storage, tagged as a buffer.
    """

    def __new__(cls, data=None, *, persistent=True):
        if data is None:
            data = Tensor._make(np.empty((0,), dtype=_dtype.get_default_dtype().np))
        t = data.detach()
        t._requires_grad = data._requires_grad
        t.persistent = persistent
        t._is_buffer = True
        return t


def is_lazy(param):
    return False
