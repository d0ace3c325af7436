"""Packed and padded variable-length sequences (``torch.nn.utils.rnn``).

Packing and padding are one gather and its adjoint scatter between the packed rows and the rows of
the padded tensor with its two leading dims (time, batch) flattened: ``_PackRows``/``_PadRows`` are
each other's backward, so gradients (and double backward) flow through both. Checks, messages and
grad_fn names follow PyTorch's (``PackPaddedSequenceBackward0``; padding records ``CopySlices``).
"""
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np

import autograd
from autograd.function import Op
from autograd.tensor import Tensor

__all__ = ["PackedSequence", "invert_permutation", "pack_padded_sequence", "pad_packed_sequence", "pad_sequence",
           "unpad_sequence", "pack_sequence", "unpack_sequence"]


class PackedSequence_(NamedTuple):
    data: Tensor
    batch_sizes: Tensor
    sorted_indices: Tensor | None
    unsorted_indices: Tensor | None


def bind(optional, fn):
    return None if optional is None else fn(optional)


class PackedSequence(PackedSequence_):
    """Holds the packed ``data`` (time-major rows of a decreasing batch) and its ``batch_sizes``.

    Made by :func:`pack_padded_sequence`/:func:`pack_sequence`; ``sorted_indices`` maps the packed
    batch order to the caller's, ``unsorted_indices`` is its inverse (both None when already sorted).
    """

    def __new__(cls, data, batch_sizes=None, sorted_indices=None, unsorted_indices=None):
        return super().__new__(cls, *_packed_sequence_init_args(data, batch_sizes, sorted_indices,
                                                                unsorted_indices))

    def pin_memory(self):
        if not hasattr(self.data, "pin_memory"):
            raise RuntimeError("Cannot access accelerator device when none is available.")
        return type(self)(self.data.pin_memory(), self.batch_sizes, bind(self.sorted_indices, lambda t: t.pin_memory()),
                          bind(self.unsorted_indices, lambda t: t.pin_memory()))

    def to(self, *args, **kwargs):
        """``data.to(*args, **kwargs)``; ``self`` when nothing changes (batch_sizes always stay as they are)."""
        if "copy" in kwargs:
            raise RuntimeError(".to() does not accept copy argument")
        data = self.data.to(*args, **kwargs)
        if data is self.data:
            return self
        move = lambda t: t.to(data.device)  # noqa: E731
        return type(self)(data, self.batch_sizes, bind(self.sorted_indices, move), bind(self.unsorted_indices, move))

    def cuda(self, *args, **kwargs):
        ex = autograd.tensor((), dtype=self.data.dtype, device=self.data.device).to(*args, **kwargs)
        if ex.is_cuda:
            return self.to(*args, **kwargs)
        kwargs["device"] = "cuda"
        return self.to(*args, **kwargs)

    def cpu(self, *args, **kwargs):
        ex = autograd.tensor((), dtype=self.data.dtype, device=self.data.device).to(*args, **kwargs)
        if ex.device.type == "cpu":
            return self.to(*args, **kwargs)
        kwargs["device"] = "cpu"
        return self.to(*args, **kwargs)

    def double(self):
        return self.to(dtype=autograd.double)

    def float(self):
        return self.to(dtype=autograd.float)

    def half(self):
        return self.to(dtype=autograd.half)

    def long(self):
        return self.to(dtype=autograd.long)

    def int(self):
        return self.to(dtype=autograd.int)

    def short(self):
        return self.to(dtype=autograd.short)

    def char(self):
        return self.to(dtype=autograd.int8)

    def byte(self):
        return self.to(dtype=autograd.uint8)

    @property
    def is_cuda(self):
        return self.data.is_cuda

    def is_pinned(self):
        fn = getattr(self.data, "is_pinned", None)
        return bool(fn()) if fn is not None else False


def _packed_sequence_init_args(data, batch_sizes=None, sorted_indices=None, unsorted_indices=None):
    if unsorted_indices is None:
        unsorted_indices = invert_permutation(sorted_indices)
    if batch_sizes is not None:
        if batch_sizes.device.type != "cpu":
            raise ValueError("batch_sizes should always be on CPU. Instances of PackedSequence should never be created "
                             "manually. They should be instantiated by functions like pack_sequence and "
                             "pack_padded_sequences in nn.utils.rnn. "
                             "https://pytorch.org/docs/stable/nn.html#torch.nn.utils.rnn.pack_sequence")
        return data, batch_sizes, sorted_indices, unsorted_indices
    if not (isinstance(data, (list, tuple)) and len(data) == 2):
        raise AssertionError("Expected data to be a list or tuple of length 2")
    return data[0], data[1], sorted_indices, unsorted_indices


def invert_permutation(permutation):
    """The inverse of the 1-D index tensor ``permutation`` (None for None)."""
    if permutation is None:
        return None
    output = autograd.empty_like(permutation)
    output.scatter_(0, permutation, autograd.arange(0, permutation.numel()))
    return output


# ---- the gather (pack) and its adjoint scatter (pad) ---------------------------------------------------
class _PackRows(Op):
    """Rows ``rows`` of ``input`` with its two leading dims flattened (the packed data)."""

    node_name = "PackPaddedSequenceBackward0"

    @staticmethod
    def forward(ctx, input, rows):
        a = input._data
        ctx.rows, ctx.lead = rows, a.shape[:2]
        return a.reshape((-1,) + a.shape[2:])[rows]

    @staticmethod
    def backward(ctx, g):
        return _PadRows.apply(g, ctx.rows, ctx.lead, 0), None


class _PadRows(Op):
    """A ``lead + data.shape[1:]`` tensor of ``value`` with ``data`` written at the flattened ``rows``."""

    node_name = "CopySlices"

    @staticmethod
    def forward(ctx, data, rows, lead, value):
        a = data._data
        ctx.rows = rows
        out = np.full((lead[0] * lead[1],) + a.shape[1:], value, dtype=a.dtype)
        out[rows] = a
        return out.reshape(tuple(lead) + a.shape[1:])

    @staticmethod
    def backward(ctx, g):
        return _PackRows.apply(g, ctx.rows), None, None, None


def _batch_sizes(lengths):
    """``batch_sizes[t]`` = how many of the (decreasing) ``lengths`` exceed t, for t < lengths[0]."""
    return (lengths[None, :] > np.arange(lengths[0])[:, None]).sum(1).astype(np.int64)


def _packed_coords(batch_sizes):
    """(time, batch) of every packed row, in packed order."""
    t = np.repeat(np.arange(len(batch_sizes)), batch_sizes)
    start = np.repeat(np.cumsum(batch_sizes) - batch_sizes, batch_sizes)
    return t, np.arange(int(batch_sizes.sum())) - start


def _lengths_tensor(lengths):
    if not isinstance(lengths, Tensor):
        return autograd.as_tensor(lengths, dtype=autograd.int64, device="cpu")
    return lengths.to(dtype=autograd.int64)


def _check_copy_shape(dst, src):
    """PyTorch's errors for ``dst.copy_(src)`` (``src`` must broadcast to exactly ``dst``)."""
    n = max(len(dst), len(src))
    a, b = (1,) * (n - len(dst)) + dst, (1,) * (n - len(src)) + src
    for i in range(n - 1, -1, -1):
        if a[i] != b[i] and a[i] != 1 and b[i] != 1:
            raise RuntimeError(f"The size of tensor a ({a[i]}) must match the size of tensor b ({b[i]}) at "
                               f"non-singleton dimension {i}")
    shape = np.broadcast_shapes(dst, src)
    if shape != dst:
        raise RuntimeError(f"output with shape {list(dst)} doesn't match the broadcast shape {list(shape)}")


def _out_of_range(dim, got):
    n = max(dim, 1)
    return IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {got})")


# ---- public functions ------------------------------------------------------------------------------------
def pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True):
    """Pack a padded ``T x B x *`` (``B x T x *`` if batch_first) batch of sequences of ``lengths``."""
    lengths = _lengths_tensor(lengths)
    if enforce_sorted:
        sorted_indices = None
    else:
        order = np.argsort(-lengths.numpy(), kind="stable")
        lengths, sorted_indices = lengths[autograd.from_numpy(order)], autograd.from_numpy(order)
        input = input.index_select(0 if batch_first else 1, sorted_indices)
    if input.numel() == 0:
        raise RuntimeError("Cannot pack empty tensors.")
    if batch_first and input.dim() < 2:
        raise _out_of_range(input.dim(), 1)
    if lengths.dim() != 1:
        raise RuntimeError(f"'lengths' argument should be a 1D CPU int64 tensor, but got {lengths.dim()}D cpu Long "
                           "tensor")
    if input.dim() < 2:
        raise _out_of_range(input.dim(), 1)
    time_dim, batch_dim = (1, 0) if batch_first else (0, 1)
    steps, batch = input.shape[time_dim], input.shape[batch_dim]
    lens = lengths.numpy()
    if lens.shape[0] != batch:
        raise RuntimeError(f"Expected `len(lengths)` to be equal to batch_size, but got {lens.shape[0]} "
                           f"(batch_size={batch})")
    if lens[-1] <= 0:
        raise RuntimeError("Length of all samples has to be greater than 0, but found an element in 'lengths' "
                           "that is <= 0")
    if np.any(lens[1:] > lens[:-1]):
        raise RuntimeError("`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can "
                           "pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this "
                           "requirement if you do not need ONNX exportability.")
    batch_sizes = _batch_sizes(lens)
    t, b = _packed_coords(batch_sizes)
    keep = t < steps  # lengths beyond the padded length: PyTorch silently packs only what exists
    t, b = t[keep], b[keep]
    rows = b * steps + t if batch_first else t * batch + b
    data = _PackRows.apply(input, rows)
    return PackedSequence(data, autograd.from_numpy(batch_sizes), sorted_indices, None)


def pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None):
    """Inverse of :func:`pack_padded_sequence`: (padded tensor, lengths) in the caller's batch order."""
    max_seq_length = sequence.batch_sizes.size(0)
    if total_length is not None:
        if total_length < max_seq_length:
            raise ValueError("Expected total_length to be at least the length of the longest sequence in input, but "
                             f"got total_length={total_length} and max sequence length being {max_seq_length}")
        max_seq_length = total_length
    batch_sizes = sequence.batch_sizes.numpy().astype(np.int64)
    batch = int(batch_sizes[0])
    t, b = _packed_coords(batch_sizes)
    padded = _PadRows.apply(sequence.data, t * batch + b, (max_seq_length, batch), padding_value)
    lengths = autograd.from_numpy((batch_sizes[None, :] > np.arange(batch)[:, None]).sum(1).astype(np.int64))
    if batch_first:
        padded = padded.transpose(0, 1)
    unsorted_indices = sequence.unsorted_indices
    if unsorted_indices is not None:
        return padded.index_select(0 if batch_first else 1, unsorted_indices), lengths[unsorted_indices.cpu()]
    return padded, lengths


def pad_sequence(sequences, batch_first=False, padding_value=0.0, padding_side="right"):
    """Stack ``L_i x *`` tensors into ``T x B x *`` (``B x T x *`` if batch_first), padded on ``padding_side``."""
    if not isinstance(sequences, Iterable):
        raise RuntimeError(f"pad_sequence: Expected iterable for input sequences, but got arg of type: "
                           f"{type(sequences)}")
    sequences = tuple(sequences)
    for i, s in enumerate(sequences):
        if not isinstance(s, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got {type(s).__name__}")
    if not sequences:
        raise RuntimeError("received an empty list of sequences")
    if padding_side not in ("left", "right"):
        raise RuntimeError(f"Expected padding_side to be one of left or right, but got {padding_side}.")
    if sequences[0].dim() == 0:
        raise RuntimeError("ArrayRef: invalid slice, N = 1; size = 0")
    trailing, dtype = tuple(sequences[0].shape[1:]), sequences[0].dtype
    lens = np.array([s.size(0) for s in sequences], dtype=np.int64)
    steps, batch = int(lens.max()), len(sequences)
    parts = []
    for s, n in zip(sequences, lens):
        target = (int(n),) + trailing
        if tuple(s.shape) != target:
            _check_copy_shape(target, tuple(s.shape))
            s = s.expand(target)
        parts.append(s if s.dtype == dtype else s.to(dtype))
    data = parts[0] if batch == 1 else autograd.cat(parts, 0)
    b = np.repeat(np.arange(batch), lens)
    t = np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens)
    if padding_side == "left":
        t = t + np.repeat(steps - lens, lens)
    rows = b * steps + t if batch_first else t * batch + b
    return _PadRows.apply(data, rows, (batch, steps) if batch_first else (steps, batch), padding_value)


def unpad_sequence(padded_sequences, lengths, batch_first=False):
    """Split a padded batch back into its ``lengths`` (transposes ``padded_sequences`` in place, as PyTorch does)."""
    unpadded_sequences = []
    if not batch_first:
        padded_sequences.transpose_(0, 1)
    max_length = padded_sequences.shape[1]
    idx = autograd.arange(max_length, device=lengths.device)
    for seq, length in zip(padded_sequences, lengths, strict=True):
        mask = idx < length
        unpadded_sequences.append(seq[mask])
    return unpadded_sequences


def pack_sequence(sequences, enforce_sorted=True):
    """``pack_padded_sequence(pad_sequence(sequences), lengths)``."""
    lengths = autograd.as_tensor([v.size(0) for v in sequences])
    return pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted)


def unpack_sequence(packed_sequences):
    """The list of variable-length tensors held by ``packed_sequences``, in the caller's order."""
    padded_sequences, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded_sequences, lengths, batch_first=True)
