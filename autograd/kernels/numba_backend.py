"""Jitted kernels (Numba, cache=True, top-level functions so the on-disk cache works).

``KERNELS`` maps kernel names to jitted implementations; any name missing here falls back to
the NumPy reference. Numba itself is imported lazily so ``import autograd`` stays fast.
"""
KERNELS = {}
