"""Matrix products: matmul for 1-D, 2-D and batched broadcasting shapes (BLAS through the kernel layer)."""
import numpy as np

from .. import kernels as K
from .._dtype import type_name
from ..function import Op
from ..tensor import register_method
from ._util import binary_operands


class Mm(Op):
    """Matrix product; the backward is itself written with matmul, so it differentiates again."""

    @staticmethod
    def forward(ctx, a, b):
        x, y = binary_operands(a, b)
        if hasattr(a, "_data") and hasattr(b, "_data") and a._data.dtype != b._data.dtype:
            _dtype_mismatch(type(ctx).__name__, a.dtype, b.dtype)
        if x.ndim == 0 or y.ndim == 0:
            raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are {x.ndim}D and {y.ndim}D")
        kx = x.shape[-1]
        ky = y.shape[-2] if y.ndim > 1 else y.shape[0]
        if kx != ky:
            if x.ndim == 2 and y.ndim == 2:
                raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({x.shape[0]}x{x.shape[1]} and "
                                   f"{y.shape[0]}x{y.shape[1]})")
            raise RuntimeError(f"matmul: inner dimensions do not match: {list(x.shape)} @ {list(y.shape)} "
                               f"(size {kx} vs {ky})")
        ctx.save_for_backward(a, b)
        return np.asarray(K.matmul(x, y))

    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        ga = gb = None
        a2 = a.unsqueeze(0) if a.ndim == 1 else a
        b2 = b.unsqueeze(-1) if b.ndim == 1 else b
        if a.ndim == 1:
            g2 = g.reshape(1, 1) if b.ndim == 1 else g.unsqueeze(-2)
        else:
            g2 = g.unsqueeze(-1) if b.ndim == 1 else g
        if ctx.needs_input_grad[0]:
            ga = (g2 @ b2.mT)
            ga = ga.sum_to_size(a2.shape) if ga.shape != a2.shape else ga
            if a.ndim == 1:
                ga = ga.squeeze(0)
        if ctx.needs_input_grad[1]:
            gb = (a2.mT @ g2)
            gb = gb.sum_to_size(b2.shape) if gb.shape != b2.shape else gb
            if b.ndim == 1:
                gb = gb.squeeze(-1)
        return ga, gb

    @staticmethod
    def raw_backward(ctx, g):  # the engine sums broadcast batch dims and drops a 1-D ``a``'s row dim
        a, b = ctx.saved_arrays
        need = ctx.needs_input_grad
        b2 = b[:, None] if b.ndim == 1 else b
        if a.ndim == 1:
            g2 = np.reshape(g, (1, 1)) if b.ndim == 1 else g[..., None, :]
        else:
            g2 = g[..., None] if b.ndim == 1 else g
        ga = K.matmul(g2, np.swapaxes(b2, -1, -2)) if need[0] else None
        gb = None
        if need[1]:
            gb = K.matmul(np.swapaxes(a[None] if a.ndim == 1 else a, -1, -2), g2)
            if b.ndim == 1:
                gb = gb[..., 0]
        return ga, gb


_CPP_NAMES = {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int", "int32": "int",
              "int16": "short int", "int8": "signed char", "uint8": "unsigned char", "bool": "bool"}


def _dtype_mismatch(node, da, db):
    """Matrix products never promote (as in torch): mixed dtypes raise PyTorch's RuntimeError."""
    sa, sb = type_name(da), type_name(db)
    if node.startswith("Dot"):
        raise RuntimeError(f"dot : expected both vectors to have same dtype, but found {sa} and {sb}")
    if node.startswith("Bmm"):
        raise RuntimeError(f"expected scalar type {sa} but found {sb}")
    if node.startswith("Mv"):
        raise RuntimeError(f"addmv input tensors must have the same dtype, but got {sb}, {sa}, and {sb}")
    raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: {_CPP_NAMES[da.name]} != "
                       f"{_CPP_NAMES[db.name]}")


class Dot(Mm):
    pass


class Mv(Mm):
    pass


class Bmm(Mm):
    pass


class UnsafeView(Mm):
    pass


def matmul(input, other):
    na, nb = input.ndim, getattr(other, "ndim", 0)
    if na == 2 and nb == 2:
        return Mm.apply(input, other)
    if na == 1 and nb == 1:
        return Dot.apply(input, other)
    if na == 2 and nb == 1:
        return Mv.apply(input, other)
    if na == 3 and nb == 3:
        return Bmm.apply(input, other)
    return UnsafeView.apply(input, other)


def mm(input, mat2):
    if input.ndim != 2 or mat2.ndim != 2:
        raise RuntimeError(f"mm: expected 2D tensors, got {input.ndim}D and {mat2.ndim}D")
    return Mm.apply(input, mat2)


def bmm(input, mat2):
    if input.ndim != 3 or mat2.ndim != 3:
        raise RuntimeError(f"batch1 must be a 3D tensor, got {input.ndim}D and {mat2.ndim}D")
    if input.shape[0] != mat2.shape[0]:
        raise RuntimeError(f"batch1 and batch2 must have same number of batches, got {input.shape[0]} and {mat2.shape[0]}")
    return Bmm.apply(input, mat2)


def dot(input, other):
    if input.ndim != 1 or other.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {input.ndim}D and {other.ndim}D tensors")
    return Dot.apply(input, other)


def mv(input, vec):
    return Mv.apply(input, vec)


register_method("matmul", "__matmul__")(matmul)
register_method("__rmatmul__")(lambda self, other: matmul(other, self))
register_method("mm")(mm)
register_method("bmm")(bmm)
register_method("dot", "inner")(dot)
register_method("mv")(mv)
