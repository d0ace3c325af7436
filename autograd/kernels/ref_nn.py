"""Reference kernels for convolution, pooling and normalisation (NumPy)."""
import numpy as np  # noqa: F401

__all__ = []
