"""Tensor factories: tensor, as_tensor, from_numpy, zeros/ones/full/empty, arange, linspace, eye, rand*."""
import math
import numbers

import numpy as np

from . import _dtype
from ._warn import warn_once
from .random import dense_strides as _dense_strides, generator as _gen, serial_fill as _serial_fill
from .function import Op
from .tensor import Tensor, _check_device


def _np_dtype(dtype, default=None):
    if dtype is None:
        return (default or _dtype.get_default_dtype()).np
    return _dtype.to_dtype(dtype).np


def _finish(arr, requires_grad=False, device=None):
    if device is not None:
        _check_device(device)
    t = Tensor._make(arr)
    if requires_grad:
        if arr.dtype.kind != "f":
            raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
        t._requires_grad = True
    return t


def _infer_array(data, float_dtype=None):
    """NumPy array for ``data`` with PyTorch's inference: Python floats -> default float (or ``float_dtype``, the
    dtype asked for, so that ``tensor([0.7], dtype=float64)`` never passes through float32), ints -> int64."""
    if isinstance(data, Tensor):
        return data._data.copy()
    if isinstance(data, np.ndarray):
        _dtype.from_numpy_dtype(data.dtype)
        return data.copy()
    typed = None
    if isinstance(data, (list, tuple)):
        typed, has_tensor = _sequence_dtype(data)
        if has_tensor:
            data = _untensor(data)
        _check_nesting(data)
    arr = np.array(data)
    if arr.dtype == object:
        raise ValueError(f"too many dimensions or ragged nested sequence: could not infer a tensor from {type(data).__name__}")
    if typed is not None and arr.dtype.kind in "biuf":
        return arr.astype(typed.np, copy=False)
    if arr.dtype.kind == "f" and not isinstance(data, np.generic):
        arr = arr.astype(float_dtype or _dtype.get_default_dtype().np)
    elif arr.dtype.kind in "iu" and not isinstance(data, np.generic):
        arr = arr.astype(np.int64)
    elif arr.dtype.kind == "c":
        raise TypeError("complex tensors are not supported")
    elif arr.dtype.kind in "US":
        raise TypeError(f"new(): invalid data type '{arr.dtype.kind == 'U' and 'str' or 'bytes'}'")
    return arr


def _sequence_dtype(data):
    """(dtype, holds a Tensor) of a sequence: when it holds NumPy scalars/arrays or tensors, torch promotes
    the items' dtypes (Python float -> default dtype, int -> int64, bool -> bool); else (None, False)."""
    result, typed, has_tensor = None, False, False
    default = _dtype.get_default_dtype()
    for v in _flat(data):
        if isinstance(v, Tensor):
            d, typed, has_tensor = v.dtype, True, True
        elif isinstance(v, (np.generic, np.ndarray)) and v.dtype.kind in "biuf":
            d, typed = _dtype.from_numpy_dtype(v.dtype), True
        elif isinstance(v, bool):
            d = _dtype.bool_
        elif isinstance(v, int):
            d = _dtype.int64
        elif isinstance(v, float):
            d = default
        else:
            continue
        result = d if result is None else _dtype.promote_types(result, d)
    return (result if typed else None), has_tensor


def _check_nesting(data):
    """PyTorch's errors for ragged nested sequences (NumPy's would differ)."""
    sizes, x = [], data
    while isinstance(x, (list, tuple)):
        sizes.append(len(x))
        if not x:
            break
        x = x[0]

    def walk(seq, d):
        if len(seq) != sizes[d]:
            raise ValueError(f"expected sequence of length {sizes[d]} at dim {d} (got {len(seq)})")
        for item in seq:
            if d + 1 < len(sizes):
                if not isinstance(item, (list, tuple)):
                    raise TypeError("not a sequence")
                walk(item, d + 1)
    walk(data, 0)


def _flat(x):
    for v in x:
        if isinstance(v, (list, tuple)):
            yield from _flat(v)
        else:
            yield v


def _untensor(x):
    if isinstance(x, Tensor):
        return x._data.tolist()
    if isinstance(x, (list, tuple)):
        return [_untensor(v) for v in x]
    return x


def tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False):
    want = None if dtype is None else _dtype.to_dtype(dtype).np
    # Python floats go straight to a float dtype asked for, else through float64 (exact for int targets)
    arr = _infer_array(data, None if want is None else want if want.kind == "f" else np.dtype(np.float64))
    if want is not None:
        if want.kind in "iu" and not isinstance(data, np.ndarray):
            _check_overflow(arr, want)
        arr = arr.astype(want)
    return _finish(arr, requires_grad, device)


def _check_overflow(arr, want):
    """torch checks Python values converted to an integer dtype: floats must lie in its range, integers too
    (but an unsigned dtype takes negatives down to -max, wrapping them as two's complement)."""
    if arr.size == 0 or arr.dtype.kind not in "iuf":
        return
    info = np.iinfo(want)
    lo = -int(info.max) if want.kind == "u" and arr.dtype.kind != "f" else int(info.min)
    if arr.dtype.kind == "f":
        bad = not (arr.min() >= lo and arr.max() <= info.max)  # NaN fails both comparisons
    else:
        bad = int(arr.min()) < lo or int(arr.max()) > info.max
    if bad:
        raise RuntimeError(f"value cannot be converted to type {want.name} without overflow")


def as_tensor(data, dtype=None, device=None):
    if isinstance(data, Tensor):
        return data if dtype is None else data.to(dtype)
    if isinstance(data, np.ndarray):
        _dtype.from_numpy_dtype(data.dtype)
        _check_shareable(data)
        return _finish(data if dtype is None else data.astype(_dtype.to_dtype(dtype).np), False, device)
    return tensor(data, dtype=dtype, device=device)


def from_numpy(ndarray):
    if not isinstance(ndarray, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(ndarray).__name__})")
    _dtype.from_numpy_dtype(ndarray.dtype)
    _check_shareable(ndarray)
    return Tensor._make(ndarray)


def _check_shareable(arr):
    """torch shares a NumPy array's memory only without negative strides, and warns (once) when read-only."""
    if any(s < 0 for s in arr.strides):
        raise ValueError("At least one stride in the given numpy array is negative, and tensors with negative "
                         "strides are not currently supported. (You can probably work around this by making a copy "
                         "of your array  with array.copy().) ")
    if not arr.flags.writeable:
        warn_once("numpy_readonly", "The given NumPy array is not writable, and PyTorch does not support "
                  "non-writable tensors. This means writing to this tensor will result in undefined behavior. You "
                  "may want to copy the array to protect its data or make it writable before converting it to a "
                  "tensor. This type of warning will be suppressed for the rest of this program.", stacklevel=4)


def _size(size):
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    out = tuple(int(s) for s in size)
    if any(s < 0 for s in out):
        raise RuntimeError(f"Trying to create tensor with negative dimension {min(out)}: {list(out)}")
    return out


def zeros(*size, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    try:
        shape = _size(size)
    except RuntimeError:
        raise RuntimeError("zeros: Dimension size must be non-negative.") from None
    return _finish(np.zeros(shape, _np_dtype(dtype)), requires_grad, device)


def ones(*size, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    return _finish(np.ones(_size(size), _np_dtype(dtype)), requires_grad, device)


def empty(*size, dtype=None, device=None, requires_grad=False, out=None, layout=None, memory_format=None):
    return _finish(np.empty(_size(size), _np_dtype(dtype)), requires_grad, device)


def _fill_dtype(fill_value):
    if isinstance(fill_value, bool):
        return _dtype.bool_
    if isinstance(fill_value, int):
        return _dtype.int64
    return _dtype.get_default_dtype()


def full(size, fill_value, *, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    if isinstance(fill_value, Tensor) and fill_value._data.ndim == 0:
        fill_value = fill_value.item()
    if not isinstance(fill_value, (numbers.Number, np.generic)):
        raise TypeError(f"full(): argument 'fill_value' (position 2) must be Number, not {type(fill_value).__name__}")
    d = _np_dtype(dtype, _fill_dtype(fill_value))
    return _finish(np.full(_size((size,)), _dtype.checked_scalar(fill_value, d), d), requires_grad, device)


def _like_dtype(input, dtype):
    return input._data.dtype if dtype is None else _dtype.to_dtype(dtype).np


def zeros_like(input, *, dtype=None, device=None, requires_grad=False, memory_format=None, layout=None):
    return _finish(np.zeros(input._data.shape, _like_dtype(input, dtype)), requires_grad, device)


def ones_like(input, *, dtype=None, device=None, requires_grad=False, memory_format=None, layout=None):
    return _finish(np.ones(input._data.shape, _like_dtype(input, dtype)), requires_grad, device)


def empty_like(input, *, dtype=None, device=None, requires_grad=False, memory_format=None, layout=None):
    return _finish(np.empty(input._data.shape, _like_dtype(input, dtype)), requires_grad, device)


def full_like(input, fill_value, *, dtype=None, device=None, requires_grad=False, memory_format=None, layout=None):
    d = _like_dtype(input, dtype)
    return _finish(np.full(input._data.shape, _dtype.checked_scalar(fill_value, d), d), requires_grad, device)


def _like(input, make):
    """``make(shape)`` for ``*_like``: torch fills ``empty_like(input)``, which keeps a dense permuted layout, in
    memory order."""
    arr = input._data
    strides = _dense_strides(arr)
    if strides is None:
        return make(input.shape)
    return _serial_fill(arr.shape, strides, lambda perm: make(tuple(arr.shape[d] for d in perm))._data)


def rand_like(input, *, dtype=None, device=None, requires_grad=False, memory_format=None, layout=None):
    out = _like(input, lambda shape: rand(shape, dtype=dtype or input.dtype))
    return _finish(out._data if isinstance(out, Tensor) else out, requires_grad)


def randn_like(input, *, dtype=None, device=None, requires_grad=False, memory_format=None, layout=None):
    arr = input._data
    d = _float_only(_np_dtype(dtype or input.dtype), "normal_kernel_cpu")
    return _finish(_gen().normal(arr.shape, 0.0, 1.0, d, _dense_strides(arr)), requires_grad)


def randint_like(input, low=0, high=None, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    if high is None:
        low, high = 0, low
    out = _like(input, lambda shape: randint(low, high, shape, dtype=dtype or input.dtype))
    return _finish(out._data if isinstance(out, Tensor) else out, requires_grad)


def arange(start=0, end=None, step=1, *, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    if end is None:
        start, end = 0, start
    vals = [v.item() if isinstance(v, Tensor) else v for v in (start, end, step)]
    start, end, step = vals
    if dtype is None and out is not None:
        dtype = out.dtype
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if not (math.isfinite(start) and math.isfinite(end)):
        raise RuntimeError(f"unsupported range: {start} -> {end}")
    if (end - start) / step < 0:
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    if dtype is None:
        d = _dtype.int64 if all(isinstance(v, int) for v in vals) else _dtype.get_default_dtype()
    else:
        d = _dtype.to_dtype(dtype)
    n = int(math.ceil((end - start) / step))
    if d.is_floating_point:
        arr = start + step * np.arange(n, dtype=np.float64)
    else:  # torch accumulates integer dtypes in int64: the bounds and step are truncated first
        a, b, s = int(start), int(end), int(step)
        if d is _dtype.int64:  # and sizes an int64 range from the truncated values
            if s == 0:
                raise ValueError("step must be nonzero")
            span = b - a + s - (1 if s > 0 else -1)
            n = max(abs(span) // abs(s) * (1 if (span >= 0) == (s > 0) else -1), 0)
        arr = a + s * np.arange(n, dtype=np.int64)
    res = _finish(np.asarray(arr).astype(d.np), requires_grad, device)
    if out is not None:
        from ._extras import _write_out
        return _write_out("arange", res, out)
    return res


def _space_args(name, start, end, steps):
    """linspace/logspace's argument checks (an int ``steps``, 0-d tensor bounds): the bounds as numbers."""
    if isinstance(steps, Tensor) and steps._data.ndim == 0 and steps._data.dtype.kind in "iu":
        steps = steps.item()
    if isinstance(steps, bool) or not isinstance(steps, numbers.Integral):
        got = ", ".join(type(v).__name__ for v in (start, end, steps))
        raise TypeError(f"{name}() received an invalid combination of arguments - got ({got}), but expected one of:"
                        f" (Tensor start, Tensor end, int steps, ...), (Number start, Number end, int steps, ...)")
    bad = [f"{w} with {v.ndim} dimension(s)" for w, v in (("start", start), ("end", end))
           if isinstance(v, Tensor) and v.ndim]
    if bad:
        raise RuntimeError(f"{name} only supports 0-dimensional start and end tensors, but got {' and '.join(bad)}.")
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    return [v.item() if isinstance(v, Tensor) else v for v in (start, end)] + [int(steps)]


def linspace(start, end, steps, *, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    start, end, steps = _space_args("linspace", start, end, steps)
    return _finish(_linspace(start, end, steps, _np_dtype(dtype)), requires_grad, device)


def _linspace(start, end, steps, dt):
    """PyTorch's kernel: the first half counts up from ``start``, the second half down from ``end``, each
    ``x + step * i`` fused (one rounding: evaluated in a wider float), so values match PyTorch's bit for bit."""
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    st = np.float64 if np.dtype(dt).kind in "iub" else np.dtype(dt).type
    if steps <= 1:
        return np.full(steps, start, dtype=st).astype(dt)
    a, b = st(start), st(end)
    step = (b - a) / st(steps - 1)
    wide = np.longdouble if st is np.float64 else np.float64
    idx = np.arange(steps)
    with np.errstate(all="ignore"):
        out = np.where(idx < steps // 2, wide(a) + wide(step) * idx, wide(b) - wide(step) * (steps - 1 - idx))
    return out.astype(st).astype(dt)


def logspace(start, end, steps, base=10.0, *, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    start, end, steps = _space_args("logspace", start, end, steps)
    return _finish(np.logspace(start, end, steps, base=base).astype(_np_dtype(dtype)), requires_grad, device)


def eye(n, m=None, *, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    for name, v in (("n", n), ("m", m)):
        if v is not None and v < 0:
            raise RuntimeError(f"{name} must be greater or equal to 0, got {v}")
    return _finish(np.eye(n, n if m is None else m, dtype=_np_dtype(dtype)), requires_grad, device)


def _float_only(d, kernel):
    if np.dtype(d).kind != "f":
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{_dtype.type_name(_dtype.from_numpy_dtype(d))}'")
    return d


def rand(*size, generator=None, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    d = _float_only(_np_dtype(dtype), "check_uniform_bounds")
    return _finish(_gen(generator).uniform(_size(size), 0.0, 1.0, d), requires_grad, device)


def randn(*size, generator=None, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    d = _float_only(_np_dtype(dtype), "normal_kernel_cpu")
    return _finish(_gen(generator).normal(_size(size), 0.0, 1.0, d), requires_grad, device)


def randint(low=0, high=None, size=None, *, generator=None, dtype=None, device=None, requires_grad=False, out=None, layout=None):
    if size is None:
        if high is None or not isinstance(high, (tuple, list)):
            raise TypeError("randint() missing required argument 'size'")
        low, high, size = 0, low, high
    elif high is None:
        low, high = 0, low
    if high <= low:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
    arr = _gen(generator).randint(tuple(size), low, high)
    return _finish(arr.astype(_np_dtype(dtype, _dtype.int64)), requires_grad, device)


def randperm(n, *, generator=None, dtype=None, device=None, requires_grad=False):
    return _finish(_gen(generator).randperm(int(n)).astype(_np_dtype(dtype, _dtype.int64)), requires_grad, device)


def _check_float_fill(kernel, dtype):
    if dtype is not None and np.dtype(dtype).kind != "f":
        raise NotImplementedError(f'"{kernel}" not implemented for \'{_dtype.type_name(np.dtype(dtype).name)}\'')


def check_normal_std(std, dtype=None):
    """PyTorch's checks of ``normal``/``normal_``: ``std >= 0``, then a floating ``dtype`` (when given)."""
    if not isinstance(std, Tensor) and std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")
    _check_float_fill("normal_kernel_cpu", dtype)


def check_uniform_range(a, b, dtype=None):
    """PyTorch's checks of ``uniform_``: a floating ``dtype`` (when given), then ``a <= b``."""
    _check_float_fill("check_uniform_bounds", dtype)
    if a > b:
        raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found from={a:g} > to={b:g}")


class _Normal(Op):
    """A normal draw's graph node: PyTorch gives ``mean`` and ``std`` zero gradients (no reparameterisation)."""

    node_name = "NormalBackward3"

    @staticmethod
    def forward(ctx, mean, std, draw):
        ctx.shapes = [tuple(t.shape) if isinstance(t, Tensor) else None for t in (mean, std)]
        return draw

    @staticmethod
    def backward(ctx, g):
        return tuple(None if s is None else g.new_zeros(s) for s in ctx.shapes) + (None,)


class _NormalMean(_Normal):  # normal(Tensor mean, float std)
    node_name = "NormalBackward1"


class _NormalStd(_Normal):  # normal(float mean, Tensor std)
    node_name = "NormalBackward2"


def normal(mean=0.0, std=1.0, size=None, *, generator=None, dtype=None, out=None, layout=None, device=None,
           requires_grad=False, pin_memory=False):
    if device is not None:
        _check_device(device)
    if isinstance(mean, Tensor) or isinstance(std, Tensor):
        op = _Normal if isinstance(mean, Tensor) and isinstance(std, Tensor) else \
            _NormalMean if isinstance(mean, Tensor) else _NormalStd
        return op.apply(mean, std, _normal(mean, std, size, generator, dtype))
    return Tensor._make(_normal(mean, std, size, generator, dtype), requires_grad=requires_grad)


def _normal(mean, std, size, generator, dtype):
    check_normal_std(std)
    m = mean._data if isinstance(mean, Tensor) else mean
    s = std._data if isinstance(std, Tensor) else std
    shape = tuple(size) if size is not None else np.broadcast_shapes(np.shape(m), np.shape(s))
    dt = mean.dtype if isinstance(mean, Tensor) else (std.dtype if isinstance(std, Tensor) else None)
    d = _np_dtype(dtype, dt)
    if isinstance(mean, Tensor) or isinstance(std, Tensor):  # torch: a standard normal fill, then * std + mean
        z = _gen(generator).normal(shape, 0.0, 1.0, d)
        return (z * np.asarray(s, d) + np.asarray(m, d)).astype(d)
    return _gen(generator).normal(shape, m, s, d)


_P_IN_RANGE = ("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  "
               "If so, please report an enhancement request to PyTorch.)")


class _Bernoulli(Op):
    """A Bernoulli draw's graph node: PyTorch gives the probabilities a zero gradient; with a number ``p`` it
    defines none (its node raises when reached)."""

    node_name = "BernoulliBackward0"

    @staticmethod
    def forward(ctx, input, draw):
        return draw

    @staticmethod
    def backward(ctx, g):
        return g.new_zeros(g.shape), None


class _BernoulliScalar(_Bernoulli):
    node_name = "NotImplemented"

    @staticmethod
    def backward(ctx, g):
        raise RuntimeError("derivative for aten::bernoulli is not implemented")


def bernoulli(input, p=None, *, generator=None, out=None):
    g = _gen(generator)
    if p is None and ((input._data < 0) | (input._data > 1)).any():
        raise RuntimeError(_P_IN_RANGE)
    if p is not None and not 0 <= p <= 1:
        raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={p}")
    arr = input._data  # torch's result is contiguous: drawn in logical order
    draws = g.bernoulli(arr) if p is None else g.bernoulli_scalar(arr.shape, p)
    return (_Bernoulli if p is None else _BernoulliScalar).apply(input, draws.astype(arr.dtype))


def poisson(input, generator=None):
    """Poisson draws with the rates in ``input`` (torch's CPU sampler on the stream)."""
    if (input._data < 0).any():
        raise RuntimeError("invalid Poisson rate, expected rate to be non-negative")
    return Tensor._make(_gen(generator).poisson(input._data))


def binomial(count, prob, generator=None):
    """Binomial(count, prob) draws per element, in ``count``'s dtype (torch's CPU sampler on the stream)."""
    shape = np.broadcast_shapes(count.shape, prob.shape)
    return Tensor._make(_gen(generator).binomial(np.broadcast_to(count._data, shape), prob._data)
                        .astype(count._data.dtype))


def multinomial(input, num_samples, replacement=False, *, generator=None):
    p = input._data
    if p.dtype.kind != "f":
        raise RuntimeError(f"multinomial only supports floating-point dtypes for input, got: "
                           f"{_dtype.type_name(input.dtype)}")
    if p.ndim not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if num_samples <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    if not replacement and num_samples > p.shape[-1]:
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
    if p.shape[-1] > 2 ** 24:
        raise RuntimeError("number of categories cannot exceed 2^24")
    bad = ~(np.isfinite(p) & (p >= 0))
    if bad.any() and replacement and num_samples > 1:  # torch's with-replacement kernel names the first bad entry
        first = p.reshape(-1)[np.argmax(bad.reshape(-1))]
        raise RuntimeError("invalid multinomial distribution (encountering probability entry "
                           + ("= infinity or NaN)" if first >= 0 else "< 0)"))
    if bad.any():
        raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
    if (p.sum(-1) <= 0).any():
        raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
    return Tensor._make(_gen(generator).multinomial(p, int(num_samples), replacement))


# ---- in-place random fills (used by nn.init); they never record a graph -------------------------
def _fill_random(t, arr):
    t._data[...] = arr
    t._version_counter[0] += 1
    return t


def _fill_serial(t, draw):
    """Fill ``t`` as torch's serial kernels do, in memory order: ``draw(shape)`` gives values in C order."""
    arr = t._data
    strides = None if arr.flags.c_contiguous else arr.strides
    return _fill_random(t, _serial_fill(arr.shape, strides, lambda perm: draw(tuple(arr.shape[d] for d in perm))))


def _check_continuous(self, name):
    if self._data.dtype.kind != "f":
        raise RuntimeError(f"{name} distribution is a continuous probability distribution. dtype must be a "
                           f"floating point but you specified {_dtype.type_name(self.dtype)}")


def uniform_(self, a=0.0, b=1.0, *, generator=None):
    check_uniform_range(a, b, self._data.dtype)
    return _fill_serial(self, lambda shape: _gen(generator).uniform(shape, a, b, self._data.dtype))


def normal_(self, mean=0.0, std=1.0, *, generator=None):
    check_normal_std(std, self._data.dtype)
    arr = self._data
    strides = None if arr.flags.c_contiguous else arr.strides
    return _fill_random(self, _gen(generator).normal(arr.shape, mean, std, arr.dtype, strides))


def bernoulli_(self, p=0.5, *, generator=None):
    g = _gen(generator)
    if isinstance(p, Tensor):
        if ((p._data < 0) | (p._data > 1)).any():
            raise RuntimeError(_P_IN_RANGE)
        pa = np.broadcast_to(p._data, self._data.shape)
        arr = self._data
        strides = None if arr.flags.c_contiguous else arr.strides
        return _fill_random(self, _serial_fill(arr.shape, strides, lambda perm: g.bernoulli(pa.transpose(perm))))
    if not 0 <= p <= 1:
        raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={p}")
    return _fill_serial(self, lambda shape: g.bernoulli_scalar(shape, p))


def random_(self, low=None, high=None, *, generator=None):
    """``random_()``: the dtype's full range; ``random_(to)``: [0, to); ``random_(from, to)``."""
    if low is None and high is None:
        return _fill_serial(self, lambda shape: _gen(generator).random_full(shape, self._data.dtype))
    if high is None:
        low, high = 0, low
    if high <= low:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
    return _fill_serial(self, lambda shape: _gen(generator).randint(shape, low, high))


def exponential_(self, lambd=1.0, *, generator=None):
    if not lambd > 0:
        raise RuntimeError(f"exponential_ expects lambda > 0.0, but found lambda={lambd:g}")
    _check_continuous(self, "Exponential")
    return _fill_serial(self, lambda shape: _gen(generator).exponential(shape, lambd))


def geometric_(self, p, *, generator=None):
    if not 0 < p < 1:
        raise RuntimeError(f"geometric_ expects p to be in (0, 1), but got p={p:g}")
    return _fill_serial(self, lambda shape: _gen(generator).geometric(shape, p))


def cauchy_(self, median=0.0, sigma=1.0, *, generator=None):
    if not sigma > 0:
        raise RuntimeError(f"cauchy_ expects sigma > 0.0, but found sigma={sigma:g}")
    _check_continuous(self, "Cauchy")
    return _fill_serial(self, lambda shape: _gen(generator).cauchy(shape, median, sigma))


def log_normal_(self, mean=1.0, std=2.0, *, generator=None):
    if not std > 0:
        raise RuntimeError(f"log_normal_ expects std > 0.0, but found std={std:g}")
    _float_only(self._data.dtype, "log_normal_cpu")
    return _fill_serial(self, lambda shape: _gen(generator).log_normal(shape, mean, std))


for _f in (uniform_, normal_, bernoulli_, random_, exponential_, geometric_, cauchy_, log_normal_):
    setattr(Tensor, _f.__name__, _f)
Tensor.new_zeros = lambda self, *size, dtype=None, device=None, requires_grad=False: zeros(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)
Tensor.new_ones = lambda self, *size, dtype=None, device=None, requires_grad=False: ones(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)
Tensor.new_empty = lambda self, *size, dtype=None, device=None, requires_grad=False: empty(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)
Tensor.new_full = lambda self, size, fill_value, dtype=None, device=None, requires_grad=False: full(size, fill_value, dtype=dtype or self.dtype, requires_grad=requires_grad)
Tensor.new_tensor = lambda self, data, dtype=None, device=None, requires_grad=False: tensor(data, dtype=dtype or self.dtype, requires_grad=requires_grad)


def frombuffer(buffer, *, dtype, count=-1, offset=0, requires_grad=False):
    """A 1-D tensor over the bytes of a buffer-protocol object (shares its memory, as PyTorch)."""
    mv = memoryview(buffer)
    length = mv.nbytes
    npdt = _dtype.to_dtype(dtype).np
    size = npdt.itemsize
    if length == 0 or count == 0:
        raise ValueError(f"both buffer length ({length}) and count ({count}) must not be 0")
    if offset < 0 or offset >= length:
        raise ValueError(f"offset ({offset} bytes) must be non-negative and no greater than buffer length "
                         f"({length} bytes) minus 1")
    if count < 0:
        if (length - offset) % size:
            raise ValueError(f"buffer length ({length - offset} bytes) after offset ({offset} bytes) must be a "
                             f"multiple of element size ({size})")
        count = (length - offset) // size
    elif offset + count * size > length:
        raise ValueError(f"requested buffer length ({count} * {size} bytes) after offset ({offset} bytes) must not "
                         f"be greater than actual buffer length ({length} bytes)")
    if mv.readonly:
        warn_once("buffer_readonly", "The given buffer is not writable, and PyTorch does not support non-writable "
                  "tensors. This means you can write to the underlying (supposedly non-writable) buffer using the "
                  "tensor. You may want to copy the buffer to protect its data or make it writable before converting "
                  "it to a tensor. This type of warning will be suppressed for the rest of this program.")
    arr = np.frombuffer(mv.cast("B"), dtype=npdt, count=count, offset=offset)
    if mv.readonly:
        arr = arr.copy()
    t = Tensor._make(arr)
    return t.requires_grad_() if requires_grad else t


def fill(input, value):
    """Out-of-place ``fill_``: a new tensor like ``input`` holding ``value``."""
    return input.clone().fill_(value)
