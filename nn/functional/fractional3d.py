"""3-d fractional max pooling (Graham 2014; ``F.fractional_max_pool3d``): max over pseudo-random (kT, kH, kW)
windows whose starts come from ``_random_samples`` (N, C, 3) as ATen's ``generate_intervals``."""
from .pooling import FractionalMaxPool3d, _check_random_samples

__all__ = ["fractional_max_pool3d", "fractional_max_pool3d_with_indices"]


def _triple_arg(v, what):
    v = tuple(v) if isinstance(v, (list, tuple)) else (v,) * 3
    if len(v) == 1:
        v = v * 3
    if len(v) != 3:
        raise RuntimeError(f"fractional_max_pool3d: {what} must either be a single Int or tuple of three Ints")
    return tuple(int(k) for k in v)


def fractional_max_pool3d_with_indices(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                                       _random_samples=None):
    import autograd
    if output_size is None and output_ratio is None:
        raise ValueError("fractional_max_pool3d requires specifying either an output_size or an output_ratio")
    if output_size is None:
        ratio = tuple(output_ratio) if isinstance(output_ratio, (list, tuple)) else (output_ratio,) * 3
        output_size = [int(input.size(-3) * ratio[0]), int(input.size(-2) * ratio[1]),
                       int(input.size(-1) * ratio[2])]
    if _random_samples is None:
        n_batch = 1 if input.dim() == 4 else input.size(0)
        _random_samples = autograd.rand(n_batch, input.size(-4), 3, dtype=input.dtype)
    kernel = _triple_arg(kernel_size, "kernel_size")
    out = _triple_arg(output_size, "output_size")
    nd = input.dim()
    if nd not in (4, 5):
        raise RuntimeError(f"fractional_max_pool3d_out(): Expected 4D or 5D tensor, but got: {list(input.shape)}")
    for i in range(1, nd):
        if input.shape[i] <= 0:
            raise RuntimeError(f"fractional_max_pool3d_out(): Expected input to have non-zero size for non-batch "
                               f"dimensions, but got{list(input.shape)} with dimension {i} being empty.")
    for name, o, k, size in zip(("time", "height", "width"), out, kernel, input.shape[-3:]):
        if not o + k - 1 < size:
            raise RuntimeError(f"fractional_max_pool3d_out(): pool {name} {k} too large relative to input {name} "
                               f"{size}")
    n, c = (input.shape[0] if nd == 5 else 1), input.shape[-4]
    s = _random_samples
    _check_random_samples(s, n, c, 3)
    return FractionalMaxPool3d.apply(input, kernel, out, s._data.astype(input._data.dtype, copy=False))


def fractional_max_pool3d(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,
                          _random_samples=None):
    """3-d fractional max pooling; ``_random_samples`` (N, C, 3) in [0, 1) fixes the windows."""
    y, idx = fractional_max_pool3d_with_indices(input, kernel_size, output_size, output_ratio, True, _random_samples)
    return (y, idx) if return_indices else y
