"""Kernel layer: every numeric inner loop the ops need, behind one interface.

Ops call ``kernels.<name>(...)`` on NumPy arrays. Two backends implement the same names:
``numpy_backend`` (reference, always available) and ``numba_backend`` (fused, jitted with
``cache=True``; falls back to the NumPy kernel for shapes/dtypes it does not cover).
``use_backend('numpy'|'numba')`` switches at run time; tests hold the two against each other.
"""
import os

from . import numpy_backend

_ACTIVE = ["numpy"]
KERNEL_NAMES = tuple(n for n in numpy_backend.__all__)


def _install(table):
    g = globals()
    for name in KERNEL_NAMES:
        g[name] = table.get(name, getattr(numpy_backend, name))


def use_backend(name):
    """Select the kernel backend for all ops ('numpy' or 'numba')."""
    if name == "numpy":
        _install({})
    elif name == "numba":
        from . import numba_backend
        _install(numba_backend.KERNELS)
    else:
        raise ValueError(f"unknown kernel backend {name!r} (expected 'numpy' or 'numba')")
    _ACTIVE[0] = name


def backend():
    return _ACTIVE[0]


_install({})
if os.environ.get("AUTOGRAD_KERNELS", "numba") == "numba":
    try:
        use_backend("numba")
    except ImportError:  # numba missing: the NumPy kernels serve everything
        pass
