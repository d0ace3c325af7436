"""Embedding lookup: gather rows of a weight matrix; the gradient scatter-adds rows back (repeats accumulate).

The gather and the scatter are each other's adjoints, so gradients of any order work. ``sparse=True``
is accepted but the gradient is dense (there are no sparse tensors here).
"""
import numpy as np

from autograd import kernels as K
from autograd.function import Op
from autograd.grad_mode import no_grad
from autograd.tensor import Tensor

__all__ = ["embedding", "embedding_bag", "one_hot"]


class Embedding(Op):
    node_name = "EmbeddingBackward0"

    @staticmethod
    def forward(ctx, weight, idx, padding_idx, scale_grad_by_freq):
        ctx.idx, ctx.num = idx, weight._data.shape[0]
        ctx.padding_idx, ctx.scale = padding_idx, scale_grad_by_freq
        return np.take(weight._data, idx, axis=0)

    @staticmethod
    def backward(ctx, g):
        return EmbeddingDenseBackward.apply(g, ctx.idx, ctx.num, ctx.padding_idx, ctx.scale), None, None, None


class EmbeddingDenseBackward(Op):
    """``(num_weights, D)`` gradient: row ``i`` sums the rows of g looked up at i (padding row stays zero)."""

    @staticmethod
    def forward(ctx, g, idx, num, padding_idx, scale):
        ctx.idx, ctx.padding_idx, ctx.scale, ctx.num = idx, padding_idx, scale, num
        return K.embedding_backward(g._data, idx, num, padding_idx, scale)

    @staticmethod
    def backward(ctx, gg):
        idx = ctx.idx
        coef = np.ones(idx.shape, dtype=gg._data.dtype)
        if ctx.scale:
            coef = coef / np.bincount(idx.ravel(), minlength=ctx.num)[idx]
        if ctx.padding_idx is not None and ctx.padding_idx >= 0:
            coef = np.where(idx == ctx.padding_idx, 0, coef)
        out = Embedding.apply(gg, idx, None, False)
        return out * Tensor._make(coef[..., None].astype(gg._data.dtype)), None, None, None, None


def _indices(input, op="embedding"):
    """The index array; ``embedding`` takes int32/int64 only, ``embedding_bag`` any integer (or bool) type."""
    if not isinstance(input, Tensor):
        input = Tensor._make(np.asarray(input))
    if input._data.dtype.name not in ("int32", "int64") and (op == "embedding" or input._data.dtype.kind not in "iub"):
        got = "CPUBoolType" if input._data.dtype.kind == "b" else input.type().replace('autograd.', 'torch.')
        raise RuntimeError(f"Expected tensor for argument #1 'indices' to have one of the following scalar types: "
                           f"Long, Int; but got {got} instead (while checking arguments for {op})")
    return input._data


def _renorm(weight, idx, max_norm, norm_type):
    """torch.embedding_renorm_: rescale (in place) looked-up rows whose norm exceeds ``max_norm``."""
    rows = np.unique(idx)
    w = weight._data
    norms = np.linalg.norm(w[rows].astype(np.float64), ord=norm_type, axis=1)
    big = norms > max_norm
    if big.any():
        with no_grad():
            scale = (max_norm / (norms[big] + 1e-7)).astype(w.dtype)
            w[rows[big]] *= scale[:, None]
            weight._version_counter[0] += 1


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
              sparse=False):
    """Rows of ``weight`` at the integer ``input`` indices: output shape ``input.shape + (embedding_dim,)``."""
    idx = _indices(input)
    if padding_idx is not None:
        num = weight.size(0)
        if padding_idx > 0:
            if padding_idx >= num:
                raise AssertionError("Padding_idx must be within num_embeddings")
        elif padding_idx < 0:
            if padding_idx < -num:
                raise AssertionError("Padding_idx must be within num_embeddings")
            padding_idx = num + padding_idx
    if weight.dim() != 2:
        raise RuntimeError("'weight' must be 2-D")
    if idx.size and (idx.min() < 0 or idx.max() >= weight.shape[0]):
        raise IndexError("index out of range in self")
    if max_norm is not None:
        _renorm(weight, idx, max_norm, norm_type)
    return Embedding.apply(weight, idx.astype(np.int64, copy=False), padding_idx, scale_grad_by_freq)


class _EmbeddingBag(Op):
    """Bags of looked-up rows reduced as one node (PyTorch's EmbeddingBagBackward0).

    ``plan`` is a constant: for sum/mean a (bags x lookups) coefficient matrix, for max the (bags x D)
    position of each column's maximum within the lookups plus a (bags x 1) mask of non-empty bags."""

    node_name = "EmbeddingBagBackward0"

    @staticmethod
    def forward(ctx, weight, psw, idx, plan, padding_idx, scale):
        ctx.save_for_backward(weight, psw)
        ctx.idx, ctx.plan, ctx.padding_idx, ctx.scale = idx, plan, padding_idx, scale
        rows = np.take(weight._data, idx, axis=0)
        if psw is not None:
            rows = rows * psw._data[:, None]
        if isinstance(plan, tuple):
            arg, filled = plan
            return np.take_along_axis(rows, arg, axis=0) * filled
        return plan @ rows

    @staticmethod
    def backward(ctx, g):
        weight, psw = ctx.saved_tensors
        idx, plan = ctx.idx, ctx.plan
        if isinstance(plan, tuple):
            arg, filled = plan
            g_rows = g.new_zeros((len(idx), g.shape[1])).scatter_add(0, Tensor._make(arg), g * Tensor._make(filled))
        else:
            g_rows = Tensor._make(np.ascontiguousarray(plan.T)) @ g
        gw = gp = None
        if ctx.needs_input_grad[0]:
            src = g_rows * psw.unsqueeze(-1) if psw is not None else g_rows
            gw = EmbeddingDenseBackward.apply(src, idx, weight.shape[0], ctx.padding_idx, ctx.scale)
        if psw is not None and ctx.needs_input_grad[1]:
            gp = (g_rows * Embedding.apply(weight, idx, None, False)).sum(1)
        return gw, gp, None, None, None, None


def embedding_bag(input, weight, offsets=None, max_norm=None, norm_type=2, scale_grad_by_freq=False, mode="mean",
                  sparse=False, per_sample_weights=None, include_last_offset=False, padding_idx=None):
    """Sum, mean or max of bags of embeddings (2-D input: one bag per row; 1-D input: bags start at ``offsets``).

    Sum and mean are one matmul with a constant (bags x lookups) matrix; max gathers the argmax rows.
    """
    idx = _indices(input, "embedding_bag")
    if per_sample_weights is not None and tuple(input.shape) != tuple(per_sample_weights.shape):
        raise ValueError(f"embedding_bag: If per_sample_weights ({per_sample_weights.shape}) is not None, then it "
                         f"must have the same shape as the input ({input.shape})")
    if weight.dim() != 2:
        raise ValueError(f"weight has to be a 2D Tensor, but got Tensor of dimension {weight.dim()}")
    if idx.ndim == 2:
        if offsets is not None:
            raise ValueError("if input is 2D, then offsets has to be None, as input is treated is a mini-batch of "
                             f"fixed length sequences. However, found offsets of type {type(offsets)}")
        starts = np.arange(idx.shape[0], dtype=np.int64) * idx.shape[1]
        psw = per_sample_weights.reshape(-1) if per_sample_weights is not None else None
        idx = idx.reshape(-1)
    elif idx.ndim == 1:
        if offsets is None:
            raise ValueError("offsets has to be a 1D Tensor but got None")
        starts = (offsets._data if isinstance(offsets, Tensor) else np.asarray(offsets)).astype(np.int64)
        if starts.ndim != 1:
            raise ValueError("offsets has to be a 1D Tensor")
        if include_last_offset:
            starts = starts[:-1]
        psw = per_sample_weights
    else:
        raise ValueError(f"input has to be 1D or 2D Tensor, but got Tensor of dimension {idx.ndim}")
    if mode == "max":
        if scale_grad_by_freq:
            raise ValueError("max mode does not support scaling the gradient by the frequency")
        if sparse:
            raise ValueError("max mode does not support sparse weights")
    elif mode not in ("sum", "mean"):
        raise ValueError("mode has to be one of sum, mean or max")
    if max_norm is not None:
        _renorm(weight, idx, max_norm, norm_type)
    if per_sample_weights is not None and mode != "sum":
        raise NotImplementedError(f"embedding_bag: per_sample_weights was not None. per_sample_weights is only "
                                  f"supported for mode='sum' (got mode='{mode}'). Please open a feature request "
                                  f"on GitHub.")
    num = weight.shape[0]
    if padding_idx is not None:
        if not -num <= padding_idx < num:
            raise AssertionError("padding_idx must be within the number of embeddings")
        padding_idx = padding_idx % num
    bad = np.flatnonzero((idx < 0) | (idx >= num))
    if len(bad):
        raise RuntimeError(f"Index {bad[0]} of input takes value {idx[bad[0]]} which is not in the valid range "
                           f"[0, {num})")
    idx = idx.astype(np.int64, copy=False)
    m, nb = len(idx), len(starts)
    sizes = np.diff(np.append(starts, m))
    bag_of = np.repeat(np.arange(nb), sizes)
    valid = np.ones(m, dtype=bool) if padding_idx is None else idx != padding_idx
    dt = weight._data.dtype
    if mode == "max":
        arg = np.zeros((nb, weight.shape[1]), dtype=np.int64)
        filled = np.zeros((nb, 1), dtype=dt)
        vals = np.take(weight._data, idx, axis=0)
        for b in range(nb):
            sel = np.flatnonzero((bag_of == b) & valid)
            if len(sel):
                arg[b] = sel[np.argmax(vals[sel], axis=0)]
                filled[b] = 1
        plan = (arg, filled)
    else:
        coef = valid.astype(dt)
        if mode == "mean":
            counts = np.bincount(bag_of[valid], minlength=nb).astype(dt)
            coef = coef / np.maximum(counts, 1)[bag_of]
        plan = np.zeros((nb, m), dtype=dt)
        plan[bag_of, np.arange(m)] = coef
    return _EmbeddingBag.apply(weight, psw, idx, plan, padding_idx, scale_grad_by_freq)


def one_hot(tensor, num_classes=-1):
    """int64 one-hot encoding along a new last dim (``num_classes=-1``: max + 1)."""
    arr = tensor._data
    if arr.dtype != np.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    if num_classes == -1:
        if arr.size == 0:
            raise RuntimeError("Can not infer total number of classes from empty tensor.")
        num_classes = int(arr.max()) + 1
    if arr.size and (arr.min() < 0):
        raise RuntimeError("Class values must be non-negative.")
    if arr.size and arr.max() >= num_classes:
        raise RuntimeError("Class values must be smaller than num_classes.")
    out = np.zeros(arr.shape + (num_classes,), dtype=np.int64)
    np.put_along_axis(out, arr[..., None].astype(np.int64), 1, axis=-1)
    return Tensor._make(out)
