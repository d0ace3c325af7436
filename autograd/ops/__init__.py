"""All differentiable ops; importing this package attaches their Tensor methods."""
from . import arithmetic, pointwise, reduction, softmax, shape, linalg, indexing, inplace  # noqa: F401
from . import joining, padding  # noqa: F401
from . import sorting, misc  # noqa: F401  (conformance: order statistics, less common math)

inplace.install_inplace_methods()  # `name_` for ops attached by modules imported after inplace
