"""Less common ``torch.*`` names that scripts still touch: ``torch.GradScaler``, ``Tensor.storage()`` /
``TypedStorage``, ``frombuffer``, ``fill``, the ``*_copy`` twins of the view ops, ``native_layer_norm`` /
``native_batch_norm`` / ``native_dropout`` (tuples with their statistics / mask), the functional RNN cells
(``lstm_cell`` & co.) and ``Tensor.resize``/``resize_as``. ``install(namespace)`` adds them (existing names win)."""
import builtins
import warnings

import numpy as np

from . import _dtype
from .function import Op
from .ops.shape import Clone
from .tensor import Tensor, register_method


def _nn():
    import importlib  # nn imports autograd: resolved at call time
    return importlib.import_module("nn.functional.normalization"), importlib.import_module("nn.modules.rnn")


# ---- storage ------------------------------------------------------------------------------------------------
class TypedStorage:
    """The elements under a tensor and its views (``x.storage()``), typed by the tensor's dtype (deprecated in
    PyTorch in favour of ``untyped_storage()``, still common in scripts that compare ``data_ptr()``)."""

    is_sparse = False

    def __init__(self, array, dtype):
        from ._extras import _storage_root
        root = _storage_root(array)
        self._array = root if root.dtype == array.dtype else array  # a reinterpreted buffer keeps its own typing
        self.dtype = dtype

    def _flat(self):
        return self._array.reshape(-1) if self._array.flags.c_contiguous else self._array.ravel(order="K")

    def size(self):
        return int(self._array.size)

    __len__ = size

    def data_ptr(self):
        return self._array.__array_interface__["data"][0]

    def element_size(self):
        return self._array.itemsize

    def nbytes(self):
        return self._array.nbytes

    def tolist(self):
        return self._flat().tolist()

    def untyped(self):
        from ._extras import UntypedStorage
        return UntypedStorage(self._array)

    @property
    def device(self):
        from .tensor import device
        return device("cpu")

    def __getitem__(self, idx):
        return self._flat()[idx].item() if isinstance(idx, int) else TypedStorage(self._flat()[idx].copy(), self.dtype)

    def __iter__(self):
        return iter(self.tolist())

    def __repr__(self):
        body = "\n".join(" " + _format_item(v, self.dtype) for v in self.tolist())
        return (body + "\n" if body else "") + (f"[torch.storage.TypedStorage(dtype={self.dtype}, device=cpu) of "
                                                 f"size {self.size()}]")


def _format_item(v, dtype):
    return str(float(v)) if dtype.is_floating_point else str(v)


def _storage(self):
    warnings.warn("TypedStorage is deprecated. It will be removed in the future and UntypedStorage will be the only "
                  "storage class. This should only matter to you if you are using storages directly.  To access "
                  "UntypedStorage directly, use tensor.untyped_storage() instead of tensor.storage()", UserWarning,
                  stacklevel=2)
    return TypedStorage(self._data, self.dtype)


def is_storage(obj):
    from ._extras import UntypedStorage
    return isinstance(obj, (TypedStorage, UntypedStorage))


_WARNED_READONLY = []


# ---- creation -------------------------------------------------------------------------------------------------
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
    if mv.readonly and not _WARNED_READONLY:  # torch warns once per program
        _WARNED_READONLY.append(True)
        warnings.warn("The given buffer is not writable, and PyTorch does not support non-writable tensors. This "
                      "means you can write to the underlying (supposedly non-writable) buffer using the tensor. You "
                      "may want to copy the buffer to protect its data or make it writable before converting it to a "
                      "tensor. This type of warning will be suppressed for the rest of this program.", UserWarning,
                      stacklevel=2)
    arr = np.frombuffer(mv.cast("B"), dtype=npdt, count=count, offset=offset)
    if mv.readonly:
        arr = arr.copy()
    t = Tensor._make(arr)
    return t.requires_grad_() if requires_grad else t


def fill(input, value):
    """Out-of-place ``fill_``: a new tensor like ``input`` holding ``value``."""
    return input.clone().fill_(value)


# ---- the ``*_copy`` twins of the view ops: the view, then a copy whose grad_fn is ``<ViewNode>_copy`` -----------
_COPY_NODES = {}


def _copy_node(name):
    cls = _COPY_NODES.get(name)
    if cls is None:
        cls = _COPY_NODES[name] = type(name.replace("Backward0", "") + "Copy", (Clone,), {"node_name": name})
    return cls


def _copied(t, node=None):
    if not isinstance(t, Tensor):
        return type(t)(_copied(v) for v in t)
    if not t.requires_grad:
        return Tensor._make(np.array(t._data, order="C", copy=True))
    return _copy_node(node or t.grad_fn.name() + "_copy").apply(t)


def _slice(input, dim=0, start=None, end=None, step=1):
    idx = [slice(None)] * input.dim()
    idx[dim] = slice(start, end, step)
    return input[tuple(idx)]


_COPY_OF = {"view_copy": "view", "permute_copy": "permute", "transpose_copy": "transpose",
            "unsqueeze_copy": "unsqueeze", "squeeze_copy": "squeeze", "t_copy": "t", "expand_copy": "expand",
            "select_copy": "select", "diagonal_copy": "diagonal", "alias_copy": "alias",
            "unbind_copy": "unbind", "split_copy": "split", "split_with_sizes_copy": "split_with_sizes",
            "unfold_copy": "unfold", "as_strided_copy": "as_strided", "detach_copy": "detach"}


def _copy_fn(name, view):
    def fn(input, *args, out=None, **kwargs):
        if view == "alias":
            res = _copied(input, "AliasBackward0_copy")
        elif view == "slice":
            res = _copied(_slice(input, *args, **kwargs))
        else:
            res = _copied(getattr(input, view)(*args, **kwargs))
        if out is None:
            return res
        with _no_grad():
            out.resize_(res.shape).copy_(res)
        return out
    fn.__name__ = fn.__qualname__ = name
    return fn


def _no_grad():
    from .grad_mode import no_grad
    return no_grad()


# ---- native_* ops: the result and what the backward keeps ----------------------------------------------------
def native_layer_norm(input, normalized_shape, weight, bias, eps):
    """``(y, mean, rstd)``; the statistics have the input's leading dims and size-1 normalised dims."""
    norm, _ = _nn()
    y = norm.layer_norm(input, normalized_shape, weight, bias, eps)
    k = len(tuple(normalized_shape)) if not isinstance(normalized_shape, int) else 1
    dims = tuple(range(input.dim() - k, input.dim()))
    with _no_grad():
        x = input.detach()
        mean = x.mean(dims, keepdim=True)
        rstd = (x.var(dims, unbiased=False, keepdim=True) + eps).rsqrt()
    return y, mean, rstd


def native_batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps):
    """``(y, save_mean, save_invstd)``: the batch statistics per channel when training, empty tensors otherwise."""
    norm, _ = _nn()
    y = norm.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)
    if not training:
        empty = Tensor._make(np.zeros(0, dtype=input._data.dtype))
        return y, empty, Tensor._make(empty._data.copy())
    dims = (0,) + tuple(range(2, input.dim()))
    with _no_grad():
        x = input.detach()
        mean = x.mean(dims)
        invstd = (x.var(dims, unbiased=False) + eps).rsqrt()
    return y, mean, invstd


def native_dropout(input, p, train):
    """``(output, mask)``: torch's dropout returning its boolean keep-mask (all True when not training)."""
    import importlib
    d = importlib.import_module("nn.functional.dropout")
    if train is False or p == 0:
        mask = np.ones(input._data.shape, dtype=bool)
        scale = np.ones((), dtype=input._data.dtype)
        return MaskMultiply.apply(input, scale), Tensor._make(mask)
    m = d._mask(input, p, input.shape)
    return MaskMultiply.apply(input, m), Tensor._make(m != 0)


class MaskMultiply(Op):
    """``x * mask`` for a fixed (scaled) mask broadcastable to x: torch.native_dropout's op (nn's dropout
    subclasses it under the name torch's CPU dropout shows)."""
    node_name = "NativeDropoutBackward0"

    @staticmethod
    def forward(ctx, x, mask):
        ctx.mask = mask
        return x._data * mask

    @staticmethod
    def backward(ctx, g):
        return g * Tensor._make(np.asarray(ctx.mask, dtype=g._data.dtype)), None


# ---- functional RNN cells (aten signatures: biases optional and positional) ---------------------------------
def _cell(step_name):
    def cell(input, hx, w_ih, w_hh, b_ih=None, b_hh=None):
        import importlib
        lin = importlib.import_module("nn.functional.linear").linear
        _, rnn = _nn()
        state = tuple(hx) if step_name == "_lstm_step" else hx
        return getattr(rnn, step_name)(lin(input, w_ih, b_ih), state, w_hh, b_hh)[1]
    return cell


# ---- deprecated out-of-place resize: autograd's Resize keeps the number of elements ----------------------------
def _resize_fn():
    from .function import Function

    class Resize(Function):
        @staticmethod
        def forward(ctx, tensor, sizes):
            numel = int(np.prod(sizes, dtype=np.int64))
            if tensor.numel() != numel:
                raise RuntimeError(f"requested resize to {'x'.join(map(str, sizes))} ({numel} elements in total), "
                                   f"but the given tensor has a size of {'x'.join(map(str, tensor.size()))} "
                                   f"({tensor.numel()} elements). autograd's resize can only change the shape of a "
                                   f"given tensor, while preserving the number of elements. ")
            ctx.input_sizes = tensor.size()
            return tensor.contiguous().view(*sizes)

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output.contiguous().view(ctx.input_sizes), None
    return Resize


_RESIZE = []


def _resize_apply(self, sizes):
    if not _RESIZE:
        _RESIZE.append(_resize_fn())
    return _RESIZE[0].apply(self, tuple(sizes))


def _resize(self, *sizes):
    warnings.warn("non-inplace resize is deprecated", UserWarning, stacklevel=2)
    return _resize_apply(self, sizes)


def _resize_as(self, tensor):
    warnings.warn("non-inplace resize_as is deprecated", UserWarning, stacklevel=2)
    return _resize_apply(self, tensor.size())


# ---- histogramdd: ``histogram``'s binning per column of the innermost dim --------------------------------------
def histogramdd(input, bins=10, *, range=None, weight=None, density=False):
    """Counts (or weight sums) of the points ``input[..., :D]`` in a D-dimensional grid of bins."""
    from . import return_types
    from .ops.numeric import histogram
    if input.dim() < 1:
        raise RuntimeError("torch.histogramdd: input tensor should have at least 1 dimension, but got 0")
    D = input.shape[-1]
    pts = input.reshape(-1, D)
    per_dim = list(bins) if isinstance(bins, (list, tuple)) else [bins] * D
    if len(per_dim) != D:
        raise RuntimeError(f"torch.histogramdd: expected {D} sequences of bin edges for each dimension of input, "
                           f"but got {len(per_dim)}")
    edges = []
    for d in builtins.range(D):
        rng = None if range is None else (range[2 * d], range[2 * d + 1])
        edges.append(histogram(pts[:, d].contiguous(), per_dim[d], range=rng).bin_edges)
    arr = pts._data
    keep = np.ones(arr.shape[0], dtype=bool)
    idx = []
    for d, e in enumerate(edges):
        e = e._data
        col = arr[:, d]
        keep &= (col >= e[0]) & (col <= e[-1])
        idx.append(np.minimum(np.searchsorted(e, col, side="right") - 1, len(e) - 2))
    shape = tuple(len(e) - 1 for e in edges)
    hist = np.zeros(shape, dtype=np.float64)
    w = 1.0 if weight is None else weight._data.reshape(-1)[keep]
    np.add.at(hist, tuple(i[keep] for i in idx), w)
    if density:
        widths = np.ones(shape)
        for d, e in enumerate(edges):
            widths = widths * np.diff(e._data.astype(np.float64)).reshape((-1,) + (1,) * (D - 1 - d))
        with np.errstate(all="ignore"):
            hist = hist / (hist.sum() * widths)
    return return_types.histogramdd(Tensor._make(hist.astype(arr.dtype)), tuple(edges))


# ---- control-flow operators, run eagerly ------------------------------------------------------------------------
def cond(pred, true_fn, false_fn, operands=()):
    """``true_fn(*operands)`` if ``pred`` else ``false_fn(*operands)`` (torch.compile's traced form, eagerly)."""
    if isinstance(pred, Tensor):
        if pred.numel() != 1:
            raise RuntimeError(f"Expected pred to be bool or single-element tensor, but got {pred}.")
        pred = bool(pred.item())
    elif not isinstance(pred, bool):
        raise RuntimeError(f"Expected pred to be bool or tensor, but got {pred}.")
    if not isinstance(operands, (tuple, list)):
        raise RuntimeError(f"Expect operands to be a tuple of possibly nested dict/list/tuple that only consists "
                           f"of tensor leaves, but got {operands}.")
    return (true_fn if pred else false_fn)(*operands)


def while_loop(cond_fn, body_fn, carried_inputs):
    """Run ``carried = body_fn(*carried)`` while ``cond_fn(*carried)``; returns the final carried tuple."""
    if not isinstance(carried_inputs, (tuple, list)):
        raise RuntimeError(f"carried_inputs must be a tuple or list, got {type(carried_inputs)}")
    carried = tuple(carried_inputs)
    while bool(cond_fn(*carried)):
        out = body_fn(*carried)
        carried = tuple(out) if isinstance(out, (tuple, list)) else (out,)
    return carried


# ---- hash_tensor: xor of the elements' 64-bit patterns ------------------------------------------------------------
def hash_tensor(input, dim=None, *, keepdim=False, mode=0):
    """Each element widened to float64 / int64 / uint64, its bits read as uint64, xor-reduced over ``dim``."""
    from .ops._util import normalize_dims
    if mode != 0:
        raise RuntimeError(f"Unknown hash_tensor mode: {mode}")
    arr = input._data
    kind = arr.dtype.kind
    wide = (arr.astype(np.float64) if kind == "f" else arr.astype(np.uint64) if kind in "ub"
            else arr.astype(np.int64)).view(np.uint64)
    if dim is None:
        if arr.size == 0:
            raise RuntimeError("hash_tensor: Expected reduction dim to be specified for input.numel() == 0. Specify "
                               "the reduction dim with the 'dim' argument.")
        dims = tuple(builtins.range(arr.ndim))
    else:
        dims = normalize_dims(dim, arr.ndim)
        for d in dims:
            if arr.size == 0 and arr.shape[d] == 0:
                raise IndexError(f"hash_tensor: Expected reduction dim {d} to have non-zero size.")
    out = np.bitwise_xor.reduce(wide, axis=dims, keepdims=keepdim) if dims else wide.copy()
    return Tensor._make(np.asarray(out, dtype=np.uint64))


def install(namespace):
    from .amp import GradScaler
    top = dict(GradScaler=GradScaler, TypedStorage=TypedStorage, is_storage=is_storage, frombuffer=frombuffer,
               fill=fill, native_layer_norm=native_layer_norm, native_batch_norm=native_batch_norm,
               native_dropout=native_dropout, lstm_cell=_cell("_lstm_step"), gru_cell=_cell("_gru_step"),
               rnn_tanh_cell=_cell("_rnn_tanh_step"), rnn_relu_cell=_cell("_rnn_relu_step"),
               slice_copy=_copy_fn("slice_copy", "slice"), histogramdd=histogramdd,
               cond=cond, while_loop=while_loop, hash_tensor=hash_tensor)
    top.update({name: _copy_fn(name, view) for name, view in _COPY_OF.items()})
    for k, v in top.items():
        namespace.setdefault(k, v)
    for name, fn in dict(storage=_storage, resize=_resize, resize_as=_resize_as, hash_tensor=hash_tensor).items():
        if not hasattr(Tensor, name):
            register_method(name)(fn)
