"""Argument normalisation shared by conv and pooling: per-dim tuples, padding pairs, input rank checks."""
from autograd.tensor import Tensor


def ntuple(value, n, name="argument"):
    """``value`` as an n-tuple of ints: an int is repeated, a 1-element sequence expanded (as torch does)."""
    if isinstance(value, Tensor):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        if len(value) == 1:
            return (int(value[0]),) * n
        if len(value) != n:
            raise RuntimeError(f"expected {name} to be a single integer value or a list of {n} values to match "
                               f"the convolution dimensions, but got {name}={list(value)}")
        return tuple(int(v) for v in value)
    return (int(value),) * n


def batched(input, nd, op, what="input"):
    """(input with a batch dim, was_unbatched); accepts ``(C, *S)`` or ``(N, C, *S)`` like torch."""
    dim = input.dim()
    if dim == nd + 2:
        return input, False
    if dim == nd + 1:
        return input.unsqueeze(0), True
    raise RuntimeError(f"Expected {nd + 1}D (unbatched) or {nd + 2}D (batched) {what} to {op}, but got {what} of "
                       f"size: {list(input.shape)}")


def fmt_sizes(sizes):
    """``(2 x 3)``: how torch prints per-dim sizes in conv/pool errors."""
    return "(" + " x ".join(str(s) for s in sizes) + ")"
