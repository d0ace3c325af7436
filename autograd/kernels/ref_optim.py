"""Reference kernels for fused optimizer updates (NumPy, in place)."""
import numpy as np  # noqa: F401

__all__ = []
