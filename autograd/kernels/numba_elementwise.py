"""The numba backend's elementwise kernels: size and dtype gates in front of parallel jitted loops.

C-contiguous float arrays of at least ``numba_backend.PAR_MIN`` elements (same shape and dtype for
binary kernels; float32 only for exp/sigmoid/tanh, whose loops are float32 polynomials) run the
loops of ``_jit_elementwise`` on all cores; Numba is imported on the first such call. Everything else
(small arrays, broadcasting, scalars, other dtypes) takes the NumPy reference kernel unchanged.
"""
import numpy as np

from . import numba_backend as _B
from . import ref_elementwise as ref

_nd = np.ndarray
_F32 = np.dtype(np.float32)
_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))


def _unary(loop, ref_fn, float32_only):
    def kernel(x, *args, **kwargs):
        if (args or kwargs or type(x) is not _nd or x.size < _B.PAR_MIN or not x.flags.c_contiguous
                or (x.dtype != _F32 if float32_only else x.dtype not in _FLOATS)):
            return ref_fn(x, *args, **kwargs)
        out = np.empty(x.shape, x.dtype)
        getattr(_B.jit("_jit_elementwise"), loop)(x.reshape(-1), out.reshape(-1))
        return out
    kernel.__name__ = kernel.__qualname__ = loop[:-2]
    return kernel


def _binary(loop, ref_fn):
    """Same-shape operands of one float dtype; anything else (broadcasting, scalars, ints) is NumPy's."""
    def kernel(a, b):
        if (type(a) is not _nd or a.size < _B.PAR_MIN or type(b) is not _nd or a.shape != b.shape
                or a.dtype != b.dtype or a.dtype not in _FLOATS
                or not (a.flags.c_contiguous and b.flags.c_contiguous)):
            return ref_fn(a, b)
        out = np.empty(a.shape, a.dtype)
        getattr(_B.jit("_jit_elementwise"), loop)(a.reshape(-1), b.reshape(-1), out.reshape(-1))
        return out
    kernel.__name__ = kernel.__qualname__ = loop[:-2]
    return kernel


exp = _unary("exp_p", ref.exp, True)
sigmoid = _unary("sigmoid_p", ref.sigmoid, True)
tanh = _unary("tanh_p", ref.tanh, True)
relu = _unary("relu_p", ref.relu, False)
relu_backward = _binary("relu_backward_p", ref.relu_backward)
sigmoid_backward = _binary("sigmoid_backward_p", ref.sigmoid_backward)
tanh_backward = _binary("tanh_backward_p", ref.tanh_backward)
add = _binary("add_p", ref.add)
sub = _binary("sub_p", ref.sub)
mul = _binary("mul_p", ref.mul)

KERNELS = {k.__name__: k for k in (exp, sigmoid, tanh, relu, relu_backward, sigmoid_backward, tanh_backward,
                                   add, sub, mul)}
