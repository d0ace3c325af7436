"""torch.signal: signal-processing helpers (``autograd.signal.windows``)."""
from . import windows  # noqa: F401
