"""Reference kernels for fused losses (NumPy)."""
import numpy as np  # noqa: F401

__all__ = []
