"""PyTorch names that scripts reach for and that are thin layers over existing ops: the ``torch.<layer>``
spellings of ``nn.functional`` (aten signatures: positional flags, ``int`` reductions), window functions,
gcd/lcm, the ``*_scatter`` family, split aliases, ``empty_strided``, ``vander``. ``install(namespace)``
adds them to ``autograd`` (existing names win) and attaches the matching Tensor methods."""
import math

import numpy as np

from . import _dtype
from .function import Op
from .grad_mode import no_grad
from .ops._util import binary_operands, wrap_dim
from .tensor import Tensor, register_method

_REDUCTIONS = {0: "none", 1: "mean", 2: "sum"}  # the int codes; torch.<loss> defaults to 0 (none)
_C_NAMES = {"bool": "bool", "uint8": "unsigned char", "int8": "signed char", "int16": "short int", "int32": "int",
            "int64": "long int"}


def _F():
    import nn.functional as F  # nn imports autograd: resolved at call time
    return F


def _red(reduction):
    return _REDUCTIONS.get(reduction, reduction) if isinstance(reduction, int) else reduction


def _stride_or_none(stride):
    return None if stride is None or (isinstance(stride, (list, tuple)) and len(stride) == 0) else stride


# ---- torch.<layer>: aten spellings of nn.functional ---------------------------------------------
def batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps, cudnn_enabled):
    return _F().batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)


def instance_norm(input, weight, bias, running_mean, running_var, use_input_stats, momentum, eps, cudnn_enabled):
    return _F().instance_norm(input, running_mean, running_var, weight, bias, use_input_stats, momentum, eps)


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5, cudnn_enable=True):
    return _F().layer_norm(input, normalized_shape, weight, bias, eps)


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5, cudnn_enabled=True):
    return _F().group_norm(input, num_groups, weight, bias, eps)


def _dropout_fn(name, inplace):
    def fn(input, p, train):
        if not 0 <= p <= 1:  # aten's check (a RuntimeError; nn.functional's is a ValueError)
            raise RuntimeError(f"dropout probability has to be between 0 and 1, but got {p}")
        F = _F()
        if name == "feature_dropout":  # channel-wise dropout for any (N, C, *) input
            import importlib
            _d = importlib.import_module("nn.functional.dropout")
            return _d._feature_dropout(input, p, train, inplace)
        return getattr(F, name)(input, p, train, inplace)
    fn.__name__ = fn.__qualname__ = name + ("_" if inplace else "")
    return fn


def prelu(input, weight):
    return _F().prelu(input, weight)


def celu(input, alpha=1.0):
    return _F().celu(input, alpha)


def celu_(input, alpha=1.0):
    return _F().celu_(input, alpha)


def selu(input):
    return _F().selu(input)


def selu_(input):
    return _F().selu_(input)


def rrelu(input, lower=1.0 / 8, upper=1.0 / 3, training=False, generator=None):
    return _F().rrelu(input, lower, upper, training)


def rrelu_(input, lower=1.0 / 8, upper=1.0 / 3, training=False, generator=None):
    return _F().rrelu_(input, lower, upper, training)


def hardshrink(input, lambd=0.5):
    return _F().hardshrink(input, lambd)


def threshold(input, threshold, value):
    return _F().threshold(input, threshold, value)


def threshold_(input, threshold, value):
    return _F().threshold_(input, threshold, value)


def bilinear(input1, input2, weight, bias=None):
    return _F().bilinear(input1, input2, weight, bias)


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    return _F().cosine_similarity(x1, x2, dim, eps)


def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    return _F().pairwise_distance(x1, x2, p, eps, keepdim)


def pdist(input, p=2.0):
    return _F().pdist(input, p)


def binary_cross_entropy_with_logits(input, target, weight=None, pos_weight=None, reduction=0):
    return _F().binary_cross_entropy_with_logits(input, target, weight, reduction=_red(reduction),
                                                 pos_weight=pos_weight)


def cosine_embedding_loss(input1, input2, target, margin=0.0, reduction=0):
    return _F().cosine_embedding_loss(input1, input2, target, margin, reduction=_red(reduction))


def hinge_embedding_loss(input, target, margin=1.0, reduction=0):
    return _F().hinge_embedding_loss(input, target, margin, reduction=_red(reduction))


def margin_ranking_loss(input1, input2, target, margin=0.0, reduction=0):
    return _F().margin_ranking_loss(input1, input2, target, margin, reduction=_red(reduction))


def triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2.0, eps=1e-6, swap=False, reduction=0):
    return _F().triplet_margin_loss(anchor, positive, negative, margin, p, eps, swap, reduction=_red(reduction))


def poisson_nll_loss(input, target, log_input, full, eps, reduction):
    return _F().poisson_nll_loss(input, target, log_input, full, eps=eps, reduction=_red(reduction))


def kl_div(input, target, reduction=0, *, log_target=False):
    import warnings
    with warnings.catch_warnings():  # aten's 1 ("mean") is the elementwise mean, silently
        warnings.simplefilter("ignore")
        return _F().kl_div(input, target, reduction=_red(reduction), log_target=log_target)


def ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction=0, zero_infinity=False):
    return _F().ctc_loss(log_probs, targets, input_lengths, target_lengths, blank, _red(reduction), zero_infinity)


def embedding(weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False):
    return _F().embedding(indices, weight, None if padding_idx < 0 else padding_idx,
                          scale_grad_by_freq=scale_grad_by_freq, sparse=sparse)


def avg_pool1d(input, kernel_size, stride=(), padding=0, ceil_mode=False, count_include_pad=True):
    return _F().avg_pool1d(input, kernel_size, _stride_or_none(stride), padding, ceil_mode, count_include_pad)


def _max_pool(n, with_indices=False):
    def fn(input, kernel_size, stride=(), padding=0, dilation=1, ceil_mode=False):
        pool = getattr(_F(), f"max_pool{n}d")
        return pool(input, kernel_size, _stride_or_none(stride), padding, dilation, ceil_mode,
                    return_indices=with_indices)
    fn.__name__ = fn.__qualname__ = f"max_pool{n}d" + ("_with_indices" if with_indices else "")
    return fn


def adaptive_avg_pool1d(input, output_size):
    return _F().adaptive_avg_pool1d(input, output_size)


def adaptive_max_pool1d(input, output_size):
    return _F().adaptive_max_pool1d(input, output_size, return_indices=True)


def pixel_shuffle(input, upscale_factor):
    return _F().pixel_shuffle(input, upscale_factor)


def pixel_unshuffle(input, downscale_factor):
    return _F().pixel_unshuffle(input, downscale_factor)


def constant_pad_nd(input, pad, value=0):
    return _F().pad(input, pad, "constant", value)


def _passthrough(name):
    def fn(*args, **kwargs):
        return getattr(_F(), name)(*args, **kwargs)
    fn.__name__ = fn.__qualname__ = name
    return fn


# ---- window functions -----------------------------------------------------------------------------
def _window(name, periodic, dtype, window_length, body):
    """aten's shared frame: checks, the periodic trick (one more point, last one dropped), dtype."""
    dtype = dtype or _dtype.get_default_dtype()
    if window_length < 0:
        raise RuntimeError(f"{name} requires non-negative window_length, got window_length={window_length}")
    if not dtype.is_floating_point:
        raise RuntimeError(f"{name} expects floating point dtypes, got: TensorOptions(dtype={_C_NAMES[dtype.name]}, "
                           "device=cpu, layout=Strided (default), requires_grad=false (default), "
                           "pinned_memory=false, memory_format=(nullopt))")
    npdt = _dtype.to_dtype(dtype).np
    if window_length <= 1:
        return Tensor._make(np.ones(window_length, dtype=npdt))
    n = window_length + 1 if periodic else window_length
    w = body(np.arange(n, dtype=npdt), n, npdt).astype(npdt)
    return Tensor._make(np.ascontiguousarray(w[:window_length]))


def _cosine_window(name, window_length, periodic, alpha, beta, dtype, requires_grad):
    def body(k, n, dt):
        return np.cos(k * dt.type(2 * math.pi / (n - 1))) * dt.type(-beta) + dt.type(alpha)
    return _window(name, periodic, dtype, window_length, body).requires_grad_(requires_grad)


def hamming_window(window_length, periodic=True, alpha=0.54, beta=0.46, *, dtype=None, layout=None, device=None,
                   pin_memory=False, requires_grad=False):
    return _cosine_window("hamming_window", window_length, periodic, alpha, beta, dtype, requires_grad)


def hann_window(window_length, periodic=True, *, dtype=None, layout=None, device=None, pin_memory=False,
                requires_grad=False):
    return _cosine_window("hann_window", window_length, periodic, 0.5, 0.5, dtype, requires_grad)


def bartlett_window(window_length, periodic=True, *, dtype=None, layout=None, device=None, pin_memory=False,
                    requires_grad=False):
    def body(k, n, dt):
        w = k * dt.type(2.0 / (n - 1))
        half = ((n - 1) >> 1) + 1
        w[half:] = dt.type(2) - w[half:]
        return w
    return _window("bartlett_window", periodic, dtype, window_length, body).requires_grad_(requires_grad)


def blackman_window(window_length, periodic=True, *, dtype=None, layout=None, device=None, pin_memory=False,
                    requires_grad=False):
    def body(k, n, dt):
        w = k * dt.type(math.pi / (n - 1))
        return np.cos(w * dt.type(4)) * dt.type(0.08) - np.cos(w * dt.type(2)) * dt.type(0.5) + dt.type(0.42)
    return _window("blackman_window", periodic, dtype, window_length, body).requires_grad_(requires_grad)


def kaiser_window(window_length, periodic=True, beta=12.0, *, dtype=None, layout=None, device=None,
                  pin_memory=False, requires_grad=False):
    def body(k, n, dt):
        a = (n - 1) / 2.0
        return np.i0(beta * np.sqrt(np.maximum(1 - ((k.astype(np.float64) - a) / a) ** 2, 0))) / np.i0(beta)
    return _window("kaiser_window", periodic, dtype, window_length, body).requires_grad_(requires_grad)


# ---- gcd / lcm -------------------------------------------------------------------------------------
def _integer_binary(name, np_fn):
    def fn(input, other):
        for pos, (arg, v) in enumerate((("input", input), ("other", other)), 1):
            if not isinstance(v, Tensor):
                raise TypeError(f"{name}(): argument '{arg}' (position {pos}) must be Tensor, not {type(v).__name__}")
        x, y = binary_operands(input, other)
        dt = np.result_type(x, y)
        if dt.kind not in "iu":
            raise NotImplementedError(f'"{name}_cpu" not implemented for '
                                      f"'{_dtype.type_name(_dtype.from_numpy_dtype(dt))}'")
        return Tensor._make(np.abs(np_fn(x, y)).astype(dt, copy=False))
    fn.__name__ = fn.__qualname__ = name
    return fn


gcd = _integer_binary("gcd", np.gcd)
lcm = _integer_binary("lcm", np.lcm)


# ---- *_scatter: a copy of ``input`` with a view of it replaced by ``src`` ----------------------------
class _ViewScatter(Op):
    """Forward writes ``src`` into ``view(copy of input)``; the input's gradient is the same scatter of zeros,
    the source's the view of the gradient (both Tensor ops, so higher orders follow)."""

    @staticmethod
    def view(t, *params):
        raise NotImplementedError

    @classmethod
    def forward(cls, ctx, a, src, *params):
        ctx.params = params
        out = Tensor._make(a._data.copy())
        with no_grad():
            target = cls.view(out, *params)
        if tuple(target.shape) != tuple(src.shape):
            raise RuntimeError(f"expected src to have a size equal to the slice of self. src size = "
                               f"{list(src.shape)}, slice size = {list(target.shape)}")
        target._data[...] = src._data
        return out._data

    @classmethod
    def backward(cls, ctx, g):
        ga = gs = None
        if ctx.needs_input_grad[0]:
            ga = cls.apply(g, cls.view(g, *ctx.params).detach() * 0, *ctx.params)
        if ctx.needs_input_grad[1]:
            gs = cls.view(g, *ctx.params)
        return (ga, gs) + (None,) * len(ctx.params)


class DiagonalScatter(_ViewScatter):
    view = staticmethod(lambda t, offset, d1, d2: t.diagonal(offset, d1, d2))


class SelectScatter(_ViewScatter):
    view = staticmethod(lambda t, dim, index: t.select(dim, index))


class SliceScatter(_ViewScatter):
    view = staticmethod(lambda t, dim, start, end, step: t[(slice(None),) * dim + (slice(start, end, step),)])


class AsStridedScatter(_ViewScatter):
    view = staticmethod(lambda t, size, stride, offset: t.contiguous().as_strided(size, stride, offset))


def _same_dtype(input, src, name):
    if input.dtype != src.dtype:
        raise RuntimeError(f"{name}(): Expected self.dtype to be equal to src.dtype")


def diagonal_scatter(input, src, offset=0, dim1=0, dim2=1):
    return DiagonalScatter.apply(input, src, int(offset), dim1, dim2)


def select_scatter(input, src, dim, index):
    return SelectScatter.apply(input, src, wrap_dim(dim, input.dim(), "select_scatter"), int(index))


def slice_scatter(input, src, dim=0, start=None, end=None, step=1):
    return SliceScatter.apply(input, src, wrap_dim(dim, input.dim(), "slice_scatter"), start, end, step)


def as_strided_scatter(input, src, size, stride, storage_offset=None):
    return AsStridedScatter.apply(input, src, tuple(size), tuple(stride), storage_offset)


# ---- split aliases, strided allocation, vander ------------------------------------------------------
def split_with_sizes(input, split_sizes, dim=0):
    d = wrap_dim(dim, input.dim(), "split_with_sizes")
    n = input.shape[d]
    if sum(split_sizes) != n:
        raise RuntimeError(f"split_with_sizes expects split_sizes to sum exactly to {n} (input tensor's size at "
                           f"dimension {d}), but got split_sizes={list(split_sizes)}")
    return input.split(list(split_sizes), d)


def unsafe_split(input, split_size, dim=0):
    return input.split(split_size, dim)


def unsafe_chunk(input, chunks, dim=0):
    return input.chunk(chunks, dim)


def empty_strided(size, stride, *, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False):
    """Zero-filled storage viewed with the requested element strides (``stride()`` reports them)."""
    size, stride = tuple(int(s) for s in size), tuple(int(s) for s in stride)
    if len(size) != len(stride):
        raise RuntimeError("mismatch in length of strides and shape")
    dt = _dtype.to_dtype(dtype or _dtype.get_default_dtype()).np
    extent = 1 + sum((n - 1) * s for n, s in zip(size, stride)) if all(size) else 0
    buf = np.zeros(extent, dtype=dt)
    arr = np.lib.stride_tricks.as_strided(buf, size, tuple(s * dt.itemsize for s in stride)) if extent else \
        np.zeros(size, dtype=dt)
    return Tensor._make(arr).requires_grad_(requires_grad)


def new_empty_strided(self, size, stride, *, dtype=None, layout=None, device=None, requires_grad=False,
                      pin_memory=False):
    return empty_strided(size, stride, dtype=dtype or self.dtype, requires_grad=requires_grad)


def vander(x, N=None, increasing=False):
    if x.dim() != 1:
        raise RuntimeError("x must be a one-dimensional tensor.")
    n = x.shape[0] if N is None else int(N)
    if n < 0:
        raise RuntimeError("N must be non-negative.")
    if x.dtype == _dtype.bool_ or not (x.is_floating_point() or x.is_complex()):
        x = x.to(_dtype.int64)
    if n == 0:
        return x.new_zeros((x.shape[0], 0))
    powers = [x.new_ones(x.shape)] + [None] * (n - 1)
    for i in range(1, n):
        powers[i] = powers[i - 1] * x
    cols = powers if increasing else powers[::-1]
    from .ops.joining import stack
    return stack(cols, 1)


def map_(self, tensor, callable):
    """``self[i] = callable(self[i], tensor[i])``, ``tensor`` broadcast to ``self`` (CPU, no autograd)."""
    if self._requires_grad:
        raise RuntimeError("Can't call map_() on Variable that requires grad. Use var.detach().map_() instead.")
    if tensor.dtype != self.dtype:
        raise TypeError(f"map_: expected {self.type()} for 'other' (got {tensor.type()})")
    other = tensor.expand(self.shape)._data
    vals = [callable(a, b) for a, b in zip(self._data.reshape(-1).tolist(), other.reshape(-1).tolist())]
    with no_grad():
        self.copy_(Tensor._make(np.asarray(vals, dtype=self._data.dtype).reshape(self._data.shape)))
    return self


def empty_permuted(size, physical_layout, *, dtype=None, layout=None, device=None, requires_grad=False,
                   pin_memory=False):
    """Logical ``size`` whose strides are those of ``physical_layout``'s permutation laid out contiguously."""
    size = tuple(int(s) for s in size)
    order = tuple(int(d) for d in physical_layout)
    if len(order) != len(size):
        raise RuntimeError(f"Number of dimensions in size does not match the length of the physical_layout; i.e. "
                           f"len(size) = {len(size)} is not equal to len(physical_layout) = {len(order)}")
    for i, d in enumerate(order):
        if not 0 <= d < len(size):
            raise RuntimeError(f"Dimension out of range (expected to be between 0 and {len(size) - 1}, but got {d} at "
                               f"index {i}).  NB: negative dims not currently supported; file an issue if you want it.")
        if d in order[:i]:
            raise RuntimeError("Duplicate dim not allowed")
    stride, acc = [0] * len(size), 1
    for d in reversed(order):
        stride[d] = acc
        acc *= size[d]
    return empty_strided(size, stride, dtype=dtype, requires_grad=requires_grad)


def nonzero_static(input, *, size, fill_value=-1):
    """``nonzero()`` cut or padded (with ``fill_value`` rows) to exactly ``size`` rows."""
    if size < 0:
        raise RuntimeError(f"nonzero_static: 'size' must be an non-negative integer, but got size = {size}")
    idx = np.argwhere(input._data)[:size]
    pad = np.full((size - idx.shape[0], input.dim()), fill_value, np.int64)
    return Tensor._make(np.concatenate([idx.astype(np.int64), pad]))


def dim_order(self, *, ambiguity_check=False):
    """Dims from outermost to innermost in memory (stride order; ties keep the logical order)."""
    st = self.stride()
    return tuple(sorted(range(self.dim()), key=lambda d: -st[d]))


def is_set_to(self, tensor):
    """Same storage, offset, sizes and strides."""
    a, b = self._data, tensor._data
    return (a.__array_interface__["data"][0] == b.__array_interface__["data"][0] and a.shape == b.shape
            and a.strides == b.strides and a.dtype == b.dtype)


def pin_memory(self, device=None):
    raise RuntimeError("Cannot access accelerator device when none is available.")


def get_device(input):
    return -1


def vmap(func, in_dims=0, out_dims=0, randomness="error", *, chunk_size=None):
    """``torch.vmap`` is ``torch.func.vmap``."""
    from .func import vmap as _vmap
    return _vmap(func, in_dims, out_dims, randomness, chunk_size=chunk_size)


_REMOVED = {  # functions removed in 1.9 that torch keeps as stubs raising these messages
    "solve": "`torch.solve` is deprecated in favor of `torch.linalg.solve`. `torch.linalg.solve` has its arguments "
             "reversed and does not return the LU factorization.\n\nTo get the LU factorization see `torch.lu`, "
             "which can be used with `torch.lu_solve` or `torch.lu_unpack`.\nX = torch.solve(B, A).solution should "
             "be replaced with:\nX = torch.linalg.solve(A, B)",
    "lstsq": "`torch.lstsq` is deprecated in favor of `torch.linalg.lstsq`.\n`torch.linalg.lstsq` has reversed "
             "arguments and does not return the QR decomposition in the returned tuple (although it returns other "
             "information about the problem).\n\nTo get the QR decomposition consider using `torch.linalg.qr`.\n\n"
             "The returned solution in `torch.lstsq` stored the residuals of the solution in the last m - n columns "
             "of the returned value whenever m > n. In torch.linalg.lstsq, the residuals are in the field "
             "'residuals' of the returned named tuple.\n\nThe unpacking of the solution, as in\nX, _ = "
             "torch.lstsq(B, A).solution[:A.size(1)]\nshould be replaced with:\nX = torch.linalg.lstsq(A, "
             "B).solution",
    "matrix_rank": "\nPlease use the `torch.linalg.matrix_rank` function instead. The parameter 'symmetric' was "
                   "renamed in `torch.linalg.matrix_rank()` to 'hermitian'.",
    "eig": "`torch.linalg.eig` returns complex tensors of dtype `cfloat` or `cdouble` rather than real tensors "
           "mimicking complex tensors.\n\nL, _ = torch.eig(A) should be replaced with:\nL_complex = "
           "torch.linalg.eigvals(A)\n\nand\n\nL, V = torch.eig(A, eigenvectors=True) should be replaced "
           "with:\nL_complex, V_complex = torch.linalg.eig(A)",
    "symeig": "The default behavior has changed from using the upper triangular portion of the matrix by default to "
              "using the lower triangular portion.\n\nL, _ = torch.symeig(A, upper=upper) should be replaced "
              "with:\nL = torch.linalg.eigvalsh(A, UPLO='U' if upper else 'L')\n\nand\n\nL, V = "
              "torch.symeig(A, eigenvectors=True) should be replaced with:\nL, V = torch.linalg.eigh(A, UPLO='U' "
              "if upper else 'L')",
}


def _removed(name):
    def fn(*args, **kwargs):
        sep = "" if _REMOVED[name].startswith("\n") else " "
        raise RuntimeError("This function was deprecated since version 1.9 and is now removed." + sep + _REMOVED[name])
    fn.__name__ = fn.__qualname__ = name
    return fn


def is_same_size(input, other):
    return tuple(input.shape) == tuple(other.shape)


def is_signed(input):
    return input.is_signed()


_TOP_LEVEL = dict(
    batch_norm=batch_norm, instance_norm=instance_norm, layer_norm=layer_norm, group_norm=group_norm,
    dropout=_dropout_fn("dropout", False), dropout_=_dropout_fn("dropout", True),
    alpha_dropout=_dropout_fn("alpha_dropout", False), alpha_dropout_=_dropout_fn("alpha_dropout", True),
    feature_dropout=_dropout_fn("feature_dropout", False), feature_dropout_=_dropout_fn("feature_dropout", True),
    feature_alpha_dropout=_dropout_fn("feature_alpha_dropout", False),
    feature_alpha_dropout_=_dropout_fn("feature_alpha_dropout", True),
    prelu=prelu, celu=celu, celu_=celu_, selu=selu, selu_=selu_, rrelu=rrelu, rrelu_=rrelu_, hardshrink=hardshrink,
    threshold=threshold, threshold_=threshold_, bilinear=bilinear, cosine_similarity=cosine_similarity,
    pairwise_distance=pairwise_distance, pdist=pdist, binary_cross_entropy_with_logits=binary_cross_entropy_with_logits,
    cosine_embedding_loss=cosine_embedding_loss, hinge_embedding_loss=hinge_embedding_loss,
    margin_ranking_loss=margin_ranking_loss, triplet_margin_loss=triplet_margin_loss,
    poisson_nll_loss=poisson_nll_loss, kl_div=kl_div, ctc_loss=ctc_loss, embedding=embedding,
    avg_pool1d=avg_pool1d, max_pool1d=_max_pool(1), max_pool2d=_max_pool(2), max_pool3d=_max_pool(3),
    max_pool1d_with_indices=_max_pool(1, True), adaptive_avg_pool1d=adaptive_avg_pool1d,
    adaptive_max_pool1d=adaptive_max_pool1d, pixel_shuffle=pixel_shuffle, pixel_unshuffle=pixel_unshuffle,
    constant_pad_nd=constant_pad_nd,
    hamming_window=hamming_window, hann_window=hann_window, bartlett_window=bartlett_window,
    blackman_window=blackman_window, kaiser_window=kaiser_window, gcd=gcd, lcm=lcm,
    diagonal_scatter=diagonal_scatter, select_scatter=select_scatter, slice_scatter=slice_scatter,
    as_strided_scatter=as_strided_scatter, split_with_sizes=split_with_sizes, unsafe_split=unsafe_split,
    unsafe_chunk=unsafe_chunk, unsafe_split_with_sizes=split_with_sizes, empty_strided=empty_strided,
    vander=vander, is_same_size=is_same_size, is_signed=is_signed, empty_permuted=empty_permuted,
    nonzero_static=nonzero_static, get_device=get_device, vmap=vmap,
)
_TOP_LEVEL.update({n: _removed(n) for n in _REMOVED})
_TOP_LEVEL.update({n: _passthrough(n) for n in ("conv1d", "conv2d", "conv3d", "conv_transpose1d",
                                                "conv_transpose2d", "conv_transpose3d", "rms_norm")})
_METHODS = ("prelu", "hardshrink", "gcd", "lcm", "diagonal_scatter", "select_scatter", "slice_scatter",
            "as_strided_scatter", "split_with_sizes", "unsafe_split", "unsafe_chunk", "unsafe_split_with_sizes")
# in-place function spellings of Tensor methods (torch.acosh_(x) is x.acosh_())
_INPLACE_SPELLINGS = ("acosh_", "asinh_", "atanh_", "arccos_", "arcsin_", "arctan_", "arccosh_", "arcsinh_",
                      "arctanh_", "i0_", "ldexp_", "addmv_", "gcd_", "lcm_")


def install(namespace):
    """Add the names above to ``namespace`` (existing ones win) and the Tensor methods (with ``gcd_``/``lcm_``)."""
    from .ops.inplace import _inplace_method
    for k, v in _TOP_LEVEL.items():
        namespace.setdefault(k, v)
    for name in _METHODS:
        if not hasattr(Tensor, name):
            register_method(name)(_TOP_LEVEL[name])
    extra = {"new_empty_strided": new_empty_strided, "map_": map_, "nonzero_static": nonzero_static,
             "dim_order": dim_order, "is_set_to": is_set_to, "pin_memory": pin_memory,
             "is_pinned": lambda self, device=None: False, "is_shared": lambda self: False,
             "ger": lambda self, vec2: self.outer(vec2)}
    extra.update({n: _removed(n) for n in ("solve", "lstsq", "eig", "symeig")})
    for name, fn in extra.items():
        if not hasattr(Tensor, name):
            register_method(name)(fn)
    for name in ("gcd", "lcm"):
        if not hasattr(Tensor, name + "_"):
            setattr(Tensor, name + "_", _inplace_method(name))
    for name in _INPLACE_SPELLINGS:
        if name not in namespace and hasattr(Tensor, name):
            def fn(input, *args, __name=name, **kwargs):
                return getattr(input, __name)(*args, **kwargs)
            fn.__name__ = fn.__qualname__ = name
            namespace[name] = fn
