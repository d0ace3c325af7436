"""``torch.fft`` for real tensors: only the frequency shifts (a roll by half of each dim). The transforms
themselves need complex dtypes, which this library does not have."""
from .ops._util import normalize_dims


def _shift(input, dim, sign):
    dims = normalize_dims(dim, input.ndim, "fftshift")
    return input.roll(tuple(sign * (input.shape[d] // 2) for d in dims), dims)


def fftshift(input, dim=None):
    """Move the zero-frequency term to the centre: roll each dim in ``dim`` (all by default) by ``n // 2``."""
    return _shift(input, dim, 1)


def ifftshift(input, dim=None):
    """The inverse of :func:`fftshift`: roll each dim by ``-(n // 2)``."""
    return _shift(input, dim, -1)


__all__ = ["fftshift", "ifftshift"]
