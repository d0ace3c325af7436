"""Spatial transformers: F.affine_grid and F.grid_sample (2-d and 3-d), composed from Tensor ops.

The formulas are ATen's (GridSampler.cpp, AffineGridGenerator.cpp): the gradients for ``input`` and ``grid``
come from the composition (gather's adjoint is a scatter-add; the grid gradient flows through the
unnormalised coordinates, clipping and reflection, and the interpolation weights).
"""
import itertools
import warnings

import numpy as np

import autograd
from autograd.function import Op

__all__ = ["affine_grid", "grid_sample"]

_ALIGN_WARNING = ("Default grid_sample and affine_grid behavior has changed to align_corners=False since 1.3.0. "
                  "Please specify align_corners=True if the old behavior is desired. See the documentation of "
                  "grid_sample for details.")


class _Result(Op):
    """Identity that gives a composed result the grad_fn name of torch's fused kernel."""

    @staticmethod
    def forward(ctx, x, grid=None):
        ctx.grid = None if grid is None else (tuple(grid.shape), grid.dtype)
        return x._data

    @staticmethod
    def backward(ctx, g):
        if ctx.grid is None:
            return g, None
        return g, autograd.zeros(*ctx.grid[0], dtype=ctx.grid[1])  # nearest: torch's grid gradient is zero


_NAMED = {name: type(name, (_Result,), {"node_name": f"{name}Backward0"})
          for name in ("AffineGridGenerator", "GridSampler2D", "GridSampler3D")}


# ---- affine_grid -----------------------------------------------------------------------------------------
def _linspace_from_neg_one(theta, n, align_corners):
    if n <= 1:
        return autograd.zeros(1, dtype=theta.dtype)
    r = autograd.linspace(-1, 1, n, dtype=theta.dtype)
    return r if align_corners else r * (n - 1) / n


def affine_grid(theta, size, align_corners=None):
    """Sampling grid ``(N, *spatial, nd)`` of the affine maps ``theta`` (N, nd, nd+1) over ``[-1, 1]``."""
    if align_corners is None:
        warnings.warn(_ALIGN_WARNING, stacklevel=2)
        align_corners = False
    if not theta.is_floating_point():
        raise ValueError(f"Expected theta to have floating point type, but got {theta.dtype}")
    if len(size) == 4:
        if theta.dim() != 3 or theta.shape[-2] != 2 or theta.shape[-1] != 3:
            raise ValueError(f"Expected a batch of 2D affine matrices of shape Nx2x3 for size {size}. "
                             f"Got {theta.shape}.")
        spatial = tuple(size[-2:])
    elif len(size) == 5:
        if theta.dim() != 3 or theta.shape[-2] != 3 or theta.shape[-1] != 4:
            raise ValueError(f"Expected a batch of 3D affine matrices of shape Nx3x4 for size {size}. "
                             f"Got {theta.shape}.")
        spatial = tuple(size[-3:])
    else:
        raise NotImplementedError(f"affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, "
                                  f"respectively. Got size {size}.")
    if align_corners and min(spatial) == 1:
        warnings.warn("Since version 1.3.0, affine_grid behavior has changed for unit-size grids when "
                      "align_corners=True. This is not an intended use case of affine_grid. See the documentation "
                      "of affine_grid for details.", stacklevel=2)
    elif min(size) <= 0:
        raise ValueError(f"Expected non-zero, positive output size. Got {size}")
    n, nd = int(size[0]), len(spatial)
    base = autograd.ones(n, *spatial, nd + 1, dtype=theta.dtype)
    for k, s in enumerate(reversed(spatial)):  # x runs along the last spatial dim, y (and z) before it
        axis = nd - 1 - k
        shape = [1] * nd
        shape[axis] = -1
        base[..., k] = _linspace_from_neg_one(theta, s, align_corners).view(*shape)
    grid = base.view(n, -1, nd + 1).bmm(theta.transpose(1, 2))
    return _NAMED["AffineGridGenerator"].apply(grid.view(n, *spatial, nd))


# ---- grid_sample -----------------------------------------------------------------------------------------
def _unnormalize(coord, size, align_corners):
    if align_corners:
        return (coord + 1) / 2 * (size - 1)
    return ((coord + 1) * size - 1) / 2


def _reflect(coord, twice_low, twice_high):
    if twice_low == twice_high:
        return coord * 0
    low, span = twice_low / 2, (twice_high - twice_low) / 2
    t = (coord - low).abs()
    flips = (t.detach() / span).floor()
    extra = t - flips * span
    return autograd.where(flips.remainder(2) == 0, extra + low, span - extra + low)


def _pad_coordinates(coord, size, padding_mode, align_corners):
    """ATen's compute_coordinates: border clips, reflection reflects then clips, zeros leaves as is."""
    if padding_mode == "zeros":
        return coord
    if padding_mode == "reflection":
        coord = _reflect(coord, 0, 2 * (size - 1)) if align_corners else _reflect(coord, -1, 2 * size - 1)
    return coord.clamp(0, size - 1)


def _cubic_coefficients(t, a=-0.75):
    def near(x):
        return ((a + 2) * x - (a + 3)) * x * x + 1

    def far(x):
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a

    return [far(t + 1), near(t), near(1 - t), far(2 - t)]


def _gather_taps(input, taps, grid=None):
    """Sum over ``taps`` of weight * input at the tap's indices (0 outside): a tap is (index arrays, weight)."""
    n, c, *sizes = input.shape
    flat = input.reshape(n, c, -1)
    out = None
    for idx, weight in taps:
        inside = np.ones(idx[0].shape, dtype=bool)
        lin = np.zeros(idx[0].shape, dtype=np.int64)
        for i, s in zip(idx, sizes):
            inside &= (i >= 0) & (i < s)
            lin = lin * s + np.clip(i, 0, s - 1)
        index = autograd.from_numpy(lin.reshape(n, 1, -1)).expand(n, c, lin[0].size)
        vals = flat.gather(2, index).view(n, c, *idx[0].shape[1:])
        mask = autograd.from_numpy(inside[:, None].astype(flat._data.dtype))
        term = vals * (mask if weight is None else weight.unsqueeze(1) * mask)
        out = term if out is None else out + term
    return _NAMED[f"GridSampler{len(sizes)}D"].apply(out, grid)


def _as_index(coord):
    with np.errstate(invalid="ignore"):
        return coord._data.astype(np.int64)


def _check_grid_sampler(input, grid, mode):
    if input.dtype != grid.dtype:
        names = {"float16": "Half", "float32": "Float", "float64": "Double"}
        want, got = (names.get(np.dtype(t._data.dtype).name, str(t.dtype)) for t in (input, grid))
        raise RuntimeError(f"expected scalar type {want} but found {got}")
    if input.shape[0] != grid.shape[0]:
        raise RuntimeError(f"grid_sampler(): expected grid and input to have same batch size, but got input with "
                           f"sizes {list(input.shape)} and grid with sizes {list(grid.shape)}")
    if grid.shape[-1] != input.dim() - 2:
        raise RuntimeError(f"grid_sampler(): expected grid to have size {input.dim() - 2} in last dimension, but got "
                           f"grid with sizes {list(grid.shape)}")
    for i in range(2, input.dim()):
        if input.shape[i] <= 0:
            raise RuntimeError(f"grid_sampler(): expected input to have non-empty spatial dimensions, but input has "
                               f"sizes {list(input.shape)} with dimension {i} being empty")
    nd = 2 if input.dim() == 4 else 3
    if input.dim() != nd + 2 or grid.dim() != nd + 2:
        raise RuntimeError(f"grid_sampler(): expected {nd + 2}D input and grid with same number of dimensions, but "
                           f"got input with sizes {list(input.shape)} and grid with sizes {list(grid.shape)}")
    if nd == 3 and mode == "bicubic":
        raise RuntimeError("grid_sampler(): bicubic interpolation only supports 4D input")


def grid_sample(input, grid, mode="bilinear", padding_mode="zeros", align_corners=None):
    """Sample ``input`` (N, C, *S) at the normalised locations ``grid`` (N, *S_out, nd): x (last dim) first."""
    if mode not in ("bilinear", "nearest", "bicubic"):
        raise ValueError(f"nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', "
                         f"but got: '{mode}'")
    if padding_mode not in ("zeros", "border", "reflection"):
        raise ValueError(f"nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or "
                         f"'reflection', but got: '{padding_mode}'")
    if align_corners is None:
        warnings.warn(_ALIGN_WARNING, stacklevel=2)
        align_corners = False
    _check_grid_sampler(input, grid, mode)
    sizes = tuple(input.shape[2:])
    nd = len(sizes)
    coords = [_unnormalize(grid[..., nd - 1 - k], s, align_corners) for k, s in enumerate(sizes)]
    if mode == "bicubic":  # ATen pads each of the 4x4 taps' integer coordinates, not the source coordinate
        floors = [x.detach().floor() for x in coords]
        cy, cx = (_cubic_coefficients(x - f) for x, f in zip(coords, floors))
        taps = []
        for i, j in itertools.product(range(4), repeat=2):
            iy = _pad_coordinates(floors[0] + (i - 1), sizes[0], padding_mode, align_corners)
            ix = _pad_coordinates(floors[1] + (j - 1), sizes[1], padding_mode, align_corners)
            taps.append(((_as_index(iy), _as_index(ix)), cy[i] * cx[j]))
        return _gather_taps(input, taps)
    coords = [_pad_coordinates(x, s, padding_mode, align_corners) for x, s in zip(coords, sizes)]
    if mode == "nearest":  # nearbyint: halves to even, as np.rint
        return _gather_taps(input, [(tuple(np.rint(x._data).astype(np.int64) for x in coords), None)], grid)
    floors = [x.detach().floor() for x in coords]
    ts = [x - f for x, f in zip(coords, floors)]
    taps = []
    for corner in itertools.product((0, 1), repeat=nd):
        weight = None
        for t, bit in zip(ts, corner):
            w = t if bit else 1 - t
            weight = w if weight is None else weight * w
        taps.append((tuple(_as_index(f) + bit for f, bit in zip(floors, corner)), weight))
    return _gather_taps(input, taps)
