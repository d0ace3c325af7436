"""Let glibc keep freed multi-MiB blocks for reuse instead of handing them back to the OS at once.

Every op allocates a fresh output. glibc returns the top of the heap to the OS whenever more than
twice its mmap threshold (which adapts up to 32 MiB) lies free there, so an expression with two
large temporaries (``x * y + z``) gives back its memory each time and the next one page-faults it in
again, which costs as much as the arithmetic. A fixed 32 MiB mmap threshold (glibc's own upper
bound) and a 64 MiB trim threshold keep that memory in the process. Linux/glibc only; elsewhere,
or with ``AUTOGRAD_MALLOC_TUNING=0``, nothing changes.
"""
import ctypes
import os
import sys

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
TRIM_BYTES, MMAP_BYTES = 64 << 20, 32 << 20


def tune():
    """Apply the thresholds once; True when glibc accepted them."""
    if not sys.platform.startswith("linux") or os.environ.get("AUTOGRAD_MALLOC_TUNING", "1") == "0":
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_BYTES)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_BYTES))


TUNED = tune()
