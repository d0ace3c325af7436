"""Sustained 2-core memory bandwidth: a parallel x*y+z triad over 64 MiB arrays (Numba, workqueue)."""
import os
import time

import numpy as np


def measure(n=16 * 1024 * 1024, repeats=30):
    os.environ.setdefault("NUMBA_THREADING_LAYER", "workqueue")
    import numba

    @numba.njit(parallel=True, fastmath=True)
    def triad(x, y, z, out):
        for i in numba.prange(x.size):
            out[i] = x[i] * y[i] + z[i]

    x, y, z = (np.random.default_rng(0).standard_normal(n, dtype=np.float32) for _ in range(3))
    out = np.empty_like(x)
    triad(x, y, z, out)
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        triad(x, y, z, out)
        best = min(best, time.perf_counter() - t)
    return 16.0 * n / best / 1e9


if __name__ == "__main__":
    print(f"{measure():.2f} GB/s")
