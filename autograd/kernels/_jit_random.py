"""Jitted loops of the random samplers whose CPU algorithm is sequential (so NumPy cannot vectorise it)."""
from ._numba import EXACT, njit


@njit(**EXACT)
def fisher_yates(perm, steps):
    """Swap ``perm[i]`` with ``perm[i + steps[i]]`` for i = 0, 1, ... in order (torch's randperm)."""
    for i in range(steps.shape[0]):
        j = i + steps[i]
        t = perm[i]
        perm[i] = perm[j]
        perm[j] = t
