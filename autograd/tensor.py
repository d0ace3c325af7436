"""Tensor: a NumPy array plus its place on the tape (requires_grad, grad_fn, version counter).

Math methods are attached by the op modules (``autograd/ops``) through ``register_method``, so
every op's forward, backward and Tensor method live together in one place.
"""
import warnings
import weakref

import numpy as np

from . import _dtype
from ._format import format_tensor
from .grad_mode import STATE


class Size(tuple):
    """Shape tuple, printed like ``autograd.Size([2, 3])``."""

    def __new__(cls, sizes=()):
        items = tuple(sizes)
        for i, s in enumerate(items):
            if type(s) is not int:
                return tuple.__new__(cls, [_size_item(i, s) for i, s in enumerate(items)])
        return tuple.__new__(cls, items)

    def __repr__(self):
        return f"autograd.Size({list(self)})"

    def numel(self):
        n = 1
        for s in self:
            n *= s
        return n

    def __getitem__(self, key):  # slices of a Size are Sizes (x.shape[1:])
        out = tuple.__getitem__(self, key)
        return Size(out) if isinstance(key, slice) else out

    def __add__(self, other):
        if not isinstance(other, tuple):
            raise TypeError(f"can only concatenate tuple (not {type(other).__name__}) to autograd.Size")
        return Size(tuple(self) + other)

    def __radd__(self, other):
        if not isinstance(other, tuple):
            return NotImplemented
        return Size(other + tuple(self))

    def __mul__(self, n):
        return Size(tuple(self) * n)

    __rmul__ = __mul__


_tuple_new = tuple.__new__  # a Size from a NumPy shape, skipping Size.__new__'s checks (``x.shape`` is hot)


def _size_item(i, s):
    """One dimension given to ``Size(...)``: an int, a NumPy integer or a one-element integer tensor."""
    if isinstance(s, (int, np.integer)):
        return int(s)
    if isinstance(s, Tensor) and s._data.size == 1 and s._data.dtype.kind in "iub":
        return int(s._data.reshape(()))
    raise TypeError(f"autograd.Size() takes an iterable of 'int' (item {i} is '{type(s).__name__}')")


class device:
    """The only device is the CPU; kept so ``.to('cpu')``/``device=`` code runs unchanged."""

    __slots__ = ("type", "index")

    def __init__(self, type="cpu", index=None):
        if isinstance(type, device):
            type, index = type.type, type.index
        if ":" in str(type):
            type, idx = str(type).split(":")
            index = int(idx)
        _check_device(type)
        self.type, self.index = type, index

    def __repr__(self):
        return f"device(type='{self.type}')" if self.index is None else f"device(type='{self.type}', index={self.index})"

    def __str__(self):
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other):  # torch 2.13: a device never equals a string; 'cpu' and 'cpu:0' differ
        return isinstance(other, device) and self.type == other.type and self.index == other.index

    def __hash__(self):
        return hash((self.type, self.index))


def _check_device(d):
    name = str(getattr(d, "type", d)).split(":")[0]
    if name == "cpu":
        return
    if name in ("cuda", "mps", "xpu", "meta", "hip"):
        raise AssertionError(f"autograd runs on the CPU only: device '{d}' is not available")
    raise RuntimeError(f"Expected one of cpu, cuda, ... device type at start of device string: {d}")


CPU = device("cpu")


# dtype names as torch's C++ messages spell them (TypeMeta names, ScalarType names)
_C_TYPE_NAMES = {"float16": "c10::Half", "float32": "float", "float64": "double", "int64": "long int", "int32": "int",
                 "int16": "short int", "int8": "signed char", "uint8": "unsigned char", "bool": "bool",
                 "uint16": "short unsigned int", "uint32": "unsigned int", "uint64": "long unsigned int"}
_SCALAR_TYPE_NAMES = _dtype._SCALAR_TYPE_NAMES


class Tensor:
    """An n-dimensional array that records the operations applied to it (define-by-run)."""

    # Views (``_base`` is not None) also carry ``_view_version`` (version when their grad_fn was set)
    # and ``_view_error`` (why in-place writes through them are forbidden, or None): see ops/views.py.
    __slots__ = ("_data", "_requires_grad", "_grad", "grad_fn", "_output_nr", "_version_counter",
                 "_base", "_view_version", "_view_error", "_retains_grad", "_hooks", "_accumulator",
                 "__dict__", "__weakref__")
    __array_priority__ = 1000
    _inference = False  # made inside inference_mode (an inference tensor: no autograd outside it)
    _fw_tangent = None  # forward-AD tangent, set inside autograd.forward_ad.dual_level
    _sink_cls = None  # AccumulateGrad, set by autograd.function (which imports this module)
    _run_backward = None  # engine.backward, set by autograd.engine (likewise)
    __array_ufunc__ = None  # make NumPy defer to our reflected operators

    def __new__(cls, *args, **kwargs):
        return object.__new__(cls)

    def __init__(self, *args, dtype=None, device=None, requires_grad=False):
        """``Tensor(data)`` or ``Tensor(*sizes)`` (uninitialised), float32 by default, like torch.Tensor."""
        if len(args) == 1 and not isinstance(args[0], (int, np.integer)):
            data = args[0]
            arr = data._data.copy() if isinstance(data, Tensor) else np.array(data, dtype=(_dtype.get_default_dtype().np if dtype is None else _dtype.to_dtype(dtype).np))
        else:  # sizes; no argument at all is an empty 1-D tensor, as torch.Tensor()
            shape = tuple(int(s) for s in (args[0] if len(args) == 1 and isinstance(args[0], (tuple, list)) else args)) or (0,)
            arr = np.empty(shape, dtype=(_dtype.get_default_dtype() if dtype is None else _dtype.to_dtype(dtype)).np)
        self._init(arr, requires_grad)

    def _init(self, arr, requires_grad=False):
        self._data = arr
        self._requires_grad = requires_grad
        self._grad = None
        self.grad_fn = None
        self._output_nr = 0
        self._version_counter = [0]
        self._base = None
        self._retains_grad = False
        self._hooks = None
        self._accumulator = None
        if STATE.inference:
            self._inference = True

    @classmethod
    def _make(cls, arr, requires_grad=False, grad_fn=None):
        """Fast internal constructor around an existing NumPy array (no copy, no checks)."""
        t = object.__new__(cls)
        t._data = arr
        t._requires_grad = requires_grad
        t._grad = None
        t.grad_fn = grad_fn
        t._output_nr = 0
        t._version_counter = [0]
        t._base = None
        t._retains_grad = False
        t._hooks = None
        t._accumulator = None
        if STATE.inference:
            t._inference = True
        return t

    # ---- metadata --------------------------------------------------------------------------
    @property
    def shape(self):
        return _tuple_new(Size, self._data.shape)

    def size(self, dim=None):
        if dim is None:
            return _tuple_new(Size, self._data.shape)
        return self._data.shape[_wrap_dim(dim, self._data.ndim, "size")]

    @property
    def ndim(self):
        return self._data.ndim

    def dim(self):
        return self._data.ndim

    ndimension = dim

    def numel(self):
        return self._data.size

    nelement = numel

    @property
    def dtype(self):
        return _dtype._BY_NP[self._data.dtype]

    @property
    def device(self):
        return CPU

    @property
    def is_cuda(self):
        return False

    is_sparse = False
    is_quantized = False
    is_meta = False

    @property
    def layout(self):
        from ._layout import strided
        return strided

    def element_size(self):
        return self._data.itemsize

    @property
    def itemsize(self):
        return self._data.itemsize

    @property
    def nbytes(self):
        return self._data.nbytes

    def stride(self, dim=None):
        arr = self._data
        st = [s // arr.itemsize for s in arr.strides]
        for d in range(arr.ndim - 1, -1, -1):  # NumPy's inserted size-1 dims have stride 0; torch's the next dim's span
            if arr.shape[d] == 1 and st[d] == 0:
                st[d] = st[d + 1] * arr.shape[d + 1] if d + 1 < arr.ndim else 1
        st = tuple(st)
        return st if dim is None else st[_wrap_dim(dim, self._data.ndim, "stride")]

    def _is_view(self):
        return self._base is not None

    def is_contiguous(self, memory_format=None):
        if memory_format is None:
            return self._data.flags.c_contiguous
        from .memory_format import has_format
        return has_format(self._data, memory_format)

    def data_ptr(self):
        return self._data.__array_interface__["data"][0]

    def is_floating_point(self):
        return self._data.dtype.kind == "f"

    def is_complex(self):
        return False

    def get_device(self):
        return -1

    # ---- autograd state --------------------------------------------------------------------
    @property
    def requires_grad(self):
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value):
        value = bool(value)
        if self.grad_fn is not None:
            if value:
                return
            raise RuntimeError("you can only change requires_grad flags of leaf variables. If you want to "
                               "use a computed variable in a subgraph that doesn't require differentiation "
                               "use var_no_grad = var.detach().")
        if value and self._data.dtype.kind != "f":
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        if value and self._inference and not STATE.inference:
            raise RuntimeError("Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.")
        self._requires_grad = value

    def requires_grad_(self, requires_grad=True):
        self.requires_grad = requires_grad
        return self

    def is_inference(self):
        return self._inference

    @property
    def is_leaf(self):
        return self.grad_fn is None

    @property
    def grad(self):
        if self.grad_fn is not None and not self._retains_grad:
            warnings.warn("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its "
                          ".grad attribute won't be populated during autograd.backward(). If you indeed want "
                          "the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the "
                          "non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the "
                          "leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more information.",
                          UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value):
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(f"assigned grad expected to be a Tensor or None but got grad of type {type(value).__name__}")
            if value._data.dtype != self._data.dtype:
                got, want = _C_TYPE_NAMES[value._data.dtype.name], _SCALAR_TYPE_NAMES[self._data.dtype.name]
                raise RuntimeError(
                    f"attempting to assign a gradient with dtype '{got}' to a tensor with grad_dtype '{want}'. The "
                    "gradient must match the tensor's grad_dtype (defaults to the tensor's dtype). You can set the "
                    "tensor's grad_dtype attribute with a specific dtype, or None to allow any dtype. Set grad_dtype "
                    "with caution. Diverging the dtypes of a tensor and its gradient may break downstream systems "
                    "that assume they match.")
            if value._data.shape != self._data.shape:
                raise RuntimeError(f"attempting to assign a gradient of size '{list(value.shape)}' to a tensor of size "
                                   f"'{list(self.shape)}'. Please ensure that the gradient and the tensor are the same size")
        self._grad = value

    @property
    def retains_grad(self):
        return self._retains_grad

    @property
    def output_nr(self):
        return self._output_nr

    @property
    def _version(self):
        return self._version_counter[0]

    @property
    def data(self):
        """A detached Tensor sharing this tensor's storage but not its version counter (as in PyTorch):
        writes through ``.data`` are invisible to autograd's in-place checks."""
        return Tensor._make(self._data)

    @data.setter
    def data(self, value):
        arr = value._data if isinstance(value, Tensor) else np.asarray(value)
        self._data = arr

    def _grad_accumulator(self):
        acc = self._accumulator() if self._accumulator is not None else None
        if acc is None:
            acc = self._sink_cls(self)
            self._accumulator = weakref.ref(acc)
        return acc

    def retain_grad(self):
        if not self._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self.grad_fn is None or self._retains_grad:
            return
        self._retains_grad = True
        ref = weakref.ref(self)

        def _store(grad):
            t = ref()
            if t is not None:
                if t._grad is None:
                    t._grad = grad.detach().clone() if not STATE.grad_enabled else grad.clone()
                else:
                    t._grad = t._grad + grad
            return None
        _store._retains_grad_hook = True
        self.grad_fn._add_pre_hook(self._output_nr, _store)

    def register_hook(self, hook):
        """Call ``hook(grad)`` when this tensor's gradient is computed; a returned tensor replaces it."""
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        from .function import _RemovableHandle
        if self.grad_fn is not None:
            return self.grad_fn._add_pre_hook(self._output_nr, hook)
        if self._hooks is None:
            self._hooks = []
        self._hooks.append(hook)
        return _RemovableHandle(self._hooks, hook)

    def register_post_accumulate_grad_hook(self, hook):
        """Call ``hook(tensor)`` on a leaf after its ``.grad`` has been accumulated."""
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self.grad_fn is not None:
            raise RuntimeError("post accumulate grad hooks cannot be registered on non-leaf tensors")
        from .function import _RemovableHandle
        if self._hooks is None:
            self._hooks = []
        entry = _PostAccumulateHook(hook)
        self._hooks.append(entry)
        return _RemovableHandle(self._hooks, entry)

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        self._run_backward((self,), None if gradient is None else (gradient,), retain_graph, create_graph,
                           inputs=inputs)

    def detach(self):
        t = Tensor._make(self._data)
        t._version_counter = self._version_counter
        if self._inference:
            t._inference = True
        return t

    def detach_(self):
        if self._base is not None and self._base.requires_grad:
            raise RuntimeError(
                "Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) "
                "for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and "
                "hence detach_() cannot be called on these gradients. To fix this error, please refer to the "
                "Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.")
        self.grad_fn = None
        self._requires_grad = False
        return self

    # ---- conversion ------------------------------------------------------------------------
    def item(self):
        if self._data.size != 1:
            raise RuntimeError(f"a Tensor with {self._data.size} elements cannot be converted to Scalar")
        return self._data.reshape(()).item()

    def numpy(self, force=False):
        if self._requires_grad and not force and STATE.grad_enabled:  # allowed under no_grad, as in torch
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        return self._data

    def __array__(self, dtype=None, copy=None):
        if self._requires_grad and STATE.grad_enabled:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        return self._data if dtype is None else self._data.astype(dtype)

    def tolist(self):
        return self._data.tolist()

    def __len__(self):
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self):
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._data.shape[0]))

    def _scalar(self, kind):
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return kind(self._data.reshape(()).item())

    def __bool__(self):
        if self._data.size != 1:
            raise RuntimeError("Boolean value of Tensor with " + ("no values" if self._data.size == 0 else
                                                                   "more than one value") + " is ambiguous")
        return bool(self._data.reshape(()).item())

    def __float__(self):
        return self._scalar(float)

    def __int__(self):
        return self._scalar(int)

    def __index__(self):
        if self._data.dtype.kind not in "iub" or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self._data.reshape(()).item())

    def __complex__(self):
        return self._scalar(complex)

    def __hash__(self):
        return id(self)

    def __reduce_ex__(self, proto):
        return (_rebuild, (self._data, self._requires_grad))

    def __deepcopy__(self, memo):
        if not self.is_leaf:
            raise RuntimeError("Only Tensors created explicitly by the user (graph leaves) support the "
                               "deepcopy protocol at the moment.")
        new = type(self).__new__(type(self))
        Tensor._init(new, self._data.copy(), self._requires_grad)
        if self._grad is not None:
            new._grad = Tensor._make(self._grad._data.copy())
        if hasattr(self, "__dict__"):
            for k, v in self.__dict__.items():
                new.__dict__[k] = v
        memo[id(self)] = new
        return new

    def cpu(self):
        return self

    def cuda(self, *args, **kwargs):
        _check_device("cuda")

    def _type_name(self):
        return f"autograd.{_SCALAR_TYPE_NAMES[self.dtype.name]}Tensor"  # autograd.FloatTensor, ...

    def type(self, dtype=None):
        if dtype is None:
            return self._type_name()
        if isinstance(dtype, str) and dtype.endswith("Tensor"):
            names = {f"{v}Tensor": k for k, v in _SCALAR_TYPE_NAMES.items()}
            dtype = _dtype.to_dtype(names[dtype.split(".")[-1]])
        return self.to(getattr(dtype, "dtype", dtype))  # also a legacy class: x.type(autograd.DoubleTensor)

    def __repr__(self, *, tensor_contents=None):
        return format_tensor(self, tensor_contents)

    def __format__(self, spec):
        if self._data.ndim == 0:  # "{}".format(loss) prints the number, as PyTorch does
            return self.item().__format__(spec)
        return object.__format__(self, spec) if spec else repr(self)


def _rebuild(arr, requires_grad):
    return Tensor._make(arr, requires_grad)


def _wrap_dim(dim, ndim, op="dim"):
    n = max(ndim, 1)
    if not -n <= dim < n:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})")
    return dim % n


def register_method(*names):
    """Attach a function as a Tensor method under the given names (used by op modules)."""
    def deco(fn):
        for name in names:
            setattr(Tensor, name, fn)
        return fn
    return deco


class _PostAccumulateHook:
    """A leaf's hook run after its ``.grad`` is accumulated (kept in ``_hooks``; the engine tells it apart)."""
    __slots__ = ("fn",)

    def __init__(self, fn):
        self.fn = fn
