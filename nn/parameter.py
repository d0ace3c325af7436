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
            if self._data.dtype.kind != "f":
                raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
            self.requires_grad = True

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()

    def __format__(self, spec):  # torch formats only plain 0-d Tensors as numbers
        return object.__format__(self, spec)

    def __reduce_ex__(self, proto):
        return (_rebuild_parameter, (self._data, self._requires_grad))

    def __deepcopy__(self, memo):
        if id(self) in memo:
            return memo[id(self)]
        new = type(self)(Tensor._make(self._data.copy()), self._requires_grad)  # like torch: .grad is not copied
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


_UNINIT_MSG = ("Attempted to use an uninitialized parameter in {}. This error happens when you are using a "
               "`LazyModule` or explicitly manipulating `torch.nn.parameter.UninitializedParameter` objects. When "
               "using LazyModules Call `forward` with a dummy batch to initialize the parameters before calling torch "
               "functions")


def _uninitialized(name):
    def method(self, *args, **kwargs):
        raise ValueError(_UNINIT_MSG.format(f"<method '{name}' of 'Tensor' objects>"))
    method.__name__ = name
    return method


class UninitializedTensorMixin:
    """A placeholder of unknown shape that a lazy module ``materialize``s on its first forward (then it becomes
    ``cls_to_become``); its shape and shape-dependent metadata raise until then, as in PyTorch."""

    __slots__ = ()
    cls_to_become = None

    def materialize(self, shape, device=None, dtype=None):
        """Give this placeholder uninitialised storage of ``shape`` and turn it into ``cls_to_become``."""
        dtype = self._data.dtype if dtype is None else _dtype.to_dtype(dtype).np
        self._data = np.empty(tuple(shape), dtype=dtype)
        self._version_counter[0] += 1
        self.__class__ = self.cls_to_become

    @property
    def shape(self):
        raise RuntimeError("Can't access the shape of an uninitialized parameter or buffer. This error usually "
                           "happens in `load_state_dict` when trying to load an uninitialized parameter into an "
                           "initialized one. Call `forward` to initialize the parameters before accessing their "
                           "attributes.")

    @property
    def ndim(self):
        raise ValueError(_UNINIT_MSG.format("<attribute 'ndim' of 'Tensor' objects>"))

    dim = _uninitialized("dim")
    ndimension = _uninitialized("ndimension")
    numel = _uninitialized("numel")
    nelement = _uninitialized("nelement")

    def __repr__(self):
        return f"<{self.__class__.__name__}>"

    def __reduce_ex__(self, proto):
        return (self.__class__, (self._requires_grad,))

    def __deepcopy__(self, memo):
        if id(self) not in memo:
            memo[id(self)] = type(self)(self._requires_grad, dtype=_dtype._BY_NP[self._data.dtype])
        return memo[id(self)]


class UninitializedParameter(UninitializedTensorMixin, Parameter):
    """A Parameter whose shape a lazy module infers on its first forward; becomes a plain ``Parameter``."""

    cls_to_become = Parameter

    def __new__(cls, requires_grad=True, device=None, dtype=None):
        return object.__new__(cls)

    def __init__(self, requires_grad=True, device=None, dtype=None):
        dt = _dtype.get_default_dtype() if dtype is None else _dtype.to_dtype(dtype)
        Tensor._init(self, np.empty((0,), dtype=dt.np), requires_grad)


class UninitializedBuffer(UninitializedTensorMixin, Tensor):
    """A buffer whose shape a lazy module infers on its first forward; becomes a plain ``Tensor``."""

    cls_to_become = Tensor

    def __new__(cls, requires_grad=False, device=None, dtype=None, persistent=True):
        return object.__new__(cls)

    def __init__(self, requires_grad=False, device=None, dtype=None, persistent=True):
        dt = _dtype.get_default_dtype() if dtype is None else _dtype.to_dtype(dtype)
        Tensor._init(self, np.empty((0,), dtype=dt.np), requires_grad)
        self.persistent = persistent
        self._is_buffer = True


def is_lazy(param):
    """Whether ``param`` is an uninitialised placeholder of a lazy module."""
    return isinstance(param, UninitializedTensorMixin)
