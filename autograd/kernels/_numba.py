"""Numba set-up shared by the jitted kernel modules (imported only on first use of a jitted kernel).

Chooses the ``workqueue`` threading layer (OpenMP/TBB workers spin beside OpenBLAS's threads on a
2-core machine), and provides the small LLVM intrinsics the vectorised math needs.
"""
import os

os.environ.setdefault("NUMBA_THREADING_LAYER", "workqueue")

import numba  # noqa: E402
from numba import njit, prange  # noqa: E402,F401
from numba.core import types  # noqa: E402
from numba.extending import intrinsic  # noqa: E402

if numba.config.THREADING_LAYER == "default":
    numba.config.THREADING_LAYER = "workqueue"

DISABLED = bool(numba.config.DISABLE_JIT)
PAR_MIN = 1 << 18   # elements below which a kernel runs serially (a parallel launch costs ~30 us)

# the options every kernel shares: on-disk cache, vectorisable float division
OPTS = dict(cache=True, error_model="numpy", fastmath={"contract"})


if DISABLED:
    import numpy as _np

    def pow2f(n):
        return _np.float32(2.0) ** _np.float32(n)
else:
    @intrinsic
    def pow2f(typingctx, n):
        """2**n as float32 for an integral float32 n in [-126, 127]: exponent bits, no libm call."""
        if n != types.float32:
            return None

        def codegen(context, builder, signature, args):
            from llvmlite import ir
            i32 = ir.IntType(32)
            k = builder.fptosi(args[0], i32)
            bits = builder.shl(builder.add(k, ir.Constant(i32, 127)), ir.Constant(i32, 23))
            return builder.bitcast(bits, ir.FloatType())
        return types.float32(types.float32), codegen
