"""``torch.utils`` counterparts that belong to autograd: ``data`` (also ``autograd.data``) and ``checkpoint``."""
from .. import data  # noqa: F401
from . import checkpoint  # noqa: F401
