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

from .numba_backend import PAR_MIN  # noqa: E402,F401

if numba.config.THREADING_LAYER == "default":
    numba.config.THREADING_LAYER = "workqueue"

DISABLED = bool(numba.config.DISABLE_JIT)

# the options every kernel shares: on-disk cache, vectorisable float division (+ FMA contraction for
# the polynomial kernels; EXACT ones round every operation as NumPy does)
EXACT = dict(cache=True, error_model="numpy")
OPTS = dict(EXACT, fastmath={"contract"})


if DISABLED:
    import numpy as _np

    def pow2f(n):
        return _np.float32(2.0) ** _np.float32(n)

    def wide_vectors():
        pass
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

    @intrinsic
    def wide_vectors(typingctx):
        """Let LLVM vectorise the enclosing loop with the widest registers (AVX-512: 16 floats).

        LLVM keeps to 256-bit vectors on AVX-512 CPUs by default; the compute-bound polynomial loops
        run ~1.5x faster with 512. Emits no code; ignored by targets without such registers.
        """
        def codegen(context, builder, signature, args):
            try:  # llvmlite checks attribute names against a fixed list: add the string attribute raw
                set.add(builder.function.attributes, '"prefer-vector-width"="512"')
            except (AttributeError, TypeError):
                pass
            return context.get_dummy_value()
        return types.none(), codegen
