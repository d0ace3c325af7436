"""autograd: a PyTorch-compatible tensor library with a reverse-mode tape (``torch`` -> ``autograd``)."""
import warnings as _warnings
# torch computes log(-1) = nan, 1/0 = inf, exp(1000) = inf silently: NumPy's floating-point RuntimeWarnings from
# this library's own code are ignored (a warnings filter costs nothing per op, unlike np.errstate on each call)
_warnings.filterwarnings("ignore", r"(divide by zero|invalid value|overflow|underflow) encountered in",
                         RuntimeWarning, r"(autograd|nn|optim)(\.|$)")
from . import _dtype  # noqa: E402
from ._dtype import (bool_, uint8, int8, int16, int32, int64, float16, float32, float64, uint16, uint32, uint64, dtype,
                     get_default_dtype, set_default_dtype, promote_types)
from ._format import set_printoptions, get_printoptions, printoptions
from ._warn import set_warn_always, is_warn_always_enabled
from .tensor import Tensor, Size, device
from .grad_mode import (no_grad, enable_grad, set_grad_enabled, is_grad_enabled, inference_mode,
                        is_inference_mode_enabled,
                        detect_anomaly, set_detect_anomaly, is_anomaly_enabled,
                        is_anomaly_check_nan_enabled, set_anomaly_enabled)
from .function import Function, once_differentiable
from .engine import _is_checkpoint_valid, backward, grad
from . import graph  # noqa: F401  (autograd.graph: saved-tensor hooks)
from . import forward_ad  # noqa: F401  (dual tensors)
from . import ops  # noqa: F401  (attaches Tensor methods)
from .ops.arithmetic import (add, sub, mul, div, neg, pow, true_divide, floor_divide, rsub, subtract, multiply,
                             divide, negative)
from .ops.pointwise import (exp, log, log2, log10, log1p, expm1, sqrt, rsqrt, sin, cos, tan, tanh, sigmoid, relu,
                            abs, sign, floor, ceil, trunc, round, reciprocal, asin, acos, atan, sinh, cosh, erf,
                            square, clamp, clamp_min, clamp_max, maximum, minimum, where, eq, ne, lt, le, gt, ge,
                            logical_and, logical_or, logical_xor, logical_not, bitwise_and, bitwise_or, bitwise_xor,
                            bitwise_not, isnan, isinf, isfinite, equal, allclose, isclose)
from .ops.pointwise import polygamma
from .ops.reduction import (sum, mean, prod, max, min, amax, amin, argmax, argmin, var, std, var_mean, std_mean,
                            logsumexp, all, any, cumsum, cumprod)
from .ops.softmax import softmax, log_softmax
from . import return_types  # noqa: F401
from .ops.shape import (reshape, flatten, unflatten, permute, transpose, t, squeeze, unsqueeze, clone,
                        broadcast_to, broadcast_tensors, broadcast_shapes, tile, movedim, moveaxis, diagonal,
                        diag, diag_embed, flip, fliplr, flipud, roll, tril, triu, narrow, narrow_copy, as_strided, select, adjoint,
                        atleast_1d,
                        atleast_2d, atleast_3d)
from .memory_format import (memory_format, contiguous_format, preserve_format, channels_last,  # noqa: E402
                            channels_last_3d)
from .ops.joining import (cat, concat, concatenate, stack, hstack, vstack, dstack, row_stack, column_stack,
                          split, chunk, unbind, tensor_split)
from .ops.linalg import matmul, mm, bmm, dot, mv
from .ops.indexing import (nonzero, argwhere, gather, scatter, scatter_add, take_along_dim, take,
                           index_select, index_add, index_copy, index_fill, index_put, masked_fill, masked_select,
                           index_reduce, put)
# --- order statistics and less common math (conformance) ---------------------------------------
from .ops.sorting import (sort, argsort, msort, topk, kthvalue, median, nanmedian, mode, cummax, cummin, quantile,
                          nanquantile, unique, unique_consecutive, bincount, histc, searchsorted, bucketize)
from .ops.misc import (atan2, arctan2, remainder, fmod, hypot, logaddexp, logaddexp2, xlogy, copysign, fmax, fmin,
                       heaviside, float_power, lerp, addcmul, addcdiv, logit, frac, exp2, deg2rad, rad2deg, sinc, asinh,
                       acosh, atanh, arcsinh, arccosh, arctanh, erfc, erfinv, lgamma, digamma, sgn, signbit, isneginf,
                       isposinf, isreal, isin, nan_to_num, addmm, addmv, addr, baddbmm, addbmm, trace, outer, ger, inner,
                       vdot, tensordot, kron, einsum, cdist, dist, diff, logcumsumexp, nansum, nanmean, count_nonzero,
                       aminmax, cross, repeat_interleave, rot90, meshgrid, cartesian_prod, combinations, tril_indices,
                       triu_indices, block_diag, ravel, diagflat, trapezoid, trapz, is_nonzero, masked_scatter,
                       scatter_reduce)
from .ops.special import i0, igamma, igammac, mvlgamma  # noqa: E402
from .ops.numeric import frexp, ldexp, nextafter, gradient, histogram, cumulative_trapezoid, renorm  # noqa: E402
from . import special  # noqa: E402,F401  (torch.special)
from . import linalg  # noqa: E402
from .linalg import det, _slogdet as slogdet, logdet, matrix_power, matrix_exp  # noqa: E402
from .linalg import _legacy_svd as svd, _legacy_pinverse as pinverse, cholesky  # noqa: E402
from .linalg import _legacy_norm as norm  # noqa: E402  (torch.norm: vector norms, 'fro' and 'nuc')
from .linalg import (lu_unpack, cholesky_solve, cholesky_inverse, triangular_solve, _legacy_qr as qr,  # noqa: E402
                     _legacy_lu as lu, _legacy_lu_solve as lu_solve)
from ._info import finfo, iinfo  # noqa: E402
inverse = linalg.inv
chain_matmul = linalg._chain_matmul
geqrf, orgqr, ormqr = linalg.geqrf, linalg.householder_product, linalg.ormqr
from .creation import (tensor, as_tensor, from_numpy, zeros, ones, empty, full, zeros_like, ones_like, empty_like,
                       full_like, rand_like, randn_like, randint_like, arange, linspace, logspace, eye, rand, randn,
                       randint, randperm, normal, bernoulli, multinomial, poisson, binomial)
from .random import Generator, manual_seed, seed, initial_seed, get_rng_state, set_rng_state, default_generator
from .gradcheck import gradcheck, gradgradcheck, GradcheckError
from .serialization import save, load
from . import data  # noqa: F401,E402  (autograd.data, like torch.utils.data, is there after `import autograd`)
from . import kernels  # noqa: F401
from . import profiler  # noqa: F401  (autograd.profiler.profile)
from . import viz  # noqa: F401,E402  (graph drawing; imports graphviz lazily)

clip = clamp
absolute = abs
arcsin, arccos, arctan = asin, acos, atan
swapaxes = swapdims = transpose
result_type = lambda a, b: _dtype.result_type(a, b)  # noqa: E731
can_cast = lambda from_, to: _dtype.promote_types(from_, to) is to or from_._category <= to._category  # noqa: E731
is_tensor = lambda obj: isinstance(obj, Tensor)  # noqa: E731
is_floating_point = lambda input: input.is_floating_point()  # noqa: E731
is_complex = lambda input: input.is_complex()  # noqa: E731
is_inference = lambda input: input.is_inference()  # noqa: E731
numel = lambda input: input.numel()  # noqa: E731
from ._legacy import (FloatTensor, DoubleTensor, HalfTensor, LongTensor, IntTensor, ShortTensor,  # noqa: E402
                      CharTensor, ByteTensor, BoolTensor, Variable)
from . import cuda, backends, functional, accelerator  # noqa: E402,F401
from . import func  # noqa: E402,F401  (torch.func.functional_call)
from . import amp  # noqa: E402  (torch.amp: GradScaler, autocast)
from .amp import autocast  # noqa: E402,F401

globals().update({"float": float32, "double": float64, "half": float16, "long": int64, "int": int32,
                  "short": int16, "bool": bool_})

__version__ = "0.1.0"


def _accept_axis():
    """NumPy's ``axis=`` spelling of ``dim=`` works on every function that takes a ``dim`` (as in PyTorch)."""
    import functools
    import inspect
    g = globals()
    for name, fn in list(g.items()):
        if name.startswith("_") or not inspect.isfunction(fn):
            continue
        if hasattr(fn, "__wrapped__"):
            params = inspect.signature(fn).parameters
        else:  # the code object names the parameters (inspect.signature over ~700 functions is slow)
            code = fn.__code__
            params = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
        if "dim" in params and "axis" not in params:
            def wrapper(*args, axis=None, __fn=fn, **kwargs):
                if axis is not None:
                    kwargs["dim"] = axis
                return __fn(*args, **kwargs)
            g[name] = functools.wraps(fn)(wrapper)


_accept_axis()

ops.inplace.install_inplace_methods()  # `name_` twins of methods attached above
from ._extras import install as _install_extras  # noqa: E402
_install_extras(globals())  # constants, h/v/dsplit, cov, range, torch.relu_ & co.
from ._torch_aliases import install as _install_aliases  # noqa: E402
_install_aliases(globals())  # torch.conv2d/batch_norm/dropout & co., windows, gcd, *_scatter
from .amp import GradScaler  # noqa: E402,F401
from .storage import TypedStorage, is_storage  # noqa: E402,F401  (and Tensor.storage())
from .creation import frombuffer, fill  # noqa: E402,F401
from .ops.copies import *  # noqa: E402,F401,F403  (view_copy, transpose_copy & co.)
from .ops.native import *  # noqa: E402,F401,F403  (native_layer_norm & co., lstm_cell & co.)
from .ops import resize as _resize  # noqa: E402,F401  (Tensor.resize / resize_as)
from .ops.numeric import histogramdd  # noqa: E402,F401
from .ops.reduction import hash_tensor  # noqa: E402,F401
from .control_flow import cond, while_loop  # noqa: E402,F401
from ._argcheck import install as _install_argcheck  # noqa: E402
_install_argcheck(globals())  # torch.sigmoid([1.0]) -> TypeError naming the op and argument, as in PyTorch


_LAZY_SUBMODULES = ("utils", "distributions", "compiler", "version", "cpu", "distributed", "multiprocessing", "jit",
                    "func", "masked", "signal")


def __getattr__(name):
    """``import autograd as torch`` keeps ``torch.nn``/``torch.optim``/``torch.autograd``/``torch.utils.data``
    working in a script whose imports alone were changed (resolved lazily: nn and optim import autograd)."""
    import importlib
    if name in ("nn", "optim"):
        return importlib.import_module(name)
    if name == "autograd":
        return importlib.import_module(__name__)
    if name == "channel_shuffle":  # torch.channel_shuffle is nn.functional's (lazy: nn imports autograd)
        return importlib.import_module("nn.functional").channel_shuffle
    if name in _LAZY_SUBMODULES:  # loaded on first use (keeps `import autograd` fast)
        return importlib.import_module(f"{__name__}.{name}")
    if name == "compile":
        return importlib.import_module(f"{__name__}.compiler").compile
    if name == "vmap":  # torch.vmap is torch.func.vmap
        return importlib.import_module(f"{__name__}.func").vmap
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
