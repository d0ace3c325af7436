"""Jitted loops of the random samplers whose CPU algorithm is sequential (so NumPy cannot vectorise it): randperm's
swaps, and ``ref_random``'s rejection samplers compiled unchanged."""
from . import ref_random
from ._numba import EXACT, njit


@njit(**EXACT)
def fisher_yates(perm, steps):
    """Swap ``perm[i]`` with ``perm[i + steps[i]]`` for i = 0, 1, ... in order (torch's randperm)."""
    for i in range(steps.shape[0]):
        j = i + steps[i]
        t = perm[i]
        perm[i] = perm[j]
        perm[j] = t


gamma_fill = njit(**EXACT)(ref_random.gamma_fill)
poisson_fill = njit(**EXACT)(ref_random.poisson_fill)
binomial_fill = njit(**EXACT)(ref_random.binomial_fill)
