"""All differentiable ops; importing this package attaches their Tensor methods."""
from . import arithmetic, pointwise, reduction, shape, linalg, indexing, inplace  # noqa: F401
