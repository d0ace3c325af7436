"""Shared op plumbing: operand promotion, dim normalisation, shape helpers (one mechanism for all ops)."""
import numpy as np

from .. import _dtype
from ..tensor import Tensor


def shape_of(x):
    return x._data.shape if isinstance(x, Tensor) else ()


def sum_to_shape(arr, shape):
    """Sum a broadcast result back down to ``shape`` (the reduction every broadcasting gradient needs)."""
    lead = arr.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(i + lead for i, s in enumerate(shape) if s == 1 and arr.shape[i + lead] != 1)
    return arr.sum(axis=axes, keepdims=True).reshape(shape) if axes else arr.reshape(shape)


def binary_operands(a, b):
    """NumPy operands of a binary op, cast to PyTorch's promoted result dtype.

    Python scalars stay Python scalars: NumPy treats them as 'weak' exactly as PyTorch's
    wrapped numbers, once the tensor side has the promoted dtype.
    """
    ta, tb = isinstance(a, Tensor), isinstance(b, Tensor)
    if ta:  # the common cases first: two tensors of one dtype, a float tensor and a Python number
        x = a._data
        if tb:
            y = b._data
            if x.dtype is y.dtype:
                return x, y
        elif (type(b) is float or type(b) is int) and x.dtype.kind == "f":
            return x, b
    if type(a) is np.ndarray:  # NumPy arrays take part as tensors (not as weak scalars), as in PyTorch
        a, ta = Tensor._make(a), True
    if type(b) is np.ndarray:
        b, tb = Tensor._make(b), True
    if ta and tb:
        x, y = a._data, b._data
        if x.dtype is y.dtype or x.dtype == y.dtype:
            return x, y
    elif ta:
        x = a._data
        if x.dtype.kind == "f" and type(b) in (float, int):
            return x, b
    elif tb:
        y = b._data
        if y.dtype.kind == "f" and type(a) in (float, int):
            return a, y
    dt = _dtype.result_type(a, b).np
    return _cast(a, dt), _cast(b, dt)


def check_overloads(name, input, other, number_self=False, arg="other"):
    """torch's overloads of a binary op: (Tensor, Tensor), (Tensor, Number) and, with ``number_self``,
    (Number, Tensor); any other combination (a number first, two numbers) is torch's TypeError."""
    if isinstance(input, Tensor) or (number_self and isinstance(other, Tensor)):
        return
    got = ", ".join("Tensor" if isinstance(v, Tensor) else type(v).__name__ for v in (input, other))
    sigs = [f"(Tensor input, Tensor {arg}, *, Tensor out = None)"]
    sigs += [f"(Number self, Tensor {arg}, *, Tensor out = None)"] if number_self else []
    sigs += [f"(Tensor input, Number {arg}, *, Tensor out = None)"]
    raise TypeError(f"{name}() received an invalid combination of arguments - got ({got}), but expected one of:\n"
                    + "".join(f" * {s}\n" for s in sigs))


def _cast(v, dt):
    if isinstance(v, Tensor):
        arr = v._data
        return arr if arr.dtype == dt else arr.astype(dt)
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, (bool, int, float)):
        if type(v) is int and dt.kind in "iu" and not np.iinfo(dt).min <= v <= np.iinfo(dt).max:
            return np.array(v).astype(dt)[()]  # wraps around like PyTorch's integer arithmetic
        return v
    raise TypeError(f"unsupported operand type: {type(v).__name__}")


def float_array(t):
    """The tensor's array, promoted to the default float dtype if it is integral/bool (torch.exp(int) -> float)."""
    arr = t._data
    return arr if arr.dtype.kind == "f" else arr.astype(_dtype.get_default_dtype().np)


def normalize_dims(dim, ndim, op="op"):
    """Return a sorted tuple of non-negative dims (None -> all), raising IndexError like PyTorch."""
    if dim is None:
        return tuple(range(ndim))
    dims = (dim,) if isinstance(dim, (int, np.integer)) else tuple(dim)
    n = max(ndim, 1)
    out = []
    for d in dims:
        d = int(d)
        if not -n <= d < n:
            raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {d})")
        d %= n
        if d in out:
            raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
        out.append(d)
    if ndim == 0:
        return ()
    return tuple(sorted(out))


def wrap_dim(dim, ndim, op="op"):
    n = max(ndim, 1)
    dim = int(dim)
    if not -n <= dim < n:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})")
    return dim % n


def kept_shape(shape, dims):
    """Shape of a keepdim=True reduction over ``dims``."""
    return tuple(1 if i in dims else s for i, s in enumerate(shape))


def broadcast_shapes(*shapes):
    try:
        return np.broadcast_shapes(*shapes)
    except ValueError:
        raise RuntimeError(f"shapes {', '.join(str(list(s)) for s in shapes)} cannot be broadcast together") from None


def broadcast_error(op, err, *operands):
    """The RuntimeError for an elementwise op whose NumPy kernel raised ``err`` (a ValueError).

    Shapes that don't broadcast get PyTorch's message (first mismatch from the right), then the
    op and the shapes; any other ValueError (e.g. int ** negative int) keeps its text.
    """
    shapes = [shape_of(x) for x in operands]
    out = ()
    for k, s in enumerate(shapes):
        n = max(len(out), len(s))
        a, b = (1,) * (n - len(out)) + tuple(out), (1,) * (n - len(s)) + tuple(s)
        for i in range(n - 1, -1, -1):
            if a[i] != b[i] and a[i] != 1 and b[i] != 1:
                listed = " and ".join(str(list(x)) for x in shapes)
                return RuntimeError(f"The size of tensor a ({a[i]}) must match the size of tensor b ({b[i]}) at "
                                    f"non-singleton dimension {i} ({op}: shapes {listed})")
        out = tuple(max(x, y) if min(x, y) != 0 else 0 for x, y in zip(a, b))
    return RuntimeError(str(err))


def as_tensor_arg(x, like=None):
    """Wrap a Python number/array into a Tensor (for ops that need tensor operands)."""
    if isinstance(x, Tensor):
        return x
    dt = None
    if like is not None and isinstance(x, (int, float)) and like._data.dtype.kind == "f":
        dt = like._data.dtype
    return Tensor._make(np.asarray(x, dtype=dt) if dt is not None else np.asarray(x))
