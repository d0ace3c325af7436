"""torch.masked: reductions and normalizations that ignore masked-out elements (strided tensors only).

Each op replaces masked-out elements by the reduction's identity (``where(mask, input, identity)``) and runs the
ordinary op, as torch does, so gradients flow only to masked-in elements and fully masked-out slices give the
identity (0 for sum, -inf for amax, ...) or NaN (mean, median, var, std).
"""
import builtins
import math

import autograd as _A

__all__ = ["sum", "prod", "cumsum", "cumprod", "amax", "amin", "argmax", "argmin", "mean", "median", "norm", "var",
           "std", "softmax", "log_softmax", "softmin", "normalize", "logaddexp", "logsumexp"]

_PROMOTED_TO_LONG = ("bool", "uint8", "int8", "int16", "int32")


def _reduction_identity(op_name, input, *args):
    """The value that leaves the reduction ``op_name`` unchanged, as a 0-dim tensor of input's dtype (or None)."""
    dtype = input.dtype
    if op_name in ("sum", "cumsum"):
        return _A.tensor(0, dtype=dtype)
    if op_name in ("prod", "cumprod"):
        return _A.tensor(1, dtype=dtype)
    if op_name in ("amax", "argmax", "logaddexp", "logsumexp", "amin", "argmin"):
        low = op_name not in ("amin", "argmin")
        if dtype.is_floating_point:
            return _A.tensor(-math.inf if low else math.inf, dtype=dtype)
        if dtype.is_signed or dtype.name == "uint8":
            info = _A.iinfo(dtype)
            return _A.tensor(info.min if low else info.max, dtype=dtype)
    elif op_name in ("mean", "var", "std"):
        return None
    elif op_name == "norm":
        ord = args[0] if args else 2
        if ord == -math.inf:
            if not dtype.is_floating_point:
                raise AssertionError(f"input must be floating point, got {dtype}")
            return _A.tensor(math.inf, dtype=dtype)
        return _A.tensor(0, dtype=dtype)
    elif op_name == "median":
        return _A.tensor(math.nan, dtype=dtype if dtype.is_floating_point else _A.float32)
    raise NotImplementedError(f"identity of {op_name} on torch.{dtype.name} input")


def _canonical_dim(dim, ndim):
    """``dim`` as a sorted tuple of non-negative dims (None or () mean every dim)."""
    if dim is None or dim == ():
        return tuple(range(ndim))
    ndim = builtins.max(ndim, 1)
    dims = []
    for d in ((dim,) if isinstance(dim, int) else dim):
        if d in dims:
            raise RuntimeError(f"dim={d} appears multiple times in the list of dims")
        if d >= ndim or d < -ndim:
            raise IndexError(f"Dimension out of range (expected to be in range of [{-ndim}, {ndim - 1}], but got {d})")
        dims.append(d % ndim)
    return tuple(sorted(dims))


def _input_mask(input, mask):
    """``mask`` broadcast to input's shape, as bool."""
    if mask is None:
        raise ValueError("_input_mask requires explicit mask")
    if mask.shape != input.shape:
        if mask.ndim > input.ndim:
            raise IndexError("_input_mask expected broadcastable mask (got mask dimensionality higher than of the "
                             "input)")
        mask = _A.broadcast_to(mask.clone(), input.shape)
    return mask.to(dtype=_A.bool_)


def _combine(op_name, input, mask, *args):
    """input with masked-out elements replaced by the identity of ``op_name``."""
    if mask is None:
        return input
    return _A.where(_input_mask(input, mask), input, _reduction_identity(op_name, input, *args))


def _sum_dtype(input, dtype):
    if dtype is not None:
        return dtype
    return _A.int64 if input.dtype.name in _PROMOTED_TO_LONG else input.dtype


# ---- reductions --------------------------------------------------------------------------------------------------
def sum(input, dim=None, *, keepdim=False, dtype=None, mask=None):
    """Sum of the masked-in elements over ``dim`` (0 where all are masked out)."""
    dtype = _sum_dtype(input, dtype)
    dim_ = _canonical_dim(dim, input.ndim)
    return _A.sum(_combine("sum", input, mask), dim_, bool(keepdim), dtype=dtype)


def prod(input, dim=None, *, keepdim=False, dtype=None, mask=None):
    """Product of the masked-in elements over ``dim`` (1 where all are masked out)."""
    dtype = _sum_dtype(input, dtype)
    dim_ = _canonical_dim(dim, input.ndim)
    result = _combine("prod", input, mask).to(dtype=dtype)
    for d in reversed(dim_):
        result = result.prod(dim=d, keepdim=bool(keepdim))
    return result


def cumsum(input, dim, *, dtype=None, mask=None):
    dtype = input.dtype if dtype is None else dtype
    dim_ = _canonical_dim(dim, input.ndim)[0]
    return _A.cumsum(_combine("sum", input, mask), dim_, dtype=dtype).to(dtype=dtype)


def cumprod(input, dim, *, dtype=None, mask=None):
    dtype = input.dtype if dtype is None else dtype
    dim_ = _canonical_dim(dim, input.ndim)[0]
    return _A.cumprod(_combine("prod", input, mask), dim_, dtype=dtype).to(dtype=dtype)


def _extreme(name, fn):
    def reduce(input, dim=None, *, keepdim=False, dtype=None, mask=None):
        dtype = input.dtype if dtype is None else dtype
        mask_input = _combine(name, input, mask)
        return fn(mask_input, _canonical_dim(dim, mask_input.ndim), bool(keepdim)).to(dtype=dtype)
    reduce.__name__ = reduce.__qualname__ = name
    reduce.__doc__ = f"{name} of the masked-in elements over ``dim``."
    return reduce


def _arg_extreme(name, fn):
    def reduce(input, dim=None, *, keepdim=False, dtype=None, mask=None):
        dtype = input.dtype if dtype is None else dtype
        return fn(_combine(name, input, mask), dim, bool(keepdim)).to(dtype=dtype)
    reduce.__name__ = reduce.__qualname__ = name
    reduce.__doc__ = f"{name} of the masked-in elements along ``dim``, cast to ``dtype`` (default input's dtype)."
    return reduce


amax = _extreme("amax", _A.amax)
amin = _extreme("amin", _A.amin)
argmax = _arg_extreme("argmax", _A.argmax)
argmin = _arg_extreme("argmin", _A.argmin)


def _count_and_sum(input, dim, keepdim, dtype, mask):
    """(number of masked-in elements, their sum) over ``dim``; the mask broadcast to input's shape (or None)."""
    if mask is None:
        count = sum(_A.ones(input.shape, dtype=_A.int64), dim, keepdim=keepdim)
        return count, sum(input, dim, keepdim=keepdim, dtype=dtype), None
    inmask = _input_mask(input, mask)
    count = inmask.sum(dim=dim, keepdim=bool(keepdim))
    return count, sum(input, dim, keepdim=keepdim, dtype=dtype, mask=inmask), inmask


def mean(input, dim=None, *, keepdim=False, dtype=None, mask=None):
    """Mean of the masked-in elements over ``dim`` (NaN where all are masked out)."""
    source = "Optional"
    if dtype is None:
        dtype, source = input.dtype, "Input"
    if not dtype.is_floating_point:
        raise ValueError(f"mean(): Could not infer output dtype. {source} dtype must be either a floating point or "
                         f"complex dtype. Got: torch.{dtype.name}")
    count, total, _ = _count_and_sum(input, dim, keepdim, dtype, mask)
    return total / count


def median(input, dim=-1, *, keepdim=False, dtype=None, mask=None):
    """Median of the masked-in elements along ``dim`` (NaN where all are masked out; an error for integer input)."""
    dtype = input.dtype if dtype is None else dtype
    dim_ = _canonical_dim(dim, input.ndim)[0]
    is_float = input.dtype.is_floating_point
    if not is_float:
        input = input.to(dtype=_A.float32)
    output = _A.nanmedian(_combine("median", input, mask), dim_, keepdim).values
    if is_float:
        return output
    if not _A.isnan(output).any():
        return output.to(dtype=dtype)
    raise ValueError("masked median expects no fully masked out rows if dtype is not floating point")


def logsumexp(input, dim=None, *, keepdim=False, dtype=None, mask=None):
    dtype = input.dtype if dtype is None else dtype
    dim_ = _canonical_dim(dim, input.ndim)
    return _A.logsumexp(_combine("logsumexp", input, mask), dim_, keepdim=keepdim).to(dtype=dtype)


def logaddexp(input, other, *, dtype=None, input_mask=None, other_mask=None):
    """logaddexp of input and other, each masked-out element taken as -inf."""
    dtype = input.dtype if dtype is None else dtype
    return _A.logaddexp(_combine("logaddexp", input, input_mask),
                        _combine("logaddexp", other, other_mask)).to(dtype=dtype)


def norm(input, ord=2.0, dim=None, *, keepdim=False, dtype=None, mask=None):
    """Vector ``ord``-norm of the masked-in elements over ``dim``."""
    dtype = input.dtype if dtype is None else dtype
    mask_input = _combine("norm", input, mask, ord)
    return _A.linalg.vector_norm(mask_input, ord, _canonical_dim(dim, input.ndim), bool(keepdim), dtype=dtype)


def _std_var(input, dim, unbiased, correction_opt, keepdim, dtype, mask, take_sqrt):
    if unbiased is not None and correction_opt is not None:
        raise AssertionError("Only one of unbiased and correction may be given")
    correction = 1.0
    if unbiased is not None:
        correction = 1.0 if unbiased else 0.0
    if correction_opt is not None:
        correction = float(correction_opt)
    if dtype is None:
        dtype = input.dtype if input.dtype.is_floating_point else _A.float32
    compute_dtype = dtype if dtype.is_floating_point else _A.float32
    count, sample_total, inmask = _count_and_sum(input, dim, True, dtype, mask)
    x = input - sample_total / count
    total = sum(x * x, dim, keepdim=keepdim, dtype=compute_dtype, mask=inmask)
    if not keepdim:
        count = count.reshape(total.shape)
    if correction != 0:
        count = count.to(compute_dtype) - correction
        count = _A.maximum(count, count.new_zeros([]))
    output = (total / count).to(dtype=dtype)
    return _A.sqrt(output) if take_sqrt else output


def var(input, dim=None, unbiased=None, *, correction=None, keepdim=False, dtype=None, mask=None):
    """Variance of the masked-in elements over ``dim`` (NaN where all are masked out)."""
    return _std_var(input, dim, unbiased, correction, keepdim, dtype, mask, take_sqrt=False)


def std(input, dim=None, unbiased=None, *, correction=None, keepdim=False, dtype=None, mask=None):
    """Standard deviation of the masked-in elements over ``dim`` (NaN where all are masked out)."""
    return _std_var(input, dim, unbiased, correction, keepdim, dtype, mask, take_sqrt=True)


# ---- normalizations ----------------------------------------------------------------------------------------------
def softmax(input, dim, *, dtype=None, mask=None):
    """softmax along ``dim`` with masked-out elements taken as -inf (0 in the result)."""
    dtype = input.dtype if dtype is None else dtype
    dim_ = _canonical_dim(dim, input.ndim)[0]
    return _A.softmax(_combine("amax", input, mask), dim_, dtype=dtype)


def log_softmax(input, dim, *, dtype=None, mask=None):
    dtype = input.dtype if dtype is None else dtype
    dim_ = _canonical_dim(dim, input.ndim)[0]
    return _A.log_softmax(_combine("amax", input, mask), dim_, dtype=dtype)


def softmin(input, dim, *, dtype=None, mask=None):
    """softmax of -input along ``dim`` with masked-out elements taken as +inf (0 in the result)."""
    dtype = input.dtype if dtype is None else dtype
    dim_ = _canonical_dim(dim, input.ndim)[0]
    return _A.softmax(-_combine("amin", input, mask), dim_, dtype=dtype)


def normalize(input, ord, dim, *, eps=1e-12, dtype=None, mask=None):
    """input divided by its masked ``ord``-norm along ``dim`` (at least ``eps``); masked-out elements give 0."""
    dtype = input.dtype if dtype is None else dtype
    mask_input = _combine("sum", input, mask)
    nrm_ = norm(input, ord, dim, keepdim=True, dtype=dtype, mask=mask)
    return mask_input / _A.maximum(nrm_, nrm_.new_full([], eps))
